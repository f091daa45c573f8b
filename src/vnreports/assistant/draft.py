"""Drafting a report's transcription: every figure with all the columns the build checks, and a confidence.

`draft_figures` turns the candidates of `candidates.find_candidates` into rows of the transcription
format (data/raw/figures/README.md): place, programme/project and metric (the reviewed
transcriptions' lexicon, with rules as a fallback), figure type from cue words, value and unit
from the notation parser (an ambiguous notation gets the standard reading and a `reading_note`
that says so), as-of and deadline with the words that give them, ranks with `ranked_after`, and
`part_of` / `computed_from` where the sentence says so and the numbers agree. Nothing here is
reviewed: every row carries a confidence, and the uncertain fields are named in its note.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from vnreports.assistant.candidates import _AMONG_COMMUNES, COUNT_NOUNS, Candidate, find_candidates, places_in, sentences
from vnreports.assistant.choose import (
    heading_chain,
    list_intro,
    naming_words,
    programme_phrase_scores,
    report_level_programme,
    report_programme,
)
from vnreports.assistant.deadlines import standalone_deadline
from vnreports.assistant.footnotes import footnote_anchor
from vnreports.assistant.fields import _guess_place, _guess_programme, commune_in_context, communes_ranked, spelt_commune
from vnreports.assistant.lexicon import Lexicon
from vnreports.assistant.links import link_figures
from vnreports.assistant.metric import PHRASE_LEXICON_WEIGHT, RULE_BOOST, choose_metric
from vnreports.assistant.metric_rules import commune_estimate, listed_capital_plan, part_of_total
from vnreports.assistant.phrases import Phrases, load_sectors
from vnreports.assistant.tables import cell_figure_type, cell_words, header_year, revenue_cell_metric, table_cell
from vnreports.assistant.timing import (as_of_for, deadline_for, figure_type_for, marks_result, plan_results,
                                       same_period, settle_figure_type)
from vnreports.notation.numbers import MONEY_MULTIPLIERS
from vnreports.raw.schema import FIGURE_COLUMNS, RANK_UNIT
from vnreports.raw.schema import DRAFT_COLUMNS as _DRAFT_EXTRA

DRAFT_COLUMNS = FIGURE_COLUMNS + list(_DRAFT_EXTRA)
# the sectors of a socio-economic plan: a figure placed in one only by its words takes its metric's own sector
SECTOR_PROGRAMMES = {"kt_xh", "nong_nghiep", "chan_nuoi", "cong_thuong", "giao_duc", "y_te", "van_hoa_xa_hoi",
                     "moi_truong", "ha_tang", "dat_dai", "cchc", "an_ninh", "nsnn_thu", "nsnn_chi"}


@dataclass
class DraftContext:
    """What the drafter knows about the report besides its text."""

    event_date: date | None = None
    period_end: date | None = None
    signed_by: date | None = None  # the latest day the report can have been signed: no figure is dated after it
    periodic: bool = False  # a Báo cáo: figures without a date hold at the period's end
    plan: bool = False  # doc_type KH: a plan's figures are goals unless marked as results
    a_report: bool = False  # doc_type BC: its figures may hold up to its period's end even when signed before (the build)
    default_district: str = ""
    metrics: dict[str, dict] = field(default_factory=dict)
    programmes: dict[str, dict] = field(default_factory=dict)
    lexicon: Lexicon | None = None
    districts_in_province: int = 11
    communes_in_district: int = 0  # the report's district's communes (xã), for a superlative among them
    commune_names: tuple[str, ...] = ()  # the district's communes as drafts write them (add.commune_spellings)
    metric_phrases: Phrases | None = None
    metric_sectors: dict[str, str] = field(default_factory=dict)  # a plan indicator's sector programme
    title: str = ""  # the report's title: what the whole report is about, the outermost heading
    programme_phrases: Phrases | None = None


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _unit_of(c: Candidate) -> str:
    r = c.reading
    if c.kind in ("rank", "superlative") or (r is not None and r.kind in ("rank", "superlative")):
        return RANK_UNIT
    if r is None:
        return ""
    written = re.match(r"^[^\d]*\d[\d.,]*(?:\s*(?:/|-|–|đến)\s*\d[\d.,]*)?\s*([^\d\s/–-].*)$", c.number_text)
    if r.unit:
        tail = " ".join(written.group(1).split()).lower() if written else ""
        base = tail.split(" ", 1)[1] if tail.startswith(r.unit + " ") else ""
        # "1,35 triệu lượt khách": the multiplier and the whole count noun ("lượt khách"), not its first word
        return tail if base and base in COUNT_NOUNS else r.unit
    if written and c.kind not in ("cell",):  # a count's noun as written: "173 công trình, dự án", "02 trạm y tế xã"
        return " ".join(written.group(1).split()).lower()
    tail = r.tail.split(",")[0].strip().lower() if r.tail else ""
    return tail


def _value(c: Candidate, ctx: DraftContext, ranked: int | None = None,
           units: str = "huyện, thành phố") -> tuple[str, str, str, float]:
    """(value, denominator, reading_note, confidence) from the notation; `ranked` is how many units a superlative
    ranks when the text says ("thấp nhất trong 11 huyện"), else the province's districts."""
    r = c.reading
    den = _plain(r.denominator_candidates[0]) if r.denominator_candidates else ""
    if r.kind == "superlative":
        n = ranked or ctx.districts_in_province
        return ("1" if r.superlative == "highest" else str(n)), str(n), (
            f"Bản nháp: '{c.number_text}' đọc là thứ hạng trong {n} {units}; cần kiểm tra số đơn vị "
            "được xếp hạng"), 0.6
    if not r.ambiguous and r.value is not None:
        return _plain(r.value), den, "", 0.95
    first = r.candidates[0] if r.candidates else None
    if first is None:
        return "", den, "", 0.0
    why = "; ".join(r.reasons) or "ambiguous"
    if r.kind == "range":
        note = f"Bản nháp: khoảng '{c.number_text}', ghi cận dưới {_plain(first)}; cần kiểm tra ({why})"
    else:
        note = f"Bản nháp: đọc '{c.number_text}' là {_plain(first)} (cách viết chuẩn); cần kiểm tra ({why})"
    return _plain(first), den, note, 0.45


