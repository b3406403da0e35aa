"""The choices a report is made with: its kind, what it covers, the page and the marking.

What a report covers depends on its kind: the aid summary and the record list take the
selected records, the table as the view shows it (its search, filters, sort and columns)
or the whole catalogue; a record sheet takes records too, the minutes meetings, and a
briefing a period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from aidviewer.printing.build import report_title
from aidviewer.reports.content import ReportKind
from aidviewer.reports.render import PAGE_SIZES, ReportOptions

from .dialogs import run_dialog


class Coverage(StrEnum):
    SELECTION = "selection"
    VIEW = "view"
    ALL = "all"


@dataclass(frozen=True)
class ReportRequest:
    """A report as the person asked for it; the window turns `coverage` into a scope."""

    options: ReportOptions
    coverage: Coverage = Coverage.VIEW
    date_from: date | None = None
    date_to: date | None = None


# The kinds that cover meetings rather than records.
MEETING_KINDS = frozenset({ReportKind.MINUTES})


class ReportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        request: ReportRequest,
        *,
        selected_records: int,
        selected_meetings: int,
        action: str,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        self.setWindowTitle(self.tr("Report"))
        self._selected = {False: selected_records, True: selected_meetings}
        options = request.options

        self.kind = QComboBox(self)
        for kind in ReportKind:
            self.kind.addItem(report_title(kind), kind)
        self.kind.setCurrentIndex(list(ReportKind).index(options.kind))
        self.coverage = {
            Coverage.SELECTION: QRadioButton(self),
            Coverage.VIEW: QRadioButton(self),
            Coverage.ALL: QRadioButton(self),
        }
        self.coverage[request.coverage].setChecked(True)
        start = request.date_from or date.today().replace(day=1)
        end = request.date_to or date.today()
        self.date_from = QDateEdit(QDate(start.year, start.month, start.day), self)
        self.date_to = QDateEdit(QDate(end.year, end.month, end.day), self)
        self.date_from.setAccessibleName(self.tr("From"))
        self.date_to.setAccessibleName(self.tr("To"))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.page_size = QComboBox(self)
        self.page_size.addItems(list(PAGE_SIZES))
        self.page_size.setCurrentText(options.page_size)
        self.landscape = QComboBox(self)
        self.landscape.setAccessibleName(self.tr("Orientation"))
        self.landscape.addItem(self.tr("Portrait"), False)
        self.landscape.addItem(self.tr("Landscape"), True)
        self.landscape.setCurrentIndex(1 if options.landscape else 0)
        self.notes = QCheckBox(self.tr("Include &notes"), self)
        self.notes.setChecked(options.notes)
        self.history = QCheckBox(self.tr("Include each record's &history"), self)
        self.history.setChecked(options.history)
        self.marking = QLineEdit(options.marking, self)
        self.marking.setPlaceholderText(self.tr("such as INTERNAL; printed on every page"))
        self.marking.setMaxLength(60)
        self.columns = options.columns

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(action)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self._label(self.tr("&Report:"), self.kind), self.kind)
        covers = QVBoxLayout()
        for button in self.coverage.values():
            covers.addWidget(button)
        self.covers_label = self._label(self.tr("Covering:"), self.coverage[Coverage.VIEW])
        form.addRow(self.covers_label, covers)
        self.period = QWidget(self)
        period = QHBoxLayout(self.period)
        period.setContentsMargins(0, 0, 0, 0)
        period.addWidget(self.date_from)
        period.addWidget(QLabel(self.tr("to"), self.period))
        period.addWidget(self.date_to)
        period.addStretch()
        self.period_label = self._label(self.tr("&Period:"), self.date_from)
        form.addRow(self.period_label, self.period)
        page = QHBoxLayout()
        page.addWidget(self.page_size)
        page.addWidget(self.landscape)
        page.addStretch()
        form.addRow(self._label(self.tr("Pa&ge:"), self.page_size), page)
        form.addRow("", self.notes)
        form.addRow("", self.history)
        form.addRow(self._label(self.tr("&Marking:"), self.marking), self.marking)
        self._period = (self.period_label, self.period)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.currentIndexChanged.connect(self._suggest_orientation)
        # Until the orientation is chosen by hand, it follows the kind: the record list's
        # ten columns want a landscape page, the other reports a portrait one.
        self._orientation_chosen = False
        self.landscape.activated.connect(self._choose_orientation)
        self._kind_changed()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _choose_orientation(self) -> None:
        self._orientation_chosen = True

    def _suggest_orientation(self) -> None:
        if not self._orientation_chosen:
            landscape = ReportKind(self.kind.currentData()) is ReportKind.LIST
            self.landscape.setCurrentIndex(1 if landscape else 0)

    def _kind_changed(self) -> None:
        """The choices that make sense for the kind: records or meetings, or a period."""
        kind = ReportKind(self.kind.currentData())
        meetings = kind in MEETING_KINDS
        what = self.tr("meetings") if meetings else self.tr("records")
        selected = self._selected[meetings]
        if selected == 1:
            one = self.tr("The selected meeting") if meetings else self.tr("The selected record")
            self.coverage[Coverage.SELECTION].setText(one)
        else:
            self.coverage[Coverage.SELECTION].setText(
                self.tr("The {n} selected {what}").format(n=selected, what=what)
            )
        self.coverage[Coverage.SELECTION].setEnabled(selected > 0)
        if selected == 0 and self.coverage[Coverage.SELECTION].isChecked():
            self.coverage[Coverage.VIEW].setChecked(True)
        self.coverage[Coverage.VIEW].setText(
            self.tr("The {what} the table shows, with its search and filters").format(what=what)
        )
        self.coverage[Coverage.ALL].setText(
            self.tr("Every meeting in the catalogue")
            if meetings
            else self.tr("Every record in the catalogue")
        )
        briefing = kind is ReportKind.BRIEFING
        for button in self.coverage.values():
            button.setVisible(not briefing)
        self.covers_label.setVisible(not briefing)
        for widget in self._period:
            widget.setVisible(briefing)
        self.history.setVisible(kind is ReportKind.SHEET)
        self.notes.setVisible(kind in (ReportKind.SHEET, ReportKind.MINUTES))

    def request(self) -> ReportRequest:
        kind = ReportKind(self.kind.currentData())
        coverage = next(c for c, button in self.coverage.items() if button.isChecked())
        start, end = self.date_from.date(), self.date_to.date()
        return ReportRequest(
            options=ReportOptions(
                kind=kind,
                page_size=self.page_size.currentText(),
                landscape=bool(self.landscape.currentData()),
                notes=self.notes.isChecked(),
                history=self.history.isChecked(),
                marking=" ".join(self.marking.text().split()),
                columns=self.columns,
            ),
            coverage=coverage,
            date_from=date(start.year(), start.month(), start.day()),
            date_to=date(end.year(), end.month(), end.day()),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        request: ReportRequest,
        *,
        selected_records: int,
        selected_meetings: int,
        action: str,
    ) -> ReportRequest | None:
        dialog = cls(parent, request, selected_records=selected_records,
                     selected_meetings=selected_meetings, action=action)  # fmt: skip
        return run_dialog(dialog, dialog.request)
