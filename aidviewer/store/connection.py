"""Opening catalogue files safely.

A file is checked from its raw header bytes before SQLite touches it, then opened
read-only for a `quick_check`, and only then opened for writing. A file that fails any
check is left byte-identical, with no journal beside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import struct
from collections.abc import Callable, Iterator
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
from .schema import APPLICATION_ID, SCHEMA_VERSION, run_steps

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
DEFAULT_BUSY_TIMEOUT = 5.0

# Primary SQLite result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_READONLY_ROLLBACK = _READONLY | (3 << 8)  # a hot journal that a read-only handle cannot undo
# Extended I/O error codes met while reading (SQLITE_IOERR_READ, _SHORT_READ); the others
# (a write, an fsync, a truncation, a journal's deletion, …) belong to saving.
_IOERR_READING = frozenset({_IOERR | (1 << 8), _IOERR | (2 << 8)})
# Python's sqlite3 raises this (with no SQLite error code) for text that is not UTF-8:
# bytes SQLite's checks cannot see were changed inside a value.
_NOT_UTF8 = "Could not decode to UTF-8"


def _name(path: Path) -> str:
    return f"“{path.name}”"


_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
_NO_SYNC_RECORDS = 0xFFFFFFFF  # a journal written with synchronous=OFF: pages to its end


def _committed_header(path: Path) -> bytes | None:
    """The header as the last commit left it, from the rollback journal beside the file;
    None when there is no journal or it holds no copy of page 1.

    A save killed part-way through its commit leaves new pages in the file (page 1, the
    header, is written first) and the old ones in the journal, which SQLite copies back
    on the next read-write open: until then the file's own header may describe the
    unfinished save (its format version, a size the file does not have yet). The journal
    (https://www.sqlite.org/fileformat2.html#the_rollback_journal) is segments, each a
    header (magic, record count, nonce, initial pages, sector size, page size) padded to
    the sector size, then records (page number, page, checksum).
    """
    try:
        with open(f"{path}-journal", "rb") as journal:
            size = os.fstat(journal.fileno()).st_size
            first = journal.read(28)
            if len(first) < 28 or not first.startswith(_JOURNAL_MAGIC):
                return None  # none, or zeroed: SQLite ignores it
            sector, page_size = struct.unpack(">II", first[20:28])
            if (
                sector < 32
                or page_size < 512
                or sector & (sector - 1)
                or page_size & (page_size - 1)
            ):
                return None  # not sizes SQLite writes: not a journal it would play back
            record = 4 + page_size + 4
            segment = 0
            while segment + 12 <= size:
                journal.seek(segment)
                head = journal.read(12)
                if not head.startswith(_JOURNAL_MAGIC):
                    return None
                (count,) = struct.unpack(">I", head[8:12])
                if count == _NO_SYNC_RECORDS:
                    count = (size - segment - sector) // record
                if count <= 0:  # none synced yet: SQLite has changed no page of the file
                    return None
                for index in range(count):
                    journal.seek(segment + sector + index * record)
                    number = journal.read(4)
                    if len(number) < 4:
                        return None
                    if struct.unpack(">I", number)[0] == 1:
                        header = journal.read(HEADER_SIZE)
                        return header if len(header) == HEADER_SIZE else None
                end = segment + sector + count * record
                segment = -(-end // sector) * sector
    except OSError:
        return None
    return None


def read_header(path: Path) -> tuple[int, int]:
    """Check the file's header bytes; return its (application_id, user_version).

    Reads the file as plain bytes, so nothing about the file changes. With a journal
    beside it (a save in progress, or one a crash interrupted), the header is the one the
    last commit left, and the file's size is not judged: the journal makes it whole.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
        journal = journal_beside(path)
        if journal and size > 0 and header.startswith(SQLITE_MAGIC):
            header = _committed_header(path) or header
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
    if not journal and pages and change_counter == valid_for and size < pages * page_size:
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
        # SQLite has rolled the statement back (and the transaction() below rolls back the
        # rest), so the sentence may promise that nothing of the change is in the file.
        return DiskFullError(
            f"The disk holding {where} is full, so nothing was saved: free some space, then"
            " try again.",
            path,
        )
    if code == _CORRUPT:
        return DamagedError(f"{where} is damaged: restore it from a backup.", path)
    if code == _NOTADB:
        return NotACatalogueError(f"{where} is not an aidviewer catalogue.", path)
    if code == _CANTOPEN:
        return StorageError(f"{where} cannot be opened.", path)
    if code == _IOERR and getattr(error, "sqlite_errorcode", 0) in _IOERR_READING:
        return StorageError(f"The disk reported an error while reading {where}.", path)
    if code == _IOERR:
        # A write that failed (a failing disk, or a file-size limit: SQLITE_IOERR_WRITE).
        return StorageError(
            f"The disk reported an error while saving to {where}, so nothing was saved: check"
            " the disk, then try again.",
            path,
        )
    if code == 0 and str(error).startswith(_NOT_UTF8):
        return DamagedError(
            f"{where} holds text that was damaged outside aidviewer: restore it from a backup.",
            path,
        )
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


def unclean(path: Path) -> bool:
    """Whether the file was left by a program that stopped in the middle of a save: a
    rollback journal beside it, or a WAL holding changes not yet copied in."""
    try:
        with open(f"{path}-journal", "rb") as journal:
            if journal.read(len(_JOURNAL_MAGIC)) == _JOURNAL_MAGIC:
                return True  # what SQLite plays back (an empty or zeroed one it ignores)
    except OSError:
        pass
    try:
        return os.path.getsize(f"{path}-wal") > 0
    except OSError:
        return False


def quick_check(path: Path, busy_timeout: float, *, full: bool = False) -> None:
    """Open read-only and run SQLite's quick_check, or with `full` its integrity_check,
    which also compares every index with its table (a few times slower); raise
    DamagedError on a problem."""
    con = connect(path, read_only=True, busy_timeout=busy_timeout)
    try:
        rows = con.execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}").fetchall()
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
    con: sqlite3.Connection,
    path: Path | None,
    step: str = "save",
    wait: Callable[[Callable[[], object]], object] | None = None,
) -> Iterator[sqlite3.Connection]:
    """`BEGIN IMMEDIATE … COMMIT`: take the write lock first, so that a read-then-write
    waits for the busy timeout instead of failing at once with "database is locked".
    `step` names the operation for the fault points around its commit (see faults.py).

    `wait`, when given, is how to wait for a lock another program holds: the lock is
    first asked for without waiting, and only when it is taken is `wait(begin)` called,
    which may run `begin` elsewhere (the window runs it on a thread of its own, so that
    it goes on meanwhile) and gives back when it is done or raises what it raised."""
    try:
        if wait is None or not _begin_at_once(con):
            if wait is None:
                con.execute("BEGIN IMMEDIATE")
            else:
                wait(lambda: con.execute("BEGIN IMMEDIATE"))
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
        elif isinstance(error, sqlite3.Error):
            _settle(con)
        if isinstance(error, sqlite3.Error):
            raise translate(error, path) from error
        if isinstance(error, OSError):  # a full or failing disk met outside SQLite
            raise translate_os(error, path) from error
        raise


