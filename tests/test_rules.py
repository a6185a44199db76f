"""The alert rules (issue #4, DOMAIN §1, §3, §4): one scenario file per rule and
case in tests/scenarios/rules/, positive and negative (just under every limit
raises nothing), replayed with the exact second of every alert asserted — by the
pure rules on the virtual clock, and through ``seatwatch replay`` into the
database on both engines."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from console.cli import main
from models.db import engine as dbengine
from models.domain import rules
from models.domain.alerts import alert_from_event
from models.domain.floor import apply, initial_state
from models.domain.types import AgentState, FloorEvent
from models.sim import scenario as sc

FILES = sorted((Path(__file__).parent / "scenarios" / "rules").glob("*.json"))


def expected(path: Path) -> tuple[list[tuple[str, str, float]], list[tuple[str, str, float]]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return ([(x["rule"], x["subject"], float(x["t"])) for x in doc["expect"]],
            [(x["rule"], x["subject"], float(x["t"])) for x in doc.get("expect_resolved", [])])


def run(path: Path) -> tuple[list[FloorEvent], Any]:
    scen = sc.load(path)
    return list(rules.with_rules(initial_state(scen.policy), scen.events, scen.until)), scen


def test_there_is_a_file_per_rule_with_both_cases() -> None:
    seen = {r for f in FILES for r, _s, _t in expected(f)[0]}
    assert seen >= {"R-BREAK-1", "R-BREAK-2", "R-AWAY-1", "R-HOLD-1", "R-RING-1", "R-ACW-1",
                    "R-TICKET-3", "R-TICKET-5", "R-SEAT-1", "R-PEAK-1", "R-PEAK-2",
                    "R-URGENT-1", "R-URGENT-2", "R-IDLE-1"}
    assert sum(1 for f in FILES if not expected(f)[0]) >= 10  # the "just under" cases


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_alerts_fall_on_the_exact_second(path: Path) -> None:
    events, scen = run(path)
    want, want_resolved = expected(path)
    raised = [(e.data["rule"], e.data["subject"],
               (datetime.fromisoformat(e.data["raised_at"]) - scen.start).total_seconds())
              for e in events if e.type == "alert_raised"]
    assert sorted(raised) == sorted(want)  # nothing more, nothing twice
    for e in events:  # raised when their condition became true, on the virtual clock:
        if e.type == "alert_raised":  # a limit the first instant after it (R-LIMIT-1)
            assert timedelta(0) <= e.at - datetime.fromisoformat(e.data["raised_at"]) \
                <= rules.EXACT
    by_id = {e.data["alert"]: e.data for e in events if e.type == "alert_raised"}
    resolved = [(by_id[e.data["alert"]]["rule"], by_id[e.data["alert"]]["subject"],
                 (e.at - scen.start).total_seconds())
                for e in events if e.type == "alert_resolved"]
    assert sorted(resolved) == sorted(want_resolved)


def test_a_rule_evaluated_late_still_carries_the_second_it_fell_due() -> None:
    """Live, the host may evaluate a little after a deadline: raised_at stays exact."""
    events, scen = run(next(f for f in FILES if f.stem == "break_over"))
    state = initial_state(scen.policy)
    for e in scen.events:
        state = apply(state, e)
    late = scen.start + timedelta(seconds=2700)  # the break began at 2060
    out = rules.step(state, late)
    got = {alert_from_event(e.data).subject: alert_from_event(e.data).raised_at for e in out}
    assert got == {"agent:1001:pre": scen.start + timedelta(seconds=2540),
                   "agent:1001": scen.start + timedelta(seconds=2660)}
    for e in out:
        state = apply(state, e)
    assert rules.step(state, late + timedelta(seconds=5)) == []  # one condition, one alert


def test_a_condition_resolved_by_a_person_is_not_raised_again() -> None:
    _events, scen = run(next(f for f in FILES if f.stem == "break_over"))
    state = initial_state(scen.policy)
    for e in scen.events:
        state = apply(state, e)
    now = scen.start + timedelta(seconds=2700)
    for e in rules.step(state, now):
        state = apply(state, e)
    over = next(a for a in state.alerts.values() if a.subject == "agent:1001")
    state = apply(state, FloorEvent("alert_resolved", now, {"alert": over.id, "by": "L01",
                                                            "note": "已电话联系"}))
    assert state.status["1001"].state is AgentState.AWAY  # still on the same break
    assert rules.step(state, now + timedelta(seconds=10)) == []


def test_next_deadline_is_the_earliest_pending_limit() -> None:
    _events, scen = run(next(f for f in FILES if f.stem == "break_over"))
    state = initial_state(scen.policy)
    for e in scen.events:
        state = apply(state, e)
    assert rules.next_deadline(state, scen.start + timedelta(seconds=2061)) == \
        scen.start + timedelta(seconds=2540)
    # the limit is allowed (R-LIMIT-1): true the first instant after it in replay,
    # on the next tick live
    assert rules.next_deadline(state, scen.start + timedelta(seconds=2540)) == \
        scen.start + timedelta(seconds=2660) + rules.EXACT
    assert rules.next_deadline(state, scen.start + timedelta(seconds=2540),
                               rules.LIVE_CONFIRM) == scen.start + timedelta(seconds=2661)


def test_peak_level_follows_the_alerts() -> None:
    events, scen = run(next(f for f in FILES if f.stem == "peak_level2"))
    state = initial_state(scen.policy)
    levels = []
    for e in events:
        state = apply(state, e)
        levels.append(state.peak_level())
    assert max(levels) == 2 and state.peak_waiting == 16


@pytest.mark.parametrize("name", ["break_over", "peak_hysteresis", "urgent_escalates",
                                  "seat_forced_away",
                                  "breaks_per_group_over", "ticket_late",
                                  # issue #16: the limit itself is allowed (R-LIMIT-1),
                                  # one breach per state and per departure
                                  "hold_at_limit", "break_at_limit_then_other",
                                  "break_one_second_over", "ticket_at_limit",
                                  "urgent_acknowledged_at_limit",
                                  "break_policy_change_over", "break_policy_change_creates",
                                  "seat_reasons_change",
                                  # issue #16: R-CONSULT-1, R-TICKET-1/2/4, R-FIRST-1
                                  "consult_reply_late", "consult_reply_at_limit",
                                  "call_without_ticket", "call_ticket_at_limit",
                                  "ticket_mixed_review", "ticket_fields_missing",
                                  "first_owner_updated_by_other", "first_owner_handed_on",
                                  # issue #16: R-IDLE-1's two checks
                                  "idle_unstaffed_over", "idle_unstaffed_at_limit",
                                  "idle_unstaffed_groups", "idle_unstaffed_ringing_counts",
                                  "idle_unattended_three_misses",
                                  "idle_unattended_run_broken", "idle_unattended_away_clears",
                                  "idle_unstaffed_policy_change",
                                  # issue #16: R-PEAK-1's effects (breaks and callbacks)
                                  "peak_break_flagged", "peak_break_before_level",
                                  # issue #16: R-PEAK-3 callbacks during a predictable peak
                                  "peak_callbacks_over", "peak_callbacks_period_bounds"])
def test_replay_stores_the_same_alerts(db_url: str, name: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = next(f for f in FILES if f.stem == name)
    assert main(["replay", str(path), "--db", db_url]) == 0
    want, want_resolved = expected(path)
    assert f"产生告警 {len(want)} 条" in capsys.readouterr().out
    scen = sc.load(path)
    eng = dbengine.make_engine(db_url)
    try:
        with eng.connect() as c:
            rows = c.execute(sa.text("SELECT rule, subject, raised_at, resolved_at FROM alert")
                             ).all()
    finally:
        eng.dispose()

    def secs(v: Any) -> float:
        t = v if isinstance(v, datetime) else datetime.fromisoformat(str(v))
        if t.tzinfo is None:
            t = t.replace(tzinfo=scen.start.tzinfo)
        return (t - scen.start).total_seconds()

    assert sorted((r.rule, r.subject, secs(r.raised_at)) for r in rows) == sorted(want)
    assert sorted((r.rule, r.subject, secs(r.resolved_at)) for r in rows
                  if r.resolved_at is not None) == sorted(want_resolved)


@pytest.mark.parametrize("name", ["break_over", "urgent_flagged_no_leader", "peak_level2"])
def test_a_scheduler_tick_is_step_then_the_next_deadline(name: str) -> None:
    path = next(f for f in FILES if f.stem == name)
    scen = sc.load(path)
    state = initial_state(scen.policy)
    for e in scen.events:
        state = apply(state, e)
    for dt in (0, 30, 600, 3000):
        now = scen.until - timedelta(seconds=dt) if dt else scen.until
        got, deadline = rules.tick(state, now)
        want = rules.step(state, now)
        assert [(e.type, dict(e.data)) for e in got] == [(e.type, dict(e.data)) for e in want]
        after = state
        for e in want:
            after = apply(after, e)
        assert deadline == rules.next_deadline(after, now)


def test_an_away_alert_names_the_reason_by_its_label_not_its_code() -> None:
    """Issue #12: "离席(other)超过 15 分钟" showed the raw code on every console."""
    events, _scen = run(next(f for f in FILES if f.stem == "away_other_over"))
    [msg] = [e.data["message"] for e in events
             if e.type == "alert_raised" and e.data["rule"] == "R-AWAY-1"]
    assert "离席(其他)超过 15 分钟" in msg and "other" not in msg
