"""End to end: raw -> curated, provenance, determinism, and refusal of bad input."""

import csv
import hashlib
import re
import unicodedata
from pathlib import Path

import polars as pl
import pytest

from vnreports.cli import main


def curate(root: Path) -> int:
    return main(["--root", str(root), "curate"])


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def edit_figures(root: Path, stem: str, fn) -> None:
    path = root / "data" / "raw" / "figures" / f"{stem}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fields = list(rows[0])
    rows = fn(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def set_field(figure_id: str, column: str, value: str):
    def fn(rows):
        for r in rows:
            if r["figure_id"] == figure_id:
                r[column] = value
        return rows
    return fn


LOC_BINH_2024 = "002_4e207c460703e976"
BINH_GIA = "000_edc1c87e7c96d231"


@pytest.fixture
def built(project: Path) -> Path:
    assert curate(project) == 0
    return project


def test_curated_covers_every_report_with_verified_quotes(built: Path):
    figures = pl.read_parquet(built / "data" / "curated" / "figures.parquet")
    reports = pl.read_parquet(built / "data" / "curated" / "reports.parquet")
    assert sorted(figures["report_file"].unique()) == sorted(reports["report_file"]) and reports.height == 5
    assert figures.height > 100
    texts = {
        r: re.sub(r"\s+", " ", unicodedata.normalize("NFC", (built / "data/raw/reports" / r).read_text("utf-8")))
        for r in reports["report_file"]
    }
    for row in figures.iter_rows(named=True):
        quote = re.sub(r"\s+", " ", row["quote"]).strip()
        assert quote in texts[row["report_file"]]
        assert re.sub(r"\s+", " ", row["number_text"]) in quote


def test_curated_values_are_typed_and_exact(built: Path):
    f = pl.read_parquet(built / "data" / "curated" / "figures.parquet")
    assert f.schema["value_canonical"] == pl.Decimal(38, 6)
    assert f.schema["amount_vnd"] == pl.Int64 and f.schema["as_of"] == pl.Date
    loc = f.filter((pl.col("report_file") == f"{LOC_BINH_2024}.txt") & (pl.col("metric_code") == "disbursement_rate")
                   & (pl.col("programme_code") == "ctmtqg") & (pl.col("project_code").is_null()))
    rank = loc.filter(pl.col("unit") == "thứ hạng")
    assert rank.select("rank", "rank_of").row(0) == (4, 11)
    assert str(loc.filter(pl.col("unit") == "%")["value"][0]) == "41.400000"
    disbursed = f.filter((pl.col("report_file") == f"{LOC_BINH_2024}.txt") & (pl.col("metric_code") == "disbursed")
                         & (pl.col("number_text") == "56,895 tỷ đồng/137,501 tỷ đồng"))
    assert disbursed["amount_vnd"].to_list() == [56_895_000_000]
    revenue = f.filter((pl.col("report_file") == f"{BINH_GIA}.txt") & (pl.col("metric_code") == "budget_revenue"))
    assert revenue["amount_vnd"].to_list() == [9_142_000_000]
    assert revenue["reading_note"][0]  # the ambiguous comma carries its reading


def test_aliases_used_are_recorded(built: Path):
    aliases = pl.read_parquet(built / "data" / "curated" / "place_aliases_used.parquet")
    assert {"Trảng Định", "Lục Bình", "Sào Viên"} <= set(aliases["name_written"])


def test_same_inputs_same_bytes(built: Path):
    first = snapshot(built / "data" / "curated")
    assert curate(built) == 0
    assert snapshot(built / "data" / "curated") == first


BAD_EDITS = [
    ("quote not in report", set_field("f002", "quote", "Tổng thu ngân sách đạt 9,999 triệu đồng"), "quote"),
    ("number not in quote", set_field("f002", "number_text", "9,143 triệu đồng"), "number_text"),
    ("ambiguous without a note", set_field("f002", "reading_note", ""), "reading_note"),
    ("value not a reading", set_field("f002", "value", "914.2"), "value"),
    ("value with VN separators", set_field("f002", "value", "9.142,0"), "value"),
    ("unknown commune", set_field("f019", "commune", "Hoa Thảm"), "commune"),
    ("unknown metric", set_field("f002", "metric", "revenue"), "metric"),
    ("impossible date", set_field("f002", "as_of", "2024-02-31"), "as_of"),
    ("as_of after signing", set_field("f002", "as_of", "2024-05-30"), "as_of"),
]


@pytest.mark.parametrize("label, edit, column", BAD_EDITS, ids=[b[0] for b in BAD_EDITS])
def test_bad_rows_are_refused_and_nothing_is_written(built: Path, capsys, label, edit, column):
    before = snapshot(built / "data" / "curated")
    edit_figures(built, BINH_GIA, edit)
    capsys.readouterr()
    assert curate(built) == 1
    err = capsys.readouterr().err
    assert "BUILD REFUSED" in err
    assert re.search(rf"data/raw/figures/{BINH_GIA}\.csv:\d+:\d+ \(column '{column}'\)", err), err
    assert "how to fix:" in err
    assert snapshot(built / "data" / "curated") == before


def test_malformed_csv_names_the_line(built: Path, capsys):
    path = built / "data" / "raw" / "figures" / f"{BINH_GIA}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].replace('"', "", 1)  # an opening quote lost -> wrong field count
    lines.insert(6, 'f999,Bình Gia,,nsnn_thu,,budget_revenue,actual,"9,142 triệu đồng,9142\n')
    path.write_text("".join(lines), encoding="utf-8")
    assert curate(built) == 1
    err = capsys.readouterr().err
    assert f"{BINH_GIA}.csv:5:" in err or f"{BINH_GIA}.csv:7:" in err


def test_legacy_encoding_is_refused_with_position(built: Path, capsys):
    path = built / "data" / "raw" / "figures" / f"{BINH_GIA}.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-8").replace("Bình Gia".encode(), "B\xecnh Gia".encode("latin-1")))
    assert curate(built) == 1
    err = capsys.readouterr().err
    assert "is not UTF-8" in err and re.search(rf"{BINH_GIA}\.csv:\d+:\d+", err)


def test_missing_report_file_is_refused(built: Path, capsys):
    (built / "data" / "raw" / "reports" / f"{BINH_GIA}.txt").rename(built / "data" / "raw" / "reports" / "renamed.txt")
    assert curate(built) == 1
    err = capsys.readouterr().err
    assert "does not exist (missing or renamed?)" in err and "renamed.txt is not in the registry" in err


LINK_EDITS = [
    ("part_of unknown", "003_1888fe766e455f9b", set_field("f044", "part_of", "f999"), "part_of"),
    ("part_of other unit", "003_1888fe766e455f9b", set_field("f044", "part_of", "f042"), "part_of"),
    ("computed_from bad syntax", "003_1888fe766e455f9b", set_field("f038", "computed_from", "f036*f037"), "computed_from"),
    ("computed_from without denominator", "003_1888fe766e455f9b", set_field("f038", "computed_from", "f037"), "computed_from"),
    ("listed item not in report", "003_1888fe766e455f9b", set_field("f034", "listed_items", "Nà Ké; Cầu Ma"), "listed_items"),
]


@pytest.mark.parametrize("label, stem, edit, column", LINK_EDITS, ids=[b[0] for b in LINK_EDITS])
def test_bad_links_are_refused(built: Path, capsys, label, stem, edit, column):
    edit_figures(built, stem, edit)
    assert curate(built) == 1
    assert re.search(rf"{stem}\.csv:\d+:\d+ \(column '{column}'\)", capsys.readouterr().err)
