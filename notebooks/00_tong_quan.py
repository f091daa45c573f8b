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
# # Tổng quan số liệu báo cáo tỉnh Lạng Sơn
#
# Số liệu mới nhất theo huyện, chép từ các thông báo kết luận và báo cáo của UBND tỉnh và các huyện.
# **Di chuột** (trên điện thoại: chạm) vào một con số để xem nguyên văn câu trích dẫn; **bấm** vào
# con số để mở trang phân tích của nó, vào tên huyện để mở hồ sơ huyện.

# %%
import html

import altair as alt
import pandas as pd
from IPython.display import HTML, display

from vnreports.serve.nb import (ANOMALY_KINDS, FULL_WIDTH, LEGEND_LIMIT, count_axis, deadline_status, enable_charts,
                                profile_districts, profile_href, q, table, vi_date, vi_money, vi_num, vi_pct, vi_value)

enable_charts()
PAGES = {"Giải ngân": "02_giai_ngan.html", "Thu, chi ngân sách": "03_ngan_sach.html",
         "Nông thôn mới": "04_nong_thon_moi.html", "Chỉ tiêu": "05_chi_tieu_thoi_han.html",
         "Chất lượng": "06_chat_luong_du_lieu.html"}
MONTHS_AHEAD = 6  # "sắp đến hạn": a deadline within this many months of the latest data

latest = q("""
    SELECT (SELECT max(as_of) FROM figures) AS as_of,
           (SELECT report_label FROM dim_report ORDER BY date_signed DESC, event_date DESC LIMIT 1) AS report_label,
           (SELECT count(*) FROM dim_report) AS n_reports, (SELECT count(*) FROM figures) AS n_figures,
           (SELECT count(*) FROM source_anomalies) AS n_anomalies
""").iloc[0]
REF = latest.as_of
profiles = profile_districts()


def keys(items):
    """A strip of key numbers: [(number, words), …]."""
    return HTML('<div class="vn-keys">' + "".join(
        f"<div><b>{html.escape(str(n))}</b>{html.escape(w)}</div>" for n, w in items) + "</div>")


def with_links(df, page):
    """Profile links for the district column, the topic page for the figures."""
    return df.assign(huyen_href=df["district_code"].map(profile_href), page=page)


display(keys([(latest.n_reports, "báo cáo"), (latest.n_figures, "con số đã chép"), (len(profiles), "huyện có số liệu"),
              (latest.n_anomalies, "vấn đề trong báo cáo"), (vi_date(REF), "ngày số liệu mới nhất")]))
display(HTML(f"<p>Báo cáo mới nhất: <b>{html.escape(latest.report_label)}</b>. Chỉ tiêu \"sắp đến hạn\": hạn trong "
             f"{MONTHS_AHEAD} tháng kể từ ngày số liệu mới nhất ({vi_date(REF)}).</p>"))

# %% [markdown]
# ## Hồ sơ huyện
#
# Mỗi huyện có số liệu trong kho có một trang hồ sơ: mọi con số theo chủ đề và ngày, thứ hạng, các xã
# xây dựng nông thôn mới, chỉ tiêu và thời hạn, vấn đề trong báo cáo.

# %%
cards = q("""
    SELECT district_code, count(*) AS n, count(DISTINCT report_file) AS n_reports, max(as_of) AS last_as_of
    FROM figures WHERE district_code IS NOT NULL GROUP BY ALL
""").set_index("district_code")
display(HTML('<div class="vn-keys">' + "".join(
    f'<div><a href="{d["href"]}"><b>{html.escape(d["short_name"])}</b></a>{cards.n[d["district_code"]]} con số, '
    f'{cards.n_reports[d["district_code"]]} báo cáo; đến {vi_date(cards.last_as_of[d["district_code"]])}</div>'
    for d in profiles) + "</div>"))


