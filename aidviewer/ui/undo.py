"""Changes to the catalogue that Edit > Undo takes back, one QUndoCommand each.

A change is made first and pushed only once the store has taken it, so a refused change
(an empty note, a conflict, a full disk) never reaches the stack and the person sees why.
Undoing or redoing goes through the store's versions like any other save: when a
colleague has changed the row meanwhile, the step is refused, said so, and dropped from
the stack rather than overwriting their change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from aidviewer.store import (
    AidRecord,
    Catalogue,
    CatalogueError,
    Meeting,
    MeetingSnapshot,
    Note,
    OrganisationMerge,
    RecordSnapshot,
)

# The longest part of a note quoted in an action's name ("Undo Delete Note 'Check…'").
QUOTED = 30


def _tr(text: str) -> str:
    return QCoreApplication.translate("Editor", text)


def quoted(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTED else flat[: QUOTED - 1] + "…"


class Editor(QObject):
    """Makes the changes a person asks for in the open catalogue, with undo and redo."""

    # ("record" or "meeting", id) whose details changed: show them again.
    changed = Signal(str, int)
    # (title, one sentence): a change, an undo or a redo was refused.
    failed = Signal(str, str)
    # ("record", id): a row came or went; the tables must read again, and show it if it
    # is there.
    rowsChanged = Signal(str, int)
    # The organisations, people or tags changed: the lists and the names shown.
    directoryChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.catalogue: Catalogue | None = None

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Work on `catalogue`; what could be undone in the previous one is forgotten."""
        self.catalogue = catalogue
        self.stack.clear()

    # -- notes ----------------------------------------------------------------------------

    def add_note(self, note: Note) -> Note | None:
        """Add `note`; the note as saved, or None when the store refused it."""
        text = _tr("Add Note “{text}”").format(text=quoted(note.body))
        command = _NoteCommand(self, text, None, note)
        return command.current if self._push(command) else None

    def edit_note(self, before: Note, after: Note, text: str = "") -> Note | None:
        """Save `after` over `before` (as read); `text` names the step in the Edit menu."""
        text = text or _tr("Edit Note “{text}”").format(text=quoted(after.body))
        command = _NoteCommand(self, text, before, after)
        return command.current if self._push(command) else None

    def delete_note(self, note: Note) -> bool:
        text = _tr("Delete Note “{text}”").format(text=quoted(note.body))
        return self._push(_NoteCommand(self, text, note, None))

    # -- records --------------------------------------------------------------------------

    def add_record(self, record: AidRecord) -> AidRecord | None:
        """Add a new record (a duplicate too); the record as saved, or None if refused."""
        command = _RecordAddition(
            self, _tr("New “{title}”").format(title=quoted(record.title)), record
        )
        return command.saved if self._push(command) else None

    def edit_record(self, before: AidRecord, after: AidRecord) -> AidRecord | None:
        """Save `after` over `before`, the record as the form read it: a conflict if
        someone saved it since."""
        text = _tr("Edit “{title}”").format(title=quoted(after.title))
        command = _RecordEdit(self, text, before, after)
        return command.current if self._push(command) else None

    def delete_record(self, record_id: int) -> bool:
        """Delete a record with its notes and meeting links; undo puts all of it back."""
        catalogue = self.catalogue
        if catalogue is None:
            return False
        try:
            snapshot = catalogue.record_snapshot(record_id)
        except CatalogueError as error:
            self.failed.emit(_tr("Cannot delete the aid record"), error.message)
            return False
        text = _tr("Delete “{title}”").format(title=quoted(snapshot.record.title))
        return self._push(_RecordDeletion(self, text, snapshot))

    # -- meetings -------------------------------------------------------------------------

    def add_meeting(self, meeting: Meeting) -> Meeting | None:
        text = _tr("New “{title}”").format(title=quoted(meeting.title))
        command = _MeetingAddition(self, text, meeting)
        return command.saved if self._push(command) else None

    def edit_meeting(self, before: Meeting, after: Meeting) -> Meeting | None:
        text = _tr("Edit “{title}”").format(title=quoted(after.title))
        command = _MeetingEdit(self, text, before, after)
        return command.current if self._push(command) else None

    def delete_meeting(self, meeting_id: int) -> bool:
        catalogue = self.catalogue
        if catalogue is None:
            return False
        try:
            snapshot = catalogue.meeting_snapshot(meeting_id)
        except CatalogueError as error:
            self.failed.emit(_tr("Cannot delete the meeting"), error.message)
            return False
        text = _tr("Delete “{title}”").format(title=quoted(snapshot.meeting.title))
        return self._push(_MeetingDeletion(self, text, snapshot))

    # -- organisations --------------------------------------------------------------------

    def merge_organisations(self, keep_id: int, gone_id: int, text: str) -> bool:
        """Merge one organisation into another; undo splits them again exactly."""
        return self._push(_OrganisationMerge(self, text, keep_id, gone_id))

    # -- the stack ------------------------------------------------------------------------

    def _push(self, command: _Command) -> bool:
        """Make the change; push it only if the store took it."""
        if not command.attempt(command.apply):
            return False
        command.applied_once = True
        self.stack.push(command)  # calls redo(), which the flag above skips
        return True


