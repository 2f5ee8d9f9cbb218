# Two entry points, both starting from a machine with only Python, pip and make:
#   make demo   set up, then parse and check the bundled example reports
#   make test   set up, then lint, type-check, test, smoke-run benchmarks, build the docs
#   make fuzz   the hostile-input fuzz tests at 2,000 mutated files per format (several minutes)
#   make golden rewrite tests/golden/ from the current code (review the diff like code)
#   make bench-ocr  OCR accuracy per dpi and pages/s per core on 42 scanned pages (several minutes)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test setup examples schema fuzz golden bench-ocr

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	@echo "== govreport check examples/*.txt"
	@$(BIN)/govreport check examples/*.txt; status=$$?; test $$status -le 1
	@echo
	@echo "== govreport parse --cells examples/2022-v2021-damaged.txt (first 3 of 200 cells)"
	@$(BIN)/govreport parse --cells examples/2022-v2021-damaged.txt | head -n 3

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/mypy
	$(BIN)/pytest
	$(BIN)/pytest benchmarks --benchmark-disable -q
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict -d $(VENV)/site

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/hostile/test_fuzz.py -q --durations=4

golden: $(STAMP)
	GOVREPORT_UPDATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py -q

bench-ocr: $(STAMP)
	nice -n 5 $(BIN)/python benchmarks/bench_ocr.py --reports 14 --dpi 300 200 150

examples: $(STAMP)
	$(BIN)/python examples/generate.py

schema: $(STAMP)
	$(BIN)/govreport schema > docs/reference/report.schema.json
