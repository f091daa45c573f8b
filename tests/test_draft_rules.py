"""Drafting rules read from the development corpora: registry of a Thông báo, as-of, figure type, place, programme,
metric corrections, superlatives among communes, deadlines, footnotes (assistant/*)."""

from __future__ import annotations

from pathlib import Path

from vnreports.assistant.draft import extract

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def _by_number(text: str) -> dict[str, dict]:
    return {r["number_text"]: r for r in extract(text)}


def _registry(body: str) -> dict:
    from vnreports.assistant.registry import draft_registry
    from vnreports.notation.places import PlaceIndex

    head = ("ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "HUYỆN ĐÌNH LẬP                      Độc lập - Tự do - Hạnh phúc\n"
            "Số: 96/TB-UBND                   Đình Lập, ngày 14 tháng 3 năm 2025\nTHÔNG BÁO\n")
    return draft_registry("x.txt", head + body, PlaceIndex.load(RAW / "reference", RAW / "place_aliases.csv"))[0]


MEETING = ("Kết luận của Chủ tịch UBND huyện tại cuộc họp đánh giá tiến độ xây dựng nông thôn mới năm 2025\n"
           "Ngày 11/3/2025, đồng chí Hoàng Văn Quang, Chủ tịch UBND huyện, Trưởng Ban Chỉ đạo các Chương trình MTQG "
           "huyện chủ trì cuộc họp đánh giá tiến độ. Sau khi nghe báo cáo, đồng chí Chủ tịch UBND huyện kết luận như sau:\n"
           "1. Đến ngày 28/02/2025, toàn huyện có 4/10 xã đạt chuẩn; giải ngân 5,14 tỷ đồng.\n"
           "2. Hoàn thành hồ sơ đạt chuẩn trong quý III/2025.\n")


def test_a_meeting_s_thong_bao_has_its_official_event_and_cut_off_period():
    row = _registry(MEETING)
    assert row["concluding_official"] == ("Hoàng Văn Quang, Chủ tịch UBND huyện, "
                                          "Trưởng Ban Chỉ đạo các Chương trình MTQG huyện")
    assert row["event_type"] == "họp (meeting)" and row["event_date"] == "2025-03-11"
    # the year with the data's cut-off, never the later quarter of a deadline
    assert (row["period_text"], row["period_start"], row["period_end"]) == (
        "năm 2025 (đến ngày 28/02/2025)", "2025-01-01", "2025-02-28")


def test_a_cut_off_stated_once_mid_sentence_does_not_end_the_period():
    row = _registry(MEETING.replace("1. Đến ngày 28/02/2025, toàn", "1. Toàn").replace(
        "giải ngân 5,14", "đến ngày 28/02/2025 giải ngân 5,14"))
    assert (row["period_text"], row["period_end"]) == ("năm 2025", "2025-03-11")


def test_a_working_session_s_title_keeps_its_official_an_inspection_s_drops_it():
    work = _registry("Kết luận của đồng chí Đoàn Thanh Bình, Phó Chủ tịch UBND tỉnh tại buổi làm việc với UBND huyện "
                     "Đình Lập về giải ngân năm 2025\nNgày 10/3/2025, đồng chí Đoàn Thanh Bình, Phó Chủ tịch UBND tỉnh đã "
                     "làm việc với UBND huyện Đình Lập.\n")
    assert work["title"].startswith("Thông báo kết luận của đồng chí Đoàn Thanh Bình, Phó Chủ tịch UBND tỉnh tại buổi làm")
    assert work["event_type"] == "làm việc (working session)"
    check = _registry("Kết luận của đồng chí Đoàn Thanh Bình, Phó Chủ tịch UBND tỉnh tại buổi kiểm tra tình hình giải "
                      "ngân năm 2025 tại huyện Đình Lập\nNgày 10/3/2025, đồng chí Đoàn Thanh Bình, Phó Chủ tịch UBND tỉnh, "
                      "Trưởng Đoàn kiểm tra số 04 đã kiểm tra tại huyện Đình Lập.\n")
    assert check["title"].startswith("Thông báo kết luận kiểm tra tình hình giải ngân")
    assert check["concluding_official"] == "Đoàn Thanh Bình, Phó Chủ tịch UBND tỉnh"


def test_the_issuer_is_read_when_ocr_joins_it_to_the_motto():
    row = _registry(MEETING)
    assert row["issuing_body"] == "UBND huyện Đình Lập"
    joined = _registry(MEETING)  # the same header as OCR gives it: "ỦY BAN NHÂN DÂN - CỘNG HÒA …"
    from vnreports.assistant.registry import _issuer
    assert _issuer(["ỦY BAN NHÂN DÂN", "- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HUYỆN BÌNH GIA", "Số: 203/BC-UBND"]) \
        == "UBND huyện Bình Gia" and joined["issuing_body"] == row["issuing_body"]


def _dated(text: str, **facts) -> dict[str, dict]:
    from dataclasses import replace
    from datetime import date

    from vnreports.assistant.draft import project_context

    ctx = replace(project_context(), **{k: date.fromisoformat(v) for k, v in facts.items()})
    return {r["number_text"]: r for r in extract(text, ctx)}


