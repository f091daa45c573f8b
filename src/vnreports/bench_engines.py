"""The benchmark's computations written with polars and with pandas, to compare with the SQL models.

Each engine reads the curated Parquet tables (the synthetic panel of `make bench`, or any curated
folder) and computes, with the same rules as the SQL models:

- `rankings`: mart_rankings (sql/40_marts/41_mart_rankings.sql): reported ranks; computed ranks
  within the province and nationally (one value per district, series and date, ties share a rank,
  direction from the metric, at least two districts of the province); implied ranks of the other
  districts of the statement's province;
- `vs_average`: mart_vs_provincial_average: district rates against the provincial average the same
  report states;
- `rates`: the rate checks of mart_reconciliation (a stated rate against its amount and plan).

Values are compared as float64, as the SQL model orders them as DOUBLE. The results have the
columns of `COMPARE_COLUMNS`, so that the three engines can be checked row for row.
"""

from __future__ import annotations

from pathlib import Path

FIGURE_COLUMNS = [
    "report_file", "figure_id", "level", "district_code", "programme_code", "project_code", "metric_code",
    "figure_type", "value_canonical", "denominator_canonical", "unit_canonical", "rank", "rank_of",
    "notation_kind", "as_of", "part_of", "computed_from", "ranked_after_codes", "decimals_written",
]
SERIES = ["metric_code", "programme_code", "project_code"]
COMPARE_COLUMNS = {
    "rankings": ["district_code", "metric_code", "programme_code", "project_code", "as_of", "source", "rank",
                 "rank_of", "rank_min", "rank_max", "value_min", "value_max", "rank_national", "rank_of_national",
                 "report_file", "figure_id"],
    "vs_average": ["report_file", "figure_id", "district_code", "metric_code", "programme_code", "project_code",
                   "as_of", "district_value", "province_value", "difference", "above_average",
                   "better_than_average"],
    "rates": ["report_file", "figure_id", "metric_code", "stated", "computed", "tolerance", "ok"],
}
# The same rows from the warehouse built by the SQL models.
DUCKDB_QUERIES = {
    "rankings": "SELECT " + ", ".join(COMPARE_COLUMNS["rankings"]) + " FROM rankings",
    "vs_average": "SELECT " + ", ".join(COMPARE_COLUMNS["vs_average"]) + " FROM mart_vs_provincial_average",
    "rates": "SELECT " + ", ".join(COMPARE_COLUMNS["rates"]) + " FROM mart_reconciliation WHERE check_kind = 'rate'",
}
EPS = 1e-9  # float64 slack when comparing numbers that are exact to 6 decimals


# -- polars -------------------------------------------------------------------------------------

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


# -- pandas -------------------------------------------------------------------------------------

def pandas_load(curated: Path, categories: bool = False) -> dict:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(curated / "figures.parquet", columns=FIGURE_COLUMNS)
    for name in ("value_canonical", "denominator_canonical"):  # decimals as float64 (object Decimals are hopeless)
        table = table.set_column(table.schema.get_field_index(name), name, table[name].cast(pa.float64()))
    fig = table.to_pandas()
    if categories:  # tuned: low-cardinality text as categories, mapped through their integer codes
        for c in ("level", "district_code", "programme_code", "project_code", "metric_code", "figure_type",
                  "notation_kind", "unit_canonical", "report_file"):
            fig[c] = fig[c].astype("category")
    fig["figure_num"] = range(len(fig))
    return {
        "figures": fig,
        "districts": pd.read_parquet(curated / "districts.parquet", columns=["district_code", "province_code"]),
        "metrics": pd.read_parquet(curated / "metrics.parquet", columns=["metric_code", "higher_is_better",
                                                                         "unit_kind"]),
    }


def _map_codes(cat, mapping):
    """Map a categorical column through a dict-like, via its codes (fast for millions of rows)."""
    import numpy as np

    lookup = np.array([mapping.get(c) for c in cat.cat.categories] + [None], dtype=object)
    return lookup[cat.cat.codes.to_numpy()]  # code -1 (missing) takes the last entry, None


