"""File > Open Recent: the catalogues opened lately, most recent first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from aidviewer.models.formatting import plain_tooltip

from .settings import Settings


class RecentMenu(QMenu):
    """Rebuilt from the settings each time it opens. A file that is gone stays listed but
    disabled, since it may be on a drive that is not plugged in."""

    open_requested = Signal(object)  # Path

    def __init__(self, settings: Settings, clear_action: QAction, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Open &Recent"))
        self.setObjectName("recent_menu")
        self.setToolTipsVisible(True)
        self._settings = settings
        # Placed here, handled by the window: QMenu disconnects every connection from an
        # action to the menu when the action is removed, as rebuild() does.
        self._clear = clear_action
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def file_actions(self) -> list[QAction]:
        return [action for action in self.actions() if action.data()]

    def rebuild(self) -> None:
        # Not clear(): that deletes at once an action that may be emitting triggered()
        # right now (opening a recent file rebuilds this menu).
        for action in self.actions():
            self.removeAction(action)
            if action.parent() is self:
                action.deleteLater()
        paths = self._settings.recent_files()
        for number, path in enumerate(paths, start=1):
            # "&" marks a mnemonic in a menu text; a file name's own "&" is doubled.
            label = path.name.replace("&", "&&")
            action = QAction(f"&{number} {label}" if number < 10 else label, self)
            action.setData(str(path))
            exists = path.is_file()
            action.setEnabled(exists)
            tip = str(path) if exists else self.tr("{path} (not found)").format(path=path)
            action.setToolTip(plain_tooltip(tip) or "")
            action.setStatusTip(tip)
            action.triggered.connect(lambda _=False, p=path: self.open_requested.emit(p))
            self.addAction(action)
        if paths:
            self.addSeparator()
        self.addAction(self._clear)
        self._clear.setEnabled(bool(paths))
        self.setEnabled(True)
