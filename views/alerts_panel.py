"""The alerts of the floor on the console (issue #4): the alerts panel, the urgent
banner, the peak-plan banner, sounds and tray notifications, and the editor of
the units' contact list (R-URGENT-2).

Everything here renders the floor state's active alerts, which travel through
the feed in every snapshot, so every console shows the same ones and a banner
goes on every console when an acknowledgement arrives from any of them. Texts
are made here, translated, from the rule id and the alert's ``detail``; the
domain's Chinese ``message`` stays for logs and webhooks (and is the fallback
for a rule this console does not know yet).

Acting on an alert goes through :class:`AlertsSource` (asynchronous; the
console runs the database work off the GUI thread): this module never decides
who may act — the window hides what the operator may not do, and the database
checks again — and never opens a session.
"""

from __future__ import annotations

import html
import logging
import re
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QSystemTrayIcon,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain.alerts import SEVERITY_ORDER, Alert, Severity
from models.domain.floor import FloorState
from models.domain.types import AgentState, AwayReason, TicketCategory
from views import labels
from views.agent_model import duration
from views.msg import tr_stored
from views.theme import Theme
from views.widgets import link_down_note, link_down_title

Index = QModelIndex | QPersistentModelIndex

URGENT_RULES = frozenset({"R-URGENT-1", "R-URGENT-2"})
#: R-TICKET-3: complaint / help tickets waiting for the shift leader's review
REVIEW_RULE = "R-TICKET-3"
#: the alert's id, for tests and tools
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: names listed in a banner before "and n more"
MAX_NAMES = 12


# ---- what the panel is handed and what it asks for -----------------------------------


@dataclass(frozen=True, slots=True)
class EscalationStep:
    """One notification of an escalation (R-URGENT-2): who, how, when, status."""

    alert_id: str
    channel: str  # console | phone | webhook | none | step (a handling step)
    target: str
    status: str  # pending | sent | failed
    attempts: int
    created_at: datetime
    sent_at: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class ContactEntry:
    """A responsible unit (承办单位), its head and phone number."""

    unit: str
    head: str
    phone: str


class AlertsSource(Protocol):
    """What the panel and the contacts dialog need from outside. Every call answers
    later, on the GUI thread; ``on_error`` gets a message fit to show (a refusal
    or a fault), never an exception."""

    def acknowledge(self, alert_id: str, on_done: Callable[[Any], None],
                    on_error: Callable[[str], None]) -> None: ...

    def resolve(self, alert_id: str, note: str, on_done: Callable[[Any], None],
                on_error: Callable[[str], None]) -> None: ...

    def escalation_trail(self, alert_ids: Sequence[str],
                         on_done: Callable[[list[EscalationStep]], None],
                         on_error: Callable[[str], None]) -> None: ...

    def load_contacts(self, on_done: Callable[[list[ContactEntry]], None],
                      on_error: Callable[[str], None]) -> None: ...

    def history(self, start: datetime, end: datetime,
                on_done: Callable[[Sequence[HistoryRow]], None],
                on_error: Callable[[str], None]) -> None: ...

    def record_step(self, ticket: str, text: str, on_done: Callable[[Any], None],
                    on_error: Callable[[str], None]) -> None: ...

    def save_contacts(self, rows: Sequence[ContactEntry],
                      on_done: Callable[[list[ContactEntry]], None],
                      on_error: Callable[[str], None]) -> None: ...


def _weak(obj: QObject, method: Callable[..., None], *bound: Any) -> Callable[..., None]:
    """A callback for the backend: ``method(obj, *bound, *answer)``, holding ``obj``
    weakly. The backend's op keeps its callbacks until the op is released, on a
    worker thread: were that the last reference to a widget, Qt would destroy it
    off the GUI thread. An answer for a widget already gone is dropped."""
    ref = weakref.ref(obj)

    def call(*answer: Any) -> None:
        me = ref()
        if me is not None and shiboken6.isValid(me):
            method(me, *bound, *answer)
    return call


# ---- texts ---------------------------------------------------------------------------


def severity_label(s: Severity) -> str:
    return {Severity.CRITICAL: QCoreApplication.translate("Alerts", "Critical"),
            Severity.WARNING: QCoreApplication.translate("Alerts", "Warning"),
            Severity.INFO: QCoreApplication.translate("Alerts", "Info")}.get(s, str(s))


def rule_name(rule: str, detail: Mapping[str, Any] | None = None) -> str:
    """The rule's short name (DOMAIN's vocabulary), e.g. R-BREAK-1 小休超时."""
    if rule == "R-BREAK-1" and (detail or {}).get("stage") == "pre":
        return QCoreApplication.translate("AlertRules", "Short break pre-warning")
    if rule == "R-LOGIN-1" and (detail or {}).get("kind") == "unrostered":
        return QCoreApplication.translate("AlertRules", "Logged in, not rostered")
    names = {
        "R-BREAK-1": QCoreApplication.translate("AlertRules", "Short break over limit"),
        "R-BREAK-2": QCoreApplication.translate("AlertRules", "Too many on short break"),
        "R-AWAY-1": QCoreApplication.translate("AlertRules", "Away too long"),
        "R-HOLD-1": QCoreApplication.translate("AlertRules", "Hold too long"),
        "R-RING-1": QCoreApplication.translate("AlertRules", "Ringing too long"),
        "R-ACW-1": QCoreApplication.translate("AlertRules", "After-call work too long"),
        "R-SEAT-1": QCoreApplication.translate("AlertRules", "Left seat soon after login"),
        "R-PEAK-1": QCoreApplication.translate("AlertRules", "Peak plan level 1"),
        "R-PEAK-2": QCoreApplication.translate("AlertRules", "Peak plan level 2"),
        "R-TICKET-3": QCoreApplication.translate("AlertRules", "Ticket for review"),
        "R-TICKET-5": QCoreApplication.translate("AlertRules", "Ticket not completed"),
        "R-URGENT-1": QCoreApplication.translate("AlertRules", "Urgent ticket"),
        "R-URGENT-2": QCoreApplication.translate("AlertRules", "Urgent ticket escalated"),
        "R-LOGIN-1": QCoreApplication.translate("AlertRules", "Rostered, not logged in"),
        "R-MEET-1": QCoreApplication.translate("AlertRules", "Morning meeting"),
    }
    return names.get(rule, rule)


def rule_label(a: Alert) -> str:
    name = rule_name(a.rule, a.detail)
    return a.rule if name == a.rule else f"{a.rule} {name}"


def note_title(a: Alert) -> str:
    """The resolve dialog's title: a complaint/help ticket is reviewed, not "resolved"
    (issue #12)."""
    if a.rule == REVIEW_RULE:
        return QCoreApplication.translate("Alerts", "Complaint/help ticket review")
    return QCoreApplication.translate("Alerts", "Resolve alert")


def ticket_request(a: Alert, state: FloorState | None) -> str:
    """The caller's request (诉求) of the alert's ticket: from the open ticket, or
    what the alert kept once the ticket was closed. The console only: never the wall."""
    if a.ticket is not None and state is not None:
        t = state.tickets.get(a.ticket)
        if t is not None and t.request:
            return t.request
    r = a.detail.get("request")
    return r if isinstance(r, str) else ""


def note_question(a: Alert, state: FloorState | None) -> str:
    """What the resolve dialog asks: the rule by its name (never its code), what it is
    about, for a ticket its content, then the question."""
    if a.rule == REVIEW_RULE:
        head = QCoreApplication.translate("Alerts", "{category} ticket {ticket}: {title}").format(
            category=category_label(a.detail.get("category")), ticket=a.ticket or "—",
            title=ticket_title(a, state))
    else:
        head = f"{rule_name(a.rule, a.detail)} · {subject_text(a, state)}"
    lines = [head]
    req = ticket_request(a, state) if a.ticket else ""
    if req:
        lines.append(QCoreApplication.translate("Alerts", "Caller's request: {request}").format(
            request=req))
    lines.append("")
    lines.append(QCoreApplication.translate("Alerts", "What did the review find, and what was "
                                                      "done? The note is kept with the ticket.")
                 if a.rule == REVIEW_RULE else
                 QCoreApplication.translate("Alerts", "What was done? The note is kept with "
                                                      "the alert."))
    return "\n".join(lines)


