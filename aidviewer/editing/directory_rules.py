"""What makes an organisation, a person or a source fit to save, field by field.

The directory forms show each problem beside its field and keep Save disabled, as the
record form does with aidviewer.editing.rules. A name is compared with every name and
other name of the other organisations as people read them, ignoring case ("CZECHIA" is
"Czechia"), because the record form finds an organisation by any of them: two
organisations answering to one name would make that lookup a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from aidviewer.store import Organisation, Person, Source

from .rules import Problem, problem

URL_SCHEMES = ("http://", "https://")


# Codes ISO 3166-1 leaves to users that aid data uses for donors: the European Union
# (in IATI and FTS) and Kosovo.
USER_ASSIGNED = frozenset({"EU", "XK"})


@cache
def known_countries() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes (pycountry ships the standard's list), and the
    user-assigned codes that aid data uses."""
    import pycountry  # loaded when a country is first checked, not at start-up

    return frozenset(country.alpha_2 for country in pycountry.countries) | USER_ASSIGNED


def organisation_problems(org: Organisation, others: Sequence[Organisation]) -> list[Problem]:
    """The problems of `org`; `others` may include `org` itself (same id), which is
    skipped, so a catalogue's whole list can be passed."""
    problems: list[Problem] = []
    name = org.name.strip()
    if not name:
        problems.append(Problem("name", "An organisation needs a name."))
    taken: dict[str, str] = {}  # a name or other name, casefolded -> whose it is
    for other in others:
        if other.id == org.id and org.id != 0:
            continue
        for text in (other.name, *other.aliases):
            if text.strip():
                taken.setdefault(text.strip().casefold(), other.name)
    if name and name.casefold() in taken:
        problems.append(_taken("name", name, taken[name.casefold()]))
    aliases = [alias.strip() for alias in org.aliases if alias.strip()]
    for alias in aliases:
        if name and alias.casefold() == name.casefold():
            problems.append(
                problem(
                    "aliases",
                    "“{alias}” is this organisation's own name, not another name.",
                    alias=alias,
                )
            )
            break
        if alias.casefold() in taken:
            problems.append(_taken("aliases", alias, taken[alias.casefold()]))
            break
    if org.country and org.country.upper() not in known_countries():
        problems.append(
            problem(
                "country",
                "“{code}” is not an ISO 3166-1 country code such as CZ.",
                code=org.country,
            )
        )
    return problems


def _taken(field: str, text: str, owner: str) -> Problem:
    if text.casefold() == owner.casefold():
        return problem(field, "Another organisation is already named “{owner}”.", owner=owner)
    return problem(field, "“{text}” is already another name of “{owner}”.", text=text,
                   owner=owner)  # fmt: skip


def person_problems(person: Person) -> list[Problem]:
    problems: list[Problem] = []
    if not person.name.strip():
        problems.append(Problem("name", "A person needs a name."))
    return problems


def source_problems(source: Source) -> list[Problem]:
    problems: list[Problem] = []
    if not source.title.strip():
        problems.append(Problem("title", "A source needs a title."))
    url = source.url.strip()
    # The scheme is case-insensitive (RFC 3986), and something must follow it.
    if url and not any(
        url.lower().startswith(scheme) and len(url) > len(scheme) for scheme in URL_SCHEMES
    ):
        problems.append(
            Problem("url", "A web address starts with http:// or https://, such as https://kam.lt.")
        )
    return problems