TB = {"event_date": "2025-03-11", "period_end": "2025-02-28", "signed_by": "2025-03-14"}


def test_now_dates_a_figure_at_the_event_and_a_cut_off_dates_its_own_sentence_only():
    rows = _dated("1. Kết quả\nĐến ngày 28/02/2025, toàn huyện có 4/10 xã đạt chuẩn nông thôn mới. "
                  "Toàn huyện có 11 khu dân cư kiểu mẫu. Xã Cường Lợi hiện đạt 17/19 tiêu chí.\n", **TB)
    assert rows["4/10 xã"]["as_of"] == "2025-02-28"
    assert rows["11 khu dân cư"]["as_of"] == "2025-03-11"  # the next prose sentence: the event, not the cut-off
    assert (rows["17/19 tiêu chí"]["as_of"], rows["17/19 tiêu chí"]["as_of_text"]) == ("2025-03-11", "hiện đạt")


def test_a_cut_off_opening_a_section_dates_the_list_under_it():
    rows = _dated("1. Giải ngân\nĐến ngày 28/02/2025, kết quả giải ngân các nguồn vốn như sau:\n"
                  "- Vốn ngân sách tỉnh giải ngân 5,14 tỷ đồng.\n- Vốn ngân sách huyện giải ngân 2,30 tỷ đồng.\n", **TB)
    assert rows["2,30 tỷ đồng"]["as_of"] == "2025-02-28"


def test_a_period_framing_a_paragraph_dates_its_figures_up_to_the_period_s_end():
    rows = _dated("I. ĐÁNH GIÁ CHUNG\nTình hình KT-XH của huyện trong 6 tháng đầu năm 2025 tiếp tục ổn định. "
                  "Toàn huyện trồng mới 1.250 ha rừng tập trung.\nTỷ lệ hộ nghèo giảm còn 18,45%.\n",
                  event_date="2025-06-10", period_end="2025-06-30", signed_by="2025-06-18")
    assert rows["1.250 ha"]["as_of"] == "2025-06-30"  # after signing, but the period's figure: the build accepts it
    assert rows["18,45%"]["as_of"] == "2025-06-10"  # the next paragraph: the event


def test_the_build_accepts_a_period_s_figure_up_to_its_end_but_nothing_later():
    from datetime import date
    from types import SimpleNamespace

    from vnreports.raw.readings import check_as_of

    report = SimpleNamespace(signed_by_end=date(2025, 6, 18), period_end=date(2025, 6, 30), event_date=date(2025, 6, 10),
                             values={"doc_type": "TB-UBND", "date_signed": "2025-06-18"},
                             flat_text="tình hình trong 6 tháng đầu năm 2025 tiếp tục ổn định")
    errors = []
    row = {"figure_type": "actual", "as_of_text": "6 tháng đầu năm 2025"}
    check_as_of(date(2025, 6, 30), row, report, lambda col, msg, fix: errors.append(msg))
    assert errors == []  # a Thông báo of 18 June on "6 tháng đầu năm 2025" may state the half-year's figures
    check_as_of(date(2025, 7, 31), {**row, "as_of_text": ""}, report, lambda col, msg, fix: errors.append(msg))
    assert any("after the report was signed" in e for e in errors)


def test_the_words_next_to_a_number_correct_its_metric():
    from vnreports.assistant.metric_rules import refine_metric

    every = {"ntm_communes_met", "ntm_advanced_communes_met", "funding_requested", "capital_plan", "crop_area",
             "forest_planted_area", "poverty_rate", "poverty_rate_reduction", "houses_supported",
             "households_supported", "budget_revenue_pct_province_estimate", "budget_revenue_pct_same_period"}
    assert refine_metric("ntm_communes_met", "xã", "toàn huyện có 7/18 xã đạt chuẩn NTM, ", "đạt chuẩn NTM nâng cao",
                         every) == "ntm_advanced_communes_met"
    assert refine_metric("capital_plan", "tỷ đồng", "Đề nghị UBND tỉnh bổ sung ", "để hỗ trợ nhà ở", every) \
        == "funding_requested"
    assert refine_metric("crop_area", "ha", "Trồng mới ", "rừng; tỷ lệ che phủ rừng đạt 58,2%", every) \
        == "forest_planted_area"
    assert refine_metric("crop_area", "ha", "Gieo trồng ", "lúa xuân", every) == "crop_area"
    assert refine_metric("poverty_rate_reduction", "%", "giảm tỷ lệ hộ nghèo xuống dưới ", "", every) == "poverty_rate"
    assert refine_metric("poverty_rate_reduction", "%", "giảm ", "", every) == "poverty_rate_reduction"
    assert refine_metric("houses_supported", "hộ", "hỗ trợ nhà ở cho ", "", every) == "households_supported"
    assert refine_metric("budget_revenue_pct_province_estimate", "%", "ước đạt 38,52 tỷ đồng, bằng ",
                         "so với cùng kỳ", every) == "budget_revenue_pct_same_period"
    # the estimate itself has no metric: a new one is proposed
    assert refine_metric("budget_revenue", "tỷ đồng", "bằng 55,0% dự toán tỉnh giao (", ")", every) == ""


