"""Changes to the catalogue that Edit > Undo takes back, one QUndoCommand each.

A change is made first and pushed only once the store has taken it, so a refused change
(an empty note, a conflict, a full disk) never reaches the stack and the person sees why.

Undoing or redoing a step changes only the fields the step changed, on the row as it is
in the file now: a colleague's change to other fields since stays. If someone changed one
of the step's own fields meanwhile (or, for a row the step would delete, anything at all),
the step is refused, said so, and dropped from the stack rather than overwriting their
change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from aidviewer.models.formatting import local_time
from aidviewer.store import (
    AidRecord,
    Catalogue,
    CatalogueError,
    Meeting,
    Note,
    Organisation,
    OrganisationMerge,
    Person,
    RecordSnapshot,
    Source,
)

Row = TypeVar("Row", AidRecord, Meeting)
Entry = TypeVar("Entry", Organisation, Person, Source)

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
    # is there (id 0: many rows changed; show none in particular).
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

    # -- records and meetings ---------------------------------------------------------------

    def add_record(self, record: AidRecord) -> AidRecord | None:
        """Add a new record (a duplicate too); the record as saved, or None if refused."""
        return self._add(RECORDS, record, record.title)

    def edit_record(self, before: AidRecord, after: AidRecord) -> AidRecord | None:
        """Save `after` over `before`, the record as the form read it: a conflict if
        someone saved it since."""
        return self._edit(RECORDS, before, after, after.title)

    def delete_record(self, record_id: int) -> bool:
        """Delete a record with its notes and meeting links; undo puts all of it back."""
        return self._delete(RECORDS, record_id, _tr("Cannot delete the aid record"))

    def add_meeting(self, meeting: Meeting) -> Meeting | None:
        return self._add(MEETINGS, meeting, meeting.title)

    def edit_meeting(self, before: Meeting, after: Meeting) -> Meeting | None:
        return self._edit(MEETINGS, before, after, after.title)

    def delete_meeting(self, meeting_id: int) -> bool:
        return self._delete(MEETINGS, meeting_id, _tr("Cannot delete the meeting"))

    # -- organisations, people and sources -------------------------------------------------

    def add_entry(self, row: Entry) -> Entry | None:
        """Add an organisation, a person or a source; the row as saved, or None."""
        kind = _ENTRIES[type(row)]
        command = _Presence(self, _tr("New “{title}”").format(title=quoted(_label(row))), kind)
        command.row = row
        saved: Entry | None = command.row if self._push(command) else None
        return saved

    def edit_entry(self, before: Entry, after: Entry) -> Entry | None:
        kind = _ENTRIES[type(after)]
        text = _tr("Edit “{title}”").format(title=quoted(_label(after)))
        command = _RowEdit(self, text, kind, before, after)
        saved: Entry | None = command.current if self._push(command) else None
        return saved

    def delete_entry(self, row: Organisation | Person | Source) -> bool:
        """Delete an organisation, a person or a source that nothing needs; undo puts it
        back with what it had (an organisation's people, a person's follow-ups)."""
        kind = _ENTRIES[type(row)]
        text = _tr("Delete “{title}”").format(title=quoted(_label(row)))
        command = _Presence(self, text, kind, present=True)
        command.row = row
        return self._push(command)

    def _add(self, kind: _Kind, row: Row, title: str) -> Row | None:
        command = _Presence(self, _tr("New “{title}”").format(title=quoted(title)), kind)
        command.row = row
        saved: Row | None = command.row if self._push(command) else None
        return saved

    def _edit(self, kind: _Kind, before: Row, after: Row, title: str) -> Row | None:
        text = _tr("Edit “{title}”").format(title=quoted(title))
        command = _RowEdit(self, text, kind, before, after)
        saved: Row | None = command.current if self._push(command) else None
        return saved

    def _delete(self, kind: _Kind, row_id: int, refused: str) -> bool:
        catalogue = self.catalogue
        if catalogue is None:
            return False
        try:
            row = kind.read(catalogue, row_id)
        except CatalogueError as error:
            self.failed.emit(refused, error.message)
            return False
        text = _tr("Delete “{title}”").format(title=quoted(row.title))
        command = _Presence(self, text, kind, present=True)
        command.row = row
        return self._push(command)

    def edit_records(self, pairs: list[tuple[AidRecord, AidRecord]]) -> bool:
        """Save many records at once, (before, after) each, as one step: all of them or,
        if one changed in the file meanwhile, none."""
        count = len(pairs)
        text = (
            _tr("Edit “{title}”").format(title=quoted(pairs[0][1].title))
            if count == 1
            else _tr("Edit {n} Records").format(n=count)
        )
        return self._push(_ManyEdits(self, text, pairs))

    def record_import(
        self,
        text: str,
        made_ids: list[int],
        updated: list[tuple[AidRecord, int]],
        made_notes: list[int] | None = None,
    ) -> None:
        """An import already saved, as one step: undo takes the records it made away and
        puts the ones it updated (each as it was before, with the version the import
        saved it at) back; redo brings the import back. A record someone changed since
        makes the step refuse rather than lose their change."""
        notes = made_notes if made_notes is not None else [0] * len(made_ids)
        command = _Imported(self, text, dict.fromkeys(made_ids, 1), updated)
        command.notes = dict(zip(made_ids, notes, strict=True))
        command.applied_once = True
        self.stack.push(command)

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
        self.change: _Change | None = None  # an edit's fields, once made

    def apply(self) -> None:
        self._become(self.after)

    def revert(self) -> None:
        self._become(self.before)

    def _become(self, target: Note | None) -> None:
        catalogue, live = self.catalogue, self.current
        if target is None:
            assert live is not None
            with catalogue.batch():
                now = catalogue.note(live.id)
                if _content(now) != _content(live):
                    raise _changed_meanwhile(now)
                catalogue.delete_note(now.id, now.version)
            self.current = None
        elif live is None and target.id:  # deleted by the step before: put it back
            self.current = catalogue.restore_note(target)
        elif live is None:
            self.current = catalogue.add_note(target)
            self.after = self.current  # a redo puts back this row, with its id
        else:
            if self.change is None:
                assert self.before is not None and self.after is not None
                self.change = _Change(NOTES, self.before, self.after)
            self.current = self.change.make(catalogue, undo=target is self.before)
        owner = target or live
        assert owner is not None
        if owner.record_id is not None:
            self.editor.changed.emit("record", owner.record_id)
        elif owner.meeting_id is not None:
            self.editor.changed.emit("meeting", owner.meeting_id)


@dataclass(frozen=True)
class _Kind:
    """How the store adds, reads, changes, deletes and puts back one kind of row."""

    name: str  # "record" or "meeting", as rowsChanged says it; or a directory's entry
    add: Callable[[Catalogue, Any], Any]
    read: Callable[[Catalogue, int], Any]
    update: Callable[[Catalogue, Any], Any]
    snapshot: Callable[[Catalogue, int], Any]
    delete: Callable[[Catalogue, int, int], None]
    restore: Callable[[Catalogue, Any], Any]
    directory: bool = False  # an organisation, person or source: directoryChanged


RECORDS = _Kind(
    "record", Catalogue.add_record, Catalogue.record, Catalogue.update_record,
    Catalogue.record_snapshot, Catalogue.delete_record, Catalogue.restore_record,
)  # fmt: skip
MEETINGS = _Kind(
    "meeting", Catalogue.add_meeting, Catalogue.meeting, Catalogue.update_meeting,
    Catalogue.meeting_snapshot, Catalogue.delete_meeting, Catalogue.restore_meeting,
)  # fmt: skip


ORGANISATIONS = _Kind(
    "organisation", Catalogue.add_organisation, Catalogue.organisation,
    Catalogue.update_organisation, Catalogue.organisation_snapshot,
    Catalogue.delete_organisation, Catalogue.restore_organisation, directory=True,
)  # fmt: skip
PEOPLE = _Kind(
    "person", Catalogue.add_person, Catalogue.person, Catalogue.update_person,
    Catalogue.person_snapshot, Catalogue.delete_person, Catalogue.restore_person,
    directory=True,
)  # fmt: skip
SOURCES = _Kind(
    "source", Catalogue.add_source, Catalogue.source, Catalogue.update_source,
    Catalogue.source, Catalogue.delete_source, Catalogue.restore_source, directory=True,
)  # fmt: skip
_ENTRIES: dict[type, _Kind] = {Organisation: ORGANISATIONS, Person: PEOPLE, Source: SOURCES}


def _label(row: Organisation | Person | Source) -> str:
    return row.title if isinstance(row, Source) else row.name


def _changed(editor: Editor, kind: _Kind, row_id: int) -> None:
    if kind.directory:
        editor.directoryChanged.emit()
    else:
        editor.rowsChanged.emit(kind.name, row_id)


NOTES = _Kind(
    "note", Catalogue.add_note, Catalogue.note, Catalogue.update_note, Catalogue.note,
    Catalogue.delete_note, Catalogue.restore_note,
)  # fmt: skip

# What the store keeps about a row besides what a person changes.
_META = frozenset({"id", "version", "created_at", "updated_at", "updated_by"})


def _content(row: Any) -> dict[str, Any]:
    """What a person can change in a row, comparable between readings: the store's
    bookkeeping left out, and the ids of a record's stages or a meeting's actions too
    (a save may number them anew)."""
    return {
        field.name: _plain(getattr(row, field.name))
        for field in dataclasses.fields(row)
        if field.name not in _META
    }


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    numbered = (
        dataclasses.is_dataclass(value)
        and not isinstance(value, type)
        and any(field.name == "id" for field in dataclasses.fields(value))
    )
    return dataclasses.replace(value, id=0) if numbered else value


def _changed_meanwhile(now: Any) -> CatalogueError:
    return CatalogueError(
        _tr(
            "{who} changed this at {when}, after this step: undoing or redoing it would"
            " overwrite that."
        ).format(who=now.updated_by or _tr("Someone"), when=local_time(now.updated_at))
    )


class _Change:
    """The fields one step changes in one row, with their values before and after: what
    undo and redo carry over to the row as it is in the file then."""

    def __init__(self, kind: _Kind, before: Any, after: Any) -> None:
        self.kind = kind
        self.row_id = before.id
        was, want = _content(before), _content(after)
        fields = [name for name in want if was[name] != want[name]]
        self.before = {name: getattr(before, name) for name in fields}
        self.after = {name: getattr(after, name) for name in fields}

    def make(self, catalogue: Catalogue, *, undo: bool = False) -> Any:
        """Change the step's fields from their values before it to after (or back, to
        undo) on the row as it is in the file now, and nothing else: refused if someone
        has changed one of them to a third value meanwhile. The row as saved; the first
        time, the values after are taken as the store keeps them."""
        was, want = (self.after, self.before) if undo else (self.before, self.after)
        now = self.kind.read(catalogue, self.row_id)
        have = _content(now)
        if any(have[name] not in (_plain(was[name]), _plain(want[name])) for name in want):
            raise _changed_meanwhile(now)
        if any(have[name] != _plain(want[name]) for name in want):
            now = self.kind.update(catalogue, dataclasses.replace(now, **want))
        if not undo:
            self.after = {name: getattr(now, name) for name in self.after}
        return now


class _Presence(_Command):
    """A record or meeting coming into the file (New) or going from it (Delete), and
    back. Going takes a snapshot and deletes in one transaction, on the version the row
    is known at, so that nothing slips in between and a colleague's later edit makes the
    step a conflict rather than a silent loss; coming back puts the snapshot back with
    the same ids."""

    def __init__(self, editor: Editor, text: str, kind: _Kind, *, present: bool = False):
        super().__init__(editor, text)
        self.kind = kind
        self.present_first = present  # False for New, True for Delete
        self.row: Any = None  # the row as it stands (or stood) in the file
        self.snapshot: Any = None  # what puts the row back as it was

    def apply(self) -> None:
        self._go() if self.present_first else self._come()

    def revert(self) -> None:
        self._come() if self.present_first else self._go()

    def _come(self) -> None:
        catalogue, kind = self.catalogue, self.kind
        if self.snapshot is None:
            self.row = kind.add(catalogue, self.row)
        else:
            self.row = kind.restore(catalogue, self.snapshot)
        _changed(self.editor, kind, self.row.id)

    def _go(self) -> None:
        catalogue, kind = self.catalogue, self.kind
        with catalogue.batch():
            now = kind.read(catalogue, self.row.id)
            if _content(now) != _content(self.row):  # changed since: theirs would go
                raise _changed_meanwhile(now)
            self.snapshot = kind.snapshot(catalogue, now.id)
            kind.delete(catalogue, now.id, now.version)
        _changed(self.editor, kind, self.row.id)


class _RowEdit(_Command):
    """Saves a record's or meeting's new values; undoing saves the old ones back, as a
    new version."""

    def __init__(self, editor: Editor, text: str, kind: _Kind, before: Any, after: Any):
        super().__init__(editor, text)
        self.kind = kind
        self.change = _Change(kind, before, after)
        self.current = before  # the row as it stands in the file

    def apply(self) -> None:
        self.current = self.change.make(self.catalogue)
        _changed(self.editor, self.kind, self.current.id)

    def revert(self) -> None:
        self.current = self.change.make(self.catalogue, undo=True)
        _changed(self.editor, self.kind, self.current.id)


class _ManyEdits(_Command):
    """Saves many records' new values in one transaction; undoing saves all the old ones
    back, again in one."""

    def __init__(self, editor: Editor, text: str, pairs: list[tuple[AidRecord, AidRecord]]):
        super().__init__(editor, text)
        self.changes = [_Change(RECORDS, before, after) for before, after in pairs]

    def apply(self) -> None:
        self._make(undo=False)

    def revert(self) -> None:
        self._make(undo=True)

    def _make(self, *, undo: bool) -> None:
        catalogue = self.catalogue
        with catalogue.batch():
            for change in self.changes:
                change.make(catalogue, undo=undo)
        self.editor.rowsChanged.emit("record", 0)  # many: no one row to go to


class _Imported(_Command):
    """The records an import made or updated, gone back or brought again in one
    transaction."""

    def __init__(
        self,
        editor: Editor,
        text: str,
        made: dict[int, int],
        updated: list[tuple[AidRecord, int]],
    ) -> None:
        super().__init__(editor, text)
        self.made = made  # record id -> the version it is known at
        self.updated = updated  # (the record before the import, the version after)
        self.snapshots: list[RecordSnapshot] = []
        self.changes: list[_Change] = []
        self.notes: dict[int, int] = {}  # record id -> the notes it had from the import

    def revert(self) -> None:
        catalogue = self.catalogue
        with catalogue.batch():
            snapshots = []
            for record_id, version in self.made.items():
                now = catalogue.record(record_id)
                snapshot = catalogue.record_snapshot(record_id)
                noted = len(snapshot.notes) != self.notes.get(record_id, len(snapshot.notes))
                if now.version != version or noted or snapshot.meeting_ids:
                    raise _changed_meanwhile(now)  # its own, a note or a meeting's link
                snapshots.append(snapshot)
                catalogue.delete_record(record_id, version)
            changes = []
            for before, version in self.updated:
                now = catalogue.record(before.id)
                if now.version != version:
                    raise _changed_meanwhile(now)
                change = _Change(RECORDS, before, now)
                change.make(catalogue, undo=True)
                changes.append(change)
        self.snapshots, self.changes = snapshots, changes
        self.editor.rowsChanged.emit("record", 0)

    def apply(self) -> None:
        catalogue = self.catalogue
        with catalogue.batch():
            made = {}
            for snapshot in self.snapshots:
                restored = catalogue.restore_record(snapshot)
                made[restored.id] = restored.version
                self.notes[restored.id] = len(snapshot.notes)
            updated = []
            for (before, _), change in zip(self.updated, self.changes, strict=True):
                now = change.make(catalogue)
                updated.append((before, now.version))
        self.made, self.updated = made, updated
        self.editor.rowsChanged.emit("record", 0)


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
