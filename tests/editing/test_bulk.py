"""One change made to many records: what it does to each, what it would break, and the
preview of exactly what changes."""

from __future__ import annotations

import dataclasses

import pytest

from aidviewer.editing import Problem
from aidviewer.editing.bulk import (
    BulkChange,
    BulkRow,
    apply_bulk,
    bulk_problems,
    changed_records,
    preview,
    tags_clash,
)
from aidviewer.store import AidRecord, AidType, FuzzyDate, Stage, StageKind


def _stage(kind: StageKind, when: str, quantity: int | None = None) -> Stage:
    return Stage(kind=kind, date=FuzzyDate.parse(when), quantity=quantity)


NASAMS = AidRecord(
    id=2,
    version=3,
    title="NASAMS launchers",
    donor_id=1,
    recipient_id=3,
    implementer_id=1,
    category_id=1,
    tags=("air defence", "NASAMS"),
    stages=(_stage(StageKind.ANNOUNCED, "2023-11-10"),),
)
VEHICLES = AidRecord(
    id=3,
    version=1,
    title="Vehicles",
    donor_id=1,
    recipient_id=3,
    category_id=2,
    tags=("planned",),
    stages=(
        _stage(StageKind.ANNOUNCED, "2023-10"),
        _stage(StageKind.DELIVERED, "2023-12-01", quantity=4),
    ),
)


def test_an_empty_change_changes_nothing() -> None:
    change = BulkChange()
    assert change.is_empty()
    assert apply_bulk(NASAMS, change) is NASAMS
    assert preview([NASAMS, VEHICLES], change) == []
    assert changed_records([NASAMS, VEHICLES], change) == []


@pytest.mark.parametrize(
    "change",
    [
        BulkChange(aid_type=AidType.FINANCIAL),
        BulkChange(set_category=True),
        BulkChange(set_donor=True, donor_id=5),
        BulkChange(set_recipient=True),
        BulkChange(set_implementer=True, implementer_id=None),
        BulkChange(add_tags=("x",)),
        BulkChange(remove_tags=("x",)),
        BulkChange(stage=StageKind.COMMITTED),
    ],
)
def test_any_field_set_makes_a_change_not_empty(change: BulkChange) -> None:
    assert not change.is_empty()


def test_fields_not_set_are_left_alone() -> None:
    after = apply_bulk(NASAMS, BulkChange(set_donor=True, donor_id=5))
    assert after == dataclasses.replace(NASAMS, donor_id=5)
    # Everything else, the version the store checks included, is the record's own.
    assert (after.version, after.category_id, after.recipient_id, after.implementer_id) == (
        3,
        1,
        3,
        1,
    )
    assert (after.aid_type, after.tags, after.stages) == (
        NASAMS.aid_type,
        NASAMS.tags,
        NASAMS.stages,
    )


def test_each_organisation_and_the_aid_type_are_set() -> None:
    change = BulkChange(
        aid_type=AidType.HUMANITARIAN,
        set_donor=True,
        donor_id=5,
        set_recipient=True,
        recipient_id=4,
        set_implementer=True,
        implementer_id=None,  # cleared
    )
    after = apply_bulk(NASAMS, change)
    assert (after.aid_type, after.donor_id, after.recipient_id, after.implementer_id) == (
        AidType.HUMANITARIAN,
        5,
        4,
        None,
    )


def test_the_category_is_set_or_cleared_only_when_asked() -> None:
    assert apply_bulk(NASAMS, BulkChange(set_category=True, category_id=2)).category_id == 2
    assert apply_bulk(NASAMS, BulkChange(set_category=True)).category_id is None
    assert apply_bulk(NASAMS, BulkChange(add_tags=("x",))).category_id == 1


def test_an_id_without_its_flag_is_refused() -> None:
    with pytest.raises(ValueError, match="set_category"):
        BulkChange(category_id=2)
    with pytest.raises(ValueError, match="set_donor"):
        BulkChange(donor_id=2)


