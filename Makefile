# make run   - create .venv if needed, install, open the window on the default catalogue
# make test  - the same environment plus test tools; lint and the whole suite, headless
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/aidviewer $(FILE)

lint: $(STAMP)
	$(BIN)/ruff check aidviewer tests
	$(BIN)/ruff format --check aidviewer tests

typecheck: $(STAMP)
	$(BIN)/mypy aidviewer

test: lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
