-- Where does each district stand? Three sources of ranks:
--   reported: the rank a report states;
--   computed: ranked here, among the districts that have a value for one metric and date;
--   implied:  what a partial statement says about the other districts ("thứ 2/11, sau huyện
--             Đình Lập", "cao nhất", "thấp nhất"): a rank or a range of ranks and a bound on the value.
CREATE TABLE mart_rankings AS
WITH district_values AS (
    SELECT f.district_code, f.metric_code, f.programme_code, f.project_code, f.as_of,
           f.value_canonical AS value, m.higher_is_better, f.report_file, f.figure_id, f.quote
    FROM fact_figure f JOIN dim_metric m USING (metric_code)
    WHERE f.level = 'district' AND f.figure_type = 'actual' AND NOT f.is_rank AND f.part_of IS NULL
      AND m.higher_is_better IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY f.district_code, f.metric_code, f.programme_code, f.project_code,
                                            f.as_of, f.value_canonical ORDER BY f.report_file, f.figure_id) = 1
),
single_values AS (  -- a district with two different values for one metric and date is not ranked
    SELECT * FROM district_values
    QUALIFY count(*) OVER (PARTITION BY district_code, metric_code, programme_code, project_code, as_of) = 1
),
reported AS (
    SELECT district_code, metric_code, programme_code, project_code, as_of, rank, rank_of,
           rank AS rank_min, rank AS rank_max, NULL::DECIMAL(38, 6) AS value_min, NULL::DECIMAL(38, 6) AS value_max,
           'reported' AS source, report_file, figure_id, quote
    FROM fact_reported_rank WHERE level = 'district'
),
computed AS (
    SELECT district_code, metric_code, programme_code, project_code, as_of,
           rank() OVER (PARTITION BY metric_code, programme_code, project_code, as_of
                        ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END) AS rank,
           count(*) OVER (PARTITION BY metric_code, programme_code, project_code, as_of) AS rank_of,
           NULL::INTEGER AS rank_min, NULL::INTEGER AS rank_max, value AS value_min, value AS value_max,
           'computed' AS source, report_file, figure_id, quote
    FROM single_values
    QUALIFY count(*) OVER (PARTITION BY metric_code, programme_code, project_code, as_of) >= 2
),
statements AS (  -- each reported district rank with the value behind it, where the report gives one
    SELECT r.*, v.value AS own_value, m.higher_is_better
    FROM fact_reported_rank r
    JOIN dim_metric m USING (metric_code)
    LEFT JOIN single_values v ON v.district_code = r.district_code AND v.metric_code = r.metric_code
         AND v.programme_code = r.programme_code AND v.project_code IS NOT DISTINCT FROM r.project_code
         AND v.as_of = r.as_of
    WHERE r.level = 'district'
),
named_above AS (  -- "sau huyện X": X ranks above
    SELECT a.code AS district_code, s.metric_code, s.programme_code, s.project_code, s.as_of,
           1 AS rank_min, s.rank - 1 AS rank_max, s.rank_of,
           CASE WHEN s.higher_is_better THEN s.own_value END AS value_min,
           CASE WHEN NOT s.higher_is_better THEN s.own_value END AS value_max,
           s.report_file, s.figure_id, s.quote
    FROM statements s, unnest(s.ranked_after_codes) AS a(code)
),
the_rest AS (  -- everyone else, when the statement says who is above (or that nobody is / everybody is)
    SELECT d.district_code, s.metric_code, s.programme_code, s.project_code, s.as_of,
           CASE WHEN s.rank = s.rank_of THEN 1 ELSE s.rank + 1 END AS rank_min,
           CASE WHEN s.rank = s.rank_of THEN s.rank_of - 1 ELSE s.rank_of END AS rank_max, s.rank_of,
           CASE WHEN (s.rank = s.rank_of) = s.higher_is_better THEN s.own_value END AS value_min,
           CASE WHEN (s.rank = s.rank_of) <> s.higher_is_better THEN s.own_value END AS value_max,
           s.report_file, s.figure_id, s.quote
    FROM statements s CROSS JOIN dim_district d
    WHERE d.district_code <> s.district_code
      AND NOT list_contains(coalesce(s.ranked_after_codes, []), d.district_code)
      AND (s.rank = 1 OR s.rank = s.rank_of OR len(coalesce(s.ranked_after_codes, [])) = s.rank - 1)
),
implied AS (
    SELECT district_code, metric_code, programme_code, project_code, as_of,
           CASE WHEN rank_min = rank_max THEN rank_min END AS rank, rank_of, rank_min, rank_max,
           value_min, value_max, 'implied' AS source, report_file, figure_id, quote
    FROM (SELECT * FROM named_above UNION ALL SELECT * FROM the_rest)
)
SELECT *,
       CASE source
           WHEN 'reported' THEN 'thứ ' || rank || '/' || rank_of || ' huyện, thành phố'
           WHEN 'computed' THEN 'thứ ' || rank || '/' || rank_of || ' (trong các huyện có số liệu)'
           ELSE CASE WHEN rank IS NOT NULL THEN 'thứ ' || rank || '/' || rank_of || ' huyện, thành phố (suy ra)'
                     ELSE 'thứ ' || rank_min || '–' || rank_max || '/' || rank_of || ' (suy ra)' END
       END AS label
FROM (SELECT * FROM reported UNION ALL BY NAME SELECT * FROM computed UNION ALL BY NAME SELECT * FROM implied);

COMMENT ON TABLE mart_rankings IS 'Xếp hạng huyện: báo cáo nêu, tính lại, suy ra — district rankings: reported, computed, implied';
COMMENT ON COLUMN mart_rankings.rank IS 'Thứ hạng (NULL khi chỉ biết khoảng) — rank; NULL when only a range is known';
COMMENT ON COLUMN mart_rankings.rank_of IS 'Số đơn vị được xếp hạng — number of ranked units (computed: districts with a value)';
COMMENT ON COLUMN mart_rankings.rank_min IS 'Thứ hạng tốt nhất có thể — best possible rank';
COMMENT ON COLUMN mart_rankings.rank_max IS 'Thứ hạng kém nhất có thể — worst possible rank';
COMMENT ON COLUMN mart_rankings.value_min IS 'Giá trị tối thiểu suy ra (hoặc giá trị, với computed) — lower bound on the value';
COMMENT ON COLUMN mart_rankings.value_max IS 'Giá trị tối đa suy ra (hoặc giá trị, với computed) — upper bound on the value';
COMMENT ON COLUMN mart_rankings.source IS 'reported (báo cáo nêu) / computed (tính lại) / implied (suy ra)';
COMMENT ON COLUMN mart_rankings.figure_id IS 'Số liệu gốc của dòng — the figure the row comes from';
COMMENT ON COLUMN mart_rankings.label IS 'Nhãn tiếng Việt (thứ 4/11 huyện, thành phố) — Vietnamese label';
