"""`vnreports import FILE`: a reviewed workbook back into data/raw, checked by the build's own rules, written whole or not at all.

The workbook's rows are written into a temporary copy of data/raw (reviewed rows to reports.csv,
figures/, skips/, metrics.csv with who and when; the others back to data/raw/drafts/), and the
build's loader and coverage check run on that copy. Each problem they find is mapped from file and
line back to the workbook's sheet, row and column. Only a clean copy is swapped in, file by file,
under the build lock.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from vnreports.build.lock import build_lock
from vnreports.errors import InputError, Problem
from vnreports.raw.coverage import check_coverage
from vnreports.raw.drafts import text_path
from vnreports.raw.layer import load_raw
from vnreports.raw.schema import DRAFT_COLUMNS, REVIEW_COLUMNS
from vnreports.review.cells import (
    Located,
    WorkbookRefused,
    check_sheets,
    extra_columns,
    open_workbook,
    read_meta,
    read_rows,
)
from vnreports.review.layout import (
    BY_PART,
    SHEET_FIGURES,
    SHEET_LISTS,
    SHEET_METRICS,
    SHEET_REGISTRY,
    SHEET_SKIPS,
    SHEETS,
    column_letter,
)
from vnreports.review.state import PARTS, CsvDoc, Rec, current, display, keyed, read_docs
from vnreports.review.workbook import sha256_file

RERUN = "run `make review FILE=data/raw/reports/{name}` again and redo your edits in the new workbook"


@dataclass
class Plan:
    texts: dict[Path, str | None] = field(default_factory=dict)  # every file of the report: content, None = absent
    origins: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)  # (file, line) → (sheet, row)


@dataclass
class Result:
    report: str
    written: list[str]
    removed: list[str]
    counts: dict[str, tuple[int, int]]  # part → (reviewed, total) after the import
    changes: dict[str, int]  # reviewed now / edited / added / deleted
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        notes = "".join(f"\nnote: {n}" for n in self.notes)
        if not self.written and not self.removed:
            return f"import: {self.report}: nothing to change (the workbook matches data/raw)" + notes
        figs = self.counts.get("figures", (0, 0))
        c = self.changes
        return (f"import: {self.report}: đã duyệt {figs[0]}/{figs[1]} số liệu; {c['reviewed']} row(s) newly reviewed, "
                f"{c['edited']} edited, {c['added']} added, {c['deleted']} deleted; wrote "
                + ", ".join(self.written + [f"removed {p}" for p in self.removed]) + " — now run `make build`" + notes)


def import_workbook(root: Path, path: Path) -> Result:
    """Check the workbook and write its rows into data/raw; WorkbookRefused (nothing written) on any problem."""
    raw_dir = root / "data" / "raw"
    wb = open_workbook(path)
    meta = read_meta(wb)
    problems = check_sheets(wb)
    if problems:
        raise WorkbookRefused(problems)
    recs: dict[str, list[Rec]] = {}
    positions: dict[str, dict[str, str]] = {}
    for sheet in SHEETS:
        recs[sheet.part], found = read_rows(wb, sheet)
        problems += found
        names = [c.value for c in wb[sheet.title][2]]
        positions[sheet.title] = {n: column_letter(i) for i, n in enumerate(names, start=1) if n}
    name = str(meta["report"])
    problems += _identity(raw_dir, path, name, meta, recs)
    if problems:
        raise WorkbookRefused(problems)
    stem = Path(name).stem
    with build_lock(root, "vnreports import"):
        docs = read_docs(raw_dir, stem)
        plan = _plan(raw_dir, docs, name, recs)
        changed = {p: t for p, t in plan.texts.items() if t != (docs_text(docs, p))}
        cur = current(docs, name)
        result = _result(name, raw_dir, changed, cur, recs)
        result.notes = [f"sheet '{s.title}', column {c} has no machine name on row 2: kept in the workbook, "
                        "not imported" for s in SHEETS for c in extra_columns(wb, s)]
        if not changed:
            return result
        _check_stale(name, meta, cur, recs, docs)
        _validate(raw_dir, plan, name, positions)
        _write(changed)
    return result


def docs_text(docs: dict[tuple[str, bool], CsvDoc], path: Path) -> str | None:
    for doc in docs.values():
        if doc.path == path:
            return doc.text if doc.exists else None
    return None


def _identity(raw_dir: Path, path: Path, name: str, meta, recs) -> list[Located]:
    """The workbook belongs to this report, as it is now: else it is refused."""
    stem = Path(name).stem
    report = raw_dir / "reports" / name
    rerun = RERUN.format(name=name)
    if not report.is_file():
        return [Located(SHEET_REGISTRY, None, None, None,
                        f"the workbook is for report {name}, which is not in data/raw/reports/ "
                        "(a workbook of another project, or the report was removed or renamed)",
                        "import the workbook in the project that holds the report, or restore the report")]
    others = [p.stem for p in (raw_dir / "reports").iterdir() if p.stem != stem and p.stem in path.stem]
    if others and stem not in path.stem:
        return [Located(SHEET_REGISTRY, None, None, None,
                        f"the file is named for report {others[0]}, but the workbook is for report {name}",
                        f"import the workbook of {others[0]} (build/review/{others[0]}.xlsx), or name this one "
                        f"{stem}.xlsx if it really is the workbook of {name}")]
    problems = []
    if sha256_file(report) != meta.get("report_sha256"):
        problems.append(Located(SHEET_REGISTRY, None, None, None,
                                f"data/raw/reports/{name} changed since `make review` wrote this workbook", rerun))
    text = text_path(raw_dir, name)
    if text != report and sha256_file(text) != meta.get("text_sha256"):
        problems.append(Located(SHEET_REGISTRY, None, None, None,
                                f"the report's text {display(raw_dir, text)} changed since `make review` wrote this "
                                "workbook (`make add` ran again?)", rerun))
    reg = recs["registry"]
    if len(reg) != 1:
        problems.append(Located(SHEET_REGISTRY, None, None, None,
                                f"the sheet holds {len(reg)} rows; it must hold exactly the report's registry row",
                                "keep one row (undo a deletion, or delete the extra rows)"))
    elif reg[0].values.get("file_name") != name:
        col = next(c for c in BY_PART["registry"].columns if c.name == "file_name")
        problems.append(Located(SHEET_REGISTRY, reg[0].origin[1], col, None,
                                f"file_name is '{reg[0].values.get('file_name')}', but this workbook is for {name}",
                                f"write {name} back (the report is named by its file)"))
    return problems


def _plan(raw_dir: Path, docs, name: str, recs: dict[str, list[Rec]]) -> Plan:
    """Every file of the report as it will be, and where each workbook row lands (file, line)."""
    plan = Plan()
    for part in PARTS:
        base = BY_PART[part].raw_columns
        for reviewed in (True, False):
            doc = docs[(part, reviewed)]
            mine = [r for r in recs[part] if r.reviewed == reviewed]
            rows: list[dict[str, str]] = [r.values for r in mine]
            where = list(range(len(mine)))  # index in `rows` of each of mine
            if reviewed and part in ("registry", "metrics"):  # shared files: the other rows stay as they are
                rows, where = _shared(part, doc, name, mine)
            extra = REVIEW_COLUMNS if reviewed else ()
            text, starts = doc.render(rows, base if reviewed else base + list(DRAFT_COLUMNS), extra)
            if not rows and not (reviewed and part in ("registry", "metrics")):
                text = None
            plan.texts[doc.path] = text
            shown = display(raw_dir, doc.path)
            for rec, i in zip(mine, where):
                plan.origins[(shown, starts[i])] = rec.origin
    return plan


def _shared(part: str, doc: CsvDoc, name: str, mine: list[Rec]) -> tuple[list[dict[str, str]], list[int]]:
    """reports.csv or metrics.csv with this workbook's reviewed rows in place of (or beside) their own."""
    rows = [dict(v) for v, _ in doc.records]
    key = "file_name" if part == "registry" else "metric_code"
    if part == "registry" and not mine:  # the registry row went back to being a draft
        rows = [r for r in rows if r.get(key) != name]
    where: list[int] = []
    for rec in mine:
        at = next((i for i, r in enumerate(rows) if r.get(key) == rec.values.get(key)), None)
        if at is not None:
            rows[at] = rec.values
        else:
            at = len(rows)
            if part == "registry":  # the registry is in file-name order
                at = next((i for i, r in enumerate(rows) if r.get(key, "") > name), len(rows))
                where = [w + 1 if w >= at else w for w in where]
            rows.insert(at, rec.values)
        where.append(at)
    return rows, where


