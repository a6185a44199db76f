"""The floor host: simulator into the log, the command outbox executed exactly once
(DOMAIN §2, R-CTRL-2), roles checked where commands are executed (R-CTRL-1),
heartbeat; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from console.adapters import Adapter, SimulatorAdapter
from console.host import FloorHost
from models.db import audit as auditlog
from models.db import engine as dbengine
from models.db import operators, store
from models.db.schema import HeartbeatRow, SupervisorCommandRow
from models.domain import rules
from models.domain.commands import Action, SupervisorCommand, result_payload
from models.domain.records import AuditEntry
from models.domain.texts import Msg
from models.domain.types import AgentState, AwayReason, CallState, FloorEvent
from tests.signed import submit_command
from tests.zh import zh

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
    # controls are executed only for an operator on record with the right role
    with eng.begin() as c:
        operators.create_operator(c, "L01", "张班长", "pw-L01-secret", {"shift_leader"},
                                  by="test", now=clock.now)
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
    token = operators.new_token()
    with h.engine.begin() as c:
        operators.open_session(c, "L01", token, clock.now)
        c.execute(sa.text("INSERT INTO supervisor_command (id, created_at, operator, action, "
                          "agent_id, reason, status, message, session_token) VALUES ('x1', "
                          ":t, 'L01', 'teleport', '1001', '', 'pending', '', :s)"),
                  {"t": clock.now, "s": token})
    h.tick()
    row = command_row(h, "x1")
    assert row.status == "failed" and "teleport" in row.message


# ---- roles where commands are executed (R-CTRL-1) and the audit of every control ----------


def make_operator(h: FloorHost, oid: str, *roles: str) -> None:
    with h.engine.begin() as c:
        operators.create_operator(c, oid, f"姓名{oid}", f"pw-{oid}-secret", set(roles),
                                  by="test", now=START)


def spy_adapter(h: FloorHost, monkeypatch: pytest.MonkeyPatch) -> list[SupervisorCommand]:
    called: list[SupervisorCommand] = []
    real = h.adapter.execute

    def spy(cmd: SupervisorCommand, state: Any, now: datetime) -> Any:
        called.append(cmd)
        return real(cmd, state, now)

    monkeypatch.setattr(h.adapter, "execute", spy)
    return called


def audit_rows(h: FloorHost, **kw: Any) -> list[AuditEntry]:
    with h.engine.connect() as c:
        return auditlog.query_audit(c, newest_first=False, **kw)


def result_event(h: FloorHost, cid: str) -> Any:
    with h.engine.connect() as conn:
        return [e for e in store.read_events(conn, 0, 1_000_000)
                if e.type in ("command_done", "command_failed") and e.get("command") == cid]


def test_a_wallboard_operator_is_refused_and_the_adapter_never_called(
        host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    h, clock = host
    make_operator(h, "W01", "wallboard")
    agent, call = talking_agent(h, clock)
    called = spy_adapter(h, monkeypatch)
    before = h.writer.current()
    cid = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(cid, Action.MONITOR, agent, "W01", call=call,
                                               reason="想听听"), clock.now)
    h.tick()  # the clock has not moved: only the command could act
    row = command_row(h, cid)
    assert row.status == "failed"
    assert row.message == "Operator W01 (roles: Wallboard viewer) may not use Monitor"
    assert called == []
    after = h.writer.current()
    assert after.calls[call].supervisors == before.calls[call].supervisors == ()
    assert after.status == before.status
    (ev,) = result_event(h, cid)
    assert ev.type == "command_failed" and ev.id == row.result_event_id
    # each console shows the refusal in its own language (issue #12 item 13)
    assert zh(Msg.from_json(ev.get("text"))) == "无权限：账号 W01（角色：大屏）不能使用“监听”"
    (a,) = audit_rows(h, operator="W01")
    assert (a.action, a.agent, a.target, a.roles) == ("monitor", agent, call, "wallboard")
    assert a.result == f"refused: {row.message}"
    assert a.detail["command"] == cid and a.detail["reason"] == "想听听"
    assert Msg.from_json(a.detail["result_msg"]) == row.message


def test_a_row_forged_into_the_outbox_by_an_unknown_operator_is_refused(
        host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    h, clock = host
    run_for(h, clock, 300)
    agent = next(s.agent for s in h.writer.current().status.values()
                 if s.state is not AgentState.LOGGED_OUT)
    called = spy_adapter(h, monkeypatch)
    before = h.writer.current().status[agent]
    with h.engine.begin() as c:  # straight into the table, not through any console
        c.execute(sa.text("INSERT INTO supervisor_command (id, created_at, operator, action, "
                          "agent_id, reason, status, message) VALUES ('forged1', :t, 'X99', "
                          "'force_logout', :a, '', 'pending', '')"), {"t": clock.now, "a": agent})
    h.tick()
    row = command_row(h, "forged1")
    assert row.status == "failed" and "Operator X99 is unknown" in row.message
    assert called == [] and h.writer.current().status[agent] == before
    (a,) = audit_rows(h, operator="X99")
    assert (a.action, a.agent, a.roles) == ("force_logout", agent, "none")
    assert a.result.startswith("refused: Operator X99 is unknown")
    assert zh(Msg.from_json(a.detail["result_msg"])).startswith("无权限：账号 X99 不存在")


def test_disabled_operators_are_refused(host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    h, clock = host
    make_operator(h, "L02", "shift_leader")
    make_operator(h, "A01", "admin")  # the first administrator: later changes need one
    agent, call = talking_agent(h, clock)
    with h.engine.begin() as c:
        operators.set_disabled(c, "L02", True, by="A01", now=clock.now)
    called = spy_adapter(h, monkeypatch)
    disabled = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(disabled, Action.BARGE, agent, "L02", call=call),
                   clock.now)
    h.tick()
    assert "Operator L02 is disabled" in command_row(h, disabled).message
    assert called == []
    results = {a.operator: a.result for a in audit_rows(h, action="barge")}
    assert results["L02"].startswith("refused: Operator L02 is disabled")
    shown = {a.operator: zh(Msg.from_json(a.detail["result_msg"]))
             for a in audit_rows(h, action="barge")}
    assert shown["L02"].startswith("账号 L02 已停用")


def test_someone_elses_wrong_passwords_do_not_take_a_signed_in_leaders_controls(
        host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #13 item 7: five wrong passwords for L01 typed at another PC lock
    signing in as L01, not the controls of the L01 already signed in."""
    h, clock = host
    signed_in = operators.authenticate(h.engine, "L01", "pw-L01-secret", clock.now)
    assert signed_in.id == "L01"
    agent, call = talking_agent(h, clock)
    t = clock.now
    for _ in range(5):  # someone guesses L01's password at another PC
        with pytest.raises(operators.SignInRefused) as err:
            operators.authenticate(h.engine, "L01", "guess", t, workstation="PC-17")
        t += timedelta(seconds=err.value.retry_after or 0)
    with h.engine.connect() as c:
        op = operators.get_operator(c, "L01")
    assert op is not None and op.locked(clock.now)
    called = spy_adapter(h, monkeypatch)
    cid = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(cid, Action.BARGE, agent, "L01", call=call,
                                               reason="投诉升级"), clock.now)
    h.tick()
    row = command_row(h, cid)
    assert row.status == "done", row.message
    assert [c.id for c in called] == [cid]
    assert ("L01", "barge") in h.writer.current().calls[call].supervisors
    assert audit_rows(h, action="barge")[0].result.startswith("done")
    # ... while a new sign-in as L01, even with the right password, waits for the unlock
    with pytest.raises(operators.SignInRefused) as refused:
        operators.authenticate(h.engine, "L01", "pw-L01-secret", clock.now)
    assert "locked" in str(refused.value)


