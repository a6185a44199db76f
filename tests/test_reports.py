"""Issue #18, R-REPORT-1: the scheduled daily and monthly reports, on both engines.

A simulated floor (a night, a day and a night; 20 agents, 2 queues) is rolled up;
an urgent ticket gets its alert acknowledged and a handling step recorded
(R-URGENT-1/2), the register gets a late arrival, the morning meeting a problem.
Every call figure of the report is recounted here from ``call_record`` (SQL of
this file, not the code under test); the month's figures are its rollups summed,
never an average of the days' ratios."""

from __future__ import annotations

import io
import json
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console import notify, report_pdf
from console.cli import main
from console.scheduler import AlertScheduler
from models.db import alerts_db, policies, reports_db, rollup_db, store
from models.db import engine as dbengine
from models.db.schema import (
    AlertRow,
    AttendanceRow,
    MeetingRow,
    ReportRow,
    RosterRow,
    TicketRow,
)
from models.domain.policy import Policy, PolicyError, parse_toml
from models.domain.report import ReportTimes, deadline, due_reports, late, roster_due
from models.reports import ops_html, ops_xlsx
from tests.helpers import Clock, seed_floor, seed_operators, wait_until
from tests.test_notify import Robot, robot  # noqa: F401 - the local robot fixture
from tests.test_rollup import recount
from views.alerts.describe import describe
from views.kit.texts import rule_label

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 1, 20, 0, tzinfo=SH)
DAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 3, 8, 30, tzinfo=SH)
STEP = "已联系承办单位负责人张主任，答复30分钟内派员到场"


def _lo_hi(first: date, last: date) -> tuple[datetime, datetime]:
    return (datetime.combine(first, time(0), SH), datetime.combine(last + timedelta(days=1),
                                                                   time(0), SH))


@dataclass
class Floor:
    e: sa.Engine
    ticket: str
    agent: str


@pytest.fixture
def fl(db_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Floor]:
    """30 hours of simulated floor rolled up, one urgent ticket handled, one late
    arrival registered, one meeting problem minuted."""
    assert main(["simulate", "--db", db_url, "--agents", "20", "--hours", "30", "--seed", "18",
                 "--start", START.isoformat(), "--json"]) == 0
    assert main(["rollup", "rebuild", "--db", db_url]) == 0
    capsys.readouterr()
    e = dbengine.make_engine(db_url)
    seed_operators(e, [("admin", "管理员", ["admin"]), ("lead1", "王班长", ["shift_leader"])],
                   now=NOW.astimezone(UTC))
    lo, hi = _lo_hi(DAY, DAY)
    with e.begin() as c:
        tk = c.execute(sa.select(TicketRow).where(
            TicketRow.urgent.is_(True), TicketRow.created_at >= lo,
            TicketRow.created_at < hi).order_by(TicketRow.created_at)).first()
        assert tk is not None, "the simulator writes urgent tickets (急件)"
        at = tk.created_at
        c.execute(sa.insert(AlertRow).values(
            id=f"R-URGENT-1|{tk.id}|x", rule="R-URGENT-1", subject=f"ticket:{tk.id}",
            severity="critical", raised_at=at, message="急件", ticket_id=tk.id, detail={},
            raised_event_id=1, acknowledged_at=at + timedelta(seconds=40),
            acknowledged_by="lead1"))
        agent = str(c.execute(sa.text("SELECT id FROM agent ORDER BY id")).scalars().first())
        c.execute(sa.insert(AttendanceRow).values(
            day=DAY, agent_id=agent, type="late_early", late_min=12, early_min=0,
            note="地铁故障", source="leader", updated_at=NOW, updated_by="lead1"))
        c.execute(sa.insert(MeetingRow).values(
            day=DAY, shift="白班", chair="lead1",
            content={"chair_name": "王班长", "problems": ["质检发现：急件未即时转值班长"]},
            saved_at=NOW, saved_by="lead1"))
    alerts_db.record_step(e, tk.id, "lead1", STEP, at.astimezone(UTC) + timedelta(minutes=3))
    yield Floor(e, tk.id, agent)
    e.dispose()


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None
                                         and abs(a - b) < 1e-9 * max(1.0, abs(b)))


