"""Drafting a report's registry row from its header, title, opening paragraph and signature block."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from vnreports.assistant.periods import report_period
from vnreports.notation.dates import find_date
from vnreports.notation.letters import UPPER
from vnreports.notation.places import PlaceError, PlaceIndex

_MD = re.compile(r"[*#_`>]+")
_SO = re.compile(r"Số\s*:?\s*(\d*)\s*/\s*([A-ZĐ][A-ZĐa-zđ0-9\-]*(?:/[A-ZĐ0-9\-]+)?)")
_PLACE_DATE = re.compile(r"^\W*([" + UPPER + r"][^\n,]{1,30}?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})[\s.-]*năm\s*(\d{4})",
                         re.MULTILINE)
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}")
_DOC_WORDS = {"THÔNG BÁO": "TB", "BÁO CÁO": "BC", "KẾ HOẠCH": "KH", "TỜ TRÌNH": "TTr", "QUYẾT ĐỊNH": "QĐ",
              "CÔNG VĂN": "CV", "CHƯƠNG TRÌNH": "CTr"}
_TITLE_LINE = re.compile(r"^[\s_\-—–.|~'’,:;]*(THÔNG BÁO|BÁO CÁO|KẾ HOẠCH|TỜ TRÌNH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH)\b(.*)$", re.MULTILINE)
_UNIT_WORD = r"(?:huyện|thành phố|thị xã)"
_NAME = r"[" + UPPER + r"][a-zà-ỹđ]+(?:\s+[" + UPPER + r"][a-zà-ỹđ]+){0,2}"
_SIGN_TITLES = re.compile(r"^(?:TM\.|TL\.|KT\.|Q\.|CHỦ TỊCH|PHÓ CHỦ TỊCH|CHÁNH VĂN PHÒNG|PHÓ CHÁNH VĂN PHÒNG|"
                          r"TỔ TRƯỞNG|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG BAN|TRƯỞNG PHÒNG|BÍ THƯ)", re.IGNORECASE)
_PROPER = {"văn phòng": "Văn phòng", "ủy ban nhân dân": "Ủy ban nhân dân", "ubnd": "UBND", "tỉnh": "tỉnh",
           "lạng sơn": "Lạng Sơn"}
REGISTRY_FIELDS = ["doc_number", "doc_type", "issuing_body", "signer", "signer_title", "place", "date_signed",
                   "concluding_official", "subject_districts", "subject_communes", "event_type", "event_date",
                   "period_text", "period_start", "period_end", "title"]


def _clean(line: str) -> str:
    return " ".join(_MD.sub(" ", line).split())


def _sentence_case(text: str) -> str:
    low = text.lower()
    for k, v in _PROPER.items():
        low = re.sub(rf"\b{k}\b", v, low)
    low = re.sub(r"\bchánh Văn phòng", "Chánh Văn phòng", low)
    low = re.sub(r"\b([Pp]hó) chủ tịch", r"\1 Chủ tịch", low)
    return low[:1].upper() + low[1:]


def _lines(text: str) -> list[str]:
    """Non-empty lines; a line holding two columns (the header's body and national motto side by side, the
    signature beside the recipients) is split where three spaces or a tab separate them."""
    out = []
    for raw in text.splitlines():
        out += [c for c in (_clean(x) for x in re.split(r"\t+|\s{3,}", raw)) if c]
    return out


_MOTTO = re.compile(r"^(?:CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|[-–_]+$)")


def _issuer(lines: list[str]) -> str:
    """The issuing body from the header lines above "Số:" ("ỦY BAN NHÂN DÂN / HUYỆN CAO LỘC", "UBND TỈNH LẠNG SƠN /
    VĂN PHÒNG"), or ''."""
    head = []
    for x in lines[:12]:
        x = re.split(r"(?:CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP)\b", x)[0].strip(" -–|")  # the motto beside it (OCR)
        if not x:
            continue
        if x.startswith("Số") or re.search(r",\s*ngày", x) or _TITLE_LINE.match(x):
            break
        if x.isupper() and not _MOTTO.match(x) and len(x) < 60:
            head.append(x)
    if not head:
        return ""
    head = [re.sub(r"^(?:ỦY|UỶ)\s*BAN\s*NH[AÂ]N\s*D[AÂ]N", "ỦY BAN NHÂN DÂN", x) for x in head]  # OCR: "ỦY BAN NHÂNDÂN"
    base, rest = head[0], head[1:]
    if re.fullmatch(r"ỦY BAN NHÂN DÂN", base) and rest:
        base, rest = "UBND " + rest[0], rest[1:]
    m = re.match(r"^(?:UBND|ỦY BAN NHÂN DÂN)\s+(TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ)\s+(.+)$", base)
    if not m:
        return _sentence_case(" ".join(head))
    body = f"UBND {m.group(1).lower()} {m.group(2).title()}"
    return f"{_sentence_case(' '.join(rest))} {body}" if rest else body


_ON_REQUEST = re.compile(r"thực hiện (?:công văn|văn bản|yêu cầu)[^.]{0,160}?(?:báo cáo|đề nghị|yêu cầu)", re.IGNORECASE)
_TRAILING_TITLE = re.compile(r"\s((?:(?:TM|TL|KT|Q)\.\s*)?(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|CHÁNH VĂN PHÒNG|PHÓ CHÁNH VĂN PHÒNG|"
                             r"GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TỔ TRƯỞNG|TRƯỞNG BAN|ỦY BAN NHÂN DÂN|UBND)[^a-zà-ỹđ]*)$")


def _signature(lines: list[str]) -> tuple[str, str, float]:
    """(signer, signer_title, confidence) from the last lines: the title lines and the name under them."""
    tail = []
    for x in lines[-40:]:
        if _TIMESTAMP.search(x) or sum(ch.isalpha() for ch in x) < 2:  # a scan's specks read as ":", "l"
            continue
        # a scan read by OCR joins the two columns: "- UBND huyện Văn Quan; PHÓ CHÁNH VĂN PHÒNG"
        m = _TRAILING_TITLE.search(x)
        if m and not x.isupper() and m.start(1) > 0:
            tail += [x[:m.start(1)].rstrip(), m.group(1).strip()]
        else:
            tail.append(x)
    name_at = None
    for i in range(len(tail) - 1, -1, -1):
        x = tail[i]
        if re.fullmatch(_NAME + r"(?:\s+[" + UPPER + r"][a-zà-ỹđ]+)?", x) and not x.startswith(("Nơi", "Lưu")):
            name_at = i
            break
    if name_at is None:
        return "", "", 0.0
    titles = [x for x in tail[max(0, name_at - 12):name_at]  # recipients' lines may stand between them
              if _SIGN_TITLES.match(x) and x.isupper() and not x.startswith(("-", "Nơi"))]
    if not titles:  # the title block stands above the list of recipients ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH")
        block = [x for x in tail[:name_at] if _SIGN_TITLES.match(x) and x.isupper()]
        titles = block[-3:]
    parts = []
    for t in titles:
        m = re.match(r"^((?:TM|TL|KT|Q)\.)\s*(.*)$", t)
        parts.append(f"{m.group(1)} {_sentence_case(m.group(2))}" if m else _sentence_case(t))
    return tail[name_at], ", ".join(parts), 0.9 if parts else 0.6


def _districts(text: str, places: PlaceIndex) -> list[str]:
    """District names as written, in order of first mention, that resolve to a GSO district."""
    found = []
    for m in re.finditer(rf"\b{_UNIT_WORD}\s+({_NAME})", text):
        name = m.group(1)
        for n in (name, " ".join(name.split()[:2]), name.split()[0]):
            try:
                places.resolve_district(n)
            except PlaceError:
                continue
            found.append(n)
            break
    return found


def _district_name(written: str, places: PlaceIndex) -> str:
    """A district as the registry names it: without "huyện", but a city keeps its "Thành phố" (GSO name)."""
    try:
        place = places.resolve_district(written)[0]
    except PlaceError:
        return written
    return place.name if place.division_type.lower() == "thành phố" else written


def _communes(text: str, places: PlaceIndex, districts: list[str]) -> list[str]:
    found = []
    for m in re.finditer(rf"\b(xã|thị trấn)\s+({_NAME})", text):
        for n in (m.group(2), " ".join(m.group(2).split()[:2]), m.group(2).split()[0]):
            hit = False
            for d in districts:
                try:
                    places.resolve_commune(places.resolve_district(d)[0], n)
                    hit = True
                    break
                except PlaceError:
                    continue
            if hit:
                found.append(n if m.group(1) == "xã" else f"thị trấn {n}")
                break
    return found


def draft_registry(file_name: str, text: str, places: PlaceIndex) -> tuple[dict[str, str], float, list[str]]:
    """(registry row, confidence, fields the assistant is unsure of)."""
    lines = _lines(text)
    head_text = "\n".join(lines[:40])
    unsure: list[str] = []
    row = dict.fromkeys(REGISTRY_FIELDS, "")
    row["file_name"] = file_name

    so = _SO.search(head_text)
    title_m = _TITLE_LINE.search("\n".join(lines[:25]))
    word = title_m.group(1).upper() if title_m else ""
    if so:
        kind = re.sub(r"^(TB|BC|KH|TTr|QĐ)(UBND|VPUBND)$", r"\1-\2", so.group(2))  # OCR lost the hyphen: "TBUBND"
        row["doc_number"] = f"{so.group(1)}/{kind}" if so.group(1) else ""
        row["doc_type"] = kind.split("/")[-1] if "/" in kind else kind
    else:
        row["doc_type"] = f"{_DOC_WORDS.get(word, 'TB')}-UBND"
        unsure.append("doc_type")

    pd = _PLACE_DATE.search(head_text)
    if pd:
        row["place"] = pd.group(1).strip()
        y, mth = int(pd.group(4)), int(pd.group(3))
        row["date_signed"] = date(y, mth, int(pd.group(2))).isoformat() if pd.group(2) else f"{y:04d}-{mth:02d}"
    else:
        stamps = sorted(_TIMESTAMP.findall(text))
        row["date_signed"] = stamps[-1] if stamps else ""
        unsure.append("date_signed")

    # The title: the document word and the heading lines after it, up to the first body paragraph.
    if title_m:
        start = lines.index(next(x for x in lines if x.startswith(title_m.group(1)) or title_m.group(1) in x))
        heading = [title_m.group(2).strip()] if title_m.group(2).strip() else []
        for x in lines[start + 1:start + 8]:
            names_plan = not heading and x.startswith("Thực hiện") and len(x) < 250 and not re.search(r"\bsố\s+\d", x)
            if re.match(r"^(Thực hiện|Ngày|Căn cứ|Sau khi|Kính gửi|Trong|I\.|1\.|\d)", x) and not names_plan \
                    or len(" ".join(heading)) > 400 or (heading and x.endswith(":")):
                break  # a plan's title may open "Thực hiện Chương trình …"; a body opens "Thực hiện Công văn số …"
            heading.append(x)
        title = " ".join(h for h in heading if h)
        letters = [c for c in title if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            title = _sentence_case(title)
        title = re.sub(r"\((\w)", lambda m: "(" + m.group(1).lower(), title)
        # an inspection's title is named without its official, as the analysts name it: "Kết luận của đồng chí X,
        # Phó Chủ tịch UBND tỉnh tại buổi kiểm tra …" → "kết luận kiểm tra …"; other titles stay as written
        title = re.sub(r"^(Kết luận)\s+của\s+(?:đồng chí|ông|bà)\s+.+?\s+(?:tại (?:buổi|cuộc)|về việc)\s+(?=kiểm tra)",
                       r"\1 ", title)
        title = re.sub(r"\s*\((?:trình|tại)\s+kỳ họp[^)]*\)\s*$", "", title)  # "(trình kỳ họp thứ 12, HĐND …)"
        row["title"] = (_sentence_case(word) + " " + title[:1].lower() + title[1:]).strip()
    else:
        row["title"] = lines[0] if lines else file_name
        unsure.append("title")

    opening = " ".join(lines[:30])
    official = re.search(r"Kết luận của (?:đồng chí|ông|bà)\s+(" + _NAME + r"(?:\s+" + _NAME + r")?),\s*(.+?)\s+"
                         r"(?:tại|về|trong|đối với)\b", opening)
    title_first = re.search(r"Kết luận của\s+((?:Phó\s+)?(?:Chủ tịch|Chánh Văn phòng)[^,]*?)\s+(" + _NAME
                            + r")\s+(?:tại|về|trong)\b", opening)
    if title_first and not official:
        row["concluding_official"] = f"{title_first.group(2)}, {title_first.group(1)}"
    # the opening names the official in full ("đồng chí X, Phó Chủ tịch UBND tỉnh, Trưởng Đoàn kiểm tra số 04 đã
    # kiểm tra …", "… Trưởng Ban Chỉ đạo … chủ trì Hội nghị"): it wins over the title's shorter form
    in_full = re.search(r"[Đđ]ồng chí\s+(" + _NAME + r"(?:\s+" + _NAME + r")?),\s*((?:(?!\stại\s)[^:;.()])+?)\s+(?:đã\s+)?"
                        r"(?:chủ trì|kiểm tra|làm việc|kết luận|dự và chỉ đạo)\b(?!\s+số)", opening)
    if in_full and (not official or in_full.group(1) == official.group(1)):
        official = in_full
    if official:  # the official's office, not the ad-hoc role of leading this inspection (as the analysts write it)
        office = re.sub(r"(?:,|\s+làm)\s*Trưởng [Đđ]oàn(?: kiểm tra)?\b.*$", "", official.group(2).strip(" ,"))
        row["concluding_official"] = f"{official.group(1)}, {office}"

    issuer = _issuer(lines)
    signer, signer_title, sconf = _signature(lines)
    row["signer"], row["signer_title"] = signer, signer_title
    if not signer:
        unsure.append("signer")
    title_districts = _districts(row["title"], places)
    all_districts = _districts(text, places)
    if issuer:
        row["issuing_body"] = issuer
    elif row["doc_type"].endswith("TCT"):
        row["issuing_body"] = "Tổ Công tác của Chủ tịch UBND tỉnh Lạng Sơn"
    elif row["place"] and row["place"] != "Lạng Sơn" and row["place"] in all_districts:
        row["issuing_body"] = f"UBND huyện {row['place']}"
    else:
        row["issuing_body"] = "UBND tỉnh Lạng Sơn"
        unsure.append("issuing_body")
    if title_districts:
        subject = list(dict.fromkeys(title_districts))
    elif row["issuing_body"].startswith("UBND huyện"):
        subject = [row["issuing_body"].removeprefix("UBND huyện ")]
    elif all_districts:
        subject = [Counter(all_districts).most_common(1)[0][0]]
        unsure.append("subject_districts")
    else:
        subject = []
        unsure.append("subject_districts")
    row["subject_districts"] = "; ".join(_district_name(d, places) for d in subject)
    named_first = list(dict.fromkeys(_communes(opening[:1500], places, subject)))
    communes = Counter(_communes(text, places, subject))
    top = max(communes.values(), default=0)
    often = [c for c, n in communes.most_common() if n >= 2 and n >= 0.5 * top]
    row["subject_communes"] = "; ".join([c for c in named_first if communes[c] >= 2][:2] or often[:2])

    low = (row["title"] + " " + opening[:600]).lower()
    held = row["title"].lower()  # the title says what the event was; else the opening
    held = ("kiểm tra" if "kiểm tra" in held else "làm việc" if "làm việc" in held else
            "họp" if re.search(r"\bhọp\b|hội nghị", held) else "")
    row["event_type"] = ("kiểm tra gián tiếp qua báo cáo (review of a district report)" if "gián tiếp" in low else
                         "kiểm tra (inspection)" if held == "kiểm tra" or not held and "kiểm tra" in low else
                         "kế hoạch (plan)" if word == "KẾ HOẠCH" else
                         "báo cáo theo yêu cầu (report on request)" if word == "BÁO CÁO" and _ON_REQUEST.search(low) else
                         "báo cáo định kỳ (periodic report)" if word == "BÁO CÁO" else
                         "làm việc (working session)" if held == "làm việc" or not held and "làm việc" in low else
                         "họp (meeting)" if held == "họp" or re.search(r"\bhọp\b|hội nghị", low) else "")
    event = None
    studied = re.search(r"nghiên cứu Báo cáo số \S+ ngày (\d{1,2}/\d{1,2}/\d{4})", opening)
    for m in ([studied] if studied else []) or re.finditer(r"(?<![Đđ]ến )(?<!hết )[Nn]gày\s+(\d{1,2}/\d{1,2}/\d{4})\s*,", opening):
        if not studied and re.search(r"\bsố\s+\S+\s*$", opening[max(0, m.start() - 40):m.start()]):
            continue  # "Căn cứ Nghị quyết số 14/NQ-HĐND ngày 18/12/2024, …": a cited document's date, not the event's
        event = find_date(m.group(1)).start
        break
    signed_on = date.fromisoformat(row["date_signed"]) if len(row["date_signed"]) == 10 else None
    period_text, p_start, p_end = report_period(row["title"] + "\n" + opening[:800], event, text, signed_on,
                                          word == "KẾ HOẠCH")
    if event is None:
        signed = row["date_signed"]
        # a report or plan is dated by its signing; without a full date, by the end of its period
        event = date.fromisoformat(signed) if len(signed) == 10 else p_end
        unsure.append("event_date")
    if event is not None and len(row["date_signed"]) == 7 and event.strftime("%Y-%m") > row["date_signed"]:
        event = date.fromisoformat(row["date_signed"] + "-01") + timedelta(days=27)
    if p_start is None and event is not None:
        p_start, p_end = date(event.year, 1, 1), event
    row["event_date"] = event.isoformat() if event else ""
    row["period_text"], row["period_start"] = period_text, p_start.isoformat() if p_start else ""
    row["period_end"] = p_end.isoformat() if p_end else ""
    confidence = round(max(0.2, min(sconf or 0.3, 0.95) - 0.1 * len(unsure)), 2)
    row["note"] = "Bản nháp của máy (make add)" + (f"; cần kiểm tra: {', '.join(unsure)}" if unsure else "")
    return row, confidence, unsure


def communes_from_figures(row: dict[str, str], figures: list[dict[str, str]], limit: int = 4,
                          text: str = "") -> dict[str, str]:
    """The registry row with its communes concerned taken from the drafted figures (the communes that have
    figures, in the order the report first names them), when any has; else as drafted from the text."""
    named = list(dict.fromkeys(f["commune"] for f in figures if f.get("commune")))
    if text:
        low = text.lower()
        named.sort(key=lambda c: (low.find(c.lower()) if c.lower() in low else len(low)))
    return {**row, "subject_communes": "; ".join(named[:limit])} if named else row
