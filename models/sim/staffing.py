"""Staffing numbers (issue #17): agents required per slot, and the live SL projection.

Pure functions over numbers (no database, no clock): the rollups and the live
floor state supply the inputs. Service level is the KPI's (DOMAIN §7, the
companion of R-KPI-1 in ``models.domain.kpi``): calls answered within T ÷ calls
that reached the queue.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

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
    uniformization (rate Λ, jump matrix P),
    ∫₀ᴿ p_s ds = Σₘ Pᵐ·p₀ · P(Poisson(ΛR) > m) / Λ — a positive series, no ODE steps.

    Cost (issue #20: this was most of the console's CPU): ΛR jumps, each over the states
    holding mass, so

    * a floor that cannot reach n in the system within R is answered for certain, no
      series (:func:`_cannot_queue`, a bound on its error of 1e-12 of the calls);
    * Λ is the highest exit rate among the states the chain reaches (λ + min(k, n)/AHT),
      not λ + n/AHT: a floor far under capacity takes a fraction of the jumps. A state
      above the bound is a sink; mass reaching it means the bound was too low, and the
      series starts again with it doubled;
    * the jumps are numpy array operations over the states holding mass, in blocks.

    tests/test_sl_series.py checks it against the pure-Python series it replaced
    (tests/sl_reference.py).
    """
    mu = 1.0 / aht
    calls = rate * remaining
    if _cannot_queue(rate, remaining, n, k0, mu):
        return calls
    top = k0 + int(calls + 10.0 * math.sqrt(calls) + 10.0)
    # the highest state the chain should reach: M/M/∞ (the same chain below n) holds
    # at most Poisson(max(k0, λ·AHT)) in the mgf order
    mean = max(float(k0), rate / mu)
    cap = top if k0 >= n else min(top, int(mean + 12.0 * math.sqrt(mean) + 24.0))
    while True:
        got = _uniformized(rate, remaining, n, k0, mu, t, top, cap)
        if got is not None:
            return got
        cap = min(top, 2 * cap)


def _cannot_queue(rate: float, remaining: float, n: int, k0: int, mu: float) -> bool:
    """True when so few calls can find every agent busy within ``remaining`` seconds
    that all are answered at once, to 1e-12 of the calls expected.

    Below n the chain is M/M/∞, whose count at any time is a Binomial(k0, ·) plus a
    Poisson(λ/μ·(1 − e^−μs)): in the mgf order at most a Poisson of mean
    M = max(k0, λ/μ), so P(count ≥ n − 1) ≤ e^−M·(e·M/(n − 1))^(n−1) (Chernoff).
    Reaching n takes an arrival finding n − 1, and those number λ·∫P(count = n − 1)
    at most; a call finding n or more needs the chain to have reached n first. So
    the calls not answered at once, as a share of λR, are at most λR times the bound.
    """
    a = n - 1
    mean = max(float(k0), rate / mu)
    if a <= mean:
        return False
    if mean <= 0.0:
        return True  # nobody in the system and no arrivals: nothing can reach n
    log_bound = a - mean - a * math.log(a / mean)
    calls = rate * remaining
    return calls <= 0.0 or math.log(calls) + log_bound < math.log(1e-12)


#: the states a series drops as negligible: less than this share of the mass
_TINY = 1e-16
#: jumps taken between two trims of the states holding mass
_BLOCK = 32


