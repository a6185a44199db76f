"""Staffing numbers (issue #17): agents required per slot, and the live SL projection.

Pure functions over numbers (no database, no clock): the rollups and the live
floor state supply the inputs. Service level is the KPI's (DOMAIN §7, the
companion of R-KPI-1 in ``models.domain.kpi``): calls answered within T ÷ calls
that reached the queue.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from models.sim import erlang

#: the largest floor :func:`required_agents` searches by default
MAX_AGENTS = 100_000


def _finite(name: str, value: float, *, low: float = 0.0, strict: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number, got {value!r}")
    v = float(value)
    if not math.isfinite(v) or v < low or (strict and v == low):
        sign = ">" if strict else ">="
        raise ValueError(f"{name} must be a finite number {sign} {low:g}, got {value!r}")
    return v


def _whole(name: str, value: int, *, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"{name} must be a whole number >= {low}, got {value!r}")
    return value


def _share(name: str, value: float) -> float:
    v = _finite(name, value)
    if not 0.0 < v < 1.0:
        raise ValueError(f"{name} must be a share between 0 and 1 (e.g. 0.8), got {value!r}")
    return v


def required_agents(arrivals_per_slot: float, aht_s: float, slot_s: float, sl_target: float,
                    t_s: float, patience_s: float | None = None, shrinkage: float = 0.0,
                    max_n: int = MAX_AGENTS, exclude_abandon_under_s: float = 0.0) -> int:
    """Agents to roster for one slot so that ``sl_target`` of its calls are answered in ``t_s``.

    The smallest n whose service level (Erlang C; Erlang A when callers have a mean
    ``patience_s``) is >= ``sl_target``, then n ÷ (1 − ``shrinkage``) rounded up:
    shrinkage is the share of rostered time not on the phones (breaks, meetings,
    training). The division is done on the decimal the policy wrote (0.2 is 1/5, so
    8 agents on the phones need 10 rostered, not the 11 that float rounding gives).
    No calls → 0. Load ``a = arrivals × aht ÷ slot``. ``exclude_abandon_under_s``: the
    policy's short abandons left out of SL's denominator (Erlang A only: under Erlang C
    nobody abandons).
    """
    calls = _finite("arrivals_per_slot", arrivals_per_slot)
    aht = _finite("aht_s", aht_s, strict=True)
    slot = _finite("slot_s", slot_s, strict=True)
    target = _share("sl_target", sl_target)
    t = _finite("t_s", t_s)
    patience = None if patience_s is None else _finite("patience_s", patience_s, strict=True)
    shrink = _finite("shrinkage", shrinkage)
    if shrink >= 1.0:
        raise ValueError(f"shrinkage must be a share >= 0 and < 1, got {shrinkage!r}")
    _whole("max_n", max_n, low=1)
    short = _finite("exclude_abandon_under_s", exclude_abandon_under_s)
    if calls == 0.0:
        return 0
    a = calls * aht / slot
    on_phones = _min_agents(a, aht, target, t, patience, max_n, calls, short)
    rostered = Fraction(on_phones) / (1 - Fraction(repr(shrink)))
    return math.ceil(rostered)


def _min_agents(a: float, aht: float, target: float, t: float, patience: float | None,
                max_n: int, calls: float, short: float) -> int:
    """Smallest n with SL >= target: Erlang C by a scan upward from the first stable n
    (Erlang B carried along by its recursion); Erlang A, whose SL is never below
    Erlang C's and rises with n, by bisection below that."""
    b = [1.0]  # Erlang B(k, a), k = 0..n
    n = 0
    too_few = ValueError(f"max_n={max_n} agents cannot answer {target:g} of {calls:g} calls "
                         f"within {t:g} s; raise max_n or check arrivals_per_slot")
    while True:
        n += 1
        if n > max_n:  # Erlang C needs more; callers who hang up may not
            n = max_n
            if patience is None or erlang.service_level_a(
                    n, a, aht, patience, t, exclude_abandon_under_s=short,
                    erlang_b_n=b[n]) < target:
                raise too_few
            break
        ab = a * b[-1]
        b.append(ab / (n + ab))
        if n <= a:
            continue
        c = n * b[n] / (n - a * (1.0 - b[n]))
        if 1.0 - c * math.exp(-(n - a) * t / aht) >= target:
            break
    if patience is None:
        return n
    lo, hi = 0, n  # SL_A(lo) < target (no agents answer nothing), SL_A(hi) >= target
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if erlang.service_level_a(mid, a, aht, patience, t, exclude_abandon_under_s=short,
                                  erlang_b_n=b[mid]) >= target:
            hi = mid
        else:
            lo = mid
    return hi


