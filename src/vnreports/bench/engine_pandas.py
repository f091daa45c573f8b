"""The rankings, provincial-average and rate checks written with pandas (literal and tuned)."""

from __future__ import annotations

from pathlib import Path

from vnreports.bench.spec import COMPARE_COLUMNS, EPS, FIGURE_COLUMNS, SERIES


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
    return pd.concat(parts, ignore_index=True)


def pandas_names(result, t: dict):
    """report_file and figure_id of each row's figure, by its position (for the comparison; not timed)."""
    fig = t["figures"]
    num = result["figure_num"].to_numpy()
    out = result.drop(columns="figure_num")
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
    return pd.concat([df.reindex(columns=cols) for df in (reported, computed, implied)], ignore_index=True)


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
