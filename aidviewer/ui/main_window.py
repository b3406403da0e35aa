"""The main window: one catalogue at a time, its records and meetings in tabs."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QMimeData, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget, QWidget

from aidviewer.models import MeetingTableModel, RecordTableModel
from aidviewer.models.formatting import format_eur
from aidviewer.store import SUFFIX, Catalogue, CatalogueError, DamagedError, RecordQuery, connection

from .actions import ActionId, make_actions
from .background import run_in_background, wait_for
from .backup_actions import BackupActions
from .catalogue_view import CatalogueView
from .detail_pane import DetailPane
from .dialogs import FileChooser, Notifier
from .edit_actions import EditActions
from .empty_state import EmptyState
from .help_actions import HelpActions
from .notes import NoteActions
from .recent_menu import RecentMenu
from .settings import Settings
from .undo import Editor

if TYPE_CHECKING:  # loaded when first used (see `reports` and `data`), not at start-up
    from .io_actions import DataActions
    from .report_actions import ReportActions

DEFAULT_SIZE = (1280, 760)
# An explicit minimum also keeps the layout from changing the window's minimum size each
# time its contents change (which the offscreen platform reports as a warning).
MINIMUM_SIZE = (560, 360)


class MainWindow(QMainWindow):
    """Shows one catalogue, or an empty state offering New and Open.

    Everything it needs comes through the constructor: the settings, the two table
    models (filled from whichever catalogue is open), and the objects that ask for file
    names and show errors, which tests replace.
    """

    # Up to this many records in the catalogue, the status bar's sum of values is made at
    # once; above it, on a thread of its own while "…" stands in its place.
    SUM_AT_ONCE = 100_000

    def __init__(
        self,
        settings: Settings,
        records: RecordTableModel,
        meetings: MeetingTableModel,
        files: FileChooser | None = None,
        notifier: Notifier | None = None,
        busy_timeout: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setAcceptDrops(True)  # a catalogue dropped is opened, a data file imported
        self.settings = settings
        self.records = records
        self.meetings = meetings
        self.files = files if files is not None else FileChooser()
        self.notifier = notifier if notifier is not None else Notifier()
        self.catalogue: Catalogue | None = None
        # How long to wait for another program's lock; None is the store's default.
        self.busy_timeout = busy_timeout

        self._actions = make_actions(self)
        self.action(ActionId.NEW).triggered.connect(self.new_catalogue)
        self.action(ActionId.OPEN).triggered.connect(self.choose_and_open)
        self.action(ActionId.CLOSE).triggered.connect(self.close_catalogue)
        self.action(ActionId.QUIT).triggered.connect(self.close)
        self.action(ActionId.QUIT).setMenuRole(QAction.MenuRole.QuitRole)

        self.recent_menu = RecentMenu(settings, self.action(ActionId.CLEAR_RECENT), self)
        self.recent_menu.open_requested.connect(self.open_catalogue)
        self.action(ActionId.CLEAR_RECENT).triggered.connect(self.clear_recent_files)
        self._build_menus()

        self.editor = Editor(self)
        self.editor.failed.connect(lambda title, message: self.notifier.error(self, title, message))
        self.editor.changed.connect(self._show_changed)
        self.editor.rowsChanged.connect(self._rows_changed)
        self.undo_action = self.editor.stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setObjectName("action_undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.editor.stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setObjectName("action_redo")
        # Ctrl+Shift+Z on every platform, besides the platform's own (Ctrl+Y on Windows).
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.setShortcuts(redo_keys)
        self._build_edit_menu()

        self.empty_state = EmptyState(self.action(ActionId.NEW), self.action(ActionId.OPEN))
        self.catalogue_view = CatalogueView(records, meetings, self.notifier)
        self.catalogue_view.failed.connect(
            lambda title, message: self.notifier.error(self, title, message)
        )
        self.notes = NoteActions(self.editor, settings, self.notifier, self, self._shown_detail)
        self.action(ActionId.ADD_NOTE).triggered.connect(self._add_note)
        self.edits = EditActions(self, self.catalogue_view, self.editor, self.notes, self.notifier)
        self.action(ActionId.DELETE_RECORD).triggered.connect(self.edits.delete)
        self.action(ActionId.NEW_RECORD).triggered.connect(self.edits.new_record)
        self.action(ActionId.NEW_MEETING).triggered.connect(self.edits.new_meeting)
        self.action(ActionId.EDIT_RECORD).triggered.connect(self.edits.edit)
        self.action(ActionId.DUPLICATE_RECORD).triggered.connect(self.edits.duplicate)
        self.action(ActionId.MERGE_ORGANISATION).triggered.connect(self.edits.merge_organisation)
        self.action(ActionId.BULK_EDIT).triggered.connect(self.edits.bulk_edit)
        directory = self.edits.directory
        self.action(ActionId.NEW_ORGANISATION).triggered.connect(directory.new_organisation_action)
        self.action(ActionId.NEW_PERSON).triggered.connect(directory.new_person_action)
        self.editor.directoryChanged.connect(self._directory_changed)
        # Reports and data files are made when first used (see `reports` and `data`).
        self._reports: ReportActions | None = None
        self._data: DataActions | None = None
        self.action(ActionId.PRINT_PREVIEW).triggered.connect(lambda: self.reports.print_preview())
        self.action(ActionId.PRINT).triggered.connect(lambda: self.reports.print_report())
        self.action(ActionId.EXPORT_PDF).triggered.connect(lambda: self.reports.export_pdf())
        self.action(ActionId.IMPORT).triggered.connect(lambda: self.data.import_file())
        self.help = HelpActions(self, settings, self.notifier, lambda: self.catalogue)
        self.backups = BackupActions(
            self, settings, self.notifier, lambda: self.catalogue, self.close_catalogue,
            lambda path: self.open_catalogue(path, repair=False),
        )  # fmt: skip
        self.action(ActionId.RESTORE).triggered.connect(self.backups.restore)
        self.action(ActionId.BACKUP).triggered.connect(self.backups.backup_now)
        self.action(ActionId.PREFERENCES).triggered.connect(self.help.preferences)
        self.action(ActionId.SHORTCUTS).triggered.connect(self.help.shortcuts)
        self.action(ActionId.CHECK).triggered.connect(self.help.check)
        self.action(ActionId.EXPORT).triggered.connect(lambda: self.data.export_file())
        for page in (self.catalogue_view.records_page, self.catalogue_view.meetings_page):
            page.view.doubleClicked.connect(self.edits.edit)
        for page in (self.catalogue_view.records_page, self.catalogue_view.meetings_page):
            page.detail.noteRequested.connect(self.notes.request)
            page.detail.historyRequested.connect(self.edits.open_history)
        self.action(ActionId.FIND).triggered.connect(self.catalogue_view.focus_search)
        self.action(ActionId.SAVE_VIEW).triggered.connect(self.catalogue_view.save_view)
        self.action(ActionId.CLEAR_FILTERS).triggered.connect(self._clear_filters)
        records.modelReset.connect(self._show_counts)
        meetings.modelReset.connect(self._show_counts)
        records.readFailed.connect(self._read_failed)
        meetings.readFailed.connect(self._read_failed)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.catalogue_view)
        self.setCentralWidget(self.stack)

        self.records_status = QLabel()
        self.records_status.setObjectName("records_status")
        self.meetings_status = QLabel()
        self.meetings_status.setObjectName("meetings_status")
        for label in (self.records_status, self.meetings_status):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setContentsMargins(6, 0, 6, 0)
            self.statusBar().addPermanentWidget(label)

        self.setMinimumSize(*MINIMUM_SIZE)
        self._restore_geometry()
        self._show()

    # -- parts ----------------------------------------------------------------------------

    def action(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    # Printing (Jinja2, QtPrintSupport) and the file readers and writers take a tenth of a
    # second to import, and the first window needs neither: they are loaded when first used.

    @property
    def reports(self) -> ReportActions:
        """File > Print Preview, Print and Export PDF."""
        if self._reports is None:
            from .report_actions import ReportActions

            self._reports = ReportActions(
                self, self.catalogue_view, self.settings, self.notifier, lambda: self.catalogue
            )
        return self._reports

    @property
    def data(self) -> DataActions:
        """File > Import… and File > Export…."""
        if self._data is None:
            from .io_actions import DataActions

            self._data = DataActions(
                self, self.catalogue_view, self.settings, self.notifier, self.editor,
                lambda: self.catalogue, self.open_catalogue,
            )  # fmt: skip
        return self._data

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setObjectName("file_menu")
        file_menu.addAction(self.action(ActionId.NEW))
        file_menu.addAction(self.action(ActionId.OPEN))
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.action(ActionId.CLOSE))
        file_menu.addSeparator()
        file_menu.addAction(self.action(ActionId.IMPORT))
        file_menu.addAction(self.action(ActionId.EXPORT))
        file_menu.addAction(self.action(ActionId.BACKUP))
        file_menu.addAction(self.action(ActionId.RESTORE))
        file_menu.addSeparator()
        for action_id in (ActionId.PRINT_PREVIEW, ActionId.PRINT, ActionId.EXPORT_PDF):
            file_menu.addAction(self.action(action_id))
        file_menu.addSeparator()
        file_menu.addAction(self.action(ActionId.QUIT))
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.setObjectName("view_menu")
        view_menu.addAction(self.action(ActionId.FIND))
        view_menu.addAction(self.action(ActionId.CLEAR_FILTERS))
        view_menu.addSeparator()
        view_menu.addAction(self.action(ActionId.SAVE_VIEW))
        self.columns_menu = view_menu.addMenu(self.tr("&Columns"))
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)
        view_menu.aboutToShow.connect(self._update_view_menu)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.setObjectName("help_menu")
        help_menu.addAction(self.action(ActionId.SHORTCUTS))
        help_menu.addAction(self.action(ActionId.CHECK))

    def _update_view_menu(self) -> None:
        browsing = (
            self.catalogue is not None and self.catalogue_view.current_browse_page() is not None
        )
        for action_id in (ActionId.CLEAR_FILTERS, ActionId.SAVE_VIEW):
            self.action(action_id).setEnabled(browsing)
        self.columns_menu.setEnabled(browsing)

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        page = self.catalogue_view.current_browse_page()
        if page is not None:
            page.columns.fill_menu(self.columns_menu)

    def _clear_filters(self) -> None:
        page = self.catalogue_view.current_browse_page()
        if page is not None:
            page.filter_bar.clear_all()

    def clear_recent_files(self) -> None:
        self.settings.clear_recent_files()
        self.recent_menu.rebuild()

    def _start_folder(self) -> Path:
        if self.catalogue is not None:
            return self.catalogue.path.absolute().parent
        for path in self.settings.recent_files():
            if path.parent.is_dir():
                return path.parent
        return Path(QDir.homePath())

    # -- opening and closing --------------------------------------------------------------

    def open_catalogue(
        self, path: Path | str, read_only: bool = False, *, repair: bool = True
    ) -> bool:
        """Open the catalogue at `path` in place of the current one. On failure, say why
        in one sentence and keep the current catalogue open; a damaged one, with `repair`,
        may be put right from a backup or salvaged first (see `BackupActions.repair`)."""
        path = Path(path)
        timeout = (
            connection.DEFAULT_BUSY_TIMEOUT if self.busy_timeout is None else self.busy_timeout
        )
        try:
            # Off the window's thread: opening a catalogue of an older version updates it,
            # after a backup, which takes minutes for a big one; a colleague's save may
            # also hold it for a few seconds.
            catalogue = wait_for(
                lambda: Catalogue.open(path, read_only=read_only, busy_timeout=timeout),
                self,
                self.tr("Opening “{name}”…").format(name=path.name),
            )
        except DamagedError as error:
            if repair and not read_only and connection.folder_writable(path):
                return self.backups.repair(path, error.message)
            self.notifier.error(self, self.tr("Cannot open the catalogue"), error.message)
            return False
        except CatalogueError as error:
            self.notifier.error(self, self.tr("Cannot open the catalogue"), error.message)
            return False
        return self._adopt(catalogue, self.tr("Cannot open the catalogue"))

    def choose_and_open(self) -> bool:
        path = self.files.open_path(self, self._start_folder())
        return path is not None and self.open_catalogue(path)

    def new_catalogue(self) -> bool:
        """Ask where, make an empty catalogue there and show it."""
        path = self.files.save_path(self, self._start_folder())
        if path is None:
            return False
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        try:
            catalogue = Catalogue.create(path)
        except CatalogueError as error:
            self.notifier.error(self, self.tr("Cannot create the catalogue"), error.message)
            return False
        return self._adopt(catalogue, self.tr("Cannot create the catalogue"))

    def close_catalogue(self) -> None:
        if self.catalogue is None:
            return
        # A catalogue changed while open is backed up as it closes.
        self.backups.closing(self.catalogue, changed=self.editor.stack.count() > 0)
        catalogue, self.catalogue = self.catalogue, None
        self._load_models(None)
        catalogue.close()
        self._show()

    def _load_models(self, catalogue: Catalogue | None) -> None:
        self.catalogue_view.set_catalogue(catalogue)
        self.editor.set_catalogue(catalogue)
        writable = catalogue is not None and not catalogue.read_only
        for page in (self.catalogue_view.records_page, self.catalogue_view.meetings_page):
            page.detail.editable = writable
            page.model.set_editable(writable)
        if catalogue is not None and self.settings.staff_name():
            catalogue.user = self.settings.staff_name() or catalogue.user

    # -- editing --------------------------------------------------------------------------

    def _build_edit_menu(self) -> None:
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("edit_menu")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for action_id in (
            ActionId.NEW_RECORD,
            ActionId.NEW_MEETING,
            ActionId.NEW_ORGANISATION,
            ActionId.NEW_PERSON,
            ActionId.EDIT_RECORD,
            ActionId.DUPLICATE_RECORD,
            ActionId.BULK_EDIT,
        ):
            edit_menu.addAction(self.action(action_id))
        edit_menu.addAction(self.action(ActionId.ADD_NOTE))
        edit_menu.addAction(self.action(ActionId.MERGE_ORGANISATION))
        edit_menu.addSeparator()
        edit_menu.addAction(self.action(ActionId.DELETE_RECORD))
        edit_menu.addSeparator()
        preferences = self.action(ActionId.PREFERENCES)
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addAction(preferences)
        # The View menu was added first; Edit goes between File and View, as usual.
        bar = self.menuBar()
        actions = bar.actions()
        bar.insertAction(actions[1], edit_menu.menuAction())

    def _shown_detail(self) -> DetailPane | None:
        page = self.catalogue_view.current_browse_page()
        return page.detail if page is not None else None

    def _add_note(self) -> None:
        if not self.notes.can_add():
            self.statusBar().showMessage(
                self.tr("Select an aid record or a meeting to write a note on it."), 5000
            )
            return
        self.notes.add()

    def _reload_tables(self) -> bool:
        """Read the records and meetings tables again; False (and said) if that failed."""
        for model in (self.records, self.meetings):
            try:
                model.refresh()
            except CatalogueError as error:
                self.notifier.error(self, self.tr("Cannot read the catalogue"), error.message)
                return False
        self._show_counts()
        return True

    def _rows_changed(self, kind: str, item_id: int) -> None:
        """A record came or went: read the tables again and show it if it is there (an
        id of 0: many changed; the view stays as the person set it up)."""
        if self.catalogue is None or not self._reload_tables() or item_id <= 0:
            return
        page = (
            self.catalogue_view.records_page
            if kind == "record"
            else self.catalogue_view.meetings_page
        )
        with contextlib.suppress(CatalogueError):
            if kind == "record":
                self.catalogue.record(item_id)
            else:
                self.catalogue.meeting(item_id)
            self.catalogue_view.show_page(f"{kind}s")
            page.select_id(item_id)

    def _directory_changed(self) -> None:
        """Organisations changed: their lists, and the names the tables and panes show."""
        if self.catalogue is None:
            return
        for page in self.catalogue_view.directory.values():
            page.load(self.catalogue)
        self._reload_tables()

    def _show_changed(self, kind: str, item_id: int) -> None:
        """Show the details of a changed record or meeting again, where they are shown."""
        if self.catalogue is None:
            return
        for page in (self.catalogue_view.records_page, self.catalogue_view.meetings_page):
            if page.detail.current() == (kind, item_id):
                if kind == "record":
                    page.detail.show_record(self.catalogue, item_id)
                else:
                    page.detail.show_meeting(self.catalogue, item_id)

    def _adopt(self, catalogue: Catalogue, title: str) -> bool:
        """Show `catalogue` instead of the current one, which is closed only once the new
        one has been read."""
        old = self.catalogue
        changed = self.editor.stack.count() > 0  # in the old one, while it was open
        try:
            self._load_models(catalogue)
        except CatalogueError as error:
            catalogue.close()
            self._reload(old)
            self.notifier.error(self, title, error.message)
            return False
        self.catalogue = catalogue
        # A save that meets another program's lock waits for it on a thread of its own:
        # the window goes on painting meanwhile, and says why after half a second.
        catalogue.lock_wait = lambda begin: wait_for(
            begin,
            self,
            self.tr("Waiting for another program to finish saving into “{name}”…").format(
                name=catalogue.path.name
            ),
        )
        catalogue.on_write_failure = self._write_failed
        if old is not None:
            self.backups.closing(old, changed=changed)
            old.close()
        self.settings.add_recent_file(catalogue.path)
        self.recent_menu.rebuild()
        self._show()
        self.backups.opened(catalogue)
        if not catalogue.checked:  # too big to check before showing it: check it now
            run_in_background(
                catalogue.verify, lambda problem: self._verified(catalogue, problem), self
            )
        return True

    # Saves in a row the disk refuses before the catalogue is shown read-only (T8): one
    # may be a passing fault, and the next save goes through; more, the disk is failing.
    WRITE_FAILURES_TO_STOP = 2

    def _write_failed(self) -> None:
        """The disk refused a save (each says so in its own message). When it keeps
        refusing, stop offering to change the catalogue, and say why above it: every
        further change would be typed in vain."""
        catalogue = self.catalogue
        if (
            catalogue is None
            or catalogue.read_only
            or catalogue.write_failures < self.WRITE_FAILURES_TO_STOP
        ):
            return
        catalogue.read_only = True
        for page in (self.catalogue_view.records_page, self.catalogue_view.meetings_page):
            page.detail.editable = False
            page.model.set_editable(False)
        self._show()

    def _verified(self, catalogue: Catalogue, problem: str) -> None:
        """The background check of a big catalogue has finished."""
        if problem and catalogue is self.catalogue:
            self.catalogue_view.show_notice(problem)
            self.notifier.error(self, self.tr("The catalogue is damaged"), problem)

    def _reload(self, catalogue: Catalogue | None) -> None:
        """Put back what was shown before a failed open."""
        try:
            self._load_models(catalogue)
        except CatalogueError:
            self._load_models(None)
            if catalogue is not None:
                catalogue.close()
            self.catalogue = None
            self._show()

    # -- showing --------------------------------------------------------------------------

    def _show(self) -> None:
        catalogue = self.catalogue
        for action_id in (
            ActionId.CLOSE,
            ActionId.FIND,
            ActionId.SAVE_VIEW,
            ActionId.CLEAR_FILTERS,
            ActionId.PRINT_PREVIEW,
            ActionId.PRINT,
            ActionId.EXPORT_PDF,
            ActionId.EXPORT,
            ActionId.CHECK,
            ActionId.BACKUP,
        ):
            self.action(action_id).setEnabled(catalogue is not None)
        for action_id in (ActionId.RESTORE, ActionId.IMPORT):
            self.action(action_id).setEnabled(catalogue is not None and not catalogue.read_only)
        writable = catalogue is not None and not catalogue.read_only
        self.action(ActionId.ADD_NOTE).setEnabled(writable)
        for action_id in (
            ActionId.DELETE_RECORD,
            ActionId.NEW_RECORD,
            ActionId.NEW_MEETING,
            ActionId.NEW_ORGANISATION,
            ActionId.NEW_PERSON,
            ActionId.EDIT_RECORD,
            ActionId.DUPLICATE_RECORD,
            ActionId.MERGE_ORGANISATION,
            ActionId.BULK_EDIT,
            ActionId.NEW_ORGANISATION,
            ActionId.NEW_PERSON,
        ):
            self.action(action_id).setEnabled(writable)
        if catalogue is None:
            self.stack.setCurrentWidget(self.empty_state)
            self.setWindowTitle("aidviewer")
            self.setWindowFilePath("")
            self.records_status.setText("")
            self.meetings_status.setText("")
            return
        self.stack.setCurrentWidget(self.catalogue_view)
        # "[*]" in a window title is Qt's modified-marker placeholder; "[*][*]" is literal.
        name = catalogue.name.replace("[*]", "[*][*]")
        notices = []
        failing = catalogue.write_failures >= self.WRITE_FAILURES_TO_STOP
        if failing:
            notices.append(
                self.tr("The disk keeps refusing to save into “{file}”, so it is shown"
                        " read-only: check the disk, then open it again. Nothing saved"
                        " before was lost.").format(file=catalogue.path.name)
            )  # fmt: skip
        if catalogue.read_only:
            title = self.tr("{name} [read-only] — aidviewer").format(name=name)
            if not failing:  # which says so, and why
                notices.append(
                    self.tr("Read-only: you can browse and print this catalogue, not change it.")
                )
        else:
            title = self.tr("{name} — aidviewer").format(name=name)
        if catalogue.on_network_drive:  # RELIABILITY.md, T12
            notices.append(
                self.tr(
                    "“{file}” is on a network drive ({kind}): if the connection drops while"
                    " you save, check it (Help > Check Catalogue), and keep its backups on."
                ).format(file=catalogue.path.name, kind=catalogue.filesystem)
            )
        if catalogue.also_open_by:  # T13: as found when it was opened
            holders = ", ".join(
                self.tr("{user} on {host}").format(user=holder.user, host=holder.host)
                for holder in catalogue.also_open_by
            )
            notices.append(self.tr("Also open by {holders}.").format(holders=holders))
        self.setWindowTitle(title)
        self.setWindowFilePath(str(catalogue.path.absolute()))
        self.catalogue_view.show_notice(" ".join(notices))
        self._show_counts()
        self.catalogue_view.fit_visible_columns()

    def _show_counts(self) -> None:
        if self.catalogue is None:
            return
        records, meetings = self.records, self.meetings
        cents = records.known_value_cents()
        if cents is None and records.unfiltered <= self.SUM_AT_ONCE:
            cents = records.value_cents
        elif cents is None:
            self._sum_in_background(self.catalogue, records.query)
        self.records_status.setText(
            self.records_summary(records.rowCount(), records.unfiltered, cents)
        )
        self.meetings_status.setText(
            self.meetings_summary(meetings.rowCount(), meetings.unfiltered)
        )

    def _sum_in_background(self, catalogue: Catalogue, query: RecordQuery) -> None:
        """Sum the value of the records `query` shows on a thread of its own (a scan of a
        million rows takes a noticeable moment), and show it when it comes, if the table
        still shows that query."""
        found: list[int] = []

        def work() -> None:
            reader = Catalogue.open(catalogue.path, read_only=True)
            try:
                found.append(reader.count_records(query)[1])
            finally:
                reader.close()

        def done(error: str) -> None:
            if error or not found or self.catalogue is not catalogue:
                return  # the sum stays "…"; the table itself was read without trouble
            if self.records.set_value_cents(query, found[0]):
                self._show_counts()

        run_in_background(work, done, self)

    def records_summary(self, shown: int, everything: int, cents: int | None) -> str:
        """ "10 records · €500,000,000.00", or "3 of 10 records · €900.00" when narrowed;
        "…" in place of the sum while it is being made."""
        total = "…" if cents is None else format_eur(cents, self.locale())
        if shown == everything:
            if everything == 1:
                return self.tr("1 record · {total}").format(total=total)
            return self.tr("%Ln records · {total}", "", everything).format(total=total)
        return self.tr("{shown} of %Ln records · {total}", "", everything).format(
            shown=self.locale().toString(shown), total=total
        )

    def meetings_summary(self, shown: int, everything: int) -> str:
        if shown == everything:
            if everything == 1:
                return self.tr("1 meeting")
            return self.tr("%Ln meetings", "", everything)
        return self.tr("{shown} of %Ln meetings", "", everything).format(
            shown=self.locale().toString(shown)
        )

    def _read_failed(self, message: str) -> None:
        self.notifier.error(self, self.tr("Cannot read the catalogue"), message)

    # -- settings -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            width, height = DEFAULT_SIZE
            screen = self.screen().availableGeometry()
            self.resize(min(width, screen.width()), min(height, screen.height()))
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        for name, splitter in self._splitters().items():
            splitter_state = self.settings.splitter_state(name)
            if splitter_state is not None:
                splitter.restoreState(splitter_state)
        for name, view in self.catalogue_view.tables().items():
            header_state = self.settings.header_state(name)
            header = view.horizontalHeader()
            if header_state is not None and header.restoreState(header_state):
                self.catalogue_view.mark_sized(name)
                # restoreState() sets the indicator without sorting by it.
                view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _splitters(self) -> dict[str, QSplitter]:
        view = self.catalogue_view
        return {
            "main": view.splitter,
            "records": view.records_page,
            "meetings": view.meetings_page,
        }

    def save_settings(self) -> None:
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        for name, splitter in self._splitters().items():
            self.settings.set_splitter_state(name, splitter.saveState())
        for name, view in self.catalogue_view.tables().items():
            if self.catalogue_view.is_sized(name):
                self.settings.set_header_state(name, view.horizontalHeader().saveState())
        self.settings.sync()

    # -- files from outside: a later launch, a drop ------------------------------------------

    def take_path(self, text: str) -> None:
        """`take_file` for a path given as text ("" for none), as a later launch sends it."""
        self.take_file(Path(text) if text else None)

    def take_file(self, path: Path | None) -> None:
        """A file handed to aidviewer from outside (a later launch, a drop): a catalogue
        is opened, a data file imported into the open catalogue; the window comes to
        the front either way."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if path is None:
            return
        if path.suffix.lower() == SUFFIX or self.catalogue is None:
            self.open_catalogue(path)
        else:
            self.data.import_file(start=path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event.mimeData())
        if path is None:
            return
        event.acceptProposedAction()
        # After the drop has ended: the import wizard is modal.
        QTimer.singleShot(0, lambda: self.take_file(path))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self._reports is not None:
            self._reports.stop()
        if self._data is not None:
            self._data.stop()
        self.help.stop()
        self.close_catalogue()
        self.backups.stop()  # the closing backup is made before aidviewer ends
        event.accept()


# Files a drop may bring: catalogues, and what File > Import… reads.
DROPPABLE = (SUFFIX, ".csv", ".tsv", ".txt", ".xlsx", ".xml", ".json")


def _dropped_file(data: QMimeData) -> Path | None:
    """The one local file a drop brings, if it is one aidviewer opens or imports."""
    urls = [url for url in data.urls() if url.isLocalFile()]
    if len(urls) != 1:
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in DROPPABLE and path.is_file() else None
