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
