"""Hostile catalogue files that tests/bad_files.py does not make (RELIABILITY.md T9):
damage inside the b-tree and inside a value, a foreign application id, and schema
tricks (a view or trigger another program added, `writable_schema` edits). Each maker
has bad_files' signature: make(path, sample) writes the file at `path` from the sound
catalogue `sample`."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

from bad_files import Maker

from aidviewer.io.formats import read_events
from aidviewer.io.importer import import_items
from aidviewer.store import SCHEMA_VERSION, Catalogue

GEOPACKAGE = 0x47504B47  # "GPKG": another program's application_id


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _grown(path: Path, sample: Path) -> None:
    """The sample with 100 more records: the tables then have interior pages."""
    shutil.copyfile(sample, path)
    rows = path.with_name("rows.csv")
    lines = ["title,donor,value,currency"]
    lines += [f"Shipment {n} of winter equipment,Latvia,{n}00,EUR" for n in range(1, 101)]
    rows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Catalogue.open(path) as catalogue:
        import_items(catalogue, read_events("csv", rows))
    rows.unlink()


def _pages(path: Path, table: str, kind: str) -> tuple[list[int], int]:
    """The numbers of `table`'s pages of `kind` ("internal", "leaf"), and the page size."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        pages = [
            n
            for (n,) in con.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ?", (table, kind)
            )
        ]
        (size,) = con.execute("PRAGMA page_size").fetchone()
    finally:
        con.close()
    return pages, size


def interior_page(table: str, seed: int) -> Maker:
    """Random bytes over an interior b-tree page of `table`, after its 12-byte page
    header (on page 1, after the file's 100-byte header too)."""

    def make(path: Path, sample: Path) -> None:
        _grown(path, sample)
        pages, size = _pages(path, table, "internal")
        assert pages, f"{table} has no interior page"
        page = random.Random(seed).choice(pages)
        start = (page - 1) * size + (100 if page == 1 else 0) + 12
        junk = random.Random(seed).randbytes(page * size - start)
        with path.open("r+b") as handle:
            handle.seek(start)
            handle.write(junk)

    return make


def payload(junk: bytes) -> Maker:
    """`junk` over the bytes of an aid record's description, inside its table's page: the
    b-tree is whole, only a value changed (as a bad sector or a stray write would)."""

    def make(path: Path, sample: Path) -> None:
        shutil.copyfile(sample, path)
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        (text,) = con.execute("SELECT description FROM aid_record WHERE id = 2").fetchone()
        con.close()
        pages, size = _pages(path, "aid_record", "leaf")
        data = bytearray(path.read_bytes())
        needle = text[:40].encode()
        places = [
            at for page in pages if (at := data.find(needle, (page - 1) * size, page * size)) >= 0
        ]
        assert len(places) == 1, places
        at = places[0] + 10
        data[at : at + len(junk)] = junk
        path.write_bytes(bytes(data))

    return make


def foreign_application_id(path: Path, sample: Path) -> None:
    """Our tables, but marked as another program's file."""
    shutil.copyfile(sample, path)
    con = _raw(path)
    con.execute(f"PRAGMA application_id = {GEOPACKAGE}")
    con.close()


def foreign_and_newer(path: Path, sample: Path) -> None:
    """Another program's file whose user_version is above ours: the application id is
    what must be read first."""
    foreign_application_id(path, sample)
    con = _raw(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()


def _with(statements: list[str], *, writable_schema: bool = False) -> Maker:
    def make(path: Path, sample: Path) -> None:
        shutil.copyfile(sample, path)
        con = _raw(path)
        if writable_schema:
            con.execute("PRAGMA writable_schema = ON")
        for statement in statements:
            con.execute(statement)
        con.close()

    return make


# A view and a trigger calling a function aidviewer does not define (an attacker's hope is
# a function the app registers; aidviewer registers none), and a trigger that quietly
# empties the history on every note saved.
view_calling_a_function = _with(["CREATE VIEW leak AS SELECT exfiltrate(title) FROM aid_record"])
trigger_calling_a_function = _with(
    ["CREATE TRIGGER leak AFTER UPDATE ON aid_record BEGIN SELECT exfiltrate(new.title); END"]
)
trigger_emptying_the_history = _with(
    ["CREATE TRIGGER forget AFTER INSERT ON note BEGIN DELETE FROM history; END"]
)
# PRAGMA writable_schema edits: an entry that does not parse, a table's text broken, an
# index given another b-tree's root page.
schema_entry_that_does_not_parse = _with(
    ["INSERT INTO sqlite_schema VALUES ('table', 'junk', 'junk', 0, 'CREATE TABLE junk (')"],
    writable_schema=True,
)
schema_text_broken = _with(
    ["UPDATE sqlite_schema SET sql = 'CREATE TABLE note (id' WHERE name = 'note'"],
    writable_schema=True,
)
index_on_another_root = _with(
    [
        "UPDATE sqlite_schema SET rootpage ="
        " (SELECT rootpage FROM sqlite_schema WHERE name = 'history')"
        " WHERE name = 'note_record'"
    ],
    writable_schema=True,
)
table_entry_removed = _with(
    ["DELETE FROM sqlite_schema WHERE name = 'tally'"], writable_schema=True
)
