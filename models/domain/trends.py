"""What the director's window is looking at (issue #17): one filter for every page.

The window's filter bar (a date range, a granularity, a queue, a group) makes one
:class:`TrendFilter`; the trends charts, the heat map, the agent league table and
the staffing page each read their figures for it. Pure, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from models.domain.rollup import BUCKETS


@dataclass(frozen=True, slots=True)
class TrendFilter:
    """Days ``first`` … ``last`` (both included, floor time), summed per ``by``."""

    first: date
    last: date
    by: str = "day"
    queue: str | None = None  # None: every queue
    group: str | None = None  # None: every agent

    def __post_init__(self) -> None:
        if self.by not in BUCKETS:
            raise ValueError(f"by: one of {', '.join(BUCKETS)}, got {self.by!r}")
        if self.last < self.first:
            raise ValueError(f"the range ends ({self.last}) before it starts ({self.first})")

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) as aware instants: the floor's midnights."""
        return (datetime.combine(self.first, time(), tz),
                datetime.combine(self.last + timedelta(days=1), time(), tz))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


__all__ = ["TrendFilter"]
