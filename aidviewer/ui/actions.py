"""Every action of the window in one place: ids, texts and standard shortcuts."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence


class ActionId(Enum):
    NEW = "new"
    OPEN = "open"
    CLOSE = "close"
    CLEAR_RECENT = "clear_recent"
    QUIT = "quit"
    FIND = "find"
    CLEAR_FILTERS = "clear_filters"
    SAVE_VIEW = "save_view"
    ADD_NOTE = "add_note"
    DELETE_RECORD = "delete_record"
    NEW_RECORD = "new_record"
    EDIT_RECORD = "edit_record"
    DUPLICATE_RECORD = "duplicate_record"
    NEW_MEETING = "new_meeting"
    MERGE_ORGANISATION = "merge_organisation"
    BULK_EDIT = "bulk_edit"
    NEW_ORGANISATION = "new_organisation"
    NEW_PERSON = "new_person"
    PRINT_PREVIEW = "print_preview"
    PRINT = "print"
    EXPORT_PDF = "export_pdf"
    IMPORT = "import"
    EXPORT = "export"
    PREFERENCES = "preferences"
    RESTORE = "restore"
    BACKUP = "backup"
    SHORTCUTS = "shortcuts"
    CHECK = "check"


_Std = QKeySequence.StandardKey

# (text, status tip, standard shortcut); texts stay untranslated until used.
_SPECS: dict[ActionId, tuple[object, object, QKeySequence.StandardKey | None]] = {
    ActionId.NEW: (
        QT_TRANSLATE_NOOP("Actions", "&New…"),
        QT_TRANSLATE_NOOP("Actions", "Create a new, empty catalogue file"),
        _Std.New,
    ),
    ActionId.OPEN: (
        QT_TRANSLATE_NOOP("Actions", "&Open…"),
        QT_TRANSLATE_NOOP("Actions", "Open a catalogue file"),
        _Std.Open,
    ),
    ActionId.CLOSE: (
        QT_TRANSLATE_NOOP("Actions", "&Close"),
        QT_TRANSLATE_NOOP("Actions", "Close the catalogue"),
        _Std.Close,
    ),
    ActionId.CLEAR_RECENT: (
        QT_TRANSLATE_NOOP("Actions", "&Clear Menu"),
        QT_TRANSLATE_NOOP("Actions", "Forget the recently opened catalogues"),
        None,
    ),
    ActionId.QUIT: (
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        QT_TRANSLATE_NOOP("Actions", "Quit aidviewer"),
        _Std.Quit,
    ),
    ActionId.FIND: (
        QT_TRANSLATE_NOOP("Actions", "&Find…"),
        QT_TRANSLATE_NOOP("Actions", "Search the table that is shown"),
        _Std.Find,
    ),
    ActionId.CLEAR_FILTERS: (
        QT_TRANSLATE_NOOP("Actions", "C&lear Search and Filters"),
        QT_TRANSLATE_NOOP("Actions", "Show every row of the table again"),
        None,
    ),
    ActionId.SAVE_VIEW: (
        QT_TRANSLATE_NOOP("Actions", "&Save View…"),
        QT_TRANSLATE_NOOP(
            "Actions", "Keep this search, its filters, sort and columns under a name"
        ),
        None,
    ),
    ActionId.ADD_NOTE: (
        QT_TRANSLATE_NOOP("Actions", "Add &Note…"),
        QT_TRANSLATE_NOOP("Actions", "Write a note on the aid record or meeting shown"),
        None,
    ),
    ActionId.DELETE_RECORD: (
        QT_TRANSLATE_NOOP("Actions", "&Delete"),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Delete the aid record or meeting shown, with its notes; Undo brings it back",
        ),
        _Std.Delete,
    ),
    ActionId.NEW_RECORD: (
        QT_TRANSLATE_NOOP("Actions", "New Re&cord…"),
        QT_TRANSLATE_NOOP("Actions", "Enter a new aid record"),
        None,
    ),
    ActionId.EDIT_RECORD: (
        QT_TRANSLATE_NOOP("Actions", "&Edit…"),
        QT_TRANSLATE_NOOP("Actions", "Change the aid record or meeting shown"),
        None,
    ),
    ActionId.NEW_MEETING: (
        QT_TRANSLATE_NOOP("Actions", "New &Meeting…"),
        QT_TRANSLATE_NOOP("Actions", "Write up a new meeting"),
        None,
    ),
    ActionId.DUPLICATE_RECORD: (
        QT_TRANSLATE_NOOP("Actions", "Duplica&te Record…"),
        QT_TRANSLATE_NOOP("Actions", "Start a new aid record from a copy of the one shown"),
        None,
    ),
    ActionId.MERGE_ORGANISATION: (
        QT_TRANSLATE_NOOP("Actions", "Mer&ge Organisation Into…"),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Make the organisation selected one with another: its records and people"
            " follow, its names become aliases",
        ),
        None,
    ),
    ActionId.BULK_EDIT: (
        QT_TRANSLATE_NOOP("Actions", "Edit &Selected Records…"),
        QT_TRANSLATE_NOOP(
            "Actions", "Set fields of every selected aid record at once, with a preview"
        ),
        None,
    ),
    ActionId.NEW_ORGANISATION: (
        QT_TRANSLATE_NOOP("Actions", "New &Organisation…"),
        QT_TRANSLATE_NOOP("Actions", "Add a donor, recipient or implementer"),
        None,
    ),
    ActionId.NEW_PERSON: (
        QT_TRANSLATE_NOOP("Actions", "New &Person…"),
        QT_TRANSLATE_NOOP("Actions", "Add a person who takes part in meetings"),
        None,
    ),
    ActionId.PRINT_PREVIEW: (
        QT_TRANSLATE_NOOP("Actions", "Print Pre&view…"),
        QT_TRANSLATE_NOOP("Actions", "See a report page by page before printing it"),
        None,
    ),
    ActionId.PRINT: (
        QT_TRANSLATE_NOOP("Actions", "&Print…"),
        QT_TRANSLATE_NOOP("Actions", "Print a report of the catalogue"),
        _Std.Print,
    ),
    ActionId.EXPORT_PDF: (
        QT_TRANSLATE_NOOP("Actions", "Export P&DF…"),
        QT_TRANSLATE_NOOP("Actions", "Save a report of the catalogue as a PDF file"),
        None,
    ),
    ActionId.BACKUP: (
        QT_TRANSLATE_NOOP("Actions", "Back &Up Now"),
        QT_TRANSLATE_NOOP("Actions", "Make a checked backup of the catalogue as it is now"),
        None,
    ),
    ActionId.RESTORE: (
        QT_TRANSLATE_NOOP("Actions", "Res&tore from Backup…"),
        QT_TRANSLATE_NOOP("Actions", "Go back to a backup of the catalogue"),
        None,
    ),
    ActionId.PREFERENCES: (
        QT_TRANSLATE_NOOP("Actions", "Pre&ferences…"),
        QT_TRANSLATE_NOOP("Actions", "Your name, the report page, backups, how aidviewer starts"),
        _Std.Preferences,
    ),
    ActionId.SHORTCUTS: (
        QT_TRANSLATE_NOOP("Actions", "&Keyboard Shortcuts"),
        QT_TRANSLATE_NOOP("Actions", "Every shortcut of the window"),
        None,
    ),
    ActionId.CHECK: (
        QT_TRANSLATE_NOOP("Actions", "&Check Catalogue"),
        QT_TRANSLATE_NOOP("Actions", "Check the catalogue file for damage"),
        None,
    ),
    ActionId.IMPORT: (
        QT_TRANSLATE_NOOP("Actions", "&Import…"),
        QT_TRANSLATE_NOOP(
            "Actions", "Bring records in from a CSV, XLSX, IATI, Kiel, FTS or JSON file"
        ),
        None,
    ),
    ActionId.EXPORT: (
        QT_TRANSLATE_NOOP("Actions", "E&xport…"),
        QT_TRANSLATE_NOOP(
            "Actions", "Save records as CSV, XLSX, IATI or JSON, or meetings as iCalendar"
        ),
        None,
    ),
}

# Shortcuts of actions that have no standard key.
_KEYS: dict[ActionId, str] = {
    ActionId.ADD_NOTE: "Ctrl+Shift+N",
    ActionId.NEW_RECORD: "Ctrl+Shift+R",
    ActionId.EDIT_RECORD: "Ctrl+E",
    ActionId.DUPLICATE_RECORD: "Ctrl+D",
    ActionId.NEW_MEETING: "Ctrl+Shift+M",
    ActionId.BULK_EDIT: "Ctrl+Shift+E",
    ActionId.PRINT_PREVIEW: "Ctrl+Shift+P",
    ActionId.EXPORT_PDF: "Ctrl+Alt+P",
    ActionId.IMPORT: "Ctrl+Shift+I",
    ActionId.PREFERENCES: "Ctrl+,",
    ActionId.SHORTCUTS: "Ctrl+/",
    ActionId.EXPORT: "Ctrl+Shift+X",
}


def make_action(action_id: ActionId, parent: QObject) -> QAction:
    text, tip, shortcut = _SPECS[action_id]
    action = QAction(QCoreApplication.translate("Actions", str(text)), parent)
    action.setObjectName(f"action_{action_id.value}")
    action.setStatusTip(QCoreApplication.translate("Actions", str(tip)))
    if shortcut is not None and QKeySequence.keyBindings(shortcut):
        action.setShortcuts(shortcut)
    elif action_id in _KEYS:  # also where the platform has no standard key for it
        action.setShortcut(QKeySequence(_KEYS[action_id]))
    return action


def make_actions(parent: QObject) -> dict[ActionId, QAction]:
    return {action_id: make_action(action_id, parent) for action_id in ActionId}
