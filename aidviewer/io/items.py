"""What an importer reads from a file, before it meets the catalogue.

Every reader (CSV and XLSX tables, IATI XML, the Kiel Support Tracker, OCHA FTS) turns a
file into a stream of `Item`s, one aid record each as the source gives it (names, codes,
amounts in their own currency), with `Skipped` for what it could not read and `Warned`
for what it read with a doubt. `importer.import_items` then resolves the names to the
catalogue's organisations and categories, values the amounts in euros and writes the
records in one transaction. Readers never touch the catalogue and never import Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from aidviewer.store import AidType, FuzzyDate, OrganisationKind, SourceKind, StageKind
from aidviewer.store.errors import CatalogueError


@dataclass(frozen=True, kw_only=True)
class OrgRef:
    """An organisation as a source names it. `code` is what identifies it beyond its
    name: an ISO 3166 country code (alpha-2 or alpha-3) for a government, or an IATI
    organisation identifier such as "XM-DAC-41122"."""

    name: str
    code: str = ""
    kind: OrganisationKind | None = None


@dataclass(frozen=True, kw_only=True)
class StageIn:
    """One stage of an aid record as the source gives it. `amount` is in `currency`
    (ISO 4217); `value_eur` is the source's own value in euros when it gives one (else
    the importer values `amount` at the ECB rate of `date`)."""

    kind: StageKind
    date: FuzzyDate = field(default_factory=FuzzyDate)
    amount: Decimal | None = None
    currency: str = ""
    value_eur: Decimal | None = None
    quantity: int | None = None
    note: str = ""
    # Whether the amount is this record's own flow, counted in its value: an IATI
    # activity's expenditure (spending money already disbursed) and incoming funds
    # (from the donor to the implementer) are not, lest the same money count twice.
    counts: bool = True


@dataclass(frozen=True, kw_only=True)
class SourceIn:
    """Where a figure comes from: becomes a source the record cites."""

    title: str
    url: str = ""
    publisher: str = ""
    kind: SourceKind = SourceKind.DATA_FILE
    published: FuzzyDate = field(default_factory=FuzzyDate)


@dataclass(frozen=True, kw_only=True)
class Item:
    """One aid record as read from a file.

    `ref` is the source's own identifier with its scheme ("iati:XM-DAC-5-7-123",
    "kiel:AUH1", "fts:234567", "csv:R-17"): importing the same file again updates the
    record it made instead of making a second one. Empty when the source has none.
    `line` is where the record begins in the file (a line number, or for XML the
    activity's position), for messages. The record's own amount (`amount`, `currency`,
    `value_eur`) is its total; each stage may carry its own."""

    ref: str
    line: int
    title: str
    description: str = ""
    donor: OrgRef | None = None
    recipient: OrgRef | None = None
    implementer: OrgRef | None = None
    aid_type: AidType | None = None
    category: str = ""
    category_code: str = ""  # such as a DAC sector code: kept as a tag "DAC 72010"
    item: str = ""
    quantity: int | None = None
    unit: str = ""
    amount: Decimal | None = None
    currency: str = ""
    value_eur: Decimal | None = None
    stages: tuple[StageIn, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[SourceIn, ...] = ()
    notes: tuple[str, ...] = ()  # kept as notes on the record (other languages, remarks)
    warnings: tuple[str, ...] = ()  # doubts about this record, said in the summary


@dataclass(frozen=True)
class Skipped:
    """A row or activity that could not be read: where, and why (one sentence)."""

    line: int
    reason: str


@dataclass(frozen=True)
class Warned:
    """Something read with a doubt that is not one record's: where, and what."""

    line: int
    message: str


Event = Item | Skipped | Warned

# Progress while a file is read: (bytes read, bytes in all); False cancels.
GoingOn = Callable[[int, int], bool]

Reader = Callable[..., Iterator[Event]]


class BadFileError(CatalogueError):
    """The file as a whole cannot be imported (not the format named, an encoding that
    cannot be read, XML with a DTD or entities): nothing is imported."""


class ImportCancelledError(Exception):
    """The person cancelled the import: nothing is imported."""
