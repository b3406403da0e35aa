"""The rules a record or meeting must pass before it is saved, from any form or script."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from aidviewer.editing import (
    Problem,
    in_euros,
    known_currencies,
    meeting_problems,
    record_problems,
    with_rate,
)
from aidviewer.store import (
    ActionKind,
    AidRecord,
    FuzzyDate,
    Meeting,
    MeetingAction,
    Money,
    Stage,
    StageKind,
)


def _stages(*pairs: tuple[StageKind, str]) -> tuple[Stage, ...]:
    return tuple(Stage(kind=kind, date=FuzzyDate.parse(text)) for kind, text in pairs)


def test_a_sound_record_has_no_problems() -> None:
    record = AidRecord(
        title="NASAMS",
        quantity=0,
        money=Money(amount_minor=100, currency="usd"),
        stages=_stages((StageKind.ANNOUNCED, "2023-11"), (StageKind.DELIVERED, "2023-11-10")),
    )
    assert record_problems(record) == []


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (AidRecord(title=" "), Problem("title", "An aid record needs a title.")),
        (AidRecord(title="x", quantity=-2), Problem("quantity", "A quantity cannot be negative.")),
        (
            AidRecord(title="x", money=Money(amount_minor=1, currency="ABC")),
            Problem("currency", "“ABC” is not an ISO 4217 currency code."),
        ),
        (
            AidRecord(title="x", stages=(Stage(kind=StageKind.DELIVERED, quantity=-1),)),
            Problem("stages", "A stage's quantity cannot be negative."),
        ),
        (
            AidRecord(
                title="x",
                stages=_stages(
                    (StageKind.ANNOUNCED, "2023-11-10"), (StageKind.DELIVERED, "2023-11-09")
                ),
            ),
            Problem("stages", "Delivered on 2023-11-09 is before announced on 2023-11-10."),
        ),
        (
            AidRecord(
                title="x",
                stages=_stages((StageKind.COMMITTED, "2024"), (StageKind.ALLOCATED, "2023-12-31")),
            ),
            Problem("stages", "Allocated on 2023-12-31 is before committed on 2024."),
        ),
    ],
)
def test_each_record_rule_names_its_field(record: AidRecord, expected: Problem) -> None:
    assert record_problems(record) == [expected]


@pytest.mark.parametrize(
    ("announced", "delivered"),
    [("2023-11", "2023-11-10"), ("2023-11-10", "2023-11"), ("2023", "2023-01-01")],
)
def test_dates_are_compared_as_precisely_as_both_are_known(announced: str, delivered: str) -> None:
    """ "Announced in November, delivered on the 10th" is consistent, whichever way round
    the precision falls."""
    record = AidRecord(
        title="x",
        stages=_stages((StageKind.ANNOUNCED, announced), (StageKind.DELIVERED, delivered)),
    )
    assert record_problems(record) == []


def test_a_cancellation_may_come_at_any_time() -> None:
    record = AidRecord(
        title="x",
        stages=_stages((StageKind.DELIVERED, "2023-11-10"), (StageKind.CANCELLED, "2023-01-01")),
    )
    assert record_problems(record) == []


def test_the_currency_list_is_iso_4217() -> None:
    assert {"EUR", "USD", "UAH", "JPY", "KWD"} <= known_currencies()
    assert "XYZ" not in known_currencies() and len(known_currencies()) > 150


@pytest.mark.parametrize(
    ("meeting", "expected"),
    [
        (Meeting(title="", starts_at="2023-11-10"), [Problem("title", "A meeting needs a title.")]),
        (Meeting(title="x", starts_at=""), [Problem("starts_at", "A meeting needs a start date.")]),
        (
            Meeting(title="x", starts_at="soon"),
            [Problem("starts_at", "“soon” is not a date such as 2023-11-10 or 2023-11-10T14:30.")],
        ),
        (
            Meeting(title="x", starts_at="2023-11-10T14:00", ends_at="2023-11-10T13:59"),
            [Problem("ends_at", "A meeting cannot end before it starts.")],
        ),
        (
            Meeting(
                title="x",
                starts_at="2023-11-10",
                actions=(MeetingAction(kind=ActionKind.DECISION, text=" "),),
            ),
            [Problem("actions", "A decision or follow-up needs a text.")],
        ),
        (Meeting(title="x", starts_at="2023-11-10", ends_at="2023-11-10T09:00"), []),
    ],
)
def test_meeting_rules(meeting: Meeting, expected: list[Problem]) -> None:
    assert meeting_problems(meeting) == expected


def test_amounts_without_a_known_rate_keep_no_value() -> None:
    # No date to take a rate from; a currency the ECB does not quote; a date before 1999.
    assert in_euros(100, "USD", None).value_eur_cents is None
    assert in_euros(100, "UAH", date(2023, 11, 10)) == Money(amount_minor=100, currency="UAH")
    assert in_euros(100, "USD", date(1990, 1, 1)).value_eur_cents is None
    assert in_euros(12_345, "eur", None) == Money.eur(12_345)


def test_a_given_rate_converts_to_the_cent() -> None:
    # 1,000 yen (no minor unit) at 160.5 yen per euro is 6.2305... euros: 623 cents.
    money = with_rate(1_000, "JPY", Decimal("160.5"), date(2024, 1, 2))
    assert (money.value_eur_cents, money.eur_rate, money.rate_date) == (
        623,
        Decimal("160.5"),
        date(2024, 1, 2),
    )
