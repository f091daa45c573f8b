"""The registry (data/raw/reports.csv): one row per report file, with dates, places and text."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from vnreports.errors import InputError
from vnreports.notation.places import PlaceError, PlaceIndex
from vnreports.raw.csvio import read_rows
from vnreports.raw.drafts import draft_files, text_path
from vnreports.raw.readings import check_review
from vnreports.raw.schema import (
    DRAFT_COLUMNS,
    REPORT_COLUMNS,
    REPORT_REQUIRED,
    REVIEW_COLUMNS,
    Collector,
    Report,
    iso,
    month_end,
    normalise_space,
)


def load_reports(raw_dir: Path, rel, places: PlaceIndex, out: Collector, alias_uses,
                 registered: set[str] | None = None) -> list[Report]:
    """Check every registry row and read its report text; problems go to `out`.

    A wrong row (an empty required cell, a bad date, a missing report file) gives its own error
    only: `registered`, when given, receives the file name of every row, right or wrong, so that
    the checks after this one do not report that report's transcription and findings as
    unregistered. When the registry cannot be read at all, every report on disk counts as
    registered: its one error says what is wrong.
    """
    path = raw_dir / "reports.csv"
    display = rel(path)
    registered = set() if registered is None else registered
    on_disk = sorted(p.name for p in (raw_dir / "reports").glob("*") if p.is_file())
    try:
        rows, problems = read_rows(path, REPORT_COLUMNS, display, REPORT_REQUIRED, REVIEW_COLUMNS)
        for draft in draft_files(raw_dir, "registry"):  # drafted rows: the same checks, marked unreviewed
            more, more_problems = read_rows(draft, REPORT_COLUMNS, rel(draft), REPORT_REQUIRED, DRAFT_COLUMNS)
            rows, problems = rows + more, problems + more_problems
    except InputError as exc:
        out.problems.extend(exc.problems)
        registered.update(on_disk)
        return []
    out.problems.extend(problems)
    reports: list[Report] = []
    names = [r.values["file_name"] for r in rows]
    registered.update(filter(None, names))
    for name in on_disk:
        if name not in names:
            out.add(display, None, None, f"data/raw/reports/{name} is not in the registry",
                    "add a row for it to data/raw/reports.csv (`make add` drafts one)")
    seen: set[str] = set()
    for r in rows:
        v = r.values
        add = lambda col, msg, fix="": out.add(display, r, col, msg, fix, REPORT_COLUMNS)  # noqa: E731
        name = v["file_name"]
        if name and name in seen:
            add("file_name", f"'{name}' is registered twice", "keep one row per report")
        seen.add(name)
        if r.bad:  # its empty cell or wrong field count is reported already
            continue
        if r.file == display:  # a reviewed row may say who reviewed it, and then when
            check_review(v, False, add)
        report_path = raw_dir / "reports" / name
        if not report_path.is_file():
            add("file_name", f"report file data/raw/reports/{name} does not exist (missing or renamed?)",
                "restore the file unchanged, or correct file_name")
            continue
        dates = {}
        for col in ("event_date", "period_start", "period_end"):
            dates[col] = iso(v[col])
            if dates[col] is None:
                add(col, f"'{v[col]}' is not a real ISO date", "write YYYY-MM-DD, e.g. 2024-09-13")
        signed, precision = iso(v["date_signed"]), "day"
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
        signed_end = signed if precision == "day" else month_end(signed)
        if dates["event_date"] > signed_end:
            add("event_date", f"event {dates['event_date']} is after the report was signed ({v['date_signed']})",
                "check both dates")
        source = text_path(raw_dir, name)
        if not source.is_file():
            add("file_name", f"no text for {name}: {rel(source)} is missing",
                "add the report with `make add FILE=…`, which derives its text")
            continue
        text = source.read_text(encoding="utf-8")
        text = unicodedata.normalize("NFC", text)
        reports.append(Report(
            name, r.line, v, signed, precision, signed_end, dates["event_date"], dates["period_start"],
            dates["period_end"], tuple(district_codes), tuple(commune_codes), text, normalise_space(text),
            reviewed=r.file == display,
        ))
    return reports

