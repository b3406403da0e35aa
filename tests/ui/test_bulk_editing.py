"""Edit > Edit Selected Records in the window: the selected records, previewed, changed
as one undoable step, and never half-changed."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer.store import AidRecord, Catalogue, RecordQuery
from aidviewer.ui import edit_actions
from aidviewer.ui.actions import ActionId
from aidviewer.ui.bulk_edit_dialog import BulkEditDialog
from aidviewer.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

CHOSEN = (2, 4, 5)


def _window(make_window: WindowFactory, sample_path: Path) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(sample_path)
    window.settings.set_staff_name("Rasa")
    return window


def _select(window: MainWindow, ids: tuple[int, ...]) -> None:
    page = window.catalogue_view.records_page
    page.view.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for record_id in ids:
        row = page.model.row_of(record_id)
        assert row is not None
        page.view.selectionModel().select(page.model.index(row, 0), flags)


def _records(path: Path) -> list[tuple[Any, ...]]:
    """Every record's row and tags, as the file has them, but for what a save updates."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT id, title, category_id, donor_id, aid_type FROM aid_record ORDER BY id"
        ).fetchall()
        tags = con.execute(
            "SELECT record_id, tag_id FROM record_tag ORDER BY record_id, tag_id"
        ).fetchall()
        return [*rows, tuple(tags)]
    finally:
        con.close()


def test_selected_records_are_changed_previewed_and_undone_in_one_step(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    _select(window, CHOSEN)
    before = _records(sample_path)
    seen: list[Any] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BulkEditDialog)
        seen.append(sorted(record.id for record in dialog.records))
        dialog.set_add_tags.setChecked(True)
        dialog.add_tags.setText("winter package")
        seen.append(dialog.preview.rowCount())
        seen.append(dialog.summary.text())
        dialog.apply_button.click()

    QTimer.singleShot(0, drive)
    window.action(ActionId.BULK_EDIT).trigger()
    assert seen == [list(CHOSEN), 3, "3 of 3 records will change."]
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert all("winter package" in catalogue.record(i).tags for i in CHOSEN)
        assert all("winter package" not in r.tags for r in map(catalogue.record, (1, 3)))
    assert window.undo_action.text().replace("&", "") == "Undo Edit 3 Records"
    window.undo_action.trigger()  # one step takes back all three
    assert _records(sample_path) == before
    assert not window.editor.stack.canUndo()
    window.redo_action.trigger()
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert all("winter package" in catalogue.record(i).tags for i in CHOSEN)


def _colleague_saves_while_asked(window: MainWindow, sample_path: Path, **values: Any) -> None:
    """The bulk edit dialog sets no category on the chosen records; while it is open, a
    colleague saves one of them with `values`."""

    def ask(parent: Any, catalogue: Catalogue, records: list[AidRecord]) -> Any:
        dialog = BulkEditDialog(parent, catalogue, records)
        dialog.set_category.setChecked(True)
        dialog.category.setCurrentIndex(0)  # none
        pairs = dialog.changed_records()
        with Catalogue.open(sample_path) as other:
            record = other.record(CHOSEN[1])
            other.update_record(dataclasses.replace(record, **values))
        return pairs

    window.edits.ask_bulk = ask


def test_a_colleagues_change_to_the_same_field_leaves_all_of_them_unchanged(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot, notifier: FakeNotifier
) -> None:
    window = _window(make_window, sample_path)
    _select(window, CHOSEN)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        other_category = next(
            c.id for c in catalogue.categories() if c.id != catalogue.record(CHOSEN[1]).category_id
        )
    _colleague_saves_while_asked(window, sample_path, category_id=other_category)
    before = _records(sample_path)
    window.action(ActionId.BULK_EDIT).trigger()
    assert notifier.errors and notifier.errors[0][0] == "Edit 3 Records"
    # Only the colleague's save: none of the three lost its category.
    expected = [
        (*row[:2], other_category, *row[3:]) if row[0] == CHOSEN[1] else row for row in before[:-1]
    ]
    assert _records(sample_path) == [*expected, before[-1]]
    assert not window.editor.stack.canUndo()


def test_a_colleagues_change_to_another_field_is_kept(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot, notifier: FakeNotifier
) -> None:
    window = _window(make_window, sample_path)
    _select(window, CHOSEN)
    _colleague_saves_while_asked(window, sample_path, title="Theirs")
    before = _records(sample_path)
    window.action(ActionId.BULK_EDIT).trigger()
    assert not notifier.errors
    after = {row[0]: row for row in _records(sample_path)[:-1]}
    assert after[CHOSEN[1]][1] == "Theirs"
    assert [after[i][2] for i in CHOSEN] == [None, None, None]
    window.undo_action.trigger()  # their title stays; the categories come back
    after_undo = {row[0]: row for row in _records(sample_path)[:-1]}
    assert after_undo[CHOSEN[1]][1] == "Theirs"
    assert [after_undo[i][2] for i in CHOSEN] == [before[i - 1][2] for i in CHOSEN]


def test_nothing_selected_or_too_many_says_so(
    make_window: WindowFactory,
    sample_path: Path,
    qtbot: QtBot,
    notifier: FakeNotifier,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(make_window, sample_path)
    asked: list[int] = []
    window.edits.ask_bulk = lambda parent, catalogue, records: asked.append(len(records))
    window.catalogue_view.records_page.view.clearSelection()
    window.action(ActionId.BULK_EDIT).trigger()
    assert window.statusBar().currentMessage().startswith("Select aid records in the table")
    monkeypatch.setattr(edit_actions, "BULK_LIMIT", 2)
    _select(window, CHOSEN)
    window.action(ActionId.BULK_EDIT).trigger()
    assert notifier.errors == [
        (
            "Too many records selected",
            "3 records are selected; at most 2 can be edited at once."
            " Narrow the table with a search or filter first.",
        )
    ]
    assert asked == []


def test_a_bulk_edit_keeps_the_tables_filters(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    """Records that the change takes out of the filtered table leave it; the filter the
    person set stays, on the edit and on its undo."""
    window = _window(make_window, sample_path)
    page = window.catalogue_view.records_page
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        vehicles = next(c.id for c in catalogue.categories() if c.name == "Vehicles")
    page.set_query(RecordQuery(category_ids=(vehicles,)))
    shown = [page.model.summary(row).id for row in range(page.model.rowCount())]  # type: ignore[union-attr]
    assert len(shown) == 2
    _select(window, tuple(shown))

    def ask(parent: Any, catalogue: Catalogue, records: list[AidRecord]) -> Any:
        return [(r, dataclasses.replace(r, category_id=None)) for r in records]

    window.edits.ask_bulk = ask
    window.action(ActionId.BULK_EDIT).trigger()
    assert page.model.query.category_ids == (vehicles,)
    assert page.model.rowCount() == 0  # both left the filtered table
    window.undo_action.trigger()
    assert page.model.query.category_ids == (vehicles,)
    assert page.model.rowCount() == 2
