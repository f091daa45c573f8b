"""Choosing a figure's metric and programme: the words that name them, the headings above, the lexicon.

A phrase (assistant/phrases.py) nearest before the number in its sentence names the metric; the
unit must fit the metric (a percentage cannot be an amount), and a phrase naming a metric also names
the metrics of its family ("thu ngân sách" → budget_revenue, budget_revenue_pct_…). The programme
comes from the sentence and from the chain of headings above it, nearest first; the more specific of
two related programmes wins ("Nguồn thu tiền sử dụng đất" under "Vốn đầu tư công" is dtc_tsdd). The
lexicon's posterior breaks ties and decides when no phrase is found.
"""

from __future__ import annotations

import re

from vnreports.assistant.lexicon import syllables
from vnreports.assistant.metric_rules import COLLECTED
from vnreports.assistant.phrases import Phrases
from vnreports.notation.letters import UPPER

_HEADING = re.compile(r"^(?:(?P<roman>[IVX]+\.)|(?P<dotted>\d+\.\d+(?:\.\d+)*\.?)|(?P<arabic>\d+\.)|(?P<letter>[a-zđ]\)))"
                      r"\s+\S")
_NUMBER = re.compile(r"\d")
_AFTER_NUMBER = re.compile(r"(?<![\d.,/])(?<!năm )\d[\d.,/]*\s*$")  # a year ("năm 2025 vượt dự toán") counts nothing
_CLAUSE_END = re.compile(r"[,;.:(]")
_DECREASE = re.compile(r"\bgiảm(?:\s+(?:bình quân|được|thêm|mỗi năm))*\s*$", re.IGNORECASE)
_EMPH = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*)?(?:[-+•]\s*)?(?:\*\s+)?(?:\*\*|\*)[^*\s][^*]{2,}\*")  # "² - *Công tác …:*"


_RANK = {"lead": -1, "emph": 0, "letter": 1, "dotted": 2, "arabic": 3, "roman": 4}
_LEAD = re.compile(r"^[-+•]\s*(?P<lead>[^:;.]{4,120}):")


def _closes_list(text: str, start: int, pos: int) -> bool:
    """The bullet paragraph at `start` ends with a full stop before `pos`, in a paragraph of its own (paragraphs are
    split by blank lines or by a bullet opening a line)."""
    pos += len(text[pos:pos + 200]) - len(text[pos:pos + 200].lstrip())  # a sentence may start at the blank line
    split = re.compile(r"\n\s*\n|\n(?=\s*[-+•]\s)").search(text, start, pos)
    return bool(split) and text[start:split.start()].rstrip().endswith(".")


def heading_chain(text: str, pos: int, limit: int = 4) -> list[str]:
    """Headings above `pos`, nearest first, each more major than the one before (a) under 1.1 under 1. under
    I.). A bullet paragraph that opens with a lead and a colon ("+ Nguồn thu tiền sử dụng đất: …") heads
    the paragraphs after it until the next bullet."""
    chain, rank = [], -2
    nl = text.find("\n", pos)
    end = len(text) if nl < 0 else nl
    for _ in range(400):
        start = text.rfind("\n", 0, max(0, end - 1)) + 1
        raw = text[start:end].strip()
        s = raw.strip("*#> ")
        m = _HEADING.match(s)
        lead = _LEAD.match(raw)
        if lead and _closes_list(text, start, pos):
            lead = None  # "- Vốn các Chương trình MTQG: 67,45 tỷ đồng, … 26,50 tỷ đồng." ends its list: the
            # paragraph after it ("Đến ngày 31/3/2025, huyện đã phân bổ …") is not under its lead
        style = None
        if m and len(s) < 200:
            style = next(k for k, v in m.groupdict().items() if v)
        elif _EMPH.match(raw):  # "* *Lĩnh vực chăn nuôi*", "**Về giải ngân**", "* *Lĩnh vực trồng trọt:* cây lúa …"
            style, s = "emph", _EMPH.match(raw).group().strip("*#-+•¹²³⁴⁵⁶⁷⁸⁹⁰ ").strip()
        elif lead:
            style, s = "lead", lead.group("lead")
        elif raw[:1] in "-+•" and rank < -1:
            rank = -1  # a bullet without a lead: the leads above it head other paragraphs
        if style is not None and _RANK[style] > rank:
            rank = _RANK[style]
            chain.append(s.strip())
            if len(chain) >= limit:
                break
        if start == 0:
            break
        end = start
    return chain


