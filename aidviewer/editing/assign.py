"""Changes written as FIELD=VALUE, as `aidviewer-cli edit` takes them.

Each assignment is read into the record or meeting the way a form would set it: names
are looked up among the catalogue's organisations (aliases too) and categories, an
amount in another currency gets its value in euros at the ECB rate of the record's
date, and the result must pass the same rules as a form before anything is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    FuzzyDate,
    InvalidValueError,
    Meeting,
    Money,
    Stage,
    StageKind,
    minor_digits,
)

from .rates import in_euros
from .rules import meeting_problems, record_problems

RECORD_FIELDS = {
    "title": "the title",
    "description": "the description",
    "donor": "the donor: an organisation's name or alias ('' for none)",
    "recipient": "the recipient: an organisation's name or alias ('' for none)",
    "implementer": "the implementer: an organisation's name or alias ('' for none)",
    "aid_type": "military, humanitarian or financial",
    "category": "a category's name ('' for none)",
    "item": "what is given",
    "quantity": "a whole number ('' for not stated)",
    "unit": "what the quantity counts",
    "amount": "AMOUNT CURRENCY, e.g. '1500000 USD' ('' for none)",
    "tags": "comma-separated tags",
    **{kind.value: f"the date of the {kind.value} stage ('' removes it)" for kind in StageKind},
}

MEETING_FIELDS = {
    "title": "the title",
    "starts_at": "the start, e.g. 2023-11-10 or 2023-11-10T14:30",
    "ends_at": "the end ('' for none)",
    "place": "where it was held",
    "minutes": "the minutes",
    "topics": "topics separated by ';'",
    "records": "the ids of the aid records discussed, separated by ','",
}


def split_assignments(items: Sequence[str]) -> list[tuple[str, str]]:
    """ "field=value" items as (field, value) pairs; the value may contain '='."""
    pairs = []
    for item in items:
        field, equals, value = item.partition("=")
        if not equals or not field.strip():
            raise InvalidValueError(f"“{item}” is not FIELD=VALUE.")
        pairs.append((field.strip().lower(), value))
    return pairs


def assign_record(
    catalogue: Catalogue, record: AidRecord, pairs: Sequence[tuple[str, str]]
) -> AidRecord:
    """The record with these fields changed; InvalidValueError names the first problem."""
    changes: dict[str, object] = {}
    amount: tuple[int, str] | bool | None = False  # False: not assigned
    stages = list(record.stages)
    for field, value in pairs:
        if field not in RECORD_FIELDS:
            raise InvalidValueError(
                f"An aid record has no field “{field}”; it has {', '.join(RECORD_FIELDS)}."
            )
        text = value.strip()
        if field in ("title", "description", "item", "unit"):
            changes[field] = value if field == "description" else text
        elif field in ("donor", "recipient", "implementer"):
            changes[f"{field}_id"] = _organisation(catalogue, text)
        elif field == "aid_type":
            changes["aid_type"] = _choice(AidType, text, "aid type")
        elif field == "category":
            changes["category_id"] = _category(catalogue, text)
        elif field == "quantity":
            changes["quantity"] = _whole(text, "quantity")
        elif field == "amount":
            amount = _amount(text)
        elif field == "tags":
            changes["tags"] = tuple(tag.strip() for tag in text.split(",") if tag.strip())
        else:
            stages = _with_stage_date(stages, StageKind(field), text)
    changes["stages"] = tuple(stages)
    edited = dataclasses.replace(record, **changes)  # type: ignore[arg-type]
    if amount is not False:
        edited = dataclasses.replace(edited, money=_money(amount, edited))
    problems = record_problems(edited)
    if problems:
        raise InvalidValueError(problems[0].message)
    return edited


def assign_meeting(meeting: Meeting, pairs: Sequence[tuple[str, str]]) -> Meeting:
    changes: dict[str, object] = {}
    for field, value in pairs:
        if field not in MEETING_FIELDS:
            raise InvalidValueError(
                f"A meeting has no field “{field}”; it has {', '.join(MEETING_FIELDS)}."
            )
        text = value.strip()
        if field == "minutes":
            changes[field] = value
        elif field == "topics":
            changes[field] = tuple(topic.strip() for topic in text.split(";") if topic.strip())
        elif field == "records":
            changes["record_ids"] = tuple(
                _whole(part.strip(), "record id") for part in text.split(",") if part.strip()
            )
        else:
            changes[field] = text
    edited = dataclasses.replace(meeting, **changes)  # type: ignore[arg-type]
    problems = meeting_problems(edited)
    if problems:
        raise InvalidValueError(problems[0].message)
    return edited


def _organisation(catalogue: Catalogue, name: str) -> int | None:
    if not name:
        return None
    found = catalogue.find_organisation(name)
    if found is None:
        raise InvalidValueError(f"The catalogue has no organisation named “{name}”.")
    return found.id


def _category(catalogue: Catalogue, name: str) -> int | None:
    if not name:
        return None
    found = catalogue.category_named(name)
    if found is None:
        raise InvalidValueError(f"The catalogue has no category named “{name}”.")
    return found.id


def _choice(kind: type[AidType], text: str, what: str) -> AidType:
    try:
        return kind(text.lower())
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise InvalidValueError(f"“{text}” is not an {what}: use one of {choices}.") from None


def _whole(text: str, what: str) -> int | None:
    if not text:
        return None
    try:
        return int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise InvalidValueError(f"The {what} “{text}” is not a whole number.") from None


def _amount(text: str) -> tuple[int, str] | None:
    """'1500000.50 USD' as (minor units, currency); None for ''."""
    if not text:
        return None
    number, _, currency = text.rpartition(" ")
    currency = currency.upper()
    if not number or len(currency) != 3 or not currency.isalpha():
        raise InvalidValueError(f"“{text}” is not an amount and a currency, e.g. 1500000 USD.")
    try:
        amount = Decimal(number.replace(",", "").replace("_", "").strip())
    except InvalidOperation:
        raise InvalidValueError(f"“{number}” is not a number.") from None
    if not amount.is_finite():
        raise InvalidValueError(f"“{number}” is not a number.")
    minor = amount.scaleb(minor_digits(currency))
    if minor != minor.to_integral_value():
        raise InvalidValueError(f"{currency} has {minor_digits(currency)} decimal places.")
    return int(minor), currency


def _money(amount: tuple[int, str] | bool | None, record: AidRecord) -> Money | None:
    """The amount valued in euros at the rate of the record's first dated stage."""
    if amount is None or isinstance(amount, bool):
        return None
    minor, currency = amount
    return in_euros(minor, currency, _record_day(record))


def _record_day(record: AidRecord) -> date | None:
    for stage in record.stages:
        if stage.date.value is not None:
            return stage.date.value
    return None


def _with_stage_date(stages: list[Stage], kind: StageKind, text: str) -> list[Stage]:
    """The first stage of `kind` moved to the date `text`, added if there is none;
    removed for ''."""
    position = next((i for i, stage in enumerate(stages) if stage.kind is kind), None)
    if not text:
        return [stage for i, stage in enumerate(stages) if i != position]
    try:
        when = FuzzyDate.parse(text)
    except ValueError:
        raise InvalidValueError(
            f"“{text}” is not a date such as 2023-11-10, 2023-11 or 2023."
        ) from None
    if position is None:
        added = [*stages, Stage(kind=kind, date=when)]
        return sorted(added, key=lambda stage: stage.kind.rank)
    stages = list(stages)
    stages[position] = dataclasses.replace(stages[position], date=when)
    return stages
