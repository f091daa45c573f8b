"""The rankings, provincial-average and rate checks written as a polars user would: lazy, Enums, window ranks.

What a good polars user does, after polars' own user guide (lazy API, window functions with
`over()`, `rank("min")`, categorical data and enums, the streaming engine):

- one lazy query per answer, from `scan_parquet` (only the columns and row groups it needs are read,
  in one pass, `polars_scan`) or from frames loaded beforehand (`polars`), collected once;
- codes as `pl.Enum` (the categories are known up front from the dimension tables: districts,
  metrics, programmes), so that filters, joins and group keys work on small integers, as the
  warehouse's integer keys do, and low-cardinality flags as `pl.Categorical`;
- the values aggregated first and the dimensions joined to the (fewer) cells afterwards;
- the two ranks as `rank("min").over(...)` windows (province, country) with `pl.len().over(...)`;
- `collect(engine="streaming")`: polars' streaming engine runs this whole query (it was 2–3× faster
  than the in-memory engine here, docs/performance.md).

The rankings carry `figure_num` (the figure's position in the curated table) like mart_rankings;
`polars_names` attaches report_file and figure_id for the comparison, outside the timed part.
"""

from __future__ import annotations

from pathlib import Path

from vnreports.bench.spec import EPS, FIGURE_COLUMNS, SERIES

ENGINE = "streaming"
FLAGS = ("figure_type", "notation_kind", "unit_canonical")


def _enums(curated: Path) -> dict:
    import polars as pl

    d = pl.read_parquet(curated / "districts.parquet", columns=["district_code", "province_code"])
    m = pl.read_parquet(curated / "metrics.parquet", columns=["metric_code"])
    p = pl.read_parquet(curated / "programmes.parquet", columns=["programme_code"])
    programmes = pl.Enum(sorted(p["programme_code"]))
    return {"district_code": pl.Enum(sorted(d["district_code"])), "metric_code": pl.Enum(sorted(m["metric_code"])),
            "programme_code": programmes, "project_code": programmes,
            "level": pl.Enum(["province", "district", "commune"]),
            "province_code": pl.Enum(sorted(d["province_code"].unique()))}


def polars_load(curated: Path, in_memory: bool = False) -> dict:
    """The inputs: the figures as a lazy scan of the Parquet file (or, `in_memory`, read and typed now),
    the small dimension tables as frames with the same Enums."""
    import polars as pl

    enums = _enums(curated)
    fig = (pl.scan_parquet(curated / "figures.parquet", row_index_name="figure_num").select("figure_num", *FIGURE_COLUMNS)
           .with_columns(pl.col("value_canonical", "denominator_canonical").cast(pl.Float64),
                         *(pl.col(c).cast(enums[c]) for c in ("level", "district_code", *SERIES)),
                         pl.col(*FLAGS).cast(pl.Categorical)))
    if in_memory:
        fig = fig.collect(engine=ENGINE).lazy()
    districts = pl.read_parquet(curated / "districts.parquet", columns=["district_code", "province_code"]).with_columns(
        pl.col("district_code").cast(enums["district_code"]), pl.col("province_code").cast(enums["province_code"]))
    metrics = pl.read_parquet(curated / "metrics.parquet", columns=["metric_code", "higher_is_better", "unit_kind"])
    metrics = metrics.with_columns(pl.col("metric_code").cast(enums["metric_code"]))
    return {"figures": fig, "districts": districts.lazy(), "metrics": metrics.lazy(), "curated": curated}


