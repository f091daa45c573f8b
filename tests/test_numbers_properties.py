"""Property-based tests of the number parser (hypothesis)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from vnreports.notation.numbers import ParseError, format_vi, read_figure, read_number, to_canonical

VN_TEXT = st.text(alphabet=st.sampled_from(list("0123456789.,/%- thứtỷđồngtriệuhaxãcaonhấtnăm*^")), max_size=30)


@settings(max_examples=500)
@given(st.one_of(st.text(max_size=40), VN_TEXT))
def test_never_crashes_on_arbitrary_text(text):
    try:
        read_figure(text)
    except ParseError:
        pass


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_formatting_then_parsing_gives_the_same_value(value):
    text = format_vi(value)
    reading = read_number(text)
    assert Decimal(value) in reading.candidates


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_comma_with_three_digits_is_always_flagged(whole, frac):
    reading = read_number(f"{whole},{frac:03d}")
    assert reading.ambiguous and len(reading.candidates) == 2


@given(st.integers(min_value=1, max_value=10**9))
def test_vietnamese_thousands_are_never_ambiguous(n):
    assert read_number(format_vi(n)).value == n


WORDS = st.lists(st.sampled_from(["thứ", "hai", "mươi", "mốt", "mười", "lăm", "nhất", "xếp", "đứng", "hạng", "vị trí",
                                  "nghìn", "ngàn", "triệu", "tỷ", "đồng", "ha", "km2", "m2", "người", "trên", "dưới",
                                  "không quá", "từ", "đến", "-", "–", "%", "/", "11", "1.250", "1 250", "59,2", "0",
                                  "\u00a0", "\u202f"]), max_size=8).map(" ".join)


@settings(max_examples=300)
@given(WORDS)
def test_never_crashes_on_word_salad(text):
    try:
        read_figure(text)
    except ParseError:
        pass


_UNITS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def ordinal_words(n: int) -> str:
    """How a report spells rank n after "thứ" (1 → "nhất", 4 → "tư", 15 → "mười lăm", 21 → "hai mươi mốt")."""
    if n == 1:
        return "nhất"
    if n < 10:
        return "tư" if n == 4 else _UNITS[n - 1]
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else f"{_UNITS[tens - 1]} mươi"
    if unit == 0:
        return head
    last = {1: "một" if tens == 1 else "mốt", 4: "bốn" if tens == 1 else "tư", 5: "lăm"}.get(unit, _UNITS[unit - 1])
    return f"{head} {last}"


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["xếp thứ", "đứng thứ", "thứ", "vị trí thứ"]))
def test_ranks_in_words_read_as_their_number(n, lead):
    r = read_figure(f"{lead} {ordinal_words(n)}")
    assert (r.kind, r.value, r.unit) == ("rank", n, "thứ hạng")


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=99))
def test_word_ranks_take_their_denominator(n, of):
    r = read_figure(f"đứng thứ {ordinal_words(n)}/{of}")
    assert (r.value, r.denominator) == (n, of)


@given(st.decimals(min_value=Decimal("0.01"), max_value=999, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from([("nghìn", 1000), ("ngàn", 1000), ("triệu", 10**6)]),
       st.sampled_from(["ha", "km2", "m2", "tấn", "m3"]))
def test_a_multiplier_word_before_a_measure_is_kept_then_applied_exactly(value, word, unit):
    spelled, factor = word
    r = read_figure(f"{format_vi(value)} {spelled} {unit}")
    normalised = ("nghìn" if factor == 1000 else "triệu") + " " + unit
    assert (r.kind, r.value, r.unit, r.multiplier) == ("measure", value, normalised, factor)
    assert to_canonical(r.value, r.unit) == (value * factor, unit)


@given(st.decimals(min_value=Decimal("0.001"), max_value=999, places=3, allow_nan=False, allow_infinity=False))
def test_money_in_thousand_billions_is_an_exact_whole_number_of_dong(value):
    vnd, unit = to_canonical(value, "nghìn tỷ đồng")
    assert unit == "đồng" and vnd == value * 10**12 and vnd == vnd.to_integral_value()


@given(st.integers(min_value=1000, max_value=10**9))
def test_spaced_thousands_read_exactly_and_a_plain_space_is_flagged(n):
    groups = format_vi(n).split(".")
    typeset = read_figure("\u202f".join(groups) + " ha")
    assert typeset.value == n and typeset.unit == "ha"
    plain = read_figure(" ".join(groups) + " ha")
    assert plain.ambiguous and plain.candidates == (n,)


@given(st.integers(min_value=0, max_value=99), st.integers(min_value=1, max_value=100),
       st.sampled_from([" - ", "-", " – ", "–"]), st.sampled_from(["%", " tiêu chí", " xã"]))
def test_ranges_keep_both_ends_and_are_flagged(lo, span, sep, unit):
    hi = lo + span
    r = read_figure(f"{lo}{sep}{hi}{unit}")
    assert r.kind == "range" and r.candidates == (lo, hi) and r.ambiguous and r.value is None


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=99))
def test_a_dot_with_one_or_two_decimals_is_flagged_naming_both_notations(whole, frac):
    token = f"{whole}.{frac}"
    reading = read_number(token)
    assert reading.ambiguous and reading.candidates == (Decimal(token),)
    assert token in reading.reason and f"{whole},{frac}" in reading.reason
