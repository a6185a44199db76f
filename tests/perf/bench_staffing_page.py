"""Benchmark: the director's staffing page and the month's plan over a year of rollups
(issue #17 "Staffing"), on SQLite and PostgreSQL.

Takes a floor database that holds rollups and a roster (e.g. ``seatwatch simulate
--roster`` + ``seatwatch rollup rebuild`` over three weeks), copies its rollups and
roster into a scratch database of each engine — repeated back in time, block after
block, until a year is covered — and times, per engine:

* ``staffing_view`` (the page's one request) for past ranges of 7, 31, 92 and 365
  days ending yesterday, each with the next 7 days' gap;
* ``month_plan`` for next month and writing it as .xlsx.

    python tests/perf/bench_staffing_page.py --source /tmp/floor.db [--weeks 52]
                                             [--repeat 3] [--engines sqlite postgresql]

The source is only read. The PostgreSQL scratch database (127.0.0.1, trust) is dropped.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from models.db import engine as dbengine  # noqa: E402
from models.db import operators as opsdb  # noqa: E402
from models.db import staffing_db, store  # noqa: E402
from models.db.schema import (  # noqa: E402
    RollupAgentRow,
    RollupIntervalRow,
    RollupQueueRow,
    RosterRow,
)
from models.domain.trends import TrendFilter  # noqa: E402
from models.reports import staffing_xlsx  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _rows(conn: sa.Connection, table: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(sa.select(table.__table__))]


def fill(source: str, target: sa.Engine, weeks: int) -> tuple[date, int]:
    """The source's rollups and roster, repeated back in time over ``weeks`` weeks in
    blocks of the source's own whole weeks; returns (the day after the last copied
    day, rows written)."""
    src = dbengine.make_engine(source)
    with src.connect() as c:
        iv, q, ag = (_rows(c, t) for t in (RollupIntervalRow, RollupQueueRow, RollupAgentRow))
        roster = _rows(c, RosterRow)
    src.dispose()
    if not iv:
        raise SystemExit(f"{source}: no rollups (run seatwatch rollup rebuild first)")
    first = min(store_utc(r["start"]) for r in iv)
    last = max(store_utc(r["start"]) for r in iv)
    block = timedelta(days=7 * max(1, (last - first).days // 7))
    n = 0
    now = datetime.now(UTC)
    with store.writing(target).begin() as conn:
        opsdb.create_operator(conn, "A1", "管理员", "secret-pw", {"admin"}, by="bench", now=now)
        opsdb.create_operator(conn, "D1", "主任", "secret-pw", {"director"}, by="A1", now=now)
        in_block = [r for r in roster if r["day"] < (first + block).date()]
        # k = -1: the roster of the block after the history (the gap ahead has a roster)
        for k in range(-1, max(1, -(-weeks * 7 // block.days))):
            shift = k * block
            if k >= 0:
                for table, rows in ((RollupIntervalRow, iv), (RollupQueueRow, q),
                                    (RollupAgentRow, ag)):
                    batch = [{**r, "start": store_utc(r["start"]) - shift} for r in rows
                             if store_utc(r["start"]) < first + block]
                    for i in range(0, len(batch), 20_000):
                        conn.execute(sa.insert(table), batch[i:i + 20_000])
                    n += len(batch)
            rb = [{k2: v for k2, v in r.items() if k2 != "id"} | {"day": r["day"] - shift}
                  for r in in_block]
            if rb:
                conn.execute(sa.insert(RosterRow), rb)
                n += len(rb)
    return (first + block).date(), n


def store_utc(t: datetime) -> datetime:
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def bench(name: str, eng: sa.Engine, source: str, weeks: int, repeat: int) -> None:
    t0 = time.perf_counter()
    end, rows = fill(source, eng, weeks)
    print(f"[{name}] copied {rows:,} rows ({weeks} weeks) in {time.perf_counter() - t0:.1f} s")
    now = datetime.combine(end, datetime.min.time(), UTC) + timedelta(hours=2)
    yesterday = end - timedelta(days=1)
    for days in (7, 31, 92, 365):
        flt = TrendFilter(yesterday - timedelta(days=days - 1), yesterday)
        secs, view = timed(lambda f=flt: staffing_db.staffing_view(eng, "D1", f, now),  # type: ignore[misc]
                           repeat)
        n = len(view.past.slots) if view.past else 0
        print(f"[{name}] page, {days:3d} days past + 7 ahead: {secs:6.2f} s "
              f"({n:,} past slots, fit {view.fit if view.fit is None else f'{view.fit:.1%}'})")
    month = date(end.year + end.month // 12, end.month % 12 + 1, 1)
    secs, plan = timed(lambda: staffing_db.month_plan(eng, "D1", month, now), repeat)
    print(f"[{name}] month plan {month:%Y-%m}: {secs:.2f} s ({len(plan.slots):,} slots, "
          f"{len(plan.short_slots()):,} short)")
    with tempfile.TemporaryDirectory() as d:
        secs, _n = timed(lambda: staffing_xlsx.write_plan(plan, os.path.join(d, "p.xlsx")),
                         repeat)
    print(f"[{name}] month plan as .xlsx: {secs:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", required=True, help="a floor database with rollups (URL or "
                                                    "SQLite file)")
    ap.add_argument("--weeks", type=int, default=52)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"])
    a = ap.parse_args()
    source = a.source if "://" in a.source else f"sqlite:///{a.source}"
    if "sqlite" in a.engines:
        with tempfile.TemporaryDirectory() as d:
            eng = dbengine.make_engine(f"sqlite:///{d}/bench.db", create=True)
            dbengine.ensure_schema(eng, migrate_sqlite=True)
            try:
                bench("sqlite", eng, source, a.weeks, a.repeat)
            finally:
                eng.dispose()
    if "postgresql" in a.engines:
        name = f"sw_bench_staffing_{os.getpid()}"
        with psycopg.connect(ADMIN, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        try:
            eng = dbengine.make_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
            dbengine.upgrade(eng)
            try:
                bench("postgresql", eng, source, a.weeks, a.repeat)
            finally:
                eng.dispose()
        finally:
            with psycopg.connect(ADMIN, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
