"""Issue #18 ("the scheduled reports appear at their times on the virtual clock in
replay"), R-REPORT-1, issue #17's rollups: after ``seatwatch replay`` (not
``--realtime``) the floor host's work up to the scenario's ``until`` is done on the
virtual clock — the 15-minute rollups closed, each report that fell due made once,
stamped when it fell due. On SQLite and PostgreSQL.

The scenarios are made here: two agents, one queue, a call every 25 minutes from
5 minutes after the start, every fourth abandoned after 40 s, the others answered
and talked for about 3 minutes."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from console import report_pdf
from console.cli import main
from models.db import engine as dbengine
from models.db import reports_db
from models.domain.report import ReportTimes, late

SH = ZoneInfo("Asia/Shanghai")


def scenario(tmp_path: Path, name: str, start: datetime, hours: float, *,
             policy: dict[str, Any] | None = None) -> str:
    """A floor of ``hours`` from ``start``; call ids carry the file's name."""
    ev: list[dict[str, Any]] = [
        {"t": 0, "type": "agent_state", "agent": "1001", "state": "ready"},
        {"t": 0, "type": "agent_state", "agent": "1002", "state": "ready"}]
    t, i = 300, 0
    while t < hours * 3600 - 600:
        i += 1
        call = f"{name}-{i}"
        ev.append({"t": t, "type": "call_queued", "call": call, "queue": "Q1"})
        if i % 4 == 0:
            ev.append({"t": t + 40, "type": "call_abandoned", "call": call})
        else:
            agent = "1001" if i % 2 else "1002"
            ev += [{"t": t + 10 + i % 30, "type": "call_answered", "call": call,
                    "agent": agent},
                   {"t": t + 200, "type": "call_ended", "call": call},
                   {"t": t + 230, "type": "agent_state", "agent": agent, "state": "ready"}]
        t += 1500
    doc: dict[str, Any] = {
        "start": start.isoformat(),
        "floor": {"groups": [{"id": "G1", "name": "一班"}],
                  "queues": [{"id": "Q1", "name": "12345热线"}],
                  "agents": [{"id": "1001", "name": "张三", "group": "G1"},
                             {"id": "1002", "name": "李四", "group": "G1"}]},
        "events": ev, "until": hours * 3600}
    if policy is not None:
        doc["policy"] = policy
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def stored(db_url: str) -> list[tuple[str, str, str, str, datetime | None]]:
    """(kind, period, status, host, made at in floor time), oldest period first."""
    e = dbengine.make_engine(db_url)
    try:
        with e.connect() as c:
            rows = reports_db.list_reports(c)
    finally:
        e.dispose()
    return sorted((r.kind, r.period, r.status, r.host,
                   r.created_at.astimezone(SH) if r.created_at else None) for r in rows)


def summary(db_url: str, kind: str, period: str) -> dict[str, Any]:
    e = dbengine.make_engine(db_url)
    try:
        with e.connect() as c:
            [r] = [r for r in reports_db.list_reports(c, kind) if r.period == period]
    finally:
        e.dispose()
    return r.summary


def kpi_total(db_url: str, frm: str, to: str, capsys: pytest.CaptureFixture[str]
              ) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["kpi", "--db", db_url, "--from", frm, "--to", to, "--json"]) == 0
    return dict(json.loads(capsys.readouterr().out)["total"])


def at(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=SH)


