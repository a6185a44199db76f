"""Interval arithmetic of the rollups (issue #17, DOMAIN §7): pure, no database.

Intervals are 15 minutes aligned on UTC; every floor time zone's offset is a
multiple of 15 minutes, so they are aligned on the floor's clock too. A period
(hour, day, week, month) is the set of 15-minute intervals that start in it on
the floor's clock: its figures are sums of those rows, never averages of them.
Days start at the floor time zone's midnight, weeks on Monday, months on the 1st.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

INTERVAL = timedelta(minutes=15)
BUCKETS = ("hour", "day", "week", "month")
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
        raise ValueError(f"by: one of {', '.join(BUCKETS)}, got {by!r}")
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
        raise ValueError(f"by: one of {', '.join(BUCKETS)}, got {by!r}")
    return naive.replace(tzinfo=tz)


def overlap_s(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> float:
    """Seconds [a0, a1) and [b0, b1) share."""
    s, e = max(a0, b0), min(a1, b1)
    return max(0.0, (e - s).total_seconds())
