"""Interval rollups (issue #17, "History that a chart can afford"; DOMAIN §7).

Per queue and per agent per 15 minutes, built from the history the floor already
writes: ``call_record`` (a call counts in the interval it arrived in, ``queued_at``
— R-KPI-1 接通率, SL, ASA, abandonment, AHT), ``agent_interval`` and the open
state in ``agent_current`` (seconds per state, clipped to the interval; calls
handled count in the interval they were answered in; a break counts in the
interval it began in; the state an agent is in now lasts until the floor's last
event or heartbeat), and ``alert`` (breaches per rule, in the interval raised).

Every interval is recomputed **whole** from the history: its rows are deleted and
inserted again in the transaction that read the history, so rebuilding twice
gives the same rows, and a late call record or a standby host's takeover never
doubles nor loses a number. The ratios come from :mod:`models.domain.kpi`, the
same functions the live view uses, applied to sums of rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from operator import add
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    Integer,
    cast,
    delete,
    extract,
    func,
    insert,
    select,
    text,
)

from models.db import store
from models.db.schema import (
    AgentCurrentRow,
    AgentIntervalRow,
    AgentRow,
    AlertRow,
    CallRecordRow,
    FloorEventRow,
    HeartbeatRow,
    RollupAgentRow,
    RollupIntervalRow,
    RollupQueueRow,
    utc,
)
from models.domain import kpi
from models.domain.kpi import KpiCounts
from models.domain.policy import Policy
from models.domain.rollup import (
    BUCKETS,
    INTERVAL,
    SHORT_ABANDON_S,
    bucket_start,
    interval_start,
    intervals,
    next_bucket,
    overlap_s,
    shift_buckets,
)
from models.domain.texts import QT_TRANSLATE_NOOP

#: an interval is closed this long after it ends (late events of the last seconds)
CLOSE_LAG = timedelta(minutes=2)
#: at most this many intervals per ``close_due`` run (a floor catching up on a
#: year closes it a day per run instead of holding the job for minutes)
CLOSE_BATCH = 96
#: calls recorded since the last run are looked for among those queued this long
#: before it (a longer call recorded late waits for ``rollup rebuild``)
LATE_WINDOW = timedelta(hours=4)
#: records committed while the last run was reading are looked at again
LATE_MARGIN = timedelta(seconds=10)
#: ``close_due`` further behind than this reads old states as a rebuild does
CATCH_UP = timedelta(hours=6)
#: a rebuild commits per this many intervals (one day)
CHUNK = 96
#: the reasons that make an away period a break (R-BREAK-1)
BREAK_REASONS = ("short_break", "meal")

#: the advisory lock of rollup builds (the floor log's is another key)
_ROLLUP_LOCK = 0x5EA7_0017

_AGENT_SECONDS = ("logged_in_s", "ready_s", "ringing_s", "talking_s", "hold_s",
                  "after_call_s", "away_s")
_STATE_COL = {"ready": "ready_s", "ringing": "ringing_s", "talking": "talking_s",
              "hold": "hold_s", "after_call": "after_call_s", "away": "away_s"}


class RollupError(ValueError):
    pass


# ---- building -------------------------------------------------------------------------


def _queue_rows(conn: Connection, lo: datetime, hi: datetime,
                policy: Policy) -> dict[tuple[datetime, str], dict[str, Any]]:
    out: dict[tuple[datetime, str], dict[str, Any]] = {}
    counts: dict[tuple[datetime, str], KpiCounts] = {}
    q = select(CallRecordRow).where(CallRecordRow.queued_at >= lo,
                                    CallRecordRow.queued_at < hi)
    for r in conn.execute(q):
        rec = store.record_from_row(r)
        key = (interval_start(rec.queued_at), rec.queue)
        counts[key] = kpi.add_record(counts.get(key, KpiCounts()), rec,
                                     policy.sl_threshold_s, policy.sl_exclude_abandon_under_s)
        x = out.setdefault(key, {"abandoned_5s": 0, "wait_abandoned_s": 0.0,
                                 "wait_max_s": 0.0, "intercepted": 0})
        if rec.outcome == "abandoned":
            x["wait_abandoned_s"] += rec.wait_s
            x["abandoned_5s"] += 1 if rec.wait_s < SHORT_ABANDON_S else 0
        x["wait_max_s"] = max(x["wait_max_s"], rec.wait_s)
        x["intercepted"] += 1 if rec.intercepted_by else 0
    for key, c in counts.items():
        out[key].update(start=key[0], queue_id=key[1], offered=c.offered,
                        ivr_only=c.ivr_only, answered=c.answered,
                        answered_in_sl=c.answered_in_sl, answered_waited=c.answered_waited,
                        abandoned=c.abandoned, abandoned_short=c.abandoned_short,
                        handled=c.handled, wait_answered_s=c.wait_answered_s,
                        talk_s=c.talk_s, hold_s=c.hold_s, acw_s=c.acw_s)
    return out


def _agent_rows(conn: Connection, lo: datetime, hi: datetime, now: datetime,
                min_start: datetime | None) -> dict[tuple[datetime, str], dict[str, Any]]:
    out: dict[tuple[datetime, str], dict[str, Any]] = {}

    def row(t: datetime, agent: str) -> dict[str, Any]:
        r = out.get((t, agent))
        if r is None:
            r = out[(t, agent)] = {
                "start": t, "agent_id": agent, **{c: 0.0 for c in _AGENT_SECONDS},
                "away_by_reason": defaultdict(float), "handled": 0, "talk_s": 0.0,
                "acw_s": 0.0, "breaks": 0, "breaches": defaultdict(int)}
        return r

    q = select(AgentIntervalRow.agent_id, AgentIntervalRow.state, AgentIntervalRow.reason,
               AgentIntervalRow.start, AgentIntervalRow.end).where(
        AgentIntervalRow.end > lo, AgentIntervalRow.start < hi)
    if min_start is not None:  # a rebuild: a bounded range of the start index
        q = q.where(AgentIntervalRow.start >= min_start)
    else:  # closing the newest intervals: few rows end after ``lo``
        q = q.with_hint(AgentIntervalRow, "INDEXED BY ix_agent_interval_end", "sqlite")
    spans: list[tuple[str, str, str | None, datetime, datetime]] = [
        (a, st, reason, utc(s) or s, utc(e) or e) for a, st, reason, s, e in conn.execute(q)]
    # the state each agent is in now has no agent_interval row yet: it lasts as long
    # as the floor is known to have run (a stopped floor's agents are not "ready" since)
    now = floor_seen(conn, now)
    for a, st, reason, since in conn.execute(
            select(AgentCurrentRow.agent_id, AgentCurrentRow.state, AgentCurrentRow.reason,
                   AgentCurrentRow.since).where(AgentCurrentRow.since < hi)):
        s = utc(since)
        if s is not None and now > lo:
            spans.append((a, st, reason, s, max(s, min(now, hi))))
    for agent, st, reason, s, e in spans:
        if st == "logged_out":
            continue
        col = _STATE_COL.get(st)
        for t in intervals(max(s, lo), min(e, hi)):
            secs = overlap_s(s, e, t, t + INTERVAL)
            if secs <= 0:
                continue
            r = row(t, agent)
            r["logged_in_s"] += secs
            if col is not None:
                r[col] += secs
            if st == "away":
                r["away_by_reason"][reason or "other"] += secs
        if st == "away" and reason in BREAK_REASONS and lo <= s < hi:
            row(interval_start(s), agent)["breaks"] += 1
    for c in conn.execute(
            select(CallRecordRow.agent_id, CallRecordRow.answered_at, CallRecordRow.talk_s,
                   CallRecordRow.acw_s).where(
                CallRecordRow.outcome == "answered", CallRecordRow.agent_id.is_not(None),
                CallRecordRow.answered_at >= lo, CallRecordRow.answered_at < hi)):
        r = row(interval_start(utc(c.answered_at) or lo), str(c.agent_id))
        r["handled"] += 1
        r["talk_s"] += c.talk_s
        r["acw_s"] += c.acw_s
    for al in conn.execute(
            select(AlertRow.agent_id, AlertRow.rule, AlertRow.raised_at).where(
                AlertRow.agent_id.is_not(None), AlertRow.raised_at >= lo,
                AlertRow.raised_at < hi,
                # R-BREAK-1's pre-warning ("agent:ID:pre") tells the agent a break is
                # about to run over; it is not a breach
                AlertRow.subject.not_like("%:pre"))):
        row(interval_start(utc(al.raised_at) or lo), str(al.agent_id))["breaches"][al.rule] += 1
    for r in out.values():
        r["away_by_reason"] = dict(sorted(r["away_by_reason"].items()))
        r["breaches"] = dict(sorted(r["breaches"].items()))
    return out


def floor_seen(conn: Connection, now: datetime) -> datetime:
    """The last moment the floor is known to have run, at most ``now``: its last
    event or its host's last heartbeat (a live host beats every second)."""
    seen = [utc(conn.execute(select(func.max(FloorEventRow.at))).scalar()),
            utc(conn.execute(select(func.max(HeartbeatRow.beat_at))).scalar())]
    known = [t for t in seen if t is not None]
    return min(now, max(known)) if known else now


