"""When a drafted figure holds and what kind it is: figure type from cue words, as-of date, deadline."""

from __future__ import annotations

import re

from vnreports.assistant.choose import heading_chain, list_intro
from vnreports.assistant.metric_rules import ESTIMATE_GIVEN
from vnreports.notation.dates import DateParseError, find_date

# Cue words, read in the clause before the number (and "kế hoạch" only as a goal, not "kế hoạch vốn").
_TARGET = re.compile(r"phấn đấu|chỉ tiêu|(?<!có )mục tiêu(?! quốc gia)|kế hoạch đề ra|theo kế hoạch|yêu cầu|đề nghị|giao\s+(?:UBND|huyện)|"
                     r"\bcần\b(?!\s+(?:hỗ trợ|được hỗ trợ|xây|sửa))|\bphải\b|đảm bảo|bảo đảm|tối thiểu|ít nhất|trở lên|định hướng|dự kiến đạt chuẩn|"
                     r"đến năm \d{4}[^.;]{0,40}đạt|hoàn thành|quyết tâm|nhiệm vụ", re.I)
_FORECAST = re.compile(r"(?<![^\W\d_])(?:ước\b|ước tính|ước đạt|dự kiến|dự ước|dự báo|khả năng)", re.I)  # not the "ước" of "nước"
_ACTUAL_AFTER_TARGET = re.compile(r"\b(?:đã|đạt được|thực hiện được|lũy kế|hiện nay|hiện có|(?<!giảm )còn(?! lại))\b",
                                  re.I)  # "giảm còn dưới 4,5%" is a goal's level, "còn lại" the rest
_DATE_PHRASE = re.compile(
    r"từ ngày\s+\d{1,2}/\d{1,2}\s*[-–]\s*\d{1,2}/\d{1,2}/\d{4}|(?:tính\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}|(?:tính\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?"
    r"\d{1,2}/\d{1,2}(?!/)|(?:tính\s+)?đến\s+(?:hết\s+)?tháng\s+\d{1,2}/\d{4}|(?:đầu|giữa|cuối)\s+tháng\s+\d{1,2}(?:/\d{4})?(?![\d/])|ngày\s+\d{1,2}/\d{1,2}/\d{4}|(?:hơn\s+)?\d{1,2}\s+tháng\s+(?:đầu\s+)?năm(?:\s+\d{4})?|"
    r"quý\s+[IV]+\s*(?:/|năm)\s*\d{4}|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}|năm\s+\d{4}|"
    r"\b(?:đến\s+nay|hiện\s+(?:nay|tại|đạt|còn|có)|đến\s+thời\s+điểm\s+(?:hiện\s+tại|kiểm\s+tra|báo\s+cáo|làm\s+việc))\b",
    re.I)
_FRAMING = re.compile(r"(?:hơn\s+)?\d{1,2}\s+tháng\s+(?:đầu\s+)?năm\s+\d{4}|(?:6|sáu)\s+tháng\s+đầu\s+năm\s+\d{4}|"
                      r"quý\s+[IV]+\s*(?:/|năm)\s*\d{4}", re.I)  # a period that frames a section's figures
_NOW = re.compile(r"(?:đến|hiện)\s+(?:nay|tại|đạt|còn|có)|đến\s+thời\s+điểm", re.I)  # "đến nay": the report's event date
_DEADLINE = re.compile(r"(?:đến hết|đến|trước|trong|chậm nhất(?: đến)?|hoàn thành trong|hạn)\s+(?:ngày\s+\d{1,2}/\d{1,2}/\d{4}"
                       r"|tháng\s+\d{1,2}/\d{4}|quý\s+[IV]+\s*/\s*\d{4}|năm\s+\d{4})", re.I)


_SENTENCE_TARGET = re.compile(r"^\W*(?:[a-zđ]\)\s*|\d+[.)]\s*)?(?:phấn đấu|mục tiêu|chỉ tiêu|yêu cầu|đề nghị|tập trung|tiếp tục|"
                              r"quyết tâm|đảm bảo|bảo đảm|giao(?!\s+(?:vốn|kế hoạch|dự toán|nhận|thông|khoán|quân)))\b",
                              re.I)  # "Giao Phòng …" assigns a task; "Giao vốn và giải ngân" heads what was allocated