def _uniformized(rate: float, remaining: float, n: int, k0: int, mu: float, t: float,
                 top: int, cap: int) -> float | None:
    """The series of :func:`_future_in_sl` with states up to ``cap`` (``top``: all),
    a sink above; None when mass reached the sink (``cap`` was too low)."""
    sink = cap < top
    size = cap + 2 if sink else top + 1
    k = np.arange(size, dtype=float)
    lam_total = rate + min(n, cap) * mu
    up = np.full(size, rate / lam_total)
    down = np.minimum(k, n) * (mu / lam_total)
    up[-1] = 0.0
    if sink:
        down[-1] = 0.0
    stay = 1.0 - up - down
    g = np.ones(size)
    if size > n:  # states n … (answered after k − n + 1 completions)
        zn = n * mu * t
        g[n:] = _poisson_above(zn, size - n) if zn > 0.0 else 0.0
    if sink:
        g[-1] = 0.0  # never counted: mass there starts the series again
    z = lam_total * remaining
    weights = _poisson_above(z, int(z + 12.0 * math.sqrt(z) + 12.0) + 1)
    jumps = int(np.count_nonzero(weights))  # P(Poisson(z) > m) > 0 for m < jumps
    first_not_one = min(n, size - 1) if sink else n  # g is 1 below this state
    lo = hi = k0
    p = np.ones(1)
    acc = 0.0
    m = 0
    dots = np.empty(_BLOCK)
    while m < jumps:
        b = min(_BLOCK, jumps - m)
        # the window the mass can reach in b jumps: it moves one state a jump at most
        left, right = max(0, lo - b), min(size - 1, hi + b)
        cur = np.zeros(right - left + 1)
        cur[lo - left:hi - left + 1] = p
        nxt = np.empty_like(cur)
        tmp = np.empty(len(cur) - 1)
        st, dn, upw = stay[left:right + 1], down[left + 1:right + 1], up[left:right]
        if right < first_not_one:  # g is 1 on the window: g·p is the mass, 1
            acc += float(weights[m:m + b].sum())
            gw = None
        else:
            gw = g[left:right + 1]
        for j in range(b):
            if gw is not None:
                dots[j] = cur @ gw
            np.multiply(cur, st, out=nxt)
            np.multiply(cur[1:], dn, out=tmp)
            nxt[:-1] += tmp
            np.multiply(cur[:-1], upw, out=tmp)
            nxt[1:] += tmp
            cur, nxt = nxt, cur
        if gw is not None:
            acc += float(weights[m:m + b] @ dots[:b])
        m += b
        if sink and right == size - 1 and cur[-1] >= _TINY:
            return None
        held = np.flatnonzero(cur >= _TINY)
        first, last = int(held[0]), int(held[-1])
        p = cur[first:last + 1].copy()
        lo, hi = left + first, left + last
    return rate * acc / lam_total


def _poisson_above(x: float, count: int) -> np.ndarray:
    """P(Poisson(x) > i) for i = 0 … count − 1 (x >= 0).

    The probabilities from the mode outwards by their ratios (x/i up, i/x down), over
    the mode ± 40 standard deviations (beyond, under 1e-300), normalized to sum to one
    and summed from the top, so a small tail keeps its own precision."""
    out = np.zeros(count)
    if count == 0 or x <= 0.0:
        return out
    spread = 40.0 * math.sqrt(x) + 40.0
    lo, hi = max(0, int(x - spread)), int(x + spread) + 1
    mode = int(x)
    i = np.arange(lo, hi + 1, dtype=float)
    pmf = np.empty(hi - lo + 1)
    at = mode - lo
    pmf[at] = 1.0  # scaled: normalized below
    pmf[at + 1:] = np.cumprod(x / i[at + 1:])
    if at > 0:
        pmf[:at] = np.cumprod((i[1:at + 1] / x)[::-1])[::-1]
    pmf /= pmf.sum()
    tail = np.cumsum(pmf[::-1])[::-1]  # tail[j] = P(N >= lo + j)
    idx = np.arange(1, count + 1) - lo  # P(N > i) = P(N >= i + 1)
    inside = (idx >= 0) & (idx <= hi - lo)
    out[inside] = tail[idx[inside]]
    out[idx < 0] = 1.0
    return out


def project_sl(*, answered_in_sl: int, sl_calls: int, waits_s: Sequence[float],
               elapsed_s: float, remaining_s: float, arrivals_last_15min: float, agents: int,
               ready: int, aht_s: float, t_s: float, target: float,
               max_extra: int = 1000,
               memo: dict[int, float | None] | None = None) -> LiveSl:
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

    ``memo``: the projections with k extra agents already made for these same inputs
    (any target), filled as they are made. The live forecast asks the floor's one pool
    for every queue under target, each with its own target: one dict makes that one
    search's worth of projections, not one per queue (issue #20).
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

    made = {} if memo is None else memo

    def projection(extra: int) -> float | None:
        if extra not in made:
            num, den = _expected(a_sl, calls, waits, elapsed, remaining, rate, n + extra,
                                 r + extra, aht, t)
            made[extra] = num / den if den > 0 else None
        return made[extra]

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
