"""The alert scheduler of the floor host (issue #4): APScheduler 3 jobs that only
compute — read the floor, evaluate the pure rules, write events — run by the one
host that holds the floor lease (:mod:`console.lease`).

Jobs (stable ids, reconciled from the floor policy at start and whenever a new
policy version arrives: missing ones added, changed ones replaced, unknown ones
in our namespaces — ``rules.``, ``events.``, ``notify.`` — removed; other ids are
left to whoever owns them):

==================  =====================  =========================================
id                  when                   what
==================  =====================  =========================================
``rules.evaluate``  every 1 s              one ``writer.append`` of
                                           ``rules.tick(st, now)``'s events, decided
                                           on the caught-up state; ``now`` is the
                                           database's clock
``rules.deadline``  a date: the next       the same evaluation, at the second a
                    ``rules.next_deadline``  limit is reached (not up to 1 s late);
                                           rescheduled after every evaluation
``events.prune``    daily 03:17 floor      :func:`models.db.store.prune` with the
                    time                   policy's ``event_retention_days``
``notify.deliver``  every 5 s              ``console.notify.deliver_due(engine,
                                           now)`` when that module exists
``shift.start:S``   daily at shift S's     the roster of S today as a
                    start (floor time)     ``roster_shift`` event (issue #6: the
                                           leaders on duty, R-LOGIN-1); also once
                                           when the scheduler starts mid-shift
``meeting.remind:S`` daily 10 min before   R-MEET-1: the morning-meeting reminder,
                    shift S starts         an ``R-MEET-1`` alert the minutes'
                                           saving resolves
``attendance.summary`` hourly at :07       R-ATT-6: from the 28th, the monthly
                    floor time             summary's reminder (``R-ATT-6`` on
                                           ``month:YYYY-MM``) until the month's
                                           register is confirmed; then resolved
``rollup.close``    every 60 s             issue #17: :func:`models.db.rollup_db.
                                           close_due` closes the 15-minute
                                           intervals ended 2 min before now and
                                           rebuilds those of calls recorded since
``report.produce``  every 5 min            issue #18, R-REPORT-1: the roster
                                           reminder (R-REPORT-1 on ``month:YYYY-MM``
                                           from 5 days before the 25th until next
                                           month is rostered), the training plan's
                                           (R-REPORT-1 on ``week:<Monday>`` from
                                           that week's Monday until next week's
                                           plan exists, due Thursday), then the due reports
                                           (:func:`models.domain.report.due_reports`:
                                           yesterday's from ``produce_at``, last
                                           month's from the 1st) that are not
                                           stored yet, each claimed first (the
                                           ``report`` row is the lock), made once
                                           the period's rollups are closed; a
                                           summary line to the robots if the policy
                                           asks. A host down at ``produce_at``
                                           makes them within 5 min of its start
==================  =====================  =========================================

All of them ``coalesce=True``, ``max_instances=1``, with a ``misfire_grace_time``;
the job store is a ``SQLAlchemyJobStore`` (table ``apscheduler_jobs``) in the
floor database, so a restarted or a standby host resumes the same jobs. APScheduler
3 job stores must never be shared by two running schedulers: a scheduler runs only
inside a lease tenure (:class:`HostRole`), and stops at once when the lease is lost.
No alert can be raised twice even if two hosts overlapped for an instant: the rules
run as a function of the floor state caught up under the floor lock.

**How a job reaches the running host.** A persistent job is stored as a textual
reference (``console.scheduler:evaluate_rules``) plus pickled arguments, so it
cannot be a bound method or a closure over the live host. Its only argument is
the floor key (the database URL without its password), and :data:`_RUNNING`
maps that key to the :class:`AlertScheduler` running in this process. The
registry is the least state persistence allows: an entry exists exactly while a
scheduler runs (registered by ``start``, removed first thing by ``stop``), it is
keyed — so tests run several floors in one process and nothing is a singleton —
and a job whose floor has no running scheduler here does nothing. (Injecting the
host through a custom executor would avoid even that, at the price of depending
on APScheduler's private ``Job`` internals.) The key is stable across restarts,
so persisted jobs compare equal and resume rather than being replaced.

**Errors.** A failing job logs once per distinct error (a database fault as one
line, anything else with its traceback) and once more when it works again — never
a line per run; APScheduler's own messages (a job skipped because the last run
still hangs on the database) pass through the same kind of filter.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from console import report_pdf
from console.adapters import Adapter
from console.host import FloorHost
from models.db import engine as dbengine
from models.db import reports_db, rollup_db, shiftops_floor, store
from models.domain import report, rules
from models.domain.policy import Policy
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.types import FloorEvent
from models.reports import ops_html, ops_xlsx

log = logging.getLogger(__name__)

JOBSTORE_TABLE = "apscheduler_jobs"
#: job-id namespaces this module owns (reconcile removes unknown ids in them)
OURS = ("rules.", "events.", "notify.", "shift.", "meeting.", "attendance.", "rollup.",
        "report.")
#: R-MEET-1: the meeting is held 10 minutes before the shift; remind then
MEETING_LEAD_MIN = 10
EVALUATE_S = 1.0
NOTIFY_S = 5.0
PRUNE_AT = (3, 17)  # floor time: quiet, and off the hour (archival checkpoints)
#: R-ATT-6: the summary reminder's minute past every hour (floor time)
SUMMARY_AT_MIN = 7
DEADLINE_ID = "rules.deadline"
#: issue #17: how often the host looks for 15-minute intervals to close
ROLLUP_S = 60.0
#: issue #18: how often the host looks for a due report (and the roster reminder)
REPORT_S = 300.0


def floor_key(engine: Engine) -> str:
    """What a job names its floor by: the database URL without its password."""
    return engine.url.render_as_string(hide_password=True)


# ---- the registry of running schedulers (see the module docstring) ------------------

_RUNNING: dict[str, AlertScheduler] = {}
_RUNNING_LOCK = threading.Lock()


def _running(floor: str) -> AlertScheduler | None:
    with _RUNNING_LOCK:
        return _RUNNING.get(floor)


# ---- the job functions (textual references in the job store) -------------------------


def evaluate_rules(floor: str) -> None:
    """``rules.evaluate``: evaluate the rules now."""
    host = _running(floor)
    if host is not None:
        host.run_job("rules.evaluate", host.evaluate)


def evaluate_deadline(floor: str, deadline: str | None = None) -> None:
    """``rules.deadline``: evaluate at a condition's deadline (never before it, on
    the database clock, even if this PC's clock is a little ahead)."""
    host = _running(floor)
    if host is not None:
        at = datetime.fromisoformat(deadline) if deadline else None
        host.run_job(DEADLINE_ID, lambda: host.evaluate(at_least=at, consumed_deadline=True))


