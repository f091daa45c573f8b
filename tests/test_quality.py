"""Every Great Expectations suite can fail: broken data is fed and the right expectation fails."""

import shutil
from pathlib import Path

import duckdb
import pytest

from vnreports.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gx_env(tmp_path_factory):
    root = tmp_path_factory.mktemp("gx")
    for d in ("data/raw", "sql", "expectations"):
        shutil.copytree(ROOT / d, root / d, ignore=shutil.ignore_patterns("uncommitted"))
    assert main(["--root", str(root), "curate"]) == 0
    assert main(["--root", str(root), "warehouse"]) == 0
    import vnreports.checks.quality as quality

    ctx = quality.context(root)
    quality.ensure_checkpoints(ctx)
    con = duckdb.connect(str(root / "data" / "warehouse.duckdb"), read_only=True)
    yield root, ctx, quality, con, quality.parameters(con)
    con.close()


def run(gx_env, suite_name, mutate):
    root, ctx, quality, con, params = gx_env
    suite = ctx.suites.get(suite_name)
    frame = quality.load_frame(suite.meta["source"], root, con)
    n, failures = quality.run_suite(ctx, suite, mutate(frame.copy()), params)
    return n, failures


def failed(failures):
    return {(f.expectation, f.kwargs.get("column") or f.kwargs.get("column_A") or str(f.kwargs.get("column_list")))
            for f in failures}


def test_real_data_passes_every_blocking_suite(gx_env):
    root, ctx, quality, con, params = gx_env
    summary = quality.validate(root, docs_dir=root / "docs")
    assert summary.suites >= 10 and summary.expectations >= 80
    assert summary.errors == []
    assert summary.line() == f"{summary.expectations} expectations in {summary.suites} suites: 0 failed"
    assert (root / "docs" / "index.html").exists()
    assert summary.warnings and all(f.suite == "source_anomalies" for f in summary.warnings)


BROKEN = {
    "raw_figures": (lambda df: df.assign(metric=df["metric"].where(df.index != 3, "bogus")),
                    ("expect_column_values_to_be_in_set", "metric")),
    "curated_figures": (lambda df: df.assign(percent_value=df["percent_value"].where(df["percent_value"].isna(), -5.0)),
                        ("expect_column_values_to_be_between", "percent_value")),
    "dim_district": (lambda df: df.iloc[1:], ("expect_table_row_count_to_equal", "None")),
    "dim_commune": (lambda df: df.assign(district_code=df["district_code"].where(df.index != 0, "999")),
                    ("expect_column_values_to_be_in_set", "district_code")),
    "dim_report": (lambda df: df.assign(event_date=df["signed_by"] + __import__("pandas").Timedelta(days=40)),
                   ("expect_column_pair_values_a_to_be_greater_than_b", "signed_by")),
    "fact_figure": (lambda df: df.assign(as_of=df["signed_by"] + __import__("pandas").Timedelta(days=1)),
                    ("expect_column_pair_values_a_to_be_greater_than_b", "signed_by")),
    "fact_disbursement": (lambda df: __import__("pandas").concat([df, df.iloc[:1]], ignore_index=True),
                          ("expect_compound_columns_to_be_unique",
                           "['report_file', 'district_key', 'programme_code', 'project_key', 'as_of']")),
    "fact_budget": (lambda df: df.assign(amount_vnd=-df["amount_vnd"]),
                    ("expect_column_values_to_be_between", "amount_vnd")),
    "fact_ntm_progress": (lambda df: df.assign(criteria_met=df["criteria_total"] + 1),
                          ("expect_column_pair_values_a_to_be_greater_than_b", "criteria_total")),
    "rankings": (lambda df: df.assign(rank=df["rank_of"] + 1),
                 ("expect_column_pair_values_a_to_be_greater_than_b", "rank_of")),
}


@pytest.mark.parametrize("suite_name", sorted(BROKEN))
def test_each_suite_fails_on_broken_data(gx_env, suite_name):
    mutate, expected = BROKEN[suite_name]
    _, clean = run(gx_env, suite_name, lambda df: df)
    assert clean == []
    _, failures = run(gx_env, suite_name, mutate)
    assert expected in failed(failures), failed(failures)
    assert all(f.severity == "error" for f in failures)


def test_offending_rows_are_named(gx_env):
    _, failures = run(gx_env, "fact_figure", lambda df: df.assign(district_code=df["district_code"].where(
        df["figure_id"] != "f002", "999")))
    (f,) = failures
    assert f.unexpected_count >= 1 and {"report_file", "figure_id", "district_code"} <= set(f.rows[0])


def test_report_findings_are_warnings(gx_env):
    import pandas as pd

    none = lambda df: df.iloc[0:0]  # noqa: E731
    n, failures = run(gx_env, "source_anomalies", none)
    assert n == 5 and failures == []
    one = lambda df: pd.DataFrame([{"report_file": "x.txt", "kind": "rate_mismatch", "figure_id": "f001",  # noqa: E731
                                   "detail": "Tỷ lệ nêu 44%, tính lại 44,93%"}])
    _, failures = run(gx_env, "source_anomalies", one)
    assert [(f.expectation, f.severity) for f in failures] == [("expect_column_values_to_not_be_in_set", "warning")]


# -- the build runs the same error suites as SQL before the swap: both must say the same -------------

def _nulls_in_first_row(df):
    df = df.copy().astype(object)
    df.iloc[0] = None
    return df


GENERIC = {"clean": lambda df: df, "nulls": _nulls_in_first_row,
           "duplicate": lambda df: __import__("pandas").concat([df, df.iloc[:2]], ignore_index=True)}


def _key(kind: str, kwargs: dict) -> tuple:
    """An expectation within its suite: its type and column(s) (GX fills in parameters, reorders arguments)."""
    return kind, str(kwargs.get("column") or kwargs.get("column_A") or kwargs.get("column_list"))


def _sql_failures(con, root, suite_name, frame) -> set:
    """The expectations whose SQL (as the build runs it, from the suite's JSON) finds offending rows in frame."""
    import json

    from vnreports.checks.suites_sql import expectation_sql

    suite = json.loads((root / "expectations" / "expectations" / f"{suite_name}.json").read_text(encoding="utf-8"))
    keys = suite["meta"].get("keys", [])
    assert len({_key(e["type"], e["kwargs"]) for e in suite["expectations"]}) == len(suite["expectations"])
    con.register("src", frame)
    try:
        return {_key(e["type"], e["kwargs"]) for e in suite["expectations"]
                if con.execute(f"SELECT * FROM ({expectation_sql(e['type'], e['kwargs'], keys)}) LIMIT 1").fetchall()}
    finally:
        con.unregister("src")


@pytest.mark.parametrize("suite_name", ["dim_commune", "dim_district", "dim_report", "fact_budget",
                                        "fact_disbursement", "fact_figure", "fact_ntm_progress", "rankings"])
def test_the_pre_swap_sql_fails_exactly_where_gx_fails(gx_env, suite_name):
    root, ctx, quality, con, params = gx_env
    suite = ctx.suites.get(suite_name)
    frame = quality.load_frame(suite.meta["source"], root, con)
    mutations = {**GENERIC, "broken": BROKEN[suite_name][0]}
    seen = set()
    for name, mutate in mutations.items():
        broken = mutate(frame.copy())
        _, failures = quality.run_suite(ctx, suite, broken, params)
        gx = {_key(f.expectation, f.kwargs) for f in failures}
        assert _sql_failures(con, root, suite_name, broken) == gx, f"{suite_name}, {name}"
        seen |= gx
    assert seen, "no mutation broke any expectation"