class _Crash(Exception):
    """The host process dies (a bug, a SIGKILL) between acting and recording."""


def crash_when_recording(h: FloorHost, monkeypatch: pytest.MonkeyPatch,
                         error: Exception) -> list[int]:
    """The next commit of a control's result raises ``error`` once (after the adapter
    acted); returns a list that counts the failures."""
    real = h.writer.append
    failed: list[int] = []

    def append(events: Any, *, extra: Any = None, **kw: Any) -> Any:
        if extra is not None and not failed and any(
                getattr(e, "type", "") in ("command_done", "command_failed")
                for e in (events if isinstance(events, list) else [])):
            failed.append(1)
            raise error
        return real(events, extra=extra, **kw)

    monkeypatch.setattr(h.writer, "append", append)
    return failed


def result_events(h: FloorHost, cid: str) -> list[Any]:
    with h.engine.connect() as conn:
        return [e for e in store.read_events(conn, 0, 1_000_000)
                if e.type in ("command_done", "command_failed") and e.get("command") == cid]


def ready_agent(h: FloorHost, clock: VirtualClock) -> str:
    for _ in range(200):
        ready = [s.agent for s in h.writer.current().status.values()
                 if s.state is AgentState.READY]
        if ready:
            return ready[0]
        run_for(h, clock, 2, step=1)
    raise AssertionError("no ready agent")


