"""The dashboard: its charts show the summary's groups, it reads only when shown, and it
says so in words when there is nothing to chart or the file cannot be read."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from aidviewer.printing.formats import QtFormats
from aidviewer.reports import content
from aidviewer.reports.content import ReportKind, Scope, Summary, read_content
from aidviewer.store import (
    AidRecord,
    Catalogue,
    Category,
    FuzzyDate,
    Money,
    Organisation,
    RecordQuery,
    Stage,
    StageKind,
)
from aidviewer.ui import dashboard as dashboard_module
from aidviewer.ui.dashboard import Dashboard, elide

# The offscreen platform says so when a top-level widget is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LONG_NAME = "Ministry of Foreign Affairs of the Kingdom of the Netherlands"


@pytest.fixture
def sample(sample_path: Path) -> Iterator[Catalogue]:
    with Catalogue.open(sample_path) as catalogue:
        yield catalogue


@pytest.fixture
def many_donors(tmp_path: Path) -> Iterator[Catalogue]:
    """Twelve donors giving 1…12 million euros, over three categories, four stages and
    five months; two records have no month and one a donor with a long name."""
    with Catalogue.create(tmp_path / "many.aidb", user="tester") as catalogue:
        categories = [
            catalogue.add_category(Category(name=name)).id
            for name in ("Air defence", "Demining", "Winter equipment")
        ]
        stages = [StageKind.ANNOUNCED, StageKind.COMMITTED, StageKind.DELIVERED, None]
        for n in range(1, 13):
            name = LONG_NAME if n == 7 else f"Donor {n:02d}"
            donor = catalogue.add_organisation(Organisation(name=name)).id
            kind = stages[n % 4]
            when = FuzzyDate() if n in (3, 9) else FuzzyDate.parse(f"2023-{n % 5 + 6:02d}-15")
            catalogue.add_record(
                AidRecord(
                    title=f"Record {n}",
                    donor_id=donor,
                    category_id=categories[n % 3],
                    money=Money.eur(n * 100_000_000),
                    stages=(Stage(kind=StageKind.ANNOUNCED, date=when),)
                    + (() if kind in (None, StageKind.ANNOUNCED) else (Stage(kind=kind),)),
                )
            )
        yield catalogue


def make(qtbot: QtBot, catalogue: Catalogue | None, query: RecordQuery | None = None) -> Dashboard:
    board = Dashboard()
    qtbot.addWidget(board)
    board.resize(1100, 800)
    board.set_catalogue(catalogue)
    board.set_query(query or RecordQuery())
    return board


def shown(qtbot: QtBot, board: Dashboard) -> Dashboard:
    board.show()
    qtbot.waitExposed(board)
    return board


def summary_of(catalogue: Catalogue, query: RecordQuery | None = None) -> Summary:
    summary = read_content(catalogue, ReportKind.SUMMARY, Scope(query=query or RecordQuery()))
    assert isinstance(summary, Summary)
    return summary


def expected(summary: Summary) -> dict[str, list[tuple[str, float]]]:
    """What each chart should show, from the summary's groups."""
    formats = QtFormats()
    rank = {kind.value: kind.rank for kind in StageKind}
    return {
        "donor": [(elide(g.key or "No donor"), g.cents / 100) for g in summary.by_donor],
        "category": [(elide(g.key or "No category"), g.cents / 100) for g in summary.by_category],
        "stage": [
            (formats.stage(g.key) or "No stage", g.cents / 100)
            for g in sorted(summary.by_stage, key=lambda g: rank.get(g.key, 99))
        ],
        "month": [(formats.month(g.key), g.cents / 100) for g in summary.by_month if g.key],
    }


def file_total(path: Path) -> int:
    with sqlite3.connect(path) as con:
        return int(con.execute("SELECT sum(value_eur_cents) FROM aid_record").fetchone()[0])


def test_charts_show_the_summary_groups(qtbot: QtBot, sample: Catalogue) -> None:
    board = shown(qtbot, make(qtbot, sample))
    summary = summary_of(sample)

    assert set(board.charts) == {"donor", "category", "stage", "month"}
    assert {name: board.series_values(name) for name in board.charts} == expected(summary)
    total = file_total(sample.path)
    for name in ("donor", "category", "stage"):
        assert sum(euros for _, euros in board.series_values(name)) * 100 == total
    # The sample's valued record has no month announced: the timeline leaves it out.
    assert sum(e for _, e in board.series_values("month")) * 100 == sum(
        g.cents for g in summary.by_month if g.key
    )
    undated = sum(g.records for g in summary.by_month if not g.key)
    assert board.month_note.isVisible()
    assert board.month_note.text().startswith(f"{undated} records have no month")
    assert board.headline.text().startswith(f"{QtFormats().eur(total)} in {summary.records} aid")
    assert board.chart_area.isVisible()


