"""Benchmark: the month's assessment sheet for a large floor (issue #18, target ≤ 2 s
for 1,000 agents).

Scale: ``--agents`` agents in 10 groups, each rostered on 22 days of November 2026
and answering ``--calls`` calls in the month (call_record rows), with 3 register
entries each (a late arrival, a ticket error, and for one in ten a ranged
deduction) and the default policy (000). For SQLite and PostgreSQL it prints the
time of ``assessment_db.draft`` — reading the inputs, computing the sheet, storing
it and its audit row — and of ``propose`` over the month's attendance register
(one late line per agent): median and worst of ``--runs``. The pure computation
(``compute_sheet``) is timed apart.

    python tests/perf/bench_assess.py [--agents 1000] [--calls 300] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from models.db import assessment_db as adb  # noqa: E402
from models.db import engine as dbengine  # noqa: E402
from models.db.schema import (  # noqa: E402
    AssessmentEntryRow,
    AttendanceRow,
    CallRecordRow,
    RosterRow,
)
from models.db.store import writing  # noqa: E402
from models.domain import assessment as asm  # noqa: E402
from tests.helpers import seed_floor, seed_operators  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
MONTH = "2026-11"
T0 = datetime(2026, 10, 31, 0, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)


def seed(eng: sa.Engine, agents: int, calls: int) -> None:
    seed_operators(eng, [("A1", "管理员", {"admin"}), ("D1", "主任", {"director"})], now=T0)
    ids = [f"{10000 + i}" for i in range(agents)]
    seed_floor(eng, T0, groups=[{"id": f"G{g}", "name": f"{g}班"} for g in range(10)],
               queues=[{"id": "Q1", "name": "热线"}],
               agents=[{"id": a, "name": f"坐席{a}", "group": f"G{i % 10}"}
                       for i, a in enumerate(ids)])
    adb.apply_policy(eng, asm.shipped_text("assessment-000.toml"), by="D1", now=T0)
    first = date(2026, 11, 2)
    with writing(eng).begin() as c:
        c.execute(sa.insert(RosterRow), [
            {"day": first + timedelta(days=d), "shift": "白班", "person": a, "role": "agent",
             "updated_at": T0, "updated_by": "D1"} for a in ids for d in range(22)])
        c.execute(sa.insert(AttendanceRow), [
            {"day": first + timedelta(days=i % 22), "agent_id": a, "type": "late_early",
             "late_min": 7, "early_min": 0, "note": "", "source": "leader", "version": 1,
             "updated_at": T0, "updated_by": "D1"} for i, a in enumerate(ids)])
        entries = []
        for i, a in enumerate(ids):
            entries.append(("late_early", -5.0, a, i))
            entries.append(("ticket_error", -2.0, a, i))
            if i % 10 == 0:
                entries.append(("disobedience", -15.0, a, i))
        c.execute(sa.insert(AssessmentEntryRow), [
            {"agent_id": a, "day": first + timedelta(days=i % 22), "kind": "deduction",
             "item": item, "points": pts, "note": "", "source": "manual", "proposal": None,
             "evidence": {}, "created_at": T0, "created_by": "D1"}
            for item, pts, a, i in entries])
    start = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
    batch: list[dict[str, object]] = []
    for i, a in enumerate(ids):
        n = calls - (i % 7) * calls // 10  # volumes spread below the average
        for k in range(n):
            at = start + timedelta(minutes=k * 97 % (28 * 24 * 60), seconds=i % 60)
            batch.append({"call_id": f"{a}-{k}", "queue_id": "Q1", "agent_id": a,
                          "outcome": "answered", "queued_at": at, "answered_at": at,
                          "ended_at": at + timedelta(minutes=3)})
        if len(batch) >= 50_000:
            with writing(eng).begin() as c:
                c.execute(sa.insert(CallRecordRow), batch)
            batch = []
    if batch:
        with writing(eng).begin() as c:
            c.execute(sa.insert(CallRecordRow), batch)


def timed(fn: object, runs: int) -> tuple[float, float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t)
    return statistics.median(out), max(out)


def bench(url: str, agents: int, calls: int, runs: int) -> None:
    eng = dbengine.make_engine(url)
    dbengine.upgrade(eng)
    t = time.perf_counter()
    seed(eng, agents, calls)
    print(f"{eng.dialect.name}: seeded {agents} agents, ~{agents * calls * 0.7:.0f} calls in "
          f"{time.perf_counter() - t:.1f} s")
    n = 0

    def draft() -> None:
        nonlocal n
        n += 1
        s = adb.draft(eng, by="D1", month=MONTH, now=NOW + timedelta(seconds=n),
                      reason="bench")
        assert len(s.rows) == agents

    med, worst = timed(draft, runs)
    print(f"  draft (read, compute, store, audit): median {med:.3f} s, worst {worst:.3f} s")
    med, worst = timed(lambda: adb.propose(eng, "D1", MONTH), runs)
    print(f"  propose: median {med:.3f} s, worst {worst:.3f} s")
    with eng.connect() as c:
        inputs = adb.inputs(c, MONTH)
    pol = asm.default_policy()
    med, worst = timed(lambda: asm.compute_sheet(pol, inputs), runs)
    print(f"  compute_sheet alone: median {med:.3f} s, worst {worst:.3f} s")
    eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=1000)
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        bench(f"sqlite:///{d}/bench.db", a.agents, a.calls, a.runs)
    name = f"sw_bench_assess_{os.getpid()}"
    with psycopg.connect(ADMIN, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        bench(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", a.agents, a.calls, a.runs)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
