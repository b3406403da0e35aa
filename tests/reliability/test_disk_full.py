"""A full disk (RELIABILITY.md T7, R3): the save or import that meets it is refused with
one sentence saying the disk is full and nothing was saved; the transaction is rolled
back, the file passes its checks and holds exactly the rows it held before (content
oracle), and once space is freed the same save succeeds.

The disk is real: a small tmpfs mounted in a user namespace (`unshare -rm`), filled by a
file that leaves a chosen share of the space the operation needs, from 0 % to 100 %
(full_disk.py runs there). The window's side runs here under pytest-qt, with SQLite's
own "database or disk is full" made by `PRAGMA max_page_count` on the window's
connection, and with the fault hook's ENOSPC.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from figures import Figures, scale
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from aidviewer import faults
from aidviewer.io.formats import read_events
from aidviewer.io.importer import import_items
from aidviewer.sample import SAMPLE_USER, fill_sample
from aidviewer.store import Catalogue
from aidviewer.store.backup import list_backups
from aidviewer.ui.actions import ActionId
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.note_dialog import NoteDialog
from aidviewer.ui.record_form import RecordForm

from .namespaces import TMPFS_REASON, can_mount_tmpfs, run_on_tmpfs
from .oracle import changed_tables, dump, sound
from .stand_ins import FormDriver, RecordingNotifier, build_window, one_sentence

NASAMS = 2  # the sample's NASAMS record
IMPORTED = 5000
# Big enough for the catalogue, the import's growth (about 6 MB) and its journal.
DISK_SIZE = "16m"

needs_tmpfs = pytest.mark.skipif(not can_mount_tmpfs(), reason=TMPFS_REASON)


def _csv(path: Path, rows: int, title: str, donor: str) -> Path:
    lines = ["title,donor,value,currency"]
    lines += [f"{title} {n},{donor},{n}00,EUR" for n in range(1, rows + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalogue with an earlier import of 100 records: the rows a failed
    operation must leave exactly as they were."""
    folder = tmp_path_factory.mktemp("full-disk-base")
    path = folder / "base.aidb"
    Catalogue.create(path, user=SAMPLE_USER, fill=fill_sample).close()
    with Catalogue.open(path) as catalogue:
        import_items(
            catalogue, read_events("csv", _csv(folder / "early.csv", 100, "Earlier", "Latvia"))
        )
    return path


def _run(what: str, tmp_path: Path, base: Path, count: int, *extra: str) -> dict[str, Any]:
    disk = tmp_path / "disk"
    disk.mkdir()
    results = tmp_path / "results.json"
    done = run_on_tmpfs(disk, DISK_SIZE, "reliability.full_disk", what, str(disk), str(base),
                        str(results), str(count), *extra)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    runs: dict[str, Any] = json.loads(results.read_text(encoding="utf-8"))
    return runs


def _check_points(name: str, run: dict[str, Any], figures: Figures) -> None:
    """Every point: refused with the sentence and nothing changed, then saved once the
    space is back; or (at 100 %, when it fitted) saved whole."""
    points = run["points"]
    refused = [p for p in points if p["outcome"] == "refused"]
    figures.add(f"{name}: space needed (bytes)", f"{run['needed']:,}")
    figures.add(f"{name}: disk-full points", len(points))
    figures.add(f"{name}: refused, rows unchanged", sum(1 for p in refused if p["unchanged"]))
    figures.add(f"{name}: saved on retry", sum(1 for p in refused if p["retry"] == "saved"))
    waiting = [p for p in refused if p["sidecars"]]
    figures.add(f"{name}: journal left after the refusal", len(waiting))
    figures.add(f"{name}: check refused meanwhile", sum(1 for p in waiting if p["verify"]))
    # A commit the full disk stopped part-way leaves no hot journal behind: the store
    # plays it back at once (connection._settle), so backups and checks go on.
    assert waiting == [], [(p["fraction"], p["sidecars"]) for p in waiting]
    for point in points:
        where = f"{name} at {point['fraction']:.0%} ({point['free']:,} bytes free)"
        assert point["outcome"] in ("refused", "saved"), (where, point)
        if point["outcome"] == "refused":
            assert point["error"] == "DiskFullError", (where, point)
            assert "is full" in point["message"] and "nothing was saved" in point["message"]
            assert one_sentence(point["message"]), point["message"]
            assert not point["in_transaction"], where  # rolled back
            assert point["read"] == "saved", (where, point)
            assert point["sound"] is True, (where, point["sound"])
            assert point["unchanged"], f"{where}: the rows changed"
            assert point["sidecars_after_read"] == [], (where, point)
            assert point["retry"] == "saved", (where, point["retry_message"])
        assert point["saved_after"], f"{where}: not saved whole after the space came back"
        assert point["sound_after"], where
    assert len(refused) >= len(points) - 1, "only a point at 100 % may find room"


