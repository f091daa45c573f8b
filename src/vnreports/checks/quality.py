"""Data quality with Great Expectations: every suite in expectations/ runs through its checkpoint.

The GX project is `expectations/` (a file context: suites, validation definitions and
checkpoints are committed JSON; `uncommitted/` is not). Each suite's `meta` says what it
validates:

- `source`: `raw:figures` (the transcription CSVs, as text), `curated: <SQL>` (DuckDB over the
  curated Parquet, `{curated}` is the folder) or `warehouse: <SQL>` (the built warehouse, read-only);
- `keys`: the columns that identify an offending row in the summary;
- `severity`: `error` (a failure stops the build) or `warning` (problems in the reports
  themselves: reported, the build goes on). The error suites on the warehouse also run, as SQL,
  on the new warehouse before the build swaps it in (vnreports.checks.suites_sql).

GX 1.x cannot validate DuckDB through its SQL datasource, so every query result is handed to GX
as a pandas DataFrame (pandas datasource `frames`, one dataframe asset per suite). Value sets
that come from the warehouse (district codes …) are suite parameters (`$PARAMETER`).
"""

from __future__ import annotations

import csv
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

DATASOURCE = "frames"


@dataclass
class Failure:
    suite: str
    severity: str
    expectation: str
    kwargs: dict
    unexpected_count: int | None
    rows: list[dict]
    observed: object = None

    def render(self, limit: int = 8) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.kwargs.items() if k not in ("batch_id",))
        head = f"  [{self.suite}] {self.expectation}({args})"
        if self.unexpected_count is not None:
            head += f": {self.unexpected_count} offending row(s)"
        elif self.observed is not None:
            head += f": observed {self.observed!r}"
        lines = [head]
        for row in self.rows[:limit]:
            lines.append("      " + ", ".join(f"{k}={_show(v)}" for k, v in row.items()))
        if len(self.rows) > limit:
            lines.append(f"      … and {len(self.rows) - limit} more")
        return "\n".join(lines)


def _show(value: object) -> str:
    try:
        import pandas as pd

        if value is None or pd.isna(value):
            return "–"
    except (TypeError, ValueError):
        pass
    return str(value)


@dataclass
class Summary:
    expectations: int = 0
    suites: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    per_suite: list[dict] = field(default_factory=list)

    @property
    def errors(self) -> list[Failure]:
        return [f for f in self.failures if f.severity != "warning"]

    @property
    def warnings(self) -> list[Failure]:
        return [f for f in self.failures if f.severity == "warning"]

    def to_json(self) -> dict:
        return {"line": self.line(), "suites": self.per_suite,
                "failures": [{"suite": f.suite, "severity": f.severity, "expectation": f.expectation,
                              "column": f.kwargs.get("column"), "unexpected_count": f.unexpected_count}
                             for f in self.failures]}

    def line(self) -> str:
        return f"{self.expectations} expectations in {self.suites} suites: {len(self.errors)} failed"


def context(root: Path):
    import great_expectations as gx

    ctx = gx.get_context(mode="file", context_root_dir=str(root / "expectations"))
    return ctx


def ensure_checkpoints(ctx) -> None:
    """A dataframe asset, validation definition and checkpoint for every suite (idempotent)."""
    import great_expectations as gx

    try:
        ds = ctx.data_sources.get(DATASOURCE)
    except Exception:  # noqa: BLE001 - GX raises several kinds for "missing"
        ds = ctx.data_sources.add_pandas(DATASOURCE)
    for suite in ctx.suites.all():
        name = suite.name
        try:
            ctx.checkpoints.get(name)
            continue
        except Exception:  # noqa: BLE001
            pass
        asset = ds.add_dataframe_asset(name)
        batch = asset.add_batch_definition_whole_dataframe(name)
        vd = ctx.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
        ctx.checkpoints.add(gx.Checkpoint(
            name=name, validation_definitions=[vd],
            result_format={"result_format": "COMPLETE",
                           "unexpected_index_column_names": list(suite.meta.get("keys", []))},
        ))


