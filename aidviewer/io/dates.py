"""Dates as people write them in data files, kept as precise as they are.

Aid data gives dates in many hands: "2022-03-01", "2022-03-01 00:00:00" (a spreadsheet's
date-time), "2016-03-31T00:00:00Z" (an API), "12/20/2022", "03/2022", "04/22", "2022",
"1 March 2022", and with a word in front that qualifies them: "until 12/20/2022",
"unclear, 04/22", "not specified, 03/22", "between 3/20/2022 and 7/1/2022". A cell may
also say there is no date at all: ".", "Not given", "undisclosed".

`parse_fuzzy` reads all of these into a `FuzzyDate` at the precision written (day, month,
year or unknown) and returns the qualifying word separately, so that a reader can keep it
as a note beside the date. Text that is not a date, or names a day that does not exist
("06/31/2022"), raises ValueError: a reader turns that into a warning on its record.

Conventions, chosen for the sources aidviewer reads:
- Slashes put the month first ("4/6/2022" is 6 April 2022), as US-made spreadsheets and
  the Kiel Support Tracker write them, unless the first number cannot be a month
  ("24/2/2023" is 24 February). Dots put the day first ("06.04.2022"), as Europe writes.
- A two-digit year is 2000 + year below 70, else 1900 + year ("04/22" is April 2022).
- A time of day and a time zone after a date are dropped: the date is kept as written.
"""

from __future__ import annotations

import re
from datetime import date

from aidviewer.store import FuzzyDate, Precision

# What a cell says when it has no value (compared casefolded, spaces trimmed).
MISSING_MARKERS = frozenset(
    {
        "",
        ".",
        "-",
        "–",
        "—",
        "n/a",
        "na",
        "not given",
        "not available",
        "not specified",
        "undisclosed",
        "unknown",
        "unspecified",
    }
)

_LONGEST_MARKER = max(map(len, MISSING_MARKERS))


def is_missing(text: str | None) -> bool:
    """Whether a cell says there is no value: empty, ".", "Not given", "undisclosed",
    "n/a", "unknown" and the like, in any case."""
    if not text:
        return True
    if len(text) > _LONGEST_MARKER and len(text.strip()) > _LONGEST_MARKER:
        return False  # the common case, answered without building a string
    return " ".join(text.split()).casefold() in MISSING_MARKERS


# Month names and their short forms, as English writes them, to their numbers.
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

# Text is casefolded before it is matched: "T" and "Z" of ISO 8601 arrive as "t" and "z".
_TIME = r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:z|[+-]\d{2}:?\d{2})?)?"
_ISO_DAY = re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"(\d{4})")
_YMD_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_MDY_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_DMY_DOT = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.](\d{4}|\d{2})")
_DAY_NAME_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_NAME_DAY_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_NAME_YEAR = re.compile(r"([a-z]+)\.?,?\s+(\d{4})")
_BETWEEN = re.compile(r"(?:between|from)\s+(.+?)\s+(?:and|to|until)\s+(.+)")


# The longest date a cell may hold ("between 3/20/2022 and 7/1/2022, unclear" is 40).
LONGEST = 100


def parse_fuzzy(text: str | None) -> tuple[FuzzyDate, str]:
    """The date `text` gives, at the precision it gives, and the words that qualify it.

    "until 12/20/2022" is 20 December 2022 with the remark "until"; "unclear, 04/22" is
    April 2022 with the remark "unclear"; "2022" is the year 2022 with no remark; "." or
    "Not given" is an unknown date with no remark. A period ("between 3/20/2022 and
    7/1/2022") is read as the month or year that holds it, or as an unknown date when it
    spans years, with the period written out as the remark.

    Raises ValueError for text that is not a date or names a day that does not exist.
    """
    if is_missing(text):
        return FuzzyDate(), ""
    if text is not None and len(text) > LONGEST:  # no date is written at such length
        raise ValueError(f"a date cell of {len(text):,} characters is not a date")
    assert text is not None  # is_missing(None) is True
    try:
        return _fuzzy(text)
    except _NoSuchDateError as error:
        raise ValueError(f"“{text.strip()}” names no real {error.args[0]}") from None


