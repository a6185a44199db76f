"""The live SL projection made cheap enough for the console and the wall (issue #20).

The series in models/sim/staffing.py was the console's largest CPU cost: pure Python,
one jump at a time over every state, and one search of extra agents per queue under
target. These check that the faster series gives the first one's figures (kept in
tests/sl_reference.py) and that the queues share one search.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.domain.floor import FLOOR, apply_all, initial_state
from models.domain.types import FloorEvent
from models.sim import erlang, staffing
from models.sim.slforecast import forecast, read_inputs
from models.sim.staffing import _cannot_queue, _future_in_sl, _poisson_above, _uniformized
from tests.sl_reference import future_in_sl as reference


def close(got: float, want: float, calls: float) -> bool:
    """Equal to 1e-9 of the calls expected, or of one call (the projection shows tenths
    of a point; the first series rounds a horizon of 1e-41 s to no call at all)."""
    return abs(got - want) <= 1e-9 * max(calls, 1.0)


@settings(max_examples=120, deadline=None)
@given(st.integers(1, 150), st.floats(0.0, 1.6), st.floats(0.0, 900.0), st.floats(0.0, 2.0),
       st.floats(15.0, 600.0), st.sampled_from([0.0, 10.0, 20.0, 60.0]))
def test_the_series_gives_the_first_ones_figures(n: int, load: float, remaining: float,
                                                  fill: float, aht: float, t: float) -> None:
    rate = load * n / aht
    k0 = int(fill * n)
    if rate <= 0.0 or remaining <= 0.0:
        return  # the projection never asks (no call to come)
    want = reference(rate, remaining, n, k0, aht, t)
    assert close(_future_in_sl(rate, remaining, n, k0, aht, t), want, rate * remaining)


@pytest.mark.parametrize("case", [
    # 2,000 agents near capacity with 1,900 on calls, at 2,050 in the system, and 1,800
    # agents with 1,700 in the system: the floors where the forecast is dearest
    (5.5, 900.0, 2000, 1900, 300.0, 20.0),
    (6.9, 900.0, 2000, 2050, 300.0, 20.0),
    (6.0, 600.0, 1800, 1700, 300.0, 20.0),
    # ten hours ahead (the Erlang C test's horizon)
    (100 / 900, 36_000.0, 23, 23, 180.0, 20.0),
], ids=["near", "over", "1800", "long"])
def test_big_floors_give_the_first_ones_figures(case: tuple[float, ...]) -> None:
    rate, remaining, n, k0, aht, t = case
    want = reference(rate, remaining, int(n), int(k0), aht, t)
    assert close(_future_in_sl(rate, remaining, int(n), int(k0), aht, t), want, rate * remaining)


@pytest.mark.parametrize("x", [1e-6, 0.4, 3.0, 17.5, 133.3, 1600.0, 40_000.0])
def test_the_poisson_tail_is_the_incomplete_gamma(x: float) -> None:
    count = int(x + 60 * math.sqrt(x) + 60)
    got = _poisson_above(x, count)
    for i in range(0, count, max(1, count // 200)):
        # P(N > i) = P(i + 1, x), the regularized lower incomplete gamma
        assert got[i] == pytest.approx(erlang.regularized_gamma_p(i + 1, x), abs=1e-9)
    assert list(_poisson_above(0.0, 3)) == [0.0, 0.0, 0.0]


def test_a_bound_too_low_starts_the_series_again() -> None:
    # 30 agents, 10 on calls, 20 erlangs offered: the count climbs past 12 soon
    rate, remaining, n, k0, aht, t = 20 / 90, 600.0, 30, 10, 90.0, 20.0
    top = k0 + int(rate * remaining + 10 * math.sqrt(rate * remaining) + 10)
    assert _uniformized(rate, remaining, n, k0, 1 / aht, t, top, 12) is None
    whole = _uniformized(rate, remaining, n, k0, 1 / aht, t, top, top)
    assert whole is not None
    assert close(whole, reference(rate, remaining, n, k0, aht, t), rate * remaining)


def test_a_floor_far_under_capacity_answers_every_call_at_once() -> None:
    # 2,000 agents, 167 erlangs: no call can find them all busy this interval
    assert _cannot_queue(6000 / 900, 774.0, 2000, 0, 1 / 25)
    assert _future_in_sl(6000 / 900, 774.0, 2000, 0, 25.0, 20.0) == 6000 / 900 * 774.0
    # near capacity, or with the floor already full, the series is needed
    assert not _cannot_queue(5.5, 900.0, 2000, 1900, 1 / 300)
    assert not _cannot_queue(0.1, 60.0, 10, 10, 1 / 300)
    # and what the bound lets through is what the series says, to 1e-12 of the calls
    for n in (10, 40, 120):
        rate, remaining, aht = 0.02 * n / 300.0, 900.0, 300.0
        if _cannot_queue(rate, remaining, n, 0, 1 / aht):
            want = reference(rate, remaining, n, 0, aht, 20.0)
            assert abs(want - rate * remaining) <= 1e-12 * rate * remaining


T0 = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def _many_queues_under_target(queues: int = 20, agents: int = 10) -> tuple[Any, datetime]:
    """``queues`` queues, each with a few calls answered at once (by agents who then
    sign out), one or two abandoned and two callers waiting; every agent left on a
    call: every queue under target, each with its own need."""
    extra = [f"X{q}-{k}" for q in range(queues) for k in range(6)]
    evs = [FloorEvent("floor_setup", T0, {
        "groups": [{"id": "G1", "name": "一班"}],
        "queues": [{"id": f"Q{q}", "name": f"队列{q}"} for q in range(queues)],
        "agents": [{"id": a, "group": "G1"} for a in [f"A{i}" for i in range(agents)] + extra]})]
    at = T0 + timedelta(seconds=1)

    def s(x: float) -> datetime:
        return at + timedelta(seconds=x)

    evs += [FloorEvent("agent_state", at, {"agent": a, "state": "ready"})
            for a in [f"A{i}" for i in range(agents)] + extra]
    for q in range(queues):
        for k in range(3 + q % 4):  # answered at once, talked 20 s, signed out
            c, x = f"S{q}-{k}", f"X{q}-{k}"
            evs += [FloorEvent("call_queued", s(2), {"call": c, "queue": f"Q{q}"}),
                    FloorEvent("call_answered", s(3), {"call": c, "agent": x}),
                    FloorEvent("call_ended", s(23), {"call": c}),
                    FloorEvent("agent_state", s(24), {"agent": x, "state": "logged_out"})]
        for k in range(1 + q % 2):
            c = f"L{q}-{k}"
            evs += [FloorEvent("call_queued", s(2), {"call": c, "queue": f"Q{q}"}),
                    FloorEvent("call_abandoned", s(40), {"call": c})]
    for q in range(queues):  # signed out before the agents take their calls
        for k in range(3 + q % 4, 6):
            evs.append(FloorEvent("agent_state", s(25), {"agent": f"X{q}-{k}",
                                                        "state": "logged_out"}))
    for i in range(agents):
        evs += [FloorEvent("call_queued", s(45), {"call": f"T{i}", "queue": f"Q{i % queues}"}),
                FloorEvent("call_answered", s(45), {"call": f"T{i}", "agent": f"A{i}"})]
    for q in range(queues):
        for k in range(2):
            evs.append(FloorEvent("call_queued", s(50 + q),
                                  {"call": f"W{q}-{k}", "queue": f"Q{q}"}))
    evs.sort(key=lambda e: e.at)
    return apply_all(initial_state(), evs), s(80)


def test_the_queues_share_one_search_of_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    state, now = _many_queues_under_target()
    made = [0]
    real = staffing._expected

    def counted(*args: Any) -> tuple[float, float]:
        made[0] += 1
        return real(*args)

    monkeypatch.setattr(staffing, "_expected", counted)
    got = forecast(state, now)
    shared = made[0]
    assert sum(f.warning for f in got.values()) == 21  # every queue and the floor
    assert sum(f.more_agents is not None for f in got.values()) >= 15  # most can hold
    # each queue's answer is its own search's, made alone
    pool, queues = read_inputs(state, now)
    made[0] = 0
    target = state.policy.band("service_level").green
    for q, f in got.items():
        qi = queues[q]
        ours = sum(1 for w in qi.waits_s if w <= pool.elapsed_s)
        open_q = ours + qi.arrivals_last_15min / 900.0 * pool.remaining_s
        need = (target * (qi.sl_calls + open_q) - qi.answered_in_sl) / open_q
        alone = None if need >= 1.0 else staffing.project_sl(
            answered_in_sl=0, sl_calls=0, waits_s=pool.waits_s, elapsed_s=pool.elapsed_s,
            remaining_s=pool.remaining_s, arrivals_last_15min=pool.arrivals_last_15min,
            agents=pool.agents, ready=pool.ready, aht_s=pool.aht_s,
            t_s=state.policy.sl_threshold_s, target=need).more_agents
        assert f.more_agents == alone, q
    assert FLOOR in got
    # 21 searches made alone; shared, the projections number one search's and a few
    assert made[0] >= 4 * shared, (made[0], shared)
