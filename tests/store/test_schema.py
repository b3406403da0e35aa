"""Schema creation, connection settings (T26 of RELIABILITY.md) and migrations keyed on
PRAGMA user_version."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from figures import Figures

from aidviewer.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Catalogue,
    CatalogueError,
    MigrationError,
    connection,
)
from aidviewer.store import schema as schema_module
from aidviewer.store.backup import make_backup

TABLES = {
    "organisation", "organisation_alias", "person", "category", "tag", "source", "aid_record",
    "stage", "record_source", "record_tag", "meeting", "meeting_participant", "meeting_topic",
    "meeting_action", "meeting_record", "meeting_source", "note", "history", "search_index",
    "setting", "saved_view",
}  # fmt: skip


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def test_new_catalogue_has_the_whole_schema(empty_path: Path) -> None:
    con = _raw(empty_path)
    names = {row[0] for row in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    assert names >= TABLES


def test_every_editable_table_carries_a_version(empty_path: Path) -> None:
    con = _raw(empty_path)
    for table in ("organisation", "person", "category", "tag", "source", "aid_record", "meeting",
                  "note"):  # fmt: skip
        columns = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
        assert {"version", "updated_at", "updated_by"} <= columns, table
    con.close()


HARDENED = {
    "trusted_schema": 0,
    "foreign_keys": 1,
    "cell_size_check": 1,
    "mmap_size": 0,
    "journal_mode": "delete",
    "synchronous": 2,  # FULL: the catalogue is never in WAL mode
}
DEFENSIVE = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)  # Python >= 3.12


@dataclass(frozen=True)
class Made:
    """A connection the factory returned, and its settings as it returned it."""

    path: Path
    read_only: bool
    busy_timeout: float  # as asked, in seconds
    existing: bool  # the file had content (a new one is made ours by its first migration)
    settings: dict[str, object]
    defensive: bool | None  # None before Python 3.12

    @property
    def hardened(self) -> bool:
        return HARDENED.items() <= self.settings.items()


def _made(con: sqlite3.Connection, path: Path, read_only: bool, timeout: float) -> Made:
    names = [*HARDENED, "busy_timeout", "application_id"]
    return Made(
        path=Path(path),
        read_only=read_only,
        busy_timeout=timeout,
        existing=os.path.getsize(path) > 0,
        settings={name: con.execute(f"PRAGMA {name}").fetchone()[0] for name in names},
        defensive=con.getconfig(DEFENSIVE) if DEFENSIVE is not None else None,  # type: ignore[attr-defined]
    )


def test_every_connection_is_hardened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, figures: Figures
) -> None:
    """T26: each connection the factory returns while a catalogue is made, opened for
    writing and for reading, checked, backed up, recovered after a crash and migrated
    from an older format has the hardened settings."""
    made: list[Made] = []
    factory = connection.connect

    def watched(path: Path, *, read_only: bool, busy_timeout: float) -> sqlite3.Connection:
        con = factory(path, read_only=read_only, busy_timeout=busy_timeout)
        made.append(_made(con, path, read_only, busy_timeout))
        return con

    monkeypatch.setattr(connection, "connect", watched)
    path = tmp_path / "new.aidb"
    Catalogue.create(path, user="tester").close()
    with Catalogue.open(path) as catalogue:
        assert catalogue.check().sound
    Catalogue.open(path, read_only=True).close()
    make_backup(path, tmp_path / "backups")
    connection.recover(path, connection.DEFAULT_BUSY_TIMEOUT)
    old = tmp_path / "old.aidb"
    _version_zero_file(old)
    Catalogue.open(old).close()  # with a migration's own connection

    figures.add("connections checked", len(made))
    figures.add("of them read-only", sum(m.read_only for m in made))
    figures.add("of them hardened as RELIABILITY.md asks", sum(m.hardened for m in made))
    figures.add(
        "of them with DEFENSIVE on",
        sum(bool(m.defensive) for m in made) if DEFENSIVE is not None else "n/a (Python < 3.12)",
    )
    assert len(made) >= 10
    assert {m.read_only for m in made} == {True, False}
    for m in made:
        assert m.hardened, m
        assert m.settings["busy_timeout"] == int(m.busy_timeout * 1000), m
        if m.path in (path, old):  # the catalogues themselves (not a backup's copy)
            assert m.settings["busy_timeout"] == 5000, m
        if m.existing:
            assert m.settings["application_id"] == APPLICATION_ID, m
        assert m.defensive in (None, True), m


@pytest.mark.skipif(DEFENSIVE is None, reason="Connection.getconfig is Python 3.12's")
def test_writable_schema_has_no_effect(empty_path: Path) -> None:
    con = connection.connect(empty_path, read_only=False, busy_timeout=5.0)
    try:
        con.execute("PRAGMA writable_schema = ON")
        with pytest.raises(sqlite3.OperationalError, match="may not be modified"):
            con.execute("UPDATE sqlite_schema SET sql = 'CREATE TABLE x (y)' WHERE name = 'note'")
    finally:
        con.close()


def test_a_view_may_not_call_an_application_function(empty_path: Path, figures: Figures) -> None:
    """T26: a view another program added that calls a function the application
    registered fails with "unsafe use of …", and the function is never called; the
    application's own call still works."""
    raw = sqlite3.connect(empty_path)
    raw.execute("CREATE VIEW hostile AS SELECT shout(2) AS loud")
    raw.commit()
    raw.close()
    calls: list[int] = []

    def shout(value: int) -> int:
        calls.append(value)
        return value * 10

    con = connection.connect(empty_path, read_only=False, busy_timeout=5.0)
    try:
        con.create_function("shout", 1, shout)
        with pytest.raises(sqlite3.OperationalError, match=r"unsafe use of shout\(\)"):
            con.execute("SELECT loud FROM hostile").fetchall()
        from_view = len(calls)
        (direct,) = con.execute("SELECT shout(3)").fetchone()
    finally:
        con.close()
    figures.add("calls made by the view", from_view)
    figures.add("direct call answered", direct)
    assert from_view == 0
    assert direct == 30 and calls == [3]


