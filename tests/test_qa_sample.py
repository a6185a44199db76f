"""The week's QA sample and register (质量监控, issue #18, DOMAIN §8, seed 001: each agent
at least 3 calls a week scored, picked at random across shifts): reproducible, spread
over the shifts worked, only answered and unscored calls of the agent in the week
(Monday to Sunday, floor time). Database tests on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from console.cli import main
from models.db import policies, qa_db, store
from models.db.operators import NotAllowed
from models.db.schema import CallRecordRow
from models.domain.qa_sample import Candidate, parse_week, propose, week_label
from tests.helpers import floor_engine, seed_floor, seed_operators

SH = ZoneInfo("Asia/Shanghai")
MONDAY = date(2026, 11, 30)  # ISO week 2026-W49
NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "monday"), [
    ("2026-W49", date(2026, 11, 30)), ("2026w49", date(2026, 11, 30)),
    ("2026-12-06", date(2026, 11, 30)),  # a Sunday belongs to the week before it
    ("2026-12-07", date(2026, 12, 7)),
    ("2026-W01", date(2025, 12, 29)),  # ISO week 1 starts in the year before
    ("2026-W54", None), ("2026-13-01", None), ("last week", None),
])
def test_a_week_is_an_iso_week_or_any_date_in_it(text: str, monday: date | None) -> None:
    assert parse_week(text) == monday
    if monday is not None:
        assert monday.weekday() == 0


def _c(call: str, day: int, hour: int, shift: str) -> Candidate:
    at = datetime(2026, 11, 30, hour, tzinfo=SH) + timedelta(days=day)
    start = at.replace(hour=8 if shift == "白班" else 20)
    return Candidate(call, "1001", at, shift, f"{start.isoformat()}/{shift}")


#: Monday's and Tuesday's day shifts (ten calls each) and two calls of one night shift
POOL = ([_c(f"M{i}", 0, 9 + i % 8, "白班") for i in range(10)]
        + [_c(f"T{i}", 1, 9 + i % 8, "白班") for i in range(10)]
        + [_c("N1", 2, 21, "夜班"), _c("N2", 2, 22, "夜班")])


def test_the_same_week_and_agent_propose_the_same_calls_whatever_the_order_read() -> None:
    first = propose(MONDAY, "1001", POOL, 3)
    shuffled = list(POOL)
    random.Random(7).shuffle(shuffled)
    assert propose(MONDAY, "1001", shuffled, 3) == first
    assert len(first) == 3 and len({c.call for c in first}) == 3
    # another week draws again (over many weeks, not always the same three)
    others = {tuple(c.call for c in propose(MONDAY + timedelta(weeks=k), "1001", POOL, 3))
              for k in range(1, 9)}
    assert len(others) > 1


def test_the_picks_go_round_the_shifts_worked_then_to_another_day() -> None:
    """Three picks from two shift names: one is a night call although nights are 2 of
    the 22 calls, and the two day-shift picks are from two different days."""
    for week in range(20):
        picks = propose(MONDAY + timedelta(weeks=week), "1001", POOL, 3)
        assert sum(c.shift == "夜班" for c in picks) == 1
        days = {c.shift_key for c in picks if c.shift == "白班"}
        assert len(days) == 2


def test_fewer_calls_than_needed_gives_them_all_and_none_needed_gives_none() -> None:
    assert propose(MONDAY, "1001", POOL[:2], 3) == tuple(POOL[:2])
    assert propose(MONDAY, "1001", POOL, 0) == ()
    assert propose(MONDAY, "1001", [], 3) == ()


# ---- the week from the database, on both engines ------------------------------------


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 30, hour, minute, tzinfo=SH) + timedelta(days=day)


@pytest.fixture
def floor(db_url: str) -> Iterator[sa.Engine]:
    """Shifts 白班 08–20 and 夜班 20–08; agents 1001, 1002, 1003 (group G1); calls of
    week 2026-W49: 1001 four day calls on Monday, two on Tuesday, two night calls on
    Wednesday; 1002 three day calls; 1003 one. Also calls that never count: abandoned,
    the Sunday before and the Monday after (floor time), another agent's."""
    with floor_engine(db_url) as e:
        seed_operators(e, [("A1", "管理员", ["admin"]), ("L1", "张班长", ["shift_leader"]),
                           ("W1", "大屏", ["wallboard"])], now=NOW)
        seed_floor(e, NOW - timedelta(days=30), groups=[{"id": "G1", "name": "一班"}],
                   queues=[{"id": "Q1", "name": "12345热线"}],
                   agents=[{"id": a, "name": n, "group": "G1"} for a, n in
                           (("1001", "赵一"), ("1002", "钱二"), ("1003", "孙三"))])
        policies.apply_policy(store.FloorWriter(e, source="test"),
                              '[[shifts]]\nname = "白班"\nstart = "08:00"\nend = "20:00"\n'
                              '[[shifts]]\nname = "夜班"\nstart = "20:00"\nend = "08:00"\n',
                              "test", "p.toml", now=NOW - timedelta(days=30))
        calls = ([(f"A{i}", "1001", _at(0, 9 + i)) for i in range(4)]
                 + [(f"B{i}", "1001", _at(1, 10 + i)) for i in range(2)]
                 + [("N1", "1001", _at(2, 22)), ("N2", "1001", _at(3, 1))]
                 + [(f"Z{i}", "1002", _at(4, 9 + i)) for i in range(3)]
                 + [("S1", "1003", _at(5, 11))]
                 + [("OLD", "1001", _at(-1, 23, 59)), ("NEXT", "1001", _at(7, 0, 0))])
        with store.writing(e).begin() as c:
            for call, agent, t in calls:
                c.execute(sa.insert(CallRecordRow).values(
                    call_id=call, queue_id="Q1", agent_id=agent, outcome="answered",
                    queued_at=t, answered_at=t, ended_at=t, wait_s=3.0, talk_s=60.0))
            c.execute(sa.insert(CallRecordRow).values(
                call_id="AB1", queue_id="Q1", agent_id=None, outcome="abandoned",
                queued_at=_at(0, 9), wait_s=30.0))
        yield e


