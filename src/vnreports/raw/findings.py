"""Report findings (data/raw/report_findings.csv): problems in the reports themselves, quoted."""

from __future__ import annotations

from pathlib import Path

from vnreports.raw.csvio import read_table
from vnreports.raw.schema import FINDING_COLUMNS, FINDING_KINDS, Collector, Report, normalise_space


def load_findings(raw_dir: Path, rel, by_stem: dict[str, Report], out: Collector,
                  registered: set[str] = frozenset()) -> list[dict[str, str]]:
    """Problems in the reports that no recomputation can find, each with its verbatim quote.

    A finding about a report in `registered` (stems) whose registry row is wrong is skipped: that
    row's own error says what is wrong.
    """
    path = raw_dir / "report_findings.csv"
    display = rel(path)
    rows = out.guard(read_table, path, FINDING_COLUMNS, display, {"report_file", "kind", "detail", "quote"}) or []
    found = []
    for r in rows:
        v = r.values
        add = lambda col, msg, fix: out.add(display, r, col, msg, fix, FINDING_COLUMNS)  # noqa: E731
        report = by_stem.get(Path(v["report_file"]).stem)
        if report is None:
            if Path(v["report_file"]).stem not in registered:
                add("report_file", f"'{v['report_file']}' is not a registered report",
                    "use a file_name from reports.csv")
            continue
        if v["kind"] not in FINDING_KINDS:
            add("kind", f"unknown kind '{v['kind']}'", "use one of " + ", ".join(sorted(FINDING_KINDS)))
        if normalise_space(v["quote"]) not in report.flat_text:
            add("quote", "the quote is not in the report text", f"copy it verbatim from {v['report_file']}")
        found.append({**v, "source_line": r.line})
    return found
