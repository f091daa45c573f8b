-- Is each stated rank consistent with the values we hold for other districts?
-- A district stated "thứ r/N" can have at most r-1 districts with a better value and at most
-- N-r with a worse one.
CREATE TABLE mart_rank_checks AS
WITH own AS (
    SELECT r.report_file, r.figure_id, r.district_code, r.metric_code, r.programme_code, r.project_code, r.as_of,
           r.rank, r.rank_of, r.quote, v.value_min AS own_value, v.rank AS computed_rank, v.rank_of AS computed_rank_of
    FROM mart_rankings r
    LEFT JOIN mart_rankings v ON v.source = 'computed' AND v.district_code = r.district_code
         AND v.metric_code = r.metric_code AND v.programme_code = r.programme_code
         AND v.project_code IS NOT DISTINCT FROM r.project_code AND v.as_of = r.as_of
    WHERE r.source = 'reported'
),
counted AS (
    SELECT o.report_file, o.figure_id, o.district_code, o.metric_code, o.programme_code, o.project_code, o.as_of,
           o.rank, o.rank_of, o.quote, o.own_value, o.computed_rank, o.computed_rank_of, m.higher_is_better,
           count(*) FILTER (CASE WHEN m.higher_is_better THEN x.value_min > o.own_value
                                 ELSE x.value_min < o.own_value END) AS known_better,
           count(*) FILTER (CASE WHEN m.higher_is_better THEN x.value_min < o.own_value
                                 ELSE x.value_min > o.own_value END) AS known_worse
    FROM own o
    JOIN dim_metric m USING (metric_code)
    LEFT JOIN mart_rankings x ON x.source = 'computed' AND x.district_code <> o.district_code
         AND x.metric_code = o.metric_code AND x.programme_code = o.programme_code
         AND x.project_code IS NOT DISTINCT FROM o.project_code AND x.as_of = o.as_of
    GROUP BY ALL
)
SELECT *, known_better <= rank - 1 AND known_worse <= rank_of - rank AS consistent
FROM counted;

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
