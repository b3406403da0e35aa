"""The tables' CellDelegate paints exactly what Qt's own delegate paints for the same
texts, in every state a cell can be in, while taking the texts from the paged model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyledItemDelegate, QTableView
from pytestqt.qtbot import QtBot

from aidviewer.models import Column, RecordTableModel
from aidviewer.store import AidRecord, Catalogue, RecordQuery, RecordSort
from aidviewer.ui.cell_delegate import CellDelegate
from aidviewer.ui.tables import dress_table

ROWS = 11  # the sample's ten records and one more


@pytest.fixture
def catalogue(sample_path: Path) -> Iterator[Catalogue]:
    with Catalogue.open(sample_path, user="tester") as opened:
        # A title on two lines: Qt's delegate draws those (CellDelegate hands them over).
        opened.add_record(AidRecord(title="Aaa two lines\nof title"))
        yield opened


def _reference(model: RecordTableModel) -> QStandardItemModel:
    """Qt's own model holding the same texts and alignments."""
    reference = QStandardItemModel(ROWS, model.columnCount())
    for row in range(ROWS):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            item = QStandardItem(index.data() or "")
            item.setTextAlignment(Qt.AlignmentFlag(index.data(Qt.ItemDataRole.TextAlignmentRole)))
            reference.setItem(row, column, item)
    return reference


def _paint_both(
    qtbot: QtBot,
    model: RecordTableModel,
    prepare: Callable[[QTableView], None] = lambda view: None,
) -> tuple[QImage, QImage, CellDelegate]:
    """The same table painted by CellDelegate over `model` and by Qt's delegate over
    the same texts; `prepare` is done to both views before they are painted."""
    images = []
    delegate = None
    for source in (model, _reference(model)):
        view = QTableView()
        qtbot.addWidget(view)
        view.resize(760, 330)
        view.setModel(source)
        dress_table(view)
        view.setColumnWidth(Column.TITLE, 110)  # long titles are elided
        view.setColumnWidth(Column.VALUE_EUR, 80)  # and so are some values, on the right
        if source is model:
            delegate = CellDelegate(view)
            view.setItemDelegate(delegate)
        view.show()
        prepare(view)
        view.viewport().grab()  # a first paint lays the texts out
        images.append(view.viewport().grab().toImage())
    assert delegate is not None
    return images[0], images[1], delegate


@pytest.fixture
def model(catalogue: Catalogue) -> RecordTableModel:
    model = RecordTableModel()
    model.set_catalogue(catalogue, RecordQuery(sort=RecordSort.TITLE))
    assert model.rowCount() >= ROWS
    return model


def test_cells_look_as_qt_paints_them(qtbot: QtBot, model: RecordTableModel) -> None:
    def select(view: QTableView) -> None:
        view.selectRow(2)
        view.setCurrentIndex(view.model().index(4, Column.DONOR))  # a focus frame

    ours, qts, _ = _paint_both(qtbot, model, select)
    assert ours == qts
    assert "\n" in model.index(0, Column.TITLE).data()  # the two-line title was painted


def test_right_to_left_tables_look_as_qt_paints_them(qtbot: QtBot, model: RecordTableModel) -> None:
    def mirror(view: QTableView) -> None:
        view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        view.selectRow(1)

    ours, qts, _ = _paint_both(qtbot, model, mirror)
    assert ours == qts


def test_a_disabled_table_looks_as_qt_paints_it(qtbot: QtBot, model: RecordTableModel) -> None:
    def disable(view: QTableView) -> None:
        view.selectRow(3)
        view.setEnabled(False)

    ours, qts, _ = _paint_both(qtbot, model, disable)
    assert ours == qts


def test_disabled_rows_look_as_qt_paints_them(qtbot: QtBot, catalogue: Catalogue) -> None:
    """A row the model marks as not enabled is written in the palette's disabled colour."""

    class SomeDisabled(RecordTableModel):
        def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
            flags = super().flags(index)
            return flags & ~Qt.ItemFlag.ItemIsEnabled if index.row() in (1, 2) else flags

    model = SomeDisabled()
    model.set_catalogue(catalogue, RecordQuery(sort=RecordSort.TITLE))
    original = _reference

    def reference(source: RecordTableModel) -> QStandardItemModel:
        made = original(source)
        for row in (1, 2):
            for column in range(made.columnCount()):
                made.item(row, column).setEnabled(False)
        return made

    globals()["_reference"] = reference
    try:
        ours, qts, _ = _paint_both(qtbot, model, lambda view: view.selectRow(2))
    finally:
        globals()["_reference"] = original
    assert ours == qts


def test_a_new_font_and_palette_are_followed(qtbot: QtBot, model: RecordTableModel) -> None:
    """Laid-out texts are kept between repaints; a change of font or palette must not
    leave the old ones on screen."""

    def restyle(view: QTableView) -> None:
        view.viewport().grab()  # laid out in the old font first
        font = QFont(view.font())
        font.setPointSize(font.pointSize() + 3)
        font.setItalic(True)
        view.setFont(font)
        palette = QPalette(view.palette())
        palette.setColor(QPalette.ColorRole.Text, QColor("#a01010"))
        # Whichever group the style picks (a window in front or behind), it is this one.
        palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Text, QColor("#1010a0"))
        view.setPalette(palette)
        view.selectRow(1)

    ours, qts, _ = _paint_both(qtbot, model, restyle)
    assert ours == qts


def test_narrowing_a_column_elides_again(qtbot: QtBot, model: RecordTableModel) -> None:
    def narrow(view: QTableView) -> None:
        view.viewport().grab()
        view.setColumnWidth(Column.DONOR, 45)
        view.setColumnWidth(Column.QUANTITY, 50)

    ours, qts, _ = _paint_both(qtbot, model, narrow)
    assert ours == qts


def test_texts_come_from_the_model_without_asking_for_roles(
    qtbot: QtBot, model: RecordTableModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The point of the delegate: a repaint reads each row's cached texts once per cell
    and never goes through data() or multiData()."""
    asked: list[str] = []
    original = RecordTableModel.row_texts

    def counting(self: RecordTableModel, row: int) -> list[str] | None:
        asked.append("row_texts")
        return original(self, row)

    def refuse(*args: object) -> None:
        asked.append("roles")

    monkeypatch.setattr(RecordTableModel, "row_texts", counting)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(760, 330)
    view.setModel(model)
    dress_table(view)
    view.setItemDelegate(CellDelegate(view))
    view.show()
    view.viewport().grab()
    asked.clear()
    monkeypatch.setattr(RecordTableModel, "multiData", refuse)
    monkeypatch.setattr(RecordTableModel, "data", refuse)
    view.viewport().grab()
    assert asked and set(asked) == {"row_texts"}


def test_other_models_are_painted_by_qt(qtbot: QtBot) -> None:
    """A model without row_texts (the directory tables) goes through Qt's delegate."""
    source = QStandardItemModel(3, 2)
    for row in range(3):
        for column in range(2):
            source.setItem(row, column, QStandardItem(f"cell {row} {column}"))
    images = []
    for delegate_type in (CellDelegate, QStyledItemDelegate):
        view = QTableView()
        qtbot.addWidget(view)
        view.resize(300, 150)
        view.setModel(source)
        view.setItemDelegate(delegate_type(view))
        view.show()
        images.append(view.viewport().grab().toImage())
    assert images[0] == images[1]
