"""Merging Czechia and Czech Republic: every link kept, the merge in the history, and an
undo that puts the rows back as they were."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from aidviewer.store import (
    AidRecord,
    Catalogue,
    InvalidValueError,
    Organisation,
    OrganisationKind,
    Person,
    RecordQuery,
)

ROWS = {
    "organisation": "SELECT id, name, kind, country, created_at FROM organisation ORDER BY id",
    "aliases": "SELECT * FROM organisation_alias ORDER BY 1, 2",
    "records": "SELECT id, donor_id, donor_name, recipient_id, recipient_name, implementer_id"
    " FROM aid_record ORDER BY id",
    "people": "SELECT id, organisation_id FROM person ORDER BY id",
}


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in ROWS.items()}
    finally:
        con.close()


@pytest.fixture
def catalogue(empty_path: Path) -> Iterator[Catalogue]:
    with Catalogue.open(empty_path, user="tester") as opened:
        yield opened


def test_a_merge_keeps_every_link_and_is_undone_exactly(
    catalogue: Catalogue, empty_path: Path
) -> None:
    czechia = catalogue.add_organisation(
        Organisation(name="Czechia", kind=OrganisationKind.GOVERNMENT, country="CZ")
    )
    republic = catalogue.add_organisation(
        Organisation(name="Czech Republic", aliases=("Česká republika", "czechia"))
    )
    ukraine = catalogue.add_organisation(Organisation(name="Ukraine"))
    a = catalogue.add_record(
        AidRecord(
            title="Ammunition",
            donor_id=republic.id,
            recipient_id=ukraine.id,
            implementer_id=republic.id,
        )
    )
    b = catalogue.add_record(AidRecord(title="Tanks", donor_id=czechia.id))
    person = catalogue.add_person(Person(name="Jana Černochová", organisation_id=republic.id))
    before = _rows(empty_path)

    merge = catalogue.merge_organisations(czechia.id, republic.id)
    assert catalogue.record(a.id).donor_id == catalogue.record(a.id).implementer_id == czechia.id
    # The copy of the name that the table sorts by follows.
    assert catalogue.record_rows(RecordQuery())[0].donor == "Czechia"
    assert catalogue.person(person.id).organisation_id == czechia.id
    assert catalogue.find_organisation("Czech Republic") == catalogue.organisation(czechia.id)
    assert catalogue.find_organisation("Česká republika") == catalogue.organisation(czechia.id)
    assert merge.added_aliases == ("Czech Republic", "Česká republika")  # "czechia" was its name
    assert catalogue.record(a.id).version == a.version + 2  # donor and implementer moved
    assert catalogue.record(b.id).version == b.version
    history = catalogue.history("organisation", czechia.id)
    assert history[-1].field == "merged" and history[-1].new == f"#{republic.id} Czech Republic"
    assert catalogue.check().sound

    back = catalogue.undo_merge(merge)
    assert back.id == republic.id and back.version == republic.version + 1
    assert _rows(empty_path) == before
    assert catalogue.check().sound


def test_an_organisation_is_not_merged_into_itself(catalogue: Catalogue) -> None:
    org = catalogue.add_organisation(Organisation(name="Latvia"))
    with pytest.raises(InvalidValueError, match="itself"):
        catalogue.merge_organisations(org.id, org.id)
