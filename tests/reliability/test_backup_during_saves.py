"""T18: backups taken while another process saves (RELIABILITY.md, 6.F).

A colleague's process makes its saves through aidviewer's store, each changing a record's
title and quantity together, and reports each save once it is committed, with a
fingerprint of the whole file as that save left it. Meanwhile this process backs the
catalogue up, again and again. Every backup passes SQLite's checks and is exactly the
file as the first k saves left it, for some k: every row of every table, all of the first
k saves and nothing of the next (content oracle). k never goes back from one backup to
the next, a backup never misses a save reported before it began, and backups are taken
between the first save and the last.

A backup is written under a temporary name, checked, and only then given its name: the
backup folder is looked at in each step of every backup, and a backup stopped, or found
spoiled by its check, before it is named leaves neither a backup nor its temporary file.
The counts of rotation and the migration backup that survives later ones are
tests/store/test_backup.py's subject.
"""

from __future__ import annotations

import dataclasses
import hashlib
import queue
import re
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import bad_files
import pytest

from aidviewer import faults
from aidviewer.faults import InjectedFaultError
from aidviewer.store import Catalogue, CatalogueError, DamagedError
from aidviewer.store.backup import backup_names, default_folder, make_backup, parse_name

from .concurrency import RUN_SECONDS, Child, Versions, saved_state, saver_title
from .conftest import Figures, scale
from .oracle import dump, sound

pytestmark = pytest.mark.slow

SAVES = scale(200, 1000)
# The colleague saves in batches of this many, each let go by this process; it backs up
# throughout. A batch begins only once the one before it is reported, so the backups
# made during the second batch hold at least one save and not the last one.
BATCH = 10
SAVES_AROUND_A_STOPPED_BACKUP = scale(30, 200)


_SAVED_TITLE = re.compile(r"Record \d+ save (\d+)")
# The steps of making a backup: the copy written, checked and about to be named, named.
STEPS = ("backup.copied", "backup.before_rename", "backup.after_rename")

# The colleague's program: this module's `_save_and_report`, found as pytest found it.
_ROOT = Path(__file__).resolve().parents[__name__.count(".")]
_RUN = (
    "import importlib, sys; sys.path.insert(0, sys.argv[1]);"
    " importlib.import_module(sys.argv[2])._save_and_report(*sys.argv[3:])"
)


def _fingerprint(path: Path) -> str:
    """The whole content of a catalogue (every row of every table), as one hash."""
    return hashlib.sha256(repr(dump(path)).encode("utf-8")).hexdigest()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the colleague's process -------------------------------------------------------------


def _save_and_report(path: str, hot: str, saves: str, batch: str) -> None:
    """Save `saves` times, save k setting the title and the quantity of record
    ids[k % len(ids)] together, each batch of `batch` saves once told "go". Says "ready"
    and the file's fingerprint before the first save, and "saved k" and the file's
    fingerprint as save k left it once it is committed (this is the only process saving,
    so the file is read as it was committed)."""
    ids = [int(part) for part in hot.split(",")]
    file = Path(path)
    catalogue = Catalogue.open(file, user="saver")
    print(f"ready {_fingerprint(file)}", flush=True)
    for save in range(1, int(saves) + 1):
        if (save - 1) % int(batch) == 0 and sys.stdin.readline().strip() != "go":
            break  # the test ended early
        record_id = ids[save % len(ids)]
        record = catalogue.record(record_id)
        catalogue.update_record(
            dataclasses.replace(record, title=saver_title(record_id, save), quantity=save)
        )
        print(f"saved {save} {_fingerprint(file)}", flush=True)
    catalogue.close()


class Colleague(Child):
    """The colleague's process, running `_save_and_report` above: the log of its
    committed saves, and the batches it has been let make."""

    def __init__(self, path: Path, hot: list[int], saves: int) -> None:
        arguments = [str(path), ",".join(map(str, hot)), str(saves), str(BATCH)]
        super().__init__(command=[sys.executable, "-c", _RUN, str(_ROOT), __name__, *arguments])
        self.saves = saves
        self.let = 0  # the saves it has been let make
        self.ended = False
        word, fingerprint = self.line().split()
        assert word == "ready", self.stderr()
        # The file's fingerprint after save k, from k = 0 (before the first save).
        self.fingerprints = [fingerprint]

    @property
    def reported(self) -> int:
        """The saves it has reported committed."""
        return len(self.fingerprints) - 1

    def go(self) -> None:
        """Let it make its next batch."""
        self.let = min(self.let + BATCH, self.saves)
        self.send("go")

    def catch_up(self) -> int:
        """Read the reports waiting (never waiting for one); the saves reported."""
        while True:
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                return self.reported
            if line is None:  # it ended: put the end back for `line` to find
                self.ended = True
                self._lines.put(None)
                return self.reported
            word, save, fingerprint = line.split()
            assert word == "saved" and int(save) == self.reported + 1, line
            self.fingerprints.append(fingerprint)


