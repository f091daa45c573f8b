"""The benchmark's incremental step: one report out of the built panel's warehouse and back in, timed and checked."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb
import polars as pl


def pick_report(curated: Path) -> str:
    """The report an analyst adds: a monthly report of the latest month, of the province in the middle of
    the file order (so that about half of the figures come after it and move)."""
    reports = pl.read_parquet(curated / "reports.parquet", columns=["report_file", "period_end"])
    monthly = reports.filter(~pl.col("report_file").str.ends_with("_quy.txt"))
    latest = monthly.filter(pl.col("period_end") == pl.col("period_end").max()).sort("report_file")
    return latest["report_file"][latest.height // 2]


def measure(root: Path, out: Path, settings: dict) -> dict:
    """Remove one report from a copy of the full build, add it back (both incremental, timed), and
    compare every table of the result with the full build's."""
    from vnreports.bench.runner import peak_mb
    from vnreports.bench.store import write_without
    from vnreports.build.fingerprint import table_hashes
    from vnreports.build.incremental import update_warehouse

    curated, full = out / "curated", out / "warehouse.duckdb"
    report = pick_report(curated)
    t0 = time.perf_counter()
    without = write_without(curated, out / "incremental" / "curated_without", [report], settings)
    prepare = time.perf_counter() - t0
    target = out / "incremental" / "warehouse.duckdb"
    shutil.copyfile(full, target)
    removed: dict[str, float] = {}
    t0 = time.perf_counter()
    update_warehouse(root, target, without, [report], settings=settings, timings=removed)
    remove_s = time.perf_counter() - t0
    added: dict[str, float] = {}
    t0 = time.perf_counter()
    update_warehouse(root, target, curated, [report], settings=settings, timings=added)
    add_s = time.perf_counter() - t0
    peak = peak_mb()
    with duckdb.connect() as con:
        n_figures = con.execute(f"SELECT count(*) FROM read_parquet('{curated / 'figures.parquet'}') "
                                f"WHERE report_file = ?", [report]).fetchall()[0][0]
    hashes = {}
    for name, path in (("full", full), ("incremental", target)):
        t0 = time.perf_counter()
        with duckdb.connect(str(path), read_only=True) as con:
            for k, v in settings.items():
                con.execute(f"SET {k} = ?", [v])
            hashes[name] = table_hashes(con)
        hashes[f"{name}_s"] = time.perf_counter() - t0
    history = _history_ms(target, settings)  # the appended rows are not clustered by district: still fast?
    same = hashes["full"] == hashes["incremental"]
    differing = sorted(k for k in hashes["full"] if hashes["full"][k] != hashes["incremental"].get(k))
    size = target.stat().st_size
    target.unlink()
    shutil.rmtree(without)
    return {"report": report, "figures": n_figures, "add_s": add_s, "add_steps": added, "remove_s": remove_s,
            "remove_steps": removed, "prepare_s": prepare, "peak_mb": peak, "identical": same,
            "tables": len(hashes["full"]), "differing": differing, "hash_s": hashes["full_s"],
            "size_gb": size / 1e9, "full_size_gb": full.stat().st_size / 1e9, "history_ms": history}


def _history_ms(path: Path, settings: dict) -> dict:
    """Median and max of one district's rank history (5 districts × 5 warm runs) on the updated warehouse."""
    from vnreports.bench.runner import HISTORY_SQL

    runs = []
    with duckdb.connect(str(path), read_only=True) as con:
        for k, v in settings.items():
            con.execute(f"SET {k} = ?", [v])
        districts = [r[0] for r in con.execute(
            "SELECT district_code FROM dim_district ORDER BY hash(district_code) LIMIT 5").fetchall()]
        for d in districts:
            for i in range(6):
                t0 = time.perf_counter()
                con.execute(HISTORY_SQL, [d]).to_arrow_table()
                if i:
                    runs.append(1000 * (time.perf_counter() - t0))
    return {"median_ms": sorted(runs)[len(runs) // 2], "max_ms": max(runs)}