# %%
def topic_extras(topic: str, page: str) -> None:
    """Under each topic: its stated ranks, its targets due soon or overdue, its anomalies."""
    ranks = q("""
        SELECT r.district_code, d.short_name AS huyen, m.label_vi AS chi_tieu, p.name_vi AS chuong_trinh, r.as_of,
               r.label, r.report_label, r.quote
        FROM rankings r JOIN dim_district d USING (district_code) JOIN dim_metric m USING (metric_code)
        JOIN dim_programme p ON p.programme_code = coalesce(r.project_code, r.programme_code)
        WHERE r.source = 'reported' AND figure_topic(r.metric_code, r.programme_code) = ?
        ORDER BY r.as_of DESC, huyen COLLATE vi, chi_tieu COLLATE vi, chuong_trinh COLLATE vi, r.report_file,
                 r.figure_id
    """, [topic])
    if len(ranks):
        display(HTML("<h3>Thứ hạng báo cáo nêu</h3>"))
        display(table(with_links(ranks, page), {
            "huyen": "Huyện", "chi_tieu": "Chỉ tiêu", "chuong_trinh": "Nguồn vốn, chương trình", "as_of": "Đến ngày",
            "label": "Thứ hạng", "report_label": "Báo cáo"}, formats={"as_of": vi_date},
            links={"huyen": "huyen_href", "label": "page"}, hover={"label": "quote"}))
    due = due_targets(f"figure_topic(metric_code, programme_code) = '{topic}'")
    if len(due):
        display(HTML(f'<h3>Chỉ tiêu sắp đến hạn hoặc đã quá hạn ({len(due)})</h3>'))
        display(due_table(due))
    anomalies = q("""
        SELECT a.kind, count(*) AS n FROM source_anomalies a JOIN figures f USING (report_file, figure_id)
        WHERE figure_topic(f.metric_code, f.programme_code) = ? GROUP BY ALL ORDER BY n DESC, kind
    """, [topic])
    if len(anomalies):
        words = ", ".join(f"{n} {ANOMALY_KINDS.get(k, k).lower()}" for k, n in zip(anomalies.kind, anomalies.n))
        display(HTML(f'<p>Vấn đề trong báo cáo về chủ đề này: <a href="{PAGES["Chất lượng"]}">'
                     f'{int(anomalies.n.sum())}</a> ({html.escape(words)}).</p>'))
    else:
        display(HTML("<p>Không phát hiện vấn đề nào trong báo cáo về chủ đề này.</p>"))


def due_targets(where: str = "TRUE"):
    """Targets with a deadline before the latest data or within MONTHS_AHEAD months of it."""
    due = q(f"""
        SELECT district_code, coalesce(d.short_name, 'Toàn tỉnh') AS huyen, commune_name, metric_label,
               coalesce(project_name, programme_name) AS programme_name,
               target_value, unit, qualifier, deadline, deadline_text, actual_value, actual_as_of, report_label, quote
        FROM targets LEFT JOIN dim_district d USING (district_code)
        WHERE deadline IS NOT NULL AND deadline <= ?::DATE + INTERVAL {MONTHS_AHEAD} MONTH AND ({where})
        ORDER BY deadline, huyen COLLATE vi, metric_label COLLATE vi, report_file, figure_id
    """, [REF])
    due["muc"] = [vi_value(v, u) for v, u in zip(due.target_value, due.unit)]
    due["thuc_hien"] = [f"{vi_value(a, u)} ({vi_date(d)})" if pd.notna(a) else "–"
                        for a, u, d in zip(due.actual_value, due.unit, due.actual_as_of)]
    due["trang_thai"] = [deadline_status(d, REF, a, t, u)
                         for d, a, t, u in zip(due.deadline, due.actual_value, due.target_value, due.unit)]
    due["noi_dung"] = due.metric_label + due.commune_name.map(lambda c: f" ({c})" if isinstance(c, str) else "")
    # a report may state the same target twice (e.g. in its findings and in its tasks): shown once
    return due.drop_duplicates(subset=["huyen", "noi_dung", "programme_name", "muc", "deadline", "report_label"])


def due_table(due):
    return table(with_links(due, PAGES["Chỉ tiêu"]), {
        "huyen": "Huyện", "noi_dung": "Chỉ tiêu", "programme_name": "Chương trình", "muc": "Mức",
        "deadline": "Hạn", "trang_thai": "Tình trạng", "thuc_hien": "Thực hiện gần nhất", "report_label": "Báo cáo"},
        formats={"deadline": vi_date}, links={"huyen": "huyen_href", "muc": "page"}, hover={"muc": "quote"})


