"""Where the project is: --root, else $VNREPORTS_ROOT, else the nearest folder up from the working directory."""

from __future__ import annotations

import os
from pathlib import Path

ROOT_HELP = ("project root: --root, else the environment variable VNREPORTS_ROOT, else the nearest folder "
             "at or above the working directory that holds data/raw/ and sql/")


def is_root(p: Path) -> bool:
    return (p / "data" / "raw").is_dir() and (p / "sql").is_dir()


def find_root(arg: str | None = None) -> Path:
    """The project root, by the rule in ROOT_HELP; FileNotFoundError naming what was tried."""
    if arg:
        return Path(arg).resolve()
    env = os.environ.get("VNREPORTS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for p in (here, *here.parents):
        if is_root(p):
            return p
    raise FileNotFoundError(f"no project root at or above {here} (no data/raw/ and sql/): "
                            "run from inside the project, pass --root DIR or set VNREPORTS_ROOT")
