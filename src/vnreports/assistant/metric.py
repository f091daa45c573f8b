"""A drafted figure's metric: the phrases that name one, a count's noun, the lexicon, then the corrections."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from vnreports.assistant.candidates import Candidate
from vnreports.assistant.choose import counted_noun, metric_phrase_scores, noun_fits
from vnreports.assistant.fields import _guess_metric
from vnreports.assistant.lexicon import features, syllables
from vnreports.assistant.metric_rules import refine_metric
from vnreports.notation.numbers import MONEY_MULTIPLIERS
from vnreports.notation.units import money_rate_base
from vnreports.raw.readings import unit_fits
from vnreports.raw.schema import CRITERIA_SETS, RANK_UNIT

if TYPE_CHECKING:
    from vnreports.assistant.draft import DraftContext

RANK_CHANGE_UNITS = {"bậc", "hạng", RANK_UNIT}  # a change of rank is drafted only from these (the build allows any)
RULE_BOOST = 0.35  # weight of a rule's guess against the lexicon's posterior
NOUN_IN_LABEL = 0.8  # a count's noun found in a metric's label
PHRASE_LEXICON_WEIGHT = 0.7  # the lexicon's posterior against the phrases' score
_GENERIC = {"số", "tỷ", "lệ", "của", "và", "các", "đã", "được", "theo", "trong", "tổng", "kế", "hoạch", "năm", "xã", "huyện",
            "người", "hộ", "đạt", "giá", "trị", "mới", "thực", "hiện"}  # words too common to be evidence


def choose_metric(c: Candidate, unit: str, before: str, after: str, quote: str, ctx: DraftContext,
                  last_metric: str | None, den: str = "") -> tuple[str, float]:
    """The metric of a drafted figure and a confidence; "" asks for a new metric. A count is never given a metric
    that counts other things ("96 công dân" is no number of works): a new metric is proposed instead."""
    code, conf = _choose_metric(c, unit, before, after, quote, ctx, last_metric, den)
    if code in ctx.metrics and _is_count(unit) and not noun_fits(ctx.metrics[code].get("label_vi", ""), unit):
        return "", 0.0
    said = _SAID.get(code)
    if said is not None and " | " not in quote and "\t" not in quote and not said.search(quote):  # a cell: its header says
        return "", 0.0  # the sentence never says what the metric measures ("Số xã có dịch bệnh" without a disease)
    return code, conf


# words a sentence must hold for a metric to be drafted from it; without them a new metric is proposed
_SAID = {code: re.compile(words, re.IGNORECASE) for code, words in {
    "disease_communes": r"dịch|bệnh",
    "households_participating": r"tham gia",
    "site_clearance_rate": r"mặt bằng|giải phóng|bồi thường",
    "works_progress": r"thi công|khối lượng|công trình|dự án|hạng mục",
    "projects_completed_paid": r"thanh toán|quyết toán",
    "works_in_progress_band": r"khối lượng|tiến độ thi công|(?:đạt|trên|dưới|từ)\s+\d+\s*%",
    "projects_count": r"bố trí|được giao|kế hoạch vốn|danh mục|\bvốn\b",
    "economic_structure_agriculture": r"cơ cấu|chiếm|tỷ trọng",
    "economic_structure_industry": r"cơ cấu|chiếm|tỷ trọng",
    "economic_structure_services": r"cơ cấu|chiếm|tỷ trọng",
    "disbursement_rate": r"giải ngân|thanh toán|kế hoạch vốn",
    "patrol_officers": r"tuần tra",
}.items()}


def _is_count(unit: str) -> bool:
    return unit not in MONEY_MULTIPLIERS and unit not in (RANK_UNIT, "%", "tiêu chí", "năm", *RANK_CHANGE_UNITS)


def _choose_metric(c: Candidate, unit: str, before: str, after: str, quote: str, ctx: DraftContext,
                   last_metric: str | None, den: str = "") -> tuple[str, float]:
    is_rank = unit == RANK_UNIT
    allowed = {code for code, m in ctx.metrics.items() if unit_fits(m["unit_kind"], unit, is_rank)
               and (m["unit_kind"] != "rank_change" or unit in RANK_CHANGE_UNITS)}
    value = c.reading.value if c.reading is not None and not c.reading.ambiguous else None
    if unit == "tiêu chí" and not den and value is not None and value != value.to_integral_value() \
            and "ntm_criteria_avg" in allowed:
        return "ntm_criteria_avg", 0.8  # "12,5 tiêu chí": only an average has a fraction
    if unit == "tiêu chí" and den:  # "8/9 tiêu chí" is a model village's, "02/4 tiêu chí" a model commune's
        allowed = {code for code in allowed if CRITERIA_SETS.get(code) == int(Decimal(den))}  # not an average
    if is_rank and last_metric in allowed:
        budget = re.match(r"(budget_(?:revenue|expenditure))_pct_", last_metric)
        if budget and (last_metric.endswith("_district_estimate") or re.search(r"dự toán tỉnh", before[-80:])):
            return f"{budget.group(1)}_pct_province_estimate", 0.75  # districts are ranked on the province's estimates
        if last_metric in ("disbursed", "capital_plan") and "disbursement_rate" in allowed:
            return "disbursement_rate", 0.75  # districts are ranked on their disbursement rate
        return last_metric, 0.75
    if unit in MONEY_MULTIPLIERS and re.search(r"giải ngân", quote, re.I):
        # "giải ngân … A/B tỷ đồng": A is the amount disbursed, B (drafted as its own row) the capital plan
        if c.kind == "plan" and "capital_plan" in allowed:
            return "capital_plan", 0.8
        if c.reading is not None and c.reading.kind == "ratio" and "disbursed" in allowed:
            return "disbursed", 0.8
    kind = c.kind if c.kind in ("rank", "superlative", "criterion", "year", "date") else (
        c.reading.kind if c.reading else c.kind)
    rule, rule_conf = _guess_metric(kind, unit, quote[: len(before) + len(c.number_text)])
    scores: dict[str, float] = {}
    if ctx.lexicon is not None:
        for code, p in ctx.lexicon.metric.rank(features(before, after, unit, c.reading.kind if c.reading else kind),
                                               allowed):
            scores[code] = p
    if rule in allowed:
        scores[rule] = scores.get(rule, 0.0) + RULE_BOOST * rule_conf
    if money_rate_base(unit):  # "60 triệu đồng/nhà" is no amount: only a metric per head fits one per person
        allowed = {code for code in allowed if "/người" in unit and code == "income_per_capita"}
    is_count = _is_count(unit)
    words_after = f"{unit} {after}" if is_count else after  # "32/54 trường đạt chuẩn quốc gia": the noun starts it
    named = metric_phrase_scores(ctx.metric_phrases, before, words_after, allowed) if ctx.metric_phrases else {}
    noun = " ".join(syllables(unit))
    if noun and is_count:
        for code in allowed:  # "12 đối tượng": the count noun is in the metric's label ("Số đối tượng/bị can")
            counted = counted_noun(ctx.metrics[code].get("label_vi", ""))
            # "Số vụ phạm pháp" counts "vụ" (not "nhiệm vụ"); "Số nhà văn hóa" does not count a bare "nhà"
            if counted == noun or (len(noun.split()) >= 2 and counted.startswith(noun + " ")):
                named[code] = named.get(code, 0.0) + NOUN_IN_LABEL
    if named:  # the words name the metric: the lexicon only weighs between the metrics they name
        best = max(named, key=lambda code: named[code] + PHRASE_LEXICON_WEIGHT * scores.get(code, 0.0))
        return refine_metric(best, unit, before, after, allowed), min(0.9, 0.5 + 0.2 * named[best]
                                                                     + 0.3 * scores.get(best, 0.0))
    near = set(syllables(before)[-8:] + syllables(after)[:4]) - _GENERIC
    seen = ctx.lexicon.metric.counts if ctx.lexicon is not None else {}
    for code in sorted(scores, key=scores.get, reverse=True)[:5]:
        # a metric is drafted only when the words say so: a rule named it, or a word next to the number is in
        # its label or next to the numbers reviewed under it; otherwise a new metric is proposed for review
        label = set(syllables(ctx.metrics[code].get("label_vi", "")))
        evidence = {w for w in near if seen.get(code, {}).get(f"n:{w}")}
        if code == rule or len(label & near) >= 2 or len(evidence) >= 2:
            return refine_metric(code, unit, before, after, allowed), min(0.95, scores[code])
    return refine_metric("", unit, before, after, allowed) or "", 0.0
