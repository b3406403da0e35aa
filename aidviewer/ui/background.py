"""Running slow store work off the window's thread."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from aidviewer.store import CatalogueError

T = TypeVar("T")


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


class _Ended(QObject):
    ended = Signal()


def wait_for(work: Callable[[], T], parent: QWidget, text: str) -> T:
    """Run `work` on a thread of its own and wait for it while the window's events go
    on; when it takes more than half a second, a progress dialog (with no Cancel: the
    work cannot stop halfway) says what is being waited for. Gives back what `work`
    returned, or raises what it raised, on the window's thread."""
    result: list[T] = []
    failure: list[BaseException] = []
    ended = _Ended()
    loop = QEventLoop()
    ended.ended.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:  # handed to the caller, on the window's thread
            failure.append(error)
        finally:
            ended.ended.emit()

    worker = threading.Thread(target=run, name="aidviewer-wait", daemon=True)
    progress = QProgressDialog(parent)
    label = QLabel(text, progress)
    label.setTextFormat(Qt.TextFormat.PlainText)  # it may name a file: shown as it is
    progress.setLabel(label)
    progress.setRange(0, 0)
    progress.setWindowTitle(QCoreApplication.translate("background", "Please wait"))
    progress.setAccessibleName(text)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    progress.setValue(0)  # the half second is counted from here
    worker.start()
    try:
        # The window paints and its timers run, but clicks and keys wait until the work
        # is done: nothing the person does can start a second piece of work meanwhile.
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        worker.join()
        progress.reset()
        progress.deleteLater()
    if failure:
        raise failure[0]
    return result[0]
