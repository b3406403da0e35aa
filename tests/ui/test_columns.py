"""The column chooser and column layouts, on a real table view (offscreen)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMenu, QTableView
from pytestqt.qtbot import QtBot

from aidviewer.ui.columns import (
    MAX_WIDTH,
    MIN_WIDTH,
    apply_layout,
    column_chooser,
    install_column_chooser,
    layout_of,
    mnemonic_of,
    with_mnemonic,
)

HEADERS = ["Title", "Donor", "Recipient", "Value", "Status"]
TITLE = 0


class RecordingModel(QStandardItemModel):
    """Remembers every sort it is asked for, as a model that sorts in SQL would."""

    def __init__(self) -> None:
        super().__init__(3, len(HEADERS))
        self.setHorizontalHeaderLabels(HEADERS)
        for row, title in enumerate(["NASAMS", "Ammunition", "Winter kits"]):
            self.setItem(row, 0, QStandardItem(title))
            for column in range(1, len(HEADERS)):
                self.setItem(row, column, QStandardItem(f"{title} {column}"))
        self.sorts: list[tuple[int, Qt.SortOrder]] = []

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sorts.append((column, order))
        super().sort(column, order)


@pytest.fixture
def view(qtbot: QtBot) -> QTableView:
    table = QTableView()
    table.setModel(RecordingModel())
    table.horizontalHeader().setSectionsMovable(True)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.resize(900, 300)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    return table


def _model(view: QTableView) -> RecordingModel:
    model = view.model()
    assert isinstance(model, RecordingModel)
    return model


def _actions(menu: QMenu) -> dict[str, QAction]:
    """The column items by the names they show (their mnemonic's "&" taken out)."""
    return {_shown(a.text()): a for a in menu.actions() if a.isCheckable()}


def _shown(text: str) -> str:
    return re.sub(r"&(.)", r"\1", text)


def test_layout_round_trip(view: QTableView, qtbot: QtBot) -> None:
    header = view.horizontalHeader()
    header.moveSection(header.visualIndex(3), 1)  # Value second
    header.moveSection(header.visualIndex(4), 0)  # Status first
    header.resizeSection(1, 150)
    header.resizeSection(3, 77)
    header.setSectionHidden(2, True)
    view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    layout = layout_of(view)
    assert layout == {
        "order": [4, 0, 3, 1, 2],
        "hidden": [2],
        "widths": {"0": header.sectionSize(0), "1": 150, "3": 77, "4": header.sectionSize(4)},
        "sort": {"column": 3, "order": "descending"},
    }
    assert json.loads(json.dumps(layout)) == layout

    other = QTableView()
    qtbot.addWidget(other)
    other.setModel(RecordingModel())
    other.setSortingEnabled(True)
    apply_layout(other, json.loads(json.dumps(layout)))
    other_header = other.horizontalHeader()
    assert [other_header.logicalIndex(v) for v in range(5)] == [4, 0, 3, 1, 2]
    assert [other_header.isSectionHidden(s) for s in range(5)] == [
        False,
        False,
        True,
        False,
        False,
    ]
    assert other_header.sectionSize(1) == 150
    assert other_header.sectionSize(3) == 77
    assert other_header.sortIndicatorSection() == 3
    assert other_header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    # The model itself was asked to sort, not only the header's arrow.
    assert _model(other).sorts[-1] == (3, Qt.SortOrder.DescendingOrder)
    assert layout_of(other) == layout


def test_restoring_shows_columns_the_layout_does_not_hide(view: QTableView) -> None:
    header = view.horizontalHeader()
    header.setSectionHidden(1, True)
    header.setSectionHidden(4, True)
    apply_layout(view, {"hidden": [4]})
    assert [header.isSectionHidden(s) for s in range(5)] == [False, False, False, False, True]


def test_hidden_column_keeps_its_restored_width(view: QTableView) -> None:
    apply_layout(view, {"widths": {"2": 180}, "hidden": [2]})
    header = view.horizontalHeader()
    assert header.isSectionHidden(2)
    header.setSectionHidden(2, False)
    assert header.sectionSize(2) == 180


def test_sort_none_restores_the_natural_order(view: QTableView) -> None:
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    apply_layout(view, {"sort": {"column": -1, "order": "ascending"}})
    assert view.horizontalHeader().sortIndicatorSection() == -1
    assert _model(view).sorts[-1][0] == -1
    assert layout_of(view)["sort"] == {"column": -1, "order": "ascending"}


@pytest.mark.parametrize(
    "layout",
    [
        None,
        [],
        "order",
        {},
        {"order": "0,1,2"},
        {"order": [9, -1, "1", True, None]},
        {"hidden": [0, 1, 2, 3, 4]},  # every column: refused
        {"hidden": "all"},
        {"widths": [100, 200]},
        {"widths": {"x": 100, "99": 100, "1": "wide", "2": None, "3": True, "4": float("nan")}},
        {"sort": {"column": 42, "order": "descending"}},
        {"sort": {"column": 1, "order": "sideways"}},
        {"sort": {"column": "1", "order": "ascending"}},
        {"sort": [1, "ascending"]},
    ],
)
def test_bad_layouts_change_nothing(view: QTableView, layout: Any) -> None:
    before = layout_of(view)
    sorts = list(_model(view).sorts)
    apply_layout(view, layout)
    assert layout_of(view) == before
    assert _model(view).sorts == sorts


def test_partly_bad_layout_applies_the_good_entries(view: QTableView) -> None:
    apply_layout(
        view,
        {
            "order": [2, 2, 7, 0],  # duplicates and unknown columns skipped, rest appended
            "hidden": [3, 99],
            "widths": {"1": 5, "2": 10**6, "4": 123.6},
            "sort": {"column": 1, "order": "ascending"},
            "future_key": {"anything": True},
        },
    )
    header = view.horizontalHeader()
    assert [header.logicalIndex(v) for v in range(5)] == [2, 0, 1, 3, 4]
    assert [s for s in range(5) if header.isSectionHidden(s)] == [3]
    assert header.sectionSize(1) == max(MIN_WIDTH, header.minimumSectionSize())
    assert header.sectionSize(2) == MAX_WIDTH
    assert header.sectionSize(4) == 123
    assert header.sortIndicatorSection() == 1


def test_layout_from_a_table_with_fewer_columns(view: QTableView) -> None:
    apply_layout(view, {"order": [2, 0, 1], "hidden": [1]})
    header = view.horizontalHeader()
    assert [header.logicalIndex(v) for v in range(5)] == [2, 0, 1, 3, 4]
    assert [s for s in range(5) if header.isSectionHidden(s)] == [1]


def test_chooser_menu_lists_columns_and_hides_them(view: QTableView) -> None:
    chooser = install_column_chooser(view, keep={TITLE})
    assert column_chooser(view) is chooser
    header = view.horizontalHeader()
    header.moveSection(header.visualIndex(2), 0)  # menu follows the shown order
    menu = chooser.build_menu()
    actions = _actions(menu)
    assert list(actions) == ["Recipient", "Title", "Donor", "Value", "Status"]
    assert all(a.isChecked() for a in actions.values())
    # The kept title column cannot be hidden; the others can.
    assert not actions["Title"].isEnabled()
    assert all(a.isEnabled() for name, a in actions.items() if name != "Title")

    actions["Donor"].trigger()
    assert header.isSectionHidden(1)
    assert layout_of(view)["hidden"] == [1]
    # A fresh menu shows it unchecked; checking it shows the column again.
    again = _actions(chooser.build_menu())
    assert not again["Donor"].isChecked()
    again["Donor"].trigger()
    assert not header.isSectionHidden(1)

    # Even asked directly, the chooser does not hide a kept column.
    chooser.set_column_shown(TITLE, False)
    assert not header.isSectionHidden(TITLE)
    # Nor does a layout.
    apply_layout(view, {"hidden": [TITLE, 3]})
    assert [s for s in range(5) if header.isSectionHidden(s)] == [3]


def test_show_all_columns(view: QTableView) -> None:
    chooser = install_column_chooser(view, keep={TITLE})
    for column in (1, 2, 4):
        chooser.set_column_shown(column, False)
    menu = chooser.build_menu()
    show_all = next(a for a in menu.actions() if a.objectName() == "show_all_columns")
    show_all.trigger()
    assert not any(view.horizontalHeader().isSectionHidden(s) for s in range(5))


def test_last_shown_column_cannot_be_hidden(view: QTableView) -> None:
    chooser = install_column_chooser(view)  # nothing kept
    for column in range(1, 5):
        chooser.set_column_shown(column, False)
    actions = _actions(chooser.build_menu())
    assert actions["Title"].isChecked()
    assert not actions["Title"].isEnabled()
    chooser.set_column_shown(TITLE, False)
    assert not view.horizontalHeader().isSectionHidden(TITLE)


# The offscreen platform cannot raise a popup or give it the keyboard; real ones can.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_right_click_on_the_header_opens_the_menu(view: QTableView, qtbot: QtBot) -> None:
    chooser = install_column_chooser(view, keep={TITLE})
    header = view.horizontalHeader()
    assert header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    header.customContextMenuRequested.emit(QPoint(10, 5))
    menu = chooser.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    assert list(_actions(menu)) == HEADERS
    _actions(menu)["Status"].trigger()
    assert header.isSectionHidden(4)
    menu.close()
    qtbot.waitUntil(lambda: chooser.menu is None)


def test_view_menu_refreshes_when_opened(view: QTableView) -> None:
    chooser = install_column_chooser(view, keep={TITLE})
    menu = chooser.columns_menu()
    assert menu.title() == "&Columns"
    view.horizontalHeader().setSectionHidden(3, True)
    menu.aboutToShow.emit()
    assert not _actions(menu)["Value"].isChecked()
    assert len(_actions(menu)) == 5  # rebuilt, not appended


def test_installing_twice_reuses_the_chooser(view: QTableView) -> None:
    first = install_column_chooser(view, keep={TITLE})
    second = install_column_chooser(view, keep={1})
    assert first is second
    assert second.keep == frozenset({1})


def test_every_column_item_gets_a_letter_of_its_own() -> None:
    taken = {"a"}  # "Show &All Columns"
    texts = [
        with_mnemonic(name, taken)
        for name in ("Title", "Donor", "Type", "Tags", "R&D", "Announced", "T", "Found in")
    ]
    assert texts == ["&Title", "&Donor", "T&ype", "Ta&gs", "&R&&D", "A&nnounced", "T",
                     "&Found in"]  # fmt: skip
    assert [mnemonic_of(text) for text in texts] == ["t", "d", "y", "g", "r", "n", "", "f"]
    assert taken == {"a", "t", "d", "y", "g", "r", "n", "f"}