def _reasons(ctx: DraftContext, metric: str, programme: str, before: str, after: str, sentence: str,
             headings: list[str]) -> str:
    """Why the draft chose its metric and programme, in the analyst's words ("chỉ tiêu theo «tỷ lệ che phủ rừng»")."""
    if not metric:
        m = "chỉ tiêu: đề xuất mới (không chỉ tiêu nào khớp)"
    else:
        words = naming_words(ctx.metric_phrases, metric, [before, after]) if ctx.metric_phrases else ""
        m = f"chỉ tiêu theo «{words}»" if words else "chỉ tiêu theo các báo cáo đã duyệt"
    words = naming_words(ctx.programme_phrases, programme, [sentence, after, *headings], ctx.programmes) \
        if ctx.programme_phrases and programme else ""
    p = f"chương trình theo «{words}»" if words else (
        "chương trình theo lĩnh vực của chỉ tiêu" if programme and programme == ctx.metric_sectors.get(metric)
        else "chương trình theo các báo cáo đã duyệt")
    return f"{m}; {p}"


def _programme(c: Candidate, quote: str, pos: int, ctx: DraftContext, section: str,
               headings: list[str] = ()) -> tuple[str, str, float]:
    rule, rule_conf = _guess_programme(quote, pos)
    scores: dict[str, float] = {}
    if ctx.lexicon is not None:
        from vnreports.assistant.lexicon import programme_features

        scores.update(ctx.lexicon.programme.rank(programme_features(quote, section)))
    if rule and rule in ctx.programmes:
        scores[rule] = scores.get(rule, 0.0) + RULE_BOOST * rule_conf
    if ctx.programme_phrases is not None:
        named = programme_phrase_scores(ctx.programme_phrases, quote[:pos], quote[pos:], headings, ctx.programmes,
                                        ctx.title, frozenset(SECTOR_PROGRAMMES))
        if named:
            nb = {}
            for key, p in scores.items():
                prog = key.partition("|")[0]
                nb[prog] = max(nb.get(prog, 0.0), p)
            best = max(named, key=lambda code: named[code] + PHRASE_LEXICON_WEIGHT * nb.get(code, 0.0))
            project = next((key.partition("|")[2] for key in sorted(scores, key=scores.get, reverse=True)
                            if key.partition("|")[0] == best), "")
            return best, project, min(0.9, 0.4 + 0.3 * named[best])
    if not scores:
        return ("ctmtqg" if "ctmtqg" in ctx.programmes else next(iter(ctx.programmes), "")), "", 0.2
    best = max(scores, key=scores.get)
    programme, _, project = best.partition("|")
    return programme, project, min(0.95, scores[best])


