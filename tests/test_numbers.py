"""The number parser on every notation the reports use, ambiguous ones included."""

import csv
from decimal import Decimal as D

import polars as pl
import pytest

from vnreports.cli import main
from vnreports.notation.numbers import MONEY_MULTIPLIERS, ParseError, format_vi, read_figure, read_number, to_canonical
from vnreports.notation.ranks import find_word_ranks
from vnreports.raw.readings import check_reading


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


# -- units glued, spaced, multiplied -------------------------------------------------------------

@pytest.mark.parametrize(
    "text, kind, value, unit, tail",
    [
        ("8.375ha", "measure", D("8375"), "ha", ""),
        ("57xã", "count", D("57"), None, "xã"),
        ("6.071km2", "measure", D("6071"), "km2", ""),
        ("6.071 km²", "measure", D("6071"), "km2", ""),
        ("350m2", "measure", D("350"), "m2", ""),
        ("53,2 %", "percent", D("53.2"), "%", ""),
        ("1\u00a0250 ha", "measure", D("1250"), "ha", ""),  # a typeset (no-break) thousands space
        ("1\u202f250,5 ha", "measure", D("1250.5"), "ha", ""),
        ("5 tỷ đồng đồng", "amount", D("5"), "tỷ đồng", ""),  # the unit written twice
        ("59,2 ngàn ha", "measure", D("59.2"), "nghìn ha", ""),
        ("2,5 nghìn tấn", "measure", D("2.5"), "nghìn tấn", ""),
        ("1,2 nghìn tỷ đồng", "amount", D("1.2"), "nghìn tỷ đồng", ""),
        ("3 ngàn tỉ", "amount", D("3"), "nghìn tỷ đồng", ""),
        ("200 nghìn người", "count", D("200"), None, "nghìn người"),
        ("200 ngàn người", "count", D("200"), None, "nghìn người"),  # southern spelling, normalised
        ("1,5 triệu người", "count", D("1.5"), None, "triệu người"),
        ("3 triệu lượt khách", "count", D("3"), None, "triệu lượt khách"),
        ("5 triệu", "amount", D("5"), "triệu đồng", ""),  # a bare "triệu" is money
    ],
)
def test_units_glued_spaced_and_multiplied(text, kind, value, unit, tail):
    r = read_figure(text)
    assert (r.kind, r.value, r.unit, r.tail, r.ambiguous) == (kind, value, unit, tail, False), r.reasons


def test_a_multiplier_word_is_kept_in_the_unit_and_applied_by_to_canonical():
    assert read_figure("1,5 triệu người").multiplier == 1_000_000
    assert read_figure("59,2 ngàn ha").multiplier == 1000
    assert to_canonical(D("1.5"), "triệu người") == (D("1500000"), "người")
    assert to_canonical(D("59.2"), "nghìn ha") == (D("59200"), "ha")
    assert to_canonical(D("200"), "ngàn người") == (D("200000"), "người")
    assert to_canonical(D("6071"), "km2") == (D("6071"), "km2")  # no conversion between area units
    value, unit = to_canonical(D("1.2"), "nghìn tỷ đồng")
    assert (value, unit) == (1_200_000_000_000, "đồng") and value == value.to_integral_value()
    assert MONEY_MULTIPLIERS["nghìn tỷ đồng"] == 10**12


def test_a_space_inside_a_number_is_flagged_with_both_readings():
    r = read_figure("1 250 ha")
    assert r.ambiguous and r.candidates == (D("1250"),) and r.unit == "ha"
    assert "1250" in r.reasons[0] and "1 and 250" in r.reasons[0]
    assert read_figure("02 250 ha").ambiguous  # "02" cannot start a thousands group: two numbers


def test_a_dot_and_three_digits_before_a_stacked_multiplier_is_flagged():
    r = read_figure("47.580 nghìn tỷ")
    assert r.unit == "nghìn tỷ đồng" and r.ambiguous and r.candidates == (D("47580"), D("47.58"))
    assert "47580" in r.reasons[0] and "47.58" in r.reasons[0]
    assert read_figure("1.500 nghìn đồng").value == 1500  # an ordinary money unit: thousands
    assert read_figure("60.746 triệu đồng").value == 60746


@pytest.mark.parametrize("text, readings", [("90.17%", ("90.17", "90,17")), ("3.5 ha", ("3.5", "3,5")),
                                            ("2,522.81 tỷ đồng", ("2522.81", "2.522,81"))])
