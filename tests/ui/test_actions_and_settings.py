"""Actions have unique standard shortcuts; settings are typed and keep their groups."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from window_helpers import WindowFactory

from aidviewer.ui.actions import ActionId, make_actions
from aidviewer.ui.settings import MAX_RECENT, Settings


def test_no_two_actions_share_a_shortcut(make_window: WindowFactory) -> None:
    window = make_window()
    seen: dict[str, str] = {}
    for action in window.findChildren(type(window.action(ActionId.NEW))):
        for shortcut in action.shortcuts():
            key = shortcut.toString(QKeySequence.SequenceFormat.PortableText)
            assert key not in seen, f"{key} is both {seen[key]} and {action.objectName()}"
            seen[key] = action.objectName()


def test_standard_shortcuts(make_window: WindowFactory) -> None:
    window = make_window()
    actions = make_actions(window)
    for action_id, standard in [
        (ActionId.NEW, QKeySequence.StandardKey.New),
        (ActionId.OPEN, QKeySequence.StandardKey.Open),
        (ActionId.CLOSE, QKeySequence.StandardKey.Close),
        (ActionId.QUIT, QKeySequence.StandardKey.Quit),
    ]:
        assert actions[action_id].shortcuts() == QKeySequence.keyBindings(standard)
    assert actions[ActionId.NEW].text() == "&New…"
    assert actions[ActionId.CLEAR_RECENT].shortcuts() == []


def test_recent_files_are_in_their_own_group(tmp_path: Path) -> None:
    ini = tmp_path / "s.ini"
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    for number in range(MAX_RECENT + 2):
        settings.add_recent_file(tmp_path / f"{number}.aidb")
    settings.add_recent_file(tmp_path / "3.aidb")  # reopened: moves to the top, once
    recent = settings.recent_files()
    assert recent[0] == tmp_path / "3.aidb"
    assert len(recent) == MAX_RECENT == len(set(recent))
    settings.remove_recent_file(tmp_path / "3.aidb")
    settings.sync()
    raw = QSettings(str(ini), QSettings.Format.IniFormat)
    assert raw.childGroups() == ["recent"]
    assert Settings(raw).recent_files() == recent[1:]
    # A single entry reads back as a list too (QSettings returns a bare string for a
    # one-element list in INI files; the array format avoids that).
    settings.clear_recent_files()
    settings.add_recent_file(tmp_path / "only.aidb")
    assert Settings(QSettings(str(ini), QSettings.Format.IniFormat)).recent_files() == [
        tmp_path / "only.aidb"
    ]


def test_window_settings_are_in_the_window_group(
    make_window: WindowFactory, sample_path: Path, settings_path: Path
) -> None:
    window = make_window()
    window.open_catalogue(sample_path)
    window.catalogue_view.show_page("meetings")  # the meetings table is seen too
    window.close()
    raw = QSettings(str(settings_path), QSettings.Format.IniFormat)
    # "backups" is the tests' own choice (no automatic backups), made in their fixture.
    assert sorted(raw.childGroups()) == ["backups", "recent", "window"]
    raw.beginGroup("window")
    assert {"geometry", "state", "header_records", "header_meetings"} <= set(raw.childKeys())
