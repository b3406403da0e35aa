"""The rules an organisation, a person or a source must pass before it is saved, checked
against the organisations of the real sample catalogue."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from aidviewer.editing.directory_rules import (
    known_countries,
    organisation_problems,
    person_problems,
    source_problems,
)
from aidviewer.editing.rules import Problem
from aidviewer.store import Catalogue, Organisation, Person, Source

CZECHIA = Organisation(id=90, version=1, name="Czechia", country="CZ", aliases=("Czech Republic",))


@pytest.fixture
def organisations(sample_path: Path) -> list[Organisation]:
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        return catalogue.organisations()


def _by_name(organisations: list[Organisation], name: str) -> Organisation:
    return next(org for org in organisations if org.name == name)


def test_the_sample_organisations_pass_against_their_own_list(
    organisations: list[Organisation],
) -> None:
    assert len(organisations) >= 2  # the check below compares them with each other
    for org in organisations:
        assert organisation_problems(org, organisations) == [], org.name


def test_an_organisation_needs_a_name(organisations: list[Organisation]) -> None:
    assert organisation_problems(Organisation(name="  "), organisations) == [
        Problem("name", "An organisation needs a name.")
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("NORWAY", "Another organisation is already named “Norway”."),
        ("kingdom of norway", "“kingdom of norway” is already another name of “Norway”."),
        (
            " Ukrainian troops ",
            "“Ukrainian troops” is already another name of “Armed Forces of Ukraine”.",
        ),
    ],
)
def test_a_new_name_cannot_be_another_organisations_name_or_other_name(
    organisations: list[Organisation], name: str, message: str
) -> None:
    assert organisation_problems(Organisation(name=name), organisations) == [
        Problem("name", message)
    ]


def test_an_other_name_cannot_be_another_organisations_name(
    organisations: list[Organisation],
) -> None:
    org = Organisation(name="Republic of Lithuania", aliases=("Lithuania", "norway"))
    assert organisation_problems(org, organisations) == [
        Problem("aliases", "Another organisation is already named “Norway”.")
    ]


@pytest.mark.parametrize("name", ["Czech Republic", "czechia", "CZECH REPUBLIC"])
def test_czechia_is_one_organisation_under_both_names(
    organisations: list[Organisation], name: str
) -> None:
    others = [*organisations, CZECHIA]
    problems = organisation_problems(Organisation(name=name), others)
    assert [problem.field for problem in problems] == ["name"]
    assert "“Czechia”" in problems[0].message
    alias = organisation_problems(Organisation(name="Česko", aliases=(name,)), others)
    assert [problem.field for problem in alias] == ["aliases"]


def test_an_organisation_keeps_its_own_names_when_edited(
    organisations: list[Organisation],
) -> None:
    norway = _by_name(organisations, "Norway")
    renamed = dataclasses.replace(norway, name="Kingdom of Norway", aliases=("Norway",))
    assert organisation_problems(renamed, organisations) == []


def test_an_other_name_cannot_be_the_organisations_own_name(
    organisations: list[Organisation],
) -> None:
    norway = _by_name(organisations, "Norway")
    same = dataclasses.replace(norway, aliases=("Kingdom of Norway", "NORWAY"))
    assert organisation_problems(same, organisations) == [
        Problem("aliases", "“NORWAY” is this organisation's own name, not another name.")
    ]


@pytest.mark.parametrize(
    ("country", "fine"),
    [
        (None, True),
        ("", True),
        ("CZ", True),
        ("cz", True),  # the store writes it in capitals
        ("UA", True),
        ("ZZ", False),
        ("CZE", False),  # alpha-3, not alpha-2
        ("Czechia", False),
        (" CZ", False),
    ],
)
def test_a_country_is_an_iso_3166_alpha_2_code(country: str | None, fine: bool) -> None:
    problems = organisation_problems(Organisation(name="Somewhere", country=country), [])
    if fine:
        assert problems == []
    else:
        assert problems == [
            Problem("country", f"“{country}” is not an ISO 3166-1 country code such as CZ.")
        ]


def test_every_problem_of_an_organisation_is_reported(organisations: list[Organisation]) -> None:
    org = Organisation(name="Norway", country="XX", aliases=("Ukrainian troops",))
    assert [problem.field for problem in organisation_problems(org, organisations)] == [
        "name",
        "aliases",
        "country",
    ]


def test_a_person_needs_a_name() -> None:
    assert person_problems(Person(name=" ")) == [Problem("name", "A person needs a name.")]
    assert person_problems(Person(name="Arvydas Anušauskas", organisation_id=None)) == []


def test_a_source_needs_a_title() -> None:
    assert source_problems(Source(title="")) == [Problem("title", "A source needs a title.")]
    assert source_problems(Source(title="Lithuanian Aid to Ukraine Continues")) == []


@pytest.mark.parametrize(
    ("url", "fine"),
    [
        ("", True),
        ("https://kam.lt/en/", True),
        ("http://kam.lt", True),
        ("HTTPS://KAM.LT", True),
        ("kam.lt", False),
        ("ftp://kam.lt/file.pdf", False),
        ("https://", False),
        ("file:///home/rasa/a.pdf", False),
    ],
)
def test_a_web_address_starts_with_http_or_https(url: str, fine: bool) -> None:
    problems = source_problems(Source(title="Press release", url=url))
    assert [problem.field for problem in problems] == ([] if fine else ["url"])


@pytest.mark.parametrize("code", ["EU", "XK"])
def test_user_assigned_codes_that_aid_data_uses_are_countries(code: str) -> None:
    assert code in known_countries()
