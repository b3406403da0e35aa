"""Running slow store work off the window's thread."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from aidviewer.store import CatalogueError


class _Done(QObject):
    # The error's sentence, or "" when the work succeeded.
    finished = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], None], done: _Done) -> None:
        super().__init__()
        self._work = work
        self._done = done

    def run(self) -> None:
        try:
            self._work()
        except CatalogueError as error:
            self._tell(error.message)
        except OSError as error:  # a full disk, a folder gone: a sentence too
            self._tell(error.strerror or str(error))
        else:
            self._tell("")

    def _tell(self, message: str) -> None:
        # RuntimeError: its window has been closed meanwhile, and nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            self._done.finished.emit(message)


def run_in_background(
    work: Callable[[], None],
    on_done: Callable[[str], None],
    parent: QObject,
    pool: QThreadPool | None = None,
) -> None:
    """Run `work` on a thread of `pool` (Qt's global one by default); `on_done` gets, on
    the window's thread, the CatalogueError's (or OSError's) sentence, or "" when it
    succeeded."""
    done = _Done(parent)
    done.finished.connect(on_done)
    done.finished.connect(done.deleteLater)
    (pool or QThreadPool.globalInstance()).start(_Task(work, done))
