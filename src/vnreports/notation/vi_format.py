"""Writing numbers: Vietnamese notation ('.' for thousands, ',' for decimals) and a plain form for messages."""

from __future__ import annotations

from decimal import Decimal

__all__ = ["format_plain", "format_vi"]


def format_plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros, '.' as decimal mark."""
    return format(value.normalize(), "f")


def format_vi(value: Decimal | float, decimals: int | None = None) -> str:
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
