"""Row-for-row comparison of two engines' answers in DuckDB."""

from __future__ import annotations

from vnreports.bench.spec import COMPARE_COLUMNS

_TYPES = {
    "rankings": {"as_of": "DATE", "rank": "BIGINT", "rank_of": "BIGINT", "rank_min": "BIGINT", "rank_max": "BIGINT",
                 "value_min": "R6", "value_max": "R6", "rank_national": "BIGINT", "rank_of_national": "BIGINT"},
    "vs_average": {"as_of": "DATE", "district_value": "R6", "province_value": "R6", "difference": "R4",
                   "above_average": "BOOLEAN", "better_than_average": "BOOLEAN"},
    "rates": {"stated": "R6", "computed": "R4", "tolerance": "R6", "ok": "BOOLEAN"},
}


def canonical_select(kind: str, relation: str) -> str:
    """SELECT the comparison columns of `relation` with one type each (numbers rounded), so that equal
    answers are equal rows whichever engine produced them."""
    parts = []
    for c in COMPARE_COLUMNS[kind]:
        t = _TYPES[kind].get(c, "VARCHAR")
        if t.startswith("R"):
            parts.append(f"round(CAST({c} AS DOUBLE), {t[1:]}) AS {c}")
        else:
            parts.append(f"CAST({c} AS {t}) AS {c}")
    return f"SELECT {', '.join(parts)} FROM {relation}"


def compare(con, kind: str, left: str, right: str, show: int = 3) -> tuple[int, int, int, list]:
    """(rows left, rows only in left, rows only in right, examples) for two relations, as multisets."""
    a, b = canonical_select(kind, left), canonical_select(kind, right)
    n = con.execute(f"SELECT count(*) FROM ({a})").fetchall()[0][0]
    only_a = con.execute(f"SELECT count(*) FROM ({a} EXCEPT ALL {b})").fetchall()[0][0]
    only_b = con.execute(f"SELECT count(*) FROM ({b} EXCEPT ALL {a})").fetchall()[0][0]
    examples = []
    if only_a or only_b:
        examples = con.execute(f"SELECT 'left' AS side, * FROM ({a} EXCEPT ALL {b}) LIMIT {show}").fetchall() + \
            con.execute(f"SELECT 'right' AS side, * FROM ({b} EXCEPT ALL {a}) LIMIT {show}").fetchall()
    return n, only_a, only_b, examples
