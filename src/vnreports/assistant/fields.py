"""Guessing a candidate's fields from its sentence: place, programme and metric by rule, as-of date."""

from __future__ import annotations

import re
from decimal import Decimal

from vnreports.assistant.candidates import _PROVINCE_AVG, places_in
from vnreports.notation.dates import DateParseError, find_date

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



def _guess_place(text: str, pos: int, sentence: tuple[int, int], default_district: str | None):
    before = text[sentence[0] : pos]
    after = text[pos : min(sentence[1], pos + 60)]
    own = re.split(r"[;)]", before)[-1][-80:]  # "… bình quân chung của tỉnh (33,9%); trong đó … 58,16": not the average
    if _PROVINCE_AVG.search(own) or _PROVINCE_AVG.search(after[:40]):
        return "", "", 0.7, "cấp tỉnh (bình quân toàn tỉnh)"
    places = [p for p in places_in(before) if ";" not in before[p.end():]]  # a place named in this clause
    communes = [p for p in places if p.group(1).lower() in ("xã", "thị trấn", "phường")]
    listed = len(communes) >= 2 and communes[-2].group(2) != communes[-1].group(2) and not re.search(
        r"\d", before[communes[-2].end():communes[-1].start()])
    counted = bool(communes) and re.search(r"\d+\s*xã\s*(?:và|,)\s*$", before[:communes[-1].start()])  # "19 xã và
    # thị trấn Thất Khê, trong đó … 46 thôn": the commune completes an area, the figure is the district's
    if listed or counted or re.search(r"\bcác (?:xã|thị trấn)\b", before, re.IGNORECASE):
        # several communes named together ("các xã …", "(xã Quang Lang, thị trấn Đồng Mỏ)"): the district's figure
        places = [p for p in places if p.group(1).lower() not in ("xã", "thị trấn", "phường")]
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
        earlier = [p for p in places_in(text[max(0, sentence[0] - 1500) : pos])
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


_SUBJECT_COMMUNE = re.compile(r"^\W*(?:[a-zđ]\)\s*|\d+[.)]\s*)?(?:Đối với\s+)?(?:UBND\s+)?[Xx]ã\s+")
_THE_COMMUNE = re.compile(r"\b(?:của|trong|cho|tại|toàn)\s+xã\b(?:\s+(\w))?|^\W*[Xx]ã\s+(?:còn|đạt|có|đã)\b")


def _refers_to_the_commune(before: str) -> bool:
    """"của xã", "xã còn": the commune spoken of, not one named ("của xã Hữu Lân" names it)."""
    return any(m.group(1) is None or not m.group(1).isupper() for m in _THE_COMMUNE.finditer(before))
_COMMUNE_HEADING = re.compile(r"^\W*(?:[\divx]+[.)]\s*)?Đối với\s+(?:UBND\s+)?xã\s+", re.IGNORECASE)


def commune_in_context(text: str, pos: int, sentence: tuple[int, int], section: str, section_start: int | None) -> str:
    """The commune a figure is about when its clause names none: the commune opening its sentence ("Xã Cường Lợi
    … ; còn 02 tiêu chí …"), the one "của xã" / "xã còn" refers back to, or a section "Đối với UBND xã Minh Tân"."""
    before = text[sentence[0]:pos]
    for opening in [re.split(r"[;:]", before)[-1], before]:  # the commune opening its clause, else its sentence
        named = [p for p in places_in(opening) if p.group(1).lower() == "xã"]
        if named and _SUBJECT_COMMUNE.match(opening) and named[0].start() < 25 and len({p.group(2) for p in named}) == 1:
            return named[0].group(2)
    if _refers_to_the_commune(before):
        start = section_start if section_start is not None else max(0, sentence[0] - 1500)
        earlier = [p for p in places_in(text[start:sentence[0]]) if p.group(1).lower() == "xã"]
        if earlier:
            return earlier[-1].group(2)
    if _COMMUNE_HEADING.match(section):
        heading = [p for p in places_in(section) if p.group(1).lower() == "xã"]
        if len(heading) == 1 and not places_in(before):
            return heading[0].group(2)
    return ""


def communes_ranked(text: str, pos: int, sentence: tuple[int, int], communes_in_district: int) -> int | None:
    """How many communes a superlative among the district's communes ranks ("thấp nhất huyện"): the scope the
    sentence gives ("Trong 19 xã, thị trấn"), else the communes of the last "N/M xã" before it (NTM: "9/18 xã"),
    else the district's communes (GSO); None when not among communes."""
    scope = re.search(r"\btrong(?:\s+(?:số|tổng số))?\s+(\d+)\s+xã\b", text[sentence[0]:pos], re.IGNORECASE)
    if scope:
        return int(scope.group(1))
    shares = re.findall(r"\b\d+/(\d+)\s+xã\b", text[max(0, pos - 4000):pos])
    if shares:
        return int(shares[-1])
    return communes_in_district or None


def spelt_commune(commune: str, row_label: str | None, names: tuple[str, ...]) -> str:
    """The commune as the district's list spells it (add.commune_spellings): "xã Đình Lập" where a town shares the
    name; with no commune named, a table row labelled by one of the district's communes ("2 | Thái Bình | 15 | …")."""
    if not names:
        return commune
    if commune and commune not in names and f"xã {commune}" in names:
        return f"xã {commune}"
    if commune or not row_label:
        return commune
    label = " ".join(row_label.split())
    bare = re.sub(r"^xã\s+", "", label, flags=re.IGNORECASE)
    for name in (bare, f"xã {bare}", label[:1].lower() + label[1:]):
        if name in names:
            return name
    return ""