# -- backing up during the saves ---------------------------------------------------------


@dataclass(frozen=True)
class Taken:
    """One backup made during the saves: what was known when it began and ended, and
    what it held (read before it was removed to make room for the next)."""

    reported_before: int  # saves the colleague had reported committed when it began
    reported_after: int  # … when it was made
    let: int  # saves the colleague had been let make by then
    records: Versions
    fingerprint: str


def _records(path: Path) -> Versions:
    con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT id, title, quantity, version FROM aid_record").fetchall()
    finally:
        con.close()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def _latest_save(records: Versions) -> int:
    """The latest of the colleague's saves the records show (0 for none)."""
    found = [_SAVED_TITLE.fullmatch(title) for title, _, _ in records.values()]
    return max((int(match[1]) for match in found if match), default=0)


def _take(path: Path, colleague: Colleague) -> Taken:
    """Back up now; check the backup, read it, and remove it."""
    before = colleague.catch_up()
    made = make_backup(path)
    after = colleague.catch_up()
    sound(made.path)
    taken = Taken(before, after, colleague.let, _records(made.path), _fingerprint(made.path))
    made.path.unlink()
    return taken


def _back_up_during_saves(colleague: Colleague, take: Callable[[int], Taken | None]) -> list[Taken]:
    """Let the colleague make its saves, batch after batch, backing up with `take(batch)`
    throughout: at least once per batch, until the batch is reported, and once more after
    the last save. `take` returns None for a backup it stopped."""
    deadline = time.monotonic() + RUN_SECONDS  # only a stuck colleague takes this long
    taken: list[Taken | None] = []
    batch = 0
    while colleague.let < colleague.saves:
        batch += 1
        colleague.go()
        while True:
            taken.append(take(batch))
            if colleague.catch_up() >= colleague.let:
                break
            assert not colleague.ended, f"the colleague ended: {colleague.stderr()}"
            assert time.monotonic() < deadline, "the colleague stopped saving"
    taken.append(take(batch + 1))
    return [one for one in taken if one is not None]


def _prefixes(
    taken: list[Taken], colleague: Colleague, initial: Versions, hot: list[int]
) -> list[int]:
    """Check that each backup is the file as the first k saves left it; those k, in order."""
    prefixes: list[int] = []
    for number, one in enumerate(taken, 1):
        k = _latest_save(one.records)
        # Every record as the first k saves left it: none of those missing, none half-made.
        assert one.records == saved_state(initial, hot, k), (
            f"backup {number}: its records are not as the first {k} saves left them"
        )
        # Every row of every table as the colleague read the file right after save k.
        assert one.fingerprint == colleague.fingerprints[k], (
            f"backup {number} has the records as the first {k} saves left them, but not the rest"
            " of the file as it was then"
        )
        # Nothing reported before it began is missing; nothing not yet let made is in it.
        assert one.reported_before <= k <= one.let, (number, one.reported_before, k, one.let)
        assert not prefixes or prefixes[-1] <= k, f"backup {number} went back to save {k}"
        prefixes.append(k)
    return prefixes


# -- watching the backup folder ----------------------------------------------------------


class FolderWatch:
    """Looks at the backup folder in each step of making a backup (the fault points:
    the copy written, about to be named, named), then lets the step go on; can spoil the
    next copy written, as a bad disk would."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = default_folder(path)
        self.point = faults.point
        self.spoil_next = False
        self.seen: Counter[str] = Counter()
        self._checked = ""  # the hash of the copy checked, about to be named

    def _look(self) -> tuple[list[Path], list[Path]]:
        """The files with a backup's name, and the others."""
        files = sorted(self.folder.iterdir())
        named = [file for file in files if parse_name(file.name, self.path.stem)]
        return named, [file for file in files if file not in named]

    def __call__(self, step: str) -> None:
        if step in STEPS:
            named, others = self._look()
            if step == "backup.after_rename":
                # Named: the very file that was checked, and no temporary file left.
                assert len(named) == 1 and others == [], (named, others)
                assert _sha(named[0]) == self._checked, "the file named is not the one checked"
            else:
                # Not yet named: the copy exists only under a temporary name.
                assert named == [], f"a backup is named before it is checked: {named}"
                assert len(others) == 1 and others[0].name.endswith(".tmp"), others
                (temp,) = others
                if step == "backup.copied" and self.spoil_next:
                    self.spoil_next = False
                    bad_files.spoil_root_page(temp, "aid_record", b"\x00" * 12)
                if step == "backup.before_rename":
                    sound(temp)
                    self._checked = _sha(temp)
            self.seen[step] += 1
        self.point(step)


