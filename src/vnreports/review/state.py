"""One report's rows in data/raw (reviewed and drafted), their fingerprints, and CSV files rewritten record by record.

A record keeps its exact text when it is written back unchanged, so an import touches only the
rows that changed and a file whose rows did not change is not written at all.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from vnreports.errors import InputError, Problem
from vnreports.raw.csvio import decode_utf8
from vnreports.raw.drafts import draft_path
from vnreports.raw.schema import DRAFT_COLUMNS, REVIEW_COLUMNS
from vnreports.review.layout import BY_PART, KEYS

PARTS = ("registry", "figures", "skips", "metrics")


@dataclass
class Rec:
    """One row of one part: its raw columns plus reviewed_by/reviewed_at (reviewed) or confidence (draft)."""

    part: str
    reviewed: bool
    values: dict[str, str]
    origin: tuple[str, int] | None = None  # (sheet, row) in a workbook

    def key(self) -> str:
        return "|".join(self.values.get(k, "") for k in KEYS[self.part])

    def signature(self) -> str:
        extra = REVIEW_COLUMNS if self.reviewed else DRAFT_COLUMNS
        cols = BY_PART[self.part].raw_columns + list(extra)
        items = [(c, self.values.get(c, "")) for c in cols if self.values.get(c, "")]
        blob = json.dumps([self.part, self.reviewed, items], ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def keyed(recs: list[Rec]) -> dict[str, Rec]:
    """Records by key; a repeated key gets '#2', '#3' … so that nothing is lost."""
    out: dict[str, Rec] = {}
    for r in recs:
        k, n = r.key(), 1
        while (k if n == 1 else f"{k}#{n}") in out:
            n += 1
        out[k if n == 1 else f"{k}#{n}"] = r
    return out


@dataclass
class CsvDoc:
    """A CSV file as header and records, each record with its exact text."""

    path: Path
    exists: bool
    header: list[str] = field(default_factory=list)
    header_text: str = ""
    records: list[tuple[dict[str, str], str]] = field(default_factory=list)
    text: str = ""

    @classmethod
    def read(cls, path: Path, display: str) -> CsvDoc:
        if not path.exists():
            return cls(path, False)
        text = decode_utf8(path, display)
        lines = text.splitlines(keepends=True)
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        doc = cls(path, True, text=text)
        try:
            doc.header = [h.strip() for h in next(reader, [])]
            doc.header_text = "".join(lines[: reader.line_num])
            prev = reader.line_num
            for record in reader:
                raw = "".join(lines[prev : reader.line_num])
                prev = reader.line_num
                if record and any(v.strip() for v in record):
                    doc.records.append(({h: v.strip() for h, v in zip(doc.header, record)}, raw))
        except csv.Error as exc:
            raise InputError([Problem(display, reader.line_num, None, None, f"malformed CSV: {exc}",
                                      "fix the file (see `make build`), then run `make review` again")]) from None
        return doc

    def render(self, rows: list[dict[str, str]], base_columns: list[str], extra: tuple[str, ...] = ()) -> tuple[str, list[int]]:
        """The file holding `rows`, and the line each row starts on. Unchanged records keep their text;
        the header is the file's own (or `base_columns`), plus the `extra` columns some row fills."""
        header = list(self.header) if self.exists and self.header else list(base_columns)
        header += [c for c in extra if c not in header and any(r.get(c) for r in rows)]
        grown = len(header) - len(self.header) if self.exists else 0
        reuse: dict[tuple, list[str]] = {}
        if self.exists:
            for values, raw in self.records:
                reuse.setdefault(tuple(values.get(c, "") for c in self.header), []).append(raw)
        out = [self.header_text if self.exists and not grown else _line(header)]
        if self.exists and grown:
            out = [self.header_text.rstrip("\r\n") + "," + ",".join(header[len(self.header):]) + "\n"]
        starts = []
        line = 1 + out[0].count("\n")
        for r in rows:
            cells = [r.get(c, "") for c in header]
            raws = reuse.get(tuple(cells[: len(self.header)])) if self.exists else None
            if raws and not any(cells[len(self.header):]):
                raw = raws.pop(0)
                if not raw.endswith("\n"):
                    raw += "\n"
                if grown:
                    ending = "\r\n" if raw.endswith("\r\n") else "\n"
                    raw = raw[: -len(ending)] + "," * grown + ending
            else:
                raw = _line(cells)
            starts.append(line)
            line += raw.count("\n")
            out.append(raw)
        return "".join(out), starts


def _line(cells: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    return buf.getvalue()


def files(raw_dir: Path, stem: str) -> dict[tuple[str, bool], Path]:
    """Where each part lives: (part, reviewed) → path."""
    return {
        ("registry", True): raw_dir / "reports.csv", ("registry", False): draft_path(raw_dir, stem, "registry"),
        ("figures", True): raw_dir / "figures" / f"{stem}.csv", ("figures", False): draft_path(raw_dir, stem, "figures"),
        ("skips", True): raw_dir / "skips" / f"{stem}.csv", ("skips", False): draft_path(raw_dir, stem, "skips"),
        ("metrics", True): raw_dir / "metrics.csv", ("metrics", False): draft_path(raw_dir, stem, "metrics"),
    }


def display(raw_dir: Path, path: Path) -> str:
    return str(Path("data") / "raw" / path.relative_to(raw_dir))


def read_docs(raw_dir: Path, stem: str) -> dict[tuple[str, bool], CsvDoc]:
    return {k: CsvDoc.read(p, display(raw_dir, p)) for k, p in files(raw_dir, stem).items()}


def current(docs: dict[tuple[str, bool], CsvDoc], report_name: str) -> dict[str, list[Rec]]:
    """The report's records in data/raw, reviewed and drafted. Metrics: the drafted (proposed) ones only."""
    out: dict[str, list[Rec]] = {p: [] for p in PARTS}
    for (part, reviewed), doc in docs.items():
        if part == "metrics" and reviewed:
            continue
        for values, _ in doc.records:
            if part == "registry" and values.get("file_name") != report_name:
                continue
            out[part].append(Rec(part, reviewed, values))
    return out


def merged(part: str, reviewed: list[Rec], drafted: list[Rec]) -> list[Rec]:
    """Reviewed and drafted rows in the order of the report (by figure id or position), each list keeping its
    own order: splitting the result by status gives both lists back unchanged."""
    def sort_key(r: Rec):
        v = r.values
        if part == "skips":
            return (int(v["line"]) if v.get("line", "").isdigit() else 0,
                    int(v["column"]) if v.get("column", "").isdigit() else 0)
        return (r.key(),)
    out, i, j = [], 0, 0
    while i < len(reviewed) or j < len(drafted):
        if j >= len(drafted) or (i < len(reviewed) and sort_key(reviewed[i]) <= sort_key(drafted[j])):
            out.append(reviewed[i])
            i += 1
        else:
            out.append(drafted[j])
            j += 1
    return out