def test_a_dot_as_decimal_mark_is_flagged_naming_the_readings(text, readings):
    r = read_figure(text)
    assert r.ambiguous and r.value is None
    assert all(reading in r.reasons[0] for reading in readings), r.reasons


# -- ranks in words --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, rank", [
    ("xếp thứ hai", 2), ("đứng thứ ba", 3), ("thứ nhất", 1), ("thứ nhì", 2), ("thứ tư", 4), ("thứ bảy", 7),
    ("thứ mười", 10), ("thứ mười một", 11), ("thứ mười lăm", 15), ("thứ hai mươi mốt", 21),
    ("thứ sáu mươi ba", 63), ("xếp hạng nhất", 1), ("đứng ở vị trí thứ năm", 5), ("Đứng Thứ Ba", 3),
])
def test_ranks_in_words(text, rank):
    r = read_figure(text)
    assert (r.kind, r.value, r.unit, r.ambiguous) == ("rank", rank, "thứ hạng", False)


def test_rank_denominators_in_words_and_digits():
    for text in ("đứng thứ hai trên 11 huyện", "xếp thứ hai/11", "đứng thứ 2 trên 11 huyện",
                 "thứ 2 trong số 11 huyện, thành phố"):
        r = read_figure(text)
        assert (r.kind, r.value, r.denominator) == ("rank", 2, 11), text
    assert read_figure("vị trí thứ 8").denominator is None
    assert read_figure("thứ 3/63").denominator == 63


def test_a_capitalised_weekday_is_flagged():
    r = read_figure("thứ Hai")
    assert r.kind == "rank" and r.candidates == (2,) and r.ambiguous and "weekday" in r.reasons[0]
    assert not read_figure("xếp thứ Hai").ambiguous


def test_find_word_ranks_keeps_ranks_and_leaves_ordinals_and_weekdays():
    text = ("Giải ngân vốn đầu tư công của huyện xếp thứ hai trong tỉnh. Kỳ họp thứ bảy HĐND huyện; Đại hội lần "
            "thứ hai. Thứ nhất, cần tập trung chỉ đạo. Vào thứ Hai, ngày 12/5 đoàn đến. Chỉ số DDCI đứng thứ ba/11 "
            "huyện. Tỷ lệ thu ngân sách thứ tư toàn tỉnh. Họp vào thứ năm tuần sau.")
    found = find_word_ranks(text)
    assert [(r.text, r.value, r.denominator) for r in found] == [
        ("xếp thứ hai", 2, None), ("đứng thứ ba/11", 3, 11), ("thứ tư", 4, None)]
    for r in found:
        assert text[r.start : r.end] == r.text and read_figure(r.text).value == r.value


# -- ranges and thresholds -------------------------------------------------------------------------

@pytest.mark.parametrize("text, lo, hi, unit", [
    ("14 - 16 tiêu chí", 14, 16, "tiêu chí"), ("14-16 tiêu chí", 14, 16, "tiêu chí"),
    ("14–16 tiêu chí", 14, 16, "tiêu chí"), ("từ 14 đến 16 tiêu chí", 14, 16, "tiêu chí"),
    ("60 - 90%", 60, 90, "%"), ("60% - 90%", 60, 90, "%"), ("từ 60% đến 90%", 60, 90, "%"),
    ("2 - 3 xã", 2, 3, None),
])
def test_ranges_are_flagged_with_both_ends(text, lo, hi, unit):
    r = read_figure(text)
    assert (r.kind, r.candidates, r.unit, r.value) == ("range", (lo, hi), unit, None)
    assert r.ambiguous and "range" in r.reasons[-1]


def test_a_range_between_two_units_is_refused():
    with pytest.raises(ParseError):
        read_figure("5 ha - 6 tấn")


@pytest.mark.parametrize("text, qualifier", [
    ("trên 80%", "more_than"), ("hơn 500 ha", "more_than"), ("dưới 5%", "less_than"), ("chưa đến 5%", "less_than"),
    ("ít nhất 90%", "at_least"), ("tối thiểu 95%", "at_least"), ("không dưới 70%", "at_least"),
    ("từ 50% trở lên", "at_least"), ("không quá 3%", "at_most"), ("tối đa 3%", "at_most"),
    ("không vượt quá 5%", "at_most"), ("từ 5% trở xuống", "at_most"), ("khoảng 30%", "about"), ("41,4%", None),
])
def test_thresholds(text, qualifier):
    r = read_figure(text)
    assert r.qualifier == qualifier and not r.ambiguous


