"""A read-only table of frozen dataclasses, one per row, loaded whole from the store.

Fine for the small catalogues of this release; a later model pages rows in SQL instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from .formatting import plain_tooltip
from .roles import Role

T = TypeVar("T")
C = TypeVar("C", bound=IntEnum)

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex


class SummaryTableModel(QAbstractTableModel, Generic[T, C]):
    """Rows of type `T`, columns of the IntEnum `C`.

    Subclasses say how a cell is shown (`display`), how it sorts (`sort_value`), which
    columns are numbers (`NUMERIC`) and what the headers say (`HEADERS`, kept
    untranslated with QT_TRANSLATE_NOOP and translated in the `CONTEXT` on use).
    """

    CONTEXT = "SummaryTableModel"
    COLUMNS: type[C]
    # PySide6 types QT_TRANSLATE_NOOP as returning object: it returns its text argument.
    HEADERS: ClassVar[dict[Any, object]]
    NUMERIC: ClassVar[frozenset[Any]] = frozenset()

    def __init__(self, parent: QObject | None = None, locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._locale = locale if locale is not None else QLocale()

    # -- filling --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row; the caller has already read them, so a store error cannot
        leave the model half reset."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summary(self, row: int) -> T:
        return self._rows[row]

    @property
    def locale(self) -> QLocale:
        return self._locale

    # -- what subclasses fill in ----------------------------------------------------------

    def display(self, item: T, column: C) -> str:
        raise NotImplementedError

    def sort_value(self, item: T, column: C) -> str | int:
        raise NotImplementedError

    def tool_tip(self, item: T, column: C) -> str | None:
        """The whole text, for a cell too narrow to show it."""
        return self.display(item, column) or None

    # -- QAbstractItemModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self.COLUMNS(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column)
        if role == Role.SORT:
            return self.sort_value(item, column)
        if role == Role.SUMMARY:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self.NUMERIC else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.tool_tip(item, column))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        column = self.COLUMNS(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, str(self.HEADERS[column]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self.NUMERIC else _LEFT
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names[int(Role.SUMMARY)] = QByteArray(b"summary")
        names[int(Role.SORT)] = QByteArray(b"sort")
        return names