_CITED = re.compile(r"\W*(?:đồng thời,\s*)?(?:tại|theo|căn cứ)\s+(?P<doc>(?:thông báo|quyết định|kế hoạch|nghị quyết|công văn|"
                    r"văn bản|báo cáo)\s+(?:số\s+)?[^.;]{0,60}?ngày\s+(?P<day>\d{1,2}/\d{1,2}/\d{4}))", re.IGNORECASE)
_STAGE = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
_CUTOFF = re.compile(r"(?:tính\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}", re.IGNORECASE)
_PLAN_YEAR = re.compile(r"(?:kế hoạch vốn|vốn đầu tư công|dự toán(?: ngân sách)?|kế hoạch đầu tư công)(?:\s+\S+){0,2}\s*$",
                        re.IGNORECASE)
_WEAK_CUES = {"hoàn thành", "chỉ tiêu", "theo kế hoạch", "kế hoạch đề ra"}  # a goal's words that also report results
_RESULTS_SECTION = re.compile(r"kết quả|tình hình|thực hiện nhiệm vụ|đánh giá|tiến độ", re.IGNORECASE)  # what was done
_DONE_BEFORE = re.compile(r"\b(?:đã|khối lượng|thi công|được)\s+(?:[^\W\d_]+\s+){0,3}$", re.IGNORECASE)
_TARGET_SECTION = re.compile(r"nhiệm vụ|phương hướng|mục tiêu(?! quốc gia)|chỉ tiêu", re.I)


_NEW_FACT = re.compile(r"^\s*(?:xã|thị trấn|huyện|toàn huyện|các xã)\b|\b(?:mới đạt|hiện đạt|đến nay|hiện nay|đã)\b",
                       re.IGNORECASE)  # a clause after a semicolon that states a fact of another subject


def _near_end(pattern: re.Pattern, text: str, chars: int) -> bool:
    """A match among the last `chars` characters of `text`, read in the whole text (a slice would cut "nước" to
    "ước")."""
    return any(m.end() > len(text) - chars for m in pattern.finditer(text))


def plan_results(section: str, headings: list[str]) -> bool:
    """Whether a plan's figure sits in its review of results ("I. KẾT QUẢ THỰC HIỆN NĂM 2024"): the nearest
    heading that says so, before any heading of goals or tasks."""
    for heading in [section, *headings]:
        if re.search(r"kết quả|tình hình|đánh giá", heading, re.IGNORECASE) and len(heading) < 200:
            return True
        if _TARGET_SECTION.search(heading):
            return False
    return False


