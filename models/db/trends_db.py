"""The director's trends, read from the rollups (issue #17, DOMAIN §7).

Every read starts with ``operators.require(conn, by, Right.VIEW_TRENDS)``: the right
is checked where the data is read, so a menu hidden in the console is not the
only guard. The figures are sums of the 15-minute rows (:func:`rollup_db.series`)
with the formulas of :mod:`models.domain.kpi` — the numbers ``seatwatch kpi``
prints for the same range.

The staffing plot's figures (staffed, rostered, required and schedule fit, DOMAIN
§7) come from :func:`models.db.staffing_db.past_plan` — the staffing page's own
per-slot figures — averaged per bucket (:func:`trend_data.staffing_by_bucket`),
read in the same connection after the same right check, and only for ranges of up
to :data:`STAFFING_MAX_DAYS` days: each slot costs an Erlang solve and the roster's
expansion (see tests/perf/bench_trends.py, phase ``staffing``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, timedelta

from sqlalchemy import Connection, Engine

from models.db import operators, rollup_db, staffing_db, store
from models.domain.policy import Policy
from models.domain.roles import Right
from models.domain.trend_data import (
    Staffing,
    Trends,
    TrendSeries,
    compare_filter,
    empty_buckets,
    staffing_by_bucket,
)
from models.domain.trends import TrendFilter

#: the target bands the page shades
BANDED = ("service_level", "answer_rate")
#: the longest range (days) the staffing plot is read for; a longer one is drawn
#: without it and the plot says so
STAFFING_MAX_DAYS = 92


@dataclass(frozen=True, slots=True)
class Choices:
    """What the filter bar offers: queues and groups as the floor setup has them
    now, ``(id, name)`` in id order, and the floor's time zone."""

    queues: tuple[tuple[str, str], ...]
    groups: tuple[tuple[str, str], ...]
    tz: str


def _series(conn: Connection, flt: TrendFilter,
            policy: Policy) -> tuple[TrendSeries, float | None]:
    tz = policy.tz
    lo, hi = flt.bounds(tz)
    rows, t = rollup_db.series(conn, lo, hi, flt.by, flt.queue, flt.group, tz, policy)
    built = {r.start.astimezone(UTC): r for r in rows}
    buckets = []
    for b in empty_buckets(flt, policy):
        r = built.get(b.start.astimezone(UTC))
        buckets.append(b if r is None else replace(b, counts=r.counts, extra=dict(r.extra)))
    return TrendSeries(flt, tuple(buckets)), t


def _staffing(conn: Connection, policy: Policy, series: TrendSeries) -> TrendSeries:
    """``series`` with each bucket's staffing and the range's (the staffing page's
    per-slot figures of the same days, queue and group)."""
    flt, tz = series.flt, policy.tz
    last = flt.last
    if series.buckets:  # by shift the last night shift runs into the next morning
        last = max(last, (series.buckets[-1].end - timedelta(microseconds=1))
                   .astimezone(tz).date())
    plan = staffing_db.past_plan(conn, policy, flt.first, last, flt.queue, flt.group)
    per = staffing_by_bucket(plan.slots, [(b.start, b.end) for b in series.buckets], tz)
    if not series.buckets:
        return TrendSeries(flt, (), Staffing.of(plan.slots))
    lo, hi = series.buckets[0].start.astimezone(UTC), series.buckets[-1].end.astimezone(UTC)
    inside = [s for s in plan.slots if lo <= s.start.replace(tzinfo=tz).astimezone(UTC) < hi]
    return TrendSeries(flt, tuple(replace(b, staffing=s)
                                  for b, s in zip(series.buckets, per, strict=True)),
                       Staffing.of(inside))


def read(engine: Engine, by: str, flt: TrendFilter, compare: str = "none",
         staffing: bool = True) -> Trends:
    """The filter's buckets and, for ``compare``, the earlier period's, for the
    operator ``by`` (who must hold VIEW_TRENDS, checked here); with their staffing
    when ``staffing`` and the range is at most STAFFING_MAX_DAYS days long."""
    cmp = compare_filter(flt, compare)  # a bad choice is refused before reading
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_TRENDS)
        policy = store.current_state(conn).policy
        tz = policy.tz
        series, t = _series(conn, flt, policy)
        other = _series(conn, cmp, policy)[0] if cmp is not None else None
        fits = flt.days <= STAFFING_MAX_DAYS
        if staffing and fits:
            series = _staffing(conn, policy, series)
            other = _staffing(conn, policy, other) if other is not None else None
    return Trends(series, other, compare, t, tz, {k: policy.band(k) for k in BANDED},
                  None if fits else STAFFING_MAX_DAYS)


def choices(engine: Engine, by: str) -> Choices:
    """The queues and groups of the floor setup (the filter bar's lists)."""
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_TRENDS)
        state = store.current_state(conn)
    return Choices(tuple(sorted((q.id, q.name) for q in state.queues.values())),
                   tuple(sorted((g.id, g.name) for g in state.groups.values())),
                   state.policy.timezone)


__all__ = ["BANDED", "STAFFING_MAX_DAYS", "Choices", "choices", "read"]
