"""`make add FILE=…`: a new report file becomes a complete draft in the raw layer that the build accepts.

The file is copied unchanged into data/raw/reports/ (named `NNN_<sha256[:16]>.<ext>`); for a .docx or
.pdf its text is derived once into data/raw/texts/<stem>.txt (with a .json saying how), and that text
is what quotes are checked against on every build. The drafts (registry row, figures, skips,
proposed metrics) go to data/raw/drafts/. Before anything is written, the drafts are checked by the
build's own loader on a scratch copy of the raw layer; a drafted row the checks refuse is dropped
and its number becomes a drafted skip, so that `make build` succeeds right after `make add`.
Everything is written under the build lock, the report file last: a crash leaves no half-added report.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vnreports.assistant.draft import DraftContext, draft_figures, write_draft
from vnreports.assistant.lexicon import Lexicon
from vnreports.assistant.phrases import Phrases, load_sectors
from vnreports.assistant.proposals import propose_metrics
from vnreports.assistant.registry import communes_from_figures, draft_registry
from vnreports.documents.text import DocumentText, read_report
from vnreports.errors import InputError
from vnreports.notation.mentions import classify
from vnreports.notation.places import PlaceIndex
from vnreports.raw.coverage import SKIP_COLUMNS, compute
from vnreports.raw.drafts import draft_path
from vnreports.raw.schema import METRIC_COLUMNS, REPORT_COLUMNS

MAX_ROUNDS = 5


class AddRefused(RuntimeError):
    """The file cannot be added; the message says why and what to do."""


@dataclass
class AddResult:
    report: str
    figures: int
    skips: int
    proposed_metrics: int
    dropped: int
    method: str


def _csv_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _check_not_added(raw_dir: Path, data: bytes, src: Path) -> str:
    sha = hashlib.sha256(data).hexdigest()
    for p in sorted((raw_dir / "reports").glob("*")):
        if p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == sha:
            raise AddRefused(f"{src}: the same file is already added as data/raw/reports/{p.name}; "
                             "nothing to do (review it with `make review FILE=data/raw/reports/" + p.name + "`)")
    return sha


def _check_not_registered(raw_dir: Path, row: dict[str, str], src: Path) -> None:
    rows = _csv_rows(raw_dir / "reports.csv")
    for p in sorted((raw_dir / "drafts").glob("*.registry.csv")):
        rows += _csv_rows(p)
    for r in rows:
        if row["doc_number"] and r.get("doc_number") == row["doc_number"] and r.get("date_signed") == row["date_signed"]:
            raise AddRefused(f"{src}: report {row['doc_number']} of {row['date_signed']} is already registered as "
                             f"{r['file_name']} (another copy of the same report?); add it only once")


def _next_stem(raw_dir: Path, sha: str) -> str:
    numbers = [int(m.group(1)) for p in (raw_dir / "reports").glob("*") if (m := re.match(r"(\d{3})_", p.name))]
    return f"{max(numbers, default=-1) + 1:03d}_{sha[:16]}"


def _communes_of(places: PlaceIndex, district: str) -> list:
    try:
        code = places.resolve_district(district)[0].code
    except Exception:  # no district, or another province's: unknown
        return []
    return [p for p in places.communes.values() if p.district_code == code]


def commune_spellings(communes: list) -> tuple[str, ...]:
    """A district's communes as drafts write them: a xã by its bare name ("Tú Đoạn"), a town with its kind ("thị
    trấn Na Dương"), and a xã with its kind where a town shares its name ("xã Đình Lập" beside "thị trấn Đình Lập")."""
    def bare(p) -> str:
        return p.name[len(p.division_type):].strip() if p.name.lower().startswith(p.division_type.lower()) else p.name
    towns = {bare(p) for p in communes if p.division_type.lower() != "xã"}
    return tuple(f"{p.division_type.lower()} {bare(p)}" if p.division_type.lower() != "xã" or bare(p) in towns
                 else bare(p) for p in communes)


