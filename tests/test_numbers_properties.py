"""Property-based tests of the number parser (hypothesis)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from vnreports.notation.numbers import ParseError, format_vi, read_figure, read_number

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