def figure_type_for(before: str, after: str, kind: str, section: str = "", headings: str = "") -> str:
    """actual / target / forecast from the cue words of the clause before the number, the cue that opens the
    sentence ("Phấn đấu …; …; …" sets every clause), and a section of tasks ("II. NHIỆM VỤ NĂM 2025"). A cue in a
    closed parenthesis is an aside ("Xã Tú Mịch (phấn đấu đạt chuẩn năm 2026): đạt 15/19 tiêu chí")."""
    before = re.sub(r"\([^()]*\)", " ", before)
    head = re.sub(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))\s*", "", section)
    letters = [ch for ch in head if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) > 0.8 * len(letters) and before.startswith(head):
        # the sentence runs on from its capitalised heading ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ …"): no cue in it
        before = before[len(head):]
    clause = re.split(r"[;:]|, (?=trong đó|nhưng|song)", before)[-1][-140:]
    lead = re.split(r":|,?\s*trong đó", before, maxsplit=1)
    whole = re.split(r"[;:]|, (?=trong đó|nhưng|song)", before)[-1]
    cues = [m for m in _FORECAST.finditer(whole) if m.start() >= len(whole) - 140]
    rest = whole[cues[-1].end():] if cues else ""
    carried = bool(cues) and not _TARGET.search(rest) and not re.search(
        r"\b(?:đã|hiện|còn|so với)\b", rest, re.IGNORECASE)  # "dự kiến … đạt 92,4 tỷ đồng, bằng 43,0%"
    if _near_end(_FORECAST, clause, 60) or carried or re.match(r"\W*(?:dự kiến|ước|dự ước)\b", clause, re.IGNORECASE) or (
            len(lead) > 1 and _near_end(_FORECAST, lead[0], 60) and not _TARGET.search(before[len(lead[0]):])):
        return "forecast"  # "Cơ cấu kinh tế ước tính: A%; B%", "ước đạt 1,2 nghìn tỷ đồng, trong đó: …": all estimates
    frame = next((h for h in [section, *headings.split("\n")[:3]] if _TARGET_SECTION.search(h)
                  or _RESULTS_SECTION.search(h)), section)  # "2. Có thêm 03 xã …" under "II. PHƯƠNG HƯỚNG, NHIỆM VỤ …"
    if kind in ("year",) or _SENTENCE_TARGET.match(before) or (
            _TARGET_SECTION.search(frame) and not _RESULTS_SECTION.search(frame)
            and not _ACTUAL_AFTER_TARGET.search(clause) and not re.search(r"\bđã\b", before, re.IGNORECASE)):
        return "target"
    hit = None
    for m in _TARGET.finditer(before[-300:]):  # a goal set earlier in the sentence carries to later clauses
        hit = m
    tail = before[-300:][hit.end():] if hit else ""
    if hit and hit.group().lower() in ("hoàn thành", "nhiệm vụ") and (
            _DONE_BEFORE.search(before[-300:][:hit.start()]) or re.match(r"\W*đã\b", before, re.IGNORECASE)
            or (re.search(r"\bđã\b", before[-300:][:hit.start()], re.IGNORECASE) and not _TARGET_SECTION.search(section))):
        hit = None  # "đã hoàn thành 07 cầu", "khối lượng hoàn thành 146 công trình": done, not a goal
    if hit and hit.group().lower() in _WEAK_CUES and _RESULTS_SECTION.search(headings) and not _TARGET_SECTION.search(
            headings.split("\n", 1)[0]):
        hit = None  # "Hoàn thành 100% chỉ tiêu giao quân" among the year's results: achieved, not a goal
    if hit and ";" in tail and not _SENTENCE_TARGET.match(before) and _NEW_FACT.search(tail.rsplit(";", 1)[1]):
        hit = None  # "xã Tân Tiến … phấn đấu về đích trong năm 2025; xã Hùng Sơn mới đạt 12/19": another statement
    if hit and not _ACTUAL_AFTER_TARGET.search(tail) and not re.search(r"[.!?]\s", tail):
        if re.match(r"kế hoạch", hit.group(), re.I) and re.search(r"kế hoạch vốn|vốn kế hoạch", clause, re.I):
            return "actual"
        return "target"
    return "actual"


def _default(figure_type: str, ctx) -> str:
    """A target holds from the day it was set (the event), a report's figure at its period's end; only a report
    (Báo cáo) or a forecast holds after the day the document was signed."""
    if figure_type == "target" or not ctx.periodic:
        d = ctx.event_date or ctx.period_end
    else:
        d = ctx.period_end or ctx.event_date
    if d and ctx.signed_by and d > ctx.signed_by and not ctx.a_report and figure_type != "forecast":
        d = ctx.event_date or d  # the build takes a figure without a date phrase at the event or the period's end
    return d.isoformat() if d else ""


