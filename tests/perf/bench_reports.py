"""Benchmark: the daily report of a 300-seat day (issue #18, R-REPORT-1; target ≤ 10 s).

Scale: ``--agents`` (300) simulated for ``--hours`` (24) from a day's 00:00 floor time
with the roster they work to, rolled up whole; then, for every urgent ticket the
simulator wrote (急件), an R-URGENT-1 alert acknowledged a minute later and three
handling steps in the audit log (R-URGENT-2's trail); a register line for every
agent of the day, one in ten an exception (late, sick, personal leave); the day's two
morning meetings with five problems each. In a PRIVATE database: a temporary SQLite
file and a PostgreSQL database created on 127.0.0.1:5432 and dropped at the end.

It prints, per engine, median and worst of ``--runs``: the read
(:func:`models.db.reports_db.build`), the workbook, the PDF (laid out in its child
process as the host does it) and the whole — what the floor host's
``report.produce`` spends on one daily report.

    python tests/perf/bench_reports.py [--db sqlite|postgresql|both] [--agents 300]
        [--hours 24] [--runs 3]

Figures: see README "Scheduled reports".
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
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from console import report_pdf  # noqa: E402
from console.simulate import run_simulation  # noqa: E402
from models.db import audit as auditlog  # noqa: E402
from models.db import engine as dbengine  # noqa: E402
from models.db import reports_db, rollup_db, store  # noqa: E402
from models.db.schema import AlertRow, AttendanceRow, MeetingRow, TicketRow  # noqa: E402
from models.reports import ops_html, ops_xlsx  # noqa: E402

ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
SH = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 2)
START = datetime(2026, 3, 2, 0, 0, tzinfo=SH)


def build_floor(eng: sa.Engine, agents: int, hours: float) -> str:
    dbengine.upgrade(eng)
    t0 = time.perf_counter()
    run_simulation(eng, agents=agents, hours=hours, seed=18, start=START, roster=True)
    with eng.connect() as c:
        policy = store.current_state(c).policy
        span = rollup_db.history_span(c)
    assert span is not None
    rollup_db.rebuild(eng, span[0], span[1], policy, now=span[1] + timedelta(days=1))
    now = START.astimezone(UTC) + timedelta(days=1, hours=8)
    with store.writing(eng).begin() as c:
        tickets = c.execute(sa.select(TicketRow.id, TicketRow.created_at)
                            .where(TicketRow.urgent.is_(True))).all()
        for i, (tid, at) in enumerate(tickets):
            c.execute(sa.insert(AlertRow).values(
                id=f"R-URGENT-1|{tid}", rule="R-URGENT-1", subject=f"ticket:{tid}",
                severity="critical", raised_at=at, message="急件", ticket_id=tid, detail={},
                raised_event_id=i + 1, acknowledged_at=at + timedelta(minutes=1),
                acknowledged_by="L01", resolved_at=at + timedelta(minutes=30),
                resolved_by="L01", resolve_note="已处置"))
            for k, text in enumerate(("已联系承办单位负责人", "承办单位答复已派员",
                                      "现场处置完毕，已回访来电人")):
                auditlog.audit(c, at=at + timedelta(minutes=2 + 5 * k), operator="L01",
                               action="ticket_step", target=tid, detail={"text": text},
                               result="ok")
        ids = list(c.execute(sa.text("SELECT id FROM agent ORDER BY id")).scalars())
        kinds = ("late_early", "sick", "personal")
        c.execute(sa.insert(AttendanceRow), [
            {"day": DAY, "agent_id": a, "type": kinds[i % 3] if i % 10 == 0 else "present",
             "late_min": 7 if i % 30 == 0 else 0, "early_min": 0, "note": "",
             "source": "leader", "updated_at": now, "updated_by": "L01"}
            for i, a in enumerate(ids)])
        for shift in ("白班", "夜班"):
            c.execute(sa.insert(MeetingRow).values(
                day=DAY, shift=shift, chair="L01",
                content={"chair_name": "王班长",
                         "problems": [f"质检问题 {k}：答复口径不统一" for k in range(5)]},
                saved_at=now, saved_by="L01"))
    if eng.dialect.name == "postgresql":
        with eng.connect() as c:
            c.execute(sa.text("ANALYZE"))
            c.commit()
    with eng.connect() as c:
        calls = c.execute(sa.text("SELECT count(*) FROM call_record")).scalar()
    return (f"{agents} agents x {hours:g} h: {calls:,} calls, {len(tickets)} urgent tickets "
            f"(built in {time.perf_counter() - t0:.0f} s)")


def bench(url: str, agents: int, hours: float, runs: int) -> None:
    eng = dbengine.make_engine(url)
    name = eng.dialect.name
    print(f"{name:<10} {build_floor(eng, agents, hours)}", flush=True)
    now = START.astimezone(UTC) + timedelta(days=1, hours=8, minutes=30)
    phases: dict[str, list[float]] = {"read": [], "xlsx": [], "pdf": [], "whole": []}
    for _ in range(runs):
        t0 = time.perf_counter()
        r = reports_db.build(eng, "daily", DAY.isoformat(), now)
        t1 = time.perf_counter()
        xlsx = ops_xlsx.to_bytes(r)
        t2 = time.perf_counter()
        pdf = report_pdf.render(ops_html.html(r))
        t3 = time.perf_counter()
        phases["read"].append(t1 - t0)
        phases["xlsx"].append(t2 - t1)
        phases["pdf"].append(t3 - t2)
        phases["whole"].append(t3 - t0)
    for what, ts in phases.items():
        print(f"{name:<10} {what:<6}: median {statistics.median(ts):.2f} s, worst "
              f"{max(ts):.2f} s", flush=True)
    print(f"{name:<10} files: xlsx {len(xlsx):,} bytes, pdf {len(pdf):,} bytes; "
          f"{sum(len(p.rows) for p in r.parts)} rows in {len(r.parts)} parts; load "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--agents", type=int, default=300)
    ap.add_argument("--hours", type=float, default=24.0)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    if a.db in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as d:
            bench(f"sqlite:///{d}/bench.db", a.agents, a.hours, a.runs)
    if a.db in ("postgresql", "both"):
        name = f"sw_bench_reports_{os.getpid()}"
        with psycopg.connect(ADMIN, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        try:
            bench(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", a.agents, a.hours,
                  a.runs)
        finally:
            with psycopg.connect(ADMIN, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
