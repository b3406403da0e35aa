"""The forms of an organisation, a person and a source, checked as they are typed.

As in the record form, each problem shows in red beside its field and Save stays disabled,
saying why, until there is none; the rules are those of aidviewer.editing.directory_rules,
which any other way of changing the directory asks too. Each form edits a copy: `ask`
returns the changed organisation, person or source (same id and version, so that the store
can tell a stale save) or None.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aidviewer.editing.directory_rules import (
    known_countries,
    organisation_problems,
    person_problems,
    source_problems,
)
from aidviewer.editing.rules import Problem
from aidviewer.models.directory import organisation_kind_label
from aidviewer.models.labels import problem_text
from aidviewer.store import (
    Catalogue,
    FuzzyDate,
    Organisation,
    OrganisationKind,
    Person,
    Source,
    SourceKind,
)

from .dialogs import ask_unsaved, run_dialog
from .filter_dialogs import problem_and_buttons
from .form_parts import close_or_keep, name_picker, organisation_ids, problem_label

DASH = "\N{EM DASH}"  # between a country's code and its name: "CZ — Czechia"


@cache
def _countries() -> dict[str, str]:
    """Each ISO 3166-1 alpha-2 code with the name people use ("Bolivia", not "Bolivia,
    Plurinational State of")."""
    import pycountry  # loaded when a form first lists the countries, not at start-up

    return {
        country.alpha_2: getattr(country, "common_name", country.name)
        for country in sorted(pycountry.countries, key=lambda c: c.alpha_2)
    }


@cache
def _country_names() -> dict[str, str]:
    """Every name of a country, casefolded, to its code: typing "Czech Republic" or
    "Czechia" gives CZ."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                names.setdefault(name.casefold(), country.alpha_2)
    return names


def country_text(code: str | None) -> str:
    """What the country field shows for `code`: "CZ — Czechia", or what was stored."""
    if not code:
        return ""
    name = _countries().get(code.upper())
    return f"{code.upper()} {DASH} {name}" if name else code


def country_code(text: str) -> str | None:
    """The code the country field means: from "CZ — Czechia", "cz" or "Czechia". Text
    that names no country is returned as it is, for the rules to say so."""
    text = text.strip()
    if not text:
        return None
    code = text.split(DASH, 1)[0].strip().upper()
    if code in known_countries():
        return code
    return _country_names().get(text.casefold(), text)


def choose_file(parent: QWidget | None, current: str) -> str | None:
    """The file a source is kept in, or None when the person cancels."""
    title = QCoreApplication.translate("SourceForm", "Source File")
    name, _ = QFileDialog.getOpenFileName(parent, title, current)
    return name or None


class _DirectoryForm(QDialog):
    """What the three forms share: labelled rows, each with its problem line, the line that
    says why Save is disabled, and asking before closing with changes."""

    def __init__(self, parent: QWidget | None, prefix: str, title: str, original: object) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}_form")
        self.setWindowTitle(title)
        self._original = original
        self._problems: dict[str, QLabel] = {}
        self._valid: object | None = None
        self._form = QFormLayout()
        self.problem, self.buttons = problem_and_buttons(self)
        self.problem.setObjectName(f"{prefix}_problem")
        self.problem.setWordWrap(True)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("&Save"))
        self.ask_unsaved = ask_unsaved  # tests replace this

    def _row(self, label: str, field: QWidget, name: str | None = None,
             buddy: QWidget | None = None) -> None:  # fmt: skip
        """A labelled row; the label's mnemonic (&N) moves to `buddy`, or to the field.
        With a `name`, the field's problem shows just below it, in the same cell: a
        wrapped label in a row of its own gets the height of two lines even for one."""
        caption = QLabel(label, self)
        caption.setBuddy(buddy if buddy is not None else field)
        if name is None:
            self._form.addRow(caption, field)
            return
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        problem = problem_label(cell, name)
        problem.setWordWrap(True)
        column.addWidget(problem)
        self._form.addRow(caption, cell)
        self._problems[name] = problem

    def _finish(self, width: int) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addStretch()
        layout.addSpacing(6)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(width, self.sizeHint().height())
        self._check()

    # -- what each form defines -------------------------------------------------------------

    def _read(self) -> tuple[object, dict[str, str]]:
        """The edited copy as the form shows it, and the problems found reading it."""
        raise NotImplementedError

    def _rules(self, value: object) -> list[Problem]:
        raise NotImplementedError

    # -- checking ---------------------------------------------------------------------------

    def _check(self) -> None:
        value, problems = self._read()
        for problem in self._rules(value):
            problems.setdefault(problem.field, problem_text(problem))
        for name, label in self._problems.items():
            text = problems.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
        # The first problem in the order of the fields, as the person reads the form.
        order = list(self._problems)
        fields = sorted(problems, key=lambda f: order.index(f) if f in order else len(order))
        first = problems[fields[0]] if fields else ""
        self.problem.setText(self.tr("Cannot save yet: {why}").format(why=first) if first else "")
        self.save_button.setEnabled(not problems)
        self._valid = value if not problems else None
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every problem line. A window's minimum size ignores the height a
        word-wrapped label needs at its width (Qt's top-level layouts do not use
        heightForWidth), so without this a long problem would overlap the fields below."""
        layout = self.layout()
        if layout is None:  # still being built
            return
        layout.activate()
        needed = self.heightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _checked(self) -> object | None:
        self._check()  # read again: the form is what counts, not the last check
        return self._valid

    def changed(self) -> bool:
        """Whether the form shows anything other than what it opened with. Text that could
        not be read (a bad date, an unknown organisation) is a change: it was typed."""
        value, problems = self._read()
        return value != self._original or bool(problems)

    def reject(self) -> None:
        """Closing with changes asks Save, Discard or Cancel: typed work is not lost to a
        stray Escape."""
        close_or_keep(self, self.changed(), self._checked() is not None, self.ask_unsaved,
                      super().reject)  # fmt: skip


class OrganisationForm(_DirectoryForm):
    def __init__(
        self,
        parent: QWidget | None,
        catalogue: Catalogue,
        org: Organisation,
        title: str,
    ) -> None:
        super().__init__(parent, "organisation", title, org)
        self.org = org
        self._others = catalogue.organisations()
        self.name = QLineEdit(org.name, self)
        self.kind = QComboBox(self)
        for kind in OrganisationKind:
            self.kind.addItem(organisation_kind_label(kind), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(org.kind)))
        countries = [f"{code} {DASH} {name}" for code, name in _countries().items()]
        self.country = name_picker(self, countries, country_text(org.country))
        self.country.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        country_edit = self.country.lineEdit()
        if country_edit is not None:  # always: name_picker's combo is editable
            country_edit.setPlaceholderText(self.tr("code or name, such as CZ or Czechia"))
        self.iati_id = QLineEdit(org.iati_id or "", self)
        self.iati_id.setPlaceholderText(self.tr("such as XM-DAC-41114"))
        self.aliases = QPlainTextEdit("\n".join(org.aliases), self)
        self.aliases.setTabChangesFocus(True)
        self.aliases.setPlaceholderText(self.tr("One a line, such as Czech Republic"))
        self.aliases.setFixedHeight(90)

        self._row(self.tr("&Name:"), self.name, "name")
        self._row(self.tr("&Kind:"), self.kind)
        self._row(self.tr("Co&untry:"), self.country, "country")
        self._row(self.tr("&IATI identifier:"), self.iati_id)
        self._row(self.tr("&Other names:"), self.aliases, "aliases")
        for edit in (self.name, self.iati_id):
            edit.textChanged.connect(self._check)
        self.kind.currentIndexChanged.connect(self._check)
        self.country.currentTextChanged.connect(self._check)
        self.aliases.textChanged.connect(self._check)
        self._finish(520)

    def _read(self) -> tuple[object, dict[str, str]]:
        lines = (line.strip() for line in self.aliases.toPlainText().splitlines())
        org = dataclasses.replace(
            self.org,
            name=self.name.text().strip(),
            kind=OrganisationKind(self.kind.currentData()),
            country=country_code(self.country.currentText()),
            iati_id=self.iati_id.text().strip() or None,
            aliases=tuple(dict.fromkeys(line for line in lines if line)),
        )
        return org, {}

    def _rules(self, value: object) -> list[Problem]:
        assert isinstance(value, Organisation)
        return organisation_problems(value, self._others)

    def value(self) -> Organisation | None:
        """The organisation as the person made it; None while a problem remains."""
        valid = self._checked()
        return valid if isinstance(valid, Organisation) else None

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        catalogue: Catalogue,
        org: Organisation,
        title: str,
        *,
        base: Organisation | None = None,
    ) -> Organisation | None:
        form = cls(parent, catalogue, org, title)
        if base is not None:  # changes count from the row as read (see RecordForm.base)
            form._original = base
        return run_dialog(form, form.value)


