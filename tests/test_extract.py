"""The extraction assistant: finds figures, recognises non-figures, marks ambiguity, reads .docx/.pdf."""

import csv
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from vnreports.assistant.draft import DRAFT_COLUMNS, extract
from vnreports.cli import main
from vnreports.documents.text import ocr_available, read_document
from vnreports.notation.mentions import classify, find_mentions

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (
    "Ngày 12/5/2025, đồng chí Phó Chủ tịch UBND tỉnh kiểm tra tại huyện Bảo Lâm theo Quyết định số "
    "1234/QĐ-UBND ngày 15/3/2025 của UBND tỉnh. Kết quả đạt tích cực1, tổng thu ngân sách trên địa bàn "
    "đạt 45.320 triệu đồng, đạt 61,2% dự toán tỉnh giao. Giải ngân vốn đầu tư công đạt 3,215 tỷ đồng, "
    "đứng thứ 02/13 huyện, thành phố. Xã Lý Bôn đạt 09/19 tiêu chí, phấn đấu đạt chuẩn nông thôn mới năm 2025. "
    "Yêu cầu giải ngân đến hết ngày 31/12/2025 đạt 100% kế hoạch vốn. Kỷ niệm 80 năm Ngày Thương binh; "
    "kỳ họp thứ 12 HĐND huyện. Đã hỗ trợ 1.250 hộ, diện tích hơn 25.271,9 ha.\n"
)


def by_text(rows):
    return {r["number_text"]: r for r in rows}


def test_finds_the_figures_with_units_ranks_and_targets():
    rows = by_text(extract(SAMPLE))
    assert rows["45.320 triệu đồng"]["value"] == "45320" and rows["45.320 triệu đồng"]["unit"] == "triệu đồng"
    assert rows["61,2%"]["value"] == "61.2"
    rank = rows["đứng thứ 02/13"]
    assert (rank["value"], rank["denominator"], rank["unit"]) == ("2", "13", "thứ hạng")
    crit = rows["09/19 tiêu chí"]
    assert (crit["value"], crit["denominator"], crit["commune"]) == ("9", "19", "Lý Bôn")
    # the year a commune is to reach the new-rural standard is a target; any other year is a period label
    assert rows["năm 2025"]["figure_type"] == "target" and rows["năm 2025"]["metric"] == "ntm_target_year"
    plan = by_text(extract("Kế hoạch năm 2025 của huyện: phấn đấu đến năm 2025 tổng thu ngân sách đạt 45 tỷ đồng."))
    assert "năm 2025" not in plan and plan["45 tỷ đồng"]["figure_type"] == "target"
    target = rows["100%"]
    assert (target["figure_type"], target["deadline"], target["deadline_text"]) == (
        "target", "2025-12-31", "đến hết ngày 31/12/2025")
    assert rows["1.250 hộ"]["value"] == "1250" and rows["1.250 hộ"]["unit"] == "hộ"
    assert rows["hơn 25.271,9 ha"]["value"] == "25271.9"
    assert all(r["district"] == "Bảo Lâm" for r in rows.values() if not r["commune"])
    assert all(r["number_text"].replace("  ", " ") in r["quote"] for r in rows.values())


def test_ambiguous_notation_gets_the_standard_reading_flagged_for_review():
    row = by_text(extract(SAMPLE))["3,215 tỷ đồng"]
    assert row["value"] == "3.215" and "cần kiểm tra" in row["reading_note"] and "3215" in row["reading_note"]
    assert float(row["confidence"]) < 0.5 and "giá trị" in row["note"]


def test_non_figures_are_left_out():
    texts = {r["number_text"] for r in extract(SAMPLE)}
    for not_a_figure in ("1234", "15/3/2025", "12/5/2025", "1", "80", "12"):
        assert not any(t.split()[0] == not_a_figure for t in texts), not_a_figure


@pytest.mark.parametrize("text, token, reason", [
    ("theo Quyết định số 1556-QĐ/TU, ngày 09/01/2024 của", "1556", "document_number"),
    ("theo Quyết định số 1556-QĐ/TU, ngày 09/01/2024 của", "09/01/2024", "legal_date"),
    ("Chương trình số 15/CTr-UBND ngày 12/3/2024", "15", "document_number"),
    ("đạt kết quả tích cực1, Huyện đã", "1", "footnote_marker"),
    ("triệu đồng)¹. Tổng số", "¹", "footnote_marker"),
    ("\n2.1. Đối với xã Chí Minh", "2.1", "list_numbering"),
    ("kỷ niệm 77 năm ngày Thương binh", "77", "anniversary"),
    ("HĐND huyện (kỳ họp thứ 14).", "14", "ordinal"),
    ("giai đoạn 2021-2025 của tỉnh", "2021", "period_name"),
    ("dự án Cầu Pắc Luồng, Km105+00 Quốc lộ 3B", "105", "code"),
    ("Hoàng Xuân Đồng 2024-04-26T15:33:42+0700", "33", "timestamp"),
    ("(1) Tiểu dự án 1, dự án 4. Đầu tư", "4", "part_of_name"),
])
def test_classify_non_figures(text, token, reason):
    m = next(m for m in find_mentions(text) if m.text == token)
    assert classify(text, m) == reason


