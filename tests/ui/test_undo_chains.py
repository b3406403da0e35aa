"""Several steps on the same row, undone and redone one after another: each step writes
on the version the steps after it left, and the file goes back to its exact rows at every
point. A colleague's save in between still makes the step a conflict."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from aidviewer.store import AidRecord, Catalogue, Note
from aidviewer.ui.undo import Editor

NASAMS = 2
QUERIES = (
    "SELECT id, title, quantity, category_id, donor_id, implementer_id, created_at FROM aid_record",
    "SELECT id, name, created_at FROM organisation",
    "SELECT * FROM organisation_alias",
    "SELECT record_id, tag_id FROM record_tag",
    "SELECT id, record_id, body, resolved, pinned FROM note",
    "SELECT id, name, role, organisation_id FROM person",
    "SELECT record_id, kind, date FROM stage",
)


def _rows(path: Path) -> list[list[tuple[Any, ...]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [sorted(con.execute(sql).fetchall()) for sql in QUERIES]
    finally:
        con.close()


@pytest.fixture
def editor(qtbot: QtBot, sample_path: Path) -> Iterator[Editor]:
    catalogue = Catalogue.open(sample_path)
    catalogue.user = "Rasa"
    editor = Editor()
    editor.set_catalogue(catalogue)
    failures: list[tuple[str, str]] = []
    editor.failed.connect(lambda title, message: failures.append((title, message)))
    editor.failures = failures  # type: ignore[attr-defined]
    yield editor
    # The stack's steps refer back to the editor: let them go while it is still whole,
    # rather than in whatever order the garbage collector finds the pieces at exit.
    editor.set_catalogue(None)
    catalogue.close()


def _edit(editor: Editor, **values: Any) -> None:
    assert editor.catalogue is not None
    before = editor.catalogue.record(NASAMS)
    assert editor.edit_record(before, dataclasses.replace(before, **values)) is not None


def _bulk(editor: Editor, **values: Any) -> None:
    assert editor.catalogue is not None
    records = [editor.catalogue.record(i) for i in (NASAMS, 3)]
    assert editor.edit_records([(r, dataclasses.replace(r, **values)) for r in records])


def _note(editor: Editor, body: str) -> None:
    assert editor.catalogue is not None
    notes = editor.catalogue.notes_for(record_id=NASAMS)
    if notes:
        assert editor.edit_note(notes[0], dataclasses.replace(notes[0], body=body))
    else:
        assert editor.add_note(Note(record_id=NASAMS, body=body, author="Rasa"))


def _delete(editor: Editor) -> None:
    assert editor.delete_record(NASAMS)


def _person(editor: Editor, role: str) -> None:
    assert editor.catalogue is not None
    person = editor.catalogue.person(1)
    assert editor.edit_entry(person, dataclasses.replace(person, role=role))


Step = Callable[[Editor], None]
CHAINS: dict[str, list[Step]] = {
    "edits of one record": [
        lambda e: _edit(e, title="one"),
        lambda e: _edit(e, title="two", quantity=4),
        lambda e: _edit(e, quantity=5),
    ],
    "edit, bulk edit, edit, delete": [
        lambda e: _edit(e, title="one"),
        lambda e: _bulk(e, tags=("winter",)),
        lambda e: _edit(e, category_id=None),
        _delete,
    ],
    "notes written over": [
        lambda e: _note(e, "first"),
        lambda e: _note(e, "second"),
        lambda e: _note(e, "third"),
        _delete,
    ],
    "edits around a merge of the donor": [
        lambda e: _edit(e, title="one"),
        lambda e: e.merge_organisations(5, 1, "Merge"),
        lambda e: _edit(e, title="two"),
    ],
    "a person edited twice": [
        lambda e: _person(e, "Minister"),
        lambda e: _person(e, "Former minister"),
    ],
}


@pytest.mark.parametrize("chain", list(CHAINS))
def test_a_chain_of_steps_undoes_and_redoes_to_the_exact_rows(
    editor: Editor, sample_path: Path, chain: str
) -> None:
    states = [_rows(sample_path)]
    for step in CHAINS[chain]:
        step(editor)
        states.append(_rows(sample_path))
    for state in reversed(states[:-1]):
        editor.stack.undo()
        assert _rows(sample_path) == state
    for state in states[1:]:
        editor.stack.redo()
        assert _rows(sample_path) == state
    assert editor.failures == []  # type: ignore[attr-defined]
    assert editor.stack.count() == len(CHAINS[chain])


def test_an_undo_keeps_a_colleagues_change_to_other_fields(
    editor: Editor, sample_path: Path
) -> None:
    """Steps on either side of a colleague's save: undoing both gives back this person's
    fields and keeps the colleague's."""
    _edit(editor, title="one")
    with Catalogue.open(sample_path) as other:
        record = other.record(NASAMS)
        other.update_record(dataclasses.replace(record, item="Their item"))
    _edit(editor, quantity=4)
    editor.stack.undo()
    editor.stack.undo()
    assert editor.failures == []  # type: ignore[attr-defined]
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        record = catalogue.record(NASAMS)
    assert (record.title, record.quantity, record.item) == (
        "NASAMS launchers and equipment",
        None,
        "Their item",
    )


def test_a_colleagues_change_to_the_steps_own_field_is_a_conflict(
    editor: Editor, sample_path: Path
) -> None:
    _edit(editor, title="one")
    _edit(editor, title="two")
    with Catalogue.open(sample_path) as other:
        record = other.record(NASAMS)
        other.update_record(dataclasses.replace(record, title="Theirs"))
    before = _rows(sample_path)
    editor.stack.undo()  # would overwrite the colleague's title: refused
    assert editor.failures  # type: ignore[attr-defined]
    assert _rows(sample_path) == before
    assert editor.stack.count() == 1  # the refused step is dropped


def test_undoing_a_new_record_a_colleague_has_changed_is_refused(
    editor: Editor, sample_path: Path
) -> None:
    record = editor.add_record(AidRecord(title="Fresh"))
    assert record is not None
    with Catalogue.open(sample_path) as other:
        other.update_record(dataclasses.replace(other.record(record.id), quantity=3))
    editor.stack.undo()  # deleting it would take their quantity with it
    assert editor.failures  # type: ignore[attr-defined]
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert catalogue.record(record.id).quantity == 3
