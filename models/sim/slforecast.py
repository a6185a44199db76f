"""The live service-level forecast for the shift leader (issue #17) — pure.

In models.sim beside the maths it is built on (models.domain may not import models.sim).

For each queue: the current 15-minute interval's service level so far (the KPI's,
``models.domain.kpi.service_level``: answered within T ÷ answered + abandoned, short
abandons left out as the policy says) and its projection at the interval's end, from
the floor as the reducer holds it now: the callers waiting (and ringing), the calls
that reached the queue in the last 15 minutes, and the agents on the phones, ready
or about to be free. The maths is :func:`models.sim.staffing.project_sl` (Erlang C's
assumptions, started from the floor as it is, not its steady state).

The floor routes every queue's calls to one pool of agents in one FIFO (the floor
setup maps no agent to a queue), so the pool is projected once: ``p``, the expected
share of the calls still open in this interval (waiting now or still to come, over
all queues) that will be answered within T. A queue's projection is its own figures
so far plus ``p`` of its own open calls:

    projected(q) = (answered_in_sl(q) + p·open(q)) ÷ (sl_calls(q) + open(q))

With one queue this is ``project_sl`` exactly. "N more agents would hold it": the
fewest agents added to the pool, ready now, whose ``p`` lifts the queue's
projection to the target — ``project_sl`` asked for the share ``p`` must reach.

Cost: one projection of the pool, plus one search per queue under target, the
searches sharing the pool's projections by number of extra agents (one search's
worth in all; a projection of a 2,000-agent floor near capacity costs about 0.1 s,
one far under capacity nothing) — so the views call :class:`LiveForecast`, which
recomputes at most once a second whatever the number of events, and less often
when a computation is dear, so that it keeps to its share of a core.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from models.domain import kpi
from models.domain.floor import ARRIVALS_KEPT, FLOOR, FloorState, interval_period
from models.domain.kpi import KpiCounts
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.types import AgentState, CallState
from models.sim.staffing import project_sl

#: the handle time assumed before any call of the day has ended (seconds)
DEFAULT_AHT_S = 300.0
#: agents taking calls (the pool): ready, ringing, on a call, in after-call work
_ON_PHONES = frozenset({AgentState.READY, AgentState.RINGING, AgentState.TALKING,
                        AgentState.HOLD, AgentState.AFTER_CALL})
#: ready now or about to be: ready, rung by a call (answering it), in after-call work
_FREE_SOON = frozenset({AgentState.READY, AgentState.RINGING, AgentState.AFTER_CALL})

#: the hint of a queue whose projection falls under target (views translate it)
MORE_AGENTS = QT_TRANSLATE_NOOP("SlForecast", "{n} more agents would hold it")
NO_AGENTS = QT_TRANSLATE_NOOP("SlForecast", "Too many calls are already lost: no number "
                                            "of agents can hold it")
#: the hint of a queue whose warning is held though its projection is back at target
RECOVERING = QT_TRANSLATE_NOOP("SlForecast", "The warning clears once the forecast holds "
                                             "for a minute")


@dataclass(frozen=True, slots=True)
class PoolInputs:
    """What the forecast reads from the floor for the pool of agents."""

    interval: datetime  # start of the current interval (UTC)
    elapsed_s: float
    remaining_s: float
    waits_s: tuple[float, ...]  # every caller waiting or ringing, all queues, longest first
    arrivals_last_15min: int  # calls that reached any queue (IVR-only left out)
    agents: int  # on the phones: ready, ringing, talking, hold, after-call
    ready: int  # ready, ringing or in after-call work (about to be free)
    aht_s: float  # today's handle time on the floor (talk + after-call per call)


@dataclass(frozen=True, slots=True)
class QueueInputs:
    """What the forecast reads from the floor for one queue."""

    queue: str
    answered_in_sl: int  # this interval so far
    sl_calls: int  # answered + abandoned (short abandons out, as the policy says)
    waits_s: tuple[float, ...]  # this queue's callers waiting or ringing, longest first
    arrivals_last_15min: int


@dataclass(frozen=True, slots=True)
class QueueForecast:
    queue: str
    so_far: float | None  # the interval's SL so far (None before its first outcome)
    projected: float | None  # at the interval's end (None: no calls at all)
    target: float  # policy.bands["service_level"].green
    warning: bool  # projected < target (held by :class:`Hysteresis` on the live views)
    #: the fewest extra agents, ready now, that hold the target (0 when it holds;
    #: None when no number of agents can: too many calls are already lost)
    more_agents: int | None
    inputs: QueueInputs

    @property
    def recovering(self) -> bool:
        """A warning held though the projection is back at target (:class:`Hysteresis`)."""
        return self.warning and self.more_agents == 0


def _interval_counts(state: FloorState, scope: str, now: datetime) -> KpiCounts:
    """This interval's counters; zero when ``now`` has left the interval the reducer
    last counted in (a quiet floor has no event at the boundary)."""
    p = state.periods.get("interval")
    if p is None or not p.contains(now):
        return KpiCounts()
    return state.counts(scope, "interval")


def read_inputs(state: FloorState, now: datetime) -> tuple[PoolInputs, dict[str, QueueInputs]]:
    """The forecast's inputs as the floor holds them at ``now``."""
    iv = interval_period(now)
    elapsed = (now - iv.start).total_seconds()
    remaining = (iv.end - now).total_seconds()
    since = now - ARRIVALS_KEPT
    waits: dict[str, list[float]] = {q: [] for q in state.queues}
    for call in state.calls.values():
        if call.state in (CallState.WAITING, CallState.RINGING) and call.queue in waits:
            waits[call.queue].append(max(0.0, (now - call.queued_at).total_seconds()))
    agents = ready = 0
    for st in state.status.values():
        if st.state in _ON_PHONES:
            agents += 1
            if st.state in _FREE_SOON:
                ready += 1
    aht = kpi.aht_s(state.counts("*", "day")) or DEFAULT_AHT_S
    queues: dict[str, QueueInputs] = {}
    for q in state.queues:
        c = _interval_counts(state, q, now)
        queues[q] = QueueInputs(
            q, c.answered_in_sl, c.answered + c.abandoned - c.abandoned_short,
            tuple(sorted(waits[q], reverse=True)), state.arrivals_since(q, since))
    pool = PoolInputs(
        iv.start, elapsed, remaining,
        tuple(sorted((w for ws in waits.values() for w in ws), reverse=True)),
        sum(q.arrivals_last_15min for q in queues.values()), agents, ready, aht)
    if queues:  # the floor total: every queue's calls (FLOOR, as the reducer counts)
        c = _interval_counts(state, FLOOR, now)
        queues[FLOOR] = QueueInputs(FLOOR, c.answered_in_sl,
                                    c.answered + c.abandoned - c.abandoned_short,
                                    pool.waits_s, pool.arrivals_last_15min)
    return pool, queues


