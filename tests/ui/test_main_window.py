"""The main window on real catalogue files: what it shows, and File > New, Open Recent,
Close and Quit."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMenu, QProgressDialog, QTableView
from pytestqt.qtbot import QtBot
from window_helpers import FakeFiles, FakeNotifier, WindowFactory, sha256

from aidviewer.models import Column, MeetingColumn
from aidviewer.store import AidRecord, Catalogue, Meeting, Money, Organisation, RecordQuery
from aidviewer.ui.actions import ActionId
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.settings import Settings


def _cells(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _file_action(window: MainWindow, name: str):
    """An action as the person finds it: in the File menu of the menu bar."""
    menu = window.menuBar().findChild(QMenu, "file_menu")
    assert menu is not None
    for action in menu.actions():
        if action.objectName() == f"action_{name}":
            return action
    raise AssertionError(f"no {name} in the File menu")


def test_shows_the_sample_records_and_meetings(make_window: WindowFactory, sample_path: Path):
    window = make_window()
    assert window.open_catalogue(sample_path)
    view = window.catalogue_view
    assert window.stack.currentWidget() is view
    with Catalogue.open(sample_path) as catalogue:
        expected_titles = [r.title for r in catalogue.record_summaries()]
        expected_meetings = [m.title for m in catalogue.meeting_summaries()]
    titles = _cells(view.records_view, Column.TITLE)
    assert titles == expected_titles
    assert "NASAMS launchers and equipment" in titles
    assert _cells(view.meetings_view, MeetingColumn.TITLE) == expected_meetings
    assert "Anušauskas meets President Zelensky in Kyiv" in expected_meetings
    assert view.current_page() == "records"
    assert view.navigator.current() == ("page", "records")
    assert not view.notice.isVisibleTo(window)


def test_tables_are_sortable_whole_row_and_edited_only_by_f2(
    make_window: WindowFactory, sample_path: Path
):
    window = make_window()
    window.open_catalogue(sample_path)
    for view in window.catalogue_view.tables().values():
        assert view.isSortingEnabled()
        assert view.alternatingRowColors()
        assert view.selectionBehavior() == QTableView.SelectionBehavior.SelectRows
        # Double-click opens the form; typing searches; F2 alone edits a cell.
        assert view.editTriggers() == QTableView.EditTrigger.EditKeyPressed
    records = window.catalogue_view.records_view
    # Source (id) order until a header is clicked.
    assert (
        _cells(records, Column.TITLE)[0]
        == "Lithuania's military assistance to Ukraine, total to date"
    )
    records.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    titles = _cells(records, Column.TITLE)
    assert titles == sorted(titles, key=str.casefold)
    header = records.horizontalHeader()
    assert header.sectionSize(Column.TITLE) > header.sectionSize(Column.AID_TYPE)


def test_columns_fit_their_contents_when_first_seen(
    qtbot: QtBot, make_window: WindowFactory, sample_path: Path
):
    window = make_window()
    window.resize(1280, 700)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.open_catalogue(sample_path)
    meetings = window.catalogue_view.meetings_view
    window.catalogue_view.show_page("meetings")
    longest_title = "Anušauskas meets President Zelensky in Kyiv"
    header = meetings.horizontalHeader()
    needed = meetings.fontMetrics().horizontalAdvance(longest_title)
    assert header.sectionSize(MeetingColumn.TITLE) >= needed
    # The last column stretches to the edge rather than leaving a blank strip.
    assert header.length() == meetings.viewport().width()
    # Every column of the records table fits the window: no scrolling to see the value.
    records = window.catalogue_view.records_view
    total = sum(records.horizontalHeader().sectionSize(c) for c in Column)
    assert total <= records.viewport().width()
    assert records.horizontalScrollBar().maximum() == 0
    value_width = records.horizontalHeader().sectionSize(Column.VALUE_EUR)
    assert value_width >= records.fontMetrics().horizontalAdvance("€500,000,000.00")


def test_title_names_the_catalogue(make_window: WindowFactory, sample_path: Path):
    window = make_window()
    assert window.windowTitle() == "aidviewer"
    window.open_catalogue(sample_path)
    assert window.windowTitle() == "sample — aidviewer"


def test_status_bar_matches_the_store_totals(make_window: WindowFactory, sample_path: Path):
    window = make_window()
    window.open_catalogue(sample_path)
    with Catalogue.open(sample_path) as catalogue:
        count, cents = catalogue.totals()
        meetings = len(catalogue.meeting_summaries())
    assert (count, cents, meetings) == (10, 50_000_000_000, 2)
    assert window.records_status.text() == "10 records · €500,000,000.00"
    assert window.meetings_status.text() == "2 meetings"
    assert window.records_status.textFormat() == Qt.TextFormat.PlainText


def test_status_bar_singular(make_window: WindowFactory, empty_path: Path):
    with Catalogue.open(empty_path) as catalogue:
        catalogue.add_record(AidRecord(title="One", money=Money.eur(12_345)))
        catalogue.add_meeting(Meeting(title="Only", starts_at="2024-01-02"))
    window = make_window()
    window.open_catalogue(empty_path)
    assert window.records_status.text() == "1 record · €123.45"
    assert window.meetings_status.text() == "1 meeting"


def test_file_new_creates_and_shows_an_empty_catalogue(
    make_window: WindowFactory, files: FakeFiles, sample_path: Path, tmp_path: Path
):
    window = make_window()
    window.open_catalogue(sample_path)
    files.save_answers.append(tmp_path / "briefing")  # the suffix is added
    _file_action(window, "new").trigger()
    created = tmp_path / "briefing.aidb"
    assert created.is_file()
    assert window.catalogue is not None and window.catalogue.path == created
    assert window.windowTitle() == "briefing — aidviewer"
    assert window.catalogue_view.records_view.model().rowCount() == 0
    assert window.catalogue_view.meetings_view.model().rowCount() == 0
    assert window.records_status.text() == "0 records · €0.00"
    with Catalogue.open(created) as catalogue:
        assert catalogue.counts()["records"] == 0


def test_file_new_refuses_an_existing_file_and_keeps_the_catalogue(
    make_window: WindowFactory,
    files: FakeFiles,
    notifier: FakeNotifier,
    sample_path: Path,
    empty_path: Path,
):
    window = make_window()
    window.open_catalogue(sample_path)
    before = sha256(empty_path)
    files.save_answers.append(empty_path)
    assert not window.new_catalogue()
    assert notifier.messages == ["“empty.aidb” already exists: choose another name."]
    assert window.windowTitle() == "sample — aidviewer"
    assert sha256(empty_path) == before


def test_cancelled_dialogs_change_nothing(
    make_window: WindowFactory, files: FakeFiles, notifier: FakeNotifier, sample_path: Path
):
    window = make_window()
    window.open_catalogue(sample_path)
    files.open_answers.append(None)
    files.save_answers.append(None)
    _file_action(window, "open").trigger()
    _file_action(window, "new").trigger()
    assert files.asked == ["open", "save"]
    assert window.windowTitle() == "sample — aidviewer"
    assert notifier.errors == []


def test_file_open_replaces_the_catalogue(
    make_window: WindowFactory, files: FakeFiles, sample_path: Path, empty_path: Path
):
    window = make_window()
    window.open_catalogue(sample_path)
    old = window.catalogue
    files.open_answers.append(empty_path)
    _file_action(window, "open").trigger()
    assert window.windowTitle() == "empty — aidviewer"
    assert window.catalogue_view.records_view.model().rowCount() == 0
    assert old is not None
    with pytest.raises(sqlite3.ProgrammingError, match="closed database"):
        old.totals()  # the previous catalogue's connection is closed


def _recent_entries(window: MainWindow) -> list[tuple[str, bool]]:
    window.recent_menu.aboutToShow.emit()
    return [(a.data(), a.isEnabled()) for a in window.recent_menu.file_actions()]


def test_open_recent_lists_opened_files(
    make_window: WindowFactory,
    sample_path: Path,
    empty_path: Path,
    settings_path: Path,
):
    window = make_window()
    assert _recent_entries(window) == []
    window.open_catalogue(sample_path)
    window.open_catalogue(empty_path)
    assert _recent_entries(window) == [(str(empty_path), True), (str(sample_path), True)]
    assert window.recent_menu.file_actions()[0].text() == "&1 empty.aidb"
    # Choosing an entry opens it and moves it to the top.
    window.recent_menu.file_actions()[1].trigger()
    assert window.windowTitle() == "sample — aidviewer"
    assert _recent_entries(window) == [(str(sample_path), True), (str(empty_path), True)]
    # Remembered between runs.
    again = Settings(QSettings(str(settings_path), QSettings.Format.IniFormat))
    assert again.recent_files() == [sample_path, empty_path]


def test_open_recent_disables_missing_files_and_clears(
    make_window: WindowFactory, sample_path: Path, empty_path: Path
):
    window = make_window()
    window.open_catalogue(empty_path)
    window.open_catalogue(sample_path)
    empty_path.unlink()
    assert _recent_entries(window) == [(str(sample_path), True), (str(empty_path), False)]
    clear = window.action(ActionId.CLEAR_RECENT)
    assert clear in window.recent_menu.actions() and clear.isEnabled()
    clear.trigger()
    assert _recent_entries(window) == []
    assert not clear.isEnabled()
    assert window.settings.recent_files() == []


def test_open_recent_keeps_at_most_ten(make_window: WindowFactory, tmp_path: Path):
    window = make_window()
    paths = []
    for number in range(12):
        path = tmp_path / f"c{number:02d}.aidb"
        Catalogue.create(path).close()
        paths.append(path)
        assert window.open_catalogue(path)
    entries = _recent_entries(window)
    assert [Path(p) for p, _ in entries] == list(reversed(paths))[:10]


def test_close_shows_the_empty_state(
    make_window: WindowFactory, files: FakeFiles, sample_path: Path, tmp_path: Path
):
    window = make_window()
    window.open_catalogue(sample_path)
    close = _file_action(window, "close")
    assert close.isEnabled()
    close.trigger()
    assert window.catalogue is None
    assert window.stack.currentWidget() is window.empty_state
    assert window.empty_state.isVisible()
    assert window.windowTitle() == "aidviewer"
    assert window.records.rowCount() == 0 and window.meetings.rowCount() == 0
    assert window.records_status.text() == ""
    assert not close.isEnabled()
    heading_texts = [label.text() for label in window.empty_state.findChildren(QLabel)]
    assert "No catalogue is open" in heading_texts
    # The empty state's buttons lead to Open and New.
    files.open_answers.append(sample_path)
    window.empty_state.open_button.click()
    assert window.windowTitle() == "sample — aidviewer"
    close.trigger()
    files.save_answers.append(tmp_path / "fresh.aidb")
    window.empty_state.new_button.click()
    assert window.windowTitle() == "fresh — aidviewer"


def test_starts_with_the_empty_state(make_window: WindowFactory):
    window = make_window()
    assert window.stack.currentWidget() is window.empty_state
    assert not window.action(ActionId.CLOSE).isEnabled()


def test_read_only_shows_a_notice(make_window: WindowFactory, sample_path: Path):
    window = make_window()
    assert window.open_catalogue(sample_path, read_only=True)
    assert window.catalogue is not None and window.catalogue.read_only
    notice = window.catalogue_view.notice
    assert notice.isVisible()
    assert notice.textFormat() == Qt.TextFormat.PlainText
    assert notice.text() == "Read-only: you can browse and print this catalogue, not change it."
    assert window.windowTitle() == "sample [read-only] — aidviewer"
    # Browsing still works.
    assert window.catalogue_view.records_view.model().rowCount() == 10
    # A writable catalogue afterwards hides the notice again.
    window.open_catalogue(sample_path)
    assert not notice.isVisible()
    assert window.windowTitle() == "sample — aidviewer"


def test_user_text_is_shown_as_text(make_window: WindowFactory, tmp_path: Path):
    path = tmp_path / "<b>bold<i> [*].aidb"
    with Catalogue.create(path) as catalogue:
        lt = catalogue.add_organisation(Organisation(name="<img src='file:///etc/passwd'>"))
        catalogue.add_record(AidRecord(title="<i>x</i>", donor_id=lt.id))
    window = make_window()
    assert window.open_catalogue(path)
    # As drawn: "[*]" in a name is not taken for Qt's modified-marker placeholder.
    assert window.windowHandle().title() == "<b>bold<i> [*] — aidviewer"
    records = window.catalogue_view.records_view
    assert _cells(records, Column.TITLE) == ["<i>x</i>"]
    assert _cells(records, Column.DONOR) == ["<img src='file:///etc/passwd'>"]
    for label in window.findChildren(QLabel):
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_geometry_and_columns_are_remembered(
    qtbot: QtBot, make_window: WindowFactory, sample_path: Path, settings_path: Path
):
    window = make_window()
    window.open_catalogue(sample_path)
    window.resize(700, 510)
    qtbot.waitUntil(lambda: window.size().width() == 700)
    header = window.catalogue_view.records_view.horizontalHeader()
    header.resizeSection(Column.DONOR, 123)
    window.catalogue_view.records_view.sortByColumn(Column.VALUE_EUR, Qt.SortOrder.DescendingOrder)
    window.close()
    assert settings_path.is_file()

    again = make_window(Settings(QSettings(str(settings_path), QSettings.Format.IniFormat)))
    assert (again.width(), again.height()) == (700, 510)
    again.open_catalogue(sample_path)
    view = again.catalogue_view.records_view
    assert view.horizontalHeader().sectionSize(Column.DONOR) == 123
    assert view.horizontalHeader().sortIndicatorSection() == Column.VALUE_EUR
    # The restored sort is applied, not only drawn.
    assert _cells(view, Column.VALUE_EUR)[0] == "€500,000,000.00"


def test_quit_closes_the_window_and_the_catalogue(make_window: WindowFactory, sample_path: Path):
    window = make_window()
    window.open_catalogue(sample_path)
    catalogue = window.catalogue
    assert catalogue is not None
    _file_action(window, "quit").trigger()
    assert not window.isVisible()
    assert window.catalogue is None
    with pytest.raises(sqlite3.ProgrammingError, match="closed database"):
        catalogue.totals()


def test_a_big_catalogues_sum_is_made_off_the_window_thread(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    """Above SUM_AT_ONCE records, the status bar says "…" for the sum and fills it in
    when the worker has made it; a sum made for a query the table has left is dropped."""
    window = make_window()
    window.SUM_AT_ONCE = 0  # the sample's 10 records count as a big catalogue here
    assert window.open_catalogue(sample_path)
    assert window.records_status.text() == "10 records · …"
    qtbot.waitUntil(lambda: window.records_status.text() == "10 records · €500,000,000.00")
    page = window.catalogue_view.records_page
    with qtbot.waitSignal(page.model.queryChanged, timeout=3000):
        qtbot.keyClicks(page.filter_bar.search, "all-terr")
    assert window.records_status.text() == "1 of 10 records · …"
    qtbot.waitUntil(lambda: window.records_status.text() == "1 of 10 records · €0.00")
    # A late answer for the unfiltered table is refused: it is not what is shown.
    assert not window.records.set_value_cents(RecordQuery(), 50_000_000_000)
    assert window.records_status.text() == "1 of 10 records · €0.00"


def test_a_catalogue_is_opened_off_the_window_thread_with_progress(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening may take minutes (an older catalogue is backed up and updated first): it
    runs on a thread of its own, the window's timers go on, and after half a second a
    progress dialog names the file. Held back here until the window has beaten 60 times
    (were it opened on the window's thread, no beat would come while it is held)."""
    release = threading.Event()
    real = Catalogue.open.__func__  # type: ignore[attr-defined]
    opened_on: list[threading.Thread] = []

    def held(cls: type[Catalogue], *args: Any, **kwargs: Any) -> Catalogue:
        opened_on.append(threading.current_thread())
        release.wait(20)
        return real(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Catalogue, "open", classmethod(held))
    window = make_window()
    beats: list[int] = []
    dialogs: list[str] = []

    def beat() -> None:
        beats.append(1)
        shown = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        dialogs.extend(d.labelText() for d in shown)
        if len(beats) >= 60:
            release.set()

    timer = QTimer()
    timer.timeout.connect(beat)
    timer.start(10)
    assert window.open_catalogue(sample_path)
    timer.stop()
    assert len(beats) >= 60
    assert opened_on and opened_on[0] is not threading.main_thread()
    assert "Opening “sample.aidb”…" in dialogs
    assert window.records.rowCount() == 10
