"""AMI events -> floor events (models/telephony/translate.py, issue #14 part D), without a
switch: frames laid out as Asterisk 22 sends them (the recorded streams in
``tests/frames/`` where present, and hand-made ones for what only a phone or a broken
peer produces: Hold/Unhold, unknown events, missing keys). Every event the translator
returns is folded with the reducer here, which raises on an event it would refuse —
so each test also shows that nothing it writes ends up in ``rejected_event``."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from models.domain.floor import FloorState, apply, initial_state
from models.domain.types import AgentState, AwayReason, CallState, FloorEvent
from models.telephony.ami import AmiParser, Message
from models.telephony.mapping import parse_toml
from models.telephony.translate import (
    DOWN_NOTE,
    SpyTrack,
    Translator,
    channel_base,
    channel_owner,
)

FRAMES = Path(__file__).resolve().parent / "frames"
T0 = 1796603875.0
NOW = datetime.fromtimestamp(T0, UTC)

MAPPING = parse_toml('''
[ami]
host = "127.0.0.1"
user = "seatwatch"
[[queues]]
asterisk = "q1"
queue = "Q1"
name = "咨询"
wrapup_s = 2
[[agents]]
agent = "8001"
interface = "Local/8001@agents/n"
member_name = "Agent 8001"
[[agents]]
agent = "8002"
interface = "Local/8002@agents/n"
member_name = "Agent 8002"
[[agents]]
agent = "801"
interface = "PJSIP/801"
[pause_reasons]
"小休" = "short_break"
"就餐" = "meal"
"话后处理" = "after_call"
[[supervisors]]
operator = "9001"
endpoint = "Local/9001@sup"
context = "sup"
exten = "9001"
[ivr]
contexts = ["ivr-main"]
queue = "Q1"
''', "test.toml")


class Floor:
    """A translator and the floor it writes, every event folded (and so checked)."""

    def __init__(self, ready: Iterable[str] = ("8001", "8002")) -> None:
        self.tr = Translator(MAPPING)
        self.state: FloorState = initial_state()
        self.events: list[FloorEvent] = []
        self.fold(self.tr.setup(self.state, NOW))
        for a in ready:
            self.fold([FloorEvent("agent_state", NOW, {"agent": a, "state": "ready"})])
            # a member of q1, as the start's resync would have found it
            self.tr._member(a).interfaces["q1"] = next(
                x.interface for x in MAPPING.agents if x.agent == a)

    def fold(self, events: list[FloorEvent]) -> list[FloorEvent]:
        for e in events:
            self.state = apply(self.state, e)  # raises IllegalEvent on a refused one
        self.events += events
        return events

    def feed(self, *msgs: Message) -> list[FloorEvent]:
        out: list[FloorEvent] = []
        for m in msgs:
            out += self.fold(self.tr.on_message(m, self.state, NOW))
        return out

    def types(self) -> list[str]:
        return [e.type for e in self.events if e.type != "floor_setup"]


def ev(name: str, t: float = 0.0, **fields: str) -> Message:
    return Message([("Event", name), ("Privilege", "call,all"),
                    ("Timestamp", f"{T0 + t:.6f}"), *fields.items()])


CALLER = {"Channel": "Local/q1@callers-00000000;2", "CallerIDNum": "13800000000",
          "CallerIDName": "张三", "Context": "callers", "Exten": "q1",
          "Uniqueid": "1796603875.1", "Linkedid": "1796603875.0"}
AGENT1 = {"DestChannel": "Local/8001@agents-00000001;1", "DestUniqueid": "1796603875.2",
          "DestLinkedid": "1796603875.0", "Queue": "q1", "Interface": "Local/8001@agents/n",
          "MemberName": "Agent 8001"}
AGENT_LEG = {"Channel": "Local/8001@agents-00000001;1", "Uniqueid": "1796603875.2",
             "Linkedid": "1796603875.0", "Context": "agents", "Exten": "q1"}
CALL = "1796603875.1"


def answered(f: Floor) -> None:
    f.feed(ev("QueueCallerJoin", 0.3, **CALLER, Queue="q1", Position="1", Count="1"),
           ev("AgentCalled", 0.4, **CALLER, **AGENT1),
           ev("AgentConnect", 1.3, **CALLER, **AGENT1, HoldTime="1", RingTime="1"))


def at(t: float) -> datetime:
    return datetime.fromtimestamp(T0 + t, UTC)


# ---- a call's life ---------------------------------------------------------------------


def test_a_queue_call_from_join_to_ready_again_with_asterisk_times_and_ids() -> None:
    f = Floor()
    answered(f)
    c = f.state.calls[CALL]
    assert (c.state, c.agent, c.caller, c.queued_at, c.answered_at) == \
        (CallState.TALKING, "8001", "13800000000", at(0.3), at(1.3))
    f.feed(ev("AgentComplete", 3.3, **CALLER, **AGENT1, TalkTime="2", Reason="agent"),
           ev("Hangup", 3.31, **CALLER, Cause="16"))
    assert CALL not in f.state.calls
    assert f.state.status["8001"].state is AgentState.AFTER_CALL
    assert f.tr.due(at(5.2), f.state) == []
    f.fold(f.tr.due(at(5.4), f.state))
    st = f.state.status["8001"]
    assert (st.state, st.since) == (AgentState.READY, at(5.3))  # the queue's 2 s wrap-up
    assert f.types() == ["agent_state", "agent_state", "call_queued", "call_offered",
                         "call_answered", "call_ended", "agent_state"]
    for e in f.events:
        if e.type.startswith("call_"):
            assert (e.get("uniqueid"), e.get("linkedid")) == (CALL, "1796603875.0")


def test_hold_and_unhold_on_the_agents_or_the_callers_channel() -> None:
    f = Floor()
    answered(f)
    f.feed(ev("Hold", 1.5, **AGENT_LEG), ev("Unhold", 2.0, **AGENT_LEG),
           ev("Hold", 2.2, **AGENT_LEG, MusicClass="default"),
           ev("Hold", 2.3, **AGENT_LEG),  # a second Hold while held: nothing to write
           ev("Unhold", 2.6, **CALLER))
    assert [e.type for e in f.events[-4:]] == ["hold_started", "hold_ended", "hold_started",
                                               "hold_ended"]
    c = f.state.calls[CALL]
    assert c.holds == 2 and c.hold_s == pytest.approx(0.9)
    assert f.events[-4].get("uniqueid") == "1796603875.2"  # the channel it came from


def test_ring_no_answer_then_another_agent_answers() -> None:
    f = Floor()
    f.feed(ev("QueueCallerJoin", 0.1, **CALLER, Queue="q1"),
           ev("AgentCalled", 0.2, **CALLER, **AGENT1),
           ev("AgentRingNoAnswer", 3.2, **CALLER, **AGENT1, RingTime="3000"))
    assert f.state.calls[CALL].state is CallState.WAITING
    agent2 = {**AGENT1, "DestChannel": "Local/8002@agents-00000002;1",
              "DestUniqueid": "1796603879.4", "Interface": "Local/8002@agents/n",
              "MemberName": "Agent 8002"}
    f.feed(ev("AgentCalled", 4.2, **CALLER, **agent2),
           ev("AgentConnect", 4.3, **CALLER, **agent2))
    assert f.types()[-4:] == ["call_offered", "call_unanswered", "call_offered",
                              "call_answered"]
    assert f.state.calls[CALL].agent == "8002"


def test_an_abandon_while_ringing_and_a_ringall_second_ring_not_written() -> None:
    f = Floor()
    agent2 = {**AGENT1, "Interface": "Local/8002@agents/n", "MemberName": "Agent 8002",
              "DestChannel": "Local/8002@agents-00000002;1"}
    f.feed(ev("QueueCallerJoin", 0.1, **CALLER, Queue="q1"),
           ev("AgentCalled", 0.2, **CALLER, **AGENT1),
           ev("AgentCalled", 0.2, **CALLER, **agent2),  # ringall: the floor shows one
           ev("QueueCallerAbandon", 1.6, **CALLER, Queue="q1", HoldTime="1"),
           ev("Hangup", 1.7, **CALLER))
    assert f.types()[-3:] == ["call_queued", "call_offered", "call_abandoned"]
    assert f.state.status["8001"].state is AgentState.READY and not f.state.calls
    assert f.state.counts("Q1", "day").abandoned == 1


def test_the_caller_hanging_up_first_ends_the_call_and_agentcomplete_adds_nothing() -> None:
    """Asterisk sends AgentComplete without the caller's channel when the caller hung
    up first (recorded in chanspy.ami)."""
    f = Floor()
    answered(f)
    f.feed(ev("Hangup", 2.0, **CALLER),
           ev("AgentComplete", 2.01, **AGENT1, TalkTime="1", Reason="caller"))
    assert f.types()[-1] == "call_ended" and f.types().count("call_ended") == 1


def test_asterisk_connecting_an_agent_in_after_call_work_makes_it_ready_first() -> None:
    f = Floor()
    f.fold([FloorEvent("agent_state", NOW, {"agent": "8001", "state": "after_call"})])
    f.feed(ev("QueueCallerJoin", 0.1, **CALLER, Queue="q1"),
           ev("AgentCalled", 0.2, **CALLER, **AGENT1),  # not ready on the floor: noted
           ev("AgentConnect", 0.5, **CALLER, **AGENT1))
    assert f.types()[-3:] == ["call_queued", "agent_state", "call_answered"]


# ---- members: pause, login ---------------------------------------------------------------


def pause(paused: bool, reason: str = "", t: float = 0.0, agent: str = "8001",
          event: str = "QueueMemberPause") -> Message:
    return ev(event, t, Queue="q1", MemberName=f"Agent {agent}",
              Interface=f"Local/{agent}@agents/n", StateInterface=f"Local/{agent}@agents/n",
              Paused="1" if paused else "0", PausedReason=reason)


def test_pause_reasons_mapped_unknown_text_is_other_with_the_text_kept() -> None:
    f = Floor()
    f.feed(pause(True, "小休", 1))
    st = f.state.status["8001"]
    assert (st.state, st.reason, st.since) == (AgentState.AWAY, AwayReason.SHORT_BREAK, at(1))
    assert f.events[-1].get("reason_text") == "小休"
    f.feed(pause(True, "接孩子", 2))
    assert f.state.status["8001"].reason is AwayReason.OTHER
    assert f.events[-1].get("reason_text") == "接孩子"
    f.feed(pause(False, "", 3))
    assert f.state.status["8001"].state is AgentState.READY


def test_paused_with_the_after_call_reason_during_a_call_stays_in_after_call_until_unpaused(
) -> None:
    f = Floor()
    answered(f)
    f.feed(pause(True, "话后处理", 1.5))  # on a call: applied when it ends
    assert f.state.status["8001"].state is AgentState.TALKING
    f.feed(ev("AgentComplete", 3.0, **CALLER, **AGENT1))
    assert f.state.status["8001"].state is AgentState.AFTER_CALL
    assert f.tr.due(at(60), f.state) == []  # no wrap-up timer: the pause rules
    f.feed(pause(False, "", 70))
    st = f.state.status["8001"]
    assert (st.state, st.since) == (AgentState.READY, at(70))


def test_a_short_break_asked_during_a_call_starts_after_the_wrap_up() -> None:
    f = Floor()
    answered(f)
    f.feed(pause(True, "小休", 1.5), ev("AgentComplete", 3.0, **CALLER, **AGENT1))
    f.fold(f.tr.due(at(10), f.state))
    st = f.state.status["8001"]
    assert (st.state, st.reason, st.since) == (AgentState.AWAY, AwayReason.SHORT_BREAK, at(5))


def test_member_removed_logs_out_and_added_logs_in_paused_as_reported() -> None:
    f = Floor()
    f.feed(ev("QueueMemberRemoved", 1, Queue="q1", MemberName="Agent 8002",
              Interface="Local/8002@agents/n"))
    assert f.state.status["8002"].state is AgentState.LOGGED_OUT
    f.feed(ev("QueueMemberAdded", 2, Queue="q1", MemberName="Agent 8002",
              Interface="Local/8002@agents/n", Paused="1", PausedReason="就餐"))
    st = f.state.status["8002"]
    assert (st.state, st.reason) == (AgentState.AWAY, AwayReason.MEAL)
    assert f.tr.members["8002"].interfaces == {"q1": "Local/8002@agents/n"}


def test_members_match_exactly_801_is_never_8010() -> None:
    assert channel_owner("PJSIP/8010-0000000a") == "PJSIP/8010"
    assert channel_owner("Local/8001@agents-00000001;1") == "Local/8001@agents"
    assert channel_base("Local/8001@agents/n") == "Local/8001@agents"
    f = Floor(ready=("801",))
    f.feed(ev("QueueMemberPause", 1, Queue="q1", Interface="PJSIP/8010", Paused="1",
              PausedReason="小休"))
    assert f.state.status["801"].state is AgentState.READY


# ---- supervisors, intercept ------------------------------------------------------------


def spy(name: str, t: float, spyer: str = "Local/9001@sup-00000002;1") -> Message:
    return ev(name, t, SpyerChannel=spyer, SpyerUniqueid="1796603877.4",
              SpyeeChannel=AGENT1["DestChannel"], SpyeeUniqueid="1796603875.2",
              SpyeeLinkedid="1796603875.0")


def test_chanspy_joined_and_left_by_endpoint_and_mode_from_the_registered_spy() -> None:
    f = Floor()
    answered(f)
    f.feed(spy("ChanSpyStart", 2), spy("ChanSpyStop", 3))
    assert [(e.type, e.get("supervisor"), e.get("mode")) for e in f.events[-2:]] == \
        [("supervisor_joined", "9001", "monitor"), ("supervisor_left", "9001", "monitor")]
    # the controls registered a whisper before the leg existed (by the endpoint)
    f.tr.register_spy(SpyTrack("Local/9001@sup", "9001", CALL, "whisper", "8001"))
    f.feed(spy("ChanSpyStart", 4, "Local/9001@sup-00000003;1"))
    assert (f.events[-1].type, f.events[-1].get("mode")) == ("supervisor_joined", "whisper")
    f.feed(ev("Hangup", 5, Channel="Local/9001@sup-00000003;1", Uniqueid="x"))
    assert f.events[-1].type == "supervisor_left"


def test_chanspy_from_an_unknown_channel_is_not_shown() -> None:
    f = Floor()
    answered(f)
    assert f.feed(spy("ChanSpyStart", 2, "Local/7777@other-00000009;1")) == []


def test_an_intercepted_call_ends_at_the_callers_hangup_not_at_agentcomplete() -> None:
    f = Floor()
    answered(f)
    f.fold([FloorEvent("call_intercepted", at(2), {"call": CALL, "agent": "8001",
                                                   "supervisor": "9001"})])
    f.fold(f.tr.start_acw("8001", at(2), f.state))
    moved = {**CALLER, "Context": "sup", "Exten": "9001"}
    f.feed(ev("Hangup", 2.1, **AGENT_LEG),
           ev("AgentComplete", 2.2, **moved, Queue="q1", Interface="Local/8001@agents/n",
              MemberName="Agent 8001", Reason="caller"))
    assert CALL in f.state.calls  # the caller talks to the supervisor
    f.fold(f.tr.due(at(4.5), f.state))
    assert f.state.status["8001"].state is AgentState.READY  # wrap-up from the intercept
    f.feed(ev("Hangup", 9, **moved))
    assert CALL not in f.state.calls and f.events[-1].type == "call_ended"


# ---- IVR (R-KPI-1) ---------------------------------------------------------------------


def test_a_call_that_ends_in_the_ivr_counts_as_ivr_only() -> None:
    f = Floor()
    leg = {"Channel": "Local/ivr1@callers-00000005;2", "Uniqueid": "1796603880.9",
           "Linkedid": "1796603880.8", "CallerIDNum": "13900000001"}
    f.feed(ev("Newexten", 1, **leg, Context="ivr-main", Exten="s", Application="Wait"),
           ev("Newexten", 2, **leg, Context="ivr-main", Exten="s", Application="Hangup"),
           ev("Hangup", 2.1, **leg))
    assert f.types()[-1] == "call_queued" and f.events[-1].get("ivr_only") is True
    assert f.state.counts("Q1", "day").ivr_only == 1 and not f.state.calls
    # without the dialplan class (no Newexten): the Hangup's context tells, once a call
    leg3 = {**leg, "Uniqueid": "1796603882.1", "Linkedid": "1796603882.0"}
    f.feed(ev("Hangup", 2.5, **leg3, Context="ivr-main"),
           ev("Hangup", 2.6, **{**leg3, "Uniqueid": "1796603882.2"}, Context="ivr-main"))
    assert f.state.counts("Q1", "day").ivr_only == 2
    # through the IVR into a queue: a queue call, not IVR-only
    leg2 = {**leg, "Uniqueid": "1796603881.1", "Linkedid": "1796603881.0"}
    f.feed(ev("Newexten", 3, **leg2, Context="ivr-main"),
           ev("QueueCallerJoin", 4, **leg2, Queue="q1"))
    f.feed(ev("QueueCallerAbandon", 5, **leg2, Queue="q1"),
           ev("Hangup", 5.1, **leg2, Context="ivr-main"))
    assert f.state.counts("Q1", "day").ivr_only == 2
    assert f.state.counts("Q1", "day").abandoned == 1


# ---- what the floor does not use, or cannot read ------------------------------------------


def test_unknown_events_are_ignored_with_one_debug_line_per_name(
        caplog: pytest.LogCaptureFixture) -> None:
    f = Floor()
    with caplog.at_level(logging.DEBUG, logger="models.telephony.translate"):
        out = f.feed(ev("FancyNewEvent", 1, Foo="bar"), ev("FancyNewEvent", 2, Foo="baz"),
                     ev("VarSet", 3, Variable="X", Value="1"),
                     Message([("Response", "Success"), ("ActionID", "x")]))
    assert out == []
    lines = [r for r in caplog.records if "FancyNewEvent" in r.getMessage()]
    assert len(lines) == 1
    assert not any("VarSet" in r.getMessage() for r in caplog.records)


def test_events_missing_keys_are_ignored_with_one_warning_each_never_an_exception(
        caplog: pytest.LogCaptureFixture) -> None:
    f = Floor()
    with caplog.at_level(logging.WARNING, logger="models.telephony.translate"):
        out = f.feed(ev("QueueCallerJoin", 1, Queue="q1"),  # no Uniqueid
                     ev("QueueCallerJoin", 2, Queue="q1"),
                     ev("QueueCallerJoin", 3, Uniqueid="1.2"),  # no Queue
                     ev("ChanSpyStart", 4), ev("QueueMemberPause", 5),
                     ev("AgentConnect", 6), ev("AgentComplete", 7), ev("Hold", 8),
                     ev("Hangup", 9), ev("AgentCalled", 10, Uniqueid="nope"),
                     ev("QueueCallerJoin", 11, Queue="q-unmapped", Uniqueid="1.3",
                        Channel="x"),
                     Message([("Event", "QueueCallerJoin"), ("Timestamp", "garbage"),
                              ("Queue", "q1"), ("Uniqueid", "1.4"), ("Channel", "c")]))
    # the last one lacks only a usable time: the host clock is used
    assert [e.type for e in out] == ["call_queued"] and out[0].at == NOW
    msgs = [r.getMessage() for r in caplog.records]
    assert sum("without Uniqueid" in m for m in msgs) == 1
    assert sum("QueueCallerJoin without Queue" in m for m in msgs) == 1
    assert any("q-unmapped" in m for m in msgs)


# ---- resync ----------------------------------------------------------------------------


def st_msg(name: str, **fields: str) -> Message:
    return Message([("Event", name), *fields.items(), ("ActionID", "sw-9")])


def test_resync_closes_gone_calls_adds_unknown_ones_and_corrects_agents() -> None:
    f = Floor(ready=("8001", "8002", "801"))
    answered(f)  # 8001 talking on CALL; Asterisk restarted meanwhile: CALL is gone
    f.fold([FloorEvent("call_queued", at(1), {"call": "old-wait", "queue": "Q1"})])
    now = at(100)
    status = [
        st_msg("QueueParams", Queue="q1", Completed="0", Abandoned="0"),
        st_msg("QueueMember", Queue="q1", Name="Agent 8001", Location="Local/8001@agents/n",
               Paused="1", PausedReason="就餐"),
        st_msg("QueueMember", Queue="q1", Name="Agent 8002", Location="Local/8002@agents/n",
               Paused="0", InCall="1"),
        st_msg("QueueEntry", Queue="q1", Position="1", Channel="Local/q1@callers-0000000a;2",
               Uniqueid="1796603970.5", CallerIDNum="13700000000", Wait="12"),
        st_msg("QueueStatusComplete", EventList="Complete"),
    ]
    chans = [
        st_msg("CoreShowChannel", Channel="Local/q1@callers-0000000a;2",
               Uniqueid="1796603970.5", Linkedid="1796603970.4", Application="Queue",
               ApplicationData="q1,,,,600", BridgeId="", Duration="00:00:12"),
        st_msg("CoreShowChannel", Channel="Local/q1@callers-0000000b;2",
               Uniqueid="1796603960.7", Linkedid="1796603960.6", Application="Queue",
               ApplicationData="q1,,,,600", BridgeId="b-1", Duration="00:00:40",
               CallerIDNum="13600000000"),
        st_msg("CoreShowChannel", Channel="Local/8002@agents-0000000c;1",
               Uniqueid="1796603961.9", Linkedid="1796603960.6", Application="AppQueue",
               BridgeId="b-1", Duration="00:00:30"),
    ]
    out = f.fold(f.tr.resync(status, chans, f.state, now))
    ended = [e for e in out if e.get("call") == CALL]
    assert [e.type for e in ended] == ["call_ended"] and ended[0].get("note") == DOWN_NOTE
    assert [e.type for e in out if e.get("call") == "old-wait"] == ["call_abandoned"]
    waiting = f.state.calls["1796603970.5"]
    assert (waiting.state, waiting.queued_at, waiting.caller) == \
        (CallState.WAITING, now - timedelta(seconds=12), "13700000000")
    talking = f.state.calls["1796603960.7"]
    assert (talking.state, talking.agent) == (CallState.TALKING, "8002")
    assert f.state.status["8002"].state is AgentState.TALKING
    assert f.state.status["801"].state is AgentState.LOGGED_OUT  # in no mapped queue
    st = f.state.status["8001"]
    assert (st.state, st.reason) == (AgentState.AWAY, AwayReason.MEAL)
    assert f.tr.calls["1796603960.7"].agent_channel == "Local/8002@agents-0000000c;1"
    # a second resync on the same truth writes nothing (idempotent)
    assert f.tr.resync(status, chans, f.state, now + timedelta(seconds=1)) == []


# ---- recorded streams (tests/frames, recorded from Asterisk 22) -----------------------------


def frames(name: str) -> list[Message]:
    path = FRAMES / f"{name}.ami"
    if not path.exists():
        pytest.skip(f"no recorded frames {path.name} (tests/frames/record.py records them)")
    return AmiParser().feed(path.read_bytes())


def replay(name: str, f: Floor | None = None) -> Floor:
    f = f or Floor()
    for m in frames(name):
        f.fold(f.tr.on_message(m, f.state, NOW))
    return f


@pytest.mark.parametrize("name, expect", [
    ("queue_call", ["call_queued", "call_offered", "call_answered", "call_ended"]),
    ("abandon", ["call_queued", "call_offered", "call_abandoned"]),
    ("ring_no_answer", ["call_queued", "call_offered", "call_unanswered", "call_offered",
                        "call_answered", "call_ended"]),
    ("hold", ["call_queued", "call_offered", "call_answered", "hold_started", "hold_ended",
              "hold_started", "hold_ended", "call_ended"]),
    ("chanspy", ["call_queued", "call_offered", "call_answered", "supervisor_joined",
                 "supervisor_left", "call_ended"]),
    ("pause", ["agent_state", "agent_state"]),
])
def test_recorded_streams_translate_to_the_floor_events(name: str, expect: list[str]) -> None:
    f = replay(name)
    got = [t for t in f.types()[2:]]  # after the two agents' logins
    assert got == expect
    assert not f.state.calls


def test_recorded_status_lists_resync_a_fresh_floor() -> None:
    msgs = frames("status")
    status = [m for m in msgs if m.action_id == "rec2" and m.kind == "event"]
    chans = [m for m in msgs if m.action_id == "rec3" and m.kind == "event"]
    f = Floor(ready=())
    f.fold(f.tr.resync(status, chans, f.state, NOW))
    assert f.state.status["8002"].reason is AwayReason.MEAL
    live = list(f.state.calls.values())
    assert [(c.state, c.agent) for c in live] == [(CallState.TALKING, "8001")]


def test_a_message_the_translator_trips_on_is_logged_once_and_the_floor_goes_on(
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    f = Floor()

    def broken(m: Message, b: object, t: datetime) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setitem(f.tr._handlers, "hold", broken)
    answered(f)
    with caplog.at_level(logging.ERROR, logger="models.telephony.translate"):
        assert f.feed(ev("Hold", 2, **AGENT_LEG), ev("Hold", 3, **AGENT_LEG)) == []
    assert len([r for r in caplog.records if "Hold could not be translated" in r.getMessage()]) \
        == 1
    f.feed(ev("AgentComplete", 4, **CALLER, **AGENT1))
    assert CALL not in f.state.calls
