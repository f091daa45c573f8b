"""Numeric mentions in a report, and what the ones that are not figures are.

A *mention* is a run of digits as written ("60.746/135.188", "13/9/2024", "1556", "¹"), with its
line and column in the report. Most mentions are figures; the rest are document numbers, dates of
legal references, footnote markers stuck to words ("tích cực1"), list numbering, anniversaries,
session numbers, period names, road codes, clock times, phone numbers, page numbers or time stamps.
`classify` recognises those, so the extractor does not propose them and the coverage check can skip
them with a stated reason. Ranks written in words ("xếp thứ hai") have no digits: see `ranks.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnreports.notation.letters import UPPER

# Digits with "." / "," groups, optionally "/"-joined ("13/9/2024", "08/19", "60.746/135.188").
# A number typeset with no-break or thin spaces between its groups ("1\u00a0250") is one mention.
MENTION_RE = re.compile(r"(?<![\d])[1-9]\d{0,2}(?:[\u00a0\u202f\u2009]\d{3})+(?:,\d+)?(?![\d])"
                        r"|(?<![\d])\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_LETTER = r"A-Za-zÀ-ỹĐđ"
_DOC_AFTER = re.compile(r"^[ \t]?[-/][ \t]?[A-ZĐ]{1,}[A-Za-zĐđ]*")
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
    "date": "ngày, tháng viết tắt: 31/8, tháng 6.2018, 5-2023, 31.8.2024 (a short or dotted date)",
    "clock_time": "giờ trong ngày: 14 giờ 30, 8h30 (clock time)",
    "contact": "số điện thoại, fax, mã bưu chính (phone, fax or postcode)",
    "page_number": "số trang (page number)",
    "rank_scope": "số đơn vị được xếp hạng: cao nhất trong 11 huyện (how many units are ranked)",
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


_DATE_WORD = r"(?:ngày|hôm|đêm|sáng|trưa|chiều|tối|từ|đến|tới|trước|sau|hết|vào|cuối|đầu|giữa|trong|tháng)"
_PHONE_WORDS = re.compile(r"\b(?:điện thoại|số điện thoại|sđt|đtdđ|tel|fax|hotline|đường dây nóng|ĐT\s*:)\s*[:.]?\s*"
                          r"(?:\(?\+?\d[\d\s.\-()]*)?$", re.IGNORECASE)
_POSTCODE_WORDS = re.compile(r"(?:mã bưu chính|mã bưu điện|postcode|zip code)\s*[:.]?\s*$", re.IGNORECASE)


def _clock_or_contact(before: str, after: str, token: str) -> str | None:
    """"14 giờ 30", "8h30", "từ 7h đến 11h", "14:30"; "Điện thoại: 0205 3812 345", "mã bưu chính 240000"."""
    if _PHONE_WORDS.search(before) or _POSTCODE_WORDS.search(before):
        return "contact"
    if re.fullmatch(r"0\d{8,10}", token.replace(".", "")) or re.fullmatch(r"\+?84\d{8,10}", token):
        return "contact"
    if not token.isdigit():
        return None
    n = int(token)
    if n <= 24 and (re.match(r"\s*(?:giờ|h)\s*\d{1,2}(?!\d)", after) or re.match(r":\d{2}(?![\d.,])", after)):
        return "clock_time"  # hours with minutes
    if n <= 24 and re.match(r"\s*(?:giờ|h)(?![\w])", after) and re.search(r"(?:lúc|vào|từ|đến|tới|khoảng)$", before):
        return "clock_time"
    if n <= 59 and re.search(r"(?<!\d)\d{1,2}\s*(?:giờ|h)$|(?<!\d)\d{1,2}:$", before):
        return "clock_time"  # the minutes
    return None


def _valid_day_month(d: str, mo: str) -> bool:
    return 1 <= int(d) <= 31 and 1 <= int(mo) <= 12


def _short_date(text: str, m: Mention, before: str, after: str) -> str | None:
    """"31/8" (day/month), "6.2018" and "5-2023" (month and year), "31.8.2024" and "31-8-2024"."""
    token = m.text
    low = before.lower()
    dated = re.search(rf"\b{_DATE_WORD}$", low) is not None
    d = re.fullmatch(r"(\d{1,2})[./](\d{1,2})", token)
    if d and "/" in token and _valid_day_month(*d.groups()) and (
            re.search(r"\bngày$", low) or dated and not re.match(r"\s*[^\W\d_]", after)):
        return "date"
    full = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(?:19|20)\d{2}", token)
    if full and _valid_day_month(*full.groups()):
        return "date"
    my = re.fullmatch(r"(\d{1,2})\.((?:19|20)\d{2})", token)
    if my and 1 <= int(my.group(1)) <= 12 and (dated or not re.match(r"\s*[^\W\d_]", after)):
        return "date"
    # dash-joined: the mention is one of "31", "8", "2024" in "31-8-2024", or "5", "2023" in "5-2023"
    window_start = max(0, m.start - 12)
    for hit in re.finditer(r"(?<![\d.,/-])(\d{1,2})-(\d{1,2})-(?:19|20)\d{2}(?![\d-])", text[window_start : m.end + 12]):
        a, b = hit.start() + window_start, hit.end() + window_start
        if a <= m.start and m.end <= b and _valid_day_month(*hit.groups()):
            return "date"
    for hit in re.finditer(r"(?<![\d.,/-])(\d{1,2})-((?:19|20)\d{2})(?![\d-])", text[window_start : m.end + 12]):
        a, b = hit.start() + window_start, hit.end() + window_start
        lead = " ".join(text[max(0, a - 30) : a].split()).lower()
        if a <= m.start and m.end <= b and 1 <= int(hit.group(1)) <= 12 and (
                re.search(rf"\b{_DATE_WORD}$", lead) or not re.match(r"\s*[^\W\d_]", text[b : b + 20])):
            return "date"
    return None


def _enumerated(text: str, m: Mention) -> bool:
    """"(2)" has a neighbour "(1)" or "(3)" nearby: an enumeration, not a footnote marker."""
    n = int(m.text)
    around = text[max(0, m.start - 400) : m.end + 400]
    return any(re.search(rf"\(\s*{k}\s*\)", around) for k in (n - 1, n + 1) if k > 0)


def _is_footnote_number(text: str, token: str) -> bool:
    """Footnote n exists: its marker is glued to a word somewhere ("tích cực1", "¹"), or the texts of
    footnotes n-1 or n+1 start a line ("2 Đã thực hiện …"). A leading zero ("02 Trạm Y tế") is a count."""
    if token[0] == "0" or not token.isdigit():
        return False
    n = int(token)
    if re.search(rf"(?<=[^\W\d_)\]]){n}(?!\d)", text) or n <= 9 and "¹²³⁴⁵⁶⁷⁸⁹"[n - 1] in text:
        return True
    return any(re.search(rf"(?m)^[ \t]*{k}[ \t]+[{UPPER}]", text) for k in (n - 1, n + 1) if k > 0)


def _line_layout(text: str, m: Mention, after: str) -> str | None:
    """A page number ("- 2 -", "Trang 2", a number alone between blank lines) or the number that
    starts a footnote's text ("1 Tổng thu …", or "3" alone above its text). A number alone on a line
    between other lines is not one of them: a .docx table cell is such a line."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    token = m.text
    if re.fullmatch(r"[-–—]\s*\d{1,3}\s*[-–—]|(?:trang|page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?", line, re.IGNORECASE):
        return "page_number"
    prefix = text[line_start : m.start]
    if line == token and re.fullmatch(r"[1-9]\d{0,2}", token):
        previous = text[: max(0, line_start - 1)].rsplit("\n", 1)[-1].strip()
        following = text[line_end + 1 :].split("\n", 1)[0].strip()
        if not previous and not following:
            return "page_number"
        if re.match(r"[" + UPPER + r"]", following) and _is_footnote_number(text, token):
            return "footnote_marker"
    elif prefix.strip() == "" and re.match(r"[ \t]+[" + UPPER + r"]", after) and _is_footnote_number(text, token):
        return "footnote_marker"  # the number that starts a footnote's text
    return None


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
    if re.fullmatch(r"(?:19|20)\d{2}\d{1,2}", token) and re.search(r"(?:\bnăm|\d{4}\s?[-–—])\s*$", low_before):
        return "footnote_marker"  # "năm 20251": the year 2025 with footnote 1 stuck to it
    reason = _clock_or_contact(before, after, token)
    if reason:
        return reason
    if re.search(r"ngày\s+tháng\s*$", low_before):
        return "document_date"  # "ngày tháng 4 năm 2024": the document's own (blank-day) date
    if before.endswith("<sup>") or after.startswith("</sup>"):
        return "footnote_marker"
    # "sản phẩm OCOP đạt 3 sao": a product's rating class, not a figure
    if re.match(r"^\s*sao\b", after) and re.search(r"OCOP", before[-60:]):
        return "part_of_name"
    # "thấp nhất trong 11 huyện, thành phố": how many are ranked, the superlative's denominator
    if re.search(r"(?:nhất|thứ\s+\S+)\s+trong(?:\s+(?:số|tổng số))?$", low_before) and re.match(
            r"^\s+(?:huyện|xã|đơn vị|tỉnh)", after, re.IGNORECASE):
        return "rank_scope"
    # "Trong 19 xã, thị trấn, xã Hồng Phong … cao nhất huyện": how many communes the superlative ranks
    if re.search(r"(?:^|[.:;,]\s*|\n\s*)trong(?:\s+(?:số|tổng số))?$", low_before) and re.match(
            r"^\s+xã\b", after, re.IGNORECASE) and re.search(r"\b(?:cao|thấp) nhất\b", text[m.end:m.end + 200]):
        return "rank_scope"
    # Document numbers: "1556-QĐ/TU", "15/CTr-UBND", "116/2016/NĐ-CP", "Số: /TB".
    if _DOC_AFTER.match(after) and not re.match(r"^\s?[-–]\s?\d", after) and not re.search(
            r"tiêu\s+chí(?:\s+số)?\s*$", low_before):  # "Tiêu chí số 10 - Thu nhập" names a criterion
        return "document_number"
    if re.search(r"(?:Quyết định|Nghị quyết|Chỉ thị|Thông báo|Kết luận|Công văn|Báo cáo|Nghị định|Thông tư|Kế hoạch|"
                 r"Chương trình|Giấy mời|Quy định|Hướng dẫn|Luật|Tờ trình|Đề án|Công điện|Văn bản|Thông tri|Quy chế|"
                 r"Điều lệ|Pháp lệnh|Lệnh)\s+số\s*$", before, re.I):
        return "document_number"
    if not _YEAR.match(token) and re.search(r"\b(?:Quyết định|Nghị quyết|Chỉ thị|Nghị định|Thông tư|Công văn|"
                                            r"Kết luận|Công điện|Tờ trình|Luật)\s*$", before):
        return "document_number"  # "Quyết định 1642", written without "số"
    # Dates of legal references: "Quyết định số 1556-QĐ/TU, ngày 09/01/2024", "ngày 18/01/2024 của Quốc hội".
    if _DATE.match(token) or _SHORT_DATE.match(token):
        if re.search(r"\d+\s?[-/]\s?[A-ZĐ][A-Za-zĐđ\-/]*[,]?\s*(?:ngày)?\s*$", before) or re.search(
                r"[A-ZĐ]{2,}[-/][A-ZĐ]+\s*\d*[,]?\s*(?:ngày)?\s*$", before):
            return "legal_date"
        if re.match(r"^\s*(?:của|về việc|về|ban hành|V/v)\b", after):
            return "legal_date"
        if re.search(r"\(\s*$", before) and re.match(r"^\s*[-–]\s*\d", after):
            return "anniversary" if "kỷ niệm" in low_before[-60:] or "năm" in low_before[-20:] else None
    reason = _short_date(text, m, before, after)
    if reason and ("." in token or re.match(r"^\s?-\s?\d", after) or re.search(r"\d\s?-$", before)):
        return reason  # "31.8.2024", "tháng 6.2018", "5-2023": never a figure's notation
    if re.search(r"/[A-ZĐ]+(?:-[A-ZĐ]+)*$", before_raw + "") or re.search(r"/[A-ZĐ-]*[A-ZĐ]$", before[-12:]):
        return "document_number"  # "111/2024/QH15", "406/GM-ĐKT1"
    # Footnote markers glued to a word: "tích cực1", "KT-XH2", "ổn định4", "tỉnh6 ,".
    if re.search(rf"[{_LETTER})\]]\Z", before_raw) and len(token) <= 2 and not re.match(rf"^[{_LETTER}]", after) \
            and not re.search(r"(?:Km|km|QL|ĐT|DT|Quốc lộ|thứ|số)$", before_raw.strip()):
        return "footnote_marker"
    # Road codes and kilometre posts: "ĐT.226", "Km105+00", "Quốc lộ 3B".
    if re.search(r"(?:ĐT|QL|DT|TL)\.?\s?$", before) or re.search(r"Km\s?$", before_raw) or after.startswith("+") \
            or re.search(r"(?:quốc lộ|tỉnh lộ|huyện lộ)\s*\.?$", low_before) \
            or re.match(r"^[A-Z]\b", after) or re.search(r"Km\d*\+$", before):
        return "code"
    # Page numbers ("- 2 -", a number alone on its line) and footnote texts ("1 Tổng thu …").
    raw_prefix = _line_prefix(text, m.start)
    reason = None if "#" in raw_prefix else _line_layout(text, m, after)
    if reason:
        return reason
    # The row number of a table row read as "1 | Tỷ lệ che phủ rừng | % | 63,5" (documents/text.py).
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*\.?", token) and not raw_prefix.strip() and after.startswith(" | "):
        return "list_numbering"
    # List numbering at the start of a line: "1.", "2.1.", "a)", "(1)", "1.2 Đối với", "**3.**".
    prefix = raw_prefix.strip(" \t#*>-")
    if prefix in ("", "(") and re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", token) and (
            re.match(r"^(?:\.\d+)*\.?\**\s|^\)|^\.\s*$|^\.\s", after + " ") and (
                "." in token or re.match(r"^[.)*]", after) or "#" in raw_prefix or prefix == "(")):
        return "list_numbering"
    # "tích cực (2), huyện": a footnote marker in brackets after a word, not an enumeration "(1) …, (2) …"
    if re.search(rf"[{_LETTER}\"”’]\s*\(\s*$", before) and re.match(r"^\s*\)", after) and token.isdigit() \
            and len(token) <= 2 and not _enumerated(text, m):
        return "footnote_marker"
    if re.search(r"\(\s*$", before) and re.match(r"^\s*\)", after) and len(token) <= 2:
        return "list_numbering"
    # Project numbers and phases inside names: "Dự án 1.", "Tiểu dự án 1, dự án 4", "giai đoạn 2", "số 1".
    if re.search(r"(?:tiểu\s+)?dự án\s*$", low_before) and re.match(r"^\s*[.,:]", after):
        return "part_of_name"
    if re.search(r"giai đoạn\s*$", low_before) and len(token) == 1:
        return "part_of_name"
    if re.search(r"\b(?:cầu|tổ|khu|trạm)\s+[^\s]+(?:\s+[^\s]+)?\s+số\s*$", low_before):
        return "part_of_name"
    if re.search(r"(?:\bbão|áp thấp nhiệt đới)\s+số\s*$", low_before):
        return "part_of_name"  # "cơn bão số 9": a storm's name
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
    if re.search(r"(?:k[ỳì] họp thứ|k[ỳì] thứ|phiên họp thứ|phiên thứ|hội nghị thứ|lần thứ|\blần|khóa|khoá|"
                 r"đoàn kiểm tra số|tổ công tác số|đợt)\s*$", low_before):
        return "ordinal"
    if re.search(r"(?:đoàn kiểm tra|trưởng đoàn kiểm tra)\s+số\s*$", low_before):
        return "ordinal"
    # Periods: "giai đoạn 2021-2025", "năm học 2024-2025", "2020 - 2030", "(27/7/1947-27/7/2024)".
    if re.match(r"^\s?[-–—]\s?\d{4}", after) and _YEAR.match(token):
        return "period_name"
    if re.search(r"\d{4}\s?[-–—]\s?$", before) and _YEAR.match(token):
        return "period_name"
    if _YEAR.match(token) and (re.search(r"(?:giai đoạn|thời kỳ)\s+\d{4}\s+(?:đến|tới)$", low_before)
                               or re.search(r"(?:giai đoạn|thời kỳ)$", low_before)
                               and re.match(r"^\s+(?:đến|tới)\s+(?:năm\s+)?\d{4}", after)):
        return "period_name"  # "giai đoạn 2021 đến 2025"
    if re.search(r"\d{1,2}/\d{1,2}/\d{4}\s?[-–]\s?$", before) or re.match(r"^\s?[-–]\s?\d{1,2}/\d{1,2}/\d{4}", after):
        return "anniversary" if "kỷ niệm" in low_before or "thương binh" in low_before else "event_date"
    if _YEAR.match(token) and re.search(r"(?:năm|từ năm|sang năm|đến năm|tầm nhìn đến năm)\s*$", low_before):
        return "year"
    if _YEAR.match(token) and re.search(r"năm \d{4},\s*$", low_before):
        return "year"
    return reason_date if (reason_date := _short_date(text, m, before, after)) else None


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
