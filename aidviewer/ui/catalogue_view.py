"""The open catalogue: a notice bar, the navigator, and the page it shows.

Pages: the aid records and the meetings (each a table with its filters and the details
of the selected row), and the people, organisations and tags. The navigator also lists
the saved views; opening one shows its page with its search, filters, sort and columns.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aidviewer.models import Column, MeetingColumn, MeetingTableModel, RecordTableModel
from aidviewer.store import (
    Catalogue,
    CatalogueError,
    MeetingQuery,
    RecordQuery,
    SavedView,
    ViewKind,
)

from .browse_page import BrowsePage
from .columns import apply_layout, layout_of
from .dashboard_page import DashboardPage
from .dialogs import Notifier
from .directory_pages import DirectoryPage, organisations_page, people_page, tags_page
from .navigator import Navigator
from .tables import fit_columns


class CatalogueView(QWidget):
    # A sentence for the window to show: something the person asked for failed.
    failed = Signal(str, str)  # title, message

    def __init__(
        self,
        records: RecordTableModel,
        meetings: MeetingTableModel,
        notifier: Notifier | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.notifier = notifier if notifier is not None else Notifier()
        self.catalogue: Catalogue | None = None
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            "QLabel#notice { background: #fff4c2; color: #3d3000;"
            " border-bottom: 1px solid #e0c860; padding: 6px 10px; }"
        )
        # One line (or two, wrapped): the table below takes the height, not the notice.
        self.notice.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.notice.hide()

        self.navigator = Navigator(self)
        self.navigator.setMinimumWidth(150)
        self.stack = QStackedWidget(self)
        self.records_page = BrowsePage(
            "record",
            records,
            RecordQuery(),
            title_column=Column.TITLE,
            match_column=Column.MATCH,
            parent=self.stack,
        )
        self.meetings_page = BrowsePage(
            "meeting",
            meetings,
            MeetingQuery(),
            title_column=MeetingColumn.TITLE,
            match_column=MeetingColumn.MATCH,
            parent=self.stack,
        )
        self.directory: dict[str, DirectoryPage] = {
            "people": people_page(self.stack),
            "organisations": organisations_page(self.stack),
            "tags": tags_page(self.stack),
        }
        self.dashboard = DashboardPage(self.stack)
        self.pages: dict[str, QWidget] = {
            "records": self.records_page,
            "dashboard": self.dashboard,
            "meetings": self.meetings_page,
            **self.directory,
        }
        # The dashboard charts what the records table shows: its query, read again when
        # the table is (a new query or a change both reset the table).
        records.modelReset.connect(lambda: self.dashboard.set_query(records.query))
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.records_view = self.records_page.view
        self.meetings_view = self.meetings_page.view
        self.current_view: SavedView | None = None

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 1090])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter)

        self.navigator.pageRequested.connect(self.show_page)
        self.navigator.viewRequested.connect(self.open_view)
        self.navigator.renameRequested.connect(self.rename_view)
        self.navigator.deleteRequested.connect(self.delete_view)
        for page in (self.records_page, self.meetings_page):
            page.linkRequested.connect(self.follow_link)
        # Columns are fitted when a table is first seen with rows: a hidden page's
        # viewport has no real width yet to fit them into.
        self._sized: set[str] = set()
        self.stack.currentChanged.connect(self.fit_visible_columns)
        self.show_page("records")

    # -- pages ------------------------------------------------------------------------------

    def show_page(self, name: str) -> None:
        self.current_view = None
        page = self.pages[name]
        if isinstance(page, DirectoryPage):
            page.ensure_loaded()  # read when first shown, also in a window not yet shown
        self.stack.setCurrentWidget(page)
        self.navigator.select_page(name)

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return next(name for name, page in self.pages.items() if page is widget)

    def current_browse_page(self) -> BrowsePage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, BrowsePage) else None

    def focus_search(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, BrowsePage):
            page.focus_search()
        elif isinstance(page, DirectoryPage):
            page.focus_filter()

    def follow_link(self, kind: str, item_id: int) -> None:
        page = self.records_page if kind == "record" else self.meetings_page
        self.show_page(f"{kind}s")
        if not page.select_id(item_id):
            self.failed.emit(
                self.tr("Cannot show it"), self.tr("It is no longer in the catalogue.")
            )

    def tables(self) -> dict[str, QTableView]:
        """The tables by the names their header state is saved under."""
        return {"records": self.records_view, "meetings": self.meetings_view}

    # -- the catalogue ----------------------------------------------------------------------

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Show `catalogue`'s pages and saved views. Raises CatalogueError first."""
        views = catalogue.saved_views() if catalogue is not None else []
        for page in self.directory.values():
            page.load(catalogue)
        self.catalogue = catalogue
        self.dashboard.set_catalogue(catalogue)  # before the table's reset tells it the query
        self.records_page.set_catalogue(catalogue)
        self.meetings_page.set_catalogue(catalogue)
        self.navigator.set_views(views)
        self.show_page("records")

    # -- saved views -------------------------------------------------------------------------

    def save_view(self) -> SavedView | None:
        """Save the current table's search, filters, sort and columns under a name."""
        page = self.current_browse_page()
        if page is None or self.catalogue is None:
            return None
        current = self.current_view
        name = self.notifier.ask_text(
            self,
            self.tr("Save View"),
            self.tr("Name of the view:"),
            current.name if current is not None else "",
        )
        if not name or not name.strip():
            return None
        kind = ViewKind.RECORDS if page is self.records_page else ViewKind.MEETINGS
        view = SavedView(
            name=name.strip(), kind=kind, query=page.model.query, layout=layout_of(page.view)
        )
        try:
            if current is not None and current.name.casefold() == view.name.casefold():
                saved = self.catalogue.update_saved_view(
                    replace(current, query=view.query, layout=view.layout)
                )
            else:
                saved = self.catalogue.add_saved_view(view)
            self.navigator.set_views(self.catalogue.saved_views())
        except CatalogueError as error:
            self.failed.emit(self.tr("Cannot save the view"), error.message)
            return None
        self.current_view = saved
        self.navigator.select_view(saved.id)
        return saved

    def open_view(self, view_id: int) -> None:
        if self.catalogue is None:
            return
        try:
            view = self.catalogue.saved_view(view_id)
            page = self.records_page if view.kind is ViewKind.RECORDS else self.meetings_page
            self.stack.setCurrentWidget(page)
            page.set_query(view.query)
        except CatalogueError as error:
            self.failed.emit(self.tr("Cannot open the view"), error.message)
            return
        apply_layout(page.view, view.layout, keep=page.columns.keep)
        # The saved sort wins over whatever the layout's header state said.
        page.view.horizontalHeader().setSortIndicator(*self._indicator(page, view))
        self._sized.add(f"{page.kind}s")
        self.current_view = view
        self.navigator.select_view(view.id)

    @staticmethod
    def _indicator(page: BrowsePage, view: SavedView) -> tuple[int, Qt.SortOrder]:
        query: Any = view.query
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        columns = {sort: column for column, sort in page.model.SORTS.items()}
        return int(columns.get(query.sort, -1)), order

    def rename_view(self, view_id: int) -> None:
        if self.catalogue is None:
            return
        try:
            view = self.catalogue.saved_view(view_id)
            name = self.notifier.ask_text(
                self, self.tr("Rename View"), self.tr("New name:"), view.name
            )
            if not name or not name.strip() or name.strip() == view.name:
                return
            renamed = self.catalogue.update_saved_view(replace(view, name=name.strip()))
            self.navigator.set_views(self.catalogue.saved_views())
        except CatalogueError as error:
            self.failed.emit(self.tr("Cannot rename the view"), error.message)
            return
        if self.current_view is not None and self.current_view.id == view_id:
            self.current_view = renamed

    def delete_view(self, view_id: int) -> None:
        if self.catalogue is None:
            return
        try:
            view = self.catalogue.saved_view(view_id)
            question = self.tr("Delete the view “{name}”? Its records stay as they are.").format(
                name=view.name
            )
            if not self.notifier.confirm(self, self.tr("Delete View"), question, self.tr("Delete")):
                return
            self.catalogue.delete_saved_view(view.id, view.version)
            self.navigator.set_views(self.catalogue.saved_views())
        except CatalogueError as error:
            self.failed.emit(self.tr("Cannot delete the view"), error.message)
            return
        if self.current_view is not None and self.current_view.id == view_id:
            self.show_page(f"{view.kind.value}")

    # -- columns --------------------------------------------------------------------------

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

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