class PersonForm(_DirectoryForm):
    def __init__(
        self, parent: QWidget | None, catalogue: Catalogue, person: Person, title: str
    ) -> None:
        super().__init__(parent, "person", title, person)
        self.person = person
        orgs = catalogue.organisations()
        org_names = {org.id: org.name for org in orgs}
        # An organisation is found by its name or any other name, as in the record form.
        self._org_ids = organisation_ids(orgs)
        self.name = QLineEdit(person.name, self)
        self.role = QLineEdit(person.role, self)
        self.role.setPlaceholderText(self.tr("such as Minister of National Defence"))
        self.organisation = name_picker(
            self,
            sorted(org_names.values(), key=str.casefold),
            org_names.get(person.organisation_id or 0, ""),
        )
        self._row(self.tr("&Name:"), self.name, "name")
        self._row(self.tr("&Role:"), self.role)
        self._row(self.tr("&Organisation:"), self.organisation, "organisation")
        for edit in (self.name, self.role):
            edit.textChanged.connect(self._check)
        self.organisation.currentTextChanged.connect(self._check)
        self._finish(520)

    def _read(self) -> tuple[object, dict[str, str]]:
        problems: dict[str, str] = {}
        text = self.organisation.currentText().strip()
        org_id = self._org_ids.get(text.casefold()) if text else None
        if text and org_id is None:
            problems["organisation"] = self.tr("No organisation is named “{name}”.").format(
                name=text
            )
        person = dataclasses.replace(
            self.person,
            name=self.name.text().strip(),
            role=self.role.text().strip(),
            organisation_id=org_id,
        )
        return person, problems

    def _rules(self, value: object) -> list[Problem]:
        assert isinstance(value, Person)
        return person_problems(value)

    def value(self) -> Person | None:
        """The person as the form shows them; None while a problem remains."""
        valid = self._checked()
        return valid if isinstance(valid, Person) else None

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        catalogue: Catalogue,
        person: Person,
        title: str,
        *,
        base: Person | None = None,
    ) -> Person | None:
        form = cls(parent, catalogue, person, title)
        if base is not None:  # changes count from the row as read (see RecordForm.base)
            form._original = base
        return run_dialog(form, form.value)


