"""Alerts: what the floor's rules raise, and their lifecycle (issue #4).

An alert is one ongoing condition — (rule, subject, condition start) is its key,
so re-evaluating a condition that still holds never makes a second alert — and
``raised_at`` is the moment the condition became true (a break that starts at
t=60 raises R-BREAK-1 at t=660), live as in replay.

Lifecycle: raised → acknowledged (who, when) → resolved, by itself when the
condition clears (``by`` None) or by a person with a note. Alerts travel as
floor events (``alert_raised`` / ``alert_acknowledged`` / ``alert_resolved``) so
every console and wallboard sees the same ones; the floor state keeps the
unresolved ones, the database keeps the history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


#: sort key: most severe first
SEVERITY_ORDER = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


def alert_key(rule: str, subject: str, start: datetime) -> str:
    """The alert's id: its rule, subject and condition start (UTC, to the microsecond).
    The same on every host, so a second host can never raise the same condition again."""
    if start.tzinfo is None:
        raise ValueError("a condition start needs a time zone")
    return f"{rule}|{subject}|{start.astimezone(UTC).isoformat(timespec='microseconds')}"


@dataclass(frozen=True, slots=True)
class Condition:
    """A rule's finding: true since ``start`` for ``subject`` (an agent, a group, the
    floor, a ticket)."""

    rule: str
    subject: str
    start: datetime
    severity: Severity
    message: str
    agent: str | None = None
    group: str | None = None
    queue: str | None = None
    ticket: str | None = None
    #: resolved by itself when the condition no longer holds; False: a person resolves
    auto_resolve: bool = True
    escalation_of: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return alert_key(self.rule, self.subject, self.start)

    def as_event_data(self) -> dict[str, Any]:
        return {"alert": self.key, "rule": self.rule, "subject": self.subject,
                "severity": self.severity.value, "raised_at": self.start.isoformat(),
                "message": self.message, "agent": self.agent, "group": self.group,
                "queue": self.queue, "ticket": self.ticket,
                "auto_resolve": self.auto_resolve, "escalation_of": self.escalation_of,
                "detail": dict(self.detail)}


@dataclass(frozen=True, slots=True)
class Alert:
    id: str
    rule: str
    subject: str
    severity: Severity
    raised_at: datetime
    message: str
    agent: str | None = None
    group: str | None = None
    queue: str | None = None
    ticket: str | None = None
    auto_resolve: bool = True
    escalation_of: str | None = None
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


def alert_from_event(data: Mapping[str, Any]) -> Alert:
    """The alert an ``alert_raised`` event carries; KeyError/ValueError when malformed."""
    raised = datetime.fromisoformat(str(data["raised_at"]))
    if raised.tzinfo is None:
        raise ValueError("raised_at has no time zone")

    def opt(k: str) -> str | None:
        v = data.get(k)
        return None if v is None or v == "" else str(v)

    return Alert(id=str(data["alert"]), rule=str(data["rule"]), subject=str(data["subject"]),
                 severity=Severity(str(data["severity"])), raised_at=raised,
                 message=str(data.get("message", "")), agent=opt("agent"), group=opt("group"),
                 queue=opt("queue"), ticket=opt("ticket"),
                 auto_resolve=bool(data.get("auto_resolve", True)),
                 escalation_of=opt("escalation_of"),
                 detail=dict(data.get("detail") or {}))
