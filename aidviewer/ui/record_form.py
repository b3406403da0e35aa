"""The form of an aid record: every field, checked as it is typed.

Each problem shows beside its field and Save stays disabled, saying why, until there is
none: the record the form makes has passed the same rules (aidviewer.editing) as every
other change before the store sees it. An amount in another currency shows its value in
euros at the ECB's reference rate of the record's first dated stage, with that rate and
its date; the person may give their own rate instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aidviewer.editing import in_euros, known_currencies, record_problems, with_rate
from aidviewer.models.formatting import (
    format_amount,
    format_decimal,
    format_eur,
    parse_amount,
    parse_decimal,
    parse_whole,
)
from aidviewer.models.labels import aid_type_label, problem_text, stage_label
from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    FuzzyDate,
    Money,
    Organisation,
    Source,
    Stage,
    StageKind,
    minor_digits,
)

from .dialogs import ask_unsaved, run_dialog
from .filter_dialogs import problem_and_buttons
from .form_parts import (
    TagCompleter,
    close_or_keep,
    name_picker,
    organisation_ids,
    problem_label,
)

# The stages editor's columns, in order.
_STAGE_COLUMNS = ("stage", "date", "quantity", "amount", "currency", "note")


# Makes a new organisation (its name typed already) or source (its title): the new row,
# or None if the person cancelled.
NewOrganisation = Callable[[str], Organisation | None]
NewSource = Callable[[str], Source | None]


class RecordForm(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        catalogue: Catalogue,
        record: AidRecord,
        title: str,
        *,
        new_organisation: NewOrganisation | None = None,
        new_source: NewSource | None = None,
        base: AidRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("record_form")
        self.setWindowTitle(title)
        self.record = record
        # What the form counts changes from: the record as read, even when the form
        # opens again with what the person had typed (after a conflict, say).
        self.base = base if base is not None else record
        self._new_organisation = new_organisation
        self._new_source = new_source
        organisations = catalogue.organisations()
        self._orgs = organisation_ids(organisations)
        org_names = {org.id: org.name for org in organisations}
        self._problems: dict[str, QLabel] = {}

        self.title = QLineEdit(record.title, self)
        self.description = QPlainTextEdit(record.description, self)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        names = sorted(org_names.values(), key=str.casefold)
        self.donor = self._picker(names, org_names.get(record.donor_id or 0, ""))
        self.recipient = self._picker(names, org_names.get(record.recipient_id or 0, ""))
        self.implementer = self._picker(names, org_names.get(record.implementer_id or 0, ""))
        self.aid_type = QComboBox(self)
        for aid_type in AidType:
            self.aid_type.addItem(aid_type_label(aid_type), aid_type)
        self.aid_type.setCurrentIndex(list(AidType).index(record.aid_type))
        self.category = QComboBox(self)
        self.category.addItem(self.tr("(none)"), None)
        for category in catalogue.categories():
            self.category.addItem(category.name, category.id)
        self.category.setCurrentIndex(max(0, self.category.findData(record.category_id)))
        self.item = QLineEdit(record.item, self)
        self.quantity = QLineEdit(self._whole(record.quantity), self)
        self.unit = QLineEdit(record.unit, self)
        self.unit.setAccessibleName(self.tr("Unit"))
        money = record.money
        digits = minor_digits(money.currency) if money else 2
        self.amount = QLineEdit(
            format_amount(money.amount_minor, digits, self.locale()) if money else "", self
        )
        self.currency = QComboBox(self)
        self.currency.setAccessibleName(self.tr("Currency"))
        self.currency.setEditable(True)
        codes = sorted(known_currencies())
        self.currency.addItems(["EUR", *[code for code in codes if code != "EUR"]])
        self.currency.setCurrentText(money.currency if money else "EUR")
        completer = self.currency.completer()
        if completer is not None:
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.own_rate = QCheckBox(self.tr("My own rate:"), self)
        self.rate = QLineEdit(self)
        self.rate.setPlaceholderText(self.tr("units per euro"))
        self.rate.setAccessibleName(self.tr("My own rate, in units per euro"))
        ecb = money is not None and money.rate_date is not None
        if money is not None and money.eur_rate is not None and not ecb and money.currency != "EUR":
            self.own_rate.setChecked(True)
            self.rate.setText(format_decimal(money.eur_rate, self.locale()))
        self.euro_value = QLabel(self)
        self.euro_value.setObjectName("record_value")
        self.euro_value.setTextFormat(Qt.TextFormat.PlainText)
        self.tags = QLineEdit(", ".join(record.tags), self)
        self.tags.setPlaceholderText(self.tr("separated by commas"))
        TagCompleter([tag.name for tag in catalogue.tags()], self.tags)
        self.stages = self._stages_table(record.stages)
        self.sources = QListWidget(self)
        self.sources.setFixedHeight(70)
        for source in catalogue.sources():
            item = QListWidgetItem(source.title, self.sources)
            item.setData(Qt.ItemDataRole.UserRole, source.id)
            item.setCheckState(
                Qt.CheckState.Checked if source.id in record.source_ids else Qt.CheckState.Unchecked
            )
        self.problem, self.buttons = problem_and_buttons(self)
        self.problem.setObjectName("record_problem")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Save"))
        self._lay_out()
        for edit in (self.title, self.item, self.quantity, self.unit, self.amount, self.rate,
                     self.tags):  # fmt: skip
            edit.textChanged.connect(self._check)
        for combo in (self.donor, self.recipient, self.implementer, self.currency):
            combo.currentTextChanged.connect(self._check)
        self.own_rate.toggled.connect(self._check)
        self.description.textChanged.connect(self._check)
        for choice in (self.aid_type, self.category):
            choice.currentIndexChanged.connect(self._check)
        self.sources.itemChanged.connect(self._check)
        self.stages.itemChanged.connect(self._check)
        self.ask_unsaved = ask_unsaved  # tests replace this
        self.resize(760, 720)
        self._check()

    # -- building ---------------------------------------------------------------------------

    def _picker(self, names: list[str], current: str) -> QComboBox:
        """An organisation by name, with type-ahead over names containing the text."""
        return name_picker(self, names, current)

    def _stages_table(self, stages: tuple[Stage, ...]) -> QTableWidget:
        table = QTableWidget(0, len(_STAGE_COLUMNS), self)
        table.setObjectName("record_stages")
        table.setHorizontalHeaderLabels(
            [self.tr("Stage"), self.tr("Date"), self.tr("Quantity"), self.tr("Amount"),
             self.tr("Currency"), self.tr("Note")]
        )  # fmt: skip
        date_header = table.horizontalHeaderItem(_STAGE_COLUMNS.index("date"))
        assert date_header is not None  # made by setHorizontalHeaderLabels
        date_header.setToolTip(
            self.tr("As precise as the source: 2023-11-10, 2023-11 or 2023; empty if unknown")
        )
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(_STAGE_COLUMNS.index("note"), QHeaderView.ResizeMode.Stretch)
        widths = {"stage": 120, "date": 92, "quantity": 72, "amount": 104, "currency": 70}
        for name, width in widths.items():
            header.resizeSection(_STAGE_COLUMNS.index(name), width)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setFixedHeight(130)
        for stage in stages:
            self._add_stage_row(table, stage)
        return table

    def _add_stage_row(self, table: QTableWidget, stage: Stage) -> None:
        row = table.rowCount()
        table.insertRow(row)
        kind = QComboBox(table)
        kind.setAccessibleName(self.tr("Stage"))
        for member in StageKind:
            kind.addItem(stage_label(member), member)
        kind.setCurrentIndex(list(StageKind).index(stage.kind))
        kind.currentIndexChanged.connect(self._check)
        table.setCellWidget(row, 0, kind)
        money = stage.money
        amount = (
            format_amount(money.amount_minor, minor_digits(money.currency), self.locale())
            if money
            else ""
        )
        texts = (
            stage.date.iso(),
            self._whole(stage.quantity),
            amount,
            money.currency if money else "",
            stage.note,
        )
        for column, text in enumerate(texts, start=1):
            cell = QTableWidgetItem(text)
            if column == 1:  # what the table does not show is kept: the id, the rate
                cell.setData(Qt.ItemDataRole.UserRole, stage)
            table.setItem(row, column, cell)

    def _lay_out(self) -> None:
        form = QFormLayout()
        rows: list[tuple[str, QWidget, str | None]] = [
            (self.tr("&Title:"), self.title, "title"),
            (self.tr("Description:"), self.description, None),
            (self.tr("&Donor:"), self.donor, "donor"),
            (self.tr("&Recipient:"), self.recipient, "recipient"),
            (self.tr("&Implementer:"), self.implementer, "implementer"),
            (self.tr("Aid t&ype:"), self.aid_type, None),
            (self.tr("&Category:"), self.category, None),
            (self.tr("It&em:"), self.item, None),
        ]
        for label, widget, field in rows:
            if isinstance(widget, QComboBox) and field in ("donor", "recipient", "implementer") \
                    and self._new_organisation:  # fmt: skip
                picker = QHBoxLayout()
                picker.addWidget(widget, 1)
                picker.addWidget(self._new_organisation_button(widget, field))
                self._row(form, label, picker, field, widget)
            else:
                self._row(form, label, widget, field)
        count = QHBoxLayout()
        count.addWidget(self.quantity)
        count.addWidget(QLabel(self.tr("Unit:"), self))
        count.addWidget(self.unit)
        self._row(form, self.tr("&Quantity:"), count, "quantity", self.quantity)
        amount = QHBoxLayout()
        amount.addWidget(self.amount, 2)
        amount.addWidget(self.currency, 1)
        self._row(form, self.tr("&Amount:"), amount, "amount", self.amount)
        rate = QHBoxLayout()
        rate.addWidget(self.own_rate)
        rate.addWidget(self.rate)
        self._row(form, "", rate, "rate")
        form.addRow("", self.euro_value)
        self.euro_value.hide()  # until there is a value in euros to show
        self._row(form, self.tr("Ta&gs:"), self.tags, None)
        stages = QVBoxLayout()
        stages.addWidget(self.stages)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add Stage"), self)
        add.clicked.connect(self._add_stage)
        remove = QPushButton(self.tr("Remove Stage"), self)
        remove.clicked.connect(self._remove_stage)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        stages.addLayout(buttons)
        self._row(form, self.tr("&Stages:"), stages, "stages", self.stages)
        if self._new_source is not None:
            sources = QVBoxLayout()
            sources.addWidget(self.sources)
            add_source = QPushButton(self.tr("New Source…"), self)
            add_source.setObjectName("new_source")
            add_source.clicked.connect(self._add_source)
            sources.addWidget(add_source, 0, Qt.AlignmentFlag.AlignLeft)
            self._row(form, self.tr("Sources:"), sources, None, self.sources)
        else:
            self._row(form, self.tr("Sources:"), self.sources, None)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _row(self, form: QFormLayout, label: str, field: QWidget | QHBoxLayout | QVBoxLayout,
             name: str | None, buddy: QWidget | None = None) -> None:  # fmt: skip
        """A labelled row; the label's mnemonic (&T) moves to `buddy`, or to the field."""
        caption = QLabel(label, self)
        target = buddy if buddy is not None else field if isinstance(field, QWidget) else None
        if target is not None:
            caption.setBuddy(target)
        if isinstance(field, QWidget):
            form.addRow(caption, field)
        else:
            form.addRow(caption, field)
        if name is not None:
            problem = problem_label(self, name)
            form.addRow("", problem)
            self._problems[name] = problem

    def _new_organisation_button(self, picker: QComboBox, field: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(f"new_{field}")
        button.setText(self.tr("New…"))
        button.setToolTip(self.tr("New organisation…"))
        button.setAccessibleName(self.tr("New organisation"))
        button.clicked.connect(lambda: self._add_organisation(picker))
        return button

    def _add_organisation(self, picker: QComboBox) -> None:
        """A new organisation, named as typed if the name is not known yet; it goes into
        every picker and into this one."""
        assert self._new_organisation is not None
        typed = picker.currentText().strip()
        org = self._new_organisation("" if typed.casefold() in self._orgs else typed)
        if org is None:
            return
        self._orgs = organisation_ids([org], self._orgs)
        for combo in (self.donor, self.recipient, self.implementer):
            current = combo.currentText()
            combo.addItem(org.name)
            completer = combo.completer()
            model = completer.model() if completer is not None else None
            if isinstance(model, QStringListModel):
                model.setStringList([*model.stringList(), org.name])
            combo.setCurrentText(current)
        picker.setCurrentText(org.name)
        self._check()

    def _add_source(self) -> None:
        """A new source, cited by this record at once."""
        assert self._new_source is not None
        source = self._new_source("")
        if source is None:
            return
        item = QListWidgetItem(source.title, self.sources)
        item.setData(Qt.ItemDataRole.UserRole, source.id)
        item.setCheckState(Qt.CheckState.Checked)
        self.sources.scrollToItem(item)
        self._check()

    def _add_stage(self) -> None:
        self._add_stage_row(self.stages, Stage(kind=StageKind.ANNOUNCED))
        self.stages.setCurrentCell(self.stages.rowCount() - 1, 1)
        self._check()

    def _remove_stage(self) -> None:
        row = self.stages.currentRow()
        if row >= 0:
            self.stages.removeRow(row)
            self._check()

    # -- reading and checking ---------------------------------------------------------------

    def _whole(self, value: int | None) -> str:
        return "" if value is None else self.locale().toString(value)

    def _read(self) -> tuple[AidRecord, dict[str, str]]:
        """The record as the form shows it, and the problems found while reading it."""
        problems: dict[str, str] = {}
        locale = self.locale()
        ids: dict[str, int | None] = {}
        for name, combo in (("donor", self.donor), ("recipient", self.recipient),
                            ("implementer", self.implementer)):  # fmt: skip
            text = combo.currentText().strip()
            ids[name] = self._orgs.get(text.casefold()) if text else None
            if text and ids[name] is None:
                problems[name] = self.tr("No organisation is named “{name}”.").format(name=text)
        quantity = parse_whole(self.quantity.text(), locale)
        if self.quantity.text().strip() and quantity is None:
            problems["quantity"] = self.tr("Write a whole number, such as 1,500.")
        stages = []
        for row in range(self.stages.rowCount()):
            kind = self.stages.cellWidget(row, 0)
            assert isinstance(kind, QComboBox)
            texts = [
                (self.stages.item(row, c) or QTableWidgetItem()).text()
                for c in range(1, len(_STAGE_COLUMNS))
            ]
            date_cell = self.stages.item(row, 1)
            kept = date_cell.data(Qt.ItemDataRole.UserRole) if date_cell is not None else None
            base = kept if isinstance(kept, Stage) else Stage(kind=StageKind.ANNOUNCED)
            try:
                when = FuzzyDate.parse(texts[0])
            except ValueError:
                problems["stages"] = self.tr(
                    "“{date}” is not a date such as 2023-11-10, 2023-11 or 2023."
                ).format(date=texts[0])
                when = FuzzyDate()
            stage_quantity = parse_whole(texts[1], locale)
            if texts[1].strip() and stage_quantity is None:
                problems["stages"] = self.tr("A stage's quantity must be a whole number.")
            stage = dataclasses.replace(
                base,
                kind=StageKind(kind.currentData()),
                date=when,
                quantity=stage_quantity,
                note=texts[4],
            )
            money = self._stage_money(base, stage, texts[2], texts[3], problems)
            stages.append(dataclasses.replace(stage, money=money))
        record = dataclasses.replace(
            self.record,
            title=self.title.text().strip(),
            description=self.description.toPlainText(),
            donor_id=ids["donor"],
            recipient_id=ids["recipient"],
            implementer_id=ids["implementer"],
            aid_type=AidType(self.aid_type.currentData()),
            category_id=self.category.currentData(),
            item=self.item.text().strip(),
            quantity=quantity,
            unit=self.unit.text().strip(),
            tags=tuple(tag.strip() for tag in self.tags.text().split(",") if tag.strip()),
            stages=tuple(stages),
            source_ids=tuple(
                item.data(Qt.ItemDataRole.UserRole)
                for item in (self.sources.item(i) for i in range(self.sources.count()))
                if item.checkState() == Qt.CheckState.Checked
            ),
        )
        record = dataclasses.replace(record, money=self._money(record, problems))
        return record, problems

    def _stage_money(
        self, base: Stage, stage: Stage, amount: str, code: str, problems: dict[str, str]
    ) -> Money | None:
        """A stage's own amount, in euros at the ECB rate of the stage's date. A currency
        left empty is the record's. An amount kept as it was opened keeps its rate: a rate
        someone gave always, the ECB's while the date stays."""
        if not amount.strip():
            return None
        currency = (code.strip() or self.currency.currentText().strip() or "EUR").upper()
        if currency not in known_currencies():
            problems["stages"] = self.tr("“{code}” is not an ISO 4217 currency code.").format(
                code=currency
            )
            return None
        minor = parse_amount(amount, self.locale(), minor_digits(currency))
        if minor is None:
            problems["stages"] = self.tr(
                "A stage's amount must be a number such as 1,500.50, with {n} decimals at most."
            ).format(n=minor_digits(currency))
            return None
        kept = base.money
        if kept is not None and (kept.amount_minor, kept.currency) == (minor, currency):
            own_rate = kept.eur_rate is not None and kept.rate_date is None
            if own_rate or stage.date == base.date:
                return kept
        return in_euros(minor, currency, stage.date.value)

    def _money(self, record: AidRecord, problems: dict[str, str]) -> Money | None:
        text = self.amount.text().strip()
        currency = self.currency.currentText().strip().upper()
        self.rate.setEnabled(self.own_rate.isChecked())
        if not text:
            return None
        if currency not in known_currencies():
            problems["currency"] = self.tr("“{code}” is not an ISO 4217 currency code.").format(
                code=currency
            )
            return None
        digits = minor_digits(currency)
        minor = parse_amount(text, self.locale(), digits)
        if minor is None:
            problems["amount"] = self.tr(
                "Write an amount such as 1,500.50, with {n} decimals at most."
            ).format(n=digits)
            return None
        if currency == "EUR" or not self.own_rate.isChecked():
            day = next((s.date.value for s in record.stages if s.date.value is not None), None)
            return in_euros(minor, currency, day)
        rate = parse_decimal(self.rate.text(), self.locale()) or Decimal(0)
        if not (rate.is_finite() and rate > 0):
            problems["rate"] = self.tr("A rate is a number of {code} to the euro.").format(
                code=currency
            )
            return None
        return with_rate(minor, currency, rate, None)

    def _show_value(self, money: Money | None) -> None:
        self._write_value(money)
        self.euro_value.setVisible(bool(self.euro_value.text()))

    def _write_value(self, money: Money | None) -> None:
        locale = self.locale()
        if money is None or money.currency == "EUR":
            self.euro_value.setText("")
        elif money.value_eur_cents is None:
            self.euro_value.setText(
                self.tr("No ECB rate for {code} on the record's date: give your own rate.").format(
                    code=money.currency
                )
                if self.own_rate.isChecked() is False
                else ""
            )
        else:
            euros = format_eur(money.value_eur_cents, locale)
            rate = format_decimal(money.eur_rate, locale) if money.eur_rate is not None else ""
            if money.rate_date is not None:
                self.euro_value.setText(
                    self.tr("= {euros} at {rate} {code} to the euro (ECB, {day})").format(
                        euros=euros,
                        rate=rate,
                        code=money.currency,
                        day=money.rate_date.isoformat(),
                    )
                )
            else:
                self.euro_value.setText(
                    self.tr("= {euros} at your rate of {rate} {code} to the euro").format(
                        euros=euros,
                        rate=rate,
                        code=money.currency,
                    )
                )

    def _check(self) -> None:
        record, problems = self._read()
        for problem in record_problems(record):
            problems.setdefault(problem.field, problem_text(problem))
        beside: dict[str, str] = {}  # the field a problem shows beside: the currency's
        for field, message in problems.items():  # beside the amount it belongs to
            beside.setdefault("amount" if field == "currency" else field, message)
        for name, label in self._problems.items():
            text = beside.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
        self._show_value(record.money)
        first = next(iter(problems.values()), "")
        self.problem.setText(self.tr("Cannot save yet: {why}").format(why=first) if first else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        self._valid = record if not problems else None

    def changed(self) -> bool:
        """Whether the form shows anything other than the record it opened with."""
        return self._read()[0] != self.base

    def reject(self) -> None:
        """Closing with changes asks Save, Discard or Cancel: typed work is not lost to a
        stray Escape."""
        close_or_keep(self, self.changed(), self.value() is not None, self.ask_unsaved,
                      super().reject)  # fmt: skip

    def value(self) -> AidRecord | None:
        """The record as the person made it; None while a problem remains."""
        self._check()  # read again: the form is what counts, not the last check
        return self._valid

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        catalogue: Catalogue,
        record: AidRecord,
        title: str,
        *,
        new_organisation: NewOrganisation | None = None,
        new_source: NewSource | None = None,
        base: AidRecord | None = None,
    ) -> AidRecord | None:
        form = cls(parent, catalogue, record, title, new_organisation=new_organisation,
                   new_source=new_source, base=base)  # fmt: skip
        return run_dialog(form, form.value)
