"""Aid records with their stages, sources and tags."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal

from .base import FTS_RECORD, CatalogueBase, DbValue, _integrity_message, utc_now
from .directory import DirectoryMixin, fuzzy_from_db, fuzzy_to_db
from .errors import InvalidValueError, NotFoundError
from .folding import plain_spellings
from .types import (
    AidRecord,
    AidType,
    Money,
    RecordSummary,
    Stage,
    StageKind,
    status_of,
)


def money_to_db(money: Money | None) -> dict[str, DbValue]:
    if money is None:
        return dict.fromkeys(
            ("amount_minor", "currency", "value_eur_cents", "eur_rate", "rate_date")
        )
    currency = money.currency.strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise InvalidValueError(f"“{money.currency}” is not an ISO 4217 currency code.")
    if currency == "EUR" and money.value_eur_cents not in (None, money.amount_minor):
        raise InvalidValueError("An amount in euros is its own value in euros.")
    if money.eur_rate is not None and not (money.eur_rate.is_finite() and money.eur_rate > 0):
        raise InvalidValueError("An exchange rate must be greater than zero.")
    return {
        "amount_minor": int(money.amount_minor),
        "currency": currency,
        "value_eur_cents": money.value_eur_cents,
        "eur_rate": None if money.eur_rate is None else str(money.eur_rate),
        "rate_date": None if money.rate_date is None else money.rate_date.isoformat(),
    }


def money_from_db(row: sqlite3.Row) -> Money | None:
    if row["amount_minor"] is None:
        return None
    return Money(
        amount_minor=row["amount_minor"],
        currency=row["currency"],
        value_eur_cents=row["value_eur_cents"],
        eur_rate=None if row["eur_rate"] is None else Decimal(row["eur_rate"]),
        rate_date=None if row["rate_date"] is None else date.fromisoformat(row["rate_date"]),
    )


def _describe_stage(stage: Stage) -> str:
    parts = [stage.kind.value, stage.date.iso() or "date unknown"]
    if stage.quantity is not None:
        parts.append(f"quantity {stage.quantity}")
    if stage.money is not None:
        parts.append(f"{stage.money.amount} {stage.money.currency}")
    if stage.note:
        parts.append(stage.note)
    return ", ".join(parts)


def _check_record(record: AidRecord) -> None:
    if not record.title.strip():
        raise InvalidValueError("An aid record needs a title.")
    if len(record.source_ref) > 500:
        raise InvalidValueError("A source reference is at most 500 characters long.")
    for quantity in (record.quantity, *(stage.quantity for stage in record.stages)):
        if quantity is not None and quantity < 0:
            raise InvalidValueError("A quantity cannot be negative.")


class RecordsMixin(DirectoryMixin, CatalogueBase):
    def _record_values(
        self, record: AidRecord, names: dict[tuple[str, int], str] | None = None
    ) -> dict[str, DbValue]:
        """The record's columns, with the copies of names and stage dates that let the
        table sort and filter through indexes (schema version 2). `names` caches the
        names looked up, for many records at once."""
        status = status_of(record.stages)
        announced = record.stage_date(StageKind.ANNOUNCED)
        delivered = record.stage_date(StageKind.DELIVERED)
        return {
            "title": record.title.strip(),
            "description": record.description,
            "donor_id": record.donor_id,
            "recipient_id": record.recipient_id,
            "implementer_id": record.implementer_id,
            "aid_type": AidType(record.aid_type).value,
            "category_id": record.category_id,
            "item": record.item.strip(),
            "quantity": record.quantity,
            "unit": record.unit.strip(),
            "source_ref": record.source_ref.strip() or None,
            **money_to_db(record.money),
            "status": None if status is None else status.value,
            "donor_name": self._name_of("organisation", record.donor_id, names),
            "recipient_name": self._name_of("organisation", record.recipient_id, names),
            "category_name": self._name_of("category", record.category_id, names),
            "status_rank": -1 if status is None else status.rank,
            "announced_on": announced.value.isoformat() if announced.value else "",
            "announced_precision": announced.precision.value,
            "delivered_on": delivered.value.isoformat() if delivered.value else "",
            "delivered_precision": delivered.precision.value,
        }

    def _name_of(
        self, table: str, row_id: int | None, names: dict[tuple[str, int], str] | None = None
    ) -> str:
        if row_id is None:
            return ""
        if names is not None and (table, row_id) in names:
            return names[(table, row_id)]
        row = self._con.execute(f"SELECT name FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise InvalidValueError(f"This aid record refers to a {table} that does not exist.")
        if names is not None:
            names[(table, row_id)] = str(row[0])
        return str(row[0])

    def _record_children_text(self, record: AidRecord) -> dict[str, str]:
        sources = ", ".join(f"#{sid}" for sid in record.source_ids)
        return {
            "stages": "\n".join(_describe_stage(stage) for stage in record.stages),
            "sources": sources,
            "tags": ", ".join(_normal_tags(record.tags)),
        }

    def _write_children(
        self,
        record_id: int,
        record: AidRecord,
        *,
        restoring: bool = False,
    ) -> None:
        con = self._con
        # A stage keeps its id when it is saved again, or put back with its record, unless
        # another record's stage has the id now (a copied record, a reused number).
        own = {
            row[0] for row in con.execute("SELECT id FROM stage WHERE record_id = ?", (record_id,))
        }
        if restoring:
            ids = [stage.id for stage in record.stages if stage.id]
            marks = ", ".join("?" for _ in ids)
            taken = {
                row[0] for row in con.execute(f"SELECT id FROM stage WHERE id IN ({marks})", ids)
            }
            own |= set(ids) - taken
        con.execute("DELETE FROM stage WHERE record_id = ?", (record_id,))
        for position, stage in enumerate(record.stages):
            when, precision = fuzzy_to_db(stage.date)
            values = {
                "record_id": record_id,
                "kind": StageKind(stage.kind).value,
                "date": when,
                "date_precision": precision,
                "quantity": stage.quantity,
                **money_to_db(stage.money),
                "note": stage.note,
                "position": position,
            }
            if stage.id in own:
                values["id"] = stage.id
            columns = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            con.execute(f"INSERT INTO stage ({columns}) VALUES ({marks})", tuple(values.values()))
        con.execute("DELETE FROM record_source WHERE record_id = ?", (record_id,))
        con.executemany(
            "INSERT INTO record_source (record_id, source_id, position) VALUES (?, ?, ?)",
            [(record_id, sid, pos) for pos, sid in enumerate(dict.fromkeys(record.source_ids))],
        )
        con.execute("DELETE FROM record_tag WHERE record_id = ?", (record_id,))
        tag_ids = dict.fromkeys(self._tag_id(name) for name in _normal_tags(record.tags))
        con.executemany(
            "INSERT INTO record_tag (record_id, tag_id) VALUES (?, ?)",
            [(record_id, tag_id) for tag_id in tag_ids],
        )
        self._index(record_id * 4 + FTS_RECORD, record.title, record.description)

    def add_records(self, records: Sequence[AidRecord]) -> list[int]:
        """Add many new records at once (an import), each checked, logged and indexed as
        add_record does, without reading each back; their ids, in order. All of them
        or, if one is refused, none.

        The rows of each table go in together, numbered after the highest id (which a
        new row would take anyway), and the trigger that counts records is set aside
        while they go in (it costs more than the rest of an insert): the count is raised
        once, in the same transaction, which puts the trigger back."""
        for record in records:
            _check_record(record)
        if not records:
            return []
        names: dict[tuple[str, int], str] = {}
        with self._write():
            con = self._con
            now = utc_now()
            first = int(
                con.execute("SELECT coalesce(max(id), 0) + 1 FROM aid_record").fetchone()[0]
            )
            ids = list(range(first, first + len(records)))
            rows: list[tuple[DbValue, ...]] = []
            logs: list[tuple[DbValue, ...]] = []
            texts: list[tuple[DbValue, ...]] = []
            stages: list[tuple[DbValue, ...]] = []
            sources: list[tuple[int, int, int]] = []
            tagged: list[tuple[int, tuple[str, ...]]] = []
            for record_id, record in zip(ids, records, strict=True):
                values = self._record_values(record, names)
                snapshot = json.dumps(
                    {**values, **self._record_children_text(record)},
                    ensure_ascii=False,
                    sort_keys=True,
                )
                rows.append((record_id, *values.values(), 1, now, now, self.user))
                logs.append((now, self.user, "aid_record", record_id, "create", "*", None,
                             snapshot))  # fmt: skip
                texts.append((record_id * 4 + FTS_RECORD, record.title, record.description,
                              plain_spellings(record.title, record.description)))  # fmt: skip
                for position, stage in enumerate(record.stages):
                    when, precision = fuzzy_to_db(stage.date)
                    money = money_to_db(stage.money)
                    stages.append((record_id, StageKind(stage.kind).value, when, precision,
                                   stage.quantity, money["amount_minor"], money["currency"],
                                   money["value_eur_cents"], money["eur_rate"],
                                   money["rate_date"], stage.note, position))  # fmt: skip
                sources.extend(
                    (record_id, source_id, position)
                    for position, source_id in enumerate(dict.fromkeys(record.source_ids))
                )
                tagged.append((record_id, _normal_tags(record.tags)))
            columns = ", ".join(
                ["id", *self._record_values(records[0], names), "version", "created_at",
                 "updated_at", "updated_by"]
            )  # fmt: skip
            marks = ", ".join("?" for _ in rows[0])
            trigger = con.execute(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger'"
                " AND name = 'aid_record_tally_insert'"
            ).fetchone()
            if trigger is not None:
                con.execute("DROP TRIGGER aid_record_tally_insert")
            try:
                try:
                    con.executemany(f"INSERT INTO aid_record ({columns}) VALUES ({marks})", rows)
                except sqlite3.IntegrityError as error:
                    raise InvalidValueError(_integrity_message("aid_record", error)) from error
                con.execute(
                    "UPDATE tally SET rows = rows + ? WHERE name = 'aid_record'", (len(ids),)
                )
            finally:
                # After a failure SQLite may have rolled the transaction back itself
                # (a full disk): the trigger is then back already.
                if trigger is not None and con.in_transaction:
                    con.execute(trigger[0])
            con.executemany(
                "INSERT INTO history (at, who, entity, entity_id, action, field, old, new)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                logs,
            )
            con.executemany(
                "INSERT INTO search_index (rowid, title, body, plain) VALUES (?, ?, ?, ?)",
                texts,
            )
            con.executemany(
                "INSERT INTO stage (record_id, kind, date, date_precision, quantity,"
                " amount_minor, currency, value_eur_cents, eur_rate, rate_date, note, position)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                stages,
            )
            try:
                con.executemany(
                    "INSERT INTO record_source (record_id, source_id, position) VALUES (?, ?, ?)",
                    sources,
                )
            except sqlite3.IntegrityError as error:
                raise InvalidValueError(
                    "This aid record refers to a source that does not exist."
                ) from error
            tag_ids: dict[str, int] = {}
            links: list[tuple[int, int]] = []
            for record_id, tags in tagged:
                for name in tags:
                    key = name.casefold()
                    if key not in tag_ids:
                        tag_ids[key] = self._tag_id(name)
                chosen = dict.fromkeys(tag_ids[name.casefold()] for name in tags)
                links.extend((record_id, tag_id) for tag_id in chosen)
            con.executemany("INSERT INTO record_tag (record_id, tag_id) VALUES (?, ?)", links)
        return ids

    def add_record(self, record: AidRecord) -> AidRecord:
        _check_record(record)
        with self._write():
            new_id, _ = self._insert(
                "aid_record",
                "aid_record",
                self._record_values(record),
                self._record_children_text(record),
            )
            try:
                self._write_children(new_id, record)
            except sqlite3.IntegrityError as error:
                raise InvalidValueError(
                    "This aid record refers to a source that does not exist."
                ) from error
            return self.record(new_id)

    def record(self, record_id: int) -> AidRecord:
        with self._read() as con:
            row = con.execute("SELECT * FROM aid_record WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                raise NotFoundError("This aid record does not exist.", self.path)
            return self._record_from_row(row)

    def _record_from_row(self, row: sqlite3.Row) -> AidRecord:
        con = self._con
        record_id = row["id"]
        stages = tuple(
            Stage(
                id=s["id"],
                kind=StageKind(s["kind"]),
                date=fuzzy_from_db(s["date"], s["date_precision"]),
                quantity=s["quantity"],
                money=money_from_db(s),
                note=s["note"],
            )
            for s in con.execute(
                "SELECT * FROM stage WHERE record_id = ? ORDER BY position", (record_id,)
            )
        )
        source_ids = tuple(
            r[0]
            for r in con.execute(
                "SELECT source_id FROM record_source WHERE record_id = ? ORDER BY position",
                (record_id,),
            )
        )
        tags = tuple(
            r[0]
            for r in con.execute(
                "SELECT t.name FROM record_tag rt JOIN tag t ON t.id = rt.tag_id"
                " WHERE rt.record_id = ? ORDER BY t.name COLLATE NOCASE",
                (record_id,),
            )
        )
        return AidRecord(
            id=record_id,
            version=row["version"],
            title=row["title"],
            description=row["description"],
            donor_id=row["donor_id"],
            recipient_id=row["recipient_id"],
            implementer_id=row["implementer_id"],
            aid_type=AidType(row["aid_type"]),
            category_id=row["category_id"],
            item=row["item"],
            quantity=row["quantity"],
            unit=row["unit"],
            money=money_from_db(row),
            stages=stages,
            source_ids=source_ids,
            tags=tags,
            source_ref=row["source_ref"] or "",
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            updated_by=row["updated_by"],
        )

    def record_ids_by_source(self, scheme: str = "") -> dict[str, int]:
        """The records that came from imported files: each source reference (those
        beginning with `scheme`, such as "kiel:") with its record's id."""
        with self._read() as con:
            rows = con.execute(
                "SELECT source_ref, id FROM aid_record WHERE source_ref IS NOT NULL"
                " AND substr(source_ref, 1, ?) = ?",
                (len(scheme), scheme),
            ).fetchall()
        return {row[0]: row[1] for row in rows}

    def iter_records(self, chunk: int = 500) -> Iterator[AidRecord]:
        """Every record with its stages, sources and tags, in id order.

        Read in chunks, each in its own short read transaction: no lock is held while
        the caller works on the records, or if it stops half-way.
        """
        last = 0
        while True:
            with self._read() as con:
                rows = con.execute(
                    "SELECT * FROM aid_record WHERE id > ? ORDER BY id LIMIT ?", (last, chunk)
                ).fetchall()
                records = [self._record_from_row(row) for row in rows]
            if not records:
                return
            yield from records
            last = records[-1].id

    def update_record(self, record: AidRecord) -> AidRecord:
        _check_record(record)
        with self._write():
            self._current("aid_record", "aid_record", record.id, record.version)
            old = self.record(record.id)
            old_text = self._record_children_text(old)
            new_text = self._record_children_text(record)
            children_changed = (old.stages, old.source_ids, old.tags) != (
                record.stages,
                record.source_ids,
                _normal_tags(record.tags),
            )
            changed = self._update(
                "aid_record",
                "aid_record",
                record.id,
                record.version,
                self._record_values(record),
                {name: (old_text[name], new_text[name]) for name in old_text},
            )
            if changed or children_changed:
                try:
                    self._write_children(record.id, record)
                except sqlite3.IntegrityError as error:
                    raise InvalidValueError(
                        "This aid record refers to a source that does not exist."
                    ) from error
            return self.record(record.id)

    def delete_record(self, record_id: int, version: int) -> None:
        with self._write("delete"):
            self._current("aid_record", "aid_record", record_id, version)
            record = self.record(record_id)
            self._delete_notes_of("record_id", record_id)
            meetings = self._con.execute(
                "SELECT meeting_id FROM meeting_record WHERE record_id = ?", (record_id,)
            ).fetchall()
            for (meeting_id,) in meetings:
                linked = self._linked_records(meeting_id)
                self._touch_links(meeting_id, linked, [rid for rid in linked if rid != record_id])
            self._delete(
                "aid_record", "aid_record", record_id, version, self._record_children_text(record)
            )
            self._unindex(record_id * 4 + FTS_RECORD)

    def _linked_records(self, meeting_id: int) -> list[int]:
        """The records a meeting discussed, in id order."""
        rows = self._con.execute(
            "SELECT record_id FROM meeting_record WHERE meeting_id = ? ORDER BY record_id",
            (meeting_id,),
        )
        return [row[0] for row in rows]

    def _touch_links(self, meeting_id: int, old: list[int], new: list[int]) -> None:
        """A meeting's records changed because one of them went or came back: a new
        version of the meeting, and the change in its history."""
        self._touch(
            "meeting",
            "meeting",
            meeting_id,
            "records",
            ", ".join(f"#{rid}" for rid in old),
            ", ".join(f"#{rid}" for rid in new),
        )

    # -- the table ------------------------------------------------------------------------

    def record_summaries(self) -> list[RecordSummary]:
        """Every record as a table row with names resolved, in id order."""
        rows = self._query("SELECT * FROM aid_record ORDER BY id")
        return [summary_from_row(row) for row in rows]

    def totals(self) -> tuple[int, int]:
        """(number of records, sum of their EUR values in cents)."""
        rows = self._query("SELECT count(*), coalesce(sum(value_eur_cents), 0) FROM aid_record")
        return int(rows[0][0]), int(rows[0][1])


