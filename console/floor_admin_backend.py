"""The floor-setup editor's backend: database and file work on the background ops,
answers on the GUI thread (:class:`views.floor_setup_view.FloorSetupBackend`).

A refusal (no right, a logged-in agent removed, a bad file) is an expected answer,
not a fault: it travels back as a value and reaches the dialog as a message,
without the "background operation failed" log entry a real fault gets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from console.ops import Backend
from models.db import floor_admin
from models.domain import floorsetup
from models.domain.floorsetup import FloorSetup


class FloorAdminBackend(Backend):
    """Loads and saves the floor setup as the context's operator; the right to do so
    is checked by :func:`models.db.floor_admin.save_setup` in the database. The time
    of a change is the context's clock (the console's: the floor's)."""

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
            return floor_admin.save_setup(self.engine, self.operator_id, setup, self.now(),
                                          self.workstation).setup

        self._run(work, on_done, on_error)

    def parse_file(self, path: str, on_done: Callable[[FloorSetup], None],
                   on_error: Callable[[str], None], known_groups: Iterable[str] = ()) -> None:
        known = list(known_groups)

        self._run(lambda: floorsetup.read(path, known_groups=known), on_done, on_error)
