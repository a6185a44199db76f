"""Scenario files (a floor scripted exactly) and ``seatwatch replay`` / ``snapshot``
on SQLite and PostgreSQL. Rule IDs refer to shared/DOMAIN.md."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from console.cli import main
from models.domain import kpi
from models.domain.floor import FLOOR
from models.domain.types import AgentState, AwayReason, TicketCategory
from models.sim import scenario as sc
from models.sim.scenario import ScenarioError

CST = timezone(timedelta(hours=8))
START = datetime(2026, 3, 2, 8, 0, tzinfo=CST)

#: the example scenario of the issue
EXAMPLE: dict[str, Any] = {
    "start": "2026-03-02T08:00:00+08:00",
    "floor": {"groups": [{"id": "G1", "name": "一班"}],
              "queues": [{"id": "Q1", "name": "12345热线"}],
              "agents": [{"id": "1001", "name": "张三", "group": "G1"}]},
    "events": [
        {"t": 0, "type": "agent_state", "agent": "1001", "state": "ready"},
        {"t": 60, "type": "call_queued", "call": "C1", "queue": "Q1", "caller": "13800138000"},
        {"t": 70, "type": "call_answered", "call": "C1", "agent": "1001"},
        {"t": 100, "type": "hold_started", "call": "C1"},
        {"t": 120, "type": "hold_ended", "call": "C1"},
        {"t": 200, "type": "call_ended", "call": "C1"},
        {"t": 230, "type": "ticket_created", "ticket": "T1", "call": "C1", "agent": "1001",
         "category": "help", "title": "急件 人民路井盖缺失", "urgent": True},
        {"t": 250, "type": "call_queued", "call": "C2", "queue": "Q1"},
        {"t": 260, "type": "agent_state", "agent": "1001", "state": "away",
         "reason": "short_break"},
        {"t": 300, "type": "call_abandoned", "call": "C2"},
    ],
    "until": 1800,
}


def example(**top: Any) -> dict[str, Any]:
    doc = copy.deepcopy(EXAMPLE)
    doc.update(top)
    return doc


def with_events(events: list[dict[str, Any]], **top: Any) -> dict[str, Any]:
    return example(events=events, until=top.pop("until", 1800), **top)


def refused(doc: Any) -> str:
    with pytest.raises(ScenarioError) as ei:
        sc.parse(doc)
    return str(ei.value)


READY = {"t": 0, "type": "agent_state", "agent": "1001", "state": "ready"}


# ---- the example -------------------------------------------------------------------


def test_example_scenario_final_state() -> None:
    s = sc.parse(example())
    assert s.start == START
    assert s.until == START + timedelta(seconds=1800)
    assert [e.type for e in s.events[:2]] == ["floor_setup", "agent_state"]
    assert len(s.events) == 1 + len(EXAMPLE["events"])
    st = s.final
    # the agent went on a short break at t=260 (R-STATE-1: with its start time)
    agent = st.status["1001"]
    assert agent.state is AgentState.AWAY and agent.reason is AwayReason.SHORT_BREAK
    assert agent.since == START + timedelta(seconds=260)
    assert agent.calls_today == 1 and agent.breaks_today == 1
    # R-URGENT-1: the 急件 ticket is open and urgent
    t = st.tickets["T1"]
    assert t.urgent and t.category is TicketCategory.HELP and t.completed_at is None
    assert t.title == "急件 人民路井盖缺失" and t.call == "C1"
    assert len(st.calls) == 0  # C1 ended, C2 abandoned
    assert st.waiting() == []
    for scope in ("Q1", FLOOR):
        c = st.counts(scope, "shift")
        assert (c.offered, c.answered, c.abandoned) == (2, 1, 1)
        assert kpi.service_level(c) == 0.5  # C1 within T=20 s, C2 abandoned
        assert kpi.asa_s(c) == 10.0
        assert c.hold_s == 20.0 and c.talk_s == 130.0
    assert s.policy.sl_threshold_s == 20
    assert st.periods["shift"].name == "白班"


def test_example_loads_from_a_file_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8-sig")
    assert sc.load(path).final == sc.parse(example()).final


# ---- refused scenarios ---------------------------------------------------------------


def call_c1(*extra: dict[str, Any]) -> list[dict[str, Any]]:
    return [READY, {"t": 60, "type": "call_queued", "call": "C1", "queue": "Q1"}, *extra]


ANSWER = {"t": 70, "type": "call_answered", "call": "C1", "agent": "1001"}


@pytest.mark.parametrize(("events", "message"), [
    ([READY, {"t": 10, "type": "call_teleported", "call": "C1"}],
     "events[1] (t=10): unknown event type 'call_teleported'"),
    ([READY, {"t": 10, "type": "floor_setup", "agents": []}],
     "events[1] (t=10): unknown event type 'floor_setup'"),
    ([READY, {"t": 10, "agent": "1001"}], "events[1] (t=10): unknown event type None"),
    ([{"t": 60, **{k: v for k, v in READY.items() if k != "t"}}, READY],
     "events[1] (t=0): t goes back in time (previous event at t=60)"),
    ([{**READY, "t": -5}], "events[0] (t=-5): t must not be negative"),
    ([{**READY, "t": "10"}], "events[0]: \"t\" must be a number of seconds, got '10'"),
    ([{**READY, "t": True}], "events[0]: \"t\" must be a number of seconds, got True"),
    ([{k: v for k, v in READY.items() if k != "t"}],
     "events[0]: \"t\" must be a number of seconds, got None"),
    (["ready"], "events[0]: must be an object"),
    (call_c1({"t": 65, "type": "hold_started", "call": "C1"}),
     "events[2] (t=65): hold_started: call C1 is waiting; only a call in talk can be put "
     "on hold"),
    ([{"t": 0, "type": "agent_state", "agent": "1001", "state": "away", "reason": "meal"},
      {"t": 60, "type": "call_queued", "call": "C1", "queue": "Q1"}, ANSWER],
     "events[2] (t=70): call_answered: agent 1001 is away (meal); only a ready agent or the "
     "one it rings can answer"),
    ([READY, {"t": 70, "type": "call_answered", "call": "C9", "agent": "1001"}],
     "events[1] (t=70): call_answered: call 'C9' is not waiting or in progress"),
    (call_c1(ANSWER, {"t": 80, "type": "agent_state", "agent": "1001", "state": "ready"}),
     "events[3] (t=80): agent_state: agent 1001 is talking on call C1; the state cannot "
     "change until the call ends"),
    (call_c1(ANSWER, {"t": 80, "type": "agent_state", "agent": "1001", "state": "away",
                      "reason": "short_break"}),
     "events[3] (t=80): agent_state: agent 1001 is talking on call C1"),
    ([{"t": 5, "type": "agent_state", "agent": "1001", "state": "away"}],
     "events[0] (t=5): agent_state: away needs a reason"),
    ([{"t": 5, "type": "agent_state", "agent": "1001", "state": "away", "reason": "smoking"}],
     "events[0] (t=5): agent_state: unknown away reason 'smoking'"),
    ([{"t": 5, "type": "agent_state", "agent": "9999", "state": "ready"}],
     "events[0] (t=5): agent_state: unknown agent '9999' (not in the floor setup)"),
    ([READY, {"t": 60, "type": "call_queued", "call": "C1", "queue": "Q9"}],
     "events[1] (t=60): call_queued: unknown queue 'Q9' (not in the floor setup)"),
    ([READY, {"t": 90.5, "type": "ticket_created", "ticket": "T1", "category": "praise"}],
     "events[1] (t=90.5): ticket_created: unknown ticket category 'praise'"),
    ([READY, {"t": 60, "type": "call_queued", "queue": "Q1"}],
     "events[1] (t=60): call_queued: call_queued needs field 'call'"),
])
def test_refused_event_names_its_index_time_and_reason(events: list[Any], message: str) -> None:
    assert refused(with_events(events)).startswith(message)


@pytest.mark.parametrize("state", ["ringing", "talking", "hold"])
def test_agent_state_cannot_set_states_that_follow_calls(state: str) -> None:
    msg = refused(with_events([READY, {"t": 30, "type": "agent_state", "agent": "1001",
                                       "state": state}]))
    assert msg.startswith(f"events[1] (t=30): agent_state: agent_state cannot set '{state}'")


@pytest.mark.parametrize(("doc", "message"), [
    (example(until=100), "until (100) is before the last event (t=300)"),
    (example(until="1800"), "until: must be a number of seconds, got '1800'"),
    (example(start="2026-03-02T08:00:00"), "start: needs a UTC offset"),
    (example(start="tomorrow"), "start: not an ISO 8601 time: 'tomorrow'"),
    ({k: v for k, v in EXAMPLE.items() if k != "start"}, "missing top-level key 'start'"),
    (example(events={"t": 0}), "events: must be a list"),
    (example(floor={"agents": [{"name": "张三"}]}),
     "floor.agents: must be a list of objects with an \"id\""),
    (example(floor={"agents": [{"id": "1001", "name": "张三", "group": "G9"}]}),
     "floor: agent '1001' names unknown group 'G9'"),
    ([EXAMPLE], "the file must hold one JSON object"),
    ("scenario", "the file must hold one JSON object"),
])
def test_refused_file_level_problems(doc: Any, message: str) -> None:
    assert refused(doc).startswith(message)


def test_until_defaults_to_the_last_event() -> None:
    doc = example()
    del doc["until"]
    assert sc.parse(doc).until == START + timedelta(seconds=300)


def test_bad_json_is_reported_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "start": "2026-03-02T08:00:00+08:00",\n  "events": [,]\n}',
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as ei:
        sc.load(path)
    assert str(ei.value).startswith(f"{path}: not valid JSON at line 3 column 14")


def test_a_file_that_is_not_an_object_or_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(ScenarioError, match="must hold one JSON object"):
        sc.load(path)
    # GBK and GB18030 are read as UTF-8 is (tests/test_textfile.py, issue #15)
    utf16 = tmp_path / "utf16.json"
    utf16.write_bytes(json.dumps(EXAMPLE, ensure_ascii=False).encode("utf-16"))
    with pytest.raises(ScenarioError, match="neither UTF-8 nor GBK text"):
        sc.load(utf16)


# ---- what a scenario keeps --------------------------------------------------------------


def test_unknown_fields_are_kept_on_the_event() -> None:
    doc = with_events([{**READY, "note": "早会后上线", "seat": {"row": 3, "col": 7}}])
    ev = sc.parse(doc).events[1]
    assert ev.type == "agent_state"
    assert ev.data["note"] == "早会后上线" and ev.data["seat"] == {"row": 3, "col": 7}
    assert "t" not in ev.data and "type" not in ev.data
    assert ev.at == START


def test_equal_t_apply_in_file_order() -> None:
    away = {"t": 0, "type": "agent_state", "agent": "1001", "state": "away",
            "reason": "meeting"}
    assert sc.parse(with_events([READY, away])).final.status["1001"].state is AgentState.AWAY
    assert sc.parse(with_events([away, READY])).final.status["1001"].state is AgentState.READY
    queued = {"t": 60, "type": "call_queued", "call": "C1", "queue": "Q1"}
    answered = {"t": 60, "type": "call_answered", "call": "C1", "agent": "1001"}
    s = sc.parse(with_events([READY, queued, answered]))
    assert s.final.status["1001"].state is AgentState.TALKING
    assert kpi.asa_s(s.final.counts("Q1", "shift")) == 0.0
    assert refused(with_events([READY, answered, queued])).startswith(
        "events[1] (t=60): call_answered: call 'C1' is not waiting")


def test_policy_in_the_scenario_overrides_thresholds() -> None:
    s = sc.parse(example(policy={"service_level": {"threshold_s": 5},
                                 "limits": {"hold_s": 45}}))
    assert s.policy.sl_threshold_s == 5 and s.policy.hold_s == 45
    assert s.policy.ring_s == 15  # the rest keeps the default
    assert s.events[0].type == "policy_applied"
    assert s.final.policy == s.policy and s.final.policy_version == 1
    # C1 waited 10 s: inside the default T=20, outside T=5
    assert kpi.service_level(s.final.counts("Q1", "shift")) == 0.0


@pytest.mark.parametrize(("policy", "message"), [
    ({"limits": {"hold_s": 0}}, "policy.limits.hold_s: must be greater than 0, got 0"),
    ({"limits": {"hold_sec": 45}}, "policy.limits.hold_sec: unknown key"),
    ({"floor": {"timezone": "Mars/Olympus"}}, "policy.floor.timezone: unknown time zone"),
    ({"breaks": {"prewarn_min": 12}}, "policy.breaks.prewarn_min: must be shorter than"),
    ({"shifts": [{"name": "白班", "start": "08:00", "end": "08:00"}]},
     "policy.shifts[0].end: must differ from start"),
    ({"bogus": 1}, "policy.bogus: unknown key"),
    ("strict", "policy: must be an object"),
])
def test_a_bad_policy_in_the_scenario_is_refused_naming_its_key(policy: Any,
                                                                message: str) -> None:
    assert refused(example(policy=policy)).startswith(message)


# ---- replay and snapshot -----------------------------------------------------------------


def write(tmp_path: Path, doc: Any, name: str = "scenario.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def snapshot(db_url: str, capsys: pytest.CaptureFixture[str], *at: str) -> dict[str, Any]:
    capsys.readouterr()
    args = ["snapshot", "--db", db_url, "--json"] + (["--at", at[0]] if at else [])
    assert main(args) == 0
    return dict(json.loads(capsys.readouterr().out))


def events_in(eng: Any) -> int:
    """The scenario's own events in the log (the alert rules add theirs, issue #4)."""
    with eng.connect() as conn:
        return int(conn.execute(sa.text("SELECT count(*) FROM floor_event WHERE type NOT IN "
                                        "('alert_raised', 'alert_resolved', "
                                        "'alert_acknowledged')")).scalar() or 0)


