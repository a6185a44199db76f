"""The attendance policy engine (考勤, DOMAIN §6): the monthly summary's 旷工 and flags
(R-ATT-1 … 5), the daily checks (000 第四篇), the register's prefill from logins, the
leave approval chain and swap checks; the ``[attendance]`` policy table. Each rule is
tried at, just under and just over its threshold under the default policy (seed 002)
and the two alternatives (resources/policies/attendance-001.toml, -000.toml)."""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone
from importlib import resources

import pytest

from models.db.policies import to_toml
from models.domain import policy as pol
from models.domain.attendance import (
    TYPE_CODES,
    AgentMonth,
    ApprovalStep,
    AttendancePolicy,
    AttendanceRecord,
    AttType,
    IncidentStep,
    Settle,
    approval_roles,
    day_checks,
    prefill,
    suggest,
    summarize,
    swap_problems,
)
from models.domain.policy import Policy, PolicyError

CST = timezone(timedelta(hours=8))  # Asia/Shanghai has no DST
P = AttType.PRESENT
LE = AttType.LATE_EARLY


def policy_file(name: str) -> str:
    return resources.files("resources").joinpath(f"policies/attendance-{name}.toml") \
        .read_text(encoding="utf-8")


def load(name: str) -> AttendancePolicy:
    if name == "002":
        return pol.default_policy().attendance
    return pol.parse_toml(policy_file(name), f"attendance-{name}.toml").attendance


POLICIES = {n: load(n) for n in ("002", "001", "000")}


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def rec(day: date, t: AttType = P, late: int = 0, early: int = 0,
        agent: str = "A1") -> AttendanceRecord:
    if t == P and (late or early):
        t = LE
    return AttendanceRecord(day, agent, t, late, early)


def days_of(t: AttType, n: int, month: int = 11, first: int = 1) -> list[AttendanceRecord]:
    return [rec(d(month, first + i), t) for i in range(n)]


def lates(minutes: Iterable[int], month: int = 11, first: int = 2,
          kind: str = "late") -> list[AttendanceRecord]:
    out = []
    for i, m in enumerate(minutes):
        day = d(month, first + i)
        out.append(rec(day, late=m) if kind == "late" else rec(day, early=m))
    return out


def row(records: Iterable[AttendanceRecord], policy: AttendancePolicy,
        month: str = "2026-11") -> AgentMonth:
    s = summarize(records, month, {"A1": "张三"}, policy)
    return next(a for a in s.agents if a.agent == "A1")


def has(flags: Iterable[str], prefix: str) -> bool:
    return any(f.startswith(prefix) for f in flags)


# ---- R-ATT-1: 事假 beyond 15 days a calendar year counts as 旷工 ----------------------


@pytest.mark.parametrize(("name", "n", "absent"), [
    ("002", 14, 0.0), ("002", 15, 0.0), ("002", 16, 1.0),
    ("001", 16, 0.0),  # 001 has no yearly cap
    ("000", 16, 0.0),
])
def test_r_att_1_personal_days_beyond_the_cap(name: str, n: int, absent: float) -> None:
    r = row(days_of(AttType.PERSONAL, n), POLICIES[name])
    assert r.days["personal"] == n
    assert r.absent_days == absent
    assert has(r.flags, "R-ATT-1") == (absent > 0)
    if absent:
        assert "R-ATT-1: 2026年事假累计16天，超出15天计旷工1天" in r.flags


def test_r_att_1_counts_the_calendar_year_not_the_last_twelve_months() -> None:
    p = POLICIES["002"]
    december = [dataclasses.replace(x, day=x.day.replace(year=2025))
                for x in days_of(AttType.PERSONAL, 10, month=12)]
    assert row(december + days_of(AttType.PERSONAL, 6), p).absent_days == 0
    # 10 in March + 6 in November: the 16th day falls in November
    year = days_of(AttType.PERSONAL, 10, month=3) + days_of(AttType.PERSONAL, 6)
    assert row(year, p, "2026-03").absent_days == 0
    nov = row(year, p)
    assert nov.absent_days == 1
    assert "R-ATT-1: 2026年事假累计16天，超出15天计旷工1天" in nov.flags
    # a month after the excess has no new excess
    assert row(year, p, "2026-12").absent_days == 0


def test_r_att_1_counts_personal_days_charged_for_lateness() -> None:
    """001's per-incident charges are 事假: with a cap they count toward it."""
    p = dataclasses.replace(POLICIES["001"], personal_days_per_year=15.0)
    base = days_of(AttType.PERSONAL, 15, month=3)
    r = row(base + lates([10]), p)
    assert r.charged == {"personal": 0.5}
    assert r.absent_days == 0.5
    assert "R-ATT-1: 2026年事假累计15.5天，超出15天计旷工0.5天" in r.flags


# ---- R-ATT-2: leave beyond its entitlement is flagged ---------------------------------


@pytest.mark.parametrize("name", ["002", "001", "000"])
@pytest.mark.parametrize(("t", "limit"), [
    (AttType.MARRIAGE, 3), (AttType.BEREAVEMENT, 3), (AttType.FAMILY_VISIT, 20),
    (AttType.MATERNITY, 90),
])
def test_r_att_2_leave_over_its_entitlement(name: str, t: AttType, limit: int) -> None:
    p = POLICIES[name]
    label = {"marriage": "婚假", "bereavement": "丧假", "family_visit": "探亲假",
             "maternity": "产假"}[t.value]
    # the days up to 30 November (产假 reaches back into September): the year's total
    recs: list[AttendanceRecord] = []
    for i in range(limit + 1):
        recs.append(rec(date(2026, 11, 30) - timedelta(days=i), t))
    under = row(recs[1:], p)  # exactly the entitlement
    assert not has(under.flags, "R-ATT-2")
    over = row(recs, p)
    assert f"R-ATT-2: 2026年{label}累计{limit + 1}天，超过规定{limit}天" in over.flags
    assert over.absent_days == 0  # a flag for the leader, not 旷工


