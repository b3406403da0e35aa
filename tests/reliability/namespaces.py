"""A child Python on a small disk of its own, or with a folder it cannot write.

`unshare -rm` makes a user and mount namespace without real root; a tmpfs mounted in it
(or a read-only bind mount) exists only for the child and vanishes with it
(RELIABILITY.md, 7.2 and 7.3). The child imports this suite as the package
`reliability`, so its code lives in plain modules beside the tests.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent

TMPFS_REASON = (
    "needs `unshare -rm` (a user and mount namespace) to mount a small tmpfs: a real full"
    " disk cannot be made here otherwise"
)


@functools.cache
def can_mount_tmpfs() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        check=False,
        timeout=30,
    )
    return probe.returncode == 0


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child that imports `reliability.*` and aidviewer."""
    path = os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH", "")]))
    return {**os.environ, "PYTHONPATH": path, "QT_QPA_PLATFORM": "offscreen", **extra}


def run_on_tmpfs(
    folder: Path, size: str, module: str, *arguments: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run `python -m module arguments…` with a tmpfs of `size` (as mount's "16m")
    mounted on the existing, empty `folder`."""
    mount = f'mount -t tmpfs -o size={size} tmpfs "$1"'
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", f'{mount} && shift && exec "$@"', "sh", str(folder),
         sys.executable, "-m", module, *arguments],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=timeout,
        check=False,
    )  # fmt: skip
