"""Notes: annotations on one aid record or one meeting."""

from __future__ import annotations

import sqlite3

from .base import FTS_NOTE, CatalogueBase, DbValue
from .errors import InvalidValueError, NotFoundError
from .types import Note, NoteKind


class NotesMixin(CatalogueBase):
    @staticmethod
    def _note_values(note: Note) -> dict[str, DbValue]:
        return {
            "body": note.body,
            "kind": NoteKind(note.kind).value,
            "resolved": int(note.resolved),
            "pinned": int(note.pinned),
        }

    @staticmethod
    def _note_from_row(row: sqlite3.Row) -> Note:
        return Note(
            id=row["id"],
            version=row["version"],
            record_id=row["record_id"],
            meeting_id=row["meeting_id"],
            body=row["body"],
            author=row["author"],
            kind=NoteKind(row["kind"]),
            resolved=bool(row["resolved"]),
            pinned=bool(row["pinned"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            updated_by=row["updated_by"],
        )

    def add_note(self, note: Note) -> Note:
        """Add a note; its author is the note's own, or the catalogue's user."""
        if (note.record_id is None) == (note.meeting_id is None):
            raise InvalidValueError("A note belongs to exactly one aid record or meeting.")
        if not note.body.strip():
            raise InvalidValueError("A note cannot be empty.")
        values = {
            **self._note_values(note),
            "record_id": note.record_id,
            "meeting_id": note.meeting_id,
            "author": note.author.strip() or self.user,
        }
        with self._write():
            new_id, _ = self._insert("note", "note", values, {})
            self._index(new_id * 4 + FTS_NOTE, "", note.body)
            return self.note(new_id)

    def restore_note(self, note: Note) -> Note:
        """Put a deleted note back as it was: its id, author, creation time, text and
        marks (undoing its deletion). Refused if a note with its id exists."""
        with self._write():
            self._put_back_note(note)
            return self.note(note.id)

    def _put_back_note(self, note: Note) -> None:
        """Insert a deleted note with its own id, inside a write already begun."""
        if (note.record_id is None) == (note.meeting_id is None):
            raise InvalidValueError("A note belongs to exactly one aid record or meeting.")
        if not note.body.strip():
            raise InvalidValueError("A note cannot be empty.")
        if self._con.execute("SELECT 1 FROM note WHERE id = ?", (note.id,)).fetchone():
            raise InvalidValueError("This note is already there.")
        values = {
            "id": note.id,
            **self._note_values(note),
            "record_id": note.record_id,
            "meeting_id": note.meeting_id,
            "author": note.author.strip() or self.user,
        }
        self._insert(
            "note", "note", values, {}, created_at=note.created_at or None,
            version=note.version + 1,
        )  # fmt: skip
        self._index(note.id * 4 + FTS_NOTE, "", note.body)

    def note(self, note_id: int) -> Note:
        rows = self._query("SELECT * FROM note WHERE id = ?", (note_id,))
        if not rows:
            raise NotFoundError("This note does not exist.", self.path)
        return self._note_from_row(rows[0])

    def notes_for(
        self, *, record_id: int | None = None, meeting_id: int | None = None
    ) -> list[Note]:
        """The notes on one record or meeting: pinned first, then newest first."""
        if (record_id is None) == (meeting_id is None):
            raise ValueError("give exactly one of record_id and meeting_id")
        column, key = (
            ("record_id", record_id) if record_id is not None else ("meeting_id", meeting_id)
        )
        rows = self._query(
            f"SELECT * FROM note WHERE {column} = ? ORDER BY pinned DESC, created_at DESC, id DESC",
            (key,),
        )
        return [self._note_from_row(row) for row in rows]

    def update_note(self, note: Note) -> Note:
        if not note.body.strip():
            raise InvalidValueError("A note cannot be empty.")
        with self._write():
            if self._update("note", "note", note.id, note.version, self._note_values(note)):
                self._index(note.id * 4 + FTS_NOTE, "", note.body)
            return self.note(note.id)

    def delete_note(self, note_id: int, version: int) -> None:
        with self._write("delete"):
            self._delete("note", "note", note_id, version, {})
            self._unindex(note_id * 4 + FTS_NOTE)
