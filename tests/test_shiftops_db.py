"""Shift operations in the shared database (issue #6), on SQLite and PostgreSQL:
the roster on the live floor (leaders on duty, R-LOGIN-1), the meeting reminder
(R-MEET-1), the attendance register from platform logins (R-ATT-6), leave and
swaps, the minutes (R-MEET-3/4), the handover, and the version rule that refuses
a stale save instead of losing it — with two PostgreSQL sessions racing."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select, update

from console.scheduler import AlertScheduler
from models.db import attendance_db, meetings_db, shiftops, store
from models.db import engine as dbengine
from models.db import operators as opsdb
from models.db.audit import query_audit
from models.db.schema import AttendanceRow, RosterRow
from models.db.shiftops import ShiftOpsError, StaleEdit
from models.domain import handover as ho
from models.domain import kpi, rules
from models.domain.attendance import AttendanceRecord, AttType, Settle
from models.domain.floor import apply_all, initial_state
from models.domain.meeting import Attendee, MeetingPresence, Notice, QuizEntry
from models.domain.policy import Policy, default_policy
from models.domain.shiftimport import RosterEntry
from models.domain.types import FloorEvent
from tests.helpers import seed_floor, seed_operators
from tests.zh import raises_zh

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 23)  # a Monday
T_SHIFT = datetime(2026, 11, 23, 8, 0, tzinfo=TZ)  # 白班 08:00–20:00 (default policy)
AGENTS = [("1001", "张三"), ("1002", "李四"), ("1003", "王五"), ("1004", "赵六")]


def at(minutes: float) -> datetime:
    """Minutes from the day shift's start."""
    return T_SHIFT + timedelta(minutes=minutes)


class Clock:
    def __init__(self, t: datetime) -> None:
        self.t = t

    def now(self) -> datetime:
        return self.t

    def to_local(self, t: datetime) -> datetime:
        return t


@pytest.fixture
def eng(db_url: str) -> Iterator[Engine]:
    e = dbengine.make_engine(db_url)
    seed_operators(e, [("A1", "管理员", {"admin"}), ("L1", "张班长", {"shift_leader"}),
                       ("L2", "刘班长", {"shift_leader"}), ("H1", "陈部长", {"department_head"}),
                       ("D1", "李主任", {"director"}), ("W1", "大屏", {"wallboard"})],
                   now=at(-24 * 60))
    seed_floor(e, at(-12 * 60), groups=[{"id": "G1", "name": "一班"}],
               queues=[{"id": "Q1", "name": "热线"}],
               agents=[{"id": a, "name": n, "group": "G1"} for a, n in AGENTS])
    yield e
    e.dispose()


def roster(e: Engine, day: date = DAY, shift: str = "白班",
           agents: tuple[str, ...] = ("1001", "1002", "1003"),
           leaders: tuple[str, ...] = ("L1",)) -> None:
    entries = [RosterEntry(day, shift, a) for a in agents] + \
        [RosterEntry(day, shift, p, "leader") for p in leaders]
    shiftops.import_roster(e, entries, by="L1", now=at(-60))


def floor(e: Engine) -> Any:
    with e.connect() as conn:
        return store.current_state(conn)


def login(e: Engine, agent: str, minute: float) -> None:
    store.FloorWriter(e, source="test").append([FloorEvent("agent_state", at(minute),
                                            {"agent": agent, "state": "ready"})])


def logout(e: Engine, agent: str, minute: float) -> None:
    store.FloorWriter(e, source="test").append([FloorEvent("agent_state", at(minute),
                                            {"agent": agent, "state": "logged_out"})])


# ---- the roster on the live floor -----------------------------------------------------------


def test_the_roster_drives_the_leaders_on_duty_and_r_login_1(eng: Engine) -> None:
    roster(eng)
    login(eng, "1001", -3)
    login(eng, "1004", -2)  # not rostered
    host = AlertScheduler(eng, host_id="t", clock=Clock(at(0)))
    assert host.roster_sync("白班") is True  # what the shift.start job does at 08:00
    st = floor(eng)
    assert st.roster.agents == {"1001", "1002", "1003"} and st.leaders_on_duty == {"L1"}
    assert host.roster_sync("白班") is False  # the same roster is not appended twice
    # R-LOGIN-1: 1002 and 1003 not logged in 5 minutes after 08:00; 1004 not rostered
    found = {(c.rule, c.subject, c.start) for c in rules.evaluate(st, at(5))}
    assert ("R-LOGIN-1", "agent:1002:absent", at(5)) in found
    assert ("R-LOGIN-1", "agent:1003:absent", at(5)) in found
    assert ("R-LOGIN-1", "agent:1004:unrostered", at(5)) in found
    assert not any(s == "agent:1001:absent" for _r, s, _t in found)
    assert not any(r == "R-LOGIN-1" for r, _s, _t in
                   {(c.rule, c.subject, c.start) for c in rules.evaluate(st, at(4.9))}
                   if _s.endswith(":absent"))
    # 1002 logs in late: its alert clears by itself at the next evaluation
    s2 = apply_all(st, rules.step(st, at(5)))
    assert {a.subject for a in s2.alerts.values() if a.rule == "R-LOGIN-1"} == {
        "agent:1002:absent", "agent:1003:absent", "agent:1004:unrostered"}
    s3 = apply_all(s2, [FloorEvent("agent_state", at(7), {"agent": "1002", "state": "ready"})])
    s4 = apply_all(s3, rules.step(s3, at(7)))
    assert {a.subject for a in s4.alerts.values() if a.rule == "R-LOGIN-1"} == {
        "agent:1003:absent", "agent:1004:unrostered"}