def test_a_host_dying_between_acting_and_recording_is_not_followed_by_a_second_action(
        host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #13 item 5: a force-logout reached the switch twice. The host that
    takes over asks the switch what happened and records that; it never acts."""
    h, clock = host
    run_for(h, clock, 300)
    agent = ready_agent(h, clock)
    cid = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(cid, Action.FORCE_LOGOUT, agent, "L01",
                                               reason="身体不适"), clock.now)
    acted = spy_adapter(h, monkeypatch)
    crash_when_recording(h, monkeypatch, _Crash())
    with pytest.raises(_Crash):
        h.tick()
    assert [c.id for c in acted] == [cid]  # the switch signed the agent out
    row = command_row(h, cid)
    assert (row.status, row.claimed_by, row.attempt) == ("executing", h.host_id, 1)
    # the dead host's heartbeat stops; a new host takes over the same switch
    with h.engine.begin() as c:
        c.execute(sa.update(HeartbeatRow).where(HeartbeatRow.host_id == h.host_id)
                  .values(beat_at=datetime.now(UTC) - timedelta(minutes=1)))
    h2 = FloorHost(h.engine, h.adapter, clock=clock, host_id="standby")
    h2.start()
    clock.now += timedelta(seconds=1)
    h2.tick()
    assert [c.id for c in acted] == [cid]  # not a second time
    row = command_row(h, cid)
    assert (row.status, row.attempt) == ("done", 1)
    assert "signed out" in row.message
    assert [e.type for e in result_events(h, cid)] == ["command_done"]
    assert audit_rows(h, action="force_logout")[0].result.startswith("done")
    h2.tick()
    assert len(result_events(h, cid)) == 1


def test_a_host_role_restarted_under_the_same_id_resolves_its_own_claim(
        host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lease loop restarts the host role with the holder's id after its thread
    died mid-control: the row claimed under that id is resolved, not left executing
    for ever, and not acted on again."""
    h, clock = host
    run_for(h, clock, 300)
    agent = ready_agent(h, clock)
    cid = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(cid, Action.FORCE_LOGOUT, agent, "L01",
                                               reason="身体不适"), clock.now)
    acted = spy_adapter(h, monkeypatch)
    crash_when_recording(h, monkeypatch, _Crash())
    with pytest.raises(_Crash):
        h.tick()
    again = FloorHost(h.engine, h.adapter, clock=clock, host_id=h.host_id)
    again.start()
    again.tick()
    assert [c.id for c in acted] == [cid]
    assert (command_row(h, cid).status, command_row(h, cid).attempt) == ("done", 1)
    assert len(result_events(h, cid)) == 1


