"""File > Print Preview, Print and Export PDF: a report of the catalogue as the window
shows it.

The content is read first, in one short read transaction, with progress and Cancel. A PDF
is then laid out and written on a worker thread. Printing and the preview lay the report
out and paint it on the window's thread, as Qt's printing and its preview require: a
long table is laid out a piece of about a tenth of a second at a time and painted a page
at a time, with progress, Cancel and the window's events between the steps, so that a
long report never freezes the window.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressDialog, QWidget

from aidviewer.models import Column
from aidviewer.printing.build import (
    PreparedReport,
    describe_scope,
    prepare_report,
    report_title,
)
from aidviewer.printing.document import ReportDocument, write_pdf
from aidviewer.reports.content import CancelledError, ReportKind, Scope
from aidviewer.reports.render import LIST_COLUMNS, ReportOptions
from aidviewer.store import Catalogue, CatalogueError, MeetingQuery, RecordQuery, default_user

from .catalogue_view import CatalogueView
from .dialogs import Notifier
from .report_dialog import MEETING_KINDS, Coverage, ReportDialog, ReportRequest
from .settings import Settings

# The records table's columns as the record list names them.
_LIST_KEYS = {
    Column.TITLE: "title", Column.DONOR: "donor", Column.RECIPIENT: "recipient",
    Column.AID_TYPE: "aid_type", Column.CATEGORY: "category", Column.STATUS: "status",
    Column.QUANTITY: "quantity", Column.VALUE_EUR: "value_eur",
    Column.ANNOUNCED: "announced", Column.DELIVERED: "delivered",
}  # fmt: skip


class _PdfWriter(QThread):
    """Lays a report out and writes it as PDF, away from the window's thread."""

    progressed = Signal(int, int)  # (page, pages)
    finished_pages = Signal(int)
    failed = Signal(str)

    def __init__(self, make: Callable[[], ReportDocument], path: Path) -> None:
        super().__init__()
        self._make = make
        self._path = path
        self.cancel = threading.Event()
        self.cancelled = False

    def run(self) -> None:
        def going_on(page: int, pages: int) -> bool:
            self.progressed.emit(page, pages)
            return not self.cancel.is_set()

        try:
            pages = write_pdf(self._make(), self._path, going_on)
        except CancelledError:
            self.cancelled = True
            self.finished_pages.emit(0)
        except OSError as error:
            self.failed.emit(error.strerror or str(error))
        else:
            self.finished_pages.emit(pages)


