"""What a user meets first in the console (issue #12): a 1366x768 floor PC, columns
that fit their figures, the talk timer through a hold, a live theme switch, the
detail panel following the floor, the "data updated at" clock on a quiet night,
signed-out agents, and ``seatwatch screenshot`` without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from models.db import engine as dbengine
from models.db import store
from models.domain.floor import FloorState, apply, initial_state
from models.domain.policy import Policy
from models.domain.records import AgentDay
from models.domain.roles import Role
from models.domain.types import AgentState, FloorEvent
from tests.answers import Answerable
from tests.helpers import Clock
from views.agent_model import COL_TIME, AgentTableModel
from views.main_window import MainWindow, Snapshot
from views.queue_model import COL_AR
from views.theme import DARK, LIGHT

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 Asia/Shanghai
ROOT = Path(__file__).resolve().parent.parent


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


SETUP = ev(0, "floor_setup", groups=[{"id": "G1", "name": "一班"}, {"id": "G2", "name": "二班"}],
           queues=[{"id": "Q1", "name": "12345热线"}, {"id": "Q2", "name": "12345企业专线"}],
           agents=[{"id": f"{1001 + i}", "name": f"坐席{i}", "group": "G1" if i < 6 else "G2"}
                   for i in range(12)])


def floor(*events: FloorEvent) -> FloorState:
    s = apply(initial_state(Policy()), SETUP)
    for e in events:
        s = apply(s, e)
    return s


def busy_floor() -> FloorState:
    """7 of 8 calls answered (接通率 87.5 %), one agent on hold, one signed out."""
    evs = [ev(1, "agent_state", agent=f"{1001 + i}", state="ready") for i in range(11)]
    for i in range(8):
        evs.append(ev(10 + i, "call_queued", call=f"C{i}", queue="Q1",
                      caller=f"1380013800{i}"))
        if i < 7:
            evs.append(ev(12 + i, "call_answered", call=f"C{i}", agent=f"{1001 + i}"))
        else:
            evs.append(ev(60, "call_abandoned", call=f"C{i}"))
    evs.append(ev(100, "hold_started", call="C0"))
    return floor(*evs)


class Backend:
    operator_id = "L01"
    operator_name = "张班长"
    operator_roles = frozenset({Role.SHIFT_LEADER})

    def __init__(self) -> None:
        self.loads: list[str] = []
        self.day: Callable[[str], AgentDay] | None = None
        #: the agent's day is refused with this reason (the database gone)
        self.day_refused: str | None = None

    def submit(self, owner: Any, cmd: Any, supersedes: Any = ()) -> Answerable:
        return Answerable(owner, lambda done, refused, conflict: done(None))

    def load_agent_day(self, owner: Any, agent: str) -> Answerable:
        self.loads.append(agent)
        day, why = self.day, self.day_refused

        def answer(done: Callable[[Any], None], refused: Callable[[str], None],
                   _conflict: Any) -> None:
            if why is not None:
                refused(why)
            elif day is not None:
                done(day(agent))
        return Answerable(owner, answer)


def snap(state: FloorState, *, changed: frozenset[str] | None = None,
         at: datetime | None = None) -> Snapshot:
    return Snapshot(state=state, stale=False, stale_since=None, reason="", events=(),
                    changed_agents=changed, read_at=at or state.at)


@pytest.fixture
def zh() -> Iterator[None]:
    from console.ui import I18n

    app = QApplication.instance()
    assert app is not None
    i18n = I18n(app)
    i18n.install("zh_CN")
    yield
    i18n.install("en")


class NeverAnswered:
    """A request that is never answered (nothing is sent)."""

    def done(self, fn: Callable[[Any], None]) -> NeverAnswered:
        return self

    def refused(self, fn: Callable[[str], None]) -> NeverAnswered:
        return self

    def run(self) -> None:
        pass


class NoAlerts:
    """An alerts source that answers nothing (the buttons show; nothing is sent)."""

    def __getattr__(self, name: str) -> Callable[..., NeverAnswered]:
        return lambda *a, **k: NeverAnswered()


def make_window(qtbot: QtBot, tmp_path: Path, clock: Clock, theme: Any = LIGHT,
                backend: Backend | None = None, name: str = "w") -> MainWindow:
    w = MainWindow(backend or Backend(), theme, clock,
                   QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat),
                   alerts=NoAlerts(), sounds=False)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    return w


def inside(w: QWidget, child: QWidget) -> bool:
    r = QRect(child.mapTo(w, QPoint(0, 0)), child.size())
    return child.isVisible() and w.rect().contains(r)


# ---- item 3: a 1366x768 floor PC ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_console_fits_a_1366x768_screen_with_every_dock_open(
        qtbot: QtBot, tmp_path: Path, lang: str, request: pytest.FixtureRequest) -> None:
    if lang == "zh_CN":
        request.getfixturevalue("zh")
    clock = Clock(T0 + timedelta(seconds=120))
    w = make_window(qtbot, tmp_path, clock)
    w.apply_snapshot(snap(busy_floor()))
    w.alerts_dock.show()
    w.select_agent("1001")
    hint = w.minimumSizeHint().expandedTo(w.minimumSize())
    # 768 less a taskbar: the window must fit what a maximized window gets
    assert hint.width() <= 1366 and hint.height() <= 728, hint
    w.resize(1366, 728)
    w.show()
    qtbot.waitExposed(w)
    assert (w.width(), w.height()) == (1366, 728)
    for child in (w.alerts_panel.ack_button, w.alerts_panel.resolve_button, w.statusBar(),
                  w.status_updated, w.agent_view, w.queue_view, w.commands_list):
        assert inside(w, child), child.objectName() or type(child).__name__


def test_screenshot_is_the_size_asked_or_fails(sqlite_url: str, tmp_path: Path) -> None:
    from console.screenshot import render

    eng = dbengine.make_engine(sqlite_url)
    try:
        store.FloorWriter(eng, "test").append([SETUP])
        out = render("console", eng, tmp_path / "small.png", size=(1366, 768), lang="zh_CN",
                     theme="light")
        from PySide6.QtGui import QImage

        img = QImage(str(out))
        assert (img.width(), img.height()) == (1366, 768)
        with pytest.raises(ValueError, match=r"--size 300x200: .*cannot be shown that small"):
            render("console", eng, tmp_path / "tiny.png", size=(300, 200), lang="en",
                   theme="light")
        assert not (tmp_path / "tiny.png").exists()
    finally:
        eng.dispose()


# ---- item 4: columns fit their figures and the window ---------------------------------------


def _queue_cells_fit(w: MainWindow) -> list[str]:
    """Texts of the queue table that would be elided ("87…"): wider than their column
    less the cell's margins."""
    bold = QFont(w.queue_view.font())
    bold.setBold(True)
    fm = QFontMetrics(bold)
    cut = []
    m = w.queues
    for r in range(m.rowCount()):
        for c in range(m.columnCount()):
            text = str(m.index(r, c).data() or "")
            if fm.horizontalAdvance(text) + 8 > w.queue_view.columnWidth(c):
                cut.append(text)
    hfm = w.queue_view.horizontalHeader().fontMetrics()
    for c in range(m.columnCount()):
        text = str(m.headerData(c, Qt.Orientation.Horizontal))
        if hfm.horizontalAdvance(text) + 8 > w.queue_view.columnWidth(c):
            cut.append(text)
    return cut


