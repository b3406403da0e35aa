"""The child of the disk-full tests (test_disk_full.py): run inside a mount namespace on
a small tmpfs, it fills the disk at chosen points of an import, a note's save, a
backup or a salvage, and writes what happened at each point to a JSON file outside the tmpfs.

    python -m reliability.full_disk import|note|backup|salvage DISK BASE RESULTS OFFSETS [CSV]

DISK is the tmpfs, BASE a catalogue to copy onto it, OFFSETS how many points between 0 %
and 100 % of the space the operation needs. The parent asserts; this only observes.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bad_files

from aidviewer.io.formats import read_events
from aidviewer.io.importer import import_items
from aidviewer.store import Catalogue, CatalogueError, Note, RecordQuery
from aidviewer.store.backup import list_backups, make_backup
from aidviewer.store.salvage import salvage

from .oracle import dump, sound

# A long note, in words (the search index grows with it, as with a real one).
WORDS = "convoy delivered generators Kharkiv winter shelter fuel trucks logistics hub"
NOTE_BODY = " ".join(f"{WORDS.split()[n % 10]}{n}" for n in range(30_000))


def free_bytes(disk: Path) -> int:
    stats = os.statvfs(disk)
    return stats.f_bavail * stats.f_frsize


def fill(disk: Path, leave: int) -> Path:
    """Take all the free space of `disk` but `leave` bytes, with one file."""
    filler = disk / "filler"
    size = max(0, free_bytes(disk) - leave)
    with filler.open("wb") as handle:
        if size:
            os.posix_fallocate(handle.fileno(), 0, size)
    return filler


def sidecars(path: Path) -> list[str]:
    return sorted(
        p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path
    )


def attempt(operation: Callable[[], object]) -> dict[str, Any]:
    """Run `operation`; what it raised, as the parent checks it."""
    try:
        operation()
    except CatalogueError as error:
        return {"outcome": "refused", "error": type(error).__name__, "message": error.message}
    except Exception as error:  # a bug: reported, not raised, so the other points still run
        return {"outcome": "bug", "error": type(error).__name__, "message": str(error)}
    return {"outcome": "saved", "error": "", "message": ""}


def after_failure(catalogue: Catalogue, before: dict[str, Any]) -> dict[str, Any]:
    """The state the failure left, while the disk is still full: first as the file is
    (a journal beside it is one SQLite has not played back yet), then after the next
    read of the catalogue's own connection, which plays such a journal back."""
    path = catalogue.path
    found: dict[str, Any] = {
        "in_transaction": catalogue._con.in_transaction,  # the connection the app holds
        "sidecars": sidecars(path),
    }
    # A check on a connection of its own (as Help > Check and backups use) before that.
    found["verify"] = attempt(catalogue.verify)["message"]
    found["read"] = attempt(catalogue.counts)["outcome"]
    try:
        sound(path)
        found["sound"] = True
    except (AssertionError, sqlite3.Error) as error:
        found["sound"] = f"{type(error).__name__}: {error}"
    found["unchanged"] = dump(path) == before
    found["sidecars_after_read"] = sidecars(path)
    return found


def offsets(count: int) -> list[float]:
    return [n / (count - 1) for n in range(count)] if count > 1 else [0.5]


def run_points(
    disk: Path,
    base: Path,
    count: int,
    prepare: Callable[[Catalogue], object],
    operation: Callable[[Catalogue, object], object],
    saved: Callable[[Catalogue, object], bool],
) -> dict[str, Any]:
    """Measure the space `operation` needs, then make it meet a full disk at `count`
    points from 0 % to 100 % of it; after each, free the space and do it again."""
    path = disk / "catalogue.aidb"
    shutil.copyfile(base, path)
    with Catalogue.open(path) as catalogue:
        state = prepare(catalogue)
        start = free_bytes(disk)
        operation(catalogue, state)
        needed = start - free_bytes(disk)
    path.unlink()
    points = []
    for fraction in offsets(count):
        shutil.copyfile(base, path)
        catalogue = Catalogue.open(path)
        state = prepare(catalogue)
        before = dump(path)
        filler = fill(disk, int(needed * fraction))
        point: dict[str, Any] = {"fraction": fraction, "free": free_bytes(disk)}
        point.update(attempt(lambda: operation(catalogue, state)))  # noqa: B023
        if point["outcome"] != "saved":
            point.update(after_failure(catalogue, before))
            filler.unlink()
            retry = attempt(lambda: operation(catalogue, state))  # noqa: B023
            point["retry"] = retry["outcome"]
            point["retry_message"] = retry["message"]
        else:
            filler.unlink()
        point["saved_after"] = saved(catalogue, state)
        catalogue.close()
        try:
            sound(path)
            point["sound_after"] = True
        except AssertionError:
            point["sound_after"] = False
        points.append(point)
        path.unlink()
    return {"needed": needed, "points": points}