def as_of_for(text: str, sent: tuple[int, int], pos: int, section: str, figure_type: str, ctx,
              section_start: int | None = None) -> tuple[str, str, float]:
    """(as_of, as_of_text, confidence): the nearest date phrase before the number in its sentence, else in
    its section heading, else earlier in its section, else the report's own date (empty as_of_text). A
    target holds from the day it was set: the report's event date. A sentence that opens by citing an earlier
    document ("Tại Quyết định số 1571/QĐ-UBND ngày 30/9/2022, …") states what held on that document's date."""
    cited = _CITED.match(text[sent[0]:pos])
    if cited:
        try:
            reading = find_date(cited.group("day"))
        except DateParseError:
            reading = None
        if reading is not None:
            return reading.start.isoformat(), " ".join(cited.group("doc").split()), 0.75
    if figure_type == "target":
        return _default(figure_type, ctx), "", 0.8
    horizon = _STAGE.search(text[sent[0]:pos]) if figure_type == "forecast" else None
    if horizon:  # "giai đoạn 2021 - 2025 ước đạt 1,2 nghìn tỷ đồng": what the stage will have reached at its end
        return f"{horizon.group(2)}-12-31", " ".join(horizon.group().split()), 0.7
    year = (ctx.period_end or ctx.event_date).year if (ctx.period_end or ctx.event_date) else None
    signed = ctx.signed_by or ctx.event_date
    latest = None if figure_type == "forecast" else (  # a forecast may hold later ("Ước đến ngày 31/01/2025")
        max((d for d in (signed, ctx.period_end) if d), default=None))  # a period's figures: up to its end
    sources = [(text[sent[0]:pos], 0.8, False)]
    rest = text[pos:sent[1]]
    if rest.rstrip().endswith(";"):  # the sentence goes on after its semicolon
        rest += re.split(r"(?<=[.;])\s", text[sent[1]:sent[1] + 300], maxsplit=1)[0]
    cut_after = _CUTOFF.search(rest)  # "kế hoạch … 312,48 tỷ đồng; giải ngân đến ngày 15/5/2025 đạt …"
    if cut_after:
        sources.append((cut_after.group(), 0.7, False))
    if re.match(r"\W*trong đó\b", text[sent[0]:pos], re.I):  # "… đến ngày 31/5/2025 đạt …. Trong đó, …": its parts
        previous = text[max(0, sent[0] - 400):sent[0]]
        sources.append((re.split(r"(?<=[.!?])\s", previous.rstrip())[-1], 0.7, False))
    intro = list_intro(text, sent[0])  # a bullet under "… đến ngày 15/5/2025 đạt 98,64 tỷ đồng. Trong đó:"
    if intro:
        sources.append((" ".join(m.group() for m in _CUTOFF.finditer(intro)), 0.7, False))
    sources.append((section, 0.7, False))
    for heading in heading_chain(text, sent[0])[1:3]:  # "I. KẾT QUẢ THỰC HIỆN NĂM 2024" above its numbered items
        if _RESULTS_SECTION.search(heading) and not _TARGET_SECTION.search(heading):
            heading = re.sub(r"(?:giai đoạn|\d+ năm)?\s*(\d{4})\s*[-–]\s*(\d{4})", r"năm \2", heading)  # a stage: its end
            sources.append((" ".join(m.group() for m in re.finditer(r"năm\s+\d{4}|" + _FRAMING.pattern, heading,
                                                                    re.IGNORECASE)), 0.6, False))
    line = text[sent[0]:sent[0] + 40].lstrip() if re.match(r"[^\S\n]*\n", text[sent[0]:sent[0] + 40]) else \
        text[text.rfind("\n", 0, sent[0]) + 1:sent[0] + 3]  # the sentence's line (it may start with the newline)
    if section_start is not None and section_start < sent[0]:
        # a period framing the section ("tình hình … trong 6 tháng đầu năm 2025 …") dates what follows; a cut-off
        # opening the section dates the list under it, not the prose sentences after its own
        bullet = re.match(r"\s*[-+*•]", line)
        earlier = text[section_start:sent[0]]
        if bullet and intro and text.rfind(intro, section_start, sent[0]) >= 0:  # the list's own intro bounds it:
            earlier = text[text.rfind(intro, section_start, sent[0]):sent[0]]  # a cut-off above it dates other lines
        lead = re.match(r"\s*", text[sent[0]:]).group()  # the sentence may start on a new line
        ends = [m.end() for m in re.finditer(r"[.:;!?]\s*\n", earlier + lead)]  # where a paragraph ends (lines wrap)
        paragraph = earlier[ends[-1]:] if ends else earlier
        if bullet:
            sources.append((earlier, 0.6, True))
        else:
            sources.append((" ".join(m.group() for m in _FRAMING.finditer(paragraph)), 0.6, False))
    for source, conf, leading_only in sources:
        found = []
        for m in _DATE_PHRASE.finditer(source):
            # earlier in the section, only a cut-off that opens a sentence ("Đến ngày 30/6/2024, …") dates what follows
            if leading_only and (not re.search(r"(?:^|[.:]\s*|\n\s*[-*+•]?\s*)$", source[:m.start()])
                                 or not re.match(r"(?:tính\s+)?đến", m.group(), re.I)):
                continue
            found.append(m)
        for m in reversed(found):  # the nearest phrase that dates the figure
            if _NOW.match(m.group()):
                if leading_only or not ctx.event_date:
                    continue
                return ctx.event_date.isoformat(), " ".join(m.group().split()), conf
            as_of = _phrase_date(m, source, year, latest)
            if as_of is not None:
                return as_of.isoformat(), " ".join(m.group().split()), conf
    return _default(figure_type, ctx), "", 0.65


