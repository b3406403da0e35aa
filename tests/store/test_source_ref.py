"""A record's source reference: where an imported record came from, unique in a
catalogue, kept through edits, found by scheme."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from aidviewer.store import AidRecord, Catalogue, InvalidValueError


def test_a_source_reference_is_kept_and_found_by_its_scheme(empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        kiel = catalogue.add_record(AidRecord(title="Package", source_ref="kiel:AUH1"))
        catalogue.add_record(AidRecord(title="Flow", source_ref="fts:17"))
        typed = catalogue.add_record(AidRecord(title="Typed in"))
        assert catalogue.record(kiel.id).source_ref == "kiel:AUH1"
        assert typed.source_ref == ""
        assert catalogue.record_ids_by_source("kiel:") == {"kiel:AUH1": kiel.id}
        assert set(catalogue.record_ids_by_source()) == {"kiel:AUH1", "fts:17"}
        edited = catalogue.update_record(dataclasses.replace(kiel, title="Package 1"))
        assert edited.source_ref == "kiel:AUH1"


def test_two_records_cannot_share_a_source_reference(empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        catalogue.add_record(AidRecord(title="One", source_ref="iati:XM-1"))
        with pytest.raises(InvalidValueError, match="already has this source reference"):
            catalogue.add_record(AidRecord(title="Two", source_ref="iati:XM-1"))
        # Records without one are many.
        catalogue.add_record(AidRecord(title="Three"))
        catalogue.add_record(AidRecord(title="Four"))
        assert catalogue.counts()["records"] == 3


def test_an_older_catalogue_gains_the_column_empty(empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        record = catalogue.add_record(AidRecord(title="Before the upgrade"))
    con = sqlite3.connect(empty_path)
    con.execute("DROP INDEX aid_record_source_ref")
    con.execute("ALTER TABLE aid_record DROP COLUMN source_ref")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    with Catalogue.open(empty_path) as catalogue:
        assert catalogue.schema_version() == 4
        assert catalogue.record(record.id).source_ref == ""
        assert catalogue.record(record.id).title == "Before the upgrade"
