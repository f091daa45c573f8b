# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 2. Giải ngân vốn đầu tư công và các Chương trình MTQG
#
# *Public investment and programme disbursement by district and date, with ranks and the
# provincial average.* Số liệu lũy kế đến ngày ghi trong báo cáo. "Tỷ lệ nêu" là tỷ lệ báo cáo
# viết; "tỷ lệ tính lại" = đã giải ngân / kế hoạch vốn.

# %%
import altair as alt

from vnreports.serve.nb import RANK_SOURCES, enable_charts, profile_href, q, table, vi_date, vi_money, vi_pct

enable_charts()

# %%
disb = q("""
    SELECT f.district_code, coalesce(d.short_name, 'Toàn tỉnh') AS huyen, p.name_vi AS chuong_trinh,
           coalesce(pr.name_vi, '') AS du_an, f.as_of, f.plan_vnd, f.disbursed_vnd,
           f.stated_rate_pct::DOUBLE AS stated, f.computed_rate_pct::DOUBLE AS computed,
           r.report_label, f.quote
    FROM fact_disbursement f
    LEFT JOIN dim_district d USING (district_code) JOIN dim_report r USING (report_file)
    JOIN dim_programme p ON p.programme_code = f.programme_code
    LEFT JOIN dim_programme pr ON pr.programme_code = f.project_code
    WHERE f.stated_rate_pct IS NOT NULL OR f.disbursed_vnd IS NOT NULL
    ORDER BY f.as_of, huyen COLLATE vi, chuong_trinh COLLATE vi
""")
disb["href"] = disb["district_code"].map(profile_href)
table(disb, {"huyen": "Huyện", "chuong_trinh": "Nguồn vốn / chương trình", "du_an": "Dự án", "as_of": "Đến ngày",
             "plan_vnd": "Kế hoạch vốn", "disbursed_vnd": "Đã giải ngân", "stated": "Tỷ lệ nêu",
             "computed": "Tỷ lệ tính lại", "report_label": "Báo cáo"},
      formats={"as_of": vi_date, "plan_vnd": vi_money, "disbursed_vnd": vi_money, "stated": lambda x: vi_pct(x, 2),
               "computed": lambda x: vi_pct(x, 2)},
      links={"huyen": "href"}, hover={"stated": "quote"})

# %% [markdown]
# ## Tỷ lệ giải ngân theo huyện, nguồn vốn và ngày

