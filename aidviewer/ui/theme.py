"""The window's colours follow the system's light or dark theme.

Where the platform's own theme gives Qt a dark palette (Windows, macOS, GNOME and KDE with
their platform themes), nothing needs doing. Where it does not but the system says it is
dark (Qt's colour-scheme hint), aidviewer uses Qt's Fusion style with a dark palette of
its own, and goes back to the standard one when the system turns light again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def dark_palette() -> QPalette:
    """A calm dark palette: light text on dark grey, the selection in aidviewer's blue."""
    palette = QPalette()
    colours = {
        Role.Window: "#2b2d30",
        Role.WindowText: "#e6e6e6",
        Role.Base: "#1e1f22",
        Role.AlternateBase: "#26282b",
        Role.ToolTipBase: "#2b2d30",
        Role.ToolTipText: "#e6e6e6",
        Role.PlaceholderText: "#8c8f94",
        Role.Text: "#e6e6e6",
        Role.Button: "#34373b",
        Role.ButtonText: "#e6e6e6",
        Role.BrightText: "#ff6b6b",
        Role.Link: "#6cb4ff",
        Role.LinkVisited: "#b48cff",
        Role.Highlight: "#2f6fb0",
        Role.HighlightedText: "#ffffff",
        Role.Light: "#45484d",
        Role.Midlight: "#3a3d41",
        Role.Mid: "#2f3236",
        Role.Dark: "#1a1b1e",
        Role.Shadow: "#000000",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor("#7a7d82"))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightness() < palette.color(Role.WindowText).lightness()


def apply_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """Colours for the system's scheme, unless the platform's palette already has them."""
    wanted_dark = scheme is Qt.ColorScheme.Dark
    standard = app.style().standardPalette()
    if wanted_dark == is_dark(standard) and not app.property("aidviewer_dark"):
        return  # the platform's own palette is right already
    if wanted_dark:
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
        app.setProperty("aidviewer_dark", True)
    else:
        app.setPalette(app.style().standardPalette())
        app.setProperty("aidviewer_dark", False)


def follow_system_theme(app: QApplication) -> None:
    """Take the system's scheme now and whenever it changes."""
    hints = QGuiApplication.styleHints()
    apply_scheme(app, hints.colorScheme())
    hints.colorSchemeChanged.connect(lambda scheme: apply_scheme(app, scheme))
