"""Records exported to CSV and XLSX: no cell becomes a formula (T25, with 2,000 Hypothesis
examples; `make soak` runs RELIABILITY.md's 10,000), and the table reads back with no
mapping step into the records it was made from."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from figures import Figures, scale
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidviewer.io.columns import EXPORT_FIELDS, FORMULA_STARTS, GUARD, Field, clean_text
from aidviewer.io.items import Item
from aidviewer.io.table import read_table
from aidviewer.io.table_export import ExportCancelledError, write_csv, write_xlsx
from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    Category,
    FuzzyDate,
    Money,
    Organisation,
    RecordQuery,
    Stage,
    StageKind,
)

EXAMPLES = scale(2_000, 10_000)
HEADERS = [field.header for field in EXPORT_FIELDS]
NUMERIC = {Field.QUANTITY.header, Field.AMOUNT.header, Field.VALUE_EUR.header}


class _OneRecord:
    """Just what the export asks of a catalogue, for one record: the property test makes
    thousands of examples, and a real catalogue's writes would take minutes."""

    def __init__(self, record: AidRecord, donor: str, category: str) -> None:
        self._record, self._donor, self._category = record, donor, category

    def record(self, record_id: int) -> AidRecord:
        assert record_id == self._record.id
        return self._record

    def organisation(self, org_id: int) -> Organisation:
        return Organisation(id=org_id, name=self._donor)

    def category(self, category_id: int) -> Category:
        return Category(id=category_id, name=self._category)


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _items(path: Path) -> list[Item]:
    events = list(read_table(path))
    assert all(isinstance(event, Item) for event in events), events
    return [event for event in events if isinstance(event, Item)]


