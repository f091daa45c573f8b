"""Coverage: every numeric mention transcribed or skipped; the build fails below 100%."""

import csv
import re
from pathlib import Path

from vnreports.cli import main

STEM = "001_fb0a3aa72a370f36"


def _rewrite(path: Path, keep) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fields = list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows([r for r in rows if keep(r)])


def test_every_report_is_fully_accounted_for(project, capsys):
    assert main(["--root", str(project), "coverage"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 5
    for line in lines:
        n, m = map(int, re.search(r"(\d+) of (\d+) numeric mentions", line).groups())
        assert n == m and m > 50


def test_a_dropped_skip_fails_the_build_naming_the_mention(project, capsys):
    _rewrite(project / "data/raw/skips" / f"{STEM}.csv", lambda r: r["mention"] != "111/2024")
    assert main(["--root", str(project), "curate"]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"data/raw/reports/{STEM}\.txt:\d+:\d+: numeric mention '111/2024' is neither transcribed", err)
    assert "document_number" in err  # the classifier's suggestion
    assert not (project / "data" / "curated" / "manifest.json").exists()


def test_a_dropped_figure_fails_coverage(project, capsys):
    _rewrite(project / "data/raw/figures" / f"{STEM}.csv", lambda r: r["figure_id"] != "f007")
    assert main(["--root", str(project), "coverage"]) == 1
    assert "'3.740'" in capsys.readouterr().err


def test_skip_rows_are_checked(project, capsys):
    path = project / "data/raw/skips" / f"{STEM}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["column"] = str(int(rows[0]["column"]) + 1)
    rows[1]["reason"] = "because"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    assert main(["--root", str(project), "coverage"]) == 1
    err = capsys.readouterr().err
    assert f"data/raw/skips/{STEM}.csv:2:3 (column 'mention')" in err
    assert f"data/raw/skips/{STEM}.csv:3:4 (column 'reason'): unknown reason 'because'" in err
