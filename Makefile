# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: run test ci bench lint format messages worker beat vendor clean

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

venv: $(VENV)/.installed

## make run: create the environment, migrate SQLite, load reference and demo data, serve
run: venv
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	@echo "Serving on http://127.0.0.1:8000 — log in with one of the accounts above."
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

## make test: the whole suite
test: venv
	$(BIN)/pytest

## make ci: what CI runs (as root on Debian): install/start PostgreSQL and Redis, then make test
ci:
	CI=true bash .ci/run

## make bench: speed and memory figures (printed, not asserted)
bench: venv
	$(PY) -m bench

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make messages: update and compile the Dutch catalogues (needs gettext)
# Each app keeps its own catalogue in <app>/locale; templates/ and config/ use locale/.
APPS := accounts regions qualifications experiments pathways rules submissions ooapi portal
messages: venv
	$(BIN)/django-admin makemessages -l nl $(foreach d,.venv static tests bench $(APPS),-i '$(d)/*')
	for app in $(APPS); do [ -d $$app/locale ] && (cd $$app && ../$(BIN)/django-admin makemessages -l nl) || true; done
	$(BIN)/django-admin compilemessages -i .venv

worker: venv
	$(BIN)/celery -A config worker --loglevel=INFO

beat: venv
	$(BIN)/celery -A config beat --loglevel=INFO

## make lock: refresh requirements.lock from pyproject.toml
lock:
	uv pip compile pyproject.toml --extra dev --extra bench --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