@pytest.mark.parametrize("size", [(1366, 728), (1920, 1040)])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_kpi_figures_are_never_elided_and_every_agent_column_is_on_screen(
        qtbot: QtBot, tmp_path: Path, size: tuple[int, int], lang: str,
        request: pytest.FixtureRequest) -> None:
    if lang == "zh_CN":
        request.getfixturevalue("zh")
    clock = Clock(T0 + timedelta(seconds=130))
    w = make_window(qtbot, tmp_path, clock)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    # first start: the floor has no calls yet ("—"), then the figures arrive
    w.apply_snapshot(snap(floor(ev(1, "agent_state", agent="1001", state="ready"))))
    w.apply_snapshot(snap(busy_floor()))
    w.tick()
    QApplication.processEvents()  # the views lay out their headers on a posted event
    assert w.queues.index(0, COL_AR).data() == "87.5%"
    assert _queue_cells_fit(w) == []
    # every agent column, 状态时长 included, starts and ends inside the table's viewport
    header = w.agent_view.horizontalHeader()
    vp = w.agent_view.viewport().width()
    for c in range(w.agents.columnCount()):
        assert header.sectionViewportPosition(c) >= 0
        assert header.sectionViewportPosition(c) + header.sectionSize(c) <= vp, c
    assert not w.agent_view.horizontalScrollBar().isVisible()
    # the talk timer with its hold is not elided either
    w.select_agent("1001")
    idx = w.proxy.mapFromSource(w.agents.index(0, COL_TIME))
    text = str(idx.data())
    assert "hold" in text or "保持" in text
    assert w.agent_view.fontMetrics().horizontalAdvance(text) + 8 <= \
        w.agent_view.columnWidth(COL_TIME)
    # maximizing: the columns follow the window (the table fills its width)
    w.resize(size[0] + 300, size[1])
    qtbot.waitUntil(lambda: header.length() >= w.agent_view.viewport().width())


