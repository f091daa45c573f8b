"""`vnreports review FILE`: one report's rows (reviewed and drafted) as a review workbook, build/review/<report>.xlsx.

Sheets: Số liệu (figures), Báo cáo (registry row), Bỏ qua (skips), Chỉ tiêu mới (proposed metrics),
Hướng dẫn (guide), Danh mục (the dropdown lists) and a hidden _meta sheet with the report's hash
and a fingerprint of every row, so that `vnreports import` can tell a stale workbook.
"""

from __future__ import annotations

import hashlib
import math
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from vnreports.raw.drafts import text_path
from vnreports.raw.schema import iso
from vnreports.review import guide
from vnreports.review.layout import (
    FIRST_ROW,
    FORMAT,
    LOW_CONFIDENCE,
    NO,
    SHEET_GUIDE,
    SHEET_LISTS,
    SHEET_META,
    SHEETS,
    YES,
    Col,
    ReviewError,
    Sheet,
    column_letter,
    plain,
)
from vnreports.review.state import Rec, current, keyed, merged, read_docs
from vnreports.review.vocab import LIST_TITLES, shown, vocabularies

DRAFT_FILL = PatternFill("solid", fgColor="FFF2CC")
LOW_FILL = PatternFill("solid", fgColor="F8CBAD")
HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
NAME_FILL = PatternFill("solid", fgColor="F2F2F2")
MARK = InlineFont(b=True, color="C00000")
SPARE_ROWS = 300  # dropdowns reach this far below the last row, for rows the analyst adds


def resolve_report(raw_dir: Path, file: str) -> str:
    """The report's file name in data/raw/reports/ from a path, a file name or a stem."""
    p = Path(file)
    names = sorted(x.name for x in (raw_dir / "reports").glob("*") if x.is_file())
    for cand in (p.name, *[n for n in names if Path(n).stem == p.stem]):
        if cand in names:
            return cand
    raise ReviewError(f"{file}: không có báo cáo này trong data/raw/reports/ (no such report); "
                      "give the path of a report, e.g. FILE=data/raw/reports/000_edc1c87e7c96d231.txt")


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def write_review(root: Path, file: str, out: Path | None = None) -> Path:
    """Write the review workbook of one report; return its path."""
    raw_dir = root / "data" / "raw"
    name = resolve_report(raw_dir, file)
    stem = Path(name).stem
    recs = current(read_docs(raw_dir, stem), name)
    if not recs["registry"]:
        raise ReviewError(f"{name} has no registry row, neither in data/raw/reports.csv nor drafted in "
                          f"data/raw/drafts/{stem}.registry.csv: draft the report with `make add FILE=…` first")
    vocab = vocabularies(raw_dir, [r.values for r in recs["metrics"]])
    wb = Workbook()
    wb.remove(wb.active)
    refs = _lists_refs(vocab)
    for sheet in SHEETS:
        rows = merged(sheet.part, [r for r in recs[sheet.part] if r.reviewed],
                      [r for r in recs[sheet.part] if not r.reviewed])
        _table(wb.create_sheet(sheet.title), sheet, rows, vocab, refs)
    _guide(wb.create_sheet(SHEET_GUIDE))
    _lists(wb.create_sheet(SHEET_LISTS), vocab)
    _meta(wb.create_sheet(SHEET_META), raw_dir, name, recs)
    wb.active = 0
    wb.properties.creator = "vnreports review"
    wb.properties.title = f"Duyệt số liệu: {name}"
    out = out or root / "build" / "review" / f"{stem}.xlsx"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    wb.save(tmp)
    os.replace(tmp, out)
    return out


def _lists_refs(vocab) -> dict[str, str]:
    refs = {}
    for i, name in enumerate(vocab, start=1):
        col = column_letter(i)
        last = FIRST_ROW + max(len(vocab[name]), 1) - 1
        refs[name] = f"'{SHEET_LISTS}'!${col}${FIRST_ROW}:${col}${last}"
    return refs


