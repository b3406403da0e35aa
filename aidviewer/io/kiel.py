"""The Kiel Institute's Ukraine Support Tracker, item by item.

The tracker's "Bilateral Assistance" sheet, saved as CSV (the copy at hand is UTF-16 with
a byte-order mark), has one row per item and groups the rows into packages by their ID
("AUH1", "USM123"): one announcement of aid, often of many items. The first row of a
package is marked `Total_value_dummy` = 1 and alone carries the package's value; the other
rows repeat the announcement's amount, so adding them up would count it several times.
Some packages have more than one marked row (a commitment given in yearly tranches): the
package's value is then the sum of the marked rows.

`read_kiel` makes one `Item` per package ID: donor (the "Countries" column), Ukraine as
recipient, the aid type, the amount as the source gave it and Kiel's value in euros, an
ANNOUNCED stage with the announcement date at the precision written ("until 2/24/2023",
"unclear, 04/22"), a DELIVERED stage when units or a value were delivered, and the
articles cited. A package with one item gives the record its item and quantity; with
several, each item is a line of the description.

The rows of a package are not always next to each other (in the copy at hand one row
with a mistyped ID, "DMK7", sits among the rows of "DKM7"), so the packages are gathered
in memory before any is given out. The sheet has about 2,000 rows (4 MB): a file over
`KIEL_SIZE_CAP` is refused before it is read.

This module also holds what the tracker shares with other comma-separated sources (OCHA
FTS): finding columns by loose names, reading rows with their line numbers and cells as
numbers.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

import pycountry

from aidviewer.store import AidType, FuzzyDate, SourceKind, StageKind

from .dates import is_missing, parse_fuzzy
from .items import (
    BadFileError,
    Event,
    GoingOn,
    ImportCancelledError,
    Item,
    OrgRef,
    Skipped,
    SourceIn,
    StageIn,
)
from .text import decode_error_message, detect_encoding, open_text

SIZE_CAP = 200 * 1024 * 1024  # bytes: a larger file is refused before it is read
# The Kiel sheet is gathered in memory (its packages' rows are not always together):
# sixteen times the size of the real one is still a sheet, more is not.
KIEL_SIZE_CAP = 64 * 1024 * 1024
MAX_LINES_PER_ROW = 100  # a quoted cell running longer lost its closing quote
PROGRESS_EVERY = 256  # rows between two calls of going_on
TITLE_LENGTH = 100

KIEL = SourceIn(
    title="Kiel Institute for the World Economy – Ukraine Support Tracker",
    url="https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/",
    publisher="Kiel Institute for the World Economy",
    kind=SourceKind.DATA_FILE,
)
UKRAINE = OrgRef(name="Ukraine", code="UA")

# Each field: the names its column goes by (compared with `column_key`).
_FIELDS: Mapping[str, Sequence[str]] = {
    "id": ("ID",),
    "donor": ("Countries", "Country", "Donor"),
    "announced": ("Announcement Date",),
    "aid_type": ("Type of Aid General",),
    "specific": ("Type of Aid Specific",),
    "explanation": ("Explanation",),
    "currency": ("Original Currency",),
    "value": ("Monetary Value as Given by Source",),
    "item": ("Items",),
    "item_type": ("Type of Item",),
    "units": ("No. of Units",),
    "delivered": ("No. of Units Delivered",),
    "value_eur": ("Converted Value in EUR",),
    "delivered_eur": ("Total monetary value delivered in EUR",),
    "package": ("Total_value_dummy",),
    **{f"source{n}": (f"Source of Aid {n}",) for n in range(1, 5)},
}
_REQUIRED = {"id": "ID", "donor": "Countries"}
_AID_TYPES = {kind.value: kind for kind in AidType}


def read_kiel(path: Path, *, going_on: GoingOn | None = None) -> Iterator[Event]:
    """The packages of a Kiel Support Tracker item sheet, one `Item` each, in the order
    their IDs first appear; a row that cannot be read is a `Skipped` and the rows after
    it are still read. Raises BadFileError when the file has no ID or donor column."""
    rows = table_rows(path, going_on, size_cap=KIEL_SIZE_CAP)
    columns = find_columns(header_row(path, rows).cells, _FIELDS)
    missing = [name for field, name in _REQUIRED.items() if field not in columns]
    if missing:
        names = " and ".join(f"“{name}”" for name in missing)
        raise BadFileError(
            f"“{path.name}” is not a Kiel Support Tracker sheet: it has no {names} column."
        )
    packages: dict[str, list[_Row]] = {}
    for event in rows:
        if isinstance(event, Skipped):
            yield event
            continue
        try:
            row = _read_row(event, columns)
        except ValueError as error:
            yield Skipped(event.line, f"{error}.")
            continue
        if not row.id:
            yield Skipped(event.line, "The row has no package ID.")
            continue
        package = packages.setdefault(row.id, [])
        if not package and "package" not in columns:
            # Without the Total_value_dummy column, a package's first row carries its value.
            row = replace(row, package=True)
        package.append(row)
    for package in packages.values():
        yield _package_item(package)


@dataclass(frozen=True)
class _Row:
    """One item row of the sheet, its cells read."""

    line: int
    id: str
    donor: str
    announced: str
    aid_type: str
    specific: str
    explanation: str
    currency: str
    value: Decimal | None
    item: str
    item_type: str
    units: Decimal | None
    delivered: Decimal | None
    value_eur: Decimal | None
    delivered_eur: Decimal | None
    package: bool
    sources: tuple[str, ...]


def _read_row(row: Row, columns: Mapping[str, int]) -> _Row:
    def text(field: str) -> str:
        index = columns.get(field)
        value = row.cells[index].strip() if index is not None else ""
        return "" if is_missing(value) else value

    def number(field: str, name: str) -> Decimal | None:
        try:
            return parse_number(text(field))
        except ValueError as error:
            raise ValueError(f"“{name}” {error}") from None

    package = number("package", "Total_value_dummy")
    if package not in (None, 0, 1):
        raise ValueError(f"“Total_value_dummy” is {package}, neither 0 nor 1")
    return _Row(
        line=row.line,
        id=text("id"),
        donor=text("donor"),
        announced=text("announced"),
        aid_type=text("aid_type"),
        specific=text("specific"),
        explanation=text("explanation"),
        currency=text("currency").upper(),
        value=number("value", "Monetary Value as Given by Source"),
        item=text("item"),
        item_type=text("item_type"),
        units=number("units", "No. of Units"),
        delivered=number("delivered", "No. of Units Delivered"),
        value_eur=number("value_eur", "Converted Value in EUR"),
        delivered_eur=number("delivered_eur", "Total monetary value delivered in EUR"),
        package=package == 1,
        sources=tuple(s for n in range(1, 5) if (s := text(f"source{n}"))),
    )


def _package_item(rows: list[_Row]) -> Item:
    first = rows[0]
    marked = [row for row in rows if row.package]
    warnings: list[str] = []
    if not marked:
        warnings.append(
            f"No row of package {first.id} is marked as its package row "
            "(Total_value_dummy 1): its value is not known."
        )
    head = marked[0] if marked else first

    value_eur = _sum([row.value_eur for row in marked])
    amount, currency = None, ""
    given = [row for row in marked if row.value is not None]
    if given:
        currencies = {row.currency for row in given}
        if not all(_is_currency(code) for code in currencies):
            warnings.append(
                "The package's amount has no currency code: only its value in euros is kept."
            )
        elif len(given) < len(marked) or len(currencies) != 1:
            warnings.append(
                "The package's value rows give their amounts in different currencies, or "
                "not all give one: only the package's value in euros is kept."
            )
        else:
            amount, currency = _sum([row.value for row in given]), head.currency

    announced, remark = FuzzyDate(), ""
    try:
        announced, remark = parse_fuzzy(head.announced)
    except ValueError as error:
        warnings.append(f"The announcement date is left unknown: {error}.")

    aid_type = _AID_TYPES.get(head.aid_type.casefold())
    if aid_type is None and head.aid_type:
        warnings.append(f"“{head.aid_type}” is not a type of aid aidviewer knows.")

    goods = [row for row in rows if row.item]
    explanations = list(dict.fromkeys(row.explanation for row in rows if row.explanation))
    description = "\n\n".join(explanations)
    item, quantity, delivered_quantity = "", None, None
    if len(goods) == 1:
        item = goods[0].item
        quantity = _whole(goods[0].units, "No. of Units", warnings)
        delivered_quantity = _whole(goods[0].delivered, "No. of Units Delivered", warnings)
    elif goods:
        lines = "\n".join(_item_line(row, head.announced) for row in goods)
        description = f"{description}\n\nItems:\n{lines}" if description else f"Items:\n{lines}"

    stages = [StageIn(kind=StageKind.ANNOUNCED, date=announced, note=remark)]
    delivered_eur = _sum([row.delivered_eur for row in marked])
    if any(row.delivered for row in rows) or delivered_eur:
        stages.append(
            StageIn(
                kind=StageKind.DELIVERED,
                value_eur=delivered_eur or None,
                quantity=delivered_quantity or None,
            )
        )

    urls = dict.fromkeys(url for row in rows for url in row.sources)
    return Item(
        ref=f"kiel:{first.id}",
        line=first.line,
        title=_title(first.id, goods, explanations),
        description=description,
        donor=_donor(head.donor) if head.donor else None,
        recipient=UKRAINE,
        aid_type=aid_type,
        category=head.specific or (goods[0].item_type if goods else ""),
        item=item,
        quantity=quantity,
        amount=amount,
        currency=currency,
        value_eur=value_eur,
        stages=tuple(stages),
        sources=(*(source_from_cell(url) for url in urls), KIEL),
        warnings=tuple(warnings),
    )


def _title(package: str, goods: list[_Row], explanations: list[str]) -> str:
    if len(goods) == 1:
        return short_text(goods[0].item)
    if explanations:
        return short_text(explanations[0])
    if goods:
        return short_text(f"{goods[0].item} and {len(goods) - 1} more items")
    return f"Kiel package {package}"


def _item_line(row: _Row, package_date: str) -> str:
    parts = []
    if row.units is not None:
        parts.append(f"{_count(row.units)} units")
    if row.delivered is not None:
        parts.append(f"{_count(row.delivered)} delivered")
    if row.announced and row.announced != package_date:
        try:
            when, remark = parse_fuzzy(row.announced)
            parts.append(f"announced {remark} {when}" if remark else f"announced {when}")
        except ValueError:
            parts.append(f"announced “{row.announced}”")
    return f"- {row.item} ({'; '.join(parts)})" if parts else f"- {row.item}"


def _count(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return f"{number:.2f}".rstrip("0")


def _whole(number: Decimal | None, name: str, warnings: list[str]) -> int | None:
    if number is None:
        return None
    if number != number.to_integral_value():
        warnings.append(f"“{name}” is {number}, not a whole number: it is not kept.")
        return None
    return int(number)


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    given = [value for value in values if value is not None]
    return sum(given, Decimal(0)) if given else None


def _is_currency(code: str) -> bool:
    return re.fullmatch(r"[A-Z]{3}", code) is not None


def _donor(name: str) -> OrgRef:
    return OrgRef(name=name, code=country_code(name))


@lru_cache(maxsize=4096)
def country_code(name: str) -> str:
    """The ISO 3166-1 alpha-2 code of the country `name` names ("Germany", "DEU", "DE"),
    or "" when it names none that pycountry knows by that name."""
    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_2)
    except LookupError:
        return ""


def short_text(text: str, limit: int = TITLE_LENGTH) -> str:
    """`text` cut to a title: its first line, or its first sentence, or its first
    words, at most `limit` characters with "…" where it was cut."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    if len(line) <= limit:
        return line
    end = line.find(". ", 0, limit)
    if end > limit // 3:
        return line[: end + 1]
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


