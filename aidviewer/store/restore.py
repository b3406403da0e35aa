"""Putting a deleted aid record or meeting back as it was, to undo its deletion.

Before a record is deleted the window takes a snapshot of it; putting it back restores
the row with its id and creation time, its stages, sources and tags, its notes (each with
its own id, author and time) and its place in the meetings that still exist. Each step is
logged, so the history shows the deletion and the return.
"""

from __future__ import annotations

import dataclasses
import sqlite3

from .errors import InvalidValueError
from .notes import NotesMixin
from .query import QueryMixin
from .types import AidRecord, Meeting, MeetingSnapshot, RecordSnapshot


class RestoreMixin(QueryMixin, NotesMixin):
    def record_snapshot(self, record_id: int) -> RecordSnapshot:
        """The record with its notes and the meetings that discussed it, in one read."""
        with self._read() as con:
            record = self.record(record_id)
            notes = tuple(self.notes_for(record_id=record_id))
            meetings = tuple(
                row[0]
                for row in con.execute(
                    "SELECT meeting_id FROM meeting_record WHERE record_id = ? ORDER BY meeting_id",
                    (record_id,),
                )
            )
        return RecordSnapshot(record=record, notes=notes, meeting_ids=meetings)

    def restore_record(self, snapshot: RecordSnapshot) -> AidRecord:
        """Put a deleted record back from its snapshot, all in one transaction. Refused
        if a record with its id exists; meetings deleted since are left out."""
        record = snapshot.record
        with self._write():
            taken = self._con.execute("SELECT 1 FROM aid_record WHERE id = ?", (record.id,))
            if taken.fetchone():
                raise InvalidValueError("This aid record is already there.")
            self._insert(
                "aid_record",
                "aid_record",
                {"id": record.id, **self._record_values(record)},
                self._record_children_text(record),
                created_at=record.created_at or None,
                version=record.version + 1,
            )
            try:
                self._write_children(record.id, record, restoring=True)
            except sqlite3.IntegrityError as error:
                raise InvalidValueError(
                    "This aid record refers to a source that no longer exists."
                ) from error
            for note in snapshot.notes:
                self._put_back_note(note)
            for meeting_id in snapshot.meeting_ids:
                self._relink(meeting_id, record.id)
            return self.record(record.id)

    def _relink(self, meeting_id: int, record_id: int) -> None:
        """Put the record back among the records a meeting discussed, if the meeting is
        still there; the meeting gets a new version, as when the link went."""
        con = self._con
        if con.execute("SELECT 1 FROM meeting WHERE id = ?", (meeting_id,)).fetchone() is None:
            return
        linked = self._linked_records(meeting_id)
        con.execute(
            "INSERT OR IGNORE INTO meeting_record (meeting_id, record_id) VALUES (?, ?)",
            (meeting_id, record_id),
        )
        self._touch_links(meeting_id, linked, sorted({*linked, record_id}))

    def meeting_snapshot(self, meeting_id: int) -> MeetingSnapshot:
        with self._read():
            meeting = self.meeting(meeting_id)
            notes = tuple(self.notes_for(meeting_id=meeting_id))
        return MeetingSnapshot(meeting=meeting, notes=notes)

    def restore_meeting(self, snapshot: MeetingSnapshot) -> Meeting:
        """Put a deleted meeting back from its snapshot, with its id, creation time,
        participants, topics, decisions, links and notes; people, records and sources
        deleted since are left out."""
        meeting = snapshot.meeting
        with self._write():
            con = self._con
            if con.execute("SELECT 1 FROM meeting WHERE id = ?", (meeting.id,)).fetchone():
                raise InvalidValueError("This meeting is already there.")

            def existing(table: str, ids: set[int]) -> set[int]:
                marks = ", ".join("?" for _ in ids)
                rows = con.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", tuple(ids))
                return {row[0] for row in rows}

            people = existing(
                "person",
                {p.person_id for p in meeting.participants}
                | {a.owner_id for a in meeting.actions if a.owner_id is not None},
            )
            records = existing("aid_record", set(meeting.record_ids))
            sources = existing("source", set(meeting.source_ids))
            kept = dataclasses.replace(
                meeting,
                participants=tuple(p for p in meeting.participants if p.person_id in people),
                actions=tuple(
                    a
                    if a.owner_id is None or a.owner_id in people
                    else dataclasses.replace(a, owner_id=None)
                    for a in meeting.actions
                ),
                record_ids=tuple(r for r in meeting.record_ids if r in records),
                source_ids=tuple(s for s in meeting.source_ids if s in sources),
            )
            self._insert(
                "meeting",
                "meeting",
                {"id": kept.id, **self._meeting_values(kept)},
                self._meeting_children_text(kept),
                created_at=kept.created_at or None,
                version=kept.version + 1,
            )
            self._write_meeting_links(kept.id, kept)
            for note in snapshot.notes:
                self._put_back_note(note)
            return self.meeting(kept.id)
