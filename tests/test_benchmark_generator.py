"""The benchmark generator writes what the store itself would write.

A small catalogue from `benchmarks/generate.py` must open with the store, be sound, have
the asked-for counts, answer searches with a plausible part of the records, and hold
rows that the store reads back and would save unchanged.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

from aidviewer.store import Catalogue, RecordQuery, RecordSort, StageKind

REPO = Path(__file__).resolve().parent.parent
RECORDS, MEETINGS, NOTES = 2_000, 100, 3_000


def _generator() -> ModuleType:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from benchmarks import generate

    return generate


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "small.aidb"
    _generator().generate(
        path, records=RECORDS, meetings=MEETINGS, notes=NOTES, seed=7, workers=0, quiet=True
    )
    return path


@pytest.fixture
def catalogue(generated: Path) -> Catalogue:
    with Catalogue.open(generated, user="tester") as opened:
        yield opened


def test_the_file_is_sound_with_the_asked_counts(catalogue: Catalogue) -> None:
    report = catalogue.check()
    assert report.sound, report.problems
    assert report.counts["records"] == RECORDS
    assert report.counts["meetings"] == MEETINGS
    assert report.counts["notes"] == NOTES
    assert report.counts["stages"] >= RECORDS  # one to three per record
    assert report.counts["history"] == 0  # skipped on purpose (module docstring)


def test_search_finds_a_plausible_part_of_the_records(catalogue: Catalogue) -> None:
    total = catalogue.count_records()[0]
    for word in ("generator", "shells", "Kharkiv", "Anusauskas", "NASA"):
        found = catalogue.count_records(RecordQuery(search=word))[0]
        assert 0 < found < total / 5, word
    # Diacritics are folded by the store's tokenizer: Anušauskas is in the text as such.
    assert catalogue.search("Anušauskas", limit=1)


def test_names_copied_onto_records_match_their_rows(catalogue: Catalogue) -> None:
    page = catalogue.record_page(RecordQuery(sort=RecordSort.DONOR), limit=50, offset=500)
    assert len(page.rows) == 50
    for summary in page.rows:
        record = catalogue.record(summary.id)
        assert record.donor_id is not None and record.recipient_id is not None
        assert summary.donor == catalogue.organisation(record.donor_id).name
        assert summary.recipient == catalogue.organisation(record.recipient_id).name
        assert record.category_id is not None
        category = catalogue.category(record.category_id)
        assert summary.category == category.name
        if category.aid_type is not None:
            assert record.aid_type == category.aid_type
        assert summary.status == record.status
        assert summary.announced_on == record.stage_date(StageKind.ANNOUNCED)


def test_the_store_would_save_every_sampled_row_unchanged(catalogue: Catalogue) -> None:
    """Saving a record, meeting or note as read changes nothing when every column (the
    copies of names, status rank and stage dates included) is what the store computes."""
    for record_id in range(1, RECORDS + 1, 97):
        record = catalogue.record(record_id)
        assert 1 <= len(record.stages) <= 3
        assert record.version == 1 and record.created_at == record.updated_at
        saved = catalogue.update_record(record)
        assert saved.version == 1, f"record {record_id} differs from what the store writes"
    for meeting_id in range(1, MEETINGS + 1, 9):
        meeting = catalogue.meeting(meeting_id)
        assert meeting.participants and meeting.topics and meeting.minutes
        assert catalogue.update_meeting(meeting).version == 1
    for note_id in range(1, NOTES + 1, 151):
        note = catalogue.note(note_id)
        assert 5 <= len(note.body.split()) <= 60
        assert catalogue.update_note(note).version == 1
    assert catalogue.history("aid_record", 1) == []


def test_money_is_in_minor_units_with_an_integer_euro_value(generated: Path) -> None:
    con = sqlite3.connect(generated)
    try:
        rows = con.execute(
            "SELECT amount_minor, currency, value_eur_cents, eur_rate, rate_date FROM aid_record"
            " WHERE amount_minor IS NOT NULL"
        ).fetchall()
        fts = con.execute(
            "SELECT count(*) FROM aid_record r JOIN search_index s ON s.rowid = r.id * 4 + 1"
            " WHERE s.title = r.title AND s.body = r.description"
        ).fetchone()[0]
    finally:
        con.close()
    assert fts == RECORDS
    currencies = {row[1] for row in rows}
    assert {"EUR", "USD", "GBP"} <= currencies
    assert sum(row[1] == "EUR" for row in rows) > len(rows) / 2
    for amount, currency, cents, rate, rate_date in rows:
        assert isinstance(amount, int) and isinstance(cents, int) and amount > 0
        if currency == "EUR":
            assert (cents, rate, rate_date) == (amount, "1", None)
        else:
            assert rate_date is not None
            digits = 0 if currency in ("JPY", "KRW") else 2
            assert abs(cents - amount * 10 ** (2 - digits) / float(rate)) <= 1


def test_the_same_seed_gives_the_same_rows(tmp_path: Path) -> None:
    generate = _generator().generate
    dumps = []
    for name, workers in (("a.aidb", 0), ("b.aidb", 1)):
        path = generate(
            tmp_path / name,
            records=300,
            meetings=20,
            notes=400,
            seed=3,
            workers=workers,
            quiet=True,
        )
        con = sqlite3.connect(path)
        try:
            dumps.append(
                [
                    con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                    for table in ("aid_record", "stage", "meeting", "note")
                ]
            )
        finally:
            con.close()
    assert dumps[0] == dumps[1]
