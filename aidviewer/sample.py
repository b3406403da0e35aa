"""The sample catalogue: the press release in `resources/sample/` as catalogue content.

The content lives in a readable TOML file; this module turns it into store calls. Entries
refer to each other by a `key` that exists only in the file.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .resources import resource
from .store import (
    ActionKind,
    AidRecord,
    AidType,
    Catalogue,
    Category,
    FuzzyDate,
    Meeting,
    MeetingAction,
    Money,
    Note,
    Organisation,
    OrganisationKind,
    Participant,
    Person,
    Source,
    SourceKind,
    Stage,
    StageKind,
    minor_digits,
)

SAMPLE_FILE = resource("sample", "lithuania-ukraine-2023.toml")
# Who the sample's rows and history are attributed to: not whoever happened to create it.
SAMPLE_USER = "aidviewer sample"


class SampleError(ValueError):
    """The sample file does not describe a valid catalogue."""


def _money(entry: dict[str, Any], where: str) -> Money | None:
    if "amount" not in entry:
        return None
    currency = str(entry.get("currency", "EUR")).upper()
    try:
        minor = Decimal(str(entry["amount"])).scaleb(minor_digits(currency))
    except InvalidOperation as error:
        raise SampleError(f"{where}: amount {entry['amount']!r} is not a number") from error
    if minor != minor.to_integral_value():
        raise SampleError(f"{where}: amount {entry['amount']!r} has too many decimals")
    if currency != "EUR":
        raise SampleError(f"{where}: the sample gives amounts in EUR only")
    return Money.eur(int(minor))


def _lookup(keys: dict[str, int], key: str | None, where: str) -> int | None:
    if key is None:
        return None
    try:
        return keys[key]
    except KeyError:
        raise SampleError(f"{where}: unknown key {key!r}") from None


def fill_sample(catalogue: Catalogue, path: Path = SAMPLE_FILE) -> None:
    """Add the sample content to `catalogue` (normally a new, empty one), all or nothing.
    Rows and notes are signed by the catalogue's user: create it with SAMPLE_USER."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    with catalogue.batch():
        _fill(catalogue, data)


def _fill(catalogue: Catalogue, data: dict[str, Any]) -> None:
    meta = data.get("meta", {})
    dating_note = " ".join(str(meta.get("dating_note", "")).split())

    sources: dict[str, int] = {}
    for entry in data.get("source", []):
        sources[entry["key"]] = catalogue.add_source(
            Source(
                title=entry["title"],
                kind=SourceKind(entry.get("kind", "other")),
                publisher=entry.get("publisher", ""),
                published=FuzzyDate.parse(entry.get("published")),
                url=entry.get("url", ""),
            )
        ).id

    organisations: dict[str, int] = {}
    for entry in data.get("organisation", []):
        organisations[entry["key"]] = catalogue.add_organisation(
            Organisation(
                name=entry["name"],
                kind=OrganisationKind(entry.get("kind", "other")),
                country=entry.get("country"),
                iati_id=entry.get("iati_id"),
                aliases=tuple(entry.get("aliases", ())),
            )
        ).id

    people: dict[str, int] = {}
    for entry in data.get("person", []):
        where = f"person {entry['key']!r}"
        people[entry["key"]] = catalogue.add_person(
            Person(
                name=entry["name"],
                role=entry.get("role", ""),
                organisation_id=_lookup(organisations, entry.get("organisation"), where),
            )
        ).id

    categories: dict[str, int] = {}
    for entry in data.get("category", []):
        aid_type = entry.get("aid_type")
        categories[entry["name"]] = catalogue.add_category(
            Category(name=entry["name"], aid_type=AidType(aid_type) if aid_type else None)
        ).id

    records: dict[str, int] = {}
    for entry in data.get("record", []):
        where = f"record {entry['key']!r}"
        stages = tuple(
            Stage(
                kind=StageKind(stage["kind"]),
                date=FuzzyDate.parse(stage.get("date")),
                quantity=stage.get("quantity"),
                money=_money(stage, where),
                note=stage.get("note", ""),
            )
            for stage in entry.get("stages", [])
        )
        record = catalogue.add_record(
            AidRecord(
                title=entry["title"],
                description=" ".join(entry.get("description", "").split()),
                donor_id=_lookup(organisations, entry.get("donor"), where),
                recipient_id=_lookup(organisations, entry.get("recipient"), where),
                implementer_id=_lookup(organisations, entry.get("implementer"), where),
                aid_type=AidType(entry.get("aid_type", "military")),
                category_id=_lookup(categories, entry.get("category"), where),
                item=entry.get("item", ""),
                quantity=entry.get("quantity"),
                unit=entry.get("unit", ""),
                money=_money(entry, where),
                stages=stages,
                source_ids=tuple(
                    _lookup(sources, key, where) or 0 for key in entry.get("sources", [])
                ),
                tags=tuple(entry.get("tags", ())),
            )
        )
        records[entry["key"]] = record.id
        if dating_note:
            catalogue.add_note(Note(record_id=record.id, body=dating_note, pinned=True))

    for entry in data.get("meeting", []):
        where = f"meeting {entry['key']!r}"
        meeting = catalogue.add_meeting(
            Meeting(
                title=entry["title"],
                starts_at=entry["starts_at"],
                ends_at=entry.get("ends_at", ""),
                place=entry.get("place", ""),
                participants=tuple(
                    Participant(
                        person_id=_lookup(people, p["person"], where) or 0, role=p.get("role", "")
                    )
                    for p in entry.get("participants", [])
                ),
                topics=tuple(entry.get("topics", ())),
                minutes=_paragraphs(entry.get("minutes", "")),
                actions=tuple(
                    MeetingAction(
                        kind=ActionKind(a["kind"]),
                        text=a["text"],
                        owner_id=_lookup(people, a.get("owner"), where),
                    )
                    for a in entry.get("actions", [])
                ),
                record_ids=tuple(
                    _lookup(records, key, where) or 0 for key in entry.get("records", [])
                ),
                source_ids=tuple(
                    _lookup(sources, key, where) or 0 for key in entry.get("sources", [])
                ),
            )
        )
        if dating_note:
            catalogue.add_note(Note(meeting_id=meeting.id, body=dating_note, pinned=True))


def _paragraphs(text: str) -> str:
    """Join the file's wrapped lines; keep blank-line paragraph breaks."""
    return "\n\n".join(" ".join(block.split()) for block in text.split("\n\n") if block.strip())