def test_tags_are_added_and_removed_ignoring_case_each_once_in_order() -> None:
    change = BulkChange(
        add_tags=("nasams", "Winter", "winter", "checked"), remove_tags=("AIR DEFENCE",)
    )
    after = apply_bulk(NASAMS, change)
    # "nasams" is the record's "NASAMS", kept as the record wrote it; "winter" once.
    assert after.tags == ("NASAMS", "Winter", "checked")


def test_adding_a_tag_a_record_has_in_other_case_changes_nothing() -> None:
    assert apply_bulk(NASAMS, BulkChange(add_tags=("Nasams",))) is NASAMS
    assert apply_bulk(NASAMS, BulkChange(remove_tags=("absent",))) is NASAMS


def test_a_tag_cannot_be_both_added_and_removed() -> None:
    assert tags_clash(["Winter", "x"], ["WINTER"]) == ["Winter"]
    with pytest.raises(ValueError, match="both added and removed"):
        BulkChange(add_tags=("Winter",), remove_tags=("winter",))
    with pytest.raises(ValueError, match="blank"):
        BulkChange(add_tags=(" ",))


def test_a_stage_is_added_where_missing_in_the_order_of_progress() -> None:
    change = BulkChange(stage=StageKind.COMMITTED, stage_date=FuzzyDate.parse("2023-11"))
    after = apply_bulk(VEHICLES, change)
    assert after.stages == (
        VEHICLES.stages[0],
        Stage(kind=StageKind.COMMITTED, date=FuzzyDate.parse("2023-11")),
        VEHICLES.stages[1],
    )
    after = apply_bulk(NASAMS, change)
    assert after.stages == (*NASAMS.stages, Stage(kind=StageKind.COMMITTED, date=change.stage_date))


def test_a_record_that_reached_the_stage_keeps_its_own() -> None:
    change = BulkChange(stage=StageKind.DELIVERED, stage_date=FuzzyDate.parse("2024-01-05"))
    assert apply_bulk(VEHICLES, change) is VEHICLES
    assert changed_records([NASAMS, VEHICLES], change) == [(NASAMS, apply_bulk(NASAMS, change))]
    assert apply_bulk(NASAMS, change).stages[-1] == Stage(
        kind=StageKind.DELIVERED, date=FuzzyDate.parse("2024-01-05")
    )


def test_a_stage_dated_before_an_earlier_stage_is_a_problem_of_that_record() -> None:
    # Delivered in 2023-11 is fine for NASAMS (announced 2023-11-10, as precise as the
    # vaguer date) but VEHICLES already has its own delivery: only NASAMS changes.
    fine = BulkChange(stage=StageKind.DELIVERED, stage_date=FuzzyDate.parse("2023-11"))
    assert bulk_problems([NASAMS, VEHICLES], fine) == []
    early = BulkChange(stage=StageKind.COMMITTED, stage_date=FuzzyDate.parse("2023-11-01"))
    assert bulk_problems([NASAMS, VEHICLES], early) == [
        (2, Problem("stages", "Committed on 2023-11-01 is before announced on 2023-11-10.")),
    ]


def test_a_record_the_change_leaves_alone_is_not_checked() -> None:
    untitled = dataclasses.replace(NASAMS, id=9, title=" ", tags=("x",))
    assert bulk_problems([untitled], BulkChange(add_tags=("X",))) == []
    assert bulk_problems([untitled], BulkChange(add_tags=("y",))) == [
        (9, Problem("title", "An aid record needs a title."))
    ]


def test_the_preview_lists_only_the_fields_that_change() -> None:
    change = BulkChange(
        set_category=True,
        category_id=2,
        set_donor=True,
        donor_id=1,  # both already have it
        add_tags=("planned",),
        stage=StageKind.DELIVERED,
        stage_date=FuzzyDate.parse("2023-12"),
    )
    assert preview([NASAMS, VEHICLES], change) == [
        BulkRow(2, "NASAMS launchers", "category_id", 1, 2),
        BulkRow(
            2,
            "NASAMS launchers",
            "tags",
            ("air defence", "NASAMS"),
            ("air defence", "NASAMS", "planned"),
        ),
        BulkRow(
            2,
            "NASAMS launchers",
            "stages",
            NASAMS.stages,
            (*NASAMS.stages, _stage(StageKind.DELIVERED, "2023-12")),
        ),
    ]