def _normal_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    unique = {tag.strip().casefold(): tag.strip() for tag in reversed(tags) if tag.strip()}
    return tuple(sorted(unique.values(), key=str.casefold))


# What summary_from_row reads: every column but the description, which may be long.
SUMMARY_COLUMNS = (
    "id", "version", "title", "donor_name", "recipient_name", "aid_type", "category_name",
    "status", "quantity", "unit", "amount_minor", "currency", "value_eur_cents", "eur_rate",
    "rate_date", "announced_on", "announced_precision", "delivered_on", "delivered_precision",
    "updated_at", "updated_by",
)  # fmt: skip


def summary_from_row(row: sqlite3.Row) -> RecordSummary:
    """A table row from an `aid_record` row (names come from the copies on the record)."""
    return RecordSummary(
        id=row["id"],
        version=row["version"],
        title=row["title"],
        donor=row["donor_name"],
        recipient=row["recipient_name"],
        aid_type=AidType(row["aid_type"]),
        category=row["category_name"],
        status=StageKind(row["status"]) if row["status"] else None,
        quantity=row["quantity"],
        unit=row["unit"],
        money=money_from_db(row),
        announced_on=fuzzy_from_db(row["announced_on"] or None, row["announced_precision"]),
        delivered_on=fuzzy_from_db(row["delivered_on"] or None, row["delivered_precision"]),
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
    )
