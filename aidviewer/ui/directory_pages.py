"""The People, Organisations and Tags pages: a filter box over a small sortable table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aidviewer.models import (
    DirectoryFilterModel,
    OrganisationsModel,
    PeopleModel,
    Role,
    TagsModel,
)
from aidviewer.store import Catalogue

DirectoryModel = PeopleModel | OrganisationsModel | TagsModel


class DirectoryPage(QWidget):
    """A read-only table of one of the small lists, sorted by clicking a header and
    narrowed by the words typed in the filter box (case and diacritics ignored)."""

    def name_for_screen_readers(self, name: str) -> None:
        """The page's name, and its table's, as assistive technology says them."""
        self.setAccessibleName(name)
        self.view.setAccessibleName(name)

    # The row's dataclass (Person, Organisation or Tag), on double-click or Enter.
    itemActivated = Signal(object)

    def __init__(
        self,
        model: DirectoryModel,
        name: str,
        placeholder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_page")
        self._catalogue: Catalogue | None = None
        self._stale = False
        self.model = model
        model.setParent(self)
        self.proxy = DirectoryFilterModel(model, self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName(f"{name}_filter")
        self.filter_edit.setPlaceholderText(placeholder)
        self.filter_edit.setAccessibleName(placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)

        self.view = QTableView(self)
        self.view.setObjectName(f"{name}_table")
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.activated.connect(self._activated)

        self.count_label = QLabel(self)
        self.count_label.setObjectName(f"{name}_count")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
        layout.addWidget(self.count_label)
        self._update_count()

    def load(self, catalogue: Catalogue | None) -> None:
        """Show the list of `catalogue` (None empties it); the filter and sort stay.

        The list is read when the page is shown (or asked for its rows), not before: a
        catalogue of a million records has tens of thousands of organisations, and
        opening it should not wait for a page nobody has looked at yet.
        """
        self._catalogue = catalogue
        self._stale = True
        if catalogue is None or self.isVisible():
            self.ensure_loaded()

    def ensure_loaded(self) -> None:
        """Read the list now if the catalogue (or its lists) changed since it was read."""
        if not self._stale:
            return
        self._stale = False
        self.model.load(self._catalogue)
        self.view.resizeColumnsToContents()
        self._update_count()

    def is_loaded(self) -> bool:
        return not self._stale

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def rows(self) -> list[Any]:
        """The dataclasses shown, in the order shown."""
        self.ensure_loaded()
        return [self.proxy.index(row, 0).data(Role.SUMMARY) for row in range(self.proxy.rowCount())]

    def current_item(self) -> Any:
        """The selected row's dataclass, or None."""
        self.ensure_loaded()
        index = self.view.currentIndex()
        return index.data(Role.SUMMARY) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        item = index.data(Role.SUMMARY)
        if item is not None:
            self.itemActivated.emit(item)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            self.tr("Showing {shown} of {total}").format(shown=shown, total=total)
        )


def people_page(parent: QWidget | None = None) -> DirectoryPage:
    page = DirectoryPage(
        PeopleModel(),
        "people",
        QCoreApplication.translate("DirectoryPage", "Filter people by name, role or organisation"),
        parent,
    )
    page.name_for_screen_readers(QCoreApplication.translate("DirectoryPage", "People"))
    return page


def organisations_page(parent: QWidget | None = None) -> DirectoryPage:
    page = DirectoryPage(
        OrganisationsModel(),
        "organisations",
        QCoreApplication.translate(
            "DirectoryPage", "Filter organisations by name, kind, country or alias"
        ),
        parent,
    )
    page.name_for_screen_readers(QCoreApplication.translate("DirectoryPage", "Organisations"))
    return page


def tags_page(parent: QWidget | None = None) -> DirectoryPage:
    page = DirectoryPage(
        TagsModel(),
        "tags",
        QCoreApplication.translate("DirectoryPage", "Filter tags"),
        parent,
    )
    page.name_for_screen_readers(QCoreApplication.translate("DirectoryPage", "Tags"))
    return page
