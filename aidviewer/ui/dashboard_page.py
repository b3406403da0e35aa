"""The Dashboard page, built the first time it is shown: its charts come from QtCharts,
which the window need not load to start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from aidviewer.store import Catalogue, RecordQuery


class DashboardPage(QWidget):
    """Holds the catalogue and the records table's query for the dashboard, and makes
    the dashboard when the page is first shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard_holder")
        self.setAccessibleName(QCoreApplication.translate("DashboardPage", "Dashboard"))
        self.dashboard: Any = None  # a Dashboard, once shown
        self._catalogue: Catalogue | None = None
        self._query = RecordQuery()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        self._catalogue = catalogue
        if self.dashboard is not None:
            self.dashboard.set_catalogue(catalogue)

    def set_query(self, query: RecordQuery) -> None:
        """The records table's search and filters: the charts follow them."""
        self._query = query
        if self.dashboard is not None:
            self.dashboard.set_query(query)

    def showEvent(self, event: QShowEvent) -> None:
        if self.dashboard is None:
            from .dashboard import Dashboard

            self.dashboard = Dashboard(self)
            self.dashboard.set_catalogue(self._catalogue)
            self.dashboard.set_query(self._query)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.dashboard)
            self.dashboard.show()  # a child added to a shown widget is shown only later
        super().showEvent(event)
