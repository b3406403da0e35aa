"""The window never freezes during long work: the longest time its event loop did not run
while the real window (offscreen) opened the big catalogue, imported a big CSV, backed
up and checked the big catalogue, and exported a record-list report to PDF.

    make bench                        # after the start-up benchmark
    python benchmarks/responsiveness.py [--records N] [--file PATH] [--rows 100000]
                                        [--report-records 10000] [--profile]

One window in this process, driven through its own actions; a 10 ms timer on the window's
thread beats while each operation runs, from the moment it is started until it has ended
(its done signal, or its dialog closed). The longest gap between beats is the longest the
window was frozen; the target is at most 200 ms (PAUSE_MS, as for the report benchmark).
While a gap lasts over 100 ms, a thread samples what the window's thread is doing, so that
a freeze is reported with the code it was spent in.

The operations, in the order they run:
- opening the benchmark's catalogue of RECORDS records (benchmarks/data/), until its
  records are shown and its check in the background (quick_check) has ended;
- the day's backup of it, as the window makes it on opening (into a temporary folder);
- Help > Check Catalogue on it, until the check's result is told;
- File > Export PDF of a record-list report of its first 10,000 records;
- opening a new catalogue of the sample content (a new user's), then File > Import… of a
  generated 100,000-row CSV into it through the wizard (columns, check, import), until
  the wizard closes; then File > Close, with the backup made on closing a changed one.
The big catalogue is only read (the backup and check read it through connections of
their own); the import writes to the new catalogue, in a temporary folder.

`--profile` runs each operation under cProfile on the window's thread (the gaps are then
larger than without it) and writes the slowest calls to
benchmarks/results/responsiveness-profile.txt instead of the results.

Results go to the terminal and to benchmarks/results/responsiveness.txt and .json.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import itertools
import json
import os
import pstats
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
BEAT_MS = 10
# A gap this long has its stack sampled (every SAMPLE_EVERY_S while it lasts).
SAMPLE_AFTER_S = 0.1
SAMPLE_EVERY_S = 0.02
TIMEOUT_S = 600.0  # for one operation


class Heartbeat:
    """A timer on the window's thread every BEAT_MS, and a sampler thread that records
    the window's thread's stack while the timer has not beaten for SAMPLE_AFTER_S."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.beats: list[float] = []
        self.last = 0.0
        self.samples: list[tuple[float, tuple[str, ...]]] = []  # (the stall's last beat, stack)
        self._stop = threading.Event()
        self._sampler: threading.Thread | None = None
        self._window_thread = threading.main_thread().ident

    def _beat(self) -> None:
        now = time.perf_counter()
        self.beats.append(now)
        self.last = now

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY_S):
            last = self.last
            if time.perf_counter() - last < SAMPLE_AFTER_S:
                continue
            frame = sys._current_frames().get(self._window_thread)
            if frame is not None:
                self.samples.append((last, _stack(frame)))
            del frame

    def start(self) -> float:
        self.beats, self.samples = [], []
        self._stop.clear()
        self.last = time.perf_counter()
        self._sampler = threading.Thread(target=self._sample, name="sampler", daemon=True)
        self._sampler.start()
        self.timer.start()
        return self.last

    def stop(self, start: float) -> dict[str, Any]:
        end = time.perf_counter()
        self.timer.stop()
        self._stop.set()
        if self._sampler is not None:
            self._sampler.join()
        marks = [start, *self.beats, end]
        gaps = sorted((b - a, a) for a, b in itertools.pairwise(marks))
        gap, at = gaps[-1]
        stacks = collections.Counter(stack for last, stack in self.samples if last == at)
        return {
            "seconds": end - start,
            "beats": len(self.beats),
            "longest_gap_ms": gap * 1000,
            "longest_gap_after_s": at - start,
            "gaps_over_100_ms": sum(1 for pause, _ in gaps if pause > 0.1),
            "frozen_in": [
                {"samples": count, "stack": list(stack)} for stack, count in stacks.most_common(3)
            ],
        }


def _stack(frame: Any) -> tuple[str, ...]:
    """The frames of aidviewer's (and this benchmark's) code, outermost first, and the
    innermost frame whatever its code."""
    frames = traceback.extract_stack(frame)
    ours = [
        f"{Path(f.filename).relative_to(ROOT)}:{f.lineno} {f.name}"
        for f in frames
        if f.filename.startswith(str(ROOT))
    ]
    last = frames[-1] if frames else None
    if last is not None and not last.filename.startswith(str(ROOT)):
        ours.append(f"{Path(last.filename).name}:{last.lineno} {last.name}")
    return tuple(ours)


