"""CSV and XLSX tables read into `Item`s, one per row, with a mapping of columns to fields.

`sniff_csv` / `sniff_xlsx` look at the start of a file (encoding, delimiter, headers, the
first rows and the columns the headers name) for the step where a person checks the
mapping; `read_table` then streams the whole file.

How a CSV file is read, and why not with `csv.reader` over the file:
- The encoding is the byte-order mark's, else UTF-8 unless the first megabyte holds more
  bytes that are not UTF-8 than UTF-8 characters beyond ASCII, else Windows-1252
  (`detect_table_encoding`; `text.detect_encoding` calls a file with one bad byte
  Windows-1252, which would hide that row's fault). The delimiter is the one of
  `, ; TAB |` that splits the first lines into rows of one width.
- The file is decoded in chunks with "surrogateescape", split into physical lines on LF
  (CRLF keeps its CR, which the tokenizer drops; a file with CR alone ends lines on CR).
  A byte the encoding cannot read becomes a lone surrogate, so the row holding it is
  skipped while the rows around it are read: an otherwise UTF-8 file with one bad row
  loses only that row. Memory stays bounded: a line longer than MAX_LINE_CHARS is
  dropped while it is read.
- A line without a quote is split on the delimiter (most rows; fast). A line with one is
  given to `csv.reader` (strict, RFC 4180 quoting); when its quoted field runs past the
  end of the line the next line is added, up to MAX_FIELD_LINES line breaks and
  MAX_RECORD_CHARS characters. Past that, the quote is taken as unbalanced: the row is
  reported at its own first line and reading resumes at the line after it, so a stray
  quote costs one row, not the rest of the file. `csv.reader` over the file would keep
  reading until the next quote, however far. A quote closed on a later line that gives
  a row of another width than the header's is taken for a stray quote too; one that
  happens to give the right width joins those lines (at most MAX_FIELD_LINES) into a
  row, a limit of any reader.
- Row numbers are physical line numbers: a row's `line` is the line it starts on.

Rules for a row: blank rows are passed over; a row is skipped, with its line and a
reason, when it holds a control character or NUL, a byte the encoding cannot read, a
field longer than MAX_FIELD_CHARS, more or fewer cells than the header (trailing empty
cells are allowed), a date, number or currency that cannot be read, or no title.

Cells: text is trimmed, except the description and notes, and loses the apostrophe the
export puts before text a spreadsheet would take for a formula (`columns.unguard`).
A reference keeps a scheme it has ("kiel:AUH1", "aidviewer:12"), else gets "csv:", for
XLSX files too. The amount, currency and EUR value columns give the record's own amount
(its total); the stage columns (announced, committed, delivered) give stages with dates
only, and the status column a stage without a date when no date column gives it.

An empty file is refused (`BadFileError`); a file with headers and no rows gives no
items and one `Warned`. A file over MAX_FILE_BYTES is refused before it is read.
"""

from __future__ import annotations

import codecs
import csv
import re
import time
import warnings
import zipfile
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Literal, NamedTuple

from aidviewer.store import FuzzyDate, Precision, StageKind

from .columns import (
    BAD_CHARACTERS,
    PLAIN_NUMBER,
    Field,
    clean_text,
    is_no_value,
    match_headers,
    parse_aid_type,
    parse_amount,
    parse_currency,
    parse_date,
    parse_decimal,
    parse_status,
    split_tags,
    unguard,
)
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
    Warned,
)

TableKind = Literal["csv", "xlsx"]

MAX_FILE_BYTES = 1 << 30  # 1 GiB: larger files are refused before reading
MAX_FIELD_CHARS = 131_072
MAX_FIELD_LINES = 50  # line breaks one quoted field may hold
MAX_RECORD_CHARS = 1 << 20  # a row, all its lines together
MAX_LINE_CHARS = 1 << 22  # a physical line; longer ones are dropped while read
PREVIEW_ROWS = 20
PROGRESS_ROWS = 2_000  # going_on is called at least this often
# … and at least this often in seconds, however slowly the rows are taken (an import
# saves each batch of them before asking for more): the clock is read every 100 rows.
PROGRESS_SECONDS = 0.25


