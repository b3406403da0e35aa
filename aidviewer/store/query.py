"""Sorting, filtering, searching and paging the records and meetings tables in SQL.

The window and the command line describe what they want with a `RecordQuery` or a
`MeetingQuery`; the store turns it into one WHERE clause and one ORDER BY that an index
answers, and reads a page of rows at a time. A page is found either after a row already
known (keyset: no row before it is read) or at an offset counted from the nearer end.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Generic, TypeVar, overload

from .base import FTS_MEETING, FTS_NOTE, FTS_RECORD, CatalogueBase
from .folding import excerpt
from .meetings import MeetingsMixin
from .records import SUMMARY_COLUMNS, RecordsMixin, summary_from_row
from .schema import SORT_EXPRESSIONS
from .types import AidType, MeetingSummary, RecordSummary, StageKind


class RecordSort(StrEnum):
    """The columns the records table sorts by; each has an index (schema.py)."""

    TITLE = "title"
    DONOR = "donor"
    RECIPIENT = "recipient"
    AID_TYPE = "aid_type"
    CATEGORY = "category"
    STATUS = "status"
    QUANTITY = "quantity"
    VALUE = "value"
    ANNOUNCED = "announced"
    DELIVERED = "delivered"
    UPDATED = "updated"
    ID = "id"


class MeetingSort(StrEnum):
    STARTS = "starts"
    TITLE = "title"
    PLACE = "place"
    ID = "id"


_MEETING_SORT = {
    MeetingSort.STARTS: "m.starts_at",
    MeetingSort.TITLE: "m.title COLLATE NOCASE",
    MeetingSort.PLACE: "m.place COLLATE NOCASE",
}


@dataclass(frozen=True, kw_only=True)
class RecordQuery:
    """What narrows and orders the records table. Empty fields do not narrow."""

    search: str = ""
    donor_ids: tuple[int, ...] = ()
    recipient_ids: tuple[int, ...] = ()
    aid_types: tuple[AidType, ...] = ()
    category_ids: tuple[int, ...] = ()
    statuses: tuple[StageKind, ...] = ()
    tags: tuple[str, ...] = ()
    date_from: date | None = None  # a stage dated on or after
    date_to: date | None = None  # a stage dated on or before
    value_min_cents: int | None = None
    value_max_cents: int | None = None
    ids: tuple[int, ...] = ()  # only these records (a selection printed)
    sort: RecordSort = RecordSort.ID
    descending: bool = False

    @property
    def narrowed(self) -> bool:
        return self != RecordQuery(sort=self.sort, descending=self.descending)


@dataclass(frozen=True, kw_only=True)
class MeetingQuery:
    search: str = ""
    date_from: date | None = None
    date_to: date | None = None
    # Meetings that discussed a record of these donors, categories or stages.
    donor_ids: tuple[int, ...] = ()
    category_ids: tuple[int, ...] = ()
    statuses: tuple[StageKind, ...] = ()
    sort: MeetingSort = MeetingSort.STARTS
    descending: bool = False

    @property
    def narrowed(self) -> bool:
        return self != MeetingQuery(sort=self.sort, descending=self.descending)


# A row's position in the sort order: its sort value and its id (the tie-breaker).
SortKey = tuple[Any, int]


@dataclass(frozen=True)
class Page:
    """Rows in sort order, each with its sort key."""

    rows: Sequence[Any]
    keys: list[SortKey]


T = TypeVar("T")


class LazyRows(Sequence[T], Generic[T]):
    """Database rows made into objects when first asked for: a table shows a screenful
    of a page at first, and making every row of it costs more than reading it."""

    __slots__ = ("_made", "_make", "_raw")

    def __init__(self, raw: list[sqlite3.Row], make: Callable[[sqlite3.Row], T]) -> None:
        self._raw = raw
        self._make = make
        self._made: list[T | None] = [None] * len(raw)

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> LazyRows[T]: ...

    def __getitem__(self, index: int | slice) -> T | LazyRows[T]:
        if isinstance(index, slice):
            sliced = LazyRows(self._raw[index], self._make)
            sliced._made = self._made[index]
            return sliced
        item = self._made[index]
        if item is None:
            item = self._made[index] = self._make(self._raw[index])
        return item

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self._raw)))


def fts_query(text: str) -> str | None:
    """Each word of `text` as a prefix term of an FTS5 query, all of them required; None
    when there is no word. User text never reaches FTS5's query syntax."""
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def search_words(text: str) -> list[str]:
    """The words a search looks for, as `fts_query` sees them."""
    return "".join(ch if ch.isalnum() else " " for ch in text).split()