def forecast(state: FloorState, now: datetime) -> dict[str, QueueForecast]:
    """Every queue's forecast at ``now``, and the floor's under ``FLOOR`` (see the
    module's docstring); empty when the floor has no queue."""
    pool, queues = read_inputs(state, now)
    if not queues:
        return {}
    policy = state.policy
    target = policy.band("service_level").green
    t_s = policy.sl_threshold_s

    made: dict[int, float | None] = {}  # the pool's projection by extra agents

    def pool_sl(goal: float) -> tuple[float | None, int | None]:
        got = project_sl(answered_in_sl=0, sl_calls=0, waits_s=pool.waits_s,
                         elapsed_s=pool.elapsed_s, remaining_s=pool.remaining_s,
                         arrivals_last_15min=pool.arrivals_last_15min, agents=pool.agents,
                         ready=pool.ready, aht_s=pool.aht_s, t_s=t_s, target=goal,
                         memo=made)
        return got.projected, got.more_agents

    p, _ = pool_sl(0.5)
    out: dict[str, QueueForecast] = {}
    for q, qi in queues.items():
        so_far = qi.answered_in_sl / qi.sl_calls if qi.sl_calls else None
        ours = sum(1 for w in qi.waits_s if w <= pool.elapsed_s)
        open_q = ours + qi.arrivals_last_15min / ARRIVALS_KEPT.total_seconds() * pool.remaining_s
        if p is None or open_q <= 0.0:
            projected = so_far
            if projected is None or projected >= target:
                out[q] = QueueForecast(q, so_far, projected, target, False, 0, qi)
            else:
                out[q] = QueueForecast(q, so_far, projected, target, True, None, qi)
            continue
        projected = (qi.answered_in_sl + p * open_q) / (qi.sl_calls + open_q)
        if projected >= target:
            out[q] = QueueForecast(q, so_far, projected, target, False, 0, qi)
            continue
        # the share of the pool's open calls this queue needs answered within T
        need = (target * (qi.sl_calls + open_q) - qi.answered_in_sl) / open_q
        more: int | None
        if need >= 1.0:
            more = None
        else:
            _, more = pool_sl(need)
        out[q] = QueueForecast(q, so_far, projected, target, True, more, qi)
    return out


