"""The agent table: a QAbstractTableModel over the floor snapshot.

Rows are the floor's agents in 工号 order. A snapshot changes only the rows of
the agents it names (``dataChanged`` per changed row), inserts and removes rows
for agents added to or removed from the floor, and the time-in-state column is
refreshed once a second with one ``dataChanged`` for that column (only visible
cells repaint). Sorting uses :data:`SORT_ROLE` keys that do not change with the
clock, so the ticking never re-sorts 2,000 rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush

from models.domain import limits
from models.domain.floor import FloorState
from models.domain.privacy import mask_caller
from models.domain.types import AgentState, AgentStatus
from views.kit.texts import away_name, state_name
from views.theme import Theme

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2  # limits.Level of the row
AGENT_ROLE = Qt.ItemDataRole.UserRole + 3  # the agent id

COL_ID, COL_NAME, COL_GROUP, COL_STATE, COL_REASON, COL_TIME, COL_CALL, COL_CALLS, \
    COL_BREAKS, COL_BREAK_TIME = range(10)
COLUMNS = 10

Index = QModelIndex | QPersistentModelIndex


def _hdr(col: int) -> str:
    return [QCoreApplication.translate("AgentTable", "ID"), QCoreApplication.translate("AgentTable", "Name"), QCoreApplication.translate("AgentTable", "Group"),
            QCoreApplication.translate("AgentTable", "State"), QCoreApplication.translate("AgentTable", "Reason"),
            QCoreApplication.translate("AgentTable", "Time in state"), QCoreApplication.translate("AgentTable", "Current call"),
            QCoreApplication.translate("AgentTable", "Calls today"), QCoreApplication.translate("AgentTable", "Breaks today"),
            QCoreApplication.translate("AgentTable", "Break time today")][col]


def duration(secs: float) -> str:
    secs = max(0, int(secs))
    h, rem = divmod(secs, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def time_start(s: FloorState, st: AgentStatus) -> datetime | None:
    """Where the time column counts from: the state's start, except on a call, which
    counts from its answer so that a hold does not restart it (issue #12, item 8).
    The limits (R-HOLD-1 …) keep timing the state itself (``st.since``)."""
    if st.since is None or st.state is AgentState.LOGGED_OUT:
        return None
    if st.state in (AgentState.TALKING, AgentState.HOLD) and st.call:
        c = s.calls.get(st.call)
        if c is not None and c.answered_at is not None and c.answered_at <= st.since:
            return c.answered_at
    return st.since


def time_text(s: FloorState, st: AgentStatus, now: datetime) -> str:
    """Time in state; on hold, the call's talk time with the hold inside it
    ("02:00 (hold 00:20)"), the hold being what R-HOLD-1 limits and colours."""
    start = time_start(s, st)
    if start is None or st.since is None:
        return ""
    txt = duration((now - start).total_seconds())
    c = s.calls.get(st.call) if st.call else None
    if st.state is AgentState.HOLD and c is not None and c.answered_at is not None:
        txt = QCoreApplication.translate("AgentTable", "{talk} (hold {hold})").format(
            talk=txt, hold=duration((now - st.since).total_seconds()))
    return txt


#: the roles :meth:`AgentTableModel.data` answers
_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(SORT_ROLE), int(AGENT_ROLE), int(LEVEL_ROLE),
                    int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.BackgroundRole),
                    int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.ToolTipRole)})


class AgentTableModel(QAbstractTableModel):
    def __init__(self, theme: Theme, now: Callable[[], datetime],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._now = now
        self._ids: list[str] = []
        self._state: FloorState | None = None
        self._stale = False

    # -- feeding --

    def set_snapshot(self, state: FloorState, changed: frozenset[str] | None = None) -> None:
        """Apply a new snapshot; ``changed`` names the agents whose rows may differ
        (None: compare everything, e.g. the first snapshot or a policy change)."""
        old = self._state
        self._state = state
        # the reducer keeps the same agents map until a floor setup changes it: two sets
        # of 2,000 ids a snapshot were a tenth of applying one (issue #20)
        if old is None or state.agents is not old.agents:
            new_ids = set(state.agents)
            if old is None or set(self._ids) != new_ids:
                self._sync_rows(sorted(new_ids))
                changed = None
        if old is not None and old.policy is not state.policy:
            changed = None
        if not self._ids:
            return
        if changed is None:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, COLUMNS - 1))
            return
        # events change an agent's state, call and counts; its 工号, name and group only
        # change with the floor's agents or groups (a new map). Leaving those columns
        # out of the signal spares the proxy, sorted by 工号 as it usually is, a
        # re-sort of each changed row (issue #20)
        first = COL_STATE if old is not None and state.agents is old.agents \
            and state.groups is old.groups else 0
        for aid in changed:
            row = self.row_of(aid)
            if row is not None:
                self.dataChanged.emit(self.index(row, first), self.index(row, COLUMNS - 1))

    def _sync_rows(self, ids: list[str]) -> None:
        gone = [i for i in self._ids if i not in set(ids)]
        for aid in gone:
            row = self._ids.index(aid)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self.endRemoveRows()
        for aid in ids:
            row = bisect.bisect_left(self._ids, aid)
            if row < len(self._ids) and self._ids[row] == aid:
                continue
            self.beginInsertRows(QModelIndex(), row, row)
            self._ids.insert(row, aid)
            self.endInsertRows()

    def tick(self) -> None:
        """Once a second: time-in-state text and limit colours (one signal, the time
        column alone: nothing else reads the clock)."""
        if self._ids:
            self.dataChanged.emit(self.index(0, COL_TIME), self.index(len(self._ids) - 1,
                                                                      COL_TIME),
                                  [Qt.ItemDataRole.DisplayRole,
                                   Qt.ItemDataRole.BackgroundRole,
                                   Qt.ItemDataRole.ForegroundRole, LEVEL_ROLE])

    def set_stale(self, stale: bool) -> None:
        if stale != self._stale:
            self._stale = stale
            if self._ids:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self._ids) - 1, COLUMNS - 1),
                                      [Qt.ItemDataRole.ForegroundRole,
                                       Qt.ItemDataRole.BackgroundRole])

    def row_of(self, agent: str) -> int | None:
        row = bisect.bisect_left(self._ids, agent)
        return row if row < len(self._ids) and self._ids[row] == agent else None

    def agent_at(self, row: int) -> str:
        return self._ids[row]

    @property
    def state(self) -> FloorState | None:
        return self._state

    # -- Qt model --

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _hdr(section) if 0 <= section < COLUMNS else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the delegate asks each cell for a dozen roles as it paints (issue #20): the
        # ones this model never answers go back before any look-up
        if role not in _ROLES or not index.isValid() or self._state is None:
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._ids)) or not (0 <= col < COLUMNS):
            return None
        aid = self._ids[row]
        s = self._state
        st = s.status.get(aid)
        ag = s.agents.get(aid)
        if st is None or ag is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(col, aid, st)
        if role == SORT_ROLE:
            return self._sort_key(col, aid, st)
        if role == AGENT_ROLE:
            return aid
        if role == LEVEL_ROLE:
            return limits.level(st, s.policy, self._now()).value
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._stale:
                return QBrush(self.theme.stale_text)
            if col == COL_TIME:  # white on the amber/red of the limit; the state cell
                lvl = limits.level(st, s.policy, self._now())  # keeps its light colour
                if lvl in (limits.Level.WARN, limits.Level.OVER):
                    return QBrush(self.theme.on_level)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._stale:
                return None
            if col == COL_STATE:
                return QBrush(self.theme.state_colour(st.state))
            if col == COL_TIME:
                lvl = limits.level(st, s.policy, self._now())
                c = self.theme.level_colour(lvl)
                return QBrush(c) if c is not None else None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_TIME, COL_CALLS,
                                                                 COL_BREAKS, COL_BREAK_TIME):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TIME:
            lim = limits.limit_for(st, s.policy)
            if lim is not None:
                return QCoreApplication.translate("AgentTable", "Limit {limit} ({rule})").format(
                    limit=duration(lim.limit_s), rule=lim.rule)
        return None

    def _today(self, st: AgentStatus) -> bool:
        assert self._state is not None
        day = self._state.periods.get("day")
        return day is not None and st.day == day.key

    def _display(self, col: int, aid: str, st: AgentStatus) -> Any:
        s = self._state
        assert s is not None
        if col == COL_ID:
            return aid
        if col == COL_NAME:
            return s.agents[aid].name
        if col == COL_GROUP:
            g = s.groups.get(s.agents[aid].group)
            return g.name if g else s.agents[aid].group
        if col == COL_STATE:
            return state_name(st.state)
        if col == COL_REASON:
            return away_name(st.reason) if st.reason else ""
        if col == COL_TIME:
            return time_text(s, st, self._now())
        if col == COL_CALL:
            c = s.calls.get(st.call) if st.call else None
            return mask_caller(c.caller) if c is not None else ""  # R-PRIV-1
        today = self._today(st)
        if col == COL_CALLS:
            return st.calls_today if today else 0
        if col == COL_BREAKS:
            return st.breaks_today if today else 0
        if col == COL_BREAK_TIME:
            return duration(st.break_s_today) if today else duration(0)
        return None

    def _sort_key(self, col: int, aid: str, st: AgentStatus) -> Any:
        s = self._state
        assert s is not None
        if col == COL_TIME:
            # earlier start = longer in state; stable between state changes (a call
            # counts from its answer, through its holds: issue #12, item 8)
            start = time_start(s, st)
            return -(start.timestamp()) if start else float("-inf")
        if col == COL_STATE:
            return list(AgentState).index(st.state)
        if col == COL_BREAK_TIME:
            return st.break_s_today if self._today(st) else 0.0
        v = self._display(col, aid, st)
        return v


class AgentFilterProxy(QSortFilterProxyModel):
    """Filter by group and state, search by 工号/姓名, and "only past a limit"."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.group: str | None = None
        self.states: frozenset[AgentState] | None = None
        self.text = ""
        self.only_over = False
        #: signed-out agents shown (the window hides them unless asked; issue #12)
        self.logged_out = True
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filters(self, *, group: str | None, states: frozenset[AgentState] | None,
                    text: str, only_over: bool, logged_out: bool = True) -> None:
        self.beginFilterChange()
        self.group, self.states, self.text, self.only_over = group, states, text.strip(), \
            only_over
        self.logged_out = logged_out
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def refilter(self) -> None:
        """Re-run the filter (the "past a limit" filter changes with the clock)."""
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        m = self.sourceModel()
        assert isinstance(m, AgentTableModel)
        s = m.state
        if s is None:
            return False
        aid = m.agent_at(source_row)
        ag, st = s.agents.get(aid), s.status.get(aid)
        if ag is None or st is None:
            return False
        if self.group and ag.group != self.group:
            return False
        if self.states is not None and st.state not in self.states:
            return False
        # asking for 签出 by the state filter shows them whatever the toggle says
        if not self.logged_out and self.states is None and st.state is AgentState.LOGGED_OUT:
            return False
        if self.text and self.text not in aid and self.text not in ag.name:
            return False
        if self.only_over:
            idx = m.index(source_row, COL_TIME)
            return m.data(idx, LEVEL_ROLE) == limits.Level.OVER.value
        return True

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