def prune_events(floor: str, retention_days: int) -> None:
    """``events.prune``: drop floor events past the retention period."""
    host = _running(floor)
    if host is not None:
        host.run_job("events.prune", lambda: host.prune(retention_days))


def deliver_notifications(floor: str) -> None:
    """``notify.deliver``: hand due notifications to ``console.notify`` if present."""
    host = _running(floor)
    if host is not None:
        host.run_job("notify.deliver", host.deliver)


def shift_started(floor: str, shift: str) -> None:
    """``shift.start:S``: put shift S's roster for today on the floor."""
    host = _running(floor)
    if host is not None:
        host.run_job(f"shift.start:{shift}", lambda: host.roster_sync(shift))


def meeting_reminder(floor: str, shift: str) -> None:
    """``meeting.remind:S``: R-MEET-1, the meeting 10 minutes before shift S."""
    host = _running(floor)
    if host is not None:
        host.run_job(f"meeting.remind:{shift}", lambda: host.remind_meeting(shift))


def summary_reminder(floor: str) -> None:
    """``attendance.summary``: R-ATT-6, the monthly summary's reminder from the 28th."""
    host = _running(floor)
    if host is not None:
        host.run_job("attendance.summary", host.remind_summary)


def close_rollups(floor: str) -> None:
    """``rollup.close``: close the 15-minute intervals that are due (issue #17)."""
    host = _running(floor)
    if host is not None:
        host.run_job("rollup.close", host.close_rollups)


def produce_reports(floor: str) -> None:
    """``report.produce``: the roster reminder, then the due reports (issue #18)."""
    host = _running(floor)
    if host is not None:
        host.run_job("report.produce", host.reports_due)


# ---- clocks --------------------------------------------------------------------------


class FloorClock(Protocol):
    def now(self) -> datetime:
        """The database's time now."""

    def to_local(self, t: datetime) -> datetime:
        """The moment on this PC's clock at which the database's clock shows ``t``."""


