"""The console's alerts (issue #4): the alerts panel, acknowledge and resolve through
the real backend on both engines, the urgent banner (R-URGENT-1) that stays until
someone acknowledges it, the escalation trail (R-URGENT-2), the peak-plan banner
(R-PEAK-1/2), sounds, rights, the contact list and ``seatwatch screenshot alerts``.
"""

from __future__ import annotations

import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from console.alerts_backend import AlertsBackend
from console.ops import BackendContext, Ops
from models.db import alerts_db, store
from models.db import engine as dbengine
from models.db import operators as opsdb
from models.domain.alerts import Severity
from models.domain.floor import FloorState, apply_all, initial_state
from models.domain.policy import Policy
from models.domain.roles import Operator, Role
from models.domain.rules import with_rules
from models.domain.types import FloorEvent
from tests.answers import Answerable
from tests.helpers import Clock
from views import theme as themes
from views.alerts.contacts import ContactsDialog
from views.alerts.describe import describe
from views.alerts.models import (
    ACTIVE_COLUMNS,
    COL_ACK,
    COL_AGE,
    COL_RULE,
    COL_SEVERITY,
    COL_SUBJECT,
    REVIEW_COLUMNS,
    URGENT_COLUMNS,
    AlertTableModel,
)
from views.alerts.sounds import sounds_dir
from views.main_window import MainWindow, Snapshot
from views.theme import DARK, LIGHT

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 Asia/Shanghai


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


def at(t: float) -> datetime:
    return T0 + timedelta(seconds=t)


SETUP = ev(0, "floor_setup", groups=[{"id": "G1", "name": "一班"}],
           queues=[{"id": "Q1", "name": "12345热线"}],
           agents=[{"id": f"{1001 + i}", "name": f"坐席{i}", "group": "G1"} for i in range(6)])


def login(t: float = 0) -> list[FloorEvent]:
    return [ev(t, "agent_state", agent=f"{1001 + i}", state="ready") for i in range(6)]


def urgent_ticket(t: float, tid: str = "T1", title: str = "急件 人民路井盖缺失") -> FloorEvent:
    return ev(t, "ticket_created", ticket=tid, category="help", title=title, urgent=True,
              agent="1002")


def replayed(events: list[FloorEvent], until: float) -> FloorState:
    """The floor after ``events`` with the alert rules run on their virtual clock."""
    s0 = initial_state(Policy())
    return apply_all(s0, list(with_rules(s0, events, at(until))))


def snap(state: FloorState, *, stale: bool = False) -> Snapshot:
    return Snapshot(state=state, stale=stale, stale_since=None, reason="", events=(),
                    changed_agents=None, read_at=state.at)


class ConsoleStub:
    """The window's own backend (controls, agent day): not under test here."""

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

    def submit(self, owner: Any, cmd: Any, supersedes: Any = ()) -> Answerable:
        raise AssertionError("no control is used here")

    def load_agent_day(self, owner: Any, agent: str) -> Answerable:
        return Answerable(owner, lambda done, refused, conflict: None)


LEADER = Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER}))
DIRECTOR = Operator("D01", "李主任", frozenset({Role.DIRECTOR}))
WALLBOARD = Operator("W01", "大屏", frozenset({Role.WALLBOARD}))
HEAD = Operator("H01", "王部长", frozenset({Role.DEPARTMENT_HEAD}))


def make_window(qtbot: QtBot, tmp_path: Path, op: Operator, clock: Clock,
                alerts: Any = None, name: str = "w") -> MainWindow:
    w = MainWindow(ConsoleStub(op), LIGHT, clock,
                   QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat),
                   alerts=alerts)
    qtbot.addWidget(w)
    w.tick_timer.stop()  # the tests move the clock themselves
    w.resize(1500, 950)
    w.show()
    return w


# ---- the model -----------------------------------------------------------------------


def _mixed_floor() -> FloorState:
    """Alerts of every severity: an urgent ticket with no leader on duty (critical,
    escalated at once), a help ticket for review (info), a short break over its limit
    (warning) with its pre-warning (info), taken a minute after logging in (R-SEAT-1,
    warning)."""
    return replayed([SETUP, *login(), ev(60, "agent_state", agent="1001", state="away",
                                         reason="short_break"),
                     urgent_ticket(120)], until=60 + 660)


def test_models_pass_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    state = _mixed_floor()
    clock = Clock(at(800))
    for cols in (ACTIVE_COLUMNS, REVIEW_COLUMNS, URGENT_COLUMNS):
        m = AlertTableModel(LIGHT, clock, cols)
        m.set_snapshot(state)
        assert m.rowCount() > 0
        qtmodeltester.check(m)
        # the tester keeps watching: alerts come and go, one is acknowledged
        first = m.alert_at(0)
        assert first is not None
        m.set_snapshot(apply_all(state, [ev(801, "alert_acknowledged", alert=first.id,
                                                by="L01")]))
        m.set_snapshot(apply_all(state, [ev(801, "alert_resolved", alert=first.id, by="L01",
                                                note="处理完毕")]))
        m.set_snapshot(state)
        m.tick()


