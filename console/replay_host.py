"""The floor host's work on a replay's virtual clock (issue #18: "the scheduled reports
appear at their times on the virtual clock in replay"; R-REPORT-1, and issue #17's
15-minute rollups).

``seatwatch replay SCENARIO`` (not ``--realtime``) writes the scenario's events, with
the alerts the rules raise on its clock, in one transaction. On a live floor the
host would meanwhile have closed the rollups every minute (``rollup.close``) and
made each report as it fell due (``report.produce``, every ``REPORT_S``). Nobody
ran that host during a replay, so :func:`catch_up` does its work afterwards, on the
virtual clock from ``start`` (the scenario's start; with ``--append``, where the
last replay's clock stopped, so the hours between two scenarios pass as well) up to
the scenario's ``until``:

- it walks the ticks of the host's ``report.produce`` (every ``REPORT_S`` from
  ``start``) and asks at each :func:`models.domain.report.due_reports` — the host's
  own decision, not a copy of the schedule — with the floor policy in force at that
  instant (a scripted ``policy_applied`` moves ``produce_at`` as it would on the
  floor). A report the answer newly names is placed at the first second the same
  function names it (the tick bisected): the virtual time it fell due, ``produce_at``;
- at that instant it closes the rollups as ``rollup.close`` would have by then
  (:func:`models.db.rollup_db.close_due`, built "as of" that instant) and makes each
  report that is not stored yet and whose rollups are closed exactly as the host does
  (:func:`console.scheduler.make_report`: the ``report`` row is claimed first, so a
  report is never made twice — not by a second replay, not beside a running host),
  stamped at that instant. One whose rollups are still closing is asked again at the
  following ticks, as the host asks again five minutes later;
- at ``until`` it closes every interval that has ended by then (without the host's
  ``CLOSE_LAG``: the scenario is all written, no event can come late). An interval
  ``until`` cuts in two stays open: the next ``--append`` or a live host closes it.

What differs from a live host: the database already holds the whole scenario when a
report is made, so what the script does after that instant to the reported period
(an urgent ticket of the day completed at 09:00, an alert acknowledged late) shows
in the report, where the live host would have shown it still open. The call figures
are the same either way (a live host's ``rollup.close`` rebuilds the intervals of
calls recorded late). No summary goes to the floor's robots (a replay is a training
or test floor, its days long past), and the roster reminder, an alert, is not raised
here.

**Why after the events' transaction, not inside it.** The events are valid on their
own and are the floor's truth; rollups and reports are derived from them and can be
made again at any time (``seatwatch rollup rebuild``, ``seatwatch report … --store``;
a report row left ``failed`` is taken over by the next attempt). Making them inside
the events' transaction would hold the write lock (on SQLite the whole file) through
a PDF layout per report — about a second each, in a child process — and would need
a second, connection-bound form of the host's rollup and report code. So ``replay``
commits the events, then runs :func:`catch_up`; when that fails the command says so
in one line and exits 1: the events stay, and what was made before the failure stays.
"""

from __future__ import annotations

import logging
import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from console.scheduler import REPORT_S, make_report
from models.db import reports_db, rollup_db
from models.domain import report
from models.domain.policy import Policy
from models.domain.types import FloorEvent

log = logging.getLogger(__name__)

Item = tuple[str, str]  # (kind, period)


@dataclass(frozen=True, slots=True)
class Made:
    """A report made on the virtual clock, stamped ``at``."""

    kind: str
    period: str
    at: datetime


@dataclass(frozen=True, slots=True)
class CatchUp:
    intervals: int  # 15-minute intervals closed
    made: tuple[Made, ...]


class PolicyTimeline:
    """The floor policy in force at each instant of a replay: the one before it, then
    each ``policy_applied`` event's (they carry the whole policy document)."""

    def __init__(self, first: Policy, events: Iterable[FloorEvent]) -> None:
        self._at: list[datetime] = []
        self._policy = [first]
        for ev in events:
            if ev.type == "policy_applied":
                self._at.append(ev.at)
                self._policy.append(Policy.from_dict(ev.get("policy")))

    def at(self, t: datetime) -> Policy:
        return self._policy[bisect_right(self._at, t)]


