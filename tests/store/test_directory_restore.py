"""Undoing the deletion of an organisation, a person or a source: each comes back with its
id, and the rows its deletion changed come back too, row for row as the file held them."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from aidviewer.store import (
    ActionKind,
    AidRecord,
    Catalogue,
    ConflictError,
    FuzzyDate,
    InvalidValueError,
    Meeting,
    MeetingAction,
    Organisation,
    OrganisationKind,
    Person,
    Source,
    SourceKind,
)

# The rows deletions change, without what any save changes (version and last change).
ROWS = {
    "organisation": "SELECT id, name, kind, country, iati_id, created_at FROM organisation"
    " ORDER BY id",
    "organisation_alias": "SELECT * FROM organisation_alias ORDER BY organisation_id, alias",
    "person": "SELECT id, name, role, organisation_id, created_at FROM person ORDER BY id",
    "meeting_action": "SELECT * FROM meeting_action ORDER BY id",
    "source": "SELECT id, title, kind, publisher, published_on, published_precision, url,"
    " file_path, created_at FROM source ORDER BY id",
    "record_source": "SELECT * FROM record_source ORDER BY record_id, source_id",
    "meeting_source": "SELECT * FROM meeting_source ORDER BY meeting_id, source_id",
}
# Every table a refused restore might have touched, whole, with the history.
WHOLE = (
    "organisation",
    "organisation_alias",
    "person",
    "meeting",
    "meeting_action",
    "source",
    "history",
)


def _query(path: Path, queries: dict[str, str]) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        con.close()


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return _query(path, ROWS)


def _everything(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return _query(path, {table: f"SELECT * FROM {table} ORDER BY 1" for table in WHOLE})


def _changes(catalogue: Catalogue, entity: str, entity_id: int) -> list[tuple[object, ...]]:
    return [(h.action, h.field, h.old, h.new) for h in catalogue.history(entity, entity_id)]


@pytest.fixture
def catalogue(empty_path: Path) -> Iterator[Catalogue]:
    with Catalogue.open(empty_path, user="tester") as opened:
        yield opened


def _ministry(catalogue: Catalogue) -> tuple[Organisation, list[Person]]:
    """An organisation with aliases and three people, beside another one with its own."""
    org = catalogue.add_organisation(
        Organisation(
            name="Ministry of Defence of Ukraine",
            kind=OrganisationKind.MINISTRY,
            country="UA",
            iati_id="XM-DAC-UA-1",
            aliases=("Ukrainian MoD", "MoD Ukraine"),
        )
    )
    other = catalogue.add_organisation(Organisation(name="Norway", aliases=("Kingdom of Norway",)))
    people = [
        catalogue.add_person(Person(name=name, role="Adviser", organisation_id=org.id))
        for name in ("Oksana", "Taras", "Iryna")
    ]
    catalogue.add_person(Person(name="Ola", organisation_id=other.id))
    return org, people


# -- organisations --------------------------------------------------------------------------


def test_a_deleted_organisation_comes_back_row_for_row(
    catalogue: Catalogue, empty_path: Path
) -> None:
    org, people = _ministry(catalogue)
    org = catalogue.update_organisation(dataclasses.replace(org, iati_id="XM-DAC-UA-2"))
    before = _rows(empty_path)
    snapshot = catalogue.organisation_snapshot(org.id)
    assert snapshot.organisation == org
    assert snapshot.person_ids == tuple(p.id for p in people)

    catalogue.delete_organisation(org.id, org.version)
    gone = _rows(empty_path)
    assert [row[0] for row in gone["organisation"]] == [2]
    assert [row[3] for row in gone["person"]] == [None, None, None, 2]
    restored = catalogue.restore_organisation(snapshot)

    assert _rows(empty_path) == before
    assert restored.version == org.version + 1 == 3
    assert restored.aliases == ("MoD Ukraine", "Ukrainian MoD")
    assert catalogue.find_organisation("ukrainian mod") == restored
    assert catalogue.check().sound
    history = catalogue.history("organisation", org.id)
    assert [h.action for h in history] == ["create", "update", "delete", "create"]
    assert json.loads(history[-1].new or "")["aliases"] == "MoD Ukraine\nUkrainian MoD"
    # Each person lost the organisation and got it back, each time with a new version.
    for person in people:
        assert _changes(catalogue, "person", person.id)[1:] == [
            ("update", "organisation_id", str(org.id), None),
            ("update", "organisation_id", None, str(org.id)),
        ]
        assert catalogue.person(person.id).version == person.version + 2
    assert len(catalogue.history("person", 4)) == 1  # the other organisation's person


def test_delete_and_snapshot_in_one_batch_on_the_sample(sample_path: Path) -> None:
    """The window takes the snapshot and deletes in one transaction, as here."""
    with Catalogue.open(sample_path, user="tester") as catalogue:
        office = catalogue.find_organisation("Office of the President of Ukraine")
        assert office is not None
        before = _rows(sample_path)
        with catalogue.batch():
            snapshot = catalogue.organisation_snapshot(office.id)
            catalogue.delete_organisation(office.id, office.version)
        assert snapshot.organisation == office and len(snapshot.person_ids) == 1
        assert catalogue.person(snapshot.person_ids[0]).organisation_id is None
        catalogue.restore_organisation(snapshot)
        assert _rows(sample_path) == before
        assert catalogue.check().sound


def test_a_failed_deletion_in_a_batch_writes_nothing(sample_path: Path) -> None:
    """An organisation that aid records name cannot go: the batch, snapshot and all,
    leaves the file as it was (its people keep it too)."""
    with Catalogue.open(sample_path, user="tester") as catalogue:
        ministry = catalogue.find_organisation("Ministry of Defence of Ukraine")
        assert ministry is not None
        before = _everything(sample_path)
        with pytest.raises(InvalidValueError, match="still in use"), catalogue.batch():
            catalogue.organisation_snapshot(ministry.id)
            catalogue.delete_organisation(ministry.id, ministry.version)
        assert _everything(sample_path) == before


def test_an_organisation_still_there_is_not_restored_over(
    catalogue: Catalogue, empty_path: Path
) -> None:
    org, _ = _ministry(catalogue)
    snapshot = catalogue.organisation_snapshot(org.id)
    before = _everything(empty_path)
    with pytest.raises(InvalidValueError, match="already there"):
        catalogue.restore_organisation(snapshot)
    assert _everything(empty_path) == before


@pytest.mark.parametrize(
    ("taken", "clash"),
    [
        (Organisation(name="MINISTRY OF DEFENCE OF UKRAINE"), "Ministry of Defence of Ukraine"),
        (Organisation(name="Ukraine MoD", aliases=("Ministry of Defence of Ukraine",)), None),
        (Organisation(name="Defence Ministry", aliases=("ukrainian mod",)), "Ukrainian MoD"),
        (Organisation(name="MoD Ukraine"), "MoD Ukraine"),
    ],
    ids=["name-as-name", "name-as-alias", "alias-as-alias", "alias-as-name"],
)
def test_a_name_now_used_by_another_organisation_is_refused(
    catalogue: Catalogue, empty_path: Path, taken: Organisation, clash: str | None
) -> None:
    org, _ = _ministry(catalogue)
    snapshot = catalogue.organisation_snapshot(org.id)
    catalogue.delete_organisation(org.id, org.version)
    newcomer = catalogue.add_organisation(taken)
    before = _everything(empty_path)
    with pytest.raises(InvalidValueError, match="cannot be put back") as refused:
        catalogue.restore_organisation(snapshot)
    assert f"“{newcomer.name}”" in str(refused.value)
    assert f"“{clash or org.name}” now belongs to" in str(refused.value)
    assert _everything(empty_path) == before


def test_people_deleted_or_moved_meanwhile_are_left_as_they_are(catalogue: Catalogue) -> None:
    org, (oksana, taras, iryna) = _ministry(catalogue)
    snapshot = catalogue.organisation_snapshot(org.id)
    catalogue.delete_organisation(org.id, org.version)
    catalogue.delete_person(taras.id, catalogue.person(taras.id).version)
    moved = catalogue.update_person(
        dataclasses.replace(catalogue.person(iryna.id), organisation_id=2)
    )
    catalogue.restore_organisation(snapshot)
    assert catalogue.person(oksana.id).organisation_id == org.id
    assert catalogue.person(iryna.id) == moved
    assert catalogue.history("person", taras.id)[-1].action == "delete"
    assert sorted(p.id for p in catalogue.people()) == [oksana.id, iryna.id, 4]
    assert catalogue.check().sound


def test_a_restored_organisation_comes_back_above_its_last_version(catalogue: Catalogue) -> None:
    org, _ = _ministry(catalogue)
    snapshot = catalogue.organisation_snapshot(org.id)
    catalogue.delete_organisation(org.id, org.version)
    back = catalogue.restore_organisation(snapshot)
    assert back.version == org.version + 1
    with pytest.raises(ConflictError):
        catalogue.update_organisation(dataclasses.replace(org, name="stale"))
    with pytest.raises(ConflictError):
        catalogue.delete_organisation(org.id, org.version)
    assert catalogue.update_organisation(dataclasses.replace(back, name="MoD")).name == "MoD"


# -- people -----------------------------------------------------------------------------------


def _owner(catalogue: Catalogue) -> tuple[Person, list[Meeting]]:
    """A person who owns three actions in two meetings, beside someone else's action."""
    org = catalogue.add_organisation(Organisation(name="Ministry"))
    person = catalogue.add_person(Person(name="Rasa", role="Desk officer", organisation_id=org.id))
    other = catalogue.add_person(Person(name="Jonas"))
    talks = catalogue.add_meeting(
        Meeting(
            title="Talks",
            starts_at="2023-11-10",
            actions=(
                MeetingAction(kind=ActionKind.FOLLOW_UP, text="Send list", owner_id=person.id),
                MeetingAction(kind=ActionKind.DECISION, text="Buy", owner_id=other.id),
                MeetingAction(
                    kind=ActionKind.FOLLOW_UP,
                    text="Check serials",
                    owner_id=person.id,
                    due_on=date(2023, 12, 1),
                ),
            ),
        )
    )
    review = catalogue.add_meeting(
        Meeting(
            title="Review",
            starts_at="2023-12-10",
            actions=(
                MeetingAction(kind=ActionKind.FOLLOW_UP, text="Report", owner_id=person.id),
                MeetingAction(kind=ActionKind.DECISION, text="Nobody's"),
            ),
        )
    )
    return person, [talks, review]