class _Pace:
    """When to call going_on: every PROGRESS_ROWS rows, or once PROGRESS_SECONDS have
    passed since the last call."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def due(self, count: int) -> bool:
        if count % PROGRESS_ROWS and (
            count % 100 or time.monotonic() - self.last < PROGRESS_SECONDS
        ):
            return False
        self.last = time.monotonic()
        return True


_CHUNK_BYTES = 1 << 20
_PROBE_BYTES = 1 << 20
_SAMPLE_LINES = 100
DELIMITERS = (",", ";", "\t", "|")
# References that already name their scheme keep it (an aidviewer export re-imported
# updates the same records); any other value gets "csv:".
_SCHEMES = ("csv:", "iati:", "kiel:", "fts:", "aidviewer:")
_FREE_TEXT = frozenset({Field.DESCRIPTION, Field.NOTES})

Value = str | int | float | date | None  # a cell: CSV gives text, XLSX typed values


@dataclass(frozen=True, kw_only=True)
class TableSniff:
    """What the start of a table shows, for the step where columns are mapped."""

    kind: TableKind
    headers: tuple[str, ...]
    header_line: int  # the line (CSV) or sheet row (XLSX) of the headers
    preview: tuple[tuple[str, ...], ...]  # up to PREVIEW_ROWS rows, as text, header-wide
    preview_lines: tuple[int, ...]  # the line (sheet row) each preview row starts on
    mapping: Mapping[int, Field]  # what the headers name: column index → field
    encoding: str = ""  # CSV only: "utf-8", "utf-8-sig", "utf-16" or "cp1252"
    delimiter: str = ""  # CSV only
    decimal_comma: bool = False  # "1.500" is 1500 and "1,5" is 1.5 (with ";" files)
    sheet: str = ""  # XLSX only: the sheet read
    sheets: tuple[str, ...] = ()  # XLSX only: every sheet of the workbook


def table_kind(path: Path) -> TableKind:
    """The kind of table `path` holds by its extension: "xlsx" for .xlsx and .xlsm,
    else "csv"."""
    return "xlsx" if path.suffix.casefold() in (".xlsx", ".xlsm") else "csv"


def sniff_table(path: Path) -> TableSniff:
    """`sniff_xlsx` or `sniff_csv`, by the file's extension."""
    return sniff_xlsx(path) if table_kind(path) == "xlsx" else sniff_csv(path)


# --- Encoding and lines --------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ESCAPED = re.compile("[\udc80-\udcff]")


def _check_size(path: Path) -> int:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise BadFileError(f"“{path.name}” cannot be read: {error.strerror}.") from error
    if size > MAX_FILE_BYTES:
        raise BadFileError(
            f"“{path.name}” is {size / (1 << 30):.1f} GiB: tables over "
            f"{MAX_FILE_BYTES >> 30} GiB are not imported. Split it into smaller files."
        )
    return size


def detect_table_encoding(path: Path) -> str:
    """The encoding of a CSV file: "utf-8-sig" or "utf-16" by its byte-order mark, else
    "utf-8" when its first megabyte holds more valid UTF-8 multi-byte characters than
    invalid bytes (a UTF-8 file with a few broken rows stays UTF-8, and those rows are
    skipped), else "cp1252". Raises BadFileError for a binary file."""
    with open(path, "rb") as handle:
        head = handle.read(_PROBE_BYTES)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if head.startswith(b"PK\x03\x04"):
        raise BadFileError(f"“{path.name}” is a ZIP or XLSX file, not CSV.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise BadFileError(
            f"“{path.name}” is an old Excel (.xls) file: save it as XLSX or CSV first."
        )
    start = head[:4096]
    if start.count(0) * 100 > len(start):
        raise BadFileError(
            f"“{path.name}” looks like a binary file (or UTF-16 without a byte-order "
            "mark), not a CSV table."
        )
    text = head.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED.findall(text))
    if not invalid:
        return "utf-8"
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
    return "utf-8" if valid > invalid else "cp1252"


@dataclass
class _Progress:
    read: int = 0


