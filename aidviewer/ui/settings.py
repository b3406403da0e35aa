"""The window's settings, declared once and typed, behind one QSettings adapter.

Window and header geometry live in the "window" group, recent files in "recent".
Settings that belong to one catalogue live in the catalogue, not here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class Settings:
    """Typed access to a QSettings; tests pass one backed by a temporary INI file."""

    def __init__(self, store: QSettings) -> None:
        self._store = store

    @property
    def store(self) -> QSettings:
        return self._store

    def sync(self) -> None:
        self._store.sync()

    # -- window ---------------------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes | bytearray) and value:
            return QByteArray(bytes(value))
        return None

    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_window_geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    def header_state(self, table: str) -> QByteArray | None:
        return self._bytes(f"window/header_{table}")

    def set_header_state(self, table: str, value: QByteArray) -> None:
        self._store.setValue(f"window/header_{table}", value)

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"window/splitter_{name}")

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"window/splitter_{name}", value)

    # -- recent files ---------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Most recent first, at most MAX_RECENT, without duplicates."""
        paths: list[Path] = []
        count = self._store.beginReadArray("recent")
        try:
            for index in range(count):
                self._store.setArrayIndex(index)
                value = self._store.value("path")
                if isinstance(value, str) and value and Path(value) not in paths:
                    paths.append(Path(value))
        finally:
            self._store.endArray()
        return paths[:MAX_RECENT]

    def _set_recent_files(self, paths: list[Path]) -> None:
        self._store.remove("recent")
        self._store.beginWriteArray("recent", len(paths))
        try:
            for index, path in enumerate(paths):
                self._store.setArrayIndex(index)
                self._store.setValue("path", str(path))
        finally:
            self._store.endArray()

    def add_recent_file(self, path: Path) -> None:
        path = path.absolute()
        others = [p for p in self.recent_files() if p != path]
        self._set_recent_files([path, *others][:MAX_RECENT])

    def remove_recent_file(self, path: Path) -> None:
        self._set_recent_files([p for p in self.recent_files() if p != path.absolute()])

    def clear_recent_files(self) -> None:
        self._set_recent_files([])

    # -- the person -------------------------------------------------------------------------

    def staff_name(self) -> str | None:
        """The name notes and history are signed with; None until the person gave it."""
        value = self._store.value("person/staff_name")
        return value.strip() if isinstance(value, str) and value.strip() else None

    def set_staff_name(self, name: str) -> None:
        self._store.setValue("person/staff_name", name.strip())

    # -- reports --------------------------------------------------------------------------

    def report_folder(self) -> Path | None:
        """Where the last report was saved."""
        value = self._store.value("reports/folder")
        return Path(value) if isinstance(value, str) and value else None

    def set_report_folder(self, folder: Path) -> None:
        self._store.setValue("reports/folder", str(folder))

    # -- import and export ------------------------------------------------------------------

    def import_folder(self) -> Path | None:
        """Where the last file was imported from or exported to."""
        value = self._store.value("import/folder")
        return Path(value) if isinstance(value, str) and value else None

    def set_import_folder(self, folder: Path) -> None:
        self._store.setValue("import/folder", str(folder))

    def column_mapping(self, headers: list[str]) -> dict[str, str]:
        """The fields a person chose for these headers last time (header -> field)."""
        value = self._store.value(f"import/mapping/{_headers_key(headers)}")
        if not isinstance(value, str):
            return {}
        try:
            found = json.loads(value)
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}

    def set_column_mapping(self, headers: list[str], mapping: dict[str, str]) -> None:
        self._store.setValue(
            f"import/mapping/{_headers_key(headers)}", json.dumps(mapping, sort_keys=True)
        )

    # -- preferences (Edit > Preferences…) -------------------------------------------------

    def default_page_size(self) -> str:
        """A4 or Letter: the page reports start on."""
        value = self._store.value("reports/page_size")
        return value if value in ("A4", "Letter") else "A4"

    def set_default_page_size(self, value: str) -> None:
        self._store.setValue("reports/page_size", value if value in ("A4", "Letter") else "A4")

    def language(self) -> str:
        """ "" to follow the system, else a language code such as "en"."""
        value = self._store.value("person/language")
        return value if isinstance(value, str) else ""

    def set_language(self, value: str) -> None:
        self._store.setValue("person/language", value)

    def backup_folder(self) -> Path | None:
        """Where backups go; None for the folder beside each catalogue."""
        value = self._store.value("backups/folder")
        return Path(value) if isinstance(value, str) and value else None

    def set_backup_folder(self, folder: Path | None) -> None:
        self._store.setValue("backups/folder", str(folder) if folder else "")

    def backups_kept(self) -> int:
        """How many recent backups are kept (besides the daily, weekly and monthly ones)."""
        try:
            value = int(str(self._store.value("backups/recent", 10)))
        except ValueError:
            return 10
        return min(max(value, 1), 100)

    def set_backups_kept(self, count: int) -> None:
        self._store.setValue("backups/recent", min(max(int(count), 1), 100))

    def automatic_backups(self) -> bool:
        """Whether backups are made by themselves (on opening, once a day, and on
        closing a changed catalogue)."""
        return str(self._store.value("backups/automatic", "true")).lower() == "true"

    def set_automatic_backups(self, value: bool) -> None:
        self._store.setValue("backups/automatic", "true" if value else "false")

    def open_last_on_start(self) -> bool:
        """Whether aidviewer starts on the catalogue open last, rather than your own."""
        return str(self._store.value("start/open_last", "true")).lower() == "true"

    def set_open_last_on_start(self, value: bool) -> None:
        self._store.setValue("start/open_last", "true" if value else "false")


def _headers_key(headers: list[str]) -> str:
    """A key for a table's headers: the same columns, in any case, give the same key."""
    plain = "\x1f".join(" ".join(h.casefold().split()) for h in headers)
    return hashlib.sha1(plain.encode("utf-8")).hexdigest()[:16]
