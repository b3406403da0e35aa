"""The aid records table model over a real catalogue file."""

from __future__ import annotations

import pytest
from figures import Figures
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from aidviewer.models import Column, RecordTableModel, Role
from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    Money,
    RecordQuery,
    RecordSort,
    RecordSummary,
)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _column(model: RecordTableModel, column: Column) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_passes_the_model_tester(
    small_catalogue: Catalogue, qtmodeltester: ModelTester, en_us: object
) -> None:
    model = RecordTableModel()
    assert model.rowCount() == 0
    assert model.columnCount() == len(Column) == 11
    model.set_catalogue(small_catalogue)
    assert model.rowCount() == 4
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        (RecordQuery(sort=RecordSort.VALUE, descending=True), 4),
        (RecordQuery(aid_types=(AidType.MILITARY,)), 2),
        (RecordQuery(search="nasa"), 1),
    ],
    ids=["sorted", "filtered", "searched"],
)
def test_passes_the_model_tester_sorted_filtered_and_searched(
    small_catalogue: Catalogue, qtmodeltester: ModelTester, query: RecordQuery, rows: int
) -> None:
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    model.set_query(query)
    assert model.rowCount() == rows
    qtmodeltester.check(model)


def test_cells_are_formatted_for_people(small_catalogue: Catalogue, en_us: object) -> None:
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    row = [model.index(0, column).data() for column in Column if column is not Column.MATCH]
    assert row == [
        "NASAMS launchers",
        "Lithuania",
        "Armed Forces of Ukraine",
        "Military",
        "Air defence",
        "Delivered",
        "3 launchers",
        "€900.00",
        "2023-11",
        "2023-11-10",
    ]
    assert _column(model, Column.VALUE_EUR) == [
        "€900.00",
        "€500,000,000.00",
        "€10,000.00",
        "",
    ]
    assert _column(model, Column.QUANTITY) == ["3 launchers", "12,345 items", "", ""]
    assert _column(model, Column.STATUS) == ["Delivered", "Committed", "", ""]
    assert _column(model, Column.AID_TYPE) == ["Military", "Military", "Humanitarian", "Financial"]
    assert _column(model, Column.ANNOUNCED) == ["2023-11", "", "", ""]


def test_tooltips_show_the_whole_text(small_catalogue: Catalogue, en_us: object) -> None:
    small_catalogue.add_record(
        AidRecord(
            title="Paid in dollars",
            money=Money(amount_minor=150_000, currency="USD", value_eur_cents=138_000),
        )
    )
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    tip = Qt.ItemDataRole.ToolTipRole
    assert _text_of(model.index(0, Column.RECIPIENT).data(tip)) == "Armed Forces of Ukraine"
    assert model.index(3, Column.DONOR).data(tip) is None  # nothing to show
    # The value in euros, with the amount as the source gave it behind it.
    assert model.index(4, Column.VALUE_EUR).data() == "€1,380.00"
    assert _text_of(model.index(4, Column.VALUE_EUR).data(tip)) == "USD 1,500.00"
    assert _text_of(model.index(0, Column.VALUE_EUR).data(tip)) == "€900.00"


def _text_of(tooltip: str) -> str:
    """What a person reads in the tooltip (Qt renders it as rich text)."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_tooltips_show_markup_as_text(small_catalogue: Catalogue) -> None:
    """A title like <img src="file:///…"> is shown as typed, never rendered (T27)."""
    hostile = '<img src="file:///etc/passwd"> & <b>bold</b>\nsecond line'
    small_catalogue.add_record(AidRecord(title=hostile))
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    tooltip = model.index(4, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tooltip and "<b>" not in tooltip
    assert _text_of(tooltip) == hostile
    assert model.index(4, Column.TITLE).data() == hostile


def test_hostile_titles_are_shown_as_text(
    small_catalogue: Catalogue, hostile_notes: list[str], figures: Figures
) -> None:
    """T27's hostile texts as titles: each cell and tooltip shows the very characters."""
    for body in hostile_notes:
        small_catalogue.add_record(AidRecord(title=body))
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    cells: dict[str, str] = {}  # title shown -> its tooltip
    for row in range(model.rowCount()):
        index = model.index(row, Column.TITLE)
        cells[index.data()] = index.data(Qt.ItemDataRole.ToolTipRole)
    in_cells = [body for body in hostile_notes if body in cells]
    in_tips = [body for body in in_cells if _text_of(cells[body]) == body]
    # Inside the tooltip's one paragraph, every "<" of the title is escaped.
    inner = {
        body: cells[body][cells[body].index(">") + 1 : cells[body].rindex("<")] for body in in_cells
    }
    raw_markup = [body for body in in_cells if "<" in inner[body]]
    figures.add("hostile titles", len(hostile_notes))
    figures.add("shown as typed in their cells", len(in_cells))
    figures.add("shown as typed in their tooltips", len(in_tips))
    figures.add("tooltips holding raw markup", len(raw_markup))
    assert in_cells == in_tips == hostile_notes
    assert raw_markup == []