# ---- the live SL projection (for the shift leader) ----------------------------------


@dataclass(frozen=True, slots=True)
class LiveSl:
    """The current interval's service level and where it is heading.

    ``so_far``: answered within T ÷ calls with an outcome, this interval (None before
    the first). ``projected``: expected SL at the interval's end (None with no calls at
    all). ``below``: the projection is under ``target``. ``more_agents``: the fewest extra
    agents, ready now, that bring the projection to ``target`` (0 when it holds already;
    None when no number of agents can, because too many calls are already lost).
    """

    so_far: float | None
    projected: float | None
    target: float
    below: bool
    more_agents: int | None


def _expected(answered_in_sl: int, sl_calls: int, waits: list[float], elapsed: float,
              remaining: float, rate: float, agents: int, ready: int, aht: float,
              t: float) -> tuple[float, float]:
    """(expected answered within T, expected calls) of the interval, at its end."""
    in_sl = float(answered_in_sl)
    total = float(sl_calls)
    # the callers waiting now, longest first (FIFO): the first ``ready`` are answered at
    # once; the k-th after them when k more calls end, with every agent busy — k
    # completions at rate agents/aht within T − wait: P(k, agents·(T − wait)/aht)
    for pos, w in enumerate(waits):
        ours = w <= elapsed  # queued in this interval (a call counts where it queued)
        if not ours:
            continue
        total += 1.0
        if pos < ready:
            in_sl += 1.0 if w <= t else 0.0
        elif w < t and agents > 0:
            in_sl += erlang.regularized_gamma_p(pos - ready + 1, agents * (t - w) / aht)
    # the calls still to come: each one's chance, from the queue it finds, averaged over
    # the transient M/M/n chain started from the floor as it is now
    if rate > 0.0 and remaining > 0.0:
        total += rate * remaining
        if agents > 0:
            in_sl += _future_in_sl(rate, remaining, agents, agents - ready + len(waits),
                                   aht, t)
    return in_sl, total


