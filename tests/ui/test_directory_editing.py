"""Organisations, people and sources made, changed and deleted from the window, each an
undoable step that returns the file to its exact rows; and new organisations and sources
made from within the record form."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QToolButton
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer.store import Catalogue, Organisation, OrganisationKind
from aidviewer.ui.actions import ActionId
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.record_form import RecordForm

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

PRESIDENT_OFFICE = 4  # no aid record names it; Volodymyr Zelensky works there
ANUSAUSKAS = 1  # owns the follow-up of meeting 1
NASAMS = 2
TABLES = {
    "organisation": "SELECT id, name, kind, country, iati_id, created_at FROM organisation",
    "alias": "SELECT * FROM organisation_alias",
    "person": "SELECT id, name, role, organisation_id, created_at FROM person",
    "action": "SELECT id, meeting_id, owner_id FROM meeting_action",
    "source": "SELECT id, title, kind, publisher, url, created_at FROM source",
    "record": "SELECT id, donor_id, donor_name FROM aid_record",
}


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {name: sorted(con.execute(sql).fetchall()) for name, sql in TABLES.items()}
    finally:
        con.close()


def _window(make_window: WindowFactory, path: Path) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(path)
    window.settings.set_staff_name("Rasa")
    return window


def _select(window: MainWindow, page_name: str, item_id: int) -> None:
    window.catalogue_view.show_page(page_name)
    page = window.catalogue_view.directory[page_name]
    row = next(i for i, item in enumerate(page.rows()) if item.id == item_id)
    page.view.selectRow(row)


def test_a_new_organisation_is_made_shown_and_undone(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = _window(make_window, sample_path)
    before = _rows(sample_path)
    directory = window.edits.directory
    directory.ask_organisation = lambda parent, catalogue, org, title, **_: dataclasses.replace(
        org, name="Caritas Lithuania", kind=OrganisationKind.NGO, aliases=("Caritas LT",)
    )
    window.action(ActionId.NEW_ORGANISATION).trigger()
    page = window.catalogue_view.directory["organisations"]
    assert window.catalogue_view.current_page() == "organisations"
    assert page.current_item().name == "Caritas Lithuania"  # shown, selected
    after = _rows(sample_path)
    assert after["organisation"][-1][:5] == (6, "Caritas Lithuania", "ngo", None, None)
    assert (6, "Caritas LT") in after["alias"]
    assert window.undo_action.text().replace("&", "") == "Undo New “Caritas Lithuania”"
    window.undo_action.trigger()
    assert _rows(sample_path) == before
    assert "Caritas Lithuania" not in [org.name for org in page.rows()]
    window.redo_action.trigger()
    assert _rows(sample_path)["organisation"] == after["organisation"]  # the same id


def test_renaming_an_organisation_renames_it_in_the_records_and_undoes(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = _window(make_window, sample_path)
    before = _rows(sample_path)
    _select(window, "organisations", 1)
    window.edits.directory.ask_organisation = lambda parent, catalogue, org, title, **_: (
        dataclasses.replace(org, name="Lithuanian MoD")
    )
    window.action(ActionId.EDIT_RECORD).trigger()
    records = window.catalogue_view.records_page.model
    assert {records.summary(row).donor for row in range(records.rowCount())} == {  # type: ignore[union-attr]
        "Lithuanian MoD"
    }
    window.undo_action.trigger()
    assert _rows(sample_path) == before


def test_deleting_an_organisation_and_undoing_gives_its_people_back(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = _window(make_window, sample_path)
    before = _rows(sample_path)
    _select(window, "organisations", PRESIDENT_OFFICE)
    window.action(ActionId.DELETE_RECORD).trigger()
    after = _rows(sample_path)
    assert PRESIDENT_OFFICE not in [row[0] for row in after["organisation"]]
    assert after["person"][1][:2] == (2, "Volodymyr Zelensky") and after["person"][1][3] is None
    window.undo_action.trigger()
    assert _rows(sample_path) == before


@pytest.mark.parametrize(("page", "item_id"), [("organisations", 1), ("people", ANUSAUSKAS)])
def test_an_organisation_or_person_still_in_use_is_not_deleted(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier, page: str, item_id: int
) -> None:
    """Aid records name the organisation; the person took part in meetings."""
    window = _window(make_window, sample_path)
    before = _rows(sample_path)
    _select(window, page, item_id)
    window.action(ActionId.DELETE_RECORD).trigger()
    assert notifier.errors and "still in use" in notifier.errors[0][1]
    assert _rows(sample_path) == before
    assert not window.editor.stack.canUndo()


def test_a_person_is_made_edited_deleted_and_every_step_undone(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = _window(make_window, sample_path)
    states = [_rows(sample_path)]
    directory = window.edits.directory
    directory.ask_person = lambda parent, catalogue, person, title, **_: dataclasses.replace(
        person, name="Gabrielius Landsbergis", role="Foreign Minister", organisation_id=1
    )
    window.action(ActionId.NEW_PERSON).trigger()
    states.append(_rows(sample_path))
    assert states[1]["person"][-1][:4] == (4, "Gabrielius Landsbergis", "Foreign Minister", 1)
    _select(window, "people", ANUSAUSKAS)
    directory.ask_person = lambda parent, catalogue, person, title, **_: dataclasses.replace(
        person, role="Former Minister of National Defence"
    )
    window.action(ActionId.EDIT_RECORD).trigger()
    states.append(_rows(sample_path))
    assert states[2]["person"][0][2] == "Former Minister of National Defence"
    _select(window, "people", 4)
    window.action(ActionId.DELETE_RECORD).trigger()
    assert [row[0] for row in _rows(sample_path)["person"]] == [1, 2, 3]
    for state in reversed(states):
        window.undo_action.trigger()
        assert _rows(sample_path) == state


def test_an_organisation_changed_meanwhile_comes_back_with_both_changes(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    window = _window(make_window, sample_path)
    _select(window, "organisations", 5)
    shown: list[Organisation] = []

    def ask(
        parent: Any, catalogue: Catalogue, org: Organisation, title: str, **_: Any
    ) -> Organisation:
        shown.append(org)
        if len(shown) == 1:  # a colleague saves while the form is open
            with Catalogue.open(sample_path) as other:
                theirs = other.organisation(5)
                other.update_organisation(dataclasses.replace(theirs, iati_id="XM-DAC-8"))
            return dataclasses.replace(org, name="Kingdom of Norway", aliases=())
        return org  # the second time the form shows theirs with mine on top: saved

    window.edits.directory.ask_organisation = ask
    window.action(ActionId.EDIT_RECORD).trigger()
    assert len(shown) == 2 and notifier.errors
    assert (shown[1].name, shown[1].iati_id) == ("Kingdom of Norway", "XM-DAC-8")
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        norway = catalogue.organisation(5)
    assert (norway.name, norway.iati_id, norway.aliases) == ("Kingdom of Norway", "XM-DAC-8", ())


def test_the_record_form_makes_a_new_donor_in_place(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    names: list[str] = []

    def new_org(parent: Any, catalogue: Catalogue, org: Organisation, title: str) -> Organisation:
        names.append(org.name)  # the name typed in the picker
        return dataclasses.replace(org, kind=OrganisationKind.NGO)

    window.edits.directory.ask_organisation = new_org
    window.edits.directory.ask_source = lambda parent, catalogue, source, title, **_: (
        dataclasses.replace(source, title="Caritas annual report 2023")
    )

    def fill() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, RecordForm)
        qtbot.keyClicks(form.title, "Winter clothing")
        form.donor.setCurrentText("Caritas Lithuania")
        assert form._problems["donor"].text() == "No organisation is named “Caritas Lithuania”."
        new_donor = form.findChild(QToolButton, "new_donor")
        assert new_donor is not None
        new_donor.click()
        assert form.donor.currentText() == "Caritas Lithuania"
        assert form.recipient.findText("Caritas Lithuania") >= 0  # every picker knows it
        assert not form._problems["donor"].isVisible()
        new_source = form.findChild(QPushButton, "new_source")
        assert new_source is not None
        new_source.click()
        form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)
    window.action(ActionId.NEW_RECORD).trigger()
    assert names == ["Caritas Lithuania"]
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        caritas = catalogue.find_organisation("Caritas Lithuania")
        record = catalogue.record(11)
        source = next(s for s in catalogue.sources() if s.title == "Caritas annual report 2023")
    assert caritas is not None and record.donor_id == caritas.id
    assert record.source_ids == (source.id,)
    # Three steps: the organisation, the source, the record; each undone on its own.
    texts = [window.editor.stack.text(i) for i in range(window.editor.stack.count())]
    assert texts == [
        "New “Caritas Lithuania”",
        "New “Caritas annual report 2023”",
        "New “Winter clothing”",
    ]


def test_nothing_is_made_in_a_read_only_catalogue(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path, read_only=True)
    asked: list[str] = []
    window.edits.directory.ask_person = lambda *args: asked.append("person")
    assert not window.action(ActionId.NEW_PERSON).isEnabled()
    assert window.edits.directory.new_person() is None
    assert window.edits.directory.new_source("x") is None
    assert asked == []
