"""The valid codes the workbook's dropdowns offer, each with its Vietnamese label (the 'Danh mục' sheet)."""

from __future__ import annotations

import csv
from pathlib import Path

from vnreports.notation.mentions import REASONS
from vnreports.notation.places import PlaceIndex, split_prefix
from vnreports.raw.schema import ALL_MEASURE_UNITS, RANK_UNIT, UNIT_KINDS
from vnreports.review.layout import NO, YES

SEP = " — "  # a dropdown entry is "code — nhãn"; the cell's code is what comes before it

FIGURE_TYPES_VI = {"actual": "thực hiện, đạt được", "target": "chỉ tiêu, yêu cầu, phấn đấu, hạn",
                   "forecast": "ước, dự kiến"}
UNIT_KINDS_VI = {
    "money": "tiền", "percent": "tỷ lệ %", "count": "số đếm (danh từ như viết)", "criteria": "số tiêu chí",
    "criteria_avg": "tiêu chí bình quân/xã", "criterion_number": "số hiệu tiêu chí", "year": "năm",
    "area": "diện tích", "length": "chiều dài", "weight": "khối lượng", "volume": "thể tích",
    "rank_only": "chỉ có thứ hạng", "rank_change": "thay đổi thứ hạng", "money_usd": "tiền đô la Mỹ (USD)",
}
BOOL_VI = {"true": "cao hơn là tốt hơn", "false": "thấp hơn là tốt hơn"}
LIST_TITLES = {
    "yesno": "Đã duyệt", "programme": "Chương trình", "project": "Dự án / tiểu dự án", "metric": "Chỉ tiêu",
    "figure_type": "Loại số liệu", "unit": "Đơn vị", "district": "Huyện", "commune": "Xã",
    "reason": "Lý do bỏ qua", "unit_kind": "Loại đơn vị", "higher_is_better": "Cao hơn là tốt hơn",
}


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def vocabularies(raw_dir: Path, proposed: list[dict[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Each dropdown's entries as (code, Vietnamese label); the label may be empty (units, places)."""
    metrics = [(r["metric_code"], r["label_vi"]) for r in _rows(raw_dir / "metrics.csv")]
    known = {c for c, _ in metrics}
    metrics += [(r["metric_code"], f"{r['label_vi']} (đề xuất)") for r in proposed if r["metric_code"] not in known]
    programmes = _rows(raw_dir / "programmes.csv")
    units = set(ALL_MEASURE_UNITS) | {RANK_UNIT}
    for path in sorted((raw_dir / "figures").glob("*.csv")) + sorted((raw_dir / "drafts").glob("*.figures.csv")):
        units |= {r.get("unit", "") for r in _rows(path)} - {""}
    places = PlaceIndex.load(raw_dir / "reference", raw_dir / "place_aliases.csv")
    districts = sorted({split_prefix(p.name)[1] for p in places.districts.values()})
    communes = sorted({f"{p.division_type} {split_prefix(p.name)[1]}" for p in places.communes.values()})
    return {
        "yesno": [(YES, ""), (NO, "")],
        "programme": [(r["programme_code"], r["name_vi"]) for r in programmes],
        "project": [(r["programme_code"], r["name_vi"]) for r in programmes if r["parent_code"]],
        "metric": sorted(metrics),
        "figure_type": list(FIGURE_TYPES_VI.items()),
        "unit": [(u, "") for u in sorted(units)],
        "district": [(d, "") for d in districts],
        "commune": [(c, "") for c in communes],
        "reason": [(k, v.split(" (")[0]) for k, v in sorted(REASONS.items())],
        "unit_kind": [(k, UNIT_KINDS_VI.get(k, "")) for k in sorted(UNIT_KINDS)],
        "higher_is_better": list(BOOL_VI.items()),
    }


def shown(code: str, labels: dict[str, str]) -> str:
    """What a code cell shows: 'code — nhãn' when the code has a label, else the code."""
    label = labels.get(code, "")
    return f"{code}{SEP}{label}" if code and label else code


def code_of(text: str) -> str:
    """The code in a cell that shows 'code — nhãn' (or just the code)."""
    return text.split(SEP, 1)[0].strip()
