"""Every control a person can reach has a name assistive technology can say: its own
accessible name, or a label that names it (a buddy). Every command of the menus is
reached from the keyboard: by its shortcut, or by the underlined letters of its menu and
of itself."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from window_helpers import FakeFiles, WindowFactory

from aidviewer.models import MeetingTableModel, RecordTableModel
from aidviewer.reports.content import ReportKind
from aidviewer.reports.render import ReportOptions
from aidviewer.store import Catalogue, Note, NoteKind
from aidviewer.store.backup import list_backups, make_backup
from aidviewer.ui.actions import ActionId
from aidviewer.ui.backup_actions import DamagedDialog, RestoreDialog
from aidviewer.ui.bulk_edit_dialog import BulkEditDialog
from aidviewer.ui.conflict_dialog import ConflictDialog
from aidviewer.ui.dialogs import Notifier
from aidviewer.ui.directory_forms import OrganisationForm, PersonForm, SourceForm
from aidviewer.ui.filter_dialogs import ChoiceDialog, DateRangeDialog, ValueRangeDialog
from aidviewer.ui.history_dialog import HistoryValueDialog
from aidviewer.ui.import_wizard import ImportWizard
from aidviewer.ui.io_actions import ExportDialog
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.meeting_form import MeetingForm
from aidviewer.ui.note_dialog import NoteDialog
from aidviewer.ui.preferences import PreferencesDialog, ShortcutsDialog
from aidviewer.ui.record_form import RecordForm
from aidviewer.ui.report_dialog import ReportDialog, ReportRequest
from aidviewer.ui.settings import Settings
from aidviewer.ui.welcome import WelcomeDialog

_CONTROLS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit,
             QPlainTextEdit)  # fmt: skip


def _unnamed(top: QWidget) -> list[str]:
    named_by_label = {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy()}
    unnamed = []
    for control in top.findChildren(QWidget):
        if isinstance(control, QHeaderView) or not isinstance(control, _CONTROLS):
            continue  # a header is said with its table
        if isinstance(control.parent(), QComboBox | QAbstractSpinBox):
            continue  # the editor inside a combo box or spin box is said with it
        if control.window() is not top:
            continue  # a combo box's or completer's pop-up list: said with its owner
        if not control.accessibleName() and id(control) not in named_by_label:
            unnamed.append(f"{type(control).__name__} {control.objectName()!r}")
    for button in top.findChildren(QAbstractButton):
        if button.objectName().startswith("qt_") or type(button).__name__ == "QToolButton":
            continue  # Qt's own (a table's corner, a menu bar's overflow, a tab's scroller)
        if not button.text() and not button.accessibleName():
            unnamed.append(f"{type(button).__name__} {button.objectName()!r}")
    return unnamed


def test_the_window_names_every_control(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path)
    for page in ("records", "meetings", "people", "organisations", "tags", "dashboard"):
        window.catalogue_view.show_page(page)
    assert _unnamed(window) == []


# -- the dialogs, each built on a real catalogue ------------------------------------------


def _record_conflict(catalogue: Catalogue) -> QWidget:
    """A colleague saved a new description while this person retitled the record."""
    base = catalogue.record(2)
    theirs = catalogue.update_record(dataclasses.replace(base, description="Delivered."))
    mine = dataclasses.replace(base, title="Ammunition, second batch")
    return ConflictDialog(None, catalogue, base, mine, theirs)


def _meeting_conflict(catalogue: Catalogue) -> QWidget:
    base = catalogue.meeting(1)
    theirs = catalogue.update_meeting(dataclasses.replace(base, place="Vilnius"))
    mine = dataclasses.replace(base, minutes="Agreed on the next delivery.")
    return ConflictDialog(None, catalogue, base, mine, theirs)


def _history(catalogue: Catalogue) -> QWidget:
    before = catalogue.record(2)
    catalogue.update_record(dataclasses.replace(before, description="Delivered."))
    entry = next(
        entry
        for entry in reversed(catalogue.history("aid_record", 2))
        if entry.field == "description"
    )
    return HistoryValueDialog(None, entry, entry.old or "", entry.new or "", True)


_ON_THE_CATALOGUE: dict[str, Callable[[Catalogue], QWidget]] = {
    "record": lambda c: RecordForm(None, c, c.record(2), "Edit"),
    "meeting": lambda c: MeetingForm(None, c, c.meeting(1), "Edit"),
    "organisation": lambda c: OrganisationForm(None, c, c.organisations()[0], "Edit"),
    "person": lambda c: PersonForm(None, c, c.people()[0], "Edit"),
    "source": lambda c: SourceForm(None, c, c.sources()[0], "Edit"),
    "report": lambda c: ReportDialog(
        None,
        ReportRequest(ReportOptions(kind=ReportKind.BRIEFING)),
        selected_records=1,
        selected_meetings=1,
        action="Print",
    ),
    "bulk edit": lambda c: BulkEditDialog(None, c, [c.record(2), c.record(4)]),
    "record conflict": _record_conflict,
    "meeting conflict": _meeting_conflict,
    "history": _history,
    "note": lambda c: NoteDialog(
        None, Note(record_id=2, body="Ask about delivery", kind=NoteKind.QUESTION), new=True
    ),
    "donor filter": lambda c: ChoiceDialog(
        None, "Donors", [(o.id, o.name) for o in c.organisations()], set()
    ),
    "date filter": lambda c: DateRangeDialog(None, None, None),
    "value filter": lambda c: ValueRangeDialog(None, None, None),
    "welcome": lambda c: WelcomeDialog(None),
}


def _restore(path: Path) -> QWidget:
    """File > Restore from Backup… on a catalogue with a backup made by hand."""
    make_backup(path)
    return RestoreDialog(None, path.name, list_backups(path))


def _damaged(path: Path) -> QWidget:
    """Opening a damaged catalogue that has a backup."""
    make_backup(path)
    problem = f"The catalogue “{path.name}” is damaged: restore it from a backup."
    return DamagedDialog(None, path.name, problem, list_backups(path), f"{path.name}.corrupt-1")


@pytest.mark.parametrize(
    "make",
    ["preferences", "export", "import", "shortcuts", "restore", "damaged", *_ON_THE_CATALOGUE],
)
def test_the_dialogs_name_every_control(
    qtbot: QtBot,
    settings: Settings,
    sample_path: Path,
    tmp_path: Path,
    make_window: WindowFactory,
    make: str,
) -> None:
    dialog: QWidget
    if make in _ON_THE_CATALOGUE:
        catalogue = Catalogue.open(sample_path)
        try:
            dialog = _ON_THE_CATALOGUE[make](catalogue)
            qtbot.addWidget(dialog)
            assert _unnamed(dialog) == []
        finally:
            catalogue.close()
        return
    if make == "preferences":
        dialog = PreferencesDialog(None, settings)
    elif make == "export":
        dialog = ExportDialog(None, selected=2)
    elif make == "shortcuts":
        # As Help > Keyboard Shortcuts builds it (not shown: offscreen, showing warns).
        dialog = ShortcutsDialog(None, make_window().findChildren(QAction))
    elif make == "restore":
        dialog = _restore(sample_path)
    elif make == "damaged":
        dialog = _damaged(sample_path)
    else:
        table = tmp_path / "pledges.csv"
        table.write_text("Title;Donor\nTents;Norway\n", encoding="utf-8")
        wizard = ImportWizard(None, settings, sample_path, "Rasa", start=table)
        wizard.next()  # the columns page, with its preview and pickers
        dialog = wizard
    qtbot.addWidget(dialog)
    assert _unnamed(dialog) == []


@pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)
def test_merging_organisations_names_every_control(
    qtbot: QtBot, settings: Settings, sample_path: Path
) -> None:
    """Edit > Merge Organisation Into… asks with the window's own questions (a real
    notifier, not the stand-in): which organisation to keep, then whether to merge."""
    window = MainWindow(
        settings,
        RecordTableModel(),
        MeetingTableModel(),
        files=FakeFiles(),  # type: ignore[arg-type]
        notifier=Notifier(),
        busy_timeout=0.2,
    )
    qtbot.addWidget(window)
    window.show()
    assert window.open_catalogue(sample_path)
    window.settings.set_staff_name("Rasa")  # else the first change asks for a name first
    window.catalogue_view.show_page("organisations")
    window.catalogue_view.directory["organisations"].view.selectRow(0)
    seen: dict[tuple[str, str], list[str]] = {}

    def answer() -> None:
        """Look at each question as it comes: pick the organisation offered first, then
        decline to merge. Nothing is asserted here: a failure must not leave a dialog
        open, waiting."""
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            return  # between the two questions
        seen[type(dialog).__name__, dialog.windowTitle()] = _unnamed(dialog)
        if isinstance(dialog, QInputDialog):
            dialog.accept()
        else:
            dialog.reject()

    poll = QTimer(window)
    poll.timeout.connect(answer)
    poll.start(10)
    window.action(ActionId.MERGE_ORGANISATION).trigger()
    poll.stop()
    assert seen == {
        ("QInputDialog", "Merge Organisation"): [],
        ("QMessageBox", "Merge Organisation"): [],
    }


# -- the menus from the keyboard ------------------------------------------------------------


def _mnemonic(text: str) -> str | None:
    """The underlined letter (or digit) of a menu text, or None; "&&" is a plain "&"."""
    at = 0
    while (at := text.find("&", at)) != -1 and at + 1 < len(text):
        if text[at + 1] != "&":
            return text[at + 1] if text[at + 1].isalnum() else None
        at += 2
    return None


def _paths(menu: QMenu, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], QAction]]:
    """Every action under `menu`, with the texts of the menus that lead to it and its own.
    A menu filled as it opens (Open Recent, Columns) is filled first."""
    menu.aboutToShow.emit()
    for action in menu.actions():
        if action.isSeparator():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from _paths(sub, (*path, sub.title()))
        else:
            yield (*path, action.text()), action


def _commands(window: MainWindow) -> list[tuple[tuple[str, ...], QAction]]:
    commands: list[tuple[tuple[str, ...], QAction]] = []
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        assert isinstance(menu, QMenu)
        commands += _paths(menu, (menu.title(),))
    return commands


def _unreachable(window: MainWindow) -> list[str]:
    """The menu commands with neither a shortcut nor an underlined letter on every step of
    the way to them (File > Open Recent > Clear Menu: three steps)."""
    return [
        " > ".join(path)
        for path, action in _commands(window)
        if not action.shortcuts() and not all(_mnemonic(text) for text in path)
    ]


def _browsing(make_window: WindowFactory, sample_path: Path) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(sample_path)  # File > Open Recent then lists it
    window.catalogue_view.show_page("records")  # View > Columns then lists the columns
    return window


def test_every_menu_command_is_reached_from_the_keyboard(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = _browsing(make_window, sample_path)
    walked = [" > ".join(path) for path, _ in _commands(window)]
    # The menus filled as they open were walked filled: the recent files, and View >
    # Columns, whose items are the columns' names with a letter of their own each.
    assert "&File > Open &Recent > &1 sample.aidb" in walked
    assert "&View > &Columns > &Title" in walked
    assert _unreachable(window) == []
