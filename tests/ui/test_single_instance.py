"""One aidviewer per person: a second launch hands its file to the first and ends; a
catalogue dropped on the window is opened, a data file dropped is imported."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot
from window_helpers import WindowFactory

from aidviewer.ui.single_instance import NAME_VARIABLE, InstanceServer, hand_over

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture
def name() -> str:
    return f"aidviewer-test-{uuid.uuid4().hex[:12]}"


def test_nobody_listening_means_this_launch_is_the_first(qtbot: QtBot, name: str) -> None:
    assert hand_over(Path("x.aidb"), name) is False


def test_a_second_launch_hands_its_file_to_the_first_and_ends(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot, name: str, tmp_path: Path
) -> None:
    window = make_window()
    server = InstanceServer(name, parent=window)
    assert server.listen()
    server.openRequested.connect(window.take_path)
    env = {**os.environ, NAME_VARIABLE: name, "QT_QPA_PLATFORM": "offscreen",
           "AIDVIEWER_DATA_DIR": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}  # fmt: skip
    # The real entry point, as the desktop starts it when a catalogue is double-clicked.
    second = subprocess.Popen(
        [sys.executable, "-m", "aidviewer.app", str(sample_path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
    finally:
        if second.poll() is None:  # it did not hand over: it opened a window of its own
            second.kill()
        _, errors = second.communicate()
    assert second.returncode == 0, errors
    qtbot.waitUntil(lambda: window.catalogue is not None, timeout=10_000)
    assert window.catalogue is not None and window.catalogue.path == sample_path.resolve()
    assert not (tmp_path / "data").exists()  # the second made no catalogue of its own
    server.close()


def test_a_stale_socket_left_by_a_crash_is_taken_over(qtbot: QtBot, name: str) -> None:
    stale = Path(QDir.tempPath()) / name
    stale.write_text("")  # what a crashed instance leaves behind
    try:
        server = InstanceServer(name)
        assert server.listen()
        server.close()
    finally:
        stale.unlink(missing_ok=True)


def _drop(window: Any, path: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)


def test_a_dropped_catalogue_opens_and_a_dropped_table_is_imported(
    make_window: WindowFactory, sample_path: Path, empty_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = make_window()
    assert window.open_catalogue(empty_path)
    _drop(window, sample_path)
    qtbot.waitUntil(
        lambda: window.catalogue is not None and window.catalogue.path == sample_path.resolve()
    )
    started: list[Path | None] = []
    window.data.import_file = lambda start=None: started.append(start)  # type: ignore[method-assign]
    table = tmp_path / "pledges.csv"
    table.write_text("Title\nTents\n", encoding="utf-8")
    _drop(window, table)
    qtbot.waitUntil(lambda: started == [table])
    # Something aidviewer neither opens nor imports is not taken.
    other = tmp_path / "photo.png"
    other.write_bytes(b"\x89PNG")
    _drop(window, other)
    qtbot.wait(50)
    assert started == [table]
