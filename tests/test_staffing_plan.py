"""Staffing against the roster (issue #17 "Staffing", DOMAIN §7 schedule fit, R-REPORT-1),
on SQLite and PostgreSQL, over a history the simulator wrote and ``rollup rebuild``
rolled up: three Mondays, 09:00–10:00 floor time. Every expected number is recounted
here from ``call_record`` / ``rollup_agent`` with SQL of this file, or from the Erlang
function the brief names, not from the code under test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import sqlalchemy as sa

from console import staffing_cli
from console.cli import main
from models.db import engine as dbengine
from models.db import shiftops, staffing_db, store
from models.db.operators import NotAllowed
from models.domain.policy import ShiftDef
from models.domain.shiftimport import Holiday, RosterEntry
from models.domain.staffing_plan import SlotPlan, schedule_fit
from models.domain.trends import TrendFilter
from models.sim.staffing import required_agents
from tests.helpers import seed_operators

SH = ZoneInfo("Asia/Shanghai")
MONDAYS = (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16))
TODAY = date(2026, 11, 23)  # a Monday: the next one
NOW = datetime.combine(TODAY, time(8, 0), SH).astimezone(UTC)


@pytest.fixture
def floor(db_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[sa.Engine]:
    """Three simulated Mondays (an hour each, 12 agents, 100 calls an hour), rolled up;
    a director D1, a department head H1 and a shift leader L1."""
    for i, d in enumerate(MONDAYS):
        start = datetime.combine(d, time(9, 0), SH).isoformat()
        assert main(["simulate", "--db", db_url, "--agents", "12", "--hours", "1",
                     "--seed", str(40 + i), "--start", start, "--arrivals-per-hour", "100",
                     "--json"]) == 0
    assert main(["rollup", "rebuild", "--db", db_url]) == 0
    capsys.readouterr()
    e = dbengine.make_engine(db_url)
    seed_operators(e, [("A1", "管理员", ["admin"]), ("D1", "王主任", ["director"]),
                       ("H1", "李部长", ["department_head"]), ("L1", "张班长", ["shift_leader"])],
                   now=NOW)
    yield e
    e.dispose()


def _p(conn: sa.Connection, t: datetime) -> Any:
    t = t.astimezone(UTC)
    return t.replace(tzinfo=None) if conn.dialect.name == "sqlite" else t


def recount(conn: sa.Connection, d: date, hh: int, mm: int) -> tuple[int, int, float]:
    """(calls that reached the agents, handled calls, their talk + after-call seconds)
    queued in the slot hh:mm of day ``d``, straight from call_record."""
    lo = datetime.combine(d, time(hh, mm), SH)
    r = conn.execute(sa.text(
        "SELECT coalesce(sum(CASE WHEN outcome <> 'ivr_only' THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN outcome = 'answered' AND ended_at IS NOT NULL THEN 1 "
        "ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN outcome = 'answered' AND ended_at IS NOT NULL "
        "THEN talk_s + acw_s ELSE 0 END), 0) "
        "FROM call_record WHERE queued_at >= :lo AND queued_at < :hi"),
        {"lo": _p(conn, lo), "hi": _p(conn, lo + timedelta(minutes=15))}).one()
    return int(r[0]), int(r[1]), float(r[2])


def at(slots: tuple[SlotPlan, ...], d: date, hh: int, mm: int) -> SlotPlan:
    want = datetime.combine(d, time(hh, mm))
    return next(s for s in slots if s.start == want)


def policy(e: sa.Engine) -> Any:
    with e.connect() as c:
        return store.current_state(c).policy


def test_a_slot_is_forecast_as_the_mean_of_the_same_weekday_slot_over_the_policy_weeks(
        floor: sa.Engine) -> None:
    pol = policy(floor)
    with floor.connect() as c:
        four = staffing_db.forecast_plan(c, pol, TODAY, 1, TODAY)  # policy: 4 weeks
        two = staffing_db.forecast_plan(c, replace(pol, staffing_forecast_weeks=2), TODAY, 1,
                                        TODAY)
        for hh, mm in ((9, 0), (9, 15), (9, 30)):
            counts = [recount(c, d, hh, mm) for d in MONDAYS]
            assert all(n > 5 for n, _h, _s in counts), counts
            s4, s2 = at(four.slots, TODAY, hh, mm), at(two.slots, TODAY, hh, mm)
            # three Mondays of data: all of them under 4 weeks, the last two under 2
            assert s4.calls == pytest.approx(sum(n for n, _h, _s in counts) / 3)
            assert s4.samples == 3 and s4.basis == "weekday"
            assert s2.calls == pytest.approx(sum(n for n, _h, _s in counts[1:]) / 2)
            assert s2.samples == 2
            # the AHT of the same days: handle seconds ÷ handled calls (kpi.aht_s)
            assert s2.aht_s == pytest.approx(sum(s for _n, _h, s in counts[1:])
                                             / sum(h for _n, h, _s in counts[1:]))
        # a slot the floor never had calls in is forecast as none, not left unknown
        assert at(four.slots, TODAY, 3, 0).calls == 0.0
        assert at(four.slots, TODAY, 3, 0).to_roster == 0
        assert len(four.slots) == 96


def test_required_agents_per_slot_are_erlang_c_then_erlang_a_with_shrinkage(
        floor: sa.Engine) -> None:
    pol = policy(floor)
    target, t = pol.band("service_level").green, pol.sl_threshold_s
    assert (target, t, pol.staffing_shrinkage, pol.staffing_patience_s) == (0.8, 20.0, 0.3,
                                                                            None)
    with floor.connect() as c:
        erlang_c = staffing_db.forecast_plan(c, pol, TODAY, 1, TODAY)
        erlang_a = staffing_db.forecast_plan(c, replace(pol, staffing_patience_s=60.0), TODAY,
                                             1, TODAY)
    busy = [s for s in erlang_c.slots if s.calls]
    assert len(busy) >= 4
    for s in busy:
        assert s.aht_s is not None and s.calls is not None
        assert s.required == required_agents(s.calls, s.aht_s, 900, target, t)
        assert s.to_roster == required_agents(s.calls, s.aht_s, 900, target, t,
                                              shrinkage=0.3)
        assert s.to_roster is not None and s.required is not None
        assert s.to_roster > s.required  # ÷ (1 − 0.3): people to roster
        a = at(erlang_a.slots, TODAY, s.start.hour, s.start.minute)
        assert a.to_roster == required_agents(s.calls, s.aht_s, 900, target, t,
                                              patience_s=60.0, shrinkage=0.3)
    assert erlang_a.assumptions.model == "erlang_a" and erlang_c.assumptions.model == "erlang_c"
    # callers who hang up need fewer agents to keep 80 % within 20 s
    total_a = sum(at(erlang_a.slots, TODAY, s.start.hour, s.start.minute).required or 0
                  for s in busy)
    assert total_a < sum(s.required or 0 for s in busy)


def _roster(e: sa.Engine, entries: list[RosterEntry]) -> None:
    shiftops.import_roster(e, entries, by="D1", now=NOW)


def test_the_gap_is_rostered_minus_required_against_a_roster_with_a_night_shift(
        floor: sa.Engine) -> None:
    day_shift = [RosterEntry(TODAY, "白班", f"90{i:02d}") for i in range(5)]
    _roster(floor, [*day_shift, RosterEntry(TODAY, "白班", "L1", "leader"),
                    RosterEntry(TODAY - timedelta(days=1), "夜班", "9101"),
                    RosterEntry(TODAY - timedelta(days=1), "夜班", "9102"),
                    RosterEntry(TODAY, "早班", "9201")])
    view = staffing_db.staffing_view(floor, "D1", TrendFilter(TODAY, TODAY), NOW)
    ahead = view.ahead
    assert (ahead.first, ahead.last, len(ahead.slots)) == (TODAY, TODAY, 96)
    # the night shift from the 22nd runs to 08:00; the leader is not an agent on the phones
    assert at(ahead.slots, TODAY, 3, 0).rostered == 2
    assert at(ahead.slots, TODAY, 7, 45).rostered == 2
    assert at(ahead.slots, TODAY, 8, 0).rostered == 5
    assert at(ahead.slots, TODAY, 19, 45).rostered == 5
    assert at(ahead.slots, TODAY, 20, 0).rostered == 0
    assert ahead.unknown_shifts == ("早班",)  # not a shift of the policy: not counted
    for s in ahead.slots:
        assert s.to_roster is not None
        assert s.gap == s.rostered - s.to_roster
    nine = at(ahead.slots, TODAY, 9, 0)
    assert nine.gap is not None and nine.gap < 0  # 100 calls an hour need more than 5
    assert at(ahead.slots, TODAY, 3, 0).gap == 2  # nobody needed, two rostered
    assert nine in ahead.short_slots()
    assert view.past is None and view.fit is None  # the range has no past days


def test_a_past_range_is_staffed_vs_required_with_its_schedule_fit(floor: sa.Engine) -> None:
    day = MONDAYS[-1]
    _roster(floor, [RosterEntry(day, "白班", f"90{i:02d}") for i in range(6)])
    view = staffing_db.staffing_view(floor, "H1", TrendFilter(day, day), NOW)
    # the range is past: the gap chart looks at the next 7 days instead
    assert (view.ahead.first, len(view.ahead.slots)) == (TODAY, 7 * 96)
    assert view.past is not None and len(view.past.slots) == 96
    nine = at(view.past.slots, day, 9, 0)
    with floor.connect() as c:
        calls, handled, handle_s = recount(c, day, 9, 0)
        lo = datetime.combine(day, time(9, 0), SH)
        logged_in = c.execute(sa.text("SELECT sum(logged_in_s) FROM rollup_agent "
                                      "WHERE start >= :lo AND start < :hi"),
                              {"lo": _p(c, lo),
                               "hi": _p(c, lo + timedelta(minutes=1))}).scalar()
    assert (nine.calls, nine.basis, nine.rostered) == (calls, "actual", 6)
    assert nine.aht_s == pytest.approx(handle_s / handled)
    assert nine.to_roster == required_agents(calls, handle_s / handled, 900, 0.8, 20.0,
                                             shrinkage=0.3)
    assert logged_in is not None and nine.staffed is not None
    assert nine.staffed == pytest.approx(float(logged_in) / 900) and nine.staffed > 5
    need = sum(s.to_roster or 0 for s in view.past.slots)
    miss = sum(abs(s.rostered - (s.to_roster or 0)) for s in view.past.slots
               if s.to_roster is not None)
    assert view.fit == pytest.approx(max(0.0, 1 - miss / need))
    # six agents from 08:00 against one busy hour that needed more: a poor fit
    assert view.fit is not None and view.fit < 0.5
    # a roster of the busy hour only, at its typical need, fits it closely
    busy = [s for s in view.past.slots if s.to_roster]
    typical = sorted(s.to_roster or 0 for s in busy)[len(busy) // 2]
    peak = replace(policy(floor), shifts=(ShiftDef("高峰", time(9, 0), time(10, 0)),))
    _roster(floor, [RosterEntry(day, "高峰", f"80{i:02d}") for i in range(typical)])
    with floor.connect() as c:
        fitted = staffing_db.past_plan(c, peak, day, day)
    fit = schedule_fit(fitted.slots)
    assert fit == pytest.approx(1 - sum(abs(typical - (s.to_roster or 0)) for s in busy)
                                / sum(s.to_roster or 0 for s in busy))
    assert fit is not None and 0.5 < fit <= 1


def test_holidays_are_forecast_from_past_holidays_and_left_out_of_ordinary_weeks(
        floor: sa.Engine) -> None:
    holiday_next = TODAY + timedelta(days=7)
    shiftops.import_holidays(floor, [Holiday(MONDAYS[1], "holiday", "测试假日"),
                                     Holiday(holiday_next, "holiday", "测试假日")],
                             by="D1", now=NOW)
    pol = policy(floor)
    with floor.connect() as c:
        plan = staffing_db.forecast_plan(c, pol, TODAY, 8, TODAY)
        counts = [recount(c, d, 9, 0)[0] for d in MONDAYS]
    ordinary, holiday = at(plan.slots, TODAY, 9, 0), at(plan.slots, holiday_next, 9, 0)
    assert ordinary.calls == pytest.approx((counts[0] + counts[2]) / 2)
    assert ordinary.samples == 2
    assert holiday.calls == counts[1] and holiday.basis == "holiday"


def test_a_shift_leader_is_refused_and_a_department_head_may_read(floor: sa.Engine) -> None:
    flt = TrendFilter(MONDAYS[0], TODAY)
    with pytest.raises(NotAllowed) as ei:
        staffing_db.staffing_view(floor, "L1", flt, NOW)
    assert "L1" in str(ei.value)
    with pytest.raises(NotAllowed):
        staffing_db.month_plan(floor, "L1", date(2026, 12, 1), NOW)
    with pytest.raises(NotAllowed):
        staffing_db.forecast_days(floor, "nobody", 7, NOW)
    assert staffing_db.staffing_view(floor, "H1", flt, NOW).past is not None


def test_the_month_plan_xlsx_has_every_slot_of_the_month_under_chinese_headers(
        floor: sa.Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(staffing_cli, "_now", lambda: NOW)
    _roster(floor, [RosterEntry(date(2026, 12, 1), "白班", f"90{i:02d}") for i in range(8)])
    out = tmp_path / "plan.xlsx"
    assert main(["staffing", "plan", "--db", db_url, "--month", "2026-12", "--out", str(out),
                 "--by", "D1"]) == 0
    said = capsys.readouterr()
    assert "2976" in said.out and said.err == ""
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["2026年12月", "每日汇总"]
    ws = wb["2026年12月"]
    head = [c.value for c in ws[3]]
    assert head[:5] == ["日期", "星期", "时段", "预测话务量", "平均处理时长（秒）"]
    assert head[5] == "需求坐席（Erlang C）" and head[6].startswith("含缺勤需求")
    assert head[7:9] == ["排班人数", "缺口（排班−需求）"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert len(rows) == 31 * 96
    keys = {(r[0].date(), r[2]) for r in rows}
    assert len(keys) == 31 * 96  # every slot once
    assert {k[0] for k in keys} == {date(2026, 12, 1) + timedelta(days=i) for i in range(31)}
    assert rows[0][1:3] == ["周二", "00:00–00:15"] and rows[-1][2] == "23:45–24:00"
    # Monday 7 December 09:00: the Mondays' forecast, 8 rostered, the gap between
    mon = next(r for r in rows if r[0].date() == date(2026, 12, 7) and r[2] == "09:00–09:15")
    assert mon[3] > 5 and mon[7] == 0 and mon[8] == -mon[6]
    dec1 = next(r for r in rows if r[0].date() == date(2026, 12, 1) and r[2] == "09:00–09:15")
    assert dec1[7] == 8 and dec1[8] == 8 - dec1[6]
    summary = [[c.value for c in r] for r in wb["每日汇总"].iter_rows(min_row=4)]
    assert [c.value for c in wb["每日汇总"][3]] == ["日期", "星期", "预测话务量", "需求人时",
                                                  "排班人时", "缺员时段数", "最大缺口"]
    assert len(summary) == 31
    assert summary[0][4] == 8 * 12  # eight agents × 12 hours


def test_cli_forecast_json_gives_the_same_slots_as_the_page(
        floor: sa.Engine, db_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    monkeypatch.setattr(staffing_cli, "_now", lambda: NOW)
    assert main(["staffing", "forecast", "--db", db_url, "--days", "2", "--json",
                 "--by", "D1"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["first"], doc["last"], len(doc["slots"])) == ("2026-11-23", "2026-11-24", 192)
    page = staffing_db.staffing_view(floor, "D1", TrendFilter(TODAY, TODAY + timedelta(days=1)),
                                     NOW).ahead
    assert [(s["start"], s["calls"], s["to_roster"], s["gap"]) for s in doc["slots"]] == \
        [(s.start.isoformat(), s.calls, s.to_roster, s.gap) for s in page.slots]
    assert main(["staffing", "forecast", "--db", db_url, "--by", "D1"]) == 0
    text = capsys.readouterr().out
    assert "2026-11-23 09:00" in text and "Erlang C" in text


@pytest.mark.parametrize(("args", "names"), [
    (["plan", "--month", "2026-13", "--out", "x.xlsx", "--by", "D1"], ("--month", "2026-13")),
    (["plan", "--month", "12/2026", "--out", "x.xlsx", "--by", "D1"], ("--month", "12/2026")),
    (["plan", "--month", "2026-12", "--out", "x.csv", "--by", "D1"], ("--out", "x.csv")),
    (["forecast", "--days", "0", "--by", "D1"], ("--days", "0")),
])
def test_cli_bad_input_is_one_clear_line(args: list[str], names: tuple[str, ...],
                                         sqlite_url: str, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["staffing", args[0], "--db", sqlite_url, *args[1:]]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("seatwatch: error: ")
    assert all(n in err for n in names) and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_refuses_a_shift_leader_in_one_line(floor: sa.Engine, db_url: str,
                                                tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.xlsx"
    assert main(["staffing", "plan", "--db", db_url, "--month", "2026-12", "--out", str(out),
                 "--by", "L1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "L1" in err and "Traceback" not in err
    assert not out.exists()
