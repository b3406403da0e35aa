"""What the record and meeting forms share: a name picker with type-ahead, tags typed
with suggestions, the red line beside a field that says what is wrong with it, and asking
before closing with changes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QLabel, QLineEdit, QWidget

from aidviewer.store import Organisation

PROBLEM_COLOUR = "#b3261e"


def organisation_ids(
    organisations: Iterable[Organisation], known: dict[str, int] | None = None
) -> dict[str, int]:
    """Each organisation's name and other names, casefolded, to its id, added to `known`:
    what a picker's text is looked up in. A name wins over another organisation's alias."""
    ids = dict(known or {})
    found = list(organisations)
    for org in found:
        ids[org.name.casefold()] = org.id
    for org in found:
        for alias in org.aliases:
            ids.setdefault(alias.casefold(), org.id)
    return ids


def name_picker(parent: QWidget, names: list[str], current: str) -> QComboBox:
    """A name from `names` (or none), typed with suggestions of the names containing
    what is typed."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.addItems(["", *names])
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(names, combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    combo.setCompleter(completer)
    combo.setCurrentText(current)
    return combo


class TagCompleter(QCompleter):
    """Suggests the catalogue's tags for the tag being typed: the text after the last
    comma. Choosing one keeps the tags before it."""

    def __init__(self, tags: list[str], edit: QLineEdit) -> None:
        super().__init__(sorted(tags, key=str.casefold), edit)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self._edit = edit
        edit.setCompleter(self)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        text = self._edit.text()
        before = text.rsplit(",", 1)[0].strip() if "," in text else ""
        tag = str(index.data())
        return f"{before}, {tag}" if before else tag


def problem_label(parent: QWidget, name: str) -> QLabel:
    """The line beside the field `name`, hidden while the field is fine."""
    problem = QLabel(parent)
    problem.setObjectName(f"problem_{name}")
    problem.setTextFormat(Qt.TextFormat.PlainText)
    problem.setStyleSheet(f"color: {PROBLEM_COLOUR}")
    problem.hide()
    return problem


def close_or_keep(
    dialog: QDialog,
    changed: bool,
    savable: bool,
    ask: Callable[[QWidget | None], str],
    close: Callable[[], None],
) -> None:
    """A form being closed: with changes, ask Save, Discard or Cancel. Save keeps a form
    whose problem is still on the screen open; Discard closes it (`close`)."""
    if not changed:
        close()
        return
    answer = ask(dialog)
    if answer == "discard":
        close()
    elif answer == "save" and savable:
        dialog.accept()
