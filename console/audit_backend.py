"""The audit dialog's backend: the database functions of ``models.db.audit_query``
as requests (:class:`console.ops.Request`), answered on the GUI thread.

Known faults — no right, the database unreachable, a file that cannot be
written — are refusals with a text fit to show, logged as one line; anything
else is a bug, logged with its traceback by :class:`~console.ops.Ops` and still
shown as one line, never raised into Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from console.ops import Backend, BackendContext, Request
from models.db import audit_query
from models.db.audit import SHANGHAI
from models.db.audit_query import AuditFilter
from models.db.operators import OperatorError
from views.audit_view import AuditQuery
from views.msg import tr_msg

log = logging.getLogger(__name__)

#: rows a search shows at most (the export has no limit)
SEARCH_LIMIT = 1000


class AuditError(Exception):
    """An answer the dialog shows as it is."""


def to_filter(q: AuditQuery) -> AuditFilter:
    return AuditFilter(start=q.start, end=q.end, operator=q.operator, agent=q.agent,
                       action=q.action)


def error_text(e: Exception, path: str | None = None) -> str:
    """What the person at the console is told (on the GUI thread: it translates)."""
    if isinstance(e, AuditError | OperatorError):
        return tr_msg(e)
    if isinstance(e, DBAPIError | SQLAlchemyError):
        orig = getattr(e, "orig", None)
        first = (str(orig or e).strip().splitlines() or [""])[0]
        return QCoreApplication.translate(
            "AuditDialog", "The floor database cannot be reached: {error}").format(error=first)
    if isinstance(e, OSError):
        return QCoreApplication.translate("AuditDialog", "Cannot write {path}: {error}").format(
            path=path or e.filename or "", error=e.strerror or str(e))
    return f"{type(e).__name__}: {e}"


class AuditBackend(Backend):
    """:class:`views.audit_view.AuditSource` for one signed-in operator.

    The operator's right to read the log is checked by the database functions on
    every call (never here), so a stale console cannot read what its operator
    may no longer see.
    """

    def __init__(self, ctx: BackendContext, *, tz: ZoneInfo = SHANGHAI,
                 limit: int = SEARCH_LIMIT) -> None:
        super().__init__(ctx)
        self.tz = tz
        self.limit = limit

    def search_audit(self, owner: QObject, query: AuditQuery) -> Request:
        """Answers ``(rows, truncated)``: the newest rows first, and whether the limit
        cut more off."""
        flt, by, limit = to_filter(query), self.operator_id, self.limit
        return self._ask(owner, lambda: audit_query.search(self.engine, by, flt, limit))

    def export_audit(self, owner: QObject, query: AuditQuery, path: str) -> Request:
        """Every matching row to ``path`` as CSV; answers the count."""
        flt, by = to_filter(query), self.operator_id
        return self._ask(owner, lambda: audit_query.export(self.engine, by, flt, path, self.tz,
                                                           workstation=self.workstation),
                         path)

    def audit_actions(self, owner: QObject) -> Request:
        """The actions present in the log (the action filter's choices)."""
        return self._ask(owner, lambda: audit_query.known_actions(self.engine))

    def _ask(self, owner: QObject, fn: Callable[[], Any], path: str | None = None) -> Request:
        """A request whose known faults (no right, the database unreachable, a file
        that cannot be written) are refusals with a text fit to show, logged as one
        line; anything else is a fault (:class:`~console.ops.Request`)."""
        def work() -> Any:
            try:
                return fn()
            except (OperatorError, SQLAlchemyError, OSError) as e:
                log.warning("audit log: %s", str(e).splitlines()[0] if str(e) else repr(e))
                raise AuditError(error_text(e, path)) from None

        return self.request(owner, work, (AuditError,))
