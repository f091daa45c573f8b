"""The SYNTHETIC national panel for `make bench` — never real data, never in the real warehouse.

Everything this module writes is made up by a seeded random generator. It has the *shape* of the
curated layer (the same Parquet tables, columns and types as `vnreports.curate` writes) at the
scale of the whole country before the 2025 reform: 63 provinces, ~700 district-level units,
~10,600 communes, 60 monthly as-of dates and ~40 metrics, over 10 million fact rows. Places are
called "Tỉnh/Huyện/Xã Giả lập …" ("simulated"), codes are sequential, report files are named
`gia_lap_*.txt` and every report row says SYNTHETIC in its note. Only the vocabularies of
metrics and programmes are read from `data/raw/` (so the codes, labels and directions are the
real ones); nothing else of the real data is used.

The panel is written to a folder of its own (default `build/bench/curated`, with the manifest
flagged `"synthetic": true`); `generate()` refuses any folder under the project's `data/`, and
the benchmark builds its warehouse at `build/bench/warehouse.duckdb`, never
`data/warehouse.duckdb`.

What the panel contains (the real facts' shapes, at national scale):

- district figures: per district, month and series (metric × programme/project) a cumulative
  value — disbursement (capital plan, amount disbursed written as "đã giải ngân/kế hoạch",
  the stated rate computed from it), budget revenue and expenditure, and counts, rates and
  areas of other programmes; money in đồng (written in triệu đồng), rates to one decimal or
  whole percent, counts as integers, so ties are common;
- gaps: a province's missing monthly report, a district missing from a month, a programme a
  district does not run, and single missing cells;
- duplicates and conflicts: quarterly summary reports repeat some figures of the quarter's last
  month, a few with a different value (such a district is not ranked for that cell);
- stated ranks ("thứ r/n", "sau huyện …", "cao nhất / thấp nhất") for the disbursement rate of
  the main programmes, mostly consistent with the values, a few not; provincial averages for the
  disbursement rates; a few stated rates that do not match their amounts;
- commune figures: new-rural criteria met and unmet per commune and month.

`run()` (the `make bench` entry point) generates the panel once (cached by its parameters),
builds the real SQL models on it with DuckDB, runs the same rankings with polars and pandas
(`vnreports.bench_engines`), each engine in its own process for wall time and peak memory, and
checks that the three give the same rows.
"""


from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from vnreports.bench.places import make_places, month_ends, reference_tables, vi_dec1, vi_int, vocabularies
from vnreports.bench.shape import (
    DECIMAL,
    FAMILY_COMBOS,
    FAMILY_METRICS,
    NATIONAL,
    OTHER_SERIES,
    REPORT_SCHEMA,
    SYNTHETIC_NOTE,
    Shape,
)
from vnreports.bench.statements import stated_ranks
from vnreports.build.curate import FIGURE_SCHEMA, FINDING_SCHEMA