def longest_state(conn: Connection) -> timedelta:
    """The longest closed agent-state interval (logged out aside): how far before a
    range a state overlapping it may have begun. One pass over the table."""
    e, s = AgentIntervalRow.end, AgentIntervalRow.start
    if conn.dialect.name == "sqlite":
        secs = conn.execute(select(func.max(func.julianday(e) - func.julianday(s))).where(
            AgentIntervalRow.state != "logged_out")).scalar()
        return timedelta(days=float(secs or 0.0), seconds=1)
    d: Any = conn.execute(select(func.max(e - s)).where(
        AgentIntervalRow.state != "logged_out")).scalar()
    return (d if isinstance(d, timedelta) else timedelta(0)) + timedelta(seconds=1)


def _build(conn: Connection, starts: Sequence[datetime], policy: Policy,
           now: datetime, longest: timedelta | None = None) -> None:
    """Delete and build again the rows of the intervals ``starts`` (consecutive).
    ``longest``: see :func:`longest_state` (None: the newest intervals)."""
    lo, hi = starts[0], starts[-1] + INTERVAL
    if conn.dialect.name == "postgresql":  # SQLite: BEGIN IMMEDIATE already serialises
        # two hosts overlapping for an instant (a takeover) build one after the other:
        # the second deletes the first's rows and writes the same numbers again
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ROLLUP_LOCK})
    queues = _queue_rows(conn, lo, hi, policy)
    agents = _agent_rows(conn, lo, hi, now, None if longest is None else lo - longest)
    for table in (RollupQueueRow, RollupAgentRow, RollupIntervalRow):
        conn.execute(delete(table).where(table.start >= lo, table.start < hi))
    # the floor's agent time of each interval on its own row (migration 0011): a chart
    # of every agent reads one row per interval, not one per agent
    floor: dict[datetime, list[float]] = {t: [0.0, 0.0, 0.0, 0] for t in starts}
    for (t, _), r in agents.items():
        f = floor[t]
        f[0] += r["logged_in_s"]
        f[1] += r["ready_s"]
        f[2] += r["talking_s"] + r["hold_s"] + r["after_call_s"]
        f[3] += r["breaks"]
    conn.execute(insert(RollupIntervalRow), [
        {"start": t, "built_at": now, "sl_threshold_s": policy.sl_threshold_s,
         "sl_exclude_abandon_under_s": policy.sl_exclude_abandon_under_s,
         "agent_logged_in_s": f[0], "agent_ready_s": f[1], "agent_busy_s": f[2],
         "agent_breaks": int(f[3])} for t, f in floor.items()])
    if queues:
        conn.execute(insert(RollupQueueRow), list(queues.values()))
    if agents:
        conn.execute(insert(RollupAgentRow), list(agents.values()))