def test_a_failed_commit_of_the_result_does_not_run_the_control_again(
        host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    h, clock = host
    run_for(h, clock, 300)
    agent = ready_agent(h, clock)
    cid = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(cid, Action.FORCE_AWAY, agent, "L01",
                                               reason="质检谈话",
                                               away_reason=AwayReason.MEETING), clock.now)
    acted = spy_adapter(h, monkeypatch)
    crash_when_recording(h, monkeypatch, sa.exc.OperationalError(
        "COMMIT", {}, Exception("server closed the connection unexpectedly")))
    with pytest.raises(sa.exc.OperationalError):
        h.tick()  # run() takes this for an outage and ticks again
    h.tick()
    assert [c.id for c in acted] == [cid]
    row = command_row(h, cid)
    assert (row.status, row.attempt) == ("done", 1)
    s = h.writer.current().status[agent]
    assert (s.state, s.reason) == (AgentState.AWAY, AwayReason.MEETING)
    assert [e.type for e in result_events(h, cid)] == ["command_done"]
    assert len(audit_rows(h, action="force_away")) == 1


def test_two_hosts_cannot_both_claim_a_control(host: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    h, clock = host
    agent, call = talking_agent(h, clock)
    other = FloorHost(h.engine, h.adapter, clock=clock, host_id="other-host")
    cid = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(cid, Action.MONITOR, agent, "L01", call=call),
                   clock.now)
    acted: list[str] = []
    real = h.adapter.execute

    def execute(cmd: SupervisorCommand, state: Any, now: datetime) -> Any:
        acted.append(cmd.id)
        if len(acted) == 1:  # the other host reaches the same row while this one acts
            other._execute_one(cid, now)
        return real(cmd, state, now)

    monkeypatch.setattr(h.adapter, "execute", execute)
    h.tick()
    assert acted == [cid]
    row = command_row(h, cid)
    assert (row.status, row.claimed_by, row.attempt) == ("done", h.host_id, 1)
    assert len(result_events(h, cid)) == 1


def test_a_control_pending_past_the_expiry_fails_as_expired(
        host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #13 item 5: a floor host back after 40 s does not act on a floor that
    has moved on; the policy's controls.expiry_s (default 30 s) decides."""
    h, clock = host
    run_for(h, clock, 300)
    agent = ready_agent(h, clock)
    acted = spy_adapter(h, monkeypatch)
    old, fresh = uuid.uuid4().hex, uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(old, Action.FORCE_LOGOUT, agent, "L01",
                                               reason="身体不适"),
                   clock.now - timedelta(seconds=31))
    h.tick()
    assert acted == []
    row = command_row(h, old)
    assert (row.status, row.attempt) == ("failed", 0)
    assert "Expired" in row.message and "30 s" in row.message
    (ev,) = result_events(h, old)
    assert ev.type == "command_failed" and ev.get("outcome") == "expired"
    assert zh(Msg.from_json(ev.get("text"))).startswith("已过期")
    assert audit_rows(h, action="force_logout")[0].result.startswith("failed: Expired")
    submit_command(h.engine, SupervisorCommand(fresh, Action.FORCE_LOGOUT, agent, "L01",
                                               reason="身体不适"),
                   clock.now - timedelta(seconds=29))
    h.tick()
    assert [c.id for c in acted] == [fresh] and command_row(h, fresh).status == "done"


