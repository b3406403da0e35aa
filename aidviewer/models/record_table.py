"""The aid records table over a `RecordQuery`, read a page at a time."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QObject

from aidviewer.editing import record_problems
from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    CatalogueError,
    Page,
    RecordQuery,
    RecordSort,
    RecordSummary,
    StageKind,
)

from .formatting import (
    format_eur,
    format_fuzzy_date,
    format_integer,
    format_money,
    parse_whole,
)
from .labels import aid_type_label, problem_text, stage_label
from .paged import PagedTableModel


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
    MATCH = 10  # the passage a search found; shown while searching


class RecordTableModel(PagedTableModel[RecordSummary, Column, RecordQuery]):
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
        Column.MATCH: QT_TRANSLATE_NOOP("RecordTableModel", "Found in"),
    }
    NUMERIC = frozenset({Column.QUANTITY, Column.VALUE_EUR})
    SORTS: ClassVar[dict[Any, Any]] = {
        Column.TITLE: RecordSort.TITLE,
        Column.DONOR: RecordSort.DONOR,
        Column.RECIPIENT: RecordSort.RECIPIENT,
        Column.AID_TYPE: RecordSort.AID_TYPE,
        Column.CATEGORY: RecordSort.CATEGORY,
        Column.STATUS: RecordSort.STATUS,
        Column.QUANTITY: RecordSort.QUANTITY,
        Column.VALUE_EUR: RecordSort.VALUE,
        Column.ANNOUNCED: RecordSort.ANNOUNCED,
        Column.DELIVERED: RecordSort.DELIVERED,
    }
    HIGHLIGHTED = frozenset({Column.TITLE})
    MATCH_COLUMN = Column.MATCH
    EDITABLE = frozenset({Column.TITLE, Column.QUANTITY})

    def __init__(self, parent: QObject | None = None, locale: QLocale | None = None) -> None:
        super().__init__(RecordQuery(), parent, locale)
        self._value: int | None = None
        # Translated once, as the headers are: every row shown needs them.
        self._aid_types = {aid_type: aid_type_label(aid_type) for aid_type in AidType}
        self._stages = {stage: stage_label(stage) for stage in (None, *StageKind)}
        self.modelAboutToBeReset.connect(self._forget_value)

    def _forget_value(self) -> None:
        self._value = None

    def count(self, catalogue: Catalogue, query: RecordQuery) -> int:
        count = catalogue.record_count(query)
        self.unfiltered = catalogue.record_count() if query.narrowed else count
        return count

    def known_value_cents(self) -> int | None:
        """The EUR value of the rows shown if it has been summed, else None (nothing is
        summed here)."""
        return self._value if self.catalogue is not None else 0

    def set_value_cents(self, query: RecordQuery, cents: int) -> bool:
        """Take the sum made elsewhere (off the window's thread) for `query`; refused
        (False) when the table has moved on to another query or catalogue since."""
        if self.catalogue is None or query != self.query:
            return False
        self._value = cents
        return True

    @property
    def value_cents(self) -> int:
        """The EUR value of the rows shown, in cents: summed when first asked for, not
        before the first rows are shown."""
        catalogue = self.catalogue
        if catalogue is None:
            return 0
        if self._value is None:
            try:
                self._value = catalogue.count_records(self.query)[1]
            except CatalogueError as error:
                self.readFailed.emit(error.message)
                return 0
        return self._value

    def fetch(
        self,
        catalogue: Catalogue,
        query: RecordQuery,
        *,
        limit: int,
        offset: int,
        after: Any,
        from_end: bool,
    ) -> Page:
        # A filter that lets through more than 2% of the records finds a page soonest by
        # walking the sort's index; a narrower one by its own index, then sorting.
        many = self.rowCount() * 50 > self.unfiltered
        return catalogue.record_page(
            query, limit=limit, offset=offset, after=after, from_end=from_end, many=many
        )

    def snippets(self, catalogue: Catalogue, search: str, ids: list[int]) -> dict[int, str]:
        return catalogue.record_snippets(search, ids)

    def display(self, item: RecordSummary, column: Column) -> str:
        match column:
            case Column.TITLE:
                return item.title
            case Column.DONOR:
                return item.donor
            case Column.RECIPIENT:
                return item.recipient
            case Column.AID_TYPE:
                return self._aid_types[item.aid_type]
            case Column.CATEGORY:
                return item.category
            case Column.STATUS:
                return self._stages[item.status]
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
            case Column.MATCH:
                return ""

    def edit_text(self, item: RecordSummary, column: Column) -> str:
        if column is Column.QUANTITY:  # the number alone: the unit is not edited here
            return "" if item.quantity is None else format_integer(item.quantity, self.locale)
        return super().edit_text(item, column)

    def cell_problem(self, item: RecordSummary, column: Column, text: str) -> str | None:
        if column is Column.TITLE:
            problems = record_problems(AidRecord(title=text))
            return next((problem_text(p) for p in problems if p.field == "title"), None)
        if column is Column.QUANTITY:
            quantity = parse_whole(text, self.locale)
            if text.strip() and quantity is None:
                return QCoreApplication.translate(
                    "RecordTableModel", "Write a whole number, such as 1,500."
                )
            problems = record_problems(AidRecord(title=item.title, quantity=quantity))
            return next((problem_text(p) for p in problems if p.field == "quantity"), None)
        return None

    def tool_tip(self, item: RecordSummary, column: Column) -> str | None:
        if column is Column.VALUE_EUR and item.money and item.money.currency != "EUR":
            # The amount as the source gave it, behind its value in euros.
            return format_money(item.money.amount_minor, item.money.currency, self.locale)
        return super().tool_tip(item, column)