def _number(text: str):
    """A number cell when the number round-trips exactly as written, else the text itself."""
    try:
        d = Decimal(text)
    except ArithmeticError:
        return text
    number = int(d) if d == d.to_integral_value() else float(d)
    return number if plain(number) == text else text


def _marked(text: str, mark: str, nth: int):
    """`text` with the nth occurrence of `mark` in bold red (the plain text when it is not there)."""
    pos, start = -1, 0
    for _ in range(nth + 1):
        pos = text.find(mark, start) if mark else -1
        if pos < 0:
            break
        start = pos + 1
    if pos < 0 and mark:
        pos = text.find(mark)
    if pos < 0 or not mark:
        return text
    parts = [text[:pos], TextBlock(MARK, text[pos : pos + len(mark)]), text[pos + len(mark) :]]
    return CellRichText(*[p for p in parts if not isinstance(p, str) or p])


def cell_value(col: Col, rec: Rec, vocab_labels: dict[str, dict[str, str]], nth: int = 0):
    """What a record's cell holds in the workbook."""
    if col.name == "reviewed":
        return YES if rec.reviewed else NO
    text = rec.values.get(col.name, "")
    if not text:
        return None
    if col.kind == "number":
        return _number(text)
    if col.kind == "date":
        d = iso(text)
        return d if d is not None else text
    if col.kind == "code" and col.vocab:
        return shown(text, vocab_labels[col.vocab])
    if col.kind == "quote":
        return _marked(text, rec.values.get(col.marks or "", ""), nth)
    return text


def _width(col: Col, values: list) -> int:
    if col.kind == "quote":
        return col.width
    longest = max([len(str(v)) for v in values if v is not None] + [0])
    return max(min(col.width, longest + 2), min(len(col.label), col.width), len(col.name) + 2, 7)


def _table(ws, sheet: Sheet, rows: list[Rec], vocab, refs) -> None:
    labels = {k: dict(v) for k, v in vocab.items()}
    ws.append([c.label for c in sheet.columns])
    ws.append([c.name for c in sheet.columns])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for cell in ws[2]:
        cell.font, cell.fill = Font(italic=True, size=9, color="595959"), NAME_FILL
    ws.row_dimensions[1].height = 32
    seen: dict[tuple[str, str], int] = {}
    columns: dict[str, list] = {c.name: [] for c in sheet.columns}
    for i, rec in enumerate(rows):
        r = FIRST_ROW + i
        for j, col in enumerate(sheet.columns, start=1):
            nth = 0
            if col.kind == "quote":
                k = (rec.values.get(col.name, ""), rec.values.get(col.marks or "", ""))
                nth = seen.get(k, 0)
                seen[k] = nth + 1
            value = cell_value(col, rec, labels, nth)
            cell = ws.cell(row=r, column=j, value=value)
            columns[col.name].append(value)
            cell.number_format = {"date": "yyyy-mm-dd", "number": "General"}.get(col.kind, "@")
            cell.alignment = Alignment(vertical="top", wrap_text=col.kind in ("quote", "text"))
            if not rec.reviewed:
                cell.fill = DRAFT_FILL
            if col.name == "confidence" and not rec.reviewed and isinstance(value, (int, float)) \
                    and value < LOW_CONFIDENCE:
                cell.fill = LOW_FILL
        ws.row_dimensions[r].height = 15 * _lines(sheet, rec, labels)
    last = FIRST_ROW + len(rows) + SPARE_ROWS
    for j, col in enumerate(sheet.columns, start=1):
        letter = column_letter(j)
        ws.column_dimensions[letter].width = _width(col, columns[col.name])
        if col.vocab:
            strict = col.kind == "yesno"
            dv = DataValidation(type="list", formula1=refs[col.vocab], allow_blank=True, showErrorMessage=True,
                                errorStyle="stop" if strict else "warning", errorTitle=col.label,
                                error=f"Chọn «{YES}» hoặc «{NO}»" if strict else
                                "Không có trong danh sách (sheet Danh mục). Vẫn giữ giá trị này?",
                                showInputMessage=True, promptTitle=col.label[:32],
                                prompt=f"Chọn trong danh sách ({LIST_TITLES[col.vocab]})")
            dv.add(f"{letter}{FIRST_ROW}:{letter}{last}")
            ws.add_data_validation(dv)
        if col.kind == "yesno":
            rng = f"{letter}{FIRST_ROW}:{letter}{last}"
            ws.conditional_formatting.add(rng, CellIsRule(operator="equal", formula=[f'"{YES}"'],
                                                          fill=PatternFill("solid", bgColor="C6EFCE"),
                                                          font=Font(color="006100", bold=True)))
            ws.conditional_formatting.add(rng, CellIsRule(operator="equal", formula=[f'"{NO}"'],
                                                          fill=PatternFill("solid", bgColor="FFEB9C"),
                                                          font=Font(color="9C5700")))
    ws.freeze_panes = f"B{FIRST_ROW}"
    ws.auto_filter.ref = f"A2:{column_letter(len(sheet.columns))}{FIRST_ROW + max(len(rows), 1) - 1}"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _lines(sheet: Sheet, rec: Rec, labels) -> int:
    """How many wrapped lines the row needs (at most 8): its quote, else its longest text."""
    quoted = [c for c in sheet.columns if c.kind == "quote"]
    n = 1
    for col in quoted or [c for c in sheet.columns if c.kind == "text"]:
        text = rec.values.get(col.name, "")
        n = max(n, math.ceil(len(text) / (col.width * 1.1)))  # about 1.1 characters of text per unit of width
    return min(n, 8)


