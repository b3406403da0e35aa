"""The side navigator: the catalogue's pages, and the saved views under them.

Only the person's own actions emit the request signals: moving to an item (click, arrow
keys) or activating it (Enter, double-click). `select_page`, `select_view` and
`set_views` change the selection quietly, so the window can follow its own state without
being asked to do again what it just did.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from aidviewer.models.formatting import plain_tooltip
from aidviewer.store import SavedView, ViewKind

PAGES = ("records", "dashboard", "meetings", "people", "organisations", "tags")

# What an item stands for, in its UserRole: ("page", name), ("view", id) or ("group", "").
_KEY = Qt.ItemDataRole.UserRole

_ICONS = {
    "records": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "dashboard": QStyle.StandardPixmap.SP_FileDialogInfoView,
    "meetings": QStyle.StandardPixmap.SP_FileDialogListView,
    "people": QStyle.StandardPixmap.SP_DirHomeIcon,
    "organisations": QStyle.StandardPixmap.SP_DirIcon,
    "tags": QStyle.StandardPixmap.SP_FileDialogContentsView,
    "group": QStyle.StandardPixmap.SP_DialogSaveButton,
}

Current = tuple[str, str] | tuple[str, int] | None


class Navigator(QTreeWidget):
    """Records, Dashboard, Meetings, People, Organisations, Tags, then "Saved views" with
    the views."""

    pageRequested = Signal(str)  # one of PAGES
    viewRequested = Signal(int)  # a saved view's id
    renameRequested = Signal(int)
    deleteRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setAccessibleName(self.tr("Navigator"))
        self.setAccessibleDescription(
            self.tr("The catalogue's pages and saved views; choose one to show it.")
        )
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setRootIsDecorated(False)
        self.setIndentation(14)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._quiet = False
        self.menu: QMenu | None = None  # the context menu while it is open

        labels = {
            "records": self.tr("Aid records"),
            "dashboard": self.tr("Dashboard"),
            "meetings": self.tr("Meetings"),
            "people": self.tr("People"),
            "organisations": self.tr("Organisations"),
            "tags": self.tr("Tags"),
        }
        self._pages: dict[str, QTreeWidgetItem] = {}
        for name in PAGES:
            item = QTreeWidgetItem([labels[name]])
            item.setData(0, _KEY, ("page", name))
            item.setIcon(0, self._icon(name))
            item.setToolTip(0, labels[name])
            self._pages[name] = item
        self.addTopLevelItems(list(self._pages.values()))
        self._group = QTreeWidgetItem([self.tr("Saved views")])
        self._group.setData(0, _KEY, ("group", ""))
        self._group.setIcon(0, self._icon("group"))
        self._group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable
        heading = self.font()
        heading.setBold(True)
        self._group.setFont(0, heading)
        self._group.setToolTip(0, self.tr("Searches, filters and columns saved under a name"))
        self.addTopLevelItem(self._group)
        self._group.setExpanded(True)

        self.currentItemChanged.connect(self._on_current_changed)
        self.itemActivated.connect(self._request)
        self.customContextMenuRequested.connect(self._show_menu)

    def _icon(self, name: str) -> QIcon:
        return self.style().standardIcon(_ICONS[name])

    # -- contents ---------------------------------------------------------------------------

    def set_views(self, views: list[SavedView]) -> None:
        """List these views, in this order, under "Saved views". The current view stays
        current if it is still listed; otherwise nothing is current. Emits nothing."""
        current = self.current()
        self._quiet = True
        try:
            self._group.takeChildren()
            for view in views:
                # Item text is never interpreted as HTML: a name shows as typed.
                item = QTreeWidgetItem([view.name])
                item.setData(0, _KEY, ("view", view.id))
                kind = ViewKind(view.kind)
                item.setIcon(0, self._icon(kind.value))
                tip = (
                    self.tr("{name} (aid records)")
                    if kind is ViewKind.RECORDS
                    else self.tr("{name} (meetings)")
                )
                item.setToolTip(0, plain_tooltip(tip.format(name=view.name)) or "")
                self._group.addChild(item)
            self._group.setExpanded(True)
            if current is not None and current[0] == "view":
                found = self._view_item(int(current[1]))
                self._set_current(found)
        finally:
            self._quiet = False

    def _view_items(self) -> list[QTreeWidgetItem]:
        children = (self._group.child(i) for i in range(self._group.childCount()))
        return [child for child in children if child is not None]

    def view_ids(self) -> list[int]:
        return [int(item.data(0, _KEY)[1]) for item in self._view_items()]

    def view_names(self) -> list[str]:
        return [item.text(0) for item in self._view_items()]

    def page_item(self, name: str) -> QTreeWidgetItem:
        return self._pages[name]

    def _view_item(self, view_id: int) -> QTreeWidgetItem | None:
        for item in self._view_items():
            if item.data(0, _KEY)[1] == view_id:
                return item
        return None

    def view_item(self, view_id: int) -> QTreeWidgetItem | None:
        return self._view_item(view_id)

    # -- selection ----------------------------------------------------------------------------

    def current(self) -> Current:
        """("page", name), ("view", id), or None when nothing (or the heading) is current."""
        item = self.currentItem()
        if item is None or not item.isSelected():
            return None
        kind, key = item.data(0, _KEY)
        if kind == "page":
            return ("page", str(key))
        if kind == "view":
            return ("view", int(key))
        return None

    def select_page(self, name: str) -> None:
        """Make the page current, without emitting pageRequested."""
        if name not in self._pages:
            raise ValueError(f"no page {name!r}")
        self._quietly(self._pages[name])

    def select_view(self, view_id: int) -> bool:
        """Make the saved view current, without emitting viewRequested; False (and no
        change) if it is not listed."""
        item = self._view_item(view_id)
        if item is None:
            return False
        self._quietly(item)
        return True

    def _quietly(self, item: QTreeWidgetItem | None) -> None:
        self._quiet = True
        try:
            self._set_current(item)
        finally:
            self._quiet = False

    def _set_current(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            self.setCurrentIndex(QModelIndex())
            self.clearSelection()
        else:
            self.setCurrentItem(item)
            item.setSelected(True)

    def _on_current_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        if current is not None and not self._quiet:
            self._request(current)

    def _request(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        kind, key = item.data(0, _KEY)
        if kind == "page":
            self.pageRequested.emit(str(key))
        elif kind == "view":
            self.viewRequested.emit(int(key))

    # -- saved view actions -------------------------------------------------------------------

    def _view_id_at(self, item: QTreeWidgetItem | None) -> int | None:
        if item is None:
            return None
        kind, key = item.data(0, _KEY)
        return int(key) if kind == "view" else None

    def context_menu(self, item: QTreeWidgetItem | None) -> QMenu | None:
        """The menu for a saved view's item (Open, Rename…, Delete…), or None."""
        view_id = self._view_id_at(item)
        if view_id is None:
            return None
        menu = QMenu(self)
        menu.setObjectName("navigator_menu")
        open_action = menu.addAction(self.tr("&Open"))
        open_action.setObjectName("open_view")
        open_action.triggered.connect(lambda: self.viewRequested.emit(view_id))
        rename = menu.addAction(self.tr("&Rename…"))
        rename.setObjectName("rename_view")
        rename.triggered.connect(lambda: self.renameRequested.emit(view_id))
        delete = menu.addAction(self.tr("&Delete…"))
        delete.setObjectName("delete_view")
        delete.triggered.connect(lambda: self.deleteRequested.emit(view_id))
        return menu

    def _show_menu(self, position: QPoint) -> None:
        menu = self.context_menu(self.itemAt(position))
        if menu is None:
            return
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.aboutToHide.connect(self._forget_menu)
        self.menu = menu
        menu.popup(self.viewport().mapToGlobal(position))

    def _forget_menu(self) -> None:
        self.menu = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        view_id = self._view_id_at(self.currentItem())
        if view_id is not None:
            if event.key() == Qt.Key.Key_F2:
                self.renameRequested.emit(view_id)
                return
            if event.matches(QKeySequence.StandardKey.Delete):
                self.deleteRequested.emit(view_id)
                return
        super().keyPressEvent(event)
