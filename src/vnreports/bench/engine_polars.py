"""The rankings, provincial-average and rate checks written with polars."""

from __future__ import annotations

from pathlib import Path

from vnreports.bench.spec import COMPARE_COLUMNS, EPS, FIGURE_COLUMNS, SERIES


def polars_load(curated: Path) -> dict:
    import polars as pl

    fig = pl.read_parquet(curated / "figures.parquet", columns=FIGURE_COLUMNS).with_columns(
        pl.col("value_canonical", "denominator_canonical").cast(pl.Float64)
    ).with_row_index("figure_num")
    return {
        "figures": fig,
        "districts": pl.read_parquet(curated / "districts.parquet", columns=["district_code", "province_code"]),
        "metrics": pl.read_parquet(curated / "metrics.parquet", columns=["metric_code", "higher_is_better",
                                                                         "unit_kind"]),
    }


def polars_rankings(t: dict):
    import polars as pl

    fig = t["figures"].lazy()
    districts = t["districts"].lazy()
    hib = t["metrics"].lazy().select("metric_code", "higher_is_better")
    is_rank = pl.col("notation_kind").is_in(["rank", "superlative"])
    values = (
        fig.filter((pl.col("level") == "district") & (pl.col("figure_type") == "actual") & ~is_rank
                   & pl.col("part_of").is_null())
        .join(hib, on="metric_code").filter(pl.col("higher_is_better").is_not_null())
        .join(districts, on="district_code")
        .group_by(["district_code", *SERIES, "as_of"])
        .agg(pl.col("value_canonical").min().alias("value"), pl.col("value_canonical").max().alias("_max"),
             pl.col("figure_num").min(), pl.col("province_code").first(), pl.col("higher_is_better").first())
        .filter(pl.col("value") == pl.col("_max"))
        .with_columns(_sort=pl.when(pl.col("higher_is_better")).then(-pl.col("value")).otherwise(pl.col("value")))
    )
    national = [*SERIES, "as_of"]
    province = [*national, "province_code"]
    computed = (
        values.with_columns(
            rank=pl.col("_sort").rank("min").over(province), rank_of=pl.len().over(province),
            rank_national=pl.col("_sort").rank("min").over(national), rank_of_national=pl.len().over(national),
        )
        .filter(pl.col("rank_of") >= 2)
        .select("district_code", *SERIES, "as_of", "rank", "rank_of", "rank_national", "rank_of_national",
                pl.col("value").alias("value_min"), pl.col("value").alias("value_max"), "figure_num",
                source=pl.lit("computed"))
    )
    statements = (
        fig.filter(is_rank & (pl.col("level") == "district"))
        .join(districts, on="district_code").join(hib, on="metric_code")
        .select("district_code", "province_code", *SERIES, "as_of", "rank", "rank_of", "ranked_after_codes",
                "figure_num", "higher_is_better")
    )
    own = values.select("district_code", *SERIES, "as_of", pl.col("value").alias("own_value"))
    statements = statements.join(own, on=["district_code", *SERIES, "as_of"], how="left", nulls_equal=True)
    reported = statements.select("district_code", *SERIES, "as_of", "rank", "rank_of", pl.col("rank").alias("rank_min"),
                                 pl.col("rank").alias("rank_max"), "figure_num", source=pl.lit("reported"))
    hib_, own_v, last = pl.col("higher_is_better"), pl.col("own_value"), pl.col("rank") == pl.col("rank_of")
    named_above = (
        statements.explode("ranked_after_codes").filter(pl.col("ranked_after_codes").is_not_null())
        .join(districts.select(pl.col("district_code").alias("ranked_after_codes")), on="ranked_after_codes")
        .select(pl.col("ranked_after_codes").alias("district_code"), *SERIES, "as_of",
                pl.lit(1, pl.Int64).alias("rank_min"), (pl.col("rank") - 1).cast(pl.Int64).alias("rank_max"),
                "rank_of", pl.when(hib_).then(own_v).alias("value_min"),
                pl.when(hib_.not_()).then(own_v).alias("value_max"), "figure_num")
    )
    after = pl.col("ranked_after_codes").fill_null(pl.lit([], pl.List(pl.String)))
    the_rest = (
        statements.filter((pl.col("rank") == 1) | last | (after.list.len() == pl.col("rank") - 1))
        .join(districts.rename({"district_code": "other"}), on="province_code")
        .filter((pl.col("other") != pl.col("district_code")) & ~after.list.contains(pl.col("other")))
        .select(pl.col("other").alias("district_code"), *SERIES, "as_of",
                pl.when(last).then(1).otherwise(pl.col("rank") + 1).cast(pl.Int64).alias("rank_min"),
                pl.when(last).then(pl.col("rank_of") - 1).otherwise(pl.col("rank_of")).cast(pl.Int64).alias("rank_max"),
                "rank_of", pl.when(last == hib_).then(own_v).alias("value_min"),
                pl.when(last != hib_).then(own_v).alias("value_max"), "figure_num")
    )
    implied = pl.concat([named_above, the_rest]).with_columns(
        rank=pl.when(pl.col("rank_min") == pl.col("rank_max")).then(pl.col("rank_min")), source=pl.lit("implied"))
    out = pl.concat([reported, computed, implied], how="diagonal_relaxed")
    names = fig.select("figure_num", "report_file", "figure_id")
    return out.join(names, on="figure_num").select(COMPARE_COLUMNS["rankings"]).collect()