def test_r_att_2_counts_the_year_and_flags_the_month_with_that_leave() -> None:
    p = POLICIES["002"]
    recs = days_of(AttType.MARRIAGE, 2, month=10) + days_of(AttType.MARRIAGE, 2)
    assert not has(row(recs, p, "2026-10").flags, "R-ATT-2")
    assert "R-ATT-2: 2026年婚假累计4天，超过规定3天" in row(recs, p).flags
    assert not has(row(recs, p, "2026-12").flags, "R-ATT-2")  # no 婚假 in December
    off = dataclasses.replace(p, entitlement_days={**p.entitlement_days, "marriage": 0.0})
    assert not has(row(recs, off).flags, "R-ATT-2")


def test_r_att_2_marriage_leave_skips_the_statutory_holidays() -> None:
    """Issue #16 defect 6: 婚假不包括法定节假日 — 婚假 on a holiday of the calendar does
    not count against its 3 days; without the calendar every day counts."""
    p = POLICIES["002"]
    golden = {d(10, n) for n in range(1, 8)}  # 国庆
    recs = [rec(x, AttType.MARRIAGE) for x in [d(9, 30), *sorted(golden), d(10, 8), d(10, 9)]]

    def one(hol: Iterable[date]) -> AgentMonth:
        s = summarize(recs, "2026-10", {"A1": "张三"}, p, hol)
        return next(a for a in s.agents if a.agent == "A1")

    assert not has(one(golden).flags, "R-ATT-2")  # 3 days: the entitlement itself
    assert one(golden).notes == ()
    assert "R-ATT-2: 2026年婚假累计10天，超过规定3天" in one(()).flags
    more = recs + [rec(d(10, 10), AttType.MARRIAGE)]  # a 调休 working day counts
    s = summarize(more, "2026-10", {"A1": "张三"}, p, golden)
    assert "R-ATT-2: 2026年婚假累计4天，超过规定3天" in s.agents[0].flags


@pytest.mark.parametrize(("t", "n", "words"), [
    # 婚假 over 3 but within 3 + 7: a late first marriage would allow it
    (AttType.MARRIAGE, 4, ("晚婚", "男满25周岁、女满23周岁", "出生日期", "婚史")),
    (AttType.MARRIAGE, 10, ("晚婚", "出生日期")),
    # 产假 over 90: +15 per extra baby
    (AttType.MATERNITY, 91, ("每多1个婴儿另加15天", "婴儿数")),
    # 丧假 3 days per death of a direct relative
    (AttType.BEREAVEMENT, 4, ("每位直系亲属", "去世亲属人数")),
    # 探亲假: only after a year's service and living apart; 10 / 7 / 20 by case
    (AttType.FAMILY_VISIT, 1, ("工作满一年", "分居", "入职日期", "居住情况")),
])
def test_r_att_2_says_which_facts_the_register_lacks(t: AttType, n: int,
                                                     words: tuple[str, ...]) -> None:
    """Issue #16: where R-ATT-2's entitlement depends on facts the register does not
    hold, the summary names them in a note (not a refusal, not a guess)."""
    recs = [rec(date(2026, 11, 30) - timedelta(days=i), t) for i in range(n)]
    [note] = row(recs, POLICIES["002"]).notes
    assert note.startswith("R-ATT-2: ")
    for w in words:
        assert w in note
    assert "notes" in row(recs, POLICIES["002"]).to_json()


@pytest.mark.parametrize(("t", "n"), [
    (AttType.MARRIAGE, 3), (AttType.MARRIAGE, 11),  # at the limit; past even 3 + 7
    (AttType.MATERNITY, 90), (AttType.BEREAVEMENT, 3), (AttType.SICK, 30),
])
def test_r_att_2_no_note_where_the_register_decides(t: AttType, n: int) -> None:
    recs = [rec(date(2026, 11, 30) - timedelta(days=i), t) for i in range(n)]
    assert row(recs, POLICIES["002"]).notes == ()


@pytest.mark.parametrize(("month", "due"), [
    ("2026-11", date(2026, 11, 30)), ("2026-12", date(2026, 12, 30)),
    ("2026-02", date(2026, 2, 28)), ("2028-02", date(2028, 2, 29)),
])
def test_r_att_6_the_summary_is_due_the_30th_or_februarys_last_day(month: str,
                                                                   due: date) -> None:
    s = summarize([], month, {"A1": "张三"}, POLICIES["002"])
    assert s.due == due and s.to_json()["due"] == due.isoformat()
    assert s.unconfirmed_days is None and not s.confirmed  # the database counts them


# ---- R-ATT-3: three lates a month, or more than 2 hours late --------------------------


