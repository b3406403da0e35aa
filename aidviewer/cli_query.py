"""The command line's filter options, turned into the same store queries the window uses."""

from __future__ import annotations

import argparse
import calendar
from datetime import date
from typing import Any

from .store import (
    Catalogue,
    CatalogueError,
    FuzzyDate,
    MeetingQuery,
    MeetingSort,
    Precision,
    RecordQuery,
    RecordSort,
    StageKind,
)

RECORD_SORTS = [sort.value for sort in RecordSort]
MEETING_SORTS = [sort.value for sort in MeetingSort]


def add_filter_options(parser: argparse.ArgumentParser, *, meetings: bool) -> None:
    what = "meetings that discussed a record" if meetings else "records"
    group = parser.add_argument_group("narrowing and order")
    group.add_argument(
        "--search",
        metavar="TEXT",
        default="",
        help="full-text search; each word matches as a prefix, ignoring case and accents",
    )
    group.add_argument(
        "--donor",
        metavar="NAME",
        action="append",
        default=[],
        help=f"{what} of this donor (a name or alias; repeat for several)",
    )
    group.add_argument(
        "--category", metavar="NAME", action="append", default=[], help=f"{what} in this category"
    )
    group.add_argument(
        "--status",
        metavar="STAGE",
        action="append",
        default=[],
        choices=[stage.value for stage in StageKind],
        help=f"{what} at this stage: " + ", ".join(stage.value for stage in StageKind),
    )
    dated = "meetings starting" if meetings else "records with a stage dated"
    group.add_argument("--from", dest="date_from", metavar="DATE", help=f"{dated} on or after DATE")
    group.add_argument("--to", dest="date_to", metavar="DATE", help=f"{dated} on or before DATE")
    sorts = MEETING_SORTS if meetings else RECORD_SORTS
    group.add_argument(
        "--sort",
        metavar="COLUMN[:desc]",
        help="order by one of " + ", ".join(sorts) + "; add :desc for descending",
    )
    group.add_argument("--limit", metavar="N", type=_positive, help="at most N rows")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("the limit cannot be negative")
    return value


def _date(text: str | None, *, end: bool) -> date | None:
    """An ISO date at day, month or year precision; as an end, the period's last day."""
    if text is None:
        return None
    try:
        fuzzy = FuzzyDate.parse(text)
    except ValueError:
        raise CatalogueError(
            f"“{text}” is not a date such as 2023-11-10, 2023-11 or 2023."
        ) from None
    if fuzzy.value is None or not end:
        return fuzzy.value
    if fuzzy.precision is Precision.YEAR:
        return date(fuzzy.value.year, 12, 31)
    if fuzzy.precision is Precision.MONTH:
        last = calendar.monthrange(fuzzy.value.year, fuzzy.value.month)[1]
        return date(fuzzy.value.year, fuzzy.value.month, last)
    return fuzzy.value


def _sort(text: str | None, choices: list[str]) -> tuple[str | None, bool]:
    if text is None:
        return None, False
    column, _, direction = text.partition(":")
    if column not in choices or direction not in ("", "asc", "desc"):
        raise CatalogueError(
            f"“{text}” is not a sort: use one of {', '.join(choices)}, optionally with :desc."
        )
    return column, direction == "desc"


def _organisations(catalogue: Catalogue, names: list[str]) -> tuple[int, ...]:
    ids = []
    for name in names:
        found = catalogue.find_organisation(name)
        if found is None:
            raise CatalogueError(f"The catalogue has no organisation named “{name}”.")
        ids.append(found.id)
    return tuple(ids)


def _categories(catalogue: Catalogue, names: list[str]) -> tuple[int, ...]:
    ids = []
    for name in names:
        found = catalogue.category_named(name)
        if found is None:
            raise CatalogueError(f"The catalogue has no category named “{name}”.")
        ids.append(found.id)
    return tuple(ids)


def _narrowing(args: argparse.Namespace, catalogue: Catalogue) -> dict[str, Any]:
    """The fields both kinds of query share, from the options both commands take."""
    return {
        "search": args.search,
        "donor_ids": _organisations(catalogue, args.donor),
        "category_ids": _categories(catalogue, args.category),
        "statuses": tuple(StageKind(s) for s in args.status),
        "date_from": _date(args.date_from, end=False),
        "date_to": _date(args.date_to, end=True),
    }


def record_query(args: argparse.Namespace, catalogue: Catalogue) -> RecordQuery:
    sort, descending = _sort(args.sort, RECORD_SORTS)
    return RecordQuery(
        **_narrowing(args, catalogue),
        sort=RecordSort(sort) if sort else RecordSort.ID,
        descending=descending,
    )


def meeting_query(args: argparse.Namespace, catalogue: Catalogue) -> MeetingQuery:
    sort, descending = _sort(args.sort, MEETING_SORTS)
    return MeetingQuery(
        **_narrowing(args, catalogue),
        sort=MeetingSort(sort) if sort else MeetingSort.STARTS,
        descending=descending,
    )
