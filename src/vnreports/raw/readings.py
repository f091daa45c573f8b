"""Checks of one figure's reading: value against notation, units, domains, as-of and deadline dates."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from vnreports.notation.dates import DateParseError, find_date
from vnreports.notation.numbers import FigureReading
from vnreports.raw import fidelity
from vnreports.raw.schema import (
    CRITERIA_SETS,
    MEASURE_UNITS,
    RANK_UNIT,
    Report,
    iso,
    normalise_space,
    unit_allowed,
)


def check_reading(reading: FigureReading, value: Decimal, denominator: Decimal | None, unit: str,
                   v: dict[str, str], metric: dict[str, str] | None, add) -> None:
    """The stated reading must be one the notation allows; ambiguity must be explained."""
    shown = " or ".join(str(c.normalize()) for c in reading.candidates) or "?"
    if reading.kind == "superlative":
        if denominator is None:
            add("denominator", f"'{v['number_text']}' is a rank without the number of ranked units",
                "write the number of ranked units, e.g. 11 for the districts and city of Lạng Sơn")
        elif reading.superlative == "highest" and value != (top := fidelity.highest_rank(v["ranked_after"])):
            add("value", f"'{v['number_text']}' is rank {top}, not {v['value']}", f"write value {top}")
        elif reading.superlative == "lowest" and value != denominator:
            add("value", f"'{v['number_text']}' is the last rank ({denominator.normalize()}), not {v['value']}",
                "write the value equal to the denominator")
    elif value not in reading.candidates:
        add("value", f"value {v['value']} does not match '{v['number_text']}', which reads as {shown} ({unit or reading.unit})",
            "correct the value; money is in the unit of 'unit' (e.g. 9142 with unit 'triệu đồng')")
    if reading.ambiguous and not v["reading_note"]:
        add("reading_note", "ambiguous: " + "; ".join(reading.reasons),
            "state your reading in 'value' and explain why in 'reading_note'")
    if reading.denominator_candidates:
        if denominator is None:
            add("denominator", f"'{v['number_text']}' has a denominator ({' or '.join(str(c.normalize()) for c in reading.denominator_candidates)})",
                "write it in 'denominator'")
        elif denominator not in reading.denominator_candidates:
            add("denominator", f"denominator {v['denominator']} does not match '{v['number_text']}'",
                "copy the number after '/' in the unit of 'unit'")
    elif denominator is not None and reading.kind != "superlative":
        add("denominator", f"'{v['number_text']}' has no denominator", "leave 'denominator' empty")

    # Units
    if reading.kind in ("rank", "superlative"):
        if unit != RANK_UNIT:
            add("unit", f"'{v['number_text']}' is a rank: the unit is '{RANK_UNIT}'", f"write '{RANK_UNIT}'")
    elif reading.unit is not None:
        if unit != reading.unit and not unit.startswith(reading.unit):
            add("unit", f"unit '{unit}' does not match '{v['number_text']}', which is in '{reading.unit}'",
                f"write '{reading.unit}'")
    else:
        tail = reading.tail.lower()
        if not unit or (not tail and _table_cell(v)):
            pass  # a table cell ("7,8" under "Đơn vị tính: %"): its unit is in its column or row, not beside it
        elif not tail:
            add("number_text", f"the count '{v['number_text']}' has no noun",
                "copy the noun that follows the number into number_text (e.g. '03 vụ', '1.311 con')")
        elif not tail.startswith(unit.lower()):
            add("unit", f"unit '{unit}' is not the noun written after the number ('{reading.tail}')",
                "write the noun as written after the number")
    # Domains: a rank lies between 1 and the number ranked; criteria met cannot exceed the set.
    if reading.kind in ("rank", "superlative") and denominator is not None and not (1 <= value <= denominator):
        add("value", f"rank {v['value']} is outside 1…{denominator.normalize():f}",
            "check the rank and the number of ranked units (e.g. 11 districts and city)")
    if metric is not None and metric["metric_code"] in CRITERIA_SETS and denominator is not None and \
            reading.kind not in ("rank", "superlative"):  # a rank's denominator is how many are ranked
        size = CRITERIA_SETS[metric["metric_code"]]
        if denominator != size:
            add("denominator", f"metric '{v['metric']}' counts criteria out of {size}, not {denominator:f}",
                "use the metric of the right criteria set (19 commune, 9 model village, 4 model commune)")
        elif value > denominator:
            add("value", f"{v['value']} criteria met is more than the set's {size}", "check the number as written")
    if metric is None or not unit:
        return
    kind = metric["unit_kind"]
    if unit == RANK_UNIT and kind != "rank_change":
        if reading.kind not in ("rank", "superlative"):
            add("unit", f"unit '{RANK_UNIT}' but '{v['number_text']}' is not a rank", "check unit and number_text")
        return
    allowed = MEASURE_UNITS.get(kind)
    if allowed is not None and not unit_allowed(kind, unit):
        add("unit", f"metric '{v['metric']}' is measured in {', '.join(sorted(allowed))}, not '{unit}'",
            "choose the metric that matches the unit, or correct the unit")
    if kind == "count" and not unit_allowed(kind, unit):
        add("unit", f"metric '{v['metric']}' is a count, but '{unit}' is a measure", "choose a metric measured in that unit")
    if value < 0:
        add("value", "a negative figure", "the reports state magnitudes; record a decrease with its own metric")


def _table_cell(v: dict[str, str]) -> bool:
    """The figure is a whole cell of a table row (documents/text.py reads a table a row a line, cells joined by
    ' | '; a table pasted into a .txt keeps its tabs, and so does its quote)."""
    cells = [c.strip() for c in re.split(r" \| |\t", v.get("quote", ""))]
    return len(cells) > 1 and v["number_text"].strip() in cells


def check_as_of(as_of: date, v: dict[str, str], report: Report, add) -> None:
    """No figure holds after its report was signed, except a forecast; a report may state its period's figures
    at the period's end even when signed before it (a year's report of 5 December, a Thông báo of 12 June on
    "6 tháng đầu năm")."""
    periodic = report.period_end > report.signed_by_end  # it states its period's figures up to the period's end
    latest = max(report.signed_by_end, report.period_end)
    if as_of > latest and v.get("figure_type") != "forecast":
        add("as_of", f"as_of {as_of} is after the report was signed ({report.values['date_signed']})"
            + (f" and after its period ended ({report.period_end})" if periodic else ""),
            "a figure cannot be dated after its report (only a forecast can); check the date or the figure type")
    text = v["as_of_text"]
    defaults = {report.event_date, report.period_end}
    if not text:
        if as_of not in defaults and v["figure_type"] != "target" or (v["figure_type"] == "target" and as_of not in defaults):
            add("as_of", f"as_of {as_of} is neither the report's event_date ({report.event_date}) nor its "
                         f"period_end ({report.period_end})", "write the words giving the date in 'as_of_text'")
        return
    if normalise_space(text).lower() not in report.flat_text.lower():
        add("as_of_text", f"'{text}' does not occur in the report", "copy the words verbatim from the report")
        return
    try:
        reading = find_date(text, default_year=report.period_end.year)
    except DateParseError as exc:
        add("as_of_text", str(exc), "correct the date")
        return
    year_only = re.fullmatch(r".*?\b((?:19|20)\d{2})\s*", text) if reading is None else None
    if year_only:  # a table's column "Ước thực hiện 2024": the year
        reading = find_date(f"năm {year_only.group(1)}")
    if reading is None:
        if as_of not in defaults:
            add("as_of", f"'{text}' names no date, so as_of must be the report's event_date ({report.event_date}) "
                         f"or period_end ({report.period_end})", "correct as_of")
    elif reading.is_day:
        if as_of != reading.start:
            add("as_of", f"as_of {as_of} differs from '{text}' ({reading.start})", f"write {reading.start}")
    elif not (reading.start <= as_of <= reading.end) and not (reading.approximate and reading.start <= as_of):
        add("as_of", f"as_of {as_of} is outside '{text}' ({reading.start} to {reading.end})", "correct as_of")


def check_deadline(v: dict[str, str], report: Report, add) -> date | None:
    deadline = iso(v["deadline"]) if v["deadline"] else None
    if v["deadline"] and deadline is None:
        add("deadline", f"'{v['deadline']}' is not a real ISO date", "write YYYY-MM-DD")
        return None
    text = v["deadline_text"]
    if not text:
        add("deadline_text", "a deadline needs the words that state it", "copy them from the report, e.g. 'đến hết ngày 31/12/2024'")
        return deadline
    if normalise_space(text).lower() not in report.flat_text.lower():
        add("deadline_text", f"'{text}' does not occur in the report", "copy the words verbatim from the report")
        return deadline
    try:
        reading = find_date(text, default_year=report.period_end.year)
    except DateParseError as exc:
        add("deadline_text", str(exc), "correct the date")
        return deadline
    if reading is None:
        add("deadline_text", f"'{text}' names no date", "copy the words that give the deadline")
    elif deadline is not None and deadline != reading.end:
        add("deadline", f"deadline {deadline} differs from '{text}' (ends {reading.end})", f"write {reading.end}")
    return deadline


def check_review(v: dict[str, str], drafted: bool, add) -> tuple[Decimal | None, str, date | None]:
    """(confidence, reviewed_by, reviewed_at) of a row: a draft has a confidence in 0…1; a reviewed row
    may say who reviewed it and must then say when."""
    confidence = reviewed_at = None
    if drafted:
        try:
            confidence = Decimal(v.get("confidence") or "")
        except ArithmeticError:
            confidence = None
        if confidence is None or not (0 <= confidence <= 1):
            add("confidence", f"'{v.get('confidence', '')}' is not a confidence between 0 and 1",
                "a drafted row keeps the confidence `make add` gave it, e.g. 0.85")
            confidence = None
        return confidence, "", None
    if v.get("reviewed_at"):
        reviewed_at = iso(v["reviewed_at"])
        if reviewed_at is None:
            add("reviewed_at", f"'{v['reviewed_at']}' is not a real ISO date", "write YYYY-MM-DD")
    if v.get("reviewed_by") and not v.get("reviewed_at"):
        add("reviewed_at", "a review needs its date", "write the day of the review, YYYY-MM-DD")
    return None, v.get("reviewed_by", ""), reviewed_at


def unit_fits(kind: str, unit: str, is_rank: bool) -> bool:
    """Whether a metric of unit_kind `kind` accepts a figure in `unit`: the rule check_reading applies."""
    if unit == RANK_UNIT and kind != "rank_change":
        return is_rank
    return unit_allowed(kind, unit)
