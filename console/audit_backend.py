"""The audit dialog's backend: the database functions of ``models.db.audit_query``
run as background ops, their answers delivered on the GUI thread.

Known faults — no right, the database unreachable, a file that cannot be
written — come back to the dialog as an :class:`AuditError` with a text fit to
show, and are logged as one line; anything else is a bug, logged with its
traceback by :class:`~console.ops.Ops` and still shown, never raised into Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from console.ops import Backend, BackendContext
from models.db import audit_query
from models.db.audit import SHANGHAI
from models.db.audit_query import AuditFilter
from models.db.operators import OperatorError
from views.audit_view import AuditQuery, AuditRow
from views.msg import tr_msg

log = logging.getLogger(__name__)

#: rows a search shows at most (the export has no limit)
SEARCH_LIMIT = 1000


class AuditError(Exception):
    """An answer the dialog shows as it is."""


@dataclass(frozen=True, slots=True)
class _Failed:
    """A known fault, carried back to the GUI thread as a value (not logged as a bug)."""

    error: Exception
    path: str | None = None


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

    def search_audit(self, query: AuditQuery,
                     on_done: Callable[[Sequence[AuditRow], bool], None],
                     on_error: Callable[[Exception], None]) -> None:
        flt, by, limit = to_filter(query), self.operator_id, self.limit
        self._run(lambda: audit_query.search(self.engine, by, flt, limit),
                  lambda r: on_done(r[0], r[1]), on_error)

    def export_audit(self, query: AuditQuery, path: str, on_done: Callable[[int], None],
                     on_error: Callable[[Exception], None]) -> None:
        flt, by = to_filter(query), self.operator_id
        self._run(lambda: audit_query.export(self.engine, by, flt, path, self.tz,
                                             workstation=self.workstation),
                  on_done, on_error, path)

    def audit_actions(self, on_done: Callable[[list[str]], None]) -> None:
        # without the list the action filter still offers "all": no message needed
        self._run(lambda: audit_query.known_actions(self.engine), on_done, lambda e: None)

    def _run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None], path: str | None = None) -> None:
        def work() -> Any:
            try:
                return fn()
            except (OperatorError, SQLAlchemyError, OSError) as e:
                log.warning("audit log: %s", str(e).splitlines()[0] if str(e) else repr(e))
                return _Failed(e, path)

        def done(result: Any) -> None:
            if isinstance(result, _Failed):
                on_error(AuditError(error_text(result.error, result.path)))
            else:
                on_done(result)

        self.ops.run(work, done, lambda e: on_error(AuditError(error_text(e, path))))
