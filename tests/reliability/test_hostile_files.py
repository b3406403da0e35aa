"""Invalid and hostile files, through every way in (RELIABILITY.md T9, R4).

tests/store/test_bad_files.py opens bad_files' fixtures read-write; here each of them,
and the cases it lacks (hostile_files.py), is also opened read-only and given to the
command line (`check`, and `import` into it: a write). Every way in refuses with a
sentence that names what is wrong, and afterwards the file's SHA-256 is the same and no
-journal, -wal or -shm lies beside it. An empty file is never made into a catalogue.

Two cases open, and say what they can: a value whose bytes were changed inside an intact
b-tree. Text that is no longer UTF-8 is reported as damage when it is read; text that is
still valid passes every check SQLite has (it keeps no checksums): that limit is shown
here, and backups are the defence.
"""

from __future__ import annotations

from pathlib import Path

import bad_files as bad
import pytest
from figures import Figures

from aidviewer.cli import main as cli
from aidviewer.store import Catalogue, CatalogueError, DamagedError

from . import hostile_files as hostile
from .stand_ins import one_sentence

# case: (maker, phrase in every refusal)
OLD = {
    "text file": (bad.text_file, "is not an aidviewer catalogue"),
    "empty file": (bad.empty_file, "is empty"),
    "header only": (bad.header_only, "truncated"),
    "truncated to 25%": (bad.truncated(0.25), "truncated"),
    "truncated to 50%": (bad.truncated(0.50), "truncated"),
    "truncated to 75%": (bad.truncated(0.75), "truncated"),
    "another program's database": (bad.foreign_sqlite, "database of another program"),
    "newer version": (bad.newer_version, "newer version of aidviewer"),
    "damaged index": (bad.damaged_index, "damaged"),
}
NEW = {
    "random bytes in the records' interior page": (
        hostile.interior_page("aid_record", 1), "damaged"),
    "random bytes in the history's interior page": (
        hostile.interior_page("history", 2), "damaged"),
    "random bytes in the schema's interior page": (
        hostile.interior_page("sqlite_schema", 3), "damaged"),
    "another program's application id": (
        hostile.foreign_application_id, "database of another program"),
    "another program's id and a newer version": (
        hostile.foreign_and_newer, "database of another program"),
    "a view calling a function": (
        hostile.view_calling_a_function, "changed by another program"),
    "a trigger calling a function": (
        hostile.trigger_calling_a_function, "changed by another program"),
    "a trigger emptying the history": (
        hostile.trigger_emptying_the_history, "changed by another program"),
    "writable_schema: an entry that does not parse": (
        hostile.schema_entry_that_does_not_parse, "damaged"),
    "writable_schema: a table's text broken": (hostile.schema_text_broken, "damaged"),
    "writable_schema: an index on another root": (hostile.index_on_another_root, "damaged"),
    "writable_schema: a table's entry removed": (hostile.table_entry_removed, "damaged"),
}  # fmt: skip


def _make(case: str, sample_path: Path, tmp_path: Path) -> Path:
    make, _ = {**OLD, **NEW}[case]
    folder = tmp_path / "bad"
    folder.mkdir()
    path = folder / "catalogue.aidb"
    make(path, sample_path)
    return path


def _refused_by_the_store(path: Path, phrase: str, read_only: bool) -> None:
    with pytest.raises(CatalogueError) as raised:
        Catalogue.open(path, read_only=read_only).close()
    message = raised.value.message
    assert phrase in message and "“catalogue.aidb”" in message, message
    assert one_sentence(message), message


def _refused_by_the_command_line(
    capsys: pytest.CaptureFixture[str], phrase: str, *argv: str | Path
) -> None:
    code = cli([str(arg) for arg in argv])
    _, err = capsys.readouterr()
    assert code == 1, (argv, code, err)
    assert err.count("\n") == 1 and err.startswith("aidviewer-cli: "), err
    assert phrase in err and "Traceback" not in err, err


@pytest.mark.parametrize("case", [*OLD, *NEW])
def test_a_bad_file_is_refused_every_way_and_left_as_it_was(
    case: str,
    sample_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    figures: Figures,
) -> None:
    path = _make(case, sample_path, tmp_path)
    _, phrase = {**OLD, **NEW}[case]
    before = bad.sha256(path)
    rows = tmp_path / "rows.csv"
    rows.write_text("title,donor\nGenerators,Lithuania\n", encoding="utf-8")

    if case in NEW:  # bad_files' cases are opened read-write by tests/store/test_bad_files
        _refused_by_the_store(path, phrase, read_only=False)
    _refused_by_the_store(path, phrase, read_only=True)
    _refused_by_the_command_line(capsys, phrase, "check", path)
    _refused_by_the_command_line(capsys, phrase, "import", "csv", rows, path)

    assert bad.sha256(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["catalogue.aidb"]
    if case == "empty file":
        assert path.stat().st_size == 0  # never made into a catalogue by a write
    figures.add(f"refused unchanged: {case}", "4 ways" if case in NEW else "3 ways")


def test_text_no_longer_utf8_inside_a_value_is_damage_said_in_a_sentence(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    path = folder / "catalogue.aidb"
    hostile.payload(b"\xff\xfe\xc3(")(path, sample_path)
    before = bad.sha256(path)
    with Catalogue.open(path) as catalogue:
        assert catalogue.check().sound  # the b-tree is whole: only reading the value finds it
        with pytest.raises(DamagedError, match="damaged outside aidviewer") as raised:
            catalogue.record(2)
        assert one_sentence(raised.value.message)
        assert catalogue.record(3).id == 3  # the rest reads on
    code = cli(["records", str(path), "--format", "json"])
    _, err = capsys.readouterr()
    assert code == 1 and err.count("\n") == 1 and "damaged outside aidviewer" in err, err
    assert bad.sha256(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["catalogue.aidb"]


def test_valid_text_changed_inside_a_value_passes_every_check_a_known_limit(
    sample_path: Path, tmp_path: Path, figures: Figures
) -> None:
    path = tmp_path / "catalogue.aidb"
    hostile.payload(b"ZZZZ")(path, sample_path)
    with Catalogue.open(path) as catalogue:
        assert catalogue.check().sound
        assert "ZZZZ" in catalogue.record(2).description
    figures.add("changed bytes in a value found by the checks", "0 of 1 (no checksums)")
