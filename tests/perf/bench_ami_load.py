"""The AMI load run (issue #14): a real Asterisk with 50 members in 5 queues, 2 new
calls a second for 10 minutes of real time, followed by a real floor host process
(``seatwatch service --source ami``) into a floor database, watched by a console's
feed (``console.feed.FloorFeed``) in this process.

What it checks and prints:

- **every call Asterisk handled is in ``call_record`` once, with its outcome**: each
  caller is originated with its own number; after the run (and the calls still in
  progress have ended) every number that joined a queue has exactly one row, and
  per queue the answered / abandoned counts equal Asterisk's own ``QueueStatus``
  ``Completed`` / ``Abandoned``;
- **latency** AMI event -> floor event committed -> console snapshot: for each call
  event (queued, offered, answered, ended, abandoned) the wall time at which the
  feed's snapshot first carries it minus the event's AMI ``Timestamp:`` (Asterisk's
  clock, the same host's) — p50 / p95 / max (target p95 <= 300 ms).

Agents answer after ``--ring`` s and talk ``--talk`` s, the queues' wrap-up is 2 s;
one caller in ten is impatient (hangs up after 0.5–4 s, often while waiting or
ringing: abandons). Run by hand:

    python tests/perf/bench_ami_load.py [--minutes 10] [--rate 2] [--db URL]

Without --db a scratch PostgreSQL database on 127.0.0.1 is created and dropped. The
slow test ``tests/test_ami_load.py`` runs the same code for 30 s at 1 call/s.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import sqlalchemy as sa  # noqa: E402

from console.feed import FloorFeed  # noqa: E402
from models.db import engine as dbengine  # noqa: E402
from models.db.schema import CallRecordRow, RejectedEventRow  # noqa: E402
from models.db.telephony_db import apply_mapping  # noqa: E402
from models.domain.records import FloorSnapshot  # noqa: E402
from tests.asterisk_peer import AsteriskPeer, find_prefix, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
CALL_EVENTS = frozenset({"call_queued", "call_offered", "call_answered", "call_ended",
                         "call_abandoned", "call_unanswered"})


@dataclass
class LoadResult:
    originated: int = 0
    joined: int = 0  # callers that joined a queue (QueueCallerJoin, by Asterisk's count)
    records: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)
    asterisk: dict[str, tuple[int, int]] = field(default_factory=dict)  # q -> (completed, abandoned)
    floor: dict[str, tuple[int, int]] = field(default_factory=dict)  # Q -> (answered, abandoned)
    missing: list[str] = field(default_factory=list)  # callers with no call_record
    doubled: list[str] = field(default_factory=list)
    rejected: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    host_log: str = ""

    def pct(self, p: float) -> float:
        xs = sorted(self.latencies_ms)
        if not xs:
            return float("nan")
        return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

    @property
    def counts_match(self) -> bool:
        return all(self.floor.get(f"Q{q[1:]}", (0, 0)) == v for q, v in self.asterisk.items())

    def report(self) -> str:
        lat = (f"p50 {self.pct(50):.0f} ms, p95 {self.pct(95):.0f} ms, max "
               f"{max(self.latencies_ms, default=float('nan')):.0f} ms over "
               f"{len(self.latencies_ms)} call events")
        lines = [
            f"originated {self.originated} callers in {self.wall_s:.0f} s; "
            f"call_record rows {self.records} {dict(sorted(self.by_outcome.items()))}",
            f"missing {len(self.missing)}, doubled {len(self.doubled)}, refused events "
            f"{self.rejected}",
            "per queue (Asterisk Completed/Abandoned vs floor answered/abandoned): " + ", ".join(
                f"{q} {a} vs {self.floor.get(f'Q{q[1:]}', (0, 0))}"
                for q, a in sorted(self.asterisk.items())),
            f"counts match Asterisk: {self.counts_match}",
            f"AMI event -> floor event committed -> console snapshot: {lat}",
        ]
        return "\n".join(lines)


def run_load(prefix: Path, run_dir: Path, url: str, *, queues: int = 5,
             agents_per_queue: int = 10, rate: float = 2.0, seconds: float = 600.0,
             ring_s: float = 1.0, talk_s: float = 15.0, impatient: float = 0.1,
             seed: int = 14, settle_s: float = 90.0) -> LoadResult:
    res = LoadResult()
    peer = AsteriskPeer(prefix=prefix, run=run_dir, port=free_port(), queues=queues,
                        agents_per_queue=agents_per_queue, wrapup_s=2, ring_timeout_s=15)
    peer.start()
    eng = dbengine.make_engine(url)
    host: subprocess.Popen[bytes] | None = None
    feed: FloorFeed | None = None
    log_path = run_dir / "service.out"
    try:
        peer.client.quiet()
        peer.setvar("RING", f"{ring_s:g}")
        peer.setvar("TALK", f"{talk_s:g}")
        apply_mapping(eng, peer.mapping_toml(), "bench", "peer.toml")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SEATWATCH_AMI_SECRET": peer.secret,
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        with log_path.open("ab") as fh:
            host = subprocess.Popen([sys.executable, "-m", "console.cli", "service", "--db",
                                     url, "--source", "ami"], cwd=ROOT, env=env, stdout=fh,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        feed = FloorFeed(url, stale_after_s=5.0)
        seen: set[tuple[str, str, str]] = set()
        lock = threading.Lock()

        def on_snapshot(snap: FloorSnapshot) -> None:
            now = datetime.now(UTC)
            for e in snap.events:
                if e.type in CALL_EVENTS and e.get("uniqueid"):
                    key = (e.type, str(e.get("call")), e.at.isoformat())
                    with lock:
                        if key in seen:
                            continue
                        seen.add(key)
                        if started.is_set():
                            res.latencies_ms.append((now - e.at).total_seconds() * 1000)

        started = threading.Event()
        feed.subscribe(on_snapshot)
        feed.start()
        _wait(lambda: _all_ready(feed, queues * agents_per_queue), 30,
              "the floor host to log every member in")
        rnd = random.Random(seed)
        callers: list[str] = []
        started.set()
        t0 = time.monotonic()
        n = 0
        while time.monotonic() - t0 < seconds:
            due = t0 + n / rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            q = f"q{rnd.randint(1, queues)}"
            patience = round(rnd.uniform(0.5, 4.0), 1) if rnd.random() < impatient else None
            callers.append(peer.originate_caller(q, number=f"139{n:08d}",
                                                 hangup_after=patience))
            n += 1
        res.originated = n
        res.wall_s = time.monotonic() - t0
        # the calls still in progress end (talk, wrap-up), then Asterisk is quiet
        _wait(lambda: not _queue_calls(peer), settle_s, "Asterisk's queues to empty")
        time.sleep(3.0)
        started.clear()
        for m in peer.queue_status():
            if m.is_event("QueueParams"):
                res.asterisk[m.get("Queue") or ""] = (int(m.get("Completed") or 0),
                                                      int(m.get("Abandoned") or 0))
        res.joined = sum(c + a for c, a in res.asterisk.values())
        with eng.connect() as c:
            rows = c.execute(sa.select(CallRecordRow.caller, CallRecordRow.queue_id,
                                       CallRecordRow.outcome)).all()
            res.rejected = c.execute(sa.select(sa.func.count())
                                     .select_from(RejectedEventRow)).scalar() or 0
        res.records = len(rows)
        res.by_outcome = dict(Counter(r.outcome for r in rows))
        per: dict[str, list[int]] = {}
        for r in rows:
            slot = per.setdefault(r.queue_id, [0, 0])
            if r.outcome == "answered":
                slot[0] += 1
            elif r.outcome == "abandoned":
                slot[1] += 1
        res.floor = {q: (v[0], v[1]) for q, v in per.items()}
        counts = Counter(r.caller for r in rows)
        res.doubled = sorted(k for k, v in counts.items() if v > 1)
        res.missing = [c for c in callers if c not in counts]
    finally:
        if feed is not None:
            feed.stop()
        if host is not None and host.poll() is None:
            os.killpg(host.pid, signal.SIGTERM)
            try:
                host.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(host.pid, signal.SIGKILL)
        res.host_log = log_path.read_text(errors="replace")[-3000:] if log_path.exists() \
            else ""
        peer.stop()
        eng.dispose()
    return res


def _wait(pred: Any, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > end:
            raise TimeoutError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.2)


def _all_ready(feed: FloorFeed, n: int) -> bool:
    snap = feed.latest
    if snap is None:
        return False
    return sum(1 for s in snap.state.status.values() if s.state.value == "ready") >= n


def _queue_calls(peer: AsteriskPeer) -> int:
    return sum(1 for c in peer.channels() if (c.get("Context") or "") in ("callers",)
               or (c.get("Application") or "") == "Queue")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--rate", type=float, default=2.0, help="new calls a second")
    ap.add_argument("--talk", type=float, default=15.0)
    ap.add_argument("--db")
    a = ap.parse_args()
    prefix = find_prefix()
    if prefix is None:
        sys.exit("no Asterisk: see tests/asterisk_peer.py")
    name = None
    url = a.db
    if url is None:
        import psycopg

        name = f"sw_bench_ami_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(ADMIN, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    eng = dbengine.make_engine(url)
    dbengine.upgrade(eng)
    eng.dispose()
    try:
        with tempfile.TemporaryDirectory(prefix="seatwatch-ami-load-") as d:
            res = run_load(prefix, Path(d), url, rate=a.rate, seconds=a.minutes * 60,
                           talk_s=a.talk)
        print(res.report())
        if res.missing or res.doubled or not res.counts_match:
            print("host log tail:\n" + res.host_log)
        print(f"latency samples: mean {statistics.mean(res.latencies_ms or [0]):.0f} ms")
    finally:
        if name is not None:
            import psycopg

            with psycopg.connect(ADMIN, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
