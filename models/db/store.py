"""The floor log in the database: appending (with projection), following, history.

Appending is the one write path for floor events. A :class:`FloorWriter` holds the
reducer state in memory; inside ONE transaction per batch it takes the floor
lock (``pg_advisory_xact_lock`` / SQLite ``BEGIN IMMEDIATE``), folds any events
other writers appended since it last looked, folds its own batch (refusing
impossible events one by one, with the reason kept in ``rejected_event``),
inserts the accepted events, and projects them: current-state tables, call
records, agent state intervals, tickets, and a checkpoint now and then. Because
appends are serialised by the lock, ids become visible in increasing order and a
follower that reads "id > last seen" never skips one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models.db import audit as auditlog
from models.db.schema import (
    AgentCurrentRow,
    AgentIntervalRow,
    AgentRow,
    AlertRow,
    CallRecordRow,
    CheckpointRow,
    FloorEventRow,
    GroupRow,
    HeartbeatRow,
    MetaRow,
    QueueCurrentRow,
    QueueRow,
    RejectedEventRow,
    TicketRow,
    utc,
)
from models.domain import codec, history, kpi
from models.domain.alerts import alert_from_event
from models.domain.floor import FloorState, IllegalEvent, apply, initial_state
from models.domain.kpi import KpiCounts
from models.domain.policy import Policy, default_policy
from models.domain.types import BUSY_STATES, AgentState, CallRecord, CallState, FloorEvent

log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "seatwatch_floor"
#: floor events that are also audited (who changed the floor setup or the policy)
_AUDITED = frozenset({"floor_setup", "policy_applied"})
_LOCK_KEY = 0x5EA7_0001  # pg_advisory_xact_lock key of the floor log


@dataclass(frozen=True, slots=True)
class Rejected:
    event: FloorEvent
    reason: str


class BatchRefused(Exception):
    """An all-or-nothing batch met an event the floor refuses: nothing was written.

    ``index`` is the event's position in the batch (issue #13 item 10: ``replay
    --append`` must not leave part of a scenario behind)."""

    def __init__(self, index: int, rejected: Rejected) -> None:
        super().__init__(f"event {index} ({rejected.event.type} at "
                         f"{rejected.event.at.isoformat()}): {rejected.reason}")
        self.index = index
        self.rejected = rejected


@dataclass(frozen=True, slots=True)
class AppendResult:
    accepted: tuple[FloorEvent, ...]
    rejected: tuple[Rejected, ...]
    state: FloorState


def row_to_event(r: Any) -> FloorEvent:
    return FloorEvent(type=r.type, at=utc(r.at) or r.at, data=r.data, id=r.id)


def _upsert(conn: Connection, table: Any, rows: list[dict[str, Any]], keys: list[str]) -> None:
    if not rows:
        return
    ins = pg_insert(table) if conn.dialect.name == "postgresql" else sqlite_insert(table)
    cols = [c for c in rows[0] if c not in keys]
    stmt = ins.on_conflict_do_update(index_elements=keys,
                                     set_={c: getattr(ins.excluded, c) for c in cols})
    conn.execute(stmt, rows)


def lock_floor(conn: Connection) -> None:
    """Serialise appends (SQLite: the IMMEDIATE transaction already holds the lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})


def writing(engine: Engine) -> Engine:
    """The engine to open write transactions on (IMMEDIATE on SQLite)."""
    return engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")


# ---- reading -------------------------------------------------------------------


#: the events after an id, built once with bound parameters: every viewer's feed runs
#: it up to 20 times a second, and building and keying a new statement each time cost
#: more than the query (issue #20: 430-540 us a read of 5 events on PostgreSQL, 190-220
#: us this way)
_READ = select(FloorEventRow.id, FloorEventRow.at, FloorEventRow.type, FloorEventRow.data) \
    .where(FloorEventRow.id > bindparam("after_id")).order_by(FloorEventRow.id) \
    .limit(bindparam("limit"))
_READ_UNTIL = _READ.where(FloorEventRow.at <= bindparam("until"))


def read_events(conn: Connection, after_id: int, limit: int = 5000,
                until: datetime | None = None) -> list[FloorEvent]:
    if until is None:
        rows = conn.execute(_READ, {"after_id": after_id, "limit": limit})
    else:
        rows = conn.execute(_READ_UNTIL, {"after_id": after_id, "limit": limit,
                                          "until": until})
    return [row_to_event(r) for r in rows]


