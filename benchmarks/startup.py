"""Start-up: from launch to a painted window, aidviewer beside a bare PySide6 window.

    make bench                        # after the import benchmark
    python benchmarks/startup.py [--records 1000000] [--file PATH] [--platforms offscreen,xcb]

Three launches are timed, each in a process of its own, five times, taking turns; the
median is reported. The clock is this process's, from starting the child to reading
"painted" on its standard output, so it includes the interpreter's own start:

- bare PySide6: a QApplication and a QMainWindow with a QTableView over a 10 by 10
  QStandardItemModel, stopped once its table's viewport has been painted the first time;
- aidviewer on the default catalogue: the real entry (python -m aidviewer.app) with
  $AIDVIEWER_STARTUP_PROBE set, which prints "painted" once the records table has been
  painted with rows (the catalogue is made before the clock: first-run creation is not
  measured);
- aidviewer on the benchmark's catalogue of RECORDS records (benchmarks/data/, generated
  once by run.py's generator), given as the FILE argument;
- two launches that show where the time goes, on the default catalogue: a table of 100
  rows read with sqlite3 and no aidviewer code at all (the least any table over the
  catalogue costs), and aidviewer's records page alone in a bare window (store, table
  model, search bar, delegates, detail pane; no menus, other pages or actions: the best a
  window that loaded everything else after its first paint could do).

Each launch is made once, untimed, before the trials: files are then in the disk cache
for every launch alike, the default catalogue has had the day's backup, and a catalogue
of an older format has been updated (a one-time step that is not start-up). The big
catalogue's launches run with automatic backups off, so that no 3 GB copy runs beside
them. Every launch gets its own settings folder and a single-instance name of its own.

The target: aidviewer on the default catalogue within 1.5 times the bare window. The big
catalogue's figure has no target; it is reported. One more launch of aidviewer runs with
`python -X importtime` to list the slowest imports of its first window. The platform is
offscreen unless --platforms says otherwise ("xcb" needs $DISPLAY, for example Xvfb).
Results go to the terminal and to benchmarks/results/startup.txt and startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
TRIALS = 5
TARGET_RATIO = 1.5
LAUNCH_TIMEOUT = 120.0  # seconds until "painted", for a timed launch
PREPARE_TIMEOUT = 3600.0  # the untimed first launch may update a big catalogue's format
EXIT_GRACE = 60.0  # seconds the child may take to end after "painted"
SLOWEST = 15

# The bare window, run with `python -c`: only what it needs is imported. Its size is the
# size aidviewer's window opens at (1280 by 760, or the screen if smaller).
BARE = """\
import time
START = time.perf_counter()
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)  # once this paint has been drawn
        return False


def painted():
    print(f"painted {time.perf_counter() - START:.6f}", flush=True)
    QApplication.exit(0)


app = QApplication(sys.argv)
model = QStandardItemModel(10, 10)
for row in range(10):
    for column in range(10):
        model.setItem(row, column, QStandardItem(f"cell {row}, {column}"))
window = QMainWindow()
table = QTableView()
table.setModel(model)
window.setCentralWidget(table)
probe = Probe()
table.viewport().installEventFilter(probe)
screen = window.screen().availableGeometry()
window.resize(min(1280, screen.width()), min(760, screen.height()))
window.show()
sys.exit(app.exec())
"""


# Two launches that show where the time goes, reported without a target. The least any
# table over a catalogue costs: a QAbstractTableModel over 100 rows read with sqlite3 (no
# aidviewer code at all) ...
OVER_SQLITE = """\
import time
START = time.perf_counter()
import sqlite3
import sys
from PySide6.QtCore import QAbstractTableModel, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class Model(QAbstractTableModel):
    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=None):
        return len(self.rows)

    def columnCount(self, parent=None):
        return 4

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column()])
        return None


class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


def painted():
    print(f"painted {time.perf_counter() - START:.6f}", flush=True)
    QApplication.exit(0)


