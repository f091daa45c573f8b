"""Loading and checking the raw layer: registry, vocabularies, places and transcriptions.

Every check reports file, line and column and how to fix the row. All problems of a
build are collected and reported together; any problem stops the build before anything
is written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .csvio import Row, read_table
from .dates import DateParseError, find_date
from . import fidelity
from .errors import InputError, Problem
from .numbers import MONEY_MULTIPLIERS, FigureReading, ParseError, read_figure
from .places import AliasUse, Place, PlaceError, PlaceIndex

FIGURE_COLUMNS = [
    "figure_id", "district", "commune", "programme", "project", "metric", "figure_type",
    "number_text", "value", "unit", "denominator", "as_of", "as_of_text", "deadline",
    "deadline_text", "part_of", "computed_from", "listed_items", "ranked_after", "reading_note", "note",
    "quote",
]
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
    "area": {"ha"},
    "length": {"km", "m"},
    "weight": {"kg", "gam", "tấn"},
    "volume": {"lít", "m3"},
    "rank_only": {RANK_UNIT},
}
ALL_MEASURE_UNITS = set().union(*MEASURE_UNITS.values())
UNIT_KINDS = set(MEASURE_UNITS) | {"count", "rank_change"}
CANONICAL_UNIT = {"đồng": "đồng", "nghìn đồng": "đồng", "triệu đồng": "đồng", "tỷ đồng": "đồng"}
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


@dataclass
class RawLayer:
    reports: list[Report]
    figures: list[Figure]
    metrics: list[dict[str, str]]
    programmes: list[dict[str, str]]
    places: PlaceIndex
    alias_uses: list[tuple[str, str, int, AliasUse]] = field(default_factory=list)
    findings: list[dict[str, str]] = field(default_factory=list)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, row: Row | None, column: str | None, message: str, fix: str = "",
            columns: list[str] | None = None) -> None:
        col_no = (columns.index(column) + 1) if (columns and column in columns) else None
        self.problems.append(Problem(file, row.line if row else None, column, col_no, message, fix))

    def guard(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None


def _iso(text: str) -> date | None:
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _decimal(text: str) -> Decimal | None:
    if not _PLAIN_DECIMAL.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - regex guards it
        return None


def _month_end(d: date) -> date:
    import calendar

    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def load_raw(raw_dir: Path) -> RawLayer:
    """Read and check the whole raw layer; raise InputError listing every problem."""
    root = raw_dir.parent.parent
    rel = lambda p: str(p.relative_to(root)) if p.is_relative_to(root) else str(p)  # noqa: E731
    out = _Collector()

    metrics_rows = out.guard(read_table, raw_dir / "metrics.csv", METRIC_COLUMNS, rel(raw_dir / "metrics.csv"),
                             {"metric_code", "label_vi", "label_en", "unit_kind"}) or []
    programme_rows = out.guard(read_table, raw_dir / "programmes.csv", PROGRAMME_COLUMNS,
                               rel(raw_dir / "programmes.csv"), {"programme_code", "level", "name_vi", "name_en"}) or []
    alias_rows = out.guard(read_table, raw_dir / "place_aliases.csv", ALIAS_COLUMNS,
                           rel(raw_dir / "place_aliases.csv"), {"level", "name_written", "gso_code", "reason"}) or []
    if out.problems:
        raise InputError(out.problems)

    metrics = {r.values["metric_code"]: r.values for r in metrics_rows}
    for r in metrics_rows:
        if r.values["unit_kind"] not in UNIT_KINDS:
            out.add(rel(raw_dir / "metrics.csv"), r, "unit_kind", f"unknown unit_kind '{r.values['unit_kind']}'",
                    "use one of " + ", ".join(sorted(UNIT_KINDS)), METRIC_COLUMNS)
    programmes = {r.values["programme_code"]: r.values for r in programme_rows}
    for r in programme_rows:
        parent = r.values["parent_code"]
        if parent and parent not in programmes:
            out.add(rel(raw_dir / "programmes.csv"), r, "parent_code", f"unknown parent '{parent}'",
                    "use a programme_code defined in this file", PROGRAMME_COLUMNS)

    places = PlaceIndex.load(raw_dir / "reference", raw_dir / "place_aliases.csv")
    for r in alias_rows:
        v = r.values
        table = places.districts if v["level"] == "district" else places.communes
        if v["level"] not in ("district", "commune") or v["gso_code"] not in table:
            out.add(rel(raw_dir / "place_aliases.csv"), r, "gso_code",
                    f"'{v['gso_code']}' is not a {v['level']} code of the 2024 reference",
                    "use a code from data/raw/reference/", ALIAS_COLUMNS)

    alias_uses: list[tuple[str, str, int, AliasUse]] = []
    reports = _load_reports(raw_dir, rel, places, out, alias_uses)
    figures: list[Figure] = []
    fig_dir = raw_dir / "figures"
    by_stem = {Path(r.file_name).stem: r for r in reports}
    for csv_path in sorted(fig_dir.glob("*.csv")):
        if csv_path.name.startswith("_"):
            continue
        report = by_stem.get(csv_path.stem)
        if report is None:
            out.add(rel(csv_path), None, None, "no report with this name in data/raw/reports.csv",
                    "name the transcription like its report (e.g. 000_xxx.csv for 000_xxx.txt)")
            continue
        rows = out.guard(read_table, csv_path, FIGURE_COLUMNS, rel(csv_path), FIGURE_REQUIRED)
        if rows is None:
            continue
        _check_figures(rel(csv_path), report, rows, metrics, programmes, places, out, figures, alias_uses)
    for stem, report in by_stem.items():
        if not (fig_dir / f"{stem}.csv").exists():
            out.add(rel(raw_dir / "reports.csv"), None, None,
                    f"report {report.file_name} has no transcription data/raw/figures/{stem}.csv",
                    "transcribe its figures (see data/raw/figures/README.md)")
    findings = _load_findings(raw_dir, rel, by_stem, out)
    fidelity.check_findings(rel(raw_dir / "report_findings.csv"), findings, figures, FINDING_COLUMNS, out.problems)
    if out.problems:
        raise InputError(out.problems)
    return RawLayer(reports, figures, list(metrics.values()), list(programmes.values()), places, alias_uses,
                    findings)


def _load_findings(raw_dir: Path, rel, by_stem: dict[str, Report], out: _Collector) -> list[dict[str, str]]:
    """Problems in the reports that no recomputation can find, each with its verbatim quote."""
    path = raw_dir / "report_findings.csv"
    display = rel(path)
    rows = out.guard(read_table, path, FINDING_COLUMNS, display, {"report_file", "kind", "detail", "quote"}) or []
    found = []
    for r in rows:
        v = r.values
        add = lambda col, msg, fix: out.add(display, r, col, msg, fix, FINDING_COLUMNS)  # noqa: E731
        report = by_stem.get(Path(v["report_file"]).stem)
        if report is None:
            add("report_file", f"'{v['report_file']}' is not a registered report", "use a file_name from reports.csv")
            continue
        if v["kind"] not in FINDING_KINDS:
            add("kind", f"unknown kind '{v['kind']}'", "use one of " + ", ".join(sorted(FINDING_KINDS)))
        if normalise_space(v["quote"]) not in report.flat_text:
            add("quote", "the quote is not in the report text", f"copy it verbatim from {v['report_file']}")
        found.append({**v, "source_line": r.line})
    return found


def _load_reports(raw_dir: Path, rel, places: PlaceIndex, out: _Collector, alias_uses) -> list[Report]:
    path = raw_dir / "reports.csv"
    display = rel(path)
    rows = out.guard(read_table, path, REPORT_COLUMNS, display, REPORT_REQUIRED) or []
    reports: list[Report] = []
    names = [r.values["file_name"] for r in rows]
    on_disk = sorted(p.name for p in (raw_dir / "reports").glob("*") if p.is_file())
    for name in on_disk:
        if name not in names:
            out.add(display, None, None, f"data/raw/reports/{name} is not in the registry",
                    "add a row for it to data/raw/reports.csv")
    seen: set[str] = set()
    for r in rows:
        v = r.values
        add = lambda col, msg, fix="": out.add(display, r, col, msg, fix, REPORT_COLUMNS)  # noqa: E731
        name = v["file_name"]
        if name in seen:
            add("file_name", f"'{name}' is registered twice", "keep one row per report")
        seen.add(name)
        report_path = raw_dir / "reports" / name
        if not report_path.is_file():
            add("file_name", f"report file data/raw/reports/{name} does not exist (missing or renamed?)",
                "restore the file unchanged, or correct file_name")
            continue
        dates = {}
        for col in ("event_date", "period_start", "period_end"):
            dates[col] = _iso(v[col])
            if dates[col] is None:
                add(col, f"'{v[col]}' is not a real ISO date", "write YYYY-MM-DD, e.g. 2024-09-13")
        signed, precision = _iso(v["date_signed"]), "day"
        if signed is None and re.fullmatch(r"\d{4}-\d{2}", v["date_signed"]):
            try:
                signed, precision = date.fromisoformat(v["date_signed"] + "-01"), "month"
            except ValueError:
                signed = None
        if signed is None:
            add("date_signed", f"'{v['date_signed']}' is not a date",
                "write YYYY-MM-DD, or YYYY-MM when the report leaves the day blank")
        district_codes, commune_codes = [], []
        for d in filter(None, (s.strip() for s in v["subject_districts"].split(";"))):
            try:
                place, alias = places.resolve_district(d)
                district_codes.append(place.code)
                if alias:
                    alias_uses.append((name, "reports.csv", r.line, alias))
            except PlaceError as exc:
                add("subject_districts", str(exc))
        for c in filter(None, (s.strip() for s in v["subject_communes"].split(";"))):
            found = None
            for dc in district_codes:
                try:
                    found, alias = places.resolve_commune(places.districts[dc], c)
                    if alias:
                        alias_uses.append((name, "reports.csv", r.line, alias))
                    break
                except PlaceError:
                    continue
            if found is None:
                add("subject_communes", f"commune '{c}' is not in the subject district(s)",
                    "check the spelling or add an alias in data/raw/place_aliases.csv")
            else:
                commune_codes.append(found.code)
        if None in dates.values() or signed is None:
            continue
        if dates["period_end"] < dates["period_start"]:
            add("period_end", "the period ends before it starts", "check period_start and period_end")
        signed_end = signed if precision == "day" else _month_end(signed)
        if dates["event_date"] > signed_end:
            add("event_date", f"event {dates['event_date']} is after the report was signed ({v['date_signed']})",
                "check both dates")
        text = report_path.read_text(encoding="utf-8")
        text = unicodedata.normalize("NFC", text)
        reports.append(Report(
            name, r.line, v, signed, precision, signed_end, dates["event_date"], dates["period_start"],
            dates["period_end"], tuple(district_codes), tuple(commune_codes), text, normalise_space(text),
        ))
    return reports


def _check_figures(display: str, report: Report, rows: list[Row], metrics, programmes, places: PlaceIndex,
                   out: _Collector, figures: list[Figure], alias_uses) -> None:
    seen_ids: dict[str, int] = {}
    seen_content: dict[tuple, int] = {}
    text_lower = report.flat_text.lower()
    for row in rows:
        v = row.values
        n_before = len(out.problems)

        def add(col: str | None, msg: str, fix: str = "") -> None:
            out.add(display, row, col, msg, fix, FIGURE_COLUMNS)

        fid = v["figure_id"]
        if fid and not _FIGURE_ID.fullmatch(fid):
            add("figure_id", f"'{fid}' is not of the form f001", "number figures f001, f002, …")
        if fid in seen_ids:
            add("figure_id", f"'{fid}' is already used on line {seen_ids[fid]}", "give each row its own figure_id")
        seen_ids.setdefault(fid, row.line)

        # Places
        district = commune = None
        if v["district"]:
            if normalise_space(v["district"]).lower() not in text_lower:
                add("district", f"'{v['district']}' does not occur in the report",
                    "write the district name as the report writes it")
            try:
                district, alias = places.resolve_district(v["district"])
                if alias:
                    alias_uses.append((report.file_name, display, row.line, alias))
            except PlaceError as exc:
                add("district", str(exc))
        if v["commune"]:
            if not v["district"]:
                add("commune", "a commune needs its district", "fill in 'district'")
            elif district is not None:
                from .places import split_prefix

                bare = split_prefix(v["commune"])[1]
                if normalise_space(bare).lower() not in text_lower:
                    add("commune", f"'{v['commune']}' does not occur in the report",
                        "write the commune name as the report writes it")
                try:
                    commune, alias = places.resolve_commune(district, v["commune"])
                    if alias:
                        alias_uses.append((report.file_name, display, row.line, alias))
                except PlaceError as exc:
                    add("commune", str(exc))

        # Vocabularies
        metric = metrics.get(v["metric"])
        if v["metric"] and metric is None:
            add("metric", f"unknown metric '{v['metric']}'", "use a metric_code from data/raw/metrics.csv or add one there")
        prog = v["programme"]
        if prog and prog not in programmes:
            add("programme", f"unknown programme '{prog}'", "use a programme_code from data/raw/programmes.csv")
        if v["project"]:
            proj = programmes.get(v["project"])
            if proj is None:
                add("project", f"unknown project '{v['project']}'", "use a programme_code from data/raw/programmes.csv")
            else:
                anc, ok = proj, False
                while anc and anc["parent_code"]:
                    if anc["parent_code"] == prog:
                        ok = True
                        break
                    anc = programmes.get(anc["parent_code"])
                if not ok:
                    add("project", f"project '{v['project']}' does not belong to programme '{prog}'",
                        f"set programme to the project's parent '{proj['parent_code']}'")
        if v["figure_type"] and v["figure_type"] not in FIGURE_TYPES:
            add("figure_type", f"unknown figure_type '{v['figure_type']}'", "use actual, target or forecast")

        # Quote and number
        quote = normalise_space(v["quote"])
        number_text = normalise_space(v["number_text"])
        if quote and quote not in report.flat_text:
            add("quote", "the quote is not in the report text (after folding whitespace)",
                f"copy the sentence verbatim from data/raw/reports/{report.file_name}")
        if number_text and quote and number_text not in quote:
            add("number_text", f"'{v['number_text']}' is not in the quote",
                "number_text must be copied from the quote, exactly as written")
        reading = None
        if number_text:
            try:
                reading = read_figure(number_text)
            except ParseError as exc:
                add("number_text", f"unreadable number: {exc}",
                    "write the number as in the report, with its unit (e.g. '9,142 triệu đồng', 'thứ 05/11')")
        value = _decimal(v["value"]) if v["value"] else None
        if v["value"] and value is None:
            add("value", f"'{v['value']}' is not a plain number",
                "write the reading with '.' as decimal mark and no thousands separator, e.g. 9142 or 41.4")
        denominator = _decimal(v["denominator"]) if v["denominator"] else None
        if v["denominator"] and denominator is None:
            add("denominator", f"'{v['denominator']}' is not a plain number", "write e.g. 19 or 135188")
        unit = v["unit"]
        if reading is not None and value is not None:
            _check_reading(reading, value, denominator, unit, v, metric, add)

        # Dates
        as_of = _iso(v["as_of"]) if v["as_of"] else None
        if v["as_of"] and as_of is None:
            add("as_of", f"'{v['as_of']}' is not a real ISO date", "write YYYY-MM-DD, e.g. 2024-09-13")
        if as_of is not None:
            _check_as_of(as_of, v, report, add)
        deadline = None
        if v["deadline"] or v["deadline_text"]:
            deadline = _check_deadline(v, report, add)
        if v["figure_type"] == "target" and not v["deadline"] and v["deadline_text"]:
            add("deadline", "a deadline_text without deadline", "write the deadline as YYYY-MM-DD")

        key = (v["district"], v["commune"], v["programme"], v["project"], v["metric"], v["figure_type"],
               v["value"], v["unit"], v["as_of"], quote, v["number_text"])
        if key in seen_content:
            add(None, f"duplicates the figure on line {seen_content[key]}",
                "delete one of the two rows (a figure stated twice in the report has two different quotes)")
        seen_content.setdefault(key, row.line)

        if v["ranked_after"]:
            if v["unit"] != RANK_UNIT:
                add("ranked_after", "only a rank can be ranked after other districts", "leave 'ranked_after' empty")
            fidelity.check_ranked_after(v, value, reading.superlative if reading else None, add)
            for name in fidelity.ranked_after_names(v["ranked_after"])[0]:
                try:
                    places.resolve_district(name)
                except PlaceError as exc:
                    add("ranked_after", str(exc))
        for item in _items(v["listed_items"]):
            if normalise_space(item).lower() not in text_lower:
                add("listed_items", f"item '{item}' does not occur in the report",
                    "list the items as written, separated by ';'")

        if len(out.problems) == n_before and reading is not None and value is not None and as_of is not None:
            figures.append(Figure(report.file_name, row.line, v, reading, value, denominator, as_of, deadline,
                                  district, commune))
    _check_links(display, rows, out)


def _unit_family(unit: str) -> str:
    """Units that can be added: money with money, a measure with itself, counts with counts."""
    if unit in MONEY_MULTIPLIERS:
        return "money"
    return unit if unit in ALL_MEASURE_UNITS else "count"


def _items(text: str) -> list[str]:
    return [i.strip() for i in text.split(";") if i.strip()]


def _check_links(display: str, rows: list[Row], out: _Collector) -> None:
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


def _check_reading(reading: FigureReading, value: Decimal, denominator: Decimal | None, unit: str,
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
        if not unit:
            pass
        elif not tail:
            add("number_text", f"the count '{v['number_text']}' has no noun",
                "copy the noun that follows the number into number_text (e.g. '03 vụ', '1.311 con')")
        elif not tail.startswith(unit.lower()):
            add("unit", f"unit '{unit}' is not the noun written after the number ('{reading.tail}')",
                "write the noun as written after the number")
    # Domains: a rank lies between 1 and the number ranked; criteria met cannot exceed the set.
    if reading.kind in ("rank", "superlative") and denominator is not None and not (1 <= value <= denominator):
        add("value", f"rank {v['value']} is outside 1…{denominator.normalize()}",
            "check the rank and the number of ranked units (e.g. 11 districts and city)")
    if metric is not None and metric["metric_code"] in CRITERIA_SETS and denominator is not None:
        size = CRITERIA_SETS[metric["metric_code"]]
        if denominator != size:
            add("denominator", f"metric '{v['metric']}' counts criteria out of {size}, not {denominator.normalize()}",
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
    if allowed is not None and unit not in allowed:
        add("unit", f"metric '{v['metric']}' is measured in {', '.join(sorted(allowed))}, not '{unit}'",
            "choose the metric that matches the unit, or correct the unit")
    if kind == "count" and unit in ALL_MEASURE_UNITS:
        add("unit", f"metric '{v['metric']}' is a count, but '{unit}' is a measure", "choose a metric measured in that unit")
    if value < 0:
        add("value", "a negative figure", "the reports state magnitudes; record a decrease with its own metric")


def _check_as_of(as_of: date, v: dict[str, str], report: Report, add) -> None:
    if as_of > report.signed_by_end:
        add("as_of", f"as_of {as_of} is after the report was signed ({report.values['date_signed']})",
            "a figure cannot be dated after its report; check the date")
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
    if reading is None:
        if as_of not in defaults:
            add("as_of", f"'{text}' names no date, so as_of must be the report's event_date ({report.event_date}) "
                         f"or period_end ({report.period_end})", "correct as_of")
    elif reading.is_day:
        if as_of != reading.start:
            add("as_of", f"as_of {as_of} differs from '{text}' ({reading.start})", f"write {reading.start}")
    elif not (reading.start <= as_of <= reading.end) and not (reading.approximate and reading.start <= as_of):
        add("as_of", f"as_of {as_of} is outside '{text}' ({reading.start} to {reading.end})", "correct as_of")


def _check_deadline(v: dict[str, str], report: Report, add) -> date | None:
    deadline = _iso(v["deadline"]) if v["deadline"] else None
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
