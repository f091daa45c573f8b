"""Review in a workbook: `vnreports review` writes it, an analyst edits it (openpyxl, as a spreadsheet would),
`vnreports import` checks it with the build's rules and writes data/raw, and the warehouse follows."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from drafting import PROPOSED, REPORT, STEM, as_docx, draft, new_project, raw_bytes, read
from openpyxl import load_workbook

from vnreports.cli import main
from vnreports.raw.coverage import compute
from vnreports.raw.layer import load_raw

WORKBOOK = f"build/review/{STEM}.xlsx"
N_FIGURES = len(read(Path(__file__).resolve().parents[1] / "data" / "raw" / "figures" / f"{STEM}.csv")[1])


def review(root: Path, capsys) -> Path:
    capsys.readouterr()
    assert main(["--root", str(root), "review", f"data/raw/reports/{REPORT}"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == WORKBOOK
    return root / printed


def import_(root: Path, path: Path, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--root", str(root), "import", str(path)])
    out = capsys.readouterr()
    return code, out.out, out.err


def col(ws, name: str) -> int:
    return [c.value for c in ws[2]].index(name) + 1


def row_of(ws, key: str) -> int:
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == key)


def mark(ws, rows, by="Nguyễn Thị Lan", at=date(2025, 3, 4)) -> None:
    for r in rows:
        ws.cell(r, col(ws, "reviewed")).value = "có"
        ws.cell(r, col(ws, "reviewed_by")).value = by
        ws.cell(r, col(ws, "reviewed_at")).value = at


def data_rows(ws) -> list[int]:
    return [r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value is not None]


def build(root: Path) -> duckdb.DuckDBPyConnection:
    assert main(["--root", str(root), "curate"]) == 0
    assert main(["--root", str(root), "warehouse"]) == 0
    return duckdb.connect(str(root / "data" / "warehouse.duckdb"), read_only=True)


def test_the_workbook_has_every_sheet_dropdown_mark_and_colour(drafted, capsys):
    path = review(drafted, capsys)
    wb = load_workbook(path, rich_text=True)
    assert wb.sheetnames == ["Số liệu", "Báo cáo", "Bỏ qua", "Chỉ tiêu mới", "Hướng dẫn", "Danh mục", "_meta"]
    assert wb["_meta"].sheet_state == "hidden"
    ws = wb["Số liệu"]
    assert ws.freeze_panes == "B3" and ws.auto_filter.ref.startswith("A2:")
    assert ws.cell(1, col(ws, "metric")).value == "Chỉ tiêu"
    assert len(data_rows(ws)) == N_FIGURES
    by_column = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in ws.data_validations.dataValidation}
    letters = {n: ws.cell(2, col(ws, n)).column_letter for n in
               ("programme", "project", "metric", "figure_type", "unit", "district", "commune", "reviewed")}
    assert set(letters.values()) <= set(by_column)
    assert all(by_column[x].formula1.startswith("'Danh mục'!") for x in letters.values())
    lists_ws = wb["Danh mục"]
    metric_list = by_column[letters["metric"]].formula1.split("!")[1].replace("$", "").split(":")
    entries = [c.value for c in lists_ws[metric_list[0]:metric_list[1]] for c in c]
    assert "disbursement_rate — Tỷ lệ giải ngân (% kế hoạch vốn giao)" in entries and any(e.startswith(PROPOSED) for e in entries)
    # The number is marked in its quote; drafted rows are coloured; low confidence stands out.
    r = row_of(ws, "f009")
    quote = ws.cell(r, col(ws, "quote")).value
    bold = [b.text for b in quote if not isinstance(b, str) and b.font.b]
    assert bold == ["17,04%"]
    reviewed, drafted_row = row_of(ws, "f001"), row_of(ws, "f022")
    assert ws.cell(reviewed, 1).fill.fgColor.rgb in ("00000000", None)
    assert ws.cell(drafted_row, 1).fill.fgColor.rgb.endswith("FFF2CC")
    assert ws.cell(drafted_row, col(ws, "confidence")).value == 0.45
    assert ws.cell(drafted_row, col(ws, "confidence")).fill.fgColor.rgb.endswith("F8CBAD")
    assert ws.cell(drafted_row, col(ws, "reviewed")).value == "không"
    assert ws.cell(reviewed, col(ws, "as_of")).value.date() == date(2024, 4, 23)
    assert ws.cell(row_of(ws, "f002"), col(ws, "value")).value == 9142
    assert ws.column_dimensions["A"].width >= 10
    n_skips = len(read(Path(__file__).resolve().parents[1] / "data" / "raw" / "skips" / f"{STEM}.csv")[1])
    assert [len(data_rows(wb[s])) for s in ("Báo cáo", "Bỏ qua", "Chỉ tiêu mới")] == [1, n_skips, 1]
    assert "Cần kiểm tra gì" in "\n".join(str(c.value) for c in wb["Hướng dẫn"]["A"])


def test_a_round_trip_without_edits_changes_nothing(drafted, capsys):
    before = raw_bytes(drafted)
    code, out, err = import_(drafted, review(drafted, capsys), capsys)
    assert code == 0, err
    assert "nothing to change" in out
    assert raw_bytes(drafted) == before


def test_a_fully_reviewed_report_round_trips_byte_for_byte(tmp_path, capsys):
    root = new_project(tmp_path / "p")
    before = raw_bytes(root)
    code, out, err = import_(root, review(root, capsys), capsys)
    assert code == 0 and "nothing to change" in out, err
    assert raw_bytes(root) == before


def test_only_rows_marked_reviewed_become_reviewed_and_a_second_import_changes_nothing(drafted, capsys):
    path = review(drafted, capsys)
    wb = load_workbook(path)
    ws = wb["Số liệu"]
    mark(ws, [row_of(ws, f) for f in ("f024", "f026", "f027")])
    wb.save(path)
    before = raw_bytes(drafted)
    code, out, err = import_(drafted, path, capsys)
    assert code == 0, err
    assert f"đã duyệt {N_FIGURES - 12 + 3}/{N_FIGURES} số liệu" in out and "3 row(s) newly reviewed" in out
    header, rows = read(drafted / "data" / "raw" / "figures" / f"{STEM}.csv")
    assert header[-2:] == ["reviewed_by", "reviewed_at"]
    assert [(r["figure_id"], r["reviewed_by"], r["reviewed_at"]) for r in rows[-3:]] == [
        (f, "Nguyễn Thị Lan", "2025-03-04") for f in ("f024", "f026", "f027")]
    assert all(r["reviewed_by"] == "" for r in rows[:-3])
    _, drafts = read(drafted / "data" / "raw" / "drafts" / f"{STEM}.figures.csv")
    assert [r["figure_id"] for r in drafts] == ["f022", "f023"] + [f"f0{n}" for n in range(28, 35)]
    # Nothing else moved: the drafted registry row, skips and metric stay drafts, byte for byte.
    after = raw_bytes(drafted)
    for name in (f"drafts/{STEM}.registry.csv", f"drafts/{STEM}.skips.csv", f"drafts/{STEM}.metrics.csv",
                 "reports.csv", "metrics.csv", f"skips/{STEM}.csv"):
        assert after[name] == before[name], name
    code, out, err = import_(drafted, path, capsys)
    assert code == 0 and "nothing to change" in out, err
    assert raw_bytes(drafted) == after
    # Tomorrow, in the same workbook: the rest, and the proposed metric f023 uses.
    wb = load_workbook(path)
    ws = wb["Số liệu"]
    mark(ws, data_rows(ws)[-12:])
    mark(wb["Chỉ tiêu mới"], [3])
    wb.save(path)
    code, out, err = import_(drafted, path, capsys)
    assert code == 0 and f"đã duyệt {N_FIGURES}/{N_FIGURES} số liệu" in out, err
    assert not (drafted / "data" / "raw" / "drafts" / f"{STEM}.figures.csv").exists()


def test_partial_review_shows_in_the_warehouse(drafted, capsys):
    path = review(drafted, capsys)
    wb = load_workbook(path)
    ws = wb["Số liệu"]
    mark(ws, [row_of(ws, f) for f in ("f024", "f026")])
    wb.save(path)
    assert import_(drafted, path, capsys)[0] == 0
    con = build(drafted)
    label, = con.execute("SELECT label FROM mart_review_progress WHERE report_file = ?", [REPORT]).fetchone()
    assert label == f"đã duyệt {N_FIGURES - 12 + 2}/{N_FIGURES} số liệu"
    flags = dict(con.execute("SELECT figure_id, reviewed FROM figures WHERE report_file = ?", [REPORT]).fetchall())
    assert flags["f026"] is True and flags["f027"] is False and flags["f001"] is True


def test_analyst_edits_reach_the_warehouse(tmp_path, capsys):
    """The whole report drafted (as `make add` leaves a new one); the analyst changes a metric, fixes a value,
    deletes a figure (and skips its number instead), accepts the proposed metric and reviews everything."""
    root = new_project(tmp_path / "p")
    draft(root, figures=None, registry=True, skips=99, metric=True)
    path = review(root, capsys)
    wb = load_workbook(path)
    ws = wb["Số liệu"]
    ws.cell(row_of(ws, "f002"), col(ws, "value")).value = 9.142  # the other reading of '9,142 triệu đồng'
    ws.cell(row_of(ws, "f005"), col(ws, "metric")).value = "budget_reserve_rate — Tỷ lệ dự phòng ngân sách"
    gone = row_of(ws, "f021")
    ws.delete_rows(gone)
    mark(ws, data_rows(ws))
    raw = load_raw(root / "data" / "raw")
    report = next(r for r in raw.reports if r.file_name == REPORT)
    rows = [f.row for f in raw.figures if f.report_file == REPORT and f.row["figure_id"] != "f021"]
    sk = wb["Bỏ qua"]
    skipped = {(sk.cell(r, 1).value, sk.cell(r, 2).value) for r in data_rows(sk)}
    missing = [m for m in compute(report, rows, [], "").missing if (m.line, m.column) not in skipped]
    assert missing
    for m in missing:
        sk.append([m.line, m.column, "có", "Nguyễn Thị Lan", date(2025, 3, 4), None, m.text,
                       "other: mục tiêu chung, không phải số liệu", None])
    mark(sk, data_rows(sk))
    mark(wb["Báo cáo"], [3])
    mark(wb["Chỉ tiêu mới"], [3])
    wb.save(path)
    code, out, err = import_(root, path, capsys)
    assert code == 0, err
    assert f"đã duyệt {N_FIGURES - 1}/{N_FIGURES - 1} số liệu" in out and "1 deleted" in out
    assert not (root / "data" / "raw" / "drafts").exists() or not any((root / "data" / "raw" / "drafts").iterdir())
    con = build(root)
    got = {fid: (metric, value, reviewed) for fid, metric, value, reviewed in con.execute(
        "SELECT figure_id, metric_code, value, reviewed FROM figures WHERE report_file = ?", [REPORT]).fetchall()}
    assert len(got) == N_FIGURES - 1 and "f021" not in got and all(r for _, _, r in got.values())
    assert got["f002"][1] == pytest.approx(9_142_000)
    assert got["f005"][0] == "budget_reserve_rate"
    assert con.execute("SELECT label, registry_reviewed FROM mart_review_progress WHERE report_file = ?",
                       [REPORT]).fetchone() == (f"đã duyệt {N_FIGURES - 1}/{N_FIGURES - 1} số liệu", True)
    assert con.execute("SELECT proposed FROM dim_metric WHERE metric_code = ?", [PROPOSED]).fetchone() == (False,)


def test_a_column_of_the_analysts_own_is_kept_out_and_named(drafted, capsys):
    path = review(drafted, capsys)
    wb = load_workbook(path)
    ws = wb["Số liệu"]
    extra = ws.max_column + 1
    ws.cell(1, extra).value = "Ghi chú riêng"
    ws.cell(row_of(ws, "f030"), extra).value = "hỏi lại phòng Tài chính"
    ws.cell(ws.max_row + 2, extra).value = "chỉ là ghi chú ở dưới bảng"
    mark(ws, [row_of(ws, "f030")])
    wb.save(path)
    code, out, err = import_(drafted, path, capsys)
    assert code == 0, err
    assert "1 row(s) newly reviewed" in out and "«Ghi chú riêng» has no machine name on row 2" in out
    _, rows = read(drafted / "data" / "raw" / "figures" / f"{STEM}.csv")
    assert "hỏi lại" not in str(rows)


def test_errors_name_sheet_row_and_column(drafted, capsys):
    path = review(drafted, capsys)
    wb = load_workbook(path)
    ws = wb["Số liệu"]
    r = row_of(ws, "f030")
    ws.cell(r, col(ws, "figure_type")).value = "thực hiện"
    wb.save(path)
    before = raw_bytes(drafted)
    code, _, err = import_(drafted, path, capsys)
    assert code == 1 and raw_bytes(drafted) == before
    letter = ws.cell(2, col(ws, "figure_type")).column_letter
    assert f"sheet 'Số liệu', hàng (row) {r}, cột (column) {letter} «Loại số liệu» (figure_type)" in err
    assert "unknown figure_type 'thực hiện'" in err and "how to fix" in err and "dropdown" in err


def test_a_workbook_from_an_older_draft_is_refused(drafted, capsys):
    path = review(drafted, capsys)
    stale = path.with_name("stale.xlsx")
    shutil.copy(path, stale)
    draft_csv = drafted / "data" / "raw" / "drafts" / f"{STEM}.figures.csv"
    draft_csv.write_text(draft_csv.read_text(encoding="utf-8").replace(",0.45\n", ",0.5\n", 1), encoding="utf-8")
    wb = load_workbook(stale)
    mark(wb["Số liệu"], [row_of(wb["Số liệu"], "f030")])
    wb.save(stale)
    before = raw_bytes(drafted)
    code, _, err = import_(drafted, stale, capsys)
    assert code == 1 and "older state" in err and "make review" in err
    assert raw_bytes(drafted) == before


def test_a_docx_report_is_reviewed_against_its_derived_text(tmp_path, capsys):
    root = new_project(tmp_path / "p")
    draft(root, figures=4, registry=True)
    name = as_docx(root)
    capsys.readouterr()
    assert main(["--root", str(root), "review", f"data/raw/reports/{name}"]) == 0
    path = root / capsys.readouterr().out.strip()
    wb = load_workbook(path)
    mark(wb["Số liệu"], [row_of(wb["Số liệu"], "f031")])
    mark(wb["Báo cáo"], [3])
    wb.save(path)
    text = root / "data" / "raw" / "texts" / f"{STEM}.txt"
    original = text.read_bytes()
    text.write_bytes(original + b"\n")  # `make add` derived the text again, differently
    code, _, err = import_(root, path, capsys)
    assert code == 1 and f"the report's text data/raw/texts/{STEM}.txt changed" in err
    text.write_bytes(original)
    code, out, err = import_(root, path, capsys)
    assert code == 0 and f"đã duyệt {N_FIGURES - 3}/{N_FIGURES} số liệu" in out, err
    _, reports = read(root / "data" / "raw" / "reports.csv")
    assert name in [r["file_name"] for r in reports]
