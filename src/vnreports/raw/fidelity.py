"""Second-reading checks: what a careful second reader verifies in a transcription.

Every number of the five reports was read right; the errors a second reader found were in how
aggregates were attributed. These checks make that reading part of the build:

- a total stated in one place and made of figures stated elsewhere in the same report (by capital
  source, by commune, by project) names them in `computed_from` as ``fA+fB+…``: the figures must
  exist and be in the total's unit; the warehouse recomputes the sum (mart_sum_checks);
- `ranked_after` is either complete (it names rank − 1 districts) or marked partial with a trailing
  ``…``; a superlative that names several districts in order ("nhiều nhất là Bắc Sơn …; Cao Lộc …")
  gives the later ones a rank row *ranked after* the earlier ones, which the warehouse files as
  implied, never as reported;
- a finding in data/raw/report_findings.csv that claims numbers conflict (``conflicting_statement``)
  names the figures on both sides (`figures_a`, `figures_b`, summed), and they must differ; one that
  calls the wording misleading (``misleading_wording``) names the figures that resolve it, and
  they must agree.

The raw layer's loaders call these from a couple of lines; the rules are documented in data/raw/figures/README.md.
"""

from __future__ import annotations

import re
from decimal import Decimal

from vnreports.errors import Problem
from vnreports.notation.numbers import to_canonical

PARTIAL_MARKERS = ("…", "...")
_SUM = re.compile(r"f\d{3,4}(?:\+f\d{3,4})+")
_IDS = re.compile(r"f\d{3,4}(?:\+f\d{3,4})*")
FINDING_SIDES = ("figures_a", "figures_b")
NEW_FINDING_KINDS = {"misleading_wording", "conflicting_name", "unreliable_figure"}


# --- ranked_after ---------------------------------------------------------------------------------

def ranked_after_names(text: str) -> tuple[list[str], bool]:
    """The district names of a `ranked_after` cell and whether the list is partial (ends with '…')."""
    items = [i.strip() for i in (text or "").split(";") if i.strip()]
    partial = bool(items) and items[-1] in PARTIAL_MARKERS
    if partial:
        items = items[:-1]
    return items, partial


def highest_rank(ranked_after: str) -> int:
    """The rank a 'highest' superlative reads as: 1, or 1 + the districts named before it in a
    superlative list ("nhiều nhất là Bắc Sơn …; Cao Lộc …": Cao Lộc, ranked after Bắc Sơn, is 2)."""
    return 1 + len(ranked_after_names(ranked_after)[0])


def check_ranked_after(v: dict[str, str], value: Decimal | None, superlative: str | None, add) -> None:
    """A complete list names every district above (rank − 1 of them); a partial one ends with '…'."""
    names, partial = ranked_after_names(v["ranked_after"])
    if not v["ranked_after"] or value is None or v["unit"] != "thứ hạng":
        return
    if any(n in PARTIAL_MARKERS for n in names):
        add("ranked_after", "'…' marks a partial list only at its end", "write the names, then '; …'")
        return
    if not names:
        add("ranked_after", "a partial list without any district", "name the districts the report names, then '; …'")
        return
    if superlative == "lowest":
        add("ranked_after", "a 'thấp nhất' rank cannot be ranked after other districts",
            "leave 'ranked_after' empty; the lowest rank is the number of ranked units")
        return
    if superlative == "highest" and partial:
        add("ranked_after", "a superlative list names every district before this one: it cannot be partial",
            "remove the trailing '…'")
        return
    above = int(value) - 1
    if partial and len(names) >= above:
        add("ranked_after", f"marked partial ('…') but it names {len(names)} districts, all {above} above rank "
                            f"{int(value)}", "remove the trailing '…'")
    elif not partial and len(names) != above:
        add("ranked_after", f"rank {int(value)} has {above} districts above it; the list names {len(names)}",
            "name them all, or end the list with '; …' when the report names only some of them "
            "(e.g. 'Bắc Sơn; Cao Lộc; …')")


# --- sums of figures stated elsewhere -----------------------------------------------------------

def is_sum(computed_from: str) -> bool:
    return bool(_SUM.fullmatch(computed_from or ""))


def sum_terms(text: str) -> list[str]:
    return [t for t in (text or "").split("+") if t]


