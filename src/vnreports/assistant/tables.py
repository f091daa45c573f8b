"""A number in a table row (a .docx table reads one row a line, cells joined by ' | '): its row, column and unit.

The unit of a bare cell ("142,50") comes from its column's header ("Kế hoạch (tỷ đồng)", "Tỷ lệ (%)") or
from the row's unit column ("Đơn vị tính", "ĐVT"); what the row is about from its first cell that is not a
number (the indicator's name); whether it is a plan, an estimate or a result, and of which year, from the
column's header ("Kế hoạch 2025", "Ước thực hiện 2024", "Thực hiện 2024").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnreports.assistant.candidates import COUNT_NOUNS
from vnreports.documents.text import cell_index, is_table_row, row_cells
from vnreports.notation.units import match_unit

_UNIT_HEADER = re.compile(r"^(?:đơn\s+vị(?:\s+tính)?|đvt)\b", re.IGNORECASE)
_IN_PARENS = re.compile(r"\(([^()]{1,30})\)\s*$")
_NUMBER_ONLY = re.compile(r"^[\d.,\s]+$")


@dataclass(frozen=True)
class TableCell:
    row_label: str  # the indicator the row is about
    header: str  # the header of the cell's column
    unit: str  # from the header's parentheses or the row's unit column; "" when neither says
    header_row: str = ""  # the whole first row
    intro: tuple[int, int] | None = None  # the line above the table ("Kết quả giải ngân đến ngày 30/4/2025 như sau:")


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _normal_unit(written: str) -> str:
    written = " ".join(written.split())
    unit, used = match_unit(written)
    if unit and (used >= len(written) or not written[used:used + 1].isalpha()):
        return unit
    return written.lower()


def table_cell(text: str, pos: int) -> TableCell | None:
    """The table cell at `pos`, or None when `pos` is not in a table row."""
    start, end = _line(text, pos)
    line = text[start:end]
    if not is_table_row(line):
        return None
    header_start = start
    while header_start > 0:  # the table's first row: the top of the run of row lines
        prev_start, prev_end = _line(text, header_start - 1)
        if not is_table_row(text[prev_start:prev_end]):
            break
        header_start = prev_start
    header_cells = row_cells(text[header_start:_line(text, header_start)[1]])
    cells = row_cells(line)
    index = cell_index(line, pos - start)
    header = header_cells[index].strip() if index < len(header_cells) else ""
    label = next((c.strip() for c in cells if c.strip() and not _NUMBER_ONLY.match(c)), "")
    unit = ""
    m = _IN_PARENS.search(header)
    if m:
        unit = _normal_unit(m.group(1))
    else:
        col = next((i for i, h in enumerate(header_cells) if _UNIT_HEADER.match(h.strip())), None)
        if col is not None and col < len(cells) and index > col:  # the figures stand right of their unit
            unit = _normal_unit(cells[col]) if cells[col].strip() else ""
        counted = re.match(r"\s*số\s+(?!tt\b|thứ tự\b)(\w+(?:\s+\w+)?)", header, re.IGNORECASE)
        if not unit and counted and _NUMBER_ONLY.match(cells[index]):  # "Số tiêu chí đạt", "Số hộ": what it counts
            written, used = match_unit(counted.group(1))
            words = counted.group(1).lower()
            noun = next((n for n in sorted(COUNT_NOUNS, key=len, reverse=True) if words == n or words.startswith(n + " ")), "")
            unit = written if written and used > 0 else noun
    header_row = text[header_start:_line(text, header_start)[1]]
    intro = None
    if header_start > 0:
        intro = _line(text, header_start - 1)
        while intro[0] > 0 and not text[intro[0]:intro[1]].strip():
            intro = _line(text, intro[0] - 1)
    if start == header_start or re.fullmatch(r"(?:s\.?\s*)?tt|số\s+tt", header, re.IGNORECASE):
        unit = ""  # a number in the header row names a column, one in the STT column counts rows: no figure
    return TableCell(label, header, unit, header_row, intro)


def cell_figure_type(cell: TableCell) -> str:
    """target for a plan's column ("Kế hoạch 2025", "Mục tiêu"), forecast for an estimate ("Ước thực hiện"),
    else actual; a capital plan beside its disbursement ("Kế hoạch vốn", "Giải ngân") is allocated money: actual."""
    h = cell.header.lower()
    if re.search(r"\bước\b|dự kiến|\buth\b|ước th", h):
        return "forecast"
    if re.match(r"\s*(?:so với|tỷ lệ|%)", h):  # "So với kế hoạch (%)": the rate of the row's estimate or result
        return "forecast" if re.search(r"\bước\b|dự kiến|\buth\b", cell.header_row.lower()) else "actual"
    if re.search(r"kế hoạch|mục tiêu|chỉ tiêu|\bkh\b", h) and not re.search(r"giải ngân|kế hoạch vốn",
                                                                           cell.header_row.lower()):
        return "target"
    return "actual"


def header_year(header: str) -> int | None:
    m = re.search(r"\b(20\d{2})\b", header)
    return int(m.group(1)) if m else None


def cell_words(cell: TableCell) -> str:
    """What a cell's column says it is: its header, and for a bare rate or amount the table's subject from the other
    headers ("Tỷ lệ (%)" beside "Đã giải ngân (tỷ đồng)" is a disbursement rate)."""
    header = cell.header
    if re.match(r"\s*tỷ lệ\b", header, re.IGNORECASE) and re.search(r"giải ngân", cell.header_row, re.IGNORECASE) \
            and not re.search(r"giải ngân", header, re.IGNORECASE):
        return f"tỷ lệ giải ngân {header}"
    return header


def revenue_cell_metric(cell: TableCell) -> str | None:
    """A cell of a budget-revenue table ("Khoản thu | Dự toán tỉnh giao | Thực hiện 4 tháng | So với dự toán (%)"):
    the estimate itself and one revenue item's figures have no catalogue metric ("", propose one); the total row's
    amount is the budget revenue and its rate the share of the estimate the header names. None for other tables."""
    if not re.search(r"khoản thu|nguồn thu|nội dung thu|thu ngân sách", cell.header_row, re.IGNORECASE):
        return None
    header = cell.header.lower()
    rate = re.search(r"so với|tỷ lệ|%", header)
    if ("dự toán" in header and not rate) or not re.match(r"\W*(?:tổng|cộng)", cell.row_label, re.IGNORECASE):
        return ""
    if not rate:
        return "budget_revenue"
    level = re.search(r"dự toán\s+(?:HĐND\s+)?(tỉnh|huyện)", cell.header_row, re.IGNORECASE)
    return f"budget_revenue_pct_{'district' if level and level.group(1).lower() == 'huyện' else 'province'}_estimate"
