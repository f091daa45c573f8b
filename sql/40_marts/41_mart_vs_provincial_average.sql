-- grain: report_file, figure_id
-- references: report_file -> dim_report, district_code -> dim_district, metric_code -> dim_metric
-- references: programme_code -> dim_programme, project_code -> dim_programme.programme_code, as_of -> dim_date.date_key
-- A district's rate or average against the provincial average the same report gives
-- (province-level totals are not averages and are left out).
CREATE TABLE mart_vs_provincial_average AS
SELECT d.report_file, d.figure_id, d.district_code, d.metric_code, d.programme_code, d.project_code, d.as_of,
       d.value_canonical AS district_value, p.value_canonical AS province_value, d.unit_canonical AS unit,
       (d.value_canonical - p.value_canonical)::DECIMAL(18, 4) AS difference,
       d.value_canonical > p.value_canonical AS above_average,
       CASE WHEN m.higher_is_better THEN d.value_canonical > p.value_canonical
            WHEN NOT m.higher_is_better THEN d.value_canonical < p.value_canonical END AS better_than_average,
       CASE WHEN d.value_canonical > p.value_canonical THEN 'cao hơn' WHEN d.value_canonical < p.value_canonical
            THEN 'thấp hơn' ELSE 'bằng' END || ' bình quân tỉnh '
           || vi_num(abs(d.value_canonical - p.value_canonical), 2)
           || CASE WHEN d.unit_canonical = '%' THEN ' điểm phần trăm' ELSE ' ' || d.unit_canonical END AS label,
       d.quote, p.quote AS province_quote
FROM fact_figure AS d
INNER JOIN fact_figure AS p ON p.level = 'province' AND p.report_file = d.report_file AND p.metric_code = d.metric_code
     AND p.programme_code = d.programme_code AND p.project_code IS NOT DISTINCT FROM d.project_code
     AND p.as_of = d.as_of AND p.figure_type = 'actual' AND NOT p.is_rank AND p.unit_canonical = d.unit_canonical
INNER JOIN dim_metric AS m ON m.metric_code = d.metric_code
WHERE d.level = 'district' AND d.figure_type = 'actual' AND NOT d.is_rank
  AND m.unit_kind IN ('percent', 'criteria_avg');

COMMENT ON TABLE mart_vs_provincial_average IS 'So sánh với bình quân toàn tỉnh do báo cáo nêu — district figures against the stated provincial average';
COMMENT ON COLUMN mart_vs_provincial_average.district_value IS 'Giá trị của huyện — district value';
COMMENT ON COLUMN mart_vs_provincial_average.province_value IS 'Bình quân toàn tỉnh — provincial average';
COMMENT ON COLUMN mart_vs_provincial_average.unit IS 'Đơn vị (% → chênh lệch tính bằng điểm phần trăm) — unit';
COMMENT ON COLUMN mart_vs_provincial_average.difference IS 'Chênh lệch = huyện − tỉnh (điểm % với tỷ lệ) — difference (percentage points for rates)';
COMMENT ON COLUMN mart_vs_provincial_average.above_average IS 'Cao hơn bình quân tỉnh — above the average';
COMMENT ON COLUMN mart_vs_provincial_average.better_than_average IS 'Tốt hơn bình quân (theo chiều của chỉ tiêu) — better than the average';
COMMENT ON COLUMN mart_vs_provincial_average.label IS 'Nhãn tiếng Việt (cao hơn bình quân tỉnh 8,7 điểm phần trăm) — Vietnamese label';
COMMENT ON COLUMN mart_vs_provincial_average.province_quote IS 'Trích dẫn số bình quân tỉnh — quote of the provincial average';
