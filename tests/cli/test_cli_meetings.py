"""`aidviewer-cli meetings`: every field as JSON, defused CSV, a table for the terminal."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aidviewer.store import Catalogue

Run = Callable[..., Any]  # the `run` fixtures of conftest.py, returning a Result

MEETING_KEYS = {
    "id",
    "version",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "participants",
    "participant_roles",
    "topics",
    "minutes",
    "decisions",
    "follow_ups",
    "records",
    "sources",
    "created_at",
    "updated_at",
    "updated_by",
}


def _json(run: Run, path: Path) -> list[dict[str, Any]]:
    result = run("meetings", path, "--format", "json")
    assert (result.code, result.err) == (0, "")
    rows: list[dict[str, Any]] = json.loads(result.out)
    return rows


def test_json_has_every_field_with_names(run: Run, built_path: Path) -> None:
    budget, kyiv = _json(run, built_path)  # earliest first
    assert set(kyiv) == MEETING_KEYS
    assert set(budget) == MEETING_KEYS
    assert (budget["title"], budget["starts_at"], budget["ends_at"]) == (
        "@Budget review",
        "2023-10-01",
        None,
    )
    assert {key: kyiv[key] for key in MEETING_KEYS - {"sources", "created_at"}} == {
        "id": 1,
        "version": 1,
        "title": "Talks in Kyiv",
        "starts_at": "2023-11-10T10:00",
        "ends_at": "2023-11-10T12:00",
        "place": "Kyiv",
        "participants": ["Arvydas Anušauskas", "Rustem Umerov"],
        "participant_roles": [
            {
                "name": "Arvydas Anušauskas",
                "role": "host",
                "title": "Minister",
                "organisation": "Ministry of National Defence",
            },
            {
                "name": "Rustem Umerov",
                "role": "guest",
                "title": "Minister of Defence",
                "organisation": None,
            },
        ],
        "topics": ["Air defence", "-minus topic"],
        "minutes": "Met and talked.",
        "decisions": [
            {
                "text": "Send more launchers",
                "owner": "Arvydas Anušauskas",
                "due_on": "2023-12-01",
                "done": False,
            }
        ],
        "follow_ups": [{"text": "Report back", "owner": None, "due_on": None, "done": True}],
        "records": [{"id": 1, "title": "NASAMS launchers"}],
        "updated_at": kyiv["created_at"],
        "updated_by": "tester",
    }
    assert [source["title"] for source in kyiv["sources"]] == [
        "Lithuanian Aid to Ukraine Continues"
    ]


def test_csv_joins_lists_and_defuses_formulas(run: Run, built_path: Path) -> None:
    result = run("meetings", built_path, "--format", "csv")
    assert (result.code, result.err) == (0, "")
    budget, kyiv = csv.DictReader(io.StringIO(result.out, newline=""))
    assert budget["title"] == "'@Budget review"
    assert (budget["participants"], budget["ends_at"]) == ("", "")
    assert kyiv["title"] == "Talks in Kyiv"
    assert kyiv["participants"] == "Arvydas Anušauskas; Rustem Umerov"
    assert kyiv["topics"] == "Air defence; -minus topic"
    assert kyiv["decisions"] == "Send more launchers"
    assert kyiv["follow_ups"] == "Report back"
    assert kyiv["records"] == "NASAMS launchers"
    assert kyiv["sources"] == "Lithuanian Aid to Ukraine Continues"
    assert kyiv["id"] == "1"


def test_table_lists_meetings_earliest_first(run: Run, built_path: Path) -> None:
    result = run("meetings", built_path)
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "Starts", "Title", "Place", "Participants"]
    assert len(lines) == 2 + 2 + 2
    assert "@Budget review" in lines[2]
    assert "Talks in Kyiv" in lines[3]
    assert "2023-11-10T10:00" in lines[3]
    assert "Arvydas Anušauskas, Rustem Umerov" in lines[3]
    assert lines[-1] == "2 meetings"


def test_an_empty_catalogue(run: Run, empty_path: Path) -> None:
    assert run("meetings", empty_path, "--format", "json").out == "[]\n"
    assert run("meetings", empty_path, "--format", "csv").out.startswith("id,title,starts_at,")
    assert run("meetings", empty_path).out.splitlines()[-1] == "0 meetings"


def test_the_sample_lists_its_meetings(run: Run, sample_path: Path) -> None:
    with Catalogue.open(sample_path, read_only=True) as cat:
        titles = [meeting.title for meeting in cat.iter_meetings()]
    assert titles
    assert [row["title"] for row in _json(run, sample_path)] == titles
    assert run("meetings", sample_path).out.splitlines()[-1] == f"{len(titles)} meetings"
