"""The floor-setup editor's backend: database and file work on the background ops,
answers on the GUI thread through a :class:`console.ops.Request` bound weakly to the
dialog (:class:`views.floor_setup_view.FloorSetupBackend`).

A refusal (no right, a logged-in agent removed, a bad file) is an expected answer,
not a fault: it travels back as a value and reaches the dialog as a message,
without the "background operation failed" log entry a real fault gets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject

from console.ops import Backend, Request
from models.db import floor_admin
from models.domain import floorsetup
from models.domain.floorsetup import FloorSetup


class FloorAdminBackend(Backend):
    """Loads and saves the floor setup as the context's operator; the right to do so
    is checked by :func:`models.db.floor_admin.save_setup` in the database. The time
    of a change is the context's clock (the console's: the floor's)."""

    def _ask(self, owner: QObject, work: Callable[[], Any]) -> Request:
        return self.request(owner, work, (*floor_admin.REFUSALS, floorsetup.FloorFileError))

    def load_setup(self, owner: QObject) -> Request:
        return self._ask(owner, lambda: floor_admin.load_setup(self.engine))

    def save_setup(self, owner: QObject, setup: FloorSetup) -> Request:
        by, at, ws = self.operator_id, self.now(), self.workstation

        def work() -> FloorSetup:
            return floor_admin.save_setup(self.engine, by, setup, at, ws).setup

        return self._ask(owner, work)

    def parse_file(self, owner: QObject, path: str, known_groups: Iterable[str] = ()) -> Request:
        known = list(known_groups)
        return self._ask(owner, lambda: floorsetup.read(path, known_groups=known))