def _district_series(shape: Shape, places: dict, rng: np.random.Generator) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every district × month × series cell with its value, before gaps (numpy, vectorised per series)."""
    D, T = places["D"], shape.months
    d_idx = np.repeat(np.arange(D, dtype=np.int32), T)
    t_idx = np.tile(np.arange(T, dtype=np.int32), D)
    month = t_idx % 12 + 1
    year = t_idx // 12
    frac = month / 12.0
    dist_pace = rng.uniform(0.55, 1.15, D)  # a district's disbursement pace
    size = rng.lognormal(0.0, 0.5, D)  # a district's size
    cols: dict[str, list[np.ndarray]] = {k: [] for k in ("sid", "d", "t", "v", "den", "dec")}
    series: list[dict] = []

    def add(metric, programme, project, kind, unit, notation, v, den=None, dec=0):
        sid = len(series)
        series.append({"sid": sid, "metric_code": metric, "programme_code": programme, "project_code": project,
                       "kind": kind, "unit": unit, "notation_kind": notation})
        cols["sid"].append(np.full(d_idx.size, sid, dtype=np.int32))
        cols["d"].append(d_idx)
        cols["t"].append(t_idx)
        cols["v"].append(np.asarray(v, dtype=np.float64))
        cols["den"].append(np.full(d_idx.size, np.nan) if den is None else np.asarray(den, dtype=np.float64))
        cols["dec"].append(np.broadcast_to(np.asarray(dec, dtype=np.int32), d_idx.shape).copy())

    for programme, project in FAMILY_COMBOS:
        scale = 3e10 if project is None else 4e9
        plan_dy = np.round(scale * size[:, None] * rng.lognormal(0, 0.4, (D, T // 12 + 1)) / 1e6) * 1e6
        plan = plan_dy[d_idx, year]
        pace = dist_pace[d_idx] * rng.normal(1.0, 0.08, d_idx.size)
        progress = np.clip(100 * frac ** 0.9 * pace, 0, 100)
        disbursed = np.round(plan * progress / 100 / 1e6) * 1e6
        rate = np.round(100 * disbursed / plan, 1)
        bad = rng.random(rate.size) < shape.rate_mismatch  # a stated rate that does not follow from the amounts
        rate = np.where(bad, np.round(rate + rng.uniform(0.5, 5, rate.size), 1), rate)
        dec_rate = np.where(np.round(rate * 10) % 10 == 0, 0, 1)
        add("capital_plan", programme, project, "money", "triệu đồng", "amount", plan)
        add("disbursed", programme, project, "money", "triệu đồng", "ratio", disbursed, den=plan)
        add("disbursement_rate", programme, project, "pct", "%", "percent", rate, dec=dec_rate)
        alloc = np.round(np.minimum(rate * rng.uniform(1.0, 1.15, rate.size), 100), 1)
        add("disbursement_rate_allocated", programme, project, "pct", "%", "percent", alloc,
            dec=np.where(np.round(alloc * 10) % 10 == 0, 0, 1))
        tabmis = np.round(np.minimum(rate * rng.uniform(1.0, 1.1, rate.size), 100), 1)
        add("disbursement_rate_tabmis", programme, project, "pct", "%", "percent", tabmis,
            dec=np.where(np.round(tabmis * 10) % 10 == 0, 0, 1))
        works = rng.poisson(np.maximum(size[d_idx] * 12 * frac, 0.1))
        add("works_started", programme, project, "count", "công trình", "count", works)
        add("works_progress", programme, project, "pct", "%", "percent",
            np.round(np.clip(progress * rng.uniform(0.85, 1.15, rate.size), 0, 100)))
        add("projects_approved", programme, project, "count", "dự án", "count", rng.poisson(3 * size[d_idx]))
        unbalanced = np.where(rng.random(rate.size) < 0.35, 0.0,
                              np.round(plan * 0.05 * rng.uniform(0, 1, rate.size) * (1 - frac) / 1e6) * 1e6)
        add("counterpart_funds_unbalanced", programme, project, "money", "triệu đồng", "amount", unbalanced)
        add("advance_outstanding", programme, project, "money", "triệu đồng", "amount",
            np.round(plan * 0.1 * rng.uniform(0, 1, rate.size) * (1.2 - frac) / 1e6) * 1e6)

    for metric, programme, project, kind, dec, unit, typical in OTHER_SERIES:
        n = d_idx.size
        if kind == "money":
            v = np.round(typical * size[d_idx] * frac * rng.lognormal(0, 0.15, n) / 1e6) * 1e6
            add(metric, programme, project, "money", unit, "amount", v)
        elif kind in ("pct", "pct_cum"):
            base = typical * (frac if kind == "pct_cum" else 1.0) * rng.normal(1.0, 0.08, n)
            v = np.round(np.clip(base, 0, 999), dec)
            decs = np.where(np.round(v * 10) % 10 == 0, 0, 1) if dec == 1 else 0
            add(metric, programme, project, "pct", unit, "percent", v, dec=decs)
        elif kind == "area":
            v = np.round(rng.gamma(1.5, typical / 1.5, n) * size[d_idx], 1)
            add(metric, programme, project, "area", unit, "measure", v,
                dec=np.where(np.round(v * 10) % 10 == 0, 0, 1))
        else:
            lam = typical * size[d_idx] * (frac if kind == "count_cum" else 1.0)
            add(metric, programme, project, "count", unit, "count", rng.poisson(np.maximum(lam, 0.05)))

    frame = pl.DataFrame({k: np.concatenate(v) for k, v in cols.items()}).with_columns(pl.col("den").fill_nan(None))
    return frame, pl.DataFrame(series).with_columns(pl.col("sid").cast(pl.Int32))


def generate(shape: Shape = NATIONAL, seed: int = 20250701, raw_dir: Path | None = None) -> dict[str, pl.DataFrame]:
    """The synthetic curated layer, as polars frames named like the curated Parquet tables."""
    raw_dir = raw_dir or Path(__file__).resolve().parents[2] / "data" / "raw"
    rng = np.random.default_rng(seed)
    metrics, programmes = vocabularies(raw_dir)
    places = make_places(shape, rng)
    ref = reference_tables(places, rng)
    P, D, T = places["P"], places["D"], shape.months
    ends = month_ends(shape)
    prov_codes, prov_of_d = places["prov_codes"], places["prov_of_d"]

    # reports: one per province and month, and a quarterly summary at each quarter's end
    rep_rows = []
    for p in range(P):
        dists = [places["dist_codes"][d] for d in np.flatnonzero(prov_of_d == p)]
        shorts = ", ".join(places["dist_short"][d] for d in np.flatnonzero(prov_of_d == p))
        for t, d_end in enumerate(ends):
            for quarterly in (False, True):
                if quarterly and d_end.month % 3:
                    continue
                name = f"gia_lap_{prov_codes[p]}_{d_end:%Y-%m}{'_quy' if quarterly else ''}.txt"
                period = (f"quý {(d_end.month - 1) // 3 + 1} năm {d_end.year}" if quarterly
                          else f"tháng {d_end.month} năm {d_end.year}")
                signed = date.fromordinal(d_end.toordinal() + 5)
                rep_rows.append({
                    "report_file": name, "doc_number": None, "doc_type": "BC-UBND",
                    "issuing_body": f"UBND Tỉnh Giả lập {prov_codes[p]}", "signer": "Người ký giả lập",
                    "signer_title": "KT. Chủ tịch, Phó Chủ tịch", "place": f"Tỉnh Giả lập {prov_codes[p]}",
                    "date_signed": signed, "date_signed_precision": "day", "date_signed_text": signed.isoformat(),
                    "concluding_official": None, "subject_district_codes": dists, "subject_commune_codes": [],
                    "subject_districts_written": shorts, "subject_communes_written": None,
                    "event_type": "báo cáo định kỳ (periodic report)", "event_date": d_end,
                    "period_text": period, "period_start": date(d_end.year, 1, 1), "period_end": d_end,
                    "title": f"Báo cáo giả lập tình hình thực hiện {period}, Tỉnh Giả lập {prov_codes[p]}",
                    "note": SYNTHETIC_NOTE, "text_sha256": hashlib.sha256(name.encode()).hexdigest(), "reviewed": True,
                    "_p": p, "_t": t, "_q": quarterly,
                })
    reports_full = pl.DataFrame(rep_rows, schema={**REPORT_SCHEMA, "_p": pl.Int32, "_t": pl.Int32, "_q": pl.Boolean},
                                orient="row")
    missing = rng.random((P, T)) < shape.missing_report
    monthly = reports_full.filter(~pl.col("_q")).select("report_file", "_p", "_t")
    quarterly = reports_full.filter(pl.col("_q")).select(pl.col("report_file").alias("q_report"), "_p", "_t")

    # district cells, then the gaps
    cells, series = _district_series(shape, places, rng)
    n = cells.height
    d = cells["d"].to_numpy()
    t = cells["t"].to_numpy()
    sid = cells["sid"].to_numpy()
    combo_of_sid = np.array([FAMILY_COMBOS.index((r["programme_code"], r["project_code"]))
                             if (r["programme_code"], r["project_code"]) in FAMILY_COMBOS
                             and r["metric_code"] in FAMILY_METRICS else -1 for r in series.iter_rows(named=True)])
    inactive = rng.random((D, len(FAMILY_COMBOS))) < shape.programme_inactive
    absent = rng.random((D, T)) < shape.district_absent
    combo = combo_of_sid[sid]
    keep = ~missing[prov_of_d[d], t] & ~absent[d, t] & (rng.random(n) >= shape.cell_gap)
    keep &= ~np.where(combo >= 0, inactive[d, np.maximum(combo, 0)], False)
    cells = cells.with_columns(p=pl.Series(prov_of_d[d], dtype=pl.Int32)).filter(pl.Series(keep))

    dist = pl.DataFrame({"d": np.arange(D, dtype=np.int32), "district_code": places["dist_codes"],
                         "district_written": places["dist_short"]})
    meta = series.join(metrics.select("metric_code", "label_vi"), on="metric_code")
    date_df = pl.DataFrame({"t": np.arange(T, dtype=np.int32), "as_of": ends}).with_columns(
        as_of_text=pl.format("tính đến ngày {}/{}/{}", pl.col("as_of").dt.day(), pl.col("as_of").dt.month(),
                             pl.col("as_of").dt.year()))

    district_rows = (
        cells.join(meta, on="sid").join(dist, on="d").join(date_df, on="t")
        .join(monthly, left_on=["p", "t"], right_on=["_p", "_t"])
    )

    # provincial averages of the disbursement rates (and revenue against the province's estimate)
    avg_metrics = ["disbursement_rate", "budget_revenue_pct_province_estimate"]
    province_rows = (
        district_rows.filter(pl.col("metric_code").is_in(avg_metrics))
        .group_by("report_file", "p", "t", "sid")
        .agg(pl.col("v").mean().round(1), pl.col(["metric_code", "programme_code", "project_code", "kind", "unit",
                                                   "notation_kind", "label_vi", "as_of", "as_of_text"]).first())
        .with_columns(dec=pl.when((pl.col("v") * 10).round() % 10 == 0).then(0).otherwise(1).cast(pl.Int32),
                      den=pl.lit(None, pl.Float64), district_code=pl.lit(None, pl.String),
                      district_written=pl.lit(None, pl.String), level=pl.lit("province"))
    )

    # duplicates and conflicts: quarterly reports repeat some of the quarter's last month
    dup = (
        district_rows.filter((pl.col("as_of").dt.month() % 3 == 0)
                             & pl.Series(rng.random(district_rows.height) < shape.duplicate))
        .join(quarterly, left_on=["p", "t"], right_on=["_p", "_t"]).drop("report_file").rename({"q_report": "report_file"})
    )
    conflict = pl.Series(rng.random(dup.height) < shape.conflict)
    dup = dup.with_columns(
        v=pl.when(conflict).then(pl.when(pl.col("kind") == "money").then(pl.col("v") + 1e8)
                                 .when(pl.col("kind") == "count").then(pl.col("v") + 1)
                                 .otherwise(pl.col("v") + 0.5)).otherwise(pl.col("v")),
        dec=pl.when(conflict & pl.col("kind").is_in(["pct", "area"])).then(1).otherwise(pl.col("dec")),
    )
    district_rows = pl.concat([district_rows, dup], how="diagonal_relaxed").with_columns(level=pl.lit("district"))

    # stated ranks: the disbursement rate of the main programmes, one district per report
    rank_rows = stated_ranks(district_rows, places, shape, rng)

    # communes: new-rural criteria met (of 19) and unmet
    commune_rows = _commune_rows(shape, places, ref, monthly, date_df, missing, rng)

    figures = _assemble(district_rows, province_rows, rank_rows, commune_rows)
    reports = reports_full.drop("_p", "_t", "_q").sort("report_file")
    used = figures.select(pl.col("report_file").unique())
    reports = reports.join(used, on="report_file", how="semi")
    return {
        "figures": figures,
        "reports": reports,
        "metrics": metrics,
        "programmes": programmes,
        "place_aliases_used": pl.DataFrame(schema={
            "report_file": pl.String, "source_file": pl.String, "source_line": pl.Int32, "level": pl.String,
            "name_written": pl.String, "gso_code": pl.String, "official_name": pl.String, "reason": pl.String}),
        "report_findings": pl.DataFrame(schema=FINDING_SCHEMA),
        **ref,
    }


def _commune_rows(shape, places, ref, monthly, date_df, missing, rng) -> pl.DataFrame:
    C, T = places["C"], shape.months
    c_idx = np.repeat(np.arange(C, dtype=np.int32), T)
    t_idx = np.tile(np.arange(T, dtype=np.int32), C)
    start = rng.integers(6, 18, C)
    pace = rng.uniform(0, 0.12, C)
    met = np.minimum(19, start[c_idx] + np.floor(t_idx * pace[c_idx])).astype(np.int64)
    keep = (rng.random(c_idx.size) >= shape.commune_gap) & ~missing[places["prov_of_d"][places["dist_of_c"][c_idx]], t_idx]
    unmet = 19 - met
    unmet = np.where(rng.random(c_idx.size) < 0.005, unmet + 1, unmet)  # a count that does not add up
    d_of = places["dist_of_c"][c_idx]
    base = pl.DataFrame({
        "c": c_idx, "t": t_idx, "p": places["prov_of_d"][d_of].astype(np.int32),
        "commune_code": np.array(places["comm_codes"])[c_idx], "district_code": np.array(places["dist_codes"])[d_of],
        "commune_written": np.array([n.split(" ", 1)[1] for n in places["comm_names"]])[c_idx],
        "met": met, "unmet": unmet,
    }).filter(pl.Series(keep)).join(date_df, on="t").join(monthly, left_on=["p", "t"], right_on=["_p", "_t"])
    met_rows = base.with_columns(
        metric_code=pl.lit("ntm_criteria_met"), v=pl.col("met").cast(pl.Float64), den=pl.lit(19.0),
        notation_kind=pl.lit("ratio"), number_text=pl.format("{}/19", pl.col("met")))
    unmet_rows = base.filter(pl.col("unmet") > 0).with_columns(
        metric_code=pl.lit("ntm_criteria_unmet"), v=pl.col("unmet").cast(pl.Float64), den=pl.lit(None, pl.Float64),
        notation_kind=pl.lit("count"), number_text=pl.col("unmet").cast(pl.String))
    return pl.concat([met_rows, unmet_rows]).with_columns(
        level=pl.lit("commune"), programme_code=pl.lit("ntm"), project_code=pl.lit(None, pl.String),
        unit=pl.lit("tiêu chí"), kind=pl.lit("count"), dec=pl.lit(0, pl.Int32), district_written=pl.lit(None, pl.String),
        quote=pl.format("Xã {} {} đạt {} tiêu chí nông thôn mới{}.", pl.col("commune_written"), pl.col("as_of_text"),
                        pl.col("met"), pl.when(pl.col("metric_code") == "ntm_criteria_unmet")
                        .then(pl.format(", còn {} tiêu chí chưa đạt", pl.col("unmet"))).otherwise(pl.lit(""))),
    ).drop("met", "unmet", "c")


def _assemble(district_rows, province_rows, rank_rows, commune_rows) -> pl.DataFrame:
    cols = ["report_file", "level", "district_code", "district_written", "programme_code", "project_code",
            "metric_code", "as_of", "as_of_text", "v", "den", "dec", "unit", "kind", "notation_kind"]
    money = pl.col("kind") == "money"
    tenths = (pl.col("v") * 10).round()
    number_text = (
        pl.when(money & pl.col("den").is_not_null())
        .then(pl.format("{}/{}", vi_int(pl.col("v") / 1e6), vi_int(pl.col("den") / 1e6)))
        .when(money).then(vi_int(pl.col("v") / 1e6))
        .when(pl.col("kind").is_in(["pct", "area"])).then(vi_dec1(tenths))
        .otherwise(vi_int(pl.col("v")))
    )
    values = [
        district_rows.select(*cols, number_text=number_text, quote=pl.format(
            "{}: {} {}{} {} đạt {} {}.", pl.col("district_written"), pl.col("label_vi"), pl.col("programme_code"),
            pl.when(pl.col("project_code").is_not_null()).then(pl.format("/{}", pl.col("project_code")))
            .otherwise(pl.lit("")), pl.col("as_of_text"), number_text, pl.col("unit"))),
        province_rows.select(*cols, number_text=number_text, quote=pl.format(
            "Bình quân chung của tỉnh ({} {}) {} là {}%.", pl.col("label_vi"), pl.col("programme_code"),
            pl.col("as_of_text"), number_text)),
        rank_rows.select(*cols, "number_text", "quote", "rank", "rank_of", "ranked_after_codes"),
        commune_rows.select(*cols, "number_text", "quote", "commune_code", "commune_written"),
    ]
    fig = pl.concat(values, how="diagonal_relaxed")
    level_order = pl.col("level").replace_strict({"province": 0, "district": 1, "commune": 2}, return_dtype=pl.Int8)
    fig = fig.sort(["report_file", level_order, "district_code", "commune_code", "programme_code", "project_code",
                    "metric_code", "kind"], nulls_last=False)
    fig = fig.with_columns(
        figure_id=pl.format("f{}", (pl.int_range(1, pl.len() + 1).over("report_file")).cast(pl.String).str.zfill(6)),
        source_line=(pl.int_range(2, pl.len() + 2).over("report_file")).cast(pl.Int32),
    )
    # a stated disbursement rate says what it is computed from: the amount disbursed of its plan
    disb = fig.filter(pl.col("metric_code") == "disbursed", pl.col("level") == "district").select(
        "report_file", "district_code", "programme_code", "project_code", pl.col("figure_id").alias("computed_from"))
    fig = fig.join(disb, on=["report_file", "district_code", "programme_code", "project_code"], how="left",
                   nulls_equal=True, maintain_order="left")
    fig = fig.with_columns(computed_from=pl.when((pl.col("metric_code") == "disbursement_rate")
                                                 & (pl.col("kind") == "pct")).then(pl.col("computed_from")))
    money = pl.col("kind") == "money"
    is_rank = pl.col("kind") == "rank"
    out = fig.select(
        "report_file", "figure_id", "source_line", "level", "district_written", "district_code", "commune_written",
        "commune_code", "programme_code", "project_code", "metric_code",
        figure_type=pl.lit("actual"), number_text="number_text",
        value=pl.when(money).then(pl.col("v") / 1e6).otherwise(pl.col("v")).cast(DECIMAL),
        unit="unit",
        denominator=pl.when(money).then(pl.col("den") / 1e6).otherwise(pl.col("den")).cast(DECIMAL),
        value_canonical=pl.col("v").cast(DECIMAL), denominator_canonical=pl.col("den").cast(DECIMAL),
        unit_canonical=pl.when(money).then(pl.lit("đồng")).otherwise(pl.col("unit")),
        amount_vnd=pl.when(money).then(pl.col("v").cast(pl.Int64)),
        rank=pl.when(is_rank).then(pl.col("rank")).cast(pl.Int32),
        rank_of=pl.when(is_rank).then(pl.col("rank_of")).cast(pl.Int32),
        qualifier=pl.lit(None, pl.String), notation_kind="notation_kind",
        ambiguous_notation=pl.col("notation_kind") == "superlative",
        as_of="as_of", as_of_text="as_of_text", deadline=pl.lit(None, pl.Date), deadline_text=pl.lit(None, pl.String),
        part_of=pl.lit(None, pl.String), computed_from="computed_from",
        listed_items=pl.lit(None, pl.List(pl.String)), ranked_after_codes="ranked_after_codes",
        decimals_written=pl.col("dec").cast(pl.Int32), reading_note=pl.lit(None, pl.String),
        note=pl.lit(None, pl.String), quote="quote", reviewed=pl.lit(True), confidence=pl.lit(None),
        reviewed_by=pl.lit(None, pl.String), reviewed_at=pl.lit(None, pl.Date),
    )
    return out.cast(FIGURE_SCHEMA).select(list(FIGURE_SCHEMA))


# -- writing ----------------------------------------------------------------------------------
