"""T13: who else has a catalogue open. Each program that opens it for writing leaves a
presence file (user, host, PID, since); the next one to open it learns "also open by A on
HOST"; a holder killed with SIGKILL leaves a file that the next opener finds stale and
removes; a read-only opening leaves nothing; and no presence problem stops an opening.

The holders are real processes: a child opens the catalogue and keeps it open until told.
"""

from __future__ import annotations

import dataclasses
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from figures import Figures
from pytestqt.qtbot import QtBot

from aidviewer.store import Catalogue, LockedError, RecordQuery, mounts, presence
from aidviewer.store.backup import make_backup, restore_backup

from .oracle import dump, sound
from .stand_ins import RecordingNotifier, build_window

HOST = socket.gethostname()
SAFE_HOST = presence._safe(HOST)

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from aidviewer.store import Catalogue, mounts

    path, user, table = sys.argv[1:4]
    if table:
        mounts.MOUNTINFO = Path(table)
    catalogue = Catalogue.open(path, user=user)
    mine = catalogue.own_presence
    print("open", mine.file if mine else "-", flush=True)
    sys.stdin.readline()  # until told to close
    catalogue.close()
    print("closed", flush=True)
    """
)


class Holder:
    """A child process holding the catalogue open."""

    def __init__(self, path: Path, user: str, table: Path | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path), user, str(table or "")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        said = self._line()
        assert said.startswith("open "), said
        self.file = Path(said.removeprefix("open ").strip())

    def _line(self, timeout: float = 30) -> str:
        assert self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                self.process.kill()
                raise AssertionError(f"the holder said nothing in {timeout} s")
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"the holder ended: {self.process.communicate()[1]}")
        return line

    @property
    def pid(self) -> int:
        return self.process.pid

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self._line() == "closed\n"
        assert self.process.wait(timeout=30) == 0

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(timeout=30) == -signal.SIGKILL

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=30)


@pytest.fixture
def holders() -> Iterator[list[Holder]]:
    started: list[Holder] = []
    yield started
    for holder in started:
        holder.stop()


def _network(folder: Path, at: Path) -> Path:
    """A mount table in which `folder` is an SMB share."""
    table = at / "mountinfo"
    table.write_text(
        "27 1 254:0 / / rw - ext4 /dev/vda rw\n"
        f"90 27 0:70 / {folder.resolve()} rw - cifs //fs01/shared rw\n",
        encoding="utf-8",
    )
    return table


@pytest.fixture
def share(sample_path: Path, tmp_path_factory: pytest.TempPathFactory,
          monkeypatch: pytest.MonkeyPatch) -> Path:  # fmt: skip
    """The mount table that makes the folder of `sample_path` a network drive, here and
    in the holders given it."""
    table = _network(sample_path.parent, tmp_path_factory.mktemp("proc"))
    monkeypatch.setattr(mounts, "MOUNTINFO", table)
    return table


def _folder(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


@pytest.mark.slow
def test_a_holder_on_this_machine_is_seen_and_leaves_on_closing(
    sample_path: Path, holders: list[Holder], figures: Figures
) -> None:
    started = time.perf_counter()
    rasa = Holder(sample_path, "Rasa")
    holders.append(rasa)
    figures.add("holder start (s)", f"{time.perf_counter() - started:.2f}")
    # A local disk: the presence file is in the user's private folder, not beside it.
    assert rasa.file.parent != sample_path.parent and rasa.file.is_file()
    assert _folder(sample_path) == ["sample.aidb"]
    content = json.loads(rasa.file.read_text(encoding="utf-8"))
    assert {k: content[k] for k in ("user", "host", "pid", "file")} == {
        "user": "Rasa", "host": HOST, "pid": rasa.pid, "file": "sample.aidb",
    }  # fmt: skip
    assert datetime.fromisoformat(content["since"]).tzinfo is not None

    with Catalogue.open(sample_path, user="Tomas") as tomas:
        (seen,) = tomas.also_open_by
        assert (seen.user, seen.host, seen.pid) == ("Rasa", HOST, rasa.pid)
        assert presence.others(sample_path) == [seen] == tomas.holders()
        rasa.close()
        assert not rasa.file.exists()
        assert tomas.holders() == [] == presence.others(sample_path)
    assert _folder(sample_path) == ["sample.aidb"]


@pytest.mark.slow
def test_a_holder_killed_leaves_a_stale_file_the_next_opener_removes(
    sample_path: Path, holders: list[Holder]
) -> None:
    before = dump(sample_path)
    rasa = Holder(sample_path, "Rasa")
    holders.append(rasa)
    rasa.kill()
    assert rasa.file.is_file()  # no `finally` ran
    assert presence.others(sample_path, tidy=False) == []  # stale: left out, still there
    assert rasa.file.is_file()
    with Catalogue.open(sample_path, user="Tomas") as tomas:
        assert tomas.also_open_by == ()
        assert not rasa.file.exists()  # taken over
        assert tomas.own_presence is not None and tomas.own_presence.file.is_file()
    sound(sample_path)
    assert dump(sample_path) == before


@pytest.mark.slow
def test_on_a_network_drive_the_files_lie_beside_the_catalogue(
    sample_path: Path, share: Path, holders: list[Holder]
) -> None:
    rasa = Holder(sample_path, "Rasa", share)
    holders.append(rasa)
    mine = f"sample.aidb.{SAFE_HOST}.{rasa.pid}.1.aidlock"
    assert rasa.file == sample_path.with_name(mine)
    with Catalogue.open(sample_path, user="Tomas") as tomas:
        assert [(h.user, h.pid) for h in tomas.also_open_by] == [("Rasa", rasa.pid)]
        assert tomas.own_presence is not None
        assert _folder(sample_path) == sorted([
            "sample.aidb", mine, tomas.own_presence.file.name
        ])  # fmt: skip
        rasa.close()
    assert _folder(sample_path) == ["sample.aidb"]


@pytest.mark.slow
def test_a_killed_holder_on_a_network_drive_is_removed_by_its_own_host(
    sample_path: Path, share: Path, holders: list[Holder]
) -> None:
    rasa = Holder(sample_path, "Rasa", share)
    holders.append(rasa)
    rasa.kill()
    with Catalogue.open(sample_path, user="Tomas") as tomas:
        assert tomas.also_open_by == ()
        assert not rasa.file.exists()
    assert _folder(sample_path) == ["sample.aidb"]


def _fake(path: Path, host: str, pid: int, content: object) -> Path:
    file = path.with_name(f"{path.name}.{presence._safe(host)}.{pid}.1.aidlock")
    text = content if isinstance(content, str) else json.dumps(content)
    file.write_text(text, encoding="utf-8")
    return file


def test_a_holder_on_another_host_is_shown_and_left_alone(sample_path: Path, share: Path) -> None:
    """Its process cannot be checked from here: only its own host may call it stale."""
    since = "2026-11-27T09:14:00+02:00"
    rasa = _fake(sample_path, "PC-12", 4242, {
        "user": "Rasa", "host": "PC-12.mod.lt", "pid": 4242, "since": since,
    })  # fmt: skip
    garbled = _fake(sample_path, "PC-7", 77, "{half a fi")
    with Catalogue.open(sample_path) as catalogue:
        seen = [(h.user, h.host, h.pid, h.since) for h in catalogue.also_open_by]
        assert seen == [
            ("Rasa", "PC-12.mod.lt", 4242, datetime.fromisoformat(since)),
            ("unknown", "PC-7", 77, None),  # told by its name
        ]
    assert rasa.is_file() and garbled.is_file()


def test_this_hosts_stale_files_are_told_by_pid_start_time_and_boot(
    sample_path: Path, share: Path
) -> None:
    me, parent = os.getpid(), os.getppid()
    found = presence._process(me)
    assert found is not None
    # This PID, but a process started at another time: an earlier holder's PID reused.
    reused = _fake(sample_path, HOST, me, {"user": "earlier", "pid": me, "started": found[1] + 1})
    # Written before the machine last started.
    old = _fake(sample_path, HOST, parent, {"user": "old", "pid": parent, "boot": "before"})
    old = old.rename(old.with_name(old.name.replace(".1.aidlock", ".2.aidlock")))
    # A live process of this host (no start time recorded: it is believed).
    live = _fake(sample_path, HOST, parent, {"user": "parent", "host": HOST, "pid": parent})
    assert [h.user for h in presence.others(sample_path)] == ["parent"]
    assert not reused.exists() and not old.exists() and live.is_file()
    # This process's own live file is never counted among the others.
    own = _fake(sample_path, HOST, me, {"user": "me", "pid": me, "started": found[1]})
    assert [h.user for h in presence.others(sample_path)] == ["parent"]
    assert own.is_file()


def test_a_read_only_opening_leaves_no_presence(sample_path: Path, share: Path) -> None:
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert catalogue.own_presence is None
        assert _folder(sample_path) == ["sample.aidb"]


def test_the_staff_name_replaces_the_login_name(sample_path: Path, share: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        assert catalogue.own_presence is not None
        file = catalogue.own_presence.file
        catalogue.user = "Rasa Petrauskienė"
        assert json.loads(file.read_text("utf-8"))["user"] == "Rasa Petrauskienė"


def test_a_folder_that_refuses_presence_files_still_opens(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(file: Path, content: object) -> None:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(presence, "_write", refuse)
    before = dump(sample_path)
    with Catalogue.open(sample_path) as catalogue:
        assert catalogue.own_presence is None
        record = catalogue.record(catalogue.record_ids(RecordQuery())[0])
        catalogue.update_record(dataclasses.replace(record, title="Saved all the same"))
    after = dump(sample_path)
    assert after["organisation"] == before["organisation"]
    assert "Saved all the same" in {row[1] for row in after["aid_record"]}


def test_when_the_private_folder_is_unusable_the_file_goes_beside(
    sample_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path_factory.mktemp("run") / "a file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(blocked))
    with Catalogue.open(sample_path) as catalogue:
        assert catalogue.own_presence is not None
        assert catalogue.own_presence.file.parent == sample_path.parent
    assert _folder(sample_path) == ["sample.aidb"]


@pytest.mark.slow
def test_the_window_says_who_else_has_it_open(
    qtbot: QtBot, sample_path: Path, holders: list[Holder],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    rasa = Holder(sample_path, "Rasa")
    holders.append(rasa)
    notifier = RecordingNotifier()
    window = build_window(tmp_path_factory.mktemp("s") / "s.ini", notifier)
    qtbot.addWidget(window)
    assert window.open_catalogue(sample_path)
    assert window.catalogue_view.notice.isVisible()
    assert window.catalogue_view.notice.text() == f"Also open by Rasa on {HOST}."
    window.close_catalogue()
    rasa.close()
    assert notifier.errors == []


@pytest.mark.slow
def test_a_restore_waits_until_the_others_have_closed_the_catalogue(
    sample_path: Path, holders: list[Holder]
) -> None:
    """Replacing the file under another aidviewer would send its next save into a file
    that is no longer there: the restore is refused, naming them, and nothing changes;
    once they have closed it, the same restore goes through."""
    backup = make_backup(sample_path)
    with Catalogue.open(sample_path) as catalogue:
        record = catalogue.record(catalogue.record_ids(RecordQuery())[0])
        catalogue.update_record(dataclasses.replace(record, title="After the backup"))
    rasa = Holder(sample_path, "Rasa")
    holders.append(rasa)
    before = dump(sample_path)
    with pytest.raises(LockedError, match=rf"open in aidviewer by Rasa on {HOST}"):
        restore_backup(sample_path, backup.path)
    assert dump(sample_path) == before
    rasa.close()
    restore_backup(sample_path, backup.path)
    assert dump(sample_path) == dump(backup.path)
