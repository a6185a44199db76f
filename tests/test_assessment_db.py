"""The monthly assessment in the database (issue #18, DOMAIN §8, R-ASSESS-1…4): the
versioned policy, the register with proposals from attendance, meetings and alerts,
the month's sheet drafted and confirmed — rights checked and every write audited,
on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy import insert

from models.db import assessment_db as adb
from models.db import engine as dbengine
from models.db.assessment_db import AssessmentError
from models.db.audit import query_audit
from models.db.operators import NotAllowed
from models.db.schema import (
    AlertRow,
    AttendanceRow,
    CallRecordRow,
    MeetingRow,
    RosterRow,
)
from models.db.store import writing
from models.domain import assessment as asm
from tests.helpers import seed_floor, seed_operators

TZ = ZoneInfo("Asia/Shanghai")
MONTH = "2026-11"
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=TZ)
T0 = datetime(2026, 10, 30, 8, 0, tzinfo=TZ)


@pytest.fixture
def eng(db_url: str) -> Iterator[sa.Engine]:
    e = dbengine.make_engine(db_url)
    seed_operators(e, [("A1", "管理员", {"admin"}), ("L1", "张班长", {"shift_leader"}),
                       ("H1", "王部长", {"department_head"}), ("D1", "李主任", {"director"}),
                       ("W1", "大屏", {"wallboard"})], now=T0)
    seed_floor(e, T0, groups=[{"id": "G1", "name": "一班"}, {"id": "G2", "name": "二班"}],
               queues=[{"id": "Q1", "name": "热线"}],
               agents=[{"id": "1001", "name": "甲", "group": "G1"},
                       {"id": "1002", "name": "乙", "group": "G1"},
                       {"id": "1003", "name": "丙", "group": "G2"},
                       {"id": "1004", "name": "丁", "group": "G2"}])
    yield e
    e.dispose()


def apply000(e: sa.Engine, at: datetime = T0) -> adb.AppliedPolicy:
    return adb.apply_policy(e, asm.shipped_text("assessment-000.toml"), by="D1", now=at,
                            source="assessment-000.toml")


def calls(e: sa.Engine, agent: str, n: int, day: date) -> None:
    at = datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ)
    with writing(e).begin() as c:
        c.execute(insert(CallRecordRow), [
            {"call_id": f"{agent}-{day}-{i}", "queue_id": "Q1", "agent_id": agent,
             "outcome": "answered", "queued_at": at, "answered_at": at + timedelta(seconds=i),
             "ended_at": at + timedelta(seconds=i + 60)} for i in range(n)])


def test_policies_are_versioned_and_only_the_director_applies_one(eng: sa.Engine) -> None:
    with pytest.raises(NotAllowed):
        adb.apply_policy(eng, asm.shipped_text("assessment-000.toml"), by="L1", now=T0)
    with pytest.raises(AssessmentError, match="No assessment policy applied"):
        adb.current_policy(eng, "L1")
    assert apply000(eng).version == 1
    v2 = adb.apply_policy(eng, asm.shipped_text("assessment-002.toml"), by="D1",
                          now=T0 + timedelta(hours=1))
    assert (v2.version, v2.policy.id) == (2, "002")
    hist = adb.policy_history(eng, "H1")
    assert [(h["version"], h["policy"]) for h in hist] == [(2, "002"), (1, "000")]
    with pytest.raises(NotAllowed):
        adb.policy_history(eng, "W1")  # a wall reads nothing of the assessment
    with pytest.raises(asm.AssessmentPolicyError):
        adb.apply_policy(eng, "id = 1", by="D1", now=T0)
    with eng.connect() as c:
        rows = query_audit(c, action="assessment_policy_apply")
    assert sorted(r.target or "" for r in rows) == ["v1", "v2"]


def test_proposals_carry_their_evidence_and_are_confirmed_by_a_person(eng: sa.Engine) -> None:
    apply000(eng)
    d3, d4 = date(2026, 11, 3), date(2026, 11, 4)
    with writing(eng).begin() as c:
        c.execute(insert(AttendanceRow), [
            # late AND early on one day: two occurrences (R-ASSESS-3 "每次")
            {"day": d3, "agent_id": "1001", "type": "late_early", "late_min": 12,
             "early_min": 20, "note": "", "source": "leader", "updated_at": T0,
             "updated_by": "L1"},
            {"day": d4, "agent_id": "1002", "type": "sick", "late_min": 0, "early_min": 0,
             "note": "", "source": "leader", "updated_at": T0, "updated_by": "L1"},
            {"day": date(2026, 12, 1), "agent_id": "1001", "type": "late_early",
             "late_min": 5, "early_min": 0, "note": "", "source": "leader", "updated_at": T0,
             "updated_by": "L1"}])  # December: not this month
        mid = c.execute(insert(MeetingRow).returning(MeetingRow.id).values(
            day=d4, shift="早班", chair="L1", saved_at=T0, saved_by="L1", content={
                "attendees": [{"agent": "1002", "presence": "absent"},  # on sick leave
                              {"agent": "1003", "presence": "absent"},
                              {"agent": "1004", "presence": "present"}]})).scalar_one()
        alert = dict(severity="warning", message="", detail={}, raised_event_id=1,
                     queue_id=None, ticket_id=None)
        c.execute(insert(AlertRow), [
            {**alert, "id": "a-away", "rule": "R-AWAY-1", "subject": "agent:1004",
             "agent_id": "1004", "raised_at": datetime(2026, 11, 5, 23, 30, tzinfo=TZ)},
            {**alert, "id": "a-idle", "rule": "R-IDLE-1", "subject": "agent:1003:unattended",
             "agent_id": "1003", "raised_at": datetime(2026, 11, 6, 9, 0, tzinfo=TZ)},
            {**alert, "id": "a-queue", "rule": "R-IDLE-1", "subject": "queue:Q1",
             "agent_id": None, "queue_id": "Q1",
             "raised_at": datetime(2026, 11, 6, 9, 0, tzinfo=TZ)},
            {**alert, "id": "a-t4", "rule": "R-TICKET-4", "subject": "ticket:T9",
             "agent_id": "1002", "ticket_id": "T9",
             "raised_at": datetime(2026, 11, 7, 9, 0, tzinfo=TZ)},
            {**alert, "id": "a-break", "rule": "R-BREAK-1", "subject": "agent:1001",
             "agent_id": "1001", "raised_at": datetime(2026, 11, 7, 9, 0, tzinfo=TZ)},
            # raised 1 December 00:10 in Shanghai = 30 November 16:10 UTC: December's
            {**alert, "id": "a-dec", "rule": "R-AWAY-1", "subject": "agent:1001",
             "agent_id": "1001", "raised_at": datetime(2026, 12, 1, 0, 10, tzinfo=TZ)}])
    with pytest.raises(NotAllowed):
        adb.propose(eng, "H1", MONTH)  # the department head confirms sheets, not entries
    props = {(p.agent, p.item): p for p in adb.propose(eng, "L1", MONTH)}
    assert sorted(props) == [("1001", "late_early"), ("1002", "ticket_error"),
                             ("1003", "idle_hotline"), ("1003", "missed_meeting"),
                             ("1004", "left_post")]
    allp = adb.propose(eng, "L1", MONTH)
    late = [p for p in allp if p.item == "late_early"]
    assert sorted(p.evidence.get("late_min", 0) + p.evidence.get("early_min", 0)
                  for p in late) == [12, 20]
    assert {p.points for p in allp} == {-5, -2, -10}
    assert props[("1003", "missed_meeting")].evidence == {
        "record": "meeting", "id": mid, "day": "2026-11-04", "shift": "早班"}
    assert props[("1004", "left_post")].evidence["id"] == "a-away"
    assert props[("1004", "left_post")].day == date(2026, 11, 5)
    assert props[("1002", "ticket_error")].evidence["ticket"] == "T9"
    assert sorted(p.note for p in late) == ["考勤登记：早退 20 分钟", "考勤登记：迟到 12 分钟"]
    assert props[("1003", "missed_meeting")].note == "早会记录：早班早会缺席"
    # confirm all but the idle one: entries with their evidence, audited
    keys = [p.key for p in allp if p.item != "idle_hotline"]
    got = adb.confirm_proposals(eng, keys, by="L1", now=NOW, month=MONTH)
    assert len(got) == 5 and {e.source for e in got} == {"attendance", "meeting", "alert"}
    assert [p.item for p in adb.propose(eng, "L1", MONTH)] == ["idle_hotline"]
    with pytest.raises(AssessmentError, match="no such open proposal"):
        adb.confirm_proposals(eng, keys[:1], by="L1", now=NOW, month=MONTH)
    with eng.connect() as c:
        audit = query_audit(c, action="assessment_entry", limit=100)
    assert len(audit) == 5
    assert {a.detail["proposal"] for a in audit} == set(keys)
    assert all(a.detail["evidence"] for a in audit)


def test_the_months_sheet_from_calls_and_the_register_then_confirmed(eng: sa.Engine) -> None:
    apply000(eng)
    d = date(2026, 11, 10)
    with writing(eng).begin() as c:  # 1004 was rostered and answered nothing
        c.execute(insert(RosterRow).values(day=d, shift="早班", person="1004", role="agent",
                                           updated_at=T0, updated_by="L1"))
    for agent, n in (("1001", 50), ("1002", 45), ("1003", 25)):
        calls(eng, agent, n, d)
    calls(eng, "1001", 7, date(2026, 12, 1))  # December: not counted
    adb.record_entry(eng, by="L1", now=NOW, agent="1002", day=d, item="late_early")
    adb.record_entry(eng, by="L1", now=NOW, agent="1002", day=d, item="improper_remarks",
                     points=-15, note="对来电人言语不当")
    wrong = adb.record_entry(eng, by="L1", now=NOW, agent="1001", day=d, item="untidy_desk")
    adb.withdraw_entry(eng, wrong.id, by="L1", now=NOW, reason="记错了人")
    with pytest.raises(AssessmentError, match="points must be"):
        adb.record_entry(eng, by="L1", now=NOW, agent="1001", day=d, item="disobedience",
                         points=-5)
    with pytest.raises(AssessmentError, match="choose the points"):
        adb.record_entry(eng, by="L1", now=NOW, agent="1001", day=d, item="disobedience")
    sheet = adb.draft(eng, by="L1", month=MONTH, now=NOW)
    rows = {r.agent: r for r in sheet.rows}
    # handled 50, 45, 25, 0: average 120 / 4 = 30. 1001: 50 → 100; 1002: 45 → 100;
    # 1003: 25 ≤ 30×0.9 = 27 and > 24 → 90; 1004: 0 ≤ 21 → 0
    assert {a: (r.part("system").volume, r.part("system").score) for a, r in rows.items()} == {
        "1001": (50, 100), "1002": (45, 100), "1003": (25, 90), "1004": (0, 0)}
    assert {r.part("system").average for r in rows.values()} == {30.0}
    # evaluation: 1002 100 − 5 − 15 = 80 (the withdrawn −5 of 1001 does not count)
    # totals: 1001 100; 1002 50 + 40 = 90; 1003 45 + 50 = 95; 1004 0 + 50 = 50
    assert {a: r.total for a, r in rows.items()} == {"1001": 100, "1002": 90, "1003": 95,
                                                    "1004": 50}
    assert [(r.agent, r.rank, r.reward_yuan) for r in sheet.rows] == [
        ("1001", 1, 800), ("1003", 2, 500), ("1002", 3, 300), ("1004", 4, 0)]
    assert asm.FLAG_RETRAIN in rows["1004"].flags
    assert (rows["1001"].name, rows["1001"].group) == ("甲", "一班")
    assert (sheet.status, sheet.policy_version, sheet.policy.id) == ("draft", 1, "000")
    # a newer policy does not change the stored draft's version
    adb.apply_policy(eng, asm.shipped_text("assessment-000.toml"), by="D1", now=NOW)
    assert adb.show(eng, "H1", MONTH).policy_version == 1  # type: ignore[union-attr]
    with pytest.raises(NotAllowed):
        adb.confirm(eng, by="L1", month=MONTH, now=NOW)
    done = adb.confirm(eng, by="H1", month=MONTH, now=NOW + timedelta(hours=1))
    assert (done.status, done.confirmed_by) == ("confirmed", "H1")
    # after confirmation: a change needs a reason, and the sheet must be confirmed again
    later = NOW + timedelta(days=1)
    with pytest.raises(AssessmentError, match="needs a reason"):
        adb.record_entry(eng, by="L1", now=later, agent="1003", day=d, item="late_early")
    with pytest.raises(AssessmentError, match="needs a reason"):
        adb.draft(eng, by="L1", month=MONTH, now=later)
    adb.record_entry(eng, by="L1", now=later, agent="1003", day=d, item="late_early",
                     reason="考勤补录")
    with pytest.raises(AssessmentError, match="confirmed already"):
        adb.confirm(eng, by="H1", month=MONTH, now=later)
    again = adb.draft(eng, by="L1", month=MONTH, now=later + timedelta(minutes=1),
                      reason="考勤补录后重算")
    assert again.status == "draft" and again.version == 2 and again.policy_version == 2
    assert {r.agent: r.total for r in again.rows}["1003"] == 92.5  # 45 + 95 × .5
    with eng.connect() as c:
        drafts = query_audit(c, action="assessment_draft", limit=10)
        withdrawn = query_audit(c, action="assessment_withdraw", limit=10)
        confirms = query_audit(c, action="assessment_confirm", limit=10)
    assert sorted((a.detail["was"] or "", a.detail["reason"]) for a in drafts) == [
        ("", ""), ("confirmed", "考勤补录后重算")]
    assert withdrawn[0].detail["reason"] == "记错了人"
    assert len(confirms) == 1 and confirms[0].operator == "H1"


def test_confirm_is_refused_when_the_register_moved_on_or_a_row_is_incomplete(
        eng: sa.Engine) -> None:
    adb.apply_policy(eng, asm.shipped_text("assessment-002.toml"), by="D1", now=T0)
    d = date(2026, 11, 10)
    with pytest.raises(AssessmentError, match="no sheet of 2026-11"):
        adb.confirm(eng, by="H1", month=MONTH, now=NOW)
    for agent in ("1001",):
        for part, lead, cs in (("policy", 30, (33, 31, 29)), ("service", 27, (28, 26, 27))):
            adb.record_entry(eng, by="L1", now=NOW, agent=agent, day=d, item=part,
                             points=lead, kind="leader")
            for s in cs:
                adb.record_entry(eng, by="L1", now=NOW, agent=agent, day=d, item=part,
                                 points=s, kind="call")
    adb.record_entry(eng, by="L1", now=NOW, agent="1002", day=d, item="praise_banner")
    with pytest.raises(AssessmentError, match="a score from 0 to 35"):
        adb.record_entry(eng, by="L1", now=NOW, agent="1002", day=d, item="policy",
                         points=36, kind="leader")
    sheet = adb.draft(eng, by="L1", month=MONTH, now=NOW)
    rows = {r.agent: r for r in sheet.rows}
    # 1001: 30.6 + 27 + 15 + 5 + 5 + 10 + 0 = 92.6 (test_assessment.py has the parts)
    assert rows["1001"].total == 92.6
    assert rows["1002"].total is None and asm.FLAG_INCOMPLETE in rows["1002"].flags
    with pytest.raises(AssessmentError, match="no total for 1002"):
        adb.confirm(eng, by="H1", month=MONTH, now=NOW)
    for part, lead in (("policy", 20), ("service", 20)):
        adb.record_entry(eng, by="L1", now=NOW + timedelta(minutes=5), agent="1002", day=d,
                         item=part, points=lead, kind="leader")
        adb.record_entry(eng, by="L1", now=NOW + timedelta(minutes=5), agent="1002", day=d,
                         item=part, points=25, kind="call")
    with pytest.raises(AssessmentError, match="changed after the draft"):
        adb.confirm(eng, by="H1", month=MONTH, now=NOW + timedelta(minutes=6))
    sheet = adb.draft(eng, by="L1", month=MONTH, now=NOW + timedelta(minutes=7))
    # 1002: 20×.4 + 25×.6 = 8 + 15 = 23, twice = 46; 15 + 5 + 5 + 10 = 35; bonus 10
    # → 46 + 35 + 10 = 91
    assert {r.agent: r.total for r in sheet.rows} == {"1001": 92.6, "1002": 91}
    assert adb.confirm(eng, by="D1", month=MONTH, now=NOW + timedelta(minutes=8)).status == \
        "confirmed"


def test_the_year_sums_confirmed_months_over_twelve(eng: sa.Engine) -> None:
    apply000(eng)
    for m, n in (("2026-10", 10), ("2026-11", 10)):
        first = adb.month_days(m)[0]
        calls(eng, "1001", n, first)
        calls(eng, "1002", n, first)
    adb.record_entry(eng, by="L1", now=NOW, agent="1002", day=date(2026, 11, 3),
                     item="late_early")
    for m in ("2026-10", "2026-11"):
        adb.draft(eng, by="L1", month=m, now=NOW)
    adb.confirm(eng, by="H1", month="2026-10", now=NOW)
    rows, status = adb.year(eng, "H1", 2026)
    # only October is confirmed: 1001 and 1002 100 each → 100 / 12 = 8.33
    assert {r.agent: r.total for r in rows} == {"1001": 8.33, "1002": 8.33}
    assert (status["2026-10"], status["2026-11"], status["2026-12"]) == ("confirmed", "draft", "")
    adb.confirm(eng, by="H1", month="2026-11", now=NOW)
    rows, _ = adb.year(eng, "H1", 2026)
    # 1002: (100 + 50 + 95×.5) / 12 = 197.5 / 12 = 16.458 → 16.46
    assert {r.agent: r.total for r in rows} == {"1001": 16.67, "1002": 16.46}


def test_a_bad_month_is_named() -> None:
    for bad in ("2026-13", "2026-1", "26-11", "", "2026-11-01"):
        with pytest.raises(AssessmentError, match="YYYY-MM"):
            adb.month_days(bad)


def test_the_12333_recorded_call_part_is_fed_by_the_qa_scores(eng: sa.Engine) -> None:
    """Issue #18: "QA scores feed the 12333 policy's recorded-call part". Every QA score
    of the month, scaled to the part's maximum; a call score recorded by hand for a
    part replaces them for that part."""
    from models.db import qa_db
    from models.domain.qa import parse_qa_csv

    adb.apply_policy(eng, asm.shipped_text("assessment-002.toml"), by="D1", now=T0)
    d = date(2026, 11, 10)
    sheet = parse_qa_csv(
        "日期,工号,通话编号,质检员,总分\n"
        "2026-11-03,1003,C1,王质检,90\n2026-11-12,1003,C2,王质检,80\n"
        "2026-11-20,1003,C3,李质检,70\n"
        "2026-11-05,1004,C4,王质检,50\n"
        "2026-10-31,1003,C0,王质检,10\n"  # October's: not this month's
        "2026-12-01,1003,C9,王质检,10\n", known={"1003", "1004"})
    qa_db.import_scores(eng, "L1", sheet, source="qa.csv", now=NOW)
    for agent in ("1003", "1004"):
        for part, lead in (("policy", 30), ("service", 27)):
            adb.record_entry(eng, by="L1", now=NOW, agent=agent, day=d, item=part,
                             points=lead, kind="leader")
    # 1004's leader scored one call of the policy part by hand: it stands for that part
    adb.record_entry(eng, by="L1", now=NOW, agent="1004", day=d, item="policy", points=35,
                     kind="call")
    rows = {r.agent: r for r in adb.draft(eng, by="L1", month=MONTH, now=NOW).rows}
    # 1003: calls 90, 80, 70 → policy (35) 31.5, 28, 24.5, mean 28 → 30×.4 + 28×.6 = 28.8;
    # service (30) 27, 24, 21, mean 24 → 27×.4 + 24×.6 = 25.2; the rest whole:
    # 15 + 5 + 5 + 10 = 35, no bonus → 28.8 + 25.2 + 35 = 89
    parts = {p.part: p for p in rows["1003"].parts}
    assert parts["policy"].calls == (31.5, 28.0, 24.5) and parts["policy"].score == 28.8
    assert parts["service"].score == 25.2
    assert rows["1003"].total == 89.0 and asm.FLAG_FEW_CALLS not in rows["1003"].flags
    # 1004: policy 30×.4 + 35×.6 = 33 (by hand); service from QA 50 → 15:
    # 27×.4 + 15×.6 = 19.8; one call only → flagged as few; 33 + 19.8 + 35 = 87.8
    parts = {p.part: p for p in rows["1004"].parts}
    assert parts["policy"].calls == (35.0,) and parts["service"].calls == (15.0,)
    assert rows["1004"].total == 87.8 and asm.FLAG_FEW_CALLS in rows["1004"].flags


def test_a_dismissed_proposal_is_kept_withdrawn_with_its_reason_all_or_none(
        eng: sa.Engine) -> None:
    """Dismissing what the floor proposed (the screen's 驳回): each is recorded with its
    evidence and withdrawn at once with the person's reason, so it does not count and
    is never proposed again; an unknown key dismisses none; the leader's right."""
    apply000(eng)
    d3 = date(2026, 11, 3)
    with writing(eng).begin() as c:
        c.execute(insert(AttendanceRow), [
            {"day": d3, "agent_id": a, "type": "late_early", "late_min": 9, "early_min": 0,
             "note": "", "source": "leader", "updated_at": T0, "updated_by": "L1"}
            for a in ("1001", "1002")])
    keys = [p.key for p in adb.propose(eng, "L1", MONTH)]
    assert len(keys) == 2
    with pytest.raises(AssessmentError, match="needs a reason"):
        adb.dismiss_proposals(eng, keys, by="L1", now=NOW, month=MONTH, reason=" ")
    with pytest.raises(NotAllowed):
        adb.dismiss_proposals(eng, keys, by="H1", now=NOW, month=MONTH, reason="不计")
    with pytest.raises(AssessmentError, match="no such open proposal"):
        adb.dismiss_proposals(eng, [keys[0], "attendance:nope"], by="L1", now=NOW,
                              month=MONTH, reason="不计")
    assert adb.entries(eng, "L1", MONTH, withdrawn=True) == []  # none of them
    out = adb.dismiss_proposals(eng, [keys[0]], by="L1", now=NOW, month=MONTH,
                                reason="系统补登，实际按时到岗")
    assert [(e.agent, e.withdrawn, e.evidence["late_min"]) for e in out] == [("1001", True, 9)]
    assert [p.key for p in adb.propose(eng, "L1", MONTH)] == [keys[1]]
    assert adb.entries(eng, "L1", MONTH) == []  # withdrawn: not counted
    assert adb.changed_since_draft(eng, "H1", MONTH) == 0  # no sheet yet
    sheet = adb.draft(eng, by="L1", month=MONTH, now=NOW)
    assert all(r.part("evaluation").score == 100 for r in sheet.rows)
    with eng.connect() as c:
        [w] = query_audit(c, action="assessment_withdraw")
    assert (w.operator, w.detail["reason"], w.detail["dismissed"]) == (
        "L1", "系统补登，实际按时到岗", keys[0])
    adb.confirm_proposals(eng, [keys[1]], by="L1", now=NOW + timedelta(minutes=1),
                          month=MONTH)
    assert adb.changed_since_draft(eng, "H1", MONTH) == 1
