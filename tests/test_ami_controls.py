"""Supervisor controls on the real switch (issue #14, DOMAIN §2, R-CTRL-1/2).

The pure part (models/telephony/controls.py) is checked on its own and on frames
recorded from Asterisk 22 (tests/frames/); everything else runs on a real Asterisk
(tests/asterisk_peer.py): each control is executed by the floor host through the
outbox under a signed-in session, its effect is observed on Asterisk's side with
the harness's own AMI session, it is audited and recorded exactly once; a control
on a call that vanished fails with Asterisk's own words; 801 never spies on 8010;
and a control a dead host claimed is answered from Asterisk's state, never redone.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from console.ami_adapter import AmiAdapter
from console.host import FloorHost
from models.db import audit as auditlog
from models.db import engine as dbengine
from models.db import operators, store
from models.db.schema import SupervisorCommandRow
from models.domain.commands import Action, SupervisorCommand
from models.domain.floor import FloorState, apply_all, initial_state
from models.domain.types import AgentState, AwayReason, FloorEvent, SupervisorMode
from models.telephony import controls as ctl
from models.telephony.ami import AmiParser, Message
from models.telephony.mapping import parse_toml
from tests.asterisk_peer import AsteriskPeer
from tests.signed import submit_command

FRAMES = Path(__file__).parent / "frames"
SUP = "9001"


def frames(name: str) -> list[Message]:
    return AmiParser().feed((FRAMES / name).read_bytes())


def utcnow() -> datetime:
    return datetime.now(UTC)


def cmd(action: Action, agent: str, call: str | None = None,
        away: AwayReason | None = None, sup: str = SUP) -> SupervisorCommand:
    return SupervisorCommand(uuid.uuid4().hex, action, agent, sup, call=call,
                             away_reason=away)


# ---- the pure part ------------------------------------------------------------------


def test_chanspy_options_by_mode_and_exact_channel() -> None:
    c = cmd(Action.WHISPER, "801", "C1")
    action, _ = ctl.spy_action(c, "PJSIP/801-00000001", ctl.Endpoint("PJSIP/9001"), 5)
    assert action.name == "Originate" and action.get("Application") == "ChanSpy"
    assert action.get("Data") == "PJSIP/801-00000001,qwbESu"
    assert action.get("ChannelId") == ctl.spy_channel_id(c.id)
    assert action.get("Timeout") == "4500"  # a failed control never rings on later
    assert ctl.spy_options("monitor") == "qbESu" and ctl.spy_options("barge") == "qBbESu"


def test_a_spy_on_8010_never_confirms_a_monitor_of_801() -> None:
    c = cmd(Action.MONITOR, "801", "C1")
    uid = ctl.spy_channel_id(c.id)
    _, confirm = ctl.spy_action(c, "PJSIP/801-00000001", ctl.Endpoint("PJSIP/9001"), 5)
    near = Message.of("Event", "ChanSpyStart", SpyerUniqueid=uid,
                      SpyeeChannel="PJSIP/8010-00000001")
    assert not confirm.feed(near) and not confirm.done
    assert confirm.feed(Message.of("Event", "ChanSpyStart", SpyerUniqueid=uid,
                                   SpyeeChannel="PJSIP/801-00000001"))
    assert confirm.done and confirm.failure is None


def test_a_spy_leg_that_hangs_up_first_fails_with_asterisks_cause() -> None:
    c = cmd(Action.BARGE, "8001", "C1")
    _, confirm = ctl.spy_action(c, "Local/8001@agents-00000001;1",
                                ctl.Endpoint("Local/9001@sup"), 5)
    assert confirm.feed(Message.of("Event", "Hangup", Uniqueid=ctl.spy_channel_id(c.id),
                                   ChannelState="6", Cause="0", **{"Cause-txt": "Unknown"}))
    assert not confirm.done and "Local/8001@agents-00000001;1" in str(confirm.failure)
    _, ringing = ctl.spy_action(c, "Local/8001@agents-00000001;1",
                                ctl.Endpoint("Local/9001@sup"), 5)
    assert ringing.feed(Message.of("Event", "Hangup", Uniqueid=ctl.spy_channel_id(c.id),
                                   ChannelState="5", **{"Cause-txt": "User alerting, no answer"}))
    assert "could not be reached" in str(ringing.failure)


def test_recorded_frames_confirm_stop_intercept_and_pause() -> None:
    spy = frames("chanspy.ami")
    start = next(m for m in spy if m.is_event("ChanSpyStart"))
    _, stop = ctl.hangup_spy_action(start["SpyerChannel"])
    assert any(stop.feed(m) for m in spy[spy.index(start) + 1:])
    assert stop.last is not None and stop.last.is_event("ChanSpyStop")

    red = frames("redirect.ami")
    caller = next(m for m in red if m.is_event("AgentConnect"))["Channel"]
    _, redirect = ctl.intercept_action(caller, ctl.Endpoint("Local/9001@sup", "sup", "9001"))
    assert any(redirect.feed(m) for m in red)
    assert redirect.last is not None and redirect.last["Context"] == "sup"

    member = ctl.Membership("q1", "Local/8001@agents/n", "static", False, "")
    actions, pause = ctl.pause_actions([member], True, "小休")
    assert [a.fields for a in actions] == [(("Interface", "Local/8001@agents/n"),
                                            ("Queue", "q1"), ("Paused", "true"),
                                            ("Reason", "小休"))]
    assert any(pause.feed(m) for m in frames("pause.ami"))


def test_pause_text_is_the_mappings_own_else_the_chinese_label() -> None:
    m = parse_toml('[ami]\nhost = "127.0.0.1"\nuser = "sw"\n[pause_reasons]\n"就餐" = "meal"\n'
                   '"话后处理" = "after_call"\n', "t.toml")
    assert ctl.pause_text(m, AwayReason.MEAL) == "就餐"
    assert ctl.pause_text(m, AwayReason.SHORT_BREAK) == "小休"
    assert ctl.pause_text(m, AwayReason.TRAINING) == "培训"


def test_status_shows_whether_the_call_is_still_the_agents() -> None:
    def st(chan: str, bridge: str) -> list[Message]:
        return [Message.of("Event", "Status", Channel=chan, BridgeID=bridge)]

    a, c = "Local/8001@agents-00000001;1", "Local/q1@callers-00000000;2"
    assert ctl.call_problem(st(a, "b1"), st(c, "b1"), a, c) is None
    assert ctl.call_problem(st(a, ""), st(c, ""), a, c) is not None  # in no call
    assert ctl.call_problem(st(a, "b1"), st(c, "b2"), a, c) is not None  # another call


def test_the_translators_own_event_is_marked_not_doubled() -> None:
    t = utcnow()
    c = cmd(Action.FORCE_AWAY, "8001", away=AwayReason.SHORT_BREAK)
    theirs = [FloorEvent("agent_state", t, {"agent": "8001", "state": "away",
                                            "reason": "short_break", "reason_text": "小休"})]
    merged, own = ctl.merge_effects(theirs, ctl.effect_events(c, t, pause_reason_text="小休"), c)
    assert own == [] and merged[0].get("command") == c.id
    c2 = cmd(Action.FORCE_READY, "8001")
    merged, own = ctl.merge_effects(theirs, ctl.effect_events(c2, t), c2)
    assert merged == theirs and [e.get("state") for e in own] == ["ready"]


def test_a_running_spy_leg_is_found_by_its_id_endpoint_and_exact_channel() -> None:
    def leg(chan: str, uid: str, data: str) -> Message:
        return Message.of("Event", "CoreShowChannel", Channel=chan, Uniqueid=uid,
                          Application="ChanSpy", ApplicationData=data)

    rows = [leg("PJSIP/90010-00000003", "sw-spy-a", "PJSIP/801-00000001,qbESu"),
            leg("PJSIP/9001-00000004", "1796.7", "PJSIP/801-00000001,qbESu"),
            leg("PJSIP/9001-00000005", "sw-spy-b", "PJSIP/8010-00000002,qbESu"),
            leg("PJSIP/9001-00000006", "sw-spy-c", "PJSIP/801-00000001,qwbESu")]
    assert ctl.find_spy_leg(rows, "PJSIP/9001", "PJSIP/801-00000001") == "PJSIP/9001-00000006"
    assert ctl.find_spy_leg(rows[:3], "PJSIP/9001", "PJSIP/801-00000001") is None


class _DownLink:
    up = False
    where = "127.0.0.1:5038"

    def stop(self) -> None:
        pass


def test_a_control_with_the_link_down_fails_and_a_claim_is_unknown() -> None:
    m = parse_toml('[ami]\nhost = "127.0.0.1"\nuser = "sw"\n[[supervisors]]\n'
                   'operator = "9001"\nendpoint = "PJSIP/9001"\n', "t.toml")
    t = utcnow()
    state = apply_all(initial_state(), [
        FloorEvent("floor_setup", t, {"queues": [{"id": "Q1", "name": "咨询"}],
                                      "agents": [{"id": "8001", "name": "张三"}]}),
        FloorEvent("agent_state", t, {"agent": "8001", "state": "ready"}),
        FloorEvent("call_queued", t, {"call": "C1", "queue": "Q1"}),
        FloorEvent("call_answered", t, {"call": "C1", "agent": "8001"})])
    adapter = AmiAdapter(m, secret_fn=lambda: "x", link=_DownLink())  # type: ignore[arg-type]
    c = cmd(Action.MONITOR, "8001", "C1")
    out = adapter.execute(c, state, t)
    assert [e.type for e in out] == ["command_failed"]
    assert "link to the phone system is down" in out[-1].get("message")
    res = adapter.outcome(c, state, t, t)
    assert res.type == "command_failed" and res.get("outcome") == "unknown"


def test_the_console_set_extension_comes_first_the_mapping_fills_the_rest() -> None:
    from console.ami_controls import AmiControls

    m = parse_toml('[ami]\nhost = "127.0.0.1"\nuser = "sw"\n[[supervisors]]\n'
                   'operator = "9001"\nendpoint = "PJSIP/9001"\ncontext = "sup"\n'
                   'exten = "9001"\n', "t.toml")
    mine = {"9001": ("PJSIP/9001-desk", "", ""), "9002": ("PJSIP/9002", "sup2", "9002")}
    adapter = AmiAdapter(m, secret_fn=lambda: "x", link=_DownLink(),  # type: ignore[arg-type]
                         endpoint_fn=mine.get)
    ctrl = AmiControls(adapter)
    assert ctrl._endpoint("9001") == ctl.Endpoint("PJSIP/9001-desk", "sup", "9001")
    assert ctrl._endpoint("9002") == ctl.Endpoint("PJSIP/9002", "sup2", "9002")
    assert ctrl._endpoint("9003") is None


# ---- on the real Asterisk -------------------------------------------------------------


def wait_for(cond: Callable[[], Any], timeout: float = 8.0, tick: Callable[[], None]
             | None = None) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        if tick is not None:
            tick()
        got = cond()
        if got:
            return got
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def add_member(peer: AsteriskPeer, ext: str, queue: str = "q1") -> None:
    """A dynamic member (QueueAdd: what a real floor's agents sign in with), with a
    dialplan extension of its own (801 is not in the harness's _80XX pattern)."""
    peer.cli(f"dialplan add extension {ext},1,Answer() into agents replace")
    peer.cli(f"dialplan add extension {ext},2,Wait(600) into agents replace")
    r = peer.client.call("QueueAdd", {"Queue": queue, "Interface": f"Local/{ext}@agents/n",
                                      "MemberName": f"Agent {ext}"})
    assert r.ok, r.message


def agent_toml(*exts: str) -> str:
    return "".join(f'\n[[agents]]\nagent = "{e}"\ninterface = "Local/{e}@agents/n"\n'
                   f'member_name = "Agent {e}"\n' for e in exts)


def talking(state: FloorState) -> dict[str, str]:
    """agent -> call of every agent talking."""
    return {s.agent: s.call for s in state.status.values()
            if s.state is AgentState.TALKING and s.call}


class Floor:
    """The adapter on a floor folded in memory (no database): what the host does,
    for the tests that look at one control closely."""

    def __init__(self, adapter: AmiAdapter) -> None:
        self.adapter = adapter
        self.state = initial_state()
        self.n = 0
        adapter.bind(lambda: self.state)
        self.fold(adapter.start(self.state, utcnow()))

    def fold(self, events: list[FloorEvent]) -> list[FloorEvent]:
        out = []
        for e in events:
            self.n += 1
            out.append(FloorEvent(e.type, e.at, e.data, self.n))
        self.state = apply_all(self.state, out)
        return out

    def poll(self) -> None:
        self.fold(self.adapter.poll(utcnow()))

    def execute(self, c: SupervisorCommand, state: FloorState | None = None) -> list[FloorEvent]:
        return self.fold(self.adapter.execute(c, state or self.state, utcnow()))


@pytest.fixture
def floor_on(asterisk_factory: Callable[..., AsteriskPeer]) -> Iterator[
        Callable[..., tuple[AsteriskPeer, Floor]]]:
    made: list[AmiAdapter] = []

    def make(*dynamic: str, timeout_s: int = 5, **kw: Any) -> tuple[AsteriskPeer, Floor]:
        peer = asterisk_factory(**kw)
        for ext in dynamic:
            add_member(peer, ext)
        text = peer.mapping_toml().replace("action_timeout_s = 5",
                                           f"action_timeout_s = {timeout_s}")
        mapping = parse_toml(text + agent_toml(*dynamic), "peer.toml")
        adapter = AmiAdapter(mapping, secret_fn=lambda: peer.secret)
        made.append(adapter)
        return peer, Floor(adapter)

    yield make
    for a in made:
        a.close()


def test_agent_801_is_monitored_never_8010(floor_on: Any) -> None:
    peer, floor = floor_on("801", "8010", agents_per_queue=1)
    peer.client.call("QueuePause", {"Interface": "Local/8001@agents/n", "Paused": "true",
                                    "Reason": "会议"})
    peer.originate_caller("q1")
    peer.originate_caller("q1")
    on = wait_for(lambda: len(talking(floor.state)) == 2 and talking(floor.state),
                  tick=floor.poll)
    assert set(on) == {"801", "8010"}
    chans = {t.agent: t.agent_channel for t in floor.adapter.translator.calls.values()}
    c = cmd(Action.MONITOR, "801", on["801"])
    out = floor.execute(c)
    assert out[-1].type == "command_done", out[-1]
    start = peer.wait_event(lambda m: m.is_event("ChanSpyStart"))
    assert start["SpyeeChannel"] == chans["801"] != chans["8010"]
    spy = peer.client.call("Status", {"Channel": ctl.spy_channel_id(c.id)},
                           list_response=True).events[0]
    assert spy["Data"] == f"{chans['801']},qbESu"
    assert [e.type for e in out].count("supervisor_joined") == 1
    call = floor.state.calls[on["801"]]
    assert call.supervisors == ((SUP, SupervisorMode.MONITOR),)
    assert floor.state.calls[on["8010"]].supervisors == ()
    time.sleep(0.3)
    peer.client.call("Ping", {})  # reads what Asterisk sent meanwhile
    assert not any(m.is_event("ChanSpyStart") for m in peer.client.events)


def test_a_call_gone_between_check_and_act_fails_with_asterisks_words(floor_on: Any) -> None:
    """R-CTRL-2: the floor still shows the call (the host has not read the hang-up
    yet); Asterisk is asked before acting and says the channel is gone."""
    peer, floor = floor_on(agents_per_queue=1)
    peer.originate_caller("q1")
    on = wait_for(lambda: talking(floor.state), tick=floor.poll)
    stale = floor.state
    chan = floor.adapter.translator.calls[on["8001"]].agent_channel
    peer.hangup(chan)
    peer.wait_event(lambda m: m.is_event("Hangup") and m.get("Channel") == chan)
    out = floor.adapter.execute(cmd(Action.FORCE_RELEASE, "8001", on["8001"]), stale,
                                utcnow())
    assert out[-1].type == "command_failed"
    assert "No such channel" in out[-1].get("message") and chan in out[-1].get("message")
    assert "call_ended" not in [e.type for e in out if e.get("command")]


def test_no_extension_and_a_static_member_are_refused_before_acting(floor_on: Any) -> None:
    peer, floor = floor_on(agents_per_queue=1)
    peer.originate_caller("q1")
    on = wait_for(lambda: talking(floor.state), tick=floor.poll)
    out = floor.execute(cmd(Action.MONITOR, "8001", on["8001"], sup="9999"))
    assert out[-1].type == "command_failed" and "[[supervisors]]" in out[-1].get("message")
    peer.hangup(floor.adapter.translator.calls[on["8001"]].agent_channel)
    wait_for(lambda: floor.state.status["8001"].state is not AgentState.TALKING,
             tick=floor.poll)
    out = floor.execute(cmd(Action.FORCE_LOGOUT, "8001"))
    assert out[-1].type == "command_failed" and "static member" in out[-1].get("message")
    member = peer.client.call("QueueStatus", {"Member": "Local/8001@agents/n"},
                              list_response=True).events
    assert any(m.is_event("QueueMember") for m in member)  # still in its queue


def test_a_phone_that_does_not_answer_fails_and_never_listens_later(floor_on: Any) -> None:
    """The supervisor's phone rings for the action timeout at most: the control fails
    with what Asterisk says, and no spy starts after the failure was recorded."""
    peer, floor = floor_on(agents_per_queue=1, timeout_s=1)
    peer.cli("dialplan add extension 9001,1,Wait(30) into sup replace")  # never answers
    peer.originate_caller("q1")
    on = wait_for(lambda: talking(floor.state), tick=floor.poll)
    began = time.monotonic()
    out = floor.execute(cmd(Action.MONITOR, "8001", on["8001"]))
    assert out[-1].type == "command_failed"
    msg = out[-1].get("message")
    assert "could not be reached" in msg, msg
    assert time.monotonic() - began < 3.0
    time.sleep(1.0)
    peer.client.call("Ping", {})  # reads what Asterisk sent meanwhile
    assert not any(m.is_event("ChanSpyStart") for m in peer.client.events)
    floor.poll()
    assert floor.state.calls[on["8001"]].supervisors == ()


# ---- the floor host, through the outbox, on both databases ---------------------------


def tick_until(h: FloorHost, cond: Callable[[FloorState], Any], timeout: float = 8.0) -> Any:
    return wait_for(lambda: cond(h.writer.current()), timeout, tick=h.tick)


def run(h: FloorHost, c: SupervisorCommand) -> Any:
    submit_command(h.engine, c, utcnow())
    row = tick_until(h, lambda _s: (r := _row(h, c.id)).status not in ("pending", "executing")
                     and r)
    return row


def _row(h: FloorHost, cid: str) -> Any:
    with h.engine.connect() as conn:
        return conn.execute(sa.select(SupervisorCommandRow)
                            .where(SupervisorCommandRow.id == cid)).one()


def results(h: FloorHost, cid: str) -> list[FloorEvent]:
    with h.engine.connect() as conn:
        return [e for e in store.read_events(conn, 0, 10_000_000) if e.get("command") == cid]


def audited(h: FloorHost, cid: str) -> list[Any]:
    with h.engine.connect() as conn:
        rows = auditlog.query_audit(conn, newest_first=False)
    return [r for r in rows if r.detail.get("command") == cid]


def once(h: FloorHost, c: SupervisorCommand, status: str = "done") -> list[FloorEvent]:
    """The control ran once: one result, one audit row; returns its events."""
    row = run(h, c)
    assert row.status == status, row.message
    evs = results(h, c.id)
    assert [e.type for e in evs].count("command_done" if status == "done"
                                      else "command_failed") == 1, evs
    rows = audited(h, c.id)
    assert len(rows) == 1 and rows[0].action == c.action.value
    assert rows[0].result.startswith(status) and rows[0].operator == SUP
    return evs


@pytest.fixture
def host_on(asterisk_factory: Callable[..., AsteriskPeer], db_url: str) -> Iterator[
        tuple[AsteriskPeer, FloorHost]]:
    peer = asterisk_factory(agents_per_queue=2)
    add_member(peer, "8003")
    mapping = parse_toml(peer.mapping_toml() + agent_toml("8003"), "peer.toml")
    eng = dbengine.make_engine(db_url)
    with eng.begin() as c:
        operators.create_operator(c, SUP, "王班长", "pw-9001-secret", {"shift_leader"},
                                  by="test", now=utcnow())
    h = FloorHost(eng, AmiAdapter(mapping, secret_fn=lambda: peer.secret))
    h.start()
    try:
        yield peer, h
    finally:
        h.adapter.close()
        eng.dispose()


def test_every_control_on_the_real_switch_exactly_once(host_on: Any) -> None:
    peer, h = host_on
    tr = h.adapter.translator
    peer.client.call("QueuePause", {"Interface": "Local/8003@agents/n", "Paused": "true",
                                    "Reason": "会议"})
    peer.originate_caller("q1")
    on = tick_until(h, talking)
    (agent, call), = on.items()
    chan = tr.calls[call].agent_channel

    def spying(mode: str) -> Message:
        start = peer.wait_event(lambda m: m.is_event("ChanSpyStart"))
        assert start["SpyeeChannel"] == chan
        st = peer.client.call("Status", {"Channel": start["SpyerChannel"]},
                              list_response=True).events[0]
        assert st["Data"] == f"{chan},{ctl.spy_options(mode)}"
        return start

    # 监听, then 耳语 on the same call (one leg, its mode changed), 退出, 强插
    c = cmd(Action.MONITOR, agent, call)
    once(h, c)
    spying("monitor")
    assert h.writer.current().calls[call].supervisors == ((SUP, SupervisorMode.MONITOR),)
    joined = [e for e in results(h, c.id) if e.type == "supervisor_joined"]
    assert len(joined) == 1 and joined[0].get("uniqueid") == call
    whisper = cmd(Action.WHISPER, agent, call)
    once(h, whisper)
    first = spying("whisper")
    # one change of mode on the floor: no supervisor_left for the monitor leg it replaced
    assert [e.type for e in results(h, whisper.id)] == ["supervisor_joined", "command_done"]
    assert h.writer.current().calls[call].supervisors == ((SUP, SupervisorMode.WHISPER),)
    stop = cmd(Action.STOP, agent, call)
    once(h, stop)
    peer.wait_event(lambda m: m.is_event("ChanSpyStop")
                    and m["SpyerChannel"] == first["SpyerChannel"])
    assert h.writer.current().calls[call].supervisors == ()
    assert [e.type for e in results(h, stop.id)] == ["supervisor_left", "command_done"]
    once(h, cmd(Action.BARGE, agent, call))
    spying("barge")

    # 拦截: the caller is redirected to the supervisor's extension
    c = cmd(Action.INTERCEPT, agent, call)
    once(h, c)
    caller = tr.calls[call].caller_channel
    st = peer.client.call("Status", {"Channel": caller}, list_response=True).events[0]
    assert (st["Context"], st["Exten"]) == ("sup", SUP)
    s = h.writer.current()
    assert s.calls[call].intercepted_by == SUP
    assert s.status[agent].state is AgentState.AFTER_CALL
    assert [e.type for e in results(h, c.id)] == ["call_intercepted", "command_done"]
    peer.hangup(caller)
    tick_until(h, lambda s: call not in s.calls)
    # the agent's wrap-up ran from the intercept (2 s on the peer), whenever Asterisk
    # sent its leg's hang-up
    tick_until(h, lambda s: s.status[agent].state is AgentState.READY)

    # 强拆 on a new call
    peer.originate_caller("q1")
    (agent, call), = tick_until(h, talking).items()
    chan = tr.calls[call].agent_channel
    c = cmd(Action.FORCE_RELEASE, agent, call)
    evs = once(h, c)
    peer.wait_event(lambda m: m.is_event("Hangup") and m.get("Channel") == chan)
    ended = [e for e in evs if e.type == "call_ended"]
    assert len(ended) == 1 and ended[0].get("supervisor") == SUP
    assert call not in h.writer.current().calls

    # 强制离席 小休 / 强制就绪 on the other agent
    other = "8002" if agent == "8001" else "8001"
    iface = f"Local/{other}@agents/n"
    tick_until(h, lambda s: s.status[other].state is AgentState.READY)
    c = cmd(Action.FORCE_AWAY, other, away=AwayReason.SHORT_BREAK)
    once(h, c)
    (m,) = [m for m in peer.queue_status("q1") if m.is_event("QueueMember")
            and m["Location"] == iface]
    assert (m["Paused"], m["PausedReason"]) == ("1", "小休")
    st = h.writer.current().status[other]
    assert (st.state, st.reason, st.forced_by) == (AgentState.AWAY, AwayReason.SHORT_BREAK,
                                                   c.id)
    once(h, cmd(Action.FORCE_READY, other))
    (m,) = [m for m in peer.queue_status("q1") if m.is_event("QueueMember")
            and m["Location"] == iface]
    assert m["Paused"] == "0"
    assert h.writer.current().status[other].state is AgentState.READY

    # 强制签出 of the dynamic member 8003
    once(h, cmd(Action.FORCE_LOGOUT, "8003"))
    assert not [m for m in peer.queue_status() if m.is_event("QueueMember")
                and m["Location"] == "Local/8003@agents/n"]
    assert h.writer.current().status["8003"].state is AgentState.LOGGED_OUT


def test_a_dead_hosts_claim_is_answered_from_asterisk_never_redone(
        host_on: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    peer, h = host_on
    acted: list[SupervisorCommand] = []
    real = h.adapter.execute
    monkeypatch.setattr(h.adapter, "execute",
                        lambda c, s, n: acted.append(c) or real(c, s, n))
    tick_until(h, lambda s: s.status["8001"].state is AgentState.READY)
    # the dead host paused 8001 with 小休 before it died; 8002 was never touched
    peer.client.call("QueuePause", {"Interface": "Local/8001@agents/n", "Paused": "true",
                                    "Reason": "小休"})
    tick_until(h, lambda s: s.status["8001"].state is AgentState.AWAY)
    claimed = utcnow() - timedelta(seconds=30)
    with h.engine.begin() as conn:
        for cid, agent, action in (("x-done", "8001", "force_away"),
                                   ("x-not", "8002", "force_away"),
                                   ("x-out", "8003", "force_logout")):
            conn.execute(sa.insert(SupervisorCommandRow).values(
                id=cid, created_at=claimed, operator=SUP, action=action,
                agent_id=agent, reason="", status="executing",
                away_reason="short_break" if action == "force_away" else None,
                claimed_by="dead-host", claimed_at=claimed, attempt=1))
    # ... and listened in on a call: its spy leg (our ChannelId) is running; a release
    # it claimed never happened (the call is still up)
    peer.originate_caller("q1")
    (agent, call), = tick_until(h, talking).items()
    chan = h.adapter.translator.calls[call].agent_channel
    peer.client.call("Originate", {"Channel": "Local/9001@sup", "Application": "ChanSpy",
                                   "Data": ctl.spy_data(chan, "monitor"), "Async": "true",
                                   "ChannelId": ctl.spy_channel_id("x-spy")})
    peer.wait_event(lambda m: m.is_event("ChanSpyStart"))
    with h.engine.begin() as conn:
        for cid, action in (("x-spy", "monitor"), ("x-rel", "force_release")):
            conn.execute(sa.insert(SupervisorCommandRow).values(
                id=cid, created_at=claimed, operator=SUP, action=action, agent_id=agent,
                call_id=call, reason="", status="executing", claimed_by="dead-host",
                claimed_at=claimed, attempt=1))
    h.tick()
    assert acted == []
    assert (_row(h, "x-spy").status, _row(h, "x-rel").status) == ("done", "failed")
    assert call in h.writer.current().calls
    assert (_row(h, "x-done").status, _row(h, "x-not").status) == ("done", "failed")
    assert _row(h, "x-out").status == "failed"  # 8003 is still in q1
    assert _row(h, "x-done").attempt == 1
    assert len(audited(h, "x-done")) == len(audited(h, "x-not")) == 1
    (m,) = [m for m in peer.queue_status("q1") if m.is_event("QueueMember")
            and m["Location"] == "Local/8002@agents/n"]
    assert m["Paused"] == "0"  # asked about, never acted on
