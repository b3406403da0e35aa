"""Editable rows carry a version: a stale save or delete is refused, never applied."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from aidviewer.store import (
    AidRecord,
    Catalogue,
    ConflictError,
    Meeting,
    Note,
    NotFoundError,
)


def test_stale_update_from_a_second_connection_is_refused(sample_path: Path) -> None:
    alice = Catalogue.open(sample_path, user="alice")
    bob = Catalogue.open(sample_path, user="bob")
    record_id = next(alice.iter_records()).id
    seen_by_alice = alice.record(record_id)
    seen_by_bob = bob.record(record_id)
    alice.update_record(dataclasses.replace(seen_by_alice, title="alpha"))
    with pytest.raises(ConflictError) as raised:
        bob.update_record(dataclasses.replace(seen_by_bob, title="beta"))
    conflict = raised.value
    assert (conflict.changed_by, conflict.expected_version, conflict.current_version) == (
        "alice",
        seen_by_bob.version,
        seen_by_bob.version + 1,
    )
    assert "changed by alice" in conflict.message
    stored = bob.record(record_id)
    assert (stored.title, stored.version, stored.updated_by) == (
        "alpha",
        seen_by_bob.version + 1,
        "alice",
    )
    alice.close()
    bob.close()


def test_stale_delete_keeps_the_newer_edit(empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        record = catalogue.add_record(AidRecord(title="Logistics vehicles"))
        catalogue.update_record(dataclasses.replace(record, description="Newer"))
        with pytest.raises(ConflictError):
            catalogue.delete_record(record.id, record.version)
        assert catalogue.record(record.id).description == "Newer"


def test_stale_save_does_not_resurrect_a_deleted_record(empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        record = catalogue.add_record(AidRecord(title="Winter equipment"))
        catalogue.delete_record(record.id, record.version)
        with pytest.raises(NotFoundError, match="no longer exists"):
            catalogue.update_record(dataclasses.replace(record, title="Back again"))
        assert catalogue.totals() == (0, 0)


@pytest.mark.parametrize("kind", ["meeting", "note"])
def test_meetings_and_notes_are_versioned_too(empty_path: Path, kind: str) -> None:
    with Catalogue.open(empty_path) as catalogue:
        meeting = catalogue.add_meeting(Meeting(title="Kyiv", starts_at="2023-11-10"))
        if kind == "meeting":
            catalogue.update_meeting(dataclasses.replace(meeting, place="Kyiv"))
            with pytest.raises(ConflictError):
                catalogue.update_meeting(dataclasses.replace(meeting, place="Vilnius"))
            assert catalogue.meeting(meeting.id).place == "Kyiv"
        else:
            note = catalogue.add_note(Note(meeting_id=meeting.id, body="first"))
            catalogue.update_note(dataclasses.replace(note, body="second"))
            with pytest.raises(ConflictError):
                catalogue.update_note(dataclasses.replace(note, body="third"))
            assert catalogue.note(note.id).body == "second"
