"""The column chooser of a table, and its column layout as JSON for saved views.

`install_column_chooser` gives a table's header a context menu that shows and hides
columns; the same menu can be a "View > Columns" submenu. `layout_of` and `apply_layout`
turn the header's state (order, hidden columns, widths, sort) into a JSON object and
back, so a saved view can keep it in the catalogue. A layout is read defensively: it may
come from another version of aidviewer whose table had other columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView, QWidget

# Widths a restored layout may give a column, in pixels (nor narrower than the header's
# own minimum section size).
MIN_WIDTH = 24
MAX_WIDTH = 2000

_ORDERS = {"ascending": Qt.SortOrder.AscendingOrder, "descending": Qt.SortOrder.DescendingOrder}


class ColumnChooser(QObject):
    """Shows and hides the columns of one table. Columns in `keep` always stay shown;
    the last shown column cannot be hidden either."""

    def __init__(self, view: QTableView, keep: Iterable[int] = ()) -> None:
        super().__init__(view)
        self.setObjectName("column_chooser")
        self._view = view
        self.keep = frozenset(keep)
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)
        self.menu: QMenu | None = None  # the context menu while it is open

    @property
    def view(self) -> QTableView:
        return self._view

    def _header(self) -> QHeaderView:
        return self._view.horizontalHeader()

    def title(self, logical: int) -> str:
        value = self._view.model().headerData(
            logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        )
        return str(value) if value is not None else str(logical + 1)

    def can_hide(self, logical: int) -> bool:
        header = self._header()
        shown = [s for s in range(header.count()) if not header.isSectionHidden(s)]
        return logical not in self.keep and shown != [logical]

    def set_column_shown(self, logical: int, shown: bool) -> None:
        header = self._header()
        if not 0 <= logical < header.count() or (not shown and not self.can_hide(logical)):
            return
        header.setSectionHidden(logical, not shown)

    def show_all(self) -> None:
        header = self._header()
        for logical in range(header.count()):
            header.setSectionHidden(logical, False)

    def fill_menu(self, menu: QMenu) -> None:
        """Replace what `menu` holds with one checkable action per column, in the order
        the columns are shown, then "Show All Columns". Call it again (say from the
        menu's aboutToShow) to bring it up to date."""
        # Not clear(): it deletes at once an action that may still be emitting triggered().
        for action in menu.actions():
            menu.removeAction(action)
            if action.parent() is menu:
                action.deleteLater()
        show_all = QAction(self.tr("Show &All Columns"), menu)
        taken = {mnemonic_of(show_all.text())} - {""}
        header = self._header()
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            # Each column reached by a letter of its name, as the window's own items are.
            action = QAction(with_mnemonic(self.title(logical), taken), menu)
            action.setObjectName(f"column_{logical}")
            action.setData(logical)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(logical))
            action.setEnabled(not action.isChecked() or self.can_hide(logical))
            action.toggled.connect(
                lambda checked, column=logical: self.set_column_shown(column, checked)
            )
            menu.addAction(action)
        menu.addSeparator()
        show_all.setObjectName("show_all_columns")
        show_all.triggered.connect(self.show_all)
        menu.addAction(show_all)

    def build_menu(self, parent: QWidget | None = None) -> QMenu:
        """A new menu listing the columns as they are now."""
        menu = QMenu(self.tr("&Columns"), parent or self._view)
        menu.setObjectName("columns_menu")
        self.fill_menu(menu)
        return menu

    def columns_menu(self, parent: QWidget | None = None) -> QMenu:
        """A "Columns" submenu for the main window that refreshes itself when opened."""
        menu = self.build_menu(parent)
        menu.aboutToShow.connect(lambda: self.fill_menu(menu))
        return menu

    def _show_menu(self, position: QPoint) -> None:
        if self.menu is not None:
            self.menu.close()
        menu = self.build_menu(self._view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.aboutToHide.connect(self._forget_menu)
        self.menu = menu
        # popup(), not exec(): no nested event loop, and tests need not close it first.
        menu.popup(self._header().viewport().mapToGlobal(position))

    def _forget_menu(self) -> None:
        self.menu = None


def mnemonic_of(text: str) -> str:
    """The letter an item's text marks with "&" (lower case), or "" if none."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].casefold()
        index += 2
    return ""


def with_mnemonic(text: str, taken: set[str]) -> str:
    """`text` as a menu item's text: its own "&"s doubled (shown as they are), and "&"
    before the first letter or digit not in `taken`, a word's first letter preferred
    (none when every one is taken). The letter chosen is added to `taken`."""
    starts = [i for i, char in enumerate(text) if i == 0 or not text[i - 1].isalnum()]
    for index in (*starts, *range(len(text))):
        char = text[index]
        if char.isalnum() and char.casefold() not in taken:
            taken.add(char.casefold())
            return text[:index].replace("&", "&&") + "&" + text[index:].replace("&", "&&")
    return text.replace("&", "&&")


def install_column_chooser(view: QTableView, keep: Iterable[int] = ()) -> ColumnChooser:
    """Give `view`'s header a context menu that shows and hides columns. The chooser is
    a child of `view`; `column_chooser(view)` finds it again."""
    existing = column_chooser(view)
    if existing is not None:
        existing.keep = frozenset(keep)
        return existing
    return ColumnChooser(view, keep)


def column_chooser(view: QTableView) -> ColumnChooser | None:
    return view.findChild(
        ColumnChooser, "column_chooser", Qt.FindChildOption.FindDirectChildrenOnly
    )


# -- layouts ------------------------------------------------------------------------------


def layout_of(view: QTableView) -> dict[str, Any]:
    """The table's columns as a JSON object: `order` (logical indices from left to
    right), `hidden` (logical indices), `widths` (logical index as text → pixels, for
    shown columns) and `sort` (`column`, -1 for none, and `order`)."""
    header = view.horizontalHeader()
    count = header.count()
    section = header.sortIndicatorSection()
    return {
        "order": [header.logicalIndex(visual) for visual in range(count)],
        "hidden": [s for s in range(count) if header.isSectionHidden(s)],
        "widths": {
            str(s): header.sectionSize(s) for s in range(count) if not header.isSectionHidden(s)
        },
        "sort": {
            "column": section if 0 <= section < count else -1,
            "order": "descending"
            if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            else "ascending",
        },
    }


def _index(value: Any, count: int) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < count:
        return value
    return None


def _apply_widths(header: QHeaderView, widths: Any) -> None:
    if not isinstance(widths, dict):
        return
    for key, width in widths.items():
        try:
            logical = _index(int(key), header.count())
        except (TypeError, ValueError):
            continue
        if logical is None or not isinstance(width, int | float) or isinstance(width, bool):
            continue
        if width != width:  # NaN
            continue
        narrowest = max(MIN_WIDTH, header.minimumSectionSize())
        header.resizeSection(logical, int(min(max(width, narrowest), MAX_WIDTH)))


def _apply_order(header: QHeaderView, order: Any) -> None:
    if not isinstance(order, list):
        return
    count = header.count()
    wanted: list[int] = []
    for value in order:
        logical = _index(value, count)
        if logical is not None and logical not in wanted:
            wanted.append(logical)
    # Columns the layout does not know (added since it was saved) go at the end.
    wanted += [s for s in range(count) if s not in wanted]
    for visual, logical in enumerate(wanted):
        current = header.visualIndex(logical)
        if current != visual:
            header.moveSection(current, visual)


def _apply_hidden(header: QHeaderView, hidden: Any, keep: frozenset[int]) -> None:
    if not isinstance(hidden, list):
        return
    count = header.count()
    to_hide = {s for s in (_index(v, count) for v in hidden) if s is not None} - keep
    if len(to_hide) >= count:  # never hide every column
        return
    for logical in range(count):
        header.setSectionHidden(logical, logical in to_hide)


def _apply_sort(view: QTableView, sort: Any) -> None:
    if not isinstance(sort, dict) or sort.get("order") not in _ORDERS:
        return
    column = sort.get("column")
    if column != -1:
        column = _index(column, view.horizontalHeader().count())
    if column is None:
        return
    # sortByColumn, so that a model which sorts itself in SQL is told, not only the header.
    view.sortByColumn(column, _ORDERS[sort["order"]])


def apply_layout(view: QTableView, layout: Any, keep: Iterable[int] = ()) -> None:
    """Restore what `layout_of` returned. Entries that are missing or do not fit this
    table are skipped; widths are kept within MIN_WIDTH..MAX_WIDTH; columns in `keep` (or
    kept by the table's column chooser) stay shown."""
    if not isinstance(layout, dict):
        return
    header = view.horizontalHeader()
    chooser = column_chooser(view)
    kept = frozenset(keep) | (chooser.keep if chooser is not None else frozenset())
    # Widths first: a section hidden afterwards remembers its width for when it is shown.
    _apply_widths(header, layout.get("widths"))
    _apply_order(header, layout.get("order"))
    _apply_hidden(header, layout.get("hidden"), kept)
    _apply_sort(view, layout.get("sort"))
