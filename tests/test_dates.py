from datetime import date

import pytest

from vnreports.notation.dates import DateParseError, find_date, read_date


@pytest.mark.parametrize(
    "text, kind, start, end",
    [
        ("ngày 13/9/2024", "day", date(2024, 9, 13), date(2024, 9, 13)),
        ("đến hết ngày 31/12/2024", "day", date(2024, 12, 31), date(2024, 12, 31)),
        ("quý I/2024", "quarter", date(2024, 1, 1), date(2024, 3, 31)),
        ("quý III năm 2024", "quarter", date(2024, 7, 1), date(2024, 9, 30)),
        ("tháng 10/2024", "month", date(2024, 10, 1), date(2024, 10, 31)),
        ("ngày tháng 4 năm 2024", "month", date(2024, 4, 1), date(2024, 4, 30)),
        ("9 tháng đầu năm 2022", "months_to_date", date(2022, 1, 1), date(2022, 9, 30)),
        ("Năm 2023", "year", date(2023, 1, 1), date(2023, 12, 31)),
        ("từ ngày 24/6/2024 đến ngày 08/7/2024", "range", date(2024, 6, 24), date(2024, 7, 8)),
    ],
)
def test_dates_and_periods(text, kind, start, end):
    r = read_date(text)
    assert (r.kind, r.start, r.end) == (kind, start, end)


def test_more_than_three_months_is_approximate():
    r = read_date("hơn 03 tháng đầu năm 2024")
    assert r.kind == "months_to_date" and r.end == date(2024, 3, 31) and r.approximate


def test_impossible_dates_are_errors():
    with pytest.raises(DateParseError, match="not a real date"):
        read_date("ngày 31/02/2024")
    with pytest.raises(DateParseError):
        read_date("tháng 13/2024")


def test_no_date():
    assert find_date("đến thời điểm kiểm tra") is None
    with pytest.raises(DateParseError):
        read_date("hiện nay")


def test_months_without_a_year_take_the_reports_year_or_fail():
    r = read_date("hơn 03 tháng đầu năm", default_year=2024)
    assert (r.start, r.end, r.approximate) == (date(2024, 1, 1), date(2024, 3, 31), True)
    with pytest.raises(DateParseError, match="names no year"):
        read_date("hơn 03 tháng đầu năm")


def test_a_day_without_its_year_takes_the_report_s_year_and_is_never_guessed_without_it():


    assert find_date("Tính đến 31/8", default_year=2024).start.isoformat() == "2024-08-31"
    with pytest.raises(DateParseError):
        find_date("Tính đến 31/8")
    assert find_date("đạt 8/9 tiêu chí", default_year=2024) is None  # a ratio is no date


def test_a_day_without_its_year_opening_a_range_leaves_the_range_to_its_dated_end():
    assert find_date("từ ngày 15/4 – 04/7/2024", default_year=2024).start.isoformat() == "2024-07-04"
