"""The number parser on every notation the reports use, ambiguous ones included."""

from decimal import Decimal as D

import pytest

from vnreports.notation.numbers import ParseError, format_vi, read_figure, read_number


@pytest.mark.parametrize(
    "text, kind, value, unit",
    [
        ("41,4%", "percent", D("41.4"), "%"),
        ("2.522,81 tỷ đồng", "amount", D("2522.81"), "tỷ đồng"),
        ("60.746 triệu đồng", "amount", D("60746"), "triệu đồng"),
        ("7.000.000đ", "amount", D("7000000"), "đồng"),
        ("2.000.000^d", "amount", D("2000000"), "đồng"),
        ("2.200ha", "measure", D("2200"), "ha"),
        ("0,036ha", "measure", D("0.036"), "ha"),
        ("0,348m³", "measure", D("0.348"), "m3"),
        ("25.271,9 ha", "measure", D("25271.9"), "ha"),
        ("14,08 tiêu chí/xã", "measure", D("14.08"), "tiêu chí/xã"),
        ("02%", "percent", D("2"), "%"),
        ("năm 2024", "year", D("2024"), "năm"),
        ("Tiêu chí số 2", "criterion", D("2"), "tiêu chí số"),
        ("tháng **10/2024**", "date", D("2024"), "năm"),
    ],
)
def test_unambiguous_figures(text, kind, value, unit):
    r = read_figure(text)
    assert (r.kind, r.value, r.unit, r.ambiguous) == (kind, value, unit, False)


@pytest.mark.parametrize(
    "text, candidates, unit",
    [
        ("9,142 triệu đồng", (D("9.142"), D("9142")), "triệu đồng"),
        ("17,420 tỷ đồng", (D("17.420"), D("17420")), "tỷ đồng"),
        ("2,527 tỷ đồng", (D("2.527"), D("2527")), "tỷ đồng"),
        ("3,036 ha", (D("3.036"), D("3036")), "ha"),
    ],
)
def test_comma_and_three_digits_is_ambiguous(text, candidates, unit):
    r = read_figure(text)
    assert r.ambiguous and r.value is None
    assert r.candidates == candidates and r.unit == unit
    assert "comma followed by three digits" in r.reasons[0]


def test_ratio_with_unit_after_both_numbers():
    r = read_figure("60.746/135.188 triệu đồng")
    assert (r.kind, r.value, r.denominator, r.unit) == ("ratio", D("60746"), D("135188"), "triệu đồng")
    r = read_figure("56,895 tỷ đồng/137,501 tỷ đồng")
    assert r.kind == "ratio" and r.unit == "tỷ đồng" and r.ambiguous
    assert r.denominator_candidates == (D("137.501"), D("137501"))


def test_criteria_and_counts_out_of():
    r = read_figure("08/19 tiêu chí")
    assert (r.value, r.denominator, r.unit) == (8, 19, "tiêu chí")
    r = read_figure("04/04 công trình")
    assert (r.value, r.denominator, r.unit, r.tail) == (4, 4, None, "công trình")


@pytest.mark.parametrize("text, rank, of", [("thứ 05/11", 5, 11), ("đứng thứ 4/11", 4, 11),
                                            ("xếp hạng 4/11", 4, 11), ("vị trí 03/11", 3, 11),
                                            ("xếp thứ 8/11", 8, 11)])
def test_ranks(text, rank, of):
    r = read_figure(text)
    assert (r.kind, r.value, r.denominator, r.unit) == ("rank", rank, of, "thứ hạng")


def test_superlatives_need_the_number_of_ranked_units():
    high, low = read_figure("cao nhất"), read_figure("thấp nhất")
    assert high.superlative == "highest" and high.candidates == (1,) and high.ambiguous
    assert low.superlative == "lowest" and low.candidates == () and low.ambiguous


def test_counts_keep_their_noun_and_qualifiers():
    r = read_figure("1.311 con")
    assert (r.kind, r.value, r.tail) == ("count", 1311, "con")
    assert read_figure("hơn 500 ha").qualifier == "more_than"
    assert read_figure("tối thiểu 40%").qualifier == "at_least"
    assert read_figure("từ 50% trở lên").qualifier == "at_least"


def test_range_is_flagged():
    r = read_figure("60 - 90%")
    assert r.kind == "range" and r.candidates == (60, 90) and r.ambiguous


def test_non_vietnamese_separators_are_flagged():
    assert read_number("3.5").reason  # dot as decimal mark
    assert read_number("1,234,567").reason  # comma thousands
    assert read_number("2,522.81").reason


@pytest.mark.parametrize("text", ["", "không có số", "1.2.3", "1,2,3", "4.5,6,7"])
def test_unreadable(text):
    with pytest.raises(ParseError):
        read_figure(text)


def test_format_vi():
    assert format_vi(D("2522.81")) == "2.522,81"
    assert format_vi(41.4) == "41,4"
    assert format_vi(9142000000) == "9.142.000.000"
    assert format_vi(D("56.895"), 1) == "56,9"


def test_a_deadline_date_as_the_figure_reads_as_its_year():
    r = read_figure("ngày 31/12/2024")
    assert (r.kind, r.value, r.unit) == ("date", 2024, "năm")
