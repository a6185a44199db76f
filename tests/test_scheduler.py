"""The scheduler host (issue #4): the floor lease, the persistent APScheduler jobs
reconciled from the policy, and the rules job raising each condition once with
the second it became true (R-BREAK-1) — on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any, cast

import pytest
import sqlalchemy as sa
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine

import console.scheduler as sch
from console.adapters import NO_SOURCE_MESSAGE, NoSourceAdapter
from console.host import FloorHost
from console.lease import LeaderLoop, Lease, PgLease, SqliteLease, make_lease
from console.scheduler import AlertScheduler
from models.db import engine as dbengine
from models.db import operators, policies, store
from models.db.schema import AlertRow, FloorEventRow, HostLeaseRow
from models.domain import rules
from models.domain.alerts import alert_key
from models.domain.commands import Action, SupervisorCommand
from models.domain.records import LeaseInfo
from models.domain.types import FloorEvent
from tests.conftest import pg_admin
from tests.helpers import wait_until
from tests.signed import submit_command

T = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 Shanghai


class FixedClock:
    """A database clock that stands still (and agrees with this PC's)."""

    def __init__(self, now: datetime) -> None:
        self.t = now

    def now(self) -> datetime:
        return self.t

    def to_local(self, t: datetime) -> datetime:
        return t


def setup_floor(e: Engine, at: datetime, agents: int = 2) -> store.FloorWriter:
    w = store.FloorWriter(e, source="test")
    w.append([FloorEvent("floor_setup", at, {
        "groups": [{"id": "G1", "name": "一班"}], "queues": [{"id": "Q1", "name": "12345"}],
        "agents": [{"id": f"{1001 + i}", "name": f"坐席{i}", "group": "G1"}
                   for i in range(agents)]})]
        + [FloorEvent("agent_state", at, {"agent": f"{1001 + i}", "state": "ready"})
           for i in range(agents)])
    return w


def alerts(e: Engine, rule: str | None = None) -> list[Any]:
    q = sa.select(AlertRow.id, AlertRow.rule, AlertRow.subject, AlertRow.raised_at) \
        .order_by(AlertRow.raised_at, AlertRow.subject)
    with e.connect() as c:
        out = c.execute(q).all()
    return [r for r in out if rule is None or r.rule == rule]


def raised_events(e: Engine) -> list[Any]:
    with e.connect() as c:
        return list(c.execute(sa.select(FloorEventRow.id, FloorEventRow.at,
                                        FloorEventRow.source, FloorEventRow.data)
                              .where(FloorEventRow.type == "alert_raised")
                              .order_by(FloorEventRow.id)).all())


def job_rows(e: Engine) -> dict[str, float | None]:
    with e.connect() as c:
        return {r.id: r.next_run_time for r in c.execute(sa.text(
            "SELECT id, next_run_time FROM apscheduler_jobs"))}


# ---- the lease ----------------------------------------------------------------------


def test_the_lease_is_exclusive_and_a_release_hands_it_over(eng: Engine) -> None:
    a = make_lease(eng, "pc-a:11:aaaaaa")
    b = make_lease(eng, "pc-b:22:bbbbbb")
    try:
        assert a.try_acquire()
        assert not b.try_acquire()
        assert a.renew() and a.try_acquire()  # holding it again is renewing it
        assert not b.try_acquire()
        info = b.current()
        assert info is not None and info.holder == "pc-a:11:aaaaaa"
        assert info.expires_at > info.acquired_at
        a.release()
        assert not a.held and not a.renew()
        assert b.try_acquire()
        assert not a.try_acquire()
        info = a.current()
        assert info is not None and info.holder == "pc-b:22:bbbbbb"
    finally:
        a.close()
        b.close()


class StepClock:
    def __init__(self, t: datetime) -> None:
        self.t = t

    def __call__(self) -> datetime:
        return self.t


def test_a_sqlite_lease_lapses_six_seconds_after_its_last_renewal(sqlite_url: str) -> None:
    e = dbengine.make_engine(sqlite_url)
    clock = StepClock(T)
    a = SqliteLease(e, "pc-a:11:aaaaaa", clock=clock)
    b = SqliteLease(e, "pc-b:22:bbbbbb", clock=clock)
    try:
        assert a.try_acquire()
        clock.t = T + timedelta(seconds=2)
        assert a.renew()  # renewed: held until T+8 s
        clock.t = T + timedelta(seconds=7.9)
        assert not b.try_acquire()
        clock.t = T + timedelta(seconds=8.1)  # a stopped renewing: lapsed
        assert b.try_acquire()
        assert not a.renew()  # the old holder learns it lost the lease
        assert not a.held
        assert not a.try_acquire()
    finally:
        a.close()
        b.close()
        e.dispose()


def test_a_sqlite_lease_of_a_process_gone_from_this_pc_is_taken_at_once(
        sqlite_url: str) -> None:
    e = dbengine.make_engine(sqlite_url)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    holder = f"{socket.gethostname()}:{int(dead.stdout)}:dead00"
    with e.begin() as c:  # a crashed demo left its lease behind, valid for an hour
        c.execute(sa.insert(HostLeaseRow).values(name="floor-host", holder=holder,
                                                 acquired_at=datetime.now(UTC),
                                                 expires_at=datetime.now(UTC)
                                                 + timedelta(hours=1)))
    lease = SqliteLease(e, f"{socket.gethostname()}:1:live00")
    try:
        assert lease.try_acquire()
    finally:
        lease.close()
        e.dispose()


def _lease_backends(dbname: str) -> list[int]:
    with pg_admin() as c:
        return [r[0] for r in c.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s "
            "AND application_name = 'seatwatch-lease'", (dbname,)).fetchall()]


