-- Câu hỏi: các con số của một huyện theo thời gian (mọi báo cáo).
-- Question: one district's figures over time, across all reports.
-- Biến: district (tên, mặc định Lộc Bình; so khớp không dấu hoa/thường).
SELECT f.as_of, f.report_label, f.report_file, f.programme_code, f.metric_code, f.figure_type, f.number_text,
       f.value, f.unit, f.rank_of, f.quote
FROM figures AS f
INNER JOIN dim_district AS d USING (district_code)
WHERE lower(d.short_name) = lower(coalesce(getvariable('district'), 'Lộc Bình'))
ORDER BY f.as_of, f.metric_code, f.figure_id;
