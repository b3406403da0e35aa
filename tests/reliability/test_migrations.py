"""Catalogues of every shipped format, brought up to date (RELIABILITY.md T11, R1, R8).

A catalogue of each format 0 to N is built here the way that release left it: format
1's tables filled with known rows, then each later shipped step applied (shipped steps are
never edited, so these are the files those releases wrote). Opening one migrates it to
the current format with the rows intact and the copied columns filled (the expected rows
are spelled out below, and every format ends in the same rows); opening it again changes
no byte. An error injected before the commit of each migration step leaves the file
entirely at the format before that step, rows and schema, and the next opening finishes
the job. A newer format is refused unchanged by tests/store/test_bad_files.py and
test_hostile_files.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import bad_files as bad
import pytest
from figures import Figures

from aidviewer import faults
from aidviewer.faults import InjectedFaultError
from aidviewer.store import APPLICATION_ID, SCHEMA_VERSION, Catalogue, CatalogueError
from aidviewer.store import schema as schema_module
from aidviewer.store.backup import MIGRATION, list_backups

from .oracle import Dump, changed_tables, dump, sound

META = "1, '2023-11-10T08:00:00.000Z', '2023-11-10T08:00:00.000Z', 'v1'"
FIRST_RELEASE_ROWS = [
    f"INSERT INTO organisation VALUES (1, 'Lithuania', 'government', 'LT', NULL, {META})",
    f"INSERT INTO organisation VALUES (2, 'Ukraine', 'government', 'UA', NULL, {META})",
    f"INSERT INTO category VALUES (1, 'Air defence', 'military', {META})",
    "INSERT INTO aid_record (id, title, description, donor_id, recipient_id, aid_type,"
    " category_id, amount_minor, currency, value_eur_cents, status, version, created_at,"
    " updated_at, updated_by) VALUES (7, 'NASAMS launchers', 'Shown first in Łódź', 1, 2,"
    f" 'military', 1, 500, 'EUR', 500, 'delivered', {META})",
    "INSERT INTO stage (id, record_id, kind, date, date_precision, position)"
    " VALUES (1, 7, 'announced', '2023-11', 'month', 0),"
    " (2, 7, 'delivered', '2023-11-10', 'day', 1)",
    "INSERT INTO meeting (id, title, starts_at, place, minutes, version, created_at,"
    f" updated_at, updated_by) VALUES (3, 'Talks in Łódź', '2023-11-10T10:00', 'Łódź',"
    f" 'Met.', {META})",
    "INSERT INTO meeting_topic VALUES (3, 0, 'Air defence')",
    "INSERT INTO note (id, record_id, body, author, kind, pinned, version, created_at,"
    f" updated_at, updated_by) VALUES (5, 7, 'Check the serial numbers', 'Rasa', 'comment',"
    f" 1, {META})",
    "INSERT INTO history (id, at, who, entity, entity_id, action, field, old, new)"
    " VALUES (1, '2023-11-10T08:00:00.000Z', 'v1', 'aid_record', 7, 'create', '*', NULL,"
    ' \'{"title": "NASAMS launchers"}\')',
    "INSERT INTO search_index (rowid, title, body) VALUES"
    " (29, 'NASAMS launchers', 'Shown first in Łódź'),"
    " (14, 'Talks in Łódź', 'Air defence\nMet.'), (23, '', 'Check the serial numbers')",
]
# The record once up to date: format 1's values, and the columns formats 2 and 4 added.
EXPECTED_RECORD = {
    "id": 7, "title": "NASAMS launchers", "description": "Shown first in Łódź",
    "donor_id": 1, "recipient_id": 2, "implementer_id": None, "aid_type": "military",
    "category_id": 1, "amount_minor": 500, "currency": "EUR", "value_eur_cents": 500,
    "status": "delivered", "version": 1, "updated_by": "v1",
    "donor_name": "Lithuania", "recipient_name": "Ukraine", "category_name": "Air defence",
    "status_rank": 3, "announced_on": "2023-11", "announced_precision": "month",
    "delivered_on": "2023-11-10", "delivered_precision": "day", "source_ref": None,
}  # fmt: skip
SHIPPED = range(SCHEMA_VERSION + 1)  # format 0: marked as ours, nothing in it yet


def _apply(con: sqlite3.Connection, version: int) -> None:
    for step in schema_module.MIGRATIONS[version]:
        if isinstance(step, str):
            con.execute(step)
        else:
            step(con)


def _file_at(path: Path, version: int, *, rows: bool = True) -> Path:
    """A catalogue of format `version` as its release left it; with the rows above
    (written by format 1) unless `rows` is False or the format is 0."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute("BEGIN")
        if version >= 1:
            _apply(con, 0)
            for statement in FIRST_RELEASE_ROWS if rows else []:
                con.execute(statement)
        for step in range(1, version):
            _apply(con, step)
        con.execute(f"PRAGMA user_version = {version}")
        con.execute("COMMIT")
    finally:
        con.close()
    return path


