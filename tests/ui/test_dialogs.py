"""The real file chooser and notifier, without ever waiting on a person."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from aidviewer.ui.dialogs import FileChooser, Notifier


# QMessageBox fixes its own size after it is shown; the offscreen platform plugin
# answers that with a warning that says nothing about this code.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_notifier_shows_the_sentence_as_plain_text(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[str, str, Qt.TextFormat, QMessageBox.Icon]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not up yet: look again shortly
            QTimer.singleShot(10, answer)
            return
        seen.append((box.windowTitle(), box.text(), box.textFormat(), box.icon()))
        box.accept()

    QTimer.singleShot(0, answer)
    Notifier().error(parent, "Cannot open the catalogue", "The file “<b>x</b>” is empty.")
    assert seen == [
        (
            "Cannot open the catalogue",
            "The file “<b>x</b>” is empty.",
            Qt.TextFormat.PlainText,
            QMessageBox.Icon.Critical,
        )
    ]


def test_file_chooser_asks_for_catalogues(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[object, ...]] = []

    def fake_open(parent: object, caption: str, folder: str, filter_: str) -> tuple[str, str]:
        calls.append(("open", caption, folder, filter_))
        return str(tmp_path / "a.aidb"), filter_

    def fake_save(
        parent: object, caption: str, folder: str, filter_: str, options: object = None
    ) -> tuple[str, str]:
        calls.append(("save", caption, folder, filter_, options))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    chooser = FileChooser()
    assert chooser.open_path(None, tmp_path) == tmp_path / "a.aidb"
    assert chooser.save_path(None, tmp_path) is None  # cancelled
    catalogues = "aidviewer catalogues (*.aidb);;All files (*)"
    assert calls == [
        ("open", "Open Catalogue", str(tmp_path), catalogues),
        (
            "save",
            "New Catalogue",
            str(tmp_path / "Untitled.aidb"),
            catalogues,
            QFileDialog.Option.DontConfirmOverwrite,
        ),
    ]
