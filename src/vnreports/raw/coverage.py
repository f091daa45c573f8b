"""Coverage: every numeric mention of every report is either transcribed or skipped with a reason.

A mention is accounted for when it lies inside a transcribed figure (its number_text, found in
its quote), inside the words that date a figure (as_of_text, deadline_text), or when the report's
skip list `data/raw/skips/<report>.csv` names it (line, column, mention as written, reason).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from vnreports.errors import InputError, Problem
from vnreports.notation.mentions import REASONS, Mention, classify, find_mentions, flat_index
from vnreports.raw.csvio import read_table
from vnreports.raw.drafts import draft_path
from vnreports.raw.readings import check_review
from vnreports.raw.schema import DRAFT_COLUMNS, REVIEW_COLUMNS, Report, normalise_space

SKIP_COLUMNS = ["line", "column", "mention", "reason", "context"]


@dataclass
class Coverage:
    report: str
    mentions: list[Mention]
    transcribed: set[int] = field(default_factory=set)  # mention indexes
    skipped: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    @property
    def missing(self) -> list[Mention]:
        return [m for i, m in enumerate(self.mentions) if i not in self.transcribed and i not in self.skipped]

    @property
    def accounted(self) -> int:
        return len(self.mentions) - len(self.missing)

    def line(self) -> str:
        pct = 100 * self.accounted / len(self.mentions) if self.mentions else 100.0
        return (f"{self.report}: {self.accounted} of {len(self.mentions)} numeric mentions accounted for "
                f"({len(self.transcribed)} transcribed, {len(self.skipped)} skipped; {pct:.1f}%)")


def _occurrences(haystack: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    end = len(haystack) if end is None else end
    out, i = [], haystack.find(needle, start, end)
    while i != -1 and i + len(needle) <= end:
        out.append(i)
        i = haystack.find(needle, i + 1, end)
    return out


def figure_spans(flat: str, rows: list[dict[str, str]]) -> list[tuple[int, int]]:
    """Flat-text spans of every figure's number_text (k-th figure with the same quote and
    number takes the k-th occurrence) and of the words that date figures."""
    spans: list[tuple[int, int]] = []
    used: dict[tuple[int, str], int] = {}
    for r in rows:
        quote, number = normalise_space(r["quote"]), normalise_space(r["number_text"])
        q = flat.find(quote)
        if q < 0 or not number:
            continue
        hits = _occurrences(flat, number, q, q + len(quote))
        if not hits:
            continue
        k = used.get((q, number), 0)
        used[(q, number)] = k + 1
        start = hits[min(k, len(hits) - 1)]
        spans.append((start, start + len(number)))
        for words in (r.get("as_of_text", ""), r.get("deadline_text", "")):
            words = normalise_space(words or "")
            if words:
                spans.extend((i, i + len(words)) for i in _occurrences(flat, words))
    return spans


def compute(report: Report, rows: list[dict[str, str]], skip_rows, display_skips: str) -> Coverage:
    text = report.text
    flat, mapping = flat_index(text)
    mentions = find_mentions(text)
    cov = Coverage(report.file_name, mentions)
    spans = sorted(figure_spans(flat, rows))
    for i, m in enumerate(mentions):
        fs, fe = mapping[m.start], mapping[m.end - 1] + 1
        if any(a <= fs and fe <= b for a, b in spans):
            cov.transcribed.add(i)
    by_pos = {(m.line, m.column): i for i, m in enumerate(mentions)}
    for row in skip_rows:
        v = row.values
        add = lambda col, msg, fix="": cov.problems.append(  # noqa: E731
            Problem(row.file or display_skips, row.line, col,
                    SKIP_COLUMNS.index(col) + 1 if col in SKIP_COLUMNS else None, msg, fix))
        if (row.file or display_skips) == display_skips:  # reviewed: who and when, if it says
            check_review(v, False, add)
        try:
            pos = (int(v["line"]), int(v["column"]))
        except ValueError:
            add("line", "line and column must be whole numbers", "copy them from `make coverage`")
            continue
        i = by_pos.get(pos)
        if i is None or mentions[i].text != v["mention"]:
            add("mention", f"no numeric mention '{v['mention']}' at line {pos[0]}, column {pos[1]} of "
                           f"{report.file_name}", "copy line, column and mention from `make coverage`")
            continue
        if v["reason"] not in REASONS and not v["reason"].startswith("other:"):
            add("reason", f"unknown reason '{v['reason']}'",
                "use one of " + ", ".join(sorted(REASONS)) + ", or 'other: <why>'")
            continue
        if i in cov.transcribed:
            add("mention", f"'{v['mention']}' at {pos[0]}:{pos[1]} is transcribed as a figure",
                "remove this skip row: a mention is either a figure or skipped")
            continue
        cov.skipped.add(i)
    return cov


def load_skips(raw_dir: Path, stem: str):
    """The report's skips: reviewed (data/raw/skips/) and drafted (data/raw/drafts/), and where to add one."""
    path = raw_dir / "skips" / f"{stem}.csv"
    display = f"data/raw/skips/{stem}.csv"
    rows = read_table(path, SKIP_COLUMNS, display, {"line", "column", "mention", "reason"},
                      REVIEW_COLUMNS) if path.exists() else []
    draft = draft_path(raw_dir, stem, "skips")
    if draft.exists():
        rows += read_table(draft, SKIP_COLUMNS, f"data/raw/drafts/{draft.name}", {"line", "column", "mention", "reason"},
                           DRAFT_COLUMNS)
    return rows, display


def transcription_rows(raw_dir: Path, stem: str) -> list[dict[str, str]]:
    """Every figure row of a report, reviewed and drafted, as plain dicts (for coverage)."""
    rows = []
    for path in (raw_dir / "figures" / f"{stem}.csv", draft_path(raw_dir, stem, "figures")):
        if path.exists():
            with path.open(encoding="utf-8-sig", newline="") as fh:
                rows += list(csv.DictReader(fh))
    return rows


def check_coverage(raw_dir: Path, reports: list[Report]) -> list[Coverage]:
    """Coverage of every report; InputError when a report is below 100%."""
    results, problems = [], []
    for report in reports:
        stem = Path(report.file_name).stem
        rows = transcription_rows(raw_dir, stem)
        try:
            skip_rows, display = load_skips(raw_dir, stem)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        cov = compute(report, rows, skip_rows, display)
        results.append(cov)
        problems.extend(cov.problems)
        for m in cov.missing:
            hint = classify(report.text, m)
            suggestion = f"it looks like {hint}: add it to {display} with reason '{hint}'" if hint else \
                f"transcribe it in data/raw/figures/{stem}.csv, or add it to {display} with a reason"
            context = " ".join(report.text[max(0, m.start - 40) : m.end + 40].split())
            problems.append(Problem(f"data/raw/reports/{report.file_name}", m.line, None, m.column,
                                    f"numeric mention '{m.text}' is neither transcribed nor skipped (…{context}…)",
                                    suggestion))
    if problems:
        raise InputError(problems)
    return results


def draft_skips(report: Report, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Skip rows for the untranscribed mentions the classifier recognises as non-figures."""
    cov = compute(report, rows, [], "")
    out = []
    for m in cov.missing:
        reason = classify(report.text, m)
        if reason:
            out.append({"line": str(m.line), "column": str(m.column), "mention": m.text, "reason": reason,
                        "context": " ".join(report.text[max(0, m.start - 30) : m.end + 30].split())})
    return out
