"""Adding, replacing or removing a report in a built warehouse: only what depends on it is recomputed.

`update_warehouse(root, target, curated, reports)` makes the warehouse at `target` equal to what a
full build of `curated` gives, when the only difference between `curated` and what the warehouse
was built from are the figures and registry rows of `reports` (added, corrected or deleted). It
runs the same SQL models, on less data (docs/performance.md, "Adding one report"):

1. The copy: the warehouse file is copied next to itself; everything below happens in the copy,
   which replaces the warehouse with one `os.replace` at the end, as a full build does. Readers
   never see a half-applied report, and a failure leaves the warehouse as it was.
2. The report's slice: the models of `sql/` run, unchanged, in a scratch in-memory database whose
   staged figures and registry are only the report's rows (all but the cell and finding marts,
   which run on their own inputs below, and the views). Everything whose grain is one report
   (dim_report, the facts, the per-report marts) comes out complete: those rows replace the
   report's rows in the warehouse. The dimensions must come out as the warehouse has them (a new
   district, metric or data series needs a full build: `IncrementalRefused`).
3. Positions: `figure_num` is a figure's position in the curated table, sorted by (report_file,
   figure_id); the figures after the report move by the change in its number of rows.
4. The cells: ranks compare districts of one series and date (in the province and the country), so
   `mart_rankings` and `mart_rank_checks` are recomputed, with their own SQL, for the (series,
   date) cells the report has figures in, from every report's figures of those cells.
5. The small global relations (dim_date, the place-alias uses, the report findings and their checks)
   are recomputed whole or completed, and checked.

Every table of the warehouse must have a rule here: a table without one is refused, not left stale.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import duckdb

from vnreports.build.warehouse import ModelError, model_files

PER_REPORT = ("dim_report", "fact_figure", "fact_figure_draft", "fact_budget", "fact_disbursement",
              "fact_ntm_progress", "fact_reported_rank", "fact_target", "mart_sum_checks", "mart_reconciliation",
              "mart_review_progress", "mart_vs_provincial_average")
SAME_DIMENSIONS = ("dim_commune", "dim_district", "dim_metric", "dim_programme")
PER_CELL = ("mart_rankings", "mart_rank_checks")
WHOLE = ("dim_date", "dim_series", "fact_place_alias_use", "fact_report_finding", "mart_finding_checks")
FIGURE_NUM = ("fact_figure", "fact_reported_rank", "mart_rankings")  # tables that hold positions
CELL_MODELS = ("40_marts/41_mart_rankings.sql", "40_marts/42_mart_rank_checks.sql")
FINDING_MODEL = "40_marts/43_mart_finding_checks.sql"
CODES = ("metric_code", "programme_code", "project_code")


class IncrementalRefused(RuntimeError):
    """The change cannot be applied incrementally (a full build is needed); nothing was written."""


def _lit(value) -> str:
    return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'"


def _scalar(con, sql: str, params=None):
    return con.execute(sql, params or []).fetchall()[0][0]


def _differ(con, a: str, b: str) -> int:
    """Rows in one relation and not the other (as multisets)."""
    return _scalar(con, f"SELECT (SELECT count(*) FROM (FROM {a} EXCEPT ALL FROM {b})) "
                        f"+ (SELECT count(*) FROM (FROM {b} EXCEPT ALL FROM {a}))")


def _drop_temp(con) -> None:
    for name, kind in con.execute("SELECT table_name, table_type FROM information_schema.tables "
                                  "WHERE table_catalog = 'temp'").fetchall():
        con.execute(f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} temp.main.\"{name}\"")


def _run(con, root: Path, path: Path) -> None:
    try:
        con.execute(path.read_text(encoding="utf-8"))
    except duckdb.Error as exc:
        raise ModelError(f"{path.relative_to(root)} (incremental): {exc}") from None


def _tables(con, db: str) -> list[str]:
    return [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ? "
                                      "AND schema_name = 'main' ORDER BY 1", [db]).fetchall()]


def update_warehouse(root: Path, target: Path, curated: Path, reports: list[str], *,
                     settings: dict[str, object] | None = None, timings: dict[str, float] | None = None) -> Path:
    """Apply the changed `reports` of `curated` to the warehouse at `target` (copy, update, swap).

    The caller holds the build lock (`vnreports.build.lock.build_lock`), as for a full build;
    `timings`, when given, receives the seconds of each step (summed over the reports).
    """
    timings = {} if timings is None else timings
    if not target.exists():
        raise IncrementalRefused(f"{target} does not exist: build it first")
    if target.with_name(target.name + ".wal").exists():
        raise IncrementalRefused(f"{target}.wal exists: the warehouse is open for writing or was not closed")
    for stale in target.parent.glob(f"{target.name}.inc-*"):  # left by a killed update (the caller holds the lock)
        stale.unlink(missing_ok=True)
    tmp = target.with_name(f"{target.name}.inc-{os.getpid()}")
    con = None
    try:
        t0 = time.perf_counter()
        shutil.copyfile(target, tmp)
        timings["copy"] = time.perf_counter() - t0
        con = duckdb.connect(str(tmp))
        for name, value in (settings or {}).items():
            con.execute(f"SET {name} = ?", [value])
        con.execute("SET VARIABLE curated = ?", [str(curated)])
        wh = _scalar(con, "SELECT current_database()")
        known = set(PER_REPORT + SAME_DIMENSIONS + PER_CELL + WHOLE)
        unknown = [t for t in _tables(con, wh) if t not in known]
        if unknown:
            raise IncrementalRefused("no incremental rule for " + ", ".join(unknown) + " (see build/incremental.py)")
        for report in reports:
            _apply_one(con, root, wh, curated, report, timings)
        t0 = time.perf_counter()
        con.execute("CHECKPOINT")
        con.close()
        timings["commit"] = time.perf_counter() - t0
        os.replace(tmp, target)
    except BaseException:
        if con is not None:
            con.close()
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
        raise
    return target


def _step(timings: dict, name: str, t0: float) -> float:
    now = time.perf_counter()
    timings[name] = timings.get(name, 0.0) + now - t0
    return now


def _apply_one(con, root: Path, wh: str, curated: Path, report: str, timings: dict) -> None:
    sql_dir = root / "sql"
    W = f'"{wh}".main'
    rep = _lit(report)
    t = time.perf_counter()
    # 2. the report's slice: the build's models, in a scratch database, on the report's rows only
    _drop_temp(con)
    con.execute("DETACH DATABASE IF EXISTS inc_slice")
    con.execute("ATTACH ':memory:' AS inc_slice")
    con.execute("USE inc_slice")
    for path in model_files(sql_dir):
        rel = path.relative_to(sql_dir).as_posix()
        if rel in CELL_MODELS or rel == FINDING_MODEL or path.parent.name == "50_views":
            continue  # recomputed below on their own inputs (the cells, the findings); views need nothing
        _run(con, root, path)
        if path.parent.name == "10_staging":  # the staged figures and registry: the report's rows only
            con.execute(f"CREATE OR REPLACE TEMP VIEW stg_figures AS SELECT * FROM read_parquet("
                        f"getvariable('curated') || '/figures.parquet', file_row_number = true) WHERE report_file = {rep}")
            con.execute(f"CREATE OR REPLACE TEMP TABLE stg_reports AS SELECT * FROM read_parquet("
                        f"getvariable('curated') || '/reports.parquet') WHERE report_file = {rep}")
    S = "inc_slice.main"
    t = _step(timings, "slice", t)

    # the dimensions and the registry of the other reports must be what the warehouse holds
    for dim in SAME_DIMENSIONS:
        if _differ(con, f"{S}.{dim}", f"{W}.{dim}"):
            raise IncrementalRefused(f"{dim} changed: a full build is needed")
    series = ", ".join(CODES) + ", higher_is_better"
    new_series = _scalar(con, f"SELECT count(*) FROM (SELECT {series} FROM {S}.dim_series "
                              f"EXCEPT SELECT {series} FROM {W}.dim_series)")
    if new_series:
        raise IncrementalRefused(f"{report} has {new_series} data series the warehouse does not: a full build is needed")
    registry = (f"(SELECT * EXCLUDE (text_sha256, subject_districts_written, subject_communes_written) FROM "
                f"read_parquet(getvariable('curated') || '/reports.parquet') WHERE report_file <> {rep})")
    if _differ(con, registry, f"(SELECT * EXCLUDE (n_figures, report_label) FROM {W}.dim_report "
                              f"WHERE report_file <> {rep})"):
        raise IncrementalRefused(f"registry rows other than {report} changed: a full build is needed")

    # 3. positions: the report's block of rows in the old and the new curated figures
    before = _scalar(con, f"SELECT (SELECT count(*) FROM {W}.fact_figure WHERE report_file < {rep}) "
                          f"+ (SELECT count(*) FROM {W}.fact_figure_draft WHERE report_file < {rep})")
    n_old = _scalar(con, f"SELECT (SELECT count(*) FROM {W}.fact_figure WHERE report_file = {rep}) "
                         f"+ (SELECT count(*) FROM {W}.fact_figure_draft WHERE report_file = {rep})")
    n_new, first_new = con.execute("SELECT count(*), min(file_row_number) FROM stg_figures").fetchall()[0]
    total_old = _scalar(con, f"SELECT (SELECT count(*) FROM {W}.fact_figure) + (SELECT count(*) FROM {W}.fact_figure_draft)")
    total_new = _scalar(con, "SELECT count(*) FROM read_parquet(getvariable('curated') || '/figures.parquet')")
    if total_new != total_old - n_old + n_new or (n_new and first_new != before):
        raise IncrementalRefused(f"the curated figures differ from the warehouse's by more than {report}")
    if n_old:  # a corrected or deleted report: a series it alone held would leave dim_series
        gone = _scalar(con, f"""
            SELECT count(*) FROM (SELECT DISTINCT {', '.join(CODES)} FROM {W}.fact_figure WHERE report_file = {rep}
                                  UNION SELECT DISTINCT {', '.join(CODES)} FROM {W}.fact_figure_draft WHERE report_file = {rep}
                                  EXCEPT SELECT {', '.join(CODES)} FROM {S}.dim_series) AS s
            WHERE NOT EXISTS (SELECT 1 FROM (SELECT {', '.join(CODES)} FROM {W}.fact_figure WHERE report_file <> {rep}
                                             UNION ALL SELECT {', '.join(CODES)} FROM {W}.fact_figure_draft
                                             WHERE report_file <> {rep}) AS f
                              WHERE f.metric_code = s.metric_code AND f.programme_code = s.programme_code
                                AND f.project_code IS NOT DISTINCT FROM s.project_code)""")
        if gone:
            raise IncrementalRefused(f"{report} held the last figures of a data series: a full build is needed")
    t = _step(timings, "checks", t)

    # 4. the (series, date) cells the report had or has figures in
    con.execute(f"""CREATE OR REPLACE TEMP TABLE inc_cells AS
        SELECT DISTINCT {', '.join(CODES)}, as_of FROM {W}.fact_figure WHERE report_file = {rep}
        UNION SELECT DISTINCT {', '.join(CODES)}, as_of FROM {S}.fact_figure""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE inc_cell_keys AS
        SELECT DISTINCT s.series_key, c.as_of FROM inc_cells AS c INNER JOIN {W}.dim_series AS s
            ON s.metric_code = c.metric_code AND s.programme_code = c.programme_code
           AND s.project_code IS NOT DISTINCT FROM c.project_code""")
    in_cells = ("EXISTS (SELECT 1 FROM inc_cells AS c WHERE c.metric_code = x.metric_code AND c.programme_code = "
                "x.programme_code AND c.project_code IS NOT DISTINCT FROM x.project_code "
                "AND c.as_of IS NOT DISTINCT FROM x.as_of)")
    dates = [r[0] for r in con.execute("SELECT DISTINCT as_of FROM inc_cells").fetchall()]
    on_dates = " OR ".join(([f"x.as_of IN ({', '.join(_lit(d) for d in dates if d is not None)})"]
                            if any(d is not None for d in dates) else []) + (["x.as_of IS NULL"] if None in dates else []))
    on_dates = on_dates or "false"
    con.execute(f"DELETE FROM {W}.mart_rankings AS r USING inc_cell_keys AS k "
                f"WHERE r.series_key = k.series_key AND r.as_of = k.as_of")
    con.execute(f"DELETE FROM {W}.mart_rank_checks AS x WHERE {in_cells}")
    t = _step(timings, "cells_delete", t)

    # the report's rows out, the positions after it moved, the slice's rows in
    for table in PER_REPORT:
        con.execute(f"DELETE FROM {W}.{table} WHERE report_file = {rep}")
    shift = n_new - n_old
    if shift:
        for table in FIGURE_NUM:
            con.execute(f"UPDATE {W}.{table} SET figure_num = figure_num + {shift} "
                        f"WHERE figure_num > {before + n_old}")
    for table in PER_REPORT:
        con.execute(f"INSERT INTO {W}.{table} BY NAME SELECT * FROM {S}.{table}")
    t = _step(timings, "report_rows", t)

    # ranks and rank checks of those cells, with their own SQL, from every report's figures of the cells
    con.execute("DETACH DATABASE IF EXISTS inc_cells_db")
    con.execute("ATTACH ':memory:' AS inc_cells_db")
    con.execute("USE inc_cells_db")
    con.execute(f"CREATE VIEW fact_figure AS SELECT * FROM {W}.fact_figure AS x WHERE ({on_dates}) AND {in_cells}")
    con.execute(f"CREATE VIEW fact_reported_rank AS SELECT * FROM {W}.fact_reported_rank AS x WHERE {in_cells}")
    for dim in ("dim_district", "dim_series"):
        con.execute(f"CREATE VIEW {dim} AS SELECT * FROM {W}.{dim}")
    for rel in CELL_MODELS:
        _run(con, root, sql_dir / rel)
    con.execute(f"INSERT INTO {W}.mart_rankings BY NAME SELECT * REPLACE (source::VARCHAR AS source) "
                f"FROM inc_cells_db.main.mart_rankings")
    con.execute(f"INSERT INTO {W}.mart_rank_checks BY NAME SELECT * FROM inc_cells_db.main.mart_rank_checks")
    t = _step(timings, "cells", t)

    # 5. the small global relations
    con.execute("USE inc_slice")
    con.execute(f"INSERT INTO {W}.dim_date BY NAME SELECT * FROM {S}.dim_date AS n WHERE NOT EXISTS "
                f"(SELECT 1 FROM {W}.dim_date AS o WHERE o.date_key IS NOT DISTINCT FROM n.date_key)")
    if n_old:  # dates only the old rows of the report held: the model again, on the warehouse's figures
        _drop_temp(con)
        con.execute(f"CREATE TEMP VIEW stg_figures AS SELECT as_of, deadline FROM {W}.fact_figure "
                    f"UNION ALL SELECT as_of, deadline FROM {W}.fact_figure_draft")
        con.execute(f"CREATE TEMP VIEW stg_reports AS SELECT * FROM {W}.dim_report")
        con.execute("DROP TABLE inc_slice.main.dim_date")
        _run(con, root, sql_dir / "20_dimensions" / "dim_date.sql")
        _replace_if_changed(con, f"{S}.dim_date", f"{W}.dim_date")
    # dim_report again, whole: a report's label may depend on the others ("(1)", "(2)" for equal labels)
    _drop_temp(con)
    con.execute("CREATE TEMP VIEW stg_reports AS SELECT * FROM read_parquet(getvariable('curated') || '/reports.parquet')")
    con.execute("CREATE TEMP VIEW stg_districts AS SELECT * FROM read_parquet(getvariable('curated') || '/districts.parquet')")
    con.execute(f"CREATE TEMP VIEW stg_figures AS SELECT report_file FROM {W}.fact_figure "
                f"UNION ALL SELECT report_file FROM {W}.fact_figure_draft")
    con.execute("DROP TABLE IF EXISTS inc_slice.main.dim_report")
    _run(con, root, sql_dir / "20_dimensions" / "dim_report.sql")
    _replace_if_changed(con, f"{S}.dim_report", f"{W}.dim_report")
    for table in ("fact_place_alias_use", "fact_report_finding"):
        _replace_if_changed(con, f"{S}.{table}", f"{W}.{table}")
    findings = [r[0] for r in con.execute(f"SELECT DISTINCT report_file FROM {W}.fact_report_finding").fetchall()]
    if findings:  # their checks read the figures they name: the model again, on those reports' figures
        con.execute("DETACH DATABASE IF EXISTS inc_findings")
        con.execute("ATTACH ':memory:' AS inc_findings")
        con.execute("USE inc_findings")
        _run(con, root, sql_dir / "00_macros" / "vi_format.sql")
        con.execute(f"CREATE VIEW fact_figure AS SELECT * FROM {W}.fact_figure "
                    f"WHERE report_file IN ({', '.join(_lit(r) for r in findings)})")
        con.execute(f"CREATE VIEW fact_report_finding AS SELECT * FROM {W}.fact_report_finding")
        _run(con, root, sql_dir / FINDING_MODEL)
        _replace_if_changed(con, "inc_findings.main.mart_finding_checks", f"{W}.mart_finding_checks")
    else:
        con.execute(f"DELETE FROM {W}.mart_finding_checks")
    con.execute(f'USE "{wh}"')
    for db in ("inc_slice", "inc_cells_db", "inc_findings"):
        con.execute(f"DETACH DATABASE IF EXISTS {db}")
    _drop_temp(con)
    _step(timings, "global", t)


def _replace_if_changed(con, new: str, old: str) -> None:
    if _differ(con, new, old):
        con.execute(f"DELETE FROM {old}")
        con.execute(f"INSERT INTO {old} BY NAME SELECT * FROM {new}")
