"""Long work never freezes the window: opening a big catalogue, File > Import…, the
backups made by themselves and Help > Check Catalogue run their slow part away from the
window's thread, which goes on handling events (a timer keeps beating) while it runs.

Each test holds the work at a point in its middle (a function it calls waits on a
threading.Event), sees the window's timer beat while it is held and what the window shows
meanwhile, then lets it go and checks what the work did. No test measures time: how long
the window may pause is shown by `make bench` (benchmarks/responsiveness.py). Work that
ran on the window's thread would stop the window at the hold, so that no test code could
run to let it go; a watchdog lets it go after WATCHDOG_SECONDS, and the test then fails.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

import aidviewer.store.backup as store_backup
import aidviewer.store.catalogue as store_catalogue
from aidviewer.store import Catalogue, RecordQuery
from aidviewer.store.backup import AUTO, CLOSE, list_backups
from aidviewer.ui import import_wizard
from aidviewer.ui.actions import ActionId
from aidviewer.ui.import_wizard import ImportWizard
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.settings import Settings

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

# Far longer than any held work waits for the test to let it go; only work stuck on the
# window's thread (which no test code can reach) waits this long.
WATCHDOG_SECONDS = 20.0
BEATS = 5  # the window's timer beats seen while the work is held
ROWS = 300  # in the CSV imported


class Held:
    """A point in a worker's middle where it waits until the test lets it go, and a
    10 ms timer on the window's thread that counts the beats while it waits there."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self._release = threading.Event()
        self.holding = False
        self.thread: threading.Thread | None = None
        self.watchdog_fired = False
        self.beats = 0
        self._watchdog = threading.Timer(WATCHDOG_SECONDS, self._fire)
        self._watchdog.daemon = True
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._beat)
        self.timer.start()

    def _beat(self) -> None:
        if self.holding:  # the timer runs only when the window's event loop does
            self.beats += 1

    def _fire(self) -> None:
        self.watchdog_fired = True
        self._release.set()

    def wait_here(self) -> None:
        """Called by the work: the first call waits until `let_go` (or the watchdog);
        later calls go straight on."""
        if self.reached.is_set():
            return
        self.thread = threading.current_thread()
        self.holding = True
        self.reached.set()
        self._watchdog.start()
        self._release.wait()
        self.holding = False

    def let_go(self) -> None:
        self._watchdog.cancel()
        self._release.set()

    def assert_window_runs(self, qtbot: QtBot, what: str) -> None:
        """The work reached the hold, on a thread of its own, and the window's timer
        beat BEATS times while it was held there."""
        qtbot.waitUntil(self.reached.is_set, timeout=int(WATCHDOG_SECONDS * 1000) + 10_000)
        if self.thread is threading.main_thread() or self.watchdog_fired:
            pytest.fail(
                f"{what} ran on the window's thread: the window stopped at the hold until"
                f" the watchdog let it go after {WATCHDOG_SECONDS:.0f} s"
            )
        qtbot.waitUntil(lambda: self.beats >= BEATS, timeout=10_000)
        assert self.holding, f"{what} went on before it was let go"

    def stop(self) -> None:
        self.timer.stop()
        self.let_go()


@pytest.fixture
def held(qtbot: QtBot) -> Iterator[Held]:
    hold = Held()
    yield hold
    # Also when the test failed: nothing stays held (the watchdog bounds it anyway).
    hold.stop()


def _hold_inside(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, hold: Held
) -> Callable[..., Any]:
    """Make `owner.name` wait at `hold` before doing what it does; returns the original."""
    original = getattr(owner, name)

    def waiting(*args: Any, **kwargs: Any) -> Any:
        hold.wait_here()
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, waiting)
    return original


def _record_count(path: Path) -> int:
    with Catalogue.open(path, read_only=True) as catalogue:
        return catalogue.counts()["records"]


# -- opening ---------------------------------------------------------------------------------


def test_the_directory_pages_are_read_when_first_shown(
    make_window: WindowFactory, sample_path: Path
) -> None:
    """Opening a catalogue does not wait for the people, organisations and tags lists
    (tens of thousands of organisations in a catalogue of a million records)."""
    window = make_window()
    assert window.open_catalogue(sample_path)
    view = window.catalogue_view

    def rows() -> dict[str, int]:
        return {name: page.model.rowCount() for name, page in view.directory.items()}

    assert rows() == {"people": 0, "organisations": 0, "tags": 0}
    view.show_page("organisations")
    assert rows() == {"people": 0, "organisations": 5, "tags": 0}
    view.show_page("people")
    view.show_page("tags")
    assert rows() == {"people": 3, "organisations": 5, "tags": 7}