def list_intro(text: str, start: int) -> str:
    """For a bullet ('- …', '+ …'), the paragraph that introduces its list when it ends with a colon (paragraphs
    are split by blank lines or by a bullet opening a line; a wrapped bullet's lines stay together)."""
    if text[start:start + 40].lstrip()[:1] not in ("-", "+", "•"):
        return ""
    before = text[max(0, start - 4000):start]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n(?=\s*[-+•]\s)", before) if p.strip()]
    for para in reversed(paragraphs):
        if para[0] in "-+•":
            continue  # another bullet of the same list
        return para[-800:] if para.endswith(":") else ""
    return ""


def _family(code: str, allowed: set[str]) -> set[str]:
    return {c for c in allowed if c == code or c.startswith(code + "_")}


def metric_phrase_scores(phrases: Phrases, before: str, after: str, allowed: set[str]) -> dict[str, float]:
    """Per allowed metric, how strongly the words around the number name it (0 when they do not)."""
    scores: dict[str, float] = {}
    for h in phrases.find(before):
        if ";" in before[h.end:] and _NUMBER.search(before[h.end:]):
            continue  # another clause's figure's words ("tỷ lệ hộ nghèo giảm còn dưới 4,5 %; giải ngân tối thiểu 90%")
        s = 1.0 + 0.2 * h.words - (len(before) - h.end) / 300
        if _NUMBER.search(before[h.end:]):
            s -= 1.0  # another figure stands between: the phrase names that one ("… chiếm 38,5%; công nghiệp chiếm")
        if _AFTER_NUMBER.search(before[:h.start]) and not re.fullmatch(r"\s*,?\s*(?:chiếm|bằng|tỷ lệ)?\s*\(?\s*",
                                                                     before[h.end:], re.IGNORECASE):
            s -= 1.5  # the phrase is another figure's noun ("05 khu dân cư nông thôn mới kiểu mẫu; có 24 sản phẩm"),
            # unless the number is that figure's share ("1.250 hộ nghèo, chiếm 6,85 %", "142 hộ nghèo (18,47%)")
        if ";" in before[h.end:]:
            s -= 0.6  # another clause
        for c in _family(h.code, allowed):
            scores[c] = max(scores.get(c, 0.0), s + (0.15 if c == h.code else 0.0))
    for h in phrases.find(_CLAUSE_END.split(after[:60], 1)[0]):  # the words after, up to the clause's end
        s = 0.9 + 0.2 * h.words - h.start / 60
        for c in _family(h.code, allowed):
            scores[c] = max(scores.get(c, 0.0), s)
    if "poverty_rate" in scores and "poverty_rate_reduction" in allowed and _DECREASE.search(before[-30:]):
        scores["poverty_rate_reduction"] = scores["poverty_rate"] + 0.5  # "giảm 2,5%": the change, not the level
    return {c: s for c, s in scores.items() if s > 0}


def _ancestors(code: str, programmes: dict[str, dict]) -> list[str]:
    out, seen = [], set()
    while code in programmes and code not in seen:
        seen.add(code)
        code = programmes[code].get("parent_code", "")
        if code:
            out.append(code)
    return out


_OFFICE = re.compile(r"\b(?:Phòng|Sở)\s+[" + UPPER + r"]\S*(?:\s+[a-zà-ỹđ]\S*)?(?:\s+(?:và|-)\s+[" + UPPER + r"]\S*(?:\s+[a-zà-ỹđ]\S*)?)*")


def _no_offices(text: str) -> str:
    """The text with office names blanked ("Giao Phòng Nông nghiệp và Môi trường chủ trì …" is about no environment)."""
    return _OFFICE.sub(lambda m: " " * len(m.group()), text)


