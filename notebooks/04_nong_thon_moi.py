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
# # 4. Xây dựng nông thôn mới theo xã
#
# *New-rural progress by commune toward its target year, with the unmet criteria.* Bộ tiêu chí xã
# nông thôn mới có 19 tiêu chí; khu dân cư kiểu mẫu 9; xã kiểu mẫu 4. Tên tiêu chí chưa đạt lấy
# nguyên văn từ báo cáo.

# %%
import altair as alt
import pandas as pd

from vnreports.serve.nb import enable_charts, profile_href, q, table, vi_date, vi_num

enable_charts()

# %%
ntm = q("""
    SELECT c.short_name AS xa, n.district_code, d.short_name AS huyen, n.criteria_set, n.criteria_met, n.criteria_total,
           n.criteria_total - n.criteria_met AS con_lai, n.as_of, n.target_year, n.model_target_year,
           date_diff('month', n.as_of, make_date(n.target_year, 12, 31)) AS thang_con_lai,
           r.report_label, n.quote,
           (SELECT string_agg(f.number_text, '; ' ORDER BY f.value_canonical)
            FROM fact_figure f WHERE f.report_file = n.report_file AND f.commune_code = n.commune_code
              AND f.metric_code = 'ntm_unmet_criterion') AS tieu_chi_chua_dat
    FROM fact_ntm_progress n JOIN dim_commune c USING (commune_code) JOIN dim_district d ON d.district_code = n.district_code
    JOIN dim_report r ON r.report_file = n.report_file
    WHERE n.criteria_met IS NOT NULL
    ORDER BY n.criteria_set, xa COLLATE vi, n.as_of
""")
ntm["href"] = ntm["district_code"].map(profile_href)
ntm["nhip_can_thiet"] = [
    (vi_num(r / m, 1) + " tiêu chí/tháng") if pd.notna(m) and m > 0 and r > 0 else "–"
    for r, m in zip(ntm["con_lai"], ntm["thang_con_lai"])
]
table(ntm[ntm.criteria_set == "ntm"], {
    "xa": "Xã", "huyen": "Huyện", "as_of": "Ngày số liệu", "criteria_met": "Tiêu chí đạt", "criteria_total": "Trên",
    "con_lai": "Còn thiếu", "target_year": "Năm phấn đấu đạt chuẩn", "thang_con_lai": "Số tháng còn lại",
    "nhip_can_thiet": "Nhịp cần đạt", "tieu_chi_chua_dat": "Tiêu chí chưa đạt (theo báo cáo)", "report_label": "Báo cáo",
}, formats={"as_of": vi_date}, links={"huyen": "href"}, hover={"criteria_met": "quote"})

# %%
chart_data = ntm[ntm.criteria_set == "ntm"].assign(
    nhan=lambda df: df["xa"] + " (" + df["huyen"] + ", " + df["as_of"].map(vi_date) + ")",
    nam=lambda df: df["target_year"].map(lambda y: "chưa nêu" if pd.isna(y) else str(int(y))),
)
order = list(chart_data.sort_values("criteria_met", ascending=False)["nhan"])
bars = alt.Chart(chart_data, title="Số tiêu chí nông thôn mới đã đạt (trên 19)").mark_bar().encode(
    x=alt.X("criteria_met:Q", title="Số tiêu chí đã đạt", scale=alt.Scale(domain=[0, 19])),
    y=alt.Y("nhan:N", title=None, sort=order),
    color=alt.Color("nam:N", title="Năm phấn đấu đạt chuẩn"),
    tooltip=[alt.Tooltip("xa:N", title="Xã"), alt.Tooltip("huyen:N", title="Huyện"),
             alt.Tooltip("criteria_met:Q", title="Tiêu chí đạt"), alt.Tooltip("nam:N", title="Năm phấn đấu"),
             alt.Tooltip("tieu_chi_chua_dat:N", title="Chưa đạt"), alt.Tooltip("report_label:N", title="Báo cáo"),
             alt.Tooltip("quote:N", title="Trích dẫn")],
)
goal = alt.Chart(chart_data).mark_rule(color="#2e7d32").encode(x=alt.datum(19))
(bars + goal).properties(width=460, height=alt.Step(22))

# %% [markdown]
# ## Khu dân cư và xã nông thôn mới kiểu mẫu

# %%
table(ntm[ntm.criteria_set != "ntm"].assign(
    bo=lambda df: df["criteria_set"].map({"model_village": "Khu dân cư kiểu mẫu (9)", "model_commune": "Xã kiểu mẫu (4)"})),
    {"xa": "Xã", "huyen": "Huyện", "bo": "Bộ tiêu chí", "criteria_met": "Đạt", "criteria_total": "Trên",
     "as_of": "Ngày số liệu", "quote": "Trích dẫn"}, formats={"as_of": vi_date}, links={"huyen": "href"})

# %% [markdown]
# ## Bình quân tiêu chí/xã so với toàn tỉnh

# %%
table(q("""
    SELECT coalesce(d.short_name, 'Toàn tỉnh') AS noi, f.as_of, vi_num(f.value_canonical, 2) AS binh_quan, r.report_label,
           f.quote
    FROM fact_figure f LEFT JOIN dim_district d USING (district_code) JOIN dim_report r USING (report_file)
    WHERE f.metric_code = 'ntm_criteria_avg' ORDER BY f.as_of, noi COLLATE vi
"""), {"noi": "Huyện / tỉnh", "as_of": "Ngày", "binh_quan": "Tiêu chí/xã", "report_label": "Báo cáo", "quote": "Trích dẫn"},
    formats={"as_of": vi_date})
