"""``seatwatch director``: the director's window on its own (issue #17), and the same
window opened from the console's Trends menu or rendered by ``seatwatch screenshot
director``.

The same sign-in as the console; then the operator's right to the trends is read
from the database (``trends_db.choices`` starts with ``operators.require``), and an
operator without it is told so in one line and the program ends — the window is
never shown to them, and every read of the window checks the right again.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from sqlalchemy import Engine

from console.assess_backend import AssessBackend
from console.director_backend import DirectorBackend, error_text
from console.help import about_dialog
from console.league_backend import LeagueBackend
from console.ops import BackendContext, Ops, workstation
from console.qa_backend import QaBackend
from console.reports_backend import ReportsBackend
from console.staffing_backend import StaffingBackend
from console.ui import prepare_ui, qt_app
from models.db import trends_db
from models.domain.roles import Operator
from models.domain.trends import TrendFilter
from views import theme as themes
from views.assessment.page import AssessmentPage
from views.director.heatmap import HeatmapPage
from views.director.league import LeaguePage
from views.director.staffing import StaffingPage
from views.director.window import DirectorWindow
from views.help.guide import GuideWindow
from views.qa.panel import QaPage
from views.reports_view import ReportsPanel

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StartUp:
    """The console's start-up steps :func:`run_director` uses, as ``console.app``
    has them: opening the floor (the start-up error window until it opens), the
    sign-in, and the window a start-up bug reaches."""

    connect_floor: Callable[..., Engine | None]
    sign_in: Callable[..., Operator | None]
    show_startup_bug: Callable[[BaseException, str], None]
    describe_target: Callable[[str | None], str]


def refusal(engine: Engine, operator_id: str) -> str | None:
    """Why ``operator_id`` may not open the director's window (one line, in the
    interface's language), or None when they may. Read from the database."""
    try:
        trends_db.choices(engine, operator_id)
    except Exception as e:  # noqa: BLE001 - a refusal or a fault, shown as one line
        return error_text(e)
    return None


def open_help(win: DirectorWindow, ctx: BackendContext, which: str) -> QDialog:
    """Help › 使用说明 or About (issue #19), one of each per window, non-modal."""
    name = f"help_{which}"
    dlg = win.findChild(QDialog, name)
    if dlg is None:
        dlg = GuideWindow(parent=win) if which == "guide" else \
            about_dialog(ctx, ctx.operator_id, win)
        dlg.setObjectName(name)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    dlg.raise_()
    dlg.activateWindow()
    return dlg


def build_window(ctx: BackendContext, theme: themes.Theme | None = None,
                 parent: QWidget | None = None) -> DirectorWindow:
    """The window with every page, each on its own backend for the operator of
    ``ctx`` (every read checks the right where the data is read)."""
    win = DirectorWindow(DirectorBackend(ctx), ctx.clock, theme, parent)
    win.help_requested.connect(lambda which: open_help(win, ctx, which))
    today = ctx.clock().date()
    league = LeagueBackend(ctx)
    win.add_page(HeatmapPage(league, win.tabs),
                 lambda: QCoreApplication.translate("Director", "SL heat map"))
    win.add_page(LeaguePage(league, win.tabs),
                 lambda: QCoreApplication.translate("Director", "Agent league"))
    staffing = StaffingPage(StaffingBackend(ctx), win.tabs, today=today)
    win.add_page(staffing, lambda: QCoreApplication.translate("Director", "Staffing"))
    # 质检 (issue #18): the same panel as the console's 质量监控, the bar's range its chart's
    win.add_page(QaPage(QaBackend(ctx), theme, win.tabs),
                 lambda: QCoreApplication.translate("Director", "Quality"))
    # 考核 (issue #18): every role that reads the trends reads the assessment too (the
    # department head confirms it); the page's reads check VIEW_ASSESSMENT
    win.add_page(AssessmentPage(AssessBackend(ctx), win.tabs),
                 lambda: QCoreApplication.translate("Director", "Assessment"))
    # 报表 (issue #18, R-REPORT-1): the stored daily and monthly reports, downloadable,
    # the same list as the console's 班务 → 报表…
    win.add_page(ReportsPanel(ReportsBackend(ctx), parent=win.tabs),
                 lambda: QCoreApplication.translate("Director", "Reports"))
    return win


