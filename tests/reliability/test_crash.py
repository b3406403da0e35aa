"""Crash atomicity (RELIABILITY.md T1–T5): `kill -9` in the middle of an import, a save, a
deletion, a migration, a backup with its rotation and a restore, through aidviewer's own
code, leaves each file entirely as it was or entirely as the operation leaves it.

Each kill is a real SIGKILL of a child process (driver.py) running the operation:
- swept: at every step the operation names for faults ($AIDVIEWER_FAULT="step@n:kill"),
  each in a fresh process that reads the variable as aidviewer does;
- random: the child is started, the test sleeps uniform(0, 1.1 times the operation's measured
  full duration) and sends SIGKILL (children of a fork server, ~0.1 s an iteration);
- in the commit: the child kills itself at a random moment between its `before_commit` and
  `after_commit` steps, where SQLite writes pages into the file.

After each kill the file is reopened through aidviewer (`Catalogue.open` must succeed; it
rolls a hot journal back), checked (integrity, foreign keys), and compared whole with the
rows before and the rows a run to the end leaves (the content oracle): all or nothing.
The store's clock is fixed in the child, so that a run to the end always leaves the same
rows; the random moments come from a seeded generator ($AIDVIEWER_CRASH_SEED to vary
it). `make test` runs reduced counts (an import of 2,000 rows); `make soak` the figures of
RELIABILITY.md (10,000 rows, at least 200 kill points per operation).
"""

from __future__ import annotations

import json
import os
import random
import selectors
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

import pytest
from figures import Figures, scale

from aidviewer import faults
from aidviewer.store import Catalogue, Note, connection, schema
from aidviewer.store.backup import MIGRATION, list_backups, make_backup

from .oracle import Dump, changed_tables, dump, sound

DRIVER = Path(__file__).with_name("driver.py")
NOW = datetime(2026, 11, 27, 12, 0, 0)
ROWS = scale(2_000, 10_000)  # T1's import (10,000 in RELIABILITY.md; 2,000 fit `make test`)
RANDOM_KILLS = scale(20, 200)
COMMIT_KILLS = scale(5, 20)
SEED = int(os.environ.get("AIDVIEWER_CRASH_SEED", "20261127"))
_ANSWER_TIMEOUT = 300.0  # seconds a child may take before the test gives up on it


# -- the child processes -------------------------------------------------------------------


@dataclass(frozen=True)
class Ran:
    code: int  # the child's exit code: 0, 1 (an exception: a bug), -9 (killed)
    seconds: float  # from fork to exit


class Children:
    """driver.py's fork server, for the random kills, and fresh processes for the swept
    fault points."""

    def __init__(self, folder: Path) -> None:
        private = folder / "private"
        private.mkdir(mode=0o700)
        self.environment = _child_environment(private)
        self.log = folder / "driver.log"
        self._log = self.log.open("w", encoding="utf-8")
        self._server = subprocess.Popen(
            [sys.executable, str(DRIVER), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            bufsize=1,
            env=self.environment,
        )

    def _send(self, line: str) -> None:
        assert self._server.stdin is not None
        self._server.stdin.write(line + "\n")
        self._server.stdin.flush()

    def _answer(self) -> str:
        stdout: TextIO | None = self._server.stdout
        assert stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(stdout, selectors.EVENT_READ)
            if not selector.select(_ANSWER_TIMEOUT):
                raise AssertionError(f"the driver did not answer in {_ANSWER_TIMEOUT} s")
        line = stdout.readline()
        if not line:
            raise AssertionError(f"the driver ended: {self.tail()}")
        return line

    def run(
        self,
        op: str,
        args: dict[str, Any],
        *,
        kill_at: float | None = None,
        kill_after: tuple[str, float] | None = None,
        report: Path | None = None,
    ) -> Ran:
        """Run `op` in a forked child; SIGKILL it `kill_at` seconds after it started, or
        let it kill itself `kill_after` = (step, seconds)."""
        command = {
            "op": op,
            "args": args,
            "kill_after": list(kill_after) if kill_after else None,
            "report": str(report) if report else None,
        }
        self._send(json.dumps(command))
        pid = int(self._answer())
        if kill_at is not None:
            time.sleep(kill_at)
            os.kill(pid, signal.SIGKILL)  # ended already: a zombie until reaped, unharmed
        self._send("reap")
        answer = json.loads(self._answer())
        return Ran(answer["code"], answer["seconds"])

    def fresh(self, op: str, args: dict[str, Any], fault: str) -> tuple[int, str]:
        """Run `op` in a new interpreter with $AIDVIEWER_FAULT set: its exit code and the
        end of what it wrote on stderr."""
        given = Path(args["path"]).parent / "arguments.json"  # may exceed a command line
        given.write_text(json.dumps(args), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(DRIVER), op, f"@{given}"],
            env={**self.environment, faults.VARIABLE: fault},
            capture_output=True,
            text=True,
            check=False,
            timeout=_ANSWER_TIMEOUT,
        )
        return done.returncode, done.stderr[-2000:]

    def tail(self) -> str:
        self._log.flush()
        return self.log.read_text(encoding="utf-8")[-3000:]

    def close(self) -> None:
        assert self._server.stdin is not None and self._server.stdout is not None
        self._server.stdin.close()  # the server's loop ends
        self._server.wait(timeout=60)
        self._server.stdout.close()
        self._log.close()