@pytest.mark.slow
@needs_tmpfs
def test_an_import_meets_a_full_disk_at_every_point(
    base: Path, tmp_path: Path, figures: Figures
) -> None:
    source = _csv(tmp_path / "rows.csv", IMPORTED, "Import row", "Estonia")
    runs = _run("import", tmp_path, base, scale(5, 20), str(source))
    _check_points(f"import of {IMPORTED:,}", runs["import"], figures)


@pytest.mark.slow
@needs_tmpfs
def test_a_long_note_meets_a_full_disk_at_every_point(
    base: Path, tmp_path: Path, figures: Figures
) -> None:
    runs = _run("note", tmp_path, base, scale(5, 20))
    _check_points("long note added", runs["note added"], figures)
    _check_points("note made long", runs["note changed"], figures)


@pytest.mark.slow
@needs_tmpfs
def test_a_backup_onto_a_full_disk_leaves_nothing_and_says_so(
    base: Path, tmp_path: Path, figures: Figures
) -> None:
    runs = _run("backup", tmp_path, base, scale(3, 10))
    points = runs["backup"]["points"]
    for point in points:
        where = f"backup at {point['fraction']:.0%} ({point['free']:,} bytes free)"
        assert point["outcome"] == "refused", (where, point)
        assert point["error"] == "DiskFullError", (where, point)
        assert "is full" in point["message"] and "no backup was made" in point["message"]
        assert point["left"] == [], f"{where}: left {point['left']}"
        assert point["unchanged"], where
        assert point["retry"] == "saved" and point["checked"], (where, point)
    figures.add("backup: disk-full points, nothing left", len(points))


@pytest.mark.slow
@needs_tmpfs
def test_a_salvage_onto_a_full_disk_changes_nothing_and_says_so(
    base: Path, tmp_path: Path, figures: Figures
) -> None:
    runs = _run("salvage", tmp_path, base, scale(3, 10))
    points = runs["salvage"]["points"]
    for point in points:
        where = f"salvage at {point['fraction']:.0%} ({point['free']:,} bytes free)"
        assert point["outcome"] == "refused", (where, point)
        assert point["error"] == "DiskFullError", (where, point)
        assert point["message"].endswith("“catalogue.aidb” was left as it was."), point
        assert "is full" in point["message"] and one_sentence(point["message"]), point
        assert point["left"] == ["catalogue.aidb"], f"{where}: left {point['left']}"
        assert point["unchanged"], where
        assert point["retry"] == "saved" and point["sound_after"], (where, point)
    figures.add("salvage: disk-full points, nothing changed", len(points))


# -- the window ---------------------------------------------------------------------------


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def window(
    qtbot: QtBot, sample_path: Path, tmp_path: Path, notifier: RecordingNotifier
) -> MainWindow:
    window = build_window(tmp_path / "settings.ini", notifier)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.open_catalogue(sample_path)
    page = window.catalogue_view.records_page
    assert page.select_id(NASAMS)
    return window


def _fill_the_disk(window: MainWindow) -> None:
    """SQLite's own "database or disk is full" (SQLITE_FULL) for any page beyond those
    the file has now: what a full disk does to the next save that needs room."""
    assert window.catalogue is not None
    con = window.catalogue._con
    (pages,) = con.execute("PRAGMA page_count").fetchone()
    con.execute(f"PRAGMA max_page_count = {pages}")