def _check_stale(name: str, meta, cur: dict[str, list[Rec]], recs: dict[str, list[Rec]], docs) -> None:
    """Every row in data/raw is as the workbook found it, or as this workbook makes it (imported before)."""
    stale, problems = [], []
    sigs = meta["signatures"]
    accepted = {v["metric_code"]: Rec("metrics", True, v) for v, _ in docs[("metrics", True)].records}
    for part in PARTS:
        now = {k: r.signature() for k, r in keyed(cur[part]).items()}
        target = keyed(recs[part])
        orig = {k: s for (p, k), s in sigs.items() if p == part}
        keys = set(orig) | set(target) | (set(now) if part != "metrics" else set())
        for k in sorted(keys):
            c = now.get(k)
            if part == "metrics" and c is None and k in accepted:
                c = accepted[k].signature()
            t = target[k].signature() if k in target else None
            if c == orig.get(k) or c == t:
                continue
            if part == "metrics" and orig.get(k) is None and k in accepted:
                col = next(x for x in BY_PART["metrics"].columns if x.name == "metric_code")
                problems.append(Located(BY_PART["metrics"].title, target[k].origin[1], col, None,
                                        f"metric '{k}' is already in data/raw/metrics.csv",
                                        "delete this row and use the existing metric"))
            else:
                stale.append(f"{part} {k}")
    if stale:
        problems.append(Located(SHEET_FIGURES, None, None, None,
                                "this workbook was made from an older state of the report's rows: data/raw changed "
                                "since `make review` wrote it (a new draft from `make add`, or another import): "
                                + ", ".join(stale[:8]) + (" …" if len(stale) > 8 else ""), RERUN.format(name=name)))
    if problems:
        raise WorkbookRefused(problems)