def test_a_postgresql_lease_survives_a_lost_connection_only_if_the_lock_is_free(
        pg_url: str) -> None:
    e = dbengine.make_engine(pg_url)
    dbname = e.url.database or ""
    a = PgLease(e, "pc-a:11:aaaaaa")
    b = PgLease(e, "pc-b:22:bbbbbb")
    try:
        assert a.try_acquire()
        # the connection dies but nobody took the lock meanwhile: taken again
        with pg_admin() as c:
            c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s AND application_name = 'seatwatch-lease'",
                      (dbname,))
        wait_until(lambda: not _lease_backends(dbname), "the lease session to end")
        assert a.renew()
        assert not b.try_acquire()
        # the connection dies and a standby takes the lock at once: lost
        with pg_admin() as c:
            c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s AND application_name = 'seatwatch-lease'",
                      (dbname,))
        wait_until(lambda: not _lease_backends(dbname), "the lease sessions to end")
        assert b.try_acquire()
        assert not a.renew()
        assert not a.held
        info = a.current()
        assert info is not None and info.holder == "pc-b:22:bbbbbb"
    finally:
        a.close()
        b.close()
        e.dispose()


class FakeRole:
    def __init__(self) -> None:
        self.stopped = threading.Event()

    def stop(self) -> None:
        self.stopped.set()


def test_a_host_that_loses_its_lease_stops_its_role_at_once_and_stands_by(
        sqlite_url: str) -> None:
    e = dbengine.make_engine(sqlite_url)
    frozen = StepClock(datetime.now(UTC))
    # the holder's clock stands still, as if it froze: its renewals never reach past
    # frozen + 6 s, and the other host, 7 s later, finds the lease lapsed
    mine = SqliteLease(e, "pc-a:11:aaaaaa", clock=frozen)
    thief = SqliteLease(e, "pc-b:22:bbbbbb",
                        clock=StepClock(frozen.t + timedelta(seconds=7)))
    roles: list[FakeRole] = []
    standby: list[LeaseInfo | None] = []
    lost = threading.Event()
    stopping = threading.Event()

    def start() -> FakeRole:
        roles.append(FakeRole())
        return roles[-1]

    loop = LeaderLoop(mine, start, stopping, renew_s=0.05, retry_s=0.05,
                      on_standby=standby.append, on_lost=lost.set)
    t = threading.Thread(target=loop.run)
    t.start()
    try:
        wait_until(lambda: len(roles) == 1, "the role to start")
        assert not roles[0].stopped.is_set()
        assert thief.try_acquire()
        wait_until(lost.is_set, "the loss to be noticed")
        assert roles[0].stopped.is_set()
        wait_until(lambda: bool(standby), "standing by again")
        assert standby[-1] is not None and standby[-1].holder == "pc-b:22:bbbbbb"
        assert len(roles) == 1
        thief.release()  # the other host stops: this one takes over with a fresh role
        wait_until(lambda: len(roles) == 2, "the second tenure")
    finally:
        stopping.set()
        t.join(10)
        thief.close()
    assert not t.is_alive()
    assert roles[-1].stopped.is_set() and not mine.held
    assert thief.try_acquire()  # released on the way out
    thief.close()
    e.dispose()


