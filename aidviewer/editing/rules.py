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

from aidviewer.store import AidRecord, FuzzyDate, Meeting, Precision, StageKind

# The largest whole number the file can hold (SQLite's 64-bit integers).
LARGEST = 2**63 - 1


@dataclass(frozen=True, eq=False)
class Problem:
    """Why a value cannot be saved. `field` names the record's field ("title",
    "quantity", "currency", "stages") so that a form can show it beside that field.

    The sentence is a `template` with its `values` filled in: the window translates the
    template (context "Rules") before filling it; the command line prints `message`."""

    field: str
    template: str
    values: tuple[tuple[str, str], ...] = ()

    @property
    def message(self) -> str:
        return self.template.format(**dict(self.values))

    # Two problems are the same when they say the same of the same field, however the
    # sentence was put together.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.field, self.message) == (other.field, other.message)

    def __hash__(self) -> int:
        return hash((self.field, self.message))


def problem(field: str, template: str, **values: object) -> Problem:
    """A Problem whose sentence has `values` to fill in: problem("currency", "“{code}”
    is not…", code="XYZ")."""
    return Problem(field, template, tuple((name, str(value)) for name, value in values.items()))


@cache
def known_currencies() -> frozenset[str]:
    """The ISO 4217 codes (pycountry ships the standard's list)."""
    import pycountry  # loaded when a currency is first checked, not at start-up

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
                problem(
                    "currency", "“{code}” is not an ISO 4217 currency code.", code=money.currency
                )
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
                    problem(
                        "stages",
                        "{later} on {later_date} is before {earlier} on {earlier_date}.",
                        later=later.kind.value.capitalize(),
                        later_date=later.date.iso(),
                        earlier=earlier.kind.value,
                        earlier_date=earlier.date.iso(),
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
        problems.append(_not_a_date("starts_at", meeting.starts_at))
    if meeting.ends_at.strip():
        ends = _moment(meeting.ends_at)
        if ends is None:
            problems.append(_not_a_date("ends_at", meeting.ends_at))
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


def _not_a_date(field: str, text: str) -> Problem:
    return problem(field, "“{text}” is not a date such as 2023-11-10 or 2023-11-10T14:30.",
                   text=text)  # fmt: skip
