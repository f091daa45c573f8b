"""`make bench`: each engine in its own process, timed, its answers compared; the summary line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import polars as pl

from vnreports.bench.shape import SHAPES

HISTORY_SQL = """
SELECT metric_code, programme_code, project_code, as_of, source, rank, rank_of, rank_national, rank_of_national,
       value_min, value_max, label, report_file, figure_id, quote
FROM rankings WHERE district_code = ?
ORDER BY metric_code, programme_code, project_code, as_of, source
"""
RANKED_ROWS_SQL = """
SELECT count(*) FROM fact_figure f JOIN dim_series s USING (metric_code, programme_code)
WHERE s.project_code IS NOT DISTINCT FROM f.project_code AND f.level = 'district' AND f.figure_type = 'actual'
  AND NOT f.is_rank AND f.part_of IS NULL AND s.higher_is_better IS NOT NULL
"""
MODELS = {"rankings": "40_marts/41_mart_rankings.sql", "vs_average": "40_marts/41_mart_vs_provincial_average.sql",
          "rates": "40_marts/41_mart_reconciliation.sql"}


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def run_worker(engine: str, out: Path, root: Path, settings: dict, repeat: int) -> dict:
    """Run one engine in this (fresh) process; write its results next to the panel; return timings."""
    from vnreports.bench.engines import DUCKDB_QUERIES, ENGINES

    res_dir = out / "results"
    res_dir.mkdir(parents=True, exist_ok=True)
    curated = out / "curated"
    if engine == "duckdb_build":
        from vnreports.build.warehouse import build_warehouse

        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        # the models' time only: the pre-swap checks are the build's, not the computations compared here
        build_warehouse(root, out / "warehouse.duckdb", curated=curated, settings=settings, timings=timings,
                        checks="none")
        return {"wall": time.perf_counter() - t0, "models": timings, "peak_mb": peak_mb()}
    if engine == "duckdb_incremental":
        from vnreports.bench.incremental import measure

        return measure(root, out, settings)
    if engine == "duckdb":
        import duckdb

        con = duckdb.connect(str(out / "warehouse.duckdb"))
        for k, v in settings.items():
            con.execute(f"SET {k} = ?", [v])
        con.execute("SET VARIABLE curated = ?", [str(curated)])
        runs: dict[str, list[float]] = {}
        for kind in ("rankings", "vs_average", "rates"):
            sql = (root / "sql" / MODELS[kind]).read_text(encoding="utf-8")
            for _ in range(repeat if kind == "rankings" else 1):
                for what in ("TABLE", "TYPE"):  # what the model creates, so that it runs again
                    for name in re.findall(rf"CREATE {what} (\w+)", sql):
                        con.execute(f"DROP {what} {name}")
                t0 = time.perf_counter()
                con.execute(sql)
                runs.setdefault(kind, []).append(time.perf_counter() - t0)
        floor_runs, stages = _floor(con, (root / "sql" / MODELS["rankings"]).read_text(encoding="utf-8"), repeat)
        peak = peak_mb()
        ranked_rows = con.execute(RANKED_ROWS_SQL).fetchall()[0][0]
        con.execute("CHECKPOINT")
        con.close()
        # interactive questions on a fresh read-only connection, as an analyst would open it
        con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
        for k, v in settings.items():
            con.execute(f"SET {k} = ?", [v])
        districts = [r[0] for r in con.execute(
            "SELECT district_code FROM dim_district ORDER BY hash(district_code) LIMIT 5").fetchall()]
        first, warm, n_rows = None, [], 0
        for d in districts:
            for i in range(11):
                t0 = time.perf_counter()
                table = con.execute(HISTORY_SQL, [d]).to_arrow_table()
                el = time.perf_counter() - t0
                if first is None:
                    first = el
                elif i:
                    warm.append(el)
                n_rows = table.num_rows
        for kind, sql in DUCKDB_QUERIES.items():
            con.execute(f"COPY ({sql}) TO '{res_dir / f'duckdb_{kind}.parquet'}' (FORMAT parquet)")
        con.close()
        med = sorted(runs["rankings"])[len(runs["rankings"]) // 2]
        return {"kinds": {"rankings": med, "vs_average": runs["vs_average"][0], "rates": runs["rates"][0]},
                "rankings_runs": runs["rankings"], "peak_mb": peak, "ranked_rows": ranked_rows,
                "floor": sorted(floor_runs)[len(floor_runs) // 2], "floor_runs": floor_runs, "stages": stages,
                "history": {"first_ms": first * 1000, "median_ms": 1000 * sorted(warm)[len(warm) // 2],
                            "max_ms": 1000 * max(warm), "rows": n_rows, "districts": len(districts)}}
    load, fns, names = ENGINES[engine]
    t0 = time.perf_counter()
    tables = load(curated)
    result = {"load": time.perf_counter() - t0, "kinds": {}}
    outputs = {}
    for kind, fn in fns.items():
        t0 = time.perf_counter()
        outputs[kind] = fn(tables)
        result["kinds"][kind] = time.perf_counter() - t0
    result["peak_mb"] = peak_mb()
    outputs["rankings"] = names(outputs["rankings"], tables)  # for the comparison, not timed
    for kind, frame in outputs.items():
        path = res_dir / f"{engine}_{kind}.parquet"
        if hasattr(frame, "write_parquet"):
            frame.write_parquet(path)
        else:
            frame.to_parquet(path, index=False)
    return result


def _floor(con, model_sql: str, repeat: int) -> tuple[list[float], dict[str, float]]:
    """The floor query (median of `repeat` runs) and the stages from it to the model (once each)."""
    from vnreports.bench.floor import CLEANUP, stage_queries

    runs, stages = [], {}
    for name, statements in stage_queries(model_sql).items():
        for _ in range(repeat if name == "floor" else 1):
            for sql in statements[:-1]:
                con.execute(sql)
            t0 = time.perf_counter()
            con.execute(statements[-1]).fetchall()
            if name == "floor":
                runs.append(time.perf_counter() - t0)
            else:
                stages[name] = time.perf_counter() - t0
    # what the ORDER BY buys: one district's rows from the clustered mart and from the unordered copy
    keys = [r[0] for r in con.execute("SELECT district_key FROM dim_district ORDER BY hash(district_key) LIMIT 5").fetchall()]
    for table in ("mart_rankings", "bench_rankings_unordered"):
        times = []
        for k in keys:
            for i in range(6):
                t0 = time.perf_counter()
                con.execute(f"SELECT * FROM {table} WHERE district_key = ?", [k]).to_arrow_table()
                if i:
                    times.append(1000 * (time.perf_counter() - t0))
        stages[f"one district from {table}, median ms"] = sorted(times)[len(times) // 2]
    for sql in CLEANUP:
        con.execute(sql)
    return runs, stages


def _spawn(engine: str, out: Path, root: Path, settings: dict, repeat: int) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root / "src"), os.environ.get("PYTHONPATH")]))}
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "vnreports.bench", "worker", engine, str(out), str(root), json.dumps(settings),
         str(repeat)], env=env, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{engine} failed:\n{proc.stdout}\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall"] = time.perf_counter() - t0
    return result


def run(root: Path, shape_name: str = "national", seed: int = 20250701, out: Path | None = None,
        engines: tuple[str, ...] = ("duckdb", "polars", "polars_scan", "pandas", "pandas_tuned"), repeat: int = 3,
        threads: int = 2, memory_limit: str = "1536MB", log=print) -> dict:
    """Generate (once) the synthetic panel, build and time every engine, compare, print the summary."""
    import duckdb

    from vnreports.bench.compare import compare
    from vnreports.bench.spec import COMPARE_COLUMNS

    shape = SHAPES[shape_name]
    out = (out or root / "build" / "bench" / shape_name).resolve()
    settings = {"threads": threads, "memory_limit": memory_limit}
    load_start = os.getloadavg()
    log(f"SYNTHETIC panel ({shape_name}, seed {seed}) in {out.relative_to(root) if root in out.parents else out}; "
        f"load average at the start {load_start[0]:.2f}, {load_start[1]:.2f}, {load_start[2]:.2f} (1, 5, 15 min)")
    gen = _spawn("generate", out, root, {"shape": shape_name, "seed": seed}, 0)
    manifest = json.loads((out / "curated" / "manifest.json").read_text(encoding="utf-8"))
    rows = {k.removesuffix(".parquet"): v["rows"] for k, v in manifest["tables"].items()}
    log(f"  {rows['figures']:,} fact rows (figures), {rows['districts']:,} districts, "
        f"{rows['communes_2024']:,} commune rows, {rows['metrics']} metrics, {shape.months} months"
        + (f"; generated in {gen['generate_s']:.1f} s, peak {gen['peak_mb'] / 1024:.1f} GB" if gen["generate_s"]
           else " (cached)"))
    results: dict[str, dict] = {"machine": _machine(), "shape": asdict(shape), "seed": seed, "rows": rows,
                                "settings": settings, "engines": {}, "load_average_start": load_start}
    if "duckdb" in engines:
        log(f"duckdb {duckdb.__version__}: building the warehouse (every SQL model) …")
        build = _spawn("duckdb_build", out, root, settings, repeat)
        results["duckdb_build"] = build
        slow = sorted(build["models"].items(), key=lambda kv: -kv[1])[:6]
        log(f"  build {build['wall']:.1f} s, peak RSS {build['peak_mb']:.0f} MB; slowest models: "
            + ", ".join(f"{Path(k).stem} {v:.1f} s" for k, v in slow))
        log("duckdb: one report out of the warehouse and back in, incrementally …")
        inc = _spawn("duckdb_incremental", out, root, settings, repeat)
        results["incremental"] = inc
        steps = ", ".join(f"{k} {v:.2f}" for k, v in inc["add_steps"].items())
        log(f"  {inc['report']} ({inc['figures']:,} figures): removed in {inc['remove_s']:.2f} s, added back in "
            f"{inc['add_s']:.2f} s ({steps} s); peak RSS {inc['peak_mb']:.0f} MB")
        ok_inc = inc["identical"]
        log(f"  a district's rank history on the updated warehouse: median {inc['history_ms']['median_ms']:.1f} ms, "
            f"max {inc['history_ms']['max_ms']:.1f} ms")
        log(f"  check incremental vs full build: {inc['tables']} tables, "
            + ("identical (row count and hash of every row)" if ok_inc else f"DIFFERENT: {', '.join(inc['differing'])}"))
    for engine in engines:
        log(f"{engine}: running …")
        r = _spawn(engine, out, root, settings, repeat)
        results["engines"][engine] = r
        kinds = ", ".join(f"{k} {v:.2f} s" for k, v in r["kinds"].items())
        load = f"load {r['load']:.2f} s, " if "load" in r else ""
        extra = (f" (rankings runs: {', '.join(f'{x:.2f}' for x in r['rankings_runs'])} s)"
                 if "rankings_runs" in r else "")
        log(f"  {load}{kinds}; peak RSS {r['peak_mb']:.0f} MB{extra}")
        if "history" in r:
            h = r["history"]
            log(f"  one district's rank history ({h['rows']:,} rows, {h['districts']} districts): "
                f"median {h['median_ms']:.1f} ms, max {h['max_ms']:.1f} ms, first query {h['first_ms']:.1f} ms")
    # the same answers?
    con = duckdb.connect()
    ok = True
    res_dir = out / "results"
    for engine in engines:
        if engine == "duckdb":
            continue
        for kind in COMPARE_COLUMNS:
            n, only_a, only_b, examples = compare(con, kind, f"'{res_dir / f'duckdb_{kind}.parquet'}'",
                                                  f"'{res_dir / f'{engine}_{kind}.parquet'}'")
            same = not only_a and not only_b
            ok &= same
            results["engines"][engine].setdefault("equal", {})[kind] = same
            log(f"  check {engine} vs duckdb, {kind}: {n:,} rows, "
                + ("identical" if same else f"DIFFERENT ({only_a} only in duckdb, {only_b} only in {engine}): "
                   + "; ".join(map(str, examples))))
    ok &= results.get("incremental", {}).get("identical", True)
    results["equal"] = ok
    e = results["engines"]
    if "duckdb" in e:
        d = e["duckdb"]
        a, st = d["kinds"]["rankings"], d["stages"]
        log(f"duckdb rankings model {a:.2f} s = {a / d['floor']:.2f} × the floor {d['floor']:.2f} s (the aggregate and "
            f"the two window ranks, counted); + the rest of the model, counted: {st['model, counted']:.2f} s; "
            f"+ written: {st['model, stored']:.2f} s; + ORDER BY district_key (the model): {a:.2f} s")
        log(f"  (the ORDER BY clusters a district's rows: one district from mart_rankings "
            f"{st['one district from mart_rankings, median ms']:.1f} ms, from the same rows unordered "
            f"{st['one district from bench_rankings_unordered, median ms']:.1f} ms)")
    notes = {"polars_scan": "lazily from the Parquet file, reading included", "pandas_tuned": "categories and codes"}
    for other, note in notes.items():
        if "duckdb" in e and other in e:
            t = e[other]["kinds"]["rankings"]
            log(f"({other}, {note}: rankings {t:.2f} s, {t / e['duckdb']['kinds']['rankings']:.2f} × duckdb)")
    if {"duckdb", "polars", "pandas"} <= set(e) and "incremental" in results:
        a, b, c = (e[x]["kinds"]["rankings"] for x in ("duckdb", "polars", "pandas"))
        n, floor = e["duckdb"]["ranked_rows"], e["duckdb"]["floor"]
        w, v = results["incremental"]["add_s"], results["duckdb_build"]["wall"]
        line = (f"rankings on {n:,} rows: duckdb {a:.2f} s, polars {b:.2f} s, pandas {c:.2f} s; "
                f"vs polars {b / a:.2f}, vs pandas {c / a:.2f}, vs floor {a / floor:.2f}; "
                f"incremental ratio {w / v:.3f} (add one report {w:.2f} s, full build {v:.2f} s)")
        results["line"] = line
    results["load_average_end"] = os.getloadavg()
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    if "line" in results:
        log(line)
    if not ok:
        raise RuntimeError("the engines do not give the same answers (see above)")
    return results


def _machine() -> dict:
    import platform

    import duckdb
    import pandas
    import psutil

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "duckdb": duckdb.__version__, "polars": pl.__version__,
            "pandas": pandas.__version__, "platform": platform.platform()}
