"""``seatwatch assess …`` (issue #18, DOMAIN §8, R-ASSESS-1…4): a month from the policy
to the confirmed sheet and its .xlsx (月度考核表) and the year's, from a terminal, on
SQLite and PostgreSQL; a refusal is one line, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import sqlalchemy as sa
from sqlalchemy import insert

from console import assess_cli
from console.cli import main
from models.db import engine as dbengine
from models.db.schema import AttendanceRow, CallRecordRow
from models.db.store import writing
from tests.helpers import seed_floor, seed_operators

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=TZ)
T0 = datetime(2026, 10, 30, 8, 0, tzinfo=TZ)
ROOT = Path(__file__).resolve().parents[1]
P000 = str(ROOT / "resources" / "policies" / "assessment-000.toml")


@pytest.fixture
def floor(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[sa.Engine]:
    monkeypatch.setattr(assess_cli, "_now", lambda: NOW)
    e = dbengine.make_engine(db_url)
    seed_operators(e, [("A1", "管理员", {"admin"}), ("L1", "张班长", {"shift_leader"}),
                       ("H1", "王部长", {"department_head"}), ("D1", "李主任", {"director"})],
                   now=T0)
    seed_floor(e, T0, groups=[{"id": "G1", "name": "一班"}], queues=[{"id": "Q1", "name": "热线"}],
               agents=[{"id": "1001", "name": "甲", "group": "G1"},
                       {"id": "1002", "name": "乙", "group": "G1"}])
    at = datetime(2026, 11, 10, 10, 0, tzinfo=TZ)
    with writing(e).begin() as c:
        c.execute(insert(CallRecordRow), [
            {"call_id": f"{a}-{i}", "queue_id": "Q1", "agent_id": a, "outcome": "answered",
             "queued_at": at, "answered_at": at + timedelta(seconds=i)}
            for a, n in (("1001", 40), ("1002", 30)) for i in range(n)])
        c.execute(insert(AttendanceRow).values(
            day=date(2026, 11, 3), agent_id="1002", type="late_early", late_min=9, early_min=0,
            note="", source="leader", updated_at=T0, updated_by="L1"))
    yield e
    e.dispose()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = main(["assess", *args])
    got = capsys.readouterr()
    return rc, got.out, got.err


def test_a_month_from_policy_to_confirmed_sheet_and_xlsx(
        floor: sa.Engine, db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", db_url]
    assert run(capsys, "policy", "apply", P000, *db, "--by", "D1")[0] == 0
    rc, out, _ = run(capsys, "policy", "show", *db, "--by", "L1", "--json")
    assert rc == 0 and json.loads(out)["version"] == 1
    rc, out, _ = run(capsys, "propose", *db, "--month", "2026-11", "--by", "L1", "--json")
    props = json.loads(out)
    assert [(p["agent"], p["item"], p["points"], p["evidence"]["late_min"]) for p in props] == [
        ("1002", "late_early", -5, 9)]
    rc, out, _ = run(capsys, "deduct", *db, "--month", "2026-11", "--by", "L1",
                     "--proposal", props[0]["key"])
    assert rc == 0
    assert run(capsys, "deduct", *db, "--month", "2026-11", "--by", "L1", "--agent", "1001",
               "--day", "2026-11-12", "--item", "disobedience", "--points", "-10",
               "--note", "不服从排班")[0] == 0
    rc, out, _ = run(capsys, "draft", *db, "--month", "2026-11", "--by", "L1", "--json")
    sheet = json.loads(out)
    # handled 40 and 30: average 35; 30 ≤ 35 × 0.9 = 31.5 → 90 (R-ASSESS-2)
    # 1001: 100 × .5 + (100 − 10) × .5 = 95; 1002: 90 × .5 + (100 − 5) × .5 = 92.5
    assert [(r["agent"], r["total"], r["rank"], r["reward_yuan"]) for r in sheet["rows"]] == [
        ("1001", 95, 1, 800), ("1002", 92.5, 2, 500)]
    rc, _, err = run(capsys, "confirm", *db, "--month", "2026-11", "--by", "L1")
    assert rc == 1 and err.startswith("seatwatch: error: ") and err.count("\n") == 1
    assert run(capsys, "confirm", *db, "--month", "2026-11", "--by", "H1")[0] == 0
    rc, out, _ = run(capsys, "show", *db, "--month", "2026-11", "--by", "H1")
    assert rc == 0 and "1001" in out and "95" in out and "800" in out
    xlsx = tmp_path / "考核" / "2026-11.xlsx"
    assert run(capsys, "show", *db, "--month", "2026-11", "--by", "H1", "--out",
               str(xlsx))[0] == 0
    ws = openpyxl.load_workbook(xlsx)["月度考核表"]
    assert str(ws["A1"].value).startswith("月度考核表（2026年11月）")
    assert "已确认" in str(ws["A2"].value)
    head = [c.value for c in ws[3]]
    assert head == ["名次", "工号", "姓名", "班组", "处理量", "平均处理量",
                    "系统内考核（满分100）", "考评（满分100）", "总分", "奖励（元）", "扣分明细",
                    "备注"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert rows[0][:8] == [1, "1001", "甲", "一班", 40, 35, 100, 90]
    assert rows[0][8:] == [95, 800, "11月12日 违反中心管理规定、不服从管理 −10（不服从排班）",
                           "通报表扬"]
    # a confirmed proposal keeps what the floor saw as its note
    assert rows[1][4:11] == [30, 35, 90, 95, 92.5, 500,
                             "11月3日 上下班迟到、早退 −5（考勤登记：迟到 9 分钟）"]
    year = tmp_path / "2026.xlsx"
    assert run(capsys, "year", *db, "--year", "2026", "--by", "H1", "--out", str(year))[0] == 0
    wy = openpyxl.load_workbook(year)["年度考核汇总表"]
    assert [c.value for c in wy[3]][:5] == ["名次", "工号", "姓名", "班组", "1月"]
    first = [c.value for c in wy[4]]
    # 1001: November 95, the other months none → 95 / 12 = 7.92
    assert first[:4] == [1, "1001", "甲", "一班"] and first[14] == 95 and first[-1] == 7.92
    assert "未确认或未考核" in str(wy["A2"].value) and "11月" not in str(wy["A2"].value)


@pytest.mark.parametrize(("args", "names"), [
    (["draft", "--month", "2026-13", "--by", "L1"], "2026-13"),
    (["show", "--month", "2026-11", "--by", "L1", "--out", "x.csv"], "x.csv"),
    (["deduct", "--month", "2026-11", "--by", "L1", "--agent", "1001", "--day",
      "2026-10-31", "--item", "late_early"], "2026-10-31"),
    (["deduct", "--month", "2026-11", "--by", "L1", "--agent", "1001", "--day",
      "2026-11-03", "--item", "nap"], "nap"),
    (["draft", "--month", "2026-11", "--by", "H1"], "H1"),
    (["policy", "apply", "missing.toml", "--by", "D1"], "missing.toml"),
])
def test_a_refusal_is_one_line(floor: sa.Engine, db_url: str, args: list[str], names: str,
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "policy", "apply", P000, "--db", db_url, "--by", "D1")[0] == 0
    rc, out, err = run(capsys, *args[:1], "--db", db_url, *args[1:]) if args[0] != "policy" \
        else run(capsys, "policy", "apply", args[2], "--db", db_url, *args[3:])
    assert rc == 1 and out == ""
    assert err.startswith("seatwatch: error: ") and err.count("\n") == 1, err
    assert names in err and "Traceback" not in err


def test_a_bad_policy_file_names_the_key(floor: sa.Engine, db_url: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(Path(P000).read_text(encoding="utf-8").replace(
        "retrain_below = 70", "retrain_below = -3"), encoding="utf-8")
    rc, _, err = run(capsys, "policy", "apply", str(bad), "--db", db_url, "--by", "D1")
    assert rc == 1 and "retrain_below" in err and err.count("\n") == 1


def pdf_pages(path: Path) -> list[str]:
    """Each page's text layer (pdftotext), radicals folded back, spaces kept."""
    import subprocess
    import unicodedata
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    return [unicodedata.normalize("NFKC", p) for p in out.split("\f")[:-1]]


