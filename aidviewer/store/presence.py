"""Who else has a catalogue open: one small presence file per holder (RELIABILITY.md, T13).

Each aidviewer that opens a catalogue for writing writes a file of its own, named after
the catalogue, its host and its process, and holding JSON: who (the staff name, or the
login name), on which host, which process, since when. It is written under a temporary
name and renamed, so a reader never sees half of it, and removed when the catalogue is
closed. One file per holder means no two programs ever write the same file: SQLite itself
keeps their saves apart; these files only tell people who else is there, and let an
operation that replaces the file (a restore) refuse while `others()` is not empty.

Where the files go:
- beside the catalogue ("Aid.aidb.PC-12.4242.1.aidlock") when it is on a network drive,
  or where that cannot be known, so colleagues on other machines see them;
- for a catalogue on a local disk, in a private folder of this user (under
  $XDG_RUNTIME_DIR, or the temporary folder), keyed by the catalogue's real path: only
  programs on this machine can open it, and the user's own folders stay free of them.
Readers look in both places.

A holder that died without closing (`kill -9`, a power cut) leaves its file. One on this
host whose process is gone (or was started after the file was written: the PID is reused;
or before the last reboot) is stale and is removed by the next reader. A holder on
another host cannot be checked from here; its own host removes its file the next time
aidviewer opens the catalogue there.

Nothing here ever stops a catalogue from opening: a folder that refuses new files just
means no presence file.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import re
import socket
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ENDING = ".aidlock"
_SERIAL = itertools.count(1)  # a process may hold the same catalogue twice
# What follows a catalogue's prefix in a presence file's name: "PC-12.4242.1.aidlock".
_TAIL = r"(?P<host>[A-Za-z0-9-]+)\.(?P<pid>\d+)\.(?P<n>\d+)" + re.escape(ENDING)
_REST = re.compile(_TAIL)
_ANY = re.compile(r"\." + _TAIL + "$")
_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
_MOST = 4096  # bytes of a presence file read: a few hundred are written


@dataclass(frozen=True)
class Holder:
    """One program that has the catalogue open for writing."""

    user: str
    host: str
    pid: int
    since: datetime | None
    file: Path


def _safe(host: str) -> str:
    """A host name as it may appear in a file name."""
    return re.sub(r"[^A-Za-z0-9-]", "-", host)[:63] or "host"


def _host() -> str:
    return socket.gethostname() or "localhost"


def _boot() -> str:
    try:
        return _BOOT_ID.read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _process(pid: int) -> tuple[str, int] | None:
    """A Linux process's state letter and start time (clock ticks after boot), or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
        after = text[text.rindex(")") + 2 :].split()  # the name may hold spaces and ")"
        return after[0], int(after[19])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int, boot: str, started: int | None) -> bool:
    """Whether the process that wrote a presence file on this host still runs."""
    if boot and boot != _boot():
        return False  # written before this machine last started
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or (
                code.value == 259  # STILL_ACTIVE
            )
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: another user's process, alive
        return True
    found = _process(pid)
    if found is None:
        return True
    state, start = found
    # A killed process its parent has not yet waited for is a zombie: gone all the same.
    return state not in ("Z", "X") and (started is None or start == started)


def _registry() -> Path:
    """This user's private folder for the presence files of catalogues on local disks."""
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    uid = getattr(os, "getuid", lambda: None)()
    return Path(base) / ("aidviewer-presence" + (f"-{uid}" if uid is not None else ""))


def _places(path: Path) -> list[tuple[Path, str]]:
    """(folder, name prefix) of the presence files of the catalogue at `path`: beside it,
    and in the registry."""
    real = Path(os.path.realpath(path))  # the same file, whichever link it was opened by
    key = hashlib.sha256(os.fsencode(real)).hexdigest()[:12]
    return [(real.parent, f"{real.name}."), (_registry(), f"{real.name}.{key}.")]


def _usable_registry(folder: Path) -> bool:
    """Make the registry if need be; refuse one that is not this user's own folder."""
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    return folder.is_dir() and not folder.is_symlink() and info.st_uid == owner


def _write(file: Path, content: dict[str, object]) -> None:
    """Write a whole presence file under a temporary name, then give it its name."""
    temp = file.with_name(f".{file.name}.tmp")
    try:
        temp.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, file)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


