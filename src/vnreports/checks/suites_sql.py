"""The error-severity Great Expectations suites on the warehouse, as SQL queries that return the offending rows.

`make validate` runs every suite with GX and writes the Data Docs. The build runs the same
expectations, read from the same JSON files in expectations/expectations/, as DuckDB queries on
the new warehouse before it is swapped in: GX takes seconds to start, these take milliseconds,
and one definition cannot say two things. Only suites whose source is `warehouse: <SQL>` and whose
severity is `error` are translated (raw and curated suites check what `make curate` already
refuses; warning suites are findings, reported after the swap). An expectation type or argument
without a translation here is an error, so that no blocking expectation is silently skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

# Value sets taken from the warehouse: the suites' {"$PARAMETER": name}. quality.parameters() reads
# the same queries for GX.
PARAMETERS = {
    "district_codes": "SELECT district_code FROM dim_district",
    "commune_codes": "SELECT commune_code FROM dim_commune",
    "report_files": "SELECT report_file FROM dim_report",
    "metric_codes": "SELECT metric_code FROM dim_metric",
    "programme_codes": "SELECT programme_code FROM dim_programme",
}

# Arguments that change nothing here (GX bookkeeping) or that the translation below reads.
_IGNORED = {"batch_id"}
_READ = {"column", "column_list", "column_A", "column_B", "value_set", "min_value", "max_value", "strict_min",
         "strict_max", "regex", "or_equal", "ignore_row_if", "value"}


class Untranslatable(ValueError):
    """A blocking expectation that has no SQL form here."""


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _value_set(value_set: object) -> str:
    if isinstance(value_set, dict) and "$PARAMETER" in value_set:
        name = value_set["$PARAMETER"]
        if name not in PARAMETERS:
            raise Untranslatable(f"unknown suite parameter '{name}' (known: {', '.join(sorted(PARAMETERS))})")
        return f"(SELECT v FROM ({PARAMETERS[name]}) AS p (v) WHERE v IS NOT NULL)"
    if isinstance(value_set, list) and value_set:
        return "(" + ", ".join(literal(v) for v in value_set) + ")"
    raise Untranslatable(f"value_set {value_set!r} is neither a list nor a $PARAMETER")


def _pair_ignored(a: str, b: str, rule: str) -> str:
    """GX's ignore_row_if for two columns (default: both values missing), as a condition to keep a row."""
    return {"both_values_are_missing": f"NOT ({a} IS NULL AND {b} IS NULL)",
            "either_value_is_missing": f"{a} IS NOT NULL AND {b} IS NOT NULL",
            "neither": "TRUE"}[rule]


