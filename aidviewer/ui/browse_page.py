"""A table with its filter bar, and the detail pane for the row selected in it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from aidviewer.models import Role
from aidviewer.models.paged import PagedTableModel
from aidviewer.store import Catalogue, CatalogueError, MeetingQuery, RecordQuery

from .columns import install_column_chooser
from .detail_pane import DetailPane
from .filter_bar import FilterBar
from .highlight_delegate import install as install_highlighting
from .tables import make_table

MATCH_WIDTH = 380  # the passage a search found


class BrowsePage(QSplitter):
    """Filter bar and table above, the selected row's details below (the table keeps the
    window's whole width for its columns).

    The bar's query drives the model, the header's clicks its sort; the column of
    passages found appears only while searching.
    """

    # The person followed a link in the details: ("record" | "meeting", id).
    linkRequested = Signal(str, int)

    def __init__(
        self,
        kind: str,
        model: PagedTableModel[Any, Any, Any],
        query: RecordQuery | MeetingQuery,
        *,
        title_column: int,
        match_column: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.kind = kind  # "record" or "meeting"
        self.model = model
        self.match_column = match_column
        self._catalogue: Catalogue | None = None

        left = QWidget(self)
        self.filter_bar = FilterBar(query, left)
        self.view = make_table(model, f"{kind}s_table", left)
        self.view.setAccessibleName(
            self.tr("Aid records") if kind == "record" else self.tr("Meetings")
        )
        install_highlighting(self.view, [title_column, match_column])
        self.columns = install_column_chooser(self.view, {title_column})
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view)

        self.detail = DetailPane(self)
        self.detail.setObjectName(f"{kind}_detail")
        self.detail.setAccessibleName(
            self.tr("The selected aid record")
            if kind == "record"
            else self.tr("The selected meeting")
        )
        self.detail.setMinimumHeight(120)
        self.addWidget(left)
        self.addWidget(self.detail)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setChildrenCollapsible(False)

        # Passages found read best beside the title they explain.
        header = self.view.horizontalHeader()
        header.moveSection(header.visualIndex(match_column), header.visualIndex(title_column) + 1)
        self.filter_bar.queryChanged.connect(self._filter)
        model.queryChanged.connect(self._show_match_column)
        model.modelReset.connect(self._after_reset)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail.linkRequested.connect(self.linkRequested)
        self._show_match_column()

    # -- the catalogue and the query ------------------------------------------------------

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Show `catalogue` without filters (ids of another catalogue mean nothing here),
        keeping the sort. Raises CatalogueError before anything changes."""
        unfiltered = self._unfiltered()
        self.model.set_catalogue(catalogue, unfiltered)
        self._catalogue = catalogue
        self.filter_bar.set_catalogue(catalogue)
        self.filter_bar.set_query(unfiltered)
        self.detail.clear()

    def set_query(self, query: RecordQuery | MeetingQuery) -> None:
        """Show `query` (from a saved view) in the bar and the table, sort included."""
        self.filter_bar.set_query(query)
        self.model.set_query(query)

    def _filter(self, query: Any) -> None:
        # The header owns the order; the bar owns everything else.
        order = {"sort": self.model.query.sort, "descending": self.model.query.descending}
        try:
            self.model.set_query(replace(query, **order))
        except CatalogueError as error:
            self.model.readFailed.emit(error.message)

    def _show_match_column(self) -> None:
        searching = bool(self.model.query.search)
        self.view.setColumnHidden(self.match_column, not searching)
        if searching and self.view.columnWidth(self.match_column) < MATCH_WIDTH:
            self.view.setColumnWidth(self.match_column, MATCH_WIDTH)

    def _after_reset(self) -> None:
        self._show_match_column()
        self.detail.clear()

    # -- selection and details --------------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.show_details(self.view.currentIndex())

    def show_details(self, index: QModelIndex) -> None:
        summary = index.data(Role.SUMMARY) if index.isValid() else None
        if summary is None or self._catalogue is None:
            self.detail.clear()
        elif self.kind == "record":
            self.detail.show_record(self._catalogue, summary.id)
        else:
            self.detail.show_meeting(self._catalogue, summary.id)

    def selected_count(self) -> int:
        """How many rows are selected, without reading them."""
        selection = self.view.selectionModel().selection()
        return sum(selection.at(i).height() for i in range(selection.count()))

    def selected_ids(self) -> list[int]:
        """The ids of the selected rows, in the table's order."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        summaries = (self.model.summary(row) for row in rows)
        return [summary.id for summary in summaries if summary is not None]

    def select_id(self, item_id: int) -> bool:
        """Select the row of this record or meeting, clearing the filters if they hide it.
        Returns whether it was found."""
        if self._catalogue is None:
            return False
        try:
            row = self._position(item_id)
            if row is None and self.model.query != self._unfiltered():
                self.filter_bar.clear_all()
                row = self._position(item_id)
        except CatalogueError as error:
            self.model.readFailed.emit(error.message)
            return False
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.selectRow(row)
        self.view.scrollTo(index, self.view.ScrollHint.PositionAtCenter)
        return True

    def _position(self, item_id: int) -> int | None:
        assert self._catalogue is not None
        query = self.model.query
        if isinstance(query, RecordQuery):
            return self._catalogue.record_position(query, item_id)
        return self._catalogue.meeting_position(query, item_id)

    def _unfiltered(self) -> Any:
        query = self.model.query
        return replace(type(query)(), sort=query.sort, descending=query.descending)

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()