def test_the_daily_report_recounts_from_the_calls_and_carries_each_part(
        fl: Floor) -> None:
    r = reports_db.build(fl.e, "daily", "2026-03-02", NOW.astimezone(UTC), Policy())
    assert r.title == "坐席运营日报 2026-03-02"
    lo, hi = _lo_hi(DAY, DAY)
    with fl.e.connect() as c:
        want = recount(c, lo, hi)
        per_queue = {q: recount(c, lo, hi, q) for q in
                     c.execute(sa.text("SELECT DISTINCT queue_id FROM call_record")).scalars()}
        queue_names: dict[str, str] = dict(c.execute(sa.text("SELECT id, name FROM queue"))
                                           .all())
    fp = r.part("floor")
    assert len(fp.rows) == 25 and fp.rows[0][0] == "00:00–01:00"  # 24 hours and 合计
    total = fp.rows[-1]
    assert total[0] == "合计" and fp.total_row
    assert (total[1], total[2], total[3], total[4]) == (
        want["offered"], want["ivr_only"], want["answered"], want["abandoned"])
    assert _close(total[5], want["answer_rate"])  # R-KPI-1 接通率
    assert _close(total[6], want["service_level"])
    assert _close(total[7], want["asa_s"]) and _close(total[9], want["aht_s"])
    assert sum(row[1] for row in fp.rows[:-1]) == want["offered"]
    qs = {row[0]: row for row in r.part("queues").rows}
    for q, w in per_queue.items():
        row = qs[queue_names[q]]
        assert (row[1], row[3], row[4]) == (w["offered"], w["answered"], w["abandoned"])
        assert _close(row[5], w["answer_rate"])
    groups = r.part("groups").rows
    assert groups[-1][0] == "合计" and groups[-1][1] == 20  # every agent worked that day
    urgent = {row[0]: row for row in r.part("urgent").rows}
    trail = urgent[fl.ticket][6]
    assert "急件告警" in trail and "lead1 确认" in trail and STEP in trail
    assert trail.index("确认") < trail.index(STEP)  # in the order things were done
    att = r.part("attendance").rows
    assert [(a[1], a[4], a[5], a[7]) for a in att] == [
        (fl.agent, "迟到早退", 12, "地铁故障")]
    assert r.part("meetings").rows == (("03-02", "白班", "王班长", "质检发现：急件未即时转值班长"),)
    assert r.summary["offered"] == want["offered"] and r.summary["alerts"] == 1
    assert r.summary["urgent"] == len(urgent)


def test_the_monthly_report_sums_the_days_never_averages_their_ratios(
        fl: Floor) -> None:
    r = reports_db.build(fl.e, "monthly", "2026-03", NOW.astimezone(UTC), Policy())
    assert r.title == "坐席运营月报 2026年3月"
    lo, hi = _lo_hi(date(2026, 3, 1), date(2026, 3, 31))
    with fl.e.connect() as c:
        want = recount(c, lo, hi)
    days = r.part("floor").rows
    assert [d[0] for d in days[:-1]] == ["03-01", "03-02", "03-03"]
    total = days[-1]
    assert total[1] == want["offered"] == sum(d[1] for d in days[:-1])
    assert _close(total[5], want["answer_rate"]) and _close(total[6], want["service_level"])
    mean_of_days = sum(d[6] for d in days[:-1]) / 3
    assert not _close(total[6], mean_of_days)  # the night's few calls weigh what they are
    assert len(r.part("attendance").rows) == 1 and len(r.part("meetings").rows) == 1


def test_the_files_hold_the_same_numbers_in_chinese(fl: Floor, tmp_path: Path) -> None:
    r = reports_db.build(fl.e, "daily", "2026-03-02", NOW.astimezone(UTC), Policy())
    wb = load_workbook(io.BytesIO(ops_xlsx.to_bytes(r)))
    assert wb.sheetnames == ["概要", "全场话务（按小时）", "分队列", "分坐席组", "告警（按规则）",
                             "急件及处理经过", "考勤异常", "早会问题"]
    ws = wb["全场话务（按小时）"]
    assert [c.value for c in ws[1]][:6] == ["时段", "呼入量", "IVR完成", "人工接听", "放弃量",
                                            "接通率"]
    last = [c.value for c in ws[26]]
    assert last[0] == "合计" and last[1] == r.part("floor").rows[-1][1]
    assert ws.cell(26, 6).number_format == "0.0%"
    assert wb["分坐席组"].cell(2, 3).value == pytest.approx(
        r.part("groups").rows[0][2] / 3600)  # hours, not seconds
    pdf = report_pdf.render(ops_html.html(r))
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    # pdftotext maps some glyphs back to radicals (⽇ for 日, ⻓ for 长): fold them
    text = unicodedata.normalize("NFKC", subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True,
        check=True).stdout.decode("utf-8")).replace("\u2ed3", "长")
    assert "坐席运营日报 2026-03-02" in text and "急件及处理经过" in text
    assert f"{100 * r.part('floor').rows[-1][5]:.1f}%" in text  # the day's 接通率
    assert "早会问题" in text and "急件未即时转值班长" in text