def test_facts_in_parentheses_and_requests_are_actual_a_physical_plan_is_a_goal():
    rows = _by_number("- Xã Tú Mịch (phấn đấu đạt chuẩn năm 2026): đạt 15/19 tiêu chí, còn 04 tiêu chí chưa đạt gồm "
                      "Tiêu chí số 2 và Tiêu chí số 17.\n"
                      "Tập trung nguồn lực cho xã Hoàng Văn Thụ (hiện đạt 17/19 tiêu chí).\n"
                      "Trồng rừng tập trung được 652,4 ha, đạt 54,4% kế hoạch năm (1.200 ha).\n"
                      "Đề nghị UBND tỉnh bổ sung 1,85 tỷ đồng để hỗ trợ nhà ở.\n")
    assert rows["15/19 tiêu chí"]["figure_type"] == "actual"
    assert rows["Tiêu chí số 17"]["figure_type"] == "actual"
    assert rows["17/19 tiêu chí"]["figure_type"] == "actual"
    assert rows["1.200 ha"]["figure_type"] == "target"
    assert (rows["1,85 tỷ đồng"]["figure_type"], rows["1,85 tỷ đồng"]["metric"]) == ("actual", "funding_requested")


def test_the_parts_under_trong_do_share_the_estimate_before_them():
    rows = _by_number("Tổng diện tích gieo trồng vụ Xuân ước đạt 3.885 ha. Trong đó: lúa xuân 1.120 ha; ngô xuân 2.350 ha.")
    assert [rows[k]["figure_type"] for k in ("3.885 ha", "1.120 ha", "2.350 ha")] == ["forecast"] * 3


def test_a_commune_opening_its_sentence_or_referred_back_to_holds_its_figures():
    rows = _by_number("Huyện Đình Lập có 4/10 xã đạt chuẩn.\n- Xã Cường Lợi hiện đạt 17/19 tiêu chí; còn 02 tiêu chí "
                      "chưa đạt. Tỷ lệ hộ nghèo của xã còn 12,46%.\n2. Đối với UBND xã Kiên Mộc\nHoàn thành cứng hóa "
                      "8,5 km đường trục xã trong năm 2025.\n")
    assert rows["02 tiêu chí"]["commune"] == "Cường Lợi"
    assert rows["12,46%"]["commune"] == "Cường Lợi"
    assert rows["8,5 km"]["commune"] == "Kiên Mộc"
    assert rows["4/10 xã"]["commune"] == ""


def test_parts_of_a_disbursement_after_trong_do_are_disbursed_and_additions_propose_a_metric():
    rows = _by_number("Đến ngày 31/5/2025 đã giải ngân 19,45 tỷ đồng, đạt 30,0% kế hoạch; trong đó vốn đầu tư 16,20 tỷ "
                      "đồng, vốn sự nghiệp 3,25 tỷ đồng. Có thêm 02 xã đạt chuẩn nông thôn mới. Mức hỗ trợ xây mới "
                      "60 triệu đồng/nhà.")
    assert [rows[k]["metric"] for k in ("19,45 tỷ đồng", "16,20 tỷ đồng", "3,25 tỷ đồng")] == ["disbursed"] * 3
    assert rows["02 xã"]["metric"] == "" and rows["60 triệu đồng/nhà"]["metric"] == ""  # new metrics proposed


def test_a_superlative_among_the_district_s_communes_ranks_them():
    rows = extract("Toàn huyện có 4/10 xã đạt chuẩn nông thôn mới.\n- Xã Châu Sơn mới đạt 09/19 tiêu chí, thấp nhất "
                   "huyện.\nTrong 19 xã, thị trấn, xã Hồng Phong hoàn thành 38/41 nhà, cao nhất huyện; xã Thiện Long "
                   "mới hoàn thành 9/36 nhà, thấp nhất huyện.\n")
    ranks = [(r["value"], r["denominator"], r["commune"]) for r in rows if r["unit"] == "thứ hạng"]
    # the communes of "4/10 xã", then the scope the sentence gives ("Trong 19 xã, thị trấn")
    assert ranks == [("10", "10", "Châu Sơn"), ("1", "19", "Hồng Phong"), ("19", "19", "Thiện Long")]
    assert "19 xã" not in {r["number_text"] for r in rows}  # how many are ranked is no figure of its own


