"""Custom item data roles shared by the catalogue's models."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class Role(IntEnum):
    """Roles beyond Qt's own; `int(Role.SORT)` is what `setSortRole()` takes."""

    # The row's frozen dataclass (a RecordSummary or a MeetingSummary).
    SUMMARY = Qt.ItemDataRole.UserRole + 1
    # A native value to sort by: numbers as numbers, dates as ISO text, names case-folded.
    SORT = Qt.ItemDataRole.UserRole + 2