def source_from_cell(text: str) -> SourceIn:
    """A source cited in a cell: a web article named by its address ("reuters.com/world/…"),
    or, when the cell holds no web address, the cell's text as the source's title."""
    text = text.strip()
    url = f"https://{text}" if text.casefold().startswith("www.") else text
    parts = urlsplit(url)
    if parts.scheme.casefold() not in ("http", "https") or not parts.netloc:
        return SourceIn(title=short_text(text), kind=SourceKind.OTHER)
    host = parts.netloc.casefold().removeprefix("www.")
    return SourceIn(
        title=short_text(host + parts.path.rstrip("/"), 60), url=url, kind=SourceKind.ARTICLE
    )


# ---- Reading comma-separated tables --------------------------------------------------


def column_key(name: str) -> str:
    """A column's name as compared: lowercase letters and digits only, so that
    "No. of Units", "no_of_units" and "NO OF UNITS" are one name."""
    return "".join(char for char in name.casefold() if char.isalnum())


_BRACKETED = re.compile(r"\([^)]*\)")


def find_columns(header: Sequence[str], fields: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Where each field's column is: {field: index} for the fields `header` has.

    A column matches a field when its name, compared with `column_key`, is one of the
    field's names; failing that, when it is with a bracketed remark left out
    ("Total_value_dummy (1 is first row in the package)" is "Total_value_dummy"). The
    first matching column wins."""
    exact = [column_key(name) for name in header]
    loose = [column_key(_BRACKETED.sub("", name)) for name in header]
    found: dict[str, int] = {}
    for field, names in fields.items():
        keys = {column_key(name) for name in names}
        for keyed in (exact, loose):
            index = next((i for i, key in enumerate(keyed) if key in keys), None)
            if index is not None:
                found[field] = index
                break
    return found


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_number(text: str) -> Decimal | None:
    """A number as a cell writes it ("35000000", "21411966.2302704", "1,000,000",
    "1.5e6"), exactly; None when the cell says there is none (see `is_missing`).
    Raises ValueError for anything else."""
    if is_missing(text):
        return None
    clean = text.strip().replace("\u00a0", "").replace(" ", "")
    if _GROUPED.fullmatch(clean):
        clean = clean.replace(",", "")
    if not _NUMBER.fullmatch(clean):
        raise ValueError(f"“{text.strip()}” is not a number")
    try:
        return Decimal(clean)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"“{text.strip()}” is not a number") from None


@dataclass(frozen=True)
class Row:
    """A row of a table: the line it begins on and its cells."""

    line: int
    cells: tuple[str, ...]


class _RowTooLongError(Exception):
    """A row ran over MAX_LINES_PER_ROW lines: a quote opened in it was never closed."""


class _Lines:
    """The lines of a text file, numbered, handed to csv.reader one at a time. It keeps
    the lines of the row being read, so that a row found broken can be given back
    but for its first line and read again as the rows it swallowed."""

    def __init__(self, handle: TextIO) -> None:
        self._handle = handle
        self._again: deque[tuple[int, str]] = deque()
        self._read = 0
        self.taken: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if len(self.taken) >= MAX_LINES_PER_ROW:
            raise _RowTooLongError
        if self._again:
            number, line = self._again.popleft()
        else:
            line = self._handle.readline()
            if not line:
                raise StopIteration
            self._read += 1
            number = self._read
        self.taken.append((number, line))
        return line

    @property
    def start(self) -> int:
        """The line the row being read began on."""
        return self.taken[0][0] if self.taken else self._read + 1

    def done(self) -> None:
        self.taken.clear()

    def give_back(self) -> None:
        """Read the lines of the row again, but for its first."""
        self._again.extendleft(reversed(self.taken[1:]))
        self.taken.clear()


def _csv_reason(error: csv.Error) -> str:
    message = str(error)
    if "field larger than field limit" in message:
        return f"A cell is longer than {csv.field_size_limit():,} characters."
    if "unexpected end of data" in message:
        return "A quoted cell is not closed before the end of the file."
    if "expected after" in message:
        return "A quoted cell has more text after its closing quote."
    return f"The row is not valid CSV ({message})."


def table_rows(
    path: Path, going_on: GoingOn | None = None, *, size_cap: int | None = None
) -> Iterator[Row | Skipped]:
    """The rows of a comma-separated file in its own encoding (`open_text`): first the
    header, then each data row with the physical line it begins on.

    A row that cannot be read, or whose number of cells differs from the header's, is a
    `Skipped` and reading goes on; a quoted cell left open swallows at most
    MAX_LINES_PER_ROW lines, which are then read again as rows. Blank rows are passed
    over, and so is a row of HXL hashtags ("#org+name") right under the header.
    `going_on(bytes read, bytes in all)` is called every PROGRESS_EVERY rows; when it
    returns False, ImportCancelledError is raised. A file over `size_cap` bytes
    (SIZE_CAP unless given), or one the encoding cannot read, raises BadFileError."""
    total = path.stat().st_size
    check_size(path, total, SIZE_CAP if size_cap is None else size_cap)
    tell_progress(going_on, 0, total)
    encoding = detect_encoding(path)
    with open_text(path, encoding) as handle:
        lines = _Lines(handle)
        width: int | None = None
        rows_read = 0
        try:
            while True:
                reader = csv.reader(lines, strict=True)
                try:
                    for cells in reader:
                        start = lines.start
                        lines.done()
                        if not any(cell.strip() for cell in cells):
                            continue
                        if width is None:
                            width = len(cells)
                            yield Row(start, tuple(cells))
                            rows_read = 0
                            continue
                        rows_read += 1
                        if rows_read % PROGRESS_EVERY == 0:
                            tell_progress(going_on, handle.buffer.tell(), total)
                        if rows_read == 1 and _is_hxl(cells):
                            continue
                        yield _checked(start, cells, width)
                    break
                except csv.Error as error:
                    if len(lines.taken) > 1:
                        reason = (
                            "A quoted cell opened on this line is not closed where it "
                            "should be: the lines after it are read again as rows."
                        )
                    else:
                        reason = _csv_reason(error)
                    yield Skipped(lines.start, reason)
                    lines.give_back()
                except _RowTooLongError:
                    yield Skipped(
                        lines.start,
                        f"A quoted cell runs over more than {MAX_LINES_PER_ROW} lines: "
                        "its closing quote is missing.",
                    )
                    lines.give_back()
        except UnicodeDecodeError as error:
            # The wrapper decodes a block at a time: the bad byte's place in the file is
            # where the block ended, less the block, plus its place in the block.
            offset = handle.buffer.tell() - len(error.object) + error.start
            line = _line_of(path, offset, encoding)
            where = f" (line {line})" if line else ""
            raise BadFileError(f"{decode_error_message(path, error, encoding)}{where}") from None
    tell_progress(going_on, total, total)


def check_size(path: Path, size: int, cap: int) -> None:
    """Refuse a file of `size` bytes over `cap` before reading it."""
    if size > cap:
        raise BadFileError(
            f"“{path.name}” is {size / 2**20:,.1f} MB: files over "
            f"{cap / 2**20:,.0f} MB are not imported."
        )


def _line_of(path: Path, offset: int, encoding: str) -> int | None:
    """The line the byte at `offset` is on, for an encoding whose line break is the
    byte 0x0A (UTF-8, Windows-1252); None for UTF-16."""
    if encoding.startswith("utf-16"):
        return None
    breaks = 0
    with open(path, "rb") as handle:
        while offset > 0:
            block = handle.read(min(offset, 1 << 20))
            if not block:
                break
            breaks += block.count(b"\n")
            offset -= len(block)
    return breaks + 1


def header_row(path: Path, rows: Iterator[Row | Skipped]) -> Row:
    """The first of `table_rows`: the header. Raises BadFileError when the file is
    empty or its first row cannot be read."""
    header = next(rows, None)
    if header is None:
        raise BadFileError(f"“{path.name}” is empty: it has no header row.")
    if isinstance(header, Skipped):
        raise BadFileError(f"The header row of “{path.name}” cannot be read: {header.reason}")
    return header


def _checked(line: int, cells: list[str], width: int) -> Row | Skipped:
    if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
        cells = cells[:width]  # empty cells after the last column are no cells
    if len(cells) != width:
        return Skipped(line, f"The row has {len(cells)} cells where the header has {width}.")
    if any("\x00" in cell for cell in cells):
        return Skipped(line, "The row holds a NUL character: the file is damaged there.")
    return Row(line, tuple(cells))


def _is_hxl(cells: Sequence[str]) -> bool:
    """Whether a row is HXL hashtags (the Humanitarian Exchange Language row that HDX
    files carry under their header: "#org+name", "#value+usd")."""
    given = [cell.strip() for cell in cells if cell.strip()]
    return bool(given) and all(cell.startswith("#") for cell in given)


def tell_progress(going_on: GoingOn | None, done: int, total: int) -> None:
    """Say how far reading has got; raises ImportCancelledError when told to stop."""
    if going_on is not None and not going_on(done, total):
        raise ImportCancelledError
