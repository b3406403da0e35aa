"""Undoing a deletion: a record comes back with its id, stages, sources, tags, notes and
meeting links, row for row as the file held them."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from aidviewer.store import (
    AidRecord,
    Catalogue,
    ConflictError,
    FuzzyDate,
    InvalidValueError,
    Meeting,
    Money,
    Note,
    Source,
    Stage,
    StageKind,
)

# The rows that make up a record, without what any save changes (version and last change).
ROWS = {
    "aid_record": "SELECT id, title, description, donor_id, aid_type, amount_minor, currency,"
    " value_eur_cents, status, created_at, donor_name, announced_on FROM aid_record ORDER BY id",
    "stage": "SELECT * FROM stage ORDER BY id",
    "record_source": "SELECT * FROM record_source ORDER BY record_id, position",
    "record_tag": "SELECT * FROM record_tag ORDER BY record_id, tag_id",
    "note": "SELECT id, record_id, body, author, kind, resolved, pinned, created_at FROM note"
    " ORDER BY id",
    "meeting_record": "SELECT * FROM meeting_record ORDER BY meeting_id, record_id",
    "search": "SELECT rowid, title, body FROM search_index ORDER BY rowid",
}


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in ROWS.items()}
    finally:
        con.close()


@pytest.fixture
def catalogue(empty_path: Path) -> Iterator[Catalogue]:
    with Catalogue.open(empty_path, user="tester") as opened:
        yield opened


def _full_record(catalogue: Catalogue) -> AidRecord:
    source = catalogue.add_source(Source(title="Press release"))
    record = catalogue.add_record(
        AidRecord(
            title="NASAMS launchers",
            description="For the air defence of Kyiv",
            money=Money.eur(150_000),
            stages=(
                Stage(kind=StageKind.ANNOUNCED, date=FuzzyDate.parse("2023-11")),
                Stage(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2023-12-01"), quantity=2),
            ),
            source_ids=(source.id,),
            tags=("NASAMS", "air defence"),
        )
    )
    catalogue.add_note(Note(record_id=record.id, body="Serials?", author="Rasa", pinned=True))
    catalogue.add_note(Note(record_id=record.id, body="Checked", author="Jonas", resolved=True))
    catalogue.add_meeting(Meeting(title="Talks", starts_at="2023-11-10", record_ids=(record.id,)))
    catalogue.add_meeting(Meeting(title="Review", starts_at="2023-12-10", record_ids=(record.id,)))
    return record


def test_a_deleted_record_comes_back_row_for_row(catalogue: Catalogue, empty_path: Path) -> None:
    record = _full_record(catalogue)
    other = catalogue.add_record(AidRecord(title="Another"))
    before = _rows(empty_path)
    snapshot = catalogue.record_snapshot(record.id)
    assert [note.body for note in snapshot.notes] == ["Serials?", "Checked"]
    assert len(snapshot.meeting_ids) == 2

    catalogue.delete_record(record.id, catalogue.record(record.id).version)
    gone = _rows(empty_path)
    assert gone["note"] == [] and gone["meeting_record"] == []
    restored = catalogue.restore_record(snapshot)

    assert _rows(empty_path) == before
    assert restored.id == record.id and restored.stages == record.stages
    assert catalogue.record_count() == 2 and catalogue.record(other.id).title == "Another"
    assert {hit.id for hit in catalogue.search("Kyiv")} == {record.id}
    assert catalogue.check().sound
    # The meetings changed twice (link gone, link back), each time with a new version.
    assert catalogue.meeting(1).version == 3
    actions = [entry.action for entry in catalogue.history("aid_record", record.id)]
    assert actions == ["create", "delete", "create"]


def test_a_record_still_there_is_not_restored_over(catalogue: Catalogue) -> None:
    record = _full_record(catalogue)
    snapshot = catalogue.record_snapshot(record.id)
    with pytest.raises(InvalidValueError, match="already there"):
        catalogue.restore_record(snapshot)


def test_meetings_deleted_since_are_left_out(catalogue: Catalogue) -> None:
    record = _full_record(catalogue)
    snapshot = catalogue.record_snapshot(record.id)
    catalogue.delete_record(record.id, catalogue.record(record.id).version)
    catalogue.delete_meeting(1, catalogue.meeting(1).version)
    catalogue.restore_record(snapshot)
    assert [m.id for m in catalogue.meetings_for_record(record.id)] == [2]
    assert catalogue.check().sound


def test_a_deleted_meeting_comes_back_with_its_notes_and_links(
    catalogue: Catalogue, empty_path: Path
) -> None:
    record = _full_record(catalogue)
    catalogue.add_note(Note(meeting_id=1, body="Minutes checked", author="Jonas"))
    before = _rows(empty_path)
    snapshot = catalogue.meeting_snapshot(1)
    catalogue.delete_meeting(1, catalogue.meeting(1).version)
    assert [m.id for m in catalogue.meetings_for_record(record.id)] == [2]
    catalogue.restore_meeting(snapshot)
    assert _rows(empty_path) == before
    assert [m.id for m in catalogue.meetings_for_record(record.id)] == [1, 2]
    assert {hit.kind for hit in catalogue.search("Minutes checked")} == {"note"}
    with pytest.raises(InvalidValueError, match="already there"):
        catalogue.restore_meeting(snapshot)
    assert catalogue.check().sound


def test_a_restored_record_comes_back_above_its_last_version(catalogue: Catalogue) -> None:
    """An edit based on any version the record had before it was deleted must be a
    conflict, not a silent overwrite of what came back."""
    record = catalogue.add_record(AidRecord(title="v1"))
    second = catalogue.update_record(dataclasses.replace(record, title="v2"))
    snapshot = catalogue.record_snapshot(record.id)
    catalogue.delete_record(record.id, second.version)
    back = catalogue.restore_record(snapshot)
    assert back.version == second.version + 1
    with pytest.raises(ConflictError):
        catalogue.update_record(dataclasses.replace(record, title="stale"))
    assert catalogue.update_record(dataclasses.replace(back, title="v3")).title == "v3"
