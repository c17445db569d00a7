# Everything runs in .venv, created on first use from the pinned requirements-dev.txt.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KATAS := $(sort $(notdir $(patsubst %/kata.toml,%,$(wildcard katas/*/kata.toml))))
ACCEPTANCE := $(addprefix tests/,$(KATAS))
CONFORMANCE := $(wildcard tests/conformance)
SOLUTION_UNITS := $(wildcard tests/solutions)
COVERAGE_TARGET := 98
HARNESS_COVERAGE_TARGET := 95

WRONG := $(wildcard tests/wrong/*)
SUITE ?= steps

.PHONY: help test lint typecheck check wrong unit practice mutation bench clean

help:
	@echo "make practice KATA=<kata> [STEP=N] [IMPL=katas|solutions|PATH]  run a kata's acceptance tests, step by step"
	@echo "make test                     the repository's own check (lint, types, two-sided check, coverage, unit tests)"
	@echo "make mutation KATA=<kata> [SUITE=interview]  mutation score of the kata's step (or interview) suite"
	@echo "make wrong [KATA=<kata>]      the corpus of wrong implementations: every one must be caught"
	@echo "make bench                    benchmarks of the reference solutions"
	@echo "katas: $(KATAS)"

$(STAMP): requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

test: lint typecheck check wrong unit

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP)
	cd katas && ../$(PY) -m mypy --config-file ../pyproject.toml --cache-dir ../.mypy_cache/katas $(KATAS)
	cd solutions && ../$(PY) -m mypy --config-file ../pyproject.toml --cache-dir ../.mypy_cache/solutions $(KATAS)
	MYPYPATH=solutions $(PY) -m mypy --cache-dir .mypy_cache/tests harness dojo tests benchmarks
	MYPYPATH=katas $(PY) -m mypy --cache-dir .mypy_cache/tests-on-katas $(ACCEPTANCE)

# --report-untraced: the spec citations are being added kata by kata; the gate closes when all are in.
check: $(STAMP)
	$(PY) -m harness.check --cov-fail-under=$(COVERAGE_TARGET) --report-untraced

wrong: $(STAMP)
	$(if $(WRONG),$(PY) -m harness.wrong $(KATA),@echo "no corpus of wrong implementations yet (tests/wrong/)")

unit: $(STAMP)
	$(PY) -m pytest tests/harness tests/docs tests/dojo tests/dojo_team $(CONFORMANCE) $(SOLUTION_UNITS) --impl solutions \
		-p no:cacheprovider --cov=harness --cov=dojo --cov-branch \
		--cov-report=term-missing:skip-covered \
		--cov-fail-under=$(HARNESS_COVERAGE_TARGET)

practice: $(STAMP)
	@test -n "$(KATA)" || { echo "usage: make practice KATA=<kata> [STEP=N]; katas: $(KATAS)"; exit 2; }
	@$(VENV)/bin/dojo test $(KATA) $(if $(STEP),--step $(STEP)) $(if $(IMPL),--impl $(IMPL)) || test $$? -eq 1

mutation: $(STAMP)
	@test -n "$(KATA)" || { echo "usage: make mutation KATA=<kata>; katas: $(KATAS)"; exit 2; }
	$(PY) -m harness.mutation $(KATA) --suite $(SUITE)

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf build mutants .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage .coverage.*