def _physical_lines(
    handle: BinaryIO, encoding: str, progress: _Progress, name: str
) -> Iterator[tuple[int, str | None]]:
    """(line number, line with its terminator) for each physical line; None for a line
    longer than MAX_LINE_CHARS, which is dropped as it is read."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="surrogateescape")
    separator = ""
    pending = ""
    number = 0
    dropping = False
    while True:
        chunk = handle.read(_CHUNK_BYTES)
        progress.read += len(chunk)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:  # only UTF-16 gets here: other bytes escape
            raise BadFileError(
                f"“{name}” is not readable as {encoding} near byte {progress.read}."
            ) from error
        if not separator:
            # A file whose lines end in CR alone (classic Mac) has no LF at all.
            separator = "\r" if "\n" not in text and "\r" in text else "\n" if text else ""
        if separator:
            pieces = text.split(separator)
            pieces[0] = pending + pieces[0]
            pending = pieces.pop()
            for piece in pieces:
                number += 1
                yield number, None if dropping else piece + separator
                dropping = False
        else:
            pending += text
        if len(pending) > MAX_LINE_CHARS:
            pending, dropping = "", True
        if not chunk:
            break
    if pending or dropping:
        yield number + 1, None if dropping else pending


class _Record(NamedTuple):
    line: int
    cells: list[str]
    raw: str  # the record's text, for the checks of the whole row at once


_UNBALANCED = "the row is left out and the lines after it are read as rows of their own."


class _CsvRecords:
    """The rows of a CSV file, each at the physical line it starts on. See the module's
    docstring for how quoted fields over several lines and unbalanced quotes are read.

    Once `width` is set (the header's), a quoted field that joins lines into a row of
    another width is also taken for an unbalanced quote: a stray quote closed by some
    later quote rarely leaves the columns where they belong."""

    def __init__(self, lines: Iterator[tuple[int, str | None]], delimiter: str) -> None:
        self.lines = lines
        self.delimiter = delimiter
        self.width: int | None = None
        self.pending: deque[tuple[int, str | None]] = deque()

    def _next_line(self) -> tuple[int, str | None] | None:
        return self.pending.popleft() if self.pending else next(self.lines, None)

    def _give_back(
        self, first: int, lines: list[str], extra: tuple[int, str | None] | None
    ) -> None:
        back = _numbered(first, lines) + ([extra] if extra else [])
        self.pending.extendleft(reversed(back))

    def __iter__(self) -> Iterator[_Record | Skipped]:
        delimiter = self.delimiter
        while (got := self._next_line()) is not None:
            number, line = got
            if line is None:
                yield Skipped(number, f"The line is longer than {MAX_LINE_CHARS:,} characters.")
            elif '"' not in line:
                yield _Record(number, line.rstrip("\r\n").split(delimiter), line)
            else:
                yield self._quoted(number, line)

    def _quoted(self, number: int, line: str) -> _Record | Skipped:
        taken = [line]
        while True:
            try:
                cells = next(csv.reader(taken, delimiter=self.delimiter, strict=True))
            except csv.Error as error:
                if str(error) != "unexpected end of data":
                    self._give_back(number, taken[1:], None)
                    if len(taken) == 1:
                        return Skipped(number, f"The row’s quotes are not well formed ({error}).")
                    return Skipped(
                        number,
                        f"A quote opened on this line is closed on line "
                        f"{number + len(taken) - 1} where no field ends ({error}; an "
                        f"unbalanced quote?): {_UNBALANCED}",
                    )
            else:
                if len(taken) > 1 and self.width is not None and len(cells) != self.width:
                    self._give_back(number, taken[1:], None)
                    return Skipped(
                        number,
                        f"A quote opened on this line joins {len(taken)} lines into a row of "
                        f"{len(cells)} columns where the header has {self.width} (an "
                        f"unbalanced quote?): {_UNBALANCED}",
                    )
                return _Record(number, cells, "".join(taken))
            full = len(taken) > MAX_FIELD_LINES or sum(map(len, taken)) > MAX_RECORD_CHARS
            extra = None if full else self._next_line()
            if extra is None or extra[1] is None:
                self._give_back(number, taken[1:], extra)
                return Skipped(
                    number,
                    f"A quote opened on this line is not closed within {MAX_FIELD_LINES} "
                    f"lines (an unbalanced quote?): {_UNBALANCED}",
                )
            taken.append(extra[1])


def _numbered(first: int, lines: list[str]) -> list[tuple[int, str | None]]:
    return [(first + 1 + offset, line) for offset, line in enumerate(lines)]


def _sample_lines(path: Path, encoding: str) -> list[str]:
    with open(path, "rb") as handle:
        lines: list[str] = []
        for _, line in _physical_lines(handle, encoding, _Progress(), path.name):
            if line is not None:
                lines.append(line)
            if len(lines) >= _SAMPLE_LINES:
                break
    return lines


def detect_delimiter(lines: Sequence[str]) -> str:
    """The delimiter among DELIMITERS that splits the sample into the most rows as wide
    as its first row (with at least two columns), then the widest; "," if none does."""
    best, best_score = ",", (0, 1)
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in csv.reader(lines, delimiter=delimiter) if any(row)]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(row) == width for row in rows[1:]), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_setup(path: Path, encoding: str | None, delimiter: str | None) -> tuple[str, str]:
    _check_size(path)
    encoding = encoding or detect_table_encoding(path)
    if delimiter is None:
        delimiter = detect_delimiter(_sample_lines(path, encoding))
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise ValueError(f"not a CSV delimiter: {delimiter!r}")
    return encoding, delimiter


# --- Rows ----------------------------------------------------------------------------------


def _header_text(value: Value) -> str:
    return unguard(_as_text(value).strip())


def _blank(cells: Sequence[Value]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _column(headers: Sequence[str], index: int) -> str:
    name = headers[index] if index < len(headers) else ""
    return f"“{name}”" if name else f"column {index + 1}"


def _character_problem(cells: Sequence[Value], headers: Sequence[str], encoding: str) -> str | None:
    for index, cell in enumerate(cells):
        if not isinstance(cell, str):
            continue
        match = BAD_CHARACTERS.search(cell)
        if match is None:
            continue
        char = match.group()
        if "\udc80" <= char <= "\udcff":
            readable = _ENCODING_NAMES.get(encoding, encoding)
            byte = ord(char) - 0xDC00
            return f"{_column(headers, index)} is not valid {readable} (byte 0x{byte:02X})."
        if char == "\0":
            return f"{_column(headers, index)} holds a NUL character."
        if "\ud800" <= char <= "\udfff":
            return f"{_column(headers, index)} holds a broken character."
        return f"{_column(headers, index)} holds a control character (U+{ord(char):04X})."
    return None


def _length_problem(cells: Sequence[Value], headers: Sequence[str]) -> str | None:
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > MAX_FIELD_CHARS:
            return (
                f"{_column(headers, index)} is {len(cell):,} characters long: "
                f"at most {MAX_FIELD_CHARS:,} are read."
            )
    return None


_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}


class _CellError(ValueError):
    pass


def _as_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f") if value == value else ""
    return str(value)


def _texts(values: Mapping[Field, Value]) -> dict[Field, str]:
    """Each non-empty cell as text: trimmed (except free text), the export's guard off."""
    texts: dict[Field, str] = {}
    for field, value in values.items():
        if isinstance(value, str):
            text = value if field in _FREE_TEXT else value.strip()
            if text[:1] == "'":
                text = unguard(text)
        else:
            text = _as_text(value)
        if text:
            texts[field] = text
    return texts


class _Row:
    """One row's cells by field: `values` as read, `texts` as `_texts` gives them."""

    __slots__ = ("decimal_comma", "headers", "positions", "texts", "values")

    def __init__(
        self,
        values: Mapping[Field, Value],
        texts: dict[Field, str],
        positions: Mapping[Field, int],
        headers: Sequence[str],
        decimal_comma: bool,
    ) -> None:
        self.values = values
        self.texts = texts
        self.positions = positions
        self.headers = headers
        self.decimal_comma = decimal_comma

    def fail(self, field: Field, what: str) -> _CellError:
        value = _as_text(self.values.get(field))
        shown = value if len(value) <= 40 else value[:39] + "…"
        column = _column(self.headers, self.positions[field])
        return _CellError(f"{column} is not {what}: “{shown}”.")

    def number(self, field: Field) -> Decimal | None:
        value = self.values.get(field)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value)) if value == value else None
        if isinstance(value, str):
            try:
                return parse_decimal(value, decimal_comma=self.decimal_comma)
            except ValueError:
                raise self.fail(field, "a number") from None
        raise self.fail(field, "a number")

    def amount(self) -> tuple[Decimal | None, str]:
        """The amount and the currency its cell names ("€ 1 500" names EUR)."""
        value = self.values.get(Field.AMOUNT)
        if not isinstance(value, str):
            return self.number(Field.AMOUNT), ""
        if PLAIN_NUMBER.fullmatch(value):
            return Decimal(value), ""
        if is_no_value(value):
            return None, ""
        try:
            return parse_amount(value, decimal_comma=self.decimal_comma)
        except (ValueError, ArithmeticError):
            raise self.fail(Field.AMOUNT, "an amount") from None

    def date(self, field: Field) -> FuzzyDate:
        value = self.values.get(field)
        if value is None:
            return FuzzyDate()
        if isinstance(value, datetime):
            return FuzzyDate(value.date(), Precision.DAY)
        if isinstance(value, date):
            return FuzzyDate(value, Precision.DAY)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        try:
            return parse_date(str(value))
        except ValueError:
            raise self.fail(field, "a date") from None


