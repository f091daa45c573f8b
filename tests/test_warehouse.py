"""The SQL models: marts on small fixture data, and assertions on the real build."""

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from vnreports.build.warehouse import ModelError, build_warehouse

ROOT = Path(__file__).resolve().parents[1]
LOC_BINH_2024 = "002_4e207c460703e976.txt"
CHI_LANG = "003_1888fe766e455f9b.txt"


def q(root: Path, sql: str, params=None):
    with duckdb.connect(str(root / "data" / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


# -- fixtures: the real curated layer with figures replaced by a handful of rows ----------

def fig(figure_id, metric, value, *, district=None, unit="%", programme="dtc", as_of=date(2024, 9, 13),
        rank_of=None, kind=None, ranked_after=None, report="fixture.txt", computed_from=None, part_of=None,
        decimals=1, figure_type="actual", level=None):
    is_rank = unit == "thứ hạng"
    return {
        "report_file": report, "figure_id": figure_id, "source_line": int(figure_id[1:]) + 1,
        "level": level or ("district" if district else "province"), "district_code": district,
        "programme_code": programme, "metric_code": metric, "figure_type": figure_type,
        "number_text": str(value), "value": Decimal(str(value)), "unit": unit,
        "value_canonical": Decimal(str(value)), "unit_canonical": unit,
        "denominator": Decimal(rank_of) if rank_of else None,
        "denominator_canonical": Decimal(rank_of) if rank_of else None,
        "rank": int(value) if is_rank else None, "rank_of": rank_of if is_rank else None,
        "notation_kind": kind or ("rank" if is_rank else "percent"), "ambiguous_notation": False,
        "as_of": as_of, "quote": f"quote {figure_id}", "ranked_after_codes": ranked_after,
        "computed_from": computed_from, "part_of": part_of, "decimals_written": decimals, "reviewed": True,
    }


@pytest.fixture
def fixture_root(real: Path, tmp_path: Path):
    def make(rows: list[dict]) -> Path:
        root = tmp_path / "fx"
        shutil.copytree(real / "data" / "curated", root / "data" / "curated")
        shutil.copytree(ROOT / "sql", root / "sql")
        figures = pl.read_parquet(real / "data" / "curated" / "figures.parquet")
        frame = pl.DataFrame([{c: r.get(c) for c in figures.columns} for r in rows], schema=figures.schema,
                             orient="row")
        frame.write_parquet(root / "data" / "curated" / "figures.parquet")
        reports = pl.read_parquet(real / "data" / "curated" / "reports.parquet")  # the fixture's own report
        pl.concat([reports, reports.head(1).with_columns(report_file=pl.lit("fixture.txt"))]).write_parquet(
            root / "data" / "curated" / "reports.parquet")
        build_warehouse(root)  # the blocking checks hold on the fixture too
        return root
    return make


def test_computed_ranks_share_ties_and_skip_missing_districts(fixture_root):
    root = fixture_root([
        fig("f001", "disbursement_rate", 50, district="181"),
        fig("f002", "disbursement_rate", 50, district="188"),
        fig("f003", "disbursement_rate", 40, district="187"),
    ])
    rows = q(root, "SELECT district_code, rank, rank_of FROM rankings WHERE source = 'computed' ORDER BY 1")
    assert rows == [("181", 1, 3), ("187", 3, 3), ("188", 1, 3)]
    assert q(root, "SELECT count(*) FROM rankings WHERE source='computed' AND district_code='178'") == [(0,)]


def test_direction_comes_from_the_metric(fixture_root):
    root = fixture_root([
        fig("f001", "criminal_cases", 3, district="181", unit="vụ", programme="an_ninh"),
        fig("f002", "criminal_cases", 1, district="188", unit="vụ", programme="an_ninh"),
    ])
    assert q(root, "SELECT district_code, rank FROM rankings WHERE source='computed' ORDER BY rank") == [
        ("188", 1), ("181", 2)]


def test_one_district_alone_is_not_ranked(fixture_root):
    root = fixture_root([fig("f001", "disbursement_rate", 50, district="181")])
    assert q(root, "SELECT count(*) FROM rankings WHERE source = 'computed'") == [(0,)]


def test_rank_after_a_named_district_implies_its_rank(fixture_root):
    root = fixture_root([
        fig("f001", "disbursement_rate", 48.7, district="188"),
        fig("f002", "disbursement_rate", 2, district="188", unit="thứ hạng", rank_of=11, ranked_after=["189"]),
    ])
    top = q(root, "SELECT rank, rank_of, value_min, label FROM rankings WHERE source='implied' AND district_code='189'")
    assert top == [(1, 11, 48.7, "thứ 1/11 huyện, thành phố (suy ra)")]
    others = q(root, "SELECT DISTINCT rank, rank_min, rank_max, value_max FROM rankings "
                     "WHERE source='implied' AND district_code NOT IN ('188', '189')")
    assert others == [(None, 3, 11, 48.7)]
    assert q(root, "SELECT count(*) FROM rankings WHERE source='implied'") == [(10,)]


def test_rank_after_two_districts_gives_a_range(fixture_root):
    root = fixture_root([
        fig("f001", "disbursement_rate", 19.5, district="188", programme="gnbv"),
        fig("f002", "disbursement_rate", 3, district="188", programme="gnbv", unit="thứ hạng", rank_of=11,
            ranked_after=["181", "184"]),
    ])
    named = q(root, "SELECT district_code, rank, rank_min, rank_max, value_min FROM rankings "
                    "WHERE source='implied' AND district_code IN ('181', '184') ORDER BY 1")
    assert named == [("181", None, 1, 2, 19.5), ("184", None, 1, 2, 19.5)]


def test_superlatives_bound_the_others(fixture_root):
    root = fixture_root([
        fig("f001", "disbursement_rate", 22.8, district="188", programme="ntm"),
        fig("f002", "disbursement_rate", 11, district="188", programme="ntm", unit="thứ hạng", rank_of=11,
            kind="superlative"),
        fig("f003", "disbursement_rate", 23, district="188", programme="dtc"),
        fig("f004", "disbursement_rate", 1, district="188", programme="dtc", unit="thứ hạng", rank_of=11,
            kind="superlative"),
    ])
    lowest = q(root, "SELECT DISTINCT rank_min, rank_max, value_min, value_max FROM rankings "
                     "WHERE source='implied' AND programme_code='ntm'")
    assert lowest == [(1, 10, 22.8, None)]
    highest = q(root, "SELECT DISTINCT rank_min, rank_max, value_min, value_max FROM rankings "
                      "WHERE source='implied' AND programme_code='dtc'")
    assert highest == [(2, 11, None, 23.0)]


def test_reported_rank_against_known_values(fixture_root):
    root = fixture_root([
        fig("f001", "disbursement_rate", 30, district="188"),
        fig("f002", "disbursement_rate", 1, district="188", unit="thứ hạng", rank_of=11),
        fig("f003", "disbursement_rate", 45, district="181"),
    ])
    assert q(root, "SELECT consistent, known_better FROM mart_rank_checks") == [(False, 1)]
    assert q(root, "SELECT kind FROM source_anomalies WHERE kind = 'rank_inconsistent'") == [("rank_inconsistent",)]


def test_reconciliation_flags_rates_beyond_rounding(fixture_root):
    root = fixture_root([
        fig("f001", "disbursed", 60746, district="187", unit="triệu đồng", rank_of=135188, kind="ratio", decimals=0),
        fig("f002", "disbursement_rate", 44, district="187", computed_from="f001", decimals=0),
        fig("f003", "disbursement_rate", 44.9, district="187", computed_from="f001", decimals=1),
    ])
    rows = q(root, "SELECT figure_id, ok, round(computed, 2) FROM mart_reconciliation ORDER BY 1")
    assert rows == [("f002", False, Decimal("44.93")), ("f003", True, Decimal("44.93"))]
    detail = q(root, "SELECT detail FROM source_anomalies WHERE kind = 'rate_mismatch'")[0][0]
    assert "44%" in detail and "44,93%" in detail


def test_reconciliation_adds_parts(fixture_root):
    root = fixture_root([
        fig("f001", "bridges_planned", 9, district="187", unit="cầu", kind="count", decimals=0),
        fig("f002", "bridges_completed", 7, district="187", unit="cầu", kind="count", part_of="f001", decimals=0),
        fig("f003", "bridges_under_construction", 3, district="187", unit="cầu", kind="count", part_of="f001",
            decimals=0),
    ])
    assert q(root, "SELECT stated, computed, ok FROM mart_reconciliation") == [(9, 10, False)]


def test_comparison_with_the_provincial_average(fixture_root):
    root = fixture_root([
        fig("f001", "disbursement_rate", 41.4, district="188"),
        fig("f002", "disbursement_rate", 32.7),
    ])
    assert q(root, "SELECT difference, above_average, label FROM mart_vs_provincial_average") == [
        (Decimal("8.7"), True, "cao hơn bình quân tỉnh 8,7 điểm phần trăm")]


# -- the real build ------------------------------------------------------------------------

def test_loc_binh_2024_disbursement_rank_is_4_of_11(real: Path):
    rows = q(real, "SELECT rank, rank_of, label FROM rankings WHERE source='reported' AND district_code='188' "
                   "AND programme_code='ctmtqg' AND project_code IS NULL AND metric_code='disbursement_rate' "
                   "AND as_of='2024-09-13'")
    assert rows == [(4, 11, "thứ 4/11 huyện, thành phố")]


def test_every_stated_rank_is_in_rankings(real: Path):
    stated = q(real, "SELECT report_file, figure_id FROM fact_reported_rank WHERE level='district' "
                     "AND rank_source <> 'superlative_list' ORDER BY 1, 2")
    reported = q(real, "SELECT report_file, figure_id FROM rankings WHERE source='reported' ORDER BY 1, 2")
    assert stated == reported and len(stated) >= 10
    # a district named after the leader of a superlative list has an inferred rank: implied, never reported
    inferred = q(real, "SELECT report_file, figure_id, rank FROM fact_reported_rank WHERE rank_source = 'superlative_list'")
    assert inferred and all(q(real, "SELECT source FROM rankings WHERE report_file = ? AND figure_id = ? AND rank = ?",
                              list(r)) == [("implied",)] for r in inferred)


def test_dinh_lap_is_implied_first_in_dtts_disbursement(real: Path):
    assert q(real, "SELECT rank, rank_of FROM rankings WHERE source='implied' AND district_code='189' "
                   "AND programme_code='dtts' AND metric_code='disbursement_rate'") == [(1, 11)]


def test_chi_lang_reported_rate_mismatches_are_findings(real: Path):
    rows = q(real, "SELECT figure_id FROM source_anomalies WHERE report_file = ? AND kind = 'rate_mismatch' "
                   "ORDER BY 1", [CHI_LANG])
    assert rows == [("f038",), ("f039",), ("f094",)]
    assert q(real, "SELECT count(*) FROM source_anomalies WHERE kind = 'name_differs_from_gso'")[0][0] >= 3


def test_facts_have_unique_grains(real: Path):
    for table, grain in [
        ("fact_figure", "report_file, figure_id"),
        ("fact_disbursement", "report_file, district_code, programme_code, project_code, as_of"),
        ("fact_budget", "report_file, district_code, budget_line, as_of"),
        ("fact_ntm_progress", "report_file, commune_code, criteria_set"),
    ]:
        dupes = q(real, f"SELECT count(*) FROM (SELECT {grain} FROM {table} GROUP BY ALL HAVING count(*) > 1)")
        assert dupes == [(0,)], table


def test_money_is_exact_in_storage(real: Path):
    types = dict(q(real, "SELECT column_name, data_type FROM information_schema.columns "
                         "WHERE table_name = 'fact_disbursement'"))
    assert types["plan_vnd"] == "BIGINT" and types["disbursed_vnd"] == "BIGINT"
    assert q(real, "SELECT plan_vnd, disbursed_vnd, stated_rate_pct FROM fact_disbursement WHERE report_file = ? "
                   "AND programme_code = 'ctmtqg' AND project_code IS NULL AND district_code = '188'",
             [LOC_BINH_2024]) == [(137_501_000_000, 56_895_000_000, Decimal("41.4000"))]


def test_everything_has_a_comment(real: Path):
    assert q(real, "SELECT count(*) FROM duckdb_columns() WHERE comment IS NULL AND NOT internal") == [(0,)]
    assert q(real, "SELECT count(*) FROM duckdb_tables() WHERE comment IS NULL") == [(0,)]


def test_vietnamese_collation_orders_districts(real: Path):
    names = [r[0] for r in q(real, "SELECT short_name FROM dim_district ORDER BY short_name COLLATE vi")]
    assert names.index("Bình Gia") < names.index("Cao Lộc") < names.index("Đình Lập") < names.index("Hữu Lũng")


def test_a_failing_model_leaves_the_previous_warehouse(real: Path, tmp_path: Path):
    root = tmp_path / "p"
    shutil.copytree(real / "data", root / "data")
    shutil.copytree(ROOT / "sql", root / "sql")
    before = (root / "data" / "warehouse.duckdb").read_bytes()
    (root / "sql" / "40_marts" / "41_mart_rankings.sql").write_text("CREATE TABLE broken AS SELECT * FROM nowhere;")
    with pytest.raises(ModelError, match="41_mart_rankings.sql"):
        build_warehouse(root)
    assert (root / "data" / "warehouse.duckdb").read_bytes() == before
    assert not list((root / "data").glob("warehouse.duckdb.tmp-*"))


def test_a_table_without_comment_fails_the_build(real: Path, tmp_path: Path):
    root = tmp_path / "p"
    shutil.copytree(real / "data", root / "data")
    shutil.copytree(ROOT / "sql", root / "sql")
    (root / "sql" / "40_marts" / "49_uncommented.sql").write_text("CREATE TABLE mart_x AS SELECT 1 AS y;")
    with pytest.raises(ModelError, match="mart_x"):
        build_warehouse(root)


LABELS = {
    "000_edc1c87e7c96d231.txt": "TB-UBND 26/4/2024 · kiểm tra huyện Bình Gia",
    "001_fb0a3aa72a370f36.txt": "TB-UBND 4/2024 · kiểm tra huyện Tràng Định",
    LOC_BINH_2024: "TB-UBND 9/2024 · kiểm tra huyện Lộc Bình",
    CHI_LANG: "BC-UBND 7/2024 · báo cáo định kỳ huyện Chi Lăng",
    "004_aa16ed5db4b16415.txt": "TB-TCT 10/2022 · kiểm tra gián tiếp qua báo cáo huyện Lộc Bình",
}


def test_reports_are_called_by_their_labels_in_every_analyst_view(real: Path):
    assert dict(q(real, "SELECT report_file, report_label FROM dim_report")) == LABELS
    for view in ("figures", "rankings", "source_anomalies", "targets", "disbursement"):
        assert q(real, f"SELECT count(*) FROM {view} v LEFT JOIN dim_report r USING (report_file) "
                       "WHERE v.report_label IS DISTINCT FROM r.report_label") == [(0,)], view
    assert q(real, "SELECT count(*) FROM figures") == q(real, "SELECT count(*) FROM fact_figure")


def test_report_labels_stay_unique_and_say_toan_tinh_without_a_district(real: Path, tmp_path: Path):
    root = tmp_path / "p"
    shutil.copytree(real / "data" / "curated", root / "data" / "curated")
    shutil.copytree(ROOT / "sql", root / "sql")
    reports = pl.read_parquet(root / "data" / "curated" / "reports.parquet")
    twin = reports.filter(pl.col("report_file") == LOC_BINH_2024).with_columns(
        pl.lit("009_twin.txt").alias("report_file"))
    province = reports.filter(pl.col("report_file") == CHI_LANG).with_columns(
        pl.lit("010_province.txt").alias("report_file"),
        pl.lit([], dtype=pl.List(pl.String)).alias("subject_district_codes"))
    pl.concat([reports, twin, province]).write_parquet(root / "data" / "curated" / "reports.parquet")
    build_warehouse(root)
    labels = dict(q(root, "SELECT report_file, report_label FROM dim_report"))
    assert labels[LOC_BINH_2024] == "TB-UBND 9/2024 · kiểm tra huyện Lộc Bình (1)"
    assert labels["009_twin.txt"] == "TB-UBND 9/2024 · kiểm tra huyện Lộc Bình (2)"
    assert labels["010_province.txt"] == "BC-UBND 7/2024 · báo cáo định kỳ toàn tỉnh"
    assert len(set(labels.values())) == len(labels)


def test_a_district_with_figures_gets_a_profile_page_with_no_code_change(fixture_root):
    from vnreports.serve.nb import profile_districts

    root = fixture_root([fig("f001", "disbursement_rate", 50, district="184"),
                         fig("f002", "disbursement_rate", 40, district="181"), fig("f003", "disbursement_rate", 45)])
    with duckdb.connect(str(root / "data" / "warehouse.duckdb"), read_only=True) as con:
        profiles = profile_districts(con)
    assert [(p["short_name"], p["href"]) for p in profiles] == [("Bình Gia", "ho-so-binh-gia.html"),
                                                                 ("Văn Quan", "ho-so-van-quan.html")]
