"""Changes to the catalogue that Edit > Undo takes back, one QUndoCommand each.

A change is made first and pushed only once the store has taken it, so a refused change
(an empty note, a conflict, a full disk) never reaches the stack and the person sees why.
Undoing or redoing goes through the store's versions like any other save: when a
colleague has changed the row meanwhile, the step is refused, said so, and dropped from
the stack rather than overwriting their change.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from aidviewer.store import (
    AidRecord,
    Catalogue,
    CatalogueError,
    Meeting,
    Note,
    Organisation,
    OrganisationMerge,
    Person,
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
    # is there.
    rowsChanged = Signal(str, int)
    # The organisations, people or tags changed: the lists and the names shown.
    directoryChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.catalogue: Catalogue | None = None
        # (entity, id) -> the version the last step left the row at.
        self._versions: dict[tuple[str, int], int] = {}

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Work on `catalogue`; what could be undone in the previous one is forgotten."""
        self.catalogue = catalogue
        self.stack.clear()
        self._versions.clear()

    def version_of(self, entity: str, row_id: int, known: int) -> int:
        """The version to change a row at: the newest of what a step knows and what the
        steps since left it at (two edits of one record, undone one after the other:
        the older step must write on the version the newer one's undo left)."""
        return max(known, self._versions.get((entity, row_id), 0))

    def wrote(self, entity: str, row: Any) -> None:
        """A step left `row` (as saved) in the file."""
        self._versions[(entity, row.id)] = row.version

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
        catalogue, live, editor = self.catalogue, self.current, self.editor
        if target is None:
            assert live is not None
            catalogue.delete_note(live.id, editor.version_of("note", live.id, live.version))
            self.current = None
        elif live is None and target.id:  # deleted by the step before: put it back
            self.current = catalogue.restore_note(target)
        elif live is None:
            self.current = catalogue.add_note(target)
            self.after = self.current  # a redo puts back this row, with its id
        else:
            version = editor.version_of("note", live.id, live.version)
            self.current = catalogue.update_note(
                dataclasses.replace(target, id=live.id, version=version)
            )
        if self.current is not None:
            editor.wrote("note", self.current)
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
            for note in getattr(self.snapshot, "notes", ()):  # back at their next version
                self.editor.wrote("note", catalogue.note(note.id))
        self.editor.wrote(kind.name, self.row)
        _changed(self.editor, kind, self.row.id)

    def _go(self) -> None:
        catalogue, kind = self.catalogue, self.kind
        version = self.editor.version_of(kind.name, self.row.id, self.row.version)
        with catalogue.batch():
            self.snapshot = kind.snapshot(catalogue, self.row.id)
            kind.delete(catalogue, self.row.id, version)
        _changed(self.editor, kind, self.row.id)


class _RowEdit(_Command):
    """Saves a record's or meeting's new values; undoing saves the old ones back, as a
    new version."""

    def __init__(self, editor: Editor, text: str, kind: _Kind, before: Any, after: Any):
        super().__init__(editor, text)
        self.kind = kind
        self.before, self.after = before, after
        self.current = before  # the row as it stands in the file

    def apply(self) -> None:
        self._save(self.after)

    def revert(self) -> None:
        self._save(self.before)

    def _save(self, values: Any) -> None:
        kind, editor = self.kind, self.editor
        version = editor.version_of(kind.name, self.current.id, self.current.version)
        self.current = kind.update(self.catalogue, dataclasses.replace(values, version=version))
        editor.wrote(kind.name, self.current)
        _changed(editor, kind, self.current.id)


class _ManyEdits(_Command):
    """Saves many records' new values in one transaction; undoing saves all the old ones
    back, again in one."""

    def __init__(self, editor: Editor, text: str, pairs: list[tuple[AidRecord, AidRecord]]):
        super().__init__(editor, text)
        self.pairs = pairs
        self.current = [before for before, _ in pairs]  # the rows as they stand in the file

    def apply(self) -> None:
        self._save([after for _, after in self.pairs])

    def revert(self) -> None:
        self._save([before for before, _ in self.pairs])

    def _save(self, rows: list[AidRecord]) -> None:
        catalogue, editor = self.catalogue, self.editor
        with catalogue.batch():
            saved = [
                catalogue.update_record(
                    dataclasses.replace(
                        values, version=editor.version_of("record", live.id, live.version)
                    )
                )
                for values, live in zip(rows, self.current, strict=True)
            ]
        for row in saved:
            editor.wrote("record", row)
        self.current = saved
        self.editor.rowsChanged.emit("record", saved[0].id)


class _OrganisationMerge(_Command):
    def __init__(self, editor: Editor, text: str, keep_id: int, gone_id: int) -> None:
        super().__init__(editor, text)
        self.keep_id, self.gone_id = keep_id, gone_id
        self.merge: OrganisationMerge | None = None

    def apply(self) -> None:
        self.merge = self.catalogue.merge_organisations(self.keep_id, self.gone_id)
        self._wrote()

    def revert(self) -> None:
        assert self.merge is not None
        self.catalogue.undo_merge(self.merge)
        self._wrote()

    def _wrote(self) -> None:
        """The records, people and organisations the merge (or its undoing) saved anew:
        the steps before it write on these versions."""
        merge, catalogue, editor = self.merge, self.catalogue, self.editor
        assert merge is not None
        for record_id in dict.fromkeys(record_id for record_id, _ in merge.records):
            editor.wrote("record", catalogue.record(record_id))
        for person_id in merge.people:
            editor.wrote("person", catalogue.person(person_id))
        for org_id in (self.keep_id, self.gone_id):
            with contextlib.suppress(CatalogueError):  # merged away: not there
                editor.wrote("organisation", catalogue.organisation(org_id))
        editor.directoryChanged.emit()
