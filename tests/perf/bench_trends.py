"""Benchmark: a year of a 300-seat centre and the director's charts over it (issue #17).

Scale: ``--agents`` (300) simulated round the clock for ``--sim-days`` (2) from a
Monday 00:00 floor time, then that history (``call_record``, ``agent_interval``,
``alert``) copied block after block, shifted by whole multiples of the block (whole
weeks when ``--sim-days`` is 7 or 14), until ``--days`` (364) are filled: about 9
million calls. The simulator's days are alike (its hourly profile has no weekday and
its agents no rest days), so a 2-day block gives the year the same volume and shape
as 14 days would, in a seventh of the simulation time (about 3 min a simulated day
for 300 agents on 2 shared cores).
The copies are made by the database itself (INSERT … SELECT with shifted times), in
a PRIVATE database: a temporary SQLite file and a PostgreSQL database
``seatwatch_bench_year`` created on 127.0.0.1:5432 — never the shared test databases.
Both are removed at the end unless ``--keep``; ``--reuse`` measures a kept one again
without building it (``--phases`` picks what runs).

For each engine it prints, with the load average of the (shared) machine:

- the build: simulation and copy wall times, calls and agent-state intervals;
- ``rollup rebuild`` of the whole year (every 15-minute interval, whole);
- closing one 15-minute interval at 300 agents as ``rollup.close`` does it
  (the busiest intervals of the last day; target ≤ 1 s);
- the director's chart, the window's own path: ``models.db.trends_db.read`` for a
  ``TrendFilter`` as ``DirectorBackend.trends`` calls it (VIEW_TRENDS checked against
  the database for a director made in the private database, the policy,
  ``rollup_db.series``, the buckets) plus ``views.director.charts.TrendsPage.show_data``
  on the page, 1920×1080, dark, created once and shown, its posted events handled
  and the page rendered with ``grab()`` — p50 / p95 / worst over ``--ranges`` (50)
  random ranges of 1 to 364 days and a granularity (hour, day, week, month; a queue
  or a group filter on some), the first one the whole year (target p95 ≤ 1 s); and
  ``rollup_db.series`` alone on each filter (after the read: a warm cache). One PNG
  per granularity of the whole year, in Chinese and in English, goes to
  ``tests/perf/out/`` (ignored by git);
- ``staffing``: what the trends page's staffed-vs-required plot adds to
  ``trends_db.read`` — the last 31 and 92 days, by day and by hour, read with and
  without it, every agent rostered (roster rows added to the private database).

Staffing, 2026-12-07, SQLite, ``--days 98`` (300 agents, 2,411,486 calls; the
rebuild 217 s): read without / with, 31 days by day 24 / 89 ms (by hour 31 / 105),
92 days 63 / 243 ms (by hour 84 / 267); +960 ms for 92 days before the logged-in
time came from rollup_interval and the roster was expanded per day and shift.
PostgreSQL, the same scale (load average ≈ 4): 31 days 30 / 120 ms (by hour 36 /
214), 92 days 123 / 412 ms (by hour 98 / 283).

    python tests/perf/bench_trends.py [--db sqlite|postgresql|both] [--keep] [--reuse]
        [--agents 300] [--sim-days 2] [--days 364] [--ranges 50] [--phases …]
        [--sqlite-path F] [--lang zh_CN|en] [--no-series]

Figures of 2026-12-07, SQLite, ``--db sqlite --keep`` then ``--reuse --phases
charts`` twice (2 cores shared with four other jobs; load average 1.0–2.3). The year:
300 agents x 2 days simulated in 60 s (311,165 events), copied in 487 s to
8,956,948 calls and 33,419,204 agent-state intervals (the simulator raised no
alerts). ``rollup rebuild`` of the whole year, every interval built by the job
(none copied): 34,944 intervals in 794 s (22.7 ms each; 69,888 queue rows,
5,461,279 agent rows). Closing one interval: the 10 busiest of the last day median
78 ms (worst 82), the 10 newest 22 ms (worst 31). The director's chart, read+draw
p50 / p95 / worst over 50 ranges, first run (second run):
hour 306 / 682 / 815 ms (317 / 603 / 737), the whole year's 8,736 buckets 579 (530);
day 219 / 342 / 368 ms (219 / 397 / 466); week 225 / 546 / 628 ms (225 / 509 / 594);
month 192 / 460 / 577 ms (220 / 465 / 524). The read is most of it (p95 314–624 ms,
``series`` alone 296–640), the page's draw p95 41–101 ms. PostgreSQL was not
measured today (the shared server was busy with CI); the earlier run's, with a
stand-in chart (``series`` + one PlotWidget) and the rollups partly copied: chart
p95 hour 529, day 277, week 392, month 440 ms; closing one interval median 75 ms
(worst 98), the newest 26 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psycopg  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from models.db import engine as dbengine  # noqa: E402
from models.db import rollup_db, store  # noqa: E402
from models.db.schema import (  # noqa: E402
    AgentIntervalRow,
    AgentRow,
    AlertRow,
    CallRecordRow,
    QueueRow,
    RollupIntervalRow,
    RollupQueueRow,
    RosterRow,
    UtcDateTime,
)
from models.domain.rollup import BUCKETS, INTERVAL, interval_start  # noqa: E402
from models.domain.trends import TrendFilter  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_NAME = "seatwatch_bench_year"
PG_URL = f"postgresql+psycopg://postgres@127.0.0.1:5432/{PG_NAME}"
SQLITE_PATH = Path(tempfile.gettempdir()) / "seatwatch_bench_year.db"
#: a Monday, floor time (Asia/Shanghai): a year ending a week before issue #17's work
YEAR_START = datetime.fromisoformat("2025-12-01T00:00:00+08:00")
OUT = Path(__file__).resolve().parent / "out"
PHASES = ("build", "rebuild", "close", "charts", "staffing")


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def say(name: str, text: str) -> None:
    print(f"{name:<10} {text} [{load()}]", flush=True)


# ---- building the year ---------------------------------------------------------------

#: the history tables the rollups read, the time that tells an original row from a
#: copy, and the keys a copy must make unique (suffixed with the copy's number)
_COPIED: tuple[tuple[Any, str, tuple[str, ...]], ...] = (
    (CallRecordRow.__table__, "queued_at", ("call_id",)),
    (AgentIntervalRow.__table__, "start", ("call_id",)),
    (AlertRow.__table__, "raised_at", ("id", "escalation_of")),
)


def _copy_sql(dialect: str, table: Any, pivot: str, keys: tuple[str, ...]) -> str:
    """INSERT … SELECT of the original block shifted by ``:days`` (whole days: on a
    floor without DST, as here, the same floor-time hour of another day)."""
    cols, exprs = [], []
    for c in table.columns:
        if c.primary_key and c.autoincrement is True:
            continue  # a new id
        q = f'"{c.name}"'
        cols.append(q)
        if isinstance(c.type, UtcDateTime):
            if dialect == "postgresql":
                exprs.append(f"{q} + make_interval(days => :days)")
            else:  # naive UTC text 'YYYY-MM-DD HH:MM:SS.ffffff', kept to the digit
                exprs.append(f"datetime(substr({q}, 1, 19), '+' || :days || ' days')"
                             f" || substr({q}, 20)")
        elif c.name in keys:
            exprs.append(f"{q} || :sfx")
        else:
            exprs.append(q)
    return (f"INSERT INTO {table.name} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
            f'FROM {table.name} WHERE "{pivot}" < :block_end')


def build(eng: sa.Engine, agents: int, sim_days: int, days: int) -> None:
    from console.simulate import run_simulation  # the simulator's import is heavy

    name = eng.dialect.name
    dbengine.upgrade(eng)
    t0 = time.perf_counter()
    r = run_simulation(eng, agents=agents, hours=24 * sim_days, seed=17, start=YEAR_START)
    sim_s = time.perf_counter() - t0
    say(name, f"simulated {agents} agents x {sim_days} days: {r.events:,} events in "
              f"{sim_s:.0f} s")
    block_end = YEAR_START + timedelta(days=sim_days)
    if name == "sqlite":
        end_param: Any = block_end.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    else:
        end_param = block_end
    t0 = time.perf_counter()
    for k in range(1, -(-days // sim_days)):
        with eng.begin() as c:
            for table, pivot, keys in _COPIED:
                c.execute(sa.text(_copy_sql(name, table, pivot, keys)),
                          {"days": k * sim_days, "sfx": f"~{k}", "block_end": end_param})
    if name == "postgresql":
        with eng.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(sa.text("ANALYZE"))  # as autovacuum would after a bulk load
    copy_s = time.perf_counter() - t0
    with eng.connect() as c:
        n = {t.name: c.execute(sa.select(sa.func.count()).select_from(t)).scalar()
             for t, _, _ in _COPIED}
    say(name, f"the year: {n['call_record']:,} calls, {n['agent_interval']:,} agent-state "
              f"intervals, {n['alert']:,} alerts, copied in {copy_s:.0f} s")


# ---- the director's chart --------------------------------------------------------------


class Page:
    """The director window's 趋势 page (``views.director.charts.TrendsPage``) at
    1920×1080 in the dark theme, created once and shown, as the window keeps it; each
    answer is drawn by the page's own ``show_data`` and rendered with ``grab()``."""

    def __init__(self, lang: str, width: int = 1920, height: int = 1080) -> None:
        from PySide6.QtWidgets import QApplication

        from console.ui import I18n
        from views import theme
        from views.director.charts import TrendsPage

        self.app = QApplication.instance() or QApplication(["seatwatch-bench"])
        self.i18n = I18n(self.app)
        self.i18n.install(lang)
        th = theme.DARK
        theme.apply(self.app, th)  # type: ignore[arg-type]
        self.page = TrendsPage(_NoSource(), th)
        self.page.resize(width, height)
        self.page.show()
        self.app.processEvents()

    def draw(self, data: Any) -> Any:
        """``show_data`` as the backend's answer calls it, the events it posts (the
        deferred layout and repaint requests) handled, then the whole page rendered."""
        self.page.show_data(data)
        self.app.processEvents()
        return self.page.grab()

    def language(self, lang: str) -> None:
        self.i18n.install(lang)
        self.page.retranslate()