class ReportActions(QObject):
    """Makes the window's reports. `ask_report`, `ask_printer`, `save_report_path` and
    `preview` are what tests replace."""

    # A PDF was written: (its path, its pages); 0 pages when cancelled.
    exported = Signal(str, int)
    # A report was printed (its pages; 0 when cancelled or failed), or the preview closed.
    printed = Signal(int)
    previewed = Signal()

    def __init__(
        self,
        window: QMainWindow,
        view: CatalogueView,
        settings: Settings,
        notifier: Notifier,
        catalogue: Callable[[], Catalogue | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.settings = settings
        self.notifier = notifier
        self._catalogue = catalogue
        self._last: ReportRequest | None = None  # the report asked for last
        self.ask_report: Callable[..., ReportRequest | None] = ReportDialog.ask
        self.ask_printer: Callable[[QWidget, QPrinter], bool] = _ask_printer
        self.save_report_path: Callable[[QWidget, Path], Path | None] = _save_report_path
        self.preview: Callable[[QWidget, QPrinter, Callable[[QPrinter], object]], None] = _preview
        self.writer: _PdfWriter | None = None
        self._laying_out = False

    def _tr(self, text: str) -> str:
        return QCoreApplication.translate("ReportActions", text)

    # -- the three actions ----------------------------------------------------------------

    def export_pdf(self) -> None:
        request = self._request(self._tr("&Export PDF…"))
        catalogue = self._catalogue()
        if request is None or catalogue is None:
            return
        folder = self.settings.report_folder() or catalogue.path.parent
        name = f"{report_title(request.options.kind)} {date.today().isoformat()}.pdf"
        path = self.save_report_path(self.window, folder / name)
        if path is None:
            return
        self.settings.set_report_folder(path.parent)
        prepared = self._read(catalogue, request)
        if prepared is not None:
            self._write(prepared, path)

    def print_report(self) -> None:
        prepared = self._prepared(self._tr("&Print…"))
        if prepared is None:
            return
        printer = self._printer(prepared)
        if not self.ask_printer(self.window, printer):
            return
        document = self._lay_out(prepared, printer)
        self.printed.emit(self._paint(document, printer) if document is not None else 0)

    def print_preview(self) -> None:
        prepared = self._prepared(self._tr("Pre&view"))
        if prepared is None:
            return
        printer = self._printer(prepared)
        document = self._lay_out(prepared, printer)
        if document is not None:
            self.preview(self.window, printer, lambda target: self._paint(document, target))
        self.previewed.emit()

    def _prepared(self, action: str) -> PreparedReport | None:
        """The report asked for, its content read; None when the question was declined
        or the reading cancelled or failed."""
        request = self._request(action)
        catalogue = self._catalogue()
        if request is None or catalogue is None:
            return None
        return self._read(catalogue, request)

    @staticmethod
    def _printer(prepared: PreparedReport) -> QPrinter:
        """A printer set to the report's page."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(prepared.page_layout())
        return printer

    def busy(self) -> bool:
        """Whether a report is being laid out or written."""
        return self.writer is not None or self._laying_out

    def stop(self) -> None:
        """Cancel the report being written and wait for its thread (the window is
        closing)."""
        if self.writer is not None:
            self.writer.cancel.set()
            self.writer.wait()

    # -- what the report covers ------------------------------------------------------------

    def _request(self, action: str) -> ReportRequest | None:
        if self._catalogue() is None:
            return None
        if self.busy():
            self.notifier.error(
                self.window,
                self._tr("A report is being made"),
                self._tr("Wait for the report being made to finish, or cancel it."),
            )
            return None
        last = self._last or ReportRequest(
            options=ReportOptions(
                kind=ReportKind.SUMMARY, page_size=self.settings.default_page_size()
            )
        )
        request = self.ask_report(
            self.window,
            last,
            selected_records=self.view.records_page.selected_count(),
            selected_meetings=self.view.meetings_page.selected_count(),
            action=action,
        )
        if request is not None:
            self._last = request
        return request

    def columns(self) -> tuple[str, ...]:
        """The record list's columns: the records table's shown ones, in its order."""
        view = self.view.records_page.view
        header = view.horizontalHeader()
        shown = sorted(
            (header.visualIndex(column), key)
            for column, key in _LIST_KEYS.items()
            if not view.isColumnHidden(column)
        )
        return tuple(key for _, key in shown) or LIST_COLUMNS

    def scope(self, catalogue: Catalogue, request: ReportRequest) -> Scope:
        kind, coverage = request.options.kind, request.coverage
        if kind is ReportKind.BRIEFING:
            return Scope(date_from=request.date_from, date_to=request.date_to)
        if kind in MEETING_KINDS:
            page = self.view.meetings_page
            if coverage is Coverage.SELECTION:
                return Scope(ids=tuple(page.selected_ids()))
            query = page.model.query if coverage is Coverage.VIEW else MeetingQuery()
            assert isinstance(query, MeetingQuery)
            return Scope(ids=tuple(row.id for row in catalogue.meeting_rows(query)))
        page = self.view.records_page
        view_query = page.model.query
        assert isinstance(view_query, RecordQuery)
        if coverage is Coverage.SELECTION:
            query = RecordQuery(
                ids=tuple(page.selected_ids()),
                sort=view_query.sort,
                descending=view_query.descending,
            )
        elif coverage is Coverage.VIEW:
            query = view_query
        else:
            query = RecordQuery(sort=view_query.sort, descending=view_query.descending)
        if kind is ReportKind.SHEET:
            return Scope(query=query, ids=tuple(catalogue.record_ids(query)))
        return Scope(query=query)

    # -- reading, laying out, painting -------------------------------------------------------

    def _progress(self, label: str, step: str) -> QProgressDialog:
        """A progress dialog for one step of a report ("reading", "layout", "printing"
        or "writing"), named after it."""
        progress = QProgressDialog(label, self._tr("Cancel"), 0, 0, self.window)
        progress.setObjectName(f"report_{step}")
        progress.setWindowTitle(self._tr("Report"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        return progress

    def _read(self, catalogue: Catalogue, request: ReportRequest) -> PreparedReport | None:
        """Read the report's content (one read transaction, with Cancel); it is laid out
        later, on whichever thread paints it."""
        options = dataclasses.replace(request.options, columns=self.columns())
        scope = self.scope(catalogue, request)
        progress = self._progress(self._tr("Reading the catalogue…"), "reading")

        def going_on(done: int, total: int) -> bool:
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, total))
            QCoreApplication.processEvents()
            return not progress.wasCanceled()

        try:
            return prepare_report(
                catalogue, options, scope, made_by=self.settings.staff_name() or default_user(),
                filters=describe_scope(catalogue, options.kind, scope), going_on=going_on,
            )  # fmt: skip
        except CancelledError:
            return None
        except CatalogueError as error:
            self.notifier.error(self.window, self._tr("Cannot make the report"), error.message)
            return None
        finally:
            progress.reset()
            progress.deleteLater()

    def _lay_out(self, prepared: PreparedReport, printer: QPrinter) -> ReportDocument | None:
        """The report laid out for `printer`, a piece at a time, with progress and
        Cancel and the window's events between the pieces; None when cancelled."""
        progress = self._progress(self._tr("Laying out the pages…"), "layout")
        self._laying_out = True

        def going_on(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            QCoreApplication.processEvents()
            return not progress.wasCanceled()

        try:
            document = prepared.document()
            document.lay_out(printer.logicalDpiY(), going_on)
        except CancelledError:
            return None
        finally:
            self._laying_out = False
            progress.reset()
            progress.deleteLater()
        return document

    def _write(self, prepared: PreparedReport, path: Path) -> None:
        progress = self._progress(self._tr("Writing {name}…").format(name=path.name), "writing")
        writer = _PdfWriter(prepared.document, path)
        self.writer = writer

        def advance(page: int, pages: int) -> None:
            progress.setMaximum(pages)
            progress.setValue(page)

        def finish(pages: int) -> None:
            progress.reset()
            progress.deleteLater()
            writer.wait()
            self.writer = None
            if pages:
                self.window.statusBar().showMessage(
                    self._tr("Saved “{name}”, {pages} pages.").format(name=path.name, pages=pages),
                    8000,
                )
            self.exported.emit(str(path), pages)

        def fail(message: str) -> None:
            progress.reset()
            progress.deleteLater()
            writer.wait()
            self.writer = None
            self.notifier.error(
                self.window,
                self._tr("Cannot save the report"),
                self._tr("“{name}” could not be written: {why}. Nothing was saved.").format(
                    name=path.name, why=message
                ),
            )
            self.exported.emit(str(path), 0)

        writer.progressed.connect(advance)
        writer.finished_pages.connect(finish)
        writer.failed.connect(fail)
        progress.canceled.connect(writer.cancel.set)
        writer.start()

    def _paint(self, document: ReportDocument, printer: QPrinter) -> int:
        """Paint the laid-out report on `printer`, page by page; its pages, or 0 when
        cancelled."""
        progress = self._progress(self._tr("Printing…"), "printing")

        def going_on(page: int, pages: int) -> bool:
            progress.setMaximum(pages)
            progress.setValue(page)
            QCoreApplication.processEvents()
            return not progress.wasCanceled()

        try:
            return document.paint(printer, going_on)
        except CancelledError:
            printer.abort()
            return 0
        finally:
            progress.reset()
            progress.deleteLater()


def _ask_printer(parent: QWidget, printer: QPrinter) -> bool:
    dialog = QPrintDialog(printer, parent)
    try:
        return dialog.exec() == QPrintDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def _save_report_path(parent: QWidget, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ReportActions", "Export PDF"),
        str(suggested),
        QCoreApplication.translate("ReportActions", "PDF documents (*.pdf)"),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def _preview(parent: QWidget, printer: QPrinter, paint: Callable[[QPrinter], object]) -> None:
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("report_preview")
    dialog.paintRequested.connect(paint)
    dialog.resize(900, 1000)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
