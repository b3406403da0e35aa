"""A wrong file is refused with one clear sentence and left exactly as it was.

Each case checks the error class and its message, that the file's SHA-256 is unchanged, and
that no -journal, -wal or -shm file appeared beside it (RELIABILITY.md, T9).
"""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
import textwrap
from pathlib import Path

import bad_files as bad
import pytest

from aidviewer.store import (
    Catalogue,
    CatalogueError,
    DamagedError,
    LockedError,
    NewerVersionError,
    NotACatalogueError,
    ReadOnlyError,
)

CASES = {
    "text file": (bad.text_file, NotACatalogueError, "not an aidviewer catalogue"),
    "empty file": (bad.empty_file, NotACatalogueError, "is empty"),
    "header only": (bad.header_only, DamagedError, "truncated"),
    "truncated to 25%": (bad.truncated(0.25), DamagedError, "truncated"),
    "truncated to 50%": (bad.truncated(0.50), DamagedError, "truncated"),
    "truncated to 75%": (bad.truncated(0.75), DamagedError, "truncated"),
    "another program's database": (bad.foreign_sqlite, NotACatalogueError, "another program"),
    "newer version": (bad.newer_version, NewerVersionError, "newer version of aidviewer"),
    "damaged index": (bad.damaged_index, DamagedError, "damaged"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_file_is_refused_and_untouched(case: str, sample_path: Path, tmp_path: Path) -> None:
    make, error_type, phrase = CASES[case]
    folder = tmp_path / "bad"
    folder.mkdir()
    path = folder / "catalogue.aidb"
    make(path, sample_path)
    before = bad.sha256(path)
    with pytest.raises(error_type) as raised:
        Catalogue.open(path)
    message = raised.value.message
    assert phrase in message
    assert "catalogue.aidb" in message
    assert "\n" not in message and "Traceback" not in message
    assert bad.sha256(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["catalogue.aidb"]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="does not exist"):
        Catalogue.open(tmp_path / "nowhere.aidb")
    assert list(tmp_path.iterdir()) == []


def test_folder_is_not_a_catalogue(tmp_path: Path) -> None:
    folder = tmp_path / "folder.aidb"
    folder.mkdir()
    with pytest.raises(NotACatalogueError, match="is a folder"):
        Catalogue.open(folder)


def test_locked_file_is_reported_and_untouched(sample_path: Path) -> None:
    before = bad.sha256(sample_path)
    holder = sqlite3.connect(sample_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(LockedError, match="locked by another program"):
            Catalogue.open(sample_path, busy_timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert bad.sha256(sample_path) == before
    assert sorted(p.name for p in sample_path.parent.iterdir()) == [sample_path.name]


def test_write_while_locked_reports_and_keeps_data(sample_path: Path) -> None:
    catalogue = Catalogue.open(sample_path, busy_timeout=0.2)
    record = next(catalogue.iter_records())
    holder = sqlite3.connect(sample_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LockedError):
            catalogue.update_record(dataclasses.replace(record, title="changed while locked"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert catalogue.record(record.id).title == record.title
    saved = catalogue.update_record(dataclasses.replace(record, title="changed after the lock"))
    assert catalogue.record(record.id).title == saved.title == "changed after the lock"
    catalogue.close()


@pytest.mark.skipif(not bad.can_mount_read_only(), reason=bad.READ_ONLY_REASON)
def test_read_only_catalogue_opens_for_browsing(sample_path: Path) -> None:
    folder = sample_path.parent
    before = bad.sha256(sample_path)
    script = textwrap.dedent(
        f"""
        import dataclasses
        from aidviewer.store import Catalogue, ReadOnlyError
        catalogue = Catalogue.open({str(sample_path)!r})
        assert catalogue.read_only, "a read-only folder must open read-only"
        records = list(catalogue.iter_records())
        assert len(records) == 10, len(records)
        try:
            catalogue.update_record(dataclasses.replace(records[0], title="x"))
        except ReadOnlyError as error:
            print("refused:", error.message)
        """
    )
    result = bad.run_in_read_only_folder(folder, sys.executable, "-c", script)
    assert result.returncode == 0, result.stderr
    assert "refused: “sample.aidb” is open read-only: nothing was saved." in result.stdout
    assert bad.sha256(sample_path) == before
    assert sorted(p.name for p in folder.iterdir()) == [sample_path.name]


def test_explicit_read_only_refuses_writes(sample_path: Path) -> None:
    before = bad.sha256(sample_path)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        record = next(catalogue.iter_records())
        with pytest.raises(ReadOnlyError):
            catalogue.update_record(dataclasses.replace(record, title="x"))
    assert bad.sha256(sample_path) == before
