"""OCHA's Financial Tracking Service: humanitarian funding flows, as CSV or as the API's JSON.

A flow is money (or goods in kind) from a donor to an organisation that carries out the
work, for one or more countries and clusters (Food Security, Health, …), with a status:
"pledge", "commitment" or "paid". Each becomes one `Item` with the FTS flow id as its
reference ("fts:228238"), so that importing a newer download updates the records it made.

- The donor is the source organisation as FTS names it ("Germany, Government of"; the
  importer matches it to the catalogue's organisations by name and alias), with the
  country's ISO code when the name is a government's.
- The organisation the money goes to is the implementer; the recipient is the first
  destination country ("AFG" in the CSV, "Afghanistan" in the JSON), by its ISO code.
- The amount is the original amount in its currency; FTS leaves the currency blank when
  the flow was reported in US dollars, and then the amount is `amountUSD` in USD.
- The status gives the stage (paid: DELIVERED, commitment: COMMITTED, pledge:
  ANNOUNCED), dated with the flow's date, else its decision date, else the date it was
  first reported.

The CSV is the one HDX publishes (one flow a row, lists joined with commas in one cell);
a row of HXL hashtags under the header is passed over. The JSON is the FTS API v1 answer
(`data.flows[]`, with `sourceObjects` and `destinationObjects` lists of typed objects),
read whole: a file over `JSON_CAP` is refused before it is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from aidviewer.store import AidType, FuzzyDate, OrganisationKind, SourceKind, StageKind

from .dates import is_missing, parse_fuzzy
from .items import (
    BadFileError,
    Event,
    GoingOn,
    Item,
    OrgRef,
    Skipped,
    SourceIn,
    StageIn,
)
from .kiel import (
    Row,
    check_size,
    country_code,
    find_columns,
    header_row,
    parse_number,
    short_text,
    table_rows,
    tell_progress,
)

FTS = SourceIn(
    title="OCHA Financial Tracking Service (FTS)",
    url="https://fts.unocha.org/",
    publisher="UN Office for the Coordination of Humanitarian Affairs (OCHA)",
    kind=SourceKind.DATA_FILE,
)
PROGRESS_EVERY = 50  # JSON flows between two calls of going_on

STAGES = {
    "paid": StageKind.DELIVERED,
    "commitment": StageKind.COMMITTED,
    "pledge": StageKind.ANNOUNCED,
}
_KINDS = {
    "government": OrganisationKind.GOVERNMENT,
    "un agency": OrganisationKind.INTERNATIONAL,
    "inter-governmental": OrganisationKind.INTERNATIONAL,
    "pooled fund": OrganisationKind.INTERNATIONAL,
    "ngo": OrganisationKind.NGO,
    "red cross/red crescent": OrganisationKind.NGO,
    "private organization/foundation": OrganisationKind.OTHER,
}
_FIELDS: Mapping[str, Sequence[str]] = {
    name: (name,)
    for name in (
        "id",
        "status",
        "amountUSD",
        "originalAmount",
        "originalCurrency",
        "date",
        "decisionDate",
        "firstReportedDate",
        "description",
        "srcOrganization",
        "srcOrganizationTypes",
        "destOrganization",
        "destOrganizationTypes",
        "destGlobalClusters",
        "destLocations",
    )
}
_REQUIRED = ("id", "status", "amountUSD")


@dataclass(frozen=True)
class _Flow:
    """A flow's fields as both formats give them, cells read."""

    line: int
    id: str
    status: str
    amount_usd: Decimal | None
    original_amount: Decimal | None
    original_currency: str
    dates: tuple[str, ...]  # date, decision date, first reported date
    description: str
    donor: str
    donor_type: str
    implementer: str
    implementer_type: str
    clusters: tuple[str, ...]
    location: str


