"""Opening a damaged catalogue in the window (RELIABILITY.md, T21): the person may put a
backup in its place or salvage what can be read of it, and either way the damaged file is
kept beside it as "<name>.aidb.corrupt-<time>"; cancelling changes nothing."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Literal

import bad_files
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer.store import Catalogue, RecordQuery
from aidviewer.store.backup import Backup, list_backups, make_backup
from aidviewer.store.salvage import Salvage, TableSalvage
from aidviewer.ui import backup_actions
from aidviewer.ui.backup_actions import SALVAGE, DamagedDialog
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.settings import Settings

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

NOW = datetime(2026, 11, 27, 9, 30, 12)
ASK = DamagedDialog.ask_damaged  # the dialog itself: conftest answers it without one
KEPT = "sample.aidb.corrupt-20261127-093012"
Answer = Backup | Literal["salvage"] | None


def _damage_index(path: Path) -> None:
    bad_files.spoil_root_page(path, "aid_record_by_title", b"\x55" * 8)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _answering(window: MainWindow, answer: str) -> list[tuple[str, str, list[Backup], str]]:
    """Answer the damage dialog with the newest backup ("restore"), SALVAGE or None
    ("cancel"); what it was asked is recorded."""
    asked: list[tuple[str, str, list[Backup], str]] = []

    def ask(parent: object, name: str, problem: str, backups: list[Backup], kept: str) -> Answer:
        asked.append((name, problem, backups, kept))
        if answer == "restore":
            return backups[-1]
        return SALVAGE if answer == "salvage" else None

    window.backups.ask_damaged = ask  # type: ignore[assignment]
    window.backups.now = lambda: NOW  # type: ignore[method-assign]
    return asked


def _titles(path: Path) -> list[str]:
    with Catalogue.open(path, read_only=True) as catalogue:
        return sorted(s.title for s in catalogue.record_rows(RecordQuery()))


def test_a_backup_goes_in_place_of_a_damaged_catalogue(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    make_backup(sample_path)
    expected = _titles(sample_path)
    _damage_index(sample_path)
    damaged = _sha(sample_path)
    window = make_window()
    asked = _answering(window, "restore")
    assert window.open_catalogue(sample_path)
    ((name, problem, backups, kept),) = asked
    assert name == "sample.aidb" and kept == KEPT
    assert problem.startswith("The catalogue “sample.aidb” is damaged")
    assert [b.records for b in backups] == [10]
    assert window.catalogue is not None and window.catalogue.path == sample_path
    assert window.catalogue_view.records_page.model.rowCount() == 10
    assert _titles(sample_path) == expected
    assert _sha(sample_path.with_name(KEPT)) == damaged  # kept, as it was
    assert notifier.errors == []
    ((title, message),) = notifier.infos
    assert title == "Backup restored" and f"The damaged file is kept as “{KEPT}”." in message


def test_a_damaged_catalogue_is_salvaged_and_opened(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    expected = _titles(sample_path)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        counts = catalogue.counts()
    _damage_index(sample_path)
    damaged = _sha(sample_path)
    window = make_window()
    asked = _answering(window, "salvage")
    assert window.open_catalogue(sample_path)
    assert [backups for _, _, backups, _ in asked] == [[]]  # it had none
    assert window.catalogue is not None
    assert window.catalogue_view.records_page.model.rowCount() == 10
    assert _titles(sample_path) == expected
    assert _sha(sample_path.with_name(KEPT)) == damaged
    ((title, message),) = notifier.infos
    assert title == "Catalogue salvaged"
    held = (
        f"{counts['records']} records, {counts['meetings']} meetings and {counts['notes']} notes."
    )
    assert held in message and "Every row could be read." in message
    assert f"kept as “{KEPT}”" in message


def test_cancelling_changes_nothing(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    _damage_index(sample_path)
    damaged = _sha(sample_path)
    window = make_window()
    asked = _answering(window, "cancel")
    assert not window.open_catalogue(sample_path)
    assert len(asked) == 1
    assert window.catalogue is None
    assert _sha(sample_path) == damaged
    assert sorted(p.name for p in sample_path.parent.glob("sample.aidb*")) == ["sample.aidb"]
    assert notifier.infos == [] and notifier.errors == []


def test_a_read_only_opening_only_says_what_is_wrong(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    _damage_index(sample_path)
    window = make_window()
    asked = _answering(window, "salvage")
    assert not window.open_catalogue(sample_path, read_only=True)
    assert asked == []
    ((title, message),) = notifier.errors
    assert title == "Cannot open the catalogue" and "is damaged" in message


def test_the_dialog_shows_the_problem_as_text_and_offers_salvage_without_backups(
    qtbot: QtBot,
) -> None:
    problem = "The catalogue “<b>x</b>.aidb” is damaged: restore it from a backup."
    dialog = DamagedDialog(None, "<b>x</b>.aidb", problem, [], "<b>x</b>.aidb.corrupt-1")
    qtbot.addWidget(dialog)
    intro = dialog.findChild(QLabel, "intro")
    assert intro.textFormat() == intro.textFormat().PlainText
    # The store's advice is left out: the dialog says what can be done, with its buttons.
    assert intro.text().startswith("The catalogue “<b>x</b>.aidb” is damaged.\n\nIt has no backups")
    assert "“<b>x</b>.aidb.corrupt-1”" in intro.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.salvage_button.isDefault()


def test_the_dialog_answers_salvage_or_the_chosen_backup(qtbot: QtBot, sample_path: Path) -> None:
    make_backup(sample_path)
    backups = list_backups(sample_path)

    def press(which: str) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DamagedDialog)
        if which == "salvage":
            dialog.salvage_button.click()
        else:
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, lambda: press("salvage"))
    assert ASK(None, "sample.aidb", "Damaged.", backups, KEPT) == SALVAGE
    QTimer.singleShot(0, lambda: press("restore"))
    chosen = ASK(None, "sample.aidb", "Damaged.", backups, KEPT)
    assert chosen == backups[-1]


def test_no_backup_is_made_of_a_catalogue_found_damaged(
    make_window: WindowFactory,
    settings: Settings,
    sample_path: Path,
    notifier: FakeNotifier,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.set_automatic_backups(True)
    bad_files.swap_index_roots(sample_path)
    copies: list[Path] = []
    monkeypatch.setattr(backup_actions, "make_backup", lambda path, *a, **k: copies.append(path))
    window = make_window()
    assert window.open_catalogue(sample_path)
    window.backups.stop()
    assert copies == [sample_path]  # not yet known to be damaged: the daily backup
    with qtbot.waitSignal(window.help.checked, timeout=30_000):
        window.help.check()
    assert window.catalogue is not None and window.catalogue.damaged
    assert notifier.errors[-1][0] == "The catalogue is damaged"
    # Back Up Now says why it makes none; closing a changed catalogue makes none either.
    assert window.backups.backup_now() is None
    title, message = notifier.errors[-1]
    assert title == "No backup was made"
    assert "No backup of “sample.aidb” is made while it is damaged" in message
    window.backups.closing(window.catalogue, changed=True)
    window.backups.stop()
    assert copies == [sample_path]
    assert "is made while it is damaged" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    ("found", "kept", "says"),
    [
        ((5000, 300, 5000), (5000, 300, 5000), "Every row could be read."),
        (
            (5000, 300, 5000),
            (4984, 300, 4991),
            "16 records, 0 meetings and 9 notes could not be read: compare it with your"
            " latest backup.",
        ),
        (
            (None, 300, 5000),
            (4984, 300, 5000),
            "Some rows on damaged pages could not be read: compare it with your latest backup.",
        ),
    ],
)
def test_the_salvage_message_says_what_was_lost(
    found: tuple[int | None, ...], kept: tuple[int, ...], says: str
) -> None:
    tables = tuple(
        TableSalvage(table, counted, held)
        for table, counted, held in zip(("aid_record", "meeting", "note"), found, kept, strict=True)
    )
    saved = Salvage(Path("/x/Aid.aidb"), Path(f"/x/{KEPT}"), tables, unlinked=0, dropped=0)
    message = backup_actions._salvaged(saved)
    assert message == (
        f"“Aid.aidb” now holds what could be read of it: {kept[0]:,} records, {kept[1]:,}"
        f" meetings and {kept[2]:,} notes. {says} The damaged file is kept as “{KEPT}”."
    )
