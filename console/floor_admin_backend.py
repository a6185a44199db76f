"""The floor-setup editor's backend: database and file work on the background ops,
answers on the GUI thread (:class:`views.floor_setup_view.FloorSetupBackend`).

A refusal (no right, a logged-in agent removed, a bad file) is an expected answer,
not a fault: it travels back as a value and reaches the dialog as a message,
without the "background operation failed" log entry a real fault gets.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from console.app import Ops
from models.db import floor_admin
from models.db.engine import server_now
from models.domain import floorsetup
from models.domain.floorsetup import FloorSetup


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
        self.ops.run_answer(work, on_done, on_error,
                            (*floor_admin.REFUSALS, floorsetup.FloorFileError))

    def load_setup(self, on_done: Callable[[FloorSetup], None],
                   on_error: Callable[[str], None]) -> None:
        self._run(lambda: floor_admin.load_setup(self.engine), on_done, on_error)

    def save_setup(self, setup: FloorSetup, on_done: Callable[[FloorSetup], None],
                   on_error: Callable[[str], None]) -> None:
        def work() -> FloorSetup:
            if self._now is not None:
                at = self._now()
            else:
                with self.engine.connect() as conn:
                    at = server_now(conn)
            return floor_admin.save_setup(self.engine, self._operator_id, setup, at,
                                          self.workstation).setup

        self._run(work, on_done, on_error)

    def parse_file(self, path: str, on_done: Callable[[FloorSetup], None],
                   on_error: Callable[[str], None], known_groups: Iterable[str] = ()) -> None:
        known = list(known_groups)

        self._run(lambda: floorsetup.read(path, known_groups=known), on_done, on_error)
