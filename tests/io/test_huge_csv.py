"""A big CSV streams (T23 of RELIABILITY.md): reading it holds a few rows at a time and
tells its progress as it goes; importing it stays within the memory bound and keeps
telling its progress; Cancel leaves nothing imported. `make test` uses a 120,000-row file
for the reader and 10,000 rows for the imports; `make soak` the full 500,000 rows (53 MB)
for both. (The 2 GB file refused before it is read: test_csv_robustness.py.)"""

from __future__ import annotations

import itertools
import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from figures import SOAK, Figures, PeakRss, scale

from aidviewer.io import table
from aidviewer.io.formats import read_events
from aidviewer.io.importer import PENDING, import_items
from aidviewer.io.items import ImportCancelledError, Item
from aidviewer.io.table import PROGRESS_ROWS
from aidviewer.store import Catalogue

READ_ROWS = scale(120_000, 500_000)
IMPORT_ROWS = scale(10_000, 500_000)
MEMORY_BOUND_MB = 200  # RELIABILITY.md: peak RSS increase of an import
SECOND = 1.0
MEGABYTE = 1 << 20

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc for memory"
)


@pytest.fixture(scope="module")
def csv_file(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """`csv_file(rows)`: a generated CSV of that many rows, written once per module."""
    made: dict[int, Path] = {}

    def make(rows: int) -> Path:
        if rows not in made:
            path = tmp_path_factory.mktemp("huge") / f"huge-{rows}.csv"
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write("Reference,Title,Donor,Value (EUR),Announced,Description\r\n")
                for n in range(rows):
                    handle.write(
                        f"R-{n},Tents {n},Norway,{n}.25,2023-04-0{1 + n % 9},{'x' * 60}\r\n"
                    )
            made[rows] = path
        return made[rows]

    return make


class Progress:
    """A reader's `going_on(done, total)` that records each update, the rows counted
    before it and the longest time between two updates; `count` counts the rows."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []
        self.rows_at: list[int] = []  # the rows counted (by `count`) at each update
        self.rows = 0
        self.longest_gap = 0.0
        self._last = time.perf_counter()

    def count(self) -> bool:
        """A row was read (the importer's `going_on()`): always go on."""
        self.rows += 1
        return True

    def __call__(self, done: int, total: int) -> bool:
        now = time.perf_counter()
        self.longest_gap = max(self.longest_gap, now - self._last)
        self._last = now
        self.calls.append((done, total))
        self.rows_at.append(self.rows)
        return True

    def finished(self) -> None:
        """The work is over: the time since the last update counts as a gap too."""
        self.longest_gap = max(self.longest_gap, time.perf_counter() - self._last)

    def most_rows_between(self) -> int:
        marks = [*self.rows_at, self.rows]
        return max(b - a for a, b in itertools.pairwise(marks))


def test_a_big_csv_is_read_in_bounded_memory_with_progress(
    csv_file: Callable[[int], Path], figures: Figures
) -> None:
    path = csv_file(READ_ROWS)
    size = path.stat().st_size
    progress = Progress()
    count = 0
    with PeakRss() as peak:
        for event in read_events("csv", path, going_on=progress):
            assert isinstance(event, Item)
            count += 1
            progress.count()
        progress.finished()
    figures.add("rows read", f"{count:,}")
    figures.add("file (MB)", f"{size / MEGABYTE:.1f}")
    figures.add("peak RSS increase (MB)", f"{peak.mb:.1f}")
    figures.add("most rows between progress updates", f"{progress.most_rows_between():,}")
    figures.add("longest gap between progress updates (ms)", f"{1000 * progress.longest_gap:.0f}")

    assert count == READ_ROWS
    assert size > 10 * MEGABYTE and (not SOAK or size > 50 * MEGABYTE)
    # Holding the file's rows would cost several times its size; streaming, a few MB.
    assert peak.mb < max(20.0, size / MEGABYTE / 2), (peak.mb, size)
    done = [d for d, _ in progress.calls]
    assert done == sorted(done) and progress.calls[-1] == (size, size)
    assert progress.most_rows_between() <= PROGRESS_ROWS
    if SOAK:  # reading alone takes about 50 ms per update: far from the bound
        assert progress.longest_gap < SECOND


def test_a_big_csv_is_imported_in_bounded_memory_with_progress(
    csv_file: Callable[[int], Path], empty_path: Path, figures: Figures
) -> None:
    path = csv_file(IMPORT_ROWS)
    size = path.stat().st_size
    with Catalogue.open(empty_path) as catalogue:
        progress = Progress()
        with PeakRss() as peak:
            summary = import_items(
                catalogue, read_events("csv", path, going_on=progress), going_on=progress.count
            )
            progress.finished()
        stored = catalogue.record_count()
    figures.add("rows / MB imported", f"{stored:,} / {size / MEGABYTE:.1f}")
    figures.add("peak RSS increase (MB)", f"{peak.mb:.1f}")
    figures.add("progress updates", len(progress.calls))
    figures.add("most rows between progress updates", f"{progress.most_rows_between():,}")
    figures.add("longest gap between progress updates (ms)", f"{1000 * progress.longest_gap:.0f}")

    assert summary.imported == stored == IMPORT_ROWS
    assert not SOAK or size > 50 * MEGABYTE
    assert peak.mb < MEMORY_BOUND_MB
    assert progress.calls[-1] == (size, size)
    # Progress is told every PROGRESS_ROWS rows, and every PROGRESS_SECONDS however long
    # the writing of them takes (2,000 rows take 0.3 to 1.1 s on 2 cores).
    assert progress.most_rows_between() <= PROGRESS_ROWS
    if SOAK:  # RELIABILITY.md: at least every second
        assert progress.longest_gap < SECOND


def test_progress_is_told_by_the_clock_when_rows_are_taken_slowly(
    csv_file: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import that takes its rows slowly (it saves each batch before asking for more)
    still hears of progress every PROGRESS_SECONDS, not only every PROGRESS_ROWS rows:
    here the clock moves a second between two readings of it."""
    ticks = itertools.count()
    monkeypatch.setattr(table.time, "monotonic", lambda: float(next(ticks)))
    progress = Progress()
    for _ in read_events("csv", csv_file(1_000), going_on=progress):
        progress.count()
    assert progress.rows == 1_000
    # Once at the start, once at the end, and at each 100th row, when the clock is read.
    assert progress.most_rows_between() == 100 and len(progress.calls) >= 11


def test_cancel_leaves_no_row_imported(
    csv_file: Callable[[int], Path], empty_path: Path, figures: Figures
) -> None:
    path = csv_file(IMPORT_ROWS)
    progress = Progress()
    written: list[int] = []  # what the import's transaction held when Cancel was pressed
    with Catalogue.open(empty_path) as catalogue:

        def going_on(done: int, total: int) -> bool:
            progress(done, total)
            if progress.rows < IMPORT_ROWS // 2:
                return True
            # Cancel, at the first progress update past half the rows (as the window's
            # Cancel button is seen: the reader's next update).
            (rows,) = catalogue._con.execute("SELECT count(*) FROM aid_record").fetchone()
            written.append(rows)
            return False

        with pytest.raises(ImportCancelledError):
            import_items(
                catalogue, read_events("csv", path, going_on=going_on), going_on=progress.count
            )
        stored = catalogue.record_count()
    with closing(sqlite3.connect(f"file:{empty_path}?mode=ro", uri=True)) as con:
        (rows,) = con.execute("SELECT count(*) FROM aid_record").fetchone()  # in the file
    figures.add("rows read before Cancel", f"{progress.rows:,}")
    figures.add("rows written (uncommitted) before Cancel", f"{written[0]:,}")
    figures.add("rows after Cancel", rows)

    assert IMPORT_ROWS // 2 <= progress.rows < IMPORT_ROWS
    assert written[0] >= IMPORT_ROWS // 2 - PENDING  # the import had written many batches ...
    assert stored == rows == 0  # ... and Cancel took every one back
