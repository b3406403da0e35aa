"""Reading IATI activity files (the IATI activity standard, versions 1.x to 2.03).

Each `iati-activity` becomes one `Item`, its transactions the record's stages:

- pledges (transaction types 12 outgoing, 13 incoming) are *announced*, commitments
  (2 outgoing, 11 incoming) *committed*, disbursements (3) *delivered*, and expenditure
  (4) *delivered* with the note "expenditure". Other types (1 incoming funds, 5 interest,
  6 loan repayment, …) move money that is not the activity's aid: they are counted in a
  note on the record, not read as stages. An activity whose status is 5 (cancelled) also
  gets a *cancelled* stage.
- Amounts are kept exactly as written, negative ones too (a correction of an earlier
  transaction is a real negative value); the importer decides what to do with them.
- The donor is the funding organisation (participating-org role 1), else the provider
  of the transactions, else the reporting organisation. The recipient is the recipient
  country (the one with the largest share), else the recipient region. The implementer
  is the first implementing organisation (role 4).
- The first DAC sector (5-digit, else 3-digit) gives the category, named in English.
  An activity is humanitarian aid when it says so (`humanitarian="1"`) or its sector is
  a DAC humanitarian one (7xxxx); otherwise it is financial aid.
- Title and description are taken in the language asked for; the other languages'
  texts are kept as notes.

A part of an activity that breaks the schema (a transaction without a type, a value
that is not a number, a date that is not one) is a warning on that activity, and the
rest is read: real publishers' files are rarely valid. An activity with neither an
identifier nor a title is skipped.

The file is parsed by `defusedxml` as a stream, one activity at a time, and refused as a
whole (`BadFileError`) when it has a document type declaration (harmless or not: that is
where entity expansion and external references live), is not well-formed, is nested
deeper than any IATI file, or is bigger than `MAX_BYTES`. The early draft layout of
IATI (before 1.0, as in OCHA's 2010 Haiti data) is read leniently: texts directly in
the element, transaction status 20/30/40 for pledge, commitment and paid.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, TreeBuilder
from xml.parsers.expat import ErrorString

import defusedxml
import defusedxml.ElementTree
import pycountry

from aidviewer.store import AidType, FuzzyDate, OrganisationKind, SourceKind, StageKind

from .iati_codes import DAC_CATEGORIES, DAC_SECTORS
from .items import (
    BadFileError,
    Event,
    GoingOn,
    ImportCancelledError,
    Item,
    OrgRef,
    Skipped,
    SourceIn,
    StageIn,
)

# Bigger files are refused before parsing: the largest real IATI files are a few
# hundred megabytes, and a "1 GB" file is more likely padding than aid data.
MAX_BYTES = 1 << 30
# IATI nests at most about ten levels; a file nested deeper is not an IATI file.
MAX_DEPTH = 64

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Transaction type -> the stage it is, and the stage's note.
TRANSACTION_STAGES: dict[str, tuple[StageKind, str]] = {
    "12": (StageKind.ANNOUNCED, ""),
    "13": (StageKind.ANNOUNCED, "incoming pledge"),
    "2": (StageKind.COMMITTED, ""),
    "11": (StageKind.COMMITTED, "incoming commitment"),
    "3": (StageKind.DELIVERED, ""),
    "4": (StageKind.DELIVERED, "expenditure"),
}
# The transaction types that are not stages, named for the note that counts them.
OTHER_TRANSACTIONS = {
    "1": "incoming funds",
    "5": "interest payment",
    "6": "loan repayment",
    "7": "reimbursement",
    "8": "purchase of equity",
    "9": "sale of equity",
    "10": "credit guarantee",
}
# The early draft layout's transaction status.
LEGACY_STAGES: dict[str, tuple[StageKind, str]] = {
    "20": (StageKind.ANNOUNCED, ""),
    "30": (StageKind.COMMITTED, ""),
    "40": (StageKind.DELIVERED, ""),
}
# IATI organisation type -> the catalogue's kind of organisation (None when not given).
ORGANISATION_KINDS = {
    "10": OrganisationKind.GOVERNMENT,
    "11": OrganisationKind.GOVERNMENT,
    "15": OrganisationKind.GOVERNMENT,
    "21": OrganisationKind.NGO,
    "22": OrganisationKind.NGO,
    "23": OrganisationKind.NGO,
    "24": OrganisationKind.NGO,
    "40": OrganisationKind.INTERNATIONAL,
    "70": OrganisationKind.COMPANY,
    "71": OrganisationKind.COMPANY,
    "72": OrganisationKind.COMPANY,
    "73": OrganisationKind.COMPANY,
    "30": OrganisationKind.OTHER,
    "60": OrganisationKind.OTHER,
    "80": OrganisationKind.OTHER,
    "90": OrganisationKind.OTHER,
}

_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[T Z+-])")
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_HAS_WORD = re.compile(r"[^\W_]")


def read_iati(
    path: Path, *, language: str = "en", going_on: GoingOn | None = None
) -> Iterator[Event]:
    """The activities of the IATI file at `path`, one `Item` each, in file order.

    `language` is the ISO 639-1 code of the language to take titles and descriptions
    in. `going_on(bytes_read, total_bytes)` is told of progress as the file is read and
    cancels the reading (`ImportCancelledError`) when it returns False. Raises
    `BadFileError` when the file cannot be read as IATI XML at all.
    """
    path = Path(path)
    name = path.name
    try:
        if not path.is_file():
            raise BadFileError(f"“{name}” is not a file.", path)
        total = path.stat().st_size
    except OSError as error:
        raise BadFileError(f"“{name}” cannot be read: {error.strerror or error}.", path) from error
    if total > MAX_BYTES:
        raise BadFileError(
            f"“{name}” is bigger than {MAX_BYTES >> 30} GB, which no IATI file is: "
            "it was not read.",
            path,
        )
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed in the finally below, after the last yield
    except OSError as error:
        raise BadFileError(f"“{name}” cannot be read: {error.strerror or error}.", path) from error
    try:
        source = _CountingReader(raw, total, going_on, path)
        yield from _read_events(source, path, language.strip().lower() or "en")
    finally:
        raw.close()


class _CountingReader:
    """The file as the parser reads it, counting the bytes for progress and the cap."""

    def __init__(self, raw: BinaryIO, total: int, going_on: GoingOn | None, path: Path) -> None:
        self._raw = raw
        self._total = total
        self._going_on = going_on
        self._path = path
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.done += len(data)
        if self.done > MAX_BYTES:  # a file that grows while it is read
            raise BadFileError(
                f"“{self._path.name}” is bigger than {MAX_BYTES >> 30} GB: it was not read.",
                self._path,
            )
        if self._going_on is not None and not self._going_on(self.done, self._total):
            raise ImportCancelledError
        return data


class _Builder:
    """The parser's target: builds the elements as `TreeBuilder` does, refuses a file
    nested deeper than `MAX_DEPTH` or not rooted in `iati-activities` as soon as the
    parser meets it, and hands back only the elements right under the root (the others
    come back as None), so that reading follows the file without start events."""

    def __init__(self, path: Path) -> None:
        self._tree = TreeBuilder()
        self._path = path
        self.data = self._tree.data
        self.depth = 0
        self.root: Element | None = None

    def start(self, tag: str, attributes: dict[str, str]) -> Element:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise BadFileError(
                f"“{self._path.name}” is nested more than {MAX_DEPTH} levels deep, which no "
                "IATI file is: it was not read.",
                self._path,
            )
        element = self._tree.start(tag, attributes)
        if self.root is None:
            if tag != "iati-activities":
                raise BadFileError(
                    f"“{self._path.name}” is not an IATI activity file: its outermost "
                    "element is not iati-activities.",
                    self._path,
                )
            self.root = element
        return element

    def end(self, tag: str) -> Element | None:
        self.depth -= 1
        element = self._tree.end(tag)
        return element if self.depth == 1 else None

    def close(self) -> Element:
        return self._tree.close()


def _read_events(source: _CountingReader, path: Path, language: str) -> Iterator[Event]:
    builder = _Builder(path)
    parser = defusedxml.ElementTree.DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    reader: _ActivityReader | None = None
    position = 0
    try:
        for _, element in defusedxml.ElementTree.iterparse(source, ("end",), parser):
            if element is None or builder.root is None:
                continue
            if reader is None:
                reader = _ActivityReader(
                    language=language,
                    file_language=(builder.root.get(XML_LANG) or "").strip().lower(),
                    legacy=builder.root.get("version") is None,
                )
            if element.tag == "iati-activity":
                position += 1
                yield reader.read(element, position)
            # Done with it: drop it, so memory stays bounded however long the file.
            builder.root.clear()
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = ErrorString(error.code) if isinstance(error.code, int) else "a syntax error"
        raise BadFileError(
            f"“{path.name}” is not well-formed XML: {reason} at line {line}, column {column + 1}.",
            path,
        ) from None
    except defusedxml.DTDForbidden:
        raise BadFileError(
            f"“{path.name}” has a document type declaration (DTD), which IATI files do not "
            "have and which can make a file expand or read other files: it was not read.",
            path,
        ) from None
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        raise BadFileError(
            f"“{path.name}” declares entities or refers to other files, which IATI files "
            "do not: it was not read.",
            path,
        ) from None


@dataclass
class _ActivityReader:
    language: str
    file_language: str
    legacy: bool
    seen: dict[str, int] = field(default_factory=dict)

    def read(self, activity: Element, position: int) -> Event:
        return _Activity(self, activity, position).item()


class _Activity:
    """One activity being read: what it says, and the doubts it leaves."""

    def __init__(self, reader: _ActivityReader, activity: Element, position: int) -> None:
        self.reader = reader
        self.activity = activity
        self.position = position
        self.language = reader.language
        self.default_language = (
            activity.get(XML_LANG) or ""
        ).strip().lower() or reader.file_language
        self.warnings: list[str] = []
        self.notes: list[str] = []
        # The activity's parts by name, found in one pass over it.
        self.parts: dict[str, list[Element]] = {}
        for child in activity:
            self.parts.setdefault(str(child.tag), []).append(child)

    def _all(self, tag: str) -> list[Element]:
        return self.parts.get(tag, [])

    def _first(self, tag: str) -> Element | None:
        found = self.parts.get(tag)
        return found[0] if found else None

    def item(self) -> Event:
        activity = self.activity
        identifier = _text(self._first("iati-identifier"))
        title, other_titles = self._pick(self._first("title"))
        if not identifier and not title:
            return Skipped(self.position, "This activity has neither an identifier nor a title.")
        if not identifier:
            self.warnings.append(
                "It has no iati-identifier: importing the file again will add it again."
            )
        else:
            earlier = self.reader.seen.setdefault(identifier, self.position)
            if earlier != self.position:
                self.warnings.append(
                    f"Its identifier {identifier} was already used by activity {earlier}."
                )
        if not title:
            self.warnings.append("It has no title: its identifier stands in for one.")
            title = identifier
        self.notes.extend(f"Title ({lang}): {text}" for lang, text in other_titles)
        description = self._description()

        reporting = self._organisation(self._first("reporting-org"))
        if reporting is None and not self.reader.legacy:
            self.warnings.append("It has no reporting organisation.")
        donor = self._donor(reporting)
        recipient = self._recipient()
        implementer = self._role("4", "Other implementing organisations")
        sector_code, category = self._sector()
        stages = self._stages()
        humanitarian = (activity.get("humanitarian") or "").strip() in ("1", "true")
        aid_type = (
            AidType.HUMANITARIAN
            if humanitarian or sector_code.startswith("7")
            else AidType.FINANCIAL
        )
        published = _date(_first_date(activity.get("last-updated-datetime")))
        source = SourceIn(
            title=f"IATI activity {identifier}" if identifier else f"IATI activity: {title}",
            publisher=reporting.name if reporting is not None else "",
            kind=SourceKind.DATA_FILE,
            published=published or FuzzyDate(),
        )
        return Item(
            ref=f"iati:{identifier}" if identifier else "",
            line=self.position,
            title=_one_line(title),
            description=description,
            donor=donor,
            recipient=recipient,
            implementer=implementer,
            aid_type=aid_type,
            category=category,
            category_code=sector_code,
            stages=stages,
            sources=(source,),
            notes=tuple(self.notes),
            warnings=tuple(self.warnings),
        )

    # -- texts ------------------------------------------------------------------------

    def _narratives(self, element: Element | None) -> list[tuple[str, str]]:
        """(language, text) of each narrative of `element` that says something; the
        language is lower-case, "" when neither the narrative nor a default gives one."""
        if element is None:
            return []
        found = [
            ((n.get(XML_LANG) or "").strip().lower() or self.default_language, _text(n))
            for n in element.findall("narrative")
        ]
        if not found and self.reader.legacy:  # the draft layout: the text is the element's
            found = [(self.default_language, _text(element))]
        return [(lang, text) for lang, text in found if text]

    def _pick(self, element: Element | None) -> tuple[str, list[tuple[str, str]]]:
        """The text of `element` in the wanted language (else in no stated language,
        else the first), and the texts left over."""
        narratives = self._narratives(element)
        for wanted in (self.language, ""):
            for index, (lang, text) in enumerate(narratives):
                if _same_language(lang, wanted):
                    return text, narratives[:index] + narratives[index + 1 :]
        if narratives:
            return narratives[0][1], narratives[1:]
        return "", []

    def _description(self) -> str:
        texts: list[str] = []
        for element in self._all("description"):
            text, others = self._pick(element)
            if text:
                texts.append(text)
            self.notes.extend(f"Description ({lang}): {other}" for lang, other in others)
        return "\n\n".join(texts)

    # -- organisations ----------------------------------------------------------------

    def _organisation(self, element: Element | None) -> OrgRef | None:
        if element is None:
            return None
        name, _ = self._pick(element)
        code = (element.get("ref") or "").strip()
        # Publishers write "#" or "-" for "no identifier"; the draft layout's refs are
        # OCHA's own numbers, which identify nothing outside OCHA.
        if self.reader.legacy or not _HAS_WORD.search(code):
            code = ""
        if not name and not code:
            return None
        kind = ORGANISATION_KINDS.get((element.get("type") or "").strip())  # None: not said
        return OrgRef(name=_one_line(name) or code, code=code, kind=kind)

    def _role(self, role: str, others_note: str) -> OrgRef | None:
        found = [
            org
            for element in self._all("participating-org")
            if (element.get("role") or "").strip() == role
            and (org := self._organisation(element)) is not None
        ]
        extra = list(dict.fromkeys(org.name for org in found[1:] if org.name != found[0].name))
        if extra:
            self.notes.append(f"{others_note}: {'; '.join(extra)}.")
        return found[0] if found else None

    def _donor(self, reporting: OrgRef | None) -> OrgRef | None:
        funder = self._role("1", "Other funding organisations")
        if funder is not None:
            return funder
        providers: dict[str, OrgRef] = {}
        for transaction in self._all("transaction"):
            org = self._organisation(transaction.find("provider-org"))
            if org is not None:
                providers.setdefault(org.code or org.name, org)
        if providers:
            first = next(iter(providers.values()))
            if len(providers) > 1:
                self.warnings.append(
                    f"Its transactions come from {len(providers)} providers; the first, "
                    f"{first.name}, is taken as the donor."
                )
            return first
        return reporting

    def _recipient(self) -> OrgRef | None:
        countries = [
            (element, code)
            for element in self._all("recipient-country")
            if (code := (element.get("code") or "").strip().upper())
        ]
        if countries:
            best, code = max(countries, key=lambda pair: _percentage(pair[0]))
            if len(countries) > 1:
                shares = ", ".join(
                    f"{c} {element.get('percentage')}%" if element.get("percentage") else c
                    for element, c in countries
                )
                self.notes.append(f"Recipient countries: {shares}.")
            return OrgRef(
                name=_country_name(code) or self._pick(best)[0] or code,
                code=code,
                kind=OrganisationKind.GOVERNMENT,
            )
        for element in self._all("recipient-region"):
            name = self._pick(element)[0]
            code = (element.get("code") or "").strip()
            if name or code:
                return OrgRef(name=_one_line(name) or f"Region {code}")
        return None

    # -- sector -----------------------------------------------------------------------

    def _sector(self) -> tuple[str, str]:
        """The first DAC sector code of the activity (else of its transactions), and
        its English name."""
        sectors = self._all("sector") or [
            sector
            for transaction in self._all("transaction")
            for sector in transaction.findall("sector")
        ]
        for vocabulary, names in (("1", DAC_SECTORS), ("2", DAC_CATEGORIES)):
            for element in sectors:
                if (element.get("vocabulary") or "1").strip() != vocabulary:
                    continue
                code = (element.get("code") or "").strip()
                if code in names:
                    return code, names[code]
                if code and not self.reader.legacy:  # the draft layout had other lists
                    self.warnings.append(f"Its sector code {code[:20]} is not a DAC code.")
        return "", ""

    # -- stages -----------------------------------------------------------------------

    def _stages(self) -> tuple[StageIn, ...]:
        default_currency = (self.activity.get("default-currency") or "").strip().upper()
        stages: list[StageIn] = []
        others: Counter[str] = Counter()
        for number, transaction in enumerate(self._all("transaction"), 1):
            type_element = transaction.find("transaction-type")
            type_code = (type_element.get("code") or "").strip() if type_element is not None else ""
            meaning = TRANSACTION_STAGES.get(type_code)
            if meaning is None and not type_code and self.reader.legacy:
                status = transaction.find("status")
                if status is not None:
                    meaning = LEGACY_STAGES.get((status.get("code") or "").strip())
            if meaning is None:
                if type_code:
                    others[OTHER_TRANSACTIONS.get(type_code, f"type {type_code[:10]}")] += 1
                else:
                    self.warnings.append(f"Transaction {number} has no type: it was not read.")
                continue
            stage = self._stage(transaction, number, meaning, default_currency)
            if stage is not None:
                stages.append(stage)
        if others:
            counted = ", ".join(f"{count} {kind}" for kind, count in others.items())
            self.notes.append(f"Transactions not read as stages: {counted}.")
        status = self._first("activity-status")
        if status is not None and (status.get("code") or "").strip() == "5":
            end = next((d for d in self._all("activity-date") if d.get("type") == "4"), None)
            when = _date(_first_date(end.get("iso-date") if end is not None else None))
            stages.append(
                StageIn(
                    kind=StageKind.CANCELLED,
                    date=when or FuzzyDate(),
                    note="activity cancelled",
                )
            )
        return tuple(stages)

    def _stage(
        self,
        transaction: Element,
        number: int,
        meaning: tuple[StageKind, str],
        default_currency: str,
    ) -> StageIn | None:
        value = transaction.find("value")
        text = _text(value)
        if value is None or not text:
            self.warnings.append(f"Transaction {number} has no value: it was not read.")
            return None
        try:
            amount = Decimal(text)
            if not amount.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.warnings.append(
                f"Transaction {number} has the value “{text[:30]}”, which is not a number: "
                "it was not read."
            )
            return None
        currency = (value.get("currency") or "").strip().upper() or default_currency
        if not _CURRENCY_RE.match(currency):
            self.warnings.append(
                f"Transaction {number} has no currency code (or not an ISO 4217 one)."
            )
            currency = ""
        date_element = transaction.find("transaction-date")
        when = self._transaction_date(
            number,
            value.get("value-date"),
            date_element.get("iso-date") if date_element is not None else None,
        )
        kind, note = meaning
        # Expenditure spends money already disbursed, and incoming money is the donor's
        # flow to this activity: neither counts again in the activity's own value.
        return StageIn(kind=kind, date=when, amount=amount, currency=currency, note=note,
                       counts=not note)  # fmt: skip

    def _transaction_date(self, number: int, *given: str | None) -> FuzzyDate:
        """The first of the `given` dates that is one (the value date, then the
        transaction date), with a warning for each that is not."""
        dates = list(dict.fromkeys(text.strip() for text in given if text and text.strip()))
        for text in dates:
            parsed = _date(_first_date(text))
            if parsed is not None:
                return parsed
            self.warnings.append(
                f"Transaction {number} has the date “{text[:30]}”, which is not a date."
            )
        if not dates:
            self.warnings.append(f"Transaction {number} has no date.")
        return FuzzyDate()


# -- small helpers -----------------------------------------------------------------------


def _text(element: Element | None) -> str:
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _same_language(lang: str, wanted: str) -> bool:
    if not wanted:
        return not lang
    return lang == wanted or lang.split("-")[0] == wanted.split("-")[0]


def _percentage(element: Element) -> Decimal:
    try:
        share = Decimal((element.get("percentage") or "").strip() or "100")
    except InvalidOperation:
        return Decimal(0)
    return share if share.is_finite() else Decimal(0)


def _first_date(text: str | None) -> str:
    """The YYYY-MM-DD a date or date-time begins with ("" when there is none)."""
    match = _DATE_RE.match((text or "").strip())
    return match.group(1) if match else (text or "").strip()


def _date(text: str) -> FuzzyDate | None:
    """`text` as a date at day precision; None when it is empty or not a date."""
    try:
        parsed = FuzzyDate.parse(text)
    except ValueError:
        return None
    return parsed if parsed.value is not None else None


@functools.cache
def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return ""
    return str(getattr(country, "common_name", None) or country.name)
