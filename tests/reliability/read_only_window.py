"""The child of test_read_only.py: the window, offscreen, on a catalogue it cannot
write (a read-only bind mount, or another user's file), reporting what the person would
see as JSON.

    python -m reliability.read_only_window CATALOGUE OUT

OUT is a folder this process can write: its settings, the PDF it exports and the JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from aidviewer.reports.content import ReportKind
from aidviewer.reports.render import ReportOptions
from aidviewer.ui.actions import ActionId
from aidviewer.ui.report_dialog import ReportRequest

from .stand_ins import RecordingNotifier, build_window

EDITING = (
    ActionId.NEW_RECORD, ActionId.EDIT_RECORD, ActionId.DUPLICATE_RECORD,
    ActionId.DELETE_RECORD, ActionId.NEW_MEETING, ActionId.ADD_NOTE, ActionId.BULK_EDIT,
    ActionId.MERGE_ORGANISATION, ActionId.NEW_ORGANISATION, ActionId.NEW_PERSON,
    ActionId.IMPORT, ActionId.RESTORE,
)  # fmt: skip
READING = (ActionId.PRINT, ActionId.PRINT_PREVIEW, ActionId.EXPORT_PDF, ActionId.EXPORT,
           ActionId.FIND, ActionId.CHECK)  # fmt: skip


def main(argv: list[str]) -> int:
    catalogue, out = Path(argv[0]), Path(argv[1])
    app = QApplication([])
    notifier = RecordingNotifier()
    window = build_window(out / "settings.ini", notifier)
    found: dict[str, Any] = {"opened": window.open_catalogue(catalogue)}
    assert window.catalogue is not None, notifier.errors
    view = window.catalogue_view
    found["read_only"] = window.catalogue.read_only
    found["notice"] = view.notice.text() if view.notice.isVisible() else ""
    found["title"] = window.windowTitle()
    found["rows"] = window.records.rowCount()
    found["enabled"] = {a.value: window.action(a).isEnabled() for a in EDITING + READING}
    model = view.records_page.model
    found["cells_editable"] = any(
        model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable
        for column in range(model.columnCount())
    )
    found["notes_editable"] = view.records_page.detail.editable

    # Printing: the whole catalogue as a PDF, into the folder that can be written.
    target = out / "report.pdf"
    reports = window.reports
    reports.ask_report = lambda *args, **kwargs: ReportRequest(ReportOptions(kind=ReportKind.LIST))
    reports.save_report_path = lambda parent, suggested: target
    loop = QEventLoop()
    exported: list[tuple[str, int]] = []
    reports.exported.connect(lambda path, pages: (exported.append((path, pages)), loop.quit()))
    QTimer.singleShot(60_000, loop.quit)
    window.action(ActionId.EXPORT_PDF).trigger()
    if not exported:
        loop.exec()
    found["exported"] = exported
    found["pdf_bytes"] = target.stat().st_size if target.exists() else 0
    found["errors"] = notifier.errors
    window.close()
    app.processEvents()
    (out / "results.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