def test_a_narrower_query_changes_the_charts(qtbot: QtBot, sample: Catalogue) -> None:
    board = shown(qtbot, make(qtbot, sample))
    before = {name: board.series_values(name) for name in board.charts}
    category = next(c for c in sample.categories() if c.name == "Vehicles")
    query = RecordQuery(category_ids=(category.id,))

    board.set_query(query)

    assert board.series_values("category") == [("Vehicles", 0.0)]
    after = {name: board.series_values(name) for name in board.charts}
    assert after != before
    assert after == expected(summary_of(sample, query))
    assert board.headline.text().startswith("€0.00 in 2 aid records")


def test_a_hidden_dashboard_reads_only_when_shown(
    qtbot: QtBot, sample: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[RecordQuery] = []
    real = dashboard_module.read_content

    def counting(catalogue: Catalogue, kind: ReportKind, scope: Scope) -> content.Content:
        reads.append(scope.query)
        return real(catalogue, kind, scope)

    monkeypatch.setattr(dashboard_module, "read_content", counting)
    board = make(qtbot, sample)
    for n in range(5):
        board.set_query(RecordQuery(search=f"word{n}"))
    last = RecordQuery(statuses=(StageKind.COMMITTED,))
    board.set_query(last)
    assert reads == []
    assert board.stale

    shown(qtbot, board)
    assert reads == [last]
    assert [label for label, _ in board.series_values("stage")] == ["Committed"]

    board.hide()
    board.set_query(RecordQuery())
    board.set_catalogue(sample)
    assert len(reads) == 1
    board.show()
    assert len(reads) == 2
    board.show()  # shown already: nothing new to read
    assert len(reads) == 2


def test_more_than_ten_donors_sum_the_rest_as_others(qtbot: QtBot, many_donors: Catalogue) -> None:
    board = shown(qtbot, make(qtbot, many_donors))

    donors = board.series_values("donor")
    assert len(donors) == 11
    assert donors[0] == ("Donor 12", 12e6)
    assert donors[-1] == ("Others", 1e6 + 2e6)
    assert sum(e for _, e in donors) * 100 == file_total(many_donors.path)
    assert elide(LONG_NAME) in [label for label, _ in donors]
    assert len(elide(LONG_NAME)) == 30
    # Three categories: no "Others".
    assert len(board.series_values("category")) == 3
    assert [label for label, _ in board.series_values("stage")] == [
        "Announced",
        "Committed",
        "Delivered",
    ]
    months = board.series_values("month")
    assert [label for label, _ in months] == [
        f"{m} 2023" for m in ("June", "July", "August", "September", "October")
    ]
    assert board.month_note.text() == "2 records have no month announced and are left out."


def test_no_matching_records_shows_a_message(
    qtbot: QtBot, sample: Catalogue, empty_path: Path
) -> None:
    board = shown(qtbot, make(qtbot, sample, RecordQuery(search="nothingmatchesthis")))
    assert board.headline.text() == "No aid records match."
    assert not board.chart_area.isVisible()
    assert all(board.series_values(name) == [] for name in board.charts)

    with Catalogue.open(empty_path) as empty:
        board.set_query(RecordQuery())
        board.set_catalogue(empty)
        assert board.headline.text() == "No aid records match."
        board.set_catalogue(sample)
        assert board.chart_area.isVisible()
        board.set_catalogue(None)
        assert board.headline.text() == "No catalogue is open."
        assert not board.chart_area.isVisible()


def test_a_file_that_cannot_be_read_shows_its_message(qtbot: QtBot, sample_path: Path) -> None:
    with Catalogue.open(sample_path, busy_timeout=0.05) as catalogue:
        board = make(qtbot, catalogue)
        # Another program holds the file's exclusive lock: a read gets "locked".
        other = sqlite3.connect(sample_path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            shown(qtbot, board)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert "is locked by another program" in board.headline.text()
        assert not board.chart_area.isVisible()

        board.refresh()
        assert board.headline.text().startswith("€")
        assert board.chart_area.isVisible()


def test_the_filled_dashboard_looks_right(qtbot: QtBot, many_donors: Catalogue) -> None:
    board = shown(qtbot, make(qtbot, many_donors))
    for view in board.charts.values():
        assert view.width() > 500 and view.height() > 300
    assert board.grab().save("/tmp/dashboard.png")
