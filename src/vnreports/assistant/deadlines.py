"""A deadline that no drafted target carries ("hoàn thành giải phóng mặt bằng trước ngày 30/9/2025") as a row of its own.

The transcription guide writes such a deadline as a target whose value is the year, unit `năm`, the
full date in `deadline` and its words in `deadline_text` (`works_start_deadline`,
`final_settlement_deadline`, `ntm_target_year`); when no metric fits, a new one is proposed.
"""

from __future__ import annotations

import re

from vnreports.notation.dates import DateParseError, find_date
from vnreports.notation.numbers import ParseError, read_figure

_WORDS = re.compile(r"(?:đến hết|đến|trước|trong|chậm nhất(?:\s+(?:đến|trong))?|hoàn thành trong|hạn)\s+"
                    r"(?:ngày\s+)?$", re.IGNORECASE)
_METRICS = [  # the deadline's task, by the words of its clause
    (re.compile(r"đạt chuẩn (?:nông thôn mới|NTM)|công nhận (?:xã )?đạt chuẩn", re.IGNORECASE), "ntm_target_year"),
    (re.compile(r"quyết toán", re.IGNORECASE), "final_settlement_deadline"),
    (re.compile(r"khởi công", re.IGNORECASE), "works_start_deadline"),
]


def deadline_words(text: str, start: int, end: int) -> tuple[int, str]:
    """The deadline as written with its preposition ("trước ngày 30/9/2025"): (where it starts, the words)."""
    m = _WORDS.search(text[max(0, start - 30):start])
    s = start - (len(text[max(0, start - 30):start]) - m.start()) if m else start
    return s, " ".join(text[s:end].split())


def standalone_deadline(text: str, c, sentence: tuple[int, int], event_iso: str, metrics: dict) -> dict | None:
    """The fields of a row for a deadline candidate `c` that no target carries, or None when it reads as no date."""
    start, words = deadline_words(text, c.start, c.end)
    try:
        year = read_figure(words).candidates[0]
        reading = find_date(words)
    except (ParseError, DateParseError, IndexError):
        return None
    if reading is None:
        return None
    clause = text[sentence[0]:start]
    clause = re.split(r"[;]", clause)[-1]
    metric = next((code for pattern, code in _METRICS if pattern.search(clause) and code in metrics), "")
    return {"number_text": words, "value": format(year.normalize(), "f"), "unit": "năm", "figure_type": "target",
            "metric": metric, "as_of": event_iso, "as_of_text": "", "deadline": reading.end.isoformat(),
            "deadline_text": words, "_start": start}