# %% [markdown]
# ## 1. Giải ngân vốn đầu tư công và các Chương trình MTQG
#
# Tỷ lệ giải ngân mới nhất mỗi huyện nêu cho từng nguồn vốn (lũy kế đến ngày ghi), cạnh bình quân toàn
# tỉnh khi báo cáo nêu.

# %%
disb = q("""
    WITH d AS (
        SELECT *, row_number() OVER (PARTITION BY district_code, programme_code
                                     ORDER BY as_of DESC, report_file DESC) AS k
        FROM disbursement WHERE level = 'district' AND project_code IS NULL AND stated_rate_pct IS NOT NULL
    )
    SELECT d.district_code, dd.short_name AS huyen, d.programme_name, d.as_of, d.stated_rate_pct, d.plan_vnd,
           d.disbursed_vnd, d.report_label, d.quote, p.stated_rate_pct AS province_pct, p.quote AS province_quote,
           r.label AS rank_label, r.quote AS rank_quote, pr.level AS programme_level
    FROM d JOIN dim_district dd USING (district_code) JOIN dim_programme pr USING (programme_code)
    LEFT JOIN disbursement p ON p.level = 'province' AND p.report_file = d.report_file
         AND p.programme_code = d.programme_code AND p.project_code IS NULL AND p.as_of = d.as_of
    LEFT JOIN rankings r ON r.source = 'reported' AND r.district_code = d.district_code AND r.as_of = d.as_of
         AND r.metric_code = 'disbursement_rate' AND r.programme_code = d.programme_code AND r.project_code IS NULL
    WHERE d.k = 1
    ORDER BY huyen COLLATE vi, d.programme_name COLLATE vi
""")
table(with_links(disb, PAGES["Giải ngân"]), {
    "huyen": "Huyện", "programme_name": "Nguồn vốn, chương trình", "as_of": "Đến ngày",
    "stated_rate_pct": "Tỷ lệ giải ngân",
    "province_pct": "Bình quân tỉnh", "rank_label": "Thứ hạng nêu", "disbursed_vnd": "Đã giải ngân",
    "plan_vnd": "Kế hoạch vốn", "report_label": "Báo cáo"},
    formats={"as_of": vi_date, "stated_rate_pct": lambda x: vi_pct(x, 2), "province_pct": lambda x: vi_pct(x, 2),
             "disbursed_vnd": vi_money, "plan_vnd": vi_money},
    links={"huyen": "huyen_href", "stated_rate_pct": "page"},
    hover={"stated_rate_pct": "quote", "province_pct": "province_quote", "rank_label": "rank_quote"})

# %%
main = disb[disb.programme_level.isin(["programme", "group"])].assign(
    ty_le=lambda df: df.stated_rate_pct / 100, tinh=lambda df: df.province_pct / 100,
    ngay=lambda df: df.as_of.map(vi_date), href=lambda df: df.district_code.map(profile_href))
tip = [alt.Tooltip("huyen:N", title="Huyện"), alt.Tooltip("programme_name:N", title="Nguồn vốn"),
       alt.Tooltip("ngay:N", title="Đến ngày"), alt.Tooltip("ty_le:Q", title="Tỷ lệ", format=".2~%"),
       alt.Tooltip("tinh:Q", title="Bình quân tỉnh", format=".2~%"),
       alt.Tooltip("report_label:N", title="Báo cáo"), alt.Tooltip("quote:N", title="Trích dẫn")]
base = alt.Chart(main).encode(y=alt.Y("huyen:N", title=None, sort=alt.SortField("huyen")), tooltip=tip)
alt.layer(
    base.mark_bar().encode(
        x=alt.X("ty_le:Q", title="% kế hoạch vốn", axis=alt.Axis(format=".0%")),
        yOffset=alt.YOffset("programme_name:N"), href="href:N",
        color=alt.Color("programme_name:N", title="Nguồn vốn",
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=LEGEND_LIMIT))),
    base.transform_filter("isValid(datum.tinh)").mark_tick(color="#222", thickness=2).encode(
        x="tinh:Q", yOffset=alt.YOffset("programme_name:N")),
).properties(**FULL_WIDTH, height=16 * len(main),
             title=alt.Title("Tỷ lệ giải ngân mới nhất", subtitle="vạch đen: bình quân tỉnh báo cáo nêu"))

