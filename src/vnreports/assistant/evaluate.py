"""`make extract-eval`: draft quality per field and per report, leave-one-report-out and on the held-out corpus.

Leave-one-report-out (the five reports the rules were written on): the lexicon is learnt from four
reviewed transcriptions and the fifth is drafted as `make add` would draft it (registry row drafted
from its text, no truth given), then compared with its reviewed transcription. Held-out
(tests/extraction_holdout/, written without reading the extractor; never tuned on): the lexicon is
learnt from all five. A drafted row matches an expected one by its number as written; a matched row
is *fully right* when value, unit, figure type, place, as-of, metric and programme all agree. A
target's deadline is drafted in its row (deadline_text); it counts as a found date figure.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

FIELDS = ["value", "unit", "figure_type", "place", "as_of", "metric", "programme"]
TARGETS = {"precision": 0.95, "recall": 0.95, "fully_right": 0.90, "registry": 0.90}
TEXT_FIELDS = {"issuing_body", "signer_title", "concluding_official", "title", "event_type", "period_text",
               "subject_communes"}


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("*", "").split()).lower()


def score(found: list[str], expected: list[str]) -> tuple[int, int, int]:
    """(matched, found, expected) counting each expected number_text once per occurrence. A found
    figure matches an expected one when either number text contains the other (the extractor may
    include or omit a prefix such as "đạt")."""
    return len(match(found, expected)), len(found), len(expected)


def match(found: list[str], expected: list[str]) -> list[tuple[int, int]]:
    """(found index, expected index) pairs, greedy in order, by number text as in `score`."""
    remaining = list(enumerate(_norm(e) for e in expected))
    pairs = []
    for fi, f in enumerate(_norm(x) for x in found):
        for k, (ei, e) in enumerate(remaining):
            if f == e or (len(e) >= 2 and (e in f or f in e) and any(ch.isdigit() for ch in e + f)):
                pairs.append((fi, ei))
                del remaining[k]
                break
    return pairs


def _num(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return None


def _place(name: str) -> str:
    return re.sub(r"^(?:huyện|thành phố|thị xã|xã|thị trấn|phường)\s+", "", _norm(name or ""))


_PLACES = None


def _same_place(got: dict, want: dict) -> bool:
    """The same district and commune: the same GSO codes where the names resolve (spellings differ), else names."""
    global _PLACES
    if _PLACES is None:
        from vnreports.notation.places import PlaceIndex
        from vnreports.paths import find_root

        raw = find_root() / "data" / "raw"
        _PLACES = PlaceIndex.load(raw / "reference", raw / "place_aliases.csv")

    def key(row):
        d, c = row.get("district", "") or "", row.get("commune", "") or ""
        try:
            dp = _PLACES.resolve_district(d)[0] if d else None
            cp = _PLACES.resolve_commune(dp, c)[0] if c and dp else None
            return (dp.code if dp else "", cp.code if cp else _place(c))
        except Exception:  # a place of another province: compare the names as written
            return (_place(d), _place(c))
    return key(got) == key(want)


def field_right(fld: str, got: dict, want: dict) -> bool:
    if fld == "value":
        a, b = _num(got.get("value", "")), _num(want.get("value", ""))
        return a is not None and a == b
    if fld == "place":
        return _same_place(got, want)
    if fld == "metric":
        w, g = want.get("metric", ""), got.get("metric", "")
        return g.startswith("de_xuat_") if w.startswith("new:") else g == w
    if fld == "programme":
        return got.get("programme", "") == want.get("programme", "")
    return _norm(got.get(fld, "")) == _norm(want.get(fld, ""))


def registry_right(fld: str, got: str, want: str) -> bool:
    if fld in TEXT_FIELDS:
        import difflib

        a, b = _norm(got), _norm(want)
        return a == b or (bool(a) and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85)
    return _norm(got) == _norm(want)


@dataclass
class ReportScore:
    name: str
    found: int = 0
    expected: int = 0
    matched: int = 0
    fully_right: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    registry_right: int = 0
    registry_fields: int = 0
    registry_misses: list[str] = field(default_factory=list)


def _with_deadlines(rows: list[dict]) -> list[dict]:
    """Drafted rows plus one 'date' row per drafted deadline (a deadline is a figure of its own in the corpus)."""
    out = []
    for r in rows:
        if r.get("deadline_text") and r["number_text"] == r["deadline_text"]:
            out.append({**r, "value": r["deadline"], "unit": "date"})  # a deadline drafted as a row of its own
            continue
        out.append(r)
        if r.get("deadline_text"):
            out.append({**r, "number_text": r["deadline_text"], "value": r["deadline"], "unit": "date"})
    return out


def score_report(name: str, rows: list[dict], truth: list[dict], registry: dict, registry_truth: dict | None,
                 deadlines_are_figures: bool = False) -> ReportScore:
    """Scores of one drafted report. The held-out corpus lists deadlines as figures of their own; the
    reviewed transcriptions keep them in their target's row, as the drafts do."""
    s = ReportScore(name)
    found = _with_deadlines(rows) if deadlines_are_figures else rows
    pairs = match([r["number_text"] for r in found], [t["number_text"] for t in truth])
    s.found, s.expected, s.matched = len(found), len(truth), len(pairs)
    for fi, ei in pairs:
        got, want = found[fi], truth[ei]
        if want.get("unit") == "date":
            ok = {f: f in ("value", "unit") and _norm(got.get("value", "")) == _norm(want.get("value", ""))
                  or f not in ("value", "unit") for f in FIELDS}
            ok["unit"] = got.get("unit") == "date"
        else:
            ok = {f: field_right(f, got, want) for f in FIELDS}
        for f in FIELDS:
            s.fields[f] += ok[f]
        s.fully_right += all(ok.values())
    if registry_truth:
        for f, want in registry_truth.items():
            if f in ("file_name", "note"):
                continue
            s.registry_fields += 1
            if registry_right(f, registry.get(f, ""), want):
                s.registry_right += 1
            else:
                s.registry_misses.append(f)
    return s


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def draft_for_eval(path: Path, raw_dir: Path, lexicon, file_name: str, as_added: bool = False) -> tuple[list[dict], dict]:
    """Draft a report file as `make add` would: its registry row from the text, then its figures. With `as_added`
    (a report not yet in data/raw) the drafts are also checked by the build's loader on a scratch copy, as
    `make add` checks them, so a row the build would refuse is not counted; a report `make add` refuses
    (another province's) is scored on its unchecked drafts."""
    import hashlib

    from vnreports.assistant.add import AddRefused, _context, check_on_scratch
    from vnreports.assistant.draft import draft_figures
    from vnreports.assistant.proposals import propose_metrics
    from vnreports.assistant.registry import communes_from_figures, draft_registry
    from vnreports.documents.text import read_report
    from vnreports.notation.places import PlaceIndex

    text = read_report(path).text
    places = PlaceIndex.load(raw_dir / "reference", raw_dir / "place_aliases.csv")
    registry, reg_conf, _ = draft_registry(file_name, text, places)
    rows = draft_figures(text, _context(raw_dir, registry, places, lexicon))
    registry = communes_from_figures(registry, rows, text=text)
    proposed = propose_metrics(rows, {r["metric_code"] for r in _read_csv(raw_dir / "metrics.csv")})
    if as_added and registry["subject_districts"]:
        data = path.read_bytes()
        stem = f"999_{hashlib.sha256(data).hexdigest()[:16]}"
        name = stem + path.suffix.lower()
        registry = {**registry, "file_name": name}
        derived = {} if path.suffix.lower() == ".txt" else {raw_dir / "texts" / f"{stem}.txt": text.encode("utf-8")}
        try:
            checked, _, _, _ = check_on_scratch(raw_dir, stem, name, data, derived, registry, reg_conf, proposed,
                                                [dict(r) for r in rows])
        except AddRefused:
            return rows, registry
        kept = {(r["number_text"], r["quote"], r["figure_id"]) for r in checked}
        rows = [r for r in rows if (r["number_text"], r["quote"], r["figure_id"]) in kept]
    return rows, registry


