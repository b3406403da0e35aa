"""The first launch: a short welcome, and the application's icon.

On the very first launch aidviewer makes the person's catalogue from the sample content
and says so: what the sample is, and that they may explore it, start an empty catalogue
of their own, or bring their data in from a file.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from aidviewer.resources import resource


def _tr(text: str) -> str:
    return QCoreApplication.translate("Welcome", text)


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The application's icon at every size it is drawn in, sharp on any screen."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource("icons", "hicolor", f"{size}x{size}", "apps", "aidviewer.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


class Choice(Enum):
    EXPLORE = "explore"
    EMPTY = "empty"
    IMPORT = "import"


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_dialog")
        self.setWindowTitle(_tr("Welcome to aidviewer"))
        self.choice = Choice.EXPLORE
        text = QLabel(
            _tr(
                "Your catalogue is ready, with a sample in it: Lithuania's military aid to"
                " Ukraine, as the Lithuanian Ministry of National Defence reported it on 10"
                " November 2023, with the meetings where it was discussed. Look around: every"
                " change you make can be undone, and your catalogue is backed up by itself.\n\n"
                "When you are ready, start an empty catalogue of your own, or bring your data"
                " in from a spreadsheet, an IATI file, the Kiel Support Tracker or OCHA FTS."
            ),
            self,
        )
        text.setWordWrap(True)
        text.setTextFormat(text.textFormat().PlainText)
        buttons = QDialogButtonBox(self)
        explore = buttons.addButton(_tr("&Explore the Sample"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        empty = QPushButton(_tr("&Start an Empty Catalogue…"), self)
        imported = QPushButton(_tr("&Import a File…"), self)
        buttons.addButton(empty, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(imported, QDialogButtonBox.ButtonRole.ActionRole)
        explore.setDefault(True)
        explore.clicked.connect(lambda: self._choose(Choice.EXPLORE))
        empty.clicked.connect(lambda: self._choose(Choice.EMPTY))
        imported.clicked.connect(lambda: self._choose(Choice.IMPORT))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None) -> Choice:
        dialog = cls(parent)
        try:
            dialog.exec()
            return dialog.choice
        finally:
            dialog.deleteLater()
