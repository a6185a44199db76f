"""Issue #18 "Done when": a month of simulated floor with attendance, meetings and QA
imports produces the assessment sheet whose every number this file recomputes from
the seed formulas (DOMAIN §8, R-ASSESS-1…4 for policy 000 and the 12333 alternative,
policy 002), with a few rows also checked against values worked out by hand.

The month is November 2026 on a floor of 10 agents (8 on 白班, 2 on 夜班), simulated
by ``console.simulate.run_simulation`` — what ``seatwatch simulate --roster`` runs —
with the default daily profile at 12 calls an hour at the peak, from the night shift
of 31 October 20:00 to 1 December 08:00 (so the month's edges, in the floor's time
zone, cut calls off on both sides). Then, as a leader would: the attendance register
saved line by line (late, early, a sick day), a morning meeting minuted every day
(absentees, one excused by the sick day, one late who is thereby late for the day,
R-MEET-3), a QA score sheet imported (4 scored calls per agent, 2 for one), and
deductions, bonuses and leaders' scores recorded by hand. Building it takes about
10 s on SQLite and 30 s on PostgreSQL on this 2-core machine (measured: the whole
file runs in under 50 s), once per database; each policy (000, 002) then works on
its own copy of that database, so neither sees the other's register.

The recomputation below is plain arithmetic on what the test itself wrote (and a
count of ``call_record`` in SQL), never a call into models/domain/assessment.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import sqlalchemy as sa

from console.simulate import run_simulation
from models.db import assessment_db as adb
from models.db import attendance_db, meetings_db, qa_db, store
from models.db import engine as dbengine
from models.db.schema import AgentRow, CallRecordRow, GroupRow
from models.domain import assessment as asm
from models.domain.attendance import AttendanceRecord, AttType
from models.domain.meeting import MeetingPresence
from models.domain.qa import read_qa_file
from models.reports import assessment_xlsx
from models.sim.simulator import DEFAULT_PROFILE
from tests.helpers import seed_operators

TZ = ZoneInfo("Asia/Shanghai")
MONTH = "2026-11"
FIRST, LAST = date(2026, 11, 1), date(2026, 11, 30)
SIM_START = datetime(2026, 10, 31, 20, 0, tzinfo=TZ)
SIM_END = datetime(2026, 12, 1, 8, 0, tzinfo=TZ)
AGENTS = [str(1001 + i) for i in range(10)]
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=TZ)  # the leaders do the month's paperwork


def at(day: date, hh: int = 9, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), TZ)


# ---- what the leaders write during the month (the test's own record of it) ----------

#: the attendance register: (day, agent, type, late_min, early_min)
ATTENDANCE = [
    (date(2026, 11, 3), "1001", AttType.LATE_EARLY, 12, 0),
    (date(2026, 11, 4), "1003", AttType.LATE_EARLY, 8, 25),  # late AND early: twice
    (date(2026, 11, 9), "1004", AttType.SICK, 0, 0),
    (date(2026, 11, 17), "1007", AttType.LATE_EARLY, 0, 30),
    (date(2026, 11, 24), "1010", AttType.LATE_EARLY, 5, 0),
]
#: morning meetings that were not "everyone present": (day, shift) → {agent: presence}
MEETINGS: dict[tuple[date, str], dict[str, tuple[MeetingPresence, int]]] = {
    (date(2026, 11, 6), "白班"): {"1003": (MeetingPresence.ABSENT, 0)},
    (date(2026, 11, 9), "白班"): {"1004": (MeetingPresence.ABSENT, 0)},  # on sick leave
    (date(2026, 11, 13), "白班"): {"1008": (MeetingPresence.LATE, 10)},  # R-MEET-3
    (date(2026, 11, 19), "白班"): {"1002": (MeetingPresence.ABSENT, 0)},
    (date(2026, 11, 21), "夜班"): {"1009": (MeetingPresence.ABSENT, 0)},
}
#: what the floor proposes from those, as (agent, day, what): one per late arrival,
#: one per early departure (R-ASSESS-3 "每次"), one per unexcused absence
PROPOSED = [
    ("1001", date(2026, 11, 3), "late"), ("1003", date(2026, 11, 4), "late"),
    ("1003", date(2026, 11, 4), "early"), ("1003", date(2026, 11, 6), "meeting"),
    ("1008", date(2026, 11, 13), "late"), ("1007", date(2026, 11, 17), "early"),
    ("1002", date(2026, 11, 19), "meeting"), ("1009", date(2026, 11, 21), "meeting"),
    ("1010", date(2026, 11, 24), "late"),
]
#: QA scores per agent (百分制, whole points as the sheet is filled in); 1006 has only
#: two calls scored this month (fewer than the three 002 takes)
QA_CALLS = {a: (2 if a == "1006" else 4) for a in AGENTS}


def qa_total(k: int, j: int) -> float:
    """Whole points, and now and then a half (87.5: a half point taken off an item)."""
    return 72 + (7 * k + 11 * j) % 27 + (0.5 if (k + j) % 5 == 0 else 0)


#: entries recorded by hand: (agent, day, item, points) — points None: the item's fixed
HAND_000 = [
    ("1002", date(2026, 11, 10), "untidy_desk", None),
    ("1003", date(2026, 11, 12), "disobedience", -20.0),
    ("1003", date(2026, 11, 20), "improper_remarks", -30.0),
    ("1005", date(2026, 11, 5), "ticket_error", None),
    ("1005", date(2026, 11, 6), "ticket_error", None),
    ("1005", date(2026, 11, 7), "ticket_error", None),
    ("1009", date(2026, 11, 15), "delayed_dispatch", None),
]
HAND_002 = [
    ("1001", date(2026, 11, 8), "praise_banner", None),
    ("1001", date(2026, 11, 22), "praise_banner", None),
    ("1001", date(2026, 11, 25), "praise_letter", None),  # 23: capped at 20
    ("1002", date(2026, 11, 11), "suggestion", None),
    ("1002", date(2026, 11, 18), "praise_phone", None),
    ("1004", date(2026, 11, 14), "complaint", None),
    ("1004", date(2026, 11, 27), "complaint", None),
    ("1005", date(2026, 11, 2), "phone_on", None),
    ("1005", date(2026, 11, 16), "loud", None),
    ("1006", date(2026, 11, 30), "summary_missing", -3.0),
    ("1007", date(2026, 11, 30), "study_poor", -5.0),
]
#: the items' fixed points, as the seed texts print them (000 第二篇, 002 评分表)
FIXED = {"untidy_desk": -5, "ticket_error": -2, "delayed_dispatch": -10,
         "praise_banner": 10, "praise_letter": 3, "suggestion": 1, "praise_phone": 2,
         "complaint": -2, "phone_on": -1, "loud": -2}


def leader_scores(k: int) -> tuple[float, float]:
    """The shift leader's 政策水平 (of 35) and 服务规范 (of 30) for the k-th agent."""
    return 28 + (k % 4) * 1.5, 24 + (k % 3) * 2.5