@pytest.mark.parametrize(("name", "minutes", "absent"), [
    # count: 2 → nothing, 3 → half a day (002)
    ("002", [5, 5], 0.0), ("002", [5, 5, 5], 0.5), ("002", [5, 5, 5, 5], 0.5),
    # total: 120 → nothing, 121 → half a day
    ("002", [60, 60], 0.0), ("002", [60, 61], 0.5), ("002", [119], 0.0), ("002", [121], 0.5),
    # both conditions: still half a day, once a month
    ("002", [50, 50, 50], 0.5),
    # 000: no monthly late rule
    ("000", [5, 5, 5], 0.0), ("000", [60, 61], 0.0), ("000", [50, 50, 50, 50], 0.0),
    # 001: three incidents = 1 day; no minute total (but every incident is charged 事假)
    ("001", [5, 5], 0.0), ("001", [5, 5, 5], 1.0), ("001", [40, 40], 0.0),
])
def test_r_att_3_monthly_lates(name: str, minutes: list[int], absent: float) -> None:
    r = row(lates(minutes), POLICIES[name])
    assert r.late_count == len(minutes)
    assert r.late_min == sum(minutes)
    assert r.absent_days == absent
    assert has(r.flags, "R-ATT-3: 本月") == (absent > 0)


def test_r_att_3_flag_names_the_count_and_the_total() -> None:
    p = POLICIES["002"]
    assert "R-ATT-3: 本月迟到3次，计旷工0.5天" in row(lates([5, 5, 5]), p).flags
    assert ("R-ATT-3: 本月迟到累计121分钟，超过120分钟，计旷工0.5天"
            in row(lates([60, 61]), p).flags)
    both = [f for f in row(lates([50, 50, 50]), p).flags if f.startswith("R-ATT-3")]
    assert both == ["R-ATT-3: 本月迟到3次；本月迟到累计150分钟，超过120分钟，计旷工0.5天"]


@pytest.mark.parametrize(("name", "late_days", "early_days", "absent"), [
    ("001", 2, 0, 0.0), ("001", 2, 1, 1.0), ("001", 0, 3, 1.0), ("001", 1, 1, 0.0),
    ("002", 2, 1, 0.0),  # 002 counts lates only
])
def test_r_att_3_lates_or_early_leaves_under_001(name: str, late_days: int, early_days: int,
                                                  absent: float) -> None:
    recs = lates([10] * late_days) + lates([10] * early_days, first=20, kind="early")
    assert row(recs, POLICIES[name]).absent_days == absent


def test_r_att_3_with_include_early_a_late_and_early_day_counts_once_per_kind() -> None:
    """Decision: a day both late and early is two incidents for 001's "三次"."""
    p = POLICIES["001"]
    r = row([rec(d(11, 2), late=10, early=10), rec(d(11, 3), late=10)], p)
    assert r.absent_days == 1.0
    assert "R-ATT-3: 本月迟到早退3次，计旷工1天" in r.flags
    # the charge for that day is 0.5 + 0.5 (both up to 30 min)
    assert r.charged == {"personal": 1.5}


# ---- R-ATT-4: early leaves adding up to 3 hours ---------------------------------------


@pytest.mark.parametrize(("name", "minutes", "absent"), [
    ("002", [90, 89], 0.0), ("002", [90, 90], 0.5), ("002", [90, 91], 0.5),
    ("002", [60, 60, 60, 60], 0.5),
    ("000", [90, 90], 0.0), ("000", [100, 100], 0.0),
    # 001: no minute total; three early incidents = 1 day by its R-ATT-3 form
    ("001", [60, 60, 60], 1.0), ("001", [50, 50], 0.0),
])
def test_r_att_4_early_minutes(name: str, minutes: list[int], absent: float) -> None:
    r = row(lates(minutes, kind="early"), POLICIES[name])
    assert r.early_min == sum(minutes)
    assert r.late_count == 0
    assert r.absent_days == absent
    assert has(r.flags, "R-ATT-4: 本月早退累计") == (name == "002" and absent > 0)


def test_r_att_3_and_r_att_4_add_up() -> None:
    r = row(lates([5, 5, 5]) + lates([180], first=20, kind="early"), POLICIES["002"])
    assert r.absent_days == 1.0
    assert "R-ATT-4: 本月早退累计180分钟，满180分钟，计旷工0.5天" in r.flags


# ---- R-ATT-5: two days of 旷工 in a calendar year --------------------------------------


def test_r_att_5_flags_two_days_including_derived_half_days() -> None:
    p = POLICIES["002"]
    jan = lates([5, 5, 5], month=1)  # 0.5 derived
    mar = [rec(d(3, 10), AttType.ABSENT)]  # 1 recorded
    nov = [rec(d(11, 5))]
    r = row(jan + mar + nov, p)
    assert r.absent_days == 0  # none in November itself
    assert not has(r.flags, "R-ATT-5")  # 1.5 days
    feb = lates([60, 61], month=2)  # another 0.5 derived
    r = row(jan + feb + mar + nov, p)
    assert "R-ATT-5: 2026年旷工累计2天，提示解除劳动合同" in r.flags
    # the month the second day is reached is flagged too; before it, not
    assert has(row(jan + feb + mar, p, "2026-03").flags, "R-ATT-5")
    assert not has(row(jan + feb + mar, p, "2026-02").flags, "R-ATT-5")
    # last year's 旷工 does not count
    old = [rec(d(12, 1, 2025), AttType.ABSENT), rec(d(12, 2, 2025), AttType.ABSENT)]
    assert not has(row(old + nov, p).flags, "R-ATT-5")


@pytest.mark.parametrize(("name", "absent_days", "flagged"), [
    ("002", 1, False), ("002", 2, True), ("002", 3, True),
    ("001", 1, False), ("001", 2, True),
    ("000", 5, False),  # off
])
def test_r_att_5_thresholds(name: str, absent_days: int, flagged: bool) -> None:
    r = row(days_of(AttType.ABSENT, absent_days, month=11), POLICIES[name])
    assert r.days["absent"] == absent_days
    assert r.absent_days == absent_days
    assert has(r.flags, "R-ATT-5") == flagged