def read_fts_csv(path: Path, *, going_on: GoingOn | None = None) -> Iterator[Event]:
    """The flows of an FTS CSV download, one `Item` each; a row that cannot be read is a
    `Skipped`. Raises BadFileError when the file has no id, status or amountUSD column."""
    rows = table_rows(path, going_on)
    columns = find_columns(header_row(path, rows).cells, _FIELDS)
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        names = ", ".join(f"“{name}”" for name in missing)
        raise BadFileError(f"“{path.name}” is not an FTS flows table: it has no {names} column.")
    for row in rows:
        if isinstance(row, Skipped):
            yield row
            continue
        try:
            flow = _csv_flow(row, columns)
        except ValueError as error:
            yield Skipped(row.line, f"{error}.")
            continue
        yield _flow_item(flow) if flow.id else Skipped(row.line, "The row has no flow id.")


def _csv_flow(row: Row, columns: Mapping[str, int]) -> _Flow:
    def text(name: str) -> str:
        index = columns.get(name)
        value = row.cells[index].strip() if index is not None else ""
        return "" if is_missing(value) else value

    def number(name: str) -> Decimal | None:
        try:
            return parse_number(text(name))
        except ValueError as error:
            raise ValueError(f"“{name}” {error}") from None

    return _Flow(
        line=row.line,
        id=text("id"),
        status=text("status"),
        amount_usd=number("amountUSD"),
        original_amount=number("originalAmount"),
        original_currency=text("originalCurrency").upper(),
        dates=(text("date"), text("decisionDate"), text("firstReportedDate")),
        description=text("description"),
        donor=text("srcOrganization"),
        donor_type=text("srcOrganizationTypes"),
        implementer=text("destOrganization"),
        implementer_type=text("destOrganizationTypes"),
        clusters=_split(text("destGlobalClusters")),
        location=next(iter(_split(text("destLocations"))), ""),
    )


JSON_CAP = 64 * 1024 * 1024


