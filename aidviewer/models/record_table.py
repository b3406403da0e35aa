"""The aid records table: one row per record, from `Catalogue.record_summaries()`."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QObject

from aidviewer.store import Catalogue, RecordSummary

from .formatting import format_eur, format_fuzzy_date, format_integer, format_money
from .labels import aid_type_label, stage_label
from .table import SummaryTableModel


class Column(IntEnum):
    TITLE = 0
    DONOR = 1
    RECIPIENT = 2
    AID_TYPE = 3
    CATEGORY = 4
    STATUS = 5
    QUANTITY = 6
    VALUE_EUR = 7
    ANNOUNCED = 8
    DELIVERED = 9


# Sorts after every real value in an ascending sort, so unknown numbers come last.
_UNKNOWN = -1


class RecordTableModel(SummaryTableModel[RecordSummary, Column]):
    CONTEXT = "RecordTableModel"
    COLUMNS = Column
    HEADERS: ClassVar[dict[Any, object]] = {
        Column.TITLE: QT_TRANSLATE_NOOP("RecordTableModel", "Title"),
        Column.DONOR: QT_TRANSLATE_NOOP("RecordTableModel", "Donor"),
        Column.RECIPIENT: QT_TRANSLATE_NOOP("RecordTableModel", "Recipient"),
        Column.AID_TYPE: QT_TRANSLATE_NOOP("RecordTableModel", "Aid type"),
        Column.CATEGORY: QT_TRANSLATE_NOOP("RecordTableModel", "Category"),
        Column.STATUS: QT_TRANSLATE_NOOP("RecordTableModel", "Status"),
        Column.QUANTITY: QT_TRANSLATE_NOOP("RecordTableModel", "Quantity"),
        Column.VALUE_EUR: QT_TRANSLATE_NOOP("RecordTableModel", "Value (EUR)"),
        Column.ANNOUNCED: QT_TRANSLATE_NOOP("RecordTableModel", "Announced"),
        Column.DELIVERED: QT_TRANSLATE_NOOP("RecordTableModel", "Delivered"),
    }
    NUMERIC = frozenset({Column.QUANTITY, Column.VALUE_EUR})

    def __init__(self, parent: QObject | None = None, locale: QLocale | None = None) -> None:
        super().__init__(parent, locale)

    def load(self, catalogue: Catalogue | None) -> None:
        """Show the records of `catalogue`, or none. Raises the store's CatalogueError
        before anything changes."""
        self.set_rows(catalogue.record_summaries() if catalogue is not None else [])

    def display(self, item: RecordSummary, column: Column) -> str:
        match column:
            case Column.TITLE:
                return item.title
            case Column.DONOR:
                return item.donor
            case Column.RECIPIENT:
                return item.recipient
            case Column.AID_TYPE:
                return aid_type_label(item.aid_type)
            case Column.CATEGORY:
                return item.category
            case Column.STATUS:
                return stage_label(item.status)
            case Column.QUANTITY:
                if item.quantity is None:  # a unit without a number says nothing
                    return ""
                return f"{format_integer(item.quantity, self.locale)} {item.unit}".strip()
            case Column.VALUE_EUR:
                cents = item.money.value_eur_cents if item.money else None
                return "" if cents is None else format_eur(cents, self.locale)
            case Column.ANNOUNCED:
                return format_fuzzy_date(item.announced_on)
            case Column.DELIVERED:
                return format_fuzzy_date(item.delivered_on)

    def sort_value(self, item: RecordSummary, column: Column) -> str | int:
        match column:
            case Column.QUANTITY:
                return _UNKNOWN if item.quantity is None else item.quantity
            case Column.VALUE_EUR:
                cents = item.money.value_eur_cents if item.money else None
                return _UNKNOWN if cents is None else cents
            case Column.STATUS:
                return _UNKNOWN if item.status is None else item.status.rank
            case Column.ANNOUNCED:
                return _date_key(item.announced_on.value)
            case Column.DELIVERED:
                return _date_key(item.delivered_on.value)
            case _:
                return self.display(item, column).casefold()

    def tool_tip(self, item: RecordSummary, column: Column) -> str | None:
        if column is Column.VALUE_EUR and item.money and item.money.currency != "EUR":
            # The amount as the source gave it, behind its value in euros.
            return format_money(item.money.amount_minor, item.money.currency, self.locale)
        return super().tool_tip(item, column)


def _date_key(value: object) -> str:
    return "" if value is None else str(value)
