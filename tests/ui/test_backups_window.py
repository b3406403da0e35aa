"""Backups in the window: made by themselves on opening (once a day) and on closing a
changed catalogue, and File > Restore from Backup…, which keeps the catalogue as it was."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer import faults
from aidviewer.store import Catalogue, RecordQuery
from aidviewer.store.backup import AUTO, CLOSE, MANUAL, Backup, list_backups
from aidviewer.ui import backup_actions
from aidviewer.ui.actions import ActionId
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.settings import Settings

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture
def backing_up(settings: Settings) -> Settings:
    settings.set_automatic_backups(True)
    return settings


def _open(make_window: WindowFactory, path: Path, qtbot: QtBot) -> MainWindow:
    window = make_window()
    with qtbot.waitSignal(window.backups.backedUp, timeout=30_000):
        assert window.open_catalogue(path)
    return window


def test_a_catalogue_is_backed_up_on_opening_once_a_day(
    make_window: WindowFactory, backing_up: Settings, sample_path: Path, qtbot: QtBot
) -> None:
    window = _open(make_window, sample_path, qtbot)
    (made,) = list_backups(sample_path)
    assert made.kind == AUTO and made.records == 10
    window.close_catalogue()  # nothing changed: no backup on closing
    assert window.open_catalogue(sample_path)  # opened again the same day: none due
    window.backups.stop()
    assert [b.kind for b in list_backups(sample_path)] == [AUTO]


def test_a_changed_catalogue_is_backed_up_on_closing(
    make_window: WindowFactory, backing_up: Settings, sample_path: Path, qtbot: QtBot
) -> None:
    window = _open(make_window, sample_path, qtbot)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        record = catalogue.record(catalogue.record_ids(RecordQuery())[0])
    assert window.editor.edit_record(record, dataclasses.replace(record, title="Changed"))
    with qtbot.waitSignal(window.backups.backedUp, timeout=30_000):
        window.close_catalogue()  # on a worker: the window goes on meanwhile
    kinds = [b.kind for b in list_backups(sample_path)]
    assert kinds == [AUTO, CLOSE]
    with Catalogue.open(list_backups(sample_path)[-1].path, read_only=True) as copy:
        assert copy.record(record.id).title == "Changed"  # the backup has the change


def test_restore_goes_back_and_keeps_the_catalogue_as_it_was(
    make_window: WindowFactory,
    backing_up: Settings,
    sample_path: Path,
    notifier: FakeNotifier,
    qtbot: QtBot,
) -> None:
    window = _open(make_window, sample_path, qtbot)  # backed up with 10 records
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        first = catalogue.record_ids(RecordQuery())[0]
    assert window.editor.delete_record(first)
    offered: list[list[Backup]] = []

    def ask(parent: object, name: str, backups: list[Backup]) -> Backup:
        offered.append(backups)
        return next(b for b in backups if b.kind == AUTO)

    window.backups.ask_backup = ask  # type: ignore[assignment]
    window.action(ActionId.RESTORE).trigger()
    assert window.catalogue is not None and window.catalogue.path == sample_path
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert catalogue.counts()["records"] == 10  # the deleted record is back
    assert notifier.infos[-1][0] == "Backup restored"
    kept_name = notifier.infos[-1][1].split("kept as “")[1].split("”")[0]
    kept = next(sample_path.parent.rglob(kept_name))
    with Catalogue.open(kept, read_only=True) as before:
        assert before.counts()["records"] == 9  # the catalogue as it was, kept
    assert {b.kind for b in offered[0]} >= {AUTO}


def test_quitting_waits_for_the_closing_backup_and_the_window_goes_on_meanwhile(
    make_window: WindowFactory,
    backing_up: Settings,
    sample_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Closing the window of a changed catalogue makes the closing backup before it
    ends, on a worker: a timer on the window's thread keeps beating while the backup is
    held back (were it made on the window's thread, no beat would come until it ended)."""
    window = _open(make_window, sample_path, qtbot)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        record = catalogue.record(catalogue.record_ids(RecordQuery())[0])
    assert window.editor.edit_record(record, dataclasses.replace(record, title="Changed"))
    release = threading.Event()
    real = backup_actions.make_backup

    def held(*args: object, **kwargs: object) -> Backup:
        release.wait(20)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_actions, "make_backup", held)
    beats: list[int] = []

    def beat() -> None:
        beats.append(1)
        if len(beats) >= 5:
            release.set()

    timer = QTimer()
    timer.timeout.connect(beat)
    timer.start(10)
    window.close()  # returns once the closing backup is made
    timer.stop()
    assert len(beats) >= 5
    assert [b.kind for b in list_backups(sample_path)] == [AUTO, CLOSE]
    with Catalogue.open(list_backups(sample_path)[-1].path, read_only=True) as copy:
        assert copy.record(record.id).title == "Changed"