CORPORA = {  # name -> folder of labelled reports (besides the reviewed reports of data/raw/)
    "dev": Path("tests/extraction_dev"),  # a development set: read and tuned on
    "dev_round1": Path("tests/extraction_dev/round1"),  # former held-out rounds, scored while developing,
    "dev_round2": Path("tests/extraction_dev/round2"),  # so retired to development (read and tuned on)
    "dev_round3": Path("tests/extraction_dev/round3"),
    "dev_round4": Path("tests/extraction_dev/round4"),  # held out in session 4, scored once, then retired
    "dev_round5": Path("tests/extraction_dev/round5"),
    "dev_round6": Path("tests/extraction_dev/round6"),  # held out in session 4, scored once, then retired
    "dev_round7": Path("tests/extraction_dev/round7"),
    "dev_round8": Path("tests/extraction_dev/round8"),  # held out in session 5, scored once, then retired
    "dev_round9": Path("tests/extraction_dev/round9"),
    "dev_round10": Path("tests/extraction_dev/round10"),  # held out in session 6, scored once, then retired
    "dev_round11": Path("tests/extraction_dev/round11"),
    "held_out_round12": Path("tests/extraction_holdout/round12"),  # held out: scored once, on the final code
    "held_out_round13": Path("tests/extraction_holdout/round13"),
}
TUNABLE = ["leave_one_out", *(name for name in CORPORA if not name.startswith("held_out"))]