# Items, stages and organisations are frozen: rows that name the same organisation or
# stage date share one object (a table repeats them on most rows; this halves the time).
@lru_cache(maxsize=4096)
def _org_ref(name: str, code: str) -> OrgRef:
    return OrgRef(name=name or code, code=code)


@lru_cache(maxsize=4096)
def _stage_in(kind: StageKind, when: FuzzyDate) -> StageIn:
    return StageIn(kind=kind, date=when)


def _organisation(texts: dict[Field, str], name_field: Field, code_field: Field) -> OrgRef | None:
    name = texts.get(name_field, "")
    code = texts.get(code_field, "")
    if not name and not code:
        return None
    return _org_ref(name, code)


_STAGE_COLUMNS = (
    (Field.ANNOUNCED, StageKind.ANNOUNCED),
    (Field.COMMITTED, StageKind.COMMITTED),
    (Field.DELIVERED, StageKind.DELIVERED),
)


def _sources(text: str) -> tuple[SourceIn, ...]:
    if not text:
        return ()
    words = text.split()
    if all(word.startswith(("http://", "https://")) for word in words):
        return tuple(SourceIn(title=word, url=word) for word in words)
    return (SourceIn(title=text),)


# Fields by plain names for the row loop: each `Field.X` is an enum attribute lookup
# (0.1 µs in Python 3.11), and a row makes dozens.
_REF, _TITLE, _DESCRIPTION, _ITEM = Field.REF, Field.TITLE, Field.DESCRIPTION, Field.ITEM
_DONOR, _DONOR_CODE = Field.DONOR, Field.DONOR_CODE
_RECIPIENT, _RECIPIENT_CODE, _IMPLEMENTER = (
    Field.RECIPIENT,
    Field.RECIPIENT_CODE,
    Field.IMPLEMENTER,
)
_AID_TYPE, _CATEGORY, _CATEGORY_CODE = Field.AID_TYPE, Field.CATEGORY, Field.CATEGORY_CODE
_QUANTITY, _UNIT, _AMOUNT, _CURRENCY = Field.QUANTITY, Field.UNIT, Field.AMOUNT, Field.CURRENCY
_VALUE_EUR, _STATUS, _TAGS = Field.VALUE_EUR, Field.STATUS, Field.TAGS
_SOURCE_URL, _NOTES = Field.SOURCE_URL, Field.NOTES
_UNKNOWN_DATE = FuzzyDate()