_HEADING = re.compile(r"^(?:[IVX]+\.|\d+\.(?:\d+\.?)*|\d+(?:\.\d+)+|[a-zđ]\))\s+\S")  # "3 sao. Từ …" (a wrapped line) is none


def section_at(text: str, pos: int) -> tuple[str, int | None]:
    """The nearest heading above `pos` ("2. Về thu ngân sách", "a) Giải ngân …", "### II. …") and where it starts."""
    nl = text.find("\n", pos)
    end = len(text) if nl < 0 else nl  # the line holding pos first: "II." may end a sentence span
    for _ in range(200):
        start = text.rfind("\n", 0, max(0, end - 1)) + 1
        s = text[start:end].strip().strip("*#> ")
        if _HEADING.match(s) and len(s) < 160:
            return s, start
        if start == 0:
            break
        end = start
    return "", None


def section_of(text: str, pos: int) -> str:
    return section_at(text, pos)[0]


def draft_figures(text: str, ctx: DraftContext) -> list[dict[str, str]]:
    """Draft rows (transcription format + confidence) for every figure found in `text` (NFC)."""
    spans = sentences(text)
    subject = report_programme(ctx.title, ctx.programme_phrases, ctx.programmes)
    default = ctx.default_district or None
    if default is None:
        names = [p.group(2) for p in places_in(text) if p.group(1).lower() == "huyện"]
        default = max(set(names), key=names.count) if names else None
    rows, seen, last_metric_in, last_money_in, dates = [], set(), {}, {}, []
    for c in find_candidates(text):
        if c.kind == "date":
            dates.append(c)  # a deadline belongs to its target's row (deadline, deadline_text), else its own
            continue
        if c.reading is None and c.kind != "year":
            continue
        if re.match(r"0?3 chương trình", c.number_text, re.I) and re.match(r"\s*(?:MTQG|mục tiêu quốc gia)",
                                                                           text[c.end:c.end + 25], re.I):
            continue  # "03 Chương trình MTQG" names the set of programmes, not a figure (the transcription guide)
        if c.kind == "year":  # "phấn đấu đạt chuẩn nông thôn mới năm 2025": the commune's target year
            from vnreports.notation.numbers import read_figure

            c = Candidate(c.start, c.end, c.number_text, "year", read_figure(c.number_text))
        sent = next(((a, b) for a, b in spans if a <= c.start < b), (max(0, c.start - 200), c.end + 100))
        anchor = footnote_anchor(text, c.start)  # a footnote's figure holds as the one its marker is glued to
        held = next(((a, b) for a, b in spans if a <= anchor < b), sent) if anchor is not None else sent
        if anchor is not None:  # the footnote's own text is its line, not the signature and notes around it
            end = text.find("\n", c.end)
            sent = (text.rfind("\n", 0, c.start) + 1, end if end != -1 else len(text))
        quote = " ".join(text[sent[0]:sent[1]].split())
        before = " ".join(text[sent[0]:c.start].split())
        after = " ".join(text[c.end:sent[1]].split())
        section, section_start = section_at(text, held[0])
        unit = "năm" if c.kind == "year" else _unit_of(c)
        cell = table_cell(text, c.start)
        if cell is not None and "\t" in text[sent[0]:sent[1]]:  # a pasted table's row: its quote keeps the tabs
            quote = "\t".join(" ".join(cell_text.split()) for cell_text in text[sent[0]:sent[1]].strip("\r\n").split("\t"))
        if cell is not None:  # a table cell: its row says what, its column which year and whether a plan
            unit = unit or cell.unit
            before, after = f"{cell.row_label} {cell_words(cell)}", ""
        scope = re.match(r"\s+trong(?:\s+(?:số|tổng số))?\s+(\d+)\s+(?:huyện|xã|đơn vị)", text[c.end:c.end + 40])
        ranked = int(scope.group(1)) if scope else None
        among_communes = c.kind == "superlative" and not scope and (
            _AMONG_COMMUNES.match(text[c.end:c.end + 30].lower())
            or re.search(r"\btrong(?:\s+số)?\s+\d+\s+xã\b", text[sent[0]:c.start], re.IGNORECASE))
        if among_communes:  # "xã Châu Sơn mới đạt 09/19 tiêu chí, thấp nhất huyện"
            ranked = communes_ranked(text, c.start, sent, ctx.communes_in_district)
        value, den, reading_note, value_conf = _value(c, ctx, ranked, "xã" if among_communes else "huyện, thành phố")
        if not value or not unit:
            continue
        district, commune, place_conf, place_why = _guess_place(text, c.start, sent, default)
        if not commune:
            commune = commune_in_context(text, c.start, sent, section, section_start)
            place_conf, place_why = (0.6, "xã được nói đến trong đoạn") if commune else (place_conf, place_why)
        commune = spelt_commune(commune, cell.row_label if cell is not None else None, ctx.commune_names)
        if unit in ("xã", "tiêu chí/xã") or unit.startswith("xã"):
            commune = ""  # communes counted, or criteria per commune: the district's figure
        elif not commune and (unit == "tiêu chí" and den == "19" or unit == "tiêu chí số"):
            # N/19 criteria, and the numbered criteria still unmet, belong to the commune named just before
            # (in the sentence that lists them, "Xã Nhân Lý … chưa đạt gồm: tiêu chí số 3; tiêu chí số 5", or before it)
            earlier = [p for p in places_in(text[max(0, sent[0] - 600):c.start]) if p.group(1).lower() == "xã"]
            if earlier:
                commune, place_conf, place_why = earlier[-1].group(2), 0.6, "xã nêu ngay trước"
        metric, metric_conf = choose_metric(c, unit, before, after, quote, ctx, last_metric_in.get(sent), den)
        if cell is not None and revenue_cell_metric(cell) is not None:
            metric = revenue_cell_metric(cell)
        metric = commune_estimate(metric, commune, unit, after)
        intro = list_intro(text, held[0])  # a bullet's list is headed by the paragraph introducing it
        metric = part_of_total(before, unit, last_money_in.get(sent)) or listed_capital_plan(intro, before, unit) \
            or metric
        if not metric and unit in MONEY_MULTIPLIERS and re.match(r"\W*(?:tiểu dự án|dự án)\s+\d", before, re.I) and \
                re.search(r"(?:bố trí|phân bổ)(?:(?!\.\s).){0,200}:(?:(?!\.\s).)*$", text[max(0, sent[0] - 300):sent[0]], re.I | re.S):
            metric = "capital_plan"  # "Vốn sự nghiệp phân bổ cho: Dự án 2: 2,365 tỷ đồng; Dự án 3: 4,85 tỷ đồng"
        headings = ([intro[-300:]] if intro else []) + heading_chain(text, held[0])
        if anchor is not None:
            headings = [" ".join(text[held[0]:anchor].split())] + headings  # the marker's sentence frames it
        programme, project, prog_conf = _programme(c, quote, len(before), ctx, section, headings)
        sector = ctx.metric_sectors.get(metric)
        if sector and sector in ctx.programmes and (not programme or programme in SECTOR_PROGRAMMES
                                                    or (programme == subject and not project)):
            programme, project = sector, ""  # a plan indicator takes its sector (the guide), in a programme's report too
        settled = report_level_programme(programme, metric, ctx.title, subject, headings, ctx.programme_phrases,
                                         frozenset(SECTOR_PROGRAMMES), quote)
        if settled != programme:
            programme, project = settled, ""
        why = _reasons(ctx, metric, programme, before, f"{unit} {after}", quote[:len(before)], headings)
        figure_type = figure_type_for(before, after, c.kind, section, "\n".join(headings)) if cell is None \
            else cell_figure_type(cell)
        if ctx.plan and figure_type == "actual" and cell is None and not plan_results(section, headings) \
                and not marks_result(before, ctx, unit in MONEY_MULTIPLIERS):
            figure_type = "target"  # a Kế hoạch states goals; what it reports is marked ("đã", "hiện nay", "năm 2024")
        if c.kind == "plan" and unit not in MONEY_MULTIPLIERS:
            figure_type = "target"  # "1.150 ha/1.100 ha kế hoạch": a physical plan is a goal (allocated money is not)
        if cell is None:
            figure_type = settle_figure_type(figure_type, unit, metric, before, after,
                                             text[max(0, sent[0] - 400):sent[0]],
                                             unit in MONEY_MULTIPLIERS)
        if anchor is not None and figure_type_for(" ".join(text[held[0]:anchor].split()), "", c.kind) == "forecast":
            figure_type = "forecast"  # "ước đạt 9,2%1" … "1 Trong đó: ngành dịch vụ tăng 10,4%"
        as_of, as_of_text, date_conf = as_of_for(text, sent, c.start, section, figure_type, ctx, section_start)
        if anchor is not None and not as_of_text:
            as_of, as_of_text, date_conf = as_of_for(text, held, anchor, section, figure_type, ctx, section_start)
        if cell is not None and figure_type != "target":
            year = header_year(cell.header)
            if year:
                as_of, as_of_text, date_conf = f"{year}-12-31", cell.header, 0.8
            elif cell.intro is not None:
                as_of, as_of_text, date_conf = as_of_for(text, cell.intro, cell.intro[1], section, figure_type, ctx,
                                                         section_start)
        earlier = same_period(before, as_of) if figure_type == "actual" else None
        if earlier:
            as_of, as_of_text = earlier
        deadline, deadline_text = deadline_for(after, before, figure_type, ctx)
        key = (c.start, c.number_text)  # the same number written twice is two figures; one candidate is one
        if key in seen:
            continue
        seen.add(key)
        if unit != RANK_UNIT and metric:
            last_metric_in[sent] = metric
            if unit in MONEY_MULTIPLIERS and not re.search(r"trong đó", before, re.I):
                last_money_in[sent] = metric  # a total its parts after "trong đó" share
        unsure = [name for name, conf in (("giá trị", value_conf), ("nơi", place_conf), ("chỉ tiêu", metric_conf),
                                          ("chương trình", prog_conf), ("ngày", date_conf)) if conf < 0.6]
        confidence = min(value_conf, place_conf + 0.1, 0.4 + metric_conf / 2, 0.4 + prog_conf / 2, date_conf)
        rows.append({
            "figure_id": "", "district": district, "commune": commune, "programme": programme,
            "project": project, "metric": metric, "figure_type": figure_type, "number_text": c.number_text,
            "value": value, "unit": unit, "denominator": den, "as_of": as_of, "as_of_text": as_of_text,
            "deadline": deadline, "deadline_text": deadline_text, "part_of": "", "computed_from": "",
            "listed_items": "", "ranked_after": "", "reading_note": reading_note,
            "note": f"Bản nháp; nơi: {place_why}; {why}" + (f"; cần kiểm tra: {', '.join(unsure)}" if unsure else ""),
            "quote": quote, "confidence": f"{max(0.05, min(confidence, 0.99)):.2f}",
            "_start": c.start, "_end": c.end, "_sentence": sent,
        })
    _one_target_per_deadline(text, rows)
    rows += _deadline_rows(text, spans, dates, rows, ctx, default)
    rows.sort(key=lambda r: r["_start"])
    for i, row in enumerate(rows, start=1):
        row["figure_id"] = f"f{i:03d}"
    link_figures(text, rows)
    return rows


