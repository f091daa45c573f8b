"""Command line: `vnreports <command>` or `python -m vnreports <command>`, one sub-command per make target."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from vnreports.errors import InputError
from vnreports.paths import ROOT_HELP, find_root


def _root(arg: str | None) -> Path:
    return find_root(arg)


def cmd_curate(args: argparse.Namespace) -> int:
    from vnreports.build.curate import build_tables, write_curated
    from vnreports.raw.layer import load_raw

    root = _root(args.root)
    raw_dir = root / "data" / "raw"
    from vnreports.raw.coverage import check_coverage

    try:
        raw = load_raw(raw_dir)
        check_coverage(raw_dir, raw.reports)
    except InputError as exc:
        print(f"BUILD REFUSED: {len(exc.problems)} problem(s) in the raw inputs; nothing was written.",
              file=sys.stderr)
        print(exc.render(), file=sys.stderr)
        return 1
    from vnreports.build.lock import BuildBusy, build_lock

    tables = build_tables(raw, raw_dir)
    try:
        with build_lock(root, "vnreports curate"):
            write_curated(tables, root / "data" / "curated")
    except BuildBusy as exc:
        print(f"BUILD REFUSED: {exc}", file=sys.stderr)
        return 1
    per_report = Counter(f.report_file for f in raw.figures)
    ambiguous = sum(1 for f in raw.figures if f.reading.ambiguous)
    print(f"curated: {len(raw.figures)} figures from {len(raw.reports)} reports "
          "(" + ", ".join(f"{k[:3]}: {n}" for k, n in sorted(per_report.items())) + "); "
          f"{ambiguous} ambiguous notations with a stated reading; {len(raw.alias_uses)} place aliases used")
    return 0


def cmd_warehouse(args: argparse.Namespace) -> int:
    from vnreports.build.lock import BuildBusy, build_lock
    from vnreports.build.warehouse import ModelError, build_warehouse

    root = _root(args.root)
    summary: dict = {}
    try:
        with build_lock(root, "vnreports warehouse"):
            path = build_warehouse(root, summary=summary)
    except BuildBusy as exc:
        print(f"WAREHOUSE BUILD REFUSED: {exc}", file=sys.stderr)
        return 1
    except ModelError as exc:
        print(f"WAREHOUSE BUILD FAILED; the previous warehouse is untouched.\n{exc}", file=sys.stderr)
        return 1
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute("SELECT count(*) FROM duckdb_tables() WHERE NOT temporary").fetchone()[0]
        views = con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()[0]
        anomalies = con.execute("SELECT count(*) FROM source_anomalies").fetchone()[0]
        figures = con.execute("SELECT count(*) FROM figures").fetchone()[0]
    print(f"warehouse: {path.relative_to(root)}: {tables} tables, {views} views, {figures} figures; "
          f"{summary['checks']} blocking checks passed before the swap ({summary['checks_seconds']:.2f} s); "
          f"{anomalies} source anomalies (warnings: findings in the reports, see the view source_anomalies)")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from vnreports.checks.quality import validate

    root = _root(args.root)
    docs = root / args.docs if args.docs else None
    summary = validate(root, docs_dir=docs)
    import json

    (root / "build").mkdir(exist_ok=True)
    (root / "build" / "validation-summary.json").write_text(
        json.dumps(summary.to_json(), ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    if summary.warnings:
        print(f"Findings in the reports themselves (warnings; the build goes on): {len(summary.warnings)}")
        for f in summary.warnings:
            print(f.render(limit=args.rows))
    if summary.errors:
        print("FAILED expectations (the build stops):", file=sys.stderr)
        for f in summary.errors:
            print(f.render(limit=args.rows), file=sys.stderr)
    timing = ", ".join(f"{k} {v:.1f} s" for k, v in summary.seconds.items())
    print(f"Great Expectations time: {timing}" + (f"; Data Docs in {args.docs}/index.html" if docs else ""))
    print(summary.line())
    return 1 if summary.errors else 0


def cmd_report(args: argparse.Namespace) -> int:
    from vnreports.serve.report import build_report

    root = _root(args.root)
    out = build_report(root)
    print(f"report: {out.relative_to(root)}/index.html")
    return 0


def cmd_dictionary(args: argparse.Namespace) -> int:
    from vnreports.serve.dictionary import dictionary_markdown

    root = _root(args.root)
    target = root / "docs" / "data_dictionary.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(dictionary_markdown(root / "data" / "warehouse.duckdb") + "\n", encoding="utf-8")
    print(f"dictionary: {target.relative_to(root)}")
    return 0


def _warehouse(root: Path) -> Path:
    return root / "data" / "warehouse.duckdb"


def cmd_export(args: argparse.Namespace) -> int:
    from vnreports.serve.export import SHEETS, export

    root = _root(args.root)
    if not _warehouse(root).exists():
        print(f"{_warehouse(root)} không tồn tại: chạy `make build` trước (run `make build` first)", file=sys.stderr)
        return 1
    path = export(root, Path(args.out) if args.out else None)
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    print(f"export: {shown} ({len(SHEETS)} views and the data dictionary), and the same as Parquet in {shown.parent}/")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    import os

    from vnreports.serve.query import QueryFailed, QueryRefused, connect, parse_vars, render, run

    root = _root(args.root)
    if args.file:
        sql = Path(args.file).read_text(encoding="utf-8")
    elif args.sql_env:
        sql = os.environ.get(args.sql_env, "")
    else:
        sql = args.sql or ""
    try:  # `make query VARS=…` passes the whole string, values with spaces included (--vars-env VARS)
        variables = parse_vars(os.environ.get(args.vars_env, "")) if args.vars_env else {}
    except ValueError as exc:
        print(f"VARS: {exc}", file=sys.stderr)
        return 2
    variables.update(v.split("=", 1) for v in args.var or [] if "=" in v)
    try:
        con = connect(_warehouse(root))
        columns, rows = run(con, sql, variables)
        if args.format == "xlsx":
            from vnreports.serve.export import write_query_xlsx

            out = write_query_xlsx(columns, rows, Path(args.out) if args.out else root / "build" / "export" /
                                   "truy_van.xlsx")
            print(f"{len(rows)} dòng (rows) → {out}")
            return 0
        sys.stdout.write(render(columns, rows, args.format, max_rows=args.max_rows))
        return 0
    except QueryRefused as exc:
        print(f"TỪ CHỐI (refused): {exc}", file=sys.stderr)
        return 2
    except QueryFailed as exc:
        print(f"LỖI SQL (SQL error): {exc}", file=sys.stderr)
        return 1


def cmd_sql(args: argparse.Namespace) -> int:
    from vnreports.serve.query import QueryFailed, shell

    try:
        return shell(_warehouse(_root(args.root)))
    except QueryFailed as exc:
        print(exc, file=sys.stderr)
        return 1


def cmd_coverage(args: argparse.Namespace) -> int:
    from vnreports.raw.coverage import check_coverage
    from vnreports.raw.layer import load_raw

    root = _root(args.root)
    raw_dir = root / "data" / "raw"
    try:
        raw = load_raw(raw_dir)
        results = check_coverage(raw_dir, raw.reports)
    except InputError as exc:
        print(f"COVERAGE BELOW 100% or bad skip list: {len(exc.problems)} problem(s)", file=sys.stderr)
        print(exc.render(), file=sys.stderr)
        return 1
    for cov in results:
        print(cov.line())
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from vnreports.assistant.draft import extract, write_draft
    from vnreports.documents.text import read_document

    path = Path(args.file)
    if not path.exists():
        print(f"{path}: không có tệp này (no such file)", file=sys.stderr)
        return 1
    try:
        text = read_document(path)
    except (ValueError, KeyError, OSError) as exc:
        print(f"{path}: không đọc được tệp (cannot read the file): {exc}", file=sys.stderr)
        return 1
    rows = extract(text)
    out = Path(args.out)
    write_draft(rows, out)
    ambiguous = sum(1 for r in rows if r["reading_note"])
    print(f"extract: {len(rows)} figures from {path} → {out} ({ambiguous} ambiguous, to be read by a person); "
          "review every row, then save it as data/raw/figures/<report>.csv without the confidence column")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from vnreports.review.layout import ReviewError
    from vnreports.review.workbook import write_review

    root = _root(args.root)
    try:
        out = write_review(root, args.file, Path(args.out) if args.out else None)
    except (ReviewError, InputError) as exc:
        print(f"REVIEW REFUSED: {exc.render() if isinstance(exc, InputError) else exc}", file=sys.stderr)
        return 1
    print(out.relative_to(root) if out.is_relative_to(root) else out)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from vnreports.build.lock import BuildBusy
    from vnreports.review.cells import WorkbookRefused
    from vnreports.review.importer import import_workbook

    root = _root(args.root)
    try:
        result = import_workbook(root, Path(args.file))
    except WorkbookRefused as exc:
        print(f"IMPORT REFUSED: {len(exc.problems)} problem(s) in {args.file}; nothing was written.", file=sys.stderr)
        print(exc.render(), file=sys.stderr)
        return 1
    except InputError as exc:
        print(f"IMPORT REFUSED: data/raw cannot be read; nothing was written.\n{exc.render()}", file=sys.stderr)
        return 1
    except BuildBusy as exc:
        print(f"IMPORT REFUSED: {exc}", file=sys.stderr)
        return 1
    print(result.line())
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from vnreports.bench.runner import run

    root = _root(args.root)
    engines = tuple(e.strip() for e in args.engines.split(",") if e.strip())
    try:
        run(root, args.shape, args.seed, Path(args.out) if args.out else None, engines, args.repeat,
            args.threads, args.memory_limit)
    except RuntimeError as exc:
        print(f"BENCH FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from vnreports.assistant.add import AddRefused, add_report
    from vnreports.build.lock import BuildBusy
    from vnreports.documents.text import DocumentError

    root = _root(args.root)
    try:
        result = add_report(root, Path(args.file))
    except (AddRefused, DocumentError, BuildBusy) as exc:
        print(f"ADD REFUSED: {exc}\nNothing was written.", file=sys.stderr)
        return 2
    print(f"added data/raw/reports/{result.report} ({result.method}): drafted {result.figures} figures, "
          f"{result.skips} skips, {result.proposed_metrics} proposed metrics"
          + (f"; {result.dropped} drafted rows failed the checks and became skips" if result.dropped else "")
          + f" (data/raw/drafts/). Next: make build, then make review FILE=data/raw/reports/{result.report}")
    return 0


def cmd_extract_eval(args: argparse.Namespace) -> int:
    from vnreports.assistant.evaluate import TUNABLE, evaluate, write_json

    root = _root(args.root)
    corpora = [c for name in (args.corpus or []) for c in (TUNABLE if name == "tunable" else [name])]
    summary = evaluate(root, corpora=corpora or None)
    if not args.corpus:  # a partial run (while developing) does not replace the recorded scores
        write_json(summary, root / "build" / "extract-eval.json")
        print("scores: build/extract-eval.json (docs/extraction.md records them)")
    return 0


def cmd_fingerprint(args: argparse.Namespace) -> int:
    import json

    from vnreports.build.fingerprint import fingerprint

    print(json.dumps(fingerprint(_root(args.root)), indent=1, sort_keys=True))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vnreports", description=__doc__)
    parser.add_argument("--root", help=ROOT_HELP)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("curate", help="check the raw layer and write data/curated/").set_defaults(func=cmd_curate)
    sub.add_parser("warehouse", help="run the SQL models into data/warehouse.duckdb").set_defaults(
        func=cmd_warehouse)
    v = sub.add_parser("validate", help="run every Great Expectations suite on the built data")
    v.add_argument("--docs", default="build/data-docs", help="where to write the Data Docs ('' for none)")
    v.add_argument("--rows", type=int, default=8, help="offending rows shown per failed expectation")
    v.set_defaults(func=cmd_validate)
    sub.add_parser("report", help="execute the notebooks and write build/report/").set_defaults(func=cmd_report)
    sub.add_parser("dictionary", help="write docs/data_dictionary.md from the warehouse's comments").set_defaults(
        func=cmd_dictionary)
    xp = sub.add_parser("export", help="write build/export/so_lieu_lang_son.xlsx and the views as Parquet")
    xp.add_argument("--out", help="folder to write (default build/export/)")
    xp.set_defaults(func=cmd_export)
    qp = sub.add_parser("query", help="run one read-only SQL query on the warehouse")
    qp.add_argument("sql", nargs="?", help="the SQL text")
    qp.add_argument("--file", help="a .sql file (e.g. sql/queries/x.sql)")
    qp.add_argument("--sql-env", help=argparse.SUPPRESS)
    qp.add_argument("--format", default="table", choices=["table", "csv", "json", "xlsx"])
    qp.add_argument("--out", help="with --format xlsx: the workbook to write (default build/export/truy_van.xlsx)")
    qp.add_argument("--var", action="append", help="NAME=VALUE for getvariable('NAME') in the query")
    qp.add_argument("--vars-env", help=argparse.SUPPRESS)
    qp.add_argument("--max-rows", type=int, default=200, help="rows shown in table format")
    qp.set_defaults(func=cmd_query)
    sub.add_parser("sql", help="interactive read-only SQL shell").set_defaults(func=cmd_sql)
    sub.add_parser("coverage", help="every numeric mention transcribed or skipped, per report").set_defaults(
        func=cmd_coverage)
    ep = sub.add_parser("extract", help="draft a transcription of a report (.txt, .docx, .pdf)")
    ep.add_argument("file")
    ep.add_argument("--out", required=True, help="the draft CSV to write")
    ep.set_defaults(func=cmd_extract)
    rp = sub.add_parser("review", help="write a review workbook for a report (build/review/<report>.xlsx)")
    rp.add_argument("file", help="the report, e.g. data/raw/reports/000_edc1c87e7c96d231.txt")
    rp.add_argument("--out", help="where to write the workbook (default build/review/<report>.xlsx)")
    rp.set_defaults(func=cmd_review)
    ip = sub.add_parser("import", help="read a reviewed workbook back into data/raw (checked like the build)")
    ip.add_argument("file", help="the workbook (.xlsx) written by `vnreports review`")
    ip.set_defaults(func=cmd_import)
    bp = sub.add_parser("bench", help="SYNTHETIC national panel: time duckdb, polars and pandas (make bench)")
    bp.add_argument("--shape", default="national", choices=["national", "small"])
    bp.add_argument("--seed", type=int, default=20250701)
    bp.add_argument("--out", help="folder for the synthetic panel and results (default build/bench/<shape>)")
    bp.add_argument("--engines", default="duckdb,polars,polars_scan,pandas,pandas_tuned")
    bp.add_argument("--repeat", type=int, default=3, help="runs of the DuckDB rankings model (median reported)")
    bp.add_argument("--threads", type=int, default=2)
    bp.add_argument("--memory-limit", default="1536MB")
    bp.set_defaults(func=cmd_bench)
    ap = sub.add_parser("add", help="add a report file (.txt, .docx, .pdf): copy it into data/raw/reports/ and "
                        "draft its registry row, figures and skips into data/raw/drafts/")
    ap.add_argument("file")
    ap.set_defaults(func=cmd_add)
    ev = sub.add_parser("extract-eval", help="draft quality per field and report: leave-one-report-out and held-out "
                   "(a benchmark, not a test)")
    ev.add_argument("--corpus", action="append", choices=["tunable", "leave_one_out", "dev", "dev_round1", "dev_round2", "dev_round3",
                                                        "dev_round4", "dev_round5", "dev_round6", "dev_round7",
                                                        "dev_round8", "dev_round9", "dev_round10", "dev_round11",
                                                        "held_out_round12", "held_out_round13"],
                    help="score only this corpus (repeatable); while developing, score `tunable` (leave-one-out and "
                    "every development corpus), never the held-out corpora")
    ev.set_defaults(func=cmd_extract_eval)
    sub.add_parser("fingerprint", help="hashes of the curated files and of every warehouse relation's rows "
                   "(to prove a change alters no output)").set_defaults(func=cmd_fingerprint)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except FileNotFoundError as exc:
        if "project root" not in str(exc):
            raise
        print(f"vnreports: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