def _stages(row: _Row, doubts: list[str]) -> tuple[StageIn, ...]:
    texts = row.texts
    stages: list[StageIn] = []
    for column, kind in _STAGE_COLUMNS:
        if column in texts:
            when = row.date(column)
            if when.value is not None:
                stages.append(_stage_in(kind, when))
    status_text = texts.get(_STATUS)
    if status_text and not is_no_value(status_text):
        status = parse_status(status_text)
        if status is None:
            doubts.append(f"Status “{status_text}” is not a stage: it is left out.")
        elif all(stage.kind is not status for stage in stages):
            stages.append(_stage_in(status, _UNKNOWN_DATE))
            stages.sort(key=lambda stage: stage.kind.rank)
    return tuple(stages)


def _number(row: _Row, field: Field) -> Decimal | None:
    text = row.texts.get(field)
    if text is None:
        return None
    if PLAIN_NUMBER.fullmatch(text):
        return Decimal(text)
    return row.number(field)


def _item(line: int, row: _Row) -> Item:
    """The record a row describes; _CellError when a cell cannot be read."""
    texts = row.texts
    doubts: list[str] = []
    title = texts.get(_TITLE) or texts.get(_ITEM, "")
    if not title:
        title = texts.get(_DESCRIPTION, "").strip().split("\n", 1)[0][:200].strip()
    if not title:
        raise _CellError("The row has no title.")

    aid_type = None
    aid_type_text = texts.get(_AID_TYPE)
    if aid_type_text:
        aid_type = parse_aid_type(aid_type_text)
        if aid_type is None and not is_no_value(aid_type_text):
            doubts.append(
                f"Aid type “{aid_type_text}” is not military, humanitarian or financial: "
                "it is left open."
            )

    amount: Decimal | None = None
    currency = ""
    amount_text = texts.get(_AMOUNT)
    if amount_text is not None:
        if PLAIN_NUMBER.fullmatch(amount_text):
            amount = Decimal(amount_text)
        else:
            amount, currency = row.amount()
    currency_text = texts.get(_CURRENCY)
    if currency_text is not None:
        code = parse_currency(currency_text)
        if code is None:
            raise row.fail(_CURRENCY, "a currency code")
        currency = code or currency

    quantity: int | None = None
    quantity_text = texts.get(_QUANTITY)
    if quantity_text is not None:
        if quantity_text.isdigit() and quantity_text.isascii():
            quantity = int(quantity_text)
        else:
            number = row.number(_QUANTITY)
            if number is not None:
                if number != number.to_integral_value() or number < 0:
                    raise row.fail(_QUANTITY, "a whole number")
                quantity = int(number)

    ref = texts.get(_REF, "")
    if ref and not ref.startswith(_SCHEMES):
        ref = "csv:" + ref
    notes = texts.get(_NOTES, "")
    implementer = texts.get(_IMPLEMENTER)
    tags = texts.get(_TAGS)
    sources = texts.get(_SOURCE_URL)
    return Item(
        ref=ref,
        line=line,
        title=title,
        description=texts.get(_DESCRIPTION, ""),
        donor=_organisation(texts, _DONOR, _DONOR_CODE),
        recipient=_organisation(texts, _RECIPIENT, _RECIPIENT_CODE),
        implementer=_org_ref(implementer, "") if implementer else None,
        aid_type=aid_type,
        category=texts.get(_CATEGORY, ""),
        category_code=texts.get(_CATEGORY_CODE, ""),
        item=texts.get(_ITEM, ""),
        quantity=quantity,
        unit=texts.get(_UNIT, ""),
        amount=amount,
        currency=currency,
        value_eur=_number(row, _VALUE_EUR),
        stages=_stages(row, doubts),
        tags=split_tags(tags) if tags else (),
        sources=_sources(sources) if sources else (),
        notes=(notes,) if notes.strip() else (),
        warnings=tuple(doubts),
    )


