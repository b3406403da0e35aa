"""When a record or meeting changed in the file while the person was editing it.

The two versions are shown side by side, a row for each field in which they differ. Each
row starts on the sensible side: the person's value where they changed the field, the
file's value where only the other person did. Keep Mine, Take Theirs, or choose row by
row; whatever is chosen is saved on top of the file's version, so nothing either of them
wrote is lost without someone deciding so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aidviewer.models.formatting import format_eur, format_money, local_time, plain_tooltip
from aidviewer.models.labels import aid_type_label, stage_label
from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    CatalogueError,
    Meeting,
    MeetingAction,
    Money,
    Participant,
    Stage,
)

from .dialogs import run_dialog

# The fields a person edits in the record form, in its order.
FIELDS = ("title", "description", "donor_id", "recipient_id", "implementer_id", "aid_type",
          "category_id", "item", "quantity", "unit", "money", "tags", "stages",
          "source_ids")  # fmt: skip
# The fields a person edits in the meeting form, in its order.
MEETING_FIELDS = ("title", "starts_at", "ends_at", "place", "participants", "topics",
                  "minutes", "actions", "record_ids", "source_ids")  # fmt: skip

Row = TypeVar("Row", AidRecord, Meeting)


class ConflictDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        catalogue: Catalogue,
        base: AidRecord | Meeting,
        mine: AidRecord | Meeting,
        theirs: AidRecord | Meeting,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("Changed while you were editing"))
        self.mine, self.theirs = mine, theirs
        names = {org.id: org.name for org in catalogue.organisations()}
        categories = {category.id: category.name for category in catalogue.categories()}
        sources = {source.id: source.title for source in catalogue.sources()}
        meeting = isinstance(mine, Meeting)
        if meeting:
            people = {person.id: person.name for person in catalogue.people()}
            records = _record_titles(catalogue, {*mine.record_ids, *theirs.record_ids})  # type: ignore[union-attr]
            show = _meeting_describer(people, records, sources, self.locale())
        else:
            show = _describer(names, categories, sources, self.locale())
        fields = MEETING_FIELDS if meeting else FIELDS
        self.fields = [f for f in fields if getattr(mine, f) != getattr(theirs, f)]
        what = (
            self.tr("{who} saved this meeting at {when}, after you opened it.")
            if meeting
            else self.tr("{who} saved this aid record at {when}, after you opened it.")
        )
        intro = QLabel(
            (
                what
                + " "
                + self.tr("Choose, for each field that now differs, which value to keep.")
            ).format(
                who=theirs.updated_by or self.tr("Someone"), when=local_time(theirs.updated_at)
            ),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.fields), 3, self)
        self.table.setObjectName("conflict_table")
        self.table.setAccessibleName(self.tr("Fields that differ"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Yours"), self.tr("In the file now")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the choices take the focus
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.choices: dict[str, QButtonGroup] = {}
        for row, field in enumerate(self.fields):
            label = QCoreApplication.translate(
                "ConflictDialog", str((_MEETING_LABELS if meeting else _LABELS)[field])
            )
            self.table.setItem(row, 0, QTableWidgetItem(label))
            group = QButtonGroup(self)
            texts = (show(field, getattr(mine, field)), show(field, getattr(theirs, field)))
            for column, text, short in zip((1, 2), texts, _excerpts(*texts), strict=True):
                side = self.tr("Yours") if column == 1 else self.tr("In the file now")
                choice = _Choice(short, f"{label}: {side}", self.table)
                choice.setToolTip(plain_tooltip(text) or "")
                choice.button.setObjectName(f"{field}_{'mine' if column == 1 else 'theirs'}")
                group.addButton(choice.button, column)
                self.table.setCellWidget(row, column, choice)
            # Theirs where only they changed the field; mine where I did.
            mine_changed = getattr(mine, field) != getattr(base, field)
            group.button(1 if mine_changed else 2).setChecked(True)
            self.choices[field] = group
        self.table.resizeColumnToContents(0)
        header.sectionResized.connect(self._fit_rows)
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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Each row as tall as its longer value, wrapped at its column's width (a view
        sizes rows by a cell widget's one-line size hint)."""
        for row in range(self.table.rowCount()):
            heights = [self.fontMetrics().height()]
            for column in (1, 2):
                widget = self.table.cellWidget(row, column)
                width = self.table.columnWidth(column)
                if isinstance(widget, _Choice) and width > 0:
                    heights.append(widget.heightForWidth(width))
            self.table.setRowHeight(row, max(heights) + 4)

    def _choose_all(self, column: int) -> None:
        for group in self.choices.values():
            group.button(column).setChecked(True)
        self.accept()

    def merged(self) -> AidRecord | Meeting:
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
        base: Row,
        mine: Row,
        theirs: Row,
    ) -> Row | None:
        """The record or meeting to save, or None to go back to the form."""
        dialog = cls(parent, catalogue, base, mine, theirs)
        merged = run_dialog(dialog, dialog.merged)
        assert merged is None or isinstance(merged, type(theirs))
        return merged


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


