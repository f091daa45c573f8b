"""Loading and checking the whole raw layer: vocabularies, places, registry, transcriptions, findings.

Every check reports file, line and column and how to fix the row. All problems of a
build are collected and reported together; any problem stops the build before anything
is written.
"""

from __future__ import annotations

from pathlib import Path

from vnreports.errors import InputError
from vnreports.notation.places import AliasUse, PlaceIndex
from vnreports.raw import fidelity
from vnreports.raw.csvio import read_table, spreadsheets_among_csvs
from vnreports.raw.drafts import draft_files, stem_of
from vnreports.raw.findings import load_findings
from vnreports.raw.readings import check_review
from vnreports.raw.registry import load_reports
from vnreports.raw.schema import (
    ALIAS_COLUMNS,
    DRAFT_COLUMNS,
    FIGURE_COLUMNS,
    FIGURE_REQUIRED,
    FINDING_COLUMNS,
    METRIC_COLUMNS,
    PROGRAMME_COLUMNS,
    REVIEW_COLUMNS,
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
                             {"metric_code", "label_vi", "label_en", "unit_kind"}, REVIEW_COLUMNS) or []
    programme_rows = out.guard(read_table, raw_dir / "programmes.csv", PROGRAMME_COLUMNS,
                               rel(raw_dir / "programmes.csv"), {"programme_code", "level", "name_vi", "name_en"}) or []
    alias_rows = out.guard(read_table, raw_dir / "place_aliases.csv", ALIAS_COLUMNS,
                           rel(raw_dir / "place_aliases.csv"), {"level", "name_written", "gso_code", "reason"}) or []
    if out.problems:
        raise InputError(out.problems)

    metrics = {r.values["metric_code"]: r.values for r in metrics_rows}
    proposed = {}
    for draft in draft_files(raw_dir, "metrics"):  # metrics the assistant proposed for a draft
        for r in out.guard(read_table, draft, METRIC_COLUMNS, rel(draft), {"metric_code", "label_vi", "unit_kind"},
                           DRAFT_COLUMNS) or []:
            code = r.values["metric_code"]
            if code in metrics:
                out.add(rel(draft), r, "metric_code", f"proposed metric '{code}' is already in metrics.csv",
                        "use the existing metric in the draft and delete this row", METRIC_COLUMNS)
            elif code not in proposed:
                proposed[code] = {**r.values, "proposed": True}
                metrics_rows.append(r)
    for r in metrics_rows:
        if r.file == rel(raw_dir / "metrics.csv"):  # an accepted metric may say who accepted it, and then when
            check_review(r.values, False, lambda col, msg, fix="", r=r: out.add(r.file, r, col, msg, fix, METRIC_COLUMNS))
        if r.values["unit_kind"] not in UNIT_KINDS:
            out.add(rel(raw_dir / "metrics.csv"), r, "unit_kind", f"unknown unit_kind '{r.values['unit_kind']}'",
                    "use one of " + ", ".join(sorted(UNIT_KINDS)), METRIC_COLUMNS)
    programmes = {r.values["programme_code"]: r.values for r in programme_rows}
    for name, key, codes in (("metric_phrases.csv", "metric_code", metrics), ("programme_phrases.csv", "programme_code",
                                                                            programmes)):
        path = raw_dir / name  # the words reports use for each code (read by `make add`): optional, checked when there
        if path.is_file():
            for r in out.guard(read_table, path, [key, "phrase_vi"], rel(path), {key, "phrase_vi"}) or []:
                if r.values[key] not in codes:
                    out.add(rel(path), r, key, f"unknown {key} '{r.values[key]}'",
                            f"use a {key} defined in {'metrics.csv' if codes is metrics else 'programmes.csv'}",
                            [key, "phrase_vi"])
    sectors = raw_dir / "metric_sectors.csv"  # each plan indicator's sector programme (read by `make add`)
    if sectors.is_file():
        cols = ["metric_code", "programme_code"]
        for r in out.guard(read_table, sectors, cols, rel(sectors), set(cols)) or []:
            for key, codes, where in (("metric_code", metrics, "metrics.csv"), ("programme_code", programmes,
                                                                                  "programmes.csv")):
                if r.values[key] not in codes:
                    out.add(rel(sectors), r, key, f"unknown {key} '{r.values[key]}'", f"use a {key} defined in {where}",
                            cols)
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
    sources: dict[str, list[Path]] = {}  # a report's transcription: reviewed rows, then drafted rows
    for csv_path in sorted(fig_dir.glob("*.csv")) + draft_files(raw_dir, "figures"):
        if csv_path.name.startswith("_"):
            continue
        stem = csv_path.stem if csv_path.parent == fig_dir else stem_of(csv_path)
        if stem not in by_stem:  # a report whose registry row is wrong has that row's error only
            if stem not in registered_stems:
                out.add(rel(csv_path), None, None, "no report with this name in data/raw/reports.csv",
                        "name the transcription like its report (e.g. 000_xxx.csv for 000_xxx.txt)")
            continue
        sources.setdefault(stem, []).append(csv_path)
    for stem, paths in sources.items():
        rows = []
        for csv_path in paths:
            drafted = csv_path.parent != fig_dir
            rows += out.guard(read_table, csv_path, FIGURE_COLUMNS, rel(csv_path), FIGURE_REQUIRED,
                              DRAFT_COLUMNS if drafted else REVIEW_COLUMNS) or []
        drafted_files = {rel(p) for p in paths if p.parent != fig_dir}
        check_figures(rel(paths[0]), by_stem[stem], rows, {**metrics, **proposed}, programmes, places, out, figures,
                      alias_uses, drafted_files)
    for stem, report in by_stem.items():
        if stem not in sources:
            out.add(rel(raw_dir / "reports.csv"), None, None,
                    f"report {report.file_name} has no transcription data/raw/figures/{stem}.csv",
                    "transcribe its figures (see data/raw/figures/README.md), or draft them with `make add`")
    findings = load_findings(raw_dir, rel, by_stem, out, registered_stems)
    fidelity.check_findings(rel(raw_dir / "report_findings.csv"), findings, figures, FINDING_COLUMNS, out.problems)
    if out.problems:
        raise InputError(out.problems)
    return RawLayer(reports, figures, list(metrics.values()), list(programmes.values()), places, alias_uses,
                    findings, list(proposed.values()))