def test_replay_then_snapshot_shows_the_floor_at_until(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", write(tmp_path, example()), "--db", db_url]) == 0
    assert "已回放 11 条事件" in capsys.readouterr().out
    snap = snapshot(db_url, capsys)
    assert snap["at"] == "2026-03-02T08:30:00+08:00"  # start + until, floor time
    assert snap["shift"] == "白班"
    q = snap["queues"][0]
    assert q["id"] == "Q1" and q["waiting"] == 0 and q["longest_wait_s"] == 0
    assert (q["offered"], q["answered"], q["abandoned"]) == (2, 1, 1)
    assert q["service_level"] == 0.5 and q["asa_s"] == 10.0
    a = snap["agents"][0]
    assert a["id"] == "1001" and a["name"] == "张三"
    assert a["state"] == "away" and a["reason"] == "short_break"
    assert a["since"] == "2026-03-02T08:04:20+08:00"
    assert a["time_in_state_s"] == 1540  # R-BREAK-1: a 25-minute break, past 10 min
    assert snap["open_tickets"] == 1
    assert events_in(eng) == 11


def test_snapshot_at_an_earlier_time_shows_the_floor_then(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", write(tmp_path, example()), "--db", db_url]) == 0
    talk = snapshot(db_url, capsys, "2026-03-02T08:01:20+08:00")  # start + 80 s
    assert talk["at"] == "2026-03-02T08:01:20+08:00"
    assert talk["queues"][0]["waiting"] == 0
    a = talk["agents"][0]
    assert (a["state"], a["call"], a["time_in_state_s"]) == ("talking", "C1", 10)
    # t=255: C2 has waited 5 s while the agent does after-call work
    acw = snapshot(db_url, capsys, "2026-03-02T00:04:15+00:00")
    assert acw["at"] == "2026-03-02T08:04:15+08:00"
    assert acw["queues"][0]["waiting"] == 1 and acw["queues"][0]["longest_wait_s"] == 5
    assert acw["agents"][0]["state"] == "after_call"


def test_replay_keeps_unknown_fields_in_the_log(
        db_url: str, eng: Any, tmp_path: Path) -> None:
    doc = example()
    doc["events"][0]["note"] = "早会后上线"
    assert main(["replay", write(tmp_path, doc), "--db", db_url]) == 0
    with eng.connect() as conn:
        data = conn.execute(sa.text("SELECT data FROM floor_event WHERE type = 'agent_state' "
                                    "ORDER BY id LIMIT 1")).scalar()
    if isinstance(data, str):  # SQLite JSON comes back as text on some drivers
        data = json.loads(data)
    assert data["note"] == "早会后上线"


def test_replay_into_a_floor_with_events_needs_append(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", write(tmp_path, example()), "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["replay", write(tmp_path, example()), "--db", db_url]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "seatwatch: error: 数据库中已有现场事件：请回放到空数据库，或加 --append"
    assert events_in(eng) == 11
    # --append continues the floor: back from the break at 08:40
    later = with_events([{"t": 0, "type": "agent_state", "agent": "1001", "state": "ready"}],
                        start="2026-03-02T08:40:00+08:00", until=60)
    assert main(["replay", write(tmp_path, later, "later.json"), "--db", db_url,
                 "--append"]) == 0
    assert events_in(eng) == 13
    snap = snapshot(db_url, capsys)
    assert snap["at"] == "2026-03-02T08:41:00+08:00"
    assert snap["agents"][0]["state"] == "ready" and snap["agents"][0]["reason"] is None
    assert snap["queues"][0]["offered"] == 2  # same shift: counters carry on


def test_refused_scenario_writes_nothing(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = example()
    doc["events"][3] = {"t": 100, "type": "hold_started", "call": "C7"}
    path = write(tmp_path, doc)
    assert main(["replay", path, "--db", db_url]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert err.startswith(f"seatwatch: error: {path}: events[3] (t=100): hold_started: ")
    assert "'C7'" in err
    assert events_in(eng) == 0


# ---- replay --append: all of a scenario or nothing (issue #13 item 10) -------------------


def _busy_day(calls: int, reuse_at: int) -> dict[str, Any]:
    """``calls`` calls answered and ended by 1001, the one at ``reuse_at`` reusing
    the id C1 of the example already in the database."""
    evs: list[dict[str, Any]] = [{"t": 0, "type": "agent_state", "agent": "1001",
                                  "state": "ready"}]
    t = 0
    for n in range(calls):
        cid = "C1" if n == reuse_at else f"D{n}"
        t += 1
        evs += [{"t": t, "type": "call_queued", "call": cid, "queue": "Q1"},
                {"t": t, "type": "call_answered", "call": cid, "agent": "1001"},
                {"t": t + 1, "type": "call_ended", "call": cid},
                {"t": t + 1, "type": "agent_state", "agent": "1001", "state": "ready"}]
        t += 1
    return with_events(evs, start="2026-03-02T09:00:00+08:00", until=t)


def test_replay_append_that_fails_late_writes_nothing_and_names_the_event(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario whose 2,600th event clashes with the floor in the database: before,
    2,000 events were committed and the error named no event."""
    assert main(["replay", write(tmp_path, example()), "--db", db_url]) == 0
    before = events_in(eng)
    path = write(tmp_path, _busy_day(700, 650), "busy.json")
    capsys.readouterr()
    assert main(["replay", path, "--db", db_url, "--append"]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    # events[2601] is C1's call_queued: t = 2 * 650 + 1
    assert err == (f"seatwatch: error: {path}：events[2601] (t=1301)：call_queued："
                   "数据库中已有来电 'C1'；未写入任何内容")
    assert events_in(eng) == before


def test_an_all_or_nothing_batch_refused_late_leaves_nothing(eng: Any) -> None:
    """The writer's one-transaction mode: the refused event's index comes back and
    not one event, projection row or rejected_event row is written."""
    from models.db import store
    from models.domain.types import FloorEvent

    writer = store.FloorWriter(eng, source="test")
    at = START.astimezone(UTC)
    setup = FloorEvent("floor_setup", at, {"groups": [{"id": "G1", "name": "一班"}],
                                           "queues": [{"id": "Q1", "name": "热线"}],
                                           "agents": [{"id": "1001", "name": "张三",
                                                       "group": "G1"}]})
    good = [FloorEvent("call_queued", at + timedelta(seconds=i), {"call": f"C{i}",
                                                                  "queue": "Q1"})
            for i in range(1, 50)]
    bad = FloorEvent("hold_started", at + timedelta(seconds=60), {"call": "NOPE"})
    with pytest.raises(store.BatchRefused) as ei:
        writer.append([setup, *good, bad], all_or_nothing=True)
    assert ei.value.index == 50
    assert ei.value.rejected.event is bad
    with eng.connect() as conn:
        for table in ("floor_event", "rejected_event", "agent", "queue_current"):
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar() == 0, table


# ---- issue #13: what a fuzzer found -------------------------------------------------------


@pytest.mark.parametrize(("event", "message"), [
    ({"t": 0, "type": "agent_state", "agent": ["1001"], "state": "ready"},
     "events[0] (t=0): agent_state: \"agent\" must be an id (text), got ['1001']"),
    ({"t": 0, "type": "call_queued", "call": {"id": "C1"}, "queue": "Q1"},
     "events[0] (t=0): call_queued: \"call\" must be an id (text), got {'id': 'C1'}"),
    ({"t": 0, "type": "call_queued", "call": "C" * 61, "queue": "Q1"},
     "events[0] (t=0): call_queued: \"call\" must be at most 60 characters, got 61"),
    ({"t": 1e12, "type": "agent_state", "agent": "1001", "state": "ready"},
     "events[0]: \"t\" must be between 0 and 31622400 seconds (a year), got 1000000000000.0"),
    ({"t": float("nan"), "type": "agent_state", "agent": "1001", "state": "ready"},
     "events[0]: \"t\" must be between 0 and 31622400 seconds (a year), got nan"),
    ({"t": float("inf"), "type": "agent_state", "agent": "1001", "state": "ready"},
     "events[0]: \"t\" must be between 0 and 31622400 seconds (a year), got inf"),
    ({"t": 0, "type": {"name": "agent_state"}, "agent": "1001"},
     "events[0] (t=0): unknown event type {'name': 'agent_state'}"),
    ({"t": 0, "type": ["agent_state"], "agent": "1001"},
     "events[0] (t=0): unknown event type ['agent_state']"),
])
def test_a_list_as_an_id_and_odd_times_or_types_are_refused_in_one_line(
        event: dict[str, Any], message: str) -> None:
    """Before: a list as an agent id was folded as the agent "['1001']", and t=1e12,
    NaN, Infinity or an object as the type ended in a traceback."""
    assert refused(with_events([event])) == message


@pytest.mark.parametrize(("floor", "message"), [
    ({"agents": [{"id": ["1001"], "name": "张三"}]},
     "floor.agents[0].id: must be an id (text), got ['1001']"),
    ({"groups": [{"id": "G1", "name": "班" * 101}]},
     "floor.groups[0].name: must be at most 100 characters, got 101"),
    ({"queues": [{"id": "Q1", "name": ["热线"]}]},
     "floor.queues[0].name: must be text, got list"),
])
def test_a_bad_id_or_a_long_name_in_the_floor_is_refused(floor: dict[str, Any],
                                                         message: str) -> None:
    assert refused(example(floor=floor, events=[], until=0)) == message


@pytest.mark.parametrize("until", [1e12, float("nan"), float("inf")])
def test_an_until_that_is_not_a_time_is_refused(until: float) -> None:
    assert refused(example(until=until)).startswith("until: must be between 0 and ")


def test_cli_replay_of_a_time_of_1e12_is_one_line(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = with_events([dict(READY, t=1e12)])
    path = write(tmp_path, doc)
    assert main(["replay", path, "--db", db_url]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"seatwatch: error: {path}: events[0]: \"t\" must be between 0 and "
                   "31622400 seconds (a year), got 1000000000000.0")
    assert events_in(eng) == 0
