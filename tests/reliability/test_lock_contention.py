"""T16: another program holds the write lock (RELIABILITY.md, 6.E and 7.4).

Another process holds `BEGIN IMMEDIATE` on the file. For less than the busy timeout, a
save waits and then goes through; for longer, the person is told in plain words (never
SQLite's "database is locked"), the file is unchanged, and the save goes through when
tried again after the lock is gone.

The deferred-upgrade trap: a colleague commits between the moment the record was read
and the moment the save starts. The save then succeeds after waiting, or reports the
colleague's change as a conflict; it never fails with "database is locked", which is
what a deferred read-then-write transaction gets at once, whatever its busy timeout
(the control below shows the trap is real on this SQLite).

Each save through the window is held in the lock until the test lets the other process
go. The window goes on running while a save waits (its timer beats: the wait for the lock
runs on a thread of its own), and the person's text survives a save the lock refused
(the form comes back with it).
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from figures import Figures
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from ui.window_helpers import FakeNotifier

from aidviewer.store import Catalogue, ConflictError, connection
from aidviewer.ui.actions import ActionId
from aidviewer.ui.main_window import MainWindow

from .concurrency import Holder
from .oracle import Dump, changed_tables, dump, sound
from .windows import QT_LOG_IGNORE, FormAnswers, WindowOn, notifier, window_on

__all__ = ["notifier", "window_on"]  # fixtures

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore(QT_LOG_IGNORE)]

RECORD, OTHER = 2, 3  # two records of the sample catalogue
A, B = "Aušra", "Bronius"
BUSY_TIMEOUT = 5.0  # the store's default: what a short lock is shorter than
SHORT_TIMEOUT = 0.3  # what a long lock is longer than
# How long the other process holds the lock once the save has begun, at most: shorter
# than BUSY_TIMEOUT. A window that runs while the save waits lets it go sooner, once its
# timer has beaten BEATS times.
HOLD = 1.0
BEATS = 5
# Far longer than any save here takes: only a save that never ends waits this long.
WAIT_MS = 20_000
# What a save of a record's title or description changes.
SAVED_TABLES = {"aid_record", "history", "search_index", "search_index_content"}
RAW_WORDS = ("database is locked", "sqlite", "Traceback", "OperationalError")


def _title(path: Path, record_id: int) -> tuple[str, int, str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT title, version, updated_by FROM aid_record WHERE id = ?", (record_id,)
        ).fetchone()
        return tuple(row)  # type: ignore[return-value]
    finally:
        con.close()


def _only_these_saves(
    path: Path, before: Dump, after: Dump, *saves: tuple[str, int, str, str]
) -> None:
    """The content oracle: the file holds `saves`, each (who, record, field, new value)
    of a different record, and nothing else changed: every other row as it was, each
    saved record with the field's new value, one version more and signed by who saved
    it, and the history holding exactly those changes (a save that failed left none)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        columns = [row[1] for row in con.execute("PRAGMA table_info(aid_record)")]
    finally:
        con.close()
    at = {name: n for n, name in enumerate(columns)}
    old = {row[0]: row for row in before["aid_record"]}
    new = {row[0]: row for row in after["aid_record"]}
    assert set(changed_tables(before, after)) <= SAVED_TABLES
    touched = {record_id for _, record_id, _, _ in saves}
    assert len(touched) == len(saves) and old.keys() == new.keys()
    assert {k: v for k, v in old.items() if k not in touched} == {
        k: v for k, v in new.items() if k not in touched
    }
    for who, record_id, field, value in saves:
        expected = dict(zip(columns, old[record_id], strict=True))
        expected |= {field: value, "version": expected["version"] + 1, "updated_by": who}
        expected["updated_at"] = new[record_id][at["updated_at"]]
        assert dict(zip(columns, new[record_id], strict=True)) == expected
    added = sorted(set(after["history"]) - set(before["history"]))
    assert [row[2:] for row in added] == [
        (who, "aid_record", record_id, "update", field, old[record_id][at[field]], value)
        for who, record_id, field, value in saves
    ]


def _types_beta(record: Any) -> Any:
    return dataclasses.replace(record, title="beta")


# -- the store -------------------------------------------------------------------------------


