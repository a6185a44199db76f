"""The per-slot call forecast and §9 role capacity (models/domain/staffing.py, issue #17)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from models.domain.staffing import (
    BASIS_HOLIDAY,
    BASIS_HOLIDAY_AS_WEEKDAY,
    BASIS_NONE,
    BASIS_WEEKDAY,
    SLOTS_PER_DAY,
    forecast,
    next_month,
    role_capacity,
    roles_needed,
)

MON = date(2026, 11, 2)  # a Monday; the forecast starts five weeks later
START = MON + timedelta(weeks=5)


def _at(d: date, hh: int, mm: int = 0) -> datetime:
    return datetime(d.year, d.month, d.day, hh, mm)


def _history(mondays_0900: list[float]) -> dict[datetime, float]:
    """Five weeks: Mondays' 09:00 slot as given (oldest first), 09:15 always 4, the
    rest silent; one call on the last Sunday closes the range."""
    h: dict[datetime, float] = {}
    for i, v in enumerate(mondays_0900):
        day = MON + timedelta(weeks=i)
        h[_at(day, 9)] = v
        h[_at(day, 9, 15)] = 4
    h[_at(START - timedelta(days=1), 12)] = 1
    return h


def test_mean_of_the_last_n_same_weekdays() -> None:
    out = forecast(_history([100, 10, 20, 30, 40]), START, 7, weeks=4)
    assert len(out) == 7 * SLOTS_PER_DAY
    by = {f.start: f for f in out}
    # the four most recent Mondays: (10 + 20 + 30 + 40) / 4; the oldest (100) is out
    assert by[_at(START, 9)].offered == 25.0
    assert by[_at(START, 9)].basis == BASIS_WEEKDAY and by[_at(START, 9)].samples == 4
    assert by[_at(START, 9, 15)].offered == 4.0
    assert by[_at(START, 9, 30)].offered == 0.0  # covered, no calls
    # Sunday: one call at 12:00 on the last Sunday of four -> 0.25
    sunday = START + timedelta(days=6)
    assert by[_at(sunday, 12)].offered == 0.25 and by[_at(sunday, 12)].samples == 4
    # Tuesday of the first week is inside the range: silent, counted
    assert by[_at(START + timedelta(days=1), 9)].offered == 0.0
    assert forecast(_history([100, 10, 20, 30, 40]), START, 1, weeks=2)[36].offered == 35.0


def test_holidays_are_forecast_from_past_holidays() -> None:
    h = _history([100, 10, 20, 30, 40])
    past_holiday = MON + timedelta(weeks=3)  # the Monday with 30 at 09:00
    future_holiday = START + timedelta(days=2)  # a Wednesday
    h[_at(past_holiday, 10)] = 50
    out = {f.start: f for f in forecast(h, START, 7, weeks=4,
                                        holidays={past_holiday, future_holiday})}
    # the past holiday left the Monday sample; the four ordinary Mondays are 100, 10, 20, 40
    assert out[_at(START, 9)].offered == 42.5
    assert out[_at(START, 10)].offered == 0.0
    # the Wednesday holiday: that one past holiday's slots
    wed = out[_at(future_holiday, 9)]
    assert (wed.offered, wed.basis, wed.samples) == (30.0, BASIS_HOLIDAY, 1)
    assert out[_at(future_holiday, 10)].offered == 50.0
    # with no holiday in the history, a holiday is forecast as its weekday, flagged
    alone = {f.start: f for f in forecast(_history([100, 10, 20, 30, 40]), START, 7, weeks=4,
                                          holidays={future_holiday})}
    assert alone[_at(future_holiday, 9)].basis == BASIS_HOLIDAY_AS_WEEKDAY
    assert alone[_at(future_holiday, 9)].offered == 0.0


def test_no_history_is_no_number_and_the_future_is_not_used() -> None:
    # the history runs from its first to its last date: two Mondays, a week apart
    h = {_at(MON, 9): 10.0, _at(MON + timedelta(weeks=1), 9): 20.0}
    h[_at(START, 9)] = 9999  # on/after start: not history
    out = {f.start: f for f in forecast(h, START, 2, weeks=4)}
    assert out[_at(START, 9)].offered == 15.0 and out[_at(START, 9)].samples == 2
    # a Tuesday lies inside that range (silent); with the range closed on the last
    # Sunday, the three Mondays after the two count as silent: (20 + 0 + 0 + 0) / 4, the
    # first Monday (10) being the fifth most recent
    assert out[_at(START + timedelta(days=1), 9)].samples == 1
    h[_at(START - timedelta(days=1), 9)] = 1.0
    assert forecast(h, START, 1, weeks=4)[36].offered == 5.0
    empty = forecast({}, START, 2, weeks=4)
    assert all(f.offered is None and f.basis == BASIS_NONE for f in empty)


def test_aware_keys_are_read_in_the_floors_time_zone() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    h = {datetime(2026, 11, 30, 1, 0, tzinfo=UTC): 12.0}  # 09:00 in Shanghai, Monday
    out = {f.start: f for f in forecast(h, START, 1, weeks=4, tz=shanghai)}
    assert out[_at(START, 9)].offered == 12.0
    with pytest.raises(ValueError, match="2026-11-30T01:00:00\\+00:00.*pass tz"):
        forecast(h, START, 1, weeks=4)


@pytest.mark.parametrize("history, kwargs, message", [
    ({datetime(2026, 11, 2, 9, 7): 1}, {}, "2026-11-02T09:07:00 is not the start of a 15"),
    ({datetime(2026, 11, 2, 9, 0): -1}, {}, "history at 2026-11-02T09:00:00"),
    ({datetime(2026, 11, 2, 9, 0): float("nan")}, {}, "history at 2026-11-02T09:00:00"),
    ({}, {"weeks": 0}, "weeks must be"),
    ({}, {"days": 0}, "days must be"),
    ({}, {"start": datetime(2026, 12, 7, 0, 0)}, "start must be a date"),
])
def test_bad_input_names_it(history: dict[datetime, float], kwargs: dict[str, object],
                            message: str) -> None:
    args: dict[str, object] = {"start": START, "days": 7, "weeks": 4}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        forecast(history, **args)  # type: ignore[arg-type]


def test_next_month() -> None:
    assert next_month(date(2026, 12, 7)) == (date(2027, 1, 1), 31)
    assert next_month(date(2028, 1, 25)) == (date(2028, 2, 1), 29)
    first, n = next_month(date(2026, 10, 25))
    assert len(forecast(_history([1, 2, 3, 4, 5]), first, n, weeks=4)) == 30 * 96


# ---- §9 role capacity ----------------------------------------------------------------


def test_the_seeds_two_floors() -> None:
    one = role_capacity({"intake": 1, "shift_leader": 1, "inspector": 1, "dispatcher": 1,
                         "monitor": 1})
    # DOMAIN §9: the seed says "about 130"; the dispatcher's 132 is the minimum
    assert (one.cases_per_day, one.bottleneck, one.monitor_cases_per_day) == (
        132, ("dispatcher",), 21)
    ten = role_capacity({"intake": 2, "shift_leader": 2, "inspector": 2, "dispatcher": 3,
                         "monitor": 1})
    assert (ten.cases_per_day, ten.bottleneck) == (300, ("shift_leader",))
    assert dict(ten.by_role) == {"intake": 306, "shift_leader": 300, "inspector": 534,
                                 "dispatcher": 396}
    # and back: 300 cases a day need the seed's 2/2/2/3 (+1 monitor for 21 opinions)
    assert roles_needed(300, 21) == {"intake": 2, "shift_leader": 2, "inspector": 2,
                                     "dispatcher": 3, "monitor": 1}


def test_a_missing_role_stops_the_floor_and_ties_are_all_named() -> None:
    none = role_capacity({"intake": 3, "shift_leader": 3, "inspector": 3})
    assert (none.cases_per_day, none.bottleneck) == (0, ("dispatcher",))
    assert role_capacity({}).bottleneck == ("intake", "shift_leader", "inspector",
                                            "dispatcher")


def test_capacity_bad_input() -> None:
    with pytest.raises(ValueError, match="unknown role 'typist'"):
        role_capacity({"typist": 1})
    with pytest.raises(ValueError, match="people in role 'intake'"):
        role_capacity({"intake": -1})
    with pytest.raises(ValueError, match="cases_per_day"):
        roles_needed(-5)
