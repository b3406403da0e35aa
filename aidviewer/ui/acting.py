"""What the window's groups of editing actions share: the window they act in, the
editor that makes their changes undoable, and when a change may be made at all."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from aidviewer.store import Catalogue

from .catalogue_view import CatalogueView
from .dialogs import Notifier
from .notes import NoteActions
from .undo import Editor


class Acting(QObject):
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

    def _writable(self) -> Catalogue | None:
        """The catalogue, if changes can be made and the person has given their name
        (asked for the first time here)."""
        catalogue = self.editor.catalogue
        if catalogue is None or catalogue.read_only or self.notes.staff_name() is None:
            return None
        return catalogue

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)
