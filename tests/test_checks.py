"""The blocking checks before the swap: grain, unique, references and audit declarations in the models,
the error GX suites as SQL, and what a failure says. Broken models end to end: tests/bad_inputs/4x_model_*."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from vnreports.build.audits import AuditError, DeclarationError, parse_audits, parse_declarations
from vnreports.build.warehouse import ModelError, build_warehouse, model_files
from vnreports.checks.suites_sql import blocking_suites
from vnreports.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def copy(real: Path, tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(real, root)
    return root


def declarations() -> dict:
    return {d.relation: d for p in model_files(ROOT / "sql") for d in parse_declarations(p, p.name) if not d.temp}


def test_every_table_and_view_declares_its_grain_once(real: Path):
    with duckdb.connect(str(real / "data" / "warehouse.duckdb"), read_only=True) as con:
        relations = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    declared = declarations()
    assert len(relations) >= 26 and set(declared) == relations  # every relation, each declared once
    assert all(d.grain for d in declared.values())
    facts = [d for name, d in declared.items() if name.startswith("fact_")]
    assert facts and all(any(t == "dim_report" for _, t, _ in d.references) for d in facts)
    assert declared["fact_disbursement"].grain == [("report_file", False), ("district_code", True),
                                                  ("programme_code", False), ("project_code", True), ("as_of", False)]


def test_the_real_build_runs_every_kind_of_check(real: Path, capsys):
    summary: dict = {}
    build_warehouse(real, summary=summary)
    assert summary["checks"] >= 150 and summary["checks_seconds"] < 10
    main(["--root", str(real), "warehouse"])
    assert "blocking checks passed before the swap" in capsys.readouterr().out


def test_only_error_suites_on_the_warehouse_block(real: Path):
    names = {s["name"] for s in blocking_suites(real / "expectations" / "expectations")}
    assert names == {"dim_commune", "dim_district", "dim_report", "fact_budget", "fact_disbursement", "fact_figure",
                     "fact_ntm_progress", "rankings"}
    assert "source_anomalies" not in names  # warnings: findings in the reports, after the swap


def test_declarations_belong_to_the_next_create(tmp_path: Path):
    model = tmp_path / "m.sql"
    model.write_text("-- grain: a, b?\n-- references: a -> dim_x, b -> dim_y.code\nCREATE TABLE t1 AS SELECT 1;\n"
                     "CREATE TEMP TABLE tmp AS SELECT 1;\n-- prose\n-- grain: c\n-- unique: d, e?\n"
                     "CREATE OR REPLACE VIEW t2 AS SELECT 1;\n")
    t1, tmp, t2 = parse_declarations(model, "m.sql")
    assert (t1.relation, t1.grain, t1.references) == ("t1", [("a", False), ("b", True)],
                                                      [("a", "dim_x", "a"), ("b", "dim_y", "code")])
    assert tmp.temp and tmp.grain is None
    assert (t2.relation, t2.grain, t2.unique, t2.origin) == ("t2", [("c", False)], [[("d", False), ("e", True)]],
                                                             "m.sql:8")


@pytest.mark.parametrize("text, message", [
    ("-- grain: a\n-- grain: b\nCREATE TABLE t AS SELECT 1;", "declares its grain twice"),
    ("-- grain: one row per figure\nCREATE TABLE t AS SELECT 1;", "'one row per figure' is not a column name"),
    ("-- references: a => dim_x\nCREATE TABLE t AS SELECT 1;", "'a => dim_x' is not a reference"),
    ("CREATE TABLE t AS SELECT 1;\n-- grain: a\n", "with no CREATE TABLE or CREATE VIEW after it"),
])
def test_a_declaration_that_cannot_be_read_is_named(tmp_path: Path, text, message):
    model = tmp_path / "m.sql"
    model.write_text(text)
    with pytest.raises(DeclarationError, match=message) as exc:
        parse_declarations(model, "sql/m.sql")
    assert "sql/m.sql:" in str(exc.value) and "how to fix:" in str(exc.value)


def test_audit_files_hold_named_queries(tmp_path: Path):
    path = tmp_path / "m.audit.sql"
    path.write_text("-- about\n\n-- audit: one\n-- why\nSELECT 1 WHERE false;\n-- audit: two\nSELECT 2\n")
    assert parse_audits(path, "m.audit.sql") == [("one", "m.audit.sql:3", "-- why\nSELECT 1 WHERE false"),
                                                 ("two", "m.audit.sql:6", "SELECT 2")]
    path.write_text("SELECT 1;\n")
    with pytest.raises(DeclarationError, match="SQL before the first"):
        parse_audits(path, "m.audit.sql")


def test_an_audit_that_returns_rows_stops_the_build(copy: Path):
    before = (copy / "data" / "warehouse.duckdb").read_bytes()
    (copy / "sql" / "30_facts" / "32_fact_target.audit.sql").write_text(
        "-- audit: no_target_after_2030\nSELECT report_file, figure_id, deadline FROM fact_target "
        "WHERE deadline < DATE '2030-01-01'\n")
    with pytest.raises(AuditError) as exc:
        build_warehouse(copy)
    (failure,) = exc.value.failures
    assert failure.check.relation == "fact_target" and failure.count > 0
    assert failure.columns == ["report_file", "figure_id", "deadline"] and len(failure.rows) <= 8
    assert "32_fact_target.audit.sql:1: fact_target: audit no_target_after_2030" in str(exc.value)
    assert (copy / "data" / "warehouse.duckdb").read_bytes() == before
    assert not list((copy / "data").glob("warehouse.duckdb.tmp-*"))


def test_a_declared_column_that_does_not_exist_is_named(copy: Path):
    model = copy / "sql" / "20_dimensions" / "dim_date.sql"
    model.write_text(model.read_text(encoding="utf-8").replace("-- grain: date_key", "-- grain: date_id"))
    with pytest.raises(DeclarationError, match="dim_date: 'date_id' is declared but is not a column of dim_date"):
        build_warehouse(copy)


def test_a_blocking_expectation_without_sql_translation_stops_the_build(copy: Path):
    path = copy / "expectations" / "expectations" / "dim_district.json"
    suite = json.loads(path.read_text(encoding="utf-8"))
    suite["expectations"].append({"type": "expect_column_mean_to_be_between",
                                  "kwargs": {"column": "n_communes_2024", "min_value": 1}})
    path.write_text(json.dumps(suite), encoding="utf-8")
    with pytest.raises(ModelError, match="expect_column_mean_to_be_between has no SQL translation"):
        build_warehouse(copy)
    assert build_warehouse(copy, checks="declared")  # the declarations alone


def test_a_failed_check_is_refused_by_the_command_with_its_rows(copy: Path, capsys):
    model = copy / "sql" / "20_dimensions" / "dim_metric.sql"
    model.write_text(model.read_text(encoding="utf-8").replace("FROM stg_metrics;",
                                                               "FROM stg_metrics UNION ALL SELECT NULL, 'x', 'x', "
                                                               "'count', NULL, false, NULL;"))
    assert main(["--root", str(copy), "warehouse"]) == 1
    err = capsys.readouterr().err
    assert "WAREHOUSE BUILD FAILED; the previous warehouse is untouched." in err
    assert "dim_metric: NULL in grain column(s) metric_code: 1 offending row(s)" in err and "metric_code=–" in err
