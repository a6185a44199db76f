"""The AMI adapter's handling of the event stream (console/ami_adapter.py, issue #14 part
D) with a stand-in link, for what a real Asterisk cannot be made to do on cue: a link
that is down at start, drops twice in one outage, drops again during the resync, and a
floor database that is away while events keep coming. (The same paths on a real
Asterisk: tests/test_ami_floor.py.)"""

from __future__ import annotations

import queue
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from console.ami_adapter import AmiAdapter
from console.ami_client import LinkChange, LinkDown
from models.domain.floor import FloorState, apply_all, initial_state
from models.domain.types import AgentState, CallState, FloorEvent
from models.telephony.ami import Completed, Message
from tests.test_translate import AGENT1, CALLER, MAPPING, ev

T = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


def lst(name: str, **fields: str) -> Message:
    return Message([("Event", name), *fields.items()])


STATUS = [lst("QueueParams", Queue="q1"),
          lst("QueueMember", Queue="q1", Name="Agent 8001", Location="Local/8001@agents/n",
              Paused="0"),
          lst("QueueMember", Queue="q1", Name="Agent 8002", Location="Local/8002@agents/n",
              Paused="0")]


class FakeLink:
    """What the adapter uses of console.ami_client.AmiLink."""

    def __init__(self, up: bool = True) -> None:
        self.events: queue.Queue[Message | LinkChange] = queue.Queue()
        self.up = up
        self.where = "127.0.0.1:5038"
        self.last_error = "connection refused"
        self.fail_calls = 0
        self.calls: list[str] = []
        self.during_call: Callable[[], None] | None = None

    def start(self) -> None:
        if self.up:
            self.events.put(LinkChange(True, T, "Asterisk Call Manager/11.0.0"))

    def stop(self) -> None:
        pass

    def wait_up(self, timeout: float) -> bool:
        return self.up

    def call(self, action: str, fields: Any = (), *, list_response: bool = False,
             timeout: float = 5.0) -> Completed:
        self.calls.append(action)
        if self.during_call is not None:
            self.during_call()
        if self.fail_calls:
            self.fail_calls -= 1
            raise LinkDown("AMI link went down")
        ok = Message([("Response", "Success")])
        return Completed("x", ok, list(STATUS) if action == "QueueStatus" else [])


class Host:
    """The host's side: it writes what poll returns (unless its database is away)."""

    def __init__(self, link: FakeLink) -> None:
        self.adapter = AmiAdapter(MAPPING, secret_fn=lambda: "s", link=link)  # type: ignore[arg-type]
        self.state: FloorState = initial_state()
        self.db_up = True
        self.buffer: list[FloorEvent] = []
        self.adapter.bind(self.current)
        self.written = 0

    def current(self) -> FloorState:
        if not self.db_up:
            raise ConnectionError("database unreachable")
        return self.state

    def write(self, events: list[FloorEvent]) -> None:
        self.buffer += events
        if self.db_up and self.buffer:
            for e in self.buffer:
                self.written += 1
                self.state = apply_all(self.state, [FloorEvent(e.type, e.at, e.data,
                                                               id=self.written)])
            self.buffer = []

    def start(self) -> list[FloorEvent]:
        out = self.adapter.start(self.state, T)
        self.write(out)
        return out

    def poll(self, now: datetime = T) -> list[FloorEvent]:
        out = self.adapter.poll(now)
        self.write(out)
        return out


def types(events: list[FloorEvent]) -> list[str]:
    return [e.type for e in events]


def test_start_with_asterisk_unreachable_then_it_answers() -> None:
    link = FakeLink(up=False)
    h = Host(link)
    out = h.start()
    assert types(out) == ["floor_setup", "telephony_link"]
    assert out[-1].data == {"up": False, "source": "ami", "host": "127.0.0.1:5038",
                            "note": "connection refused"}
    assert h.state.telephony_down_since == T
    # a second "down" of the same outage (another failed attempt) writes nothing
    link.events.put(LinkChange(False, T + timedelta(seconds=1), "connection refused"))
    assert h.poll() == []
    link.up = True
    link.events.put(LinkChange(True, T + timedelta(seconds=5), "banner"))
    out = h.poll(T + timedelta(seconds=5))
    assert types(out) == ["agent_state", "agent_state", "telephony_link"]
    assert out[-1].data["up"] is True and h.state.telephony_down_since is None
    assert {a: s.state for a, s in h.state.status.items()} == {
        "8001": AgentState.READY, "8002": AgentState.READY, "801": AgentState.LOGGED_OUT}
    assert link.calls == ["QueueStatus", "CoreShowChannels"]


