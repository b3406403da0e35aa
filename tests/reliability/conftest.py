"""The reliability suite's fixtures.

`make test` runs every test of the suite with reduced counts; `make soak` sets
AIDVIEWER_SOAK=1 and runs the same tests with the full figures of RELIABILITY.md (200 kill
points per operation, 8 processes of 500 saves, 20 disk-full points, 1,000 bad rows in
10,000). `scale`, `SOAK`, the `figures` fixture and the table of figures printed at the
end of the run live in tests/figures.py, shared with the other tests `make soak` runs;
they may still be imported from here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from figures import SOAK, Figures, scale

from aidviewer import faults

__all__ = ["SOAK", "Figures", "scale"]


@pytest.fixture(autouse=True)
def _disarmed() -> Iterator[None]:
    """No test leaves a fault armed in this process."""
    faults.disarm()
    yield
    faults.disarm()
