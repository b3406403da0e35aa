"""A report's HTML laid out in pages, with a header and a footer on each.

Qt's rich text lays the document out for the page's size and repeats a table's header row
(`<thead>`) on every page the table runs onto, but it cuts a row whose first line fits
between its lines. A report is therefore laid out on one very long page and cut into
pages here, between lines and table rows: each page paints the stretch that fits under
the table's header row. The record list's long table is laid out in pieces of a hundred
rows (one huge table takes Qt more than linear time, and a piece at a time lets the
window run between the pieces) and cut at row boundaries. Around each page this paints
the report's title and catalogue, its marking line (such as "INTERNAL") and "Page X of
Y". The same painting serves a PDF, a printer and the print preview.

Nothing outside the report is read while it is laid out: the document answers every
request for an image or a style sheet with nothing (a note's `<img src="file:…">` is
text anyway, escaped by the template; this is the second lock on that door).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from aidviewer.reports.content import CancelledError

# Margins of the page, in millimetres: (left, top, right, bottom).
MARGINS_MM = (18.0, 14.0, 18.0, 14.0)
BODY_POINTS = 9.0
FRAME_POINTS = 7.5
# Resolution of a written PDF: fine enough that text is placed as the printer places it.
PDF_DPI = 300
MUTED = QColor("#57606a")
MARKING = QColor("#9a1b1b")
RULE = QColor("#c4ccd5")

_PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}


@dataclass(frozen=True)
class PageFrame:
    """What every page says around the report: its title and catalogue at the top, when
    and by whom it was made at the bottom, and the marking line at both."""

    title: str
    catalogue: str
    made: str
    marking: str = ""
    page_text: str = "Page {page} of {pages}"  # translated by the caller


def page_layout(page_size: str, landscape: bool) -> QPageLayout:
    """A report's page: A4 or Letter, its margins, its orientation."""
    return QPageLayout(
        QPageSize(_PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4)),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        QMarginsF(*MARGINS_MM),
        QPageLayout.Unit.Millimeter,
    )


