"""`make add`: a report file (.txt, .docx, scanned .pdf) becomes a draft the build accepts, never shown as reviewed;
bad files are refused with one clear message and nothing written."""

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest

from vnreports.cli import main
from vnreports.documents.text import ocr_available

ROOT = Path(__file__).resolve().parents[1]
NEW = ROOT / "tests" / "new_reports" / "tb_kiem_tra_van_lang_2025.txt"
BAD = ROOT / "tests" / "bad_inputs" / "add"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "sql", root / "sql")
    return root


def tree(path: Path) -> dict[str, str]:
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def build(root: Path) -> duckdb.DuckDBPyConnection:
    assert main(["--root", str(root), "curate"]) == 0
    assert main(["--root", str(root), "warehouse"]) == 0
    return duckdb.connect(str(root / "data" / "warehouse.duckdb"), read_only=True)


def added(root: Path) -> Path:
    return max((root / "data" / "raw" / "reports").glob("005_*"))


def make_docx(text: str, path: Path) -> None:
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(line)}</w:t></w:r></w:p>" for line in text.splitlines())
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", doc)


def make_scan(text: str, path: Path) -> None:
    """An image-only PDF (no text layer), as a scanner makes it: the text drawn at 200 dpi."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 30)
    lines = [x for x in text.splitlines()]
    page = Image.new("L", (1700, 60 + 44 * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(lines):
        draw.text((80, 40 + 44 * i), line, font=font, fill=0)
    page.save(path, "PDF", resolution=200)


def test_a_txt_report_is_drafted_and_built_unreviewed(project):
    assert main(["--root", str(project), "add", str(NEW)]) == 0
    report = added(project)
    assert report.read_bytes() == NEW.read_bytes()  # raw stays immutable: the file as it came
    stem = report.stem
    drafts = project / "data" / "raw" / "drafts"
    assert (drafts / f"{stem}.registry.csv").exists() and (drafts / f"{stem}.skips.csv").exists()
    registry = (drafts / f"{stem}.registry.csv").read_text(encoding="utf-8")
    assert "215/TB-UBND" in registry and "Văn Lãng" in registry and "2025-05-14" in registry
    con = build(project)
    rows = con.execute("SELECT metric_code, value, unit, reviewed FROM figures WHERE report_file = ?",
                       [report.name]).fetchall()
    assert len(rows) >= 6 and all(r[3] is False for r in rows)
    assert ("disbursement_rate", 29.9, "%", False) in rows
    # nothing an analyst reads as analysis rests on a draft
    assert con.execute("SELECT count(*) FROM rankings WHERE report_file = ?", [report.name]).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM fact_figure WHERE report_file = ?", [report.name]).fetchone()[0] == 0
    label = con.execute("SELECT label FROM mart_review_progress WHERE report_file = ?", [report.name]).fetchone()[0]
    assert label == f"đã duyệt 0/{len(rows)} số liệu"
    assert main(["--root", str(project), "coverage"]) == 0


def test_a_drafted_row_cannot_pass_as_reviewed(project):
    assert main(["--root", str(project), "add", str(NEW)]) == 0
    stem = added(project).stem
    draft = project / "data" / "raw" / "drafts" / f"{stem}.figures.csv"
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace(",confidence", ",reviewed_by", 1), encoding="utf-8")  # pretend it was reviewed
    assert main(["--root", str(project), "curate"]) == 1


def test_a_docx_report_gets_its_text_derived_once(project, tmp_path):
    src = tmp_path / "bao_cao.docx"
    make_docx(NEW.read_text(encoding="utf-8"), src)
    assert main(["--root", str(project), "add", str(src)]) == 0
    report = added(project)
    text = project / "data" / "raw" / "texts" / f"{report.stem}.txt"
    meta = json.loads((project / "data" / "raw" / "texts" / f"{report.stem}.json").read_text(encoding="utf-8"))
    assert meta["method"] == "docx" and meta["source_sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
    assert "29,9%" in text.read_text(encoding="utf-8")
    con = build(project)
    assert con.execute("SELECT count(*) FROM figures WHERE report_file = ? AND NOT reviewed",
                       [report.name]).fetchone()[0] >= 6


@pytest.mark.skipif(ocr_available() is not None or not FONT.exists(), reason="needs tesseract-ocr-vie and fonts-dejavu")
def test_a_scanned_pdf_is_read_by_ocr(project, tmp_path):
    src = tmp_path / "scan.pdf"
    make_scan(NEW.read_text(encoding="utf-8"), src)
    assert main(["--root", str(project), "add", str(src)]) == 0
    report = added(project)
    meta = json.loads((project / "data" / "raw" / "texts" / f"{report.stem}.json").read_text(encoding="utf-8"))
    assert meta["method"].startswith("pdf-ocr pages 1")
    con = build(project)
    values = {r[0] for r in con.execute("SELECT number_text FROM figures WHERE report_file = ?",
                                        [report.name]).fetchall()}
    assert {"29,9%", "15/19 tiêu chí"} <= values


CASES = sorted(p.name for p in BAD.iterdir() if (p / "case.json").exists())


@pytest.mark.parametrize("case", CASES)
def test_bad_files_are_refused_with_one_message_and_nothing_written(case, project, tmp_path, capsys, monkeypatch):
    spec = json.loads((BAD / case / "case.json").read_text(encoding="utf-8"))
    src = (BAD / case / spec["file"]).resolve()
    if spec.get("make") == "scanned_pdf":
        if not FONT.exists():
            pytest.skip("needs fonts-dejavu")
        src = tmp_path / spec["file"]
        make_scan(NEW.read_text(encoding="utf-8"), src)
    if spec.get("add_first"):
        assert main(["--root", str(project), "add", str(src)]) == 0
    if spec.get("add_first_file"):
        assert main(["--root", str(project), "add", str((BAD / case / spec["add_first_file"]).resolve())]) == 0
    if spec.get("no_ocr"):
        monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    before = tree(project / "data")
    capsys.readouterr()
    assert main(["--root", str(project), "add", str(src)]) == 2
    err = capsys.readouterr().err
    assert spec["error"] in err and "Nothing was written" in err and err.count("ADD REFUSED") == 1
    assert tree(project / "data") == before


@pytest.mark.parametrize("name, expected", [
    ("bc_6_thang_cao_loc_2025.txt", {"doc_number": "88/BC-UBND", "issuing_body": "UBND huyện Cao Lộc",
                                     "signer": "Lương Văn Hùng", "place": "Cao Lộc", "date_signed": "2025-07-05",
                                     "signer_title": "TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch",
                                     "period_start": "2025-01-01", "period_end": "2025-06-30"}),
    ("tb_lam_viec_dinh_lap_2024.txt", {"doc_type": "TB-VP", "issuing_body": "Văn phòng UBND tỉnh Lạng Sơn",
                                       "signer": "Nguyễn Thị Lan", "event_date": "2024-11-28",
                                       "concluding_official": "Đoàn Thanh Sơn, Phó Chủ tịch UBND tỉnh",
                                       "subject_districts": "Đình Lập"}),
])
def test_the_registry_row_is_read_from_header_title_and_signature(name, expected):
    """Two-column headers (body beside the national motto), signature beside the recipients, title-first officials."""
    from vnreports.assistant.registry import draft_registry
    from vnreports.notation.places import PlaceIndex

    raw = ROOT / "data" / "raw"
    row, _, _ = draft_registry(name, (ROOT / "tests" / "new_reports" / name).read_text(encoding="utf-8"),
                               PlaceIndex.load(raw / "reference", raw / "place_aliases.csv"))
    assert {k: row[k] for k in expected} == expected


def test_messy_notation_is_drafted_and_accepted(project):
    """Units glued to numbers, '53,2 %', doubled units, multiplier words, ranks in words, ranges and thresholds."""
    assert main(["--root", str(project), "add", str(ROOT / "tests" / "new_reports" / "bc_ktxh_loc_binh_2024.txt")]) == 0
    report = added(project)
    con = build(project)
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT number_text, value, unit, figure_type FROM figures WHERE report_file = ?", [report.name]).fetchall()}
    assert rows["8.375ha"][:2] == (8375.0, "ha") and rows["986,5km2"][:2] == (986.5, "km2")
    assert rows["53,2 %"][:2] == (53.2, "%") and rows["xếp thứ hai"][:2] == (2.0, "thứ hạng")
    assert rows["2,5 nghìn tỷ đồng"][:2] == (2.5e12, "đồng") and rows["215,6 tỷ đồng"][:2] == (215.6e9, "đồng")
    assert rows["14 - 16 xã"][2] == "target" and rows["7 - 7,5%"][2] == "target" and rows["100%"][2] == "target"
    skipped = (project / "data" / "raw" / "drafts" / f"{report.stem}.skips.csv").read_text(encoding="utf-8")
    assert "Kỳ họp thứ 7" not in {r for r in rows} and ",7,ordinal," in skipped and ",301,document_number," in skipped


def test_add_review_edit_import_build_gives_reviewed_figures(project, capsys):
    """The four commands of the README on a new report: the edited figures land with reviewed = true."""
    from datetime import date

    from openpyxl import load_workbook

    assert main(["--root", str(project), "add", str(NEW)]) == 0
    report = added(project)
    capsys.readouterr()
    assert main(["--root", str(project), "review", f"data/raw/reports/{report.name}"]) == 0
    workbook = project / capsys.readouterr().out.strip()
    wb = load_workbook(workbook)
    ws = wb["Số liệu"]
    names = [c.value for c in ws[2]]
    col = {n: names.index(n) + 1 for n in names if n}
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value]
    rate = next(r for r in rows if ws.cell(r, col["number_text"]).value == "29,9%")
    ws.cell(rate, col["metric"]).value = "disbursement_rate_allocated"  # the analyst corrects the metric
    for r in rows[:4] + [rate]:
        ws.cell(r, col["reviewed"]).value = "có"
        ws.cell(r, col["reviewed_by"]).value = "Nguyễn Thị Lan"
        ws.cell(r, col["reviewed_at"]).value = date(2026, 12, 1)
    wb.save(workbook)
    assert main(["--root", str(project), "import", str(workbook)]) == 0
    con = build(project)
    got = con.execute("SELECT number_text, metric_code, reviewed FROM figures WHERE report_file = ?",
                      [report.name]).fetchall()
    assert ("29,9%", "disbursement_rate_allocated", True) in got
    reviewed = sum(1 for r in got if r[2])
    assert reviewed == len(set(rows[:4] + [rate])) and reviewed < len(got)
    label = con.execute("SELECT label FROM mart_review_progress WHERE report_file = ?", [report.name]).fetchone()[0]
    assert label == f"đã duyệt {reviewed}/{len(got)} số liệu"
    # reviewed figures now feed the marts; the drafts still do not
    assert con.execute("SELECT count(*) FROM fact_figure WHERE report_file = ?", [report.name]).fetchone()[0] == reviewed


def make_docx_with_table(paragraphs: list[str], table: list[list[str]], path: Path) -> None:
    from xml.sax.saxutils import escape

    para = lambda t: f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(t)}</w:t></w:r></w:p>"  # noqa: E731
    rows = "".join("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>" for row in table)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{"".join(para(p) for p in paragraphs)}<w:tbl>{rows}</w:tbl>'
           f'{para("Nơi nhận:")}{para("TM. ỦY BAN NHÂN DÂN")}{para("CHỦ TỊCH")}{para("Hoàng Văn Minh")}</w:body></w:document>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", doc)


def test_a_plan_with_a_table_of_indicators_lands_whole_with_units_from_its_columns(project, tmp_path):
    """Every cell of the indicators table reaches the warehouse (none refused into skips), money per head and
    dollars in their own units, each year's column dated to its year."""
    src = tmp_path / "ke_hoach.docx"
    make_docx_with_table(
        ["ỦY BAN NHÂN DÂN", "HUYỆN BÌNH GIA", "Số: 45/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
         "Bình Gia, ngày 20 tháng 12 năm 2024", "KẾ HOẠCH", "Phát triển kinh tế - xã hội năm 2025",
         "I. CÁC CHỈ TIÊU CHỦ YẾU", "Các chỉ tiêu cụ thể như sau:"],
        [["TT", "Chỉ tiêu", "Đơn vị tính", "Ước thực hiện 2024", "Kế hoạch 2025"],
         ["1", "Tốc độ tăng trưởng giá trị sản xuất", "%", "7,8", "8,5"],
         ["2", "Thu nhập bình quân đầu người", "Triệu đồng/người/năm", "45,2", "49,0"],
         ["3", "Kim ngạch xuất nhập khẩu", "Triệu USD", "58,2", "62"],
         ["4", "Tỷ lệ che phủ rừng", "%", "61,4", "61,8"]], src)
    assert main(["--root", str(project), "add", str(src)]) == 0
    con = build(project)
    got = {r[0]: r[1:] for r in con.execute(
        "SELECT number_text, unit, figure_type, as_of::VARCHAR, metric_code, reviewed FROM figures "
        "WHERE report_file LIKE '005_%'").fetchall()}
    cells = {"7,8", "8,5", "45,2", "49,0", "58,2", "62", "61,4", "61,8"}
    assert cells <= set(got), sorted(set(got))
    assert got["45,2"][:4] == ("đồng/người/năm", "forecast", "2024-12-31", "income_per_capita")  # canonical unit
    assert got["62"][:2] == ("USD", "target") and got["61,8"][3] == "forest_cover_rate"
    assert not any(reviewed for *_, reviewed in got.values())
    usd = con.execute("SELECT value_canonical, unit_canonical FROM fact_figure_draft WHERE number_text = '58,2'").fetchone()
    assert (float(usd[0]), usd[1]) == (58_200_000.0, "USD")
