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
# # 5. Chỉ tiêu và thời hạn: đúng tiến độ hay chậm?
#
# *Targets and deadlines: on track or not at each as-of date.* Mỗi chỉ tiêu có hạn (ví dụ "giải ngân
# đến hết ngày 30/9/2024 đạt tối thiểu 40% kế hoạch vốn") được so với số thực hiện cùng huyện, cùng
# nguồn vốn, cùng năm. **Giả định:** tiến độ "đúng" là đi theo đường thẳng từ 0% ngày 1/1 đến chỉ tiêu
# vào ngày hạn; báo cáo không nói cách đánh giá này, đây là thước đo của kho để so sánh.

# %%
import altair as alt

from vnreports.serve.nb import enable_charts, profile_href, q, table, vi_date, vi_pct

enable_charts()

# %%
targets = q("""
    WITH t AS (
        SELECT t.*, coalesce(d.short_name, 'Toàn tỉnh') AS huyen, p.name_vi AS chuong_trinh, m.label_vi AS chi_tieu,
               r.report_label
        FROM fact_target t LEFT JOIN dim_district d USING (district_code) JOIN dim_report r USING (report_file)
        JOIN dim_programme p USING (programme_code) JOIN dim_metric m USING (metric_code)
        WHERE t.deadline IS NOT NULL AND m.unit_kind = 'percent'
    ),
    a AS (
        SELECT district_code, commune_code, programme_code, project_code, metric_code, as_of,
               value_canonical::DOUBLE AS actual, r.report_label AS actual_report, quote AS actual_quote
        FROM fact_figure JOIN dim_report r USING (report_file) WHERE figure_type = 'actual' AND NOT is_rank
    )
    SELECT t.district_code, t.huyen, t.chuong_trinh, t.chi_tieu, t.figure_type, t.qualifier,
           t.target_value::DOUBLE AS target, t.deadline, t.deadline_text, t.stated_on, t.report_label, t.quote, a.as_of AS actual_as_of, a.actual,
           a.actual_report, a.actual_quote,
           t.target_value::DOUBLE * date_diff('day', make_date(year(t.deadline), 1, 1), a.as_of)
               / date_diff('day', make_date(year(t.deadline), 1, 1), t.deadline) AS expected
    FROM t LEFT JOIN a ON a.district_code IS NOT DISTINCT FROM t.district_code
         AND a.commune_code IS NOT DISTINCT FROM t.commune_code AND a.programme_code = t.programme_code
         AND a.project_code IS NOT DISTINCT FROM t.project_code AND a.metric_code = t.metric_code
         AND year(a.as_of) = year(t.deadline) AND a.as_of <= t.deadline
    ORDER BY t.deadline, t.huyen COLLATE vi, t.report_file, t.figure_id, a.as_of
""")


def status(row):
    if row.actual != row.actual or row.actual is None:
        return "Chưa có số thực hiện để so"
    if row.actual_as_of >= row.deadline:
        return "Đạt" if row.actual >= row.target else "Không đạt"
    return "Đúng tiến độ (đường thẳng)" if row.actual >= row.expected else "Chậm so với đường thẳng"


targets["trang_thai"] = targets.apply(status, axis=1)
targets["loai"] = targets["figure_type"].map({"target": "Chỉ tiêu", "forecast": "Ước, dự kiến"})
targets["href"] = targets["district_code"].map(profile_href)
table(targets, {
    "huyen": "Huyện", "chuong_trinh": "Nguồn vốn / chương trình", "chi_tieu": "Chỉ tiêu", "loai": "Loại",
    "target": "Mức", "deadline": "Hạn", "actual_as_of": "Số thực hiện đến ngày", "actual": "Thực hiện",
    "expected": "Mức theo đường thẳng", "trang_thai": "Đánh giá", "report_label": "Báo cáo",
}, formats={"target": vi_pct, "deadline": vi_date, "actual_as_of": vi_date,
            "actual": vi_pct, "expected": vi_pct}, links={"huyen": "href"},
   hover={"target": "quote", "actual": "actual_quote"})

