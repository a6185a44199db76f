"""Benchmark: the reducer's fold of a busy floor's stream, CPU per event (issue #20).

Scale: bench_console.py's floor and stream — 2,000 agents in 20 groups, 100 queues,
each agent cycling call_queued + call_answered → call_ended → agent_state ready —
``--seconds`` seconds of it at 200 events a second of floor time, folded event by
event with ``models.domain.floor.apply`` as the feed, the host and every viewer fold
it. Prints the CPU time per event (best of ``--repeat``) and what 200 events/s cost
as a share of one core. ``--profile`` prints the top functions by own time.

    python tests/perf/bench_fold.py [--seconds 30] [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.domain.floor import apply, apply_all, initial_state  # noqa: E402
from models.domain.types import FloorEvent  # noqa: E402
from tests.perf import machine  # noqa: E402
from tests.perf.bench_console import floor_events, synthetic  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=2000)
    ap.add_argument("--queues", type=int, default=100)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--rate", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args()
    t0 = datetime(2026, 12, 7, 2, 0, 5, tzinfo=UTC)
    start = apply_all(initial_state(), floor_events(a.agents, a.queues, t0))
    gen = synthetic(a.agents, a.queues)
    events = [FloorEvent(e.type, t0 + timedelta(seconds=1 + i // a.rate), e.data)
              for i, e in zip(range(a.seconds * a.rate), gen, strict=False)]
    print(machine.line(with_text=False))
    print(f"fold: {a.agents} agents, {a.queues} queues, {len(events)} events "
          f"({a.seconds} s at {a.rate}/s); load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")

    def fold() -> None:
        s = start
        for e in events:
            s = apply(s, e)

    if a.profile:
        import cProfile
        import pstats

        pr = cProfile.Profile()
        pr.runcall(fold)
        pstats.Stats(pr).sort_stats("tottime").print_stats(12)
    best = float("inf")
    for _ in range(a.repeat):
        c0 = time.process_time()
        fold()
        best = min(best, time.process_time() - c0)
    per = best / len(events)
    print(f"   {per * 1e6:.0f} µs of CPU an event (best of {a.repeat}); {a.rate} events/s "
          f"take {per * a.rate:.1%} of a core")


if __name__ == "__main__":
    main()