def test_a_deleted_person_comes_back_row_for_row(catalogue: Catalogue, empty_path: Path) -> None:
    person, meetings = _owner(catalogue)
    before = _rows(empty_path)
    snapshot = catalogue.person_snapshot(person.id)
    assert snapshot.person == person
    assert snapshot.action_ids == (1, 3, 4)

    catalogue.delete_person(person.id, person.version)
    owners = [row[4] for row in _rows(empty_path)["meeting_action"]]
    assert owners == [None, 2, None, None, None]
    restored = catalogue.restore_person(snapshot)

    assert _rows(empty_path) == before
    assert restored.version == person.version + 1
    assert [a.owner_id for a in catalogue.meeting(meetings[0].id).actions] == [1, 2, 1]
    assert catalogue.check().sound
    assert [h.action for h in catalogue.history("person", person.id)] == [
        "create",
        "delete",
        "create",
    ]
    # Each meeting lost the owner once and got them back once, each with a new version.
    for meeting in meetings:
        assert _changes(catalogue, "meeting", meeting.id)[1:] == [
            ("update", "action owner", f"#{person.id}", None),
            ("update", "action owner", None, f"#{person.id}"),
        ]
        assert catalogue.meeting(meeting.id).version == meeting.version + 2


def test_delete_and_snapshot_of_a_person_in_one_batch(
    catalogue: Catalogue, empty_path: Path
) -> None:
    person, _ = _owner(catalogue)
    before = _rows(empty_path)
    with catalogue.batch():
        snapshot = catalogue.person_snapshot(person.id)
        catalogue.delete_person(person.id, person.version)
    assert snapshot.action_ids == (1, 3, 4)
    catalogue.restore_person(snapshot)
    assert _rows(empty_path) == before


