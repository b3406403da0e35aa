"""The open catalogue: a notice bar, and tabs with the records and meetings tables."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aidviewer.models import Column, MeetingColumn, MeetingTableModel, RecordTableModel
from aidviewer.models.paged import PagedTableModel
from aidviewer.store import Catalogue, CatalogueError, MeetingQuery, RecordQuery

from .filter_bar import FilterBar
from .highlight_delegate import install as install_highlighting

# Widest a column grows when fitted to its contents (the title may be wider); longer text
# is elided and shown whole in the tooltip.
MAX_COLUMN_WIDTH = 260
MAX_TITLE_WIDTH = 360
# Narrowest a column is squeezed to so that all columns fit the window.
MIN_COLUMN_WIDTH = 110
TITLE_WEIGHT = 1.6
MATCH_WIDTH = 380  # the passage a search found


def make_table(model: QAbstractItemModel, name: str, parent: QWidget) -> QTableView:
    """A read-only table over `model`, which sorts itself in the store when a header is
    clicked."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSectionsMovable(True)
    # Fitting columns to their contents looks at the visible rows only, so that it never
    # reads pages of a big table just to measure them.
    header.setResizeContentsPrecision(0)
    # Source order until the person clicks a header (Qt would sort by column 0 otherwise).
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


def fit_columns(view: QTableView, title: int) -> None:
    """Size the columns to their contents, within reason; then, if they do not all fit
    the view, narrow the widest ones first, so that short columns such as the value and
    the dates stay readable without scrolling."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    widths = {section: header.sectionSize(section) for section in range(header.count())}
    for section, width in widths.items():
        widest = MAX_TITLE_WIDTH if section == title else MAX_COLUMN_WIDTH
        widths[section] = min(width, widest)
    # Take pixels from the widest column first; the title counts as narrower than it is,
    # so it keeps more of its text than the organisation names beside it.
    weights = {section: TITLE_WEIGHT if section == title else 1.0 for section in widths}
    excess = sum(widths.values()) - view.viewport().width()
    while excess > 0:
        shrinkable = [s for s in widths if widths[s] > MIN_COLUMN_WIDTH * weights[s]]
        if not shrinkable:
            break
        section = max(shrinkable, key=lambda s: widths[s] / weights[s])
        widths[section] -= 1
        excess -= 1
    for section, width in widths.items():
        header.resizeSection(section, width)
    # resizeColumnsToContents() gave the last section a fixed width; setting the stretch
    # again makes it fill the rest of the view, as it does after a resize.
    header.setStretchLastSection(False)
    header.setStretchLastSection(True)


class TablePage(QWidget):
    """A filter bar over a table: the bar's query drives the model, the header's sort
    too, and the column of passages found appears only while searching."""

    def __init__(
        self,
        model: RecordTableModel | MeetingTableModel,
        name: str,
        query: RecordQuery | MeetingQuery,
        match_column: int,
        highlighted: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.match_column = match_column
        self.filter_bar = FilterBar(query, self)
        self.view = make_table(model, name, self)
        install_highlighting(self.view, [*highlighted, match_column])
        self.filter_bar.queryChanged.connect(self._filter)
        model.queryChanged.connect(self._show_match_column)
        model.modelReset.connect(self._show_match_column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view)
        # Passages found read best beside the title they explain.
        header = self.view.horizontalHeader()
        header.moveSection(header.visualIndex(match_column), 1)
        self._show_match_column()

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        self.filter_bar.set_catalogue(catalogue)

    def _filter(self, query: Any) -> None:
        # The header owns the order; the bar owns everything else.
        model: PagedTableModel[Any, Any, Any] = self.model
        order = {"sort": model.query.sort, "descending": model.query.descending}
        try:
            model.set_query(replace(query, **order))
        except CatalogueError as error:
            self.model.readFailed.emit(error.message)

    def _show_match_column(self) -> None:
        searching = bool(self.model.query.search)
        self.view.setColumnHidden(self.match_column, not searching)
        if searching and self.view.columnWidth(self.match_column) < MATCH_WIDTH:
            self.view.setColumnWidth(self.match_column, MATCH_WIDTH)


class CatalogueView(QWidget):
    def __init__(
        self,
        records: RecordTableModel,
        meetings: MeetingTableModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            "QLabel#notice { background: #fff4c2; color: #3d3000;"
            " border-bottom: 1px solid #e0c860; padding: 6px 10px; }"
        )
        self.notice.hide()

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.records_page = TablePage(
            records, "records_table", RecordQuery(), Column.MATCH, [Column.TITLE], self.tabs
        )
        self.meetings_page = TablePage(
            meetings,
            "meetings_table",
            MeetingQuery(),
            MeetingColumn.MATCH,
            [MeetingColumn.TITLE],
            self.tabs,
        )
        self.records_view = self.records_page.view
        self.meetings_view = self.meetings_page.view
        self.tabs.addTab(self.records_page, self.tr("Aid records"))
        self.tabs.addTab(self.meetings_page, self.tr("Meetings"))
        # Columns are fitted when a table is first seen with rows: a hidden tab's
        # viewport has no real width yet to fit them into.
        self._sized: set[str] = set()
        self.tabs.currentChanged.connect(self.fit_visible_columns)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs)

    def tables(self) -> dict[str, QTableView]:
        """The tables by the names their header state is saved under."""
        return {"records": self.records_view, "meetings": self.meetings_view}

    def mark_sized(self, name: str) -> None:
        """The table's column widths are settled (restored from the settings)."""
        self._sized.add(name)

    def is_sized(self, name: str) -> bool:
        return name in self._sized

    def fit_visible_columns(self) -> None:
        titles = {"records": Column.TITLE, "meetings": MeetingColumn.TITLE}
        for name, view in self.tables().items():
            if name not in self._sized and view.isVisible() and view.model().rowCount() > 0:
                fit_columns(view, titles[name])
                self._sized.add(name)

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        self.records_page.set_catalogue(catalogue)
        self.meetings_page.set_catalogue(catalogue)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
