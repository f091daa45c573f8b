"""The SYNTHETIC panel's shape: scale, metrics, series and the curated schemas it fills."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

DECIMAL = pl.Decimal(38, 6)
GENERATOR_VERSION = 1  # bump when the generator's output changes: a cached panel is then made again
SYNTHETIC_NOTE = "SYNTHETIC — dữ liệu giả lập để đo hiệu năng, không phải số liệu thật (make bench)"


@dataclass(frozen=True)
class Shape:
    provinces: int = 63
    districts: int = 700
    communes: int = 10_600
    months: int = 60
    start_year: int = 2020
    # Probabilities of the gaps, duplicates and errors.
    missing_report: float = 0.01
    district_absent: float = 0.015
    programme_inactive: float = 0.03
    cell_gap: float = 0.01
    commune_gap: float = 0.05
    duplicate: float = 0.02
    conflict: float = 0.03
    rate_mismatch: float = 0.003
    rank_inconsistent: float = 0.02


NATIONAL = Shape()
SMALL = Shape(provinces=3, districts=24, communes=200, months=6, start_year=2024)
SHAPES = {"national": NATIONAL, "small": SMALL}

# -- the series: metric × programme/project -------------------------------------------------

# Disbursement and works of every programme, project and capital source.
FAMILY_COMBOS: list[tuple[str, str | None]] = [
    ("ctmtqg", None), ("ctmtqg_sn", None), ("ntm", None), ("gnbv", None), ("gnbv", "gnbv_da2"),
    ("gnbv", "gnbv_da3_tda1"), ("gnbv", "gnbv_da4_tda1"), ("gnbv", "gnbv_da6_tda1"), ("dtts", None),
    ("dtts", "dtts_da1"), ("dtts", "dtts_da2"), ("dtts", "dtts_da3_tda1"), ("dtts", "dtts_da3_tda2"),
    ("dtts", "dtts_da4_tda1"), ("dtts", "dtts_da5_tda1"), ("dtts", "dtts_da5_tda3"), ("dtts", "dtts_da5_tda4"),
    ("dtts", "dtts_da6"), ("dtts", "dtts_da9_tda2"), ("dtts", "dtts_da10_tda1"), ("phuc_hoi", None),
    ("dtc", None), ("dtc", "dtc_keo_dai"), ("dtc", "dtc_khoi_cong_moi"), ("dtc_nq16", None), ("dtc_tsdd", None),
    ("dtc_gtnt", None), ("dtc_snh", None),
]
FAMILY_METRICS = [
    "capital_plan", "disbursed", "disbursement_rate", "disbursement_rate_allocated", "disbursement_rate_tabmis",
    "works_started", "works_progress", "projects_approved", "counterpart_funds_unbalanced", "advance_outstanding",
]
# (metric, programme, project, kind, decimals, unit written, typical size)
OTHER_SERIES: list[tuple[str, str, str | None, str, int, str, float]] = [
    ("budget_revenue", "nsnn_thu", None, "money", 0, "triệu đồng", 2e11),
    ("budget_revenue_pct_province_estimate", "nsnn_thu", None, "pct_cum", 1, "%", 105),
    ("budget_revenue_pct_district_estimate", "nsnn_thu", None, "pct_cum", 1, "%", 98),
    ("budget_revenue_pct_same_period", "nsnn_thu", None, "pct", 1, "%", 104),
    ("budget_expenditure", "nsnn_chi", None, "money", 0, "triệu đồng", 5e11),
    ("budget_expenditure_pct_province_estimate", "nsnn_chi", None, "pct_cum", 1, "%", 95),
    ("budget_expenditure_pct_district_estimate", "nsnn_chi", None, "pct_cum", 1, "%", 92),
    ("budget_allocation_rate", "nsnn_chi", None, "pct", 1, "%", 97),
    ("admin_dossiers_received", "cchc", None, "count_cum", 0, "hồ sơ", 4000),
    ("admin_dossiers_on_time", "cchc", None, "count_cum", 0, "hồ sơ", 3800),
    ("admin_dossiers_late_rate", "cchc", None, "pct", 1, "%", 2),
    ("land_registration_rate", "dat_dai", None, "pct", 0, "%", 92),
    ("site_clearance_rate", "dtc", None, "pct_cum", 1, "%", 90),
    ("vocational_trainees", "dtts", "dtts_da5_tda3", "count_cum", 0, "học viên", 300),
    ("pest_damage_area", "nong_nghiep", None, "area", 1, "ha", 40),
    ("disease_communes", "chan_nuoi", None, "count", 0, "xã", 1.5),
    ("pigs_culled", "chan_nuoi", None, "count_cum", 0, "con", 120),
    ("criminal_cases", "an_ninh", None, "count_cum", 0, "vụ", 60),
    ("cases_solved", "an_ninh", None, "count_cum", 0, "vụ", 50),
    ("traffic_accidents", "an_ninh", None, "count_cum", 0, "vụ", 12),
    ("people_injured", "an_ninh", None, "count_cum", 0, "người", 10),
    ("people_killed", "an_ninh", None, "count_cum", 0, "người", 5),
    ("tasks_done_on_time", "kt_xh", None, "count_cum", 0, "nhiệm vụ", 40),
    ("indicators_expected_met", "kt_xh", None, "count", 0, "chỉ tiêu", 20),
    ("bridges_completed", "ha_tang", None, "count_cum", 0, "cầu", 4),
    ("health_stations_built", "phuc_hoi", None, "count_cum", 0, "trạm y tế", 2),
    ("model_residential_areas", "ntm", None, "count_cum", 0, "khu dân cư", 6),
]
COMMUNE_METRICS = ["ntm_criteria_met", "ntm_criteria_unmet"]
# Stated ranks: the disbursement rate of the main programmes.
RANKED_PROGRAMMES = ["ctmtqg", "dtc", "dtts", "ntm", "gnbv"]

PANEL_METRICS = sorted(set(FAMILY_METRICS) | {s[0] for s in OTHER_SERIES} | set(COMMUNE_METRICS))

REPORT_SCHEMA = {
    "report_file": pl.String, "doc_number": pl.String, "doc_type": pl.String, "issuing_body": pl.String,
    "signer": pl.String, "signer_title": pl.String, "place": pl.String, "date_signed": pl.Date,
    "date_signed_precision": pl.String, "date_signed_text": pl.String, "concluding_official": pl.String,
    "subject_district_codes": pl.List(pl.String), "subject_commune_codes": pl.List(pl.String),
    "subject_districts_written": pl.String, "subject_communes_written": pl.String, "event_type": pl.String,
    "event_date": pl.Date, "period_text": pl.String, "period_start": pl.Date, "period_end": pl.Date,
    "title": pl.String, "note": pl.String, "text_sha256": pl.String, "reviewed": pl.Boolean,
}


class RefusedTarget(RuntimeError):
    """The synthetic panel must never be written where the real data lives."""