def test_numbers_are_right_aligned(small_catalogue: Catalogue) -> None:
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    align = Qt.ItemDataRole.TextAlignmentRole
    for column in Column:
        expected = RIGHT if column in (Column.QUANTITY, Column.VALUE_EUR) else LEFT
        assert model.index(0, column).data(align) == expected, column
        assert model.headerData(column, Qt.Orientation.Horizontal, align) == expected, column


def test_headers(small_catalogue: Catalogue) -> None:
    model = RecordTableModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(Column))]
    assert headers == [
        "Title",
        "Donor",
        "Recipient",
        "Aid type",
        "Category",
        "Status",
        "Quantity",
        "Value (EUR)",
        "Announced",
        "Delivered",
        "Found in",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.headerData(len(Column), Qt.Orientation.Horizontal) is None


def test_summary_role(small_catalogue: Catalogue) -> None:
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    summary = model.index(1, Column.TITLE).data(Role.SUMMARY)
    assert isinstance(summary, RecordSummary)
    assert summary == small_catalogue.record_summaries()[1]
    assert model.summary(1) == summary
    assert model.roleNames()[int(Role.SUMMARY)].data() == b"summary"


def test_unhandled_roles_and_children_are_empty(small_catalogue: Catalogue) -> None:
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    index = model.index(0, Column.TITLE)
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    assert model.rowCount(index) == 0
    assert model.columnCount(index) == 0
    assert model.data(QModelIndex()) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_cells_are_edited_only_where_allowed(small_catalogue: Catalogue) -> None:
    """Nothing is editable until the window says the catalogue can be changed; then the
    title and the quantity are, starting from the field's own value."""
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    summary = model.summary(0)
    assert summary is not None and summary.quantity is not None
    title, quantity = model.index(0, Column.TITLE), model.index(0, Column.QUANTITY)
    assert not model.flags(title) & Qt.ItemFlag.ItemIsEditable
    model.set_editable(True)
    editable = [
        column
        for column in Column
        if model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable
    ]
    assert editable == [Column.TITLE, Column.QUANTITY]
    assert title.data(Qt.ItemDataRole.EditRole) == summary.title
    assert quantity.data(Qt.ItemDataRole.EditRole) == f"{summary.quantity:,}"  # no unit
    assert quantity.data() != quantity.data(Qt.ItemDataRole.EditRole)


def test_value_column_sorts_by_number_not_text(small_catalogue: Catalogue) -> None:
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    model.sort(Column.VALUE_EUR, Qt.SortOrder.AscendingOrder)
    titles = _column(model, Column.TITLE)
    # As text "€10,000.00" < "€500,000,000.00" < "€900.00"; as numbers the other way.
    assert titles == ["Demining coalition", "NASAMS launchers", "bandages", "Total military aid"]
    model.sort(Column.VALUE_EUR, Qt.SortOrder.DescendingOrder)
    assert _column(model, Column.TITLE)[0] == "Total military aid"


def test_titles_sort_ignoring_case(small_catalogue: Catalogue) -> None:
    model = RecordTableModel()
    model.set_catalogue(small_catalogue)
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert _column(model, Column.TITLE) == [
        "bandages",
        "Demining coalition",
        "NASAMS launchers",
        "Total military aid",
    ]
    model.sort(-1)  # back to the natural order
    assert _column(model, Column.TITLE)[0] == "NASAMS launchers"


def test_set_catalogue_resets_and_none_empties(small_catalogue: Catalogue, qtbot: QtBot) -> None:
    model = RecordTableModel()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_catalogue(small_catalogue)
    assert model.rowCount() == 4
    with qtbot.waitSignal(model.modelReset):
        model.set_catalogue(None)
    assert model.rowCount() == 0


def test_matched_words_are_marked_whatever_their_letters(small_catalogue: Catalogue) -> None:
    small_catalogue.add_record(AidRecord(title="Generators for Łódź"))
    model = RecordTableModel()
    model.set_catalogue(small_catalogue, RecordQuery(search="lodz gen"))
    assert model.rowCount() == 1
    assert model.index(0, Column.TITLE).data() == "Generators for Łódź"
    assert model.index(0, Column.TITLE).data(Role.HIGHLIGHT) == [(0, 3), (15, 4)]
    # Found only in its plain spelling, the passage still shows the word marked.
    assert model.index(0, Column.MATCH).data(Role.HIGHLIGHT) == [(0, 3), (15, 4)]
