# Set-up and everyday commands. `make demo` and `make test` are the only set-up a fresh
# machine needs (Python 3.11); both create or update .venv themselves.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CHROMIUM ?= /usr/bin/chromium

.PHONY: install dev demo test test-fast lint format bench bench-quick bench-crawl bench-distributed eval eval-real browser redis sqlite-shell clean

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

# redis-server for the distributed-crawl tests, from Debian (the tests start their own).
REDIS_SERVER ?= /usr/bin/redis-server
redis:
	@test -x $(REDIS_SERVER) || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server >/dev/null; }

# Debian's stock sqlite3 shell: the tests open the archive with it, as a researcher would.
sqlite-shell:
	@command -v sqlite3 >/dev/null || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq sqlite3 >/dev/null; }

demo: install
	$(PY) -m sample.demo --db archive.db

test: dev browser sqlite-shell redis
	$(PY) -m pytest -q

test-fast: dev redis
	$(PY) -m pytest -q -m "not slow and not browser"

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Full size: 100,000 pages through dedup, 200,000 articles searched (about 40 minutes).
bench: dev browser redis
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# The same benchmarks at a size that runs in a few minutes.
bench-quick: dev browser redis
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script --n 5000 || exit 1; done

# Crawl throughput: ours beside plain trafilatura and a plain Scrapy spider, 2,000 then 10,000
# articles of a generated portal served on 127.0.0.1 (about 15 minutes on 2 cores).
bench-crawl: dev
	$(PY) benchmarks/bench_crawl.py --n 2000
	$(PY) benchmarks/bench_crawl.py --n 10000
# Distributed crawl: 1, 2 and 4 local workers with one ingest, the ingest's own ceiling.
bench-distributed: dev redis
	$(PY) benchmarks/bench_distributed.py

eval: dev
	$(PY) benchmarks/eval_extraction.py

# Ours beside plain trafilatura on public sets of real saved pages, kept outside the repository:
# benchmarks/realworld_sets.py writes them into DIR from clones of their repositories.
eval-real: dev
	@test -n "$(DIR)" || { echo "usage: make eval-real DIR=/tmp/realpages"; exit 2; }
	$(PY) benchmarks/eval_realworld.py $(DIR)

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