class HangingLease(Lease):
    """Renewals hang until ``gate`` opens (a silent network)."""

    renew_deadline_s = 0.1

    def __init__(self) -> None:
        super().__init__(cast(Engine, None), "pc-a:11:aaaaaa")
        self.gate = threading.Event()

    def try_acquire(self) -> bool:
        self.held = True
        return True

    def renew(self) -> bool:
        self.gate.wait(30)
        return self.held

    def release(self) -> None:
        self.held = False

    def current(self) -> LeaseInfo | None:
        return None


def test_a_renewal_that_hangs_stops_the_role_without_waiting_for_it() -> None:
    lease = HangingLease()
    roles: list[FakeRole] = []
    lost = threading.Event()
    stopping = threading.Event()

    def start() -> FakeRole:
        roles.append(FakeRole())
        return roles[-1]

    loop = LeaderLoop(lease, start, stopping, renew_s=0.05, retry_s=0.05, on_lost=lost.set)
    t = threading.Thread(target=loop.run)
    t.start()
    try:
        wait_until(lambda: bool(roles) and roles[0].stopped.is_set(),
                   "the role to stop while the renewal still hangs")
        assert not lost.is_set() and len(roles) == 1
        lease.gate.set()  # the renewal finally returns: then a fresh start
        wait_until(lost.is_set, "the loss to be reported")
        wait_until(lambda: len(roles) == 2, "a new tenure")
    finally:
        lease.gate.set()
        stopping.set()
        t.join(10)
    assert not t.is_alive() and roles[-1].stopped.is_set()


# ---- the rules job ---------------------------------------------------------------------


def test_the_rules_job_raises_a_break_over_its_limit_once_with_its_exact_second(
        eng: Engine) -> None:
    w = setup_floor(eng, T - timedelta(hours=1))
    brk = T - timedelta(minutes=11)
    later = T - timedelta(minutes=5)
    w.append([FloorEvent("agent_state", brk, {"agent": "1001", "state": "away",
                                              "reason": "short_break"}),
              FloorEvent("agent_state", later, {"agent": "1002", "state": "away",
                                                "reason": "short_break"})])
    s = AlertScheduler(eng, host_id="test-host", clock=FixedClock(T))
    res = s.evaluate()
    assert {e.type for e in res.accepted} == {"alert_raised"}
    over = [a for a in alerts(eng, "R-BREAK-1") if a.subject == "agent:1001"]
    assert len(over) == 1
    assert over[0].raised_at == brk + timedelta(minutes=10)  # R-BREAK-1
    assert over[0].id == alert_key("R-BREAK-1", "agent:1001", brk + timedelta(minutes=10))
    pre = [a for a in alerts(eng) if a.subject == "agent:1001:pre"]
    assert [a.raised_at for a in pre] == [brk + timedelta(minutes=8)]
    # the next condition: 1002's pre-warning, 8 minutes into its break
    assert s.deadline == later + timedelta(minutes=8)
    n = len(raised_events(eng))
    res = s.evaluate()
    assert res.accepted == ()
    assert len(raised_events(eng)) == n
    assert len([a for a in alerts(eng, "R-BREAK-1") if a.subject == "agent:1001"]) == 1
    # another writer (a second host) evaluating the same floor adds nothing either
    other = AlertScheduler(eng, host_id="other-host", clock=FixedClock(T))
    assert other.evaluate().accepted == ()
    assert len(raised_events(eng)) == n
    assert {r.source for r in raised_events(eng)} == {"rules:test-host"}


