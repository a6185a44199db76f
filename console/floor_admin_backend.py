"""The floor-setup editor's backend: database and file work on the background ops,
answers on the GUI thread (:class:`views.floor_setup_view.FloorSetupBackend`).

A refusal (no right, a logged-in agent removed, a bad file) is an expected answer,
not a fault: it travels back as a value and reaches the dialog as a message,
without the "background operation failed" log entry a real fault gets.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from console.app import Ops
from models.db import floor_admin
from models.db.engine import server_now
from models.domain import floorsetup
from models.domain.floorsetup import FloorSetup


@dataclass(frozen=True, slots=True)
class _Refused:
    message: str


class FloorAdminBackend:
    """Loads and saves the floor setup as ``operator_id``; the right to do so is
    checked by :func:`models.db.floor_admin.save_setup` in the database.

    ``now`` defaults to the database server's clock (one clock for every PC).
    """

    def __init__(self, engine: Engine, ops: Ops, operator_id: str, *,
                 workstation: str | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self.ops = ops
        self._operator_id = operator_id
        self.workstation = socket.gethostname() if workstation is None else workstation
        self._now = now

    @property
    def operator_id(self) -> str:
        return self._operator_id

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[str], None]) -> None:
        def done(result: Any) -> None:
            if isinstance(result, _Refused):
                on_error(result.message)
            else:
                on_done(result)

        self.ops.run(work, done, lambda e: on_error(fault_text(e)))

    def load_setup(self, on_done: Callable[[FloorSetup], None],
                   on_error: Callable[[str], None]) -> None:
        self._run(lambda: floor_admin.load_setup(self.engine), on_done, on_error)

    def save_setup(self, setup: FloorSetup, on_done: Callable[[FloorSetup], None],
                   on_error: Callable[[str], None]) -> None:
        def work() -> FloorSetup | _Refused:
            if self._now is not None:
                at = self._now()
            else:
                with self.engine.connect() as conn:
                    at = server_now(conn)
            try:
                res = floor_admin.save_setup(self.engine, self._operator_id, setup, at,
                                             self.workstation)
            except floor_admin.REFUSALS as e:
                return _Refused(str(e))
            return res.setup

        self._run(work, on_done, on_error)

    def parse_file(self, path: str, on_done: Callable[[FloorSetup], None],
                   on_error: Callable[[str], None], known_groups: Iterable[str] = ()) -> None:
        known = list(known_groups)

        def work() -> FloorSetup | _Refused:
            try:
                return floorsetup.read(path, known_groups=known)
            except floorsetup.FloorFileError as e:
                return _Refused(str(e))

        self._run(work, on_done, on_error)


def fault_text(e: Exception) -> str:
    """A fault as one line for the dialog (the log has the traceback)."""
    if isinstance(e, OperationalError | DBAPIError):
        orig = getattr(e, "orig", None)
        first = (str(orig or e).strip().splitlines() or [""])[0]
        return QCoreApplication.translate(
            "FloorSetup", "The floor database cannot be reached: {error}").format(error=first)
    return str(e) or type(e).__name__
