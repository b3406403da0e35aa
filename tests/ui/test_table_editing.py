"""Cells edited in place with F2: checked as they are typed by the form's rules, saved as
one undoable edit, and safe when the row changed in the file since it was shown."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QTableView
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer.models import Column, MeetingColumn, RecordTableModel
from aidviewer.store import AidRecord, Catalogue
from aidviewer.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

NASAMS = 2


def _window(make_window: WindowFactory, path: Path, read_only: bool = False) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(path, read_only=read_only)
    window.settings.set_staff_name("Rasa")
    return window


def _row(path: Path, sql: str, row_id: int) -> tuple[Any, ...]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return tuple(con.execute(sql, (row_id,)).fetchone())
    finally:
        con.close()


def _record(path: Path) -> tuple[Any, ...]:
    return _row(path, "SELECT title, quantity, unit, version FROM aid_record WHERE id = ?", NASAMS)


def _press_f2(qtbot: QtBot, view: QTableView, index: QModelIndex) -> QLineEdit | None:
    """Make `index` current and press F2; the editor that opened, if any."""
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index)
    return editor if isinstance(editor, QLineEdit) else None


def _record_cell(window: MainWindow, column: Column) -> tuple[QTableView, QModelIndex]:
    page = window.catalogue_view.records_page
    row = page.model.row_of(NASAMS)
    assert row is not None
    return page.view, page.model.index(row, column)


def _type(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    """Type `text` over the cell's and press Enter. The delegate commits and closes the
    editor in a queued call, and the save is queued after it: tests wait for its effect."""
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_f2_edits_a_title_as_one_undoable_step(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    before = _record(sample_path)
    view, index = _record_cell(window, Column.TITLE)
    editor = _press_f2(qtbot, view, index)
    assert editor is not None and editor.text() == before[0]
    _type(qtbot, editor, "NASAMS fire units")
    assert view.state() != QAbstractItemView.State.EditingState
    qtbot.waitUntil(lambda: window.editor.stack.canUndo())
    assert _record(sample_path) == ("NASAMS fire units", *before[1:3], before[3] + 1)
    assert index.data() == "NASAMS fire units"  # the table read the row again
    assert window.undo_action.text().replace("&", "") == "Undo Edit “NASAMS fire units”"
    window.undo_action.trigger()
    assert _record(sample_path)[:3] == before[:3]
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        changes = [(h.field, h.old, h.new) for h in catalogue.history("aid_record", NASAMS)]
    assert ("title", before[0], "NASAMS fire units") in changes
    assert ("title", "NASAMS fire units", before[0]) in changes


def test_a_quantity_is_edited_as_a_number_in_the_users_locale(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    view, index = _record_cell(window, Column.QUANTITY)
    editor = _press_f2(qtbot, view, index)
    assert editor is not None
    _type(qtbot, editor, "12,500")
    qtbot.waitUntil(lambda: window.editor.stack.canUndo())
    _, quantity, unit, _ = _record(sample_path)
    assert quantity == 12500 and unit  # the unit is kept
    assert index.data() == f"12,500 {unit}"


@pytest.mark.parametrize(
    ("column", "text", "problem"),
    [
        (Column.QUANTITY, "-3", "A quantity cannot be negative."),
        (Column.QUANTITY, "a dozen", "Write a whole number, such as 1,500."),
        (Column.QUANTITY, "1" + "0" * 20, "That quantity is too large to be real."),
        (Column.TITLE, "   ", "An aid record needs a title."),
    ],
)
def test_an_invalid_cell_stays_in_its_editor_and_says_why(
    make_window: WindowFactory,
    sample_path: Path,
    qtbot: QtBot,
    column: Column,
    text: str,
    problem: str,
) -> None:
    window = _window(make_window, sample_path)
    before = _record(sample_path)
    view, index = _record_cell(window, column)
    editor = _press_f2(qtbot, view, index)
    assert editor is not None
    _type(qtbot, editor, text)
    # Enter did not commit: the editor is still open, with the text, framed and saying why.
    assert view.indexWidget(index) is editor and editor.text() == text
    assert editor.toolTip() == problem and "border" in editor.styleSheet()
    assert window.statusBar().currentMessage() == problem
    assert _record(sample_path) == before
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert view.state() != QAbstractItemView.State.EditingState
    assert _record(sample_path) == before
    assert not window.editor.stack.canUndo()
    assert window.statusBar().currentMessage() == ""


def test_only_simple_fields_open_an_editor(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    model = window.catalogue_view.records_page.model
    editable = {
        Column(column)
        for column in range(model.columnCount())
        if model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable
    }
    assert editable == {Column.TITLE, Column.QUANTITY}
    view, index = _record_cell(window, Column.DONOR)
    assert _press_f2(qtbot, view, index) is None
    assert view.state() != QAbstractItemView.State.EditingState


def test_a_read_only_catalogue_edits_no_cell(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path, read_only=True)
    view, index = _record_cell(window, Column.TITLE)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert _press_f2(qtbot, view, index) is None


def test_a_meeting_place_is_edited_in_place(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    window.catalogue_view.show_page("meetings")
    page = window.catalogue_view.meetings_page
    row = page.model.row_of(1)
    assert row is not None
    index = page.model.index(row, MeetingColumn.PLACE)
    sql = "SELECT place FROM meeting WHERE id = ?"
    place = _row(sample_path, sql, 1)[0]
    editor = _press_f2(qtbot, page.view, index)
    assert editor is not None and editor.text() == place
    _type(qtbot, editor, "Ramstein Air Base")
    qtbot.waitUntil(lambda: window.editor.stack.canUndo())
    assert _row(sample_path, sql, 1) == ("Ramstein Air Base",)
    window.undo_action.trigger()
    assert _row(sample_path, sql, 1) == (place,)


def _colleague_saves(path: Path, **values: Any) -> None:
    with Catalogue.open(path) as catalogue:
        record = catalogue.record(NASAMS)
        catalogue.update_record(dataclasses.replace(record, **values))


def test_an_edit_lands_on_a_colleagues_change_to_another_field(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    view, index = _record_cell(window, Column.TITLE)
    editor = _press_f2(qtbot, view, index)
    assert editor is not None
    _colleague_saves(sample_path, quantity=99)  # after the table was read
    _type(qtbot, editor, "Mine")
    qtbot.waitUntil(lambda: window.editor.stack.canUndo())
    assert _record(sample_path)[:2] == ("Mine", 99)


@pytest.mark.parametrize(
    ("answer", "title"), [("mine", "Mine"), ("theirs", "Theirs"), (None, "Theirs")]
)
def test_a_cell_changed_meanwhile_offers_both_values(
    make_window: WindowFactory,
    sample_path: Path,
    qtbot: QtBot,
    answer: str | None,
    title: str,
) -> None:
    window = _window(make_window, sample_path)
    offered: list[tuple[str, str, str]] = []

    def ask_conflict(parent: Any, catalogue: Catalogue, base: AidRecord, mine: AidRecord,
                     theirs: AidRecord) -> AidRecord | None:  # fmt: skip
        offered.append((base.title, mine.title, theirs.title))
        return {"mine": mine, "theirs": theirs, None: None}[answer]

    window.edits.ask_conflict = ask_conflict
    shown = _record(sample_path)[0]
    view, index = _record_cell(window, Column.TITLE)
    editor = _press_f2(qtbot, view, index)
    assert editor is not None
    _colleague_saves(sample_path, title="Theirs")
    _type(qtbot, editor, "Mine")
    qtbot.waitUntil(lambda: bool(offered))
    assert offered == [(shown, "Mine", "Theirs")]
    assert _record(sample_path)[0] == title
    assert window.editor.stack.canUndo() == (answer == "mine")


def test_the_model_passes_on_only_valid_edits(qtbot: QtBot, sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        model = RecordTableModel()
        model.set_catalogue(catalogue)
        model.set_editable(True)
        index = model.index(0, Column.QUANTITY)
        with qtbot.assertNotEmitted(model.cellEdited):
            assert not model.setData(index, "-1")
            assert not model.setData(model.index(0, Column.DONOR), "Someone")
        with qtbot.waitSignal(model.cellEdited) as edited:
            assert model.setData(index, "4")
        assert edited.args[1:] == [Column.QUANTITY, "4"]
        assert edited.args[0].id == model.summary(0).id  # type: ignore[union-attr]
        model.set_editable(False)
        with qtbot.assertNotEmitted(model.cellEdited):
            assert not model.setData(model.index(0, Column.TITLE), "Title")


def test_the_problem_says_nothing_once_the_edit_is_fixed(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot, notifier: FakeNotifier
) -> None:
    window = _window(make_window, sample_path)
    view, index = _record_cell(window, Column.QUANTITY)
    editor = _press_f2(qtbot, view, index)
    assert editor is not None
    _type(qtbot, editor, "-3")
    assert window.statusBar().currentMessage() == "A quantity cannot be negative."
    _type(qtbot, editor, "3")
    qtbot.waitUntil(lambda: window.editor.stack.canUndo())
    assert _record(sample_path)[1] == 3
    assert window.statusBar().currentMessage() == ""
    assert not notifier.errors
