"""Proposed metrics: when no metric in metrics.csv fits a drafted figure, one named from its words."""

from __future__ import annotations

import re
import unicodedata

from vnreports.notation.numbers import MONEY_MULTIPLIERS
from vnreports.notation.units import FOREIGN_MONEY, money_rate_base

_STOP = {"đạt", "có", "được", "là", "với", "gồm", "khoảng", "trên", "hơn", "ước", "tổng", "số", "đã", "và", "các",
         "những", "của", "cho", "trong", "tại", "toàn", "huyện", "xã", "năm", "đến", "nay", "thực", "hiện", "phấn",
         "đấu", "bằng", "so", "với", "tăng", "giảm", "mới", "còn", "lũy", "kế"}
_UNIT_KINDS = [("%", "percent"), ("tiêu chí", "criteria"), ("ha", "area"), ("km2", "area"), ("m2", "area"),
               ("km", "length"), ("kg", "weight"), ("tấn", "weight"), ("thứ hạng", "rank_only"),
               ("năm", "year")]


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_")


def unit_kind_of(unit: str) -> str:
    base = money_rate_base(unit) or unit
    if base in MONEY_MULTIPLIERS:
        return "money"
    if base in FOREIGN_MONEY:
        return "money_usd"
    return next((k for u, k in _UNIT_KINDS if unit == u), "count")


def label_of(row: dict[str, str]) -> str:
    """The words naming what a number measures: the content words just before it, and its noun."""
    quote, number = row["quote"], row["number_text"]
    before = quote[: max(0, quote.find(number))]
    words = [w for w in re.findall(r"[^\W\d_]+", before.lower()) if w not in _STOP][-4:]
    if unit_kind_of(row["unit"]) == "count" and row["unit"] and row["unit"] not in words:
        words.append(row["unit"])
    return " ".join(words) or row["unit"] or "chỉ tiêu"


def propose_metrics(rows: list[dict[str, str]], known: set[str]) -> list[dict[str, str]]:
    """Give every row without a metric a proposed one (in place); return the proposals, one per code."""
    proposals: dict[str, dict[str, str]] = {}
    for row in rows:
        if row["metric"]:
            continue
        label, kind = label_of(row), unit_kind_of(row["unit"])
        code = "de_xuat_" + _slug(label)[:48]
        if code in proposals and proposals[code]["unit_kind"] != kind:  # a table row's amount and its rate
            code, label = f"{code}_{kind}", f"{label} ({kind})"
        if code in known:
            row["metric"] = code
            continue
        row["metric"] = code
        row["note"] += "; chỉ tiêu đề xuất mới (proposed metric)"
        row["confidence"] = f"{min(float(row['confidence']), 0.4):.2f}"
        proposals.setdefault(code, {
            "metric_code": code, "label_vi": label[:1].upper() + label[1:], "label_en": "",
            "unit_kind": kind, "higher_is_better": "", "confidence": "0.30",
        })
    return list(proposals.values())
