# Two entry points, both starting from a machine with only Python, pip and make:
#   make demo   set up, then parse and check the bundled example reports
#   make test   set up, then lint, type-check, test (docs build included), smoke-run benchmarks,
#               build the wheel and sdist and install each in a fresh venv
#   make fuzz   the hostile-input fuzz tests at 2,000 mutated files per format (several minutes)
#   make golden rewrite tests/golden/ from the current code (review the diff like code)
#   make mutate mutation testing of the core with mutmut, every mutant (hours on 2 cores);
#               `make test` runs a fixed sample (tools/mutation.py, [tool.govreport.mutation])
#   make bench-ocr  OCR accuracy per dpi and pages/s per core on 42 scanned pages (several minutes)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_STAMP := $(VENV)/.demo-stamp

.PHONY: demo test setup examples schema fuzz golden package docs mutate bench-ocr

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The demo needs govreport alone (the bundled examples are text), not the dev toolchain.
$(DEMO_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(DEMO_STAMP)

demo: $(DEMO_STAMP)
	@echo "== govreport check examples/*.txt"
	@$(BIN)/govreport check examples/*.txt; status=$$?; test $$status -le 1
	@echo
	@echo "== govreport parse --cells examples/2022-v2021-damaged.txt (first 3 of 200 cells)"
	@$(BIN)/govreport parse --cells examples/2022-v2021-damaged.txt | head -n 3

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples tools
	$(BIN)/ruff format --check src tests benchmarks examples tools
	$(BIN)/mypy
	$(BIN)/pytest
	$(BIN)/python tools/mutation.py sample
	$(BIN)/pytest benchmarks --benchmark-disable -q
	$(MAKE) package

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/hostile/test_fuzz.py -q --durations=4

# The docs are built (strictly) by tests/test_docs_site.py; this target is for reading them.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict -d $(VENV)/site

# Wheel and sdist, checked by twine, each installed into a fresh venv and run once.
package: $(STAMP)
	rm -rf $(VENV)/dist $(VENV)/pkg-wheel $(VENV)/pkg-sdist
	$(BIN)/python -m build --outdir $(VENV)/dist .
	$(BIN)/python -m twine check --strict $(VENV)/dist/*
	for kind in wheel sdist; do \
		$(PYTHON) -m venv $(VENV)/pkg-$$kind && \
		case $$kind in wheel) file=$$(ls $(VENV)/dist/*.whl);; sdist) file=$$(ls $(VENV)/dist/*.tar.gz);; esac && \
		$(VENV)/pkg-$$kind/bin/python -m pip install --quiet "$$file" && \
		$(VENV)/pkg-$$kind/bin/govreport check examples/2020-v2019-clean.txt > /dev/null || exit 1; \
	done
mutate: $(STAMP)
	$(BIN)/python tools/mutation.py all

golden: $(STAMP)
	GOVREPORT_UPDATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py -q

bench-ocr: $(STAMP)
	nice -n 5 $(BIN)/python benchmarks/bench_ocr.py --reports 14 --dpi 300 200 150

examples: $(STAMP)
	$(BIN)/python examples/generate.py

schema: $(STAMP)
	$(BIN)/govreport schema > docs/reference/report.schema.json
