"""Benchmark: the live SL forecast's projection, now and as first written (issue #20).

Scale: the cases where the console's and the wall's forecast is dearest — 2,000
agents near capacity (AHT 300 s, 1,800–2,050 in the system, 10–15 minutes left), the
console benchmark's floor (2,000 agents far under capacity, AHT 25 s), ten hours
ahead at 23 agents — each projection timed with the first series
(tests/sl_reference.py, pure Python) and with models/sim/staffing.py's, best of
``--repeat``, with the relative difference of their figures. Then one whole
forecast (models.sim.slforecast.forecast) of a floor whose 20 queues are all under
target: how many projections it made and its time, against one search per queue.

    python tests/perf/bench_projection.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.sim import staffing  # noqa: E402
from models.sim.slforecast import forecast  # noqa: E402
from tests.perf import machine  # noqa: E402
from tests.sl_reference import future_in_sl as first_series  # noqa: E402

CASES: list[tuple[str, tuple[float, float, int, int, float, float]]] = [
    ("2,000 agents, 1,900 on calls, 15 min left", (5.5, 900.0, 2000, 1900, 300.0, 20.0)),
    ("2,000 agents, 2,050 in the system", (6.9, 900.0, 2000, 2050, 300.0, 20.0)),
    ("1,800 agents, 1,700 in the system, 10 min", (6.0, 600.0, 1800, 1700, 300.0, 20.0)),
    ("the console benchmark's floor", (6000 / 900, 774.0, 2000, 0, 25.0, 20.0)),
    ("23 agents, ten hours ahead", (100 / 900, 36_000.0, 23, 23, 180.0, 20.0)),
]


def best(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    out, t = 0.0, float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        out = fn()
        t = min(t, time.process_time() - t0)
    return t, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    print(machine.line(with_text=False))
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on "
          f"{os.cpu_count()} cores; CPU seconds, best of {a.repeat}")
    for name, args in CASES:
        rate, rem = args[0], args[1]
        t_old, v_old = best(lambda args=args: first_series(*args), a.repeat)
        t_new, v_new = best(lambda args=args: staffing._future_in_sl(*args), a.repeat)
        rel = abs(v_new - v_old) / max(1.0, rate * rem)
        print(f"   {name:44s} first {t_old * 1000:8.1f} ms   now {t_new * 1000:7.1f} ms   "
              f"({t_old / max(t_new, 1e-9):6.0f}×)   figures differ by {rel:.1e} of the calls")
    from tests.test_sl_series import _many_queues_under_target

    state, now = _many_queues_under_target()
    made = [0]
    real = staffing._expected

    def counted(*args):  # type: ignore[no-untyped-def]
        made[0] += 1
        return real(*args)

    staffing._expected = counted  # type: ignore[assignment]
    t_all, _got = best(lambda: forecast(state, now), 1)
    shared = made[0]
    # as before: each queue's search made its own projections (no memo)
    import models.sim.slforecast as slf

    with_memo = slf.project_sl
    slf.project_sl = lambda **kw: with_memo(**{**kw, "memo": None})  # type: ignore[assignment]
    made[0] = 0
    t_alone, _got = best(lambda: forecast(state, now), 1)
    slf.project_sl = with_memo  # type: ignore[assignment]
    staffing._expected = real  # type: ignore[assignment]
    print(f"   a forecast of 20 queues all under target (10 agents): {shared} projections, "
          f"{t_all * 1000:.0f} ms; one search per queue: {made[0]}, {t_alone * 1000:.0f} ms")


if __name__ == "__main__":
    main()