def test_a_control_whose_effect_cannot_be_established_is_recorded_as_unknown(
        host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dead host claimed it before this switch started, and the floor does not
    show its effect: unknown, said as such, and still never acted on."""
    h, clock = host
    run_for(h, clock, 300)
    agent = ready_agent(h, clock)
    acted = spy_adapter(h, monkeypatch)
    with h.engine.begin() as c:
        c.execute(sa.insert(SupervisorCommandRow).values(
            id="x-orphan", created_at=START - timedelta(seconds=5), operator="L01",
            action="force_away", agent_id=agent, reason="培训", away_reason="training",
            status="executing", claimed_by="dead-host", claimed_at=START - timedelta(seconds=4),
            attempt=1))
    h.tick()
    assert acted == []
    row = command_row(h, "x-orphan")
    assert (row.status, row.attempt) == ("unknown", 1)
    (ev,) = result_events(h, "x-orphan")
    assert ev.type == "command_failed" and ev.get("outcome") == "unknown"
    assert "无法确定是否已生效" in zh(Msg.from_json(ev.get("text")))
    assert audit_rows(h, action="force_away")[0].result.startswith("unknown")


def test_allowed_commands_are_audited_with_their_result(host: Any) -> None:
    h, clock = host
    make_operator(h, "D01", "director")
    agent, call = talking_agent(h, clock)
    ok, stale = uuid.uuid4().hex, uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(ok, Action.MONITOR, agent, "D01", call=call,
                                               reason="投诉回访"), clock.now)
    submit_command(h.engine, SupervisorCommand(stale, Action.FORCE_RELEASE, agent, "L01",
                                               call="C-old", reason="误操作"), clock.now)
    clock.now += timedelta(seconds=1)
    h.tick()
    done, failed = command_row(h, ok), command_row(h, stale)
    assert (done.status, failed.status) == ("done", "failed")
    rows = {a.detail["command"]: a for a in audit_rows(h, agent=agent)}
    assert rows[ok].result == f"done: {done.message}" and rows[ok].operator == "D01"
    assert rows[ok].roles == "director" and rows[ok].at == clock.now
    assert (rows[ok].action, rows[ok].target, rows[ok].detail["reason"]) == (
        "monitor", call, "投诉回访")
    assert rows[stale].result == f"failed: {failed.message}" and "C-old" in failed.message
    assert rows[stale].action == "force_release" and rows[stale].roles == "shift_leader"


def test_the_audit_row_commits_with_the_result_or_not_at_all(
        host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    h, clock = host
    agent, call = talking_agent(h, clock)
    cid = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(cid, Action.MONITOR, agent, "L01", call=call),
                   clock.now)
    real = h.adapter.execute

    def another_host_wins(cmd: SupervisorCommand, state: Any, now: datetime) -> Any:
        out = real(cmd, state, now)
        with h.engine.begin() as c:  # a second host marks it first
            c.execute(sa.text("UPDATE supervisor_command SET status='done' WHERE id=:i"),
                      {"i": cid})
        return out

    monkeypatch.setattr(h.adapter, "execute", another_host_wins)
    h.tick()
    assert audit_rows(h, action="monitor") == []  # rolled back with the losing result


def test_monitor_sessions_have_their_length_in_the_audit(host: Any) -> None:
    h, clock = host
    stops = 0
    for _ in range(20):  # a call that outlives 10 s of whispering, for an explicit stop
        agent, call = talking_agent(h, clock)
        start = uuid.uuid4().hex
        submit_command(h.engine, SupervisorCommand(start, Action.WHISPER, agent, "L01",
                                                   call=call), clock.now)
        h.tick()
        began = clock.now
        assert command_row(h, start).status == "done"
        run_for(h, clock, 10, step=1)
        if call in h.writer.current().calls:
            stop = uuid.uuid4().hex
            submit_command(h.engine, SupervisorCommand(stop, Action.STOP, agent, "L01",
                                                       call=call), clock.now)
            h.tick()
            assert command_row(h, stop).status == "done"
            stops += 1
            break
    assert stops == 1
    (end,) = audit_rows(h, operator="L01", action="stop")
    assert end.target == call and end.detail["mode"] == "whisper"
    assert end.detail["session_s"] == pytest.approx((end.at - began).total_seconds())
    assert end.detail["session_s"] == pytest.approx(10.0)
    assert end.result.startswith("done: ")


def test_a_session_ended_by_the_call_is_audited_as_session_end(host: Any) -> None:
    h, clock = host
    agent, call = talking_agent(h, clock)
    cid = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(cid, Action.MONITOR, agent, "L01", call=call),
                   clock.now)
    h.tick()
    began = clock.now
    for _ in range(400):
        if call not in h.writer.current().calls:
            break
        run_for(h, clock, 5)
    (end,) = audit_rows(h, action="session_end")
    assert (end.operator, end.agent, end.target, end.result) == ("L01", agent, call,
                                                                 "ended: call ended")
    assert end.detail["mode"] == "monitor" and end.roles == "shift_leader"
    assert end.detail["session_s"] == pytest.approx((end.at - began).total_seconds())
    assert began < end.at <= clock.now


def test_the_simulated_floor_follows_the_peak_plan(host: Any) -> None:
    """R-PEAK-1: once the plan's level-1 alert is up, agents on a short break are
    called back and nobody starts a new one until the level ends."""
    from models.domain.alerts import Condition, Severity
    from models.domain.types import FloorEvent

    h, clock = host
    for _ in range(200):  # a floor where someone is on a short break
        run_for(h, clock, 30)
        if h.writer.current().agents_in(AgentState.AWAY, AwayReason.SHORT_BREAK):
            break
    on_break = h.writer.current().agents_in(AgentState.AWAY, AwayReason.SHORT_BREAK)
    assert on_break
    level1 = Condition("R-PEAK-1", "level:1", clock.now, Severity.WARNING, "高峰预案 1 级",
                       detail={"level": 1})
    h.writer.append([FloorEvent("alert_raised", clock.now, level1.as_event_data())])
    run_for(h, clock, 10)
    st = h.writer.current()
    assert st.peak_level() == 1
    assert not st.agents_in(AgentState.AWAY, AwayReason.SHORT_BREAK)  # all called back
    run_for(h, clock, 1800, step=30)  # half an hour at level 1: no new short break
    assert not h.writer.current().agents_in(AgentState.AWAY, AwayReason.SHORT_BREAK)


def test_a_forced_away_is_not_the_agents_breach_of_r_seat_1(host: Any) -> None:
    """Issue #12, R-SEAT-1 / R-AWAY-1: the leader sends an agent away (强制离席) a few
    minutes after it signed in; as the database keeps the floor, the departure is the
    leader's (the command's id), so the rules raise nothing against the agent."""
    h, clock = host
    run_for(h, clock, 60)
    for _ in range(100):
        st = h.writer.current()
        idle = [s for s in st.status.values()
                if s.state in (AgentState.READY, AgentState.AFTER_CALL)
                and s.logged_in_at is not None
                and clock.now - s.logged_in_at < timedelta(minutes=25)]
        if idle:
            break
        run_for(h, clock, 2, step=1)
    agent = idle[0].agent
    cid = uuid.uuid4().hex
    submit_command(h.engine, SupervisorCommand(cid, Action.FORCE_AWAY, agent, "L01",
                                               reason="协助处理急件",
                                               away_reason=AwayReason.OTHER), clock.now)
    h.tick()
    assert command_row(h, cid).status == "done"
    with h.engine.connect() as c:
        stored = store.current_state(c)
    assert stored.status[agent].state is AgentState.AWAY
    # at the very second, and 20 minutes on (past R-AWAY-1's 15 for "other")
    for later in (0, 20 * 60):
        found = {(c.rule, c.subject) for c in
                 rules.evaluate(stored, clock.now + timedelta(seconds=later))}
        assert ("R-SEAT-1", f"agent:{agent}") not in found
        assert ("R-AWAY-1", f"agent:{agent}") not in found
    assert stored.status[agent].forced_by == cid  # who sent the agent away


# ---- issue #13: the host never wedges ----------------------------------------------


def call_record_count(h: FloorHost) -> int:
    with h.engine.connect() as c:
        return int(c.execute(sa.text("SELECT count(*) FROM call_record")).scalar_one())


def test_a_restarted_simulator_host_keeps_recording_calls(host: Any) -> None:
    """Issue #13 item 1: a restarted simulator made C0000001 again; the first call it
    ended hit call_record's key and the host retried that batch for ever. Ids a
    source makes are unique across restarts: the new host's calls are recorded."""
    h, clock = host
    run_for(h, clock, 900)
    before = call_record_count(h)
    assert before > 10
    h2 = FloorHost(h.engine, SimulatorAdapter(agents=20, seed=3), clock=clock)
    h2.start()  # the same seed: it would make the same ids as the first run
    end = clock.now + timedelta(seconds=900)
    while clock.now < end:
        clock.now += timedelta(seconds=5)
        h2.tick()  # raised IntegrityError on call_record before the fix
    after = call_record_count(h2)
    assert after > before + 10  # real calls after the restart are recorded
    with h.engine.connect() as c:
        ids = c.execute(sa.text("SELECT call_id FROM call_record")).scalars().all()
        tickets = c.execute(sa.text("SELECT id FROM ticket")).scalars().all()
        age, _ = store.heartbeat_age(c)
    assert len(ids) == len(set(ids))
    assert len(tickets) == len(set(tickets))
    assert age is not None and age < 5


