-- Audits of mart_rankings, run on the new warehouse before it is swapped in (vnreports.build.audits):
-- each query returns the rows that are wrong; any row stops the build.

-- audit: every_stated_district_rank_is_reported
-- A rank a report states for a district is a `reported` row of mart_rankings (none is lost in a join);
-- one inferred from a superlative list ("nhiều nhất là A …; B …": B) is an `implied` row instead.
SELECT f.report_file, f.figure_id, f.district_code, f.metric_code, f.programme_code, f.as_of
FROM fact_reported_rank AS f
WHERE f.level = 'district'
  AND NOT EXISTS (SELECT 1 FROM mart_rankings AS r
                  WHERE r.figure_num = f.figure_num
                    AND r.source = CASE WHEN f.rank_source = 'superlative_list' THEN 'implied' ELSE 'reported' END);

-- audit: rank_within_its_range
-- A rank lies within 1 … rank_of, and a range of ranks is not empty.
SELECT district_key, series_key, as_of, source, figure_num, rank, rank_min, rank_max, rank_of
FROM mart_rankings
WHERE rank < 1 OR rank > rank_of OR rank_min > rank_max OR rank_max > rank_of OR rank_min < 1;
