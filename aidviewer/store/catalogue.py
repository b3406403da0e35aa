"""The catalogue: one SQLite file and everything in it.

`Catalogue.open()` and `Catalogue.create()` are the only ways in. The rest of the
application talks to the file through the methods of this class and gets frozen
dataclasses back; no SQL leaves this package.
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from . import connection, mounts, presence
from .base import FTS_MEETING, FTS_NOTE, FTS_RECORD
from .directory_restore import DirectoryRestoreMixin
from .errors import CatalogueError, DamagedError, LockedError, ReadOnlyError
from .merge import MergeMixin
from .restore import RestoreMixin
from .schema import SCHEMA_VERSION, run_steps
from .types import CheckReport, HistoryEntry, SearchHit
from .views import ViewsMixin

SUFFIX = ".aidb"
# SQLite's quick_check reads every page: 0.16 s for 150 MB, seconds for gigabytes. A
# bigger file opens at once and is checked by `verify()`, which the window runs in the
# background.
QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024

_COUNTED = {
    "records": "aid_record",
    "stages": "stage",
    "meetings": "meeting",
    "organisations": "organisation",
    "people": "person",
    "sources": "source",
    "categories": "category",
    "tags": "tag",
    "notes": "note",
    "history": "history",
}


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name, as in some containers
        return "unknown"


def _with_latest_backup(error: DamagedError, path: Path) -> DamagedError:
    """The damage message, naming the time of the latest backup in the usual folder when
    there is one: the person learns at once that there is a way back, and to when."""
    from .backup import backup_names

    try:
        names = backup_names(path)
    except (CatalogueError, OSError):
        names = []
    if not names or not error.message.endswith("restore it from a backup."):
        return error
    made = max(name.made for name in names).strftime("%Y-%m-%d %H:%M")
    return DamagedError(f"{error.message[:-1]} (the latest is from {made}).", path)


def _move_into_place(temp: Path, path: Path) -> None:
    """Give the finished file its name without ever replacing someone else's file.

    A hard link fails if `path` appeared meanwhile; where the file system has no hard
    links, or `path` is the empty file a "New" dialog may leave, the file is renamed over it.
    """
    try:
        os.link(temp, path)
    except FileExistsError:
        if path.stat().st_size > 0:
            raise
        os.replace(temp, path)
    except OSError:
        os.replace(temp, path)


# What the schema of a file holds: (type, name) -> its SQL (None for a table, whose
# columns SQLite itself checks as it reads them).
Schema = dict[tuple[str, str], str | None]


@functools.cache
def expected_schema(version: int) -> Schema:
    """The schema objects a catalogue of format `version` holds: those its migrations
    make, read back from a catalogue built in memory (SQLite keeps each statement's text,
    so the same steps give the same text)."""
    con = sqlite3.connect(":memory:", isolation_level=None)
    try:
        run_steps(con, 0, version)
        return _schema_of(con)
    finally:
        con.close()


def _schema_of(con: sqlite3.Connection) -> Schema:
    rows = con.execute("SELECT type, name, sql FROM sqlite_schema").fetchall()
    virtual = [name for kind, name, sql in rows if (sql or "").startswith("CREATE VIRTUAL")]
    return {
        (kind, name): None if kind == "table" else sql
        for kind, name, sql in rows
        # SQLite's own objects (automatic indexes, ANALYZE's statistics), and a virtual
        # table's shadow tables, which its module makes and checks.
        if not name.startswith("sqlite_") and not any(name.startswith(f"{v}_") for v in virtual)
    }


def _check_schema(path: Path, version: int, busy_timeout: float) -> None:
    """Refuse a file whose triggers, views or indexes are not the ones aidviewer made, or
    that lacks one of its tables: a trigger another program added runs on every save (it
    could empty the history, or call a function aidviewer does not have and make every
    save fail), and a missing one leaves the catalogue inconsistent. Reads only."""
    expected = expected_schema(version)
    con = connection.connect(path, read_only=True, busy_timeout=busy_timeout)
    try:
        found = _schema_of(con)
    except sqlite3.Error as error:
        raise connection.translate(error, path) from error
    finally:
        con.close()
    for (kind, name), sql in sorted(found.items()):
        if (kind, name) not in expected:
            if kind == "table":
                continue  # an extra table is never read or written: harmless
            raise DamagedError(
                f"The catalogue “{path.name}” was changed by another program (it holds a"
                f" {kind} “{name}” that aidviewer did not make): restore it from a backup.",
                path,
            )
        if sql != expected[kind, name]:
            raise DamagedError(
                f"The catalogue “{path.name}” was changed by another program (its {kind}"
                f" “{name}” is not the one aidviewer made): restore it from a backup.",
                path,
            )
    missing = sorted(key for key in expected if key not in found)
    if missing:
        kind, name = missing[0]
        raise DamagedError(
            f"The catalogue “{path.name}” is damaged (its {kind} “{name}” is missing):"
            " restore it from a backup.",
            path,
        )


def _wal_in_read_only_folder(path: Path, writable: bool) -> bool:
    """Whether the file was left in WAL mode (header bytes 18 and 19 are 2) where SQLite
    cannot make the shared-memory file that reading it needs: it then fails with a bare
    "unable to open database file"."""
    if writable or Path(f"{path}-shm").exists():
        return False
    try:
        with path.open("rb") as handle:
            handle.seek(18)
            return handle.read(2) == b"\x02\x02"
    except OSError:
        return False


class Catalogue(RestoreMixin, MergeMixin, DirectoryRestoreMixin, ViewsMixin):
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        user: str | None = None,
        busy_timeout: float = connection.DEFAULT_BUSY_TIMEOUT,
    ) -> Catalogue:
        """Open an existing catalogue, bringing an older one up to date first.

        Raises a `CatalogueError` with a plain sentence for a file that is missing, not a
        catalogue, damaged, newer, or locked; such a file is left exactly as it was. A
        file that cannot be written opens read-only (`read_only` is then True). A journal
        left by a crash is rolled back first, as SQLite does on any read-write open.
        """
        path = Path(path)
        _, user_version = connection.read_header(path)
        writable = connection.folder_writable(path)
        if _wal_in_read_only_folder(path, writable):
            raise ReadOnlyError(
                f"“{path.name}” was saved in a mode (WAL) that can only be read where it can"
                " also be written, and its folder is read-only: copy it to a folder you can"
                " write to, then open the copy.",
                path,
            )
        # A program stopped in the middle of a save (a crash, a power cut, a kill): the
        # file is checked in full, every index against its table, not only page by page.
        unclean = connection.unclean(path)
        if writable and connection.journal_beside(path):
            # A crash left a journal: only a read-write connection rolls it back, and
            # until then a read-only one cannot read the file at all.
            connection.recover(path, busy_timeout)
        checked = path.stat().st_size <= QUICK_CHECK_MAX_BYTES
        if checked:
            try:
                connection.quick_check(path, busy_timeout, full=unclean)
            except DamagedError as error:
                raise _with_latest_backup(error, path) from error
        # Before any migration writes to it: a tampered file is refused unchanged.
        _check_schema(path, user_version, busy_timeout)
        if user_version < SCHEMA_VERSION:
            if not writable:
                raise ReadOnlyError(
                    f"“{path.name}” was made by an older version of aidviewer and must be "
                    "updated, but it is read-only.",
                    path,
                )
            # An older aidviewer that has the file open would go on writing the old format
            # into it (RELIABILITY.md, T13).
            holding = presence.others(path)
            if holding:
                raise LockedError(
                    f"“{path.name}” must be updated to this version of aidviewer, but it is"
                    f" open in aidviewer by {presence.names(holding)}: it can be updated once"
                    " they have closed it. It was left as it was.",
                    path,
                )
            # Updating the format is the one write even a read-only opening makes: this
            # version cannot read the older format. A backup in the older format comes
            # first, which rotation never removes: no update is ever without a way back.
            from .backup import backup_before_migration

            try:
                backup_before_migration(path)
            except CatalogueError as error:
                raise CatalogueError(
                    f"“{path.name}” must be updated to this version of aidviewer, but no"
                    f" backup of it could be made first ({error.message}). It was left as"
                    " it was.",
                    path,
                ) from error
            upgrade = connection.connect(path, read_only=False, busy_timeout=busy_timeout)
            try:
                connection.migrate(upgrade, path)
            finally:
                upgrade.close()
        read_only = read_only or not writable
        # Where the file lives (one small read of /proc/self/mountinfo): the window tells
        # of a network drive, and there the presence file goes beside the catalogue.
        filesystem = mounts.filesystem_type(path)
        con = connection.connect(path, read_only=read_only, busy_timeout=busy_timeout)
        catalogue = cls(con, path, read_only=read_only, user=user or default_user())
        catalogue.checked = checked
        catalogue.unclean = unclean
        catalogue.filesystem = filesystem
        catalogue.on_network_drive = mounts.is_network(filesystem)
        if not read_only:  # a read-only opening leaves no trace, and may not be able to
            catalogue.also_open_by = tuple(presence.others(path))
            catalogue.own_presence = presence.arrive(
                path,
                catalogue.user,
                beside=catalogue.on_network_drive or filesystem == mounts.UNKNOWN,
            )
        return catalogue

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        user: str | None = None,
        fill: Callable[[Catalogue], None] | None = None,
    ) -> Catalogue:
        """Make a new catalogue at `path`, optionally filled by `fill`, and open it.

        The file is built under a temporary name beside `path` and renamed into place
        when complete, so a failure never leaves a half-made catalogue. An existing
        non-empty file is refused.
        """
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise CatalogueError(f"“{path.name}” already exists: choose another name.", path)
        if not path.parent.is_dir():
            raise CatalogueError(f"The folder for “{path.name}” does not exist.", path)
        temp: Path | None = None
        try:
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{path.stem}-", suffix=SUFFIX + ".tmp", dir=path.parent
            )
            os.close(handle)
            temp = Path(temp_name)
            # mkstemp makes the file private (0600); a catalogue gets the usual mode, so
            # colleagues on a shared drive can read it as they can the user's other files.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
            con = connection.connect(
                temp, read_only=False, busy_timeout=connection.DEFAULT_BUSY_TIMEOUT
            )
            try:
                connection.migrate(con, temp)
            finally:
                con.close()
            if fill is not None:
                with cls.open(temp, user=user) as draft:
                    fill(draft)
            _move_into_place(temp, path)
        except FileExistsError:
            raise CatalogueError(
                f"“{path.name}” already exists: choose another name.", path
            ) from None
        except OSError as error:
            raise CatalogueError(
                f"“{path.name}” could not be written: {error.strerror or error}.", path
            ) from error
        finally:
            if temp is not None:
                for leftover in (temp, Path(f"{temp}-journal")):
                    with contextlib.suppress(FileNotFoundError):
                        leftover.unlink()
        return cls.open(path, user=user)

    # -- life cycle -----------------------------------------------------------------------

    # The file system holding the file ("ext4", "cifs", … or "unknown"), and whether it is
    # a network one: the window says so (RELIABILITY.md, T12).
    filesystem: str = mounts.UNKNOWN
    on_network_drive: bool = False
    # The other programs that had the file open for writing when it was opened, and this
    # one's own presence file (None when read-only or when no folder took it; T13).
    also_open_by: tuple[presence.Holder, ...] = ()
    # Why the file is damaged, when a check since opening found it so ("" while none has):
    # no backup is made of it then, so that its sound backups are kept as they are.
    damaged: str = ""
    # Whether a journal or WAL showed, on opening, that a save had been cut short: the file
    # was then checked in full (RELIABILITY.md, T21).
    unclean: bool = False
    own_presence: presence.Presence | None = None

    @property
    def name(self) -> str:
        """The catalogue's name as shown to people: its file name without the extension."""
        return self.path.stem

    @property
    def user(self) -> str:
        """Who saves: written into history and shown to colleagues in the presence file."""
        return self._user

    @user.setter
    def user(self, user: str) -> None:
        self._user = user
        if self.own_presence is not None:
            self.own_presence.rename(user)

    def holders(self) -> list[presence.Holder]:
        """The other programs that have the file open for writing now."""
        return presence.others(self.path, tidy=not self.read_only)

    def close(self) -> None:
        self._close_connections()
        if self.own_presence is not None:
            self.own_presence.leave()
            self.own_presence = None

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def verify(self) -> None:
        """SQLite's quick_check on a connection of its own (so it may run in another
        thread), its full integrity_check when the file was left in the middle of a save;
        raises DamagedError when the file is damaged."""
        try:
            connection.quick_check(self.path, connection.DEFAULT_BUSY_TIMEOUT, full=self.unclean)
        except DamagedError as error:
            named = _with_latest_backup(error, self.path)
            self.damaged = named.message
            raise named from error

    # -- whole-catalogue questions ----------------------------------------------------------

    def schema_version(self) -> int:
        return int(self._query("PRAGMA user_version")[0][0])

    def counts(self) -> dict[str, int]:
        with self._read() as con:
            return {
                name: int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for name, table in _COUNTED.items()
            }

    def check(self) -> CheckReport:
        """Full integrity and foreign-key checks, with the schema version and counts."""
        problems: list[str] = []
        with self._read() as con:
            integrity = [row[0] for row in con.execute("PRAGMA integrity_check").fetchall()]
            if integrity != ["ok"]:
                problems.extend(f"integrity: {line}" for line in integrity)
            for row in con.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"foreign key: {row[0]} row {row[1]} refers to a missing {row[2]}")
            fts = con.execute("SELECT count(*) FROM search_index").fetchone()[0]
            expected = con.execute(
                "SELECT (SELECT count(*) FROM aid_record) + (SELECT count(*) FROM meeting)"
                " + (SELECT count(*) FROM note)"
            ).fetchone()[0]
            if fts != expected:
                problems.append(f"search index: {fts} entries for {expected} rows")
            tally, records = con.execute(
                "SELECT (SELECT rows FROM tally WHERE name = 'aid_record'),"
                " (SELECT count(*) FROM aid_record)"
            ).fetchone()
            if tally != records:
                problems.append(f"record tally: {tally} for {records} records")
        return CheckReport(
            schema_version=self.schema_version(), counts=self.counts(), problems=tuple(problems)
        )

    def history(
        self, entity: str, entity_id: int, *, with_notes: bool = False
    ) -> list[HistoryEntry]:
        """Every change to one row, oldest first; `with_notes` adds the changes to the
        notes an aid record or meeting has, or had: a deleted note is found by what its
        deletion kept."""
        sql = "SELECT * FROM history WHERE entity = ? AND entity_id = ?"
        params: tuple[object, ...] = (entity, entity_id)
        if with_notes and entity in ("aid_record", "meeting"):
            owner = "record_id" if entity == "aid_record" else "meeting_id"
            sql += (
                " UNION ALL SELECT * FROM history WHERE entity = 'note' AND entity_id IN"
                f" (SELECT id FROM note WHERE {owner} = ?"
                " UNION SELECT entity_id FROM history WHERE entity = 'note'"
                " AND action = 'delete' AND json_valid(old)"
                f" AND json_extract(old, '$.{owner}') = ?)"
            )
            params += (entity_id, entity_id)
        rows = self._query(f"SELECT * FROM ({sql}) ORDER BY id", params)
        return [
            HistoryEntry(
                id=row["id"],
                at=row["at"],
                who=row["who"],
                entity=row["entity"],
                entity_id=row["entity_id"],
                action=row["action"],
                field=row["field"],
                old=row["old"],
                new=row["new"],
            )
            for row in rows
        ]

    def search(self, text: str, limit: int = 100) -> list[SearchHit]:
        """Full-text search over records, meetings and notes; each word matches as a prefix,
        ignoring case and diacritics."""
        words = [
            word for word in "".join(ch if ch.isalnum() else " " for ch in text).split() if word
        ]
        if not words:
            return []
        query = " ".join(f'"{word}"*' for word in words)
        rows = self._query(
            "SELECT rowid, title, snippet(search_index, -1, '[', ']', '…', 12) AS snippet"
            " FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        kinds = {FTS_RECORD: "record", FTS_MEETING: "meeting", FTS_NOTE: "note"}
        return [
            SearchHit(
                kind=kinds[row["rowid"] % 4],
                id=row["rowid"] // 4,
                title=row["title"],
                snippet=row["snippet"],
            )
            for row in rows
        ]
