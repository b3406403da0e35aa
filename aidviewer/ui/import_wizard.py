"""File > Import…: a wizard that brings a data file into the open catalogue.

1. The file, and its format (told from the file; a person may choose another).
2. For a CSV or XLSX table: its encoding and delimiter, a preview of the first rows, and
   the field each column holds (matched from the headers, changeable, and remembered
   for tables with the same headers).
3. A check: the whole file is read and imported into a transaction that is then rolled
   back, so the summary (records to import and update, rows skipped with their line and
   reason, warnings) is exactly what the import will do.
4. The import, with progress and Cancel, in one transaction; its summary. In the window
   it is one step of Edit > Undo.

The reading and writing run on a worker thread with their own connection to the file, so
a long file never freezes the window.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from aidviewer.io.formats import IMPORT_FORMATS, TABLES, guess_format, read_events
from aidviewer.io.importer import ImportSummary, import_items
from aidviewer.io.items import BadFileError, ImportCancelledError
from aidviewer.store import Catalogue, CatalogueError

from .settings import Settings


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def summary_text(summary: ImportSummary) -> str:
    """What an import did (or, checked, would do), in the window's words."""
    counts = dict(
        imported=summary.imported, updated=summary.updated, unchanged=summary.unchanged,
        skipped=len(summary.skipped), warnings=len(summary.warnings),
    )  # fmt: skip
    head = (
        _tr("Would import {imported} records, update {updated}, leave {unchanged} as they"
            " are; {skipped} rows skipped, {warnings} warnings.")
        if summary.dry_run
        else _tr("Imported {imported} records, updated {updated}, left {unchanged} as they"
                 " were; {skipped} rows skipped, {warnings} warnings.")
    ).format(**counts)  # fmt: skip
    lines = [head]
    if summary.organisations_made:
        lines.append(_tr("New organisations: {names}").format(
            names=", ".join(summary.organisations_made)))  # fmt: skip
    if summary.categories_made:
        lines.append(_tr("New categories: {names}").format(
            names=", ".join(summary.categories_made)))  # fmt: skip
    for skipped in summary.skipped:
        lines.append(_tr("Line {line} skipped: {why}").format(line=skipped.line,
                                                              why=skipped.reason))  # fmt: skip
    for warned in summary.warnings:
        lines.append(_tr("Line {line}: {what}").format(line=warned.line, what=warned.message))
    return "\n".join(lines)


def format_names() -> dict[str, str]:
    return {
        "csv": _tr("CSV table"),
        "xlsx": _tr("Excel workbook (XLSX)"),
        "iati": _tr("IATI activity XML"),
        "kiel": _tr("Kiel Ukraine Support Tracker (CSV)"),
        "fts": _tr("OCHA FTS flows (CSV or JSON)"),
        "json": _tr("aidviewer catalogue (JSON), into a new file"),
    }