def test_each_target_takes_the_deadline_of_its_own_clause_and_tasks_keep_theirs():
    rows = extract("II. NHIỆM VỤ THỜI GIAN TỚI\n1. Phấn đấu đến hết ngày 30/9/2025 giải ngân đạt trên 65% kế hoạch vốn "
                   "đầu tư công, đến hết ngày 31/01/2026 giải ngân 100% kế hoạch.\n2. Giao Sở Tài chính tham mưu điều "
                   "chuyển kế hoạch vốn, báo cáo UBND tỉnh trước ngày 15/7/2025.\n3. UBND xã Tú Mịch cứng hóa 4,8 km "
                   "đường trục thôn trong quý IV/2025.\n")
    got = {r["number_text"]: (r["figure_type"], r["deadline"]) for r in rows}
    assert got["trên 65%"] == ("target", "2025-09-30") and got["100%"] == ("target", "2026-01-31")
    assert got["trước ngày 15/7/2025"] == ("target", "2025-07-15")  # a task's deadline with no figure: its own row
    assert got["4,8 km"] == ("target", "2025-12-31")  # the quantity of a task with a deadline is a goal


def test_counts_of_projects_and_rates_of_counts_take_their_own_metric_or_propose_one():
    from vnreports.assistant.metric_rules import refine_metric

    every = {"works_started", "works_in_preparation", "projects_new_start", "projects_count", "disbursement_rate",
             "capital_plan"}
    assert refine_metric("projects_new_start", "dự án", "đến nay đã khởi công ", ", còn 15 dự án", every) \
        == "works_started"
    assert refine_metric("projects_new_start", "dự án", "còn ", "đang tổ chức lựa chọn nhà thầu", every) \
        == "works_in_preparation"
    assert refine_metric("projects_count", "dự án", "Hiện còn ", "khởi công mới chưa giải ngân", every) == ""
    assert refine_metric("disbursement_rate", "%", "hoàn thành 241 nhà, đạt ", "", every) == ""
    assert refine_metric("disbursement_rate", "%", "giải ngân 6,41 tỷ đồng, đạt ", "", every) == "disbursement_rate"
    assert refine_metric("capital_plan", "tỷ đồng", "Tổng nguồn lực huy động thực hiện Chương trình đạt ", "",
                         every) == ""


def test_a_bare_rate_in_a_disbursement_table_is_the_disbursement_rate():
    rows = extract("Kết quả giải ngân đến ngày 10/5/2025 như sau:\nNguồn vốn | Kế hoạch (tỷ đồng) | Đã giải ngân (tỷ đồng) "
                   "| Tỷ lệ (%)\nChương trình MTQG xây dựng nông thôn mới | 52,30 | 14,12 | 27,0\n")
    got = {r["number_text"]: r["metric"] for r in rows}
    assert got["27,0"] == "disbursement_rate" and got["14,12"] == "disbursed"


def test_a_comparison_year_does_not_date_a_figure():
    rows = _dated("Tổng kim ngạch ước đạt 1.286,5 triệu USD, tăng 12,4% so với năm 2023, trong đó xuất khẩu 512,3 triệu "
                  "USD.", event_date="2024-12-12", period_end="2024-12-31", signed_by="2024-12-12")
    assert (rows["512,3 triệu USD"]["as_of"], rows["512,3 triệu USD"]["as_of_text"]) == ("2024-12-12", "")  # the event


def test_a_count_noun_is_read_whole_with_its_multiplier():
    rows = _by_number("Thu hút khoảng 52,3 nghìn lượt khách du lịch. Cấp 214 giấy chứng nhận quyền sử dụng đất. "
                      "Đã tiêm 12.860 liều vắc xin. Cắm biển tại 36 điểm có nguy cơ.")
    assert [rows[k]["unit"] for k in ("khoảng 52,3 nghìn lượt khách", "214 giấy chứng nhận", "12.860 liều", "36 điểm")] \
        == ["nghìn lượt khách", "giấy chứng nhận", "liều", "điểm"]


def test_a_superlative_in_a_sentence_scoped_to_n_communes_ranks_them():
    rows = extract("Trong 15 xã thực hiện Chương trình, xã Hữu Liên có tỷ lệ giải ngân cao nhất (68,2%), xã Yên Thịnh "
                   "thấp nhất (12,5%).")
    assert [(r["value"], r["denominator"]) for r in rows if r["unit"] == "thứ hạng"] == [("1", "15"), ("15", "15")]


def test_the_commune_referred_back_to_whatever_word_follows():
    rows = _by_number("- Xã Cường Lợi hiện đạt 17/19 tiêu chí. Thu nhập bình quân đầu người năm 2024 của xã đạt "
                      "46,2 triệu đồng/người/năm.\nb) Xã Kiên Mộc ưu tiên nguồn lực; hoàn thành cứng hóa 8,5 km đường "
                      "trục xã.\n")
    assert rows["46,2 triệu đồng/người/năm"]["commune"] == "Cường Lợi"  # "của xã đạt": đ is no capital
    assert rows["8,5 km"]["commune"] == "Kiên Mộc"  # a lettered item opening with its commune


def test_the_communes_concerned_are_listed_in_the_order_the_report_names_them():
    from vnreports.assistant.registry import communes_from_figures

    figures = [{"commune": "Tân Tri"}, {"commune": "Chiến Thắng"}, {"commune": "Vũ Lễ"}, {"commune": "Tân Tri"}]
    text = "Kiểm tra tại xã Vũ Lễ. Xã Tân Tri đạt 15/19 tiêu chí; xã Chiến Thắng đạt 12/19 tiêu chí; xã Vũ Lễ đạt 19/19."
    assert communes_from_figures({"subject_communes": ""}, figures, text=text)["subject_communes"] \
        == "Vũ Lễ; Tân Tri; Chiến Thắng"