class DbClock:
    """The database server's clock, read through this PC's: the offset is measured
    at the first use and once a minute (SQLite has no server: offset zero)."""

    def __init__(self, engine: Engine, refresh_s: float = 60.0) -> None:
        self.engine = engine
        self.refresh_s = refresh_s
        self.offset = timedelta(0)
        self._measured = float("-inf")
        self._failed = False

    def _measure(self) -> None:
        mono = time.monotonic()
        if self.engine.dialect.name == "sqlite" or mono - self._measured < self.refresh_s:
            return
        try:
            with self.engine.connect() as conn:
                t0 = datetime.now(UTC)
                server = dbengine.server_now(conn)
                t1 = datetime.now(UTC)
        except (OperationalError, DBAPIError) as e:
            if not self._failed:
                log.warning("cannot read the database clock (keeping offset %.3f s): %s",
                            self.offset.total_seconds(), str(e).splitlines()[0])
            self._failed = True
            return
        self._failed = False
        self.offset = server - (t0 + (t1 - t0) / 2)
        self._measured = mono

    def now(self) -> datetime:
        self._measure()
        return datetime.now(UTC) + self.offset

    def to_local(self, t: datetime) -> datetime:
        return t - self.offset


# ---- a report, made once ------------------------------------------------------------------


def make_report(engine: Engine, kind: str, period: str, policy: Policy, host: str,
                now: datetime, *, done_at: Callable[[], datetime] | None = None
                ) -> report.Report | None:
    """Issue #18, R-REPORT-1: claim (kind, period) as ``host`` at ``now`` (the ``report``
    row is the lock), build it as of ``now``, lay out its workbook and PDF and store
    them, stamped ``done_at()`` (default: ``now``). None when another host holds the
    claim or took it over meanwhile. A failure marks the row failed (the next run
    takes it over) and raises. The floor host (:meth:`AlertScheduler.produce_reports`)
    and a replay on its virtual clock (:mod:`console.replay_host`) both make theirs
    here."""
    if not reports_db.claim(engine, kind, period, host, now):
        return None
    try:
        r = reports_db.build(engine, kind, period, now, policy)
        xlsx = ops_xlsx.to_bytes(r)
        pdf = report_pdf.render(ops_html.html(r))
    except Exception as e:
        reports_db.fail(engine, kind, period, host, _first_line(e))
        raise
    if not reports_db.finish(engine, kind, period, host, done_at() if done_at else now,
                             r.summary, xlsx, pdf):
        log.warning("report %s %s was taken over by another host while it was made",
                    kind, period)
        return None
    log.info("report %s %s made (%d + %d bytes)", kind, period, len(xlsx), len(pdf))
    return r


# ---- logging once ----------------------------------------------------------------------


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return f"{type(e).__name__}: {text.splitlines()[0] if text else ''}"


class _OnceLog:
    """Each job's distinct errors are logged once; a job that works again says so once."""

    def __init__(self, logger: logging.Logger) -> None:
        self._log = logger
        self._seen: dict[str, set[str]] = {}
        self._count: dict[str, int] = {}
        self._lock = threading.Lock()

    def failed(self, job: str, e: BaseException) -> None:
        sig = _first_line(e)
        with self._lock:
            self._count[job] = self._count.get(job, 0) + 1
            seen = self._seen.setdefault(job, set())
            if sig in seen:
                return
            seen.add(sig)
        if isinstance(e, OperationalError | DBAPIError):
            self._log.error("job %s: database unavailable, retrying: %s", job, sig)
        else:
            self._log.error("job %s failed: %s", job, sig, exc_info=e)

    def ok(self, job: str) -> None:
        with self._lock:
            if self._seen.pop(job, None) is None:
                return
            n = self._count.pop(job, 0)
        self._log.warning("job %s works again after %d failed run(s)", job, n)

    def failures(self, job: str) -> int:
        with self._lock:
            return self._count.get(job, 0)


class _QuietApsLog(logging.LoggerAdapter[logging.Logger]):
    """APScheduler's scheduler logger: warnings and errors only, each distinct message
    at most once an hour (a job skipped every second while the database hangs is one
    line); its INFO chatter (every job added, every deadline moved) stays out."""

    def __init__(self, logger: logging.Logger, every_s: float = 3600.0) -> None:
        super().__init__(logger, {})
        self._every = every_s
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        if level < logging.WARNING:
            return
        try:
            key = str(msg) % args if args else str(msg)
        except (TypeError, ValueError):
            key = str(msg)
        now = time.monotonic()
        with self._lock:
            if now - self._last.get(key, float("-inf")) < self._every:
                return
            if len(self._last) > 200:
                self._last.clear()
            self._last[key] = now
        super().log(level, msg, *args, **kwargs)


# ---- job specifications and reconciliation -------------------------------------------------


