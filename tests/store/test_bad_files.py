"""A wrong file is refused with one clear sentence and left exactly as it was.

Each case checks the error class and its message, that the file's SHA-256 is unchanged, and
that no -journal, -wal or -shm file appeared beside it (RELIABILITY.md, T9).
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from aidviewer.store import (
    SCHEMA_VERSION,
    Catalogue,
    CatalogueError,
    DamagedError,
    LockedError,
    NewerVersionError,
    NotACatalogueError,
    ReadOnlyError,
)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text_file(path: Path, sample: Path) -> None:
    path.write_text("donor,recipient,value\nLithuania,Ukraine,500000000\n", encoding="utf-8")


def _empty_file(path: Path, sample: Path) -> None:
    path.write_bytes(b"")


def _header_only(path: Path, sample: Path) -> None:
    path.write_bytes(sample.read_bytes()[:100])


def _truncated(fraction: float) -> Callable[[Path, Path], None]:
    def make(path: Path, sample: Path) -> None:
        data = sample.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    return make


def _foreign_sqlite(path: Path, sample: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT)")
    con.execute("INSERT INTO moz_places (url, title) VALUES ('https://example.org', 'x')")
    con.commit()
    con.close()


def _newer_version(path: Path, sample: Path) -> None:
    shutil.copyfile(sample, path)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()


def _damaged_index(path: Path, sample: Path) -> None:
    """Garbage over the header of an index's root page: reads still work, checks do not."""
    shutil.copyfile(sample, path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    (root,) = con.execute(
        "SELECT rootpage FROM sqlite_schema WHERE name = 'history_entity'"
    ).fetchone()
    (page_size,) = con.execute("PRAGMA page_size").fetchone()
    con.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x55" * 12)


CASES = {
    "text file": (_text_file, NotACatalogueError, "not an aidviewer catalogue"),
    "empty file": (_empty_file, NotACatalogueError, "is empty"),
    "header only": (_header_only, DamagedError, "truncated"),
    "truncated to 25%": (_truncated(0.25), DamagedError, "truncated"),
    "truncated to 50%": (_truncated(0.50), DamagedError, "truncated"),
    "truncated to 75%": (_truncated(0.75), DamagedError, "truncated"),
    "another program's database": (_foreign_sqlite, NotACatalogueError, "another program"),
    "newer version": (_newer_version, NewerVersionError, "newer version of aidviewer"),
    "damaged index": (_damaged_index, DamagedError, "damaged"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_file_is_refused_and_untouched(case: str, sample_path: Path, tmp_path: Path) -> None:
    make, error_type, phrase = CASES[case]
    folder = tmp_path / "bad"
    folder.mkdir()
    path = folder / "catalogue.aidb"
    make(path, sample_path)
    before = _sha(path)
    with pytest.raises(error_type) as raised:
        Catalogue.open(path)
    message = raised.value.message
    assert phrase in message
    assert "catalogue.aidb" in message
    assert "\n" not in message and "Traceback" not in message
    assert _sha(path) == before
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
    before = _sha(sample_path)
    holder = sqlite3.connect(sample_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(LockedError, match="locked by another program"):
            Catalogue.open(sample_path, busy_timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _sha(sample_path) == before
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


def _can_mount_read_only() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not _can_mount_read_only(),
    reason="needs `unshare -rm` to mount a read-only folder (file modes do not stop root)",
)
def test_read_only_catalogue_opens_for_browsing(sample_path: Path) -> None:
    folder = sample_path.parent
    before = _sha(sample_path)
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
    mount = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}"
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f'{mount} && exec "$0" -c "$1"', sys.executable, script],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "refused: “sample.aidb” is open read-only: nothing was saved." in result.stdout
    assert _sha(sample_path) == before
    assert sorted(p.name for p in folder.iterdir()) == [sample_path.name]


def test_explicit_read_only_refuses_writes(sample_path: Path) -> None:
    before = _sha(sample_path)
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        record = next(catalogue.iter_records())
        with pytest.raises(ReadOnlyError):
            catalogue.update_record(dataclasses.replace(record, title="x"))
    assert _sha(sample_path) == before
