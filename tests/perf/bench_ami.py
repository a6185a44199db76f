"""Benchmark: the AMI codec's throughput, and (to be filled) AMI → console latency (issue #14).

**Codec throughput** (target ≥ 20,000 events/s on one core): the real AMI streams
recorded from Asterisk 22 in ``tests/frames/`` — whole queue calls, an abandon, a
ring-no-answer, pauses, ChanSpy, a Redirect, status lists: the mix a floor sends,
where VarSet / Newexten / bridge events outnumber the queue events — repeated to
``--events`` messages and fed to ``AmiParser`` in socket-sized reads (``--chunk``
bytes), every message passed through a ``Correlator`` (no action pending, as on a
floor between keep-alives) and its name read, as the transport does. The process is
pinned to one CPU. Prints events/s per run, the median of ``--runs`` (≥ 3) runs and
the machine's load average (a shared machine makes a low figure; the load says so).

**Latency** (target p95 ≤ 300 ms): AMI event → floor event committed → console
snapshot on the real Asterisk under the load run — :func:`bench_latency`, a stub
another part fills in (see its docstring); ``--latency`` calls it.

    python tests/perf/bench_ami.py [--events 200000] [--runs 5] [--chunk 4096] [--latency]

If the codec falls below the target, profile it with py-spy (``pip install py-spy``):

    py-spy record -o /tmp/ami.svg -- python tests/perf/bench_ami.py --runs 3
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.telephony.ami import AmiParser, Correlator  # noqa: E402

FRAMES = Path(__file__).resolve().parents[1] / "frames"
TARGET = 20_000


def recorded_stream(events: int) -> tuple[bytes, int]:
    """The recorded frames (banner and Login answer dropped from each file) repeated
    until they hold at least ``events`` messages; a banner in front. Returns the
    bytes and the number of messages in them."""
    body = bytearray()
    count = 0
    for path in sorted(FRAMES.glob("*.ami")):
        raw = path.read_bytes()
        msgs = AmiParser().feed(raw)
        start = raw.index(b"\r\n\r\n") + 4  # after the banner + Login response
        body += raw[start:]
        count += len(msgs) - 1
    if count == 0:
        raise SystemExit(f"no recorded frames in {FRAMES} (run tests/frames/record.py)")
    reps = -(-events // count)
    return b"Asterisk Call Manager/11.0.0\r\n" + bytes(body) * reps, count * reps


def one_run(data: bytes, chunk: int) -> tuple[int, float]:
    """Messages decoded and seconds taken for one pass over ``data``."""
    parser = AmiParser()
    corr = Correlator()
    n = 0
    gc.collect()
    t0 = time.perf_counter()
    for i in range(0, len(data), chunk):
        for m in parser.feed(data[i:i + chunk]):
            if corr.feed(m) is None and not corr.claimed and m.name:
                n += 1
    return n, time.perf_counter() - t0


def bench_codec(events: int, runs: int, chunk: int) -> float:
    data, expected = recorded_stream(events)
    print(f"stream: {expected} messages, {len(data) / 1e6:.1f} MB, {len(data) / expected:.0f} "
          f"bytes each on average; reads of {chunk} bytes")
    mix = Counter(m.name for m in AmiParser().feed(data[:len(data) // (expected // 1000 or 1)]))
    print("mix: " + ", ".join(f"{k} {v / sum(mix.values()):.0%}" for k, v in mix.most_common(8))
          + " …")
    rates = []
    for r in range(runs):
        n, dt = one_run(data, chunk)
        if n != expected:
            raise SystemExit(f"run {r + 1}: {n} messages decoded, {expected} expected")
        rates.append(n / dt)
        print(f"  run {r + 1}: {n / dt:,.0f} events/s ({dt:.2f} s)")
    med = statistics.median(rates)
    load = os.getloadavg()
    verdict = "meets" if med >= TARGET else "BELOW"
    print(f"codec throughput: median {med:,.0f} events/s over {runs} runs on one core "
          f"({verdict} the target of {TARGET:,}/s); load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} on {os.cpu_count()} CPUs")
    return med


# ---- STUB: filled in by another part of issue #14 --------------------------------------


def bench_latency(peer: Any = None, *, members: int = 50, queues: int = 5,
                  calls_per_s: float = 2.0, seconds: float = 600.0,
                  db_url: str | None = None) -> dict[str, float]:
    """STUB — NOT IMPLEMENTED HERE; another part of issue #14 fills it in.

    To measure: AMI event → floor event committed → console snapshot latency on the
    real Asterisk under the load run (``members`` members in ``queues`` queues,
    ``calls_per_s`` new calls a second for ``seconds`` of real time). For each AMI
    event that becomes a floor event: its receipt time at the transport (or its
    ``Timestamp:`` header), the commit time of the floor event, and the time a
    console's feed (console.feed.FloorFeed) shows it in its snapshot. Return
    ``{"p50_ms": …, "p95_ms": …, "max_ms": …, "events": …}`` and print them; target
    p95 ≤ 300 ms. ``peer`` is an ``AsteriskPeer`` (tests/asterisk_peer.py) or None to
    start one; ``db_url`` None for a scratch PostgreSQL database (as bench_feed.py).
    """
    raise NotImplementedError("bench_latency: filled in by another part of issue #14")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chunk", type=int, default=4096, help="bytes per socket read")
    ap.add_argument("--latency", action="store_true", help="also run bench_latency()")
    a = ap.parse_args()
    if a.runs < 3:
        ap.error("--runs: at least 3 (the figure is their median)")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    bench_codec(a.events, a.runs, a.chunk)
    if a.latency:
        r = bench_latency()
        print(f"AMI → console latency: p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms")


if __name__ == "__main__":
    main()