# ---- the month --------------------------------------------------------------------------


@dataclass
class Month:
    url: str
    copy: Callable[[str], str]  # (suffix) -> the url of a fresh copy
    qa: dict[str, list[tuple[date, str, float]]] = field(default_factory=dict)


def _build(url: str, tmp: Path) -> dict[str, list[tuple[date, str, float]]]:
    e = dbengine.make_engine(url)
    try:
        run_simulation(e, agents=len(AGENTS), hours=(SIM_END - SIM_START).total_seconds() / 3600,
                       seed=18, start=SIM_START, arrivals_per_hour=12.0,
                       profile=DEFAULT_PROFILE, roster=True)
        seed_operators(e, [("A1", "管理员", ["admin"]), ("L1", "张班长", ["shift_leader"]),
                           ("H1", "王部长", ["department_head"]),
                           ("D1", "李主任", ["director"])], now=SIM_START)
        for day, agent, typ, late, early in ATTENDANCE:
            attendance_db.save_record(e, AttendanceRecord(day, agent, typ, late, early),
                                      by="L1", now=at(day, 21), expected_version=0)
        with e.connect() as c:
            policy = store.current_state(c).policy
        d = FIRST
        while d <= LAST:
            for shift in ("白班", "夜班"):
                marks = MEETINGS.get((d, shift))
                if shift == "夜班" and marks is None:
                    continue  # the night shift's meeting is minuted when it was not complete
                with e.connect() as c:
                    m = meetings_db.new_minutes(c, d, shift, "L1")
                assert len(m.attendees) == (8 if shift == "白班" else 2)
                m = replace(m, attendees=tuple(
                    replace(a, presence=marks[a.agent][0], late_min=marks[a.agent][1])
                    if marks and a.agent in marks else a for a in m.attendees))
                meetings_db.save_minutes(e, m, by="L1", now=at(d, 8 if shift == "白班" else 20, 20),
                                         policy=policy)
            d += timedelta(days=1)
        # the QA sheet: calls the agent answered in the month, spread over it
        lo, hi = at(FIRST, 0), at(LAST + timedelta(days=1), 0)
        qa: dict[str, list[tuple[date, str, float]]] = {}
        lines = ["日期,工号,通话编号,质检员,总分"]
        with e.connect() as c:
            for k, a in enumerate(AGENTS):
                ids = [(r.call_id, r.answered_at) for r in c.execute(
                    sa.select(CallRecordRow.call_id, CallRecordRow.answered_at).where(
                        CallRecordRow.agent_id == a, CallRecordRow.answered_at >= lo,
                        CallRecordRow.answered_at < hi).order_by(CallRecordRow.call_id))]
                step = len(ids) // QA_CALLS[a]
                for j in range(QA_CALLS[a]):
                    cid, ans = ids[j * step]
                    day = ans.astimezone(TZ).date()
                    qa.setdefault(a, []).append((day, cid, qa_total(k, j)))
                    lines.append(f"{day.isoformat()},{a},{cid},Q1,{qa_total(k, j):g}")
        path = tmp / "质检评分表.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        parsed = read_qa_file(path, known=qa_db.known_agents(e, "L1"))
        res = qa_db.import_scores(e, "L1", parsed, source=path.name, now=NOW)
        assert (res.added, res.linked, len(res.warnings)) == (sum(QA_CALLS.values()),) * 2 + (0,)
        return qa
    finally:
        e.dispose()


