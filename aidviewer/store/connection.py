"""Opening catalogue files safely.

A file is checked from its raw header bytes before SQLite touches it, then opened
read-only for a `quick_check`, and only then opened for writing. A file that fails any
check is left byte-identical, with no journal beside it.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from aidviewer import faults

from .errors import (
    CatalogueError,
    DamagedError,
    DiskFullError,
    LockedError,
    MigrationError,
    NewerVersionError,
    NotACatalogueError,
    ReadOnlyError,
    StorageError,
)
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
DEFAULT_BUSY_TIMEOUT = 5.0

# Primary SQLite result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_READONLY_ROLLBACK = _READONLY | (3 << 8)  # a hot journal that a read-only handle cannot undo


def _name(path: Path) -> str:
    return f"“{path.name}”"


def read_header(path: Path) -> tuple[int, int]:
    """Check the file's header bytes; return its (application_id, user_version).

    Reads the file as plain bytes, so nothing about the file changes.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except FileNotFoundError:
        raise CatalogueError(f"The file {_name(path)} does not exist.", path) from None
    except IsADirectoryError:
        raise NotACatalogueError(f"{_name(path)} is a folder, not a catalogue.", path) from None
    except PermissionError:
        raise ReadOnlyError(f"You are not allowed to read {_name(path)}.", path) from None
    except OSError as error:
        raise StorageError(
            f"{_name(path)} cannot be read: {error.strerror or error}.", path
        ) from error
    if size == 0:
        raise NotACatalogueError(f"The file {_name(path)} is empty: it is not a catalogue.", path)
    if not header.startswith(SQLITE_MAGIC):
        raise NotACatalogueError(f"The file {_name(path)} is not an aidviewer catalogue.", path)
    if len(header) < HEADER_SIZE:
        raise DamagedError(f"The catalogue {_name(path)} is truncated.", path)
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    change_counter, pages = struct.unpack(">II", header[24:32])
    (user_version,) = struct.unpack(">i", header[60:64])
    (application_id,) = struct.unpack(">i", header[68:72])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if application_id != APPLICATION_ID:
        raise NotACatalogueError(
            f"The file {_name(path)} is a database of another program, not an aidviewer catalogue.",
            path,
        )
    if user_version > SCHEMA_VERSION:
        raise NewerVersionError(
            f"The catalogue {_name(path)} was made by a newer version of aidviewer "
            f"(format {user_version}); please update aidviewer to open it.",
            path,
        )
    # The in-header page count is trustworthy when its "valid-for" counter matches.
    if pages and change_counter == valid_for and size < pages * page_size:
        raise DamagedError(
            f"The catalogue {_name(path)} is truncated: restore it from a backup.", path
        )
    return application_id, user_version


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def translate(error: sqlite3.Error, path: Path | None) -> Exception:
    """Turn a SQLite error into a user-facing `CatalogueError`, or return it as a bug."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    where = _name(path) if path else "the catalogue"
    if code in (_BUSY, _LOCKED):
        return LockedError(
            f"{where} is locked by another program: try again when it has finished.", path
        )
    if getattr(error, "sqlite_errorcode", 0) == _READONLY_ROLLBACK:
        return ReadOnlyError(
            f"{where} was not closed properly and must be repaired where it can be written; "
            "here it is read-only.",
            path,
        )
    if code == _READONLY:
        return ReadOnlyError(f"{where} is read-only: nothing was saved.", path)
    if code == _FULL:
        return DiskFullError(
            f"The disk holding {where} is full: nothing was saved. Free some space and try again.",
            path,
        )
    if code == _CORRUPT:
        return DamagedError(f"{where} is damaged: restore it from a backup.", path)
    if code == _NOTADB:
        return NotACatalogueError(f"{where} is not an aidviewer catalogue.", path)
    if code == _CANTOPEN:
        return StorageError(f"{where} cannot be opened.", path)
    if code == _IOERR:
        return StorageError(f"The disk reported an error while using {where}.", path)
    return error


def folder_writable(path: Path) -> bool:
    """Whether the file and its folder (where SQLite puts the journal) are writable."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def connect(path: Path, *, read_only: bool, busy_timeout: float) -> sqlite3.Connection:
    """A hardened connection to an existing file (see RELIABILITY.md, T26)."""
    uri = _uri(path, "ro" if read_only else "rw")
    try:
        con = sqlite3.connect(
            uri, uri=True, isolation_level=None, timeout=busy_timeout, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise translate(error, path) from error
    try:
        if hasattr(con, "setconfig"):  # Python >= 3.12
            con.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)  # type: ignore[attr-defined]
        con.execute("PRAGMA trusted_schema = OFF")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA cell_size_check = ON")
        con.execute("PRAGMA mmap_size = 0")
        con.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        if not read_only:
            # Rollback journal: works on shared drives and leaves no -wal/-shm behind.
            con.execute("PRAGMA journal_mode = DELETE")
            con.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        con.close()
        raise translate(error, path) from error
    return con


