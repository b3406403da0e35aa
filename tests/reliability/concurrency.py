"""Other processes on the same catalogue file, for the concurrency tests (T14 to T17).

This file is two things. Run as a script, it is the other process: a colleague's
aidviewer session that loads and saves on command, a program that holds a write lock, a
process that hammers hot records with saves, or one that saves while a report is read.
Imported by the tests, `Child` starts one of those and talks to it over its stdin and
stdout, one line each way, never waiting on it without a limit.

The children use only the store (no Qt), each with its own `Catalogue`: what two people
on two machines would do to one file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import queue
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Far longer than any child takes to answer; only a stuck child waits this long.
ANSWER_SECONDS = 60.0
# Far longer than a hammer's or saver's whole run takes (8 processes of 500 saves under soak).
RUN_SECONDS = 900.0

SCRIPT = Path(__file__)


# -- the parent's side --------------------------------------------------------------------


class Child:
    """One other process running this script with `args`, or the given `command`."""

    def __init__(self, *args: object, command: list[str] | None = None) -> None:
        self.process = subprocess.Popen(
            command or [sys.executable, str(SCRIPT), *(str(arg) for arg in args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._errors: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, True), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, False), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, stream: Any, out: bool) -> None:
        for line in stream:
            (self._lines.put(line.rstrip("\n")) if out else self._errors.append(line))
        if out:
            self._lines.put(None)

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def line(self, timeout: float = ANSWER_SECONDS) -> str:
        """The child's next line of output; fails if it ends or says nothing in time."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the child said nothing for {timeout:.0f} s") from None
        if line is None:
            self.process.wait(timeout=ANSWER_SECONDS)
            raise AssertionError(f"the child ended: {self.stderr()}")
        return line

    def expect(self, wanted: str) -> None:
        line = self.line()
        assert line == wanted, f"the child said {line!r}, not {wanted!r}: {self.stderr()}"

    def ask(self, **command: object) -> dict[str, Any]:
        """Send a session command; its answer."""
        self.send(json.dumps(command))
        answer: dict[str, Any] = json.loads(self.line())
        return answer

    def result(self) -> dict[str, Any]:
        """The JSON line a hammer or saver ends with (after its "trying k" lines), once
        it has ended well."""
        line = self.line(RUN_SECONDS)
        while not line.startswith("{"):
            line = self.line(RUN_SECONDS)
        answer: dict[str, Any] = json.loads(line)
        self.finish()
        return answer

    def finish(self) -> None:
        """Wait for the child to end, which it must do without an error."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        code = self.process.wait(timeout=ANSWER_SECONDS)
        self._close()
        assert code == 0, f"the child ended with {code}: {self.stderr()}"

    def stderr(self) -> str:
        return "".join(self._errors)

    def kill(self) -> None:
        """End the child whatever it is doing (after a test, which may have failed)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=ANSWER_SECONDS)
        if self.process.stdin is not None and not self.process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):  # it ended, a line not yet read
                self.process.stdin.close()
        self._close()

    def _close(self) -> None:
        for reader in self._readers:
            reader.join(timeout=ANSWER_SECONDS)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


class Session(Child):
    """A colleague's aidviewer session on `path`: `load`, then `save` or `delete`."""

    def __init__(self, path: Path, user: str, busy_timeout: float = 5.0) -> None:
        super().__init__("session", path, user, busy_timeout)
        self.expect("ready")


class Holder(Child):
    """Another program holding the write lock: plain SQLite's `BEGIN IMMEDIATE` (or
    EXCLUSIVE) with nothing changed, or, given `record_id`, an aidviewer save of that
    record's description by `user` in a transaction held open (as a long import holds
    it). `release()` commits; the process then ends."""

    def __init__(
        self, path: Path, *, mode: str = "IMMEDIATE", record_id: int = 0, user: str = ""
    ) -> None:
        super().__init__("hold", path, mode, record_id, user)
        self.expect("holding")
        self.released = False

    def release(self) -> None:
        if not self.released:
            self.released = True
            self.send("release")
            self.expect("released")
            self.finish()


# -- the children -------------------------------------------------------------------------


def _record(catalogue: Any, record: Any) -> dict[str, Any]:
    return {
        "id": record.id,
        "version": record.version,
        "title": record.title,
        "quantity": record.quantity,
        "updated_by": record.updated_by,
    }