def span(seconds: float) -> str:
    """A limit as words: 10 分钟, 30 秒, 1 分 30 秒."""
    m, s = divmod(int(round(max(0.0, seconds))), 60)
    if m and not s:
        return QCoreApplication.translate("Alerts", "{m} min").format(m=m)
    if m:
        return QCoreApplication.translate("Alerts", "{m} min {s} s").format(m=m, s=s)
    return QCoreApplication.translate("Alerts", "{s} s").format(s=s)


def category_label(raw: Any) -> str:
    return {TicketCategory.COMPLAINT.value: QCoreApplication.translate("Alerts", "Complaint"),
            TicketCategory.HELP.value: QCoreApplication.translate("Alerts", "Request for help"),
            TicketCategory.CONSULT.value: QCoreApplication.translate("Alerts", "Consultation"),
            TicketCategory.SUGGEST.value: QCoreApplication.translate("Alerts", "Suggestion"),
            }.get(str(raw), str(raw or ""))


def channel_label(channel: str) -> str:
    return {"console": QCoreApplication.translate("Alerts", "Console"),
            "phone": QCoreApplication.translate("Alerts", "Phone"),
            "webhook": QCoreApplication.translate("Alerts", "Group robot"),
            "none": QCoreApplication.translate("Alerts", "Nobody reachable"),
            "step": QCoreApplication.translate("Alerts", "Handling step"),
            }.get(channel, channel)


def status_label(status: str) -> str:
    return {"pending": QCoreApplication.translate("Alerts", "Pending"),
            "sent": QCoreApplication.translate("Alerts", "Sent"),
            "failed": QCoreApplication.translate("Alerts", "Failed"),
            "recorded": QCoreApplication.translate("Alerts", "Recorded"),
            }.get(status, status)


def _reason_label(raw: Any) -> str:
    try:
        return labels.reason(AwayReason(str(raw)))
    except ValueError:
        return str(raw or "")


def _num(detail: Mapping[str, Any], key: str) -> float | None:
    v = detail.get(key)
    try:
        return None if v is None or isinstance(v, bool) else float(v)
    except (TypeError, ValueError):
        return None


def _when(raw: Any) -> datetime | None:
    try:
        t = datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    return t if t.tzinfo is not None else None


def local_time(t: datetime | None, state: FloorState | None,
               now: datetime | None = None) -> str:
    """Floor time hh:mm:ss (with the date when it is not today's)."""
    if t is None:
        return "—"
    tz = state.policy.tz if state is not None else None
    lt = t.astimezone(tz)
    if now is not None and lt.date() != now.astimezone(tz).date():
        return lt.strftime("%m-%d %H:%M:%S")
    return lt.strftime("%H:%M:%S")


def agent_text(agent: str | None, state: FloorState | None) -> str:
    if agent is None:
        return ""
    ag = state.agents.get(agent) if state is not None else None
    return f"{agent} {ag.name}" if ag is not None else agent


def ticket_title(a: Alert, state: FloorState | None) -> str:
    """The ticket's title while it is open; after, what the alert carried."""
    if a.ticket is not None and state is not None:
        t = state.tickets.get(a.ticket)
        if t is not None and t.title:
            return t.title
    # the domain's message ends with the title after a full-width colon
    if ":" in a.message:
        return a.message.split(":", 1)[1]
    return a.ticket or a.subject


def subject_text(a: Alert, state: FloorState | None) -> str:
    kind = a.subject.split(":", 1)[0]
    if kind == "agent":
        return agent_text(a.agent or a.subject.split(":")[1], state)
    if kind == "group":
        gid = a.group or a.subject.split(":", 1)[1]
        g = state.groups.get(gid) if state is not None else None
        return g.name if g is not None else gid
    if kind == "ticket":
        return ticket_title(a, state)
    if kind == "level":
        return QCoreApplication.translate("Alerts", "Whole floor")
    return a.subject


def describe(a: Alert, state: FloorState | None, now: datetime | None = None) -> str:
    """The alert in words, translated, from its rule and detail."""
    d = a.detail
    limit = _num(d, "limit_s")
    since = local_time(_when(d.get("since")), state, now)
    lim = span(limit) if limit is not None else "—"
    r = a.rule
    if r == "R-BREAK-1" and d.get("stage") == "pre":
        return QCoreApplication.translate(
            "AlertRules", "On short break since {since}; the limit of {limit} is near").format(
                since=since, limit=lim)
    if r == "R-BREAK-1":
        return QCoreApplication.translate(
            "AlertRules", "On short break since {since}, over the limit of {limit}").format(
                since=since, limit=lim)
    if r == "R-AWAY-1":
        return QCoreApplication.translate(
            "AlertRules", "Away ({reason}) since {since}, over the limit of {limit}").format(
                reason=_reason_label(d.get("reason")), since=since, limit=lim)
    if r == "R-HOLD-1":
        return QCoreApplication.translate(
            "AlertRules", "Caller on hold since {since}, over the limit of {limit}").format(
                since=since, limit=lim)
    if r == "R-RING-1":
        return QCoreApplication.translate(
            "AlertRules", "Ringing since {since}, not answered within {limit}").format(
                since=since, limit=lim)
    if r == "R-ACW-1":
        return QCoreApplication.translate(
            "AlertRules", "In after-call work since {since}, over the limit of {limit}").format(
                since=since, limit=lim)
    if r == "R-SEAT-1":
        login = _when(d.get("logged_in_at"))
        settle = state.policy.seat_settle_min * 60.0 if state is not None else 1800.0
        after = span((a.raised_at - login).total_seconds()) if login else "—"
        return QCoreApplication.translate(
            "AlertRules", "Went away ({reason}) {after} after logging in at {login}; nobody "
                          "leaves the seat within {settle} of logging in").format(
                reason=_reason_label(d.get("reason")), after=after,
                login=local_time(login, state, now), settle=span(settle))
    if r == "R-BREAK-2":
        raw = d.get("on_break")
        names = [agent_text(str(x), state) for x in raw] if isinstance(raw, list) else []
        cap = _num(d, "max")
        return QCoreApplication.translate(
            "AlertRules", "{n} on short break at once, more than {max}: {agents}").format(
                n=len(names), max="—" if cap is None else int(cap),
                agents=QCoreApplication.translate("Alerts", ", ").join(names))
    if r in ("R-PEAK-1", "R-PEAK-2"):
        thr, win = _num(d, "threshold"), _num(d, "window_min")
        args = {"threshold": "—" if thr is None else int(thr),
                "window": "—" if win is None else span(win * 60.0)}
        if r == "R-PEAK-1":
            return QCoreApplication.translate(
                "AlertRules", "At least {threshold} callers waiting for {window}: callbacks "
                              "stopped, short breaks suspended").format(**args)
        return QCoreApplication.translate(
            "AlertRules", "At least {threshold} callers waiting for {window}: all hands — "
                          "shift leaders and every agent take calls").format(**args)
    if r == "R-TICKET-3":
        return QCoreApplication.translate(
            "AlertRules", "{category} ticket for the shift leader's review: {title}").format(
                category=category_label(d.get("category")), title=ticket_title(a, state))
    if r == "R-TICKET-5":
        mins = state.policy.ticket_complete_min * 60.0 if state is not None else 900.0
        return QCoreApplication.translate(
            "AlertRules", "Ticket {ticket} not completed {limit} after its call ended at "
                          "{ended}").format(ticket=a.ticket or "—", limit=span(mins),
                                            ended=local_time(_when(d.get("call_ended_at")),
                                                             state, now))
    if r == "R-URGENT-1":
        return QCoreApplication.translate(
            "AlertRules", "Urgent ticket, to the shift leader at once: {title}").format(
                title=ticket_title(a, state))
    if r == "R-URGENT-2":
        return QCoreApplication.translate(
            "AlertRules", "Escalated to the director and the unit heads ({why}): {title}").format(
                why=escalation_reason(a, state), title=ticket_title(a, state))
    return a.message