def _validate(raw_dir: Path, plan: Plan, name: str, positions) -> None:
    """The build's own checks on a copy of data/raw holding the workbook's rows; problems mapped to the workbook."""
    with tempfile.TemporaryDirectory(prefix="vnreports-import-") as tmp:
        copy = Path(tmp) / "data" / "raw"
        shutil.copytree(raw_dir, copy)
        for path, text in plan.texts.items():
            target = copy / path.relative_to(raw_dir)
            if text is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8", newline="")
        try:
            raw = load_raw(copy)
            check_coverage(copy, raw.reports)
        except InputError as exc:
            raise WorkbookRefused([_locate(p, plan, name, positions) for p in exc.problems]) from None


def _paths_to_sheets(text: str, name: str) -> str:
    stem = Path(name).stem
    for path, sheet in ((f"data/raw/figures/{stem}.csv", SHEET_FIGURES), (f"data/raw/skips/{stem}.csv", SHEET_SKIPS),
                        (f"data/raw/drafts/{stem}.figures.csv", SHEET_FIGURES),
                        (f"data/raw/drafts/{stem}.skips.csv", SHEET_SKIPS)):
        text = text.replace(path, f"sheet '{sheet}'")
    return text.replace("accept it into data/raw/metrics.csv first",
                        f"accept it first (choose 'có' for it on sheet '{SHEET_METRICS}')")


def _locate(p: Problem, plan: Plan, name: str, positions) -> Located | Problem:
    """A build problem (file, line, column) as a workbook problem (sheet, row, column) when it is one of its rows."""
    message = re.sub(r"(?<=on )line (\d+)(?: of (\S+))?", lambda m: _row_ref(m, p.file, plan), p.message)
    fix = _paths_to_sheets(p.fix, name)
    origin = plan.origins.get((p.file, p.line)) if p.line is not None else None
    if origin is not None:
        sheet = next(s for s in SHEETS if s.title == origin[0])
        col = next((c for c in sheet.columns if c.name == p.column), None)
        letter = positions.get(sheet.title, {}).get(p.column) if col else None
        if col is not None and col.vocab:
            fix += f"; in the workbook, pick it from the dropdown (the list is on sheet '{SHEET_LISTS}')"
        return Located(sheet.title, origin[1], col, letter, message, fix)
    if p.file in (f"data/raw/reports/{name}", display(Path("data/raw"), Path("data/raw") / "texts" /
                                                               f"{Path(name).stem}.txt")):
        return Located(SHEET_SKIPS, None, None, None,
                       f"the report, line {p.line}, column {p.column_no}: {_paths_to_sheets(message, name)}",
                       fix + f" (a skip row takes line {p.line}, column {p.column_no}, the mention and a reason)")
    return p


def _row_ref(m: re.Match, file: str, plan: Plan) -> str:
    origin = plan.origins.get((m.group(2) or file, int(m.group(1))))
    return f"row {origin[1]} of sheet '{origin[0]}'" if origin else m.group(0)


def _write(changed: dict[Path, str | None]) -> None:
    """Each new file written beside its target first, then all renamed over (and emptied ones removed)."""
    temps: list[tuple[Path, Path]] = []
    try:
        for path, text in changed.items():
            if text is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f".{path.name}.import-{os.getpid()}")
                tmp.write_text(text, encoding="utf-8", newline="")
                temps.append((tmp, path))
        for tmp, path in temps:
            os.replace(tmp, path)
        for path, text in changed.items():
            if text is None:
                path.unlink(missing_ok=True)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)


def _result(name: str, raw_dir: Path, changed, cur: dict[str, list[Rec]], recs: dict[str, list[Rec]]) -> Result:
    changes = dict.fromkeys(("reviewed", "edited", "added", "deleted"), 0)
    counts = {}
    for part in PARTS:
        before, after = keyed(cur[part]), keyed(recs[part])
        counts[part] = (sum(r.reviewed for r in recs[part]), len(recs[part]))
        changes["added"] += len(set(after) - set(before))
        changes["deleted"] += len(set(before) - set(after))
        for k in set(before) & set(after):
            b, a = before[k], after[k]
            changes["reviewed"] += a.reviewed and not b.reviewed
            cols = BY_PART[part].raw_columns
            changes["edited"] += any(b.values.get(c, "") != a.values.get(c, "") for c in cols)
    written = sorted(display(raw_dir, p) for p, t in changed.items() if t is not None)
    removed = sorted(display(raw_dir, p) for p, t in changed.items() if t is None)
    return Result(name, written, removed, counts, changes)
