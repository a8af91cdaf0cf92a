# Two commands on a fresh machine: `make run` (the main job on the bundled samples) and
# `make test` (the test suite). Both create .venv and install what is missing, Debian
# packages included (tesseract-ocr with Vietnamese, poppler-utils; `make test` also Debian's
# chromium, which the browser tests of `plans serve` drive with Playwright: never a download).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA ?= data/parquet
DEB_PACKAGES := tesseract-ocr tesseract-ocr-vie hunspell-vi poppler-utils fonts-dejavu-core libreoffice-writer-nogui libreoffice-calc-nogui
# headless Chromium renders the report in the tests only: `make run` does not install it
TEST_DEB_PACKAGES := chromium
STAMP := $(VENV)/.installed

.PHONY: run test test-all lint docs setup system-deps test-deps bench clean notebook

run: setup
	$(BIN)/plans ingest data/raw --out $(DATA) --jobs 2
	@echo
	@echo "== Comparison across communes (plans query) =="
	$(BIN)/plans query --data $(DATA) "$$(cat pipeline/query/sql/compare_communes.sql)"

test: setup test-deps
	$(BIN)/pytest -q

# JupyterLab (the `notebook` extra) on the analyst notebook; PLANS_DATA picks the dataset.
notebook: setup
	$(BIN)/python -m pip install -q -e ".[notebook]"
	PLANS_DATA=$${PLANS_DATA:-$(abspath $(DATA))} $(BIN)/jupyter lab notebooks/compare_communes.ipynb

lint: setup
	$(BIN)/ruff check models extract normalize pipeline tests bench
	$(BIN)/ruff format --check models extract normalize pipeline tests bench
	$(BIN)/mypy --strict models extract normalize pipeline

test-all: setup test-deps
	$(BIN)/pytest -q -m "slow or not slow"

bench: setup
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_ocr.py --speed-only --pages 8 --workers 1 2

setup: system-deps $(STAMP)

test-setup: setup test-system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,ocr,dask,bench]"
	touch $(STAMP)

test-deps:
	@$(MAKE) --no-print-directory system-deps DEB_PACKAGES="$(TEST_DEB_PACKAGES)"

system-deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# corrections.csv and learned_aliases.csv are an analyst's work, not output: kept.
clean:
	find $(DATA) -mindepth 1 -maxdepth 1 ! -name corrections.csv ! -name learned_aliases.csv \
	  ! -name README.md -exec rm -rf {} +
	rm -f report.html

# Regenerate the data dictionary section of README.md from models/ (a test checks it).
docs: setup
	$(BIN)/python -c "import re,subprocess,pathlib; p=pathlib.Path('README.md'); s=p.read_text(); g=subprocess.run(['$(BIN)/plans','schema','--markdown'],capture_output=True,text=True,check=True).stdout; p.write_text(re.sub(r'(<!-- BEGIN dictionary[^\n]*-->\n).*?(<!-- END dictionary -->)', lambda m: m.group(1)+g+m.group(2), s, flags=re.S))"