def test_an_event_the_database_refuses_is_parked_and_the_host_goes_on(host: Any) -> None:
    """Issue #13 item 2: an IntegrityError is not an outage. The event whose write
    the database refuses is parked in rejected_event with the reason; the rest of
    the batch commits once, the heartbeat goes on and later calls are recorded."""
    h, clock = host
    # call_record rows already holding the keys of this run's first calls
    with h.engine.begin() as c:
        for n in range(1, 4):
            c.execute(sa.text(
                "INSERT INTO call_record (call_id, queue_id, outcome, queued_at, wait_s,"
                " talk_s, hold_s, acw_s, holds) VALUES (:c, 'Q', 'answered', :t, 0, 0, 0,"
                " 0, 0)"), {"c": f"R1-C{n:07d}", "t": START})
    run_for(h, clock, 1800)  # raised IntegrityError on the first of them before the fix
    with h.engine.connect() as c:
        parked = c.execute(sa.text("SELECT raw, reason FROM rejected_event")).all()
        n_records = c.execute(sa.text("SELECT count(*) FROM call_record")).scalar_one()
        n_events = c.execute(sa.text("SELECT count(*) FROM floor_event")).scalar_one()
        types = c.execute(sa.text("SELECT type FROM floor_event")).scalars().all()
        age, _ = store.heartbeat_age(c)
    parked = [(json.loads(raw) if isinstance(raw, str) else raw, reason)
              for raw, reason in parked]
    refused = [(raw, reason) for raw, reason in parked
               if raw.get("call") in {"R1-C0000001", "R1-C0000002", "R1-C0000003"}
               and "IntegrityError" in reason]
    assert refused, parked
    assert all(raw.get("_host") == h.host_id for raw, _ in refused)
    assert n_records > 3 + 20  # the floor went on being recorded
    assert n_events == len(types) and types.count("floor_setup") == 1  # nothing doubled
    assert age is not None and age < 5


