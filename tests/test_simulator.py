"""The floor simulator (models/sim/simulator.py): every event it produces is folded
through the reducer, so "accepted by apply" is checked on every test's output."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from models.domain.commands import Action, SupervisorCommand
from models.domain.floor import FloorState, apply, initial_state
from models.domain.policy import Policy
from models.domain.types import AgentState, AwayReason, CallState, FloorEvent, SupervisorMode
from models.sim.simulator import SimConfig, Simulator

TZ = ZoneInfo("Asia/Shanghai")
MIDNIGHT = datetime(2024, 3, 4, 0, 0, tzinfo=TZ).astimezone(UTC)
EIGHT_AM = datetime(2024, 3, 4, 8, 0, tzinfo=TZ).astimezone(UTC)
POLICY = Policy()


def _local_hour(at: datetime) -> int:
    return at.astimezone(TZ).hour


@dataclass
class Day:
    """A simulated day folded event by event, with what the tests look at."""

    config: SimConfig
    events: list[FloorEvent]
    state: FloorState
    #: agents of the same group on short break right after each short-break start
    break_starts: list[int] = field(default_factory=list)
    #: (agent, reason, seconds) of every finished away
    aways: list[tuple[str, AwayReason, float]] = field(default_factory=list)
    #: seconds from login to each away an agent started by itself
    away_after_login: list[float] = field(default_factory=list)
    logins: list[tuple[str, datetime]] = field(default_factory=list)
    logouts: list[tuple[str, datetime]] = field(default_factory=list)
    holds: list[float] = field(default_factory=list)


def fold_day(config: SimConfig, hours: float, step_min: float = 10.0) -> Day:
    sim = Simulator(config)
    events = sim.setup_events()
    end = config.start + timedelta(hours=hours)
    while sim.now < end:
        events += sim.advance(min(end, sim.now + timedelta(minutes=step_min)))
    day = Day(config, events, initial_state(POLICY))
    state = day.state
    hold_since: dict[str, datetime] = {}
    for e in events:
        new = apply(state, e)  # raises IllegalEvent on anything the floor cannot take
        if e.type == "agent_state":
            aid = str(e.get("agent"))
            before, after = state.status[aid], new.status[aid]
            if before.state is AgentState.AWAY and after is not before and before.since:
                assert before.reason is not None
                day.aways.append((aid, before.reason, (e.at - before.since).total_seconds()))
            if after.state is AgentState.AWAY and after.reason is not before.reason:
                if after.reason is AwayReason.SHORT_BREAK:
                    group = new.agents[aid].group
                    day.break_starts.append(sum(
                        1 for s in new.status.values()
                        if s.reason is AwayReason.SHORT_BREAK and s.state is AgentState.AWAY
                        and new.agents[s.agent].group == group))
                if e.get("command") is None and before.logged_in_at is not None:
                    day.away_after_login.append((e.at - before.logged_in_at).total_seconds())
            if before.state is AgentState.LOGGED_OUT and after.state is not AgentState.LOGGED_OUT:
                day.logins.append((aid, e.at))
            if after.state is AgentState.LOGGED_OUT and before.state is not AgentState.LOGGED_OUT:
                day.logouts.append((aid, e.at))
        elif e.type == "hold_started":
            hold_since[str(e.get("call"))] = e.at
        elif e.type == "hold_ended":
            day.holds.append((e.at - hold_since.pop(str(e.get("call")))).total_seconds())
        state = new
    day.state = state
    return day


@pytest.fixture(scope="module")
def day() -> Day:
    """Everything on: 60 agents, a whole day from local midnight."""
    return fold_day(SimConfig(start=MIDNIGHT, seed=11), 24.0)


# ---- determinism ----------------------------------------------------------------------


def _events(config: SimConfig, hours: float) -> list[FloorEvent]:
    sim = Simulator(config)
    out = sim.setup_events()
    for h in range(1, int(hours * 4) + 1):
        out += sim.advance(config.start + timedelta(minutes=15 * h))
    return out


def test_same_seed_same_events_different_seed_differs() -> None:
    cfg = SimConfig(agents=30, start=EIGHT_AM, seed=5)
    a = _events(cfg, 3)
    assert a == _events(cfg, 3)
    assert len(a) > 500
    b = _events(SimConfig(agents=30, start=EIGHT_AM, seed=6), 3)
    assert [e.type for e in a] != [e.type for e in b]
    assert a[0].get("groups") == b[0].get("groups")  # same floor, other people and calls
    assert a[0].get("agents") != b[0].get("agents")


def test_slicing_does_not_change_the_run() -> None:
    cfg = SimConfig(agents=20, start=EIGHT_AM, seed=3)
    sim = Simulator(cfg)
    whole = sim.setup_events() + sim.advance(cfg.start + timedelta(hours=2))
    assert whole == _events(cfg, 2)
    assert sim.now == cfg.start + timedelta(hours=2)


# ---- a whole day, everything on ------------------------------------------------------


def test_events_are_ordered_utc_plain_and_start_with_the_setup(day: Day) -> None:
    ev = day.events
    assert ev[0].type == "floor_setup" and ev[0].at == day.config.start
    assert ev[1].type == "shift_leader_on_duty" and ev[1].get("on") is True
    assert sum(1 for e in ev if e.type == "floor_setup") == 1
    assert all(x.at <= y.at for x, y in zip(ev, ev[1:], strict=False))
    assert all(e.at.utcoffset() == timedelta(0) and e.id is None for e in ev)
    assert all(type(e.data) is dict for e in ev)
    assert ev[-1].at <= day.config.start + timedelta(hours=24)


def test_floor_setup_lists_groups_queues_and_named_agents(day: Day) -> None:
    st = day.state
    assert sorted(st.groups) == ["G1", "G2", "G3", "G4"]
    assert [st.groups[g].name for g in sorted(st.groups)] == ["一班", "二班", "三班", "四班"]
    assert {q.id: q.name for q in st.queues.values()} == {"Q1": "12345热线",
                                                          "Q2": "12345企业专线"}
    assert sorted(st.agents, key=int) == [str(1001 + i) for i in range(60)]
    names = [a.name for a in st.agents.values()]
    assert len(set(names)) == 60
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", n) for n in names)


def test_the_day_contains_every_kind_of_event(day: Day) -> None:
    ev = day.events
    types = Counter(e.type for e in ev)
    for t in ("call_queued", "call_offered", "call_unanswered", "call_answered",
              "hold_started", "hold_ended", "call_ended", "call_abandoned",
              "ticket_created", "ticket_completed", "shift_leader_on_duty", "agent_state"):
        assert types[t] > 0, t
    assert any(e.get("ivr_only") for e in ev if e.type == "call_queued")
    tickets = [e for e in ev if e.type == "ticket_created"]
    assert {e.get("category") for e in tickets} == {"consult", "suggest", "complaint", "help"}
    urgent = [e for e in tickets if e.get("urgent")]
    assert urgent and all(str(e.get("title")).startswith("急件 ") for e in urgent)
    assert all(not str(e.get("title")).startswith("急件") for e in tickets if not e.get("urgent"))
    reasons = {r for _, r, _ in day.aways}
    assert reasons == set(AwayReason)
    assert day.logins and day.logouts
    leaders = [e for e in ev if e.type == "shift_leader_on_duty"]
    assert {e.get("on") for e in leaders} == {True, False}


def test_limits_are_sometimes_overrun_as_on_a_real_floor(day: Day) -> None:
    breaks = [s for _, r, s in day.aways if r is AwayReason.SHORT_BREAK]
    assert len(breaks) > 200
    over = sum(1 for s in breaks if s > POLICY.away_limit_s("short_break"))  # R-BREAK-1
    assert 0 < over < 0.3 * len(breaks)
    assert 0 < sum(1 for s in day.holds if s > POLICY.hold_s) < len(day.holds)  # R-HOLD-1
    others = [s for _, r, s in day.aways if r is AwayReason.OTHER]
    assert any(s > POLICY.away_limit_s("other") for s in others)  # R-AWAY-1
    created = {e.get("ticket"): e.at for e in day.events if e.type == "ticket_created"}
    late = [e for e in day.events if e.type == "ticket_completed"
            and (e.at - created[e.get("ticket")]) > timedelta(minutes=15)]  # R-TICKET-5
    assert 0 < len(late) < 0.3 * len(created)
    offered: dict[object, datetime] = {}
    rings: list[float] = []
    for e in day.events:
        if e.type == "call_offered":
            offered[e.get("call")] = e.at
        elif e.type in ("call_answered", "call_unanswered") and e.get("call") in offered:
            rings.append((e.at - offered.pop(e.get("call"))).total_seconds())
    assert 0 < sum(1 for r in rings if r > POLICY.ring_s) < 0.1 * len(rings)  # R-RING-1


def test_every_answered_call_gets_one_ticket(day: Day) -> None:
    # R-TICKET-1: a ticket per call, written at the end of after-call work
    ended = {e.get("call") for e in day.events if e.type == "call_ended"}
    ticketed = Counter(e.get("call") for e in day.events if e.type == "ticket_created")
    assert set(ticketed) <= ended
    assert max(ticketed.values()) == 1
    in_acw = {st.acw_call.split("\x1f")[0] for st in day.state.status.values()
              if st.state is AgentState.AFTER_CALL and st.acw_call}
    assert ended - set(ticketed) <= in_acw


def test_callers_look_like_chinese_numbers(day: Day) -> None:
    callers = [str(e.get("caller")) for e in day.events if e.type == "call_queued"]
    mobile = [c for c in callers if re.fullmatch(r"1[3-9]\d{9}", c)]
    landline = [c for c in callers if re.fullmatch(r"0\d{2,3}[2-8]\d{6,7}", c)]
    assert len(mobile) + len(landline) == len(callers)
    assert mobile and landline
    assert len(set(callers)) < len(callers)  # some people call again


def test_hourly_profile_more_calls_in_the_morning_peak(day: Day) -> None:
    by_hour = Counter(_local_hour(e.at) for e in day.events if e.type == "call_queued")
    assert by_hour[9] + by_hour[10] > 5 * (by_hour[2] + by_hour[3])
    assert by_hour[14] + by_hour[15] > by_hour[12] + by_hour[13]  # the lunch dip


def test_break_rule_is_mostly_respected(day: Day) -> None:
    # R-BREAK-2: at most 2 of one group on short break; now and then a third goes anyway
    assert day.break_starts
    third = sum(1 for n in day.break_starts if n > POLICY.max_on_break_per_group)
    assert third <= 0.05 * len(day.break_starts)


def test_nobody_leaves_the_seat_in_the_first_half_hour(day: Day) -> None:
    # R-SEAT-1 (aways the agents start themselves; supervisors may do otherwise)
    assert day.away_after_login
    assert min(day.away_after_login) >= POLICY.seat_settle_min * 60


def test_shifts_logins_logouts_and_leaders(day: Day) -> None:
    setup = day.events[0]
    shift_of = {a["id"]: a["shift"] for a in setup.get("agents")}
    day_shift = {a for a, s in shift_of.items() if s == "白班"}
    assert len(day_shift) == 44  # 75 % of each group of 15
    spread = timedelta(seconds=day.config.login_spread_s)
    # the night shift logs in as the run starts, the day shift just before 08:00
    for aid, at in day.logins:
        local = at.astimezone(TZ)
        if aid in day_shift:
            assert EIGHT_AM - spread <= at <= EIGHT_AM, (aid, local)
        elif at < EIGHT_AM:
            assert at <= MIDNIGHT + spread
        else:
            assert 20 * 60 - 3 <= local.hour * 60 + local.minute < 20 * 60
    # the night shift leaves after 08:00, the day shift after 20:00 (finishing calls)
    for aid, at in day.logouts:
        local = at.astimezone(TZ)
        assert local.hour in ((8,) if aid not in day_shift else (20,)), (aid, local)
    assert {a for a, _ in day.logouts} == set(shift_of)
    at_ten = datetime(2024, 3, 4, 10, 0, tzinfo=TZ)
    assert sum(1 for a, t in day.logins if t <= at_ten and a in day_shift) == 44
    # one leader per shift, handing over at 08:00 and 20:00
    changes = [e for e in day.events[2:] if e.type == "shift_leader_on_duty"]
    assert [(_local_hour(e.at), e.get("on")) for e in changes] == [
        (8, False), (8, True), (20, False), (20, True)]
    assert len(day.state.leaders_on_duty) == 1


def test_occupancy_near_eighty_percent_at_the_peak() -> None:
    # default arrival rate: ~80 % occupancy at the profile's peak (R-KPI occupancy)
    cfg = SimConfig(start=EIGHT_AM, seed=2)
    sim = Simulator(cfg)
    state = initial_state(POLICY)
    for e in sim.setup_events() + sim.advance(EIGHT_AM + timedelta(hours=1)):
        state = apply(state, e)
    before = state.counts("*", "day")
    for e in sim.advance(EIGHT_AM + timedelta(hours=3)):  # 09:00-11:00 local
        state = apply(state, e)
    after = state.counts("*", "day")
    busy, ready = after.busy_s - before.busy_s, after.ready_s - before.ready_s
    assert 0.65 < busy / (busy + ready) < 0.9


# ---- switches ---------------------------------------------------------------------------


def test_plain_configuration_ringing_acw_ivr_abandon_off() -> None:
    cfg = SimConfig(agents=12, profile=None, ringing=False, acw_mean_s=0.0,
                    patience_mean_s=None, ivr_share=0.0, breaks=False, login_spread_s=0.0,
                    start=EIGHT_AM, seed=4)
    d = fold_day(cfg, 12.0)
    types = Counter(e.type for e in d.events)
    assert types["call_offered"] == types["call_unanswered"] == types["call_abandoned"] == 0
    assert not any(e.get("ivr_only") for e in d.events)
    assert not d.aways and not d.logouts
    assert {at for _, at in d.logins} == {EIGHT_AM}  # login spread 0: all at the start
    # with no after-call work the agent is ready at the instant the call ends
    ends: dict[object, datetime] = {}
    readies = [e for e in d.events if e.type == "agent_state" and e.get("state") == "ready"
               and e.at > EIGHT_AM]
    assert len(readies) == types["call_ended"]
    for e in d.events:
        if e.type == "call_ended":
            ends[e.get("agent")] = e.at
        elif e.type == "agent_state" and e.get("state") == "ready" and e.at > EIGHT_AM:
            assert ends[e.get("agent")] == e.at


def test_flat_profile_everyone_works_the_whole_run() -> None:
    d = fold_day(SimConfig(agents=15, profile=None, start=MIDNIGHT, seed=8), 24.0, 30.0)
    assert len(d.logins) == 15 and not d.logouts
    meals = [a for a, r, _ in d.aways if r is AwayReason.MEAL]
    assert len(meals) >= 15  # lunch (and a midnight meal) for everyone


# ---- peak plan --------------------------------------------------------------------------


def _fold(state: FloorState, events: list[FloorEvent]) -> FloorState:
    for e in events:
        state = apply(state, e)
    return state


def _on_break(state: FloorState) -> set[str]:
    return set(state.agents_in(AgentState.AWAY, AwayReason.SHORT_BREAK))


def test_peak_level_calls_breaks_back_and_suspends_new_ones() -> None:
    cfg = SimConfig(start=EIGHT_AM, seed=9)
    sim = Simulator(cfg)
    state = _fold(initial_state(POLICY), sim.setup_events())
    while not len(_on_break(state)) >= 3:
        state = _fold(state, sim.advance(sim.now + timedelta(minutes=1)))
    away = _on_break(state)
    sim.set_peak_level(1)  # R-PEAK-1
    assert sim.peak_level == 1
    t = sim.now
    back = sim.advance(t)
    assert {e.get("agent") for e in back
            if e.type == "agent_state" and e.get("state") == "ready"} >= away
    assert all(e.at == t for e in back)
    state = _fold(state, back)
    assert not _on_break(state)
    later = sim.advance(t + timedelta(hours=2))
    state = _fold(state, later)
    assert not any(e.type == "agent_state" and e.get("reason") in ("short_break", "callback")
                   for e in later)
    sim.set_peak_level(0)
    resumed = sim.advance(sim.now + timedelta(hours=2))
    _fold(state, resumed)
    owed = {e.get("agent") for e in resumed if e.get("reason") == "short_break"}
    assert owed & away  # the breaks called back are taken when the peak is over


# ---- supervisor controls (DOMAIN §2) ---------------------------------------------------


class Floor:
    """A simulator and the reducer's view of it, stepped together."""

    def __init__(self, seed: int = 21) -> None:
        self.sim = Simulator(SimConfig(start=EIGHT_AM, seed=seed))
        self.state = _fold(initial_state(POLICY), self.sim.setup_events())
        self.log: list[FloorEvent] = []
        self.n = 0

    def step(self, seconds: float = 10.0) -> list[FloorEvent]:
        ev = self.sim.advance(self.sim.now + timedelta(seconds=seconds))
        self.state = _fold(self.state, ev)
        self.log += ev
        return ev

    def until(self, pick: Callable[[FloorState], str | None]) -> str:
        """Step until ``pick(state)`` names an agent."""
        for _ in range(2000):
            aid = pick(self.state)
            if aid:
                return str(aid)
            self.step()
        raise AssertionError("no agent in the wanted state")

    def run(self, action: Action, agent: str, call: str | None = None,
            away: AwayReason | None = None, sup: str = "L01") -> list[FloorEvent]:
        self.n += 1
        cmd = SupervisorCommand(f"cmd-{self.n}", action, agent, sup, call=call,
                                away_reason=away)
        ev = self.sim.execute(cmd, self.state, self.sim.now)
        assert ev and all(e.at == self.sim.now for e in ev)
        assert ev[-1].get("command") == cmd.id
        self.state = _fold(self.state, ev)
        self.log += ev
        return ev