class _NoSource:
    """The page's source is never asked: the bench reads as the backend does and
    hands the answer to ``show_data``."""

    def trends(self, owner: Any, flt: TrendFilter, compare: str = "none") -> Any:
        raise AssertionError("the bench reads itself")

    def export_xlsx(self, owner: Any, data: Any, path: str) -> Any:
        raise AssertionError("the bench does not export")


DIRECTOR = "bench-director"


def director(eng: sa.Engine) -> str:
    """An operator with VIEW_TRENDS (a director), made by an administrator, in the
    private database: ``trends_db.read`` checks the right on every read."""
    from models.db import operators as opsdb

    with store.writing(eng).begin() as c:
        if opsdb.get_operator(c, DIRECTOR) is None:
            now = datetime.now(UTC)
            if opsdb.get_operator(c, "bench-admin") is None:
                opsdb.create_operator(c, "bench-admin", "管理员", "secret-pw", {"admin"},
                                      by="bench", now=now)
            opsdb.create_operator(c, DIRECTOR, "王主任", "secret-pw", {"director"},
                                  by="bench-admin", now=now)
    return DIRECTOR


def pct(xs: Sequence[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, int(round(p * len(s) + 0.5)) - 1))]


def charts(eng: sa.Engine, page: Page, n: int, seed: int, series_too: bool = True) -> None:
    """The director's chart as the window draws it: ``trends_db.read`` (the read of
    ``DirectorBackend.trends``: the VIEW_TRENDS check against the database, the
    policy, ``rollup_db.series`` and the buckets) then ``TrendsPage.show_data`` and
    ``grab()``; ``rollup_db.series`` alone timed after it on the same filter."""
    from models.db import trends_db

    name = eng.dialect.name
    by_whom = director(eng)
    with eng.connect() as c:
        policy = store.current_state(c).policy
        span = rollup_db.history_span(c)
        queues = list(c.execute(sa.select(QueueRow.id).order_by(QueueRow.id)).scalars())
        groups = list(c.execute(sa.select(AgentRow.group_id).distinct()
                                .where(AgentRow.group_id.is_not(None))).scalars())
    assert span is not None
    tz = policy.tz
    first = span[0].astimezone(tz).date()
    last = (span[1] - timedelta(microseconds=1)).astimezone(tz).date()
    ndays = (last - first).days + 1
    rng = random.Random(seed)
    OUT.mkdir(exist_ok=True)

    def series(f: TrendFilter) -> None:
        lo, hi = f.bounds(tz)
        with eng.connect() as c:
            rollup_db.series(c, lo, hi, f.by, queue=f.queue, group=f.group, tz=tz)

    # the window opening: a cold cache warmed, the page laid out once
    page.draw(trends_db.read(eng, by_whom, TrendFilter(first, last, "day")))
    for by in BUCKETS:
        filters = [TrendFilter(first, last, by)]
        while len(filters) < n:
            length = rng.randint(1, ndays)
            a = first + timedelta(days=rng.randint(0, ndays - length))
            i = len(filters)
            filters.append(TrendFilter(a, a + timedelta(days=length - 1), by,
                                       queue=rng.choice(queues) if i % 4 == 1 else None,
                                       group=rng.choice(groups) if i % 4 == 3 else None))
        qs, ds, ts, ss, bars = [], [], [], [], []
        for f in filters:
            t0 = time.perf_counter()
            data = trends_db.read(eng, by_whom, f)
            t1 = time.perf_counter()
            img = page.draw(data)
            t2 = time.perf_counter()
            qs.append(t1 - t0)
            ds.append(t2 - t1)
            ts.append(t2 - t0)
            bars.append(len(data.series.buckets))
            if f is filters[0]:
                img.save(str(OUT / f"trends_{name}_{by}.png"))
                page.language("en")
                page.draw(data).save(str(OUT / f"trends_{name}_{by}_en.png"))
                page.language("zh_CN")
            if series_too:
                t3 = time.perf_counter()
                series(f)
                ss.append(time.perf_counter() - t3)
        whole = ts[0]
        kinds = {"all": [t for t, f in zip(ts, filters, strict=True) if not (f.queue or f.group)],
                 "queue": [t for t, f in zip(ts, filters, strict=True) if f.queue],
                 "group": [t for t, f in zip(ts, filters, strict=True) if f.group]}
        by_kind = ", ".join(f"{k} {1000 * max(v):.0f}" for k, v in kinds.items() if v)
        alone = (f"; rollup_db.series alone p50 {1000 * statistics.median(ss):.0f}, p95 "
                 f"{1000 * pct(ss, 0.95):.0f}, worst {1000 * max(ss):.0f}" if ss else "")
        say(name, f"chart by {by:<5}: read+draw p50 {1000 * statistics.median(ts):.0f} ms, "
                  f"p95 {1000 * pct(ts, 0.95):.0f} ms, worst {1000 * max(ts):.0f} ms "
                  f"(read p95 {1000 * pct(qs, 0.95):.0f}, draw p95 {1000 * pct(ds, 0.95):.0f}"
                  f"{alone}; worst by filter: {by_kind}; whole year {1000 * whole:.0f} ms, "
                  f"{bars[0]} buckets; "
                  f"{len(ts)} ranges of {min(f.days for f in filters)}–"
                  f"{max(f.days for f in filters)} days)")


