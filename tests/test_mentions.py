"""What a numeric mention is, and which ones are not figures, on realistic report sentences."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnreports.assistant.draft import extract
from vnreports.notation.mentions import REASONS, classify, find_mentions


def reason_of(text: str, token: str, nth: int = 0) -> str | None:
    mentions = [m for m in find_mentions(text) if m.text == token]
    assert len(mentions) > nth, f"no mention '{token}' in {text!r}: {[m.text for m in find_mentions(text)]}"
    return classify(text, mentions[nth])


@pytest.mark.parametrize("text, token, reason", [
    # years and periods
    ("Thực hiện Kế hoạch xây dựng nông thôn mới năm 2025 của huyện Bình Gia", "2025", "year"),
    ("quy hoạch phát triển đến năm 2030, tầm nhìn đến năm 2050.", "2030", "year"),
    ("Trong năm 2024, huyện đã tập trung chỉ đạo", "2024", "year"),
    ("Chương trình MTQG giai đoạn 2021 - 2025 trên địa bàn huyện", "2021", "period_name"),
    ("Chương trình MTQG giai đoạn 2021 - 2025 trên địa bàn huyện", "2025", "period_name"),
    ("các Chương trình MTQG 2021–2025 của tỉnh", "2021", "period_name"),
    ("các Chương trình MTQG 2021–2025 của tỉnh", "2025", "period_name"),
    ("kế hoạch đầu tư công trung hạn 2021—2025", "2025", "period_name"),
    ("trong giai đoạn 2021 đến 2025, huyện", "2021", "period_name"),
    ("trong giai đoạn 2021 đến 2025, huyện", "2025", "period_name"),
    # document numbers
    ("Số: 15/KH-UBND\nLạng Sơn, ngày 12 tháng 3 năm 2024", "15", "document_number"),
    ("Thực hiện Kế hoạch số 112/KH-UBND ngày 05/4/2024 của UBND tỉnh", "112", "document_number"),
    ("Thực hiện Kế hoạch số 112/KH-UBND ngày 05/4/2024 của UBND tỉnh", "05/4/2024", "legal_date"),
    ("Nghị quyết số 25-NQ/TU ngày 15/10/2021 của Ban Thường vụ Tỉnh ủy", "25", "document_number"),
    ("theo Quyết định 1642/QĐ-UBND ngày 20/8/2024 của UBND tỉnh", "1642", "document_number"),
    ("theo Quyết định 1642/QĐ-UBND ngày 20/8/2024 của UBND tỉnh", "20/8/2024", "legal_date"),
    ("theo Quyết định 1642 của Chủ tịch UBND tỉnh", "1642", "document_number"),
    ("Luật Đầu tư công số 39/2019/QH14 quy định", "39/2019", "document_number"),
    ("thực hiện Công điện số 05/CĐ-UBND về phòng, chống bão", "05", "document_number"),
    # dates written short or dotted
    ("yêu cầu hoàn thành trước ngày 31/8 để kịp tiến độ", "31/8", "date"),
    ("Nghị định có hiệu lực từ tháng 6.2018, huyện đã triển khai", "6.2018", "date"),
    ("thực hiện từ 5-2023 đến nay", "5", "date"),
    ("thực hiện từ 5-2023 đến nay", "2023", "date"),
    ("Đoàn làm việc ngày 31.8.2024 tại xã", "31.8.2024", "date"),
    ("Đoàn làm việc ngày 31-8-2024 tại xã", "31", "date"),
    ("Đoàn làm việc ngày 31-8-2024 tại xã", "2024", "date"),
    # storms, sessions, rounds
    ("khắc phục hậu quả cơn bão số 9 gây ra", "9", "part_of_name"),
    ("thiệt hại do bão số 3 (Yagi) gây ra", "3", "part_of_name"),
    ("tại Kỳ họp thứ 7 HĐND huyện khóa XX", "7", "ordinal"),
    ("TẠI KỲ HỌP THỨ 7 HĐND HUYỆN", "7", "ordinal"),
    ("Kì họp thứ 9, HĐND tỉnh", "9", "ordinal"),
    ("Đại hội đại biểu các dân tộc thiểu số huyện lần thứ 3", "3", "ordinal"),
    ("Đoàn kiểm tra lần 2 đối với xã", "2", "ordinal"),
    # footnote markers
    ("Kết quả đạt tích cực1, huyện đã", "1", "footnote_marker"),
    ("phấn đấu đạt chuẩn nông thôn mới năm 20251. Huyện đã", "20251", "footnote_marker"),
    ("trong giai đoạn 2021-20253, huyện", "20253", "footnote_marker"),
    ("Công tác cải cách hành chính đạt kết quả tích cực (2), huyện đã", "2", "footnote_marker"),
    ("đạt kết quả tích cực ( 2 ) trong khi các huyện khác", "2", "footnote_marker"),
    ("Kết quả đạt tích cực1.\n\n1 Tổng thu ngân sách trên địa bàn đạt 9,142 triệu đồng", "1", "footnote_marker"),
    ("đạt loại khá3.\n\nbàn huyện đảm bảo theo quy định.\n3\n Đến thời điểm kiểm tra đạt 17,04% kế hoạch", "3",
     "footnote_marker"),
    # page numbers and list numbering
    ("cần tập trung chỉ đạo.\n\n2\n\nTiếp tục triển khai", "2", "page_number"),
    ("cần tập trung chỉ đạo.\n- 3 -\nTiếp tục triển khai", "3", "page_number"),
    ("cần tập trung chỉ đạo.\nTrang 4/12\nTiếp tục triển khai", "4/12", "page_number"),
    ("\n1. Đối với UBND huyện Bình Gia", "1", "list_numbering"),
    ("\n2.1. Đối với xã Chí Minh", "2.1", "list_numbering"),
    ("\n1.2 Đối với triển khai các Chương trình MTQG", "1.2", "list_numbering"),
    ("\n**3.** Yêu cầu các sở, ban, ngành", "3", "list_numbering"),
    ("\n## 1 Kết quả đạt được", "1", "list_numbering"),
    ("\n1) Về thu ngân sách", "1", "list_numbering"),
    ("gồm các hạng mục: (1) đường giao thông; (2) nhà văn hóa thôn", "2", "list_numbering"),
    # clock times, phone numbers, postcodes
    ("Vào lúc 14 giờ 30 phút ngày 12/5/2025, Đoàn", "14", "clock_time"),
    ("Vào lúc 14 giờ 30 phút ngày 12/5/2025, Đoàn", "30", "clock_time"),
    ("hội nghị bắt đầu từ 8h30 sáng", "8", "clock_time"),
    ("hội nghị bắt đầu từ 8h30 sáng", "30", "clock_time"),
    ("làm việc từ 7h đến 11h hằng ngày", "11", "clock_time"),
    ("họp lúc 14:30 tại hội trường", "14", "clock_time"),
    ("Điện thoại: 0205 3812 345; Fax: 0205 3812 346", "0205", "contact"),
    ("Điện thoại: 0205 3812 345; Fax: 0205 3812 346", "345", "contact"),
    ("liên hệ ĐT: 0912.345.678 để được hỗ trợ", "0912.345.678", "contact"),
    ("Lạng Sơn, mã bưu chính 240000", "240000", "contact"),
    # road codes
    ("nâng cấp tuyến Quốc lộ 1A đoạn qua thị trấn", "1", "code"),
    ("cải tạo QL.4B đoạn qua huyện Lộc Bình", "4", "code"),
    ("sửa chữa đường ĐT 226 đoạn qua xã", "226", "code"),
    ("mở rộng Quốc lộ 279 qua huyện", "279", "code"),
    ("sạt lở tại ĐT.226", "226", "code"),
])
def test_non_figures_are_named(text, token, reason):
    assert reason_of(text, token) == reason


@pytest.mark.parametrize("text, token", [
    ("tổng thu ngân sách đạt 41,4% dự toán", "41,4"),
    ("Xã Lý Bôn đạt 08/19 tiêu chí", "08/19"),
    ("đến nay đã nâng lên 10/11 xã đạt chuẩn", "10/11"),
    ("hỗ trợ cho\n12 hộ nghèo trên địa bàn", "12"),  # a line broken in the middle of a sentence
    ("đã bàn giao\n02 Trạm Y tế xã", "02"),
    ("Số hộ\n15\nTỷ lệ", "15"),  # a .docx table cell on its own line
    ("giải quyết trong 24 giờ kể từ khi nhận hồ sơ", "24"),  # a duration, not a clock time
    ("diện tích 1\u00a0250 ha", "1\u00a0250"),  # one mention, a figure
    ("đạt chuẩn nông thôn mới năm 2025", None),
])
def test_figures_are_not_classified_away(text, token):
    if token is None:  # a target year: classify calls it a year, the extractor still drafts it
        assert reason_of(text, "2025") == "year"
        assert [r["number_text"] for r in extract("Xã Lý Bôn phấn đấu " + text + ".")] == ["năm 2025"]
        return
    assert reason_of(text, token) is None


def test_list_letters_and_roman_numerals_are_no_mentions():
    assert [m.text for m in find_mentions("\na) Về kinh tế\nII. Nhiệm vụ\nb) Về xã hội")] == []


def test_every_reason_has_a_vietnamese_and_an_english_label():
    for key, label in REASONS.items():
        assert re.fullmatch(r"[a-z_]+", key)
        assert re.search(r"\S.*\(.*[a-z].*\)$", label), key


# -- properties ---------------------------------------------------------------------------------------

YEARS = st.integers(min_value=1990, max_value=2089)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(list("0123456789./-:()h \n") + ["năm ", "số ", "thứ ", "ngày ", "Quốc lộ ", "bão ",
                                                                     "Kỳ họp ", "lần ", "tích cực", "/QĐ-UBND"]),
                max_size=40).map("".join))
def test_classify_never_crashes(text):
    for m in find_mentions(text):
        assert classify(text, m) is None or classify(text, m) in REASONS


@given(YEARS, st.sampled_from(["năm", "đến năm", "trong năm", "tầm nhìn đến năm", "từ năm"]))
def test_a_year_after_nam_is_a_year(year, lead):
    assert reason_of(f"Huyện triển khai kế hoạch {lead} {year} theo quy định", str(year)) == "year"


@given(YEARS, st.integers(min_value=1, max_value=10), st.sampled_from([" - ", "-", "–", " – ", "—"]))
def test_both_years_of_a_period_are_a_period_name(start, length, dash):
    end = start + length
    text = f"các Chương trình MTQG giai đoạn {start}{dash}{end} trên địa bàn"
    assert reason_of(text, str(start)) == reason_of(text, str(end)) == "period_name"


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["KH-UBND", "QĐ-UBND", "CTr-UBND", "TB-VPUBND"]),
       st.sampled_from(["Kế hoạch số", "Quyết định số", "Quyết định", "Số:", "Thông báo số"]))
def test_document_numbers(number, suffix, lead):
    assert reason_of(f"Thực hiện {lead} {number}/{suffix} của UBND tỉnh", str(number)) == "document_number"


@given(YEARS, st.integers(min_value=1, max_value=9))
def test_a_footnote_marker_stuck_to_a_year(year, marker):
    assert reason_of(f"phấn đấu đạt chuẩn nông thôn mới năm {year}{marker}. Huyện", f"{year}{marker}") == \
        "footnote_marker"


@given(st.integers(min_value=1, max_value=28), st.integers(min_value=1, max_value=12), YEARS)
def test_short_and_dotted_dates(day, month, year):
    assert reason_of(f"hoàn thành trước ngày {day}/{month} để kịp", f"{day}/{month}") == "date"
    assert reason_of(f"Đoàn làm việc ngày {day}.{month}.{year} tại xã", f"{day}.{month}.{year}") == "date"
    assert reason_of(f"có hiệu lực từ tháng {month}.{year}, huyện", f"{month}.{year}") == "date"
    assert reason_of(f"thực hiện từ {month}-{year} đến nay", str(year)) == "date"


@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_clock_times(hour, minute):
    text = f"Vào lúc {hour} giờ {minute:02d} phút, Đoàn làm việc"
    assert reason_of(text, str(hour)) == reason_of(text, f"{minute:02d}") == "clock_time"
    text = f"hội nghị bắt đầu từ {hour}h{minute:02d} sáng"
    assert reason_of(text, str(hour)) == reason_of(text, f"{minute:02d}") == "clock_time"