class Months:
    """ONE simulated November per database, built when a test first asks for it and
    kept for the module; each policy works on its own copy of it."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.built: dict[str, Month] = {}
        self.drops: list[str] = []

    def get(self, db: str, request: pytest.FixtureRequest) -> Month:
        if db not in self.built:
            self.built[db] = self._sqlite(request) if db == "sqlite" else self._pg(request)
        return self.built[db]

    def _sqlite(self, request: pytest.FixtureRequest) -> Month:
        tmpl: Path = request.getfixturevalue("sqlite_template")
        src = self.tmp / "floor.db"
        shutil.copy(tmpl, src)
        url = f"sqlite:///{src}"
        qa = _build(url, self.tmp)
        e = dbengine.make_engine(url)  # the copies must hold what the WAL still holds
        with e.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        e.dispose()

        def copy(suffix: str) -> str:
            dst = self.tmp / f"floor-{suffix}.db"
            shutil.copy(src, dst)
            return f"sqlite:///{dst}"
        return Month(url, copy, qa)

    def _pg(self, request: pytest.FixtureRequest) -> Month:
        from tests.conftest import pg_admin, sa_url

        tmpl_name: str = request.getfixturevalue("pg_template")
        name = f"sw_month_{os.getpid()}"
        with pg_admin() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            c.execute(f'CREATE DATABASE "{name}" TEMPLATE "{tmpl_name}"')
        self.drops.append(name)
        qa = _build(sa_url(name), self.tmp)

        def copy(suffix: str) -> str:
            dst = f"{name}_{suffix}"
            with pg_admin() as c:
                c.execute(f'DROP DATABASE IF EXISTS "{dst}" WITH (FORCE)')
                c.execute(f'CREATE DATABASE "{dst}" TEMPLATE "{name}"')
            self.drops.append(dst)
            return sa_url(dst)
        return Month(sa_url(name), copy, qa)

    def close(self) -> None:
        if self.drops:
            from tests.conftest import pg_admin

            with pg_admin() as c:
                for n in reversed(self.drops):
                    c.execute(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)')


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Months]:
    m = Months(tmp_path_factory.mktemp("month"))
    yield m
    m.close()


@dataclass
class Assessed:
    policy_id: str
    url: str
    sheet: adb.Sheet
    qa: dict[str, list[tuple[date, str, float]]]


@pytest.fixture(scope="module", params=[("sqlite", "000"), ("sqlite", "002"),
                                        ("postgresql", "000"), ("postgresql", "002")],
                ids=lambda p: "-".join(p))
def assessed(request: pytest.FixtureRequest, months: Months) -> Iterator[Assessed]:
    """The month under one policy: applied by the director, the floor's proposals
    confirmed and the hand entries recorded by the leader, the sheet drafted by the
    leader and confirmed by the department head."""
    db, pid = request.param
    month = months.get(db, request)
    url = month.copy(pid)
    e = dbengine.make_engine(url)
    try:
        adb.apply_policy(e, asm.shipped_text(f"assessment-{pid}.toml"), by="D1", now=NOW,
                         source=f"assessment-{pid}.toml")
        props = adb.propose(e, "L1", MONTH)
        assert sorted((p.agent, p.day) for p in props) == sorted(
            (agent, day) for agent, day, _what in PROPOSED)
        adb.confirm_proposals(e, [p.key for p in props], by="L1", now=NOW, month=MONTH)
        for agent, day, item, pts in (HAND_000 if pid == "000" else HAND_002):
            adb.record_entry(e, by="L1", now=NOW, agent=agent, day=day, item=item, points=pts)
        if pid == "002":
            for k, a in enumerate(AGENTS):
                pol, srv = leader_scores(k)
                adb.record_entry(e, by="L1", now=NOW, agent=a, day=LAST, item="policy",
                                 points=pol, kind="leader")
                adb.record_entry(e, by="L1", now=NOW, agent=a, day=LAST, item="service",
                                 points=srv, kind="leader")
        adb.draft(e, by="L1", month=MONTH, now=NOW + timedelta(hours=1))
        sheet = adb.confirm(e, by="H1", month=MONTH, now=NOW + timedelta(hours=2))
        yield Assessed(pid, url, sheet, month.qa)
    finally:
        e.dispose()


# ---- the recomputation (seed formulas as plain arithmetic) -------------------------------


def cents(x: Fraction | float | int) -> float:
    """Half up to the cent, as a person rounds (84.125 → 84.13)."""
    q = Fraction(x)
    return float((Decimal(q.numerator) / Decimal(q.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP))


def handled_from_call_records(url: str) -> tuple[dict[str, int], dict[str, tuple[str, str]]]:
    """Calls answered in November in the floor's time zone, counted in SQL; and each
    agent's name and group as the floor setup has them."""
    e = dbengine.make_engine(url)
    try:
        with e.connect() as c:
            # through the schema's column type, which stores instants as UTC on both
            # engines (a raw string comparison on SQLite would compare text)
            rows = c.execute(sa.select(CallRecordRow.agent_id, sa.func.count()).where(
                CallRecordRow.agent_id.is_not(None),
                CallRecordRow.answered_at >= at(FIRST, 0),
                CallRecordRow.answered_at < at(LAST + timedelta(days=1), 0))
                .group_by(CallRecordRow.agent_id)).all()
            everyone = {r.id: (r.name, r.group_id) for r in c.execute(
                sa.select(AgentRow.id, AgentRow.name, AgentRow.group_id))}
            groups = dict(c.execute(sa.select(GroupRow.id, GroupRow.name)).all())
    finally:
        e.dispose()
    out = {str(a): int(n) for a, n in rows}
    assert sorted(everyone) == AGENTS
    return {a: out.get(a, 0) for a in AGENTS}, {
        a: (n, groups.get(g, g or "")) for a, (n, g) in everyone.items()}