def test_a_footnote_s_figures_hold_as_the_figure_its_marker_is_glued_to():
    text = ("1. Kinh tế\nTốc độ tăng trưởng giá trị sản xuất ước đạt 9,2%1, vượt kế hoạch. Tính đến ngày 30/11/2024, "
            "doanh thu du lịch đạt 2.180,5 tỷ đồng2.\nNơi nhận:\n- Lưu: VT.\nLương Quốc Huy\n_______________\n"
            "1 Trong đó: ngành thương mại - dịch vụ tăng 10,4%; nông nghiệp tăng 2,3%.\n"
            "2 Trong đó khách quốc tế đạt 186.400 lượt.\n")
    rows = _dated(text, event_date="2024-12-12", period_end="2024-12-31", signed_by="2024-12-12")
    assert (rows["10,4%"]["figure_type"], rows["2,3%"]["figure_type"]) == ("forecast", "forecast")  # marker on an estimate
    assert (rows["186.400 lượt"]["figure_type"], rows["186.400 lượt"]["as_of"]) == ("actual", "2024-11-30")
    assert rows["186.400 lượt"]["quote"] == "2 Trong đó khách quốc tế đạt 186.400 lượt."


def test_criteria_listed_by_number_alone_and_a_deadline_for_one_target():
    rows = extract("Xã Minh Hiệp đạt 15/19 tiêu chí, còn 4 tiêu chí chưa đạt: số 2 (Giao thông), số 6 (Cơ sở vật chất) "
                   "và số 18 (Hệ thống chính trị). Theo Nghị quyết số 16/2021/NQ-HĐND.\n"
                   "II. NHIỆM VỤ\nPhấn đấu giải ngân trên 60% kế hoạch vốn, tối thiểu 80% vốn sự nghiệp trong quý III/2025.\n")
    listed = [r["number_text"] for r in rows if r["unit"] == "tiêu chí số"]
    assert listed == ["số 2", "số 6", "số 18"]  # the resolution's "số 16" is no criterion
    deadlines = [r["number_text"] for r in rows if r["deadline_text"] == "trong quý III/2025"]
    assert deadlines == ["tối thiểu 80%"]  # written once: the nearest target before it carries it


def test_a_plan_s_results_section_reports_facts_and_a_table_s_share_of_plan_follows_its_estimate():
    from dataclasses import replace
    from datetime import date

    from vnreports.assistant.draft import project_context

    ctx = replace(project_context(), plan=True, event_date=date(2025, 1, 10), period_end=date(2025, 12, 31))
    rows = {r["number_text"]: r for r in extract(
        "I. KẾT QUẢ THỰC HIỆN NĂM 2024\nTổng diện tích gieo trồng cây hằng năm đạt 11.245 ha.\n"
        "II. MỤC TIÊU NĂM 2025\nTổng diện tích gieo trồng đạt 11.500 ha.\n"
        "Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2025 | Ước thực hiện 6 tháng | So với kế hoạch (%)\n"
        "Khách du lịch | Lượt khách | 420.000 | 236.500 | 56,3\n", ctx)}
    assert rows["11.245 ha"]["figure_type"] == "actual" and rows["11.500 ha"]["figure_type"] == "target"
    assert (rows["56,3"]["figure_type"], rows["56,3"]["metric"]) == ("forecast", "")  # its share of plan: propose


def test_dates_of_cited_documents_and_of_the_sentence_before_trong_do():
    rows = _dated("Theo kết quả rà soát cuối năm 2024 (Quyết định số 2150/QĐ-UBND ngày 27/12/2024), toàn huyện có "
                  "1.250 hộ nghèo. Đến ngày 31/5/2025, tổng thu ngân sách đạt 60,5 tỷ đồng. Trong đó, thu tiền sử "
                  "dụng đất mới đạt 24,16 tỷ đồng.", event_date="2025-06-04", period_end="2025-05-31",
                  signed_by="2025-06-06")
    assert rows["1.250 hộ"]["as_of"] == "2024-12-31"
    assert (rows["24,16 tỷ đồng"]["as_of"], rows["24,16 tỷ đồng"]["programme"]) == ("2025-05-31", "nsnn_thu")
    assert rows["24,16 tỷ đồng"]["metric"] == ""  # land-use revenue: a new metric proposed


def test_footnotes_after_the_signature_without_a_separator_line():
    text = ("Đến ngày 31/5/2025, tổng thu ngân sách đạt 44,19 tỷ đồng1, bằng 49,6% dự toán.\nNơi nhận:\n- Lưu: VT.\n"
            "Hoàng Văn Nam\n1 Gồm: thuế giá trị gia tăng 21,36 tỷ đồng, lệ phí trước bạ 9,84 tỷ đồng.\n")
    rows = _dated(text, event_date="2025-06-04", period_end="2025-05-31", signed_by="2025-06-06")
    assert rows["21,36 tỷ đồng"]["as_of"] == "2025-05-31"  # the marker's sentence dates the footnote


