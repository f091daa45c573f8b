"""Links between figures of one transcription: part_of totals and computed_from rates."""

from __future__ import annotations

from vnreports.notation.numbers import MONEY_MULTIPLIERS
from vnreports.notation.units import money_rate_base
from vnreports.raw import fidelity
from vnreports.raw.csvio import Row
from vnreports.raw.schema import _COMPUTED_FROM, ALL_MEASURE_UNITS, FIGURE_COLUMNS, Collector


def _unit_family(unit: str) -> str:
    """Units that can be added: money with money, a measure with itself, counts with counts."""
    if unit in MONEY_MULTIPLIERS:
        return "money"
    if money_rate_base(unit):
        return unit  # money per head is not added to amounts
    return unit if unit in ALL_MEASURE_UNITS else "count"


def check_links(display: str, rows: list[Row], out: Collector) -> None:
    """part_of and computed_from name figures of the same file; a part has its total's unit."""
    by_id = {r.values["figure_id"]: r.values for r in rows}
    for row in rows:
        v = row.values
        add = lambda col, msg, fix: out.add(display, row, col, msg, fix, FIGURE_COLUMNS)  # noqa: E731
        if v["part_of"]:
            total = by_id.get(v["part_of"])
            if total is None:
                add("part_of", f"no figure '{v['part_of']}' in this file", "name the figure_id of the total")
            elif total is v:
                add("part_of", "a figure cannot be a part of itself", "name the figure_id of the total")
            elif _unit_family(total["unit"]) != _unit_family(v["unit"]):
                add("part_of", f"part in '{v['unit']}' of a total in '{total['unit']}'",
                    "a part must be in the unit of its total")
        if fidelity.is_sum(v["computed_from"]):
            fidelity.check_sum(v, by_id, add)
        elif v["computed_from"]:
            m = _COMPUTED_FROM.fullmatch(v["computed_from"])
            if not m:
                add("computed_from", f"'{v['computed_from']}' is not 'fA', 'fA/fB', 'fA-fB' or 'fA+fB+…'",
                    "write fA (a N/M figure), fA/fB (a rate), fA-fB (a difference) or fA+fB+… (a sum)")
                continue
            for ref in (m.group(1), m.group(3)):
                if ref and ref not in by_id:
                    add("computed_from", f"no figure '{ref}' in this file", "name existing figure_ids")
            if not m.group(2) and m.group(1) in by_id and not by_id[m.group(1)]["denominator"]:
                add("computed_from", f"'{m.group(1)}' has no denominator", "write fA/fB to name the denominator")