# Encodings a person may choose for a table; "" is "detect".
ENCODINGS = ("", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")
DELIMITERS = {"": "", ",": ",", ";": ";", "\t": "Tab", "|": "|"}


@dataclass
class ImportPlan:
    """What the wizard was asked to import, as the worker reads it."""

    path: Path
    fmt: str
    mapping: dict[int, Any] | None = None
    encoding: str | None = None
    delimiter: str | None = None
    target: Path | None = None  # a JSON catalogue: the new file it becomes
    options: dict[str, Any] = field(default_factory=dict)


class ImportRun(QThread):
    """Reads the file and imports it (or, for a check, imports and rolls back) on its own
    connection to the catalogue, away from the window's thread."""

    progressed = Signal(int, int)  # (bytes read, bytes in all)
    done = Signal()

    def __init__(self, catalogue_path: Path, user: str, plan: ImportPlan, dry_run: bool):
        super().__init__()
        self.catalogue_path = catalogue_path
        self.user = user
        self.plan = plan
        self.dry_run = dry_run
        self.cancel = threading.Event()
        self.summary: ImportSummary | None = None
        self.lines: list[str] = []
        self.error = ""
        self.cancelled = False

    def run(self) -> None:
        def going_on(done: int, total: int) -> bool:
            self.progressed.emit(min(done, 2**31 - 1) // 1024, max(total, 1) // 1024)
            return not self.cancel.is_set()

        plan = self.plan
        try:
            if plan.fmt == "json":
                self._json(going_on)
                return
            events = read_events(plan.fmt, plan.path, mapping=plan.mapping,
                                 encoding=plan.encoding, delimiter=plan.delimiter,
                                 going_on=going_on)  # fmt: skip
            with Catalogue.open(self.catalogue_path, user=self.user) as catalogue:
                self.summary = import_items(
                    catalogue, events, dry_run=self.dry_run, author=self.user,
                    going_on=lambda: not self.cancel.is_set(),
                )  # fmt: skip
            self.lines = [summary_text(self.summary)]
        except ImportCancelledError:
            self.cancelled = True
        except CatalogueError as error:  # BadFileError too: a sentence for the person
            self.error = error.message
        except OSError as error:
            self.error = _tr("“{name}” could not be read: {why}.").format(
                name=plan.path.name, why=error.strerror or str(error)
            )
        except UnicodeDecodeError as error:
            self.error = _tr("“{name}” is not in the encoding chosen: {why}.").format(
                name=plan.path.name, why=error.reason
            )
        except (ValueError, RecursionError, MemoryError) as error:  # a file beyond reason
            self.error = _tr("“{name}” could not be read ({what}).").format(
                name=plan.path.name, what=type(error).__name__
            )
        except Exception as error:  # never a wizard left waiting on a worker that died
            traceback.print_exc()
            self.error = _tr("An unexpected error stopped the import ({what}).").format(
                what=str(error) or type(error).__name__
            )
        finally:
            self.done.emit()

    def _json(self, going_on: Any) -> None:
        """A catalogue exported as JSON becomes a new catalogue file (a check makes it
        beside the target and removes it again)."""
        from aidviewer.io.json_catalogue import import_json

        plan = self.plan
        assert plan.target is not None
        target = plan.target
        if self.dry_run:
            target = target.with_name(f".{target.name}.check")
        try:
            counts = import_json(plan.path, target, user=self.user, going_on=going_on)
        finally:
            if self.dry_run:
                for leftover in target.parent.glob(target.name + "*"):
                    leftover.unlink()
        what = ", ".join(f"{count} {name}" for name, count in counts.items())
        head = _tr("Would make") if self.dry_run else _tr("Made")
        self.lines = [_tr("{head} “{name}” with {what}.").format(
            head=head, name=plan.target.name, what=what)]  # fmt: skip
        self.summary = ImportSummary(imported=counts.get("records", 0), dry_run=self.dry_run)


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_tr("Choose the file"))
        self.setSubTitle(
            _tr(
                "A table (CSV or XLSX), an IATI file, the Kiel Support Tracker, OCHA FTS"
                " flows, or a catalogue exported as JSON."
            )
        )
        self.path = QLineEdit(self)
        self.path.setObjectName("import_path")
        self.path.setAccessibleName(_tr("File to import"))
        browse = QPushButton(_tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        self.format = QComboBox(self)
        self.format.setObjectName("import_format")
        self.format.setAccessibleName(_tr("Format"))
        for key, name in format_names().items():
            self.format.addItem(name, key)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        file_label = QLabel(_tr("&File:"), self)
        file_label.setBuddy(self.path)
        form.addRow(file_label, row)
        format_label = QLabel(_tr("F&ormat:"), self)
        format_label.setBuddy(self.format)
        form.addRow(format_label, self.format)
        self.path.textChanged.connect(self._guess)
        self.path.textChanged.connect(self.completeChanged)
        self._wizard = wizard

    def _browse(self) -> None:
        start = str(self._wizard.settings.import_folder() or Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, _tr("Import"), start,
            _tr("Data files (*.csv *.tsv *.txt *.xlsx *.xml *.json);;All files (*)"),
        )  # fmt: skip
        if name:
            self.path.setText(name)

    def _guess(self, text: str) -> None:
        guessed = guess_format(Path(text)) if text.strip() else None
        if guessed is not None:
            self.format.setCurrentIndex(IMPORT_FORMATS.index(guessed))

    def chosen(self) -> tuple[Path, str]:
        return Path(self.path.text().strip()), str(self.format.currentData())

    def isComplete(self) -> bool:
        return Path(self.path.text().strip()).is_file() if self.path.text().strip() else False

    def nextId(self) -> int:
        _, fmt = self.chosen()
        return ImportWizard.COLUMNS if fmt in TABLES else ImportWizard.CHECK

    def validatePage(self) -> bool:
        path, fmt = self.chosen()
        if fmt != "json":
            return True
        target = self._wizard.ask_new_catalogue(self, path.with_suffix(".aidb"))
        self._wizard.json_target = target
        return target is not None


class _ColumnsPage(QWizardPage):
    """The table's encoding, delimiter and preview, with the field of each column."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(_tr("Match the columns"))
        self.setSubTitle(
            _tr(
                "Choose the field each column holds; columns left at “(ignore)” are not"
                " imported. The first rows of the file are shown."
            )
        )
        self.encoding = QComboBox(self)
        self.encoding.setAccessibleName(_tr("Encoding"))
        for name in ENCODINGS:
            self.encoding.addItem(name or _tr("Detect"), name)
        self.delimiter = QComboBox(self)
        self.delimiter.setAccessibleName(_tr("Delimiter"))
        for value, label in DELIMITERS.items():
            shown = _tr("Tab") if value == "\t" else label
            self.delimiter.addItem(shown or _tr("Detect"), value)
        self.preview = QTableWidget(self)
        self.preview.setObjectName("import_preview")
        self.preview.setAccessibleName(_tr("The first rows of the file, and each column's field"))
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(self.problem.textFormat().PlainText)
        options = QHBoxLayout()
        options.addWidget(QLabel(_tr("Encoding:"), self))
        options.addWidget(self.encoding)
        options.addWidget(QLabel(_tr("Delimiter:"), self))
        options.addWidget(self.delimiter)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        self.encoding.activated.connect(self._read)
        self.delimiter.activated.connect(self._read)
        self.pickers: list[QComboBox] = []
        self.headers: list[str] = []

    def initializePage(self) -> None:
        self._read()

    def _read(self) -> None:
        from aidviewer.io import table
        from aidviewer.io.columns import Field

        path, fmt = self._wizard.file_page.chosen()
        self.problem.clear()
        try:
            if fmt == "xlsx":
                sniff = table.sniff_xlsx(path)
            else:
                sniff = table.sniff_csv(path, encoding=self.encoding.currentData() or None,
                                        delimiter=self.delimiter.currentData() or None)  # fmt: skip
        except (CatalogueError, OSError, UnicodeDecodeError, ValueError) as error:
            self.problem.setText(getattr(error, "message", None) or str(error))
            self.preview.clear()
            self.pickers = []
            self.completeChanged.emit()
            return
        self.headers = list(sniff.headers)
        remembered = self._wizard.settings.column_mapping(self.headers)
        mapping = {
            index: Field(remembered[header]) if remembered.get(header) in set(Field) else None
            for index, header in enumerate(self.headers)
        } if remembered else dict(sniff.mapping)  # fmt: skip
        rows = [list(row) for row in sniff.preview][:20]
        self.preview.clear()
        self.preview.setColumnCount(len(self.headers))
        self.preview.setRowCount(len(rows) + 1)
        self.preview.setHorizontalHeaderLabels(self.headers)
        first = sniff.header_line + 1
        self.preview.setVerticalHeaderLabels(
            [_tr("Field"), *(str(first + n) for n in range(len(rows)))]
        )  # the lines of the file (a quoted line break makes a row longer: roughly)
        if sniff.encoding:
            self.encoding.setItemText(0, _tr("Detect ({found})").format(found=sniff.encoding))
        if sniff.delimiter:
            shown = _tr("Tab") if sniff.delimiter == "\t" else sniff.delimiter
            self.delimiter.setItemText(0, _tr("Detect ({found})").format(found=shown))
        self.pickers = []
        for column in range(len(self.headers)):
            picker = QComboBox(self.preview)
            picker.setAccessibleName(_tr("Field of column {n}").format(n=column + 1))
            picker.addItem(_tr("(ignore)"), "")
            for field_ in Field:
                picker.addItem(field_.header, field_.value)
            chosen = mapping.get(column)
            picker.setCurrentIndex(picker.findData(chosen.value) if chosen else 0)
            picker.currentIndexChanged.connect(self.completeChanged)
            self.preview.setCellWidget(0, column, picker)
            self.pickers.append(picker)
            for row, values in enumerate(rows, start=1):
                text = values[column] if column < len(values) else ""
                self.preview.setItem(row, column, QTableWidgetItem(str(text)))
        self.preview.resizeColumnsToContents()
        self.completeChanged.emit()

    def mapping(self) -> dict[int, Any]:
        from aidviewer.io.columns import Field

        return {
            column: Field(picker.currentData())
            for column, picker in enumerate(self.pickers)
            if picker.currentData()
        }

    def isComplete(self) -> bool:
        from aidviewer.io.columns import Field

        if not self.pickers:
            return False
        chosen = list(self.mapping().values())
        twice = sorted({f.header for f in chosen if chosen.count(f) > 1})
        if twice:
            self.problem.setText(_tr("Each field can come from one column only: {names}.")
                                 .format(names=", ".join(twice)))  # fmt: skip
            return False
        if not {Field.TITLE, Field.ITEM, Field.DESCRIPTION} & set(chosen):
            self.problem.setText(_tr("Choose the column that holds each record's title."))
            return False
        self.problem.clear()
        return True

    def validatePage(self) -> bool:
        chosen = {self.headers[c]: f.value for c, f in self.mapping().items()}
        self._wizard.settings.set_column_mapping(self.headers, chosen)
        return True


class _RunPage(QWizardPage):
    """Runs the check or the import on a worker thread and shows its summary."""

    def __init__(self, wizard: ImportWizard, *, dry_run: bool) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.dry_run = dry_run
        if dry_run:
            self.setTitle(_tr("Check"))
            self.setSubTitle(_tr("The whole file is read and checked; nothing is saved yet."))
        else:
            self.setTitle(_tr("Import"))
            self.setSubTitle(_tr("Everything is saved in one step, or nothing."))
        self.progress = QProgressBar(self)
        self.cancel = QPushButton(_tr("Cancel"), self)
        self.report = QPlainTextEdit(self)
        self.report.setObjectName("import_summary" if not dry_run else "import_check")
        self.report.setAccessibleName(
            _tr("What the import did") if not dry_run else _tr("What the import will do")
        )
        self.report.setReadOnly(True)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.report, 1)
        self.run: ImportRun | None = None
        self.summary: ImportSummary | None = None
        self.cancel.clicked.connect(self._cancel)
        if not dry_run:
            self.setFinalPage(True)

    def initializePage(self) -> None:
        self.summary = None
        self.report.setPlainText(_tr("Reading…"))
        self.progress.setRange(0, 0)
        self.cancel.setEnabled(True)
        run = ImportRun(self._wizard.catalogue_path, self._wizard.user, self._wizard.plan(),
                        self.dry_run)  # fmt: skip
        self.run = run
        run.progressed.connect(self._advance)
        run.done.connect(self._finish)
        self.completeChanged.emit()
        run.start()

    def _advance(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _cancel(self) -> None:
        if self.run is not None:
            self.run.cancel.set()

    def _finish(self) -> None:
        run = self.run
        if run is None:  # already finished by stop()
            return
        run.wait()
        self.cancel.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if run.cancelled:
            self.report.setPlainText(_tr("Cancelled: nothing was imported."))
        elif run.error:
            self.report.setPlainText(_tr("Nothing was imported: {why}").format(why=run.error))
        elif run.summary is not None:
            self.summary = run.summary
            self.report.setPlainText("\n".join(run.lines))
            if not self.dry_run:
                self._wizard.imported.emit(run.summary)
        self.run = None
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.dry_run:  # the import goes on only after a check that went through
            return self.run is None and self.summary is not None
        return self.run is None  # done, failed or cancelled: Finish closes the wizard

    def cleanupPage(self) -> None:  # Back pressed: stop what runs
        self.stop()

    def stop(self) -> None:
        """Cancel what runs and wait for it; an import that was saved before Cancel
        could stop it is reported as saved (so that it can be undone)."""
        if self.run is not None:
            self.run.cancel.set()
            self.run.wait()
            self._finish()


class ImportWizard(QWizard):
    """File > Import…. `imported` carries the summary of an import that was saved."""

    FILE, COLUMNS, CHECK, IMPORT = range(4)
    imported = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        settings: Settings,
        catalogue_path: Path,
        user: str,
        start: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_wizard")
        self.setWindowTitle(_tr("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.settings = settings
        self.catalogue_path = catalogue_path
        self.user = user
        self.json_target: Path | None = None
        self.ask_new_catalogue = _ask_new_catalogue  # replaced by tests
        self.file_page = _FilePage(self)
        self.columns_page = _ColumnsPage(self)
        self.check_page = _RunPage(self, dry_run=True)
        self.import_page = _RunPage(self, dry_run=False)
        self.setPage(self.FILE, self.file_page)
        self.setPage(self.COLUMNS, self.columns_page)
        self.setPage(self.CHECK, self.check_page)
        self.setPage(self.IMPORT, self.import_page)
        self.setButtonText(QWizard.WizardButton.NextButton, _tr("&Next >"))
        self.check_page.setButtonText(QWizard.WizardButton.NextButton, _tr("&Import"))
        self.resize(860, 560)
        if start is not None:
            self.file_page.path.setText(str(start))

    def plan(self) -> ImportPlan:
        path, fmt = self.file_page.chosen()
        if fmt not in TABLES:
            return ImportPlan(path, fmt, target=self.json_target if fmt == "json" else None)
        return ImportPlan(
            path,
            fmt,
            mapping=self.columns_page.mapping(),
            encoding=self.columns_page.encoding.currentData() or None,
            delimiter=self.columns_page.delimiter.currentData() or None,
        )

    def done(self, result: int) -> None:
        for page in (self.check_page, self.import_page):
            page.stop()
        path, _ = self.file_page.chosen()
        if path.parent.is_dir():
            self.settings.set_import_folder(path.parent)
        super().done(result)


def _ask_new_catalogue(parent: QWidget, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, _tr("New Catalogue from JSON"), str(suggested),
        _tr("aidviewer catalogues (*.aidb)"),
    )  # fmt: skip
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".aidb" else path.with_name(path.name + ".aidb")


__all__ = ["BadFileError", "ImportPlan", "ImportRun", "ImportWizard", "format_names"]