def raw_figures_frame(root: Path):
    """All transcription rows as text (empty cells as missing), with their report file."""
    import pandas as pd

    rows = []
    for path in sorted((root / "data" / "raw" / "figures").glob("[!_]*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for r in csv.DictReader(fh):
                rows.append({"report_file": path.stem + ".txt", **{k: (v if v != "" else None) for k, v in r.items()}})
    return pd.DataFrame(rows, dtype=object)


def parameters(con) -> dict[str, list]:
    """The suite parameters' value sets, by the same queries the build's pre-swap checks use."""
    from vnreports.checks.suites_sql import PARAMETERS

    return {name: [r[0] for r in con.execute(sql).fetchall()] for name, sql in PARAMETERS.items()}


def load_frame(source: str, root: Path, warehouse_con):
    import duckdb

    kind, _, query = source.partition(":")
    kind, query = kind.strip(), query.strip()
    if kind == "raw" and query == "figures":
        return raw_figures_frame(root)
    if kind == "curated":
        with duckdb.connect() as con:
            return con.execute(query.replace("{curated}", str(root / "data" / "curated"))).df()
    if kind == "warehouse":
        return warehouse_con.execute(query).df()
    raise ValueError(f"unknown suite source '{source}'")


def run_suite(ctx, suite, frame, params: dict) -> tuple[int, list[Failure]]:
    """Validate one DataFrame against one suite through its checkpoint."""
    result = ctx.checkpoints.get(suite.name).run(
        batch_parameters={"dataframe": frame}, expectation_parameters=params
    )
    severity = suite.meta.get("severity", "error")
    failures, n = [], 0
    for run in result.run_results.values():
        for er in run.results:
            n += 1
            if er.success:
                continue
            res = er.result or {}
            rows = res.get("unexpected_index_list") or []
            rows = [{k: v for k, v in r.items()} for r in rows] if rows and isinstance(rows[0], dict) else []
            failures.append(Failure(
                suite.name, severity, er.expectation_config.type, dict(er.expectation_config.kwargs),
                res.get("unexpected_count"), rows, res.get("observed_value"),
            ))
    return n, failures


def validate(root: Path, docs_dir: Path | None = None, only: list[str] | None = None) -> Summary:
    """Run every suite (or `only`) on the built data; build Data Docs into docs_dir."""
    import duckdb

    started = time.perf_counter()
    ctx = context(root)
    summary = Summary(seconds={"import_and_context": time.perf_counter() - started})
    uncommitted = root / "expectations" / "uncommitted"
    for sub in ("validations", "data_docs"):
        shutil.rmtree(uncommitted / sub, ignore_errors=True)
    ensure_checkpoints(ctx)
    t = time.perf_counter()
    with duckdb.connect(str(root / "data" / "warehouse.duckdb"), read_only=True) as con:
        params = parameters(con)
        for suite in sorted(ctx.suites.all(), key=lambda s: s.name):
            if only and suite.name not in only:
                continue
            frame = load_frame(suite.meta["source"], root, con)
            n, failures = run_suite(ctx, suite, frame, params)
            summary.per_suite.append({"suite": suite.name, "severity": suite.meta.get("severity", "error"),
                                      "expectations": n, "failed": len(failures), "rows": int(len(frame))})
            summary.expectations += n
            summary.suites += 1
            summary.failures.extend(failures)
    summary.seconds["suites"] = time.perf_counter() - t
    if docs_dir is not None:
        t = time.perf_counter()
        ctx.build_data_docs()
        site = uncommitted / "data_docs" / "local_site"
        shutil.rmtree(docs_dir, ignore_errors=True)
        shutil.copytree(site, docs_dir)
        summary.seconds["data_docs"] = time.perf_counter() - t
    return summary
