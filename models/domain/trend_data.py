"""The trends page's figures (issue #17, DOMAIN §7): buckets of a range, the period
a range is compared with, and the figures of each bucket. Pure, no database.

The page's x axis is the list of every bucket of the filter's range
(:func:`bucket_starts`), built or not; a compared period is laid under it bucket
by bucket: bucket *i* of the earlier period under bucket *i* of this one. The
figures come from :mod:`models.domain.kpi` applied to the bucket's sums, never
from averages of averages.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from models.domain import kpi
from models.domain.kpi import KpiCounts
from models.domain.policy import Band, Policy
from models.domain.rollup import bucket_start, next_bucket, shift_buckets
from models.domain.staffing_plan import BASIS_NOT_BUILT, SlotPlan, schedule_fit
from models.domain.trends import TrendFilter

#: what a range can be compared with: nothing, the same length just before it,
#: a week before, a month before, a year before (same month last year)
COMPARES = ("none", "previous", "last_week", "last_month", "last_year")

_COUNTERS = tuple(f.name for f in fields(KpiCounts))

#: the figures a bucket has, in the order of the page and of the spreadsheet
FIGURES = ("offered", "answered", "abandoned", "service_level", "answer_rate", "asa_s",
           "aht_s", "occupancy")
#: the figures that are fractions (shown as percentages)
PERCENT = frozenset({"service_level", "answer_rate", "occupancy"})
#: a bucket's staffing (the seventh plot, DOMAIN §7 schedule fit 排班契合度): the
#: agents logged in, rostered and required (to roster, with shrinkage), each the
#: average over the bucket's 15-minute slots (agent-hours ÷ hours), and the fit
STAFFING = ("staffed", "rostered", "required", "fit")


def _month_end(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _months_back(d: date, n: int) -> date:
    """``d`` ``n`` months earlier, the day clamped to that month's length."""
    m = d.year * 12 + d.month - 1 - n
    first = date(m // 12, m % 12 + 1, 1)
    return first.replace(day=min(d.day, _month_end(first).day))


def compare_filter(flt: TrendFilter, compare: str) -> TrendFilter | None:
    """The earlier period ``flt`` is compared with (None for ``none``). A range of
    whole months moved by months stays whole months (March → February whole)."""
    if compare not in COMPARES:
        raise ValueError(f"compare: one of {', '.join(COMPARES)}, got {compare!r}")
    if compare == "none":
        return None
    if compare == "previous":
        first = flt.first - timedelta(days=flt.days)
        last = flt.first - timedelta(days=1)
    elif compare == "last_week":
        first, last = flt.first - timedelta(days=7), flt.last - timedelta(days=7)
    else:
        n = 1 if compare == "last_month" else 12
        first, last = _months_back(flt.first, n), _months_back(flt.last, n)
        if flt.last == _month_end(flt.last):
            last = _month_end(last)
    return TrendFilter(first, last, flt.by, flt.queue, flt.group)


def bucket_starts(flt: TrendFilter, tz: ZoneInfo) -> list[datetime]:
    """Every ``by`` bucket (floor time) overlapping the filter's days, in order (by
    hour, day, week or month; shifts: :func:`empty_buckets`)."""
    lo, hi = flt.bounds(tz)
    t = bucket_start(lo, flt.by, tz)
    out = []
    while t < hi:
        out.append(t)
        t = next_bucket(t, flt.by)
    return out


@dataclass(frozen=True, slots=True)
class Staffing:
    """Staffed, rostered and required agents over some 15-minute slots, each the mean
    of the slots' counts (agent-hours ÷ hours; a slot whose figure is unknown — not
    rolled up (the roster too: a day not yet lived), a need without handled calls —
    is left out of that mean), and the
    slots' schedule fit 1 − Σ|rostered − required| ÷ Σ required
    (:func:`~models.domain.staffing_plan.schedule_fit`). None: no slot known."""

    staffed: float | None
    rostered: float | None
    required: float | None
    fit: float | None

    @classmethod
    def of(cls, slots: Sequence[SlotPlan]) -> Staffing:
        on = [s.staffed for s in slots if s.staffed is not None]
        need = [s.to_roster for s in slots if s.to_roster is not None]
        # the roster over the slots that were rolled up, like the other two: a range
        # running into days not yet lived must not average their empty roster in
        built = [s.rostered for s in slots if s.basis != BASIS_NOT_BUILT]
        return cls(sum(on) / len(on) if on else None,
                   sum(built) / len(built) if built else None,
                   sum(need) / len(need) if need else None, schedule_fit(slots))

    def get(self, name: str) -> float | None:
        return cast(float | None, getattr(self, name))


def staffing_by_bucket(slots: Sequence[SlotPlan],
                       bounds: Sequence[tuple[datetime, datetime]],
                       tz: ZoneInfo) -> list[Staffing]:
    """The slots (floor time, naive starts) gathered into the buckets [start, end)
    of ``bounds`` (aware, in order; any kind of bucket, shifts too): each bucket's
    :class:`Staffing`."""
    cuts = [b[0].astimezone(UTC) for b in bounds]
    groups: list[list[SlotPlan]] = [[] for _ in bounds]
    for s in slots:
        t = s.start.replace(tzinfo=tz).astimezone(UTC)
        i = bisect_right(cuts, t) - 1
        if i >= 0 and t < bounds[i][1].astimezone(UTC):
            groups[i].append(s)
    return [Staffing.of(g) for g in groups]


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bucket's sums; ``counts`` None when no interval of it was rolled up;
    ``staffing`` None when it was not read (a range over the limit)."""

    start: datetime
    end: datetime
    counts: KpiCounts | None = None
    extra: dict[str, float | int] = field(default_factory=dict)
    #: a shift bucket's shift name ("" between shifts: off shift); None otherwise
    shift: str | None = None
    staffing: Staffing | None = None

    def figures(self, sl_threshold_s: float | None) -> dict[str, Any]:
        if self.counts is None:
            return dict.fromkeys(FIGURES)
        d = kpi.as_dict(self.counts, sl_threshold_s or 0.0)
        return {n: d[n] for n in FIGURES}


def empty_buckets(flt: TrendFilter, policy: Policy) -> list[Bucket]:
    """Every bucket of the filter's days, none read yet. By shift: the policy's shift
    periods that start on those days, each whole (the night shift of the last day
    runs into the next morning; the one begun the evening before the first day is
    not there), see :func:`models.domain.rollup.shift_buckets`."""
    tz = policy.tz
    if flt.by == "shift":
        lo, hi = flt.bounds(tz)
        return [Bucket(s.start, s.end, shift=s.name) for s in shift_buckets(policy, lo, hi)]
    return [Bucket(s, next_bucket(s, flt.by)) for s in bucket_starts(flt, tz)]


@dataclass(frozen=True, slots=True)
class TrendSeries:
    """A range's buckets, every one of them (built or not), in order."""

    flt: TrendFilter
    buckets: tuple[Bucket, ...]
    #: the whole range's staffing (None: not read)
    staffing: Staffing | None = None

    @property
    def empty(self) -> bool:
        return all(b.counts is None for b in self.buckets)

    def total(self) -> KpiCounts:
        """The range's sums: one set of counters, added bucket by bucket."""
        built = [b.counts for b in self.buckets if b.counts is not None]
        # field by field, as kpi.merge adds them (a year by hour: 8,760 merges were slow)
        return KpiCounts(**{n: sum(getattr(c, n) for c in built) for n in _COUNTERS})

    def column(self, name: str, sl_threshold_s: float | None) -> list[float | None]:
        return [b.figures(sl_threshold_s)[name] for b in self.buckets]


@dataclass(frozen=True, slots=True)
class Trends:
    """What the trends page shows for one filter: its series, the compared one,
    the SL threshold the rollups were built with and the policy's target bands."""

    series: TrendSeries
    compare: TrendSeries | None
    compare_kind: str
    sl_threshold_s: float | None
    tz: ZoneInfo
    bands: dict[str, Band]
    #: set when the range is longer than this many days: its staffing was not read
    staffing_max_days: int | None = None

    def totals(self) -> dict[str, Any]:
        return Bucket(self.series.buckets[0].start if self.series.buckets else datetime.min,
                      self.series.buckets[-1].end if self.series.buckets else datetime.min,
                      self.series.total()).figures(self.sl_threshold_s)


__all__ = ["COMPARES", "FIGURES", "PERCENT", "STAFFING", "Bucket", "Staffing", "TrendSeries",
           "Trends", "bucket_starts", "compare_filter", "empty_buckets", "staffing_by_bucket"]
