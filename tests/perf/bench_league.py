"""Benchmark: the director's league table and SL heat map (issue #17), read from the
rollups at scale.

Scale: ``--agents`` agents, ``--hours`` simulated hours of a weekday from 08:00 with
the roster the simulated agents work to, the day's history and roster copied onto
``--days - 1`` following days (``bench_rollup.replicate``), rolled up whole. For
SQLite and PostgreSQL it prints the time of one read (query and the figures, no
drawing) of the league and of the heat map over a day, a week and the whole range:
median and worst of ``--runs``.

    python tests/perf/bench_league.py [--agents 300] [--hours 8] [--days 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from console.simulate import run_simulation  # noqa: E402
from models.db import engine as dbengine  # noqa: E402
from models.db import league_db, rollup_db, store  # noqa: E402
from models.db import operators as opsdb  # noqa: E402
from models.db.schema import RosterRow  # noqa: E402
from models.domain.trends import TrendFilter  # noqa: E402
from tests.perf.bench_rollup import ADMIN, START, replicate  # noqa: E402


def copy_roster(eng: sa.Engine, days: int) -> int:
    with eng.connect() as c:
        rows = [dict(r._mapping) for r in c.execute(sa.select(RosterRow.__table__))]
    for r in rows:
        r.pop("id")
    out = [dict(r, day=r["day"] + timedelta(days=d)) for d in range(1, days) for r in rows]
    with eng.begin() as c:
        if out:
            c.execute(sa.insert(RosterRow), out)
    return len(rows) + len(out)


def bench(url: str, agents: int, hours: float, days: int, runs: int) -> None:
    eng = dbengine.make_engine(url)
    dbengine.upgrade(eng)
    t0 = time.perf_counter()
    run_simulation(eng, agents=agents, hours=hours, seed=1, start=START, roster=True)
    ncalls, nspans = replicate(eng, days)
    nroster = copy_roster(eng, days)
    with eng.connect() as c:
        policy = store.current_state(c).policy
        span = rollup_db.history_span(c)
    assert span is not None
    rollup_db.rebuild(eng, span[0], span[1], policy, now=span[1] + timedelta(days=1))
    if eng.dialect.name == "postgresql":
        # a live floor's autovacuum keeps the planner's statistics; a table loaded a
        # moment ago has none (without them the league read a week in 1 s, not 0.2 s)
        with eng.connect() as c:
            c.execute(sa.text("ANALYZE"))
            c.commit()
    with store.writing(eng).begin() as c:
        opsdb.create_operator(c, "D1", "王主任", "secret-pw", {"director"}, by="cli:bench",
                              now=START)
    name = eng.dialect.name
    print(f"{name:<10} {agents} agents x {days} days: {ncalls:,} calls, {nspans:,} agent "
          f"intervals, {nroster:,} roster rows (built in {time.perf_counter() - t0:.0f} s)",
          flush=True)
    first = START.astimezone(policy.tz).date()
    for label, n in (("a day", 1), ("a week", 7), (f"{days} days", days)):
        flt = TrendFilter(first, first + timedelta(days=min(n, days) - 1))
        for what, fn in (("league", league_db.league), ("heat map", league_db.heatmap)):
            times = []
            for _ in range(runs):
                with eng.connect() as c:
                    t1 = time.perf_counter()
                    fn(c, "D1", flt, policy)
                    times.append(time.perf_counter() - t1)
            print(f"{name:<10} {what:<9} over {label:<8}: median "
                  f"{1000 * statistics.median(times):.0f} ms, worst "
                  f"{1000 * max(times):.0f} ms", flush=True)
    eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=300)
    ap.add_argument("--hours", type=float, default=8.0)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        bench(f"sqlite:///{d}/bench.db", a.agents, a.hours, a.days, a.runs)
    name = f"sw_bench_league_{os.getpid()}"
    with psycopg.connect(ADMIN, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        bench(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", a.agents, a.hours,
              a.days, a.runs)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