def test_active_alerts_sorted_by_severity_then_age_with_row_diffs() -> None:
    state = _mixed_floor()
    clock = Clock(at(800))
    m = AlertTableModel(LIGHT, clock, ACTIVE_COLUMNS, lambda a: a.rule != "R-TICKET-3")
    m.set_snapshot(state)
    rows = [(a.severity, a.rule, a.raised_at) for a in m.alerts()]
    # most severe first; within a severity the oldest first (R-SEAT-1 at 60 s before
    # R-BREAK-1 at 660 s)
    assert [r[1] for r in rows] == ["R-URGENT-1", "R-URGENT-2", "R-SEAT-1", "R-BREAK-1",
                                    "R-BREAK-1"]
    assert [r[0] for r in rows] == [Severity.CRITICAL, Severity.CRITICAL, Severity.WARNING,
                                    Severity.WARNING, Severity.INFO]
    assert rows[2][2] < rows[3][2]
    # columns: severity, "R-… short name", subject, raised at (floor time), age
    c = ACTIVE_COLUMNS.index
    idx = m.index(0, c(COL_RULE))
    assert m.data(idx) == "R-URGENT-1 Urgent ticket"
    assert m.data(m.index(0, c(COL_SEVERITY))) == "Critical"
    assert m.data(m.index(0, c(COL_SUBJECT))) == "急件 人民路井盖缺失"
    assert m.data(m.index(3, c(COL_SUBJECT))) == "1001 坐席0"
    assert m.data(m.index(3, ACTIVE_COLUMNS.index(3))) == "09:11:00"  # 60 s + 10 min
    assert m.data(m.index(3, c(COL_AGE))) == "02:20"
    clock.t = at(801)
    assert m.data(m.index(3, c(COL_AGE))) == "02:21"  # the age ticks with the clock

    # a newer warning lands after the older one, an insertion — never a reset
    events: list[tuple[str, int, int]] = []
    m.rowsInserted.connect(lambda _p, a, b: events.append(("ins", a, b)))
    m.rowsRemoved.connect(lambda _p, a, b: events.append(("del", a, b)))
    m.modelReset.connect(lambda: events.append(("reset", 0, 0)))
    newer = apply_all(state, [ev(810, "alert_raised", alert="X", rule="R-HOLD-1",
                                 subject="agent:1003", severity="warning",
                                 raised_at=at(805).isoformat(), message="保持超过 30 秒",
                                 agent="1003", detail={"limit_s": 30,
                                                       "since": at(775).isoformat()})])
    m.set_snapshot(newer)
    assert [a.id for a in m.alerts()][4] == "X" and events == [("ins", 4, 4)]
    ack = apply_all(newer, [ev(811, "alert_acknowledged", alert="X", by="L01")])
    changed: list[int] = []
    m.dataChanged.connect(lambda a, _b, *_: changed.append(a.row()))
    m.set_snapshot(ack)
    assert changed == [4]
    assert m.data(m.index(4, c(COL_ACK))) == "L01 at 09:13:31"
    m.set_snapshot(apply_all(ack, [ev(812, "alert_resolved", alert="X", by=None,
                                      note="condition cleared")]))
    assert events[-1] == ("del", 4, 4) and ("reset", 0, 0) not in events


def test_descriptions_come_from_the_rule_and_detail_not_the_message() -> None:
    state = _mixed_floor()
    by_rule = {a.rule + str(a.detail.get("stage", "")): a for a in state.alerts.values()}
    texts = {k: describe(a, state, at(800)) for k, a in by_rule.items()}
    assert texts["R-BREAK-1"] == "On short break since 09:01:00, over the limit of 10 min"
    assert texts["R-BREAK-1pre"] == "On short break since 09:01:00; the limit of 10 min is near"
    assert texts["R-URGENT-2"] == ("Escalated to the director and the unit heads (no shift "
                                   "leader on duty): 急件 人民路井盖缺失")
    assert texts["R-TICKET-3"] == ("Request for help ticket for the shift leader's review: "
                                   "急件 人民路井盖缺失")
    # the domain's Chinese message stays for logs and webhooks
    assert all(t != by_rule[k].message for k, t in texts.items())


# ---- the window against a real database -------------------------------------------------


@dataclass
class Floor:
    engine: Engine
    writer: store.FloorWriter
    ops: Ops
    clock: Clock

    def state(self) -> FloorState:
        with self.engine.connect() as c:
            return store.current_state(c)

    def play(self, events: list[FloorEvent], until: float) -> FloorState:
        """Append events with the rules on their virtual clock (as replay does)."""
        # on the floor as the database has it: an acknowledgement made elsewhere counts
        out = list(with_rules(self.state(), events, at(until)))
        res = self.writer.append(out)
        assert not res.rejected, res.rejected
        self.clock.t = max(self.clock.t, at(until))
        return self.state()

    def backend(self, op: Operator) -> AlertsBackend:
        return AlertsBackend(BackendContext(self.engine, self.ops, op.id, self.clock, "test"))


