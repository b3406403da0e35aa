"""Backups of a catalogue: made, listed, rotated and restored.

A backup is made by SQLite's online backup API from a read-only connection, so it is one
consistent state of the catalogue even while colleagues save. The copy is written under a
temporary name in the backup folder, checked (integrity, application id, and as many
records and meetings as the catalogue held in the state copied), flushed to disk, and only
then given its name: a file with a backup's name is always a whole, checked backup.

Backups live in a folder, by default "<name> backups" beside the catalogue, and their names
carry the time and the kind: "Aid 2026-11-27 04-58-12 auto.aidb". Rotation reads only these
names. A restore checks the backup first, keeps the current file aside (never deleting it)
together with any journal beside it, and renames a copy of the backup into place, so a
stale journal or WAL can never be applied to the restored file (RELIABILITY.md, T19).
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import sqlite3
import stat
import struct
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from aidviewer import faults

from . import connection, presence
from .errors import (
    CatalogueError,
    DamagedError,
    DiskFullError,
    LockedError,
    NewerVersionError,
    NotACatalogueError,
    ReadOnlyError,
    StorageError,
)
from .schema import APPLICATION_ID, SCHEMA_VERSION

AUTO = "auto"  # on opening, when the last backup is older than a day
CLOSE = "close"  # on closing the window
MANUAL = "manual"  # asked for
MIGRATION = "migration"  # before a catalogue is brought to a newer format: never rotated out
KINDS = (AUTO, CLOSE, MANUAL, MIGRATION)

_SUFFIX = ".aidb"
_STAMP = "%Y-%m-%d %H-%M-%S"
# What follows the catalogue's name: " 2026-11-27 04-58-12 auto.aidb", and " 2" and up
# for a second backup of the same kind in the same second.
_NAME = re.compile(
    r" (\d{4}-\d{2}-\d{2} \d{2}-\d{2}-\d{2}) ("
    + "|".join(KINDS)
    + r")(?: ([2-9]|[1-9]\d+))?"
    + re.escape(_SUFFIX)
)
_COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Backup:
    """One backup file. `records` and `meetings` are None when the file could not be
    read as a catalogue; `problem` then says why ("damaged", "not an aidviewer catalogue")."""

    path: Path
    made: datetime
    kind: str
    size: int
    records: int | None
    meetings: int | None
    problem: str = ""


@dataclass(frozen=True)
class BackupName:
    """What a backup's file name says: all that rotation looks at."""

    path: Path
    made: datetime
    kind: str
    number: int = 1


