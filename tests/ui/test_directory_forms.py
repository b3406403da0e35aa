"""The organisation, person and source forms, typed into as a person would, over the real
sample catalogue: each problem shows beside its field and keeps Save disabled until it is
fixed, and `ask` gives back the edited copy with its id and version."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from aidviewer.store import (
    Catalogue,
    FuzzyDate,
    Organisation,
    OrganisationKind,
    Person,
    Precision,
    Source,
    SourceKind,
)
from aidviewer.ui.directory_forms import OrganisationForm, PersonForm, SourceForm

# The offscreen platform says so when a dialog or a completer's list pops up.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture
def catalogue(sample_path: Path) -> Iterator[Catalogue]:
    with Catalogue.open(sample_path) as catalogue:
        yield catalogue


def _org(catalogue: Catalogue, name: str) -> Organisation:
    found = catalogue.find_organisation(name)
    assert found is not None
    return found


def _problem(form: QWidget, field: str) -> QLabel:
    label = form.findChild(QLabel, f"problem_{field}")
    assert isinstance(label, QLabel)
    return label


def _shown(form: QWidget, field: str) -> str:
    """The problem beside `field`, or "" while it is hidden."""
    label = _problem(form, field)
    return label.text() if label.isVisibleTo(form) else ""


def _type_lines(qtbot: QtBot, edit: QPlainTextEdit, *lines: str) -> None:
    """Type `lines` into `edit`, pressing Return between them: QTest aborts on a newline
    in keyClicks."""
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.keyClicks(edit, line)


def _organisation_form(qtbot: QtBot, catalogue: Catalogue, org: Organisation) -> OrganisationForm:
    form = OrganisationForm(None, catalogue, org, "Organisation")
    form.ask_unsaved = lambda parent: "discard"
    qtbot.addWidget(form)
    return form


# -- organisations ----------------------------------------------------------------------------


def test_a_new_organisation_is_typed_checked_and_made(qtbot: QtBot, catalogue: Catalogue) -> None:
    form = _organisation_form(qtbot, catalogue, Organisation(name=""))
    assert form.objectName() == "organisation_form"
    assert not form.save_button.isEnabled()
    assert form.save_button.text() == "&Save"
    assert form.problem.text() == "Cannot save yet: An organisation needs a name."
    assert _shown(form, "name") == "An organisation needs a name."

    qtbot.keyClicks(form.name, "Kingdom of norway")  # Norway's other name in the sample
    assert _shown(form, "name") == "“Kingdom of norway” is already another name of “Norway”."
    assert form.problem.text() == (
        "Cannot save yet: “Kingdom of norway” is already another name of “Norway”."
    )
    assert not form.save_button.isEnabled()
    assert form.value() is None

    form.name.clear()
    qtbot.keyClicks(form.name, "Czechia")
    form.kind.setCurrentIndex(form.kind.findData(OrganisationKind.GOVERNMENT))
    qtbot.keyClicks(form.country, "cz")
    qtbot.keyClicks(form.iati_id, "XM-CZ-1")
    _type_lines(qtbot, form.aliases, "Czech Republic", "", "  Cesko ")
    assert _shown(form, "name") == ""
    assert form.problem.text() == ""
    assert form.save_button.isEnabled()
    assert form.value() == Organisation(
        name="Czechia",
        kind=OrganisationKind.GOVERNMENT,
        country="CZ",
        iati_id="XM-CZ-1",
        aliases=("Czech Republic", "Cesko"),
    )


def test_a_name_or_other_name_of_another_organisation_is_refused(
    qtbot: QtBot, catalogue: Catalogue
) -> None:
    czechia = catalogue.add_organisation(
        Organisation(name="Czechia", country="CZ", aliases=("Czech Republic",))
    )
    form = _organisation_form(qtbot, catalogue, Organisation(name=""))
    qtbot.keyClicks(form.name, "czech republic")
    assert _shown(form, "name") == "“czech republic” is already another name of “Czechia”."
    assert not form.save_button.isEnabled()

    # Czechia itself may keep both of its names.
    own = _organisation_form(qtbot, catalogue, czechia)
    assert own.save_button.isEnabled()
    assert own.value() == czechia
    assert not own.changed()
    own.aliases.moveCursor(QTextCursor.MoveOperation.End)
    _type_lines(qtbot, own.aliases, "", "Ukrainian troops")
    assert _shown(own, "aliases") == (
        "“Ukrainian troops” is already another name of “Armed Forces of Ukraine”."
    )
    assert not own.save_button.isEnabled()


def test_an_other_name_equal_to_the_name_is_refused(qtbot: QtBot, catalogue: Catalogue) -> None:
    norway = _org(catalogue, "Norway")
    form = _organisation_form(qtbot, catalogue, norway)
    assert form.aliases.toPlainText() == "Kingdom of Norway"
    form.aliases.moveCursor(QTextCursor.MoveOperation.End)
    _type_lines(qtbot, form.aliases, "", "norway")
    assert _shown(form, "aliases") == "“norway” is this organisation's own name, not another name."
    assert not form.save_button.isEnabled()
    form.aliases.setPlainText("Kingdom of Norway\nNorge")
    assert _shown(form, "aliases") == ""
    value = form.value()
    assert value is not None
    assert value.aliases == ("Kingdom of Norway", "Norge")
    assert (value.id, value.version) == (norway.id, norway.version)


def test_the_country_shows_its_name_and_stores_its_code(qtbot: QtBot, catalogue: Catalogue) -> None:
    norway = _org(catalogue, "Norway")
    form = _organisation_form(qtbot, catalogue, norway)
    assert form.country.currentText() == "NO — Norway"
    assert form.country.findText("CZ — Czechia") > 0
    assert form.country.findText("UA — Ukraine") > 0
    for text, code in [
        ("CZ — Czechia", "CZ"),
        ("ua", "UA"),
        ("Czech Republic", "CZ"),  # the official name finds the code too
        ("", None),
    ]:
        form.country.setCurrentText(text)
        value = form.value()
        assert value is not None, text
        assert value.country == code
    form.country.setCurrentText("")
    qtbot.keyClicks(form.country, "ZZ")
    assert _shown(form, "country") == "“ZZ” is not an ISO 3166-1 country code such as CZ."
    assert not form.save_button.isEnabled()
    assert form.value() is None


def test_the_kinds_have_readable_labels(qtbot: QtBot, catalogue: Catalogue) -> None:
    form = _organisation_form(qtbot, catalogue, _org(catalogue, "Armed Forces of Ukraine"))
    labels = [form.kind.itemText(i) for i in range(form.kind.count())]
    assert "Armed forces" in labels
    assert "International organisation" in labels
    assert form.kind.currentText() == "Armed forces"
    assert [form.kind.itemData(i) for i in range(form.kind.count())] == list(OrganisationKind)


def test_labels_move_focus_to_their_fields(qtbot: QtBot, catalogue: Catalogue) -> None:
    form = _organisation_form(qtbot, catalogue, Organisation(name=""))
    buddies = {label.text(): label.buddy() for label in form.findChildren(QLabel) if label.buddy()}
    assert buddies == {
        "&Name:": form.name,
        "&Kind:": form.kind,
        "Co&untry:": form.country,
        "&IATI identifier:": form.iati_id,
        "&Other names:": form.aliases,
    }
    assert _problem(form, "name").textFormat() == Qt.TextFormat.PlainText


# -- people -----------------------------------------------------------------------------------


def test_a_person_is_checked_and_found_by_organisation(qtbot: QtBot, catalogue: Catalogue) -> None:
    person = next(p for p in catalogue.people() if p.name == "Arvydas Anušauskas")
    form = PersonForm(None, catalogue, person, "Person")
    form.ask_unsaved = lambda parent: "discard"
    qtbot.addWidget(form)
    assert form.objectName() == "person_form"
    assert form.organisation.currentText() == (
        "Ministry of National Defence of the Republic of Lithuania"
    )
    assert form.value() == person

    form.organisation.setCurrentText("")
    qtbot.keyClicks(form.organisation, "Nobody")
    assert _shown(form, "organisation") == "No organisation is named “Nobody”."
    assert form.problem.text() == "Cannot save yet: No organisation is named “Nobody”."
    assert not form.save_button.isEnabled()
    assert form.changed()  # typed text that names no one is still a change

    form.organisation.setCurrentText("ukrainian troops")  # another name finds it
    form.name.clear()
    assert _shown(form, "name") == "A person needs a name."
    assert not form.save_button.isEnabled()
    qtbot.keyClicks(form.name, "Rasa Jukneviciene")
    form.role.setText("Member of the Seimas")
    assert form.save_button.isEnabled()
    armed_forces = _org(catalogue, "Armed Forces of Ukraine")
    value = form.value()
    assert value == Person(
        id=person.id,
        version=person.version,
        name="Rasa Jukneviciene",
        role="Member of the Seimas",
        organisation_id=armed_forces.id,
        created_at=person.created_at,
        updated_at=person.updated_at,
        updated_by=person.updated_by,
    )
    form.organisation.setCurrentText("")
    assert form.value() is not None
    assert form.value().organisation_id is None  # type: ignore[union-attr]


# -- sources ----------------------------------------------------------------------------------


def test_a_source_date_and_web_address_are_checked(qtbot: QtBot, catalogue: Catalogue) -> None:
    form = SourceForm(None, catalogue, Source(title=""), "Source")
    form.ask_unsaved = lambda parent: "discard"
    qtbot.addWidget(form)
    assert form.objectName() == "source_form"
    assert form.problem.text() == "Cannot save yet: A source needs a title."
    qtbot.keyClicks(form.title, "Lithuanian Aid to Ukraine Continues")
    form.kind.setCurrentIndex(form.kind.findData(SourceKind.PRESS_RELEASE))
    assert form.kind.currentText() == "Press release"
    qtbot.keyClicks(form.publisher, "Ministry of National Defence")

    qtbot.keyClicks(form.published, "2023-13")
    assert _shown(form, "published") == (
        "“2023-13” is not a date such as 2023-11-10, 2023-11 or 2023."
    )
    assert not form.save_button.isEnabled()
    form.published.setText("2023-11")
    assert _shown(form, "published") == ""

    qtbot.keyClicks(form.url, "kam.lt")
    assert _shown(form, "url") == (
        "A web address starts with http:// or https://, such as https://kam.lt."
    )
    assert not form.save_button.isEnabled()
    assert form.value() is None
    form.url.setText("https://kam.lt/en/news")
    form.choose_file = lambda parent, current: "/home/rasa/release.pdf"
    form.choose_button.click()
    assert form.file_path.text() == "/home/rasa/release.pdf"
    assert form.save_button.isEnabled()
    assert form.value() == Source(
        title="Lithuanian Aid to Ukraine Continues",
        kind=SourceKind.PRESS_RELEASE,
        publisher="Ministry of National Defence",
        published=FuzzyDate.parse("2023-11"),
        url="https://kam.lt/en/news",
        file_path="/home/rasa/release.pdf",
    )
    value = form.value()
    assert value is not None
    assert value.published.precision is Precision.MONTH


# -- closing and asking -----------------------------------------------------------------------


def test_closing_with_changes_asks_and_cancel_keeps_the_form(
    qtbot: QtBot, catalogue: Catalogue
) -> None:
    form = _organisation_form(qtbot, catalogue, _org(catalogue, "Norway"))
    asked: list[QWidget | None] = []

    def answer(reply: str) -> Callable[[QWidget | None], str]:
        def ask(parent: QWidget | None) -> str:
            asked.append(parent)
            return reply

        return ask

    form.show()
    form.ask_unsaved = answer("cancel")
    form.reject()  # nothing changed: closes without asking
    assert asked == []
    assert not form.isVisible()

    form.show()
    qtbot.keyClicks(form.name, " (Government)")
    form.reject()
    assert asked == [form]
    assert form.isVisible()
    form.ask_unsaved = answer("discard")
    form.reject()
    assert len(asked) == 2
    assert not form.isVisible()


def test_a_date_that_cannot_be_read_is_still_a_change(qtbot: QtBot, catalogue: Catalogue) -> None:
    source = catalogue.sources()[0]
    assert source.published == FuzzyDate.parse("2023-11-10")
    form = SourceForm(None, catalogue, source, "Source")
    qtbot.addWidget(form)
    asked: list[QWidget | None] = []
    form.ask_unsaved = lambda parent: asked.append(parent) or "cancel"
    form.show()
    form.published.setText("10.11.2023")  # read as nothing: the source's own date is kept
    assert form.changed()
    form.reject()
    assert asked == [form]
    assert form.isVisible()  # what was typed is not thrown away unasked
    form.ask_unsaved = lambda parent: "discard"


Drive = Callable[[QWidget], None]


def _when_shown(drive: Drive) -> None:
    """Once the form opens, `drive` works it. A form `drive` left open (a failed check in
    it) is closed, or `exec` would wait for ever; pytest-qt still fails the test."""

    def run() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, QDialog)
        try:
            assert isinstance(form, OrganisationForm | PersonForm | SourceForm)
            form.ask_unsaved = lambda parent: "discard"
            drive(form)
        finally:
            if form.isVisible():
                form.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)


def _accept_when_shown(fill: Drive) -> None:
    """Once the form opens, `fill` types into it and Save is clicked."""

    def drive(form: QWidget) -> None:
        assert isinstance(form, OrganisationForm | PersonForm | SourceForm)
        fill(form)
        assert form.save_button.isEnabled(), form.problem.text()
        form.save_button.click()

    _when_shown(drive)


def test_ask_gives_back_the_edited_organisation(qtbot: QtBot, catalogue: Catalogue) -> None:
    norway = _org(catalogue, "Norway")
    _accept_when_shown(lambda form: form.iati_id.setText("NO-BRC-971277882"))  # type: ignore[attr-defined]
    edited = OrganisationForm.ask(None, catalogue, norway, "Edit Organisation")
    assert edited is not None
    assert (edited.id, edited.version) == (norway.id, norway.version)
    assert edited.iati_id == "NO-BRC-971277882"
    assert edited.name == norway.name
    # The store takes what the form made.
    saved = catalogue.update_organisation(edited)
    assert catalogue.organisation(norway.id).iati_id == saved.iati_id == "NO-BRC-971277882"


def test_ask_gives_back_the_edited_person(qtbot: QtBot, catalogue: Catalogue) -> None:
    person = catalogue.people()[0]
    _accept_when_shown(lambda form: form.role.setText("Former minister"))  # type: ignore[attr-defined]
    edited = PersonForm.ask(None, catalogue, person, "Edit Person")
    assert edited is not None
    assert (edited.id, edited.version, edited.name) == (person.id, person.version, person.name)
    assert edited.role == "Former minister"


def test_ask_gives_back_the_edited_source(qtbot: QtBot, catalogue: Catalogue) -> None:
    source = catalogue.sources()[0]
    _accept_when_shown(lambda form: form.published.setText("2023"))  # type: ignore[attr-defined]
    edited = SourceForm.ask(None, catalogue, source, "Edit Source")
    assert edited is not None
    assert (edited.id, edited.version, edited.title) == (source.id, source.version, source.title)
    assert edited.published == FuzzyDate.parse("2023")


def test_ask_gives_nothing_when_cancelled(qtbot: QtBot, catalogue: Catalogue) -> None:
    def cancel(form: QWidget) -> None:
        assert isinstance(form, SourceForm)
        form.title.setText("Changed")
        form.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
        assert not form.isVisible()  # discarded, as ask_unsaved answers

    _when_shown(cancel)
    assert SourceForm.ask(None, catalogue, catalogue.sources()[0], "Edit Source") is None
