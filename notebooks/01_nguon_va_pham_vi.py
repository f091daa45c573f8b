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
# # 1. Nguồn và phạm vi số liệu
#
# *Sources and coverage.* Kho dữ liệu được dựng từ các thông báo kết luận và báo cáo dưới đây.
# Mỗi con số trong kho đều kèm nguyên văn câu trích dẫn và tên báo cáo gốc. Báo cáo được gọi bằng loại,
# ngày ký và nội dung ("TB-UBND 26/4/2024 · kiểm tra huyện Bình Gia"); di chuột vào tên báo cáo để xem
# tên tệp gốc trong `data/raw/reports/`.

# %%
import altair as alt

from vnreports.serve.nb import enable_charts, profile_href, q, table, vi_date

enable_charts()

# %% [markdown]
# ## Các báo cáo (the reports)

# %%
reports = q("""
    SELECT r.report_label, r.report_file, r.title, r.doc_type, r.issuing_body, r.signer, r.date_signed, r.date_signed_precision,
           r.event_date, r.period_text, r.n_figures,
           (SELECT string_agg(d.short_name, ', ' ORDER BY d.short_name COLLATE vi)
            FROM dim_district d WHERE list_contains(r.subject_district_codes, d.district_code)) AS districts,
           (SELECT string_agg(c.short_name, ', ' ORDER BY c.short_name COLLATE vi)
            FROM dim_commune c WHERE list_contains(r.subject_commune_codes, c.commune_code)) AS communes
    FROM dim_report r ORDER BY r.event_date
""")
reports["signed"] = [
    (f"tháng {d.month}/{d.year}" if p == "month" else vi_date(d))
    for d, p in zip(reports["date_signed"], reports["date_signed_precision"])
]
reports["nguon"] = "Tệp gốc: data/raw/reports/" + reports["report_file"]
table(reports, {
    "report_label": "Báo cáo", "title": "Trích yếu", "doc_type": "Loại", "issuing_body": "Cơ quan ban hành", "signer": "Người ký",
    "signed": "Ngày ký", "event_date": "Ngày kiểm tra / làm việc", "period_text": "Kỳ số liệu",
    "districts": "Huyện", "communes": "Xã", "n_figures": "Số con số",
}, formats={"event_date": vi_date}, hover={"report_label": "nguon"})

# %% [markdown]
# Tiến độ duyệt (review progress): bao nhiêu số liệu của mỗi báo cáo đã được người phân tích duyệt
# (`make review`, `make import`); số liệu nháp chưa duyệt không vào các trang phân tích.

# %%
table(q("SELECT r.report_label, p.label FROM mart_review_progress AS p JOIN dim_report AS r USING (report_file) "
        "ORDER BY r.date_signed, r.report_label COLLATE vi"),
      {"report_label": "Báo cáo", "label": "Tiến độ duyệt"})

# %% [markdown]
# ## Số liệu theo báo cáo và loại (figures by report and type)

# %%
by_type = q("""
    SELECT r.report_label, CASE f.figure_type WHEN 'actual' THEN 'Thực hiện' WHEN 'target' THEN 'Chỉ tiêu, yêu cầu'
           ELSE 'Ước, dự kiến' END AS loai, count(*) AS n
    FROM fact_figure f JOIN dim_report r USING (report_file) GROUP BY ALL ORDER BY ALL
""")
alt.Chart(by_type, title="Số con số đã chép theo báo cáo").mark_bar().encode(
    x=alt.X("n:Q", title="Số con số", axis=alt.Axis(format=",d")),
    y=alt.Y("report_label:N", title=None, axis=alt.Axis(labelLimit=340)),
    color=alt.Color("loai:N", title="Loại số liệu"),
    tooltip=[alt.Tooltip("report_label:N", title="Báo cáo"), alt.Tooltip("loai:N", title="Loại"),
             alt.Tooltip("n:Q", title="Số con số")],
).properties(width=420, height=alt.Step(28))

# %% [markdown]
# ## Chương trình và lĩnh vực (programmes covered)

# %%
by_programme = q("""
    SELECT coalesce(root.name_vi, p.name_vi) AS chuong_trinh, count(*) AS n
    FROM fact_figure f JOIN dim_programme p USING (programme_code)
    LEFT JOIN dim_programme root ON root.programme_code = p.root_code
    GROUP BY ALL ORDER BY n DESC, chuong_trinh
""")
alt.Chart(by_programme, title="Số con số theo chương trình, lĩnh vực").mark_bar().encode(
    x=alt.X("n:Q", title="Số con số"),
    y=alt.Y("chuong_trinh:N", title=None, sort="-x"),
    tooltip=[alt.Tooltip("chuong_trinh:N", title="Chương trình"), alt.Tooltip("n:Q", title="Số con số")],
).properties(width=520)

# %% [markdown]
# ## Huyện, xã và ngày số liệu (places and dates)

# %%
places = q("""
    SELECT d.district_code, d.district_name, count(*) AS n_figures,
           count(DISTINCT f.commune_code) AS n_communes,
           min(f.as_of) AS first_as_of, max(f.as_of) AS last_as_of,
           string_agg(DISTINCT c.short_name, ', ' ORDER BY c.short_name COLLATE vi) AS communes
    FROM fact_figure f JOIN dim_district d USING (district_code)
    LEFT JOIN dim_commune c USING (commune_code)
    GROUP BY d.district_code, d.district_name ORDER BY d.district_name COLLATE vi
""")
places["href"] = places["district_code"].map(profile_href)
table(places, {"district_name": "Huyện", "n_figures": "Số con số", "n_communes": "Số xã", "communes": "Các xã",
               "first_as_of": "Ngày số liệu sớm nhất", "last_as_of": "Muộn nhất"},
      formats={"first_as_of": vi_date, "last_as_of": vi_date}, links={"district_name": "href"})

# %%
n_province = int(q("SELECT count(*) AS n FROM fact_figure WHERE level = 'province'")["n"][0])
print(f"Ngoài ra có {n_province} con số cấp tỉnh (bình quân toàn tỉnh, tổng của tỉnh), không gắn với huyện nào.")