app = QApplication(sys.argv)
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT id, title, donor_name, value_eur_cents FROM aid_record ORDER BY title LIMIT 100"
).fetchall()
window = QMainWindow()
table = QTableView()
table.setModel(Model(rows))
window.setCentralWidget(table)
probe = Probe()
table.viewport().installEventFilter(probe)
screen = window.screen().availableGeometry()
window.resize(min(1280, screen.width()), min(760, screen.height()))
window.show()
sys.exit(app.exec())
"""

# ... and aidviewer's records page alone (its store, table model, search bar, delegates and
# detail pane) in a bare QMainWindow: no menus, other pages or actions. What a window
# that loaded everything else after its first paint could at best reach.
RECORDS_PAGE = """\
import time
START = time.perf_counter()
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from aidviewer.models import Column, RecordTableModel
from aidviewer.store import Catalogue, RecordQuery
from aidviewer.ui.browse_page import BrowsePage


class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and page.view.model().rowCount() > 0:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


def painted():
    print(f"painted {time.perf_counter() - START:.6f}", flush=True)
    QApplication.exit(0)


app = QApplication(sys.argv)
catalogue = Catalogue.open(sys.argv[1], read_only=True)
window = QMainWindow()
page = BrowsePage("record", RecordTableModel(), RecordQuery(), title_column=Column.TITLE,
                  match_column=Column.MATCH)
window.setCentralWidget(page)
page.set_catalogue(catalogue)
probe = Probe()
page.view.viewport().installEventFilter(probe)
screen = window.screen().availableGeometry()
window.resize(min(1280, screen.width()), min(760, screen.height()))
window.show()
sys.exit(app.exec())
"""


def launch(
    command: list[str], env: dict[str, str], timeout: float = LAUNCH_TIMEOUT
) -> dict[str, Any]:
    """Start `command`, and time it until it prints "painted"; then let it end. The
    figures: the wall time (this process's clock), the child's own time from the top of
    its script when it says it, its exit code, and its standard error."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=errors,
        )  # fmt: skip
        assert child.stdout is not None
        fd = child.stdout.fileno()
        output = b""
        seconds: float | None = None
        while seconds is None:
            left = start + timeout - time.perf_counter()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                break
            chunk = os.read(fd, 4096)
            if not chunk:
                break  # it ended without saying so
            output += chunk
            if b"painted" in output:
                seconds = time.perf_counter() - start
        killed = False
        try:
            child.wait(EXIT_GRACE if seconds is not None else 0.1)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            killed = True
        child.stdout.close()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    line = next((x for x in output.decode().splitlines() if x.startswith("painted")), "")
    words = line.split()
    return {
        "seconds": seconds,
        "in_script_seconds": float(words[1]) if len(words) > 1 else None,
        "returncode": child.returncode,
        "killed": killed,
        "stderr": stderr,
    }


def _settings(config: Path, backups: bool) -> None:
    """A settings folder of a person who has changed nothing (but automatic backups,
    when `backups` is False)."""
    folder = config / "aidviewer"
    folder.mkdir(parents=True, exist_ok=True)
    if not backups:
        (folder / "aidviewer.conf").write_text("[backups]\nautomatic=false\n", encoding="utf-8")


