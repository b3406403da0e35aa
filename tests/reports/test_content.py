"""What each report says, read from real catalogue files: totals, groupings, lists,
sheets, minutes and briefings, checked against values known from building the file and
against sums read with sqlite3 straight from it."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from aidviewer.reports.content import (
    CHUNK,
    Briefing,
    CancelledError,
    Group,
    Minutes,
    RecordList,
    ReportKind,
    Scope,
    Sheet,
    Summary,
    read_content,
)
from aidviewer.store import (
    ActionKind,
    AidRecord,
    AidType,
    Catalogue,
    Category,
    FuzzyDate,
    Meeting,
    MeetingAction,
    Money,
    Note,
    Organisation,
    Participant,
    Person,
    RecordQuery,
    RecordSort,
    Source,
    Stage,
    StageKind,
)

PERIOD = (date(2023, 11, 1), date(2023, 11, 30))


@dataclass(frozen=True)
class Known:
    """A catalogue file built here, and the ids of what was put in it."""

    path: Path
    orgs: dict[str, int]
    categories: dict[str, int]
    sources: dict[str, int]
    people: dict[str, int]
    records: dict[str, int]
    meetings: dict[str, int]


def _stage(kind: StageKind, when: str) -> Stage:
    return Stage(kind=kind, date=FuzzyDate.parse(when))


def _build(path: Path) -> Known:
    """Seven records over three donors, three categories and a record without one, five
    stages, four months and a year, EUR, USD and a JPY amount without a euro value, and
    a record with no money at all; four meetings around November 2023."""
    with Catalogue.create(path, user="tester") as cat:
        orgs = {
            name: cat.add_organisation(Organisation(name=name)).id
            for name in ("Lithuania", "Norway", "Poland", "Ukraine", "NSPA")
        }
        categories = {
            name: cat.add_category(Category(name=name, aid_type=AidType.MILITARY)).id
            for name in ("Air defence", "Food", "Vehicles")
        }
        sources = {
            title: cat.add_source(Source(title=title)).id
            for title in ("Press release of 10 November", "Article in the press")
        }
        people = {
            name: cat.add_person(Person(name=name, role="Minister")).id
            for name in ("Anna Kovalenko", "Bohdan Petrenko")
        }
        usd = Money(
            amount_minor=1250,
            currency="USD",
            value_eur_cents=1100,
            eur_rate=Decimal("1.1364"),
            rate_date=date(2023, 11, 10),
        )
        jpy_without_value = Money(amount_minor=5_000_000, currency="JPY")
        specs = {
            "launchers": AidRecord(
                title="NASAMS launchers",
                description="Launchers for the NASAMS systems.",
                donor_id=orgs["Lithuania"],
                recipient_id=orgs["Ukraine"],
                implementer_id=orgs["NSPA"],
                category_id=categories["Air defence"],
                quantity=2,
                unit="launchers",
                money=Money.eur(30_000),
                stages=(
                    _stage(StageKind.ANNOUNCED, "2023-11-10"),
                    _stage(StageKind.DELIVERED, "2024-01-15"),
                ),
                source_ids=(
                    sources["Press release of 10 November"],
                    sources["Article in the press"],
                ),
                tags=("NASAMS",),
            ),
            "rations": AidRecord(
                title="Field rations",
                donor_id=orgs["Lithuania"],
                recipient_id=orgs["Ukraine"],
                category_id=categories["Food"],
                money=usd,
                stages=(
                    _stage(StageKind.ANNOUNCED, "2023-11"),
                    _stage(StageKind.COMMITTED, "2023-12-05"),
                ),
            ),
            "radars": AidRecord(
                title="Radars",
                donor_id=orgs["Norway"],
                recipient_id=orgs["Ukraine"],
                category_id=categories["Air defence"],
                money=Money.eur(100_000),
                stages=(_stage(StageKind.ANNOUNCED, "2023"),),
            ),
            "trucks": AidRecord(
                title="Trucks",
                donor_id=orgs["Norway"],
                category_id=categories["Vehicles"],
                money=jpy_without_value,
                stages=(_stage(StageKind.ANNOUNCED, "2024-02-01"),),
            ),
            "blankets": AidRecord(
                title="Blankets", donor_id=orgs["Poland"], aid_type=AidType.HUMANITARIAN
            ),
            "flour": AidRecord(
                title="Flour",
                donor_id=orgs["Poland"],
                category_id=categories["Food"],
                money=Money.eur(5_000),
                stages=(
                    _stage(StageKind.ANNOUNCED, "2023-10-03"),
                    _stage(StageKind.CANCELLED, "2023-12-20"),
                ),
            ),
            "generators": AidRecord(
                title="Generators",
                donor_id=orgs["Lithuania"],
                category_id=categories["Vehicles"],
                money=Money.eur(700),
                stages=(
                    _stage(StageKind.ANNOUNCED, "2023-11-30"),
                    _stage(StageKind.DELIVERED, "2023-12-01"),
                ),
            ),
        }
        records = {key: cat.add_record(record).id for key, record in specs.items()}
        launchers = cat.record(records["launchers"])
        cat.update_record(replace(launchers, description="Two launchers for NASAMS."))
        cat.add_note(Note(record_id=records["launchers"], body="Check the serial numbers."))
        cat.add_note(Note(record_id=records["launchers"], body="Pinned remark.", pinned=True))

        anna, bohdan = people["Anna Kovalenko"], people["Bohdan Petrenko"]
        meeting_specs = {
            "kyiv": Meeting(
                title="Talks in Kyiv",
                starts_at="2023-11-10T10:00",
                place="Kyiv",
                participants=(
                    Participant(person_id=anna, role="host"),
                    Participant(person_id=bohdan, role="guest"),
                ),
                minutes="Met and talked.",
                actions=(
                    MeetingAction(
                        kind=ActionKind.DECISION, text="Send more launchers", owner_id=anna
                    ),
                    MeetingAction(
                        kind=ActionKind.FOLLOW_UP,
                        text="Report back",
                        owner_id=bohdan,
                        due_on=date(2023, 12, 1),
                    ),
                    MeetingAction(
                        kind=ActionKind.FOLLOW_UP,
                        text="Ship the rations",
                        owner_id=anna,
                        done=True,
                    ),
                    MeetingAction(kind=ActionKind.DECISION, text="Fund the radars"),
                ),
                record_ids=(records["launchers"], records["rations"]),
            ),
            # On the last day of the period, late in the evening: inside it.
            "evening": Meeting(
                title="Evening call",
                starts_at="2023-11-30T18:00",
                actions=(MeetingAction(kind=ActionKind.FOLLOW_UP, text="Call again"),),
            ),
            # An hour before the period begins: outside it.
            "budget": Meeting(
                title="Budget review",
                starts_at="2023-10-31T23:00",
                actions=(
                    MeetingAction(
                        kind=ActionKind.FOLLOW_UP,
                        text="Old follow-up",
                        owner_id=anna,
                        due_on=date(2023, 11, 5),
                    ),
                ),
            ),
            "planning": Meeting(
                title="Planning",
                starts_at="2024-03-05",
                actions=(MeetingAction(kind=ActionKind.DECISION, text="Plan next year"),),
            ),
        }
        meetings = {key: cat.add_meeting(meeting).id for key, meeting in meeting_specs.items()}
        cat.add_note(Note(meeting_id=meetings["kyiv"], body="Minutes agreed by both sides."))
    return Known(path, orgs, categories, sources, people, records, meetings)


@pytest.fixture(scope="module")
def _known_master(tmp_path_factory: pytest.TempPathFactory) -> Known:
    return _build(tmp_path_factory.mktemp("known") / "known.aidb")


@pytest.fixture
def known(_known_master: Known, tmp_path: Path) -> Known:
    """A fresh copy of the built catalogue, which this test may change."""
    path = tmp_path / "known.aidb"
    shutil.copyfile(_known_master.path, path)
    return replace(_known_master, path=path)


@pytest.fixture
def cat(known: Known) -> Iterator[Catalogue]:
    with Catalogue.open(known.path, user="tester") as opened:
        yield opened


def _sql(path: Path, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Rows read with sqlite3 straight from the file, read-only, not through the store."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        return con.execute(statement, params).fetchall()


def _file_totals(path: Path, where: str = "", params: tuple[object, ...] = ()) -> tuple[int, int]:
    ((count, cents),) = _sql(
        path, f"SELECT count(*), coalesce(sum(value_eur_cents), 0) FROM aid_record {where}", params
    )
    assert isinstance(count, int) and isinstance(cents, int)
    return count, cents


def _summary(cat: Catalogue, query: RecordQuery | None = None) -> Summary:
    content = read_content(cat, ReportKind.SUMMARY, Scope(query=query or RecordQuery()))
    assert isinstance(content, Summary)
    return content


def _table(groups: tuple[Group, ...]) -> dict[str, tuple[int, int]]:
    return {group.key: (group.records, group.cents) for group in groups}


def _all_groupings(summary: Summary) -> dict[str, tuple[Group, ...]]:
    return {
        "donor": summary.by_donor,
        "category": summary.by_category,
        "stage": summary.by_stage,
        "month": summary.by_month,
    }


# -- the summary ---------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["known", "sample"])
def test_summary_total_is_the_exact_sum_in_the_file(
    which: str, known: Known, sample_path: Path
) -> None:
    path = known.path if which == "known" else sample_path
    with Catalogue.open(path) as opened:
        summary = _summary(opened)
    count, cents = _file_totals(path)
    assert count > 0 and cents > 0
    assert (summary.records, summary.cents) == (count, cents)
    ((valued,),) = _sql(path, "SELECT count(*) FROM aid_record WHERE value_eur_cents IS NOT NULL")
    assert summary.valued == valued
    for by, groups in _all_groupings(summary).items():
        assert sum(g.records for g in groups) == count, by
        assert sum(g.cents for g in groups) == cents, by
        assert len({g.key for g in groups}) == len(groups), f"{by} has a key twice"


def test_summary_of_the_known_catalogue(cat: Catalogue) -> None:
    summary = _summary(cat)
    assert (summary.records, summary.cents, summary.valued) == (7, 136_800, 5)
    assert _table(summary.by_donor) == {
        "Norway": (2, 100_000),
        "Lithuania": (3, 31_800),
        "Poland": (2, 5_000),
    }
    assert _table(summary.by_category) == {
        "Air defence": (2, 130_000),
        "Food": (2, 6_100),
        "Vehicles": (2, 700),
        "": (1, 0),
    }
    assert _table(summary.by_stage) == {
        "announced": (2, 100_000),
        "delivered": (2, 30_700),
        "cancelled": (1, 5_000),
        "committed": (1, 1_100),
        "": (1, 0),
    }
    # A year-only date ("2023") and no date at all are not known to the month.
    assert _table(summary.by_month) == {
        "": (2, 100_000),
        "2023-10": (1, 5_000),
        "2023-11": (3, 31_800),
        "2024-02": (1, 0),
    }


def test_groups_are_ordered_largest_first_and_months_in_time(cat: Catalogue) -> None:
    summary = _summary(cat)
    for groups in (summary.by_donor, summary.by_category, summary.by_stage):
        cents = [g.cents for g in groups]
        assert cents == sorted(cents, reverse=True), groups
    assert [g.key for g in summary.by_donor] == ["Norway", "Lithuania", "Poland"]
    assert [g.key for g in summary.by_stage][:4] == [
        "announced",
        "delivered",
        "cancelled",
        "committed",
    ]
    # November is the largest month but not the first: months go in time order.
    months = [g.key for g in summary.by_month if g.key]
    assert months == ["2023-10", "2023-11", "2024-02"]


def test_summary_totals_are_exact_beyond_float_precision(empty_path: Path) -> None:
    """2**53 + 1 cents is not a float: a sum through floats would lose the last cent."""
    big = 2**53
    with Catalogue.open(empty_path) as opened:
        donor = opened.add_organisation(Organisation(name="Big donor")).id
        for cents in (big, 1, 2):
            opened.add_record(AidRecord(title=f"v{cents}", donor_id=donor, money=Money.eur(cents)))
        summary = _summary(opened)
        listed = read_content(opened, ReportKind.LIST, Scope())
    assert summary.cents == big + 3 == _file_totals(empty_path)[1]
    assert summary.by_donor == (Group("Big donor", 3, big + 3),)
    assert isinstance(listed, RecordList) and listed.cents == big + 3


def test_a_query_narrows_every_part_of_the_summary(known: Known, cat: Catalogue) -> None:
    lithuania = known.orgs["Lithuania"]
    summary = _summary(cat, RecordQuery(donor_ids=(lithuania,)))
    assert (summary.records, summary.cents) == _file_totals(
        known.path, "WHERE donor_id = ?", (lithuania,)
    )
    assert (summary.records, summary.cents, summary.valued) == (3, 31_800, 3)
    assert _table(summary.by_donor) == {"Lithuania": (3, 31_800)}
    assert _table(summary.by_category) == {
        "Air defence": (1, 30_000),
        "Food": (1, 1_100),
        "Vehicles": (1, 700),
    }
    assert _table(summary.by_stage) == {"delivered": (2, 30_700), "committed": (1, 1_100)}
    assert _table(summary.by_month) == {"2023-11": (3, 31_800)}


def test_valued_counts_records_with_a_euro_value_under_a_value_filter(cat: Catalogue) -> None:
    summary = _summary(cat, RecordQuery(value_min_cents=1_000))
    assert (summary.records, summary.cents, summary.valued) == (4, 136_100, 4)


def test_valued_leaves_out_records_without_a_euro_value(known: Known, cat: Catalogue) -> None:
    summary = _summary(cat, RecordQuery(donor_ids=(known.orgs["Norway"],)))
    assert (summary.records, summary.cents, summary.valued) == (2, 100_000, 1)


# -- the record list -----------------------------------------------------------------------


def _list(cat: Catalogue, query: RecordQuery, **kwargs: object) -> RecordList:
    content = read_content(cat, ReportKind.LIST, Scope(query=query), **kwargs)  # type: ignore[arg-type]
    assert isinstance(content, RecordList)
    return content


def test_list_rows_come_in_the_query_order_and_sum_to_its_cents(
    known: Known, cat: Catalogue
) -> None:
    query = RecordQuery(sort=RecordSort.VALUE, descending=True)
    listed = _list(cat, query)
    titles = [row.title for row in listed.rows]
    # Records without a euro value sort below any value; ties by id, also descending.
    assert titles == [
        "Radars",
        "NASAMS launchers",
        "Flour",
        "Field rations",
        "Generators",
        "Blankets",
        "Trucks",
    ]
    assert [row.id for row in listed.rows] == cat.record_ids(query)
    assert listed.cents == 136_800 == _file_totals(known.path)[1]
    assert listed.cents == sum(
        row.money.value_eur_cents
        for row in listed.rows
        if row.money is not None and row.money.value_eur_cents is not None
    )


def test_a_query_narrows_the_list(known: Known, cat: Catalogue) -> None:
    listed = _list(cat, RecordQuery(donor_ids=(known.orgs["Lithuania"],), sort=RecordSort.TITLE))
    assert [row.title for row in listed.rows] == ["Field rations", "Generators", "NASAMS launchers"]
    assert {row.donor for row in listed.rows} == {"Lithuania"}
    assert listed.cents == 31_800


def test_an_empty_list(empty_path: Path) -> None:
    with Catalogue.open(empty_path) as opened:
        listed = _list(opened, RecordQuery())
        summary = _summary(opened)
    assert listed == RecordList(rows=(), cents=0)
    assert (summary.records, summary.cents, summary.valued) == (0, 0, 0)
    assert summary.by_donor == summary.by_month == ()


# -- record sheets -------------------------------------------------------------------------


def _sheets(
    cat: Catalogue, ids: tuple[int, ...], *, with_notes: bool = True, with_history: bool = False
) -> tuple[Sheet, ...]:
    content = read_content(
        cat, ReportKind.SHEET, Scope(ids=ids), with_notes=with_notes, with_history=with_history
    )
    assert isinstance(content, tuple)
    assert all(isinstance(sheet, Sheet) for sheet in content)
    return content  # type: ignore[return-value]


def test_sheet_resolves_names(known: Known, cat: Catalogue) -> None:
    (sheet,) = _sheets(cat, (known.records["launchers"],))
    assert sheet.record.id == known.records["launchers"]
    assert sheet.record.title == "NASAMS launchers"
    assert sheet.record.description == "Two launchers for NASAMS."
    assert (sheet.donor, sheet.recipient, sheet.implementer, sheet.category) == (
        "Lithuania",
        "Ukraine",
        "NSPA",
        "Air defence",
    )
    assert sheet.sources == ("Press release of 10 November", "Article in the press")


def test_sheet_of_a_record_without_names(known: Known, cat: Catalogue) -> None:
    (sheet,) = _sheets(cat, (known.records["rations"],))
    assert (sheet.donor, sheet.recipient, sheet.implementer, sheet.category) == (
        "Lithuania",
        "Ukraine",
        "",
        "Food",
    )
    (sheet,) = _sheets(cat, (known.records["blankets"],))
    assert (sheet.donor, sheet.recipient, sheet.implementer, sheet.category) == (
        "Poland",
        "",
        "",
        "",
    )
    assert sheet.sources == ()


def test_sheets_come_in_the_order_asked(known: Known, cat: Catalogue) -> None:
    ids = (known.records["flour"], known.records["launchers"], known.records["radars"])
    assert [sheet.record.id for sheet in _sheets(cat, ids)] == list(ids)


def test_sheet_notes_only_with_notes(known: Known, cat: Catalogue) -> None:
    record_id = known.records["launchers"]
    (sheet,) = _sheets(cat, (record_id,), with_notes=True)
    # Pinned first, then newest first.
    assert [note.body for note in sheet.notes] == [
        "Pinned remark.",
        "Check the serial numbers.",
    ]
    assert {note.record_id for note in sheet.notes} == {record_id}
    (sheet,) = _sheets(cat, (record_id,), with_notes=False)
    assert sheet.notes == ()


def test_sheet_history_only_with_history(known: Known, cat: Catalogue) -> None:
    record_id = known.records["launchers"]
    (sheet,) = _sheets(cat, (record_id,))
    assert sheet.history == ()
    (sheet,) = _sheets(cat, (record_id,), with_history=True, with_notes=False)
    assert [(e.entity, e.action, e.field) for e in sheet.history] == [
        ("aid_record", "create", "*"),
        ("aid_record", "update", "description"),
    ]
    assert sheet.history[1].new == "Two launchers for NASAMS."
    # With notes, the history also tells of the notes' changes.
    (sheet,) = _sheets(cat, (record_id,), with_history=True, with_notes=True)
    assert [(e.entity, e.action) for e in sheet.history] == [
        ("aid_record", "create"),
        ("aid_record", "update"),
        ("note", "create"),
        ("note", "create"),
    ]


def test_records_deleted_before_the_sheets_are_read_are_skipped(
    known: Known, cat: Catalogue
) -> None:
    flour = cat.record(known.records["flour"])
    cat.delete_record(flour.id, flour.version)
    ids = (known.records["launchers"], flour.id, known.records["radars"], 9_999)
    sheets = _sheets(cat, ids)
    assert [sheet.record.title for sheet in sheets] == ["NASAMS launchers", "Radars"]


# -- minutes -------------------------------------------------------------------------------


def _minutes(
    cat: Catalogue, ids: tuple[int, ...], *, with_notes: bool = True, with_history: bool = False
) -> tuple[Minutes, ...]:
    content = read_content(
        cat, ReportKind.MINUTES, Scope(ids=ids), with_notes=with_notes, with_history=with_history
    )
    assert isinstance(content, tuple)
    assert all(isinstance(item, Minutes) for item in content)
    return content  # type: ignore[return-value]


def test_minutes_name_participants_actions_and_records(known: Known, cat: Catalogue) -> None:
    (minutes,) = _minutes(cat, (known.meetings["kyiv"],))
    assert minutes.meeting.title == "Talks in Kyiv"
    assert minutes.participants == (("Anna Kovalenko", "host"), ("Bohdan Petrenko", "guest"))
    assert [(a.action.text, a.owner) for a in minutes.decisions] == [
        ("Send more launchers", "Anna Kovalenko"),
        ("Fund the radars", ""),
    ]
    assert all(a.action.kind is ActionKind.DECISION for a in minutes.decisions)
    assert [(a.action.text, a.owner, a.action.done) for a in minutes.follow_ups] == [
        ("Report back", "Bohdan Petrenko", False),
        ("Ship the rations", "Anna Kovalenko", True),
    ]
    assert all(a.action.kind is ActionKind.FOLLOW_UP for a in minutes.follow_ups)
    assert minutes.records == ("NASAMS launchers", "Field rations")
    assert [note.body for note in minutes.notes] == ["Minutes agreed by both sides."]


def test_minutes_without_notes_and_of_deleted_meetings(known: Known, cat: Catalogue) -> None:
    budget = cat.meeting(known.meetings["budget"])
    cat.delete_meeting(budget.id, budget.version)
    found = _minutes(
        cat, (known.meetings["planning"], budget.id, known.meetings["kyiv"]), with_notes=False
    )
    assert [m.meeting.title for m in found] == ["Planning", "Talks in Kyiv"]
    assert all(m.notes == () for m in found)
    planning = found[0]
    assert planning.participants == () and planning.follow_ups == () and planning.records == ()
    assert [a.action.text for a in planning.decisions] == ["Plan next year"]


# -- the briefing --------------------------------------------------------------------------


def _briefing(cat: Catalogue, start: date | None, end: date | None) -> Briefing:
    content = read_content(cat, ReportKind.BRIEFING, Scope(date_from=start, date_to=end))
    assert isinstance(content, Briefing)
    return content


def test_briefing_keeps_meetings_and_stages_within_the_dates(cat: Catalogue) -> None:
    briefing = _briefing(cat, *PERIOD)
    assert (briefing.date_from, briefing.date_to) == PERIOD
    assert [m.meeting.title for m in briefing.meetings] == ["Talks in Kyiv", "Evening call"]
    assert [a.action.text for a in briefing.meetings[0].decisions] == [
        "Send more launchers",
        "Fund the radars",
    ]
    # "2023-11" counts from the first of the month; the year-only "2023", October,
    # and the stages of 1 and 5 December are outside.
    assert [(s.on.iso(), s.title, s.donor, s.stage, s.cents) for s in briefing.stages] == [
        ("2023-11", "Field rations", "Lithuania", StageKind.ANNOUNCED, 1_100),
        ("2023-11-10", "NASAMS launchers", "Lithuania", StageKind.ANNOUNCED, 30_000),
        ("2023-11-30", "Generators", "Lithuania", StageKind.ANNOUNCED, 700),
    ]


def test_briefing_lists_only_open_follow_ups(cat: Catalogue) -> None:
    briefing = _briefing(cat, *PERIOD)
    texts = [f.text for f in briefing.follow_ups]
    assert "Ship the rations" not in texts  # done
    assert "Report back" in texts and "Call again" in texts
    report = briefing.follow_ups[texts.index("Report back")]
    assert (report.owner, report.due_on, report.meeting) == (
        "Bohdan Petrenko",
        date(2023, 12, 1),
        "Talks in Kyiv",
    )
    # Soonest due first; a follow-up without a due date last.
    assert texts[-1] == "Call again"
    dues = [f.due_on for f in briefing.follow_ups if f.due_on is not None]
    assert dues == sorted(dues)


def test_briefing_without_dates_covers_everything(cat: Catalogue) -> None:
    briefing = _briefing(cat, None, None)
    assert [m.meeting.title for m in briefing.meetings] == [
        "Budget review",
        "Talks in Kyiv",
        "Evening call",
        "Planning",
    ]
    ((stages,),) = _sql(cat.path, "SELECT count(*) FROM stage WHERE date IS NOT NULL")
    assert len(briefing.stages) == stages == 10


def test_briefing_of_a_period_with_nothing(cat: Catalogue) -> None:
    briefing = _briefing(cat, date(2020, 1, 1), date(2020, 12, 31))
    assert briefing.meetings == () and briefing.stages == ()


# -- progress and cancelling ---------------------------------------------------------------


@pytest.fixture
def many_path(empty_path: Path) -> Path:
    """More than two chunks of records, with ties in value across the chunks' edges."""
    with Catalogue.open(empty_path, user="tester") as opened:
        donor = opened.add_organisation(Organisation(name="Donor")).id
        with opened.batch():
            for i in range(2 * CHUNK + 50):
                money = None if i % 11 == 0 else Money.eur(100 * (i % 7))
                opened.add_record(AidRecord(title=f"Record {i:04d}", donor_id=donor, money=money))
    return empty_path