def test_r_att_5_counts_r_att_1_excess_and_converted_incidents() -> None:
    p = dataclasses.replace(POLICIES["001"], personal_days_per_year=15.0)
    recs = days_of(AttType.PERSONAL, 16, month=3) + lates([61])  # 1 + 1 converted
    r = row(recs, p)
    assert r.absent_days == 1
    assert "R-ATT-5: 2026年旷工累计2天，提示解除劳动合同" in r.flags


# ---- 001: per-incident 事假, more than an hour = 旷工 -----------------------------------


@pytest.mark.parametrize("kind", ["late", "early"])
@pytest.mark.parametrize(("minutes", "charged", "absent"), [
    (1, 0.5, 0.0), (29, 0.5, 0.0), (30, 0.5, 0.0), (31, 1.0, 0.0),
    (59, 1.0, 0.0), (60, 1.0, 0.0), (61, 0.0, 1.0), (240, 0.0, 1.0),
])
def test_001_incident_steps(kind: str, minutes: int, charged: float, absent: float) -> None:
    r = row(lates([minutes], kind=kind), POLICIES["001"])
    assert r.charged == ({"personal": charged} if charged else {})
    assert r.absent_days == absent
    rule = "R-ATT-3" if kind == "late" else "R-ATT-4"
    what = "迟到" if kind == "late" else "早退"
    if charged:
        assert f"{rule}: 2026-11-02 {what}{minutes}分钟，计事假{charged:g}天" in r.flags
    else:
        assert f"{rule}: 2026-11-02 {what}{minutes}分钟，超过60分钟计旷工1天" in r.flags


@pytest.mark.parametrize("name", ["002", "000"])
def test_no_incident_charges_outside_001(name: str) -> None:
    r = row(lates([61, 30]), POLICIES[name])
    assert r.charged == {}
    assert not any("计事假" in f or "计旷工1天" in f for f in r.flags)


def test_001_a_day_is_charged_at_most_one_day() -> None:
    p = POLICIES["001"]
    assert row([rec(d(11, 2), late=20, early=20)], p).charged == {"personal": 1.0}
    assert row([rec(d(11, 2), late=40, early=40)], p).charged == {"personal": 1.0}
    assert row([rec(d(11, 2), late=40, early=61)], p).absent_days == 1.0


def test_001_a_day_of_旷工_is_not_also_a_late() -> None:
    """Decision: the incident converted to 旷工 leaves R-ATT-3's count (no double)."""
    r = row(lates([10, 10, 61]), POLICIES["001"])
    assert r.absent_days == 1.0  # the converted day, no 三次 penalty on top
    assert r.charged == {"personal": 1.0}
    assert r.late_count == 3  # the row still shows the register's lates
    assert not has(r.flags, "R-ATT-3: 本月")


def test_late_minutes_count_on_working_days_only() -> None:
    odd = AttendanceRecord(d(11, 2), "A1", AttType.SICK, late_min=200)
    r = row([odd], POLICIES["002"])
    assert (r.late_count, r.late_min, r.absent_days) == (0, 0, 0)


# ---- the daily checks (000 第四篇) -------------------------------------------------------


def one_day(late: int = 0, leave: int = 0) -> list[AttendanceRecord]:
    out = [rec(d(11, 3), late=5, agent=f"L{i}") for i in range(late)]
    out += [rec(d(11, 3), AttType.SICK, agent=f"S{i}") for i in range(leave)]
    return out + [rec(d(11, 3), agent="P0")]


@pytest.mark.parametrize(("name", "late", "leave", "expected"), [
    ("000", 2, 0, []), ("000", 3, 0, ["迟到3人，超过2人"]),
    ("000", 0, 3, []), ("000", 0, 4, ["请假4人，超过3人"]),
    ("000", 3, 4, ["迟到3人，超过2人", "请假4人，超过3人"]),
    ("002", 2, 3, []), ("002", 3, 4, ["迟到3人，超过2人", "请假4人，超过3人"]),
    ("001", 5, 1, []), ("001", 0, 2, ["请假2人，超过1人"]),
])
def test_daily_checks(name: str, late: int, leave: int, expected: list[str]) -> None:
    p = POLICIES[name]
    assert day_checks(one_day(late, leave), p) == expected
    s = summarize(one_day(late, leave), "2026-11", {}, p)
    assert list(s.day_flags) == [f"2026-11-03: {m}" for m in expected]


def test_daily_checks_count_people_once_and_refuse_mixed_days() -> None:
    p = POLICIES["000"]
    again = [rec(d(11, 3), late=5, agent="L0")] * 3  # one person, three entries
    assert day_checks(again + one_day(2), p) == []
    with pytest.raises(ValueError):
        day_checks([rec(d(11, 3)), rec(d(11, 4))], p)


# ---- the summary as a whole -------------------------------------------------------------


def test_summary_rows_every_agent_sorted_with_every_type() -> None:
    recs = [rec(d(11, 2), AttType.SICK, agent="B2"), rec(d(11, 2), late=5, agent="Z9"),
            rec(d(10, 2), AttType.ABSENT, agent="Y8"),  # another month only: no row
            rec(d(12, 1), AttType.ABSENT, agent="B2")]  # after the month: ignored
    s = summarize(recs, "2026-11", {"C3": "王五", "B2": "李四"}, POLICIES["002"])
    assert [(a.agent, a.name) for a in s.agents] == [("B2", "李四"), ("C3", "王五"),
                                                     ("Z9", "")]
    assert s.policy == "seed-002" and s.month == "2026-11"
    assert set(s.agents[0].days) == set(TYPE_CODES)
    assert s.agents[0].days["sick"] == 1 and s.agents[0].absent_days == 0
    assert s.agents[1].days == {c: 0.0 for c in TYPE_CODES}
    assert s.agents[2].late_count == 1 and s.agents[2].late_min == 5
    js = s.to_json()
    assert js["policy"] == "seed-002" and js["agents"][2]["name"] == ""
    assert summarize([], "2026-11", {}, POLICIES["001"]).policy == "seed-001"


