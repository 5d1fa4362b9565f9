# Två kommandon räcker på en ny maskin med Python 3.11:
#   make run   – skapar .venv vid behov, installerar och validerar exempelkommunen
#   make test  – samma förberedelser, sedan ruff, mypy och alla tester
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest schema bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/ska validate

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check ska tests bench
	$(BIN)/ruff format --check ska tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

schema: $(STAMP)
	$(BIN)/ska schema

bench: $(STAMP)
	$(BIN)/python bench/validate_bench.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