@pytest.fixture
def floor_db(db_url: str) -> Iterator[Floor]:
    eng = dbengine.make_engine(db_url)
    with store.writing(eng).begin() as c:
        for op in (LEADER, DIRECTOR, WALLBOARD, HEAD):
            opsdb.create_operator(c, op.id, op.name, "pw-" + op.id, set(op.roles), by="test",
                                  now=datetime.now(UTC))
    ops = Ops(workers=2)
    f = Floor(eng, store.FloorWriter(eng, "test"), ops, Clock(T0))
    yield f
    ops.shutdown()
    eng.dispose()


def test_urgent_banner_stays_until_acknowledged_on_any_console(
        qtbot: QtBot, tmp_path: Path, floor_db: Floor) -> None:
    f = floor_db
    # a shift leader on duty: R-URGENT-1 at once, escalated only after 60 s
    state = f.play([SETUP, ev(0, "shift_leader_on_duty", agent="L01", on=True), *login(),
                    urgent_ticket(30)], until=40)
    leader = make_window(qtbot, tmp_path, LEADER, f.clock, f.backend(LEADER), "leader")
    director = make_window(qtbot, tmp_path, DIRECTOR, f.clock, f.backend(DIRECTOR), "dir")
    for w in (leader, director):
        w.apply_snapshot(snap(state))
    urgent = next(a for a in state.alerts.values() if a.rule == "R-URGENT-1")
    for w in (leader, director):
        assert w.urgent_banner.isVisible() and w.urgent_banner.alert_ids() == [urgent.id]
        assert "急件 人民路井盖缺失" in w.urgent_banner.text_for(urgent.id)
        assert "00:10" in w.urgent_banner.text_for(urgent.id)  # its age

    # further snapshots (the floor moves on) keep it, its age growing
    state = f.play([ev(45, "agent_state", agent="1003", state="away", reason="meal")], until=50)
    f.clock.t = at(55)
    for w in (leader, director):
        w.apply_snapshot(snap(state))
        w.tick()
        assert w.urgent_banner.alert_ids() == [urgent.id]
        assert "00:25" in w.urgent_banner.text_for(urgent.id)

    button = leader.urgent_banner.button_for(urgent.id)
    assert button is not None and button.isVisible() and button.isEnabled()
    with qtbot.waitSignal(leader.alerts_panel.acted, timeout=10_000):
        button.click()
        assert not button.isEnabled()  # on its way: no second click
    assert "Acknowledged" in leader.alerts_panel.message_text(), \
        leader.alerts_panel.message_text()
    # the answer alone does not take the banner down: the feed does
    assert leader.urgent_banner.alert_ids() == [urgent.id]
    with f.engine.connect() as c:
        rec = alerts_db.get_alert(c, urgent.id)
    assert rec is not None and rec.acknowledged_by == "L01"

    # the director's console, still on the old snapshot, tries too: refused, shown
    with qtbot.waitSignal(director.alerts_panel.acted, timeout=10_000):
        assert director.alerts_panel.acknowledge(urgent.id)
    assert director.alerts_panel.message_text().startswith("Refused:")
    assert "L01" in director.alerts_panel.message_text()

    # the acknowledgement arrives through the feed: the banner goes on every console
    state = f.state()
    assert state.alerts[urgent.id].acknowledged_by == "L01"
    for w in (leader, director):
        w.apply_snapshot(snap(state))
        assert not w.urgent_banner.isVisible() and w.urgent_banner.alert_ids() == []
        row = w.alerts_panel.active.row_of(urgent.id)
        assert row is not None
        assert w.alerts_panel.active.data(
            w.alerts_panel.active.index(row, ACTIVE_COLUMNS.index(COL_ACK))).startswith("L01")
    # acknowledged in time: the rules do not escalate it
    state = f.play([ev(120, "agent_state", agent="1003", state="ready")], until=130)
    assert not [a for a in state.alerts.values() if a.rule == "R-URGENT-2"]


