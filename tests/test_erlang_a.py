"""Erlang A (M/M/n+M) in models/sim/erlang.py against the birth-death chain (issue #17).

The reference is computed with no formula of the module: the stationary
distribution of the chain truncated far out in the queue, and for a caller who
arrives to j callers ahead (PASTA) the absorbing chain "callers ahead → served /
abandoned" solved with a matrix exponential (answered within T) and its
fundamental matrix (waits). Every figure must agree to 1e-6.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import linalg, special  # the test extra installs scipy

from models.sim import erlang


def _chain(n: int, lam: float, mu: float, theta: float, t: float,
           short: float = 0.0) -> dict[str, float]:
    """P(wait), P(abandon), SL within t, ASA, mean wait, from the chain itself; and
    the SL leaving out calls abandoned within ``short`` seconds."""
    # stationary distribution of the number in system, truncated where it is < 1e-30
    logs = [0.0]
    k = 0
    while True:
        k += 1
        death = min(k, n) * mu + max(0, k - n) * theta
        logs.append(logs[-1] + math.log(lam / death))
        if k > n + 50 and logs[-1] < max(logs) - 70:
            break
    top = max(logs)
    pi = np.exp(np.array(logs) - top)
    pi /= pi.sum()
    queue = pi[n:]  # an arrival finds j = 0, 1, … callers ahead, all agents busy
    size = len(queue)
    # a tagged caller with j ahead: j -> j-1 at nμ + jθ (service or an abandon ahead),
    # at the head (j = 0) served at nμ; the caller abandons at θ from any state
    q = np.zeros((size + 2, size + 2))  # states 0..size-1, served, abandoned
    served, gone = size, size + 1
    for j in range(size):
        if j == 0:
            q[j, served] = n * mu
        else:
            q[j, j - 1] = n * mu + j * theta
        q[j, gone] = theta
        q[j, j] = -q[j].sum()
    transient = -q[:size, :size]
    fundamental = np.linalg.inv(transient)  # expected time in each state
    p_served = fundamental @ q[:size, served]  # P(served | start j)
    within = linalg.expm(q * t)[:size, served]  # P(served by t | start j)
    gone_short = linalg.expm(q * short)[:size, gone]  # P(abandoned by `short` | start j)
    time_served = fundamental @ p_served  # E[wait; served | start j]
    time_all = fundamental.sum(axis=1)  # E[wait | start j]
    p_wait = float(queue.sum())
    answered = 1.0 - p_wait + float(queue @ p_served)
    return {
        "p_wait": p_wait,
        "p_abandon": float(queue @ (1.0 - p_served)),
        "service_level": 1.0 - p_wait + float(queue @ within),
        "asa_s": float(queue @ time_served) / answered,
        "mean_wait_s": float(queue @ time_all),
        "sl_without_short": (1.0 - p_wait + float(queue @ within))
        / (1.0 - float(queue @ gone_short)),
    }


CASES = [  # n, λ (calls/s), μ (1/AHT), θ (1/patience), T
    (1, 0.5, 1.0, 0.2, 1.0),
    (5, 4.0, 1.0, 0.5, 0.3),
    (14, 10 / 180, 1 / 180, 1 / 120, 20.0),  # the textbook 10 erlangs, 2-minute patience
    (20, 25 / 200, 1 / 200, 1 / 60, 20.0),  # overloaded: 25 erlangs on 20 agents
    (50, 44 / 240, 1 / 240, 1 / 300, 15.0),
    (3, 6.0, 1.0, 2.0, 0.5),  # twice the load the agents can take, impatient callers
    (30, 29 / 300, 1 / 300, 1 / 900, 60.0),  # patient callers near saturation
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"n{c[0]}-a{c[1] / c[2]:.3g}")
def test_matches_the_birth_death_chain(case: tuple[int, float, float, float, float]) -> None:
    n, lam, mu, theta, t = case
    ref = _chain(n, lam, mu, theta, t)
    got = erlang.erlang_a(n, lam / mu, 1 / mu, 1 / theta, t)
    assert got.p_wait == pytest.approx(ref["p_wait"], abs=1e-6)
    assert got.p_abandon == pytest.approx(ref["p_abandon"], abs=1e-6)
    assert got.service_level == pytest.approx(ref["service_level"], abs=1e-6)
    assert got.asa_s == pytest.approx(ref["asa_s"], abs=1e-6 * max(1.0, ref["asa_s"]))
    assert got.mean_wait_s == pytest.approx(ref["mean_wait_s"],
                                            abs=1e-6 * max(1.0, ref["mean_wait_s"]))
    assert erlang.service_level_a(n, lam / mu, 1 / mu, 1 / theta, t) == got.service_level


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"n{c[0]}-a{c[1] / c[2]:.3g}")
def test_short_abandons_left_out_as_the_policy_says(
        case: tuple[int, float, float, float, float]) -> None:
    # the policy's service_level.exclude_abandon_under_s: calls abandoned within X are
    # not in SL's denominator (models.domain.kpi.service_level)
    n, lam, mu, theta, t = case
    for short in (0.5 * t, 2.0 * t):
        ref = _chain(n, lam, mu, theta, t, short)
        got = erlang.service_level_a(n, lam / mu, 1 / mu, 1 / theta, t,
                                     exclude_abandon_under_s=short)
        assert got == pytest.approx(ref["sl_without_short"], abs=1e-6)
        assert got >= erlang.service_level_a(n, lam / mu, 1 / mu, 1 / theta, t)


def test_patient_callers_are_erlang_c() -> None:
    # the textbook 10 erlangs on 14 agents: 17.41 % wait, 88.84 % within 20 s, ASA 7.84 s;
    # callers who wait ten years on average barely ever abandon
    got = erlang.erlang_a(14, 10.0, 180.0, 3.0e8, 20.0)
    assert got.p_wait == pytest.approx(erlang.erlang_c(14, 10.0), abs=1e-6)
    assert got.service_level == pytest.approx(erlang.service_level(14, 10.0, 180.0, 20.0),
                                              abs=1e-6)
    assert got.asa_s == pytest.approx(erlang.asa(14, 10.0, 180.0), rel=1e-5)
    assert got.p_abandon < 1e-7


def test_abandonment_helps_the_callers_who_stay() -> None:
    # with callers hanging up, fewer wait and more of the rest are answered in T
    for n, a in ((14, 10.0), (25, 24.0), (100, 95.0)):
        c = erlang.service_level(n, a, 200.0, 20.0)
        for patience in (600.0, 180.0, 60.0):
            got = erlang.erlang_a(n, a, 200.0, patience, 20.0)
            assert got.service_level >= c
            assert got.p_wait <= erlang.erlang_c(n, a)
            assert got.asa_s < erlang.asa(n, a, 200.0)


def test_monotone_in_agents_and_stable_above_saturation() -> None:
    sls = [erlang.service_level_a(n, 30.0, 240.0, 120.0, 20.0) for n in range(1, 60)]
    assert all(x < y for x, y in zip(sls, sls[1:], strict=False))
    # 40 erlangs on 30 agents: Erlang C has no answer; Erlang A does — about a quarter
    # of the calls leave, since 30 agents can answer at most 30/40 of them
    over = erlang.erlang_a(30, 40.0, 240.0, 120.0, 20.0)
    assert 0.25 <= over.p_abandon < 0.3
    assert math.isfinite(over.asa_s)


@pytest.mark.parametrize("n, rho, patience", [(300, 0.95, 120.0), (1000, 1.05, 600.0),
                                               (5000, 0.99, 60.0), (300, 0.2, 3600.0)])
def test_large_floors_stay_finite(n: int, rho: float, patience: float) -> None:
    got = erlang.erlang_a(n, rho * n, 240.0, patience, 20.0)
    for v in (got.p_wait, got.p_abandon, got.service_level):
        assert 0.0 <= v <= 1.0
    assert math.isfinite(got.asa_s) and got.asa_s >= 0.0
    # Little's law: the mean wait of all callers is P(abandon) × mean patience
    assert got.mean_wait_s == pytest.approx(got.p_abandon * patience)


def test_edges_and_bad_arguments() -> None:
    assert erlang.erlang_a(5, 0.0, 200.0, 60.0, 20.0).service_level == 1.0
    none = erlang.erlang_a(0, 3.0, 200.0, 60.0, 20.0)
    assert (none.p_abandon, none.service_level) == (1.0, 0.0)
    for args, name in (((3, 1.0, 0.0, 60.0, 20.0), "aht_s"), ((3, 1.0, 200.0, 0.0, 20.0),
                       "patience_s"), ((3, 1.0, 200.0, math.inf, 20.0), "patience_s"),
                       ((3, 1.0, 200.0, 60.0, -1.0), "t_s"), ((-1, 1.0, 200.0, 60.0, 1.0), "n"),
                       ((3, math.nan, 200.0, 60.0, 1.0), "offered load")):
        with pytest.raises(ValueError, match=name):
            erlang.erlang_a(*args)


def test_incomplete_gamma_against_scipy() -> None:
    for a in (0.5, 1.0, 7.3, 150.0, 2500.0, 90000.0):
        for z in (0.01 * a, 0.5 * a, 0.9 * a, a, a + 1.0, 1.1 * a, 2.0 * a, 10.0 * a):
            log_p, p, q = erlang._gamma_pq(a, z)
            assert p == pytest.approx(float(special.gammainc(a, z)), rel=1e-9, abs=1e-300)
            assert q == pytest.approx(float(special.gammaincc(a, z)), rel=1e-9, abs=1e-300)
