"""The alerts panel's tables (issue #4): the live alerts of a snapshot
(:class:`AlertTableModel`, one per tab), an urgent ticket's escalation trail
(:class:`TrailModel`) and a day of the history (:class:`HistoryModel`), each on
:class:`views.kit.table.RowTableModel`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from models.domain.alerts import Alert, Severity
from models.domain.floor import FloorState
from models.domain.records import AlertRecord, EscalationStep
from views.agent_model import duration
from views.alerts.describe import agent_text, describe, local_time, sort_key, subject_text
from views.kit.table import RowTableModel
from views.kit.texts import category_label, channel_label, rule_label, severity_label, status_label
from views.msg import tr_stored
from views.theme import Theme

#: the alert's id, for tests and tools
ID_ROLE = Qt.ItemDataRole.UserRole + 1

(COL_SEVERITY, COL_RULE, COL_SUBJECT, COL_RAISED, COL_AGE, COL_ACK, COL_DESC, COL_TICKET,
 COL_CATEGORY, COL_AGENT) = range(10)
ACTIVE_COLUMNS = (COL_SEVERITY, COL_RULE, COL_SUBJECT, COL_RAISED, COL_AGE, COL_ACK, COL_DESC)
REVIEW_COLUMNS = (COL_CATEGORY, COL_TICKET, COL_SUBJECT, COL_AGENT, COL_RAISED, COL_AGE,
                  COL_ACK)
URGENT_COLUMNS = (COL_RULE, COL_TICKET, COL_SUBJECT, COL_AGENT, COL_RAISED, COL_AGE, COL_ACK,
                  COL_DESC)


def _header(col: int) -> str:
    return {COL_SEVERITY: QCoreApplication.translate("Alerts", "Severity"),
            COL_RULE: QCoreApplication.translate("Alerts", "Rule"),
            COL_SUBJECT: QCoreApplication.translate("Alerts", "Subject"),
            COL_RAISED: QCoreApplication.translate("Alerts", "Raised at"),
            COL_AGE: QCoreApplication.translate("Alerts", "Age"),
            COL_ACK: QCoreApplication.translate("Alerts", "Acknowledged by"),
            COL_DESC: QCoreApplication.translate("Alerts", "Description"),
            COL_TICKET: QCoreApplication.translate("Alerts", "Ticket"),
            COL_CATEGORY: QCoreApplication.translate("Alerts", "Category"),
            COL_AGENT: QCoreApplication.translate("Alerts", "Agent")}[col]


class AlertTableModel(RowTableModel):
    """Active alerts of a snapshot (those ``accept`` takes), most severe first, then
    oldest first, keyed by the alert's id. The order of two alerts never changes while
    both are active (severity and raise time are fixed), so a new snapshot is a few row
    removals and insertions plus ``dataChanged`` for an acknowledgement, never a reset
    (a selection survives); the age column ticks once a second."""

    def __init__(self, theme: Theme, now: Callable[[], datetime],
                 columns: Sequence[int] = ACTIVE_COLUMNS,
                 accept: Callable[[Alert], bool] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._now = now
        self.columns = tuple(columns)
        self.COLUMNS = len(self.columns)
        self._accept = accept or (lambda a: True)
        self._state: FloorState | None = None

    def key(self, item: Any) -> Any:
        return item.id

    # -- feeding

    def set_snapshot(self, state: FloorState) -> None:
        self._state = state
        new = sorted((a for a in state.alerts.values() if self._accept(a)), key=sort_key)
        keep = {a.id for a in new}
        for i in range(len(self._rows) - 1, -1, -1):
            if self._rows[i].id not in keep:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
        for j, a in enumerate(new):
            if j < len(self._rows) and self._rows[j].id == a.id:
                if self._rows[j] != a:  # acknowledged meanwhile
                    self.replace(a)
                continue
            self.beginInsertRows(QModelIndex(), j, j)
            self._rows.insert(j, a)
            self.endInsertRows()

    def tick(self) -> None:
        if self._rows and COL_AGE in self.columns:
            c = self.columns.index(COL_AGE)
            self.dataChanged.emit(self.index(0, c), self.index(len(self._rows) - 1, c),
                                  [Qt.ItemDataRole.DisplayRole])

    def retranslate(self) -> None:
        self.refresh()

    # -- reading

    def alerts(self) -> list[Alert]:
        return self.rows()

    def alert_at(self, row: int) -> Alert | None:
        return self.item_at(row)

    def text(self, a: Alert, col: int) -> str:
        s = self._state
        if col == COL_SEVERITY:
            return severity_label(a.severity)
        if col == COL_RULE:
            return rule_label(a.rule, a.detail)
        if col == COL_SUBJECT:
            return subject_text(a, s)
        if col == COL_RAISED:
            return local_time(a.raised_at, s, self._now())
        if col == COL_AGE:
            return duration((self._now() - a.raised_at).total_seconds())
        if col == COL_ACK:
            if a.acknowledged_by is None:
                return ""
            return QCoreApplication.translate("Alerts", "{who} at {time}").format(
                who=a.acknowledged_by, time=local_time(a.acknowledged_at, s, self._now()))
        if col == COL_DESC:
            return describe(a, s, self._now())
        if col == COL_TICKET:
            return a.ticket or ""
        if col == COL_CATEGORY:
            return category_label(a.detail.get("category"))
        if col == COL_AGENT:
            return agent_text(a.agent, s)
        return ""

    # -- RowTableModel

    def header(self, section: int) -> str | None:
        return _header(self.columns[section])

    def cell(self, item: Any, col: int, role: int) -> Any:
        a: Alert = item
        col = self.columns[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(a, col)
        if role == ID_ROLE:
            return a.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe(a, self._state, self._now())
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_SEVERITY and a.severity is Severity.CRITICAL:
                return QBrush(self.theme.red)
            if col == COL_SEVERITY and a.severity is Severity.WARNING:
                return QBrush(self.theme.amber)
            return QBrush(self.theme.stale_text) if a.acknowledged else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == COL_SEVERITY and a.severity is Severity.CRITICAL and not a.acknowledged:
                return QBrush(self.theme.banner_bg)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if a.severity is Severity.CRITICAL and not a.acknowledged:
                f = QFont()
                f.setBold(True)
                return f
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_AGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TrailModel(RowTableModel):
    """The escalation trail of one urgent ticket: every notification and handling step,
    in order."""

    COLUMNS = 7

    def __init__(self, theme: Theme, parent: Any = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._state: FloorState | None = None
        self._now: datetime | None = None

    def show_trail(self, rows: Sequence[EscalationStep], state: FloorState | None,
                   now: datetime | None) -> None:
        """The steps, their times on the floor's clock (with the date when not ``now``'s)."""
        self._state = state
        self._now = now
        self.set_rows(rows)

    def steps(self) -> list[EscalationStep]:
        return self.rows()

    def header(self, section: int) -> str | None:
        return [QCoreApplication.translate("Alerts", "When"),
                QCoreApplication.translate("Alerts", "How"),
                QCoreApplication.translate("Alerts", "Who"),
                QCoreApplication.translate("Alerts", "Status"),
                QCoreApplication.translate("Alerts", "Delivered at"),
                QCoreApplication.translate("Alerts", "Attempts"),
                QCoreApplication.translate("Alerts", "Details")][section]

    def cell(self, item: Any, col: int, role: int) -> Any:
        n: EscalationStep = item
        if role == Qt.ItemDataRole.DisplayRole:
            return [local_time(n.created_at, self._state, self._now), channel_label(n.channel),
                    n.target, status_label(n.status),
                    local_time(n.sent_at, self._state, self._now) if n.sent_at else "",
                    "" if n.channel == "step" else str(n.attempts), tr_stored(n.last_error)][col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            if n.status == "failed" or n.channel == "none":
                return QBrush(self.theme.red)
            if n.status in ("sent", "recorded"):
                return QBrush(self.theme.green)
            return QBrush(self.theme.amber)
        if role == Qt.ItemDataRole.ToolTipRole and n.last_error:
            return tr_stored(n.last_error)
        return None


class HistoryModel(RowTableModel):
    """A day of alerts as the history keeps them, newest first: raised, acknowledged
    (who, when) and resolved (by a person with the note, or by itself)."""

    COLUMNS = 7

    def __init__(self, theme: Theme, parent: Any = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._state: FloorState | None = None

    def key(self, item: Any) -> Any:
        return item.id

    def show_day(self, rows: Sequence[AlertRecord], state: FloorState | None) -> None:
        """The day's alerts; times on the floor's clock (``state``'s policy)."""
        self._state = state
        self.set_rows(rows)

    def header(self, section: int) -> str | None:
        return (QCoreApplication.translate("AlertHistory", "Raised at"),
                QCoreApplication.translate("AlertHistory", "Level"),
                QCoreApplication.translate("AlertHistory", "Rule"),
                QCoreApplication.translate("AlertHistory", "What"),
                QCoreApplication.translate("AlertHistory", "Acknowledged"),
                QCoreApplication.translate("AlertHistory", "Resolved"),
                QCoreApplication.translate("AlertHistory", "Note"))[section]

    def text(self, r: AlertRecord, col: int) -> str:
        st = self._state
        if col == 0:  # the date too: a history day may not be today
            tz = st.policy.tz if st is not None else None
            return r.raised_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
        if col == 1:
            return severity_label(r.severity)
        if col == 2:
            return rule_label(r.rule, r.detail)
        if col == 3:
            return r.message
        if col == 4:
            return "—" if r.acknowledged_at is None else f"{r.acknowledged_by or ''} " \
                f"{local_time(r.acknowledged_at, st)}"
        if col == 5:
            if r.resolved_at is None:
                return QCoreApplication.translate("AlertHistory", "open")
            who = r.resolved_by or QCoreApplication.translate("AlertHistory", "cleared")
            return f"{who} {local_time(r.resolved_at, st)}"
        return (r.resolve_note or "") if r.resolved_by else ""

    def cell(self, item: Any, col: int, role: int) -> Any:
        r: AlertRecord = item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(r, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 \
                and r.severity is Severity.CRITICAL:
            return QBrush(self.theme.red)
        return None