def _check_mapping(mapping: Mapping[int, Field], headers: Sequence[str], name: str) -> None:
    fields = list(mapping.values())
    if len(set(fields)) != len(fields):
        raise ValueError("two columns are mapped to the same field")
    if any(not 0 <= index < len(headers) for index in mapping):
        raise ValueError("a mapped column is not among the headers")
    if not {Field.TITLE, Field.ITEM, Field.DESCRIPTION} & set(fields):
        shown = ", ".join(f"“{header}”" for header in headers[:12] if header)
        raise BadFileError(
            f"No column of “{name}” gives the records’ titles (the headers are {shown}): "
            "choose which column is the title."
        )


class _RowReader:
    """Turns the rows after the header into events, with the header's checks."""

    def __init__(
        self,
        headers: Sequence[str],
        mapping: Mapping[int, Field],
        *,
        encoding: str,
        decimal_comma: bool,
        strict_width: bool,
    ) -> None:
        self.headers = headers
        self.plan = sorted(mapping.items())
        self.positions = {field: index for index, field in mapping.items()}
        self.free_text = [(index, field) for index, field in self.plan if field in _FREE_TEXT]
        self.encoding = encoding
        self.decimal_comma = decimal_comma
        self.strict_width = strict_width

    def _problem(self, line: int, cells: Sequence[Value], raw: str | None) -> Skipped | None:
        """Skipped for a row with a character, length or width problem; `raw` is the
        CSV row's text (it lets most rows pass each check in one step)."""
        if raw is None or BAD_CHARACTERS.search(raw):
            problem = _character_problem(cells, self.headers, self.encoding)
            if problem:
                return Skipped(line, problem)
        if raw is None or len(raw) > MAX_FIELD_CHARS:
            problem = _length_problem(cells, self.headers)
            if problem:
                return Skipped(line, problem)
        width = len(self.headers)
        if (
            self.strict_width
            and len(cells) != width
            and (len(cells) < width or not _blank(cells[width:]))
        ):
            return Skipped(line, f"The row has {len(cells)} columns where the header has {width}.")
        return None

    def _event(self, line: int, values: Mapping[Field, Value], texts: dict[Field, str]) -> Event:
        row = _Row(values, texts, self.positions, self.headers, self.decimal_comma)
        try:
            return _item(line, row)
        except _CellError as error:
            return Skipped(line, str(error))

    def csv_event(self, line: int, cells: list[str], raw: str) -> Event | None:
        """The CSV row's Item or Skipped; None for a blank row."""
        if not "".join(cells).strip():
            return None
        skipped = self._problem(line, cells, raw)
        if skipped:
            return skipped
        # The same as `_texts`, in fewer steps: every cell of a CSV row is text. The
        # texts also serve as the values, which are parsed from text either way.
        texts = {field: cells[index].strip() for index, field in self.plan}
        for index, field in self.free_text:
            texts[field] = cells[index]
        if "'" in raw:
            texts = {f: unguard(t) if t[:1] == "'" else t for f, t in texts.items()}
        texts = {field: text for field, text in texts.items() if text}
        return self._event(line, texts, texts)

    def xlsx_event(self, line: int, cells: Sequence[Value]) -> Event | None:
        """The sheet row's Item or Skipped; None for a blank row. Cells beyond the
        headers are ignored: a spreadsheet's cells keep their columns."""
        if _blank(cells):
            return None
        skipped = self._problem(line, cells, None)
        if skipped:
            return skipped
        values = {field: cells[index] for index, field in self.plan if index < len(cells)}
        return self._event(line, values, _texts(values))


# --- Reading -------------------------------------------------------------------------------