def _trigger_sig(trigger: BaseTrigger) -> tuple[Any, ...]:
    if isinstance(trigger, IntervalTrigger):
        return ("interval", trigger.interval_length)
    if isinstance(trigger, CronTrigger):
        return ("cron", str(trigger), str(trigger.timezone))
    if isinstance(trigger, DateTrigger):
        return ("date", trigger.run_date)
    return (type(trigger).__name__, repr(trigger))


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: Callable[..., None]
    trigger: BaseTrigger
    what: str  # how the trigger reads (the job's name)
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    misfire_grace_time: int = 30

    @property
    def func_ref(self) -> str:
        return f"{self.func.__module__}:{self.func.__qualname__}"

    @property
    def name(self) -> str:
        return f"{self.id} ({self.what})"

    def matches(self, job: Job) -> bool:
        return (job.func_ref == self.func_ref and job.name == self.name
                and tuple(job.args) == self.args and dict(job.kwargs) == dict(self.kwargs)
                and job.misfire_grace_time == self.misfire_grace_time
                and job.coalesce is True and job.max_instances == 1
                and _trigger_sig(job.trigger) == _trigger_sig(self.trigger))


@dataclass(frozen=True, slots=True)
class Reconciled:
    added: tuple[str, ...]
    replaced: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[str, ...]


def desired_jobs(key: str, policy: Policy, *, evaluate_s: float = EVALUATE_S,
                 notify_s: float = NOTIFY_S) -> list[JobSpec]:
    """The periodic jobs the floor policy asks for (``rules.deadline`` is dynamic)."""
    h, m = PRUNE_AT
    return [
        JobSpec("rules.evaluate", evaluate_rules,
                IntervalTrigger(seconds=evaluate_s, timezone=UTC), f"every {evaluate_s:g} s",
                (key,), misfire_grace_time=5),
        JobSpec("events.prune", prune_events,
                CronTrigger(hour=h, minute=m, timezone=policy.tz),
                f"daily {h:02d}:{m:02d} {policy.timezone}", (key,),
                {"retention_days": policy.event_retention_days},
                misfire_grace_time=6 * 3600),
        JobSpec("notify.deliver", deliver_notifications,
                IntervalTrigger(seconds=notify_s, timezone=UTC), f"every {notify_s:g} s",
                (key,), misfire_grace_time=30),
        JobSpec("attendance.summary", summary_reminder,
                CronTrigger(minute=SUMMARY_AT_MIN, timezone=policy.tz),
                f"hourly at :{SUMMARY_AT_MIN:02d} {policy.timezone}", (key,),
                misfire_grace_time=30 * 60),
        JobSpec("rollup.close", close_rollups,
                IntervalTrigger(seconds=ROLLUP_S, timezone=UTC), f"every {ROLLUP_S:g} s",
                (key,), misfire_grace_time=60),
        JobSpec("report.produce", produce_reports,
                IntervalTrigger(seconds=REPORT_S, timezone=UTC), f"every {REPORT_S:g} s",
                (key,), misfire_grace_time=int(REPORT_S)),
        *_shift_jobs(key, policy),
    ]


def _shift_jobs(key: str, policy: Policy) -> list[JobSpec]:
    """Per shift of the policy: its start (the roster) and the meeting reminder
    ``MEETING_LEAD_MIN`` before it (R-MEET-1). Ids carry the shift's name, so a
    policy that renames or drops a shift replaces or removes exactly its jobs."""
    out = []
    for sd in policy.shifts:
        st = datetime.combine(datetime(2000, 1, 3).date(), sd.start)
        rem = st - timedelta(minutes=MEETING_LEAD_MIN)
        out.append(JobSpec(f"shift.start:{sd.name}", shift_started,
                           CronTrigger(hour=st.hour, minute=st.minute, timezone=policy.tz),
                           f"daily {st:%H:%M} {policy.timezone}", (key, sd.name),
                           misfire_grace_time=15 * 60))
        out.append(JobSpec(f"meeting.remind:{sd.name}", meeting_reminder,
                           CronTrigger(hour=rem.hour, minute=rem.minute, timezone=policy.tz),
                           f"daily {rem:%H:%M} {policy.timezone}", (key, sd.name),
                           misfire_grace_time=10 * 60))
    return out


def _notify_module() -> Any | None:
    """``console.notify`` if it is installed (written separately); None if absent."""
    if importlib.util.find_spec("console.notify") is None:
        return None
    return importlib.import_module("console.notify")


# ---- the scheduler -------------------------------------------------------------------------


