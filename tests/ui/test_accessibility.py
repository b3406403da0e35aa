"""Every control a person can reach has a name assistive technology can say: its own
accessible name, or a label that names it (a buddy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from window_helpers import WindowFactory

from aidviewer.reports.content import ReportKind
from aidviewer.reports.render import ReportOptions
from aidviewer.store import Catalogue
from aidviewer.ui.directory_forms import OrganisationForm, PersonForm
from aidviewer.ui.import_wizard import ImportWizard
from aidviewer.ui.io_actions import ExportDialog
from aidviewer.ui.meeting_form import MeetingForm
from aidviewer.ui.preferences import PreferencesDialog
from aidviewer.ui.record_form import RecordForm
from aidviewer.ui.report_dialog import ReportDialog, ReportRequest
from aidviewer.ui.settings import Settings

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


@pytest.mark.parametrize(
    "make", ["preferences", "export", "import", "record", "meeting", "organisation", "person",
             "report"],
)  # fmt: skip
def test_the_dialogs_name_every_control(
    qtbot: QtBot, settings: Settings, sample_path: Path, tmp_path: Path, make: str
) -> None:
    catalogue = Catalogue.open(sample_path)
    if make in ("record", "meeting", "organisation", "person", "report"):
        dialog: QWidget = {
            "record": lambda: RecordForm(None, catalogue, catalogue.record(2), "Edit"),
            "meeting": lambda: MeetingForm(None, catalogue, catalogue.meeting(1), "Edit"),
            "organisation": lambda: OrganisationForm(
                None, catalogue, catalogue.organisations()[0], "Edit"
            ),
            "person": lambda: PersonForm(None, catalogue, catalogue.people()[0], "Edit"),
            "report": lambda: ReportDialog(
                None,
                ReportRequest(ReportOptions(kind=ReportKind.BRIEFING)),
                selected_records=1,
                selected_meetings=1,
                action="Print",
            ),
        }[make]()
        qtbot.addWidget(dialog)
        assert _unnamed(dialog) == []
        catalogue.close()
        return
    catalogue.close()
    if make == "preferences":
        dialog = PreferencesDialog(None, settings)
    elif make == "export":
        dialog = ExportDialog(None, selected=2)
    else:
        table = tmp_path / "pledges.csv"
        table.write_text("Title;Donor\nTents;Norway\n", encoding="utf-8")
        wizard = ImportWizard(None, settings, sample_path, "Rasa", start=table)
        wizard.next()  # the columns page, with its preview and pickers
        dialog = wizard
    qtbot.addWidget(dialog)
    assert _unnamed(dialog) == []
