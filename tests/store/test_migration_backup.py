"""Before a catalogue is brought up to date, a backup in its older format is made, which
rotation never removes; when none can be made, the file is left as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from aidviewer.store import AidRecord, Catalogue, CatalogueError
from aidviewer.store.backup import MIGRATION, list_backups, rotate


def _older(path: Path) -> None:
    """Make `path` look like a catalogue of schema version 3 (before source_ref)."""
    con = sqlite3.connect(path)
    con.execute("DROP INDEX aid_record_source_ref")
    con.execute("ALTER TABLE aid_record DROP COLUMN source_ref")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()


def _version(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


def test_an_update_is_preceded_by_a_backup_that_rotation_keeps(empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        catalogue.add_record(AidRecord(title="Before the update"))
    _older(empty_path)
    with Catalogue.open(empty_path) as catalogue:
        assert catalogue.schema_version() == 4
    (backup,) = list_backups(empty_path)
    assert backup.kind == MIGRATION and backup.records == 1
    assert _version(backup.path) == 3  # the older format, as it was
    assert rotate(empty_path, keep_recent=0, keep_daily=0, keep_weekly=0,
                  keep_monthly=0) == []  # fmt: skip
    assert backup.path.exists()


def test_no_backup_no_update(empty_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _older(empty_path)
    before = empty_path.read_bytes()
    from aidviewer.store import backup

    def refuse(*args: object, **kwargs: object) -> None:
        raise CatalogueError("the disk is full")

    monkeypatch.setattr(backup, "make_backup", refuse)
    with pytest.raises(CatalogueError, match="no backup of it could be made first"):
        Catalogue.open(empty_path)
    assert empty_path.read_bytes() == before
    assert _version(empty_path) == 3