class _UnsoundError(Exception):
    """A file that is not a sound catalogue; `reason` completes "it is …"."""

    def __init__(self, reason: str, kind: type[CatalogueError]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


# -- names and folders -----------------------------------------------------------------------


def default_folder(path: Path) -> Path:
    """Where a catalogue's backups go unless another folder is chosen."""
    return path.parent / f"{path.stem} backups"


def _folder(path: Path, folder: Path | None) -> Path:
    return Path(folder) if folder is not None else default_folder(path)


def parse_name(name: str, stem: str) -> BackupName | None:
    """Read a file name as a backup of the catalogue named `stem`, or None."""
    if not name.startswith(stem):
        return None
    match = _NAME.fullmatch(name, len(stem))
    if match is None:
        return None
    try:
        made = datetime.strptime(match[1], _STAMP)
    except ValueError:  # 2026-13-45: not a time, so not one of ours
        return None
    return BackupName(Path(name), made, match[2], int(match[3] or 1))


def backup_names(path: Path, folder: Path | None = None) -> list[BackupName]:
    """The backups of the catalogue at `path` in the folder, oldest first, by name alone."""
    path = Path(path)
    where = _folder(path, folder)
    try:
        entries = list(os.scandir(where))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        raise StorageError(
            f"The backup folder “{where}” cannot be read: {error.strerror or error}.", where
        ) from error
    found: list[BackupName] = []
    for entry in entries:
        named = parse_name(entry.name, path.stem)
        if named is not None and entry.is_file():
            found.append(BackupName(where / entry.name, named.made, named.kind, named.number))
    found.sort(key=lambda named: (named.made, named.number, named.path.name))
    return found


# -- checking a file -------------------------------------------------------------------------


def _count(con: sqlite3.Connection) -> tuple[int, int]:
    records, meetings = con.execute(
        "SELECT (SELECT count(*) FROM aid_record), (SELECT count(*) FROM meeting)"
    ).fetchone()
    return int(records), int(meetings)


def _reason(error: CatalogueError) -> str:
    if isinstance(error, NotACatalogueError):
        return "not an aidviewer catalogue"
    if isinstance(error, NewerVersionError):
        return "from a newer version of aidviewer"
    if isinstance(error, DamagedError):
        return "damaged"
    return "unreadable"


def _inspect(file: Path, check: str | None) -> tuple[int, int]:
    """The number of records and meetings in `file`, after `check` ("integrity_check",
    "quick_check" or None); raises _UnsoundError for anything but a sound catalogue. Opens the
    file read-only, so it is never changed."""
    try:
        connection.read_header(file)
        con = connection.connect(file, read_only=True, busy_timeout=1.0)
    except CatalogueError as error:
        raise _UnsoundError(_reason(error), type(error)) from error
    try:
        if check is not None:
            result = [row[0] for row in con.execute(f"PRAGMA {check}").fetchall()]
            if result != ["ok"]:
                raise _UnsoundError("damaged", DamagedError)
        (application_id,) = con.execute("PRAGMA application_id").fetchone()
        if application_id != APPLICATION_ID:
            raise _UnsoundError("not an aidviewer catalogue", NotACatalogueError)
        return _count(con)
    except sqlite3.Error as error:
        translated = connection.translate(error, file)
        if isinstance(translated, CatalogueError) and not isinstance(translated, DamagedError):
            raise _UnsoundError(_reason(translated), type(translated)) from error
        raise _UnsoundError("damaged", DamagedError) from error
    finally:
        con.close()


# -- disk helpers ----------------------------------------------------------------------------


def _fsync(file: Path) -> None:
    """Flush a finished file to the disk before it gets its final name."""
    handle = os.open(file, os.O_RDWR)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _fsync_folder(folder: Path) -> None:
    """Make renames in `folder` durable; Windows cannot open a folder, and some file
    systems refuse, which only costs durability, never correctness."""
    if sys.platform == "win32":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _temp_beside(folder: Path, stem: str, what: str) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{stem} {what} ", suffix=_SUFFIX + ".tmp", dir=folder)
    os.close(handle)
    return Path(name)


# A temporary file untouched for this long was left by a backup, restore or salvage that
# was killed part-way: none goes that long without writing (a copy writes all along; its
# checks read a gigabyte in about a minute).
STALE_TEMP_SECONDS = 6 * 3600
_TEMP_ENDINGS = (f"{_SUFFIX}.tmp", f"{_SUFFIX}.tmp-journal")


def remove_stale_temps(folder: Path, stem: str, now: float) -> list[Path]:
    """Remove the hidden temporary files of the catalogue named `stem` in `folder` that
    such a killed operation left; return them. Files still in use are too recent."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if not (name.startswith(f".{stem} ") and name.endswith(_TEMP_ENDINGS)):
            continue
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_TEMP_SECONDS:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _remove_quietly(*files: Path) -> None:
    for leftover in files:
        with contextlib.suppress(OSError):
            leftover.unlink()


def _give_name(temp: Path, target: Path) -> bool:
    """Rename `temp` to `target` unless a file of that name exists; False if one does.

    A hard link fails if `target` exists, so another backup is never replaced; where the
    file system has no hard links the file is renamed, after checking for the name.
    """
    try:
        os.link(temp, target)
    except FileExistsError:
        return False
    except OSError:
        if os.path.lexists(target):
            return False
        os.replace(temp, target)
        return True
    temp.unlink()
    return True


def _copy_file(source: Path, target: Path) -> None:
    """Copy bytes into the existing file `target` and flush them to the disk."""
    with source.open("rb") as reading, target.open("wb") as writing:
        while chunk := reading.read(_COPY_CHUNK):
            writing.write(chunk)
        writing.flush()
        os.fsync(writing.fileno())


def _os_failure(error: OSError, folder: Path, what: str) -> CatalogueError:
    """A plain sentence for an operating-system error while writing into `folder`."""
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(f"The disk holding “{folder}” is full: {what}.", folder)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyError(f"The folder “{folder}” cannot be written: {what}.", folder)
    return StorageError(
        f"The disk reported an error in “{folder}” ({error.strerror or error}): {what}.", folder
    )


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _os_failure(error, folder, "no backup folder could be made there") from error


# -- making a backup -------------------------------------------------------------------------


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy every page of the catalogue, as `source`'s read transaction sees it, into
    the empty file `target`."""
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        source.backup(copy)
    finally:
        copy.close()


def _copy_failure(error: sqlite3.Error, path: Path, folder: Path) -> CatalogueError:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == 13:  # SQLITE_FULL
        return DiskFullError(f"The disk holding “{folder}” is full: no backup was made.", folder)
    if code == 11:  # SQLITE_CORRUPT, met while reading the catalogue's pages
        return DamagedError(
            f"“{path.name}” is damaged and cannot be backed up: restore it from a backup.", path
        )
    return StorageError(f"The backup of “{path.name}” could not be written: {error}.", folder)


def make_backup(
    path: Path,
    folder: Path | None = None,
    *,
    kind: str = MANUAL,
    now: datetime | None = None,
    busy_timeout: float = connection.DEFAULT_BUSY_TIMEOUT,
) -> Backup:
    """Back the catalogue up into `folder` (by default "<name> backups" beside it).

    Waits up to `busy_timeout` for a colleague's save to finish. Raises a `CatalogueError`
    with one sentence when the catalogue cannot be read, the copy fails its check, or the
    disk is full; no part of a failed backup is left behind, and the catalogue is never
    changed.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of backup: {kind!r}")
    path = Path(path)
    connection.read_header(path)  # refuses what is not a catalogue before making anything
    where = _folder(path, folder)
    made = (now or datetime.now()).replace(microsecond=0)
    _make_folder(where)
    temp: Path | None = None
    try:
        temp = _temp_beside(where, path.stem, "backup")
        source = connection.connect(path, read_only=True, busy_timeout=busy_timeout)
        try:
            try:
                source.execute("BEGIN")
                expected = _count(source)  # the same snapshot as the pages copied
            except sqlite3.Error as error:
                raise connection.translate(error, path) from error
            try:
                _copy(source, temp)
            except sqlite3.Error as error:
                raise _copy_failure(error, path, where) from error
        finally:
            source.close()
        faults.point("backup.copied")
        try:
            found = _inspect(temp, "integrity_check")
        except _UnsoundError as unsound:
            raise DamagedError(
                f"The backup of “{path.name}” failed its check (it is {unsound.reason}): "
                "no backup was made.",
                path,
            ) from unsound
        if found != expected:
            raise DamagedError(
                f"The backup of “{path.name}” holds {found[0]} records and {found[1]} meetings"
                f" instead of {expected[0]} and {expected[1]}: no backup was made.",
                path,
            )
        # Owner-writable, so that rotation can always remove it, even on Windows.
        os.chmod(temp, stat.S_IMODE(path.stat().st_mode) | stat.S_IWUSR)
        _fsync(temp)
        faults.point("backup.before_rename")
        final = _place(temp, where, f"{path.stem} {made.strftime(_STAMP)} {kind}")
        faults.point("backup.after_rename")
        _fsync_folder(where)
        size = final.stat().st_size
    except OSError as error:
        raise _os_failure(error, where, "no backup was made") from error
    finally:
        if temp is not None:
            _remove_quietly(temp, Path(f"{temp}-journal"))
    return Backup(final, made, kind, size, found[0], found[1])


def _place(temp: Path, folder: Path, base: str) -> Path:
    for number in itertools.count(1):
        target = folder / f"{base}{f' {number}' if number > 1 else ''}{_SUFFIX}"
        if _give_name(temp, target):
            return target
    raise AssertionError("unreachable")  # pragma: no cover


def backup_before_migration(path: Path, folder: Path | None = None) -> Backup | None:
    """Make a `migration` backup of a catalogue in an older format, before it is brought
    up to date; rotation never removes these. Does nothing (None) for an empty or new
    file and for one already in the current format."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return None
    except FileNotFoundError:
        return None
    # A plain read-only connection: reading the version must not change the file.
    raw = sqlite3.connect(
        f"file:{quote(str(path.resolve()))}?mode=ro",
        uri=True,
        timeout=connection.DEFAULT_BUSY_TIMEOUT,
    )
    try:
        (version,) = raw.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error as error:
        raise connection.translate(error, path) from error
    finally:
        raw.close()
    if not 0 < version < SCHEMA_VERSION:
        return None
    return make_backup(path, folder, kind=MIGRATION)


# -- listing, due, rotation ------------------------------------------------------------------


def list_backups(path: Path, folder: Path | None = None, *, check: bool = False) -> list[Backup]:
    """The catalogue's backups, oldest first, with their sizes and counts, read from each
    file read-only. A file that cannot be read as a catalogue is listed with counts None
    and a `problem`. Damage inside a file may not stop counting; `check` runs SQLite's
    quick_check on each file to find it, which reads every page (0.16 s for 150 MB)."""
    found: list[Backup] = []
    for named in backup_names(path, folder):
        try:
            size = named.path.stat().st_size
        except FileNotFoundError:  # removed meanwhile, by another window's rotation
            continue
        records: int | None
        meetings: int | None
        try:
            records, meetings = _inspect(named.path, "quick_check" if check else None)
        except _UnsoundError as unsound:
            records = meetings = None
            problem = unsound.reason
        else:
            problem = ""
        found.append(Backup(named.path, named.made, named.kind, size, records, meetings, problem))
    return found


def backup_due(
    path: Path,
    folder: Path | None = None,
    *,
    older_than: timedelta = timedelta(days=1),
    now: datetime | None = None,
) -> bool:
    """Whether the newest backup is at least `older_than` old, or there is none. A backup
    dated in the future (a clock set wrong) does not count."""
    now = now or datetime.now()
    made = [named.made for named in backup_names(path, folder) if named.made <= now]
    return not made or now - max(made) >= older_than


def _day(day: date) -> object:
    return day


def _week(day: date) -> object:
    return day.isocalendar()[:2]


def _month(day: date) -> object:
    return day.year, day.month


def select_for_removal(
    backups: Sequence[BackupName],
    *,
    now: datetime,
    keep_recent: int = 10,
    keep_daily: int = 7,
    keep_weekly: int = 4,
    keep_monthly: int = 6,
) -> list[Path]:
    """Which backups rotation removes, from their names and `now` alone.

    Kept: the `keep_recent` newest; the newest of each of the last `keep_daily` days, the
    last `keep_weekly` ISO weeks and the last `keep_monthly` months, counting the one
    holding `now`; every `migration` backup; anything dated after `now`; and always the
    newest backup, whatever the counts say.
    """
    rotating = sorted(
        (named for named in backups if named.kind != MIGRATION and named.made <= now),
        key=lambda named: (named.made, named.number),
        reverse=True,
    )
    keep: set[Path] = {named.path for named in rotating[: max(keep_recent, 1)]}
    today = now.date()
    days: set[object] = {_day(today - timedelta(days=back)) for back in range(keep_daily)}
    monday = today - timedelta(days=today.weekday())
    weeks: set[object] = {_week(monday - timedelta(weeks=back)) for back in range(keep_weekly)}
    months: set[object] = set()
    first = today.replace(day=1)
    for _ in range(keep_monthly):
        months.add(_month(first))
        first = (first - timedelta(days=1)).replace(day=1)
    periods: list[tuple[set[object], Callable[[date], object]]] = [
        (days, _day),
        (weeks, _week),
        (months, _month),
    ]
    for wanted, period_of in periods:
        for named in rotating:  # newest first: the first seen in a period is its newest
            period = period_of(named.made.date())
            if period in wanted:
                keep.add(named.path)
                wanted.discard(period)
    return [named.path for named in rotating if named.path not in keep][::-1]


def rotate(
    path: Path,
    folder: Path | None = None,
    *,
    keep_recent: int = 10,
    keep_daily: int = 7,
    keep_weekly: int = 4,
    keep_monthly: int = 6,
    now: datetime | None = None,
) -> list[Path]:
    """Remove the backups the policy of `select_for_removal` does not keep; return them,
    oldest first."""
    path = Path(path)
    doomed = select_for_removal(
        backup_names(path, folder),
        now=now or datetime.now(),
        keep_recent=keep_recent,
        keep_daily=keep_daily,
        keep_weekly=keep_weekly,
        keep_monthly=keep_monthly,
    )
    when = (now or datetime.now()).timestamp()
    for place in {_folder(path, folder), path.parent}:
        remove_stale_temps(place, path.stem, when)
    removed: list[Path] = []
    for old in doomed:
        try:
            faults.point("backup.rotate")
            old.unlink()
        except FileNotFoundError:  # another window rotated it away first
            continue
        except OSError as error:
            raise _os_failure(
                error, old.parent, f"the old backup “{old.name}” could not be removed"
            ) from error
        removed.append(old)
    if removed:
        _fsync_folder(removed[0].parent)
    return removed


# -- restoring -------------------------------------------------------------------------------

# SQLite's Unix VFS marks a write transaction by a write lock on this byte of the file.
_RESERVED_BYTE = 0x40000000 + 1


def _lock_reserved_byte(handle: int) -> bool:
    """Take a read lock on SQLite's reserved byte, so no writer can start; False if a
    writer holds it now."""
    if sys.platform == "win32":  # not called there: see _writers_held_off
        return True
    import fcntl

    try:
        if sys.platform == "linux" and struct.calcsize("P") == 8:
            # An open-file-description lock conflicts with SQLite's locks even when they
            # belong to this process, and closing it leaves this process's own locks alone.
            request = struct.pack("@hhqqi4x", fcntl.F_RDLCK, os.SEEK_SET, _RESERVED_BYTE, 1, 0)
            fcntl.fcntl(handle, fcntl.F_OFD_SETLK, request)
        else:  # a POSIX lock: sees other processes only
            fcntl.lockf(handle, fcntl.LOCK_SH | fcntl.LOCK_NB, 1, _RESERVED_BYTE, os.SEEK_SET)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


@contextlib.contextmanager
def _writers_held_off(path: Path) -> Iterator[None]:
    """Refuse if a program is saving into the catalogue, and keep any from starting
    until the block ends (they wait, as for any colleague's save). On Windows a file
    another program has open cannot be replaced, which refuses the restore instead."""
    if sys.platform == "win32":
        yield
        return
    handle = os.open(path, os.O_RDONLY)
    try:
        if not _lock_reserved_byte(handle):
            raise LockedError(
                f"“{path.name}” is being saved by another program: try the restore again"
                " when it has finished.",
                path,
            )
        yield
    finally:
        os.close(handle)


_JOURNALS = ("-journal", "-wal")


def _journals_beside(path: Path) -> list[str]:
    """The endings of the journal or WAL beside the catalogue: with no program saving,
    what a crash left, which the file is only whole with."""
    return [ending for ending in _JOURNALS if os.path.lexists(f"{path}{ending}")]


def _copy_new(source: Path, target: Path) -> None:
    """Copy `source` to the new name `target`: written under a temporary name, flushed,
    then named, never replacing a file of that name."""
    temp = _temp_beside(target.parent, source.stem, "aside")
    try:
        _copy_file(source, temp)
        if not _give_name(temp, target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target))
    finally:
        _remove_quietly(temp)


