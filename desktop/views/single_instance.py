"""One window per database on a PC: a second start brings the running window forward instead of
opening another (two windows on one file each took the other's log rollover, and a user who does not
see the first window starts the program again and again)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.paths import logs_dir

SHOW = b"show"


def _key(db_path: Path) -> str:
    digest = hashlib.sha1(str(db_path.absolute()).encode("utf-8")).hexdigest()[:16]
    return f"towncentre-{digest}"


class SingleInstance(QObject):
    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        folder = logs_dir(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        self.name = _key(db_path)
        self.lock = QLockFile(str(folder / "towncentre-window.lock"))
        self.lock.setStaleLockTime(0)  # a lock left by a killed window is taken over (its PID is gone)
        self.server: QLocalServer | None = None
        self.on_show: Callable[[], None] = lambda: None

    def acquire(self) -> bool:
        """True for the first window; it then listens for later starts asking it to come forward."""
        if not self.lock.tryLock(200):
            return False
        QLocalServer.removeServer(self.name)  # a socket a killed window left behind
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._connected)
        self.server.listen(self.name)
        return True

    def ask_running_window_to_show(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(1000):
            return False
        socket.write(SHOW)
        socket.flush()
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def _connected(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(SHOW):
            self.on_show()
        socket.deleteLater()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()
