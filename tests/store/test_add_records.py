"""Many records added at once (an import): the same rows, history, search and count as
one at a time, and all of them or none."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from aidviewer.store import (
    AidRecord,
    Catalogue,
    FuzzyDate,
    InvalidValueError,
    Money,
    RecordQuery,
    Stage,
    StageKind,
)

_IGNORED = {"id", "version", "created_at", "updated_at", "updated_by"}


def _content(record: AidRecord) -> dict[str, object]:
    plain = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    for name in _IGNORED:
        plain.pop(name)
    plain["stages"] = tuple(dataclasses.replace(s, id=0) for s in record.stages)
    plain["tags"] = tuple(sorted(record.tags))  # kept in the catalogue's order
    return plain


def _records(catalogue: Catalogue, n: int) -> list[AidRecord]:
    norway = catalogue.find_organisation("Norway")
    assert norway is not None
    return [
        AidRecord(
            title=f"Generators, tranche {i}",
            description="For hospitals in Kharkiv" if i % 2 else "",
            donor_id=norway.id,
            money=Money.eur(100_000 + i),
            stages=(
                Stage(kind=StageKind.ANNOUNCED, date=FuzzyDate.parse("2023-01")),
                Stage(
                    kind=StageKind.DELIVERED,
                    date=FuzzyDate.parse(f"2023-03-{1 + i % 28:02d}"),
                    quantity=i,
                ),
            ),
            tags=("winter", "energy") if i % 3 else (),
            source_ref=f"csv:R-{i}",
        )
        for i in range(n)
    ]


def test_records_added_at_once_are_the_records_added_one_by_one(sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        before = catalogue.counts()["records"]
        new = _records(catalogue, 30)
        ids = catalogue.add_records(new[:20])
        singles = [catalogue.add_record(record).id for record in new[20:]]
        assert len(ids) == 20 and ids == sorted(ids) and ids[-1] < singles[0]
        for record, record_id in zip(new, ids + singles, strict=True):
            assert _content(catalogue.record(record_id)) == _content(record)
        assert catalogue.counts()["records"] == before + 30
        assert catalogue.check().sound  # the kept count agrees with the rows
        assert len(catalogue.search("Kharkiv", limit=100)) >= 10
        # Each is logged as made, as one added alone is.
        created = catalogue.history("aid_record", ids[0])
        assert [entry.action for entry in created] == ["create"]
        # The trigger that keeps the count is back: one more, one more counted.
        catalogue.add_record(AidRecord(title="After"))
        assert catalogue.counts()["records"] == before + 31
        assert catalogue.check().sound
    con = sqlite3.connect(sample_path)
    names = {row[0] for row in con.execute("SELECT name FROM sqlite_schema WHERE type='trigger'")}
    con.close()
    assert "aid_record_tally_insert" in names


def test_one_refused_record_adds_none(sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        before = catalogue.counts()["records"]
        ids_before = catalogue.record_ids(RecordQuery())
        new = _records(catalogue, 10)
        new[7] = dataclasses.replace(new[7], source_ref=new[2].source_ref)  # the same twice
        with pytest.raises(InvalidValueError, match="already has this source reference"):
            catalogue.add_records(new)
        assert catalogue.counts()["records"] == before
        assert catalogue.record_ids(RecordQuery()) == ids_before
        assert catalogue.check().sound
        catalogue.add_record(AidRecord(title="After"))
        assert catalogue.counts()["records"] == before + 1
