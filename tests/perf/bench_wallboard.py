"""Benchmark: the wall screen at 4K under a busy floor (issue #5 targets).

Scale: 1,000 agents in 20 groups, 10 queues, the board at 3840×2160 in Chinese
(the default layout's dark theme, pages rotating every 10 s: overview, agents —
1,000 squares span several parts at 4K —, queues, alerts), two long
announcements so the ticker scrolls. The live floor changes at 100 events/s:
each agent in turn (a shuffled pass over the floor) goes ready → ringing
(call_queued + call_offered) → talking → after-call → ready, now and then via a
short break; calls wait in the queues and some are abandoned; an alert is raised
about once a second (at most 30 active, the oldest resolved); a few dozen agents
sit on a long short break, a meal or training from the start (red and amber
squares).

Three runs, each in its own process, each figure printed against its target:

1. Frame paint time (target ≤ 16 ms a frame). The board with ``animate=False``
   on the Qt platform, its clock stepped by hand: for every slot of the rotation
   (``--cycles`` times round) ``--frames`` frames, each one second of the floor
   at --rate events/s folded, ``apply_state`` + ``tick()`` and the repaint that
   ``tick`` asks for, as the event loop delivers it. Every ``paintEvent`` is
   timed (perf_counter around the original). Then the ticker alone: the board's
   own 33 ms ``ticker_timer`` for ``--ticker-seconds`` — its repaints cover only
   the strip. p50/p95/max per page (each part of the agents page apart) and for
   the ticker; also ``tick()`` itself (the page values recomputed every second).
   A paint is "(whole)" when it covers the whole board (a page turn, a stale board)
   and "(changed)" when it covers what changed in a second: on an agents page the
   squares, on the other pages the figures, with the clock and the ticker. A frame
   or tick during which Python ran a full garbage collection is listed with the
   collector's share: the floor this run loads after the app's start is not frozen
   (``gc.freeze``, every 10 s in the app) before its frames, and a full collection of
   it takes 50-80 ms.
2. CPU share of one core of the wallboard process (target ≤ 10 %): the real
   composition, ``WallboardApp(windowed=True)`` with a real ``FloorFeed`` thread
   (default poll settings; LISTEN/NOTIFY on PostgreSQL), the window resized to
   3840×2160, pages rotating every 10 s, the ticker scrolling. A separate writer
   process (this one) appends --rate events/s in batches every 50 ms (--batch-ms)
   and beats the floor host's heartbeat every second, so the board stays fresh.
   getrusage over ``--seconds`` after a warm-up; the GUI thread's and the feed
   thread's own CPU from their thread CPU clocks (``pthread_getcpuclockid``), and
   how the GUI thread's time splits into full paints, ticker repaints and ``tick()``.
3. Memory over a simulated day (target: flat, < 5 % growth from hour 1 to the
   last hour). No database: ``models.sim.simulator`` (as ``seatwatch simulate``)
   plays a 1,000-agent floor (20 groups, 10 queues, day and night shifts from
   local midnight, the default call profile), folded with the reducer; the alert
   rules run every step (``rules.tick``) and a shift leader acknowledges alerts
   after a minute and resolves the ones that do not clear by themselves after ten;
   an announcement is published every 40 minutes for one to three hours (every
   fifth withdrawn early). Every simulated 10 s: ``apply_state``, ``tick()``, the
   page rotated when its time is up, a full repaint and two ticker-only repaints
   (through the event loop, as live), the board's clock on simulated time. RSS
   (/proc/self/statm, after gc.collect()) at every simulated hour, and beside it
   the Python memory reachable from the FloorState and from the board's own
   caches, Python's allocated blocks and the floor's sizes, to tell the floor
   growing from a leak; with 6 hours or more also the least-squares trend.
   Painting 4K every 10 s of a day is about 8,640 frames: the 24 h run takes
   well over five minutes on a 2-core machine, so the default is ``--hours 3``
   (the script prints the time a 24 h run would take); pass ``--hours 24`` for
   the target's figures.

    python tests/perf/bench_wallboard.py [--db URL] [--seconds 60] [--skip-paint]
                                         [--skip-cpu] [--skip-memory] [--hours 3]
                                         [--agents 1000] [--rate 100] [--profile]
    xvfb-run -a -s "-screen 0 3840x2160x24" python tests/perf/bench_wallboard.py --xvfb

The board draws on Qt's ``offscreen`` platform (raster, no X server) by default;
``--xvfb`` uses the X11 (xcb) platform on ``$DISPLAY`` instead — give Xvfb a
3840×2160×24 screen as above. Without --db a scratch PostgreSQL database on
127.0.0.1 (user postgres, trust) is created and dropped; --db may name a
PostgreSQL or SQLite database (the floor is appended to it). ``--profile`` runs
cProfile on the GUI thread over the paint run's frames and over the CPU window
and prints the top functions (the figures of that run include its overhead).
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
from collections import deque
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg  # noqa: E402

from models.db import engine as dbengine  # noqa: E402
from models.db import store  # noqa: E402
from models.domain.types import FloorEvent  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGETS = {"frame_ms": 16.0, "cpu_share": 0.10, "mem_growth": 0.05}
#: local midnight of a Monday in Asia/Shanghai: the simulated day starts here
SIM_START = datetime(2026, 3, 1, 16, 0, tzinfo=UTC)
SIM_STEP_S = 10.0

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
            "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶")
GIVEN = "芳明丽强军敏静磊洋艳勇杰娟涛超秀霞平刚桂英华建国文辉玲红梅宇晨鹏飞"
ANNOUNCEMENTS = (
    "今天下午两点至四点系统升级,升级期间工单系统只读,请各班组提前保存未提交的工单,"
    "来电照常接听,需要建单的来电请先登记在纸质记录表上,升级完成后统一补录",
    "本周起投诉类工单须在通话结束后十五分钟内完成初审,超时的工单会出现在班长台和大屏告警页,"
    "急件请直接呼叫值班班长,不要等待系统升级",
    "春运期间交通类咨询量上升,请熟悉最新的火车票退改签政策和长途客运站的临时时刻表,知识库已更新",
    "提醒:小休请在系统中如实选择原因,每组同时小休不超过两人,超时会在大屏上显示红色",
    "十一点半起分批用餐,每批不超过组内三分之一,请听从班长安排",
)


# ---- the live floor ----------------------------------------------------------------------


def agent_name(i: int) -> str:
    if i % 97 == 5:
        return "欧阳" + GIVEN[i % len(GIVEN)]
    sur = SURNAMES[(i * 7) % len(SURNAMES)]
    given = GIVEN[i % len(GIVEN)] + ("" if i % 3 else GIVEN[(i // 3) % len(GIVEN)])
    return sur + given


class LiveFloor:
    """A floor of ``agents`` changing by the event; events are stamped with the
    caller's clock, so one generator serves the writer (real time) and the paint
    run (a clock stepped by hand)."""

    def __init__(self, agents: int, groups: int, queues: int, seed: int = 1) -> None:
        self.rnd = random.Random(seed)
        self.n, self.groups, self.queues = agents, groups, queues
        self.ids = [f"{10000 + i}" for i in range(agents)]
        # agents parked from the start: long short breaks (red), meals, training
        self.parked = set(range(3, agents, 40)) | set(range(17, agents, 45))
        self.phase = ["ready"] * agents
        self.call: list[str | None] = [None] * agents
        self.order: list[int] = []
        self.waiting: deque[str] = deque()
        self.n_call = 0
        self.alerts: deque[str] = deque()
        self.n_alert = 0
        self.steps = 0
        self._pending: deque[FloorEvent] = deque()

    def setup(self, now: datetime) -> list[FloorEvent]:
        """floor_setup, everyone logged in (20 minutes ago), the parked agents away,
        a shift leader, alerts on the long breaks and two long announcements."""
        past = now - timedelta(minutes=20)
        evs = [FloorEvent("floor_setup", past, {
            "groups": [{"id": f"G{g + 1:02d}", "name": f"{g + 1}班"} for g in range(self.groups)],
            "queues": [{"id": f"Q{q + 1:02d}", "name": f"12345热线{q + 1}"}
                       for q in range(self.queues)],
            "agents": [{"id": aid, "name": agent_name(i), "group": f"G{i % self.groups + 1:02d}"}
                       for i, aid in enumerate(self.ids)]})]
        evs.append(FloorEvent("shift_leader_on_duty", past, {"agent": "L01", "name": "李班长",
                                                              "on": True}))
        evs += [FloorEvent("agent_state", past, {"agent": aid, "state": "ready"})
                for aid in self.ids]
        reasons = ("short_break", "meal", "training", "short_break", "other")
        on_break = []
        for k, i in enumerate(sorted(self.parked)):
            reason = reasons[k % len(reasons)]
            evs.append(FloorEvent("agent_state", past, {"agent": self.ids[i], "state": "away",
                                                        "reason": reason}))
            if reason == "short_break":
                on_break.append(i)
        evs += [self._alert(past + timedelta(minutes=10), "R-BREAK-1", i, "critical")
                for i in on_break]
        evs += [FloorEvent("announcement_published", now, {
            "announcement": f"BENCH-N{k + 1}", "text": ANNOUNCEMENTS[k], "by": "L01",
            "by_name": "李班长", "expires_at": (now + timedelta(days=6)).isoformat()})
            for k in range(2)]
        return evs

    def _alert(self, at: datetime, rule: str, i: int, severity: str) -> FloorEvent:
        self.n_alert += 1
        aid = f"BENCH-A{self.n_alert}"
        self.alerts.append(aid)
        return FloorEvent("alert_raised", at, {
            "alert": aid, "rule": rule, "subject": f"agent:{self.ids[i]}",
            "severity": severity, "raised_at": at.isoformat(), "message": "bench",
            "agent": self.ids[i], "auto_resolve": True})

    def _new_call(self, now: datetime, **extra: Any) -> tuple[str, FloorEvent]:
        self.n_call += 1
        call = f"BENCH-K{self.n_call}"
        q = f"Q{self.rnd.randrange(self.queues) + 1:02d}"
        return call, FloorEvent("call_queued", now, {
            "call": call, "queue": q, "caller": f"138{self.rnd.randrange(10**8):08d}", **extra})

    def take(self, n: int, now: datetime) -> list[FloorEvent]:
        """Exactly the next ``n`` events (a fixed rate); the rest of a step waits for the
        next call (stamped with its ``now``, as a switch would deliver it late)."""
        if len(self._pending) < n:
            self._pending.extend(self.events(n - len(self._pending), now))
        out = [FloorEvent(e.type, now, e.data) for e in
               (self._pending.popleft() for _ in range(n))]
        return out

    def events(self, n: int, now: datetime) -> list[FloorEvent]:
        """At least ``n`` next events, stamped ``now``."""
        out: list[FloorEvent] = []
        rnd = self.rnd
        while len(out) < n:
            if not self.order:
                self.order = [i for i in range(self.n) if i not in self.parked]
                rnd.shuffle(self.order)
            i = self.order.pop()
            aid, ph = self.ids[i], self.phase[i]
            r = rnd.random()
            if ph == "ready":
                if self.waiting and r < 0.5:
                    call = self.waiting.popleft()
                    out.append(FloorEvent("call_answered", now, {"call": call, "agent": aid}))
                    self.call[i], self.phase[i] = call, "talking"
                else:
                    call, e = self._new_call(now)
                    out += [e, FloorEvent("call_offered", now, {"call": call, "agent": aid})]
                    self.call[i], self.phase[i] = call, "ringing"
            elif ph == "ringing":
                out.append(FloorEvent("call_answered", now, {"call": self.call[i], "agent": aid}))
                self.phase[i] = "talking"
            elif ph == "talking":
                out.append(FloorEvent("call_ended", now, {"call": self.call[i]}))
                self.call[i], self.phase[i] = None, "acw"
            elif ph == "acw" and r < 0.06:
                out.append(FloorEvent("agent_state", now, {"agent": aid, "state": "away",
                                                           "reason": "short_break"}))
                self.phase[i] = "break"
            else:
                out.append(FloorEvent("agent_state", now, {"agent": aid, "state": "ready"}))
                self.phase[i] = "ready"
            # the queues: callers who wait, IVR-only calls, abandons
            r = rnd.random()
            if r < 0.12 and len(self.waiting) < 25:
                call, e = self._new_call(now)
                out.append(e)
                self.waiting.append(call)
            elif r < 0.14:
                out.append(self._new_call(now, ivr_only=True)[1])
            elif r < 0.15 and self.waiting:
                out.append(FloorEvent("call_abandoned", now, {"call": self.waiting.popleft()}))
            # about one alert a second at 100 events/s; at most 30 active
            self.steps += 1
            if self.steps % 90 == 0:
                rule, sev = rnd.choice((("R-AWAY-1", "warning"), ("R-ACW-1", "warning"),
                                        ("R-HOLD-1", "warning"), ("R-RING-1", "warning"),
                                        ("R-BREAK-1", "critical"), ("R-SEAT-1", "warning")))
                out.append(self._alert(now, rule, rnd.randrange(self.n), sev))
                if len(self.alerts) > 30:
                    out.append(FloorEvent("alert_resolved", now, {
                        "alert": self.alerts.popleft(), "by": None,
                        "note": "condition cleared"}))
                if rnd.random() < 0.3:
                    out.append(FloorEvent("alert_acknowledged", now, {
                        "alert": rnd.choice(self.alerts), "by": "李班长"}))
        return out


# ---- shared child helpers ------------------------------------------------------------------


def set_platform(xvfb: bool) -> None:
    if xvfb:
        os.environ["QT_QPA_PLATFORM"] = "xcb"
    else:
        # Qt's offscreen platform has an 800×800 screen unless told otherwise: give it
        # the wall's 3840×2160 one, so the window is no larger than its screen
        conf = Path(tempfile.mkdtemp(prefix="sw_bench_screen_")) / "screen.json"
        conf.write_text(json.dumps({"screens": [{
            "name": "wall", "x": 0, "y": 0, "width": 3840, "height": 2160,
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={conf}"
    # as ``seatwatch wallboard`` runs (issue #12 item 1): with the glyph cache raised Qt
    # drew no glyph over 64 px, and the figures counted frames without their text
    os.environ.pop("QT_MAX_CACHED_GLYPH_SIZE", None)
    logging.basicConfig(level=logging.WARNING, format="wallboard: %(levelname)s %(message)s")


def deep_size_mb(root: object) -> float:
    """Python memory reachable from ``root`` (sys.getsizeof over gc referents; classes,
    modules and functions not followed)."""
    import types

    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType)
    seen: set[int] = set()
    stack = [root]
    total = 0
    while stack:
        o = stack.pop()
        if id(o) in seen or isinstance(o, skip):
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        stack.extend(gc.get_referents(o))
    return total / 2**20


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_parts() -> dict[str, float]:
    """Where the resident memory is, in MB: file-backed pages (libraries, the mapped
    font files), and of the C heap (malloc: Qt, and Python's large objects) what is in
    use and what is free but kept (glibc ``mallinfo2``; nan elsewhere)."""
    page = os.sysconf("SC_PAGE_SIZE") / 2**20
    with open("/proc/self/statm") as f:
        fields = f.read().split()
    out = {"file_mb": int(fields[2]) * page, "malloc_used_mb": float("nan"),
           "malloc_free_mb": float("nan")}
    try:
        import ctypes
        import ctypes.util

        class MallInfo2(ctypes.Structure):
            _fields_ = [(n, ctypes.c_size_t) for n in (
                "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                "uordblks", "fordblks", "keepcost")]

        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        libc.mallinfo2.restype = MallInfo2
        m = libc.mallinfo2()
        out["malloc_used_mb"] = (m.uordblks + m.hblkhd) / 2**20
        out["malloc_free_mb"] = m.fordblks / 2**20
    except (OSError, AttributeError):
        pass
    return out


def thread_cpu(ident: int | None) -> float:
    """CPU seconds of one thread of this process (nan when it is gone)."""
    if ident is None:
        return float("nan")
    try:
        return time.clock_gettime(time.pthread_getcpuclockid(ident))
    except (OSError, ProcessLookupError):
        return float("nan")


class PaintLog:
    """Wraps ``WallboardView.paintEvent`` and ``tick`` (class-wide, in this process
    only): the time of each full paint by slot, of each ticker-only repaint, and of
    each tick."""

    def __init__(self, keep: bool = True) -> None:
        self.on = False
        self.keep = keep  # False: count paints by kind, keep no times (the memory run)
        self.counts: dict[str, int] = {}
        self.paints: dict[str, list[float]] = {}
        #: the same paints' CPU time on the GUI thread (a loaded machine stretches the
        #: wall-clock time of a frame, much less its CPU time)
        self.cpu: dict[str, list[float]] = {}
        self.ticks: list[float] = []
        #: the steps that make the next page's pictures before it comes up (on their own
        #: timer, between the seconds)
        self.warm_steps: list[float] = []
        self.count = 0
        #: ticker-strip repaints that went through the full page path (clipped)
        self.ticker_full_path = 0
        #: ticker-strip repaints by the page on screen
        self.ticker_by_slot: dict[str, list[float]] = {}
        #: Python's full garbage collections inside timed paints and ticks: (the paint's
        #: kind or "tick()", its ms, the collections' ms) — a slow frame that is the
        #: collector's, not the painting's
        self.collections: list[tuple[str, float, float]] = []
        self._gc_ms = 0.0
        self._gc_t0 = 0.0

    def install(self) -> None:
        from PySide6.QtCore import QRectF

        from views.wallboard import WallboardView

        orig_paint, orig_tick = WallboardView.paintEvent, WallboardView.tick
        orig_warm = WallboardView._warm_step
        log = self

        def collecting(phase: str, info: dict[str, int]) -> None:
            if info.get("generation") != 2:
                return
            if phase == "start":
                log._gc_t0 = time.perf_counter()
            else:
                log._gc_ms += (time.perf_counter() - log._gc_t0) * 1000.0

        gc.callbacks.append(collecting)

        def paint_event(view: Any, e: Any) -> None:
            drawn = view.drawn
            gc0 = log._gc_ms
            t0, c0 = time.perf_counter(), time.thread_time()
            orig_paint(view, e)
            ms = (time.perf_counter() - t0) * 1000.0
            cpu_ms = (time.thread_time() - c0) * 1000.0
            in_gc = log._gc_ms - gc0
            log.count += 1
            if not log.on:
                return
            # a repaint of the ticker strip alone (what the ticker timer asks for); the
            # board's strip-only path leaves ``drawn`` alone, the full path renews it
            s = view.slot
            slot = s.page if s.parts == 1 else f"{s.page} {s.part + 1}/{s.parts}"
            if QRectF(view.ticker_rect().toAlignedRect()).contains(QRectF(e.rect())):
                kind = "ticker"
                log.ticker_full_path += view.drawn is not drawn
                if log.keep:
                    log.ticker_by_slot.setdefault(slot, []).append(ms)
            else:  # the whole board, or (the agents page each second) what changed
                region = e.region()
                whole = region.rectCount() == 1 and e.rect() == view.rect()
                kind = f"{slot} (whole)" if whole else f"{slot} (changed)"
            log.counts[kind] = log.counts.get(kind, 0) + 1
            if log.keep:
                log.paints.setdefault(kind, []).append(ms)
                log.cpu.setdefault(kind, []).append(cpu_ms)
                if in_gc:
                    log.collections.append((kind, ms, in_gc))

        def timed(orig: Any, into: list[float], label: str) -> Any:
            def run(view: Any) -> None:
                gc0 = log._gc_ms
                t0 = time.perf_counter()
                orig(view)
                if log.on and log.keep:
                    ms = (time.perf_counter() - t0) * 1000.0
                    into.append(ms)
                    if log._gc_ms > gc0:
                        log.collections.append((label, ms, log._gc_ms - gc0))
            return run

        tick = timed(orig_tick, log.ticks, "tick()")
        warm_step = timed(orig_warm, log.warm_steps, "next page's pictures")

        WallboardView.paintEvent = paint_event  # type: ignore[method-assign,assignment]
        WallboardView.tick = tick  # type: ignore[method-assign,assignment]
        WallboardView._warm_step = warm_step  # type: ignore[method-assign,assignment]


def run_warm_steps(app: Any, view: Any) -> None:
    """Let the board make the next page's pictures as the event loop would between two
    seconds: its timer's steps, each when it falls due."""
    while view.warm_timer.isActive():
        time.sleep(max(0, view.warm_timer.remainingTime()) / 1000.0)
        app.processEvents()


def profile_text(profiler: Any, n: int = 20) -> str:
    import io
    import pstats

    buf = io.StringIO()
    st = pstats.Stats(profiler, stream=buf)
    st.sort_stats("tottime").print_stats(n)
    buf.write("\n--- by cumulative time ---\n")
    st.sort_stats("cumulative").print_stats(n)
    return buf.getvalue()


def make_board_app(lang: str) -> Any:
    from console.ui import I18n, qt_app

    app = qt_app(["seatwatch-bench-wallboard"])
    I18n(app).install(lang)
    return app


def wait_exposed(app: Any, view: Any, timeout: float = 10.0) -> None:
    t_end = time.monotonic() + timeout
    while time.monotonic() < t_end:
        app.processEvents()
        h = view.windowHandle()
        if h is not None and h.isExposed():
            break
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def big_numbers_inked(view: Any) -> tuple[int, int]:
    """(big numbers with ink, big numbers) on the overview as the board paints it: a
    frame time counts only frames whose text reached the pixels (issue #12 item 1)."""
    from PySide6.QtGui import QColor

    view.show_page("overview")
    img = view.grab().toImage()
    dpr = img.devicePixelRatio()
    nums = [d for d in view.drawn if d.role.endswith(".value")]
    inked = 0
    for d in nums:
        r = d.rect.toAlignedRect()
        bg = QColor(view.theme.panel)
        ink = total = 0
        for y in range(int(r.top() * dpr), int(r.bottom() * dpr), 2):
            for x in range(int(r.left() * dpr), int(r.right() * dpr), 2):
                c = img.pixelColor(x, y)
                total += 1
                ink += (abs(c.red() - bg.red()) + abs(c.green() - bg.green())
                        + abs(c.blue() - bg.blue())) > 90
        inked += total > 0 and ink / total > 0.05
    return inked, len(nums)


# ---- 1. frame paint time ---------------------------------------------------------------------


def paint_child(q: Any, a: dict[str, Any]) -> None:
    set_platform(a["xvfb"])
    import cProfile

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication

    from console.wallboard_app import start_wallboard
    from models.domain.floor import apply, apply_all, initial_state
    from models.domain.wallboard_layout import parse

    plog = PaintLog()
    plog.install()
    clock = Clock(datetime.now(UTC).replace(microsecond=0))
    floor = LiveFloor(a["agents"], a["groups"], a["queues"])
    state = apply_all(initial_state(), floor.setup(clock.t))
    layout = parse({"rotate_s": a["rotate"]})
    # the wall as ``seatwatch wallboard --windowed`` starts it (application, settings,
    # language, theme, feed, window), on a scratch SQLite floor; then its feed and timers
    # are stopped and the board is driven by hand on a stepped clock
    scratch = Path(tempfile.mkdtemp(prefix="sw-bench-wall-")) / "floor.db"
    engine = dbengine.make_engine(f"sqlite:///{scratch}")
    dbengine.upgrade(engine)
    board = start_wallboard(engine, layout, windowed=True)
    app, view = board.app, board.view
    board.stop()
    from tests.perf import machine

    speed = machine.line()
    view.animate = False
    view.now = clock
    view.resize(*a["size"])
    wait_exposed(app, view)
    out = Path(a["out"])
    out.mkdir(parents=True, exist_ok=True)
    saved: list[str] = []
    view.apply_state(state, clock.t)
    app.processEvents()
    per_frame = max(1, round(a["rate"]))
    profiler = cProfile.Profile() if a["profile"] else None
    slots_seen: list[str] = []
    frames = missed = 0
    for _cycle in range(a["cycles"]):
        for slot in view.slots():
            view.show_page(slot.page, slot.part)
            slots_seen.append(f"{slot.page} {slot.part + 1}/{slot.parts}")
            for _f in range(a["frames"]):
                for e in floor.take(per_frame, clock.t):
                    state = apply(state, e)
                view.apply_state(state, clock.t)
                clock.t += timedelta(seconds=1)
                before = plog.count
                plog.on = True
                if profiler is not None:
                    profiler.enable()
                view.tick()  # asks for the repaint, which the event loop delivers
                app.processEvents()
                if profiler is not None:
                    profiler.disable()
                frames += 1
                missed += plog.count == before
                run_warm_steps(app, view)  # timed on their own, as "next page's pictures"
                plog.on = False
            if _cycle == 0:  # the frame just timed, as it was drawn: numbers and all
                png = out / f"wall-{slot.page}-{slot.part + 1}of{slot.parts}.png"
                view.grab().save(str(png))
                saved.append(str(png))
    # the ticker on its own timer, as live, over each slot of the rotation in turn: only
    # the strip repaints
    overflows = view._ticker_overflows()
    ticker_wall = 0.0
    slots = view.slots()
    for slot in slots:
        view.show_page(slot.page, slot.part)
        app.processEvents()
        plog.on = True
        view.ticker_timer.start(33)
        loop = QEventLoop()
        QTimer.singleShot(int(a["ticker_seconds"] * 1000 / len(slots)), loop.quit)
        t0 = time.monotonic()
        loop.exec()
        ticker_wall += time.monotonic() - t0
        view.ticker_timer.stop()
        plog.on = False
        app.processEvents()
    cells = view._n_cells
    screen = app.primaryScreen().geometry()
    inked = big_numbers_inked(view)
    engine.dispose()
    q.put({"platform": QGuiApplication.platformName(), "window": (view.width(), view.height()),
           "inked": inked, "saved": saved, "machine": speed,
           "screen": (screen.width(), screen.height()), "paints": plog.paints,
           "paint_cpu": plog.cpu, "ticks": plog.ticks, "ticker_full_path": plog.ticker_full_path,
           "warm_steps": plog.warm_steps,
           "collections": plog.collections,
           "ticker_by_slot": plog.ticker_by_slot, "frames": frames, "frames_unpainted": missed,
           "slots": list(dict.fromkeys(slots_seen)), "cells": cells,
           "ticker_overflows": overflows, "ticker_wall": ticker_wall,
           "overflow_texts": len(view.overflow),
           "profile": profile_text(profiler) if profiler is not None else ""})


class Clock:
    def __init__(self, t: datetime) -> None:
        self.t = t

    def __call__(self) -> datetime:
        return self.t


def run_paint(a: dict[str, Any]) -> dict[str, Any]:
    return in_child(paint_child, a, timeout=1800)


def in_child(fn: Any, a: dict[str, Any], timeout: float) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=fn, args=(q, a))
    p.start()
    try:
        t_end = time.monotonic() + timeout
        while True:
            with contextlib.suppress(queue.Empty):
                r: dict[str, Any] = q.get(timeout=1.0)
                break
            if not p.is_alive():
                with contextlib.suppress(queue.Empty):
                    r = q.get(timeout=2.0)
                    break
                raise SystemExit(f"{fn.__name__} sent no figures (exit code {p.exitcode})")
            if time.monotonic() > t_end:
                raise SystemExit(f"{fn.__name__} took longer than {timeout:.0f} s")
        p.join(30)
    finally:
        if p.is_alive():
            p.terminate()
            p.join(10)
    return r