# ---- item 8: the talk timer through a hold ---------------------------------------------------


def test_talk_time_counts_from_the_answer_and_the_hold_shows_inside_it() -> None:
    state = floor(ev(1, "agent_state", agent="1001", state="ready"),
                  ev(2, "call_queued", call="C1", queue="Q1"),
                  ev(10, "call_answered", call="C1", agent="1001"),
                  ev(60, "hold_started", call="C1"),
                  ev(80, "hold_ended", call="C1"))
    clock = Clock(T0 + timedelta(seconds=130))
    m = AgentTableModel(LIGHT, clock)
    m.set_snapshot(state)
    idx = m.index(0, COL_TIME)
    assert m.data(idx) == "02:00"  # from the answer at 10 s, not from the hold's end
    # on hold again: the talk time goes on and the hold shows inside it
    held = apply(state, ev(100, "hold_started", call="C1"))
    m.set_snapshot(held)
    clock.t = T0 + timedelta(seconds=129)
    assert m.data(idx) == "01:59 (hold 00:29)"
    assert m.data(idx, Qt.ItemDataRole.BackgroundRole).color() == LIGHT.warn
    clock.t = T0 + timedelta(seconds=130)  # R-HOLD-1: 30 s of hold is the limit itself
    assert m.data(idx) == "02:00 (hold 00:30)"
    assert m.data(idx, Qt.ItemDataRole.BackgroundRole).color() == LIGHT.warn  # R-LIMIT-1
    clock.t = T0 + timedelta(seconds=131)  # still on after it: over
    assert m.data(idx) == "02:01 (hold 00:31)"
    assert m.data(idx, Qt.ItemDataRole.BackgroundRole).color() == LIGHT.over
    # ringing and after-call work still count from their own start
    done = apply(apply(held, ev(110, "hold_ended", call="C1")),
                 ev(120, "call_ended", call="C1"))
    m.set_snapshot(done)
    assert m.data(idx) == "00:11"  # after-call work since 120, read at 131


# ---- item 11: a screenshot over SSH without a display ----------------------------------------