def expectation_sql(kind: str, kw: dict, keys: list[str]) -> str:
    """A query over the relation `src` returning the rows that break one expectation (none: it holds)."""
    unknown = set(kw) - _READ - _IGNORED
    if unknown:
        raise Untranslatable(f"{kind}: argument(s) {', '.join(sorted(unknown))} have no SQL translation")
    col = ident(kw["column"]) if "column" in kw else None
    shown = lambda *cols: ", ".join(dict.fromkeys([*map(ident, keys), *cols]))  # noqa: E731
    if kind == "expect_table_row_count_to_equal":
        return f"SELECT count(*) AS row_count FROM src HAVING count(*) <> {literal(kw['value'])}"
    if kind == "expect_table_row_count_to_be_between":
        bounds = [f"count(*) < {literal(kw['min_value'])}" if kw.get("min_value") is not None else None,
                  f"count(*) > {literal(kw['max_value'])}" if kw.get("max_value") is not None else None]
        return f"SELECT count(*) AS row_count FROM src HAVING {' OR '.join(b for b in bounds if b)}"
    if kind == "expect_column_values_to_not_be_null":
        return f"SELECT {shown(col)} FROM src WHERE {col} IS NULL"
    if kind == "expect_column_values_to_be_in_set":
        return f"SELECT {shown(col)} FROM src WHERE {col} IS NOT NULL AND {col} NOT IN {_value_set(kw['value_set'])}"
    if kind == "expect_column_values_to_be_between":
        lo, hi = kw.get("min_value"), kw.get("max_value")
        out = [f"{col} {'<=' if kw.get('strict_min') else '<'} {literal(lo)}" if lo is not None else None,
               f"{col} {'>=' if kw.get('strict_max') else '>'} {literal(hi)}" if hi is not None else None]
        return f"SELECT {shown(col)} FROM src WHERE {' OR '.join(o for o in out if o)}"
    if kind == "expect_column_value_lengths_to_be_between":
        lo, hi = kw.get("min_value"), kw.get("max_value")
        n = f"length({col}::VARCHAR)"
        out = [f"{n} < {literal(lo)}" if lo is not None else None, f"{n} > {literal(hi)}" if hi is not None else None]
        return f"SELECT {shown(col)} FROM src WHERE {' OR '.join(o for o in out if o)}"
    if kind == "expect_column_values_to_match_regex":
        return f"SELECT {shown(col)} FROM src WHERE NOT regexp_matches({col}::VARCHAR, {literal(kw['regex'])})"
    if kind == "expect_column_values_to_be_unique":
        return (f"SELECT {shown(col)} FROM src WHERE {col} IN "
                f"(SELECT {col} FROM src WHERE {col} IS NOT NULL GROUP BY {col} HAVING count(*) > 1)")
    if kind == "expect_compound_columns_to_be_unique":
        cols = [ident(c) for c in kw["column_list"]]
        rule = kw.get("ignore_row_if", "all_values_are_missing")
        keep = {"all_values_are_missing": "NOT (" + " AND ".join(f"{c} IS NULL" for c in cols) + ")",
                "any_value_is_missing": " AND ".join(f"{c} IS NOT NULL" for c in cols), "never": "TRUE"}[rule]
        return (f"SELECT {', '.join(cols)}, count(*) AS n_rows FROM src WHERE {keep} "
                f"GROUP BY {', '.join(cols)} HAVING count(*) > 1")
    if kind in ("expect_column_pair_values_a_to_be_greater_than_b", "expect_column_pair_values_to_be_equal"):
        a, b = ident(kw["column_A"]), ident(kw["column_B"])
        op = "=" if kind.endswith("equal") else (">=" if kw.get("or_equal") else ">")
        keep = _pair_ignored(a, b, kw.get("ignore_row_if", "both_values_are_missing"))
        return f"SELECT {shown(a, b)} FROM src WHERE {keep} AND NOT coalesce({a} {op} {b}, FALSE)"
    raise Untranslatable(f"{kind} has no SQL translation")


def blocking_suites(suites_dir: Path) -> list[dict]:
    """The suites that block the build: severity error, source `warehouse: <SQL>`."""
    suites = []
    for path in sorted(suites_dir.glob("*.json")) if suites_dir.is_dir() else []:
        suite = json.loads(path.read_text(encoding="utf-8"))
        meta = suite.get("meta", {})
        kind, _, query = str(meta.get("source", "")).partition(":")
        if meta.get("severity", "error") == "error" and kind.strip() == "warehouse":
            suites.append({**suite, "path": path, "query": query.strip()})
    return suites


def label(kind: str, kw: dict) -> str:
    """expect_x(column='a', value_set=[…]) as the summary and Data Docs show it."""
    args = ", ".join(f"{k}={v!r}" for k, v in kw.items() if k not in _IGNORED)
    return f"{kind}({args})"


def suite_queries(suite: dict) -> list[tuple[str, str]]:
    """(label, SQL) for every expectation of one blocking suite: each query returns the offending rows."""
    keys = list(suite.get("meta", {}).get("keys", []))
    out = []
    for e in suite["expectations"]:
        body = expectation_sql(e["type"], e["kwargs"], keys)
        out.append((label(e["type"], e["kwargs"]), f"WITH src AS ({suite['query']}) {body}"))
    return out
