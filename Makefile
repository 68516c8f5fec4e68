# Two commands for a newcomer: `make run` (site with demo content) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help install run demo test lint format translations check bench

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/activate: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/activate

install: $(BIN)/activate ## Create the virtual environment and install the pinned packages

demo: install ## Migrate and load the demo content (safe to run again)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

run: demo ## Set up, load the demo content and serve http://127.0.0.1:8000
	@echo "Developer tools (the emails sent, the error pages): http://127.0.0.1:8000/__dev__/"
	$(MANAGE) runserver 127.0.0.1:8000

test: install ## Run the test suite (SQLite by default, PostgreSQL when DATABASE_URL is set)
	$(BIN)/pytest $(PYTEST_ARGS)

check: install ## Django checks, missing migrations and the linter, as CI runs them
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run --noinput
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint: install ## Lint the Python code
	$(BIN)/ruff check .

format: install ## Format the Python code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

translations: install ## Extract UI strings to locale/fr and compile the catalogue
	$(MANAGE) makemessages --locale fr --no-location --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'bench/*'
	$(MANAGE) compilemessages --locale fr --ignore '.venv/*'

bench: install ## Load-test the public pages (page cache off, on, through Varnish beside nginx), then the donation figures
	$(BIN)/python -m bench
	$(BIN)/python -m bench.donations
	$(BIN)/python -m bench.mecenat
	$(BIN)/python -m bench.search
