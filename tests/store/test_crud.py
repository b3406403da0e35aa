"""Create, read, update and delete for every entity, through the store's public API."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from aidviewer.store import (
    ActionKind,
    AidRecord,
    AidType,
    Catalogue,
    Category,
    FuzzyDate,
    InvalidValueError,
    Meeting,
    MeetingAction,
    Money,
    Note,
    NoteKind,
    NotFoundError,
    Organisation,
    OrganisationKind,
    Participant,
    Person,
    Precision,
    Source,
    SourceKind,
    Stage,
    StageKind,
)


@pytest.fixture
def catalogue(empty_path: Path) -> Iterator[Catalogue]:
    with Catalogue.open(empty_path, user="tester") as opened:
        yield opened


def _strip_meta(entity: object) -> object:
    return dataclasses.replace(entity, id=0, version=0, created_at="", updated_at="", updated_by="")  # type: ignore[type-var]


def test_record_round_trip_keeps_every_field(catalogue: Catalogue) -> None:
    donor = catalogue.add_organisation(
        Organisation(name="United States", kind=OrganisationKind.GOVERNMENT, country="US")
    )
    recipient = catalogue.add_organisation(Organisation(name="Ukraine", country="UA"))
    implementer = catalogue.add_organisation(
        Organisation(name="UNDP", kind=OrganisationKind.INTERNATIONAL)
    )
    category = catalogue.add_category(Category(name="Medical", aid_type=AidType.HUMANITARIAN))
    source = catalogue.add_source(
        Source(
            title="FTS flow 123",
            kind=SourceKind.DATA_FILE,
            published=FuzzyDate.parse("2022-12"),
            url="https://fts.example/123",
        )
    )
    usd = Money(
        amount_minor=1_234_567,
        currency="USD",
        value_eur_cents=1_150_000,
        eur_rate=Decimal("1.0735"),
        rate_date=date(2022, 12, 20),
    )
    draft = AidRecord(
        title="Field hospitals",
        description="Two field hospitals\nwith <b>equipment</b>",
        donor_id=donor.id,
        recipient_id=recipient.id,
        implementer_id=implementer.id,
        aid_type=AidType.HUMANITARIAN,
        category_id=category.id,
        item="Field hospital",
        quantity=2,
        unit="units",
        money=usd,
        stages=(
            Stage(kind=StageKind.COMMITTED, date=FuzzyDate.parse("2022"), money=usd),
            Stage(
                kind=StageKind.DELIVERED,
                date=FuzzyDate.parse("2022-12"),
                quantity=1,
                note="first of two",
            ),
        ),
        source_ids=(source.id,),
        tags=("health", "winter"),
    )
    stored = catalogue.add_record(draft)
    assert stored.id > 0 and stored.version == 1 and stored.updated_by == "tester"
    assert stored.status is StageKind.DELIVERED
    stages_without_ids = tuple(dataclasses.replace(s, id=0) for s in stored.stages)
    assert dataclasses.replace(_strip_meta(stored), stages=stages_without_ids) == draft
    assert stored.money is not None and stored.money.amount == Decimal("12345.67")
    assert stored.stage_date(StageKind.DELIVERED).precision is Precision.MONTH
    (summary,) = catalogue.record_summaries()
    assert (summary.donor, summary.recipient, summary.category) == (
        "United States",
        "Ukraine",
        "Medical",
    )
    assert summary.delivered_on.iso() == "2022-12" and summary.announced_on.iso() == ""
    assert catalogue.totals() == (1, 1_150_000)


def test_meeting_round_trip(catalogue: Catalogue) -> None:
    person = catalogue.add_person(
        Person(name="Rustem Umerov", role="Minister of Defence of Ukraine")
    )
    record = catalogue.add_record(AidRecord(title="Demining coalition"))
    draft = Meeting(
        title="Ministers meet",
        starts_at="2023-11-10T10:00",
        ends_at="2023-11-10T12:00",
        place="Kyiv",
        participants=(Participant(person_id=person.id, role="host"),),
        topics=("war", "cooperation"),
        minutes="Long talk.",
        actions=(
            MeetingAction(kind=ActionKind.DECISION, text="Keep going"),
            MeetingAction(
                kind=ActionKind.FOLLOW_UP,
                text="Send list",
                owner_id=person.id,
                due_on=date(2023, 12, 1),
                done=True,
            ),
        ),
        record_ids=(record.id,),
    )
    stored = catalogue.add_meeting(draft)
    actions = tuple(dataclasses.replace(a, id=0) for a in stored.actions)
    assert dataclasses.replace(_strip_meta(stored), actions=actions) == draft
    (summary,) = catalogue.meeting_summaries()
    assert summary.participants == ("Rustem Umerov",) and summary.topics == ("war", "cooperation")
    catalogue.delete_meeting(stored.id, stored.version)
    with pytest.raises(NotFoundError):
        catalogue.meeting(stored.id)
    assert catalogue.record(record.id).title == "Demining coalition"  # links go, records stay


def test_note_round_trip_and_order(catalogue: Catalogue) -> None:
    record = catalogue.add_record(AidRecord(title="Training"))
    first = catalogue.add_note(Note(record_id=record.id, body="first"))
    pinned = catalogue.add_note(
        Note(record_id=record.id, body="pinned", pinned=True, kind=NoteKind.QUESTION)
    )
    last = catalogue.add_note(Note(record_id=record.id, body="last", author="Jonas"))
    assert [n.body for n in catalogue.notes_for(record_id=record.id)] == ["pinned", "last", "first"]
    assert (first.author, last.author, pinned.kind) == ("tester", "Jonas", NoteKind.QUESTION)
    catalogue.delete_note(first.id, first.version)
    assert [n.id for n in catalogue.notes_for(record_id=record.id)] == [pinned.id, last.id]


def test_organisation_in_use_cannot_be_deleted(catalogue: Catalogue) -> None:
    org = catalogue.add_organisation(Organisation(name="Lithuania"))
    catalogue.add_record(AidRecord(title="Vehicles", donor_id=org.id))
    with pytest.raises(InvalidValueError, match="still in use"):
        catalogue.delete_organisation(org.id, org.version)
    assert catalogue.organisation(org.id).name == "Lithuania"


def test_alias_lookup_ignores_case(catalogue: Catalogue) -> None:
    org = catalogue.add_organisation(Organisation(name="Czechia", aliases=("Czech Republic",)))
    assert catalogue.find_organisation("czech republic") == org
    assert catalogue.find_organisation("CZECHIA") == org
    assert catalogue.find_organisation("Slovakia") is None
    with pytest.raises(InvalidValueError, match="alias “Czech Republic” already exists"):
        catalogue.add_organisation(Organisation(name="Czech Rep.", aliases=("Czech Republic",)))
    assert [o.name for o in catalogue.organisations()] == ["Czechia"]


@pytest.mark.parametrize(
    ("record", "phrase"),
    [
        (AidRecord(title="  "), "needs a title"),
        (AidRecord(title="x", quantity=-1), "cannot be negative"),
        (
            AidRecord(title="x", stages=(Stage(kind=StageKind.DELIVERED, quantity=-3),)),
            "cannot be negative",
        ),
        (AidRecord(title="x", money=Money(amount_minor=1, currency="EURO")), "ISO 4217"),
        (AidRecord(title="x", source_ids=(999,)), "source that does not exist"),
    ],
)
def test_invalid_records_never_reach_the_file(
    catalogue: Catalogue, record: AidRecord, phrase: str
) -> None:
    with pytest.raises(InvalidValueError, match=phrase):
        catalogue.add_record(record)
    assert catalogue.counts()["records"] == 0
    assert catalogue.counts()["history"] == 0


def test_batch_is_all_or_nothing(catalogue: Catalogue) -> None:
    with pytest.raises(InvalidValueError), catalogue.batch():
        catalogue.add_record(AidRecord(title="kept?"))
        catalogue.add_record(AidRecord(title=""))
    assert catalogue.counts()["records"] == 0
    with catalogue.batch():
        catalogue.add_record(AidRecord(title="one"))
        catalogue.add_record(AidRecord(title="two"))
    assert catalogue.counts()["records"] == 2


def test_iterating_holds_no_lock_between_chunks(catalogue: Catalogue) -> None:
    for n in range(5):
        catalogue.add_record(AidRecord(title=f"record {n}"))
        catalogue.add_meeting(Meeting(title=f"meeting {n}", starts_at=f"2023-0{5 - n}-01"))
    records = catalogue.iter_records(chunk=2)
    meetings = catalogue.iter_meetings(chunk=2)
    first, first_meeting = next(records), next(meetings)
    # A write between two reads works: the half-consumed iterators hold no transaction.
    catalogue.update_record(dataclasses.replace(first, title="renamed"))
    assert [first.title, *(r.title for r in records)] == [f"record {n}" for n in range(5)]
    starts = [first_meeting.starts_at, *(m.starts_at for m in meetings)]
    assert starts == sorted(starts) and len(starts) == 5


def test_new_catalogue_is_readable_by_colleagues(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        Catalogue.create(tmp_path / "shared.aidb").close()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "shared.aidb").stat().st_mode) == 0o644


def test_a_stage_id_of_another_record_is_not_taken_over(catalogue: Catalogue) -> None:
    first = catalogue.add_record(
        AidRecord(title="First", stages=(Stage(kind=StageKind.ANNOUNCED),))
    )
    copy = catalogue.add_record(dataclasses.replace(first, id=0, version=0, title="Copy"))
    assert catalogue.record(first.id).stages == first.stages  # the original keeps its stage
    assert copy.stages[0].id != first.stages[0].id
    again = catalogue.update_record(dataclasses.replace(copy, title="Copy, edited"))
    assert again.stages[0].id == copy.stages[0].id  # its own stage keeps its id


@pytest.mark.parametrize(
    ("starts", "ends", "phrase"),
    [
        ("next Tuesday-ish", "", "is not a date"),
        ("2023-11-10", "soon", "is not a date"),
        ("2023-11-10T14:00", "2023-11-10T09:00", "cannot end before it starts"),
    ],
)
def test_meeting_times_must_be_dates(
    catalogue: Catalogue, starts: str, ends: str, phrase: str
) -> None:
    with pytest.raises(InvalidValueError, match=phrase):
        catalogue.add_meeting(Meeting(title="Kyiv", starts_at=starts, ends_at=ends))
    assert catalogue.counts()["meetings"] == 0


@pytest.mark.parametrize(
    ("money", "phrase"),
    [
        (Money(amount_minor=1, currency="EUR", value_eur_cents=999_999), "own value in euros"),
        (Money(amount_minor=100, currency="USD", eur_rate=Decimal(0)), "greater than zero"),
    ],
)
def test_inconsistent_money_is_refused(catalogue: Catalogue, money: Money, phrase: str) -> None:
    with pytest.raises(InvalidValueError, match=phrase):
        catalogue.add_record(AidRecord(title="x", money=money))


def test_the_record_tally_follows_adds_deletes_and_rolled_back_batches(
    catalogue: Catalogue, empty_path: Path
) -> None:
    """The unfiltered count comes from a tally kept by triggers, not from count(*): it
    must agree with the rows after every kind of change."""

    def counted() -> int:
        con = sqlite3.connect(f"file:{empty_path}?mode=ro", uri=True)
        try:
            return int(con.execute("SELECT count(*) FROM aid_record").fetchone()[0])
        finally:
            con.close()

    added = [catalogue.add_record(AidRecord(title=f"record {n}")) for n in range(3)]
    assert catalogue.record_count() == counted() == 3
    catalogue.delete_record(added[0].id, added[0].version)
    assert catalogue.record_count() == counted() == 2
    with pytest.raises(InvalidValueError), catalogue.batch():
        catalogue.add_record(AidRecord(title="kept?"))
        catalogue.add_record(AidRecord(title=""))
    assert catalogue.record_count() == counted() == 2
    assert catalogue.check().sound


def test_check_reports_a_tally_that_disagrees_with_the_records(
    catalogue: Catalogue, empty_path: Path
) -> None:
    catalogue.add_record(AidRecord(title="one"))
    con = sqlite3.connect(empty_path, isolation_level=None)
    con.execute("UPDATE tally SET rows = 5 WHERE name = 'aid_record'")
    con.close()
    report = catalogue.check()
    assert not report.sound
    assert "record tally: 5 for 1 records" in report.problems


def test_a_deleted_note_is_put_back_as_it_was(catalogue: Catalogue) -> None:
    record = catalogue.add_record(AidRecord(title="r"))
    note = catalogue.add_note(Note(record_id=record.id, body="Check", author="Rasa", pinned=True))
    catalogue.delete_note(note.id, note.version)
    back = catalogue.restore_note(note)
    assert (back.id, back.author, back.created_at, back.body, back.pinned) == (
        note.id, "Rasa", note.created_at, "Check", True,
    )  # fmt: skip
    assert [hit.kind for hit in catalogue.search("check")] == ["note"]
    with pytest.raises(InvalidValueError, match="already there"):
        catalogue.restore_note(note)
    assert catalogue.check().sound
