"""`make export`: the analysts' views as one Excel workbook (Vietnamese headers, formats) and as Parquet.

build/export/
  so_lieu_lang_son.xlsx   one sheet per view (figures, rankings, source anomalies, targets and deadlines,
                          disbursement) and the data dictionary of every column in the workbook
  <view>.parquet          the same rows and columns (names in English, as in the warehouse)

Each sheet has its header row frozen and an autofilter; dates are dates, numbers are numbers with the
unit in the header. Number formats carry the Vietnamese locale ([$-42A]): LibreOffice shows "41,4" and
"56.895.000.000" on any machine, Excel with Vietnamese regional settings too. Codes next to names keep
the link to the warehouse; report_file, the raw file name, is the last column of a sheet, for tracing.
`make query FORMAT=xlsx` writes one query's result with the same formats (`write_query_xlsx`).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from vnreports.serve.nb import ANOMALY_KINDS, RANK_SOURCES

WORKBOOK = "so_lieu_lang_son.xlsx"
VI = "[$-42A]"  # Vietnamese locale of a number format
NUMBER_FORMATS = {
    "date": VI + "d/m/yyyy", "money": VI + "#,##0", "int": VI + "#,##0", "pct": VI + "#,##0.0#",
    "num": VI + "#,##0.0##", "year": "0",
}
KIND_VI = {
    "text": "văn bản", "long": "văn bản (dài)", "date": "ngày", "money": "số tiền, đồng", "int": "số nguyên",
    "pct": "tỷ lệ, %", "num": "số", "year": "năm", "bool": "có / không", "value": "số, theo đơn vị ở cột Đơn vị",
}
WIDTHS = {"text": 24, "long": 70, "date": 11, "money": 18, "int": 10, "pct": 11, "num": 14, "year": 8, "bool": 10,
          "value": 16}


@dataclass(frozen=True)
class Column:
    name: str  # column of the query and of the Parquet file
    header: str  # Vietnamese header of the sheet, with the unit
    kind: str = "text"  # a key of KIND_VI
    source: str | None = None  # "table.column" whose COMMENT explains it, when not the view's own column
    width: int | None = None  # column width in characters, when not the kind's


@dataclass(frozen=True)
class Sheet:
    title: str  # the sheet's name (≤ 31 characters)
    view: str  # the warehouse view it presents (and the Parquet file's name)
    sql: str
    columns: tuple[Column, ...]


C = Column
REPORT = (C("report_label", "Báo cáo", width=46),)
TRACE = (C("report_file", "Tệp báo cáo gốc (lớp raw)"),)
NAMES = """LEFT JOIN dim_metric AS m ON m.metric_code = v.metric_code
    LEFT JOIN dim_programme AS p ON p.programme_code = v.programme_code
    LEFT JOIN dim_programme AS pr ON pr.programme_code = v.project_code"""
METRIC = C("metric_label", "Chỉ tiêu", source="dim_metric.label_vi")
PROGRAMME = C("programme_name", "Chương trình, nguồn vốn", source="dim_programme.name_vi")
PROJECT = C("project_name", "Dự án, tiểu dự án", source="dim_programme.name_vi")
KIND_LABELS = "CASE v.kind " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in ANOMALY_KINDS.items()) + " ELSE v.kind END"
SOURCE_LABELS = "CASE v.source " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in RANK_SOURCES.items()) + " END"


def _sql(view: str, columns: tuple[Column, ...], joins: str = "", extra: dict[str, str] | None = None,
         order: str = "") -> str:
    exprs = {c.name: f"v.{c.name}" for c in columns} | (extra or {})
    if joins == NAMES:
        exprs |= {"metric_label": "m.label_vi", "programme_name": "p.name_vi", "project_name": "pr.name_vi"}
    select = ", ".join(exprs[c.name] + ("" if exprs[c.name] == f"v.{c.name}" else f" AS {c.name}") for c in columns)
    return f"SELECT {select} FROM {view} AS v {joins} ORDER BY {order or 'v.report_file'}"


_FIGURES = REPORT + (
    C("reviewed", "Đã duyệt (không: bản nháp của máy, chưa duyệt)", "bool"),
    C("district_name", "Huyện"), C("commune_name", "Xã"), METRIC, PROGRAMME, PROJECT,
    C("figure_type", "Loại số liệu (actual: thực hiện, target: chỉ tiêu, forecast: ước)"),
    C("value", "Giá trị (theo đơn vị ở cột Đơn vị)", "value"), C("unit", "Đơn vị"),
    C("rank_of", "Trên tổng số (thứ hạng)", "int"),
    C("as_of", "Ngày số liệu", "date"), C("deadline", "Hạn", "date"), C("number_text", "Số như viết trong báo cáo"),
    C("quote", "Trích dẫn nguyên văn", "long"), C("figure_id", "Mã số liệu"), C("district_code", "Mã huyện"),
    C("commune_code", "Mã xã"), C("programme_code", "Mã chương trình"), C("project_code", "Mã dự án"),
    C("metric_code", "Mã chỉ tiêu")) + TRACE
_RANKINGS = (
    C("district_name", "Huyện"), METRIC, PROGRAMME, PROJECT, C("as_of", "Đến ngày", "date"), C("label", "Thứ hạng"),
    C("source_label", "Loại thứ hạng", source="rankings.source"), C("rank", "Thứ hạng (số)", "int"),
    C("rank_of", "Trên tổng số huyện", "int"), C("rank_min", "Thứ hạng tốt nhất có thể", "int"),
    C("rank_max", "Thứ hạng kém nhất có thể", "int"), C("value_min", "Cận dưới giá trị (đơn vị của chỉ tiêu)", "num"),
    C("value_max", "Cận trên giá trị (đơn vị của chỉ tiêu)", "num"),
    C("rank_national", "Thứ hạng trong cả nước", "int"), C("rank_of_national", "Số huyện cả nước có số liệu", "int"),
    ) + REPORT + (C("quote", "Trích dẫn nguyên văn", "long"), C("source", "Mã loại thứ hạng"),
                  C("figure_id", "Mã số liệu"), C("district_code", "Mã huyện"), C("province_code", "Mã tỉnh"),
                  C("metric_code", "Mã chỉ tiêu"), C("programme_code", "Mã chương trình"),
                  C("project_code", "Mã dự án")) + TRACE
_ANOMALIES = REPORT + (
    C("kind_label", "Loại vấn đề", source="source_anomalies.kind"), C("detail", "Chi tiết", "long"),
    C("quote", "Trích dẫn nguyên văn", "long"), C("kind", "Mã loại vấn đề"), C("figure_id", "Mã số liệu")) + TRACE
_TARGETS = REPORT + (
    C("district_name", "Huyện"), C("commune_name", "Xã"), C("metric_label", "Chỉ tiêu"),
    C("programme_name", "Chương trình, nguồn vốn"), C("project_name", "Dự án, tiểu dự án"),
    C("figure_type", "Loại (target: chỉ tiêu, forecast: ước, dự kiến)"), C("qualifier", "Từ định lượng"),
    C("target_value", "Mức chỉ tiêu (theo đơn vị ở cột Đơn vị)", "value"), C("unit", "Đơn vị"),
    C("stated_on", "Ngày nêu", "date"), C("deadline", "Hạn", "date"), C("deadline_text", "Hạn như viết"),
    C("actual_value", "Thực hiện gần nhất (cùng đơn vị)", "value"), C("actual_as_of", "Ngày số thực hiện", "date"),
    C("actual_report_label", "Báo cáo nêu số thực hiện", width=46), C("number_text", "Số như viết trong báo cáo"),
    C("quote", "Trích dẫn nguyên văn", "long"), C("level", "Cấp"), C("figure_id", "Mã số liệu"),
    C("district_code", "Mã huyện"), C("commune_code", "Mã xã"), C("programme_code", "Mã chương trình"),
    C("project_code", "Mã dự án"), C("metric_code", "Mã chỉ tiêu")) + TRACE
_DISBURSEMENT = REPORT + (
    C("level", "Cấp (district: huyện, province: toàn tỉnh)"), C("district_name", "Huyện"),
    C("programme_name", "Chương trình, nguồn vốn"), C("project_name", "Dự án, tiểu dự án"),
    C("as_of", "Đến ngày", "date"), C("plan_vnd", "Kế hoạch vốn (đồng)", "money"),
    C("disbursed_vnd", "Đã giải ngân (đồng)", "money"), C("stated_rate_pct", "Tỷ lệ giải ngân báo cáo nêu (%)", "pct"),
    C("computed_rate_pct", "Tỷ lệ tính lại (%)", "pct"),
    C("stated_rate_allocated_pct", "Tỷ lệ so với kế hoạch vốn phân bổ (%)", "pct"),
    C("plan_tabmis_vnd", "Kế hoạch vốn nhập TABMIS (đồng)", "money"),
    C("stated_rate_tabmis_pct", "Tỷ lệ so với số nhập TABMIS (%)", "pct"),
    C("conflicting", "Báo cáo nêu hai giá trị khác nhau", "bool"), C("quote", "Trích dẫn nguyên văn", "long"),
    C("district_code", "Mã huyện"), C("programme_code", "Mã chương trình"), C("project_code", "Mã dự án")) + TRACE

SHEETS = (
    Sheet("Số liệu", "figures", _sql("figures", _FIGURES, NAMES, order="v.report_file, v.figure_id"), _FIGURES),
    Sheet("Xếp hạng", "rankings", _sql(
        "rankings", _RANKINGS, NAMES, {"source_label": SOURCE_LABELS},
        order="v.as_of, v.metric_code, v.programme_code, v.source, coalesce(v.rank, v.rank_min), v.district_code"),
        _RANKINGS),
    Sheet("Vấn đề trong báo cáo", "source_anomalies", _sql(
        "source_anomalies", _ANOMALIES, extra={"kind_label": KIND_LABELS},
        order="v.report_file, v.kind, v.figure_id, v.detail"), _ANOMALIES),
    Sheet("Chỉ tiêu và thời hạn", "targets", _sql("targets", _TARGETS, order="v.deadline NULLS LAST, v.report_file, "
                                                                              "v.figure_id"), _TARGETS),
    Sheet("Giải ngân", "disbursement", _sql(
        "disbursement", _DISBURSEMENT, order="v.as_of, v.report_file, v.level, v.district_code, v.programme_code, "
                                             "v.project_code"), _DISBURSEMENT),
)
DICTIONARY_TITLE = "Từ điển dữ liệu"
DICTIONARY = (C("sheet", "Trang tính"), C("header", "Tiêu đề cột"), C("column", "Tên cột (Parquet, kho dữ liệu)"),
              C("kind", "Kiểu"), C("meaning", "Ý nghĩa", "long"))


def _comments(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = con.execute("SELECT table_name || '.' || column_name, comment FROM duckdb_columns() "
                       "WHERE comment IS NOT NULL UNION ALL "
                       "SELECT view_name, comment FROM duckdb_views() WHERE comment IS NOT NULL").fetchall()
    return dict(rows)


def dictionary_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """One row per sheet (the view's comment) and per column of the workbook: sheet, header, column, kind, meaning."""
    comments = _comments(con)
    rows = []
    for sheet in SHEETS:
        rows.append((sheet.title, "(cả trang tính)", sheet.view, "view", comments.get(sheet.view, "")))
        for c in sheet.columns:
            rows.append((sheet.title, c.header, c.name, KIND_VI[c.kind],
                         comments.get(c.source or f"{sheet.view}.{c.name}", "")))
    return rows


class _Writer:
    """Sheets with a bold wrapped header, frozen header row, autofilter and typed, formatted cells."""

    def __init__(self, path: Path, created: dt.datetime | None = None):
        import xlsxwriter

        self.book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                                    "strings_to_urls": False})
        self.book.set_properties({"title": "Số liệu báo cáo tỉnh Lạng Sơn", "author": "vnreports",
                                  "comments": "make export", **({"created": created} if created else {})})
        self.header = self.book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DCE6F1",
                                            "border": 1})
        self.formats = {k: self.book.add_format({"num_format": f, "valign": "top"}) for k, f in NUMBER_FORMATS.items()}
        self.formats["text"] = self.book.add_format({"valign": "top"})

    def sheet(self, title: str, columns: tuple[Column, ...], rows: list[tuple], units: list | None = None) -> None:
        ws = self.book.add_worksheet(title)
        for j, c in enumerate(columns):
            ws.write_string(0, j, c.header, self.header)
            ws.set_column(j, j, c.width or max(WIDTHS[c.kind], min(len(c.header) // 2 + 4, 30)))
        ws.set_row(0, 48)
        for i, row in enumerate(rows, start=1):
            for j, (c, v) in enumerate(zip(columns, row)):
                self.cell(ws, i, j, c.kind, v, units[i - 1] if units else None)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)

    def cell(self, ws, i: int, j: int, kind: str, v, unit) -> None:
        if v is None:
            return
        if isinstance(v, dt.date):
            ws.write_datetime(i, j, dt.datetime.combine(v, dt.time()) if not isinstance(v, dt.datetime) else v,
                              self.formats["date"])
        elif isinstance(v, bool):
            ws.write_string(i, j, "có" if v else "không", self.formats["text"])
        elif isinstance(v, (int, float, Decimal)):
            if kind == "value":  # figures.value: the format follows the row's unit
                kind = "money" if unit == "đồng" else "year" if unit == "năm" else "pct" if unit == "%" else (
                    "int" if float(v).is_integer() else "num")
            ws.write_number(i, j, float(v), self.formats.get(kind, self.formats["num"]))
        elif isinstance(v, (list, tuple)):
            ws.write_string(i, j, "; ".join(map(str, v)), self.formats["text"])
        else:
            ws.write_string(i, j, str(v)[:32767], self.formats["text"])

    def close(self) -> None:
        self.book.close()


def _parquet(con: duckdb.DuckDBPyConnection, sql: str, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(con.sql(sql).to_arrow_table(), str(path), compression="zstd")


def export(root: Path, out: Path | None = None, warehouse: Path | None = None) -> Path:
    """Write the workbook and the Parquet files into out (default build/export/); return the workbook's path.

    The files are written into a temporary folder and moved in, the workbook last."""
    import shutil

    out = out or root / "build" / "export"
    warehouse = warehouse or root / "data" / "warehouse.duckdb"
    tmp = out / f".tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            created = con.execute("SELECT max(date_signed)::TIMESTAMP FROM dim_report").fetchone()[0]
            book = _Writer(tmp / WORKBOOK, created)
            for sheet in SHEETS:
                rows = con.execute(sheet.sql).fetchall()
                units = None
                if any(c.kind == "value" for c in sheet.columns):
                    at = [c.name for c in sheet.columns].index("unit")
                    units = [r[at] for r in rows]
                book.sheet(sheet.title, sheet.columns, rows, units)
                _parquet(con, sheet.sql, tmp / f"{sheet.view}.parquet")
            entries = dictionary_rows(con)
            book.sheet(DICTIONARY_TITLE, DICTIONARY, entries)
            book.close()
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.table({c.name: [r[i] for r in entries] for i, c in enumerate(DICTIONARY)}),
                           str(tmp / "data_dictionary.parquet"), compression="zstd")
        for f in sorted(tmp.iterdir(), key=lambda p: p.name == WORKBOOK):
            os.replace(f, out / f.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out / WORKBOOK


def _kind_of(values: list) -> str:
    v = next((x for x in values if x is not None), None)
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, dt.date):
        return "date"
    if isinstance(v, int):
        return "int"
    if isinstance(v, (float, Decimal)):
        return "num"
    return "text"


def write_query_xlsx(columns: list[str], rows: list[tuple], path: Path) -> Path:
    """One query's result as a workbook: sheet "Kết quả", the query's column names as headers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    cols = tuple(Column(name, name, _kind_of([r[j] for r in rows])) for j, name in enumerate(columns))
    book = _Writer(path)
    book.sheet("Kết quả", cols, rows)
    book.close()
    return path