def read_table(
    path: Path,
    mapping: Mapping[int, Field] | None = None,
    *,
    kind: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    decimal_comma: bool | None = None,
    going_on: GoingOn | None = None,
) -> Iterator[Event]:
    """Every data row of the table at `path` as an `Item` (or `Skipped`), in file order.

    `mapping` is column index → field; None takes what the headers name
    (`match_headers`). `kind` ("csv" or "xlsx") defaults to the file's extension;
    `encoding`, `delimiter` and `decimal_comma` default to what `sniff_csv` finds;
    `sheet` to the first sheet.
    `going_on(bytes read, bytes in all)` is called at least every PROGRESS_ROWS rows, and
    every PROGRESS_SECONDS however slowly the rows are taken;
    when it returns False, ImportCancelledError is raised. BadFileError (from the first
    `next`) refuses the file as a whole.
    """
    path = Path(path)
    kind = kind or table_kind(path)
    if kind not in ("csv", "xlsx"):
        raise ValueError(f"not a table kind: {kind!r}")
    if kind == "xlsx":
        yield from _read_xlsx(path, mapping, sheet, going_on)
    else:
        yield from _read_csv(path, mapping, encoding, delimiter, decimal_comma, going_on)


def _empty(path: Path) -> BadFileError:
    return BadFileError(f"“{path.name}” is empty: it has no column headers and no rows.")


def _read_csv(
    path: Path,
    mapping: Mapping[int, Field] | None,
    encoding: str | None,
    delimiter: str | None,
    decimal_comma: bool | None,
    going_on: GoingOn | None,
) -> Iterator[Event]:
    total = _check_size(path)
    encoding, delimiter = _csv_setup(path, encoding, delimiter)
    if decimal_comma is None:
        decimal_comma = delimiter == ";"
    progress = _Progress()
    _report(going_on, 0, total)
    with open(path, "rb") as handle:
        tokenizer = _CsvRecords(_physical_lines(handle, encoding, progress, path.name), delimiter)
        records = iter(tokenizer)
        header: _Record | None = None
        for record in records:
            if isinstance(record, Skipped):
                raise BadFileError(
                    f"The column headers of “{path.name}” (line {record.line}) cannot be "
                    f"read: {record.reason}"
                )
            if not _blank(record.cells):
                header = record
                break
        if header is None:
            raise _empty(path)
        problem = _character_problem(header.cells, (), encoding)
        if problem:
            raise BadFileError(f"The column headers of “{path.name}” cannot be read: {problem}")
        headers = [_header_text(cell) for cell in header.cells]
        tokenizer.width = len(headers)
        if mapping is None:
            mapping = match_headers(headers)
        _check_mapping(mapping, headers, path.name)
        reader = _RowReader(
            headers, mapping, encoding=encoding, decimal_comma=decimal_comma, strict_width=True
        )
        rows = 0
        pace = _Pace()
        for count, record in enumerate(records, 1):
            if pace.due(count):
                _report(going_on, progress.read, total)
            if isinstance(record, Skipped):
                yield record
                continue
            event = reader.csv_event(record.line, record.cells, record.raw)
            if event is not None:
                rows += 1
                yield event
    if not rows:
        yield Warned(header.line, f"“{path.name}” has column headers but no rows.")
    _report(going_on, total, total)


def _report(going_on: GoingOn | None, done: int, total: int) -> None:
    if going_on is not None and going_on(done, total) is False:
        raise ImportCancelledError()


def sniff_csv(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None
) -> TableSniff:
    """The encoding, delimiter, headers, first rows and suggested mapping of a CSV file.
    Raises BadFileError for an empty or unreadable file."""
    path = Path(path)
    encoding, delimiter = _csv_setup(path, encoding, delimiter)
    header: _Record | None = None
    preview: list[tuple[str, ...]] = []
    preview_lines: list[int] = []
    with open(path, "rb") as handle:
        lines = _physical_lines(handle, encoding, _Progress(), path.name)
        tokenizer = _CsvRecords(lines, delimiter)
        for record in tokenizer:
            if isinstance(record, Skipped) or _blank(record.cells):
                continue
            if header is None:
                header = record
                tokenizer.width = len(header.cells)
                continue
            preview.append(_preview_row(record.cells, len(header.cells)))
            preview_lines.append(record.line)
            if len(preview) >= PREVIEW_ROWS:
                break
    if header is None:
        raise _empty(path)
    headers = tuple(clean_text(_header_text(cell)) for cell in header.cells)
    return TableSniff(
        kind="csv",
        headers=headers,
        header_line=header.line,
        preview=tuple(preview),
        preview_lines=tuple(preview_lines),
        mapping=match_headers(headers),
        encoding=encoding,
        delimiter=delimiter,
        decimal_comma=delimiter == ";",
    )


def _preview_row(cells: Sequence[Value], width: int) -> tuple[str, ...]:
    texts = [clean_text(_as_text(cell))[:1000] for cell in cells[:width]]
    return tuple(texts + [""] * (width - len(texts)))


# --- XLSX ----------------------------------------------------------------------------------


