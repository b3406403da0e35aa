"""New, edit and delete for organisations, people and sources: from the Organisations and
People pages, from the Edit menu, and in place from the record form's pickers.

Every change is an undoable step of the editor. A save on top of a colleague's newer
version says so and opens the form again on their version with this person's changes
kept, so that nothing either of them wrote is lost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QMainWindow

from aidviewer.models.formatting import local_time
from aidviewer.store import Catalogue, CatalogueError, Organisation, Person, Source

from .acting import Acting
from .catalogue_view import CatalogueView
from .dialogs import Notifier
from .directory_forms import OrganisationForm, PersonForm, SourceForm
from .notes import NoteActions
from .undo import Editor

Entry = TypeVar("Entry", Organisation, Person, Source)

# What the store keeps about a row besides what a person edits.
_META = frozenset({"id", "version", "created_at", "updated_at", "updated_by"})


class DirectoryActions(Acting):
    def __init__(
        self,
        window: QMainWindow,
        view: CatalogueView,
        editor: Editor,
        notes: NoteActions,
        notifier: Notifier,
    ) -> None:
        super().__init__(window, view, editor, notes, notifier)
        # Tests replace these, not the forms' internals.
        self.ask_organisation: Callable[..., Organisation | None] = OrganisationForm.ask
        self.ask_person: Callable[..., Person | None] = PersonForm.ask
        self.ask_source: Callable[..., Source | None] = SourceForm.ask
        for name in ("organisations", "people"):
            view.directory[name].itemActivated.connect(self.edit_item)

    def current_item(self) -> Organisation | Person | None:
        """The organisation or person selected on the page shown, if that is one of
        those pages."""
        shown = self.view.stack.currentWidget()
        for name in ("organisations", "people"):
            page = self.view.directory[name]
            if shown is page:
                item = page.current_item()
                return item if isinstance(item, Organisation | Person) else None
        return None

    def on_directory_page(self) -> bool:
        shown = self.view.stack.currentWidget()
        return any(shown is self.view.directory[name] for name in ("organisations", "people"))

    # -- new --------------------------------------------------------------------------------

    def new_organisation(self, name: str = "") -> Organisation | None:
        """A new organisation from its form (`name` typed in already); None if cancelled."""
        catalogue = self._writable()
        if catalogue is None:
            return None
        org = self.ask_organisation(
            self.window, catalogue, Organisation(name=name), self.tr("New Organisation")
        )
        return self.editor.add_entry(org) if org is not None else None

    def new_person(self) -> Person | None:
        catalogue = self._writable()
        if catalogue is None:
            return None
        person = self.ask_person(self.window, catalogue, Person(name=""), self.tr("New Person"))
        return self.editor.add_entry(person) if person is not None else None

    def new_source(self, title: str = "") -> Source | None:
        catalogue = self._writable()
        if catalogue is None:
            return None
        source = self.ask_source(self.window, catalogue, Source(title=title), self.tr("New Source"))
        return self.editor.add_entry(source) if source is not None else None

    def new_organisation_action(self) -> None:
        """Edit > New Organisation: the new one is shown on its page."""
        org = self.new_organisation()
        if org is not None:
            self._show_on_page("organisations", org.id)

    def new_person_action(self) -> None:
        person = self.new_person()
        if person is not None:
            self._show_on_page("people", person.id)

    def _show_on_page(self, name: str, item_id: int) -> None:
        page = self.view.directory[name]
        self.view.show_page(name)
        page.filter_edit.clear()
        for row, item in enumerate(page.rows()):
            if item.id == item_id:
                page.view.selectRow(row)
                break

    # -- edit and delete ----------------------------------------------------------------------

    def edit_current(self) -> None:
        item = self.current_item()
        if item is None:
            self._say(self.tr("Select an organisation or a person first."))
            return
        self.edit_item(item)

    def edit_item(self, item: Any) -> None:
        """Edit an organisation or person (a row of its page, double-clicked)."""
        catalogue = self._writable()
        if catalogue is None or not isinstance(item, Organisation | Person):
            return
        try:
            if isinstance(item, Organisation):
                self._edit(catalogue, catalogue.organisation(item.id), self.ask_organisation,
                           catalogue.organisation, self.tr("Edit Organisation"))  # fmt: skip
            else:
                self._edit(catalogue, catalogue.person(item.id), self.ask_person,
                           catalogue.person, self.tr("Edit Person"))  # fmt: skip
        except CatalogueError as error:
            self.notifier.error(self.window, self.tr("Cannot save the change"), error.message)

    def _edit(
        self,
        catalogue: Catalogue,
        before: Entry,
        ask: Callable[..., Entry | None],
        read: Callable[[int], Entry],
        title: str,
    ) -> None:
        shown = before
        while True:
            after = ask(self.window, catalogue, shown, title, base=before)
            if after is None or after == before:
                return
            current = read(before.id)
            if current.version == before.version:
                self.editor.edit_entry(before, after)
                return
            self.notifier.error(
                self.window,
                self.tr("Changed while you were editing"),
                self.tr(
                    "{who} saved this at {when}, after you opened it. The form shows their"
                    " version with your changes on top: check it and save."
                ).format(
                    who=current.updated_by or self.tr("Someone"),
                    when=local_time(current.updated_at),
                ),
            )
            shown, before = _over(current, before, after), current

    def delete_current(self) -> None:
        item = self.current_item()
        if item is None:
            self._say(self.tr("Select an organisation or a person first."))
            return
        if self._writable() is None:
            return
        if self.editor.delete_entry(item):
            self._say(self.tr("Deleted. Edit > Undo brings it back."))


def _over(current: Entry, before: Entry, after: Entry) -> Entry:
    """The file's version with this person's changes on top: each field they changed
    from what they had opened takes their value, every other field the file's."""
    mine = {
        field.name: getattr(after, field.name)
        for field in dataclasses.fields(after)
        if field.name not in _META and getattr(after, field.name) != getattr(before, field.name)
    }
    return dataclasses.replace(current, **mine)
