"""Record-list reports of 1,000 and 10,000 records written to PDF, as File > Export PDF
writes them: read, filled into the template, measured, cut into pages and painted.

    make bench                        # after the browsing benchmark
    python benchmarks/reports.py [--file PATH] [--sizes 1000,10000]

Each size runs in a process of its own (so its memory figure is its own), on the
benchmark's generated catalogue, three times; the median is reported. Targets: 1,000
records within 3 s, 10,000 within 30 s, time growing no faster than the number of
records (within 20 %), and memory bounded: the 10,000-record report's growth stays under
ten times the 1,000-record report's. Results go to the terminal and to
benchmarks/results/reports.txt and reports.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
TRIALS = 3
TARGETS = {1000: 3.0, 10000: 30.0}


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576


def run_one(path: Path, records: int) -> dict[str, Any]:
    """In this process: one list report of the first `records` records to PDF."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["bench", "-platform", "offscreen"])
    from aidviewer.printing.build import make_report
    from aidviewer.printing.document import write_pdf
    from aidviewer.reports.content import ReportKind, Scope
    from aidviewer.reports.render import ReportOptions
    from aidviewer.store import Catalogue, RecordQuery

    before = rss_mb()
    with Catalogue.open(path, read_only=True) as catalogue:
        ids = tuple(catalogue.record_ids(RecordQuery())[:records])
        start = time.perf_counter()
        document = make_report(
            catalogue,
            ReportOptions(kind=ReportKind.LIST, landscape=True),
            Scope(query=RecordQuery(ids=ids)),
            made_by="benchmark",
        )
        with tempfile.TemporaryDirectory() as folder:
            pages = write_pdf(document, Path(folder) / "list.pdf")
            size = (Path(folder) / "list.pdf").stat().st_size
        seconds = time.perf_counter() - start
    del app
    return {
        "records": len(ids),
        "pages": pages,
        "seconds": seconds,
        "rss_growth_mb": rss_mb() - before,
        "pdf_kb": size / 1024,
    }


def _child(path: Path, records: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--file", str(path), "--one", str(records)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the {records}-record report failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="the catalogue (the benchmark's by default)")
    parser.add_argument("--records", type=int, default=int(os.environ.get("RECORDS", 1_000_000)))
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.file, args.one)))
        return 0
    sys.path.insert(0, str(HERE.parent))
    from benchmarks.run import _catalogue

    path = _catalogue(args.records, args.file)
    sizes = [int(size) for size in args.sizes.split(",")]
    runs: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
    for _ in range(TRIALS):
        for size in sizes:
            runs[size].append(_child(path, size))
    figures = {
        size: {
            **found[-1],
            "seconds": statistics.median(run["seconds"] for run in found),
            "rss_growth_mb": statistics.median(run["rss_growth_mb"] for run in found),
            "runs": [run["seconds"] for run in found],
        }
        for size, found in runs.items()
    }
    lines = [
        f"{'list report to PDF':<24}{'seconds':>9}{'pages':>7}{'PDF kB':>9}{'RSS +MB':>9}  target",
    ]
    checks: dict[str, bool] = {}
    for size, figure in figures.items():
        target = TARGETS.get(size)
        passed = target is None or figure["seconds"] <= target
        checks[f"{size} records within {target} s"] = passed
        lines.append(
            f"{size:>7,} records{'':<9}{figure['seconds']:>9.2f}{figure['pages']:>7}"
            f"{figure['pdf_kb']:>9.0f}{figure['rss_growth_mb']:>9.0f}  "
            f"{'PASS' if passed else 'FAIL'} (≤ {target} s)"
        )
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        per_small = figures[small]["seconds"] / small
        per_big = figures[big]["seconds"] / big
        linear = per_big <= 1.2 * per_small
        checks["growth no worse than linear"] = linear
        bounded = figures[big]["rss_growth_mb"] <= 10 * max(figures[small]["rss_growth_mb"], 20)
        checks["memory bounded"] = bounded
        lines.append(
            f"time per record: {per_small * 1000:.2f} ms at {small:,}, {per_big * 1000:.2f} ms"
            f" at {big:,}: {'PASS' if linear else 'FAIL'} (no worse than linear)"
        )
        lines.append(
            f"memory growth: {figures[small]['rss_growth_mb']:.0f} MB at {small:,},"
            f" {figures[big]['rss_growth_mb']:.0f} MB at {big:,}:"
            f" {'PASS' if bounded else 'FAIL'} (bounded)"
        )
    table = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "file": str(path),
              "trials": TRIALS, "figures": figures, "checks": checks}  # fmt: skip
    (RESULTS / "reports.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "reports.txt").write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
