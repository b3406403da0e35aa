"""T22 through the importer into a real catalogue: 10,000 rows of which 1,000 are bad in
every way RELIABILITY.md lists (wrong column count, bad dates and numbers, an over-long
field, NUL and control characters, invalid UTF-8, quoted multi-line fields and one stray
quote). Each bad row is reported at its own line; the 9,000 good ones are imported in
one transaction, and nothing else in the catalogue changes. (The reading alone is
tested in tests/io/test_csv_robustness.py, whose file this test writes.)"""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

from figures import Figures

from aidviewer.io.formats import read_events
from aidviewer.io.importer import import_items
from aidviewer.store import Catalogue

from .oracle import dump, sound

ROBUSTNESS = Path(__file__).resolve().parents[1] / "io" / "test_csv_robustness.py"
# What an import of new records may change; every other table stays exactly as it was.
TOUCHED = {"aid_record", "stage", "history", "organisation", "organisation_alias", "category",
           "search_index", "search_index_content", "tally", "record_source", "source"}  # fmt: skip


def _robustness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("t22_robustness", ROBUSTNESS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _refs(path: Path) -> set[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {ref for (ref,) in con.execute("SELECT source_ref FROM aid_record") if ref}
    finally:
        con.close()


def test_1000_bad_rows_in_10000_are_reported_and_the_9000_good_imported(
    sample_path: Path, tmp_path: Path, figures: Figures
) -> None:
    source = tmp_path / "t22.csv"
    good, bad = _robustness()._t22_file(source)
    assert (len(good), len(bad)) == (9_000, 1_000)
    before = dump(sample_path)
    refs_before = _refs(sample_path)
    with Catalogue.open(sample_path) as catalogue:
        summary = import_items(catalogue, read_events("csv", source))
    sound(sample_path)
    after = dump(sample_path)
    skipped = sorted(event.line for event in summary.skipped)
    assert skipped == [line for line, _ in bad]  # each at the line its row starts on
    assert len(summary.made_ids) == 9_000
    new_refs = _refs(sample_path) - refs_before
    assert new_refs == {ref for _, ref in good}  # exactly the good rows, each once
    assert {table: rows for table, rows in after.items() if table not in TOUCHED} == {
        table: rows for table, rows in before.items() if table not in TOUCHED
    }
    # The records there before are there still, unchanged.
    assert set(before["aid_record"]) <= set(after["aid_record"])
    assert len(after["aid_record"]) == len(before["aid_record"]) + 9_000
    figures.add("rows / bad rows", f"{len(good) + len(bad):,} / {len(bad):,}")
    figures.add("bad rows reported at their own line", len(skipped))
    figures.add("good rows imported", len(summary.made_ids))