def test_the_trap_is_real_a_deferred_read_then_write_fails_at_once(sample_path: Path) -> None:
    """The control (RELIABILITY.md 7.4): plain SQLite, a read transaction that then
    writes while another connection holds the write lock, gets "database is locked"
    without waiting, although the lock goes after HOLD and its timeout is far longer. A
    save that waited would have gone through."""
    holder = Holder(sample_path)
    con = sqlite3.connect(sample_path, isolation_level=None, timeout=BUSY_TIMEOUT)
    letting_go = threading.Timer(HOLD, holder.release)
    try:
        con.execute("BEGIN")
        con.execute("SELECT version FROM aid_record WHERE id = ?", (RECORD,)).fetchone()
        letting_go.start()
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            con.execute("UPDATE aid_record SET title = 'beta' WHERE id = ?", (RECORD,))
        con.execute("ROLLBACK")
        letting_go.join()
    finally:
        con.close()
        letting_go.cancel()
        holder.kill()


def _let_go_after(
    holder: Holder, problems: list[str], wait: Callable[[], None]
) -> threading.Thread:
    """Let the holder go, on a thread of its own, once `wait()` has returned; what went
    wrong meanwhile is put in `problems` for the test to report."""

    def run() -> None:
        try:
            wait()
            holder.release()
        except Exception as error:  # reported by the test
            problems.append(repr(error))

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _let_go_once_saving(
    holder: Holder, started: threading.Event, problems: list[str]
) -> threading.Thread:
    """Let the holder go a moment after the save began (it waits for the lock meanwhile)."""

    def wait() -> None:
        assert started.wait(timeout=60), "the save never began"
        time.sleep(0.2)  # the save reaches BEGIN IMMEDIATE and waits there

    return _let_go_after(holder, problems, wait)


