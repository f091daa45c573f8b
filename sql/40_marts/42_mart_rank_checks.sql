-- grain: report_file, figure_id
-- references: report_file -> dim_report, district_code -> dim_district, metric_code -> dim_metric
-- references: programme_code -> dim_programme, project_code -> dim_programme.programme_code, as_of -> dim_date.date_key
-- Is each stated rank consistent with the values we hold for other districts?
-- A district stated "thứ r/N" can have at most r-1 districts with a better value and at most
-- N-r with a worse one.
CREATE TABLE mart_rank_checks AS
WITH stated AS (SELECT DISTINCT series_key, as_of FROM mart_rankings WHERE source = 'reported'),
computed AS (  -- the values we hold for the series and dates that reports rank, with their province
    SELECT d.district_code, d.province_code, r.series_key, r.as_of, r.value_min AS value, r.rank, r.rank_of
    FROM mart_rankings AS r SEMI JOIN stated USING (series_key, as_of)
    INNER JOIN dim_district AS d USING (district_key)
    WHERE r.source = 'computed'
),
own AS (
    SELECT r.figure_num, d.district_code, d.province_code, r.series_key, r.as_of, r.rank, r.rank_of,
           v.value AS own_value, v.rank AS computed_rank, v.rank_of AS computed_rank_of
    FROM mart_rankings AS r
    INNER JOIN dim_district AS d USING (district_key)
    LEFT JOIN computed AS v ON v.district_code = d.district_code AND v.series_key = r.series_key AND v.as_of = r.as_of
    WHERE r.source = 'reported'
),
counted AS (  -- only districts of the same province: a stated rank is a rank within the province
    SELECT o.figure_num, o.district_code, o.series_key, o.as_of, o.rank, o.rank_of, o.own_value, o.computed_rank,
           o.computed_rank_of, s.higher_is_better,
           count(*) FILTER (CASE WHEN s.higher_is_better THEN x.value > o.own_value
                                 ELSE x.value < o.own_value END) AS known_better,
           count(*) FILTER (CASE WHEN s.higher_is_better THEN x.value < o.own_value
                                 ELSE x.value > o.own_value END) AS known_worse
    FROM own AS o
    INNER JOIN dim_series AS s USING (series_key)
    LEFT JOIN computed AS x ON x.province_code = o.province_code AND x.district_code <> o.district_code
         AND x.series_key = o.series_key AND x.as_of = o.as_of
    GROUP BY ALL
)
SELECT f.report_file, f.figure_id, c.district_code, s.metric_code, s.programme_code, s.project_code, c.as_of,
       c.rank, c.rank_of, f.quote, c.own_value, c.computed_rank, c.computed_rank_of, c.higher_is_better,
       c.known_better, c.known_worse, c.known_better <= c.rank - 1 AND c.known_worse <= c.rank_of - c.rank AS consistent
FROM counted AS c INNER JOIN fact_reported_rank AS f USING (figure_num) INNER JOIN dim_series AS s USING (series_key);

COMMENT ON TABLE mart_rank_checks IS 'Đối chiếu thứ hạng báo cáo nêu với giá trị các huyện khác — reported ranks checked against known values';
COMMENT ON COLUMN mart_rank_checks.rank IS 'Thứ hạng báo cáo nêu — reported rank';
COMMENT ON COLUMN mart_rank_checks.rank_of IS 'Trên tổng số — out of';
COMMENT ON COLUMN mart_rank_checks.own_value IS 'Giá trị của huyện (nếu có) — the district''s own value, where known';
COMMENT ON COLUMN mart_rank_checks.computed_rank IS 'Thứ hạng tính lại trong các huyện có số liệu — computed rank among districts with values';
COMMENT ON COLUMN mart_rank_checks.computed_rank_of IS 'Số huyện có số liệu — districts with a value';
COMMENT ON COLUMN mart_rank_checks.higher_is_better IS 'Cao hơn là tốt hơn — direction of the metric';
COMMENT ON COLUMN mart_rank_checks.known_better IS 'Số huyện đã biết có giá trị tốt hơn — known districts with a better value';
COMMENT ON COLUMN mart_rank_checks.known_worse IS 'Số huyện đã biết có giá trị kém hơn — known districts with a worse value';
COMMENT ON COLUMN mart_rank_checks.consistent IS 'Thứ hạng nêu phù hợp với các giá trị đã biết — the stated rank fits the known values';
