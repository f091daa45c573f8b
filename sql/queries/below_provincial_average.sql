-- Câu hỏi: huyện nào thấp hơn (kém hơn) bình quân toàn tỉnh, theo chính báo cáo?
-- Question: districts below the provincial average the same report gives (and by how much).
SELECT d.district_name, m.label_vi AS chi_tieu, a.programme_code, a.as_of,
       a.district_value, a.province_value, a.difference, a.label, r.report_label, a.report_file, a.quote
FROM mart_vs_provincial_average AS a
INNER JOIN dim_district AS d USING (district_code)
INNER JOIN dim_metric AS m USING (metric_code)
INNER JOIN dim_report AS r USING (report_file)
WHERE NOT a.better_than_average
ORDER BY a.as_of, d.district_name COLLATE vi;
