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
# # 7. Hỏi bằng SQL (ad-hoc SQL)
#
# Ô SQL (jupysql) trên kho dữ liệu, **chỉ đọc**: không câu lệnh nào ở đây sửa được kho. Các câu hỏi
# có sẵn nằm trong `sql/queries/`; chạy trong terminal bằng `make query FILE=sql/queries/…` hoặc
# mở `make sql`. Tên bảng, cột và ý nghĩa: xem trang Từ điển dữ liệu.

# %%
import os

os.environ.setdefault("PLOOMBER_STATS_ENABLED", "false")
os.environ.setdefault("PLOOMBER_VERSION_CHECK_DISABLED", "true")

from vnreports.serve.nb import connect  # noqa: E402

kho = connect()  # read-only DuckDB connection

# %load_ext sql
# %config SqlMagic.displaylimit = 15
# %config SqlMagic.displaycon = False
# %sql kho --alias kho

# %% [markdown]
# Xếp hạng giải ngân các Chương trình MTQG của các huyện, ngày 13/9/2024:

# %%
# %%sql
SELECT district_name, label, source
FROM rankings
WHERE metric_code = 'disbursement_rate' AND programme_code = 'ctmtqg' AND as_of = DATE '2024-09-13'
ORDER BY coalesce(rank, rank_min), district_name COLLATE vi

# %% [markdown]
# Những chỗ báo cáo tự mâu thuẫn về số học:

# %%
# %%sql
SELECT report_label, kind, detail
FROM source_anomalies
WHERE kind LIKE '%_mismatch'
ORDER BY report_label

# %% [markdown]
# Một câu hỏi có sẵn, lấy từ thư viện `sql/queries/`:

# %%
from vnreports.serve.nb import project_root  # noqa: E402

query = (project_root() / "sql" / "queries" / "communes_furthest_from_ntm.sql").read_text(encoding="utf-8")
kho.execute(query).df()[["commune_name", "district_name", "criteria_met", "criteria_total", "target_year"]]

# %% [markdown]
# Kết quả SQL vẽ thành biểu đồ: số vấn đề trong mỗi báo cáo.

# %%
import altair as alt  # noqa: E402

from vnreports.serve.nb import enable_charts  # noqa: E402

enable_charts()
per_report = kho.execute(
    "SELECT report_label, count(*) AS n FROM source_anomalies GROUP BY ALL ORDER BY report_label"
).df()
alt.Chart(per_report, title="Số vấn đề trong mỗi báo cáo").mark_bar().encode(
    x=alt.X("n:Q", title="Số vấn đề", axis=alt.Axis(format="d")),
    y=alt.Y("report_label:N", title=None, axis=alt.Axis(labelLimit=340)),
    tooltip=[alt.Tooltip("report_label:N", title="Báo cáo"), alt.Tooltip("n:Q", title="Số vấn đề")],
).properties(width=420)
