"""Numbers, money and dates written for people, in their locale.

Amounts are integer minor units; they are formatted digit by digit rather than through a
float, so that a large sum is never shown rounded to the nearest representable double.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import QLocale

from aidviewer.store import FuzzyDate, minor_digits

EURO_SIGN = "€"


def format_integer(value: int, locale: QLocale) -> str:
    """An integer with the locale's digits and group separators."""
    return locale.toString(value)


def _exact_number(units: int, digits: int, locale: QLocale, point: str, zero: str) -> str:
    whole, fraction = divmod(abs(units), 10**digits)
    text = locale.toString(whole)
    if digits:
        decimals = str(fraction) if zero == "0" else locale.toString(fraction)
        text += point + decimals.rjust(digits, zero)
    return text


def format_amount(minor: int, digits: int, locale: QLocale) -> str:
    """An amount in minor units as a plain number in the locale ("1,500.50" in en_US),
    written as parse_amount reads it back: for a form's field."""
    sign = locale.negativeSign() if minor < 0 else ""
    return sign + _exact_number(minor, digits, locale, locale.decimalPoint(), locale.zeroDigit())


# (locale, symbol, digits, negative) -> the text before and after the number, the decimal
# point and the zero digit; None where the locale's pattern could not be found. Tables
# format a value for every row shown, and asking Qt for the pattern costs more than the
# rest of the formatting together.
_PATTERNS: dict[tuple[str, str, int, bool], tuple[str, str, str, str] | None] = {}


def format_money(minor: int, currency: str, locale: QLocale, symbol: str | None = None) -> str:
    """An amount in minor units as the locale writes money: "€500,000,000.00" (en_US),
    "500.000.000,00 €" (de_DE). `symbol` defaults to the ISO code with a space."""
    digits = minor_digits(currency)
    sign = symbol if symbol is not None else currency.upper() + " "
    key = (locale.name(), sign, digits, minor < 0)
    if key not in _PATTERNS:
        # Qt knows where the locale puts the symbol and the sign; ask it for a one-unit
        # sample and put the exact digits where the sample's number is.
        pattern = locale.toCurrencyString(-1.0 if minor < 0 else 1.0, sign, digits)
        sample = locale.toString(1.0, "f", digits)
        if sample in pattern:
            before, after = pattern.split(sample, 1)
            _PATTERNS[key] = (before, after, locale.decimalPoint(), locale.zeroDigit())
        else:
            _PATTERNS[key] = None
    found = _PATTERNS[key]
    if found is None:
        return locale.toCurrencyString(minor / 10**digits, sign, digits).strip()
    before, after, point, zero = found
    return (before + _exact_number(minor, digits, locale, point, zero) + after).strip()


def format_eur(cents: int, locale: QLocale) -> str:
    """A value in euro cents: "€500,000,000.00" in en_US."""
    return format_money(cents, "EUR", locale, EURO_SIGN)


def format_fuzzy_date(value: FuzzyDate) -> str:
    """A date written to its precision ("2023-11-10", "2023-11", "2023"); ISO 8601 is
    unambiguous in every locale, unlike "11/10/23"."""
    return value.iso()


def format_date_time(text: str) -> str:
    """An ISO 8601 date or date-time as stored ("2023-11-10T14:30"), without the "T"."""
    date_part, _, time_part = text.partition("T")
    if not time_part:
        return date_part
    time_part = time_part.removesuffix("Z")
    if time_part.count(":") == 2 and time_part.endswith(":00"):
        time_part = time_part[:-3]
    return f"{date_part} {time_part}"


def local_time(stamp: str) -> str:
    """A stored UTC time ("2023-11-10T12:00:00.000Z") in the computer's time zone,
    to the minute: "2023-11-10 14:00"."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def parse_eur(text: str, locale: QLocale) -> int | None:
    """An amount of euros typed in the locale's way ("1,500.50" in en_US, "1.500,50" in
    de_DE, a euro sign allowed) as integer cents; None for empty or unreadable text.
    Parsed digit by digit, never through a float."""
    return parse_amount(text.replace(EURO_SIGN, "").replace("EUR", ""), locale, 2)


def parse_amount(text: str, locale: QLocale, digits: int) -> int | None:
    """An amount typed in the locale's way, with at most `digits` decimals, as integer
    minor units; None for empty, negative or unreadable text."""
    text = text.strip()
    if not text:
        return None
    group, point = locale.groupSeparator(), locale.decimalPoint()
    text = text.replace(group, "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    whole, _, fraction = text.partition(point)
    if not whole:
        whole = "0"
    if not whole.isdigit() or (fraction and not fraction.isdigit()) or len(fraction) > digits:
        return None
    minor: int = int(whole) * 10**digits + int(fraction.ljust(digits, "0") or 0)
    return minor


def format_decimal(value: Decimal, locale: QLocale) -> str:
    """A decimal written in the locale's way with every digit kept (a rate: 1450.25 is
    "1,450.25" in en_US, "1.450,25" in de_DE)."""
    text = format(value, "f")
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    written = locale.toString(int(whole)) + (locale.decimalPoint() + fraction if fraction else "")
    return ("-" if negative else "") + written


def parse_decimal(text: str, locale: QLocale) -> Decimal | None:
    """A positive number with any number of decimals typed in the locale's way, exactly
    (a rate such as "1,450.25" in en_US, "1.450,25" in de_DE); None for empty, negative
    or unreadable text."""
    text = text.strip()
    group, point = locale.groupSeparator(), locale.decimalPoint()
    text = text.replace(group, "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    whole, _, fraction = text.partition(point)
    if not text or not (whole or fraction):
        return None
    if (whole and not whole.isdigit()) or (fraction and not fraction.isdigit()):
        return None
    return Decimal(f"{whole or 0}.{fraction or 0}")


def parse_whole(text: str, locale: QLocale) -> int | None:
    """A whole number typed in the locale's way ("1,500" in en_US, "1.500" in de_DE);
    None for empty or unreadable text. A minus sign is read, for the rules to refuse."""
    text = text.strip()
    negative = text.startswith(("-", "\u2212", locale.negativeSign()))
    digits = text.lstrip("-\u2212" + locale.negativeSign())
    digits = digits.replace(locale.groupSeparator(), "").replace(" ", "").replace("\u00a0", "")
    if not digits.isdigit():
        return None
    return -int(digits) if negative else int(digits)


def plain_tooltip(text: str | None) -> str | None:
    """User text for a tooltip, shown as text. Qt guesses whether a tooltip is rich text,
    so a name like "<img src='file:///…'>" would be rendered (and the file read); escaped
    inside a paragraph it is shown literally, line breaks kept."""
    if not text:
        return None
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"