def _talking(state: FloorState) -> str | None:
    for s in state.status.values():
        if s.state is AgentState.TALKING:
            return s.agent
    return None


@pytest.fixture
def floor() -> Iterator[Floor]:
    f = Floor()
    f.step(3600.0)  # 09:00 local: a busy floor
    yield f
    # whatever the controls did, the simulator goes on producing acceptable events
    for _ in range(12):
        f.step(600.0)


def _effect(ev: list[FloorEvent], etype: str) -> FloorEvent:
    assert ev[-1].type == "command_done", ev[-1]
    hits = [e for e in ev if e.type == etype]
    assert len(hits) == 1, ev
    assert hits[0].get("command") == ev[-1].get("command")
    return hits[0]


def test_monitor_whisper_barge_and_stop(floor: Floor) -> None:
    aid = floor.until(_talking)
    call = floor.state.status[aid].call
    assert call is not None
    for action, mode in ((Action.MONITOR, SupervisorMode.MONITOR),
                         (Action.WHISPER, SupervisorMode.WHISPER),
                         (Action.BARGE, SupervisorMode.BARGE)):
        e = _effect(floor.run(action, aid, call), "supervisor_joined")
        assert (e.get("call"), e.get("supervisor"), e.get("mode")) == (call, "L01", mode.value)
        assert floor.state.calls[call].supervisors == (("L01", mode),)
    again = floor.run(Action.BARGE, aid, call)
    assert [e.type for e in again] == ["command_failed"]  # already barged in
    _effect(floor.run(Action.STOP, aid, call), "supervisor_left")
    assert floor.state.calls[call].supervisors == ()


