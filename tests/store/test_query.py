"""Filters, search, sort and paging of the records and meetings tables, in SQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    Category,
    FuzzyDate,
    Meeting,
    MeetingQuery,
    MeetingSort,
    Money,
    Note,
    Organisation,
    RecordQuery,
    RecordSort,
    Stage,
    StageKind,
)


@pytest.fixture
def catalogue(empty_path: Path) -> Iterator[Catalogue]:
    """Sixty records over three donors, two categories and several dates and values."""
    with Catalogue.open(empty_path) as opened:
        donors = [
            opened.add_organisation(Organisation(name=name))
            for name in ("Lithuania", "Česko", "Norway")
        ]
        air = opened.add_category(Category(name="Air defence"))
        food = opened.add_category(Category(name="Food"))
        with opened.batch():
            for n in range(60):
                opened.add_record(
                    AidRecord(
                        title=f"{'Generators' if n % 10 == 0 else 'Shells'} lot {n:02d}",
                        donor_id=donors[n % 3].id,
                        aid_type=AidType.HUMANITARIAN if n % 2 else AidType.MILITARY,
                        category_id=air.id if n % 2 == 0 else food.id,
                        money=Money.eur(n * 1000) if n % 4 else None,
                        stages=(
                            Stage(
                                kind=StageKind.DELIVERED if n % 5 == 0 else StageKind.ANNOUNCED,
                                date=FuzzyDate.parse(f"2023-{n % 12 + 1:02d}-15"),
                            ),
                        ),
                        tags=("winter",) if n % 6 == 0 else (),
                    )
                )
        yield opened


def _titles(catalogue: Catalogue, query: RecordQuery) -> list[str]:
    return [row.title for row in catalogue.record_rows(query)]


def test_every_filter_narrows_as_python_would(catalogue: Catalogue) -> None:
    everything = list(catalogue.iter_records())
    summaries = {s.id: s for s in catalogue.record_summaries()}
    lithuania = catalogue.find_organisation("Lithuania")
    air = catalogue.category_named("Air defence")
    assert lithuania is not None and air is not None
    cases = {
        RecordQuery(donor_ids=(lithuania.id,)): lambda r: r.donor_id == lithuania.id,
        RecordQuery(aid_types=(AidType.HUMANITARIAN,)): lambda r: (
            r.aid_type is AidType.HUMANITARIAN
        ),
        RecordQuery(category_ids=(air.id,)): lambda r: r.category_id == air.id,
        RecordQuery(statuses=(StageKind.DELIVERED,)): lambda r: r.status is StageKind.DELIVERED,
        RecordQuery(tags=("WINTER",)): lambda r: "winter" in r.tags,
        RecordQuery(date_from=date(2023, 3, 1), date_to=date(2023, 4, 30)): lambda r: any(
            s.date.value and date(2023, 3, 1) <= s.date.value <= date(2023, 4, 30) for s in r.stages
        ),
        RecordQuery(value_min_cents=20_000, value_max_cents=40_000): lambda r: (
            r.money is not None and 20_000 <= (r.money.value_eur_cents or 0) <= 40_000
        ),
        RecordQuery(search="generator"): lambda r: r.title.startswith("Generators"),
        RecordQuery(donor_ids=(lithuania.id,), aid_types=(AidType.MILITARY,), search="shells"): (
            lambda r: (
                r.donor_id == lithuania.id
                and r.aid_type is AidType.MILITARY
                and r.title.startswith("Shells")
            )
        ),
    }
    for query, keep in cases.items():
        expected = [r.id for r in everything if keep(r)]
        assert expected, query  # each case narrows to something …
        assert len(expected) < len(everything), query  # … and leaves something out
        assert [row.id for row in catalogue.record_rows(query)] == expected, query
        count, cents = catalogue.count_records(query)
        assert count == len(expected)
        assert cents == sum(
            summaries[i].money.value_eur_cents or 0 for i in expected if summaries[i].money
        )


def test_search_finds_diacritics_prefixes_and_notes(catalogue: Catalogue) -> None:
    assert catalogue.count_records(RecordQuery(search="GENER"))[0] == 6
    record = catalogue.record(2)
    catalogue.add_note(Note(record_id=record.id, body="Ask Anušauskas about delivery"))
    assert [r.id for r in catalogue.record_rows(RecordQuery(search="anusauskas"))] == [record.id]
    snippets = catalogue.record_snippets("anusauskas", [record.id])
    assert snippets == {record.id: "Ask \x02Anušauskas\x03 about delivery"}


@pytest.mark.parametrize("sort", list(RecordSort))
@pytest.mark.parametrize("descending", [False, True])
def test_every_column_sorts_in_sql_with_id_as_tie_breaker(
    catalogue: Catalogue, sort: RecordSort, descending: bool
) -> None:
    rows = catalogue.record_rows(RecordQuery(sort=sort, descending=descending))
    key = {
        RecordSort.TITLE: lambda r: r.title.casefold(),
        RecordSort.DONOR: lambda r: r.donor.casefold(),
        RecordSort.RECIPIENT: lambda r: r.recipient.casefold(),
        RecordSort.AID_TYPE: lambda r: r.aid_type.value,
        RecordSort.CATEGORY: lambda r: r.category.casefold(),
        RecordSort.STATUS: lambda r: r.status.rank if r.status else -1,
        RecordSort.QUANTITY: lambda r: r.quantity if r.quantity is not None else -1,
        RecordSort.VALUE: lambda r: r.money.value_eur_cents if r.money else -1,
        RecordSort.ANNOUNCED: lambda r: r.announced_on.iso(),
        RecordSort.DELIVERED: lambda r: r.delivered_on.iso(),
        RecordSort.UPDATED: lambda r: r.updated_at,
        RecordSort.ID: lambda r: 0,
    }[sort]
    expected = sorted(rows, key=lambda r: (key(r), r.id), reverse=descending)
    assert [r.id for r in rows] == [r.id for r in expected]
    assert len(rows) == 60


def test_pages_by_keyset_and_from_the_end_agree_with_one_read(catalogue: Catalogue) -> None:
    query = RecordQuery(sort=RecordSort.DONOR)
    everything = catalogue.record_rows(query)
    first = catalogue.record_page(query, limit=25)
    second = catalogue.record_page(query, limit=25, after=first.keys[-1])
    last = catalogue.record_page(query, limit=10, from_end=True)
    assert [r.id for r in [*first.rows, *second.rows]] == [r.id for r in everything[:50]]
    assert [r.id for r in reversed(last.rows)] == [r.id for r in everything[-10:]]
    assert catalogue.paging_stats.largest_offset == 0


def test_position_of_a_row_in_the_filtered_sorted_table(catalogue: Catalogue) -> None:
    query = RecordQuery(sort=RecordSort.VALUE, descending=True, aid_types=(AidType.MILITARY,))
    rows = catalogue.record_rows(query)
    for position, row in enumerate(rows):
        assert catalogue.record_position(query, row.id) == position
    hidden = next(r for r in catalogue.iter_records() if r.aid_type is AidType.HUMANITARIAN)
    assert catalogue.record_position(query, hidden.id) is None


def test_renaming_an_organisation_renames_it_in_the_table(catalogue: Catalogue) -> None:
    czech = catalogue.find_organisation("Česko")
    assert czech is not None
    catalogue.update_organisation(dataclasses.replace(czech, name="Czechia"))
    donors = {row.donor for row in catalogue.record_rows(RecordQuery(donor_ids=(czech.id,)))}
    assert donors == {"Czechia"}
    first = catalogue.record_rows(RecordQuery(sort=RecordSort.DONOR), limit=1)[0]
    assert first.donor == "Czechia"  # sorts under its new name


def test_meetings_filter_search_sort_and_position(catalogue: Catalogue) -> None:
    lithuania = catalogue.find_organisation("Lithuania")
    assert lithuania is not None
    lithuanian = next(r for r in catalogue.iter_records() if r.donor_id == lithuania.id)
    kyiv = catalogue.add_meeting(
        Meeting(
            title="Kyiv talks",
            starts_at="2023-11-10T10:00",
            place="Kyiv",
            record_ids=(lithuanian.id,),
        )
    )
    oslo = catalogue.add_meeting(
        Meeting(title="Oslo", starts_at="2023-12-01", minutes="Generators")
    )
    catalogue.add_meeting(Meeting(title="Vilnius", starts_at="2024-01-05"))
    rows = lambda q: [m.id for m in catalogue.meeting_rows(q)]  # noqa: E731
    assert rows(MeetingQuery(search="generator")) == [oslo.id]
    assert rows(MeetingQuery(donor_ids=(lithuania.id,))) == [kyiv.id]
    assert rows(MeetingQuery(date_from=date(2023, 11, 10), date_to=date(2023, 12, 1))) == [
        kyiv.id,
        oslo.id,
    ]
    assert rows(MeetingQuery(sort=MeetingSort.TITLE, descending=True))[0] != kyiv.id
    assert catalogue.count_meetings(MeetingQuery(date_to=date(2023, 11, 10))) == 1
    assert (
        catalogue.meeting_position(MeetingQuery(sort=MeetingSort.STARTS, descending=True), kyiv.id)
        == 2
    )


@pytest.mark.parametrize("sort", [RecordSort.TITLE, RecordSort.VALUE, RecordSort.DONOR])
def test_pages_are_the_same_whichever_index_finds_them(
    catalogue: Catalogue, sort: RecordSort
) -> None:
    air = catalogue.category_named("Air defence")
    assert air is not None
    query = RecordQuery(category_ids=(air.id,), search="shells", sort=sort, descending=True)
    for many in (False, True):
        first = catalogue.record_page(query, limit=7, many=many)
        rest = catalogue.record_page(query, limit=100, after=first.keys[-1], many=many)
        tail = catalogue.record_page(query, limit=5, from_end=True, many=many)
        rows = [r.id for r in [*first.rows, *rest.rows]]
        assert rows == [r.id for r in catalogue.record_rows(query)]
        assert [r.id for r in reversed(tail.rows)] == rows[-5:]


def test_a_query_can_name_the_records_it_lets_through(tmp_path: Path) -> None:
    path = tmp_path / "ids.aidb"
    with Catalogue.create(path, user="tester") as catalogue:
        ids = [
            catalogue.add_record(AidRecord(title=f"R{n}", money=Money.eur(n))).id for n in range(5)
        ]
        query = RecordQuery(ids=(ids[3], ids[1]), sort=RecordSort.TITLE)
        assert [row.title for row in catalogue.record_rows(query)] == ["R1", "R3"]
        assert catalogue.count_records(query) == (2, 4)
        assert catalogue.record_count(query) == 2 and query.narrowed
