"""The sample catalogue holds every fact of the press release in ../shared/seed/."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from aidviewer.sample import SampleError, fill_sample
from aidviewer.store import (
    ActionKind,
    Catalogue,
    OrganisationKind,
    Precision,
    SourceKind,
    StageKind,
)

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed"


@pytest.fixture
def sample(sample_path: Path) -> Iterator[Catalogue]:
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        yield catalogue


def _by_title(sample: Catalogue) -> dict[str, object]:
    return {record.title: record for record in sample.iter_records()}


def test_organisations(sample: Catalogue) -> None:
    orgs = {org.name: org for org in sample.organisations()}
    lt = orgs["Ministry of National Defence of the Republic of Lithuania"]
    assert (lt.kind, lt.country) == (OrganisationKind.MINISTRY, "LT")
    assert (
        orgs["Ministry of Defence of Ukraine"].kind,
        orgs["Ministry of Defence of Ukraine"].country,
    ) == (
        OrganisationKind.MINISTRY,
        "UA",
    )
    assert orgs["Armed Forces of Ukraine"].kind is OrganisationKind.ARMED_FORCES
    assert orgs["Norway"].country == "NO"
    assert sample.find_organisation("Lithuania, Ministry of National Defence") == lt


def test_people_and_their_roles(sample: Catalogue) -> None:
    orgs = {org.id: org.name for org in sample.organisations()}
    people = {p.name: (p.role, orgs.get(p.organisation_id or 0)) for p in sample.people()}
    assert people == {
        "Arvydas Anušauskas": (
            "Minister of National Defence of Lithuania",
            "Ministry of National Defence of the Republic of Lithuania",
        ),
        "Volodymyr Zelensky": ("President of Ukraine", "Office of the President of Ukraine"),
        "Rustem Umerov": ("Minister of Defence of Ukraine", "Ministry of Defence of Ukraine"),
    }


def test_nasams_handover_on_10_november(sample: Catalogue) -> None:
    records = _by_title(sample)
    nasams = records["NASAMS launchers and equipment"]
    atv = records["All-terrain vehicles for NASAMS crews"]
    for record in (nasams, atv):
        assert record.status is StageKind.DELIVERED
        delivered = record.stage_date(StageKind.DELIVERED)
        assert (delivered.value, delivered.precision) == (date(2023, 11, 10), Precision.DAY)
    assert "Norway" in nasams.description and "medium-range air defence" in nasams.description
    assert sample.category(nasams.category_id).name == "Air defence"
    assert sample.organisation(nasams.recipient_id).name == "Armed Forces of Ukraine"


def test_planned_assistance_is_announced(sample: Catalogue) -> None:
    records = _by_title(sample)
    planned = {
        "Grenade launcher ammunition": "Ammunition",
        "Logistics vehicles": "Vehicles",
        "Equipment for the winter season": "Winter equipment",
    }
    for title, category in planned.items():
        assert records[title].status is StageKind.ANNOUNCED
        assert sample.category(records[title].category_id).name == category


def test_ongoing_efforts(sample: Catalogue) -> None:
    records = _by_title(sample)
    for title, category in {
        "Military vehicles and equipment": "Military equipment",
        "Training of Ukrainian military personnel": "Training",
        "Medical treatment and rehabilitation of injured Ukrainian troops": "Medical",
        "Demining coalition": "Demining",
    }.items():
        assert sample.category(records[title].category_id).name == category
        assert records[title].status is StageKind.COMMITTED


def test_reported_total_of_about_500_million_euros(sample: Catalogue) -> None:
    total = _by_title(sample)["Lithuania's military assistance to Ukraine, total to date"]
    assert total.money is not None
    assert (total.money.amount_minor, total.money.currency, total.money.value_eur_cents) == (
        500_000_000_00,
        "EUR",
        500_000_000_00,
    )
    assert "around 500 million euros" in total.description
    assert "approximate" in total.tags
    assert sample.totals() == (10, 500_000_000_00)


def test_every_record_and_meeting_cites_the_press_release(sample: Catalogue) -> None:
    (source,) = sample.sources()
    assert (source.title, source.kind, source.published.iso()) == (
        "Lithuanian Aid to Ukraine Continues",
        SourceKind.PRESS_RELEASE,
        "2023-11-10",
    )
    assert all(record.source_ids == (source.id,) for record in sample.iter_records())
    assert all(meeting.source_ids == (source.id,) for meeting in sample.iter_meetings())


def test_meetings_in_kyiv(sample: Catalogue) -> None:
    people = {p.id: p.name for p in sample.people()}
    meetings = {m.title: m for m in sample.iter_meetings()}
    assert len(meetings) == 2
    with_president = meetings["Anušauskas meets President Zelensky in Kyiv"]
    with_minister = meetings["Anušauskas meets Defence Minister Umerov in Kyiv"]
    for meeting in meetings.values():
        assert (meeting.starts_at, meeting.place) == ("2023-11-10", "Kyiv, Ukraine")
    assert [people[p.person_id] for p in with_president.participants] == [
        "Arvydas Anušauskas",
        "Volodymyr Zelensky",
    ]
    assert [people[p.person_id] for p in with_minister.participants] == [
        "Arvydas Anušauskas",
        "Rustem Umerov",
    ]
    assert "The demining coalition" in with_president.topics
    assert "Possibilities for joint defence industry projects" in with_president.topics
    assert "Military cooperation" in with_minister.topics
    # The minister's words, as quoted.
    assert (
        "it is only NATO membership that will provide to Ukraine the security"
        in with_president.minutes
    )
    assert "thanked V. Zelenskyy for his wartime leadership" in with_president.minutes
    assert with_president.minutes.count("\n\n") == 3  # paragraphs kept
    assert len(with_president.record_ids) == 10
    (follow_up,) = with_president.actions
    assert (
        follow_up.kind is ActionKind.FOLLOW_UP and "grenade launcher ammunition" in follow_up.text
    )


def test_inferred_year_is_explained_in_a_note(sample: Catalogue) -> None:
    for record in sample.iter_records():
        (note,) = sample.notes_for(record_id=record.id)
        assert note.pinned and "names no year" in note.body and "2023" in note.body
        assert note.author == "aidviewer sample"
    for meeting in sample.iter_meetings():
        (note,) = sample.notes_for(meeting_id=meeting.id)
        assert "Umerov" in note.body and "September 2023" in note.body


def test_sample_is_sound(sample: Catalogue) -> None:
    assert sample.check().sound


@pytest.mark.skipif(
    not SEED.is_dir(), reason="../shared/seed (the press release) is not beside the repository"
)
def test_key_phrases_of_the_release_are_in_the_catalogue(sample: Catalogue) -> None:
    release = "".join(path.read_text(encoding="utf-8") for path in SEED.glob("*.txt"))
    text = " ".join(
        [r.title + " " + r.description for r in sample.iter_records()]
        + [m.minutes + " " + " ".join(m.topics) for m in sample.iter_meetings()]
        + [p.name + " " + p.role for p in sample.people()]
        + [o.name for o in sample.organisations()]
    ).casefold()
    for phrase in (
        "NASAMS", "Arvydas Anušauskas", "Volodymyr Zelensky", "Rustem Umerov", "Norway",
        "grenade launcher ammunition", "logistics vehicles", "winter season",
        "demining coalition", "500 million euros", "all-terrain vehicles",
        "medical treatment and rehabilitation", "military vehicles and equipment",
    ):  # fmt: skip
        assert phrase.casefold() in release.casefold(), phrase  # the phrase is the release's
        assert phrase.casefold() in text, phrase


def test_broken_reference_in_sample_file_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[[record]]\nkey = "x"\ntitle = "X"\ndonor = "nobody"\n', encoding="utf-8")
    target = tmp_path / "new.aidb"
    with pytest.raises(SampleError, match="unknown key 'nobody'"):
        Catalogue.create(target, fill=lambda c: fill_sample(c, broken))
    assert not target.exists()
