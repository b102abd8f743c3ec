# The two commands of the README: `make site` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA ?= data
FORMAT ?= text
STRICT ?=
LANG_PREVIEW ?= fr
PUBLISH ?=
BASE ?= HEAD

.PHONY: site test check serve changes schema stamp report bench booklet communes clean

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Validate the data, render both languages, build site/ (and the booklets).
## PUBLISH=1: refuse to build while the edition is a draft (README, "Draft and publication").
site: $(VENV)/.installed
	$(PY) -m generator build $(if $(PUBLISH),--publish)

## Set up, then run the whole test suite on freshly built output, one worker per core.
test: $(VENV)/.installed node_modules/.installed
	$(PY) -m ruff check generator tests bench
	$(PY) -m pytest -n auto --dist loadgroup

## A partner's edition of the booklet, with its contact block (PARTNER=<id in actors.yaml>).
booklet: $(VENV)/.installed
	$(PY) -m generator booklet --partner $(PARTNER)

## Regenerate data/communes.yaml from Etalab's découpage administratif (npm; the build never
## needs it). The version is pinned here and written into the file.
COMMUNES_PACKAGE := @etalab/decoupage-administratif@6.0.0
communes: $(VENV)/.installed
	rm -rf build/decoupage && mkdir -p build/decoupage
	cd build/decoupage && npm pack $(COMMUNES_PACKAGE) --silent >/dev/null && tar xzf *.tgz
	$(PY) -m generator communes build/decoupage/package

## Validate the data only (DATA=other/folder for a partner's draft; FORMAT=github for CI).
check: $(VENV)/.installed
	$(PY) -m generator --data $(DATA) check --format $(FORMAT) $(if $(STRICT),--strict)

## Local preview that rebuilds when data/, content/, overrides/ or templates change.
serve: $(VENV)/.installed
	$(PY) -m generator serve --lang $(LANG_PREVIEW)

## What readers will see change since BASE (a git ref; HEAD by default): pages, PDFs and
## translations made stale, as a Markdown report. Builds reused when their inputs match.
changes: $(VENV)/.installed
	$(PY) -m generator changes --base $(BASE)

## Record, next to each new translation, the French text it translates (a short hash).
stamp: $(VENV)/.installed
	$(PY) -m generator stamp

## Regenerate the JSON Schemas in schema/ (editors use them to flag mistakes while typing).
schema: $(VENV)/.installed
	$(PY) -m generator schema

## Contacts still to fill in and checks older than 12 months (Markdown, for CI summaries).
report: $(VENV)/.installed
	$(PY) -m generator --data $(DATA) report

bench: $(VENV)/.installed node_modules/.installed
	$(PY) bench/bench_build.py
	$(PY) bench/bench_print.py --runs 1
	$(PY) bench/bench_serve.py
	$(PY) -m generator build
	$(PY) bench/bench_weight.py
	$(PY) bench/bench_search.py
	$(PY) bench/bench_reading.py
	$(PY) bench/bench_lighthouse.py

clean:
	rm -rf build site livrets-partenaires