def test_a_start_with_the_link_up_resyncs_once_not_again_at_its_up_marker() -> None:
    link = FakeLink()
    h = Host(link)
    assert types(h.start()) == ["floor_setup", "agent_state", "agent_state"]
    assert h.poll() == [] and link.calls == ["QueueStatus", "CoreShowChannels"]


def test_the_link_dropping_during_the_resync_is_retried_when_it_is_up() -> None:
    link = FakeLink()
    h = Host(link)
    h.start()
    link.events.put(LinkChange(False, T, "closed"))
    link.events.put(LinkChange(True, T + timedelta(seconds=2), "banner"))
    link.fail_calls = 1
    out = h.poll(T + timedelta(seconds=2))
    assert [e.data["up"] for e in out if e.type == "telephony_link"] == [False]
    out = h.poll(T + timedelta(seconds=3))  # the link is up: the resync runs now
    assert types(out) == ["telephony_link"] and out[0].data["up"] is True


def test_events_arriving_during_the_resync_are_applied_after_it() -> None:
    link = FakeLink()
    h = Host(link)
    h.start()
    link.events.put(LinkChange(False, T, "closed"))
    link.events.put(LinkChange(True, T + timedelta(seconds=2), "banner"))
    link.during_call = lambda: link.events.put(
        ev("QueueCallerJoin", 3600, **CALLER, Queue="q1"))
    out = h.poll(T + timedelta(seconds=2))
    assert types(out)[-2:] == ["telephony_link", "call_queued"]
    assert list(h.state.calls) == ["1796603875.1"]


def test_a_floor_database_away_the_adapter_goes_on_from_what_it_handed_over() -> None:
    """The host buffers the adapter's events while its database is away; the adapter
    translates the next ones against the floor plus what it handed over, so the
    answer of a call queued during the outage is not lost, nor written twice."""
    link = FakeLink()
    h = Host(link)
    h.start()
    h.db_up = False
    link.events.put(ev("QueueCallerJoin", 3600, **CALLER, Queue="q1"))
    assert types(h.poll()) == ["call_queued"]
    link.events.put(ev("AgentCalled", 3601, **CALLER, **AGENT1))
    link.events.put(ev("AgentConnect", 3602, **CALLER, **AGENT1))
    assert types(h.poll()) == ["call_offered", "call_answered"]
    h.db_up = True  # the database is back: the host's reload lacks the buffered events
    link.events.put(ev("Hold", 3603, Channel=AGENT1["DestChannel"],
                       Uniqueid=AGENT1["DestUniqueid"]))
    assert types(h.poll()) == ["hold_started"]
    assert h.state.calls["1796603875.1"].state is CallState.HOLD
    assert h.poll() == []


def test_drain_until_returns_the_awaited_message_and_leaves_the_rest_queued() -> None:
    link = FakeLink()
    h = Host(link)
    h.start()
    link.events.put(ev("QueueCallerJoin", 3600, **CALLER, Queue="q1"))
    link.events.put(ev("AgentCalled", 3601, **CALLER, **AGENT1))
    link.events.put(ev("AgentConnect", 3602, **CALLER, **AGENT1))
    evs, hit = h.adapter.drain(T, until=lambda m: m.is_event("AgentCalled"), timeout=0.5)
    assert hit is not None and hit.is_event("AgentCalled")
    assert types(evs) == ["call_queued", "call_offered"]
    h.write(evs)
    assert types(h.poll()) == ["call_answered"]
    evs, hit = h.adapter.drain(T, until=lambda m: True, timeout=0.05)
    assert (evs, hit) == ([], None)
