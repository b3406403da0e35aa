"""File > Import… and File > Export…: data files in and out of the open catalogue.

An import runs in the wizard (import_wizard.py) and, once saved, becomes one step of
Edit > Undo. An export asks for the format and what it covers (the records the table
shows, the selected ones or all; the meetings for a calendar; the whole catalogue for
JSON), then writes the file on a worker thread with its own connection, beside its target
first and renamed into place when whole.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMainWindow,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from aidviewer.io.importer import ImportSummary
from aidviewer.store import Catalogue, CatalogueError, RecordQuery, default_user

from .catalogue_view import CatalogueView
from .dialogs import Notifier
from .import_wizard import ImportWizard
from .settings import Settings
from .undo import Editor


def _tr(text: str) -> str:
    return QCoreApplication.translate("DataActions", text)


def export_formats() -> dict[str, tuple[str, str]]:
    """Each export format: (its name, its file suffix)."""
    return {
        "csv": (_tr("CSV table (records)"), ".csv"),
        "xlsx": (_tr("Excel workbook (records)"), ".xlsx"),
        "iati": (_tr("IATI 2.03 activity XML (records)"), ".xml"),
        "json": (_tr("The whole catalogue as JSON"), ".json"),
        "ics": (_tr("iCalendar (meetings)"), ".ics"),
    }


class ExportDialog(QDialog):
    """The format of an export and the records it covers."""

    def __init__(self, parent: QWidget | None, selected: int) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(_tr("Export"))
        self.format = QComboBox(self)
        self.format.setAccessibleName(_tr("Format"))
        for key, (name, _) in export_formats().items():
            self.format.addItem(name, key)
        self.view = QRadioButton(_tr("The records the table shows, with its filters"), self)
        self.selection = QRadioButton(_tr("The {n} selected records").format(n=selected), self)
        self.all = QRadioButton(_tr("Every record"), self)
        self.view.setChecked(True)
        self.selection.setEnabled(selected > 0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("&Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_tr("&Format:"), self.format)
        form.addRow(_tr("Covering:"), self.view)
        form.addRow("", self.selection)
        form.addRow("", self.all)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _format_changed(self) -> None:
        records = self.format.currentData() in ("csv", "xlsx", "iati")
        for button in (self.view, self.selection, self.all):
            button.setVisible(records)

    def choice(self) -> tuple[str, str]:
        coverage = "view" if self.view.isChecked() else "selection"
        if self.all.isChecked():
            coverage = "all"
        return str(self.format.currentData()), coverage

    @classmethod
    def ask(cls, parent: QWidget | None, selected: int) -> tuple[str, str] | None:
        dialog = cls(parent, selected)
        try:
            return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class _Writer(QThread):
    """Writes an export on its own connection to the catalogue."""

    finished_with = Signal(int, str)  # (rows written, the error's sentence or "")

    def __init__(self, path: Path, write: Callable[[Catalogue], int]) -> None:
        super().__init__()
        self._path = path
        self._write = write
        self.cancel = threading.Event()

    def run(self) -> None:
        try:
            with Catalogue.open(self._path, read_only=True) as catalogue:
                written = self._write(catalogue)
        except CatalogueError as error:
            self.finished_with.emit(0, error.message)
        except OSError as error:
            self.finished_with.emit(0, error.strerror or str(error))
        except Exception as error:
            self.finished_with.emit(0, f"{type(error).__name__}: {error}")
        else:
            self.finished_with.emit(written, "")


class DataActions(QObject):
    """File > Import… and File > Export…. `ask_export`, `save_path` and `wizard` are what
    tests replace or reach."""

    exported = Signal(str, int)  # (path, rows written; 0 when it failed)
    imported = Signal(object)  # the ImportSummary of a saved import

    def __init__(
        self,
        window: QMainWindow,
        view: CatalogueView,
        settings: Settings,
        notifier: Notifier,
        editor: Editor,
        catalogue: Callable[[], Catalogue | None],
        open_catalogue: Callable[[Path], bool],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.settings = settings
        self.notifier = notifier
        self.editor = editor
        self._catalogue = catalogue
        self._open_catalogue = open_catalogue
        self.ask_export: Callable[[QWidget, int], tuple[str, str] | None] = ExportDialog.ask
        self.save_path: Callable[[QWidget, Path, str], Path | None] = _save_path
        self.wizard: ImportWizard | None = None
        self.writer: _Writer | None = None

    # -- import ---------------------------------------------------------------------------

    def import_file(self, start: Path | None = None) -> None:
        catalogue = self._catalogue()
        if catalogue is None:
            return
        if catalogue.read_only:
            self.notifier.error(self.window, _tr("Cannot import"),
                                _tr("This catalogue is open read-only."))  # fmt: skip
            return
        who = self.settings.staff_name() or default_user()
        wizard = ImportWizard(self.window, self.settings, catalogue.path, who, start)
        wizard.imported.connect(self._imported)
        self.wizard = wizard
        try:
            wizard.exec()
        finally:
            self.wizard = None
            wizard.deleteLater()

    def _imported(self, summary: ImportSummary) -> None:
        wizard = self.wizard
        if wizard is not None and wizard.plan().fmt == "json":
            target = wizard.plan().target
            if target is not None:
                self._open_catalogue(target)
            self.imported.emit(summary)
            return
        name = wizard.file_page.chosen()[0].name if wizard is not None else ""
        text = _tr("Import “{name}”").format(name=name)
        updated = list(zip(summary.before, summary.after_versions, strict=True))
        if summary.made_ids or updated:
            self.editor.record_import(
                text, list(summary.made_ids), updated, list(summary.made_notes)
            )
        self.editor.rowsChanged.emit("record", 0)
        self.editor.directoryChanged.emit()
        self.imported.emit(summary)

    # -- export ---------------------------------------------------------------------------

    def export_file(self) -> None:
        catalogue = self._catalogue()
        if catalogue is None or self.writer is not None:
            return
        page = self.view.records_page
        chosen = self.ask_export(self.window, page.selected_count())
        if chosen is None:
            return
        fmt, coverage = chosen
        name, suffix = export_formats()[fmt]
        folder = self.settings.import_folder() or catalogue.path.parent
        path = self.save_path(self.window, folder / f"{catalogue.path.stem}{suffix}", name)
        if path is None:
            return
        self.settings.set_import_folder(path.parent)
        ids = self._record_ids(catalogue, coverage)
        meeting_ids = [row.id for row in catalogue.meeting_rows(_meeting_query(self.view))]
        self._write(catalogue.path, path, _writer_for(fmt, path, ids, meeting_ids))

    def _record_ids(self, catalogue: Catalogue, coverage: str) -> list[int]:
        page = self.view.records_page
        if coverage == "selection":
            return list(page.selected_ids())
        if coverage == "all":
            return list(catalogue.record_ids(RecordQuery()))
        query = page.model.query
        assert isinstance(query, RecordQuery)
        return list(catalogue.record_ids(query))

    def _write(self, catalogue_path: Path, path: Path, write: Callable[[Catalogue], int]) -> None:
        progress = QProgressDialog(_tr("Writing {name}…").format(name=path.name), _tr("Cancel"),
                                   0, 0, self.window)  # fmt: skip
        progress.setObjectName("export_progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setCancelButton(None)  # an export is short and written whole or not at all
        writer = _Writer(catalogue_path, write)
        self.writer = writer

        def finish(written: int, error: str) -> None:
            progress.reset()
            progress.deleteLater()
            writer.wait()
            self.writer = None
            if error:
                self.notifier.error(
                    self.window, _tr("Cannot export"),
                    _tr("“{name}” could not be written: {why}").format(name=path.name, why=error),
                )  # fmt: skip
            else:
                self.window.statusBar().showMessage(
                    _tr("Exported {n} to “{name}”.").format(n=written, name=path.name), 8000
                )
            self.exported.emit(str(path), written if not error else 0)

        writer.finished_with.connect(finish)
        writer.start()

    def stop(self) -> None:
        """Wait for an export being written (the window is closing)."""
        if self.writer is not None:
            self.writer.wait()


def _meeting_query(view: CatalogueView) -> Any:
    from aidviewer.store import MeetingQuery

    query = view.meetings_page.model.query
    return query if isinstance(query, MeetingQuery) else MeetingQuery()


def _writer_for(
    fmt: str, path: Path, ids: Sequence[int], meeting_ids: Sequence[int]
) -> Callable[[Catalogue], int]:
    def write(catalogue: Catalogue) -> int:
        if fmt == "csv":
            from aidviewer.io.table_export import write_csv

            return int(write_csv(catalogue, path, ids))
        if fmt == "xlsx":
            from aidviewer.io.table_export import write_xlsx

            return int(write_xlsx(catalogue, path, ids))
        if fmt == "iati":
            from aidviewer.io.iati_export import write_iati

            return int(write_iati(catalogue, path, ids))
        if fmt == "ics":
            from aidviewer.io.ics import write_ics

            return int(write_ics(catalogue, path, meeting_ids))
        from aidviewer.io.json_catalogue import export_json

        return int(export_json(catalogue, path).get("records", 0))

    return write


def _save_path(parent: QWidget, suggested: Path, name: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, _tr("Export"), str(suggested), f"{name} (*{suggested.suffix})"
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suggested.suffix else path.with_name(
        path.name + suggested.suffix)  # fmt: skip
