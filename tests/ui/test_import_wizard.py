"""File > Import…: the wizard driven as a person would, on a small CSV with a bad row:
columns matched from the headers, a check that says what will happen, the import saved
in one step that Edit > Undo takes back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot
from window_helpers import WindowFactory

from aidviewer.io.columns import Field
from aidviewer.store import Catalogue, RecordQuery
from aidviewer.ui.actions import ActionId
from aidviewer.ui.import_wizard import ImportWizard
from aidviewer.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

CSV = (
    "Title;Donor;Value (EUR);Announced\r\n"
    "Generators for Kharkiv;Czech Republic;1.500.000,50;2023-01-10\r\n"
    "Winter tents;Czechia;20.000;2023-02\r\n"
    "Water trucks;Türkiye;not a number;2023-03-01\r\n"
    "Field kitchens;Turkey;7.250;2023\r\n"
)


def _records(path: Path) -> dict[str, Any]:
    with Catalogue.open(path, read_only=True) as catalogue:
        return {
            r.title: r for r in (catalogue.record(i) for i in catalogue.record_ids(RecordQuery()))
        }


def _drive(qtbot: QtBot, steps: Callable[[ImportWizard], None]) -> None:
    def run() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, ImportWizard)
        try:
            steps(wizard)
        finally:
            if wizard.isVisible():
                wizard.reject()

    QTimer.singleShot(0, run)


def _summary(qtbot: QtBot, wizard: ImportWizard) -> str:
    page = wizard.currentPage()
    qtbot.waitUntil(page.isComplete, timeout=30_000)
    report = page.findChild(QPlainTextEdit)
    assert report is not None
    return report.toPlainText()


def test_a_small_csv_with_a_bad_row_is_checked_imported_and_undone(
    make_window: WindowFactory, empty_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    source = tmp_path / "pledges.csv"
    source.write_bytes(CSV.encode("utf-8"))
    window: MainWindow = make_window()
    assert window.open_catalogue(empty_path)
    seen: dict[str, Any] = {}

    def steps(wizard: ImportWizard) -> None:
        page = wizard.file_page
        page.path.setText(str(source))
        assert page.format.currentData() == "csv"  # told from the file
        wizard.next()
        columns = wizard.columns_page
        assert wizard.currentPage() is columns
        seen["mapping"] = dict(columns.mapping())
        seen["first cell"] = columns.preview.item(1, 0).text()
        wizard.next()
        seen["check"] = _summary(qtbot, wizard)
        seen["before"] = len(_records(empty_path))
        wizard.next()
        seen["import"] = _summary(qtbot, wizard)
        wizard.accept()

    _drive(qtbot, steps)
    with qtbot.waitSignal(window.data.imported, timeout=60_000):
        window.action(ActionId.IMPORT).trigger()
    assert seen["mapping"] == {0: Field.TITLE, 1: Field.DONOR, 2: Field.VALUE_EUR,
                               3: Field.ANNOUNCED}  # fmt: skip
    assert seen["first cell"] == "Generators for Kharkiv"  # decoded, split at ";"
    assert seen["check"].splitlines()[0] == (
        "Would import 3 records, update 0, leave 0 as they are; 1 rows skipped, 0 warnings."
    )
    assert "Line 4 skipped: " in seen["check"]  # the physical line of the bad row
    assert seen["before"] == 0  # the check saved nothing
    assert seen["import"].splitlines()[0].startswith("Imported 3 records, updated 0")
    assert "New organisations: Czechia, Türkiye" in seen["import"]
    records = _records(empty_path)
    assert sorted(records) == ["Field kitchens", "Generators for Kharkiv", "Winter tents"]
    with Catalogue.open(empty_path, read_only=True) as catalogue:
        czechia = catalogue.find_organisation("Czechia")
        assert czechia is not None
        donors = {title: r.donor_id for title, r in records.items()}
        assert donors["Generators for Kharkiv"] == donors["Winter tents"] == czechia.id
    money = records["Generators for Kharkiv"].money
    assert money is not None and money.value_eur_cents == 150_000_050
    # One step of Edit > Undo takes the whole import back, and Redo brings it again.
    assert window.editor.stack.undoText() == "Import “pledges.csv”"
    window.editor.stack.undo()
    assert _records(empty_path) == {}
    window.editor.stack.redo()
    assert sorted(_records(empty_path)) == sorted(records)
    # The columns chosen are remembered for a table with the same headers.
    assert window.settings.column_mapping(["Title", "Donor", "Value (EUR)", "Announced"]) == {
        "Title": "title", "Donor": "donor", "Value (EUR)": "value_eur", "Announced": "announced",
    }  # fmt: skip


def test_a_cancelled_import_leaves_nothing(
    make_window: WindowFactory, empty_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    source = tmp_path / "many.csv"
    rows = "".join(f"Row {n};Norway;{n}\r\n" for n in range(20_000))
    source.write_text("Title;Donor;Value (EUR)\r\n" + rows, encoding="utf-8")
    window: MainWindow = make_window()
    assert window.open_catalogue(empty_path)
    seen: dict[str, str] = {}

    def steps(wizard: ImportWizard) -> None:
        wizard.file_page.path.setText(str(source))
        wizard.next()
        wizard.next()
        _summary(qtbot, wizard)
        wizard.next()  # the import begins; Cancel at once
        page = wizard.currentPage()
        page.cancel.click()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: page.run is None, timeout=30_000)  # type: ignore[attr-defined]
        seen["text"] = page.findChild(QPlainTextEdit).toPlainText()  # type: ignore[union-attr]

    _drive(qtbot, steps)
    window.action(ActionId.IMPORT).trigger()
    assert seen["text"] == "Cancelled: nothing was imported."
    assert _records(empty_path) == {}
    assert not window.editor.stack.canUndo()


def test_an_unexpected_error_is_reported_and_the_wizard_is_not_left_waiting(
    make_window: WindowFactory,
    empty_path: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An error nobody foresaw on the import's worker (here a raw SQLite error) ends the
    check with a sentence; nothing is imported and the wizard can still be closed."""
    import sqlite3

    from aidviewer.ui import import_wizard

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("table search_index has no column named plain")

    monkeypatch.setattr(import_wizard, "import_items", broken)
    source = tmp_path / "pledges.csv"
    source.write_bytes(CSV.encode("utf-8"))
    window: MainWindow = make_window()
    assert window.open_catalogue(empty_path)
    seen: dict[str, str] = {}

    def steps(wizard: ImportWizard) -> None:
        wizard.file_page.path.setText(str(source))
        wizard.next()
        wizard.next()
        page = wizard.currentPage()
        report = page.findChild(QPlainTextEdit)
        assert report is not None
        qtbot.waitUntil(lambda: page.run is None, timeout=30_000)  # type: ignore[attr-defined]
        seen["text"] = report.toPlainText()

    _drive(qtbot, steps)
    window.action(ActionId.IMPORT).trigger()
    assert seen["text"] == (
        "Nothing was imported: An unexpected error stopped the import (table search_index"
        " has no column named plain)."
    )
    assert _records(empty_path) == {}
