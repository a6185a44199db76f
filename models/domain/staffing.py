"""Staffing inputs that need no queueing maths (issue #17): the per-slot call forecast and
the §9 role capacity of a city-management floor.

Pure: plain mappings in, frozen values out. The interval rollups supply the history
(slot start → calls offered); the holiday calendar supplies the holidays.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

SLOT = timedelta(minutes=15)
SLOTS_PER_DAY = 96

#: how a slot's forecast was made
BASIS_WEEKDAY = "weekday"  # mean of the same weekday's slot over the last N ordinary weeks
BASIS_HOLIDAY = "holiday"  # a holiday: mean of the slot over the past holidays
BASIS_HOLIDAY_AS_WEEKDAY = "holiday_as_weekday"  # a holiday with none in the past: flagged
BASIS_NONE = "none"  # no past day to go by: no number


@dataclass(frozen=True, slots=True)
class SlotForecast:
    start: datetime  # the slot's start, the floor's local wall-clock time (naive)
    offered: float | None  # expected calls offered in the slot; None: no history to go by
    basis: str  # one of the BASIS_* above
    samples: int  # how many past days were averaged


def _local_slot(key: datetime, tz: tzinfo | None) -> datetime:
    if not isinstance(key, datetime):
        raise ValueError(f"history key {key!r} is not a slot start (a datetime)")
    if key.tzinfo is not None:
        if tz is None:
            raise ValueError(f"history key {key.isoformat()} has a time zone: pass tz, the "
                             "floor's time zone, to read it in local time")
        key = key.astimezone(tz).replace(tzinfo=None)
    if key.minute % 15 or key.second or key.microsecond:
        raise ValueError(f"history key {key.isoformat()} is not the start of a 15-minute slot")
    return key


def _days_of(history: Mapping[datetime, float], tz: tzinfo | None,
             before: date) -> dict[date, list[float]]:
    """Each covered local date's 96 slot counts, dates before ``before`` only; a date
    inside the history's first..last such date with no row for a slot had no calls."""
    rows: dict[date, list[float]] = {}
    for key, value in history.items():
        local = _local_slot(key, tz)
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value) or value < 0:
            raise ValueError(f"history at {local.isoformat()}: calls offered must be a "
                             f"number >= 0, got {value!r}")
        if local.date() >= before:
            continue
        day = rows.setdefault(local.date(), [0.0] * SLOTS_PER_DAY)
        day[(local.hour * 60 + local.minute) // 15] += float(value)
    if rows:
        d, last = min(rows), max(rows)
        while d < last:
            d += timedelta(days=1)
            rows.setdefault(d, [0.0] * SLOTS_PER_DAY)
    return rows


def _mean(days: list[list[float]]) -> list[float]:
    return [sum(col) / len(days) for col in zip(*days, strict=True)]


def forecast(history: Mapping[datetime, float], start: date, days: int, weeks: int,
             holidays: Collection[date] = (), tz: tzinfo | None = None) -> list[SlotForecast]:
    """Calls offered per 15-minute slot for ``days`` days from ``start`` (issue #17).

    Only history before ``start`` is used; its dates run from the first to the last date
    it holds, a missing slot inside them being a slot without calls (so pass whole days).
    Keys are slot starts in the floor's local time: naive, or aware and read in ``tz``.

    * an ordinary day: per slot, the mean over the ``weeks`` most recent past days of
      the same weekday that were not holidays (a holiday in those weeks is passed over,
      so a week with 国庆 in it does not pull a Tuesday down);
    * a holiday (a date in ``holidays``, the calendar's 法定节假日): the mean of the slot
      over every past holiday in the history; with none, the ordinary rule, flagged
      ``holiday_as_weekday``;
    * no past day to go by: ``offered`` is None (basis ``none``), never a silent 0.
    """
    if isinstance(start, datetime) or not isinstance(start, date):
        raise ValueError(f"start must be a date, got {start!r}")
    for name, value, top in (("days", days, 400), ("weeks", weeks, 520)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
            raise ValueError(f"{name} must be a whole number from 1 to {top}, got {value!r}")
    past = _days_of(history, tz, start)
    off = frozenset(holidays)
    past_holidays = [v for d, v in past.items() if d in off]
    holiday_mean = _mean(past_holidays) if past_holidays else None
    ordinary = sorted((d for d in past if d not in off), reverse=True)
    by_weekday: dict[int, list[date]] = {}
    for d in ordinary:
        picked = by_weekday.setdefault(d.weekday(), [])
        if len(picked) < weeks:
            picked.append(d)
    weekday_mean = {wd: _mean([past[d] for d in ds]) for wd, ds in by_weekday.items()}
    out: list[SlotForecast] = []
    for i in range(days):
        day = start + timedelta(days=i)
        wd = day.weekday()
        n_wd = len(by_weekday.get(wd, ()))
        if day in off and holiday_mean is not None:
            means: list[float] | None = holiday_mean
            basis, samples = BASIS_HOLIDAY, len(past_holidays)
        elif n_wd:
            means = weekday_mean[wd]
            basis = BASIS_HOLIDAY_AS_WEEKDAY if day in off else BASIS_WEEKDAY
            samples = n_wd
        else:
            means, basis, samples = None, BASIS_NONE, 0
        midnight = datetime.combine(day, time(0))
        for s in range(SLOTS_PER_DAY):
            out.append(SlotForecast(midnight + s * SLOT, None if means is None else means[s],
                                    basis, samples))
    return out


def next_month(today: date) -> tuple[date, int]:
    """(first day, number of days) of the month after ``today``'s: the month whose per-slot
    staffing is due by the 25th (R-REPORT-1)."""
    first = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    return first, calendar.monthrange(first.year, first.month)[1]


# ---- §9 role capacity (city-management centers, seed 000 第五篇) -------------------------

#: daily saturation per person of the case-handling roles, measured by the seed's time
#: study (技术测定法): 受理员 153, 值班长 150, 督查员 267, 派遣员 132 cases a day
SATURATION: Mapping[str, int] = {"intake": 153, "shift_leader": 150, "inspector": 267,
                                 "dispatcher": 132}
#: the 12319 public-opinion monitor handles its own stream: 21 a day each
MONITOR_SATURATION = 21
ROLE_NAMES: Mapping[str, str] = {"intake": "受理员", "shift_leader": "值班长",
                                 "inspector": "督查员", "dispatcher": "派遣员",
                                 "monitor": "12319舆情监控"}


@dataclass(frozen=True, slots=True)
class RoleCapacity:
    cases_per_day: int  # the floor's daily case capacity: min over the roles
    bottleneck: tuple[str, ...]  # the role(s) at that minimum (短板)
    by_role: Mapping[str, int]  # people × saturation, per case-handling role
    monitor_cases_per_day: int  # the 12319 stream, apart


def _counts(counts: Mapping[str, int]) -> dict[str, int]:
    known = {*SATURATION, "monitor"}
    for role, people in counts.items():
        if role not in known:
            raise ValueError(f"unknown role {role!r}: expected one of {', '.join(sorted(known))}")
        if isinstance(people, bool) or not isinstance(people, int) or people < 0:
            raise ValueError(f"people in role {role!r} must be a whole number >= 0, "
                             f"got {people!r}")
    return {role: counts.get(role, 0) for role in known}


def role_capacity(counts: Mapping[str, int]) -> RoleCapacity:
    """DOMAIN §9: the floor's daily cases = min over intake, shift leader, inspector and
    dispatcher of people × saturation; the 12319 monitors add their own 21 a day each.

    The seed's two examples: one of each → 132 (the seed rounds it to "about 130";
    the dispatcher is the bottleneck); 2/2/2/3 → 300 (the shift leader is)."""
    c = _counts(counts)
    by_role = {role: c[role] * sat for role, sat in SATURATION.items()}
    low = min(by_role.values())
    return RoleCapacity(low, tuple(r for r, v in by_role.items() if v == low), by_role,
                        c["monitor"] * MONITOR_SATURATION)


def roles_needed(cases_per_day: int, monitor_cases_per_day: int = 0) -> dict[str, int]:
    """People per role for a daily case load: ⌈cases ÷ saturation⌉ each (300 cases →
    2/2/2/3, the seed's second example)."""
    for name, v in (("cases_per_day", cases_per_day),
                    ("monitor_cases_per_day", monitor_cases_per_day)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(f"{name} must be a whole number >= 0, got {v!r}")
    need = {role: -(-cases_per_day // sat) for role, sat in SATURATION.items()}
    need["monitor"] = -(-monitor_cases_per_day // MONITOR_SATURATION)
    return need
