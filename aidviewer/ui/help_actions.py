"""Edit > Preferences…, Help > Keyboard Shortcuts and Help > Check Catalogue."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from aidviewer.store import Catalogue, CatalogueError, CheckReport

from .dialogs import Notifier
from .preferences import PreferencesDialog, ShortcutsDialog
from .settings import Settings


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpActions", text)


class _Check(QThread):
    """Runs the integrity and foreign-key checks on a connection of its own."""

    checked = Signal(object, str)  # (the report or None, the error's sentence or "")

    def __init__(self, path: object) -> None:
        super().__init__()
        self._path = path
        self.cancel = threading.Event()

    def run(self) -> None:
        try:
            with Catalogue.open(self._path, read_only=True) as catalogue:  # type: ignore[arg-type]
                report = catalogue.check()
        except CatalogueError as error:
            self.checked.emit(None, error.message)
        except Exception as error:
            self.checked.emit(None, f"{type(error).__name__}: {error}")
        else:
            self.checked.emit(report, "")


class HelpActions(QObject):
    """What the Help menu and Edit > Preferences… do. `ask_preferences` is what tests
    replace."""

    checked = Signal(object)  # the CheckReport, or None when the check failed

    def __init__(
        self,
        window: QMainWindow,
        settings: Settings,
        notifier: Notifier,
        catalogue: Callable[[], Catalogue | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.notifier = notifier
        self._catalogue = catalogue
        self.ask_preferences: Callable[..., bool] = PreferencesDialog.ask
        self.check_run: _Check | None = None

    def preferences(self) -> None:
        self.ask_preferences(self.window, self.settings)

    def shortcuts(self) -> ShortcutsDialog:
        """Show every shortcut of the window (the dialog, for tests)."""
        dialog = ShortcutsDialog(self.window, self.window.findChildren(QAction))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def check(self) -> None:
        catalogue = self._catalogue()
        if catalogue is None or self.check_run is not None:
            return
        progress = QProgressDialog(_tr("Checking “{name}”…").format(name=catalogue.path.name),
                                   "", 0, 0, self.window)  # fmt: skip
        progress.setObjectName("check_progress")
        progress.setCancelButton(None)  # SQLite's checks run to their end
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        run = _Check(catalogue.path)
        self.check_run = run

        def done(report: CheckReport | None, error: str) -> None:
            progress.reset()
            progress.deleteLater()
            run.wait()
            self.check_run = None
            if report is not None:  # a damaged file is not backed up until it is mended
                catalogue.damaged = "" if report.sound else _tr(
                    "“{name}” has {n} problems.").format(name=catalogue.path.name,
                                                          n=len(report.problems))  # fmt: skip
            if report is None:
                self.notifier.error(self.window, _tr("Cannot check the catalogue"), error)
            elif report.sound:
                counts = report.counts
                self.notifier.info(
                    self.window,
                    _tr("Catalogue checked"),
                    _tr("“{name}” is sound: {records} records, {meetings} meetings, every"
                        " link and index in order.").format(
                        name=catalogue.path.name, records=counts.get("records", 0),
                        meetings=counts.get("meetings", 0),
                    ),
                )  # fmt: skip
            else:
                self.notifier.error(
                    self.window,
                    _tr("The catalogue is damaged"),
                    _tr("“{name}” has {n} problems; restore it from a backup (File > Restore"
                        " from Backup…).\n\n{problems}").format(
                        name=catalogue.path.name, n=len(report.problems),
                        problems="\n".join(report.problems[:20]),
                    ),
                )  # fmt: skip
            self.checked.emit(report)

        run.checked.connect(done)
        run.start()

    def stop(self) -> None:
        if self.check_run is not None:
            self.check_run.wait()
