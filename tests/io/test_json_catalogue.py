"""The whole catalogue as JSON: exported, imported into a new file, compared row by row."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aidviewer.io import json_catalogue
from aidviewer.io.items import BadFileError, ImportCancelledError
from aidviewer.io.json_catalogue import (
    SECTIONS,
    ExportCancelledError,
    export_json,
    import_json,
)
from aidviewer.store import (
    ActionKind,
    AidRecord,
    AidType,
    Catalogue,
    CatalogueError,
    Category,
    FuzzyDate,
    Meeting,
    MeetingAction,
    MeetingQuery,
    Money,
    Note,
    NoteKind,
    Organisation,
    OrganisationKind,
    Participant,
    Person,
    Precision,
    RecordQuery,
    RecordSort,
    SavedView,
    Source,
    SourceKind,
    Stage,
    StageKind,
    Tag,
    ViewKind,
)

# What the store cannot put back as it was (see the module docstring): every row's last
# change is the import, and categories, tags and saved views are added anew.
NOT_KEPT = {"updated_at", "updated_by"}
NOT_KEPT_ADDED = NOT_KEPT | {"created_at", "version"}
ADDED_ANEW = {"categories", "tags", "saved_views"}


def _not_kept(section: str) -> set[str]:
    return NOT_KEPT_ADDED if section in ADDED_ANEW else NOT_KEPT


def _everything(catalogue: Catalogue) -> dict[str, list[Any]]:
    """Every row of every kind, in id order."""

    def by_id(rows: list[Any]) -> list[Any]:
        return sorted(rows, key=lambda row: row.id)

    records = list(catalogue.iter_records())
    meetings = by_id(list(catalogue.iter_meetings()))
    notes = [n for r in records for n in catalogue.notes_for(record_id=r.id)]
    notes += [n for m in meetings for n in catalogue.notes_for(meeting_id=m.id)]
    return {
        "organisations": by_id(catalogue.organisations()),
        "people": by_id(catalogue.people()),
        "categories": by_id(catalogue.categories()),
        "tags": by_id(catalogue.tags()),
        "sources": by_id(catalogue.sources()),
        "records": records,
        "meetings": meetings,
        "notes": by_id(notes),
        "saved_views": by_id(catalogue.saved_views()),
    }


def _assert_same_rows(original: Catalogue, imported: Catalogue) -> None:
    """Each row of `imported` equals its row in `original`, field by field, but for the
    fields the import cannot keep."""
    before, after = _everything(original), _everything(imported)
    for section, rows in before.items():
        assert [row.id for row in after[section]] == [row.id for row in rows], section
        ignored = _not_kept(section)
        for old, new in zip(rows, after[section], strict=True):
            for f in dataclasses.fields(old):
                if f.name not in ignored:
                    assert getattr(new, f.name) == getattr(old, f.name), (section, old.id, f.name)


def _enrich(catalogue: Catalogue) -> None:
    """Rows of every kind beyond the sample's: gaps in every kind of id (rows deleted
    in the middle), later versions, every kind of value, and meeting actions whose ids
    interleave between meetings and are not in the order the meeting lists them."""
    spare_tag = catalogue.add_tag(Tag(name="spare"))
    catalogue.add_tag(Tag(name="Łódź 🚀"))
    catalogue.delete_tag(spare_tag.id, spare_tag.version)
    spare_cat = catalogue.add_category(Category(name="Spare"))
    drones = catalogue.add_category(Category(name="Drones", aid_type=AidType.MILITARY))
    catalogue.delete_category(spare_cat.id, spare_cat.version)
    catalogue.update_category(dataclasses.replace(drones, name="Drones and parts"))

    gone = catalogue.add_organisation(Organisation(name="Gone"))
    org = catalogue.add_organisation(
        Organisation(
            name="Agence française",
            kind=OrganisationKind.INTERNATIONAL,
            country="FR",
            iati_id="XM-DAC-7-1",
            aliases=("AFD", "Agence"),
        )
    )
    org = catalogue.update_organisation(dataclasses.replace(org, aliases=("AFD",)))
    catalogue.delete_organisation(gone.id, gone.version)
    lone = catalogue.add_person(Person(name="Ærø Ñandú", role="observer"))
    catalogue.add_person(Person(name="Liaison", role="desk", organisation_id=org.id))
    source = catalogue.add_source(
        Source(
            title="Bulletin, “no. 4”",
            kind=SourceKind.ARTICLE,
            publisher="Press",
            published=FuzzyDate.parse("2023-11"),
            url="https://example.org/4",
            file_path="/tmp/4.pdf",
        )
    )
    catalogue.update_source(dataclasses.replace(source, publisher="The Press"))

    money = Money(
        amount_minor=123_456,
        currency="USD",
        value_eur_cents=114_000,
        eur_rate=Decimal("1.0830"),
        rate_date=date(2023, 11, 9),
    )
    doomed = catalogue.add_record(
        AidRecord(title="Doomed", stages=(Stage(kind=StageKind.ANNOUNCED),))
    )
    record = catalogue.add_record(
        AidRecord(
            title="Generators ⚡",
            description="Line one\nline two, with; marks",
            donor_id=org.id,
            recipient_id=org.id,
            implementer_id=org.id,
            aid_type=AidType.HUMANITARIAN,
            category_id=drones.id,
            item="generator",
            quantity=40,
            unit="pieces",
            money=money,
            stages=(
                Stage(kind=StageKind.ANNOUNCED, date=FuzzyDate.parse("2023")),
                Stage(
                    kind=StageKind.DELIVERED,
                    date=FuzzyDate.parse("2024-02-03"),
                    quantity=40,
                    money=Money.eur(99_00),
                    note="all of them",
                ),
            ),
            source_ids=(source.id,),
            tags=("Łódź 🚀", "winter"),
            source_ref="kiel:TEST-1",
        )
    )
    catalogue.delete_record(doomed.id, doomed.version)
    record = catalogue.update_record(dataclasses.replace(record, quantity=41))

    def action(text: str, owner: int | None = None) -> MeetingAction:
        return MeetingAction(kind=ActionKind.DECISION, text=text, owner_id=owner)

    first = catalogue.add_meeting(
        Meeting(
            title="Donors; call, 2",
            starts_at="2024-03-05T14:30",
            ends_at="2024-03-05T16:00",
            place="Room 2",
            participants=(Participant(person_id=lone.id, role="chair"),),
            topics=("Power", "Spare parts"),
            minutes="Agreed.\nNext: 🚀",
            actions=(action("a1", lone.id), action("a2")),
            record_ids=(record.id,),
            source_ids=(source.id,),
        )
    )
    deleted = catalogue.add_meeting(
        Meeting(title="Cancelled", starts_at="2024-03-06", actions=(action("x"),))
    )
    second = catalogue.add_meeting(
        Meeting(title="Follow-up", starts_at="2024-03-07", actions=(action("b1"),))
    )
    catalogue.delete_meeting(deleted.id, deleted.version)
    # The first meeting gains an action after the second meeting's, listed first, and
    # one that is due and done.
    first = catalogue.meeting(first.id)
    later = MeetingAction(kind=ActionKind.FOLLOW_UP, text="a3", due_on=date(2024, 4, 1), done=True)
    catalogue.update_meeting(dataclasses.replace(first, actions=(later, *first.actions)))
    second = catalogue.meeting(second.id)
    catalogue.update_meeting(dataclasses.replace(second, actions=(*second.actions, action("b2"))))

    # Actions moved into another order than that of their ids, with nothing added.
    third = catalogue.add_meeting(
        Meeting(title="Reordered", starts_at="2024-03-08", actions=(action("c1"), action("c2")))
    )
    catalogue.update_meeting(dataclasses.replace(third, actions=third.actions[::-1]))

    note = catalogue.add_note(
        Note(meeting_id=first.id, body="Ask about fuel ⛽", kind=NoteKind.QUESTION, pinned=True)
    )
    catalogue.update_note(dataclasses.replace(note, resolved=True))
    spare_note = catalogue.add_note(Note(record_id=record.id, body="spare"))
    catalogue.add_note(Note(record_id=record.id, body="Checked.", kind=NoteKind.FOLLOW_UP))
    catalogue.delete_note(spare_note.id, spare_note.version)

    query = RecordQuery(
        donor_ids=(org.id,),
        category_ids=(drones.id,),
        tags=("winter",),
        date_from=date(2023, 1, 1),
        sort=RecordSort.VALUE,
        descending=True,
    )
    catalogue.add_saved_view(SavedView(name="Winter", kind=ViewKind.RECORDS, query=query))
    spare_view = catalogue.add_saved_view(
        SavedView(name="Spare", kind=ViewKind.RECORDS, query=RecordQuery())
    )
    catalogue.add_saved_view(
        SavedView(
            name="March",
            kind=ViewKind.MEETINGS,
            query=MeetingQuery(date_from=date(2024, 3, 1)),
            layout={"columns": ["title", "starts"], "widths": {"title": 240}},
        )
    )
    catalogue.delete_saved_view(spare_view.id, spare_view.version)


@pytest.fixture
def rich_path(sample_path: Path) -> Path:
    with Catalogue.open(sample_path, user="editor") as catalogue:
        _enrich(catalogue)
    return sample_path


def _gaps(ids: list[int]) -> bool:
    return sorted(ids) != list(range(1, max(ids) + 1))


def test_the_sample_catalogue_comes_back_row_for_row(sample_path: Path, tmp_path: Path) -> None:
    exported = tmp_path / "sample.json"
    imported = tmp_path / "imported.aidb"
    with Catalogue.open(sample_path) as original:
        counts = export_json(original, exported)
        assert counts == {name: len(rows) for name, rows in _everything(original).items()}
        assert import_json(exported, imported, user="importer") == counts
        with Catalogue.open(imported) as copy:
            _assert_same_rows(original, copy)
            assert copy.check().sound
            # What is not kept: the last change is the import, by the importing user.
            assert {r.updated_by for r in copy.iter_records()} == {"importer"}


def test_every_id_gap_version_and_value_comes_back(rich_path: Path, tmp_path: Path) -> None:
    exported = tmp_path / "rich.json"
    imported = tmp_path / "imported.aidb"
    with Catalogue.open(rich_path) as original:
        rows = _everything(original)
        # The test means something only if the ids have gaps, actions interleave and are
        # listed out of id order, and rows have later versions.
        for section in ("organisations", "categories", "tags", "records", "meetings", "notes"):
            assert _gaps([row.id for row in rows[section]]), section
        assert _gaps([v.id for v in rows["saved_views"]])
        action_ids = [[a.id for a in m.actions] for m in rows["meetings"]]
        assert _gaps([i for ids in action_ids for i in ids])
        assert any(ids != sorted(ids) for ids in action_ids)
        assert any(r.version > 1 for r in rows["records"])
        assert any(m.version > 1 for m in rows["meetings"])
        assert any(n.version > 1 for n in rows["notes"])

        export_json(original, exported)
        import_json(exported, imported, user="importer")
        with Catalogue.open(imported) as copy:
            _assert_same_rows(original, copy)
            assert copy.check().sound
            # Placeholders that kept the gaps are gone, and a new row takes the next id.
            assert copy.counts() | {"history": 0} == original.counts() | {"history": 0}
            tag = copy.add_tag(Tag(name="new"))
            assert tag.id == max(t.id for t in rows["tags"]) + 1
            # The search index was filled as the rows went in.
            assert [hit.id for hit in copy.search("Generators")] == [
                hit.id for hit in original.search("Generators")
            ]


def _masked(document: dict[str, Any]) -> dict[str, Any]:
    """The document without its time of export and the fields an import cannot keep."""
    masked = {key: value for key, value in document.items() if key != "exported_at"}
    for section in SECTIONS:
        ignored = _not_kept(section)
        masked[section] = [
            {key: value for key, value in row.items() if key not in ignored}
            for row in document[section]
        ]
    return masked


def test_a_second_export_of_the_import_is_the_same(rich_path: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    (tmp_path / "copy").mkdir()
    imported = tmp_path / "copy" / rich_path.name  # the same name: the same "catalogue"
    with Catalogue.open(rich_path) as original:
        export_json(original, first)
    import_json(first, imported, user="importer")
    with Catalogue.open(imported) as copy:
        export_json(copy, second)
    one = json.loads(first.read_text(encoding="utf-8"))
    two = json.loads(second.read_text(encoding="utf-8"))
    assert one["exported_at"] and two["exported_at"]
    assert _masked(two) == _masked(one)
    # And the fields masked are only those said: the rest of each row is there.
    assert one["records"][0].keys() - _masked(one)["records"][0].keys() == NOT_KEPT


def test_each_row_carries_every_field_of_its_dataclass(rich_path: Path, tmp_path: Path) -> None:
    exported = tmp_path / "rich.json"
    with Catalogue.open(rich_path) as catalogue:
        export_json(catalogue, exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "aidviewer-catalogue"
    assert document["version"] == 1
    assert document["catalogue"] == rich_path.stem
    for section, cls in SECTIONS.items():
        names = {f.name for f in dataclasses.fields(cls)}
        assert document[section], section
        for row in document[section]:
            assert row.keys() == names, section
    record = next(r for r in document["records"] if r["title"] == "Generators ⚡")
    assert record["money"] == {
        "amount_minor": 123_456,
        "currency": "USD",
        "value_eur_cents": 114_000,
        "eur_rate": "1.0830",
        "rate_date": "2023-11-09",
    }
    assert record["stages"][0]["date"] == {"date": "2023-01-01", "precision": "year"}
    assert record["source_ref"] == "kiel:TEST-1"
    # One row a line: the file is written row by row.
    lines = exported.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line.removesuffix(",")) for line in lines if line.startswith('{"id": ')]
    assert len(rows) == sum(len(document[section]) for section in SECTIONS)


def test_a_file_read_in_small_pieces_comes_back_the_same(
    rich_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces of 7 bytes cut values, numbers and multi-byte characters everywhere."""
    exported = tmp_path / "rich.json"
    imported = tmp_path / "imported.aidb"
    monkeypatch.setattr(json_catalogue, "CHUNK", 7)
    with Catalogue.open(rich_path) as original:
        export_json(original, exported)
        import_json(exported, imported, user="importer")
        with Catalogue.open(imported) as copy:
            _assert_same_rows(original, copy)


