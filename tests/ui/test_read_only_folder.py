"""A catalogue in a folder nobody may write opens for browsing, with the notice.

Root ignores file modes, so the folder is made read-only with a bind mount inside a user
namespace (RELIABILITY.md, T10), and the window runs offscreen in that child process.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from pathlib import Path

import bad_files as bad
import pytest


@pytest.mark.skipif(not bad.can_mount_read_only(), reason=bad.READ_ONLY_REASON)
def test_window_opens_a_read_only_folder_with_the_notice(sample_path: Path, tmp_path: Path) -> None:
    folder = sample_path.parent / "ro"
    folder.mkdir()
    path = folder / "sample.aidb"
    shutil.copyfile(sample_path, path)
    before = bad.sha256(path)
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
    result = bad.run_in_read_only_folder(
        folder, sys.executable, "-c", script, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "read_only True",
        "notice True",
        "title sample [read-only] — aidviewer",
        "rows 10",
    ]
    assert bad.sha256(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["sample.aidb"]