# %%
compared = targets.dropna(subset=["actual"]).assign(
    nhan=lambda df: df["huyen"] + ": " + df["chuong_trinh"] + " — " + df["target"].map(vi_pct) + " đến "
    + df["deadline"].map(vi_date),
    actual_f=lambda df: df["actual"] / 100, expected_f=lambda df: df["expected"] / 100, target_f=lambda df: df["target"] / 100,
    ngay=lambda df: df["actual_as_of"].map(vi_date),
)
base = alt.Chart(compared).encode(y=alt.Y("nhan:N", title=None, axis=alt.Axis(labelLimit=420)))
tip = [alt.Tooltip("nhan:N", title="Chỉ tiêu"), alt.Tooltip("ngay:N", title="Thực hiện đến ngày"),
       alt.Tooltip("actual_f:Q", title="Thực hiện", format=".1%"),
       alt.Tooltip("expected_f:Q", title="Theo đường thẳng", format=".1%"),
       alt.Tooltip("trang_thai:N", title="Đánh giá"), alt.Tooltip("actual_report:N", title="Báo cáo"),
       alt.Tooltip("actual_quote:N", title="Trích dẫn")]
alt.layer(
    base.mark_bar(color="#9ab").encode(x=alt.X("target_f:Q", title="Tỷ lệ giải ngân", axis=alt.Axis(format=".0%")),
                                       tooltip=tip),
    base.mark_bar(color="#3b6ea8", size=8).encode(x="actual_f:Q", tooltip=tip),
    base.mark_tick(color="#c0392b", thickness=3, size=22).encode(x="expected_f:Q", tooltip=tip),
).properties(width=420, height=alt.Step(34),
             title="Thực hiện (xanh đậm), mức theo đường thẳng tại ngày đó (vạch đỏ), chỉ tiêu (nền)")

# %% [markdown]
# ## Năm phấn đấu đạt chuẩn nông thôn mới

# %%
table(q("""
    SELECT c.short_name AS xa, n.district_code, d.short_name AS huyen, n.target_year, n.criteria_met, n.criteria_total, n.as_of,
           CASE WHEN n.criteria_met >= n.criteria_total THEN 'Đã đủ tiêu chí'
                ELSE 'Còn ' || (n.criteria_total - n.criteria_met) || ' tiêu chí, '
                     || date_diff('month', n.as_of, make_date(n.target_year, 12, 31)) || ' tháng' END AS danh_gia,
           r.report_label, n.quote
    FROM fact_ntm_progress n JOIN dim_commune c USING (commune_code) JOIN dim_district d ON d.district_code = n.district_code
    JOIN dim_report r ON r.report_file = n.report_file
    WHERE n.target_year IS NOT NULL AND n.criteria_set = 'ntm'
    ORDER BY n.target_year, xa COLLATE vi, n.as_of, n.report_file
""").assign(href=lambda df: df["district_code"].map(profile_href)),
    {"xa": "Xã", "huyen": "Huyện", "target_year": "Năm phấn đấu", "criteria_met": "Đạt", "criteria_total": "Trên",
     "as_of": "Ngày số liệu", "danh_gia": "Còn phải làm", "report_label": "Báo cáo"}, formats={"as_of": vi_date},
    links={"huyen": "href"}, hover={"criteria_met": "quote"})

# %% [markdown]
# ## Các thời hạn khác (other deadlines)

# %%
table(q("""
    SELECT coalesce(d.short_name, 'Toàn tỉnh') AS noi, m.label_vi AS chi_tieu, t.number_text, t.deadline, r.report_label,
           t.quote
    FROM fact_target t JOIN dim_report r USING (report_file) LEFT JOIN dim_district d USING (district_code) JOIN dim_metric m USING (metric_code)
    WHERE m.unit_kind NOT IN ('percent') AND t.deadline IS NOT NULL
    ORDER BY t.deadline, noi COLLATE vi, t.report_file, t.figure_id
"""), {"noi": "Nơi", "chi_tieu": "Nội dung", "number_text": "Như viết", "deadline": "Hạn", "report_label": "Báo cáo",
       "quote": "Trích dẫn"},
    formats={"deadline": vi_date})