def _context(raw_dir: Path, row: dict[str, str], places: PlaceIndex, lexicon: Lexicon) -> DraftContext:
    metrics = {r["metric_code"]: r for r in _csv_rows(raw_dir / "metrics.csv")}
    programmes = {r["programme_code"]: r for r in _csv_rows(raw_dir / "programmes.csv")}
    iso = lambda s: date.fromisoformat(s) if len(s) == 10 else None  # noqa: E731
    district = row["subject_districts"].split(";")[0].strip()
    communes = _communes_of(places, district)
    signed = row["date_signed"]
    signed_by = iso(signed) if len(signed) == 10 else (
        date.fromisoformat(signed + "-01").replace(day=28) if len(signed) == 7 else None)
    return DraftContext(event_date=iso(row["event_date"]), period_end=iso(row["period_end"]), signed_by=signed_by,
                        periodic=row["doc_type"].startswith("BC") or "báo cáo" in row["event_type"],
                        a_report=row["doc_type"].startswith("BC"), plan=row["doc_type"].startswith("KH"),
                        default_district=district, metrics=metrics,
                        programmes=programmes, lexicon=lexicon, districts_in_province=len(places.districts),
                        communes_in_district=sum(p.division_type.lower() == "xã" for p in communes),
                        commune_names=commune_spellings(communes),
                        metric_phrases=Phrases.load(raw_dir, "metric"), title=row.get("title", ""),
                        metric_sectors=load_sectors(raw_dir),
                        programme_phrases=Phrases.load(raw_dir, "programme"))


def _skip(m, text: str, reason: str, confidence: str) -> dict[str, str]:
    return {"line": str(m.line), "column": str(m.column), "mention": m.text, "reason": reason,
            "context": " ".join(text[max(0, m.start - 30):m.end + 30].split()), "confidence": confidence}


def _date_reason(text: str, m) -> str | None:
    """A date no figure takes: the document's own date line, or the date of an event."""
    for d in re.finditer(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", text):
        if d.start() <= m.start < d.end():
            return "document_date" if text.count("\n", 0, d.start()) < 15 else "event_date"
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}", m.text):
        return "event_date"
    return None


def _validate(raw_dir: Path, stem: str, name: str, rows: list[dict], registry: dict) -> tuple[list[dict], list[dict], int]:
    """Check the drafts with the build's own loader on `raw_dir` (a scratch copy); drop the rows it refuses and
    skip every mention no kept row covers. Returns (rows, skips, dropped)."""
    from vnreports.raw.coverage import check_coverage
    from vnreports.raw.layer import load_raw

    dropped = 0
    fig_file, skip_file = draft_path(raw_dir, stem, "figures"), draft_path(raw_dir, stem, "skips")
    fig_display = f"data/raw/drafts/{fig_file.name}"
    for _ in range(MAX_ROUNDS):
        write_draft(rows, fig_file)
        write_draft([], skip_file, SKIP_COLUMNS + ["confidence"])
        try:
            raw = load_raw(raw_dir)
        except InputError as exc:
            bad_lines = {p.line for p in exc.problems if p.file == fig_display and p.line}
            others = [p for p in exc.problems if p.file != fig_display or not p.line]
            if others:
                raise AddRefused("the draft could not be checked:\n" + InputError(others).render()) from None
            rows = [r for i, r in enumerate(rows, start=2) if i not in bad_lines]
            dropped += len(bad_lines)
            continue
        report = next(r for r in raw.reports if r.file_name == name)
        cov = compute(report, rows, [], "")
        skips = []
        for m in cov.missing:
            reason = classify(report.text, m) or _date_reason(report.text, m)
            skips.append(_skip(m, report.text, reason or "other: máy không chắc đây là số liệu — kiểm tra",
                               "0.80" if reason else "0.30"))
        write_draft(skips, skip_file, SKIP_COLUMNS + ["confidence"])
        try:
            check_coverage(raw_dir, [report])
        except InputError as exc:
            raise AddRefused("the drafted skips do not cover the report:\n" + exc.render()) from None
        return rows, skips, dropped
    raise AddRefused(f"the draft still had problems after {MAX_ROUNDS} rounds; please report this file")


