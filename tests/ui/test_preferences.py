"""Edit > Preferences…, kept across a restart and acted on; Help > Keyboard Shortcuts
lists every shortcut; Help > Check Catalogue says whether the file is sound."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from window_helpers import FakeFiles, FakeNotifier, WindowFactory

from aidviewer import app
from aidviewer.ui.actions import ActionId
from aidviewer.ui.preferences import PreferencesDialog
from aidviewer.ui.report_dialog import ReportRequest
from aidviewer.ui.settings import Settings

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def test_preferences_are_kept_across_a_restart(
    qtbot: QtBot, settings_path: Path, tmp_path: Path
) -> None:
    first = Settings(QSettings(str(settings_path), QSettings.Format.IniFormat))
    dialog = PreferencesDialog(None, first)
    qtbot.addWidget(dialog)
    dialog.staff_name.setText("Rasa Kazlauskienė")
    dialog.page_size.setCurrentText("Letter")
    dialog.backup_folder.setText(str(tmp_path / "backups"))
    dialog.backups_kept.setValue(25)
    dialog.open_last.setChecked(False)
    dialog.save()
    again = Settings(QSettings(str(settings_path), QSettings.Format.IniFormat))  # a restart
    assert again.staff_name() == "Rasa Kazlauskienė"
    assert again.default_page_size() == "Letter"
    assert again.backup_folder() == tmp_path / "backups"
    assert again.backups_kept() == 25
    assert again.open_last_on_start() is False
    reopened = PreferencesDialog(None, again)
    qtbot.addWidget(reopened)
    assert reopened.page_size.currentText() == "Letter" and not reopened.open_last.isChecked()


def test_reports_start_on_the_page_chosen(
    make_window: WindowFactory, sample_path: Path, settings: Settings
) -> None:
    settings.set_default_page_size("Letter")
    window = make_window()
    assert window.open_catalogue(sample_path)
    seen: list[ReportRequest] = []

    def ask(parent: object, last: ReportRequest, **kwargs: object) -> None:
        seen.append(last)

    window.reports.ask_report = ask  # type: ignore[assignment]
    window.action(ActionId.EXPORT_PDF).trigger()
    assert seen and seen[0].options.page_size == "Letter"


@pytest.mark.parametrize("open_last", [True, False])
def test_aidviewer_starts_on_the_catalogue_open_last_when_asked(
    qtbot: QtBot, settings: Settings, sample_path: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, open_last: bool,
) -> None:  # fmt: skip
    monkeypatch.setenv(app.DATA_DIR_VARIABLE, str(tmp_path / "data"))
    settings.add_recent_file(sample_path)
    settings.set_open_last_on_start(open_last)
    window = app.build_window([], settings, FakeFiles(), FakeNotifier())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    assert window.catalogue is not None
    expected = sample_path if open_last else app.default_catalogue_path()
    assert window.catalogue.path == expected.resolve()


def test_keyboard_shortcuts_lists_every_shortcut(make_window: WindowFactory) -> None:
    window = make_window()
    dialog = window.help.shortcuts()
    shown = dialog.shown()
    dialog.close()
    assert shown["Print"] == "Ctrl+P"
    assert shown["Import"] == "Ctrl+Shift+I"
    assert shown["Keyboard Shortcuts"] == "Ctrl+/"
    for action_id in ActionId:
        action = window.action(action_id)
        if not action.shortcut().isEmpty():
            assert action.text().replace("&", "").rstrip("…").strip() in shown, action_id


def test_check_catalogue_says_sound_or_damaged(
    make_window: WindowFactory, sample_path: Path, notifier: FakeNotifier, qtbot: QtBot
) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path)
    with qtbot.waitSignal(window.help.checked, timeout=30_000) as done:
        window.action(ActionId.CHECK).trigger()
    assert done.args[0].sound
    assert notifier.infos[-1][0] == "Catalogue checked"
    assert "is sound: 10 records" in notifier.infos[-1][1]
    con = sqlite3.connect(sample_path)  # the kept count no longer agrees with the rows
    con.execute("UPDATE tally SET rows = rows + 5 WHERE name = 'aid_record'")
    con.commit()
    con.close()
    with qtbot.waitSignal(window.help.checked, timeout=30_000) as done:
        window.action(ActionId.CHECK).trigger()
    assert not done.args[0].sound
    assert notifier.errors[-1][0] == "The catalogue is damaged"
    assert "record tally" in notifier.errors[-1][1]


def test_the_first_launch_says_what_the_sample_is_once(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    welcomed: list[object],
) -> None:  # fmt: skip
    monkeypatch.setenv(app.DATA_DIR_VARIABLE, str(tmp_path / "data"))
    first = app.build_window([], settings, FakeFiles(), FakeNotifier())  # type: ignore[arg-type]
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: welcomed == [first])
    assert first.catalogue is not None and first.catalogue.counts()["records"] == 10
    first.close()
    again = app.build_window([], settings, FakeFiles(), FakeNotifier())  # type: ignore[arg-type]
    qtbot.addWidget(again)
    qtbot.wait(50)
    assert welcomed == [first]  # the catalogue exists now: no welcome again


@pytest.mark.parametrize("choice", ["empty", "import"])
def test_the_welcome_leads_to_an_empty_catalogue_or_an_import(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    choice: str,
) -> None:  # fmt: skip
    from aidviewer.ui.welcome import Choice

    monkeypatch.setenv(app.DATA_DIR_VARIABLE, str(tmp_path / "data"))
    files = FakeFiles()
    window = app.build_window([], settings, files, FakeNotifier(),  # type: ignore[arg-type]
                              ask=lambda parent: Choice(choice))  # fmt: skip
    qtbot.addWidget(window)
    started: list[object] = []
    window.data.import_file = lambda start=None: started.append(start)  # type: ignore[method-assign]
    made: list[object] = []
    window.new_catalogue = lambda: made.append(True) or True  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: bool(started or made))
    assert (made, started) == (([True], []) if choice == "empty" else ([], [None]))


def test_the_window_has_the_icon_at_every_size(qtbot: QtBot) -> None:
    from aidviewer.ui.welcome import ICON_SIZES, app_icon

    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert sizes == {(n, n) for n in ICON_SIZES}
