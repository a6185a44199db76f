"""The 我的分机… dialog's backend (issue #14): the signed-in supervisor's own extension
(:mod:`models.db.endpoints_db`), every call a background op.

Acts in the name of the operator signed in when the dialog opened (the dialog
closes when another operator signs in at this console). A refusal — a bad value,
no right — is an answer: its message goes to the request's ``refused`` as it is; anything
else is a fault, logged by :class:`console.ops.Ops`, shown as one line. Each call
returns a :class:`console.ops.Request` bound weakly to the dialog (issue #15: the
pattern the other dialogs are to follow).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from console.ops import Backend, Request
from models.db import endpoints_db, operators
from models.db.store import writing
from models.domain.endpoints import EndpointError, SupervisorEndpoint

log = logging.getLogger(__name__)


class EndpointsBackend(Backend):
    """:class:`views.endpoint_dialog.EndpointSource` on the floor database."""

    def load(self, owner: QObject) -> Request:
        """The operator's extension (``None``: not set yet), for ``owner``."""
        op = self.operator_id

        def work() -> SupervisorEndpoint | None:
            with self.engine.connect() as conn:
                return endpoints_db.get_endpoint(conn, op)

        return self.request(owner, work)

    def save(self, owner: QObject, endpoint: str, context: str, exten: str) -> Request:
        """Set the operator's extension; a value the rules refuse is an answer."""
        op, at, ws = self.operator_id, self.now(), self.workstation

        def work() -> SupervisorEndpoint:
            with writing(self.engine).begin() as conn:
                return endpoints_db.set_supervisor_endpoint(
                    conn, op, endpoint, context, exten, by=op, at=at, workstation=ws)

        log.debug("extension set by %s", op)
        return self.request(owner, work, (EndpointError, operators.OperatorError))