def pandas_tuned_rankings(t: dict):
    import numpy as np
    import pandas as pd

    fig, districts, metrics = t["figures"], t["districts"], t["metrics"]
    hib = dict(zip(metrics["metric_code"], metrics["higher_is_better"]))
    province_of = dict(zip(districts["district_code"], districts["province_code"]))
    rankable = [m for m, h in hib.items() if h is not None and not pd.isna(h)]
    is_rank = fig["notation_kind"].isin(["rank", "superlative"])
    known = fig["district_code"].isin(list(province_of))
    mask = ((fig["level"] == "district") & (fig["figure_type"] == "actual") & ~is_rank & fig["part_of"].isna()
            & fig["metric_code"].isin(rankable) & known)
    keys = ["district_code", *SERIES, "as_of"]
    cells = fig.loc[mask, [*keys, "value_canonical", "figure_num"]]
    g = cells.groupby(keys, observed=True, dropna=False, sort=False)
    values = g.agg(value=("value_canonical", "min"), _max=("value_canonical", "max"),
                   figure_num=("figure_num", "min")).reset_index()
    values = values[values["value"] == values["_max"]].drop(columns="_max")
    values["province_code"] = pd.Categorical(_map_codes(values["district_code"], province_of))
    values["higher_is_better"] = _map_codes(values["metric_code"], hib).astype(bool)
    values["_sort"] = np.where(values["higher_is_better"], -values["value"], values["value"])
    national = [*SERIES, "as_of"]
    province = [*national, "province_code"]
    gp = values.groupby(province, observed=True, dropna=False, sort=False)["_sort"]
    gn = values.groupby(national, observed=True, dropna=False, sort=False)["_sort"]
    computed = values.assign(rank=gp.rank(method="min"), rank_of=gp.transform("size"),
                             rank_national=gn.rank(method="min"), rank_of_national=gn.transform("size"))
    computed = computed[computed["rank_of"] >= 2]
    computed = computed.assign(value_min=computed["value"], value_max=computed["value"], source="computed")

    statements = fig.loc[is_rank & (fig["level"] == "district") & known,
                         [*keys, "rank", "rank_of", "ranked_after_codes", "figure_num"]]
    statements = statements.merge(values[[*keys, "value"]].rename(columns={"value": "own_value"}), on=keys,
                                  how="left")
    statements["province_code"] = _map_codes(statements["district_code"], province_of)
    statements["higher_is_better"] = _map_codes(statements["metric_code"], hib)
    statements["district_code"] = statements["district_code"].astype(object)
    reported = statements.assign(rank_min=statements["rank"], rank_max=statements["rank"], source="reported")

    named = statements.explode("ranked_after_codes").dropna(subset=["ranked_after_codes"])
    named = named[named["ranked_after_codes"].isin(list(province_of))]
    named_above = pd.DataFrame({
        "district_code": named["ranked_after_codes"], **{c: named[c] for c in [*SERIES, "as_of", "rank_of",
                                                                              "figure_num"]},
        "rank_min": 1, "rank_max": named["rank"] - 1,
        "value_min": named["own_value"].where(named["higher_is_better"] == True),  # noqa: E712 (NULL stays NULL)
        "value_max": named["own_value"].where(named["higher_is_better"] == False),  # noqa: E712
    })
    after_len = statements["ranked_after_codes"].map(lambda x: 0 if x is None else len(x))
    last = statements["rank"] == statements["rank_of"]
    cand = statements[(statements["rank"] == 1) | last | (after_len == statements["rank"] - 1)]
    rest = cand.merge(districts.rename(columns={"district_code": "other"}), on="province_code")
    named_after = np.array([a is not None and o in a for o, a in zip(rest["other"], rest["ranked_after_codes"])],
                           dtype=bool)
    rest = rest[(rest["other"] != rest["district_code"]).to_numpy() & ~named_after]
    r_last = rest["rank"] == rest["rank_of"]
    r_hib = rest["higher_is_better"]
    the_rest = pd.DataFrame({
        "district_code": rest["other"], **{c: rest[c] for c in [*SERIES, "as_of", "rank_of", "figure_num"]},
        "rank_min": np.where(r_last, 1, rest["rank"] + 1),
        "rank_max": np.where(r_last, rest["rank_of"] - 1, rest["rank_of"]),
        "value_min": rest["own_value"].where(r_hib.notna() & (r_last == r_hib.fillna(False))),
        "value_max": rest["own_value"].where(r_hib.notna() & (r_last != r_hib.fillna(False))),
    })
    implied = pd.concat([named_above, the_rest], ignore_index=True)
    implied["rank"] = implied["rank_min"].where(implied["rank_min"] == implied["rank_max"])
    implied["source"] = "implied"
    cols = [c for c in COMPARE_COLUMNS["rankings"] if c not in ("report_file", "figure_id")] + ["figure_num"]
    parts = [df.reindex(columns=cols) for df in (reported, computed, implied)]
    for df in parts:
        for c in ("district_code", *SERIES):
            df[c] = df[c].astype(object)
    out = pd.concat(parts, ignore_index=True)
    num = out["figure_num"].to_numpy()
    out["report_file"] = fig["report_file"].to_numpy()[num]
    out["figure_id"] = fig["figure_id"].to_numpy()[num]
    return out[COMPARE_COLUMNS["rankings"]]


