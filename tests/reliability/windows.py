"""The main window for the reliability suite's window tests (T14, T16): built as app.py
builds it, with the window tests' stand-ins for the file dialogs and message boxes
(tests/ui/window_helpers.py), temporary settings, and the person already named."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings
from pytestqt.qtbot import QtBot
from ui.window_helpers import FakeFiles, FakeNotifier

from aidviewer.models import MeetingTableModel, RecordTableModel
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.settings import Settings

# The offscreen platform says so when a window or dialog shows: not a fault of ours.
QT_LOG_IGNORE = "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"

WindowOn = Callable[..., MainWindow]


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def window_on(
    qtbot: QtBot, tmp_path: Path, notifier: FakeNotifier, monkeypatch: pytest.MonkeyPatch
) -> Iterator[WindowOn]:
    """`window_on(path, name, busy_timeout=…)`: a shown window with the catalogue at
    `path` open, whose person is `name` (their saves are signed with it)."""
    from aidviewer.ui.welcome import Choice, WelcomeDialog

    monkeypatch.setattr(WelcomeDialog, "ask", lambda parent: Choice.EXPLORE)
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))

    def make(path: Path, name: str, busy_timeout: float | None = None) -> MainWindow:
        ini = tmp_path / "settings" / f"{name}.ini"
        settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
        settings.set_automatic_backups(False)
        settings.set_staff_name(name)
        window = MainWindow(
            settings,
            RecordTableModel(),
            MeetingTableModel(),
            files=FakeFiles(),  # type: ignore[arg-type]
            notifier=notifier,  # type: ignore[arg-type]
            busy_timeout=busy_timeout,
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.open_catalogue(path), notifier.messages
        return window

    yield make
    QLocale.setDefault(before)


class FormAnswers:
    """Stands in for the record form (`EditActions.ask_record`, which tests replace):
    each time the form opens it notes the record it shows and gives the next answer, a
    function of that record (None: the person cancels)."""

    def __init__(self, *answers: Callable[[Any], Any]) -> None:
        self.answers = list(answers)
        self.shown: list[Any] = []

    def __call__(self, parent: object, catalogue: object, record: Any, title: str,
                 **options: object) -> Any:  # fmt: skip
        self.shown.append(record)
        return self.answers.pop(0)(record) if self.answers else None
