"""Blocking checks on the new warehouse before it is swapped in: declared grains, references and SQL audits.

Each model declares, in `--` comment lines above its CREATE TABLE / CREATE VIEW (a declaration
belongs to the next CREATE in the file; a file with one relation keeps them at the top):

    -- grain: report_file, district_code?, programme_code, project_code?, as_of
    -- unique: metric_code, programme_code, project_code?       (optional: another key)
    -- references: district_code -> dim_district, project_code -> dim_programme.programme_code

`grain` is required, once, for every table and view the warehouse keeps (TEMP staging relations
are not kept). A column marked `?` may be NULL, and NULL then counts as one value (no project:
the programme as a whole); the other grain columns must not be NULL. `references` is a foreign
key into a dimension (the target column defaults to the same name); NULL references nothing.
From these the build makes one query per check that returns the offending rows:

- grain unique: no two rows share the grain (nor another declared `unique` key);
- grain not null: no row has NULL in a grain column without `?`;
- references: every non-NULL key is in its dimension.

A sibling file `<model>.audit.sql` holds hand-written audits: after a `-- audit: <name>` line,
a SELECT that returns the rows that are wrong. The error-severity Great Expectations suites on
the warehouse run too, translated into SQL (vnreports.checks.suites_sql). Every check is an
error: any offending row stops the build, and the previous warehouse stays as it was.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from vnreports.build.warehouse import ModelError
from vnreports.checks.suites_sql import Untranslatable, blocking_suites, ident, suite_queries

_DECLARATION = re.compile(r"^--\s*(grain|unique|references|audit)\s*:\s*(.*?)\s*$", re.I)
_CREATE = re.compile(r"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?(?:TABLE|VIEW)\s+"
                     r"(?:IF\s+NOT\s+EXISTS\s+)?\"?(\w+)\"?", re.I)
_COLUMN = re.compile(r"(\w+)(\??)")
_REFERENCE = re.compile(r"(\w+)\s*->\s*(\w+)(?:\.(\w+))?")
ROWS_SHOWN = 8


class DeclarationError(ModelError):
    """A declaration that is missing, cannot be read or names what does not exist."""

    def __init__(self, *problems: tuple[str, str, str]):  # (where, what is wrong, how to fix it)
        super().__init__("\n".join(f"{where}: {what}\n    how to fix: {fix}" for where, what, fix in problems))


SYNTAX = ("declare above the CREATE: '-- grain: a, b, c?' (c? may be NULL), optionally '-- unique: d' and "
          "'-- references: a -> dim_x.a, b -> dim_y' (see docs/architecture.md)")


@dataclass
class Declaration:
    relation: str
    origin: str  # sql/…/model.sql:line of the CREATE
    temp: bool
    grain: list[tuple[str, bool]] | None = None  # (column, may be NULL)
    unique: list[list[tuple[str, bool]]] = field(default_factory=list)
    references: list[tuple[str, str, str]] = field(default_factory=list)  # (column, table, column)


@dataclass
class Check:
    relation: str
    name: str
    sql: str  # returns the offending rows
    origin: str
    fix: str
    counts: str = "offending row(s)"  # what a returned row is


@dataclass
class Failure:
    check: Check
    columns: list[str]
    rows: list[tuple]
    count: int

    def render(self, limit: int = ROWS_SHOWN) -> str:
        lines = [f"{self.check.origin}: {self.check.relation}: {self.check.name}: {self.count} {self.check.counts}"]
        for row in self.rows[:limit]:
            lines.append("      " + ", ".join(f"{c}={'–' if v is None else v}" for c, v in zip(self.columns, row)))
        if self.count > limit:
            lines.append(f"      … and {self.count - limit} more")
        lines.append(f"    how to fix: {self.check.fix}")
        return "\n".join(lines)


class AuditError(ModelError):
    """Blocking checks failed on the new warehouse; it was not swapped in."""

    def __init__(self, failures: list[Failure], total: int):
        self.failures = failures
        head = (f"{len(failures)} of {total} blocking check(s) failed on the new warehouse (it was not swapped "
                "in); in model order, so the first is usually the cause and later ones are built from it:")
        super().__init__("\n".join([head, *(f.render() for f in failures)]))


def _columns(text: str, origin: str) -> list[tuple[str, bool]]:
    cols = []
    for part in (p.strip() for p in text.split(",")):
        m = _COLUMN.fullmatch(part)
        if not m:
            raise DeclarationError((origin, f"'{part}' is not a column name", SYNTAX))
        cols.append((m.group(1), m.group(2) == "?"))
    return cols


def parse_declarations(path: Path, display: str) -> list[Declaration]:
    """The relations a model file creates, each with the declarations in the comment lines above it."""
    found: list[Declaration] = []
    pending: list[tuple[int, str, str]] = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = _DECLARATION.match(line.strip())
        if m and m.group(1).lower() != "audit":
            pending.append((no, m.group(1).lower(), m.group(2)))
            continue
        c = _CREATE.match(line)
        if not c:
            continue
        d = Declaration(c.group(2), f"{display}:{no}", bool(c.group(1)))
        for at, key, text in pending:
            where = f"{display}:{at}"
            if key == "grain":
                if d.grain is not None:
                    raise DeclarationError((where, f"{d.relation} declares its grain twice",
                                            "keep one '-- grain:' line; another key is '-- unique:'"))
                d.grain = _columns(text, where)
            elif key == "unique":
                d.unique.append(_columns(text, where))
            else:
                for part in filter(None, (p.strip() for p in text.split(","))):
                    r = _REFERENCE.fullmatch(part)
                    if not r:
                        raise DeclarationError((where, f"'{part}' is not a reference", SYNTAX))
                    d.references.append((r.group(1), r.group(2), r.group(3) or r.group(1)))
        found.append(d)
        pending = []
    if pending:
        raise DeclarationError((f"{display}:{pending[0][0]}", f"a '-- {pending[0][1]}:' line with no CREATE TABLE "
                                "or CREATE VIEW after it", "put the declarations right above the CREATE they describe"))
    return found


def parse_audits(path: Path, display: str) -> list[tuple[str, str, str]]:
    """(name, origin, SQL) for every `-- audit: <name>` section of a <model>.audit.sql file."""
    audits: list[list] = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = _DECLARATION.match(line.strip())
        if m and m.group(1).lower() == "audit":
            audits.append([m.group(2), f"{display}:{no}", []])
        elif audits:
            audits[-1][2].append(line)
        elif line.strip() and not line.strip().startswith("--"):
            raise DeclarationError((f"{display}:{no}", "SQL before the first '-- audit: <name>' line",
                                    "start every audit with a line '-- audit: <name>', then its SELECT"))
    out = []
    for name, origin, body in audits:
        sql = "\n".join(body).strip().rstrip(";").strip()
        if not sql:
            raise DeclarationError((origin, f"audit '{name}' has no query",
                                    "after '-- audit: <name>', a SELECT that returns the rows that are wrong"))
        out.append((name, origin, sql))
    return out


def _grain_checks(d: Declaration, columns: dict[str, list[str]]) -> list[Check]:
    rel, cols = ident(d.relation), columns[d.relation]
    grain = d.grain or []
    names = [c for c, _ in grain]
    context = names + [c for c in ("report_file", "figure_id") if c in cols and c not in names]
    checks = []
    for n, key in enumerate([grain, *d.unique]):
        what = "grain" if n == 0 else "unique key"
        listed = ", ".join(ident(c) for c, _ in key)
        text = ", ".join(c + ("?" if null else "") for c, null in key)
        checks.append(Check(
            d.relation, f"{what} ({text}) is not unique",
            f"SELECT {listed}, count(*) AS n_rows FROM {rel} GROUP BY ALL HAVING count(*) > 1",
            d.origin, f"one row per ({text}): find what repeats the rows (a join that fans out, a UNION ALL "
                      "that adds a row twice, a missing GROUP BY column) or, if the relation really holds "
                      f"several rows per key, declare the grain that makes a row unique in {d.origin.split(':')[0]}",
            "key(s) on more than one row"))
        required = [c for c, null in key if not null]
        if required:
            shown = ", ".join(ident(c) for c in context)
            checks.append(Check(
                d.relation, f"NULL in {what} column(s) {', '.join(required)}",
                f"SELECT {shown} FROM {rel} WHERE " + " OR ".join(f"{ident(c)} IS NULL" for c in required),
                d.origin, "a grain column identifies the row and cannot be NULL: fix the model (an outer join "
                          "without a match, a CASE without ELSE), or mark the column `?` if NULL is a value"))
    for col, table, target in d.references:
        shown = ", ".join(f"f.{ident(c)}" for c in dict.fromkeys([*context, col]))
        checks.append(Check(
            d.relation, f"references {col} -> {table}.{target}: key not in {table}",
            f"SELECT {shown} FROM {rel} AS f WHERE f.{ident(col)} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {ident(table)} AS t WHERE t.{ident(target)} = f.{ident(col)})",
            d.origin, f"every {col} of {d.relation} must be a {target} of {table}: fix the model that builds "
                      f"{d.relation} or {table} (a filter in one and not the other, a code written differently)"))
    return checks


def _relations(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND NOT internal ORDER BY table_name, column_index").fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def collect_checks(con: duckdb.DuckDBPyConnection, root: Path, model_files: list[Path], suites: bool) -> list[Check]:
    """Every blocking check of the warehouse in `con`; DeclarationError for a missing or wrong declaration."""
    rel = lambda p: p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)  # noqa: E731
    declared: dict[str, Declaration] = {}
    audits: list[Check] = []
    for path in model_files:
        kept = [d for d in parse_declarations(path, rel(path)) if not d.temp]
        declared.update((d.relation, d) for d in kept)
        sibling = path.with_name(path.stem + ".audit.sql")
        if sibling.exists():
            relation = ", ".join(d.relation for d in kept) or path.stem
            audits += [Check(relation, f"audit {name}", sql, origin,
                             f"the audit in {origin} lists rows that must not exist: fix the model or the data")
                       for name, origin, sql in parse_audits(sibling, rel(sibling))]
    temps = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()}
    columns = {k: v for k, v in _relations(con).items() if k not in temps}
    problems = []
    for name in sorted(columns):
        d = declared.get(name)
        if d is None or d.grain is None:
            where = d.origin if d else "sql/ (no model file has a line 'CREATE TABLE|VIEW " + name + "')"
            problems.append((where, f"{name}: no grain declared",
                             "add a line '-- grain: <the columns that identify one row>' right above its CREATE "
                             "(a column that may be NULL ends with '?'); every relation the warehouse keeps has one"))
            continue
        for c, _ in [*d.grain, *(c for key in d.unique for c in key)] + [(r[0], False) for r in d.references]:
            if c not in columns[name]:
                problems.append((d.origin, f"{name}: '{c}' is declared but is not a column of {name}",
                                 f"correct the declaration above the CREATE of {name}"))
        for _, table, target in d.references:
            if target not in columns.get(table, []):
                problems.append((d.origin, f"{name}: references {table}.{target}, which does not exist",
                                 "name a column of a relation the warehouse keeps"))
    for name, d in declared.items():
        if name not in columns:
            problems.append((d.origin, f"declarations for {name}, which the warehouse does not keep",
                             "remove them, or the statement that drops the relation"))
    if problems:
        raise DeclarationError(*problems)
    checks = [c for name in declared for c in _grain_checks(declared[name], columns)] + audits  # model order
    if suites:
        for suite in blocking_suites(root / "expectations" / "expectations"):
            origin = rel(suite["path"])
            try:
                queries = suite_queries(suite)
            except Untranslatable as exc:
                raise DeclarationError((origin, f"{suite['name']}: {exc}",
                                        "translate it in vnreports/checks/suites_sql.py, or write the check as a "
                                        "SQL audit (<model>.audit.sql)")) from None
            checks += [Check(suite["name"], f"expectation {label}", sql, origin,
                             f"fix the model that builds {suite['name']}; if the data is right, the "
                             f"expectation in {origin} (make validate shows it in the Data Docs)")
                       for label, sql in queries]
    position = {name: i for i, name in enumerate(declared)}
    checks.sort(key=lambda c: position.get(c.relation.split(",")[0], len(position)))  # stable: model order
    return checks


def run_checks(con: duckdb.DuckDBPyConnection, checks: list[Check], limit: int = ROWS_SHOWN) -> list[Failure]:
    """Run every check; the failures, each with its first offending rows and their number."""
    failures = []
    for check in checks:
        try:
            cur = con.execute(f"SELECT * FROM ({check.sql}) ORDER BY ALL LIMIT {limit + 1}")  # the same rows each time
        except duckdb.Error as exc:
            raise DeclarationError((check.origin, f"{check.relation}: {check.name}: the check does not run: {exc}",
                                    "correct the declaration, audit or expectation it comes from")) from None
        rows = cur.fetchall()
        if rows:
            columns = [d[0] for d in cur.description]
            count = len(rows) if len(rows) <= limit else con.execute(f"SELECT count(*) FROM ({check.sql})").fetchone()[0]
            failures.append(Failure(check, columns, rows[:limit], count))
    return failures


def audit_warehouse(con: duckdb.DuckDBPyConnection, root: Path, model_files: list[Path], *, suites: bool = True,
                    summary: dict | None = None) -> None:
    """Collect and run every blocking check; AuditError listing each failure with its offending rows."""
    start = time.perf_counter()
    checks = collect_checks(con, root, model_files, suites)
    failures = run_checks(con, checks)
    if summary is not None:
        summary.update(checks=len(checks), checks_seconds=time.perf_counter() - start)
    if failures:
        raise AuditError(failures, len(checks))