def open_director(ctx: BackendContext, theme: themes.Theme | None = None,
                  parent: QWidget | None = None) -> DirectorWindow:
    """The window for the operator of ``ctx`` (its reads check their right)."""
    win = build_window(ctx, theme, parent)
    win.refresh()
    return win


def _wait(app: QApplication, ops: Ops, rounds: int = 8) -> None:
    for _ in range(rounds):
        ops.wait(10.0)
        for _ in range(5):
            app.processEvents()


def render_director(app: QApplication, engine: Engine, out: Path, *, size: tuple[int, int],
                    theme: str | None, who: Operator, now: datetime, by: str | None,
                    first: date | None, last: date | None,
                    save: Callable[[QWidget, Path, tuple[int, int]], None]) -> Path:
    """The window as ``who`` sees it for the range ``first`` … ``last`` (default: the
    month of ``now`` by day), rendered to ``out`` once its figures have arrived."""
    th = themes.THEMES[theme or "light"]
    themes.apply(app, th)
    ops = Ops()
    ctx = BackendContext(engine, ops, who.id, lambda: now, "screenshot")
    win = build_window(ctx, th)
    try:
        win.resize(*size)
        win.show()
        _wait(app, ops)
        cur = win.filter_bar.current()
        flt = cur or TrendFilter(now.date(), now.date())
        f = TrendFilter(first or (flt.first if last is None else last.replace(day=1)),
                        last or flt.last, by or flt.by)
        win.filter_bar.set_filter(f)
        _wait(app, ops)
        err = win.trends.status.text() if win.trends.status.tone.value == "error" else ""
        if err:
            raise ValueError(err)
        save(win, out, size)
    finally:
        win.close()
        win.deleteLater()
        ops.shutdown()
        app.processEvents()
    return out


def run_director(db: str | None, start: StartUp, *, operator_id: str | None = None,
                 language: str | None = None, theme_name: str | None = None) -> int:
    """Open the floor, sign in as the console does, check the right, run the window.
    0 when closed normally or cancelled at the sign-in; 1 when refused or it never
    got going. ``start``: the console's own start-up steps (the entry point hands
    them over: only it may import the composition root)."""
    connect_floor, sign_in = start.connect_floor, start.sign_in
    show_startup_bug, describe_target = start.show_startup_bug, start.describe_target
    app = qt_app()
    settings = QSettings()
    _i18n, theme = prepare_ui(app, settings, language, theme_name)
    ops = Ops()
    eng: Engine | None = None
    try:
        eng = connect_floor(ops, db)
        if eng is None:
            return 1
        op = sign_in(app, eng, settings, ops, operator_id=operator_id)
        if op is None:
            return 0
        why = _ask(ops, eng, op.id)  # the database's answer, not the roles in hand
        if why is not None:
            box = QMessageBox(QMessageBox.Icon.Warning,
                              QCoreApplication.translate("Director", "Trends"), why,
                              QMessageBox.StandardButton.Close)
            box.setObjectName("directorRefused")
            box.exec()
            return 1
        ctx = BackendContext(eng, ops, op.id, lambda: datetime.now(UTC), workstation())
        win = open_director(ctx, theme)
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        screen = win.screen()
        win.setGeometry(screen.availableGeometry())
        win.showMaximized()
        signal.signal(signal.SIGINT, lambda *_: app.quit())
        return int(app.exec())
    except Exception as e:  # noqa: BLE001 - a start-up bug reaches a window, not a terminal
        show_startup_bug(e, describe_target(db))
        return 1
    finally:
        ops.shutdown()
        if eng is not None:
            eng.dispose()


def _ask(ops: Ops, engine: Engine, operator_id: str) -> str | None:
    """:func:`refusal` off the GUI thread, waited for."""
    got: list[Any] = []
    loop = QEventLoop()

    def done(x: Any) -> None:
        got.append(x)
        loop.quit()

    ops.run(lambda: refusal(engine, operator_id), done,
            lambda e: done(error_text(e)))
    if not got:
        loop.exec()
    return got[0] if got else None
