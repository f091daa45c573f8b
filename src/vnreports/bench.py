"""SYNTHETIC national panel for `make bench` — never real data, never in the real warehouse.

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

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

DECIMAL = pl.Decimal(38, 6)
GENERATOR_VERSION = 1  # bump when the generator's output changes: a cached panel is then made again
SYNTHETIC_NOTE = "SYNTHETIC — dữ liệu giả lập để đo hiệu năng, không phải số liệu thật (make bench)"


@dataclass(frozen=True)
class Shape:
    provinces: int = 63
    districts: int = 700
    communes: int = 10_600
    months: int = 60
    start_year: int = 2020
    # Probabilities of the gaps, duplicates and errors.
    missing_report: float = 0.01
    district_absent: float = 0.015
    programme_inactive: float = 0.03
    cell_gap: float = 0.01
    commune_gap: float = 0.05
    duplicate: float = 0.02
    conflict: float = 0.03
    rate_mismatch: float = 0.003
    rank_inconsistent: float = 0.02


NATIONAL = Shape()
SMALL = Shape(provinces=3, districts=24, communes=200, months=6, start_year=2024)
SHAPES = {"national": NATIONAL, "small": SMALL}

# -- the series: metric × programme/project -------------------------------------------------

# Disbursement and works of every programme, project and capital source.
FAMILY_COMBOS: list[tuple[str, str | None]] = [
    ("ctmtqg", None), ("ctmtqg_sn", None), ("ntm", None), ("gnbv", None), ("gnbv", "gnbv_da2"),
    ("gnbv", "gnbv_da3_tda1"), ("gnbv", "gnbv_da4_tda1"), ("gnbv", "gnbv_da6_tda1"), ("dtts", None),
    ("dtts", "dtts_da1"), ("dtts", "dtts_da2"), ("dtts", "dtts_da3_tda1"), ("dtts", "dtts_da3_tda2"),
    ("dtts", "dtts_da4_tda1"), ("dtts", "dtts_da5_tda1"), ("dtts", "dtts_da5_tda3"), ("dtts", "dtts_da5_tda4"),
    ("dtts", "dtts_da6"), ("dtts", "dtts_da9_tda2"), ("dtts", "dtts_da10_tda1"), ("phuc_hoi", None),
    ("dtc", None), ("dtc", "dtc_keo_dai"), ("dtc", "dtc_khoi_cong_moi"), ("dtc_nq16", None), ("dtc_tsdd", None),
    ("dtc_gtnt", None), ("dtc_snh", None),
]
FAMILY_METRICS = [
    "capital_plan", "disbursed", "disbursement_rate", "disbursement_rate_allocated", "disbursement_rate_tabmis",
    "works_started", "works_progress", "projects_approved", "counterpart_funds_unbalanced", "advance_outstanding",
]
# (metric, programme, project, kind, decimals, unit written, typical size)
OTHER_SERIES: list[tuple[str, str, str | None, str, int, str, float]] = [
    ("budget_revenue", "nsnn_thu", None, "money", 0, "triệu đồng", 2e11),
    ("budget_revenue_pct_province_estimate", "nsnn_thu", None, "pct_cum", 1, "%", 105),
    ("budget_revenue_pct_district_estimate", "nsnn_thu", None, "pct_cum", 1, "%", 98),
    ("budget_revenue_pct_same_period", "nsnn_thu", None, "pct", 1, "%", 104),
    ("budget_expenditure", "nsnn_chi", None, "money", 0, "triệu đồng", 5e11),
    ("budget_expenditure_pct_province_estimate", "nsnn_chi", None, "pct_cum", 1, "%", 95),
    ("budget_expenditure_pct_district_estimate", "nsnn_chi", None, "pct_cum", 1, "%", 92),
    ("budget_allocation_rate", "nsnn_chi", None, "pct", 1, "%", 97),
    ("admin_dossiers_received", "cchc", None, "count_cum", 0, "hồ sơ", 4000),
    ("admin_dossiers_on_time", "cchc", None, "count_cum", 0, "hồ sơ", 3800),
    ("admin_dossiers_late_rate", "cchc", None, "pct", 1, "%", 2),
    ("land_registration_rate", "dat_dai", None, "pct", 0, "%", 92),
    ("site_clearance_rate", "dtc", None, "pct_cum", 1, "%", 90),
    ("vocational_trainees", "dtts", "dtts_da5_tda3", "count_cum", 0, "học viên", 300),
    ("pest_damage_area", "nong_nghiep", None, "area", 1, "ha", 40),
    ("disease_communes", "chan_nuoi", None, "count", 0, "xã", 1.5),
    ("pigs_culled", "chan_nuoi", None, "count_cum", 0, "con", 120),
    ("criminal_cases", "an_ninh", None, "count_cum", 0, "vụ", 60),
    ("cases_solved", "an_ninh", None, "count_cum", 0, "vụ", 50),
    ("traffic_accidents", "an_ninh", None, "count_cum", 0, "vụ", 12),
    ("people_injured", "an_ninh", None, "count_cum", 0, "người", 10),
    ("people_killed", "an_ninh", None, "count_cum", 0, "người", 5),
    ("tasks_done_on_time", "kt_xh", None, "count_cum", 0, "nhiệm vụ", 40),
    ("indicators_expected_met", "kt_xh", None, "count", 0, "chỉ tiêu", 20),
    ("bridges_completed", "ha_tang", None, "count_cum", 0, "cầu", 4),
    ("health_stations_built", "phuc_hoi", None, "count_cum", 0, "trạm y tế", 2),
    ("model_residential_areas", "ntm", None, "count_cum", 0, "khu dân cư", 6),
]
COMMUNE_METRICS = ["ntm_criteria_met", "ntm_criteria_unmet"]
# Stated ranks: the disbursement rate of the main programmes.
RANKED_PROGRAMMES = ["ctmtqg", "dtc", "dtts", "ntm", "gnbv"]

PANEL_METRICS = sorted(set(FAMILY_METRICS) | {s[0] for s in OTHER_SERIES} | set(COMMUNE_METRICS))

from .curate import FIGURE_SCHEMA, FINDING_SCHEMA  # noqa: E402  (the curated figures and findings columns, one place)
REPORT_SCHEMA = {
    "report_file": pl.String, "doc_number": pl.String, "doc_type": pl.String, "issuing_body": pl.String,
    "signer": pl.String, "signer_title": pl.String, "place": pl.String, "date_signed": pl.Date,
    "date_signed_precision": pl.String, "date_signed_text": pl.String, "concluding_official": pl.String,
    "subject_district_codes": pl.List(pl.String), "subject_commune_codes": pl.List(pl.String),
    "subject_districts_written": pl.String, "subject_communes_written": pl.String, "event_type": pl.String,
    "event_date": pl.Date, "period_text": pl.String, "period_start": pl.Date, "period_end": pl.Date,
    "title": pl.String, "note": pl.String, "text_sha256": pl.String,
}


class RefusedTarget(RuntimeError):
    """The synthetic panel must never be written where the real data lives."""


def _vocabularies(raw_dir: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The real metric and programme vocabularies (codes, labels, directions): the same frames curate writes."""
    with (raw_dir / "metrics.csv").open(encoding="utf-8", newline="") as fh:
        metrics = [r for r in csv.DictReader(fh) if r["metric_code"] in PANEL_METRICS]
    missing = set(PANEL_METRICS) - {r["metric_code"] for r in metrics}
    if missing:
        raise ValueError(f"metrics missing from {raw_dir}/metrics.csv: {sorted(missing)}")
    metrics_df = pl.DataFrame(metrics, orient="row").with_columns(
        pl.col("higher_is_better").replace_strict({"true": True, "false": False, "": None}, return_dtype=pl.Boolean)
    ).sort("metric_code")
    with (raw_dir / "programmes.csv").open(encoding="utf-8", newline="") as fh:
        programmes = list(csv.DictReader(fh))
    programmes_df = pl.DataFrame(programmes, orient="row").with_columns(
        pl.when(pl.col("parent_code") == "").then(None).otherwise(pl.col("parent_code")).alias("parent_code")
    ).sort("programme_code")
    return metrics_df, programmes_df


