"""Finding figure candidates in a report's text: each number as written, with its prefix, unit or noun."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnreports.documents.text import is_table_row
from vnreports.notation.letters import UPPER
from vnreports.notation.mentions import Mention, classify, find_mentions
from vnreports.notation.numbers import ParseError, read_figure
from vnreports.notation.ranks import find_word_ranks

_PREFIXES = [
    (re.compile(r"(?:đứng\s+|xếp\s+)?(?:thứ|xếp\s+hạng|vị\s+trí|hạng)\s+$", re.I), "rank"),
    (re.compile(r"tiêu\s+chí\s+(?:số\s+)?$", re.I), "criterion"),
    (re.compile(r"(?:hơn|trên|tối\s+thiểu|ít\s+nhất|khoảng|gần|ước|dưới)\s+$", re.I), "qualifier"),
]
_COUNT_NOUNS = [
    "công trình, dự án", "công trình", "dự án", "hộ gia đình", "hộ", "người", "lao động", "học viên", "học sinh",
    "xã", "thôn", "bản", "văn bản", "kế hoạch", "nhiệm vụ", "chỉ tiêu", "hồ sơ", "trạm y tế", "cầu", "tuyến đường",
    "tuyến", "nhà văn hóa", "nhà văn hoá", "khu dân cư", "con", "vụ", "đối tượng", "bị can", "ca", "lượt",
    "trường hợp", "mô hình", "hợp tác xã", "doanh nghiệp", "cơ sở", "trường", "phòng học", "căn nhà", "nhà",
    "km", "đơn vị", "sản phẩm", "chương trình", "danh mục công trình", "tiêu chí", "lớp", "cuộc",
    "ngày công", "căn", "thẻ", "giường bệnh", "bác sĩ", "nhóm nhiệm vụ", "nhà văn hóa thôn", "trạm y tế xã",
    "tuyến đường xã", "lượt khách", "giấy chứng nhận", "liều", "điểm", "bậc", "thành viên", "tân binh",
    "lô", "đội", "lượt người", "lượt cán bộ",  # "46 lô đất" counts lô, "05 đội văn nghệ" đội (rounds 5–9)
]
COUNT_NOUNS = frozenset(_COUNT_NOUNS)
_NOUN_RE = re.compile(r"^\s?(" + "|".join(re.escape(n).replace(r"\ ", r"\s+")  # a noun may wrap ("khu\ndân cư")
                                          for n in sorted(_COUNT_NOUNS, key=len, reverse=True)) + r")(?![\wÀ-ỹ])", re.I)
_DEADLINE_BEFORE = re.compile(r"(?:đến hết|trước|chậm nhất|hạn|hoàn thành(?:\s+\w+){0,3}|trong)\s+(?:ngày|tháng)?\s*$",
                              re.I)
_TARGET_WORDS = re.compile(r"phấn đấu|yêu cầu|chỉ tiêu|tối thiểu|đảm bảo|bảo đảm|mục tiêu|kế hoạch đề ra|"
                           r"đề nghị|cần|phải|khẩn trương|gửi về|hoàn thành|hoàn thiện|\bgiao\b|tham mưu|chủ trì|"
                           r"tập trung|huy động|chỉ đạo", re.I)  # a task: "Giao Sở Tài chính … trước ngày 15/7/2025"
_FORECAST_WORDS = re.compile(r"\bước\b|dự kiến|dự báo", re.I)
_PLACE_WORD = r"(?:[" + UPPER + r"][^\W\d_]*)"
_PLACE_RE = re.compile(r"\b((?i:huyện|thành phố|thị xã|xã|thị trấn|phường))[ \t]+(" + _PLACE_WORD + r"(?:[ \t]+"
                       + _PLACE_WORD + r"){0,2})")


def places_in(text: str):
    """Place mentions whose name is written like a name (no acronyms such as "DDCI")."""
    return [p for p in _PLACE_RE.finditer(text) if not any(len(w) > 1 and w.isupper() for w in p.group(2).split())]
_PROVINCE_AVG = re.compile(r"bình quân (?:chung )?(?:của )?(?:toàn )?tỉnh|toàn tỉnh|trung bình (?:của )?tỉnh", re.I)



@dataclass
class Candidate:
    start: int
    end: int
    number_text: str
    kind: str
    reading: object | None


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at '.', ';', '!' or '?' followed by whitespace and an upper-case letter,
    a dash or a bullet, and at blank lines before a list item or heading (reports often break lines,
    and even leave blank lines, in the middle of a sentence)."""
    spans, start = [], 0
    for m in re.finditer(r"[.;!?](?=\s+[" + UPPER + r"\-–•*+(])|\n\s*\n(?=\s*(?:[-–•*+#]|\d+\.|\(\d+\)|[a-zđ]\)|[IVX]+\.))"
                         r"|[.;!?:](?=[ \t]*\n\s*(?:[a-zđ]\)|\(\d+\))\s)", text):  # "… 63,5 %.\nb) Thu, chi ngân sách",
        # "… cụ thể:\n(1) Đường giao thông …": a numbered item is a sentence of its own
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:  # a table row (cells joined by ' | ') is a sentence of its own
        cut = a
        for m in re.finditer(r"\n", text[a:b]):
            nl = a + m.start()
            prev_line = text[text.rfind("\n", 0, nl) + 1:nl]
            next_end = text.find("\n", nl + 1)
            next_line = text[nl + 1:len(text) if next_end < 0 else next_end]
            if is_table_row(prev_line) or is_table_row(next_line):
                out.append((cut, nl))
                cut = nl + 1
        out.append((cut, b))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _expand(text: str, m: Mention) -> Candidate | None:
    """The number as written with its prefix and unit; None when it is no figure."""
    start, end = m.start, m.end
    before = text[max(0, start - 30) : start]
    kind = None
    for pattern, k in _PREFIXES:
        hit = pattern.search(before)
        if hit:
            start -= len(before) - hit.start()
            kind = k
            break
    listed = re.search(r"(?:[,:;]|\bvà|\blà|\bgồm)\s*(số\s+)$", before) if kind is None else None
    if listed and re.search(r"tiêu\s+chí", text[max(0, start - 200):start], re.I) and \
            not re.match(r"[/\d]", text[end:end + 1]):  # "còn 4 tiêu chí chưa đạt: số 2 (…), số 6 (…) và số 18"
        start -= len(listed.group(1))
        kind = "criterion"
    after = text[end : end + 60]
    if re.fullmatch(r"(19|20)\d{2}", m.text):  # "hoàn thiện hồ sơ … trong quý III/2025": a quarter's deadline
        quarter = re.search(r"(?:trong|trước|đến hết|chậm nhất(?: trong)?)\s+(quý\s+[IV]+\s*/\s*)$",
                            text[max(0, m.start - 40):m.start], re.I)
        sentence = text[max(0, m.start - 250):m.start]
        if quarter and _TARGET_WORDS.search(sentence[max(sentence.rfind(". "), sentence.rfind("\n\n")) + 1:]):
            s = m.start - len(quarter.group(1))
            return Candidate(s, m.end, text[s : m.end], "date", None)
    if text[max(0, m.start - 1) : m.start] == "/":
        return None  # "12,5 tiêu chí/01 xã": the "per" part of a unit
    sentence_before = text[max(0, m.start - 250) : m.start]
    sentence_before = sentence_before[max(sentence_before.rfind(". "), sentence_before.rfind("\n\n")) + 1 :]
    if re.fullmatch(r"\d{1,2}/\d{4}", m.text):
        hit = re.search(r"tháng\s+$", text[max(0, m.start - 10) : m.start])
        if hit and _TARGET_WORDS.search(sentence_before) or hit and re.search(r"(?:chậm nhất|hoàn thành|trước)", sentence_before):
            s = m.start - len(hit.group())
            return Candidate(s, m.end, text[s : m.end], "date", None)
        return None
    if _DATE_RE.fullmatch(m.text):
        if _DEADLINE_BEFORE.search(text[max(0, m.start - 40) : m.start]) and _TARGET_WORDS.search(sentence_before):
            hit = re.search(r"(?:ngày\s+)$", text[max(0, m.start - 10) : m.start])
            s = m.start - (len(hit.group()) if hit else 0)
            return Candidate(s, m.end, text[s : m.end], "date", None)
        return None
    if re.fullmatch(r"(19|20)\d{2}", m.text):
        pre = text[max(0, m.start - 200) : m.start]
        # only the year a commune is to reach the new-rural standard: "phấn đấu đạt chuẩn nông thôn mới năm 2025"
        if re.search(r"năm\s+$", pre) and re.search(r"đạt chuẩn (?:nông thôn mới|NTM)(?: nâng cao| kiểu mẫu)?\s+năm\s+$",
                                                     pre, re.I):
            s = m.start - len(re.search(r"năm\s+$", pre).group())
            return Candidate(s, m.end, text[s : m.end], "year", None)
        return None
    from vnreports.notation.numbers import _match_unit  # the parser's own unit table

    if re.fullmatch(r"\d{1,2}", m.text) and re.search(r"\btháng\s+$", text[max(0, m.start - 8):m.start]) \
            and not after.startswith("/"):
        return None  # a month named without its year ("Cơn bão số 3 đầu tháng 9 làm 2 người bị thương")
    if _in_table_cell(text, m):  # a bare number in a table: its unit is in its column or row (tables.py)
        try:
            return Candidate(m.start, m.end, m.text, "cell", read_figure(m.text))
        except ParseError:
            return None
    unit, used = _match_unit(after)
    if unit is None:
        frac = re.match(r"^\s*/\s*\d+(?:[.,]\d+)*", after)
        if frac:
            used = frac.end()
            unit2, used2 = _match_unit(after[used:])
            if unit2:
                used += used2
            else:
                noun = _NOUN_RE.match(after[used:])
                used += noun.end() if noun else 0
        else:
            if re.match(r"^\s?(?:tháng|năm|ngày(?!\s+công)|giờ|phút|tuổi)\b", after):  # "ngày công": workdays
                return None  # durations and ages ("03 tháng", "5 năm")
            noun = _NOUN_RE.match(after)
            mult = re.match(r"^\s?(?:nghìn|ngàn|triệu|vạn)(?=\s)", after)
            counted = _NOUN_RE.match(after[mult.end():]) if mult and not noun else None
            if noun:
                used = noun.end()
            elif counted:  # "1,35 triệu lượt khách": a multiplier and the whole count noun
                used = mult.end() + counted.end()
            elif kind not in ("rank", "criterion"):
                word = re.match(r"^\s?([a-zà-ỹđ]+(?:\s[a-zà-ỹđ]+)?)", after)
                if not word or word.group(1).split()[0] in _FUNCTION_WORDS:
                    return None
                used = word.end()
                kind = kind or "count?"
    else:
        frac = re.match(r"^\s*/\s*\d+(?:[.,]\d+)*", after[used:])
        if frac:
            used += frac.end()
            unit2, used2 = _match_unit(after[used:])
            used += used2
    end = m.end + used
    number_text = text[start:end].strip()
    number_text = " ".join(number_text.split())
    try:
        reading = read_figure(number_text)
    except ParseError:
        return None
    return Candidate(start, end, number_text, kind or reading.kind, reading)