class _Command(QUndoCommand):
    def __init__(self, editor: Editor, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.applied_once = False

    @property
    def catalogue(self) -> Catalogue:
        catalogue = self.editor.catalogue
        if catalogue is None:
            raise CatalogueError(_tr("No catalogue is open."))
        return catalogue

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def attempt(self, step: Callable[[], None]) -> bool:
        try:
            step()
        except CatalogueError as error:
            self.editor.failed.emit(self.text(), error.message)
            return False
        return True

    def redo(self) -> None:
        if self.applied_once:
            self.applied_once = False
            return
        if not self.attempt(self.apply):
            self.setObsolete(True)  # the stack drops a step that can no longer be made

    def undo(self) -> None:
        if not self.attempt(self.revert):
            self.setObsolete(True)


class _NoteCommand(_Command):
    """Adds (before None), edits (both) or deletes (after None) one note. A note added
    again by a redo, or brought back by undoing its deletion, is put back with its own id,
    author and creation time; the command follows the row from step to step."""

    def __init__(self, editor: Editor, text: str, before: Note | None, after: Note | None):
        super().__init__(editor, text)
        self.before = before
        self.after = after
        self.current = before  # the row as it stands in the file now, None when absent

    def apply(self) -> None:
        self._become(self.after)

    def revert(self) -> None:
        self._become(self.before)

    def _become(self, target: Note | None) -> None:
        catalogue, live = self.catalogue, self.current
        if target is None:
            assert live is not None
            catalogue.delete_note(live.id, live.version)
            self.current = None
        elif live is None and target.id:  # deleted by the step before: put it back
            self.current = catalogue.restore_note(target)
        elif live is None:
            self.current = catalogue.add_note(target)
            self.after = self.current  # a redo puts back this row, with its id
        else:
            self.current = catalogue.update_note(
                dataclasses.replace(target, id=live.id, version=live.version)
            )
        owner = target or live
        assert owner is not None
        if owner.record_id is not None:
            self.editor.changed.emit("record", owner.record_id)
        elif owner.meeting_id is not None:
            self.editor.changed.emit("meeting", owner.meeting_id)


class _RecordDeletion(_Command):
    """Deletes an aid record; undoing it puts the record back from its snapshot, with its
    id, stages, sources, tags, notes and meeting links."""

    def __init__(self, editor: Editor, text: str, snapshot: RecordSnapshot) -> None:
        super().__init__(editor, text)
        self.snapshot = snapshot
        self.version = snapshot.record.version  # of the row as it stands in the file

    def apply(self) -> None:
        record_id = self.snapshot.record.id
        self.catalogue.delete_record(record_id, self.version)
        self.editor.rowsChanged.emit("record", record_id)

    def revert(self) -> None:
        restored = self.catalogue.restore_record(self.snapshot)
        self.version = restored.version
        self.editor.rowsChanged.emit("record", restored.id)


class _RecordAddition(_Command):
    """Adds a record; undoing deletes it (a snapshot keeps it), redoing puts it back with
    the same id."""

    def __init__(self, editor: Editor, text: str, record: AidRecord) -> None:
        super().__init__(editor, text)
        self.record = record
        self.saved: AidRecord | None = None
        self.snapshot: RecordSnapshot | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            self.saved = self.catalogue.add_record(self.record)
        else:
            self.saved = self.catalogue.restore_record(self.snapshot)
        self.editor.rowsChanged.emit("record", self.saved.id)

    def revert(self) -> None:
        assert self.saved is not None
        catalogue = self.catalogue
        # One transaction: nothing can slip in between the snapshot and the deletion,
        # which is conditioned on the version this step saved (a colleague's later
        # edit makes the undo a conflict, not a silent loss).
        with catalogue.batch():
            self.snapshot = catalogue.record_snapshot(self.saved.id)
            catalogue.delete_record(self.saved.id, self.saved.version)
        self.editor.rowsChanged.emit("record", self.saved.id)


class _RecordEdit(_Command):
    """Saves a record's new values; undoing saves the old ones back, as a new version."""

    def __init__(self, editor: Editor, text: str, before: AidRecord, after: AidRecord) -> None:
        super().__init__(editor, text)
        self.before, self.after = before, after
        self.current = before  # the record as it stands in the file

    def apply(self) -> None:
        self._save(self.after)

    def revert(self) -> None:
        self._save(self.before)

    def _save(self, values: AidRecord) -> None:
        self.current = self.catalogue.update_record(
            dataclasses.replace(values, version=self.current.version)
        )
        self.editor.rowsChanged.emit("record", self.current.id)


class _MeetingAddition(_Command):
    def __init__(self, editor: Editor, text: str, meeting: Meeting) -> None:
        super().__init__(editor, text)
        self.meeting = meeting
        self.saved: Meeting | None = None
        self.snapshot: MeetingSnapshot | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            self.saved = self.catalogue.add_meeting(self.meeting)
        else:
            self.saved = self.catalogue.restore_meeting(self.snapshot)
        self.editor.rowsChanged.emit("meeting", self.saved.id)

    def revert(self) -> None:
        assert self.saved is not None
        catalogue = self.catalogue
        with catalogue.batch():  # as for a record: one transaction, on the saved version
            self.snapshot = catalogue.meeting_snapshot(self.saved.id)
            catalogue.delete_meeting(self.saved.id, self.saved.version)
        self.editor.rowsChanged.emit("meeting", self.saved.id)


class _MeetingEdit(_Command):
    def __init__(self, editor: Editor, text: str, before: Meeting, after: Meeting) -> None:
        super().__init__(editor, text)
        self.before, self.after = before, after
        self.current = before

    def apply(self) -> None:
        self._save(self.after)

    def revert(self) -> None:
        self._save(self.before)

    def _save(self, values: Meeting) -> None:
        self.current = self.catalogue.update_meeting(
            dataclasses.replace(values, version=self.current.version)
        )
        self.editor.rowsChanged.emit("meeting", self.current.id)


class _MeetingDeletion(_Command):
    def __init__(self, editor: Editor, text: str, snapshot: MeetingSnapshot) -> None:
        super().__init__(editor, text)
        self.snapshot = snapshot
        self.version = snapshot.meeting.version

    def apply(self) -> None:
        meeting_id = self.snapshot.meeting.id
        self.catalogue.delete_meeting(meeting_id, self.version)
        self.editor.rowsChanged.emit("meeting", meeting_id)

    def revert(self) -> None:
        restored = self.catalogue.restore_meeting(self.snapshot)
        self.version = restored.version
        self.editor.rowsChanged.emit("meeting", restored.id)


class _OrganisationMerge(_Command):
    def __init__(self, editor: Editor, text: str, keep_id: int, gone_id: int) -> None:
        super().__init__(editor, text)
        self.keep_id, self.gone_id = keep_id, gone_id
        self.merge: OrganisationMerge | None = None

    def apply(self) -> None:
        self.merge = self.catalogue.merge_organisations(self.keep_id, self.gone_id)
        self.editor.directoryChanged.emit()

    def revert(self) -> None:
        assert self.merge is not None
        self.catalogue.undo_merge(self.merge)
        self.editor.directoryChanged.emit()
