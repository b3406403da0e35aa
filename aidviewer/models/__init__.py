"""Qt item models over the catalogue store. No SQL here: only the store's public API."""

from __future__ import annotations

from .directory import (
    DirectoryFilterModel,
    OrganisationColumn,
    OrganisationsModel,
    PeopleModel,
    PersonColumn,
    TagColumn,
    TagsModel,
    organisation_kind_label,
)
from .meeting_table import MeetingColumn, MeetingTableModel
from .record_table import Column, RecordTableModel
from .roles import Role
from .sorting import SortProxyModel

__all__ = [
    "Column",
    "DirectoryFilterModel",
    "MeetingColumn",
    "MeetingTableModel",
    "OrganisationColumn",
    "OrganisationsModel",
    "PeopleModel",
    "PersonColumn",
    "RecordTableModel",
    "Role",
    "SortProxyModel",
    "TagColumn",
    "TagsModel",
    "organisation_kind_label",
]
