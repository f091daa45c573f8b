"""Scoring drafted figures against expected ones (the held-out corpus, leave-one-report-out)."""

from __future__ import annotations

import unicodedata


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("*", "").split()).lower()


def score(found: list[str], expected: list[str]) -> tuple[int, int, int]:
    """(matched, found, expected) counting each expected number_text once per occurrence. A found
    figure matches an expected one when either number text contains the other (the extractor may
    include or omit a prefix such as "đạt")."""
    remaining = [_norm(e) for e in expected]
    matched = 0
    for f in (_norm(x) for x in found):
        for i, e in enumerate(remaining):
            if f == e or (len(e) >= 2 and (e in f or f in e) and any(ch.isdigit() for ch in e + f)):
                matched += 1
                del remaining[i]
                break
    return matched, len(found), len(expected)
