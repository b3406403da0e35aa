"""The content oracle of the reliability suite: a catalogue as its rows, compared whole.

An integrity check says a file is a sound SQLite database, not that it holds what was
saved: every reliability test compares the actual rows with the expected ones, and also
checks integrity and foreign keys.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

Dump = dict[str, list[tuple[Any, ...]]]


def _read_only(path: Path) -> sqlite3.Connection:
    # immutable=0, mode=ro: reading never changes the file (no journal rolled back here:
    # a hot journal must be rolled back by aidviewer's own open, which the tests check).
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)


def dump(path: Path) -> Dump:
    """Every row of every table (the full-text index's shadow tables excepted: the
    index is checked through search), each table's rows sorted."""
    con = _read_only(path)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found: Dump = {}
        for table in tables:
            if "_fts" in table or table.endswith(("_data", "_idx", "_docsize", "_config")):
                continue
            rows = con.execute(f'SELECT * FROM "{table}"').fetchall()
            found[table] = sorted(rows, key=repr)
        return found
    finally:
        con.close()


def sound(path: Path) -> None:
    """Assert SQLite's integrity and foreign-key checks pass."""
    con = _read_only(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def changed_tables(before: Dump, after: Dump) -> list[str]:
    """The tables whose rows differ (for a readable failure)."""
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