def _report(kind: str, number: str, title: str, body: str, signed: str = "ngày 23 tháng 6 năm 2025") -> dict:
    from vnreports.assistant.registry import draft_registry
    from vnreports.notation.places import PlaceIndex

    head = ("ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "HUYỆN VĂN QUAN                      Độc lập - Tự do - Hạnh phúc\n"
            f"Số: {number}                   Văn Quan, {signed}\n{kind}\n{title}\n")
    return draft_registry("x.txt", head + body, PlaceIndex.load(RAW / "reference", RAW / "place_aliases.csv"))[0]


def test_a_report_s_period_is_the_one_reported_on_up_to_its_data_cut_off():
    quarter = _report("BÁO CÁO", "18/BC-UBND", "Tình hình kinh tế - xã hội quý I, phương hướng, nhiệm vụ quý II năm 2025",
                      "I. KẾT QUẢ\nTăng trưởng ước đạt 6,8%.\n", "ngày 08 tháng 4 năm 2025")
    assert (quarter["period_text"], quarter["period_start"], quarter["period_end"]) == (
        "quý I năm 2025", "2025-01-01", "2025-03-31")  # not the quarter ahead
    year = _report("BÁO CÁO", "27/BC-UBND", "Tiến độ giải ngân vốn đầu tư công năm 2025",
                   "Tính đến ngày 20/6/2025, toàn huyện đã giải ngân 71,83 tỷ đồng.\n")
    assert (year["period_text"], year["period_end"]) == ("năm 2025 (đến ngày 20/6/2025)", "2025-06-20")
    plan = _report("KẾ HOẠCH", "36/KH-UBND", "Thực hiện Chương trình xây dựng nông thôn mới năm 2025",
                   "Căn cứ Nghị quyết số 14/NQ-HĐND ngày 18/12/2024, UBND huyện ban hành Kế hoạch như sau:\n"
                   "Tính đến ngày 20/02/2025, toàn huyện có 9/18 xã đạt chuẩn.\n", "ngày 20 tháng 02 năm 2025")
    assert plan["title"] == "Kế hoạch thực hiện Chương trình xây dựng nông thôn mới năm 2025"  # not cut at "Thực hiện"
    assert (plan["period_text"], plan["period_end"]) == ("năm 2025", "2025-12-31")  # a plan covers its whole year


def test_ocr_slips_in_the_header_and_specks_in_the_signature_block_are_read_past():
    row = _report("THÔNG BÁO", "156/TBUBND - :", "Kết luận của Chủ tịch UBND huyện tại cuộc họp về giảm nghèo",
                  "Ngày 14/5/2025, đồng chí Trần Quốc Hưng, Chủ tịch UBND huyện chủ trì cuộc họp.\n"
                  "UBND huyện thông báo để thực hiện./.\n__ Nơi nhận:       :            TL. CHỦ TỊCH\n"
                  "- UBND tỉnh (b/c);             CHÁNH VĂN PHÒNG\n" + "- Sở Tài chính;      :      '     :    l\n" * 6
                  + "- Lưu: VT.                    Vi Thị Hằng\n", "ngày 16 tháng 5-năm 2025")
    assert (row["doc_number"], row["doc_type"], row["date_signed"], row["place"]) == (
        "156/TB-UBND", "TB-UBND", "2025-05-16", "Văn Quan")
    assert (row["signer"], row["signer_title"]) == ("Vi Thị Hằng", "TL. Chủ tịch, Chánh Văn phòng")


def test_a_count_is_never_given_a_metric_that_counts_other_things():
    rows = _by_number("Hoàn thành giao quân năm 2025 với 96 công dân, đạt 100% chỉ tiêu. Đã khởi công 31 công trình. "
                      "UBND huyện đã ban hành 09 công văn chỉ đạo các xã.")
    assert rows["96 công dân"]["metric"] == ""  # no metric of the catalogue counts recruits: one is to be proposed
    assert rows["31 công trình"]["metric"] == "works_started"
    assert rows["09 công văn"]["metric"] in ("directive_documents", "")  # a công văn is a văn bản, never a plan


