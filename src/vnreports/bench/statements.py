"""SYNTHETIC stated ranks: the "thứ r/n", "sau huyện …", "cao nhất / thấp nhất" statements of the panel."""

from __future__ import annotations

import numpy as np
import polars as pl

from vnreports.bench.shape import (
    RANKED_PROGRAMMES,
    Shape,
)


def stated_ranks(district_rows: pl.DataFrame, places: dict, shape: Shape, rng: np.random.Generator) -> pl.DataFrame:
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