def _child_environment(private: Path | None = None) -> dict[str, str]:
    """No fault armed unless asked; with `private`, the children's presence files (which
    a killed child leaves) under the test's own folder, not the user's."""
    environment = {name: value for name, value in os.environ.items() if name != faults.VARIABLE}
    if private is not None:
        environment["XDG_RUNTIME_DIR"] = environment["TMPDIR"] = str(private)
    return environment


@pytest.fixture(scope="module")
def children(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Children]:
    server = Children(tmp_path_factory.mktemp("driver"))
    yield server
    server.close()


# -- the kill loop ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """An operation run to its end: how long it takes, and when it reaches each step."""

    seconds: float
    steps: dict[str, list[float]]  # step: [first reached, last reached, times]

    def window(self, start: str, end: str) -> float:
        return self.steps[end][0] - self.steps[start][0]


@dataclass
class Crash:
    """An operation under `kill -9`: `prepare` lays out fresh files in a folder and gives
    the operation's arguments; `judge` looks at the files after a kill and names the
    outcome ("before", "after", or another whole state), raising AssertionError when it
    is anything else."""

    op: str
    prepare: Callable[[Path], dict[str, Any]]
    judge: Callable[[Path, dict[str, Any]], str]
    swept: list[str]
    commit: tuple[str, str] | None = None  # the steps around the commit: kills between them
    random_kills: int = RANDOM_KILLS
    commit_kills: int = COMMIT_KILLS


def reference(children: Children, crash: Crash, folder: Path) -> tuple[Reference, Path]:
    """Run the operation to its end three times; each must leave the same rows (the
    clock is fixed). Returns the timing (the median run: a first run in a cold cache, or
    a busy moment of the machine, would stretch it) and the first run's folder, holding
    the files as the end leaves them."""
    seconds: list[float] = []
    ended: list[Path] = []
    for number in (1, 2, 3):
        where = folder / f"reference {number}"
        where.mkdir(parents=True)
        args = crash.prepare(where)
        ran = children.run(crash.op, args, report=where / "steps.json")
        assert ran.code == 0, children.tail()
        seconds.append(ran.seconds)
        ended.append(Path(args["path"]))
    first = dump(ended[0])
    assert all(dump(other) == first for other in ended[1:]), "a run to the end is not repeatable"
    steps = json.loads((folder / "reference 1" / "steps.json").read_text(encoding="utf-8"))
    return Reference(sorted(seconds)[1], steps), folder / "reference 1"


