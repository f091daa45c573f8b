"""SYNTHETIC places and vocabularies: provinces, districts, communes, dates, Vietnamese notation."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from vnreports.bench.shape import PANEL_METRICS, Shape


def vocabularies(raw_dir: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The real metric and programme vocabularies (codes, labels, directions): the same frames curate writes."""
    with (raw_dir / "metrics.csv").open(encoding="utf-8", newline="") as fh:
        metrics = [r for r in csv.DictReader(fh) if r["metric_code"] in PANEL_METRICS]
    missing = set(PANEL_METRICS) - {r["metric_code"] for r in metrics}
    if missing:
        raise ValueError(f"metrics missing from {raw_dir}/metrics.csv: {sorted(missing)}")
    metrics_df = pl.DataFrame(metrics, orient="row").with_columns(
        pl.col("higher_is_better").replace_strict({"true": True, "false": False, "": None}, return_dtype=pl.Boolean),
        proposed=pl.lit(False),
    ).sort("metric_code")
    with (raw_dir / "programmes.csv").open(encoding="utf-8", newline="") as fh:
        programmes = list(csv.DictReader(fh))
    programmes_df = pl.DataFrame(programmes, orient="row").with_columns(
        pl.when(pl.col("parent_code") == "").then(None).otherwise(pl.col("parent_code")).alias("parent_code")
    ).sort("programme_code")
    return metrics_df, programmes_df


# -- Vietnamese number text (vectorised) ------------------------------------------------------

def vi_int(e: pl.Expr) -> pl.Expr:
    """Non-negative integer with '.' between thousands: 56895 -> '56.895'."""
    e = e.cast(pl.Int64)
    z3 = lambda x: x.cast(pl.String).str.zfill(3)  # noqa: E731
    return (pl.when(e >= 1_000_000_000)
            .then(pl.format("{}.{}.{}.{}", e // 1_000_000_000, z3(e // 1_000_000 % 1000), z3(e // 1000 % 1000),
                            z3(e % 1000)))
            .when(e >= 1_000_000).then(pl.format("{}.{}.{}", e // 1_000_000, z3(e // 1000 % 1000), z3(e % 1000)))
            .when(e >= 1000).then(pl.format("{}.{}", e // 1000, z3(e % 1000)))
            .otherwise(e.cast(pl.String)))


def vi_dec1(tenths: pl.Expr) -> pl.Expr:
    """A number given in tenths, one decimal with a comma, none when it is whole: 414 -> '41,4', 410 -> '41'."""
    t = tenths.cast(pl.Int64)
    return pl.when(t % 10 == 0).then(vi_int(t // 10)).otherwise(pl.format("{},{}", vi_int(t // 10), t % 10))


# -- the generator --------------------------------------------------------------------------

def month_ends(shape: Shape) -> list[date]:
    out = []
    for i in range(shape.months):
        y, m = shape.start_year + i // 12, i % 12 + 1
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        out.append(date.fromordinal(nxt.toordinal() - 1))
    return out


def make_places(shape: Shape, rng: np.random.Generator) -> dict:
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


def reference_tables(pl_: dict, rng: np.random.Generator) -> dict[str, pl.DataFrame]:
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