def _free_the_disk(window: MainWindow) -> None:
    assert window.catalogue is not None
    window.catalogue._con.execute("PRAGMA max_page_count = 4294967294")


LONG_TEXT = "Delivered in three convoys; serial numbers checked at the border. " * 400


def _type_description(dialog: QDialog) -> None:
    assert isinstance(dialog, RecordForm), dialog
    dialog.description.setPlainText(LONG_TEXT)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _type_note(dialog: QDialog) -> None:
    assert isinstance(dialog, NoteDialog), dialog
    dialog.body.setPlainText(LONG_TEXT)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


FORMS = {
    "record form": (ActionId.EDIT_RECORD, _type_description),
    "note": (ActionId.ADD_NOTE, _type_note),
}


def _saved(path: Path, form: str) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        table = "aid_record" if form == "record form" else "note"
        column = "description" if form == "record form" else "body"
        sql = f"SELECT count(*) FROM {table} WHERE {column} = ?"
        return bool(con.execute(sql, (LONG_TEXT,)).fetchone()[0])
    finally:
        con.close()


# The offscreen platform says so whenever a modal dialog opens: not a fault of ours.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
@pytest.mark.parametrize("form", FORMS)
def test_a_save_from_a_form_onto_a_full_disk_is_said_in_one_sentence(
    window: MainWindow, notifier: RecordingNotifier, sample_path: Path, form: str, qtbot: QtBot
) -> None:
    action, fill = FORMS[form]
    before = dump(sample_path)
    _fill_the_disk(window)
    with qtbot.capture_exceptions() as raised, FormDriver(fill):
        window.action(action).trigger()
    assert raised == []
    (_, message), *others = notifier.errors
    assert others == []
    assert "is full" in message and "nothing was saved" in message, message
    assert "“sample.aidb”" in message and one_sentence(message), message
    sound(sample_path)
    after = dump(sample_path)
    assert after == before, changed_tables(before, after)

    _free_the_disk(window)  # space freed: the same save, typed again, goes through
    with FormDriver(fill):
        window.action(action).trigger()
    assert len(notifier.errors) == 1
    assert _saved(sample_path, form)
    sound(sample_path)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
@pytest.mark.parametrize("form", FORMS)
def test_the_text_typed_is_still_there_after_a_full_disk(
    window: MainWindow, notifier: RecordingNotifier, form: str, qtbot: QtBot
) -> None:
    """The save is refused and said; then the form comes back with what was typed (the
    driver reads it and closes it)."""
    action, fill = FORMS[form]
    _fill_the_disk(window)
    with FormDriver(fill) as driver:
        window.action(action).trigger()
    assert "is full" in notifier.errors[0][1]  # said, as above
    assert driver.forms == 2
    assert any(LONG_TEXT.strip() in text for text in driver.texts_after)


def test_an_injected_full_disk_at_a_save_is_said_not_raised(
    window: MainWindow, notifier: RecordingNotifier, sample_path: Path, qtbot: QtBot
) -> None:
    assert window.catalogue is not None
    record = window.catalogue.record(NASAMS)
    before = dump(sample_path)
    faults.arm("save.before_commit:full")
    with qtbot.capture_exceptions() as raised:
        window.editor.edit_record(record, dataclasses.replace(record, title="Changed"))
    assert dump(sample_path) == before
    assert raised == []
    (_, message), *others = notifier.errors
    assert others == [] and "is full" in message and one_sentence(message)


@pytest.mark.parametrize("step", ["backup.copied", "backup.before_rename"])
def test_back_up_now_onto_a_full_disk_leaves_nothing_and_says_so(
    window: MainWindow, notifier: RecordingNotifier, sample_path: Path, step: str
) -> None:
    before = dump(sample_path)
    faults.arm(f"{step}:full")
    window.action(ActionId.BACKUP).trigger()
    (title, message), *others = notifier.errors
    assert others == [] and title == "No backup was made"
    assert "is full" in message and "no backup was made" in message, message
    assert list_backups(sample_path) == []
    left = [p.name for p in sample_path.parent.rglob("*") if p.is_file()]
    assert [name for name in left if name != "settings.ini"] == ["sample.aidb"]
    assert dump(sample_path) == before