def escalation_reason(a: Alert, state: FloorState | None) -> str:
    if a.detail.get("why") == "no_leader":
        return QCoreApplication.translate("AlertRules", "no shift leader on duty")
    wait = state.policy.urgent_ack_s if state is not None else 60.0
    return QCoreApplication.translate("AlertRules", "not acknowledged within {wait}").format(
        wait=span(wait))


def sort_key(a: Alert) -> tuple[int, datetime, str]:
    """Most severe first; within a severity the oldest (longest waiting) first."""
    return (SEVERITY_ORDER.get(a.severity, 9), a.raised_at, a.id)


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(int(a.red() + (b.red() - a.red()) * t),
                  int(a.green() + (b.green() - a.green()) * t),
                  int(a.blue() + (b.blue() - a.blue()) * t))


# ---- the table model -------------------------------------------------------------------

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


class AlertTableModel(QAbstractTableModel):
    """Active alerts of a snapshot (those ``accept`` takes), most severe first, then
    oldest first. The order of two alerts never changes while both are active
    (severity and raise time are fixed), so a new snapshot is a few row removals
    and insertions plus ``dataChanged`` for an acknowledgement, never a reset;
    the age column ticks once a second."""

    def __init__(self, theme: Theme, now: Callable[[], datetime],
                 columns: Sequence[int] = ACTIVE_COLUMNS,
                 accept: Callable[[Alert], bool] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._now = now
        self.columns = tuple(columns)
        self._accept = accept or (lambda a: True)
        self._rows: list[Alert] = []
        self._state: FloorState | None = None

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
        last = len(self.columns) - 1
        for j, a in enumerate(new):
            if j < len(self._rows) and self._rows[j].id == a.id:
                if self._rows[j] != a:  # acknowledged meanwhile
                    self._rows[j] = a
                    self.dataChanged.emit(self.index(j, 0), self.index(j, last))
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
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1))

    # -- reading

    def alerts(self) -> list[Alert]:
        return list(self._rows)

    def alert_at(self, row: int) -> Alert | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, alert_id: str) -> int | None:
        for i, a in enumerate(self._rows):
            if a.id == alert_id:
                return i
        return None

    def text(self, a: Alert, col: int) -> str:
        s = self._state
        if col == COL_SEVERITY:
            return severity_label(a.severity)
        if col == COL_RULE:
            return rule_label(a)
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

    # -- QAbstractItemModel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < len(self.columns)):
            return None
        return _header(self.columns[section])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self.columns):
            return None
        a = self._rows[index.row()]
        col = self.columns[index.column()]
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


