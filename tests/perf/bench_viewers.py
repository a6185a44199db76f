"""Benchmark: fifty viewers following one PostgreSQL floor (issue #20).

Scale: a 2,000-agent / 100-queue floor, 200 events/s appended through the real
event-append code (``store.FloorWriter.append``) in one transaction every 0.2 s
— 40 events a batch, as the floor host commits them on its 0.2 s tick — with the
host's heartbeat every second; 50 FloorFeeds, each in a process of its own (one
per PC, ``--per-proc`` packs several into a process).

Measured over a window of ``--seconds`` (≥ 60) after every feed has caught up:
- event→snapshot latency: the writer's clock when ``append`` returned (the
  commit) → the feed's clock when it hands out the snapshot holding the event;
  one machine, one clock (``time.time``); p50 / p95 / p99 / max over every event
  of every feed;
- the writer's achieved rate;
- the database's CPU: utime + stime from /proc/<pid>/stat of every server
  backend connected to the benchmark's private database (found through
  pg_stat_activity), split by application_name; the feeds' share ÷ wall time ÷
  the number of feeds = CPU per viewer;
- queries per second per viewer: the SQL statements each feed sends (counted in
  the feed's engine) and the transactions the server counted for the feeds
  (pg_stat_database);
- the feeds' own CPU and memory, the number of server connections per feed,
  and ``os.getloadavg()`` before and after the window.

    python tests/perf/bench_viewers.py [--admin URL] [--viewers 50] [--per-proc 1]
        [--agents 2000] [--queues 100] [--rate 200] [--seconds 60] [--runs 3]

``--admin`` (default $SEATWATCH_TEST_PG or postgres@127.0.0.1:5432) is only used
to create and drop a private database ``sw_viewers_<pid>_<run>``; nothing else
on the server is touched.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import statistics
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402
import psycopg  # noqa: E402
from sqlalchemy import event, make_url  # noqa: E402

from console.feed import FloorFeed  # noqa: E402
from models.db import engine as dbengine  # noqa: E402
from models.db import store  # noqa: E402
from tests.perf.bench_feed import setup_floor, synthetic  # noqa: E402

TICK_S = 0.2  # the floor host's tick: one transaction per tick
CLK_TCK = os.sysconf("SC_CLK_TCK")
FEED_APP = "seatwatch-feed"
WRITER_APP = "sw-bench-writer"


def viewers(url: str, n: int, q: Any, ready: Any, go: Any, done: Any, last: Any,
            nice: int) -> None:
    """One process holding ``n`` feeds; reports each feed's snapshots."""
    if nice:
        os.nice(nice)  # the floor's side (writer, PostgreSQL) first, as on separate PCs
    feeds = [FloorFeed(url) for _ in range(n)]
    queries = [0] * n
    snaps: list[list[tuple[int, int, float]]] = [[] for _ in range(n)]
    counting = threading.Event()
    for i, f in enumerate(feeds):
        event.listen(f.engine, "before_cursor_execute",
                     lambda *a, i=i, **k: queries.__setitem__(i, queries[i] + 1))

        def sub(s: Any, i: int = i) -> None:
            t = time.time()
            if counting.is_set() and s.events:
                snaps[i].append((s.events[0].id, s.events[-1].id, t))

        f.subscribe(sub)
        f.start()
    while any(f.state is None or not f.status.connected for f in feeds):
        time.sleep(0.05)
    ready.set()
    go.wait()
    r0, q0, w0 = resource.getrusage(resource.RUSAGE_SELF), list(queries), time.monotonic()
    counting.set()
    done.wait()
    r1, q1, w1 = resource.getrusage(resource.RUSAGE_SELF), list(queries), time.monotonic()
    # every event written in the window counts: wait (≤ 120 s) for the stragglers
    until = time.monotonic() + 120
    while time.monotonic() < until and any(  # the snapshot handed out, not just folded
            not sn or sn[-1][1] < last.value for sn in snaps):
        time.sleep(0.05)
    counting.clear()
    for f in feeds:
        f.stop(timeout=60)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    q.put({"snaps": snaps, "queries": [b - a for a, b in zip(q0, q1, strict=True)],
           "cpu_s": cpu, "wall": w1 - w0, "rss_mb": r1.ru_maxrss / 1024, "feeds": n})


def backends(admin: str, db: str) -> dict[int, str]:
    with psycopg.connect(admin, autocommit=True) as c:
        rows = c.execute("SELECT pid, application_name FROM pg_stat_activity "
                         "WHERE datname = %s", (db,)).fetchall()
    return {int(p): str(a) for p, a in rows}


