"""The notice above an opened catalogue (read-only) takes its line, not the window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from window_helpers import WindowFactory


def test_the_read_only_notice_is_one_line_high(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = make_window()
    window.resize(1200, 700)
    assert window.open_catalogue(sample_path, read_only=True)
    notice = window.catalogue_view.notice
    qtbot.waitUntil(notice.isVisible)
    line = notice.fontMetrics().height()
    assert notice.height() <= 3 * line + 2 * notice.margin() + 20, (notice.height(), line)
    table = window.catalogue_view.records_page.view
    assert table.height() > 4 * notice.height()
