"""A catalogue in a folder nobody may write opens for browsing, with the notice.

Root ignores file modes, so the folder is made read-only with a bind mount inside a user
namespace (RELIABILITY.md, T10), and the window runs offscreen in that child process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from window_helpers import sha256


def _can_mount_read_only() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not _can_mount_read_only(),
    reason="needs `unshare -rm` to mount a read-only folder (file modes do not stop root)",
)
def test_window_opens_a_read_only_folder_with_the_notice(sample_path: Path, tmp_path: Path) -> None:
    folder = sample_path.parent / "ro"
    folder.mkdir()
    path = folder / "sample.aidb"
    shutil.copyfile(sample_path, path)
    before = sha256(path)
    settings = tmp_path / "settings.ini"
    script = textwrap.dedent(
        f"""
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        from aidviewer.models import MeetingTableModel, RecordTableModel
        from aidviewer.ui.main_window import MainWindow
        from aidviewer.ui.settings import Settings

        app = QApplication([])
        window = MainWindow(
            Settings(QSettings({str(settings)!r}, QSettings.Format.IniFormat)),
            RecordTableModel(),
            MeetingTableModel(),
        )
        window.show()
        assert window.open_catalogue({str(path)!r}), "the catalogue did not open"
        print("read_only", window.catalogue.read_only)
        print("notice", window.catalogue_view.notice.isVisible())
        print("title", window.windowTitle())
        print("rows", window.records.rowCount())
        window.close()
        """
    )
    mount = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}"
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f'{mount} && exec "$0" -c "$1"', sys.executable, script],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "read_only True",
        "notice True",
        "title sample [read-only] — aidviewer",
        "rows 10",
    ]
    assert sha256(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["sample.aidb"]
