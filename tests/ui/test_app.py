"""The entry point: which catalogue the window opens, without entering the event loop."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from pytestqt.qtbot import QtBot
from window_helpers import FakeFiles, FakeNotifier, sha256

from aidviewer import __version__, app
from aidviewer.models import Column
from aidviewer.store import AidRecord, Catalogue, Organisation
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.settings import Settings


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data" / "aidviewer"  # does not exist yet
    monkeypatch.setenv(app.DATA_DIR_VARIABLE, str(folder))
    return folder


def _build(
    qtbot: QtBot,
    arguments: list[str],
    settings: Settings,
    files: FakeFiles,
    notifier: FakeNotifier,
) -> MainWindow:
    window = app.build_window(arguments, settings, files, notifier)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    return window


def _titles(window: MainWindow) -> list[str]:
    model = window.catalogue_view.records_view.model()
    return [model.index(row, Column.TITLE).data() for row in range(model.rowCount())]


def test_first_launch_creates_the_default_catalogue_from_the_sample(
    qtbot: QtBot,
    data_dir: Path,
    settings: Settings,
    files: FakeFiles,
    notifier: FakeNotifier,
) -> None:
    window = _build(qtbot, [], settings, files, notifier)
    default = data_dir / "catalogue.aidb"
    assert default.is_file()
    assert window.isVisible()
    assert notifier.errors == []
    assert window.windowTitle() == "catalogue — aidviewer"
    assert "NASAMS launchers and equipment" in _titles(window)
    assert window.catalogue_view.meetings_view.model().rowCount() == 2
    assert settings.recent_files() == [default]
    # Nothing but the catalogue in the folder: no temporary file left over.
    assert [p.name for p in data_dir.iterdir()] == ["catalogue.aidb"]


def test_second_launch_reuses_the_default_catalogue(
    qtbot: QtBot,
    data_dir: Path,
    settings: Settings,
    files: FakeFiles,
    notifier: FakeNotifier,
) -> None:
    first = _build(qtbot, [], settings, files, notifier)
    first.close()
    default = data_dir / "catalogue.aidb"
    with Catalogue.open(default) as catalogue:
        lt = catalogue.add_organisation(Organisation(name="Latvia"))
        catalogue.add_record(AidRecord(title="Added between launches", donor_id=lt.id))
    before = sha256(default)
    second = _build(qtbot, [], settings, files, notifier)
    assert "Added between launches" in _titles(second)
    assert len(_titles(second)) == 11
    assert notifier.errors == []
    second.close()
    assert sha256(default) == before  # opened, not made again


def test_a_file_argument_opens_that_file(
    qtbot: QtBot,
    data_dir: Path,
    settings: Settings,
    files: FakeFiles,
    notifier: FakeNotifier,
    empty_path: Path,
) -> None:
    window = _build(qtbot, [str(empty_path)], settings, files, notifier)
    assert window.windowTitle() == "empty — aidviewer"
    assert not data_dir.exists()  # the default catalogue is left alone


def test_a_bad_file_argument_shows_the_sentence_and_the_empty_window(
    qtbot: QtBot,
    data_dir: Path,
    settings: Settings,
    files: FakeFiles,
    notifier: FakeNotifier,
    tmp_path: Path,
) -> None:
    bad = tmp_path / "notes.aidb"
    bad.write_text("not a catalogue\n", encoding="utf-8")
    window = _build(qtbot, [str(bad)], settings, files, notifier)
    assert notifier.messages == ["The file “notes.aidb” is not an aidviewer catalogue."]
    assert window.isVisible()
    assert window.stack.currentWidget() is window.empty_state
    assert window.windowTitle() == "aidviewer"


def test_a_damaged_default_catalogue_is_reported_not_replaced(
    qtbot: QtBot,
    data_dir: Path,
    settings: Settings,
    files: FakeFiles,
    notifier: FakeNotifier,
) -> None:
    data_dir.mkdir(parents=True)
    default = data_dir / "catalogue.aidb"
    default.write_bytes(b"")
    window = _build(qtbot, [], settings, files, notifier)
    assert notifier.messages == ["The file “catalogue.aidb” is empty: it is not a catalogue."]
    assert default.read_bytes() == b""
    assert window.stack.currentWidget() is window.empty_state


def test_an_unmakeable_data_folder_is_reported(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    files: FakeFiles,
    notifier: FakeNotifier,
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(app.DATA_DIR_VARIABLE, str(blocker / "aidviewer"))
    window = _build(qtbot, [], settings, files, notifier)
    assert len(notifier.messages) == 1
    assert notifier.messages[0].startswith("The folder “")
    assert "could not be made" in notifier.messages[0]
    assert window.stack.currentWidget() is window.empty_state


def test_default_folder_is_the_platform_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(app.DATA_DIR_VARIABLE, raising=False)
    expected = platformdirs.user_data_path("aidviewer", appauthor=False)
    assert app.default_catalogue_path() == expected / "catalogue.aidb"
    monkeypatch.setenv(app.DATA_DIR_VARIABLE, "/somewhere/else")
    assert app.default_catalogue_path() == Path("/somewhere/else/catalogue.aidb")


def test_the_gui_script_runs(tmp_path: Path) -> None:
    """main() builds the application; --version answers before any window opens."""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        app.DATA_DIR_VARIABLE: str(tmp_path / "data"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from aidviewer.app import main; sys.exit(main())",
            "--version",
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"aidviewer {__version__}"
    assert not (tmp_path / "data").exists()


def test_main_opens_the_window_and_quits_cleanly(tmp_path: Path) -> None:
    """The whole entry point in a child process: default catalogue made, window shown,
    settings written under XDG_CONFIG_HOME (never the user's own), exit code 0."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "import aidviewer.app as app\n"
        "build = app.build_window\n"
        "def build_and_quit(*args, **kwargs):\n"
        "    window = build(*args, **kwargs)\n"
        "    print(window.windowTitle(), window.records.rowCount(), flush=True)\n"
        "    QTimer.singleShot(0, window.close)\n"
        "    return window\n"
        "app.build_window = build_and_quit\n"
        "sys.exit(app.main())\n"
    )
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        app.DATA_DIR_VARIABLE: str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "catalogue — aidviewer 10"
    assert (tmp_path / "data" / "catalogue.aidb").is_file()
    written = tmp_path / "config" / "aidviewer" / "aidviewer.conf"
    assert written.is_file()
    assert "geometry" in written.read_text(encoding="utf-8")


def test_broken_sample_is_one_sentence_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aidviewer.sample as sample
    from aidviewer.app import ensure_default_catalogue
    from aidviewer.store import CatalogueError

    broken = tmp_path / "broken.toml"
    broken.write_text("[[record]]\ntitle = ", encoding="utf-8")  # not TOML
    monkeypatch.setattr(sample, "SAMPLE_FILE", broken)
    monkeypatch.setattr(sample.fill_sample, "__defaults__", (broken,))
    monkeypatch.setenv("AIDVIEWER_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(CatalogueError, match="could not be made from the sample content"):
        ensure_default_catalogue()
    assert list((tmp_path / "data").iterdir()) == []  # nothing half-made left behind
