"""Reading CSV and XLSX tables into items: headers, cells, encodings, delimiters, sheets."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from aidviewer.io.columns import (
    EXPORT_FIELDS,
    Field,
    match_headers,
    parse_aid_type,
    parse_amount,
    parse_date,
    parse_status,
    split_tags,
)
from aidviewer.io.items import BadFileError, ImportCancelledError, Item, Skipped, Warned
from aidviewer.io.table import read_table, sniff_csv, sniff_xlsx
from aidviewer.store import AidType, FuzzyDate, Precision, StageKind

# A small table with what real ones hold: accents, a typographic apostrophe, a euro sign,
# a quoted comma, a stage at each precision.
HEADERS = ["ID", "Title", "Country", "Recipient", "Type", "Value (EUR)", "Announced", "Delivered"]
ROWS = [
    ["A-1", "Panzerhaubitze 2000, howitzers", "Germany", "Ukraine", "Military aid", "1500000.50",
     "2022-03-01", "2022-06"],
    ["A-2", "Café for Kyiv’s hospitals", "France", "Ukraine", "humanitarian", "20000", "2022",
     ""],
    ["A-3", "Budget support – €", "Česko", "Ukraine", "Financial", "-5.25", "", "2023-01-15"],
]  # fmt: skip


def _csv_text(rows: list[list[str]], delimiter: str = ",", newline: str = "\r\n") -> str:
    def cell(value: str) -> str:
        if any(c in value for c in f'{delimiter}"\r\n'):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(cell(v) for v in row) + newline for row in rows)


def _items(path: Path, **options: object) -> list[Item]:
    events = list(read_table(path, **options))  # type: ignore[arg-type]
    assert all(isinstance(event, Item) for event in events), events
    return [event for event in events if isinstance(event, Item)]


def _summary(items: list[Item]) -> list[tuple[object, ...]]:
    return [
        (
            item.ref,
            item.line,
            item.title,
            item.donor.name if item.donor else None,
            item.aid_type,
            item.value_eur,
            tuple((stage.kind, stage.date) for stage in item.stages),
        )
        for item in items
    ]


EXPECTED = [
    (
        "csv:A-1",
        2,
        "Panzerhaubitze 2000, howitzers",
        "Germany",
        AidType.MILITARY,
        Decimal("1500000.50"),
        (
            (StageKind.ANNOUNCED, FuzzyDate(date(2022, 3, 1), Precision.DAY)),
            (StageKind.DELIVERED, FuzzyDate(date(2022, 6, 1), Precision.MONTH)),
        ),
    ),
    (
        "csv:A-2",
        3,
        "Café for Kyiv’s hospitals",
        "France",
        AidType.HUMANITARIAN,
        Decimal("20000"),
        ((StageKind.ANNOUNCED, FuzzyDate(date(2022, 1, 1), Precision.YEAR)),),
    ),
    (
        "csv:A-3",
        4,
        "Budget support – €",
        "Česko",
        AidType.FINANCIAL,
        Decimal("-5.25"),
        ((StageKind.DELIVERED, FuzzyDate(date(2023, 1, 15), Precision.DAY)),),
    ),
]


def test_a_table_reads_into_one_item_per_row(tmp_path: Path) -> None:
    path = tmp_path / "aid.csv"
    path.write_text(_csv_text([HEADERS, *ROWS]), encoding="utf-8", newline="")
    assert _summary(_items(path)) == EXPECTED


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_every_encoding_gives_the_same_items(tmp_path: Path, encoding: str) -> None:
    rows = [[cell.replace("Česko", "Czechia") for cell in row] for row in ROWS]  # not cp1252
    path = tmp_path / "aid.csv"
    path.write_bytes(_csv_text([HEADERS, *rows]).encode(encoding))
    expected = [
        (*row[:3], "Czechia" if row[3] == "Česko" else row[3], *row[4:]) for row in EXPECTED
    ]
    sniff = sniff_csv(path)
    assert sniff.encoding == encoding
    assert _summary(_items(path)) == expected


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_the_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "aid.csv"
    path.write_text(_csv_text([HEADERS, *ROWS], delimiter), encoding="utf-8", newline="")
    assert sniff_csv(path).delimiter == delimiter
    assert _summary(_items(path)) == EXPECTED


def test_a_semicolon_file_reads_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "aid.csv"
    rows = [["Title", "Value (EUR)"], ["a", "1.500.000,50"], ["b", "1.500"], ["c", "2,5"]]
    path.write_text(_csv_text(rows, ";"), encoding="utf-8")
    assert sniff_csv(path).decimal_comma
    assert [item.value_eur for item in _items(path)] == [
        Decimal("1500000.50"),
        Decimal("1500"),
        Decimal("2.5"),
    ]


def test_lf_cr_and_crlf_line_ends_read_alike(tmp_path: Path) -> None:
    for newline in ("\n", "\r\n", "\r"):
        path = tmp_path / "aid.csv"
        path.write_text(_csv_text([HEADERS, *ROWS], newline=newline), encoding="utf-8", newline="")
        assert _summary(_items(path)) == EXPECTED, repr(newline)


def test_a_row_is_numbered_by_the_line_it_starts_on(tmp_path: Path) -> None:
    path = tmp_path / "aid.csv"
    path.write_text(
        'Title,Description\r\none,"first\r\nsecond\r\nthird"\r\n\r\ntwo,plain\r\n'
        'three,"a ""quoted"" word"\r\n',
        encoding="utf-8",
        newline="",
    )
    items = _items(path)
    assert [(item.line, item.title) for item in items] == [(2, "one"), (6, "two"), (7, "three")]
    assert items[0].description == "first\r\nsecond\r\nthird"
    assert items[2].description == 'a "quoted" word'


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    for content in (b"", b"\r\n\r\n  \r\n", b"\xef\xbb\xbf"):
        path = tmp_path / "empty.csv"
        path.write_bytes(content)
        with pytest.raises(BadFileError, match="empty"):
            list(read_table(path))
        with pytest.raises(BadFileError, match="empty"):
            sniff_csv(path)


def test_a_file_with_headers_only_gives_no_items_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "headers.csv"
    path.write_text("Title,Donor\r\n,\r\n", encoding="utf-8")
    events = list(read_table(path))
    assert len(events) == 1
    assert isinstance(events[0], Warned)
    assert events[0].line == 1
    assert "no rows" in events[0].message


def test_a_table_without_a_title_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("Donor,Amount\r\nGermany,5\r\n", encoding="utf-8")
    with pytest.raises(BadFileError, match="title"):
        list(read_table(path))


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4000))
    with pytest.raises(BadFileError, match="binary"):
        list(read_table(path))
    zipped = tmp_path / "book.csv"
    zipped.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(BadFileError, match="XLSX"):
        sniff_csv(zipped)


# --- Headers ---------------------------------------------------------------------------


def test_headers_match_whatever_their_case_spacing_and_punctuation() -> None:
    headers = [
        "  source-id ",
        "PROJECT TITLE",
        "Countries",
        "value in eur",
        "Date of delivery",
        "Amount (€)",
        "unrelated",
        "Country",  # a second donor column: the first one wins
        "KEYWORDS",
        "aid_type",
        "Qty.",
    ]
    # "Amount (€)" names the EUR value, already taken by "value in eur"; the second
    # "Country" names the donor, already taken by "Countries".
    assert match_headers(headers) == {
        0: Field.REF,
        1: Field.TITLE,
        2: Field.DONOR,
        3: Field.VALUE_EUR,
        4: Field.DELIVERED,
        8: Field.TAGS,
        9: Field.AID_TYPE,
        10: Field.QUANTITY,
    }


def test_the_export_headers_match_back_to_their_fields() -> None:
    headers = [field.header for field in Field]
    assert match_headers(headers) == dict(enumerate(Field))
    assert set(EXPORT_FIELDS) <= set(Field)


def test_a_given_mapping_is_used_instead_of_the_headers(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Col A,Col B,Col C\r\nTanks,Poland,12\r\n", encoding="utf-8")
    sniff = sniff_csv(path)
    assert sniff.mapping == {}
    (item,) = _items(path, mapping={0: Field.TITLE, 1: Field.DONOR, 2: Field.QUANTITY})
    assert (item.title, item.donor and item.donor.name, item.quantity) == ("Tanks", "Poland", 12)


def test_sniff_shows_the_headers_the_first_rows_and_the_suggested_mapping(
    tmp_path: Path,
) -> None:
    path = tmp_path / "long.csv"
    rows = [["Title", "Donor", "Notes"]] + [[f"t{n}", "Germany", ""] for n in range(50)]
    rows[3] = ["short row"]
    path.write_bytes(_csv_text(rows, ";").encode("utf-8-sig"))
    sniff = sniff_csv(path)
    assert (sniff.encoding, sniff.delimiter, sniff.header_line) == ("utf-8-sig", ";", 1)
    assert sniff.headers == ("Title", "Donor", "Notes")
    assert sniff.mapping == {0: Field.TITLE, 1: Field.DONOR, 2: Field.NOTES}
    assert len(sniff.preview) == 20
    assert sniff.preview[0] == ("t0", "Germany", "")
    assert sniff.preview[2] == ("short row", "", "")  # padded to the header's width
    assert sniff.preview_lines == tuple(range(2, 22))


# --- Cells -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("1,500,000.50", False, (Decimal("1500000.50"), "")),
        ("1.500.000,50", False, (Decimal("1500000.50"), "")),
        ("€ 1 500", False, (Decimal("1500"), "EUR")),
        ("1\u00a0500,25", False, (Decimal("1500.25"), "")),
        ("1500000", False, (Decimal("1500000"), "")),
        ("1,500", False, (Decimal("1500"), "")),
        ("1,500", True, (Decimal("1.500"), "")),
        ("1.500", True, (Decimal("1500"), "")),
        ("0.125", True, (Decimal("0.125"), "")),
        ("2,5", False, (Decimal("2.5"), "")),
        ("-5.00", False, (Decimal("-5.00"), "")),
        ("(1,200)", False, (Decimal("-1200"), "")),
        ("USD 12.5 million", False, (Decimal("12500000"), "USD")),
        ("3 bn €", False, (Decimal("3000000000"), "EUR")),
        ("1'000'000", False, (Decimal("1000000"), "")),
    ],
)
def test_amounts_are_read_as_people_write_them(
    text: str, decimal_comma: bool, expected: tuple[Decimal, str]
) -> None:
    assert parse_amount(text, decimal_comma=decimal_comma) == expected


@pytest.mark.parametrize("text", ["abc", "12x4", "1,2.3,4", "€€5", "5 apples", "--5"])
def test_text_that_is_no_amount_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-03-01", (date(2022, 3, 1), Precision.DAY)),
        ("2022-03", (date(2022, 3, 1), Precision.MONTH)),
        ("2022", (date(2022, 1, 1), Precision.YEAR)),
        ("03/2022", (date(2022, 3, 1), Precision.MONTH)),
        ("01.03.2022", (date(2022, 3, 1), Precision.DAY)),
        ("01/03/2022", (date(2022, 3, 1), Precision.DAY)),
        ("03/15/2022", (date(2022, 3, 15), Precision.DAY)),
        ("1 March 2022", (date(2022, 3, 1), Precision.DAY)),
        ("1st Mar. 2022", (date(2022, 3, 1), Precision.DAY)),
        ("March 2022", (date(2022, 3, 1), Precision.MONTH)),
        ("Sept 3, 2022", (date(2022, 9, 3), Precision.DAY)),
        ("2022-03-01T00:00:00Z", (date(2022, 3, 1), Precision.DAY)),
        ("2022-03-01 14:30:00", (date(2022, 3, 1), Precision.DAY)),
    ],
)
def test_dates_keep_the_precision_they_are_written_to(
    text: str, expected: tuple[date, Precision]
) -> None:
    assert parse_date(text) == FuzzyDate(*expected)


@pytest.mark.parametrize("text", ["2022-13-01", "31.02.2022", "yesterday", "Q1 2022", "0202"])
def test_text_that_is_no_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_aid_types_statuses_and_tags_are_read_from_words() -> None:
    assert parse_aid_type("Military aid") is AidType.MILITARY
    assert parse_aid_type("HUMANITARIAN ASSISTANCE") is AidType.HUMANITARIAN
    assert parse_aid_type("financial") is AidType.FINANCIAL
    assert parse_aid_type("cyber") is None
    assert parse_status("Handed over") is StageKind.DELIVERED
    assert parse_status("pledged") is StageKind.COMMITTED
    assert parse_status("maybe") is None
    assert split_tags("air defence; NASAMS, Air Defence,, ") == ("air defence", "NASAMS")


def test_a_row_gives_every_field_it_maps(tmp_path: Path) -> None:
    path = tmp_path / "full.csv"
    headers = [field.header for field in Field]
    values = {
        Field.REF: "kiel:AUH1",
        Field.TITLE: "Leopard tanks",
        Field.DESCRIPTION: "  Main battle tanks\nfrom stocks ",
        Field.DONOR: "Germany",
        Field.DONOR_CODE: "DE",
        Field.RECIPIENT: "Ukraine",
        Field.RECIPIENT_CODE: "UA",
        Field.IMPLEMENTER: "Rheinmetall",
        Field.AID_TYPE: "Military",
        Field.CATEGORY: "Tanks",
        Field.CATEGORY_CODE: "15250",
        Field.ITEM: "Leopard 2A6",
        Field.QUANTITY: "18",
        Field.UNIT: "tanks",
        Field.AMOUNT: "$ 1,000,000",
        Field.CURRENCY: "",
        Field.VALUE_EUR: "920000",
        Field.ANNOUNCED: "2023-01-25",
        Field.COMMITTED: "",
        Field.DELIVERED: "2023-03",
        Field.STATUS: "cancelled",
        Field.TAGS: "tanks; Leopard",
        Field.SOURCE_URL: "https://example.org/a https://example.org/b",
        Field.NOTES: "Seen in the press",
    }
    path.write_text(_csv_text([headers, [values[field] for field in Field]]), encoding="utf-8")
    (item,) = _items(path)
    assert item.ref == "kiel:AUH1"  # a reference with a scheme keeps it
    assert item.description == "  Main battle tanks\nfrom stocks "  # free text kept as is
    assert item.donor is not None and (item.donor.name, item.donor.code) == ("Germany", "DE")
    assert item.recipient is not None and item.recipient.code == "UA"
    assert item.implementer is not None and item.implementer.name == "Rheinmetall"
    assert (item.aid_type, item.category, item.category_code) == (
        AidType.MILITARY,
        "Tanks",
        "15250",
    )
    assert (item.item, item.quantity, item.unit) == ("Leopard 2A6", 18, "tanks")
    assert (item.amount, item.currency, item.value_eur) == (
        Decimal("1000000"),
        "USD",
        Decimal("920000"),
    )
    assert [(stage.kind, stage.date.iso()) for stage in item.stages] == [
        (StageKind.ANNOUNCED, "2023-01-25"),
        (StageKind.DELIVERED, "2023-03"),
        (StageKind.CANCELLED, ""),  # the status, a stage without a date
    ]
    assert all(stage.amount is None for stage in item.stages)  # the amount is the record's
    assert item.tags == ("tanks", "Leopard")
    assert [source.url for source in item.sources] == [
        "https://example.org/a",
        "https://example.org/b",
    ]
    assert item.notes == ("Seen in the press",)
    assert item.warnings == ()


def test_doubtful_words_become_warnings_on_the_item(tmp_path: Path) -> None:
    path = tmp_path / "doubt.csv"
    path.write_text("Title,Aid type,Status,ID\r\nDrones,cyber,maybe,17\r\n", encoding="utf-8")
    (item,) = _items(path)
    assert item.aid_type is None
    assert item.stages == ()
    assert item.ref == "csv:17"
    assert len(item.warnings) == 2
    assert "cyber" in item.warnings[0] and "maybe" in item.warnings[1]


# --- XLSX ------------------------------------------------------------------------------


def test_an_xlsx_sheet_reads_the_same_as_the_csv(tmp_path: Path) -> None:
    csv_path = tmp_path / "aid.csv"
    csv_path.write_text(_csv_text([HEADERS, *ROWS]), encoding="utf-8")
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    sheet = workbook.create_sheet("Aid")
    sheet.append(HEADERS)
    sheet.append(["A-1", ROWS[0][1], "Germany", "Ukraine", "Military aid", 1500000.5,
                  datetime(2022, 3, 1), "2022-06"])  # fmt: skip
    sheet.append(["A-2", ROWS[1][1], "France", "Ukraine", "humanitarian", 20000, 2022, None])
    sheet.append(["A-3", ROWS[2][1], "Česko", "Ukraine", "Financial", -5.25, None,
                  date(2023, 1, 15)])  # fmt: skip
    xlsx_path = tmp_path / "aid.xlsx"
    workbook.save(xlsx_path)

    sniff = sniff_xlsx(xlsx_path, "Aid")
    assert (sniff.kind, sniff.sheet, sniff.sheets) == ("xlsx", "Aid", ("Notes", "Aid"))
    assert sniff.headers == tuple(HEADERS)
    assert sniff.preview[0][5:7] == ("1500000.5", "2022-03-01")
    xlsx_items = _items(xlsx_path, sheet="Aid")
    assert _summary(xlsx_items) == _summary(_items(csv_path)) == EXPECTED


def test_an_xlsx_row_is_numbered_by_its_sheet_row(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B3"] = "Title"
    sheet["C3"] = "Amount"
    sheet["B4"] = "first"
    sheet["B7"] = "second"
    sheet["C7"] = "not a number"
    sheet["B9"] = "third"
    sheet["D9"] = "beyond the headers: ignored"
    path = tmp_path / "gaps.xlsx"
    workbook.save(path)
    events = list(read_table(path))
    assert [(type(e).__name__, e.line) for e in events] == [
        ("Item", 4),
        ("Skipped", 7),
        ("Item", 9),
    ]
    sniff = sniff_xlsx(path)
    assert (sniff.header_line, sniff.preview_lines) == (3, (4, 7, 9))


def test_a_broken_xlsx_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(BadFileError, match="XLSX"):
        list(read_table(path))
    with pytest.raises(BadFileError, match="XLSX"):
        sniff_xlsx(path)


# --- Progress --------------------------------------------------------------------------


def test_progress_is_reported_and_cancel_stops_the_reading(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("Title\r\n" + "".join(f"row {n}\r\n" for n in range(10_000)), encoding="utf-8")
    size = path.stat().st_size
    calls: list[tuple[int, int]] = []
    items = [e for e in read_table(path, going_on=lambda d, t: calls.append((d, t)) or True)]
    assert len(items) == 10_000
    assert calls[0] == (0, size) and calls[-1] == (size, size)
    assert len(calls) >= 10_000 // 2_000 + 2
    assert all(total == size for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)

    read: list[Item | Skipped | Warned] = []
    with pytest.raises(ImportCancelledError):
        for event in read_table(path, going_on=lambda done, total: done == 0):
            read.append(event)
    assert 0 < len(read) < 10_000
