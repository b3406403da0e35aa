"""T14: two processes, one record, and nothing lost (RELIABILITY.md, section 6.E).

A and B each have their own aidviewer session on the file, in processes of their own,
and load the same record at version n. A saves first. B's stale save is refused naming
A, the file holds A's save at version n + 1 and nothing of B's: compared row for row with
the file as A left it. The same for a deletion against an edit, each way round: a
deleted record does not come back through a stale save, and a stale deletion does not
remove a newer edit.

Through the window, B is a person: their stale save brings up the conflict dialog,
which names A and shows both texts; going back to the form keeps what they typed, and
"Keep Mine" saves it on top of A's save, which stays in the history. A record deleted
meanwhile is offered to be saved as a new one, with what they typed.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from ui.window_helpers import FakeNotifier

from aidviewer.store import AidRecord, Catalogue
from aidviewer.ui.actions import ActionId
from aidviewer.ui.conflict_dialog import ConflictDialog

from .concurrency import Session
from .oracle import Dump, changed_tables, dump, sound
from .windows import QT_LOG_IGNORE, FormAnswers, WindowOn, notifier, window_on

__all__ = ["notifier", "window_on"]  # fixtures

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore(QT_LOG_IGNORE)]

RECORD = 2  # "NASAMS launchers and equipment" in the sample catalogue
VERSION = 7  # the version both load it at: it has been saved six times before
A, B = "Aušra", "Bronius"


def _row(path: Path, table: str, row_id: int) -> dict[str, Any] | None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        row = con.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return None if row is None else dict(row)
    finally:
        con.close()


def _new_history(before: Dump, after: Dump) -> list[tuple[Any, ...]]:
    """The history rows added, as (who, entity, entity_id, action, field, old, new)."""
    added = sorted(set(after["history"]) - set(before["history"]))
    return [row[2:] for row in added]  # without id and time


# What a save of a record's title changes: its row, the history, the full-text index.
SAVED_TABLES = {"aid_record", "history", "search_index", "search_index_content"}


def _others_unchanged(before: Dump, after: Dump, record_id: int) -> None:
    """Every row but the record's own, the history and the index is as it was."""
    assert set(changed_tables(before, after)) <= SAVED_TABLES
    assert [r for r in before["aid_record"] if r[0] != record_id] == [
        r for r in after["aid_record"] if r[0] != record_id
    ]


@pytest.fixture
def at_version(sample_path: Path) -> Path:
    """The sample with the record saved until it is at VERSION (as a record in use is)."""
    with Catalogue.open(sample_path, user="earlier") as catalogue:
        for n in range(2, VERSION + 1):
            record = catalogue.record(RECORD)
            catalogue.update_record(dataclasses.replace(record, description=f"Draft {n}"))
        assert catalogue.record(RECORD).version == VERSION
    return sample_path


@pytest.fixture
def sessions(at_version: Path) -> Iterator[tuple[Session, Session]]:
    a, b = Session(at_version, A), Session(at_version, B)
    yield a, b
    for session in (a, b):
        session.kill()


# -- two sessions ----------------------------------------------------------------------------


def test_a_stale_save_is_refused_naming_who_saved_first(
    at_version: Path, sessions: tuple[Session, Session]
) -> None:
    a, b = sessions
    before = dump(at_version)
    original = _row(at_version, "aid_record", RECORD)
    assert original is not None
    assert a.ask(op="load", id=RECORD)["version"] == b.ask(op="load", id=RECORD)["version"] == 7

    assert a.ask(op="save", title="alpha")["version"] == VERSION + 1
    after_a = dump(at_version)
    refused = b.ask(op="save", title="beta")

    assert refused["error"] == "ConflictError"
    assert (refused["changed_by"], refused["expected_version"], refused["current_version"]) == (
        A, VERSION, VERSION + 1,
    )  # fmt: skip
    assert f"changed by {A} at" in refused["message"]
    sound(at_version)
    assert dump(at_version) == after_a  # B's refused save changed nothing
    # A's save is all there is: the title, a new version, signed by A, and its history.
    _others_unchanged(before, after_a, RECORD)
    saved = _row(at_version, "aid_record", RECORD)
    assert saved is not None and saved["updated_at"] > original["updated_at"]
    assert {k: v for k, v in saved.items() if k != "updated_at"} == {
        **{k: v for k, v in original.items() if k != "updated_at"},
        "title": "alpha", "version": VERSION + 1, "updated_by": A,
    }  # fmt: skip
    assert _new_history(before, after_a) == [
        (A, "aid_record", RECORD, "update", "title", original["title"], "alpha")
    ]
    with Catalogue.open(at_version, read_only=True) as catalogue:
        assert [(hit.kind, hit.id) for hit in catalogue.search("alpha")] == [("record", RECORD)]
        assert catalogue.search("beta") == []
    a.finish()
    b.finish()


