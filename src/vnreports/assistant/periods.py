"""The period a report covers, from its title, opening and data cut-offs (for the drafted registry row)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from vnreports.notation.dates import DateParseError, find_date

_PERIODS = r"(?:hơn\s+)?\d{1,2}\s+tháng\s+đầu\s+năm\s+\d{4}|quý\s+[IV]+\s*(?:năm|/)\s*\d{4}|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}"


_TITLE_PERIODS = (r"(?:hơn\s+)?\d{1,2}\s+tháng\s+(?:đầu\s+)?năm\s+\d{4}", r"quý\s+[IV]+\s*(?:năm|/)\s*\d{4}",
                  r"(?:6|sáu) tháng (?:đầu|cuối) năm \d{4}", r"năm\s+\d{4}")


def _reading(words: str):
    try:
        return find_date(words)
    except DateParseError:
        return None


def _after(words: str, event: date | None) -> bool:
    reading = _reading(words)
    return event is not None and reading is not None and reading.start > event


def _cutoffs(text: str, year: str, event: date | None) -> list[tuple[str, date]]:
    """The data cut-offs a report states ("đến ngày 10/5/2025"), most stated first, as (words, date): a cut-off
    counts when stated twice, or opening a sentence ("Đến ngày …", "Tính đến ngày …"), and not after the event."""
    seen: dict[str, list] = {}
    for m in re.finditer(r"(tính\s+)?đến ngày\s+(\d{1,2}/\d{1,2}/" + (year or r"\d{4}") + ")", text, re.IGNORECASE):
        n, tinh, opening = seen.get(m.group(2), (0, False, False))
        seen[m.group(2)] = [n + 1, tinh or bool(m.group(1)), opening or m.group(0)[0] in "TĐ"]
    out = []
    for day, (n, tinh, opening) in sorted(seen.items(), key=lambda kv: -kv[1][0]):
        reading = _reading(day)
        if (n >= 2 or tinh or opening) and reading is not None and (event is None or reading.start <= event):
            out.append((f"đến ngày {day}", reading.start))  # written as the analysts name the period
    return out


def report_period(head: str, event: date | None, text: str = "", signed: date | None = None,
            plan: bool = False) -> tuple[str, date | None, date | None]:
    """The period the report covers: from the title and opening, else the period the body speaks of most. A
    report (not a plan) on "năm 2025" signed before December whose data stop at a cut-off covers the year up to
    it: "năm 2025 (đến ngày 20/6/2025)"."""
    m = re.search(r"[Tt]ừ ngày\s+(\d{1,2}/\d{1,2}/\d{4})\s+đến ngày\s+(\d{1,2}/\d{1,2}/\d{4})", head)
    if m:
        a, b = find_date(m.group(1)), find_date(m.group(2))
        return f"từ ngày {m.group(1)} đến ngày {m.group(2)}", a.start, b.start
    title_line = head.split("\n", 1)[0]
    m = re.search(r"(?:giai đoạn|5 năm|năm năm)\s+(\d{4})\s*[-–]\s*(\d{4})", head)
    if m and m.start() >= len(title_line) and re.search(r"\bnăm\s+\d{4}", title_line):
        m = None  # "… giảm nghèo bền vững … năm 2025" opened by "Quyết định … giai đoạn 2021 - 2025": the title's year
    if m:
        words, end = m.group(0), date(int(m.group(2)), 12, 31)
        cut = re.search(r"\(\s*tính đến ngày\s+(\d{1,2}/\d{1,2}/\d{4})\s*\)", head)
        reading = _reading(cut.group(1)) if cut else None
        if reading is not None and int(m.group(1)) <= reading.start.year <= end.year:  # "(tính đến ngày 31/5/2025)"
            words, end = f"{words} (tính đến ngày {cut.group(1)})", reading.start
        return words, date(int(m.group(1)), 1, 1), end
    if event is None:  # a report or a plan (no inspection day): the period its title names is the period
        # "… quý I, phương hướng, nhiệm vụ trọng tâm quý II năm 2025": the period is the one reported on, first
        reported, *ahead = re.split(r"[,;]\s*(?=(?:phương hướng|nhiệm vụ)\b)", title_line, maxsplit=1, flags=re.IGNORECASE)
        ahead = ahead[0] if ahead else ""
        year = re.search(r"\b(?:19|20)\d{2}\b", ahead)
        probes = [reported + (f" năm {year.group(0)}" if year and not re.search(r"\b(?:19|20)\d{2}\b", reported) else ""),
                  title_line]
        quarter = re.search(r"năm\s+(\d{4})\s+quý\s+([IV]+)\b", title_line, re.IGNORECASE)
        if quarter:  # "… vốn đầu tư công năm 2025 quý I …": the quarter of that year
            reading = _reading(f"quý {quarter.group(2)} năm {quarter.group(1)}")
            if reading is not None:
                return f"quý {quarter.group(2)} năm {quarter.group(1)}", reading.start, reading.end
        for probe in probes:
            for pat in _TITLE_PERIODS:
                m = re.search(pat, probe, re.IGNORECASE)
                reading = _reading(m.group(0)) if m else None
                if reading is None:
                    continue
                words = " ".join(m.group(0).split())
                cut = [c for c in _cutoffs(text, str(reading.start.year), signed) if c[1] < reading.end]
                data = re.search(r"số liệu\s+(?:được\s+)?(?:tính\s+)?đến\s+ngày\s+(\d{1,2}/\d{1,2}/" + str(reading.start.year)
                                 + ")", text, re.IGNORECASE)  # "(số liệu tính đến ngày 15/12/2024)": said outright
                if reading.kind == "year" and not plan and data and _reading(data.group(1)) is not None:
                    return f"{words} (đến ngày {data.group(1)})", reading.start, _reading(data.group(1)).start
                if reading.kind == "year" and not plan and signed and signed.month < 12 and cut:
                    return f"{words} ({cut[0][0]})", reading.start, cut[0][1]
                return words, reading.start, reading.end
    year = str(event.year) if event else ""
    said = Counter(" ".join(p.split()) for p in re.findall(_PERIODS, text, re.IGNORECASE)
                   if p.endswith(year) and not _after(p, event))  # a later quarter is a deadline, not the period
    cutoffs = _cutoffs(text, year, event)
    if not re.search(_PERIODS, head, re.IGNORECASE) and said:
        head = said.most_common(1)[0][0] + "\n" + head
    elif not re.search(_PERIODS, head, re.IGNORECASE) and cutoffs:
        words, d = cutoffs[0]
        # only its data's cut-off ("đến ngày 10/5/2025"): the unfinished year up to it, as the analysts name it
        return f"năm {d.year} ({words})", date(d.year, 1, 1), d
    reported, *ahead = re.split(r"[,;]\s*(?=(?:phương hướng|nhiệm vụ)\b)", title_line, maxsplit=1, flags=re.IGNORECASE)
    later = re.search(r"\b(?:19|20)\d{2}\b", ahead[0]) if ahead else None  # "… quý I, nhiệm vụ trọng tâm quý II năm
    if later and not re.search(r"\b(?:19|20)\d{2}\b", reported):  # 2025": the quarter reported on, in that year
        head = f"{reported} năm {later.group(0)}\n{head}"
    for pat in (r"(?:hơn\s+)?\d{1,2}\s+tháng\s+(?:đầu\s+)?năm\s+\d{4}", r"quý\s+[IV]+\s*(?:năm|/)\s*\d{4}",
                r"(?:6|sáu) tháng (?:đầu|cuối) năm \d{4}", r"năm\s+\d{4}"):
        m = next((m for m in re.finditer(pat, head, re.IGNORECASE) if not _after(m.group(0), event)), None)
        if m:  # a period after the event is a deadline's, not the report's
            try:
                r = find_date(m.group(0))
            except DateParseError:
                continue
            if r is None:
                continue
            end = r.end
            if event is not None and r.start <= event and (r.approximate or (r.kind == "year" and event < end)):
                end = event  # "hơn 03 tháng đầu năm", "năm 2024" in an inspection: up to the event
                if r.kind == "year" and cutoffs and cutoffs[0][1].year == r.start.year:  # … or its data cut-off
                    words, end = cutoffs[0]
                    return f"{' '.join(m.group(0).split())} ({words})", r.start, end
            return " ".join(m.group(0).split()), r.start, end
    if event is not None:
        return "", date(event.year, 1, 1), event
    return "", None, None