def test_the_deadline_job_raises_a_limit_at_its_second(eng: Engine) -> None:
    """With the periodic evaluation an hour away, only ``rules.deadline`` can raise
    the alert: it is scheduled at the limit and raises it with its exact second."""
    now = datetime.now(UTC)
    w = setup_floor(eng, now - timedelta(hours=1), agents=1)
    brk = now - timedelta(minutes=10) + timedelta(seconds=1.5)
    w.append([FloorEvent("agent_state", brk, {"agent": "1001", "state": "away",
                                              "reason": "short_break"})])
    s = AlertScheduler(eng, host_id="deadline-host", evaluate_s=3600.0)
    s.start()
    try:
        s.evaluate()  # raises the pre-warning, schedules the limit
        due = brk + timedelta(minutes=10)
        # the limit itself is allowed: the breach is confirmed a tick after it, and
        # dated at it (R-LIMIT-1, issue #16)
        check = due + rules.LIVE_CONFIRM
        assert s.deadline == check
        assert s.scheduler is not None
        job = s.scheduler.get_job(sch.DEADLINE_ID)
        assert job is not None and job.kwargs == {"deadline": check.isoformat()}
        assert abs((job.next_run_time - s.clock.to_local(check)).total_seconds()) < 1e-3
        wait_until(lambda: any(a.subject == "agent:1001" for a in alerts(eng, "R-BREAK-1")),
                   "the deadline job to raise R-BREAK-1")
    finally:
        s.stop(wait=True)
    over = [a for a in alerts(eng, "R-BREAK-1") if a.subject == "agent:1001"]
    assert [a.raised_at for a in over] == [due]
    ev = [r for r in raised_events(eng) if r.data["subject"] == "agent:1001"]
    assert len(ev) == 1 and ev[0].at >= check
    assert s.evaluations == 2  # the manual one and the deadline job's
    assert s.errors.failures(sch.DEADLINE_ID) == 0


# ---- the job store: reconcile, restart ------------------------------------------------------


def _seed_jobs(url: str, key: str) -> None:
    """An older version of the host left its jobs behind: one we no longer have, one
    with another interval, the prune job with another retention; plus a job that is
    not ours."""
    e = dbengine.make_engine(url)
    old = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(engine=e)},
                              timezone=UTC)
    old.start(paused=True)
    old.add_job(sch.evaluate_rules, IntervalTrigger(seconds=10, timezone=UTC),
                id="rules.legacy", name="rules.legacy", args=(key,))
    old.add_job(sch.deliver_notifications, IntervalTrigger(seconds=60, timezone=UTC),
                id="notify.deliver", name="notify.deliver (every 60 s)", args=(key,),
                misfire_grace_time=30, coalesce=True, max_instances=1)
    prune = next(j for j in sch.desired_jobs(key, _default_policy())
                 if j.id == "events.prune")
    old.add_job(prune.func, prune.trigger, id=prune.id, name=prune.name, args=prune.args,
                kwargs={"retention_days": 7}, misfire_grace_time=prune.misfire_grace_time,
                coalesce=True, max_instances=1)
    old.add_job("time:time", DateTrigger(run_date=datetime(2099, 1, 1, tzinfo=UTC)),
                id="reports.monthly", name="someone else's")
    old.shutdown(wait=True)
    e.dispose()  # APScheduler 3 looks for due jobs once more after its shutdown


def _default_policy() -> Any:
    from models.domain.policy import Policy

    return Policy()


#: issue #6: per shift of the default policy, its start (the roster) and the meeting
#: reminder 10 minutes before it (R-MEET-1)
SHIFT_JOBS = {"shift.start:白班", "shift.start:夜班", "meeting.remind:白班", "meeting.remind:夜班"}
#: issue #16, R-ATT-6: the monthly summary's reminder, hourly
SUMMARY_JOB = "attendance.summary"
#: issue #17: the 15-minute rollups, closed every minute
ROLLUP_JOB = "rollup.close"
REPORT_JOB = "report.produce"  # issue #18, R-REPORT-1
BASE_JOBS = {"rules.evaluate", "events.prune", "notify.deliver", SUMMARY_JOB,
             ROLLUP_JOB, REPORT_JOB} | SHIFT_JOBS