class _Unpausing(Adapter):
    """A scripted source of two ready agents that can take an agent off a break by
    itself (``force_ready``), as the AMI adapter can (R-PEAK-1, issue #16)."""

    name = "scripted"

    def __init__(self, can_unpause: bool) -> None:
        self.can_unpause = can_unpause
        self.script: list[FloorEvent] = []
        self.executed: list[SupervisorCommand] = []

    def start(self, state: Any, now: datetime) -> list[FloorEvent]:
        return [FloorEvent("floor_setup", now, {
            "groups": [{"id": "G1", "name": "一班"}], "queues": [{"id": "Q1", "name": "热线"}],
            "agents": [{"id": "1001", "name": "张三", "group": "G1"},
                       {"id": "1002", "name": "李四", "group": "G1"}]}),
            *[FloorEvent("agent_state", now, {"agent": a, "state": "ready"})
              for a in ("1001", "1002")]]

    def poll(self, now: datetime) -> list[FloorEvent]:
        out, self.script = self.script, []
        return out

    def execute(self, cmd: SupervisorCommand, state: Any, now: datetime) -> list[FloorEvent]:
        self.executed.append(cmd)
        return [FloorEvent("agent_state", now, {"agent": cmd.agent, "state": "ready",
                                                "command": cmd.id}),
                FloorEvent("command_done", now, result_payload(cmd.id, "done"))]