# ---- staffing on the trends page ------------------------------------------------------


def _roster(eng: sa.Engine, first: Any, last: Any) -> int:
    """Every simulated agent rostered on the days ``first`` … ``last`` that have no
    roster yet: half on the day shift, half on the night shift (the policy's), so
    ``rostered_slots`` expands a full roster, as a real floor's."""
    with eng.connect() as c:
        policy = store.current_state(c).policy
        agents = list(c.execute(sa.select(AgentRow.id).order_by(AgentRow.id)).scalars())
        have = set(c.execute(sa.select(RosterRow.day).distinct()).scalars())
    shifts = [sd.name for sd in policy.shifts]
    now = datetime.now(UTC)
    rows = []
    d = first
    while d <= last:
        if d not in have:
            rows += [{"day": d, "shift": shifts[i % len(shifts)], "person": str(a),
                      "role": "agent", "version": 1, "updated_at": now,
                      "updated_by": "bench"} for i, a in enumerate(agents)]
        d += timedelta(days=1)
    if rows:
        with store.writing(eng).begin() as c:
            c.execute(sa.insert(RosterRow), rows)
    return len(agents)


def staffing(eng: sa.Engine, runs: int = 3) -> None:
    """What the staffing plot adds to ``trends_db.read`` (issue #17): the last 31 and
    ``trends_db.STAFFING_MAX_DAYS`` days of the history, by day and by hour, read with
    and without it (the median of ``runs`` each, after one warm-up), every agent
    rostered."""
    from models.db import trends_db

    name = eng.dialect.name
    by_whom = director(eng)
    with eng.connect() as c:
        policy = store.current_state(c).policy
        span = rollup_db.history_span(c)
    assert span is not None
    last = (span[1] - timedelta(microseconds=1)).astimezone(policy.tz).date()
    days = trends_db.STAFFING_MAX_DAYS
    agents = _roster(eng, last - timedelta(days=days), last)

    def median_read(f: TrendFilter, with_staffing: bool) -> float:
        trends_db.read(eng, by_whom, f, staffing=with_staffing)
        ts = []
        for _ in range(runs):
            t0 = time.perf_counter()
            trends_db.read(eng, by_whom, f, staffing=with_staffing)
            ts.append(time.perf_counter() - t0)
        return statistics.median(ts)

    for n in (31, days):
        for by in ("day", "hour"):
            f = TrendFilter(last - timedelta(days=n - 1), last, by)
            without, with_ = median_read(f, False), median_read(f, True)
            say(name, f"staffing {n:>3} days by {by:<4}: read {1000 * without:.0f} ms without, "
                      f"{1000 * with_:.0f} ms with (+{1000 * (with_ - without):.0f} ms; "
                      f"{n * 96:,} slots, {agents} agents rostered; median of {runs})")


