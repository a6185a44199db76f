"""What the alerts panel and the contacts dialog are handed and what they ask for
(:mod:`console.alerts_backend` answers): the requests, answered with the domain's
records (models/domain/records.py: the escalation trail's steps, the contacts, the
alerts the history keeps).

Every request returns a :class:`Pending` (``console.ops.Request``): the caller chains
``.done(…).refused(…)`` and ``.run()``s it; the answer comes later, on the GUI thread,
and a refusal or a fault reaches ``refused`` as a message fit to show, never as an
exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject

from models.domain.records import Contact
from views.kit.pending import Pending


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
        """Answers ``Sequence[AlertRecord]``, newest first."""
        ...

    def record_step(self, owner: QObject, ticket: str, text: str) -> Pending: ...

    def load_contacts(self, owner: QObject) -> Pending:
        """Answers ``list[Contact]``."""
        ...

    def save_contacts(self, owner: QObject, rows: Sequence[Contact]) -> Pending:
        """Answers the ``list[Contact]`` as saved."""
        ...
