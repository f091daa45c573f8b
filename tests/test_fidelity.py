"""Fidelity: what a second reader found in the five transcriptions, and the checks that make a
second reading part of the build.

The first part asserts each of the eight corrections on the real warehouse (figures, rankings,
source_anomalies); every one of these tests fails on the transcription before the correction. The
second part feeds broken copies of the raw layer to the build and expects a refusal naming file,
line and column (or, for a sum that does not add up, a finding in the warehouse).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import unicodedata
from pathlib import Path

import duckdb
import pytest

from vnreports.cli import main
from vnreports.raw.coverage import check_coverage
from vnreports.raw.layer import load_raw

ROOT = Path(__file__).resolve().parents[1]
BINH_GIA, TRANG_DINH, LOC_BINH_2024, CHI_LANG, LOC_BINH_2022 = (
    "000_edc1c87e7c96d231", "001_fb0a3aa72a370f36", "002_4e207c460703e976", "003_1888fe766e455f9b",
    "004_aa16ed5db4b16415")
BAC_SON, CAO_LOC, LOC_BINH = "185", "183", "188"  # GSO district codes


def q(root: Path, sql: str, params=None):
    with duckdb.connect(str(root / "data" / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def figure(root: Path, stem: str, figure_id: str) -> dict:
    rows = q(root, "SELECT programme_code, project_code, metric_code, value, unit, as_of, number_text, quote "
                   "FROM figures WHERE report_file = ? AND figure_id = ?", [f"{stem}.txt", figure_id])
    assert len(rows) == 1, (stem, figure_id)
    keys = ("programme_code", "project_code", "metric_code", "value", "unit", "as_of", "number_text", "quote")
    return dict(zip(keys, rows[0]))


def note(root: Path, stem: str, figure_id: str) -> str:
    return q(root, "SELECT coalesce(note, '') FROM fact_figure WHERE report_file = ? AND figure_id = ?",
             [f"{stem}.txt", figure_id])[0][0]


def skips(stem: str) -> list[dict]:
    with (ROOT / "data" / "raw" / "skips" / f"{stem}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- 1. 003 footnote ¹: 173 works are the whole portfolio, checked by sums across capital sources

def test_chi_lang_173_works_are_the_whole_public_investment_portfolio(real: Path):
    for fid, value in (("f043", 173), ("f044", 146), ("f045", 27)):
        f = figure(real, CHI_LANG, fid)
        assert (f["programme_code"], f["value"]) == ("dtc", value), fid  # was dtc_snh
        assert "Contradiction" not in note(real, CHI_LANG, fid)
    for fid in ("f104", "f106"):
        assert "Contradiction" not in note(real, CHI_LANG, fid)
    # the recurrent funds keep their own amount
    assert figure(real, CHI_LANG, "f042")["programme_code"] == "dtc_snh"


def test_chi_lang_146_and_27_are_recomputed_across_capital_sources(real: Path):
    rows = {r[0]: r[1:] for r in q(real, "SELECT figure_id, r.stated, r.computed, r.ok, s.term_ids "
                                         "FROM mart_reconciliation r "
                                         "JOIN mart_sum_checks s USING (report_file, figure_id, check_kind) "
                                         "WHERE report_file = ?", [f"{CHI_LANG}.txt"])}
    assert rows["f044"][:3] == (146, 146, True) and rows["f045"][:3] == (27, 27, True)
    assert rows["f044"][3] == ["f055", "f062", "f080", "f087", "f096", "f106"]
    assert rows["f045"][3] == ["f053", "f064", "f089", "f098", "f104"]
    sources = q(real, "SELECT term_programme_codes FROM mart_sum_checks WHERE report_file = ? AND figure_id = 'f044'",
                [f"{CHI_LANG}.txt"])[0][0]
    assert sources == ["dtc_gtnt", "dtc_nq16", "dtc_snh", "dtc_tsdd", "dtts", "ntm"]
    # and the totals of money per source, which stay each source's own disbursement cell
    assert {r[0]: r[1] for r in q(real, "SELECT figure_id, ok FROM mart_sum_checks JOIN mart_reconciliation "
                                        "USING (report_file, figure_id, check_kind) WHERE report_file = ?",
                                  [f"{CHI_LANG}.txt"])} == {"f036": True, "f037": True, "f044": True, "f045": True}
    assert q(real, "SELECT disbursed_vnd FROM fact_disbursement WHERE report_file = ? AND programme_code = 'dtc_nq16'",
             [f"{CHI_LANG}.txt"]) == [(7_326_000_000,)]


def test_chi_lang_footnote_is_misleading_wording_not_a_contradiction(real: Path):
    kinds = q(real, "SELECT kind, figure_id, detail FROM source_anomalies WHERE report_file = ? "
                    "AND kind IN ('conflicting_statement', 'misleading_wording')", [f"{CHI_LANG}.txt"])
    assert [(k, f) for k, f, _ in kinds] == [("misleading_wording", "f043")]
    detail = kinds[0][2]
    assert "7 + 46 + 21 + 30 + 8 + 34 = 146" in detail and "2 + 1 + 13 + 5 + 6 = 27" in detail
    assert detail.endswith("= 173")  # the recomputed side B: the counts per capital source add up to 173
    check = q(real, "SELECT sum_a, sum_b, claim, holds FROM mart_finding_checks WHERE report_file = ?",
              [f"{CHI_LANG}.txt"])
    assert check == [(173, 173, "agree", True)]


# --- 2. 002: carried-over funds of the national target programmes ------------------------------

def test_loc_binh_carried_over_funds_are_national_target_programme_funds(real: Path):
    for fid in ("f015", "f016", "f017", "f018"):
        f = figure(real, LOC_BINH_2024, fid)
        assert (f["programme_code"], f["project_code"]) == ("ctmtqg", "ctmtqg_keo_dai"), fid  # was dtc/dtc_keo_dai
    assert q(real, "SELECT parent_code, is_national_target_programme FROM dim_programme "
                   "WHERE programme_code = 'ctmtqg_keo_dai'") == [("ctmtqg", True)]
    ranks = q(real, "SELECT programme_code, project_code, label FROM rankings WHERE source = 'reported' "
                    "AND district_code = ? AND project_code LIKE '%keo_dai'", [LOC_BINH])
    assert ranks == [("ctmtqg", "ctmtqg_keo_dai", "thứ 1/11 huyện, thành phố")]
    assert q(real, "SELECT count(*) FROM figures WHERE project_code = 'dtc_keo_dai'") == [(0,)]


# --- 3. 003: the 22.844 for 21 projects is a part of the NTM total -----------------------------

def test_chi_lang_ntm_plan_for_21_projects_is_a_figure_and_a_part(real: Path):
    f = figure(real, CHI_LANG, "f081")
    assert (f["programme_code"], f["metric_code"], f["value"]) == ("ntm", "capital_plan", 22_844_000_000)
    assert q(real, "SELECT part_of FROM fact_figure WHERE report_file = ? AND figure_id = 'f081'",
             [f"{CHI_LANG}.txt"]) == [("f078",)]
    assert q(real, "SELECT ok FROM mart_reconciliation WHERE report_file = ? AND figure_id = 'f078' "
                   "AND check_kind = 'parts'", [f"{CHI_LANG}.txt"]) == [(True,)]
    assert not any(s["line"] == "106" and s["column"] == "232" for s in skips(CHI_LANG))
    assert "one row covers both mentions" not in note(real, CHI_LANG, "f078")
    # a part is not the cell's own plan: the NTM disbursement row still has one plan
    assert q(real, "SELECT plan_vnd FROM fact_disbursement WHERE report_file = ? AND programme_code = 'ntm'",
             [f"{CHI_LANG}.txt"]) == [(22_844_000_000,)]


# --- 4. 004 f023: a target is dated when it was set -------------------------------------------

def test_loc_binh_2022_target_is_dated_by_thong_bao_474(real: Path):
    assert str(figure(real, LOC_BINH_2022, "f023")["as_of"]) == "2022-08-27"  # was 2022-09-19
    assert [str(r[0]) for r in q(real, "SELECT stated_on FROM fact_target WHERE report_file = ? AND figure_id = 'f023'",
                                 [f"{LOC_BINH_2022}.txt"])] == ["2022-08-27"]


# --- 5. 004 f020: dossiers not yet on time are not a late rate ---------------------------------

def test_loc_binh_2022_dossiers_are_not_compared_with_the_late_rate(real: Path):
    rows = q(real, "SELECT kind, figure_id, detail FROM source_anomalies WHERE report_file = ? "
                   "AND kind IN ('conflicting_statement', 'unreliable_figure')", [f"{LOC_BINH_2022}.txt"])
    assert [(k, f) for k, f, _ in rows] == [("unreliable_figure", "f020")]
    assert "còn trong hạn" in rows[0][2] and "6,0%" not in rows[0][2]
    for fid in ("f015", "f020"):
        text = note(real, LOC_BINH_2022, fid)
        assert "6,0%" not in text and "within their deadline" in text


# --- 6. "03 Chương trình MTQG": one rule everywhere ------------------------------------------

_NTP_SET = re.compile(r"\b0?3\s+(?:Chương|chương)\s+trình\s+(?:MTQG|mục\s+tiêu\s+quốc\s+gia)")


def test_the_three_national_target_programmes_are_skipped_in_every_report(real: Path):
    assert q(real, "SELECT count(*) FROM figures WHERE number_text ILIKE '%chương trình%'") == [(0,)]
    reasons = set()
    for stem in (BINH_GIA, TRANG_DINH, LOC_BINH_2024, CHI_LANG, LOC_BINH_2022):
        text = unicodedata.normalize("NFC", (ROOT / "data" / "raw" / "reports" / f"{stem}.txt").read_text("utf-8"))
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        for m in _NTP_SET.finditer(text):
            line = sum(1 for s in starts if s <= m.start())
            col = m.start() - starts[line - 1] + 1
            row = [s for s in skips(stem) if (s["line"], s["column"]) == (str(line), str(col))]
            assert row, f"{stem}: '{m.group()}' at {line}:{col} is not skipped"
            reasons.add(row[0]["reason"])
    assert len(reasons) == 1  # the same reason everywhere
    assert q(real, "SELECT count(*) FROM dim_metric WHERE metric_code = 'ntp_programmes_count'") == [(0,)]


# --- 7. 002 f045: a partial ranked_after, a superlative list ----------------------------------

def test_trainee_ranks_named_above_are_a_partial_list(real: Path):
    series = "metric_code = 'vocational_trainees' AND project_code = 'dtts_da5_tda3'"
    reported = q(real, f"SELECT district_code, rank, rank_of FROM rankings WHERE source = 'reported' AND {series} "
                       "ORDER BY rank")
    assert reported == [(BAC_SON, 1, 11), (LOC_BINH, 8, 11)]  # Bắc Sơn by the superlative rule
    # Lộc Bình's statement implies something about the two districts it names, nothing about the other five
    from_f045 = q(real, f"SELECT district_code, rank_min, rank_max FROM rankings WHERE source = 'implied' AND {series} "
                        "AND figure_id = 'f045' ORDER BY district_code")
    assert from_f045 == [(CAO_LOC, 1, 7), (BAC_SON, 1, 7)]  # 183 < 185
    raw = q(real, "SELECT ranked_after_codes FROM fact_figure WHERE report_file = ? AND figure_id = 'f045'",
            [f"{LOC_BINH_2024}.txt"])
    assert raw == [([BAC_SON, CAO_LOC],)]


def test_cao_loc_second_is_implied_not_reported(real: Path):
    series = "metric_code = 'vocational_trainees' AND project_code = 'dtts_da5_tda3'"
    cao_loc = q(real, f"SELECT source, rank, rank_of, label FROM rankings WHERE district_code = ? AND {series} "
                      "AND rank IS NOT NULL AND source <> 'computed'", [CAO_LOC])
    assert cao_loc == [("implied", 2, 11, "thứ 2/11 huyện, thành phố (suy ra)")]
    assert q(real, "SELECT value FROM figures WHERE report_file = ? AND district_code = ? AND " + series
             + " AND unit <> 'thứ hạng'", [f"{LOC_BINH_2024}.txt", CAO_LOC]) == [(510,)]


# --- 8. 000 skips line 45 ------------------------------------------------------------------

def test_binh_gia_2030_is_a_year():
    row = skips(BINH_GIA)[43]  # file line 45: header + 43 rows before it
    assert (row["line"], row["mention"], row["reason"]) == ("348", "2030", "year")


# --- README counts ------------------------------------------------------------------------------

def test_readme_counts_match_the_build(real: Path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    raw = load_raw(real / "data" / "raw")
    coverage = {c.report[:3]: c for c in check_coverage(real / "data" / "raw", raw.reports)}
    figures = dict(q(real, "SELECT left(report_file, 3), count(*) FROM figures GROUP BY 1"))
    for prefix, cov in coverage.items():
        row = re.search(rf"^\| {prefix} [^|]*\| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", readme, re.M)
        assert row, prefix
        assert tuple(map(int, row.groups())) == (figures[prefix], len(cov.mentions), len(cov.transcribed),
                                                 len(cov.skipped)), prefix
    total = re.search(r"\| \*\*total\*\* \| \*\*(\d+)\*\* \|", readme)
    assert int(total.group(1)) == sum(figures.values())
    findings = int(re.search(r"report_findings.csv` holds (\d+) findings", readme).group(1))
    anomalies = int(re.search(r"the warehouse lists (\d+) source anomalies", readme).group(1))
    assert findings == len(raw.findings) and anomalies == q(real, "SELECT count(*) FROM source_anomalies")[0][0]


# --- the checks can fail: broken copies of the raw layer ----------------------------------------

def edit_csv(path: Path, fn) -> None:
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    rows = fn(list(csv.DictReader(io.StringIO(text))))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_figure(stem: str, figure_id: str, **values):
    def fn(root: Path):
        def change(rows):
            for r in rows:
                if r["figure_id"] == figure_id:
                    r.update(values)
            return rows
        edit_csv(root / "data" / "raw" / "figures" / f"{stem}.csv", change)
    return fn


def set_finding(report_prefix: str, current_kind: str, **values):
    def fn(root: Path):
        def change(rows):
            for r in rows:
                if r["report_file"].startswith(report_prefix) and r["kind"] == current_kind:
                    r.update(values)
            return rows
        edit_csv(root / "data" / "raw" / "report_findings.csv", change)
    return fn


OLD_003_FINDING = dict(
    kind="conflicting_statement", figures_a="", figures_b="",
    detail="Nguồn sự nghiệp huyện 14.202 triệu đồng: chú thích 1 nói thực hiện 173 công trình, dự án (146 + 27), "
           "thân bài nói 06 dự án khởi công mới và 34 công trình (= 40).")

BROKEN = [
    # a contradiction claimed without the numbers on both sides: the old 003 and 004 rows
    ("old 003 finding without figures", set_finding("003", "misleading_wording", **OLD_003_FINDING),
     "report_findings.csv", "figures_a", "must name the figures on both sides"),
    ("old 004 finding without figures", set_finding("004", "unreliable_figure", kind="conflicting_statement",
                                                   figures_a="", figures_b=""),
     "report_findings.csv", "figures_a", "must name the figures on both sides"),
    ("conflict whose sides agree", set_finding("003", "misleading_wording", kind="conflicting_statement"),
     "report_findings.csv", "figures_b", r"the two sides agree \(173 vs 173\)"),
    ("misleading wording whose sums differ", set_finding("003", "misleading_wording", figures_b="f104+f106"),
     "report_findings.csv", "figures_b", r"differ \(173 vs 40\)"),
    ("finding names an unknown figure", set_finding("000", "conflicting_statement", figures_b="f999"),
     "report_findings.csv", "figures_b", "no figure 'f999'"),
    ("finding mixes units", set_finding("003", "misleading_wording", figures_b="f042"),
     "report_findings.csv", "figures_b", "mix units"),
    ("finding with a malformed list", set_finding("000", "conflicting_statement", figures_a="f015;f016"),
     "report_findings.csv", "figures_a", "is not a list of figure_ids"),
    # ranked_after: the old f045 list without its partial marker, a marker on a complete list
    ("partial list not marked", set_figure(LOC_BINH_2024, "f045", ranked_after="Bắc Sơn; Cao Lộc"),
     f"figures/{LOC_BINH_2024}.csv", "ranked_after", "rank 8 has 7 districts above it; the list names 2"),
    ("complete list marked partial", set_figure(LOC_BINH_2024, "f014", ranked_after="Bình Gia; Văn Quan; …"),
     f"figures/{LOC_BINH_2024}.csv", "ranked_after", r"marked partial \(.….\) but it names 2 districts, all 2 above rank 3"),
    ("superlative list with the wrong rank", set_figure(LOC_BINH_2024, "f062", value="1"),
     f"figures/{LOC_BINH_2024}.csv", "value", "is rank 2, not 1"),
    ("superlative list marked partial", set_figure(LOC_BINH_2024, "f062", ranked_after="Bắc Sơn; …"),
     f"figures/{LOC_BINH_2024}.csv", "ranked_after", "cannot be partial"),
    # sums across sections
    ("sum names an unknown figure", set_figure(CHI_LANG, "f044", computed_from="f055+f062+f999"),
     f"figures/{CHI_LANG}.csv", "computed_from", "no figure 'f999'"),
    ("sum adds another unit", set_figure(CHI_LANG, "f044", computed_from="f055+f063"),
     f"figures/{CHI_LANG}.csv", "computed_from", "'f063' is in 'triệu đồng'"),
    ("sum names its own total", set_figure(CHI_LANG, "f044", computed_from="f044+f055"),
     f"figures/{CHI_LANG}.csv", "computed_from", "cannot be a term of its own sum"),
]


@pytest.mark.parametrize("label, edit, file, column, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_the_build_refuses_broken_second_reading_data(project: Path, capsys, label, edit, file, column, message):
    edit(project)
    capsys.readouterr()
    assert main(["--root", str(project), "curate"]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"data/raw/{re.escape(file)}:\d+:\d+ \(column '{column}'\): [^\n]*{message}", err), err
    assert "how to fix:" in err
    assert not (project / "data" / "curated" / "manifest.json").exists()


def test_a_sum_that_does_not_add_up_is_a_source_anomaly(project: Path):
    shutil.copytree(ROOT / "sql", project / "sql")
    set_figure(CHI_LANG, "f044", computed_from="f055+f062+f080+f087+f096")(project)  # 34 works of dtc_snh left out
    assert main(["--root", str(project), "curate"]) == 0
    assert main(["--root", str(project), "warehouse"]) == 0
    rows = q(project, "SELECT figure_id, detail FROM source_anomalies WHERE kind = 'sum_mismatch'")
    assert [r[0] for r in rows] == ["f044"]
    assert rows[0][1].startswith("Tổng nêu 146, cộng các số nêu ở chỗ khác") and rows[0][1].endswith("= 112")
