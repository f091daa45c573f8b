"""Command line: `vnreports build` (raw -> curated)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .errors import InputError


def _root(arg: str | None) -> Path:
    return Path(arg).resolve() if arg else Path.cwd()


def cmd_curate(args: argparse.Namespace) -> int:
    from .curate import build_tables, write_curated
    from .raw import load_raw

    root = _root(args.root)
    raw_dir = root / "data" / "raw"
    try:
        raw = load_raw(raw_dir)
    except InputError as exc:
        print(f"BUILD REFUSED: {len(exc.problems)} problem(s) in the raw inputs; nothing was written.",
              file=sys.stderr)
        print(exc.render(), file=sys.stderr)
        return 1
    tables = build_tables(raw, raw_dir)
    write_curated(tables, root / "data" / "curated")
    per_report = Counter(f.report_file for f in raw.figures)
    ambiguous = sum(1 for f in raw.figures if f.reading.ambiguous)
    print(f"curated: {len(raw.figures)} figures from {len(raw.reports)} reports "
          "(" + ", ".join(f"{k[:3]}: {n}" for k, n in sorted(per_report.items())) + "); "
          f"{ambiguous} ambiguous notations with a stated reading; {len(raw.alias_uses)} place aliases used")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vnreports", description=__doc__)
    parser.add_argument("--root", help="project root (default: current directory)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("curate", help="check the raw layer and write data/curated/").set_defaults(func=cmd_curate)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