def _guide(ws) -> None:
    ws.column_dimensions["A"].width = 120
    ws.append([guide.TITLE])
    ws["A1"].font = Font(bold=True, size=14)
    for heading, text in guide.GUIDE:
        if heading:
            ws.append([])
            ws.append([heading])
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=12, color="1F4E78")
        elif text == "legend":
            for color, meaning in guide.LEGEND:
                ws.append([meaning])
                ws.cell(row=ws.max_row, column=1).fill = PatternFill("solid", fgColor=color)
        else:
            ws.append([text])
            ws.cell(row=ws.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[ws.max_row].height = 15 * max(1, math.ceil(len(text) / 115))


def _lists(ws, vocab) -> None:
    for i, (name, entries) in enumerate(vocab.items(), start=1):
        letter = column_letter(i)
        ws.cell(row=1, column=i, value=LIST_TITLES[name]).font = Font(bold=True, color="FFFFFF")
        ws.cell(row=1, column=i).fill = HEAD_FILL
        ws.cell(row=2, column=i, value=name).font = Font(italic=True, size=9, color="595959")
        labels = dict(entries)
        for r, (code, _) in enumerate(entries, start=FIRST_ROW):
            ws.cell(row=r, column=i, value=shown(code, labels)).number_format = "@"
        longest = max([len(shown(c, labels)) for c, _ in entries] + [len(LIST_TITLES[name])])
        ws.column_dimensions[letter].width = min(longest + 2, 60)
    ws.freeze_panes = f"A{FIRST_ROW}"


def _meta(ws, raw_dir: Path, name: str, recs: dict[str, list[Rec]]) -> None:
    """Hidden: what the workbook was made from, to refuse it once the report or its draft changed."""
    text = text_path(raw_dir, name)
    ws.append(["format", FORMAT])
    ws.append(["report", name])
    ws.append(["report_sha256", sha256_file(raw_dir / "reports" / name)])
    ws.append(["text_sha256", sha256_file(text) if text != raw_dir / "reports" / name else ""])
    ws.append(["made", date.today().isoformat()])
    ws.append([])
    ws.append(["part", "key", "signature"])
    for part, rows in recs.items():
        for key, rec in keyed(rows).items():
            ws.append([part, key, rec.signature()])
    for row in ws.iter_rows():
        for cell in row:
            cell.number_format = "@"
    ws.sheet_state = "hidden"