def test_force_release_ends_the_call_once(floor: Floor) -> None:
    aid = floor.until(_talking)
    call = floor.state.status[aid].call
    e = _effect(floor.run(Action.FORCE_RELEASE, aid, call), "call_ended")
    assert e.get("call") == call
    assert floor.state.status[aid].state is AgentState.AFTER_CALL
    assert call not in floor.state.calls
    for _ in range(130):  # past the longest after-call work (20 min)
        floor.step(10.0)
    assert sum(1 for x in floor.log if x.type == "call_ended" and x.get("call") == call) == 1
    assert any(x.type == "ticket_created" and x.get("call") == call for x in floor.log)


def test_intercept_frees_the_agent_and_the_call_ends_later(floor: Floor) -> None:
    aid = floor.until(_talking)
    call = floor.state.status[aid].call
    e = _effect(floor.run(Action.INTERCEPT, aid, call, sup="L02"), "call_intercepted")
    assert e.get("supervisor") == "L02"
    assert floor.state.status[aid].state is AgentState.AFTER_CALL
    assert floor.state.calls[call].intercepted_by == "L02"
    mark = len(floor.log)
    for _ in range(200):
        floor.step(10.0)
        if call not in floor.state.calls:
            break
    after = [x for x in floor.log[mark:] if x.get("call") == call]
    assert [x.type for x in after if x.type.startswith(("call_", "hold_"))] == ["call_ended"]
    refused = floor.run(Action.MONITOR, aid, call)  # R-CTRL-2: that call is gone
    assert [x.type for x in refused] == ["command_failed"]