@pytest.mark.parametrize("colleague", [None, OTHER, RECORD])
def test_a_save_started_under_a_lock_waits_then_saves_or_conflicts(
    sample_path: Path, colleague: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The form has read the record; another process then takes the write lock: a plain
    lock (None), or a colleague's save held open, of another record or of this one.
    The store's save, begun while the lock is held, waits for it (BEGIN IMMEDIATE) and
    then saves, or finds the colleague's newer version: a conflict naming them."""
    before = dump(sample_path)
    catalogue = Catalogue.open(sample_path, user=B, busy_timeout=BUSY_TIMEOUT)
    read = catalogue.record(RECORD)  # the form loads it
    holder = Holder(sample_path, record_id=colleague or 0, user=A)
    started, problems = threading.Event(), list[str]()
    original = Catalogue.update_record

    def update_record(self: Catalogue, record: Any) -> Any:
        started.set()
        return original(self, record)

    monkeypatch.setattr(Catalogue, "update_record", update_record)
    letting_go = _let_go_once_saving(holder, started, problems)
    try:
        if colleague == RECORD:
            with pytest.raises(ConflictError) as raised:
                catalogue.update_record(dataclasses.replace(read, title="beta"))
            assert raised.value.changed_by == A and raised.value.current_version == 2
        else:
            saved = catalogue.update_record(dataclasses.replace(read, title="beta"))
            assert (saved.title, saved.version) == ("beta", 2)
        letting_go.join(timeout=60)
        assert problems == []
    finally:
        catalogue.close()
        holder.kill()
    sound(sample_path)
    theirs = [(A, colleague, "description", f"held by {A}")] if colleague else []
    mine = [] if colleague == RECORD else [(B, RECORD, "title", "beta")]
    _only_these_saves(sample_path, before, dump(sample_path), *theirs, *mine)
    if colleague == RECORD:
        assert _title(sample_path, RECORD) == (read.title, 2, A)  # theirs, not "beta"
    else:
        assert _title(sample_path, RECORD) == ("beta", 2, B)


# -- the window ------------------------------------------------------------------------------


class HeldSave:
    """Watches the window's saves while another process holds the lock: a 10 ms timer on
    the window's thread counts its beats; `beats_while_saving` is how many fell while a
    write transaction was under way (from BEGIN IMMEDIATE, waiting included, to its end).
    The window's editor holds the store's methods themselves (undo.py's RECORDS), so the
    watch is on the store's one way to write, connection.transaction."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = threading.Event()
        self.done = threading.Event()
        self.beats = 0
        self.beats_while_saving = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._beat)
        self.timer.start()
        original = connection.transaction

        @contextmanager
        def transaction(con: Any, path: Any, step: str = "save", wait: Any = None) -> Iterator[Any]:
            at_start = self.beats
            self.started.set()
            try:
                with original(con, path, step, wait) as writing:
                    yield writing
            finally:
                self.beats_while_saving = self.beats - at_start
                self.done.set()

        monkeypatch.setattr(connection, "transaction", transaction)

    def _beat(self) -> None:
        self.beats += 1

    def let_go_later(self, holder: Holder, problems: list[str]) -> threading.Thread:
        """Once a save has begun, let the holder go after BEATS beats of the window's
        timer, or after HOLD if the window does not beat."""

        def wait() -> None:
            assert self.started.wait(timeout=60), "the save never began"
            at_start, deadline = self.beats, time.monotonic() + HOLD
            while self.beats - at_start < BEATS and time.monotonic() < deadline:
                time.sleep(0.01)

        return _let_go_after(holder, problems, wait)

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSave]:
    save = HeldSave(monkeypatch)
    yield save
    save.stop()


def _edit(window: MainWindow, form: FormAnswers) -> None:
    assert window.catalogue_view.records_page.select_id(RECORD)
    window.edits.ask_record = form
    window.action(ActionId.EDIT_RECORD).trigger()


def _save_under_a_short_lock(
    path: Path, window_on: WindowOn, held: HeldSave, qtbot: QtBot
) -> Callable[[], None]:
    """A save through the window begun while another program holds the lock for less
    than the busy timeout; returns a check that it was saved."""
    window = window_on(path, B, busy_timeout=BUSY_TIMEOUT)
    before, original = dump(path), _title(path, RECORD)
    holder, problems = Holder(path), list[str]()
    letting_go = held.let_go_later(holder, problems)
    try:
        _edit(window, FormAnswers(_types_beta))
        qtbot.waitUntil(held.done.is_set, timeout=WAIT_MS)
        letting_go.join(timeout=60)
    finally:
        holder.kill()

    def saved() -> None:
        assert problems == []
        sound(path)
        _only_these_saves(path, before, dump(path), (B, RECORD, "title", "beta"))
        assert _title(path, RECORD) == ("beta", original[1] + 1, B)

    return saved


def test_a_window_save_waits_for_a_short_lock_then_saves(
    sample_path: Path, window_on: WindowOn, notifier: FakeNotifier, held: HeldSave, qtbot: QtBot
) -> None:
    saved = _save_under_a_short_lock(sample_path, window_on, held, qtbot)
    saved()
    assert notifier.errors == []


def test_the_window_runs_while_a_save_waits_for_a_lock(
    sample_path: Path, window_on: WindowOn, held: HeldSave, qtbot: QtBot, figures: Figures
) -> None:
    _save_under_a_short_lock(sample_path, window_on, held, qtbot)
    figures.add("window timer beats while a save waited for a lock", held.beats_while_saving)
    assert held.beats_while_saving >= BEATS


def _refused_save(
    path: Path, window_on: WindowOn, held: HeldSave, qtbot: QtBot, colleague: int
) -> tuple[MainWindow, FormAnswers, Holder]:
    """A save through the window under a lock: another program holds it for longer than
    the window's busy timeout (colleague 0: still held on return), or a colleague's save
    of record `colleague`, held open, is committed while the window's save waits (the
    busy timeout is long: let go on return)."""
    window = window_on(path, B, busy_timeout=BUSY_TIMEOUT if colleague else SHORT_TIMEOUT)
    holder, problems = Holder(path, record_id=colleague, user=A), list[str]()
    letting_go = held.let_go_later(holder, problems) if colleague else None
    form = FormAnswers(_types_beta, lambda shown: None)
    try:
        _edit(window, form)
        qtbot.waitUntil(held.done.is_set, timeout=WAIT_MS)
        if letting_go is not None:
            letting_go.join(timeout=60)
            assert problems == []
    except BaseException:
        holder.kill()
        raise
    return window, form, holder


def test_a_lock_longer_than_the_timeout_is_said_plainly_and_a_retry_saves(
    sample_path: Path, window_on: WindowOn, notifier: FakeNotifier, held: HeldSave, qtbot: QtBot
) -> None:
    before = dump(sample_path)
    original = _title(sample_path, RECORD)
    window, _, holder = _refused_save(sample_path, window_on, held, qtbot, 0)
    try:
        qtbot.waitUntil(lambda: len(notifier.errors) == 1, timeout=WAIT_MS)
        ((title, message),) = notifier.errors
        assert not any(word.lower() in f"{title} {message}".lower() for word in RAW_WORDS)
        assert sample_path.name in message and "locked by another program" in message
        assert "try again" in message
        assert dump(sample_path) == before  # nothing saved, nothing half-saved
    finally:
        holder.release()
    # Tried again once the lock is gone: saved.
    held.done.clear()
    _edit(window, FormAnswers(_types_beta))
    qtbot.waitUntil(held.done.is_set, timeout=WAIT_MS)
    assert len(notifier.errors) == 1
    sound(sample_path)
    _only_these_saves(sample_path, before, dump(sample_path), (B, RECORD, "title", "beta"))
    assert _title(sample_path, RECORD) == ("beta", original[1] + 1, B)


@pytest.mark.parametrize("colleague", [OTHER, RECORD])
def test_a_colleagues_save_committed_while_the_window_saves(
    sample_path: Path,
    window_on: WindowOn,
    notifier: FakeNotifier,
    held: HeldSave,
    qtbot: QtBot,
    colleague: int,
) -> None:
    """The deferred-upgrade trap through the window: the colleague's save of another
    record lets this one through after waiting; of the same record, it is reported as
    their change (a conflict), never as "database is locked"."""
    before, original = dump(sample_path), _title(sample_path, RECORD)
    _refused_save(sample_path, window_on, held, qtbot, colleague)[2].kill()  # let go already
    sound(sample_path)
    theirs = (A, colleague, "description", f"held by {A}")
    if colleague == OTHER:
        assert notifier.errors == []
        mine = (B, RECORD, "title", "beta")
        _only_these_saves(sample_path, before, dump(sample_path), theirs, mine)
        assert _title(sample_path, RECORD) == ("beta", original[1] + 1, B)
        assert _title(sample_path, OTHER)[1:] == (2, A)
        return
    _only_these_saves(sample_path, before, dump(sample_path), theirs)
    ((title, message),) = notifier.errors
    assert not any(word.lower() in f"{title} {message}".lower() for word in RAW_WORDS)
    assert f"changed by {A}" in message
    assert _title(sample_path, RECORD) == (original[0], original[1] + 1, A)  # theirs


@pytest.mark.parametrize("colleague", [0, RECORD], ids=["lock longer than timeout", "conflict"])
def test_the_typed_text_survives_a_save_refused_under_a_lock(
    sample_path: Path,
    window_on: WindowOn,
    notifier: FakeNotifier,
    held: HeldSave,
    qtbot: QtBot,
    colleague: int,
) -> None:
    _, form, holder = _refused_save(sample_path, window_on, held, qtbot, colleague)
    try:
        qtbot.waitUntil(lambda: len(notifier.errors) == 1, timeout=WAIT_MS)
        # What B typed is offered again (the form opens again with it).
        assert [shown.title for shown in form.shown][1:] == ["beta"]
    finally:
        holder.kill()


def test_the_window_reads_the_catalogue_while_a_save_waits_for_a_lock(
    sample_path: Path, window_on: WindowOn, notifier: FakeNotifier, held: HeldSave, qtbot: QtBot
) -> None:
    """While a save waits for another program's lock (on a worker), the window may still
    read the catalogue: a page of the table, a record's details. The read goes through at
    once, with the file as last committed, instead of waiting behind the save on the
    connection (it would then stop the window until the lock came, or fail)."""
    window = window_on(sample_path, B, busy_timeout=BUSY_TIMEOUT)
    assert window.catalogue is not None
    other_title = _title(sample_path, OTHER)[0]
    holder = Holder(sample_path)
    read: list[tuple[str, bool, bool]] = []  # (title, lock still held, save still waiting)

    def read_while_waiting() -> None:
        if read or not held.started.is_set():
            return
        assert window.catalogue is not None
        title = window.catalogue.record(OTHER).title
        page = window.catalogue.record_count()
        read.append((title if page else "", not holder.released, not held.done.is_set()))
        holder.release()  # the read is done: the save may have its lock now

    reader = QTimer()
    reader.setInterval(10)
    reader.timeout.connect(read_while_waiting)
    reader.start()
    try:
        _edit(window, FormAnswers(_types_beta))
        qtbot.waitUntil(held.done.is_set, timeout=WAIT_MS)
    finally:
        reader.stop()
        holder.kill()
    assert read == [(other_title, True, True)]
    assert notifier.errors == []
    assert _title(sample_path, RECORD)[0] == "beta"
    sound(sample_path)
