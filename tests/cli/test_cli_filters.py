"""aidviewer-cli records/meetings with filters give the rows the window shows for them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from aidviewer.cli import main
from aidviewer.models import MeetingTableModel, RecordTableModel
from aidviewer.store import (
    AidRecord,
    Catalogue,
    FuzzyDate,
    MeetingQuery,
    MeetingSort,
    Money,
    RecordQuery,
    RecordSort,
    Stage,
    StageKind,
)


@pytest.fixture
def catalogue_path(sample_path: Path) -> Path:
    """The sample plus records of a second donor, with values and dates to sort by."""
    with Catalogue.open(sample_path) as catalogue:
        norway = catalogue.find_organisation("Norway")
        vehicles = catalogue.category_named("Vehicles")
        assert norway is not None and vehicles is not None
        for n, (when, cents) in enumerate(
            [("2022-03-01", 700), ("2023-11-20", 300), ("2024-02", 900), ("2023", 100)]
        ):
            catalogue.add_record(
                AidRecord(
                    title=f"Norwegian trucks, lot {n + 1}",
                    donor_id=norway.id,
                    category_id=vehicles.id,
                    money=Money.eur(cents * 100_000),
                    stages=(Stage(kind=StageKind.DELIVERED, date=FuzzyDate.parse(when)),),
                )
            )
    return sample_path


def _cli_ids(capsys: pytest.CaptureFixture[str], *argv: str) -> list[int]:
    assert main([*argv, "--format", "json"]) == 0
    return [row["id"] for row in json.loads(capsys.readouterr().out)]


def _model_ids(model: RecordTableModel | MeetingTableModel) -> list[int]:
    return [model.summary(row).id for row in range(model.rowCount())]  # type: ignore[union-attr]


CASES = [
    ([], RecordQuery()),
    (["--donor", "Norway"], RecordQuery(donor_ids=("Norway",))),
    (["--category", "vehicles"], RecordQuery(category_ids=("Vehicles",))),
    (
        ["--status", "announced", "--status", "delivered"],
        RecordQuery(statuses=(StageKind.ANNOUNCED, StageKind.DELIVERED)),
    ),
    (["--search", "nasa"], RecordQuery(search="nasa")),
    (
        ["--from", "2023-11", "--to", "2023-11"],
        RecordQuery(date_from=date(2023, 11, 1), date_to=date(2023, 11, 30)),
    ),
    (["--sort", "value:desc"], RecordQuery(sort=RecordSort.VALUE, descending=True)),
    (
        ["--donor", "Kingdom of Norway", "--sort", "title:desc", "--from", "2023"],
        RecordQuery(
            donor_ids=("Norway",),
            sort=RecordSort.TITLE,
            descending=True,
            date_from=date(2023, 1, 1),
        ),
    ),
]


@pytest.mark.parametrize(("argv", "query"), CASES)
def test_record_filters_match_the_window(
    catalogue_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], query: RecordQuery
) -> None:
    with Catalogue.open(catalogue_path, read_only=True) as catalogue:
        # The window's query names organisations and categories by id.
        def org(name: object) -> int:
            found = catalogue.find_organisation(str(name))
            assert found is not None
            return found.id

        def cat(name: object) -> int:
            found = catalogue.category_named(str(name))
            assert found is not None
            return found.id

        window_query = RecordQuery(
            **{
                **query.__dict__,
                "donor_ids": tuple(org(n) for n in query.donor_ids),
                "category_ids": tuple(cat(n) for n in query.category_ids),
            }
        )
        model = RecordTableModel()
        model.set_catalogue(catalogue, window_query)
        expected = _model_ids(model)
    assert expected or argv == ["--search", "nasa"]
    assert _cli_ids(capsys, "records", str(catalogue_path), *argv) == expected
    limited = _cli_ids(capsys, "records", str(catalogue_path), *argv, "--limit", "2")
    assert limited == expected[:2]


def test_cases_narrow_differently(catalogue_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Guards the table above: the filters do select different rows."""
    results = {tuple(_cli_ids(capsys, "records", str(catalogue_path), *argv)) for argv, _ in CASES}
    assert len(results) == len(CASES)


def test_meeting_filters_match_the_window(
    catalogue_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(catalogue_path)
    with Catalogue.open(catalogue_path, read_only=True) as catalogue:
        lithuania = catalogue.find_organisation("Lithuania, Ministry of National Defence")
        assert lithuania is not None
        for argv, query in [
            (["--search", "nato"], MeetingQuery(search="nato")),
            (["--sort", "title:desc"], MeetingQuery(sort=MeetingSort.TITLE, descending=True)),
            (
                ["--donor", "Lithuania, Ministry of National Defence", "--status", "announced"],
                MeetingQuery(donor_ids=(lithuania.id,), statuses=(StageKind.ANNOUNCED,)),
            ),
            (["--to", "2023-11-09"], MeetingQuery(date_to=date(2023, 11, 9))),
        ]:
            model = MeetingTableModel()
            model.set_catalogue(catalogue, query)
            assert _cli_ids(capsys, "meetings", path, *argv) == _model_ids(model), argv


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--donor", "Atlantis"], "The catalogue has no organisation named “Atlantis”."),
        (["--category", "Space"], "The catalogue has no category named “Space”."),
        (["--from", "11/2023"], "“11/2023” is not a date such as 2023-11-10, 2023-11 or 2023."),
        (["--sort", "colour"], "“colour” is not a sort: use one of"),
    ],
)
def test_bad_filters_are_one_clear_line(
    catalogue_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["records", str(catalogue_path), *argv]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"aidviewer-cli: {message}")
    assert captured.err.count("\n") == 1


def test_unknown_status_is_a_usage_error(
    catalogue_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["records", str(catalogue_path), "--status", "shipped"]) == 2
    assert "invalid choice: 'shipped'" in capsys.readouterr().err
