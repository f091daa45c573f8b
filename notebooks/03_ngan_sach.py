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
# # 3. Thu, chi ngân sách nhà nước so với dự toán
#
# *State budget revenue and expenditure against estimates.* Tỷ lệ so với dự toán tỉnh giao, dự toán
# huyện giao (điều hành) và cùng kỳ năm trước, như báo cáo nêu. Dự toán "suy ra" = số tiền / tỷ lệ × 100:
# báo cáo không viết con số này, kho tính ra để người đọc đối chiếu.

# %%
import altair as alt

from vnreports.serve.nb import enable_charts, profile_href, q, table, vi_date, vi_money, vi_pct

enable_charts()

# %%
budget = q("""
    SELECT b.district_code, d.short_name AS huyen, CASE b.budget_line WHEN 'nsnn_thu' THEN 'Thu' ELSE 'Chi' END AS loai,
           b.as_of, b.amount_vnd, b.pct_province_estimate::DOUBLE AS pct_tinh,
           b.pct_district_estimate::DOUBLE AS pct_huyen, b.pct_same_period::DOUBLE AS pct_cung_ky,
           b.implied_province_estimate_vnd, r.report_label, b.quote
    FROM fact_budget b JOIN dim_district d USING (district_code) JOIN dim_report r USING (report_file)
    ORDER BY b.as_of, huyen COLLATE vi, loai DESC
""")
budget["href"] = budget["district_code"].map(profile_href)
table(budget, {"huyen": "Huyện", "loai": "Thu / chi", "as_of": "Đến ngày", "amount_vnd": "Số tiền",
               "pct_tinh": "% dự toán tỉnh giao", "pct_huyen": "% dự toán huyện", "pct_cung_ky": "% cùng kỳ",
               "implied_province_estimate_vnd": "Dự toán tỉnh giao (suy ra)", "report_label": "Báo cáo"},
      formats={"as_of": vi_date, "amount_vnd": vi_money, "pct_tinh": vi_pct, "pct_huyen": vi_pct,
               "pct_cung_ky": vi_pct, "implied_province_estimate_vnd": vi_money},
      links={"huyen": "href"}, hover={"amount_vnd": "quote", "pct_tinh": "quote"})

# %% [markdown]
# ## Tiến độ thu, chi so với dự toán tỉnh giao

# %%
long = q("""
    SELECT d.short_name || ' (' || strftime(b.as_of, '%d/%m/%Y') || ')' AS huyen_ngay,
           CASE b.budget_line WHEN 'nsnn_thu' THEN 'Thu ngân sách' ELSE 'Chi ngân sách' END AS loai,
           k.ky, k.value / 100 AS ty_le, vi_money(b.amount_vnd) AS so_tien, r.report_label, b.quote
    FROM fact_budget b JOIN dim_district d USING (district_code) JOIN dim_report r USING (report_file),
    LATERAL (VALUES ('Dự toán tỉnh giao', b.pct_province_estimate::DOUBLE),
                    ('Dự toán huyện', b.pct_district_estimate::DOUBLE),
                    ('Cùng kỳ năm trước', b.pct_same_period::DOUBLE)) k(ky, value)
    WHERE k.value IS NOT NULL
    ORDER BY b.as_of
""")
base = alt.Chart(long).encode(
    y=alt.Y("huyen_ngay:N", title=None, sort=list(dict.fromkeys(long["huyen_ngay"]))),
    x=alt.X("ty_le:Q", title="Tỷ lệ", axis=alt.Axis(format=".0%")),
    color=alt.Color("ky:N", title="So với"),
    yOffset="ky:N",
    tooltip=[alt.Tooltip("huyen_ngay:N", title="Huyện, ngày"), alt.Tooltip("loai:N", title="Loại"),
             alt.Tooltip("ky:N", title="So với"), alt.Tooltip("ty_le:Q", title="Tỷ lệ", format=".1%"),
             alt.Tooltip("so_tien:N", title="Số tiền"), alt.Tooltip("report_label:N", title="Báo cáo"),
             alt.Tooltip("quote:N", title="Trích dẫn")],
)
rule = alt.Chart().mark_rule(color="#999", strokeDash=[4, 3]).encode(x=alt.datum(1))
alt.layer(base.mark_bar(), rule, data=long).properties(width=460, height=alt.Step(14)).facet(
    row=alt.Row("loai:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold")),
    title="Thu, chi ngân sách so với dự toán (vạch đứt: 100%)",
).resolve_scale(y="independent")

# %% [markdown]
# Ghi chú: Lộc Bình năm 2022 chỉ nêu tỷ lệ (110,3% dự toán tỉnh giao, 78,6% dự toán huyện, 93,8% cùng kỳ),
# không nêu số tiền; Bình Gia năm 2024 chỉ nêu tỷ lệ chi (22,93% dự toán tỉnh giao).
