"""Opening an earlier value from a record's or meeting's history: shown whole, copied,
and put back as an undoable edit."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import WindowFactory

from aidviewer.store import Catalogue, HistoryEntry
from aidviewer.ui.history_dialog import HistoryValueDialog, earlier_value
from aidviewer.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

NASAMS = 2
NEW_DESCRIPTION = "Rewritten.\nSecond line."


def _window(make_window: WindowFactory, path: Path, read_only: bool = False) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(path, read_only=read_only)
    window.settings.set_staff_name("Rasa")
    return window


def _edit(window: MainWindow, **values: Any) -> None:
    assert window.catalogue is not None
    before = window.catalogue.record(NASAMS)
    assert window.editor.edit_record(before, dataclasses.replace(before, **values))


def _entry(path: Path, field: str) -> HistoryEntry:
    with Catalogue.open(path, read_only=True) as catalogue:
        entries = catalogue.history("aid_record", NASAMS)
    return max((e for e in entries if e.field == field), key=lambda e: e.id)


def _click_history(window: MainWindow, entry: HistoryEntry) -> None:
    page = window.catalogue_view.records_page
    assert page.select_id(NASAMS)
    link = f"aidviewer:history/{entry.id}"
    assert link in page.detail.toHtml()  # the history row offers to open it
    page.detail.anchorClicked.emit(QUrl(link))


def test_an_earlier_description_is_shown_whole_and_put_back(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = _window(make_window, sample_path)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        original = catalogue.record(NASAMS).description
    _edit(window, description=NEW_DESCRIPTION)
    asked: list[tuple[str, str, str, bool]] = []

    def ask(parent: Any, entry: HistoryEntry, old: str, new: str, can_put_back: bool) -> bool:
        asked.append((entry.field, old, new, can_put_back))
        return True

    window.edits.ask_history = ask
    _click_history(window, _entry(sample_path, "description"))
    assert asked == [("description", original, NEW_DESCRIPTION, True)]  # line breaks too
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert catalogue.record(NASAMS).description == original
    window.undo_action.trigger()  # putting it back is an edit like any other
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert catalogue.record(NASAMS).description == NEW_DESCRIPTION


def test_an_earlier_donor_is_named_and_put_back_by_id(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = _window(make_window, sample_path)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        record = catalogue.record(NASAMS)
        donor = catalogue.organisation(record.donor_id or 0)
        other = next(o for o in catalogue.organisations() if o.id != donor.id)
    _edit(window, donor_id=other.id)
    asked: list[tuple[str, str]] = []

    def ask(parent: Any, entry: HistoryEntry, old: str, new: str, can_put_back: bool) -> bool:
        asked.append((old, new))
        return True

    window.edits.ask_history = ask
    _click_history(window, _entry(sample_path, "donor_id"))
    assert asked == [(donor.name, other.name)]
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert catalogue.record(NASAMS).donor_id == donor.id


def test_the_dialog_shows_both_values_and_copies_the_earlier(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        original = catalogue.record(NASAMS).description
    _edit(window, description=NEW_DESCRIPTION)
    seen: list[Any] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, HistoryValueDialog)
        seen.extend([dialog.before.toPlainText(), dialog.after.toPlainText()])
        seen.append(dialog.put_back_button.isEnabled())
        dialog.copy_button.click()
        dialog.reject()

    QTimer.singleShot(0, look)
    _click_history(window, _entry(sample_path, "description"))
    assert seen == [original, NEW_DESCRIPTION, True]
    assert QGuiApplication.clipboard().text() == original
    with Catalogue.open(sample_path, read_only=True) as catalogue:  # Close puts nothing back
        assert catalogue.record(NASAMS).description == NEW_DESCRIPTION


def test_nothing_is_put_back_in_a_read_only_catalogue(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = _window(make_window, sample_path)
    _edit(window, title="Renamed")
    window.close_catalogue()
    assert window.open_catalogue(sample_path, read_only=True)
    offered: list[bool] = []
    window.edits.ask_history = lambda parent, entry, old, new, can: offered.append(can) or True
    _click_history(window, _entry(sample_path, "title"))
    assert offered == [False]
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert catalogue.record(NASAMS).title == "Renamed"


@pytest.mark.parametrize(
    ("entity", "field", "old", "expected"),
    [
        ("aid_record", "title", "Old title", ("title", "Old title")),
        ("aid_record", "quantity", "", ("quantity", None)),
        ("aid_record", "quantity", "12", ("quantity", 12)),
        ("aid_record", "category_id", "3", ("category_id", 3)),
        ("aid_record", "tags", "a, b c", ("tags", ("a", "b c"))),
        ("meeting", "minutes", "Line 1\nLine 2", ("minutes", "Line 1\nLine 2")),
        ("aid_record", "stages", "announced 2023", None),  # the form changes those
        ("aid_record", "aid_type", "naval", None),  # no longer a known value
        ("note", "body", "old text", None),
    ],
)
def test_which_earlier_values_can_be_put_back(
    entity: str, field: str, old: str, expected: tuple[str, object] | None
) -> None:
    entry = HistoryEntry(
        id=1, at="", who="", entity=entity, entity_id=1, action="update", field=field,
        old=old, new="x",
    )  # fmt: skip
    assert earlier_value(entry) == expected


def test_a_deleted_notes_text_can_be_opened_from_the_history(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = _window(make_window, sample_path)
    page = window.catalogue_view.records_page
    assert page.select_id(NASAMS)
    note = page.detail.notes()[0]
    assert window.editor.delete_note(note)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        entry = next(
            e
            for e in catalogue.history("aid_record", NASAMS, with_notes=True)
            if e.entity == "note" and e.action == "delete"
        )
    asked: list[tuple[str, str, bool]] = []
    window.edits.ask_history = lambda parent, e, old, new, can: asked.append((old, new, can))
    _click_history(window, entry)
    assert asked == [(note.body, "—", False)]  # copied, not put back: Undo does that
