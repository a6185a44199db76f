"""“确认全部未确认项” as ONE call (issue #15 step 3, R-ATT-6): the register's settled,
unconfirmed lines confirmed in one transaction — all of them or none, one audit row
per line as a single confirmation writes — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from models.db import attendance_db
from models.db import engine as dbengine
from models.db import operators as opsdb
from models.db.audit import query_audit
from models.db.shiftops import ShiftOpsError, StaleEdit
from models.domain.attendance import AttendanceRecord, AttType, Settle
from models.domain.shiftrecords import RegisterRow, Stored, bulk_confirm, is_correction
from tests.helpers import seed_floor, seed_operators

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 21, 0, tzinfo=TZ)
N = 240
AGENTS = [f"{1000 + i}" for i in range(N)]


@pytest.fixture
def eng(db_url: str) -> Iterator[sa.Engine]:
    e = dbengine.make_engine(db_url)
    seed_operators(e, [("A1", "管理员", {"admin"}), ("L1", "张班长", {"shift_leader"}),
                       ("L2", "刘班长", {"shift_leader"}), ("W1", "大屏", {"wallboard"})],
                   now=NOW - timedelta(days=1))
    seed_floor(e, NOW - timedelta(hours=20), groups=[{"id": "G1", "name": "一班"}],
               agents=[{"id": a, "name": f"坐席{a}", "group": "G1"} for a in AGENTS])
    yield e
    e.dispose()


def suggestions() -> list[AttendanceRecord]:
    out = []
    for i, a in enumerate(AGENTS):
        if i % 7 == 3:
            out.append(AttendanceRecord(DAY, a, AttType.LATE_EARLY, late_min=i % 50 + 1))
        elif i % 11 == 5:
            out.append(AttendanceRecord(DAY, a, AttType.ABSENT))
        else:
            out.append(AttendanceRecord(DAY, a, AttType.PRESENT))
    return out


def transactions(e: sa.Engine) -> list[int]:
    """A counter of the transactions begun on ``e`` (one element per BEGIN)."""
    begun: list[int] = []
    event.listen(e, "begin", lambda conn: begun.append(1))
    return begun


def test_confirm_all_is_one_transaction_with_one_audit_row_per_line(eng: sa.Engine) -> None:
    recs = suggestions()
    begun = transactions(eng)
    stored = attendance_db.confirm_records(eng, recs, by="L1", now=NOW, workstation="PC-1")
    assert len(begun) == 1
    assert [s.record for s in stored] == recs
    assert {(s.version, s.updated_by, s.source) for s in stored} == {(1, "L1", "leader")}
    with eng.connect() as conn:
        assert attendance_db.records_between(conn, DAY, DAY) == sorted(
            recs, key=lambda r: r.agent)
        audit = query_audit(conn, action="attendance_confirm", limit=10_000)
        assert query_audit(conn, action="attendance_correct") == []
    assert sorted(a.agent for a in audit) == AGENTS
    late = next(a for a in audit if a.agent == AGENTS[3])
    # the same trail as a single confirmation writes
    assert late.operator == "L1" and late.target == DAY.isoformat()
    assert late.workstation == "PC-1" and late.detail["reason"] == ""
    assert late.detail["record"] == late.detail["platform"] == {
        "type": "late_early", "late_min": 4, "early_min": 0, "note": ""}
    assert late.detail["was"] is None


def test_a_line_saved_by_someone_else_refuses_the_batch_and_nothing_is_written(
        eng: sa.Engine) -> None:
    recs = suggestions()
    middle = recs[N // 2]
    theirs = AttendanceRecord(DAY, middle.agent, AttType.SICK, note="电话请病假")
    attendance_db.save_record(eng, theirs, by="L2", now=NOW, expected_version=0,
                              suggested=middle, reason="电话请病假")
    with pytest.raises(StaleEdit) as e:
        attendance_db.confirm_records(eng, recs, by="L1", now=NOW + timedelta(minutes=1))
    assert e.value.what == f"考勤 {DAY.isoformat()} {middle.agent}" and e.value.by == "L2"
    assert middle.agent in str(e.value)
    assert isinstance(e.value.current, Stored) and e.value.current.record == theirs
    with eng.connect() as conn:
        # only L2's line: not one of the 239 others was half-written
        assert attendance_db.records_between(conn, DAY, DAY) == [theirs]
        assert query_audit(conn, action="attendance_confirm") == []


def test_a_line_breaking_a_rule_is_named_and_nothing_is_written(eng: sa.Engine) -> None:
    recs = suggestions()
    bad = AttendanceRecord(DAY, AGENTS[100], AttType.PRESENT, late_min=5)
    recs[100] = bad
    with pytest.raises(ShiftOpsError) as e:
        attendance_db.confirm_records(eng, recs, by="L1", now=NOW)
    assert f"考勤 {DAY.isoformat()} {AGENTS[100]}" in str(e.value)
    assert "nothing was confirmed" in str(e.value)
    # no right to keep the register: refused, nothing written either
    with pytest.raises(opsdb.NotAllowed):
        attendance_db.confirm_records(eng, suggestions(), by="W1", now=NOW)
    with eng.connect() as conn:
        assert attendance_db.records_between(conn, DAY, DAY) == []
        assert query_audit(conn, action="attendance_confirm") == []


def test_a_database_failure_midway_leaves_nothing_half_written(
        eng: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The audit of one line fails after the lines are inserted: all rolled back."""
    real = attendance_db.auditlog.audit
    calls: list[int] = []

    def failing(conn: sa.Connection, **kw: object) -> int:
        calls.append(1)
        if len(calls) == N // 2:
            raise sa.exc.OperationalError("INSERT INTO audit_log", {}, Exception("disk full"))
        return real(conn, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(attendance_db.auditlog, "audit", failing)
    with pytest.raises(sa.exc.OperationalError):
        attendance_db.confirm_records(eng, suggestions(), by="L1", now=NOW)
    monkeypatch.setattr(attendance_db.auditlog, "audit", real)
    with eng.connect() as conn:
        assert attendance_db.records_between(conn, DAY, DAY) == []
        assert query_audit(conn, action="attendance_confirm") == []


# ---- the rule, pure ----------------------------------------------------------------------


def _row(agent: str, settle: Settle = Settle.SETTLED, stored: bool = False) -> RegisterRow:
    r = AttendanceRecord(DAY, agent, AttType.PRESENT)
    return RegisterRow(agent, "", "白班", r, Stored(r, "leader", 1, "L1", NOW) if stored else None,
                       None, None, False, settle)


def test_bulk_confirm_takes_settled_unconfirmed_rows_not_the_one_being_edited() -> None:
    rows = [_row("1"), _row("2", stored=True), _row("3", Settle.NOT_DUE),
            _row("4", Settle.IN_SHIFT), _row("5"), _row("6")]
    b = bulk_confirm(rows, editing="5")
    assert [r.agent for r in b.rows] == ["1", "6"]
    assert b.editing == ("5",) and b.later == 2
    assert [r.agent for r in bulk_confirm(rows).rows] == ["1", "5", "6"]


def test_a_correction_is_a_record_departing_from_the_suggestion() -> None:
    sug = AttendanceRecord(DAY, "1", AttType.PRESENT)
    assert not is_correction(sug, sug) and not is_correction(sug, None)
    assert is_correction(AttendanceRecord(DAY, "1", AttType.PRESENT, note="补记"), sug)
    assert is_correction(AttendanceRecord(DAY, "1", AttType.SICK), sug)


def test_a_line_saved_between_the_read_and_the_insert_is_a_conflict_too(
        eng: sa.Engine) -> None:
    """PostgreSQL locks no row that is not there yet: another leader's save landing
    after our read but before our insert is refused as the conflict it is (the batch
    rolled back), not as a database fault. SQLite takes the write lock first
    (BEGIN IMMEDIATE), so there the race cannot happen."""
    if eng.dialect.name != "postgresql":
        pytest.skip("SQLite serialises the writers before the read")
    recs = suggestions()
    middle = recs[N // 2]
    theirs = AttendanceRecord(DAY, middle.agent, AttType.PRESENT, note="已核实")
    raced: list[int] = []

    def before(conn: sa.Connection, cursor: object, statement: str, *_a: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO ATTENDANCE") and not raced:
            raced.append(1)
            attendance_db.save_record(eng, theirs, by="L2", now=NOW, expected_version=0,
                                      suggested=middle, reason="已核实")

    event.listen(eng, "before_cursor_execute", before)
    try:
        with pytest.raises(StaleEdit) as e:
            attendance_db.confirm_records(eng, recs, by="L1", now=NOW)
    finally:
        event.remove(eng, "before_cursor_execute", before)
    assert raced and e.value.by == "L2" and middle.agent in e.value.what
    with eng.connect() as conn:
        assert attendance_db.records_between(conn, DAY, DAY) == [theirs]
        assert [a.operator for a in query_audit(conn, action="attendance_correct")] == ["L2"]
        assert query_audit(conn, action="attendance_confirm") == []
