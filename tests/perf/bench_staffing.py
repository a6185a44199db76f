"""Benchmark: required agents per slot for a month (issue #17).

Scale: 96 fifteen-minute slots × 31 days at a 300-agent floor — a daily profile
peaking at ~1,090 calls a slot (AHT 240 s: ~290 erlangs, ~300 agents for 80/20),
each slot's count jittered so no two are alike — sized with Erlang C, then with
Erlang A (mean patience 180 s), with 30 % shrinkage. Prints the time of each pass
and the largest requirement. Then the live SL projection for one queue of that
floor in a surge (300 agents all busy, 40 callers waiting, 3,300 calls (330 erlangs) in the last
15 minutes, 7 minutes left), alone and with "N more agents would hold it".

    python tests/perf/bench_staffing.py [--days 31] [--peak 990] [--repeat 3]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.sim.staffing import project_sl, required_agents  # noqa: E402


def _slots(days: int, peak: float, seed: int) -> list[float]:
    rng = random.Random(seed)
    out = []
    for _ in range(days):
        for s in range(96):
            hour = s / 4
            shape = max(0.02, math.exp(-((hour - 10.5) / 3.5) ** 2)
                        + 0.8 * math.exp(-((hour - 15.5) / 3.0) ** 2))
            out.append(peak * min(1.0, shape) * rng.uniform(0.9, 1.1))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=31)
    ap.add_argument("--peak", type=float, default=990.0)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    slots = _slots(a.days, a.peak, seed=17)
    print(f"{len(slots)} slots, {sum(slots):,.0f} calls, AHT 240 s, 80 % in 20 s, "
          f"shrinkage 30 %")
    for label, patience in (("Erlang C", None), ("Erlang A (patience 180 s)", 180.0)):
        times = []
        need: list[int] = []
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            need = [required_agents(c, 240.0, 900.0, 0.8, 20.0, patience_s=patience,
                                    shrinkage=0.3) for c in slots]
            times.append(time.perf_counter() - t0)
        on_phones = max(required_agents(c, 240.0, 900.0, 0.8, 20.0, patience_s=patience)
                        for c in slots)
        print(f"{label}: {statistics.median(times):.3f} s median of {a.repeat} "
              f"(min {min(times):.3f} s); peak slot {on_phones} on the phones, "
              f"{max(need)} rostered")
    surge = {"answered_in_sl": 700, "sl_calls": 800, "waits_s": [float(w) for w in range(40)],
             "elapsed_s": 480.0, "remaining_s": 420.0, "arrivals_last_15min": 3300.0,
             "agents": 300, "ready": 0, "aht_s": 90.0, "t_s": 20.0}
    for label, target in (("projection alone", 0.1), ("projection + N more", 0.8)):
        times = []
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            got = project_sl(target=target, **surge)  # type: ignore[arg-type]
            times.append(time.perf_counter() - t0)
        print(f"{label}: {statistics.median(times):.3f} s median of {a.repeat}; "
              f"projected {got.projected:.3f}, more agents {got.more_agents}")


if __name__ == "__main__":
    main()
