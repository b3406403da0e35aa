"""Print and Print Preview never freeze the window: a long report is laid out a piece at
a time and painted a page at a time on the window's thread, with the window's events
and Cancel between the steps; what comes out is what the report painted in one go
gives."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer.printing.document import ReportDocument
from aidviewer.reports.content import ReportKind
from aidviewer.reports.render import ReportOptions
from aidviewer.store import AidRecord, Catalogue
from aidviewer.ui import report_actions
from aidviewer.ui.actions import ActionId
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.report_dialog import Coverage, ReportRequest

pytestmark = [
    pytest.mark.skipif(
        shutil.which("pdftoppm") is None,
        reason="pdftoppm (poppler-utils) is not installed: .ci/run installs it",
    ),
    pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)"),
]


def _window(make_window: WindowFactory, path: Path, kind: ReportKind) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(path)
    window.settings.set_staff_name("Rasa")
    request = ReportRequest(ReportOptions(kind=kind), coverage=Coverage.ALL)
    window.reports.ask_report = lambda *args, **kwargs: request
    return window


def _to_file(target: Path) -> Any:
    def ask(parent: Any, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    return ask


def _pages(path: Path, folder: Path) -> list[bytes]:
    """The PDF's pages as pictures (dates and ids inside a PDF differ, pixels do not)."""
    folder.mkdir()
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(folder / "p")], check=True)
    return [page.read_bytes() for page in sorted(folder.iterdir())]


@pytest.fixture
def long_path(empty_path: Path) -> Path:
    with Catalogue.open(empty_path) as catalogue, catalogue.batch():
        for number in range(240):
            catalogue.add_record(
                AidRecord(title=f"Record {number} " + "word " * (number % 17), quantity=number)
            )
    return empty_path


def test_the_window_runs_while_the_report_is_laid_out_and_painted(
    make_window: WindowFactory,
    long_path: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(make_window, long_path, ReportKind.LIST)
    target = tmp_path / "printed.pdf"
    window.reports.ask_printer = _to_file(target)
    ticks: list[str] = []
    phase = ["idle"]
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: ticks.append(phase[0]))  # only when the loop runs
    lay_out, paint = ReportDocument.lay_out, ReportDocument.paint

    def laying_out(document: ReportDocument, *args: Any) -> int:
        phase[0] = "lay_out"
        try:
            return lay_out(document, *args)
        finally:
            phase[0] = "idle"

    def painting(document: ReportDocument, *args: Any) -> int:
        phase[0] = "paint"
        try:
            return paint(document, *args)
        finally:
            phase[0] = "idle"

    monkeypatch.setattr(ReportDocument, "lay_out", laying_out)
    monkeypatch.setattr(ReportDocument, "paint", painting)
    heartbeat.start(0)
    with qtbot.waitSignal(window.reports.printed, timeout=60_000) as done:
        window.action(ActionId.PRINT).trigger()
    heartbeat.stop()
    # 240 rows are three pieces, and the pages are several: the window ran between them.
    assert ticks.count("lay_out") >= 2
    assert ticks.count("paint") >= 2
    assert done.args[0] >= 2 and target.stat().st_size > 0
    assert not window.reports.busy()


@pytest.mark.parametrize("kind", [ReportKind.LIST, ReportKind.SUMMARY])
def test_the_window_prints_what_the_report_painted_in_one_go_gives(
    make_window: WindowFactory, long_path: Path, tmp_path: Path, qtbot: QtBot, kind: ReportKind
) -> None:
    window = _window(make_window, long_path, kind)
    stepped = tmp_path / "stepped.pdf"
    window.reports.ask_printer = _to_file(stepped)
    with qtbot.waitSignal(window.reports.printed, timeout=60_000):
        window.action(ActionId.PRINT).trigger()
    # The same report, laid out and painted in one go, with no window in between.
    in_one_go = tmp_path / "one_go.pdf"
    catalogue = window.catalogue
    assert catalogue is not None
    request = ReportRequest(ReportOptions(kind=kind), coverage=Coverage.ALL)
    prepared = window.reports._read(catalogue, request)
    assert prepared is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _to_file(in_one_go)(None, printer)
    document = prepared.document()
    document.paint(printer)
    del printer  # the file is closed
    ours, theirs = _pages(stepped, tmp_path / "a"), _pages(in_one_go, tmp_path / "b")
    assert len(ours) == len(theirs) >= 1
    assert ours == theirs


def test_a_print_cancelled_while_laid_out_prints_nothing(
    make_window: WindowFactory,
    long_path: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(make_window, long_path, ReportKind.LIST)
    target = tmp_path / "printed.pdf"
    window.reports.ask_printer = _to_file(target)
    lay_out = ReportDocument.lay_out
    pieces: list[tuple[int, int]] = []

    def cancelled_at_once(document: ReportDocument, resolution: int, going_on: Any) -> int:
        def pressing_cancel(done: int, total: int) -> bool:
            pieces.append((done, total))
            progress = window.findChild(QProgressDialog, "report_layout")
            assert progress is not None
            progress.cancel()  # as Cancel is pressed after the first piece
            return bool(going_on(done, total))

        return lay_out(document, resolution, pressing_cancel)

    monkeypatch.setattr(ReportDocument, "lay_out", cancelled_at_once)
    with qtbot.waitSignal(window.reports.printed, timeout=60_000) as done:
        window.action(ActionId.PRINT).trigger()
    assert done.args == [0]
    assert pieces == [(1, 4)]  # the title, then 240 rows and the total in three pieces
    assert not target.exists()
    assert not window.reports.busy()


def test_one_report_at_a_time_and_closing_waits_for_it(
    make_window: WindowFactory,
    long_path: Path,
    tmp_path: Path,
    qtbot: QtBot,
    notifier: FakeNotifier,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(make_window, long_path, ReportKind.LIST)
    window.reports.save_report_path = lambda parent, suggested: tmp_path / "list.pdf"
    writing = threading.Event()
    write_pdf = report_actions.write_pdf

    def slow(document: ReportDocument, path: Path, going_on: Any) -> int:
        writing.set()
        while going_on(0, 0):  # until cancelled
            QThread.msleep(5)
        return write_pdf(document, path, going_on)

    monkeypatch.setattr(report_actions, "write_pdf", slow)
    window.action(ActionId.EXPORT_PDF).trigger()
    assert writing.wait(20)
    assert window.reports.busy()
    window.action(ActionId.PRINT_PREVIEW).trigger()
    assert notifier.errors[-1][0] == "A report is being made"
    writer = window.reports.writer
    assert writer is not None
    window.close()  # cancels the export and waits for its thread
    assert writer.isFinished()
    qtbot.wait(50)
    assert not (tmp_path / "list.pdf").exists()