class Hysteresis:
    """Holds each queue's warning steady on the live views (issue #17).

    A quiet floor's projection moves with every call (five calls in an interval: one
    missed is 20 points), and a warning that comes and goes every few seconds teaches
    the floor to ignore it. So, in the floor's time:

    * a queue that was holding warns once its projection has stayed under target for
      ``RAISE_AFTER`` (30 s) — every computation in that span under target;
    * a warning clears once the projection has stayed at least ``CLEAR_MARGIN`` (two
      points) above target for ``CLEAR_AFTER`` (a minute); until then it is shown as
      held (``recovering``: warning with 0 more agents);
    * the first forecast a view computes has no past: it is shown as it is (a console
      opened in the middle of a surge warns at once).

    The figures themselves (so far, projected) are never held: only the warning."""

    RAISE_AFTER = timedelta(seconds=30)
    CLEAR_AFTER = timedelta(seconds=60)
    CLEAR_MARGIN = 0.02

    def __init__(self) -> None:
        #: queue -> (warned, since when the forecast has said otherwise, or None)
        self._held: dict[str, tuple[bool, datetime | None]] = {}

    def apply(self, raw: dict[str, QueueForecast], now: datetime) -> dict[str, QueueForecast]:
        out: dict[str, QueueForecast] = {}
        held: dict[str, tuple[bool, datetime | None]] = {}
        for q, f in raw.items():
            if q not in self._held:
                warned, since = f.warning, None
            else:
                warned, since = self._held[q]
                if warned:
                    back = f.projected is None or f.projected >= f.target + self.CLEAR_MARGIN
                    wait = self.CLEAR_AFTER
                else:
                    back = f.warning
                    wait = self.RAISE_AFTER
                if not back:
                    since = None
                else:
                    since = since if since is not None and since <= now else now
                    if now - since >= wait:
                        warned, since = not warned, None
            held[q] = (warned, since)
            if warned == f.warning:
                out[q] = f
            elif warned:  # held: the projection is back at (or near) target
                out[q] = replace(f, warning=True)  # more_agents stays 0: it holds
            else:  # under target, not yet for long enough
                out[q] = replace(f, warning=False)
        self._held = held
        return out


