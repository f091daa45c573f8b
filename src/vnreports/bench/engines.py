"""The benchmark's engines by name: how each loads the panel, computes each answer, and names its figures."""

from __future__ import annotations

from vnreports.bench.engine_pandas import (
    pandas_load,
    pandas_names,
    pandas_rankings,
    pandas_rates,
    pandas_tuned_rankings,
    pandas_tuned_vs_average,
    pandas_vs_average,
)
from vnreports.bench.engine_polars import polars_load, polars_names, polars_rankings, polars_rates, polars_vs_average
from vnreports.bench.spec import COMPARE_COLUMNS, DUCKDB_QUERIES  # noqa: F401  (the engines' contract, one import)

POLARS = {"rankings": polars_rankings, "vs_average": polars_vs_average, "rates": polars_rates}
# engine → (load, {answer: computation}, names): the rankings carry figure_num, as mart_rankings does;
# `names` attaches report_file and figure_id for the comparison, outside the timed computation.
ENGINES = {
    "polars": (lambda curated: polars_load(curated, in_memory=True), POLARS, polars_names),
    "polars_scan": (polars_load, POLARS, polars_names),
    "pandas": (pandas_load, {"rankings": pandas_rankings, "vs_average": pandas_vs_average, "rates": pandas_rates},
               pandas_names),
    "pandas_tuned": (lambda curated: pandas_load(curated, categories=True),
                     {"rankings": pandas_tuned_rankings, "vs_average": pandas_tuned_vs_average,
                      "rates": pandas_rates}, pandas_names),
}
