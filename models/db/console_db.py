"""What the supervisor console's start-up and detail panel read and write
(issue #15 step 4: the statements of :mod:`console.app`). Each function says what
it reads or writes and in which transaction; the console runs them off the GUI
thread."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, select

from models.db import operators, store
from models.db.engine import server_now
from models.db.schema import AgentCurrentRow, AgentIntervalRow, CallRecordRow, TicketRow, utc
from models.domain.records import AgentDay
from models.domain.roles import Role
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.types import AgentState


def agent_day(engine: Engine, agent: str, now: datetime) -> AgentDay:
    """Today's intervals, calls and tickets of one agent (floor-local day, by the
    floor's policy), read on one connection; the current state runs to ``now``."""
    with engine.connect() as conn:
        state = store.start_state(conn)
        day = state.policy.day_period(now)
        rows = conn.execute(select(AgentIntervalRow.start, AgentIntervalRow.end,
                                   AgentIntervalRow.state)
                            .where(AgentIntervalRow.agent_id == agent,
                                   AgentIntervalRow.end > day.start)
                            .order_by(AgentIntervalRow.start)).all()
        calls = conn.execute(select(CallRecordRow).where(
            CallRecordRow.agent_id == agent, CallRecordRow.queued_at >= day.start)
            .order_by(CallRecordRow.queued_at)).all()
        tickets = conn.execute(select(TicketRow.id, TicketRow.category, TicketRow.title,
                                      TicketRow.urgent, TicketRow.created_at)
                               .where(TicketRow.agent_id == agent,
                                      TicketRow.created_at >= day.start)
                               .order_by(TicketRow.created_at)).all()
        cur = conn.execute(select(AgentCurrentRow.state, AgentCurrentRow.since)
                           .where(AgentCurrentRow.agent_id == agent)).first()
    segs = [(max(utc(a) or a, day.start), utc(b) or b, AgentState(s)) for a, b, s in rows]
    if cur is not None and cur.since is not None:
        segs.append((max(utc(cur.since) or cur.since, day.start), now, AgentState(cur.state)))
    # the bar spans from the first state of the day (e.g. the login) to now
    start = segs[0][0] if segs else day.start
    return AgentDay(agent=agent, start=start, end=min(day.end, now + timedelta(minutes=1)),
                    segments=segs, calls=[store.record_from_row(r) for r in calls],
                    tickets=[(t.id, t.category, t.title, t.urgent, utc(t.created_at) or now)
                             for t in tickets])


def database_now(engine: Engine) -> datetime:
    """The database server's clock (one clock for the sign-in lockout on every PC),
    read on a short connection."""
    with engine.connect() as conn:
        return server_now(conn)


def needs_first_admin(engine: Engine) -> bool:
    """True when no administrator account exists, enabled or not (a read)."""
    with engine.connect() as conn:
        return not operators.admins(conn, enabled_only=False)


def create_first_admin(engine: Engine, operator_id: str, name: str, password: str, *,
                       workstation: str = "") -> None:
    """Create the first administrator, in one write transaction (IMMEDIATE on
    SQLite) that first checks there still is none — two PCs setting up at once
    cannot both create one (:class:`operators.OperatorError` for the second)."""
    with store.writing(engine).begin() as conn:
        if operators.admins(conn, enabled_only=False):
            raise operators.OperatorError(QT_TRANSLATE_NOOP(
                "SignIn", "An administrator exists already: sign in with that account"))
        operators.create_operator(conn, operator_id, name, password, {Role.ADMIN},
                                  by=operator_id, now=server_now(conn),
                                  workstation=workstation)
