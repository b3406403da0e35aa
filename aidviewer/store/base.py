"""Shared machinery of the catalogue: transactions, versioned rows and history."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import connection, presence
from .errors import (
    CatalogueError,
    ConflictError,
    InvalidValueError,
    LockedError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
)
from .folding import plain_spellings

DbValue = str | int | float | bytes | None

# Columns that copy what other fields already say (schema version 2: names, stage dates
# and the status's rank for sorting); their change is logged with the field it follows.
COPIED_COLUMNS = frozenset(
    {
        "donor_name", "recipient_name", "category_name", "status_rank", "announced_on",
        "announced_precision", "delivered_on", "delivered_precision",
    }
)  # fmt: skip

# Rowid offsets of the full-text index (see schema.py).
FTS_RECORD, FTS_MEETING, FTS_NOTE = 1, 2, 3


@dataclass
class PagingStats:
    """What paging has cost so far: tests use it to show that a far row is reached
    without reading the rows before it."""

    queries: int = 0
    rows: int = 0
    largest_offset: int = 0


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _text(value: DbValue) -> str | None:
    return None if value is None else str(value)


def _identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of the file now at `path`, None when there is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


class CatalogueBase:
    """Holds the connection; subclasses add one family of entities each."""

    def __init__(self, con: sqlite3.Connection, path: Path, *, read_only: bool, user: str):
        con.row_factory = sqlite3.Row
        self._main = con
        # While a save waits on a worker for another program's lock, it holds `_main`:
        # the window's reads meanwhile go to `_reader`, a read-only connection of its own.
        self._waiting = False
        self._reader: sqlite3.Connection | None = None
        self._busy_timeout = int(con.execute("PRAGMA busy_timeout").fetchone()[0]) / 1000
        self.path = path
        self.read_only = read_only
        self.user = user
        self._in_batch = False
        self.paging_stats = PagingStats()
        # Whether the file passed quick_check on opening; a big one is checked later.
        self.checked = True
        # How a save waits for a lock another program holds (see connection.transaction):
        # None waits right here; the window waits on a thread of its own and goes on.
        self.lock_wait: Callable[[Callable[[], object]], object] | None = None
        # Saves in a row the disk refused (a failing disk, a file-size limit: T8); 0 after
        # one that went through. The window goes read-only when it keeps happening.
        self.write_failures = 0
        # Told (with no argument) after each save the disk refused: the window counts them.
        self.on_write_failure: Callable[[], None] | None = None
        # What the file at `path` must still be for a write to go into it (T20).
        self._where = Path(os.path.abspath(path))
        self._identity = _identity(self._where)
        self._history_seen = 0 if read_only else self._history_top(con)

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def _write(self, step: str = "save") -> Iterator[sqlite3.Connection]:
        """One write transaction; `step` ("save", "delete", "import") names it for the
        fault points of the reliability suite (faults.py)."""
        if self._in_batch:  # part of a batch(): its transaction commits or rolls back
            yield self._con
            return
        if self.read_only:
            raise ReadOnlyError(
                f"“{self.path.name}” is open read-only: nothing was saved.", self.path
            )
        try:
            wait = None if self.lock_wait is None else self._wait_aside
            with connection.transaction(self._con, self.path, step, wait) as con:
                self._still_the_same_file(con)
                yield con
                top = self._history_top(con)  # with this save's own entries …
        except LockedError as error:
            raise self._naming_holders(error) from error
        except StorageError:
            self.write_failures += 1
            if self.on_write_failure is not None:
                self.on_write_failure()
            raise
        self.write_failures = 0
        self._history_seen = top  # … once they are committed: a failed commit keeps none

    @property
    def _con(self) -> sqlite3.Connection:
        """The connection to read and write through: the catalogue's own, or, while a save
        waits on a worker for another program's lock on it (SQLite would make any other
        use of it wait behind that), the read-only one, which reads what was last
        committed at once."""
        if self._waiting:
            return self._reading()
        return self._main

    def _reading(self) -> sqlite3.Connection:
        if self._reader is None:
            self._reader = connection.connect(
                self.path, read_only=True, busy_timeout=self._busy_timeout
            )
            self._reader.row_factory = sqlite3.Row
        return self._reader

    def _wait_aside(self, begin: Callable[[], object]) -> object:
        """`lock_wait`, with the window's reads meanwhile sent to the read-only
        connection."""
        assert self.lock_wait is not None
        self._waiting = True
        try:
            return self.lock_wait(begin)
        finally:
            self._waiting = False

    def _close_connections(self) -> None:
        self._main.close()
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _naming_holders(self, error: LockedError) -> LockedError:
        """The "locked" sentence, naming who else has the file open in aidviewer (from
        their presence files): the person knows whom to ask (RELIABILITY.md, T16)."""
        holders = presence.others(self.path, tidy=False)
        if not holders or not error.message.endswith(": try again when it has finished."):
            return error
        return LockedError(
            f"“{self.path.name}” is locked by another program (it is also open in aidviewer"
            f" by {presence.names(holders)}): try again when it has finished.",
            self.path,
        )

    def _history_top(self, con: sqlite3.Connection) -> int:
        try:
            (top,) = con.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()
        except sqlite3.Error as error:
            raise connection.translate(error, self.path) from error
        return int(top)

    def _still_the_same_file(self, con: sqlite3.Connection) -> None:
        """Refuse to write when another program replaced or moved the file since it was
        opened (RELIABILITY.md, T20). The connection still writes into the file it opened,
        which is then no longer at `path`, while SQLite makes its journal by name beside
        `path`: after a crash that journal would be played into whatever file is there.

        A file renamed over it or moved away has another inode at `path`, or none. A
        backup copied over it in place keeps the inode, but takes its history back: the
        history only grows, and here it has fewer entries than this program last saw.
        Checked inside the write lock, so no colleague's save can come between: a stat
        and a lookup of the largest key, a few microseconds on a local disk."""
        identity = _identity(self._where)
        top = self._history_top(con) if identity == self._identity else -1
        if top < self._history_seen:
            raise CatalogueError(
                f"“{self.path.name}” was replaced or moved by another program: reopen it."
                " Nothing was saved.",
                self.path,
            )
        self._history_seen = top

    @contextmanager
    def batch(self, step: str = "save") -> Iterator[None]:
        """Make every change inside the block one transaction: all of it is saved, or
        (on any exception) none of it."""
        if self._in_batch:
            raise RuntimeError("batches do not nest")
        with self._write(step):
            self._in_batch = True
            try:
                yield
            finally:
                self._in_batch = False

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Every read inside the block sees the file as it was when the block began (one
        read transaction): a report's parts agree with each other. A colleague's save
        waits for it to end (the rollback journal lets no writer commit under a reader),
        so keep it short: read, then lay out afterwards."""
        with self._read():
            yield

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        if self._con.in_transaction:  # already inside a write: same snapshot
            yield self._con
            return
        with connection.snapshot(self._con, self.path) as con:
            yield con

    def _query(
        self, sql: str, params: tuple[Any, ...] | Mapping[str, Any] = ()
    ) -> list[sqlite3.Row]:
        try:
            return self._con.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise connection.translate(error, self.path) from error

    # -- history --------------------------------------------------------------------------

    def _log(
        self,
        action: str,
        entity: str,
        entity_id: int,
        field: str,
        old: DbValue,
        new: DbValue,
        at: str,
    ) -> None:
        self._con.execute(
            "INSERT INTO history (at, who, entity, entity_id, action, field, old, new)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (at, self.user, entity, entity_id, action, field, _text(old), _text(new)),
        )

    # -- versioned rows ---------------------------------------------------------------------

    def _insert(
        self,
        entity: str,
        table: str,
        values: Mapping[str, DbValue],
        extra: Mapping[str, str],
        *,
        created_at: str | None = None,
        version: int = 1,
    ) -> tuple[int, str]:
        """Insert a new row at version 1 and log its creation; return (id, time). A row
        put back (an undone deletion) keeps its id, given in `values`, and `created_at`,
        and comes back at a version above the one it was deleted at, so that an edit
        based on any earlier version of it is a conflict."""
        now = utc_now()
        row = {
            **values,
            "version": version,
            "created_at": created_at or now,
            "updated_at": now,
            "updated_by": self.user,
        }
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        try:
            cursor = self._con.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values())
            )
        except sqlite3.IntegrityError as error:
            raise InvalidValueError(_integrity_message(entity, error)) from error
        new_id = cursor.lastrowid
        assert new_id is not None
        snapshot = json.dumps({**values, **extra}, ensure_ascii=False, sort_keys=True)
        self._log("create", entity, new_id, "*", None, snapshot, now)
        return new_id, now

    def _current(self, entity: str, table: str, row_id: int, version: int) -> sqlite3.Row:
        """The row as stored, provided it is still at `version`."""
        row: sqlite3.Row | None = self._con.execute(
            f"SELECT * FROM {table} WHERE id = ?", (row_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(
                f"This {entity.replace('_', ' ')} no longer exists: someone deleted it.", self.path
            )
        if row["version"] != version:
            raise ConflictError(
                f"This {entity.replace('_', ' ')} was changed by {row['updated_by']} at "
                f"{row['updated_at']} after you opened it.",
                entity=entity,
                entity_id=row_id,
                expected_version=version,
                current_version=row["version"],
                changed_by=row["updated_by"],
                changed_at=row["updated_at"],
            )
        return row

    def _update(
        self,
        entity: str,
        table: str,
        row_id: int,
        version: int,
        values: Mapping[str, DbValue],
        children: Mapping[str, tuple[str, str]] | None = None,
    ) -> bool:
        """Update the changed columns of a row at `version`, logging each change.

        `children` maps a field name to the (old, new) text of a child collection that the
        caller rewrites itself. Returns whether anything changed.
        """
        current = self._current(entity, table, row_id, version)
        changed = {col: value for col, value in values.items() if current[col] != value}
        child_changes = {
            name: pair for name, pair in (children or {}).items() if pair[0] != pair[1]
        }
        if not changed and not child_changes:
            return False
        now = utc_now()
        assignments = "".join(f"{col} = ?, " for col in changed)
        try:
            cursor = self._con.execute(
                f"UPDATE {table} SET {assignments}version = version + 1, updated_at = ?, "
                "updated_by = ? WHERE id = ? AND version = ?",
                (*changed.values(), now, self.user, row_id, version),
            )
        except sqlite3.IntegrityError as error:
            raise InvalidValueError(_integrity_message(entity, error)) from error
        assert cursor.rowcount == 1  # guaranteed by _current inside the same transaction
        for col, value in changed.items():
            if col not in COPIED_COLUMNS:
                self._log("update", entity, row_id, col, current[col], value, now)
        for name, (old, new) in child_changes.items():
            self._log("update", entity, row_id, name, old, new, now)
        return True

    def _delete(
        self, entity: str, table: str, row_id: int, version: int, extra: Mapping[str, str]
    ) -> None:
        current = self._current(entity, table, row_id, version)
        try:
            self._con.execute(
                f"DELETE FROM {table} WHERE id = ? AND version = ?", (row_id, version)
            )
        except sqlite3.IntegrityError as error:
            raise InvalidValueError(
                f"This {entity.replace('_', ' ')} is still in use and cannot be deleted.", self.path
            ) from error
        snapshot = json.dumps({**dict(current), **extra}, ensure_ascii=False, sort_keys=True)
        self._log("delete", entity, row_id, "*", snapshot, None, utc_now())

    def _touch(
        self, entity: str, table: str, row_id: int, field: str, old: DbValue, new: DbValue
    ) -> None:
        """A row changed because something it refers to was deleted: it gets a new version
        (so an edit based on the old one is a conflict) and the change is logged."""
        now = utc_now()
        self._con.execute(
            f"UPDATE {table} SET version = version + 1, updated_at = ?, updated_by = ?"
            " WHERE id = ?",
            (now, self.user, row_id),
        )
        self._log("update", entity, row_id, field, old, new, now)

    def _delete_notes_of(self, column: str, owner_id: int) -> None:
        """Delete the notes on a record or meeting that is being deleted, each logged with
        its content, so that nothing disappears from the history unrecorded."""
        notes = self._con.execute(f"SELECT * FROM note WHERE {column} = ?", (owner_id,))
        now = utc_now()
        for note in notes.fetchall():
            snapshot = json.dumps(dict(note), ensure_ascii=False, sort_keys=True)
            self._log("delete", "note", note["id"], "*", snapshot, None, now)
            self._unindex(note["id"] * 4 + FTS_NOTE)
        self._con.execute(f"DELETE FROM note WHERE {column} = ?", (owner_id,))

    # -- full-text index ------------------------------------------------------------------

    def _index(self, rowid: int, title: str, body: str) -> None:
        self._con.execute("DELETE FROM search_index WHERE rowid = ?", (rowid,))
        self._con.execute(
            "INSERT INTO search_index (rowid, title, body, plain) VALUES (?, ?, ?, ?)",
            (rowid, title, body, plain_spellings(title, body)),
        )

    def _unindex(self, rowid: int) -> None:
        self._con.execute("DELETE FROM search_index WHERE rowid = ?", (rowid,))


def _integrity_message(entity: str, error: sqlite3.IntegrityError) -> str:
    """A sentence for a constraint the catalogue's own checks did not catch first."""
    text = str(error)
    name = entity.replace("_", " ")
    if "UNIQUE" in text and "source_ref" in text:
        return "Another aid record already has this source reference."
    if "UNIQUE" in text:
        return f"A {name} with this name already exists."
    if "FOREIGN KEY" in text:
        return f"This {name} refers to something that no longer exists."
    return f"This {name} has a value the catalogue does not accept."