def latest_checkpoint(conn: Connection, at_or_before: datetime | None = None
                      ) -> tuple[FloorState, int] | None:
    q = select(CheckpointRow).order_by(CheckpointRow.event_id.desc()).limit(1)
    if at_or_before is not None:
        q = q.where(CheckpointRow.at <= at_or_before)
    row = conn.execute(q).first()
    if row is None:
        return None
    return codec.state_from_dict(row.state), int(row.event_id)


def start_state(conn: Connection, default: Policy | None = None) -> FloorState:
    """Where a follower starts: the latest checkpoint, or an empty floor."""
    cp = latest_checkpoint(conn)
    if cp is not None:
        return cp[0]
    return initial_state(default or default_policy())


def current_state(conn: Connection) -> FloorState:
    """The floor after the last event in the log."""
    state = start_state(conn)
    while True:
        batch = read_events(conn, state.last_event_id)
        for e in batch:
            state = apply(state, e)
        if len(batch) < 5000:
            return state


def has_events(conn: Connection) -> bool:
    return conn.execute(select(FloorEventRow.id).limit(1)).first() is not None


def state_at(conn: Connection, at: datetime) -> FloorState:
    """The floor as the reducer saw it at ``at`` (history before pruning needs a checkpoint)."""
    cp = latest_checkpoint(conn, at)
    state = cp[0] if cp else initial_state(default_policy())
    last = cp[1] if cp else 0
    if cp is None:
        first = conn.execute(select(func.min(FloorEventRow.id))).scalar()
        if first is not None and first > 1 and conn.execute(
                select(func.min(CheckpointRow.event_id))).scalar() is not None:
            raise LookupError(f"no checkpoint at or before {at.isoformat()}: older floor "
                              "events were pruned")
    while True:
        batch = read_events(conn, last, until=at)
        for e in batch:
            state = apply(state, e)
        if len(batch) < 5000:
            break
        last = batch[-1].id or last
    return state


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(MetaRow.value).where(MetaRow.key == key)).scalar()


def set_meta(conn: Connection, key: str, value: str | None) -> None:
    conn.execute(delete(MetaRow).where(MetaRow.key == key))
    if value is not None:
        conn.execute(insert(MetaRow).values(key=key, value=value))


def park_event(engine: Engine, event: FloorEvent, reason: str, *, source: str,
               host: str) -> None:
    """Keep an event the database refused (not the reducer: a key or a value it
    would not store) in ``rejected_event`` with the reason and the host that had
    it (issue #13 item 2), so it is never retried for ever nor lost unseen."""
    raw: dict[str, Any] = {"type": event.type, "at": event.at.isoformat(),
                           **dict(event.data), "_host": host}
    with writing(engine).begin() as conn:
        conn.execute(insert(RejectedEventRow).values(
            received_at=datetime.now(UTC), source=source[:60], raw=codec_safe(raw),
            reason=reason))


