"""Issue #17: the director's agent league table and the SL heat map, on both engines.

Each figure is checked against a recount made here straight from ``call_record`` /
``agent_interval`` / ``agent_current`` (SQL and arithmetic of this file, not the
code under test); adherence (排班契合度, DOMAIN §7) against a floor scripted with a
known absence; every read refused to a shift leader (Right.VIEW_TRENDS).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from console.cli import main
from models.db import engine as dbengine
from models.db import league_db, policies, rollup_db, shiftops, store
from models.db.operators import NotAllowed
from models.db.schema import AlertRow
from models.domain.shiftimport import RosterEntry
from models.domain.trends import TrendFilter
from models.domain.types import FloorEvent
from models.reports import league_xlsx
from tests.helpers import seed_floor, seed_operators

SH = ZoneInfo("Asia/Shanghai")
SIM_START = datetime(2026, 3, 1, 20, 0, tzinfo=SH)  # a night shift and the morning after
SIM_HOURS = 14
T = 20.0
OPERATORS = [("A1", "管理员", ["admin"]), ("D1", "王主任", ["director"]),
             ("L1", "张班长", ["shift_leader"]), ("H1", "李部长", ["department_head"])]


@pytest.fixture
def floor(db_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[sa.Engine]:
    """A seeded simulated floor (30 agents, 2 queues, 2 groups) with its roster,
    rolled up whole by ``seatwatch rollup rebuild``."""
    assert main(["simulate", "--db", db_url, "--agents", "30", "--hours", str(SIM_HOURS),
                 "--seed", "17", "--start", SIM_START.isoformat(), "--roster"]) == 0
    assert main(["rollup", "rebuild", "--db", db_url]) == 0
    capsys.readouterr()
    e = dbengine.make_engine(db_url)
    seed_operators(e, OPERATORS, now=SIM_START)
    yield e
    e.dispose()


def _utc(x: Any) -> datetime:
    if isinstance(x, str):
        x = datetime.fromisoformat(x)
    return x.replace(tzinfo=UTC) if x.tzinfo is None else x.astimezone(UTC)


def _p(conn: sa.Connection, t: datetime) -> Any:
    return t.astimezone(UTC).replace(tzinfo=None) if conn.dialect.name == "sqlite" else t


def close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None
                                         and abs(a - b) < 1e-6 * max(1.0, abs(b)))


def agent_recount(conn: sa.Connection, agent: str, lo: datetime, hi: datetime) -> dict[str, Any]:
    """Calls, AHT, occupancy and logged-in time of one agent in [lo, hi), from the
    history tables."""
    r = conn.execute(sa.text(
        "SELECT count(*) AS n, coalesce(sum(talk_s + acw_s), 0) AS handle FROM call_record "
        "WHERE outcome = 'answered' AND agent_id = :a AND answered_at >= :lo "
        "AND answered_at < :hi"), {"a": agent, "lo": _p(conn, lo), "hi": _p(conn, hi)}).one()
    end = _utc(conn.execute(sa.text("SELECT max(at) FROM floor_event")).scalar())
    spans = [(st, rs, _utc(s), _utc(e)) for st, rs, s, e in conn.execute(sa.text(
        'SELECT state, reason, start, "end" FROM agent_interval WHERE agent_id = :a'),
        {"a": agent})]
    spans += [(st, rs, _utc(s), end) for st, rs, s in conn.execute(sa.text(
        "SELECT state, reason, since FROM agent_current WHERE agent_id = :a "
        "AND since IS NOT NULL"), {"a": agent})]
    secs: dict[str, float] = {}
    breaks = 0
    for st, rs, s, e in spans:
        secs[st] = secs.get(st, 0.0) + max(0.0, (min(e, hi) - max(s, lo)).total_seconds())
        if st == "away" and rs in ("short_break", "meal") and lo <= s < hi:
            breaks += 1
    busy = secs.get("talking", 0) + secs.get("hold", 0) + secs.get("after_call", 0)
    ready = secs.get("ready", 0.0)
    logged = sum(v for k, v in secs.items() if k != "logged_out")
    return {"handled": r.n, "aht_s": r.handle / r.n if r.n else None,
            "occupancy": busy / (busy + ready) if busy + ready else None,
            "logged_in_s": logged, "breaks": breaks}


def test_league_numbers_equal_a_recount_for_the_busiest_agent(floor: sa.Engine) -> None:
    flt = TrendFilter(date(2026, 3, 1), date(2026, 3, 2), queue="Q1")
    with floor.connect() as c:
        lg = league_db.league(c, "D1", flt)
        assert len(lg.rows) == 30
        top = max(lg.rows, key=lambda r: r.handled)
        want = agent_recount(c, top.agent_id, *flt.bounds(SH))
        name = c.execute(sa.text("SELECT name FROM agent WHERE id = :a"),
                         {"a": top.agent_id}).scalar()
    assert top.handled == want["handled"] > 10
    assert close(top.aht_s, want["aht_s"])
    assert close(top.occupancy, want["occupancy"])
    assert abs(top.logged_in_s - want["logged_in_s"]) < 1e-3
    assert top.breaks == want["breaks"]
    assert top.name == name and top.group_name  # 姓名 and 班组 by name, not by code
    # the queue does not narrow the league (agents answer every queue); the sum of
    # every agent's calls is every answered call of the range
    with floor.connect() as c:
        answered = c.execute(sa.text(
            "SELECT count(*) FROM call_record WHERE outcome = 'answered' "
            "AND answered_at >= :lo AND answered_at < :hi"),
            {"lo": _p(c, flt.bounds(SH)[0]), "hi": _p(c, flt.bounds(SH)[1])}).scalar()
        assert sum(r.handled for r in lg.rows) == answered
        # the group narrows it to its agents
        g1 = set(c.execute(sa.text("SELECT id FROM agent WHERE group_id = 'G1'")).scalars())
        lg1 = league_db.league(c, "H1", TrendFilter(flt.first, flt.last, group="G1"))
    assert {r.agent_id for r in lg1.rows} == g1 and 0 < len(g1) < 30
    # the simulated roster has every agent on a shift (whole shifts, though the floor
    # ran only 14 hours of them): a share of the rostered time, never over it
    assert all(r.adherence is not None and 0.0 < r.adherence <= 1.0 for r in lg.rows)


def test_a_shift_leader_is_refused_at_read(floor: sa.Engine) -> None:
    flt = TrendFilter(date(2026, 3, 1), date(2026, 3, 2))
    with floor.connect() as c:
        with pytest.raises(NotAllowed):
            league_db.league(c, "L1", flt)
        with pytest.raises(NotAllowed):
            league_db.heatmap(c, "L1", flt)
        with pytest.raises(NotAllowed):
            league_db.heatmap(c, "nobody", flt)
        assert league_db.heatmap(c, "H1", flt).cells  # the department head may


def sl_recount(conn: sa.Connection, lo: datetime, hi: datetime, queue: str | None) -> tuple[
        int, float | None]:
    where = "queued_at >= :lo AND queued_at < :hi" + (" AND queue_id = :q" if queue else "")
    r = conn.execute(sa.text(
        "SELECT count(*) AS offered, "
        "coalesce(sum(CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END), 0) AS answered, "
        "coalesce(sum(CASE WHEN outcome = 'abandoned' THEN 1 ELSE 0 END), 0) AS abandoned, "
        f"coalesce(sum(CASE WHEN outcome = 'answered' AND wait_s <= {T} THEN 1 ELSE 0 END), 0)"
        f" AS in_sl FROM call_record WHERE {where}"),
        {"lo": _p(conn, lo), "hi": _p(conn, hi), "q": queue}).one()
    q = r.answered + r.abandoned
    return r.offered, (r.in_sl / q if q else None)


def test_each_heat_map_cell_equals_the_sl_recount_of_its_weekday_and_hour(
        floor: sa.Engine) -> None:
    flt = TrendFilter(date(2026, 3, 1), date(2026, 3, 2), queue="Q2")
    with floor.connect() as c:
        hm = league_db.heatmap(c, "D1", flt)
        assert hm.target == 0.80 and hm.amber == 0.70
        # 2026-03-01 is a Sunday (6), 03-02 a Monday (0): 20:00 → 10:00 floor time
        assert {k[0] for k in hm.cells} == {6, 0}
        assert len(hm.cells) == SIM_HOURS
        for (wd, hour), cell in hm.cells.items():
            day = date(2026, 3, 1) if wd == 6 else date(2026, 3, 2)
            lo = datetime(day.year, day.month, day.day, hour, tzinfo=SH)
            offered, sl = sl_recount(c, lo, lo + timedelta(hours=1), "Q2")
            assert cell.counts.offered == offered
            assert close(cell.service_level, sl), (wd, hour)
        assert hm.cell(2, 12) is None  # a Wednesday noon: no data
        # every queue: the sum over queues, not an average of their SLs
        every = league_db.heatmap(c, "D1", TrendFilter(flt.first, flt.last))
        lo = datetime(2026, 3, 2, 9, tzinfo=SH)
        offered, sl = sl_recount(c, lo, lo + timedelta(hours=1), None)
        assert every.cell(0, 9) is not None
        assert every.cell(0, 9).counts.offered == offered  # type: ignore[union-attr]
        assert close(every.cell(0, 9).service_level, sl)  # type: ignore[union-attr]


# ---- adherence on a scripted day -------------------------------------------------------------

DAY = date(2026, 3, 4)  # a Wednesday; 白班 08:00–20:00


def at(h: int, m: int = 0) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, h, m, tzinfo=SH)


def st(t: datetime, agent: str, state: str, reason: str | None = None) -> FloorEvent:
    d: dict[str, Any] = {"agent": agent, "state": state}
    if reason:
        d["reason"] = reason
    return FloorEvent("agent_state", t, d)


@pytest.fixture
def scripted(eng: sa.Engine) -> sa.Engine:
    seed_operators(eng, OPERATORS, now=at(6))
    seed_floor(eng, at(6), groups=[{"id": "G1", "name": "一班"}],
               queues=[{"id": "Q1", "name": "12345热线"}],
               agents=[{"id": a, "name": n, "group": "G1"} for a, n in
                       (("1001", "赵一"), ("1002", "钱二"), ("1003", "孙三"))])
    w = store.FloorWriter(eng, source="test")
    w.append(sorted([
        # 1001: logs in 08:00, away (other) 09:00–09:30, a 10-minute short break and
        # a 30-minute meal (allowed breaks), logs out 20:00
        st(at(8), "1001", "ready"), st(at(9), "1001", "away", "other"),
        st(at(9, 30), "1001", "ready"), st(at(11), "1001", "away", "short_break"),
        st(at(11, 10), "1001", "ready"), st(at(12), "1001", "away", "meal"),
        st(at(12, 30), "1001", "ready"),
        # 1002: logs in 08:20 (late), a 25-minute short break from 14:00 (10 allowed,
        # over the limit from 14:10: the R-BREAK-1 breach), leaves at 19:00
        st(at(8, 20), "1002", "ready"), st(at(14), "1002", "away", "short_break"),
        st(at(14, 25), "1002", "ready"), st(at(19), "1002", "logged_out"),
        # 1003: not rostered, works 10:00–12:00
        st(at(10), "1003", "ready"), st(at(12), "1003", "logged_out"),
        st(at(20), "1001", "logged_out"),
    ], key=lambda e: e.at))
    shiftops.import_roster(eng, [RosterEntry(DAY, "白班", "1001"),
                                 RosterEntry(DAY, "白班", "1002"),
                                 RosterEntry(DAY, "白班", "L1", "leader")],
                           by="L1", now=at(6))
    # the floor host's R-BREAK-1 breach of 1002's break: raised at 14:10, cleared at 14:25
    with store.writing(eng).begin() as c:
        c.execute(sa.insert(AlertRow).values(
            id="R-BREAK-1|agent:1002|t", rule="R-BREAK-1", subject="agent:1002",
            severity="warning", raised_at=at(14, 10), message="", agent_id="1002",
            group_id="G1", detail={"limit_s": 600.0}, raised_event_id=1,
            resolved_at=at(14, 25)))
        # its pre-warning at 14:08 is not a breach
        c.execute(sa.insert(AlertRow).values(
            id="R-BREAK-1|agent:1002:pre|t", rule="R-BREAK-1", subject="agent:1002:pre",
            severity="info", raised_at=at(14, 8), message="", agent_id="1002",
            group_id="G1", detail={"stage": "pre"}, raised_event_id=1,
            resolved_at=at(14, 10)))
    rollup_db.rebuild(eng, at(0), at(23, 45), now=at(23, 50))
    return eng


def test_adherence_is_the_share_of_the_rostered_shift_in_the_expected_states(
        scripted: sa.Engine) -> None:
    with scripted.connect() as c:
        lg = league_db.league(c, "D1", TrendFilter(DAY, DAY))
    rows = {r.agent_id: r for r in lg.rows}
    shift = 12 * 3600.0
    assert rows["1001"].rostered_s == shift
    # 30 minutes away for "other" out of 12 hours; the short break and meal are allowed
    assert rows["1001"].adherence == pytest.approx((shift - 1800) / shift)
    # 20 minutes late, 15 minutes of break past its limit, gone an hour early
    assert rows["1002"].adherence == pytest.approx((shift - 1200 - 900 - 3600) / shift)
    assert rows["1002"].breaks_over == 1 and rows["1002"].alerts == {"R-BREAK-1": 1}
    assert rows["1001"].breaks == 2 and rows["1001"].breaks_over == 0
    # not rostered: no adherence, but the rest of the row is there
    assert rows["1003"].adherence is None and rows["1003"].logged_in_s == 7200
    assert "L1" not in rows  # the leader on the roster is not an agent of the league
    assert lg.rules == ("R-BREAK-1",)


def test_the_xlsx_has_chinese_headers_and_the_tables_numbers(scripted: sa.Engine,
                                                            tmp_path: Path) -> None:
    with scripted.connect() as c:
        lg = league_db.league(c, "D1", TrendFilter(DAY, DAY))
    path = tmp_path / "league.xlsx"
    assert league_xlsx.write_league(path, lg, {"G1": "一班"}) == 3
    ws = load_workbook(path).active
    assert ws is not None
    header = [c.value for c in ws[league_xlsx.HEADER_ROW]]
    assert header[:4] == ["工号", "姓名", "班组", "接听量"]
    assert "遵从率" in header and "超时小休" in header
    assert all(isinstance(h, str) and not h.isascii() for h in header)
    body = {r[0].value: r for r in ws.iter_rows(min_row=league_xlsx.HEADER_ROW + 1)
            if r[0].value}
    rows = {r.agent_id: r for r in lg.rows}
    col = {h: i for i, h in enumerate(header)}
    for aid in ("1001", "1002"):
        x, r = body[aid], rows[aid]
        assert x[col["姓名"]].value == r.name
        assert x[col["接听量"]].value == r.handled
        assert x[col["遵从率"]].value == pytest.approx(r.adherence)
        assert x[col["遵从率"]].number_format == "0.0%"
        assert x[col["登录时长(小时)"]].value == pytest.approx(r.logged_in_s / 3600)
    assert body["1003"][col["遵从率"]].value is None  # not rostered: an empty cell
    assert body["1002"][col["超时小休"]].value == 1


def test_a_shift_off_the_quarter_hours_counts_the_cut_intervals_in_proportion(
        eng: sa.Engine) -> None:
    """早班 08:10–16:05: the intervals 08:00 and 16:00 are in the shift for a third."""
    seed_operators(eng, OPERATORS, now=at(6))
    seed_floor(eng, at(6), groups=[{"id": "G1", "name": "一班"}],
               queues=[{"id": "Q1", "name": "12345热线"}],
               agents=[{"id": "1001", "name": "赵一", "group": "G1"}])
    w = store.FloorWriter(eng, source="test")
    policies.apply_policy(w, '[[shifts]]\nname = "早班"\nstart = "08:10"\nend = "16:05"\n',
                          "test", "p.toml", now=at(6, 30))
    w.append([st(at(8), "1001", "ready"), st(at(10), "1001", "away", "other"),
              st(at(10, 20), "1001", "ready"), st(at(17), "1001", "logged_out")])
    shiftops.import_roster(eng, [RosterEntry(DAY, "早班", "1001")], by="L1", now=at(6))
    rollup_db.rebuild(eng, at(0), at(23, 45), now=at(23, 50))
    with eng.connect() as c:
        row, = league_db.league(c, "D1", TrendFilter(DAY, DAY)).rows
    shift = (7 * 60 + 55) * 60.0
    assert row.rostered_s == shift
    assert row.adherence == pytest.approx((shift - 1200) / shift)


def test_a_shift_still_running_counts_until_now(scripted: sa.Engine) -> None:
    """At 14:00 the rest of the day shift is not absence: 1001 has 6 rostered hours
    so far, 30 minutes of them away (other)."""
    with scripted.connect() as c:
        lg = league_db.league(c, "D1", TrendFilter(DAY, DAY), now=at(14))
    row = next(r for r in lg.rows if r.agent_id == "1001")
    assert row.rostered_s == 6 * 3600
    assert row.adherence == pytest.approx((6 * 3600 - 1800) / (6 * 3600))