def test_resolve_asks_a_note_and_goes_through_the_backend(
        qtbot: QtBot, tmp_path: Path, floor_db: Floor) -> None:
    f = floor_db
    state = f.play([SETUP, ev(0, "shift_leader_on_duty", agent="L01", on=True), *login(),
                    ev(10, "ticket_created", ticket="T7", category="complaint",
                       title="解放路噪音扰民投诉", agent="1004",
                       request="来电人反映夜间施工扰民，要求停工并回复")], until=20)
    w = make_window(qtbot, tmp_path, LEADER, f.clock, f.backend(LEADER))
    w.apply_snapshot(snap(state))
    panel = w.alerts_panel
    review = next(a for a in state.alerts.values() if a.rule == "R-TICKET-3")
    assert panel.review.rowCount() == 1 and panel.active.row_of(review.id) is None
    assert panel.review.data(panel.review.index(0, 0)) == "Complaint"
    assert panel.select_alert(review.id) and panel.tabs.currentIndex() == 1
    assert panel.resolve_button.isVisible() and panel.resolve_button.isEnabled()

    asked: list[str] = []
    panel.ask_note = lambda text: asked.append(text) or "  "
    panel.resolve_button.click()
    # issue #12: a review, titled as one, by the rule's label and never its code, with
    # the caller's request (the console is a trusted screen)
    assert panel._note_title == "Complaint/help ticket review"
    assert "R-TICKET-3" not in asked[0] and "Complaint ticket T7: 解放路噪音扰民投诉" in asked[0]
    assert "Caller's request: 来电人反映夜间施工扰民，要求停工并回复" in asked[0]
    assert "needs a note" in panel.message_text()  # nothing sent

    panel.ask_note = lambda text: "已回访市民,转城管执法处理"
    assert panel.message_timer.interval() == panel.MESSAGE_MS == 8_000
    panel.message_timer.setInterval(50)  # the same single-shot, without the wait
    with qtbot.waitSignal(panel.acted, timeout=10_000):
        panel.resolve_button.click()
    assert panel.message_text() == "Resolved."
    with f.engine.connect() as c:
        rec = alerts_db.get_alert(c, review.id)
    assert rec is not None and rec.resolved_by == "L01"
    assert rec.resolve_note == "已回访市民,转城管执法处理"
    w.apply_snapshot(snap(f.state()))
    assert panel.review.rowCount() == 0
    # issue #12: "已解除。" does not stay for ever: its timer takes it down
    assert panel.message_timer.isActive()
    qtbot.waitUntil(lambda: panel.message.text() == "", timeout=5_000)
    assert panel.message_text() == ""


def test_history_tab_shows_a_day_with_what_was_resolved_and_how(
        qtbot: QtBot, tmp_path: Path, floor_db: Floor, qtmodeltester: ModelTester) -> None:
    """History is kept and browsable in the console: resolved alerts with who resolved
    them and the note, ones that cleared by themselves, and the open ones."""
    from PySide6.QtCore import QDate

    f = floor_db
    state = f.play([SETUP, ev(0, "shift_leader_on_duty", agent="L01", on=True), *login(),
                    ev(10, "ticket_created", ticket="T7", category="complaint",
                       title="解放路噪音扰民投诉", agent="1004"), urgent_ticket(20)], until=30)
    review = next(a for a in state.alerts.values() if a.rule == "R-TICKET-3")
    alerts_db.resolve(f.engine, review.id, "L01", "已回访市民", at(40))
    with f.engine.connect() as c:
        done = alerts_db.get_alert(c, review.id)
    assert done is not None and done.resolved_by == "L01"
    w = make_window(qtbot, tmp_path, LEADER, f.clock, f.backend(LEADER))
    w.apply_snapshot(snap(f.state()))
    panel = w.alerts_panel
    panel.tabs.setCurrentIndex(3)  # the history tab: nothing there to acknowledge
    assert panel.selected_alert() is None and not panel.ack_button.isEnabled()
    local = at(0).astimezone(f.state().policy.tz)
    panel.history_day.setDate(QDate(local.year, local.month, local.day))
    with qtbot.waitSignal(panel.history_loaded, timeout=10_000):
        panel.history_load.click()
    qtmodeltester.check(panel.history)
    with f.engine.connect() as c:
        kept = alerts_db.list_alerts(c)
    assert len(kept) >= 2 and panel.history.rowCount() == len(kept)  # the whole day
    texts = {r.id: [panel.history.text(r, col) for col in range(panel.history.COLUMNS)]
             for r in panel.history.rows()}
    assert texts[review.id][5].startswith("L01 ") and texts[review.id][6] == "已回访市民"
    urgent = next(r for r in panel.history.rows() if r.rule == "R-URGENT-1")
    assert texts[urgent.id][5] == "open"
    assert texts[urgent.id][0] == local.strftime("%Y-%m-%d ") + "09:00:20"
    assert f"{len(kept)} alert(s)" in panel.history_status.text()
    panel.history_day.setDate(panel.history_day.date().addDays(-1))  # the day before
    with qtbot.waitSignal(panel.history_loaded, timeout=10_000):
        panel.history_load.click()
    assert panel.history.rowCount() == 0


