"""Numeric mentions in a report, and what the ones that are not figures are.

A *mention* is a run of digits as written ("60.746/135.188", "13/9/2024", "1556", "¹"), with its
line and column in the report. Most mentions are figures; the rest are document numbers, dates of
legal references, footnote markers stuck to words ("tích cực1"), list numbering, anniversaries,
session numbers, period names, road codes or time stamps. `classify` recognises those, so the
extractor does not propose them and the coverage check can skip them with a stated reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Digits with "." / "," groups, optionally "/"-joined ("13/9/2024", "08/19", "60.746/135.188").
MENTION_RE = re.compile(r"(?<![\d])\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_LETTER = r"A-Za-zÀ-ỹĐđ"
_DOC_AFTER = re.compile(r"^\s?[-/]\s?[A-ZĐ]{1,}[A-Za-zĐđ]*", re.U)
_DOC_BEFORE = re.compile(r"(?:\bsố|\bSố|Số:)\s*$")
_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
_SHORT_DATE = re.compile(r"^\d{1,2}/\d{1,2}$")
_YEAR = re.compile(r"^(19|20)\d{2}$")

REASONS = {
    "document_number": "số hiệu văn bản (document number)",
    "legal_date": "ngày của văn bản được viện dẫn (date of a legal reference)",
    "footnote_marker": "dấu chú thích dính vào chữ (footnote marker)",
    "list_numbering": "đánh số mục (list numbering)",
    "anniversary": "kỷ niệm (anniversary)",
    "ordinal": "số thứ tự kỳ họp, lần, đoàn (session or team number)",
    "period_name": "tên giai đoạn, năm học (period name)",
    "year": "năm dùng làm nhãn thời kỳ (a year as a period label)",
    "event_date": "ngày của sự kiện, cuộc họp (date of an event)",
    "timestamp": "dấu thời gian chữ ký số (signature time stamp)",
    "code": "mã đường, cây số, ký hiệu (road code, kilometre post, code)",
    "part_of_name": "con số là một phần tên riêng (part of a proper name)",
    "document_date": "ngày của chính văn bản (the document's own date, in the registry)",
    "report_period": "kỳ báo cáo (the period the report covers, in the registry)",
}
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}")


@dataclass(frozen=True)
class Mention:
    start: int  # offset in the report text
    end: int
    text: str
    line: int  # 1-based
    column: int  # 1-based


def find_mentions(text: str) -> list[Mention]:
    out = []
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    import bisect

    for m in MENTION_RE.finditer(text):
        line = bisect.bisect_right(line_starts, m.start())
        out.append(Mention(m.start(), m.end(), m.group(), line, m.start() - line_starts[line - 1] + 1))
    return out


def _line_prefix(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1 : pos]


def classify(text: str, m: Mention) -> str | None:
    """A non-figure reason for the mention, or None when it may be a figure."""
    before = " ".join(text[max(0, m.start - 80) : m.start].split())
    before_raw = text[max(0, m.start - 3) : m.start]
    after = text[m.end : m.end + 40]
    low_before = before.lower()
    token = m.text

    if token[0] in "¹²³⁴⁵⁶⁷⁸⁹⁰":
        return "footnote_marker"
    for ts in _TIMESTAMP.finditer(text, max(0, m.start - 25), min(len(text), m.end + 25)):
        if ts.start() <= m.start and m.end <= ts.end():
            return "timestamp"
    if re.fullmatch(r"\d{1,2}/\d{5}", token):
        return "footnote_marker"  # "tháng 4/20248": a month and year with footnote 8 stuck to it
    if re.search(r"ngày\s+tháng\s*$", low_before):
        return "document_date"  # "ngày tháng 4 năm 2024": the document's own (blank-day) date
    if before.endswith("<sup>") or after.startswith("</sup>"):
        return "footnote_marker"
    # Document numbers: "1556-QĐ/TU", "15/CTr-UBND", "116/2016/NĐ-CP", "Số: /TB".
    if _DOC_AFTER.match(after) and not re.match(r"^\s?[-–]\s?\d", after):
        return "document_number"
    if re.search(r"(?:Quyết định|Nghị quyết|Chỉ thị|Thông báo|Kết luận|Công văn|Báo cáo|Nghị định|Thông tư|Kế hoạch|"
                 r"Chương trình|Giấy mời|Quy định|Hướng dẫn)\s+số\s*$", before, re.I):
        return "document_number"
    # Dates of legal references: "Quyết định số 1556-QĐ/TU, ngày 09/01/2024", "ngày 18/01/2024 của Quốc hội".
    if _DATE.match(token) or _SHORT_DATE.match(token):
        if re.search(r"\d+\s?[-/]\s?[A-ZĐ][A-Za-zĐđ\-/]*[,]?\s*(?:ngày)?\s*$", before) or re.search(
                r"[A-ZĐ]{2,}[-/][A-ZĐ]+\s*\d*[,]?\s*(?:ngày)?\s*$", before):
            return "legal_date"
        if re.match(r"^\s*(?:của|về việc|về|ban hành|V/v)\b", after):
            return "legal_date"
        if re.search(r"\(\s*$", before) and re.match(r"^\s*[-–]\s*\d", after):
            return "anniversary" if "kỷ niệm" in low_before[-60:] or "năm" in low_before[-20:] else None
    if re.search(r"/[A-ZĐ]+(?:-[A-ZĐ]+)*$", before_raw + "") or re.search(r"/[A-ZĐ-]*[A-ZĐ]$", before[-12:]):
        return "document_number"  # "111/2024/QH15", "406/GM-ĐKT1"
    # Footnote markers glued to a word: "tích cực1", "KT-XH2", "ổn định4", "tỉnh6 ,".
    if re.search(rf"[{_LETTER})\]]$", before_raw) and len(token) <= 2 and not re.match(rf"^[{_LETTER}]", after) \
            and not re.search(r"(?:Km|km|QL|ĐT|DT|Quốc lộ|thứ|số)$", before_raw.strip()):
        return "footnote_marker"
    # Road codes and kilometre posts: "ĐT.226", "Km105+00", "Quốc lộ 3B".
    if re.search(r"(?:ĐT|QL|DT|TL)\.?\s?$", before) or re.search(r"Km\s?$", before_raw) or after.startswith("+") \
            or re.match(r"^[A-Z]\b", after) or re.search(r"Km\d*\+$", before):
        return "code"
    # List numbering at the start of a line: "1.", "2.1.", "a)", "(1)", "1.2 Đối với".
    prefix = _line_prefix(text, m.start).strip(" \t#*>-")
    if prefix in ("", "(") and re.match(r"^(?:\.\d+)*\.?\**\s|^\)|^\.\s*$|^\.\s", after + " "):
        return "list_numbering"
    if prefix == "" and re.match(r"^\s+[A-ZĐÀ-Ỹ]", after) and len(token) <= 2:
        return "footnote_marker"  # the number that starts a footnote's text
    if re.search(r"\(\s*$", before) and re.match(r"^\s*\)", after) and len(token) <= 2:
        return "list_numbering"
    # Project numbers and phases inside names: "Dự án 1.", "Tiểu dự án 1, dự án 4", "giai đoạn 2", "số 1".
    if re.search(r"(?:tiểu\s+)?dự án\s*$", low_before) and re.match(r"^\s*[.,:]", after):
        return "part_of_name"
    if re.search(r"giai đoạn\s*$", low_before) and len(token) == 1:
        return "part_of_name"
    if re.search(r"\b(?:cầu|tổ|khu|trạm)\s+[^\s]+(?:\s+[^\s]+)?\s+số\s*$", low_before):
        return "part_of_name"
    if re.search(r"vùng\s*$", low_before) and len(token) <= 3:
        return "code"
    # The report's own period: "(Từ ngày 24/6/2024 đến ngày 08/7/2024)", "hơn 03 tháng đầu năm", "quý I/2024".
    if _DATE.match(token) and (re.search(r"\btừ ngày\s*$", low_before) or re.match(r"^\s*đến ngày", after)
                               or re.search(r"\d{1,2}/\d{1,2}/\d{4}\s+đến ngày\s*$", low_before)):
        return "report_period"
    if re.match(r"^\s*tháng\s+(?:đầu\s+)?năm", after) or re.match(r"^\s*năm giai đoạn", after):
        return "period_name"
    if _YEAR.match(token) and re.search(r"quý\s+[IV]+\s*/\s*$|tháng\s+\d{1,2}\s*(?:/|năm)\s*$", before, re.I):
        return "period_name"
    # Anniversaries, sessions, teams, editions.
    if re.match(r"^\s*năm\b", after) and re.search(r"kỷ niệm\s*$", low_before):
        return "anniversary"
    if re.search(r"(?:kỳ họp thứ|lần thứ|khóa|khoá|đoàn kiểm tra số|tổ công tác số|đợt)\s*$", low_before):
        return "ordinal"
    if re.search(r"(?:đoàn kiểm tra|trưởng đoàn kiểm tra)\s+số\s*$", low_before):
        return "ordinal"
    # Periods: "giai đoạn 2021-2025", "năm học 2024-2025", "2020 - 2030", "(27/7/1947-27/7/2024)".
    if re.match(r"^\s?[-–]\s?\d{4}", after) and _YEAR.match(token):
        return "period_name"
    if re.search(r"\d{4}\s?[-–]\s?$", before) and _YEAR.match(token):
        return "period_name"
    if re.search(r"\d{1,2}/\d{1,2}/\d{4}\s?[-–]\s?$", before) or re.match(r"^\s?[-–]\s?\d{1,2}/\d{1,2}/\d{4}", after):
        return "anniversary" if "kỷ niệm" in low_before or "thương binh" in low_before else "event_date"
    if _YEAR.match(token) and re.search(r"(?:năm|từ năm|sang năm|đến năm|tầm nhìn đến năm)\s*$", low_before):
        return "year"
    if _YEAR.match(token) and re.search(r"năm \d{4},\s*$", low_before):
        return "year"
    return None


def flat_index(text: str) -> tuple[str, list[int]]:
    """NFC text with whitespace runs folded to one space, and for each original index its flat index."""
    out: list[str] = []
    mapping = [0] * (len(text) + 1)
    prev_space = True
    for i, ch in enumerate(text):
        mapping[i] = len(out)
        if ch.isspace():
            if not prev_space:
                out.append(" ")
            prev_space = True
        else:
            out.append(ch)
            prev_space = False
    mapping[len(text)] = len(out)
    flat = "".join(out)
    stripped = flat.rstrip()
    return stripped, mapping
