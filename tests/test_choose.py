"""Metric and programme from the words that name them and from the headings above (assistant/choose.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnreports.assistant.choose import heading_chain, metric_phrase_scores, programme_phrase_scores
from vnreports.assistant.draft import extract
from vnreports.assistant.phrases import Phrases

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def project_phrases():
    return Phrases.load(RAW, "metric"), Phrases.load(RAW, "programme")


def test_a_phrase_matches_whole_words_and_the_longest_wins():
    p = Phrases([("a", "hộ nghèo"), ("b", "tỷ lệ hộ nghèo"), ("c", "nghèo bền")])
    hits = p.find("Tỷ lệ  hộ nghèo còn 8,2%; hộ nghèo còn 512 hộ; xóa nghèo bềnh")
    assert [(h.code, h.words) for h in hits] == [("b", 4), ("a", 2)]  # no 'c': 'bềnh' is another word


def test_catalogue_labels_count_as_phrases(project_phrases):
    metric, _ = project_phrases
    assert "poverty_rate" in {h.code for h in metric.find("Tỷ lệ hộ nghèo đến cuối năm")}


def test_the_nearest_phrase_that_fits_the_unit_names_the_metric(project_phrases):
    metric, _ = project_phrases
    allowed_pct = {"poverty_rate", "health_insurance_rate", "forest_cover_rate"}
    before = "Tỷ lệ che phủ rừng đạt 63,5%; tỷ lệ dân số tham gia bảo hiểm y tế đạt "
    scores = metric_phrase_scores(metric, before, "", allowed_pct)
    assert max(scores, key=scores.get) == "health_insurance_rate"
    # a count of poor households is not the poverty rate: the unit must fit
    assert "poverty_rate" not in metric_phrase_scores(metric, "Số hộ nghèo còn ", "", {"poor_households"})


def test_a_phrase_names_its_metric_family(project_phrases):
    metric, _ = project_phrases
    allowed = {"budget_revenue_pct_province_estimate", "budget_revenue_pct_same_period", "disbursement_rate"}
    scores = metric_phrase_scores(metric, "Tổng thu ngân sách trên địa bàn đạt ", "", allowed)
    assert set(scores) == {"budget_revenue_pct_province_estimate", "budget_revenue_pct_same_period"}


TEXT = """I. KẾT QUẢ THỰC HIỆN
1. Về giải ngân vốn đầu tư công
a) Nguồn vốn cân đối
+ Nguồn thu tiền sử dụng đất: kế hoạch vốn giao 50.000 triệu đồng.
Đến ngày 30/6/2024 đã giải ngân 14.674 triệu đồng.
- Nguồn vốn khác đã giải ngân 3.000 triệu đồng.
"""


def test_heading_chain_is_nearest_first_and_each_more_major():
    pos = TEXT.find("Đến ngày")
    assert heading_chain(TEXT, pos) == ["Nguồn thu tiền sử dụng đất", "a) Nguồn vốn cân đối",
                                        "1. Về giải ngân vốn đầu tư công", "I. KẾT QUẢ THỰC HIỆN"]
    # a bullet without a lead ends the lead's reach: its figures are not under 'Nguồn thu tiền sử dụng đất'
    assert heading_chain(TEXT, TEXT.find("Nguồn vốn khác"))[0] == "a) Nguồn vốn cân đối"


def test_the_more_specific_of_two_related_programmes_wins(project_phrases):
    _, programme = project_phrases
    from vnreports.assistant.draft import project_context

    programmes = project_context(RAW).programmes
    pos = TEXT.find("Đến ngày")
    scores = programme_phrase_scores(programme, "Đến ngày 30/6/2024 đã giải ngân ", "", heading_chain(TEXT, pos),
                                     programmes)
    assert max(scores, key=scores.get) == "dtc_tsdd"  # under 'Vốn đầu tư công' (dtc), the land-use fee source


def test_a_plan_indicator_is_drafted_with_its_catalogue_metric_and_sector():
    text = ("III. LĨNH VỰC VĂN HÓA - XÃ HỘI\n2. Y tế\nĐến ngày 30/6/2025, tỷ lệ dân số tham gia bảo hiểm y tế đạt 96,2%.\n"
            "3. Giảm nghèo\nTỷ lệ hộ nghèo còn 12,05%, giảm 2,1% so với cùng kỳ.\n")
    rows = {r["number_text"]: r for r in extract(text)}
    assert (rows["96,2%"]["metric"], rows["96,2%"]["programme"]) == ("health_insurance_rate", "y_te")
    assert rows["12,05%"]["metric"] == "poverty_rate"


def _by_number(text: str) -> dict[str, dict]:
    return {r["number_text"]: r for r in extract(text)}


def test_done_is_not_a_goal_and_an_opening_estimate_is_a_forecast():
    rows = _by_number("Đã triển khai đầu tư xây dựng hoàn thành 07 cầu dân sinh. "
                      "Phấn đấu hoàn thành 12 cầu trong năm 2025. "
                      "Dự kiến trong quý III năm 2024 hoàn thành bàn giao 09/09 cầu dân sinh.")
    assert [rows[k]["figure_type"] for k in ("07 cầu", "12 cầu", "09/09 cầu")] == ["actual", "target", "forecast"]


def test_a_sentence_citing_an_earlier_document_holds_at_that_documents_date():
    rows = _by_number("Tại Quyết định số 1571/QĐ-UBND ngày 30/9/2022, UBND tỉnh đã phân bổ kế hoạch vốn "
                      "6.900 triệu đồng cho huyện Lộc Bình.")
    assert rows["6.900 triệu đồng"]["as_of"] == "2022-09-30"


def test_the_same_number_twice_in_a_sentence_is_two_figures():
    rows = [r for r in extract("Trên địa bàn xảy ra 01 vụ trộm cắp, 01 vụ đánh bạc.") if r["number_text"] == "01 vụ"]
    assert len(rows) == 2


def test_the_criteria_set_follows_the_denominator():
    rows = _by_number("Thôn Nà Lừa đạt 8/9 tiêu chí thôn kiểu mẫu; xã Khánh Xuân đạt 14/19 tiêu chí nông thôn mới.")
    assert rows["8/9 tiêu chí"]["metric"] == "ntm_model_village_criteria_met"
    assert rows["14/19 tiêu chí"]["metric"] == "ntm_criteria_met"


def test_a_plan_indicator_takes_its_sector_but_a_programme_section_keeps_its_programme():
    rows = _by_number("Cơ cấu kinh tế: nông, lâm nghiệp chiếm 38,5%; công nghiệp - xây dựng chiếm 21,3%; "
                      "thương mại - dịch vụ chiếm 40,2%.\n"
                      "Chương trình MTQG xây dựng nông thôn mới: có thêm 02 xã đạt chuẩn nông thôn mới.")
    assert [(rows[k]["metric"], rows[k]["programme"]) for k in ("38,5%", "21,3%", "40,2%")] == [
        ("economic_structure_agriculture", "kt_xh"), ("economic_structure_industry", "kt_xh"),
        ("economic_structure_services", "kt_xh")]
    # "có thêm 02 xã" counts the communes added, not those that meet the standard: a new metric is proposed
    assert (rows["02 xã"]["metric"], rows["02 xã"]["programme"]) == ("", "ntm")


@pytest.mark.parametrize("name, line", [("metric_phrases.csv", "povrty_rate,tỷ lệ nghèo\n"),
                                        ("programme_phrases.csv", "y_tee,y tế\n"),
                                        ("metric_sectors.csv", "poverty_rate,xa_hoi\n")])
def test_a_phrase_or_sector_row_with_an_unknown_code_is_refused_with_its_line(tmp_path, name, line):
    import shutil

    from vnreports.errors import InputError
    from vnreports.raw.layer import load_raw

    root = tmp_path / "p"
    shutil.copytree(RAW, root / "data" / "raw")
    path = root / "data" / "raw" / name
    n = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line)
    with pytest.raises(InputError) as err:
        load_raw(root / "data" / "raw")
    assert len(err.value.problems) == 1, err.value.render()  # one bad row, one error
    assert f"data/raw/{name}:{n}:" in err.value.render() and "unknown" in err.value.render()


def test_notation_seen_in_the_development_reports():
    rows = _by_number("Xã Liên Sơn còn 02 tiêu chí chưa đạt (Tiêu chí số 10 - Thu nhập, Tiêu chí số 11 - Nghèo đa chiều). "
                      "Nhân dân đóng góp 28.600 ngày công. Trồng rừng mới 1.150 ha/1.100 ha kế hoạch. "
                      "Tỷ lệ giải ngân đạt 10,75%, thấp nhất trong 11 huyện, thành phố.")
    assert {"Tiêu chí số 10", "Tiêu chí số 11", "28.600 ngày công", "1.100 ha"} <= set(rows)
    assert (rows["thấp nhất"]["value"], rows["thấp nhất"]["denominator"]) == ("11", "11")
    assert "11 huyện" not in rows  # how many are ranked is the superlative's denominator, not a figure


def test_how_many_are_ranked_is_skipped_with_its_reason():
    from vnreports.notation.mentions import classify, find_mentions

    text = "Tỷ lệ giải ngân đạt 10,75%, thấp nhất trong 11 huyện, thành phố."
    m = next(m for m in find_mentions(text) if m.text == "11")
    assert classify(text, m) == "rank_scope"


def test_a_signature_joined_to_the_recipients_by_ocr_is_still_read():
    from vnreports.assistant.registry import draft_registry
    from vnreports.notation.places import PlaceIndex

    text = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LẠNG SƠN Độc lập - Tự do - Hạnh phúc\n"
            "Số: 215/TB-UBND Lạng Sơn, ngày 12 tháng 6 năm 2025\nTHÔNG BÁO\nKết luận tại buổi kiểm tra tại huyện Văn Quan\n"
            "Ngày 05/6/2025, đoàn đã kiểm tra tại huyện Văn Quan.\n"
            "Nơi nhận: TL. CHỦ TỊCH\n- Chủ tịch, các PCT UBND tỉnh; KT. CHÁNH VĂN PHÒNG\n"
            "- UBND huyện Văn Quan; PHÓ CHÁNH VĂN PHÒNG\n- Lưu: VT.\nNguyễn Văn Minh\n")
    row, _, _ = draft_registry("x.pdf", text, PlaceIndex.load(RAW / "reference", RAW / "place_aliases.csv"))
    assert (row["signer"], row["signer_title"]) == ("Nguyễn Văn Minh",
                                                     "TL. Chủ tịch, KT. Chánh Văn phòng, Phó Chánh Văn phòng")


def test_the_note_says_which_words_named_the_metric_and_the_programme():
    rows = _by_number("II. VĂN HÓA - XÃ HỘI\n2. Y tế\nTỷ lệ dân số tham gia bảo hiểm y tế đạt 96,2%.\n")
    note = rows["96,2%"]["note"]
    assert "chỉ tiêu theo «Tỷ lệ dân số tham gia bảo hiểm y tế»" in note and "chương trình theo «bảo hiểm y tế»" in note


def test_a_deadline_no_target_carries_is_a_row_of_its_own():
    rows = _by_number("Yêu cầu UBND xã Hữu Kiên khẩn trương hoàn thiện hồ sơ đề nghị công nhận đạt chuẩn nông thôn mới "
                      "trong quý III/2025. Phấn đấu giải ngân 100% kế hoạch vốn trước ngày 31/12/2025.")
    ntm = rows["trong quý III/2025"]
    assert (ntm["value"], ntm["unit"], ntm["figure_type"], ntm["deadline"], ntm["metric"]) == (
        "2025", "năm", "target", "2025-09-30", "ntm_target_year")
    assert rows["100%"]["deadline_text"] == "trước ngày 31/12/2025"  # carried by its target: no row of its own
    assert "trước ngày 31/12/2025" not in rows


def test_what_a_count_label_counts_and_money_per_house_is_no_capital_plan():
    from vnreports.assistant.choose import counted_noun

    assert counted_noun("Số vụ phạm pháp") == "vụ" and counted_noun("Số nhà văn hóa thôn") == "nhà văn hóa thôn"
    assert counted_noun("Tỷ lệ hộ nghèo") == ""
    rows = _by_number("Huyện đã hỗ trợ 318 nhà, mức hỗ trợ 60 triệu đồng/nhà xây mới. Thu nhập bình quân đầu người "
                      "đạt 42,5 triệu đồng/người/năm.")
    assert rows["60 triệu đồng/nhà"]["metric"] != "capital_plan"  # not an amount: a new metric is proposed
    assert rows["42,5 triệu đồng/người/năm"]["metric"] == "income_per_capita"
    assert rows["318 nhà"]["metric"] != "cultural_houses"


def test_a_plans_figures_are_goals_unless_marked_as_results():
    import dataclasses

    from vnreports.assistant.draft import project_context

    ctx = dataclasses.replace(project_context(RAW), plan=True)
    rows = {r["number_text"]: r for r in extract(
        "Cải cách hành chính: tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt trên 98%. "
        "Đến nay huyện đã giải ngân 56,9 tỷ đồng.", ctx)}
    assert rows["trên 98%"]["figure_type"] == "target" and rows["56,9 tỷ đồng"]["figure_type"] == "actual"



def test_a_sector_s_words_in_a_report_on_one_national_programme_are_that_programme_s():
    from vnreports.assistant.choose import report_level_programme

    sectors = frozenset({"van_hoa_xa_hoi", "nong_nghiep", "ha_tang", "kt_xh"})
    dtts = "Báo cáo kết quả thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào DTTS"
    assert report_level_programme("van_hoa_xa_hoi", "", dtts, "dtts", sectors=sectors) == "dtts"
    ntm = "Báo cáo kết quả xây dựng nông thôn mới năm 2025"
    assert report_level_programme("ha_tang", "road_length", ntm, "ntm", sectors=sectors) == "ha_tang"
    socio = "Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2025"
    assert report_level_programme("van_hoa_xa_hoi", "jobs_created", socio, "", sectors=sectors) == "van_hoa_xa_hoi"


def test_public_investment_money_in_a_report_on_one_national_programme_is_that_programme_s():
    from vnreports.assistant.choose import report_level_programme

    title = "Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2025"
    assert report_level_programme("dtc", "capital_plan", title, "ntm", ["NGUỒN VỐN THỰC HIỆN"]) == "ntm"
    assert report_level_programme("dtc", "disbursed", title, "ntm", ["Về giải ngân vốn đầu tư công"]) == "dtc"
    assert report_level_programme("dtc", "disbursed", "Báo cáo giải ngân vốn đầu tư công", "", []) == "dtc"