def test_the_words_of_a_clause_veto_a_metric_they_contradict():
    rows = _by_number("Giao khoán bảo vệ 12.480,5 ha rừng cho cộng đồng. Diện tích gieo trồng 5.120 ha, trong đó: lúa "
                      "xuân 1.120 ha. Kim ngạch xuất nhập khẩu qua cửa khẩu ước đạt 716,4 triệu USD, tăng 12,6% so với "
                      "cùng kỳ. Tổng kinh phí hỗ trợ xóa nhà tạm là 20,940 tỷ đồng.")
    assert rows["12.480,5 ha"]["metric"] == ""  # forest under contract is no crop: a new metric is to be proposed
    assert rows["1.120 ha"]["metric"] == "crop_area"
    assert not rows["12,6%"]["metric"].startswith("budget_revenue")  # trade, not revenue
    from vnreports.assistant.metric_rules import refine_metric

    every = {"capital_plan", "budget_revenue"}
    # a programme's support funds are no capital plan; its funds as a whole are; "thu khác" is revenue
    assert refine_metric("capital_plan", "tỷ đồng", "Tổng kinh phí hỗ trợ xóa nhà tạm là ", "", every) == ""
    assert refine_metric("capital_plan", "tỷ đồng", "Tổng kinh phí thực hiện Chương trình là ", "", every) \
        == "capital_plan"
    assert refine_metric("capital_plan", "tỷ đồng", "lệ phí trước bạ 4,2 tỷ đồng; thu khác ", "", every) \
        == "budget_revenue"


def test_houses_count_as_supported_only_when_done():
    from vnreports.assistant.metric_rules import houses_done

    # `after` is the text after the number and its unit ("268 nhà")
    assert houses_done("đến ngày 10/5/2025 đã khởi công 268 nhà, đạt 65,0%, hoàn thành bàn giao ", ".")
    assert not houses_done("đến ngày 10/5/2025 đã khởi công ", ", đạt 65,0%")
    assert not houses_done("Tổng số nhà cần hỗ trợ xóa nhà tạm năm 2025 là ", " (xây mới 286 nhà")
    assert not houses_done("Xã Quý Hòa còn ", " chưa khởi công")
    assert houses_done("khẩn trương khởi công 144 nhà còn lại trước ngày 31/5/2025; hoàn thành ", " chưa hoàn thành")
    rows = _by_number("Toàn huyện có 412 nhà cần hỗ trợ; đến nay đã khởi công 268 nhà, hoàn thành 157 nhà.")
    assert [rows[n]["metric"] for n in ("412 nhà", "268 nhà", "157 nhà")] == ["", "", "houses_supported"]


def test_a_share_of_the_district_s_estimate_and_the_rank_on_the_province_s():
    rows = _by_number("Tổng thu ngân sách nhà nước trên địa bàn đến ngày 31/3/2025 đạt 21,346 tỷ đồng, bằng 30,5% dự toán "
                      "tỉnh giao (70 tỷ đồng) và 28,1% dự toán huyện giao (76 tỷ đồng), xếp thứ ba trong 11 huyện, thành phố.")
    assert rows["30,5%"]["metric"] == "budget_revenue_pct_province_estimate"
    assert rows["28,1%"]["metric"] == "budget_revenue_pct_district_estimate"
    assert rows["xếp thứ ba trong 11"]["metric"] == "budget_revenue_pct_province_estimate"  # ranked on the province's


def test_allocated_money_under_a_heading_giao_von_and_targeted_support_are_actual():
    rows = _by_number("1. Giao vốn và giải ngân\nKế hoạch vốn năm 2025 của Chương trình được giao là 78,64 tỷ đồng, gồm "
                      "vốn ngân sách tỉnh hỗ trợ có mục tiêu 52,18 tỷ đồng và vốn ngân sách huyện 26,46 tỷ đồng.\n"
                      "2. Giao Phòng Tài chính - Kế hoạch tham mưu giải ngân đạt 100% kế hoạch vốn.\n")
    assert [rows[n]["figure_type"] for n in ("78,64 tỷ đồng", "52,18 tỷ đồng", "26,46 tỷ đồng")] == ["actual"] * 3
    assert rows["100%"]["figure_type"] == "target"  # "Giao Phòng …" assigns a task


def test_a_plan_s_review_of_results_reports_facts_under_any_of_its_headings():
    from vnreports.assistant.timing import plan_results

    assert plan_results("2. Tổng diện tích gieo trồng cây hằng năm đạt 11.245 ha.", ["I. KẾT QUẢ THỰC HIỆN NĂM 2024"])
    assert not plan_results("2. Chỉ tiêu cụ thể", ["II. MỤC TIÊU NĂM 2025", "I. KẾT QUẢ THỰC HIỆN NĂM 2024"])


def test_a_plan_s_results_heading_dates_its_items_and_an_estimate_s_rate_is_an_estimate():
    text = ("I. KẾT QUẢ THỰC HIỆN NĂM 2024\n1. Tổng diện tích gieo trồng cây hằng năm đạt 11.245 ha.\n"
            "II. NHIỆM VỤ NĂM 2025\n1. Huyện dự kiến đến ngày 30/6/2025 giải ngân đạt khoảng 92,4 tỷ đồng, bằng 43,0% "
            "kế hoạch.\n")
    rows = _by_number(text)
    assert rows["11.245 ha"]["as_of"] == "2024-12-31"  # the heading's year, not the plan's date
    assert (rows["43,0%"]["figure_type"], rows["43,0%"]["as_of"]) == ("forecast", "2025-06-30")


