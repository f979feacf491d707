# Wijkavond: `make run` serves the demo, `make test` runs every check. Both set up what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python >= 3.12 (Django 6): pyenv's 3.13 through .python-version, else whatever is new enough.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)
# pytest on three processes (pytest-xdist; each has its own test database and Chromium): the
# browser tests mostly wait, so three beat two on two cores. A worker that runs out of tests
# takes some of another's (worksteal). PYTEST_ARGS="-n0" runs them all in one process.
PYTEST_XDIST ?= -n 3 --dist worksteal

.PHONY: help setup run test test-fast lint messages bench bench-avond screenshots clean

help:
	@echo "make run    - set up and serve the demo at http://127.0.0.1:8000"
	@echo "make test   - lint, migration and translation checks, all tests (SQLite, or DATABASE_URL)"
	@echo "make bench  - throughput of the live pages next to a bare hello view (gunicorn x2),"
	@echo "              then the follow-up report's build and renderers on a large evening"
	@echo "make bench-avond - how many whole evenings at once one server carries (SQLite and"
	@echo "              PostgreSQL), then two app hosts behind nginx (about an hour)"
	@echo "make messages - update locale/nl after changing user-visible text"
	@echo "make screenshots - the main screens at 360 and 1920 px into docs/screenshots/ (README)"

$(VENV)/.installed: requirements.lock
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 not found (try: pyenv install 3.13)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

setup: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv -v0 || echo "gettext is missing: using the committed .mo files"
	$(MANAGE) migrate --noinput -v0

run: setup
	$(MANAGE) demo
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

test: setup lint
	@test -n "$(CHROMIUM)" || { echo "Chromium is missing: apt-get install -y chromium"; exit 1; }
	$(MANAGE) makemigrations --check --dry-run -v1
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -q $(PYTEST_XDIST) $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -q -m "not browser" $(PYTEST_XDIST) $(PYTEST_ARGS)

messages: $(VENV)/.installed
	$(MANAGE) makemessages -l nl --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=data
	$(MANAGE) compilemessages --ignore=.venv -v0

bench: setup
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(PY) -m bench.run
	$(PY) bench/rotatie.py
	$(PY) bench/verslag.py

# The load generator lives in a venv of its own: the app never imports it.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: bench/requirements-avond.lock
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 not found (try: pyenv install 3.13)"; exit 1; }
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --require-hashes -r bench/requirements-avond.lock
	touch $@

bench-avond: setup $(BENCH_VENV)/.installed
	@command -v wrk >/dev/null 2>&1 && command -v nginx >/dev/null 2>&1 || { apt-get update -qq \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null; }
	.ci/postgres
	$(PY) -m bench.avond
	BENCH_DB=postgres BENCH_AVOND_TWEE_HOSTS=1 $(PY) -m bench.avond

# The demo in a throwaway database, served on a free port, photographed in the system's Chromium.
screenshots: setup
	@test -n "$(CHROMIUM)" || { echo "Chromium is missing: apt-get install -y chromium"; exit 1; }
	CHROMIUM=$(CHROMIUM) $(PY) docs/screenshots.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) staticfiles data/test-*
