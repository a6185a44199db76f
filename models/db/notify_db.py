"""The escalation notification trail's statements (R-URGENT-2; issue #15 step 4:
moved out of :mod:`console.notify`, which keeps who is told, the robots and the
retries). Each function says what it reads or writes and in which transaction.

A row of ``alert_notification`` is one recipient of one escalation; a webhook row
is delivered by counting the attempt first (a compare-and-set on ``attempts`` and
``status``, so two hosts never send it both) and recording the outcome after."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, exists, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models.db import store
from models.db.schema import AlertNotificationRow, AlertRow, TicketRow, utc


def unplanned_escalations(conn: Connection, rule: str) -> list[str]:
    """Ids of the open alerts of ``rule`` that have no notification row yet, oldest
    first (read on the caller's connection or transaction)."""
    q = (select(AlertRow.id)
         .where(AlertRow.rule == rule, AlertRow.resolved_at.is_(None),
                ~exists().where(AlertNotificationRow.alert_id == AlertRow.id))
         .order_by(AlertRow.raised_at))
    return list(conn.execute(q).scalars())


def any_unplanned(engine: Engine, rule: str) -> bool:
    """True when :func:`unplanned_escalations` finds one (a read connection only:
    the usual case opens no write transaction)."""
    with engine.connect() as conn:
        return bool(unplanned_escalations(conn, rule))


def add_notifications(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert notification rows in the caller's transaction; (alert, channel,
    target) is unique, so a row a second planner wrote already is left as it is."""
    if not rows:
        return
    ins = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(ins(AlertNotificationRow).on_conflict_do_nothing(), rows)


def ticket_title(conn: Connection, ticket: str) -> str | None:
    """The title of ``ticket`` (None: no such ticket), on the caller's connection."""
    return conn.execute(select(TicketRow.title).where(TicketRow.id == ticket)).scalar()


def due_webhooks(engine: Engine, now: datetime) -> list[Any]:
    """The webhook rows to send at ``now``: pending, or failed and past their next
    try, earliest first (id, alert_id, target, status, attempts); a read."""
    w = AlertNotificationRow
    with engine.connect() as conn:
        return list(conn.execute(select(w.id, w.alert_id, w.target, w.status, w.attempts)
                                 .where(w.channel == "webhook",
                                        w.status.in_(("pending", "failed")),
                                        w.next_try_at <= now)
                                 .order_by(w.next_try_at, w.id)).all())


def count_attempt(conn: Connection, row_id: int, attempts: int, status: str,
                  next_try_at: datetime) -> bool:
    """Count one more attempt on the row and push its next try to ``next_try_at``,
    in the caller's transaction — only if it still has ``attempts`` and ``status``
    as read (False: another host got it first, skip it)."""
    w = AlertNotificationRow
    return conn.execute(update(w).where(
        w.id == row_id, w.attempts == attempts, w.status == status).values(
        attempts=attempts + 1, next_try_at=next_try_at)).rowcount == 1


def record_delivery(engine: Engine, row_id: int, alert_id: str, now: datetime, *,
                    error: str | None = None, phone_error: str | None = None) -> None:
    """The outcome of sending webhook row ``row_id``, in one write transaction
    (IMMEDIATE on SQLite). Sent (``error`` None): the row and the alert's unsent
    phone rows (the heads the robot mentioned) are sent at ``now``. Failed: the row
    keeps ``error`` (stored text), and the unsent phone rows fail with
    ``phone_error``, one more attempt and the webhook row's next try."""
    w = AlertNotificationRow
    with store.writing(engine).begin() as conn:
        if error is None:
            conn.execute(update(w).where(w.id == row_id).values(
                status="sent", sent_at=now, next_try_at=None))
            conn.execute(update(w).where(w.alert_id == alert_id, w.channel == "phone",
                                         w.status != "sent").values(
                status="sent", sent_at=now, attempts=w.attempts + 1,
                next_try_at=None))
        else:
            nxt = conn.execute(select(w.next_try_at).where(w.id == row_id)).scalar()
            conn.execute(update(w).where(w.id == row_id).values(
                status="failed", last_error=error))
            conn.execute(update(w).where(w.alert_id == alert_id, w.channel == "phone",
                                         w.status != "sent").values(
                status="failed", attempts=w.attempts + 1, next_try_at=utc(nxt),
                last_error=phone_error))