@pytest.mark.parametrize("text, token", [("đạt 41,4% kế hoạch", "41,4"), ("đạt 08/19 tiêu chí", "08/19"),
                                         ("làm chết 1.311 con lợn", "1.311"), ("đứng thứ 4/11 huyện", "4/11")])
def test_figures_are_not_classified_away(text, token):
    m = next(m for m in find_mentions(text) if m.text == token)
    assert classify(text, m) is None


def _docx(path: Path, paragraphs: list[str]) -> None:
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", xml)


def test_reads_docx(tmp_path):
    path = tmp_path / "bao_cao.docx"
    _docx(path, ["Huyện Bảo Lâm giải ngân đạt 41,4% kế hoạch vốn.", "Xã Lý Bôn đạt 09/19 tiêu chí."])
    rows = by_text(extract(read_document(path)))
    assert "41,4%" in rows and "09/19 tiêu chí" in rows


def _docx_with_tables(path: Path, before: list[str], tables: list[list[list[str]]]) -> None:
    para = lambda t: f"<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>"  # noqa: E731
    cell = lambda t: f"<w:tc>{para(t)}</w:tc>"  # noqa: E731
    tbl = "".join("<w:tbl>" + "".join("<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>" for row in t) + "</w:tbl>"
                  for t in tables)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{''.join(para(p) for p in before)}{tbl}</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", xml)


def test_a_docx_table_reads_a_row_a_line_and_its_cells_take_the_column_unit_and_year(tmp_path):
    path = tmp_path / "ke_hoach.docx"
    layout = [["UBND HUYỆN TRÀNG ĐỊNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Số: 12/KH-UBND", "Độc lập - Tự do"]]
    figures = [["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện 2024", "Kế hoạch 2025"],
               ["1", "Tỷ lệ che phủ rừng", "%", "63,5", "64"],
               ["2", "Thu nhập bình quân đầu người", "Triệu đồng/người/năm", "42,6", "46"]]
    _docx_with_tables(path, ["KẾ HOẠCH phát triển kinh tế - xã hội năm 2025"], [layout, figures])
    text = read_document(path)
    assert "UBND HUYỆN TRÀNG ĐỊNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text  # a layout table: a paragraph a line
    assert "1 | Tỷ lệ che phủ rừng | % | 63,5 | 64" in text.splitlines()
    rows = [r for r in extract(text) if r["number_text"] in ("63,5", "64", "42,6", "46")]
    got = {(r["number_text"], r["unit"], r["figure_type"], r["metric"]) for r in rows}
    assert got == {("63,5", "%", "actual", "forest_cover_rate"),
                   ("64", "%", "target", "forest_cover_rate"),
                   ("42,6", "triệu đồng/người/năm", "actual", "income_per_capita"),
                   ("46", "triệu đồng/người/năm", "target", "income_per_capita")}
    assert {r["as_of"] for r in rows if r["figure_type"] == "actual"} == {"2024-12-31"}
    assert not any(r["number_text"] in ("1", "2", "2024", "2025") and r["unit"] for r in extract(text)
                   if "|" in r["quote"] and r["number_text"] in ("1", "2"))


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium to print a PDF with a text layer")
def test_reads_pdf_text_layer(tmp_path):
    html = tmp_path / "r.html"
    html.write_text('<html><meta charset="utf-8"><body><p>Tổng thu ngân sách huyện Bảo Lâm đạt 45.320 triệu đồng, '
                    "đạt 61,2% dự toán.</p></body></html>", encoding="utf-8")
    pdf = tmp_path / "r.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri()], check=True, capture_output=True,
                   timeout=60)
    rows = by_text(extract(read_document(pdf)))
    assert "45.320 triệu đồng" in rows and "61,2%" in rows


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium to print a PDF with a text layer")
def test_a_justified_pdf_reads_one_space_between_words_and_keeps_its_header_columns(tmp_path):
    """A Thông báo printed to PDF (justified paragraphs, the two-column header and signature as tables)."""
    from vnreports.assistant.evaluate import draft_for_eval
    from vnreports.assistant.lexicon import Lexicon

    pdf = tmp_path / "tb.pdf"
    html = ROOT / "tests" / "new_reports" / "tb_giai_ngan_van_quan_2025.html"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri()], check=True, capture_output=True,
                   timeout=60)
    text = read_document(pdf)
    assert "Tổng kế hoạch vốn đầu tư công năm 2025" in text  # not "Tổng  kế  hoạch" as justified
    assert re.search(r"ỦY BAN NHÂN DÂN {4,}CỘNG HÒA", text)  # the header's columns stay apart
    raw = ROOT / "data" / "raw"
    rows, registry = draft_for_eval(pdf, raw, Lexicon.from_transcriptions(raw), "tb.pdf", as_added=True)
    assert (registry["doc_number"], registry["signer"], registry["event_date"]) == (
        "215/TB-UBND", "Nguyễn Văn Minh", "2025-06-05")
    plan = next(r for r in rows if r["number_text"] == "215,64 tỷ đồng")
    assert (plan["metric"], plan["as_of"]) == ("capital_plan", "2025-05-31")  # the cut-off after its semicolon


