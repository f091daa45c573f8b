"""Resolving district and commune names as written in reports to GSO codes.

Names are compared through a matching key: NFC, lower case, whitespace folded, the
administrative prefix ("huyện", "xã", "thị trấn" ...) set aside, and the old/new tone
placement made equal ("Hòa" = "Hoà", "Thủy" = "Thuỷ"). Misspellings found in the
reports go through an explicit alias table; every alias used is recorded.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Place", "PlaceIndex", "PlaceError", "match_key", "split_prefix", "AliasUse"]

# Combining tone marks (NFD): grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_PREFIXES = [
    ("thành phố", "thành phố"),
    ("tp.", "thành phố"),
    ("tp", "thành phố"),
    ("huyện", "huyện"),
    ("thị xã", "thị xã"),
    ("thị trấn", "thị trấn"),
    ("phường", "phường"),
    ("xã", "xã"),
]


class PlaceError(ValueError):
    """A name that does not resolve to exactly one place."""


def normalise_tone_placement(text: str) -> str:
    """Put the tone mark of open syllables "oa", "oe", "uy" on the second vowel (new style).

    "hòa" -> "hoà", "khỏe" -> "khoẻ", "thủy" -> "thuỷ"; "hoàn", "quý" are unchanged.
    """
    nfd = unicodedata.normalize("NFD", text)
    nfd = re.sub(
        rf"([oOuU])([{_TONES}])([aAeEyY])(?![^\W\d_])",
        lambda m: m.group(1) + m.group(3) + m.group(2)
        if (m.group(1).lower(), m.group(3).lower()) in {("o", "a"), ("o", "e"), ("u", "y")}
        else m.group(0),
        nfd,
    )
    return unicodedata.normalize("NFC", nfd)


def split_prefix(name: str) -> tuple[str | None, str]:
    """("xã", "Hoa Thám") from "xã Hoa Thám"; (None, name) when there is no prefix."""
    clean = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip()
    low = clean.lower()
    for written, kind in _PREFIXES:
        if low.startswith(written + " "):
            return kind, clean[len(written) + 1 :].strip()
    return None, clean


def match_key(name: str) -> str:
    """The key two spellings of one name share: no prefix, lower case, new tone placement."""
    _, bare = split_prefix(name)
    return normalise_tone_placement(bare.lower())


@dataclass(frozen=True)
class Place:
    code: str
    name: str  # official GSO name with prefix, e.g. "Xã Hoa Thám"
    division_type: str
    district_code: str | None = None

    @property
    def bare_name(self) -> str:
        return split_prefix(self.name)[1]


@dataclass(frozen=True)
class AliasUse:
    level: str
    name_written: str
    code: str
    official_name: str
    reason: str


class PlaceIndex:
    """Districts and communes of Lạng Sơn (GSO 2024 scheme) plus the alias table."""

    def __init__(self, districts: list[Place], communes: list[Place], aliases: list[dict[str, str]]):
        self.districts = {p.code: p for p in districts}
        self.communes = {p.code: p for p in communes}
        self._district_by_key: dict[str, list[Place]] = {}
        for p in districts:
            self._district_by_key.setdefault(match_key(p.name), []).append(p)
        self._commune_by_key: dict[tuple[str, str], list[Place]] = {}
        for p in communes:
            self._commune_by_key.setdefault((p.district_code or "", match_key(p.name)), []).append(p)
        self._aliases: dict[tuple[str, str, str], dict[str, str]] = {}
        for a in aliases:
            key = (a["level"], a.get("district_code") or "", match_key(a["name_written"]))
            self._aliases[key] = a

    @classmethod
    def load(cls, reference_dir: Path, alias_file: Path) -> "PlaceIndex":
        def rows(path: Path) -> list[dict[str, str]]:
            with path.open(encoding="utf-8", newline="") as fh:
                return [
                    {k: unicodedata.normalize("NFC", v) for k, v in r.items()}
                    for r in csv.DictReader(fh)
                ]

        districts = [
            Place(r["district_code"], r["name"], r["division_type"])
            for r in rows(reference_dir / "lang_son_districts_2024.csv")
        ]
        seen: dict[str, Place] = {}
        for r in rows(reference_dir / "lang_son_communes_2024.csv"):
            # A partly merged commune has one row per successor: one place.
            seen.setdefault(
                r["commune_code"], Place(r["commune_code"], r["name"], r["division_type"], r["district_code"])
            )
        return cls(districts, list(seen.values()), rows(alias_file))

    # -- resolution -------------------------------------------------------------------
    def resolve_district(self, written: str) -> tuple[Place, AliasUse | None]:
        key = match_key(written)
        hits = self._district_by_key.get(key, [])
        if len(hits) == 1:
            return hits[0], None
        alias = self._aliases.get(("district", "", key))
        if alias:
            place = self.districts.get(alias["gso_code"])
            if place is None:
                raise PlaceError(f"the alias for '{written}' points to '{alias['gso_code']}', which is not a district code")
            return place, AliasUse("district", written, place.code, place.name, alias["reason"])
        raise PlaceError(
            f"district '{written}' is not a district of Lạng Sơn"
            + self._suggest(key, [match_key(p.name) for p in self.districts.values()],
                            {match_key(p.name): p.name for p in self.districts.values()})
        )

    def resolve_commune(self, district: Place, written: str) -> tuple[Place, AliasUse | None]:
        prefix, _ = split_prefix(written)
        key = match_key(written)
        hits = self._commune_by_key.get((district.code, key), [])
        if prefix:
            typed = [p for p in hits if p.division_type == prefix]
            hits = typed or hits
        if len(hits) == 1:
            return hits[0], None
        if len(hits) > 1:
            names = ", ".join(f"{p.name} ({p.code})" for p in hits)
            raise PlaceError(
                f"commune '{written}' is ambiguous in {district.name}: {names}; "
                "write the prefix as well (e.g. 'xã …' or 'thị trấn …')"
            )
        alias = self._aliases.get(("commune", district.code, key))
        if alias:
            place = self.communes.get(alias["gso_code"])
            if place is None:
                raise PlaceError(f"the alias for '{written}' points to '{alias['gso_code']}', which is not a commune code")
            return place, AliasUse("commune", written, place.code, place.name, alias["reason"])
        in_district = [p for p in self.communes.values() if p.district_code == district.code]
        elsewhere = sorted(
            f"{p.name} ({self.districts[p.district_code].name})"
            for p in self.communes.values()
            if p.district_code != district.code and match_key(p.name) == key and p.district_code
        )
        hint = f"; a commune of that name exists in {', '.join(elsewhere)}" if elsewhere else ""
        raise PlaceError(
            f"commune '{written}' is not a commune of {district.name}{hint}"
            + self._suggest(key, [match_key(p.name) for p in in_district],
                            {match_key(p.name): p.name for p in in_district})
        )

    @staticmethod
    def _suggest(key: str, keys: list[str], names: dict[str, str]) -> str:
        close = difflib.get_close_matches(key, keys, n=3, cutoff=0.5)
        if not close:
            return ""
        return "; closest: " + ", ".join(names[k] for k in close) + (
            ". If the report misspells the name, add a row to data/raw/place_aliases.csv"
        )