# ---- 2. CPU share with the real feed ---------------------------------------------------------


def cpu_child(url: str, a: dict[str, Any], q: Any, ready: Any, start_at: Any) -> None:
    set_platform(a["xvfb"])
    import cProfile

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    from console.feed import FloorFeed
    from console.wallboard_app import start_wallboard
    from models.domain.wallboard_layout import parse

    plog = PaintLog()
    plog.install()
    engine = dbengine.make_engine(url)
    layout = parse({"rotate_s": a["rotate"]})
    feed = FloorFeed(url, stale_after_s=layout.stale_after_s)
    # as ``seatwatch wallboard --windowed`` starts it; the window shows at 1280×720
    board = start_wallboard(engine, layout, windowed=True, feed=feed)
    app = board.app
    view = board.view
    view.resize(*a["size"])
    pages: list[str] = []
    view.page_changed.connect(lambda page, part: pages.append(f"{page} {part + 1}"))
    profiler = cProfile.Profile() if a["profile"] else None
    marks: dict[str, Any] = {}
    stale_ticks = [0, 0]  # (stale, all) tick() calls in the window

    def count_stale() -> None:
        if plog.on:
            stale_ticks[0] += bool(view.stale)
            stale_ticks[1] += 1

    view.tick_timer.timeout.connect(count_stale)

    def finish() -> None:
        if profiler is not None:
            profiler.disable()
        r1, w1 = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        gui1, feed1 = thread_cpu(marks["gui"]), thread_cpu(marks["feed"])
        plog.on = False
        r0, w0 = marks["r0"], marks["w0"]
        wall = w1 - w0
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        screen = app.primaryScreen().geometry()
        inked = big_numbers_inked(view)
        q.put({"platform": QGuiApplication.platformName(), "inked": inked,
               "window": (view.width(), view.height()),
               "screen": (screen.width(), screen.height()), "wall": wall,
               "cpu_share": cpu / wall, "cpu_user_s": r1.ru_utime - r0.ru_utime,
               "cpu_sys_s": r1.ru_stime - r0.ru_stime,
               "gui_share": (gui1 - marks["gui_cpu"]) / wall,
               "feed_share": (feed1 - marks["feed_cpu"]) / wall,
               "feed_restarted": feed._thread is None or feed._thread.ident != marks["feed"],
               "paints": plog.paints, "ticks": plog.ticks, "pages": pages,
               "ticker_full_path": plog.ticker_full_path,
               "ticker_by_slot": plog.ticker_by_slot,
               "stale_ticks": tuple(stale_ticks), "rss_mb": rss_mb(),
               "parts": {**memory_parts(), "pictures_mb": view.text_cache.bytes / 2**20,
                         "python_mb": sys.getallocatedblocks() * 64 / 2**20},
               "maxrss_mb": r1.ru_maxrss / 1024, "feed_ticks": feed.ticks - marks["feed_ticks"],
               "ticker_running": view.ticker_timer.isActive(),
               "cells": view._n_cells,
               "profile": profile_text(profiler) if profiler is not None else ""})
        app.quit()

    def begin() -> None:
        plog.on = True
        pages.clear()
        marks["gui"] = threading.main_thread().ident
        marks["feed"] = feed._thread.ident if feed._thread is not None else None
        marks["gui_cpu"], marks["feed_cpu"] = thread_cpu(marks["gui"]), thread_cpu(marks["feed"])
        marks["feed_ticks"] = feed.ticks
        marks["r0"], marks["w0"] = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        QTimer.singleShot(int(a["seconds"] * 1000), finish)
        if profiler is not None:
            profiler.enable()

    gate = QTimer()
    gate.setInterval(50)

    def poll_gate() -> None:
        # ready once the whole floor is on the board, fresh, at full size
        if (not ready.is_set() and view.state is not None and not view.stale
                and view.width() == a["size"][0] and plog.count > 0):
            ready.set()
        if ready.is_set() and start_at.is_set():
            gate.stop()
            begin()

    gate.timeout.connect(poll_gate)
    gate.start()
    app.exec()
    board.stop()
    engine.dispose()