class Presence:
    """This program's presence file for one catalogue; `leave()` removes it."""

    def __init__(self, file: Path, content: dict[str, object]) -> None:
        self.file = file
        self._content = content

    @property
    def user(self) -> str:
        return str(self._content["user"])

    def rename(self, user: str) -> None:
        """Say who holds the catalogue, once the staff name is known."""
        if user == self.user:
            return
        self._content = {**self._content, "user": user}
        with contextlib.suppress(OSError):
            _write(self.file, self._content)

    def leave(self) -> None:
        with contextlib.suppress(OSError):
            self.file.unlink()


def arrive(path: Path, user: str, *, beside: bool) -> Presence | None:
    """Write this program's presence file for the catalogue at `path`: beside it when
    `beside` (a network drive), else in the registry, and in the other place when the
    first refuses. None when neither takes it."""
    host = _host()
    content: dict[str, object] = {
        "user": user,
        "host": host,
        "pid": os.getpid(),
        "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        "boot": _boot(),
        "started": (_process(os.getpid()) or ("", None))[1],
        "file": path.name,
    }
    places = _places(path)
    if not beside:
        places.reverse()
    name = f"{_safe(host)}.{os.getpid()}.{next(_SERIAL)}{ENDING}"
    for folder, prefix in places:
        try:
            if folder == _registry():
                if not _usable_registry(folder):
                    continue
                _sweep(folder)
            file = folder / f"{prefix}{name}"
            _write(file, content)
        except (OSError, ValueError):
            continue
        return Presence(file, content)
    return None


def _read(file: Path, rest: re.Match[str]) -> tuple[Holder, str, int | None]:
    """A presence file as a holder, with the boot id and start time it was written
    under. A file that cannot be read is its name's host and PID, user unknown."""
    host, pid = rest["host"], int(rest["pid"])
    try:
        with file.open("rb") as handle:  # a file of that name may be anyone's: read a little
            content = json.loads(handle.read(_MOST).decode("utf-8"))
        if not isinstance(content, dict):
            raise ValueError("not an object")
    except (OSError, ValueError):
        content = {}
    since: datetime | None
    try:
        since = datetime.fromisoformat(str(content["since"]))
    except (KeyError, ValueError):
        since = None
    started = content.get("started")
    holder = Holder(
        user=str(content.get("user") or "unknown")[:100],
        host=str(content.get("host") or host)[:100],
        pid=int(content["pid"]) if isinstance(content.get("pid"), int) else pid,
        since=since,
        file=file,
    )
    return holder, str(content.get("boot") or ""), started if isinstance(started, int) else None


def _stale(holder: Holder, boot: str, started: int | None) -> bool:
    return _safe(holder.host) == _safe(_host()) and not _alive(holder.pid, boot, started)


def _sweep(folder: Path) -> None:
    """Remove the registry's files of programs that are gone, whatever their catalogue."""
    for entry in os.scandir(folder):
        rest = _ANY.search(entry.name)
        if rest is not None and not entry.name.startswith("."):
            holder, boot, started = _read(Path(entry.path), rest)
            if _stale(holder, boot, started):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def names(holders: list[Holder]) -> str:
    """The holders as a sentence names them: "Rasa on PC-12, Tomas on PC-7"."""
    return ", ".join(f"{holder.user} on {holder.host}" for holder in holders)


def others(path: str | os.PathLike[str], *, tidy: bool = True) -> list[Holder]:
    """Every other program that has the catalogue at `path` open for writing, oldest
    first; this process's own holds are not counted. With `tidy`, stale files of this
    host are removed as they are found (else they are only left out). An operation that
    replaces the file must refuse while this is not empty."""
    path = Path(path)
    me = (_safe(_host()), os.getpid())
    found: list[Holder] = []
    for folder, prefix in _places(path):
        try:
            entries = [entry.name for entry in os.scandir(folder)]
        except OSError:
            continue
        for name in entries:
            rest = _REST.fullmatch(name, len(prefix)) if name.startswith(prefix) else None
            if rest is None:
                continue
            holder, boot, started = _read(folder / name, rest)
            if _stale(holder, boot, started):
                if tidy:
                    with contextlib.suppress(OSError):
                        (folder / name).unlink()
            elif (_safe(holder.host), holder.pid) != me:
                found.append(holder)
    return sorted(
        found, key=lambda h: (h.since.timestamp() if h.since else float("inf"), h.host, h.pid)
    )