@dataclass
class _Sql:
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.where.append(clause)
        self.params.extend(params)

    def any_of(self, column: str, values: tuple[Any, ...]) -> None:
        if values:
            marks = ", ".join("?" for _ in values)
            self.add(f"{column} IN ({marks})", *values)

    def clause(self) -> str:
        return " WHERE " + " AND ".join(self.where) if self.where else ""


def _record_filter(query: RecordQuery, *, walk_sort_index: bool = False) -> _Sql:
    """The WHERE clause of `query`. With `walk_sort_index`, the filter's own indexes are
    kept out of the plan (SQLite's unary "+"), so that a page of a filter that lets many
    rows through walks the sort's index and stops after a page, instead of collecting
    every row the filter lets through and sorting them all for each page."""
    sql = _Sql()
    r = "+r" if walk_sort_index else "r"
    match = fts_query(query.search)
    if match is not None:
        sql.add(
            f"{r}.id IN (SELECT rowid / 4 FROM search_index WHERE search_index MATCH ?"
            f" AND rowid % 4 = {FTS_RECORD}"
            " UNION SELECT n.record_id FROM note n WHERE n.record_id IS NOT NULL AND n.id IN"
            " (SELECT rowid / 4 FROM search_index WHERE search_index MATCH ?"
            f" AND rowid % 4 = {FTS_NOTE}))",
            match,
            match,
        )
    sql.any_of(f"{r}.donor_id", query.donor_ids)
    sql.any_of(f"{r}.recipient_id", query.recipient_ids)
    sql.any_of(f"{r}.aid_type", tuple(AidType(t).value for t in query.aid_types))
    sql.any_of(f"{r}.category_id", query.category_ids)
    sql.any_of(f"{r}.status", tuple(StageKind(s).value for s in query.statuses))
    if query.tags:
        marks = ", ".join("?" for _ in query.tags)
        sql.add(
            f"{r}.id IN (SELECT rt.record_id FROM record_tag rt JOIN tag t ON t.id = rt.tag_id"
            f" WHERE t.name COLLATE NOCASE IN ({marks}))",
            *query.tags,
        )
    if query.date_from is not None or query.date_to is not None:
        low = query.date_from.isoformat() if query.date_from else "0000"
        high = query.date_to.isoformat() if query.date_to else "9999"
        sql.add(f"{r}.id IN (SELECT record_id FROM stage WHERE date BETWEEN ? AND ?)", low, high)
    if query.value_min_cents is not None:
        sql.add(f"{r}.value_eur_cents >= ?", query.value_min_cents)
    if query.value_max_cents is not None:
        sql.add(f"{r}.value_eur_cents <= ?", query.value_max_cents)
    if query.ids:
        # A selection can hold thousands of ids: one JSON array, not a placeholder each.
        sql.add(f"{r}.id IN (SELECT value FROM json_each(?))", json.dumps(list(query.ids)))
    return sql


def _meeting_filter(query: MeetingQuery) -> _Sql:
    sql = _Sql()
    match = fts_query(query.search)
    if match is not None:
        sql.add(
            "m.id IN (SELECT rowid / 4 FROM search_index WHERE search_index MATCH ?"
            f" AND rowid % 4 = {FTS_MEETING}"
            " UNION SELECT n.meeting_id FROM note n WHERE n.meeting_id IS NOT NULL AND n.id IN"
            " (SELECT rowid / 4 FROM search_index WHERE search_index MATCH ?"
            f" AND rowid % 4 = {FTS_NOTE}))",
            match,
            match,
        )
    if query.date_from is not None:
        sql.add("m.starts_at >= ?", query.date_from.isoformat())
    if query.date_to is not None:
        # "2023-11-10T14:00" is still on the 10th: compare with the day after, exclusive.
        sql.add("substr(m.starts_at, 1, 10) <= ?", query.date_to.isoformat())
    records = _Sql()
    records.any_of("r.donor_id", query.donor_ids)
    records.any_of("r.category_id", query.category_ids)
    records.any_of("r.status", tuple(StageKind(s).value for s in query.statuses))
    if records.where:
        sql.add(
            "m.id IN (SELECT mr.meeting_id FROM meeting_record mr JOIN aid_record r"
            f" ON r.id = mr.record_id{records.clause()})",
            *records.params,
        )
    return sql


