"""The 我的分机… dialog's backend (issue #14): the signed-in supervisor's own extension
(:mod:`models.db.endpoints_db`), every call a background op.

Acts in the name of the operator signed in when the dialog opened (the dialog
closes when another operator signs in at this console). A refusal — a bad value,
no right — is an answer: its message goes to ``on_error`` as it is; anything else
is a fault, logged by :class:`console.ops.Ops`, shown as one line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from console.ops import Backend
from models.db import endpoints_db, operators
from models.db.store import writing
from models.domain.endpoints import EndpointError, SupervisorEndpoint

log = logging.getLogger(__name__)


class EndpointsBackend(Backend):
    """:class:`views.endpoint_dialog.EndpointSource` on the floor database."""

    def load(self, on_done: Callable[[SupervisorEndpoint | None], None],
             on_error: Callable[[str], None]) -> None:
        op = self.operator_id

        def work() -> SupervisorEndpoint | None:
            with self.engine.connect() as conn:
                return endpoints_db.get_endpoint(conn, op)

        self.ops.run_answer(work, on_done, on_error)

    def save(self, endpoint: str, context: str, exten: str,
             on_done: Callable[[SupervisorEndpoint], None],
             on_error: Callable[[str], None]) -> None:
        op, at, ws = self.operator_id, self.now(), self.workstation

        def work() -> SupervisorEndpoint:
            with writing(self.engine).begin() as conn:
                return endpoints_db.set_supervisor_endpoint(
                    conn, op, endpoint, context, exten, by=op, at=at, workstation=ws)

        log.debug("extension set by %s", op)
        self.ops.run_answer(work, on_done, on_error,
                            (EndpointError, operators.OperatorError))
