"""The reliability suite's scale and its table of figures.

`make test` runs every test of the suite with reduced counts; `make soak` sets
AIDVIEWER_SOAK=1 and runs the same tests with the full figures of RELIABILITY.md (200 kill
points per operation, 8 processes of 500 saves, 20 disk-full points, 1,000 bad rows in
10,000). Tests record what they did and found with the `figures` fixture; the table is
printed at the end of the run (and written to benchmarks/results/soak.txt by `make soak`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from aidviewer import faults

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


@pytest.fixture(autouse=True)
def _disarmed() -> Iterator[None]:
    """No test leaves a fault armed in this process."""
    faults.disarm()
    yield
    faults.disarm()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _ROWS:
        return
    widths = [max(len(row[i]) for row in _ROWS) for i in range(3)]
    title = f"reliability figures ({'soak: full counts' if SOAK else 'reduced counts'})"
    lines = [title, "-" * len(title)]
    lines += [f"{t:<{widths[0]}}  {f:<{widths[1]}}  {v:>{widths[2]}}" for t, f, v in _ROWS]
    for line in lines:
        terminalreporter.write_line(line)
    if TABLE:
        Path(TABLE).parent.mkdir(parents=True, exist_ok=True)
        Path(TABLE).write_text("\n".join(lines) + "\n", encoding="utf-8")
