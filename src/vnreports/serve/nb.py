"""Helpers for the analysis notebooks: read-only warehouse access, Vietnamese formatting,
offline charts.

Charts are Altair specs rendered twice: a static SVG made by vl-convert (works anywhere, in
JupyterLab and in the report, with no network) and, in the report, upgraded in the browser to an
interactive Vega chart with tooltips by the local bundle `assets/vega-bundle.js`.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
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


def q(sql: str, params: list | None = None):
    """Run a query on the warehouse and return a pandas DataFrame."""
    global _CON
    if _CON is None:
        _CON = connect()
    return _CON.execute(sql, params or []).df()


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


def table(df, columns: dict[str, str] | None = None, formats: dict | None = None) -> "HTMLTable":
    """A readable HTML table with Vietnamese headers and number formats."""
    out = df.copy()
    for col, fn in (formats or {}).items():
        out[col] = out[col].map(fn)
    out = out.astype(object).where(out.notna(), "–")
    if columns:
        out = out[list(columns)].rename(columns=columns)
    return HTMLTable(out.to_html(index=False, escape=True, na_rep="–", border=0, classes="vn-table"))


class HTMLTable:
    def __init__(self, html_text: str):
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html
