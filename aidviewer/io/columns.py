"""The record fields a column of a CSV or XLSX table can hold, how headers name them, and
how their cells are read.

A table's first row names its columns. Each `Field` has one canonical header, the one the
export writes, and the other spellings it is recognised by. Headers are compared without
case, spaces or punctuation, and "€" reads as "EUR": "Value (EUR)", "value_eur" and
"VALUE €" are the same header. The canonical headers are among the spellings, so a table
exported from a catalogue imports back with no mapping step.

Cells are read leniently, as people type them in spreadsheets: amounts with either decimal
mark and any grouping ("1,500,000.50", "1.500.000,50", "€ 1 500", "2.5 million"), dates
at day, month or year precision in ISO and the common European and English forms.

A text cell that a spreadsheet would take for a formula (it begins with = + - @, a tab, a
line break or NUL) is written with a leading apostrophe, the guard spreadsheets
themselves use; `unguard` takes it off again when such a table is read back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

from aidviewer.store import AidType, FuzzyDate, Precision, StageKind

from .dates import MONTHS as _MONTHS


class Field(StrEnum):
    """A record field a table column can map to. The value is a stable name for settings."""

    REF = "ref"
    TITLE = "title"
    DESCRIPTION = "description"
    DONOR = "donor"
    DONOR_CODE = "donor_code"
    RECIPIENT = "recipient"
    RECIPIENT_CODE = "recipient_code"
    IMPLEMENTER = "implementer"
    AID_TYPE = "aid_type"
    CATEGORY = "category"
    CATEGORY_CODE = "category_code"
    ITEM = "item"
    QUANTITY = "quantity"
    UNIT = "unit"
    AMOUNT = "amount"
    CURRENCY = "currency"
    VALUE_EUR = "value_eur"
    ANNOUNCED = "announced"
    COMMITTED = "committed"
    DELIVERED = "delivered"
    STATUS = "status"
    TAGS = "tags"
    SOURCE_URL = "source_url"
    NOTES = "notes"

    @property
    def header(self) -> str:
        """The header the export writes for this field, and its name in a mapping step."""
        return _FIELDS[self][0]

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every header recognised as this field, the canonical one first."""
        return _FIELDS[self]


# Canonical header first. Spellings are compared normalised (see `normalise_header`), so
# "Date of delivery" also matches "date-of-delivery" and "DATE OF DELIVERY".
_FIELDS: dict[Field, tuple[str, ...]] = {
    Field.REF: (
        "Reference",
        "Ref",
        "ID",
        "Source ID",
        "Identifier",
        "Record ID",
        "Reference number",
        "Ref no",
    ),
    Field.TITLE: (
        "Title",
        "Name",
        "Project",
        "Project title",
        "Activity",
        "Activity title",
        "Aid title",
        "Headline",
    ),
    Field.DESCRIPTION: (
        "Description",
        "Details",
        "Summary",
        "Project description",
        "Activity description",
        "Explanation",
    ),
    Field.DONOR: (
        "Donor",
        "Country",
        "Countries",
        "Provider",
        "Donor country",
        "Donor name",
        "Provider country",
        "Funder",
        "Donor organisation",
        "Donor organization",
    ),
    Field.DONOR_CODE: (
        "Donor code",
        "Donor ISO",
        "Donor ISO code",
        "Country code",
        "ISO",
        "ISO code",
        "ISO2",
        "ISO3",
        "Provider code",
    ),
    Field.RECIPIENT: (
        "Recipient",
        "Recipient country",
        "Recipient name",
        "Beneficiary",
        "Receiver",
        "Recipient organisation",
        "Recipient organization",
    ),
    Field.RECIPIENT_CODE: ("Recipient code", "Recipient ISO", "Recipient ISO code"),
    Field.IMPLEMENTER: (
        "Implementer",
        "Implementing organisation",
        "Implementing organization",
        "Implementing agency",
        "Implementing partner",
        "Executing agency",
        "Channel",
    ),
    Field.AID_TYPE: ("Aid type", "Type", "Type of aid", "Kind of aid", "Aid kind"),
    Field.CATEGORY: ("Category", "Sector", "Aid category", "Subcategory"),
    Field.CATEGORY_CODE: ("Category code", "Sector code", "DAC code", "Purpose code", "CRS code"),
    Field.ITEM: ("Item", "Items", "Equipment", "Goods", "Item name", "Weapon", "Weapons"),
    Field.QUANTITY: ("Quantity", "Qty", "Number", "Count", "Number of items"),
    Field.UNIT: ("Unit", "Units", "Unit of measure", "UoM"),
    Field.AMOUNT: (
        "Amount",
        "Value",
        "Sum",
        "Total",
        "Original amount",
        "Amount (original currency)",
        "Amount in original currency",
        "Value (original currency)",
    ),
    Field.CURRENCY: ("Currency", "Currency code", "Ccy", "Cur"),
    Field.VALUE_EUR: (
        "Value (EUR)",
        "EUR",
        "Value in EUR",
        "EUR value",
        "Euro value",
        "Value in euros",
        "Amount (EUR)",
        "Amount in EUR",
        "Amount in euros",
    ),
    Field.ANNOUNCED: (
        "Announced",
        "Announced on",
        "Announcement",
        "Announcement date",
        "Date announced",
        "Date of announcement",
    ),
    Field.COMMITTED: (
        "Committed",
        "Committed on",
        "Commitment date",
        "Date committed",
        "Date of commitment",
        "Pledged",
        "Pledge date",
        "Date pledged",
    ),
    Field.DELIVERED: (
        "Delivered",
        "Delivered on",
        "Delivery",
        "Delivery date",
        "Date delivered",
        "Date of delivery",
    ),
    Field.STATUS: ("Status", "Stage", "State"),
    Field.TAGS: ("Tags", "Tag", "Keywords", "Labels"),
    Field.SOURCE_URL: ("Source URL", "Source", "Sources", "URL", "Link", "Source link"),
    Field.NOTES: ("Notes", "Note", "Remarks", "Comments", "Comment"),
}