def _session(path: str, user: str, busy_timeout: str) -> None:
    """Answers one JSON command per line: {"op": "load", "id": n}, then {"op": "save",
    "title": …} (the loaded record with that title) or {"op": "delete"} (the loaded
    record, at the version loaded); the end of its input ends it. A refused save says why."""
    from aidviewer.store import Catalogue, CatalogueError, ConflictError

    catalogue = Catalogue.open(path, user=user, busy_timeout=float(busy_timeout))
    loaded: Any = None
    print("ready", flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        op = command["op"]
        answer: dict[str, Any]
        try:
            if op == "load":
                loaded = catalogue.record(int(command["id"]))
                answer = _record(catalogue, loaded)
            elif op == "save":
                saved = catalogue.update_record(dataclasses.replace(loaded, title=command["title"]))
                answer = _record(catalogue, saved)
            elif op == "delete":
                catalogue.delete_record(loaded.id, loaded.version)
                answer = {"deleted": loaded.id}
            else:
                break
        except ConflictError as error:
            answer = {
                "error": "ConflictError",
                "message": error.message,
                "changed_by": error.changed_by,
                "expected_version": error.expected_version,
                "current_version": error.current_version,
            }
        except CatalogueError as error:
            answer = {"error": type(error).__name__, "message": error.message}
        print(json.dumps(answer), flush=True)
    catalogue.close()


def _hold(path: str, mode: str, record_id: str, user: str) -> None:
    """Hold the write lock until told "release" (or stdin ends), then commit."""
    if int(record_id):
        from aidviewer.store import Catalogue

        catalogue = Catalogue.open(path, user=user)
        with catalogue.batch():
            record = catalogue.record(int(record_id))
            catalogue.update_record(dataclasses.replace(record, description=f"held by {user}"))
            print("holding", flush=True)
            sys.stdin.readline()
        catalogue.close()
    else:
        con = sqlite3.connect(path, isolation_level=None, timeout=60)
        con.execute(f"BEGIN {mode}")
        print("holding", flush=True)
        sys.stdin.readline()
        con.execute("COMMIT")
        con.close()
    print("released", flush=True)


def _hammer(path: str, index: str, saves: str, hot: str, mode: str, think: str) -> None:
    """Make `saves` successful saves of the counter (quantity) of random hot records: read
    the record, wait `think` seconds, save the counter read plus one. "checked" saves
    through the store (its version check refuses a stale save: a conflict, tried again
    as a new attempt); "unchecked" is the negative control, a plain UPDATE of the value
    read plus one, no version check. Ends with one JSON line of what happened."""
    from aidviewer.store import Catalogue, CatalogueError, ConflictError

    ids = [int(part) for part in hot.split(",")]
    chance = random.Random(int(index))
    catalogue = Catalogue.open(path, user=f"hammer{index}")
    raw = sqlite3.connect(path, isolation_level=None, timeout=5) if mode == "unchecked" else None
    attempts = successes = conflicts = 0
    per_record = dict.fromkeys(ids, 0)
    latencies: list[float] = []
    errors: list[str] = []
    print("ready", flush=True)
    sys.stdin.readline()  # "go": every hammer starts at once
    while successes < int(saves) and len(errors) < 10:
        record_id = chance.choice(ids)
        attempts += 1
        started = time.perf_counter()
        try:
            record = catalogue.record(record_id)
            time.sleep(float(think))
            started = time.perf_counter()
            if raw is None:
                catalogue.update_record(dataclasses.replace(record, quantity=record.quantity + 1))
            else:
                raw.execute(
                    "UPDATE aid_record SET quantity = ? WHERE id = ?",
                    (record.quantity + 1, record_id),
                )
            latencies.append(time.perf_counter() - started)
        except ConflictError:
            latencies.append(time.perf_counter() - started)
            conflicts += 1
            continue
        except (CatalogueError, sqlite3.Error) as error:  # "database is locked" and the like
            errors.append(f"{type(error).__name__}: {error}")
            continue
        successes += 1
        per_record[record_id] += 1
    catalogue.close()
    print(
        json.dumps(
            {
                "attempts": attempts,
                "successes": successes,
                "conflicts": conflicts,
                "per_record": per_record,
                "latencies": latencies,
                "errors": errors,
            }
        ),
        flush=True,
    )


Versions = dict[int, tuple[str, int | None, int]]  # record id: (title, quantity, version)


def saved_state(initial: Versions, hot: list[int], saves: int) -> Versions:
    """The records as the first `saves` of a `_saver`'s saves leave them."""
    state = dict(initial)
    for save in range(1, saves + 1):
        record_id = hot[save % len(hot)]
        state[record_id] = (saver_title(record_id, save), save, state[record_id][2] + 1)
    return state


def saver_title(record_id: int, save: int) -> str:
    return f"Record {record_id} save {save}"


def _saver(path: str, hot: str, saves: str, half: str) -> None:
    """Save `saves` times, save k setting the title and the quantity of record
    ids[k % len(ids)] together (a half-made save would show one without the other). After
    the first `half` saves, say "half" and wait for "go"; say "trying k" before each
    later save. Ends with one JSON line: each save's time, and any failure."""
    from aidviewer.store import Catalogue, CatalogueError

    ids = [int(part) for part in hot.split(",")]
    catalogue = Catalogue.open(path, user="saver")
    latencies: list[float] = []
    errors: list[str] = []
    for save in range(1, int(saves) + 1):
        if save == int(half) + 1:
            print("half", flush=True)
            sys.stdin.readline()
        if save > int(half):
            print(f"trying {save}", flush=True)
        record_id = ids[save % len(ids)]
        started = time.perf_counter()
        try:
            record = catalogue.record(record_id)
            catalogue.update_record(
                dataclasses.replace(record, title=saver_title(record_id, save), quantity=save)
            )
        except CatalogueError as error:
            errors.append(f"save {save}: {type(error).__name__}: {error}")
        latencies.append(time.perf_counter() - started)
    catalogue.close()
    print(json.dumps({"latencies": latencies, "errors": errors}), flush=True)


CHILDREN: dict[str, Callable[..., None]] = {
    "session": _session, "hold": _hold, "hammer": _hammer, "saver": _saver,
}  # fmt: skip

if __name__ == "__main__":
    CHILDREN[sys.argv[1]](*sys.argv[2:])