def _import(db_url: str, tmp_path: Path, rows: str) -> None:
    f = tmp_path / "qa.csv"
    f.write_text("日期,工号,通话编号,质检员,总分\n" + rows, encoding="utf-8")
    assert main(["qa", "import", str(f), "--db", db_url, "--by", "L1"]) == 0


def test_the_week_proposes_the_missing_calls_from_each_agents_own_unscored_calls(
        floor: sa.Engine, db_url: str, tmp_path: Path) -> None:
    _import(db_url, tmp_path, "2026-11-30,1001,A0,王质检,90\n"
                              "2026-12-04,1002,Z0,王质检,90\n2026-12-04,1002,Z1,王质检,80\n"
                              "2026-12-04,1002,Z2,王质检,85\n"
                              "2026-11-29,1003,S-OLD,王质检,85\n")  # the week before
    w = qa_db.week(floor, "L1", MONDAY)
    lines = {p.agent: p for p in w.lines}
    assert list(lines) == ["1001", "1002", "1003"]
    one = lines["1001"]
    assert (one.scored, one.answered, one.missing, len(one.proposed)) == (1, 8, 2, 2)
    week_calls = {"A1", "A2", "A3", "B0", "B1", "N1", "N2"}  # not A0: scored already
    assert {c.call for c in one.proposed} <= week_calls
    assert {c.shift for c in one.proposed} == {"白班", "夜班"}  # one of each shift worked
    assert (lines["1002"].scored, lines["1002"].proposed) == (3, ())
    three = lines["1003"]
    assert (three.scored, [c.call for c in three.proposed], three.short_of_calls) == (
        0, ["S1"], True)
    assert [p.agent for p in w.below_minimum()] == ["1001", "1003"]
    assert qa_db.week(floor, "L1", MONDAY) == w  # the same proposal twice


def test_cli_sample_json_is_reproducible_and_status_lists_who_is_below_three(
        floor: sa.Engine, db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    _import(db_url, tmp_path, "2026-12-01,1001,B0,王质检,90\n2026-12-01,1001,B1,王质检,90\n"
                              "2026-12-01,1001,A3,王质检,90\n")
    capsys.readouterr()
    assert main(["qa", "sample", "--db", db_url, "--week", "2026-W49", "--by", "L1",
                 "--json"]) == 0
    first = capsys.readouterr().out
    assert main(["qa", "sample", "--db", db_url, "--week", "2026-12-03", "--by", "L1",
                 "--json"]) == 0
    assert capsys.readouterr().out == first
    doc = json.loads(first)
    assert (doc["week"], doc["first"], doc["last"], doc["min_per_week"]) == (
        "2026-W49", "2026-11-30", "2026-12-06", 3)
    by = {a["agent"]: a for a in doc["agents"]}
    assert (by["1001"]["scored"], by["1001"]["proposed"]) == (3, [])
    assert [c["call"] for c in by["1002"]["proposed"]] == ["Z0", "Z1", "Z2"]
    assert by["1002"]["proposed"][0]["answered_at"] == "2026-12-04T09:00:00+08:00"
    assert main(["qa", "sample", "--db", db_url, "--week", "2026-W49", "--by", "L1"]) == 0
    text = capsys.readouterr().out
    assert "2026-W49" in text and "Z0" in text and "12-04 09:00" in text and "A0" not in text
    assert main(["qa", "status", "--db", db_url, "--week", "2026-W49", "--by", "L1"]) == 0
    rows = [ln.split() for ln in capsys.readouterr().out.splitlines()]
    listed = [r[0] for r in rows if r and r[0] in ("1001", "1002", "1003")]
    assert listed == ["1002", "1003"]
    assert ["1002", "钱二", "G1", "0", "3", "3"] in rows


@pytest.mark.parametrize("week", ["2026-W60", "30/11/2026"])
def test_cli_a_bad_week_is_one_line(week: str, sqlite_url: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "sample", "--db", sqlite_url, "--week", week, "--by", "L1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--week" in err and week in err and "Traceback" not in err


def test_the_week_is_read_only_with_the_qa_right(floor: sa.Engine, db_url: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(NotAllowed):
        qa_db.week(floor, "W1", MONDAY)
    assert main(["qa", "status", "--db", db_url, "--week", "2026-W49", "--by", "W1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "W1" in err
    assert week_label(MONDAY) == "2026-W49"