# %%
topic_extras("Giải ngân", PAGES["Giải ngân"])

# %% [markdown]
# ## 2. Thu, chi ngân sách nhà nước
#
# Tiến độ thu, chi mới nhất mỗi huyện so với dự toán tỉnh giao và cùng kỳ năm trước, như báo cáo nêu;
# bình quân toàn tỉnh khi cùng báo cáo nêu tỷ lệ của tỉnh.

# %%
budget = q("""
    SELECT b.district_code, d.short_name AS huyen, CASE b.budget_line WHEN 'nsnn_thu' THEN 'Thu' ELSE 'Chi' END AS loai,
           b.as_of, b.amount_vnd, b.pct_province_estimate::DOUBLE AS pct_tinh, b.pct_same_period::DOUBLE AS pct_cung_ky,
           r.report_label, b.quote, p.value_canonical::DOUBLE AS pct_tinh_bq, p.quote AS province_quote
    FROM fact_budget b JOIN dim_district d USING (district_code) JOIN dim_report r USING (report_file)
    LEFT JOIN fact_figure p ON p.level = 'province' AND p.report_file = b.report_file AND p.as_of = b.as_of
         AND p.figure_type = 'actual' AND p.metric_code = CASE b.budget_line WHEN 'nsnn_thu'
             THEN 'budget_revenue_pct_province_estimate' ELSE 'budget_expenditure_pct_province_estimate' END
    QUALIFY row_number() OVER (PARTITION BY b.district_code, b.budget_line
                               ORDER BY b.as_of DESC, b.report_file DESC) = 1
    ORDER BY huyen COLLATE vi, loai DESC
""")
table(with_links(budget, PAGES["Thu, chi ngân sách"]), {
    "huyen": "Huyện", "loai": "Thu / chi", "as_of": "Đến ngày", "pct_tinh": "% dự toán tỉnh giao",
    "pct_tinh_bq": "Bình quân tỉnh", "pct_cung_ky": "% cùng kỳ", "amount_vnd": "Số tiền", "report_label": "Báo cáo"},
    formats={"as_of": vi_date, "pct_tinh": vi_pct, "pct_tinh_bq": vi_pct, "pct_cung_ky": vi_pct, "amount_vnd": vi_money},
    links={"huyen": "huyen_href", "pct_tinh": "page"},
    hover={"pct_tinh": "quote", "amount_vnd": "quote", "pct_tinh_bq": "province_quote"})

# %%
chart = budget.dropna(subset=["pct_tinh"]).assign(
    ty_le=lambda df: df.pct_tinh / 100, ngay=lambda df: df.as_of.map(vi_date),
    so_tien=lambda df: df.amount_vnd.map(vi_money),
    href=lambda df: df.district_code.map(profile_href))
bars = alt.Chart(chart).mark_bar().encode(
    y=alt.Y("huyen:N", title=None), yOffset="loai:N", x=alt.X("ty_le:Q", title="% dự toán tỉnh giao",
                                                               axis=alt.Axis(format=".0%")),
    color=alt.Color("loai:N", title=None, scale=alt.Scale(domain=["Thu", "Chi"], range=["#2e7d32", "#3b6ea8"]),
                    legend=alt.Legend(orient="bottom")), href="href:N",
    tooltip=[alt.Tooltip("huyen:N", title="Huyện"), alt.Tooltip("loai:N", title="Thu / chi"),
             alt.Tooltip("ngay:N", title="Đến ngày"),
             alt.Tooltip("ty_le:Q", title="% dự toán tỉnh giao", format=".1~%"),
             alt.Tooltip("so_tien:N", title="Số tiền"), alt.Tooltip("report_label:N", title="Báo cáo"),
             alt.Tooltip("quote:N", title="Trích dẫn")])
rule = alt.Chart(chart).mark_rule(color="#999", strokeDash=[4, 3]).encode(x=alt.datum(1))
(bars + rule).properties(**FULL_WIDTH, height=18 * len(chart),
                         title=alt.Title("Thu, chi so với dự toán tỉnh giao",
                                         subtitle="mới nhất mỗi huyện; vạch đứt: 100%"))

# %%
topic_extras("Thu, chi ngân sách", PAGES["Thu, chi ngân sách"])

