"""Backups: made whole and checked, listed, rotated, and restored without applying a stale
journal or WAL (RELIABILITY.md, T18 and T19)."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import bad_files
import pytest

from aidviewer.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Catalogue,
    CatalogueError,
    DamagedError,
    DiskFullError,
    LockedError,
    NotACatalogueError,
    schema,
)
from aidviewer.store import backup as backup_module
from aidviewer.store.backup import (
    backup_before_migration,
    backup_due,
    list_backups,
    make_backup,
    restore_backup,
    rotate,
)

NOW = datetime(2026, 11, 27, 4, 58, 12, 345678)

Rows = dict[str, Any]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _names(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()} if folder.exists() else set()


def _content(con: sqlite3.Connection) -> Rows:
    """Every row of every table, the schema and the header values: equal content means
    an equal catalogue."""
    tables = [
        row[0]
        for row in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    ]
    content: Rows = {
        table: sorted(con.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
        for table in tables
    }
    content["(schema)"] = con.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"
    ).fetchall()
    content["(user_version)"] = con.execute("PRAGMA user_version").fetchone()[0]
    content["(application_id)"] = con.execute("PRAGMA application_id").fetchone()[0]
    return content


def _rows(path: Path) -> Rows:
    """The content of a catalogue, read without changing the file."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _content(con)
    finally:
        con.close()


def _rows_as_sqlite_opens(path: Path, scratch: Path, *companions: str) -> Rows | str:
    """The content SQLite shows for copies of `path` and its companions ("-journal",
    "-wal") placed side by side in `scratch`, as a program opening them would see it;
    the error text if it cannot read them."""
    scratch.mkdir()
    copy = scratch / "copy.aidb"
    shutil.copyfile(path, copy)
    for ending in companions:
        shutil.copyfile(f"{path}{ending}", f"{copy}{ending}")
    con = sqlite3.connect(copy)
    try:
        return _content(con)
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        con.close()


def _titles(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("SELECT title FROM aid_record ORDER BY id")]
    finally:
        con.close()


def _counts(path: Path) -> tuple[int, int]:
    with Catalogue.open(path, read_only=True) as catalogue:
        counts = catalogue.counts()
    return counts["records"], counts["meetings"]


def _run_child(script: str) -> None:
    subprocess.run([sys.executable, "-c", textwrap.dedent(script)], check=False, timeout=60)


# -- making a backup -------------------------------------------------------------------------


def test_backup_equals_the_catalogue_row_for_row(sample_path: Path) -> None:
    before = _sha(sample_path)
    made = make_backup(sample_path, now=NOW)

    folder = sample_path.parent / "sample backups"
    assert made.path == folder / "sample 2026-11-27 04-58-12 manual.aidb"
    assert made.made == datetime(2026, 11, 27, 4, 58, 12)
    assert made.kind == "manual"
    assert made.size == made.path.stat().st_size > 0
    assert (made.records, made.meetings) == _counts(sample_path) == (10, 2)
    assert _rows(made.path) == _rows(sample_path)
    assert _names(folder) == {made.path.name}  # no temporary file or journal left
    assert _sha(sample_path) == before
    assert _names(sample_path.parent) == {"sample.aidb", "sample backups"}


def test_backup_in_the_same_second_gets_a_name_of_its_own(sample_path: Path) -> None:
    first = make_backup(sample_path, now=NOW, kind="auto")
    second = make_backup(sample_path, now=NOW, kind="auto")
    assert first.path.name == "sample 2026-11-27 04-58-12 auto.aidb"
    assert second.path.name == "sample 2026-11-27 04-58-12 auto 2.aidb"
    assert [item.path for item in list_backups(sample_path)] == [first.path, second.path]


