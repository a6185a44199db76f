"""The telephony link in the floor log and its banners (issue #14, "Resync").

The floor host writes ``telephony_link`` up/down events; the reducer keeps since
when the link is down; the console, the alerts panel and every page of the wall
show "话务平台连接中断" as a banner of its own, distinct from the database-stale
one, and ``seatwatch screenshot`` renders it from the database's floor.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from models.db import engine as dbengine
from models.db import store
from models.domain import codec
from models.domain.floor import FloorState, IllegalEvent, apply, apply_all, initial_state
from models.domain.types import AgentState, FloorEvent

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 Asia/Shanghai


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


def link(t: float, up: Any, **data: Any) -> FloorEvent:
    return ev(t, "telephony_link", up=up, source=data.pop("source", "ami"),
              host=data.pop("host", "127.0.0.1:5038"), note=data.pop("note", ""), **data)


def setup(t: float = 0, *, replace_: bool = False) -> FloorEvent:
    return ev(t, "floor_setup", groups=[{"id": "G1", "name": "一班"}],
              queues=[{"id": "Q1", "name": "咨询"}],
              agents=[{"id": "8001", "name": "张三", "group": "G1"},
                      {"id": "8002", "name": "李四", "group": "G1"}],
              replace=replace_)


def busy() -> FloorState:
    return apply_all(initial_state(), [
        setup(),
        ev(1, "agent_state", agent="8001", state="ready"),
        ev(2, "call_queued", call="C1", queue="Q1", caller="13800138000"),
        ev(3, "call_answered", call="C1", agent="8001"),
        ev(4, "call_queued", call="C2", queue="Q1")])


# ---- the reducer ------------------------------------------------------------------------


def test_down_sets_since_and_up_clears_it() -> None:
    s = busy()
    assert s.telephony_down_since is None and s.telephony_source == ""
    down = apply(s, link(10, False, note="connection refused"))
    assert down.telephony_down_since == T0 + timedelta(seconds=10)
    assert down.telephony_source == "ami"
    up = apply(down, link(30, True))
    assert up.telephony_down_since is None and up.telephony_source == "ami"


def test_a_second_down_keeps_the_first_since() -> None:
    """Reconnect attempts that fail again do not move the outage's start."""
    s = apply_all(busy(), [link(10, False), link(15, False, note="retry 1"),
                           link(25, False, note="retry 2")])
    assert s.telephony_down_since == T0 + timedelta(seconds=10)
    s = apply_all(s, [link(40, True), link(50, False)])
    assert s.telephony_down_since == T0 + timedelta(seconds=50)  # a new outage


@pytest.mark.parametrize("up", [None, "false", 0, 1, "true", [], {}])
def test_an_up_that_is_not_a_boolean_is_refused_naming_the_field(up: Any) -> None:
    s = busy()
    data: dict[str, Any] = {"source": "ami"}
    if up is not None:
        data["up"] = up
    with pytest.raises(IllegalEvent, match=r"telephony_link\.up"):
        apply(s, ev(10, "telephony_link", **data))


def test_text_fields_must_be_text() -> None:
    with pytest.raises(IllegalEvent, match=r"telephony_link\.host"):
        apply(busy(), ev(10, "telephony_link", up=False, source="ami", host=5038))


def test_the_link_changes_nothing_else_and_a_new_source_leaves_it_alone() -> None:
    """The outage is a fact about the link: agents, calls and counters are the
    resync's to correct (its own events); a floor_setup of a restarted source
    (replace) neither clears nor sets it."""
    s = busy()
    down = apply(s, link(10, False))
    assert replace(down, telephony_down_since=None, telephony_source="", at=s.at,
                   last_event_id=s.last_event_id) == s
    assert down.calls == s.calls and down.status == s.status and down.kpi == s.kpi
    again = apply(down, setup(20, replace_=True))
    assert again.telephony_down_since == T0 + timedelta(seconds=10)
    assert again.telephony_source == "ami"
    assert again.status["8001"].state is AgentState.TALKING


def test_the_link_state_round_trips_through_a_checkpoint_and_an_old_one_loads() -> None:
    s = apply(busy(), link(10, False))
    back = codec.state_from_dict(codec.state_to_dict(s))
    assert back == s and back.telephony_down_since == s.telephony_down_since
    old = codec.state_to_dict(busy())
    del old["telephony"]  # a checkpoint written before issue #14
    loaded = codec.state_from_dict(old)
    assert loaded.telephony_down_since is None and loaded.telephony_source == ""


def test_the_link_state_survives_a_database_checkpoint(db_url: str) -> None:
    eng = dbengine.make_engine(db_url)
    try:
        w = store.FloorWriter(eng, "test")
        w.append([setup(), link(10, False, note="connection refused")],
                 force_checkpoint=True)
        with eng.connect() as c:
            cp = store.latest_checkpoint(c)
            assert cp is not None
            assert cp[0].telephony_down_since == T0 + timedelta(seconds=10)
            assert cp[0].telephony_source == "ami"
        w.append([link(30, True)])
        with eng.connect() as c:
            assert store.current_state(c).telephony_down_since is None
    finally:
        eng.dispose()


def write_floor(url: str, *, down: bool) -> None:
    """A floor in the database with a live host, the link up or down."""
    eng = dbengine.make_engine(url)
    try:
        now = datetime.now(UTC)
        events = [FloorEvent(e.type, now - timedelta(seconds=60), e.data) for e in (
            setup(), ev(1, "agent_state", agent="8001", state="ready"),
            ev(2, "call_queued", call="C1", queue="Q1"))]
        if down:
            events.append(FloorEvent("telephony_link", now - timedelta(seconds=30),
                                     {"up": False, "source": "ami", "host": "pbx1:5038",
                                      "note": "connection refused"}))
        store.FloorWriter(eng, "test").append(events)
    finally:
        eng.dispose()
