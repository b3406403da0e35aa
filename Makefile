# make run   - create .venv if needed, install, open the window on the default catalogue
# make test  - the same environment plus test tools; lint and the whole suite, headless
# make bench - browse a generated catalogue of RECORDS records (default 1,000,000) with
#              aidviewer, Qt's QSqlTableModel and raw sqlite3 side by side; then write
#              record-list reports of 1,000 and 10,000 of its records to PDF; then
#              import a generated 100,000-row CSV and the shared IATI file; then drive
#              the window (offscreen) through long work on the big catalogue (open,
#              backup, Help > Check, PDF export, a 100,000-row import) with a 10 ms
#              heartbeat: no pause over 200 ms (benchmarks/responsiveness.py)
# make bundle - the one-folder application (PyInstaller) in build/bundle/dist/aidviewer/
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck bench clean bundle translations soak

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/aidviewer $(FILE)

lint: $(STAMP)
	$(BIN)/ruff check aidviewer tests benchmarks
	$(BIN)/ruff format --check aidviewer tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy aidviewer

test: lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

RECORDS ?= 1000000
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py --records $(RECORDS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/reports.py --records $(RECORDS)
	$(BIN)/python benchmarks/imports.py
	$(BIN)/python benchmarks/startup.py --records $(RECORDS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/responsiveness.py --records $(RECORDS)

bundle: | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	$(BIN)/python -m PyInstaller --noconfirm --log-level WARN \
		--distpath build/bundle/dist --workpath build/bundle/work \
		resources/packaging/aidviewer.spec

# make translations - collect the window's strings into resources/translations/*.ts
#   (kept translations stay, new strings come in unfinished), then compile each to .qm
translations: $(STAMP)
	$(BIN)/python resources/translations/extract.py
	$(BIN)/pyside6-lrelease resources/translations/aidviewer_*.ts

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

# make soak - the reliability suite (tests/reliability) and the input tests T22-T27 (CSV
#   robustness and a 500,000-row CSV, hostile XML, export formula guards with 10,000
#   Hypothesis examples, connection hardening, markup shown and printed as text) with the
#   full figures of RELIABILITY.md instead of make test's reduced ones; one table of their
#   figures is printed and kept in benchmarks/results/soak.txt
SOAK_TESTS := tests/reliability \
	tests/io/test_csv_robustness.py tests/io/test_huge_csv.py tests/io/test_hostile_xml.py \
	tests/io/test_table_export.py tests/store/test_schema.py tests/printing/test_report_pdf.py \
	tests/ui/test_detail_pane.py tests/models/test_record_table_model.py
soak: $(STAMP)
	AIDVIEWER_SOAK=1 AIDVIEWER_SOAK_TABLE=benchmarks/results/soak.txt QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest $(SOAK_TESTS) -q -p no:randomly $(PYTEST_ARGS)
