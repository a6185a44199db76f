"""Benchmark: the shift leader's console under a busy floor (issue #3 targets).

Scale: 2,000 agents in 20 groups / 100 queues, 200 events/s written by one
writer in batches every 50 ms (each agent cycles call_queued + call_answered →
call_ended → agent_state ready, the agents of a pass in a shuffled order; every
event carries ``"sent": time.time()``). The console runs in a child process as
in production: ``ConsoleApp`` with a real ``FloorFeed`` (default poll settings,
LISTEN/NOTIFY), its window at 1920×1080, the agent table sorted by 工号 with
nothing selected. A host heartbeat is beaten every second so the console is
live, not stale. The window opens after a warm-up of writing (--warmup).

Prints, each against its target:
- event-to-pixel p50/p95: writer's clock at append → the agent table has
  finished its first repaint after the snapshot carrying the event was applied,
  for events whose agent's row is on screen. Taken in the paint event of a
  transparent overlay on the table's viewport, which Qt paints right after the
  viewport in the same pass (the flush to the screen is not included). Rows
  outside the visible area repaint nothing, so for all events the time to the
  table's next repaint (often the 1 s time-in-state tick's) is printed too, with
  the parts: event → feed snapshot → GUI thread → apply_snapshot → repainted.
  Target p95 ≤ 250 ms.
- the GUI thread's longest stall: a 10 ms precise QTimer on the GUI thread; the
  largest gap between its timeouts minus 10 ms (and the p99 gap). Target: no
  stall over 50 ms.
- CPU share of one core of the console process (GUI thread + feed thread +
  ops), getrusage(RUSAGE_SELF) over the window, and split by thread from
  /proc/self/task/*/stat: the GUI (main) thread, the feed thread, the others (the
  queue panel's forecast worker, ops, Qt's). Target ≤ 5 % (issue #20).
- resident memory of the console process (/proc/self/statm) with the floor shown,
  after the warm-up, every 10 s and at the end, less this benchmark's own figures
  (arrays of doubles, ~20 MB an hour at this rate; as lists of floats they were
  ~80 MB an hour, most of the slope first reported), the slope of those samples
  (MB/h), and the peak (ru_maxrss). Target ≤ 300 MB, growth < 5 % after the first
  hour.
- the load average before and after (the machine is shared: CPU is taken as the
  process's CPU time, so others' load costs latency, not share).

The console is built as ``seatwatch console`` builds it: ``ConsoleApp`` with the
console's feed (console.app.console_feed) and real zh_CN translations, text drawn;
on Qt's offscreen platform it gets a 1920×1080 screen (its default is 800×800) and
maximizes itself on it. ``--png FILE`` saves the last frame.

    python tests/perf/bench_console.py [--db URL] [--agents 2000] [--queues 100]
                                       [--rate 200] [--seconds 60] [--profile]
                                       [--png out/console.png]
    xvfb-run -a -s "-screen 0 1920x1080x24" python tests/perf/bench_console.py --xvfb

By default the console draws on Qt's ``offscreen`` platform (raster, no X
server). ``--xvfb`` uses the X11 (xcb) platform on ``$DISPLAY`` instead; give
Xvfb a 1920×1080×24 screen as above (xvfb-run's default screen, e.g. 1280×1024, is
smaller than the window). The resident memory is also broken down, after the
warm-up and at the end: file-backed pages, the C heap in use and free but kept (glibc),
and Python's blocks, to tell objects that stay from an allocator that keeps what was
freed. ``BENCH_TRACE=1`` in the environment prints what the Python heap grew by over
the window (tracemalloc: the ten largest lines, the six largest tracebacks); it costs
so much that at 2,000 agents and 200 events/s the console falls minutes behind (its
latency figures then say so), so give it a lower ``--rate``.
``--profile`` runs cProfile on the GUI thread over the
window and prints the top 15 functions by cumulative and by own time (the
figures of that run include the profiler's overhead). Without --db a scratch
PostgreSQL database on 127.0.0.1 (user postgres, trust) is created and dropped;
with --db the floor setup and the stream are appended to that database.

PySide6 6.12.0 drops a reference to ``True`` on every ``Signal.emit()``; the
console then aborts with "Fatal Python error: bool_dealloc" after about a minute
of this load (pyproject pins PySide6 below 6.12). The benchmark counts the
references lost over the window and warns; its figures are sent before the
console exits.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import multiprocessing as mp
import os
import queue
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
from array import array
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg  # noqa: E402

from models.db import engine as dbengine  # noqa: E402
from models.db import store  # noqa: E402
from models.domain.records import FloorSnapshot  # noqa: E402
from models.domain.types import FloorEvent  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
GROUPS = 20
WIDTH, HEIGHT = 1920, 1080
STALL_TICK_MS = 10.0

TARGETS = {"e2p_p95_ms": 250.0, "stall_ms": 50.0, "cpu_share": 0.05, "rss_mb": 300.0}


# ---- the console process ---------------------------------------------------------------


def thread_cpu() -> dict[int, float]:
    """CPU seconds (user + system) of each thread of this process, by native id."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[int, float] = {}
    for task in Path("/proc/self/task").iterdir():
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            out[int(task.name)] = (int(fields[11]) + int(fields[12])) / tick
    return out


