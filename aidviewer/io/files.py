"""Files an export writes: whole or not at all.

An export is written under a temporary name beside its target and renamed over it once
complete and on disk: a failure, a full disk or a Cancel leaves the target as it was
(an older export stays until the new one is whole) and nothing beside it.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

from aidviewer.store import CatalogueError

_BINARY = getattr(os, "O_BINARY", 0)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[TextIO]:
    """A text file (UTF-8, "\\n" line ends) that becomes `path` when the block ends
    without an exception. Failures to write are a CatalogueError with one sentence."""
    with _replacing(path, binary=False) as file:
        yield cast(TextIO, file)


@contextlib.contextmanager
def replacing_bytes(path: Path) -> Iterator[BinaryIO]:
    """`replacing` for a file of bytes."""
    with _replacing(path, binary=True) as file:
        yield cast(BinaryIO, file)


@contextlib.contextmanager
def _replacing(path: Path, *, binary: bool) -> Iterator[IO[Any]]:
    path = Path(path)
    if not path.parent.is_dir():
        raise CatalogueError(f"The folder for “{path.name}” does not exist.", path)
    temp: Path | None = None
    try:
        # Not mkstemp: its file is private, and an export gets the mode any new file gets.
        temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
        opened = (
            open(handle, "wb") if binary else open(handle, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        )
        with opened as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
        temp = None
    except OSError as error:
        raise CatalogueError(
            f"“{path.name}” could not be written: {error.strerror or error}.", path
        ) from error
    finally:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
