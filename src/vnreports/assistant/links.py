"""Links a drafted sentence states: parts of a total ("trong đó"), a rate and its inputs, ranks "sau huyện …"."""

from __future__ import annotations

import re
from decimal import Decimal

from vnreports.notation.letters import UPPER
from vnreports.notation.numbers import MONEY_MULTIPLIERS, to_canonical
from vnreports.raw.schema import RANK_UNIT

_AFTER = re.compile(r"sau\s+(?:các\s+)?(?:huyện|thành phố|TP\.?)\s+((?:[" + UPPER + r"][\wÀ-ỹđ]*\s?){1,3}"
                    r"(?:\s*(?:,|và)\s*(?:huyện\s+|thành phố\s+)?(?:[" + UPPER + r"][\wÀ-ỹđ]*\s?){1,3})*)")


def _family(unit: str) -> str:
    return "money" if unit in MONEY_MULTIPLIERS else unit


def _canon(row: dict) -> Decimal:
    return to_canonical(Decimal(row["value"]), row["unit"])[0] if row["unit"] in MONEY_MULTIPLIERS else Decimal(
        row["value"])


def _tolerance(stated: str) -> Decimal:
    decimals = len(stated.partition(".")[2])
    return Decimal("0.5") * Decimal(10) ** -decimals + Decimal("0.05")


def link_figures(text: str, rows: list[dict]) -> None:
    """Fill part_of, computed_from and ranked_after in place where the sentence says so and the numbers agree."""
    by_sentence: dict[tuple[int, int], list[dict]] = {}
    for r in rows:
        by_sentence.setdefault(r["_sentence"], []).append(r)
    for sent, group in by_sentence.items():
        _row_total(text, group)
        _parts(text, sent, group)
        _rates(group)
        for r in group:
            if r["unit"] == RANK_UNIT:
                m = _AFTER.search(text[r["_end"]:sent[1]][:120])
                if m:
                    names = [n.strip() for n in re.split(r",|\bvà\b", m.group(1)) if n.strip()]
                    names = [re.sub(r"^(?:huyện|thành phố)\s+", "", n) for n in names]
                    r["ranked_after"] = "; ".join(names)


def _row_total(text: str, group: list[dict]) -> None:
    """A table row's "Cộng"/"Tổng" column: the row's other cells in its unit are its parts when they add up to it
    ("Dự án 2 | - | 6.850 | 6.850" under "… | Vốn sự nghiệp | Cộng": the 6.850 of the sự nghiệp column is part of
    the row's total, a figure of its own)."""
    from vnreports.assistant.tables import table_cell

    cells = [(r, table_cell(text, r["_start"])) for r in group]
    if not cells or any(cell is None for _, cell in cells):
        return
    totals = [r for r, cell in cells if re.match(r"\W*(?:cộng|tổng)\b", cell.header, re.IGNORECASE)]
    if len(totals) != 1 or totals[0]["unit"] in ("%", RANK_UNIT):
        return
    total = totals[0]
    parts = [r for r, _ in cells if r is not total and r["unit"] == total["unit"] and not r["part_of"]]
    if parts and abs(sum(_canon(p) for p in parts) - _canon(total)) <= _tolerance(total["value"]):
        for p in parts:
            p["part_of"] = total["figure_id"]


def _parts(text: str, sent: tuple[int, int], group: list[dict]) -> None:
    """"X …, trong đó A …, B …": figures after "trong đó" in X's unit family are parts of X, if they fit in X."""
    for m in re.finditer(r"trong đó", text[sent[0]:sent[1]]):
        at = sent[0] + m.start()
        totals = [r for r in group if r["_end"] <= at and r["unit"] != RANK_UNIT and r["unit"] != "%"]
        if not totals:
            continue
        total = totals[-1]
        parts = [r for r in group if r["_start"] > at and _family(r["unit"]) == _family(total["unit"])
                 and not r["part_of"] and r is not total]
        nxt = re.search(r"trong đó", text[at + 8:sent[1]])
        if nxt:
            parts = [r for r in parts if r["_start"] < at + 8 + nxt.start()]
        if parts and sum(_canon(p) for p in parts) <= _canon(total) * Decimal("1.0001"):
            for p in parts:
                p["part_of"] = total["figure_id"]


def _rates(group: list[dict]) -> None:
    """A stated % that equals N/M of a ratio figure before it (fA), or amount/plan of two figures (fA/fB)."""
    for i, r in enumerate(group):
        if r["unit"] != "%" or r["computed_from"]:
            continue
        stated, tol = Decimal(r["value"]), _tolerance(r["value"])
        earlier = [g for g in group[:i] if g["unit"] not in ("%", RANK_UNIT)][-3:]
        for g in reversed(earlier):
            if g["denominator"] and Decimal(g["denominator"]) != 0:
                if abs(100 * Decimal(g["value"]) / Decimal(g["denominator"]) - stated) <= tol:
                    r["computed_from"] = g["figure_id"]
                    break
        if r["computed_from"]:
            continue
        for a in earlier:
            for b in earlier:
                if a is b or _family(a["unit"]) != _family(b["unit"]) or _canon(b) == 0:
                    continue
                if abs(100 * _canon(a) / _canon(b) - stated) <= tol:
                    r["computed_from"] = f"{a['figure_id']}/{b['figure_id']}"
                    break
            if r["computed_from"]:
                break