# ---- rebuild and close ------------------------------------------------------------------


def rebuild(eng: sa.Engine) -> None:
    name = eng.dialect.name
    with eng.connect() as c:
        policy = store.current_state(c).policy
        span = rollup_db.history_span(c)
    assert span is not None
    t0 = time.perf_counter()
    n = rollup_db.rebuild(eng, span[0], span[1], policy, now=span[1] + timedelta(days=1))
    s = time.perf_counter() - t0
    with eng.connect() as c:
        nq = c.execute(sa.select(sa.func.count()).select_from(RollupQueueRow)).scalar()
        na = c.execute(sa.text("SELECT count(*) FROM rollup_agent")).scalar()
    say(name, f"rollup rebuild of the whole year: {n:,} intervals in {s:.0f} s "
              f"({1000 * s / n:.1f} ms per interval; {nq:,} queue rows, {na:,} agent rows)")


def close(eng: sa.Engine, closes: int) -> None:
    """Closing one interval as ``rollup.close`` does, on the busiest of the last day."""
    name = eng.dialect.name
    with eng.connect() as c:
        policy = store.current_state(c).policy
        span = rollup_db.history_span(c)
        assert span is not None
        tot = sa.func.sum(RollupQueueRow.offered)
        busy = [interval_start(t) for t in c.execute(
            sa.select(RollupQueueRow.start).where(
                RollupQueueRow.start >= span[1] - timedelta(days=1))
            .group_by(RollupQueueRow.start).order_by(tot.desc())).scalars()][:closes]
    # the newest intervals of the history: nothing recorded after them, as on a live
    # floor 2 minutes after an interval ends (the busiest of the last day have up to a
    # day of later agent states, which a live floor never has, read through the
    # index on their end)
    newest = [interval_start(span[1]) - k * INTERVAL for k in range(closes)]

    def time_closes(starts: list[Any]) -> list[float]:
        out = []
        for t in starts:
            with eng.begin() as c:
                c.execute(sa.delete(RollupIntervalRow).where(RollupIntervalRow.start >= t))
            t0 = time.perf_counter()
            assert rollup_db.close_due(eng, t + INTERVAL + rollup_db.CLOSE_LAG, policy,
                                       batch=1) == 1
            out.append(time.perf_counter() - t0)
        return out

    latest = time_closes(newest)  # newest first: each finds the one before it closed
    times = time_closes(busy)
    # the last day whole again, as a rebuild leaves it
    rollup_db.rebuild(eng, span[1] - timedelta(days=1), span[1], policy,
                      now=span[1] + timedelta(days=1))
    say(name, f"closing one interval ({len(times)} busiest of the last day): median "
              f"{1000 * statistics.median(times):.0f} ms, worst {1000 * max(times):.0f} ms; "
              f"the {len(latest)} newest: median {1000 * statistics.median(latest):.0f} ms, "
              f"worst {1000 * max(latest):.0f} ms")