def ticks(start: datetime, until: datetime, step: float = REPORT_S) -> Iterator[datetime]:
    """The host's ``report.produce`` runs from ``start`` every ``step`` seconds, and a
    last one at ``until``."""
    k = 0
    while (t := start + timedelta(seconds=k * step)) < until:
        yield t
        k += 1
    yield until


def due(policies: PolicyTimeline, t: datetime) -> list[Item]:
    """What the host's job asks at ``t``: :func:`models.domain.report.due_reports`."""
    p = policies.at(t)
    return report.due_reports(p.reports, t.astimezone(p.tz))


def fell_due(policies: PolicyTimeline, item: Item, lo: datetime, hi: datetime) -> datetime:
    """The first whole second after ``lo`` (when :func:`due` did not name ``item``) at
    which it does, at most ``hi`` (when it does): the host's decision bisected."""
    a = math.floor(lo.timestamp())  # not named at lo, so not at a second before it
    b = math.ceil(hi.timestamp())
    while b - a > 1:
        m = (a + b) // 2
        if item in due(policies, datetime.fromtimestamp(m, UTC)):
            b = m
        else:
            a = m
    return min(datetime.fromtimestamp(b, UTC), hi)


def close_rollups(engine: Engine, now: datetime, policy: Policy,
                  lag: timedelta = rollup_db.CLOSE_LAG) -> int:
    """``rollup.close`` run until it has nothing left to close as of ``now``."""
    total = 0
    while n := rollup_db.close_due(engine, now, policy, lag):
        total += n
    return total


def catch_up(engine: Engine, policy: Policy, events: Iterable[FloorEvent], start: datetime,
             until: datetime, host: str, *, step: float = REPORT_S) -> CatchUp:
    """The floor host's rollups and reports from ``start`` to ``until`` on the virtual
    clock (see the module's docstring). ``policy``: the floor's before ``events``.
    Raises what the rollups or a report raise (a failed report's row says so)."""
    policies = PolicyTimeline(policy, events)
    closed = 0
    made: list[Made] = []
    settled: set[Item] = set()  # stored, made, or before the history: not asked again
    closing: set[Item] = set()  # its rollups were still closing: asked at every tick
    prev: datetime | None = None
    for t in ticks(start, until, step):
        names = due(policies, t)
        closing &= set(names)  # the host asks only about what is still due
        fresh = [d for d in names if d not in settled and d not in closing]
        if fresh or closing:
            when: dict[datetime, list[Item]] = defaultdict(list)
            for d in names:
                if d in closing:
                    when[t].append(d)
                elif d in fresh:
                    when[t if prev is None else fell_due(policies, d, prev, t)].append(d)
            for at in sorted(when):
                p = policies.at(at)
                closed += close_rollups(engine, at, p)
                for d in when[at]:
                    kind, period = d
                    with engine.connect() as conn:
                        stored = reports_db.exists(conn, kind, period)
                        ready = "" if stored else reports_db.readiness(conn, kind, period, p)
                    if ready == reports_db.CLOSING:
                        closing.add(d)
                        continue
                    closing.discard(d)
                    settled.add(d)
                    if ready == reports_db.READY and make_report(engine, kind, period, p, host,
                                                                 at) is not None:
                        made.append(Made(kind, period, at))
                        log.info("replay: report %s %s made at %s (virtual clock)", kind,
                                 period, at.isoformat())
        prev = t
    # the scenario is all written: no late event can come, so every interval that
    # has ended by until is closed (a live host waits CLOSE_LAG for stragglers)
    closed += close_rollups(engine, until, policies.at(until), timedelta(0))
    return CatchUp(closed, tuple(made))


__all__ = ["CatchUp", "Made", "PolicyTimeline", "catch_up", "close_rollups", "due",
           "fell_due", "ticks"]