class _RowsModel(QAbstractTableModel):
    """A read-only table over a list of rows (the trail, the history)."""

    COLUMNS = 0

    def __init__(self, theme: Theme, parent: Any = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._rows: list[Any] = []
        self._state: FloorState | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class TrailModel(_RowsModel):
    """The escalation trail of one urgent ticket: every notification, in order."""

    COLUMNS = 7

    def __init__(self, theme: Theme, parent: Any = None) -> None:
        super().__init__(theme, parent)
        self._now: datetime | None = None

    def set_rows(self, rows: Sequence[EscalationStep], state: FloorState | None,
                 now: datetime | None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._state = state
        self._now = now
        self.endResetModel()

    def steps(self) -> list[EscalationStep]:
        return list(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < self.COLUMNS):
            return None
        return [QCoreApplication.translate("Alerts", "When"),
                QCoreApplication.translate("Alerts", "How"),
                QCoreApplication.translate("Alerts", "Who"),
                QCoreApplication.translate("Alerts", "Status"),
                QCoreApplication.translate("Alerts", "Delivered at"),
                QCoreApplication.translate("Alerts", "Attempts"),
                QCoreApplication.translate("Alerts", "Details")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        n = self._rows[index.row()]
        col = index.column()
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


# ---- the panel ----------------------------------------------------------------------------


class HistoryRow(Protocol):
    """One alert as the history keeps it (models.db.alerts_db.AlertRecord)."""

    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def raised_at(self) -> datetime: ...
    @property
    def message(self) -> str: ...
    @property
    def detail(self) -> Mapping[str, Any]: ...
    @property
    def acknowledged_at(self) -> datetime | None: ...
    @property
    def acknowledged_by(self) -> str | None: ...
    @property
    def resolved_at(self) -> datetime | None: ...
    @property
    def resolved_by(self) -> str | None: ...
    @property
    def resolve_note(self) -> str | None: ...


class HistoryModel(_RowsModel):
    """A day of alerts as the history keeps them, newest first: raised, acknowledged
    (who, when) and resolved (by a person with the note, or by itself)."""

    COLUMNS = 7

    def set_rows(self, rows: Sequence[HistoryRow], state: FloorState | None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._state = state
        self.endResetModel()

    def rows(self) -> list[HistoryRow]:
        return list(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole \
                or not 0 <= section < self.COLUMNS:
            return None
        return (QCoreApplication.translate("AlertHistory", "Raised at"),
                QCoreApplication.translate("AlertHistory", "Level"),
                QCoreApplication.translate("AlertHistory", "Rule"),
                QCoreApplication.translate("AlertHistory", "What"),
                QCoreApplication.translate("AlertHistory", "Acknowledged"),
                QCoreApplication.translate("AlertHistory", "Resolved"),
                QCoreApplication.translate("AlertHistory", "Note"))[section]

    def text(self, r: HistoryRow, col: int) -> str:
        st = self._state
        if col == 0:  # the date too: a history day may not be today
            tz = st.policy.tz if st is not None else None
            return r.raised_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
        if col == 1:
            return severity_label(r.severity)
        if col == 2:
            name = rule_name(r.rule, r.detail)
            return r.rule if name == r.rule else f"{r.rule} {name}"
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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(r, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 \
                and r.severity is Severity.CRITICAL:
            return QBrush(self.theme.red)
        return None


def _table(model: QAbstractTableModel, parent: QWidget, name: str) -> QTableView:
    v = QTableView(parent)
    v.setObjectName(name)
    v.setModel(model)
    v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    v.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    v.setAlternatingRowColors(True)
    v.setWordWrap(False)
    v.verticalHeader().hide()
    v.verticalHeader().setDefaultSectionSize(22)
    h = v.horizontalHeader()
    h.setHighlightSections(False)
    h.setStretchLastSection(True)
    h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return v


class AlertsPanel(QWidget):
    """Tabs: the active alerts, the review list (R-TICKET-3) and the urgent tickets
    with their escalation trail (R-URGENT-1/2); one row of actions below acts on
    the alert selected in the tab on show.

    ``ask_note`` is an attribute so tests can answer it.
    """

    #: an acknowledge or resolve answer (done or refused) is on screen
    acted = Signal()
    #: the escalation trail's answer is on screen
    trail_loaded = Signal()
    #: the history's answer is on screen
    history_loaded = Signal()

    TRAIL_REFRESH_MS = 10_000
    #: how long a done message ("已解除。") stays
    MESSAGE_MS = 8_000

    def __init__(self, theme: Theme, now: Callable[[], datetime],
                 backend: AlertsSource | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertsPanel")
        self.theme = theme
        self._now = now
        self.backend = backend
        self.state: FloorState | None = None
        self.stale = False
        self.allowed = False
        #: alert id -> "ack" | "resolve" on its way from this console; kept after the
        #: answer until the feed shows the effect, so nobody clicks twice meanwhile
        self.pending: dict[str, str] = {}
        self._message: tuple[str, bool] = ("", False)
        self._trail_for: str | None = None  # the ticket subject whose trail is shown
        self._trail_seq = 0
        save = weakref.WeakMethod(self._note_dialog)
        self.ask_note: Callable[[str], str | None] = lambda text: (m := save()) and m(text)
        self._note_title = ""
        self.active = AlertTableModel(theme, now, ACTIVE_COLUMNS,
                                      lambda a: a.rule != REVIEW_RULE, self)
        self.review = AlertTableModel(theme, now, REVIEW_COLUMNS,
                                      lambda a: a.rule == REVIEW_RULE, self)
        self.urgent = AlertTableModel(theme, now, URGENT_COLUMNS,
                                      lambda a: a.rule in URGENT_RULES, self)
        self.trail = TrailModel(theme, self)
        self.history = HistoryModel(theme, self)
        self._build()
        self.trail_timer = QTimer(self)
        self.trail_timer.setObjectName("escalationTrailRefresh")
        self.trail_timer.setInterval(self.TRAIL_REFRESH_MS)
        self.trail_timer.timeout.connect(self._refresh_trail_if_shown)
        self.trail_timer.start()
        self.message_timer = QTimer(self)
        self.message_timer.setObjectName("alertsMessageClear")
        self.message_timer.setSingleShot(True)
        self.message_timer.setInterval(self.MESSAGE_MS)
        self.message_timer.timeout.connect(self._clear_message)
        self.retranslate()
        self._update_buttons()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        # issue #14: while the phone system's link is down, rules that read who rings,
        # talks or holds see a frozen floor: the panel says so above its lists
        self.link_note = QLabel(self)
        self.link_note.setObjectName("telephonyNote")
        self.link_note.setWordWrap(True)
        self.link_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.link_note.hide()
        layout.addWidget(self.link_note)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("alertTabs")
        self.active_view = _table(self.active, self.tabs, "activeAlerts")
        self.review_view = _table(self.review, self.tabs, "reviewAlerts")
        urgent_page = QSplitter(Qt.Orientation.Horizontal, self.tabs)
        urgent_page.setObjectName("urgentSplitter")
        self.urgent_view = _table(self.urgent, urgent_page, "urgentAlerts")
        trail_box = QWidget(urgent_page)
        tl = QVBoxLayout(trail_box)
        tl.setContentsMargins(4, 0, 0, 0)
        head = QHBoxLayout()
        self.trail_label = QLabel(trail_box)
        self.trail_label.setObjectName("trailLabel")
        self.trail_label.setWordWrap(True)
        self.trail_refresh = QPushButton(trail_box)
        self.trail_refresh.setObjectName("trailRefresh")
        self.trail_refresh.clicked.connect(self.load_trail)
        self.step_button = QPushButton(trail_box)
        self.step_button.setObjectName("recordStep")
        self.step_button.clicked.connect(self.record_step)
        head.addWidget(self.trail_label, 1)
        head.addWidget(self.step_button)
        head.addWidget(self.trail_refresh)
        tl.addLayout(head)
        self.trail_view = _table(self.trail, trail_box, "escalationTrail")
        self.trail_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        tl.addWidget(self.trail_view, 1)
        urgent_page.addWidget(self.urgent_view)
        urgent_page.addWidget(trail_box)
        urgent_page.setStretchFactor(0, 3)
        urgent_page.setStretchFactor(1, 2)
        self.tabs.addTab(self.active_view, "")
        self.tabs.addTab(self.review_view, "")
        self.tabs.addTab(urgent_page, "")
        history_page = QWidget(self.tabs)
        hl = QVBoxLayout(history_page)
        hl.setContentsMargins(0, 4, 0, 0)
        hrow = QHBoxLayout()
        self.history_day_label = QLabel(history_page)
        self.history_day = QDateEdit(history_page)
        self.history_day.setObjectName("historyDay")
        self.history_day.setCalendarPopup(True)
        self.history_day.setDisplayFormat("yyyy-MM-dd")
        self.history_day.setDate(QDate.currentDate())
        self.history_load = QPushButton(history_page)
        self.history_load.setObjectName("historyLoad")
        self.history_load.clicked.connect(self.load_history)
        self.history_status = QLabel(history_page)
        hrow.addWidget(self.history_day_label)
        hrow.addWidget(self.history_day)
        hrow.addWidget(self.history_load)
        hrow.addWidget(self.history_status, 1)
        hl.addLayout(hrow)
        self.history_view = _table(self.history, history_page, "alertHistory")
        hl.addWidget(self.history_view, 1)
        self.tabs.addTab(history_page, "")
        layout.addWidget(self.tabs, 1)

        row = QHBoxLayout()
        self.ack_button = QPushButton(self)
        self.ack_button.setObjectName("acknowledgeAlert")
        self.ack_button.clicked.connect(lambda: self._act_on_selected("ack"))
        self.resolve_button = QPushButton(self)
        self.resolve_button.setObjectName("resolveAlert")
        self.resolve_button.clicked.connect(lambda: self._act_on_selected("resolve"))
        self.message = QLabel(self)
        self.message.setObjectName("alertsMessage")
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.ack_button)
        row.addWidget(self.resolve_button)
        row.addWidget(self.message, 1)
        layout.addLayout(row)
        for v in (self.active_view, self.review_view, self.urgent_view):
            v.selectionModel().selectionChanged.connect(self._selection_changed)
            v.doubleClicked.connect(lambda _i: self._act_on_selected("ack"))
        self.tabs.currentChanged.connect(self._tab_changed)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        for m in (self.active, self.review, self.urgent):
            m.theme = theme
            m.retranslate()  # repaints every cell
        self.trail.theme = theme
        self._render_tabs()
        self._render_link_note()

    def _render_link_note(self) -> None:
        """The telephony link's note (issue #14): shown while the link is down."""
        since = self.state.telephony_down_since if self.state is not None else None
        if since is None:
            self.link_note.hide()
            return
        local = since.astimezone(self.state.policy.tz if self.state else UTC)
        self.link_note.setText(QCoreApplication.translate("TelephonyLink", "{title}. {note}").format(
            title=link_down_title(local.strftime("%H:%M:%S")), note=link_down_note()))
        th = self.theme
        self.link_note.setStyleSheet(
            f"QLabel#telephonyNote {{ background: {th.link_bg.name()}; "
            f"color: {th.link_text.name()}; padding: 3px; }}")
        self.link_note.show()

    def retranslate(self) -> None:
        self.ack_button.setText(QCoreApplication.translate("Alerts", "Acknowledge"))
        self.ack_button.setToolTip(QCoreApplication.translate(
            "Alerts", "Acknowledge the selected alert: it is yours; every console sees it"))
        self.resolve_button.setText(QCoreApplication.translate("Alerts", "Resolve…"))
        self.resolve_button.setToolTip(QCoreApplication.translate(
            "Alerts", "Resolve the selected alert with a note saying what was done"))
        self.trail_refresh.setText(QCoreApplication.translate("Alerts", "Refresh"))
        self.step_button.setText(QCoreApplication.translate("Alerts", "Record a step…"))
        self.step_button.setToolTip(QCoreApplication.translate(
            "Alerts", "Record what was done about this ticket (a call made, the reply given)"))
        self.history_day_label.setText(QCoreApplication.translate("AlertHistory", "Day"))
        self.history_load.setText(QCoreApplication.translate("AlertHistory", "Show"))
        self.history.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                            HistoryModel.COLUMNS - 1)
        for m in (self.active, self.review, self.urgent):
            m.retranslate()
        self.trail.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, TrailModel.COLUMNS - 1)
        self._render_tabs()
        self._render_trail_label()
        self._render_link_note()
        self._fit_columns()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _fit_columns(self) -> None:
        for v, widths in ((self.active_view, (70, 190, 150, 80, 64, 130)),
                          (self.review_view, (80, 90, 260, 110, 80, 64)),
                          (self.urgent_view, (170, 90, 220, 110, 80, 64, 130))):
            fm = v.horizontalHeader().fontMetrics()
            model = v.model()
            for col, w in enumerate(widths):
                head = str(model.headerData(col, Qt.Orientation.Horizontal))
                v.setColumnWidth(col, max(w, fm.horizontalAdvance(head) + 20))

    #: columns that grow to their contents (up to this many pixels) as alerts arrive
    _GROWING = {COL_RULE: 260, COL_SUBJECT: 280, COL_ACK: 200, COL_AGENT: 140, COL_TICKET: 160}

    def _grow_columns(self) -> None:
        """Widen a column whose texts got longer; never narrow one (the leader may have
        sized it), and never past a cap (the description gets the rest)."""
        for v in (self.active_view, self.review_view, self.urgent_view):
            model = v.model()
            assert isinstance(model, AlertTableModel)
            last = len(model.columns) - 1
            for i, col in enumerate(model.columns):
                cap = self._GROWING.get(col)
                if cap is None or i == last:
                    continue
                want = min(cap, v.sizeHintForColumn(i) + 8)
                if want > v.columnWidth(i):
                    v.setColumnWidth(i, want)

    def _render_tabs(self) -> None:
        n_active = self.active.rowCount()
        n_review = self.review.rowCount()
        n_urgent = self.urgent.rowCount()
        self.tabs.setTabText(0, QCoreApplication.translate(
            "Alerts", "Active alerts ({n})").format(n=n_active))
        self.tabs.setTabText(1, QCoreApplication.translate(
            "Alerts", "Review list ({n})").format(n=n_review))
        self.tabs.setTabText(2, QCoreApplication.translate(
            "Alerts", "Urgent tickets ({n})").format(n=n_urgent))
        self.tabs.setTabText(3, QCoreApplication.translate("AlertHistory", "History"))
        hot = any(a.severity is Severity.CRITICAL and not a.acknowledged
                  for a in self.active.alerts())
        self.tabs.tabBar().setTabTextColor(0, self.theme.red if hot else self.theme.text)
        urgent_open = any(not a.acknowledged for a in self.urgent.alerts())
        self.tabs.tabBar().setTabTextColor(2, self.theme.red if urgent_open else self.theme.text)

    # ---- feeding -----------------------------------------------------------------

    def set_snapshot(self, state: FloorState, stale: bool = False) -> None:
        alerts_changed = self.state is None or state.alerts is not self.state.alerts
        stale_changed = stale != self.stale
        link_changed = (self.state is None or state.telephony_down_since
                        != self.state.telephony_down_since)
        self.state = state
        self.stale = stale
        if link_changed:
            self._render_link_note()
        if not alerts_changed and not stale_changed:
            return
        before = self._trail_ids()
        counts = [m.rowCount() for m in (self.active, self.review, self.urgent)]
        for m in (self.active, self.review, self.urgent):
            m.set_snapshot(state)
        if counts != [m.rowCount() for m in (self.active, self.review, self.urgent)]:
            self._grow_columns()
        self.pending = {aid: what for aid, what in self.pending.items()
                        if aid in state.alerts
                        and not (what == "ack" and state.alerts[aid].acknowledged)}
        self._render_tabs()
        self._update_buttons()
        if self._trail_for is not None and self._trail_ids() != before:
            self.load_trail()  # an escalation was raised (or resolved) meanwhile
        elif self._trail_for is not None and not self._trail_ids():
            self._trail_for = None
            self.trail.set_rows([], state, self._now())
            self._render_trail_label()

    def tick(self) -> None:
        for m in (self.active, self.review, self.urgent):
            m.tick()

    def set_allowed(self, allowed: bool) -> None:
        """Acknowledge and resolve exist only for operators who may use them."""
        self.allowed = allowed and self.backend is not None
        self._update_buttons()

    # ---- selection and actions -----------------------------------------------------

    def current_view(self) -> QTableView | None:
        """The live alerts' table on show; None on the history tab (its rows are
        past alerts: nothing to acknowledge or resolve there)."""
        views = [self.active_view, self.review_view, self.urgent_view]
        i = max(0, self.tabs.currentIndex())
        return views[i] if i < len(views) else None

    def selected_alert(self) -> Alert | None:
        v = self.current_view()
        if v is None:
            return None
        rows = v.selectionModel().selectedRows()
        if not rows:
            return None
        model = v.model()
        assert isinstance(model, AlertTableModel)
        return model.alert_at(rows[0].row())

    def select_alert(self, alert_id: str) -> bool:
        """Show and select an alert (in the first tab that lists it)."""
        for tab, v in enumerate((self.active_view, self.review_view, self.urgent_view)):
            model = v.model()
            assert isinstance(model, AlertTableModel)
            row = model.row_of(alert_id)
            if row is not None:
                self.tabs.setCurrentIndex(tab)
                v.selectRow(row)
                v.scrollTo(model.index(row, 0))
                return True
        return False

    def _selection_changed(self, _a: QItemSelection, _b: QItemSelection) -> None:
        if not self.pending:
            self._clear_message()  # the last answer was about another alert
        self._update_buttons()
        if self.tabs.currentIndex() == 2:
            self.load_trail()

    def _tab_changed(self, _i: int) -> None:
        self._update_buttons()
        if self.tabs.currentIndex() == 2:
            self.load_trail()

    def _update_buttons(self) -> None:
        self.ack_button.setVisible(self.allowed)
        self.resolve_button.setVisible(self.allowed)
        a = self.selected_alert()
        ok = self.allowed and not self.stale and a is not None and a.id not in self.pending
        self.ack_button.setEnabled(bool(ok and a is not None and not a.acknowledged))
        self.resolve_button.setEnabled(bool(ok))
        self.step_button.setVisible(self.allowed)
        self.step_button.setEnabled(bool(self.allowed and not self.stale and a is not None
                                         and a.ticket is not None
                                         and self.tabs.currentIndex() == 2))

    def _act_on_selected(self, what: str) -> None:
        a = self.selected_alert()
        if a is None:
            return
        if what == "ack":
            if not a.acknowledged:
                self.acknowledge(a.id)
        else:
            self.resolve(a.id)

    def acknowledge(self, alert_id: str) -> bool:
        """Acknowledge an alert (from the panel or the urgent banner); False when
        nothing was sent (no right, stale data, already on its way)."""
        if not self.allowed or self.stale or self.backend is None or alert_id in self.pending:
            return False
        if self.state is None or alert_id not in self.state.alerts:
            return False
        self.pending[alert_id] = "ack"
        self._say(QCoreApplication.translate("Alerts", "Acknowledging…"))
        self._update_buttons()
        self.backend.acknowledge(alert_id, _weak(self, AlertsPanel._acked, alert_id),
                                 _weak(self, AlertsPanel._refused, alert_id))
        return True

    def resolve(self, alert_id: str) -> bool:
        if not self.allowed or self.stale or self.backend is None or alert_id in self.pending:
            return False
        if self.state is None or alert_id not in self.state.alerts:
            return False
        a = self.state.alerts[alert_id]
        self._note_title = note_title(a)
        note = self.ask_note(note_question(a, self.state))
        if note is None:
            return False
        if not note.strip():
            self._say(QCoreApplication.translate(
                "Alerts", "Resolving an alert needs a note saying what was done."), True)
            return False
        self.pending[alert_id] = "resolve"
        self._say(QCoreApplication.translate("Alerts", "Resolving…"))
        self._update_buttons()
        self.backend.resolve(alert_id, note.strip(), _weak(self, AlertsPanel._resolved, alert_id),
                             _weak(self, AlertsPanel._refused, alert_id))
        return True

    def _acked(self, alert_id: str, _result: Any) -> None:
        # the alert changes when the acknowledgement comes back through the feed; until
        # then it stays pending here
        self._say(QCoreApplication.translate("Alerts", "Acknowledged."))
        self._update_buttons()
        self.acted.emit()

    def _resolved(self, alert_id: str, _result: Any) -> None:
        self._say(QCoreApplication.translate("Alerts", "Resolved."))
        self._update_buttons()
        self.acted.emit()

    def _refused(self, alert_id: str, message: str) -> None:
        self.pending.pop(alert_id, None)
        self._say(QCoreApplication.translate("Alerts", "Refused: {reason}").format(
            reason=message), True)
        self._update_buttons()
        self.acted.emit()

    def _say(self, text: str, error: bool = False) -> None:
        self._message = (text, error)
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {self.theme.red.name()};" if error else "")
        # issue #12: "已解除。" stood for ever; a done message goes after a few seconds
        # (or on the next selection), a "…" stays until its answer replaces it
        if text and not error and not text.endswith(("…", "...")):
            self.message_timer.start()
        else:
            self.message_timer.stop()

    def _clear_message(self) -> None:
        self.message_timer.stop()
        if self._message[0]:
            self._message = ("", False)
            self.message.setText("")
            self.message.setStyleSheet("")

    def message_text(self) -> str:
        return self._message[0]

    def _note_dialog(self, text: str) -> str | None:
        value, ok = QInputDialog.getMultiLineText(self, self._note_title, text)
        return value if ok else None

    # ---- the escalation trail --------------------------------------------------------

    def _trail_ids(self) -> list[str]:
        """Every active alert of the ticket whose trail is shown (urgent + escalation)."""
        if self._trail_for is None or self.state is None:
            return []
        return sorted(a.id for a in self.state.alerts.values()
                      if a.rule in URGENT_RULES and a.subject == self._trail_for)

    def load_history(self) -> None:
        """The alerts raised on the chosen floor day, resolved ones included."""
        if self.backend is None:
            return
        tz = self.state.policy.tz if self.state is not None else ZoneInfo("Asia/Shanghai")
        d = self.history_day.date()
        start = datetime(d.year(), d.month(), d.day(), tzinfo=tz)
        end = start + timedelta(days=1)
        self.history_status.setText(QCoreApplication.translate("AlertHistory", "Loading…"))
        self.backend.history(start.astimezone(UTC), end.astimezone(UTC),
                             _weak(self, AlertsPanel._history_arrived),
                             _weak(self, AlertsPanel._history_failed))

    def _history_arrived(self, rows: Sequence[HistoryRow]) -> None:
        self.history.set_rows(rows, self.state)
        self.history_status.setText(QCoreApplication.translate(
            "AlertHistory", "{n} alert(s) that day").format(n=len(rows)))
        self.history_view.resizeColumnsToContents()
        self.history_loaded.emit()

    def _history_failed(self, message: str) -> None:
        self.history_status.setText(message)
        self.history_loaded.emit()

    def record_step(self) -> bool:
        """Ask what was done and record it on the selected urgent ticket."""
        a = self.selected_alert() if self.tabs.currentIndex() == 2 else None
        if a is None or a.ticket is None or self.backend is None or not self.allowed:
            return False
        text = self.ask_note(QCoreApplication.translate(
            "Alerts", "What was done about ticket {ticket}?").format(ticket=a.ticket))
        if text is None:
            return False
        if not text.strip():
            self._say(QCoreApplication.translate("Alerts", "A handling step needs a text."),
                      error=True)
            return False
        self.backend.record_step(a.ticket, text.strip(),
                                 _weak(self, AlertsPanel._step_recorded),
                                 _weak(self, AlertsPanel._step_refused))
        return True

    def _step_recorded(self, _result: Any) -> None:
        self._say(QCoreApplication.translate("Alerts", "Step recorded."))
        self.load_trail()
        self.acted.emit()

    def _step_refused(self, message: str) -> None:
        self._say(message, error=True)
        self.acted.emit()

    def load_trail(self) -> None:
        a = self.selected_alert() if self.tabs.currentIndex() == 2 else None
        if a is None and self._trail_for is None:
            self._render_trail_label()
            return
        if a is not None:
            self._trail_for = a.subject
        ids = self._trail_ids()
        if a is not None:
            # the escalation names the urgent alert it escalates, even once that is resolved
            ids = sorted(set(ids) | {a.id} | ({a.escalation_of} if a.escalation_of else set()))
        if not ids or self.backend is None:
            self._render_trail_label()
            return
        self._trail_seq += 1
        self._say_trail(QCoreApplication.translate("Alerts", "Loading the escalation trail…"))
        self.backend.escalation_trail(ids, _weak(self, AlertsPanel._trail_arrived,
                                                 self._trail_seq),
                                      _weak(self, AlertsPanel._trail_failed, self._trail_seq))

    def _refresh_trail_if_shown(self) -> None:
        if self.isVisible() and self.tabs.currentIndex() == 2 and self._trail_for is not None:
            self.load_trail()

    def _trail_arrived(self, seq: int, steps: list[EscalationStep]) -> None:
        if seq != self._trail_seq:
            return
        self.trail.set_rows(steps, self.state, self._now())
        self.trail_view.resizeColumnsToContents()
        self._render_trail_label()
        self.trail_loaded.emit()

    def _trail_failed(self, seq: int, message: str) -> None:
        if seq != self._trail_seq:
            return
        self.trail.set_rows([], self.state, self._now())
        self._say_trail(QCoreApplication.translate(
            "Alerts", "The escalation trail cannot be read: {error}").format(error=message), True)
        self.trail_loaded.emit()

    def _say_trail(self, text: str, error: bool = False) -> None:
        self.trail_label.setText(text)
        self.trail_label.setStyleSheet(f"color: {self.theme.red.name()};" if error else "")

    def _render_trail_label(self) -> None:
        if self._trail_for is None or self.state is None:
            self._say_trail(QCoreApplication.translate(
                "Alerts", "Select an urgent ticket to see its escalation trail."))
            return
        alerts = [a for a in self.state.alerts.values()
                  if a.rule in URGENT_RULES and a.subject == self._trail_for]
        title = ticket_title(alerts[0], self.state) if alerts else self._trail_for
        esc = next((a for a in alerts if a.rule == "R-URGENT-2"), None)
        if esc is None:
            head = QCoreApplication.translate("Alerts", "{title}: not escalated").format(
                title=title)
        else:
            head = QCoreApplication.translate(
                "Alerts", "{title}: escalated at {time} ({why})").format(
                    title=title, time=local_time(esc.raised_at, self.state, self._now()),
                    why=escalation_reason(esc, self.state))
        if esc is not None and self.trail.rowCount() == 0:
            head += " — " + QCoreApplication.translate("Alerts", "no notification recorded yet")
        self._say_trail(head)


# ---- banners ----------------------------------------------------------------------------


class UrgentBanner(QFrame):
    """A red row across the top for every unacknowledged urgent alert (R-URGENT-1
    and its escalation R-URGENT-2), with its age and an Acknowledge button. It
    stays until the acknowledgement arrives through the feed — from this console
    or any other."""

    acknowledge_requested = Signal(str)

    def __init__(self, theme: Theme, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("urgentBanner")
        self.theme = theme
        self._now = now
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._rows: dict[str, tuple[QFrame, QLabel, QPushButton]] = {}
        self._alerts: list[Alert] = []
        self._state: FloorState | None = None
        self._allowed = False
        self._blocked = False
        self._pending: set[str] = set()
        self.hide()

    def alert_ids(self) -> list[str]:
        return [a.id for a in self._alerts]

    def button_for(self, alert_id: str) -> QPushButton | None:
        row = self._rows.get(alert_id)
        return row[2] if row else None

    def text_for(self, alert_id: str) -> str:
        row = self._rows.get(alert_id)
        return row[1].text() if row else ""

    def set_alerts(self, state: FloorState, *, allowed: bool, stale: bool,
                   pending: Iterable[str] = ()) -> None:
        self._state = state
        self._allowed = allowed
        self._blocked = stale
        self._pending = set(pending)
        self._alerts = sorted((a for a in state.alerts.values()
                               if a.rule in URGENT_RULES and not a.acknowledged),
                              key=lambda a: (a.raised_at, a.rule, a.id))
        want = [a.id for a in self._alerts]
        for aid in [k for k in self._rows if k not in want]:
            frame = self._rows.pop(aid)[0]
            self._layout.removeWidget(frame)
            frame.hide()
            frame.deleteLater()
        for i, a in enumerate(self._alerts):
            if a.id not in self._rows:
                self._rows[a.id] = self._make_row(a.id)
            self._layout.insertWidget(i, self._rows[a.id][0])
        self.refresh()
        self.setVisible(bool(self._alerts))

    def _make_row(self, alert_id: str) -> tuple[QFrame, QLabel, QPushButton]:
        frame = QFrame(self)
        frame.setObjectName("urgentRow")
        red, white = self.theme.over.name(), "#ffffff"
        frame.setStyleSheet(
            f"QFrame#urgentRow {{ background: {red}; border-radius: 3px; }}"
            f"QFrame#urgentRow QLabel {{ color: {white}; font-weight: bold; }}"
            f"QFrame#urgentRow QPushButton {{ background: {white}; color: {red}; "
            "font-weight: bold; padding: 3px 14px; border-radius: 3px; }"
            "QFrame#urgentRow QPushButton:disabled { color: #9e9e9e; }")
        row = QHBoxLayout(frame)
        row.setContentsMargins(10, 4, 6, 4)
        text = QLabel(frame)
        text.setObjectName("urgentText")
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        button = QPushButton(frame)
        button.setObjectName("urgentAcknowledge")
        button.clicked.connect(lambda _=False, aid=alert_id: self.acknowledge_requested.emit(aid))
        row.addWidget(text, 1)
        row.addWidget(button)
        return frame, text, button

    def refresh(self) -> None:
        """Texts and ages (once a second, and when the alerts or the language change)."""
        now = self._now()
        for a in self._alerts:
            _frame, text, button = self._rows[a.id]
            age = duration((now - a.raised_at).total_seconds())
            agent = agent_text(a.agent, self._state)
            if a.rule == "R-URGENT-2":
                what = QCoreApplication.translate(
                    "UrgentBanner", "URGENT TICKET ESCALATED ({why})").format(
                        why=escalation_reason(a, self._state))
            else:
                what = QCoreApplication.translate("UrgentBanner", "URGENT TICKET")
            text.setText(QCoreApplication.translate(
                "UrgentBanner", "{what} · not acknowledged for {age} · {title} · {agent} · "
                                "raised {time}").format(
                    what=what, age=age, title=ticket_title(a, self._state),
                    agent=agent or "—", time=local_time(a.raised_at, self._state, now)))
            text.setToolTip(describe(a, self._state, now))
            button.setText(QCoreApplication.translate("UrgentBanner", "Acknowledge"))
            button.setVisible(self._allowed)
            button.setEnabled(not self._blocked and a.id not in self._pending)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(e)


def _names(ids: Sequence[str], state: FloorState, extra: Callable[[str], str]) -> str:
    shown = [html.escape(f"{agent_text(a, state)}{extra(a)}") for a in ids[:MAX_NAMES]]
    text = QCoreApplication.translate("Alerts", ", ").join(shown)
    if len(ids) > MAX_NAMES:
        text += QCoreApplication.translate("PeakBanner", " and {n} more").format(
            n=len(ids) - MAX_NAMES)
    return text


class PeakBanner(QLabel):
    """The peak plan in force (R-PEAK-1/2): its level, what it means, and who is not
    following it yet — still on short break or on callbacks (level 1), not taking
    calls (level 2: away for any reason; agents in after-call work are counted)."""

    def __init__(self, theme: Theme, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("peakBanner")
        self.theme = theme
        self._now = now
        self.level = 0
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._state: FloorState | None = None
        self.hide()

    def set_state(self, state: FloorState) -> None:
        self._state = state
        self.refresh()

    def refresh(self) -> None:
        s = self._state
        level = s.peak_level() if s is not None else 0
        if level != self.level:
            self.level = level
            self._style()
        if s is None or level <= 0:
            self.hide()
            return
        now = self._now()

        def since(aid: str) -> str:
            st = s.status.get(aid)
            return f" {duration((now - st.since).total_seconds())}" if st and st.since else ""

        def reason(aid: str) -> str:
            st = s.status.get(aid)
            r = labels.reason(st.reason) if st and st.reason else labels.state(AgentState.AWAY)
            return f" ({r}{since(aid)})"

        waiting = s.peak_waiting
        if level == 1:
            head = QCoreApplication.translate(
                "PeakBanner", "Peak plan level 1 — {n} callers waiting").format(n=waiting)
            means = QCoreApplication.translate(
                "PeakBanner", "Callbacks stopped, short breaks suspended: agents on break "
                              "come back.")
            on_break = sorted(s.agents_in(AgentState.AWAY, AwayReason.SHORT_BREAK))
            callbacks = sorted(s.agents_in(AgentState.AWAY, AwayReason.CALLBACK))
            who = (QCoreApplication.translate("PeakBanner", "Still on short break: {names}")
                   .format(names=_names(on_break, s, since)) if on_break else
                   QCoreApplication.translate("PeakBanner", "Nobody is on short break."))
            if callbacks:
                who += "  " + QCoreApplication.translate(
                    "PeakBanner", "Still on callbacks: {names}").format(
                        names=_names(callbacks, s, since))
        else:
            head = QCoreApplication.translate(
                "PeakBanner", "Peak plan level 2, all hands — {n} callers waiting").format(
                    n=waiting)
            means = QCoreApplication.translate(
                "PeakBanner", "Shift leaders and every agent take calls.")
            away = sorted(s.agents_in(AgentState.AWAY))
            acw = len(s.agents_in(AgentState.AFTER_CALL))
            who = (QCoreApplication.translate("PeakBanner", "Not taking calls: {names}")
                   .format(names=_names(away, s, reason)) if away else
                   QCoreApplication.translate(
                       "PeakBanner", "Every logged-in agent is taking calls."))
            if acw:
                who += "  " + QCoreApplication.translate(
                    "PeakBanner", "In after-call work: {n}").format(n=acw)
        self.setText(f"<b>{html.escape(head)}</b>&nbsp;&nbsp;{html.escape(means)}<br>{who}")
        self.show()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._style()
        self.refresh()

    def _style(self) -> None:
        t = self.theme
        if self.level >= 2:
            bg, fg = t.over, QColor("#ffffff")
        else:
            bg, fg = _blend(t.window, t.amber, 0.25), t.text
        self.setStyleSheet(f"QLabel#peakBanner {{ background: {bg.name()}; color: {fg.name()}; "
                           f"border-left: 6px solid {t.amber.name()}; padding: 5px 8px; }}")

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(e)


# ---- sounds and the tray ---------------------------------------------------------------


log = logging.getLogger(__name__)


def sounds_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("resources").joinpath("sounds")))


#: Qt Multimedia's QSoundEffect once looked for; False when it cannot be loaded
_sound_effect: Any = None


def sound_effect_class() -> Any:
    """QSoundEffect, imported the first time a sound is prepared, or None.

    Sound is optional (issue #15): Qt Multimedia needs libpulse on Linux, and a PC
    without it must still run the console, the wall and ``seatwatch screenshot``
    (which never import it) — silent, said once in the log, not once per alert."""
    global _sound_effect
    if _sound_effect is None:
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as e:
            log.warning("alert sounds are off: Qt Multimedia cannot be loaded (%s)", e)
            _sound_effect = False
        else:
            _sound_effect = QSoundEffect
    return _sound_effect or None


class AlertAnnouncer(QObject):
    """Sound per severity and a tray notification for each newly raised alert.

    New is "not seen in an earlier snapshot": the first snapshot a console gets
    holds alerts raised before it started, which stay silent — except urgent
    ones still unacknowledged, which must never wait unseen (R-URGENT-1). The
    alerts new in one snapshot make one sound, the most severe one's (several
    sounds at once are one noise). Without an audio device the effects report
    an error and :meth:`play` does nothing audible; nothing else changes. The
    effects are prepared when sound is first on, so a window that never plays one
    (a screenshot) never loads Qt Multimedia; without Qt Multimedia
    :attr:`available` is False and the console is silent (issue #15).
    """

    def __init__(self, parent: QWidget, *, directory: Path | None = None,
                 enabled: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("alertAnnouncer")
        self._seen: set[str] | None = None
        self._window = parent
        self._folder = directory or sounds_dir()
        self.effects: dict[Severity, Any] = {}  # QSoundEffect per severity, once prepared
        self.tray: QSystemTrayIcon | None = None
        self._enabled = False
        self.enabled = enabled

    @property
    def available(self) -> bool:
        """False when this PC cannot play sounds at all (no Qt Multimedia)."""
        return _sound_effect is not False

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, on: bool) -> None:
        self._enabled = on and self._prepare()

    def _prepare(self) -> bool:
        if self.effects:
            return True
        effect = sound_effect_class()
        if effect is None:
            return False
        for sev in Severity:
            fx = effect(self)
            fx.setObjectName(f"sound_{sev.value}")
            fx.setSource(QUrl.fromLocalFile(str(self._folder / f"{sev.value}.wav")))
            fx.setVolume(0.9 if sev is Severity.CRITICAL else 0.6)
            self.effects[sev] = fx
        return True

    def observe(self, state: FloorState, describe_alert: Callable[[Alert], str]) -> list[Alert]:
        """The alerts new since the last snapshot; announces them."""
        ids = set(state.alerts)
        if self._seen is None:
            new = [a for a in state.alerts.values()
                   if a.rule in URGENT_RULES and not a.acknowledged]
        else:
            new = [state.alerts[i] for i in ids - self._seen]
        self._seen = ids
        if not new:
            return []
        new.sort(key=sort_key)
        self.play(new[0].severity)
        for a in new:
            if a.rule in URGENT_RULES and not a.acknowledged:
                self.notify(rule_name(a.rule), describe_alert(a))
        return new

    def play(self, severity: Severity) -> None:
        if not self.enabled:
            return
        fx = self.effects.get(severity)
        if fx is not None:
            fx.play()

    def notify(self, title: str, text: str) -> None:
        """A tray balloon where the desktop has a tray; nothing where it has none."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(_alert_icon(), self)
            self.tray.setObjectName("alertTray")
            self.tray.setToolTip("Seatwatch")
            self.tray.activated.connect(lambda _r: self._raise_window())
            self.tray.show()
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Critical, 15_000)

    def _raise_window(self) -> None:
        w = self._window.window()
        w.showNormal()
        w.raise_()
        w.activateWindow()


def _alert_icon() -> QIcon:
    pm = QPixmap(32, 32)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#c62828"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(2, 2, 28, 28)
    p.setPen(QColor("#ffffff"))
    f = QFont()
    f.setBold(True)
    f.setPixelSize(22)
    p.setFont(f)
    p.drawText(pm.rect(), Qt.AlignmentFlag.AlignCenter, "!")
    p.end()
    return QIcon(pm)


# ---- the contact list ---------------------------------------------------------------------


class ContactsDialog(QDialog):
    """The units (承办单位), their heads and phone numbers that an urgent ticket is
    escalated to (R-URGENT-2), in escalation order. Edits a copy; Save replaces
    the list as one change (checked and audited in the database); a refused row
    is selected and the reason shown."""

    loaded = Signal()
    saved = Signal()

    def __init__(self, backend: AlertsSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsDialog")
        self.backend = backend
        self.busy = False
        self.dirty = False
        save = weakref.WeakMethod(self._confirm_dialog)
        self.ask_confirm: Callable[[str], bool] = lambda text: bool((m := save()) and m(text))
        self._build()
        self.retranslate()
        self.resize(720, 420)
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("contactsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._edited)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addContact")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeContact")
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button = QPushButton(self)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton(self)
        self.down_button.clicked.connect(lambda: self._move(1))
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveContacts")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setObjectName("contactsStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Contacts", "Escalation contacts"))
        self.intro.setText(QCoreApplication.translate(
            "Contacts", "When an urgent ticket is not acknowledged in time, or no shift leader "
                        "is on duty, the director and these unit heads are notified at once, "
                        "in this order (R-URGENT-2)."))
        self.table.setHorizontalHeaderLabels([
            QCoreApplication.translate("Contacts", "Unit"),
            QCoreApplication.translate("Contacts", "Head"),
            QCoreApplication.translate("Contacts", "Phone")])
        self.add_button.setText(QCoreApplication.translate("Contacts", "Add"))
        self.remove_button.setText(QCoreApplication.translate("Contacts", "Remove"))
        self.up_button.setText(QCoreApplication.translate("Contacts", "Move up"))
        self.down_button.setText(QCoreApplication.translate("Contacts", "Move down"))
        self.save_button.setText(QCoreApplication.translate("Contacts", "Save"))
        self.close_button.setText(QCoreApplication.translate("Contacts", "Close"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- rows

    def rows(self) -> list[ContactEntry]:
        out = []
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c) for c in range(3)]
            unit, head, phone = ((x.text().strip() if x is not None else "") for x in cells)
            out.append(ContactEntry(unit, head, phone))
        return out

    def set_rows(self, rows: Sequence[ContactEntry]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for c in rows:
            self._append(c)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 240))
        self.table.setColumnWidth(1, max(self.table.columnWidth(1), 120))
        self.dirty = False

    def _append(self, c: ContactEntry) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for col, v in enumerate((c.unit, c.head, c.phone)):
            self.table.setItem(r, col, QTableWidgetItem(v))
        return r

    def add_row(self) -> None:
        r = self._append(ContactEntry("", "", ""))
        self.dirty = True
        self.table.setCurrentCell(r, 0)
        item = self.table.item(r, 0)
        if item is not None and self.isVisible():
            self.table.editItem(item)

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            self.dirty = True

    def _move(self, step: int) -> None:
        r = self.table.currentRow()
        rows = self.rows()
        j = r + step
        if r < 0 or not 0 <= j < len(rows):
            return
        rows[r], rows[j] = rows[j], rows[r]
        self.set_rows(rows)
        self.dirty = True
        self.table.setCurrentCell(j, 0)

    def _edited(self, _item: QTableWidgetItem) -> None:
        self.dirty = True

    # -- loading and saving

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        for b in (self.save_button, self.add_button, self.remove_button, self.up_button,
                  self.down_button):
            b.setEnabled(not busy)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;" if error else "")

    def reload(self) -> None:
        self._busy(True)
        self._say(QCoreApplication.translate("Contacts", "Loading…"))
        self.backend.load_contacts(_weak(self, ContactsDialog._loaded),
                                   _weak(self, ContactsDialog._load_failed))

    def _loaded(self, rows: list[ContactEntry]) -> None:
        self.set_rows(rows)
        self._busy(False)
        self._say(QCoreApplication.translate("Contacts", "{n} contacts.").format(n=len(rows)))
        self.loaded.emit()

    def _load_failed(self, message: str) -> None:
        self._busy(False)
        self._say(message, True)
        self.loaded.emit()

    def save(self) -> None:
        if self.busy:
            return
        self._busy(True)
        self._say(QCoreApplication.translate("Contacts", "Saving…"))
        self.backend.save_contacts(self.rows(), _weak(self, ContactsDialog._saved),
                                   _weak(self, ContactsDialog._save_failed))

    def _saved(self, rows: list[ContactEntry]) -> None:
        self.set_rows(rows)
        self._busy(False)
        self._say(QCoreApplication.translate("Contacts", "Saved: {n} contacts.").format(
            n=len(rows)))
        self.saved.emit()

    def _save_failed(self, message: str) -> None:
        self._busy(False)
        m = re.search(r"contacts\[(\d+)\]", message)
        if m and int(m.group(1)) < self.table.rowCount():
            self.table.setCurrentCell(int(m.group(1)), 0)
        self._say(message, True)
        self.saved.emit()

    def _confirm_dialog(self, text: str) -> bool:
        r = QMessageBox.question(self, QCoreApplication.translate("Contacts", "Unsaved changes"),
                                 text)
        return r == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        """Close, Escape or the window's X: unsaved edits are not dropped unasked."""
        if self.dirty and not self.ask_confirm(QCoreApplication.translate(
                "Contacts", "Close without saving the changes to the contact list?")):
            return
        self.dirty = False
        super().reject()

    def closeEvent(self, e: Any) -> None:
        if not e.spontaneous():
            # closed by the program (a shift change, quitting): no question asked
            self.dirty = False
        super().closeEvent(e)