def _login_alerts(e: Engine) -> dict[str, tuple[str, datetime]]:
    """R-LOGIN-1 alerts as the database keeps them: subject -> (id, raised_at)."""
    from models.db.schema import AlertRow, utc

    with e.connect() as conn:
        rows = conn.execute(select(AlertRow.id, AlertRow.subject, AlertRow.raised_at)
                            .where(AlertRow.rule == "R-LOGIN-1")).all()
    return {r.subject: (r.id, utc(r.raised_at) or r.raised_at) for r in rows}


def _run_host(e: Engine, now: datetime, name: str) -> AlertScheduler:
    """A floor host's scheduler started at ``now`` (as after a restart: it puts the
    running shift's roster on the floor) that has run its rules job once."""
    host = AlertScheduler(e, host_id=name, clock=Clock(now), evaluate_s=3600.0)
    host.start()
    host.evaluate()
    return host


def test_a_host_restarted_hours_into_the_shift_dates_r_login_1_when_it_could_know(
        eng: Engine) -> None:
    """Issue #12: the day shift starts at 08:00 while no floor host runs (the last one
    stopped at 07:00); one is started at 14:00. It finds 1002 and 1003 absent and
    1004 on the floor unrostered — dated 14:00, when the floor first held the
    roster, not backdated six hours to 08:05. A second restart at 15:00 raises
    nothing again and keeps the alerts (the same ids)."""
    roster(eng)
    login(eng, "1001", -30)
    login(eng, "1004", -20)  # not rostered
    night = _run_host(eng, at(-60), "night-host")  # 07:00: no day roster yet
    night.stop(wait=True)
    assert floor(eng).roster is None and _login_alerts(eng) == {}

    day = _run_host(eng, at(6 * 60), "restarted-host")  # 14:00
    try:
        got = _login_alerts(eng)
    finally:
        day.stop(wait=True)
    assert set(got) == {"agent:1002:absent", "agent:1003:absent", "agent:1004:unrostered"}
    assert {t for _id, t in got.values()} == {at(6 * 60)}, got  # not at(5): 08:05

    again = _run_host(eng, at(7 * 60), "restarted-again")  # 15:00
    try:
        assert again.roster_sync() is False  # the floor holds this roster already
        assert _login_alerts(eng) == got  # nothing raised twice, nothing re-dated
    finally:
        again.stop(wait=True)
    # an agent added to the roster at 15:30 is absent from then on; the others keep theirs
    roster(eng, agents=("1001", "1002", "1003", "1005"))
    store.FloorWriter(eng, source="test").append([FloorEvent("floor_setup", at(7 * 60), {
        "agents": [{"id": "1005", "name": "钱七", "group": "G1"}]})])
    late = _run_host(eng, at(7.5 * 60), "after-the-edit")
    try:
        now = _login_alerts(eng)
    finally:
        late.stop(wait=True)
    assert now["agent:1005:absent"][1] == at(7.5 * 60)
    assert {k: v for k, v in now.items() if k != "agent:1005:absent"} == got
    # what the floor knows since when survives a checkpoint (a host restarts from one)
    from models.domain import codec

    st = floor(eng)
    back = codec.state_from_dict(json.loads(json.dumps(codec.state_to_dict(st))))
    assert back.roster is not None and st.roster is not None
    assert (back.roster.published, dict(back.roster.known)) == (
        at(6 * 60), {"1001": at(6 * 60), "1002": at(6 * 60), "1003": at(6 * 60),
                     "1005": at(7.5 * 60)})
    assert [c.start for c in rules.evaluate(back, at(8 * 60)) if c.rule == "R-LOGIN-1"] \
        == [c.start for c in rules.evaluate(st, at(8 * 60)) if c.rule == "R-LOGIN-1"]


def test_a_roster_naming_no_leader_leaves_an_urgent_ticket_escalating(eng: Engine) -> None:
    """The night roster put L9 on duty; the day roster names no leader: at its start the
    night's leader goes off duty (R-URGENT-2 reads the roster). A leader who said so
    himself (shift_leader_on_duty, L8) stays on duty: only that event sets him
    otherwise (issue #16)."""
    store.FloorWriter(eng, source="test").append([
        FloorEvent("roster_shift", at(-12 * 60), {
            "shift": "夜班", "day": (DAY - timedelta(days=1)).isoformat(),
            "start": at(-12 * 60).isoformat(), "end": at(0).isoformat(),
            "agents": ["1001"], "leaders": ["L9"]}),
        FloorEvent("shift_leader_on_duty", at(-1), {"agent": "L8", "on": True})])
    assert floor(eng).leaders_on_duty == {"L8", "L9"}
    roster(eng, leaders=())
    AlertScheduler(eng, host_id="t", clock=Clock(at(0))).roster_sync()
    assert floor(eng).leaders_on_duty == {"L8"}
    store.FloorWriter(eng, source="test").append([FloorEvent(
        "shift_leader_on_duty", at(1), {"agent": "L8", "on": False})])
    assert floor(eng).leaders_on_duty == frozenset()


def test_a_floor_without_a_roster_raises_no_login_alerts(eng: Engine) -> None:
    login(eng, "1004", -2)
    assert AlertScheduler(eng, host_id="t", clock=Clock(at(0))).roster_sync() is False
    st = floor(eng)
    assert st.roster is None
    assert not [c for c in rules.evaluate(st, at(30)) if c.rule == "R-LOGIN-1"]


