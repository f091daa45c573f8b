"""The review workbook's layout: its sheets and their columns (Vietnamese header, machine name, kind of cell).

The writer (workbook.py) and the reader (cells.py) share it. Every sheet of rows has two header
rows: the Vietnamese header, and under it the machine name of the column (the raw CSV column), so
that a renamed or removed header is found on import. Data starts on row 3.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from vnreports.raw.coverage import SKIP_COLUMNS
from vnreports.raw.schema import FIGURE_COLUMNS, METRIC_COLUMNS, REPORT_COLUMNS

FORMAT = "vnreports-review/1"
FIRST_ROW = 3  # rows 1 and 2 are the headers

SHEET_FIGURES = "Số liệu"
SHEET_REGISTRY = "Báo cáo"
SHEET_SKIPS = "Bỏ qua"
SHEET_METRICS = "Chỉ tiêu mới"
SHEET_GUIDE = "Hướng dẫn"
SHEET_LISTS = "Danh mục"
SHEET_META = "_meta"

YES, NO = "có", "không"
LOW_CONFIDENCE = 0.6  # a drafted row below this is highlighted


class ReviewError(Exception):
    """The workbook cannot be written or read; the message says why and what to do."""


def plain(x: float) -> str:
    """A spreadsheet number as the transcription writes it: '.' decimal mark, no exponent, no trailing zeros
    (15 significant digits, as spreadsheets keep)."""
    if isinstance(x, bool) or not isinstance(x, (int, float)) or (isinstance(x, float) and not math.isfinite(x)):
        raise ValueError(x)
    if isinstance(x, int):
        return str(x)
    d = Decimal(f"{x:.15g}")
    return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")


@dataclass(frozen=True)
class Col:
    name: str  # machine name: the raw CSV column, or reviewed / confidence
    label: str  # Vietnamese header shown to the analyst
    kind: str = "text"  # text | number | date | code | yesno | quote
    width: int = 14  # widest the column gets (characters)
    vocab: str | None = None  # the list on the Danh mục sheet its dropdown offers
    marks: str | None = None  # for kind quote: the column whose text is marked in it


REVIEW = [
    Col("reviewed", "Đã duyệt", "yesno", 10, "yesno"),
    Col("reviewed_by", "Người duyệt", "text", 16),
    Col("reviewed_at", "Ngày duyệt", "date", 12),
    Col("confidence", "Độ tin cậy", "number", 11),
]

FIGURE_SHEET = [
    Col("figure_id", "Mã số liệu", "text", 10),
    *REVIEW,
    Col("quote", "Trích dẫn (con số tô đỏ)", "quote", 70, marks="number_text"),
    Col("number_text", "Con số như viết", "text", 22),
    Col("value", "Giá trị", "number", 16),
    Col("unit", "Đơn vị", "code", 14, "unit"),
    Col("metric", "Chỉ tiêu", "code", 40, "metric"),
    Col("programme", "Chương trình", "code", 36, "programme"),
    Col("project", "Dự án / tiểu dự án", "code", 36, "project"),
    Col("figure_type", "Loại số liệu", "code", 22, "figure_type"),
    Col("district", "Huyện (như viết)", "code", 16, "district"),
    Col("commune", "Xã (như viết)", "code", 20, "commune"),
    Col("denominator", "Mẫu số (M của N/M)", "number", 12),
    Col("as_of", "Ngày số liệu", "date", 12),
    Col("as_of_text", "Chữ ghi ngày", "text", 24),
    Col("deadline", "Hạn", "date", 12),
    Col("deadline_text", "Chữ ghi hạn", "text", 24),
    Col("part_of", "Là phần của", "text", 10),
    Col("computed_from", "Tính từ", "text", 12),
    Col("listed_items", "Các mục liệt kê (;)", "text", 30),
    Col("ranked_after", "Xếp sau (;)", "text", 20),
    Col("reading_note", "Cách đọc số mơ hồ", "text", 40),
    Col("note", "Ghi chú", "text", 40),
]

_REGISTRY_LABELS = {
    "file_name": "Tệp báo cáo", "doc_number": "Số văn bản", "doc_type": "Loại văn bản",
    "issuing_body": "Cơ quan ban hành", "signer": "Người ký", "signer_title": "Chức vụ người ký",
    "place": "Địa danh", "date_signed": "Ngày ký", "concluding_official": "Người kết luận",
    "subject_districts": "Huyện (;)", "subject_communes": "Xã (;)", "event_type": "Loại sự kiện",
    "event_date": "Ngày kiểm tra / làm việc", "period_text": "Kỳ số liệu (như viết)",
    "period_start": "Đầu kỳ", "period_end": "Cuối kỳ", "title": "Trích yếu", "note": "Ghi chú",
}
_REGISTRY_KINDS = {"date_signed": "date", "event_date": "date", "period_start": "date", "period_end": "date"}
_REGISTRY_WIDTHS = {"title": 60, "note": 50, "signer_title": 30, "concluding_official": 30, "file_name": 28}
REGISTRY_SHEET = [Col("file_name", _REGISTRY_LABELS["file_name"], "text", 28), *REVIEW] + [
    Col(c, _REGISTRY_LABELS[c], _REGISTRY_KINDS.get(c, "text"), _REGISTRY_WIDTHS.get(c, 20))
    for c in REPORT_COLUMNS if c != "file_name"
]

SKIP_SHEET = [
    Col("line", "Dòng", "number", 7),
    Col("column", "Cột", "number", 7),
    *REVIEW,
    Col("mention", "Con số", "text", 14),
    Col("reason", "Lý do bỏ qua", "code", 44, "reason"),
    Col("context", "Ngữ cảnh (con số tô đỏ)", "quote", 60, marks="mention"),
]

METRIC_SHEET = [
    Col("metric_code", "Mã chỉ tiêu", "text", 30),
    Col("reviewed", "Chấp nhận (đã duyệt)", "yesno", 12, "yesno"),
    *REVIEW[1:],
    Col("label_vi", "Tên tiếng Việt", "text", 40),
    Col("label_en", "Tên tiếng Anh", "text", 40),
    Col("unit_kind", "Loại đơn vị", "code", 24, "unit_kind"),
    Col("higher_is_better", "Cao hơn là tốt hơn", "code", 26, "higher_is_better"),
]


@dataclass(frozen=True)
class Sheet:
    title: str
    part: str  # registry | figures | skips | metrics (vnreports.raw.drafts.PARTS)
    columns: list[Col]
    raw_columns: list[str]  # the raw CSV columns the sheet holds


SHEETS = [
    Sheet(SHEET_FIGURES, "figures", FIGURE_SHEET, FIGURE_COLUMNS),
    Sheet(SHEET_REGISTRY, "registry", REGISTRY_SHEET, REPORT_COLUMNS),
    Sheet(SHEET_SKIPS, "skips", SKIP_SHEET, SKIP_COLUMNS),
    Sheet(SHEET_METRICS, "metrics", METRIC_SHEET, METRIC_COLUMNS),
]
BY_PART = {s.part: s for s in SHEETS}
KEYS = {"registry": ("file_name",), "figures": ("figure_id",), "skips": ("line", "column"),
        "metrics": ("metric_code",)}

for _s in SHEETS:  # every raw column has its place on its sheet
    assert set(_s.raw_columns) <= {c.name for c in _s.columns}, _s.title


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out
