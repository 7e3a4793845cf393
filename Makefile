# Two commands: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install node migrate demo lint format bench bench-search clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# axe-core and the Nu Html Checker for the browser tests (tests/browser). Without npm the
# browser tests are skipped, except in CI (CI=true), where they fail.
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

node:
	@if [ -f package.json ] && command -v npm >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory $(NODE_STAMP); \
	else echo "npm not found: the browser tests will be skipped (in CI they fail)."; fi

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

# The background worker (scheduled publishing, e-mail) runs beside the web server; Ctrl-C
# stops both (and the worker goes too if the server stops on its own). The trap comes first,
# so a Ctrl-C while they start stops them too. tests/website/test_make_run.py proves it.
run: demo
	@export SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}"; worker=; server=; \
	trap 'kill $$worker $$server 2>/dev/null; wait' INT TERM EXIT; \
	$(BIN)/python manage.py run_worker & worker=$$!; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT) & server=$$!; \
	wait $$server

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# One pytest-xdist worker per core; the browser tests stay together on one of them.
PYTEST_WORKERS ?= auto

test: lint node
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Load test on 127.0.0.1 (gunicorn, production settings), with and without the page cache.
bench: install
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Search benchmark (issue 8): 5,000 pages in a throw-away database; set DATABASE_URL for PostgreSQL.
bench-search: install
	$(BIN)/python scripts/bench_search.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media .pytest_cache node_modules artifacts
