"""Incremental warehouse updates (vnreports.build.incremental) give exactly the warehouse a full build gives.

Every relation is compared by its sorted rows (vnreports.build.fingerprint.relation_digests) with a
full build of the same curated layer: a synthetic report added and removed (in the middle of the
file order, so that the figures after it move), a quarterly report (duplicates and conflicts), a
corrected report (values changed, a figure deleted), and a real report with its findings and place
aliases. A change that needs a full build is refused and leaves the warehouse as it was.
"""

import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from vnreports.bench import shape
from vnreports.bench.panel import generate
from vnreports.bench.store import write_panel, write_without
from vnreports.build import incremental
from vnreports.build.fingerprint import relation_digests, table_hashes
from vnreports.build.incremental import IncrementalRefused, update_warehouse
from vnreports.build.warehouse import build_warehouse
from vnreports.cli import main

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SHAPE = replace(shape.SMALL, missing_report=0.1, district_absent=0.05, programme_inactive=0.1, duplicate=0.1,
                conflict=0.2, rank_inconsistent=0.3, rate_mismatch=0.02)


def digests(path: Path) -> dict[str, str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return relation_digests(con)


def differing(a: dict, b: dict) -> list[str]:
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A small synthetic panel's curated folder and its full build."""
    out = tmp_path_factory.mktemp("inc")
    panel = generate(SHAPE, seed=11, raw_dir=RAW)
    write_panel(panel, out / "curated", {"test": "incremental"})
    full = build_warehouse(ROOT, out / "full.duckdb", curated=out / "curated", checks="declared")
    return {"out": out, "panel": panel, "curated": out / "curated", "full": full, "digests": digests(full)}


def _reports(panel) -> tuple[str, str]:
    files = panel["reports"]["report_file"].sort().to_list()
    monthly = [f for f in files if not f.endswith("_quy.txt")]
    return monthly[len(monthly) // 2], next(f for f in files if f.endswith("_quy.txt"))


@pytest.mark.parametrize("which", ["monthly", "quarterly"])
def test_adding_and_removing_a_report_gives_the_full_build(small, which, tmp_path):
    report = _reports(small["panel"])[which == "quarterly"]
    without = write_without(small["curated"], tmp_path / "without", [report])
    base = build_warehouse(ROOT, tmp_path / "base.duckdb", curated=without, checks="declared")
    base_digests = digests(base)
    assert differing(base_digests, small["digests"])  # the report changes the warehouse
    # add: the warehouse without the report, plus the report
    target = tmp_path / "inc.duckdb"
    shutil.copyfile(base, target)
    timings: dict[str, float] = {}
    update_warehouse(ROOT, target, small["curated"], [report], timings=timings)
    assert differing(digests(target), small["digests"]) == []
    assert {"copy", "slice", "cells", "commit"} <= set(timings)
    # remove: the full warehouse, minus the report
    update_warehouse(ROOT, target, without, [report])
    assert differing(digests(target), base_digests) == []
    assert not list(tmp_path.glob("inc.duckdb.inc-*"))


def test_a_corrected_report_gives_the_full_build(small, tmp_path):
    report = _reports(small["panel"])[0]
    tables = dict(small["panel"])
    f = tables["figures"]
    mine = pl.col("report_file") == report
    rate = mine & (pl.col("metric_code") == "disbursement_rate")
    f = f.with_columns(value_canonical=pl.when(rate).then(pl.col("value_canonical") + Decimal("1.5"))
                       .otherwise(pl.col("value_canonical")))
    drop = f.filter(mine & (pl.col("metric_code") == "works_started"))["figure_id"].head(3).to_list()
    tables["figures"] = f.filter(~(mine & pl.col("figure_id").is_in(drop)))
    write_panel(tables, tmp_path / "corrected", {"test": "corrected"})
    expected = digests(build_warehouse(ROOT, tmp_path / "expected.duckdb", curated=tmp_path / "corrected", checks="declared"))
    target = tmp_path / "inc.duckdb"
    shutil.copyfile(small["full"], target)
    update_warehouse(ROOT, target, tmp_path / "corrected", [report])
    assert differing(digests(target), expected) == []


def test_a_real_report_with_findings_and_aliases(tmp_path):
    root = tmp_path / "real"
    shutil.copytree(RAW, root / "data" / "raw")
    assert main(["--root", str(root), "curate"]) == 0
    curated = root / "data" / "curated"
    tables = {p.stem: pl.read_parquet(p) for p in sorted(curated.glob("*.parquet"))}
    findings = set(tables["report_findings"]["report_file"]) & set(tables["place_aliases_used"]["report_file"])
    report = min(findings)
    full = build_warehouse(ROOT, tmp_path / "full.duckdb", curated=curated)
    # a correction: one of its figures read again, another one struck out
    f = tables["figures"]
    mine = f.filter(pl.col("report_file") == report)
    first, last = mine["figure_id"][0], mine["figure_id"][-1]
    tables["figures"] = f.with_columns(value_canonical=pl.when(
        (pl.col("report_file") == report) & (pl.col("figure_id") == first))
        .then(pl.col("value_canonical") + Decimal(1)).otherwise(pl.col("value_canonical"))).filter(
        ~((pl.col("report_file") == report) & (pl.col("figure_id") == last)))
    write_panel(tables, tmp_path / "corrected", {"test": "real, corrected"})
    expected = build_warehouse(ROOT, tmp_path / "expected.duckdb", curated=tmp_path / "corrected")
    target = tmp_path / "inc.duckdb"
    shutil.copyfile(full, target)
    update_warehouse(ROOT, target, tmp_path / "corrected", [report])
    assert differing(digests(target), digests(expected)) == []
    update_warehouse(ROOT, target, curated, [report])
    assert differing(digests(target), digests(full)) == []
    # the real reports each hold series no other report has: removing one needs a full build
    without = write_without(curated, tmp_path / "without", [report])
    with pytest.raises(IncrementalRefused, match="last figures of a data series"):
        update_warehouse(ROOT, target, without, [report])


def test_a_new_data_series_is_refused_and_nothing_changes(small, tmp_path):
    report = _reports(small["panel"])[0]
    tables = dict(small["panel"])
    mine = pl.col("report_file") == report
    tables["figures"] = tables["figures"].with_columns(
        project_code=pl.when(mine & (pl.col("metric_code") == "pigs_culled")).then(pl.lit("dtts_da1"))
        .otherwise(pl.col("project_code")))
    write_panel(tables, tmp_path / "new_series", {"test": "new series"})
    target = tmp_path / "inc.duckdb"
    shutil.copyfile(small["full"], target)
    before = target.read_bytes()
    with pytest.raises(IncrementalRefused, match="data series"):
        update_warehouse(ROOT, target, tmp_path / "new_series", [report])
    assert target.read_bytes() == before and not list(tmp_path.glob("inc.duckdb.inc-*"))


def test_readers_never_see_a_half_applied_report(small, tmp_path, monkeypatch):
    report = _reports(small["panel"])[0]
    without = write_without(small["curated"], tmp_path / "without", [report])
    target = tmp_path / "inc.duckdb"
    shutil.copyfile(small["full"], target)
    reader = duckdb.connect(str(target), read_only=True)
    seen = table_hashes(reader)

    def broken(*args):
        raise RuntimeError("interrupted after the report's rows were replaced")

    monkeypatch.setattr(incremental, "_replace_if_changed", broken)
    with pytest.raises(RuntimeError, match="interrupted"):
        update_warehouse(ROOT, target, without, [report])
    assert table_hashes(reader) == seen and not list(tmp_path.glob("inc.duckdb.inc-*"))
    monkeypatch.undo()
    update_warehouse(ROOT, target, without, [report])  # swapped in whole, while the reader is open
    assert table_hashes(reader) == seen  # the reader keeps the warehouse it opened
    reader.close()
    with duckdb.connect(str(target), read_only=True) as con:
        assert table_hashes(con) != seen
        assert con.execute("SELECT count(*) FROM fact_figure WHERE report_file = ?", [report]).fetchall() == [(0,)]


def test_every_table_of_the_warehouse_has_an_incremental_rule(small):
    rules = set(incremental.PER_REPORT + incremental.SAME_DIMENSIONS + incremental.PER_CELL + incremental.WHOLE)
    with duckdb.connect(str(small["full"]), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == rules