def pandas_tuned_vs_average(t: dict):
    fig, metrics = t["figures"], t["metrics"]
    hib = dict(zip(metrics["metric_code"], metrics["higher_is_better"]))
    kinds = metrics.loc[metrics["unit_kind"].isin(["percent", "criteria_avg"]), "metric_code"].tolist()
    is_rank = fig["notation_kind"].isin(["rank", "superlative"])
    actual = (fig["figure_type"] == "actual") & ~is_rank
    keys = ["report_file", *SERIES, "as_of", "unit_canonical"]
    d = fig.loc[actual & (fig["level"] == "district") & fig["metric_code"].isin(kinds),
                [*keys, "figure_id", "district_code", "value_canonical"]]
    p = fig.loc[actual & (fig["level"] == "province"), [*keys, "value_canonical"]].rename(
        columns={"value_canonical": "province_value"})
    out = d.merge(p, on=keys).rename(columns={"value_canonical": "district_value"})
    h = _map_codes(out["metric_code"], hib)
    out["difference"] = (out["district_value"] - out["province_value"]).round(4)
    out["above_average"] = out["district_value"] > out["province_value"]
    better = (out["district_value"] > out["province_value"]).where(h == True)  # noqa: E712
    worse = (out["district_value"] < out["province_value"]).where(h == False)  # noqa: E712
    out["better_than_average"] = better.combine_first(worse)
    return out[COMPARE_COLUMNS["vs_average"]]


# The literal translation of the SQL into pandas, on the types pandas reads (text as strings).

