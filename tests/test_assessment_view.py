"""The monthly assessment's screen (月度考核, issue #18, DOMAIN §8, R-ASSESS-1…4): the
console's 班务 dialog and the director's 考核 page on the real backend, against
SQLite and PostgreSQL — the sheet shows the engine's numbers, a proposal confirmed
counts once the sheet is drafted again, the shift leader drafts and the department
head confirms, refusals are one line, the exports write their files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from console.assess_backend import AssessBackend
from console.ops import BackendContext, Ops
from models.db import assessment_db as adb
from models.db import engine as dbengine
from models.db.audit import query_audit
from models.db.operators import NotAllowed
from models.db.schema import AttendanceRow, CallRecordRow
from models.db.store import writing
from models.domain import assessment as asm
from models.domain.roles import Operator, Role
from tests.helpers import Clock, seed_floor, seed_operators
from views.assessment.dialog import AssessmentDialog
from views.assessment.entry import EntryInput
from views.assessment.page import AssessmentPage
from views.main_window import MainWindow
from views.theme import LIGHT

TZ = ZoneInfo("Asia/Shanghai")
MONTH = "2026-11"
T0 = datetime(2026, 10, 30, 8, 0, tzinfo=TZ)
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=TZ)
#: handled calls in November: the floor's average is 8.5, so 1004 (6) is ≥ 20 % and
#: < 30 % under it: 系统内考核 80 (R-ASSESS-2); the others 100
CALLS = {"1001": 10, "1002": 10, "1003": 8, "1004": 6}


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
    adb.apply_policy(e, asm.shipped_text("assessment-000.toml"), by="D1", now=T0)
    with writing(e).begin() as c:
        at = datetime(2026, 11, 10, 10, 0, tzinfo=TZ)
        c.execute(insert(CallRecordRow), [
            {"call_id": f"{a}-{i}", "queue_id": "Q1", "agent_id": a, "outcome": "answered",
             "queued_at": at, "answered_at": at + timedelta(seconds=i),
             "ended_at": at + timedelta(seconds=i + 60)}
            for a, n in CALLS.items() for i in range(n)])
        # 1001 came 12 minutes late on 3 November: the floor proposes −5 (R-ASSESS-3)
        c.execute(insert(AttendanceRow), [
            {"day": date(2026, 11, 3), "agent_id": "1001", "type": "late_early",
             "late_min": 12, "early_min": 0, "note": "", "source": "leader",
             "updated_at": T0, "updated_by": "L1"}])
    yield e
    e.dispose()


@pytest.fixture
def ops() -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


#: the dialogs of a test, held until it ends (a dialog collected takes its page along)
_open: list[AssessmentDialog] = []


@pytest.fixture(autouse=True)
def _dialogs() -> Iterator[None]:
    yield
    _open.clear()


class Ticking:
    """The floor's clock a minute later at every request (a person's clicks are)."""

    def __init__(self) -> None:
        self.t = NOW

    def __call__(self) -> datetime:
        self.t += timedelta(minutes=1)
        return self.t


def open_page(qtbot: QtBot, eng: sa.Engine, ops: Ops, who: str) -> AssessmentPage:
    dlg = AssessmentDialog(AssessBackend(BackendContext(eng, ops, who, Ticking(), "test")))
    qtbot.addWidget(dlg)
    _open.append(dlg)
    dlg.show()
    page = dlg.page
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.set_month(MONTH)
    assert page.view is not None, page.status.text()
    return page


def reload(qtbot: QtBot, page: AssessmentPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.reload()


def act(qtbot: QtBot, page: AssessmentPage, button: object) -> None:
    """Click and wait for the answer and the month read again after it."""
    with qtbot.waitSignal(page.answered, timeout=20000):
        button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not page.busy and not page.reloading, timeout=20000)


def cell(page: AssessmentPage, agent: str, kind: str, part: str = "") -> str:
    m = page.sheet_model
    row = m.row_of(agent)
    assert row is not None
    return str(m.data(m.index(row, m.column(kind, part))))


def shown_order(page: AssessmentPage) -> list[str]:
    p = page.sheet_proxy
    return [page.sheet_model.item_at(p.mapToSource(p.index(i, 0)).row()).agent
            for i in range(p.rowCount())]


def test_the_sheet_shows_the_engines_numbers_sortable_with_every_entry_on_selection(
        qtbot: QtBot, eng: sa.Engine, ops: Ops) -> None:
    """R-ASSESS-1/2: each row's scores, the volume and the average it was measured
    against, total, rank and reward as the engine drafted them; sorting by a column
    sorts by value; the selected row lists its entries with their evidence."""
    props = adb.propose(eng, "L1", MONTH)
    adb.confirm_proposals(eng, [p.key for p in props], by="L1", now=NOW, month=MONTH)
    drafted = adb.draft(eng, by="L1", month=MONTH, now=NOW)
    page = open_page(qtbot, eng, ops, "L1")
    ModelTester(None).check(page.sheet_model)  # type: ignore[arg-type]
    assert page.sheet_model.rowCount() == 4
    for r in drafted.rows:
        sysp, ev = r.part("system"), r.part("evaluation")
        assert cell(page, r.agent, "score", "system") == f"{sysp.score:g}"
        assert cell(page, r.agent, "volume", "system") == str(CALLS[r.agent])
        assert cell(page, r.agent, "average", "system") == "8.5"
        assert cell(page, r.agent, "score", "evaluation") == f"{ev.score:g}"
        assert cell(page, r.agent, "total") == f"{r.total:g}"
        assert cell(page, r.agent, "rank") == str(r.rank)
    # the hand-computed figures (R-ASSESS-1…4): 1004 is 29 % under the average → 80;
    # 1001 lost 5 for being late → 97.5; 1002 and 1003 both 100, told apart by the
    # calls handled (10 before 8): ranks 1, 2, 3, 4; 800/500/300 yuan
    assert [cell(page, a, "total") for a in ("1002", "1003", "1001", "1004")] == [
        "100", "100", "97.5", "90"]
    assert [cell(page, a, "rank") for a in ("1002", "1003", "1001", "1004")] == [
        "1", "2", "3", "4"]
    assert [cell(page, a, "reward") for a in ("1002", "1003", "1001", "1004")] == [
        "800", "500", "300", ""]
    assert "Public praise" in cell(page, "1002", "flags")
    page.sheet_table.sortByColumn(page.sheet_model.column("volume", "system"),
                                  Qt.SortOrder.AscendingOrder)
    assert shown_order(page)[:2] == ["1004", "1003"]  # 6 and 8 calls; then two of 10
    page.sheet_table.sortByColumn(page.sheet_model.column("total"),
                                  Qt.SortOrder.AscendingOrder)
    assert shown_order(page)[:2] == ["1004", "1001"]
    page.select_agent("1001")
    text = page.detail.toPlainText()
    assert "2026-11-03" in text and "上下班迟到、早退" in text and "−5" in text
    assert "Attendance register of 2026-11-03 · late 12 min" in text  # the evidence
    assert "recorded by 张班长" in text
    assert "Draft" in page.sheet_state.text() and "张班长" in page.sheet_state.text()


def test_a_confirmed_proposal_counts_once_the_sheet_is_drafted_again(
        qtbot: QtBot, eng: sa.Engine, ops: Ops) -> None:
    page = open_page(qtbot, eng, ops, "L1")
    assert page.draft_button.isVisible() and not page.confirm_button.isVisible()
    act(qtbot, page, page.draft_button)
    assert cell(page, "1001", "total") == "100"
    assert page.proposals_model.rowCount() == 1
    p = page.proposals_model.item_at(0)
    assert (p.agent, p.item, p.points) == ("1001", "late_early", -5)
    assert "late 12 min" in str(page.proposals_model.data(page.proposals_model.index(0, 5)))
    assert not page.accept_button.isEnabled()  # nothing selected yet
    page.proposals_table.selectRow(0)
    act(qtbot, page, page.accept_button)
    assert page.proposals_model.rowCount() == 0
    [e] = [e for e in page.entries_model.rows()]
    assert (e.agent, e.item, e.points, e.source, e.created_by) == (
        "1001", "late_early", -5, "attendance", "L1")
    assert e.evidence["late_min"] == 12
    # the draft no longer shows the register: said so, and the total is still 100
    assert "register changed after the draft" in page.sheet_state.text()
    assert cell(page, "1001", "total") == "100"
    act(qtbot, page, page.draft_button)
    assert cell(page, "1001", "score", "evaluation") == "95"
    assert cell(page, "1001", "total") == "97.5"  # 100 × 50 % + 95 × 50 %
    assert "register changed" not in page.sheet_state.text()


def test_the_shift_leader_drafts_and_the_department_head_confirms(
        qtbot: QtBot, eng: sa.Engine, ops: Ops) -> None:
    adb.draft(eng, by="L1", month=MONTH, now=NOW)
    leader = open_page(qtbot, eng, ops, "L1")
    assert not leader.confirm_button.isVisible() and not leader.confirm_button.isEnabled()
    with pytest.raises(NotAllowed):  # and the database refuses the leader too
        adb.confirm(eng, by="L1", month=MONTH, now=NOW)
    head = open_page(qtbot, eng, ops, "H1")
    # the department head confirms sheets; recording entries is the leader's
    assert not head.draft_button.isVisible() and not head.proposals_box.isVisible()
    assert not head.add_button.isVisible()
    assert head.confirm_button.isVisible() and head.confirm_button.isEnabled()
    asked: list[str] = []
    head.ask_confirm = lambda _t, q: asked.append(q) or True  # type: ignore[method-assign]
    act(qtbot, head, head.confirm_button)
    assert asked and "2026-11" in asked[0]
    sheet = adb.show(eng, "H1", MONTH)
    assert sheet is not None and (sheet.status, sheet.confirmed_by) == ("confirmed", "H1")
    assert "Confirmed" in head.sheet_state.text() and "王部长" in head.sheet_state.text()
    assert not head.confirm_button.isEnabled()
    with eng.connect() as c:
        assert [r.operator for r in query_audit(c, action="assessment_confirm")] == ["H1"]
    # a change after confirmation asks the leader for a reason first; cancelled, nothing
    reload(qtbot, leader)
    reasons: list[str] = []
    leader.ask_reason = lambda _t, q: reasons.append(q) and None  # type: ignore[method-assign]
    leader.ask_entry = lambda: EntryInput(  # type: ignore[method-assign]
        "1002", date(2026, 11, 20), "untidy_desk", None, "桌面杂乱")
    leader.add_button.click()
    assert reasons and "confirmed" in reasons[0]
    assert adb.entries(eng, "L1", MONTH) == []
    leader.ask_reason = lambda _t, _q: "部长要求补登"  # type: ignore[method-assign]
    act(qtbot, leader, leader.add_button)
    [e] = adb.entries(eng, "L1", MONTH)
    assert (e.agent, e.item, e.points, e.note) == ("1002", "untidy_desk", -5, "桌面杂乱")
    with eng.connect() as c:
        [row] = query_audit(c, action="assessment_entry")
    assert row.detail["reason"] == "部长要求补登"


def test_a_refusal_is_one_line_in_chinese(qtbot: QtBot, eng: sa.Engine, ops: Ops) -> None:
    """The engine's reason (the register changed after the draft) reaches the
    department head as one Chinese line, and the sheet stays a draft."""
    from console.ui import I18n

    adb.draft(eng, by="L1", month=MONTH, now=NOW - timedelta(hours=1))
    adb.record_entry(eng, by="L1", now=NOW, agent="1003", day=date(2026, 11, 5),
                     item="untidy_desk")
    i18n = I18n(QCoreApplication.instance())
    try:
        i18n.install("zh_CN")
        head = open_page(qtbot, eng, ops, "H1")
        head.ask_confirm = lambda _t, _q: True  # type: ignore[method-assign]
        act(qtbot, head, head.confirm_button)
        text = head.status.text()
        assert head.status.tone.value == "error"
        assert text.startswith("2026-11 的扣分登记在拟稿后有变动") and "\n" not in text, text
    finally:
        i18n.install("en")
    sheet = adb.show(eng, "H1", MONTH)
    assert sheet is not None and sheet.status == "draft"


def test_the_register_by_hand_dismiss_and_withdraw(qtbot: QtBot, eng: sa.Engine,
                                                   ops: Ops) -> None:
    page = open_page(qtbot, eng, ops, "L1")
    # a ranged item: the leader chooses the points within the policy's range
    page.ask_entry = lambda: EntryInput(  # type: ignore[method-assign]
        "1004", date(2026, 11, 12), "improper_remarks", -20.0, "群内不当言论")
    act(qtbot, page, page.add_button)
    [e] = page.entries_model.rows()
    assert (e.agent, e.item, e.points, e.source) == ("1004", "improper_remarks", -20, "manual")
    # out of range: the engine's refusal on the status line, nothing recorded
    page.ask_entry = lambda: EntryInput(  # type: ignore[method-assign]
        "1004", date(2026, 11, 12), "improper_remarks", -40.0, "")
    act(qtbot, page, page.add_button)
    assert page.status.tone.value == "error" and "-30…-10" in page.status.text()
    assert len(page.entries_model.rows()) == 1
    # the floor's proposal dismissed with a reason: kept, withdrawn, never proposed again
    page.proposals_table.selectRow(0)
    page.ask_reason = lambda _t, _q: "已请假，考勤登记有误"  # type: ignore[method-assign]
    act(qtbot, page, page.dismiss_button)
    assert page.proposals_model.rowCount() == 0
    assert adb.propose(eng, "L1", MONTH) == []
    dismissed = [x for x in page.entries_model.rows() if x.item == "late_early"]
    assert len(dismissed) == 1 and dismissed[0].withdrawn
    r = page.entries_model.row_of(dismissed[0].id)
    assert page.entries_model.data(page.entries_model.index(r, 8)) == "Withdrawn"
    # withdraw the hand entry with a reason
    page.entries_table.selectRow(page.entries_model.row_of(e.id))
    assert page.withdraw_button.isEnabled()
    act(qtbot, page, page.withdraw_button)
    assert all(x.withdrawn for x in page.entries_model.rows())
    act(qtbot, page, page.draft_button)
    assert cell(page, "1004", "score", "evaluation") == "100"
    with eng.connect() as c:
        why = [r.detail["reason"] for r in query_audit(c, action="assessment_withdraw")]
    assert sorted(why) == ["已请假，考勤登记有误", "已请假，考勤登记有误"]


def test_the_exports_write_the_month_and_the_year(qtbot: QtBot, eng: sa.Engine, ops: Ops,
                                                  tmp_path: Path) -> None:
    adb.draft(eng, by="L1", month=MONTH, now=NOW)
    adb.confirm(eng, by="H1", month=MONTH, now=NOW)
    page = open_page(qtbot, eng, ops, "H1")
    out = tmp_path / "11月考核"  # the suffix is added
    page.ask_path = lambda _t, _n: str(out)  # type: ignore[method-assign]
    act(qtbot, page, page.export_button)
    ws = load_workbook(tmp_path / "11月考核.xlsx").active
    assert ws.title == "月度考核表" and "2026年11月" in str(ws.cell(1, 1).value)
    assert "确认：王部长" in str(ws.cell(2, 1).value)
    # the year: November's totals ÷ 12 (R-ASSESS-4)
    with qtbot.waitSignal(page.year_loaded, timeout=20000):
        page.tabs.setCurrentIndex(2)
    m = page.year_model
    row = m.row_of("1001")
    assert m.data(m.index(row, 14)) == "100" and m.data(m.index(row, 16)) == "8.33"
    assert "1 of 12 months confirmed" in page.year_info.text()
    page.year_spin.setValue(2025)
    with qtbot.waitSignal(page.year_loaded, timeout=20000):
        page.year_load_button.click()
    assert m.rowCount() == 0 and "0 of 12 months confirmed" in page.year_info.text()
    page.year_spin.setValue(2026)
    with qtbot.waitSignal(page.year_loaded, timeout=20000):
        page.year_load_button.click()
    page.ask_path = lambda _t, _n: str(tmp_path / "year.xlsx")  # type: ignore[method-assign]
    act(qtbot, page, page.year_export_button)
    ws = load_workbook(tmp_path / "year.xlsx").active
    assert ws.title == "年度考核汇总表"


def test_the_pdf_buttons_write_the_month_and_the_year_to_sign(
        qtbot: QtBot, eng: sa.Engine, ops: Ops, tmp_path: Path) -> None:
    """导出 PDF next to 导出 Excel (issue #18): the form to sign and file, with the
    sheet's numbers, who confirmed it and when (on the floor's clock)."""
    import subprocess
    import unicodedata

    def text(path: Path) -> str:
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                             check=True).stdout.decode("utf-8")
        return "".join(unicodedata.normalize("NFKC", out).split())

    adb.draft(eng, by="L1", month=MONTH, now=NOW)
    adb.confirm(eng, by="H1", month=MONTH, now=NOW)
    page = open_page(qtbot, eng, ops, "H1")
    assert page.export_pdf_button.isEnabled()
    asked: list[str] = []

    def ask(_t: str, name: str) -> str:
        asked.append(name)
        return str(tmp_path / "11月考核")  # the suffix is added

    page.ask_path = ask  # type: ignore[method-assign]
    act(qtbot, page, page.export_pdf_button)
    assert asked[-1].endswith(".pdf")
    got = text(tmp_path / "11月考核.pdf")
    assert "月度考核表(2026年11月)" in got and "第1版" in got
    assert "状态:已确认(部长王部长(H1)于2026-12-0209:00确认" in got
    # 1004 handled 6 against the floor's 8.5: 系统内考核 80 (R-ASSESS-2)
    assert "1004丁二班68.580" in got
    assert "值班长(签字):" in got and "部长(签字):" in got and "第1页共1页" in got
    assert "Written:" in page.status.text() and "11月考核.pdf" in page.status.text()
    with qtbot.waitSignal(page.year_loaded, timeout=20000):
        page.tabs.setCurrentIndex(2)
    assert page.year_export_pdf_button.isEnabled()
    act(qtbot, page, page.year_export_pdf_button)
    assert asked[-1].endswith(".pdf")
    got = text(tmp_path / "11月考核.pdf")
    assert "年度考核汇总表(2026年)" in got and "部长(签字):" in got


def test_the_directors_window_has_the_assessment_page(qtbot: QtBot, eng: sa.Engine,
                                                      ops: Ops) -> None:
    from console.director_app import build_window

    adb.draft(eng, by="L1", month=MONTH, now=NOW)
    win = build_window(BackendContext(eng, ops, "H1", lambda: NOW, "test"))
    qtbot.addWidget(win)
    win.show()
    pages = [win.tabs.widget(i) for i in range(win.tabs.count())]
    [page] = [p for p in pages if isinstance(p, AssessmentPage)]
    assert win.tabs.tabText(win.tabs.indexOf(page)) == "Assessment"
    assert page.view is None  # not read until shown
    assert win.filter_bar.isVisible()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        win.tabs.setCurrentWidget(page)
    assert not win.filter_bar.isVisible()  # the page has its month, not the window's range
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.set_month(MONTH)
    assert page.sheet_model.rowCount() == 4 and page.confirm_button.isVisible()
    win.tabs.setCurrentIndex(0)
    assert win.filter_bar.isVisible()


class _Stub:
    def __init__(self, op: Operator) -> None:
        self.operator = op

    @property
    def operator_id(self) -> str:
        return self.operator.id

    @property
    def operator_name(self) -> str:
        return self.operator.name

    @property
    def operator_roles(self) -> frozenset[Role]:
        return self.operator.roles


@pytest.mark.parametrize("roles,offered", [
    ({Role.SHIFT_LEADER}, True), ({Role.DEPARTMENT_HEAD}, True), ({Role.DIRECTOR}, True),
    ({Role.WALLBOARD}, False), ({Role.ADMIN}, False)],
    ids=["leader", "dept_head", "director", "wallboard", "admin"])
def test_the_shift_menu_offers_the_assessment_with_the_right(
        qtbot: QtBot, tmp_path: Path, roles: set[Role], offered: bool) -> None:
    w = MainWindow(_Stub(Operator("X01", "某人", frozenset(roles))), LIGHT,  # type: ignore[arg-type]
                   Clock(NOW), QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qa = w.shift_actions["assessment"]
    assert qa.isVisible() is offered and qa.isEnabled() is offered
    if offered:
        assert qa.text() == "Monthly a&ssessment…"
        with qtbot.waitSignal(w.admin_requested) as sig:
            qa.trigger()
        assert sig.args == ["assessment"]


def test_seatwatch_screenshot_renders_the_assessment(qtbot: QtBot, eng: sa.Engine,
                                                     tmp_path: Path) -> None:
    """``seatwatch screenshot assessment --month M`` renders the dialog from the database
    as the first shift leader sees it, at exactly the size asked, the sheet drawn."""
    from PySide6.QtGui import QImage

    from console.screenshot import render

    adb.draft(eng, by="L1", month=MONTH, now=NOW)
    out = render("assessment", eng, tmp_path / "a.png", size=(1366, 768), lang="en",
                 theme=None, month=MONTH)
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1366, 768)
    # drawn, not a blank window: the rows, their text and the selected row's colour
    colours = {img.pixelColor(x, y).name() for x in range(30, 1300, 40)
               for y in range(60, 400, 4)}
    assert len(colours) > 5


def test_the_console_opens_the_assessment_from_the_shift_menu(qtbot: QtBot,
                                                              eng: sa.Engine) -> None:
    """班务 → 月度考核 in the real console: one dialog, acting as the operator signed in."""
    from PySide6.QtWidgets import QApplication

    from console.app import ConsoleApp

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    adb.draft(eng, by="L1", month=MONTH, now=NOW)
    ca = ConsoleApp(app, eng, operator=Operator("L1", "张班长", frozenset({Role.SHIFT_LEADER})),
                    language="en")
    qtbot.addWidget(ca.window)
    try:
        ca.window.shift_actions["assessment"].trigger()
        d = ca.dialogs["assessment"]
        assert isinstance(d, AssessmentDialog) and d.isVisible()
        assert d.windowTitle() == "Monthly assessment"
        with qtbot.waitSignal(d.page.loaded, timeout=20000):
            d.page.set_month(MONTH)
        assert d.page.sheet_model.rowCount() == 4 and d.page.draft_button.isVisible()
        ca.window.shift_actions["assessment"].trigger()  # raised again, not a second one
        assert ca.dialogs["assessment"] is d
    finally:
        ca.shutting_down.emit()