@pytest.fixture
def watch(sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> FolderWatch:
    watching = FolderWatch(sample_path)
    monkeypatch.setattr(faults, "point", watching)
    return watching


def _start(path: Path, saves: int) -> tuple[Colleague, Versions, list[int]]:
    """The colleague, started on `path`; the records before its saves, and the ones it
    saves (all of them, in turn)."""
    initial = _records(path)
    hot = sorted(initial)
    return Colleague(path, hot, saves), initial, hot


# -- the tests ---------------------------------------------------------------------------


def test_every_backup_during_saves_is_a_committed_prefix(
    sample_path: Path, watch: FolderWatch, figures: Figures
) -> None:
    colleague, initial, hot = _start(sample_path, SAVES)
    try:
        taken = _back_up_during_saves(colleague, lambda _batch: _take(sample_path, colleague))
        colleague.finish()
    finally:
        colleague.kill()

    prefixes = _prefixes(taken, colleague, initial, hot)
    mid_run = [k for k in prefixes if 0 < k < SAVES]
    during = [one for one in taken if one.reported_before < one.reported_after]
    figures.add("saves made by the other process", colleague.reported)
    figures.add("backups taken", len(taken))
    figures.add("backups strictly between the first and last save", len(mid_run))
    figures.add("backups while saves were reported committed", len(during))
    figures.add(
        "saves in a mid-run backup (min-max)",
        f"{min(mid_run, default=0)}-{max(mid_run, default=0)}",
    )
    figures.add("different prefixes backed up", len(set(prefixes)))
    watched = "/".join(str(watch.seen[step]) for step in STEPS)
    figures.add("backup steps watched (copied/checked/named)", watched)

    # Every save went through, and the file holds them all.
    assert colleague.reported == SAVES
    sound(sample_path)
    assert _records(sample_path) == saved_state(initial, hot, SAVES)
    assert _fingerprint(sample_path) == colleague.fingerprints[SAVES]
    # Backups were made while the saves went on, not only before and after them.
    assert mid_run, prefixes
    assert during, "no save was reported committed while a backup was being made"
    assert prefixes[-1] == SAVES  # the backup after the last save holds it
    # Each backup went through each step, under a temporary name until checked.
    assert watch.seen == dict.fromkeys(STEPS, len(taken))


@pytest.mark.parametrize(
    "how", ["raise at backup.copied", "raise at backup.before_rename", "spoiled at backup.copied"]
)
def test_a_backup_stopped_or_spoiled_before_its_name_leaves_nothing(
    sample_path: Path, watch: FolderWatch, figures: Figures, how: str
) -> None:
    fault, _, step = how.partition(" at ")
    stopped: list[str] = []
    colleague, initial, hot = _start(sample_path, SAVES_AROUND_A_STOPPED_BACKUP)

    def take(batch: int) -> Taken | None:
        if batch < 2 or stopped:
            return _take(sample_path, colleague)
        # The first backup of the second batch, while the colleague saves.
        expected: type[Exception] = InjectedFaultError
        if fault == "spoiled":
            watch.spoil_next = True
            expected = DamagedError
        else:
            faults.arm(f"{step}:raise")
        with pytest.raises(expected) as caught:
            make_backup(sample_path)
        faults.disarm()
        if isinstance(caught.value, CatalogueError):
            assert "failed its check (it is damaged): no backup was made" in caught.value.message
        # Neither a backup nor the temporary file it was written under.
        assert backup_names(sample_path) == []
        assert list(watch.folder.iterdir()) == []
        stopped.append(type(caught.value).__name__)
        return None

    try:
        taken = _back_up_during_saves(colleague, take)
        colleague.finish()
    finally:
        colleague.kill()

    figures.add(f"backups taken, {how}", f"{len(taken)} (+1 stopped: {', '.join(stopped)})")
    assert len(stopped) == 1
    # The saves went on, and the backups before and after the stopped one are whole.
    assert colleague.reported == SAVES_AROUND_A_STOPPED_BACKUP
    assert _fingerprint(sample_path) == colleague.fingerprints[-1]
    prefixes = _prefixes(taken, colleague, initial, hot)
    assert prefixes[-1] == SAVES_AROUND_A_STOPPED_BACKUP
    assert watch.seen["backup.copied"] == len(taken) + 1
    assert watch.seen["backup.after_rename"] == len(taken)