# %%
rates = q("""
    SELECT coalesce(d.short_name, 'Bình quân toàn tỉnh') || ' (' || strftime(f.as_of, '%d/%m/%Y') || ')' AS huyen,
           p.name_vi AS chuong_trinh,
           strftime(f.as_of, '%d/%m/%Y') AS ngay, f.value_canonical::DOUBLE / 100 AS ty_le,
           r.report_label, f.quote, f.level
    FROM fact_figure f JOIN dim_programme p USING (programme_code)
    LEFT JOIN dim_district d USING (district_code) JOIN dim_report r USING (report_file)
    WHERE f.metric_code = 'disbursement_rate' AND f.figure_type = 'actual' AND NOT f.is_rank
      AND f.project_code IS NULL
    ORDER BY f.as_of, huyen COLLATE vi
""")
names = list(dict.fromkeys(rates["huyen"]))
bars = alt.Chart(rates).mark_bar().encode(
    x=alt.X("ty_le:Q", title="Tỷ lệ giải ngân (% kế hoạch vốn)", axis=alt.Axis(format=".0%")),
    y=alt.Y("huyen:N", title=None, sort=names),
    color=alt.Color("level:N", title="Cấp", scale=alt.Scale(domain=["district", "province"],
                                                             range=["#3b6ea8", "#c0392b"]),
                    legend=alt.Legend(labelExpr="datum.value == 'district' ? 'Huyện' : 'Toàn tỉnh'")),
    tooltip=[alt.Tooltip("huyen:N", title="Huyện"), alt.Tooltip("chuong_trinh:N", title="Nguồn vốn"),
             alt.Tooltip("ngay:N", title="Đến ngày"), alt.Tooltip("ty_le:Q", title="Tỷ lệ", format=".2~%"),
             alt.Tooltip("report_label:N", title="Báo cáo"), alt.Tooltip("quote:N", title="Trích dẫn")],
)
labels = bars.mark_text(align="left", dx=3).encode(text=alt.Text("ty_le:Q", format=".2~%"), color=alt.value("#333"))
(bars + labels).properties(width=420, height=alt.Step(18)).facet(
    row=alt.Row("chuong_trinh:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelLimit=320)),
    title="Tỷ lệ giải ngân do báo cáo nêu",
).resolve_scale(y="independent")

# %% [markdown]
# ## Xếp hạng (rankings)
#
# *reported*: báo cáo nêu; *implied*: suy ra từ câu như "thứ 2/11, sau huyện Đình Lập" hay "cao nhất";
# *computed*: xếp lại giữa các huyện có số liệu.

# %%
ranks = q("""
    SELECT r.district_code, r.district_name, p.name_vi AS chuong_trinh, r.as_of, r.label, r.source, r.report_label,
           r.quote
    FROM rankings r JOIN dim_programme p USING (programme_code)
    WHERE r.metric_code = 'disbursement_rate' AND (r.source <> 'implied' OR r.rank IS NOT NULL)
    ORDER BY r.as_of, chuong_trinh COLLATE vi, coalesce(r.rank, r.rank_min)
""")
ranks["href"] = ranks["district_code"].map(profile_href)
ranks["source"] = ranks["source"].map(RANK_SOURCES)
table(ranks, {"district_name": "Huyện", "chuong_trinh": "Nguồn vốn", "as_of": "Đến ngày", "label": "Thứ hạng",
              "source": "Nguồn xếp hạng", "report_label": "Báo cáo"}, formats={"as_of": vi_date},
      links={"district_name": "href"}, hover={"label": "quote"})

# %% [markdown]
# Khoảng thứ hạng suy ra cho các huyện còn lại (không có số liệu riêng):

# %%
implied = q("""
    SELECT p.name_vi AS chuong_trinh, r.as_of, r.label, count(*) AS so_huyen,
           string_agg(r.district_name, ', ' ORDER BY r.district_name COLLATE vi) AS cac_huyen,
           any_value(r.value_min) AS value_min, any_value(r.value_max) AS value_max
    FROM rankings r JOIN dim_programme p USING (programme_code)
    WHERE r.metric_code = 'disbursement_rate' AND r.source = 'implied' AND r.rank IS NULL
    GROUP BY ALL ORDER BY r.as_of, chuong_trinh COLLATE vi
""")
table(implied, {"chuong_trinh": "Nguồn vốn", "as_of": "Đến ngày", "label": "Thứ hạng suy ra", "so_huyen": "Số huyện",
                "cac_huyen": "Các huyện", "value_min": "Tỷ lệ tối thiểu", "value_max": "Tỷ lệ tối đa"},
      formats={"as_of": vi_date, "value_min": lambda x: vi_pct(x, 2), "value_max": lambda x: vi_pct(x, 2)})

# %% [markdown]
# ## So với bình quân toàn tỉnh (against the provincial average)

# %%
avg = q("""
    SELECT a.district_code, d.short_name AS huyen, p.name_vi AS chuong_trinh, m.label_vi AS chi_tieu, a.as_of,
           CASE WHEN a.unit = '%' THEN vi_pct(a.district_value) ELSE vi_num(a.district_value, 2) || ' ' || a.unit END
               AS huyen_value,
           CASE WHEN a.unit = '%' THEN vi_pct(a.province_value) ELSE vi_num(a.province_value, 2) || ' ' || a.unit END
               AS tinh_value,
           a.label, a.quote, a.province_quote
    FROM mart_vs_provincial_average a JOIN dim_district d USING (district_code)
    JOIN dim_programme p USING (programme_code) JOIN dim_metric m USING (metric_code)
    ORDER BY a.as_of
""")
avg["href"] = avg["district_code"].map(profile_href)
table(avg, {"huyen": "Huyện", "chi_tieu": "Chỉ tiêu", "chuong_trinh": "Chương trình", "as_of": "Đến ngày",
            "huyen_value": "Huyện", "tinh_value": "Bình quân tỉnh", "label": "So sánh"},
      formats={"as_of": vi_date}, links={"huyen": "href"},
      hover={"huyen_value": "quote", "tinh_value": "province_quote"})
