"""The curated layer: typed, deterministic Parquet tables written with polars.

Everything is written into a staging folder first; the files replace the previous
curated layer only after the whole build has succeeded, and the manifest (with the
SHA-256 of every table) is written last.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import polars as pl

from vnreports.build.lock import crash_point
from vnreports.notation.numbers import MONEY_MULTIPLIERS, to_canonical
from vnreports.raw.fidelity import ranked_after_names
from vnreports.raw.schema import METRIC_COLUMNS, RawLayer

DECIMAL = pl.Decimal(38, 6)
MANIFEST = "manifest.json"

# The curated figures table: one place for its columns and types (the benchmark writes the same).
FIGURE_SCHEMA = {
    "report_file": pl.String, "figure_id": pl.String, "source_line": pl.Int32, "level": pl.String,
    "district_written": pl.String, "district_code": pl.String, "commune_written": pl.String,
    "commune_code": pl.String, "programme_code": pl.String, "project_code": pl.String,
    "metric_code": pl.String, "figure_type": pl.String, "number_text": pl.String, "value": DECIMAL,
    "unit": pl.String, "denominator": DECIMAL, "value_canonical": DECIMAL,
    "denominator_canonical": DECIMAL, "unit_canonical": pl.String, "amount_vnd": pl.Int64,
    "rank": pl.Int32, "rank_of": pl.Int32, "qualifier": pl.String, "notation_kind": pl.String,
    "ambiguous_notation": pl.Boolean, "as_of": pl.Date, "as_of_text": pl.String, "deadline": pl.Date,
    "deadline_text": pl.String, "part_of": pl.String, "computed_from": pl.String,
    "listed_items": pl.List(pl.String), "ranked_after_codes": pl.List(pl.String),
    "decimals_written": pl.Int32, "reading_note": pl.String, "note": pl.String, "quote": pl.String,
    "reviewed": pl.Boolean, "confidence": DECIMAL, "reviewed_by": pl.String, "reviewed_at": pl.Date,
}

# The curated report findings (data/raw/report_findings.csv), also one place.
FINDING_SCHEMA = {"report_file": pl.String, "kind": pl.String, "detail": pl.String, "quote": pl.String,
                  "source_line": pl.Int32, "figures_a": pl.List(pl.String), "figures_b": pl.List(pl.String)}


def _dec(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.000001"))


def _decimals(value_text: str) -> int:
    """Decimals of the reading as written (41.4 -> 1): the precision a stated rate was rounded to."""
    return len(value_text.partition(".")[2])


def figures_frame(raw: RawLayer) -> pl.DataFrame:
    rows = []
    for f in raw.figures:
        v = f.row
        unit = v["unit"]
        # money in đồng; a multiplier word applied ("200 nghìn người" → 200000 người, "1,5 triệu người")
        canonical_value, canonical_unit = to_canonical(f.value, unit)
        canonical_den = to_canonical(f.denominator, unit)[0] if f.denominator is not None else None
        is_rank = f.reading.kind in ("rank", "superlative")
        amount = int(canonical_value) if unit in MONEY_MULTIPLIERS and canonical_value == canonical_value.to_integral_value() else None
        level = "commune" if f.commune else "district" if f.district else "province"
        rows.append({
            "report_file": f.report_file,
            "figure_id": v["figure_id"],
            "source_line": f.line,
            "level": level,
            "district_written": v["district"] or None,
            "district_code": f.district.code if f.district else None,
            "commune_written": v["commune"] or None,
            "commune_code": f.commune.code if f.commune else None,
            "programme_code": v["programme"],
            "project_code": v["project"] or None,
            "metric_code": v["metric"],
            "figure_type": v["figure_type"],
            "number_text": v["number_text"],
            "value": _dec(f.value),
            "unit": unit,
            "denominator": _dec(f.denominator),
            "value_canonical": _dec(canonical_value),
            "denominator_canonical": _dec(canonical_den),
            "unit_canonical": canonical_unit,
            "amount_vnd": amount,
            "rank": int(f.value) if is_rank else None,
            "rank_of": int(f.denominator) if is_rank and f.denominator is not None else None,
            "qualifier": f.reading.qualifier,
            "notation_kind": f.reading.kind,
            "ambiguous_notation": f.reading.ambiguous,
            "as_of": f.as_of,
            "as_of_text": v["as_of_text"] or None,
            "deadline": f.deadline,
            "deadline_text": v["deadline_text"] or None,
            "part_of": v["part_of"] or None,
            "computed_from": v["computed_from"] or None,
            "listed_items": [i.strip() for i in v["listed_items"].split(";") if i.strip()] or None,
            "ranked_after_codes": [raw.places.resolve_district(n)[0].code
                                   for n in ranked_after_names(v["ranked_after"])[0]] or None,
            "decimals_written": _decimals(v["value"]),
            "reading_note": v["reading_note"] or None,
            "note": v["note"] or None,
            "quote": v["quote"],
            "reviewed": f.reviewed,
            "confidence": _dec(f.confidence),
            "reviewed_by": f.reviewed_by or None,
            "reviewed_at": f.reviewed_at,
        })
    return pl.DataFrame(rows, schema=FIGURE_SCHEMA, orient="row").sort(["report_file", "figure_id"])


def reports_frame(raw: RawLayer) -> pl.DataFrame:
    rows = []
    for r in raw.reports:
        v = r.values
        rows.append({
            "report_file": r.file_name,
            "doc_number": v["doc_number"] or None,
            "doc_type": v["doc_type"],
            "issuing_body": v["issuing_body"],
            "signer": v["signer"],
            "signer_title": v["signer_title"] or None,
            "place": v["place"] or None,
            "date_signed": r.date_signed,
            "date_signed_precision": r.date_signed_precision,
            "date_signed_text": v["date_signed"],
            "concluding_official": v["concluding_official"] or None,
            "subject_district_codes": list(r.district_codes),
            "subject_commune_codes": list(r.commune_codes),
            "subject_districts_written": v["subject_districts"],
            "subject_communes_written": v["subject_communes"] or None,
            "event_type": v["event_type"] or None,
            "event_date": r.event_date,
            "period_text": v["period_text"] or None,
            "period_start": r.period_start,
            "period_end": r.period_end,
            "title": v["title"],
            "note": v["note"] or None,
            "text_sha256": hashlib.sha256(r.text.encode("utf-8")).hexdigest(),
            "reviewed": r.reviewed,
        })
    return pl.DataFrame(rows, orient="row").sort("report_file")


def reference_frames(raw_dir: Path) -> dict[str, pl.DataFrame]:
    ref = raw_dir / "reference"
    read = lambda name, codes: pl.read_csv(ref / name, schema_overrides={c: pl.String for c in codes})  # noqa: E731
    nfc = lambda df: df.with_columns(pl.col(pl.String).str.normalize("NFC"))  # noqa: E731
    return {
        "districts": nfc(read("lang_son_districts_2024.csv", ["district_code", "province_code"])).sort("district_code"),
        "communes_2024": nfc(read("lang_son_communes_2024.csv",
                                  ["commune_code", "district_code", "new_commune_code_2025"]))
        .sort(["commune_code", "new_commune_code_2025"]),
        "communes_2025": nfc(read("lang_son_communes_2025.csv", ["commune_code", "province_code"])).sort("commune_code"),
    }


def build_tables(raw: RawLayer, raw_dir: Path) -> dict[str, pl.DataFrame]:
    alias_rows = [
        {"report_file": f, "source_file": Path(src).name, "source_line": line, "level": a.level, "name_written": a.name_written,
         "gso_code": a.code, "official_name": a.official_name, "reason": a.reason}
        for f, src, line, a in raw.alias_uses
    ]
    aliases = pl.DataFrame(
        alias_rows,
        schema={"report_file": pl.String, "source_file": pl.String, "source_line": pl.Int32, "level": pl.String, "name_written": pl.String,
                "gso_code": pl.String, "official_name": pl.String, "reason": pl.String},
        orient="row",
    ).sort(["report_file", "source_file", "source_line", "level"])
    metric_rows = [{**{c: m[c] for c in METRIC_COLUMNS}, "proposed": False} for m in raw.metrics] + [
        {**{c: m[c] for c in METRIC_COLUMNS}, "proposed": True} for m in raw.proposed_metrics]
    metrics = pl.DataFrame(metric_rows, orient="row").with_columns(
        pl.col("higher_is_better").replace_strict({"true": True, "false": False, "": None},
                                                  return_dtype=pl.Boolean)
    ).sort("metric_code")
    programmes = pl.DataFrame(raw.programmes, orient="row").with_columns(
        pl.when(pl.col("parent_code") == "").then(None).otherwise(pl.col("parent_code")).alias("parent_code")
    ).sort("programme_code")
    findings = pl.DataFrame(
        raw.findings, schema=FINDING_SCHEMA, orient="row",
    ).sort(["report_file", "source_line"])
    return {
        "figures": figures_frame(raw),
        "report_findings": findings,
        "reports": reports_frame(raw),
        "place_aliases_used": aliases,
        "metrics": metrics,
        "programmes": programmes,
        **reference_frames(raw_dir),
    }


def write_curated(tables: dict[str, pl.DataFrame], out_dir: Path) -> dict[str, str]:
    """Write every table to a staging folder, then swap them in; return name -> sha256."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / ".staging"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    digests: dict[str, str] = {}
    for name in sorted(tables):
        path = staging / f"{name}.parquet"
        tables[name].write_parquet(path, compression="zstd", statistics=True)
        digests[f"{name}.parquet"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest = {"tables": {k: {"sha256": v, "rows": tables[k.removesuffix('.parquet')].height}
                           for k, v in sorted(digests.items())}}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    crash_point("curated-staged")
    # Swap: the manifest goes last, so a reader that trusts it never sees a half set.
    old_manifest = out_dir / MANIFEST
    if old_manifest.exists():
        old_manifest.unlink()
    for i, name in enumerate(sorted(digests)):
        os.replace(staging / name, out_dir / name)
        if i == 0:
            crash_point("curated-swapping")
    for stale in out_dir.glob("*.parquet"):
        if stale.name not in digests:
            stale.unlink()
    os.replace(staging / MANIFEST, out_dir / MANIFEST)
    staging.rmdir()
    return digests