# %% [markdown]
# ## 3. Nông thôn mới
#
# Số tiêu chí nông thôn mới (trên 19) mỗi xã đạt theo báo cáo mới nhất về xã đó, và năm xã phấn đấu đạt chuẩn.

# %%
ntm = q("""
    SELECT n.district_code, d.short_name AS huyen, c.short_name AS xa, n.as_of, n.criteria_met, n.criteria_total,
           n.target_year, r.report_label, n.quote
    FROM fact_ntm_progress n JOIN dim_commune c USING (commune_code)
    JOIN dim_district d ON d.district_code = n.district_code JOIN dim_report r ON r.report_file = n.report_file
    WHERE n.criteria_set = 'ntm' AND n.criteria_met IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY n.commune_code ORDER BY n.as_of DESC, n.report_file DESC) = 1
    ORDER BY huyen COLLATE vi, xa COLLATE vi
""")
ntm["dat"] = [f"{m}/{t} tiêu chí" for m, t in zip(ntm.criteria_met, ntm.criteria_total)]
avg = q("""
    SELECT a.district_code, d.short_name AS huyen, a.as_of, a.district_value, a.province_value, a.label, a.quote,
           a.province_quote, r.report_label
    FROM mart_vs_provincial_average a JOIN dim_district d USING (district_code) JOIN dim_report r USING (report_file)
    WHERE a.metric_code = 'ntm_criteria_avg' ORDER BY a.as_of DESC, huyen COLLATE vi, a.report_file, a.figure_id
""")
table(with_links(ntm, PAGES["Nông thôn mới"]), {
    "huyen": "Huyện", "xa": "Xã", "dat": "Tiêu chí đạt", "as_of": "Ngày số liệu",
    "target_year": "Năm phấn đấu đạt chuẩn",
    "report_label": "Báo cáo"}, formats={"as_of": vi_date, "target_year": lambda y: "–" if pd.isna(y) else str(int(y))},
    links={"huyen": "huyen_href", "dat": "page"}, hover={"dat": "quote"})

# %%
if len(avg):
    display(HTML("<p>Bình quân tiêu chí/xã so với bình quân toàn tỉnh báo cáo nêu:</p>"))
    display(table(with_links(avg, PAGES["Nông thôn mới"]), {
        "huyen": "Huyện", "as_of": "Ngày", "district_value": "Huyện (tiêu chí/xã)", "province_value": "Toàn tỉnh",
        "label": "So sánh", "report_label": "Báo cáo"},
        formats={"as_of": vi_date, "district_value": lambda x: vi_num(x, 2), "province_value": lambda x: vi_num(x, 2)},
        links={"huyen": "huyen_href", "district_value": "page"},
        hover={"district_value": "quote", "province_value": "province_quote"}))
alt.Chart(ntm.assign(nhan=lambda df: df.xa + " (" + df.huyen + ")", ngay=lambda df: df.as_of.map(vi_date),
                     href=lambda df: df.district_code.map(profile_href)),
          title=alt.Title("Tiêu chí nông thôn mới đã đạt", subtitle="trên 19 tiêu chí")).mark_bar().encode(
    x=alt.X("criteria_met:Q", title="Tiêu chí đạt", scale=alt.Scale(domain=[0, 19])),
    y=alt.Y("nhan:N", title=None, sort="-x"),
    color=alt.Color("huyen:N", title="Huyện", legend=alt.Legend(orient="bottom", columns=3)),
    href="href:N",
    tooltip=[alt.Tooltip("xa:N", title="Xã"), alt.Tooltip("huyen:N", title="Huyện"),
             alt.Tooltip("criteria_met:Q", title="Tiêu chí đạt"), alt.Tooltip("ngay:N", title="Ngày số liệu"),
             alt.Tooltip("report_label:N", title="Báo cáo"), alt.Tooltip("quote:N", title="Trích dẫn")],
).properties(**FULL_WIDTH, height=22 * len(ntm))

# %%
topic_extras("Nông thôn mới", PAGES["Nông thôn mới"])

# %% [markdown]
# ## 4. Chỉ tiêu và thời hạn
#
# Mọi chỉ tiêu có hạn trước ngày số liệu mới nhất (quá hạn) hoặc trong vài tháng tới, ở mọi chủ đề.
# "Thực hiện gần nhất" là số thực hiện cùng nơi, cùng chỉ tiêu, trong năm của hạn.