@pytest.mark.skipif(shutil.which("chromium") is None or ocr_available() is not None,
                    reason="needs chromium to print the report and tesseract (vie) to read its scan")
def test_a_scan_keeps_the_header_and_signature_columns_apart(tmp_path):
    """The same Thông báo printed, then scanned (an image-only PDF): OCR keeps the two columns of the header and of
    the signature block apart, so the registry row is read as from the text layer."""
    from PIL import Image

    from vnreports.assistant.registry import draft_registry
    from vnreports.notation.places import PlaceIndex

    pdf, scan = tmp_path / "tb.pdf", tmp_path / "scan.pdf"
    html = ROOT / "tests" / "new_reports" / "tb_giai_ngan_van_quan_2025.html"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri()], check=True, capture_output=True,
                   timeout=60)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
                   check=True, capture_output=True)
    with Image.open(next(tmp_path.glob("p*.png"))) as im:
        im.save(scan, "PDF", resolution=200)
    text = read_document(scan)
    assert re.search(r"Nơi nhận: {4,}TL\. CHỦ TỊCH", text)
    raw = ROOT / "data" / "raw"
    row, _, _ = draft_registry("scan.pdf", text, PlaceIndex.load(raw / "reference", raw / "place_aliases.csv"))
    assert (row["doc_number"], row["signer"], row["signer_title"], row["event_date"]) == (
        "215/TB-UBND", "Nguyễn Văn Minh", "TL. Chủ tịch, KT. Chánh Văn phòng, Phó Chánh Văn phòng", "2025-06-05")


def test_cli_writes_a_draft_in_the_transcription_format(tmp_path, capsys):
    out = tmp_path / "draft.csv"
    src = tmp_path / "r.txt"
    src.write_text(SAMPLE, encoding="utf-8")
    assert main(["extract", str(src), "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == DRAFT_COLUMNS and all(0 <= float(r["confidence"]) <= 1 for r in rows)
    assert "ambiguous" in capsys.readouterr().out
    assert main(["extract", str(tmp_path / "missing.txt"), "--out", str(out)]) == 1


TABLE_HTML = """<html><meta charset="utf-8"><style>body{font:14pt 'Liberation Serif';width:16cm}
table{border-collapse:collapse;width:100%} td,th{border:1px solid #000;padding:2px}</style><body>
<p>Giải ngân vốn của các công trình trọng điểm đến ngày 15/5/2025 như sau:</p>
<table><tr><th>STT</th><th style="width:45%">Tên công trình</th><th>Kế hoạch vốn (tỷ đồng)</th>
<th>Đã giải ngân (tỷ đồng)</th><th>Tỷ lệ (%)</th></tr>
<tr><td>1</td><td>Cầu treo bản Khuổi Phầy qua suối Bắc Giang, xã Vĩnh Yên</td><td>6,40</td><td>2,56</td><td>40,0</td></tr>
<tr><td>2</td><td>Trường Mầm non xã Hoàng Văn Thụ</td><td>9,00</td><td>5,40</td><td>60,0</td></tr>
<tr><td></td><td>Cộng</td><td>15,40</td><td>7,96</td><td>51,7</td></tr></table>
<p>Các công trình còn lại bảo đảm tiến độ.</p></body></html>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium to print a PDF with a text layer")
def test_a_pdf_table_reads_one_row_a_line_with_its_columns_units(tmp_path):
    """A bordered table printed to PDF: its layout text (numbers in aligned columns, a wrapped name, a header broken
    over lines) is read one row a line, cells joined by ' | ', so each cell keeps its column's unit."""
    html, pdf = tmp_path / "t.html", tmp_path / "t.pdf"
    html.write_text(TABLE_HTML, encoding="utf-8")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri()], check=True, capture_output=True,
                   timeout=60)
    lines = read_document(pdf).splitlines()
    assert "STT | Tên công trình | Kế hoạch vốn (tỷ đồng) | Đã giải ngân (tỷ đồng) | Tỷ lệ (%)" in lines
    assert "1 | Cầu treo bản Khuổi Phầy qua suối Bắc Giang, xã Vĩnh Yên | 6,40 | 2,56 | 40,0" in lines
    assert any(line.endswith("Cộng | 15,40 | 7,96 | 51,7") for line in lines)
    rows = by_text(extract("\n".join(lines)))
    assert (rows["6,40"]["unit"], rows["2,56"]["unit"], rows["40,0"]["unit"]) == ("tỷ đồng", "tỷ đồng", "%")
    assert rows["40,0"]["metric"] == "disbursement_rate"


