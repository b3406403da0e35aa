"""Salvage: what can still be read from a damaged catalogue, copied into a new one.

SQLite's own `.recover` lives in its command-line shell, not in the library Python
carries, so aidviewer does as Firefox does with a damaged places database: it makes a new
file with the catalogue's schema and copies every table into it row by row, through a
table scan (`NOT INDEXED`). A damaged index, which SQLite's checks report but ordinary
reading may never notice, then costs nothing; a damaged table page costs the rows on it,
and the scan goes on past it. The full-text index and the record tally are made again
from the rows; a link to a row that could not be read is cleared, or, where the link is
required, the linking row goes too. The new file is checked, brought to the current
format, and only then takes the catalogue's name; the damaged file is kept beside it as
"<name>.aidb.corrupt-<time>", with its journal, and never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import connection, presence
from .backup import (
    _JOURNALS,
    _fsync,
    _fsync_folder,
    _keep_aside,
    _os_failure,
    _remove_quietly,
    _temp_beside,
)
from .errors import (
    CatalogueError,
    DamagedError,
    LockedError,
    NewerVersionError,
    NotACatalogueError,
    ReadOnlyError,
)
from .schema import APPLICATION_ID, SCHEMA_VERSION, _reindex, run_steps

_STAMP = "%Y%m%d-%H%M%S"
_BATCH = 2000
# Tables made again from the others rather than copied.
_REMADE = ("search_index", "tally")


@dataclass(frozen=True)
class TableSalvage:
    """One table: how many rows its damaged file could count (None when even counting
    failed), and how many the salvaged file holds."""

    table: str
    found: int | None
    kept: int


@dataclass(frozen=True)
class Salvage:
    """What a salvage did: `path` now holds what could be read; the damaged file is
    `kept_as`."""

    path: Path
    kept_as: Path
    tables: tuple[TableSalvage, ...]
    unlinked: int  # links to rows that could not be read, cleared
    dropped: int  # rows removed because a link they require led nowhere

    def kept(self, table: str) -> int:
        return next((t.kept for t in self.tables if t.table == table), 0)

    def missing(self, table: str) -> int | None:
        """The rows of `table` the damaged file counted that the salvaged one lacks (None
        when they could not be counted)."""
        found = next((t.found for t in self.tables if t.table == table), 0)
        return None if found is None else max(0, found - self.kept(table))

    @property
    def whole(self) -> bool:
        """Whether every row of every table was counted and kept, every link with it."""
        return self.unlinked == 0 and all(t.found == t.kept for t in self.tables)


def corrupt_name(path: Path, now: datetime | None = None) -> Path:
    """A free name beside the catalogue for keeping its damaged file:
    "Aid.aidb.corrupt-20261127-093012" (then "-2", "-3", …); none of its journals exist."""
    base = f"{path.name}.corrupt-{(now or datetime.now()).strftime(_STAMP)}"
    number = 1
    while True:
        candidate = path.with_name(base if number == 1 else f"{base}-{number}")
        if not any(os.path.lexists(f"{candidate}{end}") for end in ("", *_JOURNALS)):
            return candidate
        number += 1


def keep_damaged(path: Path, kept_as: Path) -> None:
    """Give the damaged file (and any journal a crash left with it) its second name,
    never replacing a file; the catalogue's own name still holds it until replaced."""
    for ending in (*_JOURNALS, ""):
        source = Path(f"{path}{ending}")
        if os.path.lexists(source):
            _keep_aside(source, Path(f"{kept_as}{ending}"))


def _header(path: Path) -> int:
    """The format version from the raw header, refusing what is not a catalogue or is
    newer; unlike opening, a truncated file is fine: what is there is salvaged."""
    try:
        with path.open("rb") as handle:
            header = handle.read(connection.HEADER_SIZE)
    except FileNotFoundError:
        raise CatalogueError(f"The file “{path.name}” does not exist.", path) from None
    except OSError as error:
        raise _os_failure(error, path.parent, "nothing was salvaged") from error
    if len(header) < connection.HEADER_SIZE or not header.startswith(connection.SQLITE_MAGIC):
        raise NotACatalogueError(
            f"“{path.name}” has lost its beginning: nothing of it can be read.", path
        )
    (version,) = struct.unpack(">i", header[60:64])
    (application_id,) = struct.unpack(">i", header[68:72])
    if application_id != APPLICATION_ID or version < 1:
        raise NotACatalogueError(f"The file “{path.name}” is not an aidviewer catalogue.", path)
    if version > SCHEMA_VERSION:
        raise NewerVersionError(
            f"“{path.name}” was made by a newer version of aidviewer (format {version}):"
            " salvage it with that version.",
            path,
        )
    return int(version)


def _build(con: sqlite3.Connection, version: int) -> None:
    """An empty catalogue of format `version`, made by the same steps as any other."""
    con.execute("BEGIN IMMEDIATE")
    run_steps(con, 0, version)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {version}")
    con.execute("COMMIT")