def _in_table_cell(text: str, m: Mention) -> bool:
    """The mention is a whole cell of a table row (cells joined by ' | ' or tabs, see documents/text.py)."""
    from vnreports.documents.text import cell_index, is_table_row, row_cells

    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    if not is_table_row(line):
        return False
    cells = row_cells(line)
    index = cell_index(line, m.start - line_start)
    return index < len(cells) and cells[index].strip() == m.text.strip()


_DATE_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
_FUNCTION_WORDS = {"với", "và", "của", "là", "đã", "được", "trong", "tại", "theo", "cho", "để", "các", "những", "đến",
                   "từ", "so", "về", "thì", "trên", "dưới", "có", "đạt", "bằng", "năm", "tháng", "ngày", "như", "nhưng",
                   "hoặc", "này", "đó", "khi", "sẽ", "đang", "chưa", "còn", "mới", "gồm", "trở", "lên", "trước", "sau"}


_AMONG_COMMUNES = re.compile(r"\s*(?:\(\s*\d[^)]*\)\s*,?\s*)?(?:của\s+|trong\s+|toàn\s+)?huyện\b|\s*trong số các xã")


def _superlatives(text: str) -> list[Candidate]:
    out = []
    for m in re.finditer(r"\b(cao|thấp|nhiều) nhất\b", text):
        window = text[max(0, m.start() - 160) : m.start()].lower()
        scope = text[m.end() : m.end() + 30].lower()
        if m.group(1) == "nhiều" and not re.match(r"\s*là\s+(?:huyện\s+)?[" + UPPER + r"]", text[m.end():m.end() + 30]):
            continue  # "nhiều nhất là Bắc Sơn …": the most, naming who
        if re.search(r"tỷ lệ|giải ngân|xếp|đứng|kết quả|thu ngân sách|các huyện|các xã", window) and re.search(
                r"trong tỉnh|toàn tỉnh|của tỉnh|cả tỉnh|các huyện|trong khu vực|cả nước|là\s|trong \d+ (?:huyện|xã)|"
                r"trong (?:các|số các) (?:huyện|xã)|^\s*\(\s*\d", scope) or (
                _AMONG_COMMUNES.match(scope) and re.search(r"\bxã\s+\S", window)):  # "xã X … thấp nhất huyện"
            out.append(Candidate(m.start(), m.end(), m.group(), "superlative", read_figure(m.group())))
    return out




