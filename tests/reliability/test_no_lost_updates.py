"""T15: many processes saving three hot records lose no update (RELIABILITY.md, 6.E).

N processes make M successful saves each of a counter (an aid record's quantity) on
three hot records: read the record, then save the counter read plus one with the
store's version check. A stale save is a conflict and is tried again, as a new attempt.
At the end every counter equals the saves made of it, each save's increment is in the
history once (no two saves wrote the same value), every other row is as it was, and no
save failed in any other way ("database is locked" included).

The negative control runs the same processes with the version check left out (a plain
UPDATE of the value read plus one): it must find lost updates, or the harness could not
have seen them either.
"""

from __future__ import annotations

import math
import shutil
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from figures import Figures, scale

from aidviewer.store import AidRecord, Catalogue

from .concurrency import Child
from .oracle import changed_tables, dump, sound

pytestmark = pytest.mark.slow

PROCESSES = scale(4, 8)
SAVES = scale(50, 500)  # successful saves per process
# Between reading the record and saving it: a little of what a person takes, so that the
# processes' reads and saves interleave as they do between people.
THINK = 0.001
HOT = ("Hot record one", "Hot record two", "Hot record three")


def _hot_records(path: Path) -> list[int]:
    with Catalogue.open(path, user="setup") as catalogue:
        return [catalogue.add_record(AidRecord(title=title, quantity=0)).id for title in HOT]


def _hammer(path: Path, hot: list[int], mode: str) -> list[dict[str, Any]]:
    """PROCESSES hammers on `path`, started together; what each did."""
    ids = ",".join(map(str, hot))
    children = [Child("hammer", path, n, SAVES, ids, mode, THINK) for n in range(PROCESSES)]
    try:
        for child in children:
            child.expect("ready")
        for child in children:
            child.send("go")
        return [child.result() for child in children]
    finally:
        for child in children:
            child.kill()


def _quantities(path: Path, hot: list[int]) -> dict[int, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        marks = ",".join("?" * len(hot))
        rows = con.execute(f"SELECT id, quantity FROM aid_record WHERE id IN ({marks})", hot)
        return dict(rows.fetchall())
    finally:
        con.close()


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def test_no_save_is_lost_among_many_processes(sample_path: Path, figures: Figures) -> None:
    control = sample_path.with_name("control.aidb")
    hot = _hot_records(sample_path)
    shutil.copyfile(sample_path, control)
    before = dump(sample_path)

    done = _hammer(sample_path, hot, "checked")

    errors = [error for process in done for error in process["errors"]]
    attempts = sum(process["attempts"] for process in done)
    successes = sum(process["successes"] for process in done)
    conflicts = sum(process["conflicts"] for process in done)
    per_record = Counter[int]()
    for process in done:
        per_record.update({int(k): v for k, v in process["per_record"].items()})
    latencies = [t for process in done for t in process["latencies"]]
    counters = _quantities(sample_path, hot)
    lost = successes - sum(counters.values())
    figures.add("processes", PROCESSES)
    figures.add("successful saves asked of each", SAVES)
    figures.add("attempts", attempts)
    figures.add("successful saves", successes)
    figures.add("conflicts (refused, tried again)", conflicts)
    figures.add("lost updates", lost)
    figures.add("p99 save time (ms)", f"{1000 * _p99(latencies):.1f}")
    figures.add("longest save (ms)", f"{1000 * max(latencies):.1f}")

    assert errors == []  # no "database is locked", nor any other failure but conflicts
    assert successes == PROCESSES * SAVES
    assert conflicts == attempts - successes
    assert lost == 0
    assert counters == dict(per_record)
    # The content oracle: each hot record is its row as it was but for the counter, the
    # version and who saved it last; its history holds each save's increment once, so no
    # two saves wrote the same value; every other row is as it was.
    sound(sample_path)
    after = dump(sample_path)
    assert set(changed_tables(before, after)) == {"aid_record", "history"}
    rows_before = {row[0]: row for row in before["aid_record"]}
    rows_after = {row[0]: row for row in after["aid_record"]}
    assert rows_before.keys() == rows_after.keys()
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        for record_id in rows_before:
            if record_id not in hot:
                assert rows_after[record_id] == rows_before[record_id]
                continue
            record, saves = catalogue.record(record_id), per_record[record_id]
            assert (record.quantity, record.version) == (saves, 1 + saves)
            assert record.updated_by.startswith("hammer")
            history = catalogue.history("aid_record", record_id)
            assert [entry.action for entry in history] == ["create"] + ["update"] * saves
            assert {entry.field for entry in history[1:]} <= {"quantity"}
            steps = sorted((entry.old, entry.new) for entry in history[1:])
            assert sorted(steps, key=lambda step: int(step[1] or 0)) == [
                (str(n), str(n + 1)) for n in range(saves)
            ]
    history_added = len(after["history"]) - len(before["history"])
    assert history_added == successes

    # The negative control: the same harness without the version check must see saves
    # lost, or it could not have seen them above either.
    done = _hammer(control, hot, "unchecked")
    assert [error for process in done for error in process["errors"]] == []
    saved = sum(process["successes"] for process in done)
    control_lost = saved - sum(_quantities(control, hot).values())
    figures.add("lost updates without the version check (control)", f"{control_lost} of {saved}")
    assert control_lost > 0, "the negative control lost nothing: the harness proves nothing"
