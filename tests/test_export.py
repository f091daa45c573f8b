"""make export: the workbook against the warehouse (openpyxl), outside Python (LibreOffice), and the Parquet files."""

import csv
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from vnreports.serve.export import DICTIONARY, DICTIONARY_TITLE, SHEETS, WORKBOOK, export, write_query_xlsx

ROOT = Path(__file__).resolve().parents[1]
WAREHOUSE = ROOT / "data" / "warehouse.duckdb"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    if not WAREHOUSE.exists():
        pytest.fail("data/warehouse.duckdb is missing: run `make build` (make test builds it first)")
    return export(ROOT, tmp_path_factory.mktemp("export"))


def counts() -> dict[str, int]:
    with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
        return {s.view: con.execute(f"SELECT count(*) FROM {s.view}").fetchone()[0] for s in SHEETS}


def view_columns(view: str) -> list[str]:
    with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
        return [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()]


def test_workbook_has_a_sheet_per_view_with_vietnamese_headers_and_the_warehouse_rows(exported):
    from openpyxl import load_workbook

    book = load_workbook(exported)
    assert book.sheetnames == [s.title for s in SHEETS] + [DICTIONARY_TITLE]
    n = counts()
    for sheet in SHEETS:
        ws = book[sheet.title]
        headers = [c.value for c in ws[1]]
        assert headers == [c.header for c in sheet.columns]
        assert not set(headers) & set(view_columns(sheet.view)), "headers are Vietnamese, not column names"
        assert ws.max_row - 1 == n[sheet.view] > 0, sheet.title
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}" \
            f"{ws.max_row}"
        # every column of the view is in the sheet (names and codes next to it)
        assert set(view_columns(sheet.view)) <= {c.name for c in sheet.columns}, sheet.view
    dictionary = book[DICTIONARY_TITLE]
    assert [c.value for c in dictionary[1]] == [c.header for c in DICTIONARY]
    assert dictionary.max_row - 1 == sum(len(s.columns) + 1 for s in SHEETS)
    assert all(row[4].value for row in dictionary.iter_rows(min_row=2)), "every column has a meaning"


def test_dates_are_dates_and_numbers_are_numbers_in_vietnamese_formats(exported):
    from openpyxl import load_workbook

    ws = load_workbook(exported)["Giải ngân"]
    header = {c.value: c.column for c in ws[1]}
    rows = list(ws.iter_rows(min_row=2))
    loc_binh = next(r for r in rows if r[header["Kế hoạch vốn (đồng)"] - 1].value == 137501000000)
    as_of = loc_binh[header["Đến ngày"] - 1]
    assert as_of.is_date and as_of.value == dt.datetime(2024, 9, 13) and as_of.number_format == "[$-42A]d/m/yyyy"
    rate = loc_binh[header["Tỷ lệ giải ngân báo cáo nêu (%)"] - 1]
    assert rate.value == pytest.approx(41.4) and rate.number_format == "[$-42A]#,##0.0#"
    assert loc_binh[header["Đã giải ngân (đồng)"] - 1].number_format == "[$-42A]#,##0"
    assert loc_binh[header["Báo cáo"] - 1].value == "TB-UBND 9/2024 · kiểm tra huyện Lộc Bình"
    figures = load_workbook(exported)["Số liệu"]
    h = {c.value: c.column - 1 for c in figures[1]}
    kinds = {(r[h["Đơn vị"]].value, r[h["Giá trị (theo đơn vị ở cột Đơn vị)"]].number_format)
             for r in figures.iter_rows(min_row=2)}
    assert ("đồng", "[$-42A]#,##0") in kinds and ("%", "[$-42A]#,##0.0#") in kinds and ("năm", "0") in kinds


def test_parquet_files_hold_the_same_views(exported):
    n = counts()
    for sheet in SHEETS:
        table = pq.read_table(exported.parent / f"{sheet.view}.parquet")
        assert table.num_rows == n[sheet.view]
        assert table.column_names == [c.name for c in sheet.columns]
    entries = sum(len(s.columns) + 1 for s in SHEETS)
    assert pq.read_table(exported.parent / "data_dictionary.parquet").num_rows == entries
    assert sorted(p.name for p in exported.parent.iterdir()) == sorted(
        [WORKBOOK, "data_dictionary.parquet"] + [f"{s.view}.parquet" for s in SHEETS])


@pytest.mark.skipif(not SOFFICE and not os.environ.get("CI"),
                    reason="LibreOffice (libreoffice-calc-nogui) not installed")
def test_libreoffice_opens_the_workbook_and_shows_vietnamese_numbers(exported, tmp_path):
    assert SOFFICE, "LibreOffice must be installed in CI (.ci/run installs libreoffice-calc-nogui)"
    # every sheet to CSV, cells as shown (token 9), all sheets (token 12 = -1)
    done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                           "--outdir", str(tmp_path / "csv"), str(exported)],
                          capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr
    n = counts()
    for sheet in SHEETS:
        with (tmp_path / "csv" / f"{exported.stem}-{sheet.title}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == [c.header for c in sheet.columns]
        assert len(rows) - 1 == n[sheet.view], sheet.title
    with (tmp_path / "csv" / f"{exported.stem}-Giải ngân.csv").open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.reader(fh) if "137.501.000.000" in r)
    assert {"41,4", "56.895.000.000", "13/9/2024", "TB-UBND 9/2024 · kiểm tra huyện Lộc Bình"} <= set(row)


def test_one_query_as_a_workbook(tmp_path):
    from openpyxl import load_workbook

    path = write_query_xlsx(["huyen", "ngay", "ty_le", "so"], [("Lộc Bình", dt.date(2024, 9, 13), 41.4, 3),
                                                               ("Bình Gia", None, None, 5)], tmp_path / "q.xlsx")
    ws = load_workbook(path)["Kết quả"]
    assert [c.value for c in ws[1]] == ["huyen", "ngay", "ty_le", "so"] and ws.max_row == 3
    assert ws["B2"].is_date and ws["C2"].value == 41.4 and ws["D3"].value == 5 and ws["B3"].value is None
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D3"


def test_make_query_writes_xlsx(tmp_path):
    if not (ROOT / ".venv" / "bin" / "python").exists() or not WAREHOUSE.exists():
        pytest.skip("needs the project's .venv and built warehouse (make build)")
    out = tmp_path / "xep_hang.xlsx"
    done = subprocess.run(["make", "-s", "query", "FORMAT=xlsx", f"OUT={out}",
                           "Q=SELECT district_name, label FROM rankings WHERE source = 'reported'"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    from openpyxl import load_workbook

    with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
        n = con.execute("SELECT count(*) FROM rankings WHERE source = 'reported'").fetchone()[0]
    assert n > 0 and load_workbook(out)["Kết quả"].max_row - 1 == n and f"{n} dòng" in done.stdout
