"""Writing the SYNTHETIC panel to its own folder (never data/), cached by its parameters."""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict
from pathlib import Path

import polars as pl

from vnreports.bench.panel import generate
from vnreports.bench.shape import GENERATOR_VERSION, SYNTHETIC_NOTE, RefusedTarget, Shape
from vnreports.paths import is_root


def _real_data_dir(out: Path) -> Path | None:
    """The data/ folder of a project that `out` lies in (or is), if any: the real data's home."""
    for p in (out, *out.parents):
        if p.name == "data" and is_root(p.parent):
            return p
    return None


def write_panel(tables: dict[str, pl.DataFrame], out_dir: Path, params: dict) -> dict:
    """Write the synthetic tables like the curated layer (Parquet + manifest), flagged synthetic."""
    from vnreports.build.curate import MANIFEST, write_curated

    out = out_dir.resolve()
    real = _real_data_dir(out)
    if real is not None:
        raise RefusedTarget(f"refusing to write the synthetic panel under {real}: that is where the real data lives")
    write_curated(tables, out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest = {"synthetic": True, "note": SYNTHETIC_NOTE, "params": params, **manifest}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def ensure_panel(out_dir: Path, shape: Shape, seed: int, raw_dir: Path | None = None) -> tuple[dict, float]:
    """Generate the panel unless the folder already holds one with the same parameters."""
    params = {"shape": asdict(shape), "seed": seed, "generator": GENERATOR_VERSION}
    manifest_path = out_dir / "manifest.json"
    if manifest_path.exists():
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        if old.get("synthetic") and old.get("params") == params:
            return old, 0.0
    t0 = time.perf_counter()
    tables = generate(shape, seed, raw_dir)
    manifest = write_panel(tables, out_dir, params)
    return manifest, time.perf_counter() - t0



# -- the benchmark run (`make bench`) ------------------------------------------------------------


def write_without(curated: Path, out_dir: Path, reports: list[str], settings: dict | None = None) -> Path:
    """A copy of a curated folder without the rows of `reports`, in row order (DuckDB, little memory):
    what the curated layer is without those reports, for the incremental step of `make bench`."""
    import duckdb

    out = out_dir.resolve()
    real = _real_data_dir(out)
    if real is not None:
        raise RefusedTarget(f"refusing to write under {real}: that is where the real data lives")
    out.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((curated / "manifest.json").read_text(encoding="utf-8"))
    names = ", ".join("'" + r.replace("'", "''") + "'" for r in reports)
    with duckdb.connect() as con:
        for k, v in (settings or {}).items():
            con.execute(f"SET {k} = ?", [v])
        for path in sorted(curated.glob("*.parquet")):
            columns = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()]
            if "report_file" not in columns:
                shutil.copyfile(path, out / path.name)
                continue
            rows = f"SELECT * FROM read_parquet('{path}') WHERE report_file NOT IN ({names})"
            con.execute(f"COPY ({rows}) TO '{out / path.name}' (FORMAT parquet, COMPRESSION zstd)")
            n = con.execute(f"SELECT count(*) FROM read_parquet('{out / path.name}')").fetchall()[0][0]
            manifest["tables"][path.name] = {"sha256": None, "rows": n}
    manifest = {**manifest, "params": {**manifest.get("params", {}), "without": reports}}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
