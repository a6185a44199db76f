"""The PostgreSQL feed is woken by LISTEN/NOTIFY, not found by polling (issue #15).

With the usual poll interval (0.2 s) polling hides a broken LISTEN path: a feed
whose ``notifies()`` raised (psycopg 3.1 takes no ``timeout``) or that listens on
the wrong channel still shows every event, a little late. Here the poll interval
is 30 s, so only a NOTIFY can bring an event within the bound."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from console.feed import FloorFeed, wait_for
from models.db import engine as dbengine
from models.db import store
from models.domain.records import FloorSnapshot
from models.domain.types import FloorEvent

POLL_S = 30.0  # polling alone would bring the event after up to 30 s
BOUND_S = 2.0  # a NOTIFY brings it in milliseconds; 2 s leaves room for a busy machine

T0 = datetime.now(UTC).replace(microsecond=0)
SETUP = FloorEvent("floor_setup", T0, {
    "groups": [{"id": "G1", "name": "一班"}], "queues": [{"id": "Q1", "name": "12345热线"}],
    "agents": [{"id": "1001", "name": "坐席1", "group": "G1"}]})


@pytest.fixture
def eng(pg_url: str) -> Iterator[Any]:
    e = dbengine.make_engine(pg_url)
    yield e
    e.dispose()


def test_psycopg_notifies_takes_a_timeout() -> None:
    # pyproject requires psycopg >= 3.2: 3.1's notifies() took no arguments
    major, minor = (int(x) for x in psycopg.__version__.split(".")[:2])
    assert (major, minor) >= (3, 2)


def test_an_event_from_another_connection_wakes_the_feed(pg_url: str, eng: Any) -> None:
    w = store.FloorWriter(eng, "test")  # another connection than the feed's
    w.append([SETUP])
    feed = FloorFeed(pg_url, poll_s=POLL_S, heartbeat_every_s=POLL_S)
    try:
        feed.start()
        wait_for(feed, lambda s: "1001" in s.state.agents, timeout=10)
        time.sleep(0.3)  # the feed is now waiting in LISTEN (or in its 30 s poll)
        t0 = time.monotonic()
        w.append([FloorEvent("agent_state", T0 + timedelta(seconds=1),
                             {"agent": "1001", "state": "ready"})])
        try:
            snap: FloorSnapshot = wait_for(
                feed, lambda s: any(e.type == "agent_state" for e in s.events),
                timeout=BOUND_S)
        except TimeoutError:
            pytest.fail(f"the feed was not woken within {BOUND_S} s of the commit: "
                        "LISTEN/NOTIFY does not wake it (only the poll would)")
        latency = time.monotonic() - t0
        assert latency < BOUND_S
        assert snap.state.status["1001"].state.value == "ready"
    finally:
        t_stop = time.monotonic()
        feed.stop()
    assert time.monotonic() - t_stop < BOUND_S  # stop() does not wait out the 30 s poll


def test_psycopg_keeps_a_notify_that_comes_during_a_query() -> None:
    # the feed LISTENs on the connection it queries on (issue #20): psycopg 3.2
    # dropped a NOTIFY read while a query ran; 3.3 keeps it for notifies()
    major, minor = (int(x) for x in psycopg.__version__.split(".")[:2])
    assert (major, minor) >= (3, 3)


def _feed_backends(eng: Any) -> list[tuple[str, str]]:
    with eng.connect() as c:
        return [(r[0], r[1]) for r in c.exec_driver_sql(
            "SELECT state, query FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = 'seatwatch-feed'")]


def test_a_viewer_holds_one_server_connection(pg_url: str, eng: Any) -> None:
    # fifty consoles at two connections each took all of a default server's
    # max_connections (100); one each leaves room for the host and the rest
    store.FloorWriter(eng, "test").append([SETUP])
    feed = FloorFeed(pg_url, poll_s=POLL_S, heartbeat_every_s=0.2)
    try:
        feed.start()
        wait_for(feed, lambda s: "1001" in s.state.agents, timeout=10)
        time.sleep(0.5)  # a heartbeat check and a wait in LISTEN have happened
        backends = _feed_backends(eng)
        assert len(backends) == 1, backends
        assert backends[0][0] == "idle", backends  # not "idle in transaction"
        # and that one connection still brings an event at once
        t0 = time.monotonic()
        store.FloorWriter(eng, "test").append([FloorEvent(
            "agent_state", T0 + timedelta(seconds=1), {"agent": "1001", "state": "ready"})])
        wait_for(feed, lambda s: any(e.type == "agent_state" for e in s.events),
                 timeout=BOUND_S)
        assert time.monotonic() - t0 < BOUND_S
    finally:
        feed.stop()


def test_a_notify_that_comes_while_the_feed_queries_wakes_it(pg_url: str, eng: Any) -> None:
    # the feed's heartbeat query is held by a lock; an event commits meanwhile, so
    # its NOTIFY reaches the feed's connection while that query runs. The feed
    # must still come back for the event at once, not after its 30 s poll.
    w = store.FloorWriter(eng, "test")
    w.append([SETUP])
    feed = FloorFeed(pg_url, poll_s=POLL_S, heartbeat_every_s=0.2)
    dsn = dbengine.libpq_conninfo(eng.url)
    try:
        feed.start()
        wait_for(feed, lambda s: "1001" in s.state.agents, timeout=10)
        time.sleep(0.5)
        with psycopg.connect(dsn) as locker, psycopg.connect(dsn, autocommit=True) as other:
            locker.execute("LOCK TABLE host_heartbeat IN ACCESS EXCLUSIVE MODE")
            other.execute(f"NOTIFY {store.NOTIFY_CHANNEL}")  # wake it: read, then heartbeat
            deadline = time.monotonic() + 10
            while not any(s == "active" and "host_heartbeat" in q
                          for s, q in _feed_backends(eng)):
                assert time.monotonic() < deadline, "the feed never asked for the heartbeat"
                time.sleep(0.05)
            w.append([FloorEvent("agent_state", T0 + timedelta(seconds=1),
                                 {"agent": "1001", "state": "ready"})])
            time.sleep(0.2)  # the NOTIFY waits behind the blocked query
            locker.rollback()
        t0 = time.monotonic()
        try:
            wait_for(feed, lambda s: any(e.type == "agent_state" for e in s.events),
                     timeout=BOUND_S)
        except TimeoutError:
            pytest.fail(f"the event was not seen within {BOUND_S} s: the NOTIFY that came "
                        "during the feed's own query was lost")
        assert time.monotonic() - t0 < BOUND_S
    finally:
        feed.stop()