def test_a_later_record_for_the_same_day_replaces_the_earlier() -> None:
    r = row([rec(d(11, 2), AttType.ABSENT), rec(d(11, 2), AttType.SICK)], POLICIES["002"])
    assert r.days["absent"] == 0 and r.days["sick"] == 1 and r.absent_days == 0


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "26-11", ""])
def test_summary_refuses_a_bad_month(month: str) -> None:
    with pytest.raises(ValueError):
        summarize([], month, {}, POLICIES["002"])


# ---- prefill from platform logins ------------------------------------------------------


def at(day: int, h: int, m: int = 0, s: int = 0) -> datetime:
    return datetime(2026, 11, day, h, m, s, tzinfo=CST)


@pytest.mark.parametrize(("login", "late"), [
    (at(2, 8, 44), 0), (at(2, 8, 45), 0), (at(2, 8, 45, 59), 0), (at(2, 8, 46), 1),
    (at(2, 9, 46), 61),
])
def test_prefill_001_login_deadline(login: datetime, late: int) -> None:
    """001 坐席管理制度: login by 08:45 (the roster's shift may start earlier)."""
    r = prefill("A1", d(11, 2), at(2, 8, 30), at(2, 17, 30), [(login, at(2, 17, 30))],
                POLICIES["001"])
    assert r.late_min == late
    assert r.type == (LE if late else P)


@pytest.mark.parametrize(("logout", "early"), [
    (at(2, 17, 30), 0), (at(2, 17, 29), 1), (at(2, 18, 0), 0), (at(2, 16, 29, 30), 60),
])
def test_prefill_001_logout_from(logout: datetime, early: int) -> None:
    r = prefill("A1", d(11, 2), at(2, 8, 30), at(2, 18, 0), [(at(2, 8, 40), logout)],
                POLICIES["001"])
    assert r.early_min == early


def test_prefill_default_measures_from_the_shift() -> None:
    r = prefill("A1", d(11, 2), at(2, 8), at(2, 20), [(at(2, 8, 1), at(2, 19, 58))],
                POLICIES["002"])
    assert (r.type, r.late_min, r.early_min) == (LE, 1, 2)
    r = prefill("A1", d(11, 2), at(2, 8), at(2, 20), [(at(2, 7, 50), at(2, 20, 5))],
                POLICIES["002"])
    assert (r.type, r.late_min, r.early_min) == (P, 0, 0)


def test_prefill_night_shift_counts_on_its_start_date() -> None:
    r = prefill("A1", d(11, 2), at(2, 20), at(3, 8), [(at(2, 20, 5), at(3, 7, 50))],
                POLICIES["002"])
    assert r.day == d(11, 2)
    assert (r.type, r.late_min, r.early_min) == (LE, 5, 10)


def test_prefill_still_logged_in_is_not_early() -> None:
    sessions: list[tuple[datetime, datetime | None]] = [(at(2, 8), at(2, 12)),
                                                        (at(2, 13), None)]
    r = prefill("A1", d(11, 2), at(2, 8), at(2, 20), sessions, POLICIES["002"])
    assert (r.type, r.late_min, r.early_min) == (P, 0, 0)


def test_prefill_uses_first_login_and_last_logout() -> None:
    sessions: list[tuple[datetime, datetime | None]] = [
        (at(2, 13), at(2, 19, 30)), (at(2, 8, 10), at(2, 12)),
        (at(1, 20), at(2, 7)),  # yesterday's night shift: outside, ignored
    ]
    r = prefill("A1", d(11, 2), at(2, 8), at(2, 20), sessions, POLICIES["002"])
    assert (r.late_min, r.early_min) == (10, 30)


@pytest.mark.parametrize(("leave", "expected"), [
    (None, AttType.ABSENT), (AttType.SICK, AttType.SICK), (AttType.PERSONAL, AttType.PERSONAL),
    (AttType.FAMILY_VISIT, AttType.FAMILY_VISIT),
])
def test_prefill_without_login(leave: AttType | None, expected: AttType) -> None:
    outside: list[tuple[datetime, datetime | None]] = [(at(1, 8), at(1, 20))]
    r = prefill("A1", d(11, 2), at(2, 8), at(2, 20), outside, POLICIES["002"], leave=leave)
    assert r == AttendanceRecord(d(11, 2), "A1", expected)


def test_prefill_logged_in_despite_leave_notes_it() -> None:
    r = prefill("A1", d(11, 2), at(2, 8), at(2, 20), [(at(2, 8), None)], POLICIES["002"],
                leave=AttType.SICK)
    assert r.type == P and "病假" in r.note


# ---- the suggestion as seen during the day (issue #12: the register at night) -----------

GRACE = timedelta(minutes=5)


def seen_at(now: datetime, sessions: list[tuple[datetime, datetime | None]],
            name: str = "002", start: datetime | None = None, end: datetime | None = None,
            leave: AttType | None = None) -> tuple[AttendanceRecord, Settle]:
    start, end = start or at(2, 8), end or at(2, 20)
    return suggest("A1", d(11, 2), start, end, sessions, POLICIES[name], leave, CST,
                   now=now, grace=GRACE)


