"""Reading IATI activity files: the real Ukraine data, and small hand-written files for
each rule (donor, languages, stages, sectors, broken parts)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import lxml.etree
import pytest

from aidviewer.io.iati import read_iati
from aidviewer.io.items import BadFileError, Event, Item, OrgRef, Skipped
from aidviewer.store import AidType, FuzzyDate, OrganisationKind, Precision, StageKind

# Transaction type -> the stage the reader makes of it (kind, note).
STAGE_OF_TYPE = {
    "12": (StageKind.ANNOUNCED, ""),
    "13": (StageKind.ANNOUNCED, "incoming pledge"),
    "2": (StageKind.COMMITTED, ""),
    "11": (StageKind.COMMITTED, "incoming commitment"),
    "3": (StageKind.DELIVERED, ""),
    "4": (StageKind.DELIVERED, "expenditure"),
}


def _items(events: list[Event]) -> list[Item]:
    return [event for event in events if isinstance(event, Item)]


def _write(tmp_path: Path, activities: str, root: str = 'version="2.03"') -> Path:
    path = tmp_path / "activities.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities {root}>\n'
        f"{activities}\n</iati-activities>\n",
        encoding="utf-8",
    )
    return path


def _activity(body: str, attributes: str = 'default-currency="EUR" xml:lang="en"') -> str:
    return f"<iati-activity {attributes}>{body}</iati-activity>"


IDENTIFIED = """
  <iati-identifier>XM-TEST-1</iati-identifier>
  <reporting-org ref="XM-REPORTER" type="40"><narrative>Reporter</narrative></reporting-org>
  <title><narrative>Winter shelter kits</narrative></title>
