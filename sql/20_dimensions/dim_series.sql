-- grain: series_key
-- unique: metric_code, programme_code, project_code?
-- references: metric_code -> dim_metric, programme_code -> dim_programme, project_code -> dim_programme.programme_code
-- One row per data series: a metric for one programme, project or budget line, the unit that is
-- ranked and followed over time. series_key is a small integer: grouping and sorting ten million
-- figures on it is several times cheaper than on three codes (see docs/performance.md).
CREATE TABLE dim_series AS
SELECT (row_number() OVER (ORDER BY s.metric_code, s.programme_code, s.project_code NULLS FIRST))::INTEGER AS series_key,
       s.metric_code, s.programme_code, s.project_code, m.higher_is_better
FROM (SELECT DISTINCT metric_code, programme_code, project_code FROM stg_figures) AS s
LEFT JOIN dim_metric AS m USING (metric_code);

COMMENT ON TABLE dim_series IS 'Chuỗi số liệu: chỉ tiêu × chương trình/dự án — data series: a metric for one programme or project';
COMMENT ON COLUMN dim_series.series_key IS 'Khóa số của chuỗi (1, 2, …) — integer key of the series';
COMMENT ON COLUMN dim_series.higher_is_better IS 'Cao hơn là tốt hơn (từ dim_metric; NULL: không xếp hạng) — direction of the metric';
