"""Stand-ins for the window's file dialogs and message boxes, and small checks shared by
the window tests. (A plain module: tests import it; conftest.py only holds fixtures.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bad_files import sha256
from PySide6.QtWidgets import QWidget

from aidviewer.ui.main_window import MainWindow


class FakeFiles:
    """Answers the file dialogs with paths a test sets beforehand."""

    def __init__(self) -> None:
        self.open_answers: list[Path | None] = []
        self.save_answers: list[Path | None] = []
        self.asked: list[str] = []

    def open_path(self, parent: QWidget | None, folder: Path) -> Path | None:
        self.asked.append("open")
        return self.open_answers.pop(0)

    def save_path(self, parent: QWidget | None, folder: Path) -> Path | None:
        self.asked.append("save")
        return self.save_answers.pop(0)


class FakeNotifier:
    """Records the error messages the window would have shown, and answers its questions
    with what a test sets beforehand."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.text_answers: list[str | None] = []
        self.confirm_answers: list[bool] = []
        self.choice_answers: list[str | None] = []
        self.questions: list[str] = []

    def error(self, parent: QWidget | None, title: str, message: str) -> None:
        self.errors.append((title, message))

    def info(self, parent: QWidget | None, title: str, message: str) -> None:
        self.infos.append((title, message))

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        self.questions.append(f"{title}: {label} [{text}]")
        return self.text_answers.pop(0)

    def choose(
        self, parent: QWidget | None, title: str, label: str, items: list[str]
    ) -> str | None:
        self.questions.append(f"{title}: {label} {items}")
        return self.choice_answers.pop(0)

    def confirm(self, parent: QWidget | None, title: str, question: str, action: str) -> bool:
        self.questions.append(question)
        return self.confirm_answers.pop(0)

    @property
    def messages(self) -> list[str]:
        return [message for _, message in self.errors]


WindowFactory = Callable[..., MainWindow]


__all__ = ["FakeFiles", "FakeNotifier", "WindowFactory", "sha256"]