def _import(disk: Path, base: Path, count: int, source: Path) -> dict[str, Any]:
    def prepare(catalogue: Catalogue) -> int:
        return catalogue.record_count()

    def operation(catalogue: Catalogue, _: object) -> None:
        import_items(catalogue, read_events("csv", source))

    def saved(catalogue: Catalogue, earlier: object) -> bool:
        assert isinstance(earlier, int)
        return catalogue.record_count() == earlier + 5000

    return run_points(disk, base, count, prepare, operation, saved)


def _note(disk: Path, base: Path, count: int, changed: bool) -> dict[str, Any]:
    """A long note added (`changed` False) or a short note made long (True)."""

    def prepare(catalogue: Catalogue) -> Note:
        record_id = catalogue.record_ids(RecordQuery())[0]
        if changed:
            return catalogue.add_note(Note(body="Short for now", record_id=record_id))
        return Note(body=NOTE_BODY, record_id=record_id)

    def operation(catalogue: Catalogue, note: object) -> None:
        assert isinstance(note, Note)
        if changed:
            catalogue.update_note(dataclasses.replace(note, body=NOTE_BODY))
        else:
            catalogue.add_note(note)

    def saved(catalogue: Catalogue, note: object) -> bool:
        assert isinstance(note, Note) and note.record_id is not None
        bodies = [n.body for n in catalogue.notes_for(record_id=note.record_id)]
        return bodies.count(NOTE_BODY) == 1

    return run_points(disk, base, count, prepare, operation, saved)


def _backup(disk: Path, base: Path, count: int) -> dict[str, Any]:
    """Backups into a folder on the full disk: none is left half-made."""
    path = disk / "catalogue.aidb"
    folder = disk / "backups"
    shutil.copyfile(base, path)
    folder.mkdir()
    expected = dump(path)
    size = path.stat().st_size
    points = []
    for fraction in offsets(count):
        filler = fill(disk, int(size * fraction))
        point: dict[str, Any] = {"fraction": fraction, "free": free_bytes(disk)}
        point.update(attempt(lambda: make_backup(path, folder)))
        point["left"] = sorted(p.name for p in folder.iterdir())
        point["unchanged"] = dump(path) == expected
        filler.unlink()
        if point["outcome"] == "saved":
            for made in folder.iterdir():
                made.unlink()
        retry = attempt(lambda: make_backup(path, folder))
        point["retry"] = retry["outcome"]
        backups = list_backups(path, folder, check=True)
        point["checked"] = [b.problem for b in backups] == [""] and all(
            dump(b.path) == expected for b in backups
        )
        for made in folder.iterdir():
            made.unlink()
        points.append(point)
    return {"needed": size, "points": points}


def _salvage(disk: Path, base: Path, count: int) -> dict[str, Any]:
    """Salvage of a damaged catalogue on the full disk: refused with the file as it was,
    then done once there is room."""
    path = disk / "catalogue.aidb"
    points = []
    for fraction in offsets(count):
        shutil.copyfile(base, path)
        bad_files.spoil_root_page(path, "history_entity", b"\x55" * 8)
        damaged = path.read_bytes()
        filler = fill(disk, int(len(damaged) * 1.5 * fraction))
        point: dict[str, Any] = {"fraction": fraction, "free": free_bytes(disk)}
        point.update(attempt(lambda: salvage(path)))
        point["left"] = sorted(p.name for p in disk.iterdir() if p.name != "filler")
        point["unchanged"] = path.read_bytes() == damaged
        filler.unlink()
        retry = attempt(lambda: salvage(path))
        point["retry"] = retry["outcome"]
        try:
            sound(path)
            point["sound_after"] = True
        except AssertionError:
            point["sound_after"] = False
        for leftover in disk.iterdir():
            leftover.unlink()
        points.append(point)
    return {"needed": len(damaged), "points": points}


def main(argv: list[str]) -> int:
    what, disk, base, results, count, *rest = argv
    runs: dict[str, Any] = {}
    if what == "import":
        runs["import"] = _import(Path(disk), Path(base), int(count), Path(rest[0]))
    elif what == "note":
        runs["note added"] = _note(Path(disk), Path(base), int(count), changed=False)
        runs["note changed"] = _note(Path(disk), Path(base), int(count), changed=True)
    elif what == "backup":
        runs["backup"] = _backup(Path(disk), Path(base), int(count))
    elif what == "salvage":
        runs["salvage"] = _salvage(Path(disk), Path(base), int(count))
    else:
        raise SystemExit(f"unknown run {what!r}")
    Path(results).write_text(json.dumps(runs, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