def _future_in_sl(rate: float, remaining: float, n: int, k0: int, aht: float,
                  t: float) -> float:
    """Expected calls answered within T among those arriving in the next ``remaining``
    seconds, with ``k0`` calls in the system now (talking or waiting) and ``n`` agents.

    An arrival that finds k in the system is answered at once if k < n, else after
    k − n + 1 completions at rate n/AHT: g(k) = P(k − n + 1, n·T/AHT). The expected count
    is λ·∫₀ᴿ Σₖ p_s(k)·g(k) ds, with p_s the birth-death chain's distribution at s; by
    uniformization (rate Λ = λ + n/AHT, jump matrix P),
    ∫₀ᴿ p_s ds = Σₘ Pᵐ·p₀ · P(Poisson(ΛR) > m) / Λ — a positive series, no ODE steps.
    """
    mu = 1.0 / aht
    lam_total = rate + n * mu
    up = rate / lam_total
    z = lam_total * remaining
    top = k0 + int(rate * remaining + 10.0 * math.sqrt(rate * remaining) + 10.0)
    zn = n * mu * t
    g = [1.0 if k < n else erlang.regularized_gamma_p(k - n + 1, zn) if zn > 0 else 0.0
         for k in range(top + 1)]
    down = [min(k, n) * mu / lam_total for k in range(top + 1)]
    ups = [up if k < top else 0.0 for k in range(top + 1)]
    stay = [1.0 - ups[k] - down[k] for k in range(top + 1)]
    lo = hi = k0  # the chain's distribution after m jumps: p over states lo..hi
    p = [1.0]
    log_pmf = -z  # log P(Poisson(z) = m)
    cdf = 0.0
    acc = 0.0
    m = 0
    last = z + 12.0 * math.sqrt(z) + 12.0
    while True:
        cdf += math.exp(log_pmf)
        weight = 1.0 - cdf  # P(Poisson(z) > m)
        if weight <= 0.0 or m > last:
            break
        acc += weight * sum(map(operator.mul, p, g[lo:hi + 1]))
        # one jump: from k up (k < top) with `up`, down with down[k], else stay. New
        # index i is state lo − 1 + i: k = lo + j goes down to j, stays at j + 1, up to j + 2
        ks = slice(lo, hi + 1)
        new_lo = lo - 1
        nxt = [d + st + u for d, st, u in zip(
            [*map(operator.mul, p, down[ks]), 0.0, 0.0],
            [0.0, *map(operator.mul, p, stay[ks]), 0.0],
            [0.0, 0.0, *map(operator.mul, p, ups[ks])], strict=True)]
        # drop the tails that no longer matter (< 1e-16 of the mass)
        a, b = 0, len(nxt) - 1
        while a < b and nxt[a] < 1e-16:
            a += 1
        while b > a and nxt[b] < 1e-16:
            b -= 1
        p = nxt[a:b + 1]
        lo, hi = new_lo + a, new_lo + b
        m += 1
        log_pmf += math.log(z / m)
    return rate * acc / lam_total


def project_sl(*, answered_in_sl: int, sl_calls: int, waits_s: Sequence[float],
               elapsed_s: float, remaining_s: float, arrivals_last_15min: float, agents: int,
               ready: int, aht_s: float, t_s: float, target: float,
               max_extra: int = 1000) -> LiveSl:
    """Project the interval's service level at its end (issue #17, "the live SL forecast").

    Inputs: this interval's ``answered_in_sl`` and ``sl_calls`` so far (the KPI's
    numerator and denominator: answered within T, and answered + abandoned); the
    current wait of every caller in the queue (``waits_s``, any order; a caller who
    has waited longer than ``elapsed_s`` queued in an earlier interval and is counted
    there, but still stands ahead in the queue); the calls that arrived in the last
    15 minutes; ``agents`` taking this queue's calls (ready, talking or in after-call
    work) and how many of them are ``ready`` now or about to be.

    The model (Erlang C's assumptions: Poisson arrivals at the last 15 minutes' rate,
    exponential handle times of mean AHT, FIFO, no abandonment — a caller who would be
    answered after T counts as missed either way), not in its steady state but from the
    floor as it is now:

    * a waiting caller taken by a ready agent counts iff its wait is <= T; the k-th
      caller behind those needs k calls to end with every agent busy, which within the
      T − wait it has left happens with probability P(k, agents·(T − wait)/AHT) (the
      regularized incomplete gamma: k exponential completions at rate agents/AHT);
    * a call still to come, arriving s seconds from now, finds the number in the system
      given by the birth-death chain started at (agents − ready) talking + the callers
      waiting; finding k it is answered in T with probability 1 if k < agents, else
      P(k − agents + 1, agents·T/AHT). Averaged over the remaining seconds by
      uniformization (see ``_future_in_sl``). Steady-state Erlang C would be wrong
      here: a surge at or above the agents' capacity has no steady state, yet callers
      in the next minutes are still answered by the agents ready now.

    projected = (answered_in_sl + Σ P(waiting caller in T) + E[future calls in T])
                ÷ (sl_calls + waiting callers of this interval + rate × remaining),
    a ratio of expectations (the expected SL would differ by the spread of the count).

    "N more agents would hold it": the smallest extra number, each ready now, whose
    projection reaches ``target`` (searched up to ``max_extra``).
    """
    a_sl = _whole("answered_in_sl", answered_in_sl)
    calls = _whole("sl_calls", sl_calls)
    if a_sl > calls:
        raise ValueError(f"answered_in_sl ({a_sl}) cannot exceed sl_calls ({calls})")
    waits = sorted((_finite("waits_s", w) for w in waits_s), reverse=True)
    elapsed = _finite("elapsed_s", elapsed_s)
    remaining = _finite("remaining_s", remaining_s)
    rate = _finite("arrivals_last_15min", arrivals_last_15min) / 900.0
    n = _whole("agents", agents)
    r = _whole("ready", ready)
    if r > n:
        raise ValueError(f"ready ({r}) cannot exceed agents ({n})")
    aht = _finite("aht_s", aht_s, strict=True)
    t = _finite("t_s", t_s)
    goal = _share("target", target)
    _whole("max_extra", max_extra)

    def projection(extra: int) -> float | None:
        num, den = _expected(a_sl, calls, waits, elapsed, remaining, rate, n + extra,
                             r + extra, aht, t)
        return num / den if den > 0 else None

    so_far = a_sl / calls if calls else None
    projected = projection(0)
    if projected is None or projected >= goal:
        return LiveSl(so_far, projected, goal, False, 0)
    # the best any number of agents can do: every caller of this interval still within
    # T answered now, every call to come answered at once
    ours = [w for w in waits if w <= elapsed]
    future = rate * remaining
    best = (a_sl + sum(1 for w in ours if w <= t) + future) / (calls + len(ours) + future)
    more = _fewest_extra(projection, projected, goal, max_extra,
                         _steady_guess(rate * aht, aht, goal, t, n, max_extra)) if best >= goal else None
    return LiveSl(so_far, projected, goal, True, more)