class Notes:
    """Stands in for the window's message boxes (modal: they would wait for a click)."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []

    def error(self, parent: Any, title: str, message: str) -> None:
        self.errors.append((title, message))

    def info(self, parent: Any, title: str, message: str) -> None:
        self.infos.append((title, message))

    def confirm(self, *args: Any) -> bool:
        return True


def _quiet(kind: Any, context: Any, message: str) -> None:
    """Qt's messages, but the offscreen platform's about what it cannot do for dialogs."""
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def wait_until(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT_S) -> None:
    """Run the window's events (in an event loop of its own, so also inside a dialog's)
    until `condition` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start(5)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(int(timeout * 1000))
    if not condition():
        loop.exec()
    poll.stop()
    deadline.stop()
    if not condition():
        raise SystemExit(f"{what}: not done within {timeout:.0f} s")


class Bench:
    def __init__(self, folder: Path, profile: bool) -> None:
        from PySide6.QtCore import QSettings, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication(["bench", "-platform", "offscreen"])
        qInstallMessageHandler(_quiet)
        from aidviewer.models import MeetingTableModel, RecordTableModel
        from aidviewer.ui.main_window import MainWindow
        from aidviewer.ui.settings import Settings

        self.folder = folder
        self.settings = Settings(
            QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        )
        self.settings.set_automatic_backups(False)  # until the backup is measured
        self.settings.set_backup_folder(folder / "backups")
        self.settings.set_staff_name("benchmark")
        self.notes = Notes()
        self.window = MainWindow(
            self.settings,
            RecordTableModel(),
            MeetingTableModel(),
            notifier=self.notes,  # type: ignore[arg-type]
        )
        self.window.show()
        settled = time.perf_counter() + 1
        wait_until(lambda: time.perf_counter() > settled, "the window shown")
        self.heartbeat = Heartbeat()
        self.profile = profile
        self.profiles: dict[str, str] = {}
        self.results: list[dict[str, Any]] = []

    def measure(
        self, name: str, start: Callable[[], object], done: Callable[[], bool]
    ) -> dict[str, Any]:
        """`start` the operation from the window's event loop; beat until `done`."""
        from PySide6.QtCore import QTimer

        print(f"{name} …", file=sys.stderr, flush=True)
        profiler = cProfile.Profile() if self.profile else None
        began = self.heartbeat.start()
        if profiler is not None:
            profiler.enable()
        QTimer.singleShot(0, start)
        wait_until(done, name)
        if profiler is not None:
            profiler.disable()
        result = {"operation": name, **self.heartbeat.stop(began)}
        if profiler is not None:
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
            self.profiles[name] = text.getvalue()
        self.results.append(result)
        print(f"  {result['seconds']:.2f} s, longest gap {result['longest_gap_ms']:.0f} ms",
              file=sys.stderr, flush=True)  # fmt: skip
        return result

    def open_big(self, path: Path) -> None:
        from PySide6.QtCore import QThreadPool

        window = self.window
        opened: list[float] = []

        def start() -> None:
            began = time.perf_counter()
            if not window.open_catalogue(path):
                raise SystemExit(f"{path} did not open: {self.notes.errors}")
            opened.append(time.perf_counter() - began)

        pool = QThreadPool.globalInstance()
        result = self.measure(
            f"open {path.name}",
            start,
            lambda: (
                bool(opened) and window.records.rowCount() > 0 and pool.activeThreadCount() == 0
            ),
        )
        checked = window.catalogue is not None and window.catalogue.checked
        result["detail"] = (
            f"open_catalogue returned after {opened[0]:.2f} s; then"
            f" {result['seconds'] - opened[0]:.0f} s in the background"
            f" ({'' if checked else 'quick_check, '}the sum of values)"
        )
        result["open_catalogue_seconds"] = opened[0]

    def backup(self) -> None:
        from aidviewer.store.backup import list_backups

        window = self.window
        catalogue = window.catalogue
        assert catalogue is not None
        self.settings.set_automatic_backups(True)
        made: list[str] = []

        def backed_up(path: str, error: str) -> None:
            made.append(error)

        window.backups.backedUp.connect(backed_up)
        # What the window does once it has opened a catalogue whose last backup is a day old.
        result = self.measure(
            f"backup of {catalogue.path.name} (on opening)",
            lambda: window.backups.opened(catalogue),
            lambda: bool(made),
        )
        window.backups.backedUp.disconnect(backed_up)
        self.settings.set_automatic_backups(False)
        backups = list_backups(catalogue.path, self.folder / "backups")
        if made != [""] or len(backups) != 1:
            raise SystemExit(f"the backup failed: {made} {backups}")
        result["detail"] = (
            f"{backups[0].size / 1e9:.2f} GB, {backups[0].records:,} records, checked"
        )
        for backup in backups:  # the disk's space back, for what follows
            backup.path.unlink()

    def check(self) -> None:
        from aidviewer.ui.actions import ActionId

        window = self.window
        reports: list[Any] = []

        def checked(report: Any) -> None:
            reports.append(report)

        window.help.checked.connect(checked)
        result = self.measure(
            "Help > Check Catalogue",
            window.action(ActionId.CHECK).trigger,
            lambda: bool(reports),
        )
        window.help.checked.disconnect(checked)
        report = reports[0]
        if report is None or not report.sound:
            raise SystemExit(f"the check failed: {report} {self.notes.errors}")
        result["detail"] = f"sound, {report.counts['records']:,} records"

    def export_pdf(self, records: int) -> None:
        """File > Export PDF of a list of the first `records` records, as
        benchmarks/reports.py has the window make it."""
        from aidviewer.reports.content import ReportKind, Scope
        from aidviewer.reports.render import ReportOptions
        from aidviewer.store import RecordQuery
        from aidviewer.ui.actions import ActionId
        from aidviewer.ui.report_dialog import ReportRequest

        window = self.window
        catalogue = window.catalogue
        assert catalogue is not None
        ids = tuple(catalogue.record_ids(RecordQuery())[:records])
        request = ReportRequest(ReportOptions(kind=ReportKind.LIST, landscape=True))
        reports = window.reports
        reports.ask_report = lambda *args, **kwargs: request
        reports.scope = lambda *args: Scope(query=RecordQuery(ids=ids))  # type: ignore[method-assign]
        target = self.folder / "list.pdf"
        reports.save_report_path = lambda parent, suggested: target
        pages: list[int] = []
        reports.exported.connect(lambda path, count: pages.append(count))
        result = self.measure(
            f"File > Export PDF, {len(ids):,} records",
            window.action(ActionId.EXPORT_PDF).trigger,
            lambda: bool(pages),
        )
        if not pages[0]:
            raise SystemExit(f"the report failed: {self.notes.errors}")
        result["detail"] = f"{pages[0]} pages, {target.stat().st_size / 1e6:.1f} MB"

    def import_csv(self, catalogue: Path, source: Path, rows: int) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from aidviewer.ui.actions import ActionId
        from aidviewer.ui.import_wizard import ImportWizard

        window = self.window
        before = _records(catalogue)
        self.open_small(catalogue)
        seen: dict[str, Any] = {}

        def drive() -> None:
            wizard = QApplication.activeModalWidget()
            assert isinstance(wizard, ImportWizard)
            try:
                wizard.file_page.path.setText(str(source))
                wizard.next()  # the columns, matched from the headers
                wizard.next()  # the check
                seen["check"] = _ran(wizard.check_page, "the import's check")
                wizard.next()  # the import
                seen["import"] = _ran(wizard.import_page, "the import")
                wizard.accept()
            finally:
                if wizard.isVisible():
                    wizard.reject()

        def start() -> None:
            QTimer.singleShot(0, drive)
            window.action(ActionId.IMPORT).trigger()  # returns when the wizard has closed
            seen["closed"] = True

        result = self.measure(f"File > Import…, {rows:,}-row CSV", start, lambda: "closed" in seen)
        after = _records(catalogue)
        if after - before != rows:
            raise SystemExit(f"the import made {after - before} records, not {rows}: {seen}")
        result["detail"] = f"{rows:,} records imported (check, then import)"

    def open_small(self, path: Path) -> None:
        window = self.window
        opened: list[bool] = []
        result = self.measure(
            f"open {path.name}",
            lambda: opened.append(window.open_catalogue(path)),
            lambda: bool(opened) and window.records.rowCount() > 0,
        )
        if opened != [True]:
            raise SystemExit(f"{path} did not open: {self.notes.errors}")
        result["detail"] = "before the import"

    def close_changed(self) -> None:
        from aidviewer.store.backup import CLOSE, list_backups
        from aidviewer.ui.actions import ActionId

        window = self.window
        catalogue = window.catalogue
        assert catalogue is not None
        path = catalogue.path
        self.settings.set_automatic_backups(True)
        made: list[str] = []

        def backed_up(path: str, error: str) -> None:
            made.append(error)

        window.backups.backedUp.connect(backed_up)
        result = self.measure(
            f"File > Close, backup of the changed {path.name}",
            window.action(ActionId.CLOSE).trigger,
            lambda: bool(made) and window.catalogue is None,
        )
        window.backups.backedUp.disconnect(backed_up)
        self.settings.set_automatic_backups(False)
        backups = [b for b in list_backups(path, self.folder / "backups") if b.kind == CLOSE]
        if made != [""] or len(backups) != 1:
            raise SystemExit(f"the backup on closing failed: {made} {backups}")
        result["detail"] = f"{backups[0].size / 1e6:.0f} MB, {backups[0].records:,} records"


