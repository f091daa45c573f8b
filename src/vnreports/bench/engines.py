"""The benchmark's engines by name: how each loads the panel and computes each answer."""

from __future__ import annotations

from vnreports.bench.engine_pandas import (
    pandas_load,
    pandas_rankings,
    pandas_rates,
    pandas_tuned_rankings,
    pandas_tuned_vs_average,
    pandas_vs_average,
)
from vnreports.bench.engine_polars import polars_load, polars_rankings, polars_rates, polars_vs_average
from vnreports.bench.spec import COMPARE_COLUMNS, DUCKDB_QUERIES  # noqa: F401  (the engines' contract, one import)

ENGINES = {
    "polars": (polars_load, {"rankings": polars_rankings, "vs_average": polars_vs_average, "rates": polars_rates}),
    "pandas": (pandas_load, {"rankings": pandas_rankings, "vs_average": pandas_vs_average, "rates": pandas_rates}),
    "pandas_tuned": (lambda curated: pandas_load(curated, categories=True),
                     {"rankings": pandas_tuned_rankings, "vs_average": pandas_tuned_vs_average,
                      "rates": pandas_rates}),
}
