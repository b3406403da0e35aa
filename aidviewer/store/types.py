"""The catalogue's domain as frozen dataclasses.

A new entity is built with `id=0`; the store assigns the id and `version=1`. An edit is a
`dataclasses.replace()` of what the store returned: the version it carries is the one the
edit was based on, and the store refuses the save if the row has moved on since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class AidType(StrEnum):
    MILITARY = "military"
    HUMANITARIAN = "humanitarian"
    FINANCIAL = "financial"


class StageKind(StrEnum):
    """The life of an aid record; the order of the members is the order of progress."""

    ANNOUNCED = "announced"
    COMMITTED = "committed"
    ALLOCATED = "allocated"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"

    @property
    def rank(self) -> int:
        return _STAGE_RANKS[self]


_STAGE_RANKS = {kind: rank for rank, kind in enumerate(StageKind)}


class OrganisationKind(StrEnum):
    GOVERNMENT = "government"
    MINISTRY = "ministry"
    ARMED_FORCES = "armed_forces"
    INTERNATIONAL = "international_organisation"
    NGO = "ngo"
    COMPANY = "company"
    OTHER = "other"


class SourceKind(StrEnum):
    PRESS_RELEASE = "press_release"
    ARTICLE = "article"
    OFFICIAL_DOCUMENT = "official_document"
    DATA_FILE = "data_file"
    OTHER = "other"


class NoteKind(StrEnum):
    COMMENT = "comment"
    QUESTION = "question"
    FOLLOW_UP = "follow_up"


class ActionKind(StrEnum):
    DECISION = "decision"
    FOLLOW_UP = "follow_up"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


_FUZZY_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class FuzzyDate:
    """A date as precise as its source: "2023-11-10", "2023-11", "2023" or unknown.

    `value` is the first day of the period, so that sorting and range filters work.
    """

    value: date | None = None
    precision: Precision = Precision.UNKNOWN

    def __post_init__(self) -> None:
        if (self.value is None) != (self.precision is Precision.UNKNOWN):
            raise ValueError("a date needs a precision, and only an unknown date has none")

    @classmethod
    def parse(cls, text: str | None) -> FuzzyDate:
        """Read ISO 8601 at day, month or year precision; empty text is an unknown date."""
        text = (text or "").strip()
        if not text:
            return cls()
        match = _FUZZY_RE.match(text)
        if match is None:
            raise ValueError(f"not an ISO date: {text!r}")
        year, month, day = match.groups()
        if day is not None:
            return cls(date(int(year), int(month), int(day)), Precision.DAY)
        if month is not None:
            return cls(date(int(year), int(month), 1), Precision.MONTH)
        return cls(date(int(year), 1, 1), Precision.YEAR)

    def iso(self) -> str:
        """The date written to its precision; empty when unknown."""
        if self.value is None:
            return ""
        if self.precision is Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def __str__(self) -> str:
        return self.iso()


# ISO 4217 currencies whose minor unit is not the hundredth.
_MINOR_DIGITS = {
    **{
        code: 0
        for code in (
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        )
    },
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
}


def minor_digits(currency: str) -> int:
    """How many decimal digits the currency's minor unit has (2 for EUR, 0 for JPY)."""
    return _MINOR_DIGITS.get(currency.upper(), 2)


@dataclass(frozen=True, kw_only=True)
class Money:
    """An amount as its source gave it, in integer minor units, with its value in euros."""

    amount_minor: int
    currency: str
    value_eur_cents: int | None = None
    eur_rate: Decimal | None = None  # units of `currency` per euro, as the ECB quotes
    rate_date: date | None = None

    @property
    def amount(self) -> Decimal:
        return Decimal(self.amount_minor).scaleb(-minor_digits(self.currency))

    @property
    def value_eur(self) -> Decimal | None:
        if self.value_eur_cents is None:
            return None
        return Decimal(self.value_eur_cents).scaleb(-2)

    @classmethod
    def eur(cls, cents: int) -> Money:
        """An amount given in euros: its EUR value is itself."""
        return cls(amount_minor=cents, currency="EUR", value_eur_cents=cents, eur_rate=Decimal(1))