def test_a_stale_save_does_not_bring_back_a_deleted_record(
    at_version: Path, sessions: tuple[Session, Session]
) -> None:
    a, b = sessions
    before = dump(at_version)
    a.ask(op="load", id=RECORD)
    b.ask(op="load", id=RECORD)

    assert a.ask(op="delete") == {"deleted": RECORD}
    after_a = dump(at_version)
    refused = b.ask(op="save", title="beta")

    assert refused["error"] == "NotFoundError" and "no longer exists" in refused["message"]
    sound(at_version)
    assert dump(at_version) == after_a
    assert _row(at_version, "aid_record", RECORD) is None
    assert [r for r in before["aid_record"] if r[0] != RECORD] == after_a["aid_record"]
    assert not any("beta" in repr(row) for rows in after_a.values() for row in rows)


def test_a_stale_delete_does_not_remove_a_newer_edit(
    at_version: Path, sessions: tuple[Session, Session]
) -> None:
    a, b = sessions
    before = dump(at_version)
    a.ask(op="load", id=RECORD)
    b.ask(op="load", id=RECORD)

    assert a.ask(op="save", title="alpha")["version"] == VERSION + 1
    after_a = dump(at_version)
    refused = b.ask(op="delete")

    assert refused["error"] == "ConflictError" and refused["changed_by"] == A
    sound(at_version)
    assert dump(at_version) == after_a
    saved = _row(at_version, "aid_record", RECORD)
    assert saved is not None and (saved["title"], saved["version"]) == ("alpha", VERSION + 1)
    _others_unchanged(before, after_a, RECORD)


# -- B in the window -------------------------------------------------------------------------


class ConflictAnswers:
    """Stands in for `ConflictDialog.ask`: makes the real dialog, notes what it says
    (its sentence and, per field, the two values) and presses `button` ("keep_mine",
    "take_theirs", "save_chosen") or, with None, goes back to the form."""

    def __init__(self, button: str | None) -> None:
        self.button = button
        self.said: list[str] = []
        self.rows: list[list[str]] = []

    def __call__(self, parent: Any, catalogue: Catalogue, base: Any, mine: Any,
                 theirs: Any) -> Any:  # fmt: skip
        dialog = ConflictDialog(parent, catalogue, base, mine, theirs)
        self.said += [label.text() for label in dialog.findChildren(QLabel)
                      if "after you opened it" in label.text()]  # fmt: skip
        table = dialog.table
        self.rows += [
            [table.item(row, 0).text(), *(table.cellWidget(row, c).text() for c in (1, 2))]  # type: ignore[attr-defined]
            for row in range(table.rowCount())
        ]
        merged = None
        if self.button is None:
            dialog.reject()
        else:
            getattr(dialog, self.button).click()
            merged = dialog.merged()
        dialog.deleteLater()
        return merged


def _saves_alpha_meanwhile(a: Session, path: Path, seen: list[Dump]) -> Any:
    """The form's first answer: while B's form is open on the record (at the version A
    loaded too), A saves "alpha"; B typed "beta"."""

    def answer(record: AidRecord) -> AidRecord:
        assert record.version == VERSION
        assert a.ask(op="save", title="alpha")["version"] == VERSION + 1
        seen.append(dump(path))
        return dataclasses.replace(record, title="beta")

    return answer