def _schema(path: Path) -> set[tuple[str, str, str]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return set(con.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_schema"))
    finally:
        con.close()


def _version(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Dump:
    """Every row of a format-1 catalogue brought up to date, checked against the rows
    spelled out above: what every format must end in."""
    path = _file_at(tmp_path_factory.mktemp("golden") / "v1.aidb", 1)
    with Catalogue.open(path) as catalogue:
        assert catalogue.schema_version() == SCHEMA_VERSION
        assert catalogue.check().sound
        assert catalogue.record_count() == 1  # the tally, counted from the records there
        found = sorted((hit.kind, hit.id) for hit in catalogue.search("Lodz"))
        assert found == [("meeting", 3), ("record", 7)]  # the plain spellings of format 2
        assert [n.body for n in catalogue.notes_for(record_id=7)] == ["Check the serial numbers"]
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    row = dict(con.execute("SELECT * FROM aid_record").fetchone())
    con.close()
    assert {key: row[key] for key in EXPECTED_RECORD} == EXPECTED_RECORD
    rows = dump(path)
    assert rows["tally"] == [("aid_record", 1)]
    assert rows["history"] == [(1, "2023-11-10T08:00:00.000Z", "v1", "aid_record", 7, "create",
                                "*", None, '{"title": "NASAMS launchers"}')]  # fmt: skip
    assert rows["meeting_topic"] == [(3, 0, "Air defence")]
    return rows


@pytest.mark.parametrize("version", SHIPPED)
def test_each_shipped_format_is_brought_up_to_date_with_its_rows(
    version: int, golden: Dump, empty_path: Path, tmp_path: Path, figures: Figures
) -> None:
    path = _file_at(tmp_path / "old.aidb", version)
    with Catalogue.open(path) as catalogue:
        assert catalogue.schema_version() == SCHEMA_VERSION
    sound(path)
    expected = dump(empty_path) if version == 0 else golden
    found = dump(path)
    assert found == expected, changed_tables(expected, found)
    migration_backups = [b for b in list_backups(path, check=True) if b.kind == MIGRATION]
    if 0 < version < SCHEMA_VERSION:  # the older format kept, and sound
        (backup,) = migration_backups
        assert not backup.problem and backup.records == 1 and _version(backup.path) == version
    else:
        assert migration_backups == []

    before = bad.sha256(path)  # migrating twice: the second opening changes no byte
    with Catalogue.open(path) as catalogue:
        assert catalogue.schema_version() == SCHEMA_VERSION
    assert bad.sha256(path) == before
    assert len(list_backups(path)) == len(migration_backups)
    figures.add(f"format {version}: migrated, rows as expected, twice a no-op", "yes")


STEPS = [(start, step) for start in range(SCHEMA_VERSION) for step in range(start, SCHEMA_VERSION)]


@pytest.mark.parametrize(
    ("start", "step"), STEPS, ids=[f"from {a}, step {b}→{b + 1}" for a, b in STEPS]
)
def test_an_error_in_a_migration_step_leaves_the_format_before_it(
    start: int, step: int, golden: Dump, empty_path: Path, tmp_path: Path, figures: Figures
) -> None:
    path = _file_at(tmp_path / "old.aidb", start)
    faults.arm(f"migration.before_commit@{step - start + 1}:raise")
    with pytest.raises((InjectedFaultError, CatalogueError)):
        Catalogue.open(path)
    faults.disarm()
    assert not Path(f"{path}-journal").exists()
    sound(path)
    # The file as the format before the step left it.
    reference = _file_at(tmp_path / "reference.aidb", step, rows=start >= 1)
    assert _version(path) == step
    assert _schema(path) == _schema(reference)
    assert dump(path) == dump(reference), changed_tables(dump(reference), dump(path))
    if start >= 1:
        assert [b.problem for b in list_backups(path, check=True) if b.kind == MIGRATION][:1] == [
            ""
        ]

    with Catalogue.open(path) as catalogue:  # the next opening finishes the job
        assert catalogue.schema_version() == SCHEMA_VERSION
    expected = dump(empty_path) if start == 0 else golden
    assert dump(path) == expected
    figures.add(f"migration from {start}, error at step {step}→{step + 1}", "old format kept")


@pytest.mark.parametrize("step", range(SCHEMA_VERSION))
def test_an_error_in_a_migration_step_names_the_step(step: int, tmp_path: Path) -> None:
    path = _file_at(tmp_path / "old.aidb", 0)
    faults.arm(f"migration.before_commit@{step + 1}:raise")
    with pytest.raises(CatalogueError, match=rf"from format {step} to {step + 1}"):
        Catalogue.open(path)
