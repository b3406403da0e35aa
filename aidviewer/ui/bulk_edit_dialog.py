"""Setting fields on many aid records at once, with a preview of every value it changes.

Each field has its own tick: only ticked fields are set, the others stay as each record
has them. Changing a value ticks its field. The preview lists, record by record, each
field that would change from what to what; records a change leaves as they are are not
listed. A value that cannot be read, or a record the change would leave unfit to save
(aidviewer.editing.bulk), shows in red and keeps Apply disabled.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aidviewer.editing.bulk import BulkChange, bulk_problems, changed_records, preview, tags_clash
from aidviewer.models.formatting import plain_tooltip
from aidviewer.models.labels import aid_type_label, problem_text, stage_label
from aidviewer.store import AidRecord, AidType, Catalogue, FuzzyDate, Stage, StageKind

from .dialogs import run_dialog
from .form_parts import (
    PROBLEM_COLOUR,
    TagCompleter,
    name_picker,
    organisation_ids,
    problem_label,
)

# How many record problems the red line lists before it only counts the rest.
SHOWN_PROBLEMS = 3


class BulkEditDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, catalogue: Catalogue, records: Sequence[AidRecord]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bulk_edit_dialog")
        self.records = list(records)
        total = len(self.records)
        self.setWindowTitle(
            self.tr("Edit 1 Record")
            if total == 1
            else self.tr("Edit {n} Records").format(n=self.locale().toString(total))
        )
        organisations = catalogue.organisations()
        self._org_names = {org.id: org.name for org in organisations}
        self._org_ids = organisation_ids(organisations)
        self._categories = {category.id: category.name for category in catalogue.categories()}
        self._field_labels = {
            "aid_type": self.tr("Aid type"),
            "category_id": self.tr("Category"),
            "donor_id": self.tr("Donor"),
            "recipient_id": self.tr("Recipient"),
            "implementer_id": self.tr("Implementer"),
            "tags": self.tr("Tags"),
            "stages": self.tr("Stages"),
        }

        self.set_aid_type = QCheckBox(self.tr("Aid t&ype:"), self)
        self.aid_type = QComboBox(self)
        for aid_type in AidType:
            self.aid_type.addItem(aid_type_label(aid_type), aid_type)
        shared_type = self._shared("aid_type")
        self.aid_type.setCurrentIndex(max(0, self.aid_type.findData(shared_type)))

        self.set_category = QCheckBox(self.tr("&Category:"), self)
        self.category = QComboBox(self)
        self.category.addItem(self.tr("(none)"), None)
        for category_id, name in self._categories.items():
            self.category.addItem(name, category_id)
        self.category.setCurrentIndex(max(0, self.category.findData(self._shared("category_id"))))

        names = sorted(self._org_names.values(), key=str.casefold)
        self.set_donor = QCheckBox(self.tr("&Donor:"), self)
        self.donor = self._picker(names, "donor_id")
        self.set_recipient = QCheckBox(self.tr("&Recipient:"), self)
        self.recipient = self._picker(names, "recipient_id")
        self.set_implementer = QCheckBox(self.tr("&Implementer:"), self)
        self.implementer = self._picker(names, "implementer_id")

        self.set_add_tags = QCheckBox(self.tr("Add ta&gs:"), self)
        self.add_tags = QLineEdit(self)
        self.set_remove_tags = QCheckBox(self.tr("Re&move tags:"), self)
        self.remove_tags = QLineEdit(self)
        tags = [tag.name for tag in catalogue.tags()]
        for edit in (self.add_tags, self.remove_tags):
            edit.setPlaceholderText(self.tr("separated by commas"))
            TagCompleter(tags, edit)

        self.set_stage = QCheckBox(self.tr("&Stage reached:"), self)
        self.stage = QComboBox(self)
        for kind in StageKind:
            self.stage.addItem(stage_label(kind), kind)
        self.stage_date = QLineEdit(self)
        self.stage_date.setPlaceholderText(self.tr("2023-11-10, 2023-11 or 2023"))
        # A field's tick is a check box, which does not name the field as a label would.
        named: tuple[tuple[QWidget, str], ...] = (
            (self.aid_type, self._field_labels["aid_type"]),
            (self.category, self._field_labels["category_id"]),
            (self.donor, self._field_labels["donor_id"]),
            (self.recipient, self._field_labels["recipient_id"]),
            (self.implementer, self._field_labels["implementer_id"]),
            (self.add_tags, self.tr("Tags to add")),
            (self.remove_tags, self.tr("Tags to remove")),
            (self.stage, self.tr("Stage reached")),
        )
        for widget, name in named:
            widget.setAccessibleName(name)

        self.preview = QTableWidget(0, 4, self)
        self.preview.setObjectName("bulk_preview")
        self.preview.setHorizontalHeaderLabels(
            [self.tr("Record"), self.tr("Field"), self.tr("Now"), self.tr("After")]
        )
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setWordWrap(True)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.preview.setColumnWidth(0, 220)

        self.summary = QLabel(self)
        self.summary.setObjectName("bulk_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = problem_label(self, "bulk")
        self.problem.setObjectName("bulk_problem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            self.tr("&Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("bulk_apply")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self._lay_out(total)
        self._connect()
        self.resize(760, 640)
        self._refresh()

    # -- building ---------------------------------------------------------------------------

    def _shared(self, field: str) -> object:
        """The value of `field` if every record has the same, else None."""
        values = {getattr(record, field) for record in self.records}
        return values.pop() if len(values) == 1 else None

    def _picker(self, names: list[str], field: str) -> QComboBox:
        """An organisation by name, starting on the one all the records share, if any."""
        shared = self._shared(field)
        current = self._org_names.get(shared, "") if isinstance(shared, int) else ""
        return name_picker(self, names, current)

    def _rows(self) -> list[tuple[QCheckBox, list[QWidget]]]:
        """Each field's tick and the widgets that give its value."""
        return [
            (self.set_aid_type, [self.aid_type]),
            (self.set_category, [self.category]),
            (self.set_donor, [self.donor]),
            (self.set_recipient, [self.recipient]),
            (self.set_implementer, [self.implementer]),
            (self.set_add_tags, [self.add_tags]),
            (self.set_remove_tags, [self.remove_tags]),
            (self.set_stage, [self.stage, self.stage_date]),
        ]

    def _lay_out(self, total: int) -> None:
        intro = QLabel(
            self.tr("Tick each field to set on the selected record. The others stay as it is.")
            if total == 1
            else self.tr(
                "Tick each field to set on all {n} selected records. The others stay as each"
                " record has them."
            ).format(n=self.locale().toString(total)),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, (tick, widgets) in enumerate(self._rows()):
            grid.addWidget(tick, row, 0)
            if len(widgets) == 1:
                grid.addWidget(widgets[0], row, 1)
                continue
            line = QHBoxLayout()  # the stage and its date
            line.addWidget(widgets[0], 1)
            on = QLabel(self.tr("on da&te:"), self)
            on.setBuddy(widgets[1])
            line.addWidget(on)
            line.addWidget(widgets[1], 1)
            grid.addLayout(line, row, 1)
        caption = QLabel(self.tr("&Preview:"), self)
        caption.setBuddy(self.preview)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(caption)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        """Every change rebuilds the preview; changing a value ticks its field."""
        for tick, widgets in self._rows():
            tick.toggled.connect(self._refresh)
            for widget in widgets:
                if isinstance(widget, QComboBox) and widget.isEditable():
                    signal = widget.currentTextChanged
                elif isinstance(widget, QComboBox):
                    signal = widget.currentIndexChanged
                else:
                    assert isinstance(widget, QLineEdit)
                    signal = widget.textChanged
                signal.connect(lambda *_, tick=tick: self._tick(tick))
                if isinstance(widget, QComboBox):  # picking the value already shown
                    widget.activated.connect(lambda *_, tick=tick: self._tick(tick))

    def _tick(self, tick: QCheckBox) -> None:
        if tick.isChecked():
            self._refresh()
        else:
            tick.setChecked(True)  # refreshes through toggled

    # -- reading and showing ----------------------------------------------------------------

    def _read(self) -> tuple[BulkChange, list[str]]:
        """The change the ticked fields make, and what is wrong with what was typed. A
        value with a problem is left out of the change, so the preview shows the rest."""
        problems: list[str] = []
        orgs: dict[str, tuple[bool, int | None]] = {}
        for name, tick, combo in (("donor", self.set_donor, self.donor),
                                  ("recipient", self.set_recipient, self.recipient),
                                  ("implementer", self.set_implementer,
                                   self.implementer)):  # fmt: skip
            orgs[name] = (False, None)
            if not tick.isChecked():
                continue
            text = combo.currentText().strip()
            org_id = self._org_ids.get(text.casefold()) if text else None
            if text and org_id is None:
                problems.append(self.tr("No organisation is named “{name}”.").format(name=text))
            else:
                orgs[name] = (True, org_id)
        add = _split(self.add_tags.text()) if self.set_add_tags.isChecked() else ()
        remove = _split(self.remove_tags.text()) if self.set_remove_tags.isChecked() else ()
        clash = tags_clash(add, remove)
        if clash:
            problems.append(
                self.tr("“{tag}” cannot be both added and removed.").format(tag=clash[0])
            )
            clashing = {tag.casefold() for tag in clash}
            add = tuple(tag for tag in add if tag.casefold() not in clashing)
            remove = tuple(tag for tag in remove if tag.casefold() not in clashing)
        stage: StageKind | None = None
        when = FuzzyDate()
        if self.set_stage.isChecked():
            try:
                when = FuzzyDate.parse(self.stage_date.text())
                stage = StageKind(self.stage.currentData())
            except ValueError:
                problems.append(
                    self.tr("“{date}” is not a date such as 2023-11-10, 2023-11 or 2023.").format(
                        date=self.stage_date.text().strip()
                    )
                )
        change = BulkChange(
            aid_type=AidType(self.aid_type.currentData())
            if self.set_aid_type.isChecked()
            else None,
            set_category=self.set_category.isChecked(),
            category_id=self.category.currentData() if self.set_category.isChecked() else None,
            set_donor=orgs["donor"][0],
            donor_id=orgs["donor"][1],
            set_recipient=orgs["recipient"][0],
            recipient_id=orgs["recipient"][1],
            set_implementer=orgs["implementer"][0],
            implementer_id=orgs["implementer"][1],
            add_tags=add,
            remove_tags=remove,
            stage=stage,
            stage_date=when,
        )
        return change, problems

    def _refresh(self) -> None:
        change, problems = self._read()
        pairs = changed_records(self.records, change)
        rows = preview(self.records, change)
        titles = {record.id: record.title for record in self.records}
        troubled = bulk_problems(self.records, change)
        problems += [
            self.tr("“{title}”: {why}").format(title=titles[record_id], why=problem_text(problem))
            for record_id, problem in troubled
        ]
        red = QBrush(QColor(PROBLEM_COLOUR))
        self.preview.setRowCount(len(rows))
        for row, line in enumerate(rows):
            first = row == 0 or rows[row - 1].record_id != line.record_id
            texts = (
                line.title if first else "",  # a record's title heads its rows
                self._field_labels[line.field],
                self._show(line.field, line.old),
                self._show(line.field, line.new),
            )
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(plain_tooltip(line.title if column == 0 else text) or "")
                if any(record_id == line.record_id for record_id, _ in troubled):
                    cell.setForeground(red)  # the records the red line speaks of
                self.preview.setItem(row, column, cell)
        self.preview.resizeRowsToContents()
        shown = problems[:SHOWN_PROBLEMS]
        if len(problems) > SHOWN_PROBLEMS:
            shown.append(self.tr("… and {n} more.").format(n=len(problems) - SHOWN_PROBLEMS))
        self.problem.setText("\n".join(shown))
        self.problem.setVisible(bool(shown))
        self.summary.setText(self._summary(change, len(pairs)))
        if not pairs:
            self.apply_button.setText(self.tr("&Apply"))
        elif len(pairs) == 1:
            self.apply_button.setText(self.tr("&Apply to 1 Record"))
        else:
            self.apply_button.setText(
                self.tr("&Apply to {n} Records").format(n=self.locale().toString(len(pairs)))
            )
        self.apply_button.setEnabled(bool(pairs) and not problems)

    def _summary(self, change: BulkChange, changing: int) -> str:
        total = len(self.records)
        if change.is_empty():
            return self.tr("Nothing to change yet.")
        if total == 1:
            return (
                self.tr("The record will change.")
                if changing
                else self.tr("The record already has these values.")
            )
        return self.tr("{n} of {total} records will change.").format(
            n=self.locale().toString(changing), total=self.locale().toString(total)
        )

    def _show(self, field: str, value: object) -> str:
        """A field's value in people's words: names for ids, labels for enumerations."""
        if value is None or value == ():
            return "—"
        if isinstance(value, int) and field in ("donor_id", "recipient_id", "implementer_id"):
            return self._org_names.get(value, f"#{value}")
        if isinstance(value, int) and field == "category_id":
            return self._categories.get(value, f"#{value}")
        if isinstance(value, AidType):
            return aid_type_label(value)
        if isinstance(value, tuple) and field == "tags":
            return ", ".join(str(tag) for tag in value)
        if isinstance(value, tuple) and field == "stages":
            return "; ".join(_stage(stage) for stage in value)
        return str(value)

    # -- the result -------------------------------------------------------------------------

    def changed_records(self) -> list[tuple[AidRecord, AidRecord]]:
        """(before, after) for each record the dialog's change changes, in their order."""
        return changed_records(self.records, self._read()[0])

    @classmethod
    def ask(
        cls, parent: QWidget | None, catalogue: Catalogue, records: Sequence[AidRecord]
    ) -> list[tuple[AidRecord, AidRecord]] | None:
        """The records to save, each before and after the change; None when cancelled."""
        dialog = cls(parent, catalogue, records)
        return run_dialog(dialog, dialog.changed_records)


def _split(text: str) -> tuple[str, ...]:
    return tuple(tag.strip() for tag in text.split(",") if tag.strip())


def _stage(stage: Stage) -> str:
    """A stage as the conflict dialog writes it: its label, date and quantity."""
    parts = [stage_label(stage.kind), stage.date.iso()]
    if stage.quantity is not None:
        parts.append(str(stage.quantity))
    return " ".join(part for part in parts if part)