def journal_beside(path: Path) -> bool:
    """Whether a rollback journal lies beside the file, as a crash mid-save leaves it."""
    return Path(f"{path}-journal").exists()


def recover(path: Path, busy_timeout: float) -> None:
    """Let SQLite roll back a journal left by a crash: the first read on a read-write
    connection does it. The file is then as it was before the interrupted save."""
    con = connect(path, read_only=False, busy_timeout=busy_timeout)
    try:
        con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.Error as error:
        raise translate(error, path) from error
    finally:
        con.close()


def quick_check(path: Path, busy_timeout: float) -> None:
    """Open read-only and run SQLite's quick_check; raise DamagedError on a problem."""
    con = connect(path, read_only=True, busy_timeout=busy_timeout)
    try:
        rows = con.execute("PRAGMA quick_check").fetchall()
        (application_id,) = con.execute("PRAGMA application_id").fetchone()
    except sqlite3.Error as error:
        raise translate(error, path) from error
    finally:
        con.close()
    if application_id != APPLICATION_ID:
        raise NotACatalogueError(f"The file {_name(path)} is not an aidviewer catalogue.", path)
    if [row[0] for row in rows] != ["ok"]:
        raise DamagedError(
            f"The catalogue {_name(path)} is damaged: restore it from a backup.", path
        )


@contextmanager
def transaction(
    con: sqlite3.Connection, path: Path | None, step: str = "save"
) -> Iterator[sqlite3.Connection]:
    """`BEGIN IMMEDIATE … COMMIT`: take the write lock first, so that a read-then-write
    waits for the busy timeout instead of failing at once with "database is locked".
    `step` names the operation for the fault points around its commit (see faults.py)."""
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise translate(error, path) from error
    try:
        yield con
        faults.point(f"{step}.before_commit")
        con.execute("COMMIT")
        faults.point(f"{step}.after_commit")
    except BaseException as error:
        if con.in_transaction:
            con.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise translate(error, path) from error
        raise


@contextmanager
def snapshot(con: sqlite3.Connection, path: Path | None) -> Iterator[sqlite3.Connection]:
    """A short read transaction: several SELECTs see one consistent state."""
    try:
        con.execute("BEGIN")
        yield con
    except sqlite3.Error as error:
        raise translate(error, path) from error
    finally:
        if con.in_transaction:
            con.execute("COMMIT")


def migrate(con: sqlite3.Connection, path: Path | None) -> None:
    """Bring the file to SCHEMA_VERSION, one transaction per step."""
    try:
        (current,) = con.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error as error:
        raise translate(error, path) from error
    if current >= SCHEMA_VERSION:
        return  # up to date: no write lock needed
    while True:
        with transaction(con, path, "migration"):
            (current,) = con.execute("PRAGMA user_version").fetchone()
            if current >= SCHEMA_VERSION:
                return
            try:
                for step in MIGRATIONS[current]:
                    if isinstance(step, str):
                        con.execute(step)
                    else:
                        step(con)
                con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                con.execute(f"PRAGMA user_version = {current + 1}")
            except sqlite3.Error as error:
                translated = translate(error, path)
                if isinstance(translated, CatalogueError):
                    raise translated from error
                raise MigrationError(
                    f"Updating {_name(path) if path else 'the catalogue'} from format {current} "
                    f"to {current + 1} failed ({error}); the file was left as it was.",
                    path,
                ) from error
