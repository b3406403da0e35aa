"""The Kiel Support Tracker reader: one record per package, the package's value counted
once, dates kept as precise as the sheet writes them, and a bad row skipped with its line
while the rows after it are still read. Also the lenient date reader it shares."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from aidviewer.io import kiel
from aidviewer.io.dates import is_missing, parse_fuzzy
from aidviewer.io.items import (
    BadFileError,
    Event,
    ImportCancelledError,
    Item,
    OrgRef,
    Skipped,
    SourceIn,
)
from aidviewer.io.kiel import read_kiel
from aidviewer.store import AidType, FuzzyDate, Precision, SourceKind, StageKind

# ---- the real sheet ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sheet(shared_data: Path) -> Path:
    return shared_data / "kiel-ust" / "src_ukraine_support.csv"


@pytest.fixture(scope="module")
def sheet_rows(sheet: Path) -> list[dict[str, str]]:
    """The sheet's rows as the csv module reads them, independently of the reader."""
    with open(sheet, encoding="utf-16", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def sheet_items(sheet: Path) -> list[Event]:
    return list(read_kiel(sheet))


def _items(events: Sequence[Event]) -> list[Item]:
    return [event for event in events if isinstance(event, Item)]


def _by_ref(events: Sequence[Event]) -> dict[str, Item]:
    return {item.ref: item for item in _items(events)}


DUMMY = "Total_value_dummy (1 is first row in the package)"


def test_the_sheet_gives_one_record_per_package_id_in_order(
    sheet_rows: list[dict[str, str]], sheet_items: list[Event]
) -> None:
    ids = list(dict.fromkeys(row["ID"] for row in sheet_rows))
    assert len(sheet_rows) == 1999
    assert len(ids) == 740
    assert all(isinstance(event, Item) for event in sheet_items)  # nothing skipped
    assert [item.ref for item in _items(sheet_items)] == [f"kiel:{i}" for i in ids]


def test_each_donors_value_is_the_sum_of_its_package_rows(
    sheet_rows: list[dict[str, str]], sheet_items: list[Event]
) -> None:
    expected: dict[str, Decimal] = defaultdict(Decimal)
    every_row: dict[str, Decimal] = defaultdict(Decimal)
    for row in sheet_rows:
        eur = row["Converted Value in EUR"].strip()
        if row[DUMMY] == "1" and eur not in ("", "."):
            expected[row["Countries"]] += Decimal(eur)
        given = row["Monetary Value as Given by Source"]
        if row["Original Currency"] == "EUR" and given.replace(".", "").isdigit():
            every_row[row["Countries"]] += Decimal(given)
    got: dict[str, Decimal] = defaultdict(Decimal)
    for item in _items(sheet_items):
        assert item.donor is not None
        got[item.donor.name] += item.value_eur or Decimal(0)
    assert len(expected) == 44
    assert got == expected
    assert sum(got.values()) == sum(expected.values())
    # The item rows repeat their announcement's amount: adding them all would count
    # Germany's packages several times over.
    assert every_row["Germany"] > 2 * got["Germany"]


def test_a_package_with_several_value_rows_sums_them_and_no_item_row(
    sheet_items: list[Event],
) -> None:
    items = _by_ref(sheet_items)
    # DEM1's three marked rows: 1.63, 1.88 and 3.24 billion euros; its item rows
    # each repeat 6.75 billion.
    dem1 = items["kiel:DEM1"]
    assert (dem1.amount, dem1.currency) == (Decimal("6750000000"), "EUR")
    assert dem1.value_eur == Decimal("6750000000")
    # DKM7: 7.5 billion DKK on its package row; its item rows (one in EUR, the others
    # 900 million DKK each) are not added.
    dkm7 = items["kiel:DKM7"]
    assert (dkm7.amount, dkm7.currency) == (Decimal("7500000000"), "DKK")
    assert dkm7.value_eur == Decimal("1006914143.7873397")


def test_rows_of_a_package_apart_in_the_sheet_make_one_record(
    sheet_rows: list[dict[str, str]], sheet_items: list[Event]
) -> None:
    ids = [row["ID"] for row in sheet_rows]
    # "DMK7" (sic) sits among the rows of DKM7.
    between = ids.index("DMK7")
    assert ids[between - 1] == ids[between + 1] == "DKM7"
    items = _by_ref(sheet_items)
    later = [row for row in sheet_rows[between + 1 :] if row["ID"] == "DKM7"]
    assert len(later) == 12
    description = items["kiel:DKM7"].description
    assert later[0]["Explanation"].strip() in description
    for row in later:
        if row["Items"] != ".":
            assert f"- {row['Items']}" in description
    dmk7 = items["kiel:DMK7"]
    assert (dmk7.item, dmk7.quantity, dmk7.value_eur) == ("CAESAR artillery howitzer", 19, None)
    assert any("DMK7" in warning for warning in dmk7.warnings)


def test_sheet_records_carry_donor_recipient_type_stages_and_sources(
    sheet_rows: list[dict[str, str]], sheet_items: list[Event]
) -> None:
    items = _by_ref(sheet_items)
    auh2 = items["kiel:AUH2"]  # one item: 70,000 tons of coal
    assert auh2.donor == OrgRef(name="Australia", code="AU")
    assert auh2.recipient == OrgRef(name="Ukraine", code="UA")
    assert auh2.aid_type is AidType.HUMANITARIAN
    assert (auh2.item, auh2.quantity, auh2.title) == ("ton of coal", 70000, "ton of coal")
    assert (auh2.amount, auh2.currency) == (Decimal("32600000"), "AUD")
    assert auh2.stages[0].kind is StageKind.ANNOUNCED
    assert auh2.stages[0].date == FuzzyDate(date(2022, 3, 20), Precision.DAY)
    assert auh2.sources[-1] == kiel.KIEL
    assert all(source.kind is SourceKind.ARTICLE for source in auh2.sources[:-1])
    first = next(row for row in sheet_rows if row["ID"] == "AUH2")
    assert auh2.sources[0].url == first["Source of Aid 1"].strip()
    assert auh2.description == first["Explanation"].strip()

    counts = {kind: 0 for kind in AidType}
    for item in _items(sheet_items):
        assert item.title.strip()
        assert len(item.title) <= kiel.TITLE_LENGTH
        assert item.aid_type is not None
        counts[item.aid_type] += 1
    packages = {row["ID"]: row["Type of Aid General"] for row in sheet_rows}
    for kind in AidType:
        assert counts[kind] == sum(1 for t in packages.values() if t.casefold() == kind.value)


def test_a_delivery_makes_a_delivered_stage(
    sheet_rows: list[dict[str, str]], sheet_items: list[Event]
) -> None:
    delivered = set()
    for row in sheet_rows:
        units = row["No. of Units Delivered (in-kind military aid)"]
        value = row["Total monetary value delivered in EUR"]
        if (units.replace(".", "").isdigit() and Decimal(units) > 0) or (
            row[DUMMY] == "1" and value.replace(".", "").isdigit() and Decimal(value) > 0
        ):
            delivered.add(f"kiel:{row['ID']}")
    got = {
        item.ref
        for item in _items(sheet_items)
        if any(stage.kind is StageKind.DELIVERED for stage in item.stages)
    }
    assert got == delivered
    assert len(got) == 186


def test_an_impossible_date_is_a_warning_not_a_skip(sheet_items: list[Event]) -> None:
    esm6 = _by_ref(sheet_items)["kiel:ESM6"]  # announced "until 06/31/2022"
    assert esm6.stages[0].date == FuzzyDate()
    assert any("06/31/2022" in warning for warning in esm6.warnings)


def test_until_dates_keep_their_day_and_say_until(
    sheet_rows: list[dict[str, str]], sheet_items: list[Event]
) -> None:
    heads: dict[str, str] = {}
    for row in sheet_rows:
        if row[DUMMY] == "1":
            heads.setdefault(row["ID"], row["Announcement Date"])
    until = {f"kiel:{i}" for i, text in heads.items() if re.fullmatch(r"until \d+/\d+/\d{4}", text)}
    until.discard("kiel:ESM6")  # June has no 31st day
    got = {
        item.ref
        for item in _items(sheet_items)
        if item.stages[0].note == "until" and item.stages[0].date.precision is Precision.DAY
    }
    assert got == until
    assert len(got) == 52


def test_progress_is_told_and_cancel_stops_reading(sheet: Path) -> None:
    calls: list[tuple[int, int]] = []

    def going_on(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    list(read_kiel(sheet, going_on=going_on))
    total = sheet.stat().st_size
    assert len(calls) >= 5
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)

    with pytest.raises(ImportCancelledError):
        list(read_kiel(sheet, going_on=lambda done, total: done == 0))


# ---- small sheets ---------------------------------------------------------------------

HEADER = [
    "ID",
    "Countries",
    "Announcement Date",
    "Type of Aid General",
    "Type of Aid Specific",
    "Explanation",
    "Original Currency",
    "Monetary Value as Given by Source",
    "Items",
    "Type of Item",
    "No. of Units",
    "No. of Units Delivered (in-kind military aid)",
    "Converted Value in EUR",
    "Total monetary value delivered in EUR",
    "Source of Aid 1",
    DUMMY,
]
# ID, donor, date, type, specific, explanation, currency, value, item, item type,
# units, delivered, EUR, delivered EUR, source, package row
ROWS = [
    ["CZM1", "Czech Republic", "until 12/20/2022", "Military", "Weapons and equipment",
     "Ammunition – worth € 5 million.", "EUR", "5000000", ".", ".", ".", ".", "5000000",
     "1200000", "https://www.example.org/news/czech-aid/", "1"],
    ["CZM1", "Czech Republic", "until 12/20/2022", "Military", "Weapons and equipment",
     "Ammunition – worth € 5 million.", "EUR", "5000000", "155mm artillery round",
     "Ammunition", "1000", "200", "", "", ".", "0"],
    ["TRH1", "Türkiye", "unclear, 04/22", "Humanitarian", "Equipment", "Generators.",
     "NOK", "1000000", "generator", "Humanitarian", "20", "undisclosed", "95000.5", ".",
     "www.example.com/aid", "1"],
    ["CZM1", "Czech Republic", "2023-01-07 00:00:00", "Military", "Weapons",
     "Machine guns, later.", "EUR", "5000000", "Machine gun", "Light armaments", "n/a",
     "unknown", "", "", "", "0"],
    ["NOF1", "Norway", "2022", "Financial", "Grant", ".", ".", "Not given", ".", ".",
     "Undisclosed", ".", ".", "N/A", "", "1"],
]  # fmt: skip


def _write(path: Path, rows: Sequence[Sequence[str]], encoding: str = "utf-8") -> Path:
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\n").writerows(rows)
    path.write_text(text.getvalue(), encoding=encoding, newline="")
    return path


def _small(tmp_path: Path, name: str = "small.csv", encoding: str = "utf-8") -> Path:
    return _write(tmp_path / name, [HEADER, *ROWS], encoding)


def test_a_small_sheet_reads_as_expected(tmp_path: Path) -> None:
    events = list(read_kiel(_small(tmp_path)))
    assert all(isinstance(event, Item) for event in events)
    czm1, trh1, nof1 = _items(events)
    assert [czm1.ref, trh1.ref, nof1.ref] == ["kiel:CZM1", "kiel:TRH1", "kiel:NOF1"]
    assert [czm1.line, trh1.line, nof1.line] == [2, 4, 6]

    # Two items, the second on a row apart from the first: lines in the description.
    assert czm1.title == "Ammunition – worth € 5 million."
    assert czm1.item == "" and czm1.quantity is None
    assert czm1.description == (
        "Ammunition – worth € 5 million.\n\nMachine guns, later.\n\nItems:\n"
        "- 155mm artillery round (1000 units; 200 delivered)\n"
        "- Machine gun (announced 2023-01-07)"
    )
    assert (czm1.amount, czm1.currency, czm1.value_eur) == (
        Decimal(5000000),
        "EUR",
        Decimal(5000000),
    )
    assert czm1.aid_type is AidType.MILITARY and czm1.category == "Weapons and equipment"
    announced, delivered = czm1.stages
    assert announced.kind is StageKind.ANNOUNCED and announced.note == "until"
    assert announced.date == FuzzyDate(date(2022, 12, 20), Precision.DAY)
    assert delivered.kind is StageKind.DELIVERED and delivered.value_eur == Decimal(1200000)
    assert czm1.sources == (
        SourceIn(
            title="example.org/news/czech-aid",
            url="https://www.example.org/news/czech-aid/",
            kind=SourceKind.ARTICLE,
        ),
        kiel.KIEL,
    )

    # One item: the record's item and quantity; a month-precise, unclear date.
    assert (trh1.item, trh1.quantity, trh1.title) == ("generator", 20, "generator")
    assert trh1.donor == OrgRef(name="Türkiye", code="TR")
    assert (trh1.amount, trh1.currency, trh1.value_eur) == (
        Decimal(1000000),
        "NOK",
        Decimal("95000.5"),
    )
    assert [stage.kind for stage in trh1.stages] == [StageKind.ANNOUNCED]  # undisclosed
    assert trh1.stages[0].date == FuzzyDate(date(2022, 4, 1), Precision.MONTH)
    assert trh1.stages[0].note == "unclear"
    assert trh1.sources[0].url == "https://www.example.com/aid"

    # Nothing given but the year: no amount, no value, no empty title.
    assert nof1.aid_type is AidType.FINANCIAL
    assert nof1.title == "Kiel package NOF1"
    assert (nof1.amount, nof1.currency, nof1.value_eur, nof1.description) == (None, "", None, "")
    assert nof1.stages[0].date == FuzzyDate(date(2022, 1, 1), Precision.YEAR)
    assert nof1.sources == (kiel.KIEL,)
    assert not nof1.warnings


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_every_encoding_gives_the_same_records(tmp_path: Path, encoding: str) -> None:
    plain = list(read_kiel(_small(tmp_path, "utf8.csv", "utf-8")))
    other = list(read_kiel(_small(tmp_path, f"{encoding}.csv", encoding)))
    assert other == plain
    assert "Türkiye" in {item.donor.name for item in _items(other) if item.donor}


@pytest.mark.parametrize("marker", [".", "Not given", "undisclosed", "", "n/a", "UNKNOWN", " N/A "])
def test_missing_markers_read_as_no_value(tmp_path: Path, marker: str) -> None:
    assert is_missing(marker)
    row = ["UAH1", "Norway", marker, "Humanitarian", marker, "Aid.", marker, marker, marker,
           marker, marker, marker, marker, marker, marker, "1"]  # fmt: skip
    (item,) = read_kiel(_write(tmp_path / "m.csv", [HEADER, row]))
    assert isinstance(item, Item)
    assert (item.amount, item.currency, item.value_eur, item.item, item.quantity) == (
        None, "", None, "", None,
    )  # fmt: skip
    assert item.stages[0].date == FuzzyDate() and item.category == ""
    assert not item.warnings
    assert not is_missing("0") and not is_missing("none of it")


def test_headers_match_whatever_their_case_spaces_and_punctuation(tmp_path: Path) -> None:
    odd = [" id ", "COUNTRIES", "announcement_date", "type-of-aid-general",
           "Type Of Aid  Specific", "explanation", "original currency",
           "monetary_value_as_given_by_source", "ITEMS", "type of item", "No of units",
           "NO. OF UNITS DELIVERED", "converted_value_in_eur",
           "total monetary value delivered in eur", "source_of_aid_1",
           "total value dummy"]  # fmt: skip
    plain = list(read_kiel(_small(tmp_path)))
    assert list(read_kiel(_write(tmp_path / "odd.csv", [odd, *ROWS]))) == plain


@pytest.mark.parametrize(("dropped", "named"), [("ID", "“ID”"), ("Countries", "“Countries”")])
def test_a_sheet_without_id_or_donor_is_refused(tmp_path: Path, dropped: str, named: str) -> None:
    keep = [i for i, name in enumerate(HEADER) if name != dropped]
    rows = [[row[i] for i in keep] for row in [HEADER, *ROWS]]
    with pytest.raises(BadFileError, match=named):
        list(read_kiel(_write(tmp_path / "bad.csv", rows)))


def test_bad_rows_are_skipped_with_their_line_and_the_rest_is_read(tmp_path: Path) -> None:
    good = ROWS[2]
    multi = [*good[:5], "First line.\nSecond line.", *good[6:]]
    short = good[:10]
    bad_number = [*good[:10], "about 20", *good[11:]]
    path = tmp_path / "bad.csv"
    _write(path, [HEADER, multi, short, bad_number, [*ROWS[4]]])
    with open(path, "a", encoding="utf-8", newline="") as handle:
        handle.write('XXM1,Denmark,2022,Military,"never closed,EUR,1,.,.,.,.,1,.,.,1\n')
        handle.write("DKM2,Denmark,2022,Military,Weapons,Tanks.,EUR,9,.,.,.,.,9,.,.,1\n")
    events = list(read_kiel(path))
    skipped = [event for event in events if isinstance(event, Skipped)]
    assert [s.line for s in skipped] == [4, 5, 7]  # lines 2-3 are one row
    assert "10 cells" in skipped[0].reason and "16" in skipped[0].reason
    assert "about 20" in skipped[1].reason
    assert "quote" in skipped[2].reason
    items = _items(events)
    assert [(item.ref, item.line) for item in items] == [
        ("kiel:TRH1", 2), ("kiel:NOF1", 6), ("kiel:DKM2", 8),
    ]  # fmt: skip
    assert items[0].description == "First line.\nSecond line."
    assert items[2].value_eur == Decimal(9)


def test_an_oversized_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kiel, "KIEL_SIZE_CAP", 100)
    with pytest.raises(BadFileError, match="MB"):
        list(read_kiel(_small(tmp_path)))