def proposed_points(pid: str) -> dict[str, list[tuple[date, float]]]:
    """000: late/early −5 each, missed meeting −5; 002: −1 and −1 (日常纪律)."""
    pts = -5.0 if pid == "000" else -1.0
    out: dict[str, list[tuple[date, float]]] = {a: [] for a in AGENTS}
    for agent, day, _what in PROPOSED:
        out[agent].append((day, pts))
    return out


def hand_points(pid: str, part_of: dict[str, str]) -> dict[str, dict[str, list[float]]]:
    """agent → part → the points recorded by hand on that part's items."""
    out: dict[str, dict[str, list[float]]] = {a: {} for a in AGENTS}
    for agent, _day, item, pts in (HAND_000 if pid == "000" else HAND_002):
        out[agent].setdefault(part_of[item], []).append(pts if pts is not None else FIXED[item])
    return out


@dataclass
class Expected:
    agent: str
    handled: int
    parts: dict[str, float]
    total: float
    average: float | None = None
    leader: dict[str, float] = field(default_factory=dict)
    calls: dict[str, list[Fraction]] = field(default_factory=dict)
    rank: int = 0
    reward: int = 0
    retrain: bool = False


PART_OF_000 = {"untidy_desk": "evaluation", "disobedience": "evaluation",
               "improper_remarks": "evaluation", "ticket_error": "evaluation",
               "delayed_dispatch": "evaluation"}
