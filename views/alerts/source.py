"""What the alerts panel and the contacts dialog are handed and what they ask for
(:mod:`console.alerts_backend` answers): the escalation trail's steps, the contact
list's rows, a history row, and the requests themselves.

Every request returns a :class:`Pending` (``console.ops.Request``): the caller chains
``.done(…).refused(…)`` and ``.run()``s it; the answer comes later, on the GUI thread,
and a refusal or a fault reaches ``refused`` as a message fit to show, never as an
exception.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QObject

from models.domain.alerts import Severity
from views.kit.pending import Pending


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


class HistoryRow(Protocol):
    """One alert as the history keeps it (models.db.alerts_db.AlertRecord)."""

    @property
    def id(self) -> str: ...
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


class AlertsSource(Protocol):
    """What the panel and the contacts dialog ask of the outside world. Each call is
    for an ``owner`` (the widget the answer goes to) and returns the request, not yet
    run."""

    def acknowledge(self, owner: QObject, alert_id: str) -> Pending: ...

    def resolve(self, owner: QObject, alert_id: str, note: str) -> Pending: ...

    def escalation_trail(self, owner: QObject, alert_ids: Sequence[str]) -> Pending:
        """Answers ``list[EscalationStep]``."""
        ...

    def history(self, owner: QObject, start: datetime, end: datetime) -> Pending:
        """Answers ``Sequence[HistoryRow]``, newest first."""
        ...

    def record_step(self, owner: QObject, ticket: str, text: str) -> Pending: ...

    def load_contacts(self, owner: QObject) -> Pending:
        """Answers ``list[ContactEntry]``."""
        ...

    def save_contacts(self, owner: QObject, rows: Sequence[ContactEntry]) -> Pending:
        """Answers the ``list[ContactEntry]`` as saved."""
        ...
