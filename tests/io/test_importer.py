"""Items written into the catalogue: names resolved to one organisation, amounts valued
in euros, a record imported again updated rather than doubled, and an import saved whole
or not at all."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from aidviewer.io.importer import import_items
from aidviewer.io.items import (
    BadFileError,
    Event,
    ImportCancelledError,
    Item,
    OrgRef,
    Skipped,
    SourceIn,
    StageIn,
    Warned,
)
from aidviewer.store import AidType, Catalogue, FuzzyDate, Money, OrganisationKind, StageKind


def _item(ref: str, line: int, title: str = "", **fields: object) -> Item:
    return Item(ref=ref, line=line, title=title or f"Item {ref}", **fields)  # type: ignore[arg-type]


def _counts(path: Path) -> dict[str, int]:
    with Catalogue.open(path, read_only=True) as catalogue:
        return catalogue.counts()


def test_a_countrys_many_names_are_one_organisation(empty_path: Path) -> None:
    names = [
        OrgRef(name="Czechia"), OrgRef(name="Czech Republic"), OrgRef(name="", code="CZ"),
        OrgRef(name="CZE"), OrgRef(name="Türkiye"), OrgRef(name="Turkey"),
        OrgRef(name="Germany, Government of"), OrgRef(name="Government of Germany"),
        OrgRef(name="Germany", code="DE"),
    ]  # fmt: skip
    items = [_item(str(n), n, donor=ref) for n, ref in enumerate(names, start=2)]
    with Catalogue.open(empty_path) as catalogue:
        summary = import_items(catalogue, items)
        donors = [catalogue.record(rid).donor_id for rid in summary.made_ids]
        orgs = {org.id: org for org in catalogue.organisations()}
    assert summary.imported == 9
    assert len(set(donors[:4])) == 1 and len(set(donors[4:6])) == 1 and len(set(donors[6:])) == 1
    assert sorted(org.name for org in orgs.values()) == ["Czechia", "Germany", "Türkiye"]
    czechia = orgs[donors[0]]
    assert (czechia.kind, czechia.country) == (OrganisationKind.GOVERNMENT, "CZ")
    assert set(summary.organisations_made) == {"Czechia", "Germany", "Türkiye"}


def test_an_existing_organisation_is_found_by_name_alias_or_iati_id(sample_path: Path) -> None:
    items = [
        _item("a", 2, donor=OrgRef(name="Kingdom of Norway")),  # an alias in the sample
        _item("b", 3, donor=OrgRef(name="NORWAY")),
        _item("c", 4, donor=OrgRef(name="Norway, Government of")),
        _item("d", 5, recipient=OrgRef(name="Ukraine", code="UA")),
        _item("e", 6, implementer=OrgRef(name="Some NGO", code="XM-DAC-99-1")),
        _item("f", 7, implementer=OrgRef(name="Another spelling", code="XM-DAC-99-1")),
    ]
    with Catalogue.open(sample_path) as catalogue:
        norway = catalogue.find_organisation("Norway")
        assert norway is not None
        summary = import_items(catalogue, items)
        records = [catalogue.record(rid) for rid in summary.made_ids]
        ukraine = catalogue.organisation(records[3].recipient_id or 0)
    assert [r.donor_id for r in records[:3]] == [norway.id] * 3
    # Not "Office of the President of Ukraine", a government body in UA, but Ukraine.
    assert (ukraine.name, ukraine.country) == ("Ukraine", "UA")
    assert records[4].implementer_id == records[5].implementer_id
    assert summary.organisations_made == ["Ukraine", "Some NGO"]


def test_amounts_are_valued_in_euros_at_their_date(empty_path: Path) -> None:
    pledge = StageIn(kind=StageKind.ANNOUNCED, date=FuzzyDate.parse("2022-03-01"),
                     amount=Decimal("1000.00"), currency="USD")  # fmt: skip
    paid = StageIn(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2022-06-01"),
                   amount=Decimal("400"), currency="USD")  # fmt: skip
    paid_too = StageIn(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2022-07-01"),
                       amount=Decimal("600"), currency="USD")  # fmt: skip
    undated = StageIn(kind=StageKind.COMMITTED, amount=Decimal("5"), currency="NOK")
    given = _item("g", 3, amount=Decimal("100"), currency="GBP", value_eur=Decimal("118.50"))
    with Catalogue.open(empty_path) as catalogue:
        summary = import_items(
            catalogue, [_item("s", 2, stages=(pledge, paid, paid_too, undated)), given]
        )
        staged, own = (catalogue.record(rid) for rid in summary.made_ids)
    money = [stage.money for stage in staged.stages]
    assert all(m is not None for m in money)
    assert money[0] is not None and money[0].rate_date is not None
    assert money[0].value_eur_cents is not None and 85_000 < money[0].value_eur_cents < 100_000
    assert money[3] is not None and money[3].value_eur_cents is None  # no date: no rate
    assert [w.line for w in summary.warnings] == [2]
    assert "no value in euros (no date)" in summary.warnings[0].message
    # The record's value is the furthest stage's: delivered 400 + 600, not the pledge too.
    assert staged.money is not None and (staged.money.amount_minor, staged.money.currency) == (
        100_000,
        "USD",
    )
    assert staged.money.value_eur_cents == sum(
        m.value_eur_cents for m in money[1:3] if m is not None and m.value_eur_cents
    )
    assert own.money is not None and own.money.value_eur_cents == 11_850  # the file's own


def test_importing_again_updates_and_never_doubles(empty_path: Path) -> None:
    first = [_item("kiel:A1", 2, "Tanks"), _item("kiel:A2", 3, "Shells")]
    again = [_item("kiel:A1", 2, "Tanks"), _item("kiel:A2", 3, "Shells, 155 mm"),
             _item("kiel:A3", 4, "Trucks")]  # fmt: skip
    with Catalogue.open(empty_path) as catalogue:
        import_items(catalogue, first)
        summary = import_items(catalogue, again)
        titles = sorted(
            catalogue.record(rid).title for rid in catalogue.record_ids_by_source().values()
        )
    assert (summary.imported, summary.updated, summary.unchanged) == (1, 1, 1)
    assert [r.title for r in summary.before] == ["Shells"]  # what an undo puts back
    # A new title under an old identifier is said: another file may reuse identifiers.
    assert [w.message for w in summary.warnings] == [
        "updates “Shells” (the same identifier, kiel:A2), now titled “Shells, 155 mm”"
    ]
    assert titles == ["Shells, 155 mm", "Tanks", "Trucks"]


def test_what_cannot_be_read_is_listed_with_its_line(empty_path: Path) -> None:
    events: list[Event] = [
        _item("x:1", 2),
        Skipped(3, "the date “31/31/2022” is not a date"),
        _item("x:1", 4),  # the same identifier twice in one file
        Warned(5, "an odd header"),
        _item("x:2", 6, title="   "),
        _item("x:3", 7, warnings=("the amount has more decimals than its currency",)),
    ]
    with Catalogue.open(empty_path) as catalogue:
        summary = import_items(catalogue, events)
    assert summary.imported == 2
    assert [(s.line, s.reason) for s in summary.skipped] == [
        (3, "the date “31/31/2022” is not a date"),
        (4, "the same identifier as line 2"),
        (6, "no title"),
    ]
    assert [(w.line, w.message) for w in summary.warnings] == [
        (5, "an odd header"),
        (7, "the amount has more decimals than its currency"),
    ]
    lines = summary.lines()
    assert lines[0] == "Imported 2 records, updated 0, unchanged 0; skipped 3; warnings 2."
    assert "skipped line 4: the same identifier as line 2" in lines


def test_a_dry_run_says_what_would_happen_and_writes_nothing(empty_path: Path) -> None:
    items = [_item(f"d:{n}", n, donor=OrgRef(name="Poland"), category="Ammunition",
                   aid_type=AidType.MILITARY, sources=(SourceIn(title="Kiel", url="https://x/"),))
             for n in range(2, 12)]  # fmt: skip
    before = _counts(empty_path)
    with Catalogue.open(empty_path) as catalogue:
        dry = import_items(catalogue, items, dry_run=True)
    assert _counts(empty_path) == before
    assert (dry.imported, dry.organisations_made, dry.categories_made) == (
        10,
        ["Poland"],
        ["Ammunition"],
    )
    assert dry.lines()[0].startswith("Would import 10 records")
    with Catalogue.open(empty_path) as catalogue:
        real = import_items(catalogue, items)
        record = catalogue.record(real.made_ids[0])
        assert catalogue.category(record.category_id or 0).name == "Ammunition"
        assert len(catalogue.sources()) == 1  # one source, cited by all ten
    assert real.imported == 10


def _interrupted(stop_after: int, error: Exception) -> Iterator[Event]:
    for n in range(stop_after):
        yield _item(f"i:{n}", n + 2)
    raise error


@pytest.mark.parametrize(
    "error", [BadFileError("the file ends in the middle of a row"), ImportCancelledError()]
)
def test_an_import_that_stops_half_way_leaves_nothing(empty_path: Path, error: Exception) -> None:
    before = _counts(empty_path)
    with Catalogue.open(empty_path) as catalogue, pytest.raises(type(error)):
        import_items(catalogue, _interrupted(50, error))
    assert _counts(empty_path) == before


def test_cancel_between_items_leaves_nothing(empty_path: Path) -> None:
    asked: list[int] = []

    def going_on() -> bool:
        asked.append(1)
        return len(asked) < 30

    before = _counts(empty_path)
    items = (_item(f"c:{n}", n) for n in range(2, 1000))
    with Catalogue.open(empty_path) as catalogue, pytest.raises(ImportCancelledError):
        import_items(catalogue, items, going_on=going_on)
    assert _counts(empty_path) == before and len(asked) == 30


def test_a_new_reading_of_a_file_keeps_what_people_added(empty_path: Path) -> None:
    paid = StageIn(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2023-02-01"),
                   amount=Decimal("500"), currency="EUR")  # fmt: skip
    first = _item("kiel:A1", 2, "Tanks", stages=(paid,), tags=("kiel",))
    with Catalogue.open(empty_path) as catalogue:
        made = import_items(catalogue, [first]).made_ids[0]
        record = catalogue.record(made)
        catalogue.update_record(
            dataclasses.replace(
                record, description="Checked with the ministry", tags=(*record.tags, "verified")
            )
        )
        # The newer file: a new title, the same stage with a later date and no amount.
        later = StageIn(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2023-03-01"))
        again = _item("kiel:A1", 2, "Leopard tanks", stages=(later,), tags=("kiel",))
        summary = import_items(catalogue, [again])
        now = catalogue.record(made)
    assert summary.updated == 1
    assert now.title == "Leopard tanks"  # what the file gives replaces
    assert now.description == "Checked with the ministry"  # what it leaves empty stays
    assert set(now.tags) == {"kiel", "verified"}
    (stage,) = now.stages
    assert stage.date.iso() == "2023-03-01"
    assert stage.money is not None and stage.money.amount_minor == 50_000  # kept


def test_a_csv_export_imported_into_its_own_catalogue_doubles_nothing(
    sample_path: Path, tmp_path: Path
) -> None:
    from aidviewer.io.formats import read_events
    from aidviewer.io.table_export import write_csv
    from aidviewer.store import RecordQuery

    with Catalogue.open(sample_path) as catalogue:
        ids = list(catalogue.record_ids(RecordQuery()))
        before = {i: catalogue.record(i) for i in ids}
        write_csv(catalogue, tmp_path / "records.csv", ids)
        summary = import_items(catalogue, read_events("csv", tmp_path / "records.csv"))
        after = {i: catalogue.record(i) for i in catalogue.record_ids(RecordQuery())}
    assert summary.imported == 0 and summary.updated + summary.unchanged == len(ids)
    assert sorted(after) == sorted(before)
    for record_id, old in before.items():  # no stage lost its money
        old_money = [s.money for s in old.stages]
        assert [s.money for s in after[record_id].stages][: len(old_money)] == old_money


def test_a_row_of_another_catalogues_export_is_a_new_record(sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        row = _item("aidviewer:2", 2, "A record of another catalogue")
        summary = import_items(catalogue, [row])
        made = catalogue.record(summary.made_ids[0])
        assert catalogue.record(2).title != made.title  # record 2 left alone
    assert (summary.imported, made.source_ref) == (1, "aidviewer:2")


def test_money_that_is_not_the_records_own_flow_is_not_counted_twice(empty_path: Path) -> None:
    day = FuzzyDate.parse("2022-05-02")
    stages = (
        StageIn(kind=StageKind.DELIVERED, date=day, amount=Decimal("100"), currency="EUR"),
        StageIn(
            kind=StageKind.DELIVERED,
            date=day,
            amount=Decimal("90"),
            currency="EUR",
            note="expenditure",
            counts=False,
        ),
        StageIn(
            kind=StageKind.COMMITTED,
            date=day,
            amount=Decimal("300"),
            currency="EUR",
            note="incoming commitment",
            counts=False,
        ),
    )
    only_incoming = (stages[2],)
    with Catalogue.open(empty_path) as catalogue:
        summary = import_items(
            catalogue, [_item("i:1", 2, stages=stages), _item("i:2", 3, stages=only_incoming)]
        )
        both, incoming = (catalogue.record(i) for i in summary.made_ids)
    assert both.money == Money.eur(10_000)  # disbursed, not disbursed plus spent
    assert incoming.money == Money.eur(30_000)  # nothing else to go by


def test_an_absurd_amount_is_left_out_with_a_warning(empty_path: Path) -> None:
    huge = _item("h:1", 2, amount=Decimal("1e20"), currency="USD")
    also = _item("h:2", 3, value_eur=Decimal("99999999999999999999"))
    with Catalogue.open(empty_path) as catalogue:
        summary = import_items(catalogue, [huge, also])
        records = [catalogue.record(i) for i in summary.made_ids]
    assert [r.money for r in records] == [None, None]
    assert [w.line for w in summary.warnings] == [2, 3]
    assert "not a plausible amount" in summary.warnings[0].message
