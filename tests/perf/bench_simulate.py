"""Benchmark: ``simulate`` throughput at 300 agents (issue #2 target ≥ 1,000× real time).

Scale: 300 agents, 8 simulated hours of a weekday 08:00–16:00 (morning and
afternoon peaks), everything on (ringing, holds, ACW, abandonment, IVR, breaks,
tickets), written through the floor log with its projection into a fresh
database. Prints events, wall time, events/s and the speed-up over real time,
for SQLite and PostgreSQL.

    python tests/perf/bench_simulate.py [--agents 300] [--hours 8]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg  # noqa: E402

from console.simulate import run_simulation  # noqa: E402
from models.db import engine as dbengine  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
START = datetime.fromisoformat("2026-03-02T08:00:00+08:00")


def bench(url: str, agents: int, hours: float) -> None:
    eng = dbengine.make_engine(url)
    dbengine.upgrade(eng)
    r = run_simulation(eng, agents=agents, hours=hours, seed=1, start=START)
    eng.dispose()
    print(f"{eng.dialect.name:<10} {agents} agents, {hours:g} h: {r.events:,} events in "
          f"{r.wall_s:.1f} s = {r.events / r.wall_s:,.0f} events/s, "
          f"{r.speedup:,.0f}x real time ({r.rejected} refused); "
          f"offered {r.kpis['offered']:,}, SL {r.kpis['service_level']:.1%}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=300)
    ap.add_argument("--hours", type=float, default=8.0)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        bench(f"sqlite:///{d}/bench.db", a.agents, a.hours)
    name = f"sw_bench_sim_{os.getpid()}"
    with psycopg.connect(ADMIN, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        bench(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", a.agents, a.hours)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
