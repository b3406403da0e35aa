"""Edit > Preferences…: the choices a person makes once, and Help > Keyboard Shortcuts.

Preferences: the name notes and history are signed with, the page reports start on, the
language (following the system's until another is chosen), where backups go and how many
recent ones are kept, and whether aidviewer starts on the catalogue open last.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aidviewer.i18n import N_

from .settings import Settings


def _tr(text: str) -> str:
    return QCoreApplication.translate("Preferences", text)


# The languages aidviewer speaks, each in its own name (never translated); "" follows
# the system.
LANGUAGES = {"": N_("Preferences", "Follow the system"), "en": "English", "fr": "Français"}


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None, settings: Settings) -> None:
        super().__init__(parent)
        self.setObjectName("preferences_dialog")
        self.setWindowTitle(_tr("Preferences"))
        self.settings = settings
        self.staff_name = QLineEdit(settings.staff_name() or "", self)
        self.staff_name.setPlaceholderText(_tr("Your name, as notes and history show it"))
        self.staff_name.setAccessibleName(_tr("Your name"))
        self.page_size = QComboBox(self)
        self.page_size.addItems(["A4", "Letter"])
        self.page_size.setCurrentText(settings.default_page_size())
        self.page_size.setAccessibleName(_tr("Page size of reports"))
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(_tr(name) if not code else name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language()), 0))
        self.language.setAccessibleName(_tr("Language"))
        folder = settings.backup_folder()
        self.backup_folder = QLineEdit(str(folder) if folder else "", self)
        self.backup_folder.setPlaceholderText(_tr("Beside each catalogue"))
        self.backup_folder.setAccessibleName(_tr("Backup folder"))
        browse = QPushButton(_tr("&Choose…"), self)
        browse.clicked.connect(self._choose_folder)
        self.backups_kept = QSpinBox(self)
        self.backups_kept.setRange(1, 100)
        self.backups_kept.setValue(settings.backups_kept())
        self.backups_kept.setSuffix(_tr(" recent, besides daily, weekly and monthly ones"))
        self.backups_kept.setAccessibleName(_tr("Backups kept"))
        self.open_last = QCheckBox(_tr("Start with the catalogue I had open &last"), self)
        self.open_last.setChecked(settings.open_last_on_start())
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backup_folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(_tr("Your &name:"), self.staff_name)
        form.addRow(_tr("Report &page:"), self.page_size)
        form.addRow(_tr("&Language:"), self.language)
        # Widgets take their texts when they are made: a new language needs a restart.
        self.language_note = QLabel(_tr("A new language is used from the next start."), self)
        self.language_note.setWordWrap(True)
        self.language.setAccessibleDescription(self.language_note.text())
        form.addRow("", self.language_note)
        folder_label = QLabel(_tr("&Backups in:"), self)
        folder_label.setBuddy(self.backup_folder)  # a row of two: the label needs a buddy
        form.addRow(folder_label, folder_row)
        form.addRow(_tr("&Keep:"), self.backups_kept)
        form.addRow("", self.open_last)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _tr("Backup Folder"),
                                                  self.backup_folder.text())  # fmt: skip
        if chosen:
            self.backup_folder.setText(chosen)

    def save(self) -> None:
        settings = self.settings
        if self.staff_name.text().strip():
            settings.set_staff_name(self.staff_name.text())
        settings.set_default_page_size(self.page_size.currentText())
        settings.set_language(str(self.language.currentData()))
        text = self.backup_folder.text().strip()
        settings.set_backup_folder(Path(text) if text else None)
        settings.set_backups_kept(self.backups_kept.value())
        settings.set_open_last_on_start(self.open_last.isChecked())
        settings.sync()

    @classmethod
    def ask(cls, parent: QWidget | None, settings: Settings) -> bool:
        """Show the preferences; save them when accepted."""
        dialog = cls(parent, settings)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            dialog.save()
            return True
        finally:
            dialog.deleteLater()


class ShortcutsDialog(QDialog):
    """Every action of the window with its shortcut, as the menus have them."""

    def __init__(self, parent: QWidget | None, actions: list[QAction]) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(_tr("Keyboard Shortcuts"))
        rows = sorted(
            (
                (action.text().replace("&", "").rstrip("…").strip(),
                 action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
                for action in actions
                if not action.shortcut().isEmpty() and action.text()
            ),
            key=lambda row: row[0].casefold(),
        )  # fmt: skip
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName(_tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_tr("Action"), _tr("Shortcut")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (name, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 520)

    def shown(self) -> dict[str, str]:
        """What the table lists: action -> shortcut."""
        shown: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            name, keys = self.table.item(row, 0), self.table.item(row, 1)
            if name is not None and keys is not None:
                shown[name.text()] = keys.text()
        return shown