def test_escalation_trail_when_no_leader_is_on_duty(
        qtbot: QtBot, tmp_path: Path, floor_db: Floor) -> None:
    from console import notify

    f = floor_db
    with store.writing(f.engine).begin() as c:
        alerts_db.replace_contacts(c, [{"unit": "市城管委", "head": "王主任",
                                        "phone": "13900001111"}], by="L01", now=T0)
    # nobody on duty: R-URGENT-1 and its escalation R-URGENT-2 at once
    state = f.play([SETUP, *login(), urgent_ticket(30)], until=40)
    esc = next(a for a in state.alerts.values() if a.rule == "R-URGENT-2")
    assert esc.detail.get("why") == "no_leader" and esc.raised_at == at(30)
    assert notify.plan(f.engine, at(31)) == 1  # what the floor host records

    w = make_window(qtbot, tmp_path, DIRECTOR, f.clock, f.backend(DIRECTOR))
    w.apply_snapshot(snap(state))
    banner = w.urgent_banner
    assert len(banner.alert_ids()) == 2
    assert "ESCALATED (no shift leader on duty)" in banner.text_for(esc.id)
    panel = w.alerts_panel
    assert panel.urgent.rowCount() == 2
    panel.tabs.setCurrentIndex(2)
    with qtbot.waitSignal(panel.trail_loaded, timeout=10_000):
        panel.urgent_view.selectRow(panel.urgent.row_of(esc.id) or 0)
    steps = panel.trail.steps()
    assert {(s.channel, s.target, s.status) for s in steps} >= {("console", "D01", "sent")}
    phone = next(s for s in steps if s.channel == "phone")
    assert "王主任" in phone.target and phone.status == "failed"  # no robot: phone them
    texts = [[panel.trail.data(panel.trail.index(r, c)) for c in range(7)]
             for r in range(panel.trail.rowCount())]
    assert any(t[1] == "Console" and t[2] == "D01" and t[3] == "Sent" for t in texts)
    assert any(t[1] == "Phone" and t[3] == "Failed" and "phone them" in t[6] for t in texts)
    assert "escalated at 09:00:30 (no shift leader on duty)" in panel.trail_label.text()

    # the director acknowledges the escalation; the urgent alert itself stays up
    with qtbot.waitSignal(panel.acted, timeout=10_000):
        banner_button = banner.button_for(esc.id)
        assert banner_button is not None
        banner_button.click()
    w.apply_snapshot(snap(f.state()))
    assert banner.alert_ids() == [a.id for a in state.alerts.values()
                                  if a.rule == "R-URGENT-1"]


def test_handling_steps_are_recorded_on_the_ticket_and_shown_in_its_trail(
        qtbot: QtBot, tmp_path: Path, floor_db: Floor) -> None:
    """R-URGENT-2: the reply and the handling steps are recorded on the ticket."""
    f = floor_db
    state = f.play([SETUP, *login(), urgent_ticket(30)], until=40)
    urgent = next(a for a in state.alerts.values() if a.rule == "R-URGENT-1")
    w = make_window(qtbot, tmp_path, LEADER, f.clock, f.backend(LEADER))
    w.apply_snapshot(snap(state))
    panel = w.alerts_panel
    panel.tabs.setCurrentIndex(2)
    with qtbot.waitSignal(panel.trail_loaded, timeout=10_000):
        panel.urgent_view.selectRow(panel.urgent.row_of(urgent.id) or 0)
    assert panel.step_button.isVisible() and panel.step_button.isEnabled()
    asked: list[str] = []
    panel.ask_note = lambda text: asked.append(text) or "已电话通知市政设施管理处,20分钟到场"
    with qtbot.waitSignal(panel.trail_loaded, timeout=10_000):
        panel.step_button.click()
    assert asked and "T1" in asked[0] and panel.message_text() == "Step recorded."
    f.clock.t = at(50)
    panel.ask_note = lambda text: "已答复市民:抢修人员正在赶往现场"
    with qtbot.waitSignal(panel.trail_loaded, timeout=10_000):
        panel.step_button.click()
    steps = [s for s in panel.trail.steps() if s.channel == "step"]
    assert [(s.target, s.last_error) for s in steps] == [
        ("L01", "已电话通知市政设施管理处,20分钟到场"), ("L01", "已答复市民:抢修人员正在赶往现场")]
    row = next(r for r in range(panel.trail.rowCount())
               if panel.trail.data(panel.trail.index(r, 1)) == "Handling step")
    assert panel.trail.data(panel.trail.index(row, 3)) == "Recorded"
    with f.engine.connect() as c:  # kept in the append-only audit log, in order
        kept = alerts_db.handling_steps(c, "T1")
    assert [s.text for s in kept] == [s.last_error for s in steps]
    with pytest.raises(opsdb.NotAllowed):  # the wallboard may not write on a ticket
        alerts_db.record_step(f.engine, "T1", WALLBOARD.id, "试图记录", at(60))
    with pytest.raises(alerts_db.AlertError):
        alerts_db.record_step(f.engine, "T404", "L01", "没有这个工单", at(60))


def test_not_acknowledged_in_time_escalates(floor_db: Floor) -> None:
    f = floor_db
    state = f.play([SETUP, ev(0, "shift_leader_on_duty", agent="L01", on=True), *login(),
                    urgent_ticket(30)], until=30 + 61)
    esc = [a for a in state.alerts.values() if a.rule == "R-URGENT-2"]
    assert len(esc) == 1 and esc[0].raised_at == at(90)
    assert describe(esc[0], state) == ("Escalated to the director and the unit heads (not "
                                       "acknowledged within 1 min): 急件 人民路井盖缺失")


