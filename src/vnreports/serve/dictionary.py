"""The data dictionary, read from the warehouse's own COMMENTs (one place for each fact)."""

from __future__ import annotations

from pathlib import Path

import duckdb

SECTION_ORDER = ("figures", "rankings", "source_anomalies", "targets", "disbursement", "dim_", "fact_", "mart_")


def _order(name: str) -> tuple[int, str]:
    for i, prefix in enumerate(SECTION_ORDER):
        if name == prefix or (prefix.endswith("_") and name.startswith(prefix)):
            return i, name
    return len(SECTION_ORDER), name


def dictionary_rows(warehouse: Path) -> list[dict]:
    """Every table and view with its comment and columns (name, type, comment)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        objects = con.execute(
            "SELECT table_name, 'bảng (table)', comment FROM duckdb_tables() WHERE NOT temporary "
            "UNION ALL SELECT view_name, 'view', comment FROM duckdb_views() WHERE NOT internal AND NOT temporary"
        ).fetchall()
        columns = con.execute(
            "SELECT table_name, column_name, data_type, coalesce(comment, '') FROM duckdb_columns() "
            "WHERE NOT internal ORDER BY table_name, column_index"
        ).fetchall()
    by_table: dict[str, list[dict]] = {}
    for table, name, dtype, comment in columns:
        by_table.setdefault(table, []).append({"name": name, "type": dtype, "comment": comment})
    return [
        {"name": name, "kind": kind, "comment": comment or "", "columns": by_table.get(name, [])}
        for name, kind, comment in sorted(objects, key=lambda o: _order(o[0]))
    ]


def dictionary_markdown(warehouse: Path) -> str:
    lines = [
        "# Từ điển dữ liệu — data dictionary",
        "",
        "Sinh tự động từ chú thích (COMMENT) của `data/warehouse.duckdb` bằng `make dictionary`; "
        "đừng sửa tay. *Generated from the warehouse's comments; do not edit by hand.*",
        "",
    ]
    for obj in dictionary_rows(warehouse):
        lines += [f"## `{obj['name']}` ({obj['kind']})", "", obj["comment"], "",
                  "| cột (column) | kiểu (type) | ý nghĩa (meaning) |", "|---|---|---|"]
        for c in obj["columns"]:
            comment = c["comment"].replace("|", "\\|")
            lines.append(f"| `{c['name']}` | {c['type']} | {comment} |")
        lines.append("")
    return "\n".join(lines)