def codec_safe(value: Any) -> Any:
    """``value`` with anything JSON cannot hold (datetimes, enums, NaN) as text."""
    if isinstance(value, dict):
        return {str(k): codec_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [codec_safe(v) for v in value]
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    return str(value)


def next_run(conn: Connection, key: str) -> int:
    """Take the next number of the counter ``key`` (1, 2, …) in ``conn``'s write
    transaction; serialised with the floor lock, so two hosts never get one number."""
    lock_floor(conn)
    raw = get_meta(conn, key)
    run = (int(raw) if raw is not None and raw.isdigit() else 0) + 1
    set_meta(conn, key, str(run))
    return run


# ---- heartbeat -----------------------------------------------------------------


def beat(engine: Engine, host_id: str, hostname: str, pid: int,
         started_at: datetime) -> None:
    with engine.begin() as conn:
        now = func.now() if conn.dialect.name == "postgresql" else datetime.now(UTC)
        _upsert_beat(conn, host_id, hostname, pid, started_at, now)


def _upsert_beat(conn: Connection, host_id: str, hostname: str, pid: int,
                 started_at: datetime, now: Any) -> None:
    ins = pg_insert(HeartbeatRow) if conn.dialect.name == "postgresql" \
        else sqlite_insert(HeartbeatRow)
    stmt = ins.values(host_id=host_id, beat_at=now, started_at=started_at,
                      hostname=hostname, pid=pid)
    conn.execute(stmt.on_conflict_do_update(index_elements=["host_id"],
                                            set_={"beat_at": now, "pid": pid,
                                                  "hostname": hostname,
                                                  "started_at": started_at}))


def heartbeat_age(conn: Connection) -> tuple[float | None, datetime]:
    """(seconds since the newest host heartbeat or None, server now)."""
    if conn.dialect.name == "postgresql":
        row = conn.execute(text(
            "SELECT max(beat_at), CURRENT_TIMESTAMP FROM host_heartbeat")).one()
        last, now = row[0], row[1].astimezone(UTC)
    else:
        last = conn.execute(select(func.max(HeartbeatRow.beat_at))).scalar()
        now = datetime.now(UTC)
    if last is None:
        return None, now
    return (now - (utc(last) or now)).total_seconds(), now


# ---- writing -------------------------------------------------------------------


class FloorWriter:
    """Appends batches of floor events with their projection, one transaction each."""

    def __init__(self, engine: Engine, source: str, *, checkpoint_every_s: float = 10.0,
                 wall_clock: Callable[[], float] = time.monotonic) -> None:
        self.engine = writing(engine)
        self.source = source
        self.state: FloorState | None = None
        self._checkpoint_every = checkpoint_every_s
        self._clock = wall_clock
        self._last_checkpoint = wall_clock()
        self._last_cp_hour: str | None = None

    def current(self) -> FloorState:
        """The writer's view of the floor (loaded from the database on first use)."""
        if self.state is None:
            with self.engine.begin() as conn:
                self.state = self._catch_up(conn, None)
        return self.state

    def _catch_up(self, conn: Connection, state: FloorState | None) -> FloorState:
        if state is None:
            return current_state(conn)
        while True:
            batch = read_events(conn, state.last_event_id)
            for e in batch:
                state = apply(state, e)
            if len(batch) < 5000:
                return state

    def append(self, events: Iterable[FloorEvent]
               | Callable[[FloorState], Iterable[FloorEvent]], *,
               extra: Callable[[Connection, FloorState, Sequence[FloorEvent]], None]
               | None = None, force_checkpoint: bool = False,
               all_or_nothing: bool = False) -> AppendResult:
        """Fold, insert and project ``events`` in one transaction.

        ``events`` may be a function of the floor state: it is called with the
        state caught up under the floor lock, so what it decides (the alert rules,
        an acknowledgement) sees every event any host appended before — two hosts
        can never both raise one condition.

        ``extra(conn, state, accepted)`` runs inside the same transaction (the
        command outbox marks its row done there, so execution and result commit
        together or not at all).

        ``all_or_nothing``: the first refused event raises :class:`BatchRefused` and
        the transaction rolls back, so nothing of the batch is written — not even
        the ``rejected_event`` row (a scenario replay, issue #13 item 10).
        """
        with self.engine.begin() as conn:
            lock_floor(conn)
            state = self._catch_up(conn, self.state)
            events = list(events(state) if callable(events) else events)
            accepted: list[FloorEvent] = []
            rejected: list[Rejected] = []
            facts: list[history.Fact] = []
            for i, e in enumerate(events):
                try:
                    new = apply(state, e)
                except IllegalEvent as err:
                    if all_or_nothing:
                        raise BatchRefused(i, Rejected(e, str(err))) from None
                    rejected.append(Rejected(e, str(err)))
                    continue
                facts.extend(history.facts(state, e, new))
                accepted.append(e)
                prev_state, state = state, new
                self._project_event(conn, prev_state, e, state)
            if accepted:
                rows = [{"at": e.at, "type": e.type, "data": dict(e.data),
                         "source": self.source} for e in accepted]
                ids = list(conn.execute(insert(FloorEventRow).returning(FloorEventRow.id,
                                                                        sort_by_parameter_order=True),
                                        rows).scalars())
                accepted = [replace(e, id=i) for e, i in zip(accepted, ids, strict=True)]
                state = replace(state, last_event_id=ids[-1])
                self._project_batch(conn, state, accepted, facts)
                self._project_alerts(conn, accepted)
                self._audit_changes(conn, accepted)
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_notify(:c, :p)"),
                                 {"c": NOTIFY_CHANNEL, "p": str(ids[-1])})
            if rejected:
                conn.execute(insert(RejectedEventRow), [
                    {"received_at": datetime.now(UTC), "source": self.source,
                     "raw": {"type": r.event.type, "at": r.event.at.isoformat(),
                             **dict(r.event.data)},
                     "reason": r.reason} for r in rejected])
                for r in rejected:
                    log.warning("refused %s event at %s from %s: %s", r.event.type,
                                r.event.at.isoformat(), self.source, r.reason)
            self._maybe_checkpoint(conn, state, force_checkpoint)
            if extra is not None:
                extra(conn, state, accepted)
        self.state = state
        return AppendResult(tuple(accepted), tuple(rejected), state)

    def _project_alerts(self, conn: Connection, accepted: Sequence[FloorEvent]) -> None:
        """The alert history (issue #4), from the events as the reducer accepted them."""
        for e in accepted:
            if e.type == "alert_raised":
                a = alert_from_event(e.data)
                ins = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
                # (rule, subject, condition start) is unique: never one condition twice
                conn.execute(ins(AlertRow).values(
                    id=a.id, rule=a.rule, subject=a.subject, severity=a.severity.value,
                    raised_at=a.raised_at, message=a.message, agent_id=a.agent,
                    group_id=a.group, queue_id=a.queue, ticket_id=a.ticket,
                    escalation_of=a.escalation_of, detail=dict(a.detail),
                    raised_event_id=e.id).on_conflict_do_nothing())
            elif e.type == "alert_acknowledged":
                conn.execute(update(AlertRow).where(AlertRow.id == str(e.get("alert")),
                                                    AlertRow.acknowledged_at.is_(None))
                             .values(acknowledged_at=e.at, acknowledged_by=str(e.get("by"))))
            elif e.type == "alert_resolved":
                by = e.get("by")
                conn.execute(update(AlertRow).where(AlertRow.id == str(e.get("alert")))
                             .values(resolved_at=e.at, resolved_by=None if by is None else str(by),
                                     resolve_note=None if e.get("note") is None
                                     else str(e.get("note"))))

    def _audit_changes(self, conn: Connection, accepted: Sequence[FloorEvent]) -> None:
        """Floor-setup changes and policy applies go to the audit log with the change,
        whoever appends them (``by`` in the event, else this writer's source)."""
        for e in accepted:
            if e.type not in _AUDITED:
                continue
            who = str(e.get("by") or self.source)
            if e.type == "floor_setup":
                detail: dict[str, Any] = {
                    k: len(e.get(k) or []) for k in ("groups", "queues", "agents")}
                detail["replace"] = bool(e.get("replace"))
                target = None
            else:
                detail = {"version": e.get("version")}
                target = f"v{e.get('version')}"
            detail["event_id"] = e.id
            auditlog.audit(conn, at=e.at, operator=who, action=e.type, target=target,
                           detail=detail, result="ok",
                           workstation=str(e.get("workstation") or ""))

    # -- projection --

    def _project_event(self, conn: Connection, prev: FloorState, e: FloorEvent,
                       new: FloorState) -> None:
        """Rows that need the event itself (setup, tickets); the rest is batched."""
        if e.type == "floor_setup":
            _upsert(conn, GroupRow, [{"id": g.id, "name": g.name}
                                     for g in new.groups.values()], ["id"])
            _upsert(conn, QueueRow, [{"id": q.id, "name": q.name}
                                     for q in new.queues.values()], ["id"])
            _upsert(conn, AgentRow, [{"id": a.id, "name": a.name, "group_id": a.group or None}
                                     for a in new.agents.values()], ["id"])
            removed = set(prev.agents) - set(new.agents)
            if removed:
                conn.execute(delete(AgentRow).where(AgentRow.id.in_(removed)))
                conn.execute(delete(AgentCurrentRow).where(AgentCurrentRow.agent_id.in_(removed)))
            gone_groups = set(prev.groups) - set(new.groups)  # replace_all (floor editor)
            if gone_groups:
                conn.execute(delete(GroupRow).where(GroupRow.id.in_(gone_groups)))
            gone_queues = set(prev.queues) - set(new.queues)
            if gone_queues:
                conn.execute(delete(QueueRow).where(QueueRow.id.in_(gone_queues)))
                conn.execute(delete(QueueCurrentRow)
                             .where(QueueCurrentRow.queue_id.in_(gone_queues)))
        elif e.type == "ticket_created":
            t = new.tickets[str(e.get("ticket"))]
            conn.execute(insert(TicketRow).values(
                id=t.id, call_id=t.call, agent_id=t.agent, category=t.category.value,
                title=t.title, urgent=t.urgent, created_at=t.created_at))
        elif e.type == "ticket_completed":
            conn.execute(update(TicketRow).where(TicketRow.id == str(e.get("ticket")))
                         .values(completed_at=new.at))
        elif e.type == "ticket_updated" and e.get("title") is not None:
            t = new.tickets[str(e.get("ticket"))]  # R-TICKET-4: the title supplied later
            conn.execute(update(TicketRow).where(TicketRow.id == t.id)
                         .values(title=t.title, urgent=t.urgent))

    def _project_batch(self, conn: Connection, state: FloorState,
                       accepted: Sequence[FloorEvent], facts: list[history.Fact]) -> None:
        intervals, records, acws = [], [], []
        for f in facts:
            if isinstance(f, history.Interval):
                intervals.append({"agent_id": f.agent, "state": f.state.value,
                                  "reason": f.reason.value if f.reason else None,
                                  "start": f.start, "end": f.end, "call_id": f.call})
            elif isinstance(f, CallRecord):
                records.append(_record_row(f))
            else:
                acws.append(f)
        if intervals:
            conn.execute(insert(AgentIntervalRow), intervals)
        if records:
            conn.execute(insert(CallRecordRow), records)
        for a in acws:
            conn.execute(update(CallRecordRow).where(CallRecordRow.call_id == a.call)
                         .values(acw_s=CallRecordRow.acw_s + a.acw_s))
        # current-state tables: only what this batch touched
        agents: set[str] = set()
        queues: set[str] = set()
        for e in accepted:
            if e.type == "floor_setup":
                agents.update(state.agents)
                queues.update(state.queues)
                continue
            a = e.get("agent")
            if a is not None:
                agents.add(str(a))
            q = e.get("queue")
            if q is not None:
                queues.add(str(q))
            c = e.get("call")
            if c is not None:
                call = state.calls.get(str(c))
                if call is not None:
                    queues.add(call.queue)
                    if call.agent:
                        agents.add(call.agent)
        for f in facts:
            if isinstance(f, history.Interval):
                agents.add(f.agent)
            elif isinstance(f, CallRecord):
                queues.add(f.queue)
        last_id = state.last_event_id
        _upsert(conn, AgentCurrentRow, [
            {"agent_id": a, "state": st.state.value,
             "reason": st.reason.value if st.reason else None, "since": st.since,
             "call_id": st.call, "event_id": last_id}
            for a in sorted(agents) if (st := state.status.get(a)) is not None], ["agent_id"])
        qrows = []
        for q in sorted(queues):
            if q not in state.queues:
                continue
            waiting = [c for c in state.calls.values()
                       if c.queue == q and c.state is CallState.WAITING]
            qrows.append({"queue_id": q, "waiting": len(waiting),
                          "oldest_since": min((c.queued_at for c in waiting), default=None),
                          "event_id": last_id})
        _upsert(conn, QueueCurrentRow, qrows, ["queue_id"])

    def _maybe_checkpoint(self, conn: Connection, state: FloorState, force: bool) -> None:
        if state.at is None or state.last_event_id == 0:
            return
        hour = state.at.strftime("%Y%m%d%H")
        now = self._clock()
        archival = self._last_cp_hour is not None and hour != self._last_cp_hour
        if not (force or archival or now - self._last_checkpoint >= self._checkpoint_every):
            return
        write_checkpoint(conn, state, keep=archival)
        self._last_checkpoint = now
        self._last_cp_hour = hour


