"""Importing: a generated 100,000-row CSV and the real IATI file, as aidviewer-cli import
does them (read, resolve names, value in euros, write in one transaction).

    make bench                        # after the report benchmark
    python benchmarks/imports.py [--rows 100000] [--iati PATH]

Each import runs in a process of its own (so its memory figure is its own) into a new
catalogue, three times; the median is reported. The target: at least 20,000 CSV rows a
second, with memory bounded (the growth for 100,000 rows under 200 MB, and under twice
that of a tenth of the rows plus 50 MB). Reading alone (no catalogue) is measured too.
Results go to the terminal and to benchmarks/results/imports.txt and imports.json.
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
TARGET_ROWS_PER_SECOND = 20_000
SHARED = HERE.parent.parent / "shared" / "data"

DONORS = ("Germany", "Poland", "Czech Republic", "Norway", "United States", "Japan",
          "Canada", "France", "Türkiye", "Germany, Government of")  # fmt: skip
CATEGORIES = ("Energy", "Shelter", "Ammunition", "Medical", "Vehicles", "Food")


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576


def write_csv(path: Path, rows: int) -> None:
    """A table as an office keeps one: a reference, a title, names, an amount in
    several currencies, dates at day and month precision, tags."""
    currencies = ("EUR", "USD", "GBP", "PLN")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("Reference,Title,Donor,Recipient,Aid type,Category,Quantity,Amount,"
                     "Currency,Announced,Delivered,Tags\r\n")  # fmt: skip
        for n in range(rows):
            month = 1 + n % 12
            delivered = f"2023-{month:02d}-{1 + n % 28:02d}" if n % 3 == 0 else ""
            handle.write(
                f'R-{n},"Generators for hospital {n}, tranche {n % 7}","{DONORS[n % 10]}",'
                f"Ukraine,humanitarian,{CATEGORIES[n % 6]},{n % 500},{1000 + n}.50,"
                f"{currencies[n % 4]},2022-{month:02d},{delivered},winter;energy\r\n"
            )


def run_one(kind: str, src: Path) -> dict[str, Any]:
    """In this process: import `src` as `kind` into a new catalogue (or, for "read",
    only read it)."""
    from aidviewer.io.formats import read_events
    from aidviewer.io.importer import import_items
    from aidviewer.store import Catalogue

    before = rss_mb()
    fmt = "iati" if kind == "iati" else "csv"
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        if kind == "read":
            rows = sum(1 for _ in read_events(fmt, src))
            imported = rows
        else:
            target = Path(folder) / "import.aidb"
            Catalogue.create(target, user="benchmark").close()
            with Catalogue.open(target, user="benchmark") as catalogue:
                summary = import_items(catalogue, read_events(fmt, src))
            imported = summary.imported
            rows = imported + len(summary.skipped)
        seconds = time.perf_counter() - start
    return {"kind": kind, "rows": rows, "imported": imported, "seconds": seconds,
            "rows_per_second": rows / seconds, "rss_growth_mb": rss_mb() - before}  # fmt: skip


def _child(kind: str, src: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--one", kind, str(src)],
        capture_output=True, text=True, check=False,
        cwd=HERE.parent,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"the {kind} import of {src} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        **runs[-1],
        "seconds": statistics.median(run["seconds"] for run in runs),
        "rows_per_second": statistics.median(run["rows_per_second"] for run in runs),
        "rss_growth_mb": statistics.median(run["rss_growth_mb"] for run in runs),
        "runs": [round(run["seconds"], 3) for run in runs],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--iati", type=Path,
                        default=SHARED / "ocha-iati-viz-ukraine" / "prefiltered.xml")  # fmt: skip
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SRC"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        sys.path.insert(0, str(HERE.parent))
        print(json.dumps(run_one(args.one[0], Path(args.one[1]))))
        return 0
    figures: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder) / "big.csv", Path(folder) / "small.csv"
        write_csv(big, args.rows)
        write_csv(small, args.rows // 10)
        plan = [("read", big), ("csv", small), ("csv", big)]
        if args.iati.is_file():
            plan.append(("iati", args.iati))
        for kind, src in plan:
            name = f"{kind} {src.name}"
            figures[name] = _median([_child(kind, src) for _ in range(TRIALS)])
    read = figures[f"read {big.name}"]
    whole = figures[f"csv {big.name}"]
    tenth = figures[f"csv {small.name}"]
    fast = whole["rows_per_second"] >= TARGET_ROWS_PER_SECOND
    bounded = whole["rss_growth_mb"] < 200 and whole["rss_growth_mb"] < 2 * tenth[
        "rss_growth_mb"] + 50  # fmt: skip
    lines = [
        f"{'import':<28}{'rows':>9}{'seconds':>9}{'rows/s':>9}{'RSS +MB':>9}",
        *(
            f"{name:<28}{f['rows']:>9,}{f['seconds']:>9.2f}{f['rows_per_second']:>9,.0f}"
            f"{f['rss_growth_mb']:>9.0f}"
            for name, f in figures.items()
        ),
        f"CSV import of {whole['rows']:,} rows: {whole['rows_per_second']:,.0f} rows/s:"
        f" {'PASS' if fast else 'FAIL'} (≥ {TARGET_ROWS_PER_SECOND:,} rows/s);"
        f" reading alone {read['rows_per_second']:,.0f} rows/s",
        f"memory: {tenth['rss_growth_mb']:.0f} MB for {tenth['rows']:,} rows,"
        f" {whole['rss_growth_mb']:.0f} MB for {whole['rows']:,}:"
        f" {'PASS' if bounded else 'FAIL'} (bounded)",
    ]
    table = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    checks = {"rows per second": fast, "memory": bounded}
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "trials": TRIALS,
              "figures": figures, "checks": checks}  # fmt: skip
    (RESULTS / "imports.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "imports.txt").write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