PART_OF_002 = {"praise_banner": "bonus", "praise_letter": "bonus", "suggestion": "bonus",
               "praise_phone": "bonus", "complaint": "complaints", "phone_on": "discipline",
               "loud": "discipline", "summary_missing": "summary", "study_poor": "study"}


def expected_sheet(a: Assessed) -> dict[str, Expected]:
    handled = handled_from_call_records(a.url)[0]
    prop = proposed_points(a.policy_id)
    out: dict[str, Expected] = {}
    if a.policy_id == "000":
        hand = hand_points("000", PART_OF_000)
        avg = Fraction(sum(handled.values()), len(handled))  # the floor's average
        for ag in AGENTS:
            n = handled[ag]
            # R-ASSESS-2: ≥10 % under the average −10, ≥20 % −20, ≥30 % the item is 0
            if n <= avg * Fraction(70, 100):
                system = 0
            elif n <= avg * Fraction(80, 100):
                system = 80
            elif n <= avg * Fraction(90, 100):
                system = 90
            else:
                system = 100
            # R-ASSESS-3: from 100, each deduction recorded (not under 0)
            evaluation = max(0.0, 100 + sum(p for _d, p in prop[ag])
                             + sum(hand[ag].get("evaluation", [])))
            # R-ASSESS-1: 50 % + 50 %
            total = cents(Fraction(system) / 2 + Fraction(evaluation) / 2)
            out[ag] = Expected(ag, n, {"system": system, "evaluation": evaluation}, total,
                               average=cents(avg))
    else:
        hand = hand_points("002", PART_OF_002)
        maxes = {"discipline": 15, "summary": 5, "study": 5, "complaints": 10}
        for k, ag in enumerate(AGENTS):
            parts: dict[str, float] = {}
            lead = dict(zip(("policy", "service"), leader_scores(k), strict=True))
            calls: dict[str, list[Fraction]] = {}
            for part, mx in (("policy", 35), ("service", 30)):
                # a QA total (of 100) on the part's scale, then leader × 40 % + mean × 60 %
                scaled = [Fraction(str(t)) * mx / 100 for _d, _c, t in a.qa[ag]]
                calls[part] = scaled
                mean = sum(scaled, Fraction(0)) / len(scaled)
                parts[part] = cents(Fraction(lead[part]) * Fraction(4, 10)
                                    + mean * Fraction(6, 10))
            for part, mx in maxes.items():
                pts = sum(hand[ag].get(part, []))
                if part == "discipline":
                    pts += sum(p for _d, p in prop[ag])
                parts[part] = max(0.0, mx + pts)
            parts["bonus"] = min(20.0, sum(hand[ag].get("bonus", [])))
            total = cents(sum((Fraction(v) for v in parts.values()), Fraction(0)))
            out[ag] = Expected(ag, handled[ag], parts, total, leader=lead, calls=calls)
    # R-ASSESS-4: rank by total, equal totals by calls handled, then shared (1, 1, 3)
    order = sorted(out.values(), key=lambda x: (-x.total, -x.handled, x.agent))
    rewards = [800, 500, 300] if a.policy_id == "000" else []
    for i, x in enumerate(order, start=1):
        prev = order[i - 2] if i > 1 else None
        x.rank = prev.rank if prev and (prev.total, prev.handled) == (x.total, x.handled) else i
        x.reward = rewards[x.rank - 1] if x.rank <= len(rewards) else 0
        x.retrain = a.policy_id == "000" and x.total < 70
    return out


