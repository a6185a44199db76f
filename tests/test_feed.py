"""The floor feed on both engines: follows the log, reports stale and recovers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from console.feed import FloorFeed, wait_for
from models.db import store
from models.domain.records import FloorSnapshot
from models.domain.types import AgentState, FloorEvent
from tests.helpers import Beater

T0 = datetime.now(UTC).replace(microsecond=0)


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


SETUP = ev(0, "floor_setup", groups=[{"id": "G1", "name": "一班"}],
           queues=[{"id": "Q1", "name": "12345热线"}],
           agents=[{"id": f"{1000 + i}", "name": f"坐席{i}", "group": "G1"}
                   for i in range(1, 6)])


@pytest.fixture
def feed(db_url: str) -> Iterator[FloorFeed]:
    f = FloorFeed(db_url, poll_s=0.05, stale_after_s=1.0, heartbeat_every_s=0.2)
    yield f
    f.stop()


def test_feed_folds_new_events_and_names_changed_agents(eng: Any, feed: FloorFeed) -> None:
    w = store.FloorWriter(eng, "test")
    w.append([SETUP, ev(0, "agent_state", agent="1001", state="ready")])
    with Beater(eng):
        feed.start()
        first = wait_for(feed, lambda s: not s.status.stale and "1001" in s.state.status)
        assert first.state.status["1001"].state is AgentState.READY
        seen: list[FloorSnapshot] = []
        feed.subscribe(seen.append)
        w.append([ev(1, "call_queued", call="C1", queue="Q1"),
                  ev(2, "call_answered", call="C1", agent="1001"),
                  ev(3, "agent_state", agent="1002", state="ready")])
        snap = wait_for(feed, lambda s: s.state.status["1002"].state is AgentState.READY)
        assert snap.state.status["1001"].call == "C1"
        changed = set().union(*(s.changed_agents for s in seen))
        assert changed == {"1001", "1002"}  # row diffs: only these rows change
        w.append([ev(4, "call_ended", call="C1")])  # no agent field: found through the call
        snap = wait_for(feed, lambda s: s.state.status["1001"].state is AgentState.AFTER_CALL)
        assert "1001" in snap.changed_agents


def test_no_event_is_lost_or_applied_twice(eng: Any, feed: FloorFeed) -> None:
    w = store.FloorWriter(eng, "test")
    w.append([SETUP])
    ids: list[int] = []
    feed.subscribe(lambda s: ids.extend(e.id or 0 for e in s.events))
    with Beater(eng):
        feed.start()
        for i in range(40):
            w.append([ev(10 + i, "call_queued", call=f"C{i}", queue="Q1", ivr_only=True)])
        final = wait_for(feed, lambda s: s.state.last_event_id == w.current().last_event_id)
    assert sorted(ids) == ids and len(ids) == len(set(ids))
    assert final.state.counts("Q1", "shift").offered == 40


def test_quiet_floor_is_not_stale_but_a_silent_host_is(eng: Any, feed: FloorFeed) -> None:
    store.FloorWriter(eng, "test").append([SETUP])
    with Beater(eng) as host:
        feed.start()
        wait_for(feed, lambda s: not s.status.stale)
        host.paused.set()  # the host dies: no more heartbeats
        stale = wait_for(feed, lambda s: s.status.stale, timeout=10)
        assert "silent" in stale.status.reason and stale.status.stale_since is not None
        host.paused.clear()
        back = wait_for(feed, lambda s: not s.status.stale, timeout=10)
        assert back.status.stale_since is None


def test_no_host_at_all_is_stale(eng: Any, feed: FloorFeed) -> None:
    store.FloorWriter(eng, "test").append([SETUP])
    feed.start()
    snap = wait_for(feed, lambda s: s.status.stale and "no floor host" in s.status.reason)
    assert snap.status.connected


def test_unreachable_database_is_stale_and_retried(tmp_path: Any) -> None:
    f = FloorFeed("postgresql+psycopg://postgres@127.0.0.1:1/nowhere", poll_s=0.05)
    states: list[FloorSnapshot] = []
    f.subscribe(states.append)
    f.start()
    try:
        deadline = datetime.now(UTC) + timedelta(seconds=10)
        while f.status.reason == "connecting" and datetime.now(UTC) < deadline:
            threading.Event().wait(0.05)
        assert f.status.stale and not f.status.connected
        assert "the database cannot be reached" in f.status.reason
    finally:
        f.stop()


def test_a_pc_with_a_wrong_clock_still_tells_server_time(pg_url: str) -> None:
    import time

    fast_pc = lambda: time.time() + 3600.0  # noqa: E731 - this PC's clock is an hour ahead
    f = FloorFeed(pg_url, poll_s=0.05, local_clock=fast_pc)
    f.start()
    try:
        wait_for(f, lambda s: s.status.connected)
        assert f.status.clock_offset_s == pytest.approx(-3600.0, abs=2.0)
        # time-in-state is computed from f.now(): right despite the PC's clock
        assert abs((f.now() - datetime.now(UTC)).total_seconds()) < 2.0
    finally:
        f.stop()


def test_a_quiet_floor_still_publishes_heartbeat_updates(eng: Any, feed: FloorFeed) -> None:
    """Issue #12 (item 5): no events for a while, the host beating — the feed still
    hands out snapshots (with no events) whose read time moves on, so a console's
    "data updated at" shows the last successful read, not the last event."""
    store.FloorWriter(eng, "test").append([SETUP])
    with Beater(eng):
        feed.start()
        wait_for(feed, lambda s: not s.status.stale)
        quiet: list[FloorSnapshot] = []
        done = threading.Event()

        def sub(s: FloorSnapshot) -> None:
            if not s.events and not s.status.stale:
                quiet.append(s)
                if len(quiet) >= 3:
                    done.set()

        feed.subscribe(sub)
        assert done.wait(10), "no heartbeat-only update on a quiet floor"
    reads = [s.status.last_read for s in quiet[:3]]
    assert all(r is not None for r in reads)
    assert reads == sorted(reads) and reads[0] != reads[2]  # type: ignore[type-var]
    assert quiet[0].state.last_event_id == quiet[2].state.last_event_id
