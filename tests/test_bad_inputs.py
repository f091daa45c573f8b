"""The bad-input corpus (tests/bad_inputs/): each case is refused with file, line, column and a fix,
a non-zero exit, and the previous curated layer and warehouse byte-identical afterwards.

A case is a folder with case.json: `description`; `expect`, one regular expression or a list that
must all match the error output (`^…` at a line start, e.g. "^BUILD REFUSED: 1 problem" when the
case must give exactly one error); `files/`, copied over a copy of the project (data/raw, sql,
expectations); `remove`, `rename`; `replace`, {path: [[old, new], …]}, edits of a file (a broken SQL
model); `accept`, true for inputs that must build to the same bytes as the clean ones. A case folder
is named `NN_what_it_breaks`; NN is used once across the corpus, the workbook cases included (a new case
takes the next free number)."""

import hashlib
import json
import re
import shutil
from collections import Counter
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
    shutil.copytree(ROOT / "expectations", root / "expectations", ignore=shutil.ignore_patterns("uncommitted"))
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
    for rel, edits in spec.get("replace", {}).items():
        text = (root / rel).read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"{case.name}: '{old}' is not in {rel} any more: update the case"
            text = text.replace(old, new)
        (root / rel).write_text(text, encoding="utf-8")
    return spec


def test_every_case_number_is_used_once():
    numbers = Counter(p.name.split("_")[0] for p in CORPUS.iterdir() if (p / "case.json").exists())
    assert numbers and all(n.isdigit() for n in numbers), sorted(numbers)
    assert not [n for n, count in numbers.items() if count > 1], "two cases share a number: renumber the newer one"


def test_the_corpus_has_at_least_30_refusals():
    refused = [c for c in CASES if not json.loads((CORPUS / c / "case.json").read_text())["accept"]]
    assert len(refused) >= 30
    models = [c for c in CASES if "sql/" in (CORPUS / c / "case.json").read_text()]
    assert len(models) >= 5  # broken models: refused by the checks before the swap


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
    for expect in [spec["expect"]] if isinstance(spec["expect"], str) else spec["expect"]:
        assert re.search(expect, err, re.M), f"{spec['description']}: expected /{expect}/ in\n{err}"
    assert re.search(r"(data/raw|sql)/\S+\.(csv|txt|xlsx|ods|sql)(:\d+)?", err) and "how to fix:" in err
    assert outputs(root) == before, "a refused build must leave data/curated and the warehouse untouched"


def test_the_readme_counts_the_corpus():
    specs = [json.loads((CORPUS / c / "case.json").read_text(encoding="utf-8")) for c in CASES]
    accepted = sum(s["accept"] for s in specs)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`tests/bad_inputs/` holds {len(specs)} broken copies" in readme
    assert f"{len(specs) - accepted} refusals and {accepted} accepted inputs" in readme
