"""Interrupted builds (SIGKILL at named points and at random moments) and concurrent readers."""

import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from vnreports.build.warehouse import build_warehouse
from vnreports.cli import main

ROOT = Path(__file__).resolve().parents[1]
SIGNATURE = "SELECT (SELECT count(*) FROM figures), (SELECT count(*) FROM fact_figure), (SELECT count(*) FROM rankings)"


@pytest.fixture
def built(tmp_path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "sql", root / "sql")
    assert main(["--root", str(root), "curate"]) == 0
    assert main(["--root", str(root), "warehouse"]) == 0
    return root


def run(root: Path, command: str, crash_at: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    if crash_at:
        env["VNREPORTS_CRASH_AT"] = crash_at
    return subprocess.Popen([sys.executable, "-m", "vnreports", "--root", str(root), command], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def signature(root: Path):
    """Read in a fresh process: within one process DuckDB reuses an open database for the same path."""
    code = ("import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
            f"print(tuple(con.execute({SIGNATURE!r}).fetchone()))")
    out = subprocess.run([sys.executable, "-c", code, str(root / "data" / "warehouse.duckdb")], check=True,
                         capture_output=True, text=True).stdout
    return eval(out)  # noqa: S307 - our own output


@pytest.mark.parametrize("command, point", [
    ("curate", "curated-staged"), ("curate", "curated-swapping"),
    ("warehouse", "warehouse-models"), ("warehouse", "warehouse-before-swap"),
])
def test_sigkill_at_a_named_point_leaves_the_warehouse_usable(built, command, point):
    before = signature(built)
    warehouse_bytes = (built / "data" / "warehouse.duckdb").read_bytes()
    proc = run(built, command, crash_at=point)
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert (built / "data" / "warehouse.duckdb").read_bytes() == warehouse_bytes
    assert signature(built) == before
    # the next build succeeds and cleans up what the killed one left
    assert main(["--root", str(built), "curate"]) == 0 and main(["--root", str(built), "warehouse"]) == 0
    assert signature(built) == before
    assert not list((built / "data").glob("warehouse.duckdb.tmp-*"))
    assert not (built / "data" / "curated" / ".staging").exists()


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8])
def test_sigkill_at_a_random_moment(built, delay):
    before = signature(built)
    proc = run(built, "warehouse")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert signature(built) == before
    assert main(["--root", str(built), "warehouse"]) == 0 and signature(built) == before


def test_two_builds_at_once_are_refused(built, capsys, monkeypatch):
    from vnreports.build.lock import build_lock

    monkeypatch.setenv("VNREPORTS_LOCK_WAIT", "0.2")
    with build_lock(built, "test"):
        assert main(["--root", str(built), "warehouse"]) == 1
    err = capsys.readouterr().err
    assert "another writer (build, add or import) is running" in err and f"pid {os.getpid()} (test)" in err


# -- the writers' lock between processes: `make build`, `make add` and `make import` take it ----------

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from vnreports.build.lock import build_lock
    with build_lock(Path(sys.argv[1]), "make add (test holder)"):
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def hold_lock(root: Path, seconds: float) -> subprocess.Popen:
    """Another process that takes the writers' lock and keeps it for `seconds`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(root), str(seconds)], env=env,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def vnreports(root: Path, *args: str, wait: float) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "VNREPORTS_LOCK_WAIT": str(wait)}
    return subprocess.run([sys.executable, "-m", "vnreports", "--root", str(root), *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", ["warehouse", "curate"])
def test_a_second_writer_waits_briefly_then_names_the_holder(built, command):
    warehouse_bytes = (built / "data" / "warehouse.duckdb").read_bytes()
    holder = hold_lock(built, 60)
    try:
        start = time.monotonic()
        done = vnreports(built, command, wait=1)
        waited = time.monotonic() - start
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1 and waited >= 1
    assert re.search(rf"pid {holder.pid} \(make add \(test holder\)\), started \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d",
                     done.stderr), done.stderr
    assert "waited 1 s" in done.stderr
    assert (built / "data" / "warehouse.duckdb").read_bytes() == warehouse_bytes
    # the holder was killed: the lock went with it, and the next writer does not wait
    assert vnreports(built, "warehouse", wait=0).returncode == 0


def test_a_second_writer_goes_on_when_the_holder_finishes_within_the_wait(built):
    holder = hold_lock(built, 1.5)
    done = vnreports(built, "warehouse", wait=30)
    holder.wait(timeout=30)
    assert done.returncode == 0, done.stderr


def test_readers_are_never_blocked_by_a_writer(built):
    holder = hold_lock(built, 60)
    try:
        start = time.monotonic()
        done = vnreports(built, "query", "SELECT count(*) AS n FROM figures", "--format", "csv", wait=30)
        elapsed = time.monotonic() - start
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "293" and elapsed < 20


READER = textwrap.dedent("""
    import os, sys, time, duckdb
    path, stop, out = sys.argv[1], sys.argv[2], sys.argv[3]
    seen, errors, n = set(), [], 0
    end = time.time() + 300
    while time.time() < end and not os.path.exists(stop):
        try:
            with duckdb.connect(path, read_only=True) as con:
                seen.add(con.execute(%r).fetchone())
            n += 1
        except Exception as exc:
            errors.append(repr(exc))
    open(out, "w").write(repr((sorted(seen), errors, n)))
