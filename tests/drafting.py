"""Test helper: a throwaway project whose report has drafted rows, as `make add` writes them (data/raw/drafts/).

`draft(root, stem, figures=N, registry=True, skips=M, metric=True)` moves the last N figure rows
and M skip rows of a reviewed report into data/raw/drafts/<stem>.{figures,skips}.csv with a
confidence column, its registry row into drafts/<stem>.registry.csv, and proposes a metric (a copy
of a drafted figure's metric under a new code, which that figure then uses).
"""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

ROOT = Path(__file__).resolve().parents[1]
STEM = "000_edc1c87e7c96d231"
REPORT = f"{STEM}.txt"
PROPOSED = "budget_revenue_de_xuat"


def new_project(tmp: Path) -> Path:
    """A copy of the project's data/raw and sql in `tmp`."""
    shutil.copytree(ROOT / "data" / "raw", tmp / "data" / "raw")
    shutil.copytree(ROOT / "sql", tmp / "sql")
    return tmp


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def confidence(i: int) -> str:
    return "0.45" if i % 3 == 0 else "0.9"


def draft(root: Path, stem: str = STEM, figures: int | None = None, registry: bool = False, skips: int = 0,
          metric: bool = False) -> None:
    """Move rows of a reviewed report into drafts (figures=None: all of them)."""
    raw = root / "data" / "raw"
    drafts = raw / "drafts"
    header, rows = read(raw / "figures" / f"{stem}.csv")
    n = len(rows) if figures is None else figures
    keep, moved = rows[: len(rows) - n], rows[len(rows) - n :]
    for i, r in enumerate(moved):
        r["confidence"] = confidence(i)
    if metric:
        m_header, metrics = read(raw / "metrics.csv")
        target = next(r for r in moved if r["metric"] == "budget_revenue") if any(
            r["metric"] == "budget_revenue" for r in moved) else moved[0]
        base = next(m for m in metrics if m["metric_code"] == target["metric"])
        write(drafts / f"{stem}.metrics.csv", m_header + ["confidence"],
              [{**base, "metric_code": PROPOSED, "label_vi": base["label_vi"] + " (đề xuất)", "confidence": "0.5"}])
        target["metric"] = PROPOSED
    write(drafts / f"{stem}.figures.csv", header + ["confidence"], moved)
    if keep:
        write(raw / "figures" / f"{stem}.csv", header, keep)
    else:
        (raw / "figures" / f"{stem}.csv").unlink()
    if skips:
        s_header, s_rows = read(raw / "skips" / f"{stem}.csv")
        write(raw / "skips" / f"{stem}.csv", s_header, s_rows[: len(s_rows) - skips])
        write(drafts / f"{stem}.skips.csv", s_header + ["confidence"],
              [{**r, "confidence": confidence(i)} for i, r in enumerate(s_rows[len(s_rows) - skips :])])
    if registry:
        r_header, reports = read(raw / "reports.csv")
        mine = [r for r in reports if Path(r["file_name"]).stem == stem]
        write(raw / "reports.csv", r_header, [r for r in reports if Path(r["file_name"]).stem != stem])
        write(drafts / f"{stem}.registry.csv", r_header + ["confidence"], [{**mine[0], "confidence": "0.8"}])


def as_docx(root: Path, stem: str = STEM) -> str:
    """Make the report a .docx (as a new report often is): the file, its derived text in data/raw/texts/,
    and the names in the registry and the findings. Returns the new file name."""
    raw = root / "data" / "raw"
    text = (raw / "reports" / f"{stem}.txt").read_text(encoding="utf-8")
    (raw / "texts").mkdir(exist_ok=True)
    (raw / "texts" / f"{stem}.txt").write_text(text, encoding="utf-8")
    (raw / "reports" / f"{stem}.txt").unlink()
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(line)}</w:t></w:r></w:p>"
                   for line in text.split("\n"))
    with zipfile.ZipFile(raw / "reports" / f"{stem}.docx", "w") as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    for name in ("reports.csv", "report_findings.csv", f"drafts/{stem}.registry.csv"):
        path = raw / name
        if path.exists():
            path.write_text(path.read_text(encoding="utf-8").replace(f"{stem}.txt", f"{stem}.docx"), encoding="utf-8")
    return f"{stem}.docx"


def raw_bytes(root: Path) -> dict[str, bytes]:
    """Every file of data/raw, for 'nothing changed' checks."""
    raw = root / "data" / "raw"
    return {str(p.relative_to(raw)): p.read_bytes() for p in sorted(raw.rglob("*")) if p.is_file()}


def registry_of(text: str, file_name: str = "x.txt") -> dict[str, str]:
    """The registry row `make add` drafts from a report's text (the project's place lists)."""
    from vnreports.assistant.registry import draft_registry
    from vnreports.notation.places import PlaceIndex

    raw = ROOT / "data" / "raw"
    return draft_registry(file_name, text, PlaceIndex.load(raw / "reference", raw / "place_aliases.csv"))[0]
