-- grain: district_key, series_key, as_of, source, figure_num
-- references: district_key -> dim_district, series_key -> dim_series, as_of -> dim_date.date_key, figure_num -> fact_figure
-- Where does each district stand? Three sources of ranks:
--   reported: the rank a report states;
--   computed: ranked here among the districts of the same province that have a value for one
--             series (metric × programme/project) and date, and among all districts of the
--             country (rank_national);
--   implied:  what a partial statement says about the other districts of its province ("thứ 2/11,
--             sau huyện Đình Lập", "cao nhất", "thấp nhất"): a rank or a range of ranks and a bound
--             on the value; and the rank of a district named after the leader in a superlative list
--             ("nhiều nhất là Bắc Sơn …; Cao Lộc …": Cao Lộc 2/11, fact_reported_rank.rank_source =
--             'superlative_list'), which is inferred, never reported, and implies nothing further.
-- Layout for national scale (700 districts, ten million figures; docs/performance.md): the work
-- is done on integer keys (dim_district.district_key, dim_series.series_key, a number per
-- province), the table keeps keys and numbers only (source is an ENUM), clustered by district.
-- The rankings view adds codes, names, the label and the figure's quote.
CREATE TYPE rank_source AS enum('reported', 'computed', 'implied');
CREATE TABLE mart_rankings AS
WITH districts AS (
    SELECT district_code, district_key, (dense_rank() OVER (ORDER BY province_code))::integer AS province_key
    FROM dim_district
),
single_values AS (  -- one value per district, series and date; a district with two different values is not ranked
    SELECT d.district_key, any_value(d.province_key) AS province_key, s.series_key, f.as_of,
           min(f.value_canonical) AS value,
           min(f.figure_num) AS figure_num  -- the first figure stating it, in (report_file, figure_id) order
    FROM fact_figure AS f
    INNER JOIN dim_series AS s ON s.metric_code = f.metric_code AND s.programme_code = f.programme_code
         AND s.project_code IS NOT DISTINCT FROM f.project_code
    INNER JOIN districts AS d ON d.district_code = f.district_code
    WHERE f.level = 'district' AND f.figure_type = 'actual' AND NOT f.is_rank AND f.part_of IS NULL
      AND s.higher_is_better IS NOT NULL
    GROUP BY d.district_key, s.series_key, f.as_of
    HAVING min(f.value_canonical) = max(f.value_canonical)
),
computed AS (  -- ties share a rank; at least two districts of the province must have a value.
    -- cell_key is one integer for (series, date), so the two window sorts compare one number, and values
    -- are ordered as DOUBLE rather than DECIMAL(38,6): distinct values stay distinct unless they differ by
    -- less than about one part in 10^15.
    SELECT * FROM (
        SELECT v.district_key, v.series_key, v.as_of, v.value AS value_min, v.value AS value_max, v.figure_num,
               rank() OVER province AS rank, count(*) OVER (PARTITION BY v.cell_key, v.province_key) AS rank_of,
               rank() OVER national AS rank_national, count(*) OVER (PARTITION BY v.cell_key) AS rank_of_national
        FROM (SELECT *, (series_key::bigint << 32) + (as_of - date '1900-01-01') AS cell_key FROM single_values) AS v
        INNER JOIN dim_series AS s USING (series_key)
        WINDOW province AS (PARTITION BY v.cell_key, v.province_key
                            ORDER BY (CASE WHEN s.higher_is_better THEN -v.value ELSE v.value END)::double),
               national AS (PARTITION BY v.cell_key
                            ORDER BY (CASE WHEN s.higher_is_better THEN -v.value ELSE v.value END)::double)
    ) WHERE rank_of >= 2
),
stated AS (
    SELECT r.rank, r.rank_of, r.as_of, r.ranked_after_codes, r.figure_num, r.rank_source, d.district_key, d.province_key,
           s.series_key, s.higher_is_better, s.metric_code, s.programme_code, s.project_code, r.district_code
    FROM fact_reported_rank AS r
    INNER JOIN districts AS d USING (district_code)
    INNER JOIN dim_series AS s ON s.metric_code = r.metric_code AND s.programme_code = r.programme_code
         AND s.project_code IS NOT DISTINCT FROM r.project_code
    WHERE r.level = 'district'
),
statements AS (  -- each reported district rank with the district's own value, where the reports give one
    -- (looked up for the stated cells only: joining single_values would make DuckDB keep all of it)
    SELECT st.*, (SELECT CASE WHEN min(f.value_canonical) = max(f.value_canonical) THEN min(f.value_canonical) END
                  FROM fact_figure AS f
                  WHERE f.district_code = st.district_code AND f.metric_code = st.metric_code
                    AND f.programme_code = st.programme_code AND f.project_code IS NOT DISTINCT FROM st.project_code
                    AND f.as_of = st.as_of AND f.level = 'district' AND f.figure_type = 'actual' AND NOT f.is_rank
                    AND f.part_of IS NULL AND st.higher_is_better IS NOT NULL) AS own_value
    FROM stated AS st
),
reported AS (
    SELECT district_key, series_key, as_of, rank, rank_of, rank AS rank_min, rank AS rank_max, figure_num
    FROM statements WHERE rank_source <> 'superlative_list'
),
listed AS (  -- "nhiều nhất là A …; B …": B's rank is inferred from the order of the list
    SELECT district_key, series_key, as_of, rank AS rank_min, rank AS rank_max, rank_of, figure_num
    FROM statements WHERE rank_source = 'superlative_list'
),
named_above AS (  -- "sau huyện X": X ranks above
    SELECT d.district_key, s.series_key, s.as_of, 1 AS rank_min, s.rank - 1 AS rank_max, s.rank_of,
           CASE WHEN s.higher_is_better THEN s.own_value END AS value_min,
           CASE WHEN NOT s.higher_is_better THEN s.own_value END AS value_max, s.figure_num
    FROM statements AS s CROSS JOIN unnest(s.ranked_after_codes) AS a (code)
    INNER JOIN districts AS d ON d.district_code = a.code
    WHERE s.rank_source <> 'superlative_list'
),
the_rest AS (  -- everyone else in the statement's province, when it says who is above (or that nobody / everybody is)
    SELECT d.district_key, s.series_key, s.as_of,
           CASE WHEN s.rank = s.rank_of THEN 1 ELSE s.rank + 1 END AS rank_min,
           CASE WHEN s.rank = s.rank_of THEN s.rank_of - 1 ELSE s.rank_of END AS rank_max, s.rank_of,
           CASE WHEN (s.rank = s.rank_of) = s.higher_is_better THEN s.own_value END AS value_min,
           CASE WHEN (s.rank = s.rank_of) <> s.higher_is_better THEN s.own_value END AS value_max, s.figure_num
    FROM statements AS s INNER JOIN districts AS d ON d.province_key = s.province_key
    WHERE d.district_key <> s.district_key AND s.rank_source <> 'superlative_list'
      AND NOT list_contains(coalesce(s.ranked_after_codes, []), d.district_code)
      AND (s.rank = 1 OR s.rank = s.rank_of OR len(coalesce(s.ranked_after_codes, [])) = s.rank - 1)
),
implied AS (
    SELECT *, CASE WHEN rank_min = rank_max THEN rank_min END AS rank
    FROM (SELECT * FROM named_above UNION ALL SELECT * FROM the_rest UNION ALL BY NAME SELECT * FROM listed)
),
ranks AS (
    SELECT *, 'reported' AS source FROM reported
    UNION ALL BY NAME SELECT *, 'computed' AS source FROM computed
    UNION ALL BY NAME SELECT *, 'implied' AS source FROM implied
)
SELECT r.district_key, r.series_key, r.as_of, r.source::rank_source AS source, r.rank::integer AS rank, r.rank_of::integer AS rank_of,
       r.rank_min::integer AS rank_min, r.rank_max::integer AS rank_max,
       r.value_min::decimal(38, 6) AS value_min, r.value_max::decimal(38, 6) AS value_max,
       r.rank_national::integer AS rank_national, r.rank_of_national::integer AS rank_of_national, r.figure_num
FROM ranks AS r
ORDER BY r.district_key;  -- one district's rows together: a district's history reads one or two row groups

COMMENT ON TABLE mart_rankings IS 'Xếp hạng huyện: báo cáo nêu, tính lại (trong tỉnh và cả nước), suy ra; khóa và số, tên và trích dẫn ở view rankings — district rankings: reported, computed (province and country), implied';
COMMENT ON COLUMN mart_rankings.rank IS 'Thứ hạng trong tỉnh (NULL khi chỉ biết khoảng) — rank within the province; NULL when only a range is known';
COMMENT ON COLUMN mart_rankings.rank_of IS 'Số đơn vị được xếp hạng trong tỉnh — number of ranked units in the province (computed: districts with a value)';
COMMENT ON COLUMN mart_rankings.rank_min IS 'Thứ hạng tốt nhất có thể — best possible rank';
COMMENT ON COLUMN mart_rankings.rank_max IS 'Thứ hạng kém nhất có thể — worst possible rank';
COMMENT ON COLUMN mart_rankings.value_min IS 'Giá trị tối thiểu suy ra (hoặc giá trị, với computed) — lower bound on the value';
COMMENT ON COLUMN mart_rankings.value_max IS 'Giá trị tối đa suy ra (hoặc giá trị, với computed) — upper bound on the value';
COMMENT ON COLUMN mart_rankings.source IS 'reported (báo cáo nêu) / computed (tính lại) / implied (suy ra)';
COMMENT ON COLUMN mart_rankings.district_key IS 'Khóa số của huyện (dim_district.district_key) — district key';
COMMENT ON COLUMN mart_rankings.figure_num IS 'Số liệu gốc của dòng (fact_figure.figure_num) — the figure the row comes from';