def test_headless_platform_only_when_there_is_no_display() -> None:
    from console.cli import headless_platform

    assert headless_platform({}) == "offscreen"
    assert headless_platform({"DISPLAY": ":0"}) is None
    assert headless_platform({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert headless_platform({"QT_QPA_PLATFORM": "xcb"}) is None


def test_screenshot_without_a_display_renders_offscreen(sqlite_url: str,
                                                        tmp_path: Path) -> None:
    eng = dbengine.make_engine(sqlite_url)
    store.FloorWriter(eng, "test").append([SETUP])
    eng.dispose()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    out = tmp_path / "ssh.png"
    r = subprocess.run([sys.executable, "-m", "console.cli", "screenshot", "console",
                        "--db", sqlite_url, "--out", str(out), "--size", "1366x768"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "xcb" not in r.stderr
    assert out.exists() and out.stat().st_size > 5_000


# ---- item 9: a live theme switch ---------------------------------------------------------------


def _colours(w: MainWindow) -> dict[str, Any]:
    from PySide6.QtGui import QPalette

    w.select_agent("1001")
    QApplication.processEvents()
    return {
        "detail title": w.detail_title.palette().color(QPalette.ColorRole.WindowText).name(),
        "chips": w.summary.texts[0],
        "legend": w.timeline_legend.text(),
        "timeline": w.timeline.theme.name,
        "banner": w.banner.styleSheet(),
        "state cell": w.agents.data(w.agents.index(0, 3),
                                    Qt.ItemDataRole.BackgroundRole).color().name(),
        "queue figure": w.queues.data(w.queues.index(0, COL_AR),
                                      Qt.ItemDataRole.ForegroundRole).color().name(),
        "alerts": w.alerts_panel.theme.name,
        "urgent": w.urgent_banner.theme.name,
    }


def test_a_live_theme_switch_paints_like_a_window_started_in_that_theme(
        qtbot: QtBot, tmp_path: Path) -> None:
    from views import theme as themes

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    clock = Clock(T0 + timedelta(seconds=130))
    try:
        themes.apply(app, LIGHT)
        w = make_window(qtbot, tmp_path, clock, LIGHT, name="light")
        w.apply_snapshot(snap(busy_floor()))
        w.show()
        light = _colours(w)
        themes.apply(app, DARK)  # what ConsoleApp.set_theme does
        w.set_theme(DARK)
        switched = _colours(w)
        fresh = make_window(qtbot, tmp_path, clock, DARK, name="dark")
        fresh.apply_snapshot(snap(busy_floor()))
        fresh.show()
        started = _colours(fresh)
        assert switched == started
        assert switched["detail title"] != light["detail title"]  # readable on dark
        assert switched["chips"] != light["chips"]
    finally:
        themes.apply(app, LIGHT)


def test_console_app_switches_every_part_of_the_window(qtbot: QtBot, sqlite_url: str,
                                                      tmp_path: Path) -> None:
    from PySide6.QtGui import QPalette

    from console.app import ConsoleApp
    from models.domain.roles import Operator
    from views import theme as themes

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    eng = dbengine.make_engine(sqlite_url)
    ca = ConsoleApp(app, eng, operator=Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER})),
                    settings=QSettings(str(tmp_path / "ca.ini"), QSettings.Format.IniFormat),
                    language="en", theme_name="light")
    qtbot.addWidget(ca.window)
    try:
        ca.window.apply_snapshot(snap(busy_floor()))
        ca.set_theme("dark")
        qtbot.waitUntil(lambda: ca.window.detail_title.palette().color(
            QPalette.ColorRole.WindowText) == DARK.text)
        assert DARK.state_colour(AgentState.READY).name() in ca.window.summary.texts[0]
    finally:
        ca.shutting_down.emit()
        themes.apply(app, LIGHT)
        eng.dispose()


# ---- item 7: the agent's day follows the floor; the day bar has hours and a legend -------------


def _day(agent: str) -> AgentDay:
    start = T0 - timedelta(hours=2, minutes=30)
    return AgentDay(agent=agent, start=start, end=T0 + timedelta(hours=3),
                    segments=[(start, T0, AgentState.READY),
                              (T0, T0 + timedelta(minutes=2), AgentState.TALKING)],
                    calls=[], tickets=[])


def test_the_agent_detail_reloads_when_that_agents_events_arrive(qtbot: QtBot,
                                                                 tmp_path: Path) -> None:
    backend = Backend()
    backend.day = _day
    clock = Clock(T0 + timedelta(seconds=130))
    w = make_window(qtbot, tmp_path, clock, backend=backend)
    w.detail_refresh.setInterval(20)
    state = busy_floor()
    w.apply_snapshot(snap(state))
    w.show()
    w.select_agent("1002")
    assert backend.loads == ["1002"]
    # another agent's events: nothing to reload
    other = apply(state, ev(140, "call_ended", call="C0"))
    w.apply_snapshot(Snapshot(other, False, None, "", (ev(140, "call_ended", call="C0"),),
                              frozenset({"1001"}), other.at))
    assert not w.detail_refresh.isActive()
    # three of this agent's events in a burst: one reload (throttled), not three
    for i in range(3):
        e = ev(150 + i, "call_ended" if i == 0 else "agent_state", call="C1", agent="1002",
               state="ready")
        w.apply_snapshot(Snapshot(state, False, None, "", (e,), frozenset({"1002"}), state.at))
    qtbot.waitUntil(lambda: len(backend.loads) == 2)
    qtbot.waitUntil(lambda: not w.detail_refresh.isActive())
    assert backend.loads == ["1002", "1002"]
    # a heartbeat-only update reloads nothing
    w.apply_snapshot(Snapshot(state, False, None, "", (), frozenset(), state.at))
    assert not w.detail_refresh.isActive()


def test_an_agent_day_that_cannot_be_read_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    """Issue #15: every request has a visible failure path. The selected agent's day
    (calls, tickets, the day bar) read while the database is gone: the status bar says
    so, instead of the panel silently showing the previous agent's day."""
    backend = Backend()
    backend.day_refused = "数据库不可用"
    w = make_window(qtbot, tmp_path, Clock(T0 + timedelta(seconds=130)), backend=backend)
    w.apply_snapshot(snap(busy_floor()))
    w.show()
    w.select_agent("1002")
    assert backend.loads == ["1002"]
    assert "数据库不可用" in w.statusBar().currentMessage()


def test_the_day_bar_has_an_hour_axis_and_a_legend(qtbot: QtBot, tmp_path: Path,
                                                   zh: None) -> None:
    from views.widgets import TIMELINE_STATES

    backend = Backend()
    backend.day = _day
    w = make_window(qtbot, tmp_path, Clock(T0), backend=backend)
    w.apply_snapshot(snap(busy_floor()))
    w.show()
    w.select_agent("1002")
    marks = [label for _x, label in w.timeline.hour_marks()]
    # 06:30 to 12:00 floor time (Asia/Shanghai): the full hours between
    assert marks == ["07:00", "08:00", "09:00", "10:00", "11:00", "12:00"]
    assert all(0.0 <= x <= 1.0 for x, _l in w.timeline.hour_marks())
    legend = w.timeline_legend.text()
    from views.kit.texts import state_name

    for st in TIMELINE_STATES:
        assert state_name(st) in legend and LIGHT.state_colour(st).name() in legend
    assert "通话" in legend
    assert w.timeline.height() > w.timeline.BAR_H  # room for the hour labels


# ---- also wanted: signed-out agents hidden by default, the choice remembered -----------------


def test_signed_out_agents_are_hidden_until_asked_for_and_the_choice_is_remembered(
        qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock(T0 + timedelta(seconds=130))
    w = make_window(qtbot, tmp_path, clock, name="lo")
    w.apply_snapshot(snap(busy_floor()))  # 11 signed in, 1012 signed out
    shown = {w.proxy.index(r, 0).data() for r in range(w.proxy.rowCount())}
    assert "1012" not in shown and len(shown) == 11
    assert w.count_label.text() == "11 of 12 agents"
    # asking for 签出 in the state filter shows them whatever the toggle says
    w.state_box.setCurrentIndex(w.state_box.findData(AgentState.LOGGED_OUT.value))
    assert [w.proxy.index(r, 0).data() for r in range(w.proxy.rowCount())] == ["1012"]
    w.state_box.setCurrentIndex(0)
    w.show_logged_out.setChecked(True)
    assert w.proxy.rowCount() == 12
    w.close()
    again = make_window(qtbot, tmp_path, clock, name="lo")
    again.apply_snapshot(snap(busy_floor()))
    assert again.show_logged_out.isChecked() and again.proxy.rowCount() == 12


def test_after_maximizing_on_first_start_no_agent_column_is_off_screen(
        qtbot: QtBot, tmp_path: Path, zh: None) -> None:
    """The window opens at its default size, then the user maximizes it on a
    1366x768 floor PC: the split follows, so 状态时长 and the rest stay in view."""
    w = make_window(qtbot, tmp_path, Clock(T0 + timedelta(seconds=130)))
    w.resize(760, 600)  # its size before the first maximize
    w.show()
    qtbot.waitExposed(w)
    w.apply_snapshot(snap(busy_floor()))
    w.resize(1366, 728)
    QApplication.processEvents()
    header = w.agent_view.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionViewportPosition(9) + header.sectionSize(9)
                    <= w.agent_view.viewport().width())
    assert not w.agent_view.horizontalScrollBar().isVisible()
    assert w.detail_scroll.width() >= 280


# ---- item 5: "数据更新于" on a quiet floor -------------------------------------------------------


def test_data_updated_at_moves_on_a_quiet_floor(qtbot: QtBot, db_url: str,
                                                tmp_path: Path) -> None:
    """No event for a while, the floor host beating: the status bar's time is the
    last successful read, so it keeps moving (it stood at the last event's time)."""
    from console.app import ConsoleApp
    from console.feed import FloorFeed
    from models.domain.roles import Operator
    from tests.helpers import Beater

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    eng = dbengine.make_engine(db_url)
    store.FloorWriter(eng, "test").append([SETUP])
    feed = FloorFeed(db_url, poll_s=0.05, stale_after_s=3.0, heartbeat_every_s=0.2)
    ca = ConsoleApp(app, eng, operator=Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER})),
                    settings=QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat),
                    language="en", theme_name="light", feed=feed)
    qtbot.addWidget(ca.window)
    w = ca.window
    seen: list[str] = []

    def moved() -> bool:
        text = w.status_updated.text()
        if "—" not in text and (not seen or seen[-1] != text):
            seen.append(text)
        return len(seen) >= 3

    try:
        with Beater(eng):
            ca.start()
            qtbot.waitUntil(lambda: w.snapshot is not None and not w.snapshot.stale,
                            timeout=15000)
            last_event = w.snapshot.state.last_event_id  # type: ignore[union-attr]
            qtbot.waitUntil(moved, timeout=15000)
        assert w.snapshot is not None and w.snapshot.state.last_event_id == last_event
        assert all(t.startswith("Data updated at ") for t in seen)
    finally:
        ca.shutting_down.emit()
        eng.dispose()