def _one_target_per_deadline(text: str, rows: list[dict]) -> None:
    """A deadline written once belongs to one target: the nearest before it in its sentence (else the first)."""
    by_phrase: dict[tuple, list[dict]] = {}
    for r in rows:
        if r["deadline_text"] and r["deadline_text"] != r["number_text"]:
            by_phrase.setdefault((r["_sentence"], r["deadline_text"]), []).append(r)
    for (sent, words), group in by_phrase.items():
        at = text.find(words.split()[-1], sent[0])
        if len(group) < 2 or at < 0 or len(re.findall(re.escape(words.split()[-1]), text[sent[0]:sent[1]])) > 1:
            continue  # written once in the sentence only
        keep = max((r for r in group if r["_start"] < at), key=lambda r: r["_start"], default=group[0])
        for r in group:
            if r is not keep:
                r["deadline"] = r["deadline_text"] = ""


def _deadline_rows(text: str, spans, dates, rows: list[dict], ctx: DraftContext, default) -> list[dict]:
    """A row for each deadline that no drafted target in its sentence carries."""
    out = []
    event = (ctx.event_date or ctx.period_end).isoformat() if (ctx.event_date or ctx.period_end) else ""
    for c in dates:
        sent = next(((a, b) for a, b in spans if a <= c.start < b), (max(0, c.start - 200), c.end + 100))
        if any(r["_sentence"] == sent and r["deadline_text"] and c.number_text in r["deadline_text"] for r in rows):
            continue
        fields = standalone_deadline(text, c, sent, event, ctx.metrics)
        if fields is None:
            continue
        quote = " ".join(text[sent[0]:sent[1]].split())
        district, commune, _, place_why = _guess_place(text, c.start, sent, default)
        headings = heading_chain(text, sent[0])
        programme, project, _ = _programme(c, quote, quote.find(fields["number_text"]), ctx, "", headings)
        sector = ctx.metric_sectors.get(fields["metric"])
        programme = sector if sector and programme in SECTOR_PROGRAMMES else programme
        out.append({**dict.fromkeys(DRAFT_COLUMNS, ""), **fields, "district": district, "commune": commune,
                    "programme": programme, "project": project, "quote": quote, "confidence": "0.50",
                    "note": f"Bản nháp; nơi: {place_why}; một thời hạn không gắn với số liệu nào: năm trong "
                            "'value', ngày trong 'deadline'" + ("" if fields["metric"] else "; chỉ tiêu: đề xuất mới"),
                    "_end": c.end, "_sentence": sent})
    return out


