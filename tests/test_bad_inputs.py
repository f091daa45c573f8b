"""The bad-input corpus (tests/bad_inputs/): each case is refused with file, line, column and a fix,
a non-zero exit, and the previous curated layer and warehouse byte-identical afterwards."""

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from vnreports.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.json").exists()
               and json.loads((p / "case.json").read_text(encoding="utf-8")).get("kind", "build") == "build")
# Cases of kind "workbook" are edits of a review workbook, run by test_review_bad_inputs.py.


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("base")
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "sql", root / "sql")
    assert main(["--root", str(root), "curate"]) == 0
    assert main(["--root", str(root), "warehouse"]) == 0
    return root


def outputs(root: Path) -> dict[str, str]:
    files = sorted((root / "data" / "curated").glob("*")) + [root / "data" / "warehouse.duckdb"]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


def apply(case: Path, root: Path) -> dict:
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    for src in (case / "files").rglob("*"):
        if src.is_file():
            dst = root / src.relative_to(case / "files")
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    for rel in spec["remove"]:
        (root / rel).unlink()
    for old, new in spec["rename"].items():
        (root / old).rename(root / new)
    return spec


def test_the_corpus_has_at_least_30_refusals():
    refused = [c for c in CASES if not json.loads((CORPUS / c / "case.json").read_text())["accept"]]
    assert len(refused) >= 30


@pytest.mark.parametrize("name", CASES)
def test_bad_input(base, tmp_path, capsys, name):
    root = tmp_path / "p"
    shutil.copytree(base, root)
    before = outputs(root)
    spec = apply(CORPUS / name, root)
    capsys.readouterr()
    code = main(["--root", str(root), "curate"])
    if code == 0:
        code = main(["--root", str(root), "warehouse"])
    err = capsys.readouterr().err
    if spec["accept"]:
        assert code == 0, err
        assert outputs(root)["figures.parquet"] == before["figures.parquet"]  # same bytes as the clean input
        return
    assert code != 0
    assert re.search(spec["expect"], err), f"{spec['description']}: expected /{spec['expect']}/ in\n{err}"
    assert re.search(r"data/raw/\S+\.(csv|txt)(:\d+)?", err) and "how to fix:" in err
    assert outputs(root) == before, "a refused build must leave data/curated and the warehouse untouched"
