"""The bulk edit dialog over the sample catalogue, driven as a person would: tick a field,
pick a value, read the preview, and apply or not."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from aidviewer.store import AidRecord, Catalogue, FuzzyDate, Stage, StageKind
from aidviewer.ui.bulk_edit_dialog import BulkEditDialog

# The offscreen platform says so when a dialog or a completer's list pops up.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

NASAMS, GRENADES, LOGISTICS = 2, 4, 5
NASAMS_TITLE = "NASAMS launchers and equipment"
GRENADES_TITLE = "Grenade launcher ammunition"
LOGISTICS_TITLE = "Logistics vehicles"


@pytest.fixture
def catalogue(sample_path: Path) -> Iterator[Catalogue]:
    with Catalogue.open(sample_path) as catalogue:
        yield catalogue


@pytest.fixture
def records(catalogue: Catalogue) -> list[AidRecord]:
    titles = {summary.id: summary.title for summary in catalogue.record_summaries()}
    assert [titles[i] for i in (NASAMS, GRENADES, LOGISTICS)] == [
        NASAMS_TITLE,
        GRENADES_TITLE,
        LOGISTICS_TITLE,
    ]
    return [catalogue.record(i) for i in (NASAMS, GRENADES, LOGISTICS)]


@pytest.fixture
def dialog(qtbot: QtBot, catalogue: Catalogue, records: list[AidRecord]) -> BulkEditDialog:
    dialog = BulkEditDialog(None, catalogue, records)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _rows(dialog: BulkEditDialog) -> list[tuple[str, ...]]:
    table = dialog.preview
    return [
        tuple(table.item(row, column).text() for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]


def _headers(dialog: BulkEditDialog) -> list[str]:
    table = dialog.preview
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def test_nothing_ticked_changes_nothing(dialog: BulkEditDialog) -> None:
    assert dialog.objectName() == "bulk_edit_dialog"
    assert dialog.preview.objectName() == "bulk_preview"
    assert dialog.windowTitle() == "Edit 3 Records"
    assert _headers(dialog) == ["Record", "Field", "Now", "After"]
    assert _rows(dialog) == []
    assert dialog.summary.text() == "Nothing to change yet."
    assert not dialog.apply_button.isEnabled()
    assert not dialog.problem.isVisible()
    assert dialog.changed_records() == []


def test_a_category_is_set_where_it_differs(
    dialog: BulkEditDialog, records: list[AidRecord]
) -> None:
    dialog.set_category.setChecked(True)
    dialog.category.setCurrentIndex(dialog.category.findText("Vehicles"))
    assert _rows(dialog) == [
        (NASAMS_TITLE, "Category", "Air defence", "Vehicles"),
        (GRENADES_TITLE, "Category", "Ammunition", "Vehicles"),
    ]  # the logistics vehicles already are
    assert dialog.summary.text() == "2 of 3 records will change."
    assert dialog.apply_button.isEnabled()
    assert dialog.apply_button.text() == "&Apply to 2 Records"
    vehicles = dialog.category.currentData()
    assert dialog.changed_records() == [
        (records[0], dataclasses.replace(records[0], category_id=vehicles)),
        (records[1], dataclasses.replace(records[1], category_id=vehicles)),
    ]


def test_picking_a_value_ticks_its_field_and_unticking_leaves_it_alone(
    dialog: BulkEditDialog,
) -> None:
    assert not dialog.set_category.isChecked()
    assert dialog.category.currentText() == "(none)"  # they have no category in common
    dialog.category.setCurrentIndex(dialog.category.findText("Training"))
    assert dialog.set_category.isChecked()
    dialog.category.setCurrentIndex(0)  # (none): clears the category
    assert [row[2:] for row in _rows(dialog)] == [
        ("Air defence", "—"),
        ("Ammunition", "—"),
        ("Vehicles", "—"),
    ]
    assert dialog.summary.text() == "3 of 3 records will change."
    dialog.set_category.setChecked(False)
    assert _rows(dialog) == []
    assert not dialog.apply_button.isEnabled()
    assert dialog.apply_button.text() == "&Apply"


def test_tags_are_added_and_removed_ignoring_case(dialog: BulkEditDialog, qtbot: QtBot) -> None:
    qtbot.keyClicks(dialog.add_tags, "nasams, Checked")
    qtbot.keyClicks(dialog.remove_tags, "PLANNED")
    assert dialog.set_add_tags.isChecked() and dialog.set_remove_tags.isChecked()
    assert _rows(dialog) == [
        (NASAMS_TITLE, "Tags", "air defence, NASAMS", "air defence, NASAMS, Checked"),
        (GRENADES_TITLE, "Tags", "planned", "nasams, Checked"),
        (LOGISTICS_TITLE, "Tags", "planned", "nasams, Checked"),
    ]
    assert dialog.apply_button.text() == "&Apply to 3 Records"

    qtbot.keyClicks(dialog.add_tags, ", Planned")
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == "“Planned” cannot be both added and removed."
    assert not dialog.apply_button.isEnabled()


def test_a_stage_is_added_only_where_missing(
    dialog: BulkEditDialog, qtbot: QtBot, records: list[AidRecord]
) -> None:
    dialog.set_stage.setChecked(True)
    dialog.stage.setCurrentIndex(dialog.stage.findText("Delivered"))
    qtbot.keyClicks(dialog.stage_date, "2023-12")
    assert _rows(dialog) == [
        (
            GRENADES_TITLE,
            "Stages",
            "Announced 2023-11-10",
            "Announced 2023-11-10; Delivered 2023-12",
        ),
        (
            LOGISTICS_TITLE,
            "Stages",
            "Announced 2023-11-10",
            "Announced 2023-11-10; Delivered 2023-12",
        ),
    ]  # NASAMS keeps its own delivery
    assert dialog.summary.text() == "2 of 3 records will change."
    assert dialog.apply_button.isEnabled() and not dialog.problem.isVisible()
    delivered = Stage(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2023-12"))
    assert dialog.changed_records() == [
        (record, dataclasses.replace(record, stages=(*record.stages, delivered)))
        for record in records[1:]
    ]


def test_a_stage_dated_before_an_earlier_one_is_a_problem(
    dialog: BulkEditDialog, qtbot: QtBot
) -> None:
    dialog.stage.setCurrentIndex(dialog.stage.findText("Delivered"))
    qtbot.keyClicks(dialog.stage_date, "2023-11-01")
    assert dialog.set_stage.isChecked()
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == (
        f"“{GRENADES_TITLE}”: Delivered on 2023-11-01 is before announced on 2023-11-10.\n"
        f"“{LOGISTICS_TITLE}”: Delivered on 2023-11-01 is before announced on 2023-11-10."
    )
    assert not dialog.apply_button.isEnabled()
    assert len(_rows(dialog)) == 2  # the preview still shows what would change

    dialog.stage_date.setText("2023-11-10")
    assert not dialog.problem.isVisible()
    assert dialog.apply_button.isEnabled()


def test_a_date_that_is_not_a_date_is_a_problem(dialog: BulkEditDialog, qtbot: QtBot) -> None:
    qtbot.keyClicks(dialog.stage_date, "2023-13")
    assert dialog.problem.text() == "“2023-13” is not a date such as 2023-11-10, 2023-11 or 2023."
    assert not dialog.apply_button.isEnabled()
    assert _rows(dialog) == []


def test_organisations_are_picked_by_name_and_an_empty_name_clears(
    dialog: BulkEditDialog, qtbot: QtBot, records: list[AidRecord]
) -> None:
    # All three share their donor and recipient: the pickers start on them.
    assert dialog.donor.currentText() == "Ministry of National Defence of the Republic of Lithuania"
    assert dialog.recipient.currentText() == "Armed Forces of Ukraine"
    assert dialog.implementer.currentText() == ""
    dialog.set_donor.setChecked(True)
    assert _rows(dialog) == []  # the donor they have already
    assert not dialog.apply_button.isEnabled()

    dialog.recipient.setCurrentText("")
    qtbot.keyClicks(dialog.recipient.lineEdit(), "Nobody")
    assert dialog.set_recipient.isChecked()
    assert dialog.problem.text() == "No organisation is named “Nobody”."
    assert not dialog.apply_button.isEnabled()

    dialog.recipient.setCurrentText("ministry of defence of ukraine")  # case does not matter
    assert not dialog.problem.isVisible()
    assert [row[1:] for row in _rows(dialog)] == [
        ("Recipient", "Armed Forces of Ukraine", "Ministry of Defence of Ukraine")
    ] * 3

    dialog.set_recipient.setChecked(False)
    dialog.donor.setCurrentText("")
    assert [row[1:] for row in _rows(dialog)] == [
        ("Donor", "Ministry of National Defence of the Republic of Lithuania", "—")
    ] * 3
    assert [after.donor_id for _, after in dialog.changed_records()] == [None] * 3
    assert [after.recipient_id for _, after in dialog.changed_records()] == [
        record.recipient_id for record in records
    ]


def test_several_fields_at_once_each_have_their_row(dialog: BulkEditDialog, qtbot: QtBot) -> None:
    dialog.aid_type.setCurrentIndex(dialog.aid_type.findText("Humanitarian"))
    qtbot.keyClicks(dialog.add_tags, "winter")
    assert _rows(dialog)[:2] == [
        (NASAMS_TITLE, "Aid type", "Military", "Humanitarian"),
        ("", "Tags", "air defence, NASAMS", "air defence, NASAMS, winter"),
    ]  # a record's title heads its rows
    assert len(_rows(dialog)) == 6
    assert dialog.summary.text() == "3 of 3 records will change."


def test_ask_returns_the_changed_records_or_none(
    qtbot: QtBot, catalogue: Catalogue, records: list[AidRecord]
) -> None:
    def drive(apply: bool) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BulkEditDialog)
        dialog.add_tags.setText("checked")
        if apply:
            assert dialog.apply_button.isEnabled()
            dialog.apply_button.click()
        else:
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, lambda: drive(True))
    pairs = BulkEditDialog.ask(None, catalogue, records)
    assert pairs == [
        (record, dataclasses.replace(record, tags=(*record.tags, "checked"))) for record in records
    ]

    QTimer.singleShot(0, lambda: drive(False))
    assert BulkEditDialog.ask(None, catalogue, records) is None


def test_one_record_is_spoken_of_as_one(
    qtbot: QtBot, catalogue: Catalogue, records: list[AidRecord]
) -> None:
    dialog = BulkEditDialog(None, catalogue, records[:1])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit 1 Record"
    dialog.add_tags.setText("checked")
    assert dialog.summary.text() == "The record will change."
    assert dialog.apply_button.text() == "&Apply to 1 Record"
    dialog.add_tags.setText("nasams")
    assert dialog.summary.text() == "The record already has these values."
    assert not dialog.apply_button.isEnabled()