def programme_phrase_scores(phrases: Phrases, before: str, after: str, headings: list[str],
                            programmes: dict[str, dict], title: str = "", sectors: frozenset = frozenset()) -> dict[str, float]:
    """Per programme, how strongly the sentence and the headings above name it, and the report's title when
    it names one programme only; the more specific of two related programmes named together scores higher."""
    scores: dict[str, float] = {}
    before, after, headings = _no_offices(before), _no_offices(after), [_no_offices(h) for h in headings]
    before = re.sub(r"\([^()]*\)(?!\s*:)", lambda m: " " * len(m.group()), before)  # an aside names no programme,
    # unless it labels the item its colon opens ("(5) Công trình cấp nước …, xã Công Sơn (Chương trình …): kế hoạch vốn")

    def put(code: str, s: float) -> None:
        if code in programmes:
            scores[code] = max(scores.get(code, 0.0), s)

    in_programme = False  # a section of a national target programme (and of no sector besides)
    for heading in headings:
        codes = {h.code for h in phrases.find(heading)}
        if any("ctmtqg" in _ancestors(c, programmes) for c in codes) and not codes & sectors:
            in_programme = True
    for h in phrases.find(before):
        base = 1.0 if in_programme and h.code in sectors else 1.6  # "lao động" in the poverty programme's section
        between = before[h.end:]
        put(h.code, base + 0.1 * h.words - (len(before) - h.end) / 400 - (0.3 if _NUMBER.search(between) else 0)
            - (0.8 if ";" in between else 0))  # "… dự toán thu ngân sách; giải ngân 100% …": another clause
    far = set()  # named only after the number, beyond a comma: too weak to make a programme more specific
    for h in phrases.find(after[:80]):
        if ";" in after[:h.start]:
            continue  # "giải ngân 15,36 tỷ đồng, đạt 18,1%; riêng nguồn thu tiền sử dụng đất …": another clause's
        close = h.start <= 30 and not re.search(r"[;,.(]", after[:h.start])  # "100% kế hoạch vốn đầu tư công", not an aside
        if not close and h.code not in scores:
            far.add(h.code)
        put(h.code, (1.2 if close else 0.5) + 0.1 * h.words)
    for i, heading in enumerate(headings):
        for h in phrases.find(heading):
            far.discard(h.code)
            put(h.code, 1.0 - 0.2 * i + 0.1 * h.words)
    in_title = sorted((h.start, h.code) for h in phrases.find(title) if h.code in programmes)
    if len({code for _, code in in_title}) == 1:
        put(in_title[0][1], 0.4)
    elif in_title and not scores:  # nothing else names one: the title's, when its programmes are one and its parent
        broader = {a for _, code in in_title for a in _ancestors(code, programmes)}  # ("… thu ngân sách nhà nước và
        narrow = [c for _, c in in_title if c not in broader]  # thu tiền sử dụng đất …": nsnn_thu); of unrelated
        put(narrow[0] if narrow else in_title[0][1], 0.3)  # ones the first ("vốn đầu tư công và vốn các Chương trình
        # MTQG": public investment for the totals its sections give)
    named = dict(scores)
    for code in named:  # a programme named with one of its ancestors is the more specific reading of both
        related = [named[a] for a in _ancestors(code, programmes) if a in named]
        if related and code not in far:
            scores[code] = max(named[code], *related) + 0.2
    return scores


def naming_words(phrases: Phrases, code: str, texts: list[str], programmes: dict[str, dict] | None = None) -> str:
    """The words, in the first of `texts` that has them, that name `code` (a metric of their family, or with
    `programmes` the programme or one of its projects): what the analyst reads as the reason for the guess."""
    for text in texts:
        for h in sorted(phrases.find(text), key=lambda h: -h.end):  # the nearest to the number first
            if (h.code == code or code.startswith(h.code + "_")) if programmes is None else (
                    h.code == code or code in _ancestors(h.code, programmes)):
                return " ".join(text[h.start:h.end].split())
    return ""


_LABEL_STOP = {"được", "đạt", "bị", "có", "đã", "tham", "theo", "trên", "của", "cấp", "phạm", "vi", "khởi", "hoàn",
               "đang", "mới", "chết", "làm", "thoát", "xây", "sửa", "đi", "giải", "thành", "tuần", "điều", "trong",
               "thuộc", "cho", "do", "về", "tại", "chưa", "còn", "ở"}


def counted_noun(label: str) -> str:
    """What a count metric's label counts: the words after "Số" up to its first verb or preposition
    ("Số vụ phạm pháp" → "vụ", "Số nhà văn hóa thôn" → "nhà văn hóa thôn"); "" when it does not open with "Số"."""
    words = syllables(label)
    if not words or words[0] != "số":
        return ""
    out = []
    for w in words[1:]:
        if w in _LABEL_STOP:
            break
        out.append(w)
    return " ".join(out)


# count nouns that count the same things: a metric counting one may be drafted for a number counting another
_SAME_THINGS = [{"dự án", "công trình", "hạng mục"}, {"nhà", "căn", "căn nhà", "ngôi nhà"},
                {"xã", "thị trấn", "đơn vị", "xã thực hiện"},
                {"người", "lao động", "học viên", "đối tượng", "bị can", "nhân khẩu", "người lao động"},
                {"văn bản", "công văn", "quyết định", "chỉ thị", "thông báo", "hướng dẫn"}]
_MULTIPLIER_WORDS = {"nghìn", "ngàn", "vạn", "triệu"}


def noun_fits(label: str, unit: str) -> bool:
    """Whether a count written with `unit` ("96 công dân", "36 điểm") can be what a metric labelled `label` counts
    ("Số công trình hoàn thành …" counts works, not citizens): the nouns agree, or count the same things."""
    counted = counted_noun(label).split()
    noun = [w for w in syllables(unit) if w not in _MULTIPLIER_WORDS]
    if not counted or not noun:
        return True
    if counted[:len(noun)] == noun or noun[:len(counted)] == counted:
        return True
    for group in _SAME_THINGS:
        heads = [g for g in group if counted[:len(g.split())] == g.split()]
        if heads and " ".join(noun) in group:
            return True
    return counted[0] == noun[0] and len(noun) == 1  # "vụ" counts "vụ tai nạn giao thông"