""" % SIGNATURE)


def test_readers_never_see_an_error_or_a_mix_while_rebuilding(built, tmp_path):
    """Rebuild 20 times, alternating between two versions of the data, while 3 readers query in a loop."""
    curated = built / "data" / "curated"
    version_a = tmp_path / "a"
    version_b = tmp_path / "b"
    shutil.copytree(curated, version_a)
    shutil.copytree(curated, version_b)
    figures = pl.read_parquet(version_b / "figures.parquet")
    figures.filter(pl.col("report_file") != "001_fb0a3aa72a370f36.txt").write_parquet(version_b / "figures.parquet")
    build_warehouse(built)
    sig_a = signature(built)
    script = tmp_path / "reader.py"
    script.write_text(READER)
    warehouse = built / "data" / "warehouse.duckdb"
    stop = tmp_path / "stop"
    readers = [subprocess.Popen([sys.executable, str(script), str(warehouse), str(stop), str(tmp_path / f"r{i}.txt")])
               for i in range(3)]
    held = duckdb.connect(str(warehouse), read_only=True)  # a reader that keeps its connection open
    held_first = held.execute(SIGNATURE).fetchone()
    signatures = set()
    try:
        for i in range(20):
            source = version_b if i % 2 == 0 else version_a
            for f in source.iterdir():
                shutil.copyfile(f, curated / f.name)
            build_warehouse(built)
            signatures.add(signature(built))
            assert held.execute(SIGNATURE).fetchone() == held_first  # it keeps the version it opened
    finally:
        stop.touch()
        for r in readers:
            r.wait(timeout=120)
        held.close()
    assert len(signatures) == 2 and sig_a in signatures
    total = 0
    for i in range(3):
        seen, errors, n = eval((tmp_path / f"r{i}.txt").read_text())  # noqa: S307 - our own repr
        assert errors == []
        assert set(seen) <= signatures, f"reader {i} saw a state that no build produced: {seen}"
        total += n
    assert total > 60


def test_make_add_and_make_import_take_the_same_lock(built):
    """A second writer of another kind (add, import) waits, then fails naming the holder, and writes nothing."""
    from openpyxl import load_workbook

    new = ROOT / "tests" / "new_reports" / "tb_kiem_tra_van_lang_2025.txt"
    other = ROOT / "tests" / "new_reports" / "tb_lam_viec_dinh_lap_2024.txt"
    assert vnreports(built, "add", str(new), wait=0).returncode == 0
    report = max((built / "data" / "raw" / "reports").glob("005_*")).name
    workbook = vnreports(built, "review", f"data/raw/reports/{report}", wait=0).stdout.strip()
    wb = load_workbook(built / workbook)
    ws = wb["Số liệu"]
    ws.cell(3, [c.value for c in ws[2]].index("reviewed") + 1).value = "có"
    wb.save(built / workbook)
    raw_before = {p: p.read_bytes() for p in sorted((built / "data" / "raw").rglob("*")) if p.is_file()}
    holder = hold_lock(built, 60)
    try:
        add = vnreports(built, "add", str(other), wait=1)
        imp = vnreports(built, "import", str(built / workbook), wait=1)
    finally:
        holder.kill()
        holder.wait()
    assert add.returncode == 2 and f"pid {holder.pid}" in add.stderr and "Nothing was written" in add.stderr
    assert imp.returncode == 1 and f"pid {holder.pid}" in imp.stderr, imp.stderr
    after = {p: p.read_bytes() for p in sorted((built / "data" / "raw").rglob("*")) if p.is_file()}
    assert after == raw_before
    assert vnreports(built, "import", str(built / workbook), wait=0).returncode == 0  # the lock went with its holder
