"""Saved views: stored in the catalogue, every query field kept, versioned and logged."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aidviewer.store import (
    AidType,
    Catalogue,
    ConflictError,
    InvalidValueError,
    MeetingQuery,
    MeetingSort,
    NotFoundError,
    RecordQuery,
    RecordSort,
    SavedView,
    StageKind,
    ViewKind,
    query_from_json,
    query_to_json,
)

FULL_RECORDS = RecordQuery(
    search="NASAMS launchers",
    donor_ids=(1, 5),
    recipient_ids=(3,),
    aid_types=(AidType.MILITARY, AidType.FINANCIAL),
    category_ids=(2, 4),
    statuses=(StageKind.DELIVERED, StageKind.COMMITTED),
    tags=("air defence", "NASAMS"),
    date_from=date(2023, 11, 1),
    date_to=date(2024, 2, 29),
    value_min_cents=0,
    value_max_cents=50_000_000_000,  # more than 2**31
    ids=(2, 3),
    sort=RecordSort.DONOR,
    descending=True,
)

FULL_MEETINGS = MeetingQuery(
    search="Vilnius",
    date_from=date(2023, 1, 1),
    date_to=date(2023, 12, 31),
    donor_ids=(1,),
    category_ids=(7, 8),
    statuses=(StageKind.ANNOUNCED,),
    sort=MeetingSort.PLACE,
    descending=True,
)

LAYOUT = {
    "order": [0, 2, 1],
    "hidden": [3],
    "widths": {"0": 240, "1": 90},
    "sort": {"column": 2, "order": "descending"},
}


@pytest.mark.parametrize("query", [FULL_RECORDS, FULL_MEETINGS], ids=["records", "meetings"])
def test_the_test_queries_fill_every_field(query: RecordQuery | MeetingQuery) -> None:
    """If a field is added to a query, these tests must be taught it, or they prove
    nothing about it."""
    default = type(query)()
    unset = [
        f.name
        for f in dataclasses.fields(query)
        if getattr(query, f.name) == getattr(default, f.name)
    ]
    assert unset == []


@pytest.mark.parametrize(
    ("kind", "query"),
    [(ViewKind.RECORDS, FULL_RECORDS), (ViewKind.MEETINGS, FULL_MEETINGS)],
    ids=["records", "meetings"],
)
def test_query_json_round_trips_every_field(
    kind: ViewKind, query: RecordQuery | MeetingQuery
) -> None:
    data = query_to_json(query)
    # Plain JSON: survives text and back.
    text = json.dumps(data)
    again = query_from_json(kind, json.loads(text))
    assert again == query
    assert type(again) is type(query)
    assert isinstance(again.donor_ids, tuple)


def test_query_json_is_readable() -> None:
    data = query_to_json(FULL_RECORDS)
    assert data["date_from"] == "2023-11-01"
    assert data["statuses"] == ["delivered", "committed"]
    assert data["sort"] == "donor"
    assert data["descending"] is True


def test_unknown_keys_are_ignored_and_missing_keys_take_defaults() -> None:
    data = {"search": "demining", "colour_of_the_week": "blue", "sort": "title"}
    assert query_from_json("records", data) == RecordQuery(search="demining", sort=RecordSort.TITLE)
    assert query_from_json(ViewKind.MEETINGS, {}) == MeetingQuery()


@pytest.mark.parametrize(
    "data",
    [
        {"sort": "flavour"},
        {"date_from": "yesterday"},
        {"date_to": 20231110},
        {"donor_ids": [1, "two"]},
        {"donor_ids": 3},
        {"value_min_cents": 1.5},
        {"value_min_cents": True},
        {"descending": "yes"},
        {"search": None},
        {"statuses": ["shipped"]},
    ],
)
def test_bad_values_are_refused(data: dict[str, Any]) -> None:
    with pytest.raises(InvalidValueError):
        query_from_json(ViewKind.RECORDS, data)
    # Not strict: the bad field takes its default, the others are kept.
    lenient = query_from_json(ViewKind.RECORDS, {**data, "search": "kept"}, strict=False)
    assert lenient.search == "kept"


def test_bad_kind_and_shape_are_refused() -> None:
    with pytest.raises(InvalidValueError):
        query_from_json("people", {})
    with pytest.raises(InvalidValueError):
        query_from_json(ViewKind.RECORDS, ["search"])


def test_add_read_list_and_survive_reopening(empty_path: Path) -> None:
    with Catalogue.open(empty_path, user="alice") as catalogue:
        added = catalogue.add_saved_view(
            SavedView(
                name="  Air defence  ", kind=ViewKind.RECORDS, query=FULL_RECORDS, layout=LAYOUT
            )
        )
        catalogue.add_saved_view(
            SavedView(name="autumn meetings", kind=ViewKind.MEETINGS, query=FULL_MEETINGS)
        )
        catalogue.add_saved_view(
            SavedView(name="Big donors", kind=ViewKind.RECORDS, query=RecordQuery())
        )
    assert added.id > 0
    assert added.version == 1
    assert added.name == "Air defence"
    assert added.updated_by == "alice"
    assert added.created_at == added.updated_at != ""

    with Catalogue.open(empty_path) as reopened:
        view = reopened.saved_view(added.id)
        assert view == added
        assert view.query == FULL_RECORDS
        assert view.layout == LAYOUT
        # By name, ignoring case; and by kind.
        assert [v.name for v in reopened.saved_views()] == [
            "Air defence",
            "autumn meetings",
            "Big donors",
        ]
        assert [v.name for v in reopened.saved_views(ViewKind.RECORDS)] == [
            "Air defence",
            "Big donors",
        ]
        meetings = reopened.saved_views(ViewKind.MEETINGS)
        assert [(v.name, v.query) for v in meetings] == [("autumn meetings", FULL_MEETINGS)]
        assert meetings[0].layout == {}


def test_update_is_versioned_and_logged(empty_path: Path) -> None:
    with Catalogue.open(empty_path, user="alice") as catalogue:
        view = catalogue.add_saved_view(
            SavedView(name="Delivered", kind=ViewKind.RECORDS, query=RecordQuery())
        )
        changed = catalogue.update_saved_view(
            dataclasses.replace(view, name="Delivered in 2023", query=FULL_RECORDS, layout=LAYOUT)
        )
        assert (changed.version, changed.name, changed.query, changed.layout) == (
            2,
            "Delivered in 2023",
            FULL_RECORDS,
            LAYOUT,
        )
        # Saving it unchanged writes nothing.
        assert catalogue.update_saved_view(changed).version == 2

        with pytest.raises(ConflictError) as raised:
            catalogue.update_saved_view(dataclasses.replace(view, name="stale"))
        assert raised.value.entity == "saved_view"
        assert catalogue.saved_view(view.id).name == "Delivered in 2023"

        with pytest.raises(ConflictError):
            catalogue.delete_saved_view(view.id, view.version)
        catalogue.delete_saved_view(changed.id, changed.version)
        with pytest.raises(NotFoundError):
            catalogue.saved_view(view.id)
        assert catalogue.saved_views() == []

        history = catalogue.history("saved_view", view.id)
    assert [(h.action, h.field) for h in history] == [
        ("create", "*"),
        ("update", "name"),
        ("update", "query"),
        ("update", "layout"),
        ("delete", "*"),
    ]
    assert all(h.who == "alice" for h in history)
    name_change = history[1]
    assert (name_change.old, name_change.new) == ("Delivered", "Delivered in 2023")
    assert json.loads(history[2].new or "")["sort"] == "donor"
    assert json.loads(history[0].new or "")["name"] == "Delivered"


def test_a_second_connection_gets_a_conflict(sample_path: Path) -> None:
    alice = Catalogue.open(sample_path, user="alice")
    bob = Catalogue.open(sample_path, user="bob")
    view = alice.add_saved_view(SavedView(name="Mine", kind=ViewKind.RECORDS, query=RecordQuery()))
    seen_by_bob = bob.saved_view(view.id)
    alice.update_saved_view(dataclasses.replace(view, query=FULL_RECORDS))
    with pytest.raises(ConflictError) as raised:
        bob.update_saved_view(dataclasses.replace(seen_by_bob, name="Bob's"))
    assert raised.value.changed_by == "alice"
    assert bob.saved_view(view.id).query == FULL_RECORDS
    alice.close()
    bob.close()


def test_duplicate_names_are_refused_per_kind_ignoring_case(empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        catalogue.add_saved_view(
            SavedView(name="Winter", kind=ViewKind.RECORDS, query=RecordQuery())
        )
        with pytest.raises(InvalidValueError) as raised:
            catalogue.add_saved_view(
                SavedView(name="winter ", kind=ViewKind.RECORDS, query=RecordQuery())
            )
        assert raised.value.message == (
            "There is already a saved records view named “Winter”: choose another name."
        )
        # A meetings view may share the name.
        other = catalogue.add_saved_view(
            SavedView(name="WINTER", kind=ViewKind.MEETINGS, query=MeetingQuery())
        )
        # Renaming onto an existing name is refused too, and changes nothing.
        spring = catalogue.add_saved_view(
            SavedView(name="Spring", kind=ViewKind.RECORDS, query=RecordQuery())
        )
        with pytest.raises(InvalidValueError):
            catalogue.update_saved_view(dataclasses.replace(spring, name="WINTER"))
        assert catalogue.saved_view(spring.id) == spring
        # Renaming a view to another case of its own name is fine.
        renamed = catalogue.update_saved_view(dataclasses.replace(other, name="Winter"))
        assert renamed.name == "Winter"
        assert len(catalogue.saved_views()) == 3


@pytest.mark.parametrize(
    "view",
    [
        SavedView(name="   ", kind=ViewKind.RECORDS, query=RecordQuery()),
        SavedView(name="Mixed", kind=ViewKind.RECORDS, query=MeetingQuery()),
        SavedView(name="Mixed", kind=ViewKind.MEETINGS, query=RecordQuery()),
        SavedView(
            name="Odd layout", kind=ViewKind.RECORDS, query=RecordQuery(), layout={"widths": {1, 2}}
        ),
    ],
    ids=[
        "blank name",
        "records kind, meetings query",
        "meetings kind, records query",
        "layout not JSON",
    ],
)
def test_invalid_views_are_refused(empty_path: Path, view: SavedView) -> None:
    with Catalogue.open(empty_path) as catalogue:
        with pytest.raises(InvalidValueError):
            catalogue.add_saved_view(view)
        assert catalogue.saved_views() == []


def test_a_view_written_by_a_newer_version_still_opens(empty_path: Path) -> None:
    """Another version may add query fields, sort columns, layout keys: this one reads what
    it knows and keeps the view listed."""
    with Catalogue.open(empty_path) as catalogue:
        view = catalogue.add_saved_view(
            SavedView(name="Future", kind=ViewKind.RECORDS, query=FULL_RECORDS, layout=LAYOUT)
        )
    future_query = {**query_to_json(FULL_RECORDS), "sort": "weight", "colour": ["red"]}
    future_layout = {**LAYOUT, "density": "compact"}
    con = sqlite3.connect(empty_path)
    with con:
        con.execute(
            "UPDATE saved_view SET query = ?, layout = ? WHERE id = ?",
            (json.dumps(future_query), json.dumps(future_layout), view.id),
        )
    con.close()
    with Catalogue.open(empty_path) as catalogue:
        (read,) = catalogue.saved_views()
    assert read.query == dataclasses.replace(FULL_RECORDS, sort=RecordQuery().sort)
    assert read.layout == future_layout


def test_damaged_json_reads_as_empty(empty_path: Path) -> None:
    with Catalogue.open(empty_path) as catalogue:
        view = catalogue.add_saved_view(
            SavedView(name="Damaged", kind=ViewKind.MEETINGS, query=FULL_MEETINGS, layout=LAYOUT)
        )
    con = sqlite3.connect(empty_path)
    with con:
        con.execute(
            "UPDATE saved_view SET query = '{not json', layout = '[1, 2]' WHERE id = ?",
            (view.id,),
        )
    con.close()
    with Catalogue.open(empty_path) as catalogue:
        read = catalogue.saved_view(view.id)
    assert (read.name, read.query, read.layout) == ("Damaged", MeetingQuery(), {})


def test_read_only_catalogue_refuses_to_save(sample_path: Path) -> None:
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        with pytest.raises(Exception) as raised:
            catalogue.add_saved_view(
                SavedView(name="Nope", kind=ViewKind.RECORDS, query=RecordQuery())
            )
        assert "read-only" in str(raised.value)
        assert catalogue.saved_views() == []
