"""The fault-injection hook (aidviewer/faults.py): its grammar, and each step it names is
really reached by the operation it belongs to. An injected error at any step before the
commit leaves the catalogue's rows exactly as they were (content oracle); the same steps
with `kill` are the crash tests' subject."""

from __future__ import annotations

import dataclasses
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aidviewer import faults
from aidviewer.faults import Fault, InjectedFaultError
from aidviewer.io.formats import read_events
from aidviewer.io.importer import import_items
from aidviewer.store import Catalogue, CatalogueError, RecordQuery
from aidviewer.store.backup import list_backups, make_backup, rotate

from .oracle import changed_tables, dump, sound


def test_the_grammar_names_a_step_a_count_and_an_action() -> None:
    assert faults.parse("") == {}
    assert faults.parse("save.before_commit:kill, import.row@5000:raise") == {
        "save.before_commit": Fault("save.before_commit", 1, "kill"),
        "import.row": Fault("import.row", 5000, "raise"),
    }
    for bad in ("save.before_commit", "x:explode", ":kill", "x@0:kill", "x@two:kill"):
        with pytest.raises(ValueError, match="AIDVIEWER_FAULT"):
            faults.parse(bad)


def test_a_step_fires_once_the_nth_time_it_is_reached() -> None:
    faults.arm("here@3:raise")
    faults.point("here")
    faults.point("elsewhere")
    faults.point("here")
    with pytest.raises(InjectedFaultError, match="here"):
        faults.point("here")
    faults.point("here")  # once only


@pytest.mark.parametrize(("action", "number"), [("full", errno.ENOSPC), ("ioerror", errno.EIO)])
def test_disk_faults_are_the_oserrors_of_a_disk(action: str, number: int) -> None:
    faults.arm(f"here:{action}")
    with pytest.raises(OSError) as raised:
        faults.point("here")
    assert raised.value.errno == number


def test_kill_ends_the_process_at_once_from_the_environment(tmp_path: Path) -> None:
    """`kill` is SIGKILL: nothing after the point runs, no `finally` either."""
    marker = tmp_path / "ran"
    script = (
        "from aidviewer import faults\n"
        "try:\n"
        "    faults.point('here')\n"
        f"finally:\n    open({str(marker)!r}, 'w').close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env={**os.environ, faults.VARIABLE: "here:kill"},
        capture_output=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == -9
    assert not marker.exists()


def _first_record(path: Path) -> tuple[Catalogue, int]:
    catalogue = Catalogue.open(path)
    return catalogue, catalogue.record_ids(RecordQuery())[0]


@pytest.mark.parametrize("step", ["save.before_commit", "delete.before_commit"])
def test_a_fault_before_the_commit_of_a_save_or_delete_changes_nothing(
    sample_path: Path, step: str
) -> None:
    before = dump(sample_path)
    catalogue, record_id = _first_record(sample_path)
    record = catalogue.record(record_id)
    faults.arm(f"{step}:raise")
    with pytest.raises(InjectedFaultError):
        if step.startswith("save"):
            catalogue.update_record(dataclasses.replace(record, title="Changed"))
        else:
            catalogue.delete_record(record.id, record.version)
    catalogue.close()
    sound(sample_path)
    after = dump(sample_path)
    assert after == before, changed_tables(before, after)


def test_a_fault_after_the_commit_finds_the_save_made(sample_path: Path) -> None:
    catalogue, record_id = _first_record(sample_path)
    record = catalogue.record(record_id)
    faults.arm("save.after_commit:raise")
    with pytest.raises(InjectedFaultError):
        catalogue.update_record(dataclasses.replace(record, title="Changed"))
    assert catalogue.record(record_id).title == "Changed"
    catalogue.close()


def _csv(path: Path, rows: int) -> Path:
    lines = ["title,donor,value,currency"]
    lines += [f"Import row {n},Estonia,{n}00,EUR" for n in range(1, rows + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("step", ["import.row@1", "import.row@7", "import.before_commit"])
def test_a_fault_during_an_import_leaves_nothing_of_it(
    sample_path: Path, tmp_path: Path, step: str
) -> None:
    source = _csv(tmp_path / "rows.csv", 10)
    before = dump(sample_path)
    catalogue = Catalogue.open(sample_path)
    faults.arm(f"{step}:raise")
    with pytest.raises(InjectedFaultError):
        import_items(catalogue, read_events("csv", source))
    catalogue.close()
    sound(sample_path)
    after = dump(sample_path)
    assert after == before, changed_tables(before, after)


def test_the_import_steps_are_reached_once_per_row_and_once_at_the_commit(
    sample_path: Path, tmp_path: Path
) -> None:
    source = _csv(tmp_path / "rows.csv", 10)
    catalogue = Catalogue.open(sample_path)
    faults.arm("import.row@11:raise,import.after_commit:raise")  # there are 10 rows
    with pytest.raises(InjectedFaultError, match=r"import\.after_commit"):
        import_items(catalogue, read_events("csv", source))
    assert catalogue.record_count() == 20  # committed before the fault
    catalogue.close()


@pytest.mark.parametrize("step", ["backup.copied", "backup.before_rename"])
def test_a_fault_while_backing_up_leaves_no_backup_and_no_half_file(
    sample_path: Path, step: str
) -> None:
    before = dump(sample_path)
    faults.arm(f"{step}:full")
    with pytest.raises(CatalogueError, match="full"):
        make_backup(sample_path)
    assert list_backups(sample_path) == []
    assert [p.name for p in sample_path.parent.rglob("*") if p.is_file()] == ["sample.aidb"]
    assert dump(sample_path) == before


def test_a_fault_after_the_backup_is_named_finds_it_whole(sample_path: Path) -> None:
    faults.arm("backup.after_rename:raise")
    with pytest.raises(InjectedFaultError):
        make_backup(sample_path)
    (made,) = list_backups(sample_path, check=True)
    assert made.records == 10 and not made.problem
    assert dump(made.path) == dump(sample_path)


def test_rotation_reaches_its_step_before_each_removal(sample_path: Path) -> None:
    for _ in range(3):
        make_backup(sample_path)
    faults.arm("backup.rotate@2:raise")
    with pytest.raises(InjectedFaultError):
        rotate(sample_path, keep_recent=0, keep_daily=0, keep_weekly=0, keep_monthly=0)
    assert len(list_backups(sample_path)) == 2  # one removed before the fault
