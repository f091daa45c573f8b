"""A table in a PDF's layout text (columns kept apart by spaces) rewritten one row a line, cells joined by ' | '.

A PDF has no table structure: its layout text shows a table as lines whose last words are numbers in
aligned columns, a name wrapped onto the next line, and a header of one to four lines above, its column
titles broken across them ("Giải ngân (tỷ" / "đồng)"). Read as prose, the numbers lose their columns and
their units. This module finds such blocks and writes them as a .docx table is written (`TT | Tên dự án |
Kế hoạch vốn (tỷ đồng) | …`, then one line a row), so that one reader (assistant/tables.py) serves both.
Deterministic: the same layout text gives the same lines. Lines outside a table are returned unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

SEPARATOR = " | "
_NUMBER = re.compile(r"^(?:[-+]?\d[\d.,]*%?|-)$")
_ROW_NUMBER = re.compile(r"^(\d{1,3}|[IVX]{1,4})\.?$")
_GAP = re.compile(r"\s{2,}")
_MIN_ROWS = 2
_ALIGN = 3  # characters a column's right edge may wander from row to row
_MAX_HEADER_LINES = 4


@dataclass
class _Row:
    label: str
    label_start: int
    cells: list[tuple[int, int, str]]  # (start, end, text) of the numbers, left to right
    more: list[str] = field(default_factory=list)  # the label's continuation lines


def _numeric_row(line: str) -> _Row | None:
    """The line as a table row: a label, then two or more numbers, the first one after a gap of two spaces or more."""
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", line)]
    cells = []
    while tokens and _NUMBER.match(tokens[-1][2]):
        cells.insert(0, tokens.pop())
    while cells and tokens and cells[0][0] - tokens[-1][1] < 2:  # "Khánh Khê -", "năm 2025": words, not cells
        tokens.append(cells.pop(0))
    if len(cells) < 2:
        return None
    label = " ".join(t[2] for t in tokens)
    return _Row(label, tokens[0][0] if tokens else cells[0][0], cells)


def _segments(line: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for part in _GAP.split(line):
        start = line.index(part, pos) if part else pos
        if part.strip():
            out.append((start, start + len(part), part.strip()))
        pos = start + len(part)
    return out


def _columns(rows: list[_Row]) -> list[tuple[int, int]] | None:
    """(left, right) of each number column, from the rows with the most numbers; None when they do not align."""
    k = max(len(r.cells) for r in rows)
    full = [r for r in rows if len(r.cells) == k]
    rights = [median(r.cells[j][1] for r in full) for j in range(k)]
    for r in rows:
        for start, end, _ in r.cells:
            if min(abs(end - x) for x in rights) > _ALIGN:
                return None
    lefts = [min(r.cells[j][0] for r in full) for j in range(k)]
    return [(int(lo), int(hi)) for lo, hi in zip(lefts, rights)]


def _cell_texts(row: _Row, columns: list[tuple[int, int]]) -> list[str]:
    texts = [""] * len(columns)
    for start, end, text in row.cells:
        j = min(range(len(columns)), key=lambda c: abs(columns[c][1] - end))
        texts[j] = text
    return texts


def _header(lines: list[str], columns: list[tuple[int, int]]) -> tuple[list[str], list[str]] | None:
    """(label column titles, number column titles) from the header lines, or None when they are not a header."""
    label_titles: list[tuple[int, str]] = []  # (start, text) of the titles left of the number columns
    titles = [[] for _ in columns]
    over_numbers = False
    for line in lines:
        for start, end, text in _segments(line):
            if end <= columns[0][0] - 1:
                label_titles.append((start, text))
                continue
            overlap = [min(end, hi + 2) - max(start, lo - 2) for lo, hi in columns]
            j = max(range(len(columns)), key=lambda c: (overlap[c], -c))
            if overlap[j] <= 0:
                j = min(range(len(columns)), key=lambda c: abs((columns[c][0] + columns[c][1]) / 2 - (start + end) / 2))
            titles[j].append(text)
            over_numbers = True
    if not over_numbers:
        return None
    by_start: dict[int, list[str]] = {}
    for start, text in label_titles:  # one label column per start position, its title's lines joined
        key = next((k for k in by_start if abs(k - start) <= 4), start)
        by_start.setdefault(key, []).append(text)
    labels = [" ".join(by_start[k]) for k in sorted(by_start)]
    return labels, [" ".join(t) for t in titles]


def _render(header: tuple[list[str], list[str]] | None, rows: list[_Row], columns) -> list[str]:
    label_titles, number_titles = header if header else ([], [""] * len(columns))
    numbered = len(label_titles) >= 2 and all(_ROW_NUMBER.match(r.label.split(" ", 1)[0]) or not r.label
                                               or not r.label[:1].isdigit() for r in rows)
    out = []
    if header:
        out.append(SEPARATOR.join([*label_titles[:2 if numbered else 1], *number_titles]))
    for r in rows:
        label = " ".join([r.label, *r.more]).strip()
        first = []
        if numbered:
            number, _, rest = label.partition(" ")
            first = [number, rest] if _ROW_NUMBER.match(number) else ["", label]
        else:
            first = [label]
        out.append(SEPARATOR.join([*first, *_cell_texts(r, columns)]))
    return out


def pipe_tables(layout: str) -> str:
    """The layout text with each table block written one row a line, cells joined by ' | '."""
    lines = layout.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        first = _numeric_row(lines[i])
        if not first:
            out.append(lines[i])
            i += 1
            continue
        rows, j = [first], i + 1
        while j < len(lines):
            row = _numeric_row(lines[j])
            if row:
                rows.append(row)
            elif not lines[j].strip() and j + 1 < len(lines) and _numeric_row(lines[j + 1]):
                pass  # some writers (LibreOffice) leave a blank line between the rows of a table
            elif lines[j].strip() and lines[j][:1] == " " and len(lines[j].rstrip()) < first.cells[0][0]:
                rows[-1].more.append(lines[j].strip())
            else:
                break
            j += 1
        columns = _columns(rows) if len(rows) >= _MIN_ROWS else None
        if not columns:
            out.append(lines[i])
            i += 1
            continue
        head_lines, gap = [], []
        if out and not out[-1].strip() and len(out) > 1 and out[-2].strip():
            gap = [out.pop()]  # a blank line between the header and the first row
        while out and out[-1].strip() and len(head_lines) < _MAX_HEADER_LINES \
                and not out[-1].rstrip().endswith((":", ".", ";")):
            head_lines.insert(0, out.pop())
        if not head_lines:
            out += gap
        header = _header(head_lines, columns) if head_lines else None
        if head_lines and not header:
            out += head_lines
        out += _render(header, rows, columns)
        i = j
    return "\n".join(out)