class LiveForecast:
    """The forecast at most once a second (issue #17: "computed where it is cheap"):
    the console's queue panel and the wall each keep one and ask it on every refresh;
    it recomputes only when its period has passed, or the floor's policy or queues
    changed.

    The period is a second, or ``1 / BUDGET`` times what the last computation cost,
    whichever is longer: on a big floor in a surge one projection costs a few tenths
    of a second (tests/perf/bench_slforecast.py), and the forecast must not take more
    than a tenth of the console's or the wall's CPU (issue #20). ``now`` is the
    floor's time (passed in); ``cpu_clock`` measures the cost. Its warnings are held
    steady by :class:`Hysteresis`.

    ``background``: the views' way. A computation runs on a worker thread of its own
    and :meth:`get` answers at once with the forecast it has; the new one is taken by
    the first :meth:`get` after it is done (the views ask every second), so a dear
    projection never holds the window while it is drawn. The first forecast, and the
    first after the policy or the queues changed, are computed at once: there is
    nothing right to show meanwhile. The floor states are immutable, so the worker
    reads the snapshot it was given while the window takes newer ones."""

    EVERY = timedelta(seconds=1)
    #: the share of one core the forecast may use
    BUDGET = 0.1
    #: the longest a forecast stands, whatever the last one cost: one dear computation
    #: (the first after start-up cost 1.2 s of CPU at 2,000 agents, later ones 0.1 s)
    #: left the console's 预测 column a minute old under a 2 % share (issue #20)
    LONGEST = timedelta(seconds=15)

    def __init__(self, cpu_clock: Callable[[], float] = time.perf_counter,
                 background: bool = False, budget: float | None = None) -> None:
        self._clock = cpu_clock
        #: the share of one core this one may use (default :attr:`BUDGET`)
        self.budget = self.BUDGET if budget is None else budget
        self._at: datetime | None = None
        self._key: tuple[object, object] | None = None
        self._value: dict[str, QueueForecast] = {}
        self._period = self.EVERY
        self._hold = Hysteresis()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="slforecast") \
            if background else None
        #: the computation in flight: (its future, the policy and queues, its now)
        self._job: tuple[Future[tuple[dict[str, QueueForecast], float]],
                         tuple[object, object], datetime] | None = None
        self.computed = 0  # how many times it computed (the bench and tests read it)

    @property
    def period(self) -> timedelta:
        """How long the current forecast stands before it is computed again."""
        return self._period

    def get(self, state: FloorState, now: datetime) -> dict[str, QueueForecast]:
        key = (state.policy, state.queues)
        self._collect()
        if self._job is not None and key == self._job[1]:
            return self._value  # one computation at a time: the one running stands
        if (self._at is not None and key == self._key
                and timedelta(0) <= now - self._at < self._period):
            return self._value
        if self._pool is None or self._at is None or key != self._key:
            self._take(self._compute(state, now), key, now)
        else:
            self._job = (self._pool.submit(self._compute, state, now), key, now)
        return self._value

    def settle(self, timeout: float | None = None) -> None:
        """Wait for the computation in flight and take it (tests and benchmarks)."""
        if self._job is not None:
            wait([self._job[0]], timeout)
            self._collect()

    def _compute(self, state: FloorState, now: datetime
                 ) -> tuple[dict[str, QueueForecast], float]:
        t0 = self._clock()
        raw = forecast(state, now)
        return raw, max(0.0, self._clock() - t0)

    def _collect(self) -> None:
        if self._job is None or not self._job[0].done():
            return
        (job, key, now), self._job = self._job, None
        result = job.result()  # a failure is raised here, on the GUI thread, as before
        if key != self._key or (self._at is not None and now < self._at):
            return  # overtaken: the policy or queues changed and were computed at once
        self._take(result, key, now)

    def _take(self, result: tuple[dict[str, QueueForecast], float], key: tuple[object, object],
              now: datetime) -> None:
        raw, cost = result
        self._value = self._hold.apply(raw, now)
        self._period = min(self.LONGEST,
                           max(self.EVERY, timedelta(seconds=cost / self.budget)))
        self._at, self._key = now, key
        self.computed += 1