def test_a_role_without_the_right_sees_no_acknowledge_or_resolve(
        qtbot: QtBot, tmp_path: Path, floor_db: Floor) -> None:
    f = floor_db
    state = f.play([SETUP, *login(), urgent_ticket(30)], until=40)
    for op in (WALLBOARD, HEAD):
        w = make_window(qtbot, tmp_path, op, f.clock, f.backend(op), op.id)
        w.apply_snapshot(snap(state))
        panel = w.alerts_panel
        assert w.urgent_banner.isVisible()  # everyone sees the urgent ticket
        for aid in w.urgent_banner.alert_ids():
            b = w.urgent_banner.button_for(aid)
            assert b is not None and not b.isVisible()
        panel.select_alert(w.urgent_banner.alert_ids()[0])
        assert not panel.ack_button.isVisible() and not panel.resolve_button.isVisible()
        assert not panel.acknowledge(w.urgent_banner.alert_ids()[0])
        assert not w.admin_actions["contacts"].isVisible()
    # and the database says no to a request made anyway
    with pytest.raises(alerts_db.NotAllowed):
        alerts_db.acknowledge(f.engine, next(iter(state.alerts)), "W01", at(50))
    # a shift leader gets them
    w = make_window(qtbot, tmp_path, LEADER, f.clock, f.backend(LEADER), "L")
    w.apply_snapshot(snap(state))
    w.alerts_panel.select_alert(w.urgent_banner.alert_ids()[0])
    assert w.alerts_panel.ack_button.isVisible() and w.alerts_panel.ack_button.isEnabled()
    assert w.admin_actions["contacts"].isVisible()
    # stale data: nothing may be acted on
    w.apply_snapshot(snap(state, stale=True))
    assert not w.alerts_panel.ack_button.isEnabled()
    b = w.urgent_banner.button_for(w.urgent_banner.alert_ids()[0])
    assert b is not None and not b.isEnabled()


def test_contacts_editor_loads_saves_and_shows_refusals(
        qtbot: QtBot, floor_db: Floor) -> None:
    f = floor_db
    d = ContactsDialog(f.backend(LEADER))
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: not d.busy, timeout=10_000)
    assert d.rows() == []
    d.add_row()
    for col, v in enumerate(("市城管委", "王主任", "139 0000 1111")):
        item = d.table.item(0, col)
        assert item is not None
        item.setText(v)
    d.add_row()
    for col, v in enumerate(("市水务局", "赵处长", "电话待定")):
        item = d.table.item(1, col)
        assert item is not None
        item.setText(v)
    with qtbot.waitSignal(d.saved, timeout=10_000):
        d.save()
    assert "Contact 2:" in d.status.text() and d.table.currentRow() == 1
    item = d.table.item(1, 2)
    assert item is not None
    item.setText("+86 138-0000-2222")
    with qtbot.waitSignal(d.saved, timeout=10_000):
        d.save()
    assert d.status.text() == "Saved: 2 contacts." and not d.dirty
    with f.engine.connect() as c:
        assert [(x.unit, x.head) for x in alerts_db.contacts(c)] == [("市城管委", "王主任"),
                                                                     ("市水务局", "赵处长")]
    # a wallboard may not change the list: the database refuses, the dialog says so
    d2 = ContactsDialog(f.backend(WALLBOARD))
    qtbot.addWidget(d2)
    qtbot.waitUntil(lambda: not d2.busy, timeout=10_000)
    assert len(d2.rows()) == 2
    d2.ask_confirm = lambda text: True
    with qtbot.waitSignal(d2.saved, timeout=10_000):
        d2.save()
    assert "W01" in d2.status.text()


def test_the_console_wires_the_panel_and_the_contacts_dialog(qtbot: QtBot,
                                                            sqlite_url: str) -> None:
    from console.app import ConsoleApp

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    eng = dbengine.make_engine(sqlite_url)
    with store.writing(eng).begin() as c:
        opsdb.create_operator(c, "L01", "张班长", "pw-L01", {Role.SHIFT_LEADER}, by="test",
                              now=datetime.now(UTC))
    ca = ConsoleApp(app, eng, operator=LEADER, language="en")
    qtbot.addWidget(ca.window)
    w = ca.window
    try:
        assert w.alerts_panel.backend is ca.alerts and w.alerts_panel.allowed
        assert w.alerts_dock.windowTitle() == "Alerts"
        w.admin_actions["contacts"].trigger()
        d = ca.dialogs["contacts"]
        assert isinstance(d, ContactsDialog) and d.isVisible()
        qtbot.waitUntil(lambda: not d.busy, timeout=10_000)
        d.add_row()  # unsaved: a shift change closes it without asking
        d.ask_confirm = lambda text: pytest.fail("asked on a programmatic close")
        ca.ask_sign_in = lambda: WALLBOARD
        w.switch_action.trigger()
        assert ca.dialogs == {} and not w.alerts_panel.allowed
        assert not w.admin_actions["contacts"].isVisible()
    finally:
        ca.i18n.install("en")
        ca.shutting_down.emit()
        eng.dispose()


# ---- peak plan -------------------------------------------------------------------------------