class _Choice(QWidget):
    """One side of a field: a radio button and the value beside it, wrapped; clicking the
    value chooses it too."""

    def __init__(self, text: str, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.button = QRadioButton(self)
        self.button.setAccessibleName(name)
        self.label = QLabel(text, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)

    def text(self) -> str:
        return self.label.text()

    def isChecked(self) -> bool:
        return self.button.isChecked()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.button.setChecked(True)
        super().mousePressEvent(event)


_MEETING_LABELS: dict[str, object] = {
    "title": QT_TRANSLATE_NOOP("ConflictDialog", "Title"),
    "starts_at": QT_TRANSLATE_NOOP("ConflictDialog", "Starts"),
    "ends_at": QT_TRANSLATE_NOOP("ConflictDialog", "Ends"),
    "place": QT_TRANSLATE_NOOP("ConflictDialog", "Place"),
    "participants": QT_TRANSLATE_NOOP("ConflictDialog", "Participants"),
    "topics": QT_TRANSLATE_NOOP("ConflictDialog", "Topics"),
    "minutes": QT_TRANSLATE_NOOP("ConflictDialog", "Minutes"),
    "actions": QT_TRANSLATE_NOOP("ConflictDialog", "Decisions and follow-ups"),
    "record_ids": QT_TRANSLATE_NOOP("ConflictDialog", "Aid discussed"),
    "source_ids": QT_TRANSLATE_NOOP("ConflictDialog", "Sources"),
}


# The longest value a choice shows in full; the whole of it is in its tooltip.
_LONGEST = 300


# How much of a long value is shown before the place where the two values differ.
_LEAD = 60


def _excerpts(mine: str, theirs: str) -> tuple[str, str]:
    """The two values, each shortened to show where they differ: a long text changed at
    its end shows its end."""
    common = 0
    for a, b in zip(mine, theirs, strict=False):
        if a != b:
            break
        common += 1
    start = max(0, common - _LEAD) if max(len(mine), len(theirs)) > _LONGEST else 0
    return _excerpt(mine, start), _excerpt(theirs, start)


def _excerpt(text: str, start: int) -> str:
    head = "…" if start > 0 else ""
    part = text[start:]
    return head + (part if len(part) <= _LONGEST else part[: _LONGEST - 1] + "…")


def _record_titles(catalogue: Catalogue, ids: set[int]) -> dict[int, str]:
    titles = {}
    for record_id in ids:
        try:
            titles[record_id] = catalogue.record(record_id).title
        except CatalogueError:  # deleted meanwhile: shown by its number
            continue
    return titles


def _meeting_describer(
    people: dict[int, str], records: dict[int, str], sources: dict[int, str], locale: QLocale
) -> Callable[[str, object], str]:
    def person(person_id: int | None) -> str:
        return "" if person_id is None else people.get(person_id, f"#{person_id}")

    def show(field: str, value: object) -> str:
        if value is None or value == () or value == "":
            return "—"
        if field in ("starts_at", "ends_at") and isinstance(value, str):
            return local_time(value) if "T" in value else value
        if field == "participants" and isinstance(value, tuple):
            return "; ".join(
                person(p.person_id) + (f" ({p.role})" if p.role else "")
                for p in value
                if isinstance(p, Participant)
            )
        if field == "actions" and isinstance(value, tuple):
            return "\n".join(_action(a, person) for a in value if isinstance(a, MeetingAction))
        if field in ("record_ids", "source_ids") and isinstance(value, tuple):
            titles = records if field == "record_ids" else sources
            return "; ".join(titles.get(i, f"#{i}") for i in value)
        if field == "topics" and isinstance(value, tuple):
            return ", ".join(str(topic) for topic in value)
        if field == "minutes":
            return str(value)
        return " ".join(str(value).split())

    return show


def _action(action: MeetingAction, person: Callable[[int | None], str]) -> str:
    done = "✓ " if action.done else ""
    parts = [done + " ".join(action.text.split())]
    if action.owner_id is not None:
        parts.append(person(action.owner_id))
    if action.due_on is not None:
        parts.append(action.due_on.isoformat())
    return " — ".join(parts)


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
            return _money(value, locale)
        if isinstance(value, tuple) and field == "tags":
            return ", ".join(str(tag) for tag in value)
        if isinstance(value, tuple) and field == "source_ids":
            return "; ".join(sources.get(i, f"#{i}") for i in value)
        if isinstance(value, tuple) and field == "stages":
            return "; ".join(_stage(stage, locale) for stage in value)
        return " ".join(str(value).split())

    return show


def _stage(stage: Stage, locale: QLocale) -> str:
    """A stage with everything the form edits: kind, date, quantity, amount, note."""
    parts = [stage_label(stage.kind), stage.date.iso()]
    if stage.quantity is not None:
        parts.append(locale.toString(stage.quantity))
    if stage.money is not None:
        parts.append(_money(stage.money, locale))
    if stage.note.strip():
        parts.append(f"({' '.join(stage.note.split())})")
    return " ".join(part for part in parts if part)


def _money(money: Money, locale: QLocale) -> str:
    """An amount with its value in euros and the rate that gave it, so that two amounts
    that differ only in their rate show differently."""
    text = format_money(money.amount_minor, money.currency, locale)
    if money.currency != "EUR" and money.value_eur_cents is not None:
        text += f" = {format_eur(money.value_eur_cents, locale)} @ {money.eur_rate}"
    return text
