"""The Dashboard page in the window: made when first shown (QtCharts is not loaded to
start the window), charting what the records table shows, and following its filters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import WindowFactory

from aidviewer.store import Catalogue, RecordQuery

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_dashboard_follows_the_records_tables_filters(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path)
    view = window.catalogue_view
    assert view.dashboard.dashboard is None  # not made until it is shown
    view.show_page("dashboard")
    dashboard = view.dashboard.dashboard
    assert dashboard is not None and "aidviewer.ui.dashboard" in sys.modules
    every = dict(dashboard.series_values("category"))
    assert sum(every.values()) == pytest.approx(500_000_000)
    view.show_page("records")
    page = view.records_page
    page.filter_bar.search.setText("vehicles")
    page.filter_bar.search.returnPressed.emit()
    assert dashboard.stale  # hidden: marked, not read
    view.show_page("dashboard")
    assert not dashboard.stale
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        expected = catalogue.record_totals(RecordQuery(search="vehicles"), "category")
    assert [label for label, _ in dashboard.series_values("category")] == [
        key for key, _, _ in expected
    ]
    assert len(expected) < len(every)  # the filter narrowed it
    count = sum(records for _, records, _ in expected)
    assert f"in {count} aid records" in dashboard.headline.text()


def test_the_window_starts_without_qtcharts() -> None:
    """Loading the dashboard's charts is left to the first time it is shown."""
    code = (
        "import sys; import aidviewer.ui.main_window; "
        "print('PySide6.QtCharts' in sys.modules, 'aidviewer.ui.dashboard' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
