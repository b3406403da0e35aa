"""Writing aid records as an IATI activity file (IATI activity standard 2.03).

Each record becomes one `iati-activity`, valid against the standard's schema:

- its identifier is the one it was imported with ("iati:…" source reference), else the
  reporting organisation's identifier followed by the record's id;
- the donor is the funding organisation (role 1), the implementer the implementing one
  (role 4); a record with neither names its recipient (else the reporting
  organisation) as the accountable one (role 2), since the standard wants at least one;
- the recipient's country is the recipient country; the category is the sector: the
  DAC code a "DAC 72010" tag gives, else the category's name in the reporting
  organisation's own vocabulary (99);
- the status is the activity status (announced 1 pipeline, committed and allocated
  2 implementation, delivered 3 finalisation, cancelled 5);
- each stage with an amount is a transaction: announced an outgoing pledge (12),
  committed and allocated an outgoing commitment (2), delivered a disbursement (3), or
  expenditure (4) when its note says so, as the IATI reader reads them. A cancelled
  stage is no transaction (the standard has none), and a stage without an amount is
  none either (a transaction needs a value).

The standard wants what the catalogue may not have. A record without a description
gets its title as one. The activity's date is its earliest dated stage (an actual start
once committed, else a planned start), else the day the record was entered; an undated
transaction gets the activity's date, and its description says so. Dates known only to
the month or year are written as their first day.

The file is written under a temporary name beside the target and renamed into place
when complete: a failure or a cancellation never leaves a half-written file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO
from xml.etree.ElementTree import Element, SubElement, indent, tostring

import pycountry

from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    CatalogueError,
    NotFoundError,
    Organisation,
    OrganisationKind,
    Stage,
    StageKind,
)

from .files import replacing
from .iati_codes import DAC_CATEGORIES, DAC_SECTORS
from .items import GoingOn

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The reporting organisation when none is given: "XX" is the registration agency
# prefix of no real agency, so the identifiers it makes collide with no one's.
DEFAULT_REPORTING_REF = "XX-AIDVIEWER"

# The catalogue's kind of organisation -> IATI organisation type.
ORGANISATION_TYPES = {
    OrganisationKind.GOVERNMENT: "10",
    OrganisationKind.MINISTRY: "10",
    OrganisationKind.ARMED_FORCES: "10",
    OrganisationKind.INTERNATIONAL: "40",
    OrganisationKind.NGO: "21",
    OrganisationKind.COMPANY: "70",
    OrganisationKind.OTHER: "90",
}
ACTIVITY_STATUS = {
    None: "1",
    StageKind.ANNOUNCED: "1",
    StageKind.COMMITTED: "2",
    StageKind.ALLOCATED: "2",
    StageKind.DELIVERED: "3",
    StageKind.CANCELLED: "5",
}
TRANSACTION_TYPES = {
    StageKind.ANNOUNCED: "12",
    StageKind.COMMITTED: "2",
    StageKind.ALLOCATED: "2",
    StageKind.DELIVERED: "3",
}
# A stage note that names another transaction type (as the IATI reader writes it).
TRANSACTION_NOTES = {
    (StageKind.ANNOUNCED, "incoming pledge"): "13",
    (StageKind.COMMITTED, "incoming commitment"): "11",
    (StageKind.DELIVERED, "expenditure"): "4",
}

_DAC_TAG = re.compile(r"^DAC\s+(\d{3}|\d{5})$", re.IGNORECASE)
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$")
# What XML 1.0 cannot hold: control characters other than tab, newline and return.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ExportCancelledError(Exception):
    """The person cancelled the export: no file was written."""


def write_iati(
    catalogue: Catalogue,
    path: Path,
    record_ids: Sequence[int],
    *,
    reporting_org: str = "",
    reporting_org_ref: str = "",
    reporting_org_type: str = "90",
    language: str = "en",
    going_on: GoingOn | None = None,
) -> int:
    """Write the records `record_ids` of `catalogue` to `path` as IATI 2.03 activities;
    return how many were written (a record deleted meanwhile is left out).

    `reporting_org` is the publishing organisation's name (the catalogue's name when
    empty), `reporting_org_ref` its IATI organisation identifier and
    `reporting_org_type` its IATI organisation type. `language` is the ISO 639-1 code
    of the records' texts. `going_on(done, total)` is told of progress after each record
    and cancels (`ExportCancelledError`) when it returns False. Raises `CatalogueError`
    when there is nothing to write or the file cannot be written.
    """
    path = Path(path)
    writer = _ActivityWriter(
        catalogue,
        name=reporting_org.strip() or catalogue.name,
        ref=_clean(reporting_org_ref).strip() or DEFAULT_REPORTING_REF,
        org_type=_clean(reporting_org_type).strip() or "90",
        language=language.strip().lower() or "en",
    )
    with replacing(path) as out:
        written = _write_activities(out, writer, record_ids, going_on)
        if written == 0:
            raise CatalogueError("There is no aid record to export: nothing was written.", path)
    return written


def _write_activities(
    out: TextIO, writer: _ActivityWriter, record_ids: Sequence[int], going_on: GoingOn | None
) -> int:
    write = out.write
    generated = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    write('<?xml version="1.0" encoding="UTF-8"?>\n')
    write(f'<iati-activities version="2.03" generated-datetime="{generated}">\n')
    written = 0
    total = len(record_ids)
    for done, record_id in enumerate(record_ids, 1):
        try:
            record = writer.catalogue.record(record_id)
        except NotFoundError:
            record = None
        if record is not None:
            activity = writer.activity(record)
            indent(activity, space="  ", level=1)
            write("  " + tostring(activity, encoding="unicode").rstrip() + "\n")
            written += 1
        if going_on is not None and not going_on(done, total):
            raise ExportCancelledError
    write("</iati-activities>\n")
    return written


class _ActivityWriter:
    def __init__(
        self, catalogue: Catalogue, *, name: str, ref: str, org_type: str, language: str
    ) -> None:
        self.catalogue = catalogue
        self.name = name
        self.ref = ref
        self.org_type = org_type
        self.language = language
        self._organisations: dict[int, Organisation | None] = {}
        self._categories: dict[int, str] = {}

    def activity(self, record: AidRecord) -> Element:
        attributes = {XML_LANG: self.language}
        if _DATETIME.match(record.updated_at):
            attributes["last-updated-datetime"] = record.updated_at
        if record.aid_type is AidType.HUMANITARIAN:
            attributes["humanitarian"] = "1"
        activity = Element("iati-activity", attributes)
        _text(activity, "iati-identifier", self._identifier(record))
        reporting = SubElement(activity, "reporting-org", ref=self.ref, type=self.org_type)
        _narrative(reporting, self.name)
        _narrative(SubElement(activity, "title"), record.title)
        _narrative(
            SubElement(activity, "description", type="1"), record.description or record.title
        )
        self._participants(activity, record)
        SubElement(activity, "activity-status", code=ACTIVITY_STATUS[record.status])
        start, start_type = self._start(record)
        SubElement(activity, "activity-date", {"type": start_type, "iso-date": start.isoformat()})
        recipient = self._organisation(record.recipient_id)
        if recipient is not None and recipient.country:
            code = _clean(recipient.country).strip().upper()
            country = SubElement(activity, "recipient-country", code=code, percentage="100")
            found = pycountry.countries.get(alpha_2=code)
            if found is not None:
                _narrative(country, str(getattr(found, "common_name", None) or found.name))
        self._sector(activity, record)
        for stage in record.stages:
            self._transaction(activity, record, stage, start)
        return activity

    def _identifier(self, record: AidRecord) -> str:
        source_ref = str(getattr(record, "source_ref", "") or "")
        if source_ref.startswith("iati:") and source_ref[5:].strip():
            return source_ref[5:].strip()
        return f"{self.ref}-{record.id}"

    def _organisation(self, org_id: int | None) -> Organisation | None:
        if org_id is None:
            return None
        if org_id not in self._organisations:
            try:
                self._organisations[org_id] = self.catalogue.organisation(org_id)
            except NotFoundError:
                self._organisations[org_id] = None
        return self._organisations[org_id]

    def _org(self, parent: Element, tag: str, org: Organisation, **attributes: str) -> Element:
        if org.iati_id and _clean(org.iati_id).strip():
            attributes["ref"] = _clean(org.iati_id).strip()
        attributes["type"] = ORGANISATION_TYPES[org.kind]
        element = SubElement(parent, tag, attributes)
        _narrative(element, org.name)
        return element

    def _participants(self, activity: Element, record: AidRecord) -> None:
        donor = self._organisation(record.donor_id)
        implementer = self._organisation(record.implementer_id)
        if donor is not None:
            self._org(activity, "participating-org", donor, role="1")
        if implementer is not None:
            self._org(activity, "participating-org", implementer, role="4")
        if donor is None and implementer is None:
            recipient = self._organisation(record.recipient_id)
            if recipient is not None:
                self._org(activity, "participating-org", recipient, role="2")
            else:
                accountable = SubElement(
                    activity, "participating-org", role="2", ref=self.ref, type=self.org_type
                )
                _narrative(accountable, self.name)

    def _start(self, record: AidRecord) -> tuple[date, str]:
        """The activity's date and its type: 2 (actual start) once committed, else 1."""
        dated = [stage.date.value for stage in record.stages if stage.date.value is not None]
        started = record.status not in (None, StageKind.ANNOUNCED)
        if dated:
            return min(dated), "2" if started else "1"
        try:
            entered = date.fromisoformat(record.created_at[:10])
        except ValueError:
            entered = datetime.now(UTC).date()
        return entered, "1"

    def _sector(self, activity: Element, record: AidRecord) -> None:
        for tag in record.tags:
            match = _DAC_TAG.match(tag.strip())
            if match is None:
                continue
            code = match.group(1)
            names = DAC_SECTORS if len(code) == 5 else DAC_CATEGORIES
            vocabulary = "1" if len(code) == 5 else "2"
            sector = SubElement(
                activity, "sector", vocabulary=vocabulary, code=code, percentage="100"
            )
            if code in names:
                _narrative(sector, names[code])
            return
        if record.category_id is None:
            return
        if record.category_id not in self._categories:
            try:
                self._categories[record.category_id] = self.catalogue.category(
                    record.category_id
                ).name
            except NotFoundError:
                self._categories[record.category_id] = ""
        name = _clean(self._categories[record.category_id]).strip()
        if name:
            sector = SubElement(activity, "sector", vocabulary="99", code=name, percentage="100")
            _narrative(sector, name)

    def _transaction(self, activity: Element, record: AidRecord, stage: Stage, start: date) -> None:
        money = stage.money
        kind_code = TRANSACTION_TYPES.get(stage.kind)
        if money is None or kind_code is None:
            return
        note = stage.note.strip()
        code = TRANSACTION_NOTES.get((stage.kind, note), kind_code)
        if code != kind_code:
            note = ""  # the type says it
        when = stage.date.value
        if when is None:
            when = start
            undated = "The catalogue gives no date: this is the activity's."
            note = f"{note} ({undated})" if note else undated
        transaction = SubElement(activity, "transaction")
        SubElement(transaction, "transaction-type", code=code)
        SubElement(transaction, "transaction-date", {"iso-date": when.isoformat()})
        value = SubElement(
            transaction,
            "value",
            {"currency": _clean(money.currency).upper(), "value-date": when.isoformat()},
        )
        value.text = format(money.amount, "f")
        if note:
            _narrative(SubElement(transaction, "description"), note)
        donor = self._organisation(record.donor_id)
        if donor is not None:
            self._org(transaction, "provider-org", donor)
        receiver = self._organisation(record.implementer_id) or self._organisation(
            record.recipient_id
        )
        if receiver is not None:
            self._org(transaction, "receiver-org", receiver)


def _clean(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def _text(parent: Element, tag: str, text: str) -> Element:
    element = SubElement(parent, tag)
    element.text = _clean(text)
    return element


def _narrative(parent: Element, text: str) -> Element:
    return _text(parent, "narrative", text)