def _begin_at_once(con: sqlite3.Connection) -> bool:
    """Take the write lock if nobody holds it, without waiting; False when it is held."""
    (timeout,) = con.execute("PRAGMA busy_timeout").fetchone()
    con.execute("PRAGMA busy_timeout = 0")
    try:
        con.execute("BEGIN IMMEDIATE")
        return True
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in (_BUSY, _LOCKED):
            return False
        raise
    finally:
        con.execute(f"PRAGMA busy_timeout = {int(timeout)}")


def _settle(con: sqlite3.Connection) -> None:
    """After a commit that failed part-way (the disk filled while SQLite wrote the file),
    SQLite has ended the transaction but leaves the grown file and its hot journal as they
    are until the connection next reads: one read plays the journal back now, so that no
    backup or check meets a file "not closed properly" meanwhile."""
    with contextlib.suppress(sqlite3.Error):
        con.execute("SELECT count(*) FROM sqlite_schema").fetchone()


def translate_os(error: OSError, path: Path | None) -> Exception:
    """Turn the OSError of a full or failing disk into the `CatalogueError` SQLite's own
    would give; anything else is returned as it is (a bug to show as one)."""
    where = _name(path) if path else "the catalogue"
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(
            f"The disk holding {where} is full, so nothing was saved: free some space, then"
            " try again.",
            path,
        )
    if error.errno == errno.EIO:
        return StorageError(
            f"The disk reported an error while saving to {where}, so nothing was saved: check"
            " the disk, then try again.",
            path,
        )
    return error


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
        try:
            (current,) = con.execute("PRAGMA user_version").fetchone()
        except sqlite3.Error as error:
            raise translate(error, path) from error
        try:
            if not _migration_step(con, path):
                return
        except CatalogueError:
            raise
        except Exception as error:  # before or at a step's commit: the step is named
            if _version_now(con) > current:
                raise  # the step was saved; what failed came after it
            raise MigrationError(
                f"Updating {_name(path) if path else 'the catalogue'} from format {current} "
                f"to {current + 1} failed ({error}); the file was left as it was.",
                path,
            ) from error


def _version_now(con: sqlite3.Connection) -> int:
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return -1


def _migration_step(con: sqlite3.Connection, path: Path | None) -> bool:
    """One step of `migrate`, in one transaction of its own; False when the file is up to
    date (a colleague may have brought it there meanwhile)."""
    with transaction(con, path, "migration"):
        (current,) = con.execute("PRAGMA user_version").fetchone()
        if current >= SCHEMA_VERSION:
            return False
        try:
            run_steps(con, current, current + 1)
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
    return True
