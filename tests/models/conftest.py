"""Fixtures for the model tests: small catalogues built through the store's API, so
every expected cell is known exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    Category,
    FuzzyDate,
    Meeting,
    Money,
    Organisation,
    OrganisationKind,
    Participant,
    Person,
    Stage,
    StageKind,
)

EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture
def en_us() -> Iterator[QLocale]:
    """English (United States) as the default locale, restored afterwards."""
    before = QLocale()
    QLocale.setDefault(EN_US)
    yield EN_US
    QLocale.setDefault(before)


@pytest.fixture
def small_catalogue(tmp_path: Path) -> Iterator[Catalogue]:
    """Four records whose EUR values sort differently as text and as numbers, and two
    meetings given out of date order."""
    catalogue = Catalogue.create(tmp_path / "small.aidb", user="tester")
    lt = catalogue.add_organisation(
        Organisation(name="Lithuania", kind=OrganisationKind.GOVERNMENT, country="LT")
    )
    ua = catalogue.add_organisation(
        Organisation(name="Armed Forces of Ukraine", kind=OrganisationKind.ARMED_FORCES)
    )
    air = catalogue.add_category(Category(name="Air defence", aid_type=AidType.MILITARY))
    announced = Stage(kind=StageKind.ANNOUNCED, date=FuzzyDate.parse("2023-11"))
    delivered = Stage(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2023-11-10"))
    catalogue.add_record(
        AidRecord(
            title="NASAMS launchers",
            donor_id=lt.id,
            recipient_id=ua.id,
            category_id=air.id,
            quantity=3,
            unit="launchers",
            money=Money.eur(90_000),  # €900.00
            stages=(announced, delivered),
        )
    )
    catalogue.add_record(
        AidRecord(
            title="Total military aid",
            donor_id=lt.id,
            recipient_id=ua.id,
            quantity=12_345,
            unit="items",
            money=Money.eur(50_000_000_000),  # €500,000,000.00: more than 2**31 cents
            stages=(Stage(kind=StageKind.COMMITTED, date=FuzzyDate.parse("2022")),),
        )
    )
    catalogue.add_record(
        AidRecord(
            title="bandages",
            aid_type=AidType.HUMANITARIAN,
            donor_id=lt.id,
            money=Money.eur(1_000_000),  # €10,000.00
        )
    )
    catalogue.add_record(AidRecord(title="Demining coalition", aid_type=AidType.FINANCIAL))
    minister = catalogue.add_person(Person(name="Arvydas Anušauskas", role="Minister"))
    president = catalogue.add_person(Person(name="Volodymyr Zelensky", role="President"))
    catalogue.add_meeting(
        Meeting(
            title="Follow-up in Vilnius",
            starts_at="2023-12-01T09:30",
            place="Vilnius",
            participants=(Participant(person_id=minister.id),),
        )
    )
    catalogue.add_meeting(
        Meeting(
            title="Meeting in Kyiv",
            starts_at="2023-11-10",
            place="Kyiv",
            participants=(
                Participant(person_id=minister.id),
                Participant(person_id=president.id),
            ),
        )
    )
    yield catalogue
    catalogue.close()
