"""What each report says, read from the store in one short read transaction.

A report's content is plain frozen dataclasses: the template lays them out, and nothing
is read from the file while pages are laid out or printed, so a colleague's save waits
only for the short read (the store's rollback journal holds writers back while a read is
open), never for the layout of a long report. Money stays in integer cents: a total is
the exact sum of its rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from aidviewer.store import (
    ActionKind,
    AidRecord,
    Catalogue,
    CatalogueError,
    FuzzyDate,
    HistoryEntry,
    Meeting,
    MeetingAction,
    MeetingQuery,
    Note,
    RecordQuery,
    RecordSummary,
    StageKind,
)


class ReportKind(StrEnum):
    SUMMARY = "summary"
    LIST = "list"
    SHEET = "sheet"
    MINUTES = "minutes"
    BRIEFING = "briefing"


@dataclass(frozen=True)
class Group:
    """One line of a summary table: a donor, category, stage or month."""

    key: str  # the donor's name, the category's, the stage's value, "YYYY-MM"; "" for none
    records: int
    cents: int


@dataclass(frozen=True)
class Summary:
    """Totals in euros of the records a query lets through, four ways."""

    records: int
    cents: int
    valued: int  # how many of the records have a value in euros
    by_donor: tuple[Group, ...]
    by_category: tuple[Group, ...]
    by_stage: tuple[Group, ...]
    by_month: tuple[Group, ...]


@dataclass(frozen=True)
class RecordList:
    """The records a query lets through, in its order, as the table shows them."""

    rows: tuple[RecordSummary, ...]
    cents: int  # the sum of the rows' values in euros


@dataclass(frozen=True)
class Sheet:
    """One aid record with every field, its names resolved."""

    record: AidRecord
    donor: str
    recipient: str
    implementer: str
    category: str
    sources: tuple[str, ...]
    notes: tuple[Note, ...]
    history: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class Action:
    """A decision or follow-up with its owner's name."""

    action: MeetingAction
    owner: str


@dataclass(frozen=True)
class Minutes:
    """One meeting with the names of its people and the aid it discussed."""

    meeting: Meeting
    participants: tuple[tuple[str, str], ...]  # (name, role in the meeting)
    decisions: tuple[Action, ...]
    follow_ups: tuple[Action, ...]
    records: tuple[str, ...]  # titles of the aid records discussed
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class StageReached:
    """An aid record that reached a stage on a date within a briefing's period."""

    title: str
    donor: str
    stage: StageKind
    on: FuzzyDate
    cents: int | None


@dataclass(frozen=True)
class OpenFollowUp:
    text: str
    owner: str
    due_on: date | None
    meeting: str


@dataclass(frozen=True)
class Briefing:
    """What happened between two dates: meetings held, aid that changed stage, and the
    follow-ups still open."""

    date_from: date | None
    date_to: date | None
    meetings: tuple[Minutes, ...]
    stages: tuple[StageReached, ...]
    follow_ups: tuple[OpenFollowUp, ...]


@dataclass(frozen=True)
class Scope:
    """What a report covers: the records a query lets through (summary, list), or the
    records or meetings with these ids (sheet, minutes), or a period (briefing)."""

    query: RecordQuery = field(default_factory=RecordQuery)
    ids: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None


Content = Summary | RecordList | tuple[Sheet, ...] | tuple[Minutes, ...] | Briefing

# Rows read between two checks of whether the person cancelled.
CHUNK = 200


class CancelledError(Exception):
    """The person cancelled the report while it was being read."""


def read_content(
    catalogue: Catalogue,
    kind: ReportKind,
    scope: Scope,
    *,
    with_notes: bool = True,
    with_history: bool = False,
    going_on: Callable[[int, int], bool] | None = None,
) -> Content:
    """The content of a report of `kind` over `scope`, read in one read transaction.
    `going_on(done, total)` is told of progress and returns False to cancel (CancelledError)."""

    def step(done: int, total: int) -> None:
        if going_on is not None and not going_on(done, total):
            raise CancelledError

    with catalogue.reading():
        if kind is ReportKind.SUMMARY:
            return _summary(catalogue, scope.query)
        if kind is ReportKind.LIST:
            return _record_list(catalogue, scope.query, step)
        if kind is ReportKind.SHEET:
            return _sheets(catalogue, scope.ids, with_notes, with_history, step)
        if kind is ReportKind.MINUTES:
            return _all_minutes(catalogue, scope.ids, with_notes, step)
        return _briefing(catalogue, scope.date_from, scope.date_to, step)


def _summary(catalogue: Catalogue, query: RecordQuery) -> Summary:
    records, cents = catalogue.count_records(query)
    valued = catalogue.count_records(
        query if query.value_min_cents is not None else _valued(query)
    )[0]

    def groups(by: str) -> tuple[Group, ...]:
        return tuple(Group(*row) for row in catalogue.record_totals(query, by))

    return Summary(
        records=records,
        cents=cents,
        valued=valued,
        by_donor=groups("donor"),
        by_category=groups("category"),
        by_stage=groups("status"),
        by_month=groups("month"),
    )


def _valued(query: RecordQuery) -> RecordQuery:
    """The query narrowed to records with a value in euros (a value of 0 counts)."""
    return replace(query, value_min_cents=-(2**63))


