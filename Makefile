# Everything runs in .venv, created on first use. make practice installs only what
# practising needs (requirements.txt); every other target adds the repository's own tools
# (requirements-dev.txt). Both sets are pinned.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
PRACTICE_STAMP := $(VENV)/.practice
STAMP := $(VENV)/.installed
KATAS := $(sort $(notdir $(patsubst %/kata.toml,%,$(wildcard katas/*/kata.toml))))
ACCEPTANCE := $(addprefix tests/,$(KATAS)) $(wildcard tests/interview)
CONFORMANCE := $(wildcard tests/conformance)
SOLUTION_UNITS := $(wildcard tests/solutions)
COVERAGE_TARGET := 98
HARNESS_COVERAGE_TARGET := 95

WRONG := $(wildcard tests/wrong/*)
SUITE ?= steps

.PHONY: help test lint typecheck check wrong verify unit practice tools mutation bench clean

help:
	@echo "make practice KATA=<kata> [STEP=N] [IMPL=katas|solutions|PATH]  run a kata's acceptance tests, step by step"
	@echo "make test                     the repository's own check (lint, types, two-sided check, coverage, unit tests)"
	@echo "make tools                    install the tools of make test (mypy, ruff, ...) without running it"
	@echo "make mutation KATA=<kata> [SUITE=interview] [MODULE=stores/x.py ...]  mutation score of the kata's step (or interview) suite, over the whole reference or the named modules of it"
	@echo "make wrong [KATA=<kata>]      the corpus of wrong implementations: every one must be caught"
	@echo "make verify [KATA=<kata>]     dojo verify proven two-sided: the reference agrees, marked wrong ones disagree"
	@echo "make bench                    benchmarks of the reference solutions"
	@echo "katas: $(KATAS)"

$(PRACTICE_STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	$(PIP) --no-deps -e .
	@touch $@

$(STAMP): $(PRACTICE_STAMP) requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	@touch $@

tools: $(STAMP)

test: lint typecheck check wrong verify unit

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP)
	cd katas && ../$(PY) -m mypy --config-file ../pyproject.toml --cache-dir ../.mypy_cache/katas $(KATAS)
	cd solutions && ../$(PY) -m mypy --config-file ../pyproject.toml --cache-dir ../.mypy_cache/solutions $(KATAS)
	MYPYPATH=solutions $(PY) -m mypy --cache-dir .mypy_cache/tests harness dojo tests benchmarks
	MYPYPATH=katas $(PY) -m mypy --cache-dir .mypy_cache/tests-on-katas $(ACCEPTANCE)

check: $(STAMP)
	$(PY) -m harness.check --cov-fail-under=$(COVERAGE_TARGET)

wrong: $(STAMP)
	$(if $(WRONG),$(PY) -m harness.wrong $(KATA),@echo "no corpus of wrong implementations yet (tests/wrong/)")

# dojo verify against the reference, then against each tests/wrong entry marked verify = "CHECK".
verify: $(STAMP)
	$(PY) -m dojo.verify.proof $(KATA)

# Across the cores (pytest-xdist; a worker takes more tests as it finishes its own), the
# workers' coverage combined into one report and one gate.
unit: $(STAMP)
	$(PY) -m pytest tests/harness tests/docs tests/dojo tests/dojo_team tests/dojo_interview tests/dojo_verify \
		$(CONFORMANCE) $(SOLUTION_UNITS) --impl solutions -n auto --dist worksteal \
		-p no:cacheprovider --cov=harness --cov=dojo --cov-branch \
		--cov-report=term-missing:skip-covered \
		--cov-fail-under=$(HARNESS_COVERAGE_TARGET)

# Status 0 when the tests ran, passing or not (the summary says which); otherwise make's 2,
# after dojo's one line (an unknown kata, step or implementation) and make's own line,
# which names dojo's status (Error 2, or Error 130 for Ctrl-C).
practice: $(PRACTICE_STAMP)
	@test -n "$(KATA)" || { echo "usage: make practice KATA=<kata> [STEP=N]; katas: $(KATAS)"; exit 2; }
	@$(VENV)/bin/dojo test $(KATA) $(if $(STEP),--step $(STEP)) $(if $(IMPL),--impl $(IMPL)) \
		|| { status=$$?; test $$status -eq 1 || exit $$status; }

mutation: $(STAMP)
	@test -n "$(KATA)" || { echo "usage: make mutation KATA=<kata>; katas: $(KATAS)"; exit 2; }
	$(PY) -m harness.mutation $(KATA) --suite $(SUITE) $(foreach module,$(MODULE),--module $(module))

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf build mutants .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage .coverage.*
