"""The window's colours follow the system's light or dark theme."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aidviewer.ui.theme import apply_scheme, dark_palette, is_dark

Role = QPalette.ColorRole


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, put back as it was: style and palette are global."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setProperty("aidviewer_dark", False)


def test_a_dark_system_gets_a_dark_window_and_back(app: QApplication, qtbot: QtBot) -> None:
    assert not is_dark(app.palette())  # the offscreen platform's palette is light
    apply_scheme(app, Qt.ColorScheme.Dark)
    palette = app.palette()
    assert is_dark(palette) and app.style().name().casefold() == "fusion"
    # Text stays readable: far lighter than what it is written on.
    for text, ground in ((Role.Text, Role.Base), (Role.WindowText, Role.Window),
                         (Role.HighlightedText, Role.Highlight)):  # fmt: skip
        assert palette.color(text).lightness() - palette.color(ground).lightness() > 100
    apply_scheme(app, Qt.ColorScheme.Light)
    assert not is_dark(app.palette())


def test_a_light_system_changes_nothing(app: QApplication) -> None:
    before = QPalette(app.palette())
    apply_scheme(app, Qt.ColorScheme.Light)
    apply_scheme(app, Qt.ColorScheme.Unknown)
    assert app.palette() == before


def test_the_dark_palette_is_dark() -> None:
    assert is_dark(dark_palette())