def pandas_rankings(t: dict):
    import numpy as np
    import pandas as pd

    fig, districts, metrics = t["figures"], t["districts"], t["metrics"]
    hib = metrics[["metric_code", "higher_is_better"]]
    is_rank = fig["notation_kind"].isin(["rank", "superlative"])
    keys = ["district_code", *SERIES, "as_of"]
    dv = fig[(fig["level"] == "district") & (fig["figure_type"] == "actual") & ~is_rank & fig["part_of"].isna()]
    dv = dv[[*keys, "value_canonical", "figure_num"]].merge(hib[hib["higher_is_better"].notna()], on="metric_code")
    dv = dv.merge(districts, on="district_code").sort_values("figure_num")
    # district_values: one row per value, the first figure; single_values: districts with one value
    dv = dv.drop_duplicates([*keys, "value_canonical"])
    single = dv[dv.groupby(keys, dropna=False)["value_canonical"].transform("size") == 1].copy()
    single["_sort"] = np.where(single["higher_is_better"].astype(bool), -single["value_canonical"],
                               single["value_canonical"])
    national = [*SERIES, "as_of"]
    province = [*national, "province_code"]
    gp = single.groupby(province, dropna=False)["_sort"]
    gn = single.groupby(national, dropna=False)["_sort"]
    single["rank"] = gp.rank(method="min")
    single["rank_of"] = gp.transform("size")
    single["rank_national"] = gn.rank(method="min")
    single["rank_of_national"] = gn.transform("size")
    computed = single[single["rank_of"] >= 2].rename(columns={"value_canonical": "value_min"})
    computed["value_max"] = computed["value_min"]
    computed["source"] = "computed"

    statements = fig[is_rank & (fig["level"] == "district")][[*keys, "rank", "rank_of", "ranked_after_codes",
                                                               "figure_num"]]
    statements = statements.merge(districts, on="district_code").merge(hib, on="metric_code")
    own = single[[*keys, "value_canonical"]].rename(columns={"value_canonical": "own_value"})
    statements = statements.merge(own, on=keys, how="left")
    reported = statements.assign(rank_min=statements["rank"], rank_max=statements["rank"], source="reported")
    named = statements.explode("ranked_after_codes").dropna(subset=["ranked_after_codes"])
    named = named[named["ranked_after_codes"].isin(districts["district_code"])]
    h = named["higher_is_better"]
    named_above = named.assign(district_code=named["ranked_after_codes"], rank_min=1, rank_max=named["rank"] - 1,
                               value_min=named["own_value"].where(h == True),  # noqa: E712 (NULL stays NULL)
                               value_max=named["own_value"].where(h == False))  # noqa: E712
    after = statements["ranked_after_codes"].map(lambda x: [] if x is None else list(x))
    last = statements["rank"] == statements["rank_of"]
    rest = statements[(statements["rank"] == 1) | last | (after.map(len) == statements["rank"] - 1)]
    rest = rest.merge(districts.rename(columns={"district_code": "other", "province_code": "_p"}),
                      left_on="province_code", right_on="_p")
    named_after = [a is not None and o in a for o, a in zip(rest["other"], rest["ranked_after_codes"])]
    rest = rest[(rest["other"] != rest["district_code"]) & ~pd.Series(named_after, index=rest.index, dtype=bool)]
    r_last = rest["rank"] == rest["rank_of"]
    h = rest["higher_is_better"]
    the_rest = rest.assign(
        district_code=rest["other"], rank_min=np.where(r_last, 1, rest["rank"] + 1),
        rank_max=np.where(r_last, rest["rank_of"] - 1, rest["rank_of"]),
        value_min=rest["own_value"].where(h.notna() & (r_last == h.fillna(False))),
        value_max=rest["own_value"].where(h.notna() & (r_last != h.fillna(False))))
    implied = pd.concat([named_above, the_rest], ignore_index=True)
    implied["rank"] = implied["rank_min"].where(implied["rank_min"] == implied["rank_max"])
    implied["source"] = "implied"
    cols = [c for c in COMPARE_COLUMNS["rankings"] if c not in ("report_file", "figure_id")] + ["figure_num"]
    out = pd.concat([df.reindex(columns=cols) for df in (reported, computed, implied)], ignore_index=True)
    out = out.merge(fig[["figure_num", "report_file", "figure_id"]], on="figure_num")
    return out[COMPARE_COLUMNS["rankings"]]


def pandas_vs_average(t: dict):
    fig, metrics = t["figures"], t["metrics"]
    is_rank = fig["notation_kind"].isin(["rank", "superlative"])
    actual = fig[(fig["figure_type"] == "actual") & ~is_rank]
    keys = ["report_file", *SERIES, "as_of", "unit_canonical"]
    d = actual[actual["level"] == "district"][[*keys, "figure_id", "district_code", "value_canonical"]]
    d = d.merge(metrics[metrics["unit_kind"].isin(["percent", "criteria_avg"])], on="metric_code")
    p = actual[actual["level"] == "province"][[*keys, "value_canonical"]]
    out = d.merge(p.rename(columns={"value_canonical": "province_value"}), on=keys)
    out = out.rename(columns={"value_canonical": "district_value"})
    out["difference"] = (out["district_value"] - out["province_value"]).round(4)
    out["above_average"] = out["district_value"] > out["province_value"]
    h = out["higher_is_better"]
    better = (out["district_value"] > out["province_value"]).where(h == True)  # noqa: E712
    worse = (out["district_value"] < out["province_value"]).where(h == False)  # noqa: E712
    out["better_than_average"] = better.combine_first(worse)
    return out[COMPARE_COLUMNS["vs_average"]]


