"""What makes an aid record or a meeting fit to save, field by field.

The forms show each problem beside its field while the person types and keep Save
disabled; the command line refuses an edit with the first problem. Both ask here, so a
rule holds wherever a change comes from. The store checks the essentials again as its
last line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

import pycountry

from aidviewer.store import AidRecord, FuzzyDate, Meeting, Precision, StageKind

# The largest whole number the file can hold (SQLite's 64-bit integers).
LARGEST = 2**63 - 1


@dataclass(frozen=True)
class Problem:
    """Why a value cannot be saved. `field` names the record's field ("title",
    "quantity", "currency", "stages") so that a form can show it beside that field."""

    field: str
    message: str


@cache
def known_currencies() -> frozenset[str]:
    """The ISO 4217 codes (pycountry ships the standard's list)."""
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def record_problems(record: AidRecord) -> list[Problem]:
    problems: list[Problem] = []
    if not record.title.strip():
        problems.append(Problem("title", "An aid record needs a title."))
    if record.quantity is not None and record.quantity < 0:
        problems.append(Problem("quantity", "A quantity cannot be negative."))
    elif record.quantity is not None and record.quantity > LARGEST:
        problems.append(Problem("quantity", "That quantity is too large to be real."))
    monies = [record.money, *(stage.money for stage in record.stages)]
    for money in monies:
        if money is None:
            continue
        if abs(money.amount_minor) > LARGEST:
            problems.append(Problem("amount", "That amount is too large to be real."))
            break
        if money.eur_rate is not None and not (money.eur_rate.is_finite() and money.eur_rate > 0):
            problems.append(Problem("rate", "A rate is a number of units to the euro, above 0."))
            break
        if money.currency.upper() not in known_currencies():
            problems.append(
                Problem("currency", f"“{money.currency}” is not an ISO 4217 currency code.")
            )
            break
    for stage in record.stages:
        if stage.quantity is not None and stage.quantity < 0:
            problems.append(Problem("stages", "A stage's quantity cannot be negative."))
            break
    problems.extend(_stage_order(record))
    return problems


def _stage_order(record: AidRecord) -> list[Problem]:
    """A stage cannot be dated before a stage that must come first (delivered before
    announced, say). Dates are compared as precisely as the vaguer of the two is known:
    "2023-11" is not before "2023-11-10"."""
    dated = [
        stage
        for stage in record.stages
        if stage.date.value is not None and stage.kind is not StageKind.CANCELLED
    ]
    for later in dated:
        for earlier in dated:
            if earlier.kind.rank < later.kind.rank and _before(later.date, earlier.date):
                return [
                    Problem(
                        "stages",
                        f"{later.kind.value.capitalize()} on {later.date.iso()} is before "
                        f"{earlier.kind.value} on {earlier.date.iso()}.",
                    )
                ]
    return []


def _before(first: FuzzyDate, second: FuzzyDate) -> bool:
    assert first.value is not None and second.value is not None
    coarse = {Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3}
    level = min(coarse[first.precision], coarse[second.precision])
    key = ("year", "month", "day")[:level]
    return tuple(getattr(first.value, k) for k in key) < tuple(
        getattr(second.value, k) for k in key
    )


def meeting_problems(meeting: Meeting) -> list[Problem]:
    problems: list[Problem] = []
    if not meeting.title.strip():
        problems.append(Problem("title", "A meeting needs a title."))
    starts = _moment(meeting.starts_at)
    if not meeting.starts_at.strip():
        problems.append(Problem("starts_at", "A meeting needs a start date."))
    elif starts is None:
        problems.append(Problem("starts_at", _not_a_date(meeting.starts_at)))
    if meeting.ends_at.strip():
        ends = _moment(meeting.ends_at)
        if ends is None:
            problems.append(Problem("ends_at", _not_a_date(meeting.ends_at)))
        elif (
            starts is not None
            and (ends.tzinfo is None) == (starts.tzinfo is None)  # comparable at all
            and ends < starts
        ):
            problems.append(Problem("ends_at", "A meeting cannot end before it starts."))
    for action in meeting.actions:
        if not action.text.strip():
            problems.append(Problem("actions", "A decision or follow-up needs a text."))
            break
    return problems


def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _not_a_date(text: str) -> str:
    return f"“{text}” is not a date such as 2023-11-10 or 2023-11-10T14:30."
