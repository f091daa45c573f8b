import shutil
from pathlib import Path

import pytest
from drafting import draft, new_project

from vnreports.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway project root with a copy of the real raw layer."""
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    return tmp_path


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Path:
    """A project copy (raw layer, SQL models, suites) with the real curated layer and warehouse built, per module."""
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "sql", root / "sql")
    shutil.copytree(ROOT / "expectations", root / "expectations", ignore=shutil.ignore_patterns("uncommitted"))
    assert main(["--root", str(root), "curate"]) == 0
    assert main(["--root", str(root), "warehouse"]) == 0
    return root


@pytest.fixture
def drafted(tmp_path) -> Path:
    """Report 000 with 12 drafted figures, 5 drafted skips, a drafted registry row and a proposed metric."""
    root = new_project(tmp_path / "p")
    draft(root, figures=12, registry=True, skips=5, metric=True)
    return root
