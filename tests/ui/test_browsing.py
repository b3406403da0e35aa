"""Browsing in the window: search, filters, details, links, saved views and shortcuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer.models import Column, MeetingColumn, Role
from aidviewer.store import RecordQuery, RecordSort, StageKind
from aidviewer.ui.actions import ActionId
from aidviewer.ui.browse_page import BrowsePage
from aidviewer.ui.filter_bar import Chip
from aidviewer.ui.filter_dialogs import ChoiceDialog
from aidviewer.ui.main_window import MainWindow


def _titles(page: BrowsePage) -> list[str]:
    model = page.model
    return [model.index(row, Column.TITLE).data() for row in range(model.rowCount())]


def _menu_action(page: BrowsePage, name: str) -> QAction:
    """An action of the Filter menu or one of its submenus, by object name."""
    menus = [page.filter_bar.add_menu, *page.filter_bar.add_menu.findChildren(QMenu)]
    return next(a for menu in menus for a in menu.actions() if a.objectName() == name)


def _select(page: BrowsePage, title: str) -> None:
    row = _titles(page).index(title)
    page.view.selectRow(row)


@pytest.fixture
def window(make_window: WindowFactory, sample_path: Path) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(sample_path)
    return window


def test_selecting_a_record_shows_its_details(window: MainWindow) -> None:
    page = window.catalogue_view.records_page
    _select(page, "NASAMS launchers and equipment")
    text = page.detail.toPlainText()
    assert text.startswith("NASAMS launchers and equipment")
    assert "Delivered" in text and "2023-11-10" in text  # the stage
    assert "Lithuanian Aid to Ukraine Continues" in text  # the source
    assert "names no year" in text  # the note
    assert "Anušauskas meets President Zelensky in Kyiv" in text  # the meeting


def test_typing_a_search_narrows_the_table_and_marks_the_words(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = window.catalogue_view.records_page
    with qtbot.waitSignal(page.model.queryChanged, timeout=3000):
        qtbot.keyClicks(page.filter_bar.search, "all-terr")
    assert _titles(page) == ["All-terrain vehicles for NASAMS crews"]
    assert not page.view.isColumnHidden(Column.MATCH)
    # "all-terr" is two words, each marked where a word of the title begins with it.
    assert page.model.index(0, Column.TITLE).data(Role.HIGHLIGHT) == [(0, 3), (4, 4)]
    assert window.records_status.text() == "1 of 10 records · €0.00"
    page.filter_bar.clear_all()
    assert len(_titles(page)) == 10
    assert page.view.isColumnHidden(Column.MATCH)
    assert window.records_status.text() == "10 records · €500,000,000.00"


def test_filters_show_as_chips_that_remove_themselves(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.catalogue_view.records_page
    catalogue = window.catalogue
    assert catalogue is not None
    ammunition = catalogue.category_named("Ammunition")
    vehicles = catalogue.category_named("Vehicles")
    assert ammunition is not None and vehicles is not None
    monkeypatch.setattr(ChoiceDialog, "ask", lambda *args: [ammunition.id, vehicles.id])
    _menu_action(page, "filter_category_ids").trigger()
    _menu_action(page, f"filter_statuses_{StageKind.ANNOUNCED}").trigger()
    assert page.filter_bar.chip_texts() == [
        "Category: Ammunition",
        "Category: Vehicles",
        "Stage: Announced",
    ]
    assert _titles(page) == ["Grenade launcher ammunition", "Logistics vehicles"]
    assert window.records_status.text() == "2 of 10 records · €0.00"
    (stage_chip,) = [
        c for c in page.filter_bar.chips.findChildren(Chip) if c.text().startswith("Stage")
    ]
    stage_chip.click()
    assert page.filter_bar.chip_texts() == ["Category: Ammunition", "Category: Vehicles"]
    assert len(_titles(page)) == 3  # the delivered all-terrain vehicles are back


def test_following_a_link_selects_the_meeting(window: MainWindow) -> None:
    view = window.catalogue_view
    _select(view.records_page, "NASAMS launchers and equipment")
    catalogue = window.catalogue
    assert catalogue is not None
    (meeting, *_) = catalogue.meetings_for_record(2)
    view.records_page.detail.anchorClicked.emit(QUrl(f"aidviewer:meeting/{meeting.id}"))
    assert view.current_page() == "meetings"
    current = view.meetings_view.currentIndex()
    assert current.data(Role.SUMMARY).id == meeting.id
    assert view.meetings_page.detail.toPlainText().startswith(meeting.title)
    # … and back from the meeting to a record it discussed, hidden by a filter.
    view.records_page.filter_bar.search.set_search("")
    view.records_page.set_query(RecordQuery(search="demining"))
    view.meetings_page.detail.anchorClicked.emit(QUrl("aidviewer:record/2"))
    assert view.current_page() == "records"
    assert view.records_view.currentIndex().data(Role.SUMMARY).title == (
        "NASAMS launchers and equipment"
    )
    assert view.records_page.model.query.search == ""  # the filter that hid it is gone


def test_saved_view_survives_reopening_the_catalogue(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    window = make_window()
    window.open_catalogue(sample_path)
    page = window.catalogue_view.records_page
    page.set_query(RecordQuery(statuses=(StageKind.ANNOUNCED,)))
    page.view.sortByColumn(Column.TITLE, Qt.SortOrder.DescendingOrder)
    page.columns.set_column_shown(Column.AID_TYPE, False)
    notifier.text_answers.append("Planned aid")
    saved = window.catalogue_view.save_view()
    assert saved is not None and saved.name == "Planned aid"
    window.close_catalogue()

    window.open_catalogue(sample_path)
    view = window.catalogue_view
    assert view.navigator.view_names() == ["Planned aid"]
    assert len(_titles(view.records_page)) == 10  # the plain table, until the view is opened
    view.open_view(saved.id)
    assert view.records_page.model.query == RecordQuery(
        statuses=(StageKind.ANNOUNCED,), sort=RecordSort.TITLE, descending=True
    )
    assert _titles(view.records_page) == [
        "Logistics vehicles",
        "Grenade launcher ammunition",
        "Equipment for the winter season",
    ]
    assert view.records_view.isColumnHidden(Column.AID_TYPE)
    assert view.records_page.filter_bar.chip_texts() == ["Stage: Announced"]
    assert view.navigator.current() == ("view", saved.id)


def test_find_shortcut_focuses_the_search_of_the_page_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.activateWindow()
    window.catalogue_view.show_page("meetings")
    find = window.action(ActionId.FIND)
    assert QKeySequence(QKeySequence.StandardKey.Find) in find.shortcuts()
    find.trigger()
    assert QApplication.focusWidget() is window.catalogue_view.meetings_page.filter_bar.search


def test_meetings_page_searches_minutes(window: MainWindow, qtbot: QtBot) -> None:
    page = window.catalogue_view.meetings_page
    page.filter_bar.search.setText("NATO")
    page.filter_bar.search.returnPressed.emit()
    titles = [page.model.index(r, MeetingColumn.TITLE).data() for r in range(page.model.rowCount())]
    assert titles == ["Anušauskas meets President Zelensky in Kyiv"]
    assert "NATO" in page.model.index(0, MeetingColumn.MATCH).data()
    assert window.meetings_status.text() == "1 of 2 meetings"


def test_passages_found_sit_just_after_the_title(window: MainWindow) -> None:
    for page, title, match in (
        (window.catalogue_view.records_page, Column.TITLE, Column.MATCH),
        (window.catalogue_view.meetings_page, MeetingColumn.TITLE, MeetingColumn.MATCH),
    ):
        header = page.view.horizontalHeader()
        assert header.visualIndex(match) == header.visualIndex(title) + 1
