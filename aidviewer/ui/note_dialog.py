"""Writing or changing a note on an aid record or a meeting."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from aidviewer.store import Note, NoteKind

from .dialogs import ask_unsaved, run_dialog
from .filter_dialogs import problem_and_buttons
from .form_parts import close_or_keep

KINDS: dict[NoteKind, object] = {
    NoteKind.COMMENT: QT_TRANSLATE_NOOP("NoteDialog", "Comment"),
    NoteKind.QUESTION: QT_TRANSLATE_NOOP("NoteDialog", "Question"),
    NoteKind.FOLLOW_UP: QT_TRANSLATE_NOOP("NoteDialog", "Follow-up"),
}


class NoteDialog(QDialog):
    """The note's text, its kind and its marks. OK stays disabled, and says why, while
    the text is empty."""

    def __init__(self, parent: QWidget | None, note: Note, *, new: bool) -> None:
        super().__init__(parent)
        self.setObjectName("note_dialog")
        self.note = note
        self.setWindowTitle(self.tr("New Note") if new else self.tr("Edit Note"))
        self.body = QPlainTextEdit(note.body, self)
        self.body.setObjectName("note_body")
        self.body.setAccessibleName(self.tr("Text of the note"))
        self.body.setTabChangesFocus(True)
        self.kind = QComboBox(self)
        self.kind.setObjectName("note_kind")
        for kind, label in KINDS.items():
            self.kind.addItem(QCoreApplication.translate("NoteDialog", str(label)), kind)
        self.kind.setCurrentIndex(list(KINDS).index(note.kind))
        self.pinned = QCheckBox(self.tr("&Pinned: shown above the other notes"), self)
        self.pinned.setChecked(note.pinned)
        self.resolved = QCheckBox(self.tr("&Resolved"), self)
        self.resolved.setChecked(note.resolved)
        self.problem, self.buttons = problem_and_buttons(self)
        self.problem.setObjectName("note_problem")
        form = QFormLayout(self)
        text_label = QLabel(self.tr("&Text:"), self)
        text_label.setBuddy(self.body)
        form.addRow(text_label, self.body)
        kind_label = QLabel(self.tr("&Kind:"), self)
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, self.kind)
        form.addRow("", self.pinned)
        form.addRow("", self.resolved)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.body.textChanged.connect(self._check)
        self.ask_unsaved = ask_unsaved  # tests replace this
        self.resize(460, 300)
        self._check()
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> Note:
        return dataclasses.replace(
            self.note,
            body=self.body.toPlainText(),
            kind=NoteKind(self.kind.currentData()),
            pinned=self.pinned.isChecked(),
            resolved=self.resolved.isChecked(),
        )

    def reject(self) -> None:
        """Closing with changes asks Save, Discard or Cancel."""
        savable = bool(self.body.toPlainText().strip())
        close_or_keep(self, self.value() != self.note, savable, self.ask_unsaved, super().reject)

    def _check(self) -> None:
        empty = not self.body.toPlainText().strip()
        self.problem.setText(self.tr("Write the note to save it.") if empty else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not empty)

    @classmethod
    def ask(cls, parent: QWidget | None, note: Note, *, new: bool) -> Note | None:
        """The note as the person wrote it, or None when they cancelled."""
        dialog = cls(parent, note, new=new)
        return run_dialog(dialog, dialog.value)
