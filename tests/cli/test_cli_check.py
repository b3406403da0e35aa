"""`aidviewer-cli check`: reports, exits 1 when unsound, and never writes to the file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aidviewer.store import SCHEMA_VERSION

Run = Callable[..., Any]  # the `run` fixtures of conftest.py, returning a Result
Fingerprint = Callable[[Path], object]


def test_a_sound_catalogue(run: Run, built_path: Path, fingerprint: Fingerprint) -> None:
    before = fingerprint(built_path)
    result = run("check", built_path)
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert f"Schema version: {SCHEMA_VERSION}" in lines
    assert "  records               3" in lines
    assert "  meetings              2" in lines
    assert "  organisations         3" in lines
    assert lines[-1] == "Integrity: sound"
    assert fingerprint(built_path) == before


def test_the_sample_is_sound(run: Run, sample_path: Path) -> None:
    assert run("check", sample_path).code == 0


def _overwrite_index_root(path: Path, index: str) -> None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        (page_size,) = con.execute("PRAGMA page_size").fetchone()
        (root,) = con.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND name = ?", (index,)
        ).fetchone()
    con.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


def test_a_damaged_index_page_exits_1(run: Run, built_path: Path, fingerprint: Fingerprint) -> None:
    _overwrite_index_root(built_path, "aid_record_status")
    before = fingerprint(built_path)
    result = run("check", built_path)
    line = result.failed()
    assert line == "aidviewer-cli: The catalogue “built.aidb” is damaged: restore it from a backup."
    assert result.out == ""
    assert fingerprint(built_path) == before


def test_dangling_references_are_listed_and_exit_1(
    run: Run, built_path: Path, fingerprint: Fingerprint
) -> None:
    # Damage that SQLite's quick_check does not see: a stage of a record that is gone.
    con = sqlite3.connect(built_path, isolation_level=None)
    con.execute("INSERT INTO stage (record_id, kind, position) VALUES (999, 'announced', 0)")
    con.close()
    before = fingerprint(built_path)
    result = run("check", built_path)
    line = result.failed()
    assert "“built.aidb” failed the integrity check (1 problem(s))" in line
    lines = result.out.splitlines()
    assert lines[-2] == "Integrity: 1 problem(s)"
    assert lines[-1].startswith("  foreign key: stage row ")
    assert fingerprint(built_path) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, I am a text file\n" * 20, "is not an aidviewer catalogue."),
        (b"", "is empty: it is not a catalogue."),
        (b"SQLite format 3\x00" + b"\x00" * 40, "is truncated."),
    ],
    ids=["text", "empty", "truncated"],
)
def test_not_a_catalogue_is_left_alone(
    run: Run, tmp_path: Path, fingerprint: Fingerprint, content: bytes, message: str
) -> None:
    path = tmp_path / "odd.aidb"
    path.write_bytes(content)
    before = fingerprint(path)
    line = run("check", path).failed()
    assert "“odd.aidb”" in line
    assert line.endswith(message)
    assert fingerprint(path) == before  # same bytes, no -journal, -wal or -shm beside it


def test_another_programs_database(run: Run, tmp_path: Path, fingerprint: Fingerprint) -> None:
    path = tmp_path / "other.aidb"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = fingerprint(path)
    assert "database of another program" in run("check", path).failed()
    assert fingerprint(path) == before
