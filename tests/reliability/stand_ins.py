"""The window of the reliability tests, built as app.py builds it, with the message boxes
replaced by a recorder (no test waits on a modal box), and a driver for the real forms.
Used in this process by pytest-qt and in child processes (a read-only folder)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPlainTextEdit, QWidget

from aidviewer.models import MeetingTableModel, RecordTableModel
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.settings import Settings


class RecordingNotifier:
    """What the window would have said in message boxes; nothing is asked."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []

    def error(self, parent: QWidget | None, title: str, message: str) -> None:
        self.errors.append((title, message))

    def info(self, parent: QWidget | None, title: str, message: str) -> None:
        self.infos.append((title, message))

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> None:
        raise AssertionError(f"unexpected question: {title}: {label}")

    def choose(self, parent: QWidget | None, title: str, label: str, items: list[str]) -> None:
        raise AssertionError(f"unexpected question: {title}: {label}")

    def confirm(self, parent: QWidget | None, title: str, question: str, action: str) -> bool:
        raise AssertionError(f"unexpected question: {question}")


def build_window(settings_file: Path, notifier: RecordingNotifier) -> MainWindow:
    """A shown main window with settings of its own and no automatic backups."""
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    settings.set_automatic_backups(False)
    settings.set_staff_name("Rasa")
    window = MainWindow(
        settings,
        RecordTableModel(),
        MeetingTableModel(),
        notifier=notifier,  # type: ignore[arg-type]
        busy_timeout=0.5,
    )
    window.show()
    return window


def one_sentence(message: str) -> bool:
    """A message for a person: one line, one sentence, no programmer's words."""
    body = message.rstrip(".")
    return (
        message.endswith(".")
        and "\n" not in message
        and ". " not in body
        and not any(word in message for word in ("Traceback", "sqlite", "Error", "errno"))
    )


class FormDriver:
    """Answers the modal forms a window opens, as a person would: the first one is
    filled in by `fill` (which presses its Save or OK); any form that opens after it
    (as one that gives back what was typed after a failed save) is read, then closed."""

    _SEEN = "reliability_seen"

    def __init__(self, fill: Callable[[QDialog], None]) -> None:
        self.fill = fill
        self.forms = 0
        self.texts_after: list[str] = []  # the text in each form opened after the first
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._look)

    def __enter__(self) -> FormDriver:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog.property(self._SEEN):
            return
        dialog.setProperty(self._SEEN, True)
        self.forms += 1
        if self.forms == 1:
            self.fill(dialog)
            return
        texts = [edit.toPlainText() for edit in dialog.findChildren(QPlainTextEdit)]
        texts += [edit.text() for edit in dialog.findChildren(QLineEdit)]
        self.texts_after.append("\n".join(texts))
        QDialog.done(dialog, QDialog.DialogCode.Rejected)  # not reject(): it would ask