def history_span(conn: Connection) -> tuple[datetime, datetime] | None:
    """The first and last moment the history tables hold (None: no history)."""
    lo = [utc(x) for x in (conn.execute(select(func.min(CallRecordRow.queued_at))).scalar(),
                           conn.execute(select(func.min(AgentIntervalRow.start))).scalar())]
    hi = [utc(x) for x in (conn.execute(select(func.max(CallRecordRow.queued_at))).scalar(),
                           conn.execute(select(func.max(AgentIntervalRow.end))).scalar())]
    los = [x for x in lo if x is not None]
    his = [x for x in hi if x is not None]
    if not los or not his:
        return None
    return min(los), max(his) + timedelta(microseconds=1)


def _policy(engine: Engine) -> Policy:
    with engine.connect() as conn:
        return store.current_state(conn).policy


def rebuild(engine: Engine, start: datetime, end: datetime, policy: Policy | None = None,
            now: datetime | None = None) -> int:
    """Recompute every 15-minute interval overlapping [start, end) whole from the
    history, a day of intervals per transaction. Returns the intervals built."""
    if start.tzinfo is None or end.tzinfo is None:
        raise RollupError(QT_TRANSLATE_NOOP("Rollup", "times need a UTC offset"))
    if end <= start:
        raise RollupError(QT_TRANSLATE_NOOP("Rollup", "the range is empty: --to is not "
                                                      "after --from"))
    policy = policy or _policy(engine)
    now = now or datetime.now(UTC)
    todo = list(intervals(start, end))
    with engine.connect() as conn:
        longest = longest_state(conn)
    for i in range(0, len(todo), CHUNK):
        with store.writing(engine).begin() as conn:
            _build(conn, todo[i:i + CHUNK], policy, now, longest)
    return len(todo)