def test_a_report_is_claimed_once_and_a_dead_hosts_claim_is_taken_over(
        eng: sa.Engine) -> None:
    t = NOW.astimezone(UTC)
    assert reports_db.claim(eng, "daily", "2026-03-02", "pc-a", t)
    assert not reports_db.claim(eng, "daily", "2026-03-02", "pc-b", t + timedelta(minutes=1))
    # pc-a died while making it: after STALE, pc-b takes it over, and pc-a's late
    # result is not stored over pc-b's
    later = t + reports_db.STALE + timedelta(minutes=1)
    assert reports_db.claim(eng, "daily", "2026-03-02", "pc-b", later)
    assert not reports_db.finish(eng, "daily", "2026-03-02", "pc-a", later, {}, b"x", b"y")
    assert reports_db.finish(eng, "daily", "2026-03-02", "pc-b", later, {"offered": 3},
                             b"xlsx", b"%PDF")
    assert not reports_db.claim(eng, "daily", "2026-03-02", "pc-c", later + timedelta(days=1))
    with eng.connect() as c:
        assert reports_db.files(c, "daily", "2026-03-02") == (b"xlsx", b"%PDF")
        [row] = reports_db.list_reports(c)
        assert (row.status, row.host, row.summary, row.xlsx_bytes) == ("done", "pc-b",
                                                                       {"offered": 3}, 4)
        assert c.execute(sa.select(sa.func.count()).select_from(ReportRow)).scalar() == 1
    # a failed one is tried again at once
    assert reports_db.claim(eng, "monthly", "2026-02", "pc-a", t)
    reports_db.fail(eng, "monthly", "2026-02", "pc-a", "disk full")
    assert reports_db.claim(eng, "monthly", "2026-02", "pc-b", t + timedelta(seconds=5))


def test_the_report_times_are_policy_values_checked_by_key() -> None:
    p = parse_toml('[reports]\ndaily_by = "09:00"\nmonthly_by_day = 2\nproduce_at = "07:00"\n'
                   "webhook_summary = true\n")
    assert p.reports == ReportTimes(time(9), 2, time(7), True)
    assert parse_toml("").reports == ReportTimes()
    for text, key in (('[reports]\nproduce_at = "11:00"\n', "reports.produce_at"),
                      ('[reports]\ndaily_by = "ten"\n', "reports.daily_by"),
                      ("[reports]\nmonthly_by_day = 31\n", "reports.monthly_by_day"),
                      ('[reports]\nwebhook_summary = "yes"\n', "reports.webhook_summary"),
                      ("[reports]\nweekly = 1\n", "reports.weekly")):
        with pytest.raises(PolicyError) as err:
            parse_toml(text)
        assert err.value.key == key


def test_what_is_due_when() -> None:
    t = ReportTimes()
    # R-REPORT-1: before 08:30 on the 2nd the 31st's report is the newest due; the
    # week before it too (a host that was down makes the missed ones)
    assert due_reports(t, datetime(2026, 4, 2, 8, 0, tzinfo=SH)) == [
        *(("daily", f"2026-03-{d}") for d in range(25, 32)), ("monthly", "2026-03")]
    assert due_reports(t, datetime(2026, 4, 1, 8, 0, tzinfo=SH))[-2:] == [
        ("daily", "2026-03-30"), ("monthly", "2026-02")]
    assert due_reports(t, datetime(2026, 4, 1, 8, 30, tzinfo=SH))[-2:] == [
        ("daily", "2026-03-31"), ("monthly", "2026-03")]
    assert deadline("monthly", "2026-03", t) == date(2026, 4, 3)
    assert not late("daily", "2026-03-31", t, datetime(2026, 4, 1, 10, 0, tzinfo=SH))
    assert late("daily", "2026-03-31", t, datetime(2026, 4, 1, 10, 1, tzinfo=SH))
    assert roster_due(t, date(2026, 3, 19)) is None
    assert roster_due(t, date(2026, 3, 20)) == ("2026-04", date(2026, 3, 25))


