"""The staffing page's backend (issue #17 "Staffing"): ``models.db.staffing_db`` and the
plan's workbook as requests (:class:`console.ops.Request`), answered on the GUI thread.

The operator's right to view trends is checked by the database functions on every
request (``operators.require(conn, by, Right.VIEW_TRENDS)``), never here. Known faults
— no right, the database unreachable, a file that cannot be written, a range the
forecast refuses — are refusals with a text fit to show, logged as one line; anything
else is a bug, logged with its traceback by :class:`~console.ops.Ops` and still shown
as one line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from sqlalchemy.exc import SQLAlchemyError

from console.ops import Backend, Request, first_line
from models.db import staffing_db
from models.db.operators import OperatorError
from models.domain.trends import TrendFilter
from models.reports import staffing_xlsx
from views.msg import tr_msg

log = logging.getLogger(__name__)


class StaffingRefused(Exception):
    """An answer the page shows as it is."""


def error_text(e: Exception, path: str | None = None) -> str:
    """What the director is told (translated on the worker: Qt's translate is
    thread-safe)."""
    if isinstance(e, OperatorError | staffing_db.StaffingError):
        return tr_msg(e)
    if isinstance(e, SQLAlchemyError):
        return QCoreApplication.translate(
            "Staffing", "The floor database cannot be reached: {error}").format(
            error=first_line(e)[:200])
    if isinstance(e, OSError):
        return QCoreApplication.translate("Staffing", "Cannot write {path}: {error}").format(
            path=path or e.filename or "", error=e.strerror or str(e))
    return QCoreApplication.translate("Staffing", "Cannot make the staffing plan: {why}").format(
        why=str(e))


class StaffingBackend(Backend):
    """:class:`views.director.staffing.StaffingSource` for one signed-in operator."""

    def staffing(self, owner: QObject, flt: TrendFilter) -> Request:
        """Answers a :class:`models.domain.staffing_plan.StaffingView`: the gap ahead
        and, for the range's past days, staffed vs required with the schedule fit."""
        by, now = self.operator_id, self.now()
        return self._ask(owner, lambda: staffing_db.staffing_view(self.engine, by, flt, now))

    def export_plan(self, owner: QObject, month: date, path: str, queue: str | None = None,
                    group: str | None = None) -> Request:
        """The month's per-slot plan to ``path`` (.xlsx, R-REPORT-1); answers
        ``(slots written, slots short of agents)``."""
        by, now = self.operator_id, self.now()

        def work() -> tuple[int, int]:
            plan = staffing_db.month_plan(self.engine, by, month, now, queue, group)
            return staffing_xlsx.write_plan(plan, path), len(plan.short_slots())

        return self._ask(owner, work, path)

    def _ask(self, owner: QObject, fn: Callable[[], Any], path: str | None = None) -> Request:
        def work() -> Any:
            try:
                return fn()
            except (OperatorError, staffing_db.StaffingError, SQLAlchemyError, OSError,
                    ValueError) as e:
                log.warning("staffing: %s", str(e).splitlines()[0] if str(e) else repr(e))
                raise StaffingRefused(error_text(e, path)) from None

        return self.request(owner, work, (StaffingRefused,))


__all__ = ["StaffingBackend", "StaffingRefused"]
