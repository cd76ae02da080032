# Mentora: `make run` serves the demo, `make test` runs every check. Both set themselves up.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The first interpreter that really runs and is Python 3.12 or newer (pyenv shims can exist
# without working, so each candidate is executed, not just looked up).
PYTHON ?=
FIND_PYTHON := for p in $(PYTHON) python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) python3; do \
	if "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo "$$p"; break; fi; done

export DJANGO_SETTINGS_MODULE := mentora.settings

.PHONY: run setup venv lock test lint typecheck migrations-check deploy-check pytest clean worker

$(STAMP): requirements.lock pyproject.toml
	@py="$$($(FIND_PYTHON))"; \
	if [ -z "$$py" ]; then \
		echo "Mentora needs Python 3.12 or newer: install python3.13 or python3.12, or run 'make PYTHON=/path/to/python3.12'." >&2; \
		exit 1; \
	fi; \
	echo "Using $$py ($$($$py --version))"; \
	[ -x $(BIN)/python ] || "$$py" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

setup: venv
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py seed_demo

run: setup
	@echo "Starting the background worker, the daily jobs and the server on http://127.0.0.1:8000 (Ctrl-C stops them all)"
	@trap 'kill 0' EXIT INT TERM; \
	$(BIN)/python manage.py db_worker --queue-name '*' >var/worker.log 2>&1 & \
	$(BIN)/python manage.py run_daily_tasks --loop >var/daily.log 2>&1 & \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: venv
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: venv
	$(BIN)/mypy mentora bench tests conftest.py manage.py

migrations-check: venv
	$(BIN)/python manage.py makemigrations --check --dry-run

# The settings a production deployment would use, checked with Django's deployment checklist.
deploy-check: venv
	DEBUG=false SECRET_KEY="deploy-check-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" \
	ALLOWED_HOSTS=mentora.example.org DATABASE_URL=sqlite:///var/deploy-check.sqlite3 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

pytest: venv
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test: venv lint typecheck migrations-check deploy-check pytest

# Re-pin the whole dependency tree after editing pyproject.toml.
lock: venv
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.12 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) var/*.sqlite3*
