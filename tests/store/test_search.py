"""The full-text index follows every insert, update and delete."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from aidviewer.store import AidRecord, Catalogue, Meeting, Note, RecordQuery


@pytest.fixture
def catalogue(empty_path: Path) -> Catalogue:
    with Catalogue.open(empty_path) as opened:
        yield opened


def _found(catalogue: Catalogue, text: str) -> set[tuple[str, int]]:
    return {(hit.kind, hit.id) for hit in catalogue.search(text)}


def test_records_are_found_after_insert_update_and_delete(catalogue: Catalogue) -> None:
    record = catalogue.add_record(AidRecord(title="NASAMS launchers", description="air defence"))
    assert _found(catalogue, "nasams") == {("record", record.id)}
    assert _found(catalogue, "NASA") == {("record", record.id)}  # prefix
    record = catalogue.update_record(dataclasses.replace(record, title="IRIS-T launchers"))
    assert _found(catalogue, "nasams") == set()
    assert _found(catalogue, "iris") == {("record", record.id)}
    catalogue.delete_record(record.id, record.version)
    assert _found(catalogue, "iris") == set()
    assert _found(catalogue, "defence") == set()
    assert catalogue.check().sound


def test_search_ignores_case_and_diacritics(catalogue: Catalogue) -> None:
    meeting = catalogue.add_meeting(
        Meeting(title="Talks", starts_at="2023-11-10", minutes="Arvydas Anušauskas spoke")
    )
    assert _found(catalogue, "anusauskas") == {("meeting", meeting.id)}
    assert _found(catalogue, "ANUŠAUSKAS") == {("meeting", meeting.id)}


def test_meeting_topics_and_minutes_follow_updates(catalogue: Catalogue) -> None:
    meeting = catalogue.add_meeting(
        Meeting(title="Kyiv", starts_at="2023-11-10", topics=("demining",))
    )
    assert _found(catalogue, "demining") == {("meeting", meeting.id)}
    meeting = catalogue.update_meeting(
        dataclasses.replace(meeting, topics=(), minutes="winter kit")
    )
    assert _found(catalogue, "demining") == set()
    assert _found(catalogue, "winter") == {("meeting", meeting.id)}
    catalogue.delete_meeting(meeting.id, meeting.version)
    assert _found(catalogue, "winter") == set()


def test_notes_follow_edits_and_their_record(catalogue: Catalogue) -> None:
    record = catalogue.add_record(AidRecord(title="Training"))
    note = catalogue.add_note(Note(record_id=record.id, body="Ask about the schedule"))
    assert _found(catalogue, "schedule") == {("note", note.id)}
    note = catalogue.update_note(dataclasses.replace(note, body="Ask about instructors"))
    assert _found(catalogue, "schedule") == set()
    assert _found(catalogue, "instructors") == {("note", note.id)}
    other = catalogue.add_note(Note(record_id=record.id, body="More instructors"))
    catalogue.delete_note(other.id, other.version)
    assert _found(catalogue, "instructors") == {("note", note.id)}
    # Deleting the record removes its notes, and the index forgets them too.
    catalogue.delete_record(record.id, catalogue.record(record.id).version)
    assert _found(catalogue, "instructors") == set()
    assert catalogue.check().sound


def test_search_text_is_not_query_syntax(catalogue: Catalogue) -> None:
    catalogue.add_record(AidRecord(title="Fuel"))
    for text in ['"', "NEAR(", "title:x", "*", "a OR", "-", "()"]:
        catalogue.search(text)  # must not raise an FTS5 syntax error
    assert catalogue.search("   ") == []


def test_meetings_for_a_record(catalogue: Catalogue) -> None:
    record = catalogue.add_record(AidRecord(title="NASAMS"))
    other = catalogue.add_record(AidRecord(title="Fuel"))
    later = catalogue.add_meeting(
        Meeting(title="Later", starts_at="2023-12-01", record_ids=(record.id,))
    )
    earlier = catalogue.add_meeting(
        Meeting(title="Earlier", starts_at="2023-11-10", record_ids=(record.id, other.id))
    )
    catalogue.add_meeting(
        Meeting(title="Unrelated", starts_at="2023-11-11", record_ids=(other.id,))
    )
    assert [m.id for m in catalogue.meetings_for_record(record.id)] == [earlier.id, later.id]
    assert catalogue.meetings_for_record(999) == []


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("Generators for Łódź", "lodz"),
        ("Trucks via Tromsø", "tromso"),
        ("Wałęsa Foundation", "WALESA"),
        ("Straße repairs", "strasse"),
    ],
)
def test_letters_of_their_own_are_found_spelled_plainly(
    catalogue: Catalogue, text: str, typed: str
) -> None:
    record = catalogue.add_record(AidRecord(title=text))
    catalogue.add_record(AidRecord(title="Something else"))
    assert _found(catalogue, typed) == {("record", record.id)}
    assert _found(catalogue, text) == {("record", record.id)}  # and as written
    record = catalogue.update_record(dataclasses.replace(record, title="Renamed"))
    assert _found(catalogue, typed) == set()  # the plain spelling follows the edit


def test_plain_spelling_search_in_notes_and_snippets(catalogue: Catalogue) -> None:
    record = catalogue.add_record(AidRecord(title="Generators"))
    catalogue.add_note(Note(record_id=record.id, body="Delivered to Łódź on Monday"))
    assert catalogue.count_records(RecordQuery(search="lodz"))[0] == 1
    assert catalogue.record_snippets("lodz", [record.id]) == {
        record.id: "Delivered to \x02Łódź\x03 on Monday"
    }


def test_passage_is_cut_around_the_first_word_found(catalogue: Catalogue) -> None:
    long = " ".join(f"word{n}" for n in range(100)) + " generators for Kharkiv " + "tail " * 50
    record = catalogue.add_record(AidRecord(title="Winter aid", description=long))
    (passage,) = catalogue.record_snippets("GENER kharkiv", [record.id]).values()
    assert passage.startswith("…") and passage.endswith("…")
    assert "\x02gener\x03ators for \x02Kharkiv\x03" in passage  # as typed, both marked
    assert len(passage) < 200
    older = catalogue.add_note(Note(record_id=record.id, body="nothing here"))
    assert older.id
    assert catalogue.record_snippets("winter", [record.id]) == {record.id: "\x02Winter\x03 aid"}
