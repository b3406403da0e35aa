"""The OCHA FTS readers: one record per flow from the CSV download and from the API's
JSON, the stage its status says, the amount in the currency it was given in (US dollars
where FTS leaves the currency blank), an HXL row passed over and a bad row skipped with
its line while the rows after it are still read."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aidviewer.io import fts
from aidviewer.io.fts import read_fts_csv, read_fts_json
from aidviewer.io.items import (
    BadFileError,
    Event,
    ImportCancelledError,
    Item,
    OrgRef,
    Skipped,
)
from aidviewer.store import AidType, FuzzyDate, OrganisationKind, Precision, StageKind

STAGE_OF = {"paid": StageKind.DELIVERED, "commitment": StageKind.COMMITTED}


def _items(events: Sequence[Event]) -> list[Item]:
    return [event for event in events if isinstance(event, Item)]


class _Progress:
    """A going_on that says yes and remembers what it was told."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> bool:
        self.calls.append((done, total))
        return True


# ---- the CSV download -----------------------------------------------------------------


@pytest.fixture(scope="module")
def table(shared_data: Path) -> Path:
    return shared_data / "ocha-fts" / "fts_incoming_funding_afg.csv"


@pytest.fixture(scope="module")
def table_rows(table: Path) -> list[dict[str, str]]:
    """The flows as the csv module reads them, independently of the reader."""
    with open(table, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def table_events(table: Path) -> list[Event]:
    return list(read_fts_csv(table))


def test_the_csv_gives_one_record_per_flow_with_its_stage(
    table_rows: list[dict[str, str]], table_events: list[Event]
) -> None:
    items = _items(table_events)
    assert len(table_events) == len(items) == len(table_rows) == 328
    assert [item.ref for item in items] == [f"fts:{row['id']}" for row in table_rows]
    statuses = Counter(row["status"] for row in table_rows)
    assert statuses == {"paid": 183, "commitment": 145}
    stages = Counter(item.stages[0].kind for item in items)
    assert stages == {STAGE_OF[status]: count for status, count in statuses.items()}
    for item, row in zip(items, table_rows, strict=True):
        assert [stage.kind for stage in item.stages] == [STAGE_OF[row["status"]]]
        assert item.stages[0].date == FuzzyDate(date.fromisoformat(row["date"]), Precision.DAY)
        assert item.aid_type is AidType.HUMANITARIAN


def test_a_blank_original_currency_means_the_usd_amount(
    table_rows: list[dict[str, str]], table_events: list[Event]
) -> None:
    blank = 0
    for item, row in zip(_items(table_events), table_rows, strict=True):
        if row["originalCurrency"] and row["originalAmount"]:
            expected = (Decimal(row["originalAmount"]), row["originalCurrency"])
        else:
            blank += not row["originalCurrency"]
            expected = (Decimal(row["amountUSD"]), "USD")
        assert (item.amount, item.currency) == expected
        assert (item.stages[0].amount, item.stages[0].currency) == expected
    assert blank == 131
    # One flow names JPY but gives no original amount: its USD amount, with a warning.
    warned = [item for item in _items(table_events) if item.warnings]
    assert [item.ref for item in warned] == ["fts:207176"]
    assert warned[0].currency == "USD" and "JPY" in warned[0].warnings[0]


def test_csv_flows_name_donor_implementer_country_and_cluster(
    table_rows: list[dict[str, str]], table_events: list[Event]
) -> None:
    items = {item.ref: item for item in _items(table_events)}
    flow = items["fts:228238"]
    assert flow.donor == OrgRef(
        name="Luxembourg, Government of", code="LU", kind=OrganisationKind.GOVERNMENT
    )
    assert flow.implementer == OrgRef(
        name="International Committee of the Red Cross", kind=OrganisationKind.NGO
    )
    assert flow.recipient == OrgRef(name="Afghanistan", code="AF")
    assert flow.category == "Protection"
    assert (
        flow.title
        == flow.description
        == (
            "Contribution to support ICRC's humanitarian assistance and protection activities "
            "in Afghanistan"
        )
    )
    for item, row in zip(_items(table_events), table_rows, strict=True):
        if row["srcOrganization"]:
            assert item.donor is not None and item.donor.name == row["srcOrganization"]
        else:
            assert item.donor is None
        assert item.category == row["destGlobalClusters"].split(",")[0]
        assert item.recipient == OrgRef(name="Afghanistan", code="AF")  # "AFG", "AFG,JOR"


def test_line_breaks_inside_a_cell_stay_in_the_description(
    table_rows: list[dict[str, str]], table_events: list[Event]
) -> None:
    broken = [
        (item, row)
        for item, row in zip(_items(table_events), table_rows, strict=True)
        if "\n" in row["description"]
    ]
    assert len(broken) == 4
    for item, row in broken:
        assert item.description == row["description"].strip()
        assert item.title == row["description"].splitlines()[0].strip()
    # The rows after a cell with a line break start on later lines of the file.
    lines = [item.line for item in _items(table_events)]
    assert lines[0] == 2 and lines == sorted(lines) and lines[-1] > 328 + 1


def test_csv_progress_is_told_and_cancel_stops(table: Path) -> None:
    progress = _Progress()
    list(read_fts_csv(table, going_on=progress))
    calls = progress.calls
    total = table.stat().st_size
    assert calls[0] == (0, total) and calls[-1] == (total, total) and len(calls) >= 3
    with pytest.raises(ImportCancelledError):
        list(read_fts_csv(table, going_on=lambda done, total: done == 0))


# ---- small tables ---------------------------------------------------------------------

HEADER = ["id", "status", "amountUSD", "originalAmount", "originalCurrency", "date",
          "decisionDate", "description", "srcOrganization", "srcOrganizationTypes",
          "destOrganization", "destGlobalClusters", "destLocations"]  # fmt: skip
HXL = ["#x_id", "#status", "#value+usd", "#value+original", "#currency", "#date",
       "#date+decision", "#description", "#org+name+source", "#org+type+source",
       "#org+name+impl", "#sector", "#country+code"]  # fmt: skip
FLOWS = [
    ["101", "pledge", "1000", "900", "EUR", "2022-03-01", "", "Tents\tand blankets",
     "Norway, Government of", "Government", "UNHCR", "Shelter,Protection", "UKR"],
    ["102", "paid", "2500", "", "", "", "2022-04-02", "", "", "", "", "", ""],
]  # fmt: skip


def _write(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8", newline="")
    return path


def test_an_hxl_row_under_the_header_is_passed_over(tmp_path: Path) -> None:
    plain = list(read_fts_csv(_write(tmp_path / "plain.csv", [HEADER, *FLOWS])))
    tagged = list(read_fts_csv(_write(tmp_path / "hxl.csv", [HEADER, HXL, *FLOWS])))
    assert [type(event) for event in tagged] == [Item, Item]
    assert [item.line for item in _items(tagged)] == [3, 4]
    assert [item.ref for item in _items(tagged)] == ["fts:101", "fts:102"]
    assert [replace(item, line=item.line - 1) for item in _items(tagged)] == _items(plain)


def test_a_pledge_is_announced_and_blanks_fall_back(tmp_path: Path) -> None:
    pledge, bare = _items(list(read_fts_csv(_write(tmp_path / "f.csv", [HEADER, *FLOWS]))))
    assert [stage.kind for stage in pledge.stages] == [StageKind.ANNOUNCED]
    assert pledge.recipient == OrgRef(name="Ukraine", code="UA")
    assert (pledge.amount, pledge.currency) == (Decimal(900), "EUR")
    assert pledge.description == "Tents\tand blankets"
    assert pledge.category == "Shelter"
    # No currency: the USD amount; no date: the decision date; no text: a title anyway.
    assert (bare.amount, bare.currency) == (Decimal(2500), "USD")
    assert bare.stages[0].kind is StageKind.DELIVERED
    assert bare.stages[0].date == FuzzyDate(date(2022, 4, 2), Precision.DAY)
    assert bare.title == "FTS flow 102"
    assert (bare.donor, bare.implementer, bare.recipient, bare.category) == (None, None, None, "")


def test_bad_rows_are_skipped_with_their_line_and_the_rest_is_read(tmp_path: Path) -> None:
    multi = [*FLOWS[0][:7], "One\nTwo", *FLOWS[0][8:]]
    short = FLOWS[1][:5]
    bad_amount = ["104", "paid", "lots", *FLOWS[1][3:]]
    no_id = ["", *FLOWS[1][1:]]
    rows = [HEADER, multi, short, bad_amount, no_id, ["105", *FLOWS[1][1:]]]
    events = list(read_fts_csv(_write(tmp_path / "bad.csv", rows)))
    skipped = [event for event in events if isinstance(event, Skipped)]
    assert [(s.line, type(s)) for s in skipped] == [(4, Skipped), (5, Skipped), (6, Skipped)]
    assert "5 cells" in skipped[0].reason
    assert "amountUSD" in skipped[1].reason and "lots" in skipped[1].reason
    assert "id" in skipped[2].reason
    assert [(item.ref, item.line) for item in _items(events)] == [("fts:101", 2), ("fts:105", 7)]


def test_a_table_without_the_flow_columns_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "other.csv", [["donor", "value"], ["Norway", "1"]])
    with pytest.raises(BadFileError, match="“id”, “status”, “amountUSD”"):
        list(read_fts_csv(path))


# ---- the API's JSON -------------------------------------------------------------------


@pytest.fixture(scope="module")
def answer(shared_data: Path) -> Path:
    return shared_data / "ocha-fts" / "custom-search-locationid-1-year-2020.json"


def test_the_json_gives_one_record_per_flow_with_its_stage(answer: Path) -> None:
    flows: list[dict[str, Any]] = json.loads(answer.read_text(encoding="utf-8"))["data"]["flows"]
    events = list(read_fts_json(answer))
    items = _items(events)
    assert len(events) == len(items) == len(flows) == 200
    assert [item.ref for item in items] == [f"fts:{flow['id']}" for flow in flows]
    statuses = Counter(flow["status"] for flow in flows)
    assert statuses == {"paid": 130, "commitment": 70}
    assert Counter(item.stages[0].kind for item in items) == {
        STAGE_OF[status]: count for status, count in statuses.items()
    }
    for item, flow in zip(items, flows, strict=True):
        assert [stage.kind for stage in item.stages] == [STAGE_OF[flow["status"]]]
        assert item.stages[0].date.iso() == flow["date"][:10]
        if flow.get("originalCurrency") and flow.get("originalAmount") is not None:
            expected = (Decimal(str(flow["originalAmount"])), flow["originalCurrency"])
        else:
            expected = (Decimal(flow["amountUSD"]), "USD")
        assert (item.amount, item.currency) == expected
        donors = [o["name"] for o in flow["sourceObjects"] if o["type"] == "Organization"]
        assert (item.donor.name if item.donor else None) == (donors[0] if donors else None)
        clusters = [o["name"] for o in flow["destinationObjects"] if o["type"] == "GlobalCluster"]
        assert item.category == (clusters[0] if clusters else "")

    first = items[0]
    assert first.donor == OrgRef(
        name="Switzerland, Government of", code="CH", kind=OrganisationKind.GOVERNMENT
    )
    assert first.implementer == OrgRef(
        name="World Food Programme", kind=OrganisationKind.INTERNATIONAL
    )
    assert first.recipient == OrgRef(name="Afghanistan", code="AF")
    assert Counter(item.recipient.code for item in items if item.recipient) == {"AF": 199, "IR": 1}
    # Flow 207176 names JPY but gives no original amount: USD, with a warning.
    odd = next(item for item in items if item.ref == "fts:207176")
    assert (odd.amount, odd.currency) == (Decimal(2345890), "USD")
    assert odd.warnings and "JPY" in odd.warnings[0]
    assert sum(1 for item in items if item.warnings) == 1


def test_json_progress_is_told_and_cancel_stops(answer: Path) -> None:
    progress = _Progress()
    list(read_fts_json(answer, going_on=progress))
    calls = progress.calls
    total = answer.stat().st_size
    assert calls[0] == (0, total) and calls[-1] == (total, total) and len(calls) >= 4
    with pytest.raises(ImportCancelledError):
        list(read_fts_json(answer, going_on=lambda done, total: done == 0))


def test_an_oversized_json_file_is_refused_before_reading(
    answer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fts, "JSON_CAP", 1000)
    with pytest.raises(BadFileError, match="MB"):
        list(read_fts_json(answer))


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"flows,amountUSD\n1,2\n", "not readable JSON"),
        (b'{"data": {"incoming": {}}}', "data.flows"),
        (b"[1, 2]", "data.flows"),
    ],
)
def test_json_that_is_not_an_fts_answer_is_refused(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(BadFileError, match=says):
        list(read_fts_json(path))


def test_a_bad_json_flow_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    good = {"id": "7", "status": "paid", "amountUSD": 10, "date": "2022-05-01T00:00:00Z"}
    flows = [good, "not a flow", {**good, "id": "8", "amountUSD": "ten"}, {**good, "id": None},
             {**good, "id": 9, "status": "pledge"}]  # fmt: skip
    path = tmp_path / "f.json"
    path.write_text(json.dumps({"data": {"flows": flows}}), encoding="utf-8")
    events = list(read_fts_json(path))
    assert [(type(e).__name__, e.line) for e in events] == [
        ("Item", 1), ("Skipped", 2), ("Skipped", 3), ("Skipped", 4), ("Item", 5),
    ]  # fmt: skip
    last = events[-1]
    assert isinstance(last, Item) and last.ref == "fts:9"
    assert last.stages[0].kind is StageKind.ANNOUNCED
    assert (last.amount, last.currency) == (Decimal(10), "USD")


def test_a_stray_quote_costs_one_row_not_the_rest(tmp_path: Path) -> None:
    blank = [""] * (len(HEADER) - 8)
    rows = [HEADER, ["1", "paid", "1", "", "", "", "", '"never closed', *blank]]
    rows += [[str(n), "paid", str(n), "", "", "", "", f"flow {n}", *blank] for n in range(2, 152)]
    rows.insert(50, ["long", "paid", "1", "", "", "", "", "x" * 140_000, *blank])
    path = tmp_path / "stray.csv"
    # Written by hand: the csv module would quote the stray quote and close it.
    path.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    events = list(read_fts_csv(path))
    skipped = [event for event in events if isinstance(event, Skipped)]
    assert [s.line for s in skipped] == [2, 51]
    assert "quote" in skipped[0].reason and "131,072" in skipped[1].reason
    assert [item.ref for item in _items(events)] == [f"fts:{n}" for n in range(2, 152)]
    assert [item.line for item in _items(events)][:2] == [3, 4]


def test_a_byte_the_encoding_cannot_read_refuses_the_file_naming_its_line(
    tmp_path: Path,
) -> None:
    # Past the first megabyte, which decides the encoding: the file is taken for UTF-8.
    padding = "x" * 440
    good = "".join(f"{n},paid,{n},,,,,flow {n:04d} {padding},,,,,\n" for n in range(2_500))
    assert len(good) > 1 << 20
    path = tmp_path / "late.csv"
    path.write_bytes((",".join(HEADER) + "\n" + good).encode() + b"9,paid,9,,,,,caf\xe9,,,,,\n")
    with pytest.raises(BadFileError, match="line 2502"):
        list(read_fts_csv(path))
