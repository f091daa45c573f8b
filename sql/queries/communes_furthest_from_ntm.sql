-- Câu hỏi: xã nào còn xa chuẩn nông thôn mới nhất (thiếu nhiều tiêu chí nhất), số liệu mới nhất của mỗi xã?
-- Question: communes furthest from the new-rural standard (most criteria missing), latest figure per commune.
SELECT c.commune_name, d.district_name, n.criteria_met, n.criteria_total,
       n.criteria_total - n.criteria_met AS criteria_missing, n.target_year, n.as_of,
       n.unmet_criteria_listed, r.report_label, n.report_file, n.quote
FROM fact_ntm_progress AS n
INNER JOIN dim_commune AS c USING (commune_code)
INNER JOIN dim_district AS d ON d.district_code = n.district_code
INNER JOIN dim_report AS r ON r.report_file = n.report_file
WHERE n.criteria_set = 'ntm' AND n.criteria_met IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY n.commune_code ORDER BY n.as_of DESC) = 1
ORDER BY criteria_missing DESC, c.commune_name COLLATE vi;
