"""The floor-host lease: exactly one host per floor runs the host role (adapter,
command outbox, heartbeat and the alert scheduler); a second one stands by.

Why a lease at all: APScheduler 3 job stores must never be shared by two running
schedulers, and two simulators (or PBX bridges) writing one floor would write two
floors. The alert rules themselves are safe without it — they append through
``FloorWriter.append(fn)`` under the floor lock, so no condition is raised twice
even in the instant two hosts overlap — but everything else needs one holder.

- **PostgreSQL**: a session-level ``pg_try_advisory_lock`` held on a dedicated
  connection. It dies with the process or the connection, so a standby gets it at
  once after a SIGKILL. The connection asks the server to probe an idle client
  (``tcp_keepalives_*``, ``tcp_user_timeout``) so that a PC that loses power or
  its network also frees the lock within seconds, not the OS default of two
  hours; the client side gives up a little sooner than the server, so the old
  holder has stopped its jobs before a standby can start its own. The
  ``host_lease`` row is only for people (who holds it, since when, renewed every
  2 s); the lock decides.
- **SQLite** (one PC): the ``host_lease`` row with an expiry. Acquire and renew
  are one conditional UPDATE (or INSERT) inside ``BEGIN IMMEDIATE``, compared on
  the database clock — for SQLite, which has no server, the PC's own clock
  (:func:`models.db.engine.server_now` says the same). A holder renews every 2 s;
  the lease lapses 6 s after the last renewal. A holder that is a process of this
  same PC which no longer exists (a crashed demo) is taken over at once.

A holder that cannot confirm its lease (PostgreSQL: the connection is gone and the
lock cannot be taken again on a new one; SQLite: the row names someone else, or
no renewal succeeded for the whole lapse time) has lost it and must stop its
jobs at once: :class:`LeaderLoop` does that and goes back to standing by.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from models.db import lease_db
from models.domain.records import LeaseInfo

log = logging.getLogger(__name__)

LEASE_NAME = "floor-host"
RENEW_S = 2.0  # a holder renews this often
TTL_S = 6.0  # SQLite: the lease lapses this long after the last renewal
RETRY_S = 1.0  # a standby tries this often
RELEASED = datetime(1970, 1, 1, tzinfo=UTC)  # SQLite: a released lease's expiry
#: the advisory lock of the host role (the floor log's append lock is 0x5EA7_0001)
PG_LOCK_KEY = 0x5EA7_0002
#: the server drops a silent lease connection after ~3 + 3 x 1 s of unanswered probes
#: (or 6 s of unacknowledged data); the client gives up after ~4 s, before the server
_SERVER_KEEPALIVE = {"tcp_keepalives_idle": "3", "tcp_keepalives_interval": "1",
                     "tcp_keepalives_count": "3", "tcp_user_timeout": "6000"}
_CLIENT_KEEPALIVE = {"keepalives": 1, "keepalives_idle": 2, "keepalives_interval": 1,
                     "keepalives_count": 2, "tcp_user_timeout": 4000, "connect_timeout": 5}


def new_holder_id() -> str:
    """``hostname:pid:random`` — readable in the lease row and the heartbeat, and
    lets a host on the same PC tell that a holder's process is gone."""
    import uuid

    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Lease(ABC):
    """One host's claim on the floor-host role."""

    #: a renewal still hanging after this long counts as a loss (None: wait for it)
    renew_deadline_s: float | None = None

    def __init__(self, engine: Engine, holder: str, name: str = LEASE_NAME) -> None:
        self.engine = engine
        self.holder = holder
        self.name = name
        self.held = False

    @abstractmethod
    def try_acquire(self) -> bool:
        """Take the lease if nobody else holds it; True when this host holds it."""

    @abstractmethod
    def renew(self) -> bool:
        """Confirm and extend the lease; False when it is lost (stop the jobs now)."""

    @abstractmethod
    def release(self) -> None:
        """Give the lease up so a standby takes over at once (never raises)."""

    def current(self) -> LeaseInfo | None:
        """The lease row (who holds the role, as far as people are told)."""
        return lease_db.lease_row(self.engine, self.name)

    def close(self) -> None:
        self.release()