class _Scheduler(BackgroundScheduler):
    """APScheduler 3's background loop looks for due jobs once more after a shutdown
    that woke it (on a job store already disposed: a connection nobody closes); a
    stopped scheduler looks no more."""

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        result: float | None = super()._process_jobs()
        return result

    def remove_job(self, job_id: str, jobstore: str | None = None) -> None:
        """A date job the loop has fired is removed by the loop; ``rules.deadline``
        may have been moved or dropped by the host meanwhile (an evaluation that
        found another next deadline): nothing is left to remove then."""
        try:
            super().remove_job(job_id, jobstore)
        except JobLookupError:
            if job_id != DEADLINE_ID:
                raise


class AlertScheduler:
    """The host's scheduled jobs on one floor database. ``start`` only while holding
    the floor lease; ``stop`` at once when it is lost."""

    def __init__(self, engine: Engine, *, host_id: str, clock: FloorClock | None = None,
                 evaluate_s: float = EVALUATE_S, notify_s: float = NOTIFY_S) -> None:
        self.engine = engine
        self.key = floor_key(engine)
        self.host_id = host_id
        self.clock: FloorClock = clock or DbClock(engine)
        self.evaluate_s = evaluate_s
        self.notify_s = notify_s
        self.writer = store.FloorWriter(engine, source=f"rules:{host_id}",
                                        checkpoint_every_s=60.0)
        self.scheduler: BackgroundScheduler | None = None
        self.evaluations = 0
        self.errors = _OnceLog(log)
        self._eval_lock = threading.Lock()  # one evaluation at a time: the writer is ours
        self._deadline: datetime | None = None
        self._policy_version: int | None = None
        self._running = False
        self._inflight = 0
        self._idle = threading.Condition()
        self._notify_absent_told = False
        self._store_engine: Engine | None = None

    # -- lifecycle --

    def start(self) -> Reconciled:
        """Register, start the scheduler paused, reconcile the jobs, then run them."""
        with _RUNNING_LOCK:
            other = _RUNNING.get(self.key)
            if other is not None and other is not self:
                raise RuntimeError(f"a scheduler already runs for {self.key} in this process")
            _RUNNING[self.key] = self
        try:
            policy = self._state_policy()
            logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)
            self._store_engine = dbengine.make_engine(self.engine.url,
                                                      application_name="seatwatch-scheduler")
            sched = _Scheduler(
                jobstores={"default": SQLAlchemyJobStore(engine=self._store_engine,
                                                         tablename=JOBSTORE_TABLE)},
                executors={"default": ThreadPoolExecutor(max_workers=4)},
                job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30},
                timezone=UTC, logger=_QuietApsLog(logging.getLogger(f"{__name__}.aps")))
            sched.start(paused=True)
            self.scheduler = sched
            self._running = True
            done = self.reconcile(policy)
            sched.resume()
            try:  # a host started mid-shift puts the running shift's roster on the floor
                self.roster_sync()
            except Exception as e:  # noqa: BLE001 - the shift.start job tries again
                self.errors.failed("shift.start", e)
        except BaseException:
            self.stop()
            raise
        log.info("alert scheduler of %s started on %s: added %s, replaced %s, removed %s, "
                 "kept %s", self.host_id, dbengine.safe(self.engine.url),
                 list(done.added), list(done.replaced), list(done.removed), list(done.kept))
        return done

    def stop(self, wait: bool = False, timeout: float = 10.0) -> None:
        """Stop the jobs at once: no job starts after this returns. ``wait``: also
        wait (up to ``timeout``) for a job already running to finish."""
        with _RUNNING_LOCK:
            if _RUNNING.get(self.key) is self:
                del _RUNNING[self.key]
        self._running = False
        sched, self.scheduler = self.scheduler, None
        if sched is not None and sched.running:
            try:
                # never wait=True here: a running job may be waiting for the
                # scheduler's job-store lock that shutdown holds
                sched.shutdown(wait=False)
            except Exception:  # noqa: BLE001 - shutting down regardless
                log.exception("stopping the scheduler")
        if self._store_engine is not None:  # the loop has ended (joined): nothing uses it
            self._store_engine.dispose()
        if wait:
            end = time.monotonic() + timeout
            with self._idle:
                while self._inflight and time.monotonic() < end:
                    self._idle.wait(0.1)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def deadline(self) -> datetime | None:
        """When ``rules.deadline`` is due next (database time), None when nothing is."""
        return self._deadline

    # -- running one job --

    @contextmanager
    def _job(self) -> Iterator[None]:
        with self._idle:
            self._inflight += 1
        try:
            yield
        finally:
            with self._idle:
                self._inflight -= 1
                self._idle.notify_all()

    def run_job(self, job_id: str, fn: Callable[[], object]) -> None:
        if not self._running:
            return
        with self._job():
            try:
                fn()
            except Exception as e:  # noqa: BLE001 - logged once per distinct error
                self.errors.failed(job_id, e)
            else:
                self.errors.ok(job_id)

    # -- the jobs --

    def _state_policy(self) -> Policy:
        with self._eval_lock:
            state = self.writer.current()
            self._policy_version = state.policy_version
            return state.policy

    def evaluate(self, at_least: datetime | None = None,
                 consumed_deadline: bool = False) -> store.AppendResult:
        """One evaluation of every rule on the floor as every host has written it,
        then ``rules.deadline`` moved to the next condition's deadline."""
        with self._eval_lock:
            if consumed_deadline:
                self._deadline = None  # APScheduler drops a date job once it ran
            now = self.clock.now()
            if at_least is not None and at_least > now:
                now = at_least
            deadline: list[datetime | None] = [None]

            def decide(st: Any) -> list[Any]:  # under the floor lock, caught up
                events, deadline[0] = rules.tick(st, now, rules.LIVE_CONFIRM)  # one pass
                return events

            res = self.writer.append(decide)
            self.evaluations += 1
            self._schedule_deadline(deadline[0])
            policy_changed = res.state.policy_version != self._policy_version
            if policy_changed:
                self._policy_version = res.state.policy_version
        if policy_changed and self.scheduler is not None:
            self.reconcile(res.state.policy)
        return res

    def roster_sync(self, shift: str | None = None) -> bool:
        """Append the roster of ``shift`` (None: the shift running now) as it stands
        in the roster table, unless the floor already has exactly that roster. A
        shift with no roster rows ends the previous roster. True if it appended."""
        with self._eval_lock:
            now = self.clock.now()

            def decide(st: Any) -> list[Any]:
                duty = shiftops_floor.roster_event(self.engine, st.policy, now, shift)
                if duty is None:
                    if st.roster is None:
                        return []
                    return [FloorEvent("roster_shift", now, {
                        "shift": st.roster.shift, "day": st.roster.day,
                        "start": st.roster.start.isoformat(),
                        "end": st.roster.end.isoformat(), "agents": [], "leaders": []})]
                if st.roster == duty:
                    return []
                return [FloorEvent("roster_shift", now, duty.as_event_data())]

            res = self.writer.append(decide)
        return bool(res.accepted)

    def remind_meeting(self, shift: str) -> bool:
        """R-MEET-1: raise the meeting reminder for the next start of ``shift``; the
        minutes' saving resolves it (models.db.meetings_db)."""
        with self._eval_lock:
            now = self.clock.now()

            def decide(st: Any) -> list[Any]:
                ev = shiftops_floor.meeting_reminder(self.engine, st, now, shift,
                                                     MEETING_LEAD_MIN)
                return [] if ev is None else [ev]

            res = self.writer.append(decide)
        return bool(res.accepted)

    def remind_summary(self) -> bool:
        """R-ATT-6: raise the monthly summary's reminder from the 28th, resolve it once
        the month's register is confirmed (models.db.shiftops_floor)."""
        with self._eval_lock:
            now = self.clock.now()

            def decide(st: Any) -> list[Any]:
                return shiftops_floor.summary_reminder(self.engine, st, now)

            res = self.writer.append(decide)
        return bool(res.accepted)

    def _schedule_deadline(self, at: datetime | None) -> None:
        if at == self._deadline:
            return
        sched = self.scheduler
        if sched is not None and self._running:
            if at is None:
                with suppress(JobLookupError):
                    sched.remove_job(DEADLINE_ID)
            else:
                sched.add_job(evaluate_deadline,
                              DateTrigger(run_date=self.clock.to_local(at), timezone=UTC),
                              id=DEADLINE_ID, name=f"{DEADLINE_ID} ({at.isoformat()})",
                              args=(self.key,), kwargs={"deadline": at.isoformat()},
                              misfire_grace_time=30, coalesce=True, max_instances=1,
                              replace_existing=True)
        self._deadline = at

    def prune(self, retention_days: int) -> int:
        n = store.prune(self.engine, self.clock.now(), retention_days)
        if n:
            log.info("pruned %d floor events older than %d days", n, retention_days)
        return n

    def close_rollups(self) -> int:
        """Issue #17: build the rollups of the intervals ended ``CLOSE_LAG`` ago, each
        whole from the history, with the floor's policy (its SL threshold T)."""
        with self._eval_lock:
            policy = self.writer.current().policy
        return rollup_db.close_due(self.engine, self.clock.now(), policy)

    def remind_roster(self) -> bool:
        """R-REPORT-1: next month's roster reminder (models.db.shiftops_floor)."""
        with self._eval_lock:
            now = self.clock.now()

            def decide(st: Any) -> list[Any]:
                return shiftops_floor.roster_reminder(self.engine, st, now)

            res = self.writer.append(decide)
        return bool(res.accepted)

    def remind_training(self) -> bool:
        """R-REPORT-1: next week's training plan reminder (models.db.shiftops_floor)."""
        with self._eval_lock:
            now = self.clock.now()

            def decide(st: Any) -> list[Any]:
                return shiftops_floor.training_reminder(self.engine, st, now)

            res = self.writer.append(decide)
        return bool(res.accepted)

    def reports_due(self) -> list[tuple[str, str]]:
        """``report.produce``: the roster and training plan reminders, then the due
        reports."""
        self.remind_roster()
        self.remind_training()
        return self.produce_reports()

    def produce_reports(self) -> list[tuple[str, str]]:
        """Issue #18, R-REPORT-1: make each due report not stored yet, exactly once on
        the floor (the ``report`` row claimed first), once the period's rollups are
        closed (the ``rollup.close`` job catches up a day per run after an outage).
        The slow part (reading, laying the PDF out) holds no lock of the host's. A
        report that fails is marked failed, logged once, and tried again next run."""
        with self._eval_lock:
            policy = self.writer.current().policy
        now = self.clock.now()
        made = []
        for kind, period in report.due_reports(policy.reports, now.astimezone(policy.tz)):
            with self.engine.connect() as conn:
                if reports_db.exists(conn, kind, period) or not reports_db.rollups_ready(
                        conn, kind, period, policy):
                    continue
            r = make_report(self.engine, kind, period, policy, self.host_id, now,
                            done_at=self.clock.now)
            if r is None:
                continue
            made.append((kind, period))
            if policy.reports.webhook_summary:
                self._post_summary(reports_db.summary_line(r))
        return made

    def _post_summary(self, line: str) -> None:
        """The robot's summary line: a courtesy, sent once; a failure is logged (the
        report itself is stored whatever the robot says)."""
        mod = _notify_module()
        if mod is None:
            return
        for kind, err in mod.post_text(self.engine, line):
            if err is not None:
                log.warning("report summary not posted to the %s robot: %s", kind, err)

    def deliver(self) -> int | None:
        mod = _notify_module()
        if mod is None:
            if not self._notify_absent_told:
                self._notify_absent_told = True
                log.debug("console.notify is not installed: notify.deliver does nothing")
            return None
        return int(mod.deliver_due(self.engine, self.clock.now()))

    # -- reconciliation --

    def reconcile(self, policy: Policy | None = None) -> Reconciled:
        """Make the job store hold exactly the jobs the policy asks for."""
        sched = self.scheduler
        if sched is None:
            raise RuntimeError("the scheduler is not running")
        policy = policy or self._state_policy()
        want = {s.id: s for s in desired_jobs(self.key, policy, evaluate_s=self.evaluate_s,
                                              notify_s=self.notify_s)}
        have = {j.id: j for j in sched.get_jobs()}
        added: list[str] = []
        replaced: list[str] = []
        removed: list[str] = []
        kept: list[str] = []
        for jid, job in have.items():
            if not jid.startswith(OURS) or jid in want:
                continue
            if jid == DEADLINE_ID and job.func_ref == _ref(evaluate_deadline) \
                    and tuple(job.args) == (self.key,):
                kept.append(jid)  # dynamic: the next evaluation moves it
                continue
            try:
                sched.remove_job(jid)
            except JobLookupError:
                continue
            removed.append(jid)
        for spec in want.values():
            job = have.get(spec.id)
            if job is not None and spec.matches(job):
                kept.append(spec.id)
                continue
            sched.add_job(spec.func, spec.trigger, id=spec.id, name=spec.name, args=spec.args,
                          kwargs=dict(spec.kwargs), misfire_grace_time=spec.misfire_grace_time,
                          coalesce=True, max_instances=1, replace_existing=True)
            (replaced if job is not None else added).append(spec.id)
        if added or replaced or removed:
            log.info("scheduler jobs reconciled: added %s, replaced %s, removed %s",
                     added, replaced, removed)
        return Reconciled(tuple(added), tuple(replaced), tuple(removed), tuple(kept))


