"""The SYNTHETIC benchmark panel (vnreports.bench) and the polars/pandas ports of the SQL models.

Small panels only, and no timing assertions: `make bench` measures, these tests check shapes,
gaps, ties, determinism, that the panel never goes near data/, and that the three engines agree.
"""

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import polars as pl
import pytest

from vnreports.bench import shape
from vnreports.bench.compare import compare
from vnreports.bench.engines import COMPARE_COLUMNS, DUCKDB_QUERIES, ENGINES
from vnreports.bench.panel import generate
from vnreports.bench.runner import run
from vnreports.bench.store import write_panel
from vnreports.build.warehouse import build_warehouse
from vnreports.cli import main

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
# small, with more gaps than the national default so that every kind shows up
SHAPE = replace(shape.SMALL, missing_report=0.1, district_absent=0.05, programme_inactive=0.1, duplicate=0.1,
                conflict=0.2, rank_inconsistent=0.3, rate_mismatch=0.02)


@pytest.fixture(scope="module")
def panel() -> dict[str, pl.DataFrame]:
    return generate(SHAPE, seed=7, raw_dir=RAW)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, panel) -> Path:
    out = tmp_path_factory.mktemp("bench")
    write_panel(panel, out / "curated", {"test": True})
    # the declared grains and references hold on the synthetic panel too (its GX suites are Lạng Sơn's)
    return build_warehouse(ROOT, out / "warehouse.duckdb", curated=out / "curated", checks="declared")


@pytest.fixture(scope="module")
def real_curated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(RAW, root / "data" / "raw")
    assert main(["--root", str(root), "curate"]) == 0
    return root / "data" / "curated"


def q(path: Path, sql: str, params=None):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_panel_has_the_curated_tables_and_schemas(panel, real_curated):
    assert set(panel) == {p.stem for p in real_curated.glob("*.parquet")}
    for name, frame in panel.items():
        real = pl.read_parquet(real_curated / f"{name}.parquet")
        assert frame.columns == real.columns, name
        for col in frame.columns:
            if real.schema[col] != pl.Null:  # a column the real data leaves empty has no type of its own
                assert frame.schema[col] == real.schema[col], (name, col)


def test_panel_shape(panel):
    d, c = panel["districts"], panel["communes_2024"]
    assert d["province_code"].n_unique() == SHAPE.provinces and d.height == SHAPE.districts
    assert c["commune_code"].n_unique() == SHAPE.communes
    assert d.group_by("province_code").len()["len"].min() >= 2
    assert set(c["district_code"]) == set(d["district_code"])
    f = panel["figures"]
    assert f["as_of"].n_unique() == SHAPE.months
    assert set(f["metric_code"]) == set(shape.PANEL_METRICS) and 35 <= len(shape.PANEL_METRICS) <= 45
    assert set(f["level"]) == {"province", "district", "commune"}
    assert f.select(pl.struct("report_file", "figure_id").is_unique().all()).item()
    assert f["figure_id"].str.contains(r"^f\d{6}$").all()
    # curated order: (report_file, figure_id), what fact_figure.figure_num relies on
    assert f.select("report_file", "figure_id").equals(f.select("report_file", "figure_id").sort(pl.all()))
    assert panel["reports"]["note"].str.starts_with("SYNTHETIC").all()
    assert set(f["report_file"]) == set(panel["reports"]["report_file"])
    money = f.filter(pl.col("unit_canonical") == "đồng")
    assert (money["value_canonical"].cast(pl.Int64) == money["amount_vnd"]).all()


def test_national_shape_is_the_country_before_2025():
    s = shape.NATIONAL
    assert (s.provinces, s.districts, s.communes, s.months) == (63, 700, 10_600, 60)
    series = len(shape.FAMILY_COMBOS) * len(shape.FAMILY_METRICS) + len(shape.OTHER_SERIES)
    assert s.districts * s.months * series > 12_000_000  # before gaps: > 10 million rows after them


def test_panel_has_gaps(panel):
    f = panel["figures"].filter(pl.col("level") == "district", ~pl.col("notation_kind").is_in(["rank", "superlative"]))
    monthly = f.filter(~pl.col("report_file").str.ends_with("_quy.txt"))
    n_series = len(shape.FAMILY_COMBOS) * len(shape.FAMILY_METRICS) + len(shape.OTHER_SERIES)
    assert monthly.height < SHAPE.districts * SHAPE.months * n_series
    expected_reports = SHAPE.provinces * SHAPE.months
    assert panel["reports"].filter(~pl.col("report_file").str.ends_with("_quy.txt")).height < expected_reports
    per_cell = monthly.group_by("district_code", "as_of").len()
    assert per_cell["len"].min() < per_cell["len"].max()  # a district missing a programme or a cell


