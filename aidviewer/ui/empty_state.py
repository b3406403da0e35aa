"""What the window shows when no catalogue is open: a way to make or open one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    def __init__(self, new_action: QAction, open_action: QAction, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(self.tr("No catalogue is open"))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        hint = QLabel(self.tr("Create a new catalogue, or open one you already have."))
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.new_button = QPushButton(self.tr("New Catalogue…"))
        self.new_button.clicked.connect(new_action.trigger)
        self.open_button = QPushButton(self.tr("Open Catalogue…"))
        self.open_button.clicked.connect(open_action.trigger)
        self.open_button.setDefault(True)

        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch()

        layout = QVBoxLayout(self)
        # A third of the spare height above, two thirds below: a little above the middle.
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)
