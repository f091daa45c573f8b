"""What the reviewed transcriptions teach: metric and programme from the words around a number (naive Bayes).

The lexicon is built from reviewed figures only (data/raw/figures/*.csv), so it grows with every
report an analyst reviews. `make extract-eval` builds it from four of the five reports and
measures on the fifth (leave-one-report-out).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

_WORD = re.compile(r"[^\W\d_]+", re.U)
CONTEXT_SYLLABLES = 14


def syllables(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def features(before: str, after: str, unit: str, kind: str, section: str = "") -> list[str]:
    """Unigrams and bigrams of the words just before the number, the noun after it, unit, kind, section."""
    w = syllables(before)[-CONTEXT_SYLLABLES:]
    feats = [f"w:{x}" for x in w] + [f"b:{a}_{b}" for a, b in zip(w, w[1:])] + [f"n:{x}" for x in w[-4:]]
    feats += [f"a:{x}" for x in syllables(after)[:3]]
    feats += [f"u:{unit}", f"k:{kind}"] + [f"s:{x}" for x in syllables(section)[:12]]
    return feats


def notation_kind(number_text: str) -> str:
    from vnreports.notation.numbers import ParseError, read_figure

    try:
        return read_figure(number_text).kind
    except ParseError:
        return "other"


def programme_features(quote: str, section: str) -> list[str]:
    w, s = syllables(quote), syllables(section)[:12]
    return ([f"w:{x}" for x in w] + [f"b:{a}_{b}" for a, b in zip(w, w[1:])] + [f"q:{x}" for x in w[:6]]
            + [f"q2:{a}_{b}" for a, b in zip(w[:6], w[1:6])] + [f"s:{x}" for x in s]
            + [f"s2:{a}_{b}" for a, b in zip(s, s[1:])])


class NaiveBayes:
    """Multinomial naive Bayes with add-one smoothing over string features."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.totals: Counter = Counter()
        self.docs: Counter = Counter()
        self.vocab: set[str] = set()

    def add(self, label: str, feats: list[str]) -> None:
        self.docs[label] += 1
        self.counts[label].update(feats)
        self.totals[label] += len(feats)
        self.vocab.update(feats)

    def rank(self, feats: list[str], allowed=None) -> list[tuple[str, float]]:
        """Labels by posterior probability (normalised over the allowed labels)."""
        labels = [lab for lab in self.docs if allowed is None or lab in allowed]
        if not labels:
            return []
        n_docs, v = sum(self.docs[lab] for lab in labels), len(self.vocab) + 1
        logp = {}
        for lab in labels:
            c, t = self.counts[lab], self.totals[lab]
            logp[lab] = math.log(self.docs[lab] / n_docs) + sum(math.log((c[f] + 1) / (t + v)) for f in feats
                                                                if f in self.vocab)
        top = max(logp.values())
        z = sum(math.exp(x - top) for x in logp.values())
        return sorted(((lab, math.exp(x - top) / z) for lab, x in logp.items()), key=lambda p: -p[1])


class Lexicon:
    """Metric and programme models learnt from reviewed transcription rows."""

    def __init__(self) -> None:
        self.metric = NaiveBayes()
        self.programme = NaiveBayes()
        self.project: dict[str, Counter] = defaultdict(Counter)  # programme -> project words
        self.rows = 0

    def learn(self, row: dict[str, str], section: str = "") -> None:
        quote, number = row["quote"], row["number_text"]
        pos = quote.find(number)
        before, after = (quote[:pos], quote[pos + len(number):]) if pos >= 0 else (quote, "")
        self.metric.add(row["metric"], features(before, after, row["unit"], notation_kind(number)))
        self.programme.add(row["programme"] + ("|" + row["project"] if row.get("project") else ""),
                           programme_features(quote, section))
        self.rows += 1

    def learn_vocabularies(self, raw_dir: Path) -> None:
        """Each metric's and programme's Vietnamese label as one example: codes no report has used yet can be drafted."""
        for name, model, key, label in (("metrics.csv", self.metric, "metric_code", "label_vi"),
                                        ("programmes.csv", self.programme, "programme_code", "name_vi")):
            with (raw_dir / name).open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
            parents = {r[key]: r.get("parent_code", "") for r in rows}
            levels = {r[key]: r.get("level", "") for r in rows}
            for row in rows:
                w = syllables(row[label])
                feats = [f"w:{x}" for x in w] + [f"n:{x}" for x in w[-4:]] + [f"b:{a}_{b}" for a, b in zip(w, w[1:])]
                code = row[key]
                if model is self.programme:
                    feats += [f"q:{x}" for x in w[:6]] + [f"s:{x}" for x in w]
                    if row["level"] in ("project", "subproject"):  # filed as (its programme, itself)
                        top = parents.get(code, "")
                        while levels.get(top) in ("project", "subproject") and parents.get(top):
                            top = parents[top]
                        code = f"{top}|{code}"
                model.add(code, feats)

    @classmethod
    def from_transcriptions(cls, raw_dir: Path, exclude: set[str] = frozenset()) -> "Lexicon":
        """Learn from every reviewed transcription in data/raw/figures/ except the report stems in `exclude`;
        each row's section heading is looked up in its report's text."""
        from vnreports.assistant.draft import section_of
        from vnreports.raw.drafts import text_path

        lex = cls()
        lex.learn_vocabularies(raw_dir)
        for path in sorted((raw_dir / "figures").glob("*.csv")):
            if path.stem in exclude or path.name.startswith("_"):
                continue
            report = next((p for p in (raw_dir / "reports").glob(path.stem + ".*")), None)
            tp = text_path(raw_dir, report.name) if report else None
            text = tp.read_text(encoding="utf-8") if tp and tp.is_file() else ""
            flat = " ".join(text.split())
            with path.open(encoding="utf-8-sig", newline="") as fh:
                for row in csv.DictReader(fh):
                    at = flat.find(" ".join(row["quote"].split()))
                    lex.learn(row, section_of(flat_to_lines(text, flat, at), 10**9) if at >= 0 else "")
        return lex


def flat_to_lines(text: str, flat: str, at: int) -> str:
    """The original text up to the flat offset `at` (so that headings can be found line by line)."""
    count = len(flat[:at].split())
    words = 0
    for i, ch in enumerate(text):
        if ch.isspace() and i and not text[i - 1].isspace():
            words += 1
            if words >= count:
                return text[:i]
    return text
