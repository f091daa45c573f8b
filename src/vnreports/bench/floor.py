"""The floor of the rankings in DuckDB: the bare ranking query on the same figures, its result counted, not stored.

The floor is the part of `mart_rankings` (sql/40_marts/41_mart_rankings.sql) that no formulation can
skip: one value per district, series and date (the single-value aggregate over the warehouse's
figures) and the two window ranks with their counts (in the province, in the country). Its rows are
counted and hashed in the query (so that every column is computed) and nothing is written.

Between the floor and the model lie, measured one at a time by `stage_queries`: the rest of the
model (reported and implied ranks, the union, the casts), counted the same way; writing the rows
into the warehouse; and the `ORDER BY district_key` that clusters them for a district's history.
"""

from __future__ import annotations

import re

FLOOR_SQL = """
WITH districts AS (
    SELECT district_code, district_key, (dense_rank() OVER (ORDER BY province_code))::integer AS province_key
    FROM dim_district
),
single_values AS (
    SELECT d.district_key, any_value(d.province_key) AS province_key, s.series_key, f.as_of,
           min(f.value_canonical) AS value, min(f.figure_num) AS figure_num
    FROM fact_figure AS f
    INNER JOIN dim_series AS s ON s.metric_code = f.metric_code AND s.programme_code = f.programme_code
         AND s.project_code IS NOT DISTINCT FROM f.project_code
    INNER JOIN districts AS d ON d.district_code = f.district_code
    WHERE f.level = 'district' AND f.figure_type = 'actual' AND NOT f.is_rank AND f.part_of IS NULL
      AND s.higher_is_better IS NOT NULL
    GROUP BY d.district_key, s.series_key, f.as_of
    HAVING min(f.value_canonical) = max(f.value_canonical)
),
ranked AS (
    SELECT v.district_key, v.series_key, v.as_of, v.value, v.figure_num,
           rank() OVER province AS rank, count(*) OVER (PARTITION BY v.cell_key, v.province_key) AS rank_of,
           rank() OVER national AS rank_national, count(*) OVER (PARTITION BY v.cell_key) AS rank_of_national
    FROM (SELECT *, (series_key::bigint << 32) + (as_of - date '1900-01-01') AS cell_key FROM single_values) AS v
    INNER JOIN dim_series AS s USING (series_key)
    WINDOW province AS (PARTITION BY v.cell_key, v.province_key
                        ORDER BY (CASE WHEN s.higher_is_better THEN -v.value ELSE v.value END)::double),
           national AS (PARTITION BY v.cell_key
                        ORDER BY (CASE WHEN s.higher_is_better THEN -v.value ELSE v.value END)::double)
)
SELECT count(*), sum(hash(r)) FROM (SELECT * FROM ranked WHERE rank_of >= 2) AS r
"""


def _model_select(model_sql: str) -> tuple[str, str]:
    """The model's query without its CREATE TABLE, and without then with the final ORDER BY."""
    m = re.search(r"CREATE TABLE mart_rankings AS\s*(.*?)\s*(ORDER BY r\.district_key)\s*;", model_sql, re.DOTALL)
    if not m:
        raise ValueError("41_mart_rankings.sql: expected 'CREATE TABLE mart_rankings AS … ORDER BY r.district_key;'")
    return m.group(1), m.group(1) + "\n" + m.group(2)


def stage_queries(model_sql: str) -> dict[str, list[str]]:
    """Name → statements, from the floor to the whole model (each later stage adds one thing)."""
    unordered, _ = _model_select(model_sql)
    enum = re.search(r"CREATE TYPE rank_source AS[^;]*;", model_sql).group(0)
    return {
        "floor": [FLOOR_SQL],
        "model, counted": ["DROP TYPE IF EXISTS bench_rank_source",
                           enum.replace("rank_source", "bench_rank_source", 1),
                           "SELECT count(*), sum(hash(r)) FROM ("
                           + unordered.replace("::rank_source", "::bench_rank_source") + ") AS r"],
        "model, stored": ["DROP TABLE IF EXISTS bench_rankings_unordered", "DROP TYPE IF EXISTS bench_rank_source",
                          enum.replace("rank_source", "bench_rank_source", 1),
                          "CREATE TABLE bench_rankings_unordered AS "
                          + unordered.replace("::rank_source", "::bench_rank_source")],
    }


CLEANUP = ["DROP TABLE IF EXISTS bench_rankings_unordered", "DROP TYPE IF EXISTS bench_rank_source"]
