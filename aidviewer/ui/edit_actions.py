"""New, edit, duplicate and delete for the aid record or meeting shown: the forms, the
conflict dialog and the editor's undoable steps, put together."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from aidviewer.store import AidRecord, Catalogue, CatalogueError, Meeting, Organisation

from .catalogue_view import CatalogueView
from .conflict_dialog import ConflictDialog
from .dialogs import Notifier
from .meeting_form import MeetingForm
from .notes import NoteActions
from .record_form import RecordForm
from .undo import Editor


class EditActions(QObject):
    def __init__(
        self,
        window: QMainWindow,
        view: CatalogueView,
        editor: Editor,
        notes: NoteActions,
        notifier: Notifier,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.editor = editor
        self.notes = notes
        self.notifier = notifier
        # Tests replace these, not the dialogs' internals.
        self.ask_record: Callable[..., AidRecord | None] = RecordForm.ask
        self.ask_meeting: Callable[..., Meeting | None] = MeetingForm.ask
        self.ask_conflict: Callable[..., AidRecord | None] = ConflictDialog.ask

    def _writable(self) -> Catalogue | None:
        """The catalogue, if changes can be made and the person has given their name."""
        catalogue = self.editor.catalogue
        if catalogue is None or catalogue.read_only or self.notes.staff_name() is None:
            return None
        return catalogue

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)

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
        blank = AidRecord(title="")
        record = self.ask_record(self.window, catalogue, blank, self.tr("New Aid Record"))
        if record is not None:
            self.editor.add_record(record)

    def new_meeting(self) -> None:
        catalogue = self._writable()
        if catalogue is None:
            return
        blank = Meeting(title="", starts_at="")
        meeting = self.ask_meeting(self.window, catalogue, blank, self.tr("New Meeting"))
        if meeting is not None:
            self.editor.add_meeting(meeting)

    # -- edit ---------------------------------------------------------------------------------

    def edit(self) -> None:
        """Edit the aid record or meeting shown."""
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
        shown = before
        while True:
            after = self.ask_record(self.window, catalogue, shown, self.tr("Edit Aid Record"))
            if after is None or after == before:
                return
            current = catalogue.record(before.id)
            if current.version == before.version:
                break
            # Saved by someone else meanwhile: both versions side by side, nothing lost.
            merged = self.ask_conflict(self.window, catalogue, before, after, current)
            if merged is None:
                shown = after  # back to the form, with what the person typed
                continue
            before, after = current, merged
            break
        if after != before:  # taking theirs whole leaves nothing to save
            self.editor.edit_record(before, after)

    def _edit_meeting(self, catalogue: Catalogue, before: Meeting) -> None:
        shown = before
        while True:
            after = self.ask_meeting(self.window, catalogue, shown, self.tr("Edit Meeting"))
            if after is None or after == before:
                return
            current = catalogue.meeting(before.id)
            if current.version == before.version:
                self.editor.edit_meeting(before, after)
                return
            # Saved by someone else meanwhile: say so, and show the form again on top of
            # their version, with what this person typed kept in it.
            self.notifier.error(
                self.window,
                self.tr("The meeting changed meanwhile"),
                self.tr(
                    "{who} saved this meeting at {when}, after you opened it. The form shows"
                    " their version with your changes on top: check it and save."
                ).format(who=current.updated_by, when=current.updated_at),
            )
            shown = _over(current, before, after)
            before = current

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
        )
        record = self.ask_record(self.window, catalogue, copy, self.tr("Duplicate Aid Record"))
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


# The fields of a meeting a person edits in its form.
_MEETING_FIELDS = ("title", "starts_at", "ends_at", "place", "participants", "topics",
                   "minutes", "actions", "record_ids", "source_ids")  # fmt: skip


def _over(current: Meeting, before: Meeting, after: Meeting) -> Meeting:
    """The file's version with this person's changes on top: each field they changed
    from what they had opened takes their value, every other field the file's."""
    mine = {
        f: getattr(after, f) for f in _MEETING_FIELDS if getattr(after, f) != getattr(before, f)
    }
    return dataclasses.replace(current, **mine)
