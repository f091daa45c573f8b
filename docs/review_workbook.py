"""Render docs/review_workbook.png: a review workbook as LibreOffice prints it (headless → PDF → pdftoppm → PNG).

Run from the project root: `.venv/bin/python docs/review_workbook.py` (needs soffice and pdftoppm).
Report 000 is copied into a temporary project with its last 12 figures drafted (tests/drafting.py),
as `make add` leaves a report; the picture shows the figures sheet around the first drafted rows.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from drafting import STEM, draft, new_project  # noqa: E402

from vnreports.review.workbook import write_review  # noqa: E402

SHOWN = ["figure_id", "reviewed", "reviewed_by", "reviewed_at", "confidence", "quote", "number_text", "value",
         "unit", "metric", "figure_type"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = new_project(Path(tmp) / "p")
        draft(root, figures=12, registry=True, skips=5, metric=True)
        path = write_review(root, f"data/raw/reports/{STEM}.txt")
        wb = load_workbook(path, rich_text=True)
        for name in wb.sheetnames[1:]:
            wb.remove(wb[name])
        ws = wb.active
        names = [c.value for c in ws[2]]
        for i, name in enumerate(names, start=1):
            ws.column_dimensions[ws.cell(2, i).column_letter].hidden = name not in SHOWN
        ws.column_dimensions["J"].width = 34
        for r in range(3, 21):
            ws.row_dimensions[r].hidden = True
        ws.print_area = "A1:M29"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        wb.save(path)
        subprocess.run(["soffice", f"-env:UserInstallation={(Path(tmp) / 'lo').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(path)], check=True, capture_output=True)
        pdf = Path(tmp) / f"{STEM}.pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(Path(tmp) / "page")], check=True)
        page = Image.open(Path(tmp) / "page.png").convert("RGB")
        box = ImageOps.invert(page).getbbox()  # the printed part, without the page's white margins
        page.crop((box[0] - 8, box[1] - 8, box[2] + 8, box[3] + 8)).save(ROOT / "docs" / "review_workbook.png",
                                                                          optimize=True)
    print("docs/review_workbook.png")


if __name__ == "__main__":
    main()