def polars_vs_average(t: dict):
    import polars as pl

    fig = t["figures"].lazy()
    metrics = t["metrics"].lazy()
    is_rank = pl.col("notation_kind").is_in(["rank", "superlative"])
    actual = fig.filter((pl.col("figure_type") == "actual") & ~is_rank)
    d = actual.filter(pl.col("level") == "district").join(
        metrics.filter(pl.col("unit_kind").is_in(["percent", "criteria_avg"])), on="metric_code")
    p = actual.filter(pl.col("level") == "province").select(
        "report_file", *SERIES, "as_of", "unit_canonical", pl.col("value_canonical").alias("province_value"))
    out = d.join(p, on=["report_file", *SERIES, "as_of", "unit_canonical"], nulls_equal=True).select(
        "report_file", "figure_id", "district_code", *SERIES, "as_of",
        pl.col("value_canonical").alias("district_value"), "province_value",
        (pl.col("value_canonical") - pl.col("province_value")).round(4).alias("difference"),
        (pl.col("value_canonical") > pl.col("province_value")).alias("above_average"),
        pl.when(pl.col("higher_is_better")).then(pl.col("value_canonical") > pl.col("province_value"))
        .when(pl.col("higher_is_better").not_()).then(pl.col("value_canonical") < pl.col("province_value"))
        .alias("better_than_average"),
    )
    return out.collect()


def polars_rates(t: dict):
    """Rate checks whose basis is one figure ("fA": 100 × amount / its plan)."""
    import polars as pl

    fig = t["figures"].lazy()
    s = fig.filter(pl.col("computed_from").str.contains(r"^f[0-9]+$"))
    a = fig.select("report_file", pl.col("figure_id").alias("computed_from"), pl.col("value_canonical").alias("a"),
                   pl.col("denominator_canonical").alias("den"))
    out = s.join(a, on=["report_file", "computed_from"]).select(
        "report_file", "figure_id", "metric_code", pl.col("value_canonical").alias("stated"),
        (100 * pl.col("a") / pl.col("den")).round(6).alias("computed"),
        (0.5 * 10.0 ** (-pl.col("decimals_written"))).round(6).alias("tolerance"),
    ).with_columns(ok=(pl.col("computed") - pl.col("stated")).abs() <= pl.col("tolerance") + EPS)
    return out.collect()
