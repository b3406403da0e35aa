"""People, organisations and tags: small in-memory tables over the sample catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from aidviewer.models import (
    DirectoryFilterModel,
    OrganisationColumn,
    OrganisationsModel,
    PeopleModel,
    PersonColumn,
    Role,
    TagsModel,
)
from aidviewer.models.directory import fold
from aidviewer.store import Catalogue, Organisation, OrganisationKind, Person, Tag


def _rows(
    model: PeopleModel | OrganisationsModel | TagsModel | DirectoryFilterModel,
) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


@pytest.fixture
def sample(sample_path: Path) -> Iterator[Catalogue]:
    catalogue = Catalogue.open(sample_path)
    yield catalogue
    catalogue.close()


def test_people(sample: Catalogue, qtmodeltester: ModelTester) -> None:
    model = PeopleModel()
    assert model.rowCount() == 0
    assert model.columnCount() == 3
    model.load(sample)
    assert _rows(model) == [
        [
            "Arvydas Anušauskas",
            "Minister of National Defence of Lithuania",
            "Ministry of National Defence of the Republic of Lithuania",
        ],
        ["Rustem Umerov", "Minister of Defence of Ukraine", "Ministry of Defence of Ukraine"],
        ["Volodymyr Zelensky", "President of Ukraine", "Office of the President of Ukraine"],
    ]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Name",
        "Role",
        "Organisation",
    ]
    person = model.index(1, PersonColumn.ROLE).data(Role.SUMMARY)
    assert isinstance(person, Person)
    assert person.name == "Rustem Umerov"
    assert model.index(1, PersonColumn.ORGANISATION).data(Role.SORT) == (
        "Ministry of Defence of Ukraine"
    )
    qtmodeltester.check(model)


def test_person_without_organisation(empty_path: Path, qtmodeltester: ModelTester) -> None:
    with Catalogue.open(empty_path) as catalogue:
        catalogue.add_person(Person(name="Analyst"))
        model = PeopleModel()
        model.load(catalogue)
    assert _rows(model) == [["Analyst", "", ""]]
    qtmodeltester.check(model)


def test_organisations(sample: Catalogue, qtmodeltester: ModelTester) -> None:
    model = OrganisationsModel()
    assert model.rowCount() == 0
    assert model.columnCount() == 4
    model.load(sample)
    assert model.rowCount() == 5
    assert _rows(model)[0] == [
        "Armed Forces of Ukraine",
        "Armed forces",
        "UA",
        "Ukrainian Armed Forces; Ukrainian troops",
    ]
    assert [row[0] for row in _rows(model)] == [
        "Armed Forces of Ukraine",
        "Ministry of Defence of Ukraine",
        "Ministry of National Defence of the Republic of Lithuania",
        "Norway",
        "Office of the President of Ukraine",
    ]
    assert [row[1] for row in _rows(model)] == [
        "Armed forces",
        "Ministry",
        "Ministry",
        "Government",
        "Government",
    ]
    norway = model.index(3, OrganisationColumn.COUNTRY)
    assert norway.data() == "NO"
    org = norway.data(Role.SUMMARY)
    assert isinstance(org, Organisation)
    assert org.aliases == ("Kingdom of Norway",)
    tip = model.index(0, OrganisationColumn.ALIASES).data(Qt.ItemDataRole.ToolTipRole)
    assert "Ukrainian Armed Forces\nUkrainian troops" in tip  # one alias a line
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Also known as"
    qtmodeltester.check(model)


def test_every_organisation_kind_has_a_label(empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        for kind in OrganisationKind:
            catalogue.add_organisation(Organisation(name=f"Org {kind.value}", kind=kind))
        model = OrganisationsModel()
        model.load(catalogue)
    labels = {model.index(r, OrganisationColumn.KIND).data() for r in range(model.rowCount())}
    assert len(labels) == len(OrganisationKind)
    assert "International organisation" in labels
    assert all(label and "_" not in label for label in labels)


def test_tags(sample: Catalogue, qtmodeltester: ModelTester) -> None:
    model = TagsModel()
    assert model.rowCount() == 0
    model.load(sample)
    assert [row[0] for row in _rows(model)] == [
        "NASAMS",
        "air defence",
        "approximate",
        "coalition",
        "planned",
        "total",
        "winter",
    ]
    tag = model.index(0, 0).data(Role.SUMMARY)
    assert isinstance(tag, Tag)
    assert tag.name == "NASAMS"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Tag"
    qtmodeltester.check(model)


def test_load_none_empties_the_model(sample: Catalogue) -> None:
    for model in (PeopleModel(), OrganisationsModel(), TagsModel()):
        model.load(sample)
        assert model.rowCount() > 0
        model.load(None)
        assert model.rowCount() == 0


def test_fold_ignores_case_and_diacritics() -> None:
    assert fold("Anušauskas") == fold("ANUSAUSKAS") == "anusauskas"
    assert fold("Žalgiris") == "zalgiris"


def test_filter_by_words_in_any_column(sample: Catalogue, qtmodeltester: ModelTester) -> None:
    people = PeopleModel()
    people.load(sample)
    proxy = DirectoryFilterModel(people)
    assert proxy.rowCount() == 3
    qtmodeltester.check(proxy)

    proxy.set_filter_text("anusaus")  # no diacritics, any case, a part of the name
    assert [row[0] for row in _rows(proxy)] == ["Arvydas Anušauskas"]

    proxy.set_filter_text("ukraine")  # found in the role and organisation columns
    assert [row[0] for row in _rows(proxy)] == ["Rustem Umerov", "Volodymyr Zelensky"]

    proxy.set_filter_text("  ukraine   president ")  # every word must appear
    assert [row[0] for row in _rows(proxy)] == ["Volodymyr Zelensky"]
    assert proxy.filter_text == "ukraine president"

    proxy.set_filter_text("no such person")
    assert proxy.rowCount() == 0
    qtmodeltester.check(proxy)

    proxy.set_filter_text("")
    assert proxy.rowCount() == 3


def test_filter_sorts_on_native_values(sample: Catalogue) -> None:
    orgs = OrganisationsModel()
    orgs.load(sample)
    proxy = DirectoryFilterModel(orgs)
    proxy.sort(OrganisationColumn.COUNTRY, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, OrganisationColumn.COUNTRY).data() for r in range(5)] == [
        "UA",
        "UA",
        "UA",
        "NO",
        "LT",
    ]
    proxy.set_filter_text("ukrain")
    proxy.sort(OrganisationColumn.NAME, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
        "Office of the President of Ukraine",
        "Ministry of Defence of Ukraine",
        "Armed Forces of Ukraine",
    ]
    assert proxy.rowCount(proxy.index(0, 0)) == 0
    assert not proxy.index(0, 0).parent().isValid()
    assert proxy.index(0, 0).parent() == QModelIndex()
