"""Benchmark: floor events through the database to feeds (issue #2 targets).

Scale: 2,000 agents / 100 queues, 200 events/s written by one writer in batches
every 50 ms; 1 and 20 followers (separate processes, each a FloorFeed).
Prints per run: event-to-snapshot latency p50/p95/p99 (writer's clock at
append → follower's snapshot), the follower's CPU share of one core, database
queries per follower per tick, and ticks per second.
Targets: p95 ≤ 100 ms; queries per follower per tick constant in the number of
agents (run with --agents 200 and 2000 to compare).

    python tests/perf/bench_feed.py [--db URL] [--agents 2000] [--queues 100]
                                    [--rate 200] [--seconds 20] [--followers 1 20]
Without --db a scratch PostgreSQL database on 127.0.0.1 is created and dropped.
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

import psycopg  # noqa: E402
from sqlalchemy import event  # noqa: E402

from console.feed import FloorFeed  # noqa: E402
from models.db import engine as dbengine  # noqa: E402
from models.db import store  # noqa: E402
from models.domain.types import FloorEvent  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def follower(url: str, seconds: float, q: Any, ready: Any, start_at: Any) -> None:
    feed = FloorFeed(url)
    queries = [0]
    event.listen(feed.engine, "before_cursor_execute",
                 lambda *a, **k: queries.__setitem__(0, queries[0] + 1))
    lat: list[float] = []
    counting = threading.Event()

    def sub(s: Any) -> None:
        if not counting.is_set():
            return
        now = time.time()
        for e in s.events:
            sent = e.data.get("sent")
            if sent is not None:
                lat.append((now - sent) * 1000.0)

    feed.subscribe(sub)
    feed.start()
    while feed.state is None or feed.status.reason == "connecting":
        time.sleep(0.05)
    ready.set()
    start_at.wait()
    # measure over the window only
    r0, q0, t0, w0 = resource.getrusage(resource.RUSAGE_SELF), queries[0], feed.ticks, \
        time.monotonic()
    counting.set()
    time.sleep(seconds)
    counting.clear()
    r1, q1, t1, w1 = resource.getrusage(resource.RUSAGE_SELF), queries[0], feed.ticks, \
        time.monotonic()
    feed.stop()
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    q.put({"lat": lat, "cpu_share": cpu / (w1 - w0), "queries": q1 - q0, "ticks": t1 - t0,
           "wall": w1 - w0, "rss_mb": r1.ru_maxrss / 1024})


def synthetic(agents: int, queues: int) -> Any:
    """An endless valid stream: each agent cycles ready → talking → after-call → ready."""
    n = 0
    phase = [0] * agents
    i = 0
    while True:
        a = i % agents
        aid = f"{10000 + a}"
        p = phase[a]
        now = datetime.now(UTC)
        if p == 0:
            n += 1
            yield FloorEvent("call_queued", now, {"call": f"K{n}", "queue": f"Q{n % queues}",
                                                  "caller": "13800138000"})
            yield FloorEvent("call_answered", now, {"call": f"K{n}", "agent": aid})
            phase[a] = ("K", n)  # type: ignore[call-overload]
        elif isinstance(p, tuple):
            yield FloorEvent("call_ended", now, {"call": f"K{p[1]}"})
            phase[a] = 2
        else:
            yield FloorEvent("agent_state", now, {"agent": aid, "state": "ready"})
            phase[a] = 0
        i += 1


def setup_floor(eng: Any, agents: int, queues: int) -> store.FloorWriter:
    """The benchmarks' floor in the database: one group, every agent ready, a
    checkpoint (bench_viewers.py appends the same)."""
    w = store.FloorWriter(eng, "bench")
    now = datetime.now(UTC)
    w.append([FloorEvent("floor_setup", now, {
        "groups": [{"id": "G1", "name": "一班"}],
        "queues": [{"id": f"Q{i}", "name": f"队列{i}"} for i in range(queues)],
        "agents": [{"id": f"{10000 + i}", "name": f"坐席{i}", "group": "G1"}
                   for i in range(agents)]})])
    w.append([FloorEvent("agent_state", now, {"agent": f"{10000 + i}", "state": "ready"})
              for i in range(agents)], force_checkpoint=True)
    return w


def run(url: str, agents: int, queues: int, rate: float, seconds: float,
        followers: int) -> dict[str, Any]:
    eng = dbengine.make_engine(url)
    dbengine.upgrade(eng)
    w = setup_floor(eng, agents, queues)
    started = datetime.now(UTC)
    stop = threading.Event()

    def beat() -> None:
        while not stop.is_set():
            store.beat(eng, "bench", "bench", os.getpid(), started)
            stop.wait(1.0)

    threading.Thread(target=beat, daemon=True).start()
    ctx = mp.get_context("spawn")
    q, start_at = ctx.Queue(), ctx.Event()
    readies = [ctx.Event() for _ in range(followers)]
    procs = [ctx.Process(target=follower, args=(url, seconds, q, r, start_at))
             for r in readies]
    for p in procs:
        p.start()
    for r in readies:
        r.wait(120)
    gen = synthetic(agents, queues)
    start_at.set()
    period = 0.05
    per_batch = max(1, round(rate * period))
    t_end = time.monotonic() + seconds + 1.0
    written = 0
    append_ms: list[float] = []
    nxt = time.monotonic()
    while time.monotonic() < t_end:
        batch = []
        for _ in range(per_batch):
            e = next(gen)
            batch.append(FloorEvent(e.type, e.at, {**e.data, "sent": time.time()}))
        a0 = time.perf_counter()
        w.append(batch)
        append_ms.append((time.perf_counter() - a0) * 1000)
        written += len(batch)
        nxt += period
        time.sleep(max(0.0, nxt - time.monotonic()))
    results = [q.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    stop.set()
    eng.dispose()
    lat = sorted(x for r in results for x in r["lat"])

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else float("nan")

    ticks = sum(r["ticks"] for r in results)
    return {"followers": followers, "agents": agents, "queues": queues,
            "events_written": written, "events_per_s": written / (seconds + 1.0),
            "append_ms_p95": statistics.quantiles(append_ms, n=20)[18],
            "lat_p50_ms": pct(50), "lat_p95_ms": pct(95), "lat_p99_ms": pct(99),
            "follower_cpu_share": statistics.mean(r["cpu_share"] for r in results),
            "queries_per_tick": sum(r["queries"] for r in results) / max(1, ticks),
            "ticks_per_s": statistics.mean(r["ticks"] / r["wall"] for r in results),
            "follower_rss_mb": max(r["rss_mb"] for r in results)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--agents", type=int, default=2000)
    ap.add_argument("--queues", type=int, default=100)
    ap.add_argument("--rate", type=float, default=200.0)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--followers", type=int, nargs="+", default=[1, 20])
    a = ap.parse_args()
    for n in a.followers:
        name = None
        url = a.db
        if url is None:
            name = f"sw_bench_{os.getpid()}_{n}"
            with psycopg.connect(ADMIN, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                c.execute(f'CREATE DATABASE "{name}"')
            url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        try:
            r = run(url, a.agents, a.queues, a.rate, a.seconds, n)
        finally:
            if name:
                with psycopg.connect(ADMIN, autocommit=True) as c:
                    c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"{r['followers']:>2} follower(s), {r['agents']} agents / {r['queues']} queues, "
              f"{r['events_per_s']:.0f} events/s written (append p95 {r['append_ms_p95']:.1f} ms)")
        print(f"   event→snapshot latency p50 {r['lat_p50_ms']:.1f} ms  p95 "
              f"{r['lat_p95_ms']:.1f} ms  p99 {r['lat_p99_ms']:.1f} ms")
        print(f"   follower CPU {r['follower_cpu_share']:.1%} of a core, RSS "
              f"{r['follower_rss_mb']:.0f} MB; {r['queries_per_tick']:.2f} queries per "
              f"follower per tick at {r['ticks_per_s']:.1f} ticks/s", flush=True)


if __name__ == "__main__":
    main()