# ---- the floor host's job, on the virtual clock ------------------------------------------


class HostClock(Clock):
    """The virtual clock as the host's database clock (this PC agrees with it)."""

    def to_local(self, t: datetime) -> datetime:
        return t


def _host(e: sa.Engine, name: str, clock: HostClock) -> AlertScheduler:
    return AlertScheduler(e, host_id=name, clock=clock)


def _stored(e: sa.Engine) -> list[tuple[str, str, str, str]]:
    with e.connect() as c:
        return sorted((r.kind, r.period, r.status, r.host) for r in reports_db.list_reports(c))


def test_the_host_makes_yesterdays_report_once_at_its_time_and_a_standby_makes_none(
        fl: Floor) -> None:
    # 08:29 on the 3rd: the 2nd's report is not due yet (produce_at 08:30); the 1st's
    # is overdue — a host that was down makes it at once. February is before the
    # floor's history: no report of it.
    clock = HostClock(datetime(2026, 3, 3, 8, 29, 59, tzinfo=SH).astimezone(UTC))
    a = _host(fl.e, "pc-a", clock)
    assert a.produce_reports() == [("daily", "2026-03-01")]
    clock.advance(seconds=1)
    assert a.produce_reports() == [("daily", "2026-03-02")]
    assert a.produce_reports() == []  # once
    b = _host(fl.e, "pc-b", clock)  # the standby after a failover
    assert b.produce_reports() == []
    assert _stored(fl.e) == [("daily", "2026-03-01", "done", "pc-a"),
                             ("daily", "2026-03-02", "done", "pc-a")]
    with fl.e.connect() as c:
        got = reports_db.files(c, "daily", "2026-03-02")
    assert got is not None
    xlsx, pdf = got
    assert pdf.startswith(b"%PDF")
    wb = load_workbook(io.BytesIO(xlsx))
    want = reports_db.build(fl.e, "daily", "2026-03-02", clock.now(), Policy())
    assert wb["分队列"].cell(2, 2).value == want.part("queues").rows[0][1]


def test_the_monthly_report_waits_for_the_months_rollups_then_is_made_by_the_3rd(
        fl: Floor) -> None:
    clock = HostClock(datetime(2026, 4, 1, 8, 30, tzinfo=SH).astimezone(UTC))
    a = _host(fl.e, "pc-a", clock)
    a.produce_reports()
    assert ("monthly", "2026-03") not in [(k, p) for k, p, _, _ in _stored(fl.e)]
    # the host's rollup.close catches up (a day per run); here all at once
    rollup_db.rebuild(fl.e, datetime(2026, 3, 3, tzinfo=SH), datetime(2026, 4, 1, tzinfo=SH))
    assert a.produce_reports() == [*(("daily", f"2026-03-{d}") for d in range(25, 32)),
                                   ("monthly", "2026-03")]
    with fl.e.connect() as c:
        [m] = reports_db.list_reports(c, "monthly")
    assert m.summary["offered"] == reports_db.build(
        fl.e, "monthly", "2026-03", clock.now(), Policy()).summary["offered"] > 0
    assert not late("monthly", "2026-03", ReportTimes(), clock.now().astimezone(SH))


