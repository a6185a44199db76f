"""Each supervisor's own extension in the floor database (issue #14, "Floor mapping").

A supervisor sets their own (the console's 我的分机…); an administrator may set
anyone's. The right is read from the database in the caller's transaction, never
trusted from the caller, and the change and its audit row (``endpoint_set``, with
the values before and after) commit together.

Least privilege (``seatwatch db roles``): the console role may SELECT, INSERT and
UPDATE this table, the host SELECT only. PostgreSQL checks rights per table, not per
row, without row-level security: a console connection could write another
operator's row with its own SQL. The rule "only your own, unless you administer
operators" is enforced here, in every program's path, and each change names its
author in the audit log; a floor that needs it enforced by the database adds an RLS
policy on ``operator``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models.db import audit as auditlog
from models.db import operators
from models.db.schema import SupervisorEndpointRow, utc
from models.domain import endpoints
from models.domain.endpoints import SupervisorEndpoint
from models.domain.roles import Right
from models.domain.texts import QT_TRANSLATE_NOOP

AUDIT_ACTION = "endpoint_set"


def supervisor_endpoint(conn: Connection, operator: str) -> tuple[str, str, str] | None:
    """(endpoint, context, exten) of ``operator``; None when none is set."""
    row = conn.execute(select(SupervisorEndpointRow.endpoint, SupervisorEndpointRow.context,
                              SupervisorEndpointRow.exten)
                       .where(SupervisorEndpointRow.operator == operator)).first()
    return None if row is None else (row.endpoint, row.context, row.exten)


def get_endpoint(conn: Connection, operator: str) -> SupervisorEndpoint | None:
    """The stored row with who set it and when (the dialog shows it)."""
    r = conn.execute(select(*SupervisorEndpointRow.__table__.columns)
                     .where(SupervisorEndpointRow.operator == operator)).first()
    if r is None:
        return None
    return SupervisorEndpoint(r.operator, r.endpoint, r.context, r.exten, r.set_by,
                              utc(r.set_at) or r.set_at)


def set_supervisor_endpoint(conn: Connection, operator: str, endpoint: str, context: str,
                            exten: str, by: str, at: datetime, *,
                            workstation: str = "") -> SupervisorEndpoint:
    """Store ``operator``'s extension in the caller's transaction, audited.

    Refused (nothing written) with :class:`models.domain.endpoints.EndpointError` for
    a bad value, :class:`models.db.operators.NotAllowed` when ``by`` may not set it
    (their own needs the supervisor controls' right, another's the administrators'),
    :class:`models.db.operators.OperatorError` for an unknown operator.
    """
    endpoint, context, exten = endpoints.validate(endpoint, context, exten)
    if by == operator:
        operators.require(conn, by, Right.SUPERVISOR_CONTROLS)
    else:
        operators.require(conn, by, Right.ADMINISTER_OPERATORS)
        if operators.get_operator(conn, operator) is None:
            raise operators.OperatorError(QT_TRANSLATE_NOOP(
                "Operators", "Operator {operator} does not exist").format(operator=operator))
    before = supervisor_endpoint(conn, operator)
    values = {"operator": operator, "endpoint": endpoint, "context": context, "exten": exten,
              "set_by": by[:80], "set_at": at}
    ins = (pg_insert(SupervisorEndpointRow) if conn.dialect.name == "postgresql"
           else sqlite_insert(SupervisorEndpointRow)).values(**values)
    conn.execute(ins.on_conflict_do_update(
        index_elements=["operator"],
        set_={k: v for k, v in values.items() if k != "operator"}))
    detail: dict[str, object] = {"endpoint": endpoint, "context": context, "exten": exten}
    if before is not None:
        detail["before"] = {"endpoint": before[0], "context": before[1], "exten": before[2]}
    auditlog.audit(conn, at=at, operator=by, action=AUDIT_ACTION, target=operator,
                   detail=detail, result="ok", workstation=workstation)
    return SupervisorEndpoint(operator, endpoint, context, exten, by[:80], at)