def test_the_console_opens_maximized_on_a_pc_that_remembers_no_size(
        qtbot: QtBot, sqlite_url: str, tmp_path: Path) -> None:
    """A new PC (no window size remembered): the console fills the screen instead of
    opening at its minimum size, which is small enough for 1366x768 (issue #12 item 3);
    a size the operator left is kept on the next start."""
    from console.app import ConsoleApp
    from console.feed import FloorFeed
    from models.domain.roles import Operator

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    eng = dbengine.make_engine(sqlite_url)
    store.FloorWriter(eng, "test").append([SETUP])
    ini = tmp_path / "q.ini"
    leader = Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER}))
    try:
        for expect_max in (True, False):
            ca = ConsoleApp(app, eng, operator=leader,
                            settings=QSettings(str(ini), QSettings.Format.IniFormat),
                            language="en", theme_name="light", feed=FloorFeed(sqlite_url))
            qtbot.addWidget(ca.window)
            try:
                ca.start()
                qtbot.waitUntil(ca.window.isVisible)
                assert ca.window.isMaximized() is expect_max
                if expect_max:
                    ca.window.showNormal()
                    ca.window.resize(1000, 700)
            finally:
                ca.shutting_down.emit()
                ca.window.close()  # remembers the size
    finally:
        eng.dispose()