@dataclass
class _Sheet:
    names: tuple[str, ...]
    name: str
    rows: Iterator[tuple[int, list[Value]]]
    estimated_rows: int


def _xlsx_value(value: object) -> Value:
    if value is None or isinstance(value, str | date):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return value
    return str(value)


# What an XLSX workbook may hold once unpacked: a small file that unpacks to gigabytes
# (a "zip bomb") is refused before a cell is read.
UNPACKED_CAP = 256 << 20


def _check_unpacked(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise BadFileError(f"“{path.name}” is not a readable XLSX workbook ({error}).") from error
    if unpacked > UNPACKED_CAP:
        raise BadFileError(
            f"“{path.name}” unpacks to {unpacked / 1_048_576:,.0f} MB, more than an XLSX"
            " workbook aidviewer reads: it was not read."
        )


def _open_xlsx(path: Path, sheet: str | None) -> tuple[Any, _Sheet]:
    from openpyxl import load_workbook  # imported here: only XLSX files need it

    _check_size(path)
    _check_unpacked(path)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not read; the cells are
            # what matters here.
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise BadFileError(f"“{path.name}” is not a readable XLSX workbook ({error}).") from error
    except Exception as error:  # openpyxl's InvalidFileException and its XML errors
        raise BadFileError(f"“{path.name}” is not a readable XLSX workbook ({error}).") from error
    names = tuple(workbook.sheetnames)
    if sheet is not None and sheet not in names:
        workbook.close()
        raise BadFileError(f"“{path.name}” has no sheet “{sheet}”.")
    if not names:
        workbook.close()
        raise _empty(path)
    name = sheet if sheet is not None else names[0]
    worksheet = workbook[name]
    estimated = int(getattr(worksheet, "max_row", 0) or 0)
    # Some writers store a wrong sheet size; read every row the sheet holds instead.
    worksheet.reset_dimensions()

    def rows() -> Iterator[tuple[int, list[Value]]]:
        for number, row in enumerate(worksheet.iter_rows(min_row=1, values_only=True), 1):
            yield number, [_xlsx_value(value) for value in row]

    return workbook, _Sheet(names=names, name=name, rows=rows(), estimated_rows=estimated)


def _xlsx_header(path: Path, sheet: _Sheet) -> tuple[int, list[str]]:
    for number, cells in sheet.rows:
        if not _blank(cells):
            headers = [_header_text(cell) for cell in cells]
            while headers and not headers[-1]:
                headers.pop()
            return number, headers
    raise _empty(path)


def _read_xlsx(
    path: Path,
    mapping: Mapping[int, Field] | None,
    sheet_name: str | None,
    going_on: GoingOn | None,
) -> Iterator[Event]:
    total = _check_size(path)
    _report(going_on, 0, total)
    workbook, sheet = _open_xlsx(path, sheet_name)
    try:
        header_line, headers = _xlsx_header(path, sheet)
        if mapping is None:
            mapping = match_headers(headers)
        _check_mapping(mapping, headers, path.name)
        # A spreadsheet's cells keep their columns: cells beyond the headers are ignored.
        reader = _RowReader(
            headers, mapping, encoding="utf-8", decimal_comma=False, strict_width=False
        )
        rows = 0
        pace = _Pace()
        for count, (number, cells) in enumerate(sheet.rows, 1):
            if pace.due(count):
                done = total * number // max(sheet.estimated_rows, number)
                _report(going_on, min(done, total), total)
            event = reader.xlsx_event(number, cells[: len(headers)])
            if event is not None:
                rows += 1
                yield event
        if not rows:
            yield Warned(header_line, f"“{path.name}” has column headers but no rows.")
    finally:
        workbook.close()
    _report(going_on, total, total)


def sniff_xlsx(path: Path, sheet: str | None = None) -> TableSniff:
    """The sheets, headers, first rows and suggested mapping of an XLSX workbook's sheet
    (the first unless named). Raises BadFileError for an unreadable or empty sheet."""
    path = Path(path)
    workbook, opened = _open_xlsx(path, sheet)
    try:
        header_line, headers = _xlsx_header(path, opened)
        preview: list[tuple[str, ...]] = []
        preview_lines: list[int] = []
        for number, cells in opened.rows:
            if _blank(cells):
                continue
            preview.append(_preview_row(cells, len(headers)))
            preview_lines.append(number)
            if len(preview) >= PREVIEW_ROWS:
                break
    finally:
        workbook.close()
    clean = tuple(clean_text(header) for header in headers)
    return TableSniff(
        kind="xlsx",
        headers=clean,
        header_line=header_line,
        preview=tuple(preview),
        preview_lines=tuple(preview_lines),
        mapping=match_headers(clean),
        sheet=opened.name,
        sheets=opened.names,
    )
