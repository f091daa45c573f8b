"""Ad-hoc SQL: saved queries on the real build, read-only CLI, shell, dictionary, readers."""

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from vnreports.build.warehouse import build_warehouse
from vnreports.serve.dictionary import dictionary_markdown
from vnreports.serve.query import QueryRefused, check_read_only, parse_vars, shell

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "sql" / "queries"


def query(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "vnreports", "--root", str(root), "query", *args],
                          capture_output=True, text=True, env=env, check=False)


def rows(root: Path, name: str, *vars: str) -> list[dict]:
    args = ["--file", str(QUERIES / name), "--format", "json"]
    for v in vars:
        args += ["--var", v]
    done = query(root, *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_saved_query_is_documented_and_tested():
    names = sorted(p.name for p in QUERIES.glob("*.sql"))
    assert names == sorted(SAVED)
    for p in QUERIES.glob("*.sql"):
        head = p.read_text(encoding="utf-8").splitlines()[:2]
        assert head[0].startswith("-- Câu hỏi:") and head[1].startswith("-- Question:")


def _ranking(root):
    r = rows(root, "district_ranking.sql")
    assert [(x["district_name"], x["label"]) for x in r] == [("Huyện Lộc Bình", "thứ 4/11 huyện, thành phố")]
    dtts = rows(root, "district_ranking.sql", "programme=dtts")
    assert dtts[0]["district_name"] == "Huyện Đình Lập" and {x["source"] for x in dtts} == {"computed", "implied", "reported"}
    carried = rows(root, "district_ranking.sql", "project=ctmtqg_keo_dai")
    assert [(x["district_name"], x["label"]) for x in carried if x["source"] == "reported"] == [
        ("Huyện Lộc Bình", "thứ 1/11 huyện, thành phố")]


def _below_average(root):
    r = rows(root, "below_provincial_average.sql")
    assert [(x["district_name"], x["province_value"]) for x in r] == [("Huyện Bình Gia", 14.08)]


def _furthest(root):
    r = rows(root, "communes_furthest_from_ntm.sql")
    assert r[0]["commune_name"] == "Xã Hoa Thám" and r[0]["criteria_missing"] == 11
    assert [x["criteria_missing"] for x in r] == sorted((x["criteria_missing"] for x in r), reverse=True)


def _report_figures(root):
    r = rows(root, "report_figures.sql", "report_file=001_fb0a3aa72a370f36.txt")
    assert len(r) == 16 and all(x["quote"] for x in r)
    assert rows(root, "report_figures.sql", "report=TB-UBND 4/2024 · kiểm tra huyện Tràng Định") == r
    assert len(rows(root, "report_figures.sql")) == 62  # the default: Lộc Bình 9/2024


def _history(root):
    r = rows(root, "district_history.sql", "district=Chi Lăng")
    assert len(r) == 156 and r[0]["as_of"] <= r[-1]["as_of"]
    years = {x["as_of"][:4] for x in rows(root, "district_history.sql")}
    assert years == {"2022", "2024"}


def _inconsistencies(root):
    kinds = {(x["report_file"][:3], x["kind"], x["figure_id"]) for x in rows(root, "report_inconsistencies.sql")}
    assert ("003", "rate_mismatch", "f038") in kinds and ("003", "items_mismatch", "f034") in kinds


SAVED = {
    "district_ranking.sql": _ranking, "below_provincial_average.sql": _below_average,
    "communes_furthest_from_ntm.sql": _furthest, "report_figures.sql": _report_figures,
    "district_history.sql": _history, "report_inconsistencies.sql": _inconsistencies,
}


@pytest.mark.parametrize("name", sorted(SAVED))
def test_saved_query_answers_its_question(real, name):
    SAVED[name](real)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


WRITES = [
    "DELETE FROM fact_figure", "DROP TABLE dim_district", "UPDATE fact_figure SET note = 'x'",
    "CREATE TABLE x AS SELECT 1", "INSERT INTO dim_metric SELECT * FROM dim_metric",
    "COPY fact_figure TO '/tmp/x.csv'", "ATTACH '/tmp/other.duckdb' AS o", "INSTALL httpfs",
    "SET threads = 1", "SELECT 1; DROP TABLE dim_district", "CHECKPOINT", "ALTER TABLE dim_metric ADD COLUMN y INT",
]


@pytest.mark.parametrize("sql", WRITES)
def test_writes_are_refused_and_the_warehouse_is_unchanged(real, sql):
    before = digest(real / "data" / "warehouse.duckdb")
    done = query(real, sql)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "TỪ CHỐI" in done.stderr and "read-only" in done.stderr
    assert digest(real / "data" / "warehouse.duckdb") == before


def test_sql_error_exits_1_with_a_clear_message(real):
    done = query(real, "SELECT nothing FROM nowhere")
    assert done.returncode == 1 and "LỖI SQL" in done.stderr and "nowhere" in done.stderr


def test_table_csv_and_json_output(real):
    sql = "SELECT district_name, short_name FROM dim_district ORDER BY short_name COLLATE vi LIMIT 3"
    table = query(real, sql)
    assert table.returncode == 0 and "| Huyện Bắc Sơn" in table.stdout and "3 dòng" in table.stdout
    csv_out = query(real, sql, "--format", "csv").stdout.splitlines()
    assert csv_out == ["district_name,short_name", "Huyện Bắc Sơn,Bắc Sơn", "Huyện Bình Gia,Bình Gia",
                       "Huyện Cao Lộc,Cao Lộc"]
    assert json.loads(query(real, sql, "--format", "json").stdout)[2]["short_name"] == "Cao Lộc"


def test_make_query_uses_the_same_checks():
    if not (ROOT / ".venv" / "bin" / "python").exists() or not (ROOT / "data" / "warehouse.duckdb").exists():
        pytest.skip("needs the project's .venv and built warehouse (make build)")
    before = digest(ROOT / "data" / "warehouse.duckdb")
    ok = subprocess.run(["make", "-s", "query", "Q=SELECT count(*) AS n FROM figures"], cwd=ROOT,
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and "| n" in ok.stdout
    bad = subprocess.run(["make", "-s", "query", "Q=DROP TABLE fact_figure"], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert bad.returncode != 0 and "TỪ CHỐI" in bad.stderr
    assert digest(ROOT / "data" / "warehouse.duckdb") == before


def test_vars_values_may_hold_spaces():
    assert parse_vars("district=Văn Lãng as_of=2024-09-13") == {"district": "Văn Lãng", "as_of": "2024-09-13"}
    assert parse_vars("report=TB-UBND 9/2024 · kiểm tra huyện Lộc Bình") == {
        "report": "TB-UBND 9/2024 · kiểm tra huyện Lộc Bình"}
    assert parse_vars(" district='Văn Lãng'  programme=\"dtts\" ") == {"district": "Văn Lãng", "programme": "dtts"}
    assert parse_vars("") == {}
    with pytest.raises(ValueError, match="NAME=VALUE"):
        parse_vars("Văn Lãng")


def test_make_query_passes_a_value_with_spaces_whole(real):
    if not (ROOT / ".venv" / "bin" / "python").exists():
        pytest.skip("needs the project's .venv (make setup)")

    def make_query(*args: str) -> subprocess.CompletedProcess:
        # The copy's warehouse (named, so make never builds the project's own); VNREPORTS_ROOT points the CLI at it.
        return subprocess.run(["make", "-s", "--no-print-directory", "query",
                               f"WAREHOUSE={real / 'data' / 'warehouse.duckdb'}", "FORMAT=json", *args],
                              cwd=ROOT, env={**os.environ, "VNREPORTS_ROOT": str(real)},
                              capture_output=True, text=True, check=False)

    def make_rows(name: str, vars_: str) -> list[dict]:
        done = make_query(f"FILE=sql/queries/{name}", f"VARS={vars_}")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    chi_lang = make_rows("district_history.sql", "district=Chi Lăng")
    assert len(chi_lang) == 156 and chi_lang == rows(real, "district_history.sql", "district=Chi Lăng")
    assert make_rows("district_history.sql", "district='Chi Lăng'") == chi_lang
    report = make_rows("report_figures.sql", "report=TB-UBND 4/2024 · kiểm tra huyện Tràng Định")
    assert len(report) == 16 and report == rows(real, "report_figures.sql", "report_file=001_fb0a3aa72a370f36.txt")
    assert make_rows("district_ranking.sql", "programme=dtts as_of=2024-09-13") == rows(
        real, "district_ranking.sql", "programme=dtts", "as_of=2024-09-13")
    bad = make_query("FILE=sql/queries/district_history.sql", "VARS=Chi Lăng")
    assert bad.returncode != 0 and "VARS: 'Chi Lăng' is not NAME=VALUE" in bad.stderr


def test_shell_reads_and_refuses(real):
    out = io.StringIO()
    shell(real / "data" / "warehouse.duckdb", stdin=io.StringIO(
        ".tables\nSELECT short_name\nFROM dim_district WHERE district_code = '181';\nDELETE FROM dim_district;\n.quit\n"),
        stdout=out)
    text = out.getvalue()
    assert "dim_district" in text and "Bình Gia" in text and "TỪ CHỐI" in text


def test_check_read_only_parses_every_statement():
    check_read_only("WITH a AS (SELECT 1) SELECT * FROM a; DESCRIBE figures; EXPLAIN SELECT 1")
    with pytest.raises(QueryRefused):
        check_read_only("SELECT 1; PRAGMA enable_profiling")


def test_committed_dictionary_is_up_to_date(real):
    committed = (ROOT / "docs" / "data_dictionary.md").read_text(encoding="utf-8")
    assert committed == dictionary_markdown(real / "data" / "warehouse.duckdb") + "\n", \
        "docs/data_dictionary.md is stale: run `make dictionary` and commit it"
    assert "## `figures` (view)" in committed and "| `value` | DOUBLE |" in committed


def test_a_reader_keeps_working_while_the_warehouse_is_rebuilt(real):
    path = real / "data" / "warehouse.duckdb"
    old = duckdb.connect(str(path), read_only=True)
    n = old.execute("SELECT count(*) FROM figures").fetchone()[0]
    build_warehouse(real)  # writes a new file and swaps it in
    assert old.execute("SELECT count(*) FROM figures").fetchone()[0] == n  # the old file, still readable
    with duckdb.connect(str(path), read_only=True) as new:
        assert new.execute("SELECT count(*) FROM figures").fetchone()[0] == n
    old.close()