def test_panel_has_ties_duplicates_and_conflicts(panel):
    f = panel["figures"].filter(pl.col("level") == "district", ~pl.col("notation_kind").is_in(["rank", "superlative"]))
    keys = ["district_code", "metric_code", "programme_code", "project_code", "as_of"]
    cells = f.group_by(keys).agg(pl.len().alias("n"), pl.col("value_canonical").n_unique().alias("values"))
    assert cells.filter((pl.col("n") > 1) & (pl.col("values") == 1)).height > 0  # the same figure twice
    assert cells.filter(pl.col("values") > 1).height > 0  # two different values: not ranked
    ties = f.group_by("metric_code", "programme_code", "project_code", "as_of", "value_canonical").len()
    assert ties.filter(pl.col("len") > 1).height > 100


def test_generator_is_deterministic(panel):
    again = generate(SHAPE, seed=7, raw_dir=RAW)
    for name in panel:
        assert again[name].equals(panel[name]), name
    other = generate(SHAPE, seed=8, raw_dir=RAW)
    assert not other["figures"].equals(panel["figures"])


def test_the_panel_is_never_written_into_data(panel, tmp_path):
    for target in (ROOT / "data" / "curated", ROOT / "data", ROOT / "data" / "bench"):
        with pytest.raises(shape.RefusedTarget):
            write_panel(panel, target, {})
    assert not (ROOT / "data" / "bench").exists()
    manifest = write_panel(panel, tmp_path / "curated", {"seed": 7})
    assert manifest["synthetic"] is True
    assert json.loads((tmp_path / "curated" / "manifest.json").read_text(encoding="utf-8"))["synthetic"] is True


def test_ranks_within_the_province_and_in_the_country(warehouse):
    bad = q(warehouse, "SELECT count(*) FROM rankings WHERE source = 'computed' AND NOT "
                       "(rank BETWEEN 1 AND rank_of AND rank_national BETWEEN 1 AND rank_of_national "
                       "AND rank_of_national >= rank_of AND rank_national >= rank AND rank_of >= 2)")
    assert bad == [(0,)]
    # rank_of counts the districts of one province, rank_of_national those of the country
    rows = q(warehouse, "SELECT metric_code, programme_code, project_code, as_of, count(DISTINCT province_code), "
                        "max(rank_of_national), sum(1) FROM rankings WHERE source = 'computed' "
                        "GROUP BY ALL HAVING count(DISTINCT province_code) > 1 LIMIT 5")
    assert rows and all(r[5] >= r[6] for r in rows)
    # ties share a rank
    assert q(warehouse, "SELECT count(*) FROM (SELECT province_code, metric_code, programme_code, project_code, as_of, "
                        "rank FROM rankings WHERE source = 'computed' GROUP BY ALL HAVING count(*) > 1)")[0][0] > 0


def test_implied_ranks_stay_in_the_statements_province(warehouse):
    rows = q(warehouse, """
        SELECT count(*) FILTER (WHERE i.province_code <> s.province_code), count(*)
        FROM rankings i JOIN rankings s ON s.source = 'reported' AND s.report_file = i.report_file
             AND s.figure_id = i.figure_id
        WHERE i.source = 'implied'""")
    assert rows[0][0] == 0 and rows[0][1] > 0
    assert q(warehouse, "SELECT count(*) FROM mart_rank_checks WHERE NOT consistent")[0][0] > 0
    assert q(warehouse, "SELECT count(*) FROM source_anomalies WHERE kind = 'rate_mismatch'")[0][0] > 0


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_polars_and_pandas_give_the_answers_of_the_sql_models(warehouse, engine):
    load, functions, names = ENGINES[engine]
    tables = load(warehouse.parent / "curated")
    con = duckdb.connect()
    con.execute(f"ATTACH '{warehouse}' AS wh (READ_ONLY)")
    con.execute("USE wh")
    for kind, fn in functions.items():
        result = fn(tables)
        if kind == "rankings":  # the figure a row comes from, as mart_rankings keeps it: figure_num
            assert "figure_num" in result.columns and "report_file" not in result.columns
            result = names(result, tables)
        con.register("result", result)
        n, only_sql, only_engine, examples = compare(con, kind, f"({DUCKDB_QUERIES[kind]})", "result")
        con.unregister("result")
        assert n > 0 and (only_sql, only_engine) == (0, 0), (kind, examples)
    assert set(functions) == set(COMPARE_COLUMNS)


def test_bench_runs_end_to_end_on_a_small_panel(tmp_path):
    lines: list[str] = []
    results = run(ROOT, "small", seed=3, out=tmp_path / "b", repeat=1, log=lines.append)
    assert results["equal"] is True
    assert re.fullmatch(r"rankings on [\d,]+ rows: duckdb [\d.]+ s, polars [\d.]+ s, pandas [\d.]+ s; "
                        r"vs polars [\d.]+, vs pandas [\d.]+, vs floor [\d.]+; "
                        r"incremental ratio [\d.]+ \(add one report [\d.]+ s, full build [\d.]+ s\)", lines[-1]), lines[-1]
    assert any("check incremental vs full build: 23 tables, identical" in line for line in lines)
    assert results["incremental"]["identical"] and results["incremental"]["figures"] > 0
    assert json.loads((tmp_path / "b" / "results.json").read_text())["line"] == lines[-1]
    assert not (ROOT / "data" / "bench").exists()