def polars_rankings(t: dict):
    import polars as pl

    fig, districts = t["figures"], t["districts"]
    hib = t["metrics"].select("metric_code", "higher_is_better").filter(pl.col("higher_is_better").is_not_null())
    is_rank = pl.col("notation_kind").is_in(["rank", "superlative"])
    cell = [*SERIES, "as_of"]
    province = [*cell, "province_code"]
    rankable = (fig.filter((pl.col("level") == "district") & (pl.col("figure_type") == "actual") & ~is_rank
                           & pl.col("part_of").is_null())
                .join(hib.select("metric_code"), on="metric_code", how="semi"))

    def single_values(figures):  # one value per district, series and date; two different values: not ranked
        return (figures.group_by("district_code", *cell)
                .agg(value=pl.col("value_canonical").min(), _max=pl.col("value_canonical").max(),
                     figure_num=pl.col("figure_num").min())  # the first figure stating it
                .filter(pl.col("value") == pl.col("_max")).drop("_max"))

    values = single_values(rankable).join(hib, on="metric_code").join(districts, on="district_code")
    key = pl.when(pl.col("higher_is_better")).then(-pl.col("value")).otherwise(pl.col("value"))
    computed = (
        values.with_columns(rank=key.rank("min").over(province), rank_of=pl.len().over(province),
                            rank_national=key.rank("min").over(cell), rank_of_national=pl.len().over(cell))
        .filter(pl.col("rank_of") >= 2)
        .select("district_code", *cell, "rank", "rank_of", "rank_national", "rank_of_national",
                value_min="value", value_max="value", figure_num="figure_num", source=pl.lit("computed"))
    )
    statements = (
        fig.filter(is_rank & (pl.col("level") == "district"))
        .select("district_code", *cell, "rank", "rank_of", "ranked_after_codes", "figure_num")
        .join(districts, on="district_code").join(t["metrics"].select("metric_code", "higher_is_better"),
                                                  on="metric_code")
    )
    # the district's own value, for the stated cells only (not a second pass over every cell)
    stated = statements.select("district_code", *cell)
    own = single_values(rankable.join(stated, on=["district_code", *cell], how="semi", nulls_equal=True))
    statements = statements.join(own.select("district_code", *cell, own_value="value"), on=["district_code", *cell],
                                 how="left", nulls_equal=True)
    reported = statements.select("district_code", *cell, "rank", "rank_of", "figure_num", rank_min="rank",
                                 rank_max="rank", source=pl.lit("reported"))
    hib_, own_v, last = pl.col("higher_is_better"), pl.col("own_value"), pl.col("rank") == pl.col("rank_of")
    code = districts.select(pl.col("district_code").cast(pl.String).alias("ranked_after_codes"), "district_code")
    named_above = (  # "sau huyện X": X ranks above
        statements.drop("district_code").explode("ranked_after_codes")
        .join(code, on="ranked_after_codes")
        .select("district_code", *cell, "rank_of", "figure_num", rank_min=pl.lit(1, pl.Int64),
                rank_max=(pl.col("rank") - 1).cast(pl.Int64), value_min=pl.when(hib_).then(own_v),
                value_max=pl.when(hib_.not_()).then(own_v))
    )
    after = pl.col("ranked_after_codes").fill_null(pl.lit([], pl.List(pl.String)))
    the_rest = (  # everyone else in the statement's province, when it says who is above (or nobody / everybody)
        statements.filter((pl.col("rank") == 1) | last | (after.list.len() == pl.col("rank") - 1))
        .join(districts.rename({"district_code": "other"}), on="province_code")
        .filter((pl.col("other") != pl.col("district_code")) & ~after.list.contains(pl.col("other").cast(pl.String)))
        .select(*cell, "rank_of", "figure_num", district_code="other",
                rank_min=pl.when(last).then(1).otherwise(pl.col("rank") + 1).cast(pl.Int64),
                rank_max=pl.when(last).then(pl.col("rank_of") - 1).otherwise(pl.col("rank_of")).cast(pl.Int64),
                value_min=pl.when(last == hib_).then(own_v), value_max=pl.when(last != hib_).then(own_v))
    )
    implied = pl.concat([named_above, the_rest], how="diagonal_relaxed").with_columns(
        rank=pl.when(pl.col("rank_min") == pl.col("rank_max")).then(pl.col("rank_min")), source=pl.lit("implied"))
    return pl.concat([reported, computed, implied], how="diagonal_relaxed").collect(engine=ENGINE)


def polars_names(result, t: dict):
    """report_file and figure_id of each row's figure (for the comparison; not timed)."""
    import polars as pl

    names = pl.scan_parquet(t["curated"] / "figures.parquet", row_index_name="figure_num").select(
        "figure_num", "report_file", "figure_id")
    return result.lazy().join(names, on="figure_num").drop("figure_num").collect(engine=ENGINE)


def polars_vs_average(t: dict):
    import polars as pl

    fig, metrics = t["figures"], t["metrics"]
    actual = fig.filter((pl.col("figure_type") == "actual") & ~pl.col("notation_kind").is_in(["rank", "superlative"]))
    keys = ["report_file", *SERIES, "as_of", "unit_canonical"]
    d = actual.filter(pl.col("level") == "district").join(
        metrics.filter(pl.col("unit_kind").is_in(["percent", "criteria_avg"])), on="metric_code")
    p = actual.filter(pl.col("level") == "province").select(*keys, province_value="value_canonical")
    dv, pv, hib = pl.col("value_canonical"), pl.col("province_value"), pl.col("higher_is_better")
    out = d.join(p, on=keys, nulls_equal=True).select(
        "report_file", "figure_id", "district_code", *SERIES, "as_of", "province_value", district_value=dv,
        difference=(dv - pv).round(4), above_average=dv > pv,
        better_than_average=pl.when(hib).then(dv > pv).when(hib.not_()).then(dv < pv))
    return out.collect(engine=ENGINE)


def polars_rates(t: dict):
    """Rate checks whose basis is one figure ("fA": 100 × amount / its plan)."""
    import polars as pl

    fig = t["figures"]
    s = fig.filter(pl.col("computed_from").str.contains(r"^f[0-9]+$"))
    a = fig.select("report_file", pl.col("figure_id").alias("computed_from"), pl.col("value_canonical").alias("a"),
                   pl.col("denominator_canonical").alias("den"))
    out = s.join(a, on=["report_file", "computed_from"]).select(
        "report_file", "figure_id", "metric_code", pl.col("value_canonical").alias("stated"),
        (100 * pl.col("a") / pl.col("den")).round(6).alias("computed"),
        (0.5 * 10.0 ** (-pl.col("decimals_written"))).round(6).alias("tolerance"),
    ).with_columns(ok=(pl.col("computed") - pl.col("stated")).abs() <= pl.col("tolerance") + EPS)
    return out.collect(engine=ENGINE)