def _tables(con: sqlite3.Connection) -> list[tuple[str, list[str], bool]]:
    """The new file's tables to fill: (name, columns, has a rowid)."""
    found = []
    for name, sql in con.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY rootpage"
    ):
        if name in _REMADE or name.startswith("search_index_"):
            continue
        columns = [row[1] for row in con.execute(f'PRAGMA table_info("{name}")')]
        found.append((name, columns, "WITHOUT ROWID" not in sql.upper()))
    return found


def _count(source: sqlite3.Connection, table: str) -> int | None:
    try:
        return int(source.execute(f'SELECT count(*) FROM "{table}" NOT INDEXED').fetchone()[0])
    except sqlite3.Error:
        return None


def _tallied(source: sqlite3.Connection) -> int | None:
    """The number of records the file's tally holds, where counting them failed."""
    try:
        row = source.execute("SELECT rows FROM tally WHERE name = 'aid_record'").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0]) if row else None


def _read(
    source: sqlite3.Connection, table: str, columns: list[str], rowid: bool
) -> Iterator[tuple[object, ...]]:
    """Every row that can be read, in the table's order. Where a page cannot be read, the
    scan starts again past it: at the next rowid, then twice as far, and so on."""
    wanted = ", ".join(f'"{c}"' for c in columns)
    if not rowid:
        with contextlib.suppress(sqlite3.Error):
            yield from source.execute(f'SELECT {wanted} FROM "{table}" NOT INDEXED')
        return
    after: int | None = None
    skip = 0
    while True:
        where = "" if after is None else f" WHERE rowid > {after + skip}"
        try:
            for row in source.execute(
                f'SELECT rowid, {wanted} FROM "{table}" NOT INDEXED{where} ORDER BY rowid'
            ):
                after, skip = row[0], 0
                yield row[1:]
            return
        except sqlite3.Error:
            after = 0 if after is None else after  # the catalogue's rowids start at 1
            skip = skip * 2 if skip else 1
            if after + skip >= 2**62:
                return


def _copy(
    source: sqlite3.Connection,
    target: sqlite3.Connection,
    table: str,
    columns: list[str],
    rowid: bool,
) -> int:
    """Copy the rows of `table` that can be read; the number copied. A row the new file
    refuses (a value its checks forbid, a name twice where names are unique) is left out."""
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    insert = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})'
    copied = 0
    batch: list[tuple[object, ...]] = []
    for row in _read(source, table, columns, rowid):
        batch.append(row)
        if len(batch) >= _BATCH:
            copied += _insert(target, insert, batch)
            batch = []
    if batch:
        copied += _insert(target, insert, batch)
    return copied


def _insert(target: sqlite3.Connection, insert: str, rows: list[tuple[object, ...]]) -> int:
    # The rows inserted: the cursor's count leaves out what triggers changed (the tally).
    return target.executemany(insert, rows).rowcount


def _mend_links(con: sqlite3.Connection) -> tuple[int, int]:
    """Clear the links that lead to rows that could not be read, or remove the rows that
    cannot do without them; (cleared, removed)."""
    cleared = removed = 0
    while True:
        broken = sorted({row[0] for row in con.execute("PRAGMA foreign_key_check")})
        if not broken:
            return cleared, removed
        before = cleared + removed
        for table in broken:
            required = {row[1] for row in con.execute(f'PRAGMA table_info("{table}")') if row[3]}
            links: dict[int, list[tuple[str, str, str]]] = {}
            for key, _seq, parent, column, to, *_ in con.execute(
                f'PRAGMA foreign_key_list("{table}")'
            ):
                links.setdefault(key, []).append((parent, column, to or "rowid"))
            for link in links.values():
                parent = link[0][0]
                matches = " AND ".join(f'p."{to}" = t."{column}"' for _, column, to in link)
                present = " AND ".join(f't."{column}" IS NOT NULL' for _, column, _ in link)
                dangling = f'{present} AND NOT EXISTS (SELECT 1 FROM "{parent}" p WHERE {matches})'
                columns = {column for _, column, _ in link}
                if not required & columns:
                    assignments = ", ".join(f'"{c}" = NULL' for c in sorted(columns))
                    try:
                        cleared += con.execute(
                            f'UPDATE "{table}" AS t SET {assignments} WHERE {dangling}'
                        ).rowcount
                        continue
                    except sqlite3.IntegrityError:  # the row's checks need one of its links
                        pass
                removed += con.execute(f'DELETE FROM "{table}" AS t WHERE {dangling}').rowcount
        if cleared + removed == before:  # nothing more this can mend: the check below says
            return cleared, removed


def _remake(con: sqlite3.Connection, version: int) -> None:
    """What the store keeps in step with the rows: the names copied onto each record, the
    full-text index, the tally."""
    if version >= 2:
        con.execute(
            "UPDATE aid_record SET"
            " donor_name = coalesce((SELECT name FROM organisation WHERE id = donor_id), ''),"
            " recipient_name = coalesce("
            "(SELECT name FROM organisation WHERE id = recipient_id), ''),"
            " category_name = coalesce((SELECT name FROM category WHERE id = category_id), '')"
        )
        _reindex(con)  # format 1's index is made again by the step to format 2
    if version >= 3:
        con.execute(
            "UPDATE tally SET rows = (SELECT count(*) FROM aid_record) WHERE name = 'aid_record'"
        )