def test_force_ready_away_and_logout(floor: Floor) -> None:
    def in_acw_or_away(state: FloorState) -> str | None:
        for s in state.status.values():
            if s.state in (AgentState.AFTER_CALL, AgentState.AWAY):
                return s.agent
        return None

    aid = floor.until(in_acw_or_away)
    e = _effect(floor.run(Action.FORCE_READY, aid), "agent_state")
    assert e.get("state") == "ready" and floor.state.status[aid].state is AgentState.READY

    def ready(state: FloorState) -> str | None:
        r = state.agents_in(AgentState.READY)
        return r[0] if r else None

    aid = floor.until(ready)
    e = _effect(floor.run(Action.FORCE_AWAY, aid, away=AwayReason.MEETING), "agent_state")
    assert (e.get("state"), e.get("reason")) == ("away", "meeting")
    st = floor.state.status[aid]
    assert (st.state, st.reason) == (AgentState.AWAY, AwayReason.MEETING)
    for _ in range(240):  # a meeting ends by itself within 30 minutes
        floor.step(10.0)
        if floor.state.status[aid].state is not AgentState.AWAY:
            break
    assert floor.state.status[aid].state is not AgentState.AWAY

    aid = floor.until(ready)
    e = _effect(floor.run(Action.FORCE_LOGOUT, aid), "agent_state")
    assert e.get("state") == "logged_out"
    mark = len(floor.log)
    for _ in range(60):
        floor.step(30.0)
    assert floor.state.status[aid].state is AgentState.LOGGED_OUT  # until the next shift
    assert not any(x.get("agent") == aid for x in floor.log[mark:])


