"""Custom item data roles shared by the catalogue's models."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class Role(IntEnum):
    """Roles beyond Qt's own."""

    # The row's frozen dataclass (a RecordSummary or a MeetingSummary).
    SUMMARY = Qt.ItemDataRole.UserRole + 1
    # A native value to sort by (the small in-memory lists of people, organisations, tags).
    SORT = Qt.ItemDataRole.UserRole + 2
    # Where the search's words are in the cell's text: a list of (start, length).
    HIGHLIGHT = Qt.ItemDataRole.UserRole + 3
