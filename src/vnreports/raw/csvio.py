"""Strict reading of hand-edited CSV files (UTF-8, NFC, exact header), and what spreadsheets do to them.

Spreadsheets save CSV in ways that are refused with one clear message each: ';' as the separator
(Excel with Vietnamese regional settings), the header repeated in the middle (two files pasted
together), a workbook (.xlsx, .ods …) saved next to the CSVs instead of a CSV.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vnreports.errors import InputError, Problem

UTF8_BOM = b"\xef\xbb\xbf"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")
SAVE_AS_CSV = ('in Excel: File → Save As → "CSV UTF-8 (Comma delimited) (*.csv)"; Excel writes the list separator '
               'of the regional settings, so where it is ";" (Vietnamese settings) set it to "," (Windows: Control '
               'Panel → Region → Additional settings → List separator) or save from LibreOffice Calc: Save As → '
               '"Text CSV (.csv)", Edit filter settings, Character set "Unicode (UTF-8)", Field delimiter ","')


@dataclass(frozen=True)
class Row:
    line: int  # line where the record starts (1-based, header is line 1)
    values: dict[str, str]
    file: str = ""  # the file as shown in messages
    bad: bool = False  # a problem of its own was reported (read_rows): use it to know the row exists, no more


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def decode_utf8(path: Path, display: str) -> str:
    """The file's text, NFC-normalised; a clear error for any other encoding."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:200]:
        raise InputError([Problem(display, 1, None, 1, "the file is UTF-16, not UTF-8",
                                  "save it as 'CSV UTF-8' (in LibreOffice: Character set Unicode (UTF-8))")])
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]  # Excel's "CSV UTF-8" writes a BOM: harmless, dropped
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise InputError([Problem(
            display, line, None, col,
            f"byte 0x{data[exc.start]:02x} is not UTF-8 (the file looks like Windows-1258 or another legacy code page)",
            "re-save the file as 'CSV UTF-8'",
        )]) from None
    return unicodedata.normalize("NFC", text)


def read_table(path: Path, columns: list[str], display: str, required: set[str] = frozenset(),
               optional: tuple[str, ...] = ()) -> list[Row]:
    """Rows of a CSV whose header must be exactly `columns` (in any order), plus any of `optional` (absent
    optional columns read as empty); InputError for any problem."""
    rows, problems = read_rows(path, columns, display, required, optional)
    if problems:
        raise InputError(problems)
    return rows


def read_rows(path: Path, columns: list[str], display: str, required: set[str] = frozenset(),
              optional: tuple[str, ...] = ()) -> tuple[list[Row], list[Problem]]:
    """Every row and the problems of each row, so that one bad row costs only its own error.

    A row with an empty required cell or a wrong number of fields is returned with `bad` set (its
    cells as far as they go), next to its problem. A problem with the whole file (encoding, header,
    an unclosed quote, the header repeated) raises InputError: no row of it can be trusted.
    """
    text = decode_utf8(path, display)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = next(reader)
    except StopIteration:
        raise InputError([Problem(display, 1, None, None, "the file is empty",
                                  f"the first line must be the header: {','.join(columns)}")]) from None
    except csv.Error as exc:
        raise InputError([Problem(display, 1, None, None, f"malformed header: {exc}",
                                  "check the quotes in the first line")]) from None
    header = [h.strip() for h in header]
    if len(header) == 1 and ";" in header[0]:
        raise InputError([Problem(display, 1, None, None,
                                  "the columns are separated by ';', not ',' (Excel with Vietnamese regional "
                                  "settings saves CSV this way)", SAVE_AS_CSV)])
    missing = [c for c in columns if c not in header]
    unknown = [h for h in header if h not in columns and h not in optional]
    if missing or unknown or len(set(header)) != len(header):
        msg = []
        if missing:
            msg.append("missing column(s) " + ", ".join(missing))
        if unknown:
            msg.append("unknown column(s) " + ", ".join(unknown))
        if len(set(header)) != len(header):
            msg.append("a column appears twice")
        raise InputError([Problem(display, 1, None, None, "; ".join(msg),
                                  f"the header must be: {','.join(columns)}")])
    rows: list[Row] = []
    repeated: list[int] = []
    prev_end = reader.line_num
    while True:
        start = prev_end + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError([*problems, Problem(
                display, start, None, None, f"malformed CSV: {exc}",
                "a quote (\") is probably not closed; every field that contains a comma, a quote or a line "
                "break must be enclosed in double quotes, and a quote inside it doubled (\"\")")]) from None
        prev_end = reader.line_num
        if not record or all(not v.strip() for v in record):
            continue
        if [v.strip().lstrip("\ufeff") for v in record] == header:
            repeated.append(start)
            continue
        values = {**dict.fromkeys(optional, ""),
                  **{name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)}}
        bad = len(record) != len(header)
        if bad:
            problems.append(Problem(display, start, None, min(len(record), len(header)) + 1,
                                    f"{len(record)} fields, but the header has {len(header)}",
                                    "a comma inside a field needs the field in double quotes; "
                                    "or a field is missing or extra"))
        else:
            for i, name in enumerate(header, start=1):
                if name in required and not values[name]:
                    problems.append(Problem(display, start, name, i, f"'{name}' is empty", f"fill in '{name}'"))
                    bad = True
        rows.append(Row(start, values, display, bad))
    if repeated:
        where = ", ".join(map(str, repeated))
        raise InputError([Problem(
            display, repeated[0], None, 1,
            f"the header line is repeated at line {where}: two files pasted together?",
            f"keep only the header on line 1: delete line {where}, and check that every row after it belongs to "
            "this file (one file per report)")])
    return rows, problems


def spreadsheets_among_csvs(raw_dir: Path, rel) -> list[Problem]:
    """A workbook saved in data/raw/figures or data/raw/skips is never read: say so instead of ignoring it."""
    problems = []
    for folder in ("figures", "skips"):
        for path in sorted((raw_dir / folder).glob("*")):
            if path.suffix.lower() not in SPREADSHEET_SUFFIXES or path.name.startswith("~$"):
                continue  # ~$name.xlsx: Excel's marker that the workbook is open
            csv_name = f"data/raw/{folder}/{path.stem}.csv"
            twin = (raw_dir / folder / f"{path.stem}.csv").exists()
            problems.append(Problem(
                rel(path), None, None, None,
                f"a spreadsheet ({path.suffix}) is not read: the build reads only .csv files"
                + (f", here {csv_name}, which may not have the edits saved in this file" if twin else ""),
                f"save it as {csv_name} ({SAVE_AS_CSV}), then move {path.name} out of data/raw/{folder}/"))
    return problems