def test_force_away_from_a_short_break_and_after_call_work(floor: Floor) -> None:
    def on_break(state: FloorState) -> str | None:
        b = sorted(_on_break(state))
        return b[0] if b else None

    aid = floor.until(on_break)
    e = _effect(floor.run(Action.FORCE_AWAY, aid, away=AwayReason.TRAINING), "agent_state")
    assert e.get("reason") == "training"

    def in_acw(state: FloorState) -> str | None:
        a = state.agents_in(AgentState.AFTER_CALL)
        return a[0] if a else None

    aid = floor.until(in_acw)
    acw_call = floor.state.status[aid].acw_call
    assert acw_call
    ev = floor.run(Action.FORCE_AWAY, aid, away=AwayReason.OTHER)
    _effect(ev, "agent_state")
    # the ticket is saved as after-call work is cut short (R-TICKET-1)
    assert [x.get("call") for x in ev if x.type == "ticket_created"] == [
        acw_call.split("\x1f")[0]]


def test_stale_controls_fail_and_change_nothing(floor: Floor) -> None:
    aid = floor.until(_talking)
    call = floor.state.status[aid].call
    assert call is not None
    old = floor.state
    while call in floor.state.calls:  # the call ends on its own
        floor.step(10.0)
    before = floor.state
    # R-CTRL-2 on the reducer's current view
    ev = floor.run(Action.FORCE_RELEASE, aid, call)
    assert [e.type for e in ev] == ["command_failed"] and call in str(ev[0].get("message"))
    assert floor.state.status == before.status and floor.state.calls == before.calls
    # … and on an out-of-date view: the simulator's own floor refuses it too
    cmd = SupervisorCommand("cmd-stale", Action.MONITOR, aid, "L01", call=call)
    assert old.calls[call].state in (CallState.TALKING, CallState.HOLD)
    ev = floor.sim.execute(cmd, old, floor.sim.now)
    assert [e.type for e in ev] == ["command_failed"]
    # a control may not be dated before the simulator's time nor skip pending events
    with pytest.raises(ValueError):
        floor.sim.execute(cmd, floor.state, floor.sim.now - timedelta(seconds=1))
    with pytest.raises(ValueError):
        floor.sim.execute(cmd, floor.state, floor.sim.now + timedelta(hours=1))


def test_id_prefix_keeps_runs_apart() -> None:
    cfg = SimConfig(agents=10, start=EIGHT_AM, seed=2, id_prefix="S2-")
    ev = _events(cfg, 1)
    calls = [str(e.get("call")) for e in ev if e.type == "call_queued"]
    tickets = [str(e.get("ticket")) for e in ev if e.type == "ticket_created"]
    assert calls and tickets
    assert all(c.startswith("S2-C") for c in calls)
    assert all(t.startswith("S2-GD") for t in tickets)
    plain = _events(SimConfig(agents=10, start=EIGHT_AM, seed=2), 1)
    assert [e.type for e in plain] == [e.type for e in ev]  # the same run otherwise