# Any text but lone surrogates (which no file can hold), with the characters that matter
# here drawn often: formula triggers, the guard, quotes, separators, controls, a BOM.
SPECIAL = "=+-@\t\r\n\x00'\",; \u00a0\u2028\x07\x85\ufeff€’😀"
any_text = st.text(
    st.characters(exclude_categories=("Cs",)) | st.sampled_from(SPECIAL), max_size=30
)
# A title has something visible (a record needs one), anywhere in it.
title_text = st.tuples(any_text, st.sampled_from("x=+-@'"), any_text).map("".join)
# Tags as the catalogue holds them: trimmed, distinct, without the separators of the cell.
tag_text = (
    st.text(
        st.characters(exclude_categories=("Cs", "Cc"), exclude_characters=",;"),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder for the property test's file, in memory where Linux offers one: the
    example count is in the thousands, and each export syncs its file to disk."""
    if os.access("/dev/shm", os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="aidviewer-test-", dir="/dev/shm"))
        yield folder
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path_factory.mktemp("property")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    title=title_text,
    description=any_text,
    donor=any_text,
    category=any_text,
    tags=st.lists(tag_text, max_size=3, unique_by=str.casefold),
    cents=st.integers(min_value=-(10**12), max_value=10**12),
    quantity=st.none() | st.integers(min_value=0, max_value=10**9),
)
def _export_reads_back(
    scratch: Path,
    examples: list[None],
    title: str,
    description: str,
    donor: str,
    category: str,
    tags: list[str],
    cents: int,
    quantity: int | None,
) -> None:
    """One example: a record with these values exported to CSV and read back."""
    examples.append(None)
    record = AidRecord(
        id=7,
        title=title,
        description=description,
        donor_id=1,
        category_id=2,
        quantity=quantity,
        money=Money.eur(cents),
        tags=tuple(tags),
    )
    path = scratch / "property.csv"
    assert write_csv(_OneRecord(record, donor, category), path, [7]) == 1  # type: ignore[arg-type]

    header, row = _csv_rows(path)
    assert header == HEADERS
    assert len(row) == len(HEADERS)  # no quote, comma or semicolon started a new cell
    for name, cell in zip(header, row, strict=True):
        if name in NUMERIC:
            assert cell == "" or Decimal(cell) is not None  # numbers stay numbers
        else:
            assert cell[:1] not in FORMULA_STARTS or cell.startswith(GUARD), (name, cell)
    assert Decimal(row[header.index("Amount")]) == Decimal(cents) / 100

    (item,) = _items(path)
    assert item.title == clean_text(title).strip()
    assert item.description == clean_text(description)
    assert (item.donor.name if item.donor else "") == clean_text(donor).strip()
    assert item.category == clean_text(category).strip()
    assert item.tags == tuple(tags)
    assert item.amount == item.value_eur == Decimal(cents) / 100
    assert item.quantity == quantity


def test_no_exported_cell_is_a_formula_and_every_text_reads_back(
    scratch: Path, figures: Figures
) -> None:
    examples: list[None] = []
    _export_reads_back(scratch, examples)
    figures.add("Hypothesis examples run", f"{len(examples):,}")
    assert len(examples) >= EXAMPLES


def _record_stages(record: AidRecord) -> dict[StageKind, FuzzyDate]:
    """The stages a table keeps: those with a date column, when dated, and the status."""
    kinds = (StageKind.ANNOUNCED, StageKind.COMMITTED, StageKind.DELIVERED)
    stages = {
        stage.kind: stage.date
        for stage in record.stages
        if stage.kind in kinds and stage.date.value is not None
    }
    if record.status is not None:
        stages.setdefault(record.status, FuzzyDate())
    return stages


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_the_sample_catalogue_reads_back_with_no_mapping(
    sample_path: Path, tmp_path: Path, writer: Callable[..., int]
) -> None:
    path = tmp_path / ("records.csv" if writer is write_csv else "records.xlsx")
    with Catalogue.open(sample_path) as catalogue:
        ids = catalogue.record_ids(RecordQuery())
        assert writer(catalogue, path, ids) == len(ids) == 10
        records = [catalogue.record(record_id) for record_id in ids]
        donors = [
            catalogue.organisation(record.donor_id).name if record.donor_id else None
            for record in records
        ]
    items = _items(path)
    assert len(items) == len(records)
    for line, (item, record, donor) in enumerate(zip(items, records, donors, strict=True), 2):
        assert item.line == line
        assert item.ref == f"aidviewer:{record.id}"
        assert item.title == record.title
        assert item.description == record.description
        assert (item.donor.name if item.donor else None) == donor
        assert item.value_eur == (record.money.value_eur if record.money else None)
        assert item.currency == (record.money.currency if record.money else "")
        assert item.aid_type is record.aid_type
        assert item.tags == record.tags
        assert {stage.kind: stage.date for stage in item.stages} == _record_stages(record)
    assert any(item.value_eur for item in items)
    assert any(stage.date.value for item in items for stage in item.stages)
    assert any(stage.date.value is None for item in items for stage in item.stages)


def test_a_record_with_its_own_reference_exports_it(tmp_path: Path) -> None:
    record = replace(
        AidRecord(id=3, title="Tanks", aid_type=AidType.MILITARY), source_ref="kiel:AUH1"
    )
    path = tmp_path / "ref.csv"
    write_csv(_OneRecord(record, "", ""), path, [3])  # type: ignore[arg-type]
    (item,) = _items(path)
    assert item.ref == "kiel:AUH1"


def _dangerous_record() -> AidRecord:
    return AidRecord(
        id=1,
        title='=HYPERLINK("http://example.org","click")',
        donor_id=1,
        description="+1 line\nwith a break\u0007 and a bell",
        item="@SUM(A1:A9)",
        unit="\ttabbed",
        money=Money(amount_minor=-500, currency="EUR", value_eur_cents=-500),
        stages=(Stage(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2023-11")),),
        tags=("-minus", "plain"),
    )


def test_the_csv_is_utf8_with_a_bom_crlf_and_guarded_text(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv(_OneRecord(_dangerous_record(), "-Donor", "Category"), path, [1])  # type: ignore[arg-type]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfReference,Title,")
    assert raw.count(b"\r\n") == 2 and raw.count(b"\n") == 3  # the break is inside quotes
    header, row = _csv_rows(path)
    cells = dict(zip(header, row, strict=True))
    assert cells["Title"] == '\'=HYPERLINK("http://example.org","click")'
    assert cells["Description"] == "'+1 line\nwith a break and a bell"  # the bell left out
    assert cells["Item"] == "'@SUM(A1:A9)"
    assert cells["Unit"] == "tabbed"  # trimmed, as the reader trims it
    assert cells["Donor"] == "'-Donor"
    assert cells["Tags"] == "'-minus; plain"
    assert (cells["Amount"], cells["Value (EUR)"]) == ("-5.00", "-5.00")  # not guarded
    assert cells["Delivered"] == "2023-11"

    (item,) = _items(path)
    assert item.title == '=HYPERLINK("http://example.org","click")'
    assert item.description == "+1 line\nwith a break and a bell"
    assert (item.item, item.unit, item.tags) == ("@SUM(A1:A9)", "tabbed", ("-minus", "plain"))
    assert item.amount == item.value_eur == Decimal("-5.00")


def test_no_xlsx_cell_is_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write_xlsx(_OneRecord(_dangerous_record(), "-Donor", "Category"), path, [1])  # type: ignore[arg-type]
    workbook = openpyxl.load_workbook(path)  # not data_only: formulas would show as such
    sheet = workbook["Records"]
    cells = list(sheet.iter_rows(values_only=False))
    assert all(cell.data_type != "f" for row in cells for cell in row)
    values = {header.value: cell.value for header, cell in zip(cells[0], cells[1], strict=True)}
    assert values["Title"] == '\'=HYPERLINK("http://example.org","click")'
    assert values["Amount"] == -5  # a number cell
    workbook.close()
    (item,) = _items(path)
    assert item.title == '=HYPERLINK("http://example.org","click")'
    assert item.amount == Decimal(-5)


def test_a_cancelled_export_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(b"what was there")
    catalogue = _OneRecord(_dangerous_record(), "", "")
    for writer in (write_csv, write_xlsx):
        with pytest.raises(ExportCancelledError):
            writer(catalogue, path, [1], going_on=lambda done, total: False)  # type: ignore[arg-type]
        assert path.read_bytes() == b"what was there"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary file


def test_export_progress_counts_records(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    write_csv(
        _OneRecord(_dangerous_record(), "", ""),  # type: ignore[arg-type]
        tmp_path / "out.csv",
        [1, 1, 1],
        going_on=lambda done, total: calls.append((done, total)) is None,
    )
    assert calls == [(0, 3), (3, 3)]