def run_cpu(url: str, a: dict[str, Any]) -> dict[str, Any]:
    eng = dbengine.make_engine(url)
    dbengine.upgrade(eng)
    floor = LiveFloor(a["agents"], a["groups"], a["queues"], seed=2)
    w = store.FloorWriter(eng, "bench")
    res = w.append(floor.setup(datetime.now(UTC)), force_checkpoint=True)
    if res.rejected:
        raise SystemExit(f"the floor setup was refused: {res.rejected[0]}")
    started = datetime.now(UTC)
    stop = threading.Event()

    def beat() -> None:
        while not stop.is_set():
            store.beat(eng, "bench", "bench", os.getpid(), started)
            stop.wait(1.0)

    threading.Thread(target=beat, daemon=True).start()
    ctx = mp.get_context("spawn")
    q, ready, start_at = ctx.Queue(), ctx.Event(), ctx.Event()
    proc = ctx.Process(target=cpu_child, args=(url, a, q, ready, start_at))
    proc.start()
    rejected = 0
    try:
        if not ready.wait(120):
            raise SystemExit("the wallboard did not show a fresh floor within 120 s")
        period = a["batch_ms"] / 1000.0
        per_batch = max(1, round(a["rate"] * period))
        written = written_in_window = 0
        append_ms: list[float] = []
        result: dict[str, Any] | None = None
        t0 = time.monotonic()
        deadline = t0 + a["warmup"] + a["seconds"] + 120.0
        nxt = t0
        while result is None:
            if time.monotonic() > deadline or not proc.is_alive():
                with contextlib.suppress(queue.Empty):
                    result = q.get(timeout=2.0)
                if result is not None:
                    break
                raise SystemExit(f"the wallboard sent no figures (exit code {proc.exitcode})")
            batch = floor.take(per_batch, datetime.now(UTC))
            a0 = time.perf_counter()
            res = w.append(batch)
            append_ms.append((time.perf_counter() - a0) * 1000)
            rejected += len(res.rejected)
            written += len(batch)
            if start_at.is_set():
                written_in_window += len(batch)
            elif time.monotonic() - t0 >= a["warmup"]:
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
    result.update(events_per_s=written_in_window / result["wall"], written=written,
                  rejected=rejected, append_ms_p95=pct(append_ms, 95))
    return result


