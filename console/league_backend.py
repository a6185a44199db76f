"""The director's league table and SL heat map pages' backend (issue #17): the reads
of ``models.db.league_db`` and the .xlsx export as requests
(:class:`console.ops.Request`), answered on the GUI thread.

The operator's right (Right.VIEW_TRENDS) is checked by the database functions on
every read, never here. Known faults — no right, the database unreachable, a file
that cannot be written — are refusals with one line fit to show; anything else is
a bug, logged with its traceback by :class:`~console.ops.Ops` and still shown as
one line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from sqlalchemy.exc import SQLAlchemyError

from console.ops import Backend, Request, first_line
from models.db import league_db
from models.db.operators import OperatorError
from models.domain.league import HeatMap, League
from models.domain.trends import TrendFilter
from models.reports import league_xlsx
from views.msg import tr_msg

log = logging.getLogger(__name__)


class LeagueError(Exception):
    """An answer the page shows as it is."""


def error_text(e: Exception, path: str | None = None) -> str:
    """What the director is told (on the worker: ``translate`` is thread-safe)."""
    if isinstance(e, OperatorError):
        return tr_msg(e)
    if isinstance(e, SQLAlchemyError):
        return QCoreApplication.translate(
            "League", "The floor database cannot be reached: {error}").format(
            error=first_line(e)[:200])
    if isinstance(e, OSError):
        return QCoreApplication.translate("League", "Cannot write {path}: {error}").format(
            path=path or e.filename or "", error=e.strerror or str(e))
    return f"{type(e).__name__}: {e}"


class LeagueBackend(Backend):
    """:class:`views.director.league.LeagueSource` and
    :class:`views.director.heatmap.HeatmapSource` for the signed-in operator."""

    def league(self, owner: QObject, flt: TrendFilter) -> Request:
        """Answers a :class:`~models.domain.league.League` for ``flt``."""
        by, now = self.operator_id, self.now()

        def fn() -> League:
            with self.engine.connect() as conn:
                return league_db.league(conn, by, flt, now=now)
        return self._ask(owner, fn)

    def heatmap(self, owner: QObject, flt: TrendFilter) -> Request:
        """Answers a :class:`~models.domain.league.HeatMap` for ``flt``."""
        by = self.operator_id

        def fn() -> HeatMap:
            with self.engine.connect() as conn:
                return league_db.heatmap(conn, by, flt)
        return self._ask(owner, fn)

    def export_league(self, owner: QObject, league: League, path: str,
                      rule_names: Mapping[str, str]) -> Request:
        """The table as shown to ``path`` (.xlsx); answers the rows written."""
        names = dict(rule_names)
        return self._ask(owner, lambda: league_xlsx.write_league(path, league,
                                                                 rule_names=names), path)

    def _ask(self, owner: QObject, fn: Callable[[], Any], path: str | None = None) -> Request:
        def work() -> Any:
            try:
                return fn()
            except (OperatorError, SQLAlchemyError, OSError) as e:
                log.warning("league: %s", (str(e).splitlines() or [repr(e)])[0])
                raise LeagueError(error_text(e, path)) from None

        return self.request(owner, work, (LeagueError,))


__all__ = ["LeagueBackend", "LeagueError"]
