"""Adding and changing the notes of the aid record or meeting shown, from the Edit menu
(Ctrl+Shift+N) and from the links under each note in the detail pane."""

from __future__ import annotations

import dataclasses
import getpass
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from aidviewer.store import Catalogue, Note

from .detail_pane import DetailPane
from .dialogs import Notifier
from .note_dialog import NoteDialog
from .settings import Settings
from .undo import Editor, quoted


def system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password file
        return ""


class NoteActions(QObject):
    """Turns the person's requests into the editor's undoable note changes."""

    def __init__(
        self,
        editor: Editor,
        settings: Settings,
        notifier: Notifier,
        window: QWidget,
        shown: Callable[[], DetailPane | None],
    ) -> None:
        super().__init__(window)
        self.editor = editor
        self.settings = settings
        self.notifier = notifier
        self.window = window
        self._shown = shown  # the detail pane of the page in front, if any
        self.ask = NoteDialog.ask  # tests replace this, not the dialog's internals

    @property
    def catalogue(self) -> Catalogue | None:
        return self.editor.catalogue

    def can_add(self) -> bool:
        pane = self._shown()
        catalogue = self.catalogue
        return (
            catalogue is not None
            and not catalogue.read_only
            and pane is not None
            and pane.current() is not None
        )

    def staff_name(self) -> str | None:
        """The person's name for notes and history: asked the first time, with the
        operating system's user name offered, and kept in the settings."""
        name = self.settings.staff_name()
        if name is None:
            answer = self.notifier.ask_text(
                self.window,
                self.tr("Your name"),
                self.tr("Your name, as your notes and changes will be signed:"),
                system_user(),
            )
            if answer is None or not answer.strip():
                return None
            self.settings.set_staff_name(answer)
            name = answer.strip()
        if self.catalogue is not None:
            self.catalogue.user = name
        return name

    def request(self, action: str, note_id: int) -> None:
        """A link of the detail pane: "note-add", "note-edit", … with the note's id."""
        if action == "note-add":
            self.add()
            return
        note = next((n for n in self._notes() if n.id == note_id), None)
        if note is None or self.staff_name() is None:
            return
        if action == "note-edit":
            shown = note
            # A refused save has been said; the note comes back as typed, never lost.
            while (changed := self.ask(self.window, shown, new=False)) is not None:
                if changed == note or self.editor.edit_note(note, changed) is not None:
                    break
                shown = changed
        elif action == "note-resolve":
            done = not note.resolved
            text = self.tr("Resolve Note “{text}”") if done else self.tr("Reopen Note “{text}”")
            after = dataclasses.replace(note, resolved=done)
            self.editor.edit_note(note, after, text.format(text=quoted(note.body)))
        elif action == "note-pin":
            pin = not note.pinned
            text = self.tr("Pin Note “{text}”") if pin else self.tr("Unpin Note “{text}”")
            after = dataclasses.replace(note, pinned=pin)
            self.editor.edit_note(note, after, text.format(text=quoted(note.body)))
        elif action == "note-delete":
            self.editor.delete_note(note)

    def add(self) -> None:
        """Write a new note on what the detail pane shows."""
        pane = self._shown()
        target = pane.current() if pane is not None else None
        if target is None or not self.can_add():
            return
        author = self.staff_name()
        if author is None:
            return
        kind, item_id = target
        blank = Note(
            body="",
            author=author,
            record_id=item_id if kind == "record" else None,
            meeting_id=item_id if kind == "meeting" else None,
        )
        while (note := self.ask(self.window, blank, new=True)) is not None:
            if self.editor.add_note(note) is not None:
                return
            blank = note  # refused, and said why: the note again, as typed

    def _notes(self) -> tuple[Note, ...]:
        pane = self._shown()
        return pane.notes() if pane is not None else ()
