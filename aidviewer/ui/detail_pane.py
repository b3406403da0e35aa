"""The detail pane: everything about the selected aid record or meeting, read-only.

A `QTextBrowser` showing the HTML that `detail_html` writes. Links to other records and
meetings become `linkRequested(kind, id)` for the window to select; a source's web address
opens in the browser through `open_external`, which tests replace.

User text never makes the pane read a file or the network (RELIABILITY.md T27): all of it
is escaped, and in case markup ever slipped through, both the browser and its document
refuse to load any resource. Overriding `QTextBrowser.loadResource` alone is not enough:
when it returns nothing, `QTextDocument.loadResource` opens local files itself and the
image handler then tries `QImage(path)` directly, so the document is replaced too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QTextBrowser, QWidget

from aidviewer.store import Catalogue, CatalogueError, MeetingSummary, Note, Person

from .detail_html import (
    ID_FIELDS,
    MeetingDetail,
    RecordDetail,
    Theme,
    deleted_note_text,
    external_url,
    history_value,
    meeting_html,
    message_html,
    parse_link,
    record_html,
)


class _InertDocument(QTextDocument):
    """A document that never loads a resource: it asks the pane (whose `loadResource`
    tests can watch), then answers with an empty value whatever the pane said."""

    def __init__(self, pane: DetailPane) -> None:
        super().__init__(pane)
        self._pane = pane

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        self._pane.loadResource(type, name)
        if getattr(type, "value", type) == QTextDocument.ResourceType.ImageResource.value:
            # A valid image, or the image handler tries to read `name` from disk itself.
            image = QImage(1, 1, QImage.Format.Format_ARGB32)
            image.fill(0)
            return image
        return QByteArray()


def linked_meetings(catalogue: Catalogue, record_id: int) -> list[MeetingSummary]:
    """The meetings that discussed a record, earliest first."""
    return catalogue.meetings_for_record(record_id)


def read_record(catalogue: Catalogue, record_id: int) -> RecordDetail:
    """A record and what the pane shows beside it. Raises `CatalogueError`."""
    record = catalogue.record(record_id)
    organisations: dict[int, str] = {}

    def organisation(org_id: int | None) -> str:
        if org_id is None:
            return ""
        if org_id not in organisations:
            organisations[org_id] = catalogue.organisation(org_id).name
        return organisations[org_id]

    history = tuple(catalogue.history("aid_record", record_id, with_notes=True))
    names: dict[tuple[str, int], str] = {}
    for entry in history:
        kind = ID_FIELDS.get(entry.field)
        if kind is None:
            continue
        for value in (entry.old, entry.new):
            if value and value.isdigit() and (kind, int(value)) not in names:
                # A row deleted since keeps its number in the history.
                with contextlib.suppress(CatalogueError):
                    names[kind, int(value)] = (
                        organisation(int(value))
                        if kind == "organisation"
                        else catalogue.category(int(value)).name
                    )
    return RecordDetail(
        record=record,
        donor=organisation(record.donor_id),
        recipient=organisation(record.recipient_id),
        implementer=organisation(record.implementer_id),
        category=catalogue.category(record.category_id).name if record.category_id else "",
        sources=tuple(catalogue.source(sid) for sid in record.source_ids),
        notes=tuple(catalogue.notes_for(record_id=record_id)),
        history=history,
        meetings=tuple(linked_meetings(catalogue, record_id)),
        names=names,
    )


def read_meeting(catalogue: Catalogue, meeting_id: int) -> MeetingDetail:
    """A meeting and what the pane shows beside it. Raises `CatalogueError`."""
    meeting = catalogue.meeting(meeting_id)
    person_ids = [p.person_id for p in meeting.participants]
    person_ids += [a.owner_id for a in meeting.actions if a.owner_id is not None]
    people: dict[int, Person] = {pid: catalogue.person(pid) for pid in dict.fromkeys(person_ids)}
    organisations = {
        oid: catalogue.organisation(oid).name
        for oid in dict.fromkeys(p.organisation_id for p in people.values())
        if oid is not None
    }
    return MeetingDetail(
        meeting=meeting,
        people=people,
        organisations=organisations,
        records=tuple(catalogue.record(rid) for rid in meeting.record_ids),
        sources=tuple(catalogue.source(sid) for sid in meeting.source_ids),
        notes=tuple(catalogue.notes_for(meeting_id=meeting_id)),
        history=tuple(catalogue.history("meeting", meeting_id, with_notes=True)),
    )


def _blend(front: QColor, back: QColor, amount: float) -> str:
    """`amount` of `front` over `back`, as "#rrggbb": greys that follow a dark theme too
    (the palette's own placeholder colour is the text colour with alpha, which HTML
    colours cannot carry)."""
    mix = [
        round(f * amount + b * (1 - amount))
        for f, b in (
            (front.red(), back.red()),
            (front.green(), back.green()),
            (front.blue(), back.blue()),
        )
    ]
    return QColor(*mix).name()


class DetailPane(QTextBrowser):
    """Read-only details of one aid record or meeting."""

    # ("record", id) or ("meeting", id): the person followed a link to it.
    linkRequested = Signal(str, int)
    # ("note-add", 0), ("note-edit", note id), ("note-resolve", …), ("note-pin", …) or
    # ("note-delete", …): the person asked to change the notes of what is shown.
    noteRequested = Signal(str, int)
    # (the HistoryEntry, its old value, its new value, as read): open an earlier value.
    historyRequested = Signal(object, str, str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_external: Callable[[QUrl], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._shown: RecordDetail | MeetingDetail | str | None = None
        self.editable = False  # offer to add and change notes
        self._every_change = False  # the whole history, not only the latest changes
        self.setObjectName("detail_pane")
        self._document = _InertDocument(self)
        self.setDocument(self._document)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # A long word (an address, a pasted hash) wraps instead of widening the page.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # Everything wraps, so nothing needs a horizontal scroll bar; without this one
        # shows up for a single pixel, as Qt rounds up the columns of a 100% wide table.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setDocumentMargin(12)
        self.setPlaceholderText(self.tr("Select an aid record or a meeting to see its details."))
        self.open_external: Callable[[QUrl], object] = open_external or QDesktopServices.openUrl
        self.anchorClicked.connect(self._follow)

    # -- what is shown --------------------------------------------------------------------

    def current(self) -> tuple[str, int] | None:
        """("record", id) or ("meeting", id) of what is shown; None when nothing is."""
        if isinstance(self._shown, RecordDetail):
            return "record", self._shown.record.id
        if isinstance(self._shown, MeetingDetail):
            return "meeting", self._shown.meeting.id
        return None

    def show_record(self, catalogue: Catalogue, record_id: int) -> None:
        """Show an aid record; a store error is shown as its sentence instead."""
        try:
            detail: RecordDetail | MeetingDetail | str = read_record(catalogue, record_id)
        except CatalogueError as error:
            detail = error.message
        self._show(detail, keep_scroll=self.current() == ("record", record_id))

    def show_meeting(self, catalogue: Catalogue, meeting_id: int) -> None:
        """Show a meeting; a store error is shown as its sentence instead."""
        try:
            detail: RecordDetail | MeetingDetail | str = read_meeting(catalogue, meeting_id)
        except CatalogueError as error:
            detail = error.message
        self._show(detail, keep_scroll=self.current() == ("meeting", meeting_id))

    def notes(self) -> tuple[Note, ...]:
        """The notes of what is shown."""
        shown = self._shown
        return shown.notes if isinstance(shown, RecordDetail | MeetingDetail) else ()

    def clear(self) -> None:
        """Show nothing (the placeholder)."""
        self._shown = None
        super().clear()

    def _show(self, detail: RecordDetail | MeetingDetail | str, *, keep_scroll: bool) -> None:
        # Showing the same record again (after an edit) keeps the reader's place, and
        # its whole history if asked for; another starts at the top with the latest.
        scroll = self.verticalScrollBar().value() if keep_scroll else 0
        if not keep_scroll:
            self._every_change = False
        self._shown = detail
        self._render()
        self.verticalScrollBar().setValue(scroll)

    def _render(self) -> None:
        theme = self._theme()
        detail = self._shown
        every = self._every_change
        if isinstance(detail, RecordDetail):
            self.setHtml(record_html(detail, self.locale(), theme, editable=self.editable,
                                     every_change=every))  # fmt: skip
        elif isinstance(detail, MeetingDetail):
            self.setHtml(meeting_html(detail, self.locale(), theme, editable=self.editable,
                                      every_change=every))  # fmt: skip
        elif isinstance(detail, str):
            self.setHtml(message_html(detail, theme))

    def _theme(self) -> Theme:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        size = self.font().pointSizeF()
        return Theme(
            text=text.name(),
            muted=_blend(text, base, 0.62),
            border=_blend(text, base, 0.18),
            panel=_blend(text, base, 0.05),
            base_pt=size if size > 0 else Theme.base_pt,
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The HTML carries the palette's colours: write it again for a new theme or font.
        changed = event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange)
        if changed and self._shown is not None:
            self._show(self._shown, keep_scroll=True)

    # -- links and resources ----------------------------------------------------------------

    def _follow(self, url: QUrl) -> None:
        text = url.toString()
        target = parse_link(text)
        if target is not None and target[0].startswith("note-"):
            self.noteRequested.emit(*target)
        elif target is not None and target[0] == "history":
            self._open_history(target[1])
        elif target is not None and target[0] == "history-all":
            self._every_change = True
            if self._shown is not None:
                self._show(self._shown, keep_scroll=True)
        elif target is not None:
            self.linkRequested.emit(*target)
        elif external_url(text) is not None:
            self.open_external(url)

    def _open_history(self, entry_id: int) -> None:
        shown = self._shown
        if not isinstance(shown, RecordDetail | MeetingDetail):
            return
        entry = next((e for e in shown.history if e.id == entry_id), None)
        if entry is None:
            return
        currency, names = None, {}
        if isinstance(shown, RecordDetail):
            money = shown.record.money
            currency = money.currency if money is not None else None
            names = dict(shown.names)
        if entry.entity == "note" and entry.action == "delete":
            old, new = deleted_note_text(entry), "—"
        else:
            old, new = (
                history_value(entry.field, value, currency, names, self.locale(), whole=True)
                for value in (entry.old, entry.new)
            )
        self.historyRequested.emit(entry, old, new)

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Load nothing: images, style sheets and pages named in the content stay unread."""
        return None