def kill_loop(
    children: Children, crash: Crash, folder: Path, timing: Reference, figures: Figures
) -> Counter[str]:
    """Every kill point of `crash`: swept, random and in the commit; records the figures
    and fails, after all of them, if any ended in neither whole state."""
    chance = random.Random(f"{SEED}:{crash.op}:{folder.name}")
    plan: list[tuple[str, Any]] = [("swept", spec) for spec in crash.swept]
    plan += [("random", chance.uniform(0, 1.1 * timing.seconds)) for _ in range(crash.random_kills)]
    if crash.commit is not None:
        window = timing.window(*crash.commit)
        plan += [("commit", chance.uniform(0, 1.1 * window)) for _ in range(crash.commit_kills)]
    outcomes: Counter[str] = Counter()
    bad: list[str] = []
    finished_first = 0
    started = time.perf_counter()
    for number, (kind, point) in enumerate(plan):
        where = folder / f"{number:04d} {kind}"
        where.mkdir(parents=True)
        args = crash.prepare(where)
        label = f"{kind} {point if kind == 'swept' else f'{point:.4f} s'}"
        if kind == "swept":
            code, stderr = children.fresh(crash.op, args, point)
            if code != -signal.SIGKILL:
                bad.append(f"{label}: " + (f"failed: {stderr}" if code else "never reached"))
                continue
        else:
            if kind == "random":
                ran = children.run(crash.op, args, kill_at=point)
            else:
                assert crash.commit is not None
                ran = children.run(crash.op, args, kill_after=(crash.commit[0], point))
            if ran.code == 1:
                bad.append(f"{label}: the operation failed: {children.tail()}")
                continue
            finished_first += ran.code == 0
        try:
            outcomes[crash.judge(where, args)] += 1
        except Exception as error:  # an assertion, or aidviewer refusing to open the file
            bad.append(f"{label}: {type(error).__name__}: {error}")
            continue  # the folder stays, to be looked at
        shutil.rmtree(where)
    kills = len(plan)
    figures.add(
        "kill points (swept + random + in commit)",
        (
            f"{kills} = {len(crash.swept)} + {crash.random_kills}"
            f" + {crash.commit_kills if crash.commit else 0}"
        ),
    )
    figures.add("full run, seconds", f"{timing.seconds:.3f}")
    for outcome in ("before", "after", *sorted(set(outcomes) - {"before", "after"})):
        figures.add(f"ended {outcome}", outcomes[outcome])
    figures.add("random kills after the end", finished_first)
    figures.add("bad", len(bad))
    figures.add("loop seconds", f"{time.perf_counter() - started:.1f}")
    assert not bad, f"{len(bad)} of {kills} kill points ended badly:\n" + "\n".join(bad[:10])
    return outcomes


# -- judging ---------------------------------------------------------------------------------


def checked(path: Path) -> None:
    """SQLite's integrity and foreign-key checks pass (oracle.sound, with a message)."""
    try:
        sound(path)
    except AssertionError:
        raise AssertionError(f"{path.name} fails its integrity or foreign-key check") from None


def reopened(path: Path) -> Dump:
    """The rows as aidviewer finds them: opening must succeed (a hot journal is rolled
    back), integrity and foreign keys must pass."""
    Catalogue.open(path).close()
    checked(path)
    return dump(path)


def before_or_after(path: Path, before: Dump, after: Dump) -> str:
    found = reopened(path)
    if found == before:
        return "before"
    if found == after:
        return "after"
    raise AssertionError(
        f"neither before nor after: tables {changed_tables(before, found)} differ from before,"
        f" {changed_tables(after, found)} from after"
    )


def copy_with_journals(path: Path, target: Path) -> Path:
    """Copy a catalogue with any journal, WAL or shared-memory index beside it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    for ending in ("-journal", "-wal", "-shm"):
        if Path(f"{path}{ending}").exists():
            shutil.copyfile(Path(f"{path}{ending}"), Path(f"{target}{ending}"))
    return target


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)


State = tuple[int, list[tuple[Any, ...]], Dump]


def state(path: Path) -> State:
    """The format version, the schema and the rows: a file's whole state."""
    con = _read_only(path)
    try:
        (version,) = con.execute("PRAGMA user_version").fetchone()
        shape = con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"
        ).fetchall()
    finally:
        con.close()
    return version, shape, dump(path)


# -- T1: an import of 10,000 rows ------------------------------------------------------------


