"""Browse a big catalogue three ways and compare: aidviewer's paged model, Qt's stock
QSqlTableModel, and the raw sqlite3 query for the same page (the floor).

    make bench                      # 1,000,000 records (RECORDS=N to scale)
    python benchmarks/run.py --records 100000 [--file PATH]

The catalogue is generated once per size (benchmarks/data/, seeded, so it is the same
file every time) by generate.py. Each engine runs in a process of its own, in a real
QTableView offscreen dressed as the window's tables are, so their memory figures do not
mix; before the clock starts each opens and paints a small catalogue its own way, as the
window has done long before a person opens a big one. Times are wall-clock seconds
of one run on a shared machine: compare the ratios within a run, not runs with runs.
Each engine runs five times (TRIALS=N to change), the engines taking turns, and each
figure is the median of its runs: a shared machine slows down and speeds up for seconds
at a time, and taking turns lets that fall on every engine alike.
Results go to the terminal as a table, to benchmarks/results/latest.txt and, with every
figure, to benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results"
PAGE = 40  # rows a screen shows; the raw query reads this many
SEARCH = "generator"
WARM_UP = DATA / "warm-up.aidb"  # a small catalogue each engine opens before the clock
VIEW_SIZE = (1200, 900)

# The ten columns both tables show, as aid_record columns for QSqlTableModel.
STOCK_COLUMNS = [
    "title", "donor_name", "recipient_name", "aid_type", "category_name", "status",
    "quantity", "value_eur_cents", "announced_on", "delivered_on",
]  # fmt: skip

OPERATIONS = [
    ("open", "open to first rows shown"),
    ("jump_last", "jump to the last row"),
    ("sort_donor", "sort by donor"),
    ("sort_unindexed", "sort by an unindexed column"),
    ("filter_category", "filter by category"),
    ("search", "full-text search"),
    ("scroll_page", "scroll one page"),
    ("repaint", "repaint the visible cells"),
]


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576


class Clock:
    """Times steps and notes the memory after each."""

    def __init__(self) -> None:
        self.results: dict[str, dict[str, float]] = {}

    def step(self, name: str, action: Callable[[], Any], note: str = "") -> Any:
        start = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - start
        self.results[name] = {"seconds": seconds, "rss_mb": rss_mb()}
        if note:
            self.results[name]["note"] = note  # type: ignore[assignment]
        return result


# -- the engines, each run in a child process ----------------------------------------------


def _view(model: Any) -> Any:
    """A table dressed as the window's tables are (one line a row, alternating colours,
    whole rows selected), with Qt's own delegate."""
    from PySide6.QtWidgets import QTableView

    from aidviewer.ui.tables import dress_table

    view = QTableView()
    view.resize(*VIEW_SIZE)
    view.setModel(model)
    dress_table(view)
    view.setSortingEnabled(False)  # sorting is asked for explicitly below
    return view


