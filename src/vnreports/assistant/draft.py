"""Extraction assistant: a draft transcription of a new report, for an analyst to review.

`vnreports extract FILE --out draft.csv` reads plain text, .docx or .pdf (text layer), finds the
figures (money with its unit, percentages, "N/M tiêu chí", ranks, superlatives, counts with
their noun, areas, weights, deadline dates, target years), and writes rows in the project's
transcription format plus a `confidence` column. Numbers that are not figures (document numbers,
dates of legal references, footnote markers, list numbering …; see `mentions.classify`) are left
out. Ambiguous notation ("9,142 triệu đồng") is marked in `reading_note` and its value left empty:
the analyst decides. The draft's place, programme and metric are guesses with a confidence.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from vnreports.notation.dates import DateParseError, find_date
from vnreports.notation.mentions import Mention, classify, find_mentions
from vnreports.notation.numbers import ParseError, read_figure
from vnreports.raw.schema import FIGURE_COLUMNS

DRAFT_COLUMNS = FIGURE_COLUMNS + ["confidence"]


# -- finding figures ---------------------------------------------------------------------------

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
]
_NOUN_RE = re.compile(r"^\s?(" + "|".join(re.escape(n) for n in sorted(_COUNT_NOUNS, key=len, reverse=True))
                      + r")(?![\wÀ-ỹ])", re.I)
_DEADLINE_BEFORE = re.compile(r"(?:đến hết|trước|chậm nhất|hạn|hoàn thành(?:\s+\w+){0,3}|trong)\s+(?:ngày|tháng)?\s*$",
                              re.I)
_TARGET_WORDS = re.compile(r"phấn đấu|yêu cầu|chỉ tiêu|tối thiểu|đảm bảo|bảo đảm|mục tiêu|kế hoạch đề ra|"
                           r"đề nghị|cần|phải", re.I)
_FORECAST_WORDS = re.compile(r"\bước\b|dự kiến|dự báo", re.I)
_PLACE_WORD = r"(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ][^\W\d_]*)"
_PLACE_RE = re.compile(r"\b((?i:huyện|thành phố|thị xã|xã|thị trấn|phường))[ \t]+(" + _PLACE_WORD + r"(?:[ \t]+"
                       + _PLACE_WORD + r"){0,2})")


def _places(text: str):
    """Place mentions whose name is written like a name (no acronyms such as "DDCI")."""
    return [p for p in _PLACE_RE.finditer(text) if not any(len(w) > 1 and w.isupper() for w in p.group(2).split())]
_PROVINCE_AVG = re.compile(r"bình quân (?:chung )?(?:của )?(?:toàn )?tỉnh|toàn tỉnh|trung bình (?:của )?tỉnh", re.I)

PROGRAMME_RULES = [
    (r"nông thôn mới|\bNTM\b", "ntm"), (r"giảm nghèo", "gnbv"),
    (r"dân tộc thiểu số|DTTS", "dtts"), (r"phục hồi", "phuc_hoi"),
    (r"mục tiêu quốc gia|\bMTQG\b|CTMTQG", "ctmtqg"), (r"đầu tư công", "dtc"),
    (r"thu ngân sách|tổng thu", "nsnn_thu"), (r"chi ngân sách|tổng chi", "nsnn_chi"),
    (r"cải cách hành chính|thủ tục hành chính|DDCI|PCI|PAR", "cchc"),
    (r"đất đai|quyền sử dụng đất", "dat_dai"), (r"chăn nuôi|dịch tả|gia súc|gia cầm|lợn", "chan_nuoi"),
    (r"lúa|trồng|cây|rừng|sản lượng|nông nghiệp", "nong_nghiep"),
    (r"tội phạm|an ninh|giao thông|tai nạn|vi phạm", "an_ninh"),
    (r"cầu dân sinh|đường giao thông nông thôn|nhà văn hóa", "ha_tang"),
]


@dataclass
class Candidate:
    start: int
    end: int
    number_text: str
    kind: str
    reading: object | None


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at '.', ';', '!' or '?' followed by whitespace and an upper-case letter,
    a dash or a bullet, and at blank lines before a list item or heading (reports often break lines,
    and even leave blank lines, in the middle of a sentence)."""
    spans, start = [], 0
    for m in re.finditer(r"[.;!?](?=\s+[A-ZĐÀ-Ỹ\-–•*+(])|\n\s*\n(?=\s*(?:[-–•*+#]|\d+\.|[a-zđ]\)|[IVX]+\.))",
                         text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


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
    after = text[end : end + 60]
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
        if re.search(r"năm\s+$", pre) and re.search(r"(đạt chuẩn|phấn đấu|về đích|hoàn thành)[^.;]*$", pre, re.I):
            s = m.start - len(re.search(r"năm\s+$", pre).group())
            return Candidate(s, m.end, text[s : m.end], "year", None)
        return None
    from vnreports.notation.numbers import _match_unit  # the parser's own unit table

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
            if re.match(r"^\s?(?:tháng|năm|ngày|giờ|phút|tuổi)\b", after):
                return None  # durations and ages ("03 tháng", "5 năm")
            noun = _NOUN_RE.match(after)
            if noun:
                used = noun.end()
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


_DATE_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
_FUNCTION_WORDS = {"với", "và", "của", "là", "đã", "được", "trong", "tại", "theo", "cho", "để", "các", "những", "đến",
                   "từ", "so", "về", "thì", "trên", "dưới", "có", "đạt", "bằng", "năm", "tháng", "ngày", "như", "nhưng",
                   "hoặc", "này", "đó", "khi", "sẽ", "đang", "chưa", "còn", "mới", "gồm", "trở", "lên"}


def _superlatives(text: str) -> list[Candidate]:
    out = []
    for m in re.finditer(r"\b(cao|thấp) nhất\b", text):
        window = text[max(0, m.start() - 160) : m.start()].lower()
        scope = text[m.end() : m.end() + 30].lower()
        if re.search(r"tỷ lệ|giải ngân|xếp|đứng|kết quả|thu ngân sách", window) and re.search(
                r"trong tỉnh|toàn tỉnh|của tỉnh|cả tỉnh|các huyện|trong khu vực|cả nước", scope):
            out.append(Candidate(m.start(), m.end(), m.group(), "superlative", read_figure(m.group())))
    return out


def _guess_place(text: str, pos: int, sentence: tuple[int, int], default_district: str | None):
    before = text[sentence[0] : pos]
    after = text[pos : min(sentence[1], pos + 60)]
    if _PROVINCE_AVG.search(before[-80:]) or _PROVINCE_AVG.search(after[:40]):
        return "", "", 0.7, "cấp tỉnh (bình quân toàn tỉnh)"
    places = _places(before)
    district = commune = ""
    conf, why = 0.6, "huyện chính của báo cáo"
    for p in reversed(places):
        kind, name = p.group(1).lower(), p.group(2)
        if kind in ("xã", "thị trấn", "phường") and not commune and not district:
            commune = name if kind == "xã" else f"{kind} {name}"
        elif kind in ("huyện", "thành phố", "thị xã") and not district:
            district = name
    if commune or district:
        conf, why = 0.8, "tên địa danh trong cùng câu"
    if commune and not district:
        earlier = [p for p in _places(text[max(0, sentence[0] - 1500) : pos])
                   if p.group(1).lower() in ("huyện", "thành phố", "thị xã")]
        district = earlier[-1].group(2) if earlier else (default_district or "")
    if not district:
        district = default_district or ""
    return district, commune, conf, why


def _guess_programme(sentence_text: str, pos_in_sentence: int) -> tuple[str, float]:
    best, best_pos = "", -1
    for pattern, code in PROGRAMME_RULES:
        for m in re.finditer(pattern, sentence_text[: pos_in_sentence + 1]):
            if m.start() > best_pos:
                best, best_pos = code, m.start()
    if best:
        return best, 0.7
    for pattern, code in PROGRAMME_RULES:
        if re.search(pattern, sentence_text):
            return code, 0.5
    return "", 0.0


def _guess_metric(kind: str, unit: str | None, context: str) -> tuple[str, float]:
    c = context.lower()
    if kind in ("rank", "superlative"):
        if "giải ngân" in c:
            return "disbursement_rate", 0.7
        if "cải cách hành chính" in c:
            return "par_index", 0.6
        if "ddci" in c or "năng lực cạnh tranh" in c:
            return "ddci", 0.6
        return "", 0.0
    if kind == "criterion":
        return "ntm_unmet_criterion", 0.6
    if kind == "year":
        return ("ntm_target_year", 0.7) if "nông thôn mới" in c or "ntm" in c else ("", 0.0)
    if kind == "date":
        return "", 0.0
    if unit == "%":
        if "giải ngân" in c:
            return "disbursement_rate", 0.8
        if "cùng kỳ" in c:
            return ("budget_revenue_pct_same_period", 0.6) if "thu" in c else ("budget_expenditure_pct_same_period", 0.5)
        if "dự toán" in c:
            return ("budget_revenue_pct_province_estimate", 0.6) if "thu" in c else (
                "budget_expenditure_pct_province_estimate", 0.5)
        return "", 0.0
    if unit in ("đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"):
        if "giải ngân" in c:
            return "disbursed", 0.7
        if "kế hoạch vốn" in c or "phân bổ" in c:
            return "capital_plan", 0.6
        if "thu ngân sách" in c or "tổng thu" in c:
            return "budget_revenue", 0.7
        if "chi ngân sách" in c or "tổng chi" in c:
            return "budget_expenditure", 0.7
        return "", 0.0
    if unit in ("tiêu chí", "tiêu chí/xã"):
        if "kiểu mẫu" in c:
            return "ntm_model_village_criteria_met", 0.5
        if "chưa đạt" in c[-60:]:
            return "ntm_criteria_unmet", 0.6
        return ("ntm_criteria_avg", 0.6) if unit == "tiêu chí/xã" or "bình quân" in c else ("ntm_criteria_met", 0.7)
    if unit == "ha":
        return "crop_area", 0.5
    return "", 0.0


def _as_of(text: str, sentence: tuple[int, int], pos: int) -> tuple[str, str]:
    window = text[sentence[0] : pos]
    found = None
    for m in re.finditer(r"(?:tính\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}|ngày\s+\d{1,2}/\d{1,2}/\d{4}"
                         r"|\d+\s+tháng\s+(?:đầu\s+)?năm\s+\d{4}|quý\s+[IV]+\s*/\s*\d{4}", window):
        found = m
    if not found:
        return "", ""
    try:
        reading = find_date(found.group())
    except DateParseError:
        return "", ""
    if reading is None:
        return "", ""
    return reading.end.isoformat(), " ".join(found.group().split())


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def extract(text: str) -> list[dict[str, str]]:
    """Draft rows (transcription format + confidence) for every figure found in `text`."""
    text = unicodedata.normalize("NFC", text)
    sentences = _sentences(text)
    districts = [p.group(2) for p in _places(text) if p.group(1).lower() == "huyện"]
    default_district = max(set(districts), key=districts.count) if districts else None
    candidates: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for m in find_mentions(text):
        if any(a <= m.start < b for a, b in taken):
            continue
        is_year = re.fullmatch(r"(19|20)\d{2}", m.text) is not None
        if classify(text, m) and not (is_year and classify(text, m) == "year"):
            continue
        cand = _expand(text, m)
        if cand is None:
            continue
        candidates.append(cand)
        taken.append((cand.start, cand.end))
    for c in list(candidates):
        r = c.reading
        if r is not None and r.kind == "ratio" and r.unit in ("đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"):
            slash = c.number_text.find("/")
            den_text = c.number_text[slash + 1 :].strip()
            if not re.search(r"[a-zà-ỹđ]", den_text):
                den_text += " " + r.unit
            den_start = text.find(c.number_text[slash + 1 :].strip(), c.start)
            try:
                candidates.append(Candidate(den_start, den_start + len(den_text), den_text, "plan", read_figure(den_text)))
            except ParseError:
                pass
    candidates += [c for c in _superlatives(text) if not any(a <= c.start < b for a, b in taken)]
    candidates.sort(key=lambda c: c.start)

    rows = []
    for i, c in enumerate(candidates, start=1):
        sent = next(((a, b) for a, b in sentences if a <= c.start < b), (max(0, c.start - 200), c.end + 100))
        quote = " ".join(text[sent[0] : sent[1]].split())
        pos_in_sentence = len(" ".join(text[sent[0] : c.start].split()))
        context = " ".join(text[sent[0] : c.end].split())
        reading = c.reading
        district, commune, place_conf, place_why = _guess_place(text, c.start, sent, default_district)
        programme, prog_conf = _guess_programme(quote, pos_in_sentence)
        unit = None
        value = ""
        denominator = ""
        note = ""
        kind_conf = 0.9
        if c.kind == "date":
            dr = find_date(c.number_text)
            value, unit, kind_conf = (str(dr.end.year) if dr else ""), "năm", 0.8
        elif c.kind == "year":
            value, unit, kind_conf = c.number_text.split()[-1], "năm", 0.8
        elif reading is not None:
            unit = reading.unit or (reading.tail.split(",")[0].strip().lower() if reading.tail else "")
            if reading.kind in ("rank", "superlative"):
                unit = "thứ hạng"
            if reading.ambiguous:
                note = "CẦN ĐỌC LẠI (ambiguous): " + "; ".join(reading.reasons)
                kind_conf = 0.5
            elif reading.value is not None:
                value = _plain(reading.value)
            if reading.denominator_candidates and len(reading.denominator_candidates) == 1:
                denominator = _plain(reading.denominator_candidates[0])
            if c.kind == "count?":
                kind_conf = 0.5
            if reading.kind == "superlative":
                denominator = ""
        metric, metric_conf = _guess_metric(c.kind if c.kind in ("rank", "superlative", "criterion", "year", "date")
                                            else (reading.kind if reading else c.kind), unit, context)
        if c.kind == "plan":
            metric, metric_conf = "capital_plan", 0.7
        if c.kind == "date" and _TARGET_WORDS.search(context):
            metric, metric_conf = "", 0.0
        before = " ".join(text[sent[0] : c.start].split())
        figure_type = "forecast" if _FORECAST_WORDS.search(before[-60:]) else \
            "target" if (_TARGET_WORDS.search(before) or c.kind in ("date", "year")) else "actual"
        as_of, as_of_text = _as_of(text, sent, c.start)
        deadline = deadline_text = ""
        if figure_type == "target":
            dl = re.search(r"(?:đến hết|trước|trong)\s+(?:ngày\s+\d{1,2}/\d{1,2}/\d{4}|năm\s+\d{4}|tháng\s+\d{1,2}/\d{4})",
                           quote)
            if dl:
                try:
                    dr = find_date(dl.group())
                    deadline, deadline_text = (dr.end.isoformat(), dl.group()) if dr else ("", "")
                except DateParseError:
                    pass
        confidence = round(min(kind_conf, place_conf + 0.1, 0.5 + metric_conf / 2, 0.5 + prog_conf / 2), 2)
        rows.append({
            "figure_id": f"f{i:03d}", "district": district, "commune": commune, "programme": programme,
            "project": "", "metric": metric, "figure_type": figure_type, "number_text": c.number_text,
            "value": value, "unit": unit or "", "denominator": denominator, "as_of": as_of,
            "as_of_text": as_of_text, "deadline": deadline, "deadline_text": deadline_text, "part_of": "",
            "computed_from": "", "listed_items": "", "ranked_after": "", "reading_note": note,
            "note": f"nơi: {place_why}", "quote": quote, "confidence": f"{confidence:.2f}",
        })
    return rows


def write_draft(rows: list[dict[str, str]], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=DRAFT_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