class _NoSuchDateError(ValueError):
    """A date's shape whose day, month or year does not exist; args[0] names which."""


def _fuzzy(text: str) -> tuple[FuzzyDate, str]:
    clean = " ".join(text.split()).casefold()
    plain = _plain(clean)
    if plain is not None:
        return plain, ""
    between = _BETWEEN.fullmatch(clean)
    if between is not None:
        return _period(text, between.group(1), between.group(2))
    # Words in front that qualify the date ("until", "unclear,", "not specified:"): try
    # each cut, "not" + "specified, 03/22" and then "not specified" + "03/22".
    words = clean.split(" ")
    if words[0][:1].isalpha():
        for cut in range(1, len(words)):
            found = _plain(" ".join(words[cut:]).lstrip(",:; "))
            if found is not None:
                return found, " ".join(words[:cut]).rstrip(",:; ")
    raise ValueError(f"“{text.strip()}” is not a date")


def _period(text: str, first: str, last: str) -> tuple[FuzzyDate, str]:
    start, end = _plain(first), _plain(last)
    if start is None or end is None or start.value is None or end.value is None:
        raise ValueError(f"“{text.strip()}” is not a period between two dates")
    if end.value < start.value:
        raise ValueError(f"“{text.strip()}” ends before it begins")
    remark = f"between {start.iso()} and {end.iso()}"
    if start.value.year != end.value.year:
        return FuzzyDate(), remark
    if (
        start.value.month == end.value.month
        and start.precision is not Precision.YEAR
        and end.precision is not Precision.YEAR
    ):
        return FuzzyDate(start.value.replace(day=1), Precision.MONTH), remark
    return FuzzyDate(date(start.value.year, 1, 1), Precision.YEAR), remark


def _plain(text: str) -> FuzzyDate | None:
    """A date with nothing around it, or None when `text` has no date's shape.
    Raises ValueError when it has one but names no real day ("06/31/2022")."""
    text = text.strip()
    if match := _ISO_DAY.fullmatch(text):
        return _day(match.group(1), match.group(2), match.group(3))
    if match := _ISO_MONTH.fullmatch(text):
        return _month(match.group(1), match.group(2))
    if match := _YEAR.fullmatch(text):
        return _month(match.group(1), None)
    if match := _YMD_SLASH.fullmatch(text):
        return _day(match.group(1), match.group(2), match.group(3))
    if match := _MDY_SLASH.fullmatch(text):
        first, second, year = match.groups()
        if int(first) > 12:  # cannot be a month: the day comes first
            return _day(year, second, first)
        return _day(year, first, second)
    if match := _DMY_DOT.fullmatch(text):
        day, month, year = match.groups()
        return _day(year, month, day)
    if match := _MONTH_YEAR.fullmatch(text):
        return _month(match.group(2), match.group(1))
    if (match := _DAY_NAME_YEAR.fullmatch(text)) and match.group(2) in MONTHS:
        day, name, year = match.groups()
        return _day(year, str(MONTHS[name]), day)
    if (match := _NAME_DAY_YEAR.fullmatch(text)) and match.group(1) in MONTHS:
        name, day, year = match.groups()
        return _day(year, str(MONTHS[name]), day)
    if (match := _NAME_YEAR.fullmatch(text)) and match.group(1) in MONTHS:
        return _month(match.group(2), str(MONTHS[match.group(1)]))
    return None


def _year(year: str) -> int:
    number = int(year)
    if len(year) == 2:
        return 2000 + number if number < 70 else 1900 + number
    return number


def _day(year: str, month: str, day: str) -> FuzzyDate:
    try:
        return FuzzyDate(date(_year(year), int(month), int(day)), Precision.DAY)
    except ValueError:
        raise _NoSuchDateError("day") from None


def _month(year: str, month: str | None) -> FuzzyDate:
    number = _year(year)
    if number < 1:
        raise _NoSuchDateError("year")
    if month is None:
        return FuzzyDate(date(number, 1, 1), Precision.YEAR)
    if not 1 <= int(month) <= 12:
        raise _NoSuchDateError("month")
    return FuzzyDate(date(number, int(month), 1), Precision.MONTH)
