-- grain: report_file, figure_id
-- references: report_file -> dim_report, district_code -> dim_district, commune_code -> dim_commune, metric_code -> dim_metric
-- references: programme_code -> dim_programme, project_code -> dim_programme.programme_code
-- references: stated_on -> dim_date.date_key, deadline -> dim_date.date_key
-- One row per target or forecast a report states (chỉ tiêu, yêu cầu, phấn đấu, ước).
CREATE TABLE fact_target AS
SELECT report_file, figure_id, level, district_code, commune_code, programme_code, project_code, metric_code,
       figure_type, value_canonical AS target_value, unit_canonical, qualifier, as_of AS stated_on,
       deadline, deadline_text, number_text, quote
FROM fact_figure
WHERE figure_type IN ('target', 'forecast');

COMMENT ON TABLE fact_target IS 'Chỉ tiêu, yêu cầu, dự báo và thời hạn — grain: one target or forecast';
COMMENT ON COLUMN fact_target.target_value IS 'Giá trị chỉ tiêu theo đơn vị chuẩn — target value, canonical unit';
COMMENT ON COLUMN fact_target.stated_on IS 'Ngày chỉ tiêu được nêu — date the target was set';
