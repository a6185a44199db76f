"""Records the database hands out and the console, the command line and the views
read (issue #15 step 4): plain frozen dataclasses, no SQLAlchemy. ``models.db``
builds them from its rows; the views' Protocols (``views.alerts_panel.HistoryRow``,
``EscalationStep``, ``ContactEntry``, ``views.audit_view.AuditRow``,
``views.main_window.AgentDay``) name the same fields, so these fit them.

One place each:

- :class:`AlertRecord` — one alert of the history (R-URGENT-1/2);
- :class:`Contact` — a responsible unit and its head, phoned on an escalation;
- :class:`Notification` — one step of an escalation's trail (who was told, how);
- :class:`HandlingStep` — one thing done about a ticket that raised an alert;
- :class:`AuditEntry` — one row of the append-only audit log;
- :class:`AgentDay` — the selected agent's day, for the console's timeline;
- :class:`LeaseInfo` — the floor-host lease row as people see it;
- :class:`FeedStatus` / :class:`FloorSnapshot` — what the floor feed hands its
  subscribers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from models.domain.alerts import Severity
from models.domain.floor import FloorState
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.types import AgentState, CallRecord, FloorEvent

# ---- alerts (R-URGENT-1/2) -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """One alert as the history keeps it (times in UTC)."""

    id: str
    rule: str
    subject: str
    severity: Severity
    raised_at: datetime
    message: str
    agent: str | None
    group: str | None
    queue: str | None
    ticket: str | None
    escalation_of: str | None
    detail: Mapping[str, Any]
    #: id of the ``alert_raised`` floor event: a short handle for the command line
    event_id: int
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    resolved_at: datetime | None = None
    #: None when the condition cleared by itself
    resolved_by: str | None = None
    resolve_note: str | None = None

    @property
    def active(self) -> bool:
        return self.resolved_at is None

    @property
    def status(self) -> str:
        """raised | acknowledged | resolved"""
        if self.resolved_at is not None:
            return "resolved"
        return "acknowledged" if self.acknowledged_at is not None else "raised"


@dataclass(frozen=True, slots=True)
class Contact:
    """A responsible unit (承办单位) and its head, phoned on an escalation."""

    unit: str
    head: str
    phone: str
    #: escalation order (lower first)
    position: int = 0


@dataclass(frozen=True, slots=True)
class Notification:
    """Who was told of an alert, when and how (R-URGENT-2). ``channel`` is console
    (a director's 工号), webhook (the robot's kind, never its URL), phone (a unit
    head mentioned by the robot) or none (nobody could be told: shown, not hidden)."""

    id: int
    alert_id: str
    channel: str
    target: str
    status: str  # pending | sent | failed
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    next_try_at: datetime | None


@dataclass(frozen=True, slots=True)
class EscalationStep:
    """One line of an urgent ticket's escalation trail as the console shows it
    (R-URGENT-2): a :class:`Notification` (who, how, status, attempts) or a
    :class:`HandlingStep` (``channel`` "step", ``target`` who recorded it)."""

    alert_id: str
    channel: str  # console | phone | webhook | none | step (a handling step)
    target: str
    status: str  # pending | sent | failed | recorded
    attempts: int
    created_at: datetime
    sent_at: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class HandlingStep:
    """One thing done about a ticket: who, when, what (the audit log keeps it;
    R-URGENT-2: "the reply and the handling steps are recorded")."""

    ticket: str
    at: datetime
    by: str
    text: str


# ---- the audit log ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit-log row (times in UTC); ``roles`` as recorded, comma-separated."""

    id: int
    at: datetime
    operator: str
    roles: str
    action: str
    agent: str | None
    target: str | None
    detail: dict[str, Any]
    result: str
    workstation: str


# ---- the console's agent timeline ------------------------------------------------------


@dataclass(frozen=True)
class AgentDay:
    """What the detail panel shows for one agent, loaded off the GUI thread: the
    state segments of the floor-local day up to now, its calls and its tickets."""

    agent: str
    start: datetime
    end: datetime
    segments: list[tuple[datetime, datetime, AgentState]]
    calls: list[CallRecord]
    tickets: list[tuple[str, str, str, bool, datetime]]  # id, category, title, urgent, created


# ---- the floor-host lease --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LeaseInfo:
    """The lease row as people see it (``lease show``, the standby's message)."""

    holder: str
    acquired_at: datetime
    expires_at: datetime


# ---- the floor feed --------------------------------------------------------------------

#: the feed's state before its first read
CONNECTING = QT_TRANSLATE_NOOP("Feed", "connecting")


@dataclass(frozen=True, slots=True)
class FeedStatus:
    """How fresh the floor a feed shows is, and why not when it is stale."""

    connected: bool = False
    stale: bool = True
    stale_since: datetime | None = None
    reason: str = CONNECTING
    heartbeat_age_s: float | None = None
    clock_offset_s: float = 0.0  # server clock minus this PC's clock
    last_read: datetime | None = None  # server time of the last successful read


@dataclass(frozen=True, slots=True)
class FloorSnapshot:
    """One immutable floor state as a feed's subscribers get it."""

    state: FloorState
    status: FeedStatus
    #: events folded since the previous snapshot (the views' row diffs start here)
    events: tuple[FloorEvent, ...] = ()
    changed_agents: frozenset[str] = field(default_factory=frozenset)

    def server_now(self) -> datetime:
        """This PC's clock corrected to the database server's."""
        return datetime.now(UTC) + timedelta(seconds=self.status.clock_offset_s)


def merge_snapshots(older: FloorSnapshot, newer: FloorSnapshot) -> FloorSnapshot:
    """Two snapshots in a row as one, for a viewer that shows fewer than the feed
    makes (issue #20): the newer state and status, the events of both in order and
    every agent either one changed, so no row and no event is missed."""
    return FloorSnapshot(newer.state, newer.status, older.events + newer.events,
                         older.changed_agents | newer.changed_agents)
