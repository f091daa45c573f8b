"""Reading Vietnamese number, unit, rank and range notation as written in reports.

The reports mix conventions: "." is normally the thousands separator and "," the decimal
mark ("2.522,81 tỷ đồng"), but a comma is sometimes used for thousands ("9,142 triệu
đồng" for 9.142 triệu). A comma followed by exactly three digits can therefore be read
either way; the parser never picks one silently: it returns both candidates and marks the
reading ambiguous, so the transcription has to state its reading and say why.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from vnreports.notation.dates import DateParseError, find_date

__all__ = [
    "NumberReading",
    "FigureReading",
    "ParseError",
    "read_number",
    "read_figure",
    "format_vi",
    "MONEY_MULTIPLIERS",
]


class ParseError(ValueError):
    """The text holds no readable number."""


# Number token: digits with optional groups separated by "." or ",".
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")

# Money units, longest first. Values are (normalised unit, multiplier to đồng).
MONEY_MULTIPLIERS: dict[str, int] = {
    "đồng": 1,
    "nghìn đồng": 1_000,
    "triệu đồng": 1_000_000,
    "tỷ đồng": 1_000_000_000,
}
_UNIT_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), unit)
    for p, unit in [
        (r"tỷ\s+đồng|tỉ\s+đồng|tỷ(?![\wđ])|tỉ(?![\wđ])", "tỷ đồng"),
        (r"triệu\s+đồng|triệu(?!\s+(?:người|hộ|lượt))(?![\w])", "triệu đồng"),
        (r"nghìn\s+đồng|ngàn\s+đồng", "nghìn đồng"),
        (r"đồng|vnđ|vnd|đ(?![\w])|\^d(?![\w])", "đồng"),
        (r"%", "%"),
        (r"tiêu\s+chí\s*/\s*(?:01\s+)?xã", "tiêu chí/xã"),
        (r"tiêu\s+chí", "tiêu chí"),
        (r"ha(?![\w])|héc\s*ta", "ha"),
        (r"km(?![\w])", "km"),
        (r"m3(?![\w])|m³", "m3"),
        (r"kg(?![\w])", "kg"),
        (r"tấn(?![\w])", "tấn"),
        (r"gam(?![\w])|g(?![\w])", "gam"),
        (r"lít(?![\w])", "lít"),
    ]
]

# Words before a number that qualify it.
_QUALIFIERS = [
    ("tối thiểu", "at_least"),
    ("ít nhất", "at_least"),
    ("trên", "more_than"),
    ("hơn", "more_than"),
    ("gần", "about"),
    ("khoảng", "about"),
    ("ước", "about"),
    ("dưới", "less_than"),
]
_RANK_PREFIX_RE = re.compile(
    r"(?:đứng\s+|xếp\s+)?(?:thứ|hạng|xếp\s+hạng|vị\s+trí)\s*$", re.IGNORECASE
)
_SUPERLATIVE_RE = re.compile(r"\b(cao|thấp|nhiều)\s+nhất\b", re.IGNORECASE)  # nhiều nhất: the most
_CRITERION_NO_RE = re.compile(r"tiêu\s+chí\s+(?:số\s+)?$", re.IGNORECASE)
_YEAR_RE = re.compile(r"năm\s+$", re.IGNORECASE)
_RANGE_SEP_RE = re.compile(r"^\s*(?:-|–|—|đến)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberReading:
    """One number token and what it can mean."""

    text: str
    candidates: tuple[Decimal, ...]
    reason: str = ""

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) != 1 or bool(self.reason)

    @property
    def value(self) -> Decimal | None:
        return self.candidates[0] if len(self.candidates) == 1 and not self.reason else None


def _groups_ok(groups: list[str]) -> bool:
    """Thousands grouping: first group 1-3 digits (not a lone leading zero), the rest 3."""
    first, rest = groups[0], groups[1:]
    return 1 <= len(first) <= 3 and not (len(first) > 1 and first[0] == "0") and first != "0" and all(
        len(g) == 3 for g in rest
    )


def read_number(token: str) -> NumberReading:
    """Read one number token ("60.746", "41,4", "9,142", "2.522,81").

    Returns every plausible value; more than one candidate (or a reason) means the
    notation alone cannot decide.
    """
    token = token.strip()
    if not NUMBER_RE.fullmatch(token):
        raise ParseError(f"'{token}' is not a number")
    has_dot, has_comma = "." in token, "," in token
    if not has_dot and not has_comma:
        return NumberReading(token, (Decimal(token),))
    if has_dot and has_comma:
        last = max(token.rfind("."), token.rfind(","))
        dec_mark = token[last]
        thousands = "," if dec_mark == "." else "."
        int_part, frac = token[:last], token[last + 1 :]
        if dec_mark in int_part or not _groups_ok(int_part.split(thousands)):
            raise ParseError(f"'{token}' mixes '.' and ',' in no known pattern")
        value = Decimal(int_part.replace(thousands, "") + "." + frac)
        if dec_mark == ".":
            return NumberReading(
                token, (value,), "English notation ('.' as decimal mark, ',' for thousands)"
            )
        return NumberReading(token, (value,))
    sep = "." if has_dot else ","
    groups = token.split(sep)
    plain = Decimal("".join(groups))
    if len(groups) > 2:
        if _groups_ok(groups):
            if sep == ",":
                return NumberReading(token, (plain,), "',' used as thousands separator")
            return NumberReading(token, (plain,))
        raise ParseError(f"'{token}' has several '{sep}' but not in groups of three digits")
    int_part, frac = groups
    decimal = Decimal(int_part + "." + frac)
    if sep == ",":
        if len(frac) == 3 and _groups_ok(groups):
            return NumberReading(
                token,
                (decimal, plain),
                f"comma followed by three digits: {format_plain(decimal)} (decimal comma) "
                f"or {format_plain(plain)} (thousands separator)",
            )
        return NumberReading(token, (decimal,))
    # dot
    if len(frac) == 3 and _groups_ok(groups):
        return NumberReading(token, (plain,))
    return NumberReading(
        token, (decimal,), "'.' used as a decimal mark (Vietnamese uses ',')"
    )


def format_plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros, '.' as decimal mark."""
    text = format(value.normalize(), "f")
    return text


