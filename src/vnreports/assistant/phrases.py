"""Words that name a metric or a programme (data/raw/metric_phrases.csv, programme_phrases.csv), found in text.

Each catalogue's own labels count as phrases too, so a metric accepted into metrics.csv is found by its
label from then on. A phrase matches whole words, case and spacing aside ("Tỷ lệ  hộ nghèo" matches
"tỷ lệ hộ nghèo"). The drafter weighs what it finds with the lexicon learnt from reviewed reports.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    code: str
    words: int  # how many words the phrase has: a longer phrase is more specific


class Phrases:
    """Phrases per code, compiled to one whole-word pattern each."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._patterns: list[tuple[re.Pattern[str], str, int]] = []
        seen = set()
        for code, phrase in pairs:
            p = _norm(phrase)
            if not p or (code, p) in seen:
                continue
            seen.add((code, p))
            body = r"\s+".join(re.escape(w) for w in p.split())
            # a number glued before the phrase is no part of a word ("1.250hộ nghèo")
            self._patterns.append((re.compile(rf"(?<![^\W\d_]|&){body}(?![\w&])", re.I), code, len(p.split())))

    @classmethod
    def load(cls, raw_dir: Path, kind: str) -> "Phrases":
        """kind 'metric' or 'programme': the phrases file plus the catalogue's Vietnamese labels."""
        catalogue, key, label = {"metric": ("metrics.csv", "metric_code", "label_vi"),
                                 "programme": ("programmes.csv", "programme_code", "name_vi")}[kind]
        pairs: list[tuple[str, str]] = []
        path = raw_dir / f"{kind}_phrases.csv"
        if path.is_file():
            with path.open(encoding="utf-8-sig", newline="") as fh:
                pairs += [(r[key], r["phrase_vi"]) for r in csv.DictReader(fh)]
        with (raw_dir / catalogue).open(encoding="utf-8-sig", newline="") as fh:
            pairs += [(r[key], r[label]) for r in csv.DictReader(fh)]
        return cls(pairs)

    def find(self, text: str) -> list[Hit]:
        """Every phrase occurrence in `text`; where phrases overlap, only the longest (most words) is kept."""
        text = unicodedata.normalize("NFC", text)
        hits = [Hit(m.start(), m.end(), code, n) for pat, code, n in self._patterns for m in pat.finditer(text)]
        hits.sort(key=lambda h: (-h.words, h.start))
        kept: list[Hit] = []
        for h in hits:
            if not any(h.start < k.end and k.start < h.end and k.words > h.words for k in kept):
                kept.append(h)
        return sorted(kept, key=lambda h: h.start)

    def codes(self) -> set[str]:
        return {code for _, code, _ in self._patterns}


def load_sectors(raw_dir: Path) -> dict[str, str]:
    """metric_code -> the sector programme a plan indicator belongs to (data/raw/metric_sectors.csv)."""
    path = raw_dir / "metric_sectors.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {r["metric_code"]: r["programme_code"] for r in csv.DictReader(fh)}
