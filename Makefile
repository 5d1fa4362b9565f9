# Två kommandon räcker på en ny maskin med Python 3.11:
#   make run   – skapar .venv vid behov, installerar, validerar och bygger exempelkommunen
#   make test  – samma förberedelser, sedan ruff, mypy och alla tester
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest schema docs bench bilder clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# ska is installed as systematiskt-kvalitetsarbete; an install from before that name is
# removed first. setuptools tells about every editable install of a package with a mapped
# folder (templates/ is installed as ska.templates) in a warning with nothing to act on.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	@if $(BIN)/python -m pip show --quiet ska >/dev/null 2>&1; then \
		$(BIN)/python -m pip uninstall --quiet --yes ska; fi
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The example municipality is judged on today's date, as a kommun's own repository is. It
# shows a realistic autumn 2026: one unit's utvecklingsplan is missing (so validate finds
# an error and exits 1, which make shows and ignores) and one came in late.
run: $(STAMP)
	-$(BIN)/ska validate
	$(BIN)/ska status
	$(BIN)/ska build

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check ska tests bench
	$(BIN)/ruff format --check ska tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q -n auto --dist loadfile

schema: $(STAMP)
	$(BIN)/ska schema

docs: $(STAMP) schema
	$(BIN)/ska regler --format markdown > docs/regler.md

bench: $(STAMP)
	$(BIN)/python bench/run.py

# README:s bilder före och efter (docs/bilder/): bygger exemplet med koden i BILDER_FORE
# och med arbetsträdet. Kräver pdftoppm (poppler-utils) och chromium.
BILDER_FORE ?= 0970571
bilder: $(STAMP)
	$(BIN)/python docs/bilder/bilder.py --fore $(BILDER_FORE)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
