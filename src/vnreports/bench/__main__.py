"""Entry point of the benchmark's worker processes (`python -m vnreports.bench worker …`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from vnreports.bench.runner import peak_mb, run_worker
from vnreports.bench.shape import SHAPES
from vnreports.bench.store import ensure_panel


def _main(argv: list[str]) -> int:
    if argv and argv[0] == "worker":
        engine, out, root, settings, repeat = argv[1], Path(argv[2]), Path(argv[3]), json.loads(argv[4]), int(argv[5])
        if engine == "generate":
            _, secs = ensure_panel(out / "curated", SHAPES[settings["shape"]], settings["seed"], root / "data" / "raw")
            result = {"generate_s": secs, "peak_mb": peak_mb()}
        else:
            result = run_worker(engine, out, root, settings, repeat)
        print(json.dumps(result, default=str))
        return 0
    raise SystemExit("usage: python -m vnreports bench (see `vnreports bench --help`)")


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