@pytest.mark.parametrize(("now", "kind", "settle"), [
    (at(2, 1, 48), P, Settle.NOT_DUE),          # the night before: nothing proposed
    (at(2, 8, 4, 59), P, Settle.NOT_DUE),       # inside start + grace
    (at(2, 8, 5), AttType.ABSENT, Settle.IN_SHIFT),  # due: proposed, not settled
    (at(2, 19, 59), AttType.ABSENT, Settle.IN_SHIFT),
    (at(2, 20), AttType.ABSENT, Settle.SETTLED),  # the shift is over
])
def test_no_absence_before_start_plus_grace_and_settled_only_when_over(
        now: datetime, kind: AttType, settle: Settle) -> None:
    r, s = seen_at(now, [])
    assert (r.type, s) == (kind, settle)


def test_the_001_login_deadline_moves_the_due_time() -> None:
    # 001 坐席管理制度: login by 08:45, shift from 08:30 — 旷工 only from 08:50
    assert seen_at(at(2, 8, 49), [], "001", at(2, 8, 30), at(2, 17, 30))[1] is Settle.NOT_DUE
    assert seen_at(at(2, 8, 50), [], "001", at(2, 8, 30),
                   at(2, 17, 30))[0].type is AttType.ABSENT


def test_an_open_session_never_counts_for_a_shift_not_started() -> None:
    """At 01:48 a night agent still signed in since 20:01 last night: tonight's 夜班
    (20:00 today) is not due; last night's counts the session, late 1, settled."""
    last_night: list[tuple[datetime, datetime | None]] = [(at(1, 20, 1), None)]
    r, s = seen_at(at(2, 1, 48), last_night, start=at(2, 20), end=at(3, 8))
    assert (r.type, s) == (P, Settle.NOT_DUE)
    r, s = suggest("A1", d(11, 1), at(1, 20), at(2, 8), last_night, POLICIES["002"], None,
                   CST, now=at(2, 1, 48), grace=GRACE)
    assert (r.type, r.late_min, r.early_min, s) == (LE, 1, 0, Settle.SETTLED)
    # seen from after the shift (now None, as prefill does), it is the old reading
    assert prefill("A1", d(11, 2), at(2, 20), at(3, 8), last_night,
                   POLICIES["002"]).type is P


def test_signed_out_mid_shift_is_not_settled_until_the_end() -> None:
    ss: list[tuple[datetime, datetime | None]] = [(at(2, 8), at(2, 12))]
    r, s = seen_at(at(2, 12, 30), ss)
    assert (r.type, r.early_min, s) == (LE, 480, Settle.IN_SHIFT)
    assert seen_at(at(2, 20), ss)[1] is Settle.SETTLED


def test_approved_leave_is_settled_before_the_shift() -> None:
    r, s = seen_at(at(2, 1, 48), [], leave=AttType.SICK)
    assert (r.type, s) == (AttType.SICK, Settle.SETTLED)


def test_prefill_refuses_naive_times_and_non_leave() -> None:
    with pytest.raises(ValueError):
        prefill("A1", d(11, 2), datetime(2026, 11, 2, 8), at(2, 20), [], POLICIES["002"])
    with pytest.raises(ValueError):
        prefill("A1", d(11, 2), at(2, 8), at(2, 20), [], POLICIES["002"], leave=AttType.ABSENT)


# ---- leave approval -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "days", "roles"), [
    ("002", 1, ("department_head",)), ("002", 2, ("department_head", "director")),
    ("002", 3, ("department_head", "director")), ("002", 4, ("department_head", "director")),
    ("002", 0.5, ("department_head",)), ("002", 1.5, ("department_head", "director")),
    ("001", 1, ("shift_leader",)), ("001", 2, ("shift_leader",)),
    ("001", 3, ("shift_leader",)), ("001", 4, ("department_head",)),
    ("001", 3.5, ("department_head",)),
    ("000", 1, ("department_head",)), ("000", 4, ("department_head", "director")),
])
def test_approval_chain(name: str, days: float, roles: tuple[str, ...]) -> None:
    assert approval_roles(POLICIES[name], days) == roles


def test_approval_refuses_no_days() -> None:
    with pytest.raises(ValueError):
        approval_roles(POLICIES["002"], 0)


# ---- swaps ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "with_this_one", "refused"), [
    ("002", 1, False), ("002", 2, False), ("002", 3, True),
    ("001", 2, False), ("001", 3, True), ("000", 10, False),
])
def test_swap_count(name: str, with_this_one: int, refused: bool) -> None:
    """swaps_in_month counts the swap being asked for: the third of a month is refused."""
    problems = swap_problems("A1", [(at(2, 8), at(2, 20))], with_this_one, POLICIES[name])
    assert bool(problems) == refused
    if refused:
        assert problems == ["A1 本月换班将达3次，超过2次"]


@pytest.mark.parametrize(("shifts", "problem"), [
    ([(at(2, 8), at(2, 20)), (at(2, 20), at(3, 8))], True),  # day then night: touch
    ([(at(3, 8), at(3, 20)), (at(2, 20), at(3, 8))], True),  # night then day, any order
    ([(at(2, 8), at(2, 20)), (at(2, 19), at(3, 7))], True),  # overlap
    ([(at(2, 8), at(2, 20)), (at(2, 20, 1), at(3, 8))], False),  # a minute apart
    ([(at(2, 8), at(2, 20)), (at(3, 8), at(3, 20))], False),  # 12 hours' rest
    ([(at(2, 8), at(3, 8)), (at(2, 10), at(2, 12)), (at(2, 14), at(2, 16))], True),
])
def test_swap_back_to_back(shifts: list[tuple[datetime, datetime]], problem: bool) -> None:
    for name in ("002", "001"):
        probs = swap_problems("A1", shifts, 1, POLICIES[name])
        assert bool(probs) == problem
        assert all(p.startswith("A1 换班后连续上班：") for p in probs)
    assert swap_problems("A1", shifts, 1, POLICIES["000"]) == []