def pandas_rates(t: dict):
    fig = t["figures"]
    has = fig["computed_from"].notna()
    s = fig.loc[has, ["report_file", "figure_id", "metric_code", "value_canonical", "computed_from",
                      "decimals_written"]]
    s = s[s["computed_from"].str.fullmatch(r"f[0-9]+")]
    a = fig[["report_file", "figure_id", "value_canonical", "denominator_canonical"]].rename(
        columns={"figure_id": "computed_from", "value_canonical": "a", "denominator_canonical": "den"})
    out = s.merge(a, on=["report_file", "computed_from"]).rename(columns={"value_canonical": "stated"})
    out["computed"] = (100 * out["a"] / out["den"]).round(6)
    out["tolerance"] = (0.5 * 10.0 ** (-out["decimals_written"].astype(float))).round(6)
    out["ok"] = (out["computed"] - out["stated"]).abs() <= out["tolerance"] + EPS
    return out[COMPARE_COLUMNS["rates"]]


ENGINES = {
    "polars": (polars_load, {"rankings": polars_rankings, "vs_average": polars_vs_average, "rates": polars_rates}),
    "pandas": (pandas_load, {"rankings": pandas_rankings, "vs_average": pandas_vs_average, "rates": pandas_rates}),
    "pandas_tuned": (lambda curated: pandas_load(curated, categories=True),
                     {"rankings": pandas_tuned_rankings, "vs_average": pandas_tuned_vs_average,
                      "rates": pandas_rates}),
}

# -- comparing results --------------------------------------------------------------------------

_TYPES = {
    "rankings": {"as_of": "DATE", "rank": "BIGINT", "rank_of": "BIGINT", "rank_min": "BIGINT", "rank_max": "BIGINT",
                 "value_min": "R6", "value_max": "R6", "rank_national": "BIGINT", "rank_of_national": "BIGINT"},
    "vs_average": {"as_of": "DATE", "district_value": "R6", "province_value": "R6", "difference": "R4",
                   "above_average": "BOOLEAN", "better_than_average": "BOOLEAN"},
    "rates": {"stated": "R6", "computed": "R4", "tolerance": "R6", "ok": "BOOLEAN"},
}


def canonical_select(kind: str, relation: str) -> str:
    """SELECT the comparison columns of `relation` with one type each (numbers rounded), so that equal
    answers are equal rows whichever engine produced them."""
    parts = []
    for c in COMPARE_COLUMNS[kind]:
        t = _TYPES[kind].get(c, "VARCHAR")
        if t.startswith("R"):
            parts.append(f"round(CAST({c} AS DOUBLE), {t[1:]}) AS {c}")
        else:
            parts.append(f"CAST({c} AS {t}) AS {c}")
    return f"SELECT {', '.join(parts)} FROM {relation}"


def compare(con, kind: str, left: str, right: str, show: int = 3) -> tuple[int, int, int, list]:
    """(rows left, rows only in left, rows only in right, examples) for two relations, as multisets."""
    a, b = canonical_select(kind, left), canonical_select(kind, right)
    n = con.execute(f"SELECT count(*) FROM ({a})").fetchall()[0][0]
    only_a = con.execute(f"SELECT count(*) FROM ({a} EXCEPT ALL {b})").fetchall()[0][0]
    only_b = con.execute(f"SELECT count(*) FROM ({b} EXCEPT ALL {a})").fetchall()[0][0]
    examples = []
    if only_a or only_b:
        examples = con.execute(f"SELECT 'left' AS side, * FROM ({a} EXCEPT ALL {b}) LIMIT {show}").fetchall() + \
            con.execute(f"SELECT 'right' AS side, * FROM ({b} EXCEPT ALL {a}) LIMIT {show}").fetchall()
    return n, only_a, only_b, examples
