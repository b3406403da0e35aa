"""Names of donors and recipients as files write them, resolved to one organisation.

Sources name the same government in many ways: "Czechia" and "Czech Republic",
"Türkiye" and "Turkey", "Germany, Government of", "DE", "DEU". A name that is a country
(by its ISO 3166 code, its common or official name, or a known older name) is resolved
to the catalogue's government organisation of that country, made once when there is
none. Any other name is looked up among the organisations' names and aliases (ignoring
case, accents and punctuation), then by its IATI organisation identifier, and made new
when nothing matches.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import pycountry

from aidviewer.store import Organisation, OrganisationKind

from .items import OrgRef

# Names real files use that pycountry does not know, to ISO 3166-1 alpha-2.
_COUNTRY_NAMES = {
    "czech republic": "CZ",
    "czechia": "CZ",
    "turkey": "TR",
    "turkiye": "TR",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "us": "US",
    "united kingdom": "GB",
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "south korea": "KR",
    "korea": "KR",
    "republic of korea": "KR",
    "korea republic of": "KR",
    "russia": "RU",
    "moldova": "MD",
    "republic of moldova": "MD",
    "netherlands": "NL",
    "the netherlands": "NL",
    "holland": "NL",
    "taiwan": "TW",
    "iran": "IR",
    "vietnam": "VN",
    "syria": "SY",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "laos": "LA",
    "north macedonia": "MK",
    "macedonia": "MK",
    "slovak republic": "SK",
    "kosovo": "XK",
}

# "Germany, Government of", "Government of Germany", "Kingdom of Spain": the country.
_GOVERNMENT = re.compile(
    r"^(?:(?:the\s+)?(?:government|kingdom|republic|federal republic|state)\s+of\s+(?:the\s+)?)"
    r"|,\s*(?:the\s+)?government\s+of(?:\s+the)?$",
    re.IGNORECASE,
)


def normal(name: str) -> str:
    """A name as compared: lower case, without accents, punctuation or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


def country_code(name: str, code: str = "") -> str | None:
    """The ISO 3166-1 alpha-2 code of the country this name or code stands for, or None
    when it is not a country."""
    for text in (code, name):
        text = text.strip()
        if not text:
            continue
        if len(text) in (2, 3) and text.isalpha() and text.isupper():
            found = (
                pycountry.countries.get(alpha_2=text)
                if len(text) == 2
                else pycountry.countries.get(alpha_3=text)
            )
            if found is not None:
                return str(found.alpha_2)
            if text == "XK":
                return "XK"
        bare = _GOVERNMENT.sub("", text)
        # "Saudi Arabia (Kingdom of)", "Korea, Republic of": the country's name.
        for candidate in (bare, re.sub(r"\([^)]*\)", " ", bare), bare.split(",")[0]):
            found_code = _country_index().get(normal(candidate))
            if found_code is not None:
                return found_code
    return None


@functools.cache
def _country_index() -> dict[str, str]:
    """Every country's names, compared as `normal` writes them, to its alpha-2 code."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
        ):
            if name:
                index.setdefault(normal(name), str(country.alpha_2))
    index.update(_COUNTRY_NAMES)
    return index


def country_name(alpha_2: str) -> str:
    """The country's name as people say it ("Czechia", "Türkiye", "Moldova")."""
    if alpha_2 == "XK":
        return "Kosovo"
    found = pycountry.countries.get(alpha_2=alpha_2)
    if found is None:
        return alpha_2
    return str(getattr(found, "common_name", None) or found.name)


@dataclass
class OrganisationResolver:
    """Finds or makes the organisation an OrgRef names. `make` adds an organisation to
    the catalogue and returns it (with its id); `made` lists what was made."""

    organisations: list[Organisation]
    make: Callable[[Organisation], Organisation]
    made: list[Organisation] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_name: dict[str, int] = {}
        self._by_country: dict[str, int] = {}
        self._by_iati: dict[str, int] = {}
        self._resolved: dict[OrgRef, int] = {}  # the same reference again: no work
        for org in self.organisations:
            self._learn(org)

    def _learn(self, org: Organisation) -> None:
        self._by_name.setdefault(normal(org.name), org.id)
        for alias in org.aliases:
            self._by_name.setdefault(normal(alias), org.id)
        if org.iati_id:
            self._by_iati.setdefault(org.iati_id.strip().upper(), org.id)
        # A country's government: "Norway" (NO), not "Office of the President of Ukraine"
        # (a government body in UA, but not the one a file means by "Ukraine").
        country = (org.country or "").upper()
        if (
            org.kind is OrganisationKind.GOVERNMENT
            and country
            and country_code(org.name) == country
        ):
            self._by_country.setdefault(country, org.id)

    def resolve(self, ref: OrgRef | None) -> int | None:
        """The id of the organisation `ref` names (made if needed), or None."""
        if ref is None or not (ref.name.strip() or ref.code.strip()):
            return None
        if ref in self._resolved:
            return self._resolved[ref]
        found = self._resolve(ref)
        self._resolved[ref] = found
        return found

    def _resolve(self, ref: OrgRef) -> int:
        name = " ".join(ref.name.split())
        known = self._by_name.get(normal(name)) if name else None
        if known is not None:
            return known
        code = ref.code.strip().upper()
        if code and code in self._by_iati:
            return self._by_iati[code]
        country = None
        if ref.kind in (None, OrganisationKind.GOVERNMENT):
            country = country_code(name, code if len(code) in (2, 3) else "")
        if country is not None:
            found = self._by_country.get(country, self._by_name.get(normal(country_name(country))))
            if found is not None:
                if name:
                    self._by_name.setdefault(normal(name), found)
                return found
            made = self._make(
                Organisation(
                    name=country_name(country),
                    kind=OrganisationKind.GOVERNMENT,
                    country=country,
                    aliases=_other_names(name, country_name(country)),
                )
            )
            return made.id
        iati = code if code and len(code) > 3 else None
        made = self._make(
            Organisation(name=name or code, kind=ref.kind or OrganisationKind.OTHER, iati_id=iati)
        )
        return made.id

    def _make(self, org: Organisation) -> Organisation:
        made = self.make(org)
        self.made.append(made)
        self._learn(made)
        return made


def _other_names(name: str, chosen: str) -> tuple[str, ...]:
    """The name the file used, kept as an alias when it differs from the one chosen."""
    name = " ".join(name.split())
    return (name,) if name and normal(name) != normal(chosen) else ()
