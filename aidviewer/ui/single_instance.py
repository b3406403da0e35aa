"""One aidviewer per person: a second launch hands its file to the first and ends.

Double-clicking a catalogue while aidviewer runs must not start a second process on the
same file (two windows, two undo histories, one file). The first instance listens on a
local socket named for the user; a later launch connects, sends the file it was given
(one line of JSON) and ends once the first has taken it. When nobody listens (the first
has ended, or crashed and left a stale socket), the later launch becomes the first.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

# Set to give tests (and a second profile) a listening name of their own.
NAME_VARIABLE = "AIDVIEWER_INSTANCE_NAME"
TIMEOUT_MS = 1500
MAX_MESSAGE = 64 * 1024


def instance_name() -> str:
    """The socket's name: one per user (and per data folder, so that a test profile
    does not meet the person's own aidviewer)."""
    given = os.environ.get(NAME_VARIABLE)
    if given:
        return given
    where = os.environ.get("AIDVIEWER_DATA_DIR", "")
    digest = hashlib.sha1(f"{getpass.getuser()}\x1f{where}".encode()).hexdigest()[:12]
    return f"aidviewer-{digest}"


def hand_over(path: Path | None, name: str | None = None) -> bool:
    """Give `path` (None: just show yourself) to an aidviewer already running; whether
    one took it."""
    socket = QLocalSocket()
    socket.connectToServer(name or instance_name())
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    message = {"open": str(path.resolve()) if path is not None else ""}
    socket.write(json.dumps(message).encode("utf-8") + b"\n")
    socket.flush()  # often writes it all at once: then there is nothing left to wait for
    if socket.bytesToWrite() and not socket.waitForBytesWritten(TIMEOUT_MS):
        socket.abort()
        return False
    taken = socket.waitForReadyRead(TIMEOUT_MS) and bytes(socket.readAll().data()).startswith(b"ok")
    socket.disconnectFromServer()
    return taken


class InstanceServer(QObject):
    """Listens for later launches. `openRequested` carries the file a later launch was
    given ("" when it was given none: the window should just come to the front)."""

    openRequested = Signal(str)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or instance_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)

    def listen(self) -> bool:
        """Start listening; a stale socket left by a crashed instance is removed first
        (the caller has checked, by `hand_over`, that nobody answers on it)."""
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                return
            socket.readyRead.connect(lambda socket=socket: self._read(socket))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():  # the message came with the connection
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE:
                socket.abort()
            return
        line = bytes(socket.readLine(MAX_MESSAGE).data())
        try:
            message = json.loads(line.decode("utf-8"))
            path = str(message.get("open", "")) if isinstance(message, dict) else ""
        except (ValueError, UnicodeDecodeError):
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.openRequested.emit(path)

    def close(self) -> None:
        self.server.close()