# ---- the tests ----------------------------------------------------------------------------


def test_the_month_has_what_a_real_month_has(assessed: Assessed) -> None:
    """The fixture is a month worth assessing: every agent handled calls, volumes differ
    enough for R-ASSESS-2 to deduct, QA covers every agent (one short of three)."""
    handled = handled_from_call_records(assessed.url)[0]
    assert all(n > 100 for n in handled.values())
    assert [r.agent for r in assessed.sheet.rows if r.total is None] == []
    assert assessed.sheet.status == "confirmed" and assessed.sheet.confirmed_by == "H1"
    assert sorted(r.agent for r in assessed.sheet.rows) == AGENTS
    assert {a: len(v) for a, v in assessed.qa.items()} == QA_CALLS


def test_every_number_of_every_row_is_recomputed_from_the_seed_formulas(
        assessed: Assessed) -> None:
    exp = expected_sheet(assessed)
    rows = assessed.sheet.rows
    # the sheet is in rank order
    assert [r.agent for r in rows] == sorted(exp, key=lambda a: (exp[a].rank, a))
    prop = proposed_points(assessed.policy_id)
    names = handled_from_call_records(assessed.url)[1]
    for r in rows:
        x = exp[r.agent]
        assert (r.name, r.group) == names[r.agent]
        got = {p.part: p.score for p in r.parts}
        assert got == x.parts, r.agent
        if assessed.policy_id == "000":
            sysp = r.part("system")
            assert (sysp.volume, sysp.average, sysp.pool_size) == (x.handled, x.average, 10)
            ev = r.part("evaluation")
            # every deduction counted is one the leaders recorded or confirmed
            assert sorted(e.points for e in ev.entries) == sorted(
                [p for _d, p in prop[r.agent]]
                + [p if p is not None else FIXED[i] for ag, _d, i, p in HAND_000
                   if ag == r.agent])
        else:
            for part in ("policy", "service"):
                p = r.part(part)
                assert p.leader == x.leader[part]
                assert list(p.calls) == pytest.approx([float(c) for c in x.calls[part]],
                                                     abs=1e-9)
            assert ("few_calls" in r.flags) == (r.agent == "1006")
        assert r.total == x.total, r.agent
        assert (r.rank, r.reward_yuan) == (x.rank, x.reward), r.agent
        assert ("retrain" in r.flags) == x.retrain, r.agent
        assert ("praise" in r.flags) == (x.reward > 0), r.agent
    if assessed.policy_id == "000":
        # the month exercises what R-ASSESS-2/4 decide: a step taken, a rank told
        # apart by the calls handled, a reward of each size, and a 待岗培训
        assert {x.parts["system"] for x in exp.values()} - {100}
        assert sorted(x.reward for x in exp.values() if x.reward) == [300, 500, 800]
        assert any(x.retrain for x in exp.values())
        tops = [x for x in exp.values() if x.total == max(y.total for y in exp.values())]
        assert len(tops) > 1 and len({x.rank for x in tops}) == len(tops)


