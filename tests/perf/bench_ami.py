"""Benchmark: the AMI codec's throughput, and AMI → console latency (issue #14).

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
snapshot on the real Asterisk under the load run — ``--latency`` runs
``tests/perf/bench_ami_load.py`` (10 minutes, 2 calls a second).

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


# ---- AMI -> console latency under load (tests/perf/bench_ami_load.py) ----------------


def bench_latency(minutes: float = 10.0, rate: float = 2.0) -> None:
    """AMI event → floor event committed → console snapshot latency under the load run
    (target p95 ≤ 300 ms): ``tests/perf/bench_ami_load.py`` — a real Asterisk with 50
    members in 5 queues, ``rate`` new calls a second for ``minutes``, a real
    ``seatwatch service --source ami`` process on a scratch PostgreSQL database and a
    console's feed; it also checks every call is in call_record once and the counts
    equal Asterisk's own QueueStatus."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_ami_load  # noqa: PLC0415 - a sibling script, loaded only when asked

    sys.argv = [sys.argv[0], "--minutes", f"{minutes:g}", "--rate", f"{rate:g}"]
    bench_ami_load.main()


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
        bench_latency()


if __name__ == "__main__":
    main()