def test_create_refuses_an_existing_catalogue(sample_path: Path) -> None:
    before = sample_path.read_bytes()
    with pytest.raises(CatalogueError, match="already exists"):
        Catalogue.create(sample_path)
    assert sample_path.read_bytes() == before


def test_failed_fill_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "new.aidb"

    def fail(catalogue: Catalogue) -> None:
        raise RuntimeError("stop half-way")

    with pytest.raises(RuntimeError):
        Catalogue.create(target, fill=fail)
    assert list(tmp_path.iterdir()) == []


def _version_zero_file(path: Path) -> None:
    """A catalogue as an interrupted first start leaves it: marked as ours, no schema yet."""
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 0")
    con.commit()
    con.close()


def test_version_zero_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.aidb"
    _version_zero_file(path)
    with Catalogue.open(path) as catalogue:
        assert catalogue.schema_version() == SCHEMA_VERSION
        assert catalogue.check().sound
        assert catalogue.counts()["records"] == 0


def test_failing_migration_leaves_the_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.aidb"
    _version_zero_file(path)
    broken = [*schema_module.MIGRATIONS[0][:5], "CREATE TABLE broken (", "SELECT 1"]
    monkeypatch.setattr(schema_module, "MIGRATIONS", [broken, []])
    with pytest.raises(MigrationError, match="from format 0 to 1 failed"):
        Catalogue.open(path)
    con = _raw(path)
    tables = [row[0] for row in con.execute("SELECT name FROM sqlite_schema")]
    version = con.execute("PRAGMA user_version").fetchone()[0]
    con.close()
    assert (version, tables) == (0, [])


def test_migrating_twice_changes_nothing(sample_path: Path) -> None:
    Catalogue.open(sample_path).close()
    before = sample_path.read_bytes()
    Catalogue.open(sample_path).close()
    assert sample_path.read_bytes() == before


def test_create_never_replaces_a_file_that_appears_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "new.aidb"

    def colleague_saves_first(catalogue: Catalogue) -> None:
        target.write_text("a colleague's file", encoding="utf-8")

    with pytest.raises(CatalogueError, match="already exists"):
        Catalogue.create(target, fill=colleague_saves_first)
    assert target.read_text(encoding="utf-8") == "a colleague's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.aidb"]


def test_create_in_an_unusable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(CatalogueError, match="does not exist"):
        Catalogue.create(blocker / "new.aidb")
    with pytest.raises(CatalogueError, match="cannot be read: Not a directory"):
        Catalogue.open(blocker / "new.aidb")


def test_version_one_catalogue_keeps_its_data_when_migrated(tmp_path: Path) -> None:
    """A catalogue written by the first release gains the sort columns, filled from its
    records' organisations, categories and stages."""
    path = tmp_path / "v1.aidb"
    con = sqlite3.connect(path, isolation_level=None)
    for statement in schema_module.MIGRATIONS[0]:
        con.execute(statement)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 1")
    meta = "1, '2023-11-10T00:00:00Z', '2023-11-10T00:00:00Z', 'v1'"
    con.execute(
        f"INSERT INTO organisation VALUES (1, 'Lithuania', 'government', 'LT', NULL, {meta})"
    )
    con.execute(f"INSERT INTO category VALUES (1, 'Air defence', 'military', {meta})")
    con.execute(
        "INSERT INTO aid_record (id, title, donor_id, aid_type, category_id, amount_minor,"
        " currency, value_eur_cents, status, version, created_at, updated_at, updated_by)"
        f" VALUES (7, 'NASAMS', 1, 'military', 1, 500, 'EUR', 500, 'delivered', {meta})"
    )
    con.execute(
        "INSERT INTO stage (record_id, kind, date, date_precision, position)"
        " VALUES (7, 'announced', '2023-11-01', 'month', 0),"
        " (7, 'delivered', '2023-11-10', 'day', 1)"
    )
    con.execute("INSERT INTO search_index (rowid, title, body) VALUES (7 * 4 + 1, 'NASAMS', '')")
    con.close()
    with Catalogue.open(path) as catalogue:
        assert catalogue.schema_version() == SCHEMA_VERSION
        (row,) = catalogue.record_summaries()
        assert catalogue.check().sound
        assert catalogue.record_count() == 1  # the tally starts from the records there
    assert (row.id, row.title, row.donor, row.category) == (7, "NASAMS", "Lithuania", "Air defence")
    assert (row.announced_on.iso(), row.delivered_on.iso()) == ("2023-11", "2023-11-10")
    assert row.money is not None and row.money.value_eur_cents == 500