def test_the_meeting_reminder_comes_once_and_the_minutes_resolve_it(eng: Engine) -> None:
    roster(eng)
    host = AlertScheduler(eng, host_id="t", clock=Clock(at(-10)))
    assert host.remind_meeting("白班") is True
    assert host.remind_meeting("白班") is False  # once per meeting
    [a] = [a for a in floor(eng).alerts.values() if a.rule == "R-MEET-1"]
    assert a.raised_at == at(-10) and "07:50" in a.message and not a.auto_resolve
    # no reminder for a shift the roster shows does not run that day
    assert host.remind_meeting("夜班") is False
    with eng.connect() as conn:
        m = meetings_db.new_minutes(conn, DAY, "白班", "L1")
    meetings_db.save_minutes(eng, m, by="L1", now=at(-2), policy=default_policy())
    assert not [a for a in floor(eng).alerts.values() if a.rule == "R-MEET-1"]


# ---- attendance register -----------------------------------------------------------------------


def test_the_register_reads_the_platform_logins_against_the_shift(eng: Engine) -> None:
    roster(eng)
    login(eng, "1001", -3)       # on time
    login(eng, "1002", 12)       # 12 minutes late
    logout(eng, "1002", 11 * 60)  # left at 19:00: 60 minutes early
    with eng.connect() as conn:
        rows = {r.agent: r for r in attendance_db.register(conn, DAY, default_policy())}
    assert set(rows) == {"1001", "1002", "1003"}
    assert rows["1001"].suggested.type is AttType.PRESENT and rows["1001"].still_logged_in
    r2 = rows["1002"].suggested
    assert (r2.type, r2.late_min, r2.early_min) == (AttType.LATE_EARLY, 12, 60)
    assert rows["1002"].first_login == at(12) and rows["1002"].last_logout == at(11 * 60)
    assert rows["1003"].suggested.type is AttType.ABSENT and not rows["1003"].confirmed


def test_the_register_at_night_proposes_nothing_for_shifts_not_started(eng: Engine) -> None:
    """Issue #12 at 01:48: the day shift (08:00) is not due, so no 旷工; the night agent
    still signed in since last night's 夜班 counts there, never for tonight's 夜班."""
    yday = DAY - timedelta(days=1)
    shiftops.import_roster(eng, [RosterEntry(DAY, "白班", "1001"), RosterEntry(DAY, "白班", "1002"),
                                 RosterEntry(yday, "夜班", "1003"), RosterEntry(DAY, "夜班", "1003")],
                           by="L1", now=at(-24 * 60))
    login(eng, "1003", -12 * 60 + 1)  # 20:01 last night, still signed in
    night = at(-6 * 60 - 12)  # 01:48

    def reg(day: date, now: datetime) -> dict[str, Any]:
        with eng.connect() as conn:
            return {(r.agent, r.shift): r for r in attendance_db.register(
                conn, day, default_policy(), now)}

    today = reg(DAY, night)
    assert {r.settle for r in today.values()} == {Settle.NOT_DUE}
    assert not any(r.suggested.type is AttType.ABSENT for r in today.values())
    tonight = today[("1003", "夜班")]
    assert tonight.first_login is None and not tonight.still_logged_in
    last_night = reg(yday, night)[("1003", "夜班")]
    assert last_night.suggested.type is AttType.LATE_EARLY and last_night.suggested.late_min == 1
    assert last_night.settle is Settle.SETTLED and last_night.still_logged_in
    # from the start + R-LOGIN-1's grace (5 min): 旷工 proposed, settled only at the end
    login(eng, "1002", 3)
    assert reg(DAY, at(4.9))[("1001", "白班")].settle is Settle.NOT_DUE
    mid = reg(DAY, at(5))
    assert (mid[("1001", "白班")].suggested.type, mid[("1001", "白班")].settle) == (
        AttType.ABSENT, Settle.IN_SHIFT)
    assert (mid[("1002", "白班")].suggested.late_min, mid[("1002", "白班")].settle) == (
        3, Settle.SETTLED)
    over = reg(DAY, at(12 * 60))
    assert (over[("1001", "白班")].suggested.type, over[("1001", "白班")].settle) == (
        AttType.ABSENT, Settle.SETTLED)
    assert over[("1001", "白班")].group == "一班"


def test_confirm_then_correct_with_a_reason_is_audited(eng: Engine) -> None:
    roster(eng)
    with eng.connect() as conn:
        row = {r.agent: r for r in attendance_db.register(conn, DAY, default_policy())}["1003"]
    s1 = attendance_db.save_record(eng, row.suggested, by="L1", now=at(600), expected_version=0,
                                   suggested=row.suggested)
    assert s1.version == 1 and s1.record.type is AttType.ABSENT
    sick = AttendanceRecord(DAY, "1003", AttType.SICK, note="电话请病假")
    with pytest.raises(ShiftOpsError, match="reason"):
        attendance_db.save_record(eng, sick, by="L1", now=at(601), expected_version=1,
                                  suggested=row.suggested)
    s2 = attendance_db.save_record(eng, sick, by="L1", now=at(602), expected_version=1,
                                   suggested=row.suggested, reason="病假条后补")
    assert s2.version == 2 and s2.updated_by == "L1"
    with eng.connect() as conn:
        [confirm] = query_audit(conn, action="attendance_confirm")
        [correct] = query_audit(conn, action="attendance_correct")
    assert confirm.agent == "1003" and confirm.detail["record"]["type"] == "absent"
    assert correct.detail["reason"] == "病假条后补"
    assert correct.detail["platform"]["type"] == "absent"
    assert correct.detail["record"]["type"] == "sick"
    # a wallboard account may not keep the register
    with pytest.raises(opsdb.NotAllowed):
        attendance_db.save_record(eng, sick, by="W1", now=at(603), expected_version=2)


