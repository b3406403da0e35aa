"""A table over a query of the store, read a page at a time.

The row count is exact from the start (one COUNT). A row is found by the page that holds
it: after a neighbouring page already read (keyset), or at an offset counted from the
nearer end of the table, so the last of a million rows costs one small query. Only a
bounded number of pages stay in memory. Sorting and filtering change the store query;
nothing is sorted here.

A few simple columns can be edited in place (F2). The model does not write: it checks
the text as it is typed (`cell_problem`) and, once it is committed, says so
(`cellEdited`); the window makes the change through its undoable editor, and the rows are
read again from the store.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from enum import IntEnum
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from aidviewer.store import Catalogue, CatalogueError, Page

from .formatting import plain_tooltip
from .highlight import marked_ranges, match_ranges
from .roles import Role

T = TypeVar("T")
C = TypeVar("C", bound=IntEnum)
Q = TypeVar("Q")

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# A cell's alignment as a plain int: PySide wraps an int in a QVariant faster than an
# alignment flag, and a view reads either.
_RIGHT_CELL, _LEFT_CELL = _RIGHT.value, _LEFT.value

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_OTHER_ROLES = frozenset(
    {int(Qt.ItemDataRole.ToolTipRole), int(Role.SUMMARY), int(Role.HIGHLIGHT), _EDIT}
)
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class _CachedPage(Generic[T]):
    __slots__ = ("cells", "keys", "rows", "snippets")

    def __init__(self, page: Page, snippets: dict[int, str]) -> None:
        self.rows: Sequence[T] = page.rows
        self.keys = page.keys
        self.snippets = snippets
        # Each row's display texts, made when the row is first painted: a view asks for
        # every visible cell on every repaint, and formatting is the costly part.
        self.cells: list[list[str] | None] = [None] * len(page.rows)


class PagedTableModel(QAbstractTableModel, Generic[T, C, Q]):
    """Rows of type `T` (a summary dataclass with an `id`), columns of the IntEnum `C`,
    selected and ordered by a query of type `Q` (a frozen dataclass with `search`,
    `sort` and `descending`)."""

    PAGE_SIZE = 100
    MAX_PAGES = 48  # about 5,000 rows: several screens in each direction

    CONTEXT = "PagedTableModel"
    COLUMNS: type[C]
    # PySide6 types QT_TRANSLATE_NOOP as returning object: it returns its text argument.
    HEADERS: ClassVar[dict[Any, object]]
    NUMERIC: ClassVar[frozenset[Any]] = frozenset()
    # The store's sort for each column that can be sorted.
    SORTS: ClassVar[dict[Any, Any]] = {}
    # Columns whose text shows the search's matched words, and the column of snippets.
    HIGHLIGHTED: ClassVar[frozenset[Any]] = frozenset()
    MATCH_COLUMN: ClassVar[Any] = None
    # Columns edited in place (F2), each one simple field of the row.
    EDITABLE: ClassVar[frozenset[Any]] = frozenset()

    # The query changed (filters, search or sort); the row count may have changed too.
    queryChanged = Signal()
    # Reading failed (the file went away, a lock outlasted the timeout): one sentence.
    readFailed = Signal(str)
    # (the row's summary, column, text): a cell was edited in place; make the change.
    cellEdited = Signal(object, int, str)

    def __init__(
        self, default_query: Q, parent: QObject | None = None, locale: QLocale | None = None
    ):
        super().__init__(parent)
        self._locale = locale if locale is not None else QLocale()
        self._catalogue: Catalogue | None = None
        self._query: Q = default_query
        self._count = 0
        self._pages: OrderedDict[int, _CachedPage[T]] = OrderedDict()
        self._failed = False
        # Rows of the whole table without filters or search, for "N of M"; set by count().
        self.unfiltered = 0
        self._recent: _CachedPage[T] | None = None  # the page of the row last asked for
        self._recent_number = -1
        # Span length -> (slot of the display text, slot of the alignment): see multiData.
        self._role_places: dict[int, tuple[int, int]] = {}
        self._alignments = [
            _RIGHT_CELL if column in self.NUMERIC else _LEFT_CELL for column in self.COLUMNS
        ]
        self._header_alignments = [
            _RIGHT if column in self.NUMERIC else _LEFT for column in self.COLUMNS
        ]
        self._columns = len(self.COLUMNS)
        self._flags: list[Qt.ItemFlag] = []
        self.set_editable(False)
        # Translated once: the application installs its translators before it builds
        # the models.
        self._headers = [
            QCoreApplication.translate(self.CONTEXT, str(self.HEADERS[column]))
            for column in self.COLUMNS
        ]

    # -- what subclasses fill in ----------------------------------------------------------

    def count(self, catalogue: Catalogue, query: Q) -> int:
        raise NotImplementedError

    def fetch(
        self, catalogue: Catalogue, query: Q, *, limit: int, offset: int, after: Any, from_end: bool
    ) -> Page:
        raise NotImplementedError

    def snippets(self, catalogue: Catalogue, search: str, ids: list[int]) -> dict[int, str]:
        return {}

    def display(self, item: T, column: C) -> str:
        raise NotImplementedError

    def tool_tip(self, item: T, column: C) -> str | None:
        """The whole text, for a cell too narrow to show it."""
        return self.display(item, column) or None

    def edit_text(self, item: T, column: C) -> str:
        """The text an editable cell starts editing with: the field's value, unadorned."""
        return self.display(item, column)

    def cell_problem(self, item: T, column: C, text: str) -> str | None:
        """Why `text` cannot be saved in the cell (the rules a form applies), or None."""
        return None

    # -- the source -----------------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue | None:
        return self._catalogue

    @property
    def query(self) -> Q:
        return self._query

    @property
    def locale(self) -> QLocale:
        return self._locale

    def set_catalogue(self, catalogue: Catalogue | None, query: Q | None = None) -> None:
        """Show `catalogue` (or nothing) with `query`, or the current query. Raises the
        store's CatalogueError before anything changes."""
        query = self._query if query is None else query
        if catalogue is None:
            self.unfiltered = 0
        count = self.count(catalogue, query) if catalogue is not None else 0
        changed = query != self._query
        self._reset(catalogue, query, count)
        if changed:
            self.queryChanged.emit()

    def set_query(self, query: Q) -> None:
        """Narrow, search or sort differently. Raises CatalogueError before anything
        changes."""
        if query == self._query:
            return
        count = self.count(self._catalogue, query) if self._catalogue is not None else 0
        self._reset(self._catalogue, query, count)
        self.queryChanged.emit()

    def refresh(self) -> None:
        """Read again after the catalogue changed."""
        self.set_catalogue(self._catalogue)

    def _reset(self, catalogue: Catalogue | None, query: Q, count: int) -> None:
        self.beginResetModel()
        self._catalogue = catalogue
        self._query = query
        self._count = count
        self._pages.clear()
        self._recent, self._recent_number = None, -1
        self._failed = False
        self.endResetModel()

    # -- rows -------------------------------------------------------------------------------

    def summary(self, row: int) -> T | None:
        """The row's dataclass, read from the store if its page is not in memory."""
        if not 0 <= row < self._count:
            return None
        page = self._page(row // self.PAGE_SIZE)
        if page is None:
            return None
        offset = row % self.PAGE_SIZE
        return page.rows[offset] if offset < len(page.rows) else None

    def row_of(self, item_id: int) -> int | None:
        """The row showing the item with this id, among the pages in memory."""
        for number, page in self._pages.items():
            for offset, (_, key_id) in enumerate(page.keys):
                if key_id == item_id:
                    return number * self.PAGE_SIZE + offset
        return None

    def cached_pages(self) -> int:
        return len(self._pages)

    def _page(self, number: int) -> _CachedPage[T] | None:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        if self._catalogue is None or self._failed:
            return None
        try:
            page = self._read(self._catalogue, number)
        except CatalogueError as error:
            # data() cannot raise into Qt: show empty cells and say why, once.
            self._failed = True
            self.readFailed.emit(error.message)
            return None
        self._pages[number] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _read(self, catalogue: Catalogue, number: int) -> _CachedPage[T]:
        size = self.PAGE_SIZE
        start = number * size
        length = min(size, self._count - start)

        def fetch(offset: int, after: Any, from_end: bool) -> Page:
            page = self.fetch(
                catalogue, self._query, limit=length, offset=offset, after=after, from_end=from_end
            )
            return Page(page.rows[::-1], page.keys[::-1]) if from_end else page

        before, behind = self._pages.get(number - 1), self._pages.get(number + 1)
        if before is not None and len(before.keys) == size:
            page = fetch(0, before.keys[-1], from_end=False)
        elif behind is not None and behind.keys:
            page = fetch(0, behind.keys[0], from_end=True)
        elif start <= self._count - (start + length):
            page = fetch(start, None, from_end=False)
        else:  # nearer the end: count from there
            page = fetch(self._count - (start + length), None, from_end=True)
        search = getattr(self._query, "search", "")
        snippets = (
            self.snippets(catalogue, search, [key_id for _, key_id in page.keys])
            if search and self.MATCH_COLUMN is not None
            else {}
        )
        return _CachedPage(page, snippets)

    # -- QAbstractItemModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        # Called for every cell painted (QAbstractTableModel.index checks it): a plain int.
        return 0 if parent.isValid() else self._columns

    def set_editable(self, editable: bool) -> None:
        """Let the EDITABLE columns be edited in place (not in a read-only catalogue)."""
        self._flags = [
            _EDITABLE if editable and column in self.EDITABLE else _READ_ONLY
            for column in self.COLUMNS
        ]

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Asked for every cell painted: one list lookup.
        column = index.column()
        return self._flags[column] if column >= 0 else _NO_FLAGS

    def setData(self, index: Index, value: Any, role: int = _EDIT) -> bool:
        """Pass an edited cell's text on (`cellEdited`); the store is written by whoever
        listens, and the rows are read again from it."""
        if role != _EDIT or not index.isValid() or self._flags[index.column()] != _EDITABLE:
            return False
        item = self.summary(index.row())
        if item is None:
            return False
        text = str(value)
        if self.cell_problem(item, self.COLUMNS(index.column()), text) is not None:
            return False
        self.cellEdited.emit(item, index.column(), text)
        return True

    def problem_at(self, index: Index, text: str) -> str | None:
        """Why `text` cannot be saved in the cell at `index`, or None."""
        item = self.summary(index.row()) if index.isValid() else None
        if item is None:
            return None
        return self.cell_problem(item, self.COLUMNS(index.column()), text)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # The hot path of painting: plain ints and one lookup per call.
        if role == _DISPLAY:
            cell = self._cell(index)
            return cell[1][index.column()] if cell is not None else None
        if role == _ALIGNMENT:
            return self._alignments[index.column()] if index.isValid() else None
        if role not in _OTHER_ROLES:
            return None
        cell = self._cell(index)
        if cell is None:
            return None
        page, texts, offset = cell
        item = page.rows[offset]
        column = index.column()
        if role == Role.SUMMARY:
            return item
        if role == _EDIT:
            if column == self.MATCH_COLUMN:
                return None
            return self.edit_text(item, self.COLUMNS(column))
        if column == self.MATCH_COLUMN:
            marked = page.snippets.get(item.id, "")  # type: ignore[attr-defined]
            text = marked_ranges(marked)[0]
            if role == Role.HIGHLIGHT:
                # Marked as the title is, rather than as SQLite marks whole tokens, so that
                # "gen" marks "Gen" and "lodz" marks "Łódź" (found in its plain spelling).
                return match_ranges(text, getattr(self._query, "search", ""))
            return plain_tooltip(text)
        if role == Role.HIGHLIGHT:
            search = getattr(self._query, "search", "")
            if not search or column not in self.HIGHLIGHTED:
                return []
            return match_ranges(texts[column], search)
        return plain_tooltip(self.tool_tip(item, self.COLUMNS(column)))

    def multiData(
        self,
        index: Index,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,  # noqa: N803 (Qt's name)
    ) -> None:
        """All the roles a delegate asks for to paint a cell, in one call: display text
        and alignment from the row's cached texts, our own roles as data() answers them.
        Other roles are never set, so they stay empty. (A delegate reuses its span from
        cell to cell: every slot that is set for one cell must be set for all.)

        A delegate asks for the same roles in the same order for every cell, so where
        the display text and the alignment go is remembered for a span of that length
        and only those two slots are touched (each slot costs a wrapper object); a slot
        that turns out to hold another role falls back to going through them all."""
        # PySide6's type stubs lack the span's len(), [] and iteration, which it has.
        span: Any = roleDataSpan
        places = self._role_places.get(len(span))
        if places is not None:
            display, alignment = span[places[0]], span[places[1]]
            if display.role() == _DISPLAY and alignment.role() == _ALIGNMENT:
                column = index.column()
                texts = self.row_texts(index.row())
                if texts is not None:
                    display.setData(texts[column])
                else:  # a row that could not be read: empty, not the last cell's text
                    display.clearData()
                alignment.setData(self._alignments[column])
                return
        if index.isValid():
            self._fill_span(index, span)

    def _fill_span(self, index: Index, span: Any) -> None:
        column = index.column()
        roles = [slot.role() for slot in span]
        if (
            roles.count(_DISPLAY) == 1
            and roles.count(_ALIGNMENT) == 1
            and not (_OTHER_ROLES & set(roles))
        ):
            self._role_places[len(roles)] = (roles.index(_DISPLAY), roles.index(_ALIGNMENT))
        for slot, role in zip(span, roles, strict=True):
            if role == _DISPLAY:
                cell = self._cell(index)
                if cell is not None:
                    slot.setData(cell[1][column])
                else:
                    slot.clearData()
            elif role == _ALIGNMENT:
                slot.setData(self._alignments[column])
            elif role in _OTHER_ROLES:
                slot.setData(self.data(index, role))

    def row_texts(self, row: int) -> list[str] | None:
        """The row's display texts, one per column, as multiData gives them; None for a
        row that cannot be read. What the tables' CellDelegate paints."""
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._recent
        if self._recent_number == number and page is not None and 0 <= row < self._count:
            texts = page.cells[offset] if offset < len(page.cells) else None
            if texts is not None:
                return texts
        cell = self._cell_at(row)
        return cell[1] if cell is not None else None

    def text_alignment(self, column: int) -> int:
        """The alignment of the column's cells, as an int of Qt.AlignmentFlag."""
        return self._alignments[column]

    def _cell(self, index: Index) -> tuple[_CachedPage[T], list[str], int] | None:
        """The page, the display texts and the offset of the index's row."""
        if not index.isValid():
            return None
        return self._cell_at(index.row())

    def _cell_at(self, row: int) -> tuple[_CachedPage[T], list[str], int] | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._recent if self._recent_number == number else self._page(number)
        if page is None or offset >= len(page.rows):
            return None
        self._recent, self._recent_number = page, number
        texts = page.cells[offset]
        if texts is None:
            texts = page.cells[offset] = self._texts(page, offset)
        return page, texts, offset

    def _texts(self, page: _CachedPage[T], offset: int) -> list[str]:
        item = page.rows[offset]
        texts = [self.display(item, column) for column in self.COLUMNS]
        if self.MATCH_COLUMN is not None:
            marked = page.snippets.get(item.id, "")  # type: ignore[attr-defined]
            texts[self.MATCH_COLUMN] = marked_ranges(marked)[0]
        return texts

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        # Asked for every section on every paint of the header: answered from a list.
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self._columns:
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _ALIGNMENT:
            return self._header_alignments[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the store. A column without a sort of its own (or -1) restores the
        table's natural order."""
        key = self.SORTS.get(self.COLUMNS(column)) if 0 <= column < len(self.COLUMNS) else None
        default = type(self._query)()
        query = replace(  # type: ignore[type-var]
            self._query,
            sort=key if key is not None else default.sort,  # type: ignore[attr-defined]
            descending=key is not None and order == Qt.SortOrder.DescendingOrder,
        )
        try:
            self.set_query(query)
        except CatalogueError as error:
            self.readFailed.emit(error.message)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names[int(Role.SUMMARY)] = QByteArray(b"summary")
        names[int(Role.HIGHLIGHT)] = QByteArray(b"highlight")
        return names
