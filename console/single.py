"""One console per operator per PC (issue #19, "Desktop details").

A second ``seatwatch console`` for the same operator, by the same OS user on the
same PC, brings the running window forward instead of opening another. The
operator is known only after sign-in, so the check happens there: after the
sign-in dialog is accepted and before the console's window is built (nothing of
the second console is on screen but its sign-in). The second process tells the
first over a QLocalSocket, writes one line on stderr and exits 0.

The name is a hash of the OS user and the operator id: on Windows a named pipe
(per session names are Qt's), on Linux/macOS a socket in the user's runtime
folder. A socket left behind by a console that crashed answers no connection; it
is removed (``QLocalServer.removeServer``) and the new console listens in its
place.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

#: what the second console says to the first
RAISE = b"raise\n"
#: how long the second console waits for the first one's answer (a busy GUI thread
#: answers within the event loop's next turn; a dead one never)
CONNECT_MS = 1500
#: how long it waits for the first one to say it came forward
ANSWER_MS = 10_000


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name known: the home folder says who
        return os.path.expanduser("~")


def instance_name(operator_id: str, user: str | None = None) -> str:
    """The local server's name for ``operator_id`` under this OS user: a hash (an
    operator id may hold characters a pipe or socket name may not)."""
    key = f"{user if user is not None else _os_user()}\0{operator_id}".encode()
    name = "seatwatch-console-" + hashlib.sha256(key).hexdigest()[:24]
    if sys.platform.startswith("win"):
        return name  # a named pipe
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    return os.path.join(runtime, name) if runtime else name


def tell_running(name: str, timeout_ms: int = CONNECT_MS) -> bool:
    """Ask the console listening at ``name`` to come forward; True when one is there
    (then this process is the second one)."""
    if sys.platform.startswith("win"):
        # the program the person just started may hand the foreground on: without
        # this, Windows only flashes the first console's taskbar button
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # type: ignore[attr-defined]  # ASFW_ANY
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return False
    # connected: a console is there (a stale socket refuses the connection), even
    # if its GUI thread is too busy to answer at once — never start a second one
    sock.write(RAISE)
    if sock.bytesToWrite():  # flush() may have written it all: nothing left to wait for
        sock.waitForBytesWritten(timeout_ms)
    if not (sock.waitForReadyRead(ANSWER_MS) and bytes(sock.readAll().data()).startswith(b"ok")):
        log.warning("the console at %s took the connection but did not answer", name)
    sock.disconnectFromServer()
    return True


class SingleConsole(QObject):
    """The first console's side: listens at its operator's name; ``raise_requested``
    when a second console of the same operator starts on this PC."""

    raise_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)
        self.name: str | None = None

    def listen(self, name: str) -> bool:
        """Listen at ``name`` (again after a shift change: the new operator's), taking
        the place of a stale socket a crashed console left. False (logged) when it
        cannot: the console runs anyway, only without this check."""
        if self.server.isListening():
            self.server.close()
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # stale: nobody answered at it
            if not self.server.listen(name):
                log.warning("one console per operator: cannot listen at %s: %s", name,
                            self.server.errorString())
                self.name = None
                return False
        self.name = name
        return True

    def close(self) -> None:
        self.server.close()
        self.name = None

    def _connected(self) -> None:
        while (sock := self.server.nextPendingConnection()) is not None:
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        line = bytes(sock.readLine().data())
        if line == RAISE:
            sock.write(b"ok\n")
            sock.flush()
            log.info("a second console of the same operator started: brought forward")
            self.raise_requested.emit()


def claim(name: str, listener: SingleConsole,
          tell: Callable[[str], bool] = tell_running) -> bool:
    """True when this process is the operator's console on this PC (it now listens
    at ``name``); False when another one answered and came forward."""
    if tell(name):
        return False
    if listener.server.listen(name):
        listener.name = name
        return True
    if tell(name):  # one started between our question and our listen: it answers now
        return False
    listener.listen(name)  # a stale socket: removed, and listened at in its place
    return True