def test_the_month_and_the_year_as_pdf_forms_to_sign(
        floor: sa.Engine, db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """issue #18: 月度考核表 / 年度考核汇总表 as PDF, the numbers of the .xlsx, the status
    with who and when, the policy's version and the signature lines."""
    db = ["--db", db_url]
    assert run(capsys, "policy", "apply", P000, *db, "--by", "D1")[0] == 0
    assert run(capsys, "deduct", *db, "--month", "2026-11", "--by", "L1", "--agent", "1001",
               "--day", "2026-11-12", "--item", "disobedience", "--points", "-10",
               "--note", "不服从排班")[0] == 0
    assert run(capsys, "draft", *db, "--month", "2026-11", "--by", "L1")[0] == 0
    draft = tmp_path / "草稿.pdf"
    rc, out, _ = run(capsys, "show", *db, "--month", "2026-11", "--by", "L1", "--pdf",
                     str(draft))
    assert rc == 0 and str(draft) in out
    [page] = pdf_pages(draft)
    assert "状态:草稿,待部长确认(值班长 张班长(L1) 于 2026-12-02 09:00 拟稿)" in page
    assert run(capsys, "confirm", *db, "--month", "2026-11", "--by", "H1")[0] == 0
    pdf = tmp_path / "考核" / "2026-11.pdf"
    assert run(capsys, "show", *db, "--month", "2026-11", "--by", "H1", "--pdf",
               str(pdf))[0] == 0
    [page] = pdf_pages(pdf)
    flat = "".join(page.split())
    assert "月度考核表(2026年11月)" in flat
    assert "考核办法:" in flat and "第1版" in flat
    assert "状态:已确认(部长王部长(H1)于2026-12-0209:00确认;值班长张班长(L1)于" in flat
    assert "处理量平均处理量系统内考核(满分100)" in flat
    # the rows as the workbook has them: rank, 工号, name, group, volume, average, …
    assert "11001甲一班40351009095800" in flat
    assert "11月12日违反中心管理规定、不服从管理−10(不服从" in flat and "通报表扬" in flat
    assert "21002乙一班30359010095500" in flat  # equal totals: more calls first
    assert "值班长(签字):" in flat and "部长(签字):" in flat
    assert "第1页共1页" in flat
    year = tmp_path / "2026.pdf"
    assert run(capsys, "year", *db, "--year", "2026", "--by", "H1", "--pdf", str(year))[0] == 0
    flat = "".join("".join(pdf_pages(year)).split())
    assert "年度考核汇总表(2026年)" in flat and "1月2月3月" in flat
    assert "11001甲一班959.52" not in flat  # no stray numbers: 1001 has only November
    assert "11001甲一班95957.92" in flat  # November 95, Σ 95, 95 / 12
    assert "部长(签字):" in flat
    # a .pdf it must be
    rc, _, err = run(capsys, "show", *db, "--month", "2026-11", "--by", "H1", "--pdf", "x.xlsx")
    assert rc != 0 and "x.xlsx" in err
