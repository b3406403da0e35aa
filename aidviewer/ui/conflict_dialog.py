"""When a record changed in the file while the person was editing it.

The two versions are shown side by side, a row for each field in which they differ. Each
row starts on the sensible side: the person's value where they changed the field, the
file's value where only the other person did. Keep Mine, Take Theirs, or choose row by
row; whatever is chosen is saved on top of the file's version, so nothing either of them
wrote is lost without someone deciding so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aidviewer.models.formatting import format_money
from aidviewer.models.labels import aid_type_label, stage_label
from aidviewer.store import AidRecord, AidType, Catalogue, Money, Stage

from .detail_html import local_time

# The fields a person edits in the record form, in its order.
FIELDS = ("title", "description", "donor_id", "recipient_id", "implementer_id", "aid_type",
          "category_id", "item", "quantity", "unit", "money", "tags", "stages",
          "source_ids")  # fmt: skip


class ConflictDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        catalogue: Catalogue,
        base: AidRecord,
        mine: AidRecord,
        theirs: AidRecord,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("Changed while you were editing"))
        self.mine, self.theirs = mine, theirs
        names = {org.id: org.name for org in catalogue.organisations()}
        categories = {category.id: category.name for category in catalogue.categories()}
        sources = {source.id: source.title for source in catalogue.sources()}
        show = _describer(names, categories, sources, self.locale())
        self.fields = [f for f in FIELDS if getattr(mine, f) != getattr(theirs, f)]
        intro = QLabel(
            self.tr(
                "{who} saved this aid record at {when}, after you opened it. Choose, for each"
                " field that now differs, which value to keep."
            ).format(
                who=theirs.updated_by or self.tr("Someone"), when=local_time(theirs.updated_at)
            ),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.fields), 3, self)
        self.table.setObjectName("conflict_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Yours"), self.tr("In the file now")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.choices: dict[str, QButtonGroup] = {}
        for row, field in enumerate(self.fields):
            label = QCoreApplication.translate("ConflictDialog", str(_LABELS[field]))
            self.table.setItem(row, 0, QTableWidgetItem(label))
            group = QButtonGroup(self)
            for column, value in ((1, getattr(mine, field)), (2, getattr(theirs, field))):
                button = QRadioButton(show(field, value), self.table)
                button.setObjectName(f"{field}_{'mine' if column == 1 else 'theirs'}")
                group.addButton(button, column)
                self.table.setCellWidget(row, column, button)
            # Theirs where only they changed the field; mine where I did.
            mine_changed = getattr(mine, field) != getattr(base, field)
            group.button(1 if mine_changed else 2).setChecked(True)
            self.choices[field] = group
        self.table.resizeColumnToContents(0)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(self)
        self.keep_mine = buttons.addButton(
            self.tr("Keep &Mine"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.take_theirs = buttons.addButton(
            self.tr("Take &Theirs"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_chosen = buttons.addButton(
            self.tr("&Save as Chosen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.keep_mine.clicked.connect(lambda: self._choose_all(1))
        self.take_theirs.clicked.connect(lambda: self._choose_all(2))
        self.save_chosen.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 380)

    def _choose_all(self, column: int) -> None:
        for group in self.choices.values():
            group.button(column).setChecked(True)
        self.accept()

    def merged(self) -> AidRecord:
        """The file's version with the person's values where chosen, ready to save."""
        chosen = {
            field: getattr(self.mine, field)
            for field, group in self.choices.items()
            if group.checkedId() == 1
        }
        return dataclasses.replace(self.theirs, **chosen)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        catalogue: Catalogue,
        base: AidRecord,
        mine: AidRecord,
        theirs: AidRecord,
    ) -> AidRecord | None:
        """The record to save, or None to go back to the form."""
        dialog = cls(parent, catalogue, base, mine, theirs)
        return dialog.merged() if dialog.exec() == QDialog.DialogCode.Accepted else None


_LABELS: dict[str, object] = {
    "title": QT_TRANSLATE_NOOP("ConflictDialog", "Title"),
    "description": QT_TRANSLATE_NOOP("ConflictDialog", "Description"),
    "donor_id": QT_TRANSLATE_NOOP("ConflictDialog", "Donor"),
    "recipient_id": QT_TRANSLATE_NOOP("ConflictDialog", "Recipient"),
    "implementer_id": QT_TRANSLATE_NOOP("ConflictDialog", "Implementer"),
    "aid_type": QT_TRANSLATE_NOOP("ConflictDialog", "Aid type"),
    "category_id": QT_TRANSLATE_NOOP("ConflictDialog", "Category"),
    "item": QT_TRANSLATE_NOOP("ConflictDialog", "Item"),
    "quantity": QT_TRANSLATE_NOOP("ConflictDialog", "Quantity"),
    "unit": QT_TRANSLATE_NOOP("ConflictDialog", "Unit"),
    "money": QT_TRANSLATE_NOOP("ConflictDialog", "Amount"),
    "tags": QT_TRANSLATE_NOOP("ConflictDialog", "Tags"),
    "stages": QT_TRANSLATE_NOOP("ConflictDialog", "Stages"),
    "source_ids": QT_TRANSLATE_NOOP("ConflictDialog", "Sources"),
}


def _describer(
    names: dict[int, str], categories: dict[int, str], sources: dict[int, str], locale: QLocale
) -> Callable[[str, object], str]:
    def show(field: str, value: object) -> str:
        if value is None or value == () or value == "":
            return "—"
        if isinstance(value, int) and field in ("donor_id", "recipient_id", "implementer_id"):
            return names.get(value, f"#{value}")
        if isinstance(value, int) and field == "category_id":
            return categories.get(value, f"#{value}")
        if isinstance(value, AidType):
            return aid_type_label(value)
        if isinstance(value, Money):
            return format_money(value.amount_minor, value.currency, locale)
        if isinstance(value, tuple) and field == "tags":
            return ", ".join(str(tag) for tag in value)
        if isinstance(value, tuple) and field == "source_ids":
            return "; ".join(sources.get(i, f"#{i}") for i in value)
        if isinstance(value, tuple) and field == "stages":
            return "; ".join(_stage(stage) for stage in value)
        return " ".join(str(value).split())

    return show


def _stage(stage: Stage) -> str:
    parts = [stage_label(stage.kind), stage.date.iso()]
    if stage.quantity is not None:
        parts.append(str(stage.quantity))
    return " ".join(part for part in parts if part)