def _phrase_date(m, source: str, year: int | None, latest):
    """The day a date phrase dates a figure at, or None when it does not date one."""
    words = " ".join(m.group().split())
    if re.search(r"(?:so với|so cùng kỳ|cùng kỳ|gấp|hơn)\s+(?:cùng kỳ\s+)?(?:cuối\s+|đầu\s+)?$",
                 source[max(0, m.start() - 30):m.start()], re.I):
        return None  # "tăng 12,4% so với năm 2023": a comparison point, not when the figure holds
    if re.search(r"\bsố\s+\S+/\S+\s+$", source[max(0, m.start() - 40):m.start()]):
        return None  # "(Quyết định số 2150/QĐ-UBND ngày 27/12/2024)": a document's date, not the figure's
    if re.fullmatch(r"năm\s+\d{4}", words, re.I) and (
            (year and words.endswith(str(year))) or re.match(r"\s*(?:,\s*\d{4}|và \d{4})?\s*(?:kéo dài|chuyển sang)",
                                                            source[m.end():m.end() + 30])
            or _PLAN_YEAR.search(source[max(0, m.start() - 40):m.start()])):
        return None  # the report's own year says nothing finer; "vốn năm 2022 kéo dài", "kế hoạch vốn năm 2025" name funds
    try:
        reading = find_date(words, default_year=year)
    except DateParseError:
        return None
    if reading is None:
        return None
    as_of = reading.start if reading.is_day else reading.end
    if latest is not None and as_of > latest:
        if reading.approximate or reading.start <= latest:
            as_of = latest if not reading.is_day else as_of
        if as_of > latest:
            return None
    return as_of


def deadline_for(after: str, before: str, figure_type: str, ctx) -> tuple[str, str]:
    """(deadline, deadline_text) of a target: the first deadline phrase after the number, else before it."""
    if figure_type != "target":
        return "", ""
    year = ctx.event_date.year if ctx.event_date else None
    own = re.split(r"[;,]", before)[-1][-60:]  # "…, đến hết ngày 31/01/2026 giải ngân 100%": the clause's own
    for source in (own, re.split(r"[;]", after)[0][:120], re.split(r"[;]", before)[-1][-120:]):
        m = _DEADLINE.search(source)
        if not m:
            continue
        words = " ".join(m.group().split())
        try:
            reading = find_date(words, default_year=year)
        except DateParseError:
            continue
        if reading is not None:
            return reading.end.isoformat(), words
    return "", ""


_TASK_DEADLINE = re.compile(r"[^;.,]{0,60}?\b(?:trước ngày|trong quý|trong tháng \d|chậm nhất)", re.I)
_OPEN_ACTUAL = re.compile(r"\((?:[^()]*\s)?(?:hiện\s+(?:đạt|có|còn)|đã|đạt được)(?:\s[^()]*)?$", re.I)  # "(hiện đạt 17/19 …"
_PLAN_PAREN = re.compile(r"(?:kế hoạch|chỉ tiêu)[^();.]{0,25}\(\s*$", re.I)  # "đạt 54,4% kế hoạch năm (1.200 ha)"


