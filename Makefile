# Two commands for a newcomer: `make run` and `make test`. Both build .venv from
# pyproject.toml when it is missing or older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrations-check deploy-check messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py demodata
	DEBUG=true MFA_REQUIRED_FOR_EDITORS=false $(BIN)/python manage.py runserver $(HOST):$(PORT)

# SQLite by default; PostgreSQL when DATABASE_URL=postgres://… is set.
test: $(STAMP)
	DEBUG=true $(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(STAMP)
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

# The production configuration as a server would have it, checked by Django's deploy checks.
deploy-check: $(STAMP)
	DEBUG=false SECRET_KEY=deploy-check-$$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n') \
	ALLOWED_HOSTS=ontmoetingsplekken.example \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Needs GNU gettext; the compiled .mo files are committed, so only translators need this.
messages: $(STAMP)
	DEBUG=true $(BIN)/python manage.py makemessages --locale en --ignore '.venv/*'
	DEBUG=true $(BIN)/python manage.py compilemessages --locale en

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