# ---- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision", "remark"),
    [
        ("until 12/20/2022", date(2022, 12, 20), Precision.DAY, "until"),
        ("until 2/24/2023", date(2023, 2, 24), Precision.DAY, "until"),
        ("unclear, 04/22", date(2022, 4, 1), Precision.MONTH, "unclear"),
        ("not specified, 8/2022", date(2022, 8, 1), Precision.MONTH, "not specified"),
        ("until 11/2022", date(2022, 11, 1), Precision.MONTH, "until"),
        ("2022-03-01", date(2022, 3, 1), Precision.DAY, ""),
        ("2023-04-04 00:00:00", date(2023, 4, 4), Precision.DAY, ""),
        ("2016-03-31T00:00:00Z", date(2016, 3, 31), Precision.DAY, ""),
        ("03/2022", date(2022, 3, 1), Precision.MONTH, ""),
        ("2022-03", date(2022, 3, 1), Precision.MONTH, ""),
        ("2022", date(2022, 1, 1), Precision.YEAR, ""),
        ("24/2/2023", date(2023, 2, 24), Precision.DAY, ""),  # 24 cannot be a month
        ("06.04.2022", date(2022, 4, 6), Precision.DAY, ""),  # dots: day first
        ("1 March 2022", date(2022, 3, 1), Precision.DAY, ""),
        ("Sept 2022", date(2022, 9, 1), Precision.MONTH, ""),
        (
            "between 3/20/2022 and 7/1/2022",
            date(2022, 1, 1),
            Precision.YEAR,
            "between 2022-03-20 and 2022-07-01",
        ),
    ],
)
def test_dates_keep_their_precision_and_remark(
    text: str, value: date, precision: Precision, remark: str
) -> None:
    assert parse_fuzzy(text) == (FuzzyDate(value, precision), remark)


@pytest.mark.parametrize("text", [".", "Not given", "undisclosed", "", "  ", "Unspecified", None])
def test_a_missing_date_is_unknown(text: str | None) -> None:
    assert parse_fuzzy(text) == (FuzzyDate(), "")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("until 06/31/2022", "no real day"),
        ("13/2022", "no real month"),
        ("soon", "not a date"),
        ("12 apples 2022", "not a date"),
        ("between 2023 and 2022", "ends before it begins"),
    ],
)
def test_unreadable_dates_raise(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says) as raised:
        parse_fuzzy(text)
    assert text in str(raised.value)
