"""Benchmark: alert-rule evaluation per tick (issue #4 target ≤ 20 ms per tick).

Scale: a simulated 2,000-agent floor (the seeded hotline simulator, everything
on: breaks, holds, after-call work, tickets), folded in memory for two hours
from 08:00; then the rules are evaluated as the scheduler does every second —
``rules.tick(state, now)`` (find every condition, decide what to raise and
resolve, and when the next one falls due) — once per simulated second
over ten minutes of the floor, alerts applied as they are raised. Prints the
per-tick time p50/p95/max, the alerts active, and the conditions found.

    python tests/perf/bench_rules.py [--agents 2000] [--warm-hours 2] [--minutes 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.domain import rules  # noqa: E402
from models.domain.floor import apply, initial_state  # noqa: E402
from models.sim.simulator import SimConfig, Simulator  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=2000)
    ap.add_argument("--warm-hours", type=float, default=2.0)
    ap.add_argument("--minutes", type=float, default=10.0)
    a = ap.parse_args()
    start = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 08:00 Asia/Shanghai
    sim = Simulator(SimConfig(agents=a.agents, seed=7, start=start))
    state = initial_state()
    for e in sim.setup_events():
        state = apply(state, e)
    t = start
    warm_end = start + timedelta(hours=a.warm_hours)
    n_events = 0
    while t < warm_end:
        t += timedelta(seconds=60)
        for e in sim.advance(t):
            state = apply(state, e)
            n_events += 1
    print(f"floor: {a.agents} agents, {n_events:,} events folded over {a.warm_hours:g} h; "
          f"{sum(1 for s in state.status.values() if s.state.value != 'logged_out')} logged in, "
          f"{len(state.calls)} live calls, {len(state.tickets)} open tickets")
    times: list[float] = []
    found = 0
    end = t + timedelta(minutes=a.minutes)
    while t < end:
        t += timedelta(seconds=1)
        for e in sim.advance(t):
            state = apply(state, e)
        c0 = time.perf_counter()
        out, _deadline = rules.tick(state, t)
        times.append((time.perf_counter() - c0) * 1000.0)
        for e in out:
            state = apply(state, e)
        found = len(rules.evaluate(state, t))
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"rules per tick over {len(times)} ticks: p50 {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms (target ≤ 20 ms) "
          f"{'ok' if p95 <= 20 else 'MISSED'}")
    print(f"at the end: {len(state.alerts)} active alerts, {found} conditions true")


if __name__ == "__main__":
    main()
