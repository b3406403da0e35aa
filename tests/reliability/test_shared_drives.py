"""T12: a catalogue on a network drive is recognised from the mount table, opened in
rollback-journal mode with full sync (never WAL), and the window says where it is.

There is no network here: the detector reads fixture lines of /proc/self/mountinfo, and a
"network drive" is a temporary folder that a fixture mount table says is mounted over SMB.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from figures import Figures
from pytestqt.qtbot import QtBot

from aidviewer.store import Catalogue, RecordQuery, mounts

from .oracle import changed_tables, dump, sound
from .stand_ins import RecordingNotifier, build_window

SEARCH = ("search_index", "search_index_content")  # the full-text index of the titles

# One line per kind of mount, as the kernel writes them (a space in a mount point is
# \040, a backslash \134).
MOUNTINFO = r"""27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard
60 27 0:50 / /mnt/office rw,relatime shared:30 - cifs //fs01/office rw,vers=3.1.1,sec=ntlmssp
61 27 0:51 / /mnt/aid rw,nosuid,nodev - smb3 //fs02/aid rw,vers=3.1.1
62 27 0:52 / /net/home rw,relatime shared:31 master:2 - nfs4 nas:/export/home rw,vers=4.2
63 27 0:53 / /home/rasa/remote rw,nosuid,nodev - fuse.sshfs rasa@server:/srv rw,user_id=1000
64 27 0:54 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\134;uid=1000
65 60 254:16 / /mnt/office/local\040disk rw - ext4 /dev/vdb rw
66 27 0:55 / /mnt/stacked rw - nfs old:/x rw
67 27 254:32 / /mnt/stacked rw - ext4 /dev/vdc rw
"""

CASES = {
    "/mnt/office/Aid.aidb": "cifs",
    "/mnt/office": "cifs",
    "/mnt/aid/2026/Aid.aidb": "smb3",
    "/net/home/rasa/Aid.aidb": "nfs4",
    "/home/rasa/remote/Aid.aidb": "fuse.sshfs",
    "/mnt/c/Users/rasa/Aid.aidb": "9p",
    "/home/rasa/Aid.aidb": "ext4",
    "/mnt/office/local disk/Aid.aidb": "ext4",  # the longer mount point wins
    "/mnt/officer/Aid.aidb": "ext4",  # a prefix of a name is not a mount point
    "/mnt/stacked/Aid.aidb": "ext4",  # the later of two mounts on one point
}


@pytest.mark.parametrize("path", CASES)
def test_the_mount_holding_a_path_gives_its_type(path: str) -> None:
    assert mounts.filesystem_type(path, MOUNTINFO) == CASES[path]


@pytest.mark.parametrize(
    ("fstype", "network"),
    [
        ("cifs", True),
        ("smb3", True),
        ("nfs4", True),
        ("nfs", True),
        ("fuse.sshfs", True),
        ("9p", True),
        ("fuse.gvfsd-fuse", True),
        ("ext4", False),
        ("btrfs", False),
        ("tmpfs", False),
        ("overlay", False),
        ("unknown", False),
    ],
)
def test_network_types(fstype: str, network: bool) -> None:
    assert mounts.is_network(fstype) is network


def test_a_mount_point_with_a_space_and_odd_lines(tmp_path: Path) -> None:
    mountinfo = "garbage\n\n" + MOUNTINFO + "70 27 0:60 / /srv/a\\134b rw - nfs4 x:/ rw\n"
    parsed = mounts.parse(mountinfo)
    assert len(parsed) == 10  # the odd lines skipped
    assert parsed[6] == mounts.Mount("/mnt/office/local disk", "ext4", "/dev/vdb")
    assert parsed[5].source == "drvfs"
    assert mounts.filesystem_type("/srv/a\\b/x.aidb", mountinfo) == "nfs4"


def test_without_a_mount_table_the_type_is_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert mounts.filesystem_type(tmp_path) != mounts.UNKNOWN  # this machine has /proc
    monkeypatch.setattr(mounts, "MOUNTINFO", tmp_path / "no such file")
    assert mounts.filesystem_type(tmp_path) == mounts.UNKNOWN
    assert not mounts.is_network(mounts.UNKNOWN)


def _mount_table(folder: Path, fstype: str, at: Path) -> Path:
    """A mount table in which `folder` (the test's own) is mounted with `fstype`."""
    real = str(folder.resolve()).replace(" ", "\\040")
    table = at / "mountinfo"
    table.write_text(
        MOUNTINFO + f"90 27 0:70 / {real} rw,relatime - {fstype} //fs01/shared rw\n",
        encoding="utf-8",
    )
    return table


@pytest.fixture
def network_drive(
    sample_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The folder of `sample_path`, seen as an SMB share."""
    table = _mount_table(sample_path.parent, "cifs", tmp_path_factory.mktemp("proc"))
    monkeypatch.setattr(mounts, "MOUNTINFO", table)
    return sample_path.parent


def _settings(con: sqlite3.Connection) -> tuple[str, int]:
    (journal,) = con.execute("PRAGMA journal_mode").fetchone()
    (synchronous,) = con.execute("PRAGMA synchronous").fetchone()
    return journal, synchronous


def _difference(
    before: list[tuple[object, ...]], after: list[tuple[object, ...]]
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    return [r for r in before if r not in after], [r for r in after if r not in before]


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def test_on_a_network_drive_saves_use_the_rollback_journal_with_full_sync(
    sample_path: Path, network_drive: Path
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        assert catalogue.on_network_drive and catalogue.filesystem == "cifs"
        assert _settings(catalogue._con) == ("delete", 2)  # 2 is FULL
        record = catalogue.record(catalogue.record_ids(RecordQuery())[0])
        catalogue.update_record(dataclasses.replace(record, title="Saved over SMB"))
        assert _beside(sample_path) == []  # no -wal, -shm, nor journal left
    sound(sample_path)
    assert sample_path.read_bytes()[18:20] == b"\x01\x01"  # the header says: not WAL
    titles = {row[1] for row in dump(sample_path)["aid_record"]}
    assert "Saved over SMB" in titles


def test_a_local_disk_is_not_a_network_drive(sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        assert not catalogue.on_network_drive
        assert catalogue.filesystem not in (mounts.UNKNOWN, "cifs")
        assert _settings(catalogue._con) == ("delete", 2)


@pytest.mark.parametrize("where", ["network", "local"])
def test_a_file_left_in_wal_mode_is_opened_in_rollback_mode(
    sample_path: Path, tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch, where: str,
) -> None:  # fmt: skip
    if where == "network":
        table = _mount_table(sample_path.parent, "nfs4", tmp_path_factory.mktemp("proc"))
        monkeypatch.setattr(mounts, "MOUNTINFO", table)
    other = sqlite3.connect(sample_path, isolation_level=None)
    assert other.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    other.close()
    assert sample_path.read_bytes()[18:20] == b"\x02\x02"
    before = dump(sample_path)
    with Catalogue.open(sample_path) as catalogue:
        assert catalogue.on_network_drive is (where == "network")
        assert _settings(catalogue._con) == ("delete", 2)
        record = catalogue.record(catalogue.record_ids(RecordQuery())[0])
        catalogue.update_record(dataclasses.replace(record, title="No WAL"))
    assert sample_path.read_bytes()[18:20] == b"\x01\x01"
    assert _beside(sample_path) == []
    sound(sample_path)
    after = dump(sample_path)
    assert set(changed_tables(before, after)) <= {"aid_record", "history", *SEARCH}
    gone, added = _difference(before["aid_record"], after["aid_record"])
    assert [row[0] for row in gone] == [record.id] and [row[0] for row in added] == [record.id]
    assert record.title in gone[0] and "No WAL" in added[0]


def test_the_window_says_the_catalogue_is_on_a_network_drive(
    qtbot: QtBot, sample_path: Path, tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch, figures: Figures,
) -> None:  # fmt: skip
    local = sample_path.with_name("local.aidb")
    local.write_bytes(sample_path.read_bytes())
    share = tmp_path_factory.mktemp("share")
    remote = share / "Aid office.aidb"
    remote.write_bytes(sample_path.read_bytes())
    table = _mount_table(share, "smb3", tmp_path_factory.mktemp("proc"))
    monkeypatch.setattr(mounts, "MOUNTINFO", table)
    notifier = RecordingNotifier()
    window = build_window(tmp_path_factory.mktemp("settings") / "settings.ini", notifier)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    notice = window.catalogue_view.notice

    assert window.open_catalogue(local)
    assert not notice.isVisible()
    assert window.open_catalogue(remote)
    assert notice.isVisible()
    assert notice.text() == (
        "“Aid office.aidb” is on a network drive (smb3): if the connection drops while you"
        " save, check it (Help > Check Catalogue), and keep its backups on."
    )
    assert window.open_catalogue(local)
    assert not notice.isVisible()
    assert notifier.errors == []
    figures.add("mount types recognised", len(CASES))