# ---- SQLite: a row with an expiry ----------------------------------------------------


def _process_gone(holder: str) -> bool:
    """True when ``holder`` names a process of this PC that no longer runs (POSIX
    only: on Windows ``os.kill`` would terminate the process, so never ask there)."""
    parts = holder.split(":")
    if os.name != "posix" or len(parts) < 3 or parts[0] != socket.gethostname():
        return False
    try:
        pid = int(parts[1])
    except ValueError:
        return False
    if pid == os.getpid() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


class SqliteLease(Lease):
    def __init__(self, engine: Engine, holder: str, name: str = LEASE_NAME, *,
                 ttl_s: float = TTL_S, clock: Callable[[], datetime] | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(engine, holder, name)
        self.ttl = timedelta(seconds=ttl_s)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._mono = monotonic
        self._confirmed_at = float("-inf")  # monotonic time of the last good renewal

    def try_acquire(self) -> bool:
        now = self._clock()

        def gone(holder: str) -> bool:
            if not _process_gone(holder):
                return False
            log.info("lease %s: holder %s is gone from this PC; taking over",
                     self.name, holder)
            return True

        took = lease_db.take_row(self.engine, self.name, self.holder, now, self.ttl, gone)
        if took:
            self.held = True
            self._confirmed_at = self._mono()
        return took

    def renew(self) -> bool:
        if not self.held:
            return False
        now = self._clock()
        try:
            # still ours (even if it lapsed meanwhile: nobody else took it)
            ok = lease_db.extend_row(self.engine, self.name, self.holder, now + self.ttl)
        except (OperationalError, DBAPIError) as e:
            if self._mono() - self._confirmed_at < self.ttl.total_seconds():
                log.warning("lease %s: renewal failed, retrying: %s", self.name,
                            str(e).splitlines()[0])
                return True
            ok = False
        if ok:
            self._confirmed_at = self._mono()
        else:
            self.held = False
        return ok

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        try:
            # released: lapsed for every clock, however far behind
            lease_db.extend_row(self.engine, self.name, self.holder, RELEASED)
        except (OperationalError, DBAPIError) as e:  # it lapses by itself
            log.warning("lease %s: could not release (it lapses in %.0f s): %s", self.name,
                        self.ttl.total_seconds(), str(e).splitlines()[0])


# ---- PostgreSQL: a session-level advisory lock -----------------------------------------


class PgLease(Lease):
    # a renewal stuck on a silent network: stop the jobs before the server (which
    # gives up on this session after ~6 s) hands the lock to a standby
    renew_deadline_s = 3.0

    def __init__(self, engine: Engine, holder: str, name: str = LEASE_NAME, *,
                 ttl_s: float = TTL_S, key: int = PG_LOCK_KEY) -> None:
        super().__init__(engine, holder, name)
        self.ttl_s = ttl_s
        self.key = key
        # its own engine: the lock lives on this one connection, never in a pool
        self._lock_engine = lease_db.lock_engine(
            engine.url, {"application_name": "seatwatch-lease", **_CLIENT_KEEPALIVE})
        self._conn: Connection | None = None

    def _connect(self) -> Connection:
        if self._conn is None:
            self._conn = lease_db.lock_connection(
                self._lock_engine, _SERVER_KEEPALIVE,
                lambda e: log.warning("lease: server keep-alive settings not applied: %s",
                                      str(e).splitlines()[0]))
        return self._conn

    def _drop(self) -> None:
        """Forget the connection (closing it ends the session, so the lock with it)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            lease_db.drop_connection(conn)

    def _lock(self) -> bool:
        return lease_db.try_lock(self._connect(), self.key)

    def _write_row(self, fresh: bool) -> None:
        lease_db.write_lock_row(self._connect(), self.name, self.holder, self.ttl_s,
                                fresh=fresh)

    def try_acquire(self) -> bool:
        if self.held:
            return self.renew()
        try:
            got = self._lock()
        except (OperationalError, DBAPIError):
            self._drop()  # a standby's idle connection may have died: once more, afresh
            try:
                got = self._lock()
            except (OperationalError, DBAPIError):
                self._drop()
                raise
        if not got:
            return False
        self.held = True
        try:
            self._write_row(fresh=True)
        except (OperationalError, DBAPIError):
            self.held = False
            self._drop()
            raise
        return True

    def renew(self) -> bool:
        if not self.held:
            return False
        try:
            self._write_row(fresh=False)  # a round trip on the lock's own session
            return True
        except (OperationalError, DBAPIError) as e:
            log.warning("lease %s: the lock connection failed (%s); taking the lock again",
                        self.name, str(e).splitlines()[0])
        self._drop()
        try:
            if self._lock():
                self._write_row(fresh=False)
                log.warning("lease %s: lock taken again on a new connection", self.name)
                return True
        except (OperationalError, DBAPIError) as e:
            log.warning("lease %s: cannot take the lock again: %s", self.name,
                        str(e).splitlines()[0])
            self._drop()
        self.held = False
        return False

    def release(self) -> None:
        was = self.held
        self.held = False
        if was and self._conn is not None:
            # a failure does not matter: the session ends below, and the lock with it
            with contextlib.suppress(OperationalError, DBAPIError):
                lease_db.unlock(self._conn, self.name, self.holder, self.key)
        self._drop()

    def close(self) -> None:
        self.release()
        self._lock_engine.dispose()


def make_lease(engine: Engine, holder: str, name: str = LEASE_NAME, *, ttl_s: float = TTL_S,
               clock: Callable[[], datetime] | None = None) -> Lease:
    """The lease for ``engine``'s database (``clock``: SQLite only, for tests)."""
    if engine.dialect.name == "postgresql":
        return PgLease(engine, holder, name, ttl_s=ttl_s)
    return SqliteLease(engine, holder, name, ttl_s=ttl_s, clock=clock)


# ---- standing by, holding, losing ------------------------------------------------------


class Role(Protocol):
    def stop(self) -> None:
        """Stop at once (the jobs first); never raises."""


def _health(role: Role) -> str | None:
    """Why ``role`` no longer works (None: it works, or cannot tell)."""
    check = getattr(role, "healthy", None)
    return check() if check is not None else None


class LeaderLoop:
    """Stand by until the lease is ours, run the role while it stays ours, stop the
    role the moment it is lost, and stand by again — until ``stopping`` is set.

    ``start_role`` builds and starts a fresh role for each tenure (a restarted
    adapter resynchronises the floor, as after any host start) — except after a
    lease lost to a database blip (issue #13 item 4): a role that can ``suspend``
    keeps its adapter and buffer while standing by, and ``resume`` them when the
    lease is ours again (it refuses, and a fresh role starts, when another host ran
    the floor meanwhile).

    Issue #13 item 3: the lease is renewed only while the role says it is
    ``healthy``; a role that is not (its host thread died or stopped making
    progress) is stopped and the lease given up at once, so a standby takes over
    within the lease time. ``exit_on_failure`` (``seatwatch service``): :meth:`run`
    then returns with :attr:`failed` set, and the process exits non-zero."""

    def __init__(self, lease: Lease, start_role: Callable[[], Role],
                 stopping: threading.Event, *, renew_s: float = RENEW_S,
                 retry_s: float = RETRY_S,
                 on_standby: Callable[[LeaseInfo | None], None] | None = None,
                 on_leader: Callable[[], None] | None = None,
                 on_lost: Callable[[], None] | None = None,
                 exit_on_failure: bool = False) -> None:
        self.lease = lease
        self.start_role = start_role
        self.stopping = stopping
        self.renew_s = renew_s
        self.retry_s = retry_s
        self.on_standby = on_standby
        self.on_leader = on_leader
        self.on_lost = on_lost
        self.exit_on_failure = exit_on_failure
        self.tenures = 0
        #: why the role failed (the last time), or None
        self.failed: str | None = None
        self._error: str | None = None

    def run(self) -> None:
        kept: Role | None = None  # a role suspended by a lost lease
        try:
            while not self.stopping.is_set():
                if not self._stand_by():
                    return
                self.tenures += 1
                role = self._resume(kept) if kept is not None else None
                kept = None
                if role is None:
                    try:
                        role = self.start_role()
                    except Exception as e:  # noqa: BLE001 - retried; logged once
                        self._failed("starting the floor host role", e)
                        self.lease.release()
                        self.stopping.wait(self.retry_s * 5)
                        continue
                if self.on_leader is not None:
                    self.on_leader()
                outcome = self._hold(role)
                if outcome == "lost" and hasattr(role, "suspend"):
                    kept = role
                if outcome == "failed" and self.exit_on_failure:
                    return
        finally:
            if kept is not None:
                kept.stop()
            self.lease.close()

    def _resume(self, role: Role) -> Role | None:
        """The suspended ``role`` going on (None: start a fresh one)."""
        try:
            if role.resume():  # type: ignore[attr-defined]
                return role
        except Exception as e:  # noqa: BLE001 - a fresh role instead
            self._failed("resuming the floor host role", e)
        role.stop()
        return None

    def _stand_by(self) -> bool:
        told = False
        while not self.stopping.is_set():
            try:
                if self.lease.try_acquire():
                    self._error = None
                    return True
                if not told:
                    told = True
                    if self.on_standby is not None:
                        self.on_standby(self._info())
            except (OperationalError, DBAPIError) as e:
                self._failed("standing by for the floor host lease", e)
            self.stopping.wait(self.retry_s)
        return False

    def _info(self) -> LeaseInfo | None:
        try:
            return self.lease.current()
        except (OperationalError, DBAPIError):
            return None

    def _hold(self, role: Role) -> str:
        """Run ``role`` while the lease is ours: "stopping", "lost" (the role is
        suspended when it can be, else stopped) or "failed" (stopped, lease given up)."""
        suspended = False
        try:
            while not self.stopping.wait(self.renew_s):
                why = _health(role)
                if why is not None:
                    self.failed = why
                    log.critical("the floor host role failed (%s): giving up the lease "
                                 "%s so a standby takes over", why, self.lease.name)
                    role.stop()
                    self.lease.release()
                    if self.on_lost is not None:
                        self.on_lost()
                    return "failed"
                hung = self._renew()
                if hung is True:
                    continue
                log.error("lost the floor host lease %s: jobs stopped, standing by",
                          self.lease.name)
                suspend = getattr(role, "suspend", None)
                if suspend is not None:
                    suspend()
                    suspended = True
                else:
                    role.stop()
                if isinstance(hung, threading.Thread):
                    hung.join()  # let it fail (network timeouts), then start afresh
                    self.lease.release()
                if self.on_lost is not None:
                    self.on_lost()
                return "lost"
            return "stopping"
        finally:
            if not suspended or self.stopping.is_set():
                role.stop()
            if self.stopping.is_set():
                self.lease.release()
    def _renew(self) -> bool | threading.Thread:
        """True: still ours. False: lost. A thread: the renewal hangs past the
        lease's deadline — lost too, and the caller waits for it before going on."""
        deadline = self.lease.renew_deadline_s
        if deadline is None:
            return self.lease.renew()
        box: list[bool] = []

        def attempt() -> None:
            try:
                box.append(self.lease.renew())
            except Exception:  # noqa: BLE001 - a failed renewal is a lost lease
                log.exception("lease %s: renewal failed", self.lease.name)
                box.append(False)

        t = threading.Thread(target=attempt, name="lease-renew", daemon=True)
        t.start()
        t.join(deadline)
        if t.is_alive():
            log.error("lease %s: renewal hangs for over %.0f s", self.lease.name, deadline)
            return t
        return bool(box and box[0])

    def _failed(self, what: str, e: Exception) -> None:
        msg = f"{type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"
        if msg != self._error:
            self._error = msg
            if isinstance(e, OperationalError | DBAPIError):
                log.error("%s: %s (retrying)", what, msg)
            else:
                log.exception("%s failed (retrying)", what)
