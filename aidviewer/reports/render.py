"""A report's content made into an HTML document through a Jinja2 template.

The templates are files under `resources/reports/`, so that an office can change their
look. Autoescaping is on: whatever a person wrote in a title, a note or the minutes is
printed as the text it is, never as markup. The words and numbers are written by a
`Formats` the caller gives (the window's and the command line's are the same, in the
user's locale); the template's own words go through its `tr`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import jinja2

from aidviewer.i18n import N_
from aidviewer.resources import resource
from aidviewer.store import AidType, FuzzyDate, RecordSummary, StageKind

from .content import (
    Briefing,
    Content,
    Minutes,
    RecordList,
    ReportKind,
    Sheet,
    Summary,
)

# The record list's columns, as the records table names them, in its default order.
LIST_COLUMNS = ("title", "donor", "recipient", "aid_type", "category", "status", "quantity",
                "value_eur", "announced", "delivered")  # fmt: skip

# Page sizes a report can be laid out on.
PAGE_SIZES = ("A4", "Letter")

# The longest text printed whole (a description, a note, the minutes): a megabyte pasted
# into a note would take the layout minutes and fill hundreds of pages.
TEXT_LIMIT = 20_000


class Formats(Protocol):
    """How numbers, money, dates and labels are written, in the user's language."""

    def tr(self, text: str) -> str: ...
    def eur(self, cents: int) -> str: ...
    def money(self, minor: int, currency: str) -> str: ...
    def number(self, value: int) -> str: ...
    def fuzzy(self, value: FuzzyDate) -> str: ...
    def day(self, value: date) -> str: ...
    def moment(self, iso: str) -> str: ...
    def month(self, key: str) -> str: ...
    def stage(self, kind: StageKind | str | None) -> str: ...
    def aid_type(self, value: AidType) -> str: ...


@dataclass(frozen=True)
class ReportOptions:
    kind: ReportKind
    page_size: str = "A4"
    landscape: bool = False
    notes: bool = True
    history: bool = False
    marking: str = ""  # printed on every page, e.g. "INTERNAL"
    columns: tuple[str, ...] = LIST_COLUMNS


@dataclass(frozen=True)
class ReportMeta:
    """What the title block and the page header and footer say."""

    title: str
    catalogue: str
    made_at: str  # already written for people
    made_by: str
    filters: tuple[str, ...] = field(default_factory=tuple)


def templates_dir() -> Path:
    return resource("reports")


def environment(folder: Path | None = None) -> jinja2.Environment:
    """Templates from `folder` (the built-in ones by default), escaping every value. One
    environment a folder, so that each template is compiled once (and again only when
    its file changes): a long list is filled in a piece at a time."""
    return _environment(folder or templates_dir())


@functools.lru_cache(maxsize=8)
def _environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clip"] = clip
    return env


def clip(text: str, limit: int = TEXT_LIMIT) -> str:
    """`text`, or its first `limit` characters with a mark saying how much is left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]} … [{len(text) - limit:,} more characters]"


def render_html(
    content: Content,
    options: ReportOptions,
    meta: ReportMeta,
    formats: Formats,
    folder: Path | None = None,
    pages: tuple[tuple[int, int], ...] | None = None,
    breaks: bool = True,
    rows_only: bool = False,
) -> str:
    """The report as an HTML document. `pages` cuts the record list's rows into one
    table a page, (first, end) each (the total counts as the row after the last); with
    `breaks` False the tables follow each other on the page (to be measured); with
    `rows_only` the document holds the tables alone, without the title above them."""
    template = environment(folder).get_template(f"{options.kind.value}.html.j2")
    return template.render(
        content=content,
        options=options,
        meta=meta,
        f=formats,
        tr=formats.tr,
        cell=_cell_writer(formats),
        column_title=_column_titles(formats),
        bar=_bar,
        numeric=frozenset({"quantity", "value_eur"}),
        nbsp="\u00a0",  # an empty cell still draws its line
        pages=pages,
        breaks=breaks,
        rows_only=rows_only,
        **_kind_values(content),
    )


def _kind_values(content: Content) -> dict[str, Any]:
    if isinstance(content, Summary):
        return {"summary": content}
    if isinstance(content, RecordList):
        return {"records": content}
    if isinstance(content, Briefing):
        return {"briefing": content}
    if content and isinstance(content[0], Sheet):
        return {"sheets": content, "meetings": ()}
    if content and isinstance(content[0], Minutes):
        return {"meetings": content, "sheets": ()}
    return {"sheets": (), "meetings": ()}


def _bar(cents: int, largest: int) -> int:
    """A value's bar as a whole percentage of the largest value's (at least 1 when the
    value is above nothing, so that it shows)."""
    if largest <= 0 or cents <= 0:
        return 0
    return max(1, round(100 * cents / largest))


def _column_titles(formats: Formats) -> Callable[[str], str]:
    titles = {
        "title": N_("Reports", "Title"),
        "donor": N_("Reports", "Donor"),
        "recipient": N_("Reports", "Recipient"),
        "aid_type": N_("Reports", "Aid type"),
        "category": N_("Reports", "Category"),
        "status": N_("Reports", "Status"),
        "quantity": N_("Reports", "Quantity"),
        "value_eur": N_("Reports", "Value (EUR)"),
        "announced": N_("Reports", "Announced"),
        "delivered": N_("Reports", "Delivered"),
    }

    def title(key: str) -> str:
        return formats.tr(titles[key])

    return title


def _cell_writer(formats: Formats) -> Callable[[RecordSummary, str], str]:
    def cell(row: RecordSummary, key: str) -> str:
        match key:
            case "title":
                return row.title
            case "donor":
                return row.donor
            case "recipient":
                return row.recipient
            case "aid_type":
                return formats.aid_type(row.aid_type)
            case "category":
                return row.category
            case "status":
                return formats.stage(row.status)
            case "quantity":
                if row.quantity is None:
                    return ""
                return f"{formats.number(row.quantity)} {row.unit}".strip()
            case "value_eur":
                cents = row.money.value_eur_cents if row.money else None
                return "" if cents is None else formats.eur(cents)
            case "announced":
                return formats.fuzzy(row.announced_on)
            case "delivered":
                return formats.fuzzy(row.delivered_on)
        raise ValueError(f"no column {key!r}")

    return cell