# %%
due = due_targets()
n_later = int(q(f"SELECT count(*) AS n FROM targets WHERE deadline > ?::DATE + INTERVAL {MONTHS_AHEAD} MONTH",
                [REF]).n[0])
display(HTML(f"<p>{len(due)} chỉ tiêu quá hạn hoặc đến hạn trước "
             f"{vi_date((pd.Timestamp(REF) + pd.DateOffset(months=MONTHS_AHEAD)).date())}; "
             f"{n_later} chỉ tiêu có hạn xa hơn. Chi tiết và cách đánh giá: "
             f'<a href="{PAGES["Chỉ tiêu"]}">trang 5</a>.</p>'))
due_table(due)

# %%
timeline = due.assign(ngay=lambda df: df.deadline.map(vi_date), href=lambda df: df.district_code.map(profile_href),
                      tinh_trang=lambda df: df.trang_thai.str.split(" ").str[0].map(
                          {"quá": "Quá hạn", "còn": "Sắp đến hạn", "đã": "Đã đạt"}).fillna("Khác"))
alt.Chart(timeline, title=alt.Title("Hạn của các chỉ tiêu", subtitle="mỗi chấm một chỉ tiêu")).mark_circle(
    size=90, opacity=0.8).encode(
    x=alt.X("deadline:T", title="Hạn", axis=alt.Axis(format="%m/%Y")), y=alt.Y("huyen:N", title=None),
    color=alt.Color("tinh_trang:N", title="Tình trạng", legend=alt.Legend(orient="bottom"),
                    scale=alt.Scale(domain=["Quá hạn", "Sắp đến hạn", "Đã đạt"],
                                    range=["#c0392b", "#e6a100", "#2e7d32"])),
    href="href:N",
    tooltip=[alt.Tooltip("huyen:N", title="Huyện"), alt.Tooltip("noi_dung:N", title="Chỉ tiêu"),
             alt.Tooltip("muc:N", title="Mức"), alt.Tooltip("ngay:N", title="Hạn"),
             alt.Tooltip("trang_thai:N", title="Tình trạng"), alt.Tooltip("report_label:N", title="Báo cáo"),
             alt.Tooltip("quote:N", title="Trích dẫn")],
).properties(**FULL_WIDTH, height=40 * timeline.huyen.nunique())

# %% [markdown]
# ## 5. Chất lượng dữ liệu: vấn đề trong chính các báo cáo
#
# Tỷ lệ không khớp với số liệu của nó, tổng khác các phần, tên viết khác danh mục, số viết mơ hồ, câu
# mâu thuẫn: vấn đề của báo cáo gốc, không phải lỗi của kho. Chi tiết: trang 6.

# %%
kinds = q("SELECT kind, count(*) AS n FROM source_anomalies GROUP BY kind ORDER BY n DESC, kind")
kinds["loai"] = kinds.kind.map(lambda k: ANOMALY_KINDS.get(k, k))
by_report = q("""
    SELECT report_label, count(*) AS n, string_agg(DISTINCT kind, ', ' ORDER BY kind) AS kinds
    FROM source_anomalies GROUP BY ALL ORDER BY n DESC, report_label
""")
by_report["loai"] = by_report.kinds.map(lambda s: ", ".join(ANOMALY_KINDS.get(k, k) for k in s.split(", ")))
by_report["page"] = PAGES["Chất lượng"]
alt.Chart(kinds.assign(href=PAGES["Chất lượng"]),
          title=alt.Title(f"{int(kinds.n.sum())} vấn đề trong các báo cáo", subtitle="theo loại")
          ).mark_bar().encode(
    x=alt.X("n:Q", title="Số vấn đề", axis=alt.Axis(**count_axis(kinds.n.max()))),
    y=alt.Y("loai:N", title=None, sort="-x"),
    href="href:N", tooltip=[alt.Tooltip("loai:N", title="Loại"), alt.Tooltip("n:Q", title="Số vấn đề")],
).properties(**FULL_WIDTH, height=24 * len(kinds))

# %%
table(by_report, {"report_label": "Báo cáo", "n": "Số vấn đề", "loai": "Loại"}, links={"n": "page"})
