"""Reading Vietnamese number, unit, rank and range notation as written in reports.

The reports mix conventions: "." is normally the thousands separator and "," the decimal
mark ("2.522,81 tỷ đồng"), but a comma is sometimes used for thousands ("9,142 triệu
đồng" for 9.142 triệu). A comma followed by exactly three digits can therefore be read
either way; the parser never picks one silently: it returns both candidates and marks the
reading ambiguous, so the transcription has to state its reading and say why. The same holds
for a '.' used as a decimal mark ("90.17%"), a space inside a number ("1 250 ha"), a range
("60 - 90%") and a dot before a stacked multiplier ("47.580 nghìn tỷ"). This module reads whole
figures; one number token is read in `tokens.py`, numbers are written back in Vietnamese notation by
`vi_format.py` (both re-exported here), unit words live in `units.py`, ranks written in words ("xếp
thứ hai") in `ranks.py`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from vnreports.notation.dates import DateParseError, find_date
from vnreports.notation.ranks import RANK_DENOMINATOR_RE, WordRank, match_word_rank
from vnreports.notation.tokens import NUMBER_RE, NumberReading, ParseError, read_number
from vnreports.notation.units import (
    FOREIGN_MONEY,
    MONEY_MULTIPLIERS,
    match_multiplier,
    match_unit,
    money_rate_base,
    split_multiplier,
    to_canonical,
)
from vnreports.notation.vi_format import format_plain, format_vi

__all__ = [
    "MONEY_MULTIPLIERS",
    "RANK_UNIT",
    "FigureReading",
    "NumberReading",
    "ParseError",
    "format_vi",
    "read_figure",
    "read_number",
    "to_canonical",
]
RANK_UNIT = "thứ hạng"
_NARROW = "\u202f"
_match_unit = match_unit  # the name the extractor imports

# Words before a number that qualify it; longer phrases first ("không dưới" before "dưới").
_QUALIFIERS = [
    ("không vượt quá", "at_most"), ("không quá", "at_most"), ("tối đa", "at_most"),
    ("không dưới", "at_least"), ("không thấp hơn", "at_least"), ("không ít hơn", "at_least"),
    ("tối thiểu", "at_least"), ("ít nhất", "at_least"), ("chưa đến", "less_than"), ("chưa tới", "less_than"),
    ("trên", "more_than"), ("hơn", "more_than"), ("xấp xỉ", "about"), ("gần", "about"), ("khoảng", "about"),
    ("ước đạt", "about"), ("ước tính", "about"), ("ước", "about"), ("dưới", "less_than"),
]
_RANK_PREFIX_RE = re.compile(r"(?:đứng\s+|xếp\s+)?(?:thứ|hạng|xếp\s+hạng|vị\s+trí)\s*$", re.IGNORECASE)
_SUPERLATIVE_RE = re.compile(r"\b(cao|thấp|nhiều)\s+nhất\b", re.IGNORECASE)  # nhiều nhất: the most
_CRITERION_NO_RE = re.compile(r"(?:tiêu\s+chí\s+(?:số\s+)?|^số\s+)$", re.IGNORECASE)  # "số 6" listed as a criterion
_YEAR_RE = re.compile(r"năm\s+$", re.IGNORECASE)
_RANGE_SEP_RE = re.compile(r"^\s*(?:-|–|—|đến|tới)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class FigureReading:
    """What a whole figure ("56,895 tỷ đồng/137,501 tỷ đồng", "thứ 05/11") says."""

    text: str
    kind: str  # amount | percent | count | measure | ratio | rank | superlative | range | year | criterion | date
    candidates: tuple[Decimal, ...]
    unit: str | None  # normalised unit, None for a count (noun in `tail`)
    denominator_candidates: tuple[Decimal, ...] = ()
    tail: str = ""  # words after the number (a count's noun, "nghìn người" with its multiplier word)
    qualifier: str | None = None  # at_least | at_most | more_than | less_than | about
    superlative: str | None = None  # highest | lowest
    reasons: tuple[str, ...] = field(default_factory=tuple)
    multiplier: int = 1  # of a multiplier word before a count or measure: "1,5 triệu người" → 1000000

    @property
    def ambiguous(self) -> bool:
        return bool(self.reasons)

    @property
    def value(self) -> Decimal | None:
        return self.candidates[0] if not self.ambiguous and len(self.candidates) == 1 else None

    @property
    def denominator(self) -> Decimal | None:
        if len(self.denominator_candidates) == 1:
            return self.denominator_candidates[0]
        return None


def _nfc(text: str) -> str:
    """NFC, whitespace folded, Markdown emphasis ("**10/2024**") dropped; a no-break or thin space
    between digit groups ("1\u00a0250") kept as one narrow no-break space."""
    text = unicodedata.normalize("NFC", text).replace("*", "")
    text = re.sub(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))", "\ue000", text)
    return re.sub(r"\s+", " ", text).strip().replace("\ue000", _NARROW)


def _qualifier(prefix: str, after: str) -> str | None:
    """"tối thiểu 40%", "hơn 500 ha", "không quá 3%", "từ 50% trở lên", "từ 5% trở xuống"."""
    low = prefix.lower().rstrip()
    for word, q in _QUALIFIERS:
        if re.search(rf"(?:^|\s){word}(?:\s+mức)?$", low):
            return q
    after_low = after.lower()
    if re.match(r"^\s*\S*\s*trở\s+lên", after_low) or re.search(r"\btừ$", low) and "trở lên" in after_low:
        return "at_least"
    if re.match(r"^\s*\S*\s*trở\s+xuống", after_low) or re.search(r"\btừ$", low) and "trở xuống" in after_low:
        return "at_most"
    return None


def _word_rank(text: str, rank: WordRank) -> FigureReading:
    """"xếp thứ hai", "thứ nhất", "đứng thứ ba/11"."""
    weekday = f"'{rank.text}' is also a weekday (capitalised, no 'đứng'/'xếp' before it): rank {rank.value} " \
        "only if the sentence ranks something"
    reasons = (weekday,) if rank.weekday_like else ()
    denominator = (Decimal(rank.denominator),) if rank.denominator is not None else ()
    return FigureReading(text, "rank", (Decimal(rank.value),), RANK_UNIT, denominator,
                         qualifier=_qualifier(text[: rank.start], text[rank.end :]), reasons=reasons)


def _superlative(text: str) -> FigureReading:
    sup = _SUPERLATIVE_RE.search(text)
    if not sup:
        raise ParseError(f"no number in '{text}'")
    which = "lowest" if sup.group(1).lower() == "thấp" else "highest"
    return FigureReading(
        text, "superlative", (Decimal(1),) if which == "highest" else (), RANK_UNIT, superlative=which,
        reasons=(f"superlative '{sup.group(0)}': the rank needs the number of ranked units (state it in 'denominator')",),
    )


def _multiplied(num: NumberReading, unit: str | None, multiplier: int) -> tuple[NumberReading, str | None]:
    """"47.580 nghìn tỷ": a dot and three digits before a multiplier word over a larger unit is read
    either way (a thousand or more of "nghìn" is unusual; some texts use '.' as decimal mark)."""
    token = num.text
    stacked = unit == "nghìn tỷ đồng" or multiplier > 1
    if not stacked or num.reason or not re.fullmatch(r"\d{1,3}\.\d{3}", token):
        return num, None
    plain, decimal = num.candidates[0], Decimal(token)
    word = unit or ("nghìn" if multiplier == 1000 else "triệu")
    why = (f"'.' followed by three digits before '{word}': {format_plain(plain)} ('.' separating thousands) "
           f"or {format_plain(decimal)} ('.' as a decimal mark); a thousand or more of a multiplier word is unusual")
    return NumberReading(token, (plain, decimal)), why


def _range(text: str, numbers: list[re.Match[str]], num: NumberReading, reasons: list[str],
           qualifier: str | None) -> FigureReading | None:
    """"60 - 90%", "60% - 90%", "14-16 tiêu chí", "từ 14 đến 16 tiêu chí", "2 - 3 xã"."""
    first, second = numbers[0], numbers[1]
    between = text[first.end() : second.start()]
    unit_lo, used = match_unit(between)
    if not _RANGE_SEP_RE.match(between[used:]):
        return None
    hi = read_number(second.group())
    after = text[second.end() :]
    unit_hi, _ = match_unit(after)
    if unit_lo is not None and unit_hi not in (None, unit_lo):
        raise ParseError(f"'{text}': a range from {unit_lo} to {unit_hi}")
    unit = unit_hi or unit_lo
    tail = "" if unit else after.strip()
    cands = tuple(dict.fromkeys(num.candidates + hi.candidates))
    more = [f"upper end {hi.reason}"] if hi.reason else []
    return FigureReading(
        text, "range", cands, unit, tail=tail, qualifier=qualifier,
        reasons=tuple(reasons + more) + (
            f"range {first.group()} to {second.group()}: state which end the figure is",
        ),
    )


def read_figure(text: str) -> FigureReading:
    """Read a figure as written in a report.

    Understands amounts with units ("9,142 triệu đồng", "2.200ha", "7.000.000đ", "1,2 nghìn tỷ
    đồng"), percentages ("53,2 %"), measures with a multiplier word ("59,2 ngàn ha" → 59.2
    "nghìn ha"), "N/M" ratios with a unit on either side, ranks ("thứ 05/11", "xếp hạng 4/11",
    "vị trí 03/11", and in words: "xếp thứ hai", "thứ nhất"), superlatives ("cao nhất"), ranges
    ("60 - 90%", "từ 14 đến 16 tiêu chí"), thresholds ("không quá 3%": `qualifier`), years ("năm
    2024"), criterion numbers ("Tiêu chí số 2") and counts with their noun ("1.311 con", "57xã",
    "1,5 triệu người": tail "triệu người", multiplier 10^6).
    """
    text = _nfc(text)
    if not text:
        raise ParseError("empty number text")
    numbers = list(NUMBER_RE.finditer(text))
    word_rank = match_word_rank(text)
    if word_rank is not None and (not numbers or word_rank.start < numbers[0].start()):
        return _word_rank(text, word_rank)
    if not numbers:
        return _superlative(text)

    first = numbers[0]
    prefix = text[: first.start()]
    num = read_number(first.group())
    reasons: list[str] = [num.reason] if num.reason else []
    after = text[first.end() :]
    qualifier = _qualifier(prefix, after)

    # A date given as the figure itself (a deadline: "tháng 10/2024", "ngày 31/12/2024"):
    # its value is the year; the exact date belongs in the row's deadline.
    try:
        date_reading = find_date(text)
    except DateParseError as exc:
        raise ParseError(str(exc)) from None
    if (
        date_reading is not None
        and date_reading.kind in ("day", "month", "quarter")
        and not NUMBER_RE.search(text.replace(date_reading.matched, ""))
    ):
        return FigureReading(text, "date", (Decimal(date_reading.end.year),), "năm")
    if re.match(r"/\d{1,2}/\d{4}", after):
        raise ParseError(f"'{text}' is a date written without 'ngày' or 'tháng'")

    # Rank: "thứ 05/11", "xếp hạng 4/11", "vị trí 03/11", "xếp thứ 8/11", "đứng thứ 2 trên 11 huyện".
    if _RANK_PREFIX_RE.search(prefix):
        m = RANK_DENOMINATOR_RE.match(after)
        denom = (Decimal(m.group(1) or m.group(2)),) if m else ()
        return FigureReading(
            text, "rank", num.candidates, RANK_UNIT, denom, qualifier=qualifier,
            reasons=tuple(reasons),
        )
    if _CRITERION_NO_RE.search(prefix):
        return FigureReading(text, "criterion", num.candidates, "tiêu chí số", reasons=tuple(reasons))
    if _YEAR_RE.search(prefix) and re.fullmatch(r"\d{4}", first.group()):
        return FigureReading(text, "year", num.candidates, "năm", qualifier=qualifier)

    unit, used = match_unit(after)
    rest = after[used:]

    # Ratio "N/M unit" or "N unit/M unit".
    m = re.match(r"\s*/\s*(" + NUMBER_RE.pattern + r")", rest)
    if m:
        den = read_number(m.group(1))
        if den.reason:
            reasons.append(f"denominator {den.reason}")
        unit2, used2 = match_unit(rest[m.end() :])
        if unit and unit2 and unit != unit2:
            raise ParseError(f"'{text}': numerator in {unit} but denominator in {unit2}")
        unit = unit or unit2
        tail = rest[m.end() + used2 :].strip()
        return FigureReading(
            text, "ratio", num.candidates, unit, den.candidates,
            tail="" if unit else tail, qualifier=qualifier, reasons=tuple(reasons),
        )

    if len(numbers) >= 2:
        ranged = _range(text, numbers, num, reasons, qualifier)
        if ranged is not None:
            return ranged

    multiplier, tail = 1, ""
    if unit is None:
        word, used_word = match_multiplier(rest)
        tail = rest.strip()
        if word is not None:  # "200 nghìn người", "1,5 triệu lượt khách"
            tail = f"{word} {rest[used_word:].strip()}"
            multiplier = split_multiplier(tail)[0]
    elif money_rate_base(unit) or unit in FOREIGN_MONEY:
        multiplier = 1  # money: its multiplier word is part of its unit ("triệu đồng/người", "triệu USD")
    else:
        multiplier = split_multiplier(unit)[0]
    num, why = _multiplied(num, unit, multiplier)
    if why:
        reasons.append(why)
    if unit == "%":
        kind = "percent"
    elif unit in MONEY_MULTIPLIERS or unit in FOREIGN_MONEY or money_rate_base(unit):
        kind = "amount"
    elif unit is not None:
        kind = "measure"
    else:
        kind = "count"
    if kind == "count" and not num.reason and any(
            c * multiplier != (c * multiplier).to_integral_value() for c in num.candidates):
        reasons.append("a count that is not a whole number")
    if kind == "count" and re.match(r"\d", tail):
        reasons.append(f"a number follows the count ('{tail}'): two numbers, or one written with a space")
    return FigureReading(
        text, kind, num.candidates, unit, tail=tail, qualifier=qualifier, reasons=tuple(reasons),
        multiplier=multiplier,
    )