def _peak_floor(callers: int) -> FloorState:
    """``callers`` waiting from t=0 for 31 min, 1001 and 1002 on short break, 1003 at a meal."""
    events = [SETUP, *login(),
              ev(1, "agent_state", agent="1001", state="away", reason="short_break"),
              ev(1, "agent_state", agent="1002", state="away", reason="short_break"),
              ev(1, "agent_state", agent="1003", state="away", reason="meal")]
    events += [ev(2, "call_queued", call=f"C{i}", queue="Q1") for i in range(callers)]
    return replayed(events, until=2 + 31 * 60)


def test_peak_banner_names_who_is_still_on_break(qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock(at(2 + 31 * 60))
    w = make_window(qtbot, tmp_path, LEADER, clock)
    quiet = replayed([SETUP, *login()], until=60)
    w.apply_snapshot(snap(quiet))
    assert not w.peak_banner.isVisible()

    level1 = _peak_floor(9)
    assert level1.peak_level() == 1
    w.apply_snapshot(snap(level1))
    text = w.peak_banner.text()
    assert w.peak_banner.isVisible() and w.peak_banner.level == 1
    assert "Peak plan level 1 — 9 callers waiting" in text
    assert "Callbacks stopped, short breaks suspended" in text
    assert "Still on short break: 1001 坐席0 31:01, 1002 坐席1 31:01" in text
    assert "1003" not in text  # a meal is not a short break

    level2 = _peak_floor(17)
    assert level2.peak_level() == 2
    w.apply_snapshot(snap(level2))
    text = w.peak_banner.text()
    assert "Peak plan level 2, all hands — 17 callers waiting" in text
    assert "Not taking calls: 1001 坐席0 (Short break 31:01), 1002 坐席1 (Short break 31:01), " \
           "1003 坐席2 (Meal 31:01)" in text
    w.apply_snapshot(snap(quiet))
    assert not w.peak_banner.isVisible()


# ---- sounds --------------------------------------------------------------------------------


def test_a_new_critical_alert_plays_one_sound(qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock(at(60))
    w = make_window(qtbot, tmp_path, LEADER, clock)
    played: list[Severity] = []
    w.announcer.play = played.append  # type: ignore[method-assign]
    base = [SETUP, ev(0, "shift_leader_on_duty", agent="L01", on=True), *login()]
    w.apply_snapshot(snap(replayed(base, until=20)))
    assert played == []
    # an urgent help ticket raises R-URGENT-1 (critical) and R-TICKET-3 (info) together
    with_urgent = replayed([*base, urgent_ticket(30)], until=40)
    w.apply_snapshot(snap(with_urgent))
    assert played == [Severity.CRITICAL]
    for _ in range(3):  # the same alerts again: silence
        w.apply_snapshot(snap(with_urgent))
        w.tick()
    assert played == [Severity.CRITICAL]
    later = replayed([*base, urgent_ticket(30), ev(41, "ticket_created", ticket="T2",
                                                   category="complaint", title="投诉",
                                                   agent="1004")], until=45)
    w.apply_snapshot(snap(later))
    assert played == [Severity.CRITICAL, Severity.INFO]


def test_sounds_are_bundled_and_play_without_an_audio_device(qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    for sev in Severity:
        path = sounds_dir() / f"{sev.value}.wav"
        with wave.open(str(path)) as wf:
            assert (wf.getnchannels(), wf.getsampwidth()) == (1, 2)
            assert 0.2 <= wf.getnframes() / wf.getframerate() <= 1.5
    w = make_window(qtbot, tmp_path, LEADER, Clock(at(0)))
    for sev in Severity:
        w.announcer.play(sev)  # no device here: an error status, never an exception
    fx = w.announcer.effects[Severity.CRITICAL]
    assert fx.source().toLocalFile().endswith("critical.wav")
    w.sounds_action.setChecked(False)
    assert not w.announcer.enabled and w.settings.value("ui/alertSounds") == "false"


def test_the_first_snapshot_announces_only_unacknowledged_urgent_alerts(
        qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window(qtbot, tmp_path, LEADER, Clock(at(700)))
    played: list[Severity] = []
    w.announcer.play = played.append  # type: ignore[method-assign]
    breaks = replayed([SETUP, *login(), ev(0, "agent_state", agent="1001", state="away",
                                           reason="short_break")], until=700)
    w.apply_snapshot(snap(breaks))  # raised before this console started: silent
    assert played == []
    w2 = make_window(qtbot, tmp_path, LEADER, Clock(at(700)), name="w2")
    w2.announcer.play = played.append  # type: ignore[method-assign]
    w2.apply_snapshot(snap(_mixed_floor()))
    assert played == [Severity.CRITICAL]


# ---- screenshot ---------------------------------------------------------------------------


def test_screenshot_alerts_renders_the_panel(sqlite_url: str, tmp_path: Path) -> None:
    from console.screenshot import VIEWS, render

    assert "alerts" in VIEWS
    eng = dbengine.make_engine(sqlite_url)
    try:
        w = store.FloorWriter(eng, "test")
        w.append(list(with_rules(w.current(), [SETUP, *login(), urgent_ticket(30)], at(40))))
        with eng.begin() as c:
            store.set_meta(c, "virtual_now", at(40).isoformat())
        out = render("alerts", eng, tmp_path / "alerts.png", size=(1400, 900), lang="en",
                     theme="light")
    finally:
        eng.dispose()
    # rendered offscreen here; the real-window look was checked under Xvfb by hand
    assert out.exists() and out.stat().st_size > 10_000


# ---- a request that fails (issue #15) ----------------------------------------------------------


def _red_seen(label: QWidget, red: QColor) -> bool:
    """Whether the label, as drawn, shows text in ``red`` (a pixel within a few steps of
    it: the glyphs' cores; their anti-aliased edges are blends)."""
    img = label.grab().toImage()
    for y in range(img.height()):
        for x in range(img.width()):
            c = img.pixelColor(x, y)
            if (abs(c.red() - red.red()) + abs(c.green() - red.green())
                    + abs(c.blue() - red.blue())) <= 24:
                return True
    return False


@pytest.fixture
def unreachable(tmp_path: Path) -> Iterator[Callable[[Operator], AlertsBackend]]:
    """Backends over a floor database that cannot be opened (its folder is gone): every
    request fails with a fault, not a refusal."""
    eng = sa.create_engine(f"sqlite:///{tmp_path / 'gone' / 'floor.db'}")
    ops = Ops(workers=1)
    yield lambda op: AlertsBackend(BackendContext(eng, ops, op.id, Clock(at(40)), "test"))
    ops.shutdown()
    eng.dispose()


def test_a_failed_acknowledge_says_why_in_the_red_of_the_theme_in_force(
        qtbot: QtBot, tmp_path: Path, unreachable: Callable[[Operator], AlertsBackend]) -> None:
    """The database is unreachable: the acknowledgement fails, the panel's status line
    says why in the theme's red — the dark theme's own red after a switch to dark, not
    the light theme's #c62828, dull on a dark window — and the alert may be
    acknowledged again. The history tab says why it shows nothing, in red too."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    themes.apply(app, LIGHT)
    try:
        state = replayed([SETUP, *login(), urgent_ticket(30)], until=40)
        w = make_window(qtbot, tmp_path, LEADER, Clock(at(40)), unreachable(LEADER))
        w.apply_snapshot(snap(state))
        panel = w.alerts_panel
        urgent = next(a for a in state.alerts.values() if a.rule == "R-URGENT-1")
        assert panel.select_alert(urgent.id) and panel.ack_button.isEnabled()
        with qtbot.waitSignal(panel.acted, timeout=10_000):
            panel.ack_button.click()
        said = panel.message.text()
        assert said.startswith("Refused: The floor database cannot be reached"), said
        assert _red_seen(panel.message, LIGHT.red)
        assert panel.ack_button.isEnabled()  # not left "on its way": try again
        assert w.urgent_banner.alert_ids() == [a.id for a in sorted(
            (a for a in state.alerts.values() if a.rule in ("R-URGENT-1", "R-URGENT-2")),
            key=lambda a: (a.raised_at, a.rule, a.id))]  # still up: nobody acknowledged

        themes.apply(app, DARK)  # what ConsoleApp.set_theme does
        w.set_theme(DARK)
        QApplication.processEvents()
        assert panel.message.text() == said
        assert _red_seen(panel.message, DARK.red)
        assert not _red_seen(panel.message, LIGHT.red)

        panel.tabs.setCurrentIndex(3)
        with qtbot.waitSignal(panel.history_loaded, timeout=10_000):
            panel.history_load.click()
        assert "cannot be reached" in panel.history_status.text()
        assert panel.history.rowCount() == 0
        assert _red_seen(panel.history_status, DARK.red)
    finally:
        themes.apply(app, LIGHT)


def test_the_contacts_dialog_says_why_it_cannot_load_or_save_in_the_dark_themes_red(
        qtbot: QtBot, unreachable: Callable[[Operator], AlertsBackend]) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    themes.apply(app, DARK)
    try:
        d = ContactsDialog(unreachable(LEADER))
        qtbot.addWidget(d)
        d.show()
        qtbot.waitUntil(lambda: not d.busy, timeout=10_000)
        assert "The floor database cannot be reached" in d.status.text()
        assert _red_seen(d.status, DARK.red) and not _red_seen(d.status, LIGHT.red)
        d.add_row()
        item = d.table.item(0, 0)
        assert item is not None
        item.setText("市城管委")
        with qtbot.waitSignal(d.saved, timeout=10_000):
            d.save()
        assert "The floor database cannot be reached" in d.status.text()
        assert _red_seen(d.status, DARK.red) and not _red_seen(d.status, LIGHT.red)
        assert d.dirty and d.save_button.isEnabled()  # the edit is kept: save again later
        d.ask_confirm = lambda text: True
    finally:
        themes.apply(app, LIGHT)
