-- grain: report_file, commune_code, criteria_set
-- references: report_file -> dim_report, district_code -> dim_district, commune_code -> dim_commune, as_of -> dim_date.date_key
-- One row per report × commune × criteria set (ntm: 19 criteria; model village: 9; model commune: 4).
CREATE TABLE fact_ntm_progress AS
WITH f AS (
    SELECT *, CASE metric_code WHEN 'ntm_model_village_criteria_met' THEN 'model_village'
                               WHEN 'ntm_model_commune_criteria_met' THEN 'model_commune'
                               ELSE 'ntm' END AS criteria_set
    FROM fact_figure
    WHERE level = 'commune' AND metric_code IN ('ntm_criteria_met', 'ntm_criteria_unmet', 'ntm_unmet_criterion',
          'ntm_target_year', 'ntm_model_target_year', 'ntm_criterion_target_year',
          'ntm_model_village_criteria_met', 'ntm_model_commune_criteria_met')
)
SELECT
    report_file, district_code, commune_code, criteria_set,
    max(as_of) FILTER (metric_code LIKE '%criteria_met') AS as_of,
    max(value_canonical) FILTER (metric_code LIKE '%criteria_met')::INTEGER AS criteria_met,
    coalesce(max(denominator_canonical) FILTER (metric_code LIKE '%criteria_met'),
             CASE criteria_set WHEN 'ntm' THEN 19 WHEN 'model_village' THEN 9 ELSE 4 END)::INTEGER AS criteria_total,
    max(value_canonical) FILTER (metric_code = 'ntm_criteria_unmet')::INTEGER AS criteria_unmet_stated,
    list(DISTINCT value_canonical::INTEGER ORDER BY value_canonical::INTEGER)
        FILTER (metric_code = 'ntm_unmet_criterion') AS unmet_criteria_listed,
    max(value_canonical) FILTER (metric_code = 'ntm_target_year')::INTEGER AS target_year,
    max(value_canonical) FILTER (metric_code = 'ntm_model_target_year')::INTEGER AS model_target_year,
    coalesce(min(value_canonical) FILTER (metric_code LIKE '%criteria_met')
             <> max(value_canonical) FILTER (metric_code LIKE '%criteria_met'), false)
        OR coalesce(min(value_canonical) FILTER (metric_code = 'ntm_criteria_unmet')
                    <> max(value_canonical) FILTER (metric_code = 'ntm_criteria_unmet'), false) AS conflicting,
    list(figure_id ORDER BY figure_id) AS figure_ids,
    min(quote) FILTER (metric_code LIKE '%criteria_met') AS quote
FROM f
GROUP BY report_file, district_code, commune_code, criteria_set;

COMMENT ON TABLE fact_ntm_progress IS 'Tiến độ nông thôn mới theo xã: tiêu chí đạt, chưa đạt, năm phấn đấu — grain: report × commune × criteria set';
COMMENT ON COLUMN fact_ntm_progress.criteria_set IS 'Bộ tiêu chí: ntm (19), model_village (khu dân cư kiểu mẫu, 9), model_commune (xã kiểu mẫu, 4)';
COMMENT ON COLUMN fact_ntm_progress.as_of IS 'Ngày số liệu tiêu chí — date of the criteria count';
COMMENT ON COLUMN fact_ntm_progress.criteria_met IS 'Số tiêu chí đã đạt — criteria met';
COMMENT ON COLUMN fact_ntm_progress.criteria_total IS 'Tổng số tiêu chí của bộ — criteria in the set';
COMMENT ON COLUMN fact_ntm_progress.criteria_unmet_stated IS 'Số tiêu chí chưa đạt báo cáo nêu — unmet criteria as stated';
COMMENT ON COLUMN fact_ntm_progress.unmet_criteria_listed IS 'Số thứ tự các tiêu chí chưa đạt được liệt kê — numbers of the unmet criteria listed';
COMMENT ON COLUMN fact_ntm_progress.target_year IS 'Năm phấn đấu đạt chuẩn NTM — target year for the new-rural standard';
COMMENT ON COLUMN fact_ntm_progress.model_target_year IS 'Năm phấn đấu đạt chuẩn NTM nâng cao / kiểu mẫu — target year for the advanced/model standard';
COMMENT ON COLUMN fact_ntm_progress.conflicting IS 'Báo cáo nêu hai số khác nhau — the report states two different counts';
COMMENT ON COLUMN fact_ntm_progress.figure_ids IS 'Các figure_id tạo nên dòng này — figures behind this row';
COMMENT ON COLUMN fact_ntm_progress.quote IS 'Trích dẫn số tiêu chí đã đạt — quote of the criteria count';