def late_intervals(conn: Connection, since: datetime, before: datetime) -> list[datetime]:
    """Closed intervals (starting before ``before``) a call recorded at or after
    ``since`` belongs to: a call is recorded when it ends (answered) or leaves the
    queue, often after the interval it arrived in was closed. Calls queued more
    than ``LATE_WINDOW`` before ``since`` are left to ``rollup rebuild``."""
    out: set[datetime] = set()
    for r in conn.execute(select(CallRecordRow.queued_at, CallRecordRow.answered_at,
                                 CallRecordRow.ended_at, CallRecordRow.wait_s).where(
            CallRecordRow.queued_at >= since - LATE_WINDOW, CallRecordRow.queued_at < before)):
        q = utc(r.queued_at) or since
        recorded = utc(r.ended_at) or q + timedelta(seconds=r.wait_s)
        if recorded >= since:
            out.add(interval_start(q))
            a = utc(r.answered_at)
            if a is not None and a < before:
                out.add(interval_start(a))  # the agent's row counts it there
    return sorted(out)


def close_due(engine: Engine, now: datetime, policy: Policy,
              lag: timedelta = CLOSE_LAG, batch: int = CLOSE_BATCH) -> int:
    """Close the intervals that ended at least ``lag`` before ``now`` and follow the
    last one closed (or, on a floor never rolled up, the first in its history), and
    build again the closed intervals of the calls recorded since the last run (calls
    that were still talking or waiting when their interval closed). Returns how many
    it closed (at most ``batch``; the next run goes on)."""
    due_end = interval_start(now - lag)  # intervals starting before this have ended
    with engine.connect() as conn:
        last = utc(conn.execute(select(func.max(RollupIntervalRow.start))).scalar())
        late: list[datetime] = []
        if last is not None:
            first = last + INTERVAL
            prev = utc(conn.execute(select(func.max(RollupIntervalRow.built_at))).scalar())
            if prev is not None:
                late = late_intervals(conn, prev - LATE_MARGIN, first)
        else:
            span = history_span(conn)
            if span is None:
                return 0
            first = interval_start(span[0])
    for t in late:
        with store.writing(engine).begin() as conn:
            _build(conn, [t], policy, now, None if t >= now - CATCH_UP else
                   longest_state(conn))
    todo = list(intervals(first, due_end))[:batch] if first < due_end else []
    if not todo:
        return 0
    longest = None  # the newest intervals: the states ending after them are few
    if todo[0] < now - CATCH_UP:  # catching up on old days: a bounded range of starts
        with engine.connect() as conn:
            longest = longest_state(conn)
    with store.writing(engine).begin() as conn:
        _build(conn, todo, policy, now, longest)
    return len(todo)