# The columns of an exported table, in order. Every one reads back as itself.
EXPORT_FIELDS: tuple[Field, ...] = (
    Field.REF,
    Field.TITLE,
    Field.DESCRIPTION,
    Field.DONOR,
    Field.RECIPIENT,
    Field.IMPLEMENTER,
    Field.AID_TYPE,
    Field.CATEGORY,
    Field.ITEM,
    Field.QUANTITY,
    Field.UNIT,
    Field.AMOUNT,
    Field.CURRENCY,
    Field.VALUE_EUR,
    Field.ANNOUNCED,
    Field.COMMITTED,
    Field.DELIVERED,
    Field.STATUS,
    Field.TAGS,
)

_NOT_WORD = re.compile(r"[\W_]+")


def normalise_header(header: str) -> str:
    """`header` as compared: case-folded, "€" as "eur", without spaces or punctuation."""
    return _NOT_WORD.sub("", header.casefold().replace("€", "eur"))


_BY_SPELLING: dict[str, Field] = {
    normalise_header(spelling): field
    for field, spellings in _FIELDS.items()
    for spelling in spellings
}
if len(_BY_SPELLING) != sum(len(spellings) for spellings in _FIELDS.values()):
    raise AssertionError("two fields share a header spelling")


def field_for_header(header: str) -> Field | None:
    """The field `header` names, or None when it names none."""
    return _BY_SPELLING.get(normalise_header(header))


def match_headers(headers: Sequence[str]) -> dict[int, Field]:
    """Column index → field for the headers that name a field. A field is given to the
    first column that names it; later columns naming it again, and columns naming no
    field, are left out (the import ignores them)."""
    mapping: dict[int, Field] = {}
    taken: set[Field] = set()
    for index, header in enumerate(headers):
        field = field_for_header(header)
        if field is not None and field not in taken:
            mapping[index] = field
            taken.add(field)
    return mapping


# --- Cells ------------------------------------------------------------------------------

# Characters a text cell must not hold: C0 and C1 controls except tab and line breaks,
# DEL, and lone surrogates (what an undecodable byte becomes when a file is decoded with
# "surrogateescape"). Spreadsheets refuse them and they are invisible in the catalogue.
BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# What makes a spreadsheet read a cell as a formula (or a DDE command).
FORMULA_STARTS = frozenset("=+-@\t\r\n\0")
GUARD = "'"


def guard(text: str) -> str:
    """`text` as a cell no spreadsheet runs: an apostrophe before it when it would begin a
    formula, also when it begins with apostrophes before such a character, so that
    `unguard` gives back exactly `text`."""
    if text.lstrip(GUARD)[:1] in FORMULA_STARTS:
        return GUARD + text
    return text


def unguard(text: str) -> str:
    """The cell's text with the export's guard apostrophe taken off (the inverse of
    `guard`). An apostrophe that guards nothing, as in "'Tis", stays."""
    if text[:1] == GUARD and text.lstrip(GUARD)[:1] in FORMULA_STARTS:
        return text[1:]
    return text


def clean_text(text: str) -> str:
    """`text` without the characters a table cell cannot hold (see BAD_CHARACTERS)."""
    return BAD_CHARACTERS.sub("", text)


