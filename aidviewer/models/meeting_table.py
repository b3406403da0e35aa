"""The meetings table over a `MeetingQuery`, read a page at a time."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QObject

from aidviewer.editing import meeting_problems
from aidviewer.store import Catalogue, Meeting, MeetingQuery, MeetingSort, MeetingSummary, Page

from .formatting import format_date_time
from .labels import problem_text
from .paged import PagedTableModel


class MeetingColumn(IntEnum):
    STARTS = 0
    TITLE = 1
    PLACE = 2
    PARTICIPANTS = 3
    MATCH = 4  # the passage a search found; shown while searching


class MeetingTableModel(PagedTableModel[MeetingSummary, MeetingColumn, MeetingQuery]):
    CONTEXT = "MeetingTableModel"
    COLUMNS = MeetingColumn
    HEADERS: ClassVar[dict[Any, object]] = {
        MeetingColumn.STARTS: QT_TRANSLATE_NOOP("MeetingTableModel", "Starts"),
        MeetingColumn.TITLE: QT_TRANSLATE_NOOP("MeetingTableModel", "Title"),
        MeetingColumn.PLACE: QT_TRANSLATE_NOOP("MeetingTableModel", "Place"),
        MeetingColumn.PARTICIPANTS: QT_TRANSLATE_NOOP("MeetingTableModel", "Participants"),
        MeetingColumn.MATCH: QT_TRANSLATE_NOOP("MeetingTableModel", "Found in"),
    }
    SORTS: ClassVar[dict[Any, Any]] = {
        MeetingColumn.STARTS: MeetingSort.STARTS,
        MeetingColumn.TITLE: MeetingSort.TITLE,
        MeetingColumn.PLACE: MeetingSort.PLACE,
    }
    HIGHLIGHTED = frozenset({MeetingColumn.TITLE, MeetingColumn.PARTICIPANTS})
    MATCH_COLUMN = MeetingColumn.MATCH
    EDITABLE = frozenset({MeetingColumn.TITLE, MeetingColumn.PLACE})

    def __init__(self, parent: QObject | None = None, locale: QLocale | None = None) -> None:
        super().__init__(MeetingQuery(), parent, locale)

    def count(self, catalogue: Catalogue, query: MeetingQuery) -> int:
        count = catalogue.count_meetings(query)
        self.unfiltered = catalogue.count_meetings() if query.narrowed else count
        return count

    def fetch(
        self,
        catalogue: Catalogue,
        query: MeetingQuery,
        *,
        limit: int,
        offset: int,
        after: Any,
        from_end: bool,
    ) -> Page:
        return catalogue.meeting_page(
            query, limit=limit, offset=offset, after=after, from_end=from_end
        )

    def snippets(self, catalogue: Catalogue, search: str, ids: list[int]) -> dict[int, str]:
        return catalogue.meeting_snippets(search, ids)

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
            case MeetingColumn.MATCH:
                return ""

    def cell_problem(self, item: MeetingSummary, column: MeetingColumn, text: str) -> str | None:
        if column is MeetingColumn.TITLE:
            problems = meeting_problems(Meeting(title=text, starts_at=item.starts_at))
            return next((problem_text(p) for p in problems if p.field == "title"), None)
        return None

    def tool_tip(self, item: MeetingSummary, column: MeetingColumn) -> str | None:
        if column is MeetingColumn.PARTICIPANTS and item.participants:
            return "\n".join(item.participants)
        return super().tool_tip(item, column)
