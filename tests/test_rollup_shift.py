"""Issue #17 "a shift view groups by the shift periods the floor already knows (a
night shift counts as one)": the fifth bucket of the rollups, ``shift``, on both
engines. Figures are sums of the 15-minute rows (R-KPI-1 接通率, SL, ASA …),
checked against the hour view of the same instants and against a recount."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from console.cli import main
from models.db import rollup_db
from models.domain.policy import Policy, ShiftDef
from models.domain.rollup import shift_buckets
from models.domain.trend_data import empty_buckets
from models.domain.trends import TrendFilter
from tests.helpers import seed_floor
from tests.test_rollup import T, _call, _fill_rollups, close, recount

SH = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
#: the default policy's shifts: 白班 08:00–20:00, 夜班 20:00–08:00 (across midnight)
DAY_NIGHT = Policy()
#: office hours only: 08:00–17:00, the rest of the day is off shift
OFFICE = Policy(shifts=(ShiftDef("正常班", time(8, 0), time(17, 0)),))
#: three shifts that start at midnight (早/中/晚班)
THREE = Policy(shifts=(ShiftDef("早班", time(0, 0), time(8, 0)),
                       ShiftDef("中班", time(8, 0), time(16, 0)),
                       ShiftDef("晚班", time(16, 0), time(0, 0))))


def _at(d: int, h: int, m: int = 0) -> datetime:
    return datetime(2026, 3, d, h, m, tzinfo=SH)


def _floor(eng: sa.Engine) -> None:
    seed_floor(eng, _at(1, 0), queues=[{"id": "Q1", "name": "热线"}],
               agents=[{"id": "A1", "name": "张三"}])


def _sums(rows: list[rollup_db.SeriesRow]) -> tuple[int, int, int, int, float]:
    c = rollup_db.total(rows)
    return (c.offered, c.answered, c.abandoned, sum(r.intervals for r in rows), c.talk_s)


def test_calls_at_23_and_02_land_in_one_night_shift_bucket(eng: sa.Engine) -> None:
    _floor(eng)
    with eng.begin() as c:
        _call(c, "C1", _at(2, 10))  # the 2nd's day shift
        _call(c, "C2", _at(2, 23), wait=30.0)  # the 2nd's night shift …
        _call(c, "C3", _at(3, 2), "abandoned", wait=40.0)  # … after midnight too
        _call(c, "C4", _at(3, 7, 59))  # its last minutes
        _call(c, "C5", _at(3, 8))  # the 3rd's day shift
    rollup_db.rebuild(eng, _at(2, 0), _at(4, 0), DAY_NIGHT, now=_at(4, 0))
    with eng.connect() as c:
        rows, t = rollup_db.series(c, _at(2, 0), _at(3, 0), "shift", tz=SH,
                                   policy=DAY_NIGHT)
        direct = recount(c, _at(2, 20), _at(3, 8))
    assert t == T
    # the shifts that start on the 2nd, each whole: the night runs to the 3rd's 08:00
    assert [(r.start, r.end, r.shift) for r in rows] == [
        (_at(2, 8), _at(2, 20), "白班"), (_at(2, 20), _at(3, 8), "夜班")]
    night = rows[1]
    assert night.intervals == 48  # twelve hours of 15-minute rows
    f = night.figures(T)
    assert (f["offered"], f["answered"], f["abandoned"]) == (3, 2, 1)
    assert f["shift"] == "夜班"
    for name in ("offered", "answered", "abandoned", "service_level", "answer_rate",
                 "asa_s", "aht_s"):
        assert close(f[name], direct[name]), name
    # the 2nd by day holds only the night's hours before midnight
    with eng.connect() as c:
        days, _ = rollup_db.series(c, _at(2, 0), _at(3, 0), "day", tz=SH)
    assert days[0].counts.offered == 2 and days[0].shift is None
    assert "shift" not in days[0].figures(T)


def test_shift_sums_equal_the_hours_of_the_same_instants_and_the_days_at_midnight_shifts(
        eng: sa.Engine) -> None:
    with eng.begin() as c:
        _fill_rollups(c, _at(1, 0), _at(9, 0))
    with eng.connect() as c:
        shifts, _ = rollup_db.series(c, _at(2, 0), _at(6, 0), "shift", policy=DAY_NIGHT)
        hours, _ = rollup_db.series(c, _at(2, 8), _at(6, 8), "hour", tz=SH)
        # shifts that start at midnight: the shift view of whole days is the day view
        three, _ = rollup_db.series(c, _at(2, 0), _at(6, 0), "shift", policy=THREE)
        days, _ = rollup_db.series(c, _at(2, 0), _at(6, 0), "day", tz=SH)
    assert len(shifts) == 8 and [r.shift for r in shifts[:2]] == ["白班", "夜班"]
    assert _sums(shifts) == _sums(hours)
    assert all(r.intervals == 48 and r.counts.offered == 144 for r in shifts)
    assert len(three) == 12 and len(days) == 4
    assert _sums(three) == _sums(days)
    for d in days:  # and day by day
        mine = [r for r in three if r.start.date() == d.start.date()]
        assert [r.shift for r in mine] == ["早班", "中班", "晚班"]
        assert _sums(mine) == _sums([d])
    # agent time is summed the same way (occupancy from the sums, not a mean)
    assert sum(r.extra["logged_in_s"] for r in shifts) == \
        sum(r.extra["logged_in_s"] for r in hours)


def test_the_gap_between_office_hours_is_an_off_shift_bucket(eng: sa.Engine) -> None:
    _floor(eng)
    with eng.begin() as c:
        _call(c, "C1", _at(2, 9))
        _call(c, "C2", _at(2, 18))  # after hours
        _call(c, "C3", _at(3, 6))  # before the next day's office opens
    rollup_db.rebuild(eng, _at(2, 0), _at(4, 0), OFFICE, now=_at(4, 0))
    with eng.connect() as c:
        rows, _ = rollup_db.series(c, _at(2, 0), _at(3, 0), "shift", tz=SH, policy=OFFICE)
    assert [(r.start, r.end, r.shift, r.counts.offered) for r in rows] == [
        (_at(2, 8), _at(2, 17), "正常班", 1), (_at(2, 17), _at(3, 8), "", 2)]


def test_a_dst_floors_night_shift_is_one_bucket_of_thirteen_hours(eng: sa.Engine) -> None:
    """Berlin's clocks go back in the night of 24/25 October 2026: that night shift
    (20:00–08:00 on the wall) lasts 13 hours, one bucket of 52 intervals."""
    berlin = Policy(timezone="Europe/Berlin")
    with eng.begin() as c:
        _fill_rollups(c, datetime(2026, 10, 23, tzinfo=BERLIN),
                      datetime(2026, 10, 28, tzinfo=BERLIN))
    with eng.connect() as c:
        rows, _ = rollup_db.series(c, datetime(2026, 10, 24, tzinfo=BERLIN),
                                   datetime(2026, 10, 26, tzinfo=BERLIN), "shift",
                                   policy=berlin)
        hours, _ = rollup_db.series(c, datetime(2026, 10, 24, 8, tzinfo=BERLIN),
                                    datetime(2026, 10, 26, 8, tzinfo=BERLIN), "hour",
                                    tz=BERLIN)
    assert [(r.start.strftime("%d %H:%M"), r.shift, r.intervals) for r in rows] == [
        ("24 08:00", "白班", 48), ("24 20:00", "夜班", 52), ("25 08:00", "白班", 48),
        ("25 20:00", "夜班", 48)]
    assert rows[1].end.astimezone(UTC) - rows[1].start.astimezone(UTC) == timedelta(hours=13)
    assert _sums(rows) == _sums(hours) and len(hours) == 49


def test_the_trend_buckets_of_days_by_shift_are_the_shifts_starting_on_them() -> None:
    flt = TrendFilter(date(2026, 12, 5), date(2026, 12, 7), "shift")  # Sat … Mon
    weekdays = Policy(shifts=(ShiftDef("正常班", time(8), time(17),
                                       days=frozenset(range(1, 6))),))
    got = [(b.start.strftime("%m-%d %H:%M"), b.shift) for b in empty_buckets(flt, weekdays)]
    # the weekend's gap began on Friday evening: it belongs to Friday, not this range
    assert got == [("12-07 08:00", "正常班"), ("12-07 17:00", "")]
    assert len(empty_buckets(flt, DAY_NIGHT)) == 6
    with pytest.raises(ValueError):
        TrendFilter(date(2026, 12, 5), date(2026, 12, 7), "shifts")
    # every bucket ends where the next begins, whatever the policy
    for p in (DAY_NIGHT, OFFICE, THREE, weekdays):
        bs = shift_buckets(p, datetime(2026, 12, 1, tzinfo=SH), datetime(2026, 12, 15, tzinfo=SH))
        assert all(a.end == b.start for a, b in zip(bs, bs[1:], strict=False))


def test_kpi_by_shift_prints_a_line_per_shift_and_json_names_it(
        eng: sa.Engine, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _floor(eng)  # the floor's policy: the default 白班 / 夜班
    with eng.begin() as c:
        _call(c, "C1", _at(2, 10))
        _call(c, "C2", _at(2, 23))
        _call(c, "C3", _at(3, 2), "abandoned", wait=40.0)
    rollup_db.rebuild(eng, _at(2, 0), _at(4, 0), DAY_NIGHT, now=_at(4, 0))
    capsys.readouterr()
    assert main(["kpi", "--db", db_url, "--from", "2026-03-02", "--to", "2026-03-02",
                 "--by", "shift"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[1] == "班次"
    night = next(line for line in out if "2026-03-02 20:00" in line)
    assert night.split()[:5] == ["2026-03-02", "20:00", "夜班", "2", "1"]
    day = next(line for line in out if "2026-03-02 08:00" in line)
    assert day.split()[2:4] == ["白班", "1"]
    assert any(line.startswith("合计") and line.split()[1] == "3" for line in out)
    assert "Asia/Shanghai" in out[-1]
    assert main(["kpi", "--db", db_url, "--from", "2026-03-02", "--to", "2026-03-02",
                 "--by", "shift", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["by"] == "shift"
    assert [(r["start"], r["end"], r["shift"], r["offered"]) for r in doc["rows"]] == [
        ("2026-03-02T08:00:00+08:00", "2026-03-02T20:00:00+08:00", "白班", 1),
        ("2026-03-02T20:00:00+08:00", "2026-03-03T08:00:00+08:00", "夜班", 2)]
    assert doc["total"]["offered"] == 3 and "shift" not in doc["total"]