def test_rows_worked_out_by_hand(assessed: Assessed) -> None:
    """Three rows per policy with the arithmetic written out. The calls handled are
    the simulation's (seed 18, the same on both databases): 3008 answered in
    November by the ten agents, 256 of them by 1009 and 302 by 1003."""
    rows = {r.agent: r for r in assessed.sheet.rows}
    handled = handled_from_call_records(assessed.url)[0]
    assert sum(handled.values()) == 3008
    assert (handled["1009"], handled["1003"], handled["1008"], handled["1001"],
            handled["1007"], handled["1004"], handled["1006"]) == (256, 302, 335, 307, 302,
                                                                   313, 294)

    def line(agent: str) -> tuple[object, ...]:
        r = rows[agent]
        return (*(p.score for p in r.parts), r.total, r.rank, r.reward_yuan, r.flags)

    if assessed.policy_id == "000":
        # the average: 3008 / 10 = 300.8; × 90 % = 270.72, × 80 % = 240.64
        # 1009 (夜班): 240.64 < 256 ≤ 270.72 → 系统内考核 90 (−10, R-ASSESS-2);
        #   考评 100 − 10 (delayed dispatch, 15th) − 5 (absent from the 夜班 meeting
        #   of the 21st) = 85; total 90 × 50 % + 85 × 50 % = 45 + 42.5 = 87.5
        assert line("1009") == (90, 85, 87.5, 9, 0, ())
        assert rows["1009"].part("system").average == 300.8
        # 1003: 302 > 270.72 → 100; 考评 100 − 5 (late, 4th) − 5 (left early, 4th)
        #   − 5 (absent, 6th) − 20 (disobedience) − 30 (improper remarks) = 35;
        #   total 50 + 17.5 = 67.5 < 70 → 待岗培训, last
        assert line("1003") == (100, 35, 67.5, 10, 0, ("retrain",))
        # 1008: 100; 考评 100 − 5 (late to the meeting of the 13th, so late for the
        #   day, R-MEET-3) = 95; total 97.5, equal with 1001 (307 calls) and 1007
        #   (302); 1008 handled 335, the most → third, 300 yuan
        assert line("1008") == (100, 95, 97.5, 3, 300, ("praise",))
        assert (rows["1001"].rank, rows["1007"].rank) == (4, 5)
        # 1004 and 1006: nothing recorded (1004's absence from the meeting of the
        #   9th was on a sick day: excused) → 100 each; 313 > 294 calls → 1004 first
        assert line("1004") == (100, 100, 100, 1, 800, ("praise",))
        assert line("1006") == (100, 100, 100, 2, 500, ("praise",))
    else:
        # 1001: QA 72.5, 83, 94, 78 of 100.
        #   政策水平 (35): 25.375 + 29.05 + 32.9 + 27.3 = 114.625, mean 28.65625;
        #     28 × 40 % + 28.65625 × 60 % = 11.2 + 17.19375 = 28.39375 → 28.39
        #   服务规范 (30): 21.75 + 24.9 + 28.2 + 23.4 = 98.25, mean 24.5625;
        #     24 × 40 % + 24.5625 × 60 % = 9.6 + 14.7375 = 24.3375 → 24.34
        #   日常纪律 15 − 1 (late, 3rd) = 14; 总结 5; 学习 5; 投诉 10;
        #   附加 10 + 10 + 3 = 23, at most 20 → 20
        #   total 28.39 + 24.34 + 14 + 5 + 5 + 10 + 20 = 106.73, first
        assert line("1001") == (28.39, 24.34, 14, 5, 5, 10, 20, 106.73, 1, 0, ())
        # 1006: two calls scored (80.5 and 91): flagged, the mean is of the two.
        #   政策水平: (28.175 + 31.85) / 2 = 30.0125; 29.5 × 40 % + 30.0125 × 60 %
        #     = 11.8 + 18.0075 = 29.8075 → 29.81
        #   服务规范: (24.15 + 27.3) / 2 = 25.725; 29 × 40 % + 25.725 × 60 %
        #     = 11.6 + 15.435 = 27.035 → 27.04
        #   总结 5 − 3 = 2; total 29.81 + 27.04 + 15 + 2 + 5 + 10 + 0 = 88.85
        assert line("1006")[:8] == (29.81, 27.04, 15, 2, 5, 10, 0, 88.85)
        assert rows["1006"].flags == ("few_calls",)
        # 1004: QA 93, 77, 88.5, 72.
        #   政策水平: 32.55 + 26.95 + 30.975 + 25.2 = 115.675, mean 28.91875;
        #     32.5 × 40 % + 28.91875 × 60 % = 13 + 17.35125 = 30.35125 → 30.35
        #   服务规范: 27.9 + 23.1 + 26.55 + 21.6 = 99.15, mean 24.7875;
        #     24 × 40 % + 24.7875 × 60 % = 9.6 + 14.8725 = 24.4725 → 24.47
        #   日常纪律 15 (the meeting missed on a sick day is excused); 投诉 10 − 2 − 2
        #   = 6; total 30.35 + 24.47 + 15 + 5 + 5 + 6 + 0 = 85.82, last
        assert line("1004") == (30.35, 24.47, 15, 5, 5, 6, 0, 85.82, 10, 0, ())


