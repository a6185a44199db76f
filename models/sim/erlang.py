"""Erlang C (M/M/n queue) figures, for staffing and to check the simulator.

The textbook formula divides factorials and powers that overflow long before
a real floor's size (``a**n / n!`` at n = 300); the Erlang B recursion below
stays within [0, 1] at every step, so it is exact to rounding for any n.

Arguments: ``n`` agents, offered load ``a`` in erlangs (arrival rate × mean
handle time), ``aht_s`` mean handle time in seconds, ``t_s`` the service-level
threshold T in seconds. At or above saturation (a >= n) every call waits and the
queue grows without bound: C = 1, service level 0, ASA infinite.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def _check(n: int, a: float) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a whole number of agents >= 0, got {n!r}")
    if not math.isfinite(a) or a < 0:
        raise ValueError(f"offered load a must be a finite number >= 0, got {a!r}")


def erlang_b(n: int, a: float) -> float:
    """Blocking probability of M/M/n/n: B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1))."""
    _check(n, a)
    b = 1.0
    for k in range(1, n + 1):
        ab = a * b
        b = ab / (k + ab)
    return b


def erlang_c(n: int, a: float) -> float:
    """Probability that a call waits: C = n·B / (n − a·(1 − B)) for a < n, else 1."""
    _check(n, a)
    if a >= n:
        return 1.0
    if a == 0:
        return 0.0
    b = erlang_b(n, a)
    return n * b / (n - a * (1.0 - b))


def service_level(n: int, a: float, aht_s: float, t_s: float) -> float:
    """Share of calls answered within ``t_s``: 1 − C·exp(−(n − a)·t / aht)."""
    if aht_s <= 0 or t_s < 0:
        raise ValueError("aht_s must be > 0 and t_s >= 0")
    if a >= n:
        return 0.0
    return 1.0 - erlang_c(n, a) * math.exp(-(n - a) * t_s / aht_s)


def asa(n: int, a: float, aht_s: float) -> float:
    """Average speed of answer in seconds: C·aht / (n − a) (infinite at saturation)."""
    if aht_s <= 0:
        raise ValueError("aht_s must be > 0")
    if a >= n:
        return math.inf
    return erlang_c(n, a) * aht_s / (n - a)


# ---- Erlang A (M/M/n+M): callers who abandon --------------------------------------
#
# Source: O. Garnett, A. Mandelbaum, M. Reiman, "Designing a call center with
# impatient customers", M&SOM 4(3), 2002, appendix (Palm's M/M/n+M), and A. Mandelbaum,
# S. Zeltyn, "The M/M/n+G queue: summary of performance measures" (Technion, 2004):
# with x = nμ/θ, y = λ/θ and A(x, y) = x·e^y·y^(−x)·γ(x, y) (γ the lower incomplete gamma)
#   P(wait)            = A·B / (1 + (A − 1)·B),     B = Erlang B(n, λ/μ)
#   P(V > t | wait)    = γ(x, y·e^(−θt)) / γ(x, y)  (V: the offered wait, infinite patience)
#   P(served | wait)   = (x/y)·γ(x+1, y) / (x·γ(x, y)) = 1/ρ − 1/(ρA),  ρ = λ/(nμ)
# The offered wait has density nμ·π_n·exp(y(1 − e^(−θs)) − nμ·s) on s > 0 (Baccelli &
# Hébuterne); a caller is answered iff V < own patience (Exp(θ), independent of V), so
#   P(answered within T) = 1 − P(wait) + P(wait)·(x/y)·[P(x+1, y) − P(x+1, y·e^(−θT))] / P(x, y)
# with P the regularized lower incomplete gamma. Only ratios of regularized gammas and
# log A are formed, so nothing overflows at any floor size; tests/test_erlang_a.py checks
# every figure against the birth-death chain solved directly.


def _gamma_pq(a: float, z: float) -> tuple[float, float, float]:
    """Regularized incomplete gamma: (log P, P, Q), P = γ(a, z)/Γ(a), Q = 1 − P; a > 0.

    The series for z < a + 1 and Lentz's continued fraction otherwise (Numerical
    Recipes §6.2): each converges in O(√a) steps there, and the smaller of P and Q is
    computed directly, so neither is the difference of two numbers near 1; log P is
    kept because P underflows when z is far below a (a very patient caller).
    """
    if z <= 0.0:
        return -math.inf, 0.0, 1.0
    log_front = -z + a * math.log(z) - math.lgamma(a)
    steps = 1000 + int(50.0 * math.sqrt(a))
    if z < a + 1.0:
        term = total = 1.0 / a
        ap = a
        for _ in range(steps):
            ap += 1.0
            term *= z / ap
            total += term
            if term < total * 1e-17:
                log_p = log_front + math.log(total)
                p = math.exp(log_p)
                return log_p, p, 1.0 - p
        raise ArithmeticError(f"incomplete gamma series did not converge (a={a}, z={z})")
    tiny = 1e-300
    b = z + 1.0 - a
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, steps):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            q = math.exp(log_front) * h
            return math.log1p(-q), 1.0 - q, q
    raise ArithmeticError(f"incomplete gamma fraction did not converge (a={a}, z={z})")


def _gamma_p_ratio_diff(a: float, z_hi: float, z_lo: float, log_den: float) -> float:
    """(P(a, z_hi) − P(a, z_lo)) / exp(log_den), z_hi >= z_lo, from the smaller tail."""
    lp_hi, p_hi, q_hi = _gamma_pq(a, z_hi)
    lp_lo, _, q_lo = _gamma_pq(a, z_lo)
    if p_hi < 0.5:  # both P small: factor out P(a, z_hi), in logs (it may underflow)
        return math.exp(lp_hi - log_den) * -math.expm1(lp_lo - lp_hi)
    return (q_lo - q_hi) / math.exp(log_den)


def _check_a(n: int, a: float, aht_s: float, patience_s: float, t_s: float) -> None:
    _check(n, a)
    if not (math.isfinite(aht_s) and aht_s > 0):
        raise ValueError(f"aht_s must be a finite number > 0, got {aht_s!r}")
    if not (math.isfinite(patience_s) and patience_s > 0):
        raise ValueError(f"patience_s must be a finite number > 0, got {patience_s!r}")
    if not (math.isfinite(t_s) and t_s >= 0):
        raise ValueError(f"t_s must be a finite number >= 0, got {t_s!r}")


def regularized_gamma_p(a: float, z: float) -> float:
    """P(a, z) = γ(a, z)/Γ(a): for whole a, the chance that a Poisson(z) count is >= a,
    i.e. that a completions at rate r happen within z/r seconds."""
    if not (math.isfinite(a) and a > 0 and math.isfinite(z)):
        raise ValueError(f"regularized_gamma_p needs a > 0 and a finite z, got a={a!r}, z={z!r}")
    return _gamma_pq(a, z)[1]


def _a_core(n: int, a: float, aht_s: float, patience_s: float,
            b: float | None = None) -> tuple[float, float, float, float]:
    """(P(wait), x, y, log P(x, y)) of M/M/n+M, for n >= 1 and a > 0 (``b``: Erlang B(n, a)
    when the caller already has it)."""
    x = n * patience_s / aht_s  # nμ/θ
    y = a * patience_s / aht_s  # λ/θ
    if b is None:
        b = erlang_b(n, a)
    log_p, _, _ = _gamma_pq(x, y)
    if b == 0.0:  # underflow: so light a load that nobody waits, to double precision
        return 0.0, x, y, log_p
    log_a = y - x * math.log(y) + math.lgamma(x + 1.0) + log_p  # log A(x, y)
    # P(wait) = A·B / (1 + (A − 1)·B) = 1 / (1 + (1 − B) / (A·B))
    if b >= 1.0:
        return 1.0, x, y, log_p
    r = math.exp(min(700.0, math.log1p(-b) - math.log(b) - log_a))
    return 1.0 / (1.0 + r), x, y, log_p


@dataclass(frozen=True, slots=True)
class ErlangA:
    """M/M/n+M figures, as shares of all calls that reach the queue.

    ``service_level``: answered within T (the KPI's definition, R-KPI-1's companion
    in DOMAIN §7: answered within T ÷ calls that reached the queue, abandons
    included); ``asa_s``: mean wait of the calls answered (KPI ASA); ``mean_wait_s``:
    mean time in queue of every call, answered or abandoned (= P(abandon) × patience).
    """

    p_wait: float
    p_abandon: float
    service_level: float
    asa_s: float
    mean_wait_s: float


def service_level_a(n: int, a: float, aht_s: float, patience_s: float, t_s: float,
                    *, exclude_abandon_under_s: float = 0.0,
                    erlang_b_n: float | None = None) -> float:
    """Share of calls answered within ``t_s`` when callers abandon (mean patience
    ``patience_s``). ``erlang_b_n``: Erlang B(n, a), when a staffing search has it.

    ``exclude_abandon_under_s`` X: the policy's ``service_level.exclude_abandon_under_s``
    — calls abandoned within X leave the denominator (``models.domain.kpi``), so
    SL = P(answered in T) ÷ (1 − P(abandoned within X)), where
    P(abandoned within X | wait) = 1 − P(answered within X | wait) − e^(−θX)·P(V > X | wait).
    """
    _check_a(n, a, aht_s, patience_s, t_s)
    x_s = exclude_abandon_under_s
    if not (math.isfinite(x_s) and x_s >= 0):
        raise ValueError(f"exclude_abandon_under_s must be a finite number >= 0, got {x_s!r}")
    if a == 0.0:
        return 1.0
    if n == 0:
        return 0.0
    pw, x, y, log_p = _a_core(n, a, aht_s, patience_s, erlang_b_n)
    if pw == 0.0:
        return 1.0
    u = math.exp(-t_s / patience_s)
    within = (x / y) * _gamma_p_ratio_diff(x + 1.0, y, y * u, log_p)
    sl = 1.0 - pw + pw * within
    if x_s > 0.0:
        ux = math.exp(-x_s / patience_s)
        served_x = (x / y) * _gamma_p_ratio_diff(x + 1.0, y, y * ux, log_p)
        still_x = math.exp(_gamma_pq(x, y * ux)[0] - log_p)  # P(V > X | wait)
        short = pw * max(0.0, 1.0 - served_x - ux * still_x)
        sl /= 1.0 - short
    return min(1.0, max(0.0, sl))


def erlang_a(n: int, a: float, aht_s: float, patience_s: float, t_s: float) -> ErlangA:
    """Every Erlang A figure for ``n`` agents, load ``a`` erlangs, mean patience ``patience_s``.

    Always stable (callers leave), so unlike Erlang C a load above ``n`` has finite
    figures. ASA needs E[V·e^(−θV); V > 0], a log-integral with no gamma form; it is
    the positive series over the queue length j a caller finds (PASTA), where
    P(j | wait) ∝ y^j / ((x+1)…(x+j)) and, given j, V is a sum of exponentials with
    rates θ(x+i), i = 0..j, so E[e^(−θV)] = x/(x+j+1) and
    E[V·e^(−θV)] = x/(x+j+1) · Σ_i 1/(θ(x+i+1)).
    """
    _check_a(n, a, aht_s, patience_s, t_s)
    if a == 0.0:
        return ErlangA(0.0, 0.0, 1.0, 0.0, 0.0)
    if n == 0:
        return ErlangA(1.0, 1.0, 0.0, math.inf, patience_s)
    pw, x, y, log_p = _a_core(n, a, aht_s, patience_s)
    if pw == 0.0:
        return ErlangA(0.0, 0.0, 1.0, 0.0, 0.0)
    log_p1, _, _ = _gamma_pq(x + 1.0, y)
    served_if_wait = min(1.0, (x / y) * math.exp(log_p1 - log_p))
    p_ab = pw * (1.0 - served_if_wait)
    sl = service_level_a(n, a, aht_s, patience_s, t_s)
    # the series for E[V·e^(−θV) | wait], weights q_j = y^j / ((x+1)…(x+j)), in logs
    theta = 1.0 / patience_s
    log_q = 0.0
    peak = 0.0
    harmonic = 0.0  # Σ_{i<=j} 1/(x+i+1)
    num = 0.0  # Σ q_j·x/(x+j+1)·harmonic_j  (scaled by e^(−peak))
    den = 0.0  # Σ q_j
    j = 0
    while True:
        harmonic += 1.0 / (x + j + 1.0)
        if log_q > peak:  # rescale so the largest weight is 1
            s = math.exp(peak - log_q)
            num *= s
            den *= s
            peak = log_q
        w = math.exp(log_q - peak)
        num += w * x / (x + j + 1.0) * harmonic
        den += w
        j += 1
        log_q += math.log(y / (x + j))
        if j > y - x and log_q - peak < -40.0:  # past the mode, the rest is < e^-40
            break
    ev_served = num / den / theta  # E[V·e^(−θV) | wait]
    answered = 1.0 - p_ab
    asa = pw * ev_served / answered if answered > 0 else math.inf
    return ErlangA(pw, p_ab, sl, asa, p_ab * patience_s)
