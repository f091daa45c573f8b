"""The package installs like a package, documents itself, and keeps its modules small and labelled."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from vnreports.paths import find_root

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "vnreports"
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VNREPORTS_ROOT")}


@pytest.mark.parametrize("cmd", [[str(ROOT / ".venv" / "bin" / "vnreports"), "--help"],
                                 [sys.executable, "-m", "vnreports", "--help"]])
def test_commands_run_from_any_folder_without_pythonpath(cmd, tmp_path):
    out = subprocess.run(cmd, cwd=tmp_path, env=CLEAN_ENV, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "VNREPORTS_ROOT" in out.stdout and "curate" in out.stdout


def test_outside_a_project_a_command_says_how_to_name_the_root(tmp_path):
    out = subprocess.run([sys.executable, "-m", "vnreports", "coverage"], cwd=tmp_path, env=CLEAN_ENV,
                         capture_output=True, text=True)
    assert out.returncode == 2 and "--root" in out.stderr and "VNREPORTS_ROOT" in out.stderr


def test_the_root_comes_from_option_then_environment_then_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("VNREPORTS_ROOT", raising=False)
    monkeypatch.chdir(ROOT / "sql" / "40_marts")
    assert find_root() == ROOT
    monkeypatch.setenv("VNREPORTS_ROOT", str(tmp_path))
    assert find_root() == tmp_path
    assert find_root(str(ROOT)) == ROOT
    monkeypatch.delenv("VNREPORTS_ROOT")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="VNREPORTS_ROOT"):
        find_root()


def test_make_help_lists_every_target():
    targets = set(re.findall(r"^([a-z][a-z_-]*):", (ROOT / "Makefile").read_text(), re.M))
    out = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    listed = set(re.findall(r"^\s+make (\S+)", out, re.M))
    assert targets and targets == listed, f"without help text: {sorted(targets - listed)}"


def test_every_module_opens_with_a_one_line_docstring_and_stays_small():
    for path in sorted(PKG.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text))
        assert doc, f"{path.relative_to(ROOT)} has no docstring"
        first = text.lstrip().splitlines()[0]
        assert first.startswith('"""') and len(first) > 6, f"{path.relative_to(ROOT)}: first line is not a summary"
        assert len(text.splitlines()) <= 430, f"{path.relative_to(ROOT)} has {len(text.splitlines())} lines"


def test_shipped_jupyterlab_settings_turn_off_the_news_prompt_and_exist_in_the_installed_schemas():
    import json

    overrides = json.loads((ROOT / "config" / "jupyterlab" / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    schemas = ROOT / ".venv" / "share" / "jupyter" / "lab" / "schemas"
    if not schemas.exists():
        pytest.skip("needs the project's .venv (make setup)")
    for plugin, settings in overrides.items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        for key, value in settings.items():
            prop = schema["properties"][key]
            allowed = [o["const"] for o in prop.get("oneOf", []) if "const" in o]
            assert not allowed or value in allowed, (plugin, key, value, allowed)
            assert prop.get("type") != "boolean" or isinstance(value, bool), (plugin, key)
    installed = ROOT / ".venv" / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(installed.read_text(encoding="utf-8")) == overrides, "run `make setup` to install the settings"
