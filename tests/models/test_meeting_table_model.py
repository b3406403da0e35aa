"""The meetings table model over a real catalogue file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from aidviewer.models import MeetingColumn, MeetingTableModel, Role
from aidviewer.models.formatting import plain_tooltip
from aidviewer.store import Catalogue, MeetingQuery, MeetingSort, MeetingSummary


def test_passes_the_model_tester(small_catalogue: Catalogue, qtmodeltester: ModelTester) -> None:
    model = MeetingTableModel()
    assert model.rowCount() == 0
    assert model.columnCount() == len(MeetingColumn) == 5
    model.set_catalogue(small_catalogue)
    assert model.rowCount() == 2
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        (MeetingQuery(sort=MeetingSort.STARTS, descending=True), 2),
        (MeetingQuery(search="kyiv"), 1),
        (MeetingQuery(search="zelensky"), 0),  # participants are not searched
    ],
    ids=["sorted", "searched", "nothing found"],
)
def test_passes_the_model_tester_sorted_and_searched(
    small_catalogue: Catalogue, qtmodeltester: ModelTester, query: MeetingQuery, rows: int
) -> None:
    model = MeetingTableModel()
    model.set_catalogue(small_catalogue)
    model.set_query(query)
    assert model.rowCount() == rows
    qtmodeltester.check(model)


def test_rows_in_date_order_with_participants(small_catalogue: Catalogue) -> None:
    model = MeetingTableModel()
    model.set_catalogue(small_catalogue)
    rows = [
        [model.index(row, column).data() for column in list(MeetingColumn)[:-1]]
        for row in range(model.rowCount())
    ]
    assert rows == [
        ["2023-11-10", "Meeting in Kyiv", "Kyiv", "Arvydas Anušauskas, Volodymyr Zelensky"],
        ["2023-12-01 09:30", "Follow-up in Vilnius", "Vilnius", "Arvydas Anušauskas"],
    ]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in MeetingColumn]
    assert headers == ["Starts", "Title", "Place", "Participants", "Found in"]


def test_roles(small_catalogue: Catalogue) -> None:
    model = MeetingTableModel()
    model.set_catalogue(small_catalogue)
    summary = model.index(0, MeetingColumn.TITLE).data(Role.SUMMARY)
    assert isinstance(summary, MeetingSummary)
    assert summary.title == "Meeting in Kyiv"
    assert model.index(0, MeetingColumn.TITLE).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.rowCount(model.index(0, 0)) == 0
    tip = Qt.ItemDataRole.ToolTipRole
    participants = model.index(0, MeetingColumn.PARTICIPANTS).data(tip)
    assert participants == plain_tooltip("Arvydas Anušauskas\nVolodymyr Zelensky")
    assert model.index(0, MeetingColumn.PLACE).data(tip) == plain_tooltip("Kyiv")


def test_sorts_by_start(small_catalogue: Catalogue) -> None:
    model = MeetingTableModel()
    model.set_catalogue(small_catalogue)
    model.sort(MeetingColumn.STARTS, Qt.SortOrder.DescendingOrder)
    titles = [model.index(r, MeetingColumn.TITLE).data() for r in range(model.rowCount())]
    assert titles == ["Follow-up in Vilnius", "Meeting in Kyiv"]
