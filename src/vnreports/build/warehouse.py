"""Building the DuckDB warehouse from the curated layer by running the SQL models in order.

The models are plain SQL files under sql/ (00_macros → 10_staging → 20_dimensions →
30_facts → 40_marts → 50_views), run in path order (`<model>.audit.sql` files are audits, not
models). The build writes a temporary file and swaps it over data/warehouse.duckdb only when
every model ran, every table, view and column has a comment and every blocking check passed on
the temporary file (vnreports.build.audits: declared grains and references, SQL audits, the
error-severity GX suites as SQL); a failed build leaves the previous warehouse untouched.
"""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

import duckdb

from vnreports.build.lock import crash_point

MODEL_DIRS = ("00_macros", "10_staging", "20_dimensions", "30_facts", "40_marts", "50_views")
AUDIT_SUFFIX = ".audit.sql"
CHECKS = ("all", "declared", "none")  # all: declarations, audits and GX suites; declared: without the suites


class ModelError(RuntimeError):
    """A SQL model failed or the warehouse is incomplete."""


def model_files(sql_dir: Path) -> list[Path]:
    files: list[Path] = []
    for d in MODEL_DIRS:
        files.extend(p for p in sorted((sql_dir / d).glob("*.sql")) if not p.name.endswith(AUDIT_SUFFIX))
    return files


def _apply_shared_comments(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> None:
    """Columns that mean the same in every table get their comment from one place."""
    with (sql_dir / "column_comments.csv").open(encoding="utf-8", newline="") as fh:
        shared = {r["column_name"]: r["comment"] for r in csv.DictReader(fh)}
    rows = con.execute(
        "SELECT c.table_name, c.column_name, t.table_type FROM duckdb_columns() c "
        "JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.schema_name "
        "WHERE c.database_name = current_database() AND c.schema_name = 'main' AND c.comment IS NULL"
    ).fetchall()
    for table, column, _ in rows:
        if column in shared:
            text = shared[column].replace("'", "''")
            con.execute(f'COMMENT ON COLUMN "{table}"."{column}" IS \'{text}\'')


def missing_comments(con: duckdb.DuckDBPyConnection) -> list[str]:
    objects = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary "
        "AND comment IS NULL UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = current_database() "
        "AND NOT internal AND NOT temporary AND comment IS NULL"
    ).fetchall()
    columns = con.execute(
        "SELECT c.table_name || '.' || c.column_name FROM duckdb_columns() c "
        "WHERE c.database_name = current_database() AND c.schema_name = 'main' AND c.comment IS NULL "
        "AND NOT c.internal AND c.table_name NOT IN (SELECT table_name FROM duckdb_tables() WHERE temporary)"
    ).fetchall()
    return sorted(r[0] for r in objects) + sorted(r[0] for r in columns)


def build_warehouse(root: Path, target: Path | None = None, *, curated: Path | None = None,
                    settings: dict[str, object] | None = None, timings: dict[str, float] | None = None,
                    checks: str = "all", summary: dict | None = None) -> Path:
    """Run every model into a temporary file, check it and swap it in; return the warehouse path.

    `curated` reads another curated folder (the synthetic panel of `make bench`), `settings` are
    DuckDB settings for the build (threads, memory_limit …), and `timings`, when given, receives
    the wall time of each model file in seconds. `checks` chooses the blocking checks run before
    the swap (CHECKS; the GX suites hold Lạng Sơn's numbers, so the synthetic panel uses
    "declared" or "none"); `summary`, when given, receives their number and time.
    """
    if checks not in CHECKS:
        raise ValueError(f"checks must be one of {CHECKS}")
    sql_dir = root / "sql"
    curated = curated or root / "data" / "curated"
    target = target or root / "data" / "warehouse.duckdb"
    if not (curated / "manifest.json").exists():
        raise ModelError(f"{curated}/manifest.json is missing: run `make build` (the curated layer) first")
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    for stale in target.parent.glob(f"{target.name}.tmp-*"):  # left by a killed build (the caller holds the lock)
        stale.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for name, value in (settings or {}).items():
            con.execute(f"SET {name} = ?", [value])
        con.execute("SET VARIABLE curated = ?", [str(curated)])
        files = model_files(sql_dir)
        for i, path in enumerate(files):
            if i == len(files) // 2:
                crash_point("warehouse-models")
            start = time.perf_counter()
            try:
                con.execute(path.read_text(encoding="utf-8"))
            except duckdb.Error as exc:
                raise ModelError(f"{path.relative_to(root)}: {exc}") from None
            if timings is not None:
                timings[path.relative_to(sql_dir).as_posix()] = time.perf_counter() - start
        _apply_shared_comments(con, sql_dir)
        missing = missing_comments(con)
        if missing:
            raise ModelError("no COMMENT for: " + ", ".join(missing)
                             + " (add COMMENT ON … in the model, or the column to sql/column_comments.csv)")
        if checks != "none":
            from vnreports.build.audits import audit_warehouse

            audit_warehouse(con, root, files, suites=checks == "all", summary=summary)
        con.execute("CHECKPOINT")
        con.close()
        crash_point("warehouse-before-swap")
        os.replace(tmp, target)
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    return target
