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
