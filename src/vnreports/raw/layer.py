"""Loading and checking the whole raw layer: vocabularies, places, registry, transcriptions, findings.

Every check reports file, line and column and how to fix the row. All problems of a
build are collected and reported together; any problem stops the build before anything
is written.
"""

from __future__ import annotations

from pathlib import Path

from vnreports.errors import InputError
from vnreports.notation.places import AliasUse, PlaceIndex
from vnreports.raw.csvio import read_table, spreadsheets_among_csvs
from vnreports.raw.findings import load_findings
from vnreports.raw.registry import load_reports
from vnreports.raw.schema import (
    ALIAS_COLUMNS,
    FIGURE_COLUMNS,
    FIGURE_REQUIRED,
    METRIC_COLUMNS,
    PROGRAMME_COLUMNS,
    UNIT_KINDS,
    Collector,
    Figure,
    RawLayer,
)
from vnreports.raw.transcriptions import check_figures


def load_raw(raw_dir: Path) -> RawLayer:
    """Read and check the whole raw layer; raise InputError listing every problem."""
    root = raw_dir.parent.parent
    rel = lambda p: str(p.relative_to(root)) if p.is_relative_to(root) else str(p)  # noqa: E731
    out = Collector()

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
    registered: set[str] = set()  # every registry row's file name, right or wrong (no cascade)
    reports = load_reports(raw_dir, rel, places, out, alias_uses, registered)
    registered_stems = {Path(n).stem for n in registered}
    figures: list[Figure] = []
    fig_dir = raw_dir / "figures"
    out.problems.extend(spreadsheets_among_csvs(raw_dir, rel))
    by_stem = {Path(r.file_name).stem: r for r in reports}
    for csv_path in sorted(fig_dir.glob("*.csv")):
        if csv_path.name.startswith("_"):
            continue
        report = by_stem.get(csv_path.stem)
        if report is None:  # a report whose registry row is wrong has that row's error only
            if csv_path.stem not in registered_stems:
                out.add(rel(csv_path), None, None, "no report with this name in data/raw/reports.csv",
                        "name the transcription like its report (e.g. 000_xxx.csv for 000_xxx.txt)")
            continue
        rows = out.guard(read_table, csv_path, FIGURE_COLUMNS, rel(csv_path), FIGURE_REQUIRED)
        if rows is None:
            continue
        check_figures(rel(csv_path), report, rows, metrics, programmes, places, out, figures, alias_uses)
    for stem, report in by_stem.items():
        if not (fig_dir / f"{stem}.csv").exists():
            out.add(rel(raw_dir / "reports.csv"), None, None,
                    f"report {report.file_name} has no transcription data/raw/figures/{stem}.csv",
                    "transcribe its figures (see data/raw/figures/README.md)")
    findings = load_findings(raw_dir, rel, by_stem, out, registered_stems)
    if out.problems:
        raise InputError(out.problems)
    return RawLayer(reports, figures, list(metrics.values()), list(programmes.values()), places, alias_uses,
                    findings)
