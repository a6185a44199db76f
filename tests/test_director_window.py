"""The director's window as people open it (issue #17): ``seatwatch director`` and
the console's Trends entry build the same window of five pages, on the simulated
floor of tests/test_director.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

import tests.test_director as td
from console.ops import BackendContext, Ops
from models.domain.trends import TrendFilter
from views.director.charts import TrendsPage

#: the simulated floor, its engine and the ops of tests/test_director.py
floor, engine, ops = td.floor, td.engine, td.ops
NOW, shown = td.NOW, td.shown


def test_the_window_people_open_has_every_page_each_read_only_when_shown(
        qtbot: QtBot, engine: sa.Engine, ops: Ops, tmp_path: Path) -> None:
    """``seatwatch director`` and the console's Trends entry build the same window:
    trends, heat map, league, staffing, quality (质检) and the monthly assessment (考核,
    issue #18), titled in the language in force; a page is read when it is shown (not
    all six at every filter change), and the toolbar's
    Excel button saves the visible page's own numbers."""
    from PySide6.QtCore import QCoreApplication

    from console.director_app import open_director
    from console.ui import I18n
    from views.assessment.page import AssessmentPage
    from views.director.heatmap import HeatmapPage
    from views.director.league import LeaguePage
    from views.director.staffing import StaffingPage
    from views.qa.panel import QaPage
    from views.reports_view import ReportsPanel

    ctx = BackendContext(engine, ops, "D1", lambda: NOW, "test")
    win = open_director(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    pages = [win.tabs.widget(i) for i in range(win.tabs.count())]
    assert [type(p) for p in pages] == [TrendsPage, HeatmapPage, LeaguePage, StaffingPage,
                                        QaPage, AssessmentPage, ReportsPanel]
    assert pages[4].choices is None  # 质检 (issue #18): not read before it is shown
    heat, league = pages[1], pages[2]
    assert isinstance(heat, HeatmapPage) and isinstance(league, LeaguePage)
    shown(qtbot, win, TrendFilter(date(2026, 3, 1), date(2026, 3, 3), "day"))
    assert heat.heat is None and league.league is None  # not visible, not read
    win.tabs.setCurrentWidget(league)
    qtbot.waitUntil(lambda: league.league is not None, timeout=20000)
    assert league.league.rows and heat.heat is None
    out = tmp_path / "league.xlsx"
    league.ask_path = lambda: str(out)
    win.xlsx_action.trigger()  # the league's own export, not the trends' numbers
    qtbot.waitUntil(out.exists, timeout=20000)
    ws = load_workbook(out).active
    assert ws.cell(2, 1).value == "工号"  # the league's sheet: a title row, then headers
    assert [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)] == [
        r.agent_id for r in league.sorted_rows()]
    win.tabs.setCurrentWidget(heat)
    qtbot.waitUntil(lambda: heat.heat is not None, timeout=20000)
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert titles == ["Trends", "SL heat map", "Agent league", "Staffing", "Quality",
                      "Assessment", "Reports"]
    i18n = I18n(QCoreApplication.instance())
    try:
        i18n.install("zh_CN")  # Qt posts a LanguageChange to every widget
        # (考核's own title is in /work/tr/assessui.json until merged into the .ts)
        qtbot.waitUntil(lambda: [win.tabs.tabText(i) for i in range(5)] == [
            "趋势", "服务水平热力图", "坐席排名", "人力配置", "质检"], timeout=5000)
    finally:
        i18n.install("en")
        qtbot.waitUntil(lambda: win.tabs.tabText(0) == "Trends", timeout=5000)


def test_the_reports_page_lists_the_stored_reports_and_downloads_one(
        qtbot: QtBot, engine: sa.Engine, ops: Ops, tmp_path: Path) -> None:
    """报表 in the director's window (issue #18, R-REPORT-1): the reports the floor host
    stored, read when the page is shown, on the floor's clock; 下载… writes the files;
    the toolbar's Back, PNG and Excel have nothing to do there and are off."""
    from datetime import UTC, datetime

    from console.director_app import open_director
    from models.db import reports_db
    from views.reports_view import ReportsPanel

    t = datetime(2026, 3, 3, 1, 5, tzinfo=UTC)  # 09:05 in Shanghai
    assert reports_db.claim(engine, "daily", "2026-03-02", "pc-a", t)
    assert reports_db.finish(engine, "daily", "2026-03-02", "pc-a", t,
                             {"offered": 3335, "answer_rate": 0.9328, "urgent": 19,
                              "service_level": 0.9}, b"xlsx 2026-03-02", b"%PDF-1.4 x")
    win = open_director(BackendContext(engine, ops, "D1", lambda: NOW, "test"))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    shown(qtbot, win, TrendFilter(date(2026, 3, 1), date(2026, 3, 3), "day"))
    page = win.tabs.widget(win.tabs.count() - 1)
    assert isinstance(page, ReportsPanel)
    assert page.model.rowCount() == 0  # not read before it is shown
    assert win.png_action.isEnabled() and win.xlsx_action.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        win.tabs.setCurrentWidget(page)
    assert not win.filter_bar.isVisible()
    assert not (win.png_action.isEnabled() or win.xlsx_action.isEnabled()
                or win.back_action.isEnabled())
    m = page.model
    row = [m.data(m.index(0, c)) for c in range(m.columnCount())]
    assert row == ["Daily report", "2026-03-02", "Made", "2026-03-03 09:05", "3335", "93.3%",
                   "90.0%", "19", "pc-a"]
    # the toolbar's Refresh reads the list again: a report stored since appears
    assert reports_db.claim(engine, "monthly", "2026-02", "pc-a", t)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        win.refresh_action.trigger()
    assert m.rowCount() == 2
    page.table.selectRow(next(r for r in range(2) if m.item_at(r).kind == "daily"))
    page.folder = str(tmp_path)
    with qtbot.waitSignal(page.downloaded, timeout=20000):
        page.download_button.click()
    assert (tmp_path / "日报-2026-03-02.xlsx").read_bytes() == b"xlsx 2026-03-02"
    assert (tmp_path / "日报-2026-03-02.pdf").read_bytes() == b"%PDF-1.4 x"
    assert "日报-2026-03-02.pdf" in page.status.text()
    # back on a page with charts, the toolbar is whole again
    win.tabs.setCurrentIndex(0)
    assert win.png_action.isEnabled() and win.xlsx_action.isEnabled()


# ---- a dense range: a year by hour ----------------------------------------------------
