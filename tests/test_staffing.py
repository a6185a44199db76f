"""Required agents per slot and the live SL projection (models/sim/staffing.py, issue #17)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.sim import erlang
from models.sim.staffing import LiveSl, project_sl, required_agents

# ---- required agents ------------------------------------------------------------------


def test_textbook_slot_needs_fourteen_agents() -> None:
    # 100 calls per half hour at 180 s = 10 erlangs: 13 agents answer 75.4 % in 20 s,
    # 14 answer 88.8 % (the textbook example) -> 14 for an 80/20 target
    assert erlang.service_level(13, 10.0, 180.0, 20.0) < 0.8
    assert required_agents(50, 180.0, 900.0, 0.8, 20.0) == 14
    assert required_agents(100, 180.0, 1800.0, 0.8, 20.0) == 14  # a 30-minute slot


def test_smallest_n_meeting_the_target() -> None:
    for calls, target in ((10, 0.8), (333, 0.9), (1050, 0.8), (4000, 0.95)):
        a = calls * 240.0 / 900.0
        n = required_agents(calls, 240.0, 900.0, target, 20.0)
        assert erlang.service_level(n, a, 240.0, 20.0) >= target
        assert erlang.service_level(n - 1, a, 240.0, 20.0) < target
        m = required_agents(calls, 240.0, 900.0, target, 20.0, patience_s=90.0)
        assert erlang.service_level_a(m, a, 240.0, 90.0, 20.0) >= target
        assert erlang.service_level_a(m - 1, a, 240.0, 90.0, 20.0) < target
        assert m <= n  # callers who hang up shorten the queue for the others


def test_max_n_bounds_erlang_a_by_its_own_figure() -> None:
    # 400 erlangs: Erlang C needs more than 400 agents, Erlang A with impatient callers
    # (30 s) answers 80 % in 20 s with fewer: max_n=400 is enough for it
    erlang_a_n = required_agents(1500, 240.0, 900.0, 0.8, 20.0, patience_s=30.0)
    assert erlang_a_n <= 400
    assert required_agents(1500, 240.0, 900.0, 0.8, 20.0, patience_s=30.0,
                           max_n=400) == erlang_a_n
    with pytest.raises(ValueError, match="max_n=400"):
        required_agents(1500, 240.0, 900.0, 0.8, 20.0, max_n=400)
    with pytest.raises(ValueError, match=f"max_n={erlang_a_n - 1}"):
        required_agents(1500, 240.0, 900.0, 0.8, 20.0, patience_s=30.0,
                        max_n=erlang_a_n - 1)


def test_short_abandons_left_out_need_fewer_agents() -> None:
    # 90-second patience, 1,050 calls: with abandons under 10 s out of the denominator
    # (the policy's exclude_abandon_under_s) the same 80/20 needs no more agents
    a = 1050 * 240.0 / 900.0
    plain = required_agents(1050, 240.0, 900.0, 0.8, 20.0, patience_s=90.0)
    short = required_agents(1050, 240.0, 900.0, 0.8, 20.0, patience_s=90.0,
                            exclude_abandon_under_s=10.0)
    assert short <= plain
    assert erlang.service_level_a(short, a, 240.0, 90.0, 20.0,
                                  exclude_abandon_under_s=10.0) >= 0.8
    assert erlang.service_level_a(short - 1, a, 240.0, 90.0, 20.0,
                                  exclude_abandon_under_s=10.0) < 0.8


def test_shrinkage_divides_and_rounds_up_on_the_written_share() -> None:
    assert required_agents(50, 180.0, 900.0, 0.8, 20.0, shrinkage=0.3) == 20  # 14 / 0.7
    # 85 calls need 21 on the phones; 21 / 0.7 = 30 rostered, not the 31 float gives
    assert required_agents(85, 180.0, 900.0, 0.8, 20.0) == 21
    assert required_agents(85, 180.0, 900.0, 0.8, 20.0, shrinkage=0.3) == 30
    assert math.ceil(21 / (1 - 0.3)) == 31
    assert required_agents(50, 180.0, 900.0, 0.8, 20.0, shrinkage=0.25) == 19  # 18.67
    assert required_agents(50, 180.0, 900.0, 0.8, 20.0, shrinkage=0.0) == 14


def test_no_calls_need_no_agents_and_fractional_forecasts_work() -> None:
    assert required_agents(0, 180.0, 900.0, 0.8, 20.0, patience_s=60.0, shrinkage=0.3) == 0
    assert required_agents(0.25, 180.0, 900.0, 0.8, 20.0) == 1


@pytest.mark.parametrize("kwargs, name", [
    ({"arrivals_per_slot": -1}, "arrivals_per_slot"),
    ({"arrivals_per_slot": math.nan}, "arrivals_per_slot"),
    ({"aht_s": 0}, "aht_s"),
    ({"slot_s": -900}, "slot_s"),
    ({"sl_target": 1.0}, "sl_target"),
    ({"sl_target": 0}, "sl_target"),
    ({"sl_target": 80}, "sl_target"),
    ({"t_s": -1}, "t_s"),
    ({"patience_s": 0}, "patience_s"),
    ({"shrinkage": 1.0}, "shrinkage"),
    ({"shrinkage": -0.1}, "shrinkage"),
    ({"max_n": 10}, "max_n=10"),
    ({"exclude_abandon_under_s": -5}, "exclude_abandon_under_s"),
])
def test_bad_input_names_the_argument(kwargs: dict[str, float], name: str) -> None:
    args: dict[str, float] = {"arrivals_per_slot": 1050, "aht_s": 240.0, "slot_s": 900.0,
                              "sl_target": 0.8, "t_s": 20.0}
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        required_agents(**args)  # type: ignore[arg-type]


# ---- the live projection ----------------------------------------------------------------

BASE: dict[str, float] = {"elapsed_s": 600.0, "aht_s": 100.0, "t_s": 20.0, "target": 0.8}


def test_nothing_left_to_happen_keeps_the_sl_so_far() -> None:
    got = project_sl(answered_in_sl=40, sl_calls=50, waits_s=[], remaining_s=0.0,
                     arrivals_last_15min=0.0, agents=5, ready=5, **BASE)  # type: ignore[arg-type]
    assert got == LiveSl(0.8, 0.8, 0.8, False, 0)


def test_waiting_callers_by_hand() -> None:
    # 8 of 10 in T so far; two callers waiting 30 s and 5 s, one agent of two ready.
    # The 30 s caller goes first, to the ready agent, already late; the 5 s caller needs
    # one of two busy agents (AHT 100 s) to finish within 15 s: 1 − e^(−2·15/100).
    got = project_sl(answered_in_sl=8, sl_calls=10, waits_s=[5.0, 30.0], remaining_s=0.0,
                     arrivals_last_15min=0.0, agents=2, ready=1, **BASE)  # type: ignore[arg-type]
    assert got.projected == pytest.approx((8 + 1 - math.exp(-0.3)) / 12, abs=1e-12)
    assert got.so_far == 0.8 and got.below
    # even answering the 5 s caller at once gives 9 of 12 = 0.75: no number can hold it
    assert got.more_agents is None


def test_calls_to_come_by_hand() -> None:
    # agents who never finish in time (AHT 10^9 s): only the agents ready now answer
    # in T, so of the N ~ Poisson(λR) calls to come, min(N, ready) are in T.
    # 90 calls in 15 minutes = 0.1/s over 10 s: λR = 1; one ready agent gives
    # E[min(N, 1)] = 1 − e^−1, two give 2 − 2e^−1 − e^−1 of the 1 call expected
    base = {"answered_in_sl": 0, "sl_calls": 0, "waits_s": [], "remaining_s": 10.0,
            "arrivals_last_15min": 90.0, "agents": 3, **BASE, "aht_s": 1e9}
    one = project_sl(ready=1, **base)  # type: ignore[arg-type]
    assert one.projected == pytest.approx(1 - math.exp(-1), abs=1e-6)
    two = project_sl(ready=2, **base)  # type: ignore[arg-type]
    assert two.projected == pytest.approx(2 - 3 * math.exp(-1), abs=1e-6)
    assert one.so_far is None and one.below


def test_a_long_horizon_is_erlang_c() -> None:
    # ten hours ahead the start hardly matters: the projection is Erlang C's SL (20
    # erlangs on 23 agents, AHT 180 s: 100 calls in 15 minutes), from all 23 busy (the
    # steady state's mean is 23.3 in the system; an empty start would be 0.007 better)
    got = project_sl(answered_in_sl=0, sl_calls=0, waits_s=[], remaining_s=36_000.0,
                     arrivals_last_15min=100.0, agents=23, ready=0,
                     **{**BASE, "aht_s": 180.0})  # type: ignore[arg-type]
    assert got.projected == pytest.approx(erlang.service_level(23, 20.0, 180.0, 20.0),
                                          abs=0.005)


def _monte_carlo(a_sl: int, calls: int, waits: list[float], elapsed: float, remaining: float,
                 per15: float, agents: int, ready: int, aht: float, t: float,
                 reps: int) -> float:
    """E[answered in T] / E[calls] of the interval, by simulating the M/M/n queue."""
    import heapq
    import random

    rng = random.Random(17)
    lam = per15 / 900.0
    num = den = 0.0
    for _ in range(reps):
        free = [0.0] * ready + [rng.expovariate(1 / aht) for _ in range(agents - ready)]
        heapq.heapify(free)
        num += a_sl
        den += calls
        for w in sorted(waits, reverse=True):
            f = heapq.heappop(free)
            heapq.heappush(free, f + rng.expovariate(1 / aht))
            if w <= elapsed:
                den += 1
                num += w + f <= t
        s = rng.expovariate(lam)
        while s <= remaining:
            begin = max(s, heapq.heappop(free))
            heapq.heappush(free, begin + rng.expovariate(1 / aht))
            den += 1
            num += begin - s <= t
            s += rng.expovariate(lam)
    return num / den


@pytest.mark.parametrize("case", [
    # a surge: 30 erlangs on 30 agents, all busy, 12 waiting, 7 minutes left
    (70, 80, [float(w) for w in range(12)], 480.0, 420.0, 300.0, 30, 0, 90.0, 20.0),
    # 22 agents, 3 free, 20 erlangs: better than the steady state for 10 minutes
    (50, 60, [], 300.0, 600.0, 200.0, 22, 3, 90.0, 20.0),
    # 60 agents, 20 waiting up to 38 s, 40 erlangs more than they can take
    (200, 220, [float(w) for w in range(0, 40, 2)], 450.0, 450.0, 600.0, 60, 0, 90.0, 20.0),
], ids=["surge", "spare", "backlog"])
def test_projection_is_the_queues_own_expectation(case: tuple) -> None:  # type: ignore[type-arg]
    a_sl, calls, waits, elapsed, remaining, per15, agents, ready, aht, t = case
    got = project_sl(answered_in_sl=a_sl, sl_calls=calls, waits_s=waits, elapsed_s=elapsed,
                     remaining_s=remaining, arrivals_last_15min=per15, agents=agents,
                     ready=ready, aht_s=aht, t_s=t, target=0.8)
    # 1,500 simulated intervals: the ratio's standard error is ~0.003
    assert got.projected == pytest.approx(
        _monte_carlo(a_sl, calls, waits, elapsed, remaining, per15, agents, ready, aht, t,
                     1500), abs=0.012)


def test_n_more_agents_by_hand() -> None:
    # three callers waiting 10 s, one busy agent, AHT 100 s: 10 s left each; with k
    # extra ready agents the first k are answered now. k = 2: 2 + (1 − e^(−3·10/100)) of
    # 3 = 0.753 < 0.8; k = 3: all three -> 3 more agents hold 80 %
    got = project_sl(answered_in_sl=0, sl_calls=0, waits_s=[10.0, 10.0, 10.0],
                     remaining_s=0.0, arrivals_last_15min=0.0, agents=1, ready=0,
                     **BASE)  # type: ignore[arg-type]
    p1 = 1 - math.exp(-0.1)
    p2 = 1 - math.exp(-0.1) * 1.1
    p3 = 1 - math.exp(-0.1) * (1 + 0.1 + 0.005)
    assert got.projected == pytest.approx((p1 + p2 + p3) / 3, abs=1e-12)
    assert got.more_agents == 3
    two = project_sl(answered_in_sl=0, sl_calls=0, waits_s=[10.0] * 3, remaining_s=0.0,
                     arrivals_last_15min=0.0, agents=3, ready=2, **BASE)  # type: ignore[arg-type]
    assert two.projected == pytest.approx((2 + 1 - math.exp(-0.3)) / 3, abs=1e-12)


def test_callers_from_the_previous_interval_count_there_but_stand_ahead() -> None:
    # a caller waiting 700 s queued before this interval began (600 s ago): not in this
    # interval's figures, but it takes the one ready agent first
    got = project_sl(answered_in_sl=1, sl_calls=1, waits_s=[700.0, 5.0], remaining_s=0.0,
                     arrivals_last_15min=0.0, agents=1, ready=1, **BASE)  # type: ignore[arg-type]
    assert got.projected == pytest.approx((1 + 1 - math.exp(-0.15)) / 2, abs=1e-12)


def test_the_surge_warns_and_says_how_many() -> None:
    # 10 agents all busy, 12 callers waiting, 300 calls in the last 15 minutes at AHT
    # 90 s (30 erlangs on 10 agents): far under target
    got = project_sl(answered_in_sl=70, sl_calls=80, waits_s=[float(w) for w in range(12)],
                     remaining_s=420.0, arrivals_last_15min=300.0, agents=10, ready=0,
                     **{**BASE, "aht_s": 90.0})  # type: ignore[arg-type]
    assert got.below and got.projected is not None and got.projected < 0.5
    assert got.more_agents is not None and got.more_agents > 0
    k = got.more_agents
    args = {"answered_in_sl": 70, "sl_calls": 80, "waits_s": [float(w) for w in range(12)],
            "remaining_s": 420.0, "arrivals_last_15min": 300.0, **BASE, "aht_s": 90.0}
    held = project_sl(agents=10 + k, ready=k, **args)  # type: ignore[arg-type]
    short = project_sl(agents=10 + k - 1, ready=k - 1, **args)  # type: ignore[arg-type]
    assert held.projected is not None and held.projected >= 0.8 and not held.below
    assert short.projected is not None and short.projected < 0.8


@pytest.mark.parametrize("kwargs, name", [
    ({"answered_in_sl": 5, "sl_calls": 4}, "answered_in_sl"),
    ({"ready": 3, "agents": 2}, "ready"),
    ({"waits_s": [1.0, -2.0]}, "waits_s"),
    ({"arrivals_last_15min": math.inf}, "arrivals_last_15min"),
    ({"target": 1.5}, "target"),
    ({"agents": -1}, "agents"),
    ({"aht_s": 0.0}, "aht_s"),
])
def test_projection_bad_input(kwargs: dict[str, object], name: str) -> None:
    args: dict[str, object] = {"answered_in_sl": 1, "sl_calls": 2, "waits_s": [], "elapsed_s": 60.0,
                               "remaining_s": 840.0, "arrivals_last_15min": 10.0, "agents": 2,
                               "ready": 1, "aht_s": 100.0, "t_s": 20.0, "target": 0.8}
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        project_sl(**args)  # type: ignore[arg-type]


_floor = st.fixed_dictionaries({
    "answered_in_sl": st.integers(0, 50),
    "extra_calls": st.integers(0, 50),
    "waits_s": st.lists(st.floats(0.0, 400.0), max_size=25),
    "remaining_s": st.floats(0.0, 900.0),
    "arrivals_last_15min": st.floats(0.0, 600.0),
    "agents": st.integers(0, 40),
    "ready_share": st.floats(0.0, 1.0),
    "aht_s": st.floats(30.0, 600.0),
    "t_s": st.floats(0.0, 60.0),
})


def _proj(d: dict[str, object], **over: object) -> float | None:
    args = {"answered_in_sl": d["answered_in_sl"],
            "sl_calls": int(d["answered_in_sl"]) + int(d["extra_calls"]),  # type: ignore[call-overload]
            "waits_s": d["waits_s"], "elapsed_s": 400.0, "remaining_s": d["remaining_s"],
            "arrivals_last_15min": d["arrivals_last_15min"], "agents": d["agents"],
            "ready": int(int(d["agents"]) * float(d["ready_share"])),  # type: ignore[call-overload]
            "aht_s": d["aht_s"], "t_s": d["t_s"], "target": 0.8}
    args.update(over)
    return project_sl(**args).projected  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(_floor, st.integers(1, 5))
def test_more_agents_never_lower_the_projection(d: dict[str, object], k: int) -> None:
    n = int(d["agents"])  # type: ignore[call-overload]
    ready = int(n * float(d["ready_share"]))  # type: ignore[arg-type]
    base = _proj(d)
    if base is None:  # no call at all: nothing to project
        return
    for more in (_proj(d, agents=n + k),  # more staffed, none of them ready yet
                 _proj(d, agents=n + k, ready=ready + k),  # more ready now
                 _proj(d, ready=min(n, ready + 1))):  # one more of them free
        assert more is not None and more >= base - 1e-12


@settings(max_examples=60, deadline=None)
@given(_floor, st.integers(0, 24), st.floats(0.0, 400.0), st.floats(20.0, 400.0))
def test_more_waiting_never_raises_the_projection(d: dict[str, object], i: int, more: float,
                                                  late: float) -> None:
    waits = list(d["waits_s"])  # type: ignore[call-overload]
    base = _proj(d)
    if waits:  # one caller has waited longer (still within this interval)
        assert base is not None
        j = i % len(waits)
        longer = waits[:j] + [min(400.0, waits[j] + more)] + waits[j + 1:]
        got = _proj(d, waits_s=longer)
        assert got is not None and got <= base + 1e-12
    t = float(d["t_s"])  # type: ignore[arg-type]
    if late > t:  # one more caller, already past T, in the queue
        got = _proj(d, waits_s=[*waits, late])
        assert got is not None and got <= (1.0 if base is None else base) + 1e-12


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 1200), st.integers(1, 1000), st.integers(1, 1500),
       st.sampled_from(["step", "concave", "convex"]))
def test_the_search_finds_the_first_agent_count_that_holds(first: int, max_extra: int,
                                                          guess: int, shape: str) -> None:
    from models.sim.staffing import _fewest_extra

    calls: list[int] = []

    def projection(k: int) -> float:  # rises with k, reaches 0.8 exactly at `first`
        calls.append(k)
        x = k / first
        y = {"step": 0.5 if k < first else 0.9, "concave": 0.8 * math.sqrt(x),
             "convex": 0.8 * x * x}[shape]
        return min(y, 0.79999) if k < first else max(y, 0.8)

    got = _fewest_extra(projection, projection(0), 0.8, max_extra, guess)
    assert got == (first if first <= max_extra else None)
    assert all(0 <= k <= max_extra for k in calls)