def _held(
    monkeypatch: pytest.MonkeyPatch, name: str, beats_wanted: int = 60
) -> tuple[QTimer, list[str], list[str]]:
    """Hold backup_actions.`name` until a timer on the window's thread has beaten
    `beats_wanted` times; the timer also notes the progress dialogs and status messages
    shown meanwhile. (Work held on the window's thread would never let it beat: a
    watchdog then lets it go after 20 s, and the test fails on its count.)"""
    release = threading.Event()
    real = getattr(backup_actions, name)

    def held(*args: object, **kwargs: object) -> object:
        release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(backup_actions, name, held)
    beats: list[str] = []
    shown: list[str] = []

    def beat() -> None:
        beats.append("beat")
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        for widget in app.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                shown.append(widget.labelText())
            if isinstance(widget, MainWindow) and widget.statusBar().currentMessage():
                shown.append(widget.statusBar().currentMessage())
        if len(beats) >= beats_wanted:
            release.set()

    timer = QTimer()
    timer.timeout.connect(beat)
    timer.start(10)
    return timer, beats, shown


def test_back_up_now_shows_progress_and_says_where_the_backup_went(
    make_window: WindowFactory,
    sample_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path)
    timer, beats, shown = _held(monkeypatch, "make_backup")
    window.action(ActionId.BACKUP).trigger()  # returns once the backup is made
    timer.stop()
    assert len(beats) >= 60
    assert "Backing up “sample.aidb”…" in shown  # the progress dialog, after half a second
    (made,) = list_backups(sample_path, check=True)
    assert made.kind == MANUAL and made.records == 10 and not made.problem
    assert window.statusBar().currentMessage() == (
        f"“sample.aidb” is backed up as “{made.path.name}”."
    )


def test_a_backup_that_fails_is_said_in_a_sentence(
    make_window: WindowFactory,
    sample_path: Path,
    notifier: FakeNotifier,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path)
    faults.arm("backup.before_rename:full")
    try:
        window.action(ActionId.BACKUP).trigger()
    finally:
        faults.disarm()
    assert notifier.errors[-1][0] == "No backup was made"
    assert "full" in notifier.errors[-1][1]
    assert list_backups(sample_path) == []


def test_restoring_runs_off_the_window_thread_with_progress(
    make_window: WindowFactory,
    backing_up: Settings,
    sample_path: Path,
    notifier: FakeNotifier,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _open(make_window, sample_path, qtbot)
    window.backups.ask_backup = lambda parent, name, backups: backups[0]  # type: ignore[assignment]
    timer, beats, shown = _held(monkeypatch, "restore_backup")
    window.action(ActionId.RESTORE).trigger()
    timer.stop()
    assert len(beats) >= 60
    assert any(text.startswith("Restoring “sample ") for text in shown)
    assert notifier.infos[-1][0] == "Backup restored"


def test_the_status_bar_says_while_an_automatic_backup_is_made(
    make_window: WindowFactory,
    backing_up: Settings,
    sample_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    timer, beats, shown = _held(monkeypatch, "make_backup", beats_wanted=30)
    window = make_window()
    with qtbot.waitSignal(window.backups.backedUp, timeout=30_000):
        assert window.open_catalogue(sample_path)
    timer.stop()
    assert len(beats) >= 30  # the window went on while the backup was held
    assert "Backing up “sample.aidb”…" in shown
    assert window.statusBar().currentMessage() == "“sample.aidb” is backed up."