_RANGE_START = re.compile(r"(?:từ\s+)?(\d+(?:[.,]\d+)?)\s*(?:%\s*)?(?:-|–|đến)\s*$")


def _join_range(text: str, c: Candidate, all_: list[Candidate]) -> Candidate | None:
    """"14 - 16 tiêu chí", "7 - 7,5%", "từ 60 đến 90%": one range figure, not a lone second number. The first
    number's own candidate (if any) is dropped by returning None for it."""
    m = _RANGE_START.search(text[max(0, c.start - 24):c.start])
    if not m or c.kind in ("date", "year", "rank", "superlative"):
        for o in all_:  # c is the first number of a range that a later candidate takes
            if o is not c and o.start > c.start and _RANGE_START.search(text[max(0, o.start - 24):o.start]) and \
                    text[c.start:o.start].strip().rstrip("%").strip().endswith(("-", "–", "đến")) and \
                    o.start - c.end < 8:
                return None
        return c
    start = c.start - (len(text[max(0, c.start - 24):c.start]) - m.start())
    number_text = " ".join(text[start:c.end].split())
    try:
        reading = read_figure(number_text)
    except ParseError:
        return c
    return Candidate(start, c.end, number_text, "range", reading) if reading.kind == "range" else c


def find_candidates(text: str) -> list[Candidate]:
    """Every figure candidate in `text` (NFC), in order of position."""
    candidates: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for m in find_mentions(text):
        if any(a <= m.start < b for a, b in taken):
            continue
        is_year = re.fullmatch(r"(19|20)\d{2}", m.text) is not None
        if classify(text, m) and not (is_year and classify(text, m) in ("year", "period_name")):
            continue
        cand = _expand(text, m)
        if cand is None:
            continue
        candidates.append(cand)
        taken.append((cand.start, cand.end))
    for c in list(candidates):
        r = c.reading
        if r is not None and r.kind == "ratio" and r.unit in ("đồng", "nghìn đồng", "triệu đồng", "tỷ đồng", "ha", "tấn",
                                                             "km", "m2", "m3", "kg"):
            slash = c.number_text.find("/")
            den_text = c.number_text[slash + 1 :].strip()
            if not re.search(r"[a-zà-ỹđ]", den_text):
                den_text += " " + r.unit
            den_start = text.find(c.number_text[slash + 1 :].strip(), c.start)
            try:
                candidates.append(Candidate(den_start, den_start + len(den_text), den_text, "plan", read_figure(den_text)))
            except ParseError:
                pass
    candidates = [_join_range(text, c, candidates) for c in candidates]
    candidates = [c for c in candidates if c is not None]
    candidates += [c for c in _superlatives(text) if not any(a <= c.start < b for a, b in taken)]
    for r in find_word_ranks(text):  # "xếp thứ hai", "đứng thứ ba/11"
        if not any(a <= r.start < b or r.start <= a < r.end for a, b in taken):
            try:
                candidates.append(Candidate(r.start, r.end, r.text, "rank", read_figure(r.text)))
            except ParseError:
                pass
    candidates.sort(key=lambda c: c.start)
    return candidates
