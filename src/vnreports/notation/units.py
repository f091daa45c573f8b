"""The unit words of Vietnamese figures: money, measures, multipliers ("nghìn", "triệu") and canonical units.

A unit is normalised as the reports' most common spelling: "tỉ" → "tỷ", "ngàn" (southern
spelling) → "nghìn", "m²" → "m2". A multiplier word before a measure or a count ("59,2 nghìn
ha", "1,5 triệu người") stays part of the unit as written; `to_canonical` applies it. Units of
the same quantity are never converted into each other (ha, km2 and m2 stay as written).
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = [
    "COUNT_MULTIPLIERS",
    "FOREIGN_MONEY",
    "MONEY_MULTIPLIERS",
    "money_rate_base",
    "match_multiplier",
    "match_unit",
    "split_multiplier",
    "to_canonical",
]

# Money units. Values are multipliers to đồng (exact integers).
MONEY_MULTIPLIERS: dict[str, int] = {
    "đồng": 1,
    "nghìn đồng": 1_000,
    "triệu đồng": 1_000_000,
    "tỷ đồng": 1_000_000_000,
    "nghìn tỷ đồng": 1_000_000_000_000,
}
# US dollars (border trade, exports): kept in USD, never converted to đồng.
FOREIGN_MONEY: dict[str, int] = {"USD": 1, "nghìn USD": 1_000, "triệu USD": 1_000_000, "tỷ USD": 1_000_000_000}
# Money per something ("42,5 triệu đồng/người/năm", "60 triệu đồng/nhà"): the words that may follow the slash.
_PER = (r"người|hộ|nhà|căn|tháng|năm|ha|lao\s+động|xã|thôn|công\s+trình|km|m2|con|học\s+sinh|suất|lượt|ngày|"
        r"dự\s+án|tấn|kg")
_PER_RE = re.compile(rf"\s*/\s*({_PER})(?![\w])(?:\s*/\s*(năm|tháng|ngày)(?![\w]))?", re.IGNORECASE)
_USD_RE = re.compile(r"(?:(nghìn|ngàn|triệu|tỷ|tỉ)\s+)?(?:USD|đô\s*la(?:\s+Mỹ)?)(?![\w])", re.IGNORECASE)
# Multiplier words before a measure or a count noun ("nghìn ha", "triệu người").
COUNT_MULTIPLIERS: dict[str, int] = {"nghìn": 1_000, "triệu": 1_000_000}
_MULTIPLIER_SPELLING = {"nghìn": "nghìn", "ngàn": "nghìn", "triệu": "triệu"}
_MULT = r"(nghìn|ngàn|triệu)"
_END = r"(?![\w])"

# Measures that a multiplier may precede, longest first: (pattern, normalised unit).
_MEASURES: list[tuple[str, str]] = [
    (r"ha" + _END + r"|héc\s*ta", "ha"),
    (r"km2" + _END + r"|km²", "km2"),
    (r"km" + _END, "km"),
    (r"m2" + _END + r"|m²", "m2"),
    (r"m3" + _END + r"|m³", "m3"),
    (r"kg" + _END, "kg"),
    (r"tấn" + _END, "tấn"),
    (r"lít" + _END, "lít"),
]
_MEASURE_ALT = "|".join(f"(?:{p})" for p, _ in _MEASURES)
# Nouns after a bare "triệu" that make it a multiplier of people or things, not "triệu đồng".
_TRIEU_NOUNS = (r"người|hộ|lượt|khách|con|cây|lao\s+động|nhân\s+khẩu|dân|liều|bao|viên|chiếc|cái|sản\s+phẩm|"
                r"học\s+sinh|thẻ|tài\s+khoản|giao\s+dịch|hồ\s+sơ|văn\s+bản|tin\s+nhắn|cuộc|bản|quyển|cuốn")

_UNIT_PATTERNS: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(p, re.IGNORECASE), unit)
    for p, unit in [
        (rf"(?:nghìn|ngàn)\s+t[ỷỉ](?:\s+đồng)?{_END}", "nghìn tỷ đồng"),
        (r"tỷ\s+đồng|tỉ\s+đồng|tỷ(?![\wđ])|tỉ(?![\wđ])", "tỷ đồng"),
        (rf"{_MULT}\s+(?:{_MEASURE_ALT})", None),  # "59,2 ngàn ha": multiplier and measure
        (rf"triệu\s+đồng|triệu(?!\s+(?:{_TRIEU_NOUNS}){_END}){_END}", "triệu đồng"),
        (r"nghìn\s+đồng|ngàn\s+đồng", "nghìn đồng"),
        (r"đồng|vnđ|vnd|đ(?![\w])|\^d(?![\w])", "đồng"),
        (r"%", "%"),
        (r"tiêu\s+chí\s*/\s*(?:01\s+)?xã", "tiêu chí/xã"),
        (r"tiêu\s+chí", "tiêu chí"),
        *_MEASURES,
        (r"gam" + _END + r"|g" + _END, "gam"),
    ]
]
_MEASURE_RES = [(re.compile(p, re.IGNORECASE), u) for p, u in _MEASURES]


def money_rate_base(unit: str) -> str | None:
    """The money unit of a money rate ("triệu đồng/người/năm" → "triệu đồng"), else None."""
    base, slash, _ = (unit or "").partition("/")
    return base if slash and (base in MONEY_MULTIPLIERS or base in FOREIGN_MONEY) else None


def _per(unit: str, stripped: str, used: int) -> tuple[str, int]:
    """A money unit and what it is per, when a slash and a noun follow ("triệu đồng" + "/người/năm")."""
    m = _PER_RE.match(stripped[used:])
    if not m:
        return unit, used
    per = "/".join(" ".join(g.lower().split()) for g in m.groups() if g)
    return f"{unit}/{per}", used + m.end()


def match_unit(text: str) -> tuple[str | None, int]:
    """Unit at the start of `text` (spaces allowed before it): (normalised unit, length consumed). Money may be
    per something ("triệu đồng/người/năm"); US dollars stay dollars ("58,2 triệu USD")."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    usd = _USD_RE.match(stripped)
    if usd:
        word = {"ngàn": "nghìn", "tỉ": "tỷ"}.get((usd.group(1) or "").lower(), (usd.group(1) or "").lower())
        unit, used = _per(f"{word} USD".strip(), stripped, usd.end())
        return unit, offset + used
    for pattern, unit in _UNIT_PATTERNS:
        m = pattern.match(stripped)
        if not m:
            continue
        if unit is None:  # a multiplier and a measure: "nghìn ha", "triệu m3"
            word = _MULTIPLIER_SPELLING[m.group(1).lower()]
            rest = stripped[m.end(1) :].lstrip()
            unit = next(u for r, u in _MEASURE_RES if r.match(rest))
            return f"{word} {unit}", offset + m.end()
        if unit in MONEY_MULTIPLIERS:
            unit, used = _per(unit, stripped, m.end())
            return unit, offset + used
        return unit, offset + m.end()
    return None, 0


