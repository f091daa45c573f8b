"""Where drafts live: data/raw/drafts/<report>.<part>.csv, machine-written and kept apart from reviewed rows.

`make add` writes a new report's drafted registry row, figures, skips and proposed metrics here,
each row with the assistant's confidence. The build reads them with the same checks as reviewed
rows and marks everything from here `reviewed = false`. Review (`make import`) moves the rows an
analyst confirmed into data/raw/reports.csv, figures/, skips/ and metrics.csv, with who and when.
"""

from __future__ import annotations

from pathlib import Path

PARTS = ("registry", "figures", "skips", "metrics")


def draft_path(raw_dir: Path, stem: str, part: str) -> Path:
    assert part in PARTS, part
    return raw_dir / "drafts" / f"{stem}.{part}.csv"


def draft_files(raw_dir: Path, part: str) -> list[Path]:
    """The drafts of one part for every report, in name order."""
    return sorted((raw_dir / "drafts").glob(f"*.{part}.csv"))


def stem_of(path: Path) -> str:
    """The report stem of a draft file ('004_ab12.figures.csv' → '004_ab12')."""
    return path.name.rsplit(".", 2)[0]


def text_path(raw_dir: Path, report_name: str) -> Path:
    """The text that quotes are checked against: the report itself for .txt, else data/raw/texts/<stem>.txt."""
    p = Path(report_name)
    if p.suffix.lower() == ".txt":
        return raw_dir / "reports" / report_name
    return raw_dir / "texts" / f"{p.stem}.txt"
