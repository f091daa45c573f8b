"""Ad-hoc SQL on the warehouse, read-only: `make query`, `make sql`, `vnreports query|sql`.

Two locks keep the warehouse safe: the connection is opened read-only (DuckDB refuses any write)
and, before that, every statement is parsed and only SELECT (with WITH, FROM-first, DESCRIBE,
SHOW, SUMMARIZE) and EXPLAIN are accepted, so COPY, ATTACH, INSTALL, SET and the like are refused
with a clear message too.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


class QueryRefused(Exception):
    """A statement that would change something (exit code 2)."""


class QueryFailed(Exception):
    """The SQL is wrong (exit code 1)."""


def check_read_only(sql: str) -> None:
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryFailed(f"lỗi cú pháp SQL (SQL syntax error): {exc}") from None
    if not statements:
        raise QueryFailed("không có câu lệnh nào (no statement)")
    for st in statements:
        if st.type not in ALLOWED:
            kind = st.type.name
            raise QueryRefused(
                f"câu lệnh {kind} bị từ chối: kho dữ liệu chỉ cho đọc. Chỉ dùng SELECT (hoặc WITH … SELECT, "
                f"DESCRIBE, SHOW, SUMMARIZE, EXPLAIN). — {kind} refused: the warehouse is read-only; "
                "rebuild it with `make build` to change it."
            )


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    if not warehouse.exists():
        raise QueryFailed(f"{warehouse} không tồn tại: chạy `make build` trước (run `make build` first)")
    return duckdb.connect(str(warehouse), read_only=True)


def parse_vars(text: str) -> dict[str, str]:
    """`make query VARS="district=Chi Lăng as_of=2024-09-13"`: NAME=VALUE pairs, where a value runs up to
    the next ` NAME=` (so it may hold spaces: "report=TB-UBND 9/2024 · kiểm tra huyện Lộc Bình") and
    one pair of quotes around it is dropped (`district='Chi Lăng'`)."""
    variables = {}
    for part in re.split(r"\s+(?=[A-Za-z_][A-Za-z0-9_]*=)", text.strip()) if text.strip() else []:
        name, sep, value = part.partition("=")
        if not sep or not name.isidentifier():
            raise ValueError(f"'{part}' is not NAME=VALUE (VARS=\"name=value other=value\")")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        variables[name] = value
    return variables


def run(con: duckdb.DuckDBPyConnection, sql: str, variables: dict[str, str] | None = None):
    """Execute read-only SQL; return (column names, rows)."""
    check_read_only(sql)
    for name, value in (variables or {}).items():
        if not name.isidentifier():
            raise QueryFailed(f"tên biến không hợp lệ (bad variable name): {name!r}")
        con.execute(f"SET VARIABLE {name} = ?", [value])
    try:
        cur = con.execute(sql)
        rows = cur.fetchall()
        columns = [d[0] for d in cur.description] if cur.description else []
    except duckdb.Error as exc:
        text = str(exc)
        if "read-only" in text.lower():
            raise QueryRefused(f"kho dữ liệu chỉ cho đọc — the warehouse is read-only: {text}") from None
        raise QueryFailed(text) from None
    return columns, rows


def _plain(v):
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def render(columns: list[str], rows: list[tuple], fmt: str = "table", max_rows: int = 200,
           max_width: int = 60) -> str:
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows([[_plain(v) for v in r] for r in rows])
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(columns, map(_plain, r))) for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt != "table":
        raise QueryFailed(f"định dạng không biết (unknown format): {fmt}; dùng table, csv hoặc json")
    shown = rows[:max_rows]

    def cell(v) -> str:
        text = "NULL" if v is None else str(_plain(v))
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in r] for r in shown]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [line, "| " + " | ".join(c.ljust(w) for c, w in zip(columns, widths)) + " |", line]
    out += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in cells]
    out.append(line)
    more = f" (hiện {len(shown)} dòng đầu — first {len(shown)} shown)" if len(rows) > len(shown) else ""
    out.append(f"{len(rows)} dòng (rows){more}")
    return "\n".join(out) + "\n"


def shell(warehouse: Path, stdin=sys.stdin, stdout=sys.stdout) -> int:
    """A small interactive SQL shell; statements end with ';'. `.tables`, `.help`, `.quit`."""
    try:
        import readline  # noqa: F401  (line editing and history where available)
    except ImportError:  # pragma: no cover
        pass
    con = connect(warehouse)
    interactive = stdin.isatty()
    print(f"Kho dữ liệu {warehouse} (chỉ đọc, read-only). Kết thúc câu lệnh bằng ';'. "
          ".tables: danh sách bảng, .help: trợ giúp, .quit: thoát.", file=stdout)
    buffer = ""
    while True:
        try:
            line = input("kho> " if not buffer else "...> ") if interactive else stdin.readline()
        except EOFError:
            line = None
        if line is None or (not interactive and line == ""):
            break
        stripped = line.strip()
        if not buffer and stripped.startswith("."):
            if stripped in (".quit", ".exit", ".q"):
                break
            if stripped == ".tables":
                stripped = ("SELECT table_name AS name, 'table' AS kind, comment FROM duckdb_tables() "
                            "UNION ALL SELECT view_name, 'view', comment FROM duckdb_views() WHERE NOT internal "
                            "ORDER BY 1;")
            else:
                print("Lệnh: .tables, .help, .quit; câu SQL kết thúc bằng ';'. Ví dụ: "
                      "SELECT * FROM rankings LIMIT 5;", file=stdout)
                continue
        buffer += stripped + "\n"
        if not buffer.rstrip().endswith(";"):
            continue
        sql, buffer = buffer, ""
        try:
            columns, rows = run(con, sql)
            stdout.write(render(columns, rows))
        except QueryRefused as exc:
            print(f"TỪ CHỐI (refused): {exc}", file=stdout)
        except QueryFailed as exc:
            print(f"LỖI (error): {exc}", file=stdout)
    con.close()
    return 0
