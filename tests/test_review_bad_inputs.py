"""The workbook cases of the bad-input corpus (tests/bad_inputs/*/case.json with kind "workbook").

Each case edits a fresh review workbook (or data/raw after `make review`) as described in its
case.json; `vnreports import` must refuse it with a message naming sheet, row and column and how
to fix it, exit non-zero and leave every file of data/raw byte-identical (or accept it, for the
cases marked accept).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from drafting import STEM, draft, new_project, raw_bytes
from openpyxl import load_workbook

from vnreports.cli import main

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.json").exists()
               and json.loads((p / "case.json").read_text(encoding="utf-8")).get("kind") == "workbook")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = new_project(tmp_path_factory.mktemp("review-base"))
    draft(root, figures=12, registry=True, skips=5, metric=True)
    assert main(["--root", str(root), "review", f"data/raw/reports/{STEM}.txt"]) == 0
    return root


def _col(ws, name: str) -> int:
    return [c.value for c in ws[2]].index(name) + 1


def _row(ws, key: str) -> int:
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == key)


def _value(v):
    return date.fromisoformat(v["date"]) if isinstance(v, dict) and "date" in v else v


def apply(root: Path, edits: list[dict]) -> Path:
    """Carry out a case's edits; return the file to import."""
    path = root / "build" / "review" / f"{STEM}.xlsx"
    wb = load_workbook(path)
    for e in edits:
        op = e["op"]
        ws = wb[e["sheet"]] if "sheet" in e else None
        if op == "rename_sheet":
            ws.title = e["to"]
        elif op == "delete_sheet":
            wb.remove(ws)
        elif op == "header":
            ws.cell(e["row"], _col(ws, e["column"])).value = e["value"]
        elif op == "delete_column":
            ws.delete_cols(_col(ws, e["column"]))
        elif op == "cell":
            cell = ws.cell(_row(ws, e["key"]), _col(ws, e["column"]))
            cell.value = _value(e["value"])
            if "format" in e:
                cell.number_format = e["format"]
        elif op == "delete_row":
            ws.delete_rows(_row(ws, e["key"]))
        elif op == "copy_row":
            ws.append([c.value for c in ws[_row(ws, e["key"])]])
        elif op == "meta":
            meta = wb["_meta"]
            next(r for r in meta.iter_rows() if r[0].value == e["key"])[1].value = e["value"]
        elif op == "raw_append":
            with (root / e["path"]).open("a", encoding="utf-8") as fh:
                fh.write(e["text"])
        elif op == "raw_replace":
            p = root / e["path"]
            text = p.read_text(encoding="utf-8")
            assert e["old"] in text
            p.write_text(text.replace(e["old"], e["new"], 1), encoding="utf-8")
        elif op not in ("rename_file", "save_as"):
            raise AssertionError(f"unknown op {op}")
    wb.save(path)
    for e in edits:
        if e["op"] == "rename_file":
            path = path.rename(path.with_name(e["to"]))
        elif e["op"] == "save_as" and e["to"] == "ods":  # what an OpenDocument file is: a zip with its mimetype
            ods = path.with_suffix(".ods")
            with zipfile.ZipFile(ods, "w") as z:
                z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
                z.writestr("content.xml", "<office:document-content/>")
            path = ods
        elif e["op"] == "save_as" and e["to"] == "csv":
            out = path.with_suffix(".csv")
            with out.open("w", encoding="utf-8", newline="") as fh:
                csv.writer(fh).writerows([[c.value for c in row] for row in wb["Số liệu"].iter_rows()])
            path = out
    return path


def test_the_corpus_has_the_workbook_cases():
    assert len(CASES) >= 20


@pytest.mark.parametrize("name", CASES)
def test_bad_workbook(base, tmp_path, capsys, name):
    spec = json.loads((CORPUS / name / "case.json").read_text(encoding="utf-8"))
    root = tmp_path / "p"
    shutil.copytree(base, root)
    path = apply(root, spec["edits"])
    before = raw_bytes(root)
    capsys.readouterr()
    code = main(["--root", str(root), "import", str(path)])
    err = capsys.readouterr().err
    if spec["accept"]:
        assert code == 0, err
        assert raw_bytes(root) == before
        return
    assert code != 0
    assert re.search(spec["expect"], err), f"{spec['description']}: expected /{spec['expect']}/ in\n{err}"
    assert "nothing was written" in err and "how to fix" in err
    assert raw_bytes(root) == before, "a refused import must leave data/raw untouched"
