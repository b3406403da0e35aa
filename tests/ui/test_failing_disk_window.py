"""A disk that keeps refusing to save (RELIABILITY.md T8, the fail-forever case): the first
refusal is said and the next save may go through; when the disk refuses again, the window
shows the catalogue read-only with a notice saying why, and nothing saved is lost."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from window_helpers import FakeNotifier, WindowFactory

from aidviewer import faults
from aidviewer.models import Column
from aidviewer.store import Catalogue, RecordQuery
from aidviewer.ui.actions import ActionId

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture(autouse=True)
def _disarmed() -> object:
    yield
    faults.disarm()


def _rows(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT id, title, version FROM aid_record ORDER BY id").fetchall()
    finally:
        con.close()


def test_a_disk_that_keeps_refusing_makes_the_window_read_only(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier
) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path)
    assert window.catalogue is not None
    first = window.catalogue.record_ids(RecordQuery())[0]
    before = _rows(sample_path)

    def save(title: str) -> bool:
        assert window.catalogue is not None
        record = window.catalogue.record(first)
        return (
            window.editor.edit_record(record, dataclasses.replace(record, title=title)) is not None
        )

    model = window.catalogue_view.records_page.model

    def editable() -> bool:  # a cell of the table, edited in place
        return bool(model.flags(model.index(0, Column.TITLE)) & Qt.ItemFlag.ItemIsEditable)

    assert editable()
    # Once: refused and said; the window stays as it was, and the next save goes through.
    faults.arm("save.before_commit:ioerror")
    assert not save("Refused once")
    assert notifier.errors[-1][1].startswith(
        "The disk reported an error while saving to “sample.aidb”, so nothing was saved"
    )
    assert window.action(ActionId.EDIT_RECORD).isEnabled()
    assert save("Saved after one refusal")
    saved = _rows(sample_path)
    assert saved != before
    # Again and again: after the second refusal in a row, read-only with the reason.
    faults.arm("save.before_commit:ioerror")
    assert not save("Refused")
    faults.arm("save.before_commit:ioerror")
    assert not save("Refused again")
    assert window.catalogue.read_only
    assert window.windowTitle() == "sample [read-only] — aidviewer"
    assert window.catalogue_view.notice.text() == (
        "The disk keeps refusing to save into “sample.aidb”, so it is shown read-only: check"
        " the disk, then open it again. Nothing saved before was lost."
    )
    for action in (ActionId.EDIT_RECORD, ActionId.NEW_RECORD, ActionId.DELETE_RECORD,
                   ActionId.IMPORT, ActionId.ADD_NOTE):  # fmt: skip
        assert not window.action(action).isEnabled(), action
    assert not editable()
    assert _rows(sample_path) == saved  # nothing half-saved, nothing lost
    # Opened again once the disk is mended: the catalogue can be changed again.
    faults.disarm()
    window.close_catalogue()
    assert window.open_catalogue(sample_path)
    assert window.action(ActionId.EDIT_RECORD).isEnabled()
    assert save("Saved after the disk was mended")
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert catalogue.record(first).title == "Saved after the disk was mended"
