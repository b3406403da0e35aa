"""The People, Organisations and Tags pages over the sample catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from aidviewer.store import Catalogue, Organisation, Person, Tag
from aidviewer.ui.directory_pages import (
    DirectoryPage,
    organisations_page,
    people_page,
    tags_page,
)

# A top-level widget with a layout asks the platform to propagate its size hints, which
# the offscreen platform cannot do.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def sample(sample_path: Path) -> Iterator[Catalogue]:
    catalogue = Catalogue.open(sample_path)
    yield catalogue
    catalogue.close()


def _shown(page: DirectoryPage, qtbot: QtBot) -> DirectoryPage:
    qtbot.addWidget(page)
    page.resize(700, 400)
    page.show()
    qtbot.waitExposed(page)
    return page


def _names(page: DirectoryPage) -> list[str]:
    return [item.name for item in page.rows()]


def test_people_page_filters_as_the_user_types(
    sample: Catalogue, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    page = _shown(people_page(), qtbot)
    assert page.proxy.rowCount() == 0
    assert page.count_label.text() == "Showing 0 of 0"
    page.load(sample)
    assert _names(page) == ["Arvydas Anušauskas", "Rustem Umerov", "Volodymyr Zelensky"]
    assert page.count_label.text() == "Showing 3 of 3"
    assert page.filter_edit.placeholderText() == "Filter people by name, role or organisation"
    assert page.accessibleName() == "People"

    QTest.keyClicks(page.filter_edit, "ANUSAUS")  # no diacritics, other case
    assert _names(page) == ["Arvydas Anušauskas"]
    assert page.count_label.text() == "Showing 1 of 3"
    qtmodeltester.check(page.proxy)

    page.filter_edit.setText("ministry ukraine")  # words from the organisation column
    assert _names(page) == ["Rustem Umerov"]

    page.filter_edit.clear()
    assert len(page.rows()) == 3
    assert page.count_label.text() == "Showing 3 of 3"


def test_pages_are_read_only_and_sort_by_header(sample: Catalogue, qtbot: QtBot) -> None:
    page = _shown(organisations_page(), qtbot)
    page.load(sample)
    assert page.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not page.proxy.flags(page.proxy.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert page.view.isSortingEnabled()
    assert _names(page)[0] == "Armed Forces of Ukraine"

    header = page.view.horizontalHeader()
    QTest.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(header.sectionViewportPosition(0) + 5, header.height() // 2),
    )
    assert header.sortIndicatorSection() == 0
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert _names(page) == [
        "Office of the President of Ukraine",
        "Norway",
        "Ministry of National Defence of the Republic of Lithuania",
        "Ministry of Defence of Ukraine",
        "Armed Forces of Ukraine",
    ]
    # Filter and sort together.
    page.filter_edit.setText("ministry")
    assert _names(page) == [
        "Ministry of National Defence of the Republic of Lithuania",
        "Ministry of Defence of Ukraine",
    ]
    page.filter_edit.setText("kingdom")  # an alias
    assert _names(page) == ["Norway"]
    assert isinstance(page.rows()[0], Organisation)


def test_tags_page(sample: Catalogue, qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    page = _shown(tags_page(), qtbot)
    page.load(sample)
    assert _names(page) == [
        "air defence",
        "approximate",
        "coalition",
        "NASAMS",
        "planned",
        "total",
        "winter",
    ]
    assert all(isinstance(tag, Tag) for tag in page.rows())
    page.filter_edit.setText("de")
    assert _names(page) == ["air defence"]
    qtmodeltester.check(page.proxy)


def test_reload_keeps_the_filter_and_none_empties(sample: Catalogue, qtbot: QtBot) -> None:
    page = _shown(people_page(), qtbot)
    page.load(sample)
    page.filter_edit.setText("ukraine")
    sample.add_person(Person(name="Another Ukrainian", role="Adviser, Ukraine"))
    page.load(sample)
    assert _names(page) == ["Another Ukrainian", "Rustem Umerov", "Volodymyr Zelensky"]
    assert page.count_label.text() == "Showing 3 of 4"
    page.load(None)
    assert page.rows() == []
    assert page.count_label.text() == "Showing 0 of 0"


def test_activating_a_row_hands_over_its_dataclass(sample: Catalogue, qtbot: QtBot) -> None:
    page = _shown(people_page(), qtbot)
    page.load(sample)
    page.filter_edit.setText("zelensky")
    page.view.setFocus()
    page.view.setCurrentIndex(page.proxy.index(0, 1))
    assert isinstance(page.current_item(), Person)
    with qtbot.waitSignal(page.itemActivated) as blocker:
        QTest.keyClick(page.view, Qt.Key.Key_Return)
    (person,) = blocker.args
    assert isinstance(person, Person)
    assert person.name == "Volodymyr Zelensky"


def test_focus_filter_selects_its_text(sample: Catalogue, qtbot: QtBot) -> None:
    page = _shown(tags_page(), qtbot)
    page.filter_edit.setText("winter")
    page.view.setFocus()
    page.focus_filter()
    qtbot.waitUntil(page.filter_edit.hasFocus)
    assert page.filter_edit.selectedText() == "winter"
