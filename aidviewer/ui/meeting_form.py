"""The form of a meeting: when and where, who took part, what was discussed and decided,
and which aid records it was about; checked as it is typed, as the record form is."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aidviewer.editing import meeting_problems
from aidviewer.models.labels import problem_text
from aidviewer.store import (
    ActionKind,
    Catalogue,
    CatalogueError,
    Meeting,
    MeetingAction,
    Participant,
    RecordQuery,
)

from .dialogs import ask_unsaved, run_dialog
from .filter_dialogs import problem_and_buttons
from .form_parts import close_or_keep, name_picker, problem_label

FOUND_SHOWN = 30  # records a search in the picker lists


class MeetingForm(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        catalogue: Catalogue,
        meeting: Meeting,
        title: str,
        *,
        base: Meeting | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_form")
        self.setWindowTitle(title)
        self.catalogue = catalogue
        self.meeting = meeting
        # What the form counts changes from (see RecordForm.base).
        self.base = base if base is not None else meeting
        self.people = {person.id: person.name for person in catalogue.people()}
        self._person_ids = {name.casefold(): pid for pid, name in self.people.items()}
        self._problems: dict[str, QLabel] = {}

        self.title = QLineEdit(meeting.title, self)
        self.starts = QLineEdit(meeting.starts_at, self)
        self.starts.setPlaceholderText("2023-11-10T14:30")
        self.ends = QLineEdit(meeting.ends_at, self)
        self.ends.setPlaceholderText(self.tr("optional"))
        self.place = QLineEdit(meeting.place, self)
        self.participants = self._table(
            [self.tr("Person"), self.tr("Role in the meeting")], "meeting_participants"
        )
        self.participants.setColumnWidth(0, 240)
        for participant in meeting.participants:
            self._add_participant(participant)
        self.topics = QPlainTextEdit("\n".join(meeting.topics), self)
        self.topics.setTabChangesFocus(True)
        self.topics.setPlaceholderText(self.tr("one topic a line"))
        self.minutes = QPlainTextEdit(meeting.minutes, self)
        self.minutes.setTabChangesFocus(True)
        self.decisions = self._table(
            [self.tr("Kind"), self.tr("Text"), self.tr("Owner"), self.tr("Due"), self.tr("Done")],
            "meeting_actions",
        )
        # Room for a person's whole name, a date and a tick; the text takes the rest.
        for column, width in ((0, 100), (2, 190), (3, 95), (4, 45)):
            self.decisions.setColumnWidth(column, width)
        for action in meeting.actions:
            self._add_action(action)
        self.linked = QListWidget(self)
        self.linked.setObjectName("meeting_records")
        self.linked.setAccessibleName(self.tr("Aid records discussed"))
        for record_id in meeting.record_ids:
            self._link(record_id)
        self.search = QLineEdit(self)
        self.search.setObjectName("meeting_record_search")
        self.search.setPlaceholderText(self.tr("Search aid records to add…"))
        self.search.setAccessibleName(self.tr("Search aid records to add"))
        self.found = QListWidget(self)
        self.found.setObjectName("meeting_record_found")
        self.found.setAccessibleName(self.tr("Aid records found"))
        self.problem, self.buttons = problem_and_buttons(self)
        self.problem.setObjectName("meeting_problem")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Save"))
        self._lay_out()
        for edit in (self.title, self.starts, self.ends, self.place):
            edit.textChanged.connect(self._check)
        self.participants.itemChanged.connect(self._check)
        for text in (self.topics, self.minutes):
            text.textChanged.connect(self._check)
        self.decisions.itemChanged.connect(self._check)
        self.search.textChanged.connect(self._search)
        self.found.itemActivated.connect(
            lambda item: self._link(item.data(Qt.ItemDataRole.UserRole))
        )
        self.ask_unsaved = ask_unsaved  # tests replace this
        self.resize(820, 640)
        self._check()

    # -- building ---------------------------------------------------------------------------

    def _table(self, headers: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        return table

    def _person_combo(self, table: QTableWidget, person_id: int | None) -> QComboBox:
        names = sorted(self.people.values(), key=str.casefold)
        combo = name_picker(table, names, self.people.get(person_id or 0, ""))
        combo.setAccessibleName(self.tr("Person"))
        combo.currentTextChanged.connect(self._check)
        return combo

    def _add_participant(self, participant: Participant | None = None) -> None:
        table = self.participants
        row = table.rowCount()
        table.insertRow(row)
        table.setCellWidget(
            row, 0, self._person_combo(table, participant.person_id if participant else None)
        )
        table.setItem(row, 1, QTableWidgetItem(participant.role if participant else ""))
        self._check()

    def _add_action(self, action: MeetingAction | None = None) -> None:
        table = self.decisions
        row = table.rowCount()
        table.insertRow(row)
        kind = QComboBox(table)
        kind.setAccessibleName(self.tr("Decision or follow-up"))
        kind.addItem(self.tr("Decision"), ActionKind.DECISION)
        kind.addItem(self.tr("Follow-up"), ActionKind.FOLLOW_UP)
        kind.setCurrentIndex(1 if action and action.kind is ActionKind.FOLLOW_UP else 0)
        kind.currentIndexChanged.connect(self._check)
        table.setCellWidget(row, 0, kind)
        text = QTableWidgetItem(action.text if action else "")
        text.setData(Qt.ItemDataRole.UserRole, action)  # keeps the action's id
        table.setItem(row, 1, text)
        table.setCellWidget(row, 2, self._person_combo(table, action.owner_id if action else None))
        due = action.due_on.isoformat() if action and action.due_on else ""
        table.setItem(row, 3, QTableWidgetItem(due))
        done = QCheckBox(table)
        done.setAccessibleName(self.tr("Done"))
        done.setChecked(bool(action and action.done))
        done.toggled.connect(self._check)
        table.setCellWidget(row, 4, done)
        self._check()

    def _link(self, record_id: int) -> None:
        ids = self._linked_ids()
        if record_id in ids:
            return
        try:
            title = self.catalogue.record(record_id).title
        except CatalogueError:
            title = self.tr("(aid record #{id}, no longer there)").format(id=record_id)
        item = QListWidgetItem(f"#{record_id} {title}", self.linked)
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        self._check()

    def _unlink(self) -> None:
        for item in self.linked.selectedItems():
            self.linked.takeItem(self.linked.row(item))
        self._check()

    def _search(self, text: str) -> None:
        self.found.clear()
        if not text.strip():
            return
        try:
            rows = self.catalogue.record_rows(RecordQuery(search=text), FOUND_SHOWN)
        except CatalogueError:
            return
        for row in rows:
            item = QListWidgetItem(f"#{row.id} {row.title}", self.found)
            item.setData(Qt.ItemDataRole.UserRole, row.id)

    def _lay_out(self) -> None:
        tabs = QTabWidget(self)
        general = QWidget(tabs)
        form = QFormLayout(general)
        for label, widget, name in (
            (self.tr("&Title:"), self.title, "title"),
            (self.tr("&Starts:"), self.starts, "starts_at"),
            (self.tr("&Ends:"), self.ends, "ends_at"),
            (self.tr("&Place:"), self.place, None),
        ):
            caption = QLabel(label, general)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
            if name is not None:
                self._problem_row(form, name, general)
        form.addRow(self.tr("Participants:"), self.participants)
        add = QPushButton(self.tr("Add Participant"), general)
        add.clicked.connect(lambda: self._add_participant())
        remove = QPushButton(self.tr("Remove"), general)
        remove.clicked.connect(lambda: self._remove_row(self.participants))
        form.addRow("", _row_of(add, remove))
        self._problem_row(form, "participants", general)
        tabs.addTab(general, self.tr("&Meeting"))

        talk = QWidget(tabs)
        talk_form = QFormLayout(talk)
        talk_form.addRow(self.tr("Topics:"), self.topics)
        talk_form.addRow(self.tr("Minutes:"), self.minutes)
        talk_form.addRow(self.tr("Decisions and follow-ups:"), self.decisions)
        add_action = QPushButton(self.tr("Add Decision or Follow-up"), talk)
        add_action.clicked.connect(lambda: self._add_action())
        remove_action = QPushButton(self.tr("Remove"), talk)
        remove_action.clicked.connect(lambda: self._remove_row(self.decisions))
        talk_form.addRow("", _row_of(add_action, remove_action))
        self._problem_row(talk_form, "actions", talk)
        tabs.addTab(talk, self.tr("Minutes and &decisions"))

        records = QWidget(tabs)
        records_layout = QVBoxLayout(records)
        records_layout.addWidget(QLabel(self.tr("Aid records discussed:"), records))
        records_layout.addWidget(self.linked)
        unlink = QPushButton(self.tr("Remove from the meeting"), records)
        unlink.clicked.connect(self._unlink)
        records_layout.addWidget(_row_of(unlink))
        records_layout.addWidget(self.search)
        records_layout.addWidget(self.found)
        hint = QLabel(self.tr("Double-click a record found, or press Enter on it, to add it."))
        records_layout.addWidget(hint)
        tabs.addTab(records, self.tr("&Aid records"))

        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _problem_row(self, form: QFormLayout, name: str, parent: QWidget) -> None:
        problem = problem_label(parent, name)
        form.addRow("", problem)
        self._problems[name] = problem

    def _remove_row(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)
            self._check()

    # -- reading and checking ---------------------------------------------------------------

    def _linked_ids(self) -> list[int]:
        return [
            self.linked.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.linked.count())
        ]

    def _person(self, combo: QWidget | None, problems: dict[str, str], field: str) -> int | None:
        text = combo.currentText().strip() if isinstance(combo, QComboBox) else ""
        if not text:
            return None
        found = self._person_ids.get(text.casefold())
        if found is None:
            problems.setdefault(field, self.tr("No one is named “{name}”.").format(name=text))
        return found

    def _read(self) -> tuple[Meeting, dict[str, str]]:
        problems: dict[str, str] = {}
        participants = []
        for row in range(self.participants.rowCount()):
            person = self._person(self.participants.cellWidget(row, 0), problems, "participants")
            role = self.participants.item(row, 1)
            if person is not None:
                participants.append(
                    Participant(person_id=person, role=role.text().strip() if role else "")
                )
        actions = []
        for row in range(self.decisions.rowCount()):
            kind = self.decisions.cellWidget(row, 0)
            text = self.decisions.item(row, 1)
            due_text = (self.decisions.item(row, 3) or QTableWidgetItem()).text().strip()
            done = self.decisions.cellWidget(row, 4)
            kept = text.data(Qt.ItemDataRole.UserRole) if text is not None else None
            try:
                due = date.fromisoformat(due_text) if due_text else None
            except ValueError:
                problems.setdefault(
                    "actions",
                    self.tr("“{date}” is not a date such as 2023-12-01.").format(date=due_text),
                )
                due = None
            action = MeetingAction(
                id=kept.id if isinstance(kept, MeetingAction) else 0,
                kind=ActionKind(kind.currentData())
                if isinstance(kind, QComboBox)
                else ActionKind.DECISION,
                text=text.text() if text is not None else "",
                owner_id=self._person(self.decisions.cellWidget(row, 2), problems, "actions"),
                due_on=due,
                done=isinstance(done, QCheckBox) and done.isChecked(),
            )
            actions.append(action)
        meeting = dataclasses.replace(
            self.meeting,
            title=self.title.text().strip(),
            starts_at=self.starts.text().strip(),
            ends_at=self.ends.text().strip(),
            place=self.place.text().strip(),
            participants=tuple(participants),
            topics=tuple(
                line.strip() for line in self.topics.toPlainText().splitlines() if line.strip()
            ),
            minutes=self.minutes.toPlainText(),
            actions=tuple(actions),
            record_ids=tuple(self._linked_ids()),
        )
        return meeting, problems

    def _check(self) -> None:
        if not hasattr(self, "buttons"):  # rows added while the form is being built
            return
        meeting, problems = self._read()
        for problem in meeting_problems(meeting):
            problems.setdefault(problem.field, problem_text(problem))
        for name, label in self._problems.items():
            text = problems.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
        first = next(iter(problems.values()), "")
        self.problem.setText(self.tr("Cannot save yet: {why}").format(why=first) if first else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        self._valid = meeting if not problems else None

    def changed(self) -> bool:
        return self._read()[0] != self.base

    def reject(self) -> None:
        """Closing with changes asks Save, Discard or Cancel."""
        close_or_keep(self, self.changed(), self.value() is not None, self.ask_unsaved,
                      super().reject)  # fmt: skip

    def value(self) -> Meeting | None:
        """The meeting as the person made it; None while a problem remains."""
        self._check()  # read again: the form is what counts, not the last check
        return self._valid

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        catalogue: Catalogue,
        meeting: Meeting,
        title: str,
        *,
        base: Meeting | None = None,
    ) -> Meeting | None:
        form = cls(parent, catalogue, meeting, title, base=base)
        return run_dialog(form, form.value)


def _row_of(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch()
    return holder
