"""Helpers for the analysis notebooks: read-only warehouse access, Vietnamese formatting, offline charts.

Charts are Altair specs rendered twice: a static SVG made by vl-convert (works anywhere, in
JupyterLab and in the report, with no network) and, in the report, upgraded in the browser to an
interactive Vega chart with tooltips by the local bundle `assets/vega-bundle.js`.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import duckdb

from vnreports.notation.numbers import format_vi
from vnreports.paths import find_root

# d3-format locale for Vietnamese: "41,4%", "2.522,81".
VI_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " đồng"], "percent": "%"}
VI_TIME_LOCALE = {
    "dateTime": "%A, %e %B %Y %X", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["SA", "CH"],
    "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
    "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
    "months": [f"tháng {i}" for i in range(1, 13)], "shortMonths": [f"th{i}" for i in range(1, 13)],
}


def project_root() -> Path:
    """The project root: $VNREPORTS_ROOT, else found from the working directory (the notebooks' folder)."""
    return find_root()


def connect() -> duckdb.DuckDBPyConnection:
    """The warehouse, read-only: notebooks never write."""
    path = Path(os.environ.get("VNREPORTS_WAREHOUSE", project_root() / "data" / "warehouse.duckdb"))
    return duckdb.connect(str(path), read_only=True)


_CON: duckdb.DuckDBPyConnection | None = None


def _connection() -> duckdb.DuckDBPyConnection:
    global _CON
    if _CON is None:
        _CON = connect()
    return _CON


def q(sql: str, params: list | None = None):
    """Run a query on the warehouse and return a pandas DataFrame."""
    return _connection().execute(sql, params or []).df()


def _missing(x) -> bool:
    try:
        import pandas as pd

        return x is None or bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def vi_num(x, decimals: int = 1) -> str:
    if _missing(x):
        return "–"
    text = format_vi(Decimal(str(x)), decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def vi_pct(x, decimals: int = 1) -> str:
    return "–" if _missing(x) else vi_num(x, decimals) + "%"


def vi_money(vnd) -> str:
    """56895000000 -> '56,9 tỷ đồng'."""
    if _missing(vnd):
        return "–"
    v = float(vnd)
    if abs(v) >= 1e9:
        return vi_num(v / 1e9, 1) + " tỷ đồng"
    if abs(v) >= 1e6:
        return vi_num(v / 1e6, 1) + " triệu đồng"
    return vi_num(v, 0) + " đồng"


def vi_date(d) -> str:
    return "–" if _missing(d) else f"{d.day}/{d.month}/{d.year}"


def rank_label(rank, rank_of) -> str:
    return f"thứ {int(rank)}/{int(rank_of)}"


def vi_value(value, unit, rank_of=None) -> str:
    """A figure as an analyst reads it: '41,4%', '56,9 tỷ đồng', 'thứ 4/11', '2024', '9 cầu'."""
    if _missing(value):
        return "–"
    unit = None if _missing(unit) else unit
    if unit == "%":
        return vi_pct(value, 2)
    if unit == "đồng":
        return vi_money(value)
    if unit == "thứ hạng":
        return rank_label(value, rank_of) if not _missing(rank_of) else f"thứ {int(value)}"
    if unit == "năm":
        return str(int(value))
    return vi_num(value, 2) + (f" {unit}" if unit else "")


def deadline_status(deadline, as_of, actual=None, target=None, unit=None) -> str:
    """Where a target stands on the date of the latest data: 'còn 41 ngày', 'quá hạn 3 tháng', 'đã đạt'."""
    if _missing(deadline):
        return "không nêu hạn"
    if unit == "%" and not _missing(actual) and not _missing(target) and actual >= target:
        return "đã đạt"
    days = (deadline - as_of).days

    def span(n: int) -> str:
        return f"{n} ngày" if n < 60 else f"{round(n / 30.44)} tháng"

    return f"quá hạn {span(-days)}" if days < 0 else ("đến hạn" if days == 0 else f"còn {span(days)}")


# Vietnamese names of the kinds of problems in the reports (view source_anomalies).
ANOMALY_KINDS = {
    "rate_mismatch": "Tỷ lệ không khớp", "parts_mismatch": "Tổng khác các phần",
    "items_mismatch": "Số đếm khác danh sách", "name_differs_from_gso": "Tên khác danh mục GSO",
    "name_spelling": "Tên người viết khác nhau", "ambiguous_notation": "Số viết mơ hồ",
    "conflicting_statement": "Câu mâu thuẫn", "rank_inconsistent": "Thứ hạng mâu thuẫn", "typo": "Lỗi chính tả",
    "broken_text": "Văn bản bị cắt", "sum_mismatch": "Tổng khác các số nêu ở chỗ khác",
    "misleading_wording": "Câu chữ gây hiểu nhầm", "conflicting_name": "Tên mâu thuẫn",
    "unreliable_figure": "Số báo cáo tự nhận chưa đúng",
}
RANK_SOURCES = {"reported": "Báo cáo nêu", "computed": "Kho tính lại", "implied": "Suy ra từ câu chữ"}


# -- district profiles (Hồ sơ huyện) ---------------------------------------------------------------

def slug(text: str) -> str:
    """'Lộc Bình' -> 'loc-binh' (file names of the profile pages)."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if unicodedata.category(ch) != "Mn")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def profile_districts(con: duckdb.DuckDBPyConnection | None = None) -> list[dict]:
    """The districts that have figures in the warehouse, each with its profile page (ho-so-<slug>.html)."""
    sql = ("SELECT d.district_code, d.district_name, d.short_name, n.n_figures FROM dim_district AS d "
           "JOIN (SELECT district_code, count(*) AS n_figures FROM figures GROUP BY ALL) AS n USING (district_code) "
           "ORDER BY d.short_name COLLATE vi, d.district_code")
    rows = (con or _connection()).execute(sql).fetchall()
    seen: dict[str, int] = {}
    for _, _, short, _ in rows:
        seen[slug(short)] = seen.get(slug(short), 0) + 1
    return [{"district_code": code, "district_name": name, "short_name": short, "n_figures": n,
             "href": f"ho-so-{slug(short)}{'' if seen[slug(short)] == 1 else '-' + code}.html"}
            for code, name, short, n in rows]


def profile_href(district_code) -> str | None:
    """The profile page of a district, or None when it has none (no figures)."""
    if _missing(district_code):
        return None
    global _PROFILES
    if _PROFILES is None:
        _PROFILES = {d["district_code"]: d["href"] for d in profile_districts()}
    return _PROFILES.get(district_code)


_PROFILES: dict[str, str] | None = None


# -- charts -------------------------------------------------------------------------------------

def _chart_html(spec: dict) -> str:
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec, format_locale=VI_LOCALE, time_format_locale=VI_TIME_LOCALE)
    payload = json.dumps(spec, ensure_ascii=False, sort_keys=True)
    chart_id = "chart-" + hashlib.sha256(payload.encode()).hexdigest()[:12]
    return (f'<div class="vega-chart" id="{chart_id}" data-spec="{html.escape(payload, quote=True)}">'
            f"{svg}</div>")


def _renderer(spec: dict, **_kwargs) -> dict:
    return {"text/html": _chart_html(spec)}


def enable_charts() -> None:
    """Offline rendering for every Altair chart, Vietnamese number format, readable defaults."""
    import altair as alt

    alt.renderers.register("vnreport", _renderer)
    alt.renderers.enable("vnreport")

    def theme():
        return alt.theme.ThemeConfig(config={
            "font": "DejaVu Sans, Arial, sans-serif",
            "view": {"stroke": None},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260},
            "legend": {"labelFontSize": 12, "titleFontSize": 12},
            "title": {"fontSize": 15, "anchor": "start"},
        })

    alt.theme.register("vnreport", enable=True)(theme)


# Chart properties for a chart as wide as the page (laptop or phone), its height from its own steps:
# chart.properties(**FULL_WIDTH, height=alt.Step(20)).
FULL_WIDTH = {"width": "container", "autosize": {"type": "fit-x", "contains": "padding"}}
# Axis labels: long on a laptop, short on a phone (the chart's container narrower than 500 px).
LABEL_LIMIT = {"expr": "containerSize()[0] < 500 ? 150 : 320"}
LEGEND_LIMIT = {"expr": "containerSize()[0] < 500 ? 140 : 420"}


def table(df, columns: dict[str, str] | None = None, formats: dict | None = None,
          links: dict[str, str] | None = None, hover: dict[str, str] | None = None) -> "HTMLTable":
    """A readable HTML table with Vietnamese headers and number formats.

    links={"huyen": "href"} makes each cell of column huyen a link to the row's href (none where it is
    empty); hover={"value": "quote"} shows the row's quote when the pointer rests on the cell.
    """
    out = df.copy()
    for col, fn in (formats or {}).items():
        out[col] = out[col].map(fn)
    out = out.astype(object).where(out.notna(), "–")
    cells = out.map(lambda v: html.escape(str(v)))
    for col, href_col in (links or {}).items():
        cells[col] = [f'<a href="{html.escape(h)}">{c}</a>' if isinstance(h, str) and h else c
                      for c, h in zip(cells[col], df[href_col])]
    for col, title_col in (hover or {}).items():
        cells[col] = [f'<span class="vn-quote" title="{html.escape(t)}">{c}</span>' if isinstance(t, str) and t else c
                      for c, t in zip(cells[col], df[title_col])]
    if columns:
        cells = cells[list(columns)].rename(columns=columns)
    # Each cell carries its header (data-label): on a phone a row reads as a card, "Huyện: Lộc Bình" …
    heads = [html.escape(str(h)) for h in cells.columns]
    rows = "".join("<tr>" + "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(heads, row)) + "</tr>\n"
                   for row in cells.itertuples(index=False))
    head = "".join(f"<th>{h}</th>" for h in heads)
    return HTMLTable(f'<div class="vn-scroll"><table class="vn-table vn-stack"><thead><tr>{head}</tr></thead>\n'
                     f"<tbody>\n{rows}</tbody></table></div>")


def note(text: str):
    """A sentence in the page's own type (print() would show it as code output)."""
    from IPython.display import HTML

    return HTML(f"<p>{html.escape(text)}</p>")


def count_axis(largest) -> dict:
    """Axis of a count: whole numbers only, about eight ticks."""
    step = max(1, -(-int(largest) // 8))
    return {"format": "d", "values": list(range(0, int(largest) + step + 1, step))}


class HTMLTable:
    def __init__(self, html_text: str):
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html
