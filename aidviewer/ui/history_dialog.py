"""An earlier value from the history, whole: read it, copy it, or put it back.

The history table shows a line of each change; this shows the value before and after in
full (a description, the minutes), as plain text. A simple field of an aid record or a
meeting can be put back as it was: that is an edit like any other, checked, logged and
undoable.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from aidviewer.models.formatting import local_time
from aidviewer.store import AidType, HistoryEntry

from .dialogs import run_dialog

# The fields whose earlier value can be put back, per entity, with their names.
_RECORD_FIELDS: dict[str, object] = {
    "title": QT_TRANSLATE_NOOP("HistoryDialog", "Title"),
    "description": QT_TRANSLATE_NOOP("HistoryDialog", "Description"),
    "item": QT_TRANSLATE_NOOP("HistoryDialog", "Item"),
    "unit": QT_TRANSLATE_NOOP("HistoryDialog", "Unit"),
    "quantity": QT_TRANSLATE_NOOP("HistoryDialog", "Quantity"),
    "aid_type": QT_TRANSLATE_NOOP("HistoryDialog", "Aid type"),
    "category_id": QT_TRANSLATE_NOOP("HistoryDialog", "Category"),
    "donor_id": QT_TRANSLATE_NOOP("HistoryDialog", "Donor"),
    "recipient_id": QT_TRANSLATE_NOOP("HistoryDialog", "Recipient"),
    "implementer_id": QT_TRANSLATE_NOOP("HistoryDialog", "Implementer"),
    "tags": QT_TRANSLATE_NOOP("HistoryDialog", "Tags"),
}
_MEETING_FIELDS: dict[str, object] = {
    "title": QT_TRANSLATE_NOOP("HistoryDialog", "Title"),
    "place": QT_TRANSLATE_NOOP("HistoryDialog", "Place"),
    "minutes": QT_TRANSLATE_NOOP("HistoryDialog", "Minutes"),
    "starts_at": QT_TRANSLATE_NOOP("HistoryDialog", "Starts"),
    "ends_at": QT_TRANSLATE_NOOP("HistoryDialog", "Ends"),
}
PUT_BACK = {"aid_record": _RECORD_FIELDS, "meeting": _MEETING_FIELDS}


def earlier_value(entry: HistoryEntry) -> tuple[str, Any] | None:
    """(dataclass field, value) that puts the entry's old value back, or None when the
    field is not one that can be put back as it was."""
    if entry.action != "update" or entry.field not in PUT_BACK.get(entry.entity, {}):
        return None
    text = entry.old if entry.old is not None else ""
    field = entry.field
    if field == "quantity" or field.endswith("_id"):
        return field, int(text) if text.strip().lstrip("-").isdigit() else None
    if field == "aid_type":
        return (field, AidType(text)) if text in {t.value for t in AidType} else None
    if field == "tags":
        return field, tuple(tag.strip() for tag in text.split(",") if tag.strip())
    return field, text


class HistoryValueDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, entry: HistoryEntry, old: str, new: str, can_put_back: bool
    ) -> None:
        super().__init__(parent)
        self.setObjectName("history_value_dialog")
        self.setWindowTitle(self.tr("Earlier Value"))
        label = PUT_BACK.get(entry.entity, {}).get(entry.field)
        name = QCoreApplication.translate("HistoryDialog", str(label)) if label else entry.field
        heading = QLabel(
            self.tr("{field}, changed by {who} at {when}").format(
                field=name, who=entry.who or self.tr("someone"), when=local_time(entry.at)
            ),
            self,
        )
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.before = self._text(old, "history_before")
        self.after = self._text(new, "history_after")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = self.buttons.addButton(
            self.tr("&Copy Earlier Value"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy)
        self.put_back_button = self.buttons.addButton(
            self.tr("&Put Back Earlier Value"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.put_back_button.setEnabled(can_put_back)
        if not can_put_back:
            self.put_back_button.setToolTip(
                self.tr("This change can be made again in the form; copy the value from here.")
            )
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        layout = QGridLayout(self)
        layout.addWidget(heading, 0, 0, 1, 2)
        for column, (caption, text) in enumerate(
            ((self.tr("Before"), self.before), (self.tr("After"), self.after))
        ):
            title = QLabel(caption, self)
            title.setBuddy(text)
            layout.addWidget(title, 1, column)
            layout.addWidget(text, 2, column)
        layout.addWidget(self.buttons, 3, 0, 1, 2)
        self.resize(720, 360)

    def _text(self, value: str, name: str) -> QPlainTextEdit:
        text = QPlainTextEdit(self)
        text.setObjectName(name)
        text.setPlainText(value)
        text.setReadOnly(True)
        text.setTabChangesFocus(True)
        return text

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.before.toPlainText())

    @classmethod
    def ask(
        cls, parent: QWidget | None, entry: HistoryEntry, old: str, new: str, can_put_back: bool
    ) -> bool:
        """Show the value; True when the person asks to put it back."""
        dialog = cls(parent, entry, old, new, can_put_back)
        return run_dialog(dialog, lambda: True) is True
