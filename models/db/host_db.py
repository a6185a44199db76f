"""The floor host's database work on the command outbox (issue #15 step 4: the
statements of :mod:`console.host`, which keeps the decisions — expire, refuse,
act, ask the adapter). Each function says what it reads or writes and in which
transaction.

The outbox is a compare-and-set on ``supervisor_command.status``: a console writes
``pending`` (:func:`submit_command`), one host claims it (``pending`` →
``executing``, :func:`claim_command`, committed on its own before anything reaches
the floor) and records the result (``executing`` by that host → done | failed |
unknown, :func:`mark_command`, in the floor writer's transaction). A second host
racing on the same row loses each step (its UPDATE changes no row)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from models.db import operators, store
from models.db.engine import server_now
from models.db.schema import HeartbeatRow, SupervisorCommandRow
from models.domain.commands import SupervisorCommand
from models.domain.roles import Operator

#: controls read from the outbox per pass (pending ones, and executing ones)
BATCH = 20


def start_live_run(engine: Engine, run_key: str) -> int:
    """A host's start on a live floor, in one write transaction (IMMEDIATE on
    SQLite): the virtual clock is cleared (the clock is real) and the next run
    number of ``run_key`` taken (issue #13 item 1)."""
    with store.writing(engine).begin() as conn:
        store.set_meta(conn, "virtual_now", None)
        return store.next_run(conn, run_key)


@dataclass(frozen=True, slots=True)
class OutboxScan:
    """One read of the outbox: what is waiting, and what is claimed but unrecorded."""

    #: ids of pending controls, oldest first (at most :data:`BATCH`)
    pending: list[str]
    #: executing controls, oldest first (at most :data:`BATCH`): the command row's
    #: columns plus ``beat_at``, the last heartbeat of the host that claimed it
    executing: list[Any]
    #: the database clock at the read (None when nothing is executing)
    db_now: datetime | None


def scan_outbox(engine: Engine) -> OutboxScan:
    """Read the pending ids and the executing rows (with their claimer's heartbeat)
    on one read connection, no transaction held open."""
    with engine.connect() as conn:
        ids = conn.execute(select(SupervisorCommandRow.id)
                           .where(SupervisorCommandRow.status == "pending")
                           .order_by(SupervisorCommandRow.created_at).limit(BATCH)
                           ).scalars().all()
        rows = conn.execute(
            select(SupervisorCommandRow.__table__, HeartbeatRow.beat_at.label("beat_at"))
            .outerjoin(HeartbeatRow, HeartbeatRow.host_id == SupervisorCommandRow.claimed_by)
            .where(SupervisorCommandRow.status == "executing")
            .order_by(SupervisorCommandRow.created_at).limit(BATCH)).all()
        db_now = server_now(conn) if rows else None
    return OutboxScan(list(ids), list(rows), db_now)


def pending_command(engine: Engine, cid: str,
                    now: datetime) -> tuple[Any, Operator | None, str | None] | None:
    """The pending control ``cid`` (None: gone or no longer pending), its operator
    and why its sign-in session does not hold at ``now`` (None: it holds; R-CTRL-1,
    issue #13 item 6), read on one connection."""
    with engine.connect() as conn:
        row = conn.execute(select(SupervisorCommandRow)
                           .where(SupervisorCommandRow.id == cid)).first()
        if row is None or row.status != "pending":
            return None
        op = operators.get_operator(conn, row.operator)
        why = operators.session_refusal(conn, row.session_token, row.operator, now)
    return row, op, why


def operator_of(engine: Engine, operator_id: str) -> Operator | None:
    """The operator ``operator_id`` as the database has it now (a read connection)."""
    with engine.connect() as conn:
        return operators.get_operator(conn, operator_id)


def claim_command(engine: Engine, cid: str, host_id: str, now: datetime) -> bool:
    """``pending`` → ``executing`` by ``host_id`` (attempt + 1), committed in its own
    transaction; False when another host claimed it first."""
    with engine.begin() as conn:
        claimed = conn.execute(update(SupervisorCommandRow)
                               .where(SupervisorCommandRow.id == cid,
                                      SupervisorCommandRow.status == "pending")
                               .values(status="executing", claimed_by=host_id,
                                       claimed_at=now,
                                       attempt=SupervisorCommandRow.attempt + 1))
    return claimed.rowcount == 1


def mark_command(conn: Connection, cid: str, claimed_by: str | None, *, status: str,
                 message: str, executed_at: datetime, result_event_id: int | None) -> bool:
    """Record a control's result in the caller's transaction (the floor writer's):
    only if the row is still as found — claimed by ``claimed_by``, or pending when
    ``claimed_by`` is None (it expired). False when another host recorded it."""
    cond = (SupervisorCommandRow.status == "pending") if claimed_by is None else (
        (SupervisorCommandRow.status == "executing")
        & (SupervisorCommandRow.claimed_by == claimed_by))
    done = conn.execute(update(SupervisorCommandRow)
                        .where(SupervisorCommandRow.id == cid, cond)
                        .values(status=status, message=message, executed_at=executed_at,
                                result_event_id=result_event_id))
    return done.rowcount == 1


def submit_command(engine: Engine, cmd: SupervisorCommand, at: datetime, *,
                   session: str | None = None, supersedes: tuple[str, ...] = ()) -> bool:
    """Write a control to the outbox (the console's side of the round trip), with the
    token of the sign-in session it is given under.

    ``supersedes`` names earlier writes of the same control that failed at the
    console: when one of them reached the outbox after all (a commit whose answer was
    lost), this one is not written — the host runs the earlier one, and a retry never
    executes a control twice (issue #15). False when nothing was written. One
    transaction (IMMEDIATE on SQLite when ``supersedes``: the read before the write
    waits for a host's write lock instead of being refused)."""
    with (store.writing(engine) if supersedes else engine).begin() as conn:
        if supersedes and conn.execute(
                select(SupervisorCommandRow.id).where(
                    SupervisorCommandRow.id.in_(supersedes))).first() is not None:
            return False
        conn.execute(insert(SupervisorCommandRow).values(
            session_token=session,
            id=cmd.id, created_at=at, operator=cmd.supervisor, action=cmd.action.value,
            agent_id=cmd.agent, call_id=cmd.call, reason=cmd.reason,
            away_reason=cmd.away_reason.value if cmd.away_reason else None,
            status="pending"))
    return True
