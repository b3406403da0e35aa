"""File > Print Preview, Print and Export PDF in the window: the report covers the view,
the selection or the whole catalogue, is written without freezing the window, and says
the same as the command line for the same scope."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer.cli import main as cli
from aidviewer.models import Column
from aidviewer.reports.content import ReportKind
from aidviewer.reports.render import ReportOptions
from aidviewer.store import AidRecord, Catalogue
from aidviewer.ui import report_actions
from aidviewer.ui.actions import ActionId
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.report_dialog import Coverage, ReportDialog, ReportRequest

pytestmark = [
    pytest.mark.skipif(
        shutil.which("pdftotext") is None,
        reason="pdftotext (poppler-utils) is not installed: .ci/run installs it",
    ),
    pytest.mark.qt_log_ignore(
        "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
    ),
]


def _text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return unicodedata.normalize("NFKC", " ".join(done.stdout.split()))


def _without_time(text: str) -> str:
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "TIME", text)


def _window(make_window: WindowFactory, path: Path) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(path)
    window.settings.set_staff_name("Rasa")
    return window


def _answer(window: MainWindow, request: ReportRequest, target: Path | None = None) -> None:
    window.reports.ask_report = lambda *args, **kwargs: request
    window.reports.save_report_path = lambda parent, suggested: target


def _export(qtbot: QtBot, window: MainWindow) -> tuple[str, int]:
    with qtbot.waitSignal(window.reports.exported, timeout=60_000) as done:
        window.action(ActionId.EXPORT_PDF).trigger()
    return done.args[0], done.args[1]


def test_the_view_exported_says_what_the_command_line_says(
    make_window: WindowFactory, sample_path: Path, tmp_path: Path, qtbot: QtBot, capsys: Any
) -> None:
    window = _window(make_window, sample_path)
    page = window.catalogue_view.records_page
    page.filter_bar.search.setText("vehicles")
    page.filter_bar.search.returnPressed.emit()
    target = tmp_path / "window.pdf"
    request = ReportRequest(ReportOptions(kind=ReportKind.LIST, landscape=True, marking="INTERNAL"))
    _answer(window, request, target)
    path, pages = _export(qtbot, window)
    assert (path, pages) == (str(target), 1)
    window_text = _text(target)
    assert "Showing: search “vehicles”" in window_text
    assert "All-terrain vehicles for NASAMS crews" in window_text
    assert "NASAMS launchers and equipment" not in window_text  # not in the view
    assert cli(["report", "list", str(sample_path), "--out", str(tmp_path / "cli.pdf"),
                "--search", "vehicles", "--marking", "INTERNAL", "--as", "Rasa"]) == 0  # fmt: skip
    assert _without_time(window_text) == _without_time(_text(tmp_path / "cli.pdf"))
    assert window.statusBar().currentMessage() == "Saved “window.pdf”, 1 pages."


def test_the_selection_makes_the_sheets(
    make_window: WindowFactory, sample_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    page = window.catalogue_view.records_page
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for record_id in (2, 5):
        row = page.model.row_of(record_id)
        assert row is not None
        page.view.selectionModel().select(page.model.index(row, 0), flags)
    _answer(
        window,
        ReportRequest(ReportOptions(kind=ReportKind.SHEET), coverage=Coverage.SELECTION),
        tmp_path / "sheets.pdf",
    )
    _export(qtbot, window)
    text = _text(tmp_path / "sheets.pdf")
    assert "NASAMS launchers and equipment" in text and "Logistics vehicles" in text
    assert "Demining coalition" not in text
    assert "Showing: 2 chosen" in text


def test_the_list_has_the_tables_columns_in_its_order(
    make_window: WindowFactory, sample_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    view = window.catalogue_view.records_page.view
    view.setColumnHidden(Column.RECIPIENT, True)
    header = view.horizontalHeader()
    header.moveSection(header.visualIndex(Column.VALUE_EUR), 1)  # value just after the title
    assert window.reports.columns()[:3] == ("title", "value_eur", "donor")
    assert "recipient" not in window.reports.columns()
    _answer(window, ReportRequest(ReportOptions(kind=ReportKind.LIST)), tmp_path / "list.pdf")
    _export(qtbot, window)
    text = _text(tmp_path / "list.pdf")
    assert "Recipient" not in text and "Value (EUR)" in text


def test_a_cancelled_export_leaves_no_file(
    make_window: WindowFactory,
    empty_path: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with Catalogue.open(empty_path) as catalogue, catalogue.batch():
        for number in range(300):
            catalogue.add_record(AidRecord(title=f"Record {number} " + "word " * 12))
    window = _window(make_window, empty_path)
    target = tmp_path / "big.pdf"
    target.write_bytes(b"last week's report")
    _answer(window, ReportRequest(ReportOptions(kind=ReportKind.LIST)), target)
    # Cancel pressed as the writing begins: the writer stops before its first page.
    start = report_actions._PdfWriter.start

    def start_cancelled(writer: Any) -> None:
        writer.cancel.set()
        start(writer)

    monkeypatch.setattr(report_actions._PdfWriter, "start", start_cancelled)
    _, pages = _export(qtbot, window)
    assert pages == 0
    assert target.read_bytes() == b"last week's report"  # the older one stays
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["big.pdf"]
    assert not window.statusBar().currentMessage().startswith("Saved")


def test_a_report_that_cannot_be_written_says_so(
    make_window: WindowFactory,
    sample_path: Path,
    tmp_path: Path,
    qtbot: QtBot,
    notifier: FakeNotifier,
) -> None:
    window = _window(make_window, sample_path)
    target = tmp_path / "gone" / "summary.pdf"
    _answer(window, ReportRequest(ReportOptions(kind=ReportKind.SUMMARY)), target)
    _, pages = _export(qtbot, window)
    assert pages == 0
    assert (notifier.errors and notifier.errors[0][0] == "Cannot make the report") or (
        notifier.errors[0][0] == "Cannot save the report"
    )
    assert "summary.pdf" in notifier.errors[0][1] or "gone" in notifier.errors[0][1]


def test_print_paints_the_report_on_the_printer(
    make_window: WindowFactory, sample_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    target = tmp_path / "printed.pdf"
    _answer(window, ReportRequest(ReportOptions(kind=ReportKind.MINUTES), coverage=Coverage.ALL))

    def to_file(parent: Any, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    window.reports.ask_printer = to_file
    with qtbot.waitSignal(window.reports.printed, timeout=60_000) as done:
        window.action(ActionId.PRINT).trigger()
    assert done.args[0] >= 1
    text = _text(target)
    assert "Meeting minutes" in text and "Anušauskas meets President Zelensky in Kyiv" in text
    assert "Page 1 of" in text


def test_the_preview_is_qts_own_and_shows_the_pages(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    _answer(window, ReportRequest(ReportOptions(kind=ReportKind.SUMMARY)))
    seen: list[Any] = []
    watcher = QTimer()

    def close_preview() -> None:
        """Once the preview is up (after the progress of reading), close it."""
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintPreviewDialog):
            watcher.stop()
            seen.append(type(dialog))
            dialog.reject()

    painted: list[int] = []
    document_paint = window.reports._paint

    def counting_paint(document: Any, printer: Any) -> int:
        pages = document_paint(document, printer)
        painted.append(pages)
        return pages

    window.reports._paint = counting_paint  # type: ignore[method-assign]
    watcher.timeout.connect(close_preview)
    watcher.start(20)
    with qtbot.waitSignal(window.reports.previewed, timeout=60_000):
        window.action(ActionId.PRINT_PREVIEW).trigger()
    watcher.stop()
    assert seen == [QPrintPreviewDialog]
    assert painted and painted[0] >= 1


def test_the_report_dialog_offers_what_the_kind_needs(qtbot: QtBot) -> None:
    request = ReportRequest(ReportOptions(kind=ReportKind.SUMMARY, marking="INTERNAL"))
    dialog = ReportDialog(None, request, selected_records=3, selected_meetings=0, action="Export")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.coverage[Coverage.SELECTION].text() == "The 3 selected records"
    assert dialog.coverage[Coverage.SELECTION].isEnabled()
    assert not dialog.date_from.isVisible() and not dialog.history.isVisible()
    dialog.kind.setCurrentIndex(list(ReportKind).index(ReportKind.MINUTES))
    assert dialog.coverage[Coverage.SELECTION].text() == "The 0 selected meetings"
    assert not dialog.coverage[Coverage.SELECTION].isEnabled()
    dialog.kind.setCurrentIndex(list(ReportKind).index(ReportKind.BRIEFING))
    assert dialog.date_from.isVisible() and not dialog.coverage[Coverage.VIEW].isVisible()
    dialog.page_size.setCurrentText("Letter")
    dialog.landscape.setCurrentIndex(1)
    made = dialog.request()
    assert made.options.kind is ReportKind.BRIEFING
    assert (made.options.page_size, made.options.landscape, made.options.marking) == (
        "Letter",
        True,
        "INTERNAL",
    )


def test_reports_need_an_open_catalogue(make_window: WindowFactory) -> None:
    window = make_window()
    for action in (ActionId.PRINT_PREVIEW, ActionId.PRINT, ActionId.EXPORT_PDF):
        assert not window.action(action).isEnabled()


def test_the_orientation_follows_the_kind_until_chosen(qtbot: QtBot) -> None:
    request = ReportRequest(ReportOptions(kind=ReportKind.SUMMARY))
    dialog = ReportDialog(None, request, selected_records=0, selected_meetings=0, action="Print")
    qtbot.addWidget(dialog)
    assert dialog.request().options.landscape is False
    dialog.kind.setCurrentIndex(list(ReportKind).index(ReportKind.LIST))
    assert dialog.request().options.landscape is True  # ten columns want the width
    dialog.kind.setCurrentIndex(list(ReportKind).index(ReportKind.MINUTES))
    assert dialog.request().options.landscape is False
    dialog.landscape.setCurrentIndex(1)
    dialog.landscape.activated.emit(1)  # chosen by hand: it stays
    dialog.kind.setCurrentIndex(list(ReportKind).index(ReportKind.SHEET))
    assert dialog.request().options.landscape is True