def test_job_ids_are_reconciled_from_the_policy_at_start(db_url: str, eng: Engine) -> None:
    s = AlertScheduler(eng, host_id="reconcile-host")
    _seed_jobs(db_url, s.key)
    done = s.start()
    try:
        assert set(done.added) == {"rules.evaluate", SUMMARY_JOB, ROLLUP_JOB,
                                   REPORT_JOB} | SHIFT_JOBS
        assert set(done.replaced) == {"notify.deliver", "events.prune"}
        assert set(done.removed) == {"rules.legacy"}
        assert s.scheduler is not None
        jobs = {j.id: j for j in s.scheduler.get_jobs()}
        assert set(jobs) == BASE_JOBS | {"reports.monthly"}
        # R-MEET-1: the reminder 10 minutes before each shift, on the floor's clock
        assert str(jobs["meeting.remind:白班"].trigger) == \
            "cron[hour='7', minute='50']"
        assert str(jobs["shift.start:夜班"].trigger) == "cron[hour='20', minute='0']"
        assert str(jobs[SUMMARY_JOB].trigger) == "cron[minute='7']"
        assert jobs["events.prune"].kwargs == {"retention_days": 30}
        assert jobs["notify.deliver"].trigger.interval_length == 5.0
        assert jobs[ROLLUP_JOB].trigger.interval_length == 60.0
        assert jobs[ROLLUP_JOB].func_ref == "console.scheduler:close_rollups"
        assert jobs[REPORT_JOB].trigger.interval_length == 300.0
        assert jobs[REPORT_JOB].func_ref == "console.scheduler:produce_reports"
        for jid in ("rules.evaluate", "events.prune", "notify.deliver", ROLLUP_JOB,
                    REPORT_JOB):
            assert jobs[jid].coalesce and jobs[jid].max_instances == 1
            assert jobs[jid].misfire_grace_time and jobs[jid].misfire_grace_time > 0
        assert jobs["reports.monthly"].func_ref == "time:time"  # not ours: untouched
    finally:
        s.stop(wait=True)


def test_a_restarted_scheduler_resumes_its_persisted_jobs(eng: Engine) -> None:
    first = AlertScheduler(eng, host_id="first-run")
    assert set(first.start().added) == BASE_JOBS
    try:
        wait_until(lambda: first.evaluations >= 1, "the first scheduler's rules job")
    finally:
        first.stop(wait=True)
    rows = job_rows(eng)
    assert set(rows) == BASE_JOBS
    assert sch._running(first.key) is None  # its jobs can no longer reach it

    second = AlertScheduler(eng, host_id="second-run")
    done = second.start()
    try:
        assert done.added == () and done.replaced == () and done.removed == ()
        assert set(done.kept) == BASE_JOBS
        # the very rows the first run left: the daily prune keeps its next run
        assert job_rows(eng)["events.prune"] == rows["events.prune"]
        wait_until(lambda: second.evaluations >= 1, "the persisted rules job to run again")
        wait_until(lambda: job_rows(eng)["rules.evaluate"] != rows["rules.evaluate"],
                   "the persisted rules job to move on")
    finally:
        second.stop(wait=True)