def test_a_catalogue_is_read_while_the_window_shows_that_it_opens(
    make_window: WindowFactory,
    sample_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    held: Held,
) -> None:
    """Opening a file (which updates one of an older version, after backing it up, and
    may wait for a colleague's save) happens away from the window's thread."""
    _hold_inside(monkeypatch, Catalogue, "open", held)
    window = make_window()
    seen: dict[str, Any] = {}

    def waiting() -> list[str]:
        return [d.labelText() for d in window.findChildren(QProgressDialog) if d.isVisible()]

    def while_held() -> None:  # inside open_catalogue, which runs the window's events
        try:
            held.assert_window_runs(qtbot, "Opening a catalogue")
            qtbot.waitUntil(lambda: bool(waiting()), timeout=10_000)  # after a moment
            seen["shown while held"] = (waiting(), window.catalogue)
        except BaseException as error:  # raised again below, once the opening returned
            seen["failure"] = error
        finally:
            seen["done"] = True
            held.let_go()

    QTimer.singleShot(0, while_held)
    assert window.open_catalogue(sample_path)
    qtbot.waitUntil(lambda: "done" in seen)
    if "failure" in seen:
        raise seen["failure"]
    assert seen["shown while held"] == (["Opening “sample.aidb”…"], None)
    assert window.catalogue is not None and window.records.rowCount() == 10


def test_a_big_catalogue_is_shown_while_it_is_checked(
    make_window: WindowFactory,
    sample_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    notifier: FakeNotifier,
    held: Held,
) -> None:
    # Every file counts as too big to check before it is shown.
    monkeypatch.setattr(store_catalogue, "QUICK_CHECK_MAX_BYTES", 0)
    _hold_inside(monkeypatch, Catalogue, "verify", held)
    window = make_window()
    assert window.open_catalogue(sample_path)  # returns while the file is being checked
    held.assert_window_runs(qtbot, "The check of a big catalogue on opening")
    assert window.catalogue is not None and not window.catalogue.checked
    assert window.records.rowCount() == 10  # its records are shown meanwhile
    assert window.records_status.text().startswith("10 records")
    held.let_go()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    QApplication.processEvents()  # the check's answer, queued to the window before it ended
    assert notifier.errors == []  # the sample is sound: nothing to say
    assert not window.catalogue_view.notice.isVisible()


# -- File > Import… ------------------------------------------------------------------------


@pytest.mark.parametrize("phase", ["check", "import"])
def test_an_import_is_checked_and_saved_while_the_window_runs(
    phase: str,
    make_window: WindowFactory,
    sample_path: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    held: Held,
) -> None:
    """The wizard's check (`phase` "check") or its import ("import") held halfway
    through the file."""
    source = tmp_path / "generators.csv"
    lines = "".join(f"Generators for hospital {n},Norway,{1000 + n}\r\n" for n in range(ROWS))
    source.write_text("Title,Donor,Value (EUR)\r\n" + lines, encoding="utf-8")
    import_items = import_wizard.import_items

    def held_halfway(catalogue: Catalogue, events: Any, **options: Any) -> Any:
        def events_held() -> Iterator[Any]:
            for number, event in enumerate(events):
                if number == ROWS // 2 and options.get("dry_run") == (phase == "check"):
                    held.wait_here()
                yield event

        return import_items(catalogue, events_held(), **options)

    monkeypatch.setattr(import_wizard, "import_items", held_halfway)
    window: MainWindow = make_window()
    assert window.open_catalogue(sample_path)
    seen: dict[str, Any] = {}

    def while_held(wizard: ImportWizard) -> None:
        held.assert_window_runs(qtbot, f"The import wizard's {phase}")
        page = wizard.currentPage()
        seen["shown while held"] = (
            wizard.isVisible(),
            page is (wizard.check_page if phase == "check" else wizard.import_page),
            page.progress.isVisible(),  # type: ignore[attr-defined]
            page.cancel.isEnabled(),  # type: ignore[attr-defined]
            page.isComplete(),
        )
        held.let_go()

    def steps(wizard: ImportWizard) -> None:
        wizard.file_page.path.setText(str(source))
        wizard.next()  # the columns, matched from the headers
        wizard.next()  # the check
        if phase == "check":
            while_held(wizard)
        qtbot.waitUntil(wizard.currentPage().isComplete, timeout=30_000)
        seen["check"] = wizard.check_page.report.toPlainText()
        wizard.next()  # the import
        if phase == "import":
            while_held(wizard)
        qtbot.waitUntil(wizard.currentPage().isComplete, timeout=30_000)
        seen["import"] = wizard.import_page.report.toPlainText()
        wizard.accept()

    def run() -> None:
        wizard = QApplication.activeModalWidget()
        try:
            assert isinstance(wizard, ImportWizard)
            steps(wizard)
        except BaseException as error:  # raised again below, once the wizard is closed
            seen["failure"] = error
        finally:
            if wizard is not None and wizard.isVisible():
                wizard.reject()

    imported: list[Any] = []
    window.data.imported.connect(imported.append)
    QTimer.singleShot(0, run)
    window.action(ActionId.IMPORT).trigger()  # returns when the wizard has closed
    if "failure" in seen:
        raise seen["failure"]
    assert seen.get("shown while held") == (True, True, True, True, False)
    assert seen["check"].startswith(f"Would import {ROWS} records, update 0")
    assert seen["import"].startswith(f"Imported {ROWS} records, updated 0")
    assert [summary.imported for summary in imported] == [ROWS]
    assert _record_count(sample_path) == 10 + ROWS
    assert window.records.rowCount() == 10 + ROWS
    assert window.editor.stack.undoText() == "Import “generators.csv”"


