"""The floor host: simulator into the log, the command outbox executed exactly once
(DOMAIN §2, R-CTRL-2), heartbeat; on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from console.adapters import SimulatorAdapter
from console.host import FloorHost, submit_command
from models.db import engine as dbengine
from models.db import store
from models.domain.commands import Action, SupervisorCommand
from models.domain.types import AgentState, AwayReason, CallState

START = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 Shanghai: the morning peak


class VirtualClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def host(db_url: str) -> Iterator[tuple[FloorHost, VirtualClock]]:
    eng = dbengine.make_engine(db_url)
    clock = VirtualClock()
    h = FloorHost(eng, SimulatorAdapter(agents=20, seed=3), clock=clock)
    h.start()
    yield h, clock
    eng.dispose()


def run_for(h: FloorHost, clock: VirtualClock, seconds: float, step: float = 5.0) -> None:
    end = clock.now + timedelta(seconds=seconds)
    while clock.now < end:
        clock.now += timedelta(seconds=step)
        h.tick()


def command_row(h: FloorHost, cid: str) -> Any:
    with h.engine.connect() as c:
        return c.execute(sa.text("SELECT * FROM supervisor_command WHERE id=:i"),
                         {"i": cid}).one()


def talking_agent(h: FloorHost, clock: VirtualClock) -> tuple[str, str]:
    for _ in range(200):
        st = h.writer.current()
        for s in st.status.values():
            if s.state is AgentState.TALKING and s.call:
                return s.agent, s.call
        run_for(h, clock, 5)
    raise AssertionError("no agent on a call after a simulated quarter hour")


def test_simulated_floor_flows_into_the_log_with_a_heartbeat(host: Any) -> None:
    h, clock = host
    run_for(h, clock, 900)
    with h.engine.connect() as c:
        n = c.execute(sa.text("SELECT count(*) FROM floor_event")).scalar_one()
        age, _ = store.heartbeat_age(c)
        fresh = store.current_state(c)
    assert n > 100
    assert age is not None and age < 5  # beats with the database's clock
    assert fresh.status == h.writer.current().status
    assert any(s.state is not AgentState.LOGGED_OUT for s in fresh.status.values())


def test_monitor_command_is_executed_once_and_answered_through_the_log(host: Any) -> None:
    h, clock = host
    agent, call = talking_agent(h, clock)
    cid = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(cid, Action.MONITOR, agent, "L01", call=call),
                   clock.now)
    assert command_row(h, cid).status == "pending"
    clock.now += timedelta(seconds=1)
    h.tick()
    row = command_row(h, cid)
    assert row.status == "done" and row.result_event_id is not None
    st = h.writer.current()
    c = st.calls.get(call)
    assert c is not None and ("L01", "monitor") in c.supervisors  # the visible effect
    # a second tick (or a second host) never executes it again
    with h.engine.connect() as conn:
        done_events = [e for e in store.read_events(conn, 0, 1_000_000)
                       if e.type == "command_done" and e.get("command") == cid]
    h.tick()
    with h.engine.connect() as conn:
        again = [e for e in store.read_events(conn, 0, 1_000_000)
                 if e.type == "command_done" and e.get("command") == cid]
    assert len(done_events) == len(again) == 1


def test_command_on_a_call_that_changed_fails_and_never_acts(host: Any) -> None:
    h, clock = host
    agent, call = talking_agent(h, clock)
    cid = uuid.uuid4().hex
    # R-CTRL-2: the leader saw the agent on another call than the one now live
    submit_command(h.engine, SupervisorCommand(cid, Action.FORCE_RELEASE, agent, "L01",
                                               call="C-old"), clock.now)
    clock.now += timedelta(seconds=1)
    h.tick()
    row = command_row(h, cid)
    assert row.status == "failed"
    assert "C-old" in row.message
    st = h.writer.current()
    assert st.calls[call].state in (CallState.TALKING, CallState.HOLD)  # untouched


def test_force_away_with_reason_and_force_ready(host: Any) -> None:
    h, clock = host
    run_for(h, clock, 300)
    for _ in range(100):
        st = h.writer.current()
        idle = [s.agent for s in st.status.values()
                if s.state in (AgentState.READY, AgentState.AFTER_CALL)]
        if idle:
            break
        run_for(h, clock, 2, step=1)
    ready = idle[0]
    away = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(away, Action.FORCE_AWAY, ready, "L01",
                                               reason="质检谈话",
                                               away_reason=AwayReason.MEETING), clock.now)
    h.tick()  # the clock has not moved: only the command acts
    assert command_row(h, away).status == "done"
    s = h.writer.current().status[ready]
    assert (s.state, s.reason) == (AgentState.AWAY, AwayReason.MEETING)
    back = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(back, Action.FORCE_READY, ready, "L01",
                                               reason="回到岗位"), clock.now)
    h.tick()
    assert command_row(h, back).status == "done"
    assert h.writer.current().status[ready].state is AgentState.READY


def test_unknown_action_in_the_outbox_is_refused_not_crashed(host: Any) -> None:
    h, clock = host
    with h.engine.begin() as c:
        c.execute(sa.text("INSERT INTO supervisor_command (id, created_at, operator, action, "
                          "agent_id, reason, status, message) VALUES ('x1', :t, 'L01', "
                          "'teleport', '1001', '', 'pending', '')"), {"t": clock.now})
    h.tick()
    row = command_row(h, "x1")
    assert row.status == "failed" and "teleport" in row.message
