"""The catalogue: one SQLite file and everything in it.

`Catalogue.open()` and `Catalogue.create()` are the only ways in. The rest of the
application talks to the file through the methods of this class and gets frozen
dataclasses back; no SQL leaves this package.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from . import connection
from .base import FTS_MEETING, FTS_NOTE, FTS_RECORD
from .directory_restore import DirectoryRestoreMixin
from .errors import CatalogueError, ReadOnlyError
from .merge import MergeMixin
from .restore import RestoreMixin
from .schema import SCHEMA_VERSION
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
        if writable and connection.journal_beside(path):
            # A crash left a journal: only a read-write connection rolls it back, and
            # until then a read-only one cannot read the file at all.
            connection.recover(path, busy_timeout)
        checked = path.stat().st_size <= QUICK_CHECK_MAX_BYTES
        if checked:
            connection.quick_check(path, busy_timeout)
        if user_version < SCHEMA_VERSION:
            if not writable:
                raise ReadOnlyError(
                    f"“{path.name}” was made by an older version of aidviewer and must be "
                    "updated, but it is read-only.",
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
        con = connection.connect(path, read_only=read_only, busy_timeout=busy_timeout)
        catalogue = cls(con, path, read_only=read_only, user=user or default_user())
        catalogue.checked = checked
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

    @property
    def name(self) -> str:
        """The catalogue's name as shown to people: its file name without the extension."""
        return self.path.stem

    def close(self) -> None:
        self._con.close()

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
        thread); raises DamagedError when the file is damaged."""
        connection.quick_check(self.path, connection.DEFAULT_BUSY_TIMEOUT)

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
