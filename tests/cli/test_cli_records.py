"""`aidviewer-cli records`: every field as JSON, defused CSV, a table for the terminal."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aidviewer.store import AidRecord, Catalogue, Money

Run = Callable[..., Any]  # the `run` fixtures of conftest.py, returning a Result
Fingerprint = Callable[[Path], object]

RECORD_KEYS = {
    "id",
    "version",
    "title",
    "description",
    "donor",
    "recipient",
    "implementer",
    "aid_type",
    "category",
    "item",
    "quantity",
    "unit",
    "status",
    "amount",
    "currency",
    "value_eur",
    "eur_rate",
    "rate_date",
    "announced_on",
    "delivered_on",
    "stages",
    "sources",
    "tags",
    "created_at",
    "updated_at",
    "updated_by",
}


def _json(run: Run, path: Path) -> list[dict[str, Any]]:
    result = run("records", path, "--format", "json")
    assert (result.code, result.err) == (0, "")
    rows: list[dict[str, Any]] = json.loads(result.out, parse_float=Decimal)
    return rows


def test_json_has_every_field_with_names_and_exact_money(run: Run, built_path: Path) -> None:
    rows = _json(run, built_path)
    assert [row["id"] for row in rows] == [1, 2, 3]
    assert all(set(row) == RECORD_KEYS for row in rows)
    nasams = rows[0]
    assert {key: nasams[key] for key in RECORD_KEYS - {"stages", "sources", "created_at"}} == {
        "id": 1,
        "version": 1,
        "title": "NASAMS launchers",
        "description": "Launchers for the NASAMS systems.",
        "donor": "Ministry of National Defence",
        "recipient": "Armed Forces of Ukraine",
        "implementer": "Ministry of National Defence",
        "aid_type": "military",
        "category": "Air defence",
        "item": "NASAMS launcher",
        "quantity": 2,
        "unit": "launchers",
        "status": "delivered",
        "amount": Decimal("12.5"),
        "currency": "USD",
        "value_eur": 11,
        "eur_rate": Decimal("1.1364"),
        "rate_date": "2023-11-10",
        "announced_on": "2023-11",
        "delivered_on": "2024-01-15",
        "tags": ["air defence", "NASAMS"],
        "updated_at": nasams["created_at"],
        "updated_by": "tester",
    }
    assert nasams["stages"] == [
        {
            "kind": "announced",
            "date": "2023-11",
            "date_precision": "month",
            "quantity": None,
            "amount": None,
            "currency": None,
            "value_eur": None,
            "eur_rate": None,
            "rate_date": None,
            "note": "",
        },
        {
            "kind": "delivered",
            "date": "2024-01-15",
            "date_precision": "day",
            "quantity": 2,
            "amount": Decimal("12.5"),
            "currency": "USD",
            "value_eur": 11,
            "eur_rate": Decimal("1.1364"),
            "rate_date": "2023-11-10",
            "note": "handed over",
        },
    ]
    [source] = nasams["sources"]
    assert source["title"] == "Lithuanian Aid to Ukraine Continues"
    assert source["publisher"] == "KAM"
    assert source["url"] == "https://kam.lt/en/"


def test_json_nulls_for_what_is_unknown(run: Run, built_path: Path) -> None:
    bare = _json(run, built_path)[2]
    for key in ("donor", "recipient", "category", "status", "amount", "currency", "value_eur"):
        assert bare[key] is None, key
    assert (bare["announced_on"], bare["delivered_on"]) == (None, None)
    assert (bare["stages"], bare["sources"], bare["tags"]) == ([], [], [])
    assert bare["aid_type"] == "humanitarian"


def test_json_amounts_are_exact_number_literals(run: Run, empty_path: Path) -> None:
    with Catalogue.open(empty_path) as cat:
        cat.add_record(AidRecord(title="Big", money=Money.eur(10_000_000_000_000_001)))
        cat.add_record(AidRecord(title="Yen", money=Money(amount_minor=1500, currency="JPY")))
    result = run("records", empty_path, "--format", "json")
    # As a float, 100000000000000.01 would come out as 100000000000000.02.
    assert '"amount": 100000000000000.01,' in result.out
    assert '"value_eur": 100000000000000.01,' in result.out
    assert '"amount": 1500,' in result.out  # yen have no minor unit
    big, yen = json.loads(result.out, parse_float=Decimal)
    assert big["amount"] == Decimal("100000000000000.01")
    assert (yen["amount"], yen["currency"], yen["value_eur"]) == (1500, "JPY", None)


def test_json_of_an_empty_catalogue_is_an_empty_list(run: Run, empty_path: Path) -> None:
    assert run("records", empty_path, "--format", "json").out == "[]\n"


def _csv(run: Run, path: Path, command: str = "records") -> list[dict[str, str]]:
    result = run(command, path, "--format", "csv")
    assert (result.code, result.err) == (0, "")
    return list(csv.DictReader(io.StringIO(result.out, newline="")))


def test_csv_rows_hold_the_names_and_numbers(run: Run, built_path: Path) -> None:
    nasams, _, bare = _csv(run, built_path)
    assert nasams["title"] == "NASAMS launchers"
    assert nasams["donor"] == "Ministry of National Defence"
    assert nasams["category"] == "Air defence"
    assert (nasams["amount"], nasams["currency"], nasams["value_eur"]) == ("12.5", "USD", "11")
    assert (nasams["announced_on"], nasams["delivered_on"]) == ("2023-11", "2024-01-15")
    assert nasams["tags"] == "air defence; NASAMS"
    assert nasams["sources"] == "Lithuanian Aid to Ukraine Continues"
    assert nasams["quantity"] == "2"
    assert bare["title"] == "Demining coalition\nwith a title far too long for one table column"
    assert (bare["donor"], bare["amount"], bare["status"]) == ("", "", "")


def test_csv_defuses_spreadsheet_formulas(run: Run, built_path: Path) -> None:
    _, formula, bare = _csv(run, built_path)
    assert formula["title"] == "'=cmd()"
    assert formula["description"] == "'+1"
    assert formula["donor"] == "'@SUM(A1:A9)"
    assert formula["item"] == "'-dash"
    assert bare["description"] == "'\tTAB"
    # Numbers stay numbers, even negative ones.
    assert (formula["amount"], formula["value_eur"]) == ("-5", "-5")


def test_csv_has_a_header_and_crlf_line_ends(run: Run, built_path: Path) -> None:
    out = run("records", built_path, "--format", "csv").out
    header = out.split("\r\n")[0].split(",")
    assert header[:4] == ["id", "title", "description", "donor"]
    assert {"amount", "currency", "value_eur", "announced_on", "delivered_on"} <= set(header)
    assert out.endswith("\r\n")


def test_table_shows_each_record_on_one_line_with_the_total(run: Run, built_path: Path) -> None:
    result = run("records", built_path)
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0].split() == [
        "ID",
        "Title",
        "Donor",
        "Recipient",
        "Category",
        "Status",
        "Value",
        "EUR",
        "Announced",
        "Delivered",
    ]
    assert len(lines) == 2 + 3 + 2  # header, rule, three records, gap, total
    assert "NASAMS launchers" in lines[2]
    assert "11.00" in lines[2]
    assert "2023-11" in lines[2] and "2024-01-15" in lines[2]
    assert "=cmd()" in lines[3]
    assert "-5.00" in lines[3]
    # The two-line title is one line, cut with an ellipsis.
    assert "Demining coalition with a title far too…" in lines[4]
    assert lines[-1] == "3 records · EUR 6.00 (1 without a value in EUR)"
    # Columns line up: text on the left, money on the right.
    assert lines[0].index("Title") == lines[2].index("NASAMS") == lines[3].index("=cmd()")
    value_end = lines[0].index("Value EUR") + len("Value EUR")
    assert lines[2].index("11.00") + 5 == lines[3].index("-5.00") + 5 == value_end


def test_table_total_with_thousands(run: Run, empty_path: Path) -> None:
    with Catalogue.open(empty_path) as cat:
        cat.add_record(AidRecord(title="Total", money=Money.eur(50_000_000_000)))
    result = run("records", empty_path)
    assert "500,000,000.00" in result.out.splitlines()[2]
    assert result.out.splitlines()[-1] == "1 record · EUR 500,000,000.00"


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_reading_never_changes_the_file(
    run: Run, built_path: Path, fingerprint: Fingerprint, fmt: str
) -> None:
    before = fingerprint(built_path)
    assert run("records", built_path, "--format", fmt).code == 0
    assert run("meetings", built_path, "--format", fmt).code == 0
    assert fingerprint(built_path) == before


def test_the_sample_lists_in_every_format(run: Run, sample_path: Path) -> None:
    with Catalogue.open(sample_path, read_only=True) as cat:
        titles = [record.title for record in cat.iter_records()]
    rows = _json(run, sample_path)
    assert [row["title"] for row in rows] == titles
    assert [row["title"] for row in _csv(run, sample_path)] == titles
    table = run("records", sample_path).out.splitlines()
    assert table[-1].startswith(f"{len(titles)} records · EUR ")
