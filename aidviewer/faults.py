"""Faults on purpose, for the reliability suite: off unless $AIDVIEWER_FAULT is set.

The steps of the operations that must be all or nothing (import, save, delete, migration,
backup, restore) call `point("name")`. $AIDVIEWER_FAULT names the step to fail at and how,
so that a test makes a crash, an error or a full disk happen at an exact step rather than
at a random moment:

    AIDVIEWER_FAULT="save.before_commit:kill"
    AIDVIEWER_FAULT="import.row@5000:kill"          # the 5,000th time the step is reached
    AIDVIEWER_FAULT="backup.before_rename:full,restore.aside:raise"

The actions: `kill` ends the process at once, as a crash or a power cut would (SIGKILL;
no `finally` runs, no file is closed); `raise` raises `InjectedFaultError`, an error nothing in
aidviewer expects; `full` raises the OSError of a full disk (ENOSPC); `ioerror` that of a
failing disk (EIO). Each step fires once, the n-th time it is reached (the first when no
`@n` is given). `arm` and `disarm` do the same inside a test's own process.

The steps: `import.row` (before each item is stored), `<operation>.before_commit` and
`<operation>.after_commit` for the transactions of `save`, `delete`, `import` and
`migration` (one per migration step), `backup.copied` (the copy is written, not yet
checked), `backup.before_rename`, `backup.after_rename`, `backup.rotate` (before each
backup that rotation removes), `restore.aside` (the current file has been moved aside),
`restore.before_rename` and `restore.after_rename`.
"""

from __future__ import annotations

import errno
import os
import signal
from dataclasses import dataclass

VARIABLE = "AIDVIEWER_FAULT"
ACTIONS = frozenset({"kill", "raise", "full", "ioerror"})


class InjectedFaultError(RuntimeError):
    """The error `raise` makes: one no part of aidviewer catches on purpose."""


@dataclass(frozen=True)
class Fault:
    step: str
    at: int  # the n-th time the step is reached, from 1
    action: str


def parse(spec: str) -> dict[str, Fault]:
    """The faults a $AIDVIEWER_FAULT value asks for, by step. Raises ValueError for a
    value that does not say `step[@n]:action[,…]` with a known action."""
    faults: dict[str, Fault] = {}
    for part in filter(None, (piece.strip() for piece in spec.split(","))):
        where, _, action = part.rpartition(":")
        step, _, count = where.partition("@")
        if not step or action not in ACTIONS:
            raise ValueError(f"{VARIABLE}: cannot read {part!r} (step[@n]:{'|'.join(ACTIONS)})")
        try:
            at = int(count) if count else 1
        except ValueError:
            raise ValueError(f"{VARIABLE}: {count!r} in {part!r} is not a number") from None
        if at < 1:
            raise ValueError(f"{VARIABLE}: {part!r} counts from 1")
        faults[step] = Fault(step, at, action)
    return faults


_armed: dict[str, Fault] = parse(os.environ.get(VARIABLE, ""))
_reached: dict[str, int] = {}


def arm(spec: str) -> None:
    """Fail as `spec` says (the grammar of $AIDVIEWER_FAULT), counting afresh."""
    global _armed
    _armed = parse(spec)
    _reached.clear()


def disarm() -> None:
    arm("")


def point(step: str) -> None:
    """A step of an operation that must be all or nothing: fail here if asked to."""
    if not _armed:  # the usual case: nothing to do
        return
    fault = _armed.get(step)
    if fault is None:
        return
    reached = _reached[step] = _reached.get(step, 0) + 1
    if reached != fault.at:
        return
    if fault.action == "kill":
        kill = getattr(signal, "SIGKILL", None)
        if kill is not None:
            os.kill(os.getpid(), kill)
        os._exit(137)  # where there is no SIGKILL: no clean-up runs either
    if fault.action == "full":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if fault.action == "ioerror":
        raise OSError(errno.EIO, os.strerror(errno.EIO))
    raise InjectedFaultError(f"fault injected at {step} ({VARIABLE})")