def match_multiplier(text: str) -> tuple[str | None, int]:
    """A multiplier word before a count noun at the start of `text` ("nghìn người", "triệu lượt"):
    (normalised word, length consumed including the spaces after it)."""
    m = re.match(rf"\s*{_MULT}\s+(?=[^\W\d_])", text, re.IGNORECASE)
    if not m:
        return None, 0
    return _MULTIPLIER_SPELLING[m.group(1).lower()], m.end()


def split_multiplier(unit: str) -> tuple[int, str]:
    """(multiplier, base unit) of a unit written with a multiplier word ("nghìn ha" → 1000, "ha");
    money units are not split (see MONEY_MULTIPLIERS)."""
    word, _, base = unit.partition(" ")
    word = _MULTIPLIER_SPELLING.get(word.lower(), "")
    if word and base and unit not in MONEY_MULTIPLIERS:
        return COUNT_MULTIPLIERS[word], base
    return 1, unit


def to_canonical(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Value in the warehouse's canonical unit: exact đồng for money; a multiplier word applied
    ("200 nghìn người" → 200000 người, "59,2 nghìn ha" → 59200 ha); any other unit as it is."""
    if unit in MONEY_MULTIPLIERS:
        return value * MONEY_MULTIPLIERS[unit], "đồng"
    if unit in FOREIGN_MONEY:
        return value * FOREIGN_MONEY[unit], "USD"
    base = money_rate_base(unit)
    if base is not None:  # "42,5 triệu đồng/người/năm" → 42500000 đồng/người/năm
        value, canonical = to_canonical(value, base)
        return value, canonical + unit[len(base):]
    factor, base = split_multiplier(unit)
    return value * factor, base