def test_swap_message_shows_local_times() -> None:
    probs = swap_problems("A1", [(at(2, 8), at(2, 20)), (at(2, 20), at(3, 8))], 1,
                          POLICIES["002"])
    assert probs == ["A1 换班后连续上班：11-02 08:00–11-02 20:00 与 11-02 20:00–11-03 08:00"]


# ---- the policy table -----------------------------------------------------------------


def test_default_is_seed_002() -> None:
    a = Policy().attendance
    assert a == AttendancePolicy() == POLICIES["002"]
    assert a.name == "seed-002"
    assert (a.login_deadline, a.logout_from) == (None, None)
    assert a.personal_days_per_year == 15  # R-ATT-1
    assert (a.late.count, a.late.total_min_over, a.late.absent_days) == (3, 120, 0.5)  # R-ATT-3
    assert (a.early.total_min, a.early.absent_days) == (180, 0.5)  # R-ATT-4
    assert a.absent_days_flag_per_year == 2  # R-ATT-5
    assert dict(a.entitlement_days) == {"marriage": 3, "maternity": 90, "bereavement": 3,
                                        "family_visit": 20}  # R-ATT-2
    assert (a.daily_max_late, a.daily_max_leave) == (2, 3)
    assert a.incident == () and a.incident_absent_over_min == 0
    assert a.approval == (ApprovalStep(1, ("department_head",)),
                          ApprovalStep(0, ("department_head", "director")))
    assert (a.swaps.max_per_month, a.swaps.no_back_to_back) == (2, True)


def test_001_file() -> None:
    a = POLICIES["001"]
    assert a.name == "seed-001"
    assert (a.login_deadline, a.logout_from) == (time(8, 45), time(17, 30))
    assert a.incident == (IncidentStep(30, 0.5), IncidentStep(0, 1.0))
    assert a.incident_absent_over_min == 60
    assert (a.late.count, a.late.total_min_over, a.late.absent_days, a.late.include_early) \
        == (3, 0, 1.0, True)
    assert a.approval == (ApprovalStep(3, ("shift_leader",)),
                          ApprovalStep(0, ("department_head",)))


@pytest.mark.parametrize(("name", "changed"), [
    ("001", {"attendance.name", "attendance.login_deadline", "attendance.logout_from",
             "attendance.personal_days_per_year", "attendance.daily_max_late",
             "attendance.daily_max_leave",
             "attendance.incident_absent_over_min", "attendance.late.total_min_over",
             "attendance.late.absent_days", "attendance.late.include_early",
             "attendance.early.total_min", "attendance.incident", "attendance.approval",
             # issue #16: 第2、3条, two days of leave a month, one person a shift
             "attendance.leave_days_per_month", "attendance.leave_per_shift"}),
    ("000", {"attendance.name", "attendance.personal_days_per_year",
             "attendance.absent_days_flag_per_year", "attendance.late.count",
             "attendance.late.total_min_over", "attendance.early.total_min",
             "attendance.swaps.max_per_month", "attendance.swaps.no_back_to_back"}),
])
def test_example_files_differ_from_the_default_only_in_attendance(
        name: str, changed: set[str]) -> None:
    p = pol.parse_toml(policy_file(name), f"attendance-{name}.toml")
    doc = tomllib.loads(policy_file(name))
    assert set(doc) == {"attendance"}
    lines = pol.diff(Policy().to_dict(), p.to_dict())
    assert {ln.split()[1].rstrip(":") for ln in lines} == changed
    assert dataclasses.replace(p, attendance=AttendancePolicy()) == Policy()


@pytest.mark.parametrize("name", ["002", "001", "000"])
def test_round_trips(name: str) -> None:
    p = Policy(attendance=POLICIES[name])
    assert Policy.from_dict(p.to_dict()) == p
    assert pol.parse_toml(to_toml(p.to_dict())) == p
    assert AttendancePolicy.from_dict(POLICIES[name].to_dict()) == POLICIES[name]


def test_a_document_without_attendance_gets_the_default() -> None:
    doc = Policy().to_dict()
    del doc["attendance"]
    assert Policy.from_dict(doc).attendance == AttendancePolicy()
    assert pol.parse_toml("[attendance]\n").attendance == AttendancePolicy()


def test_a_partial_table_keeps_the_other_defaults() -> None:
    a = pol.parse_toml("[attendance.late]\ncount = 4\n").attendance
    assert a == dataclasses.replace(AttendancePolicy(),
                                    late=dataclasses.replace(AttendancePolicy().late, count=4))


def refused(text: str) -> PolicyError:
    with pytest.raises(PolicyError) as ei:
        pol.parse_toml(text, "test.toml")
    return ei.value


