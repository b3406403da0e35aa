"""Every change writes history: who, when, entity, field, old and new value."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from aidviewer.store import (
    ActionKind,
    AidRecord,
    Catalogue,
    Category,
    ConflictError,
    FuzzyDate,
    Meeting,
    MeetingAction,
    Money,
    Note,
    Organisation,
    Participant,
    Person,
    Source,
    Stage,
    StageKind,
    Tag,
)


@pytest.fixture
def catalogue(empty_path: Path) -> Catalogue:
    with Catalogue.open(empty_path, user="Ona Staff") as opened:
        yield opened


def _changes(
    catalogue: Catalogue, entity: str, entity_id: int
) -> list[tuple[str, str, str | None, str | None]]:
    return [(h.action, h.field, h.old, h.new) for h in catalogue.history(entity, entity_id)]


def test_create_update_delete_of_an_organisation(catalogue: Catalogue) -> None:
    org = catalogue.add_organisation(
        Organisation(name="Czechia", country="cz", aliases=("Czech Republic",))
    )
    org2 = catalogue.update_organisation(
        dataclasses.replace(org, name="Czech Republic, Government of", aliases=("Czechia",))
    )
    catalogue.delete_organisation(org2.id, org2.version)
    history = catalogue.history("organisation", org.id)
    assert [(h.action, h.field) for h in history] == [
        ("create", "*"),
        ("update", "name"),
        ("update", "aliases"),
        ("delete", "*"),
    ]
    assert all(h.who == "Ona Staff" and h.at.endswith("Z") for h in history)
    created = json.loads(history[0].new or "")
    assert created["name"] == "Czechia" and created["country"] == "CZ"
    assert (history[1].old, history[1].new) == ("Czechia", "Czech Republic, Government of")
    assert (history[2].old, history[2].new) == ("Czech Republic", "Czechia")
    assert json.loads(history[3].old or "")["name"] == "Czech Republic, Government of"


@pytest.mark.parametrize(
    ("entity", "add", "edit", "delete"),
    [
        (
            "person",
            lambda c: c.add_person(Person(name="Rustem Umerov", role="Minister")),
            lambda c, p: c.update_person(dataclasses.replace(p, role="Minister of Defence")),
            lambda c, p: c.delete_person(p.id, p.version),
        ),
        (
            "category",
            lambda c: c.add_category(Category(name="Demining")),
            lambda c, x: c.update_category(dataclasses.replace(x, name="Mine action")),
            lambda c, x: c.delete_category(x.id, x.version),
        ),
        (
            "tag",
            lambda c: c.add_tag(Tag(name="winter")),
            lambda c, x: c.update_tag(dataclasses.replace(x, name="winter 2023")),
            lambda c, x: c.delete_tag(x.id, x.version),
        ),
        (
            "source",
            lambda c: c.add_source(Source(title="Press release")),
            lambda c, x: c.update_source(dataclasses.replace(x, publisher="Ministry")),
            lambda c, x: c.delete_source(x.id, x.version),
        ),
    ],
)
def test_each_simple_entity_logs_its_life(catalogue: Catalogue, entity, add, edit, delete) -> None:
    created = add(catalogue)
    edited = edit(catalogue, created)
    assert edited.version == created.version + 1
    delete(catalogue, edited)
    actions = [h.action for h in catalogue.history(entity, created.id)]
    assert actions == ["create", "update", "delete"]


def test_record_fields_and_children_are_logged(catalogue: Catalogue) -> None:
    source = catalogue.add_source(Source(title="Press release"))
    record = catalogue.add_record(
        AidRecord(title="NASAMS launchers", stages=(Stage(kind=StageKind.ANNOUNCED),))
    )
    updated = catalogue.update_record(
        dataclasses.replace(
            record,
            title="NASAMS launchers and equipment",
            money=Money.eur(12_345),
            stages=(
                *record.stages,
                Stage(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2023-11-10")),
            ),
            source_ids=(source.id,),
            tags=("NASAMS",),
        )
    )
    changes = _changes(catalogue, "aid_record", record.id)
    assert changes[0][:2] == ("create", "*")
    by_field = {field: (old, new) for action, field, old, new in changes[1:]}
    assert by_field["title"] == ("NASAMS launchers", "NASAMS launchers and equipment")
    assert by_field["amount_minor"] == (None, "12345")
    assert by_field["status"] == ("announced", "delivered")
    assert by_field["stages"] == (
        "announced, date unknown",
        "announced, date unknown\ndelivered, 2023-11-10",
    )
    assert by_field["sources"] == ("", f"#{source.id}")
    assert by_field["tags"] == ("", "NASAMS")
    assert updated.version == 2 and updated.status is StageKind.DELIVERED


def test_saving_unchanged_record_writes_nothing(catalogue: Catalogue) -> None:
    record = catalogue.add_record(AidRecord(title="Training", tags=("b", "a")))
    same = catalogue.update_record(dataclasses.replace(record, tags=("a", "b")))
    assert same.version == record.version
    assert len(catalogue.history("aid_record", record.id)) == 1


def test_meeting_and_note_changes_are_logged(catalogue: Catalogue) -> None:
    person = catalogue.add_person(Person(name="Arvydas Anušauskas"))
    meeting = catalogue.add_meeting(Meeting(title="Kyiv", starts_at="2023-11-10"))
    meeting = catalogue.update_meeting(
        dataclasses.replace(
            meeting,
            participants=(Participant(person_id=person.id, role="Minister"),),
            minutes="Talked.",
        )
    )
    note = catalogue.add_note(Note(meeting_id=meeting.id, body="Check the date"))
    note = catalogue.update_note(dataclasses.replace(note, resolved=True))
    catalogue.delete_note(note.id, note.version)
    meeting_fields = [field for _, field, _, _ in _changes(catalogue, "meeting", meeting.id)]
    assert meeting_fields == ["*", "minutes", "participants"]
    assert _changes(catalogue, "note", note.id)[1] == ("update", "resolved", "0", "1")
    assert [a for a, *_ in _changes(catalogue, "note", note.id)] == ["create", "update", "delete"]
    assert note.author == "Ona Staff"


def test_deleting_what_others_refer_to_changes_them_on_the_record(catalogue: Catalogue) -> None:
    """Rows that lose a tag, an organisation, an owner or a linked record get a new
    version and a history line; a deleted record's notes are logged with their text."""
    org = catalogue.add_organisation(Organisation(name="Lithuania"))
    person = catalogue.add_person(Person(name="Arvydas Anušauskas", organisation_id=org.id))
    record = catalogue.add_record(AidRecord(title="NASAMS", tags=("air", "NASAMS")))
    kept = catalogue.add_record(AidRecord(title="Kept"))
    meeting = catalogue.add_meeting(
        Meeting(
            title="Kyiv",
            starts_at="2023-11-10",
            record_ids=(record.id, kept.id),
            actions=(MeetingAction(kind=ActionKind.FOLLOW_UP, text="Send", owner_id=person.id),),
        )
    )
    note = catalogue.add_note(Note(record_id=record.id, body="Check the launchers"))

    (air,) = [t for t in catalogue.tags() if t.name == "air"]
    catalogue.delete_tag(air.id, air.version)
    record = catalogue.record(record.id)
    assert (record.tags, record.version) == (("NASAMS",), 2)
    assert _changes(catalogue, "aid_record", record.id)[-1] == (
        "update",
        "tags",
        "air, NASAMS",
        "NASAMS",
    )

    catalogue.delete_organisation(org.id, org.version)
    assert catalogue.person(person.id).organisation_id is None
    assert catalogue.person(person.id).version == 2
    assert _changes(catalogue, "person", person.id)[-1] == (
        "update",
        "organisation_id",
        str(org.id),
        None,
    )

    catalogue.delete_record(record.id, record.version)
    deleted_note = _changes(catalogue, "note", note.id)[-1]
    assert deleted_note[:2] == ("delete", "*")
    assert json.loads(deleted_note[2] or "")["body"] == "Check the launchers"
    assert catalogue.meeting(meeting.id).record_ids == (kept.id,)
    assert _changes(catalogue, "meeting", meeting.id)[-1] == (
        "update",
        "records",
        f"#{record.id}, #{kept.id}",
        f"#{kept.id}",
    )

    person = catalogue.person(person.id)
    catalogue.delete_person(person.id, person.version)
    assert catalogue.meeting(meeting.id).actions[0].owner_id is None
    assert catalogue.meeting(meeting.id).version == 3
    assert catalogue.check().sound