def test_a_new_policy_version_reconciles_the_jobs(eng: Engine) -> None:
    s = AlertScheduler(eng, host_id="policy-host", evaluate_s=3600.0)
    s.start()
    try:
        assert s.scheduler is not None
        job = s.scheduler.get_job("events.prune")
        assert job is not None and job.kwargs == {"retention_days": 30}
        policies.apply_policy(store.FloorWriter(eng, source="test"),
                              '[floor]\ntimezone = "Asia/Urumqi"\n[retention]\nevent_days = 10\n',
                              "test", "policy.toml")
        s.evaluate()  # sees the policy_applied event
        job = s.scheduler.get_job("events.prune")
        assert job is not None and job.kwargs == {"retention_days": 10}
        assert str(job.trigger.timezone) == "Asia/Urumqi"
        # issue #6: the shift jobs follow the policy's shifts (早/中/夜 replace 白/夜)
        policies.apply_policy(store.FloorWriter(eng, source="test"), "\n".join(
            f'[[shifts]]\nname = "{n}"\nstart = "{a}"\nend = "{b}"' for n, a, b in
            (("早班", "07:00", "15:00"), ("中班", "15:00", "23:00"),
             ("夜班", "23:00", "07:00"))), "test", "policy.toml")
        s.evaluate()
        ids = {j.id for j in s.scheduler.get_jobs()}
        assert {i for i in ids if i.startswith(("shift.", "meeting."))} == {
            f"{k}:{n}" for k in ("shift.start", "meeting.remind") for n in ("早班", "中班", "夜班")}
        remind = s.scheduler.get_job("meeting.remind:夜班")
        assert remind is not None and str(remind.trigger) == "cron[hour='22', minute='50']"
    finally:
        s.stop(wait=True)


# ---- the other jobs, errors --------------------------------------------------------------