# ---- reading ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeriesRow:
    """One bucket's sums (floor time) and the KPI figures from them."""

    start: datetime
    end: datetime
    counts: KpiCounts
    extra: dict[str, float | int] = field(default_factory=dict)
    intervals: int = 0  # 15-minute intervals built in the bucket
    #: the shift's name of a shift bucket ("" between shifts); None for the others
    shift: str | None = None

    def figures(self, sl_threshold_s: float | None) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start.isoformat(), "end": self.end.isoformat(),
                             "intervals": self.intervals}
        if self.shift is not None:
            d["shift"] = self.shift
        d.update(kpi.as_dict(self.counts, sl_threshold_s or 0.0))
        d["sl_threshold_s"] = sl_threshold_s
        d["handled"] = self.counts.handled
        d.update(self.extra)
        return d


def queue_counts(r: Any) -> KpiCounts:
    """A rollup_queue row as the live view's counters (agent time left out)."""
    return KpiCounts(offered=r.offered, ivr_only=r.ivr_only, answered=r.answered,
                     answered_in_sl=r.answered_in_sl, abandoned=r.abandoned,
                     abandoned_short=r.abandoned_short, wait_answered_s=r.wait_answered_s,
                     answered_waited=r.answered_waited, handled=r.handled,
                     talk_s=r.talk_s, hold_s=r.hold_s, acw_s=r.acw_s)


#: the rollup_queue columns a bucket sums, in :class:`KpiCounts`' order, then the extras
_QUEUE_SUMS = ("offered", "ivr_only", "answered", "answered_in_sl", "abandoned",
               "abandoned_short", "wait_answered_s", "answered_waited", "handled", "talk_s",
               "hold_s", "acw_s", "abandoned_5s", "intercepted")
_QUEUE_ZERO = (0, 0, 0, 0, 0, 0, 0.0, 0, 0, 0.0, 0.0, 0.0, 0, 0)


def _epoch(conn: Connection, col: Any) -> Any:
    """A time column as whole seconds since 1970 UTC, computed by the database."""
    if conn.dialect.name == "sqlite":  # naive UTC text
        return cast(func.strftime("%s", col), Integer)
    return cast(extract("epoch", col), BigInteger)


def _buckets(start: datetime, end: datetime, by: str,
             tz: ZoneInfo) -> list[datetime]:
    """The UTC instants at which the ``by`` buckets of [start, end) begin, in order
    (the first holds ``start``): a row is placed by bisecting these, which is the
    bucket :func:`bucket_start` gives it (the same steps, DST folds kept apart by
    instant) without a time-zone conversion per row."""
    b = bucket_start(start, by, tz)
    out = []
    while b.astimezone(UTC) < end:
        out.append(b.astimezone(UTC))
        b = next_bucket(b, by)
    return out