# -- the build's check of a transcribed reading ------------------------------------------------------

@pytest.mark.parametrize("number_text, value, unit, kind", [
    ("6.071km2", "6071", "km2", "area"), ("350 m2", "350", "m2", "area"), ("59,2 ngàn ha", "59.2", "nghìn ha", "area"),
    ("1,2 nghìn tỷ đồng", "1.2", "nghìn tỷ đồng", "money"), ("1,5 triệu người", "1.5", "triệu người", "count"),
    ("xếp thứ hai", "2", "thứ hạng", "rank_only"),
])
def test_transcribed_readings_pass_the_build_check(number_text, value, unit, kind):
    problems = []
    row = {"number_text": number_text, "value": value, "unit": unit, "denominator": "", "reading_note": "",
           "metric": "m"}
    check_reading(read_figure(number_text), D(value), None, unit, row, {"metric_code": "m", "unit_kind": kind},
                  lambda column, message, fix="": problems.append((column, message)))
    assert problems == []


def test_the_curated_layer_keeps_area_units_and_applies_multipliers_exactly(project):
    """A report sentence with km2, 'ngàn ha', 'triệu người' and 'nghìn tỷ đồng', transcribed and built."""
    stem = "001_fb0a3aa72a370f36"
    sentence = ("Huyện có diện tích tự nhiên 6.071km2, rừng 59,2 ngàn ha, dân số 1,5 triệu người; "
                "tổng vốn 1,2 nghìn tỷ đồng.")
    with (project / "data/raw/reports" / f"{stem}.txt").open("a", encoding="utf-8") as fh:
        fh.write("\n" + sentence + "\n")
    path = project / "data/raw/figures" / f"{stem}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    new = [("crop_area", "6.071km2", "6071", "km2"), ("crop_area", "59,2 ngàn ha", "59.2", "nghìn ha"),
           ("households_participating", "1,5 triệu người", "1.5", "triệu người"),
           ("capital_plan", "1,2 nghìn tỷ đồng", "1.2", "nghìn tỷ đồng")]
    for i, (metric, number_text, value, unit) in enumerate(new, start=max(int(r["figure_id"][1:]) for r in rows) + 1):
        rows.append({**{k: "" for k in rows[0]}, "figure_id": f"f{i:03d}", "district": "Tràng Định",
                     "programme": "nsnn_chi", "metric": metric, "figure_type": "actual", "number_text": number_text,
                     "value": value, "unit": unit, "as_of": "2024-04-09", "quote": sentence})
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    assert main(["--root", str(project), "curate"]) == 0
    figures = pl.read_parquet(project / "data/curated/figures.parquet").filter(pl.col("quote") == sentence)
    got = {r["number_text"]: (r["value_canonical"], r["unit_canonical"], r["amount_vnd"]) for r in figures.to_dicts()}
    assert got == {
        "6.071km2": (D("6071"), "km2", None),
        "59,2 ngàn ha": (D("59200"), "ha", None),
        "1,5 triệu người": (D("1500000"), "người", None),
        "1,2 nghìn tỷ đồng": (D("1200000000000"), "đồng", 1_200_000_000_000),
    }


@pytest.mark.parametrize("text, unit, canonical", [
    ("58,2 triệu USD", "triệu USD", (D("58200000"), "USD")),
    ("1,92 tỷ USD", "tỷ USD", (D("1920000000"), "USD")),
    ("42,5 triệu đồng/người/năm", "triệu đồng/người/năm", (D("42500000"), "đồng/người/năm")),
    ("60 triệu đồng/nhà", "triệu đồng/nhà", (D("60000000"), "đồng/nhà")),
    ("3,5 triệu đồng/tháng", "triệu đồng/tháng", (D("3500000"), "đồng/tháng")),
])
def test_dollars_stay_dollars_and_money_per_head_keeps_what_it_is_per(text, unit, canonical):
    r = read_figure(text)
    assert (r.kind, r.unit) == ("amount", unit)
    assert to_canonical(r.candidates[0], r.unit) == canonical


def test_a_ratio_of_money_is_still_a_ratio_not_money_per_something():
    r = read_figure("56,895 tỷ đồng/137,501 tỷ đồng")
    assert (r.kind, r.unit) == ("ratio", "tỷ đồng")