def _ref(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}:{fn.__qualname__}"


# ---- the host role -----------------------------------------------------------------------


#: a host that made no progress for this long has wedged: its lease is given up
STALL_S = 10.0
#: the first start may replay a long warm-up before its first tick
START_S = 120.0


class HostRole:
    """The floor host role for one lease tenure: the :class:`FloorHost` (adapter,
    command outbox, heartbeat) on its thread, and the alert scheduler once the host
    has caught up with its source — so the rules never judge a floor whose events
    are still arriving (a restarted simulator replays its warm-up first).

    Issue #13: :meth:`healthy` tells the lease loop whether the host still works
    (item 3); a lease lost to a database blip :meth:`suspend` stops the role — the
    adapter and its buffered events are kept — and :meth:`resume` goes on with
    them when the lease is ours again and no other host ran the floor meanwhile
    (item 4)."""

    def __init__(self, engine: Engine, adapter: Adapter, host_id: str, *,
                 clock: FloorClock | None = None) -> None:
        # retention is the scheduler's events.prune job, not the host's
        self.engine = engine
        self.host_id = host_id
        self.clock = clock
        self.host = FloorHost(engine, adapter, host_id=host_id, prune_every=None)
        self._begun = time.monotonic()
        self._new_tenure()

    def _new_tenure(self) -> None:
        self.scheduler = AlertScheduler(self.engine, host_id=self.host_id, clock=self.clock)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self.host.run, name="floor-host", daemon=True),
            threading.Thread(target=self._start_scheduler, name="scheduler-start",
                             daemon=True)]

    def start(self) -> HostRole:
        for t in self._threads:
            t.start()
        return self

    def healthy(self) -> str | None:
        """None while the host works; else why it does not (issue #13 item 3)."""
        if not self._threads[0].is_alive():
            return QT_TRANSLATE_NOOP("Host", "its host thread has died")
        limit = STALL_S if self.host.started else START_S
        since = self.host.progress_at if self.host.started else self._begun
        age = time.monotonic() - since
        if age > limit:
            return QT_TRANSLATE_NOOP("Host", "it made no progress for {seconds} s").format(
                seconds=round(age))
        return None

    def suspend(self) -> None:
        """The lease is lost: stop every job at once, keep the adapter and buffer."""
        self._halt()
        log.warning("floor host suspended: %d buffered events kept while the lease is "
                    "taken again", self.host.buffered)

    def resume(self) -> bool:
        """The lease is ours again: go on with the same adapter and buffer when no
        other host ran the floor meanwhile (its run number is still the latest);
        False (and the buffer dropped, counted in the log) when one did."""
        if self.host.started:
            with self.engine.connect() as conn:
                latest = store.get_meta(conn, self.host.run_key)
            if latest != str(self.host.run_no):
                log.error("another floor host ran the floor while the lease was lost "
                          "(run %s, ours %s): dropping %d buffered events; the source "
                          "restarts", latest, self.host.run_no, self.host.buffered)
                return False
        self.host.stopping.clear()
        self.host.writer.state = None  # read the floor again: others may have written
        self._new_tenure()
        self.start()
        log.warning("floor host resumed with the same source and %d buffered events",
                    self.host.buffered)
        return True

    def _start_scheduler(self) -> None:
        while not self._stop.is_set() and not self.host.ready.wait(0.1):
            pass
        told: str | None = None
        while not self._stop.is_set():
            with self._lock:
                if self._stop.is_set():
                    return
                try:
                    self.scheduler.start()
                    return
                except Exception as e:  # noqa: BLE001 - retried, logged once
                    err = _first_line(e)
                    if err != told:
                        told = err
                        if isinstance(e, OperationalError | DBAPIError):
                            log.error("alert scheduler cannot start, retrying: %s", err)
                        else:
                            log.exception("alert scheduler cannot start, retrying")
            self._stop.wait(2.0)

    def stop(self) -> None:
        """The role ends for good: its jobs, its host, then the adapter's connections
        (an AMI link's thread) — a suspended role keeps its adapter instead."""
        self._halt()
        try:
            self.host.adapter.close()
        except Exception:  # noqa: BLE001 - closing must not mask why the role ended
            log.exception("closing the telephony source failed")

    def _halt(self) -> None:
        """The jobs first (at once), then the host; joins briefly."""
        self._stop.set()
        with self._lock:
            self.scheduler.stop()
        self.host.stop()
        for t in self._threads:
            if t.is_alive() and t is not threading.current_thread():
                t.join(10)
