"""The review workbook through a real spreadsheet program: LibreOffice Calc (headless, Debian libreoffice-calc-nogui)
opens and saves it again, and the sheets, dropdowns, marks and the analyst's edits survive the import."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from drafting import STEM, read
from openpyxl import load_workbook
from test_review import col, import_, mark, review, row_of

from vnreports.review.layout import FIGURE_SHEET

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed")


def libreoffice(files: list[Path], fmt: str, out: Path, profile: Path) -> list[Path]:
    """Each file opened and saved by LibreOffice as `fmt` into `out`."""
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", fmt, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    ext = fmt.split(":")[0]
    saved = [out / f"{f.stem}.{ext}" for f in files]
    assert all(p.exists() for p in saved)
    return saved


def test_libreoffice_keeps_sheets_dropdowns_marks_and_edits(drafted, tmp_path, capsys):
    path = review(drafted, capsys)
    plain = tmp_path / "plain" / f"{STEM}.xlsx"
    plain.parent.mkdir()
    shutil.copy(path, plain)
    wb = load_workbook(path)
    ws = wb["Số liệu"]
    mark(ws, [row_of(ws, f) for f in ("f024", "f028")], at=date(2025, 5, 6))
    ws.cell(row_of(ws, "f028"), col(ws, "note")).value = "Đã đối chiếu với báo cáo gốc."
    wb.save(path)
    out = tmp_path / "saved"
    profile = tmp_path / "lo-profile"
    saved_plain, = libreoffice([plain], "xlsx:Calc MS Excel 2007 XML", out / "plain", profile)
    saved, = libreoffice([path], "xlsx:Calc MS Excel 2007 XML", out / "edited", profile)

    wb = load_workbook(saved, rich_text=True)
    assert wb.sheetnames == ["Số liệu", "Báo cáo", "Bỏ qua", "Chỉ tiêu mới", "Hướng dẫn", "Danh mục", "_meta"]
    assert wb["_meta"].sheet_state == "hidden"
    ws = wb["Số liệu"]
    validations = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in ws.data_validations.dataValidation}
    for c in FIGURE_SHEET:
        if c.vocab:
            dv = validations[ws.cell(2, col(ws, c.name)).column_letter]
            assert dv.type == "list" and "Danh mục" in dv.formula1, c.name
    plain_ws = load_workbook(saved_plain, rich_text=True)["Số liệu"]  # (openpyxl's own edit drops rich text)
    quote = plain_ws.cell(row_of(plain_ws, "f009"), col(plain_ws, "quote")).value
    assert [b.text for b in quote if not isinstance(b, str) and b.font.b] == ["17,04%"]
    assert ws.auto_filter.ref.startswith("A2:")

    code, out_text, err = import_(drafted, saved_plain, capsys)
    assert code == 0 and "nothing to change" in out_text, err
    code, out_text, err = import_(drafted, saved, capsys)
    assert code == 0 and "2 row(s) newly reviewed" in out_text and "1 edited" in out_text, err
    _, rows = read(drafted / "data" / "raw" / "figures" / f"{STEM}.csv")
    got = {r["figure_id"]: r for r in rows}
    assert got["f028"]["reviewed_at"] == "2025-05-06" and got["f028"]["note"] == "Đã đối chiếu với báo cáo gốc."
    assert got["f028"]["value"] == "12.5"  # a number LibreOffice wrote back reads as the transcription's decimal
    code, out_text, err = import_(drafted, path, capsys)  # the workbook before LibreOffice saved it: the same rows
    assert code == 0 and "nothing to change" in out_text, err

    ods, = libreoffice([path], "ods", out / "ods", profile)
    code, _, err = import_(drafted, ods, capsys)
    assert code == 1 and "save it as Excel Workbook (.xlsx)" in err
