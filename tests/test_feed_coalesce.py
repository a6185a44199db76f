"""Issue #20: the console shows the feed's snapshots coalesced (a few a second, always
the newest, with every event and changed agent of the ones merged into it), an alert
or a control's answer at once, and its feed reads no more often than it shows."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from console.app import FeedBridge
from console.feed import FloorFeed, wait_for
from models.db import store
from models.domain.floor import FloorState, apply
from models.domain.records import FeedStatus, FloorSnapshot
from models.domain.types import AgentState, FloorEvent
from tests.helpers import Beater
from tests.test_feed import SETUP, T0, ev
from views.agent_model import (
    COL_BREAK_TIME,
    COL_ID,
    COL_NAME,
    COL_STATE,
    AgentFilterProxy,
    AgentTableModel,
)
from views.kit.texts import state_name
from views.theme import THEMES

LIVE = FeedStatus(connected=True, stale=False)


class FakeFeed:
    """Only what the bridge uses of a feed: its subscribers."""

    def __init__(self) -> None:
        self.subs: list[Any] = []

    def subscribe(self, fn: Any) -> None:
        self.subs.append(fn)

    def emit(self, snap: FloorSnapshot) -> None:
        for fn in self.subs:
            fn(snap)


class Floor:
    """Folds events and makes the snapshots a feed would."""

    def __init__(self) -> None:
        self.state = apply(FloorState(), SETUP)

    def snap(self, *events: FloorEvent, status: FeedStatus = LIVE) -> FloorSnapshot:
        for e in events:  # the bridge reads no more of an alert or an answer than its type
            if e.type == "agent_state":
                self.state = apply(self.state, e)
        agents = frozenset(str(e.data["agent"]) for e in events if "agent" in e.data)
        return FloorSnapshot(self.state, status, tuple(events), agents)


def bridge(qtbot: Any, interval: float) -> tuple[FakeFeed, FeedBridge, list[FloorSnapshot]]:
    feed = FakeFeed()
    b = FeedBridge(feed, min_interval_s=interval)  # type: ignore[arg-type]
    got: list[FloorSnapshot] = []
    b.snapshot.connect(got.append)
    return feed, b, got


def state_event(agent: str, state: str, t: float) -> FloorEvent:
    if state == "away":
        return ev(t, "agent_state", agent=agent, state=state, reason="short_break")
    return ev(t, "agent_state", agent=agent, state=state)


def test_a_burst_reaches_the_window_as_one_snapshot_with_the_newest_floor(qtbot: Any) -> None:
    feed, _b, got = bridge(qtbot, 0.3)
    floor = Floor()
    feed.emit(floor.snap(state_event("1001", "ready", 1)))
    qtbot.waitUntil(lambda: len(got) == 1, timeout=2000)  # the first at once
    sent = [floor.snap(state_event(f"100{1 + i % 5}", "ready" if i % 2 else "away", 2 + i))
            for i in range(10)]

    def from_the_feed_thread() -> None:
        for s in sent:
            feed.emit(s)
            time.sleep(0.005)

    t = threading.Thread(target=from_the_feed_thread)
    t.start()
    t.join()
    qtbot.waitUntil(lambda: got[-1].state is sent[-1].state, timeout=2000)
    qtbot.wait(400)  # nothing more comes
    assert len(got) == 2  # ten snapshots, shown as one
    last = got[-1]
    assert last.state is sent[-1].state  # never an older floor than the newest
    assert last.events == tuple(e for s in sent for e in s.events)  # every event, in order
    assert last.changed_agents == {"1001", "1002", "1003", "1004", "1005"}


def test_the_last_snapshot_of_a_burst_is_never_dropped(qtbot: Any) -> None:
    feed, b, got = bridge(qtbot, 0.2)
    floor = Floor()
    for i in range(30):
        feed.emit(floor.snap(state_event("1002", "ready" if i % 2 else "away", i)))
    final = floor.snap(state_event("1003", "away", 99))
    feed.emit(final)
    qtbot.waitUntil(lambda: bool(got) and got[-1].state is final.state, timeout=2000)
    assert b.delivered <= 2
    assert got[-1].state.status["1003"].state is AgentState.AWAY


def test_an_alert_during_coalescing_is_shown_at_once(qtbot: Any) -> None:
    feed, _b, got = bridge(qtbot, 30.0)  # the held snapshot would wait 30 s
    floor = Floor()
    feed.emit(floor.snap(state_event("1001", "ready", 1)))
    qtbot.waitUntil(lambda: len(got) == 1, timeout=2000)
    held = floor.snap(state_event("1002", "away", 2))
    feed.emit(held)
    qtbot.wait(200)
    assert len(got) == 1  # coalescing: held back
    alert = ev(3, "alert_raised", id="A1", rule="R-HOLD-1", agent="1002", level="warn",
               text="hold")
    t0 = time.monotonic()
    feed.emit(floor.snap(alert))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=1000)
    assert time.monotonic() - t0 < 0.25  # within the event-to-pixel bound, not 30 s
    assert [e.type for e in got[-1].events] == ["agent_state", "alert_raised"]
    assert got[-1].changed_agents >= {"1002"}


def test_a_control_answer_and_a_stale_feed_are_shown_at_once(qtbot: Any) -> None:
    feed, _b, got = bridge(qtbot, 30.0)
    floor = Floor()
    feed.emit(floor.snap(state_event("1001", "ready", 1)))
    qtbot.waitUntil(lambda: len(got) == 1, timeout=2000)
    feed.emit(floor.snap(ev(2, "command_done", command="X1")))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=1000)
    feed.emit(floor.snap(status=FeedStatus(connected=False, stale=True, reason="gone")))
    qtbot.waitUntil(lambda: len(got) == 3, timeout=1000)
    assert got[-1].status.stale


def test_a_row_changed_in_a_merged_snapshot_shows_its_new_value(qtbot: Any) -> None:
    """1002 changes in the middle snapshot of three that reach the table as one: its
    row is repainted (dataChanged) and reads the new state."""
    feed, b, got = bridge(qtbot, 0.3)
    model = AgentTableModel(THEMES["light"], lambda: T0 + timedelta(seconds=100))
    floor = Floor()
    first = floor.snap(*(state_event(f"100{i}", "ready", 1) for i in range(1, 6)))
    model.set_snapshot(first.state)
    got.clear()
    b_rows: list[int] = []
    model.dataChanged.connect(lambda a, b, *_: b_rows.extend(range(a.row(), b.row() + 1)))
    b.snapshot.connect(lambda s: model.set_snapshot(s.state, s.changed_agents))
    feed.emit(floor.snap(state_event("1001", "away", 2)))  # shown at once (the first)
    qtbot.waitUntil(lambda: len(got) == 1, timeout=2000)
    b_rows.clear()
    feed.emit(floor.snap(state_event("1003", "away", 3)))
    feed.emit(floor.snap(state_event("1002", "away", 4)))
    last = floor.snap(state_event("1004", "away", 5))
    feed.emit(last)
    qtbot.waitUntil(lambda: got[-1].state is last.state, timeout=2000)
    assert len(got) == 2
    row = model.row_of("1002")
    assert row is not None and row in b_rows
    assert model.index(row, COL_STATE).data(Qt.ItemDataRole.DisplayRole) == \
        state_name(AgentState.AWAY)
    assert model.state is not None and model.state.status["1002"].state is AgentState.AWAY


@pytest.fixture
def spaced_feed(db_url: str) -> Any:
    f = FloorFeed(db_url, poll_s=0.01, stale_after_s=5.0, heartbeat_every_s=0.2,
                  min_read_interval_s=0.25)
    yield f
    f.stop()


def test_the_console_feed_reads_no_more_often_than_it_shows(eng: Any,
                                                           spaced_feed: FloorFeed) -> None:
    w = store.FloorWriter(eng, "test")
    w.append([SETUP])
    with Beater(eng):
        spaced_feed.start()
        wait_for(spaced_feed, lambda s: not s.status.stale)
        ticks0 = spaced_feed.ticks
        t0 = time.monotonic()
        for i in range(40):  # a busy floor: a batch every 25 ms for a second
            w.append([state_event(f"100{1 + i % 5}", "ready" if i % 2 else "away", 10 + i)])
            time.sleep(0.025)
        final = wait_for(spaced_feed,
                         lambda s: s.state.last_event_id == w.current().last_event_id)
        elapsed = time.monotonic() - t0
    reads = spaced_feed.ticks - ticks0
    assert reads <= elapsed / 0.25 + 2  # not one read per batch (40 of them)
    assert final.state.status["1005"].state is AgentState.READY  # the last of 40: none lost


# ---- the agent table's row diffs (issue #20) -----------------------------------------------


def _sorted_table(column: int) -> tuple[Floor, AgentTableModel, AgentFilterProxy]:
    floor = Floor()
    model = AgentTableModel(THEMES["light"], lambda: T0 + timedelta(seconds=100))
    floor.snap(*(state_event(f"100{i}", "ready", 1) for i in range(1, 6)))
    model.set_snapshot(floor.state)
    proxy = AgentFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    return floor, model, proxy


def _column(proxy: AgentFilterProxy, col: int) -> list[str]:
    return [str(proxy.index(r, col).data()) for r in range(proxy.rowCount())]


def test_sorted_by_id_a_changed_row_stays_put_and_shows_its_new_state(qtbot: Any) -> None:
    floor, model, proxy = _sorted_table(COL_ID)
    spans: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: spans.append((a.column(), b.column())))
    snap = floor.snap(state_event("1003", "away", 2))
    model.set_snapshot(snap.state, snap.changed_agents)
    assert _column(proxy, COL_ID) == ["1001", "1002", "1003", "1004", "1005"]
    assert _column(proxy, COL_STATE)[2] == state_name(AgentState.AWAY)
    assert spans == [(COL_STATE, COL_BREAK_TIME)]  # 工号 untouched: no re-sort


def test_sorted_by_state_a_changed_row_still_moves(qtbot: Any) -> None:
    floor, model, proxy = _sorted_table(COL_STATE)
    before = _column(proxy, COL_ID)
    snap = floor.snap(state_event("1001", "away", 2))
    model.set_snapshot(snap.state, snap.changed_agents)
    after = _column(proxy, COL_ID)
    assert after != before and after.index("1001") != before.index("1001")
    assert proxy.index(after.index("1001"), COL_STATE).data() == state_name(AgentState.AWAY)


def test_a_renamed_agent_shows_its_new_name(qtbot: Any) -> None:
    floor, model, proxy = _sorted_table(COL_NAME)
    rename = ev(2, "floor_setup", agents=[{"id": "1001", "name": "新名字", "group": "G1"}])
    floor.state = apply(floor.state, rename)
    spans: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: spans.append((a.column(), b.column())))
    model.set_snapshot(floor.state, frozenset({"1001"}))
    assert "新名字" in _column(proxy, COL_NAME)
    assert spans and spans[0][0] == COL_ID  # the name column is repainted and re-sorted
    assert _column(proxy, COL_NAME)[-1] == "新名字"  # sorted by name: it moved
