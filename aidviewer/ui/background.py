"""Running slow store work off the window's thread."""

from __future__ import annotations

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
            self._done.finished.emit(error.message)
        else:
            self._done.finished.emit("")


def run_in_background(
    work: Callable[[], None], on_done: Callable[[str], None], parent: QObject
) -> None:
    """Run `work` on a pool thread; `on_done` gets, on the window's thread, the
    CatalogueError's sentence or "" when it succeeded."""
    done = _Done(parent)
    done.finished.connect(on_done)
    done.finished.connect(done.deleteLater)
    QThreadPool.globalInstance().start(_Task(work, done))
