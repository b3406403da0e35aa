"""Saved views: a named search, filters, sort and column layout, kept in the catalogue.

A view's query is stored as JSON with one key per field of `RecordQuery` or
`MeetingQuery`: tuples as lists, dates as ISO 8601 text, enumerations as their values.
Reading is forgiving, because a catalogue is shared between versions of aidviewer: keys
this version does not know are ignored, and a value it cannot read (say, a sort column
added later) falls back to the field's default instead of hiding the whole view.
"""

from __future__ import annotations

import json
import sqlite3
import types
import typing
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum, StrEnum
from typing import Any

from .base import CatalogueBase, DbValue
from .errors import InvalidValueError, NotFoundError
from .query import MeetingQuery, RecordQuery

ENTITY = "saved_view"


class ViewKind(StrEnum):
    """Which table a saved view shows."""

    RECORDS = "records"
    MEETINGS = "meetings"


_QUERY_TYPES: dict[ViewKind, type[RecordQuery] | type[MeetingQuery]] = {
    ViewKind.RECORDS: RecordQuery,
    ViewKind.MEETINGS: MeetingQuery,
}


@dataclass(frozen=True, kw_only=True)
class SavedView:
    id: int = 0
    version: int = 0
    name: str
    kind: ViewKind
    query: RecordQuery | MeetingQuery
    # The table's columns as `aidviewer.ui.columns.layout_of` describes them; the store
    # only requires that it is JSON.
    layout: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""


# -- queries as JSON ------------------------------------------------------------------------


def _to_json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    return value


def query_to_json(query: RecordQuery | MeetingQuery) -> dict[str, Any]:
    """Every field of `query` as a JSON-ready value."""
    return {f.name: _to_json(getattr(query, f.name)) for f in fields(query)}


def _bad(name: str, value: Any) -> InvalidValueError:
    return InvalidValueError(f"A saved view has a value its “{name}” cannot take: {value!r}.")


def _from_json(hint: Any, value: Any, name: str) -> Any:
    """`value` read as the field type `hint` (as the query dataclasses use them)."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        origin = typing.get_origin(hint)
    if origin is tuple:
        if not isinstance(value, list):
            raise _bad(name, value)
        item_hint = typing.get_args(hint)[0]
        return tuple(_from_json(item_hint, item, name) for item in value)
    if hint is bool:
        if not isinstance(value, bool):
            raise _bad(name, value)
        return value
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _bad(name, value)
        return value
    if hint is str:
        if not isinstance(value, str):
            raise _bad(name, value)
        return value
    if hint is date:
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _bad(name, value) from None
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError:
            raise _bad(name, value) from None
    raise TypeError(f"saved views cannot store a field of type {hint!r} ({name})")


def _query_type(kind: ViewKind | str) -> type[RecordQuery] | type[MeetingQuery]:
    try:
        return _QUERY_TYPES[ViewKind(kind)]
    except ValueError:
        raise InvalidValueError(f"A saved view cannot be of kind {kind!r}.") from None


def query_from_json(
    kind: ViewKind | str, data: Any, *, strict: bool = True
) -> RecordQuery | MeetingQuery:
    """The query that `query_to_json` described. Unknown keys are ignored; a value that
    does not fit its field raises `InvalidValueError`, or with `strict=False` leaves that
    field at its default."""
    cls = _query_type(kind)
    if not isinstance(data, dict):
        if strict:
            raise InvalidValueError("A saved view's query must be a JSON object.")
        data = {}
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        try:
            values[f.name] = _from_json(hints[f.name], data[f.name], f.name)
        except InvalidValueError:
            if strict:
                raise
    return cls(**values)


def _json_object(text: str | None) -> Any:
    try:
        return json.loads(text or "{}")
    except ValueError:  # damaged by hand or by another program: read as empty
        return {}


# -- the store ------------------------------------------------------------------------------


class ViewsMixin(CatalogueBase):
    @staticmethod
    def _view_values(view: SavedView) -> dict[str, DbValue]:
        name = view.name.strip()
        if not name:
            raise InvalidValueError("A saved view needs a name.")
        kind = ViewKind(view.kind)
        if not isinstance(view.query, _query_type(kind)):
            raise InvalidValueError(f"A saved {kind.value} view needs a {kind.value} query.")
        if not isinstance(view.layout, dict):
            raise InvalidValueError(f"The column layout of “{name}” must be a JSON object.")
        try:
            layout = json.dumps(view.layout, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError) as error:
            raise InvalidValueError(
                f"The column layout of “{name}” cannot be saved ({error})."
            ) from error
        query = json.dumps(query_to_json(view.query), ensure_ascii=False, sort_keys=True)
        return {"name": name, "kind": kind.value, "query": query, "layout": layout}

    def _check_name_free(self, view: SavedView, view_id: int) -> None:
        """A clearer sentence than the unique index's (which stays the real guard)."""
        kind = ViewKind(view.kind).value
        row = self._con.execute(
            "SELECT name FROM saved_view WHERE kind = ? AND name = ? COLLATE NOCASE AND id <> ?",
            (kind, view.name.strip(), view_id),
        ).fetchone()
        if row is not None:
            raise InvalidValueError(
                f"There is already a saved {kind} view named “{row[0]}”: choose another name."
            )

    @staticmethod
    def _view_from_row(row: sqlite3.Row) -> SavedView:
        kind = ViewKind(row["kind"])
        layout = _json_object(row["layout"])
        return SavedView(
            id=row["id"],
            version=row["version"],
            name=row["name"],
            kind=kind,
            query=query_from_json(kind, _json_object(row["query"]), strict=False),
            layout=layout if isinstance(layout, dict) else {},
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            updated_by=row["updated_by"],
        )

    def add_saved_view(self, view: SavedView) -> SavedView:
        values = self._view_values(view)
        with self._write():
            self._check_name_free(view, 0)
            new_id, _ = self._insert(ENTITY, "saved_view", values, {})
            return self.saved_view(new_id)

    def saved_view(self, view_id: int) -> SavedView:
        rows = self._query("SELECT * FROM saved_view WHERE id = ?", (view_id,))
        if not rows:
            raise NotFoundError("This saved view does not exist.", self.path)
        return self._view_from_row(rows[0])

    def saved_views(self, kind: ViewKind | None = None) -> list[SavedView]:
        """The saved views, of one kind or all, by name ignoring case."""
        if kind is None:
            rows = self._query("SELECT * FROM saved_view ORDER BY name COLLATE NOCASE, id")
        else:
            rows = self._query(
                "SELECT * FROM saved_view WHERE kind = ? ORDER BY name COLLATE NOCASE, id",
                (ViewKind(kind).value,),
            )
        return [self._view_from_row(row) for row in rows]

    def update_saved_view(self, view: SavedView) -> SavedView:
        """Save a changed view; raises `ConflictError` if it changed since `view` was read."""
        values = self._view_values(view)
        with self._write():
            self._current(ENTITY, "saved_view", view.id, view.version)
            self._check_name_free(view, view.id)
            self._update(ENTITY, "saved_view", view.id, view.version, values)
            return self.saved_view(view.id)

    def delete_saved_view(self, view_id: int, version: int) -> None:
        with self._write("delete"):
            self._delete(ENTITY, "saved_view", view_id, version, {})