"""


def _one(tmp_path: Path, body: str, attributes: str | None = None) -> Item:
    activity = _activity(body) if attributes is None else _activity(body, attributes)
    (item,) = _items(list(read_iati(_write(tmp_path, activity))))
    return item


# -- the real Ukraine data ------------------------------------------------------------------


@pytest.fixture(scope="module")
def ukraine(shared_data: Path) -> Path:
    return shared_data / "ocha-iati-viz-ukraine" / "prefiltered.xml"


@pytest.fixture(scope="module")
def ukraine_items(ukraine: Path) -> list[Item]:
    events = list(read_iati(ukraine))
    assert not [event for event in events if not isinstance(event, Item)]
    return _items(events)


def test_the_ukraine_file_gives_one_item_per_activity(ukraine_items: list[Item]) -> None:
    assert len(ukraine_items) == 139
    assert [item.line for item in ukraine_items] == list(range(1, 140))
    assert len({item.ref for item in ukraine_items}) == 139
    assert ukraine_items[0].ref == "iati:XM-DAC-41122-Moldova-5640/A0/05/501/011"
    assert ukraine_items[0].title == "OTP 8 - UKRAINE EMERGENCY RESPONSE"
    assert ukraine_items[0].sources[0].title == (
        "IATI activity XM-DAC-41122-Moldova-5640/A0/05/501/011"
    )
    assert ukraine_items[0].sources[0].publisher == "UNICEF"


def test_stage_sums_equal_the_files_own_per_currency_and_type(
    ukraine: Path, ukraine_items: list[Item]
) -> None:
    # The file's own sums, computed straight from every transaction element.
    expected: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    counted: Counter[tuple[str, str]] = Counter()
    for activity in ET.parse(ukraine).getroot().iter("iati-activity"):
        default = activity.get("default-currency", "")
        for transaction in activity.iter("transaction"):
            kind = transaction.find("transaction-type")
            value = transaction.find("value")
            assert kind is not None and value is not None and value.text is not None
            code = kind.get("code", "")
            if code in STAGE_OF_TYPE:
                currency = value.get("currency") or default
                expected[currency, code] += Decimal(value.text)
                counted[currency, code] += 1

    type_of_stage = {meaning: code for code, meaning in STAGE_OF_TYPE.items()}
    read: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    read_count: Counter[tuple[str, str]] = Counter()
    for item in ukraine_items:
        for stage in item.stages:
            assert stage.amount is not None
            code = type_of_stage[stage.kind, stage.note]
            read[stage.currency, code] += stage.amount
            read_count[stage.currency, code] += 1

    assert read == expected
    assert read_count == counted
    assert sum(read_count.values()) == 1941
    # A few of the figures, as the file gives them.
    assert read["USD", "4"] == Decimal("161784138")
    assert read["EUR", "3"] == Decimal("118245198.21")
    assert read["CHF", "3"] == Decimal("-1000000")
    assert {currency for currency, _ in read} == {
        "USD", "EUR", "CHF", "DKK", "GBP", "CAD", "CZK", "NOK", "SEK"
    }  # fmt: skip


def test_negative_values_are_kept_as_they_are(ukraine_items: list[Item]) -> None:
    negative = [s for item in ukraine_items for s in item.stages if s.amount and s.amount < 0]
    assert len(negative) == 44


def test_dates_are_the_value_dates_at_day_precision(ukraine_items: list[Item]) -> None:
    stages = [stage for item in ukraine_items for stage in item.stages]
    assert all(stage.date.precision is Precision.DAY for stage in stages)
    first = ukraine_items[0].stages[0]
    assert first.date.value is not None and first.date.value.year == 2022


def test_a_file_invalid_against_the_schema_is_still_read(
    shared_data: Path, ukraine: Path, ukraine_items: list[Item]
) -> None:
    schema = lxml.etree.XMLSchema(
        lxml.etree.parse(str(shared_data / "iati-schema" / "iati-activities-schema.xsd"))
    )
    assert not schema.validate(lxml.etree.parse(str(ukraine)))
    assert len(ukraine_items) == 139


def test_titles_in_english_with_other_languages_in_notes(ukraine_items: list[Item]) -> None:
    canada = next(item for item in ukraine_items if item.ref == "iati:CA-3-P010189001")
    assert canada.title.startswith("Coordination of Humanitarian Responses")
    assert any(
        note.startswith("Title (fr): Coordination des interventions humanitaires")
        for note in canada.notes
    )
    assert any(note.startswith("Description (fr): ") for note in canada.notes)
    assert "Bureau de la coordination" not in canada.description
    # An activity titled in Spanish only keeps its Spanish title.
    spanish = next(item for item in ukraine_items if item.line == 137)
    assert spanish.title == "Llamamiento preliminar Ucrania CICR"


def test_titles_in_the_language_asked_for(ukraine: Path) -> None:
    french = {item.ref: item for item in _items(list(read_iati(ukraine, language="fr")))}
    canada = french["iati:CA-3-P010189001"]
    assert canada.title.startswith("Coordination des interventions humanitaires")
    assert any(note.startswith("Title (en): Coordination of Humanitarian") for note in canada.notes)


def test_the_ukraine_file_names_donors_recipients_and_sectors(
    ukraine_items: list[Item],
) -> None:
    pooled = ukraine_items[1]
    assert pooled.donor == OrgRef(
        name="Ukraine Humanitarian Fund",
        code="XM-OCHA-CBPF-UKR81",
        kind=OrganisationKind.INTERNATIONAL,
    )
    assert pooled.recipient == OrgRef(name="Ukraine", code="UA", kind=OrganisationKind.GOVERNMENT)
    # Ukraine has the largest share in 123 activities.
    assert Counter(i.recipient.code for i in ukraine_items if i.recipient)["UA"] == 123
    assert all(item.aid_type is AidType.HUMANITARIAN for item in ukraine_items)
    relief = [item for item in ukraine_items if item.category_code == "72010"]
    assert relief and {item.category for item in relief} == {
        "Material relief assistance and services"
    }


def test_the_legacy_draft_layout_is_read_leniently(shared_data: Path) -> None:
    items = _items(list(read_iati(shared_data / "iati-legacy" / "ocha-test-data.xml")))
    assert len(items) == 287
    kinds = Counter(stage.kind for item in items for stage in item.stages)
    assert kinds == {StageKind.ANNOUNCED: 19, StageKind.COMMITTED: 192, StageKind.DELIVERED: 172}
    currencies = Counter(stage.currency for item in items for stage in item.stages)
    assert currencies["USD"] == 236 and currencies["EUR"] == 96
    assert items[0].title == "Awaiting allocation to specific project/sector"
    assert items[0].donor is not None and items[0].donor.name == "Sweden"
    assert items[0].recipient is not None and items[0].recipient.code == "HT"


# -- the donor rule ---------------------------------------------------------------------


def test_the_donor_is_the_funding_organisation_first(tmp_path: Path) -> None:
    item = _one(
        tmp_path,
        IDENTIFIED
        + """
  <participating-org ref="XM-DAC-4-1" role="4" type="10"><narrative>Implementer</narrative>
  </participating-org>
  <participating-org ref="XM-DAC-3-1" role="1" type="10"><narrative>Denmark</narrative>
  </participating-org>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2022-03-01"/>
    <value value-date="2022-03-01">10</value>
    <provider-org ref="XM-PROVIDER"><narrative>Provider</narrative></provider-org>
  </transaction>""",
    )
    assert item.donor == OrgRef(name="Denmark", code="XM-DAC-3-1", kind=OrganisationKind.GOVERNMENT)
    assert item.implementer == OrgRef(
        name="Implementer", code="XM-DAC-4-1", kind=OrganisationKind.GOVERNMENT
    )


def test_without_a_funder_the_donor_is_the_transactions_provider(tmp_path: Path) -> None:
    item = _one(
        tmp_path,
        IDENTIFIED
        + """
  <participating-org role="4"><narrative>Implementer</narrative></participating-org>
  <transaction><transaction-type code="1"/><transaction-date iso-date="2022-03-01"/>
    <value value-date="2022-03-01">10</value>
    <provider-org ref="XM-PROVIDER" type="21"><narrative>Provider</narrative></provider-org>
  </transaction>""",
    )
    assert item.donor == OrgRef(name="Provider", code="XM-PROVIDER", kind=OrganisationKind.NGO)
    assert not item.warnings


def test_without_funder_or_provider_the_donor_is_the_reporting_organisation(
    tmp_path: Path,
) -> None:
    item = _one(
        tmp_path,
        IDENTIFIED + '<participating-org role="4"><narrative>Implementer</narrative>'
        "</participating-org>",
    )
    assert item.donor == OrgRef(
        name="Reporter", code="XM-REPORTER", kind=OrganisationKind.INTERNATIONAL
    )


def test_several_providers_are_said_in_a_warning(tmp_path: Path) -> None:
    transactions = "".join(
        f"""<transaction><transaction-type code="11"/><transaction-date iso-date="2022-03-01"/>
        <value value-date="2022-03-01">10</value>
        <provider-org><narrative>{name}</narrative></provider-org></transaction>"""
        for name in ("Norway", "Sweden")
    )
    item = _one(tmp_path, IDENTIFIED + transactions)
    assert item.donor is not None and item.donor.name == "Norway"
    assert any("2 providers" in warning for warning in item.warnings)


# -- languages ----------------------------------------------------------------------------


def test_a_narrative_without_language_is_in_the_activitys_default(tmp_path: Path) -> None:
    body = """<iati-identifier>XM-TEST-2</iati-identifier>
      <title><narrative>Kits d'hiver</narrative><narrative xml:lang="en">Winter kits</narrative>
      </title>
      <description><narrative>Des kits.</narrative><narrative xml:lang="EN">Kits.</narrative>
      </description>"""
    path = _write(tmp_path, _activity(body, 'xml:lang="fr"'))
    (english,) = _items(list(read_iati(path)))
    assert english.title == "Winter kits"
    assert english.description == "Kits."
    assert english.notes == ("Title (fr): Kits d'hiver", "Description (fr): Des kits.")
    (french,) = _items(list(read_iati(path, language="fr")))
    assert french.title == "Kits d'hiver"
    assert french.notes == ("Title (en): Winter kits", "Description (en): Kits.")


def test_the_files_default_language_applies_when_the_activity_has_none(tmp_path: Path) -> None:
    body = """<iati-identifier>XM-TEST-3</iati-identifier>
      <title><narrative xml:lang="de">Winterhilfe</narrative><narrative>Winter aid</narrative>
      </title>"""
    path = _write(tmp_path, _activity(body, ""), root='version="2.03" xml:lang="en"')
    (item,) = _items(list(read_iati(path)))
    assert item.title == "Winter aid"
    assert item.notes == ("Title (de): Winterhilfe",)


# -- stages, sectors, recipients ----------------------------------------------------------


def _transaction(code: str, value: str, extra: str = "", date_: str = "2022-03-04") -> str:
    return (
        f'<transaction><transaction-type code="{code}"/>'
        f'<transaction-date iso-date="{date_}"/>'
        f'<value value-date="{date_}" {extra}>{value}</value></transaction>'
    )


def test_transaction_types_become_stages(tmp_path: Path) -> None:
    body = IDENTIFIED + "".join(
        (
            _transaction("12", "100"),
            _transaction("2", "90", 'currency="usd"'),
            _transaction("11", "5"),
            _transaction("3", "-20.50"),
            _transaction("4", "30"),
            _transaction("1", "1000"),
            _transaction("1", "1000"),
            _transaction("7", "3"),
        )
    )
    item = _one(tmp_path, body)
    assert [(s.kind, s.amount, s.currency, s.note) for s in item.stages] == [
        (StageKind.ANNOUNCED, Decimal("100"), "EUR", ""),
        (StageKind.COMMITTED, Decimal("90"), "USD", ""),
        (StageKind.COMMITTED, Decimal("5"), "EUR", "incoming commitment"),
        (StageKind.DELIVERED, Decimal("-20.50"), "EUR", ""),
        (StageKind.DELIVERED, Decimal("30"), "EUR", "expenditure"),
    ]
    assert item.stages[0].date == FuzzyDate(date(2022, 3, 4), Precision.DAY)
    assert "Transactions not read as stages: 2 incoming funds, 1 reimbursement." in item.notes
    assert item.amount is None


def test_the_value_date_comes_before_the_transaction_date(tmp_path: Path) -> None:
    body = IDENTIFIED + (
        '<transaction><transaction-type code="3"/><transaction-date iso-date="2022-05-01"/>'
        '<value value-date="2022-04-30">1</value></transaction>'
        '<transaction><transaction-type code="3"/><transaction-date iso-date="2022-05-02"/>'
        "<value>2</value></transaction>"
    )
    item = _one(tmp_path, body)
    assert [s.date.iso() for s in item.stages] == ["2022-04-30", "2022-05-02"]


def test_a_cancelled_activity_gets_a_cancelled_stage(tmp_path: Path) -> None:
    body = IDENTIFIED + (
        '<activity-status code="5"/><activity-date type="4" iso-date="2022-06-30"/>'
        + _transaction("2", "10")
    )
    item = _one(tmp_path, body)
    assert [s.kind for s in item.stages] == [StageKind.COMMITTED, StageKind.CANCELLED]
    assert item.stages[1].date.iso() == "2022-06-30"


def test_a_dac_sector_names_the_category_and_a_humanitarian_one_the_aid_type(
    tmp_path: Path,
) -> None:
    relief = _one(
        tmp_path,
        IDENTIFIED + '<sector vocabulary="99" code="X1"/><sector code="72010"/>',
    )
    assert (relief.category_code, relief.category) == (
        "72010",
        "Material relief assistance and services",
    )
    assert relief.aid_type is AidType.HUMANITARIAN
    security = _one(tmp_path, IDENTIFIED + '<sector vocabulary="1" code="15210"/>')
    assert security.category == "Security system management and reform"
    assert security.aid_type is AidType.FINANCIAL
    flagged = _one(
        tmp_path,
        IDENTIFIED + '<sector vocabulary="2" code="151"/>',
        'humanitarian="1" xml:lang="en"',
    )
    assert (flagged.category_code, flagged.aid_type) == ("151", AidType.HUMANITARIAN)
    assert flagged.category == "Government & Civil Society-general"


def test_the_recipient_is_the_country_with_the_largest_share_else_the_region(
    tmp_path: Path,
) -> None:
    item = _one(
        tmp_path,
        IDENTIFIED
        + '<recipient-country code="pl" percentage="20"/>'
        + '<recipient-country code="UA" percentage="80"><narrative>Ukr.</narrative>'
        + "</recipient-country>",
    )
    assert item.recipient == OrgRef(name="Ukraine", code="UA", kind=OrganisationKind.GOVERNMENT)
    assert "Recipient countries: PL 20%, UA 80%." in item.notes
    region = _one(
        tmp_path,
        IDENTIFIED + '<recipient-region code="89"><narrative>Europe, regional</narrative>'
        "</recipient-region>",
    )
    assert region.recipient == OrgRef(name="Europe, regional")


# -- broken parts -------------------------------------------------------------------------


def test_broken_parts_are_warnings_and_the_rest_is_read(tmp_path: Path) -> None:
    broken = IDENTIFIED + (
        '<transaction><transaction-date iso-date="2022-01-01"/>'
        '<value value-date="2022-01-01">5</value></transaction>'
        + _transaction("3", "12,5")
        + _transaction("3", "NaN")
        + _transaction("3", "7", date_="2022-13-45")
        + '<transaction><transaction-type code="3"/><value>8</value></transaction>'
        + _transaction("3", "9")
    )
    after = _activity("<iati-identifier>XM-TEST-9</iati-identifier><title>"
                      "<narrative>Next</narrative></title>")  # fmt: skip
    events = list(read_iati(_write(tmp_path, _activity(broken) + after)))
    first, second = _items(events)
    assert [(s.amount, s.date.iso()) for s in first.stages] == [
        (Decimal("7"), ""),
        (Decimal("8"), ""),
        (Decimal("9"), "2022-03-04"),
    ]
    assert first.warnings == (
        "Transaction 1 has no type: it was not read.",
        "Transaction 2 has the value “12,5”, which is not a number: it was not read.",
        "Transaction 3 has the value “NaN”, which is not a number: it was not read.",
        "Transaction 4 has the date “2022-13-45”, which is not a date.",
        "Transaction 5 has no date.",
    )
    assert second.title == "Next"
    assert second.warnings == ("It has no reporting organisation.",)


def test_a_missing_currency_is_a_warning(tmp_path: Path) -> None:
    item = _one(tmp_path, IDENTIFIED + _transaction("3", "1"), 'xml:lang="en"')
    assert item.stages[0].currency == ""
    assert item.warnings == ("Transaction 1 has no currency code (or not an ISO 4217 one).",)


def test_an_activity_without_identifier_and_title_is_skipped(tmp_path: Path) -> None:
    activities = (
        _activity("<description><narrative>Nothing else</narrative></description>")
        + _activity("<iati-identifier>XM-TEST-4</iati-identifier>")
        + _activity("<title><narrative>No identifier</narrative></title>")
    )
    events = list(read_iati(_write(tmp_path, activities)))
    assert isinstance(events[0], Skipped)
    assert events[0].line == 1
    assert "neither an identifier nor a title" in events[0].reason
    untitled, anonymous = _items(events)
    assert (untitled.line, untitled.title, untitled.ref) == (2, "XM-TEST-4", "iati:XM-TEST-4")
    assert "It has no title: its identifier stands in for one." in untitled.warnings
    assert (anonymous.ref, anonymous.title) == ("", "No identifier")
    assert any("no iati-identifier" in warning for warning in anonymous.warnings)


def test_a_repeated_identifier_is_a_warning(tmp_path: Path) -> None:
    activities = _activity(IDENTIFIED) + _activity(IDENTIFIED)
    first, second = _items(list(read_iati(_write(tmp_path, activities))))
    assert not first.warnings
    assert second.warnings == ("Its identifier XM-TEST-1 was already used by activity 1.",)


def test_malformed_xml_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(
        '<iati-activities version="2.03">\n<iati-activity>\n<title>\n</iati-activity>\n',
        encoding="utf-8",
    )
    with pytest.raises(BadFileError, match=r"not well-formed XML: mismatched tag at line 4"):
        list(read_iati(path))


def test_a_file_that_is_not_iati_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<catalog><book/></catalog>", encoding="utf-8")
    with pytest.raises(BadFileError, match="not an IATI activity file"):
        list(read_iati(path))


def test_progress_is_told_up_to_the_whole_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "\n".join(_activity(IDENTIFIED) for _ in range(300)))
    told: list[tuple[int, int]] = []

    def going_on(done: int, total: int) -> bool:
        told.append((done, total))
        return True

    assert len(_items(list(read_iati(path, going_on=going_on)))) == 300
    size = path.stat().st_size
    assert len(told) > 2
    assert all(total == size for _, total in told)
    assert [done for done, _ in told] == sorted(done for done, _ in told)
    assert told[-1][0] == size
