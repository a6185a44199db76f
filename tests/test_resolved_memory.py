"""What the floor remembers of resolved alerts (issue #20): an alert a person resolved
while its condition still holds is not raised again — live, and on a standby that
rebuilds the floor from the log — and the reducer remembers it only while that
condition can come back, so the floor state stays flat over days instead of keeping
a day of every alert (35,544 ids at hour 24 on a 1,000-agent floor)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from models.db import engine as dbengine
from models.db import store
from models.domain import codec, rules
from models.domain.floor import FloorState, apply, apply_all, initial_state, may_recur
from models.domain.policy import Policy
from models.domain.types import FloorEvent
from models.sim.simulator import SimConfig, Simulator

T0 = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 08:00 Asia/Shanghai
BREAK_S = Policy().away_limit_s("short_break") or 600.0  # R-BREAK-1: 10 minutes


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


SETUP = [
    ev(0, "floor_setup", groups=[{"id": "G1", "name": "一班"}],
       queues=[{"id": "Q1", "name": "12345热线"}],
       agents=[{"id": "1001", "name": "张三", "group": "G1"},
               {"id": "1002", "name": "李四", "group": "G1"}]),
    ev(1, "agent_state", agent="1001", state="ready"),
    ev(1, "agent_state", agent="1002", state="ready"),
]


def ruled(state: FloorState, t: float) -> tuple[FloorState, list[FloorEvent]]:
    """The rules at floor time ``t`` (as the host's tick), folded."""
    got = rules.step(state, T0 + timedelta(seconds=t))
    return apply_all(state, got), got


def raised(events: list[FloorEvent], subject: str) -> list[str]:
    return [e.data["alert"] for e in events
            if e.type == "alert_raised" and e.data["subject"] == subject]


def resolve(aid: str, t: float) -> FloorEvent:
    return ev(t, "alert_resolved", alert=aid, by="L01", note="已电话联系")


def break_resolved_by_the_leader() -> tuple[list[FloorEvent], str]:
    """1001 goes on a short break at t=2000 (R-BREAK-1 over at 2600); the leader
    resolves the breach at 2700 while 1001 is still away."""
    state = apply_all(initial_state(), SETUP)
    evs = [ev(2000, "agent_state", agent="1001", state="away", reason="short_break")]
    state = apply_all(state, evs)
    state, got = ruled(state, 2700)
    (over,) = raised(got, "agent:1001")
    return [*evs, *got, resolve(over, 2700)], over


def test_a_break_resolved_while_it_lasts_is_not_raised_again_and_forgotten_once_over(
) -> None:
    evs, over = break_resolved_by_the_leader()
    state = apply_all(initial_state(), [*SETUP, *evs])
    # R-BREAK-1, R-LIMIT-1: one break over its limit is one breach; resolved by a
    # person, the same break raises nothing more, however long it goes on
    for t in (2710, 3300, 5000):
        state, got = ruled(state, t)
        assert raised(got, "agent:1001") == []
    assert over in state.resolved_alerts
    # 1001 is back: that break cannot come back, and the next resolution forgets it
    state = apply(state, ev(5100, "agent_state", agent="1001", state="ready"))
    state = apply(state, ev(5200, "agent_state", agent="1002", state="away",
                            reason="short_break"))
    state, got = ruled(state, 5200 + BREAK_S + 1)
    (other,) = raised(got, "agent:1002")
    state = apply(state, resolve(other, 5200 + BREAK_S + 2))
    assert over not in state.resolved_alerts
    assert other in state.resolved_alerts  # 1002 is still on that break
    # a new break of 1001's is a new breach, raised as always
    state = apply(state, ev(7000, "agent_state", agent="1001", state="away",
                            reason="short_break"))
    state, got = ruled(state, 7000 + BREAK_S + 1)
    assert len(raised(got, "agent:1001")) == 1


def test_a_standby_rebuilding_the_floor_from_the_log_does_not_raise_it_again(
        sqlite_url: str) -> None:
    """The standby host starts from the last checkpoint and folds the log after it
    (store.current_state): the resolution is in both, the break still on."""
    evs, over = break_resolved_by_the_leader()
    engine = dbengine.make_engine(sqlite_url)
    try:
        w = store.FloorWriter(engine, source="test:leader")
        w.append(SETUP)
        w.append(evs[:-1])
        w.append(evs[-1:], force_checkpoint=True)  # the resolution, then a checkpoint
        # after the checkpoint: 1002's break is resolved too, which prunes the memory
        w.append([ev(2800, "agent_state", agent="1002", state="away", reason="short_break")])
        with engine.connect() as conn:
            state = store.current_state(conn)
        state, got = ruled(state, 2800 + BREAK_S + 1)
        (other,) = raised(got, "agent:1002")
        w.append([*got, resolve(other, 2800 + BREAK_S + 2)])
        with engine.connect() as conn:
            standby = store.current_state(conn)
            cold = apply_all(initial_state(), store.read_events(conn, 0))
    finally:
        engine.dispose()
    for s in (standby, cold):  # from the checkpoint, and from the whole log
        assert {over, other} <= set(s.resolved_alerts)
        for t in (2800 + BREAK_S + 10, 6000):
            assert rules.step(s, T0 + timedelta(seconds=t)) == []
    # and through the checkpoint's own encoding
    again = codec.state_from_dict(codec.state_to_dict(standby))
    assert rules.step(again, T0 + timedelta(seconds=6000)) == []


def test_a_ticket_review_resolved_stays_resolved_while_the_ticket_is_open() -> None:
    """R-TICKET-3: a complaint is reviewed once; the leader's resolution holds while
    the ticket stays open, and is forgotten once it is completed."""
    state = apply_all(initial_state(), [*SETUP, ev(100, "ticket_created", ticket="T1",
                                                   category="complaint", agent="1001",
                                                   title="某小区 噪音投诉")])
    state, got = ruled(state, 100)
    (review,) = raised(got, "ticket:T1")
    state = apply(state, resolve(review, 200))
    state, got = ruled(state, 300)
    assert raised(got, "ticket:T1") == []
    assert may_recur(state, review)
    state = apply(state, ev(400, "ticket_completed", ticket="T1", agent="1001"))
    assert not may_recur(state, review)


def test_over_48_simulated_hours_nothing_is_raised_twice_and_the_memory_stays_flat(
) -> None:
    """A 60-agent floor (the simulator's day and night shifts) for 48 h with the rules
    every 30 s and a leader who resolves every alert two minutes after it is raised,
    the ones that would clear by themselves too. No alert id is ever raised again
    after its resolution, and the remembered ids stay as few as the conditions still
    on (a handful), at hour 24 as at hour 48 — before issue #20 a day of them."""
    start = datetime(2024, 3, 3, 16, 0, tzinfo=UTC)  # local midnight
    sim = Simulator(SimConfig(agents=60, seed=3, start=start))
    state = apply_all(initial_state(), sim.setup_events())
    step = timedelta(seconds=30)
    t = start
    ever_resolved: set[str] = set()
    n_resolved = 0
    sizes: dict[int, tuple[int, int]] = {}
    for hour in range(1, 49):
        for _ in range(int(3600 / step.total_seconds())):
            t += step
            evs = sim.advance(t)
            evs += [FloorEvent("alert_resolved", t, {"alert": a.id, "by": "L01",
                                                     "note": "handled"})
                    for a in state.alerts.values() if t - a.raised_at >= timedelta(minutes=2)]
            state = apply_all(state, evs)
            got, _deadline = rules.tick(state, t)
            for e in [*evs, *got]:
                if e.type == "alert_raised":
                    assert e.data["alert"] not in ever_resolved, e.data
                elif e.type == "alert_resolved":
                    ever_resolved.add(e.data["alert"])
                    n_resolved += 1
            state = apply_all(state, got)
            if state.peak_level() != sim.peak_level:
                sim.set_peak_level(state.peak_level())
        # what can be on at once: an episode per agent, a few per open ticket
        sizes[hour] = (len(state.resolved_alerts), len(state.status) + 2 * len(state.tickets))
    assert n_resolved > 1000  # a real floor's day of alerts went by
    # only conditions still on are remembered, every hour of both days (before: a
    # day of every alert, over 1,000 from hour 12 on)
    assert all(kept <= bound for kept, bound in sizes.values()), sizes
    assert max(kept for kept, _b in sizes.values()) < 100, sizes


@pytest.mark.parametrize("rule_subject", ["R-MEET-1|meeting:2026-03-02:白班"])
def test_a_rule_the_reducer_does_not_know_is_remembered_a_day(rule_subject: str) -> None:
    """The host's reminders (R-MEET-1 …) are not the pure rules': kept a day, as before."""
    state = apply_all(initial_state(), SETUP)
    aid = f"{rule_subject}|{(T0 + timedelta(minutes=5)).isoformat(timespec='microseconds')}"
    state = apply(state, ev(3600, "alert_raised", alert=aid, rule="R-MEET-1",
                            subject=rule_subject.split("|")[1], severity="info",
                            raised_at=(T0 + timedelta(minutes=5)).isoformat(),
                            message="早会提醒", auto_resolve=False))
    state = apply(state, resolve(aid, 3700))
    assert may_recur(state, aid, T0 + timedelta(hours=20))
    assert not may_recur(state, aid, T0 + timedelta(hours=26))


def test_an_absence_resolved_stays_resolved_for_its_shift_only() -> None:
    """R-LOGIN-1: 1002 rostered and not logged in is one finding for the shift; once a
    person resolved it, 1002 logging in and out again in the same shift raises nothing
    more, and when the shift is over the floor forgets it."""
    end = T0 + timedelta(hours=12)
    state = apply_all(initial_state(), [
        *SETUP[:2],  # 1002 never logs in
        ev(2, "roster_shift", shift="白班", day="2026-03-02", start=T0.isoformat(),
           end=end.isoformat(), agents=["1001", "1002"], leaders=[])])
    state, got = ruled(state, 3600)
    (absent,) = raised(got, "agent:1002:absent")
    state = apply(state, resolve(absent, 3700))
    state = apply_all(state, [ev(4000, "agent_state", agent="1002", state="ready"),
                              ev(4100, "agent_state", agent="1002", state="logged_out")])
    state, got = ruled(state, 4200)
    assert raised(got, "agent:1002:absent") == []
    assert may_recur(state, absent)
    assert not may_recur(state, absent, end + timedelta(seconds=1))
