"""The meeting form, driven as a person would, and meetings written, changed and deleted
with every step undone back to the file's exact rows."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from window_helpers import WindowFactory

from aidviewer.store import ActionKind, Catalogue, Meeting
from aidviewer.ui.actions import ActionId
from aidviewer.ui.conflict_dialog import ConflictDialog
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.meeting_form import MeetingForm

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

TABLES = {
    "meeting": "SELECT id, title, starts_at, ends_at, place, minutes, created_at FROM meeting",
    "participants": "SELECT * FROM meeting_participant",
    "topics": "SELECT * FROM meeting_topic",
    "actions": "SELECT * FROM meeting_action",
    "records": "SELECT * FROM meeting_record",
    "notes": "SELECT id, meeting_id, body, author, created_at FROM note"
    " WHERE meeting_id IS NOT NULL",
}


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in TABLES.items()}
    finally:
        con.close()


def _window(make_window: WindowFactory, sample_path: Path) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(sample_path)
    window.settings.set_staff_name("Rasa")
    return window


def _when_form_opens(qtbot: QtBot, fill: Callable[[MeetingForm], None]) -> None:
    def drive() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, MeetingForm)
        fill(form)
        ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled(), form.problem.text()
        ok.click()

    QTimer.singleShot(0, drive)


def test_a_meeting_is_written_in_the_form_and_undone(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    before = _rows(sample_path)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        umerov = next(p for p in catalogue.people() if p.name == "Rustem Umerov")

    def fill(form: MeetingForm) -> None:
        ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no title, no start
        qtbot.keyClicks(form.title, "Winter support call")
        qtbot.keyClicks(form.starts, "2023-12-05T10:00")
        qtbot.keyClicks(form.ends, "2023-12-05T11:00")
        qtbot.keyClicks(form.place, "Online")
        form._add_participant()
        form.participants.cellWidget(0, 0).setCurrentText("Rustem Umerov")
        form.participants.item(0, 1).setText("guest")
        qtbot.keyClicks(form.topics, "Generators")
        qtbot.keyClick(form.topics, Qt.Key.Key_Return)
        qtbot.keyClicks(form.topics, "Winter kit")
        qtbot.keyClicks(form.minutes, "Agreed on delivery dates.")
        form._add_action()
        form.decisions.item(0, 1).setText("Send the generator list")
        form.decisions.cellWidget(0, 2).setCurrentText("Rustem Umerov")
        form.decisions.item(0, 3).setText("2023-12-12")
        qtbot.keyClicks(form.search, "NASAMS launchers")
        assert form.found.count() >= 1
        form.found.itemActivated.emit(form.found.item(0))
        assert form.linked.count() == 1

    _when_form_opens(qtbot, fill)
    window.action(ActionId.NEW_MEETING).trigger()
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        meeting = catalogue.meeting(3)
    assert (meeting.title, meeting.starts_at, meeting.ends_at, meeting.place) == (
        "Winter support call", "2023-12-05T10:00", "2023-12-05T11:00", "Online"
    )  # fmt: skip
    assert [(p.person_id, p.role) for p in meeting.participants] == [(umerov.id, "guest")]
    assert meeting.topics == ("Generators", "Winter kit")
    (action,) = meeting.actions
    assert (action.kind, action.text, action.owner_id, action.due_on.isoformat()) == (  # type: ignore[union-attr]
        ActionKind.DECISION, "Send the generator list", umerov.id, "2023-12-12"
    )  # fmt: skip
    assert len(meeting.record_ids) == 1
    after = _rows(sample_path)
    assert window.catalogue_view.meetings_page.detail.current() == ("meeting", 3)

    window.undo_action.trigger()
    assert _rows(sample_path) == before
    window.redo_action.trigger()
    assert _rows(sample_path) == after  # back with its own id


@pytest.mark.parametrize(
    ("fill", "field", "message"),
    [
        (lambda f: f.ends.setText("2023-11-09"), "ends_at",
         "A meeting cannot end before it starts."),
        (lambda f: f.starts.setText("soon"), "starts_at",
         "“soon” is not a date such as 2023-11-10 or 2023-11-10T14:30."),
        (lambda f: (f._add_participant(),
                    f.participants.cellWidget(f.participants.rowCount() - 1, 0)
                    .setCurrentText("Nobody")), "participants", "No one is named “Nobody”."),
        (lambda f: f._add_action(), "actions", "A decision or follow-up needs a text."),
        (lambda f: (f._add_action(), f.decisions.item(f.decisions.rowCount() - 1, 1).setText("x"),
                    f.decisions.item(f.decisions.rowCount() - 1, 3).setText("12/01")),
         "actions", "“12/01” is not a date such as 2023-12-01."),
        (lambda f: f.title.clear(), "title", "A meeting needs a title."),
    ],
)  # fmt: skip
def test_each_meeting_problem_shows_beside_its_field_and_blocks_save(
    qtbot: QtBot, sample_path: Path, fill: Callable[[MeetingForm], object], field: str, message: str
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        form = MeetingForm(None, catalogue, catalogue.meeting(1), "Edit")
        qtbot.addWidget(form)
        form.ask_unsaved = lambda parent: "discard"  # closed at the end of the test
        form.show()
        ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled()
        fill(form)
        assert form._problems[field].text() == message
        assert not ok.isEnabled() and form.value() is None


def test_a_meeting_edit_and_its_deletion_are_undone_to_the_same_rows(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    page = window.catalogue_view.meetings_page
    window.catalogue_view.show_page("meetings")
    assert page.select_id(1)
    before = _rows(sample_path)
    _when_form_opens(qtbot, lambda form: form.place.setText("Mariinskyi Palace, Kyiv"))
    window.action(ActionId.EDIT_RECORD).trigger()
    edited = _rows(sample_path)
    assert edited != before
    window.undo_action.trigger()
    assert _rows(sample_path) == before
    window.redo_action.trigger()
    assert _rows(sample_path) == edited

    assert page.select_id(1)
    window.action(ActionId.DELETE_RECORD).trigger()
    gone = _rows(sample_path)
    assert all(row[0] != 1 for row in gone["meeting"]) and gone["notes"] != edited["notes"]
    assert window.undo_action.text().replace("&", "").startswith("Undo Delete “")
    window.undo_action.trigger()
    assert _rows(sample_path) == edited  # with its notes, participants and links
    assert page.detail.current() == ("meeting", 1)


def test_a_blank_meeting_form_is_not_savable(qtbot: QtBot, sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        form = MeetingForm(None, catalogue, Meeting(title="", starts_at=""), "New")
        qtbot.addWidget(form)
        assert form.problem.text() == "Cannot save yet: A meeting needs a title."
        assert not form.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


@pytest.mark.parametrize(
    ("button", "place", "minutes", "version"),
    [
        # The sensible side of each field: mine where I changed it, theirs where they did.
        ("save_chosen", "Mine", "Theirs", 3),
        ("keep_mine", "Mine", "Mine", 3),
        ("take_theirs", "Theirs", "Theirs", 2),
    ],
)
def test_two_windows_editing_one_meeting_lose_nothing(
    make_window: WindowFactory,
    sample_path: Path,
    qtbot: QtBot,
    button: str,
    place: str,
    minutes: str,
    version: int,
) -> None:
    mine = _window(make_window, sample_path)
    theirs = make_window()
    assert theirs.open_catalogue(sample_path)
    mine.catalogue_view.show_page("meetings")
    assert mine.catalogue_view.meetings_page.select_id(1)
    rows: list[list[str]] = []

    def fill(form: MeetingForm) -> None:
        form.place.setText("Mine")
        form.minutes.setPlainText("Mine")
        with Catalogue.open(sample_path) as catalogue:  # a colleague saves meanwhile
            meeting = catalogue.meeting(1)
            catalogue.update_meeting(dataclasses.replace(meeting, place="Theirs", minutes="Theirs"))

        def decide() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ConflictDialog)
            table = dialog.table
            rows.extend(
                [
                    table.item(row, 0).text(),
                    *(table.cellWidget(row, c).text() for c in (1, 2)),
                    "mine" if table.cellWidget(row, 1).isChecked() else "theirs",
                ]
                for row in range(table.rowCount())
            )
            if button == "save_chosen":  # field by field: the minutes go to theirs
                dialog.choices["minutes"].button(2).setChecked(True)
            getattr(dialog, button).click()

        QTimer.singleShot(0, decide)

    _when_form_opens(qtbot, fill)
    mine.action(ActionId.EDIT_RECORD).trigger()
    assert rows == [["Place", "Mine", "Theirs", "mine"], ["Minutes", "Mine", "Theirs", "mine"]]
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        meeting = catalogue.meeting(1)
    assert (meeting.place, meeting.minutes, meeting.version) == (place, minutes, version)
    if button != "take_theirs":
        mine.undo_action.trigger()  # back to the colleague's version, not to the original
        with Catalogue.open(sample_path, read_only=True) as catalogue:
            meeting = catalogue.meeting(1)
        assert (meeting.place, meeting.minutes) == ("Theirs", "Theirs")