@pytest.mark.parametrize("button", [None, "keep_mine"])
def test_the_window_offers_both_texts_and_keeps_the_persons(
    at_version: Path, window_on: WindowOn, notifier: FakeNotifier, button: str | None
) -> None:
    a = Session(at_version, A)
    try:
        before = dump(at_version)
        original = _row(at_version, "aid_record", RECORD)
        assert original is not None
        a.ask(op="load", id=RECORD)
        window = window_on(at_version, B)
        assert window.catalogue_view.records_page.select_id(RECORD)
        after_a: list[Dump] = []
        # Back from the dialog, the form shows what B typed; B then cancels it.
        form = FormAnswers(_saves_alpha_meanwhile(a, at_version, after_a), lambda shown: None)
        conflict = ConflictAnswers(button)
        window.edits.ask_record = form
        window.edits.ask_conflict = conflict

        window.action(ActionId.EDIT_RECORD).trigger()

        assert notifier.errors == []
        assert len(conflict.said) == 1 and conflict.said[0].startswith(f"{A} saved this")
        assert conflict.rows == [["Title", "beta", "alpha"]]
        sound(at_version)
        if button is None:
            assert [shown.title for shown in form.shown] == [original["title"], "beta"]
            assert dump(at_version) == after_a[0]  # A's save, and nothing of B's
            return
        # Keep Mine: B's text saved on top of A's save, which stays in the history.
        assert [shown.title for shown in form.shown] == [original["title"]]
        after = dump(at_version)
        _others_unchanged(before, after, RECORD)
        saved = _row(at_version, "aid_record", RECORD)
        assert saved is not None
        assert (saved["title"], saved["version"], saved["updated_by"]) == ("beta", 9, B)
        assert _new_history(before, after) == [
            (A, "aid_record", RECORD, "update", "title", original["title"], "alpha"),
            (B, "aid_record", RECORD, "update", "title", "alpha", "beta"),
        ]
        window.undo_action.trigger()  # undoing B's save gives A's back, not the original
        assert _row(at_version, "aid_record", RECORD)["title"] == "alpha"  # type: ignore[index]
    finally:
        a.kill()


def test_a_record_deleted_meanwhile_is_offered_as_new_with_the_typed_text(
    at_version: Path, window_on: WindowOn, notifier: FakeNotifier
) -> None:
    a = Session(at_version, A)
    try:
        before = dump(at_version)
        a.ask(op="load", id=RECORD)
        window = window_on(at_version, B)
        assert window.catalogue_view.records_page.select_id(RECORD)
        typed: list[AidRecord] = []

        def deleted_meanwhile(record: AidRecord) -> AidRecord:
            assert a.ask(op="delete") == {"deleted": RECORD}
            typed.append(dataclasses.replace(record, title="beta", description="typed by B"))
            return typed[0]

        window.edits.ask_record = FormAnswers(deleted_meanwhile)
        notifier.confirm_answers = [True]  # "Save as New"

        window.action(ActionId.EDIT_RECORD).trigger()

        assert notifier.errors == []
        assert len(notifier.questions) == 1 and "deleted" in notifier.questions[0]
        sound(at_version)
        after = dump(at_version)
        assert _row(at_version, "aid_record", RECORD) is None  # not brought back
        ids_before = {row[0] for row in before["aid_record"]}
        (new,) = [row for row in after["aid_record"] if row[0] not in ids_before]
        new_id = new[0]
        with Catalogue.open(at_version, read_only=True) as catalogue:
            kept = catalogue.record(new_id)
        assert kept == dataclasses.replace(
            typed[0],
            id=new_id,
            version=1,
            stages=tuple(
                dataclasses.replace(stage, id=saved.id)
                for stage, saved in zip(typed[0].stages, kept.stages, strict=True)
            ),
            created_at=kept.created_at,
            updated_at=kept.updated_at,
            updated_by=B,
        )
        # Every other record as it was.
        assert [r for r in before["aid_record"] if r[0] != RECORD] == [
            r for r in after["aid_record"] if r[0] != new_id
        ]
    finally:
        a.kill()
