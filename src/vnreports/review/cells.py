"""Reading a review workbook back: file type, sheets, both header rows, and every cell normalised to raw CSV text.

Numbers come back as the transcription's plain decimals (41.4, 9142), date cells as ISO dates;
a cell the spreadsheet changed into something else (a date where text was, '41,4' typed as text in
a number cell) is refused with its sheet, row and column and how to fix it.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from vnreports.review.layout import FIRST_ROW, FORMAT, NO, SHEET_META, SHEETS, YES, Col, Sheet, column_letter, plain
from vnreports.review.state import Rec
from vnreports.review.vocab import code_of

SAVE_AS = ("save it as Excel Workbook (.xlsx): in LibreOffice File › Save As… › file type "
           "'Excel 2007-365 (.xlsx)', in Excel File › Save As › 'Excel Workbook (*.xlsx)'")
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Located:
    """A problem at a sheet, row and column of the workbook (row or column may be unknown)."""

    sheet: str | None  # None: the file as a whole
    row: int | None
    column: Col | None
    letter: str | None
    message: str
    fix: str = ""
    file: str = ""

    def __str__(self) -> str:
        where = f"sheet '{self.sheet}'" if self.sheet else f"file {self.file}"
        if self.row is not None:
            where += f", hàng (row) {self.row}"
        if self.column is not None:
            where += f", cột (column) {self.letter + ' ' if self.letter else ''}«{self.column.label}» ({self.column.name})"
        text = f"{where}: {self.message}"
        if self.fix:
            text += f"\n    cách sửa / how to fix: {self.fix}"
        return text


class WorkbookRefused(Exception):
    """The workbook cannot be imported; `problems` says where and why."""

    def __init__(self, problems: list):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the workbook")

    def render(self, limit: int = 60) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more")
        return "\n".join(lines)


def open_workbook(path: Path):
    """The workbook, read with openpyxl (values, not formulas); refuse other file types with how to save."""
    suffix = path.suffix.lower()

    def refuse(message: str, fix: str = SAVE_AS):
        raise WorkbookRefused([Located(None, None, None, None, message, fix, path.name)])

    if not path.is_file():
        refuse(f"no such file: {path}", "give the path of the workbook `make review` wrote (build/review/…xlsx)")
    if suffix in (".ods", ".fods"):
        refuse("the workbook was saved as OpenDocument (.ods), which the import does not read")
    if suffix in (".csv", ".tsv", ".txt"):
        refuse("this is a CSV/text file, not the workbook: a CSV keeps only one sheet and loses the dropdowns "
               "and the hidden sheet that ties the workbook to its report")
    if suffix == ".xls":
        refuse("the workbook was saved in the old Excel 97-2003 format (.xls)")
    if not zipfile.is_zipfile(path):
        refuse(f"{path.name} is not an Excel workbook (not a .xlsx file)")
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        if "mimetype" in names and b"opendocument" in z.read("mimetype"):
            refuse("the file is an OpenDocument spreadsheet (.ods) renamed to .xlsx")
        if "xl/workbook.xml" not in names:
            refuse(f"{path.name} is not an Excel workbook (no xl/workbook.xml)")
    from openpyxl import load_workbook

    try:
        return load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any reader failure is a refusal with its reason
        refuse(f"the workbook cannot be read: {exc}", "open it in Excel or LibreOffice Calc and " + SAVE_AS)


def read_meta(wb) -> dict[str, object]:
    """The hidden sheet: what the workbook was made from, and the signature of every row it showed."""
    if SHEET_META not in wb.sheetnames:
        raise WorkbookRefused([Located(SHEET_META, None, None, None,
                                       "the hidden sheet '_meta' is missing, so the workbook cannot be tied to its "
                                       "report (was it copied into a new workbook, or saved as .csv?)",
                                       "run `make review FILE=…` again and make the edits in the new workbook")])
    ws = wb[SHEET_META]
    meta: dict[str, object] = {"signatures": {}}
    table = False
    for row in ws.iter_rows(values_only=True):
        cells = ["" if v is None else str(v) for v in row[:3]] + ["", "", ""]
        if cells[0] == "part" and cells[1] == "key":
            table = True
        elif table and cells[0]:
            meta["signatures"][(cells[0], cells[1])] = cells[2]
        elif cells[0]:
            meta[cells[0]] = cells[1]
    if meta.get("format") != FORMAT or not meta.get("report"):
        raise WorkbookRefused([Located(SHEET_META, None, None, None,
                                       f"the hidden sheet '_meta' is not of a {FORMAT} workbook",
                                       "import a workbook that `make review` wrote")])
    return meta


def check_sheets(wb) -> list[Located]:
    """Every sheet of rows is there, with both header rows as written (renamed or removed ones are named)."""
    problems = []
    for sheet in SHEETS:
        if sheet.title in wb.sheetnames:
            problems += _check_header(wb[sheet.title], sheet)
            continue
        alike = [n for n in wb.sheetnames if n not in {s.title for s in SHEETS}
                 and not _check_header(wb[n], sheet)]
        fix = (f"rename sheet '{alike[0]}' back to '{sheet.title}'" if alike else
               "undo the deletion or the renaming, or run `make review` again and redo the edits there")
        problems.append(Located(sheet.title, None, None, None, f"the sheet '{sheet.title}' is missing"
                                + (f" (it looks renamed to '{alike[0]}')" if alike else ""), fix))
    return problems


def _header(ws) -> tuple[list[str], list[str]]:
    width = ws.max_column
    rows = list(ws.iter_rows(min_row=1, max_row=2, max_col=width, values_only=True)) + [(), ()]
    norm = lambda v: "" if v is None else unicodedata.normalize("NFC", str(v)).strip()
    return [norm(v) for v in rows[0]], [norm(v) for v in rows[1]]


def _check_header(ws, sheet: Sheet) -> list[Located]:
    labels, names = _header(ws)
    expected = {c.name: c for c in sheet.columns}
    problems = []
    for i, name in enumerate(names, start=1):
        if not name:  # a column of the analyst's own (no machine name): not imported, see extra_columns
            continue
        col = expected.get(name)
        if col is None:
            problems.append(Located(sheet.title, 2, None, column_letter(i),
                                    f"column {column_letter(i)}: unknown column name '{name}' in header row 2",
                                    "row 2 holds the machine names; undo the edit (the expected names are "
                                    + ", ".join(expected) + ")"))
        elif labels[i - 1] != col.label:
            problems.append(Located(sheet.title, 1, col, column_letter(i),
                                    f"the header was renamed to '{labels[i - 1]}'", f"write '{col.label}' back"))
    for name, col in expected.items():
        count = names.count(name)
        if count == 0:
            problems.append(Located(sheet.title, 2, col, None, "the column is missing (removed or renamed)",
                                    f"restore the column: header '{col.label}' on row 1, '{name}' on row 2"))
        elif count > 1:
            problems.append(Located(sheet.title, 2, col, None, "the column appears twice", "delete one of them"))
    return problems


def extra_columns(wb, sheet: Sheet) -> list[str]:
    """Columns the analyst added (a header on row 1, no machine name on row 2): kept in the workbook, not imported."""
    labels, names = _header(wb[sheet.title])
    return [f"{column_letter(i)} «{label}»" for i, (label, name) in enumerate(zip(labels, names), start=1)
            if label and not name]


def read_rows(wb, sheet: Sheet) -> tuple[list[Rec], list[Located]]:
    """The sheet's rows as records (empty rows skipped), and every cell that cannot be read."""
    ws = wb[sheet.title]
    _, names = _header(ws)
    where = {name: i for i, name in enumerate(names) if name}
    cols = [c for c in sheet.columns if c.name in where]
    recs, problems = [], []
    empty = 0
    for r, row in enumerate(ws.iter_rows(min_row=FIRST_ROW, max_col=ws.max_column, values_only=True),
                            start=FIRST_ROW):
        if all(_blank(row[where[c.name]] if where[c.name] < len(row) else None) for c in cols):
            empty += 1
            if empty > 5000:  # a whole column formatted down to row 1 048 576: nothing more below
                break
            continue
        empty = 0
        values, reviewed, bad = {}, None, False
        for col in cols:
            i = where[col.name]
            text, error = normalise(col, row[i] if i < len(row) else None)
            if error:
                problems.append(Located(sheet.title, r, col, column_letter(i + 1), *error))
                bad = True
            elif col.name == "reviewed":
                reviewed = text == YES
            else:
                values[col.name] = text
        if bad:
            continue
        if reviewed:
            values.pop("confidence", None)
        elif values.get("reviewed_by") or values.get("reviewed_at"):
            col = next(c for c in cols if c.name == "reviewed")
            problems.append(Located(sheet.title, r, col, column_letter(where["reviewed"] + 1),
                                    f"'Người duyệt' or 'Ngày duyệt' is filled, but 'Đã duyệt' is '{NO}'",
                                    f"choose '{YES}' if the row is reviewed, or clear 'Người duyệt' and 'Ngày duyệt'"))
            continue
        else:
            values.pop("reviewed_by", None)
            values.pop("reviewed_at", None)
        recs.append(Rec(sheet.part, bool(reviewed), values, (sheet.title, r)))
    return recs, problems


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def normalise(col: Col, value) -> tuple[str, tuple[str, str] | None]:
    """(raw CSV text, None) or ("", (what is wrong, how to fix it)) for one cell."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        if col.kind == "yesno":
            return (YES if value else NO), None
        return "", (f"the cell holds the logical value {str(value).upper()}",
                    "format the cell as Text and type the value again")
    elif isinstance(value, (datetime, date, time)):
        if col.kind != "date":
            shown = value.isoformat() if not isinstance(value, datetime) else value.date().isoformat()
            return "", (f"the spreadsheet turned this cell into a date ({shown})",
                        "format the cell as Text (Format › Cells › Text) and type the value again, e.g. '08/19'")
        if isinstance(value, time):
            return "", ("the cell holds a time, not a date", "type the date as yyyy-mm-dd")
        return (value.date() if isinstance(value, datetime) else value).isoformat(), None
    elif isinstance(value, (int, float)):
        if col.kind == "date":
            return "", (f"the date is a bare number ({value}), not a date cell",
                        "format the cell as Date (yyyy-mm-dd) or type the date as yyyy-mm-dd")
        try:
            text = plain(value)
        except ValueError:
            return "", (f"'{value}' is not a number", "type a number, e.g. 41.4")
    else:
        text = unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ").strip()
    if col.kind == "number" and text and not _PLAIN.fullmatch(text):
        if re.fullmatch(r"-?[\d.\s]*\d,\d+|-?\d{1,3}(?:[.\s]\d{3})+", text):
            fix = f"type {_as_plain(text)} (a point as decimal mark, no thousands separator), or format the cell as Number"
            return "", (f"'{text}' is text in Vietnamese notation, not a number", fix)
        return "", (f"'{text}' is not a number", "type a plain number with a point as decimal mark, e.g. 9142 or 41.4")
    if col.kind == "yesno":
        low = text.lower()
        if low in (YES, "co", "x", "yes"):
            return YES, None
        if low in (NO, "khong", "no"):
            return NO, None
        return "", (f"'{text}' is neither '{YES}' nor '{NO}'" if text else "'Đã duyệt' is empty",
                    f"choose '{YES}' (reviewed) or '{NO}' (still a draft) from the dropdown")
    if col.kind == "code":
        text = code_of(text)
    return text, None


def _as_plain(text: str) -> str:
    t = re.sub(r"\s", "", text)
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    else:
        t = t.replace(".", "")
    return t
