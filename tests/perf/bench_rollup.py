"""Benchmark: the 15-minute rollups (issue #17) — closing one interval and a rebuild.

Scale: 300 agents, ``--hours`` simulated hours of a weekday from 08:00 (both peaks),
then the day's history (call_record, agent_interval) copied ``--days - 1`` times
onto the following days by shifting its times, so the rollups have a week to build.
For SQLite and PostgreSQL it prints:

- closing one interval: ``close_due`` as the host's ``rollup.close`` job runs it, on
  the busiest intervals of the last day (median and worst of ``--closes``), and the
  job's next run a minute later (nothing new is due; it builds again the closed
  intervals of the calls that ended in that minute);
- ``rollup rebuild`` of the whole history (every interval, whole);
- one ``series`` over the whole range by hour and by day (query only, no plot).

    python tests/perf/bench_rollup.py [--agents 300] [--hours 8] [--days 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from console.simulate import run_simulation  # noqa: E402
from models.db import engine as dbengine  # noqa: E402
from models.db import rollup_db, store  # noqa: E402
from models.db.schema import (  # noqa: E402
    AgentIntervalRow,
    CallRecordRow,
    RollupIntervalRow,
    RollupQueueRow,
)
from models.domain.rollup import INTERVAL, interval_start  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
START = datetime.fromisoformat("2026-03-02T08:00:00+08:00")


def replicate(eng: sa.Engine, days: int) -> tuple[int, int]:
    """Copy day 0's history onto days 1 … days-1 (new ids, shifted times)."""
    with eng.connect() as c:
        calls = [dict(r._mapping) for r in c.execute(sa.select(CallRecordRow.__table__))]
        spans = [dict(r._mapping) for r in c.execute(sa.select(AgentIntervalRow.__table__))]
    for r in spans:
        r.pop("id")
    for d in range(1, days):
        shift = timedelta(days=d)
        cs = []
        for r in calls:
            x = dict(r, call_id=f"{r['call_id']}~{d}")
            for k in ("queued_at", "answered_at", "ended_at"):
                if x[k] is not None:
                    x[k] = x[k].replace(tzinfo=x[k].tzinfo or UTC) + shift
            cs.append(x)
        ss = [dict(r, start=r["start"].replace(tzinfo=r["start"].tzinfo or UTC) + shift,
                   end=r["end"].replace(tzinfo=r["end"].tzinfo or UTC) + shift) for r in spans]
        with eng.begin() as c:
            c.execute(sa.insert(CallRecordRow), cs)
            c.execute(sa.insert(AgentIntervalRow), ss)
    return len(calls) * days, len(spans) * days


def bench(url: str, agents: int, hours: float, days: int, closes: int) -> None:
    eng = dbengine.make_engine(url)
    dbengine.upgrade(eng)
    t0 = time.perf_counter()
    run_simulation(eng, agents=agents, hours=hours, seed=1, start=START)
    sim_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ncalls, nspans = replicate(eng, days)
    rep_s = time.perf_counter() - t0
    with eng.connect() as c:
        policy = store.current_state(c).policy
        span = rollup_db.history_span(c)
    assert span is not None
    name = eng.dialect.name
    print(f"{name:<10} {agents} agents, {hours:g} h x {days} days: {ncalls:,} calls, "
          f"{nspans:,} agent intervals (simulated in {sim_s:.0f} s, copied in {rep_s:.0f} s)",
          flush=True)
    now = span[1] + timedelta(days=1)
    t0 = time.perf_counter()
    n = rollup_db.rebuild(eng, span[0], span[1], policy, now=now)
    rb = time.perf_counter() - t0
    print(f"{name:<10} rebuild of the whole history: {n:,} intervals in {rb:.2f} s "
          f"({1000 * rb / n:.1f} ms per interval)", flush=True)
    # closing: the busiest intervals of the last day, each as the job closes it
    with eng.connect() as c:
        tot = sa.func.sum(RollupQueueRow.offered)
        busy = [interval_start(t) for t in c.execute(
            sa.select(RollupQueueRow.start).where(
                RollupQueueRow.start >= span[1] - timedelta(days=1))
            .group_by(RollupQueueRow.start).order_by(tot.desc())).scalars()][:closes]
    times = []
    for t in busy:
        with eng.begin() as c:
            c.execute(sa.delete(RollupIntervalRow).where(RollupIntervalRow.start >= t))
        t0 = time.perf_counter()
        assert rollup_db.close_due(eng, t + INTERVAL + rollup_db.CLOSE_LAG, policy, batch=1) == 1
        times.append(time.perf_counter() - t0)
    # the job's run a minute after it closed interval t: nothing new is due, but
    # the calls of t that ended in that minute make it build t again
    rollup_db.rebuild(eng, span[1] - timedelta(days=1), span[1], policy, now=now)
    steady = []
    for t in sorted(busy, reverse=True):  # each run finds every interval before t closed
        closed_at = t + INTERVAL + rollup_db.CLOSE_LAG
        run_at = closed_at + timedelta(minutes=1)
        with eng.begin() as c:
            c.execute(sa.delete(RollupIntervalRow).where(RollupIntervalRow.start > t))
            c.execute(sa.update(RollupIntervalRow).values(built_at=closed_at))
            late = len(rollup_db.late_intervals(c, closed_at - rollup_db.LATE_MARGIN,
                                                t + INTERVAL))
        t0 = time.perf_counter()
        assert rollup_db.close_due(eng, run_at, policy, batch=1) == 0
        steady.append((time.perf_counter() - t0, late))
    rollup_db.rebuild(eng, span[0], span[1], policy, now=now)
    print(f"{name:<10} the next minute's run (building again {min(x[1] for x in steady)}"
          f"–{max(x[1] for x in steady)} closed interval(s) with calls just ended): median "
          f"{1000 * statistics.median(x[0] for x in steady):.0f} ms, worst "
          f"{1000 * max(x[0] for x in steady):.0f} ms", flush=True)
    print(f"{name:<10} closing one interval ({agents} agents, busiest {len(times)}): "
          f"median {1000 * statistics.median(times):.0f} ms, worst {1000 * max(times):.0f} ms",
          flush=True)
    for by in ("hour", "day"):
        with eng.connect() as c:
            t0 = time.perf_counter()
            rows, _ = rollup_db.series(c, span[0], span[1], by, tz=policy.tz)
            q = time.perf_counter() - t0
        print(f"{name:<10} series by {by} over the whole range: {len(rows)} rows in "
              f"{1000 * q:.0f} ms", flush=True)
    eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=300)
    ap.add_argument("--hours", type=float, default=8.0)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--closes", type=int, default=10)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        bench(f"sqlite:///{d}/bench.db", a.agents, a.hours, a.days, a.closes)
    name = f"sw_bench_rollup_{os.getpid()}"
    with psycopg.connect(ADMIN, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        bench(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", a.agents, a.hours,
              a.days, a.closes)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