def test_only_aligned_columns_under_a_header_are_a_table():
    from vnreports.documents.layout_tables import pipe_tables

    prose = ("      Toàn huyện có 1.250 hộ nghèo, giảm 125 hộ so với năm 2024; tỷ lệ hộ nghèo còn\n"
             "8,12%, thấp hơn bình quân chung của tỉnh 2 3\n"
             "năm 2025 phấn đấu giảm 1,5 - 2%.")
    assert pipe_tables(prose) == prose  # numbers at a line's end, not columns: left as written
    ragged = ("  Chỉ tiêu                 Kế hoạch     Thực hiện\n"
              "  Thu ngân sách               120,5        61,3\n"
              "  Thu tiền sử dụng đất    45,0   12,1\n")
    assert pipe_tables(ragged) == ragged  # the columns do not line up: not read as a table
    table = ragged.replace("    45,0   12,1", "       45,0        12,1")
    assert pipe_tables(table).splitlines()[:3] == ["Chỉ tiêu | Kế hoạch | Thực hiện",
                                                  "Thu ngân sách | 120,5 | 61,3", "Thu tiền sử dụng đất | 45,0 | 12,1"]


def test_a_table_with_blank_lines_between_rows_and_counted_columns():
    """LibreOffice's PDFs leave a blank line between rows; a column "Số tiêu chí đạt" counts criteria; the total
    row ends in an empty cell."""
    from vnreports.documents.layout_tables import pipe_tables

    layout = ("Kết quả của các xã như sau:\n"
              "TT                  Xã                    Số tiêu      Số tiêu chí      Năm dự kiến đạt\n"
              "                                          chí đạt        chưa đạt             chuẩn\n\n"
              "1   Xã Bính Xá                          17           2                 2025\n\n"
              "2   Xã Kiên Mộc                         14           5                 2026\n\n"
              "    Cộng                                31           7\n\nCác xã còn lại đạt chuẩn.")  # as pypdf lays it out
    text = pipe_tables(layout)
    assert "TT | Xã | Số tiêu chí đạt | Số tiêu chí chưa đạt | Năm dự kiến đạt chuẩn" in text.splitlines()
    rows = [r for r in extract(text) if "|" in r["quote"]]
    got = [(r["number_text"], r["unit"], r["metric"], r["commune"]) for r in rows]
    assert got == [("17", "tiêu chí", "ntm_criteria_met", "Bính Xá"), ("2", "tiêu chí", "ntm_criteria_unmet", "Bính Xá"),
                   ("14", "tiêu chí", "ntm_criteria_met", "Kiên Mộc"), ("5", "tiêu chí", "ntm_criteria_unmet", "Kiên Mộc"),
                   ("31", "tiêu chí", "ntm_criteria_met", ""), ("7", "tiêu chí", "ntm_criteria_unmet", "")]


def test_ocr_s_space_after_a_thousands_dot_is_mended_but_a_list_number_is_not():
    from vnreports.documents.text import _ocr_repairs

    assert _ocr_repairs("chiếm 6,42% và 1. 976\nhộ cận nghèo") == "chiếm 6,42% và 1.976\nhộ cận nghèo"
    assert _ocr_repairs("1. 200 hộ được hỗ trợ") == "1. 200 hộ được hỗ trợ"  # a list's "1." opens the line
