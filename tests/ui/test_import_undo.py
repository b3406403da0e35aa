"""An import as one step of Edit > Undo: undo takes its records away and puts the
updated ones back, redo brings them again, and a record someone has touched since (a
note, an edit) makes the step refuse rather than lose that."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pytestqt.qtbot import QtBot

from aidviewer.io.importer import import_items
from aidviewer.io.items import Item
from aidviewer.store import Catalogue, Note, RecordQuery
from aidviewer.ui.undo import Editor


def _titles(catalogue: Catalogue) -> list[str]:
    return sorted(catalogue.record(i).title for i in catalogue.record_ids(RecordQuery()))


def _import(editor: Editor, catalogue: Catalogue, items: list[Item]) -> None:
    summary = import_items(catalogue, items)
    updated = list(zip(summary.before, summary.after_versions, strict=True))
    editor.record_import("Import “x.csv”", summary.made_ids, updated, summary.made_notes)


def test_undo_and_redo_of_an_import(qtbot: QtBot, empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        editor = Editor()
        editor.set_catalogue(catalogue)
        import_items(catalogue, [Item(ref="k:1", line=2, title="Tanks")])
        _import(editor, catalogue, [
            Item(ref="k:1", line=2, title="Leopard tanks"),
            Item(ref="k:2", line=3, title="Shells", notes=("Title (fr): Obus",)),
        ])  # fmt: skip
        assert _titles(catalogue) == ["Leopard tanks", "Shells"]
        editor.stack.undo()
        assert _titles(catalogue) == ["Tanks"]
        editor.stack.redo()
        assert _titles(catalogue) == ["Leopard tanks", "Shells"]
        editor.stack.undo()
        assert _titles(catalogue) == ["Tanks"]


def test_a_note_added_since_makes_the_undo_refuse(qtbot: QtBot, empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        editor = Editor()
        editor.set_catalogue(catalogue)
        _import(editor, catalogue, [Item(ref="k:1", line=2, title="Tanks")])
        (record_id,) = catalogue.record_ids(RecordQuery())
        catalogue.add_note(Note(record_id=record_id, body="Delivered to Lviv", author="Rasa"))
        with qtbot.waitSignal(editor.failed) as refused:
            editor.stack.undo()
        assert "after this step" in refused.args[1]
        assert _titles(catalogue) == ["Tanks"]  # the record and its note stay
        assert [n.body for n in catalogue.notes_for(record_id=record_id)] == ["Delivered to Lviv"]


def test_an_edit_since_makes_the_undo_refuse(qtbot: QtBot, empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        editor = Editor()
        editor.set_catalogue(catalogue)
        _import(editor, catalogue, [Item(ref="k:1", line=2, title="Tanks")])
        (record_id,) = catalogue.record_ids(RecordQuery())
        record = catalogue.record(record_id)
        catalogue.update_record(dataclasses.replace(record, title="Tanks (checked)"))
        with qtbot.waitSignal(editor.failed):
            editor.stack.undo()
        assert _titles(catalogue) == ["Tanks (checked)"]
