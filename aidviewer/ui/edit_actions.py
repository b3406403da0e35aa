"""New, edit, duplicate and delete for the aid record or meeting shown, and cells edited
in place (F2): the forms, the conflict dialog and the editor's undoable steps, put
together."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMainWindow

from aidviewer.editing import meeting_problems, record_problems
from aidviewer.models import Column, MeetingColumn
from aidviewer.models.formatting import parse_whole
from aidviewer.models.labels import problem_text
from aidviewer.store import (
    AidRecord,
    Catalogue,
    CatalogueError,
    HistoryEntry,
    Meeting,
    MeetingSummary,
    NotFoundError,
    Organisation,
    RecordSummary,
)

from .acting import Acting
from .bulk_edit_dialog import BulkEditDialog
from .catalogue_view import CatalogueView
from .cell_delegate import CellDelegate
from .conflict_dialog import ConflictDialog
from .dialogs import Notifier
from .directory_actions import DirectoryActions
from .history_dialog import HistoryValueDialog, earlier_value
from .meeting_form import MeetingForm
from .notes import NoteActions
from .record_form import RecordForm
from .undo import Editor

Row = TypeVar("Row", AidRecord, Meeting)

# The most records edited at once: each is read whole for the preview.
BULK_LIMIT = 1000


class EditActions(Acting):
    def __init__(
        self,
        window: QMainWindow,
        view: CatalogueView,
        editor: Editor,
        notes: NoteActions,
        notifier: Notifier,
    ) -> None:
        super().__init__(window, view, editor, notes, notifier)
        # Tests replace these, not the dialogs' internals.
        self.ask_record: Callable[..., AidRecord | None] = RecordForm.ask
        self.ask_meeting: Callable[..., Meeting | None] = MeetingForm.ask
        self.ask_conflict: Callable[..., AidRecord | Meeting | None] = ConflictDialog.ask
        self.ask_bulk: Callable[..., list[tuple[AidRecord, AidRecord]] | None] = BulkEditDialog.ask
        self.ask_history: Callable[..., bool] = HistoryValueDialog.ask
        self.directory = DirectoryActions(window, view, editor, notes, notifier)
        for page in (view.records_page, view.meetings_page):
            # Queued: the editor closes first; the save then reads the table again.
            page.model.cellEdited.connect(self.edit_cell, Qt.ConnectionType.QueuedConnection)
            table = page.view
            delegates = {table.itemDelegateForColumn(c) for c in range(page.model.columnCount())}
            for delegate in delegates | {table.itemDelegate()}:
                if isinstance(delegate, CellDelegate):
                    delegate.problemShown.connect(self._show_problem)

    def _shown(self) -> tuple[str, int] | None:
        page = self.view.current_browse_page()
        shown = page.detail.current() if page is not None else None
        if shown is None:
            self._say(self.tr("Select an aid record or a meeting first."))
        return shown

    # -- new ----------------------------------------------------------------------------------

    def new_record(self) -> None:
        catalogue = self._writable()
        if catalogue is None:
            return
        shown = AidRecord(title="")
        # A refused save (the disk is full, the file is locked, …) has been said; the form
        # comes back with what was typed rather than losing it.
        while (record := self._ask_record(catalogue, shown, self.tr("New Aid Record"))) is not None:
            if self.editor.add_record(record) is not None:
                return
            shown = record

    def new_meeting(self) -> None:
        catalogue = self._writable()
        if catalogue is None:
            return
        shown = Meeting(title="", starts_at="")
        while (meeting := self.ask_meeting(self.window, catalogue, shown,
                                           self.tr("New Meeting"))) is not None:  # fmt: skip
            if self.editor.add_meeting(meeting) is not None:
                return
            shown = meeting  # refused, and said why: the form again, as typed

    # -- edit ---------------------------------------------------------------------------------

    def _ask_record(
        self, catalogue: Catalogue, record: AidRecord, title: str, **options: Any
    ) -> AidRecord | None:
        """The record form, from which new organisations and sources can be made too."""
        return self.ask_record(
            self.window,
            catalogue,
            record,
            title,
            new_organisation=self.directory.new_organisation,
            new_source=self.directory.new_source,
            **options,
        )

    def edit(self) -> None:
        """Edit the aid record or meeting shown, or the organisation or person selected."""
        if self.directory.on_directory_page():
            self.directory.edit_current()
            return
        shown = self._shown()
        catalogue = self._writable() if shown is not None else None
        if shown is None or catalogue is None:
            return
        try:
            if shown[0] == "record":
                self._edit_record(catalogue, catalogue.record(shown[1]))
            else:
                self._edit_meeting(catalogue, catalogue.meeting(shown[1]))
        except CatalogueError as error:
            self.notifier.error(self.window, self.tr("Cannot save the change"), error.message)

    def _edit_record(self, catalogue: Catalogue, before: AidRecord) -> None:
        def ask(_window: object, catalogue: Catalogue, record: AidRecord, title: str,
                **options: Any) -> Any:  # fmt: skip
            return self._ask_record(catalogue, record, title, **options)

        self._edit_row(catalogue, before, ask, catalogue.record, self.editor.edit_record,
                       self.tr("Edit Aid Record"))  # fmt: skip

    def _edit_meeting(self, catalogue: Catalogue, before: Meeting) -> None:
        self._edit_row(catalogue, before, self.ask_meeting, catalogue.meeting,
                       self.editor.edit_meeting, self.tr("Edit Meeting"))  # fmt: skip

    def _edit_row(
        self,
        catalogue: Catalogue,
        before: Row,
        ask: Callable[..., Row | None],
        read: Callable[[int], Row],
        save: Callable[[Row, Row], object],
        title: str,
    ) -> None:
        """The form, then the save; if someone saved the row meanwhile, both versions
        side by side to choose from, or back to the form with what was typed. A save
        the store refuses (the disk is full, a colleague holds the file too long, …) has
        been said in a sentence; the form then comes back with what was typed."""
        shown = before
        while True:
            after = ask(self.window, catalogue, shown, title, base=before)
            if after is None or after == before:
                return
            try:
                current = read(before.id)
            except NotFoundError:
                self._deleted_meanwhile(before.title, after)
                return
            if current.version != before.version:
                merged = self.ask_conflict(self.window, catalogue, before, after, current)
                if merged is None:
                    shown = after  # back to the form, with what the person typed
                    continue
                assert isinstance(merged, type(current))
                before, after = current, merged
            if after == before:  # taking theirs whole leaves nothing to save
                return
            if save(before, after) is not None:
                return
            shown = after  # refused: the form again, with what the person typed

    def _deleted_meanwhile(self, title: str, typed: AidRecord | Meeting) -> None:
        """The row being edited was deleted meanwhile: offer to keep what was typed as a
        new one rather than lose it."""
        question = self.tr(
            "Someone deleted “{title}” while you were editing it. Save what you typed as a new one?"
        ).format(title=title)
        if not self.notifier.confirm(self.window, self.tr("Deleted meanwhile"), question,
                                     self.tr("Save as New")):  # fmt: skip
            return
        if isinstance(typed, AidRecord):
            stages = tuple(dataclasses.replace(stage, id=0) for stage in typed.stages)
            self.editor.add_record(dataclasses.replace(typed, id=0, version=0, stages=stages))
        else:
            actions = tuple(dataclasses.replace(action, id=0) for action in typed.actions)
            self.editor.add_meeting(dataclasses.replace(typed, id=0, version=0, actions=actions))

    # -- history ------------------------------------------------------------------------------

    def open_history(self, entry: HistoryEntry, old: str, new: str) -> None:
        """Show a change's earlier value whole; put it back if the person asks."""
        catalogue = self.editor.catalogue
        writable = catalogue is not None and not catalogue.read_only
        earlier = earlier_value(entry)
        if not self.ask_history(self.window, entry, old, new, writable and earlier is not None):
            return
        catalogue = self._writable()
        if catalogue is None or earlier is None:
            return
        field, value = earlier
        try:
            if entry.entity == "aid_record":
                current: AidRecord | Meeting = catalogue.record(entry.entity_id)
            else:
                current = catalogue.meeting(entry.entity_id)
        except CatalogueError as error:
            self.notifier.error(self.window, self.tr("Cannot put the value back"), error.message)
            return
        after = dataclasses.replace(current, **{field: value})
        problems = (
            record_problems(after) if isinstance(after, AidRecord) else meeting_problems(after)
        )
        if problems:
            self.notifier.error(self.window, self.tr("Cannot put the value back"),
                                problem_text(problems[0]))  # fmt: skip
        elif after == current:
            self._say(self.tr("That value is the one in the file now."))
        elif isinstance(current, AidRecord) and isinstance(after, AidRecord):
            self.editor.edit_record(current, after)
        elif isinstance(current, Meeting) and isinstance(after, Meeting):
            self.editor.edit_meeting(current, after)

    # -- many records at once -----------------------------------------------------------------

    def bulk_edit(self) -> None:
        """Set fields of every selected aid record, previewed, as one undoable step."""
        page = self.view.records_page
        count = page.selected_count() if self.view.current_browse_page() is page else 0
        if count == 0:
            self._say(self.tr("Select aid records in the table first (Shift or Ctrl+click)."))
            return
        if count > BULK_LIMIT:
            self.notifier.error(
                self.window,
                self.tr("Too many records selected"),
                self.tr(
                    "{n} records are selected; at most {limit} can be edited at once."
                    " Narrow the table with a search or filter first."
                ).format(n=page.locale().toString(count), limit=page.locale().toString(BULK_LIMIT)),
            )
            return
        catalogue = self._writable()
        if catalogue is None:
            return
        try:
            records = [catalogue.record(record_id) for record_id in page.selected_ids()]
        except CatalogueError as error:
            self.notifier.error(self.window, self.tr("Cannot read the aid records"), error.message)
            return
        pairs = self.ask_bulk(self.window, catalogue, records)
        if pairs and self.editor.edit_records(pairs):
            self._say(self.tr("{n} records changed. Edit > Undo changes them all back.").format(
                n=len(pairs)))  # fmt: skip

    # -- in the table ---------------------------------------------------------------------------

    def edit_cell(self, shown: RecordSummary | MeetingSummary, column: int, text: str) -> None:
        """Save a cell edited in place, as an undoable edit of its row, checked by the
        same rules as the form. If someone changed that field since the table was read,
        both values are offered side by side; their changes to other fields stay."""
        catalogue = self._writable()
        if catalogue is None:
            return
        locale = self.view.records_page.model.locale  # as the cell was checked
        field, value, was = _cell_field(shown, column, text, locale)
        try:
            if isinstance(shown, RecordSummary):
                current: AidRecord | Meeting = catalogue.record(shown.id)
            else:
                current = catalogue.meeting(shown.id)
        except CatalogueError as error:
            self.notifier.error(self.window, self.tr("Cannot save the change"), error.message)
            return
        after = dataclasses.replace(current, **{field: value})
        if getattr(current, field) != was:  # changed in the file since it was shown
            base = dataclasses.replace(current, **{field: was})
            merged = self.ask_conflict(self.window, catalogue, base, after, current)
            if merged is None:
                return
            after = merged
        if after == current:
            return
        problems = (
            record_problems(after) if isinstance(after, AidRecord) else meeting_problems(after)
        )
        if problems:
            self.notifier.error(self.window, self.tr("Cannot save the change"),
                                problem_text(problems[0]))  # fmt: skip
        elif isinstance(current, AidRecord) and isinstance(after, AidRecord):
            self.editor.edit_record(current, after)
        elif isinstance(current, Meeting) and isinstance(after, Meeting):
            self.editor.edit_meeting(current, after)

    def _show_problem(self, problem: str) -> None:
        if problem:
            self.window.statusBar().showMessage(problem)
        else:
            self.window.statusBar().clearMessage()

    def duplicate(self) -> None:
        shown = self._shown()
        catalogue = self._writable() if shown is not None else None
        if shown is None or catalogue is None:
            return
        if shown[0] != "record":
            self._say(self.tr("Select an aid record to duplicate it."))
            return
        try:
            original = catalogue.record(shown[1])
        except CatalogueError as error:
            self.notifier.error(self.window, self.tr("Cannot read the aid record"), error.message)
            return
        copy = dataclasses.replace(
            original,
            id=0,
            version=0,
            title=self.tr("{title} (copy)").format(title=original.title),
            stages=tuple(dataclasses.replace(stage, id=0) for stage in original.stages),
            source_ref="",  # the copy is not the record the file made
        )
        record = self._ask_record(catalogue, copy, self.tr("Duplicate Aid Record"))
        if record is not None:
            self.editor.add_record(record)

    # -- organisations ------------------------------------------------------------------------

    def merge_organisation(self) -> None:
        """Merge the organisation selected on the Organisations page into another."""
        page = self.view.directory["organisations"]
        gone = page.current_item() if self.view.stack.currentWidget() is page else None
        if not isinstance(gone, Organisation):
            self._say(self.tr("Select an organisation on the Organisations page first."))
            return
        catalogue = self._writable()
        if catalogue is None:
            return
        others = {org.name: org for org in catalogue.organisations() if org.id != gone.id}
        name = self.notifier.choose(
            self.window,
            self.tr("Merge Organisation"),
            self.tr("Merge “{name}” into:").format(name=gone.name),
            sorted(others, key=str.casefold),
        )
        if name is None or name not in others:
            return
        keep = others[name]
        question = self.tr(
            "Every aid record and person that refers to “{gone}” will refer to “{keep}”,"
            " and “{gone}” becomes one of its other names. Edit > Undo splits them again."
        ).format(gone=gone.name, keep=keep.name)
        if not self.notifier.confirm(self.window, self.tr("Merge Organisation"), question,
                                     self.tr("Merge")):  # fmt: skip
            return
        text = self.tr("Merge “{gone}” into “{keep}”").format(gone=gone.name, keep=keep.name)
        self.editor.merge_organisations(keep.id, gone.id, text)

    # -- delete -------------------------------------------------------------------------------

    def delete(self) -> None:
        if self.directory.on_directory_page():
            self.directory.delete_current()
            return
        shown = self._shown()
        if shown is None or self._writable() is None:
            return
        kind, item_id = shown
        done = (
            self.editor.delete_record(item_id)
            if kind == "record"
            else self.editor.delete_meeting(item_id)
        )
        if done:
            self._say(self.tr("Deleted. Edit > Undo brings it back with its notes."))


def _cell_field(
    shown: RecordSummary | MeetingSummary, column: int, text: str, locale: QLocale
) -> tuple[str, Any, Any]:
    """The field a table cell edits: its name, the value typed and the value shown."""
    if isinstance(shown, RecordSummary):
        if column == Column.QUANTITY:
            return "quantity", parse_whole(text, locale), shown.quantity
        return "title", text.strip(), shown.title
    if column == MeetingColumn.PLACE:
        return "place", text.strip(), shown.place
    return "title", text.strip(), shown.title