def salvage(path: str | os.PathLike[str], *, now: datetime | None = None) -> Salvage:
    """Replace the damaged catalogue at `path` with what can be read of it; the damaged
    file is kept as "<name>.aidb.corrupt-<time>" beside it.

    Refused, with nothing changed, while another aidviewer has the file open, where its
    folder cannot be written, and when not a single row can be read. The caller closes
    its own connections to the file first.
    """
    path = Path(path)
    version = _header(path)
    if not connection.folder_writable(path):
        raise ReadOnlyError(
            f"“{path.name}” cannot be salvaged where it is: its folder is read-only. Copy it"
            " to a folder you can write to, then open the copy.",
            path,
        )
    holding = presence.others(path)
    if holding:
        raise LockedError(
            f"“{path.name}” is open in aidviewer by {presence.names(holding)}: it can be"
            " salvaged once they have closed it. Nothing was changed.",
            path,
        )
    if connection.journal_beside(path):  # a crash's journal: roll it back if it can be
        with contextlib.suppress(CatalogueError):
            connection.recover(path, connection.DEFAULT_BUSY_TIMEOUT)
    temp: Path | None = None
    try:
        temp = _temp_beside(path.parent, path.stem, "salvage")
        os.chmod(temp, os.stat(path).st_mode & 0o777)
        tables, unlinked, dropped = _fill(path, temp, version)
        if not any(t.kept for t in tables):
            raise DamagedError(
                f"Nothing of “{path.name}” could be read: restore it from a backup. It was"
                " left as it was.",
                path,
            )
        _fsync(temp)
        kept_as = corrupt_name(path, now)
        keep_damaged(path, kept_as)
        # The damaged file's journal must not meet the new file: it would be played back
        # into it. The pair is whole under the kept name.
        for ending in (*_JOURNALS, "-shm"):
            _remove_quietly(Path(f"{path}{ending}"))
        os.replace(temp, path)
        temp = None
        _fsync_folder(path.parent)
    except OSError as error:
        raise _os_failure(error, path.parent, f"“{path.name}” was left as it was") from error
    finally:
        if temp is not None:
            _remove_quietly(temp, Path(f"{temp}-journal"))
    return Salvage(path, kept_as, tables, unlinked, dropped)


def _fill(path: Path, temp: Path, version: int) -> tuple[tuple[TableSalvage, ...], int, int]:
    """Copy what can be read of `path` into the empty file `temp`, check it and bring it
    to the current format."""
    timeout = connection.DEFAULT_BUSY_TIMEOUT
    try:
        empty = sqlite3.connect(temp, isolation_level=None)
        try:
            empty.execute("PRAGMA journal_mode = DELETE")
            empty.execute("PRAGMA synchronous = FULL")
            _build(empty, version)
        finally:
            empty.close()
    except sqlite3.Error as error:
        raise _left_as_it_was(error, path) from error
    try:
        source = connection.connect(path, read_only=True, busy_timeout=timeout)
    except CatalogueError:
        source = None
    target = connection.connect(temp, read_only=False, busy_timeout=timeout)
    try:
        if source is not None:
            # Text damaged inside a value is kept, its bad bytes shown as "�".
            source.text_factory = lambda data: data.decode("utf-8", "replace")
        target.execute("PRAGMA foreign_keys = OFF")  # links are mended after the copy
        target.execute("BEGIN IMMEDIATE")
        found: dict[str, int | None] = {}
        for table, columns, rowid in _tables(target):
            found[table] = None if source is None else _count(source, table)
            if source is not None:
                _copy(source, target, table, columns, rowid)
        if source is not None and found.get("aid_record") is None and version >= 3:
            found["aid_record"] = _tallied(source)
        unlinked, dropped = _mend_links(target)
        tables = tuple(
            TableSalvage(table, counted, _count(target, table) or 0)
            for table, counted in found.items()
        )
        _remake(target, version)
        target.execute("COMMIT")
        target.execute("PRAGMA foreign_keys = ON")
        connection.migrate(target, path)  # its messages name the catalogue
        problems = target.execute("PRAGMA integrity_check").fetchall()
        if [row[0] for row in problems] != ["ok"] or target.execute(
            "PRAGMA foreign_key_check"
        ).fetchall():
            raise DamagedError(
                f"What could be read of “{path.name}” did not make a sound catalogue: restore"
                " it from a backup. It was left as it was.",
                path,
            )
    except sqlite3.Error as error:
        raise _left_as_it_was(error, path) from error
    finally:
        target.close()
        if source is not None:
            source.close()
    return tables, unlinked, dropped


def _left_as_it_was(error: sqlite3.Error, path: Path) -> Exception:
    """A SQLite error while the new file was made, as a sentence naming the catalogue
    (not the temporary file), which was left as it was."""
    translated = connection.translate(error, path)
    if not isinstance(translated, CatalogueError):
        return translated
    return type(translated)(
        f"{translated.message.removesuffix('.')}; “{path.name}” was left as it was.", path
    )
