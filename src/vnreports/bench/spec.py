"""The benchmark's computations written with polars and with pandas, to compare with the SQL models.

Each engine reads the curated Parquet tables (the synthetic panel of `make bench`, or any curated
folder) and computes, with the same rules as the SQL models:

- `rankings`: mart_rankings (sql/40_marts/41_mart_rankings.sql): reported ranks; computed ranks
  within the province and nationally (one value per district, series and date, ties share a rank,
  direction from the metric, at least two districts of the province); implied ranks of the other
  districts of the statement's province;
- `vs_average`: mart_vs_provincial_average: district rates against the provincial average the same
  report states;
- `rates`: the rate checks of mart_reconciliation (a stated rate against its amount and plan).

Values are compared as float64, as the SQL model orders them as DOUBLE. The results have the
columns of `COMPARE_COLUMNS`, so that the three engines can be checked row for row.
"""

from __future__ import annotations

FIGURE_COLUMNS = [
    "report_file", "figure_id", "level", "district_code", "programme_code", "project_code", "metric_code",
    "figure_type", "value_canonical", "denominator_canonical", "unit_canonical", "rank", "rank_of",
    "notation_kind", "as_of", "part_of", "computed_from", "ranked_after_codes", "decimals_written",
]
SERIES = ["metric_code", "programme_code", "project_code"]
COMPARE_COLUMNS = {
    "rankings": ["district_code", "metric_code", "programme_code", "project_code", "as_of", "source", "rank",
                 "rank_of", "rank_min", "rank_max", "value_min", "value_max", "rank_national", "rank_of_national",
                 "report_file", "figure_id"],
    "vs_average": ["report_file", "figure_id", "district_code", "metric_code", "programme_code", "project_code",
                   "as_of", "district_value", "province_value", "difference", "above_average",
                   "better_than_average"],
    "rates": ["report_file", "figure_id", "metric_code", "stated", "computed", "tolerance", "ok"],
}
# The same rows from the warehouse built by the SQL models.
DUCKDB_QUERIES = {
    "rankings": "SELECT " + ", ".join(COMPARE_COLUMNS["rankings"]) + " FROM rankings",
    "vs_average": "SELECT " + ", ".join(COMPARE_COLUMNS["vs_average"]) + " FROM mart_vs_provincial_average",
    "rates": "SELECT " + ", ".join(COMPARE_COLUMNS["rates"]) + " FROM mart_reconciliation WHERE check_kind = 'rate'",
}
EPS = 1e-9  # float64 slack when comparing numbers that are exact to 6 decimals


# -- polars -------------------------------------------------------------------------------------
