"""Issue #17 "History that a chart can afford": 15-minute rollups and ``seatwatch
kpi``, on both engines. Every figure is checked against a recount made here
straight from ``call_record`` / ``agent_interval`` (SQL and arithmetic of this file,
not the code under test), at the granularities a director reads (DOMAIN §7,
R-KPI-1 接通率)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from console.cli import main
from console.scheduler import AlertScheduler
from models.db import engine as dbengine
from models.db import rollup_db
from models.db.schema import (
    AgentIntervalRow,
    AlertRow,
    CallRecordRow,
    RollupAgentRow,
    RollupIntervalRow,
)
from models.domain.policy import Policy
from models.domain.rollup import bucket_start, interval_start, next_bucket
from tests.helpers import Clock, seed_floor

SH = ZoneInfo("Asia/Shanghai")
#: a night shift (20:00 → 08:00 floor time) and the morning after: crosses midnight
SIM_START = datetime(2026, 3, 1, 20, 0, tzinfo=SH)
SIM_HOURS = 14
T = 20.0  # the default policy's SL threshold


@pytest.fixture
def night(db_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[sa.Engine]:
    """A seeded simulated floor (30 agents, 2 queues, 2 groups), rolled up whole by
    ``seatwatch rollup rebuild`` (the default range: the whole history)."""
    assert main(["simulate", "--db", db_url, "--agents", "30", "--hours", str(SIM_HOURS),
                 "--seed", "17", "--start", SIM_START.isoformat(), "--json"]) == 0
    assert main(["rollup", "rebuild", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "已重建" in out and "15 分钟时段" in out  # the CLI speaks Chinese first
    e = dbengine.make_engine(db_url)
    yield e
    e.dispose()


def _utc(x: Any) -> datetime:
    if isinstance(x, str):  # SQLite through text(): naive UTC as text
        x = datetime.fromisoformat(x)
    return x.replace(tzinfo=UTC) if x.tzinfo is None else x.astimezone(UTC)


def recount(conn: sa.Connection, lo: datetime, hi: datetime,
            queue: str | None = None) -> dict[str, Any]:
    """The director's figures of calls that arrived in [lo, hi), straight from SQL."""
    where = "queued_at >= :lo AND queued_at < :hi" + (" AND queue_id = :q" if queue else "")
    p = {"lo": lo, "hi": hi, "q": queue}
    if conn.dialect.name == "sqlite":
        p["lo"] = lo.astimezone(UTC).replace(tzinfo=None)
        p["hi"] = hi.astimezone(UTC).replace(tzinfo=None)
    r = conn.execute(sa.text(
        "SELECT count(*) AS offered, "
        "coalesce(sum(CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END), 0) AS answered, "
        "coalesce(sum(CASE WHEN outcome = 'abandoned' THEN 1 ELSE 0 END), 0) AS abandoned, "
        "coalesce(sum(CASE WHEN outcome = 'ivr_only' THEN 1 ELSE 0 END), 0) AS ivr, "
        f"coalesce(sum(CASE WHEN outcome = 'answered' AND wait_s <= {T} THEN 1 ELSE 0 END), 0)"
        " AS in_sl, "
        "coalesce(sum(CASE WHEN outcome = 'answered' THEN wait_s ELSE 0 END), 0) AS wait, "
        "coalesce(sum(CASE WHEN outcome = 'answered' AND ended_at IS NOT NULL THEN 1 "
        "ELSE 0 END), 0) AS handled, "
        "coalesce(sum(CASE WHEN outcome = 'answered' AND ended_at IS NOT NULL "
        "THEN talk_s + acw_s ELSE 0 END), 0) AS handle, "
        "coalesce(sum(CASE WHEN outcome = 'abandoned' AND wait_s < 5 THEN 1 ELSE 0 END), 0)"
        " AS ab5 "
        f"FROM call_record WHERE {where}"), p).one()
    q = r.answered + r.abandoned
    return {"offered": r.offered, "answered": r.answered, "abandoned": r.abandoned,
            "ivr_only": r.ivr, "abandoned_5s": r.ab5,
            "service_level": r.in_sl / q if q else None,
            "answer_rate": (r.ivr + r.answered) / r.offered if r.offered else None,
            "asa_s": r.wait / r.answered if r.answered else None,
            "aht_s": r.handle / r.handled if r.handled else None}