def _record_list(
    catalogue: Catalogue, query: RecordQuery, step: Callable[[int, int], None]
) -> RecordList:
    total = catalogue.record_count(query)
    rows: list[RecordSummary] = []
    after = None
    while True:
        page = catalogue.record_page(query, limit=CHUNK, after=after)
        rows.extend(page.rows)
        step(len(rows), total)
        if len(page.rows) < CHUNK:
            break
        after = page.keys[-1]
    cents = sum(
        row.money.value_eur_cents
        for row in rows
        if row.money is not None and row.money.value_eur_cents is not None
    )
    return RecordList(rows=tuple(rows), cents=cents)


def _names(catalogue: Catalogue) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    organisations = {org.id: org.name for org in catalogue.organisations()}
    categories = {category.id: category.name for category in catalogue.categories()}
    sources = {source.id: source.title for source in catalogue.sources()}
    return organisations, categories, sources


def _sheets(
    catalogue: Catalogue,
    ids: Sequence[int],
    with_notes: bool,
    with_history: bool,
    step: Callable[[int, int], None],
) -> tuple[Sheet, ...]:
    organisations, categories, sources = _names(catalogue)

    def name(org_id: int | None) -> str:
        return organisations.get(org_id, "") if org_id is not None else ""

    sheets = []
    for done, record_id in enumerate(ids, start=1):
        try:
            record = catalogue.record(record_id)
        except CatalogueError:  # deleted since it was chosen
            continue
        sheets.append(
            Sheet(
                record=record,
                donor=name(record.donor_id),
                recipient=name(record.recipient_id),
                implementer=name(record.implementer_id),
                category=categories.get(record.category_id or 0, ""),
                sources=tuple(sources.get(i, f"#{i}") for i in record.source_ids),
                notes=tuple(catalogue.notes_for(record_id=record.id)) if with_notes else (),
                history=(
                    tuple(catalogue.history("aid_record", record.id, with_notes=with_notes))
                    if with_history
                    else ()
                ),
            )
        )
        step(done, len(ids))
    return tuple(sheets)


def _all_minutes(
    catalogue: Catalogue, ids: Sequence[int], with_notes: bool, step: Callable[[int, int], None]
) -> tuple[Minutes, ...]:
    people = {person.id: person.name for person in catalogue.people()}
    titles: dict[int, str] = {}
    found = []
    for done, meeting_id in enumerate(ids, start=1):
        try:
            meeting = catalogue.meeting(meeting_id)
        except CatalogueError:
            continue
        found.append(_minutes(catalogue, meeting, people, titles, with_notes))
        step(done, len(ids))
    return tuple(found)


def _minutes(
    catalogue: Catalogue,
    meeting: Meeting,
    people: dict[int, str],
    titles: dict[int, str],
    with_notes: bool,
) -> Minutes:
    def owner(action: MeetingAction) -> str:
        return people.get(action.owner_id, "") if action.owner_id is not None else ""

    for record_id in meeting.record_ids:
        if record_id not in titles:
            try:
                titles[record_id] = catalogue.record(record_id).title
            except CatalogueError:
                titles[record_id] = f"#{record_id}"
    return Minutes(
        meeting=meeting,
        participants=tuple(
            (people.get(p.person_id, f"#{p.person_id}"), p.role) for p in meeting.participants
        ),
        decisions=tuple(
            Action(a, owner(a)) for a in meeting.actions if a.kind is ActionKind.DECISION
        ),
        follow_ups=tuple(
            Action(a, owner(a)) for a in meeting.actions if a.kind is ActionKind.FOLLOW_UP
        ),
        records=tuple(titles[i] for i in meeting.record_ids),
        notes=tuple(catalogue.notes_for(meeting_id=meeting.id)) if with_notes else (),
    )


def _briefing(
    catalogue: Catalogue,
    date_from: date | None,
    date_to: date | None,
    step: Callable[[int, int], None],
) -> Briefing:
    people = {person.id: person.name for person in catalogue.people()}
    organisations = {org.id: org.name for org in catalogue.organisations()}
    titles: dict[int, str] = {}
    meetings = catalogue.meeting_rows(MeetingQuery(date_from=date_from, date_to=date_to))
    held = tuple(
        _minutes(catalogue, catalogue.meeting(row.id), people, titles, with_notes=False)
        for row in meetings
    )
    step(1, 3)
    query = RecordQuery(date_from=date_from, date_to=date_to)
    low = date_from or date.min
    high = date_to or date.max
    reached = []
    for record_id in catalogue.record_ids(query):
        record = catalogue.record(record_id)
        for stage in record.stages:
            when = stage.date.value
            if when is not None and low <= when <= high:
                money = stage.money or record.money
                reached.append(
                    StageReached(
                        title=record.title,
                        donor=organisations.get(record.donor_id or 0, ""),
                        stage=stage.kind,
                        on=stage.date,
                        cents=money.value_eur_cents if money is not None else None,
                    )
                )
    reached.sort(key=lambda s: (s.on.value or date.min, s.title))
    step(2, 3)
    open_follow_ups = []
    for meeting in catalogue.iter_meetings():
        for action in meeting.actions:
            if action.kind is ActionKind.FOLLOW_UP and not action.done:
                open_follow_ups.append(
                    OpenFollowUp(
                        text=action.text,
                        owner=people.get(action.owner_id or 0, ""),
                        due_on=action.due_on,
                        meeting=meeting.title,
                    )
                )
    open_follow_ups.sort(key=lambda f: (f.due_on or date.max, f.text))
    step(3, 3)
    return Briefing(
        date_from=date_from,
        date_to=date_to,
        meetings=held,
        stages=tuple(reached),
        follow_ups=tuple(open_follow_ups),
    )