def test_backup_into_a_chosen_folder(sample_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere" / "backups"
    made = make_backup(sample_path, folder, kind="close", now=NOW)
    assert made.path == folder / "sample 2026-11-27 04-58-12 close.aidb"
    assert not (sample_path.parent / "sample backups").exists()
    assert [item.path for item in list_backups(sample_path, folder)] == [made.path]


def _zero_root_page(target: Path) -> None:
    bad_files.spoil_root_page(target, "aid_record", b"\x00" * 12)


def _lose_a_record(target: Path) -> None:
    con = sqlite3.connect(target, isolation_level=None)
    try:
        con.execute("DELETE FROM aid_record WHERE id = (SELECT max(id) FROM aid_record)")
    finally:
        con.close()


def _foreign_application_id(target: Path) -> None:
    con = sqlite3.connect(target, isolation_level=None)
    try:
        con.execute("PRAGMA application_id = 1234")
    finally:
        con.close()


@pytest.mark.parametrize(
    ("sabotage", "message"),
    [
        (_zero_root_page, "failed its check (it is damaged)"),
        (_lose_a_record, "holds 9 records and 2 meetings instead of 10 and 2"),
        (_foreign_application_id, "failed its check (it is not an aidviewer catalogue)"),
    ],
)
def test_a_copy_that_fails_its_check_leaves_no_backup(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch, sabotage: Any, message: str
) -> None:
    real_copy = backup_module._copy

    def spoiled_copy(source: sqlite3.Connection, target: Path) -> None:
        real_copy(source, target)
        sabotage(target)

    monkeypatch.setattr(backup_module, "_copy", spoiled_copy)
    before = _sha(sample_path)
    with pytest.raises(DamagedError) as caught:
        make_backup(sample_path, now=NOW)
    assert message in caught.value.message
    assert caught.value.message.endswith("no backup was made.")
    assert _names(sample_path.parent / "sample backups") == set()
    assert _sha(sample_path) == before


def test_a_full_disk_leaves_no_partial_backup(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(file: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module, "_fsync", disk_full)
    with pytest.raises(DiskFullError, match="is full: no backup was made"):
        make_backup(sample_path, now=NOW)
    assert _names(sample_path.parent / "sample backups") == set()


def test_a_file_that_is_not_a_catalogue_is_not_backed_up(tmp_path: Path) -> None:
    text = tmp_path / "notes.aidb"
    text.write_text("donor,recipient\n", encoding="utf-8")
    with pytest.raises(NotACatalogueError):
        make_backup(text, now=NOW)
    assert _names(tmp_path) == {"notes.aidb"}


def test_backup_while_a_colleague_saves_copies_the_committed_state(sample_path: Path) -> None:
    committed = _rows(sample_path)
    colleague = sqlite3.connect(sample_path, isolation_level=None)
    try:
        colleague.execute("BEGIN IMMEDIATE")
        colleague.execute("UPDATE aid_record SET title = 'not yet saved'")
        made = make_backup(sample_path, now=NOW, busy_timeout=1.0)
        colleague.execute("COMMIT")  # the backup did not keep the colleague waiting
    finally:
        colleague.close()
    assert _rows(made.path) == committed
    assert "not yet saved" not in _titles(made.path)
    assert set(_titles(sample_path)) == {"not yet saved"}


def test_backup_waits_for_a_save_being_written_then_copies_it(sample_path: Path) -> None:
    colleague = sqlite3.connect(sample_path, isolation_level=None, check_same_thread=False)
    colleague.execute("BEGIN EXCLUSIVE")  # readers must wait, as while a save is written
    colleague.execute("UPDATE aid_record SET title = 'saved meanwhile'")
    finish = threading.Timer(0.3, colleague.execute, ("COMMIT",))
    finish.start()
    try:
        made = make_backup(sample_path, now=NOW, busy_timeout=5.0)
    finally:
        finish.join()
        colleague.close()
    assert set(_titles(made.path)) == {"saved meanwhile"}
    assert _rows(made.path) == _rows(sample_path)


# -- listing and whether one is due -----------------------------------------------------------


def test_list_backups_oldest_first_with_counts_and_damaged_ones_named(
    sample_path: Path,
) -> None:
    later = make_backup(sample_path, kind="auto", now=NOW)
    with Catalogue.open(sample_path) as catalogue:
        catalogue.delete_record(1, catalogue.record(1).version)
    earlier = make_backup(sample_path, kind="manual", now=NOW - timedelta(days=2))
    folder = later.path.parent
    (folder / "sample 2026-11-19 10-00-00 close.aidb").write_text("text", encoding="utf-8")
    truncated = folder / "sample 2026-11-20 10-00-00 auto.aidb"
    truncated.write_bytes(later.path.read_bytes()[:50_000])
    damaged = folder / "sample 2026-11-21 10-00-00 auto.aidb"
    shutil.copyfile(later.path, damaged)
    bad_files.spoil_root_page(damaged, "aid_record", b"\x00" * 12)
    # None of these is a backup of "sample".
    (folder / "other 2026-11-22 10-00-00 auto.aidb").write_bytes(later.path.read_bytes())
    (folder / ".sample backup x1y2.aidb.tmp").write_bytes(b"")
    (folder / "sample before restore 2026-11-23 10-00-00.aidb").write_bytes(b"")

    listed = list_backups(sample_path)

    assert [item.path.name for item in listed] == [
        "sample 2026-11-19 10-00-00 close.aidb",
        "sample 2026-11-20 10-00-00 auto.aidb",
        "sample 2026-11-21 10-00-00 auto.aidb",
        "sample 2026-11-25 04-58-12 manual.aidb",
        "sample 2026-11-27 04-58-12 auto.aidb",
    ]
    problems = [(item.records, item.meetings, item.problem) for item in listed]
    assert problems[:2] == [(None, None, "not an aidviewer catalogue"), (None, None, "damaged")]
    # Damage in a page that counting does not read: only the check finds it.
    assert problems[2] == (10, 2, "")
    assert listed[3] == earlier
    assert problems[3] == (9, 2, "")
    assert listed[4] == later
    assert problems[4] == (10, 2, "")
    assert all(item.size == item.path.stat().st_size for item in listed)

    checked = list_backups(sample_path, check=True)
    assert [(item.records, item.meetings, item.problem) for item in checked] == [
        *problems[:2],
        (None, None, "damaged"),
        *problems[3:],
    ]


def test_no_folder_means_no_backups(sample_path: Path) -> None:
    assert list_backups(sample_path) == []
    assert backup_due(sample_path, now=NOW)


def test_backup_is_due_after_a_day(sample_path: Path) -> None:
    make_backup(sample_path, kind="auto", now=NOW)
    assert not backup_due(sample_path, now=NOW + timedelta(hours=23, minutes=59))
    assert backup_due(sample_path, now=NOW + timedelta(days=1))
    assert backup_due(sample_path, older_than=timedelta(hours=1), now=NOW + timedelta(hours=2))
    # A backup dated after now (a clock set wrong) does not make one unnecessary.
    assert backup_due(sample_path, now=NOW - timedelta(hours=1))


# -- rotation ----------------------------------------------------------------------------------


def _fabricate(folder: Path) -> set[str]:
    """57 backup names over nine months, as empty files; rotation reads only the names."""
    names: set[str] = set()

    def add(when: str, kind: str, number: int = 1) -> None:
        suffix = f" {number}" if number > 1 else ""
        names.add(f"aid {when} {kind}{suffix}.aidb")

    add("2026-03-10 10-00-00", "auto")
    add("2026-03-20 10-00-00", "auto")
    for month in range(4, 11):
        add(f"2026-{month:02d}-03 10-00-00", "auto")
        add(f"2026-{month:02d}-15 10-00-00", "close")
    add("2026-04-02 09-00-00", "migration")
    add("2026-11-10 07-00-00", "migration")
    for day in range(1, 28):
        add(f"2026-11-{day:02d} 08-00-00", "auto")
    for day in range(20, 27):
        add(f"2026-11-{day:02d} 17-00-00", "close")
    add("2026-11-27 08-30-00", "manual")
    add("2026-11-27 09-00-00", "manual")
    add("2026-11-27 10-00-00", "manual")
    add("2026-11-27 10-00-00", "manual", 2)
    add("2026-11-28 08-00-00", "auto")  # after "now": a clock set wrong somewhere
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"")
    return names


# With now = Friday 2026-11-27 12:00 (ISO week 48, from Monday 23 November).
KEPT = {
    # after now
    "aid 2026-11-28 08-00-00 auto.aidb",
    # migration backups, always
    "aid 2026-04-02 09-00-00 migration.aidb",
    "aid 2026-11-10 07-00-00 migration.aidb",
    # the 10 newest
    "aid 2026-11-27 10-00-00 manual 2.aidb",
    "aid 2026-11-27 10-00-00 manual.aidb",
    "aid 2026-11-27 09-00-00 manual.aidb",
    "aid 2026-11-27 08-30-00 manual.aidb",
    "aid 2026-11-27 08-00-00 auto.aidb",
    "aid 2026-11-26 17-00-00 close.aidb",
    "aid 2026-11-26 08-00-00 auto.aidb",
    "aid 2026-11-25 17-00-00 close.aidb",
    "aid 2026-11-25 08-00-00 auto.aidb",
    "aid 2026-11-24 17-00-00 close.aidb",
    # the newest of each of the last 7 days not kept already (21 to 27 November)
    "aid 2026-11-23 17-00-00 close.aidb",
    "aid 2026-11-22 17-00-00 close.aidb",
    "aid 2026-11-21 17-00-00 close.aidb",
    # the newest of each of the last 4 ISO weeks (45 to 48) not kept already
    "aid 2026-11-15 08-00-00 auto.aidb",
    "aid 2026-11-08 08-00-00 auto.aidb",
    # the newest of each of the last 6 months (June to November) not kept already
    "aid 2026-10-15 10-00-00 close.aidb",
    "aid 2026-09-15 10-00-00 close.aidb",
    "aid 2026-08-15 10-00-00 close.aidb",
    "aid 2026-07-15 10-00-00 close.aidb",
    "aid 2026-06-15 10-00-00 close.aidb",
}


def test_rotation_keeps_what_the_policy_says(tmp_path: Path) -> None:
    folder = tmp_path / "aid backups"
    fabricated = _fabricate(folder)
    assert len(fabricated) == 57
    strangers = {
        "other 2026-01-01 10-00-00 auto.aidb",
        "aid notes.txt",
        "aid 2026-13-45 10-00-00 auto.aidb",
        ".aid backup k3j4.aidb.tmp",
    }
    for name in strangers:
        (folder / name).write_bytes(b"")

    removed = rotate(tmp_path / "aid.aidb", now=datetime(2026, 11, 27, 12, 0))

    assert _names(folder) == KEPT | strangers
    assert {path.name for path in removed} == fabricated - KEPT
    assert len(removed) == 34
    assert removed == sorted(removed, key=lambda path: path.name)  # oldest first
    assert all(path.parent == folder for path in removed)


def test_rotation_never_removes_migration_backups_nor_the_newest(tmp_path: Path) -> None:
    folder = tmp_path / "aid backups"
    _fabricate(folder)
    rotate(
        tmp_path / "aid.aidb",
        keep_recent=0,
        keep_daily=0,
        keep_weekly=0,
        keep_monthly=0,
        now=datetime(2026, 11, 27, 12, 0),
    )
    assert _names(folder) == {
        "aid 2026-04-02 09-00-00 migration.aidb",
        "aid 2026-11-10 07-00-00 migration.aidb",
        "aid 2026-11-27 10-00-00 manual 2.aidb",
        "aid 2026-11-28 08-00-00 auto.aidb",
    }


def test_a_migration_backup_survives_fifty_later_backups(tmp_path: Path) -> None:
    folder = tmp_path / "aid backups"
    folder.mkdir()
    (folder / "aid 2026-01-05 09-00-00 migration.aidb").write_bytes(b"")
    start = datetime(2026, 1, 5, 10, 0)
    for number in range(50):
        made = start + timedelta(hours=7 * number)
        (folder / f"aid {made:%Y-%m-%d %H-%M-%S} auto.aidb").write_bytes(b"")
        rotate(tmp_path / "aid.aidb", now=made)
    names = _names(folder)
    assert "aid 2026-01-05 09-00-00 migration.aidb" in names
    assert f"aid {start + timedelta(hours=7 * 49):%Y-%m-%d %H-%M-%S} auto.aidb" in names
    assert len(names) < 51


# -- restoring ---------------------------------------------------------------------------------


def test_restore_puts_the_backup_in_place_and_keeps_the_previous_file(
    sample_path: Path,
) -> None:
    made = make_backup(sample_path, now=NOW)
    with Catalogue.open(sample_path) as catalogue:
        catalogue.delete_record(3, catalogue.record(3).version)
    previous = sample_path.read_bytes()

    kept = restore_backup(sample_path, made.path, now=NOW + timedelta(hours=1))

    assert kept == made.path.parent / "sample before restore 2026-11-27 05-58-12.aidb"
    assert kept.read_bytes() == previous
    assert _rows(sample_path) == _rows(made.path)
    assert _names(sample_path.parent) == {"sample.aidb", "sample backups"}
    assert _names(made.path.parent) == {made.path.name, kept.name}
    with Catalogue.open(sample_path) as catalogue:
        assert catalogue.check().sound
        assert catalogue.record(3).id == 3


def _crash_mid_save(path: Path) -> None:
    """A process dies half-way through a big save: with a tiny page cache SQLite has
    already written changed pages into the file, and the journal beside it is hot."""
    _run_child(
        f"""
        import os, sqlite3
        con = sqlite3.connect({str(path)!r}, isolation_level=None)
        con.execute("PRAGMA cache_size = 2")
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE aid_record SET title = 'half-saved'")
        for record in range(1, 11):
            con.execute(
                "UPDATE aid_record SET description = zeroblob(100000) WHERE id = ?", (record,)
            )
        os._exit(9)
        """
    )


def test_restore_with_a_stale_journal_never_applies_it(sample_path: Path, tmp_path: Path) -> None:
    made = make_backup(sample_path, now=NOW)
    expected = _rows(made.path)
    with Catalogue.open(sample_path) as catalogue:  # saved after the backup
        for record_id in (1, 2):
            catalogue.delete_record(record_id, catalogue.record(record_id).version)
    saved_state = _rows(sample_path)
    _crash_mid_save(sample_path)
    journal = Path(f"{sample_path}-journal")
    assert journal.stat().st_size > 0
    previous, previous_journal = sample_path.read_bytes(), journal.read_bytes()

    kept = restore_backup(sample_path, made.path, now=NOW + timedelta(hours=1))

    assert _rows(sample_path) == expected
    assert not journal.exists()
    assert _names(sample_path.parent) == {"sample.aidb", "sample backups"}
    # The previous file is kept as it was, with its journal, so nothing is lost: opened,
    # it rolls back to the last save.
    assert kept.read_bytes() == previous
    assert Path(f"{kept}-journal").read_bytes() == previous_journal
    assert _rows_as_sqlite_opens(kept, tmp_path / "kept", "-journal") == saved_state
    # Had the journal stayed beside the restored file, SQLite would have applied it.
    shutil.copyfile(Path(f"{kept}-journal"), journal)
    try:
        assert _rows_as_sqlite_opens(sample_path, tmp_path / "control", "-journal") != expected
    finally:
        journal.unlink()


def test_restore_with_a_stale_wal_never_applies_it(sample_path: Path, tmp_path: Path) -> None:
    """RELIABILITY.md T19: a WAL with committed, uncheckpointed changes beside the file."""
    made = make_backup(sample_path, now=NOW)
    expected = _rows(made.path)
    _run_child(
        f"""
        import os, sqlite3
        con = sqlite3.connect({str(sample_path)!r}, isolation_level=None)
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA wal_autocheckpoint = 0")
        con.execute("UPDATE aid_record SET title = 'NEW'")
        os._exit(9)
        """
    )
    wal = Path(f"{sample_path}-wal")
    assert wal.stat().st_size > 0
    previous, previous_wal = sample_path.read_bytes(), wal.read_bytes()

    kept = restore_backup(sample_path, made.path, now=NOW + timedelta(hours=1))

    assert _rows(sample_path) == expected
    assert "NEW" not in _titles(sample_path)
    for ending in ("-wal", "-shm", "-journal"):
        assert not Path(f"{sample_path}{ending}").exists()
    assert _names(sample_path.parent) == {"sample.aidb", "sample backups"}
    assert kept.read_bytes() == previous
    assert Path(f"{kept}-wal").read_bytes() == previous_wal
    kept_state = _rows_as_sqlite_opens(kept, tmp_path / "kept", "-wal")
    assert isinstance(kept_state, dict)
    assert {row[1] for row in kept_state["aid_record"]} == {"NEW"}  # the lost save is kept
    # Had the WAL stayed beside the restored file, SQLite would have applied it.
    shutil.copyfile(Path(f"{kept}-wal"), wal)
    try:
        control = _rows_as_sqlite_opens(sample_path, tmp_path / "control", "-wal")
        assert isinstance(control, dict)
        assert {row[1] for row in control["aid_record"]} == {"NEW"}
    finally:
        wal.unlink()


def test_restore_copies_the_previous_file_aside_across_disks(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup folder on another disk: neither a hard link nor a rename can reach it, so
    the previous file and its journal are copied there, whole, before the swap."""
    made = make_backup(sample_path, now=NOW)
    with Catalogue.open(sample_path) as catalogue:
        catalogue.delete_record(1, catalogue.record(1).version)
    _crash_mid_save(sample_path)
    journal = Path(f"{sample_path}-journal")
    previous, previous_journal = sample_path.read_bytes(), journal.read_bytes()

    def other_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(backup_module.os, "link", other_disk)
    monkeypatch.setattr(backup_module.os, "rename", other_disk)
    kept = restore_backup(sample_path, made.path, now=NOW + timedelta(hours=1))
    monkeypatch.undo()

    assert _rows(sample_path) == _rows(made.path)
    assert kept.read_bytes() == previous
    assert Path(f"{kept}-journal").read_bytes() == previous_journal
    assert _names(sample_path.parent) == {"sample.aidb", "sample backups"}
    assert _names(made.path.parent) == {made.path.name, kept.name, f"{kept.name}-journal"}


def _text_backup(made: Path) -> None:
    made.write_text("not a catalogue", encoding="utf-8")


def _damaged_backup(made: Path) -> None:
    bad_files.spoil_root_page(made, "aid_record", b"\x00" * 12)


def _truncated_backup(made: Path) -> None:
    data = made.read_bytes()
    made.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("spoil", "error", "reason"),
    [
        (_damaged_backup, DamagedError, "it is damaged"),
        (_truncated_backup, DamagedError, "it is damaged"),
        (_text_backup, NotACatalogueError, "it is not an aidviewer catalogue"),
    ],
)
def test_a_damaged_backup_is_refused_and_nothing_changes(
    sample_path: Path, spoil: Any, error: type[CatalogueError], reason: str
) -> None:
    made = make_backup(sample_path, now=NOW)
    spoil(made.path)
    before = _sha(sample_path), _names(sample_path.parent), _names(made.path.parent)

    with pytest.raises(error) as caught:
        restore_backup(sample_path, made.path)

    assert caught.value.message == f"The backup “{made.path.name}” cannot be restored: {reason}."
    assert (_sha(sample_path), _names(sample_path.parent), _names(made.path.parent)) == before


def test_the_catalogue_itself_is_not_a_backup(sample_path: Path) -> None:
    with pytest.raises(CatalogueError, match="is the catalogue itself"):
        restore_backup(sample_path, sample_path)


def test_restore_is_refused_while_a_colleague_saves(sample_path: Path) -> None:
    made = make_backup(sample_path, now=NOW)
    with Catalogue.open(sample_path) as catalogue:
        catalogue.delete_record(3, catalogue.record(3).version)
    before = _sha(sample_path), _names(sample_path.parent), _names(made.path.parent)
    colleague = sqlite3.connect(sample_path, isolation_level=None)
    try:
        colleague.execute("BEGIN IMMEDIATE")
        colleague.execute("UPDATE aid_record SET title = 'being saved'")
        with pytest.raises(LockedError, match="is being saved by another program"):
            restore_backup(sample_path, made.path)
        # Only the colleague's own journal has appeared; the file and folders are as they were.
        assert _sha(sample_path) == before[0]
        assert _names(sample_path.parent) == before[1] | {"sample.aidb-journal"}
        assert _names(made.path.parent) == before[2]
        colleague.execute("ROLLBACK")
    finally:
        colleague.close()
    restore_backup(sample_path, made.path)  # once the save is over, the restore goes ahead
    assert _rows(sample_path) == _rows(made.path)


# -- before a migration ------------------------------------------------------------------------


def _version_one_file(path: Path) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in schema.MIGRATIONS[0]:
            assert isinstance(statement, str)
            con.execute(statement)
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute("PRAGMA user_version = 1")
        meta = "1, '2023-11-10T00:00:00Z', '2023-11-10T00:00:00Z', 'v1'"
        con.execute(
            f"INSERT INTO organisation VALUES (1, 'Lithuania', 'government', 'LT', NULL, {meta})"
        )
        con.execute(
            "INSERT INTO aid_record (id, title, aid_type, version, created_at, updated_at,"
            f" updated_by) VALUES (7, 'NASAMS', 'military', {meta})"
        )
    finally:
        con.close()


def test_an_older_catalogue_is_backed_up_before_its_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.aidb"
    _version_one_file(path)
    before = _sha(path)

    made = backup_before_migration(path)

    assert made is not None
    assert made.kind == "migration"
    assert made.path.parent == tmp_path / "old backups"
    assert made.path.name.endswith(" migration.aidb")
    assert (made.records, made.meetings) == (1, 0)
    assert _rows(made.path) == _rows(path)
    assert _rows(made.path)["(user_version)"] == 1
    assert _sha(path) == before
    # The migration itself, as Catalogue.open does it, leaves the backup as it was.
    Catalogue.open(path).close()
    assert _rows(path)["(user_version)"] == SCHEMA_VERSION
    assert _rows(made.path)["(user_version)"] == 1
    rotate(path, keep_recent=0, keep_daily=0, keep_weekly=0, keep_monthly=0)
    assert made.path.exists()


def test_no_migration_backup_for_a_current_new_or_empty_file(
    sample_path: Path, tmp_path: Path
) -> None:
    assert backup_before_migration(sample_path) is None
    empty = tmp_path / "empty.aidb"
    empty.write_bytes(b"")
    assert backup_before_migration(empty) is None
    fresh = tmp_path / "fresh.aidb"  # as Catalogue.create begins: version 0
    con = sqlite3.connect(fresh)
    try:
        con.execute("CREATE TABLE draft (x)")
    finally:
        con.close()
    assert fresh.stat().st_size > 0
    assert backup_before_migration(fresh) is None
    assert backup_before_migration(tmp_path / "missing.aidb") is None
    assert not [entry for entry in tmp_path.iterdir() if entry.is_dir()]


def test_rotation_removes_what_a_killed_backup_left_once_it_is_stale(sample_path: Path) -> None:
    """A backup, restore or salvage killed part-way leaves its hidden temporary file; the
    next rotation removes those untouched for six hours, and nothing else."""
    folder = sample_path.parent / "sample backups"
    folder.mkdir()
    now = datetime(2026, 11, 27, 12, 0)
    stale = [
        folder / ".sample backup k3j2l1.aidb.tmp",
        sample_path.parent / ".sample restore 9xk2a.aidb.tmp",
        sample_path.parent / ".sample salvage 2kd9a.aidb.tmp-journal",
    ]
    recent = folder / ".sample backup busy12.aidb.tmp"  # another window's, being written
    others = [
        folder / ".other backup k3j2l1.aidb.tmp",  # another catalogue's
        sample_path.parent / ".sample notes.txt",
    ]
    for file in [*stale, recent, *others]:
        file.write_bytes(b"partial")
        old = (now - timedelta(hours=7)).timestamp()
        os.utime(file, (old, old))
    fresh = (now - timedelta(minutes=5)).timestamp()
    os.utime(recent, (fresh, fresh))
    rotate(sample_path, now=now)
    assert [file.exists() for file in stale] == [False, False, False]
    assert recent.exists() and all(file.exists() for file in others)
