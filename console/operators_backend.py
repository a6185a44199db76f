"""The operators dialog's backend: :class:`views.operators_view.OperatorAdmin` on
:mod:`models.db.operators`, every call a background op (scrypt is slow on
purpose, and the database may be far away).

Every request is checked against the signed-in operator first, in the same
transaction as the change: the list too (who works here and who can unlock whom
is for administrators), and a new operator too (models.db.operators only gates
creation once the floor has an administrator; this console is never the way to
make the first one). A refusal (``OperatorError``: no right, the last
administrator, a duplicate 工号 …) is an expected answer: it goes to the request's
``refused`` as its bilingual message and is logged without a traceback. Anything else is a
fault: Ops logs it, the person reads one line.

Passwords go from the dialog straight to models.db.operators; they are never
logged, and a failed statement's parameters (the new hash) are hidden before
the error is logged or shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QObject
from sqlalchemy import Connection
from sqlalchemy.exc import StatementError

from console.ops import Backend, Request
from models.db import operators
from models.db.store import writing
from models.domain.roles import Operator, Right, Role

log = logging.getLogger(__name__)

T = TypeVar("T")


class OperatorsBackend(Backend):
    """Operator administration in the name of ``operator_id`` (the ``by`` of every
    audit row). ``now`` is called on the GUI thread when a request is made."""

    # ---- the requests

    def list_operators(self, owner: QObject) -> Request:
        def work() -> list[Operator]:
            with self.engine.connect() as conn:
                self._check_right(conn)
                return operators.list_operators(conn)

        return self._ask(owner, "list operators", work)

    def create_operator(self, owner: QObject, operator_id: str, name: str, password: str,
                        roles: frozenset[Role]) -> Request:
        ws = self.workstation
        return self._change(owner, "create operator", lambda conn, by, at:
                            operators.create_operator(conn, operator_id, name, password, roles,
                                                      by=by, now=at, workstation=ws))

    def set_roles(self, owner: QObject, operator_id: str, roles: frozenset[Role]) -> Request:
        ws = self.workstation
        return self._change(owner, "set roles", lambda conn, by, at: operators.set_roles(
            conn, operator_id, roles, by=by, now=at, workstation=ws))

    def reset_password(self, owner: QObject, operator_id: str, password: str) -> Request:
        ws = self.workstation
        return self._change(owner, "reset password", lambda conn, by, at:
                            operators.reset_password(conn, operator_id, password, by=by,
                                                     now=at, workstation=ws))

    def unlock(self, owner: QObject, operator_id: str) -> Request:
        ws = self.workstation
        return self._change(owner, "unlock", lambda conn, by, at: operators.unlock(
            conn, operator_id, by=by, now=at, workstation=ws))

    def set_disabled(self, owner: QObject, operator_id: str, disabled: bool) -> Request:
        ws = self.workstation
        return self._change(owner, "disable" if disabled else "enable",
                            lambda conn, by, at: operators.set_disabled(
                                conn, operator_id, disabled, by=by, now=at, workstation=ws))

    # ---- plumbing

    def _check_right(self, conn: Connection) -> None:
        """The same refusal as models.db.operators gives a change, for every request
        (the list too; and creation, which operators.py leaves open while a floor has
        no administrator: this console is never the way to make the first one)."""
        operators.require(conn, self.operator_id, Right.ADMINISTER_OPERATORS)

    def _change(self, owner: QObject, what: str,
                fn: Callable[[Connection, str, datetime], Operator]) -> Request:
        by, at = self.operator_id, self.now()

        def work() -> Operator:
            with writing(self.engine).begin() as conn:
                self._check_right(conn)
                return fn(conn, by, at)

        return self._ask(owner, what, work)

    def _ask(self, owner: QObject, what: str, fn: Callable[[], T]) -> Request:
        def work() -> T:
            try:
                return fn()
            except StatementError as e:
                e.hide_parameters = True  # a new password's hash is among them
                raise

        log.debug("%s by %s", what, self.operator_id)
        return self.request(owner, work, (operators.OperatorError,))
