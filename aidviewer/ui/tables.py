"""Tables over the paged models, and fitting their columns to the window."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .cell_delegate import CellDelegate

# Widest a column grows when fitted to its contents (the title may be wider); longer text
# is elided and shown whole in the tooltip.
MAX_COLUMN_WIDTH = 260
MAX_TITLE_WIDTH = 360
# Narrowest a column is squeezed to so that all columns fit the window.
MIN_COLUMN_WIDTH = 90
TITLE_WEIGHT = 1.6
MATCH_WIDTH = 380  # the passage a search found


def make_table(model: QAbstractItemModel, name: str, parent: QWidget) -> QTableView:
    """A table over `model`, which sorts itself in the store when a header is clicked.
    F2 edits a cell the model lets be edited; double-click and typing do not."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    dress_table(view)
    view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
    view.setItemDelegate(CellDelegate(view))
    header = view.horizontalHeader()
    # Source order until the person clicks a header (Qt would sort by column 0 otherwise).
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


def dress_table(view: QTableView) -> None:
    """The look and behaviour of the window's tables: whole rows selected, one line a
    row, elided text, movable columns."""
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
