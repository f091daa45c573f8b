# The Makefile is the DAG: raw inputs -> curated Parquet -> (warehouse, checks, report).
# `make test` and `make report` set everything up on a fresh clone.

PYTHON_BOOT ?= $(shell command -v python3.11 || command -v python3)
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)/src
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

.PHONY: help setup build curate validate test report lab sql query coverage extract dictionary clean lock bench

help:
	@echo "make report  - set up, build and write the report (build/report/)"
	@echo "make test    - set up, build and run the tests"
	@echo "make build   - set up, build the curated layer and the warehouse (data/warehouse.duckdb)"
	@echo "make validate - run the Great Expectations suites (Data Docs in build/data-docs)"
	@echo "make lab     - open the notebooks in JupyterLab"
	@echo "make bench   - SYNTHETIC national panel: duckdb vs polars vs pandas (docs/performance.md)"

$(STAMP): requirements.lock config/jupyterlab/overrides.json
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp config/jupyterlab/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

setup: $(STAMP)

$(CURATED): $(STAMP) $(RAW) $(SRC)
	$(PY) -m vnreports curate

$(WAREHOUSE): $(CURATED) $(SQL) $(SRC)
	$(PY) -m vnreports warehouse

# Great Expectations: every suite through its checkpoint; Data Docs into the report folder.
$(VALIDATED): $(WAREHOUSE) $(GX) $(RAW)
	$(PY) -m vnreports validate --docs build/data-docs

# The report: notebooks executed headless into offline HTML (no CDN), with the data dictionary
# and the Data Docs. A second `make report` with nothing changed does nothing.
$(REPORT): $(VALIDATED) $(WAREHOUSE) $(NOTEBOOKS) $(SRC)
	$(PY) -m vnreports report

curate: $(CURATED)
build: $(WAREHOUSE)
validate: $(VALIDATED)

# The report (notebooks) does not exist yet: for now it stops after the build.
report: $(REPORT)
	@echo "Báo cáo / report: $(REPORT)"

# Ad-hoc SQL, read-only: `make sql`, `make query Q="SELECT …"` or `make query FILE=sql/queries/x.sql`,
# FORMAT=csv|json, VARS="name=value …" for getvariable('name') in saved queries.
# They query the warehouse as it is (built first only when missing): `make build` refreshes it.
sql: $(if $(wildcard $(WAREHOUSE)),,$(WAREHOUSE))
	@$(PY) -m vnreports sql

query: $(if $(wildcard $(WAREHOUSE)),,$(WAREHOUSE))
	@$(PY) -m vnreports query $(if $(FILE),--file "$(FILE)",--sql-env Q) $(if $(FORMAT),--format $(FORMAT)) \
	    $(foreach v,$(VARS),--var "$(v)")

# Draft transcription of a new report: make extract FILE=path/to/report.docx OUT=draft.csv
extract: $(STAMP)
	@test -n "$(FILE)" -a -n "$(OUT)" || { echo "usage: make extract FILE=report.txt|.docx|.pdf OUT=draft.csv"; exit 2; }
	@$(PY) -m vnreports extract "$(FILE)" --out "$(OUT)"

coverage: $(STAMP)
	@$(PY) -m vnreports coverage

dictionary: $(WAREHOUSE)
	$(PY) -m vnreports dictionary

# JupyterLab on the notebooks (jupytext opens the .py files as notebooks), project kernel.
lab: $(WAREHOUSE)
	VNREPORTS_ROOT=$(CURDIR) $(VENV)/bin/jupyter lab --notebook-dir=notebooks $(LAB_ARGS) \
	    $(if $(filter 0,$(shell id -u)),--allow-root)

test: $(STAMP) build validate $(REPORT)
	$(PY) -m pytest -q

# Performance at national scale on a SYNTHETIC panel (build/bench/, never data/): the SQL models
# with DuckDB, the same computations with polars and pandas, checked equal. Not part of `make test`.
# BENCH_ARGS for options, e.g. BENCH_ARGS="--shape small" or "--engines duckdb,polars".
bench: $(STAMP)
	$(PY) -m vnreports bench $(BENCH_ARGS)

lock:
	rm -rf .venv-lock && $(PYTHON_BOOT) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	(echo "# Fully pinned dependencies (pip freeze of a Python 3.11 venv). Regenerate with \`make lock\`."; \
	 .venv-lock/bin/pip freeze) > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf data/curated/*.parquet data/curated/manifest.json data/curated/.staging build .pytest_cache
	rm -f data/warehouse.duckdb data/warehouse.duckdb.tmp-*