def agent_time(conn: sa.Connection, lo: datetime, hi: datetime,
               agents: set[str] | None = None) -> tuple[float, float]:
    """(busy, ready) seconds in [lo, hi): closed intervals plus each agent's open
    state until the floor's last event (the simulated floor ran until then; it has
    no host heartbeat), clipped to the range."""
    end = _utc(conn.execute(sa.text("SELECT max(at) FROM floor_event")).scalar())
    spans = [(a, st, _utc(s), _utc(e)) for a, st, s, e in conn.execute(sa.text(
        'SELECT agent_id, state, start, "end" FROM agent_interval'))]
    spans += [(a, st, _utc(s), end) for a, st, s in conn.execute(sa.text(
        "SELECT agent_id, state, since FROM agent_current WHERE since IS NOT NULL"))]
    busy = ready = 0.0
    for a, st, s, e in spans:
        if agents is not None and a not in agents:
            continue
        secs = max(0.0, (min(e, hi) - max(s, lo)).total_seconds())
        if st in ("talking", "hold", "after_call"):
            busy += secs
        elif st == "ready":
            ready += secs
    return busy, ready


def close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None
                                         and abs(a - b) < 1e-6 * max(1.0, abs(b)))


FIGURES = ("offered", "answered", "abandoned", "ivr_only", "abandoned_5s", "service_level",
           "answer_rate", "asa_s", "aht_s")


@pytest.mark.parametrize("by", ["hour", "day"])
def test_every_figure_equals_a_direct_recount_from_call_record(night: sa.Engine,
                                                               by: str) -> None:
    lo = SIM_START.astimezone(UTC)
    hi = lo + timedelta(hours=SIM_HOURS)
    with night.connect() as c:
        rows, t = rollup_db.series(c, datetime(2026, 3, 1, tzinfo=SH),
                                   datetime(2026, 3, 3, tzinfo=SH), by, tz=SH)
        assert t == T
        assert len(rows) == (SIM_HOURS if by == "hour" else 2)
        total_offered = 0
        for r in rows:
            want = recount(c, r.start, r.end)
            got = r.figures(t)
            for f in FIGURES:
                assert close(got[f], want[f]), (by, r.start, f, got[f], want[f])
            busy, ready = agent_time(c, r.start, r.end)
            assert close(got["occupancy"], busy / (busy + ready)), (r.start, "occupancy")
            total_offered += got["offered"]
        everything = recount(c, lo, hi + timedelta(hours=1))
        assert total_offered == everything["offered"] > 300
        # per queue, and the group's agents for occupancy
        for queue in ("Q1", "Q2"):
            qrows, _ = rollup_db.series(c, lo, hi + timedelta(hours=1), by, queue=queue, tz=SH)
            for r in qrows:
                want = recount(c, r.start, r.end, queue)
                assert all(close(r.figures(t)[f], want[f]) for f in FIGURES), (queue, r.start)
        g1 = set(c.execute(sa.text("SELECT id FROM agent WHERE group_id = 'G1'")).scalars())
        assert 0 < len(g1) < 30
        grows, _ = rollup_db.series(c, lo, hi + timedelta(hours=1), by, group="G1", tz=SH)
        for r in grows:
            busy, ready = agent_time(c, r.start, r.end, g1)
            assert close(r.figures(t)["occupancy"], busy / (busy + ready))