# ---- 3. memory over a simulated day ------------------------------------------------------------


def memory_child(q: Any, a: dict[str, Any]) -> None:
    set_platform(a["xvfb"])
    from PySide6.QtGui import QGuiApplication

    from models.domain import rules
    from models.domain.floor import apply, initial_state
    from models.domain.wallboard_layout import parse
    from models.sim.simulator import SimConfig, Simulator
    from views.wallboard import WallboardView

    plog = PaintLog(keep=False)
    plog.install()
    plog.on = True
    app = make_board_app("zh_CN")
    t_wall0 = time.monotonic()
    cfg = SimConfig(agents=a["agents"], groups=a["groups"],
                    queues=tuple((f"Q{i + 1:02d}", f"12345热线{i + 1}")
                                 for i in range(a["queues"])),
                    queue_shares=None, seed=1, start=SIM_START)
    sim = Simulator(cfg)
    clock = Clock(SIM_START)
    layout = parse({"rotate_s": a["rotate"]})
    view = WallboardView(layout, clock, animate=False)
    view.resize(*a["size"])
    view.show()
    wait_exposed(app, view)
    state = initial_state()
    leader = "L01"
    rnd = random.Random(5)
    step = timedelta(seconds=SIM_STEP_S)
    steps_per_hour = int(3600 / SIM_STEP_S)
    next_ann = SIM_START + timedelta(minutes=20)
    n_ann = 0
    withdraw: list[tuple[datetime, str]] = []
    shown_since = SIM_START
    n_events = n_alert_events = n_leader = 0
    parts = {"sim": 0.0, "rules": 0.0, "board": 0.0}
    series: list[dict[str, Any]] = []

    def fold(evs: list[FloorEvent]) -> None:
        nonlocal state
        for e in evs:
            state = apply(state, e)

    def reading(hour: int) -> dict[str, Any]:
        gc.collect()
        return {"hour": hour, "rss_mb": rss_mb(), **memory_parts(),
                "fonts": len(getattr(view.fitter, "_fonts", ())),
                "objects": len(gc.get_objects()),
                "py_blocks": sys.getallocatedblocks(), "state_mb": deep_size_mb(state),
                "board_py_mb": deep_size_mb((view._values, view.drawn, view.overflow,
                                             view.fitter._cache, view._ticker_items)),
                "logged_in": sum(1 for s in state.status.values()
                                 if s.state.value != "logged_out"),
                "calls": len(state.calls), "tickets": len(state.tickets),
                "alerts": len(state.alerts), "resolved_alerts": len(state.resolved_alerts),
                "announcements": len(state.announcements), "kpi": len(state.kpi),
                "fit_cache": len(view.fitter._cache), "drawn": len(view.drawn),
                "paints": plog.count, "wall_s": time.monotonic() - t_wall0}

    fold(sim.setup_events())
    view.apply_state(state, clock.t)
    app.processEvents()
    series.append(reading(0))
    for hour in range(1, a["hours"] + 1):
        for _ in range(steps_per_hour):
            clock.t += step
            t = clock.t
            t0 = time.perf_counter()
            evs = sim.advance(t)
            # the shift leader and the announcements
            for al in list(state.alerts.values()):
                age = (t - al.raised_at).total_seconds()
                if not al.auto_resolve and age > 600:
                    evs.append(FloorEvent("alert_resolved", t, {"alert": al.id, "by": leader,
                                                                "note": "handled"}))
                    n_leader += 1
                elif al.acknowledged_by is None and age > 60:
                    evs.append(FloorEvent("alert_acknowledged", t, {"alert": al.id,
                                                                    "by": leader}))
                    n_leader += 1
            if t >= next_ann:
                n_ann += 1
                aid = f"SIM-N{n_ann}"
                evs.append(FloorEvent("announcement_published", t, {
                    "announcement": aid, "text": ANNOUNCEMENTS[n_ann % len(ANNOUNCEMENTS)]
                    + f"(第{n_ann}号)", "by": leader, "by_name": "李班长",
                    "expires_at": (t + timedelta(minutes=rnd.uniform(60, 180))).isoformat()}))
                if n_ann % 5 == 0:
                    withdraw.append((t + timedelta(minutes=20), aid))
                next_ann = t + timedelta(minutes=40)
            for when, aid in list(withdraw):
                if t >= when:
                    withdraw.remove((when, aid))
                    if aid in state.announcements and state.announcements[aid].expires_at > t:
                        evs.append(FloorEvent("announcement_withdrawn", t, {"announcement": aid,
                                                                            "by": leader}))
            fold(evs)
            t1 = time.perf_counter()
            got, _deadline = rules.tick(state, t)
            fold(got)
            if state.peak_level() != sim.peak_level:
                sim.set_peak_level(state.peak_level())
            n_events += len(evs) + len(got)
            n_alert_events += len(got)
            t2 = time.perf_counter()
            # the board: the newest floor, the second's refresh, the rotation, the ticker
            view.apply_state(state, t)
            if (t - shown_since).total_seconds() >= layout.seconds(view.current_page):
                view.advance()
                shown_since = t
            view.tick()
            app.processEvents()  # the full repaint tick() asked for
            run_warm_steps(app, view)  # the next page's pictures, in the last seconds
            for _k in range(2):
                view._scroll()  # the ticker timer's slot: repaints the strip only
                app.processEvents()
            t3 = time.perf_counter()
            parts["sim"] += t1 - t0
            parts["rules"] += t2 - t1
            parts["board"] += t3 - t2
        series.append(reading(hour))
        print(f"   memory: simulated hour {hour}/{a['hours']}: RSS {series[-1]['rss_mb']:.1f} MB, "
              f"{series[-1]['logged_in']} logged in, {series[-1]['wall_s']:.0f} s wall",
              flush=True)
    q.put({"platform": QGuiApplication.platformName(), "window": (view.width(), view.height()),
           "series": series, "events": n_events, "rule_events": n_alert_events,
           "leader_events": n_leader, "announcements": n_ann, "parts": parts,
           "full_paints": sum(n for k, n in plog.counts.items() if k != "ticker"),
           "ticker_paints": plog.counts.get("ticker", 0),
           "ticker_full_path": plog.ticker_full_path,
           "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           "wall": time.monotonic() - t_wall0})


def run_memory(a: dict[str, Any]) -> dict[str, Any]:
    return in_child(memory_child, a, timeout=3 * 3600)


# ---- report -------------------------------------------------------------------------------------


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(p / 100 * len(s)))] if s else float("nan")


