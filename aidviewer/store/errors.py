"""Errors the store raises.

`CatalogueError` and its subclasses are meant for people: their message is one plain
sentence that the window shows in a dialog and the command line prints on stderr.
Anything else escaping the store is a bug.
"""

from __future__ import annotations

from pathlib import Path


class CatalogueError(Exception):
    """A failure the user can understand and act on."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class NotACatalogueError(CatalogueError):
    """The file is not an aidviewer catalogue (text, another program's database, empty)."""


class DamagedError(CatalogueError):
    """The file is an aidviewer catalogue but is truncated or corrupt."""


class NewerVersionError(CatalogueError):
    """The file was written by a newer aidviewer with a schema this one does not know."""


class MigrationError(CatalogueError):
    """Bringing an older catalogue up to date failed; it stays at its old version."""


class ReadOnlyError(CatalogueError):
    """The file or its folder cannot be written."""


class LockedError(CatalogueError):
    """Another program holds a lock on the file for longer than the busy timeout."""


class DiskFullError(CatalogueError):
    """The disk is full: nothing was saved."""


class StorageError(CatalogueError):
    """The operating system reported an I/O error while reading or writing."""


class NotFoundError(CatalogueError):
    """The row asked for does not exist (any more)."""


class ConflictError(CatalogueError):
    """A save or delete was based on a version that someone else has since changed."""

    def __init__(
        self,
        message: str,
        *,
        entity: str,
        entity_id: int,
        expected_version: int,
        current_version: int | None,
        changed_by: str | None = None,
        changed_at: str | None = None,
    ) -> None:
        super().__init__(message)
        self.entity = entity
        self.entity_id = entity_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at


class InvalidValueError(CatalogueError):
    """A value does not fit the catalogue (empty title, unknown stage, negative quantity)."""
