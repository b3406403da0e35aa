"""aidviewer-cli backup, backups and restore: output shapes, exit codes, files left."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import bad_files

from aidviewer.store.backup import make_backup

Run = Callable[..., Any]  # the `run` fixture of conftest.py, returning a Result
Fingerprint = Callable[[Path], object]  # compared for equality


def _titles(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("SELECT title FROM aid_record ORDER BY id")]
    finally:
        con.close()


def _only_line(text: str) -> str:
    assert text.endswith("\n") and text.count("\n") == 1, text
    return text.rstrip("\n")


def test_backup_prints_its_path_and_counts(run: Run, built_path: Path) -> None:
    result = run("backup", built_path)
    assert result.code == 0, result
    assert result.err == ""
    line = _only_line(result.out)
    (made,) = (built_path.parent / "built backups").iterdir()
    assert made.name.startswith("built ") and made.name.endswith(" manual.aidb")
    assert line == f"Made the backup “{made}” with 3 records and 2 meetings."


def test_backup_into_a_folder_then_rotates(run: Run, built_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "kept"
    folder.mkdir()
    # Twelve old backups, outside every daily, weekly and monthly period of today.
    old = [folder / f"built 2019-01-{day:02d} 10-00-00 auto.aidb" for day in range(1, 13)]
    for path in old:
        path.write_bytes(b"")

    result = run("backup", built_path, "--folder", folder)

    assert result.code == 0, result
    line = _only_line(result.out)
    assert line.endswith("; rotation removed 3 older backups.")
    remaining = sorted(path.name for path in folder.iterdir())
    assert remaining[:9] == [path.name for path in old[3:]]  # the 10 newest are kept
    assert len(remaining) == 10 and remaining[9].endswith(" manual.aidb")
    assert f"“{folder / remaining[9]}”" in line
    assert not (built_path.parent / "built backups").exists()


def test_backups_lists_one_a_line_oldest_first(run: Run, built_path: Path) -> None:
    first = make_backup(built_path, kind="auto", now=datetime(2026, 11, 26, 9, 30, 5))
    second = make_backup(built_path, kind="close", now=datetime(2026, 11, 27, 18, 0, 0))
    broken = first.path.parent / "built 2026-11-27 19-00-00 manual.aidb"
    broken.write_text("not a catalogue", encoding="utf-8")

    result = run("backups", built_path)

    assert result.code == 0, result
    assert result.err == ""
    assert result.out.splitlines() == [
        f"{first.path}\t2026-11-26 09:30:05\tauto\t{first.size}\t3\t2",
        f"{second.path}\t2026-11-27 18:00:00\tclose\t{second.size}\t3\t2",
        f"{broken}\t2026-11-27 19:00:00\tmanual\t15\t?\t?\tnot an aidviewer catalogue",
    ]


def test_backups_of_a_catalogue_without_any_prints_nothing(run: Run, built_path: Path) -> None:
    assert run("backups", built_path) == (0, "", "")


def test_backups_in_a_chosen_folder(run: Run, built_path: Path, tmp_path: Path) -> None:
    made = make_backup(built_path, tmp_path / "kept", now=datetime(2026, 11, 27, 18, 0, 0))
    result = run("backups", built_path, "--folder", tmp_path / "kept")
    assert result.code == 0, result
    assert result.out.split("\t")[0] == str(made.path)


def test_restore_prints_where_the_previous_file_was_kept(run: Run, built_path: Path) -> None:
    made = make_backup(built_path, now=datetime(2026, 11, 27, 18, 0, 0))
    assert run("edit", built_path, "record", "1", "title=Changed").code == 0
    previous = built_path.read_bytes()

    result = run("restore", built_path, made.path)

    assert result.code == 0, result
    assert result.err == ""
    line = _only_line(result.out)
    (kept,) = made.path.parent.glob("built before restore *.aidb")
    assert line == (
        f"Restored “{built_path}” from “{made.path}”; the previous file was kept as “{kept}”."
    )
    assert kept.read_bytes() == previous
    assert _titles(built_path)[0] == "NASAMS launchers"
    assert run("check", built_path).code == 0


def test_restore_from_a_damaged_backup_fails_and_changes_nothing(
    run: Run, built_path: Path, fingerprint: Fingerprint
) -> None:
    made = make_backup(built_path, now=datetime(2026, 11, 27, 18, 0, 0))
    made.path.write_bytes(made.path.read_bytes()[:4096])
    before = fingerprint(built_path)

    result = run("restore", built_path, made.path)

    line = result.failed()
    assert line == (
        f"aidviewer-cli: The backup “{made.path.name}” cannot be restored: it is damaged."
    )
    assert result.out == ""
    assert fingerprint(built_path) == before
    assert [path.name for path in made.path.parent.iterdir()] == [made.path.name]


def test_backup_of_a_file_that_is_not_a_catalogue_fails(run: Run, tmp_path: Path) -> None:
    text = tmp_path / "notes.aidb"
    text.write_text("donor,recipient\n", encoding="utf-8")
    line = run("backup", text).failed()
    assert line == "aidviewer-cli: The file “notes.aidb” is not an aidviewer catalogue."
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.aidb"]


def test_backup_and_restore_of_a_missing_file_fail(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "missing.aidb"
    assert run("backup", missing).failed() == (
        "aidviewer-cli: The file “missing.aidb” does not exist."
    )
    assert run("restore", missing, tmp_path / "b.aidb").failed() == (
        "aidviewer-cli: The catalogue “missing.aidb” does not exist."
    )


def test_restore_needs_a_backup(run: Run, built_path: Path) -> None:
    result = run("restore", built_path)
    assert result.code == 2
    assert "BACKUP" in result.err


def test_salvage_replaces_a_damaged_catalogue_and_keeps_it(run: Run, built_path: Path) -> None:
    titles = _titles(built_path)
    bad_files.spoil_root_page(built_path, "aid_record_by_title", b"\x55" * 8)
    damaged = built_path.read_bytes()
    assert run("records", built_path).code != 0  # refused as damaged

    result = run("salvage", built_path)

    assert result.code == 0, result
    (kept,) = built_path.parent.glob("built.aidb.corrupt-*")
    assert _only_line(result.out) == (
        f"Salvaged “{built_path}”: 3 records, 2 meetings, 0 notes; every row could be read."
        f" The damaged file was kept as “{kept}”."
    )
    assert kept.read_bytes() == damaged
    assert _titles(built_path) == titles
    assert run("check", built_path).code == 0


def test_salvage_of_a_file_that_is_not_a_catalogue_changes_nothing(
    run: Run, tmp_path: Path
) -> None:
    text = tmp_path / "notes.aidb"
    text.write_text("not a catalogue\n", encoding="utf-8")
    result = run("salvage", text)
    assert result.code != 0 and result.out == ""
    assert "notes.aidb" in result.err and "Traceback" not in result.err
    assert text.read_text(encoding="utf-8") == "not a catalogue\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.aidb"]
