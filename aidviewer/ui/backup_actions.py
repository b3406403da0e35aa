"""Backups in the window: made by themselves, and File > Restore from Backup….

A backup is made when a catalogue is opened and its last backup is older than a day, and
when a catalogue that was changed is closed; both on a worker thread, so the window goes on
(quitting waits for the closing backup, with a progress dialog if it takes a moment).
Each is copied through SQLite's backup API into a temporary file, checked, and renamed
into place; older backups are then thinned out (10 recent, or as many as chosen, then one
a day for a week, one a week for a month, one a month for half a year). A backup made
before a catalogue is updated to a newer version is never removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aidviewer.store import Catalogue, CatalogueError
from aidviewer.store.backup import (
    AUTO,
    CLOSE,
    MANUAL,
    Backup,
    backup_due,
    list_backups,
    make_backup,
    restore_backup,
    rotate,
)
from aidviewer.store.salvage import Salvage, corrupt_name, salvage

from .background import run_in_background, wait_for
from .dialogs import Notifier
from .settings import Settings


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupActions", text)


def kind_name(kind: str) -> str:
    return {
        "auto": _tr("daily"),
        "close": _tr("on closing"),
        "manual": _tr("by hand"),
        "migration": _tr("before an update"),
    }.get(kind, kind)


# The advice that ends the store's damage sentences, which the damage dialog replaces.
_ADVICE = re.compile(r":? restore it from a backup(?: \(the latest is from [^)]*\))?\.$")
SALVAGE: Literal["salvage"] = "salvage"  # what the damage dialog gives back when salvage is chosen


class RestoreDialog(QDialog):
    """The catalogue's backups, newest first, with their date, kind, size and counts."""

    def __init__(
        self, parent: QWidget | None, name: str, backups: list[Backup], intro_text: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle(_tr("Restore from Backup"))
        self.backups = list(reversed(backups))
        intro = QLabel(
            intro_text
            or _tr("Choose the backup of “{name}” to go back to. The catalogue as it is now"
                   " is kept beside the backups, so that nothing is lost.").format(name=name),
            self,
        )  # fmt: skip
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        intro.setTextFormat(intro.textFormat().PlainText)
        self.table = QTableWidget(len(self.backups), 5, self)
        self.table.setObjectName("backup_table")
        self.table.setAccessibleName(_tr("Backups"))
        self.table.setHorizontalHeaderLabels(
            [_tr("Made"), _tr("Kind"), _tr("Size"), _tr("Records"), _tr("Meetings")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, backup in enumerate(self.backups):
            cells = (
                backup.made.strftime("%Y-%m-%d %H:%M"),
                kind_name(backup.kind),
                f"{backup.size / 1_048_576:,.1f} MB",
                "?" if backup.records is None else f"{backup.records:,}",
                "?" if backup.meetings is None else f"{backup.meetings:,}",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.backups:
            self.table.selectRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("&Restore"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, backups: list[Backup]) -> Backup | None:
        dialog = cls(parent, name, backups)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class DamagedDialog(RestoreDialog):
    """Opening found the catalogue damaged: go back to one of its backups, or salvage what
    can still be read of it; either way the damaged file is kept beside it."""

    def __init__(
        self, parent: QWidget | None, name: str, problem: str, backups: list[Backup], kept: str
    ) -> None:
        if backups:
            advice = _tr("Go back to one of its backups, or try to salvage what can still be"
                         " read of it into a new file.")  # fmt: skip
        else:
            advice = _tr("It has no backups to go back to; you can try to salvage what can"
                         " still be read of it into a new file.")  # fmt: skip
        kept_text = _tr("Either way, the damaged file is kept beside it as “{kept}”.").format(
            kept=kept
        )
        problem = _ADVICE.sub(".", problem)  # what can be done is said below, with buttons
        super().__init__(parent, name, backups, f"{problem}\n\n{advice} {kept_text}")
        self.setObjectName("damaged_dialog")
        self.setWindowTitle(_tr("The Catalogue Is Damaged"))
        self.salvaging = False
        restore = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        restore.setText(_tr("&Restore Backup"))
        restore.setEnabled(bool(backups))
        self.salvage_button = self.buttons.addButton(
            _tr("Try to &Salvage"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.salvage_button.setObjectName("salvage")
        self.buttons.clicked.connect(self._clicked)
        if not backups:
            self.table.hide()
            self.salvage_button.setDefault(True)
            self.resize(520, 200)

    def _clicked(self, button: QAbstractButton) -> None:
        if button is self.salvage_button:
            self.salvaging = True
            self.accept()

    @classmethod
    def ask_damaged(
        cls, parent: QWidget | None, name: str, problem: str, backups: list[Backup], kept: str
    ) -> Backup | Literal["salvage"] | None:
        """The backup to restore, SALVAGE, or None when the person cancels."""
        dialog = cls(parent, name, problem, backups, kept)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return SALVAGE if dialog.salvaging else dialog.chosen()
        finally:
            dialog.deleteLater()


class BackupActions(QObject):
    """`ask_backup` and `now` are what tests replace."""

    # A backup was made (or failed): (the catalogue's path, the error's sentence or "").
    backedUp = Signal(str, str)
    # A backup worker has begun copying (the catalogue's name): the status bar says so.
    _busy = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        settings: Settings,
        notifier: Notifier,
        catalogue: Callable[[], Catalogue | None],
        close: Callable[[], None],
        reopen: Callable[[Path], bool],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.notifier = notifier
        self._catalogue = catalogue
        self._close = close
        self._reopen = reopen
        self.ask_backup: Callable[[QWidget, str, list[Backup]], Backup | None] = RestoreDialog.ask
        self.ask_damaged: Callable[
            [QWidget, str, str, list[Backup], str], Backup | Literal["salvage"] | None
        ] = DamagedDialog.ask_damaged
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one backup at a time
        self._pending = 0  # backups started and not yet finished
        self._busy.connect(self._show_busy)

    def _folder(self) -> Path | None:
        return self.settings.backup_folder()

    def _keep(self, path: Path) -> None:
        rotate(path, self._folder(), keep_recent=self.settings.backups_kept())

    def opened(self, catalogue: Catalogue) -> None:
        """A catalogue was opened: back it up (on a worker) if its last backup is older
        than a day. Whether one is due is found out on the worker too: it lists the
        backups folder."""
        if not self.settings.automatic_backups() or catalogue.read_only:
            return
        if self._damaged(catalogue):
            return
        self._in_background(catalogue.path, self._folder(), AUTO, only_if_due=True)

    def _damaged(self, catalogue: Catalogue) -> bool:
        """Whether a check found the catalogue damaged: then no backup is made of it (a
        damaged copy could only push a sound backup out of the rotation), and the status
        bar says so."""
        if not catalogue.damaged:
            return False
        self.window.statusBar().showMessage(self._not_backed_up(catalogue), 15000)
        return True

    @staticmethod
    def _not_backed_up(catalogue: Catalogue) -> str:
        return _tr("No backup of “{name}” is made while it is damaged; its backups are kept"
                   " as they are.").format(name=catalogue.path.name)  # fmt: skip

    def closing(self, catalogue: Catalogue, changed: bool) -> None:
        """A catalogue is being closed: back it up (on a worker) if it was changed while
        open. The backup reads the file through a connection of its own, so the catalogue
        may be closed at once; `stop` waits for it."""
        if not self.settings.automatic_backups() or catalogue.read_only or not changed:
            return
        if self._damaged(catalogue):
            return
        self._in_background(catalogue.path, self._folder(), CLOSE)

    def _in_background(
        self, path: Path, folder: Path | None, kind: str, only_if_due: bool = False
    ) -> None:
        made: list[bool] = []

        def work() -> None:
            if only_if_due:
                try:
                    due = backup_due(path, folder)
                except (CatalogueError, OSError):
                    due = False  # an unreadable folder: the next change's backup will say
                if not due:
                    return
            self._busy.emit(path.name)  # to the window's thread, queued
            make_backup(path, folder, kind=kind)
            made.append(True)
            self._keep(path)

        def done(error: str) -> None:
            self._pending -= 1
            if made and not error:
                self.window.statusBar().showMessage(
                    _tr("“{name}” is backed up.").format(name=path.name), 5000
                )
            if made or error:
                self._finished(path, error)

        self._pending += 1
        run_in_background(work, done, self, self.pool)

    def busy(self) -> bool:
        """Whether a backup is being made."""
        return self._pending > 0

    def _show_busy(self, name: str) -> None:
        if self._pending:
            self.window.statusBar().showMessage(_tr("Backing up “{name}”…").format(name=name))

    def backup_now(self) -> Backup | None:
        """File > Back Up Now: a checked backup of the catalogue as it is now, then the
        thinning out; the window waits with a progress dialog (a big catalogue takes a
        minute) and says where the backup went."""
        catalogue = self._catalogue()
        if catalogue is None:
            return None
        if catalogue.damaged:
            why = f"{catalogue.damaged} {self._not_backed_up(catalogue)}"
            self.notifier.error(self.window, _tr("No backup was made"), why)
            return None
        self.stop()  # one backup at a time
        path, folder = catalogue.path, self._folder()

        def work() -> Backup:
            made = make_backup(path, folder, kind=MANUAL)
            self._keep(path)
            return made

        try:
            made = wait_for(work, self.window, _tr("Backing up “{name}”…").format(name=path.name))
        except (CatalogueError, OSError) as error:
            why = error.message if isinstance(error, CatalogueError) else str(error.strerror)
            self.notifier.error(self.window, _tr("No backup was made"), why)
            self.backedUp.emit(str(path), why)
            return None
        self.window.statusBar().showMessage(
            _tr("“{name}” is backed up as “{backup}”.").format(name=path.name,
                                                                backup=made.path.name), 10000
        )  # fmt: skip
        self.backedUp.emit(str(path), "")
        return made

    def _finished(self, path: Path, error: str) -> None:
        if error:
            self.window.statusBar().showMessage(
                _tr("No backup of “{name}” could be made: {why}").format(name=path.name,
                                                                           why=error), 15000
            )  # fmt: skip
        self.backedUp.emit(str(path), error)

    def stop(self) -> None:
        """Wait for the backups under way (quitting waits for the closing backup), as
        any long wait of the window does: its events go on meanwhile, and after a moment
        a progress dialog says why it waits, with no Cancel (a backup cannot stop
        halfway). Their endings are handled before this returns."""
        if self._pending:
            wait_for(self.pool.waitForDone, self.window,
                     _tr("Finishing the backup of the catalogue…"))  # fmt: skip

    def restore(self) -> None:
        """File > Restore from Backup…: go back to a backup, keeping the catalogue as it
        is now beside the backups."""
        catalogue = self._catalogue()
        if catalogue is None:
            return
        path, folder = catalogue.path, self._folder()
        self.stop()  # a backup under way is listed too
        backups = [b for b in list_backups(path, folder) if b.records is not None]
        if not backups:
            message = _tr("“{name}” has no backups yet.").format(name=path.name)
            self.notifier.error(self.window, _tr("No backups"), message)
            return
        chosen = self.ask_backup(self.window, path.name, backups)
        if chosen is None:
            return
        self._close()  # the file is replaced: no connection may stay open on it
        self.stop()  # nor may the closing backup still be reading it
        try:
            # A big backup is checked, copied and checked again: minutes, off the window's
            # thread, with progress.
            kept = wait_for(
                lambda: restore_backup(path, chosen.path, folder=folder),
                self.window,
                _tr("Restoring “{name}”…").format(name=chosen.path.name),
            )
        except CatalogueError as error:
            self._reopen(path)
            self.notifier.error(self.window, _tr("Cannot restore the backup"), error.message)
            return
        self._reopen(path)
        self.notifier.info(
            self.window,
            _tr("Backup restored"),
            _tr("“{name}” is as it was on {when}. The catalogue as it was before is kept as"
                " “{kept}”.").format(name=path.name, when=chosen.made.strftime("%Y-%m-%d %H:%M"),
                                     kept=kept.name),
        )  # fmt: skip

    def repair(self, path: Path, problem: str) -> bool:
        """Opening `path` found it damaged (`problem` says how): offer to put a backup in
        its place or to salvage it, keeping the damaged file as "<name>.corrupt-<time>"
        beside it, then open the result. True when a catalogue was opened."""
        folder = self._folder()
        try:
            backups = [b for b in list_backups(path, folder) if b.records is not None]
        except (CatalogueError, OSError):
            backups = []  # an unreadable backup folder: salvage is still possible
        answer = self.ask_damaged(
            self.window, path.name, problem, backups, corrupt_name(path, self.now()).name
        )
        if answer is None:
            return False
        current = self._catalogue()
        if current is not None and current.path.resolve() == path.resolve():
            self._close()  # the file is replaced: no connection may stay open on it
        self.stop()  # nor may a backup still be reading it
        if isinstance(answer, Backup):
            return self._restore_damaged(path, answer, folder)
        try:
            saved = wait_for(
                lambda: salvage(path, now=self.now()),
                self.window,
                _tr("Salvaging “{name}”…").format(name=path.name),
            )
        except CatalogueError as error:
            self.notifier.error(self.window, _tr("Cannot salvage the catalogue"), error.message)
            return False
        opened = self._reopen(path)
        self.notifier.info(self.window, _tr("Catalogue salvaged"), _salvaged(saved))
        return opened

    def _restore_damaged(self, path: Path, chosen: Backup, folder: Path | None) -> bool:
        try:
            kept = wait_for(
                lambda: restore_backup(
                    path, chosen.path, folder=folder, kept_as=corrupt_name(path, self.now())
                ),
                self.window,
                _tr("Restoring “{name}”…").format(name=chosen.path.name),
            )
        except CatalogueError as error:
            self.notifier.error(self.window, _tr("Cannot restore the backup"), error.message)
            return False
        opened = self._reopen(path)
        self.notifier.info(
            self.window,
            _tr("Backup restored"),
            _tr("“{name}” is as it was on {when}. The damaged file is kept as “{kept}”.").format(
                name=path.name, when=chosen.made.strftime("%Y-%m-%d %H:%M"), kept=kept.name
            ),
        )
        return opened

    @staticmethod
    def now() -> datetime:
        return datetime.now()


def _salvaged(saved: Salvage) -> str:
    """What a salvage kept, in a few sentences."""
    kept = _tr("“{name}” now holds what could be read of it: {records} records, {meetings}"
               " meetings and {notes} notes.").format(
        name=saved.path.name, records=f"{saved.kept('aid_record'):,}",
        meetings=f"{saved.kept('meeting'):,}", notes=f"{saved.kept('note'):,}",
    )  # fmt: skip
    missing = [saved.missing(table) for table in ("aid_record", "meeting", "note")]
    if saved.whole:
        loss = _tr("Every row could be read.")
    elif None in missing or not any(missing):
        loss = _tr("Some rows on damaged pages could not be read: compare it with your latest"
                   " backup.")  # fmt: skip
    else:
        records, meetings, notes = (f"{n:,}" for n in missing)
        loss = _tr("{records} records, {meetings} meetings and {notes} notes could not be read:"
                   " compare it with your latest backup.").format(
            records=records, meetings=meetings, notes=notes
        )  # fmt: skip
    where = _tr("The damaged file is kept as “{kept}”.").format(kept=saved.kept_as.name)
    return f"{kept} {loss} {where}"
