from pathlib import Path

import pytest

from vnreports.notation.places import PlaceError, PlaceIndex, match_key, normalise_tone_placement

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def places():
    return PlaceIndex.load(RAW / "reference", RAW / "place_aliases.csv")


def test_tone_placement_and_prefix_make_one_key():
    assert normalise_tone_placement("Hòa") == normalise_tone_placement("Hoà") == "Hoà"
    assert normalise_tone_placement("Thủy") == "Thuỷ"
    assert normalise_tone_placement("hoàn") == "hoàn" and normalise_tone_placement("quý") == "quý"
    assert match_key("Xã Tân Hòa") == match_key("tân hoà") == match_key("TÂN HOÀ")
    assert match_key("huyện Bình Gia") == match_key("Bình Gia")


def test_districts_and_communes_resolve(places):
    d, alias = places.resolve_district("Bình Gia")
    assert (d.code, alias) == ("181", None)
    c, _ = places.resolve_commune(d, "Tân Hoà")
    assert c.code == "06109"
    chi_lang, _ = places.resolve_district("huyện Chi Lăng")
    assert places.resolve_commune(chi_lang, "hữu kiên")[0].code == "06514"
    assert places.resolve_commune(chi_lang, "xã Chi Lăng")[0].code == "06523"
    assert places.resolve_commune(chi_lang, "thị trấn Chi Lăng")[0].code == "06466"


def test_same_name_in_one_district_needs_the_prefix(places):
    chi_lang, _ = places.resolve_district("Chi Lăng")
    with pytest.raises(PlaceError, match="ambiguous"):
        places.resolve_commune(chi_lang, "Chi Lăng")


def test_misspellings_go_through_recorded_aliases(places):
    d, alias = places.resolve_district("Trảng Định")
    assert d.code == "180" and alias.reason.startswith("misspelling")
    loc_binh, _ = places.resolve_district("Lộc Bình")
    c, alias = places.resolve_commune(loc_binh, "Sào Viên")
    assert c.name == "Xã Sàn Viên" and alias.name_written == "Sào Viên"


def test_unknown_names_name_the_closest_candidates(places):
    with pytest.raises(PlaceError, match="closest: Huyện Bình Gia"):
        places.resolve_district("Bình Gai")
    loc_binh, _ = places.resolve_district("Lộc Bình")
    with pytest.raises(PlaceError, match="closest: Xã Sàn Viên"):
        places.resolve_commune(loc_binh, "Sao Vien")
    with pytest.raises(PlaceError, match="exists in Xã Hoa Thám"):
        places.resolve_commune(loc_binh, "Hoa Thám")
