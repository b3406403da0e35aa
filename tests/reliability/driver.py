"""The child process of the crash tests (RELIABILITY.md T1–T5): one all-or-nothing
operation through aidviewer's own store and import code, to be killed part-way.

Two ways to run it:

    python driver.py OP JSON|@FILE   # once, in a fresh process: $AIDVIEWER_FAULT applies
    python driver.py --serve         # a fork server, for the many random-time kills

The fork server has imported aidviewer once; for each JSON line {"op", "args",
"kill_after", "report"} on stdin it forks a child that runs the operation, prints the
child's process id, waits for a line "reap" (so that the id is never reused while the test
may still send SIGKILL to it), then prints {"code", "seconds"}: the child's exit code (-9
when killed) and the time from fork to exit. `kill_after` = [step, seconds] makes the
child SIGKILL itself that long after first reaching a fault step (a kill at a random
moment inside a commit); `report` names a file where it writes when it reached each step.
The server runs with no $AIDVIEWER_FAULT: the fault points are swept in fresh processes.

The clock of the store is fixed in the child, so that an operation run to its end always
leaves the same rows: the crash tests compare whole dumps of the file.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import aidviewer.store.base as store_base
import aidviewer.store.records as store_records
from aidviewer import faults
from aidviewer.io.formats import read_events
from aidviewer.io.importer import import_items
from aidviewer.store import Catalogue
from aidviewer.store.backup import make_backup, restore_backup, rotate

FIXED_NOW = "2026-11-27T12:00:00.000Z"
USER = "crash test"


def _fixed_clock() -> str:
    return FIXED_NOW


def _fix_clock() -> None:
    store_base.utc_now = _fixed_clock
    store_records.utc_now = _fixed_clock


def _import(args: dict[str, Any]) -> None:
    with Catalogue.open(args["path"], user=USER) as catalogue:
        import_items(catalogue, read_events("csv", Path(args["csv"])), author=USER)


def _save_record(args: dict[str, Any]) -> None:
    with Catalogue.open(args["path"], user=USER) as catalogue:
        record = catalogue.record(args["id"])
        catalogue.update_record(dataclasses.replace(record, **args["changes"]))


def _save_note(args: dict[str, Any]) -> None:
    with Catalogue.open(args["path"], user=USER) as catalogue:
        note = catalogue.note(args["id"])
        catalogue.update_note(dataclasses.replace(note, body=args["body"]))


def _delete_record(args: dict[str, Any]) -> None:
    with Catalogue.open(args["path"], user=USER) as catalogue:
        catalogue.delete_record(args["id"], catalogue.record(args["id"]).version)


def _delete_note(args: dict[str, Any]) -> None:
    with Catalogue.open(args["path"], user=USER) as catalogue:
        catalogue.delete_note(args["id"], catalogue.note(args["id"]).version)


def _open(args: dict[str, Any]) -> None:
    """Opening an older catalogue: the pre-migration backup, then the migration."""
    Catalogue.open(args["path"], user=USER).close()


def _backup(args: dict[str, Any]) -> None:
    now = datetime.fromisoformat(args["now"])
    make_backup(Path(args["path"]), kind=args.get("kind", "manual"), now=now)
    rotate(Path(args["path"]), now=now, **args["keep"])


def _restore(args: dict[str, Any]) -> None:
    restore_backup(
        Path(args["path"]), Path(args["backup"]), now=datetime.fromisoformat(args["now"])
    )


OPERATIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "import": _import,
    "save_record": _save_record,
    "save_note": _save_note,
    "delete_record": _delete_record,
    "delete_note": _delete_note,
    "open": _open,
    "backup": _backup,
    "restore": _restore,
}


def _watch_steps(report: str | None, kill_after: list[Any] | None) -> Callable[[], None]:
    """Record when each fault step is reached, and start the SIGKILL timer of
    `kill_after` at its step; returns what writes the `report` file."""
    started = time.perf_counter()
    reached: dict[str, list[float]] = {}
    real_point = faults.point

    def point(step: str) -> None:
        times = reached.setdefault(step, [])
        if kill_after is not None and step == kill_after[0] and not times:
            timer = threading.Timer(float(kill_after[1]), os.kill, (os.getpid(), signal.SIGKILL))
            timer.daemon = True
            timer.start()
        times.append(time.perf_counter() - started)
        real_point(step)

    def write() -> None:
        if report is None:
            return
        # The first and last time each step was reached, and how often.
        summary = {step: [t[0], t[-1], len(t)] for step, t in reached.items()}
        summary["end"] = [time.perf_counter() - started, 0.0, 1]
        Path(report).write_text(json.dumps(summary), encoding="utf-8")

    if report is not None or kill_after is not None:
        faults.point = point  # the store calls faults.point(...) through the module
    return write


def _run(command: dict[str, Any]) -> None:
    _fix_clock()
    write_report = _watch_steps(command.get("report"), command.get("kill_after"))
    OPERATIONS[command["op"]](command["args"])
    write_report()


def _child(command: dict[str, Any]) -> None:
    """In a forked child: run, and leave without any of the server's clean-up (os._exit)."""
    code = 0
    try:
        os.dup2(2, 1)  # the server's stdout is the test's pipe
        _run(command)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        sys.stderr.flush()
        os._exit(code)


def serve() -> None:
    for line in sys.stdin:
        command = json.loads(line)
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            _child(command)
        print(pid, flush=True)
        sys.stdin.readline()  # "reap": the test has done with the id
        _, status = os.waitpid(pid, 0)
        seconds = time.perf_counter() - started
        print(
            json.dumps({"code": os.waitstatus_to_exitcode(status), "seconds": seconds}), flush=True
        )


def main(argv: list[str]) -> int:
    if argv == ["--serve"]:
        serve()
        return 0
    op, arguments = argv
    if arguments.startswith("@"):  # a file holding them
        arguments = Path(arguments[1:]).read_text(encoding="utf-8")
    _run({"op": op, "args": json.loads(arguments)})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
