"""The raw layer's shape: columns, vocab rules, the records checks produce, and small readers."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from vnreports.errors import InputError, Problem
from vnreports.notation.numbers import MONEY_MULTIPLIERS, FigureReading
from vnreports.notation.places import AliasUse, Place, PlaceIndex
from vnreports.notation.units import COUNT_MULTIPLIERS, FOREIGN_MONEY, money_rate_base
from vnreports.raw import fidelity
from vnreports.raw.csvio import Row

FIGURE_COLUMNS = [
    "figure_id", "district", "commune", "programme", "project", "metric", "figure_type",
    "number_text", "value", "unit", "denominator", "as_of", "as_of_text", "deadline",
    "deadline_text", "part_of", "computed_from", "listed_items", "ranked_after", "reading_note", "note",
    "quote",
]
# Review marks: a reviewed transcription (data/raw/figures/) may say who reviewed it and when; a
# draft (data/raw/drafts/) carries the assistant's confidence instead. A transcription without
# review columns was typed and checked by hand, which counts as reviewed.
REVIEW_COLUMNS = ("reviewed_by", "reviewed_at")
DRAFT_COLUMNS = ("confidence",)
FIGURE_REQUIRED = {"figure_id", "programme", "metric", "figure_type", "number_text", "value", "unit",
                   "as_of", "quote"}
REPORT_COLUMNS = [
    "file_name", "doc_number", "doc_type", "issuing_body", "signer", "signer_title", "place",
    "date_signed", "concluding_official", "subject_districts", "subject_communes", "event_type",
    "event_date", "period_text", "period_start", "period_end", "title", "note",
]
REPORT_REQUIRED = {"file_name", "doc_type", "issuing_body", "signer", "date_signed", "subject_districts",
                   "event_date", "period_start", "period_end", "title"}
METRIC_COLUMNS = ["metric_code", "label_vi", "label_en", "unit_kind", "higher_is_better"]
PROGRAMME_COLUMNS = ["programme_code", "parent_code", "level", "name_vi", "name_en"]
ALIAS_COLUMNS = ["level", "district_code", "name_written", "gso_code", "reason"]
FINDING_COLUMNS = ["report_file", "kind", "detail", "quote", *fidelity.FINDING_SIDES]
FINDING_KINDS = {"name_spelling", "conflicting_statement", "broken_text", "typo", *fidelity.NEW_FINDING_KINDS}

FIGURE_TYPES = {"actual", "target", "forecast"}
CRITERIA_SETS = {"ntm_criteria_met": 19, "ntm_criteria_unmet": 19, "ntm_model_village_criteria_met": 9,
                 "ntm_model_commune_criteria_met": 4}
RANK_UNIT = "thứ hạng"
MEASURE_UNITS = {
    "money": set(MONEY_MULTIPLIERS),
    "percent": {"%"},
    "criteria": {"tiêu chí"},
    "criteria_avg": {"tiêu chí/xã", "tiêu chí"},
    "criterion_number": {"tiêu chí số"},
    "year": {"năm"},
    "area": {"ha", "km2", "m2"},  # kept as written: no conversion between ha, km2 and m2
    "length": {"km", "m"},
    "weight": {"kg", "gam", "tấn"},
    "volume": {"lít", "m3"},
    "rank_only": {RANK_UNIT},
    "money_usd": set(FOREIGN_MONEY),  # US dollars (border trade): kept in USD
}
# A measure with a multiplier word ("59,2 nghìn ha", "2 triệu m3") is in the measure's kind.
for _kind in ("area", "length", "weight", "volume"):
    MEASURE_UNITS[_kind] |= {f"{word} {unit}" for unit in MEASURE_UNITS[_kind] for word in COUNT_MULTIPLIERS}
ALL_MEASURE_UNITS = set().union(*MEASURE_UNITS.values())


def unit_allowed(kind: str, unit: str) -> bool:
    """Whether a metric of unit_kind `kind` may be written in `unit`: its units, and for money the same money
    per something ("triệu đồng/người/năm" is money, as "triệu USD/người" is money_usd)."""
    allowed = MEASURE_UNITS.get(kind)
    if allowed is None:
        return not (kind == "count" and (unit in ALL_MEASURE_UNITS or money_rate_base(unit)))
    return unit in allowed or (kind in ("money", "money_usd") and money_rate_base(unit) in allowed)
UNIT_KINDS = set(MEASURE_UNITS) | {"count", "rank_change"}
CANONICAL_UNIT = {unit: "đồng" for unit in MONEY_MULTIPLIERS}
_PLAIN_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIGURE_ID = re.compile(r"f\d{3,4}")
_COMPUTED_FROM = re.compile(r"(f\d{3,4})(?:([/-])(f\d{3,4}))?")


def normalise_space(text: str) -> str:
    """NFC and every run of whitespace folded to one space: how quotes are compared."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class Report:
    file_name: str
    line: int
    values: dict[str, str]
    date_signed: date  # first day of the month when only the month is known
    date_signed_precision: str  # day | month
    signed_by_end: date  # latest possible signing date
    event_date: date
    period_start: date
    period_end: date
    district_codes: tuple[str, ...]
    commune_codes: tuple[str, ...]
    text: str  # report text, NFC
    flat_text: str  # whitespace-normalised
    reviewed: bool = True  # False: the registry row is a draft (data/raw/drafts/<stem>.registry.csv)


@dataclass
class Figure:
    report_file: str
    line: int
    row: dict[str, str]
    reading: FigureReading
    value: Decimal
    denominator: Decimal | None
    as_of: date
    deadline: date | None
    district: Place | None
    commune: Place | None
    reviewed: bool = True  # False: a draft row (data/raw/drafts/), never shown as reviewed
    confidence: Decimal | None = None  # the assistant's confidence in a drafted row
    reviewed_by: str = ""
    reviewed_at: date | None = None


@dataclass
class RawLayer:
    reports: list[Report]
    figures: list[Figure]
    metrics: list[dict[str, str]]
    programmes: list[dict[str, str]]
    places: PlaceIndex
    alias_uses: list[tuple[str, str, int, AliasUse]] = field(default_factory=list)
    findings: list[dict[str, str]] = field(default_factory=list)
    proposed_metrics: list[dict[str, str]] = field(default_factory=list)  # drafted, not yet in metrics.csv


class Collector:
    """Gathers every problem of a build, so that all are reported together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, row: Row | None, column: str | None, message: str, fix: str = "",
            columns: list[str] | None = None) -> None:
        """A problem at `row` (its own file when it knows it) and `column`."""
        col_no = (columns.index(column) + 1) if (columns and column in columns) else None
        file = row.file if row is not None and row.file else file
        self.problems.append(Problem(file, row.line if row else None, column, col_no, message, fix))

    def guard(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None


def iso(text: str) -> date | None:
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def plain_decimal(text: str) -> Decimal | None:
    if not _PLAIN_DECIMAL.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - regex guards it
        return None


def month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def items(text: str) -> list[str]:
    return [i.strip() for i in text.split(";") if i.strip()]
