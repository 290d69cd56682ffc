# Set-up and everyday commands. `make demo` and `make test` are the only set-up a fresh
# machine needs (Python 3.11); both create or update .venv themselves.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CHROMIUM ?= /usr/bin/chromium

.PHONY: install dev demo test test-fast lint format bench bench-quick eval browser sqlite-shell clean

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e '.[dev]'
	touch $@

# Headless Chromium for the browser tests, from Debian (never a browser download).
browser:
	@test -x $(CHROMIUM) || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }

# Debian's stock sqlite3 shell: the tests open the archive with it, as a researcher would.
sqlite-shell:
	@command -v sqlite3 >/dev/null || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq sqlite3 >/dev/null; }

demo: install
	$(PY) -m sample.demo --db archive.db

test: dev browser sqlite-shell
	$(PY) -m pytest -q

test-fast: dev
	$(PY) -m pytest -q -m "not slow and not browser"

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Full size: 100,000 pages through dedup, 200,000 articles searched (about 40 minutes).
bench: dev browser
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# The same benchmarks at a size that runs in a few minutes.
bench-quick: dev browser
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script --n 5000 || exit 1; done

eval: dev
	$(PY) benchmarks/eval_extraction.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