def _score_folder(folder: Path, raw_dir: Path, lexicon) -> list[ReportScore]:
    scores = []
    for expected in sorted(folder.glob("*.expected.csv")):
        stem = expected.name.removesuffix(".expected.csv")
        source = next(p for p in sorted(folder.glob(stem + ".*"))
                      if p.suffix in (".txt", ".docx", ".pdf") and not p.name.endswith((".truth.txt",)))
        rows, reg = draft_for_eval(source, raw_dir, lexicon, source.name, as_added=True)
        reg_path = folder / f"{stem}.expected_registry.csv"
        reg_truth = _read_csv(reg_path)[0] if reg_path.exists() else None
        scores.append(score_report(stem, rows, _read_csv(expected), reg, reg_truth, True))
    return scores


def evaluate(root: Path, log=print, corpora: list[str] | None = None) -> dict:
    """Leave-one-report-out on the reviewed reports, then each labelled corpus that exists (all, or the ones
    named in `corpora`: leave_one_out and the keys of CORPORA); print and return the scores."""
    from vnreports.assistant.lexicon import Lexicon

    wanted = corpora or ["leave_one_out", *CORPORA]
    raw_dir = root / "data" / "raw"
    registry = {r["file_name"]: r for r in _read_csv(raw_dir / "reports.csv")}
    results: dict[str, list[ReportScore]] = {}
    if "leave_one_out" in wanted:
        results["leave_one_out"] = []
        stems = sorted(p.stem for p in (raw_dir / "figures").glob("*.csv") if not p.name.startswith("_"))
        for stem in stems:
            name = next(n for n in registry if Path(n).stem == stem)
            lexicon = Lexicon.from_transcriptions(raw_dir, exclude={stem})
            rows, reg = draft_for_eval(raw_dir / "reports" / name, raw_dir, lexicon, name)
            truth = _read_csv(raw_dir / "figures" / f"{stem}.csv")
            results["leave_one_out"].append(score_report(stem, rows, truth, reg, registry[name]))
    lexicon = Lexicon.from_transcriptions(raw_dir)
    for name, folder in CORPORA.items():
        if name in wanted and any((root / folder).glob("*.expected.csv")):
            results[name] = _score_folder(root / folder, raw_dir, lexicon)
    return {k: _report(k, v, log) for k, v in results.items()}


def _pct(a: int, b: int) -> float:
    return a / b if b else 0.0


def _report(title: str, scores: list[ReportScore], log) -> dict:
    log(f"\n== {title} ==")
    log(f"{'report':38} {'found':>5} {'exp':>5} {'P':>5} {'R':>5} {'full':>5} " + " ".join(f"{f[:6]:>6}" for f in FIELDS)
        + "   registry")
    for s in scores:
        log(f"{s.name:38} {s.found:5} {s.expected:5} {_pct(s.matched, s.found):5.2f} {_pct(s.matched, s.expected):5.2f} "
            f"{_pct(s.fully_right, s.matched):5.2f} " + " ".join(f"{_pct(s.fields[f], s.matched):6.2f}" for f in FIELDS)
            + f"   {s.registry_right}/{s.registry_fields}" + (f" (miss: {', '.join(s.registry_misses)})"
                                                             if s.registry_misses else ""))
    t = ReportScore("ALL")
    for s in scores:
        t.found, t.expected, t.matched, t.fully_right = (t.found + s.found, t.expected + s.expected,
                                                          t.matched + s.matched, t.fully_right + s.fully_right)
        t.registry_right, t.registry_fields = t.registry_right + s.registry_right, t.registry_fields + s.registry_fields
        for f in FIELDS:
            t.fields[f] += s.fields[f]
    out = {"precision": _pct(t.matched, t.found), "recall": _pct(t.matched, t.expected),
           "fully_right": _pct(t.fully_right, t.matched), "registry": _pct(t.registry_right, t.registry_fields),
           **{f"field_{f}": _pct(t.fields[f], t.matched) for f in FIELDS},
           "found": t.found, "expected": t.expected, "matched": t.matched}
    log(f"{title}: " + ", ".join(f"{k} {out[k]:.2f} (target {TARGETS[k]:.2f}{' met' if out[k] >= TARGETS[k] else ' MISSED'})"
                                 for k in TARGETS))
    return out


def write_json(summary: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"date": date.today().isoformat(), **summary}, indent=1) + "\n", encoding="utf-8")
