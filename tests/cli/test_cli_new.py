"""`aidviewer-cli new`: a complete catalogue or nothing, never over an existing file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from aidviewer.store import SCHEMA_VERSION, Catalogue

Run = Callable[..., Any]  # the `run` fixtures of conftest.py, returning a Result


def test_new_makes_an_empty_catalogue(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "fresh.aidb"
    result = run("new", path)
    assert (result.code, result.err) == (0, "")
    assert result.out == f"Created the empty catalogue “{path}”.\n"
    with Catalogue.open(path, read_only=True) as cat:
        assert cat.schema_version() == SCHEMA_VERSION
        assert cat.counts()["records"] == 0
        assert cat.check().sound
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.aidb"]


def test_new_with_the_sample_has_records_and_meetings(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "sample.aidb"
    result = run("new", path, "--sample")
    assert (result.code, result.err) == (0, "")
    with Catalogue.open(path, read_only=True) as cat:
        counts = cat.counts()
    assert counts["records"] > 0
    assert counts["meetings"] > 0
    expected = f"with {counts['records']} records and {counts['meetings']} meetings"
    assert expected in result.out
    assert result.out.count("\n") == 1


def test_new_refuses_an_existing_catalogue(
    run: Run, built_path: Path, fingerprint: Callable[[Path], object]
) -> None:
    before = fingerprint(built_path)
    line = run("new", built_path, "--sample").failed()
    assert line == "aidviewer-cli: “built.aidb” already exists: choose another name."
    assert fingerprint(built_path) == before


def test_new_refuses_any_existing_file(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "letter.aidb"
    path.write_text("Dear minister,\n")
    assert "already exists" in run("new", path).failed()
    assert path.read_text() == "Dear minister,\n"


def test_new_in_a_missing_folder_fails_cleanly(run: Run, tmp_path: Path) -> None:
    line = run("new", tmp_path / "nowhere" / "x.aidb").failed()
    assert line == "aidviewer-cli: The folder for “x.aidb” does not exist."
    assert list(tmp_path.iterdir()) == []
