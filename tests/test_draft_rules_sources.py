"""Drafting rules read from the retired rounds 8–9: capital plans by source, revenue tables, communes' estimates,
OCR slips in numbers, a table's row totals and communes named by a table row (assistant/*, documents/text.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from vnreports.assistant.draft import extract, project_context

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@lru_cache(maxsize=1)
def _project():
    return project_context(RAW)


def _rows(text: str, **facts) -> list[dict]:
    return extract(text, replace(_project(), **facts))


def _by_number(text: str, **facts) -> dict[str, dict]:
    return {r["number_text"]: r for r in _rows(text, **facts)}


DISBURSEMENT = dict(title="Báo cáo tình hình giải ngân kế hoạch vốn đầu tư công năm 2025 quý I",
                    event_date=date(2025, 4, 7), period_end=date(2025, 3, 31), periodic=True, a_report=True,
                    default_district="Cao Lộc")
SOURCES = ("I. KẾ HOẠCH VỐN ĐƯỢC GIAO\n"
           "Tổng kế hoạch vốn đầu tư công năm 2025 của huyện là 248,60 tỷ đồng, bao gồm:\n"
           "- Vốn ngân sách tỉnh hỗ trợ có mục tiêu: 96,40 tỷ đồng, chiếm 38,8% tổng kế hoạch vốn;\n"
           "- Vốn các Chương trình mục tiêu quốc gia: 67,45 tỷ đồng, gồm Chương trình xây dựng nông thôn mới 28,30 tỷ "
           "đồng và Chương trình giảm nghèo bền vững 12,65 tỷ đồng.\n\n"
           "Đến ngày 31/3/2025, huyện đã phân bổ chi tiết cho các dự án 243,475 tỷ đồng, đạt 97,9% kế hoạch.\n")


def test_a_capital_plan_s_sources_are_its_parts_and_a_closed_list_heads_nothing_after_it():
    rows = _by_number(SOURCES, **DISBURSEMENT)
    assert rows["96,40 tỷ đồng"]["metric"] == "capital_plan"  # a source under "Tổng kế hoạch vốn … bao gồm:"
    assert rows["38,8%"]["metric"] == "capital_share"  # "chiếm 38,8% tổng kế hoạch vốn"
    assert rows["67,45 tỷ đồng"]["metric"] == "capital_plan"
    assert rows["67,45 tỷ đồng"]["programme"] == "ctmtqg"  # a programme named after a comma does not specialise it
    assert rows["28,30 tỷ đồng"]["metric"] == rows["12,65 tỷ đồng"]["metric"] == "capital_plan"  # parts after "gồm"
    # the paragraph after the list (its last bullet ends with a full stop) is not under "Vốn các Chương trình MTQG:"
    assert rows["243,475 tỷ đồng"]["programme"] == "dtc"


def test_without_the_intro_or_with_a_semicolon_the_rules_do_not_fire():
    rows = _by_number(SOURCES.replace("Tổng kế hoạch vốn đầu tư công năm 2025 của huyện là 248,60 tỷ đồng, bao gồm:",
                                      "Tình hình giải ngân như sau:"), **DISBURSEMENT)
    assert rows["96,40 tỷ đồng"]["metric"] != "capital_plan" or "kế hoạch" in rows["96,40 tỷ đồng"]["quote"]
    closed = _by_number(SOURCES.replace("12,65 tỷ đồng.\n\n", "12,65 tỷ đồng;\n"), **DISBURSEMENT)
    assert closed["243,475 tỷ đồng"]["programme"] != "dtc"  # the list goes on: the lead still heads it


def test_a_named_item_s_aside_and_another_clause_s_programme():
    text = ("II. KẾT QUẢ GIẢI NGÂN\n"
            "- Vốn ngân sách huyện: giải ngân 15,36 tỷ đồng, đạt 18,1%; riêng nguồn thu tiền sử dụng đất mới giải ngân "
            "9,85 tỷ đồng (18,9%);\n"
            "(5) Công trình cấp nước sinh hoạt thôn Khuổi Mạ, xã Công Sơn (Chương trình phát triển kinh tế - xã hội "
            "vùng đồng bào dân tộc thiểu số và miền núi): kế hoạch vốn 5,30 tỷ đồng, giải ngân 0,21 tỷ đồng (4,0%);\n"
            "(4) Nhà văn hóa và sân thể thao khối 6, thị trấn Đồng Đăng: kế hoạch vốn 4,12 tỷ đồng;\n")
    rows = _by_number(text, **DISBURSEMENT)
    assert rows["15,36 tỷ đồng"]["programme"] == "dtc"  # the land-use fee after the semicolon is another clause's
    assert rows["9,85 tỷ đồng"]["programme"] == "dtc_tsdd"
    assert rows["5,30 tỷ đồng"]["programme"] == "dtts"  # the aside before the colon names the item's programme
    assert rows["4,12 tỷ đồng"]["programme"] == "dtc"  # a cultural house's capital in a public-investment report


def test_requests_to_move_funds_and_a_task_s_subject_are_facts():
    rows = _by_number("IV. ĐỀ XUẤT\n1. Đề nghị UBND tỉnh cho phép huyện điều chuyển 5,125 tỷ đồng chưa phân bổ sang "
                      "dự án Đường giao thông nông thôn.\n- Đối với 2,360 tỷ đồng vốn sự nghiệp chưa phân bổ, các phòng "
                      "chuyên môn tham mưu phân bổ chi tiết trước ngày 15/7/2025.\n", **DISBURSEMENT)
    assert rows["5,125 tỷ đồng"]["figure_type"] == "actual"
    assert rows["2,360 tỷ đồng"]["figure_type"] == "actual"
    assert rows["5,125 tỷ đồng"]["as_of"] == "2025-03-31"  # a request holds at the report's cut-off


REVENUE = dict(title="Thông báo kết luận tại cuộc họp về tình hình thu ngân sách nhà nước 4 tháng đầu năm 2025",
               event_date=date(2025, 5, 8), period_end=date(2025, 4, 30), default_district="Lộc Bình",
               commune_names=("thị trấn Na Dương", "Tú Đoạn", "Yên Khoái"))
TABLE = ("Kết quả theo từng khoản thu như sau:\n"
         "Khoản thu | Dự toán tỉnh giao (tỷ đồng) | Thực hiện 4 tháng (tỷ đồng) | So với dự toán (%)\n"
         "Lệ phí trước bạ | 14,50 | 5,96 | 41,1\n"
         "Tổng cộng | 162,00 | 58,64 | 36,2\n")


def test_a_revenue_table_s_items_and_estimates_get_new_metrics_its_total_the_catalogue_s():
    rows = _rows(TABLE, **REVENUE)
    by = {r["number_text"]: r for r in rows}
    assert [by[n]["metric"] for n in ("14,50", "5,96", "41,1", "162,00")] == [""] * 4  # "": a new metric is proposed
    assert by["58,64"]["metric"] == "budget_revenue"
    assert by["36,2"]["metric"] == "budget_revenue_pct_province_estimate"  # the estimate the header row names
    # one item's amount and its rate are proposed as two metrics, not one in two units (the build would drop one)
    from vnreports.assistant.proposals import propose_metrics

    drafted = [dict(r) for r in rows]
    proposals = propose_metrics(drafted, set())
    kinds = {p["metric_code"]: p["unit_kind"] for p in proposals}
    item = {r["number_text"]: r["metric"] for r in drafted}
    assert kinds[item["5,96"]] == "money" and kinds[item["41,1"]] == "percent" and item["5,96"] != item["41,1"]


def test_a_commune_s_revenue_is_measured_against_the_district_s_estimate():
    rows = _by_number("Ở cấp xã, thị trấn Na Dương thu đạt 4,86 tỷ đồng, bằng 40,5% dự toán được giao (12,00 tỷ "
                      "đồng); xã Tú Đoạn đạt 0,72 tỷ đồng (36,0%). Số nợ thuế đến ngày 30/4/2025 là 3,84 tỷ đồng.\n"
                      "Ước đến hết tháng 5/2025, tổng thu ngân sách trên địa bàn đạt khoảng 72,50 tỷ đồng.\n", **REVENUE)
    assert rows["40,5%"]["metric"] == "budget_revenue_pct_district_estimate"
    assert rows["36,0%"]["metric"] == "budget_revenue_pct_district_estimate"
    assert rows["12,00 tỷ đồng"]["metric"] == ""  # the estimate itself: no metric, one is proposed
    assert rows["0,72 tỷ đồng"]["metric"] != "budget_revenue"  # a commune's revenue is no district total
    assert rows["3,84 tỷ đồng"]["metric"] == ""  # tax arrears
    assert (rows["khoảng 72,50 tỷ đồng"]["figure_type"], rows["khoảng 72,50 tỷ đồng"]["as_of"]) == (
        "forecast", "2025-05-31")


def test_a_commune_sharing_a_town_s_name_keeps_its_kind_and_a_table_row_names_its_commune():
    facts = dict(default_district="Đình Lập", event_date=date(2024, 12, 20), period_end=date(2024, 12, 31),
                 commune_names=("thị trấn Đình Lập", "xã Đình Lập", "Thái Bình"))
    rows = _rows("Hiện nay, xã Đình Lập còn 02 tiêu chí chưa đạt.\nKết quả của các xã như sau:\n"
                 "TT | Xã | Số tiêu chí đã đạt | Số tiêu chí chưa đạt\n1 | Thái Bình | 15 | 4\n", **facts)
    assert [r["commune"] for r in rows if r["number_text"] in ("02 tiêu chí", "15", "4")] == [
        "xã Đình Lập", "Thái Bình", "Thái Bình"]
    assert all(r["commune"] == "" for r in _rows("TT | Xã | Số tiêu chí đã đạt\n1 | Khánh Long | 15\n", **facts)
               if r["number_text"] == "15")  # not a commune of the district: no place is guessed


def test_a_table_row_s_total_column_holds_its_parts():
    rows = _rows("Dự án | Vốn đầu tư (triệu đồng) | Vốn sự nghiệp (triệu đồng) | Cộng (triệu đồng)\n"
                 "Dự án 2 | - | 6.850 | 6.850\nDự án 4 | 14.200 | 3.180 | 17.380\n", default_district="Bắc Sơn")
    ids = {(r["number_text"], r["_start"]): r for r in rows}
    first, total = sorted((r for r in rows if r["number_text"] == "6.850"), key=lambda r: r["_start"])
    assert first["part_of"] == total["figure_id"] and not total["part_of"]
    parts = [r for r in rows if r["number_text"] in ("14.200", "3.180")]
    assert {r["part_of"] for r in parts} == {next(r for r in rows if r["number_text"] == "17.380")["figure_id"]}
    wrong = _rows("Dự án | Vốn đầu tư (triệu đồng) | Vốn sự nghiệp (triệu đồng) | Cộng (triệu đồng)\n"
                  "Dự án 4 | 14.200 | 3.180 | 17.999\n", default_district="Bắc Sơn")
    assert not any(r["part_of"] for r in wrong) and ids  # parts that do not add up are left alone


def test_a_plan_s_own_year_marks_a_goal_and_a_comparison_year_dates_nothing():
    plan = dict(plan=True, event_date=date(2025, 1, 15), period_end=date(2025, 12, 31), default_district="Bắc Sơn")
    rows = _by_number("I. KẾT QUẢ THỰC HIỆN NĂM 2024\nCuối năm 2024, toàn huyện còn 1.486 hộ nghèo, giảm 2,31% so với "
                      "cuối năm 2023; hộ cận nghèo 1.215 hộ.\nII. MỤC TIÊU NĂM 2025\nGiảm tỷ lệ hộ nghèo 1,8% trở lên; "
                      "đến cuối năm 2025 tỷ lệ hộ nghèo còn dưới 6,2%.\n", **plan)
    assert rows["1.215 hộ"]["as_of"] == "2024-12-31"  # not the 2023 the fall is compared with
    assert rows["dưới 6,2%"]["figure_type"] == "target"
    assert rows["1.486 hộ"]["figure_type"] == "actual"  # "năm 2024" before the plan's year marks a result


def test_an_ethnic_minority_report_keeps_its_poverty_and_counts_of_other_things_get_new_metrics():
    dtts = dict(title="Báo cáo kết quả thực hiện Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào dân tộc "
                      "thiểu số và miền núi 6 tháng đầu năm 2025", default_district="Tràng Định",
                event_date=date(2025, 6, 18), period_end=date(2025, 6, 30), periodic=True, a_report=True)
    rows = _by_number("Chương trình được triển khai trên địa bàn 19 xã, trong đó có 17 xã khu vực III. Tỷ lệ hộ nghèo "
                      "người dân tộc thiểu số cuối năm 2024 là 18,62%.\n- Dự án 1: hỗ trợ nhà ở cho 48 hộ, trong đó 31 "
                      "nhà đã hoàn thành, đạt 64,6%.\n- Dự án 4: khởi công 14 công trình; 8 công trình đang thi công.\n",
                      **dtts)
    assert rows["18,62%"]["programme"] == "dtts"
    assert rows["19 xã"]["metric"] == "communes_covered" and rows["17 xã"]["metric"] == "difficult_communes"
    assert rows["64,6%"]["metric"] == "" and rows["8 công trình"]["metric"] == ""


def test_ocr_slips_in_decimals_and_units_are_mended_and_lists_of_years_are_not():
    from vnreports.documents.text import _ocr_repairs

    assert _ocr_repairs("kế hoạch vốn 8, 20\ntỷ đồng") == "kế hoạch vốn 8,20\ntỷ đồng"  # a wrapped line stays one
    assert _ocr_repairs("các dự án:243, 475 tỷ đồng") == "các dự án:243,475 tỷ đồng"
    assert _ocr_repairs("hỗ trợ 96,40 tý đồng") == "hỗ trợ 96,40 tỷ đồng"
    assert _ocr_repairs("năm 2023, 2024 và các xã 5, 10 hộ") == "năm 2023, 2024 và các xã 5, 10 hộ"


def test_a_scanned_title_line_with_specks_before_it_is_still_the_title():
    from drafting import registry_of

    text = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nHUYỆN CAO LỘC              Độc lập - Tự do - Hạnh phúc\n"
            "Số: 96/BC-UBND             Cao Lộc, ngày 07 tháng 4 năm 2025\n_           - BÁO CÁO\n\n"
            "Tình hình giải ngân kế hoạch vốn đầu tư công năm 2025 quý I\n     Thực hiện Công văn số 1034/STC-ĐT của "
            "Sở Tài chính, Ủy ban nhân dân huyện Cao Lộc báo cáo như sau:\n")
    row = registry_of(text, "x.pdf")
    assert row["title"] == "Báo cáo tình hình giải ngân kế hoạch vốn đầu tư công năm 2025 quý I"


def test_a_goal_above_the_estimate_a_share_of_funds_and_criteria_a_table_sets():
    rows = _by_number("1. Phấn đấu thu ngân sách năm 2025 vượt dự toán tỉnh giao ít nhất 10%; hoàn thiện hồ sơ đấu giá.\n"
                      "Ưu tiên bố trí cho xã Mai Sao 41,20 tỷ đồng, chiếm 42,6% tổng kinh phí.\n", default_district="Chi Lăng")
    assert rows["ít nhất 10%"]["metric"] == "budget_revenue_target_above_province"  # a year is no other figure
    assert rows["42,6%"]["metric"] == "capital_share"
    table = _by_number("TT | Xã | Số tiêu chí đạt đến 31/12/2024 | Chỉ tiêu năm 2025 (tiêu chí)\n1 | Xã Mai Sao | 17 | 19\n"
                       "Xã Hữu Lễ còn 02 tiêu chí chưa đạt.\n", default_district="Chi Lăng")
    assert table["19"]["metric"] == "ntm_criteria_met"  # nothing says these criteria are unmet
    assert table["02 tiêu chí"]["metric"] == "ntm_criteria_unmet"


def test_the_province_s_average_and_an_area_s_town_do_not_place_the_figures_after_them():
    rows = _by_number("Đến ngày 31/5/2025, huyện đã giải ngân 92,84 tỷ đồng, cao hơn bình quân chung của tỉnh (33,9%); "
                      "trong đó vốn ngân sách địa phương giải ngân 58,16 tỷ đồng.\nChương trình được triển khai trên địa "
                      "bàn 19xã và thị trấn Thất Khê, trong đó có 46 thôn đặc biệt khó khăn; thị trấn Thất Khê có 12 thôn.\n",
                      default_district="Bình Gia")
    assert rows["(33,9%)"]["district"] == "" if "(33,9%)" in rows else rows["33,9%"]["district"] == ""
    assert rows["58,16 tỷ đồng"]["district"] == "Bình Gia"
    assert rows["46 thôn"]["commune"] == "" and rows["12 thôn"]["commune"] == "thị trấn Thất Khê"


def test_a_numbered_item_is_a_sentence_of_its_own_and_an_ocr_capital_does_not_hide_its_commune():
    from vnreports.documents.text import _ocr_repairs

    text = _ocr_repairs("Đến ngày 31/3/2025, huyện còn 06 dự án giải ngân chậm, cụ\nthể:\n\n(1) Đường giao thông nông thôn "
                        "Khòn Chủ, xã Xuất LỄ: kế\nhoạch vốn 9,50 tỷ đồng;\n\n(2) Kè chống sạt lở, xã Thụy Hùng: kế hoạch "
                        "vốn 8,20 tỷ đồng.\n")
    rows = _by_number(text, **DISBURSEMENT)
    assert rows["9,50 tỷ đồng"]["commune"] == "Xuất Lễ" and rows["8,20 tỷ đồng"]["commune"] == "Thụy Hùng"
    assert rows["9,50 tỷ đồng"]["quote"].startswith("(1) Đường")
    assert _ocr_repairs("Phát triển KT-XH, Ban QLDA") == "Phát triển KT-XH, Ban QLDA"  # acronyms stay


def test_the_title_names_the_programme_when_nothing_else_does_and_another_clause_s_words_do_not():
    rows = _by_number("II. TỒN TẠI, HẠN CHẾ\nSố nợ thuế đến ngày 30/4/2025 là 3,84 tỷ đồng.\n", **{
        **REVENUE, "title": "Thông báo kết luận tại cuộc họp về tình hình thu ngân sách nhà nước và thu tiền sử dụng đất "
                            "4 tháng đầu năm 2025"})
    assert rows["3,84 tỷ đồng"]["programme"] == "nsnn_thu"  # the title's more specific programme
    goals = _by_number("Phấn đấu đến hết năm 2025 tỷ lệ hộ nghèo giảm còn dưới 4,5 %; giải ngân tối thiểu 90% kế hoạch "
                       "vốn được giao.\n", default_district="Chi Lăng")
    assert goals["tối thiểu 90%"]["metric"] != "poverty_rate"


def test_a_plan_s_goal_in_money_and_its_allocated_funds():
    plan = dict(plan=True, event_date=date(2025, 2, 20), period_end=date(2025, 12, 31), default_district="Chi Lăng")
    rows = _by_number("Tổng thu ngân sách nhà nước trên địa bàn năm 2025 đạt 110 tỷ đồng trở lên.\nIII. NGUỒN VỐN THỰC HIỆN\n"
                      "Tổng kinh phí thực hiện Kế hoạch năm 2025 là 96,815 tỷ đồng.\n", **plan)
    assert rows["110 tỷ đồng"]["figure_type"] == "target"
    assert rows["96,815 tỷ đồng"]["figure_type"] == "actual"  # allocated money is a fact


def test_count_nouns_the_rounds_label_and_a_share_of_a_glued_count():
    rows = _by_number("Hiện còn 03 dự án với 46 lô đất chưa đấu giá; hỗ trợ 05 đội văn nghệ; tập huấn 186 lượt cán bộ; có "
                      "04 khu\ndân cư kiểu mẫu. Toàn huyện có 1.250hộ nghèo, chiếm 6,85 %; 1.482 hộ cận nghèo, chiếm 8,13%.\n",
                      default_district="Bắc Sơn")
    assert [rows[n]["unit"] for n in ("46 lô", "05 đội", "186 lượt cán bộ", "04 khu dân cư")] == [
        "lô", "đội", "lượt cán bộ", "khu dân cư"]
    assert rows["6,85 %"]["metric"] == "poverty_rate"  # the share of the count just before it, glued or not
    assert rows["8,13%"]["metric"] == "near_poverty_rate"


def test_a_month_without_its_year_dates_a_figure_in_the_report_s_year_and_is_no_figure_itself():
    from vnreports.notation.dates import find_date

    facts = dict(event_date=date(2024, 12, 12), period_end=date(2024, 12, 31), periodic=True, a_report=True,
                 default_district="Cao Lộc")
    rows = _by_number("Cơn bão số 3 đầu tháng 9 làm 2 người bị thương, 148 nhà bị tốc mái.\n", **facts)
    assert "9 làm" not in rows and (rows["2 người"]["as_of"], rows["2 người"]["as_of_text"]) == ("2024-09-30", "đầu tháng 9")
    assert find_date("đầu tháng 9") is None  # without the report's year: no date, never a guess
    assert find_date("cuối tháng 10", default_year=2024).end == date(2024, 10, 31)


def test_a_wrapped_line_opening_with_a_number_is_no_heading_and_a_task_section_frames_its_items():
    facts = dict(event_date=date(2025, 6, 6), period_end=date(2025, 5, 31), periodic=True, a_report=True,
                 default_district="Lộc Bình")
    rows = _by_number("I. KẾT QUẢ THỰC HIỆN\n4. Phát triển sản xuất\nToàn huyện có 24 sản phẩm OCOP, 19 sản phẩm đạt\n"
                      "3 sao. Từ đầu năm đến nay có thêm 03 sản phẩm được công nhận, đạt 60% chỉ tiêu năm.\n"
                      "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025\n2. Có thêm 02 xã đạt chuẩn nông thôn mới. Trồng mới 1.100ha rừng.\n",
                      **facts)
    assert rows["03 sản phẩm"]["figure_type"] == "actual"  # "3 sao. Từ …" is no heading of "chỉ tiêu"
    assert rows["02 xã"]["figure_type"] == rows["1.100ha"]["figure_type"] == "target"  # under "II. … NHIỆM VỤ"


def test_a_list_s_own_intro_bounds_the_cut_off_above_it_and_training_is_no_patrol():
    facts = dict(event_date=date(2025, 3, 11), period_end=date(2025, 3, 11), default_district="Đình Lập")
    text = ("I. KẾT QUẢ\nĐến ngày 28/02/2025, toàn huyện có 4/10 xã đạt chuẩn.\n\nKết quả tại các xã đăng ký đạt chuẩn:\n\n"
            "- Xã Châu Sơn mới đạt 09/19 tiêu chí.\n")
    rows = _by_number(text, **facts)
    assert rows["09/19 tiêu chí"]["as_of"] == "2025-03-11"  # the list under its own undated intro: the event
    plain = _by_number(text.replace("\n\nKết quả tại các xã đăng ký đạt chuẩn:\n", ""), **facts)
    assert plain["09/19 tiêu chí"]["as_of"] == "2025-02-28"  # without an intro of its own, the cut-off dates it
    assert _by_number("Dự án 7: tập huấn cho 186 lượt cán bộ giảm nghèo.\n")["186 lượt cán bộ"]["metric"] == ""


def test_a_disbursed_total_s_parts_works_started_or_not_and_the_share_of_communes():
    rows = _by_number("Ước đến ngày 30/6/2025, toàn huyện giải ngân đạt khoảng 84,50 tỷ đồng; trong đó vốn các Chương trình "
                      "mục tiêu quốc gia ước đạt 27,30 tỷ đồng.\n- Dự án 4: khởi công 14 công trình hạ tầng; 3 công trình "
                      "chưa khởi công.\nToàn huyện có 5/10 xã đạt chuẩn nông thôn mới, chiếm 50% tổng số xã.\n")
    assert rows["27,30 tỷ đồng"]["metric"] == "disbursed"  # "ước đạt" is the total's own verb
    assert rows["14 công trình"]["metric"] == "works_started" and rows["3 công trình"]["metric"] == ""
    assert rows["50%"]["metric"] == "ntm_communes_met_rate"


def test_a_table_pasted_with_tabs_is_read_as_a_table_and_its_quote_keeps_the_tabs():
    from vnreports.raw.readings import _table_cell

    text = ("Kết quả giải ngân đến ngày 31/5/2025 như sau:\n"
            "TT\tNguồn vốn\tKế hoạch vốn (triệu đồng)\tĐã giải ngân (triệu đồng)\tTỷ lệ (%)\n"
            "1\tVốn cân đối ngân sách địa phương\t45.230\t17.846\t39,46\n\tTổng cộng\t272.695\t92.201\t33,81\n"
            "\tMột đoạn thụt lề có 12 xã.\n")
    rows = _by_number(text, **DISBURSEMENT)
    cell = rows["17.846"]
    assert (cell["unit"], cell["metric"]) == ("triệu đồng", "disbursed") and rows["39,46"]["metric"] == "disbursement_rate"
    assert cell["quote"] == "1\tVốn cân đối ngân sách địa phương\t45.230\t17.846\t39,46" and _table_cell(cell)
    assert rows["12 xã"]["quote"] == "Một đoạn thụt lề có 12 xã."  # one tab indents a paragraph: no table


def test_the_same_period_a_year_earlier_and_the_title_s_first_programme():
    facts = {**DISBURSEMENT, "title": "Báo cáo tình hình giải ngân kế hoạch vốn đầu tư công và vốn các Chương trình "
                                      "mục tiêu quốc gia năm 2025 đến ngày 31/5/2025", "period_end": date(2025, 5, 31)}
    rows = _by_number("2. Kết quả giải ngân\nĐến ngày 31/5/2025, toàn huyện đã giải ngân 92,201 tỷ đồng, cao hơn cùng kỳ "
                      "năm 2024 (28,7%).\n", **facts)
    assert (rows["28,7%"]["as_of"], rows["28,7%"]["as_of_text"]) == ("2024-05-31", "cùng kỳ năm 2024")
    assert rows["92,201 tỷ đồng"]["programme"] == "dtc"  # nothing names one: the title's first


def test_a_meeting_s_period_is_the_quarter_reported_and_a_stated_data_cut_off_ends_a_year():
    from vnreports.assistant.periods import report_period

    title = "Kết luận tại cuộc họp đánh giá tình hình kinh tế - xã hội quý I, nhiệm vụ trọng tâm quý II năm 2025\nNgày …"
    assert report_period(title, date(2025, 4, 4), "", date(2025, 4, 8))[0] == "quý I năm 2025"
    year_end = report_period("Báo cáo kết quả thực hiện Chương trình năm 2024\n", None,
                             "(số liệu tính đến ngày 15/12/2024) … Ước đến ngày 31/12/2024 …", date(2024, 12, 18))
    assert year_end == ("năm 2024 (đến ngày 15/12/2024)", date(2024, 1, 1), date(2024, 12, 15))


def test_an_estimate_itself_and_shares_of_each_estimate_for_revenue_and_spending():
    rows = _by_number("Dự toán thu ngân sách nhà nước trên địa bàn năm 2025 tỉnh giao 67,70 tỷ đồng. Đến ngày 31/3/2025, "
                      "thu ngân sách đạt 18,62 tỷ đồng, bằng 27,5% dự toán tỉnh giao và 24,8% dự toán huyện giao. Chi "
                      "thường xuyên đạt 30,1% dự toán huyện giao. Xã Trấn Ninh thu đạt 41,2% dự toán huyện giao.\n")
    assert rows["67,70 tỷ đồng"]["metric"] == ""
    assert [rows[n]["metric"] for n in ("27,5%", "24,8%", "30,1%", "41,2%")] == [
        "budget_revenue_pct_province_estimate", "budget_revenue_pct_district_estimate",
        "budget_expenditure_pct_district_estimate", "budget_revenue_pct_district_estimate"]
    assert rows["41,2%"]["programme"] == "nsnn_thu"
