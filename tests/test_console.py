"""The shift leader's console (issue #3) with pytest-qt on the offscreen platform."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.adapters import SimulatorAdapter
from console.host import FloorHost
from models.db import engine as dbengine
from models.domain.commands import Action, SupervisorCommand
from models.domain.floor import FloorState, apply, initial_state
from models.domain.policy import Policy
from models.domain.roles import Operator, Role
from models.domain.types import AgentState, AwayReason, FloorEvent
from tests.answers import Answerable
from tests.helpers import Beater, Clock
from tests.signed import submit_command
from views.agent_model import COL_STATE, COL_TIME, AgentFilterProxy, AgentTableModel
from views.force_dialog import ForceAnswer, ForceDialog
from views.main_window import MainWindow, Snapshot
from views.queue_model import COL_AR, COL_SL, QueueTableModel
from views.theme import LIGHT

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 Asia/Shanghai


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


def floor(*events: FloorEvent, n: int = 4) -> FloorState:
    s = initial_state(Policy())
    s = apply(s, ev(0, "floor_setup", groups=[{"id": "G1", "name": "一班"}],
                    queues=[{"id": "Q1", "name": "12345热线"}],
                    agents=[{"id": f"{1001 + i}", "name": f"坐席{i}", "group": "G1"}
                            for i in range(n)]))
    for e in events:
        s = apply(s, e)
    return s


def snap(state: FloorState, *, stale: bool = False, events: tuple[Any, ...] = (),
         changed: frozenset[str] | None = None, at: datetime | None = None) -> Snapshot:
    return Snapshot(state=state, stale=stale, stale_since=T0 if stale else None,
                    reason="database unreachable" if stale else "", events=events,
                    changed_agents=changed, read_at=at or state.at)


# ---- item models ---------------------------------------------------------------------


def test_models_pass_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    state = floor(ev(1, "agent_state", agent="1001", state="ready"),
                  ev(2, "call_queued", call="C1", queue="Q1", caller="13800138000"),
                  ev(3, "call_answered", call="C1", agent="1001"))
    clock = Clock(T0 + timedelta(seconds=10))
    agents = AgentTableModel(LIGHT, clock)
    agents.set_snapshot(state)
    qtmodeltester.check(agents)
    proxy = AgentFilterProxy()
    proxy.setSourceModel(agents)
    qtmodeltester.check(proxy)
    queues = QueueTableModel(LIGHT, clock)
    queues.set_snapshot(state)
    qtmodeltester.check(queues)


def test_a_snapshot_change_updates_only_the_changed_rows(qtbot: QtBot) -> None:
    state = floor()
    m = AgentTableModel(LIGHT, Clock(T0))
    m.set_snapshot(state)
    seen: list[tuple[int, int]] = []
    m.dataChanged.connect(lambda a, b, *_: seen.append((a.row(), b.row())))
    new = apply(state, ev(5, "agent_state", agent="1003", state="ready"))
    m.set_snapshot(new, frozenset({"1003"}))
    assert seen == [(2, 2)]
    assert m.data(m.index(2, COL_STATE)) == "Ready"
    # a new agent is a row insertion, not a reset
    inserted: list[int] = []
    m.rowsInserted.connect(lambda _p, first, _last: inserted.append(first))
    bigger = apply(new, ev(6, "floor_setup", agents=[{"id": "1002a", "name": "新人",
                                                       "group": "G1"}]))
    m.set_snapshot(bigger, frozenset({"1002a"}))
    assert inserted == [2]  # sorted by 工号: 1001, 1002, 1002a, 1003 …
    assert m.rowCount() == 5


@pytest.mark.parametrize("setup,warn_at,over_at", [
    # R-BREAK-1: short break 10 min, pre-warning at 8 min
    ([("agent_state", {"agent": "1001", "state": "away", "reason": "short_break"})], 480, 600),
    # R-AWAY-1: other 15 min (warning at 80 %)
    ([("agent_state", {"agent": "1001", "state": "away", "reason": "other"})], 720, 900),
    # R-ACW-1: after-call work 15 min
    ([("agent_state", {"agent": "1001", "state": "after_call"})], 720, 900),
    # R-HOLD-1: hold 30 s
    ([("agent_state", {"agent": "1001", "state": "ready"}),
      ("call_queued", {"call": "C1", "queue": "Q1"}),
      ("call_answered", {"call": "C1", "agent": "1001"}),
      ("hold_started", {"call": "C1"})], 24, 30),
])
def test_time_in_state_colour_flips_at_the_limits(setup: list[tuple[str, dict[str, Any]]],
                                                  warn_at: float, over_at: float) -> None:
    state = floor(*(ev(0, t, **d) for t, d in setup))
    clock = Clock(T0)
    m = AgentTableModel(LIGHT, clock)
    m.set_snapshot(state)
    idx = m.index(0, COL_TIME)

    def colour_at(secs: float) -> Any:
        clock.t = T0 + timedelta(seconds=secs)
        brush = m.data(idx, Qt.ItemDataRole.BackgroundRole)
        return None if brush is None else brush.color()

    assert colour_at(warn_at - 1) is None
    assert colour_at(warn_at) == LIGHT.warn
    assert colour_at(over_at - 1) == LIGHT.warn
    # the limit itself is allowed (R-LIMIT-1, issue #16): over only after since + L,
    # as the alert is
    assert colour_at(over_at) == LIGHT.warn
    # on hold the talk time shows first, the hold inside it (issue #12, item 8)
    assert str(m.data(idx)).startswith(f"{int(over_at) // 60:02d}:{int(over_at) % 60:02d}")
    assert colour_at(over_at + 1) == LIGHT.over


def test_planned_away_reasons_have_no_limit() -> None:
    state = floor(ev(0, "agent_state", agent="1001", state="away", reason="training"))
    clock = Clock(T0 + timedelta(hours=3))
    m = AgentTableModel(LIGHT, clock)
    m.set_snapshot(state)
    assert m.data(m.index(0, COL_TIME), Qt.ItemDataRole.BackgroundRole) is None


def test_caller_numbers_are_masked_in_the_table() -> None:
    state = floor(ev(0, "agent_state", agent="1001", state="ready"),
                  ev(1, "call_queued", call="C1", queue="Q1", caller="13800138000"),
                  ev(2, "call_answered", call="C1", agent="1001"))
    m = AgentTableModel(LIGHT, Clock(T0))
    m.set_snapshot(state)
    texts = [str(m.data(m.index(r, c))) for r in range(m.rowCount()) for c in range(10)]
    assert "138****8000" in texts
    assert not any("13800138000" in t for t in texts)  # R-PRIV-1


def test_queue_colours_follow_the_policy_bands() -> None:
    # 1 of 2 answered within T: SL 50 % -> red; answer rate 50 % -> red
    state = floor(ev(0, "agent_state", agent="1001", state="ready"),
                  ev(1, "call_queued", call="A", queue="Q1"),
                  ev(2, "call_answered", call="A", agent="1001"),
                  ev(3, "call_queued", call="B", queue="Q1"),
                  ev(60, "call_abandoned", call="B"))
    q = QueueTableModel(LIGHT, Clock(T0))
    q.set_snapshot(state)
    assert q.band("Q1", COL_SL) == "red" and q.band("Q1", COL_AR) == "red"
    brush = q.data(q.index(0, COL_SL), Qt.ItemDataRole.ForegroundRole)
    assert brush.color() == LIGHT.red
    assert q.data(q.index(0, COL_SL)) == "50.0%"


def test_filters_search_and_only_over_limit() -> None:
    state = floor(ev(0, "agent_state", agent="1001", state="away", reason="short_break"),
                  ev(0, "agent_state", agent="1002", state="ready"))
    clock = Clock(T0 + timedelta(minutes=11))
    m = AgentTableModel(LIGHT, clock)
    m.set_snapshot(state)
    p = AgentFilterProxy()
    p.setSourceModel(m)
    p.set_filters(group=None, states=None, text="坐席1", only_over=False)
    assert p.rowCount() == 1 and p.index(0, 0).data() == "1002"
    p.set_filters(group=None, states=frozenset({AgentState.LOGGED_OUT}), text="",
                  only_over=False)
    assert p.rowCount() == 2
    p.set_filters(group=None, states=None, text="", only_over=True)
    assert [p.index(r, 0).data() for r in range(p.rowCount())] == ["1001"]


# ---- the window with a real host and database ------------------------------------------------


LEADER = Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER}))


class DirectBackend:
    """Writes commands straight to the outbox (the console does it in a background op)."""

    operator_id = "L01"
    operator_name = "张班长"
    operator_roles = frozenset({Role.SHIFT_LEADER})

    def __init__(self, engine: Any, clock: Callable[[], datetime]) -> None:
        self.engine = engine
        self.clock = clock
        self.submitted: list[SupervisorCommand] = []

    def submit(self, owner: Any, cmd: SupervisorCommand, supersedes: Any = ()) -> Answerable:
        self.submitted.append(cmd)
        submit_command(self.engine, cmd, self.clock())
        return Answerable(owner, lambda done, refused, conflict: done(None))

    def load_agent_day(self, owner: Any, agent: str) -> Answerable:
        return Answerable(owner, lambda done, refused, conflict: None)


@pytest.fixture
def floor_host(db_url: str) -> Iterator[tuple[FloorHost, Clock]]:
    eng = dbengine.make_engine(db_url)
    clock = Clock(T0 + timedelta(minutes=30))
    h = FloorHost(eng, SimulatorAdapter(agents=20, seed=5, warmup_s=0), clock=clock)
    h.start()
    _operator(eng, "L01", "张班长", "shift_leader")
    yield h, clock
    eng.dispose()


def _operator(eng: Any, oid: str, name: str, role: str) -> None:
    """Role checks at execution (issue #3) need the operator on record, when the
    operators table exists."""
    try:
        from models.db import operators
    except ImportError:
        return
    with eng.begin() as c:
        operators.create_operator(c, oid, name, "pw-" + oid, {role}, by="test",
                                  now=datetime.now(UTC))


@pytest.fixture
def window(qtbot: QtBot, floor_host: Any, tmp_path: Path) -> tuple[MainWindow, Any]:
    h, clock = floor_host
    backend = DirectBackend(h.engine, clock)
    w = MainWindow(backend, LIGHT, clock, QSettings(str(tmp_path / "w.ini"),
                                                    QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    return w, backend


def _run(h: FloorHost, clock: Clock, seconds: float) -> None:
    end = clock.t + timedelta(seconds=seconds)
    while clock.t < end:
        clock.t += timedelta(seconds=5)
        h.tick()


def _find(h: FloorHost, clock: Clock, pred: Callable[[Any], bool]) -> str:
    for _ in range(400):
        st = h.writer.current()
        for s in st.status.values():
            if pred(s):
                return s.agent
        _run(h, clock, 5)
    raise AssertionError("no agent in the wanted state")


def _push(w: MainWindow, h: FloorHost, events: tuple[Any, ...] = ()) -> None:
    w.apply_snapshot(snap(h.writer.current(), events=events))


def _events_since(h: FloorHost, last: int) -> tuple[Any, ...]:
    from models.db import store

    with h.engine.connect() as c:
        return tuple(store.read_events(c, last, 100_000))


CASES = [
    (Action.MONITOR, lambda s: s.state is AgentState.TALKING,
     lambda st, a, call: ("L01", "monitor") in st.calls[call].supervisors),
    (Action.WHISPER, lambda s: s.state is AgentState.TALKING,
     lambda st, a, call: ("L01", "whisper") in st.calls[call].supervisors),
    (Action.BARGE, lambda s: s.state is AgentState.TALKING,
     lambda st, a, call: ("L01", "barge") in st.calls[call].supervisors),
    (Action.FORCE_RELEASE, lambda s: s.state is AgentState.TALKING,
     lambda st, a, call: call not in st.calls),
    (Action.INTERCEPT, lambda s: s.state is AgentState.TALKING,
     lambda st, a, call: st.calls[call].intercepted_by == "L01"),
    (Action.FORCE_READY, lambda s: s.state is AgentState.AFTER_CALL,
     lambda st, a, call: st.status[a].state is AgentState.READY),
    (Action.FORCE_AWAY, lambda s: s.state is AgentState.READY,
     lambda st, a, call: (st.status[a].state, st.status[a].reason)
     == (AgentState.AWAY, AwayReason.MEETING)),
    (Action.FORCE_LOGOUT, lambda s: s.state is AgentState.READY,
     lambda st, a, call: st.status[a].state is AgentState.LOGGED_OUT),
]


@pytest.mark.parametrize("action,pick,effect", CASES, ids=[c[0].value for c in CASES])
def test_each_control_makes_one_command_the_simulator_executes(
        window: Any, floor_host: Any, action: Action, pick: Any, effect: Any) -> None:
    w, backend = window
    h, clock = floor_host
    agent = _find(h, clock, pick)
    _push(w, h)
    w.select_agent(agent)
    call = h.writer.current().status[agent].call
    w.ask_force = lambda d: answer(d, "质检要求", AwayReason.MEETING)
    qa = w.control_actions[action]
    assert qa.isEnabled()
    last = h.writer.current().last_event_id
    qa.trigger()
    assert len(backend.submitted) == 1
    cmd = backend.submitted[0]
    assert (cmd.action, cmd.agent, cmd.supervisor) == (action, agent, "L01")
    with h.engine.connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM supervisor_command")).scalar_one() == 1
    assert "pending" in w.commands_list.item(0).text() or "处理中" in w.commands_list.item(0).text()
    h.tick()  # the host executes the outbox
    _push(w, h, _events_since(h, last))
    st = h.writer.current()
    assert effect(st, agent, call)
    item = w.commands_list.item(0).text()
    assert "done" in item, item


def test_controls_enable_only_where_they_apply(window: Any, floor_host: Any) -> None:
    w, _ = window
    h, clock = floor_host
    st = h.writer.current()
    out = next(a for a, s in st.status.items() if s.state is AgentState.LOGGED_OUT)
    _push(w, h)
    w.select_agent(out)
    enabled = {a for a, qa in w.control_actions.items() if qa.isEnabled()}
    assert enabled == set()  # no monitor without a call, no force ready when logged out
    ready = _find(h, clock, lambda s: s.state is AgentState.READY)
    _push(w, h)
    w.select_agent(ready)
    enabled = {a for a, qa in w.control_actions.items() if qa.isEnabled()}
    assert enabled == {Action.FORCE_AWAY, Action.FORCE_LOGOUT}


def answer(d: ForceDialog, reason: str | None, away: AwayReason | None = None
           ) -> ForceAnswer | None:
    """Fill the real force dialog as a leader would and press its OK button."""
    if reason is None:
        d.reject()
        return d.answer()
    if away is not None and d.away_box is not None:
        d.away_box.setCurrentIndex(d.away_box.findData(away.value))
    d.reason_edit.insert(reason)  # keyClicks types ASCII only
    d.ok.click()
    return d.answer()


def test_destructive_controls_ask_once_and_a_cancel_sends_nothing(
        window: Any, floor_host: Any) -> None:
    """Issue #12: one dialog names the action and the agent and folds in the
    confirmation: its OK button is the action itself; cancelling sends nothing."""
    w, backend = window
    h, clock = floor_host
    agent = _find(h, clock, lambda s: s.state is AgentState.TALKING)
    _push(w, h)
    w.select_agent(agent)
    seen: list[ForceDialog] = []
    w.ask_force = lambda d: seen.append(d) or answer(d, None)  # type: ignore[func-returns-value]
    w.control_actions[Action.FORCE_RELEASE].trigger()
    assert len(seen) == 1 and agent in seen[0].header.text()
    assert seen[0].ok.text() == "Force release" and seen[0].warning.text()
    assert backend.submitted == []


def test_an_empty_reason_is_refused_in_the_dialog_which_stays_open(
        window: Any, floor_host: Any, qtbot: QtBot) -> None:
    """Issue #12 (R-CTRL-1: every use says why): OK with no reason keeps the dialog
    open with a message; a preset from the floor policy fills the reason."""
    w, backend = window
    h, clock = floor_host
    agent = _find(h, clock, lambda s: s.state is AgentState.READY)
    _push(w, h)
    w.select_agent(agent)
    checked: list[tuple[bool, bool, str]] = []

    def drive(d: ForceDialog) -> ForceAnswer | None:
        d.show()
        QTest.keyClicks(d.reason_edit, "   ")
        d.ok.click()  # nothing but blanks: refused
        checked.append((d.isVisible(), d.error.isVisible(), d.error.text()))
        presets = [b.text() for b in d.preset_group.buttons()]
        assert presets == list(h.writer.current().policy.force_reasons)
        assert "临时会议" in presets
        assert d.away_box is not None
        d.away_box.setCurrentIndex(d.away_box.findData(AwayReason.SHORT_BREAK.value))
        d.preset_group.button(presets.index("临时会议")).click()
        assert not d.error.isVisible()
        d.ok.click()
        return d.answer()

    w.ask_force = drive
    w.control_actions[Action.FORCE_AWAY].trigger()
    visible, error_shown, message = checked[0]
    assert visible and error_shown and "reason" in message
    assert len(backend.submitted) == 1
    cmd = backend.submitted[0]
    assert (cmd.reason, cmd.away_reason) == ("临时会议", AwayReason.SHORT_BREAK)


def test_my_controls_show_labels_never_codes(window: Any, floor_host: Any) -> None:
    """Issue #12: 我的操作 showed the host's raw ``short_break``; it names the action,
    the away reason and the leader's reason by their labels."""
    w, backend = window
    h, clock = floor_host
    agent = _find(h, clock, lambda s: s.state is AgentState.READY)
    _push(w, h)
    w.select_agent(agent)
    last = h.writer.current().last_event_id
    w.ask_force = lambda d: answer(d, "培训", AwayReason.SHORT_BREAK)
    w.control_actions[Action.FORCE_AWAY].trigger()
    h.tick()
    _push(w, h, _events_since(h, last))
    assert h.writer.current().status[agent].reason is AwayReason.SHORT_BREAK
    text = w.commands_list.item(0).text()
    assert text == f"Force away {agent} · Short break (培训): done", text
    assert "short_break" not in text and "/" not in text


def test_the_queue_table_takes_a_busy_floors_snapshots_once_a_second(
        qtbot: QtBot, tmp_path: Path) -> None:
    """Issue #20: the queue figures move with the tick, as the counts do (each of a busy
    floor's six snapshots a second repainted the queue table); new queues show at once."""
    from views.queue_model import COL_WAITING

    w = MainWindow(_NoBackend(), LIGHT, Clock(T0), QSettings(str(tmp_path / "w.ini"),
                                                              QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    base = floor(ev(1, "agent_state", agent="1001", state="ready"))
    w.apply_snapshot(snap(base))
    assert w.queues.index(0, COL_WAITING).data() == 0
    busier = apply(base, ev(2, "call_queued", call="K1", queue="Q1"))
    w.apply_snapshot(snap(busier))
    assert w.queues.index(0, COL_WAITING).data() == 0  # not yet: the tick shows it
    w.tick()
    assert w.queues.index(0, COL_WAITING).data() == 1
    more = apply(busier, ev(3, "floor_setup", groups=[{"id": "G1", "name": "一班"}],
                            queues=[{"id": "Q1", "name": "12345热线"},
                                    {"id": "Q2", "name": "12319热线"}],
                            agents=[{"id": f"{1001 + i}", "name": f"坐席{i}", "group": "G1"}
                                    for i in range(4)]))
    w.apply_snapshot(snap(more))
    assert w.queues.rowCount() == 3  # Q1, Q2 and the floor's total, at once


def test_each_second_repaints_the_time_column_and_nothing_else(qtbot: QtBot,
                                                                tmp_path: Path) -> None:
    """Issue #20: the clock moves the time in state only; each second repaints that
    column of the agent table (the whole table was ten columns of item painting a
    second). The time shown moves on; every other cell stays as it was."""
    from PySide6.QtCore import QEvent, QObject, QPoint, QRect
    from PySide6.QtGui import QImage

    clock = Clock(T0 + timedelta(seconds=30))
    w = MainWindow(_NoBackend(), LIGHT, clock, QSettings(str(tmp_path / "w.ini"),
                                                         QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.apply_snapshot(snap(floor(*[ev(1 + i, "agent_state", agent=f"{1001 + i}", state="ready")
                                  for i in range(4)])))
    QApplication.processEvents()
    view, vp = w.agent_view, w.agent_view.viewport()

    def on_screen() -> QImage:  # the window's own pixels, not a new paint
        return w.screen().grabWindow(w.winId()).toImage()

    class Regions(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.rects: list[QRect] = []

        def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802
            if e.type() == QEvent.Type.Paint:
                self.rects.extend(e.region())  # type: ignore[attr-defined]
            return False

    before = on_screen()
    time_before = w.proxy.index(0, COL_TIME).data()
    spy = Regions()
    vp.installEventFilter(spy)
    clock.t += timedelta(seconds=5)
    w.tick()
    QApplication.processEvents()
    vp.removeEventFilter(spy)
    x, cw = view.columnViewportPosition(COL_TIME), view.columnWidth(COL_TIME)
    assert spy.rects and all(r.left() >= x and r.right() < x + cw for r in spy.rects)
    assert w.proxy.index(0, COL_TIME).data() != time_before
    after = on_screen()
    top_left = vp.mapTo(w, QPoint(0, 0))
    column = QRect(top_left.x() + x, top_left.y(), cw, vp.height())
    others = QRect(top_left.x(), top_left.y(), x, vp.height())  # 工号 … 原因
    assert before.copy(column) != after.copy(column)  # the new times are drawn
    assert before.copy(others) == after.copy(others)


def test_filter_boxes_show_their_whole_texts(qtbot: QtBot, tmp_path: Path) -> None:
    """Issue #12: "All group…" / "All state…" were cut: the filter boxes were sized
    at first show, before the groups came with the first snapshot."""
    state = initial_state(Policy())
    state = apply(state, ev(0, "floor_setup", groups=[
        {"id": "G1", "name": "一班"}, {"id": "G2", "name": "夜班外呼回访与投诉复核组"}],
        queues=[{"id": "Q1", "name": "12345热线"}],
        agents=[{"id": "1001", "name": "坐席", "group": "G1"}]))
    w = MainWindow(_NoBackend(), LIGHT, Clock(T0), QSettings(str(tmp_path / "w.ini"),
                                                              QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.apply_snapshot(snap(state))
    qtbot.waitUntil(lambda: w.group_box.count() == 3)
    for box in (w.group_box, w.state_box):
        fm = box.fontMetrics()
        widest = max(fm.horizontalAdvance(box.itemText(i)) for i in range(box.count()))
        qtbot.waitUntil(lambda box=box, widest=widest: box.width() >= widest + 16)


class _NoBackend:
    operator_id = "L01"
    operator_name = "张班长"
    operator_roles = frozenset({Role.SHIFT_LEADER})

    def submit(self, owner: Any, cmd: SupervisorCommand, supersedes: Any = ()) -> Answerable:
        raise AssertionError("nothing is submitted here")

    def load_agent_day(self, owner: Any, agent: str) -> Answerable:
        return Answerable(owner, lambda done, refused, conflict: None)


def test_stale_data_disables_every_control_and_shows_the_banner(window: Any,
                                                                 floor_host: Any) -> None:
    w, backend = window
    h, clock = floor_host
    agent = _find(h, clock, lambda s: s.state is AgentState.TALKING)
    _push(w, h)
    w.select_agent(agent)
    assert w.control_actions[Action.MONITOR].isEnabled()
    w.apply_snapshot(snap(h.writer.current(), stale=True))
    assert not any(qa.isEnabled() for qa in w.control_actions.values())
    assert w.banner.isVisible() and "database unreachable" in w.banner.text()
    w.control_actions[Action.MONITOR].trigger()
    assert backend.submitted == []
    _push(w, h)
    assert not w.banner.isVisible()
    assert w.control_actions[Action.MONITOR].isEnabled()


def test_my_sessions_strip_lists_and_stops_a_monitor(window: Any, floor_host: Any) -> None:
    w, backend = window
    h, clock = floor_host
    agent = _find(h, clock, lambda s: s.state is AgentState.TALKING)
    _push(w, h)
    w.select_agent(agent)
    last = h.writer.current().last_event_id
    w.control_actions[Action.MONITOR].trigger()
    h.tick()
    _push(w, h, _events_since(h, last))
    call = h.writer.current().status[agent].call
    from PySide6.QtWidgets import QPushButton

    btn = w.sessions_box.findChild(QPushButton, f"stop_{call}")
    # issue #12: the button names what it does (结束监听), not "stop monitoring"
    assert btn is not None and btn.text() == f"End monitoring {agent}"
    # issue #20: the floor's other snapshots leave the strip as it is (it was rebuilt,
    # and the window laid out again, for every snapshot of a busy floor)
    clock.advance(seconds=5)
    h.tick()
    _push(w, h)
    assert w.sessions_box.findChild(QPushButton, f"stop_{call}") is btn
    last = h.writer.current().last_event_id
    btn.click()
    assert backend.submitted[-1].action is Action.STOP
    h.tick()
    assert h.writer.current().calls[call].supervisors == ()
    _push(w, h, _events_since(h, last))
    assert w.commands_list.item(0).text() == f"End monitoring {agent}: done"


def test_my_operations_say_a_control_s_outcome_is_unknown_after_the_host_died(
        window: Any, floor_host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #13 item 5: the leader sees what happened on the floor. The host died
    between acting and recording; the host after it (on a switch that restarted)
    cannot tell whether the control took effect, and 我的操作 says so, not "failed"
    and not "done"."""
    from models.db.schema import HeartbeatRow

    w, backend = window
    h, clock = floor_host
    agent = _find(h, clock, lambda s: s.state is AgentState.READY)
    _push(w, h)
    w.select_agent(agent)
    w.ask_force = lambda d: answer(d, "培训", AwayReason.MEETING)
    last = h.writer.current().last_event_id
    w.control_actions[Action.FORCE_AWAY].trigger()
    real = h.writer.append

    def dies(events: Any, *, extra: Any = None, **kw: Any) -> Any:
        if extra is not None:
            raise RuntimeError("the floor host process dies here")
        return real(events, extra=extra, **kw)

    monkeypatch.setattr(h.writer, "append", dies)
    with pytest.raises(RuntimeError):
        h.tick()
    with h.engine.begin() as c:
        c.execute(sa.update(HeartbeatRow).where(HeartbeatRow.host_id == h.host_id)
                  .values(beat_at=datetime.now(UTC) - timedelta(minutes=1)))
    clock.t += timedelta(seconds=2)
    h2 = FloorHost(h.engine, SimulatorAdapter(agents=20, seed=5, warmup_s=0), clock=clock,
                   host_id="standby")
    h2.start()
    h2.tick()
    _push(w, h, _events_since(h, last))
    item = w.commands_list.item(0)
    assert item.text().startswith(f"Force away {agent} · Meeting (培训): outcome unknown — "
                                  "The floor host stopped while carrying out"), item.text()
    assert item.foreground().color() == w.theme.amber


# ---- language, theme, settings ----------------------------------------------------------------


def test_language_switch_changes_the_visible_texts(qtbot: QtBot, sqlite_url: str) -> None:
    from console.app import ConsoleApp

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    eng = dbengine.make_engine(sqlite_url)
    ca = ConsoleApp(app, eng, operator=LEADER, language="zh_CN")
    qtbot.addWidget(ca.window)
    try:
        w = ca.window
        assert w.control_actions[Action.MONITOR].text() == "监听"
        assert w.search.placeholderText() == "搜索工号或姓名"
        assert ca.window.agents.headerData(0, Qt.Orientation.Horizontal) == "工号"
        ca.set_language("en")  # Qt posts a LanguageChange event to every widget
        qtbot.waitUntil(lambda: w.control_actions[Action.MONITOR].text() == "Monitor")
        assert w.search.placeholderText() == "Search ID or name"
        assert ca.window.agents.headerData(0, Qt.Orientation.Horizontal) == "ID"
        assert ca.settings.value("ui/language") == "en"
        ca.set_language("zh_CN")
        qtbot.waitUntil(lambda: w.control_actions[Action.FORCE_LOGOUT].text() == "强制签出")
    finally:
        ca.i18n.install("en")
        ca.shutting_down.emit()
        eng.dispose()


def test_window_layout_is_remembered(qtbot: QtBot, tmp_path: Path, floor_host: Any) -> None:
    h, clock = floor_host
    ini = str(tmp_path / "layout.ini")
    w = MainWindow(DirectBackend(h.engine, clock), LIGHT, clock,
                   QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.agent_view.setColumnWidth(1, 233)
    w.close()
    w2 = MainWindow(DirectBackend(h.engine, clock), LIGHT, clock,
                    QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(w2)
    assert w2.agent_view.columnWidth(1) == 233


def test_translations_ship_in_the_wheel(tmp_path: Path) -> None:
    """A plain ``pip install .`` must carry the compiled translations and the policy."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                        "-q", "-w", str(tmp_path), str(root)], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    wheel = next(tmp_path.glob("seatwatch-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "resources/translations/seatwatch_zh_CN.qm" in names
    assert "resources/policy.toml" in names
    assert "models/db/migrations/versions/0001_initial_floor_schema.py" in names


def test_every_string_in_the_code_has_a_chinese_translation(tmp_path: Path) -> None:
    """lupdate over console/ and views/ finds nothing the committed .ts leaves
    untranslated, and the shipped .qm is compiled from that .ts."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location(
        "ts_update", root / "resources/translations/update.py")
    assert spec is not None and spec.loader is not None
    upd = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(upd)
    assert upd.untranslated(upd.TS) == []
    assert upd.check_current() == []  # a new string without its translation fails here
    qm = tmp_path / "fresh.qm"
    upd.lrelease(upd.TS, qm)
    assert qm.read_bytes() == upd.QM.read_bytes(), "run resources/translations/update.py"
    _ = QCoreApplication  # the translations load through QCoreApplication.translate


def test_stale_banner_on_a_real_database_outage_and_recovery(qtbot: QtBot, pg_url: str) -> None:
    """The database goes away for real (connections refused and cut), then returns."""

    from console.app import ConsoleApp
    from console.feed import FloorFeed
    from models.db import store
    from tests.conftest import pg_admin

    dbname = pg_url.rsplit("/", 1)[1]
    eng = dbengine.make_engine(pg_url)
    store.FloorWriter(eng, "test").append([ev(0, "floor_setup", groups=[{"id": "G1",
                                                                         "name": "一班"}],
                                              queues=[{"id": "Q1", "name": "12345热线"}],
                                              agents=[{"id": "1001", "name": "张三",
                                                       "group": "G1"}])])
    beater = Beater(eng, survive_db_errors=True).start()  # beats whenever it can
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    feed = FloorFeed(pg_url, poll_s=0.1, stale_after_s=3.0, heartbeat_every_s=0.2)
    ca = ConsoleApp(app, eng, operator=LEADER, language="en",
                    feed=feed)
    qtbot.addWidget(ca.window)
    w = ca.window
    try:
        ca.start()
        qtbot.waitUntil(lambda: w.snapshot is not None and not w.snapshot.stale, timeout=15000)
        assert not w.banner.isVisible()
        with pg_admin() as c:
            c.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS false')
            c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s", (dbname,))
        qtbot.waitUntil(lambda: w.banner.isVisible(), timeout=15000)
        assert "not live" in w.banner.text()
        assert not any(qa.isEnabled() for qa in w.control_actions.values())
        assert w.status_conn.text() == "Not live"
        with pg_admin() as c:
            c.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS true')
        qtbot.waitUntil(lambda: not w.banner.isVisible(), timeout=30000)
        assert w.status_conn.text() == "Live"
    finally:
        with pg_admin() as c:
            c.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS true')
        beater.stop.set()
        beater.t.join(5)
        ca.i18n.install("en")
        ca.shutting_down.emit()
        eng.dispose()
