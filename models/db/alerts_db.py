"""Alert history, acknowledging and resolving, the escalation contact list and who
was notified (issue #4, R-URGENT-1/2). No Qt: the console, the command line and
the scheduler host share these.

Acknowledging and resolving are floor events (``alert_acknowledged`` /
``alert_resolved``) appended through :class:`~models.db.store.FloorWriter`, so
every console sees them through the feed; the decision is taken on the floor
state caught up under the floor lock, so two leaders clicking at once cannot
both resolve one alert, and the event and its audit row commit together. The
operator's right is read from the database, never trusted from the caller.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select

from models.db import audit as auditlog
from models.db import operators as ops
from models.db.schema import AlertNotificationRow, AlertRow, AuditLogRow, ContactRow, utc
from models.db.store import FloorWriter, writing
from models.domain.alerts import Severity
from models.domain.floor import FloorState
from models.domain.records import AlertRecord, Contact, HandlingStep, Notification
from models.domain.roles import Right
from models.domain.texts import QT_TRANSLATE_NOOP, message_of, refusal_detail
from models.domain.types import FloorEvent

log = logging.getLogger(__name__)

#: longest resolve note kept (a note is a sentence or two, not a report)
MAX_NOTE = 2000


class AlertError(ValueError):
    """A request on an alert that cannot be done as asked; the message says why
    (Chinese / English, like :mod:`models.db.operators`)."""


class NotAllowed(AlertError):
    """``by`` has no right to do this."""


class ContactError(ValueError):
    """A contact list refused; the message names the row (``contacts[i]``) and why."""


# ---- alert history ------------------------------------------------------------------


def _record(r: Any) -> AlertRecord:
    try:
        sev = Severity(r.severity)
    except ValueError:  # a severity a newer program knows
        sev = Severity.WARNING
    return AlertRecord(id=r.id, rule=r.rule, subject=r.subject, severity=sev,
                       raised_at=utc(r.raised_at) or r.raised_at, message=r.message,
                       agent=r.agent_id, group=r.group_id, queue=r.queue_id,
                       ticket=r.ticket_id, escalation_of=r.escalation_of,
                       detail=dict(r.detail or {}), event_id=int(r.raised_event_id),
                       acknowledged_at=utc(r.acknowledged_at),
                       acknowledged_by=r.acknowledged_by, resolved_at=utc(r.resolved_at),
                       resolved_by=r.resolved_by, resolve_note=r.resolve_note)


def list_alerts(conn: Connection, *, active_only: bool = False,
                since: datetime | None = None, until: datetime | None = None,
                limit: int | None = 1000) -> list[AlertRecord]:
    """Alerts raised in ``[since, until)`` (either open), oldest first. With ``limit``
    the newest ``limit`` of them: a history is browsed from its end."""
    q = select(AlertRow)
    if active_only:
        q = q.where(AlertRow.resolved_at.is_(None))
    if since is not None:
        q = q.where(AlertRow.raised_at >= since)
    if until is not None:
        q = q.where(AlertRow.raised_at < until)
    q = q.order_by(AlertRow.raised_at.desc(), AlertRow.raised_event_id.desc())
    if limit is not None:
        q = q.limit(limit)
    return [_record(r) for r in reversed(conn.execute(q).all())]


def get_alert(conn: Connection, alert: str) -> AlertRecord | None:
    """An alert by its id, or by the number of its ``alert_raised`` event (``123`` or
    ``#123``, what the command line shows)."""
    r = conn.execute(select(AlertRow).where(AlertRow.id == alert)).first()
    if r is None:
        num = alert.strip().removeprefix("#")
        if num.isdigit():
            r = conn.execute(select(AlertRow)
                             .where(AlertRow.raised_event_id == int(num))).first()
    return None if r is None else _record(r)


# ---- acknowledge / resolve ----------------------------------------------------------------


def acknowledge(engine: Engine, alert_id: str, by: str, now: datetime, *,
                writer: FloorWriter | None = None, workstation: str = "") -> AlertRecord:
    """``by`` acknowledges an active alert (R-URGENT-1: the banner goes; an urgent
    alert acknowledged in time is not escalated). Refused, and the refusal
    audited, for an unknown, resolved or already acknowledged alert, or an
    operator without the right."""
    return _act(engine, "alert_acknowledged", alert_id, by, None, now, writer, workstation)


def resolve(engine: Engine, alert_id: str, by: str, note: str, now: datetime, *,
            writer: FloorWriter | None = None, workstation: str = "") -> AlertRecord:
    """``by`` resolves an active alert with a note (what was done; R-URGENT-2 wants
    the handling steps recorded). Refused without a note, and as acknowledge is."""
    return _act(engine, "alert_resolved", alert_id, by, note, now, writer, workstation)


def _act(engine: Engine, action: str, alert_id: str, by: str, note: str | None,
         now: datetime, writer: FloorWriter | None, workstation: str) -> AlertRecord:
    if now.tzinfo is None:
        raise ValueError("now needs a time zone")
    by = by.strip()
    with engine.connect() as conn:
        rec = get_alert(conn, alert_id.strip())
    aid = rec.id if rec is not None else alert_id.strip()
    try:
        if note is not None:
            note = note.strip()
            if not note:
                raise AlertError(QT_TRANSLATE_NOOP("Alerts", "Resolving an alert needs a note saying what "
                                                   "was done"))
            if len(note) > MAX_NOTE:
                raise AlertError(QT_TRANSLATE_NOOP("Alerts", "A note is at most {max} characters").format(
                    max=MAX_NOTE))
        with engine.connect() as conn:
            try:
                ops.require(conn, by, Right.HANDLE_ALERTS)
            except ops.NotAllowed as e:
                raise NotAllowed(message_of(e) or str(e)) from None
        if rec is None:
            raise AlertError(QT_TRANSLATE_NOOP("Alerts", "There is no alert {alert}").format(alert=aid))
        w = writer or FloorWriter(engine, source=f"operator:{by}"[:60])
        at_box: list[datetime] = []

        def decide(state: FloorState) -> list[FloorEvent]:
            a = state.alerts.get(aid)
            if a is None:
                raise AlertError(QT_TRANSLATE_NOOP("Alerts", "The alert is resolved already")
                                 # the floor forgets what cannot recur (issue #20);
                                 # the history keeps every resolution
                                 if aid in state.resolved_alerts or (
                                     rec is not None and rec.resolved_at is not None) else
                                 QT_TRANSLATE_NOOP("Alerts", "The alert is not active"))
            if action == "alert_acknowledged" and a.acknowledged_at is not None:
                raise AlertError(QT_TRANSLATE_NOOP("Alerts", "The alert was acknowledged already by {operator}")
                                 .format(operator=a.acknowledged_by))
            # the floor's clock never runs back (a replay's virtual time may be ahead)
            at = now if state.at is None or now > state.at else state.at
            at_box.append(at)
            data: dict[str, Any] = {"alert": aid, "by": by}
            if note is not None:
                data["note"] = note
            return [FloorEvent(action, at, data)]

        def record(conn: Connection, state: FloorState, accepted: Sequence[FloorEvent]) -> None:
            if not accepted:
                raise AlertError(QT_TRANSLATE_NOOP("Alerts", "The floor refused to acknowledge the alert")
                                 if action == "alert_acknowledged" else
                                 QT_TRANSLATE_NOOP("Alerts", "The floor refused to resolve the alert"))
            auditlog.audit(conn, at=accepted[0].at, operator=by, action=action,
                           agent=rec.agent, target=aid[:100],
                           detail={"rule": rec.rule, "subject": rec.subject,
                                   "ticket": rec.ticket, "note": note,
                                   "event_id": accepted[0].id},
                           result="ok", workstation=workstation)

        w.append(decide, extra=record)
    except AlertError as e:
        _audit_refusal(engine, action, aid, by, message_of(e) or str(e), now, workstation,
                       rec.agent if rec else None)
        raise
    log.info("%s %s by %s", action, aid, by)
    with engine.connect() as conn:
        out = get_alert(conn, aid)
    assert out is not None
    return out


def _audit_refusal(engine: Engine, action: str, aid: str, by: str, reason: str,
                   now: datetime, workstation: str, agent: str | None) -> None:
    with writing(engine).begin() as conn:
        auditlog.audit(conn, at=now, operator=by[:80] or "(empty)", action=action,
                       agent=agent, target=aid[:100], detail=refusal_detail(reason),
                       result="refused", workstation=workstation)


# ---- contacts ----------------------------------------------------------------------------


_PHONE = re.compile(r"^\+?[0-9][0-9 \-]*[0-9]$")


def mobile(phone: str) -> str:
    """The number as the group robots want it for a mention: digits only, without
    China's +86."""
    digits = re.sub(r"[^0-9+]", "", phone)
    if digits.startswith("+86"):
        digits = digits[3:]
    return digits.lstrip("+")


def contacts(conn: Connection) -> list[Contact]:
    rows = conn.execute(select(ContactRow).order_by(ContactRow.position, ContactRow.id)).all()
    return [Contact(r.unit, r.head, r.phone, int(r.position)) for r in rows]


def validate_contacts(rows: Iterable[Contact | Mapping[str, Any]]) -> list[Contact]:
    """Checked and tidied rows, positions 0..n-1 in the given order; the first bad
    row raises :class:`ContactError` naming its index and why."""
    out: list[Contact] = []
    seen: dict[tuple[str, str], int] = {}
    for i, row in enumerate(rows):
        raw: tuple[Any, Any, Any]
        if isinstance(row, Contact):
            raw = (row.unit, row.head, row.phone)
        elif isinstance(row, Mapping):
            raw = (row.get("unit"), row.get("head"), row.get("phone"))
        else:
            raise ContactError(QT_TRANSLATE_NOOP(
                "Alerts", "Contact {n}: needs a unit, a head and a phone").format(n=i + 1))
        unit, head, phone = (str(x or "").strip() for x in raw)
        if not unit:
            raise ContactError(QT_TRANSLATE_NOOP("Alerts", "Contact {n}: the unit is empty")
                               .format(n=i + 1))
        if not head:
            raise ContactError(QT_TRANSLATE_NOOP("Alerts", "Contact {n}: the head is empty")
                               .format(n=i + 1))
        if len(unit) > 100:
            raise ContactError(QT_TRANSLATE_NOOP(
                "Alerts", "Contact {n}: the unit is longer than 100 characters").format(n=i + 1))
        if len(head) > 60:
            raise ContactError(QT_TRANSLATE_NOOP(
                "Alerts", "Contact {n}: the head's name is longer than 60 characters").format(
                n=i + 1))
        digits = sum(c.isdigit() for c in phone)
        if not _PHONE.match(phone) or not 3 <= digits <= 20 or len(phone) > 40:
            raise ContactError(QT_TRANSLATE_NOOP(
                "Alerts", "Contact {n}: the phone must be digits with optional +, - and "
                          "spaces: “{phone}”").format(n=i + 1, phone=phone))
        key = (unit, mobile(phone))
        if key in seen:
            raise ContactError(QT_TRANSLATE_NOOP(
                "Alerts", "Contact {n}: the same unit and phone as contact {other}").format(
                n=i + 1, other=seen[key] + 1))
        seen[key] = i
        out.append(Contact(unit, head, phone, i))
    return out


def replace_contacts(conn: Connection, rows: Iterable[Contact | Mapping[str, Any]], *,
                     by: str, now: datetime, workstation: str = "") -> list[Contact]:
    """Replace the whole contact list as one change, audited (``contacts_changed``)
    in the caller's transaction. ``by`` needs the right to edit contacts."""
    new = validate_contacts(rows)
    try:
        ops.require(conn, by, Right.EDIT_CONTACTS)
    except ops.NotAllowed as e:
        raise NotAllowed(message_of(e) or str(e)) from None
    old = contacts(conn)
    conn.execute(delete(ContactRow))
    if new:
        conn.execute(insert(ContactRow), [{"unit": c.unit, "head": c.head, "phone": c.phone,
                                           "position": c.position} for c in new])

    def brief(cs: list[Contact]) -> list[str]:
        return [f"{c.unit} {c.head} {c.phone}" for c in cs]

    before, after = brief(old), brief(new)
    auditlog.audit(conn, at=now, operator=by, action="contacts_changed",
                   detail={"count": len(new),
                           "added": [x for x in after if x not in before],
                           "removed": [x for x in before if x not in after]},
                   result="ok", workstation=workstation)
    return new


# ---- notifications ------------------------------------------------------------------------


def notifications(conn: Connection, alert_id: str | None = None) -> list[Notification]:
    """The notification trail, of one alert or all, in the order it was made."""
    q = select(AlertNotificationRow)
    if alert_id is not None:
        q = q.where(AlertNotificationRow.alert_id == alert_id)
    q = q.order_by(AlertNotificationRow.id)
    return [Notification(id=int(r.id), alert_id=r.alert_id, channel=r.channel,
                         target=r.target, status=r.status, attempts=int(r.attempts),
                         last_error=r.last_error, created_at=utc(r.created_at) or r.created_at,
                         sent_at=utc(r.sent_at), next_try_at=utc(r.next_try_at))
            for r in conn.execute(q)]


# ---- handling steps (R-URGENT-2: "the reply and the handling steps are recorded") ------


def record_step(engine: Engine, ticket: str, by: str, text: str, now: datetime, *,
                workstation: str = "") -> HandlingStep:
    """Record a handling step (a call to the unit, the reply given) on a ticket that
    raised an alert. Kept in the append-only audit log, so the record of what was
    done can never be rewritten; shift leaders and directors only."""
    text = text.strip()
    if not text:
        raise AlertError(QT_TRANSLATE_NOOP("Alerts", "A handling step needs a text"))
    if len(text) > MAX_NOTE:
        raise AlertError(QT_TRANSLATE_NOOP("Alerts", "A step is at most {max} characters").format(max=MAX_NOTE))
    with writing(engine).begin() as conn:
        op = ops.require(conn, by.strip(), Right.HANDLE_ALERTS)
        known = conn.execute(select(AlertRow.id).where(AlertRow.ticket_id == ticket)
                             .limit(1)).first()
        if known is None:
            raise AlertError(QT_TRANSLATE_NOOP("Alerts", "Ticket {ticket} raised no alert").format(ticket=ticket))
        auditlog.audit(conn, at=now, operator=op.id, roles=op.roles, action="ticket_step",
                       target=ticket, detail={"text": text}, result="ok",
                       workstation=workstation)
    return HandlingStep(ticket, now, op.id, text)


def handling_steps(conn: Connection, ticket: str) -> list[HandlingStep]:
    """The steps recorded on ``ticket``, in order."""
    rows = conn.execute(select(AuditLogRow).where(AuditLogRow.action == "ticket_step",
                                                  AuditLogRow.target == ticket)
                        .order_by(AuditLogRow.id)).all()
    return [HandlingStep(ticket, utc(r.at) or r.at, r.operator, str((r.detail or {}).get(
        "text", ""))) for r in rows]