def _keep_aside(path: Path, aside: Path) -> None:
    """Give the current file a second name in the backup folder, or copy it there when
    that folder is on another disk; `path` stays whole until it is replaced."""
    try:
        os.link(path, aside)
        return
    except FileExistsError:
        raise
    except OSError:
        pass
    _copy_new(path, aside)


def _copy_aside_with_journals(path: Path, aside: Path, endings: list[str]) -> None:
    """Copy the previous file and its journal or WAL aside as they are. Copies, not a
    second name: the file is about to be settled in place. The journal goes first, so the
    pair is whole even if another program rolls the journal back meanwhile (putting the
    old pages back a second time changes nothing)."""
    for ending in endings:
        _copy_new(Path(f"{path}{ending}"), Path(f"{aside}{ending}"))
    _copy_new(path, aside)


def _identity(path: Path) -> tuple[int, int, int]:
    found = path.stat()
    return found.st_ino, found.st_size, found.st_mtime_ns


def _swap(temp: Path, path: Path) -> None:
    """Put the checked copy of the backup in the catalogue's place: one atomic rename,
    so the name always holds a whole file, the previous one or the restored one."""
    _remove_quietly(Path(f"{path}-shm"))  # only an index of a WAL no longer there
    faults.point("restore.before_rename")
    os.replace(temp, path)
    faults.point("restore.after_rename")


