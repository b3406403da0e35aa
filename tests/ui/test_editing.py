"""Changes in the window, each undone and redone back to the exact rows of the file:
notes written in the real dialog or changed from the detail pane, records deleted."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer.store import AidRecord, Catalogue, Note, NoteKind, Organisation
from aidviewer.ui.actions import ActionId
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.note_dialog import NoteDialog

NASAMS = 2  # the sample's NASAMS record


def _notes_rows(path: Path) -> list[tuple[object, ...]]:
    """Every note as the file holds it, but for what any save changes (version, time and
    name of the last change)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(
            "SELECT id, record_id, meeting_id, body, author, kind, resolved, pinned, created_at"
            " FROM note ORDER BY id"
        ).fetchall()
    finally:
        con.close()


def _open_on_nasams(make_window: WindowFactory, sample_path: Path) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(sample_path)
    page = window.catalogue_view.records_page
    assert page.select_id(NASAMS)
    assert page.detail.current() == ("record", NASAMS)
    return window


def _write_in_dialog(qtbot: QtBot, text: str, *, pinned: bool = False) -> None:
    """When the note dialog opens, type `text` and press OK, as a person would."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NoteDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled() and dialog.problem.text()  # empty: Save says why
        qtbot.keyClicks(dialog.body, text)
        if pinned:
            dialog.pinned.setChecked(True)
        assert ok.isEnabled() and not dialog.problem.text()
        ok.click()

    QTimer.singleShot(0, fill)


# The offscreen platform says so whenever a modal dialog opens: not a fault of ours.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_note_is_written_in_the_dialog_signed_and_undone(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier, qtbot: QtBot
) -> None:
    window = _open_on_nasams(make_window, sample_path)
    before = _notes_rows(sample_path)
    notifier.text_answers = ["Rasa Jankauskienė"]  # asked once, for the first note
    _write_in_dialog(qtbot, "Check the serial numbers", pinned=True)
    window.action(ActionId.ADD_NOTE).trigger()

    after = _notes_rows(sample_path)
    (added,) = [row for row in after if row not in before]
    assert added[1:8] == (NASAMS, None, "Check the serial numbers", "Rasa Jankauskienė",
                          "comment", 0, 1)  # fmt: skip
    assert len(notifier.questions) == 1 and "Your name" in notifier.questions[0]
    detail = window.catalogue_view.records_page.detail
    assert "Check the serial numbers" in detail.toPlainText()
    assert window.undo_action.text().replace("&", "") == "Undo Add Note “Check the serial numbers”"

    window.undo_action.trigger()
    assert _notes_rows(sample_path) == before
    assert "Check the serial numbers" not in detail.toPlainText()
    window.redo_action.trigger()
    assert _notes_rows(sample_path) == after  # the same row, with its own id

    # A second note: the name is not asked again.
    _write_in_dialog(qtbot, "Second")
    assert window.action(ActionId.ADD_NOTE).shortcut() == QKeySequence("Ctrl+Shift+N")
    window.action(ActionId.ADD_NOTE).trigger()
    assert len(notifier.questions) == 1
    assert any(
        row[3] == "Second" and row[4] == "Rasa Jankauskienė" for row in _notes_rows(sample_path)
    )


@pytest.mark.parametrize(
    ("action", "check"),
    [
        ("note-resolve", lambda old, new: new.resolved and not old.resolved),
        ("note-pin", lambda old, new: old.pinned and not new.pinned),  # the sample's is pinned
        ("note-delete", lambda old, new: new is None),
        ("note-edit", lambda old, new: new.body == "Rewritten" and new.kind is NoteKind.QUESTION),
    ],
)
def test_each_change_from_the_pane_undoes_and_redoes_to_the_same_rows(
    make_window: WindowFactory,
    sample_path: Path,
    notifier: FakeNotifier,
    action: str,
    check: object,
) -> None:
    window = _open_on_nasams(make_window, sample_path)
    window.settings.set_staff_name("Jonas")
    detail = window.catalogue_view.records_page.detail
    (note,) = detail.notes()[:1]
    window.notes.ask = lambda parent, old, new: Note(  # the dialog, answered
        **{**old.__dict__, "body": "Rewritten", "kind": NoteKind.QUESTION}
    )
    before = _notes_rows(sample_path)
    detail._follow(QUrl(f"aidviewer:{action}/{note.id}"))  # the link under the note
    after = _notes_rows(sample_path)
    assert after != before and not notifier.errors
    changed = next((n for n in detail.notes() if n.id == note.id), None)
    assert check(note, changed)  # type: ignore[operator]
    step = {"note-resolve": "Resolve Note “The press",
            "note-pin": "Unpin Note “The press",
            "note-delete": "Delete Note “The press",
            "note-edit": "Edit Note “Rewritten”"}[action]  # fmt: skip
    assert window.undo_action.text().replace("&", "").startswith(f"Undo {step}")
    window.undo_action.trigger()
    assert _notes_rows(sample_path) == before
    window.redo_action.trigger()
    assert _notes_rows(sample_path) == after
    window.undo_action.trigger()
    assert _notes_rows(sample_path) == before


def test_an_undo_refused_by_a_colleagues_change_is_said_and_dropped(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    window = _open_on_nasams(make_window, sample_path)
    window.settings.set_staff_name("Jonas")
    detail = window.catalogue_view.records_page.detail
    note = detail.notes()[0]
    assert window.editor.edit_note(note, dataclasses.replace(note, body="Mine"))
    # Someone else writes over the same note's text in the file meanwhile.
    con = sqlite3.connect(sample_path, isolation_level=None)
    con.execute("UPDATE note SET body = 'Theirs', version = version + 1 WHERE id = ?", (note.id,))
    con.close()
    window.undo_action.trigger()
    assert notifier.errors and "would overwrite that" in notifier.errors[-1][1]
    rows = {row[0]: row for row in _notes_rows(sample_path)}
    assert rows[note.id][3] == "Theirs"
    assert not window.editor.stack.canUndo()  # the refused step is gone


def test_an_undo_keeps_a_colleagues_change_to_another_field(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    window = _open_on_nasams(make_window, sample_path)
    window.settings.set_staff_name("Jonas")
    detail = window.catalogue_view.records_page.detail
    note = detail.notes()[0]
    detail._follow(QUrl(f"aidviewer:note-resolve/{note.id}"))
    con = sqlite3.connect(sample_path, isolation_level=None)  # a colleague edits the text
    con.execute("UPDATE note SET body = 'Theirs', version = version + 1 WHERE id = ?", (note.id,))
    con.close()
    window.undo_action.trigger()  # unresolves; their text stays
    assert not notifier.errors
    con = sqlite3.connect(f"file:{sample_path}?mode=ro", uri=True)
    body, resolved = con.execute(
        "SELECT body, resolved FROM note WHERE id = ?", (note.id,)
    ).fetchone()
    con.close()
    assert (body, resolved) == ("Theirs", 0)


def test_a_read_only_catalogue_offers_no_notes(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path, read_only=True)
    page = window.catalogue_view.records_page
    assert page.select_id(NASAMS)
    assert not window.action(ActionId.ADD_NOTE).isEnabled()
    assert "Add a note" not in page.detail.toHtml()


def test_the_edit_menu_sits_between_file_and_view(make_window: WindowFactory) -> None:
    window = make_window()
    names = [action.menu().objectName() for action in window.menuBar().actions()]
    assert names == ["file_menu", "edit_menu", "view_menu", "help_menu"]


def test_the_history_of_a_record_shows_its_notes_changes(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = _open_on_nasams(make_window, sample_path)
    window.settings.set_staff_name("Jonas")
    detail = window.catalogue_view.records_page.detail
    history = detail.toPlainText().split("History")[-1]
    assert "Note added" in history  # the sample's own note
    assert "Note: resolved" not in history
    detail._follow(QUrl(f"aidviewer:note-resolve/{detail.notes()[0].id}"))
    history = detail.toPlainText().split("History")[-1]
    assert "Note: resolved" in history and "no → yes" in history and "Jonas" in history


def _record_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            "records": con.execute(
                "SELECT id, title, created_at FROM aid_record ORDER BY id"
            ).fetchall(),
            "stages": con.execute("SELECT * FROM stage ORDER BY id").fetchall(),
            "sources": con.execute("SELECT * FROM record_source ORDER BY 1, 2").fetchall(),
            "tags": con.execute("SELECT * FROM record_tag ORDER BY 1, 2").fetchall(),
            "links": con.execute("SELECT * FROM meeting_record ORDER BY 1, 2").fetchall(),
        }
    finally:
        con.close()


def test_a_deleted_record_comes_back_with_undo(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    window = _open_on_nasams(make_window, sample_path)
    window.settings.set_staff_name("Jonas")
    before = (_record_rows(sample_path), _notes_rows(sample_path))
    assert window.action(ActionId.DELETE_RECORD).shortcut() == QKeySequence(
        QKeySequence.StandardKey.Delete
    )
    window.action(ActionId.DELETE_RECORD).trigger()
    rows, notes = _record_rows(sample_path), _notes_rows(sample_path)
    assert NASAMS not in [row[0] for row in rows["records"]]
    assert all(note[1] != NASAMS for note in notes) and not notifier.errors
    assert window.records.rowCount() == 9
    assert window.records_status.text().startswith("9 records")
    assert window.undo_action.text().replace("&", "") == (
        "Undo Delete “NASAMS launchers and equipment”"
    )

    window.undo_action.trigger()
    assert (_record_rows(sample_path), _notes_rows(sample_path)) == before
    assert window.records.rowCount() == 10
    page = window.catalogue_view.records_page
    assert page.detail.current() == ("record", NASAMS)  # shown again, selected
    window.redo_action.trigger()
    assert _record_rows(sample_path) == rows
    assert page.detail.current() is None


def test_delete_asks_for_a_record_first(make_window: WindowFactory, sample_path: Path) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path)
    window.action(ActionId.DELETE_RECORD).trigger()
    assert "Select an aid record" in window.statusBar().currentMessage()
    assert window.records.rowCount() == 10


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_closing_a_note_with_text_asks_before_losing_it(qtbot: QtBot) -> None:
    dialog = NoteDialog(None, Note(record_id=1, body=""), new=True)
    qtbot.addWidget(dialog)
    answers = ["cancel", "discard"]
    dialog.ask_unsaved = lambda parent: answers.pop(0)
    dialog.show()
    qtbot.keyClicks(dialog.body, "Half a thought")
    dialog.reject()
    assert dialog.isVisible() and dialog.body.toPlainText() == "Half a thought"
    dialog.reject()
    assert not dialog.isVisible() and answers == []


def test_two_organisations_are_merged_from_the_organisations_page_and_split_by_undo(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        copy = catalogue.add_organisation(Organisation(name="Lithuanian MoD"))
        record = catalogue.add_record(AidRecord(title="Fuel", donor_id=copy.id))
    window = make_window()
    assert window.open_catalogue(sample_path)
    window.settings.set_staff_name("Jonas")
    before = _record_rows(sample_path)
    view = window.catalogue_view
    view.show_page("organisations")
    page = view.directory["organisations"]
    row = next(i for i, org in enumerate(page.rows()) if org.name == "Lithuanian MoD")
    page.view.selectRow(row)
    keep = "Ministry of National Defence of the Republic of Lithuania"
    notifier.choice_answers = [keep]
    notifier.confirm_answers = [True]
    window.action(ActionId.MERGE_ORGANISATION).trigger()

    with Catalogue.open(sample_path, read_only=True) as catalogue:
        kept = catalogue.find_organisation(keep)
        assert kept is not None and "Lithuanian MoD" in kept.aliases
        assert catalogue.record(record.id).donor_id == kept.id
        assert catalogue.find_organisation("Lithuanian MoD") == kept
    assert "Lithuanian MoD" not in [org.name for org in page.rows()]
    assert window.undo_action.text().replace("&", "") == (
        f"Undo Merge “Lithuanian MoD” into “{keep}”"
    )
    window.undo_action.trigger()
    assert _record_rows(sample_path) == before
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert catalogue.record(record.id).donor_id == copy.id
    assert "Lithuanian MoD" in [org.name for org in page.rows()]


def test_merge_asks_for_an_organisation_first(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path)
    window.action(ActionId.MERGE_ORGANISATION).trigger()
    assert "Select an organisation" in window.statusBar().currentMessage()
    assert notifier.questions == []
