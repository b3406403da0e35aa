"""The meetings table model over a real catalogue file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from aidviewer.models import MeetingColumn, MeetingTableModel, Role, SortProxyModel
from aidviewer.store import Catalogue, MeetingSummary


def test_passes_the_model_tester(small_catalogue: Catalogue, qtmodeltester: ModelTester) -> None:
    model = MeetingTableModel()
    assert model.rowCount() == 0
    assert model.columnCount() == len(MeetingColumn) == 4
    model.load(small_catalogue)
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_sorting_proxy_passes_the_model_tester(
    small_catalogue: Catalogue, qtmodeltester: ModelTester
) -> None:
    model = MeetingTableModel()
    model.load(small_catalogue)
    proxy = SortProxyModel(model)
    proxy.sort(MeetingColumn.STARTS, Qt.SortOrder.DescendingOrder)
    assert proxy.rowCount() == 2
    qtmodeltester.check(proxy)


def test_rows_in_date_order_with_participants(small_catalogue: Catalogue) -> None:
    model = MeetingTableModel()
    model.load(small_catalogue)
    rows = [
        [model.index(row, column).data() for column in MeetingColumn]
        for row in range(model.rowCount())
    ]
    assert rows == [
        ["2023-11-10", "Meeting in Kyiv", "Kyiv", "Arvydas Anušauskas, Volodymyr Zelensky"],
        ["2023-12-01 09:30", "Follow-up in Vilnius", "Vilnius", "Arvydas Anušauskas"],
    ]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in MeetingColumn]
    assert headers == ["Starts", "Title", "Place", "Participants"]


def test_roles(small_catalogue: Catalogue) -> None:
    model = MeetingTableModel()
    model.load(small_catalogue)
    summary = model.index(0, MeetingColumn.TITLE).data(Role.SUMMARY)
    assert isinstance(summary, MeetingSummary)
    assert summary.title == "Meeting in Kyiv"
    assert model.index(1, MeetingColumn.STARTS).data(Role.SORT) == "2023-12-01T09:30"
    assert model.index(0, MeetingColumn.TITLE).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.rowCount(model.index(0, 0)) == 0
    tip = Qt.ItemDataRole.ToolTipRole
    participants = model.index(0, MeetingColumn.PARTICIPANTS).data(tip)
    assert participants == "Arvydas Anušauskas\nVolodymyr Zelensky"
    assert model.index(0, MeetingColumn.PLACE).data(tip) == "Kyiv"


def test_sorts_by_start(small_catalogue: Catalogue) -> None:
    model = MeetingTableModel()
    model.load(small_catalogue)
    proxy = SortProxyModel(model)
    proxy.sort(MeetingColumn.STARTS, Qt.SortOrder.DescendingOrder)
    titles = [proxy.index(r, MeetingColumn.TITLE).data() for r in range(proxy.rowCount())]
    assert titles == ["Follow-up in Vilnius", "Meeting in Kyiv"]