def _ran(page: Any, what: str) -> str:
    """Wait until the wizard's check or import page has run; the first line it shows."""
    wait_until(lambda: page.run is None, what)
    text = page.report.toPlainText()
    if page.summary is None:
        raise SystemExit(f"{what} failed: {text}")
    return str(text.splitlines()[0])


def _records(path: Path) -> int:
    from aidviewer.store import Catalogue

    with Catalogue.open(path, read_only=True) as catalogue:
        return catalogue.counts()["records"]


def table(results: list[dict[str, Any]], pause_ms: float) -> tuple[list[str], dict[str, bool]]:
    width = max(len(result["operation"]) for result in results) + 2
    lines = [
        f"{'operation':<{width}}{'work s':>8}{'longest gap ms':>16}{'beats':>7}  target",
    ]
    checks: dict[str, bool] = {}
    for result in results:
        passed = result["longest_gap_ms"] <= pause_ms
        result["passed"] = passed
        checks[f"{result['operation']}: no gap over {pause_ms} ms"] = passed
        lines.append(
            f"{result['operation']:<{width}}{result['seconds']:>8.2f}"
            f"{result['longest_gap_ms']:>16.0f}{result['beats']:>7}"
            f"  {'PASS' if passed else 'FAIL'} (≤ {pause_ms} ms)   {result.get('detail', '')}"
        )
    for result in results:
        if result["passed"]:
            continue
        lines.append(
            f"{result['operation']}: frozen {result['longest_gap_ms']:.0f} ms,"
            f" {result['longest_gap_after_s']:.2f} s after it began"
            f" ({result['gaps_over_100_ms']} gaps over 100 ms), in:"
        )
        for found in result["frozen_in"]:
            lines.append(f"  {found['samples']} samples:")
            lines.extend(f"    {frame}" for frame in found["stack"][-8:])
    return lines, checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="the big catalogue (the benchmark's by default)")
    parser.add_argument("--records", type=int, default=int(os.environ.get("RECORDS", 1_000_000)))
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the CSV imported")
    parser.add_argument("--report-records", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="cProfile each operation")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from aidviewer.sample import fill_sample
    from aidviewer.store import Catalogue
    from benchmarks.imports import write_csv
    from benchmarks.reports import PAUSE_MS
    from benchmarks.run import _catalogue

    big = _catalogue(args.records, args.file).resolve()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="aidviewer-responsiveness-") as name:
        folder = Path(name)
        copy = folder / "sample.aidb"
        Catalogue.create(copy, user="benchmark", fill=fill_sample).close()
        source = folder / "generated.csv"
        write_csv(source, args.rows)
        bench = Bench(folder, args.profile)
        bench.open_big(big)
        bench.backup()
        bench.check()
        bench.export_pdf(args.report_records)
        bench.import_csv(copy, source, args.rows)
        bench.close_changed()
        bench.window.close()
        results, profiles = bench.results, bench.profiles
    lines, checks = table(results, PAUSE_MS)
    lines.append(f"(all of it in {time.perf_counter() - began:.0f} s)")
    text = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "file": str(big),
              "rows": args.rows, "report_records": args.report_records,
              "beat_ms": BEAT_MS, "pause_ms": PAUSE_MS, "profiled": args.profile,
              "operations": results, "checks": checks}  # fmt: skip
    if args.profile:
        (RESULTS / "responsiveness-profile.txt").write_text(
            "\n".join(f"== {name}\n{found}" for name, found in profiles.items()), encoding="utf-8"
        )
        print(f"profiles: {RESULTS / 'responsiveness-profile.txt'}", file=sys.stderr)
    else:  # a profiled run's gaps are not the window's: they stay out of the results
        (RESULTS / "responsiveness.json").write_text(
            json.dumps(report, indent=2) + "\n", encoding="utf-8"
        )
        (RESULTS / "responsiveness.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