def _shown(view: Any) -> None:
    """Render the view: the model answers data() for every visible cell."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    view.viewport().grab()


def _warm_up(open_table: Callable[[Path], dict[str, Any]]) -> None:
    """Open a small catalogue with the engine and paint it once before the clock starts,
    as the window has long shown a catalogue when a person opens another: loading Qt's
    plugins, its first paint and PySide's first use of each class are costs of starting
    the program, not of opening a catalogue."""
    opened = open_table(WARM_UP)
    opened["view"].close()


def _open_timed(
    open_table: Callable[[Path], dict[str, Any]], path: Path
) -> tuple[Clock, float, dict[str, Any]]:
    """Warm up, then time opening `path`: the clock, the memory before, what was opened."""
    _warm_up(open_table)
    clock = Clock()
    baseline = rss_mb()
    holder: dict[str, Any] = {}
    clock.step("open", lambda: holder.update(open_table(path)))
    return clock, baseline, holder


def _scroll_and_repaint(clock: Clock, view: Any) -> None:
    """From the middle of the table, scroll one page down; then time the repaints."""
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    _shown(view)

    def scroll() -> None:
        bar.setValue(bar.value() + bar.pageStep())
        _shown(view)

    clock.step("scroll_page", scroll)
    _repaint(clock, view)


def _repaint(clock: Clock, view: Any) -> None:
    """Seconds for 10 repaints of the visible cells, the best of 15 rounds: a repaint
    takes milliseconds, and on a shared machine any one round may be slowed by others'
    work; the fastest round is the closest to what the painting itself costs."""
    rounds = []
    for _ in range(15):
        start = time.perf_counter()
        for _ in range(10):
            view.viewport().grab()
        rounds.append(time.perf_counter() - start)
    clock.results["repaint"] = {
        "seconds": min(rounds),
        "rss_mb": rss_mb(),
        "note": "10 repaints, best of 15 rounds",  # type: ignore[dict-item]
    }


def run_aidviewer(path: Path, category: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from aidviewer.models import Column, RecordTableModel
    from aidviewer.store import Catalogue
    from aidviewer.ui.cell_delegate import CellDelegate

    app = QApplication.instance() or QApplication([])

    def open_table(file: Path) -> dict[str, Any]:
        catalogue = Catalogue.open(file, read_only=True)
        model = RecordTableModel()
        model.set_catalogue(catalogue)
        view = _view(model)
        view.setItemDelegate(CellDelegate(view))  # as the window's tables paint
        view.setColumnHidden(Column.MATCH, True)  # as the window does until a search
        view.show()
        _shown(view)
        return {"catalogue": catalogue, "model": model, "view": view}

    clock, baseline, holder = _open_timed(open_table, path)
    model, view = holder["model"], holder["view"]

    def jump() -> None:
        view.scrollToBottom()
        _shown(view)

    clock.step("jump_last", jump)
    clock.step("sort_donor", lambda: (model.sort(Column.DONOR), _shown(view)))
    clock.step(
        "sort_unindexed",
        lambda: (model.sort(Column.TITLE), _shown(view)),
        "title: every column aidviewer sorts by has an index",
    )
    clock.step(
        "filter_category",
        lambda: (model.set_query(replace(model.query, category_ids=(category,))), _shown(view)),
    )
    clock.step(
        "search",
        lambda: (
            model.set_query(replace(model.query, category_ids=(), search=SEARCH)),
            _shown(view),
        ),
    )
    model.set_query(replace(model.query, search=""))
    _scroll_and_repaint(clock, view)
    app.processEvents()
    return {
        "results": clock.results,
        "baseline_rss_mb": baseline,
        "rows": model.rowCount(),
        "pages_cached": model.cached_pages(),
        "paging": vars(holder["catalogue"].paging_stats),
    }


def run_stock(path: Path, category: int) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtSql import QSqlDatabase, QSqlTableModel
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])

    def open_table(file: Path) -> dict[str, Any]:
        db = QSqlDatabase.addDatabase("QSQLITE", str(file))  # a connection a file
        db.setDatabaseName(str(file))
        db.setConnectOptions("QSQLITE_OPEN_READONLY")
        if not db.open():
            raise RuntimeError(db.lastError().text())
        model = QSqlTableModel(None, db)
        model.setTable("aid_record")
        model.setEditStrategy(QSqlTableModel.EditStrategy.OnManualSubmit)
        model.select()
        view = _view(model)
        shown = {model.fieldIndex(name) for name in STOCK_COLUMNS}
        for column in range(model.columnCount()):
            view.setColumnHidden(column, column not in shown)
        view.show()
        _shown(view)
        return {"db": db, "model": model, "view": view}

    clock, baseline, holder = _open_timed(open_table, path)
    model, view = holder["model"], holder["view"]

    def jump() -> None:
        # A QSqlTableModel knows 256 rows at a time: the last row means fetching them all.
        while model.canFetchMore():
            model.fetchMore()
        view.scrollToBottom()
        _shown(view)

    def sort(column: str) -> None:
        model.setSort(model.fieldIndex(column), Qt.SortOrder.AscendingOrder)
        model.select()
        _shown(view)

    def where(clause: str) -> None:
        model.setFilter(clause)
        model.select()
        _shown(view)

    clock.step("jump_last", jump)
    clock.step("sort_donor", lambda: sort("donor_name"))
    clock.step("sort_unindexed", lambda: sort("item"), "item: no index")
    clock.step("filter_category", lambda: where(f"category_id = {category}"))
    clock.step(
        "search",
        lambda: where(f"title LIKE '%{SEARCH}%' OR description LIKE '%{SEARCH}%'"),
        "LIKE: the SQLite inside Qt has no FTS5",
    )
    where("")
    _scroll_and_repaint(clock, view)
    app.processEvents()
    return {"results": clock.results, "baseline_rss_mb": baseline, "rows": model.rowCount()}


def run_raw(path: Path, category: int) -> dict[str, Any]:
    import sqlite3

    clock = Clock()
    baseline = rss_mb()
    columns = ", ".join(STOCK_COLUMNS)
    con: sqlite3.Connection = clock.step(
        "open",
        lambda: _first(sqlite3.connect(f"file:{path}?mode=ro", uri=True), columns),
    )

    def page(sql: str, *params: Any) -> list[Any]:
        return con.execute(sql, params).fetchall()

    clock.step(
        "jump_last", lambda: page(f"SELECT {columns} FROM aid_record ORDER BY id DESC LIMIT {PAGE}")
    )
    clock.step(
        "sort_donor",
        lambda: page(
            f"SELECT {columns} FROM aid_record ORDER BY donor_name COLLATE NOCASE, id LIMIT {PAGE}"
        ),
    )
    clock.step(
        "sort_unindexed",
        lambda: page(f"SELECT {columns} FROM aid_record ORDER BY item, id LIMIT {PAGE}"),
        "item: no index",
    )
    clock.step(
        "filter_category",
        lambda: page(
            f"SELECT {columns} FROM aid_record WHERE category_id = ? ORDER BY id LIMIT {PAGE}",
            category,
        ),
    )
    clock.step(
        "search",
        lambda: page(
            f"SELECT {columns} FROM aid_record WHERE id IN (SELECT rowid / 4 FROM search_index"
            f" WHERE search_index MATCH ? AND rowid % 4 = 1) ORDER BY id LIMIT {PAGE}",
            f'"{SEARCH}"*',
        ),
    )
    clock.step(
        "scroll_page",
        lambda: page(
            f"SELECT {columns} FROM aid_record WHERE id > ? ORDER BY id LIMIT {PAGE}", 500_000
        ),
    )
    return {"results": clock.results, "baseline_rss_mb": baseline}


def _first(con: Any, columns: str) -> Any:
    con.execute(f"SELECT {columns} FROM aid_record ORDER BY id LIMIT {PAGE}").fetchall()
    return con


ENGINES: dict[str, Callable[[Path, int], dict[str, Any]]] = {
    "aidviewer": run_aidviewer,
    "QSqlTableModel": run_stock,
    "sqlite3": run_raw,
}


# -- the parent: prepare, run each engine in its own process, compare -----------------------


def _busiest_category(path: Path) -> int:
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    row = con.execute(
        "SELECT category_id FROM aid_record WHERE category_id IS NOT NULL"
        " GROUP BY category_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    con.close()
    return int(row[0]) if row else 0


def _catalogue(records: int, file: Path | None) -> Path:
    if file is not None:
        return file
    path = DATA / f"catalogue-{records}.aidb"
    if not path.exists():
        sys.path.insert(0, str(HERE.parent))
        from benchmarks.generate import generate

        DATA.mkdir(parents=True, exist_ok=True)
        print(f"Generating {path} (once per size) …", file=sys.stderr, flush=True)
        generate(path, records=records, meetings=max(1, records // 20), notes=records * 2, seed=1)
    return path


def _warm_up_catalogue() -> None:
    if not WARM_UP.exists():
        sys.path.insert(0, str(HERE.parent))
        from benchmarks.generate import generate

        DATA.mkdir(parents=True, exist_ok=True)
        generate(WARM_UP, records=300, meetings=10, notes=300, seed=2, workers=0)


def _empty_catalogue() -> Path:
    from aidviewer.store import Catalogue

    path = DATA / "empty.aidb"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        Catalogue.create(path).close()
    return path


def _child(engine: str, path: Path, category: int) -> dict[str, Any]:
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "--engine",
            engine,
            "--file",
            str(path),
            "--category",
            str(category),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _trials(path: Path, category: int, trials: int) -> dict[str, dict[str, Any]]:
    """Every engine `trials` times, taking turns; the median run of each."""
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in ENGINES}
    for _ in range(trials):
        for name in ENGINES:
            runs[name].append(_child(name, path, category))
    return {name: _median_run(engine_runs) for name, engine_runs in runs.items()}


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One engine's figures: for each step the median of its runs' seconds and memory,
    with every run's seconds kept beside it."""
    merged = dict(runs[-1])
    results: dict[str, dict[str, Any]] = {}
    for key, last in runs[-1]["results"].items():
        steps = [run["results"][key] for run in runs]
        results[key] = {
            **last,
            "seconds": statistics.median(step["seconds"] for step in steps),
            "rss_mb": statistics.median(step["rss_mb"] for step in steps),
            "runs": [step["seconds"] for step in steps],
        }
    merged["results"] = results
    merged["trials"] = len(runs)
    return merged