def test_the_night_shift_counts_in_the_floor_days_and_kpi_json_matches_series(
        night: sa.Engine, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with night.connect() as c:
        days, _ = rollup_db.series(c, datetime(2026, 3, 1, tzinfo=SH),
                                   datetime(2026, 3, 3, tzinfo=SH), "day", tz=SH)
        # floor days start at Shanghai midnight (16:00 UTC), not UTC's
        assert [d.start for d in days] == [datetime(2026, 3, 1, tzinfo=SH),
                                           datetime(2026, 3, 2, tzinfo=SH)]
        mar1 = recount(c, datetime(2026, 3, 1, 20, tzinfo=SH), datetime(2026, 3, 2, tzinfo=SH))
        mar2 = recount(c, datetime(2026, 3, 2, tzinfo=SH), datetime(2026, 3, 3, tzinfo=SH))
        assert (days[0].counts.offered, days[1].counts.offered) == \
            (mar1["offered"], mar2["offered"])
        assert mar1["offered"] > 0 and mar2["offered"] > 0
        utc_day = recount(c, datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 2, tzinfo=UTC))
        assert utc_day["offered"] != mar1["offered"]  # the check can tell the two apart
        rows, t = rollup_db.series(c, datetime(2026, 3, 1, tzinfo=SH),
                                   datetime(2026, 3, 3, tzinfo=SH), "hour", queue="Q1",
                                   group="G2", tz=SH)
    assert main(["kpi", "--db", db_url, "--from", "2026-03-01", "--to", "2026-03-02",
                 "--by", "hour", "--queue", "Q1", "--group", "G2", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["timezone"] == "Asia/Shanghai" and doc["sl_threshold_s"] == T
    assert doc["rows"] == json.loads(json.dumps([r.figures(t) for r in rows]))
    assert doc["total"]["offered"] == sum(r.counts.offered for r in rows)
    assert doc["total"]["answered"] == sum(r.counts.answered for r in rows)
    # the table prints the same numbers
    assert main(["kpi", "--db", db_url, "--from", "2026-03-01", "--to", "2026-03-02",
                 "--by", "day"]) == 0
    out = capsys.readouterr().out.splitlines()
    line = next(ln for ln in out if ln.startswith("2026-03-02"))
    assert line.split()[1:4] == [str(days[1].counts.offered), str(days[1].counts.answered),
                                 str(days[1].counts.abandoned)]


def test_day_week_and_month_are_sums_of_the_15_minute_rows(night: sa.Engine) -> None:
    with night.connect() as c:
        raw = [(_utc(s), o, a, ab, sl, w, tk, acw, h) for s, o, a, ab, sl, w, tk, acw, h in
               c.execute(sa.text(
                   "SELECT start, offered, answered, abandoned, answered_in_sl, "
                   "wait_answered_s, talk_s, acw_s, handled FROM rollup_queue"))]
        assert len(raw) > 40
        for by in ("day", "week", "month"):
            rows, _ = rollup_db.series(c, datetime(2026, 1, 1, tzinfo=SH),
                                       datetime(2026, 6, 1, tzinfo=SH), by, tz=SH)
            for r in rows:
                mine = [x for x in raw if r.start <= x[0] < r.end]
                sums = [sum(x[i] for x in mine) for i in range(1, 9)]
                assert [r.counts.offered, r.counts.answered, r.counts.abandoned,
                        r.counts.answered_in_sl] == sums[:4], by
                assert close(r.counts.wait_answered_s, sums[4])
                assert close(r.counts.talk_s + r.counts.acw_s, sums[5] + sums[6])
                assert r.counts.handled == sums[7]
            assert sum(r.counts.offered for r in rows) == sum(x[1] for x in raw)
        week, _ = rollup_db.series(c, datetime(2026, 2, 1, tzinfo=SH),
                                   datetime(2026, 4, 1, tzinfo=SH), "week", tz=SH)
        # 1 March 2026 is a Sunday: its night is in the week of Monday 23 Feb
        assert [w.start.date() for w in week] == [date(2026, 2, 23), date(2026, 3, 2)]
        month, _ = rollup_db.series(c, datetime(2026, 2, 1, tzinfo=SH),
                                    datetime(2026, 4, 1, tzinfo=SH), "month", tz=SH)
        assert [m.start.date() for m in month] == [date(2026, 3, 1)]


def _rows(conn: sa.Connection) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for t, cols in (("rollup_queue", "*"), ("rollup_agent", "*"),
                    ("rollup_interval", "start, sl_threshold_s")):
        rows = conn.execute(sa.text(f"SELECT {cols} FROM {t} ORDER BY 1, 2")).all()
        out[t] = [tuple(json.dumps(v, sort_keys=True) if isinstance(v, dict) else v
                        for v in r) for r in rows]
    return out


def test_rebuilding_twice_gives_the_same_rows_and_a_late_call_moves_only_its_interval(
        night: sa.Engine, db_url: str) -> None:
    with night.connect() as c:
        before = _rows(c)
    assert main(["rollup", "rebuild", "--db", db_url]) == 0
    with night.connect() as c:
        again = _rows(c)
    assert again == before
    # whole days around it: the same rows where there is history, empty intervals beside
    assert main(["rollup", "rebuild", "--db", db_url, "--from", "2026-03-01",
                 "--to", "2026-03-02"]) == 0
    with night.connect() as c:
        days = _rows(c)
        agents = c.execute(sa.text("SELECT count(DISTINCT agent_id) FROM rollup_agent")).scalar()
    assert days["rollup_queue"] == before["rollup_queue"] and agents == 30
    assert days["rollup_agent"] == before["rollup_agent"]
    assert len(days["rollup_interval"]) == 2 * 96
    assert set(before["rollup_interval"]) < set(days["rollup_interval"])
    before = days
    # a call record that arrives late (a standby's takeover, a delayed batch)
    late_at = datetime(2026, 3, 2, 3, 7, tzinfo=SH)
    with night.begin() as c:
        c.execute(sa.insert(CallRecordRow).values(
            call_id="LATE1", queue_id="Q2", outcome="abandoned", queued_at=late_at,
            wait_s=3.0, talk_s=0.0, hold_s=0.0, acw_s=0.0, holds=0))
    assert main(["rollup", "rebuild", "--db", db_url]) == 0
    with night.connect() as c:
        after = _rows(c)
    slot = interval_start(late_at)
    changed = [r for r in after["rollup_queue"] if r not in before["rollup_queue"]]
    gone = [r for r in before["rollup_queue"] if r not in after["rollup_queue"]]
    assert len(changed) == 1 and len(gone) <= 1
    assert _utc(changed[0][0]) == slot and changed[0][1] == "Q2"
    assert after["rollup_agent"] == before["rollup_agent"]
    with night.connect() as c:
        day, _ = rollup_db.series(c, datetime(2026, 3, 2, tzinfo=SH),
                                  datetime(2026, 3, 3, tzinfo=SH), "day", tz=SH)
        want = recount(c, datetime(2026, 3, 2, tzinfo=SH), datetime(2026, 3, 3, tzinfo=SH))
    assert day[0].counts.offered == want["offered"]
    assert day[0].figures(T)["abandoned_5s"] == want["abandoned_5s"]


START = datetime(2026, 3, 2, 9, 0, tzinfo=SH)


def _call(c: sa.Connection, cid: str, at: datetime, outcome: str = "answered",
          wait: float = 10.0, agent: str | None = "A1") -> None:
    ans = at + timedelta(seconds=wait) if outcome == "answered" else None
    c.execute(sa.insert(CallRecordRow).values(
        call_id=cid, queue_id="Q1", agent_id=agent if ans else None, outcome=outcome,
        queued_at=at, answered_at=ans, ended_at=ans + timedelta(seconds=100) if ans else None,
        wait_s=wait, talk_s=100.0 if ans else 0.0, hold_s=0.0, acw_s=20.0 if ans else 0.0,
        holds=0))


def test_the_host_closes_each_interval_two_minutes_after_it_ends(eng: sa.Engine) -> None:
    seed_floor(eng, START - timedelta(hours=1), queues=[{"id": "Q1", "name": "热线"}],
               agents=[{"id": "A1", "name": "张三"}])
    with eng.begin() as c:
        _call(c, "C1", START + timedelta(minutes=1))
        _call(c, "C2", START + timedelta(minutes=14, seconds=59), wait=30.0)
        _call(c, "C3", START + timedelta(minutes=15), "abandoned", wait=4.0)
        _call(c, "C4", START + timedelta(minutes=31), "ivr_only", wait=0.0)
    clock = Clock(START + timedelta(minutes=16, seconds=59))
    s = AlertScheduler(eng, host_id="rollup-host", clock=clock)
    assert s.close_rollups() == 0  # 09:00–09:15 ended less than 2 min ago
    clock.advance(seconds=1)
    assert s.close_rollups() == 1
    assert s.close_rollups() == 0  # closed once
    with eng.connect() as c:
        rows, _ = rollup_db.series(c, START, START + timedelta(hours=1), "hour", tz=SH)
    f = rows[0].figures(T)
    assert (f["offered"], f["answered"], f["abandoned"], f["service_level"]) == (2, 2, 0, 0.5)
    assert rows[0].intervals == 1
    clock.advance(minutes=30)  # 09:47: 09:15 and 09:30 are due
    assert s.close_rollups() == 2
    with eng.connect() as c:
        rows, _ = rollup_db.series(c, START, START + timedelta(hours=1), "hour", tz=SH)
        closed = _rows(c)
    f = rows[0].figures(T)
    assert (f["offered"], f["answered"], f["abandoned"], f["ivr_only"], f["abandoned_5s"]) == \
        (4, 2, 1, 1, 1)
    assert f["service_level"] == pytest.approx(1 / 3) and f["answer_rate"] == 0.75
    assert f["asa_s"] == 20.0 and f["aht_s"] == 120.0 and rows[0].intervals == 3
    # what the job closed is what a rebuild makes
    rollup_db.rebuild(eng, START, START + timedelta(minutes=45), Policy(), now=clock.t)
    with eng.connect() as c:
        assert _rows(c) == closed


def test_an_agents_rows_split_its_states_at_the_interval_bounds(eng: sa.Engine) -> None:
    with eng.begin() as c:
        for st, reason, a, b in (("ready", None, 0, 10), ("away", "short_break", 10, 20),
                                 ("talking", None, 20, 22), ("after_call", None, 22, 24)):
            c.execute(sa.insert(AgentIntervalRow).values(
                agent_id="A1", state=st, reason=reason, start=START + timedelta(minutes=a),
                end=START + timedelta(minutes=b)))
        c.execute(sa.insert(AlertRow).values(
            id="x", rule="R-BREAK-1", subject="A1", severity="warning",
            raised_at=START + timedelta(minutes=20), message="", agent_id="A1", detail={},
            raised_event_id=1))
        # the pre-warning two minutes before the limit is not a breach (R-BREAK-1)
        c.execute(sa.insert(AlertRow).values(
            id="p", rule="R-BREAK-1", subject="agent:A1:pre", severity="info",
            raised_at=START + timedelta(minutes=18), message="", agent_id="A1", detail={},
            raised_event_id=2))
    assert rollup_db.rebuild(eng, START, START + timedelta(minutes=30), Policy(),
                             now=START + timedelta(hours=1)) == 2
    with eng.connect() as c:
        rows = {(_utc(r.start) - START.astimezone(UTC)) // timedelta(minutes=1): r
                for r in c.execute(sa.text("SELECT * FROM rollup_agent"))}
    a, b = rows[0], rows[15]
    assert (a.logged_in_s, a.ready_s, a.away_s, a.breaks) == (900.0, 600.0, 300.0, 1)
    assert (b.logged_in_s, b.away_s, b.talking_s, b.after_call_s, b.breaks) == \
        (540.0, 300.0, 120.0, 120.0, 0)
    breaches = b.breaches if isinstance(b.breaches, dict) else json.loads(b.breaches)
    away = a.away_by_reason if isinstance(a.away_by_reason, dict) else \
        json.loads(a.away_by_reason)
    assert breaches == {"R-BREAK-1": 1} and away == {"short_break": 300.0}


@pytest.mark.parametrize("args, names", [
    (["kpi", "--from", "yesterday", "--to", "2026-03-02"], "--from"),
    (["kpi", "--from", "2026-03-02", "--to", "2026-03-01T08:00:00"], "--to"),
    (["kpi", "--from", "2026-03-03", "--to", "2026-03-01"], "--to 2026-03-01"),
    (["rollup", "rebuild", "--from", "2026-03-03", "--to", "2026-03-01"], "--to 2026-03-01"),
])
def test_bad_input_is_one_line_naming_it_and_writes_nothing(
        sqlite_url: str, capsys: pytest.CaptureFixture[str], args: list[str],
        names: str) -> None:
    assert main([*args, "--db", sqlite_url]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("seatwatch: error:") and names in err[0], err
    e = dbengine.make_engine(sqlite_url)
    with e.connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM rollup_interval")).scalar() == 0
    e.dispose()


def test_buckets_follow_the_floor_clock() -> None:
    t = datetime(2026, 3, 1, 16, 30, tzinfo=UTC)  # 00:30 on 2 March in Shanghai
    assert bucket_start(t, "day", SH) == datetime(2026, 3, 2, tzinfo=SH)
    assert bucket_start(t, "week", SH) == datetime(2026, 3, 2, tzinfo=SH)  # a Monday
    assert bucket_start(t, "month", SH) == datetime(2026, 3, 1, tzinfo=SH)
    assert next_bucket(datetime(2026, 12, 1, tzinfo=SH), "month") == \
        datetime(2027, 1, 1, tzinfo=SH)
    ny = ZoneInfo("America/New_York")  # a 23-hour day: 8 March 2026
    d = bucket_start(datetime(2026, 3, 8, 12, tzinfo=ny), "day", ny)
    assert next_bucket(d, "day").astimezone(UTC) - d.astimezone(UTC) == timedelta(hours=23)
    fold = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, then 01:30 EST an hour on
    assert bucket_start(fold, "hour", ny).astimezone(UTC) != \
        bucket_start(fold + timedelta(hours=1), "hour", ny).astimezone(UTC)
    assert datetime.combine(date(2026, 3, 8), time(0), ny) == d


def test_two_hosts_closing_the_same_interval_at_once_count_each_call_once(
        eng: sa.Engine) -> None:
    """A standby taking over while the old host still runs its last job: both close
    09:00–09:15 at the same instant; the figures are those of one build."""
    import threading

    with eng.begin() as c:
        for i in range(40):
            _call(c, f"K{i}", START + timedelta(seconds=20 * i), wait=float(i))
    now = START + timedelta(minutes=17)
    barrier = threading.Barrier(2)
    results: list[object] = []

    def close() -> None:
        barrier.wait()
        try:
            results.append(rollup_db.close_due(eng, now, Policy()))
        except Exception as e:  # noqa: BLE001 - the test reports it
            results.append(e)

    threads = [threading.Thread(target=close) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(map(str, results)) in (["0", "1"], ["1", "1"]), results
    with eng.connect() as c:
        rows, _ = rollup_db.series(c, START, START + timedelta(hours=1), "hour", tz=SH)
        n = c.execute(sa.text("SELECT count(*) FROM rollup_interval")).scalar()
    f = rows[0].figures(T)
    assert (n, f["offered"], f["answered"], f["answered"]) == (1, 40, 40, 40)
    assert f["service_level"] == 21 / 40  # waits 0 … 20 s are within T


def test_a_host_catching_up_closes_a_day_per_run_and_ends_where_a_rebuild_does(
        eng: sa.Engine) -> None:
    with eng.begin() as c:
        for i in range(48):  # one call an hour for two days
            _call(c, f"H{i}", START + timedelta(hours=i, minutes=7), wait=float(i % 30))
        c.execute(sa.insert(AgentIntervalRow).values(  # a state across the first night
            agent_id="A1", state="away", reason="meal", start=START + timedelta(hours=10),
            end=START + timedelta(hours=23)))
    now = START + timedelta(days=3)
    runs = []
    while (n := rollup_db.close_due(eng, now, Policy())) > 0:
        runs.append(n)
    # from the first call's interval (09:00) to 08:45 three days on, 96 at a time
    assert runs == [96, 96, 95]  # 3 days less the interval not yet 2 minutes over
    with eng.connect() as c:
        closed = _rows(c)
    rollup_db.rebuild(eng, START, START + timedelta(days=3) - timedelta(minutes=15),
                      Policy(), now=now)
    with eng.connect() as c:
        rebuilt = _rows(c)
        days, _ = rollup_db.series(c, START, now, "day", tz=SH)
    assert closed == rebuilt
    # 09:07 … 23:07, a whole day, to 08:07; the last day's closed intervals hold nothing
    assert [d.counts.offered for d in days] == [15, 24, 9, 0]
    # the meal across midnight: 19:00–24:00 on the first day, 00:00–08:00 on the next
    assert [d.extra["logged_in_s"] for d in days] == [5 * 3600.0, 8 * 3600.0, 0.0, 0.0]


def test_a_call_still_talking_when_its_interval_closed_is_counted_when_it_ends(
        eng: sa.Engine) -> None:
    """The call record is written at hang-up: a call that arrived at 09:14 and talks
    until 09:25 was not in the history when 09:00–09:15 closed at 09:17."""
    with eng.begin() as c:
        _call(c, "E1", START + timedelta(minutes=3))
    clock = Clock(START + timedelta(minutes=17))
    assert rollup_db.close_due(eng, clock.t, Policy()) == 1
    with eng.begin() as c:  # hang-up at 09:25:10
        c.execute(sa.insert(CallRecordRow).values(
            call_id="E2", queue_id="Q1", agent_id="A2", outcome="answered",
            queued_at=START + timedelta(minutes=14), answered_at=START + timedelta(minutes=14,
                                                                                  seconds=30),
            ended_at=START + timedelta(minutes=25, seconds=10), wait_s=30.0, talk_s=640.0,
            hold_s=0.0, acw_s=0.0, holds=0))
    assert rollup_db.close_due(eng, START + timedelta(minutes=32), Policy()) == 1
    with eng.connect() as c:
        rows, _ = rollup_db.series(c, START, START + timedelta(minutes=15), "hour", tz=SH)
        agent = c.execute(sa.select(RollupAgentRow.handled).where(
            RollupAgentRow.agent_id == "A2")).scalars().all()
    f = rows[0].figures(T)
    assert (f["offered"], f["answered"], f["service_level"], f["aht_s"]) == (2, 2, 0.5, 380.0)
    assert agent == [1]


def _fill_rollups(conn: sa.Connection, lo: datetime, hi: datetime) -> None:
    """Built rollups for every 15 minutes of [lo, hi), as the builder writes them: Q1
    one call and Q2 two an interval, one agent logged in the whole interval (600 s
    ready, 300 s talking), the floor's sums on the interval's row."""
    from models.db.schema import RollupQueueRow

    zero = dict.fromkeys(("ivr_only", "answered_in_sl", "answered_waited", "abandoned",
                          "abandoned_short", "abandoned_5s", "handled", "intercepted"), 0)
    secs = dict.fromkeys(("wait_answered_s", "wait_abandoned_s", "talk_s", "hold_s",
                          "acw_s"), 0.0)
    t, ivs, qs, ags = lo.astimezone(UTC), [], [], []  # whole minutes of real time
    while t < hi:
        ivs.append({"start": t, "built_at": hi, "sl_threshold_s": T,
                    "sl_exclude_abandon_under_s": 0.0, "agent_logged_in_s": 900.0,
                    "agent_ready_s": 600.0, "agent_busy_s": 300.0, "agent_breaks": 0})
        for q, n in (("Q1", 1), ("Q2", 2)):
            qs.append({"start": t, "queue_id": q, "offered": n, "answered": n,
                       "wait_max_s": float(n), **zero, **secs})
        ags.append({"start": t, "agent_id": "A1", "logged_in_s": 900.0, "ready_s": 600.0,
                    "ringing_s": 0.0, "talking_s": 300.0, "hold_s": 0.0, "after_call_s": 0.0,
                    "away_s": 0.0, "away_by_reason": {}, "handled": 0, "talk_s": 0.0,
                    "acw_s": 0.0, "breaks": 0, "breaches": {}})
        t += timedelta(minutes=15)
    conn.execute(sa.insert(RollupIntervalRow), ivs)
    conn.execute(sa.insert(RollupQueueRow), qs)
    conn.execute(sa.insert(RollupAgentRow), ags)


def test_a_dst_floor_reads_25_hours_on_the_night_clocks_go_back(eng: sa.Engine) -> None:
    """The charts' read sums whole intervals per bucket of the floor's clock: on a
    New York floor, 1 November 2026 has two 01:00 hours (EDT, then EST), each its own
    bar of four intervals, and the day holds 100 intervals; 8 March has 23 hours."""
    ny = ZoneInfo("America/New_York")
    with eng.begin() as c:
        _fill_rollups(c, datetime(2026, 3, 7, tzinfo=ny), datetime(2026, 3, 10, tzinfo=ny))
        _fill_rollups(c, datetime(2026, 10, 31, tzinfo=ny), datetime(2026, 11, 3, tzinfo=ny))
    with eng.connect() as c:
        hours, t = rollup_db.series(c, datetime(2026, 11, 1, tzinfo=ny),
                                    datetime(2026, 11, 2, tzinfo=ny), "hour", tz=ny)
        q2, _ = rollup_db.series(c, datetime(2026, 11, 1, tzinfo=ny),
                                 datetime(2026, 11, 2, tzinfo=ny), "hour", queue="Q2", tz=ny)
        days, _ = rollup_db.series(c, datetime(2026, 3, 7, tzinfo=ny),
                                   datetime(2026, 11, 3, tzinfo=ny), "day", tz=ny)
        months, _ = rollup_db.series(c, datetime(2026, 1, 1, tzinfo=ny),
                                     datetime(2027, 1, 1, tzinfo=ny), "month", tz=ny)
    assert t == T and len(hours) == 25
    assert [h.start.hour for h in hours[:4]] == [0, 1, 1, 2]
    assert hours[2].start.astimezone(UTC) - hours[1].start.astimezone(UTC) == \
        timedelta(hours=1)
    assert all(h.intervals == 4 and h.counts.offered == 12 for h in hours)
    assert all(h.counts.offered == 8 and h.extra["wait_max_s"] == 2.0 for h in q2)
    assert all(h.extra["logged_in_s"] == 3600.0 for h in hours)
    assert all(h.figures(t)["occupancy"] == pytest.approx(1 / 3) for h in hours)
    by_day = {d.start.date(): d for d in days}
    assert len(days) == 6  # only the days that hold built intervals
    assert by_day[date(2026, 3, 8)].intervals == 92 and \
        by_day[date(2026, 11, 1)].intervals == 100
    assert by_day[date(2026, 11, 1)].counts.offered == 300
    assert [(m.start.month, m.intervals) for m in months] == [(3, 3 * 96 - 4),
                                                              (10, 96), (11, 2 * 96 + 4)]


def test_a_half_hour_zone_reads_hours_of_its_own_clock(eng: sa.Engine) -> None:
    """India's clock is UTC+05:30: an hour's bar there is 09:00–10:00 floor time, the
    four 15-minute intervals from 03:30 UTC, not the UTC hour."""
    kol = ZoneInfo("Asia/Kolkata")
    with eng.begin() as c:
        _fill_rollups(c, datetime(2026, 3, 2, 9, 15, tzinfo=kol),
                      datetime(2026, 3, 2, 11, 0, tzinfo=kol))
    with eng.connect() as c:
        hours, _ = rollup_db.series(c, datetime(2026, 3, 2, tzinfo=kol),
                                    datetime(2026, 3, 3, tzinfo=kol), "hour", tz=kol)
    assert [(h.start.hour, h.start.minute, h.intervals, h.counts.offered) for h in hours] == \
        [(9, 0, 3, 9), (10, 0, 4, 12)]
    assert hours[0].start.astimezone(UTC) == datetime(2026, 3, 2, 3, 30, tzinfo=UTC)


def test_intervals_built_before_the_upgrade_keep_their_occupancy(db_url: str) -> None:
    """Rollups built by a release before migration 0011 have no floor agent time on
    their interval rows: the upgrade fills it from their agent rows, so the
    director's occupancy of that history reads as before (not empty)."""
    from alembic import command

    e = dbengine.make_engine(db_url)
    cfg = dbengine._alembic_config()
    with e.begin() as c:
        cfg.attributes["connection"] = c
        command.downgrade(cfg, "0010")
    t0 = START.astimezone(UTC)
    with e.begin() as c:
        for k in range(4):  # one hour, two agents: 900 s logged in each, 600 + 300 s busy
            t = t0 + timedelta(minutes=15 * k)
            c.execute(sa.insert(RollupIntervalRow).values(  # the columns 0010 has
                start=t, built_at=t, sl_threshold_s=T, sl_exclude_abandon_under_s=0.0))
            for agent, busy in (("A1", 600.0), ("A2", 300.0)):
                c.execute(sa.insert(RollupAgentRow).values(
                    start=t, agent_id=agent, logged_in_s=900.0, ready_s=900.0 - busy,
                    ringing_s=0.0, talking_s=busy, hold_s=0.0, after_call_s=0.0, away_s=0.0,
                    away_by_reason={}, handled=1, talk_s=busy, acw_s=0.0, breaks=k % 2,
                    breaches={}))
    assert dbengine.upgrade(e) == ("0010", dbengine.head_revision())
    with e.connect() as c:
        rows, _ = rollup_db.series(c, START, START + timedelta(hours=1), "hour", tz=SH)
    e.dispose()
    assert len(rows) == 1 and rows[0].intervals == 4
    assert rows[0].figures(T)["occupancy"] == pytest.approx(0.5)
    assert (rows[0].extra["logged_in_s"], rows[0].extra["breaks"]) == (7200.0, 4)