@pytest.mark.parametrize(("refuse", "can_unpause", "acts"), [
    (True, True, True), (False, True, False), (True, False, False)])
def test_a_short_break_begun_during_the_peak_plan_is_refused_where_the_policy_says(
        db_url: str, refuse: bool, can_unpause: bool, acts: bool) -> None:
    """R-PEAK-1 (issue #16): level 1 suspends short breaks. A break begun during it is
    flagged (the rules); with ``peak.refuse_breaks`` on and a source that can un-pause,
    the host also makes the agent ready again, once, and the audit log says why."""
    from models.domain.alerts import Condition, Severity
    from models.domain.policy import Policy

    eng = dbengine.make_engine(db_url)
    clock = VirtualClock()
    src = _Unpausing(can_unpause)
    h = FloorHost(eng, src, clock=clock)
    try:
        h.start()
        h.writer.append([FloorEvent("policy_applied", clock.now, {
            "policy": Policy(peak_refuse_breaks=refuse).to_dict()})])
        level1 = Condition("R-PEAK-1", "level:1", clock.now, Severity.WARNING, "高峰预案 1 级",
                           detail={"level": 1})
        h.writer.append([FloorEvent("alert_raised", clock.now, level1.as_event_data())])
        clock.now += timedelta(seconds=5)
        src.script = [FloorEvent("agent_state", clock.now, {
            "agent": "1001", "state": "away", "reason": "short_break"})]
        h.tick()
        # the alert scheduler's part (the plan's own alert is the test's, not the rules';
        # R-SEAT-1's on the break is not this test's)
        flagged = [e for e in rules.step(h.writer.current(), clock.now)
                   if e.type == "alert_raised" and e.data["rule"] == "R-PEAK-1"]
        assert [(e.data["rule"], e.data["subject"]) for e in flagged] == \
            [("R-PEAK-1", "agent:1001:break")]
        h.writer.append(flagged)
        for _ in range(3):  # once, however many ticks the alert stays up
            clock.now += timedelta(seconds=1)
            h.tick()
        st = h.writer.current()
        if not acts:
            assert src.executed == []
            assert st.status["1001"].state is AgentState.AWAY
            assert audit_rows(h, operator="peak-plan") == []
            return
        [cmd] = src.executed
        assert (cmd.action, cmd.agent, cmd.supervisor) == (Action.FORCE_READY, "1001",
                                                           "peak-plan")
        assert "R-PEAK-1" in cmd.reason
        assert st.status["1001"].state is AgentState.READY
        [row] = audit_rows(h, operator="peak-plan")
        assert (row.action, row.agent) == ("force_ready", "1001")
        assert row.detail["rule"] == "R-PEAK-1" and row.result.startswith("done")
        # the agent is back: the rules resolve the flag
        assert flagged[0].data["alert"] in {e.data["alert"] for e in rules.step(st, clock.now)
                                            if e.type == "alert_resolved"}
    finally:
        eng.dispose()