@pytest.mark.parametrize(("text", "key"), [
    ("attendance = 5", "attendance"),
    ("[attendance]\nfoo = 1", "attendance.foo"),
    ("[attendance]\nname = ''", "attendance.name"),
    ("[attendance]\nname = 3", "attendance.name"),
    ("[attendance]\nlogin_deadline = '8:45'", "attendance.login_deadline"),
    ("[attendance]\nlogin_deadline = '25:00'", "attendance.login_deadline"),
    ("[attendance]\nlogin_deadline = 845", "attendance.login_deadline"),
    ("[attendance]\nlogout_from = '17:30:00'", "attendance.logout_from"),
    ("[attendance]\npersonal_days_per_year = -1", "attendance.personal_days_per_year"),
    ("[attendance]\npersonal_days_per_year = '15'", "attendance.personal_days_per_year"),
    ("[attendance]\nabsent_days_flag_per_year = true", "attendance.absent_days_flag_per_year"),
    ("[attendance]\ndaily_max_late = 1.5", "attendance.daily_max_late"),
    ("[attendance]\ndaily_max_leave = -1", "attendance.daily_max_leave"),
    ("[attendance]\nincident_absent_over_min = 60.5", "attendance.incident_absent_over_min"),
    ("[attendance]\nlate = 3", "attendance.late"),
    ("[attendance.late]\ncounts = 3", "attendance.late.counts"),
    ("[attendance.late]\ncount = -1", "attendance.late.count"),
    ("[attendance.late]\ncount = 2.5", "attendance.late.count"),
    ("[attendance.late]\ncount = true", "attendance.late.count"),
    ("[attendance.late]\ntotal_min_over = '2h'", "attendance.late.total_min_over"),
    ("[attendance.late]\nabsent_days = 0", "attendance.late.absent_days"),
    ("[attendance.late]\ninclude_early = 'yes'", "attendance.late.include_early"),
    ("[attendance.early]\ntotal_min = '3h'", "attendance.early.total_min"),
    ("[attendance.early]\nabsent_days = -0.5", "attendance.early.absent_days"),
    ("[attendance.early]\nminutes = 3", "attendance.early.minutes"),
    ("[attendance]\nincident = 5", "attendance.incident"),
    ("[attendance]\nincident = [1]", "attendance.incident[0]"),
    ("[[attendance.incident]]\nup_to_min = 30", "attendance.incident[0].personal_days"),
    ("[[attendance.incident]]\npersonal_days = 1", "attendance.incident[0].up_to_min"),
    ("[[attendance.incident]]\nup_to_min = 30\npersonal_days = 0",
     "attendance.incident[0].personal_days"),
    ("[[attendance.incident]]\nup_to_min = 30\npersonal_days = 1\nmax = 2",
     "attendance.incident[0].max"),
    ("[[attendance.incident]]\nup_to_min = 0\npersonal_days = 1\n"
     "[[attendance.incident]]\nup_to_min = 30\npersonal_days = 0.5",
     "attendance.incident[0].up_to_min"),
    ("[[attendance.incident]]\nup_to_min = 30\npersonal_days = 0.5\n"
     "[[attendance.incident]]\nup_to_min = 30\npersonal_days = 1",
     "attendance.incident[1].up_to_min"),
    ("[attendance.entitlement_days]\nannual = 5", "attendance.entitlement_days.annual"),
    ("[attendance.entitlement_days]\nmarriage = -3", "attendance.entitlement_days.marriage"),
    ("[attendance.entitlement_days]\nmaternity = '90'", "attendance.entitlement_days.maternity"),
    ("[attendance]\napproval = []", "attendance.approval"),
    # issue #16: 001's leave limits
    ("[attendance]\nleave_days_per_month = -2", "attendance.leave_days_per_month"),
    ("[attendance]\nleave_days_per_month = '2'", "attendance.leave_days_per_month"),
    ("[attendance]\nleave_per_shift = 1.5", "attendance.leave_per_shift"),
    ("[attendance]\nleave_per_shift = -1", "attendance.leave_per_shift"),
    ("[[attendance.approval]]\nmax_days = 0\nroles = ['boss']", "attendance.approval[0].roles"),
    ("[[attendance.approval]]\nmax_days = 0\nroles = ['wallboard']",
     "attendance.approval[0].roles"),
    ("[[attendance.approval]]\nmax_days = 0\nroles = []", "attendance.approval[0].roles"),
    ("[[attendance.approval]]\nmax_days = 0\nroles = 'director'", "attendance.approval[0].roles"),
    ("[[attendance.approval]]\nmax_days = 0\nroles = ['director', 'director']",
     "attendance.approval[0].roles"),
    ("[[attendance.approval]]\nroles = ['director']", "attendance.approval[0].max_days"),
    ("[[attendance.approval]]\nmax_days = 0", "attendance.approval[0].roles"),
    ("[[attendance.approval]]\nmax_days = -1\nroles = ['director']",
     "attendance.approval[0].max_days"),
    ("[[attendance.approval]]\nmax_days = 3\nroles = ['shift_leader']",
     "attendance.approval[0].max_days"),
    ("[[attendance.approval]]\nmax_days = 3\nroles = ['shift_leader']\n"
     "[[attendance.approval]]\nmax_days = 2\nroles = ['director']",
     "attendance.approval[1].max_days"),
    ("[[attendance.approval]]\nmax_days = 0\nroles = ['shift_leader']\n"
     "[[attendance.approval]]\nmax_days = 0\nroles = ['director']",
     "attendance.approval[0].max_days"),
    ("[attendance.swaps]\nmax_per_month = -1", "attendance.swaps.max_per_month"),
    ("[attendance.swaps]\nno_back_to_back = 1", "attendance.swaps.no_back_to_back"),
    ("[attendance.swaps]\nmax = 2", "attendance.swaps.max"),
])
def test_bad_values_are_named_by_their_dotted_key(text: str, key: str) -> None:
    e = refused(text)
    assert e.key == key, str(e)
    assert e.reason
