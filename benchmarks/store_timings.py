"""Time a few store calls on a generated catalogue (no Qt): a quick look at the file.

    python benchmarks/store_timings.py /tmp/bench/1m.aidb

Each call is timed on the opened catalogue, once cold (first call after opening) and
then as the best of a few repeats.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aidviewer.store import Catalogue, RecordQuery, RecordSort


def _timed(call: Callable[[], Any], repeats: int = 3) -> tuple[float, float, Any]:
    start = time.perf_counter()
    result = call()
    first = time.perf_counter() - start
    best = first
    for _ in range(repeats - 1):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return first, best, result


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    start = time.perf_counter()
    catalogue = Catalogue.open(path)
    opened = time.perf_counter() - start
    size = path.stat().st_size / 1e6
    print(
        f"Catalogue.open: {opened:.3f} s ({size:,.0f} MB, checked on opening: {catalogue.checked})"
    )
    category = catalogue.category_named("Air defence")
    assert category is not None
    calls: list[tuple[str, Callable[[], Any]]] = [
        ("count_records(RecordQuery())", lambda: catalogue.count_records(RecordQuery())),
        ("record_count(RecordQuery())", lambda: catalogue.record_count(RecordQuery())),
        (
            "record_page(sort=DONOR, limit=100)",
            lambda: catalogue.record_page(RecordQuery(sort=RecordSort.DONOR), limit=100),
        ),
        (
            "record_page(sort=DONOR, limit=100, from_end=True)",
            lambda: catalogue.record_page(
                RecordQuery(sort=RecordSort.DONOR), limit=100, from_end=True
            ),
        ),
        (
            "record_page(sort=TITLE, limit=100, offset=500_000)",
            lambda: catalogue.record_page(
                RecordQuery(sort=RecordSort.TITLE), limit=100, offset=500_000
            ),
        ),
        (
            'count_records(search="generator")',
            lambda: catalogue.count_records(RecordQuery(search="generator")),
        ),
        (
            f"count_records(category_ids=({category.id},))  # {category.name}",
            lambda: catalogue.count_records(RecordQuery(category_ids=(category.id,))),
        ),
        (
            'record_count(search="generator")',
            lambda: catalogue.record_count(RecordQuery(search="generator")),
        ),
        (
            f"record_count(category_ids=({category.id},))",
            lambda: catalogue.record_count(RecordQuery(category_ids=(category.id,))),
        ),
    ]
    for label, call in calls:
        first, best, result = _timed(call)
        shown = result if isinstance(result, (int, tuple)) else f"{len(result.rows)} rows"
        print(f"{label}: first {first:.3f} s, best {best:.3f} s -> {shown}")
    catalogue.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
