"""Meetings with their participants, topics, decisions, follow-ups and linked records."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime

from .base import FTS_MEETING, CatalogueBase, DbValue
from .errors import InvalidValueError, NotFoundError
from .types import ActionKind, Meeting, MeetingAction, Participant


def _moment(text: str, what: str) -> datetime:
    """An ISO 8601 date ("2023-11-10") or date and time ("2023-11-10T14:30")."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValueError(
            f"The meeting's {what} “{text}” is not a date such as 2023-11-10 or 2023-11-10T14:30."
        ) from None


def _check_meeting(meeting: Meeting) -> None:
    if not meeting.title.strip():
        raise InvalidValueError("A meeting needs a title.")
    if not meeting.starts_at.strip():
        raise InvalidValueError("A meeting needs a start date.")
    starts = _moment(meeting.starts_at, "start")
    if meeting.ends_at.strip():
        ends = _moment(meeting.ends_at, "end")
        if ends.tzinfo is None and starts.tzinfo is None and ends < starts:
            raise InvalidValueError("A meeting cannot end before it starts.")


def _search_body(meeting: Meeting) -> str:
    return "\n".join((*meeting.topics, meeting.minutes))


class MeetingsMixin(CatalogueBase):
    @staticmethod
    def _meeting_values(meeting: Meeting) -> dict[str, DbValue]:
        return {
            "title": meeting.title.strip(),
            "starts_at": meeting.starts_at.strip(),
            "ends_at": meeting.ends_at.strip(),
            "place": meeting.place.strip(),
            "minutes": meeting.minutes,
        }

    @staticmethod
    def _meeting_children_text(meeting: Meeting) -> dict[str, str]:
        return {
            "participants": "\n".join(
                f"#{p.person_id} {p.role}".strip() for p in meeting.participants
            ),
            "topics": "\n".join(meeting.topics),
            "actions": "\n".join(
                f"{a.kind.value}: {a.text}"
                + (f" (owner #{a.owner_id})" if a.owner_id else "")
                + (f" due {a.due_on.isoformat()}" if a.due_on else "")
                + (" [done]" if a.done else "")
                for a in meeting.actions
            ),
            "records": ", ".join(f"#{rid}" for rid in meeting.record_ids),
            "sources": ", ".join(f"#{sid}" for sid in meeting.source_ids),
        }

    def _write_meeting_children(self, meeting_id: int, meeting: Meeting) -> None:
        con = self._con
        own_actions = {
            row[0]
            for row in con.execute(
                "SELECT id FROM meeting_action WHERE meeting_id = ?", (meeting_id,)
            )
        }
        for table in (
            "meeting_participant",
            "meeting_topic",
            "meeting_action",
            "meeting_record",
            "meeting_source",
        ):
            con.execute(f"DELETE FROM {table} WHERE meeting_id = ?", (meeting_id,))
        participants = {p.person_id: p for p in meeting.participants}
        con.executemany(
            "INSERT INTO meeting_participant (meeting_id, person_id, role, position)"
            " VALUES (?, ?, ?, ?)",
            [
                (meeting_id, p.person_id, p.role.strip(), pos)
                for pos, p in enumerate(participants.values())
            ],
        )
        con.executemany(
            "INSERT INTO meeting_topic (meeting_id, position, text) VALUES (?, ?, ?)",
            [(meeting_id, pos, topic) for pos, topic in enumerate(meeting.topics)],
        )
        con.executemany(
            "INSERT INTO meeting_action (id, meeting_id, kind, text, owner_id, due_on, done,"
            " position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    a.id if a.id in own_actions else None,
                    meeting_id,
                    ActionKind(a.kind).value,
                    a.text,
                    a.owner_id,
                    a.due_on.isoformat() if a.due_on else None,
                    int(a.done),
                    pos,
                )
                for pos, a in enumerate(meeting.actions)
            ],
        )
        con.executemany(
            "INSERT INTO meeting_record (meeting_id, record_id) VALUES (?, ?)",
            [(meeting_id, rid) for rid in dict.fromkeys(meeting.record_ids)],
        )
        con.executemany(
            "INSERT INTO meeting_source (meeting_id, source_id, position) VALUES (?, ?, ?)",
            [(meeting_id, sid, pos) for pos, sid in enumerate(dict.fromkeys(meeting.source_ids))],
        )
        self._index(meeting_id * 4 + FTS_MEETING, meeting.title, _search_body(meeting))

    def _meeting_from_row(self, row: sqlite3.Row) -> Meeting:
        con = self._con
        meeting_id = row["id"]
        participants = tuple(
            Participant(person_id=r["person_id"], role=r["role"])
            for r in con.execute(
                "SELECT person_id, role FROM meeting_participant WHERE meeting_id = ?"
                " ORDER BY position",
                (meeting_id,),
            )
        )
        topics = tuple(
            r[0]
            for r in con.execute(
                "SELECT text FROM meeting_topic WHERE meeting_id = ? ORDER BY position",
                (meeting_id,),
            )
        )
        actions = tuple(
            MeetingAction(
                id=r["id"],
                kind=ActionKind(r["kind"]),
                text=r["text"],
                owner_id=r["owner_id"],
                due_on=date.fromisoformat(r["due_on"]) if r["due_on"] else None,
                done=bool(r["done"]),
            )
            for r in con.execute(
                "SELECT * FROM meeting_action WHERE meeting_id = ? ORDER BY position",
                (meeting_id,),
            )
        )
        record_ids = tuple(
            r[0]
            for r in con.execute(
                "SELECT record_id FROM meeting_record WHERE meeting_id = ? ORDER BY record_id",
                (meeting_id,),
            )
        )
        source_ids = tuple(
            r[0]
            for r in con.execute(
                "SELECT source_id FROM meeting_source WHERE meeting_id = ? ORDER BY position",
                (meeting_id,),
            )
        )
        return Meeting(
            id=meeting_id,
            version=row["version"],
            title=row["title"],
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            place=row["place"],
            participants=participants,
            topics=topics,
            minutes=row["minutes"],
            actions=actions,
            record_ids=record_ids,
            source_ids=source_ids,
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            updated_by=row["updated_by"],
        )

    def add_meeting(self, meeting: Meeting) -> Meeting:
        _check_meeting(meeting)
        with self._write():
            new_id, _ = self._insert(
                "meeting",
                "meeting",
                self._meeting_values(meeting),
                self._meeting_children_text(meeting),
            )
            self._write_meeting_links(new_id, meeting)
            return self.meeting(new_id)

    def _write_meeting_links(self, meeting_id: int, meeting: Meeting) -> None:
        try:
            self._write_meeting_children(meeting_id, meeting)
        except sqlite3.IntegrityError as error:
            raise InvalidValueError(
                "This meeting refers to a person, record or source that does not exist."
            ) from error

    def meeting(self, meeting_id: int) -> Meeting:
        with self._read() as con:
            row = con.execute("SELECT * FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
            if row is None:
                raise NotFoundError("This meeting does not exist.", self.path)
            return self._meeting_from_row(row)

    def iter_meetings(self, chunk: int = 500) -> Iterator[Meeting]:
        """Every meeting with its details, earliest first, read in chunks as
        `iter_records` is."""
        last: tuple[str, int] = ("", 0)
        while True:
            with self._read() as con:
                rows = con.execute(
                    "SELECT * FROM meeting WHERE (starts_at, id) > (?, ?)"
                    " ORDER BY starts_at, id LIMIT ?",
                    (*last, chunk),
                ).fetchall()
                meetings = [self._meeting_from_row(row) for row in rows]
            if not meetings:
                return
            yield from meetings
            last = (meetings[-1].starts_at, meetings[-1].id)

    def update_meeting(self, meeting: Meeting) -> Meeting:
        _check_meeting(meeting)
        with self._write():
            self._current("meeting", "meeting", meeting.id, meeting.version)
            old = self.meeting(meeting.id)
            old_text = self._meeting_children_text(old)
            new_text = self._meeting_children_text(meeting)
            changed = self._update(
                "meeting",
                "meeting",
                meeting.id,
                meeting.version,
                self._meeting_values(meeting),
                {name: (old_text[name], new_text[name]) for name in old_text},
            )
            if changed:
                self._write_meeting_links(meeting.id, meeting)
            return self.meeting(meeting.id)

    def delete_meeting(self, meeting_id: int, version: int) -> None:
        with self._write("delete"):
            self._current("meeting", "meeting", meeting_id, version)
            meeting = self.meeting(meeting_id)
            self._delete_notes_of("meeting_id", meeting_id)
            self._delete(
                "meeting", "meeting", meeting_id, version, self._meeting_children_text(meeting)
            )
            self._unindex(meeting_id * 4 + FTS_MEETING)
