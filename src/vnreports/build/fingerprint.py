"""A build's fingerprint: a hash per curated Parquet file and per warehouse relation (rows, order-free)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb


def relation_digests(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """'table/name' or 'view/name' → 'row count + sha256 of its sorted rows' for every relation."""
    out = {}
    rels = con.execute("SELECT table_name, table_type FROM information_schema.tables "
                       "WHERE table_schema = 'main' ORDER BY 1").fetchall()
    for name, kind in rels:
        rows = con.execute(f'SELECT * FROM "{name}"').fetchall()
        digest = hashlib.sha256("\n".join(sorted(repr(r) for r in rows)).encode()).hexdigest()
        out[f"{'view' if kind == 'VIEW' else 'table'}/{name}"] = f"{len(rows)} {digest}"
    return out


def fingerprint(root: Path, warehouse: Path | None = None) -> dict[str, str]:
    """The curated files' bytes and the warehouse's rows: equal fingerprints mean equal builds."""
    out = {f"curated/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
           for p in sorted((root / "data" / "curated").glob("*.parquet"))}
    with duckdb.connect(str(warehouse or root / "data" / "warehouse.duckdb"), read_only=True) as con:
        out.update(relation_digests(con))
    return out


def table_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """'table/name' → 'row count + sum of its rows' hashes', computed in DuckDB: order-free like
    `relation_digests`, but fast enough for a warehouse of ten million figures (one scan per table)."""
    out = {}
    for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                               "AND schema_name = 'main' ORDER BY 1").fetchall():
        n, h = con.execute(f'SELECT count(*), coalesce(sum(hash(t)), 0) FROM "{name}" AS t').fetchall()[0]
        out[f"table/{name}"] = f"{n} {h}"
    return out