# ---- the run --------------------------------------------------------------------------


def _pg_exists() -> bool:
    with psycopg.connect(ADMIN, autocommit=True) as c:
        return c.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                         (PG_NAME,)).fetchone() is not None


def _pg_drop() -> None:
    with psycopg.connect(ADMIN, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')


def _sqlite_drop(path: Path) -> None:
    for sfx in ("", "-wal", "-shm"):
        Path(f"{path}{sfx}").unlink(missing_ok=True)


def run(kind: str, a: argparse.Namespace, page: Callable[[], Page]) -> None:
    drop: Callable[[], None]
    if kind == "sqlite":
        path = Path(a.sqlite_path)
        exists, url, drop = path.exists(), f"sqlite:///{path}", lambda: _sqlite_drop(path)
    else:
        exists, url, drop = _pg_exists(), PG_URL, _pg_drop
    phases = set(a.phases.split(","))
    if a.reuse and not exists:
        raise SystemExit(f"--reuse: no kept {kind} database ({url})")
    if not a.reuse:
        drop()
        if kind == "postgresql":
            with psycopg.connect(ADMIN, autocommit=True) as c:
                c.execute(f'CREATE DATABASE "{PG_NAME}"')
    else:
        phases.discard("build")
    eng = dbengine.make_engine(url)
    try:
        print(f"{kind:<10} {url}", flush=True)
        if "build" in phases:
            build(eng, a.agents, a.sim_days, a.days)
        else:  # a kept database built by an older schema: migrate it, and say how long
            t0 = time.perf_counter()
            before, after = dbengine.upgrade(eng)
            if before != after:
                say(kind, f"schema {before} -> {after} in {time.perf_counter() - t0:.1f} s")
        if "rebuild" in phases:
            rebuild(eng)
        if "close" in phases:
            close(eng, a.closes)
        if "charts" in phases:
            charts(eng, page(), a.ranges, a.seed, series_too=not a.no_series)
        if "staffing" in phases:
            staffing(eng)
    finally:
        eng.dispose()
        if not a.keep:
            drop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--agents", type=int, default=300)
    ap.add_argument("--sim-days", type=int, default=2)
    ap.add_argument("--days", type=int, default=364)
    ap.add_argument("--ranges", type=int, default=50)
    ap.add_argument("--closes", type=int, default=10)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--phases", default=",".join(PHASES),
                    help=f"comma-separated, of {', '.join(PHASES)}")
    ap.add_argument("--sqlite-path", default=str(SQLITE_PATH),
                    help="the private SQLite file (default: %(default)s)")
    ap.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN",
                    help="the page's language while timed (an English PNG is saved too)")
    ap.add_argument("--no-series", action="store_true",
                    help="do not time rollup_db.series alone after each read")
    ap.add_argument("--keep", action="store_true", help="keep the private database(s)")
    ap.add_argument("--reuse", action="store_true",
                    help="measure a kept database again (no build)")
    a = ap.parse_args()
    if not set(a.phases.split(",")) <= set(PHASES):
        ap.error(f"--phases: of {', '.join(PHASES)}")
    print(f"{os.cpu_count()} cores, {load()}", flush=True)
    made: list[Page] = []

    def page() -> Page:
        if not made:
            made.append(Page(a.lang))
        return made[0]

    for kind in (("sqlite", "postgresql") if a.db == "both" else (a.db,)):
        run(kind, a, page)


if __name__ == "__main__":
    main()
