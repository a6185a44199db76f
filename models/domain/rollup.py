"""Interval arithmetic of the rollups (issue #17, DOMAIN §7): pure, no database.

Intervals are 15 minutes aligned on UTC; every floor time zone's offset is a
multiple of 15 minutes, so they are aligned on the floor's clock too. A period
(hour, day, week, month) is the set of 15-minute intervals that start in it on
the floor's clock: its figures are sums of those rows, never averages of them.
Days start at the floor time zone's midnight, weeks on Monday, months on the 1st.

A shift bucket (issue #17, "a shift view groups by the shift periods the floor
already knows") is one instance of a policy shift (:meth:`Policy.shift_period`), or
the gap between two, named "" (off shift): a night shift 20:00–08:00 is ONE bucket
across midnight. The shift buckets of a range are those that **start** in it (the
night shift of the 3rd is the one starting on the 3rd's evening, counted whole up
to the 4th's 08:00; the one that began on the 2nd's evening belongs to the 2nd).
So a range of whole days by shift covers its days moved to the first shift's start:
its sums equal the day view's where the shifts start at midnight (早/中/晚班
00–08–16–24), and otherwise equal the sums of the same instants by hour.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from models.domain.policy import Policy

INTERVAL = timedelta(minutes=15)
BUCKETS = ("hour", "day", "week", "month", "shift")
#: the buckets of the floor's calendar (the clock alone places a time in one of them)
CLOCK_BUCKETS = ("hour", "day", "week", "month")
#: abandons within this many seconds are kept apart (issue #17), whatever T is
SHORT_ABANDON_S = 5.0


def interval_start(t: datetime) -> datetime:
    """The start of the 15-minute interval holding ``t`` (UTC)."""
    t = t.astimezone(UTC)
    return t.replace(minute=t.minute - t.minute % 15, second=0, microsecond=0)


def intervals(start: datetime, end: datetime) -> Iterator[datetime]:
    """Every interval start overlapping [start, end), in order."""
    t = interval_start(start)
    end = end.astimezone(UTC)
    while t < end:
        yield t
        t += INTERVAL


def bucket_start(t: datetime, by: str, tz: ZoneInfo) -> datetime:
    """The start (floor time, aware) of the ``by`` bucket holding ``t``."""
    local = t.astimezone(tz)
    if by == "hour":
        b = local.replace(minute=0, second=0, microsecond=0)
        return b  # the fold of an ambiguous hour is kept by astimezone
    day = local.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    if by == "day":
        pass
    elif by == "week":
        day -= timedelta(days=day.weekday())
    elif by == "month":
        day = day.replace(day=1)
    else:
        raise ValueError(f"by: one of {', '.join(CLOCK_BUCKETS)}, got {by!r} "
                         "(shifts: shift_buckets)")
    return day.replace(tzinfo=tz)


def next_bucket(b: datetime, by: str) -> datetime:
    """The start of the bucket after the one starting at ``b`` (floor time)."""
    tz = b.tzinfo
    if by == "hour":
        return (b.astimezone(UTC) + timedelta(hours=1)).astimezone(tz)
    naive = b.replace(tzinfo=None)
    if by == "day":
        naive += timedelta(days=1)
    elif by == "week":
        naive += timedelta(days=7)
    elif by == "month":
        naive = naive.replace(year=naive.year + naive.month // 12,
                              month=naive.month % 12 + 1)
    else:
        raise ValueError(f"by: one of {', '.join(CLOCK_BUCKETS)}, got {by!r} "
                         "(shifts: shift_buckets)")
    return naive.replace(tzinfo=tz)


@dataclass(frozen=True, slots=True)
class ShiftBucket:
    """One shift instance (or the gap between two, ``name`` "") of floor time."""

    start: datetime
    end: datetime
    name: str


def shift_buckets(policy: Policy, start: datetime, end: datetime) -> list[ShiftBucket]:
    """The policy's shift periods that start in [start, end), in order, each ending
    where the next begins (floor time, aware). A period under way at ``start`` (the
    night shift begun the evening before) is left to the range before; the last one
    runs to its own end, past ``end``. Where shifts overlap, the one that started
    last holds the time (:meth:`Policy.shift_period`); the one it interrupted
    resumes after it as its own bucket."""
    tz = policy.tz
    lo, hi = start.astimezone(UTC), end.astimezone(UTC)
    out: list[ShiftBucket] = []
    p = policy.shift_period(lo)
    t = lo if p.start >= lo else p.end  # a period under way belongs to the range before
    while t < hi:
        p = policy.shift_period(t)
        b0, b1 = max(p.start, t), p.end
        if b1 <= b0:  # never: a period holds the instant it was asked for
            raise ValueError(f"the policy's shifts make no progress at {t.isoformat()}")
        out.append(ShiftBucket(b0.astimezone(tz), b1.astimezone(tz), p.name))
        t = b1
    return out


def overlap_s(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> float:
    """Seconds [a0, a1) and [b0, b1) share."""
    s, e = max(a0, b0), min(a1, b1)
    return max(0.0, (e - s).total_seconds())
