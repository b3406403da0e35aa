"""The meetings table: one row per meeting, from `Catalogue.meeting_summaries()`."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QObject

from aidviewer.store import Catalogue, MeetingSummary

from .formatting import format_date_time
from .table import SummaryTableModel


class MeetingColumn(IntEnum):
    STARTS = 0
    TITLE = 1
    PLACE = 2
    PARTICIPANTS = 3


class MeetingTableModel(SummaryTableModel[MeetingSummary, MeetingColumn]):
    CONTEXT = "MeetingTableModel"
    COLUMNS = MeetingColumn
    HEADERS: ClassVar[dict[Any, object]] = {
        MeetingColumn.STARTS: QT_TRANSLATE_NOOP("MeetingTableModel", "Starts"),
        MeetingColumn.TITLE: QT_TRANSLATE_NOOP("MeetingTableModel", "Title"),
        MeetingColumn.PLACE: QT_TRANSLATE_NOOP("MeetingTableModel", "Place"),
        MeetingColumn.PARTICIPANTS: QT_TRANSLATE_NOOP("MeetingTableModel", "Participants"),
    }

    def __init__(self, parent: QObject | None = None, locale: QLocale | None = None) -> None:
        super().__init__(parent, locale)

    def load(self, catalogue: Catalogue | None) -> None:
        """Show the meetings of `catalogue`, or none. Raises the store's CatalogueError
        before anything changes."""
        self.set_rows(catalogue.meeting_summaries() if catalogue is not None else [])

    def display(self, item: MeetingSummary, column: MeetingColumn) -> str:
        match column:
            case MeetingColumn.STARTS:
                return format_date_time(item.starts_at)
            case MeetingColumn.TITLE:
                return item.title
            case MeetingColumn.PLACE:
                return item.place
            case MeetingColumn.PARTICIPANTS:
                return ", ".join(item.participants)

    def sort_value(self, item: MeetingSummary, column: MeetingColumn) -> str | int:
        if column is MeetingColumn.STARTS:
            return item.starts_at  # ISO 8601 text sorts chronologically
        return self.display(item, column).casefold()

    def tool_tip(self, item: MeetingSummary, column: MeetingColumn) -> str | None:
        if column is MeetingColumn.PARTICIPANTS and item.participants:
            return "\n".join(item.participants)
        return super().tool_tip(item, column)