def _write_all(files: dict[Path, bytes]) -> None:
    """Write every file next to its target, then rename each into place (the report file last)."""
    temps = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            temps.append((Path(tmp), target))
        for tmp, target in temps:
            os.replace(tmp, target)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)


def check_on_scratch(raw_dir: Path, stem: str, name: str, data: bytes, derived: dict[Path, bytes], registry: dict,
                     reg_conf: float, proposed: list[dict], rows: list[dict]):
    """The drafts as the build will see them: written into a scratch copy of the raw layer with the report, checked
    by the build's own loader (refused rows dropped, every uncovered mention skipped). Returns (rows, skips,
    dropped, the draft files' bytes by their place in `raw_dir`)."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "data" / "raw"
        shutil.copytree(raw_dir, scratch, ignore=shutil.ignore_patterns(".*"))
        (scratch / "drafts").mkdir(exist_ok=True)
        (scratch / "reports" / name).write_bytes(data)
        for path, content in derived.items():
            (scratch / path.relative_to(raw_dir)).parent.mkdir(parents=True, exist_ok=True)
            (scratch / path.relative_to(raw_dir)).write_bytes(content)
        write_draft([{**registry, "confidence": f"{reg_conf:.2f}"}], draft_path(scratch, stem, "registry"),
                    REPORT_COLUMNS + ["confidence"])
        write_draft(proposed, draft_path(scratch, stem, "metrics"), METRIC_COLUMNS + ["confidence"])
        rows, skips, dropped = _validate(scratch, stem, name, rows, registry)
        outputs = {raw_dir / p.relative_to(scratch): p.read_bytes()
                   for p in (scratch / "drafts").glob(f"{stem}.*.csv")}
    return rows, skips, dropped, outputs


def add_report(root: Path, src: Path) -> AddResult:
    """Add `src` to the raw layer as a complete draft; AddRefused (or DocumentError) when it cannot be added."""
    from vnreports.build.lock import build_lock

    raw_dir = root / "data" / "raw"
    doc: DocumentText = read_report(src)
    data = src.read_bytes()
    sha = _check_not_added(raw_dir, data, src)
    stem = _next_stem(raw_dir, sha)
    name = stem + src.suffix.lower()
    places = PlaceIndex.load(raw_dir / "reference", raw_dir / "place_aliases.csv")
    registry, reg_conf, _ = draft_registry(name, doc.text, places)
    _check_not_registered(raw_dir, registry, src)
    if not registry["subject_districts"]:
        raise AddRefused(f"{src}: no district of Lạng Sơn is named in the title or text; this tool drafts reports "
                         "about districts (add the registry row by hand if this is a provincial report)")
    lexicon = Lexicon.from_transcriptions(raw_dir)
    rows = draft_figures(doc.text, _context(raw_dir, registry, places, lexicon))
    registry = communes_from_figures(registry, rows, text=doc.text)
    proposed = propose_metrics(rows, {r["metric_code"] for r in _csv_rows(raw_dir / "metrics.csv")})
    text_bytes = doc.text.encode("utf-8")
    derived = {}
    if src.suffix.lower() != ".txt":
        derived[raw_dir / "texts" / f"{stem}.txt"] = text_bytes
        derived[raw_dir / "texts" / f"{stem}.json"] = (json.dumps(
            {"report": name, "source_sha256": sha, "text_sha256": hashlib.sha256(text_bytes).hexdigest(),
             "method": doc.method}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    rows, skips, dropped, outputs = check_on_scratch(raw_dir, stem, name, data, derived, registry, reg_conf, proposed,
                                                     rows)
    if not proposed:
        outputs.pop(draft_path(raw_dir, stem, "metrics"), None)
    with build_lock(root, "vnreports add"):
        _write_all({**outputs, **derived, raw_dir / "reports" / name: data})
    return AddResult(name, len(rows), len(skips), len(proposed), dropped, doc.method)