class QueryMixin(RecordsMixin, MeetingsMixin, CatalogueBase):
    # -- records ------------------------------------------------------------------------

    def record_count(self, query: RecordQuery = RecordQuery()) -> int:
        """How many records `query` lets through; unfiltered, the kept tally (schema v3)
        answers without counting."""
        if not query.narrowed:
            return int(self._query("SELECT rows FROM tally WHERE name = 'aid_record'")[0][0])
        sql = _record_filter(query)
        rows = self._query("SELECT count(*) FROM aid_record r" + sql.clause(), tuple(sql.params))
        return int(rows[0][0])

    def count_records(self, query: RecordQuery = RecordQuery()) -> tuple[int, int]:
        """(number of records, sum of their EUR values in cents) that `query` lets through."""
        sql = _record_filter(query)
        rows = self._query(
            "SELECT count(*), coalesce(sum(r.value_eur_cents), 0) FROM aid_record r" + sql.clause(),
            tuple(sql.params),
        )
        return int(rows[0][0]), int(rows[0][1])

    def record_totals(self, query: RecordQuery, by: str) -> list[tuple[str, int, int]]:
        """(group, number of records, sum of their EUR values in cents) for the records
        `query` lets through, grouped `by` "donor", "category", "status" or "month" (the
        month announced, "YYYY-MM"; "" when not known to the month), largest sum first.
        The sums are SQLite's exact integer sums: together they make the total."""
        groups = {
            "donor": "r.donor_name",
            "category": "r.category_name",
            "status": "coalesce(r.status, '')",
            "month": "CASE WHEN r.announced_precision IN ('day', 'month')"
            " THEN substr(r.announced_on, 1, 7) ELSE '' END",
        }
        if by not in groups:
            raise ValueError(f"cannot group records by {by!r}")
        sql = _record_filter(query)
        order = "1" if by == "month" else "3 DESC, 1"
        rows = self._query(
            f"SELECT {groups[by]}, count(*), coalesce(sum(r.value_eur_cents), 0)"
            f" FROM aid_record r{sql.clause()} GROUP BY 1 ORDER BY {order}",
            tuple(sql.params),
        )
        return [(str(row[0] or ""), int(row[1]), int(row[2])) for row in rows]

    def record_page(
        self,
        query: RecordQuery,
        *,
        limit: int,
        offset: int = 0,
        after: SortKey | None = None,
        from_end: bool = False,
        many: bool = False,
    ) -> Page:
        """Up to `limit` records in the query's order, skipping `offset` rows, starting
        after the row with sort key `after` when given. With `from_end`, counts from the
        last row backwards (the rows come back in backward order). `many` says the query
        lets a large share of the records through (the caller knows from its count): the
        page is then read along the sort's index."""
        expression = self._record_key(query)
        walk = many and query.sort is not RecordSort.ID and query.narrowed
        sql = _record_filter(query, walk_sort_index=walk)
        rows = self._page(
            f"SELECT {_RECORD_COLUMNS}, {{key}} AS sort_key FROM aid_record r",
            expression,
            "r.id",
            sql,
            descending=query.descending != from_end,
            limit=limit,
            offset=offset,
            after=after,
        )
        return Page(LazyRows(rows, summary_from_row), _keys(rows))

    def record_rows(self, query: RecordQuery, limit: int | None = None) -> list[RecordSummary]:
        """The records `query` lets through, in its order (the command line's table)."""
        return list(self.record_page(query, limit=-1 if limit is None else limit).rows)

    def record_ids(self, query: RecordQuery) -> list[int]:
        """The ids of the records `query` lets through, in its order."""
        sql = _record_filter(query)
        expression = self._record_key(query)
        direction = " DESC" if query.descending else ""
        rows = self._query(
            f"SELECT r.id FROM aid_record r{sql.clause()}"
            f" ORDER BY {expression}{direction}, r.id{direction}",
            tuple(sql.params),
        )
        return [int(row[0]) for row in rows]

    def record_position(self, query: RecordQuery, record_id: int) -> int | None:
        """The row at which `query` shows this record, or None if it does not show it."""
        return self._position(
            "aid_record r", _record_filter(query), self._record_key(query), "r.id",
            query.descending, record_id,
        )  # fmt: skip

    @staticmethod
    def _record_key(query: RecordQuery) -> str:
        return "r.id" if query.sort is RecordSort.ID else SORT_EXPRESSIONS[query.sort]

    def _position(
        self, table: str, sql: _Sql, expression: str, id_column: str, descending: bool, row_id: int
    ) -> int | None:
        """How many rows come before this one in the filtered, sorted table."""
        where = sql.clause()
        joiner = " AND " if where else " WHERE "
        with self._read() as con:
            key = con.execute(
                f"SELECT {expression} FROM {table}{where}{joiner}{id_column} = ?",
                (*sql.params, row_id),
            ).fetchone()
            if key is None:
                return None
            before = con.execute(
                f"SELECT count(*) FROM {table}{where}{joiner}"
                f"({expression}, {id_column}) {'>' if descending else '<'} (?, ?)",
                (*sql.params, key[0], row_id),
            ).fetchone()
        return int(before[0])

    # -- meetings -----------------------------------------------------------------------

    def count_meetings(self, query: MeetingQuery = MeetingQuery()) -> int:
        sql = _meeting_filter(query)
        rows = self._query("SELECT count(*) FROM meeting m" + sql.clause(), tuple(sql.params))
        return int(rows[0][0])

    def meeting_position(self, query: MeetingQuery, meeting_id: int) -> int | None:
        """The row at which `query` shows this meeting, or None if it does not show it."""
        expression = "m.id" if query.sort is MeetingSort.ID else _MEETING_SORT[query.sort]
        return self._position(
            "meeting m", _meeting_filter(query), expression, "m.id", query.descending, meeting_id
        )

    def meeting_page(
        self,
        query: MeetingQuery,
        *,
        limit: int,
        offset: int = 0,
        after: SortKey | None = None,
        from_end: bool = False,
    ) -> Page:
        """As `record_page`, for meetings."""
        expression = "m.id" if query.sort is MeetingSort.ID else _MEETING_SORT[query.sort]
        sql = _meeting_filter(query)
        with self._read():
            rows = self._page(
                "SELECT m.*, {key} AS sort_key FROM meeting m",
                expression,
                "m.id",
                sql,
                descending=query.descending != from_end,
                limit=limit,
                offset=offset,
                after=after,
            )
            summaries = self._meeting_summaries(rows)
        return Page(summaries, _keys(rows))

    def meeting_rows(self, query: MeetingQuery, limit: int | None = None) -> list[MeetingSummary]:
        return list(self.meeting_page(query, limit=-1 if limit is None else limit).rows)

    def meeting_summaries(self) -> list[MeetingSummary]:
        """Every meeting as a table row, earliest first."""
        with self._read() as con:
            rows = con.execute("SELECT * FROM meeting ORDER BY starts_at, id").fetchall()
            return self._meeting_summaries(rows)

    def meetings_for_record(self, record_id: int) -> list[MeetingSummary]:
        """The meetings that discussed a record, earliest first (through an index)."""
        with self._read() as con:
            rows = con.execute(
                "SELECT m.* FROM meeting_record mr JOIN meeting m ON m.id = mr.meeting_id"
                " WHERE mr.record_id = ? ORDER BY m.starts_at, m.id",
                (record_id,),
            ).fetchall()
            return self._meeting_summaries(rows)

    def _meeting_summaries(self, rows: list[sqlite3.Row]) -> list[MeetingSummary]:
        """Table rows for these meetings, with participants and topics in two queries."""
        ids = [row["id"] for row in rows]
        marks = ", ".join("?" for _ in ids)
        names: dict[int, list[str]] = {i: [] for i in ids}
        topics: dict[int, list[str]] = {i: [] for i in ids}
        if ids:
            for meeting_id, name in self._con.execute(
                "SELECT mp.meeting_id, p.name FROM meeting_participant mp JOIN person p"
                f" ON p.id = mp.person_id WHERE mp.meeting_id IN ({marks})"
                " ORDER BY mp.meeting_id, mp.position",
                ids,
            ):
                names[meeting_id].append(name)
            for meeting_id, text in self._con.execute(
                f"SELECT meeting_id, text FROM meeting_topic WHERE meeting_id IN ({marks})"
                " ORDER BY meeting_id, position",
                ids,
            ):
                topics[meeting_id].append(text)
        return [
            MeetingSummary(
                id=row["id"],
                version=row["version"],
                title=row["title"],
                starts_at=row["starts_at"],
                ends_at=row["ends_at"],
                place=row["place"],
                participants=tuple(names[row["id"]]),
                topics=tuple(topics[row["id"]]),
                updated_at=row["updated_at"],
                updated_by=row["updated_by"],
            )
            for row in rows
        ]

    # -- search results -----------------------------------------------------------------

    def record_snippets(self, text: str, record_ids: list[int]) -> dict[int, str]:
        """For each record that `text` finds, the best matching passage of its title,
        description or notes, the matched words between \\x02 and \\x03."""
        return self._snippets(text, record_ids, FTS_RECORD, "record_id")

    def meeting_snippets(self, text: str, meeting_ids: list[int]) -> dict[int, str]:
        return self._snippets(text, meeting_ids, FTS_MEETING, "meeting_id")

    def _snippets(self, text: str, ids: list[int], kind: int, owner: str) -> dict[int, str]:
        """The passage around the first word found, in the title, then the description
        (topics and minutes for a meeting), then the notes, newest first.

        Found in Python over the texts of these few rows: asking FTS5 for snippets of
        given rows still evaluates the whole query, seconds for a common prefix among
        millions of notes. The words are matched as the index matches them.
        """
        words = search_words(text)
        if not words or not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        texts: dict[int, list[str]] = {row_id: [] for row_id in ids}
        with self._read() as con:
            if kind == FTS_RECORD:
                own = con.execute(
                    f"SELECT id, title, description FROM aid_record WHERE id IN ({marks})", ids
                )
            else:
                own = con.execute(
                    "SELECT m.id, m.title, coalesce((SELECT group_concat(t.text, char(10))"
                    " FROM meeting_topic t WHERE t.meeting_id = m.id) || char(10), '')"
                    f" || m.minutes FROM meeting m WHERE m.id IN ({marks})",
                    ids,
                )
            for row_id, title, body in own:
                texts[row_id][:0] = [title, body]
            for row_id, body in con.execute(
                f"SELECT {owner}, body FROM note WHERE {owner} IN ({marks})"
                " ORDER BY created_at DESC, id DESC",
                ids,
            ):
                texts[row_id].append(body)
        found: dict[int, str] = {}
        for row_id, candidates in texts.items():
            for candidate in candidates:
                passage = excerpt(candidate, words)
                if passage:
                    found[row_id] = passage
                    break
        return found

    # -- the paging query ---------------------------------------------------------------

    def _page(
        self,
        select: str,
        expression: str,
        id_column: str,
        sql: _Sql,
        *,
        descending: bool,
        limit: int,
        offset: int,
        after: SortKey | None,
    ) -> list[sqlite3.Row]:
        where = list(sql.where)
        params = list(sql.params)
        if after is not None:
            # Row values compare pairwise with the left side's collation, so the index on
            # (expression, id) is used in both directions.
            where.append(f"({expression}, {id_column}) {'<' if descending else '>'} (?, ?)")
            params.extend(after)
        direction = " DESC" if descending else ""
        statement = (
            select.format(key=expression)
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {expression}{direction}, {id_column}{direction} LIMIT ? OFFSET ?"
        )
        rows = self._query(statement, (*params, limit, offset))
        stats = self.paging_stats
        stats.queries += 1
        stats.rows += len(rows)
        stats.largest_offset = max(stats.largest_offset, offset)
        return rows


_RECORD_COLUMNS = ", ".join(f"r.{name}" for name in SUMMARY_COLUMNS)


def _keys(rows: list[sqlite3.Row]) -> list[SortKey]:
    return [(row["sort_key"], row["id"]) for row in rows]
