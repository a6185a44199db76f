"""QA scores as a control chart (DOMAIN §7, seed 003 篇十: "观察一个话务员的连续行为" —
watch the series, not one score; issue #18). Pure maths: no database, no Qt.

**The points.** A series of an agent's (or a group's) scores is cut into periods
(a day, or a week Monday to Sunday); each period with scores is one point, the mean of
its ``n`` scores. A period without a score is no point (nothing was measured).

**The limits.** Centre X̄ and σ come from a *baseline*: the group's individual scores
over a baseline period, in the order they were made (date, then call). σ is one
score's short-term spread, estimated from the moving range of consecutive scores:
σ = MR̄ / d₂ with d₂ = 1.128 (the individuals chart's constant for ranges of two).
Why the moving range and not the standard deviation of the baseline: a drift or a
step inside the baseline (a new script, a hard month) inflates the standard deviation
and would widen the limits until they hide the very change the chart is for; the
moving range only sees neighbour-to-neighbour variation. A point that is the mean
of ``n`` scores varies less than one score, so its limits are X̄ ± 3σ/√n (the X̄
chart with variable subgroup size); for one score a period that is the individuals
chart, X̄ ± 3σ.

**The run rules** (Western Electric; Nelson's 1, 5, 6 and the 8-point run), each on
the point's distance from X̄ in its own σ/√n units, each signal listed with its rule:

1. one point beyond 3σ;
2. two of three consecutive points beyond 2σ on the same side;
3. four of five consecutive points beyond 1σ on the same side;
4. eight consecutive points on the same side of the centre line.

A pattern is marked on the point that completes it, and that point must itself be
one of the pattern's (beyond the zone, on that side).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from models.domain.texts import QT_TRANSLATE_NOOP, Msg

__all__ = ["D2", "RULES", "Baseline", "Chart", "Point", "Signal", "baseline", "chart",
           "period_start", "points"]

#: d₂ for moving ranges of two consecutive values
D2 = 1.128

RULES: dict[int, Msg] = {
    1: QT_TRANSLATE_NOOP("QaChart", "one point beyond 3σ"),
    2: QT_TRANSLATE_NOOP("QaChart", "2 of 3 points beyond 2σ on the same side"),
    3: QT_TRANSLATE_NOOP("QaChart", "4 of 5 points beyond 1σ on the same side"),
    4: QT_TRANSLATE_NOOP("QaChart", "8 points in a row on one side of the centre"),
}
PERIODS = ("day", "week")


@dataclass(frozen=True, slots=True)
class Baseline:
    """X̄ and σ of one score, from ``n`` baseline scores."""

    mean: float
    sigma: float
    n: int

    def limits(self, n: int, k: float = 3.0) -> tuple[float, float]:
        """(lower, upper) at ``k`` σ for the mean of ``n`` scores."""
        half = k * self.sigma / math.sqrt(n)
        return self.mean - half, self.mean + half


@dataclass(frozen=True, slots=True)
class Point:
    """A period's mean of its ``n`` scores."""

    start: date
    n: int
    mean: float


@dataclass(frozen=True, slots=True)
class Signal:
    index: int  # into Chart.points
    rule: int  # 1 to 4 (:data:`RULES`)
    side: int  # +1 above the centre, -1 below

    @property
    def text(self) -> Msg:
        return RULES[self.rule]


@dataclass(frozen=True, slots=True)
class Chart:
    points: tuple[Point, ...]
    base: Baseline
    signals: tuple[Signal, ...]

    def limits(self, i: int) -> tuple[float, float]:
        """The 3σ limits of point ``i`` (they depend on its number of scores)."""
        return self.base.limits(self.points[i].n)


def period_start(d: date, per: str) -> date:
    """The first day of ``d``'s period: the day itself, or its week's Monday."""
    if per == "day":
        return d
    if per == "week":
        return d - timedelta(days=d.weekday())
    raise ValueError(f"unknown period {per!r} (day or week)")


def points(scores: Iterable[tuple[date, float]], per: str = "week") -> tuple[Point, ...]:
    """One point per period that has scores, in time order."""
    sums: dict[date, tuple[int, float]] = {}
    for d, v in scores:
        k = period_start(d, per)
        n, s = sums.get(k, (0, 0.0))
        sums[k] = (n + 1, s + v)
    return tuple(Point(k, n, s / n) for k, (n, s) in sorted(sums.items()))


def baseline(values: Sequence[float]) -> Baseline | None:
    """X̄ and σ = MR̄ / d₂ of ``values`` (individual scores in the order made); None
    with fewer than two (no moving range)."""
    if len(values) < 2:
        return None
    mr = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    return Baseline(sum(values) / len(values), (sum(mr) / len(mr)) / D2, len(values))


def _z(p: Point, base: Baseline) -> float:
    d = p.mean - base.mean
    if base.sigma == 0:  # a baseline without variation: any difference is "far"
        return 0.0 if d == 0 else math.copysign(math.inf, d)
    return d / (base.sigma / math.sqrt(p.n))


def chart(pts: Sequence[Point], base: Baseline) -> Chart:
    """The points against the baseline's limits, with every run-rule signal."""
    z = [_z(p, base) for p in pts]
    out: list[Signal] = []
    for i, zi in enumerate(z):
        side = 1 if zi > 0 else -1 if zi < 0 else 0
        if abs(zi) > 3:
            out.append(Signal(i, 1, side))
        if side == 0:
            continue
        for rule, window, need, k in ((2, 3, 2, 2.0), (3, 5, 4, 1.0)):
            if i + 1 < window or side * zi <= k:
                continue
            if sum(1 for x in z[i + 1 - window:i + 1] if side * x > k) >= need:
                out.append(Signal(i, rule, side))
        if i >= 7 and all(side * x > 0 for x in z[i - 7:i + 1]):
            out.append(Signal(i, 4, side))
    return Chart(tuple(pts), base, tuple(out))
