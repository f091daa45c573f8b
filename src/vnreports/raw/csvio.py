"""Strict reading of hand-edited CSV files (UTF-8, NFC, exact header)."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vnreports.errors import InputError, Problem

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Row:
    line: int  # line where the record starts (1-based, header is line 1)
    values: dict[str, str]
    file: str = ""  # the file as shown in messages


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
    """Rows of a CSV whose header must be exactly `columns` (in any order), plus any of `optional`
    (absent optional columns read as empty)."""
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
    prev_end = reader.line_num
    while True:
        start = prev_end + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(display, start, None, None, f"malformed CSV: {exc}",
                                    "a quote (\") is probably not closed; every field that contains a comma, "
                                    "a quote or a line break must be enclosed in double quotes, and a quote "
                                    "inside it doubled (\"\")"))
            break
        prev_end = reader.line_num
        if not record or all(not v.strip() for v in record):
            continue
        if len(record) != len(header):
            problems.append(Problem(display, start, None, min(len(record), len(header)) + 1,
                                    f"{len(record)} fields, but the header has {len(header)}",
                                    "a comma inside a field needs the field in double quotes; "
                                    "or a field is missing or extra"))
            continue
        values = {**dict.fromkeys(optional, ""), **dict(zip(header, record))}
        for i, name in enumerate(header, start=1):
            v = values[name]
            if v != v.strip():
                values[name] = v.strip()
            if name in required and not values[name]:
                problems.append(Problem(display, start, name, i, f"'{name}' is empty", f"fill in '{name}'"))
        rows.append(Row(start, values, display))
    if problems:
        raise InputError(problems)
    return rows