def _steady_guess(a: float, aht: float, goal: float, t: float, n: int, max_extra: int) -> int:
    """A first guess at the extra agents: Erlang C's steady-state need at this load
    (``max_extra`` when that is more than ``n + max_extra``)."""
    if a <= 0.0:
        return 1
    try:
        need = _min_agents(a, aht, goal, t, None, n + max_extra, a, 0.0)
    except ValueError:
        return max(1, max_extra)
    return max(1, need - n)


def _fewest_extra(projection: Callable[[int], float | None], at_zero: float, goal: float,
                  max_extra: int, guess: int) -> int | None:
    """The smallest k in 1..max_extra with projection(k) >= goal (projection rises with
    k), or None. Each projection of a big queue costs a fraction of a second, so the
    search starts at ``guess``, brackets by doubling, then interpolates — checking the
    neighbour of each interpolated point, which usually settles it — with bisection
    whenever interpolation stalls."""

    def f(k: int) -> float:
        v = projection(k)
        return 0.0 if v is None else v

    lo, f_lo = 0, at_zero
    k = min(guess, max_extra)
    while True:
        fk = f(k)
        if fk >= goal:
            hi, f_hi = k, fk
            break
        lo, f_lo = k, fk
        if k >= max_extra:
            return None
        k = min(2 * k, max_extra)
    interpolate = True
    while hi - lo > 1:
        if interpolate and f_hi > f_lo:
            mid = lo + round((goal - f_lo) / (f_hi - f_lo) * (hi - lo))
        else:
            mid = (lo + hi) // 2
        mid = min(hi - 1, max(lo + 1, mid))
        width = hi - lo
        fm = f(mid)
        if fm >= goal:
            hi, f_hi = mid, fm
            if hi - 1 > lo:  # is it the first? its neighbour below says
                fb = f(hi - 1)
                if fb >= goal:
                    hi, f_hi = hi - 1, fb
                else:
                    lo, f_lo = hi - 1, fb
        else:
            lo, f_lo = mid, fm
            if lo + 1 < hi:
                fa = f(lo + 1)
                if fa >= goal:
                    hi, f_hi = lo + 1, fa
                else:
                    lo, f_lo = lo + 1, fa
        interpolate = 2 * (hi - lo) <= width  # halved at least: keep interpolating
    return hi
