"""The tests' scale and their table of figures (a plugin: tests/conftest.py loads it).

`make test` runs every test with reduced counts; `make soak` sets AIDVIEWER_SOAK=1 and runs
the reliability suite and the input tests T22 to T27 with the full figures of
RELIABILITY.md (200 kill points per operation, 8 processes of 500 saves, 1,000 bad rows in
10,000, a 500,000-row CSV, 10,000 Hypothesis examples, …): `scale(reduced, full)` gives
the count to use. Tests record what they did and found with the `figures` fixture; the
table is printed at the end of the run (and written to $AIDVIEWER_SOAK_TABLE as well,
benchmarks/results/soak.txt under `make soak`). `PeakRss` measures the memory a block of
code took, for the figures that bound it.
"""

from __future__ import annotations

import os
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pytest

SOAK = os.environ.get("AIDVIEWER_SOAK") == "1"
TABLE = os.environ.get("AIDVIEWER_SOAK_TABLE")  # a file to write the table to as well


def scale(reduced: int, full: int) -> int:
    """`full` under `make soak`, else `reduced`."""
    return full if SOAK else reduced


_ROWS: list[tuple[str, str, str]] = []  # (test, figure, value), in the order recorded


@dataclass(frozen=True)
class Figures:
    """What one test did and found, for the table: `figures.add("kill points", 200)`."""

    test: str

    def add(self, figure: str, value: object) -> None:
        _ROWS.append((self.test, figure, str(value)))


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Figures:
    return Figures(request.node.name)


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise LookupError(field)


class PeakRss:
    """`with PeakRss() as peak: …` then `peak.mb`: how far the process's resident memory
    rose above where it stood at the start of the block, at its highest. On Linux this is
    the kernel's high-water mark, reset at the start, so no peak between samples is
    missed; elsewhere, the most memory Python's allocators handed out meanwhile."""

    mb: float = 0.0

    def __enter__(self) -> PeakRss:
        try:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
                clear.write("5")  # VmHWM := VmRSS
            self._before: int | None = _status_kb("VmRSS")
        except OSError:
            self._before = None
            tracemalloc.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._before is None:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            self.mb = peak / 1_048_576
        else:
            self.mb = (_status_kb("VmHWM") - self._before) / 1024


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _ROWS:
        return
    widths = [max(len(row[i]) for row in _ROWS) for i in range(2)]
    title = f"reliability figures ({'soak: full counts' if SOAK else 'reduced counts'})"
    lines = [title, "-" * len(title)]
    # Values as they are, after the columns of names: some are sentences of figures.
    lines += [f"{t:<{widths[0]}}  {f:<{widths[1]}}  {v}" for t, f, v in _ROWS]
    for line in lines:
        terminalreporter.write_line(line)
    if TABLE:
        Path(TABLE).parent.mkdir(parents=True, exist_ok=True)
        Path(TABLE).write_text("\n".join(lines) + "\n", encoding="utf-8")