def test_actions_changed_meanwhile_are_left_as_they_are(catalogue: Catalogue) -> None:
    """An action given to someone else, one removed and a meeting deleted stay so; the
    restored person's organisation, deleted meanwhile, is left out."""
    person, (talks, review) = _owner(catalogue)
    snapshot = catalogue.person_snapshot(person.id)
    catalogue.delete_person(person.id, person.version)
    talks = catalogue.meeting(talks.id)
    send, buy, _ = talks.actions
    talks = catalogue.update_meeting(
        dataclasses.replace(talks, actions=(dataclasses.replace(send, owner_id=2), buy))
    )
    catalogue.delete_meeting(review.id, catalogue.meeting(review.id).version)
    catalogue.delete_organisation(1, 1)

    restored = catalogue.restore_person(snapshot)
    assert restored.organisation_id is None
    assert catalogue.meeting(talks.id) == talks  # untouched: no new version
    assert [a.owner_id for a in talks.actions] == [2, 2]
    assert catalogue.history("meeting", review.id)[-1].action == "delete"
    assert catalogue.check().sound


def test_a_person_still_there_is_not_restored_over(catalogue: Catalogue, empty_path: Path) -> None:
    person, _ = _owner(catalogue)
    snapshot = catalogue.person_snapshot(person.id)
    before = _everything(empty_path)
    with pytest.raises(InvalidValueError, match="already there"):
        catalogue.restore_person(snapshot)
    assert _everything(empty_path) == before