def _env(platform: str, data: Path, config: Path, probe: bool) -> dict[str, str]:
    env = {
        **os.environ,
        # Compiled modules are kept, as an installed aidviewer's are (pip compiles them;
        # a source tree keeps them in __pycache__), here in a folder of the benchmark's.
        "PYTHONPYCACHEPREFIX": str(data.parent / "pycache"),
        "QT_QPA_PLATFORM": platform,
        "AIDVIEWER_DATA_DIR": str(data),
        "XDG_CONFIG_HOME": str(config),
        # A name of its own each launch: no launch ever hands over to another.
        "AIDVIEWER_INSTANCE_NAME": f"aidviewer-startup-{uuid.uuid4().hex[:12]}",
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("AIDVIEWER_STARTUP_PROBE", None)
    if probe:
        env["AIDVIEWER_STARTUP_PROBE"] = "1"
    return env


def _checked(name: str, run: dict[str, Any]) -> dict[str, Any]:
    if run["seconds"] is None:
        raise SystemExit(
            f"{name}: no window was painted (exit code {run['returncode']}):\n{run['stderr']}"
        )
    if run["returncode"] != 0 and not run["killed"]:
        raise SystemExit(f"{name}: ended with code {run['returncode']}:\n{run['stderr']}")
    return run


def parse_importtime(stderr: str) -> list[dict[str, Any]]:
    """The lines of `python -X importtime`: each module with its own and its cumulative
    time in microseconds, and how deep it was imported."""
    found = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:") :].split("|")
        found.append({
            "module": name.strip(),
            "depth": (len(name) - len(name.lstrip()) - 1) // 2,
            "self_us": int(own),
            "cumulative_us": int(cumulative),
        })  # fmt: skip
    return found


def slowest_imports(found: list[dict[str, Any]]) -> dict[str, Any]:
    """The imports that cost most: by cumulative time, by own time, and the libraries
    (outside aidviewer) as they were first reached, by cumulative time."""

    def top(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda row: -int(row[key]))[:SLOWEST]

    libraries = [
        row
        for row in found
        if not row["module"].startswith("aidviewer") and "." not in row["module"]
    ]
    top_level = [row for row in found if row["depth"] == 0]
    return {
        "total_us": sum(row["cumulative_us"] for row in top_level),
        # What aidviewer's own modules import (beside PySide6 and the interpreter's own).
        "aidviewer_us": sum(
            row["cumulative_us"] for row in top_level if row["module"].startswith("aidviewer")
        ),
        "modules": len(found),
        "by_cumulative": top(found, "cumulative_us"),
        "by_self": top(found, "self_us"),
        "libraries": top(libraries, "cumulative_us"),
    }


def measure(platform: str, big: Path) -> dict[str, Any]:
    """The three launches on `platform`, TRIALS times each, taking turns."""
    with tempfile.TemporaryDirectory(prefix="aidviewer-startup-") as folder:
        base = Path(folder)
        data, config, big_config = base / "data", base / "config", base / "config-big"
        _settings(config, backups=True)
        _settings(big_config, backups=False)
        aidviewer = [sys.executable, "-m", "aidviewer.app"]
        cases: dict[str, tuple[list[str], Path]] = {
            "bare PySide6": ([sys.executable, "-c", BARE], config),
            "aidviewer, default catalogue": (aidviewer, config),
            f"aidviewer, {big.name}": ([*aidviewer, str(big)], big_config),
            "a table over the catalogue, no aidviewer code": (
                [sys.executable, "-c", OVER_SQLITE, str(data / "catalogue.aidb")],
                config,
            ),
            "aidviewer's records page alone": (
                [sys.executable, "-c", RECORDS_PAGE, str(data / "catalogue.aidb")],
                config,
            ),
        }
        prepare = subprocess.run(
            [sys.executable, "-c",
             "from aidviewer.app import ensure_default_catalogue as e; print(e())"],
            env=_env(platform, data, config, probe=False), cwd=ROOT,
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if prepare.returncode != 0:
            raise SystemExit(f"the default catalogue could not be made:\n{prepare.stderr}")
        first: dict[str, float] = {}
        for name, (command, settings) in cases.items():
            print(f"[{platform}] {name}: a first, untimed launch …", file=sys.stderr, flush=True)
            env = _env(platform, data, settings, probe=True)
            first[name] = _checked(name, launch(command, env, PREPARE_TIMEOUT))["seconds"]
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in cases}
        for trial in range(TRIALS):
            print(f"[{platform}] trial {trial + 1} of {TRIALS}", file=sys.stderr, flush=True)
            for name, (command, settings) in cases.items():
                env = _env(platform, data, settings, probe=True)
                runs[name].append(_checked(name, launch(command, env)))
        timed = launch(
            [sys.executable, "-X", "importtime", "-m", "aidviewer.app"],
            _env(platform, data, config, probe=True),
        )
        imports = slowest_imports(parse_importtime(_checked("importtime", timed)["stderr"]))
    figures: dict[str, dict[str, Any]] = {}
    for name, found in runs.items():
        inside = [run["in_script_seconds"] for run in found if run["in_script_seconds"]]
        figures[name] = {
            "seconds": statistics.median(run["seconds"] for run in found),
            "in_script_seconds": statistics.median(inside) if inside else None,
            "fastest_seconds": min(run["seconds"] for run in found),
            "runs": [round(run["seconds"], 3) for run in found],
            "first_untimed_seconds": round(first[name], 3),
            "killed_after_painting": sum(1 for run in found if run["killed"]),
        }
    return {"platform": platform, "figures": figures, "imports": imports}


def table(result: dict[str, Any]) -> tuple[list[str], dict[str, bool]]:
    figures = result["figures"]
    names = list(figures)
    bare = figures[names[0]]["seconds"]
    lines = [
        f"start-up on {result['platform']}: launch to the first painted table (median of {TRIALS})",
        f"{'launch':<48}{'wall s':>8}{'script s':>10}{'x bare':>8}  target",
    ]
    checks: dict[str, bool] = {}
    for index, name in enumerate(names):
        figure = figures[name]
        ratio = figure["seconds"] / bare
        figure["ratio_to_bare"] = ratio
        inside = figure["in_script_seconds"]
        if index == 0:
            verdict = "the yardstick"
        elif index == 1:
            passed = ratio <= TARGET_RATIO
            check = f"{result['platform']}: default catalogue within {TARGET_RATIO} times bare"
            checks[check] = passed
            verdict = f"{'PASS' if passed else 'FAIL'} (≤ {TARGET_RATIO} times bare)"
        else:
            verdict = "no target: reported"
        lines.append(
            f"{name:<48}{figure['seconds']:>8.3f}"
            f"{'' if inside is None else f'{inside:.3f}':>10}{ratio:>8.2f}  {verdict}"
        )
    default = figures[names[1]]
    lines.append(
        f"aidviewer on the default catalogue: {default['seconds']:.3f} s,"
        f" {default['ratio_to_bare']:.2f} times the bare window's {bare:.3f} s:"
        f" {'PASS' if default['ratio_to_bare'] <= TARGET_RATIO else 'FAIL'}"
        f" (≤ {TARGET_RATIO} times)"
    )
    imports = result["imports"]
    lines.append(
        f"imports (python -X importtime, one launch): {imports['total_us'] / 1e6:.3f} s for"
        f" {imports['modules']} modules, {imports['aidviewer_us'] / 1e6:.3f} s of them by"
        " aidviewer's; the slowest libraries: "
        + ", ".join(
            f"{row['module']} {row['cumulative_us'] / 1000:.0f} ms"
            for row in imports["libraries"][:8]
        )
    )
    return lines, checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="the big catalogue (the benchmark's by default)")
    parser.add_argument("--records", type=int, default=int(os.environ.get("RECORDS", 1_000_000)))
    parser.add_argument("--platforms", default="offscreen", help="offscreen, xcb, or both")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.run import _catalogue

    big = _catalogue(args.records, args.file).resolve()
    results = []
    lines: list[str] = []
    checks: dict[str, bool] = {}
    for platform in args.platforms.split(","):
        if platform == "xcb" and not os.environ.get("DISPLAY"):
            print("xcb: $DISPLAY is not set (start Xvfb): skipped", file=sys.stderr)
            continue
        result = measure(platform, big)
        found, passed = table(result)
        results.append(result)
        lines.extend([*([""] if lines else []), *found])
        checks.update(passed)
    text = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "file": str(big),
              "trials": TRIALS, "target_ratio": TARGET_RATIO, "results": results,
              "checks": checks}  # fmt: skip
    (RESULTS / "startup.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "startup.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
