"""The queue panel's model: one row per queue and a floor total, coloured by the
policy's bands (R-KPI-1 接通率, service level against its threshold T).

Issue #17: the current 15-minute interval's service level so far (本时段服务水平) and
its forecast at the interval's end (预测), in the warning colour when the forecast
falls under the target, with "N more agents would hold it" in its tooltip. The
forecast is computed at most once a second, and no more than 2 % of a core allows
(models.sim.slforecast.LiveForecast, issue #20),
not per snapshot."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont

from models.domain import kpi
from models.domain.floor import FLOOR, FloorState
from models.domain.kpi import KpiCounts
from models.sim.slforecast import (
    MORE_AGENTS,
    NO_AGENTS,
    RECOVERING,
    LiveForecast,
    QueueForecast,
)
from views.agent_model import duration
from views.theme import Theme

Index = QModelIndex | QPersistentModelIndex

#: the share of one core the queue panel's forecast may use (issue #20: the console's
#: whole budget is 5 %)
FORECAST_BUDGET = 0.02
#: the roles :meth:`QueueTableModel.data` answers
_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole))

(COL_NAME, COL_WAITING, COL_LONGEST, COL_TODAY, COL_SHIFT, COL_SL, COL_IV_SL, COL_FORECAST,
 COL_AR, COL_ASA) = range(10)
COLUMNS = 10


def pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


class QueueTableModel(QAbstractTableModel):
    def __init__(self, theme: Theme, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._now = now
        self._state: FloorState | None = None
        self._rows: list[str] = []  # queue ids, then FLOOR
        self._stale = False
        #: queue (and FLOOR) -> (callers waiting, when the longest-waiting one queued)
        self._wait: dict[str, tuple[int, datetime | None]] = {}
        self._keys: dict[str, Any] = {}
        self._policy: Any = None
        # never computed on the GUI thread; its cost is the worker thread's CPU time,
        # not the wall clock (which a loaded PC stretches), and it may take 2 % of a
        # core (issue #20): at 2,000 agents and 100 queues one costs about a millisecond
        # when the floor cannot fill up this interval, so the 预测 column moves every
        # second; near capacity 0.1–0.3 s, and it moves every 5–15 s (its warning waits
        # 30 s anyway)
        self.live = LiveForecast(time.thread_time, background=True,
                                 budget=FORECAST_BUDGET)
        self._forecast: dict[str, QueueForecast] = {}

    def set_snapshot(self, state: FloorState) -> bool:
        """Take a new snapshot; True when the set of rows changed (a reset)."""
        rows = sorted(state.queues) + [FLOOR]
        self._state = state
        # one pass over the live calls per snapshot, not one per cell painted
        wait: dict[str, tuple[int, datetime | None]] = {}
        for c in state.waiting():
            for key in (c.queue, FLOOR):
                n, oldest = wait.get(key, (0, None))
                wait[key] = (n + 1, c.queued_at if oldest is None else min(oldest, c.queued_at))
        self._wait = wait
        # what a row shows, to repaint only the rows whose figures moved (a busy
        # floor touches a few queues per snapshot, not all of them)
        keys = {q: (state.counts(q, "shift"), state.counts(q, "day"), wait.get(q),
                    state.queues[q].name if q in state.queues else "") for q in rows}
        old, self._keys = self._keys, keys
        self._forecast = self.live.get(state, self._now())
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self._policy = state.policy
            self.endResetModel()
            return True
        if state.policy is not self._policy:  # bands and T may have changed: all rows
            self._policy = state.policy
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, COLUMNS - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
            return False
        for i, q in enumerate(rows):
            if old.get(q) != keys[q]:
                self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMNS - 1))
        return False

    def tick(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_LONGEST),
                                  self.index(len(self._rows) - 1, COL_LONGEST))
        if self._state is not None and self._rows:
            # the forecast moves with the clock too (callers wait longer, the interval
            # runs out): once a second, its two columns only
            before = self._forecast
            self._forecast = self.live.get(self._state, self._now())
            if self._forecast is not before:
                self.dataChanged.emit(self.index(0, COL_IV_SL),
                                      self.index(len(self._rows) - 1, COL_FORECAST))

    @property
    def state(self) -> FloorState | None:
        """The snapshot the table shows."""
        return self._state

    def forecast(self, q: str) -> QueueForecast | None:
        """The forecast a row shows (``FLOOR`` for the floor total)."""
        return self._forecast.get(q)

    def set_stale(self, stale: bool) -> None:
        self._stale = stale
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, COLUMNS - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            t = self._state.policy.sl_threshold_s if self._state else 20.0
            return [QCoreApplication.translate("QueueTable", "Queue"), QCoreApplication.translate("QueueTable", "Waiting"),
                    QCoreApplication.translate("QueueTable", "Longest wait"),
                    QCoreApplication.translate("QueueTable", "Today answered / abandoned / IVR"),
                    QCoreApplication.translate("QueueTable", "Shift answered / abandoned / IVR"),
                    QCoreApplication.translate("QueueTable", "Service level ({t} s)").format(t=f"{t:g}"),
                    QCoreApplication.translate("QueueTable", "Interval service level"),
                    QCoreApplication.translate("QueueTable", "Forecast"),
                    QCoreApplication.translate("QueueTable", "Answer rate"), QCoreApplication.translate("QueueTable", "ASA")][section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_AR:
            return QCoreApplication.translate("QueueTable", "(IVR-only + answered) / offered (R-KPI-1)")
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_IV_SL:
            return QCoreApplication.translate(
                "QueueTable", "Service level of the current 15-minute interval so far")
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_FORECAST:
            return QCoreApplication.translate(
                "QueueTable", "The interval's service level expected at its end, from the "
                              "callers waiting now, the last 15 minutes' calls and the agents "
                              "ready or about to be free")
        return None

    def forecast_text(self, q: str) -> str:
        f = self._forecast.get(q)
        if f is None:
            return "—"
        if not f.warning:
            return pct(f.projected)
        if f.more_agents is None:
            return QCoreApplication.translate("QueueTable", "{pct} · lost").format(
                pct=pct(f.projected))
        if f.recovering:  # held a minute after it is back at target (Hysteresis)
            return QCoreApplication.translate("QueueTable", "{pct} · recovering").format(
                pct=pct(f.projected))
        return QCoreApplication.translate("QueueTable", "{pct} · {n} more").format(
            pct=pct(f.projected), n=f.more_agents)

    def forecast_hint(self, q: str) -> str | None:
        """"N more agents would hold it" (translated), with what the forecast read."""
        f = self._forecast.get(q)
        if f is None:
            return None
        lines = []
        if f.recovering:
            lines.append(QCoreApplication.translate(RECOVERING.context, RECOVERING.source))
        elif f.warning:
            lines.append(QCoreApplication.translate(NO_AGENTS.context, NO_AGENTS.source)
                         if f.more_agents is None else
                         QCoreApplication.translate(MORE_AGENTS.context, MORE_AGENTS.source)
                         .format(n=f.more_agents))
        i = f.inputs
        lines.append(QCoreApplication.translate(
            "QueueTable", "Target {target}; from {waiting} callers waiting, {calls} calls in "
                          "the last 15 minutes").format(
            target=pct(f.target), waiting=len(i.waits_s), calls=i.arrivals_last_15min))
        return "\n".join(lines)

    def _waiting(self, q: str) -> tuple[int, float]:
        n, oldest = self._wait.get(q, (0, None))
        return n, 0.0 if oldest is None else max(0.0, (self._now() - oldest).total_seconds())

    def display(self, q: str, col: int) -> Any:
        """What the cell of queue ``q`` (or FLOOR) shows in column ``col``."""
        s = self._state
        assert s is not None
        # the counts only for the columns that show them: a painted cell asks for
        # eight roles and the column fit for every cell each second (issue #20)
        if col == COL_NAME:
            return QCoreApplication.translate("QueueTable", "Floor total") if q == FLOOR \
                else s.queues[q].name
        if col == COL_WAITING:
            return self._waiting(q)[0]
        if col == COL_LONGEST:
            return duration(self._waiting(q)[1])
        if col in (COL_TODAY, COL_SHIFT):
            c: KpiCounts = s.counts(q, "day" if col == COL_TODAY else "shift")
            return f"{c.answered} / {c.abandoned} / {c.ivr_only}"
        if col == COL_SL:
            return pct(kpi.service_level(s.counts(q, "shift")))
        if col == COL_IV_SL:
            fc = self._forecast.get(q)
            return pct(fc.so_far if fc is not None else None)
        if col == COL_FORECAST:
            return self.forecast_text(q)
        if col == COL_AR:
            return pct(kpi.answer_rate(s.counts(q, "shift")))
        if col == COL_ASA:
            v = kpi.asa_s(s.counts(q, "shift"))
            return "—" if v is None else f"{v:.0f} s"
        return None

    def column_texts(self, col: int) -> list[str]:
        """Every row's text in ``col``, without a QModelIndex per cell: the column fit
        reads them every second (issue #20)."""
        if self._state is None:
            return []
        return [str(self.display(q, col) or "") for q in self._rows]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the roles this model never answers go back before any look-up (issue #20)
        if role not in _ROLES or not index.isValid() or self._state is None:
            return None
        q = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(q, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_FORECAST:
            return self.forecast_hint(q)
        if role == Qt.ItemDataRole.FontRole and (q == FLOOR or (
                col == COL_FORECAST and self.warning(q))):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_FORECAST \
                and self.warning(q) and not self._stale:
            return QBrush(self.theme.flagged_bg)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != COL_NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._stale:
                return QBrush(self.theme.stale_text)
            if col == COL_FORECAST and self.warning(q):
                return QBrush(self.theme.mark_text)  # on flagged_bg, readable on both themes
            band = self.band(q, col)
            colour = self.theme.band_colour(band) if band else None
            return QBrush(colour) if colour is not None else None
        return None

    def band(self, q: str, col: int) -> str | None:
        """green / amber / red for the coloured cells, from the floor's policy."""
        assert self._state is not None
        p = self._state.policy
        shift = self._state.counts(q, "shift")
        if col == COL_WAITING:
            return p.band("waiting").colour(float(self._waiting(q)[0]))
        if col == COL_LONGEST:
            return p.band("longest_wait_s").colour(self._waiting(q)[1])
        if col == COL_SL:
            return p.band("service_level").colour(kpi.service_level(shift))
        if col == COL_AR:
            return p.band("answer_rate").colour(kpi.answer_rate(shift))
        if col == COL_ASA:
            return p.band("asa_s").colour(kpi.asa_s(shift))
        if col in (COL_IV_SL, COL_FORECAST):
            f = self._forecast.get(q)
            if f is None:
                return None
            if col == COL_FORECAST and f.warning:
                return "red"  # under target: the warning (issue #17)
            return p.band("service_level").colour(f.so_far if col == COL_IV_SL else f.projected)
        return None

    def warning(self, q: str) -> bool:
        """The forecast of ``q``'s interval falls under the target (issue #17)."""
        f = self._forecast.get(q)
        return f is not None and f.warning