# Cells people fill in to say "no value".
_NO_VALUE = frozenset({"", "-", "–", "—", "n/a", "na", "n.a.", "?", "unknown", "none", "null"})


def is_no_value(text: str) -> bool:
    return text.strip().casefold() in _NO_VALUE


_SPACES = re.compile("[\\s\u00a0\u202f\u2009\u2007]+")
# sign, currency before, sign, digits with marks, currency or scale after; "\u2212" is
# the minus sign of typeset numbers.
_AMOUNT = re.compile(r"([-+\u2212]?)([^\d\-+\u2212.,]*?)([-+\u2212]?)(\d[\d.,'’]*)(\D*)")
_CURRENCY_SIGNS = {
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "$": "USD",
    "us$": "USD",
    "£": "GBP",
    "₴": "UAH",
    "zł": "PLN",
}
_SCALES = (
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("mln", 6),
    ("bln", 9),
    ("mn", 6),
    ("bn", 9),
    ("k", 3),
    ("m", 6),
)
_CODE = re.compile(r"[a-z]{3}")
_MAX_DIGITS = 40  # far beyond any amount; keeps a pasted blob from becoming a number


@lru_cache(maxsize=256)
def parse_currency(text: str) -> str | None:
    """An ISO 4217 code (upper case) from a code or a sign ("eur", "€", "$"); "" for an
    empty cell, None when the cell is neither."""
    return _currency(unguard(text.strip()).casefold())


def _currency(text: str) -> str | None:
    if not text:
        return ""
    if text in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[text]
    if _CODE.fullmatch(text):
        return text.upper()
    return None


def _affix(text: str) -> tuple[str, int]:
    """The currency and the power of ten that words or signs around a number give."""
    text = text.casefold().rstrip(".")
    for word, power in _SCALES:
        for rest in (
            text[len(word) :] if text.startswith(word) else None,
            text[: -len(word)] if text.endswith(word) else None,
        ):
            if rest is not None and (currency := _currency(rest)) is not None:
                return currency, power
    currency = _currency(text)
    if currency is None:
        raise ValueError(text)
    return currency, 0


def parse_amount(text: str, *, decimal_comma: bool = False) -> tuple[Decimal, str]:
    """The number in `text` and the currency it names ("" if none); ValueError if it holds
    no number.

    The decimal mark is the last of "." and "," when both are there; a mark that occurs
    more than once groups thousands. A single mark followed by exactly three digits is
    ambiguous ("1,500", "1.500"): it groups thousands when it is the file's thousands
    separator ("," normally, "." when `decimal_comma`), else it is the decimal mark.
    Spaces and apostrophes group thousands; parentheses or a minus make it negative.
    """
    text = _SPACES.sub("", unguard(text.strip()))
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    match = _AMOUNT.fullmatch(text)
    if match is None:
        raise ValueError(text)
    sign, prefix, sign_after, number, suffix = match.groups()
    if sign and sign_after:
        raise ValueError(text)
    currency, power = _affix(prefix) if prefix else ("", 0)
    if suffix:
        suffix_currency, power = _affix(suffix)
        if currency and suffix_currency:
            raise ValueError(text)
        currency = currency or suffix_currency
    negative = negative != ((sign or sign_after) in ("-", "\u2212"))
    number = number.replace("'", "").replace("’", "")
    if len(number) > _MAX_DIGITS:
        raise ValueError(text)
    value = Decimal(_plain_number(number, decimal_comma))
    if power:
        value *= Decimal(10) ** power
    return (-value if negative else value), currency


def _plain_number(number: str, decimal_comma: bool) -> str:
    dots, commas = number.count("."), number.count(",")
    if dots and commas:
        mark = "." if number.rfind(".") > number.rfind(",") else ","
        other = "," if mark == "." else "."
        if number.count(mark) > 1 or number.rfind(other) > number.rfind(mark):
            raise ValueError(number)
        return number.replace(other, "").replace(mark, ".")
    if not dots and not commas:
        return number
    mark = "." if dots else ","
    if dots + commas > 1:
        return number.replace(mark, "")
    whole, _, fraction = number.partition(mark)
    if len(fraction) == 3 and whole.lstrip("0"):
        thousands = "." if decimal_comma else ","
        if mark == thousands:
            return whole + fraction
    return f"{whole}.{fraction}"


# A number that reads the same with either decimal mark: no grouping, and a fraction that
# is not three digits long ("1.500" is ambiguous). Most cells are such; they skip the rest.
PLAIN_NUMBER = re.compile(r"-?\d{1,30}(?:\.(?:\d{1,2}|\d{4,12}))?")