def _table(report: dict[str, Any]) -> str:
    engines = report["engines"]
    ours, stock, raw = (
        engines[name]["results"] for name in ("aidviewer", "QSqlTableModel", "sqlite3")
    )
    lines = [
        f"{report['records']:,} records · {report['file_mb']:,.0f} MB file · {report['machine']}"
        f" · median of {report['trials']} runs each",
        "",
        f"{'operation':<28} {'aidviewer':>10} {'QSqlTable':>10} {'sqlite3':>9} {'stock/ours':>11}"
        f" {'ours MB':>8} {'stock MB':>9}",
    ]
    for key, label in OPERATIONS:
        a, s, r = ours.get(key), stock.get(key), raw.get(key)
        ratio = s["seconds"] / a["seconds"] if a and s and a["seconds"] > 0 else float("nan")
        lines.append(
            f"{label[:28]:<28} {a['seconds'] if a else float('nan'):>10.4f}"
            f" {s['seconds'] if s else float('nan'):>10.4f}"
            f" {r['seconds'] if r else float('nan'):>9.4f} {ratio:>10.1f}x"
            f" {a['rss_mb'] if a else float('nan'):>8.0f}"
            f" {s['rss_mb'] if s else float('nan'):>9.0f}"
        )
    checks = report["checks"]
    lines.append("")
    for name, check in checks.items():
        lines.append(f"{'PASS' if check['pass'] else 'FAIL'}  {name}: {check['value']}")
    return "\n".join(lines)