class SourceForm(_DirectoryForm):
    def __init__(
        self, parent: QWidget | None, catalogue: Catalogue, source: Source, title: str
    ) -> None:
        super().__init__(parent, "source", title, source)
        self.source = source
        self.title = QLineEdit(source.title, self)
        self.kind = QComboBox(self)
        for kind, label in self._kind_labels().items():
            self.kind.addItem(label, kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(source.kind)))
        self.publisher = QLineEdit(source.publisher, self)
        # Publishers are mostly organisations already in the catalogue.
        publishers = {org.name for org in catalogue.organisations()}
        publishers.update(s.publisher for s in catalogue.sources() if s.publisher)
        completer = QCompleter(sorted(publishers, key=str.casefold), self.publisher)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.publisher.setCompleter(completer)
        self.published = QLineEdit(source.published.iso(), self)
        self.published.setPlaceholderText(self.tr("2023-11-10, 2023-11 or 2023"))
        self.url = QLineEdit(source.url, self)
        self.url.setPlaceholderText("https://…")
        self.file_path = QLineEdit(source.file_path, self)
        self.choose_button = QPushButton(self.tr("C&hoose…"), self)
        self.choose_button.clicked.connect(self._choose)
        self.choose_file: Callable[[QWidget | None, str], str | None] = choose_file
        file_row = QWidget(self)
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.file_path)
        file_layout.addWidget(self.choose_button)

        self._row(self.tr("&Title:"), self.title, "title")
        self._row(self.tr("&Kind:"), self.kind)
        self._row(self.tr("&Publisher:"), self.publisher)
        self._row(self.tr("&Date published:"), self.published, "published")
        self._row(self.tr("&Web address:"), self.url, "url")
        self._row(self.tr("&File:"), file_row, None, self.file_path)
        for edit in (self.title, self.publisher, self.published, self.url, self.file_path):
            edit.textChanged.connect(self._check)
        self.kind.currentIndexChanged.connect(self._check)
        self._finish(560)

    def _kind_labels(self) -> dict[SourceKind, str]:
        return {
            SourceKind.PRESS_RELEASE: self.tr("Press release"),
            SourceKind.ARTICLE: self.tr("Article"),
            SourceKind.OFFICIAL_DOCUMENT: self.tr("Official document"),
            SourceKind.DATA_FILE: self.tr("Data file"),
            SourceKind.OTHER: self.tr("Other"),
        }

    def _choose(self) -> None:
        chosen = self.choose_file(self, self.file_path.text())
        if chosen:
            self.file_path.setText(chosen)

    def _read(self) -> tuple[object, dict[str, str]]:
        problems: dict[str, str] = {}
        text = self.published.text().strip()
        try:
            published = FuzzyDate.parse(text)
        except ValueError:  # not ISO 8601, or no such day (2023-02-30)
            problems["published"] = self.tr(
                "“{date}” is not a date such as 2023-11-10, 2023-11 or 2023."
            ).format(date=text)
            published = self.source.published
        source = dataclasses.replace(
            self.source,
            title=self.title.text().strip(),
            kind=SourceKind(self.kind.currentData()),
            publisher=self.publisher.text().strip(),
            published=published,
            url=self.url.text().strip(),
            file_path=self.file_path.text().strip(),
        )
        return source, problems

    def _rules(self, value: object) -> list[Problem]:
        assert isinstance(value, Source)
        return source_problems(value)

    def value(self) -> Source | None:
        """The source as the form shows it; None while a problem remains."""
        valid = self._checked()
        return valid if isinstance(valid, Source) else None

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        catalogue: Catalogue,
        source: Source,
        title: str,
        *,
        base: Source | None = None,
    ) -> Source | None:
        form = cls(parent, catalogue, source, title)
        if base is not None:  # changes count from the row as read (see RecordForm.base)
            form._original = base
        return run_dialog(form, form.value)
