"""The live SL projection's series as it was first written (issue #17): pure Python,
one jump at a time, uniformized at λ + n/AHT over every state. Kept as the reference
the faster series in models/sim/staffing.py (issue #20) is checked against, and
timed against by tests/perf/bench_projection.py."""

from __future__ import annotations

import math
import operator

from models.sim import erlang


def future_in_sl(rate: float, remaining: float, n: int, k0: int, aht: float,
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