def _checks(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    ours = report["engines"]["aidviewer"]["results"]
    stock = report["engines"]["QSqlTableModel"]["results"]
    empty = report["engines"]["aidviewer on an empty catalogue"]
    t = {key: ours[key]["seconds"] for key in ours}
    s = {key: stock[key]["seconds"] for key in stock}
    growth = max(step["rss_mb"] for step in ours.values()) - empty["results"]["open"]["rss_mb"]
    return {
        "first rows no slower than QSqlTableModel (10% for noise)": {
            "value": f"{t['open']:.3f} s vs {s['open']:.3f} s",
            "pass": t["open"] <= s["open"] * 1.1,
        },
        "jump to last row ≥ 50x faster": {
            "value": f"{s['jump_last'] / t['jump_last']:.0f}x",
            "pass": s["jump_last"] >= 50 * t["jump_last"],
        },
        "memory after jump ≤ 1.2x memory after first rows": {
            "value": f"{ours['jump_last']['rss_mb']:.0f} / {ours['open']['rss_mb']:.0f} MB",
            "pass": ours["jump_last"]["rss_mb"] <= 1.2 * ours["open"]["rss_mb"],
        },
        "every sort within 0.3 s": {
            "value": f"donor {t['sort_donor']:.3f} s, title {t['sort_unindexed']:.3f} s",
            "pass": max(t["sort_donor"], t["sort_unindexed"]) <= 0.3,
        },
        "sort ≥ 4x faster than QSqlTableModel on an unindexed column": {
            "value": f"{s['sort_unindexed'] / t['sort_unindexed']:.1f}x",
            "pass": s["sort_unindexed"] >= 4 * t["sort_unindexed"],
        },
        "filter no slower than QSqlTableModel (10% for noise)": {
            "value": f"{t['filter_category']:.3f} s vs {s['filter_category']:.3f} s",
            "pass": t["filter_category"] <= s["filter_category"] * 1.1,
        },
        "search no slower than QSqlTableModel (10% for noise)": {
            "value": f"{t['search']:.3f} s vs {s['search']:.3f} s",
            "pass": t["search"] <= s["search"] * 1.1,
        },
        "repaint within 1.5x of QSqlTableModel": {
            "value": f"{t['repaint'] / s['repaint']:.2f}x",
            "pass": t["repaint"] <= 1.5 * s["repaint"],
        },
        "memory growth over an empty catalogue ≤ 50 MB": {
            "value": f"{growth:.0f} MB",
            "pass": growth <= 50,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=int(os.environ.get("RECORDS", 1_000_000)))
    parser.add_argument(
        "--file", type=Path, help="an existing catalogue instead of a generated one"
    )
    parser.add_argument(
        "--trials",
        type=int,
        default=int(os.environ.get("TRIALS", 5)),
        help="runs of each engine, taking turns (the median is reported)",
    )
    parser.add_argument("--engine", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--category", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.engine:
        print(json.dumps(ENGINES[args.engine](args.file, args.category)))
        return 0

    path = _catalogue(args.records, args.file)
    _warm_up_catalogue()
    category = _busiest_category(path)
    engines = _trials(path, category, max(1, args.trials))
    empty = _empty_catalogue()
    engines["aidviewer on an empty catalogue"] = _median_run(
        [_child("aidviewer", empty, 0) for _ in range(max(1, args.trials))]
    )
    report: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "records": engines["aidviewer"]["rows"],
        "file": str(path),
        "file_mb": path.stat().st_size / 1_048_576,
        "trials": max(1, args.trials),
        "machine": f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}",  # noqa: E501
        "engines": engines,
    }
    report["checks"] = _checks(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    table = _table(report)
    (RESULTS / "latest.txt").write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
