"""Small dialogs that ask for the value of one filter.

Each has a class method `ask(...)` that returns the chosen value, or None when the person
cancels; tests replace `ask`, never the dialog's internals.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aidviewer.models.formatting import parse_eur

from .dialogs import run_dialog


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def problem_and_buttons(dialog: QDialog) -> tuple[QLabel, QDialogButtonBox]:
    """The line that says what is wrong with the input, and OK and Cancel."""
    problem = QLabel(dialog)
    problem.setTextFormat(Qt.TextFormat.PlainText)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return problem, buttons


class ChoiceDialog(QDialog):
    """Pick one or more names from a list, narrowed as you type."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        choices: list[tuple[object, str]],
        chosen: set[object],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Type to narrow the list"))
        self.filter.setAccessibleName(self.tr("Narrow the list"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        for key, name in choices:
            item = QListWidgetItem(name, self.list)  # plain text: names are user data
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
        self.list.itemActivated.connect(self._toggle)
        self.filter.textChanged.connect(self._narrow)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(380, 420)

    def _narrow(self, text: str) -> None:
        needle = text.casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(needle not in item.text().casefold())

    @staticmethod
    def _toggle(item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def chosen(self) -> list[object]:
        return [
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        choices: list[tuple[object, str]],
        chosen: set[object],
    ) -> list[object] | None:
        dialog = cls(parent, title, choices, chosen)
        return run_dialog(dialog, dialog.chosen)


class DateRangeDialog(QDialog):
    """From and to dates, each of which may be left open."""

    def __init__(self, parent: QWidget | None, start: date | None, end: date | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Date range"))
        today = QDate.currentDate()
        self.use_start = QCheckBox(self.tr("From"), self)
        self.use_end = QCheckBox(self.tr("To"), self)
        self.start = QDateEdit(_qdate(start) if start else today.addYears(-1), self)
        self.end = QDateEdit(_qdate(end) if end else today, self)
        # A check box beside a field does not name it, as a label's buddy would.
        self.start.setAccessibleName(self.tr("From date"))
        self.end.setAccessibleName(self.tr("To date"))
        for check, edit, value in (
            (self.use_start, self.start, start),
            (self.use_end, self.end, end),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            check.setChecked(value is not None or (start is None and end is None))
            edit.setEnabled(check.isChecked())
            check.toggled.connect(edit.setEnabled)
        self.problem, self.buttons = problem_and_buttons(self)
        form = QFormLayout(self)
        form.addRow(self.use_start, self.start)
        form.addRow(self.use_end, self.end)
        form.addRow(QLabel(self.tr("Records with a stage dated in this range."), self))
        form.addRow(self.problem)
        form.addRow(self.buttons)
        for signal in (self.start.dateChanged, self.end.dateChanged):
            signal.connect(self._check)
        for toggled in (self.use_start.toggled, self.use_end.toggled):
            toggled.connect(self._check)
        self._check()

    def value(self) -> tuple[date | None, date | None]:
        start = self.start.date().toPython() if self.use_start.isChecked() else None
        end = self.end.date().toPython() if self.use_end.isChecked() else None
        return start, end  # type: ignore[return-value]

    def _check(self) -> None:
        start, end = self.value()
        problem = ""
        if start is None and end is None:
            problem = self.tr("Choose a start, an end, or both.")
        elif start is not None and end is not None and end < start:
            problem = self.tr("The end comes before the start.")
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    @classmethod
    def ask(
        cls, parent: QWidget | None, start: date | None, end: date | None
    ) -> tuple[date | None, date | None] | None:
        dialog = cls(parent, start, end)
        return run_dialog(dialog, dialog.value)


class ValueRangeDialog(QDialog):
    """Lowest and highest value in euros, as the person's locale writes numbers."""

    def __init__(self, parent: QWidget | None, low: int | None, high: int | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Value range (EUR)"))
        locale = QLocale()
        self.low = QLineEdit(self)
        self.high = QLineEdit(self)
        for edit, cents in ((self.low, low), (self.high, high)):
            edit.setPlaceholderText(self.tr("any"))
            if cents is not None:
                edit.setText(locale.toString(cents / 100, "f", 2))
            edit.textChanged.connect(self._check)
        self.problem, self.buttons = problem_and_buttons(self)
        form = QFormLayout(self)
        form.addRow(self.tr("At least"), self.low)
        form.addRow(self.tr("At most"), self.high)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self._check()

    def value(self) -> tuple[int | None, int | None] | None:
        """(low, high) in cents, or None when a box does not hold a number."""
        low, high = parse_eur(self.low.text(), QLocale()), parse_eur(self.high.text(), QLocale())
        if (self.low.text().strip() and low is None) or (self.high.text().strip() and high is None):
            return None
        return low, high

    def _check(self) -> None:
        value = self.value()
        if value is None:
            problem = self.tr("Write an amount such as {example}.").format(
                example=QLocale().toString(1500.5, "f", 2)
            )
        elif value == (None, None):
            problem = self.tr("Give a lowest value, a highest value, or both.")
        elif value[0] is not None and value[1] is not None and value[1] < value[0]:
            problem = self.tr("The highest value is below the lowest.")
        else:
            problem = ""
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    @classmethod
    def ask(
        cls, parent: QWidget | None, low: int | None, high: int | None
    ) -> tuple[int | None, int | None] | None:
        dialog = cls(parent, low, high)
        return run_dialog(dialog, dialog.value)
