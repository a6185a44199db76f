"""The floor host: adapter → floor log, command outbox → adapter, heartbeat.

Runs headless in ``seatwatch service`` and on a thread in ``seatwatch demo``.
Database outages are environmental: the host logs them once, keeps the
adapter's events in memory (bounded) and writes them when the database is back,
so none is lost; a command is marked done in the same transaction that writes
its effect, so it is executed exactly once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import DBAPIError, OperationalError

from console.adapters import Adapter
from models.db import store
from models.db.schema import SupervisorCommandRow
from models.domain.commands import Action, SupervisorCommand
from models.domain.floor import FloorState
from models.domain.types import AwayReason, FloorEvent

log = logging.getLogger(__name__)

MAX_BUFFER = 200_000  # events kept in memory while the database is away


def utcnow() -> datetime:
    return datetime.now(UTC)


class FloorHost:
    def __init__(self, engine: Engine, adapter: Adapter, *, host_id: str | None = None,
                 clock: Callable[[], datetime] = utcnow, tick_s: float = 0.2,
                 beat_s: float = 1.0) -> None:
        self.engine = engine
        self.adapter = adapter
        self.host_id = host_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.clock = clock
        self.tick_s = tick_s
        self.beat_s = beat_s
        self.writer = store.FloorWriter(engine, source=f"host:{adapter.name}")
        self.stopping = threading.Event()
        self._pending: deque[FloorEvent] = deque()
        self._started = False
        self._started_at = clock()
        self._last_beat = datetime.min.replace(tzinfo=UTC)
        self._last_prune = datetime.min.replace(tzinfo=UTC)
        self._db_ok = True
        self.errors = 0

    # -- lifecycle --

    def start(self) -> None:
        now = self.clock()
        state = self.writer.current()
        with self.engine.begin() as conn:
            store.set_meta(conn, "virtual_now", None)  # live floor: the clock is real
        self._append(self.adapter.start(state, now))
        self._started = True
        self._beat(now)

    def run(self) -> None:
        """Loop until :meth:`stop`; database faults are retried, never fatal."""
        while not self._started and not self.stopping.is_set():
            try:
                self.start()
            except (OperationalError, DBAPIError) as e:
                self._db_down(e)
                self.stopping.wait(2.0)
        while not self.stopping.is_set():
            try:
                self.tick()
            except (OperationalError, DBAPIError) as e:
                self._db_down(e)
                self.writer.state = None  # reload from the database when it is back
                self.stopping.wait(1.0)
                continue
            self.stopping.wait(self.tick_s)

    def stop(self) -> None:
        self.stopping.set()

    # -- one tick --

    def tick(self) -> None:
        now = self.clock()
        self._pending.extend(self.adapter.poll(now))
        if len(self._pending) > MAX_BUFFER:  # pragma: no cover - hours of outage
            log.error("database away too long: dropping %d oldest events",
                      len(self._pending) - MAX_BUFFER)
            while len(self._pending) > MAX_BUFFER:
                self._pending.popleft()
        if self._pending:
            batch = list(self._pending)
            self._append(batch)
            for _ in batch:
                self._pending.popleft()
        self._commands(now)
        if (now - self._last_beat).total_seconds() >= self.beat_s:
            self._beat(now)
        if (now - self._last_prune) > timedelta(hours=6):
            self._prune(now)
        if not self._db_ok:
            log.warning("database reachable again; floor host resumes")
            self._db_ok = True

    def _append(self, events: list[FloorEvent]) -> None:
        if events:
            self.writer.append(events)

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
        with self.engine.connect() as conn:
            ids = conn.execute(select(SupervisorCommandRow.id)
                               .where(SupervisorCommandRow.status == "pending")
                               .order_by(SupervisorCommandRow.created_at).limit(20)
                               ).scalars().all()
        for cid in ids:
            self._execute_one(cid, now)

    def _execute_one(self, cid: str, now: datetime) -> None:
        state = self.writer.current()
        with self.engine.connect() as conn:
            row = conn.execute(select(SupervisorCommandRow)
                               .where(SupervisorCommandRow.id == cid)).first()
        if row is None or row.status != "pending":
            return
        cmd = command_from_row(row)
        if cmd is None:
            events = [FloorEvent("command_failed", now, {
                "command": cid, "message": f"未知操作 / unknown action {row.action!r}"})]
        else:
            events = self.adapter.execute(cmd, state, now)
        result = events[-1] if events else FloorEvent("command_failed", now, {
            "command": cid, "message": "adapter returned nothing"})

        def mark(conn: Connection, _state: FloorState, accepted: Any) -> None:
            # exactly once: only a row still pending is marked; a second host loses
            done = conn.execute(update(SupervisorCommandRow)
                                .where(SupervisorCommandRow.id == cid,
                                       SupervisorCommandRow.status == "pending")
                                .values(status="done" if result.type == "command_done"
                                        else "failed",
                                        message=str(result.get("message", "")),
                                        executed_at=now,
                                        result_event_id=accepted[-1].id if accepted else None))
            if done.rowcount != 1:
                raise _AlreadyExecuted(cid)

        try:
            self.writer.append(events, extra=mark)
        except _AlreadyExecuted:
            log.info("command %s was executed by another host", cid)


class _AlreadyExecuted(Exception):
    pass


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


def submit_command(engine: Engine, cmd: SupervisorCommand, at: datetime) -> None:
    """Write a control to the outbox (the console's side of the round trip)."""
    with engine.begin() as conn:
        conn.execute(insert(SupervisorCommandRow).values(
            id=cmd.id, created_at=at, operator=cmd.supervisor, action=cmd.action.value,
            agent_id=cmd.agent, call_id=cmd.call, reason=cmd.reason,
            away_reason=cmd.away_reason.value if cmd.away_reason else None,
            status="pending"))