def write_checkpoint(conn: Connection, state: FloorState, *, keep: bool = False) -> None:
    """Store the full state. Non-archival checkpoints replace each other; one an
    hour (``keep``) stays for ``snapshot --at`` until retention prunes it."""
    if conn.execute(select(CheckpointRow.event_id)
                    .where(CheckpointRow.event_id == state.last_event_id)).first():
        return
    conn.execute(insert(CheckpointRow).values(event_id=state.last_event_id, at=state.at,
                                              state=codec.state_to_dict(state)))
    set_meta(conn, f"cp:{state.last_event_id}", "keep" if keep else "latest")
    # drop superseded non-archival checkpoints
    olds = conn.execute(select(MetaRow.key).where(MetaRow.key.like("cp:%"),
                                                  MetaRow.value == "latest")).scalars().all()
    for k in olds:
        eid = int(k[3:])
        if eid < state.last_event_id:
            conn.execute(delete(CheckpointRow).where(CheckpointRow.event_id == eid))
            conn.execute(delete(MetaRow).where(MetaRow.key == k))


def _record_row(r: CallRecord) -> dict[str, Any]:
    return {"call_id": r.call, "queue_id": r.queue, "agent_id": r.agent, "caller": r.caller,
            "outcome": r.outcome, "queued_at": r.queued_at, "answered_at": r.answered_at,
            "ended_at": r.ended_at, "wait_s": r.wait_s, "talk_s": r.talk_s,
            "hold_s": r.hold_s, "acw_s": r.acw_s, "holds": r.holds,
            "intercepted_by": r.intercepted_by}


