"""Which file system holds a catalogue, and whether it is a network one (RELIABILITY.md, T12).

SQLite does not promise correct locking over network file systems, so a catalogue on one
is opened in rollback-journal mode only (never WAL: see connection.py), with its presence
file beside it for colleagues to see (presence.py), and the window says so.

On Linux the answer comes from /proc/self/mountinfo: the mount whose mount point is the
longest prefix of the file's real path. Elsewhere the type is "unknown". (On Windows
`GetDriveTypeW` on the path's root answers DRIVE_REMOTE for a mapped drive and a UNC
path, as Firefox's patch for this does; it needs a Windows machine to test, so it is not
here yet. macOS would need statfs's f_fstypename, which Python does not expose.)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

MOUNTINFO = Path("/proc/self/mountinfo")
UNKNOWN = "unknown"

# File systems whose files live on another machine. SMB (cifs, smb3, smbfs), NFS, SSH, 9p
# (WSL2's Windows drives, virtual machines' shared folders), AFS, cluster and cloud file
# systems, WebDAV, and the FUSE mounts of desktops' "Connect to Server" (gvfs, kio-fuse).
NETWORK_TYPES = frozenset(
    {
        "cifs", "smb3", "smbfs", "smb", "nfs", "nfs4", "ncpfs", "ncp", "afs", "coda",
        "9p", "ceph", "glusterfs", "lustre", "gpfs", "beegfs", "orangefs", "pvfs2",
        "davfs", "sshfs", "vboxsf", "vmhgfs", "prl_fs",
        "fuse.sshfs", "fuse.glusterfs", "fuse.ceph", "fuse.davfs2", "fuse.rclone",
        "fuse.s3fs", "fuse.gvfsd-fuse", "fuse.kio-fuse", "fuse.smbnetfs",
        "fuse.curlftpfs", "fuse.vmhgfs-fuse", "fuse.juicefs", "fuse.cvmfs",
    }
)  # fmt: skip

_ESCAPE = re.compile(r"\\([0-7]{3})")


@dataclass(frozen=True)
class Mount:
    """One line of mountinfo: where a file system is mounted, its type and its source."""

    point: str
    fstype: str
    source: str


def _unescape(field: str) -> str:
    r"""The kernel writes a space as \040, a tab as \011, a newline as \012 and a
    backslash as \134 in mount points and sources."""
    return _ESCAPE.sub(lambda match: chr(int(match[1], 8)), field)


def parse(text: str) -> list[Mount]:
    """The mounts of a mountinfo text, in its order (a later mount hides an earlier one
    on the same point). Lines that do not read as mountinfo are skipped."""
    mounts: list[Mount] = []
    for line in text.splitlines():
        # "36 35 98:0 /root /mnt/point rw,noatime master:1 - ext3 /dev/root rw": the
        # optional fields end at a lone "-", then come the type and the source.
        fields = line.split(" ")
        try:
            separator = fields.index("-", 6)
            point, fstype, source = fields[4], fields[separator + 1], fields[separator + 2]
        except (ValueError, IndexError):
            continue
        mounts.append(Mount(_unescape(point), fstype, _unescape(source)))
    return mounts


def _holds(point: str, path: str) -> bool:
    if point == "/":
        return path.startswith("/")
    return path == point or path.startswith(point.rstrip("/") + "/")


def filesystem_type(path: str | os.PathLike[str], mountinfo: str | None = None) -> str:
    """The type of the file system holding `path` ("ext4", "cifs", "fuse.sshfs", …), read
    from `mountinfo` (the text of /proc/self/mountinfo; read from there when not given),
    or "unknown" where there is no such file."""
    if mountinfo is None:
        try:
            mountinfo = MOUNTINFO.read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:  # not Linux, or /proc not mounted
            return UNKNOWN
    real = os.path.realpath(path)
    best: Mount | None = None
    for mount in parse(mountinfo):
        if _holds(mount.point, real) and (best is None or len(mount.point) >= len(best.point)):
            best = mount
    return best.fstype if best is not None else UNKNOWN


def is_network(fstype: str) -> bool:
    """Whether a file system of this type keeps its files on another machine."""
    return fstype in NETWORK_TYPES
