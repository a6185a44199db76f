"""The agent state machine and the floor reducer (issue #2 Semantics, DOMAIN §1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from models.domain import codec, kpi
from models.domain.floor import FLOOR, FloorState, IllegalEvent, apply, initial_state
from models.domain.policy import Policy
from models.domain.types import AgentState, AwayReason, CallState, FloorEvent

T0 = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 08:00 Asia/Shanghai: the day shift starts


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


def floor(*events: FloorEvent, policy: Policy | None = None) -> FloorState:
    s = initial_state(policy or Policy())
    s = apply(s, ev(0, "floor_setup",
                    groups=[{"id": "G1", "name": "一班"}],
                    queues=[{"id": "Q1", "name": "12345热线"}, {"id": "Q2", "name": "企业"}],
                    agents=[{"id": "1001", "name": "张三", "group": "G1"},
                            {"id": "1002", "name": "李四", "group": "G1"}]))
    for e in events:
        s = apply(s, e)
    return s


def test_agent_is_logged_out_until_first_state_which_is_its_login() -> None:
    s = floor()
    assert s.status["1001"].state is AgentState.LOGGED_OUT
    assert s.status["1001"].logged_in_at is None
    s = apply(s, ev(5, "agent_state", agent="1001", state="ready"))
    assert s.status["1001"].state is AgentState.READY
    assert s.status["1001"].logged_in_at == T0 + timedelta(seconds=5)
    assert s.status["1001"].since == T0 + timedelta(seconds=5)  # R-STATE-1


@pytest.mark.parametrize("state", ["ringing", "talking", "hold"])
def test_agent_state_cannot_set_call_states(state: str) -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="ready"))
    with pytest.raises(IllegalEvent, match="follow calls"):
        apply(s, ev(1, "agent_state", agent="1001", state=state))


def test_same_state_changes_nothing_but_another_reason_does() -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="away", reason="meal"))
    same = apply(s, ev(30, "agent_state", agent="1001", state="away", reason="meal"))
    assert same.status["1001"] is s.status["1001"]
    other = apply(s, ev(30, "agent_state", agent="1001", state="away", reason="short_break"))
    assert other.status["1001"].reason is AwayReason.SHORT_BREAK
    assert other.status["1001"].since == T0 + timedelta(seconds=30)


def test_away_needs_a_known_reason_and_only_away_takes_one() -> None:
    s = floor()
    with pytest.raises(IllegalEvent, match="needs a reason"):
        apply(s, ev(1, "agent_state", agent="1001", state="away"))
    with pytest.raises(IllegalEvent, match="unknown away reason"):
        apply(s, ev(1, "agent_state", agent="1001", state="away", reason="nap"))
    with pytest.raises(IllegalEvent, match="only given with away"):
        apply(s, ev(1, "agent_state", agent="1001", state="ready", reason="meal"))


def test_unknown_agent_state_and_type_are_refused() -> None:
    s = floor()
    with pytest.raises(IllegalEvent, match="unknown agent '9999'"):
        apply(s, ev(1, "agent_state", agent="9999", state="ready"))
    with pytest.raises(IllegalEvent, match="unknown agent state"):
        apply(s, ev(1, "agent_state", agent="1001", state="sleeping"))
    with pytest.raises(IllegalEvent, match="unknown event type"):
        apply(s, ev(1, "coffee_break", agent="1001"))


def test_full_call_walks_the_state_machine() -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="ready"),
              ev(60, "call_queued", call="C1", queue="Q1", caller="13800138000"))
    assert [c.id for c in s.waiting("Q1")] == ["C1"]
    s = apply(s, ev(62, "call_offered", call="C1", agent="1001"))
    assert s.status["1001"].state is AgentState.RINGING
    assert s.status["1001"].call == "C1"
    s = apply(s, ev(70, "call_answered", call="C1", agent="1001"))
    assert s.status["1001"].state is AgentState.TALKING
    assert s.waiting("Q1") == []
    s = apply(s, ev(100, "hold_started", call="C1"))
    assert s.status["1001"].state is AgentState.HOLD
    assert s.calls["C1"].state is CallState.HOLD
    s = apply(s, ev(120, "hold_ended", call="C1"))
    assert s.status["1001"].state is AgentState.TALKING
    s = apply(s, ev(200, "call_ended", call="C1"))
    assert s.status["1001"].state is AgentState.AFTER_CALL
    assert "C1" not in s.calls
    assert s.status["1001"].calls_today == 1


def test_agent_on_a_call_cannot_change_state_until_it_ends() -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="ready"),
              ev(1, "call_queued", call="C1", queue="Q1"),
              ev(2, "call_answered", call="C1", agent="1001"))
    with pytest.raises(IllegalEvent, match="cannot change until the call ends"):
        apply(s, ev(3, "agent_state", agent="1001", state="away", reason="short_break"))
    s = apply(s, ev(4, "call_ended", call="C1"))
    s = apply(s, ev(5, "agent_state", agent="1001", state="away", reason="short_break"))
    assert s.status["1001"].state is AgentState.AWAY


def test_answer_needs_a_ready_agent_or_the_one_it_rings() -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="away", reason="short_break"),
              ev(0, "agent_state", agent="1002", state="ready"),
              ev(1, "call_queued", call="C1", queue="Q1"))
    with pytest.raises(IllegalEvent, match="1001 is away"):
        apply(s, ev(2, "call_answered", call="C1", agent="1001"))
    rung = apply(s, ev(2, "call_offered", call="C1", agent="1002"))
    with pytest.raises(IllegalEvent, match="ringing at agent 1002"):
        apply(rung, ev(3, "call_answered", call="C1", agent="1001"))
    with pytest.raises(IllegalEvent, match="not ready"):
        apply(s, ev(2, "call_offered", call="C1", agent="1001"))


def test_hold_needs_an_answered_call() -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="ready"),
              ev(1, "call_queued", call="C1", queue="Q1"))
    with pytest.raises(IllegalEvent, match="only a call in talk"):
        apply(s, ev(2, "hold_started", call="C1"))
    with pytest.raises(IllegalEvent, match="not on hold"):
        apply(s, ev(2, "hold_ended", call="C1"))
    with pytest.raises(IllegalEvent, match="not waiting or in progress"):
        apply(s, ev(2, "hold_started", call="C404"))


def test_ended_and_abandoned_are_not_interchangeable() -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="ready"),
              ev(1, "call_queued", call="C1", queue="Q1"),
              ev(1, "call_queued", call="C2", queue="Q1"),
              ev(2, "call_answered", call="C1", agent="1001"))
    with pytest.raises(IllegalEvent, match="ends with call_abandoned"):
        apply(s, ev(3, "call_ended", call="C2"))
    with pytest.raises(IllegalEvent, match="ends with call_ended"):
        apply(s, ev(3, "call_abandoned", call="C1"))


def test_ring_no_answer_returns_the_call_to_the_queue() -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="ready"),
              ev(1, "call_queued", call="C1", queue="Q1"),
              ev(2, "call_offered", call="C1", agent="1001"),
              ev(17, "call_unanswered", call="C1"))
    assert s.status["1001"].state is AgentState.READY
    assert [c.id for c in s.waiting()] == ["C1"]


def test_abandon_while_ringing_frees_the_agent() -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="ready"),
              ev(1, "call_queued", call="C1", queue="Q1"),
              ev(2, "call_offered", call="C1", agent="1001"),
              ev(5, "call_abandoned", call="C1"))
    assert s.status["1001"].state is AgentState.READY
    assert s.calls.get("C1") is None


def test_ivr_only_call_never_waits_but_counts_as_offered_and_connected() -> None:
    s = floor(ev(1, "call_queued", call="C1", queue="Q1", ivr_only=True))
    assert s.waiting() == []
    c = s.counts("Q1", "shift")
    assert (c.offered, c.ivr_only) == (1, 1)
    assert kpi.answer_rate(c) == 1.0  # R-KPI-1: IVR-only counts as connected
    assert kpi.service_level(c) is None  # never reached the queue


def test_equal_times_apply_in_order_and_time_never_goes_back() -> None:
    s = floor(ev(10, "agent_state", agent="1001", state="ready"),
              ev(10, "agent_state", agent="1001", state="away", reason="meal"))
    assert s.status["1001"].reason is AwayReason.MEAL
    late = apply(s, ev(5, "agent_state", agent="1001", state="ready"))
    assert late.at == T0 + timedelta(seconds=10)  # clamped: the floor clock never runs back


def test_tickets_categories_and_urgent_flag() -> None:
    s = floor(ev(1, "ticket_created", ticket="T1", category="help", title="急件 人民路井盖缺失"),
              ev(2, "ticket_created", ticket="T2", category="consult", title="社保查询",
                 urgent=True),
              ev(3, "ticket_created", ticket="T3", category="consult", title="公积金"))
    assert [s.tickets[t].urgent for t in ("T1", "T2", "T3")] == [True, True, False]  # R-URGENT-1
    with pytest.raises(IllegalEvent, match="unknown ticket category"):
        apply(s, ev(4, "ticket_created", ticket="T4", category="praise", title="x"))
    with pytest.raises(IllegalEvent, match="already exists"):
        apply(s, ev(4, "ticket_created", ticket="T1", category="help", title="x"))
    s = apply(s, ev(5, "ticket_completed", ticket="T1"))
    assert "T1" not in s.tickets
    with pytest.raises(IllegalEvent, match="not open"):
        apply(s, ev(6, "ticket_completed", ticket="T1"))


def test_a_rosters_leaders_are_off_duty_once_it_ends() -> None:
    """R-URGENT-2 (issue #16): the night roster put L9 on duty until 08:00; no later
    roster names a leader. From 08:00 the floor reads L9 off duty though no event said
    so; L8, on duty by his own word, stays; a checkpoint keeps who the roster put on."""
    start, end = T0 - timedelta(hours=12), T0
    s = floor(ev(-3600, "shift_leader_on_duty", agent="L8", on=True),
              ev(-3000, "roster_shift", shift="夜班", day="2026-03-01",
                 start=start.isoformat(), end=end.isoformat(), agents=["1001"],
                 leaders=["L9"]))
    assert s.leaders_on_duty == {"L8", "L9"} and s.roster_leaders == {"L9"}
    assert s.leaders_at(T0 - timedelta(seconds=1))[0] == {"L8", "L9"}
    assert s.leaders_at(T0) == (frozenset({"L8"}), T0)
    s2 = codec.state_from_dict(codec.state_to_dict(s))
    assert s2.roster_leaders == {"L9"} and s2.leaders_at(T0)[0] == {"L8"}


def test_shift_leader_on_duty() -> None:
    s = floor(ev(0, "shift_leader_on_duty", agent="L01", on=True))
    assert s.leaders_on_duty == frozenset({"L01"})
    s = apply(s, ev(1, "shift_leader_on_duty", agent="L01", on=False))
    assert s.leaders_on_duty == frozenset()
    with pytest.raises(IllegalEvent, match="true or false"):
        apply(s, ev(2, "shift_leader_on_duty", agent="L01", on="yes"))


def test_unknown_fields_are_kept_on_the_event() -> None:
    e = ev(1, "agent_state", agent="1001", state="ready", station="A-12")
    s = apply(floor(), e)
    assert e.data["station"] == "A-12"
    assert s.status["1001"].state is AgentState.READY


def test_supervisor_sessions_and_intercept() -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="ready"),
              ev(1, "call_queued", call="C1", queue="Q1"),
              ev(2, "call_answered", call="C1", agent="1001"),
              ev(3, "supervisor_joined", call="C1", supervisor="L01", mode="monitor"))
    assert s.calls["C1"].supervisors == (("L01", "monitor"),)
    s = apply(s, ev(4, "supervisor_joined", call="C1", supervisor="L01", mode="barge"))
    assert s.calls["C1"].supervisors == (("L01", "barge"),)
    s = apply(s, ev(5, "supervisor_left", call="C1", supervisor="L01"))
    assert s.calls["C1"].supervisors == ()
    s = apply(s, ev(6, "call_intercepted", call="C1", supervisor="L01"))
    assert s.status["1001"].state is AgentState.AFTER_CALL  # the agent is freed
    assert s.calls["C1"].intercepted_by == "L01"
    s = apply(s, ev(9, "call_ended", call="C1"))
    assert s.status["1001"].state is AgentState.AFTER_CALL  # untouched by the end


def test_break_counters_for_today() -> None:
    s = floor(ev(0, "agent_state", agent="1001", state="away", reason="short_break"),
              ev(300, "agent_state", agent="1001", state="ready"),
              ev(400, "agent_state", agent="1001", state="away", reason="short_break"),
              ev(500, "agent_state", agent="1001", state="ready"))
    st = s.status["1001"]
    assert (st.breaks_today, st.break_s_today) == (2, 400.0)


def test_kpis_follow_the_formulas() -> None:
    p = Policy(sl_threshold_s=20.0)
    s = floor(ev(0, "agent_state", agent="1001", state="ready"),
              ev(0, "agent_state", agent="1002", state="ready"),
              ev(10, "call_queued", call="A", queue="Q1"),
              ev(15, "call_answered", call="A", agent="1001"),  # waited 5 s
              ev(20, "call_queued", call="B", queue="Q1"),
              ev(50, "call_answered", call="B", agent="1002"),  # waited 30 s > T
              ev(60, "call_queued", call="C", queue="Q2"),
              ev(70, "call_abandoned", call="C"),
              ev(80, "call_queued", call="D", queue="Q2", ivr_only=True),
              ev(115, "call_ended", call="A"),  # talk 100
              ev(145, "agent_state", agent="1001", state="ready"),  # acw 30
              policy=p)
    c = s.counts(FLOOR, "shift")
    assert kpi.service_level(c) == pytest.approx(1 / 3)  # 1 within T of 2 answered + 1 abandoned
    assert kpi.answer_rate(c) == pytest.approx(3 / 4)  # (1 IVR + 2 answered) / 4 offered
    assert kpi.asa_s(c) == pytest.approx(17.5)
    assert kpi.abandon_rate(c) == pytest.approx(1 / 3)
    assert kpi.aht_s(c) == pytest.approx(130.0)  # talk 100 + acw 30, one handled call
    assert s.counts("Q2", "shift").abandoned == 1
    assert s.counts("Q1", "shift").answered == 2


def test_short_abandons_can_leave_the_sl_denominator() -> None:
    p = Policy(sl_threshold_s=20.0, sl_exclude_abandon_under_s=5.0)
    s = floor(ev(0, "agent_state", agent="1001", state="ready"),
              ev(1, "call_queued", call="A", queue="Q1"),
              ev(3, "call_abandoned", call="A"),  # 2 s: excluded
              ev(4, "call_queued", call="B", queue="Q1"),
              ev(5, "call_answered", call="B", agent="1001"),
              policy=p)
    assert kpi.service_level(s.counts(FLOOR, "shift")) == 1.0


def test_counters_reset_at_the_shift_boundary_but_day_counts_on() -> None:
    # day shift 08:00-20:00 local = 00:00-12:00 UTC
    s = floor(ev(0, "call_queued", call="A", queue="Q1", ivr_only=True),
              ev(11.9 * 3600, "call_queued", call="B", queue="Q1", ivr_only=True))
    assert s.counts(FLOOR, "shift").offered == 2
    s = apply(s, ev(12 * 3600 + 1, "call_queued", call="C", queue="Q1", ivr_only=True))
    assert s.periods["shift"].name == "夜班"
    assert s.counts(FLOOR, "shift").offered == 1
    assert s.counts(FLOOR, "day").offered == 3
    s = apply(s, ev(16 * 3600 + 1, "call_queued", call="D", queue="Q1", ivr_only=True))
    assert s.counts(FLOOR, "day").offered == 1  # local midnight passed
    assert s.counts(FLOOR, "shift").offered == 2  # still the night shift


def test_reducer_is_pure_and_state_round_trips_through_json() -> None:
    events = [ev(0, "agent_state", agent="1001", state="ready"),
              ev(1, "call_queued", call="C1", queue="Q1", caller="13900139000"),
              ev(2, "call_answered", call="C1", agent="1001"),
              ev(3, "hold_started", call="C1"),
              ev(3, "ticket_created", ticket="T1", category="help", title="急件")]
    a, b = floor(*events), floor(*events)
    assert a == b
    assert codec.state_from_dict(codec.state_to_dict(a)) == a


def test_floor_setup_replace_drops_unlisted_logged_out_agents_only() -> None:
    s = floor(ev(0, "agent_state", agent="1002", state="ready"))
    s = apply(s, ev(1, "floor_setup", replace=True, groups=[], queues=[],
                    agents=[{"id": "1003", "name": "王五", "group": "G1"}]))
    assert "1001" not in s.agents  # logged out and no longer listed: gone
    assert "1002" in s.agents  # still logged in: kept until it logs out
    assert s.status["1003"].state is AgentState.LOGGED_OUT
    with pytest.raises(IllegalEvent, match="unknown group"):
        apply(s, ev(2, "floor_setup", agents=[{"id": "1004", "name": "赵六", "group": "G9"}]))


def test_r_idle_1_the_reducer_keeps_the_run_of_unanswered_rings() -> None:
    """Issue #16, R-IDLE-1: each ring-no-answer at a ready agent adds to its run (kept
    while it is ready or rung again); answering or any other state ends the run."""
    def miss(t: float, cid: str) -> list[FloorEvent]:
        return [ev(t, "call_queued", call=cid, queue="Q1"),
                ev(t + 1, "call_offered", call=cid, agent="1001"),
                ev(t + 16, "call_unanswered", call=cid)]

    s = floor(ev(0, "agent_state", agent="1001", state="ready"), *miss(0, "C1"),
              *miss(20, "C2"), ev(40, "call_queued", call="C3", queue="Q1"),
              ev(41, "call_offered", call="C3", agent="1001"))
    assert s.status["1001"].missed_rings == (T0 + timedelta(seconds=16),
                                             T0 + timedelta(seconds=36))
    assert codec.state_from_dict(codec.state_to_dict(s)) == s  # a checkpoint keeps it
    assert apply(s, ev(45, "call_answered", call="C3", agent="1001")
                 ).status["1001"].missed_rings == ()
    s = apply(s, ev(56, "call_unanswered", call="C3"))
    assert len(s.status["1001"].missed_rings) == 3
    assert apply(s, ev(60, "agent_state", agent="1001", state="away", reason="meal")
                 ).status["1001"].missed_rings == ()
    assert apply(s, ev(60, "agent_state", agent="1001", state="logged_out")
                 ).status["1001"].missed_rings == ()


def test_r_idle_1_the_reducer_dates_a_24_hour_queue_left_without_anyone() -> None:
    """Issue #16, R-IDLE-1: since when a 24-hour queue has had nobody ready or on a
    call; ringing counts, after-call work does not; only the policy's queues, only the
    groups that serve it when the policy names them."""
    p = Policy.from_dict({"idle": {"queues_24h": ["Q1"]}})
    s = floor(ev(0, "agent_state", agent="1001", state="ready"), policy=p)
    assert dict(s.unstaffed_since) == {}
    s = apply(s, ev(10, "call_queued", call="C1", queue="Q1"))
    s = apply(s, ev(11, "call_offered", call="C1", agent="1001"))
    s = apply(s, ev(12, "call_answered", call="C1", agent="1001"))
    assert dict(s.unstaffed_since) == {}  # on a call
    s = apply(s, ev(20, "call_ended", call="C1"))
    assert dict(s.unstaffed_since) == {"Q1": T0 + timedelta(seconds=20)}  # after-call
    s = apply(s, ev(30, "agent_state", agent="1001", state="away", reason="meal"))
    assert dict(s.unstaffed_since) == {"Q1": T0 + timedelta(seconds=20)}  # kept
    assert codec.state_from_dict(codec.state_to_dict(s)) == s
    s = apply(s, ev(40, "agent_state", agent="1002", state="ready"))
    assert dict(s.unstaffed_since) == {}
    # served by another group only: the floor's G1 agents do not staff it
    other = Policy.from_dict({"idle": {"queues_24h": ["Q1"], "groups": {"Q1": ["G9"]}}})
    s = floor(ev(0, "agent_state", agent="1001", state="ready"), policy=other)
    assert dict(s.unstaffed_since) == {"Q1": T0}
    # the default policy marks no queue 24-hour
    assert dict(floor(ev(0, "agent_state", agent="1001", state="logged_out")
                      ).unstaffed_since) == {}