# -- backups made by themselves --------------------------------------------------------------


@pytest.fixture
def backing_up(settings: Settings) -> Settings:
    settings.set_automatic_backups(True)
    return settings


def test_the_backup_on_opening_is_made_while_the_window_runs(
    make_window: WindowFactory,
    backing_up: Settings,
    sample_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    held: Held,
) -> None:
    _hold_inside(monkeypatch, store_backup, "_copy", held)  # while its pages are copied
    window = make_window()
    made: list[tuple[str, str]] = []
    window.backups.backedUp.connect(lambda path, error: made.append((path, error)))
    assert window.open_catalogue(sample_path)  # returns while the backup is being made
    held.assert_window_runs(qtbot, "The backup on opening")
    assert window.records.rowCount() == 10 and made == []
    with qtbot.waitSignal(window.backups.backedUp, timeout=30_000):
        held.let_go()
    assert made == [(str(sample_path), "")]
    (backup,) = list_backups(sample_path, check=True)  # quick_check of the file too
    assert (backup.kind, backup.records, backup.meetings, backup.problem) == (AUTO, 10, 2, "")


def test_the_backup_on_closing_a_changed_catalogue_is_made_while_the_window_runs(
    make_window: WindowFactory,
    backing_up: Settings,
    sample_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    held: Held,
) -> None:
    window = make_window()
    with qtbot.waitSignal(window.backups.backedUp, timeout=30_000):
        assert window.open_catalogue(sample_path)  # the day's backup, made on opening
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        record = catalogue.record(catalogue.record_ids(RecordQuery())[0])
    assert window.editor.edit_record(record, dataclasses.replace(record, title="Changed"))
    _hold_inside(monkeypatch, store_backup, "_copy", held)
    made: list[str] = []
    window.backups.backedUp.connect(lambda path, error: made.append(error))
    window.action(ActionId.CLOSE).trigger()  # File > Close: the change is backed up
    held.assert_window_runs(qtbot, "The backup on closing a changed catalogue")
    held.let_go()
    qtbot.waitUntil(lambda: made == [""], timeout=30_000)
    backups = list_backups(sample_path, check=True)
    assert [(b.kind, b.records, b.problem) for b in backups] == [(AUTO, 10, ""), (CLOSE, 10, "")]
    with Catalogue.open(backups[-1].path, read_only=True) as copy:
        assert copy.record(record.id).title == "Changed"


# -- Help > Check Catalogue ------------------------------------------------------------------


def test_check_catalogue_runs_while_the_window_shows_its_progress(
    make_window: WindowFactory,
    sample_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    notifier: FakeNotifier,
    held: Held,
) -> None:
    _hold_inside(monkeypatch, Catalogue, "check", held)
    window = make_window()
    assert window.open_catalogue(sample_path)
    window.action(ActionId.CHECK).trigger()
    held.assert_window_runs(qtbot, "Help > Check Catalogue")
    progress = window.findChild(QProgressDialog, "check_progress")
    assert progress is not None
    qtbot.waitUntil(progress.isVisible, timeout=10_000)  # once its minimum duration passed
    assert held.holding and notifier.infos == []
    with qtbot.waitSignal(window.help.checked, timeout=30_000) as done:
        held.let_go()
    report = done.args[0]
    assert report is not None and report.sound
    assert (report.counts["records"], report.counts["meetings"]) == (10, 2)
    assert notifier.errors == []
    assert notifier.infos == [
        (
            "Catalogue checked",
            "“sample.aidb” is sound: 10 records, 2 meetings, every link and index in order.",
        )
    ]
    qtbot.waitUntil(lambda: not progress.isVisible())