def test_list_over_several_chunks_reports_progress(many_path: Path) -> None:
    calls: list[tuple[int, int]] = []

    def going_on(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    query = RecordQuery(sort=RecordSort.VALUE)
    with Catalogue.open(many_path) as opened:
        listed = _list(opened, query, going_on=going_on)
        expected = opened.record_ids(query)
    total = 2 * CHUNK + 50
    assert [row.id for row in listed.rows] == expected
    assert len(expected) == total == len(set(expected))
    assert listed.cents == _file_totals(many_path)[1]
    assert len(calls) >= 3
    assert calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted({done for done, _ in calls})
    assert {t for _, t in calls} == {total}


@pytest.mark.parametrize(
    ("kind", "scope_of"),
    [
        (ReportKind.LIST, lambda k: Scope()),
        (ReportKind.SHEET, lambda k: Scope(ids=tuple(k.records.values()))),
        (ReportKind.MINUTES, lambda k: Scope(ids=tuple(k.meetings.values()))),
        (ReportKind.BRIEFING, lambda k: Scope(date_from=PERIOD[0], date_to=PERIOD[1])),
    ],
)
def test_cancelling_raises_and_releases_the_file(
    kind: ReportKind, scope_of: object, known: Known, cat: Catalogue
) -> None:
    calls: list[tuple[int, int]] = []

    def stop(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    with pytest.raises(CancelledError):
        read_content(cat, kind, scope_of(known), going_on=stop)  # type: ignore[operator]
    assert len(calls) == 1
    # The read transaction ended with the cancel: another connection can save at once.
    with Catalogue.open(known.path, user="other", busy_timeout=0.2) as other:
        other.add_record(AidRecord(title="Saved after the cancel"))
    assert "Saved after the cancel" in [r.title for r in _list(cat, RecordQuery()).rows]


def test_list_is_read_in_one_transaction(many_path: Path) -> None:
    """A colleague's save while the list is being read is not in it: the read sees the
    file as it was when it began. The save waits for the short read (the store's
    rollback journal lets no writer commit under a reader) and then goes through; a
    fresh read has it."""
    saved: list[str] = []
    errors: list[Exception] = []

    def colleague() -> None:
        try:
            with Catalogue.open(many_path, user="colleague", busy_timeout=30) as other:
                saved.append(other.add_record(AidRecord(title="Saved meanwhile")).title)
        except Exception as error:  # reported by the assertion below
            errors.append(error)

    saver = threading.Thread(target=colleague)

    def going_on(done: int, total: int) -> bool:
        if done == CHUNK:  # between the first and the second chunk
            saver.start()
            time.sleep(0.2)  # let the colleague's save reach the file and wait there
        return True

    with Catalogue.open(many_path) as opened:
        listed = _list(opened, RecordQuery(), going_on=going_on)
        saver.join(timeout=60)
        assert not errors, f"the colleague's save failed: {errors}"
        assert saved == ["Saved meanwhile"]
        assert len(listed.rows) == 2 * CHUNK + 50
        assert "Saved meanwhile" not in [row.title for row in listed.rows]
        again = _list(opened, RecordQuery())
    assert [row.title for row in again.rows][-1] == "Saved meanwhile"
    assert len(again.rows) == 2 * CHUNK + 51


def test_summary_parts_agree_with_each_other(many_path: Path) -> None:
    with Catalogue.open(many_path) as opened:
        summary = _summary(opened)
    count, cents = _file_totals(many_path)
    assert (summary.records, summary.cents) == (count, cents)
    assert sum(g.records for g in summary.by_stage) == count
    assert _table(summary.by_donor) == {"Donor": (count, cents)}