class _InertDocument(QTextDocument):
    """A document that reads no resource: images, style sheets and links named in it
    stay unread. `requested` lists what it was asked for, for the tests."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        self.requested.append(name.toString() if isinstance(name, QUrl) else str(name))
        return None


# Rows of the long table on each page: (first, end) indexes into its rows, as the
# template takes them; None for the whole table in one piece.
Pages = tuple[tuple[int, int], ...]

# What a page may hold of the long table, as a share of its room: the stretches painted
# are the very ones measured, so all of it, less a hair for rounding.
SLACK = 0.999
# A stretch of a laid-out piece of the report painted on a page: (piece, top, bottom,
# painted bottom).
Stretch = tuple[int, float, float, float]

# Rows of the long table laid out together, in a piece of their own: Qt lays one huge
# table out in more than linear time, and the window waits for each piece (on the
# window's thread, or for Python's lock on a worker), so a piece stays short: about a
# tenth of a second.
MEASURED = 100
# Record sheets or meetings laid out together in a piece: each begins a page anyway.
SECTIONS = 10

# Writes the part of a sectioned report (record sheets, minutes) from its `first` to its
# `end` section, without the title when `rows_only`: (first, end, rows_only).
Sections = Callable[[int, int, bool], str]

# Progress while a report is laid out: (pieces done, pieces); False cancels.
GoingOn = Callable[[int, int], bool]


@dataclass(frozen=True)
class _Laid:
    """A report laid out for one resolution: the height of its header and footer bands,
    and what each page paints."""

    resolution: int
    band: float
    pages: list[list[Stretch]]


class ReportDocument:
    """An HTML report, ready to be painted on pages of `page_size` ("A4" or "Letter").

    `html` is the whole report, or a function that writes it with the long table's rows
    cut into pages (see Pages), and with only the table when `rows_only`: such a report
    is laid out in pieces (its title, then its rows a batch at a time), measured and
    cut into pages at row boundaries. A report of many sections that each begin a page
    (record sheets, meetings' minutes) is laid out SECTIONS at a time, when `sections`
    writes its parts: (the writer, the number of sections); `html` then writes the
    whole report only when it is asked for."""

    def __init__(
        self,
        html: str | Callable[[Pages | None, bool, bool], str],
        frame: PageFrame,
        *,
        page_size: str = "A4",
        landscape: bool = False,
        rows: int = 0,
        sections: tuple[Sections, int] | None = None,
    ) -> None:
        self.frame = frame
        self._render = html if callable(html) else None
        self._sections = sections
        self._row_count = rows  # the long table's, when the report has one
        self._html = html if isinstance(html, str) else None
        self.document = self._piece()  # the whole report, filled for its text
        # What is laid out and painted: the whole report, or its pieces.
        self._pieces: list[QTextDocument] = []
        self.layout = page_layout(page_size, landscape)
        self._frame_font = QFont("DejaVu Sans")
        self._frame_font.setPointSizeF(FRAME_POINTS)
        # The device the report is measured on: a PDF writer that is never painted on.
        self._buffer = QBuffer()
        self._measure = QPdfWriter(self._buffer)
        self._laid: _Laid | None = None

    def _piece(self, html: str | None = None, width: float | None = None) -> _InertDocument:
        """A document of the report, laid out `width` wide on the measuring device (set
        before its HTML, so that it is laid out once)."""
        piece = _InertDocument()
        piece.setDocumentMargin(0)
        font = QFont("DejaVu Sans")
        font.setPointSizeF(BODY_POINTS)
        piece.setDefaultFont(font)
        if width is not None:
            piece.documentLayout().setPaintDevice(self._measure)
            piece.setTextWidth(width)  # one page as long as the piece
        if html is not None:
            piece.setHtml(html)
        return piece

    def requested(self) -> list[str]:
        """Every resource the report's documents were asked for (none was read)."""
        pieces = [self.document, *self._pieces]
        return [name for piece in pieces for name in getattr(piece, "requested", [])]

    def html(self) -> str:
        """The report as one HTML document (the long table in one piece)."""
        if self._html is None:
            assert self._render is not None
            self._html = self._render(None, True, False)
        return self._html

    def text(self) -> str:
        """The report as plain text, as it will be printed."""
        if self.document.isEmpty():
            self.document.setHtml(self.html())
        return self.document.toPlainText()

    def lay_out(self, resolution: int, going_on: GoingOn | None = None) -> int:
        """Lay the report out for a device of `resolution` dots per inch and cut it into
        pages; the number of pages. It is measured on a PDF writer of its own that
        writes nothing (printers measure text as PDF does). A long table is laid out a
        piece at a time, and `going_on(done, pieces)` is asked after each: it may let
        the window run, and it cancels (CancelledError) when it returns False."""
        self._measure.setResolution(resolution)
        self._measure.setPageLayout(self.layout)
        area = self.layout.paintRectPixels(resolution)
        metrics = QFontMetricsF(self._frame_font, self._measure)
        band = metrics.height() * 2.2  # the header's and the footer's height
        body = QSizeF(area.width(), area.height() - 2 * band)
        # The cell padding in device pixels: where a row's text begins below its top edge.
        scale = resolution / 96
        if self._sections is not None:
            pages = self._sectioned(*self._sections, body, scale, going_on)
        elif self._render is not None:
            pages = self._bands(body, scale, going_on)
        else:
            self._pieces = [self._piece(self.html(), body.width())]
            pages = self._flow(0, body, scale)
        self._laid = _Laid(resolution, band, pages)
        return len(pages)

    def paint(
        self, device: QPagedPaintDevice, going_on: Callable[[int, int], bool] | None = None
    ) -> int:
        """Paint every page on `device` (a QPdfWriter or a QPrinter, its page layout set
        to this report's); the number of pages. The report is laid out first unless it
        was already, for the device's resolution (the progress of that step is told as
        `going_on(0, 0)`). `going_on(page, pages)` is asked before each page and
        cancels (CancelledError) when it returns False."""
        device.setPageLayout(self.layout)
        resolution = device.logicalDpiY()
        if self._laid is None or self._laid.resolution != resolution:
            laying = None if going_on is None else (lambda done, total: going_on(0, 0))
            self.lay_out(resolution, laying)
        assert self._laid is not None
        band, laid = self._laid.band, self._laid.pages
        area = self.layout.paintRectPixels(resolution)
        width = area.width()
        pieces = self._pieces
        pages = len(laid)
        painter = QPainter()
        if not painter.begin(device):
            raise OSError("cannot paint on the device")
        try:
            for page, stretches in enumerate(laid):
                if going_on is not None and not going_on(page, pages):
                    raise CancelledError
                if page:
                    device.newPage()
                self._frame(painter, width, area.height(), band, page + 1, pages)
                y = band
                for piece, top, bottom, painted in stretches:  # one under another
                    # Painted only to where the next row's cell begins: a cell reaching
                    # into the painted area would be drawn, clipped but in the PDF's text.
                    painter.save()
                    painter.translate(0, y - top)
                    edge = min(painted, bottom - 1)  # what only touches the edge stays out
                    pieces[piece].drawContents(painter, QRectF(0, top, width, edge - top))
                    painter.restore()
                    y += bottom - top
        finally:
            painter.end()
        return pages

    def _sectioned(
        self, write: Sections, count: int, body: QSizeF, scale: float, going_on: GoingOn | None
    ) -> list[list[Stretch]]:
        """Lay the sections out SECTIONS at a time, each batch a piece with pages of
        its own (the first with the title)."""
        batches = [(first, min(first + SECTIONS, count)) for first in range(0, count, SECTIONS)]
        self._pieces = []
        laid: list[list[Stretch]] = []
        for number, (first, end) in enumerate(batches or [(0, 0)]):
            self._pieces.append(self._piece(write(first, end, number > 0), body.width()))
            laid.extend(self._flow(number, body, scale))
            _check(going_on, number + 1, len(batches))
        return laid

    def _flow(self, piece: int, body: QSizeF, scale: float) -> list[list[Stretch]]:
        """Lay a piece out on one very long page and cut it into pages where a cut does
        no harm: between the lines of a paragraph, between the rows of a table (its
        header row painted again at the top of the next page), never just after a
        heading. Only what is taller than a page is cut inside."""
        document = self._pieces[piece]
        layout = document.documentLayout()
        cuts = _cut_points(document, layout, scale)
        end = layout.documentSize().height()
        laid: list[list[Stretch]] = []
        top, header, inset = 0.0, None, 0.0
        while top < end - 0.5:
            head = header[1] - header[0] if header is not None else 0.0
            room = body.height() - head
            fits = [cut for cut in cuts if top < cut.y <= top + room and not cut.glued]
            forced = [cut for cut in fits if cut.forced]
            if forced:  # a new page asked for (each aid record's sheet, each meeting)
                cut = forced[0]
            elif top + room >= end:
                cut = _Cut(end)
            elif fits:
                cut = fits[-1]
            else:  # taller than a page: cut it where the page ends
                cut = _Cut(top + room, header, inset=inset)
            heading: list[Stretch] = [(piece, *header)] if header is not None else []
            laid.append([*heading, (piece, top, cut.y, cut.y - cut.inset)])
            top, header, inset = cut.y, cut.header, cut.inset
        return laid or [[(piece, 0.0, body.height(), body.height())]]

    def _bands(
        self, body: QSizeF, scale: float, going_on: GoingOn | None = None
    ) -> list[list[Stretch]]:
        """Lay the report out in pieces, each on one very long page: its title, then
        its long table a batch of rows at a time; and cut the rows into pages: each
        page is a list of stretches of the pieces, painted one under the other. The
        first page has the title above the table; every page has the table's header
        row; no row is ever cut."""
        assert self._render is not None
        render = self._render
        rows = self._row_count
        batches = [(start, min(start + MEASURED, rows)) for start in range(0, rows, MEASURED)]
        title_piece = self._piece(render(((0, 0),), False, False), body.width())  # no table
        self._pieces = [title_piece]
        title_height = title_piece.documentLayout().documentSize().height()
        _check(going_on, 1, len(batches) + 1)
        # Each row's stretch, from its first cell's text to the next row's (the top
        # padding is blank, the border between them goes with the row above).
        stretches: list[tuple[int, float, float]] = []
        header: Stretch | None = None
        inset = 0.0
        for number, batch in enumerate(batches, start=1):
            piece = self._piece(render((batch,), False, True), body.width())
            self._pieces.append(piece)
            layout = piece.documentLayout()
            for table in piece.rootFrame().childFrames():
                if not isinstance(table, QTextTable):
                    continue
                head_rows = table.format().headerRowCount()
                inset = table.format().cellPadding() * scale
                frame = layout.frameBoundingRect(table)
                tops = [
                    layout.blockBoundingRect(cell.firstCursorPosition().block()).top()
                    for cell in (table.cellAt(row, 0) for row in range(head_rows, table.rows()))
                ]
                if header is None:
                    first = tops[0] if tops else frame.bottom()
                    header = (number, frame.top(), first, first - inset)
                bounds = [*tops, frame.bottom()]
                stretches.extend((number, bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1))
            _check(going_on, number + 1, len(batches) + 1)
        if header is None or not stretches:  # no table: one page of whatever there is
            return [[(0, 0.0, body.height(), body.height())]]
        title: Stretch = (0, 0.0, title_height, title_height)
        head = header[2] - header[1]
        pages = cut_rows(
            [bottom - top for _, top, bottom in stretches],
            first=body.height() - title_height - head,
            rest=body.height() - head,
        )
        laid: list[list[Stretch]] = []
        for number, (start, end) in enumerate(pages):
            bands = [title] if number == 0 else []
            if end > start:
                bands.append(header)
                bands.extend((piece, top, bottom, bottom - inset)
                             for piece, top, bottom in _joined(stretches[start:end]))  # fmt: skip
            laid.append(bands)
        return laid

    def _frame(
        self, painter: QPainter, width: float, height: float, band: float, page: int, pages: int
    ) -> None:
        frame = self.frame
        painter.save()
        painter.setFont(self._frame_font)
        line = QFontMetricsF(self._frame_font, painter.device()).height()
        top = QRectF(0, 0, width, line)
        bottom = QRectF(0, height - line, width, line)
        painter.setPen(MUTED)
        flags = Qt.TextFlag.TextSingleLine
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(top, left | flags, _elided(painter, frame.title, width * 0.4))
        painter.drawText(top, right | flags, _elided(painter, frame.catalogue, width * 0.4))
        painter.drawText(bottom, left | flags, _elided(painter, frame.made, width * 0.6))
        painter.drawText(bottom, right | flags,
                         frame.page_text.format(page=page, pages=pages))  # fmt: skip
        if frame.marking:
            bold = QFont(self._frame_font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(MARKING)
            for rect in (top, bottom):
                painter.drawText(rect, centre | flags, _elided(painter, frame.marking, width * 0.2))
        pen = QPen(RULE)
        pen.setWidthF(max(1.0, painter.device().logicalDpiY() / 150))
        painter.setPen(pen)
        painter.drawLine(0, int(line * 1.45), int(width), int(line * 1.45))
        painter.drawLine(0, int(height - line * 1.45), int(width), int(height - line * 1.45))
        painter.restore()


def cut_rows(heights: list[float], *, first: float, rest: float) -> Pages:
    """Cut rows of these heights into pages: `first` is the room left on the first page
    (under the title), `rest` on each page after it. A page (0, 0) means the table
    begins on the next page. A row taller than a page gets a page to itself (and is cut
    there, as nothing else can be done). The last row (the total) keeps a row with it."""
    pages: list[tuple[int, int]] = []
    start, used, room = 0, 0.0, first * SLACK
    for index, height in enumerate(heights):
        if used + height > room and index > start:
            pages.append((start, index))
            start, used, room = index, 0.0, rest * SLACK
        elif used + height > room and index == 0 and first < rest:
            pages.append((0, 0))  # not even the first row fits under the title
            room = rest * SLACK
        used += height
    pages.append((start, len(heights)))
    if len(pages) > 1 and pages[-1][1] - pages[-1][0] == 1 and pages[-2][1] - pages[-2][0] > 1:
        before, last = pages[-2], pages[-1]
        pages[-2:] = [(before[0], before[1] - 1), (before[1] - 1, last[1])]
    return tuple(pages)


_BREAK_BEFORE = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore


@dataclass(frozen=True)
class _Cut:
    """A place the page may end: its height on the long page, the table header to paint
    again on the next page when it falls inside a table, and whether it must not be used
    (just after a heading)."""

    y: float
    header: tuple[float, float, float] | None = None  # (top, bottom, painted bottom)
    glued: bool = False
    forced: bool = False  # what follows asked to begin a page
    inset: float = 0.0  # the next row's padding above its text: left unpainted


def _cut_points(document: QTextDocument, layout: Any, scale: float) -> list[_Cut]:
    """The places between the lines of the document's paragraphs and the rows of its
    tables, in order."""
    cuts: list[_Cut] = []
    item = document.rootFrame().begin()
    while not item.atEnd():
        frame = item.currentFrame()
        block = item.currentBlock()
        if frame is not None and frame.frameFormat().pageBreakPolicy() & _BREAK_BEFORE:
            cuts.append(_Cut(layout.frameBoundingRect(frame).top(), forced=True))
        elif (
            frame is None
            and block.isValid()
            and block.blockFormat().pageBreakPolicy() & _BREAK_BEFORE
        ):
            cuts.append(_Cut(layout.blockBoundingRect(block).top(), forced=True))
        if isinstance(frame, QTextTable):
            rect = layout.frameBoundingRect(frame)
            head_rows = frame.format().headerRowCount()
            tops = [
                layout.blockBoundingRect(frame.cellAt(row, 0).firstCursorPosition().block()).top()
                for row in range(frame.rows())
            ]
            inset = frame.format().cellPadding() * scale
            header = (
                (rect.top(), tops[head_rows], tops[head_rows] - inset)
                if 0 < head_rows < len(tops)
                else None
            )
            cuts.extend(_Cut(y, header, inset=inset) for y in tops[head_rows + 1 :])
            cuts.append(_Cut(rect.bottom()))
        elif frame is not None:
            cuts.append(_Cut(layout.frameBoundingRect(frame).bottom()))
        elif block.isValid():
            rect = layout.blockBoundingRect(block)
            text_layout = block.layout()
            origin = text_layout.position().y()
            heading = block.blockFormat().headingLevel() > 0
            for number in range(1, text_layout.lineCount()):
                cuts.append(_Cut(origin + text_layout.lineAt(number).y()))
            cuts.append(_Cut(rect.bottom(), glued=heading))
        item += 1
    return cuts


def _check(going_on: GoingOn | None, done: int, total: int) -> None:
    if going_on is not None and not going_on(done, total):
        raise CancelledError


def _joined(stretches: list[tuple[int, float, float]]) -> list[tuple[int, float, float]]:
    """Stretches that follow each other in one piece made one (rows of one batch are
    painted in one go; the next batch's own header row is left out)."""
    joined: list[tuple[int, float, float]] = []
    for piece, top, bottom in stretches:
        if joined and joined[-1][0] == piece and abs(joined[-1][2] - top) < 0.5:
            joined[-1] = (piece, joined[-1][1], bottom)
        else:
            joined.append((piece, top, bottom))
    return joined


def _elided(painter: QPainter, text: str, width: float) -> str:
    flat = " ".join(text.split())
    return painter.fontMetrics().elidedText(flat, Qt.TextElideMode.ElideRight, int(width))


def write_pdf(
    report: ReportDocument, path: Path, going_on: Callable[[int, int], bool] | None = None
) -> int:
    """Write the report to `path` as PDF; the number of pages. It is written beside the
    target and renamed into place when whole, so a cancelled or failed report leaves no
    half-written file (and an older report at `path` stays until the new one is done)."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".report-", suffix=".pdf", dir=path.parent)
    os.close(handle)
    try:
        writer = QPdfWriter(temporary)
        writer.setResolution(PDF_DPI)
        writer.setCreator("aidviewer")
        writer.setTitle(report.frame.title)
        pages = report.paint(writer, going_on)
        del writer  # closes the file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return pages