def cpu_ticks(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


def xacts(admin: str, db: str) -> int:
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute("SELECT pg_stat_clear_snapshot()")
        row = c.execute("SELECT xact_commit + xact_rollback FROM pg_stat_database "
                        "WHERE datname = %s", (db,)).fetchone()
    return int(row[0]) if row else 0


def run(admin: str, db: str, *, viewers_n: int, per_proc: int, agents: int, queues: int,
        rate: float, seconds: float, nice: int = 0) -> dict[str, Any]:
    url = make_url(admin).set(drivername="postgresql+psycopg", database=db)
    url_s = url.render_as_string(hide_password=False)
    eng = dbengine.make_engine(url, application_name=WRITER_APP)
    dbengine.upgrade(eng)
    w = setup_floor(eng, agents, queues)
    started = datetime.now(UTC)
    stop = threading.Event()

    def beat() -> None:  # the host's heartbeat, once a second
        while not stop.is_set():
            store.beat(eng, "bench", "bench", os.getpid(), started)
            stop.wait(1.0)

    threading.Thread(target=beat, daemon=True).start()
    ctx = mp.get_context("spawn")
    q, go, done, last = ctx.Queue(), ctx.Event(), ctx.Event(), ctx.Value("q", 0)
    sizes = [per_proc] * (viewers_n // per_proc) + \
        ([viewers_n % per_proc] if viewers_n % per_proc else [])
    readies = [ctx.Event() for _ in sizes]
    procs = [ctx.Process(target=viewers, args=(url_s, n, q, r, go, done, last, nice))
             for n, r in zip(sizes, readies, strict=True)]
    t_spawn = time.monotonic()
    for p in procs:
        p.start()
    for r in readies:
        if not r.wait(600):
            raise SystemExit("bench_viewers: a viewer process did not connect in 10 min")
    spawn_s = time.monotonic() - t_spawn
    time.sleep(2.0)  # let every feed settle into LISTEN
    pids = backends(admin, db)
    feed_pids = [p for p, a in pids.items() if a == FEED_APP]
    writer_pids = [p for p, a in pids.items() if a == WRITER_APP]
    c0 = {p: cpu_ticks(p) for p in pids}
    x0 = xacts(admin, db)
    load0 = os.getloadavg()
    gen = synthetic(agents, queues)
    batches: list[tuple[int, int, float]] = []
    append_ms: list[float] = []
    go.set()
    w0 = time.monotonic()
    t_end = w0 + seconds
    nxt = w0
    written = 0
    while time.monotonic() < t_end:
        # as the host does: one commit per tick holding what the source produced
        # since the last one, so a slow append makes bigger batches, not a lower rate
        due = int(rate * (time.monotonic() - w0 + TICK_S)) - written
        batch = [next(gen) for _ in range(max(1, due))]
        written += len(batch)
        a0 = time.perf_counter()
        res = w.append(batch)
        t_commit = time.time()
        append_ms.append((time.perf_counter() - a0) * 1000)
        ids = [e.id for e in res.accepted if e.id is not None]
        batches.append((ids[0], ids[-1], t_commit))
        nxt = max(nxt + TICK_S, time.monotonic())
        time.sleep(max(0.0, nxt - time.monotonic()))
    w1 = time.monotonic()
    last.value = batches[-1][1]
    done.set()
    wall = w1 - w0
    c1 = {p: cpu_ticks(p) for p in pids}
    load1 = os.getloadavg()
    x1 = xacts(admin, db)
    results = [q.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(60)
    stop.set()
    eng.dispose()

    def cpu_s(group: list[int]) -> float:
        return sum(((c1[p] or 0) - (c0[p] or 0)) / CLK_TCK for p in group
                   if c0.get(p) is not None and c1.get(p) is not None)

    # per-event latency: each snapshot's events against their batch's commit time
    b_lo = np.array([b[0] for b in batches])
    b_hi = np.array([b[1] for b in batches])
    b_t = np.array([b[2] for b in batches])
    lat: list[np.ndarray] = []
    for r in results:
        for snaps in r["snaps"]:
            for lo, hi, t in snaps:
                i0 = int(np.searchsorted(b_hi, lo))
                i1 = int(np.searchsorted(b_lo, hi, side="right"))
                for j in range(i0, i1):
                    n = min(hi, b_hi[j]) - max(lo, b_lo[j]) + 1
                    if n > 0:
                        lat.append(np.full(n, (t - b_t[j]) * 1000.0))
    lat_a = np.concatenate(lat) if lat else np.array([float("nan")])
    events = int(b_hi[-1] - b_lo[0] + 1) if batches else 0
    delivered = len(lat_a) if lat else 0
    feeds_cpu = cpu_s(feed_pids)
    queries = [x for r in results for x in r["queries"]]
    return {
        "viewers": viewers_n, "procs": len(procs), "per_proc": per_proc, "nice": nice,
        "agents": agents,
        "queues": queues, "seconds": wall, "spawn_s": spawn_s,
        "events": events, "rate": events / wall, "batches_per_s": len(batches) / wall,
        "append_p50_ms": statistics.median(append_ms),
        "append_p95_ms": float(np.percentile(append_ms, 95)),
        "delivered": delivered, "expected": events * viewers_n,
        "p50": float(np.percentile(lat_a, 50)), "p95": float(np.percentile(lat_a, 95)),
        "p99": float(np.percentile(lat_a, 99)), "max": float(lat_a.max()),
        "conns_per_feed": len(feed_pids) / viewers_n,
        "db_feeds_cpu": feeds_cpu / wall, "db_cpu_per_viewer": feeds_cpu / wall / viewers_n,
        "db_writer_cpu": cpu_s(writer_pids) / wall,
        "qps_per_viewer": statistics.mean(queries) / wall,
        "xacts_per_viewer": (x1 - x0) / wall / viewers_n,
        "viewer_cpu": sum(r["cpu_s"] for r in results) / wall / viewers_n,
        "viewer_rss_mb": max(r["rss_mb"] for r in results),
        "load0": load0, "load1": load1,
    }


def show(r: dict[str, Any]) -> None:
    la = " ".join(f"{x:.2f}" for x in r["load0"])
    lb = " ".join(f"{x:.2f}" for x in r["load1"])
    print(f"{r['viewers']} feeds in {r['procs']} processes ({r['per_proc']} each"
          f"{', nice ' + str(r['nice']) if r['nice'] else ''}), "
          f"{r['agents']} agents / {r['queues']} queues, {r['seconds']:.0f} s window; "
          f"load average {la} before, {lb} after")
    print(f"   writer {r['rate']:.1f} events/s in {r['batches_per_s']:.2f} batches/s "
          f"(append p50 {r['append_p50_ms']:.1f} / p95 {r['append_p95_ms']:.1f} ms)")
    print(f"   event→snapshot p50 {r['p50']:.1f}  p95 {r['p95']:.1f}  p99 {r['p99']:.1f}  "
          f"max {r['max']:.1f} ms over {r['delivered']:,} deliveries "
          f"(expected {r['expected']:,})")
    print(f"   DB CPU: feeds {r['db_feeds_cpu']:.1%} of a core = {r['db_cpu_per_viewer']:.2%} "
          f"per viewer; writer {r['db_writer_cpu']:.1%}; {r['conns_per_feed']:.0f} "
          f"connection(s) per feed")
    print(f"   per viewer: {r['qps_per_viewer']:.1f} SQL statements/s, "
          f"≤ {r['xacts_per_viewer']:.1f} server transactions/s (all of the database's ÷ viewers), CPU {r['viewer_cpu']:.1%} "
          f"of a core, RSS ≤ {r['viewer_rss_mb']:.0f} MB (processes up in "
          f"{r['spawn_s']:.0f} s)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--admin", default=os.environ.get(
        "SEATWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres"))
    ap.add_argument("--viewers", type=int, default=50)
    ap.add_argument("--per-proc", type=int, default=1)
    ap.add_argument("--agents", type=int, default=2000)
    ap.add_argument("--queues", type=int, default=100)
    ap.add_argument("--rate", type=float, default=200.0)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--nice", type=int, default=0,
                    help="run the viewer processes at this niceness (on one machine the "
                         "writer and PostgreSQL then come first, as with a PC per viewer)")
    a = ap.parse_args()
    admin = make_url(a.admin).set(drivername="postgresql").render_as_string(
        hide_password=False)
    out = []
    for k in range(a.runs):
        db = f"sw_viewers_{os.getpid()}_{k}"
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            c.execute(f'CREATE DATABASE "{db}"')
        try:
            r = run(admin, db, viewers_n=a.viewers, per_proc=a.per_proc, agents=a.agents,
                    queues=a.queues, rate=a.rate, seconds=a.seconds, nice=a.nice)
        finally:
            with psycopg.connect(admin, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        print(f"run {k + 1} of {a.runs}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
        show(r)
        out.append(r)
    if len(out) > 1:
        med = {k: statistics.median(r[k] for r in out) for k in out[0]
               if isinstance(out[0][k], (int, float))}
        med.update(load0=out[0]["load0"], load1=out[-1]["load1"])
        med.update(viewers=out[0]["viewers"], procs=out[0]["procs"],
                   per_proc=out[0]["per_proc"], nice=out[0]["nice"])
        print(f"median of {len(out)} runs (load average before the first, after the last):")
        show({**out[0], **med})


if __name__ == "__main__":
    main()
