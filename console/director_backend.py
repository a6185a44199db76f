"""The director's window's backend (issue #17): the reads of ``models.db.trends_db``
as requests (:class:`console.ops.Request`), run off the GUI thread and answered on it.

The right (VIEW_TRENDS) is checked by the database functions on every read, never
here. Known faults — no right, the database unreachable, a file that cannot be
written — are refusals with one line fit to show; anything else is a bug, logged
with its traceback by :class:`~console.ops.Ops` and still shown as one line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from sqlalchemy.exc import SQLAlchemyError

from console.ops import Backend, Request, first_line
from models.db import trends_db
from models.db.operators import OperatorError
from models.domain.trends import TrendFilter
from models.reports import trends_xlsx
from views.msg import tr_msg

log = logging.getLogger(__name__)


class DirectorError(Exception):
    """An answer the window shows as it is."""


def error_text(e: Exception, path: str | None = None) -> str:
    """What the director is told (translated on the worker: the translators are
    application-wide and read-only there)."""
    if isinstance(e, OperatorError):
        return tr_msg(e)
    if isinstance(e, SQLAlchemyError):
        return QCoreApplication.translate(
            "Director", "The floor database cannot be reached: {error}").format(
            error=first_line(e)[:200])
    if isinstance(e, OSError):
        return QCoreApplication.translate("Director", "Cannot write {path}: {error}").format(
            path=path or e.filename or "", error=e.strerror or str(e))
    return tr_msg(e) or type(e).__name__


class DirectorBackend(Backend):
    """:class:`views.director.window.TrendsSource` for one signed-in operator."""

    def trends(self, owner: QObject, flt: TrendFilter, compare: str = "none") -> Request:
        """Answers a :class:`models.domain.trend_data.Trends`."""
        by = self.operator_id
        return self._ask(owner, lambda: trends_db.read(self.engine, by, flt, compare))

    def choices(self, owner: QObject) -> Request:
        """Answers :class:`models.db.trends_db.Choices` (queues, groups, time zone)."""
        by = self.operator_id
        return self._ask(owner, lambda: trends_db.choices(self.engine, by))

    def export_xlsx(self, owner: QObject, data: Any, path: str) -> Request:
        """The page's numbers as a workbook at ``path``; answers the path."""
        labels = trends_xlsx.default_labels()
        return self._ask(owner, lambda: trends_xlsx.write(data, path, labels), path)

    def _ask(self, owner: QObject, fn: Callable[[], Any], path: str | None = None) -> Request:
        def work() -> Any:
            try:
                return fn()
            except (OperatorError, SQLAlchemyError, OSError) as e:
                log.warning("director: %s", str(e).splitlines()[0] if str(e) else repr(e))
                raise DirectorError(error_text(e, path)) from None

        return self.request(owner, work, (DirectorError,))
