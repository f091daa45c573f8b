"""Reading one number token ("60.746", "41,4", "9,142", "2.522,81", "1 250"): every value its notation allows.

A comma followed by exactly three digits reads either way (decimal comma or thousands separator), a '.'
followed by other than three digits is a decimal mark in English notation, a space between digit groups
may separate thousands or two numbers: the reader returns every candidate and says why it is ambiguous.
`numbers.py` reads whole figures (units, ratios, ranges, ranks) from these tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from vnreports.notation.vi_format import format_plain, format_vi

__all__ = ["NUMBER_RE", "NumberReading", "ParseError", "read_number"]


class ParseError(ValueError):
    """The text holds no readable number."""


# Number token: digits with optional groups separated by "." or ","; or groups of three digits
# separated by a space or a narrow no-break space ("1 250", "1\u202f250,5").
NUMBER_RE = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:[ \u202f]\d{3}(?!\d))+(?:,\d+)?(?![.,]?\d)|\d+(?:[.,]\d+)*")


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


def _read_spaced(token: str) -> NumberReading:
    """"1 250" or "1\u202f250,5": groups of three digits after a space or a narrow no-break space."""
    int_part, _, frac = token.partition(",")
    value = Decimal("".join(int_part.split()) + ("." + frac if frac else ""))
    if " " not in int_part:  # narrow no-break spaces: a typeset thousands separator
        return NumberReading(token, (value,))
    return NumberReading(
        token, (value,),
        f"digits separated by a space in '{token}': {format_plain(value)} if the space separates thousands, "
        f"or separate numbers ({' and '.join(int_part.split())})",
    )


def read_number(token: str) -> NumberReading:
    """Read one number token ("60.746", "41,4", "9,142", "2.522,81", "1 250").

    Returns every plausible value; more than one candidate (or a reason) means the
    notation alone cannot decide.
    """
    token = token.strip()
    if not NUMBER_RE.fullmatch(token):
        raise ParseError(f"'{token}' is not a number")
    if re.search(r"\d[ \u202f]\d", token):
        return _read_spaced(token)
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
                token, (value,), f"English notation in '{token}' ('.' as decimal mark, ',' for thousands): "
                f"{format_plain(value)}; Vietnamese writes {format_vi(value)}"
            )
        return NumberReading(token, (value,))
    sep = "." if has_dot else ","
    groups = token.split(sep)
    plain = Decimal("".join(groups))
    if len(groups) > 2:
        if _groups_ok(groups):
            if sep == ",":
                return NumberReading(token, (plain,), f"',' used as thousands separator in '{token}': "
                                     f"{format_plain(plain)} (English notation; Vietnamese writes {format_vi(plain)})")
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
        token, (decimal,),
        f"'.' used as a decimal mark (Vietnamese uses ','): '{token}' reads {format_plain(decimal)}, written "
        f"{token.replace('.', ',')} in Vietnamese notation; it cannot be a thousands separator, which is "
        "followed by exactly three digits",
    )