def load_text() -> str:
    """The machine's load average (1, 5, 15 min): frame times on a shared machine mean
    little without it."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def kinds_in_order(paints: dict[str, list[float]]) -> list[str]:
    order = {"overview": 0, "agents": 1, "queues": 2, "alerts": 3, "ticker": 4}
    return sorted(paints, key=lambda k: (order.get(k.split()[0], 9), k))


def paint_lines(paints: dict[str, list[float]], indent: str, ticker_full_path: int,
                ticker_by_slot: dict[str, list[float]]) -> list[str]:
    target = TARGETS["frame_ms"]
    out = []
    for k in kinds_in_order(paints):
        xs = paints[k]
        label = "ticker strip repaint" if k == "ticker" else k
        out.append(f"{indent}{label:<26} p50 {pct(xs, 50):6.1f}  p95 {pct(xs, 95):6.1f}  "
                   f"max {max(xs):6.1f} ms  ({len(xs)} frames)  target p95 ≤ {target:.0f} ms "
                   f"{verdict(pct(xs, 95) <= target)}")
        if "(whole)" in k and len(xs) <= 12:  # a page turn a round: each one, in order
            out.append(f"{indent}   each, round by round: "
                       + " ".join(f"{x:.1f}" for x in xs) + " ms")
        if k == "ticker" and ticker_full_path:
            out.append(f"{indent}   {ticker_full_path} of these {len(xs)} strip repaints went "
                       f"through the full page path (clipped to the strip), not the board's "
                       f"strip-only path")
        if k == "ticker" and len(ticker_by_slot) > 1:
            out.append(f"{indent}   strip repaints p50/max by the page under them: " + ", ".join(
                f"{p} {pct(ticker_by_slot[p], 50):.1f}/{max(ticker_by_slot[p]):.1f}"
                for p in kinds_in_order(ticker_by_slot)) + " ms")
    return out


def check_text(r: dict[str, Any]) -> None:
    inked, n = r["inked"]
    print(f"   big numbers drawn with ink on the overview: {inked} of {n}", flush=True)
    if n == 0 or inked < n:
        raise SystemExit("the board drew big numbers without ink: these figures would count "
                         "frames without their text (is QT_MAX_CACHED_GLYPH_SIZE raised?)")


def report_paint(r: dict[str, Any], a: dict[str, Any]) -> None:
    print(r["machine"])
    print(f"1. frame paint time: {a['agents']} agents / {a['groups']} groups / {a['queues']} "
          f"queues at {a['rate']:.0f} events/s (one second of events before each frame); "
          f"platform {r['platform']}, window {r['window'][0]}×{r['window'][1]} on a "
          f"{r['screen'][0]}×{r['screen'][1]} screen")
    print(f"   rotation: {', '.join(r['slots'])}; {r['cells']} agent squares; {r['frames']} "
          f"frames ({r['frames_unpainted']} without a repaint), ticker "
          f"{'scrolls' if r['ticker_overflows'] else 'does NOT scroll'} "
          f"({r['ticker_wall']:.1f} s on its 33 ms timer); {r['overflow_texts']} texts elided")
    check_text(r)
    print(f"   the timed frames, one per slot: {', '.join(r['saved'])}")
    for line in paint_lines(r["paints"], "   ", r["ticker_full_path"], r["ticker_by_slot"]):
        print(line)
    print("   the same frames' CPU time on the GUI thread (less stretched by a loaded machine):")
    for k in kinds_in_order(r["paint_cpu"]):
        xs = r["paint_cpu"][k]
        label = "ticker strip repaint" if k == "ticker" else k
        print(f"      {label:<26} p50 {pct(xs, 50):6.1f}  p95 {pct(xs, 95):6.1f}  "
              f"max {max(xs):6.1f} ms CPU")
    full = [x for k, v in r["paints"].items() if k != "ticker" for x in v]
    print(f"   all page frames (whole and changed) p50 {pct(full, 50):.1f} / p95 {pct(full, 95):.1f} / max "
          f"{max(full, default=float('nan')):.1f} ms; tick() (page values, once a second) p50 "
          f"{pct(r['ticks'], 50):.1f} / p95 {pct(r['ticks'], 95):.1f} / max "
          f"{max(r['ticks'], default=float('nan')):.1f} ms", flush=True)
    ws = r["warm_steps"]
    if ws:
        print(f"   the next page's pictures, made in the last seconds before a page turn: "
              f"{len(ws)} steps, p50 {pct(ws, 50):.1f} / p95 {pct(ws, 95):.1f} / max "
              f"{max(ws):.1f} ms a step (the event loop runs between them)", flush=True)
    gcs = r["collections"]
    print(f"   full garbage collections inside timed frames and ticks: {len(gcs)}"
          + "".join(f"; {kind} {ms:.1f} ms, of which the collector {in_gc:.1f} ms"
                    for kind, ms, in_gc in gcs), flush=True)
    if r["profile"]:
        print("\n   GUI thread profile over the frames (cProfile; tick + paint):")
        print(r["profile"], flush=True)


def report_cpu(r: dict[str, Any], a: dict[str, Any]) -> None:
    wall = r["wall"]
    paints = r["paints"]
    full_ms = sum(x for k, v in paints.items() if k != "ticker" for x in v)
    ticker = paints.get("ticker", [])
    n_full = sum(len(v) for k, v in paints.items() if k != "ticker")
    print(f"2. CPU share: {a['agents']} agents at {r['events_per_s']:.0f} events/s written by "
          f"a writer process in batches every {a['batch_ms']:g} ms (append p95 "
          f"{r['append_ms_p95']:.1f} ms"
          + (f", {r['rejected']} events REFUSED" if r["rejected"] else "")
          + f"), real FloorFeed ({r['feed_ticks']} feed ticks), {wall:.1f} s measured")
    print(f"   platform {r['platform']}, window {r['window'][0]}×{r['window'][1]} on a "
          f"{r['screen'][0]}×{r['screen'][1]} screen, {r['cells']} agent squares; pages shown: "
          f"{', '.join(r['pages']) or '-'}; ticker "
          f"{'scrolling' if r['ticker_running'] else 'NOT scrolling'}; stale at "
          f"{r['stale_ticks'][0]} of {r['stale_ticks'][1]} ticks")
    check_text(r)
    print(f"   CPU {r['cpu_share']:.1%} of a core (user {r['cpu_user_s']:.2f} s, sys "
          f"{r['cpu_sys_s']:.2f} s) (target ≤ {TARGETS['cpu_share']:.0%}) "
          f"{verdict(r['cpu_share'] <= TARGETS['cpu_share'])}")
    other = r["cpu_share"] - r["gui_share"] - r["feed_share"]
    print(f"   by thread: GUI {r['gui_share']:.1%}, feed {r['feed_share']:.1%}"
          + (" (the feed thread was restarted: its share is partial)" if r["feed_restarted"]
             else "")
          + f", other threads {other:.1%}")
    print(f"   GUI thread per second: {n_full / wall:.1f} page paints = {full_ms / wall:.0f} ms, "
          f"{len(ticker) / wall:.1f} ticker repaints = {sum(ticker) / wall:.0f} ms, "
          f"tick() {len(r['ticks']) / wall:.1f}× = {sum(r['ticks']) / wall:.0f} ms")
    for line in paint_lines(paints, "      ", r["ticker_full_path"], r["ticker_by_slot"]):
        print(line)
    m = r["parts"]
    print(f"   resident memory {r['rss_mb']:.0f} MB at the end, peak {r['maxrss_mb']:.0f} MB: "
          f"{m['file_mb']:.0f} MB file-backed (libraries, fonts), C heap in use "
          f"{m['malloc_used_mb']:.0f} MB and free but kept {m['malloc_free_mb']:.0f} MB, "
          f"of which the text cache's pictures {m['pictures_mb']:.0f} MB; Python's blocks "
          f"≈ {m['python_mb']:.0f} MB (64 bytes each, an estimate)", flush=True)
    if r["profile"]:
        print("\n   GUI thread profile over the CPU window (cProfile):")
        print(r["profile"], flush=True)


def report_memory(r: dict[str, Any], a: dict[str, Any]) -> None:
    s = r["series"]
    hours = a["hours"]
    per_hour = (r["wall"]) / max(1, hours)
    print(f"3. memory over {hours} simulated hour(s): {a['agents']} agents / {a['groups']} "
          f"groups / {a['queues']} queues from local 00:00 (simulator + alert rules + shift "
          f"leader + {r['announcements']} announcements), {r['events']:,} events "
          f"({r['rule_events']:,} from the rules, {r['leader_events']:,} from the leader); "
          f"board {r['window'][0]}×{r['window'][1]} on {r['platform']}, {r['full_paints']:,} "
          f"full paints and {r['ticker_paints']:,} ticker-strip repaints "
          f"({r['ticker_full_path']:,} through the full page path); {r['wall']:.0f} s wall "
          f"(simulator+fold {r['parts']['sim']:.0f} s, rules "
          f"{r['parts']['rules']:.0f} s, board {r['parts']['board']:.0f} s)")
    if hours < 24:
        print(f"   NOTE: {hours} h only (--hours 24 for the target); at this pace 24 h take "
              f"{per_hour * 24 / 60:.0f} min, and the day's hours (more agents on the board, "
              f"more calls and alerts) run about three times slower than the night's: "
              f"expect roughly twice that")
    print("   hour  RSS MB  file  malloc used/free  state  board py  py blocks  gc objects  "
          "fonts  logged in  calls  tickets  alerts  resolved  ann.  fit cache")
    for x in s:
        print(f"   {x['hour']:>4}  {x['rss_mb']:6.1f}  {x['file_mb']:4.0f}  "
              f"{x['malloc_used_mb']:6.1f}/{x['malloc_free_mb']:5.1f}     "
              f"{x['state_mb']:5.1f}  {x['board_py_mb']:8.1f}  {x['py_blocks']:>9,}  "
              f"{x['objects']:>10,}  {x['fonts']:>5}  {x['logged_in']:>9}  {x['calls']:>5}  "
              f"{x['tickets']:>7}  {x['alerts']:>6}  {x['resolved_alerts']:>8}  "
              f"{x['announcements']:>4}  {x['fit_cache']:>9,}")
    print("   (MB. file: file-backed resident pages — libraries, mapped fonts; malloc: the C "
          "heap in use / free but kept; state: Python memory reachable from the FloorState "
          "the board holds; board py: its page values, drawn-text records and text-fit "
          "cache; fonts: QFonts the board's fitter keeps; Qt's own memory — font engines, "
          "glyph caches, pixmaps, the backing store — is in the C heap)")
    if hours >= 2:
        warm = s[1]["rss_mb"]
        last = s[-1]["rss_mb"]
        rss = [x["rss_mb"] for x in s[1:]]
        growth = (last - warm) / warm
        print(f"   RSS hour 1 (warm) {warm:.1f} MB → hour {hours} {last:.1f} MB: growth "
              f"{growth:+.1%} (min {min(rss):.1f}, max {max(rss):.1f}, median "
              f"{statistics.median(rss):.1f} MB; peak RSS {r['maxrss_mb']:.0f} MB) "
              f"(target < {TARGETS['mem_growth']:.0%}"
              + ("" if hours >= 24 else f", measured over {hours} h, not 24") + ") "
              f"{verdict(growth < TARGETS['mem_growth'])}", flush=True)
        if hours >= 6:
            # RSS swings by several percent from hour to hour (allocator, Qt caches, the
            # floor's day): the trend over all hours, and first vs last three hours
            xs = [x["hour"] for x in s[1:]]
            slope = statistics.linear_regression(xs, rss).slope
            first, last3 = statistics.median(rss[:3]), statistics.median(rss[-3:])
            print(f"   trend: least-squares slope {slope:+.2f} MB/h ({slope * (hours - 1) / warm:+.1%} "
                  f"over {hours - 1} h); median of hours 1–3 {first:.1f} MB → of hours "
                  f"{hours - 2}–{hours} {last3:.1f} MB ({(last3 - first) / first:+.1%})",
                  flush=True)
    else:
        print("   (--hours 1: no growth figure; the series starts at the warm hour 1)")


# ---- main ---------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="use this database for the CPU run instead of a scratch one")
    ap.add_argument("--agents", type=int, default=1000)
    ap.add_argument("--groups", type=int, default=20)
    ap.add_argument("--queues", type=int, default=10)
    ap.add_argument("--rate", type=float, default=100.0, help="events per second")
    ap.add_argument("--size", default="3840x2160", help="board size WxH")
    ap.add_argument("--rotate", type=float, default=10.0, help="seconds per page")
    ap.add_argument("--seconds", type=float, default=60.0, help="CPU measurement window")
    ap.add_argument("--warmup", type=float, default=5.0,
                    help="seconds of writing before the CPU window opens")
    ap.add_argument("--batch-ms", type=float, default=50.0,
                    help="CPU run: the writer appends a batch this often (each wakes the feed)")
    ap.add_argument("--frames", type=int, default=10,
                    help="paint run: frames per slot of the rotation per cycle")
    ap.add_argument("--cycles", type=int, default=3, help="paint run: times round the rotation")
    ap.add_argument("--ticker-seconds", type=float, default=14.0,
                    help="paint run: seconds of ticker-only repaints (over all slots)")
    ap.add_argument("--hours", type=int, default=3,
                    help="memory run: simulated hours (24 for the target's figure)")
    ap.add_argument("--skip-paint", action="store_true")
    ap.add_argument("--skip-cpu", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--xvfb", action="store_true",
                    help="draw on the X server at $DISPLAY (xcb) instead of offscreen")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "out"),
                    help="paint run: where the timed frames are saved as PNG")
    ap.add_argument("--profile", action="store_true",
                    help="cProfile the GUI thread (paint frames, CPU window); print the top 20")
    args = ap.parse_args()
    if args.xvfb and not os.environ.get("DISPLAY"):
        ap.error("--xvfb needs an X server: xvfb-run -a -s '-screen 0 3840x2160x24' "
                 "python tests/perf/bench_wallboard.py --xvfb")
    try:
        w, h = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        ap.error(f"--size: WxH, not {args.size!r}")
    a = {k: getattr(args, k) for k in ("agents", "groups", "queues", "rate", "rotate",
                                         "seconds", "warmup", "batch_ms", "frames", "cycles",
                                         "ticker_seconds", "hours", "xvfb", "profile", "out")}
    a["size"] = (w, h)
    print(f"wallboard benchmark: {args.agents} agents, board {w}×{h}, "
          f"{'xcb on ' + os.environ.get('DISPLAY', '') if args.xvfb else 'offscreen'} "
          f"platform, pages every {args.rotate:g} s", flush=True)
    print(f"   before: {load_text()}", flush=True)
    if not args.skip_paint:
        report_paint(run_paint(a), a)
        print(f"   after the paint run: {load_text()}", flush=True)
    if not args.skip_cpu:
        name = None
        url = args.db
        if url is None:
            name = f"sw_bench_wallboard_{os.getpid()}"
            with psycopg.connect(ADMIN, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                c.execute(f'CREATE DATABASE "{name}"')
            url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        try:
            r = run_cpu(url, a)
        finally:
            if name:
                with psycopg.connect(ADMIN, autocommit=True) as c:
                    c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        report_cpu(r, a)
        print(f"   after the CPU run: {load_text()}", flush=True)
    if not args.skip_memory:
        report_memory(run_memory(a), a)
        print(f"   after the memory run: {load_text()}", flush=True)


if __name__ == "__main__":
    main()