def read_fts_json(path: Path, *, going_on: GoingOn | None = None) -> Iterator[Event]:
    """The flows of an FTS API answer (`data.flows[]`), one `Item` each; a flow that
    cannot be read is a `Skipped` with its position in the list as its line. Raises
    BadFileError for a file over JSON_CAP bytes (an answer is read whole, and takes
    several times its size in memory: one page of the API is well under a megabyte),
    one that is not JSON, or JSON that holds no list of flows."""
    total = path.stat().st_size
    check_size(path, total, JSON_CAP)
    tell_progress(going_on, 0, total)
    try:
        # json.loads finds the encoding of bytes (UTF-8, with or without a BOM, or
        # UTF-16/32) itself; decimals are kept exact.
        answer = json.loads(path.read_bytes(), parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadFileError(f"“{path.name}” is not readable JSON: {error}.") from None
    except RecursionError:
        raise BadFileError(f"“{path.name}” nests deeper than any FTS answer does.") from None
    flows = _flows_of(answer)
    if flows is None:
        raise BadFileError(
            f"“{path.name}” is not an FTS flows answer: it has no list “data.flows”."
        )
    for position, flow in enumerate(flows, start=1):
        if position % PROGRESS_EVERY == 0:
            tell_progress(going_on, total * position // len(flows), total)
        try:
            read = _json_flow(position, flow)
        except ValueError as error:
            yield Skipped(position, f"{error}.")
            continue
        yield _flow_item(read) if read.id else Skipped(position, "The flow has no id.")
    tell_progress(going_on, total, total)


def _flows_of(answer: Any) -> list[Any] | None:
    data = answer.get("data", answer) if isinstance(answer, dict) else None
    flows = data.get("flows") if isinstance(data, dict) else None
    return flows if isinstance(flows, list) else None


def _json_flow(position: int, flow: Any) -> _Flow:
    if not isinstance(flow, dict):
        raise ValueError("The flow is not an object")

    def text(value: Any) -> str:
        if value is None or isinstance(value, dict | list):
            return ""
        value = str(value).strip()
        return "" if is_missing(value) else value

    def number(name: str) -> Decimal | None:
        value = flow.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            raise ValueError(f"“{name}” is not a number")
        try:
            return parse_number(str(value))
        except ValueError as error:
            raise ValueError(f"“{name}” {error}") from None

    def objects(side: str, kind: str) -> list[dict[str, Any]]:
        listed = flow.get(side)
        if not isinstance(listed, list):
            return []
        return [o for o in listed if isinstance(o, dict) and o.get("type") == kind]

    def first(side: str, kind: str) -> dict[str, Any]:
        return next(iter(objects(side, kind)), {})

    def types(organisation: dict[str, Any]) -> str:
        listed = organisation.get("organizationTypes")
        return text(listed[0]) if isinstance(listed, list) and listed else ""

    donor = first("sourceObjects", "Organization")
    implementer = first("destinationObjects", "Organization")
    clusters = objects("destinationObjects", "GlobalCluster")
    return _Flow(
        line=position,
        id=text(flow.get("id")),
        status=text(flow.get("status")),
        amount_usd=number("amountUSD"),
        original_amount=number("originalAmount"),
        original_currency=text(flow.get("originalCurrency")).upper(),
        dates=tuple(text(flow.get(key)) for key in ("date", "decisionDate", "firstReportedDate")),
        description=text(flow.get("description")),
        donor=text(donor.get("name")),
        donor_type=types(donor),
        implementer=text(implementer.get("name")),
        implementer_type=types(implementer),
        clusters=tuple(name for o in clusters if (name := text(o.get("name")))),
        location=text(first("destinationObjects", "Location").get("name")),
    )


def _flow_item(flow: _Flow) -> Item:
    """The record a flow makes."""
    warnings: list[str] = []
    amount, currency = flow.original_amount, flow.original_currency
    if not currency or amount is None:
        if currency and amount is None:
            warnings.append(
                f"The flow names {currency} as its original currency but gives no original "
                "amount: its amount in US dollars is kept."
            )
        amount, currency = flow.amount_usd, "USD" if flow.amount_usd is not None else ""

    when, remark = FuzzyDate(), ""
    for text in flow.dates:
        if not text:
            continue
        try:
            when, remark = parse_fuzzy(text)
            break
        except ValueError as error:
            warnings.append(f"A date is passed over: {error}.")

    stages: tuple[StageIn, ...] = ()
    kind = STAGES.get(flow.status.casefold())
    if kind is not None:
        stages = (StageIn(kind=kind, date=when, amount=amount, currency=currency, note=remark),)
    elif flow.status:
        warnings.append(f"“{flow.status}” is not a status FTS uses: the flow has no stage.")
    else:
        warnings.append("The flow has no status: it has no stage.")

    return Item(
        ref=f"fts:{flow.id}",
        line=flow.line,
        title=short_text(flow.description) or f"FTS flow {flow.id}",
        description=flow.description,
        donor=_donor(flow.donor, flow.donor_type) if flow.donor else None,
        recipient=_country(flow.location) if flow.location else None,
        implementer=_implementer(flow.implementer, flow.implementer_type)
        if flow.implementer
        else None,
        aid_type=AidType.HUMANITARIAN,
        category=flow.clusters[0] if flow.clusters else "",
        amount=amount,
        currency=currency,
        stages=stages,
        sources=(FTS,),
        warnings=tuple(warnings),
    )


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _kind(types: str) -> OrganisationKind | None:
    first = next(iter(_split(types)), "")
    return _KINDS.get(first.casefold())


_GOVERNMENT = ", government of"


@lru_cache(maxsize=4096)
def _donor(name: str, types: str) -> OrgRef:
    """FTS names a government "Germany, Government of": its code is the country's."""
    code = ""
    if name.casefold().endswith(_GOVERNMENT):
        code = country_code(name[: -len(_GOVERNMENT)])
    return OrgRef(name=name, code=code, kind=_kind(types))


@lru_cache(maxsize=4096)
def _implementer(name: str, types: str) -> OrgRef:
    return OrgRef(name=name, kind=_kind(types))


@lru_cache(maxsize=4096)
def _country(text: str) -> OrgRef:
    """A destination country ("AFG" or "Afghanistan") by its ISO name and alpha-2 code;
    as written, without a code, when pycountry does not know it."""
    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        return OrgRef(name=text)
    return OrgRef(name=str(getattr(country, "common_name", country.name)), code=country.alpha_2)
