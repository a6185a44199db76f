"""The escalation notification trail's statements (R-URGENT-2; issue #15 step 4:
moved out of :mod:`console.notify`, which keeps who is told, the robots and the
retries). Each function says what it reads or writes and in which transaction.

A row of ``alert_notification`` is one recipient of one escalation; a webhook row
is delivered by counting the attempt first (a compare-and-set on ``attempts`` and
``status``, so two hosts never send it both) and recording the outcome after."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, exists, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models.db import alerts_db, operators, store
from models.db import audit as auditlog
from models.db.schema import AlertNotificationRow, AlertRow, TicketRow, utc
from models.domain.records import AlertRecord, Contact
from models.domain.roles import Role


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


# ---- the floor's robots ----------------------------------------------------------------

#: the group robots a floor can have (their URLs are in each PC's keyring)
WEBHOOK_KINDS = ("wecom", "dingtalk")
_META_KINDS = "webhook_kinds"


def webhook_kinds(conn: Connection) -> list[str]:
    """The robot kinds configured for this floor, in :data:`WEBHOOK_KINDS` order
    (``floor_meta``, read on the caller's connection; the URLs are in keyrings)."""
    raw = store.get_meta(conn, _META_KINDS) or ""
    return [k for k in WEBHOOK_KINDS if k in raw.split(",")]


def set_webhook_kinds(conn: Connection, kinds: Collection[str]) -> None:
    """Store the floor's robot kinds (unknown ones dropped) in the caller's
    transaction; none clears the entry."""
    store.set_meta(conn, _META_KINDS, ",".join(k for k in WEBHOOK_KINDS if k in kinds) or None)


@dataclass(frozen=True, slots=True)
class Recipients:
    """Who can be told of an escalation, as the database has it at planning."""

    #: enabled directors' 工号 (their consoles show it at once)
    directors: list[str]
    #: the floor's robot kinds
    kinds: list[str]
    #: the responsible units' heads, in escalation order
    heads: list[Contact]


def plan_escalations(engine: Engine, rule: str,
                     rows_for: Callable[[str, Recipients], list[dict[str, Any]]]) -> int:
    """Plan every open ``rule`` alert without notification rows, in one write
    transaction (IMMEDIATE on SQLite, so two planners queue): the recipients are
    read once, ``rows_for(alert_id, recipients)`` says the rows, and they are
    inserted (a row another planner wrote already is kept). Returns how many
    alerts were planned."""
    with store.writing(engine).begin() as conn:
        ids = unplanned_escalations(conn, rule)
        if not ids:
            return 0
        who = Recipients(
            directors=[o.id for o in operators.list_operators(conn)
                       if Role.DIRECTOR in o.roles and not o.disabled],
            kinds=webhook_kinds(conn), heads=alerts_db.contacts(conn))
        for aid in ids:
            add_notifications(conn, rows_for(aid, who))
        return len(ids)


_META_FLOOR_ID = "floor_id"


def floor_id(conn: Connection, *, create: bool = False) -> str | None:
    """The floor's identity (``floor_meta``), the same from every PC whatever URL or
    profile it connects with: the keyring entry of a robot is named after it.
    ``create``: made (a random hex id) in the caller's write transaction if none."""
    fid = store.get_meta(conn, _META_FLOOR_ID)
    if fid is None and create:
        fid = uuid.uuid4().hex
        store.set_meta(conn, _META_FLOOR_ID, fid)
    return fid


def floor_tz(conn: Connection) -> ZoneInfo:
    """The floor's time zone (its policy as of the current state)."""
    return store.current_state(conn).policy.tz


@dataclass(frozen=True, slots=True)
class Claimed:
    """A webhook row counted for one more attempt, and what its message is made of."""

    #: the escalation (None: not in the history any more)
    alert: AlertRecord | None
    #: the title of the alert's ticket (None: no ticket, or an empty title)
    title: str | None
    #: the targets of the alert's phone rows, in the order they were planned
    phones: list[str]
    #: the floor's identity (None: no robot was ever configured)
    floor: str | None
    #: the floor's time zone when asked for, else None
    tz: ZoneInfo | None


def claim_webhook(engine: Engine, row_id: int, alert_id: str, attempts: int, status: str,
                  next_try_at: datetime, *, with_tz: bool) -> Claimed | None:
    """Count one more attempt on webhook row ``row_id`` (:func:`count_attempt`) and
    read what its message needs (alert ``alert_id``, its ticket's title, its phone
    rows, the floor's id and time zone), in one short write transaction (IMMEDIATE on
    SQLite): a host that dies mid-send retries at ``next_try_at``, a second one gets
    None and skips it."""
    with store.writing(engine).begin() as conn:
        if not count_attempt(conn, row_id, attempts, status, next_try_at):
            return None
        tz = floor_tz(conn) if with_tz else None
        alert = alerts_db.get_alert(conn, alert_id)
        if alert is None:
            return Claimed(None, None, [], None, tz)
        title = ticket_title(conn, alert.ticket) if alert.ticket else None
        phones = [n.target for n in alerts_db.notifications(conn, alert.id)
                  if n.channel == "phone"]
        return Claimed(alert, title, phones, floor_id(conn), tz)


def robot_settings(engine: Engine) -> tuple[list[str], str | None, ZoneInfo]:
    """The floor's robot kinds, its identity (names the keyring entries) and its time
    zone, read on one connection."""
    with engine.connect() as conn:
        return webhook_kinds(conn), floor_id(conn), floor_tz(conn)


def add_robot(engine: Engine, kind: str, keep_url: Callable[[str], None], *, by: str,
              now: datetime, detail: Mapping[str, Any], workstation: str = "") -> None:
    """Configure robot ``kind`` for the floor, in one write transaction (IMMEDIATE on
    SQLite): the floor's id (made if none) is handed to ``keep_url``, which stores
    the URL where it belongs — if it raises, nothing is written — then the kind
    joins the floor's list and ``webhook_set`` is audited with ``detail``."""
    with store.writing(engine).begin() as conn:
        fid = floor_id(conn, create=True)
        assert fid is not None
        keep_url(fid)
        set_webhook_kinds(conn, set(webhook_kinds(conn)) | {kind})
        auditlog.audit(conn, at=now, operator=by, action="webhook_set", target=kind,
                       detail=dict(detail), result="ok", workstation=workstation)


def remove_robot(engine: Engine, kind: str, forget_url: Callable[[str], None], *, by: str,
                 now: datetime, workstation: str = "") -> bool:
    """Stop using robot ``kind``, in one write transaction (IMMEDIATE on SQLite): the
    kind leaves the floor's list, ``forget_url(floor id)`` is called when the floor
    has an id, and ``webhook_cleared`` is audited. False (nothing written) when the
    floor has no such robot."""
    with store.writing(engine).begin() as conn:
        kinds = webhook_kinds(conn)
        if kind not in kinds:
            return False
        set_webhook_kinds(conn, [k for k in kinds if k != kind])
        fid = floor_id(conn)
        if fid is not None:
            forget_url(fid)
        auditlog.audit(conn, at=now, operator=by, action="webhook_cleared", target=kind,
                       detail={"kind": kind}, result="ok", workstation=workstation)
    return True
