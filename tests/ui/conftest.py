"""Fixtures for the window tests: temporary settings, and stand-ins for the file dialogs
and message boxes so that no test ever waits on a modal dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from pytestqt.qtbot import QtBot
from window_helpers import FakeFiles, FakeNotifier, WindowFactory

from aidviewer.models import MeetingTableModel, RecordTableModel
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.settings import Settings

EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture(autouse=True)
def en_us() -> Iterator[QLocale]:
    """English (United States) as the default locale, so expected text is exact."""
    before = QLocale()
    QLocale.setDefault(EN_US)
    yield EN_US
    QLocale.setDefault(before)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "aidviewer.ini"


@pytest.fixture
def settings(settings_path: Path) -> Settings:
    """Settings in a temporary INI file: the user's own are never touched."""
    settings = Settings(QSettings(str(settings_path), QSettings.Format.IniFormat))
    # Backups made by themselves are for the tests of backups (test_backups_window.py),
    # not for every window a test opens.
    settings.set_automatic_backups(False)
    return settings


@pytest.fixture
def files() -> FakeFiles:
    return FakeFiles()


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def make_window(
    qtbot: QtBot, settings: Settings, files: FakeFiles, notifier: FakeNotifier
) -> WindowFactory:
    """Build a shown main window the way app.py does, with the stand-ins."""

    def make(settings_: Settings | None = None) -> MainWindow:
        window = MainWindow(
            settings_ or settings,
            RecordTableModel(),
            MeetingTableModel(),
            files=files,  # type: ignore[arg-type]
            notifier=notifier,  # type: ignore[arg-type]
            busy_timeout=0.2,
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture(autouse=True)
def welcomed(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The first launch's welcome, answered "explore" without a dialog; what it was
    shown to is listed, for the tests of it."""
    from aidviewer.ui.welcome import Choice, WelcomeDialog

    shown: list[object] = []

    def answer(parent: object) -> Choice:
        shown.append(parent)
        return Choice.EXPLORE

    monkeypatch.setattr(WelcomeDialog, "ask", answer)
    return shown


@pytest.fixture(autouse=True)
def damage_questions(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Opening a damaged catalogue asks whether to restore a backup or salvage it; here it
    is answered Cancel without a dialog, and each question is listed as (file name, the
    damage's sentence) for the tests of it."""
    from aidviewer.ui.backup_actions import DamagedDialog

    asked: list[tuple[str, str]] = []

    def cancel(parent: object, name: str, problem: str, *rest: object) -> None:
        asked.append((name, problem))

    monkeypatch.setattr(DamagedDialog, "ask_damaged", cancel)
    return asked
