"""The demo's roster and sign-ins (issue #12, item 17), on SQLite and PostgreSQL.

``seatwatch demo`` used to roster everyone on every day with the demo leader on both
shifts, and signed every agent in when the demo started — so the first look at 考勤
at night was "everyone 300 min late". Now each agent has rest days, each shift its
own leader, and the agents of the shifts running when the demo starts have signed in
on time (the simulated floor begins before those shifts); the others sign in when
their shift starts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from console.adapters import SimulatorAdapter
from console.cli import _seed_demo_roster
from models.db import attendance_db, store
from models.db import engine as dbengine
from models.domain.attendance import AttType, Settle
from models.sim.simulator import works_on

TZ = ZoneInfo("Asia/Shanghai")
TUE = date(2026, 12, 8)
MON = TUE - timedelta(days=1)
NIGHT = datetime(2026, 12, 8, 1, 48, tzinfo=TZ)  # Tuesday 01:48: Monday's 夜班 runs
AGENTS = 28


def start_demo(e: Engine, now: datetime) -> None:
    """What ``seatwatch demo`` does at ``now``: the roster, then the floor host's
    simulator adapter started and polled once."""
    _seed_demo_roster(e, AGENTS, 1, now=now)
    adapter = SimulatorAdapter(agents=AGENTS, seed=1, demo=True)
    with e.connect() as conn:
        state = store.current_state(conn)
    w = store.FloorWriter(e, source="test")
    w.append(adapter.start(state, now))
    w.append(adapter.poll(now))


def test_the_demo_register_at_night_has_no_mass_lateness(eng: Engine) -> None:
    start_demo(eng, NIGHT)
    with eng.connect() as conn:
        policy = store.current_state(conn).policy
        last_night = attendance_db.register(conn, MON, policy, NIGHT)
        today = attendance_db.register(conn, TUE, policy, NIGHT)
    # Monday's register: only its 夜班 (the floor began before it), everyone on time
    assert last_night and {r.shift for r in last_night} == {"夜班"}
    assert [r.agent for r in last_night if r.suggested.type is not AttType.PRESENT] == []
    assert all(r.still_logged_in and r.settle is Settle.SETTLED for r in last_night)
    # Tuesday's shifts have not started: nobody is late, absent or signed in for them
    assert today and {r.settle for r in today} == {Settle.NOT_DUE}
    assert all(r.first_login is None for r in today)


def test_a_monday_morning_demo_rosters_sundays_night_shift(db_url: str) -> None:
    """At 05:58 on a Monday the 夜班 running began on Sunday: it is rostered (the week
    would otherwise start on Monday and leave the agents on the floor unrostered)."""
    e = dbengine.make_engine(db_url)
    try:
        monday = datetime(2026, 12, 7, 5, 58, tzinfo=TZ)
        start_demo(e, monday)
        with e.connect() as conn:
            policy = store.current_state(conn).policy
            sunday = attendance_db.register(conn, date(2026, 12, 6), policy, monday)
        assert sunday and {r.shift for r in sunday} == {"夜班"}
        assert all(r.suggested.type is AttType.PRESENT for r in sunday)
    finally:
        e.dispose()


def test_the_demo_roster_has_rest_days_and_one_shift_per_leader(eng: Engine) -> None:
    entries = _seed_demo_roster(eng, AGENTS, 1, now=NIGHT)
    agents = [e for e in entries if e.role == "agent"]
    leaders = [e for e in entries if e.role == "leader"]
    # nothing before the floor begins (Monday 19:45): Monday has its 夜班 only
    assert {e.shift for e in entries if e.day == MON} == {"夜班"}
    # every agent: one shift, two rest days in a full week, as the simulator keeps them
    week = [TUE + timedelta(days=i) for i in range(7)]
    by_agent: dict[str, set[date]] = defaultdict(set)
    shifts: dict[str, set[str]] = defaultdict(set)
    for e in agents:
        shifts[e.agent].add(e.shift)
        if e.day in week:
            by_agent[e.agent].add(e.day)
    assert len(by_agent) == AGENTS
    assert all(len(s) == 1 for s in shifts.values())
    assert {len(days) for days in by_agent.values()} == {5}
    assert all(works_on(e.agent, e.day) for e in agents)
    # both shifts are staffed every day
    per_day = Counter((e.day, e.shift) for e in agents if e.day in week)
    assert min(per_day.values()) >= 3 and len(per_day) == 14
    # one leader per shift, each on one shift only; the demo leader on the running one
    led: dict[str, set[str]] = defaultdict(set)
    for e in leaders:
        led[e.agent].add(e.shift)
    assert led == {"DEMO": {"夜班"}, "DEMO2": {"白班"}}
    # a second start (the floor keeps a roster for today) leaves it alone
    assert _seed_demo_roster(eng, AGENTS, 1, now=NIGHT + timedelta(hours=1)) == []


def test_a_demo_started_late_in_the_day_shift_replays_sign_ins_not_calls(eng: Engine) -> None:
    """At 19:59 the 白班 began at 08:00: its agents signed in on time, but only the
    last 20 minutes' calls are simulated (twelve hours of them took 9 s to write)."""
    evening = datetime(2026, 12, 8, 19, 59, tzinfo=TZ)
    _seed_demo_roster(eng, AGENTS, 1, now=evening)
    adapter = SimulatorAdapter(agents=AGENTS, seed=1, demo=True)
    with eng.connect() as conn:
        state = store.current_state(conn)
    events = adapter.start(state, evening) + adapter.poll(evening)
    calls = [e.at for e in events if e.type == "call_queued"]
    assert calls and min(calls) >= evening - timedelta(minutes=20)
    store.FloorWriter(eng, source="test").append(events)
    with eng.connect() as conn:
        rows = attendance_db.register(conn, TUE, state.policy, evening)
    day = [r for r in rows if r.shift == "白班"]
    assert day and all(r.suggested.type is AttType.PRESENT for r in day)
