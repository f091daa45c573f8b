"""Transcriptions (data/raw/figures/*.csv): places, vocabularies, quotes, readings, dates, links."""

from __future__ import annotations

from vnreports.notation.numbers import ParseError, read_figure
from vnreports.notation.places import PlaceError, PlaceIndex, split_prefix
from vnreports.raw import fidelity
from vnreports.raw.csvio import Row
from vnreports.raw.links import check_links
from vnreports.raw.readings import check_as_of, check_deadline, check_reading, check_review
from vnreports.raw.schema import (
    _FIGURE_ID,
    FIGURE_COLUMNS,
    FIGURE_TYPES,
    RANK_UNIT,
    Collector,
    Figure,
    Report,
    iso,
    items,
    normalise_space,
    plain_decimal,
)


def _where(earlier: Row, row: Row) -> str:
    """'line 12', or 'line 12 of <file>' when the earlier row is in the report's other file (reviewed / drafted)."""
    return f"line {earlier.line}" + (f" of {earlier.file}" if earlier.file and earlier.file != row.file else "")


def check_figures(display: str, report: Report, rows: list[Row], metrics, programmes, places: PlaceIndex,
                  out: Collector, figures: list[Figure], alias_uses, drafted_files: set[str] = frozenset()) -> None:
    """Check one report's transcription row by row (its reviewed rows and its drafted rows, which are
    the rows of `drafted_files`); append the rows without problems to `figures`."""
    seen_ids: dict[str, Row] = {}
    seen_content: dict[tuple, Row] = {}
    text_lower = report.flat_text.lower()
    for row in rows:
        v = row.values
        n_before = len(out.problems)

        def add(col: str | None, msg: str, fix: str = "") -> None:
            out.add(display, row, col, msg, fix, FIGURE_COLUMNS)

        fid = v["figure_id"]
        if fid and not _FIGURE_ID.fullmatch(fid):
            add("figure_id", f"'{fid}' is not of the form f001", "number figures f001, f002, …")
        if fid in seen_ids:
            add("figure_id", f"'{fid}' is already used on {_where(seen_ids[fid], row)}", "give each row its own figure_id")
        seen_ids.setdefault(fid, row)

        # Places
        district = commune = None
        if v["district"]:
            if normalise_space(v["district"]).lower() not in text_lower:
                add("district", f"'{v['district']}' does not occur in the report",
                    "write the district name as the report writes it")
            try:
                district, alias = places.resolve_district(v["district"])
                if alias:
                    alias_uses.append((report.file_name, display, row.line, alias))
            except PlaceError as exc:
                add("district", str(exc))
        if v["commune"]:
            if not v["district"]:
                add("commune", "a commune needs its district", "fill in 'district'")
            elif district is not None:
                bare = split_prefix(v["commune"])[1]
                if normalise_space(bare).lower() not in text_lower:
                    add("commune", f"'{v['commune']}' does not occur in the report",
                        "write the commune name as the report writes it")
                try:
                    commune, alias = places.resolve_commune(district, v["commune"])
                    if alias:
                        alias_uses.append((report.file_name, display, row.line, alias))
                except PlaceError as exc:
                    add("commune", str(exc))

        drafted = row.file in drafted_files
        review = check_review(v, drafted, add)

        # Vocabularies
        metric = metrics.get(v["metric"])
        if metric is not None and metric.get("proposed") and not drafted:
            add("metric", f"metric '{v['metric']}' is only proposed (data/raw/drafts/)",
                "accept it into data/raw/metrics.csv first, or choose an existing metric")
        if v["metric"] and metric is None:
            add("metric", f"unknown metric '{v['metric']}'", "use a metric_code from data/raw/metrics.csv or add one there")
        prog = v["programme"]
        if prog and prog not in programmes:
            add("programme", f"unknown programme '{prog}'", "use a programme_code from data/raw/programmes.csv")
        if v["project"]:
            proj = programmes.get(v["project"])
            if proj is None:
                add("project", f"unknown project '{v['project']}'", "use a programme_code from data/raw/programmes.csv")
            else:
                anc, ok = proj, False
                while anc and anc["parent_code"]:
                    if anc["parent_code"] == prog:
                        ok = True
                        break
                    anc = programmes.get(anc["parent_code"])
                if not ok:
                    add("project", f"project '{v['project']}' does not belong to programme '{prog}'",
                        f"set programme to the project's parent '{proj['parent_code']}'")
        if v["figure_type"] and v["figure_type"] not in FIGURE_TYPES:
            add("figure_type", f"unknown figure_type '{v['figure_type']}'", "use actual, target or forecast")

        # Quote and number
        quote = normalise_space(v["quote"])
        number_text = normalise_space(v["number_text"])
        if quote and quote not in report.flat_text:
            add("quote", "the quote is not in the report text (after folding whitespace)",
                f"copy the sentence verbatim from data/raw/reports/{report.file_name}")
        if number_text and quote and number_text not in quote:
            add("number_text", f"'{v['number_text']}' is not in the quote",
                "number_text must be copied from the quote, exactly as written")
        reading = None
        if number_text:
            try:
                reading = read_figure(number_text)
            except ParseError as exc:
                add("number_text", f"unreadable number: {exc}",
                    "write the number as in the report, with its unit (e.g. '9,142 triệu đồng', 'thứ 05/11')")
        value = plain_decimal(v["value"]) if v["value"] else None
        if v["value"] and value is None:
            add("value", f"'{v['value']}' is not a plain number",
                "write the reading with '.' as decimal mark and no thousands separator, e.g. 9142 or 41.4")
        denominator = plain_decimal(v["denominator"]) if v["denominator"] else None
        if v["denominator"] and denominator is None:
            add("denominator", f"'{v['denominator']}' is not a plain number", "write e.g. 19 or 135188")
        unit = v["unit"]
        if reading is not None and value is not None:
            check_reading(reading, value, denominator, unit, v, metric, add)

        # Dates
        as_of = iso(v["as_of"]) if v["as_of"] else None
        if v["as_of"] and as_of is None:
            add("as_of", f"'{v['as_of']}' is not a real ISO date", "write YYYY-MM-DD, e.g. 2024-09-13")
        if as_of is not None:
            check_as_of(as_of, v, report, add)
        deadline = None
        if v["deadline"] or v["deadline_text"]:
            deadline = check_deadline(v, report, add)
        if v["figure_type"] == "target" and not v["deadline"] and v["deadline_text"]:
            add("deadline", "a deadline_text without deadline", "write the deadline as YYYY-MM-DD")

        key = (v["district"], v["commune"], v["programme"], v["project"], v["metric"], v["figure_type"],
               v["value"], v["unit"], v["as_of"], quote, v["number_text"], v["part_of"], v["computed_from"])
        if key in seen_content:
            add(None, f"duplicates the figure on {_where(seen_content[key], row)}",
                "delete one of the two rows (a figure stated twice in the report has two different quotes; in one "
                "table row, a part and its total are told apart by part_of)")
        seen_content.setdefault(key, row)

        if v["ranked_after"]:
            if v["unit"] != RANK_UNIT:
                add("ranked_after", "only a rank can be ranked after other districts", "leave 'ranked_after' empty")
            fidelity.check_ranked_after(v, value, reading.superlative if reading else None, add)
            for name in fidelity.ranked_after_names(v["ranked_after"])[0]:
                try:
                    places.resolve_district(name)
                except PlaceError as exc:
                    add("ranked_after", str(exc))
        for item in items(v["listed_items"]):
            if normalise_space(item).lower() not in text_lower:
                add("listed_items", f"item '{item}' does not occur in the report",
                    "list the items as written, separated by ';'")

        if len(out.problems) == n_before and reading is not None and value is not None and as_of is not None:
            figures.append(Figure(report.file_name, row.line, v, reading, value, denominator, as_of, deadline,
                                  district, commune, not drafted, *review))
    check_links(display, rows, out)
