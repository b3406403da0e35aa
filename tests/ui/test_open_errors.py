"""File > Open of a bad file: one clear sentence, the open catalogue stays, and the bad
file is left byte-identical with nothing beside it (RELIABILITY.md, T9)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import bad_files
import pytest
from pytestqt.qtbot import QtBot
from window_helpers import FakeFiles, FakeNotifier, WindowFactory, sha256

from aidviewer.models import Column
from aidviewer.ui.actions import ActionId
from aidviewer.ui.main_window import MainWindow

CASES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "text file": (bad_files.text_file, "The file “bad.aidb” is not an aidviewer catalogue."),
    "empty file": (bad_files.empty_file, "The file “bad.aidb” is empty: it is not a catalogue."),
    "header only": (bad_files.header_only, "truncated"),
    "truncated": (bad_files.truncated(0.5), "truncated"),
    "another program's database": (bad_files.foreign_sqlite, "database of another program"),
    "newer version": (bad_files.newer_version, "newer version of aidviewer"),
}
DAMAGED = ("header only", "truncated")  # an aidviewer catalogue, damaged


def _assert_one_sentence(message: str) -> None:
    assert "bad.aidb" in message
    assert message.endswith(".")
    assert "\n" not in message and "Traceback" not in message and "sqlite" not in message


def _assert_still_showing_sample(window: MainWindow) -> None:
    assert window.windowTitle() == "sample — aidviewer"
    assert window.catalogue is not None and window.catalogue.name == "sample"
    view = window.catalogue_view.records_view
    assert view.model().rowCount() == 10
    titles = [view.model().index(r, Column.TITLE).data() for r in range(10)]
    assert "NASAMS launchers and equipment" in titles
    assert window.catalogue.totals()[0] == 10  # still open and readable
    assert window.records_status.text() == "10 records · €500,000,000.00"


@pytest.mark.parametrize("case", CASES)
def test_bad_file_is_refused_and_untouched(
    case: str,
    make_window: WindowFactory,
    files: FakeFiles,
    notifier: FakeNotifier,
    sample_path: Path,
    tmp_path: Path,
    damage_questions: list[tuple[str, str]],
) -> None:
    make, phrase = CASES[case]
    folder = tmp_path / "bad"
    folder.mkdir()
    bad = folder / "bad.aidb"
    make(bad, sample_path)
    before = sha256(bad)

    window = make_window()
    assert window.open_catalogue(sample_path)
    files.open_answers.append(bad)
    window.action(ActionId.OPEN).trigger()

    if case in DAMAGED:  # the person may restore a backup or salvage it; here, Cancel
        assert notifier.errors == []
        ((name, message),) = damage_questions
        assert name == "bad.aidb"
    else:
        assert damage_questions == []
        ((title, message),) = notifier.errors
        assert title == "Cannot open the catalogue"
    assert phrase in message
    _assert_one_sentence(message)
    _assert_still_showing_sample(window)
    assert sha256(bad) == before
    assert sorted(p.name for p in folder.iterdir()) == ["bad.aidb"]
    assert bad not in window.settings.recent_files()


def test_locked_file_is_refused_and_untouched(
    make_window: WindowFactory,
    files: FakeFiles,
    notifier: FakeNotifier,
    sample_path: Path,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    bad = folder / "bad.aidb"
    shutil.copyfile(sample_path, bad)
    before = sha256(bad)
    window = make_window()
    window.open_catalogue(sample_path)
    holder = sqlite3.connect(bad, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        files.open_answers.append(bad)
        window.action(ActionId.OPEN).trigger()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert notifier.messages == [
        "“bad.aidb” is locked by another program: try again when it has finished."
    ]
    _assert_still_showing_sample(window)
    assert sha256(bad) == before
    assert sorted(p.name for p in folder.iterdir()) == ["bad.aidb"]


def test_missing_file_from_the_empty_state(
    make_window: WindowFactory, notifier: FakeNotifier, tmp_path: Path
) -> None:
    window = make_window()
    assert not window.open_catalogue(tmp_path / "gone.aidb")
    assert notifier.messages == ["The file “gone.aidb” does not exist."]
    assert window.stack.currentWidget() is window.empty_state
    assert window.catalogue is None
    assert not (tmp_path / "gone.aidb").exists()


def test_big_catalogue_is_checked_after_it_is_shown(
    make_window: WindowFactory,
    notifier: FakeNotifier,
    sample_path: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file too big to check before showing it is checked in the background; damage
    found then is reported in one sentence and shown in the notice bar."""
    monkeypatch.setattr("aidviewer.store.catalogue.QUICK_CHECK_MAX_BYTES", 0)
    damaged = tmp_path / "bad.aidb"
    bad_files.damaged_index(damaged, sample_path)
    window = make_window()
    assert window.open_catalogue(sample_path)  # sound: nothing to report
    assert window.open_catalogue(damaged)  # shown at once …
    assert window.records.rowCount() == 10
    qtbot.waitUntil(lambda: len(notifier.errors) == 1, timeout=5000)  # … then reported
    assert notifier.errors == [
        (
            "The catalogue is damaged",
            "The catalogue “bad.aidb” is damaged: restore it from a backup.",
        )
    ]
    assert window.catalogue_view.notice.text() == notifier.errors[0][1]