def test_a_stale_edit_of_a_record_that_lost_a_tag_is_a_conflict(catalogue: Catalogue) -> None:
    record = catalogue.add_record(AidRecord(title="Fuel", tags=("winter",)))
    (winter,) = catalogue.tags()
    catalogue.delete_tag(winter.id, winter.version)
    with pytest.raises(ConflictError):
        catalogue.update_record(dataclasses.replace(record, title="Fuel for generators"))


def test_copies_kept_for_sorting_are_not_logged_as_changes(catalogue: Catalogue) -> None:
    org = catalogue.add_organisation(Organisation(name="Norway"))
    record = catalogue.add_record(AidRecord(title="Trucks"))
    catalogue.update_record(
        dataclasses.replace(
            record,
            donor_id=org.id,
            stages=(Stage(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2023-11-10")),),
        )
    )
    fields = [field for _, field, _, _ in _changes(catalogue, "aid_record", record.id)[1:]]
    assert sorted(fields) == ["donor_id", "stages", "status"]


def test_a_deleted_notes_changes_stay_in_its_records_history(catalogue: Catalogue) -> None:
    record = catalogue.add_record(AidRecord(title="Kept"))
    other = catalogue.add_record(AidRecord(title="Other"))
    note = catalogue.add_note(Note(record_id=record.id, body="First", author="Rasa"))
    note = catalogue.update_note(dataclasses.replace(note, body="Second"))
    catalogue.add_note(Note(record_id=other.id, body="Elsewhere", author="Rasa"))
    catalogue.delete_note(note.id, note.version)
    entries = catalogue.history("aid_record", record.id, with_notes=True)
    notes = [(e.action, e.field, e.old, e.new) for e in entries if e.entity == "note"]
    assert [(action, field) for action, field, *_ in notes] == [
        ("create", "*"),
        ("update", "body"),
        ("delete", "*"),
    ]
    assert notes[1][2:] == ("First", "Second")
    assert json.loads(notes[2][2] or "")["body"] == "Second"
    assert all(e.entity_id == note.id for e in entries if e.entity == "note")
