"""The window's questions to the person: file choosers and messages.

They are small objects passed to the window, so that tests replace them and never block
on a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from aidviewer.store import SUFFIX

T = TypeVar("T")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def _filter() -> str:
    return _tr("aidviewer catalogues (*{suffix});;All files (*)").format(suffix=SUFFIX)


class FileChooser:
    """Asks for a catalogue file to open or to create."""

    def open_path(self, parent: QWidget | None, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, _tr("Open Catalogue"), str(folder), _filter())
        return Path(name) if name else None

    def save_path(self, parent: QWidget | None, folder: Path) -> Path | None:
        # The store refuses to overwrite a catalogue, so the dialog need not ask.
        name, _ = QFileDialog.getSaveFileName(
            parent,
            _tr("New Catalogue"),
            str(folder / _tr("Untitled{suffix}").format(suffix=SUFFIX)),
            _filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        return Path(name) if name else None


class Notifier:
    """Tells the person that something failed, in one plain sentence, and asks the small
    questions the window needs answered (a name, a yes or no)."""

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        """A line of text, or None when the person cancels."""
        value, accepted = QInputDialog.getText(parent, title, label, text=text)
        return value if accepted else None

    def choose(
        self, parent: QWidget | None, title: str, label: str, items: list[str]
    ) -> str | None:
        """One of `items`, or None when the person cancels."""
        value, accepted = QInputDialog.getItem(parent, title, label, items, 0, False)
        return value if accepted else None

    def confirm(self, parent: QWidget | None, title: str, question: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def info(self, parent: QWidget | None, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def error(self, parent: QWidget | None, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, title, message, parent=parent)
        # A file name like "<b>x</b>.aidb" is data, not markup.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()


def ask_unsaved(parent: QWidget | None) -> str:
    """Save, Discard or Cancel for a form closed with changes: "save", "discard" or
    "cancel"."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _tr("Unsaved changes"),
        _tr("Save your changes before closing?"),
        parent=parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def run_dialog(dialog: QDialog, read: Callable[[], T]) -> T | None:
    """Show `dialog` modally; what `read` makes of it if accepted, else None. The dialog
    is deleted afterwards: parented to the window, it would otherwise stay hidden there
    (with what it held) until the window goes."""
    try:
        return read() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