# ---- retention -----------------------------------------------------------------


def prune(engine: Engine, now: datetime, retention_days: int) -> int:
    """Delete floor events older than the retention period that a checkpoint and
    the history tables already hold. Returns the number of events deleted."""
    cutoff = now - timedelta(days=retention_days)
    with writing(engine).begin() as conn:
        lock_floor(conn)
        cp = conn.execute(select(func.max(CheckpointRow.event_id))).scalar()
        if cp is None:
            return 0
        n = conn.execute(delete(FloorEventRow).where(FloorEventRow.at < cutoff,
                                                     FloorEventRow.id <= cp)).rowcount
        old = conn.execute(select(CheckpointRow.event_id).where(
            CheckpointRow.at < cutoff, CheckpointRow.event_id < cp)).scalars().all()
        if old:
            conn.execute(delete(CheckpointRow).where(CheckpointRow.event_id.in_(old)))
            conn.execute(delete(MetaRow).where(MetaRow.key.in_([f"cp:{i}" for i in old])))
        return int(n or 0)


# ---- history queries -------------------------------------------------------------


def period_kpis(conn: Connection, start: datetime, end: datetime, policy: Policy,
                queue: str | None = None) -> KpiCounts:
    """KPIs of calls that arrived in [start, end) — the same formulas as live.

    Occupancy adds agent time of the period's closed intervals (clipped to it).
    """
    q = select(CallRecordRow).where(CallRecordRow.queued_at >= start,
                                    CallRecordRow.queued_at < end)
    if queue is not None:
        q = q.where(CallRecordRow.queue_id == queue)
    counts = KpiCounts()
    for r in conn.execute(q):
        counts = kpi.add_record(counts, record_from_row(r), policy.sl_threshold_s,
                                policy.sl_exclude_abandon_under_s)
    if queue is None:
        iq = select(AgentIntervalRow.state, AgentIntervalRow.start, AgentIntervalRow.end).where(
            AgentIntervalRow.end > start, AgentIntervalRow.start < end,
            AgentIntervalRow.state.in_([s.value for s in BUSY_STATES] + ["ready"]))
        for st, s, e in conn.execute(iq):
            s, e = max(utc(s) or s, start), min(utc(e) or e, end)
            secs = (e - s).total_seconds()
            busy = secs if st != AgentState.READY.value else 0.0
            counts = kpi.add_agent_time(counts, busy, secs - busy)
    return counts


def record_from_row(r: Any) -> CallRecord:
    return CallRecord(call=r.call_id, queue=r.queue_id, outcome=r.outcome,
                      queued_at=utc(r.queued_at) or r.queued_at, caller=r.caller,
                      agent=r.agent_id, answered_at=utc(r.answered_at),
                      ended_at=utc(r.ended_at), wait_s=r.wait_s, talk_s=r.talk_s,
                      hold_s=r.hold_s, acw_s=r.acw_s, holds=r.holds,
                      intercepted_by=r.intercepted_by)
