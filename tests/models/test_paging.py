"""The records model over 20,000 records: far rows without the rows before them,
bounded memory, and what a delegate sees through multiData()."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from aidviewer.models import Column, RecordTableModel, Role
from aidviewer.store import Catalogue, CatalogueError, RecordQuery, RecordSort
from aidviewer.ui.cell_delegate import CellDelegate

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def big_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 generated records (the benchmark's seeded generator), made once."""
    sys.path.insert(0, str(REPO))
    try:
        from benchmarks.generate import generate
    finally:
        sys.path.remove(str(REPO))
    path = tmp_path_factory.mktemp("big") / "big.aidb"
    generate(path, records=20_000, meetings=200, notes=2_000, seed=7, workers=0, quiet=True)
    return path


@pytest.fixture
def big(big_master: Path, tmp_path: Path) -> Catalogue:
    path = tmp_path / "big.aidb"
    shutil.copyfile(big_master, path)
    with Catalogue.open(path, read_only=True) as catalogue:
        yield catalogue


def test_last_row_is_read_without_the_rows_before_it(big: Catalogue) -> None:
    model = RecordTableModel()
    model.set_catalogue(big, RecordQuery(sort=RecordSort.DONOR))
    assert model.rowCount() == 20_000
    stats = big.paging_stats
    before = (stats.queries, stats.rows)
    last = model.index(19_999, Column.TITLE).data()
    assert (stats.queries - before[0], stats.rows - before[1]) == (1, model.PAGE_SIZE)
    assert stats.largest_offset == 0  # counted from the end, not skipped through
    expected = big.record_rows(RecordQuery(sort=RecordSort.DONOR, descending=True), limit=1)[0]
    assert last == expected.title


def test_middle_row_is_found_from_the_nearer_end(big: Catalogue) -> None:
    model = RecordTableModel()
    model.set_catalogue(big, RecordQuery(sort=RecordSort.VALUE))
    summary = model.summary(15_123)
    assert summary is not None
    assert big.paging_stats.largest_offset <= 20_000 - 15_000  # from the end
    assert big.record_position(model.query, summary.id) == 15_123


def test_neighbouring_pages_are_read_by_keyset(big: Catalogue) -> None:
    model = RecordTableModel()
    model.set_catalogue(big, RecordQuery(sort=RecordSort.TITLE))
    model.summary(10_000)
    largest = big.paging_stats.largest_offset
    titles = [model.index(row, Column.TITLE).data() for row in range(10_000, 10_800)]
    assert big.paging_stats.largest_offset == largest  # no new offsets: keyset reads
    expected = big.record_rows(RecordQuery(sort=RecordSort.TITLE), limit=10_800)[10_000:]
    assert titles == [row.title for row in expected]


def test_memory_is_bounded_by_the_page_cache(big: Catalogue) -> None:
    model = RecordTableModel()
    model.set_catalogue(big)
    for row in range(0, 20_000, 97):
        model.index(row, Column.TITLE).data()
    assert model.cached_pages() <= model.MAX_PAGES


def test_model_tester_on_a_big_sorted_searched_model(
    big: Catalogue, qtmodeltester: ModelTester
) -> None:
    model = RecordTableModel()
    model.set_catalogue(
        big, RecordQuery(search="generator", sort=RecordSort.VALUE, descending=True)
    )
    assert 0 < model.rowCount() < 20_000
    qtmodeltester.check(model)


def test_multi_data_answers_as_data_does(big: Catalogue) -> None:
    model = RecordTableModel()
    model.set_catalogue(big, RecordQuery(search="generator"))
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Role.HIGHLIGHT,
    ]
    for column in (Column.TITLE, Column.VALUE_EUR, Column.MATCH):
        index = model.index(3, column)
        for role in roles:
            slot = QModelRoleData(int(role))
            model.multiData(index, QModelRoleDataSpan(slot))  # a span of one
            assert slot.data() == index.data(role), (column, role)
    assert model.index(3, Column.MATCH).data()  # the passage found is there to compare


def test_a_view_paints_exactly_what_a_plain_model_with_the_same_texts_paints(
    big: Catalogue, qtbot: QtBot
) -> None:
    """The view gets its cells through multiData()'s remembered slots; painted, they must
    look exactly like the same texts and alignments in Qt's own QStandardItemModel."""
    model = RecordTableModel()
    model.set_catalogue(big, RecordQuery(sort=RecordSort.DONOR))
    reference = QStandardItemModel(model.rowCount() and 30, model.columnCount())
    for row in range(30):
        for column in range(model.columnCount()):
            item = QStandardItem(model.index(row, column).data() or "")
            alignment = model.index(row, column).data(Qt.ItemDataRole.TextAlignmentRole)
            item.setTextAlignment(Qt.AlignmentFlag(alignment))
            reference.setItem(row, column, item)
    images = []
    for source in (model, reference):
        view = QTableView()
        qtbot.addWidget(view)
        view.resize(900, 500)
        view.verticalHeader().hide()  # its row numbers differ in width: 20,000 rows against 30
        view.setModel(source)
        view.show()
        view.viewport().grab()  # a first paint, which fills the remembered slots
        images.append(view.viewport().grab().toImage())
    assert images[0] == images[1]
    assert model._role_places  # the fast path was taken


@pytest.mark.parametrize("tables_delegate", [False, True], ids=["qt-delegate", "cell-delegate"])
def test_rows_that_cannot_be_read_paint_empty_and_say_why_once(
    big: Catalogue, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tables_delegate: bool
) -> None:
    """A delegate hands the same span from cell to cell: a row whose page cannot be read
    must clear the display slot rather than show the previous cell's text. The window's
    own delegate, which asks for a row's texts, must paint such a row empty too."""
    model = RecordTableModel()
    model.set_catalogue(big)
    blank = QStandardItemModel(model.rowCount(), model.columnCount())  # no items: empty
    views = []
    for source in (model, blank):
        view = QTableView()
        qtbot.addWidget(view)
        view.resize(900, 500)
        view.verticalHeader().hide()
        view.setModel(source)
        if tables_delegate and source is model:
            view.setItemDelegate(CellDelegate(view))
        view.show()
        view.viewport().grab()  # the first page is read and painted
        views.append(view)

    def gone(*args: object, **kwargs: object) -> None:
        raise CatalogueError("The catalogue file went away.")

    monkeypatch.setattr(big, "record_page", gone)
    messages: list[str] = []
    model.readFailed.connect(messages.append)
    images = []
    for view in views:
        view.scrollTo(view.model().index(10_000, 0), QTableView.ScrollHint.PositionAtTop)
        images.append(view.viewport().grab().toImage())
    assert messages == ["The catalogue file went away."]  # once, not for every cell
    assert images[0] == images[1]
    slot = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
    slot.setData("a previous cell")
    model.multiData(model.index(15_000, Column.DONOR), QModelRoleDataSpan(slot))
    assert slot.data() is None
    assert model.index(1, Column.TITLE).data()  # the page already read still shows
