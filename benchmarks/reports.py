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
import itertools
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
# The longest the window may go without running its event loop while a report prints.
PAUSE_MS = 200


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


def run_window(path: Path, records: int, action: str) -> dict[str, Any]:
    """In this process: File > Print (`action` "print", to a PDF printer) or File >
    Export PDF ("export") of a list of the first `records` records in the window, with
    a 10 ms timer on the window's thread: the longest time the window went without
    running its timer, and how long the layout took."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["bench", "-platform", "offscreen"])
    from aidviewer.models import MeetingTableModel, RecordTableModel
    from aidviewer.printing.document import ReportDocument
    from aidviewer.reports.content import ReportKind, Scope
    from aidviewer.reports.render import ReportOptions
    from aidviewer.store import RecordQuery
    from aidviewer.ui.main_window import MainWindow
    from aidviewer.ui.report_dialog import ReportRequest
    from aidviewer.ui.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
        window = MainWindow(settings, RecordTableModel(), MeetingTableModel())
        window.show()
        assert window.open_catalogue(path)
        catalogue = window.catalogue
        assert catalogue is not None
        ids = tuple(catalogue.record_ids(RecordQuery())[:records])
        request = ReportRequest(ReportOptions(kind=ReportKind.LIST, landscape=True))
        reports = window.reports
        reports.ask_report = lambda *args, **kwargs: request
        reports.scope = lambda *args: Scope(query=RecordQuery(ids=ids))  # type: ignore[method-assign]

        def to_file(parent: Any, printer: QPrinter) -> bool:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(f"{folder}/printed.pdf")
            return True

        reports.ask_printer = to_file
        reports.save_report_path = lambda parent, suggested: Path(folder) / "exported.pdf"
        settled = time.perf_counter() + 2  # the window shown and its table filled
        while time.perf_counter() < settled:
            app.processEvents()
            time.sleep(0.01)
        layout_seconds: list[float] = []
        lay_out = ReportDocument.lay_out

        def timed(document: ReportDocument, *args: Any) -> int:
            began = time.perf_counter()
            try:
                return lay_out(document, *args)
            finally:
                layout_seconds.append(time.perf_counter() - began)

        ReportDocument.lay_out = timed  # type: ignore[method-assign]
        beats: list[float] = []
        heartbeat = QTimer()
        heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
        pages: list[int] = []
        reports.printed.connect(pages.append)
        reports.exported.connect(lambda path, count: pages.append(count))
        heartbeat.start(10)
        start = time.perf_counter()
        QTimer.singleShot(0, reports.print_report if action == "print" else reports.export_pdf)
        while not pages:
            app.processEvents()
            time.sleep(0.001)
        seconds = time.perf_counter() - start
        heartbeat.stop()
        window.close()
    marks = [start, *beats]
    gaps = sorted((b - a, a - start) for a, b in itertools.pairwise(marks))
    gap, at = gaps[-1]
    return {
        "action": action,
        "records": records,
        "pages": pages[0],
        "seconds": seconds,
        "layout_seconds": layout_seconds[0] if layout_seconds else 0.0,
        "longest_pause_ms": gap * 1000,
        "longest_pause_after_s": at,
        "pauses_over_100_ms": sum(1 for pause, _ in gaps if pause > 0.1),
    }


def _child(path: Path, records: int, action: str = "") -> dict[str, Any]:
    """One run in a process of its own: a PDF written directly, or `action` ("print" or
    "export") in the window."""
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--file",
            str(path),
            *(["--window", action] if action else []),
            "--one",
            str(records),
        ],
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
    parser.add_argument("--window", choices=("print", "export"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one and args.window:
        print(json.dumps(run_window(args.file, args.one, args.window)))
        return 0
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
    # The window on a catalogue of 20,000 records (opening a far bigger one in the
    # window is measured by the browsing benchmark).
    window_path = _catalogue(20_000, None)
    in_window: dict[str, dict[str, Any]] = {}
    for action, name in (("print", "File > Print"), ("export", "File > Export PDF")):
        run = sorted(
            (_child(window_path, sizes[-1], action) for _ in range(TRIALS)),
            key=lambda found: float(found["longest_pause_ms"]),
        )[TRIALS // 2]
        in_window[action] = run
        responsive = run["longest_pause_ms"] <= PAUSE_MS
        checks[f"{name}: the window never paused over {PAUSE_MS} ms"] = responsive
        lines.append(
            f"{name} of {run['records']:,} records: {run['seconds']:.2f} s,"
            f" {run['pages']} pages, layout {run['layout_seconds']:.2f} s;"
            f" longest pause of the window {run['longest_pause_ms']:.0f} ms:"
            f" {'PASS' if responsive else 'FAIL'} (≤ {PAUSE_MS} ms)"
        )
    table = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "file": str(path),
              "trials": TRIALS, "figures": figures, "window": in_window,
              "checks": checks}  # fmt: skip
    (RESULTS / "reports.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "reports.txt").write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
