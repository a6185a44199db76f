"""Benchmark: shift operations at a large center's scale (issue #6).

Scale: 1,000 agents, a roster for a whole year (two shifts, every agent on one
of them every day: 365,000 rows), a year of attendance records (1,000 × 334 days
to the end of November: 334,000 rows, 8 % late / early / leave / absent), and the
platform's logins of one day (agent_interval rows for 1,000 agents).

Prints, for the engine given (SQLite file by default, ``--db`` for PostgreSQL):
- roster CSV parse and import, rows/s
- attendance CSV import, rows/s
- the day's register (1,000 rostered agents, prefilled from logins), load time
- the monthly summary (reads January → November for R-ATT-1 / R-ATT-5), time
- the Excel workbook of the summary, time and size
- one confirm (a save with its version check and audit row), p50 / p95

Targets (my own; the issue names none): register ≤ 1 s, summary ≤ 3 s, a save
≤ 50 ms p95, imports ≥ 5,000 rows/s.

    python tests/perf/bench_shiftops.py [--agents 1000] [--db URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.db import attendance_db, shiftops, store  # noqa: E402
from models.db import engine as dbengine  # noqa: E402
from models.db import operators as opsdb  # noqa: E402
from models.db.schema import AgentIntervalRow  # noqa: E402
from models.domain import shiftimport  # noqa: E402
from models.domain.attendance import AttendanceRecord, AttType  # noqa: E402
from models.domain.policy import default_policy  # noqa: E402
from models.domain.types import FloorEvent  # noqa: E402
from models.reports.attendance_xlsx import write_month_summary  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=1000)
    ap.add_argument("--db", help="a SQLAlchemy URL of an EMPTY database (default: a temp "
                                 "SQLite file)")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-shiftops-"))
    url = a.db or f"sqlite:///{tmp / 'floor.db'}"
    eng = dbengine.make_engine(url)
    dbengine.upgrade(eng)  # a new SQLite file or an empty PostgreSQL database
    policy = default_policy()
    tz = policy.tz
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    with store.writing(eng).begin() as conn:
        opsdb.create_operator(conn, "A1", "管理员", "secret-pw", {"admin"}, by="b", now=t0)
        opsdb.create_operator(conn, "L1", "张班长", "secret-pw", {"shift_leader"}, by="A1",
                              now=t0)
    ids = [str(100000 + i) for i in range(a.agents)]
    store.FloorWriter(eng, source="bench").append([FloorEvent("floor_setup", t0, {
        "groups": [], "queues": [], "agents": [{"id": i, "name": f"坐席{i}"} for i in ids]})])
    rng = random.Random(6)

    # ---- roster: a year as one CSV file
    days = [date(2026, 1, 1) + timedelta(days=k) for k in range(365)]
    lines = ["date,shift,agent,role"]
    for d in days:
        lines += [f"{d.isoformat()},{'白班' if int(i) % 4 else '夜班'},{i},agent" for i in ids]
        lines.append(f"{d.isoformat()},白班,L1,leader")
    text = "\n".join(lines) + "\n"
    t = time.perf_counter()
    parsed = shiftimport.parse_roster_csv(text, shifts=["白班", "夜班"], known=set(ids),
                                          leaders={"L1"})
    parse_s = time.perf_counter() - t
    assert not parsed.errors
    t = time.perf_counter()
    shiftops.import_roster(eng, parsed.entries, by="L1", now=t0)
    roster_s = time.perf_counter() - t
    n = len(parsed.entries)
    print(f"roster CSV: {n:,} rows parsed in {parse_s:.2f} s ({n / parse_s:,.0f} rows/s), "
          f"imported in {roster_s:.2f} s ({n / roster_s:,.0f} rows/s)")

    # ---- attendance: a year of records to the end of November
    recs = []
    for d in days[:334]:
        for i in ids:
            r = rng.random()
            if r < 0.03:
                recs.append(AttendanceRecord(d, i, AttType.LATE_EARLY, late_min=rng.randint(1, 40)))
            elif r < 0.05:
                recs.append(AttendanceRecord(d, i, AttType.SICK))
            elif r < 0.07:
                recs.append(AttendanceRecord(d, i, AttType.PERSONAL))
            elif r < 0.08:
                recs.append(AttendanceRecord(d, i, AttType.ABSENT))
            else:
                recs.append(AttendanceRecord(d, i, AttType.PRESENT))
    t = time.perf_counter()
    attendance_db.import_records(eng, recs, by="L1", now=t0)
    imp_s = time.perf_counter() - t
    print(f"attendance import: {len(recs):,} records in {imp_s:.1f} s "
          f"({len(recs) / imp_s:,.0f} rows/s)")

    # ---- the platform's logins of 2026-12-01 (the register's day)
    day = date(2026, 12, 1)
    start = datetime.combine(day, policy.shifts[0].start, tz)
    rows = []
    for i in ids:
        login = start - timedelta(minutes=2) + timedelta(seconds=rng.randint(0, 600))
        rows.append({"agent_id": i, "state": "ready", "reason": None, "start": login,
                     "end": login + timedelta(hours=11, minutes=55), "call_id": None})
    with store.writing(eng).begin() as conn:
        conn.execute(AgentIntervalRow.__table__.insert(), rows)
    times = []
    for _ in range(5):
        t = time.perf_counter()
        with eng.connect() as conn:
            reg = attendance_db.register(conn, day, policy)
        times.append(time.perf_counter() - t)
    late = sum(1 for r in reg if r.suggested.late_min)
    print(f"register of {day}: {len(reg):,} agents ({late} late) in "
          f"p50 {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")

    # ---- the monthly summary and its workbook
    times = []
    for _ in range(3):
        t = time.perf_counter()
        with eng.connect() as conn:
            summary = attendance_db.month_summary(conn, "2026-11", policy)
        times.append(time.perf_counter() - t)
    flagged = sum(1 for x in summary.agents if x.flags)
    print(f"monthly summary 2026-11 ({len(summary.agents):,} agents, {flagged} flagged; "
          f"reads Jan–Nov): p50 {statistics.median(times):.2f} s, max {max(times):.2f} s")
    t = time.perf_counter()
    out = write_month_summary(summary, tmp / "summary.xlsx")
    print(f"Excel workbook: {time.perf_counter() - t:.2f} s, {out.stat().st_size / 1024:.0f} KB")

    # ---- confirms: one save each, with the version check and the audit row
    times = []
    for r in reg[:200]:
        t = time.perf_counter()
        attendance_db.save_record(eng, r.suggested, by="L1", now=start + timedelta(hours=12),
                                  expected_version=0, suggested=r.suggested)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"confirm (save + audit): p50 {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms over {len(times)}")
    eng.dispose()


if __name__ == "__main__":
    main()
