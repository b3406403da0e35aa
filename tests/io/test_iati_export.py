"""Writing records as IATI 2.03 activities: valid against the standard's schema, read
back by the IATI reader as they were, and never a half-written file."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import lxml.etree
import pytest

from aidviewer.io.iati import read_iati
from aidviewer.io.iati_export import ExportCancelledError, write_iati
from aidviewer.io.items import Item
from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    CatalogueError,
    Category,
    FuzzyDate,
    Money,
    Organisation,
    OrganisationKind,
    RecordQuery,
    Stage,
    StageKind,
    minor_digits,
)


@pytest.fixture(scope="module")
def schema(shared_data: Path) -> lxml.etree.XMLSchema:
    return lxml.etree.XMLSchema(
        lxml.etree.parse(str(shared_data / "iati-schema" / "iati-activities-schema.xsd"))
    )


def _assert_valid(schema: lxml.etree.XMLSchema, path: Path) -> None:
    valid = schema.validate(lxml.etree.parse(str(path)))
    assert valid, [str(error) for error in schema.error_log]


def _items(path: Path) -> list[Item]:
    events = list(read_iati(path))
    assert all(isinstance(event, Item) for event in events)
    return [event for event in events if isinstance(event, Item)]


def _money(amount: str, currency: str) -> Money:
    minor = Decimal(amount).scaleb(minor_digits(currency))
    return Money(amount_minor=int(minor), currency=currency)


def _sums(stages: list[tuple[StageKind, Decimal, str]]) -> dict[tuple[str, StageKind], Decimal]:
    sums: dict[tuple[str, StageKind], Decimal] = defaultdict(Decimal)
    for kind, amount, currency in stages:
        sums[currency, kind] += amount
    return dict(sums)


def test_the_sample_catalogue_exports_valid_iati(
    sample_path: Path, tmp_path: Path, schema: lxml.etree.XMLSchema
) -> None:
    target = tmp_path / "sample.xml"
    with Catalogue.open(sample_path) as catalogue:
        ids = catalogue.record_ids(RecordQuery())
        titles = [catalogue.record(record_id).title for record_id in ids]
        written = write_iati(catalogue, target, ids, reporting_org="Lithuanian MoD")
    assert written == len(ids) == 10
    _assert_valid(schema, target)
    root = lxml.etree.parse(str(target)).getroot()
    assert root.get("version") == "2.03"
    assert len(root.findall("iati-activity")) == 10
    assert {element.text for element in root.iter("iati-identifier")} == {
        f"XX-AIDVIEWER-{record_id}" for record_id in ids
    }
    assert {element.text for element in root.iterfind("iati-activity/reporting-org/narrative")} == {
        "Lithuanian MoD"
    }

    back = _items(target)
    assert [item.title for item in back] == titles
    # The sample's one amount: a commitment of 500 million euros.
    stages = [(s.kind, s.amount, s.currency) for item in back for s in item.stages]
    assert stages == [(StageKind.COMMITTED, Decimal("500000000.00"), "EUR")]
    (total,) = [item for item in back if item.stages]
    assert total.donor is not None
    assert total.donor.name == "Ministry of National Defence of the Republic of Lithuania"
    assert total.recipient is not None and total.recipient.code == "UA"


@pytest.fixture(scope="module")
def varied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue with what an export must carry: currencies, negative amounts, every
    stage, undated and month-precision dates, DAC and own categories, IATI identifiers.
    The tests only read it."""
    path = tmp_path_factory.mktemp("varied") / "varied.aidb"
    with Catalogue.create(path, user="tester") as catalogue:
        denmark = catalogue.add_organisation(
            Organisation(
                name="Ministry of Foreign Affairs, Denmark",
                kind=OrganisationKind.MINISTRY,
                country="DK",
                iati_id="XM-DAC-3-1",
            )
        )
        ukraine = catalogue.add_organisation(
            Organisation(name="Ministry of Health of Ukraine", kind=OrganisationKind.MINISTRY,
                         country="UA")
        )  # fmt: skip
        unicef = catalogue.add_organisation(
            Organisation(name="UNICEF", kind=OrganisationKind.INTERNATIONAL, iati_id="XM-DAC-41122")
        )
        medical = catalogue.add_category(Category(name="Medical"))
        catalogue.add_record(
            AidRecord(
                title="Generators for hospitals",
                description="Generators & fuel <for> winter",
                donor_id=denmark.id,
                recipient_id=ukraine.id,
                implementer_id=unicef.id,
                aid_type=AidType.HUMANITARIAN,
                category_id=medical.id,
                tags=("DAC 72010", "winter"),
                stages=(
                    Stage(
                        kind=StageKind.ANNOUNCED,
                        date=FuzzyDate.parse("2022-03"),
                        money=_money("1000000", "DKK"),
                    ),
                    Stage(
                        kind=StageKind.COMMITTED,
                        date=FuzzyDate.parse("2022-04-02"),
                        money=_money("900000.50", "DKK"),
                    ),
                    Stage(
                        kind=StageKind.ALLOCATED,
                        date=FuzzyDate.parse("2022-04-20"),
                        money=_money("250000", "USD"),
                    ),
                    Stage(
                        kind=StageKind.DELIVERED,
                        date=FuzzyDate.parse("2022-05-01"),
                        money=_money("-1250.75", "USD"),
                        note="correction",
                    ),
                    Stage(
                        kind=StageKind.DELIVERED,
                        date=FuzzyDate.parse("2022-05-09"),
                        money=_money("300", "EUR"),
                        note="expenditure",
                    ),
                    Stage(kind=StageKind.DELIVERED, money=_money("120000", "JPY")),
                    Stage(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2022-06-01")),
                ),
                source_ref="iati:XM-DAC-3-1-UKR-2022-7",
            )
        )
        catalogue.add_record(
            AidRecord(
                title="Mine clearance training\x0b (second round)",
                aid_type=AidType.MILITARY,
                category_id=medical.id,
                stages=(
                    Stage(kind=StageKind.COMMITTED, date=FuzzyDate.parse("2023"),
                          money=_money("50000", "GBP")),
                    Stage(kind=StageKind.CANCELLED, date=FuzzyDate.parse("2023-09-01"),
                          money=_money("50000", "GBP")),
                ),
            )
        )  # fmt: skip
        catalogue.add_record(AidRecord(title="Blankets", recipient_id=ukraine.id))
    return path


def test_a_varied_catalogue_exports_valid_iati(
    varied: Path, tmp_path: Path, schema: lxml.etree.XMLSchema
) -> None:
    target = tmp_path / "varied.xml"
    with Catalogue.open(varied) as catalogue:
        ids = catalogue.record_ids(RecordQuery())
        assert write_iati(catalogue, target, ids, reporting_org_ref="XM-TEST") == 3
    _assert_valid(schema, target)
    root = lxml.etree.parse(str(target)).getroot()
    identifiers = [element.text for element in root.iter("iati-identifier")]
    assert "XM-DAC-3-1-UKR-2022-7" in identifiers  # the identifier it was imported with
    generated = sorted(i for i in identifiers if i and i.startswith("XM-TEST-"))
    assert len(generated) == 2
    # The control character XML cannot hold is left out, the rest of the title kept.
    assert "Mine clearance training (second round)" in {
        element.text for element in root.iterfind("iati-activity/title/narrative")
    }
    statuses = {
        activity.findtext("iati-identifier"): activity.find("activity-status").get("code")
        for activity in root.iter("iati-activity")
    }
    assert statuses["XM-DAC-3-1-UKR-2022-7"] == "3"
    assert sorted(statuses.values()) == ["1", "3", "5"]


def test_an_export_reads_back_with_the_same_titles_and_amounts(
    varied: Path, tmp_path: Path
) -> None:
    target = tmp_path / "varied.xml"
    with Catalogue.open(varied) as catalogue:
        ids = catalogue.record_ids(RecordQuery())
        records = [catalogue.record(record_id) for record_id in ids]
        write_iati(catalogue, target, ids)
    back = _items(target)
    assert [item.title for item in back] == [record.title.replace("\x0b", "") for record in records]

    # Every stage with an amount is a transaction, but cancellation is no transaction
    # and an allocation is a commitment in IATI.
    as_iati = {StageKind.ALLOCATED: StageKind.COMMITTED}
    expected = _sums(
        [
            (as_iati.get(stage.kind, stage.kind), stage.money.amount, stage.money.currency)
            for record in records
            for stage in record.stages
            if stage.money is not None and stage.kind is not StageKind.CANCELLED
        ]
    )
    read = _sums(
        [
            (stage.kind, stage.amount, stage.currency)
            for item in back
            for stage in item.stages
            if stage.amount is not None
        ]
    )
    assert read == expected
    assert read == {
        ("DKK", StageKind.ANNOUNCED): Decimal("1000000.00"),
        ("DKK", StageKind.COMMITTED): Decimal("900000.50"),
        ("USD", StageKind.COMMITTED): Decimal("250000.00"),
        ("USD", StageKind.DELIVERED): Decimal("-1250.75"),
        ("EUR", StageKind.DELIVERED): Decimal("300.00"),
        ("JPY", StageKind.DELIVERED): Decimal("120000"),
        ("GBP", StageKind.COMMITTED): Decimal("50000.00"),
    }

    generators = next(item for item in back if item.title == "Generators for hospitals")
    assert generators.ref == "iati:XM-DAC-3-1-UKR-2022-7"
    assert generators.description == "Generators & fuel <for> winter"
    assert generators.aid_type is AidType.HUMANITARIAN
    assert (generators.category_code, generators.category) == (
        "72010",
        "Material relief assistance and services",
    )
    assert generators.donor is not None and generators.donor.code == "XM-DAC-3-1"
    assert generators.implementer is not None and generators.implementer.name == "UNICEF"
    assert generators.recipient is not None and generators.recipient.code == "UA"
    notes = [(stage.kind, stage.note) for stage in generators.stages]
    assert (StageKind.DELIVERED, "expenditure") in notes  # written as type 4, read back so
    dates = [stage.date.iso() for stage in generators.stages]
    # A month is written as its first day; an undated stage takes the activity's date.
    assert dates == ["2022-03-01", "2022-04-02", "2022-04-20", "2022-05-01", "2022-05-09",
                     "2022-03-01"]  # fmt: skip

    mines = next(item for item in back if item.title.startswith("Mine clearance"))
    assert [stage.kind for stage in mines.stages] == [StageKind.COMMITTED, StageKind.CANCELLED]


def test_a_cancelled_export_leaves_the_old_file_as_it_was(varied: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.xml"
    target.write_text("the previous export", encoding="utf-8")
    with Catalogue.open(varied) as catalogue:
        ids = catalogue.record_ids(RecordQuery())
        with pytest.raises(ExportCancelledError):
            write_iati(catalogue, target, ids, going_on=lambda done, total: done < 2)
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert [path.name for path in tmp_path.iterdir()] == ["export.xml"]


def test_progress_is_told_record_by_record(varied: Path, tmp_path: Path) -> None:
    told: list[tuple[int, int]] = []

    def going_on(done: int, total: int) -> bool:
        told.append((done, total))
        return True

    with Catalogue.open(varied) as catalogue:
        ids = catalogue.record_ids(RecordQuery())
        write_iati(catalogue, tmp_path / "export.xml", ids, going_on=going_on)
    assert told == [(1, 3), (2, 3), (3, 3)]


def test_nothing_to_export_writes_no_file(varied: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.xml"
    with Catalogue.open(varied) as catalogue, pytest.raises(CatalogueError, match="no aid record"):
        write_iati(catalogue, target, [])
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_does_not_exist_is_a_plain_error(varied: Path, tmp_path: Path) -> None:
    with Catalogue.open(varied) as catalogue, pytest.raises(CatalogueError, match="does not exist"):
        write_iati(catalogue, tmp_path / "missing" / "export.xml", [1])
