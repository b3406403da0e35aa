"""A big CSV streams: reading it holds a few rows at a time, tells its progress as it
goes, and stops when cancelled (T23, with a reduced size; the soak run has the full one)."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pytest

from aidviewer.io.formats import read_events
from aidviewer.io.items import ImportCancelledError, Item

ROWS = int(os.environ.get("AIDVIEWER_HUGE_CSV_ROWS", "120000"))


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1_048_576


@pytest.fixture(scope="module")
def huge_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("Reference,Title,Donor,Value (EUR),Announced,Description\r\n")
        for n in range(ROWS):
            handle.write(f"R-{n},Tents {n},Norway,{n}.25,2023-04-0{1 + n % 9},{'x' * 60}\r\n")
    return path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for memory")
def test_a_big_csv_is_read_in_bounded_memory_with_progress(huge_csv: Path) -> None:
    told: list[tuple[int, int]] = []
    gc.collect()
    before = _rss_mb()
    peak = before
    count = 0
    for event in read_events("csv", huge_csv, going_on=lambda d, t: told.append((d, t)) or True):
        assert isinstance(event, Item)
        count += 1
        if count % 10_000 == 0:
            peak = max(peak, _rss_mb())
    size_mb = huge_csv.stat().st_size / 1_048_576
    assert count == ROWS
    assert size_mb > 8
    # Holding the file's rows would cost several times its size; streaming, a few MB.
    assert peak - before < max(20.0, size_mb / 2), (peak - before, size_mb)
    assert len(told) >= 5 and told[-1][0] <= told[-1][1] == huge_csv.stat().st_size
    assert [done for done, _ in told] == sorted(done for done, _ in told)


def test_cancel_stops_the_reading(huge_csv: Path) -> None:
    calls: list[int] = []

    def going_on(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) < 3

    read = 0
    with pytest.raises(ImportCancelledError):
        for _ in read_events("csv", huge_csv, going_on=going_on):
            read += 1
    assert 0 < read < ROWS
