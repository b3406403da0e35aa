"""A crash mid-save, a colleague's lock, and an older file opened only to read."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import bad_files as bad
import pytest

from aidviewer.store import SCHEMA_VERSION, Catalogue, Meeting, Note, ReadOnlyError


def _crash_mid_save(path: Path) -> None:
    """A process that dies half-way through a big save: with a tiny page cache, SQLite
    has already written changed pages into the file, and the journal is hot."""
    script = textwrap.dedent(
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
    before = bad.sha256(path)
    subprocess.run([sys.executable, "-c", script], check=False)
    assert bad.sha256(path) != before, "the crash should have left a half-written file"


def test_journal_left_by_a_crash_is_rolled_back_on_open(sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        before = [(r.id, r.title, r.description) for r in catalogue.iter_records()]
    original = bad.sha256(sample_path)
    _crash_mid_save(sample_path)
    assert Path(f"{sample_path}-journal").exists()
    with Catalogue.open(sample_path) as catalogue:
        after = [(r.id, r.title, r.description) for r in catalogue.iter_records()]
        assert catalogue.check().sound
    assert after == before
    assert bad.sha256(sample_path) == original  # exactly the file before the save began
    assert not Path(f"{sample_path}-journal").exists()


@pytest.mark.skipif(not bad.can_mount_read_only(), reason=bad.READ_ONLY_REASON)
def test_journal_in_a_read_only_folder_is_a_clear_error(sample_path: Path) -> None:
    _crash_mid_save(sample_path)
    script = textwrap.dedent(
        f"""
        from aidviewer.store import Catalogue, CatalogueError
        try:
            Catalogue.open({str(sample_path)!r})
        except CatalogueError as error:
            print(error.message)
        """
    )
    result = bad.run_in_read_only_folder(sample_path.parent, sys.executable, "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "“sample.aidb” was not closed properly and must be repaired where it can be written;"
        " here it is read-only."
    )


def test_older_catalogue_opened_to_read_is_brought_up_to_date(tmp_path: Path) -> None:
    from aidviewer.store import schema

    path = tmp_path / "v1.aidb"
    con = sqlite3.connect(path, isolation_level=None)
    for statement in schema.MIGRATIONS[0]:
        con.execute(statement)
    con.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    con.execute("PRAGMA user_version = 1")
    con.close()
    with Catalogue.open(path, read_only=True) as catalogue:
        assert catalogue.read_only
        assert catalogue.schema_version() == SCHEMA_VERSION
        assert catalogue.count_records() == (0, 0)


def test_up_to_date_file_opens_without_taking_the_write_lock(sample_path: Path) -> None:
    holder = sqlite3.connect(sample_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a colleague is saving
    try:
        with Catalogue.open(sample_path, busy_timeout=0.2) as catalogue:
            assert catalogue.count_records()[0] == 10
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_save_waits_for_a_colleagues_short_save(sample_path: Path) -> None:
    """Writes take the lock first (BEGIN IMMEDIATE) and so wait out the busy timeout;
    a deferred read-then-write would fail at once with "database is locked"."""
    catalogue = Catalogue.open(sample_path, busy_timeout=5)
    record = catalogue.record(1)
    colleague = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sqlite3, time
                con = sqlite3.connect({str(sample_path)!r}, isolation_level=None)
                con.execute("BEGIN IMMEDIATE")
                con.execute("UPDATE aid_record SET description = 'colleague' WHERE id = 2")
                print("holding", flush=True)
                time.sleep(0.5)
                con.execute("COMMIT")
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert colleague.stdout is not None and colleague.stdout.readline() == "holding\n"
    started = time.monotonic()
    saved = catalogue.update_record(dataclasses.replace(record, title="after the colleague"))
    waited = time.monotonic() - started
    assert colleague.wait(timeout=10) == 0
    colleague.stdout.close()
    assert waited >= 0.2  # it did wait for the lock …
    assert catalogue.record(1).title == saved.title == "after the colleague"  # … and saved
    assert catalogue.record(2).description == "colleague"
    catalogue.close()


def test_deleting_a_meeting_forgets_its_notes_in_search(sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        meeting = catalogue.add_meeting(Meeting(title="Extra", starts_at="2023-12-01"))
        catalogue.add_note(Note(meeting_id=meeting.id, body="quixotic remark"))
        assert [h.kind for h in catalogue.search("quixotic")] == ["note"]
        catalogue.delete_meeting(meeting.id, meeting.version)
        assert catalogue.search("quixotic") == []
        assert catalogue.check().sound


def test_read_only_request_never_writes_an_up_to_date_file(sample_path: Path) -> None:
    before = bad.sha256(sample_path)
    with Catalogue.open(sample_path, read_only=True) as catalogue, pytest.raises(ReadOnlyError):
        catalogue.add_note(Note(record_id=1, body="x"))
    assert bad.sha256(sample_path) == before


def test_a_save_asks_for_the_lock_at_once_and_waits_only_through_lock_wait(
    sample_path: Path,
) -> None:
    """`lock_wait` is called only when another connection holds the write lock, and the
    save goes through once `begin` has run in it."""
    import dataclasses
    import sqlite3 as raw

    from aidviewer.store import RecordQuery

    catalogue = Catalogue.open(sample_path)
    waited: list[str] = []

    def wait(begin: object) -> object:
        waited.append("waited")
        holder.execute("COMMIT")  # the colleague finishes while we wait
        return begin()  # type: ignore[operator]

    catalogue.lock_wait = wait
    record = catalogue.record(catalogue.record_ids(RecordQuery())[0])
    record = catalogue.update_record(dataclasses.replace(record, title="Free"))
    assert waited == []  # nobody held the lock: no waiting
    holder = raw.connect(sample_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    saved = catalogue.update_record(dataclasses.replace(record, title="After a wait"))
    assert waited == ["waited"] and saved.title == "After a wait"
    holder.close()
    catalogue.close()