def test_a_failing_job_logs_once_per_distinct_error(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    e = dbengine.make_engine(sqlite_url)
    s = AlertScheduler(e, host_id="noisy", clock=FixedClock(T))
    s._running = True  # as if started; run_job refuses to run otherwise
    boom: list[Exception] = [ValueError("rule bug")]

    def tick(state: Any, now: datetime, confirm: timedelta = rules.EXACT
             ) -> tuple[list[FloorEvent], datetime | None]:
        raise boom[0]

    monkeypatch.setattr(sch.rules, "tick", tick)
    caplog.set_level(logging.INFO, logger="console.scheduler")
    for _ in range(5):
        s.run_job("rules.evaluate", s.evaluate)
    boom[0] = KeyError("another")
    for _ in range(5):
        s.run_job("rules.evaluate", s.evaluate)
    monkeypatch.undo()
    s.run_job("rules.evaluate", s.evaluate)
    s.run_job("rules.evaluate", s.evaluate)
    msgs = [r.getMessage() for r in caplog.records if r.name == "console.scheduler"]
    assert msgs == ["job rules.evaluate failed: ValueError: rule bug",
                    "job rules.evaluate failed: KeyError: 'another'",
                    "job rules.evaluate works again after 10 failed run(s)"]
    e.dispose()


def test_notify_deliver_calls_the_notifier_when_there_is_one(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    e = dbengine.make_engine(sqlite_url)
    s = AlertScheduler(e, host_id="notify", clock=FixedClock(T))
    calls: list[tuple[Engine, datetime]] = []

    def deliver_due(engine: Engine, now: datetime) -> int:
        calls.append((engine, now))
        return 3

    monkeypatch.setattr(sch, "_notify_module", lambda: SimpleNamespace(deliver_due=deliver_due))
    assert s.deliver() == 3
    assert calls == [(e, T)]
    monkeypatch.setattr(sch, "_notify_module", lambda: None)
    caplog.set_level(logging.INFO)
    assert s.deliver() is None  # absent: quietly nothing
    assert not [r for r in caplog.records if r.levelno >= logging.INFO]
    e.dispose()


def test_events_prune_calls_the_store_retention(eng: Engine) -> None:
    old = datetime.now(UTC) - timedelta(days=40)
    w = setup_floor(eng, old)
    with w.engine.begin() as c:
        store.write_checkpoint(c, w.current())
    w.append([FloorEvent("agent_state", datetime.now(UTC), {"agent": "1001",
                                                              "state": "logged_out"})],
             force_checkpoint=True)
    s = AlertScheduler(eng, host_id="prune")
    assert s.prune(30) == 3  # floor_setup and two logins, kept by the checkpoint
    assert s.prune(30) == 0


def test_a_host_without_a_source_fails_controls_with_a_clear_message(
        sqlite_url: str) -> None:
    e = dbengine.make_engine(sqlite_url)
    setup_floor(e, T)
    with e.begin() as c:
        operators.create_operator(c, "L01", "张班长", "pw-L01-secret", {"shift_leader"},
                                  by="test", now=T)
    h = FloorHost(e, NoSourceAdapter(), clock=lambda: T + timedelta(seconds=5))
    h.start()
    submit_command(e, SupervisorCommand(id="cmd-1", action=Action.FORCE_READY, agent="1001",
                                        supervisor="L01", reason="test"), T)
    h.tick()
    with e.connect() as c:
        row = c.execute(sa.text("SELECT status, message FROM supervisor_command")).one()
        beat, _ = store.heartbeat_age(c)
    assert row.status == "failed" and row.message == NO_SOURCE_MESSAGE
    assert "--source none" in row.message
    assert beat is not None  # the host still beats
    e.dispose()


# ---- issue #13 item 4: a lost lease keeps the source and its buffer ---------------------


class BlinkingLease(Lease):
    """A real lease whose renewal fails when ``blink`` is set (a database blip)."""

    def __init__(self, inner: Lease) -> None:
        super().__init__(inner.engine, inner.holder)
        self.inner = inner
        self.blink = threading.Event()

    def try_acquire(self) -> bool:
        self.held = self.inner.try_acquire()
        return self.held

    def renew(self) -> bool:
        if self.blink.is_set():
            self.blink.clear()
            self.held = False
            return False
        return self.inner.renew()

    def release(self) -> None:
        self.held = False
        self.inner.release()

    def close(self) -> None:
        self.inner.close()


def evs_now(e: Engine) -> list[FloorEvent]:
    with e.connect() as c:
        return store.read_events(c, 0, limit=1_000_000)


@pytest.mark.parametrize("other_host_ran", [False, True])
def test_a_lease_lost_to_a_blip_resumes_the_same_floor_unless_another_host_ran_it(
        db_url: str, other_host_ran: bool, caplog: pytest.LogCaptureFixture) -> None:
    """Before: every lost lease restarted the adapter — every call ended, every
    agent logged out ("sim restart"), the buffer dropped. Now the role resumes with
    the same source; only when another host ran the floor meanwhile (its run number
    moved on) is the source started afresh, the buffer dropped and counted."""
    from console.adapters import SimulatorAdapter

    e = dbengine.make_engine(db_url)
    lease = BlinkingLease(make_lease(e, f"{socket.gethostname()}:1:aaaaaa"))
    roles: list[sch.HostRole] = []
    stopping = threading.Event()
    lost = threading.Event()

    def start() -> sch.HostRole:
        roles.append(sch.HostRole(e, SimulatorAdapter(agents=10, seed=2),
                                  lease.holder).start())
        return roles[-1]

    loop = LeaderLoop(lease, start, stopping, renew_s=0.1, retry_s=0.1, on_lost=lost.set)
    t = threading.Thread(target=loop.run)
    caplog.set_level(logging.INFO)
    t.start()
    try:
        wait_until(lambda: bool(roles) and roles[0].host.ready.is_set(), "the host to run",
                   60)
        if other_host_ran:
            with store.writing(e).begin() as c:  # another host took the floor meanwhile
                store.next_run(c, "run:sim")
        lease.blink.set()
        wait_until(lost.is_set, "the lease to be lost")
        # the lease loop counts the tenure before it resumes the role (its threads
        # start a moment later): wait for the host thread to run again
        wait_until(lambda: loop.tenures == 2 and roles[-1].host.ready.is_set()
                   and roles[-1].healthy() is None, "the second tenure", 60)
    finally:
        stopping.set()
        t.join(30)
    evs = evs_now(e)
    e.dispose()
    setups = [ev for ev in evs if ev.type == "floor_setup"]
    closed = [ev for ev in evs if ev.get("note") == "sim restart"]
    if other_host_ran:
        assert len(roles) == 2 and len(setups) == 2
        assert "dropping" in caplog.text and "buffered events" in caplog.text
    else:
        assert len(roles) == 1, "the role was started afresh"
        assert len(setups) == 1 and not closed  # no call ended, no agent logged out
        assert "resumed with the same source" in caplog.text
    assert not t.is_alive()