def test_the_confirmed_sheet_exports_to_xlsx_cell_for_cell(assessed: Assessed,
                                                           tmp_path: Path) -> None:
    s = assessed.sheet
    out = tmp_path / f"{MONTH}-{assessed.policy_id}.xlsx"
    assert assessment_xlsx.write_month(out, s.month, s.rows, s.policy, status=s.status,
                                       policy_version=s.policy_version, drafted="张班长",
                                       confirmed="王部长") == 10
    ws = openpyxl.load_workbook(out)["月度考核表"]
    assert "已确认" in str(ws["A2"].value)
    cells = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert len(cells) == len(s.rows)
    exp = expected_sheet(assessed)
    for got, r in zip(cells, s.rows, strict=True):
        x = exp[r.agent]
        assert got[:4] == [r.rank, r.agent, r.name, r.group]
        if assessed.policy_id == "000":
            assert got[4:10] == [x.handled, x.average, x.parts["system"],
                                 x.parts["evaluation"], x.total, x.reward or None]
        else:
            nums = got[4:16]
            means = {p: cents(sum(x.calls[p], Fraction(0)) / len(x.calls[p]))
                     for p in ("policy", "service")}
            assert nums == [x.leader["policy"], means["policy"], x.parts["policy"],
                            x.leader["service"], means["service"], x.parts["service"],
                            x.parts["discipline"], x.parts["summary"], x.parts["study"],
                            x.parts["complaints"], x.parts["bonus"], x.total]
            assert got[16] is None  # 002 pays no reward
        detail = str(got[-2] or "")
        assert detail.count("\n") + (1 if detail else 0) == sum(len(p.entries)
                                                               for p in r.parts)