def _left_behind() -> int:
    """Objects in reference cycles that died while frozen (``gc.freeze``): what only a
    full collection of everything, unfrozen, frees. BENCH_CYCLES=1 prints their kinds."""
    gc.unfreeze()
    if not os.environ.get("BENCH_CYCLES"):
        return gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    n = gc.collect()
    kinds: dict[str, int] = {}
    for o in gc.garbage:
        k = type(o).__qualname__
        kinds[k] = kinds.get(k, 0) + 1
    print("   left behind in cycles:", sorted(kinds.items(), key=lambda kv: -kv[1])[:12],
          file=sys.stderr)
    funcs = [o for o in gc.garbage if type(o).__name__ == "function"]
    for f in funcs[:8]:
        print("      function", f.__qualname__, f.__code__.co_filename, file=sys.stderr)
    gc.garbage.clear()
    gc.set_debug(0)
    return n


def memory_now() -> dict[str, float]:
    """bench_wallboard's breakdown of the resident memory, and Python's blocks"""
    from tests.perf.bench_wallboard import memory_parts

    return {**memory_parts(), "python_mb": sys.getallocatedblocks() * 64 / 2**20}


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def console_child(url: str, seconds: float, q: Any, ready: Any, start_at: Any, xvfb: bool,
                  profile: bool, png: str) -> None:
    """Runs the console and measures it; sends one dict of figures over ``q``."""
    if xvfb:
        os.environ["QT_QPA_PLATFORM"] = "xcb"
    else:
        # Qt's offscreen platform has an 800×800 screen unless told otherwise: the
        # console maximizes itself, so give it the 1920×1080 screen of the target
        conf = Path(tempfile.mkdtemp(prefix="sw_bench_screen_")) / "screen.json"
        conf.write_text(json.dumps({"screens": [{
            "name": "bench", "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT,
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={conf}"
    logging.basicConfig(level=logging.WARNING, format="console: %(levelname)s %(message)s")
    import cProfile
    import io
    import pstats

    import PySide6
    from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
    from PySide6.QtGui import QGuiApplication, QPaintEvent
    from PySide6.QtWidgets import QWidget

    from console.app import ConsoleApp, console_feed
    from console.ui import qt_app
    from models.domain.roles import Operator, Role
    from views.agent_model import AGENT_ROLE

    app = qt_app(["seatwatch-bench"])
    from tests.perf import machine

    speed = machine.line()  # before anything else runs in this process
    tmp = tempfile.TemporaryDirectory(prefix="sw_bench_console_", ignore_cleanup_errors=True)
    settings = QSettings(str(Path(tmp.name) / "console.ini"),
                         QSettings.Format.IniFormat)  # no saved layout of a real user
    engine = dbengine.make_engine(url)
    feed = console_feed(url)  # as ConsoleApp makes it

    measuring = False
    # feed thread: when each snapshot left the feed (subscribed before the console's
    # bridge, so the time is taken before the GUI thread can see the snapshot)
    emitted: dict[int, float] = {}
    emitted_lock = threading.Lock()

    def on_feed(s: FloorSnapshot) -> None:
        # by event: the console may hand the GUI several snapshots' events at once
        if s.events:
            t = time.time()
            with emitted_lock:
                for e in s.events:
                    emitted[id(e)] = t

    feed.subscribe(on_feed)
    console = ConsoleApp(app, engine, operator=Operator("BENCH", "压测",
                                                        frozenset({Role.SHIFT_LEADER})),
                         settings=settings, language="zh_CN", feed=feed)
    w = console.window
    view = w.agent_view
    viewport = view.viewport()
    gui_thread = threading.get_ident()

    # per snapshot applied and not yet painted: (sent times of its events, of those whose
    # agent's row was on screen, feed-emit time, apply start, apply end)
    pending: list[tuple[list[float], list[float], float | None, float, float]] = []
    call_agent: dict[str, str] = {}  # call → agent, from call_answered
    first_applied = [False]
    first_painted = [False]
    n_applied = [0]
    n_events = [0]
    n_visible = [0]
    n_paints = [0]
    n_paints_with_pending = [0]
    off_thread = [0]
    apply_ms: array[float] = array("d")
    e2p: array[float] = array("d")  # ms: sent → viewport repainted, agent's row on screen
    e2next: array[float] = array("d")  # ms: sent → next viewport repaint, every event
    to_feed: array[float] = array("d")  # ms: sent → snapshot left the feed
    to_gui: array[float] = array("d")  # ms: event's snapshot left the feed → apply_snapshot started
    to_paint: array[float] = array("d")  # ms: apply_snapshot ended → viewport repainted
    paint_ms: array[float] = array("d")  # ms: viewport paint event → overlay painted

    original_apply = w.apply_snapshot

    def apply_and_note(snap: Any) -> None:
        # the console's bridge slot calls ``self.window.apply_snapshot(to_view(s))``
        t0 = time.time()
        original_apply(snap)
        t1 = time.time()
        if threading.get_ident() != gui_thread:
            off_thread[0] += 1
        first_applied[0] = True
        with emitted_lock:
            feed_times = [emitted.pop(id(e), None) for e in snap.events]
        t_feed = min((t for t in feed_times if t is not None), default=None)
        # the agent of each event (call_queued/call_ended name only the call)
        for e in snap.events:
            if e.type == "call_answered":
                call_agent[str(e.data["call"])] = str(e.data["agent"])
        agents: list[str | None] = []
        for e in snap.events:
            agent = e.data.get("agent")
            if agent is None and "call" in e.data:
                call = str(e.data["call"])
                agent = call_agent.pop(call, None) if e.type == "call_ended" \
                    else call_agent.get(call)
            agents.append(agent)
        if not measuring:
            return
        n_applied[0] += 1
        apply_ms.append((t1 - t0) * 1000.0)
        on_screen = visible_agents()
        sent: list[float] = []
        sent_visible: list[float] = []
        for e, agent, tf in zip(snap.events, agents, feed_times, strict=True):
            x = e.data.get("sent")
            if x is None:
                continue
            sent.append(x)
            if tf is not None:
                to_feed.append((tf - x) * 1000.0)
                to_gui.append((t0 - tf) * 1000.0)
            if agent in on_screen:
                sent_visible.append(x)
        n_events[0] += len(sent)
        n_visible[0] += len(sent_visible)
        if sent:
            pending.append((sent, sent_visible, t_feed, t0, t1))

    def visible_agents() -> set[str]:
        top = max(0, view.rowAt(0))
        bottom = view.rowAt(viewport.height() - 1)
        if bottom < 0:
            bottom = w.proxy.rowCount() - 1
        return {str(w.proxy.index(r, 0).data(AGENT_ROLE)) for r in range(top, bottom + 1)}

    w.apply_snapshot = apply_and_note  # type: ignore[method-assign]

    paint_started = [0.0]

    class Probe(QObject):
        """Sees the viewport's events before the viewport handles them."""

        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
            if ev.type() == QEvent.Type.Paint:
                paint_started[0] = time.time()
            elif ev.type() == QEvent.Type.Resize:
                overlay.setGeometry(viewport.rect())
            return False

    class Overlay(QWidget):
        """Transparent child over the viewport: Qt paints it right after the viewport."""

        def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802
            now = time.time()
            first_painted[0] = first_painted[0] or first_applied[0]
            if not measuring:
                return
            n_paints[0] += 1
            if paint_started[0]:
                paint_ms.append((now - paint_started[0]) * 1000.0)
            if not pending:
                return
            n_paints_with_pending[0] += 1
            for sent, sent_visible, _t_feed, _t0, t1 in pending:
                for x in sent:
                    e2next.append((now - x) * 1000.0)
                e2p.extend((now - x) * 1000.0 for x in sent_visible)
                if sent_visible:
                    to_paint.append((now - t1) * 1000.0)
            pending.clear()

    overlay = Overlay(viewport)
    overlay.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    overlay.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
    overlay.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    probe = Probe()
    viewport.installEventFilter(probe)

    w.resize(WIDTH, HEIGHT)
    console.start()
    overlay.setGeometry(viewport.rect())
    overlay.show()
    overlay.raise_()
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # 工号
    view.clearSelection()
    view.selectionModel().clear()

    gaps: array[float] = array("d")
    last_beat = [0.0]
    profiler = cProfile.Profile() if profile else None
    marks: dict[str, Any] = {}

    #: (generation, ms, objects it found unreachable) of every collection
    gc_pauses: list[tuple[int, float, int]] = []
    gc_start = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_start[0] = time.perf_counter()
        elif measuring:
            gc_pauses.append((info["generation"], (time.perf_counter() - gc_start[0]) * 1e3,
                              info["collected"]))

    gc.callbacks.append(on_gc)

    # BENCH_WATCHDOG=MS: every thread's stack is printed when the GUI thread has not
    # come back to its stall timer for MS milliseconds (what a stall was doing)
    watchdog = float(os.environ.get("BENCH_WATCHDOG", "0")) / 1000.0
    if watchdog:
        import faulthandler

    def stall_tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last_beat[0]) * 1000.0)
        last_beat[0] = now
        if watchdog and measuring:
            faulthandler.dump_traceback_later(watchdog, repeat=False)

    stall_timer = QTimer()
    stall_timer.setTimerType(Qt.TimerType.PreciseTimer)
    stall_timer.setInterval(int(STALL_TICK_MS))
    stall_timer.timeout.connect(stall_tick)

    def finish() -> None:
        nonlocal measuring
        if profiler is not None:
            profiler.disable()
        r1, w1 = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        th1 = thread_cpu()
        measuring = False
        stall_timer.stop()
        if watchdog:
            faulthandler.cancel_dump_traceback_later()
        rss_timer.stop()
        r0, w0, th0 = marks["r0"], marks["w0"], marks["threads"]
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        used = {tid: t - th0.get(tid, 0.0) for tid, t in th1.items()}
        gui_tid = os.getpid()  # the main thread's native id is the process id
        feed_tid = feed._thread.native_id if feed._thread is not None else None
        gui_cpu = used.pop(gui_tid, 0.0)
        feed_cpu = used.pop(feed_tid, 0.0) if feed_tid is not None else 0.0
        other_cpu = sum(used.values())
        names = {t.native_id: t.name for t in threading.enumerate()}
        others: dict[str, float] = {}
        for tid, t in used.items():
            name = names.get(tid)
            if name is None:
                with contextlib.suppress(OSError):
                    name = Path(f"/proc/self/task/{tid}/comm").read_text().strip()
            key = name or str(tid)
            others[key] = others.get(key, 0.0) + t
        rss_samples.append((w1 - w0, rss_mb() - own_mb()))
        parts = (marks["parts0"], memory_now())
        if "trace0" in marks:
            import tracemalloc

            now_snap = tracemalloc.take_snapshot()
            print(f"   Python heap traced: {marks['trace_mb']:.1f} MB after the warm-up, "
                  f"{tracemalloc.get_traced_memory()[0] / 1e6:.1f} MB at the end; RSS "
                  f"{rss_samples[0][1]:.0f} -> {rss_mb() - own_mb():.0f} MB", file=sys.stderr)
            for stat in now_snap.compare_to(marks["trace0"], "lineno")[:10]:
                print(f"   grew {stat.size_diff / 1e6:+.2f} MB in {stat.count_diff:+d} blocks at "
                      f"{stat.traceback[0]}", file=sys.stderr)
            grown = now_snap.compare_to(marks["trace0"], "traceback")
            for stat in grown[:6]:
                print(f"   grew {stat.size_diff / 1e6:+.1f} MB in {stat.count_diff:+d} blocks:",
                      file=sys.stderr)
                for line in stat.traceback.format()[-12:]:
                    print("      " + line, file=sys.stderr)
            tracemalloc.stop()
        if png:
            w.grab().save(png)
        top = view.rowAt(0)
        bottom = view.rowAt(viewport.height() - 1)
        visible = (bottom if bottom >= 0 else w.proxy.rowCount() - 1) - max(0, top) + 1
        screen = app.primaryScreen().geometry()
        prof_text = ""
        if profiler is not None:
            buf = io.StringIO()
            st = pstats.Stats(profiler, stream=buf)
            st.sort_stats("cumulative").print_stats(15)
            buf.write("\n--- by own time ---\n")
            st.sort_stats("tottime").print_stats(15)
            prof_text = buf.getvalue()
        q.put({
            "platform": QGuiApplication.platformName(),
            "window": (w.width(), w.height()), "screen": (screen.width(), screen.height()),
            "visible_rows": visible, "rows": w.proxy.rowCount(),
            "wall": w1 - w0, "cpu_share": cpu / (w1 - w0),
            "cpu_user_s": r1.ru_utime - r0.ru_utime, "cpu_sys_s": r1.ru_stime - r0.ru_stime,
            "rss_mb": rss_samples[-1][1], "rss_start_mb": marks["rss_start"],
            "rss_samples": rss_samples, "memory_parts": parts,
            "gui_cpu_s": gui_cpu, "feed_cpu_s": feed_cpu, "other_cpu_s": other_cpu,
            "others": sorted(others.items(), key=lambda kv: -kv[1])[:4],
            "forecasts": w.queues.live.computed - marks["forecasts"],
            "forecast_period_s": w.queues.live.period.total_seconds(),
            "maxrss_mb": r1.ru_maxrss / 1024,
            "e2p": e2p, "e2next": e2next, "to_feed": to_feed, "to_gui": to_gui,
            "to_paint": to_paint, "apply_ms": apply_ms, "paint_ms": paint_ms, "gaps": gaps,
            "applied": n_applied[0], "events": n_events[0], "visible_events": n_visible[0],
            "paints": n_paints[0], "paints_with_pending": n_paints_with_pending[0],
            "off_thread": off_thread[0],
            "stale": bool(w.snapshot is not None and w.snapshot.stale),
            "profile": prof_text, "gc": gc_pauses, "frozen": gc.get_freeze_count(),
            # what freezing left behind: reference cycles among frozen objects that died
            "left": _left_behind(),
            "true_refs": (marks["true_refs"], sys.getrefcount(True)),
            "pyside": PySide6.__version__, "machine": speed,
        })
        console.shutting_down.emit()
        app.quit()

    rss_samples: list[tuple[float, float]] = []  # (s into the window, MB)
    rss_timer = QTimer()
    rss_timer.setInterval(10_000)
    def own_mb() -> float:
        """This benchmark's own figures (arrays of doubles: 8 bytes each) in the RSS."""
        return sum(len(a) for a in (apply_ms, e2p, e2next, to_feed, to_gui, to_paint,
                                    paint_ms, gaps)) * 8 / 2**20

    rss_timer.timeout.connect(
        lambda: rss_samples.append((time.monotonic() - marks["w0"], rss_mb() - own_mb())))

    def begin() -> None:
        nonlocal measuring
        marks["r0"], marks["w0"] = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        marks["threads"] = thread_cpu()
        marks["forecasts"] = w.queues.live.computed
        rss_samples.append((0.0, rss_mb()))  # after the warm-up
        marks["parts0"] = memory_now()
        rss_timer.start()
        marks["true_refs"] = sys.getrefcount(True)
        if os.environ.get("BENCH_TRACE"):  # what grows over the window (tracemalloc)
            import tracemalloc

            tracemalloc.start(12)
            marks["trace0"] = tracemalloc.take_snapshot()
            marks["trace_mb"] = tracemalloc.get_traced_memory()[0] / 1e6
        measuring = True
        last_beat[0] = time.perf_counter()
        stall_timer.start()
        QTimer.singleShot(int(seconds * 1000), finish)
        if profiler is not None:
            profiler.enable()

    gate = QTimer()
    gate.setInterval(20)

    def poll_gate() -> None:
        # ready once the first snapshot (the whole floor) was applied and painted; the
        # parent then starts writing and opens the gate after a warm-up
        if first_painted[0] and not ready.is_set():
            marks["rss_start"] = rss_mb()  # the floor shown, before the stream
            ready.set()
        if ready.is_set() and start_at.is_set():
            gate.stop()
            begin()

    gate.timeout.connect(poll_gate)
    gate.start()
    app.exec()
    feed.stop()
    engine.dispose()
    tmp.cleanup()


# ---- the floor ---------------------------------------------------------------------------


def synthetic(agents: int, queues: int, seed: int = 1) -> Iterator[FloorEvent]:
    """An endless valid stream: each agent cycles call_queued + call_answered →
    call_ended → agent_state ready. Every pass touches each agent once, in a shuffled
    order, so the rows on screen change as often as any others (not in bursts)."""
    rnd = random.Random(seed)
    n = 0
    call_of: list[str | None] = [None] * agents
    ended = [False] * agents
    order = list(range(agents))
    while True:
        rnd.shuffle(order)
        for a in order:
            aid = f"{10000 + a}"
            now = datetime.now(UTC)
            if call_of[a] is None and not ended[a]:
                n += 1
                call = f"K{n}"
                yield FloorEvent("call_queued", now, {"call": call, "queue": f"Q{n % queues}",
                                                      "caller": "13800138000"})
                yield FloorEvent("call_answered", now, {"call": call, "agent": aid})
                call_of[a] = call
            elif call_of[a] is not None:
                yield FloorEvent("call_ended", now, {"call": call_of[a]})
                call_of[a] = None
                ended[a] = True
            else:
                yield FloorEvent("agent_state", now, {"agent": aid, "state": "ready"})
                ended[a] = False


def floor_events(agents: int, queues: int, now: datetime) -> list[FloorEvent]:
    """The floor setup (``GROUPS`` groups) and every agent ready (bench_fold.py folds
    the same)."""
    return [FloorEvent("floor_setup", now, {
        "groups": [{"id": f"G{g + 1:02d}", "name": f"第{g + 1}组"} for g in range(GROUPS)],
        "queues": [{"id": f"Q{i}", "name": f"队列{i}"} for i in range(queues)],
        "agents": [{"id": f"{10000 + i}", "name": f"坐席{i}", "group": f"G{i % GROUPS + 1:02d}"}
                   for i in range(agents)]})] + [
        FloorEvent("agent_state", now, {"agent": f"{10000 + i}", "state": "ready"})
        for i in range(agents)]


def setup_floor(eng: Any, agents: int, queues: int) -> store.FloorWriter:
    w = store.FloorWriter(eng, "bench")
    setup, *ready = floor_events(agents, queues, datetime.now(UTC))
    w.append([setup])
    w.append(ready, force_checkpoint=True)
    return w


def run(url: str, agents: int, queues: int, rate: float, seconds: float, warmup: float,
        xvfb: bool, profile: bool, png: str = "") -> dict[str, Any]:
    load_before = os.getloadavg()
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
    q, ready, start_at = ctx.Queue(), ctx.Event(), ctx.Event()
    proc = ctx.Process(target=console_child,
                       args=(url, seconds, q, ready, start_at, xvfb, profile, png))
    proc.start()
    try:
        if not ready.wait(120):
            raise SystemExit("the console did not show the floor within 120 s")
        gen = synthetic(agents, queues)
        period = 0.05
        per_batch = max(1, round(rate * period))
        written = 0
        written_in_window = 0
        append_ms: list[float] = []
        result: dict[str, Any] | None = None
        t0 = time.monotonic()
        deadline = t0 + warmup + seconds + 120.0
        nxt = t0
        while result is None:
            if time.monotonic() > deadline or not proc.is_alive():
                with contextlib.suppress(queue.Empty):
                    result = q.get(timeout=2.0)  # it may have died just after sending
                if result is not None:
                    break
                raise SystemExit(f"the console sent no figures (exit code {proc.exitcode}"
                                 + (", aborted: see the Fatal Python error above"
                                    if proc.exitcode == -6 else "") + ")")
            batch = []
            for _ in range(per_batch):
                e = next(gen)
                batch.append(FloorEvent(e.type, e.at, {**e.data, "sent": time.time()}))
            a0 = time.perf_counter()
            w.append(batch)
            append_ms.append((time.perf_counter() - a0) * 1000)
            written += len(batch)
            if start_at.is_set():
                written_in_window += len(batch)
            elif time.monotonic() - t0 >= warmup:
                start_at.set()
            nxt += period
            with contextlib.suppress(queue.Empty):
                result = q.get(timeout=max(0.0, nxt - time.monotonic()))
        proc.join(30)
    finally:
        if proc.is_alive():
            proc.terminate()
            proc.join(10)
        stop.set()
        eng.dispose()
    result.update(agents=agents, queues=queues, rate=rate, written=written, png=png,
                  load=os.getloadavg(), load_before=load_before,
                  events_per_s=written_in_window / result["wall"],
                  append_ms_p95=statistics.quantiles(append_ms, n=20)[18])
    return result


# ---- report ------------------------------------------------------------------------------


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(p / 100 * len(s)))] if s else float("nan")


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(r: dict[str, Any]) -> None:
    e2p, gaps = r["e2p"], r["gaps"]
    stall = max(gaps) - STALL_TICK_MS if gaps else float("nan")
    p95 = pct(e2p, 95)
    print(r["machine"])
    nan = float("nan")
    print(f"console: {r['agents']} agents / {GROUPS} groups / {r['queues']} queues, "
          f"{r['events_per_s']:.0f} events/s written (append p95 {r['append_ms_p95']:.1f} ms), "
          f"{r['wall']:.1f} s measured")
    print(f"   platform {r['platform']}, window {r['window'][0]}×{r['window'][1]} on a "
          f"{r['screen'][0]}×{r['screen'][1]} screen, {r['visible_rows']} of {r['rows']} "
          f"table rows on screen; {r['applied']} snapshots applied "
          f"({r['applied'] / r['wall']:.1f}/s, {r['events']} events, {r['visible_events']} "
          f"of them on rows on screen), {r['paints']} table repaints "
          f"({r['paints_with_pending']} after a snapshot)"
          + ("; STALE at the end" if r["stale"] else "")
          + (f"; {r['off_thread']} snapshots applied OFF the GUI thread" if r["off_thread"]
             else ""))
    print(f"   event-to-pixel p50 {pct(e2p, 50):.0f} ms, p95 {p95:.0f} ms, p99 "
          f"{pct(e2p, 99):.0f} ms, max {max(e2p, default=nan):.0f} ms over {len(e2p)} "
          f"events on rows on screen (target p95 ≤ {TARGETS['e2p_p95_ms']:.0f} ms) "
          f"{verdict(p95 <= TARGETS['e2p_p95_ms'])}")
    print(f"      every event → the table's next repaint p50 {pct(r['e2next'], 50):.0f} ms, "
          f"p95 {pct(r['e2next'], 95):.0f} ms (off-screen rows repaint nothing; the next "
          f"repaint may be the 1 s tick's)")
    print(f"      parts: event→feed snapshot p50 {pct(r['to_feed'], 50):.0f} / p95 "
          f"{pct(r['to_feed'], 95):.0f} ms; feed→GUI thread p50 {pct(r['to_gui'], 50):.1f} / "
          f"p95 {pct(r['to_gui'], 95):.1f} ms; apply_snapshot p50 "
          f"{pct(r['apply_ms'], 50):.1f} / p95 {pct(r['apply_ms'], 95):.1f} / max "
          f"{max(r['apply_ms'], default=nan):.1f} ms; applied→row repainted p50 "
          f"{pct(r['to_paint'], 50):.1f} / p95 {pct(r['to_paint'], 95):.1f} ms; table "
          f"paint p50 {pct(r['paint_ms'], 50):.1f} / p95 {pct(r['paint_ms'], 95):.1f} ms")
    print(f"   GUI thread longest stall {stall:.0f} ms (target ≤ {TARGETS['stall_ms']:.0f} ms) "
          f"{verdict(stall <= TARGETS['stall_ms'])}; {STALL_TICK_MS:.0f} ms timer gaps p50 "
          f"{pct(gaps, 50):.1f} ms, p99 {pct(gaps, 99):.1f} ms, "
          f"{sum(g > STALL_TICK_MS + TARGETS['stall_ms'] for g in gaps)} stalls over "
          f"{TARGETS['stall_ms']:.0f} ms")
    g2 = [ms for g, ms, _n in r["gc"] if g == 2]
    print(f"   garbage collections (any thread): {len(r['gc'])}, longest "
          f"{max((ms for _g, ms, _n in r['gc']), default=0):.0f} ms; full (gen 2) {len(g2)}, "
          f"longest {max(g2, default=0):.0f} ms; {sum(n for _g, _ms, n in r['gc'])} objects "
          f"found in reference cycles; {r['frozen']} objects frozen at the end (gc.freeze), "
          f"{r['left']} of them in dead cycles that only a full unfrozen collection frees")
    wall = r["wall"]
    print(f"   CPU {r['cpu_share']:.1%} of a core (user {r['cpu_user_s']:.2f} s, sys "
          f"{r['cpu_sys_s']:.2f} s) (target ≤ {TARGETS['cpu_share']:.0%}) "
          f"{verdict(r['cpu_share'] <= TARGETS['cpu_share'])}; by thread: GUI "
          f"{r['gui_cpu_s'] / wall:.1%}, feed {r['feed_cpu_s'] / wall:.1%}, others "
          f"{r['other_cpu_s'] / wall:.1%} ("
          + ", ".join(f"{name} {t / wall:.1%}" for name, t in r["others"] if t > 0)
          + f"); the queue panel's forecast computed {r['forecasts']} times, each standing "
          f"{r['forecast_period_s']:.1f} s at the end")
    samples = r["rss_samples"]
    slope = statistics.linear_regression([t for t, _ in samples], [m for _, m in samples]) \
        .slope * 3600 if len(samples) >= 3 else float("nan")
    print(f"   resident memory {r['rss_start_mb']:.0f} MB with the floor shown, "
          f"{samples[0][1]:.0f} MB after the warm-up, {r['rss_mb']:.0f} MB at the end "
          f"({len(samples)} samples over {wall:.0f} s: {slope:+.1f} MB/h), peak "
          f"{r['maxrss_mb']:.0f} MB (target ≤ {TARGETS['rss_mb']:.0f} MB) "
          f"{verdict(max(r['rss_mb'], r['maxrss_mb']) <= TARGETS['rss_mb'])}")
    if len(samples) >= 5:  # the shape, not only the slope: does it level off?
        marks_at = [samples[round(i * (len(samples) - 1) / 4)] for i in range(5)]
        print("   RSS at 0 / ¼ / ½ / ¾ / the whole window: "
              + " / ".join(f"{m:.0f}" for _, m in marks_at) + " MB ("
              + " / ".join(f"{t / 60:.0f}" for t, _ in marks_at) + " min)")
    p0, p1 = r["memory_parts"]
    print("   of which, after the warm-up -> at the end: "
          + ", ".join(f"{label} {p0[k]:.0f} -> {p1[k]:.0f}" for k, label in (
              ("file_mb", "file-backed"), ("malloc_used_mb", "C heap in use"),
              ("malloc_free_mb", "C heap free but kept"), ("python_mb", "Python's blocks")))
          + " MB (Python's blocks: sys.getallocatedblocks() at 64 bytes each, an estimate)")
    print("   load average (1/5/15 min) before "
          + "/".join(f"{x:.2f}" for x in r["load_before"]) + ", after "
          + "/".join(f"{x:.2f}" for x in r["load"]) + f" on {os.cpu_count()} cores"
          + (f"; frame saved to {r['png']}" if r["png"] else ""), flush=True)
    t0, t1 = r["true_refs"]
    if t1 < t0:
        lost = (t0 - t1) / r["wall"]
        print(f"   WARNING: the console lost {t0 - t1} references to True in "
              f"{r['wall']:.0f} s ({lost:.0f}/s; {t1} left, so it aborts with \"Fatal Python "
              f"error: bool_dealloc\" in about {t1 / lost:.0f} s or at exit). This is "
              f"PySide6 {r['pyside']}; 6.12.0's Signal.emit() returns True without taking a "
              f"reference.")
    if r["profile"]:
        print("\nGUI thread profile over the measurement window (cProfile; the figures above "
              "include the profiler's overhead):")
        print(r["profile"], flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="use this database instead of a scratch one")
    ap.add_argument("--agents", type=int, default=2000)
    ap.add_argument("--queues", type=int, default=100)
    ap.add_argument("--rate", type=float, default=200.0, help="events per second")
    ap.add_argument("--seconds", type=float, default=60.0, help="measurement window")
    ap.add_argument("--png", default="",
                    help="save the window's last frame to this PNG (put the figures beside it)")
    ap.add_argument("--warmup", type=float, default=3.0,
                    help="seconds of writing before the window opens")
    ap.add_argument("--xvfb", action="store_true",
                    help="draw on the X server at $DISPLAY (xcb) instead of offscreen")
    ap.add_argument("--profile", action="store_true",
                    help="cProfile the GUI thread over the window; print the top 15")
    a = ap.parse_args()
    if a.xvfb and not os.environ.get("DISPLAY"):
        ap.error("--xvfb needs an X server: "
                 "xvfb-run -a -s '-screen 0 1920x1080x24' python tests/perf/bench_console.py "
                 "--xvfb")
    name = None
    url = a.db
    if url is None:
        name = f"sw_bench_console_{os.getpid()}"
        with psycopg.connect(ADMIN, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            c.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        r = run(url, a.agents, a.queues, a.rate, a.seconds, a.warmup, a.xvfb, a.profile,
                str(Path(a.png).resolve()) if a.png else "")
    finally:
        if name:
            with psycopg.connect(ADMIN, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    report(r)


if __name__ == "__main__":
    main()
