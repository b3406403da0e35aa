"""The window's entry point and composition root.

`aidviewer [FILE]` opens FILE, or the user's default catalogue, created from the sample
on first launch. Everything the window uses is built here and handed over through
constructors; nothing is looked up from a global registry.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from . import __version__
from .models import MeetingTableModel, RecordTableModel
from .store import SUFFIX, Catalogue, CatalogueError
from .ui.dialogs import FileChooser, Notifier
from .ui.language import install_translators
from .ui.main_window import MainWindow
from .ui.settings import Settings
from .ui.single_instance import InstanceServer, hand_over
from .ui.theme import follow_system_theme
from .ui.welcome import Choice, WelcomeDialog, app_icon

APP_NAME = "aidviewer"
DATA_DIR_VARIABLE = "AIDVIEWER_DATA_DIR"
DEFAULT_NAME = "catalogue" + SUFFIX
# Set (to anything) and the window says when it first shows records: at the records
# table's first paint with rows it prints "painted" and aidviewer ends with code 0. The
# start-up benchmark (benchmarks/startup.py) times launches by it. Off unless set.
PROBE_VARIABLE = "AIDVIEWER_STARTUP_PROBE"


def data_dir() -> Path:
    """Where the default catalogue lives: $AIDVIEWER_DATA_DIR, else the platform's
    application-data folder (~/.local/share/aidviewer on Linux)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_catalogue_path() -> Path:
    return data_dir() / DEFAULT_NAME


def ensure_default_catalogue() -> Path:
    """The default catalogue's path, made from the sample content if it does not exist.

    Raises CatalogueError when it cannot be made. An existing file is left for the normal
    open to judge: a damaged or empty one is reported, never replaced.
    """
    path = default_catalogue_path()
    if path.exists():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CatalogueError(
            f"The folder “{path.parent}” for your catalogue could not be made: {error.strerror}.",
            path,
        ) from error
    from .sample import SAMPLE_USER, SampleError, fill_sample  # only needed on first launch

    try:
        Catalogue.create(path, user=SAMPLE_USER, fill=fill_sample).close()
    except CatalogueError:
        if path.exists():  # a second aidviewer started at the same moment made it
            return path
        raise
    except (SampleError, OSError, ValueError) as error:  # a broken or missing sample file
        raise CatalogueError(
            f"Your first catalogue could not be made from the sample content ({error}).", path
        ) from error
    return path


def parse_arguments(arguments: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=APP_NAME, description="A desktop catalogue of aid records and meetings."
    )
    parser.add_argument(
        "file", nargs="?", type=Path, help="the catalogue to open (default: your own)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(list(arguments))


def build_window(
    arguments: Sequence[str],
    settings: Settings,
    files: FileChooser | None = None,
    notifier: Notifier | None = None,
    ask: Callable[[QWidget], Choice] | None = None,
) -> MainWindow:
    """Build the window, show it and open the catalogue the arguments ask for.

    A catalogue that cannot be opened is reported in one sentence; the window then shows
    its empty state.
    """
    options = parse_arguments(arguments)
    window = MainWindow(
        settings,
        RecordTableModel(),
        MeetingTableModel(),
        files=files or FileChooser(),
        notifier=notifier or Notifier(),
    )
    window.show()
    if options.file is not None:
        window.open_catalogue(options.file)
        return window
    recent = settings.recent_files()
    last = recent[0] if settings.open_last_on_start() and recent else None
    if last is not None and last.is_file() and window.open_catalogue(last):
        return window
    first_run = not default_catalogue_path().exists()
    try:
        path = ensure_default_catalogue()
    except CatalogueError as error:
        window.notifier.error(
            window, QCoreApplication.translate("app", "Cannot open the catalogue"), error.message
        )
        return window
    if window.open_catalogue(path) and first_run:
        # Once the window has been painted: what the sample is, and where to go next.
        QTimer.singleShot(0, lambda: welcome(window, ask or WelcomeDialog.ask))
    return window


def welcome(window: MainWindow, ask: Callable[[QWidget], Choice]) -> None:
    """The first launch's welcome, and what the person chose in it."""
    choice = ask(window)
    if choice is Choice.EMPTY:
        window.new_catalogue()
    elif choice is Choice.IMPORT:
        window.data.import_file()


class StartupProbe(QObject):
    """$AIDVIEWER_STARTUP_PROBE: once the records table has painted rows, print
    "painted" and end the application with code 0."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.view = window.catalogue_view.records_view
        self.view.viewport().installEventFilter(self)
        self.view.viewport().update()  # a paint is to come even if one came already

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.view.model().rowCount() > 0:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)  # once this paint has been drawn
        return False

    def _painted(self) -> None:
        print("painted", flush=True)
        QCoreApplication.exit(0)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    app = QApplication(argv)
    # The desktop entry this window belongs to (its icon and name in a Wayland dock).
    QGuiApplication.setDesktopFileName(APP_NAME)
    app.setWindowIcon(app_icon())
    follow_system_theme(app)
    if QLocale.system().language() == QLocale.Language.C:
        # No language set (LANG unset or C, as in many containers): the C locale writes
        # "500000000.00€"; English groups digits and puts the euro sign first.
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    settings = Settings(QSettings())
    install_translators(app, settings.language())  # after the C fallback: a choice wins
    # Qt has taken its own options (-platform, -style, …) out of arguments().
    arguments = app.arguments()[1:]
    options = parse_arguments(arguments)
    if hand_over(options.file):  # aidviewer runs already: it opens the file
        return 0
    window = build_window(arguments, settings)
    if os.environ.get(PROBE_VARIABLE):
        StartupProbe(window)
    server = InstanceServer(parent=window)
    server.openRequested.connect(window.take_path)
    server.listen()
    code = app.exec()
    server.close()
    del window
    return code


if __name__ == "__main__":
    sys.exit(main())