def parse_decimal(text: str, *, decimal_comma: bool = False) -> Decimal | None:
    """A number cell: None when empty, ValueError when not a number."""
    if PLAIN_NUMBER.fullmatch(text):
        return Decimal(text)
    if is_no_value(text):
        return None
    try:
        return parse_amount(text, decimal_comma=decimal_comma)[0]
    except InvalidOperation as error:
        raise ValueError(text) from error


# Dates are matched case-folded: "T" and "Z" of ISO 8601 are lower case here.
_TIME = r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?" + _TIME)
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME)
_DAY_NAME_YEAR = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\.?\s+)?([a-z]+)\.?,?\s+(\d{4})")
_NAME_DAY_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_YEARS = range(1800, 2201)


def _fuzzy(year: str, month: str | int | None, day: str | None) -> FuzzyDate:
    if int(year) not in _YEARS:
        raise ValueError(year)
    if month is None:
        return FuzzyDate(date(int(year), 1, 1), Precision.YEAR)
    if day is None:
        return FuzzyDate(date(int(year), int(month), 1), Precision.MONTH)
    return FuzzyDate(date(int(year), int(month), int(day)), Precision.DAY)


@lru_cache(maxsize=4096)  # a table repeats its dates; a FuzzyDate is immutable
def parse_date(text: str) -> FuzzyDate:
    """A date cell at the precision it is written to; unknown when empty; ValueError
    when it is not a date.

    Read: ISO "2022-03-01", "2022-03", "2022" (also with "/" or "." and a time of day);
    "03/2022"; "01.03.2022" and "01/03/2022" day first (month first only when the
    first number cannot be a month, "03/15/2022"); "1 March 2022", "March 2022",
    "March 1, 2022" with English month names or their abbreviations.
    """
    text = " ".join(unguard(text.strip()).casefold().split())
    if text in _NO_VALUE:
        return FuzzyDate()
    if match := _ISO.fullmatch(text):
        return _fuzzy(*match.groups())
    if match := _MONTH_YEAR.fullmatch(text):
        return _fuzzy(match[2], match[1], None)
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        first, _, second, year = match.groups()
        if match[2] == "/" and int(second) > 12 >= int(first):
            first, second = second, first
        return _fuzzy(year, second, first)
    if match := _DAY_NAME_YEAR.fullmatch(text):
        day, name, year = match.groups()
        if name in _MONTHS:
            return _fuzzy(year, _MONTHS[name], day)
    if match := _NAME_DAY_YEAR.fullmatch(text):
        name, day, year = match.groups()
        if name in _MONTHS:
            return _fuzzy(year, _MONTHS[name], day)
    raise ValueError(text)


@lru_cache(maxsize=256)
def parse_aid_type(text: str) -> AidType | None:
    """ "military", "Military aid", "HUMANITARIAN ASSISTANCE", "Financial support"…;
    None when the cell names none of the three."""
    word = normalise_header(text)
    for prefix, aid_type in (
        ("milit", AidType.MILITARY),
        ("humanit", AidType.HUMANITARIAN),
        ("financ", AidType.FINANCIAL),
        ("macrofinanc", AidType.FINANCIAL),
        ("budget", AidType.FINANCIAL),
    ):
        if word.startswith(prefix):
            return aid_type
    return None


_STATUS_WORDS: dict[str, StageKind] = {
    **dict.fromkeys(("announced", "announcement", "planned", "proposed"), StageKind.ANNOUNCED),
    **dict.fromkeys(
        ("committed", "commitment", "pledged", "pledge", "agreed", "approved"),
        StageKind.COMMITTED,
    ),
    **dict.fromkeys(("allocated", "allocation", "contracted"), StageKind.ALLOCATED),
    **dict.fromkeys(
        ("delivered", "delivery", "disbursed", "completed", "handedover", "done"),
        StageKind.DELIVERED,
    ),
    **dict.fromkeys(("cancelled", "canceled", "withdrawn"), StageKind.CANCELLED),
}


@lru_cache(maxsize=256)
def parse_status(text: str) -> StageKind | None:
    """The stage a status cell names ("Delivered", "pledged", "handed over"…), or None."""
    return _STATUS_WORDS.get(normalise_header(text))


_LIST_SEPARATOR = re.compile(r"[,;]")


@lru_cache(maxsize=1024)  # tags repeat from row to row
def split_tags(text: str) -> tuple[str, ...]:
    """A tags cell: tags separated by commas or semicolons, each once, in order."""
    tags: dict[str, str] = {}
    for tag in _LIST_SEPARATOR.split(text):
        tag = tag.strip()
        if tag:
            tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())