def test_a_restored_person_comes_back_above_its_last_version(catalogue: Catalogue) -> None:
    person, _ = _owner(catalogue)
    second = catalogue.update_person(dataclasses.replace(person, role="Head of desk"))
    snapshot = catalogue.person_snapshot(person.id)
    catalogue.delete_person(person.id, second.version)
    back = catalogue.restore_person(snapshot)
    assert back.version == second.version + 1 and back.role == "Head of desk"
    with pytest.raises(ConflictError):
        catalogue.update_person(dataclasses.replace(second, role="stale"))
    assert catalogue.update_person(dataclasses.replace(back, role="Chief")).role == "Chief"


# -- sources ----------------------------------------------------------------------------------


def test_a_cited_source_cannot_be_deleted(sample_path: Path) -> None:
    """Records and meetings cite sources with ON DELETE RESTRICT: the deletion is refused
    and nothing changes, so a deleted source never took any links with it."""
    with Catalogue.open(sample_path, user="tester") as catalogue:
        (source,) = catalogue.sources()
        before = _everything(sample_path) | _rows(sample_path)
        assert before["record_source"] and before["meeting_source"]
        with pytest.raises(InvalidValueError, match="still in use"):
            catalogue.delete_source(source.id, source.version)
        assert _everything(sample_path) | _rows(sample_path) == before


def test_a_deleted_source_comes_back_row_for_row(catalogue: Catalogue, empty_path: Path) -> None:
    first = catalogue.add_source(Source(title="Cited"))
    source = catalogue.add_source(
        Source(
            title="Lithuanian aid to Ukraine continues",
            kind=SourceKind.PRESS_RELEASE,
            publisher="KAM",
            published=FuzzyDate.parse("2023-11"),
            url="https://kam.lt/en/",
            file_path="press/2023-11.pdf",
        )
    )
    catalogue.add_record(AidRecord(title="Generators", source_ids=(first.id,)))
    catalogue.add_meeting(Meeting(title="Talks", starts_at="2023-11-10", source_ids=(first.id,)))
    before = _rows(empty_path)
    catalogue.delete_source(source.id, source.version)
    assert [row[0] for row in _rows(empty_path)["source"]] == [first.id]
    restored = catalogue.restore_source(source)
    assert _rows(empty_path) == before
    assert restored == dataclasses.replace(
        source, version=2, updated_at=restored.updated_at, updated_by="tester"
    )
    assert [h.action for h in catalogue.history("source", source.id)] == [
        "create",
        "delete",
        "create",
    ]
    assert catalogue.check().sound


def test_a_source_still_there_is_not_restored_over(catalogue: Catalogue, empty_path: Path) -> None:
    source = catalogue.add_source(Source(title="Press release"))
    before = _everything(empty_path)
    with pytest.raises(InvalidValueError, match="already there"):
        catalogue.restore_source(source)
    assert _everything(empty_path) == before


def test_a_restored_source_comes_back_above_its_last_version(catalogue: Catalogue) -> None:
    source = catalogue.add_source(Source(title="v1"))
    second = catalogue.update_source(dataclasses.replace(source, title="v2"))
    catalogue.delete_source(second.id, second.version)
    back = catalogue.restore_source(second)
    assert back.version == second.version + 1 and back.title == "v2"
    with pytest.raises(ConflictError):
        catalogue.update_source(dataclasses.replace(second, title="stale"))
    assert catalogue.update_source(dataclasses.replace(back, title="v3")).title == "v3"