def test_the_roster_reminder_stands_from_the_20th_until_next_month_is_rostered(
        eng: sa.Engine) -> None:
    seed_floor(eng, datetime(2026, 3, 1, tzinfo=SH).astimezone(UTC))
    clock = HostClock(datetime(2026, 3, 19, 9, 0, tzinfo=SH).astimezone(UTC))
    h = _host(eng, "pc-a", clock)

    def reminders() -> list[tuple[str, str, bool]]:
        with eng.connect() as c:
            return [(a.subject, a.message, a.resolved_at is not None)
                    for a in alerts_db.list_alerts(c) if a.rule == "R-REPORT-1"]

    h.remind_roster()
    assert reminders() == []
    clock.advance(days=1)  # the 20th: five days before the 25th
    h.remind_roster()
    h.remind_roster()
    [(subject, text, resolved)] = reminders()
    assert subject == "month:2026-04" and "2026-03-25" in text and not resolved
    with eng.connect() as c:  # as the console's alerts panel shows it
        [alert] = [a for a in store.current_state(c).alerts.values()
                   if a.rule == "R-REPORT-1"]
        state = store.current_state(c)
    assert rule_label("R-REPORT-1") == "R-REPORT-1 Next month's roster due"
    assert describe(alert, state) == ("The roster and per-slot staffing of 2026-04 are due "
                                      "on 2026-03-25: no roster entered yet")
    with eng.begin() as c:
        c.execute(sa.insert(RosterRow).values(day=date(2026, 4, 1), shift="白班", person="A1",
                                              role="agent", updated_at=clock.now(),
                                              updated_by="lead1"))
    clock.advance(hours=1)
    h.remind_roster()
    assert [r[2] for r in reminders()] == [True]


def test_the_robot_gets_one_summary_line_when_the_policy_asks(
        fl: Floor, robot: Robot) -> None:  # noqa: F811 - the fixture imported above
    notify.set_webhook(fl.e, "wecom", robot.url(), by="test", now=NOW.astimezone(UTC))
    policies.apply_policy(store.FloorWriter(fl.e, source="test"),
                          "[reports]\nwebhook_summary = true\n", "test", "test",
                          NOW.astimezone(UTC))
    clock = HostClock(datetime(2026, 3, 3, 8, 30, tzinfo=SH).astimezone(UTC))
    made = _host(fl.e, "pc-a", clock).produce_reports()
    assert made == [("daily", "2026-03-01"), ("daily", "2026-03-02")]
    texts = [b["text"]["content"] for b in robot.bodies()]
    assert len(texts) == 2 and texts[1].startswith("【日报 2026-03-02】呼入 ")
    assert "接通率" in texts[1] and "急件" in texts[1]


# ---- seatwatch report ----------------------------------------------------------------------


