"""Reading Vietnamese date and period notation: "ngày 13/9/2024", "quý I/2024",
"tháng 10/2024", "9 tháng đầu năm 2022", "hơn 03 tháng đầu năm", "ngày tháng 4 năm 2024", "đầu tháng 9"."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

__all__ = ["DateReading", "DateParseError", "read_date", "find_date"]


class DateParseError(ValueError):
    """A date expression that names an impossible date or none at all."""


@dataclass(frozen=True)
class DateReading:
    """A point or a period. `start`/`end` are inclusive; a day has start == end."""

    text: str
    kind: str  # day | month | quarter | year | months_to_date | range
    start: date
    end: date
    approximate: bool = False  # "hơn 03 tháng": the period runs a little past `end`
    matched: str = ""  # the words that gave the date

    @property
    def is_day(self) -> bool:
        return self.kind == "day"


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _day(d: int, m: int, y: int, text: str) -> date:
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise DateParseError(f"'{text}': {d}/{m}/{y} is not a real date ({exc})") from None


def _month_end(y: int, m: int, text: str) -> date:
    if not 1 <= m <= 12:
        raise DateParseError(f"'{text}': month {m} does not exist")
    return date(y, m, calendar.monthrange(y, m)[1])


_D = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(p, re.IGNORECASE))
    for kind, p in [
        ("range", rf"từ\s+(?:ngày\s+)?{_D}\s+đến\s+(?:hết\s+)?(?:ngày\s+)?{_D}"),
        ("day_words", r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"),
        ("blank_day", r"ngày\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"),
        ("day", _D),
        ("day_no_year", r"(?:đến|ngày|hết)\s+(?:ngày\s+)?(\d{1,2})/(\d{1,2})(?![/\d])(?!\s*[–-]\s*\d)"),  # "Tính đến 31/8"
        ("quarter", r"quý\s+(IV|III|II|I)\s*(?:/|\s+năm\s+)(\d{4})"),
        ("months_to_date", r"(hơn\s+|gần\s+)?(\d{1,2})\s+tháng\s+(?:đầu\s+)?năm(?:\s+(\d{4}))?"),
        ("month", r"tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})"),
        ("month_no_year", r"(?:đầu|giữa|cuối)\s+tháng\s+(\d{1,2})(?![/\d])(?!\s+năm\s+\d)"),  # "đầu tháng 9"
        ("year", r"năm\s+(\d{4})"),
    ]
]


def _from_match(kind: str, m: re.Match[str], text: str, default_year: int | None) -> DateReading:
    g = m.groups()
    if kind == "range":
        start = _day(int(g[0]), int(g[1]), int(g[2]), text)
        end = _day(int(g[3]), int(g[4]), int(g[5]), text)
        if end < start:
            raise DateParseError(f"'{text}': the period ends before it starts")
        return DateReading(text, "range", start, end)
    if kind in ("day", "day_words"):
        d = _day(int(g[0]), int(g[1]), int(g[2]), text)
        return DateReading(text, "day", d, d)
    if kind == "day_no_year":
        if default_year is None:
            raise DateParseError(f"'{text}' names no year: give the year of the report (default_year)")
        d = _day(int(g[0]), int(g[1]), default_year, text)
        return DateReading(text, "day", d, d)
    if kind == "month_no_year":
        if default_year is None:
            raise DateParseError(f"'{text}' names no year: give the year of the report (default_year)")
        mo = int(g[0])
        return DateReading(text, "month", date(default_year, mo, 1), _month_end(default_year, mo, text))
    if kind in ("blank_day", "month"):
        y, mo = int(g[1]), int(g[0])
        end = _month_end(y, mo, text)
        return DateReading(text, "month", date(y, mo, 1), end)
    if kind == "quarter":
        q, y = _ROMAN[g[0].upper()], int(g[1])
        return DateReading(text, "quarter", date(y, 3 * q - 2, 1), _month_end(y, 3 * q, text))
    if kind == "months_to_date":
        if g[2] is None and default_year is None:
            raise DateParseError(f"'{text}' names no year: give the year of the report (default_year)")
        approx, n, y = g[0], int(g[1]), int(g[2]) if g[2] else default_year
        if not 1 <= n <= 12:
            raise DateParseError(f"'{text}': {n} months is not part of one year")
        return DateReading(
            text, "months_to_date", date(y, 1, 1), _month_end(y, n, text), approximate=bool(approx)
        )
    y = int(g[0])
    return DateReading(text, "year", date(y, 1, 1), date(y, 12, 31))


def find_date(text: str, default_year: int | None = None) -> DateReading | None:
    """The first date or period expression in `text`, or None when there is none.

    `default_year` completes "hơn 03 tháng đầu năm" (no year written) from the report's year;
    without it such an expression is an error, never a guess.
    """
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("*", "")).strip()
    best: tuple[int, int, str, re.Match[str]] | None = None
    for order, (kind, pattern) in enumerate(_PATTERNS):
        if kind == "month_no_year" and default_year is None:
            continue  # "đầu tháng 9" without the report's year is no date (never a guess)
        m = pattern.search(text)
        if m and (best is None or (m.start(), order) < (best[0], best[1])):
            best = (m.start(), order, kind, m)
    if best is None:
        return None
    reading = _from_match(best[2], best[3], text, default_year)
    return replace(reading, matched=best[3].group(0))


def read_date(text: str, default_year: int | None = None) -> DateReading:
    """Like find_date, but an expression without any date is an error."""
    reading = find_date(text, default_year)
    if reading is None:
        raise DateParseError(f"no date or period in '{text}'")
    return reading
