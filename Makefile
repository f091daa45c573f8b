# The Makefile is the DAG: raw inputs -> curated Parquet -> warehouse -> checks -> report / SQL.
# `make test` and `make report` set everything up on a fresh clone. `make help` lists every target:
# a `## ` comment line right above a target is its help text.

.DEFAULT_GOAL := help
PYTHON_BOOT ?= $(shell command -v python3.11 || command -v python3)
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
export GX_ANALYTICS_ENABLED := False
export PLOOMBER_STATS_ENABLED := false
export PLOOMBER_VERSION_CHECK_DISABLED := true

RAW     := $(shell find data/raw -type f -not -name '*.md' | LC_ALL=C sort)
SRC     := $(shell find src -name '*.py' | LC_ALL=C sort)
SQL     := $(shell find sql -path sql/queries -prune -o \( -name '*.sql' -o -name '*.csv' \) -print | LC_ALL=C sort)
CURATED := data/curated/manifest.json
WAREHOUSE := data/warehouse.duckdb
GX      := $(shell find expectations -name '*.json' -o -name '*.yml' | grep -v uncommitted | LC_ALL=C sort)
VALIDATED := build/data-docs/index.html
NOTEBOOKS := $(wildcard notebooks/*.py)
REPORT  := build/report/index.html
EXPORT  := build/export/so_lieu_lang_son.xlsx

.PHONY: add extract-eval help setup build curate validate test report lab sql query coverage extract review import export dictionary clean lock bench lint

## List every target with what it does
help:
	@awk '/^## /{h=substr($$0,4); next} /^[a-zA-Z_-]+:/{if(h!=""){split($$0,a,":"); printf "  make %-12s %s\n", a[1], h}; h=""; next} {h=""}' $(MAKEFILE_LIST)

# The venv: every dependency from the lock, then the package itself (editable, no deps) so that
# `.venv/bin/vnreports` and `python -m vnreports` work from any folder.
$(STAMP): requirements.lock pyproject.toml config/jupyterlab/overrides.json
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp config/jupyterlab/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

## Create .venv from requirements.lock and install the package
setup: $(STAMP)

$(CURATED): $(STAMP) $(RAW) $(SRC)
	$(PY) -m vnreports curate

# The error GX suites on the warehouse run (as SQL) before the swap: a suite change rebuilds it.
$(WAREHOUSE): $(CURATED) $(SQL) $(SRC) $(GX)
	$(PY) -m vnreports warehouse

# Great Expectations: every suite through its checkpoint; Data Docs into the report folder.
$(VALIDATED): $(WAREHOUSE) $(GX) $(RAW)
	$(PY) -m vnreports validate --docs build/data-docs

# The report: notebooks executed headless into offline HTML (no CDN), with the data dictionary
# and the Data Docs. A second `make report` with nothing changed does nothing.
$(REPORT): $(VALIDATED) $(WAREHOUSE) $(NOTEBOOKS) $(SRC)
	$(PY) -m vnreports report

## Check the raw layer and write the curated Parquet (data/curated/)
curate: $(CURATED)
## Build the curated layer and the warehouse (data/warehouse.duckdb)
build: $(WAREHOUSE)
## Run the Great Expectations suites (Data Docs in build/data-docs)
validate: $(VALIDATED)

## Set up, build, check and write the report (build/report/)
report: $(REPORT)
	@echo "Báo cáo / report: $(REPORT)"

# Excel and Parquet for analysts: one sheet per view and the data dictionary (Vietnamese headers and formats).
$(EXPORT): $(WAREHOUSE) $(SRC)
	$(PY) -m vnreports export

## Write build/export/so_lieu_lang_son.xlsx (a sheet per view, data dictionary) and the views as Parquet
export: $(EXPORT)

# Ad-hoc SQL, read-only. They query the warehouse as it is (built first only when missing):
# `make build` refreshes it.
## Interactive read-only SQL shell on the warehouse
sql: $(if $(wildcard $(WAREHOUSE)),,$(WAREHOUSE))
	@$(PY) -m vnreports sql

# VARS, like Q, reaches the command through the environment, whole: a value runs up to the next
# " name=", so it may hold spaces (VARS="district=Chi Lăng as_of=2024-09-13").
## One read-only query: Q="SELECT …" or FILE=sql/queries/x.sql, FORMAT=csv|json|xlsx (OUT=file.xlsx), VARS="name=value"
query: $(if $(wildcard $(WAREHOUSE)),,$(WAREHOUSE))
	@$(PY) -m vnreports query $(if $(FILE),--file "$(FILE)",--sql-env Q) $(if $(FORMAT),--format $(FORMAT)) \
	    $(if $(OUT),--out "$(OUT)") $(if $(VARS),--vars-env VARS)

## Add a new report: FILE=report.txt|.docx|.pdf → data/raw/reports/ + drafts the build accepts
add: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make add FILE=path/to/report.txt|.docx|.pdf"; exit 2; }
	@$(PY) -m vnreports add "$(FILE)"

## Draft a transcription of a report: FILE=report.txt|.docx|.pdf OUT=draft.csv
extract: $(STAMP)
	@test -n "$(FILE)" -a -n "$(OUT)" || { echo "usage: make extract FILE=report.txt|.docx|.pdf OUT=draft.csv"; exit 2; }
	@$(PY) -m vnreports extract "$(FILE)" --out "$(OUT)"

## Draft quality (benchmark): leave-one-report-out on the five, and the held-out corpus (docs/extraction.md)
extract-eval: $(STAMP)
	$(PY) -m vnreports extract-eval

# Review in a spreadsheet: `make review` writes the workbook, the analyst edits it in Excel or
# LibreOffice Calc, `make import` checks it with the build's rules and writes data/raw (then `make build`).
## Review workbook of a report: FILE=data/raw/reports/<report> → build/review/<report>.xlsx
review: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make review FILE=data/raw/reports/<report>"; exit 2; }
	@$(PY) -m vnreports review "$(FILE)"

## Read a reviewed workbook back into data/raw (checked like the build; all or nothing): FILE=<workbook>.xlsx
import: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make import FILE=build/review/<report>.xlsx"; exit 2; }
	@$(PY) -m vnreports import "$(FILE)"

## Per report: numeric mentions transcribed or skipped with a reason
coverage: $(STAMP)
	@$(PY) -m vnreports coverage

## Rewrite docs/data_dictionary.md from the warehouse's comments
dictionary: $(WAREHOUSE)
	$(PY) -m vnreports dictionary

## Open the notebooks in JupyterLab (Vietnamese UI; the .py files open as notebooks)
lab: $(WAREHOUSE)
	VNREPORTS_ROOT=$(CURDIR) $(VENV)/bin/jupyter lab --notebook-dir=notebooks $(LAB_ARGS) \
	    $(if $(filter 0,$(shell id -u)),--allow-root)

## Lint the SQL models (sqlfluff, DuckDB dialect; rules in .sqlfluff)
lint: $(STAMP)
	$(VENV)/bin/sqlfluff lint sql

## Set up, build, check, lint, write the report and run the tests
test: $(STAMP) lint build validate $(REPORT)
	$(PY) -m pytest -q

# Not part of `make test`. BENCH_ARGS for options, e.g. BENCH_ARGS="--shape small" or "--engines duckdb,polars".
## SYNTHETIC national panel: the SQL models on DuckDB vs polars and pandas (docs/performance.md)
bench: $(STAMP)
	$(PY) -m vnreports bench $(BENCH_ARGS)

## Re-pin requirements.lock from requirements.in (upgrades everything)
lock:
	rm -rf .venv-lock && $(PYTHON_BOOT) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	(echo "# Fully pinned dependencies (pip freeze of a Python 3.11 venv). Regenerate with \`make lock\`."; \
	 .venv-lock/bin/pip freeze --exclude-editable) > requirements.lock
	rm -rf .venv-lock

## Remove what the build wrote (curated layer, warehouse, build/)
clean:
	rm -rf data/curated/*.parquet data/curated/manifest.json data/curated/.staging build .pytest_cache
	rm -f data/warehouse.duckdb data/warehouse.duckdb.tmp-*
