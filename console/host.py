"""The floor host: adapter → floor log, command outbox → adapter, heartbeat.

Runs headless in ``seatwatch service`` and on a thread in ``seatwatch demo``.
Database outages are environmental: the host logs them once, keeps the
adapter's events in memory (bounded) and writes them when the database is back,
so none is lost.

A control runs exactly once (issue #13 item 5): the host claims its row
(``executing``, by this host, when, which attempt) in its own committed
transaction, then acts, then records the effect, the result and the audit row in
one transaction. A failed commit of the result is retried without acting again. A
row claimed by a host that died in between is never acted on again either: the
adapter is asked whether the effect happened (done / failed / unknown). A control
still pending after the policy's ``controls.expiry_s`` fails as expired.

Roles are enforced here, where controls are executed, not only in the console
(R-CTRL-1): a command whose operator is unknown, disabled or without a role
that allows supervisor controls never reaches the adapter; it is marked failed
and audited as refused. A sign-in lock is not checked here (issue #13 item 7): it
guards signing in, not the session of a leader already signed in. Every command's outcome is audited in the same
transaction as its result, and so is the end of every monitor/whisper/barge
session that ends without a ``stop`` (the call ended or was taken over).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from console.adapters import Adapter
from models.db import audit as auditlog
from models.db import host_db, store
from models.db.schema import utc
from models.domain.commands import Action, SupervisorCommand, result_payload
from models.domain.floor import FloorState
from models.domain.roles import Operator, command_refusal
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.types import AwayReason, FloorEvent

log = logging.getLogger(__name__)

MAX_BUFFER = 200_000  # events kept in memory while the database is away
#: a host whose heartbeat is this old is gone: the controls it claimed are resolved by
#: asking the adapter, never by acting again (longer than the SQLite lease's lapse)
ORPHAN_AFTER_S = 10.0
#: a control still pending after the policy's expiry (issue #13 item 5)
EXPIRED_MESSAGE = QT_TRANSLATE_NOOP(
    "Commands", "Expired: not started by the floor host within {seconds} s")
#: who refuses a short break begun during the peak plan (R-PEAK-1, issue #16): the
#: policy, not a person; the audit log and the floor log name it so
PEAK_PLAN_OPERATOR = "peak-plan"
#: the reason the agent is made ready again, as a leader's force-ready carries one
PEAK_REFUSAL_REASON = "高峰预案:暂停小休(R-PEAK-1)"


def is_outage(e: BaseException) -> bool:
    """Issue #13 item 2: only a connection-level error is an outage (retried until
    the database is back). An integrity or data error is a bug in what was written:
    retrying it changes nothing, so the offending event is parked instead."""
    if isinstance(e, DBAPIError) and e.connection_invalidated:
        return True
    return isinstance(e, OperationalError | InterfaceError)


def utcnow() -> datetime:
    return datetime.now(UTC)


class FloorHost:
    def __init__(self, engine: Engine, adapter: Adapter, *, host_id: str | None = None,
                 clock: Callable[[], datetime] = utcnow, tick_s: float = 0.2,
                 beat_s: float = 1.0,
                 prune_every: timedelta | None = timedelta(hours=6)) -> None:
        self.engine = engine
        self.adapter = adapter
        self.host_id = host_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.clock = clock
        self.tick_s = tick_s
        self.beat_s = beat_s
        self.writer = store.FloorWriter(engine, source=f"host:{adapter.name}")
        self.stopping = threading.Event()
        #: set after the first tick: the floor has caught up with the source (the
        #: alert scheduler starts then, so it never judges a floor still catching up)
        self.ready = threading.Event()
        #: None: retention is pruned elsewhere (the scheduler's events.prune job)
        self.prune_every = prune_every
        self._pending: deque[FloorEvent] = deque()
        self._peak_level = 0
        #: R-PEAK-1 break alerts this host has refused already (issue #16)
        self._refused: set[str] = set()
        self._started = False
        self._started_at = clock()
        self._last_beat = datetime.min.replace(tzinfo=UTC)
        self._last_prune = datetime.min.replace(tzinfo=UTC)
        self._db_ok = True
        self.errors = 0
        #: controls acted on whose result is not recorded yet (issue #13 item 5)
        self._unrecorded: dict[str, _Outcome] = {}
        #: this start's run number (issue #13 item 1); None before :meth:`start`
        self.run_no: int | None = None
        #: monotonic time the loop last made progress: a tick that went through, or
        #: an outage it is waiting out (issue #13 item 3: the lease is renewed only
        #: while this is recent)
        self.progress_at = time.monotonic()
        self._ticks = 0
        # a test hook (issue #13 item 3): the host thread dies with a non-database
        # error after this many ticks; unset (0) in production
        self._fail_after = _env_int("SEATWATCH_TEST_HOST_FAIL_AFTER_TICKS")

    # -- lifecycle --

    def start(self) -> None:
        now = self.clock()
        state = self.writer.current()
        # live floor: the clock is real. Issue #13 item 1: every start of a source is
        # a new run, numbered by the database, so the ids it makes (calls, tickets)
        # never meet a previous run's or another host's in a keyed table
        run = host_db.start_live_run(self.engine, self.run_key)
        self.run_no = run
        self.adapter.set_run(run)
        self.adapter.bind(self.writer.current)
        self._append(self.adapter.start(state, now))
        self._started = True
        self._beat(now)
        self.progress_at = time.monotonic()

    @property
    def run_key(self) -> str:
        return f"run:{self.adapter.name}"

    @property
    def started(self) -> bool:
        return self._started

    @property
    def buffered(self) -> int:
        """Events read from the source and not yet in the floor log."""
        return len(self._pending)

    def run(self) -> None:
        """Loop until :meth:`stop`; database faults are retried, never fatal. Any
        other error ends the thread, said loudly: the lease loop sees the dead thread
        and gives the role up so a standby takes over (issue #13 item 3)."""
        try:
            self._run()
        except BaseException:
            log.critical("the floor host thread died; the floor host role ends",
                         exc_info=True)
            raise

    def _run(self) -> None:
        while not self._started and not self.stopping.is_set():
            try:
                self.start()
            except (OperationalError, DBAPIError) as e:
                self._db_down(e)
                self.progress_at = time.monotonic()
                self.stopping.wait(2.0)
        while not self.stopping.is_set():
            try:
                self.tick()
            except DBAPIError as e:
                self.writer.state = None  # reload from the database when it is back
                if is_outage(e):
                    self._db_down(e)
                    self.progress_at = time.monotonic()  # alive, waiting for the database
                    self.stopping.wait(1.0)
                    continue
                # not an outage (issue #13 item 2): a bug, said loudly; the host goes on
                self.errors += 1
                log.exception("database refused a write of the floor host (not an "
                              "outage; going on)")
            else:
                self.progress_at = time.monotonic()
            self.ready.set()
            self.stopping.wait(self.tick_s)

    def stop(self) -> None:
        self.stopping.set()

    # -- one tick --

    def tick(self) -> None:
        self._ticks += 1
        if self._fail_after and self._ticks > self._fail_after:
            raise RuntimeError(f"test hook: the floor host fails after {self._fail_after} "
                               "ticks (SEATWATCH_TEST_HOST_FAIL_AFTER_TICKS)")
        now = self.clock()
        self._pending.extend(self.adapter.poll(now))
        if len(self._pending) > MAX_BUFFER:  # pragma: no cover - hours of outage
            log.error("database away too long: dropping %d oldest events",
                      len(self._pending) - MAX_BUFFER)
            while len(self._pending) > MAX_BUFFER:
                self._pending.popleft()
        # a control acted on whose result did not commit is recorded before what the
        # source did after it, and never acted on again (issue #13 item 5)
        for out in list(self._unrecorded.values()):
            self._record(out)
        if self._pending:
            batch = list(self._pending)
            self._append_or_park(batch)
            for _ in batch:
                self._pending.popleft()
        self._commands(now)
        self._follow_peak_plan()
        self._refuse_breaks(now)
        if (now - self._last_beat).total_seconds() >= self.beat_s:
            self._beat(now)
        if self.prune_every is not None and (now - self._last_prune) > self.prune_every:
            self._prune(now)
        if not self._db_ok:
            log.warning("database reachable again; floor host resumes")
            self._db_ok = True

    def _follow_peak_plan(self) -> None:
        """The peak plan's level (R-PEAK-1/2, raised by the alert scheduler) reaches
        the telephony side: the simulator stops breaks and callbacks at level 1 and
        brings everyone in at level 2, as a floor following the plan would."""
        st = self.writer.state
        level = st.peak_level() if st is not None else 0
        if level != self._peak_level:
            log.info("peak plan level %d -> %d", self._peak_level, level)
            self._peak_level = level
            self.adapter.set_peak_level(level)

    def _refuse_breaks(self, now: datetime) -> None:
        """R-PEAK-1 (issue #16): with ``peak.refuse_breaks`` on and a source that can
        un-pause, a short break flagged during the peak plan (its ``agent:ID:break``
        alert) is refused once: the source makes the agent ready again, and the floor
        log (the control's events) and the audit log say why — the peak plan, by the
        policy, not a person. Off, or with a source that cannot, it is flagged only."""
        st = self.writer.state
        if st is None:
            return
        flagged = {a.id: a for a in st.alerts.values()
                   if a.rule == "R-PEAK-1" and a.subject.endswith(":break") and a.agent}
        self._refused &= set(flagged)
        if not st.policy.peak_refuse_breaks or not self.adapter.can_unpause:
            return
        for aid, a in sorted(flagged.items()):
            if aid in self._refused or a.agent is None:
                continue
            self._refused.add(aid)
            cmd = SupervisorCommand(f"peak-{uuid.uuid4().hex}", Action.FORCE_READY, a.agent,
                                    PEAK_PLAN_OPERATOR, reason=PEAK_REFUSAL_REASON)
            events = self.adapter.execute(cmd, st, now) or [FloorEvent(
                "command_failed", now, {"command": cmd.id,
                                        "message": "adapter returned nothing"})]
            result = events[-1]
            log.info("peak plan: short break of %s refused (%s)", a.agent, result.type)

            def audit(conn: Connection, post: FloorState, accepted: Any, cmd: SupervisorCommand
                      = cmd, a: Any = a, result: FloorEvent = result) -> None:
                status = "done" if result.type == "command_done" else "failed"
                auditlog.audit(conn, at=now, operator=PEAK_PLAN_OPERATOR, roles=(),
                               action=Action.FORCE_READY.value, agent=a.agent,
                               detail={"command": cmd.id, "reason": cmd.reason,
                                       "rule": "R-PEAK-1", "alert": a.id,
                                       "policy": "peak.refuse_breaks"},
                               result=f"{status}: {result.get('message', '')}")

            self.writer.append(events, extra=audit)

    def _append_or_park(self, events: list[FloorEvent]) -> None:
        """Append ``events``; when the database refuses them for a reason that is not
        an outage (IntegrityError, DataError, …), bisect the batch so the good events
        commit once and each offender is parked in ``rejected_event`` with the
        reason (issue #13 item 2). An outage propagates: the batch stays buffered."""
        try:
            self._append(events)
        except DBAPIError as e:
            if is_outage(e):
                raise
            self.writer.state = None  # the transaction rolled back: reload
            if len(events) == 1:
                self._park(events[0], e)
                return
            half = len(events) // 2
            self._append_or_park(events[:half])
            self._append_or_park(events[half:])

    def _park(self, event: FloorEvent, e: DBAPIError) -> None:
        kind = type(e).__name__ if e.orig is None or type(e.orig).__name__ == \
            type(e).__name__ else f"{type(e).__name__} ({type(e.orig).__name__})"
        reason = f"{kind}: " + \
            (str(e.orig or e).strip().splitlines() or [""])[0]
        log.error("PARKED %s event at %s: the database refused it (%s); it is kept in "
                  "rejected_event and the floor host goes on", event.type,
                  event.at.isoformat(), reason)
        store.park_event(self.engine, event, reason, source=self.writer.source,
                         host=self.host_id)
        self.errors += 1

    def _append(self, events: list[FloorEvent]) -> None:
        if not events:
            return
        pre = self.writer.state
        sessions = _sessions(pre) if pre is not None else {}
        if not sessions:
            self.writer.append(events)
            return

        def ends(conn: Connection, post: FloorState, accepted: Any) -> None:
            _audit_session_ends(conn, sessions, post, accepted, None)

        self.writer.append(events, extra=ends)

    def _beat(self, now: datetime) -> None:
        store.beat(self.engine, self.host_id, socket.gethostname(), os.getpid(),
                   self._started_at)
        self._last_beat = now

    def _prune(self, now: datetime) -> None:
        state = self.writer.current()
        n = store.prune(self.engine, now, state.policy.event_retention_days)
        if n:
            log.info("pruned %d floor events older than %d days", n,
                     state.policy.event_retention_days)
        self._last_prune = now

    def _db_down(self, e: Exception) -> None:
        self.errors += 1
        if self._db_ok:
            log.error("database unreachable, floor host retrying: %s",
                      str(e).splitlines()[0])
        self._db_ok = False

    # -- the command outbox --

    def _commands(self, now: datetime) -> None:
        scan = host_db.scan_outbox(self.engine)
        for row in self._orphans(scan):
            self._resolve_orphan(row, now)
        for cid in scan.pending:
            self._execute_one(cid, now)

    def _orphans(self, scan: host_db.OutboxScan) -> list[Any]:
        """Controls claimed by a host that died between claiming and recording: another
        host whose heartbeat has stopped (the database clock decides, as for the
        lease), or an earlier run of this host's role under the same id (its thread
        died; what this run is still recording is in ``_unrecorded``)."""
        db_now = scan.db_now
        if not scan.executing or db_now is None:
            return []

        def dead(r: Any) -> bool:
            if r.claimed_by == self.host_id:
                return r.id not in self._unrecorded
            return r.beat_at is None or (
                db_now - (utc(r.beat_at) or db_now)).total_seconds() >= ORPHAN_AFTER_S

        return [r for r in scan.executing if dead(r)]

    def _execute_one(self, cid: str, now: datetime) -> None:
        state = self.writer.current()
        # R-CTRL-1, issue #13 item 6: the operator column is only a claim; the
        # control must carry a live session of that operator, opened at sign-in
        found = host_db.pending_command(self.engine, cid, now)
        if found is None:
            return
        row, op, why = found
        sessions = _sessions(state)
        expiry = state.policy.command_expiry_s
        created = utc(row.created_at) or now
        if (now - created).total_seconds() > expiry:
            # a floor that has moved on is not acted on (issue #13 item 5)
            log.warning("command %s (%s on %s by %s) expired: pending for %.0f s", cid,
                        row.action, row.agent_id, row.operator,
                        (now - created).total_seconds())
            msg = EXPIRED_MESSAGE.format(seconds=f"{expiry:g}")
            self._record(_Outcome(row, op, [FloorEvent("command_failed", now, {
                **result_payload(cid, msg), "outcome": "expired"})], now, sessions,
                claimed_by=None))
            return
        # the claim commits on its own before anything reaches the floor: a crash or a
        # failed commit after acting leaves an executing row, never a pending one
        if not host_db.claim_command(self.engine, cid, self.host_id, now):
            log.info("command %s was claimed by another host", cid)
            return
        refusal = command_refusal(op, row.operator, row.action, now)
        if refusal is None and why is not None and row.action != Action.STOP.value:
            refusal = QT_TRANSLATE_NOOP(
                "Commands", "The control carries no valid sign-in session of {operator}"
            ).format(operator=row.operator)
        cmd = command_from_row(row)
        if refusal is not None:
            log.warning("command %s refused: %s", cid, refusal)
            events = [FloorEvent("command_failed", now, result_payload(cid, refusal))]
        elif cmd is None:
            events = [FloorEvent("command_failed", now, result_payload(cid, QT_TRANSLATE_NOOP(
                "Commands", "Unknown control {action}").format(action=row.action)))]
        else:
            events = self.adapter.execute(cmd, state, now)
        if not events:
            events = [FloorEvent("command_failed", now, {
                "command": cid, "message": "adapter returned nothing"})]
        out = _Outcome(row, op, events, now, sessions, claimed_by=self.host_id,
                       refused=refusal is not None, session=why)
        self._unrecorded[cid] = out
        self._record(out)

    def _resolve_orphan(self, row: Any, now: datetime) -> None:
        """Ask the adapter what became of a control a dead host claimed: never act."""
        state = self.writer.current()
        op = host_db.operator_of(self.engine, row.operator)
        cmd = command_from_row(row)
        if cmd is None:
            event = FloorEvent("command_failed", now, result_payload(row.id, QT_TRANSLATE_NOOP(
                "Commands", "Unknown control {action}").format(action=row.action)))
        else:
            event = self.adapter.outcome(cmd, state, now, utc(row.claimed_at))
        out = _Outcome(row, op, [event], now, _sessions(state), claimed_by=row.claimed_by)
        log.warning("command %s (%s on %s by %s) was claimed by host %s, which stopped "
                    "before recording it (attempt %d); the telephony source says: %s %s",
                    row.id, row.action, row.agent_id, row.operator, row.claimed_by,
                    row.attempt, out.status, event.get("message", ""))
        self._record(out)

    def _record(self, out: _Outcome) -> None:
        """Write a control's effect, result and audit row in one transaction. The row
        must still be as this outcome found it (claimed by ``out.claimed_by``, or
        pending when it expired): a second host resolving the same row loses."""
        row = out.row
        cid = row.id
        result = out.events[-1]
        status = out.status

        def mark(conn: Connection, post: FloorState, accepted: Any) -> None:
            if not host_db.mark_command(conn, cid, out.claimed_by, status=status,
                                        message=str(result.get("message", "")),
                                        executed_at=out.at,
                                        result_event_id=accepted[-1].id if accepted else None):
                raise _AlreadyExecuted(cid)
            audit_status = "refused" if out.refused else status
            detail: dict[str, Any] = {"command": cid, "reason": row.reason}
            if out.session is not None:
                detail["session"] = out.session
            if row.away_reason:
                detail["away_reason"] = row.away_reason
            if result.get("text"):  # the message itself: the audit log shows it translated
                detail["result_msg"] = result.get("text")
            if row.action == Action.STOP.value and status == "done" and row.call_id:
                start = auditlog.session_start(conn, row.operator, row.call_id)
                if start is not None:  # R-CTRL-1: how long the session lasted
                    detail.update(mode=start.action, started_at=start.at,
                                  session_s=(out.at - start.at).total_seconds())
            op = out.op
            auditlog.audit(conn, at=out.at, operator=row.operator,
                           roles=op.roles if op is not None else (), action=row.action,
                           agent=row.agent_id, target=row.call_id, detail=detail,
                           result=f"{audit_status}: {result.get('message', '')}")
            _audit_session_ends(conn, out.sessions, post, accepted,
                                (row.operator, row.call_id))

        try:
            self.writer.append(out.events, extra=mark)
        except _AlreadyExecuted:
            log.info("command %s was recorded by another host", cid)
        self._unrecorded.pop(cid, None)


class _Outcome:
    """A control's result waiting to be recorded (kept until its commit succeeds)."""

    def __init__(self, row: Any, op: Operator | None, events: list[FloorEvent],
                 at: datetime, sessions: dict[tuple[str, str], tuple[str, str | None]], *,
                 claimed_by: str | None, refused: bool = False,
                 session: str | None = None) -> None:
        self.row = row
        #: why the control's sign-in session did not hold (issue #13 item 6), if so
        self.session = session
        self.op = op
        self.events = events
        self.at = at
        self.sessions = sessions
        self.claimed_by = claimed_by
        self.refused = refused
        last = events[-1]
        self.status = "done" if last.type == "command_done" else \
            "unknown" if last.get("outcome") == "unknown" else "failed"


def _env_int(name: str) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isdigit() else 0


class _AlreadyExecuted(Exception):
    pass


def _sessions(state: FloorState) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(supervisor, call) -> (mode, agent) of every monitor/whisper/barge session."""
    out: dict[tuple[str, str], tuple[str, str | None]] = {}
    for c in state.calls.values():
        for sup, mode in c.supervisors:
            if mode.value in auditlog.SESSION_ACTIONS:
                out[(sup, c.id)] = (mode.value, c.agent)
    return out


def _audit_session_ends(conn: Connection,
                        before: dict[tuple[str, str], tuple[str, str | None]],
                        post: FloorState, accepted: Any,
                        own: tuple[str, str | None] | None) -> None:
    """A session that is gone after the batch ended without its supervisor's stop:
    audit its end so its length is in the log. ``own`` (the commanding supervisor
    and call) is left out: that command's own row records the change."""
    if not before:
        return
    after = _sessions(post)
    for (sup, call), (mode, agent) in before.items():
        if after.get((sup, call), (None,))[0] == mode or (sup, call) == own:
            continue
        at = next((e.at for e in reversed(accepted) if e.get("call") == call),
                  post.at)
        why = "call ended" if call not in post.calls else "detached"
        start = auditlog.session_start(conn, sup, call)
        detail: dict[str, Any] = {"mode": mode, "why": why}
        if start is not None and at is not None:
            detail.update(started_at=start.at, session_s=(at - start.at).total_seconds())
        auditlog.audit(conn, at=at or datetime.now(UTC), operator=sup, action="session_end",
                       agent=agent, target=call, detail=detail, result=f"ended: {why}")


def command_from_row(row: Any) -> SupervisorCommand | None:
    try:
        action = Action(row.action)
    except ValueError:
        return None
    away = None
    if row.away_reason:
        try:
            away = AwayReason(row.away_reason)
        except ValueError:
            return None
    return SupervisorCommand(id=row.id, action=action, agent=row.agent_id,
                             supervisor=row.operator, call=row.call_id, reason=row.reason,
                             away_reason=away)