@dataclass(frozen=True, kw_only=True)
class Organisation:
    id: int = 0
    version: int = 0
    name: str
    kind: OrganisationKind = OrganisationKind.OTHER
    country: str | None = None  # ISO 3166-1 alpha-2
    iati_id: str | None = None
    aliases: tuple[str, ...] = ()
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True, kw_only=True)
class Person:
    id: int = 0
    version: int = 0
    name: str
    role: str = ""
    organisation_id: int | None = None
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True, kw_only=True)
class Category:
    """An entry of the editable vocabulary of aid categories."""

    id: int = 0
    version: int = 0
    name: str
    aid_type: AidType | None = None
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True, kw_only=True)
class Tag:
    id: int = 0
    version: int = 0
    name: str
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True, kw_only=True)
class Source:
    id: int = 0
    version: int = 0
    title: str
    kind: SourceKind = SourceKind.OTHER
    publisher: str = ""
    published: FuzzyDate = field(default_factory=FuzzyDate)
    url: str = ""
    file_path: str = ""
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True, kw_only=True)
class Stage:
    """One step of an aid record, with its own date, quantity and value."""

    id: int = 0
    kind: StageKind
    date: FuzzyDate = field(default_factory=FuzzyDate)
    quantity: int | None = None
    money: Money | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class AidRecord:
    id: int = 0
    version: int = 0
    title: str
    description: str = ""
    donor_id: int | None = None
    recipient_id: int | None = None
    implementer_id: int | None = None
    aid_type: AidType = AidType.MILITARY
    category_id: int | None = None
    item: str = ""
    quantity: int | None = None
    unit: str = ""
    money: Money | None = None
    stages: tuple[Stage, ...] = ()
    source_ids: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    # The identifier the record has in the file it was imported from, with its scheme
    # ("iati:…", "kiel:…", "fts:…", "csv:…"); unique in a catalogue; empty when typed in.
    source_ref: str = ""
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""

    @property
    def status(self) -> StageKind | None:
        """The latest stage reached; a cancellation outranks every other stage."""
        return status_of(self.stages)

    def stage_date(self, kind: StageKind) -> FuzzyDate:
        for stage in self.stages:
            if stage.kind is kind:
                return stage.date
        return FuzzyDate()


def status_of(stages: tuple[Stage, ...]) -> StageKind | None:
    if not stages:
        return None
    return max((stage.kind for stage in stages), key=lambda kind: kind.rank)


@dataclass(frozen=True, kw_only=True)
class Participant:
    person_id: int
    role: str = ""


@dataclass(frozen=True, kw_only=True)
class MeetingAction:
    """A decision taken or a follow-up agreed in a meeting."""

    id: int = 0
    kind: ActionKind
    text: str
    owner_id: int | None = None
    due_on: date | None = None
    done: bool = False


@dataclass(frozen=True, kw_only=True)
class Meeting:
    id: int = 0
    version: int = 0
    title: str
    starts_at: str  # ISO 8601 date or date-time, as precise as known
    ends_at: str = ""
    place: str = ""
    participants: tuple[Participant, ...] = ()
    topics: tuple[str, ...] = ()
    minutes: str = ""
    actions: tuple[MeetingAction, ...] = ()
    record_ids: tuple[int, ...] = ()
    source_ids: tuple[int, ...] = ()
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True, kw_only=True)
class Note:
    """An annotation on exactly one aid record or one meeting."""

    id: int = 0
    version: int = 0
    record_id: int | None = None
    meeting_id: int | None = None
    body: str
    author: str = ""
    kind: NoteKind = NoteKind.COMMENT
    resolved: bool = False
    pinned: bool = False
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True, kw_only=True)
class HistoryEntry:
    id: int
    at: str
    who: str
    entity: str
    entity_id: int
    action: str  # create, update, delete
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, kw_only=True)
class RecordSnapshot:
    """An aid record with everything that goes when it is deleted: its notes and the
    meetings that discussed it. What puts it back, as it was, when the deletion is undone."""

    record: AidRecord
    notes: tuple[Note, ...] = ()
    meeting_ids: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class MeetingSnapshot:
    """A meeting with its notes: what puts it back when its deletion is undone."""

    meeting: Meeting
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, kw_only=True)
class OrganisationSnapshot:
    """An organisation with its aliases and the people who belonged to it: deleting it
    leaves them without an organisation, and undoing the deletion gives it back to them."""

    organisation: Organisation
    person_ids: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PersonSnapshot:
    """A person with the meeting actions they owned: deleting the person leaves those
    actions without an owner, and undoing the deletion gives them back."""

    person: Person
    action_ids: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RecordSummary:
    """One row of the records table: the record with its names resolved."""

    id: int
    version: int
    title: str
    donor: str
    recipient: str
    aid_type: AidType
    category: str
    status: StageKind | None
    quantity: int | None
    unit: str
    money: Money | None
    announced_on: FuzzyDate
    delivered_on: FuzzyDate
    updated_at: str
    updated_by: str


@dataclass(frozen=True, kw_only=True)
class MeetingSummary:
    """One row of the meetings table."""

    id: int
    version: int
    title: str
    starts_at: str
    ends_at: str
    place: str
    participants: tuple[str, ...]
    topics: tuple[str, ...]
    updated_at: str
    updated_by: str


@dataclass(frozen=True, kw_only=True)
class SearchHit:
    kind: str  # record, meeting or note
    id: int
    title: str
    snippet: str


@dataclass(frozen=True, kw_only=True)
class CheckReport:
    schema_version: int
    counts: dict[str, int]
    problems: tuple[str, ...]

    @property
    def sound(self) -> bool:
        return not self.problems
