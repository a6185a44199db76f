"""The floor feed: follows the log on a worker thread and hands out snapshots.

Each tick costs one indexed range query ("events with id > last seen") whatever
the size of the floor; the new events are folded with the same reducer as
everywhere else and subscribers get an immutable :class:`FloorSnapshot`. On
PostgreSQL a LISTEN connection wakes the feed the moment a batch commits; SQLite
is polled. The feed is *stale* when it cannot read the database or the floor
host's heartbeat is older than ``stale_after_s`` (a quiet floor still beats);
it reconnects by itself, resuming after the last event it folded, so nothing is
lost or applied twice. At connect it measures the offset between this PC's
clock and the database server's, so time-in-state is right on a PC whose clock
is off.

On PostgreSQL a viewer holds ONE server connection: the feed's queries run on the
connection that LISTENs (issue #20). Fifty consoles with two connections each
would take all of a default server's ``max_connections`` (100); a NOTIFY that
arrives while that connection runs a query is kept by psycopg (>= 3.3) and
returned by the next ``notifies()``, so none is lost. The connection is in
autocommit: a tick is one round trip (no pre-ping, no BEGIN/ROLLBACK).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import psycopg
from sqlalchemy import URL, Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from models.db import engine as dbengine
from models.db import store
from models.domain.floor import FloorState, apply
from models.domain.history import touched_agents
from models.domain.records import FeedStatus, FloorSnapshot
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.types import FloorEvent

log = logging.getLogger(__name__)

#: why the data is not live (the banner's reason), translated where it is shown
NO_HOST = QT_TRANSLATE_NOOP("Feed", "no floor host has started")
SILENT = QT_TRANSLATE_NOOP("Feed", "the floor host has been silent for {seconds} s")
UNREACHABLE = QT_TRANSLATE_NOOP("Feed", "the database cannot be reached: {error}")


Subscriber = Callable[[FloorSnapshot], None]

#: how a viewer's connection shows in pg_stat_activity
APPLICATION_NAME = "seatwatch-feed"


class FloorFeed:
    def __init__(self, url: URL | str, *, poll_s: float | None = None,
                 stale_after_s: float = 3.0,
                 heartbeat_every_s: float = 1.0, batch: int = 5000,
                 engine: Engine | None = None,
                 local_clock: Callable[[], float] = time.time,
                 min_read_interval_s: float = 0.0) -> None:
        self.url = make_url(url) if isinstance(url, str) else url
        # SQLite has no NOTIFY: poll often (one indexed query); PostgreSQL is woken
        # by NOTIFY and only polls to check the heartbeat
        sqlite = self.url.drivername.startswith("sqlite")
        self.poll_s = poll_s if poll_s is not None else (0.05 if sqlite else 0.2)
        self.stale_after_s = stale_after_s
        self.heartbeat_every_s = heartbeat_every_s
        self.batch = batch
        #: at least this long between two reads (unless catching up): a console shows
        #: a few snapshots a second, so reading at every NOTIFY of a busy floor (20 a
        #: second) only costs queries, round trips and snapshots nobody sees (issue #20)
        self.min_read_interval_s = min_read_interval_s
        self._engine = engine
        self._clock = local_clock
        self._subs: list[Subscriber] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.state: FloorState | None = None
        self.status = FeedStatus()
        self._listen: psycopg.Connection[Any] | None = None
        self.latest: FloorSnapshot | None = None
        self.ticks = 0

    # -- public --

    def now(self) -> datetime:
        """The database server's time, from this PC's clock and the measured offset."""
        return datetime.fromtimestamp(self._clock() + self.status.clock_offset_s, UTC)

    def subscribe(self, fn: Subscriber) -> None:
        self._subs.append(fn)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="floor-feed", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._close()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = dbengine.make_engine(
                self.url, application_name=APPLICATION_NAME, pool_size=1, max_overflow=0,
                pool_pre_ping=False, creator=self._open_listening) \
                if not self.url.drivername.startswith("sqlite") \
                else dbengine.make_engine(self.url, create=False)  # a viewer never makes a floor
        return self._engine

    def _open_listening(self) -> psycopg.Connection[Any]:
        """The feed's one PostgreSQL connection: it LISTENs and runs the feed's queries."""
        conn = psycopg.connect(self._libpq_dsn(), autocommit=True, connect_timeout=5,
                               application_name=APPLICATION_NAME)
        try:
            conn.execute(f"LISTEN {store.NOTIFY_CHANNEL}")
        except psycopg.Error:
            conn.close()
            raise
        self._listen = conn
        return conn

    # -- worker --

    def _run(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            try:
                self._connect()
                backoff = 0.5
                self._follow()
            except (OperationalError, DBAPIError, psycopg.Error, OSError) as e:
                self._close()
                # no credential in the banner or the log, whatever the driver says
                first = (str(e).splitlines() or [type(e).__name__])[0]
                self._set_stale(UNREACHABLE.format(
                    error=dbengine.scrub(first, self.url)[:200]), connected=False)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)

    def _connect(self) -> None:
        with self.engine.connect() as conn:
            t0 = self._clock()
            server = dbengine.server_now(conn)
            t1 = self._clock()
            offset = server.timestamp() - (t0 + t1) / 2
            if self.state is None:
                self.state = store.start_state(conn)
        if self.url.drivername.startswith("postgresql") and self._listen is None:
            # an engine handed in (not made by _open_listening): listen beside it
            self._listen = self._open_listening()
        self.status = _replace(self.status, connected=True, clock_offset_s=offset)
        log.info("floor feed connected to %s (clock offset %.3f s)",
                 dbengine.safe(self.url), offset)

    def _libpq_dsn(self) -> str:
        # built by psycopg from the URL, never by hand: a quote in the password and
        # sslmode & co. survive (issue #13 item 9)
        return dbengine.libpq_conninfo(self.url)

    def _follow(self) -> None:
        last_beat_check = 0.0
        last_read = float("-inf")
        # one connection for the whole follow: no pool checkout, ping and return per
        # read (issue #20); a failure drops it with the engine (_close)
        with self.engine.connect() as conn:
            # autocommit: each query sees what was committed before it, without a
            # BEGIN and a ROLLBACK round trip per tick
            conn.execution_options(isolation_level="AUTOCOMMIT")
            while not self._stop.is_set():
                rest = last_read + self.min_read_interval_s - time.monotonic()
                if rest > 0 and self._stop.wait(rest):
                    return
                last_read = time.monotonic()
                events, changed = self._read(conn)
                mono = time.monotonic()
                hb_age = self.status.heartbeat_age_s
                server_now: datetime | None = None
                if mono - last_beat_check >= self.heartbeat_every_s:
                    hb_age, server_now = store.heartbeat_age(conn)
                    last_beat_check = mono
                conn.rollback()  # ends SQLAlchemy's own (autocommit) transaction
                self._tick(events, changed, hb_age, server_now)
                if len(events) >= self.batch:
                    continue  # catching up: no waiting
                self._wait()

    def _tick(self, events: list[FloorEvent], changed: set[str], hb_age: float | None,
              server_now: datetime | None) -> None:
        self._publish(events, changed, hb_age, server_now)
        self.ticks += 1

    def _read(self, conn: Connection) -> tuple[list[FloorEvent], set[str]]:
        """One range query; fold what it returns. Cost: O(new events), not O(agents)."""
        assert self.state is not None
        events = store.read_events(conn, self.state.last_event_id, self.batch)
        state = self.state
        changed: set[str] = set()
        for e in events:
            if e.type == "floor_setup":
                changed.update(str(a.get("id")) for a in e.get("agents", []) or [])
            else:
                changed.update(touched_agents(state, e))
            state = apply(state, e)
        self.state = state
        return events, changed

    def _wait(self) -> None:
        if self._listen is not None:
            # returns at the first NOTIFY, or after poll_s to check the heartbeat; in
            # slices of at most 0.5 s, so stop() never waits out a long poll interval
            end = time.monotonic() + max(self.poll_s, 0.5)
            while not self._stop.is_set():
                left = end - time.monotonic()
                if left <= 0:
                    return
                if list(self._listen.notifies(timeout=min(left, 0.5), stop_after=1)):
                    return
        else:
            self._stop.wait(self.poll_s)

    def _publish(self, events: list[FloorEvent], changed: set[str], hb_age: float | None,
                 server_now: datetime | None) -> None:
        assert self.state is not None
        prev = self.status
        now = server_now or self.now()  # the server's clock, as the heartbeat's
        reason: str
        if hb_age is None:
            stale, reason = True, NO_HOST
        elif hb_age > self.stale_after_s:
            stale, reason = True, SILENT.format(seconds=round(hb_age))
        else:
            stale, reason = False, ""
        since = (prev.stale_since if prev.stale and prev.stale_since else now) if stale \
            else None
        status = FeedStatus(connected=True, stale=stale, stale_since=since, reason=reason,
                            heartbeat_age_s=hb_age, clock_offset_s=prev.clock_offset_s,
                            last_read=now)
        self.status = status
        # a heartbeat-only update (no events) once per heartbeat check: on a quiet
        # night the viewers' "data updated at" still moves on (issue #12, item 5)
        if not events and server_now is None and \
                (prev.stale, prev.reason, prev.connected) == (stale, reason, True):
            return
        self._emit(FloorSnapshot(self.state, status, tuple(events), frozenset(changed)))

    def _set_stale(self, reason: str, connected: bool) -> None:
        prev = self.status
        since = prev.stale_since if prev.stale and prev.stale_since else datetime.now(UTC)
        self.status = _replace(prev, connected=connected, stale=True, stale_since=since,
                               reason=reason)
        if self.state is not None and (prev.reason != reason or not prev.stale):
            log.warning("floor feed stale: %s", reason)
            self._emit(FloorSnapshot(self.state, self.status))

    def _emit(self, snap: FloorSnapshot) -> None:
        self.latest = snap
        for fn in list(self._subs):
            try:
                fn(snap)
            except Exception:  # a subscriber bug must not stop the feed
                log.exception("floor feed subscriber failed")

    def _close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()  # closes the listening connection too
        if self._listen is not None:
            with contextlib.suppress(psycopg.Error):
                self._listen.close()
            self._listen = None


def _replace(s: FeedStatus, **kw: Any) -> FeedStatus:
    from dataclasses import replace
    return replace(s, **kw)


def wait_for(feed: FloorFeed, pred: Callable[[FloorSnapshot], bool],
             timeout: float = 10.0) -> FloorSnapshot:
    """Block until a snapshot satisfies ``pred`` (CLI and tests; never on the GUI thread)."""
    got: list[FloorSnapshot] = []
    ev = threading.Event()

    def sub(s: FloorSnapshot) -> None:
        if pred(s):
            got.append(s)
            ev.set()

    feed.subscribe(sub)
    if feed.latest is not None:
        sub(feed.latest)
    if not ev.wait(timeout):
        raise TimeoutError("the feed did not reach the expected state in time")
    return got[0]