def is_money(unit: str) -> bool:
    return unit in MONEY_MULTIPLIERS


def write_draft(rows: list[dict[str, str]], out: Path, columns: list[str] = DRAFT_COLUMNS) -> None:
    """Write rows (private `_` keys left out) as a UTF-8 CSV with the given columns."""
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def project_context(raw_dir: Path | None = None) -> DraftContext:
    """The vocabularies and the lexicon of the project (found from the working directory), no report facts."""
    from vnreports.paths import find_root

    raw_dir = raw_dir or find_root() / "data" / "raw"
    read = lambda name, key: {r[key]: r for r in csv.DictReader((raw_dir / name).open(encoding="utf-8"))}  # noqa: E731
    return DraftContext(metrics=read("metrics.csv", "metric_code"), programmes=read("programmes.csv", "programme_code"),
                        lexicon=Lexicon.from_transcriptions(raw_dir), metric_phrases=Phrases.load(raw_dir, "metric"),
                        metric_sectors=load_sectors(raw_dir),
                        programme_phrases=Phrases.load(raw_dir, "programme"))


def extract(text: str, ctx: DraftContext | None = None) -> list[dict[str, str]]:
    """Draft rows for `text` (the `make extract` command): the project's vocabularies and lexicon, no registry."""
    import unicodedata

    return draft_figures(unicodedata.normalize("NFC", text), ctx or project_context())
