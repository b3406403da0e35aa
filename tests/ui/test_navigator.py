"""The side navigator: pages and saved views, and what it asks the window to do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from aidviewer.store import MeetingQuery, RecordQuery, SavedView, ViewKind
from aidviewer.ui.navigator import PAGES, Navigator

VIEWS = [
    SavedView(id=7, version=1, name="Air defence", kind=ViewKind.RECORDS, query=RecordQuery()),
    SavedView(
        id=3, version=1, name="<b>autumn</b> & more", kind=ViewKind.MEETINGS, query=MeetingQuery()
    ),
    SavedView(id=12, version=1, name="Big donors", kind=ViewKind.RECORDS, query=RecordQuery()),
]


@pytest.fixture
def navigator(qtbot: QtBot) -> Navigator:
    widget = Navigator()
    widget.resize(240, 400)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _click(navigator: Navigator, item: QTreeWidgetItem) -> None:
    rect = navigator.visualItemRect(item)
    assert rect.isValid()
    QTest.mouseClick(
        navigator.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )


def _tooltip_text(navigator: Navigator, view_id: int) -> str:
    item = navigator.view_item(view_id)
    assert item is not None
    document = QTextDocument()
    document.setHtml(item.toolTip(0))  # Qt shows tooltips that look like HTML as HTML
    return document.toPlainText()


def test_lists_pages_and_group(navigator: Navigator) -> None:
    labels = [navigator.topLevelItem(i).text(0) for i in range(navigator.topLevelItemCount())]
    assert labels == [
        "Aid records",
        "Dashboard",
        "Meetings",
        "People",
        "Organisations",
        "Tags",
        "Saved views",
    ]
    assert navigator.accessibleName() == "Navigator"
    assert navigator.accessibleDescription()
    assert navigator.current() is None
    assert navigator.view_names() == []


def test_set_views_lists_names_exactly_as_given(navigator: Navigator) -> None:
    navigator.set_views(VIEWS)
    assert navigator.view_names() == ["Air defence", "<b>autumn</b> & more", "Big donors"]
    assert navigator.view_ids() == [7, 3, 12]
    # The tooltip shows the name as typed, not as HTML.
    assert [_tooltip_text(navigator, view_id) for view_id in (3, 7)] == [
        "<b>autumn</b> & more (meetings)",
        "Air defence (aid records)",
    ]
    # Listing again replaces, never appends.
    navigator.set_views(VIEWS[:1])
    assert navigator.view_names() == ["Air defence"]
    navigator.set_views([])
    assert navigator.view_names() == []


def test_clicking_a_page_requests_it(navigator: Navigator, qtbot: QtBot) -> None:
    with qtbot.waitSignal(navigator.pageRequested) as blocker:
        _click(navigator, navigator.page_item("organisations"))
    assert blocker.args == ["organisations"]
    assert navigator.current() == ("page", "organisations")


def test_clicking_a_view_requests_it(navigator: Navigator, qtbot: QtBot) -> None:
    navigator.set_views(VIEWS)
    item = navigator.view_item(12)
    assert item is not None
    with (
        qtbot.waitSignal(navigator.viewRequested) as blocker,
        qtbot.assertNotEmitted(navigator.pageRequested),
    ):
        _click(navigator, item)
    assert blocker.args == [12]
    assert navigator.current() == ("view", 12)


def test_arrow_keys_move_and_request(navigator: Navigator, qtbot: QtBot) -> None:
    navigator.set_views(VIEWS)
    navigator.setFocus()
    navigator.select_page("records")
    requested: list[str] = []
    navigator.pageRequested.connect(requested.append)
    for _ in range(5):
        QTest.keyClick(navigator, Qt.Key.Key_Down)
    assert requested == ["dashboard", "meetings", "people", "organisations", "tags"]
    # Down onto the heading asks for nothing; down again reaches the first view.
    QTest.keyClick(navigator, Qt.Key.Key_Down)
    assert navigator.current() is None
    with qtbot.waitSignal(navigator.viewRequested) as blocker:
        QTest.keyClick(navigator, Qt.Key.Key_Down)
    assert blocker.args == [7]
    with qtbot.waitSignal(navigator.viewRequested) as blocker:
        QTest.keyClick(navigator, Qt.Key.Key_Down)
    assert blocker.args == [3]
    assert requested == ["dashboard", "meetings", "people", "organisations", "tags"]


def test_enter_requests_the_current_item_again(navigator: Navigator, qtbot: QtBot) -> None:
    navigator.set_views(VIEWS)
    navigator.select_view(3)
    navigator.setFocus()
    with qtbot.waitSignal(navigator.viewRequested) as blocker:
        QTest.keyClick(navigator, Qt.Key.Key_Return)
    assert blocker.args == [3]
    navigator.select_page("tags")
    with qtbot.waitSignal(navigator.pageRequested) as blocker:
        QTest.keyClick(navigator, Qt.Key.Key_Enter)
    assert blocker.args == ["tags"]


def test_selecting_programmatically_is_quiet(navigator: Navigator, qtbot: QtBot) -> None:
    navigator.set_views(VIEWS)
    with (
        qtbot.assertNotEmitted(navigator.pageRequested),
        qtbot.assertNotEmitted(navigator.viewRequested),
    ):
        for page in PAGES:
            navigator.select_page(page)
            assert navigator.current() == ("page", page)
        assert navigator.select_view(12)
        assert navigator.current() == ("view", 12)
        assert not navigator.select_view(999)
        assert navigator.current() == ("view", 12)
        # Relisting keeps the current view current, quietly.
        navigator.set_views(list(reversed(VIEWS)))
        assert navigator.current() == ("view", 12)
        # The current view is gone: nothing is current.
        navigator.set_views(VIEWS[:2])
        assert navigator.current() is None
    with pytest.raises(ValueError):
        navigator.select_page("nowhere")


def test_relisting_keeps_a_current_page(navigator: Navigator, qtbot: QtBot) -> None:
    navigator.select_page("people")
    with qtbot.assertNotEmitted(navigator.pageRequested):
        navigator.set_views(VIEWS)
    assert navigator.current() == ("page", "people")


def test_context_menu_of_a_view(navigator: Navigator, qtbot: QtBot) -> None:
    navigator.set_views(VIEWS)
    assert navigator.context_menu(navigator.page_item("records")) is None
    menu = navigator.context_menu(navigator.view_item(3))
    assert menu is not None
    actions = {a.objectName(): a for a in menu.actions()}
    assert [a.text() for a in menu.actions()] == ["&Open", "&Rename…", "&Delete…"]
    with qtbot.waitSignal(navigator.renameRequested) as blocker:
        actions["rename_view"].trigger()
    assert blocker.args == [3]
    with qtbot.waitSignal(navigator.deleteRequested) as blocker:
        actions["delete_view"].trigger()
    assert blocker.args == [3]
    with qtbot.waitSignal(navigator.viewRequested) as blocker:
        actions["open_view"].trigger()
    assert blocker.args == [3]


# The offscreen platform cannot raise a popup or give it the keyboard; real ones can.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_right_click_opens_the_menu_only_on_views(navigator: Navigator, qtbot: QtBot) -> None:
    navigator.set_views(VIEWS)
    page_point = navigator.visualItemRect(navigator.page_item("people")).center()
    navigator.customContextMenuRequested.emit(page_point)
    assert navigator.menu is None
    item = navigator.view_item(7)
    assert item is not None
    navigator.customContextMenuRequested.emit(navigator.visualItemRect(item).center())
    menu = navigator.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    with qtbot.waitSignal(navigator.deleteRequested) as blocker:
        next(a for a in menu.actions() if a.objectName() == "delete_view").trigger()
    assert blocker.args == [7]
    menu.close()
    qtbot.waitUntil(lambda: navigator.menu is None)


def test_f2_and_delete_keys_on_a_view(navigator: Navigator, qtbot: QtBot) -> None:
    navigator.set_views(VIEWS)
    navigator.select_view(12)
    navigator.setFocus()
    with qtbot.waitSignal(navigator.renameRequested) as blocker:
        QTest.keyClick(navigator, Qt.Key.Key_F2)
    assert blocker.args == [12]
    with qtbot.waitSignal(navigator.deleteRequested) as blocker:
        QTest.keyClick(navigator, Qt.Key.Key_Delete)
    assert blocker.args == [12]
    # On a page these keys ask for nothing.
    navigator.select_page("records")
    with (
        qtbot.assertNotEmitted(navigator.renameRequested),
        qtbot.assertNotEmitted(navigator.deleteRequested),
    ):
        QTest.keyClick(navigator, Qt.Key.Key_F2)
        QTest.keyClick(navigator, Qt.Key.Key_Delete)
