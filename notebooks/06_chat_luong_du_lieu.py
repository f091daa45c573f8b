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
# # 6. Chất lượng dữ liệu và vấn đề trong báo cáo
#
# *Data quality: reconciliation mismatches, name anomalies, Great Expectations results.* Đây là vấn đề
# trong chính các báo cáo (không phải lỗi của kho): tỷ lệ không khớp với số liệu của nó, tổng không
# bằng các phần, tên viết sai, số viết mơ hồ, các câu mâu thuẫn.

# %%
import json

import altair as alt

from vnreports.serve.nb import ANOMALY_KINDS, enable_charts, project_root, q, table

enable_charts()

# %%
kinds = q("""
    SELECT kind, count(*) AS n FROM source_anomalies GROUP BY kind ORDER BY n DESC, kind
""")
names_vi = ANOMALY_KINDS
kinds["loai"] = kinds["kind"].map(lambda k: names_vi.get(k, k))
alt.Chart(kinds, title="Vấn đề trong các báo cáo, theo loại").mark_bar().encode(
    x=alt.X("n:Q", title="Số vấn đề", axis=alt.Axis(format="d")), y=alt.Y("loai:N", title=None, sort="-x"),
    tooltip=[alt.Tooltip("loai:N", title="Loại"), alt.Tooltip("n:Q", title="Số vấn đề")],
).properties(width=420)

# %% [markdown]
# ## Đối chiếu số học (reconciliation): các chỗ không khớp

# %%
table(q("""
    SELECT r.report_label, m.figure_id, m.check_kind, m.detail, m.quote
    FROM mart_reconciliation m JOIN dim_report r USING (report_file) WHERE NOT m.ok
    ORDER BY r.report_label, m.figure_id
"""), {"report_label": "Báo cáo", "figure_id": "Số liệu", "check_kind": "Loại", "detail": "Chi tiết",
       "quote": "Trích dẫn"})

# %% [markdown]
# Các phép đối chiếu khớp (trong phạm vi làm tròn của số nêu):

# %%
q("SELECT check_kind, count(*) FILTER (ok) AS khop, count(*) FILTER (NOT ok) AS khong_khop "
  "FROM mart_reconciliation GROUP BY ALL ORDER BY ALL")

# %% [markdown]
# ## Tên, cách viết số và các câu mâu thuẫn

# %%
table(q("""
    SELECT report_label, kind, detail, quote FROM source_anomalies
    WHERE kind NOT LIKE '%_mismatch' ORDER BY kind, report_label
""").assign(kind=lambda df: df["kind"].map(lambda k: names_vi.get(k, k))),
      {"report_label": "Báo cáo", "kind": "Loại", "detail": "Chi tiết", "quote": "Trích dẫn"})

# %% [markdown]
# ## Kết quả kiểm tra Great Expectations (lần chạy `make validate` gần nhất)
#
# Chi tiết từng kỳ vọng: xem trang Data Docs của báo cáo.

# %%
summary_path = project_root() / "build" / "validation-summary.json"
if summary_path.exists():
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    print(summary["line"])
    display(table(__import__("pandas").DataFrame(summary["suites"]),
                  {"suite": "Bộ kiểm tra", "severity": "Mức", "expectations": "Số kỳ vọng", "failed": "Không đạt"}))
else:
    print("Chưa chạy make validate.")