def test_report_cli_regenerates_lists_and_downloads(fl: Floor, db_url: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["report", "daily", "--db", db_url, "--date", "2026-03-02",
                 "--out", str(out)]) == 0
    # said in Chinese, the title filled in (it printed the English source once)
    assert capsys.readouterr().out.splitlines()[-1].endswith(
        " 2026-03-02：已写出（楼层数据库中存档的一份未改动）")
    xlsx, pdf = out / "日报-2026-03-02.xlsx", out / "日报-2026-03-02.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    want = reports_db.build(fl.e, "daily", "2026-03-02", NOW.astimezone(UTC), Policy())
    assert load_workbook(xlsx)["分队列"].cell(2, 2).value == want.part("queues").rows[0][1]
    assert _stored(fl.e) == []  # the floor's copy is the host's: not touched without --store
    assert main(["report", "monthly", "--db", db_url, "--date", "2026-03-02",
                 "--out", str(out), "--store"]) == 0
    assert [(k, p, s) for k, p, s, _ in _stored(fl.e)] == [("monthly", "2026-03", "done")]
    capsys.readouterr()
    assert main(["report", "list", "--db", db_url, "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["kind"], row["period"], row["status"]) == ("monthly", "2026-03", "done")
    assert row["summary"]["offered"] == want.summary["offered"] + reports_db.build(
        fl.e, "daily", "2026-03-01", NOW, Policy()).summary["offered"] + reports_db.build(
        fl.e, "daily", "2026-03-03", NOW, Policy()).summary["offered"]
    dl = tmp_path / "dl"
    assert main(["report", "get", "monthly", "2026-03", "--db", db_url, "--out", str(dl)]) == 0
    assert (dl / "月报-2026-03.pdf").read_bytes() == (out / "月报-2026-03.pdf").read_bytes()
    assert main(["report", "get", "daily", "2026-03-02", "--db", db_url,
                 "--out", str(dl)]) == 1
    assert "2026-03-02" in capsys.readouterr().err
    assert main(["report", "daily", "--db", db_url, "--date", "March", "--out", str(out)]) == 1
    assert "--date" in capsys.readouterr().err


# ---- the console's Reports dialog ------------------------------------------------------------


class _Ops:
    """Runs a backend's work at once on the test's thread (Ops' contract: answers on
    the GUI thread)."""

    def run_answer(self, fn: Any, on_done: Any, on_error: Any,
                   refusals: tuple[type[Exception], ...] = ()) -> None:
        from views.msg import tr_msg

        try:
            result = fn()
        except refusals as e:
            on_error(tr_msg(e))
            return
        on_done(result)


def _dialog(qtbot: QtBot, e: sa.Engine, operator: str) -> Any:
    from console.ops import BackendContext
    from console.reports_backend import ReportsBackend
    from views.reports_view import ReportsDialog

    d = ReportsDialog(ReportsBackend(BackendContext(e, _Ops(), operator,  # type: ignore[arg-type]
                                                    lambda: NOW, "PC-07")), tz=SH)
    qtbot.addWidget(d)
    d.show()
    return d


def test_the_reports_dialog_lists_the_stored_reports_and_downloads_one(
        qtbot: QtBot, eng: sa.Engine, tmp_path: Path) -> None:
    seed_operators(eng, [("admin", "管理员", ["admin"]), ("L01", "王班长", ["shift_leader"]),
                         ("W01", "大屏", ["wallboard"])], now=NOW.astimezone(UTC))
    t = NOW.astimezone(UTC)
    for period, offered in (("2026-03-01", 120), ("2026-03-02", 3335)):
        assert reports_db.claim(eng, "daily", period, "pc-a", t)
        assert reports_db.finish(eng, "daily", period, "pc-a", t,
                                 {"offered": offered, "answer_rate": 0.9328, "urgent": 19,
                                  "service_level": 0.9}, f"xlsx {period}".encode(), b"%PDF")
    assert reports_db.claim(eng, "monthly", "2026-02", "pc-a", t)
    reports_db.fail(eng, "monthly", "2026-02", "pc-a", "disk full")
    d = _dialog(qtbot, eng, "L01")
    m = d.model
    cells = [[m.data(m.index(r, c)) for c in range(m.columnCount())]
             for r in range(m.rowCount())]
    assert [c[:3] for c in cells] == [["Daily report", "2026-03-02", "Made"],
                                      ["Daily report", "2026-03-01", "Made"],
                                      ["Monthly report", "2026-02", "Failed"]]
    assert cells[0][4:] == ["3335", "93.3%", "90.0%", "19", "pc-a"]
    assert m.data(m.index(2, 2), Qt.ItemDataRole.ToolTipRole) == "disk full"
    d.table.selectRow(2)
    assert not d.download_button.isEnabled()  # a failed report has no files
    d.table.selectRow(0)
    assert d.download_button.isEnabled()
    d.folder = str(tmp_path)
    with qtbot.waitSignal(d.downloaded):
        d.download_button.click()
    assert (tmp_path / "日报-2026-03-02.xlsx").read_bytes() == b"xlsx 2026-03-02"
    assert (tmp_path / "日报-2026-03-02.pdf").read_bytes() == b"%PDF"
    assert "日报-2026-03-02.pdf" in d.status.text()
    # a wall's operator may not read them: refused, in the dialog's status line
    w = _dialog(qtbot, eng, "W01")
    assert w.model.rowCount() == 0 and "W01" in w.status.text()


def test_the_running_host_scheduler_makes_the_report_through_its_persisted_job(
        fl: Floor) -> None:
    """The job as the job store keeps it (a textual reference and the floor key) reaches
    the running scheduler and makes the report: the wiring ``seatwatch service`` runs."""
    clock = HostClock(datetime(2026, 3, 3, 9, 0, tzinfo=SH).astimezone(UTC))
    s = _host(fl.e, "pc-live", clock)
    s.start()
    try:
        assert s.scheduler is not None
        s.scheduler.modify_job("report.produce", next_run_time=datetime.now(UTC))
        wait_until(lambda: len(_stored(fl.e)) == 2, "the job to make the reports", 60)
    finally:
        s.stop(wait=True)
    assert _stored(fl.e) == [("daily", "2026-03-01", "done", "pc-live"),
                             ("daily", "2026-03-02", "done", "pc-live")]