_NEW_START_METRICS = {"projects_new_start", "works_started", "works_in_preparation"}
_FUNDS = {"ctmtqg", "ctmtqg_sn", "ctmtqg_keo_dai"}  # the programmes' money together, not one programme
_SOCIO_ECONOMIC = re.compile(r"(?<!phục hồi và phát triển )kinh tế\s*-\s*xã hội(?!\s+vùng)|KT-XH", re.IGNORECASE)
_POVERTY_METRIC = re.compile(r"poverty|poor_|near_poor")


def report_programme(title: str, phrases: Phrases | None, programmes: dict[str, dict]) -> str:
    """The one national target programme a report's title names ("… xây dựng nông thôn mới năm 2025"), or ''."""
    if phrases is None:
        return ""
    named = set()
    for h in phrases.find(title):
        code = h.code
        while code in programmes and programmes[code].get("level") != "programme" and programmes[code].get("parent_code"):
            code = programmes[code]["parent_code"]  # a project's programme
        if programmes.get(code, {}).get("parent_code") == "ctmtqg" and programmes[code].get("level") == "programme":
            named.add(code)
    return named.pop() if len(named) == 1 else ""


def report_level_programme(programme: str, metric: str, title: str, subject: str, headings: list[str] = (),
                           phrases: Phrases | None = None, sectors: frozenset = frozenset(), quote: str = "") -> str:
    """The programme once the report is taken into account: NTM criteria and communes are the NTM programme's;
    in a report on one national programme its funds are that programme's ("the named programme wins over the
    funding source"); poverty outside a socio-economic report is the poverty programme's."""
    if metric.startswith("ntm_") and programme != "ntm":
        return "ntm"
    if metric.startswith("budget_revenue") and programme not in ("nsnn", "nsnn_thu", "dtc_tsdd") and re.search(
            r"(?<!doanh )" + COLLECTED.pattern, quote, re.IGNORECASE):
        return "nsnn_thu"  # "Xã Trấn Ninh thu đạt 41,2% dự toán huyện giao": revenue is the budget's
    if subject == "dtts" and (programme == "gnbv" or (programme == "van_hoa_xa_hoi" and _POVERTY_METRIC.search(metric))) \
            and not re.search(r"giảm nghèo bền vững|GNBV", " ".join([quote, *headings]),
                                                                    re.IGNORECASE):
        return subject  # "Tỷ lệ hộ nghèo người dân tộc thiểu số" in a report on the ethnic-minority programme
    if programme == "dtc" and metric in _NEW_START_METRICS:
        return "dtc_khoi_cong_moi"  # works started or in procurement are the year's newly started projects
    if subject and programme in _FUNDS:
        return subject
    if subject and programme == "dtc" and metric in ("disbursed", "disbursement_rate", "capital_plan") \
            and not any(re.search(r"đầu tư công", h, re.IGNORECASE) for h in headings[:1]):
        return subject  # "Tỷ lệ giải ngân chung của Chương trình" in a report on one national programme
    if metric in ("disbursed", "disbursement_rate") and (programme in sectors or programme in ("nsnn", "nsnn_thu")):
        return subject or "dtc"  # "giải ngân 100% kế hoạch vốn": public investment, whatever sector the sentence names
    if metric == "capital_plan" and programme in sectors and re.search(r"đầu tư công", title, re.IGNORECASE):
        return subject or "dtc"  # "(4) Nhà văn hóa …: kế hoạch vốn 4,12 tỷ đồng" in a public-investment report
    socio_economic = bool(_SOCIO_ECONOMIC.search(title)) and not re.search(r"mục tiêu quốc gia|MTQG", title, re.I)
    if programme == "van_hoa_xa_hoi" and _POVERTY_METRIC.search(metric) and not socio_economic:
        return "gnbv"
    if subject and programme in sectors and not socio_economic and subject != "ntm":
        return subject  # a sector's words ("hộ nghèo", "đào tạo nghề") in a report on one programme (NTM reports keep
        # their sectors: roads, income and crops are labelled by sector there)
    if programme == "gnbv" and socio_economic and phrases is not None and not any(
            h.code == "gnbv" for heading in headings for h in phrases.find(heading)):
        return "van_hoa_xa_hoi"  # poverty and housing among a socio-economic report's social results (the guide)
    return programme