def check_sum(v: dict[str, str], by_id: dict[str, dict[str, str]], add) -> None:
    """computed_from 'fA+fB+…': figures of the same file, distinct, not the total, in its unit."""
    from vnreports.raw.links import _unit_family

    terms = sum_terms(v["computed_from"])
    for ref in terms:
        part = by_id.get(ref)
        if part is None:
            add("computed_from", f"no figure '{ref}' in this file", "name existing figure_ids")
        elif part is v:
            add("computed_from", "a total cannot be a term of its own sum", "name the figures it adds up")
        elif _unit_family(part["unit"]) != _unit_family(v["unit"]):
            add("computed_from", f"'{ref}' is in '{part['unit']}', the total in '{v['unit']}'",
                "a sum adds figures in the unit of the total")
    if len(set(terms)) != len(terms):
        add("computed_from", "a figure is named twice in the sum", "name each figure once")


# --- report findings -----------------------------------------------------------------------------

def _tolerance(figure) -> Decimal:
    """Half a unit of the last decimal written, in the canonical unit (9,142 triệu đồng → 500 đồng)."""
    decimals = len(figure.row["value"].partition(".")[2])
    scale = to_canonical(Decimal(1), figure.row["unit"])[0]
    return Decimal("0.5") * Decimal(10) ** -decimals * scale


def _fmt(d: Decimal) -> str:
    from vnreports.notation.numbers import format_vi

    return format_vi(d.normalize() if d == d.to_integral_value() else d)


def check_findings(display: str, findings: list[dict], figures: list, columns: list[str],
                   problems: list[Problem]) -> None:
    """Parse figures_a / figures_b of every finding into lists and check what the kind claims.

    conflicting_statement: both sides given, every figure in the report's transcription, one unit,
    and the two sums differ beyond rounding. misleading_wording: the same, but the sums agree (they
    are what resolves the wording). Other kinds may name figures (checked to exist) but claim nothing.
    """
    from vnreports.raw.links import _unit_family

    by_report: dict[str, dict[str, object]] = {}
    for f in figures:
        by_report.setdefault(f.report_file, {})[f.row["figure_id"]] = f
    for row in findings:
        def add(col: str, msg: str, fix: str) -> None:
            no = columns.index(col) + 1 if col in columns else None
            problems.append(Problem(display, row["source_line"], col, no, msg, fix))

        known = by_report.get(row["report_file"], {})
        sides: dict[str, list] = {}
        for col in FINDING_SIDES:
            text = (row.get(col) or "").replace(" ", "")
            row[col] = None
            if not text:
                continue
            if not _IDS.fullmatch(text):
                add(col, f"'{text}' is not a list of figure_ids like 'f043' or 'f104+f106'",
                    "write the figure_ids of this report's transcription, joined by '+'")
                continue
            ids = text.split("+")
            row[col] = ids
            missing = [i for i in ids if i not in known]
            if missing:
                add(col, f"no figure {', '.join(repr(m) for m in missing)} in the transcription of "
                         f"{row['report_file']}", "name figure_ids of data/raw/figures/<report>.csv")
                continue
            sides[col] = [known[i] for i in ids]
        kind = row["kind"]
        if kind not in ("conflicting_statement", "misleading_wording"):
            continue
        claim = "conflict" if kind == "conflicting_statement" else "resolve the wording"
        for col in FINDING_SIDES:
            if not row[col]:
                add(col, f"a {kind} row must name the figures on both sides that {claim}",
                    "write their figure_ids joined by '+' in figures_a and figures_b "
                    "(a conflict of names, not numbers, is kind conflicting_name)")
        if len(sides) != 2:
            continue
        all_figures = sides["figures_a"] + sides["figures_b"]
        families = {_unit_family(f.row["unit"]) for f in all_figures}
        if len(families) > 1:
            add("figures_b", f"the two sides mix units ({', '.join(sorted({f.row['unit'] for f in all_figures}))})",
                "compare figures in one unit")
            continue
        total = {c: sum((to_canonical(f.value, f.row["unit"])[0] for f in fs), Decimal(0)) for c, fs in sides.items()}
        tol = max(_tolerance(f) for f in all_figures)
        differ = abs(total["figures_a"] - total["figures_b"]) > tol
        shown = f"{_fmt(total['figures_a'])} vs {_fmt(total['figures_b'])}"
        if kind == "conflicting_statement" and not differ:
            add("figures_b", f"the two sides agree ({shown}): the numbers do not conflict",
                "check the figures; if only the wording misleads, the kind is misleading_wording")
        elif kind == "misleading_wording" and differ:
            add("figures_b", f"the sums that should resolve the wording differ ({shown})",
                "check the figures; if the numbers really conflict, the kind is conflicting_statement")
