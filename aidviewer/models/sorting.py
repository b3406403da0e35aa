"""Sorting the small in-memory tables by their native sort values."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from .roles import Role


class SortProxyModel(QSortFilterProxyModel):
    """Sorts on `Role.SORT`, so numbers sort as numbers and dates chronologically.

    A proxy only sees loaded rows; that is all of them for these models. The paged SQL
    model that replaces them sorts in the database instead.
    """

    def __init__(self, source: QAbstractItemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(int(Role.SORT))
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)
        self.setSourceModel(source)

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        # Qt compares two variants by the type of the left one: a Python int that fits
        # 32 bits becomes an Int, a larger one a LongLong, and Int < LongLong then
        # truncates the right side with toInt(). Compare whole numbers in Python instead.
        a = left.data(self.sortRole())
        b = right.data(self.sortRole())
        if isinstance(a, int) and isinstance(b, int):
            return a < b
        return super().lessThan(left, right)