# -- Vietnamese number text (vectorised) ------------------------------------------------------

def _vi_int(e: pl.Expr) -> pl.Expr:
    """Non-negative integer with '.' between thousands: 56895 -> '56.895'."""
    e = e.cast(pl.Int64)
    z3 = lambda x: x.cast(pl.String).str.zfill(3)  # noqa: E731
    return (pl.when(e >= 1_000_000_000)
            .then(pl.format("{}.{}.{}.{}", e // 1_000_000_000, z3(e // 1_000_000 % 1000), z3(e // 1000 % 1000),
                            z3(e % 1000)))
            .when(e >= 1_000_000).then(pl.format("{}.{}.{}", e // 1_000_000, z3(e // 1000 % 1000), z3(e % 1000)))
            .when(e >= 1000).then(pl.format("{}.{}", e // 1000, z3(e % 1000)))
            .otherwise(e.cast(pl.String)))


def _vi_dec1(tenths: pl.Expr) -> pl.Expr:
    """A number given in tenths, one decimal with a comma, none when it is whole: 414 -> '41,4', 410 -> '41'."""
    t = tenths.cast(pl.Int64)
    return pl.when(t % 10 == 0).then(_vi_int(t // 10)).otherwise(pl.format("{},{}", _vi_int(t // 10), t % 10))


# -- the generator --------------------------------------------------------------------------

def _month_ends(shape: Shape) -> list[date]:
    out = []
    for i in range(shape.months):
        y, m = shape.start_year + i // 12, i % 12 + 1
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        out.append(date.fromordinal(nxt.toordinal() - 1))
    return out


def _places(shape: Shape, rng: np.random.Generator) -> dict:
    P, D, C = shape.provinces, shape.districts, shape.communes
    if D < 2 * P or C < 2 * D:
        raise ValueError("need at least 2 districts per province and 2 communes per district")
    # districts per province: 2 + a skewed share of the rest (a few big provinces, most around 11)
    share = rng.dirichlet(np.full(P, 4.0))
    per_prov = 2 + rng.multinomial(D - 2 * P, share)
    prov_of_d = np.repeat(np.arange(P), per_prov)
    share_c = rng.dirichlet(np.full(D, 6.0))
    per_dist = 2 + rng.multinomial(C - 2 * D, share_c)
    dist_of_c = np.repeat(np.arange(D), per_dist)
    prov_codes = [f"{p + 1:02d}" for p in range(P)]
    dist_codes = [f"{d + 1:03d}" for d in range(D)]
    comm_codes = [f"{c + 1:05d}" for c in range(C)]
    first_in_prov = np.r_[True, prov_of_d[1:] != prov_of_d[:-1]]
    # the first district of each province is its city, a few others are towns
    kind = np.where(first_in_prov, "thành phố", np.where(rng.random(D) < 0.08, "thị xã", "huyện"))
    prefix = {"thành phố": "Thành phố", "thị xã": "Thị xã", "huyện": "Huyện"}
    dist_short = [f"Giả lập {c}" for c in dist_codes]
    dist_names = [f"{prefix[k]} {s}" for k, s in zip(kind, dist_short)]
    urban = kind[dist_of_c] != "huyện"
    c_kind = np.where(urban & (rng.random(C) < 0.6), "phường", np.where(rng.random(C) < 0.05, "thị trấn", "xã"))
    c_prefix = {"phường": "Phường", "thị trấn": "Thị trấn", "xã": "Xã"}
    comm_names = [f"{c_prefix[k]} Giả lập {c}" for k, c in zip(c_kind, comm_codes)]
    return dict(P=P, D=D, C=C, prov_of_d=prov_of_d, dist_of_c=dist_of_c, prov_codes=prov_codes,
                dist_codes=dist_codes, comm_codes=comm_codes, dist_kind=kind, dist_short=dist_short,
                dist_names=dist_names, comm_kind=c_kind, comm_names=comm_names)


def _reference_tables(pl_: dict, rng: np.random.Generator) -> dict[str, pl.DataFrame]:
    districts = pl.DataFrame({
        "district_code": pl_["dist_codes"], "name": pl_["dist_names"], "division_type": list(pl_["dist_kind"]),
        "province_code": [pl_["prov_codes"][p] for p in pl_["prov_of_d"]],
    }).sort("district_code")
    # 2025 reform: consecutive communes of a province merge by about three; a few are split between two.
    prov_of_c = pl_["prov_of_d"][pl_["dist_of_c"]]
    C = pl_["C"]
    group = np.zeros(C, dtype=np.int64)
    g = 0
    size = 0
    target = rng.integers(2, 5)
    for c in range(C):
        if c > 0 and (prov_of_c[c] != prov_of_c[c - 1] or size >= target):
            g += 1
            size = 0
            target = rng.integers(2, 5)
        group[c] = g
        size += 1
    first_of_group = {}
    for c in range(C):
        first_of_group.setdefault(group[c], c)
    new_code = [pl_["comm_codes"][first_of_group[group[c]]] for c in range(C)]
    new_name = [f"{'Phường' if pl_['comm_kind'][first_of_group[group[c]]] == 'phường' else 'Xã'} Mới Giả lập "
                f"{new_code[c]}" for c in range(C)]
    rows = []
    split = rng.random(C) < 0.03
    for c in range(C):
        base = {"commune_code": pl_["comm_codes"][c], "name": pl_["comm_names"][c],
                "division_type": pl_["comm_kind"][c], "district_code": pl_["dist_codes"][pl_["dist_of_c"][c]]}
        rows.append({**base, "new_commune_code_2025": new_code[c], "new_commune_name_2025": new_name[c],
                     "partly_merged": bool(split[c])})
        nxt = c + 1
        if split[c] and nxt < C and prov_of_c[nxt] == prov_of_c[c] and group[nxt] != group[c]:
            rows.append({**base, "new_commune_code_2025": new_code[nxt], "new_commune_name_2025": new_name[nxt],
                         "partly_merged": True})
    communes_2024 = pl.DataFrame(rows, schema={
        "commune_code": pl.String, "name": pl.String, "division_type": pl.String, "district_code": pl.String,
        "new_commune_code_2025": pl.String, "new_commune_name_2025": pl.String, "partly_merged": pl.Boolean,
    }, orient="row").sort(["commune_code", "new_commune_code_2025"])
    communes_2025 = (
        communes_2024.join(districts.select("district_code", "province_code"), on="district_code")
        .group_by("new_commune_code_2025")
        .agg(pl.col("new_commune_name_2025").first(), pl.col("province_code").first())
        .select(pl.col("new_commune_code_2025").alias("commune_code"), pl.col("new_commune_name_2025").alias("name"),
                pl.when(pl.col("new_commune_name_2025").str.starts_with("Phường")).then(pl.lit("phường"))
                .otherwise(pl.lit("xã")).alias("division_type"), "province_code")
        .sort("commune_code")
    )
    return {"districts": districts, "communes_2024": communes_2024, "communes_2025": communes_2025}


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
    metrics, programmes = _vocabularies(raw_dir)
    places = _places(shape, rng)
    ref = _reference_tables(places, rng)
    P, D, T = places["P"], places["D"], shape.months
    ends = _month_ends(shape)
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
                    "note": SYNTHETIC_NOTE, "text_sha256": hashlib.sha256(name.encode()).hexdigest(),
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
    rank_rows = _stated_ranks(district_rows, places, shape, rng)

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


def _stated_ranks(district_rows: pl.DataFrame, places: dict, shape: Shape, rng: np.random.Generator) -> pl.DataFrame:
    n_in_prov = np.bincount(places["prov_of_d"], minlength=places["P"])
    rates = (
        district_rows.filter((pl.col("metric_code") == "disbursement_rate") & pl.col("project_code").is_null()
                             & pl.col("programme_code").is_in(RANKED_PROGRAMMES)
                             & ~pl.col("report_file").str.ends_with("_quy.txt"))
        .with_columns(true_rank=pl.col("v").rank("min", descending=True).over("report_file", "sid").cast(pl.Int32))
    )
    # one district per report and programme: the inspected one
    rates = rates.with_columns(_r=pl.Series(rng.random(rates.height)))
    chosen = rates.filter(pl.col("_r") == pl.col("_r").min().over("report_file", "sid"))
    above = (rates.select("report_file", "sid", "district_code", "v")
             .rename({"district_code": "above_code", "v": "above_v"}))
    after = (
        chosen.select("report_file", "sid", "district_code", "v", "true_rank")
        .filter(pl.col("true_rank").is_in([2, 3]))
        .join(above, on=["report_file", "sid"]).filter(pl.col("above_v") > pl.col("v"))
        .group_by("report_file", "sid", "district_code")
        .agg(pl.col("above_code").sort().alias("ranked_after_codes"), pl.len().alias("_n"))
    )
    m = chosen.height
    wrong = rng.random(m) < shape.rank_inconsistent
    shift = rng.choice([-2, -1, 1, 2], m)
    named = rng.random(m) < 0.5
    superl = rng.random(m) < 0.5
    out = (
        chosen.join(after, on=["report_file", "sid", "district_code"], how="left")
        .with_columns(rank_of=pl.Series(n_in_prov[chosen["p"].to_numpy()], dtype=pl.Int32),
                      _wrong=pl.Series(wrong), _shift=pl.Series(shift), _named=pl.Series(named),
                      _super=pl.Series(superl))
        .with_columns(rank=pl.when(pl.col("_wrong"))
                      .then((pl.col("true_rank") + pl.col("_shift")).clip(1, pl.col("rank_of")))
                      .otherwise(pl.col("true_rank")).cast(pl.Int32))
        .with_columns(
            ranked_after_codes=pl.when(pl.col("_named") & ~pl.col("_wrong") & (pl.col("_n") == pl.col("rank") - 1))
            .then(pl.col("ranked_after_codes")).otherwise(pl.lit(None, pl.List(pl.String))),
            notation_kind=pl.when(pl.col("_super") & ((pl.col("rank") == 1) | (pl.col("rank") == pl.col("rank_of"))))
            .then(pl.lit("superlative")).otherwise(pl.lit("rank")),
        )
        .with_columns(
            number_text=pl.when(pl.col("notation_kind") == "superlative")
            .then(pl.when(pl.col("rank") == 1).then(pl.lit("cao nhất")).otherwise(pl.lit("thấp nhất")))
            .otherwise(pl.format("thứ {}/{}", pl.col("rank"), pl.col("rank_of"))),
        )
        .with_columns(
            quote=pl.format("Tỷ lệ giải ngân {} của huyện {} đạt {}%, {} trong các huyện, thành phố của tỉnh{}.",
                            pl.col("programme_code"), pl.col("district_written"),
                            pl.col("v").round(1).cast(pl.String).str.replace(".", ",", literal=True),
                            pl.when(pl.col("notation_kind") == "superlative").then(pl.col("number_text"))
                            .otherwise(pl.format("đứng {}", pl.col("number_text"))),
                            pl.when(pl.col("ranked_after_codes").is_not_null())
                            .then(pl.format(", sau huyện {}", pl.col("ranked_after_codes").list.join(", huyện ")))
                            .otherwise(pl.lit(""))),
            v=pl.col("rank").cast(pl.Float64), den=pl.col("rank_of").cast(pl.Float64), dec=pl.lit(0, pl.Int32),
            unit=pl.lit("thứ hạng"), kind=pl.lit("rank"), level=pl.lit("district"),
        )
    )
    return out


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
        .then(pl.format("{}/{}", _vi_int(pl.col("v") / 1e6), _vi_int(pl.col("den") / 1e6)))
        .when(money).then(_vi_int(pl.col("v") / 1e6))
        .when(pl.col("kind").is_in(["pct", "area"])).then(_vi_dec1(tenths))
        .otherwise(_vi_int(pl.col("v")))
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
        note=pl.lit(None, pl.String), quote="quote",
    )
    return out.cast(FIGURE_SCHEMA).select(list(FIGURE_SCHEMA))


# -- writing ----------------------------------------------------------------------------------

def _project_data_dir() -> Path:
    return (Path(__file__).resolve().parents[2] / "data").resolve()


def write_panel(tables: dict[str, pl.DataFrame], out_dir: Path, params: dict) -> dict:
    """Write the synthetic tables like the curated layer (Parquet + manifest), flagged synthetic."""
    from .curate import MANIFEST, write_curated

    out = out_dir.resolve()
    real = _project_data_dir()
    if out == real or real in out.parents:
        raise RefusedTarget(f"refusing to write the synthetic panel under {real}: that is where the real data lives")
    write_curated(tables, out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest = {"synthetic": True, "note": SYNTHETIC_NOTE, "params": params, **manifest}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def ensure_panel(out_dir: Path, shape: Shape, seed: int, raw_dir: Path | None = None) -> tuple[dict, float]:
    """Generate the panel unless the folder already holds one with the same parameters."""
    params = {"shape": asdict(shape), "seed": seed, "generator": GENERATOR_VERSION}
    manifest_path = out_dir / "manifest.json"
    if manifest_path.exists():
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        if old.get("synthetic") and old.get("params") == params:
            return old, 0.0
    t0 = time.perf_counter()
    tables = generate(shape, seed, raw_dir)
    manifest = write_panel(tables, out_dir, params)
    return manifest, time.perf_counter() - t0



# -- the benchmark run (`make bench`) ------------------------------------------------------------

HISTORY_SQL = """
SELECT metric_code, programme_code, project_code, as_of, source, rank, rank_of, rank_national, rank_of_national,
       value_min, value_max, label, report_file, figure_id, quote
FROM rankings WHERE district_code = ?
ORDER BY metric_code, programme_code, project_code, as_of, source
"""
RANKED_ROWS_SQL = """
SELECT count(*) FROM fact_figure f JOIN dim_series s USING (metric_code, programme_code)
WHERE s.project_code IS NOT DISTINCT FROM f.project_code AND f.level = 'district' AND f.figure_type = 'actual'
  AND NOT f.is_rank AND f.part_of IS NULL AND s.higher_is_better IS NOT NULL
"""
MODELS = {"rankings": "40_marts/41_mart_rankings.sql", "vs_average": "40_marts/41_mart_vs_provincial_average.sql",
          "rates": "40_marts/41_mart_reconciliation.sql"}


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _worker(engine: str, out: Path, root: Path, settings: dict, repeat: int) -> dict:
    """Run one engine in this (fresh) process; write its results next to the panel; return timings."""
    from .bench_engines import DUCKDB_QUERIES, ENGINES

    res_dir = out / "results"
    res_dir.mkdir(parents=True, exist_ok=True)
    curated = out / "curated"
    if engine == "duckdb_build":
        from .warehouse import build_warehouse

        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        build_warehouse(root, out / "warehouse.duckdb", curated=curated, settings=settings, timings=timings)
        return {"wall": time.perf_counter() - t0, "models": timings, "peak_mb": _peak_mb()}
    if engine == "duckdb":
        import duckdb

        con = duckdb.connect(str(out / "warehouse.duckdb"))
        for k, v in settings.items():
            con.execute(f"SET {k} = ?", [v])
        con.execute("SET VARIABLE curated = ?", [str(curated)])
        runs: dict[str, list[float]] = {}
        for kind in ("rankings", "vs_average", "rates"):
            sql = (root / "sql" / MODELS[kind]).read_text(encoding="utf-8")
            for _ in range(repeat if kind == "rankings" else 1):
                for what in ("TABLE", "TYPE"):  # what the model creates, so that it runs again
                    for name in re.findall(rf"CREATE {what} (\w+)", sql):
                        con.execute(f"DROP {what} {name}")
                t0 = time.perf_counter()
                con.execute(sql)
                runs.setdefault(kind, []).append(time.perf_counter() - t0)
        peak = _peak_mb()
        ranked_rows = con.execute(RANKED_ROWS_SQL).fetchall()[0][0]
        con.execute("CHECKPOINT")
        con.close()
        # interactive questions on a fresh read-only connection, as an analyst would open it
        con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
        for k, v in settings.items():
            con.execute(f"SET {k} = ?", [v])
        districts = [r[0] for r in con.execute(
            "SELECT district_code FROM dim_district ORDER BY hash(district_code) LIMIT 5").fetchall()]
        first, warm, n_rows = None, [], 0
        for d in districts:
            for i in range(11):
                t0 = time.perf_counter()
                table = con.execute(HISTORY_SQL, [d]).to_arrow_table()
                el = time.perf_counter() - t0
                if first is None:
                    first = el
                elif i:
                    warm.append(el)
                n_rows = table.num_rows
        for kind, sql in DUCKDB_QUERIES.items():
            con.execute(f"COPY ({sql}) TO '{res_dir / f'duckdb_{kind}.parquet'}' (FORMAT parquet)")
        con.close()
        med = sorted(runs["rankings"])[len(runs["rankings"]) // 2]
        return {"kinds": {"rankings": med, "vs_average": runs["vs_average"][0], "rates": runs["rates"][0]},
                "rankings_runs": runs["rankings"], "peak_mb": peak, "ranked_rows": ranked_rows,
                "history": {"first_ms": first * 1000, "median_ms": 1000 * sorted(warm)[len(warm) // 2],
                            "max_ms": 1000 * max(warm), "rows": n_rows, "districts": len(districts)}}
    load, fns = ENGINES[engine]
    t0 = time.perf_counter()
    tables = load(curated)
    result = {"load": time.perf_counter() - t0, "kinds": {}}
    outputs = {}
    for kind, fn in fns.items():
        t0 = time.perf_counter()
        outputs[kind] = fn(tables)
        result["kinds"][kind] = time.perf_counter() - t0
    result["peak_mb"] = _peak_mb()
    for kind, frame in outputs.items():
        path = res_dir / f"{engine}_{kind}.parquet"
        if hasattr(frame, "write_parquet"):
            frame.write_parquet(path)
        else:
            frame.to_parquet(path, index=False)
    return result


def _spawn(engine: str, out: Path, root: Path, settings: dict, repeat: int) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root / "src"), os.environ.get("PYTHONPATH")]))}
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "vnreports.bench", "worker", engine, str(out), str(root), json.dumps(settings),
         str(repeat)], env=env, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{engine} failed:\n{proc.stdout}\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall"] = time.perf_counter() - t0
    return result


def run(root: Path, shape_name: str = "national", seed: int = 20250701, out: Path | None = None,
        engines: tuple[str, ...] = ("duckdb", "polars", "pandas", "pandas_tuned"), repeat: int = 3,
        threads: int = 2, memory_limit: str = "1536MB", log=print) -> dict:
    """Generate (once) the synthetic panel, build and time every engine, compare, print the summary."""
    import duckdb

    from .bench_engines import COMPARE_COLUMNS, compare

    shape = SHAPES[shape_name]
    out = (out or root / "build" / "bench" / shape_name).resolve()
    settings = {"threads": threads, "memory_limit": memory_limit}
    log(f"SYNTHETIC panel ({shape_name}, seed {seed}) in {out.relative_to(root) if root in out.parents else out}")
    gen = _spawn("generate", out, root, {"shape": shape_name, "seed": seed}, 0)
    manifest = json.loads((out / "curated" / "manifest.json").read_text(encoding="utf-8"))
    rows = {k.removesuffix(".parquet"): v["rows"] for k, v in manifest["tables"].items()}
    log(f"  {rows['figures']:,} fact rows (figures), {rows['districts']:,} districts, "
        f"{rows['communes_2024']:,} commune rows, {rows['metrics']} metrics, {shape.months} months"
        + (f"; generated in {gen['generate_s']:.1f} s, peak {gen['peak_mb'] / 1024:.1f} GB" if gen["generate_s"]
           else " (cached)"))
    results: dict[str, dict] = {"machine": _machine(), "shape": asdict(shape), "seed": seed, "rows": rows,
                                "settings": settings, "engines": {}}
    if "duckdb" in engines:
        log(f"duckdb {duckdb.__version__}: building the warehouse (every SQL model) …")
        build = _spawn("duckdb_build", out, root, settings, repeat)
        results["duckdb_build"] = build
        slow = sorted(build["models"].items(), key=lambda kv: -kv[1])[:6]
        log(f"  build {build['wall']:.1f} s, peak RSS {build['peak_mb']:.0f} MB; slowest models: "
            + ", ".join(f"{Path(k).stem} {v:.1f} s" for k, v in slow))
    for engine in engines:
        log(f"{engine}: running …")
        r = _spawn(engine, out, root, settings, repeat)
        results["engines"][engine] = r
        kinds = ", ".join(f"{k} {v:.2f} s" for k, v in r["kinds"].items())
        load = f"load {r['load']:.2f} s, " if "load" in r else ""
        extra = (f" (rankings runs: {', '.join(f'{x:.2f}' for x in r['rankings_runs'])} s)"
                 if "rankings_runs" in r else "")
        log(f"  {load}{kinds}; peak RSS {r['peak_mb']:.0f} MB{extra}")
        if "history" in r:
            h = r["history"]
            log(f"  one district's rank history ({h['rows']:,} rows, {h['districts']} districts): "
                f"median {h['median_ms']:.1f} ms, max {h['max_ms']:.1f} ms, first query {h['first_ms']:.1f} ms")
    # the same answers?
    con = duckdb.connect()
    ok = True
    res_dir = out / "results"
    for engine in engines:
        if engine == "duckdb":
            continue
        for kind in COMPARE_COLUMNS:
            n, only_a, only_b, examples = compare(con, kind, f"'{res_dir / f'duckdb_{kind}.parquet'}'",
                                                  f"'{res_dir / f'{engine}_{kind}.parquet'}'")
            same = not only_a and not only_b
            ok &= same
            results["engines"][engine].setdefault("equal", {})[kind] = same
            log(f"  check {engine} vs duckdb, {kind}: {n:,} rows, "
                + ("identical" if same else f"DIFFERENT ({only_a} only in duckdb, {only_b} only in {engine}): "
                   + "; ".join(map(str, examples))))
    results["equal"] = ok
    e = results["engines"]
    if {"duckdb", "polars", "pandas"} <= set(e):
        a, b, c = (e[x]["kinds"]["rankings"] for x in ("duckdb", "polars", "pandas"))
        n = e["duckdb"]["ranked_rows"]
        line = (f"rankings on {n:,} rows: duckdb {a:.2f} s, polars {b:.2f} s, pandas {c:.2f} s; "
                f"speedup vs pandas: {c / a:.1f}")
        results["line"] = line
        if "pandas_tuned" in e:
            log(f"(pandas with categories and integer codes: {e['pandas_tuned']['kinds']['rankings']:.2f} s, "
                f"speedup {e['pandas_tuned']['kinds']['rankings'] / a:.1f})")
        (out / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
        log(line)
    if not ok:
        raise RuntimeError("the engines do not give the same answers (see above)")
    return results


def _machine() -> dict:
    import platform

    import duckdb
    import pandas
    import psutil

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "duckdb": duckdb.__version__, "polars": pl.__version__,
            "pandas": pandas.__version__, "platform": platform.platform()}


def _main(argv: list[str]) -> int:
    if argv and argv[0] == "worker":
        engine, out, root, settings, repeat = argv[1], Path(argv[2]), Path(argv[3]), json.loads(argv[4]), int(argv[5])
        if engine == "generate":
            _, secs = ensure_panel(out / "curated", SHAPES[settings["shape"]], settings["seed"], root / "data" / "raw")
            result = {"generate_s": secs, "peak_mb": _peak_mb()}
        else:
            result = _worker(engine, out, root, settings, repeat)
        print(json.dumps(result, default=str))
        return 0
    raise SystemExit("usage: python -m vnreports bench (see `vnreports bench --help`)")


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