def series(conn: Connection, start: datetime, end: datetime, by: str = "day",
           queue: str | None = None, group: str | None = None,
           tz: ZoneInfo | None = None,
           policy: Policy | None = None) -> tuple[list[SeriesRow], float | None]:
    """The 15-minute rows of [start, end) summed per ``by`` bucket of floor time.

    Call figures are the queue's (every queue without ``queue``); agent time
    (occupancy, logged-in, breaks) is the group's agents' (every agent without
    ``group``; membership as the floor setup has it now). By ``shift`` the buckets
    are the shift periods of ``policy`` (the floor's current one by default) that
    start in [start, end), the last read to its end (:func:`shift_buckets`); each
    row carries the shift's name. Returns the buckets
    that hold at least one built interval, and the SL threshold T they were built
    with (None if the range mixes several).

    The database sums each interval's rows (GROUP BY start: one row per interval
    however many queues; the floor's agent time is on the interval's own row, a
    group's is summed from its agents' rows) and Python adds the intervals into
    buckets (issue #17: a year by hour is 35,000 rows, not millions); the ratios
    are computed once per bucket from the sums (:mod:`models.domain.kpi`)."""
    if by not in BUCKETS:
        raise RollupError(QT_TRANSLATE_NOOP("Rollup",
                                            "--by: one of hour, day, week, month, shift"))
    if by == "shift" and policy is None:
        policy = store.current_state(conn).policy
    tz = tz or (policy.tz if policy is not None else store.current_state(conn).policy.tz)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        return [], None
    names: list[str] = []
    ends: list[datetime] = []
    if by == "shift":
        assert policy is not None
        spans = shift_buckets(policy, start, end)
        if not spans:
            return [], None
        edges = [s.start.astimezone(UTC) for s in spans]
        names = [s.name for s in spans]
        ends = [s.end.astimezone(tz) for s in spans]
        start, end = edges[0], spans[-1].end.astimezone(UTC)  # whole shifts
    else:
        edges = _buckets(start, end, by, tz)
    # intervals come as whole UTC seconds: no datetime parsed per row (a year: 70,000)
    cuts = [int(e.timestamp()) for e in edges]
    nb = len(edges)
    seen = [False] * nb
    n = [0] * nb
    qs: list[list[Any]] = [list(_QUEUE_ZERO) for _ in range(nb)]
    wait_max = [0.0] * nb
    agent = [[0.0, 0.0, 0.0, 0] for _ in range(nb)]  # logged_in, ready, busy, breaks

    def at(t: int) -> int:
        return bisect_right(cuts, t) - 1

    ts: set[float] = set()
    ri = RollupIntervalRow
    for t, thr, logged_in, ready, busy, breaks in conn.execute(select(
            _epoch(conn, ri.start), ri.sl_threshold_s, ri.agent_logged_in_s, ri.agent_ready_s,
            ri.agent_busy_s, ri.agent_breaks).where(ri.start >= start, ri.start < end)):
        i = at(t)
        seen[i] = True
        n[i] += 1
        ts.add(thr)
        if group is None:  # every agent: the interval's own sums (migration 0011)
            x = agent[i]
            x[0] += logged_in
            x[1] += ready
            x[2] += busy
            x[3] += breaks
    rq = RollupQueueRow
    q = select(_epoch(conn, rq.start), func.max(rq.wait_max_s),
               *(func.sum(getattr(rq, c)) for c in _QUEUE_SUMS)).where(
        rq.start >= start, rq.start < end)
    if queue is not None:
        q = q.where(rq.queue_id == queue)
    for t, wmax, *sums in conn.execute(q.group_by(rq.start)):
        i = at(t)
        seen[i] = True
        qs[i] = list(map(add, qs[i], sums))
        wait_max[i] = max(wait_max[i], wmax)
    ra = RollupAgentRow
    a = select(_epoch(conn, ra.start), func.sum(ra.logged_in_s), func.sum(ra.ready_s),
               func.sum(ra.talking_s + ra.hold_s + ra.after_call_s),
               func.sum(ra.breaks)).where(
        ra.start >= start, ra.start < end,
        ra.agent_id.in_(select(AgentRow.id).where(AgentRow.group_id == group)))
    for t, logged_in, ready, busy, breaks in (
            conn.execute(a.group_by(ra.start)) if group is not None else ()):
        i = at(t)
        seen[i] = True
        x = agent[i]
        x[0] += float(logged_in or 0.0)
        x[1] += float(ready or 0.0)
        x[2] += float(busy or 0.0)
        x[3] += int(breaks or 0)
    rows = []
    for i in range(nb):
        if not seen[i]:
            continue
        s = qs[i]
        c = KpiCounts(*s[:12], *agent[i][2:0:-1])  # then busy_s, ready_s
        extra: dict[str, float | int] = {
            "abandoned_5s": s[12], "wait_max_s": wait_max[i], "intercepted": s[13],
            "logged_in_s": agent[i][0], "breaks": agent[i][3]}
        local = edges[i].astimezone(tz)
        if by == "shift":
            rows.append(SeriesRow(local, ends[i], c, extra, n[i], names[i]))
        else:
            rows.append(SeriesRow(local, next_bucket(local, by), c, extra, n[i]))
    return rows, (next(iter(ts)) if len(ts) == 1 else None)


def total(rows: Iterable[SeriesRow]) -> KpiCounts:
    c = KpiCounts()
    for r in rows:
        c = kpi.merge(c, r.counts)
    return c


__all__ = ["CLOSE_LAG", "RollupError", "SeriesRow", "close_due", "history_span", "rebuild",
           "series", "total"]