def test_sections_in_another_order_and_pretty_printed_import_the_same(
    rich_path: Path, tmp_path: Path
) -> None:
    """As another program may rewrite the file: keys sorted, so records come before tags
    and the format after the categories."""
    exported = tmp_path / "rich.json"
    rewritten = tmp_path / "sorted.json"
    imported = tmp_path / "imported.aidb"
    with Catalogue.open(rich_path) as original:
        export_json(original, exported)
        document = json.loads(exported.read_text(encoding="utf-8"))
        rewritten.write_text(json.dumps(document, sort_keys=True, indent=2), encoding="utf-8")
        import_json(rewritten, imported, user="importer")
        with Catalogue.open(imported) as copy:
            _assert_same_rows(original, copy)


def test_a_file_from_before_a_field_existed_takes_its_default(
    sample_path: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "old.json"
    imported = tmp_path / "imported.aidb"
    with Catalogue.open(sample_path) as original:
        export_json(original, exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    for row in document["records"]:
        del row["source_ref"], row["unit"]
        row["added_by_a_later_version"] = True
    exported.write_text(json.dumps(document), encoding="utf-8")
    import_json(exported, imported, user="importer")
    with Catalogue.open(imported) as copy:
        records = list(copy.iter_records())
        assert len(records) == len(document["records"])
        assert {(r.source_ref, r.unit) for r in records} == {("", "")}


def _files(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_cancelling_the_import_at_its_last_step_leaves_no_file(
    sample_path: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "sample.json"
    with Catalogue.open(sample_path) as original:
        export_json(original, exported)
    before = _files(tmp_path)
    calls: list[tuple[int, int]] = []

    def going_on(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < total  # every row is in when the file is all read

    with pytest.raises(ImportCancelledError):
        import_json(exported, tmp_path / "imported.aidb", user="importer", going_on=going_on)
    size = exported.stat().st_size
    assert calls[0][1] == size and calls[-1] == (size, size)
    assert _files(tmp_path) == before


def test_cancelling_the_export_leaves_no_file(sample_path: Path, tmp_path: Path) -> None:
    before = _files(tmp_path)
    calls: list[tuple[int, int]] = []

    def going_on(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < total

    with Catalogue.open(sample_path) as catalogue:
        total = sum(len(rows) for rows in _everything(catalogue).values())
        with pytest.raises(ExportCancelledError):
            export_json(catalogue, tmp_path / "out.json", going_on=going_on)
    assert calls[0] == (1, total) and calls[-1] == (total, total)
    assert _files(tmp_path) == before


def test_an_existing_catalogue_is_never_overwritten(sample_path: Path, tmp_path: Path) -> None:
    exported = tmp_path / "sample.json"
    with Catalogue.open(sample_path) as original:
        export_json(original, exported)
    before = sample_path.read_bytes()
    with pytest.raises(CatalogueError, match="already exists"):
        import_json(exported, sample_path, user="importer")
    assert sample_path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"name": "a shopping list"}', "not an aidviewer catalogue export"),
        (b"[1, 2, 3]", "“{” was expected"),
        (b"Title,Donor\nTanks,Norway\n", "“{” was expected"),
        (b'{"format": "aidviewer-catalogue", "version": 1, "records": [\xff\xfe]}', "UTF-8"),
        (b'{"format": "aidviewer-catalogue", "version": 2}', "newer version of aidviewer"),
        (b'{"format": "aidviewer-catalogue"}', "not an aidviewer catalogue export"),
        (b'{"format": "aidviewer-catalogue", "version": 1} trailing', "text after the end"),
        (
            b'{"format": "aidviewer-catalogue", "version": 1, "tags": [{"id": 1}]}',
            "entry 1 of “tags” has no “name”",
        ),
        (
            b'{"format": "aidviewer-catalogue", "version": 1, "sources": [{"id": 1, "title": "t",'
            b' "published": {"date": "2023-13-01", "precision": "day"}}]}',
            "entry 1 of “sources”, “published”, is not a date such as 2023-11-10",
        ),
        (
            b'{"format": "aidviewer-catalogue", "version": 1, "tags": [{"id": 0, "name": "x"}]}',
            "no id above zero",
        ),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_in_one_sentence(
    tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "input.json"
    source.write_bytes(content)
    with pytest.raises(BadFileError, match=message) as caught:
        import_json(source, tmp_path / "new.aidb", user="importer")
    assert caught.value.message.startswith("“input.json” ")
    assert caught.value.message.endswith(".") and ". " not in caught.value.message
    assert _files(tmp_path) == {"input.json"}


def test_a_number_cut_between_two_pieces_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_catalogue, "CHUNK", 1)
    source = tmp_path / "input.json"
    source.write_text('{"format": "aidviewer-catalogue", "version": 100001}', encoding="utf-8")
    with pytest.raises(BadFileError, match=r"newer version of aidviewer \(format 100001\)"):
        import_json(source, tmp_path / "new.aidb", user="importer")


def test_a_cut_off_export_is_refused_and_leaves_no_file(sample_path: Path, tmp_path: Path) -> None:
    exported = tmp_path / "sample.json"
    with Catalogue.open(sample_path) as original:
        export_json(original, exported)
    data = exported.read_bytes()
    exported.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(BadFileError, match="not valid JSON"):
        import_json(exported, tmp_path / "new.aidb", user="importer")
    assert not (tmp_path / "new.aidb").exists()


def test_a_row_the_catalogue_refuses_is_named(sample_path: Path, tmp_path: Path) -> None:
    exported = tmp_path / "sample.json"
    with Catalogue.open(sample_path) as original:
        export_json(original, exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["categories"] = []  # the records' categories are gone
    exported.write_text(json.dumps(document), encoding="utf-8")
    wrong = next(r["id"] for r in document["records"] if r["category_id"] is not None)
    with pytest.raises(BadFileError, match=f"record {wrong}: .*category"):
        import_json(exported, tmp_path / "new.aidb", user="importer")
    assert not (tmp_path / "new.aidb").exists()


def test_a_file_over_the_size_limit_is_refused_before_reading(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = tmp_path / "sample.json"
    with Catalogue.open(sample_path) as original:
        export_json(original, exported)
    monkeypatch.setattr(json_catalogue, "MAX_BYTES", exported.stat().st_size - 1)
    opened: list[Path] = []
    real_open: Callable[..., Any] = open

    def watching_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(Path(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watching_open)
    with pytest.raises(BadFileError, match="larger than"):
        import_json(exported, tmp_path / "new.aidb", user="importer")
    assert exported not in opened
    assert not (tmp_path / "new.aidb").exists()


def test_an_export_replaces_an_older_file_whole(sample_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("an older export", encoding="utf-8")
    with Catalogue.open(sample_path) as catalogue:
        export_json(catalogue, target)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "aidviewer-catalogue"
    assert _files(tmp_path) == {sample_path.name, "out.json"}


def test_a_fuzzy_date_keeps_its_precision_through_the_round_trip(
    empty_path: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "e.json"
    with Catalogue.open(empty_path) as catalogue:
        for text in ("", "2021", "2021-07", "2021-07-09"):
            catalogue.add_source(Source(title=f"s{text}", published=FuzzyDate.parse(text)))
        export_json(catalogue, exported)
    import_json(exported, tmp_path / "new.aidb", user="importer")
    with Catalogue.open(tmp_path / "new.aidb") as copy:
        published = sorted((s.published for s in copy.sources()), key=lambda d: d.iso())
    assert [(d.iso(), d.precision) for d in published] == [
        ("", Precision.UNKNOWN),
        ("2021", Precision.YEAR),
        ("2021-07", Precision.MONTH),
        ("2021-07-09", Precision.DAY),
    ]
