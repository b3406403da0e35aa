"""The catalogue's small lists: people, organisations and tags, each loaded whole.

These lists stay in the hundreds, so they are read into memory and sorted and filtered by
a proxy (`DirectoryFilterModel`), unlike the records and meetings tables.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from aidviewer.store import Catalogue, Organisation, OrganisationKind, Person, Tag

from .sorting import SortProxyModel
from .table import SummaryTableModel

# -- people ---------------------------------------------------------------------------------


class PersonColumn(IntEnum):
    NAME = 0
    ROLE = 1
    ORGANISATION = 2


class PeopleModel(SummaryTableModel[Person, PersonColumn]):
    """One row per person: name, role, and the name of their organisation."""

    CONTEXT = "PeopleModel"
    COLUMNS = PersonColumn
    HEADERS: ClassVar[dict[Any, object]] = {
        PersonColumn.NAME: QT_TRANSLATE_NOOP("PeopleModel", "Name"),
        PersonColumn.ROLE: QT_TRANSLATE_NOOP("PeopleModel", "Role"),
        PersonColumn.ORGANISATION: QT_TRANSLATE_NOOP("PeopleModel", "Organisation"),
    }

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._organisations: dict[int, str] = {}

    def load(self, catalogue: Catalogue | None) -> None:
        """Read every person from `catalogue` (or show none). A store error is raised
        before anything changes, so the model never shows half a list."""
        people = catalogue.people() if catalogue is not None else []
        organisations = {org.id: org.name for org in catalogue.organisations()} if catalogue else {}
        self.beginResetModel()
        self._rows = people
        self._organisations = organisations
        self.endResetModel()

    def organisation_name(self, person: Person) -> str:
        if person.organisation_id is None:
            return ""
        return self._organisations.get(person.organisation_id, "")

    def display(self, item: Person, column: PersonColumn) -> str:
        if column is PersonColumn.NAME:
            return item.name
        if column is PersonColumn.ROLE:
            return item.role
        return self.organisation_name(item)

    def sort_value(self, item: Person, column: PersonColumn) -> str | int:
        return self.display(item, column)


# -- organisations --------------------------------------------------------------------------


class OrganisationColumn(IntEnum):
    NAME = 0
    KIND = 1
    COUNTRY = 2
    ALIASES = 3


_KINDS: dict[OrganisationKind, object] = {
    OrganisationKind.GOVERNMENT: QT_TRANSLATE_NOOP("OrganisationsModel", "Government"),
    OrganisationKind.MINISTRY: QT_TRANSLATE_NOOP("OrganisationsModel", "Ministry"),
    OrganisationKind.ARMED_FORCES: QT_TRANSLATE_NOOP("OrganisationsModel", "Armed forces"),
    OrganisationKind.INTERNATIONAL: QT_TRANSLATE_NOOP(
        "OrganisationsModel", "International organisation"
    ),
    OrganisationKind.NGO: QT_TRANSLATE_NOOP("OrganisationsModel", "NGO"),
    OrganisationKind.COMPANY: QT_TRANSLATE_NOOP("OrganisationsModel", "Company"),
    OrganisationKind.OTHER: QT_TRANSLATE_NOOP("OrganisationsModel", "Other"),
}


def organisation_kind_label(kind: OrganisationKind) -> str:
    return QCoreApplication.translate("OrganisationsModel", str(_KINDS[kind]))


class OrganisationsModel(SummaryTableModel[Organisation, OrganisationColumn]):
    """One row per organisation: name, kind, country code and aliases."""

    CONTEXT = "OrganisationsModel"
    COLUMNS = OrganisationColumn
    HEADERS: ClassVar[dict[Any, object]] = {
        OrganisationColumn.NAME: QT_TRANSLATE_NOOP("OrganisationsModel", "Name"),
        OrganisationColumn.KIND: QT_TRANSLATE_NOOP("OrganisationsModel", "Kind"),
        OrganisationColumn.COUNTRY: QT_TRANSLATE_NOOP("OrganisationsModel", "Country"),
        OrganisationColumn.ALIASES: QT_TRANSLATE_NOOP("OrganisationsModel", "Also known as"),
    }

    def load(self, catalogue: Catalogue | None) -> None:
        self.set_rows(catalogue.organisations() if catalogue is not None else [])

    def display(self, item: Organisation, column: OrganisationColumn) -> str:
        if column is OrganisationColumn.NAME:
            return item.name
        if column is OrganisationColumn.KIND:
            return organisation_kind_label(item.kind)
        if column is OrganisationColumn.COUNTRY:
            return item.country or ""
        return "; ".join(item.aliases)

    def sort_value(self, item: Organisation, column: OrganisationColumn) -> str | int:
        return self.display(item, column)

    def tool_tip(self, item: Organisation, column: OrganisationColumn) -> str | None:
        if column is OrganisationColumn.ALIASES and item.aliases:
            return "\n".join(item.aliases)
        return super().tool_tip(item, column)


# -- tags -----------------------------------------------------------------------------------


class TagColumn(IntEnum):
    NAME = 0


class TagsModel(SummaryTableModel[Tag, TagColumn]):
    CONTEXT = "TagsModel"
    COLUMNS = TagColumn
    HEADERS: ClassVar[dict[Any, object]] = {
        TagColumn.NAME: QT_TRANSLATE_NOOP("TagsModel", "Tag"),
    }

    def load(self, catalogue: Catalogue | None) -> None:
        self.set_rows(catalogue.tags() if catalogue is not None else [])

    def display(self, item: Tag, column: TagColumn) -> str:
        return item.name

    def sort_value(self, item: Tag, column: TagColumn) -> str | int:
        return item.name


# -- filtering ------------------------------------------------------------------------------


def fold(text: str) -> str:
    """`text` without case or diacritics: "Anušauskas" and "ANUSAUSKAS" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class DirectoryFilterModel(SortProxyModel):
    """Sorts like `SortProxyModel` and keeps the rows where every word of the filter text
    appears in some column, ignoring case and diacritics."""

    def __init__(self, source: QAbstractItemModel, parent: QObject | None = None) -> None:
        super().__init__(source, parent)
        self._words: tuple[str, ...] = ()

    @property
    def filter_text(self) -> str:
        return " ".join(self._words)

    def set_filter_text(self, text: str) -> None:
        words = tuple(fold(text).split())
        if words == self._words:
            return
        # Not invalidateFilter(): it is deprecated and warns in PySide6 6.12.
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        source = self.sourceModel()
        texts = _cell_texts(source, source_row, source_parent)
        haystack = fold("\n".join(texts))
        return all(word in haystack for word in self._words)


def _cell_texts(
    model: QAbstractItemModel, row: int, parent: QModelIndex | QPersistentModelIndex
) -> Iterable[str]:
    for column in range(model.columnCount(parent)):
        value = model.index(row, column, parent).data(Qt.ItemDataRole.DisplayRole)
        if value:
            yield str(value)