def test_ocr_s_joined_issuer_words_and_an_official_leading_the_team_read_as_the_analysts_write_them():
    from drafting import registry_of

    text = ("ỦY BAN NHÂNDÂN -                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN LỘC BÌNH        Độc lập - Tự do - "
            "Hạnh phúc\nSố: 264/TB-UBND         Lộc Bình, ngày 06 tháng 6 năm 2025\nTHÔNG BÁO\nKết luận kiểm tra tiến độ "
            "giải ngân\nNgày 03/6/2025, đồng chí Đoàn Thu Hà, Phó Chủ tịch UBND tỉnh làm Trưởng đoàn đã kiểm tra tại "
            "huyện Lộc Bình.\n")
    row = registry_of(text)
    assert row["issuing_body"] == "UBND huyện Lộc Bình"
    assert row["concluding_official"] == "Đoàn Thu Hà, Phó Chủ tịch UBND tỉnh"


def test_allocated_capital_a_disbursement_reached_and_what_a_request_asks_for():
    rows = _by_number("Giải ngân kế hoạch vốn đầu tư công năm 2024 đến ngày 31/12/2024 đạt 245,36 tỷ đồng, bằng 92,1% kế "
                      "hoạch, xếp thứ 4/11 huyện, thành phố. Ưu tiên bố trí cho xã Mai Sao 41,20 tỷ đồng. Vốn sự nghiệp "
                      "phân bổ cho: Dự án 2: 2,365 tỷ đồng; Dự án 3: 4,85 tỷ đồng. Đề nghị UBND tỉnh xem xét bổ sung 1,400 "
                      "tỷ đồng để hỗ trợ 35 nhà ở cho hộ nghèo.")
    assert rows["245,36 tỷ đồng"]["metric"] == "disbursed"
    assert next(r for n, r in rows.items() if "thứ 4/11" in n)["metric"] == "disbursement_rate"
    assert rows["41,20 tỷ đồng"]["metric"] == "capital_plan" and rows["4,85 tỷ đồng"]["metric"] == "capital_plan"
    assert rows["35 nhà"]["figure_type"] == "actual"  # the houses a request is for are no goal of the report


def test_a_metric_is_drafted_only_when_the_sentence_says_what_it_measures():
    rows = _by_number("Còn 4,450 tỷ đồng chưa phân bổ do các dự án chưa hoàn thiện thủ tục. Tổng thu ngân sách nhà nước trên "
                      "địa bàn năm 2020 đạt 68,4 tỷ đồng, tăng bình quân 9,2%/năm. Trong đó: ngành thương mại - dịch vụ tăng "
                      "10,4%. Đến hết năm 2020 vẫn còn 2 xã đạt dưới 10 tiêu chí. Có 45 xã có dịch bệnh lở mồm long móng.")
    assert rows["4,450 tỷ đồng"]["metric"] == ""  # capital not yet allocated: no metric has it
    assert rows["9,2%"]["metric"] == ""  # revenue growth a year ("9,2%/năm"), not a share of an estimate
    assert rows["10,4%"]["metric"] == ""  # a sector's growth, not its share of the economy
    assert rows["2 xã"]["metric"] == ""  # communes below a threshold, no disease said
    assert rows["45 xã"]["metric"] == "disease_communes"


def test_a_stage_in_a_results_heading_dates_its_items_at_the_stage_s_end():
    rows = _by_number("I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN KẾ HOẠCH 5 NĂM 2016 - 2020\n1. Về kinh tế\n"
                      "Tốc độ tăng giá trị sản xuất bình quân đạt 7,8%/năm.\n")
    assert next(r for n, r in rows.items() if n.startswith("7,8%"))["as_of"] == "2020-12-31"


def test_a_goal_does_not_carry_past_a_semicolon_into_another_subject_s_fact_and_nuoc_is_no_estimate():
    rows = _by_number("Xã Tân Tiến hiện đạt 17/19 tiêu chí, phấn đấu về đích trong năm 2025; xã Hùng Sơn mới đạt "
                      "12/19 tiêu chí. Đẩy nhanh giải ngân, bảo đảm đến hết ngày 30/9/2025 đạt tối thiểu 60% kế hoạch vốn; "
                      "giải ngân 100% kế hoạch vốn. Thu, chi ngân sách Tổng thu ngân sách nhà nước trên địa bàn đến ngày "
                      "31/3/2025 đạt 21,346 tỷ đồng, bằng 30,5% dự toán tỉnh giao.")
    assert rows["12/19 tiêu chí"]["figure_type"] == "actual"
    assert rows["100%"]["figure_type"] == "target"  # a task list carries its goal past the semicolon
    assert rows["30,5%"]["figure_type"] == "actual"  # the "ước" of "nước", cut by a window, is no estimate


def test_the_commune_opening_a_figure_s_own_clause_holds_it():
    rows = list(extract("UBND các xã: xã Chiến Thắng phấn đấu đạt thêm 02 tiêu chí; xã Y Tịch đạt thêm 03 tiêu chí."))
    assert [(r["number_text"], r["commune"]) for r in rows] == [("02 tiêu chí", "Chiến Thắng"), ("03 tiêu chí", "Y Tịch")]