@dataclass(frozen=True)
class FigureReading:
    """What a whole figure ("56,895 tỷ đồng/137,501 tỷ đồng", "thứ 05/11") says."""

    text: str
    kind: str  # amount | percent | count | measure | ratio | rank | superlative | range | year | criterion
    candidates: tuple[Decimal, ...]
    unit: str | None  # normalised unit, None for a count (noun in `tail`)
    denominator_candidates: tuple[Decimal, ...] = ()
    tail: str = ""  # words after the number (a count's noun)
    qualifier: str | None = None
    superlative: str | None = None  # highest | lowest
    reasons: tuple[str, ...] = field(default_factory=tuple)

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
    """NFC, whitespace folded, Markdown emphasis ("**10/2024**") dropped."""
    text = unicodedata.normalize("NFC", text).replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def _match_unit(text: str) -> tuple[str | None, int]:
    """Unit at the start of `text`: (normalised unit, length consumed)."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    for pattern, unit in _UNIT_PATTERNS:
        m = pattern.match(stripped)
        if m:
            return unit, offset + m.end()
    return None, 0


def _qualifier(prefix: str, after: str) -> str | None:
    """"tối thiểu 40%", "hơn 500 ha", "khoảng 30%", "từ 50% trở lên"."""
    low = prefix.lower().rstrip()
    for word, q in _QUALIFIERS:
        if re.search(rf"(?:^|\s){word}(?:\s+mức)?$", low):
            return q
    if re.match(r"^\s*\S*\s*trở\s+lên", after.lower()) or re.search(r"\btừ$", low) and "trở lên" in after.lower():
        return "at_least"
    return None


def read_figure(text: str) -> FigureReading:
    """Read a figure as written in a report.

    Understands amounts with units ("9,142 triệu đồng", "2.200ha", "7.000.000đ"),
    percentages, "N/M" ratios with a unit on either side, ranks ("thứ 05/11",
    "xếp hạng 4/11", "vị trí 03/11"), superlatives ("cao nhất", "thấp nhất"), ranges
    ("60 - 90%"), years ("năm 2024"), criterion numbers ("Tiêu chí số 2") and counts with
    their noun ("1.311 con", "02 Trạm Y tế").
    """
    text = _nfc(text)
    if not text:
        raise ParseError("empty number text")
    numbers = list(NUMBER_RE.finditer(text))
    if not numbers:
        sup = _SUPERLATIVE_RE.search(text)
        if sup:
            which = "lowest" if sup.group(1).lower() == "thấp" else "highest"
            return FigureReading(
                text,
                "superlative",
                (Decimal(1),) if which == "highest" else (),
                "thứ hạng",
                superlative=which,
                reasons=(
                    f"superlative '{sup.group(0)}': the rank needs the number of ranked units "
                    "(state it in 'denominator')",
                ),
            )
        raise ParseError(f"no number in '{text}'")

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

    # Rank: "thứ 05/11", "xếp hạng 4/11", "vị trí 03/11", "xếp thứ 8/11".
    if _RANK_PREFIX_RE.search(prefix):
        m = re.match(r"\s*/\s*(\d+)", after)
        denom = (Decimal(m.group(1)),) if m else ()
        return FigureReading(
            text, "rank", num.candidates, "thứ hạng", denom, qualifier=qualifier,
            reasons=tuple(reasons),
        )
    if _CRITERION_NO_RE.search(prefix):
        return FigureReading(text, "criterion", num.candidates, "tiêu chí số", reasons=tuple(reasons))
    if _YEAR_RE.search(prefix) and re.fullmatch(r"\d{4}", first.group()):
        return FigureReading(text, "year", num.candidates, "năm", qualifier=qualifier)

    unit, used = _match_unit(after)
    rest = after[used:]

    # Ratio "N/M unit" or "N unit/M unit".
    m = re.match(r"\s*/\s*(" + NUMBER_RE.pattern + r")", rest)
    if m:
        den = read_number(m.group(1))
        if den.reason:
            reasons.append(f"denominator {den.reason}")
        unit2, used2 = _match_unit(rest[m.end() :])
        if unit and unit2 and unit != unit2:
            raise ParseError(f"'{text}': numerator in {unit} but denominator in {unit2}")
        unit = unit or unit2
        tail = rest[m.end() + used2 :].strip()
        kind = "ratio"
        return FigureReading(
            text, kind, num.candidates, unit, den.candidates,
            tail="" if unit else tail, qualifier=qualifier, reasons=tuple(reasons),
        )

    # Range "60 - 90%".
    if unit is None and len(numbers) >= 2:
        between = text[first.end() : numbers[1].start()]
        if _RANGE_SEP_RE.match(between):
            hi = read_number(numbers[1].group())
            unit_hi, _ = _match_unit(text[numbers[1].end() :])
            cands = tuple(dict.fromkeys(num.candidates + hi.candidates))
            return FigureReading(
                text, "range", cands, unit_hi, qualifier=qualifier,
                reasons=tuple(reasons) + (
                    f"range {first.group()} to {numbers[1].group()}: state which end the figure is",
                ),
            )

    if unit == "%":
        kind = "percent"
    elif unit in MONEY_MULTIPLIERS:
        kind = "amount"
    elif unit is not None:
        kind = "measure"
    else:
        kind = "count"
    tail = rest.strip() if unit is None else ""
    if kind == "count" and num.candidates and any(c != c.to_integral_value() for c in num.candidates) and not num.reason:
        reasons.append("a count that is not a whole number")
    return FigureReading(
        text, kind, num.candidates, unit, tail=tail, qualifier=qualifier, reasons=tuple(reasons)
    )


def to_canonical(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Value in the warehouse's canonical unit: đồng for money, the unit itself otherwise."""
    if unit in MONEY_MULTIPLIERS:
        return value * MONEY_MULTIPLIERS[unit], "đồng"
    return value, unit


def format_vi(value: Decimal | float | int, decimals: int | None = None) -> str:
    """Vietnamese number format: '.' for thousands, ',' for decimals ("2.522,81")."""
    d = Decimal(str(value))
    if decimals is not None:
        d = round(d, decimals)
    sign = "-" if d < 0 else ""
    d = abs(d)
    text = format_plain(d) if decimals is None else f"{d:.{decimals}f}"
    int_part, _, frac = text.partition(".")
    groups = []
    while len(int_part) > 3:
        groups.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    groups.insert(0, int_part)
    out = ".".join(groups)
    return sign + out + ("," + frac if frac else "")
