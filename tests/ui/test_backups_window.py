"""Backups in the window: made by themselves on opening (once a day) and on closing a
changed catalogue, and File > Restore from Backup…, which keeps the catalogue as it was."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer.store import Catalogue, RecordQuery
from aidviewer.store.backup import AUTO, CLOSE, Backup, list_backups
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