_ASKED = re.compile(r"đề nghị[^;.]{0,80}?(?:bổ sung|cấp thêm|hỗ trợ thêm|điều chuyển|xem xét (?:hỗ trợ|bổ sung|cấp))", re.IGNORECASE)


def settle_figure_type(figure_type: str, unit: str, metric: str, before: str, after: str, previous: str,
                       money: bool) -> str:
    """The figure type after the transcription guide's rules that the cue words alone miss: criteria listed as
    unmet, a status in parentheses, funds asked for and allocated estimates are facts; a physical plan in
    parentheses is a goal; the parts under "Trong đó:" share the estimate before them."""
    if unit == "tiêu chí số" or metric == "funding_requested" or _OPEN_ACTUAL.search(before) or _ASKED.search(before):
        return "actual"  # what a request asks for ("đề nghị … bổ sung 2,34 tỷ đồng để hỗ trợ 39 nhà") is a fact
    if re.match(r"\W*đối với\s*$", before, re.IGNORECASE):
        return "actual"  # "Đối với 2,360 tỷ đồng vốn sự nghiệp chưa phân bổ, …": the task's subject, a fact
    if money and ESTIMATE_GIVEN.search(before):
        return "actual"  # allocated money is a fact even when it is called an estimate or a plan
    if not money and _PLAN_PAREN.search(before):
        return "target"
    if figure_type == "actual" and _TASK_DEADLINE.match(after) and not re.search(r"\bđã\b", before, re.I):
        return "target"  # "cứng hóa 4,8 km đường trục thôn trong quý IV/2025": a task's quantity
    if figure_type == "actual" and re.match(r"\W*trong đó\b", before, re.I) and _FORECAST.search(
            re.split(r"(?<=[.!?])\s", previous.strip())[-1]):
        return "forecast"  # "… ước đạt 3.885 ha. Trong đó: lúa xuân 1.120 ha; …"
    return figure_type


def same_period(before: str, as_of: str) -> tuple[str, str] | None:
    """(as_of, as_of_text) of the same period a year earlier: "cao hơn cùng kỳ năm 2024 (28,7%)" holds at the
    sentence's cut-off in 2024; None when the number is no such comparison."""
    m = re.search(r"cùng kỳ\s+năm\s+(\d{4})\s*\(\s*$", before, re.IGNORECASE)
    if not m or len(as_of) != 10:
        return None
    day = "28" if as_of[5:] == "02-29" else as_of[8:]
    return f"{m.group(1)}-{as_of[5:7]}-{day}", " ".join(m.group(0).rstrip("( ").split())


_PLAN_ACTUAL = re.compile(r"\b(?:đã|hiện nay|hiện có|đến nay|lũy kế|ước|năm 20\d\d|giai đoạn 20\d\d|được giao|"
                          r"kế hoạch vốn|tính đến|đến ngày)\b", re.IGNORECASE)


def marks_result(before: str, ctx, money: bool) -> bool:
    """A plan's words that mark a figure as a result ("đã", "năm 2024"); the plan's own year or a later one marks a
    goal ("đến cuối năm 2025 tỷ lệ hộ nghèo còn dưới 6,2%" in a 2025 plan), but not its money ("Tổng kinh phí thực
    hiện Kế hoạch năm 2025 là 41,86 tỷ đồng": allocated, a fact)."""
    plan_year = (ctx.period_end or ctx.event_date).year if (ctx.period_end or ctx.event_date) else None
    for m in _PLAN_ACTUAL.finditer(before):
        year = re.match(r"năm (20\d\d)", m.group(), re.IGNORECASE)
        funds = money and re.search(r"kinh phí|\bvốn\b|bố trí|phân bổ|dự toán", before, re.IGNORECASE)
        if funds or not (year and plan_year and int(year.group(1)) >= plan_year):
            return True
    return False