def test_a_replay_past_midnight_and_produce_at_makes_yesterdays_daily_at_0830(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 20:00 on the 1st to 09:00 on the 2nd: produce_at (08:30) falls inside
    path = scenario(tmp_path, "a", at(2026, 3, 1, 20), 13)
    assert main(["replay", path, "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "已回放" in out and "2026-03-01" in out
    # exactly the 1st's daily report, stamped when it fell due on the virtual clock
    # (not now, 2026-12), made by the replay
    assert stored(db_url) == [("daily", "2026-03-01", "done", "replay:a.json",
                               at(2026, 3, 2, 8, 30))]
    got = summary(db_url, "daily", "2026-03-01")
    # by hand: calls at 20:05 + 25 min × k before midnight are 10, the 4th and 8th
    # abandoned; the 2nd's calls after midnight are not the 1st's
    assert (got["offered"], got["answered"]) == (10, 8)
    # R-KPI-1 接通率 and the rest: the figures `seatwatch kpi` gives for that day
    k = kpi_total(db_url, "2026-03-01", "2026-03-01", capsys)
    assert k["intervals"] == 16  # 20:00–24:00 rolled up
    for key in ("offered", "answered", "answer_rate", "service_level", "abandon_rate",
                "sl_threshold_s"):
        assert got[key] == k[key], key
    # the files say so too: the workbook's 生成时间 is the virtual time
    e = dbengine.make_engine(db_url)
    with e.connect() as c:
        files = reports_db.files(c, "daily", "2026-03-01")
    e.dispose()
    assert files is not None and files[1].startswith(b"%PDF")
    ws = load_workbook(io.BytesIO(files[0]))["概要"]
    assert (ws.cell(3, 1).value, ws.cell(3, 2).value) == ("生成时间", "2026-03-02 08:30")
    # the replayed range is rolled up to until, its last interval (08:45–09:00) too
    k2 = kpi_total(db_url, "2026-03-02T00:00:00+08:00", "2026-03-02T09:00:00+08:00", capsys)
    assert k2["intervals"] == 36 and k2["offered"] == 21


def test_a_replay_that_ends_before_produce_at_makes_no_report(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scenario(tmp_path, "a", at(2026, 3, 1, 20), 12.49)  # until 08:29:24
    assert main(["replay", path, "--db", db_url]) == 0
    assert stored(db_url) == []
    # its rollups are closed all the same: the 1st is in `seatwatch kpi`
    assert kpi_total(db_url, "2026-03-01", "2026-03-01", capsys)["offered"] == 10


def test_replays_one_after_another_never_make_a_report_twice(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = scenario(tmp_path, "a", at(2026, 3, 1, 20), 13)  # to 09:00 on the 2nd
    assert main(["replay", a, "--db", db_url]) == 0
    first = stored(db_url)
    assert [r[:2] for r in first] == [("daily", "2026-03-01")]
    # the 2nd 10:00 to the 3rd 07:00: the 1st's report is due all along and stored,
    # the 2nd's not due yet
    b = scenario(tmp_path, "b", at(2026, 3, 2, 10), 21)
    assert main(["replay", b, "--db", db_url, "--append"]) == 0
    assert stored(db_url) == first
    # the 3rd from 10:00: the virtual clock went on from b's until (07:00) over the
    # gap, so the 2nd's report fell due at 08:30, and the 1st's is not made again
    c = scenario(tmp_path, "c", at(2026, 3, 3, 10), 1)
    assert main(["replay", c, "--db", db_url, "--append"]) == 0
    assert stored(db_url) == [*first, ("daily", "2026-03-02", "done", "replay:c.json",
                                       at(2026, 3, 3, 8, 30))]
    out = capsys.readouterr().out
    assert out.count("2026-03-01 (2026-03-02 08:30)") == 1  # named by a's line only
    assert "2026-03-02 (2026-03-03 08:30)" in out
    assert summary(db_url, "daily", "2026-03-02")["offered"] == kpi_total(
        db_url, "2026-03-02", "2026-03-02", capsys)["offered"] > 0


def test_a_month_end_replay_makes_the_monthly_on_the_1st_at_the_policys_time(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the policy's produce_at (06:45), and a start off the 5-minute grid of the
    # host's job: each report is still stamped at the second it fell due
    start = datetime(2026, 3, 31, 20, 2, 13, tzinfo=SH)
    path = scenario(tmp_path, "m", start, 37, policy={"reports": {"produce_at": "06:45"}})
    assert main(["replay", path, "--db", db_url]) == 0
    assert stored(db_url) == [
        ("daily", "2026-03-31", "done", "replay:m.json", at(2026, 4, 1, 6, 45)),
        ("daily", "2026-04-01", "done", "replay:m.json", at(2026, 4, 2, 6, 45)),
        ("monthly", "2026-03", "done", "replay:m.json", at(2026, 4, 1, 6, 45))]
    # made on the 1st, by the 3rd (R-REPORT-1), from March's rollups
    assert not late("monthly", "2026-03", ReportTimes(), at(2026, 4, 1, 6, 45))
    march = summary(db_url, "monthly", "2026-03")
    assert march["offered"] == kpi_total(db_url, "2026-03-01", "2026-03-31", capsys)[
        "offered"] == summary(db_url, "daily", "2026-03-31")["offered"] == 10


def test_a_report_that_fails_after_the_events_is_one_line_and_the_events_stay(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(html: str) -> bytes:
        raise RuntimeError("no CJK font for the PDF")

    monkeypatch.setattr(report_pdf, "render", broken)
    a = scenario(tmp_path, "a", at(2026, 3, 1, 20), 13)
    assert main(["replay", a, "--db", db_url]) == 1
    out, err = capsys.readouterr()
    assert "已回放" in out
    assert err.count("\n") == 1 and err.startswith("seatwatch: error: ")
    assert "a.json" in err and "no CJK font for the PDF" in err
    # the events are in (the floor at until), the report row says it failed
    assert main(["snapshot", "--db", db_url, "--json"]) == 0
    snap = json.loads(capsys.readouterr().out)
    assert snap["at"] == "2026-03-02T09:00:00+08:00" and snap["last_event_id"] > 100
    assert [r[:3] for r in stored(db_url)] == [("daily", "2026-03-01", "failed")]
    # the next replay on the same floor makes it, once, when its clock starts (09:00)
    monkeypatch.undo()
    b = scenario(tmp_path, "b", at(2026, 3, 2, 10), 1)
    assert main(["replay", b, "--db", db_url, "--append"]) == 0
    assert stored(db_url) == [("daily", "2026-03-01", "done", "replay:b.json",
                               at(2026, 3, 2, 9))]


def test_the_help_says_a_realtime_replay_leaves_them_to_the_floor_host(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["replay", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "seatwatch service --source none" in text and "virtual time" in text
