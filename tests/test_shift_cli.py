"""``seatwatch roster import``, ``holidays import``, ``attendance import`` and
``attendance summary`` (issue #6), on SQLite and PostgreSQL: a file with bad rows
imports nothing unless ``--partial``, every bad row is named by line and reason,
GBK files from Excel are read, and the summary JSON has the documented shape."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from console.cli import main
from models.db import attendance_db, shiftops
from models.db import engine as dbengine
from models.db.audit import query_audit
from models.db.schema import HolidayRow
from tests.helpers import seed_floor, seed_operators

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture
def eng(db_url: str) -> Iterator[Engine]:
    e = dbengine.make_engine(db_url)
    seed_operators(e, [("A1", "管理员", {"admin"}), ("L1", "张班长", {"shift_leader"})],
                   now=T0, by="t")
    seed_floor(e, T0, agents=[{"id": a, "name": n} for a, n in (("1001", "张三"), ("1002", "李四"))])
    yield e
    e.dispose()


ROSTER_BAD = ("date,shift,agent,role\n"
              "2026-11-23,白班,1001,agent\n"
              "2026-11-23,白班,L1,leader\n"
              "2026-02-30,白班,1002,agent\n"       # line 4: no such date
              "2026-11-23,早班,1002,agent\n"       # line 5: not a shift of the policy
              "2026-11-24,夜班,9999,agent\n"       # line 6: unknown agent
              "2026-11-23,白班,1001,agent\n")      # line 7: duplicate of line 2


def test_roster_with_bad_rows_imports_nothing_then_partial_imports_the_good(
        db_url: str, eng: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "排班.csv"
    f.write_bytes(ROSTER_BAD.encode("gbk"))  # saved from Excel on a Chinese Windows
    assert main(["roster", "import", str(f), "--db", db_url]) == 1
    err = capsys.readouterr().err
    for line, what in ((4, "2026-02-30"), (5, "早班"), (6, "9999"), (7, "duplicate of line 2")):
        assert f"line {line}:" in err and what in err
    assert "4 行有误，未导入任何内容" in err
    with eng.connect() as conn:
        assert shiftops.roster_between(conn, date(2026, 11, 1), date(2026, 11, 30)) == []
    assert main(["roster", "import", str(f), "--db", db_url, "--partial", "--by", "L1"]) == 0
    out = capsys.readouterr()
    assert "imported 2 roster row(s)" in out.out and "skipped 4 bad row(s)" in out.out
    with eng.connect() as conn:
        assert shiftops.on_duty(conn, date(2026, 11, 23), "白班") == (["1001"], ["L1"])
        [row] = query_audit(conn, action="roster_import")
    assert row.operator == "L1" and row.detail["rows"] == 2
    assert main(["roster", "show", "--date", "2026-11-23", "--days", "1", "--db", db_url]) == 0
    assert "1001 张三" in capsys.readouterr().out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_attendance_import_in_each_encoding_and_the_summary_json(
        db_url: str, eng: Engine, tmp_path: Path, encoding: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "考勤.csv"
    f.write_bytes(("date,agent,type,late_min,early_min,note\n"
                   "2026-11-02,1001,late_early,10,,堵车\n"
                   "2026-11-03,1001,late_early,25,,\n"
                   "2026-11-04,1001,late_early,5,,\n"
                   "2026-11-05,1002,personal,,,家事\n"
                   "2026-11-06,1002,absent,,,\n").encode(encoding))
    assert main(["attendance", "import", str(f), "--db", db_url]) == 0
    assert "imported 5 record(s): 5 new" in capsys.readouterr().out
    with eng.connect() as conn:
        assert len(attendance_db.records_between(conn, date(2026, 11, 1),
                                                 date(2026, 11, 30))) == 5
        [audit] = query_audit(conn, action="attendance_import")
    assert audit.operator.startswith("cli:")
    assert main(["attendance", "summary", "--month", "2026-11", "--db", db_url, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["month"] == "2026-11" and doc["policy"]
    rows = {a["agent"]: a for a in doc["agents"]}
    a1, a2 = rows["1001"], rows["1002"]
    assert set(a1) >= {"agent", "days", "late_count", "late_min", "early_min", "absent_days",
                       "flags"}
    assert a1["days"]["late_early"] == 3 and a1["late_count"] == 3 and a1["late_min"] == 40
    assert a1["absent_days"] == 0.5  # R-ATT-3: three lates in a month → half a day
    assert any(flag.startswith("R-ATT-3") for flag in a1["flags"])
    assert a2["days"]["personal"] == 1 and a2["absent_days"] == 1
    assert set(a1["days"]) == {"present", "sick", "personal", "maternity", "marriage",
                               "bereavement", "family_visit", "late_early", "absent"}


def test_attendance_summary_under_an_alternative_policy_and_as_excel(
        db_url: str, eng: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.csv"
    f.write_text("日期,工号,类型,迟到分钟,早退分钟,备注\n2026-11-02,1001,迟到早退,31,,\n",
                 encoding="utf-8")
    assert main(["attendance", "import", str(f), "--db", db_url]) == 0
    capsys.readouterr()
    alt = ROOT / "resources" / "policies" / "attendance-001.toml"
    xlsx = tmp_path / "汇总.xlsx"
    assert main(["attendance", "summary", "--month", "2026-11", "--db", db_url, "--json",
                 "--policy", str(alt), "--xlsx", str(xlsx)]) == 0
    doc = json.loads(capsys.readouterr().out)
    a1 = next(a for a in doc["agents"] if a["agent"] == "1001")
    assert a1["charged"] == {"personal": 1.0}  # seed 001: more than 30 min late = 1 day 事假
    assert a1["absent_days"] == 0
    ws = load_workbook(xlsx).active
    assert ws is not None
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("考勤汇总表" in c and "2026年11月" in c for c in cells)
    assert "1001" in cells and "张三" in cells


def test_attendance_import_bad_rows_name_line_and_reason(
        db_url: str, eng: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("date,agent,type,late_min,early_min,note\n"
                 "2026-11-02,1001,present,,,\n"
                 "2026-11-31,1001,present,,,\n"
                 "2026-11-03,1009,present,,,\n"
                 "2026-11-04,1001,holiday,,,\n"
                 "2026-11-05,1001,present,12,,\n"
                 "2026-11-02,1001,sick,,,\n", encoding="utf-8")
    assert main(["attendance", "import", str(f), "--db", db_url]) == 1
    err = capsys.readouterr().err
    for needle in ("line 3:", "2026-11-31", "line 4:", "1009", "line 5:", "holiday",
                   "line 6:", "late_early", "line 7:", "duplicate of line 2"):
        assert needle in err
    with eng.connect() as conn:
        assert attendance_db.records_between(conn, date(2026, 11, 1), date(2026, 11, 30)) == []


def test_holidays_import_and_a_file_that_is_not_text(
        db_url: str, eng: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "h.csv"
    f.write_text("date,kind,name\n2026-10-01,holiday,国庆节\n2026-10-11,workday,国庆调休\n",
                 encoding="utf-8")
    assert main(["holidays", "import", str(f), "--db", db_url]) == 0
    with eng.connect() as conn:
        kinds = {r.day: r.kind for r in conn.execute(select(HolidayRow))}
    assert kinds == {date(2026, 10, 1): "holiday", date(2026, 10, 11): "workday"}
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x80\x80\x80\xff\xfe")
    assert main(["roster", "import", str(junk), "--db", db_url]) == 1
    assert "junk.csv" in capsys.readouterr().err


def test_a_holiday_name_too_long_for_its_column_is_refused_with_file_and_line(
        db_url: str, eng: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue #13: SQLite stored it and PostgreSQL failed with a database error that
    named neither the file nor the line (holiday.name is String(60))."""
    f = tmp_path / "h.csv"
    f.write_text("date,kind,name\n2026-10-01,holiday," + "国" * 61 + "\n", encoding="utf-8")
    assert main(["holidays", "import", str(f), "--db", db_url]) == 1
    assert f"{f}: line 2: name is 61 characters, at most 60" in capsys.readouterr().err
    with eng.connect() as conn:
        assert list(conn.execute(select(HolidayRow))) == []
