"""Records exported as a CSV or XLSX table, one row per record, that imports back as is.

The columns are `columns.EXPORT_FIELDS` under their canonical headers, so `read_table`
maps them with no mapping step. Cells:
- Reference: the record's source reference when it has one, else "aidviewer:<id>".
- Names: the donor's, recipient's and implementer's organisation names, the category's.
- Amount and currency: the record's own amount; Value (EUR): its value in euros. Numbers
  are written from `Decimal` as plain decimals ("1234.56", "-5.00"): never grouped, never
  guarded, so they read back as the same number.
- Announced, Committed, Delivered: the stage dates in ISO 8601 to their precision.
- Status: the latest stage reached, which the reader adds as a stage without a date
  when no date column gives it (a record committed on a date nobody knows).
- Tags: joined with "; " (a tag holding "," or ";" reads back as two).
Not in the table: stage amounts, quantities and notes, the date of an allocation or a
cancellation, an undated stage other than the latest, sources, notes and meetings.

Text cells are guarded against formulas (`columns.guard`): one that begins with = + - @,
a tab, a line break or NUL gets a leading apostrophe, which the reader takes off again.
Characters a spreadsheet cannot hold (controls other than tab and line breaks) are left
out. Text cells other than the description are written trimmed, as the reader reads them.

CSV: UTF-8 with a byte-order mark (Excel then opens it as UTF-8), comma-separated, CRLF
line ends and quotes only where needed (RFC 4180). XLSX: text cells are typed as text, so
none becomes a formula whatever it holds. Both are written to a temporary file beside the
target and renamed over it only when complete.
"""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from aidviewer.store import AidRecord, Catalogue, StageKind

from .columns import EXPORT_FIELDS, Field, clean_text, guard

Cell = str | Decimal | int | None
# Progress while records are written: (records written, records in all); False cancels.
ExportGoingOn = Callable[[int, int], bool]
PROGRESS_RECORDS = 500


class ExportCancelledError(Exception):
    """The person cancelled the export: the target file is left as it was."""


class _Names:
    """Organisation and category names, each looked up once per export."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.organisations: dict[int, str] = {}
        self.categories: dict[int, str] = {}

    def organisation(self, org_id: int | None) -> str:
        if org_id is None:
            return ""
        if org_id not in self.organisations:
            self.organisations[org_id] = self.catalogue.organisation(org_id).name
        return self.organisations[org_id]

    def category(self, category_id: int | None) -> str:
        if category_id is None:
            return ""
        if category_id not in self.categories:
            self.categories[category_id] = self.catalogue.category(category_id).name
        return self.categories[category_id]


def _reference(record: AidRecord) -> str:
    source_ref = str(getattr(record, "source_ref", "") or "")
    return source_ref or f"aidviewer:{record.id}"


def record_cells(record: AidRecord, names: _Names) -> dict[Field, Cell]:
    """The cells of `record`'s row by field, before guarding."""
    money = record.money
    return {
        Field.REF: _reference(record),
        Field.TITLE: record.title,
        Field.DESCRIPTION: record.description,
        Field.DONOR: names.organisation(record.donor_id),
        Field.RECIPIENT: names.organisation(record.recipient_id),
        Field.IMPLEMENTER: names.organisation(record.implementer_id),
        Field.AID_TYPE: record.aid_type.value,
        Field.CATEGORY: names.category(record.category_id),
        Field.ITEM: record.item,
        Field.QUANTITY: record.quantity,
        Field.UNIT: record.unit,
        Field.AMOUNT: money.amount if money else None,
        Field.CURRENCY: money.currency if money else "",
        Field.VALUE_EUR: money.value_eur if money else None,
        Field.ANNOUNCED: record.stage_date(StageKind.ANNOUNCED).iso(),
        Field.COMMITTED: record.stage_date(StageKind.COMMITTED).iso(),
        Field.DELIVERED: record.stage_date(StageKind.DELIVERED).iso(),
        Field.STATUS: record.status.value if record.status else "",
        Field.TAGS: "; ".join(record.tags),
    }


def text_cell(field: Field, text: str) -> str:
    """A text cell as written: without characters a table cannot hold, trimmed (except
    the description), guarded against formulas."""
    text = clean_text(text)
    if field is not Field.DESCRIPTION:
        text = text.strip()
    return guard(text)


def _rows(
    catalogue: Catalogue, record_ids: Sequence[int], going_on: ExportGoingOn | None
) -> Iterator[list[Cell]]:
    names = _Names(catalogue)
    total = len(record_ids)
    for done, record_id in enumerate(record_ids):
        if going_on is not None and done % PROGRESS_RECORDS == 0 and not going_on(done, total):
            raise ExportCancelledError()
        cells = record_cells(catalogue.record(record_id), names)
        yield [
            text_cell(field, value) if isinstance(value, str) else value
            for field, value in ((field, cells[field]) for field in EXPORT_FIELDS)
        ]
    if going_on is not None and not going_on(total, total):
        raise ExportCancelledError()


def _csv_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return format(cell, "f")
    return str(cell)


def _replace_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Write with `write` to a temporary file beside `path`, then rename it over `path`;
    on any failure the temporary file is removed and `path` is left as it was."""
    path = Path(path)
    # Not mkstemp: its file is private to its owner, and the export should get the
    # permissions any new file gets.
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        write(temp)
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_csv(
    catalogue: Catalogue,
    path: Path,
    record_ids: Sequence[int],
    *,
    going_on: ExportGoingOn | None = None,
) -> int:
    """Write the records `record_ids` (in that order) to `path` as CSV; the number of rows
    written. ExportCancelledError when `going_on` returns False."""
    count = 0

    def write(temp: Path) -> None:
        nonlocal count
        with open(temp, "x", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow([field.header for field in EXPORT_FIELDS])
            for row in _rows(catalogue, record_ids, going_on):
                writer.writerow([_csv_text(cell) for cell in row])
                count += 1

    _replace_atomically(path, write)
    return count


def write_xlsx(
    catalogue: Catalogue,
    path: Path,
    record_ids: Sequence[int],
    *,
    going_on: ExportGoingOn | None = None,
) -> int:
    """Write the records `record_ids` (in that order) to `path` as an XLSX workbook with
    one sheet, "Records"; the number of rows written."""
    from openpyxl import Workbook  # imported here: only XLSX needs it
    from openpyxl.cell import WriteOnlyCell

    count = 0

    def write(temp: Path) -> None:
        nonlocal count
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Records")

        def cell(value: Cell) -> Any:
            if value == "":
                return None
            if isinstance(value, str):
                text = WriteOnlyCell(sheet, value=value)
                text.data_type = "s"  # a string, whatever it begins with
                return text
            return value

        sheet.append([cell(field.header) for field in EXPORT_FIELDS])
        try:
            for row in _rows(catalogue, record_ids, going_on):
                sheet.append([cell(value) for value in row])
                count += 1
        except BaseException:
            _discard(sheet)
            raise
        workbook.save(temp)

    _replace_atomically(path, write)
    return count


def _discard(sheet: Any) -> None:
    """Give up a write-only sheet. openpyxl streams its rows through a generator into a
    temporary file of its own: unless the sheet is closed and the file removed, both are
    left to the garbage collector, which reports the generator's error as unraisable."""
    with contextlib.suppress(Exception):
        sheet.close()
    writer = getattr(sheet, "_writer", None)
    if writer is not None:
        with contextlib.suppress(OSError, ValueError):
            writer.cleanup()