def _csv(path: Path, rows: int) -> Path:
    """Rows that make new organisations and categories as well as records."""
    donors = ["Estonia", "Latvia", "Poland", "Crashland", "Killshire"]
    categories = ["Demining", "Medical", "Winter equipment", "Generators"]
    lines = ["title,donor,recipient,value,currency,category,description"]
    lines += [
        f"Import row {n},{donors[n % 5]},Ukraine,{n}00,EUR,{categories[n % 4]},"
        f"Delivered in lot {n} {'with spare parts ' * (n % 7)}"
        for n in range(1, rows + 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_kill_during_a_csv_import_leaves_none_or_all_of_it(
    children: Children, sample_path: Path, tmp_path: Path, figures: Figures
) -> None:
    """All the rows of the file, with the organisations and categories they make, in one
    transaction: after a kill the catalogue holds none of them or all of them."""
    source = _csv(tmp_path / "rows.csv", ROWS)

    def prepare(folder: Path) -> dict[str, Any]:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample_path, folder / "sample.aidb")
        return {"path": str(folder / "sample.aidb"), "csv": str(source)}

    crash = Crash(
        "import",
        prepare,
        lambda folder, args: before_or_after(Path(args["path"]), before, after),
        swept=[
            *(f"import.row@{k}:kill" for k in sorted({1, 2, 100, ROWS // 2, ROWS - 1, ROWS})),
            "import.before_commit:kill",
            "import.after_commit:kill",
        ],
        commit=("import.before_commit", "import.after_commit"),
    )
    before = dump(sample_path)
    timing, ended = reference(children, crash, tmp_path / "reference")
    assert timing.steps["import.row"][2] == ROWS
    after = dump(ended / "sample.aidb")
    assert len(after["aid_record"]) == len(before["aid_record"]) + ROWS
    kill_loop(children, crash, tmp_path / "kills", timing, figures)


# -- T2: saving and deleting a record or a note ----------------------------------------------

# A description or note body of some hundred kilobytes: a torn save would show as a cut.
_LONG_BODY = "".join(
    f"Line {n}: the convoy reached Lviv; count again at the depot.\n"
    for n in range(scale(3_000, 6_000))
)


def _note_on_first_record(sample_path: Path) -> int:
    """A note with a long body, on the first record."""
    with Catalogue.open(sample_path, user="tester") as catalogue:
        made = catalogue.add_note(Note(record_id=1, body=_LONG_BODY[::-1], author="tester"))
    return made.id


_EDITS: dict[str, Callable[[Path], tuple[str, dict[str, Any], list[str]]]] = {
    "record save": lambda path: (
        "save_record",
        {
            "id": 1,
            "changes": {
                "title": "NASAMS launchers (edited)",
                "item": "NASAMS",
                "quantity": 2,
                "description": _LONG_BODY,
            },
        },
        ["save.before_commit:kill", "save.after_commit:kill"],
    ),
    "note save": lambda path: (
        "save_note",
        {"id": _note_on_first_record(path), "body": _LONG_BODY},
        ["save.before_commit:kill", "save.after_commit:kill"],
    ),
    "record delete": lambda path: (
        "delete_record",
        {"id": 1},
        ["delete.before_commit:kill", "delete.after_commit:kill"],
    ),
    "note delete": lambda path: (
        "delete_note",
        {"id": _note_on_first_record(path)},
        ["delete.before_commit:kill", "delete.after_commit:kill"],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("edit", list(_EDITS))
def test_kill_during_a_save_or_delete_leaves_the_old_or_the_new_version(
    children: Children, sample_path: Path, tmp_path: Path, figures: Figures, edit: str
) -> None:
    """A record is version n with all its old fields or n + 1 with all the new ones; a
    note's body is never cut; a deletion takes the record with its notes, or nothing."""
    op, arguments, swept = _EDITS[edit](sample_path)
    step = "delete" if op.startswith("delete") else "save"

    def prepare(folder: Path) -> dict[str, Any]:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample_path, folder / "sample.aidb")
        return {**arguments, "path": str(folder / "sample.aidb")}

    crash = Crash(
        op,
        prepare,
        lambda folder, args: before_or_after(Path(args["path"]), before, after),
        swept=swept,
        commit=(f"{step}.before_commit", f"{step}.after_commit"),
    )
    before = dump(sample_path)
    timing, ended = reference(children, crash, tmp_path / "reference")
    after = dump(ended / "sample.aidb")
    assert after != before
    if op == "save_record":
        with Catalogue.open(ended / "sample.aidb") as catalogue:
            saved = catalogue.record(1)
        assert (saved.version, saved.title, saved.description) == (
            2,
            "NASAMS launchers (edited)",
            _LONG_BODY,
        )
    kill_loop(children, crash, tmp_path / "kills", timing, figures)


# -- T3: a migration -------------------------------------------------------------------------

MIGRATED_RECORDS = scale(500, 3_000)


def version_one_catalogue(path: Path, records: int) -> Path:
    """A catalogue as the first release wrote it, with records, stages, notes and their
    search entries (tests/store/test_schema.py makes a smaller one the same way)."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN")
        for statement in schema.MIGRATIONS[0]:
            assert isinstance(statement, str)
            con.execute(statement)
        con.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        con.execute("PRAGMA user_version = 1")
        meta = ("2023-11-10T00:00:00Z", "2023-11-10T00:00:00Z", "v1")
        con.executemany(
            "INSERT INTO organisation (id, name, kind, country, version, created_at, updated_at,"
            " updated_by) VALUES (?, ?, 'government', ?, 1, ?, ?, ?)",
            [
                (1, "Lithuania", "LT", *meta),
                (2, "Ukraine", "UA", *meta),
                (3, "Poland", "PL", *meta),
            ],
        )
        con.executemany(
            "INSERT INTO category (id, name, aid_type, version, created_at, updated_at,"
            " updated_by) VALUES (?, ?, 'military', 1, ?, ?, ?)",
            [(1, "Air defence", *meta), (2, "Demining", *meta)],
        )
        con.executemany(
            "INSERT INTO aid_record (id, title, description, donor_id, recipient_id, aid_type,"
            " category_id, amount_minor, currency, value_eur_cents, status, version, created_at,"
            " updated_at, updated_by) VALUES (?, ?, ?, ?, 2, 'military', ?, ?, 'EUR', ?,"
            " 'delivered', 1, ?, ?, ?)",
            [
                (
                    n,
                    f"Delivery {n}",
                    f"Lot {n} of the winter package",
                    1 + 2 * (n % 2),
                    1 + n % 2,
                    n * 100,
                    n * 100,
                    *meta,
                )
                for n in range(1, records + 1)
            ],
        )
        con.executemany(
            "INSERT INTO stage (record_id, kind, date, date_precision, position)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                row
                for n in range(1, records + 1)
                for row in (
                    (n, "announced", "2023-11", "month", 0),
                    (n, "delivered", f"2023-12-{n % 28 + 1:02d}", "day", 1),
                )
            ],
        )
        con.executemany(
            "INSERT INTO note (id, record_id, body, author, kind, version, created_at,"
            " updated_at, updated_by) VALUES (?, ?, ?, 'v1', 'comment', 1, ?, ?, ?)",
            [(n, n, f"Checked at the depot, lot {n}", *meta) for n in range(1, records + 1, 5)],
        )
        con.executemany(
            "INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)",
            [(n * 4 + 1, f"Delivery {n}", f"Lot {n}") for n in range(1, records + 1)],
        )
        con.execute("COMMIT")
    finally:
        con.close()
    return path


def _states_of_each_version(v1: Path, folder: Path) -> list[State]:
    """The file after 0, 1, … every migration step, each run to its commit in this process."""
    found = [state(v1)]
    for steps in range(1, schema.SCHEMA_VERSION):
        where = folder / f"after {steps} steps"
        where.mkdir(parents=True)
        copy = where / v1.name
        shutil.copyfile(v1, copy)
        if steps < schema.SCHEMA_VERSION - 1:
            faults.arm(f"migration.after_commit@{steps}:raise")
            with pytest.raises(faults.InjectedFaultError):
                Catalogue.open(copy)
            faults.disarm()
        else:
            Catalogue.open(copy).close()
        found.append(state(copy))
        assert found[-1][0] == steps + 1
    return found


@pytest.mark.slow
def test_kill_during_a_migration_leaves_one_whole_version_and_the_next_open_finishes(
    children: Children, tmp_path: Path, figures: Figures
) -> None:
    """Each step of a migration is one transaction: after a kill the file is whole at the
    old version, at a later one, or at the newest, with every row kept; the backup made
    before the migration exists and passes quick_check; the next open finishes the job."""
    v1 = version_one_catalogue(tmp_path / "old.aidb", MIGRATED_RECORDS)
    versions = _states_of_each_version(v1, tmp_path / "versions")
    newest = len(versions) - 1

    def prepare(folder: Path) -> dict[str, Any]:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(v1, folder / "old.aidb")
        return {"path": str(folder / "old.aidb")}

    def judge(folder: Path, args: dict[str, Any]) -> str:
        path = Path(args["path"])
        # As the crash left it, its journal rolled back by aidviewer's own recovery.
        inspected = copy_with_journals(path, folder / "inspect" / path.name)
        if connection.journal_beside(inspected):
            connection.recover(inspected, connection.DEFAULT_BUSY_TIMEOUT)
        checked(inspected)
        found = state(inspected)
        if found not in versions:
            raise AssertionError(f"not one whole version: user_version {found[0]}")
        steps = versions.index(found)
        if steps > 0:
            made = [b for b in list_backups(path, check=True) if b.kind == MIGRATION]
            assert made, "migrated without a backup"
            assert all(not b.problem for b in made), [b.problem for b in made]
            assert state(made[0].path) == versions[0]
        with Catalogue.open(path) as catalogue:
            assert catalogue.schema_version() == schema.SCHEMA_VERSION
        checked(path)
        assert state(path) == versions[newest], "the next open did not finish the migration"
        return {0: "before", newest: "after"}.get(steps, f"whole at version {found[0]}")

    crash = Crash(
        "open",
        prepare,
        judge,
        swept=[
            "backup.copied:kill",
            "backup.before_rename:kill",
            "backup.after_rename:kill",
            *(
                f"migration.{when}_commit@{step}:kill"
                for step in range(1, schema.SCHEMA_VERSION)
                for when in ("before", "after")
            ),
        ],
        commit=("migration.before_commit", "migration.after_commit"),
    )
    timing, ended = reference(children, crash, tmp_path / "reference")
    assert state(ended / "old.aidb") == versions[newest]
    kill_loop(children, crash, tmp_path / "kills", timing, figures)


# -- T4: a backup and its rotation -----------------------------------------------------------

_KEEP = {"keep_recent": 2, "keep_daily": 1, "keep_weekly": 0, "keep_monthly": 0}


@pytest.mark.slow
def test_kill_during_a_backup_and_rotation_never_names_a_half_file_nor_loses_the_last(
    children: Children, sample_path: Path, tmp_path: Path, figures: Figures
) -> None:
    """The catalogue is untouched; every file with a backup's name is whole and checked;
    the newest backup made before, and the migration backup, are always still there."""
    master = tmp_path / "master"
    master.mkdir()
    live = master / "sample.aidb"
    shutil.copyfile(sample_path, live)
    make_backup(live, kind=MIGRATION, now=NOW - timedelta(days=40))
    for days in range(5, 0, -1):
        make_backup(live, kind="auto", now=NOW - timedelta(days=days))
    older = {b.path.name for b in list_backups(live)}
    newest_before = list_backups(live)[-1].path.name
    live_bytes = live.read_bytes()
    live_rows = dump(live)
    left_over: list[str] = []  # temporary files a kill left in the backup folder

    def prepare(folder: Path) -> dict[str, Any]:
        shutil.copytree(master, folder, dirs_exist_ok=True)
        path = folder / "sample.aidb"
        return {"path": str(path), "now": NOW.isoformat(), "keep": _KEEP}

    def judge(folder: Path, args: dict[str, Any]) -> str:
        path = Path(args["path"])
        assert path.read_bytes() == live_bytes, "the catalogue was changed"
        assert reopened(path) == live_rows
        listed = list_backups(path, check=True)
        for made in listed:
            assert not made.problem and made.records is not None, (made.path.name, made.problem)
            assert dump(made.path) == live_rows, f"{made.path.name} is not a whole copy"
        names = {made.path.name for made in listed}
        left_over.extend(p.name for p in made_in(path) if p.name not in names)
        assert newest_before in names, "the last good backup is gone"
        assert any(made.kind == MIGRATION for made in listed), "the migration backup is gone"
        assert names <= older | newer, f"unexpected backups: {names - older - newer}"
        if names == older:
            return "before"
        if names == newer:
            return "after"
        assert newer - older <= names, "old backups removed before the new one was named"
        return "after the backup, rotation part-done"

    crash = Crash(
        "backup",
        prepare,
        judge,
        swept=[
            "backup.copied:kill",
            "backup.before_rename:kill",
            "backup.after_rename:kill",
            *(f"backup.rotate@{n}:kill" for n in range(1, 5)),
        ],
    )
    timing, ended = reference(children, crash, tmp_path / "reference")
    newer = {b.path.name for b in list_backups(ended / "sample.aidb")}
    assert len(newer - older) == 1 and len(older - newer) == 4
    assert timing.steps["backup.rotate"][2] == 4
    kill_loop(children, crash, tmp_path / "kills", timing, figures)
    assert all(name.startswith(".sample backup ") for name in left_over), left_over
    figures.add("temporary files left (hidden, never listed)", len(left_over))


def made_in(path: Path) -> list[Path]:
    """Every file in the catalogue's backup folder."""
    return [p for p in (path.parent / f"{path.stem} backups").iterdir() if p.is_file()]


# -- T5: a restore ---------------------------------------------------------------------------


def crash_mid_save(path: Path) -> None:
    """A process dies half-way through a big save: SQLite has already written changed
    pages into the file (a tiny page cache), and the journal beside it is hot."""
    script = (
        "import os, sqlite3, sys\n"
        "con = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "con.execute('PRAGMA cache_size = 2')\n"
        "con.execute('BEGIN IMMEDIATE')\n"
        "con.execute(\"UPDATE aid_record SET title = 'half-saved'\")\n"
        "for record in range(1, 11):\n"
        "    con.execute('UPDATE aid_record SET description = zeroblob(100000) WHERE id = ?',"
        " (record,))\n"
        "os.kill(os.getpid(), 9)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], check=False, timeout=60, env=_child_environment()
    )
    assert done.returncode == -signal.SIGKILL
    assert Path(f"{path}-journal").stat().st_size > 0


@pytest.mark.slow
@pytest.mark.parametrize("previous", ["closed cleanly", "crashed mid-save"])
def test_kill_during_a_restore_leaves_the_old_file_or_the_restored_one(
    children: Children, sample_path: Path, tmp_path: Path, figures: Figures, previous: str
) -> None:
    """The catalogue's name always holds a whole file: the previous one (as it opens:
    a crash's journal rolled back) or the restored backup; never a missing file, never a
    mix; after a restore the previous file is kept aside and opens to its rows."""
    master = tmp_path / "master"
    master.mkdir()
    live = master / "sample.aidb"
    shutil.copyfile(sample_path, live)
    made = make_backup(live, now=NOW - timedelta(hours=1))
    with Catalogue.open(live, user="tester") as catalogue:  # saved after the backup
        catalogue.delete_record(3, catalogue.record(3).version)
        catalogue.add_note(Note(record_id=1, body="Saved after the backup", author="tester"))
    if previous == "crashed mid-save":
        crash_mid_save(live)
    old = reopened(copy_with_journals(live, tmp_path / "as it opens" / live.name))
    restored = dump(made.path)
    assert old != restored
    backup_name = made.path.relative_to(master)

    def prepare(folder: Path) -> dict[str, Any]:
        shutil.copytree(master, folder, dirs_exist_ok=True)
        return {
            "path": str(folder / live.name),
            "backup": str(folder / backup_name),
            "now": NOW.isoformat(),
        }

    def judge(folder: Path, args: dict[str, Any]) -> str:
        path, backup = Path(args["path"]), Path(args["backup"])
        assert path.is_file(), "the catalogue is missing"
        found = reopened(path)
        assert dump(backup) == restored, "the backup itself was changed"
        if found == old:
            return "before"
        if found != restored:
            raise AssertionError(
                f"a mix: tables {changed_tables(old, found)} differ from the previous file,"
                f" {changed_tables(restored, found)} from the backup"
            )
        (kept,) = backup.parent.glob(f"{live.stem} before restore *.aidb")
        assert reopened(copy_with_journals(kept, folder / "kept" / kept.name)) == old, (
            "the previous file was not kept whole"
        )
        return "after"

    crash = Crash(
        "restore",
        prepare,
        judge,
        swept=["restore.aside:kill", "restore.before_rename:kill", "restore.after_rename:kill"],
    )
    timing, ended = reference(children, crash, tmp_path / "reference")
    assert reopened(ended / live.name) == restored
    kill_loop(children, crash, tmp_path / "kills", timing, figures)


# -- a commit torn mid-way, made by hand -----------------------------------------------------

_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def hot_journal(original: bytes) -> bytes:
    """The rollback journal SQLite has written and synced before it changes a single page
    of a file whose content was `original`: a header, then each page with its number and
    checksum (https://www.sqlite.org/fileformat2.html#the_rollback_journal)."""
    (page_size,) = struct.unpack(">H", original[16:18])
    pages, sector = len(original) // page_size, 512
    parts = [
        (_JOURNAL_MAGIC + struct.pack(">IIIII", pages, 0, pages, sector, page_size)).ljust(
            sector, b"\0"
        )
    ]
    for number in range(1, pages + 1):
        page = original[(number - 1) * page_size : number * page_size]
        checksum = sum(page[i] for i in range(page_size - 200, 0, -200)) & 0xFFFFFFFF
        parts.append(struct.pack(">I", number) + page + struct.pack(">I", checksum))
    return b"".join(parts)


def torn_commit(path: Path, before: bytes, after: bytes, written: int) -> None:
    """`path` as a kill leaves it part-way through the commit that takes `before` to
    `after`: SQLite writes pages in order, page 1 (the header) first, so the first
    `written` bytes are the new file's, the rest the old one's; the journal is hot."""
    path.write_bytes(
        after[:written] + before[written:] if written < len(before) else after[:written]
    )
    Path(f"{path}-journal").write_bytes(hot_journal(before))


def test_a_hand_made_hot_journal_is_what_sqlite_rolls_back(sample_path: Path) -> None:
    """The journal above is SQLite's format: SQLite itself rolls it back."""
    before = sample_path.read_bytes()
    rows = dump(sample_path)
    with Catalogue.open(sample_path, user="tester") as catalogue:
        catalogue.delete_record(2, catalogue.record(2).version)
    torn_commit(sample_path, before, sample_path.read_bytes(), len(before))
    con = sqlite3.connect(sample_path)  # read-write: SQLite rolls the journal back
    con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    con.close()
    assert not Path(f"{sample_path}-journal").exists()
    assert sample_path.read_bytes() == before and dump(sample_path) == rows


def test_a_commit_torn_after_its_header_page_opens_as_before(sample_path: Path) -> None:
    """A kill while SQLite writes a growing file's pages: page 1 already says the file
    has its new size, the last pages are not yet there. The journal beside it is hot, so
    the file is whole once rolled back: opening must roll it back, not call the file
    truncated (connection.read_header did, before the journal could be rolled back)."""
    before = sample_path.read_bytes()
    rows = dump(sample_path)
    with Catalogue.open(sample_path, user="tester") as catalogue:
        catalogue.add_note(Note(record_id=1, body=_LONG_BODY, author="tester"))
    after = sample_path.read_bytes()
    assert len(after) > len(before) + 8 * 4096
    torn_commit(sample_path, before, after, len(before) + 4 * 4096)
    assert reopened(sample_path) == rows
    assert not Path(f"{sample_path}-journal").exists()


def test_a_migration_step_torn_mid_commit_is_finished_on_the_next_open(tmp_path: Path) -> None:
    """A kill after the last step's commit wrote its pages, before SQLite deleted the
    journal: the file's header says the newest version, the journal takes it back a
    version. Opening must judge the file by the version it is at once rolled back
    (read_header took the unfinished header's, and Catalogue.open then refused the file
    as changed by another program, or skipped the migration)."""
    v1 = version_one_catalogue(tmp_path / "old.aidb", 20)
    versions = _states_of_each_version(v1, tmp_path / "versions")
    before = tmp_path / "versions" / f"after {schema.SCHEMA_VERSION - 2} steps" / "old.aidb"
    after = tmp_path / "versions" / f"after {schema.SCHEMA_VERSION - 1} steps" / "old.aidb"
    path = tmp_path / "torn" / "old.aidb"
    path.parent.mkdir()
    # The last step's commit has written every page, not yet deleted its journal.
    torn_commit(path, before.read_bytes(), after.read_bytes(), len(after.read_bytes()))
    with Catalogue.open(path) as catalogue:
        assert catalogue.schema_version() == schema.SCHEMA_VERSION
    assert state(path) == versions[-1]