def restore_backup(
    path: Path,
    backup: Path,
    *,
    folder: Path | None = None,
    now: datetime | None = None,
    kept_as: Path | None = None,
) -> Path:
    """Put the backup in place of the catalogue at `path`; return where the previous
    file was kept: "<name> before restore <time>.aidb" in the backup folder, or `kept_as`
    (a damaged file is kept beside the catalogue as "<name>.aidb.corrupt-<time>").

    The backup is checked first, and a backup that fails leaves everything as it was.
    A journal or WAL that a crash left beside the catalogue is kept aside with a copy of
    the file, then settled by SQLite (the journal rolled back, the WAL copied in) before
    the swap: it is never applied to the restored file, and a crash at any moment leaves
    the catalogue's name holding a whole file, never the previous file without its
    journal. Refused while another program is saving into the catalogue. The caller
    closes its own connections to the catalogue first.
    """
    path, backup = Path(path), Path(backup)
    if not path.is_file():
        raise CatalogueError(f"The catalogue “{path.name}” does not exist.", path)
    if not backup.is_file():
        raise CatalogueError(f"The backup “{backup.name}” does not exist.", backup)
    if os.path.samefile(path, backup):
        raise CatalogueError(f"“{backup.name}” is the catalogue itself, not a backup.", backup)
    holding = presence.others(path)
    if holding:  # their next save would go into a file that is no longer theirs
        raise LockedError(
            f"“{path.name}” is open in aidviewer by {presence.names(holding)}: a backup can"
            " be restored once they have closed it. Nothing was changed.",
            path,
        )
    try:
        expected = _inspect(backup, "integrity_check")
    except _UnsoundError as unsound:
        raise unsound.kind(
            f"The backup “{backup.name}” cannot be restored: it is {unsound.reason}.", backup
        ) from unsound
    where = _folder(path, folder)
    _make_folder(where)
    stamp = (now or datetime.now()).strftime(_STAMP)
    temp: Path | None = None
    stage = "the catalogue was not changed"
    try:
        temp = _temp_beside(path.parent, path.stem, "restore")
        _copy_file(backup, temp)
        try:
            copied = _inspect(temp, "quick_check")
        except _UnsoundError as unsound:
            raise DamagedError(
                f"The copy of “{backup.name}” failed its check (it is {unsound.reason}): "
                "the catalogue was not changed.",
                path,
            ) from unsound
        if copied != expected:
            raise DamagedError(
                f"The copy of “{backup.name}” differs from the backup: the catalogue was not"
                " changed.",
                path,
            )
        os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        aside = kept_as or _free_name(where, f"{path.stem} before restore {stamp}")
        with _writers_held_off(path):
            unsettled = _journals_beside(path)
            if not unsettled:
                _keep_aside(path, aside)
                stage = f"the previous file is kept as “{aside}”"
                faults.point("restore.aside")
                _swap(temp, path)
        if unsettled:
            # Moving the journal away before the swap would leave, until the rename,
            # the previous file without it: half of a save, with nothing to undo it.
            # Settling happens outside the lock above: SQLite takes that lock for a
            # writer's and would not roll the journal back.
            _copy_aside_with_journals(path, aside, unsettled)
            stage = f"the previous file is kept, with its journal, as “{aside}”"
            faults.point("restore.aside")
            settled = _settle(path, stage)
            with _writers_held_off(path):
                if _journals_beside(path) or _identity(path) != settled:
                    raise LockedError(
                        f"“{path.name}” was saved by another program during the restore:"
                        f" try again when it has finished; {stage}.",
                        path,
                    )
                _swap(temp, path)
        _fsync_folder(where)
        _fsync_folder(path.parent)
    except OSError as error:
        raise _os_failure(error, path.parent, stage) from error
    finally:
        if temp is not None:
            _remove_quietly(temp)
    return aside


def _settle(path: Path, stage: str) -> tuple[int, int, int]:
    """Let SQLite make the file whole on its own (a read-write opening rolls a crash's
    journal back, and leaving WAL mode copies the WAL in); the file's identity then."""
    try:
        connection.recover(path, connection.DEFAULT_BUSY_TIMEOUT)
    except CatalogueError as error:
        raise type(error)(f"{error.message} The backup was not restored; {stage}.", path) from error
    return _identity(path)


def _free_name(folder: Path, base: str) -> Path:
    """A name no file has, nor the journal or WAL kept with one."""
    for number in itertools.count(1):
        candidate = folder / f"{base}{f' {number}' if number > 1 else ''}{_SUFFIX}"
        if not any(os.path.lexists(f"{candidate}{end}") for end in ("", *_JOURNALS)):
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover
