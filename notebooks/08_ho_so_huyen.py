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

# %% [markdown] tags=["report-skip"]
# # Hồ sơ huyện
#
# *District profile.* `make report` chạy notebook này một lần cho mỗi huyện có số liệu trong kho
# (trang `ho-so-<huyen>.html`); trong JupyterLab, đổi `district_code` ở ô dưới để xem huyện khác.
# Ô có nhãn `report-skip` (ô này) không hiện trong báo cáo.

# %% tags=["parameters"]
district_code = "188"  # mã huyện GSO; mặc định Lộc Bình

# %%
import html

import altair as alt
import pandas as pd
from IPython.display import HTML, display

from vnreports.serve.nb import (ANOMALY_KINDS, FULL_WIDTH, LABEL_LIMIT, LEGEND_LIMIT, RANK_SOURCES, count_axis,
                                deadline_status, enable_charts, note, q, table, vi_date, vi_value)

enable_charts()
district = q("SELECT * FROM dim_district WHERE district_code = ?", [district_code]).iloc[0]
figures = q("""
    SELECT f.*, coalesce(figure_topic(f.metric_code, f.programme_code), root.name_vi, p.name_vi) AS topic,
           m.label_vi AS metric_label, coalesce(pr.name_vi, p.name_vi) AS programme_name,
           c.short_name AS commune, r.date_signed
    FROM figures f JOIN dim_metric m USING (metric_code) JOIN dim_programme p ON p.programme_code = f.programme_code
    LEFT JOIN dim_programme root ON root.programme_code = p.root_code
    LEFT JOIN dim_programme pr ON pr.programme_code = f.project_code
    LEFT JOIN dim_commune c ON c.commune_code = f.commune_code
    JOIN dim_report r USING (report_file)
    WHERE f.district_code = ?
    ORDER BY f.as_of, f.report_file, f.figure_id
""", [district_code])
figures["gia_tri"] = [vi_value(v, u, n) for v, u, n in zip(figures.value, figures.unit, figures.rank_of)]
REF = q("SELECT max(as_of) AS d FROM figures").d[0]
name = district.district_name[0].lower() + district.district_name[1:]  # "huyện Lộc Bình"
display(HTML(f"<h1>Hồ sơ {html.escape(name)}</h1>"))
reports = figures.groupby("report_label", sort=False).agg(n=("figure_id", "size"), signed=("date_signed", "first"))
display(HTML(
    f'<div class="vn-keys"><div><b>{len(figures)}</b>con số</div><div><b>{len(reports)}</b>báo cáo</div>'
    f'<div><b>{" – ".join(dict.fromkeys([vi_date(figures.as_of.min()), vi_date(figures.as_of.max())]))}</b>'
    "ngày số liệu</div>"
    f'<div><b>{district.n_communes_2024}</b>xã, thị trấn (2024)</div></div>'
    "<p>Báo cáo có số liệu của huyện: " + "; ".join(
        f"{html.escape(label)} ({n} con số)" for label, n in reports.sort_values("signed").n.items()) + ".</p>"))

# %% [markdown]
# ## Số liệu theo chủ đề

# %%
by_topic = figures.groupby(["topic", "report_label"], as_index=False).size()
alt.Chart(by_topic, title=alt.Title("Số con số", subtitle="theo chủ đề và báo cáo")).mark_bar().encode(
    x=alt.X("size:Q", title="Số con số", axis=alt.Axis(**count_axis(by_topic.groupby("topic")["size"].sum().max()))),
    y=alt.Y("topic:N", title=None, sort="-x", axis=alt.Axis(labelLimit=LABEL_LIMIT)),
    color=alt.Color("report_label:N", title="Báo cáo", legend=alt.Legend(orient="bottom", direction="vertical",
                                                                          labelLimit=LEGEND_LIMIT)),
    tooltip=[alt.Tooltip("topic:N", title="Chủ đề"), alt.Tooltip("report_label:N", title="Báo cáo"),
             alt.Tooltip("size:Q", title="Số con số")],
).properties(**FULL_WIDTH, height=24 * by_topic.topic.nunique())

# %%
rates = q("""
    SELECT d.programme_name, d.as_of, d.stated_rate_pct / 100 AS ty_le, p.stated_rate_pct / 100 AS tinh,
           d.report_label, d.quote
    FROM disbursement d
    LEFT JOIN disbursement p ON p.level = 'province' AND p.report_file = d.report_file
         AND p.programme_code = d.programme_code AND p.project_code IS NULL AND p.as_of = d.as_of
    WHERE d.district_code = ? AND d.project_code IS NULL AND d.stated_rate_pct IS NOT NULL
    ORDER BY d.as_of, d.programme_name COLLATE vi, d.report_file
""", [district_code])
if len(rates):
    rates["nhan"] = rates.as_of.map(vi_date) + " · " + rates.programme_name
    base = alt.Chart(rates).encode(
        y=alt.Y("nhan:N", title=None, sort=list(rates.nhan), axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        tooltip=[alt.Tooltip("nhan:N", title="Nguồn vốn, ngày"), alt.Tooltip("ty_le:Q", title="Tỷ lệ", format=".2~%"),
                 alt.Tooltip("tinh:Q", title="Bình quân tỉnh", format=".2~%"),
                 alt.Tooltip("report_label:N", title="Báo cáo"), alt.Tooltip("quote:N", title="Trích dẫn")])
    layers = [base.mark_bar(color="#3b6ea8").encode(x=alt.X("ty_le:Q", title="% kế hoạch vốn",
                                                            axis=alt.Axis(format=".0%")))]
    if rates.tinh.notna().any():  # the provincial average, where the reports give one
        layers.append(base.transform_filter("isValid(datum.tinh)").mark_tick(color="#c0392b", thickness=3)
                      .encode(x="tinh:Q"))
    display(alt.layer(*layers).properties(
        **FULL_WIDTH, height=24 * len(rates), title=alt.Title("Tỷ lệ giải ngân", subtitle="theo nguồn vốn và ngày"
                                                    + ("; vạch đỏ: bình quân tỉnh" if len(layers) > 1 else ""))))

# %%
for topic, part in figures.groupby("topic", sort=False):
    display(HTML(f"<h3>{html.escape(topic)} ({len(part)})</h3>"))
    display(table(part, {
        "as_of": "Ngày số liệu", "metric_label": "Chỉ tiêu", "programme_name": "Chương trình, dự án", "commune": "Xã",
        "gia_tri": "Giá trị", "number_text": "Như viết", "report_label": "Báo cáo"},
        formats={"as_of": vi_date}, hover={"gia_tri": "quote", "number_text": "quote"}))

# %% [markdown]
# ## Thứ hạng
#
# *Báo cáo nêu*: thứ hạng viết trong báo cáo; *kho tính lại*: xếp lại giữa các huyện có số liệu cùng chỉ tiêu
# và ngày; *suy ra*: điều câu chữ của báo cáo nói về huyện này (ví dụ "thứ 2/11, sau huyện Đình Lập").

# %%
ranks = q("""
    SELECT m.label_vi AS chi_tieu, p.name_vi AS chuong_trinh, r.as_of, r.label, r.source, r.report_label, r.quote
    FROM rankings r JOIN dim_metric m USING (metric_code)
    JOIN dim_programme p ON p.programme_code = coalesce(r.project_code, r.programme_code)
    WHERE r.district_code = ?
    ORDER BY r.as_of DESC, chi_tieu COLLATE vi, chuong_trinh COLLATE vi, r.source, r.report_file, r.figure_id
""", [district_code])
if len(ranks):
    display(table(ranks.assign(nguon=ranks.source.map(RANK_SOURCES)), {
        "chi_tieu": "Chỉ tiêu", "chuong_trinh": "Nguồn vốn, chương trình", "as_of": "Đến ngày", "label": "Thứ hạng",
        "nguon": "Loại thứ hạng", "report_label": "Báo cáo"}, formats={"as_of": vi_date}, hover={"label": "quote"}))
else:
    display(note("Chưa có thứ hạng nào của huyện trong kho."))

# %% [markdown]
# ## Các xã xây dựng nông thôn mới

# %%
ntm = q("""
    SELECT c.short_name AS xa, n.criteria_set, n.criteria_met, n.criteria_total, n.as_of, n.target_year,
           n.model_target_year, r.report_label, n.quote,
           (SELECT string_agg(f.number_text, '; ' ORDER BY f.value_canonical) FROM fact_figure f
            WHERE f.report_file = n.report_file AND f.commune_code = n.commune_code
              AND f.metric_code = 'ntm_unmet_criterion') AS chua_dat
    FROM fact_ntm_progress n JOIN dim_commune c USING (commune_code) JOIN dim_report r USING (report_file)
    WHERE n.district_code = ?
    ORDER BY xa COLLATE vi, n.criteria_set, n.as_of, n.report_file
""", [district_code])
if len(ntm):
    sets = {"ntm": "Nông thôn mới (19)", "model_village": "Khu dân cư kiểu mẫu (9)", "model_commune": "Xã kiểu mẫu (4)"}
    ntm["bo"] = ntm.criteria_set.map(lambda s: sets.get(s, s))
    ntm["dat"] = [f"{int(m)}/{int(t)}" if pd.notna(m) else "–" for m, t in zip(ntm.criteria_met, ntm.criteria_total)]
    ntm["nam"] = [str(int(y)) if pd.notna(y) else (f"{int(m)} (kiểu mẫu)" if pd.notna(m) else "–")
                  for y, m in zip(ntm.target_year, ntm.model_target_year)]
    display(table(ntm, {"xa": "Xã", "bo": "Bộ tiêu chí", "dat": "Đạt", "as_of": "Ngày số liệu", "nam": "Năm phấn đấu",
                        "chua_dat": "Tiêu chí chưa đạt (theo báo cáo)", "report_label": "Báo cáo"},
                  formats={"as_of": vi_date}, hover={"dat": "quote"}))
    known = ntm[(ntm.criteria_set == "ntm") & ntm.criteria_met.notna()]
    if len(known):
        display(alt.Chart(known.assign(ngay=known.as_of.map(vi_date)),
                          title=alt.Title("Tiêu chí nông thôn mới đã đạt", subtitle="trên 19 tiêu chí")
                          ).mark_bar(color="#2e7d32").encode(
            x=alt.X("criteria_met:Q", title="Tiêu chí đạt", scale=alt.Scale(domain=[0, 19])),
            y=alt.Y("xa:N", title=None, sort="-x"),
            tooltip=[alt.Tooltip("xa:N", title="Xã"), alt.Tooltip("criteria_met:Q", title="Tiêu chí đạt"),
                     alt.Tooltip("ngay:N", title="Ngày số liệu"), alt.Tooltip("report_label:N", title="Báo cáo"),
                     alt.Tooltip("quote:N", title="Trích dẫn")],
        ).properties(**FULL_WIDTH, height=26 * len(known)))
else:
    display(note("Chưa có số liệu nông thôn mới theo xã của huyện trong kho."))

# %% [markdown]
# ## Chỉ tiêu và thời hạn
#
# Tình trạng tính đến ngày số liệu mới nhất của kho; "thực hiện gần nhất" là số cùng chỉ tiêu, cùng nơi,
# trong năm của hạn.

# %%
targets = q("""
    SELECT commune_name, metric_label, coalesce(project_name, programme_name) AS programme_name, target_value, unit,
           deadline, deadline_text, actual_value, actual_as_of, report_label, quote
    FROM targets WHERE district_code = ? ORDER BY deadline NULLS LAST, metric_label COLLATE vi,
             report_file, figure_id
""", [district_code])
if len(targets):
    targets["noi_dung"] = targets.metric_label + targets.commune_name.map(
        lambda c: f" ({c})" if isinstance(c, str) else "")
    targets["muc"] = [vi_value(v, u) for v, u in zip(targets.target_value, targets.unit)]
    targets["thuc_hien"] = [f"{vi_value(a, u)} ({vi_date(d)})" if pd.notna(a) else "–"
                            for a, u, d in zip(targets.actual_value, targets.unit, targets.actual_as_of)]
    targets["trang_thai"] = [deadline_status(d, REF, a, t, u) for d, a, t, u in
                             zip(targets.deadline, targets.actual_value, targets.target_value, targets.unit)]
    display(note(f"Tình trạng tính đến {vi_date(REF)}."))
    display(table(targets, {"noi_dung": "Chỉ tiêu", "programme_name": "Chương trình", "muc": "Mức", "deadline": "Hạn",
                            "trang_thai": "Tình trạng", "thuc_hien": "Thực hiện gần nhất", "report_label": "Báo cáo"},
                  formats={"deadline": vi_date}, hover={"muc": "quote"}))
else:
    display(note("Báo cáo không nêu chỉ tiêu có hạn nào cho huyện."))

# %% [markdown]
# ## Vấn đề trong báo cáo về huyện
#
# Vấn đề trong chính các báo cáo về huyện này, hoặc gắn với một con số của huyện (không phải lỗi của kho).

# %%
anomalies = q("""
    SELECT DISTINCT a.report_label, a.kind, a.detail, a.quote
    FROM source_anomalies a JOIN dim_report r USING (report_file)
    LEFT JOIN figures f ON f.report_file = a.report_file AND f.figure_id = a.figure_id
    WHERE list_contains(r.subject_district_codes, ?) OR f.district_code = ?
    ORDER BY a.report_label, a.kind, a.detail
""", [district_code, district_code])
if len(anomalies):
    display(table(anomalies.assign(loai=anomalies.kind.map(lambda k: ANOMALY_KINDS.get(k, k))),
                  {"report_label": "Báo cáo", "loai": "Loại", "detail": "Chi tiết"}, hover={"detail": "quote"}))
else:
    display(note("Không phát hiện vấn đề nào trong các báo cáo về huyện."))