def test_a_stale_save_is_refused_naming_the_other_change(eng: Engine) -> None:
    roster(eng)
    mine = AttendanceRecord(DAY, "1001", AttType.PRESENT)
    attendance_db.save_record(eng, mine, by="L1", now=at(600), expected_version=0)
    theirs = AttendanceRecord(DAY, "1001", AttType.LATE_EARLY, late_min=15, note="晚到")
    attendance_db.save_record(eng, theirs, by="L2", now=at(601), expected_version=1,
                              reason="监控核实", loaded=mine)
    with pytest.raises(StaleEdit) as err:
        attendance_db.save_record(eng, AttendanceRecord(DAY, "1001", AttType.SICK), by="L1",
                                  now=at(602), expected_version=1, reason="x", loaded=mine)
    e = err.value
    assert e.by == "L2" and e.at == at(601)
    assert ("late_min", 0, 15) in e.changes and ("type", "present", "late_early") in e.changes
    with eng.connect() as conn:
        [stored] = attendance_db.records_between(conn, DAY, DAY)
    assert stored == theirs  # nothing lost, nothing overwritten


def test_two_postgres_sessions_racing_on_one_record(pg_url: str) -> None:
    """Both load version 1 and save at the same instant: exactly one wins; the other is
    refused with the winner's change, whichever it is."""
    e = dbengine.make_engine(pg_url)
    with store.writing(e).begin() as conn:
        opsdb.create_operator(conn, "A1", "管理员", "secret-pw", {"admin"}, by="t", now=at(0))
        for oid in ("L1", "L2"):
            opsdb.create_operator(conn, oid, oid, "secret-pw", {"shift_leader"}, by="A1",
                                  now=at(0))
    store.FloorWriter(e, source="test").append([FloorEvent("floor_setup", at(0), {
        "groups": [], "queues": [], "agents": [{"id": "1001", "name": "张三"}]})])
    base = AttendanceRecord(DAY, "1001", AttType.PRESENT)
    attendance_db.save_record(e, base, by="L1", now=at(1), expected_version=0)
    edits = {"L1": AttendanceRecord(DAY, "1001", AttType.LATE_EARLY, late_min=5),
             "L2": AttendanceRecord(DAY, "1001", AttType.SICK)}
    barrier = threading.Barrier(2)
    results: dict[str, Any] = {}

    def save(who: str) -> None:
        barrier.wait()
        try:
            results[who] = attendance_db.save_record(e, edits[who], by=who, now=at(2),
                                                     expected_version=1, reason="r",
                                                     loaded=base)
        except StaleEdit as err:
            results[who] = err

    for _ in range(5):  # several rounds: the race must come out right every time
        results.clear()
        threads = [threading.Thread(target=save, args=(w,)) for w in ("L1", "L2")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        won = [w for w, r in results.items() if not isinstance(r, StaleEdit)]
        lost = [w for w, r in results.items() if isinstance(r, StaleEdit)]
        assert len(won) == 1 and len(lost) == 1, results
        refusal = results[lost[0]]
        assert refusal.by == won[0]
        with e.connect() as conn:
            [stored] = attendance_db.records_between(conn, DAY, DAY)
        assert stored == edits[won[0]]
        # back to version 1 for the next round
        with store.writing(e).begin() as conn:
            conn.execute(update(AttendanceRow).values(version=1, type="present", late_min=0))
    e.dispose()


def test_the_monthly_summary_uses_the_floor_policy(eng: Engine) -> None:
    recs = [AttendanceRecord(DAY + timedelta(days=i), "1001", AttType.LATE_EARLY, late_min=10)
            for i in range(3)]
    attendance_db.import_records(eng, recs, by="L1", now=at(0))
    with eng.connect() as conn:
        s = attendance_db.month_summary(conn, "2026-11", default_policy())
    row = next(a for a in s.agents if a.agent == "1001")
    assert row.late_count == 3 and row.late_min == 30
    assert row.absent_days == 0.5  # R-ATT-3: three lates in a month
    assert {a.agent for a in s.agents} == {a for a, _n in AGENTS}
    with eng.connect() as conn, pytest.raises(ShiftOpsError, match="YYYY-MM"):
        attendance_db.month_summary(conn, "2026-13", default_policy())


# ---- leave and swaps ------------------------------------------------------------------------------


def test_leave_follows_the_default_approval_chain(eng: Engine) -> None:
    p = default_policy()
    one = shiftops.request_leave(eng, "1001", AttType.PERSONAL, DAY, DAY, reason="家事", by="L1",
                                 now=at(0), policy=p)
    assert one.chain == ("department_head",) and one.next_role == "department_head"
    with raises_zh(opsdb.NotAllowed, "需由部长审批"):
        shiftops.decide_leave(eng, one.id, True, by="D1", now=at(1), expected_version=1)
    done = shiftops.decide_leave(eng, one.id, True, by="H1", now=at(1), expected_version=1)
    assert done.status == "approved"
    two = shiftops.request_leave(eng, "1002", AttType.SICK, DAY, DAY + timedelta(days=1),
                                 reason="", by="L1", now=at(2), policy=p)
    assert two.chain == ("department_head", "director")
    mid = shiftops.decide_leave(eng, two.id, True, by="H1", now=at(3), expected_version=1)
    assert mid.status == "pending" and mid.next_role == "director"
    with pytest.raises(StaleEdit):  # decided from a stale view
        shiftops.decide_leave(eng, two.id, False, by="D1", now=at(4), expected_version=1)
    fin = shiftops.decide_leave(eng, two.id, False, by="D1", now=at(4), expected_version=2,
                                note="人手不足")
    assert fin.status == "rejected" and fin.steps[-1]["note"] == "人手不足"
    with pytest.raises(ShiftOpsError, match="overlaps"):
        shiftops.request_leave(eng, "1001", AttType.SICK, DAY, DAY, reason="", by="L1",
                               now=at(5), policy=p)
    # approved leave is what the register suggests for a rostered agent who stays away
    roster(eng)
    with eng.connect() as conn:
        rows = {r.agent: r for r in attendance_db.register(conn, DAY, p)}
    assert rows["1001"].suggested.type is AttType.PERSONAL
    assert rows["1002"].suggested.type is AttType.ABSENT  # rejected


def test_swaps_at_most_two_a_month_and_never_back_to_back(eng: Engine) -> None:
    p = default_policy()
    d = [DAY + timedelta(days=i) for i in range(8)]
    entries = [RosterEntry(d[0], "白班", "1001"), RosterEntry(d[1], "白班", "1002"),
               RosterEntry(d[2], "白班", "1001"), RosterEntry(d[3], "白班", "1002"),
               RosterEntry(d[4], "白班", "1001"), RosterEntry(d[5], "白班", "1002"),
               RosterEntry(d[2], "白班", "1003"), RosterEntry(d[6], "夜班", "1003"),
               RosterEntry(d[7], "白班", "1004")]
    shiftops.import_roster(eng, entries, by="L1", now=at(0))
    shiftops.swap_shifts(eng, "1001", d[0], "1002", d[1], by="L1", now=at(1), policy=p)
    with eng.connect() as conn:
        got = {(r.day, r.person) for r in conn.execute(select(RosterRow))}
    assert (d[0], "1002") in got and (d[1], "1001") in got
    shiftops.swap_shifts(eng, "1001", d[2], "1002", d[3], by="L1", now=at(2), policy=p)
    with raises_zh(ShiftOpsError, "超过2次"):  # a third swap this month
        shiftops.swap_shifts(eng, "1001", d[4], "1002", d[5], by="L1", now=at(3), policy=p)
    # 1003 would take 1004's day shift starting at 08:00, the moment its night shift ends
    with raises_zh(ShiftOpsError, "1003 换班后连续上班"):
        shiftops.swap_shifts(eng, "1003", d[2], "1004", d[7], by="L1", now=at(4), policy=p)
    with eng.connect() as conn:
        refused = [a for a in query_audit(conn, action="shift_swap") if a.result == "refused"]
        still = {(r.day, r.person) for r in conn.execute(select(RosterRow))}
    assert len(refused) == 2 and (d[7], "1004") in still and (d[2], "1003") in still


def test_a_roster_cell_edit_refuses_a_stale_view(eng: Engine) -> None:
    roster(eng)
    with eng.connect() as conn:
        [slot] = [s for s in shiftops.roster_between(conn, DAY, DAY) if s.person == "1001"]
    out = shiftops.set_roster_cell(eng, DAY, "1001", "夜班", by="L1", now=at(1),
                                   expected=[(slot.shift, slot.version)])
    assert [(s.shift, s.version) for s in out] == [("夜班", 2)]
    with pytest.raises(StaleEdit) as err:
        shiftops.set_roster_cell(eng, DAY, "1001", None, by="L2", now=at(2),
                                 expected=[(slot.shift, slot.version)])
    assert err.value.by == "L1" and ("shift", "白班", "夜班") in err.value.changes


def test_undoing_a_roster_edit_is_a_new_version_audited_as_an_undo(eng: Engine) -> None:
    """Issue #12: the editor's "undo last save" writes what the cell had before, as a
    new version (a stale view is still refused), audited apart from an edit."""
    roster(eng)
    edited = shiftops.set_roster_cell(eng, DAY, "1001", "夜班", by="L1", now=at(1),
                                      expected=[("白班", 1)])
    back = shiftops.set_roster_cell(eng, DAY, "1001", "白班", by="L1", now=at(2),
                                    expected=[(s.shift, s.version) for s in edited], undo=True)
    assert [(s.shift, s.version) for s in back] == [("白班", 3)]
    with pytest.raises(StaleEdit):
        shiftops.set_roster_cell(eng, DAY, "1001", "夜班", by="L1", now=at(3),
                                 expected=[("夜班", 2)], undo=True)
    with eng.connect() as conn:
        [edit] = query_audit(conn, action="roster_edit")
        [undo] = query_audit(conn, action="roster_undo")
    assert (edit.detail["from"], edit.detail["to"]) == (["白班"], "夜班")
    assert (undo.detail["from"], undo.detail["to"], undo.operator) == (["夜班"], "白班", "L1")


# ---- minutes and handover ----------------------------------------------------------------------------


def test_minutes_late_attendees_are_late_for_the_day_and_notices_go_on_the_wall(
        eng: Engine) -> None:
    roster(eng)
    p = default_policy()
    with eng.connect() as conn:
        m = meetings_db.new_minutes(conn, DAY, "白班", "L1")
    assert [a.agent for a in m.attendees] == ["1001", "1002", "1003"]
    m = replace(m, sections={**m.sections, "arrangements": "传达市局文件"},
                notices=(Notice("今日系统升级 15:00", publish=True), Notice("仅口头传达")),
                problems=("质检发现：答复不规范",),
                quiz=(QuizEntry("1001", "医保转移流程", False),),
                attendees=(Attendee("1001", "张三"),
                           Attendee("1002", "李四", MeetingPresence.LATE, 4),
                           Attendee("1003", "王五", MeetingPresence.ABSENT)))
    saved = meetings_db.save_minutes(eng, m, by="L1", now=at(-5), policy=p)
    assert saved.version == 1 and saved.notices[0].announcement_id
    assert saved.notices[1].announcement_id is None
    [ann] = [a for a in floor(eng).announcements.values()]
    assert ann.source == "meeting" and ann.text == "今日系统升级 15:00"
    assert ann.expires_at == datetime(2026, 11, 23, 20, 0, tzinfo=TZ)  # the shift's end
    with eng.connect() as conn:
        [late] = attendance_db.records_between(conn, DAY, DAY)
    assert (late.agent, late.type, late.late_min) == ("1002", AttType.LATE_EARLY, 4)  # R-MEET-3
    again = meetings_db.save_minutes(eng, saved, by="L1", now=at(-4), policy=p)
    assert again.version == 2 and len(floor(eng).announcements) == 1  # not published twice
    with pytest.raises(StaleEdit) as err:
        meetings_db.save_minutes(eng, saved, by="L2", now=at(-3), policy=p)
    assert err.value.by == "L1"


def test_handover_carries_open_items_and_needs_another_leader(eng: Engine) -> None:
    store.FloorWriter(eng, source="test").append([
        FloorEvent("ticket_created", at(60), {"ticket": "T1", "category": "help",
                                              "title": "急件：井盖缺失", "agent": "1001"})])
    host = AlertScheduler(eng, host_id="t", clock=Clock(at(61)))
    host.evaluate()
    items = ho.open_items(floor(eng))
    assert [i.kind for i in items][:1] == ["urgent"] and items[0].id == "T1"
    h = meetings_db.write_handover(eng, DAY, "白班", "注意T1跟进", items, by="L1", now=at(700))
    with pytest.raises(ShiftOpsError, match="own"):
        meetings_db.acknowledge_handover(eng, h.id, by="L1", now=at(701), expected_version=1)
    ack = meetings_db.acknowledge_handover(eng, h.id, by="L2", now=at(721), expected_version=1,
                                           note="已阅")
    assert ack.to == "L2" and ack.acknowledged_at == at(721)
    with pytest.raises(ShiftOpsError):  # history stays as it was
        meetings_db.write_handover(eng, DAY, "白班", "改", items, by="L1", now=at(722),
                                   expected_version=2)
    with eng.connect() as conn:
        [hist] = meetings_db.handovers(conn)
        assert meetings_db.pending_handover(conn) is None
    assert hist.items[0].id == "T1" and hist.text == "注意T1跟进"


def test_handover_carries_the_callers_request_and_the_shifts_statistics(eng: Engine) -> None:
    """Issue #12: the complaint's content (the caller's request) and the shift's figures
    go with the handover, from the same counters as the live view (models.domain.kpi),
    and come back as written once the floor has moved on."""
    calls = []
    for i in range(3):  # three callers at 08:10, the most waiting this shift
        calls.append(FloorEvent("call_queued", at(10), {"call": f"C{i}", "queue": "Q1"}))
    login(eng, "1001", 0)
    store.FloorWriter(eng, source="test").append([
        *calls,
        FloorEvent("call_answered", at(10.25), {"call": "C0", "agent": "1001"}),  # 15 s
        FloorEvent("call_abandoned", at(11), {"call": "C1"}),
        FloorEvent("call_ended", at(12), {"call": "C0"}),
        FloorEvent("agent_state", at(12.5), {"agent": "1001", "state": "ready"}),
        FloorEvent("call_answered", at(13), {"call": "C2", "agent": "1001"}),  # 3 min
        FloorEvent("ticket_created", at(20), {
            "ticket": "T9", "category": "complaint", "title": "人民路夜间施工扰民",
            "agent": "1001", "request": "来电人要求停止夜间施工并回复处理结果"})])
    AlertScheduler(eng, host_id="t", clock=Clock(at(21))).evaluate()
    state = floor(eng)
    items = ho.open_items(state)
    [review] = [i for i in items if i.kind == "review"]
    assert review.request == "来电人要求停止夜间施工并回复处理结果"
    stats = ho.shift_stats(state)
    assert stats is not None
    assert (stats.shift, stats.offered, stats.answered, stats.abandoned) == ("白班", 3, 2, 1)
    assert stats.service_level == 1 / 3  # one of three answered within 20 s
    assert (stats.peak_waiting, stats.peak_at) == (3, at(10))
    live = state.counts("*", "shift")  # what the queue table shows for the shift
    assert stats.answer_rate == kpi.answer_rate(live)
    h = meetings_db.write_handover(eng, DAY, "白班", "T9 待复核", items, by="L1", now=at(30),
                                   stats=stats)
    with eng.connect() as conn:
        [back] = meetings_db.handovers(conn)
    assert back.stats == stats and back.id == h.id
    assert [i.request for i in back.items if i.kind == "review"] == [review.request]


def test_roster_and_codec_round_trip() -> None:
    from models.domain import codec
    st = apply_all(initial_state(Policy()), [FloorEvent("roster_shift", at(0), {
        "shift": "白班", "day": DAY.isoformat(), "start": at(0).isoformat(),
        "end": at(720).isoformat(), "agents": ["1001"], "leaders": ["L1"]})])
    back = codec.state_from_dict(codec.state_to_dict(st))
    assert back.roster == st.roster and back.leaders_on_duty == {"L1"}


def test_minutes_saved_after_their_shift_still_put_the_notice_up_for_an_hour(
        eng: Engine) -> None:
    """The floor's clock (here ahead of the console's) decides: the shift is over, so
    the notice stays an hour instead of being refused for an expiry in the past."""
    roster(eng)
    login(eng, "1001", 13 * 60)  # the floor is at 21:00, after the day shift
    with eng.connect() as conn:
        m = meetings_db.new_minutes(conn, DAY, "白班", "L1")
    m = replace(m, notices=(Notice("明早例会改到 7:40", publish=True),))
    saved = meetings_db.save_minutes(eng, m, by="L1", now=at(12 * 60 + 30), policy=default_policy())
    [ann] = floor(eng).announcements.values()
    assert saved.notices[0].announcement_id == ann.id
    assert ann.expires_at == at(13 * 60) + timedelta(hours=1)


def test_the_summary_reads_earlier_months_only_for_what_counts(eng: Engine) -> None:
    """month_summary skips earlier months' plain 出勤 rows; the result must equal the
    policy applied to every record of the year (R-ATT-1 and R-ATT-5 look back)."""
    from models.domain import attendance as att
    rng = random.Random(3)
    recs = []
    for k in range(0, 330, 2):
        d = date(2026, 1, 1) + timedelta(days=k)
        for a, _n in AGENTS:
            t = rng.choice([AttType.PRESENT] * 6 + [AttType.PERSONAL, AttType.ABSENT,
                                                     AttType.LATE_EARLY, AttType.SICK])
            recs.append(AttendanceRecord(d, a, t, late_min=35 if t is AttType.LATE_EARLY else 0))
    attendance_db.import_records(eng, recs, by="L1", now=at(0))
    for month in ("2026-03", "2026-11"):
        with eng.connect() as conn:
            got = attendance_db.month_summary(conn, month, default_policy())
        want = att.summarize(recs, month, dict(AGENTS), default_policy().attendance)
        assert got.unconfirmed_days == 0  # nobody rostered: nothing to confirm (R-ATT-6)
        assert replace(got, unconfirmed_days=None) == want
    # importing again replaces: versions move on, nothing doubles
    again = [AttendanceRecord(recs[0].day, recs[0].agent, AttType.SICK)]
    assert attendance_db.import_records(eng, again, by="L1", now=at(1)) == {
        "rows": 1, "added": 0, "replaced": 1}
    with eng.connect() as conn:
        row = {r.agent: r for r in attendance_db.register(conn, recs[0].day, default_policy())}
    stored = row[recs[0].agent].stored
    assert stored is not None and stored.version == 2


# ---- issue #16: 婚假 and holidays, 001's leave limits, R-PEAK-3, R-ATT-6 ----------------


def _policy_001() -> Policy:
    from pathlib import Path

    from models.domain.policy import parse_toml
    root = Path(__file__).resolve().parent.parent
    return parse_toml((root / "resources" / "policies" / "attendance-001.toml").read_text())


def test_marriage_leave_does_not_count_the_statutory_holidays(eng: Engine) -> None:
    """R-ATT-2 "婚假不包括法定节假日": 婚假 across 国庆 counts only its other days; a 调休
    working day counts. The request's days skip the holidays too."""
    from models.domain.shiftimport import Holiday
    golden = [Holiday(date(2026, 10, d), "holiday", "国庆节") for d in range(1, 8)]
    shiftops.import_holidays(eng, [*golden, Holiday(date(2026, 10, 10), "workday", "调休")],
                             by="L1", now=at(0))
    days = [date(2026, 9, 30)] + [date(2026, 10, d) for d in range(1, 10)]
    attendance_db.import_records(eng, [AttendanceRecord(d, "1001", AttType.MARRIAGE)
                                       for d in days], by="L1", now=at(0))
    with eng.connect() as conn:
        s = attendance_db.month_summary(conn, "2026-10", default_policy())
    row = attendance_db.agent_month(s, "1001")
    assert row is not None and row.days["marriage"] == 9  # as recorded in October
    assert not [f for f in row.flags if f.startswith("R-ATT-2")]  # 3 days: the limit itself
    attendance_db.import_records(eng, [AttendanceRecord(date(2026, 10, 10), "1001",
                                                        AttType.MARRIAGE)], by="L1", now=at(1))
    with eng.connect() as conn:
        s = attendance_db.month_summary(conn, "2026-10", default_policy())
    row = attendance_db.agent_month(s, "1001")
    assert row is not None and "R-ATT-2: 2026年婚假累计4天，超过规定3天" in row.flags
    # whether the +7 of a late first marriage applies the register cannot tell: a note
    [note] = row.notes
    assert "晚婚" in note and "出生日期" in note and "婚史" in note
    req = shiftops.request_leave(eng, "1002", AttType.MARRIAGE, date(2026, 10, 1),
                                 date(2026, 10, 9), reason="结婚", by="L1", now=at(2),
                                 policy=default_policy())
    assert req.days == 2  # 10-08 and 10-09; 国庆 is not counted
    with raises_zh(ShiftOpsError, "法定节假日"):
        shiftops.request_leave(eng, "1003", AttType.MARRIAGE, date(2026, 10, 1),
                               date(2026, 10, 3), reason="", by="L1", now=at(3),
                               policy=default_policy())


def test_001_leave_limits_two_days_a_month_and_one_person_per_shift(eng: Engine) -> None:
    """001 人员管理制度 第2、3条: at most two days of leave a month per person; one
    person per shift on leave or on a swap — refused naming the limit and the
    conflicting request; off under the default policy (seed 002)."""
    p = _policy_001()
    assert (p.attendance.leave_days_per_month, p.attendance.leave_per_shift) == (2, 1)
    assert default_policy().attendance.leave_days_per_month == 0
    roster(eng)  # 1001, 1002, 1003 on 白班 on DAY
    # the default policy does not limit: 1004 takes four days
    shiftops.request_leave(eng, "1004", AttType.PERSONAL, DAY + timedelta(days=1),
                           DAY + timedelta(days=4), reason="", by="L1", now=at(0),
                           policy=default_policy())
    first = shiftops.request_leave(eng, "1001", AttType.PERSONAL, DAY, DAY + timedelta(days=1),
                                   reason="家事", by="L1", now=at(1), policy=p)  # 2: allowed
    with raises_zh(ShiftOpsError, rf"每人每月请假不超过2天：1001 2026-11 已请2天（#{first.id}"
                                  r"（2026-11-23至2026-11-24））"):
        shiftops.request_leave(eng, "1001", AttType.SICK, DAY + timedelta(days=5),
                               DAY + timedelta(days=5), reason="", by="L1", now=at(2), policy=p)
    with raises_zh(ShiftOpsError, rf"每班请假或换班不超过1人：2026-11-23 白班 已有1001 的请假 "
                                  rf"#{first.id}"):
        shiftops.request_leave(eng, "1002", AttType.PERSONAL, DAY, DAY, reason="", by="L1",
                               now=at(3), policy=p)
    # 1002 on a day not rostered with anyone on leave: allowed
    shiftops.request_leave(eng, "1002", AttType.PERSONAL, DAY + timedelta(days=2),
                           DAY + timedelta(days=2), reason="", by="L1", now=at(4), policy=p)
    # a swap on the shift counts as that shift's one person
    d10, d11 = DAY + timedelta(days=10), DAY + timedelta(days=12)
    shiftops.import_roster(eng, [RosterEntry(d10, "白班", "1002"), RosterEntry(d10, "白班", "1003"),
                                 RosterEntry(d11, "白班", "1004")], by="L1", now=at(5))
    shiftops.swap_shifts(eng, "1003", d10, "1004", d11, by="L1", now=at(6), policy=p)
    with raises_zh(ShiftOpsError, "2026-12-03 白班 已有1003与1004的换班"):
        shiftops.request_leave(eng, "1002", AttType.PERSONAL, d10, d10, reason="", by="L1",
                               now=at(7), policy=p)
    with eng.connect() as conn:
        refused = [a for a in query_audit(conn, action="leave_request") if a.result == "refused"]
    assert len(refused) == 3
    # and a swap of a shift that already has someone on leave is refused the same way
    far = DAY + timedelta(days=20)
    shiftops.import_roster(eng, [RosterEntry(far, "白班", "1004")], by="L1", now=at(8))
    with raises_zh(ShiftOpsError, rf"2026-11-23 白班 已有1001 的请假 #{first.id}"):
        shiftops.swap_shifts(eng, "1002", DAY, "1004", far, by="L1", now=at(9), policy=p)
    shiftops.swap_shifts(eng, "1002", DAY, "1004", far, by="L1", now=at(9),
                         policy=default_policy())  # no such limit by default


def test_r_peak_3_no_leave_during_a_predictable_peak(eng: Engine) -> None:
    """R-PEAK-3: leave whose days touch a [[peak.periods]] entry is refused naming it;
    the day before the period is allowed."""
    from models.domain.policy import parse_toml
    p = parse_toml('[[peak.periods]]\nname = "社保年度申报"\nfrom = 2026-12-01\n'
                   'to = 2026-12-31\n')
    with raises_zh(ShiftOpsError, "R-PEAK-3: 2026-11-30至2026-12-01与可预见高峰「社保年度申报」"
                                  "（2026-12-01至2026-12-31）重叠"):
        shiftops.request_leave(eng, "1001", AttType.PERSONAL, date(2026, 11, 30),
                               date(2026, 12, 1), reason="", by="L1", now=at(0), policy=p)
    ok = shiftops.request_leave(eng, "1001", AttType.PERSONAL, date(2026, 11, 29),
                                date(2026, 11, 30), reason="", by="L1", now=at(1), policy=p)
    assert ok.status == "pending"


def test_r_att_6_the_summary_is_due_the_30th_and_reminded_from_the_28th(eng: Engine) -> None:
    """R-ATT-6: the summary carries its due date (February: its last day) and how many
    rostered days are unconfirmed; from the 28th the host raises R-ATT-6 on
    month:YYYY-MM until every rostered day of the month is confirmed."""
    roster(eng, agents=("1001", "1002"))
    with eng.connect() as conn:
        s = attendance_db.month_summary(conn, "2026-11", default_policy())
        feb = attendance_db.month_summary(conn, "2026-02", default_policy())
    assert s.due == date(2026, 11, 30) and s.unconfirmed_days == 2 and not s.confirmed
    assert feb.due == date(2026, 2, 28) and feb.confirmed  # nobody rostered
    assert s.to_json()["due"] == "2026-11-30"
    before = datetime(2026, 11, 27, 23, 59, 59, tzinfo=TZ)
    host = AlertScheduler(eng, host_id="t", clock=Clock(before))
    assert host.remind_summary() is False  # the 27th: not yet
    host.clock = Clock(datetime(2026, 11, 28, 0, 0, tzinfo=TZ))
    assert host.remind_summary() is True
    assert host.remind_summary() is False  # once
    [a] = [a for a in floor(eng).alerts.values() if a.rule == "R-ATT-6"]
    assert a.subject == "month:2026-11" and a.raised_at == datetime(2026, 11, 28, tzinfo=TZ)
    assert "2026-11-30" in a.message and "2 人天" in a.message and not a.auto_resolve
    attendance_db.confirm_records(eng, [AttendanceRecord(DAY, "1001", AttType.PRESENT)],
                                  by="L1", now=at(60))
    host.clock = Clock(datetime(2026, 11, 28, 1, 7, tzinfo=TZ))
    assert host.remind_summary() is False  # one day still unconfirmed: it stays
    assert [a for a in floor(eng).alerts.values() if a.rule == "R-ATT-6"]
    attendance_db.confirm_records(eng, [AttendanceRecord(DAY, "1002", AttType.PRESENT)],
                                  by="L1", now=at(61))
    # into December: the overdue November is still looked at, and now resolved
    host.clock = Clock(datetime(2026, 12, 1, 0, 7, tzinfo=TZ))
    assert host.remind_summary() is True
    assert not [a for a in floor(eng).alerts.values() if a.rule == "R-ATT-6"]
