"""The attendance dialog (考勤, DOMAIN §6): the daily register (confirm, correct with a
reason, confirm all, conflicts, refusals, the daily checks), the monthly summary
and its export, and leave requests — against a fake backend the test answers, and
once against the real backend on SQLite."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.ops import BackendContext, Ops
from console.shiftops_backend import ShiftOpsBackend
from models.db import attendance_db, shiftops
from models.db import engine as dbengine
from models.db.audit import query_audit
from models.domain.attendance import (
    TYPE_CODES,
    AgentMonth,
    AttendancePolicy,
    AttendanceRecord,
    AttType,
    MonthSummary,
    Settle,
)
from models.domain.policy import Policy
from models.domain.shiftimport import RosterEntry
from models.domain.shiftrecords import LeaveRequest, RegisterRow, StaleEdit, Stored
from tests.helpers import seed_floor, seed_operators
from views import theme as themes
from views.attendance.common import KEY_ROLE, STATE_ROLE
from views.attendance.dialog import AttendanceDialog
from views.attendance.leave import L_CHAIN, L_STATUS
from views.attendance.register import R_GROUP, R_IN, R_OUT, R_RECORD, R_STATUS, R_SUGGESTED
from views.attendance.summary import S_ABSENT, S_FLAGS, S_LATE_MIN, S_LATE_N, S_TYPES
from views.attendance.texts import chain_text

DAY = date(2026, 3, 2)
T0 = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)  # 12:00 Asia/Shanghai, in the day shift
RED = "#c62828"


# ---- the fake backend ------------------------------------------------------------------


@dataclass
class Call:
    """One request as the dialog ran it; the test answers through its handlers (a
    missing ``refused`` goes to the page's status line, as console.ops.Request does)."""

    args: tuple[Any, ...]
    done: Callable[[Any], None]
    error: Callable[[str], None]
    conflict: Callable[[StaleEdit], None] | None = None


class FakeRequest:
    """console.ops.Request's shape: handlers chained, then run (recorded, answered by
    the test)."""

    def __init__(self, backend: FakeBackend, name: str, owner: Any, args: tuple[Any, ...]
                 ) -> None:
        self.backend, self.name, self.owner, self.args = backend, name, owner, args
        self._done: Callable[[Any], None] = lambda _r: None
        self._refused: Callable[[str], None] | None = None
        self._conflict: Callable[[StaleEdit], None] | None = None

    def done(self, fn: Callable[[Any], None]) -> FakeRequest:
        self._done = fn
        return self

    def refused(self, fn: Callable[[str], None]) -> FakeRequest:
        self._refused = fn
        return self

    def conflict(self, fn: Callable[[StaleEdit], None]) -> FakeRequest:
        self._conflict = fn
        return self

    def run(self) -> None:
        self.backend.calls.setdefault(self.name, []).append(
            Call(self.args, self._done, self._refused or self.owner.show_failure,
                 self._conflict))


class FakeBackend:
    """Records each request; the test answers through the recorded callbacks."""

    def __init__(self, policy: Policy | None = None, today: date = DAY) -> None:
        self._policy = policy or Policy()
        self._today = today
        self.calls: dict[str, list[Call]] = {}

    def of(self, name: str) -> list[Call]:
        return self.calls.get(name, [])

    def today(self) -> date:
        return self._today

    def register_day(self) -> date:
        return self._today

    def policy(self) -> Policy:
        return self._policy

    def _req(self, name: str, owner: Any, *args: Any) -> FakeRequest:
        return FakeRequest(self, name, owner, args)

    def load_register(self, owner: Any, day: date) -> FakeRequest:
        return self._req("load_register", owner, day)

    def save_record(self, owner: Any, record: AttendanceRecord, expected_version: int,
                    reason: str, suggested: AttendanceRecord | None,
                    loaded: AttendanceRecord | None) -> FakeRequest:
        return self._req("save_record", owner, record, expected_version, reason, suggested,
                         loaded)

    def confirm_records(self, owner: Any, records: Any) -> FakeRequest:
        return self._req("confirm_records", owner, list(records))

    def load_summary(self, owner: Any, month: str) -> FakeRequest:
        return self._req("load_summary", owner, month)

    def export_summary(self, owner: Any, summary: MonthSummary, path: str) -> FakeRequest:
        return self._req("export_summary", owner, summary, path)

    def load_leave(self, owner: Any, first: date, last: date) -> FakeRequest:
        return self._req("load_leave", owner, first, last)

    def request_leave(self, owner: Any, agent: str, type_: AttType, start: date, end: date,
                      reason: str) -> FakeRequest:
        return self._req("request_leave", owner, agent, type_, start, end, reason)

    def decide_leave(self, owner: Any, request_id: int, approve: bool, expected_version: int,
                     note: str) -> FakeRequest:
        return self._req("decide_leave", owner, request_id, approve, expected_version, note)


def rec(agent: str, type_: AttType = AttType.PRESENT, late: int = 0, early: int = 0,
        note: str = "", day: date = DAY) -> AttendanceRecord:
    return AttendanceRecord(day, agent, type_, late, early, note)


def saved(record: AttendanceRecord, version: int = 1, by: str = "L1",
          at: datetime = T0) -> Stored:
    return Stored(record, "leader", version, by, at)


def row(agent: str, name: str, suggested: AttendanceRecord, stored: Stored | None = None, *,
        first: datetime | None = None, last: datetime | None = None,
        online: bool = False, shift: str = "白班", settle: Settle = Settle.SETTLED,
        group: str = "") -> RegisterRow:
    return RegisterRow(agent, name, shift, suggested, stored, first, last, online, settle,
                       group)


def local(h: int, m: int) -> datetime:
    """A time of DAY in Shanghai, as UTC."""
    return datetime(2026, 3, 2, h, m, tzinfo=UTC) - timedelta(hours=8)


def make(qtbot: QtBot, backend: FakeBackend | None = None,
         rows: list[RegisterRow] | None = None) -> tuple[AttendanceDialog, FakeBackend]:
    b = backend or FakeBackend()
    d = AttendanceDialog(b)
    qtbot.addWidget(d)
    for page in (d.register, d.leave):
        page.show_conflict = lambda parent, title, text: pytest.fail(
            f"unexpected conflict: {text}")
    d.register.ask_confirm = lambda text: pytest.fail(f"unexpected question: {text}")
    if rows is not None:
        b.of("load_register")[-1].done(rows)
    return d, b


def cell(m: Any, r: int, c: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return m.data(m.index(r, c), role)


def four_rows() -> list[RegisterRow]:
    """1001 in and still online; 1002 late, corrected to present by L2; 1003 no login
    (absent, unconfirmed); 1004 confirmed as suggested (version 3)."""
    late = rec("1002", AttType.LATE_EARLY, late=12)
    ok4 = rec("1004")
    return [
        row("1001", "张三", rec("1001"), first=local(7, 58), online=True),
        row("1002", "李四", late, saved(rec("1002", note="公交晚点"), by="L2"),
            first=local(8, 12), last=local(20, 1)),
        row("1003", "王五", rec("1003", AttType.ABSENT)),
        row("1004", "赵六", ok4, saved(ok4, version=3), first=local(7, 50), last=local(20, 0)),
    ]


# ---- the register ------------------------------------------------------------------------


def test_the_register_shows_suggested_beside_saved_and_marks_unconfirmed(
        qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    d, b = make(qtbot, rows=four_rows())
    assert d.objectName() == "attendanceDialog"
    assert b.of("load_register")[0].args == (DAY,) and d.day() == DAY
    b.of("load_leave")[0].done(([], {"L1": "张班长", "L2": "王班长"}))
    m = d.register.model
    qtmodeltester.check(m)
    assert [cell(m, r, c) for r in range(4) for c in (R_IN, R_OUT)] == [
        "07:58", "Logged in", "08:12", "20:01", "—", "—", "07:50", "20:00"]
    assert [cell(m, r, R_SUGGESTED) for r in range(4)] == [
        "Present", "Late / left early late 12 min", "Absent without leave", "Present"]
    assert [cell(m, r, R_RECORD) for r in range(4)] == [
        "Unconfirmed", "Present", "Unconfirmed", "Present"]
    assert [cell(m, r, R_STATUS) for r in range(4)] == [
        "To confirm", "Corrected by 王班长", "To confirm", "Confirmed by 张班长"]
    assert [cell(m, r, 0, STATE_ROLE) for r in range(4)] == [
        "unconfirmed", "corrected", "unconfirmed", "confirmed"]
    marked = [cell(m, r, 0, Qt.ItemDataRole.BackgroundRole) is not None for r in range(4)]
    assert marked == [True, False, True, False]
    assert cell(m, 1, R_RECORD, Qt.ItemDataRole.ToolTipRole) == "公交晚点"
    assert d.register.unconfirmed_label.text() == "Unconfirmed: 2"
    # nothing selected: the panel waits
    assert not d.register.edit_box.isEnabled() and not d.register.confirm_button.isEnabled()
    assert d.register.confirm_all_button.isEnabled()
    # another day is loaded when chosen
    d.set_day(DAY + timedelta(days=1))
    assert b.of("load_register")[-1].args == (DAY + timedelta(days=1),)


def test_confirming_a_row_sends_the_suggestion_with_version_0(qtbot: QtBot) -> None:
    d, b = make(qtbot, rows=four_rows())
    assert d.register.select_agent("1003")
    assert d.register.edit_box.isEnabled() and d.register.confirm_button.isEnabled()
    assert not d.register.save_button.isEnabled()  # nothing changed: nothing to correct
    assert d.register.panel_type() is AttType.ABSENT
    assert d.register.reason_hint.text() == "As the platform suggests: no reason needed."
    d.register.confirm_button.click()
    [call] = b.of("save_record")
    sug = rec("1003", AttType.ABSENT)
    assert call.args == (sug, 0, "", sug, sug)
    assert not d.register.confirm_button.isEnabled() and not d.register.confirm_all_button.isEnabled()
    with qtbot.waitSignal(d.register.saved):
        call.done(saved(sug))
    assert d.register.message_text() == "Saved: 1003 Absent without leave."
    assert cell(d.register.model, 2, R_RECORD) == "Absent without leave"
    assert cell(d.register.model, 2, 0, STATE_ROLE) == "confirmed"
    assert d.register.unconfirmed_label.text() == "Unconfirmed: 1"
    assert not d.register.confirm_button.isEnabled()  # confirmed now
    # a confirmed row is not confirmed again
    d.register.select_agent("1004")
    assert not d.register.confirm_button.isEnabled() and not d.register.confirm_selected()


def test_a_correction_needs_a_reason_and_sends_suggested_and_loaded(qtbot: QtBot) -> None:
    d, b = make(qtbot, rows=four_rows())
    d.register.select_agent("1001")
    assert not d.register.late_spin.isEnabled()  # minutes only for late / early
    d.register.set_panel(AttType.SICK)
    assert d.register.reason_required()
    assert d.register.reason_hint.text() == ("A reason is required: this differs from what the platform "
                                    "saw (Type: platform “Present”, yours “Sick leave”).")
    assert d.register.save_button.isEnabled() and not d.register.confirm_button.isEnabled()
    d.register.save_button.click()
    assert b.of("save_record") == []
    assert d.register.message_text() == "Not saved: a correction needs a reason."
    assert RED in d.register.status.styleSheet() and RED in d.register.reason_hint.styleSheet()
    d.register.reason_edit.setText("电话请病假")
    assert RED not in d.register.reason_hint.styleSheet()
    d.register.save_button.click()
    [call] = b.of("save_record")
    assert call.args == (rec("1001", AttType.SICK), 0, "电话请病假", rec("1001"), rec("1001"))
    call.error("ignored")  # let the next save go

    # a saved row: its version, and the record as loaded
    d.register.select_agent("1004")
    assert d.register.reason_edit.text() == ""  # the form is the new row's
    d.register.set_panel(AttType.LATE_EARLY)
    assert d.register.late_spin.isEnabled() and d.register.early_spin.isEnabled()
    d.register.reason_edit.setText("监控显示 8:05 到岗")
    d.register.save_button.click()  # late / early without minutes is refused here
    assert len(b.of("save_record")) == 1
    assert d.register.message_text() == "Enter the minutes late or left early for “Late / left early”."
    d.register.late_spin.setValue(5)
    assert "Minutes late: platform “0”, yours “5”" in d.register.reason_hint.text()
    d.register.save_button.click()
    call = b.of("save_record")[1]
    assert call.args == (rec("1004", AttType.LATE_EARLY, late=5), 3, "监控显示 8:05 到岗",
                         rec("1004"), rec("1004"))
    # back to what the platform saw: no reason needed
    call.error("ignored")
    d.register.set_panel(AttType.PRESENT)
    assert not d.register.reason_required() and not d.register.save_button.isEnabled()
    # changing only the note departs from the platform too
    d.register.note_edit.setText("补记")
    assert d.register.reason_required()
    assert "Note: platform “—”, yours “补记”" in d.register.reason_hint.text()


def test_confirm_all_confirms_only_unconfirmed_rows_in_one_call(qtbot: QtBot) -> None:
    """Issue #15 step 3: one request for every row, never one save per row."""
    rows = [*four_rows(), row("1005", "钱七", rec("1005", AttType.LATE_EARLY, late=3))]
    d, b = make(qtbot, rows=rows)
    # 1003 has unsaved changes in the form: left out
    d.register.select_agent("1003")
    d.register.set_panel(AttType.PERSONAL)
    asked: list[str] = []

    def say_no(text: str) -> bool:
        asked.append(text)
        return False

    d.register.ask_confirm = say_no
    assert not d.register.confirm_all()
    assert asked == ["Confirm the platform's suggestion as it is for 2 agents?"]
    assert b.of("confirm_records") == []
    d.register.ask_confirm = lambda text: True
    d.register.confirm_all_button.click()
    late = rec("1005", AttType.LATE_EARLY, late=3)
    [call] = b.of("confirm_records")
    assert call.args == ([rec("1001"), late],)
    assert b.of("save_record") == []  # no save per row
    assert d.register.message_text() == "Confirming 2 rows…"
    assert not d.register.confirm_all_button.isEnabled() and not d.register.day_edit.isEnabled()
    with qtbot.waitSignal(d.register.confirm_all_finished):
        call.done([saved(rec("1001")), saved(late)])
    assert len(b.of("confirm_records")) == 1 and b.of("save_record") == []
    assert d.register.message_text() == (
        "Confirmed 2 of 2. Left out (the form has unsaved changes): 1003.")
    assert [cell(d.register.model, r, 0, STATE_ROLE) for r in range(5)] == [
        "confirmed", "corrected", "unconfirmed", "confirmed", "confirmed"]
    assert d.register.unconfirmed_label.text() == "Unconfirmed: 1"
    assert d.register.panel_type() is AttType.PERSONAL  # the form is untouched
    assert d.register.day_edit.isEnabled()


def test_confirm_all_confirms_nothing_when_a_row_was_saved_meanwhile(qtbot: QtBot) -> None:
    rows = [*four_rows(), row("1005", "钱七", rec("1005", AttType.LATE_EARLY, late=3))]
    d, b = make(qtbot, rows=rows)
    d.register.ask_confirm = lambda text: True
    assert d.register.confirm_all()
    [call] = b.of("confirm_records")
    loads = len(b.of("load_register"))
    assert call.conflict is not None
    with qtbot.waitSignal(d.register.confirm_all_finished):
        call.conflict(StaleEdit("考勤 2026-03-02 1005", by="L2", at=T0,
                                changes=[("type", "late_early", "present")],
                                current=saved(rec("1005"), by="L2")))
    assert d.register.message_text() == (
        "Nothing was confirmed: 1005 had been saved by someone else meanwhile. The register "
        "was reloaded; confirm all again for the others.")
    # nothing shown as confirmed; the register is read again
    assert [cell(d.register.model, r, 0, STATE_ROLE) for r in (0, 2, 4)] == ["unconfirmed"] * 3
    assert len(b.of("load_register")) == loads + 1
    assert d.register.day_edit.isEnabled()


def test_confirm_all_leaves_shifts_not_started_or_under_way(qtbot: QtBot) -> None:
    """Issue #12 at 01:48: last night's agents are settled; the day shift (08:00) is
    not due and one row of a shift under way proposes 旷工 — neither is confirmed."""
    rows = [
        row("1001", "张三", rec("1001"), first=local(20, 0) - timedelta(days=1), online=True,
            shift="夜班"),
        row("1002", "李四", rec("1002"), settle=Settle.NOT_DUE),
        row("1003", "王五", rec("1003"), settle=Settle.NOT_DUE),
        row("1004", "赵六", rec("1004", AttType.ABSENT), settle=Settle.IN_SHIFT),
    ]
    d, b = make(qtbot, rows=rows)
    m = d.register.model
    assert [cell(m, r, R_SUGGESTED) for r in range(4)] == [
        "Present", "Not due yet", "Not due yet", "Absent without leave so far"]
    assert [cell(m, r, R_STATUS) for r in range(4)] == [
        "To confirm", "Shift not started", "Shift not started", "Shift under way"]
    # nothing to do for a shift not due: no "unconfirmed" alarm on it
    assert [cell(m, r, R_RECORD) for r in range(4)] == [
        "Unconfirmed", "—", "—", "Unconfirmed"]
    assert cell(m, 1, R_RECORD, Qt.ItemDataRole.BackgroundRole) is None
    assert d.register.unconfirmed_label.text() == "Unconfirmed: 2    Shift not started: 2"
    asked: list[str] = []
    d.register.ask_confirm = lambda text: asked.append(text) or True
    assert d.register.confirm_all()
    assert asked == ["Confirm the platform's suggestion as it is for 1 agents? 3 rows of "
                     "shifts not started or still under way are left until the shift is over."]
    with qtbot.waitSignal(d.register.confirm_all_finished):
        [only] = b.of("confirm_records")
        assert only.args == ([rec("1001")],)
        only.done([saved(rec("1001"))])
    assert len(b.of("confirm_records")) == 1 and b.of("save_record") == []
    assert not d.register.confirm_all_button.isEnabled()  # nothing settled is left
    # a row not due cannot be confirmed on its own either
    d.register.select_agent("1002")
    assert not d.register.confirm_button.isEnabled() and not d.register.confirm_selected()
    assert b.of("save_record") == []


def test_the_group_column_and_the_exceptions_only_filter(qtbot: QtBot) -> None:
    rows = [row(r.agent, r.name, r.suggested, r.stored, first=r.first_login,
                last=r.last_logout, online=r.still_logged_in, group="一班")
            for r in four_rows()]
    rows.append(row("1005", "钱七", rec("1005"), settle=Settle.NOT_DUE, group="二班"))
    d, _b = make(qtbot, rows=rows)
    m = d.register.model
    assert m.headerData(R_GROUP, Qt.Orientation.Horizontal) == "Group"
    assert [cell(m, r, R_GROUP) for r in range(5)] == ["一班"] * 4 + ["二班"]
    assert d.register.visible_agents() == ["1001", "1002", "1003", "1004", "1005"]
    d.register.exceptions_only.setChecked(True)
    # 1002 corrected (late → present), 1003 旷工; plain 出勤 and a shift not due are hidden
    assert d.register.visible_agents() == ["1002", "1003"]
    d.register.exceptions_only.setChecked(False)
    assert len(d.register.visible_agents()) == 5


def test_confirm_all_refused_confirms_nothing(qtbot: QtBot) -> None:
    d, b = make(qtbot, rows=four_rows())
    d.register.ask_confirm = lambda text: True
    assert d.register.confirm_all()
    with qtbot.waitSignal(d.register.confirm_all_finished):
        b.of("confirm_records")[0].error("无权限 / L9 lacks keep_shift_records")
    assert len(b.of("confirm_records")) == 1 and b.of("save_record") == []
    assert d.register.message_text() == ("Nothing was confirmed: 无权限 / L9 lacks "
                                         "keep_shift_records")
    assert [cell(d.register.model, r, 0, STATE_ROLE) for r in (0, 2)] == ["unconfirmed"] * 2
    assert RED in d.register.status.styleSheet() and d.register.confirm_all_button.isEnabled()


def test_a_conflict_names_who_when_and_what_reloads_and_keeps_the_form(qtbot: QtBot) -> None:
    d, b = make(qtbot, rows=four_rows())
    b.of("load_leave")[0].done(([], {"L2": "王班长"}))
    shown: list[tuple[QWidget | None, str, str]] = []
    d.register.show_conflict = lambda parent, title, text: shown.append((parent, title, text))
    d.register.select_agent("1001")
    d.register.set_panel(AttType.LATE_EARLY, late=12, note="未打卡", reason="平台漏记登录")
    d.register.save_button.click()
    [call] = b.of("save_record")
    assert call.conflict is not None
    theirs = rec("1001", AttType.SICK, note="上午电话请假")
    with qtbot.waitSignal(d.register.saved):
        call.conflict(StaleEdit("考勤 2026-03-02 1001", by="L2",
                                at=datetime(2026, 3, 2, 1, 5, tzinfo=UTC),
                                changes=[("type", "present", "sick"),
                                         ("note", "", "上午电话请假")],
                                current=saved(theirs, by="L2")))
    [(parent, title, text)] = shown
    assert parent is d.register and title == "Saved by someone else"
    assert "王班长 (L2) saved this record at 2026-03-02 09:05:00" in text
    assert "• Type: now “Sick leave” (you had “Present”)" in text
    assert "• Note: now “上午电话请假” (you had “—”)" in text
    assert d.register.message_text().startswith("1001 was saved by someone else first")
    # the day is reloaded: the row shows their record …
    assert len(b.of("load_register")) == 2
    rows = four_rows()
    rows[0] = row("1001", "张三", rec("1001"), saved(theirs, by="L2"), first=local(7, 58),
                  online=True)
    with qtbot.waitSignal(d.register.register_loaded):
        b.of("load_register")[1].done(rows)
    assert cell(d.register.model, 0, R_RECORD) == "Sick leave"
    assert cell(d.register.model, 0, R_STATUS) == "Corrected by 王班长"
    # … and the form still has what the leader typed
    assert d.register.selected_agent() == "1001"
    assert d.register.panel_type() is AttType.LATE_EARLY and d.register.late_spin.value() == 12
    assert d.register.note_edit.text() == "未打卡" and d.register.reason_edit.text() == "平台漏记登录"
    assert d.register.save_button.isEnabled()
    d.register.save_button.click()  # saving again goes on top of their version
    again = b.of("save_record")[1]
    assert again.args == (rec("1001", AttType.LATE_EARLY, late=12, note="未打卡"), 1,
                          "平台漏记登录", rec("1001"), theirs)


def test_a_refusal_is_shown_inline_and_the_form_kept(qtbot: QtBot) -> None:
    d, b = make(qtbot, rows=four_rows())
    d.register.select_agent("1003")
    d.register.set_panel(AttType.PERSONAL, reason="事后补假")
    d.register.save_button.click()
    with qtbot.waitSignal(d.register.saved):
        b.of("save_record")[0].error("无权限 / L1 lacks the right keep_shift_records")
    assert d.register.message_text() == ("Not saved (1003): 无权限 / L1 lacks the right "
                                "keep_shift_records")
    assert RED in d.register.status.styleSheet()
    assert d.register.panel_type() is AttType.PERSONAL and d.register.reason_edit.text() == "事后补假"
    assert d.register.save_button.isEnabled() and d.register.edit_box.isEnabled()
    assert cell(d.register.model, 2, 0, STATE_ROLE) == "unconfirmed"


def late_rows(n_late: int, n_leave: int = 0) -> list[RegisterRow]:
    out = [row(f"1{i:03d}", f"迟{i}", rec(f"1{i:03d}", AttType.LATE_EARLY, late=5 + i))
           for i in range(n_late)]
    out += [row(f"2{i:03d}", f"假{i}", rec(f"2{i:03d}"),
                saved(rec(f"2{i:03d}", AttType.SICK))) for i in range(n_leave)]
    return out + [row("3000", "准时", rec("3000"))]


def test_the_daily_check_turns_red_above_the_limit_and_not_at_it(qtbot: QtBot) -> None:
    d, b = make(qtbot, rows=late_rows(2, 3))
    assert d.register.daily_check.text() == "Late: 2 (limit 2)    On leave: 3 (limit 3)"
    assert d.register.daily_check.property("alarm") is False and RED not in d.register.daily_check.styleSheet()
    d.register.reload()
    b.of("load_register")[-1].done(late_rows(3, 3))
    assert d.register.daily_check.text() == ("Late: 3 (limit 2)    On leave: 3 (limit 3)    "
                                    "Above the daily limit.")
    assert d.register.daily_check.property("alarm") is True and RED in d.register.daily_check.styleSheet()
    d.register.reload()
    b.of("load_register")[-1].done(late_rows(0, 4))
    assert d.register.daily_check.property("alarm") is True
    # a limit of 0 switches the check off
    off = FakeBackend(Policy(attendance=AttendancePolicy(daily_max_late=0, daily_max_leave=0)))
    d2, _b2 = make(qtbot, off, rows=late_rows(5, 5))
    assert d2.register.daily_check.text() == "Late: 5    On leave: 5"
    assert d2.register.daily_check.property("alarm") is False


# ---- the monthly summary --------------------------------------------------------------------


def month_summary() -> MonthSummary:
    days = {c: 0.0 for c in TYPE_CODES}
    a = AgentMonth("1001", "张三", {**days, "present": 18.0, "late_early": 3.0, "sick": 1.0},
                   late_count=3, late_min=75, early_min=10, absent_days=0.5,
                   flags=("R-ATT-3: 本月迟到3次，计旷工0.5天",), charged={"personal": 1.5})
    b = AgentMonth("1002", "李四", {**days, "present": 21.0, "personal": 0.5}, late_count=0,
                   late_min=0, early_min=0, absent_days=0.0)
    return MonthSummary("2026-03", "seed-002", (a, b),
                        ("2026-03-05: 迟到3人，超过2人",))


def test_the_summary_shows_the_numbers_and_highlights_flagged_agents(
        qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    d, b = make(qtbot)
    [call] = b.of("load_summary")
    assert call.args == ("2026-03",) and d.summary.month_edit.displayFormat() == "yyyy-MM"
    assert not d.summary.export_button.isEnabled()
    with qtbot.waitSignal(d.summary.summary_loaded):
        call.done(month_summary())
    m = d.summary.model
    qtmodeltester.check(m)
    assert m.columnCount() == 2 + 9 + 5
    assert [m.headerData(S_TYPES + i, Qt.Orientation.Horizontal) for i in (0, 7, 8)] == [
        "Present", "Late / left early", "Absent without leave"]
    assert m.headerData(S_ABSENT, Qt.Orientation.Horizontal) == "Days counted absent"
    present, sick, personal, late_early = (S_TYPES + TYPE_CODES.index(c) for c in (
        "present", "sick", "personal", "late_early"))
    assert [cell(m, 0, c) for c in (0, 1, present, sick, late_early, S_LATE_N, S_LATE_MIN,
                                    S_LATE_MIN + 1, S_ABSENT)] == [
        "1001", "张三", "18", "1", "3", "3", "75", "10", "0.5"]
    assert cell(m, 1, personal) == "0.5" and cell(m, 1, S_ABSENT) == "0"
    assert cell(m, 0, S_FLAGS) == "R-ATT-3: 本月迟到3次，计旷工0.5天；Charged as Personal leave: 1.5 days"
    assert cell(m, 1, S_FLAGS) == ""
    assert [cell(m, r, 0, STATE_ROLE) for r in range(2)] == [True, False]
    assert cell(m, 0, 3, Qt.ItemDataRole.BackgroundRole) is not None
    assert cell(m, 1, 3, Qt.ItemDataRole.BackgroundRole) is None
    assert d.summary.day_flags_label.text() == ("Days breaking the daily checks:\n"
                                        "2026-03-05: 迟到3人，超过2人")
    assert d.summary.policy_label.text() == "Policy: seed-002 · 2 agents, 1 flagged"
    assert d.summary.export_button.isEnabled()
    d.set_month("2026-04")
    assert b.of("load_summary")[-1].args == ("2026-04",) and not d.summary.export_button.isEnabled()
    b.of("load_summary")[-1].error("数据库不可用")
    assert d.summary.status.text() == "The summary could not be loaded: 数据库不可用"


def test_the_summary_says_when_it_is_due_and_the_facts_the_register_lacks(
        qtbot: QtBot) -> None:
    """R-ATT-6: the month's summary is due by the 30th and says how many rostered days
    still wait; R-ATT-2: a 婚假 beyond 3 days whose +7 the register cannot check is a
    note for the leader, not a flag (issue #16)."""
    import dataclasses
    from datetime import date

    d, b = make(qtbot)
    s = month_summary()
    a = dataclasses.replace(s.agents[1], notes=("R-ATT-2: 婚假5天超过3天：请核实",))
    waiting = dataclasses.replace(s, agents=(s.agents[0], a), due=date(2026, 3, 30),
                                  unconfirmed_days=4)
    with qtbot.waitSignal(d.summary.summary_loaded):
        b.of("load_summary")[0].done(waiting)
    assert d.summary.policy_label.text() == ("Policy: seed-002 · 2 agents, 1 flagged · due by "
                                             "2026-03-30: 4 person-days not confirmed yet")
    assert cell(d.summary.model, 1, S_FLAGS) == "R-ATT-2: 婚假5天超过3天：请核实"
    assert cell(d.summary.model, 1, 3, Qt.ItemDataRole.BackgroundRole) is None  # not flagged
    d.set_month("2026-04")
    with qtbot.waitSignal(d.summary.summary_loaded):
        b.of("load_summary")[-1].done(dataclasses.replace(waiting, unconfirmed_days=0))
    assert d.summary.policy_label.text().endswith(
        "due by 2026-03-30: every rostered day confirmed")


def test_export_calls_export_summary_with_the_chosen_path(qtbot: QtBot,
                                                          tmp_path: Path) -> None:
    d, b = make(qtbot)
    s = month_summary()
    b.of("load_summary")[0].done(s)
    offered: list[str] = []

    def cancel(name: str) -> str | None:
        offered.append(name)
        return None

    d.summary.ask_save_path = cancel
    assert not d.summary.export() and b.of("export_summary") == []  # cancelled
    assert offered == ["attendance-2026-03.xlsx"]
    target = tmp_path / "三月考勤"
    d.summary.ask_save_path = lambda name: str(target)
    d.summary.export_button.click()
    [call] = b.of("export_summary")
    assert call.args == (s, str(target) + ".xlsx")
    assert not d.summary.export_button.isEnabled()
    with qtbot.waitSignal(d.summary.exported):
        call.done(Path(str(target) + ".xlsx"))
    assert d.summary.status.text() == f"Written: {target}.xlsx"
    assert d.summary.export_button.isEnabled()
    d.summary.export()
    with qtbot.waitSignal(d.summary.exported):
        b.of("export_summary")[1].error("Permission denied")
    assert d.summary.status.text() == "Not written: Permission denied"


# ---- leave ---------------------------------------------------------------------------------


def leave(rid: int, agent: str, status: str, chain: tuple[str, ...],
          steps: tuple[dict[str, Any], ...] = (), *, type_: AttType = AttType.PERSONAL,
          start: date = DAY, end: date = DAY, version: int = 1) -> LeaveRequest:
    days = float((end - start).days + 1)
    return LeaveRequest(rid, agent, type_, start, end, days, "家中有事", chain, steps, status,
                        "L1", T0, version)


def step(role: str, decision: str = "approved", by: str = "H1") -> dict[str, Any]:
    return {"role": role, "by": by, "by_name": "孙部长", "at": T0.isoformat(),
            "decision": decision, "note": ""}


REQUESTS = [
    leave(7, "1001", "pending", ("department_head", "director"), (step("department_head"),),
          start=DAY, end=DAY + timedelta(days=2), version=2),
    leave(8, "1002", "approved", ("department_head",), (step("department_head"),)),
    leave(9, "1003", "rejected", ("department_head", "director"),
          (step("department_head", "rejected"),), type_=AttType.SICK),
    leave(10, "1004", "pending", ("department_head",)),
]
NAMES = {"1001": "张三", "1002": "李四", "1003": "王五", "1004": "赵六", "L1": "张班长",
         "H1": "孙部长"}


def test_the_approval_chain_reads_right() -> None:
    assert [chain_text(r) for r in REQUESTS] == [
        "Department head ✓ → Director pending", "Department head ✓",
        "Department head ✗ → Director", "Department head pending"]


def test_leave_lists_this_month_and_next_and_approves_only_pending(
        qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    d, b = make(qtbot)
    [load] = b.of("load_leave")
    assert load.args == (date(2026, 3, 1), date(2026, 4, 30))
    with qtbot.waitSignal(d.leave.leave_loaded):
        load.done((REQUESTS, NAMES))
    m = d.leave.model
    qtmodeltester.check(m)
    assert [cell(m, 0, c) for c in range(7)] == [
        "1001", "张三", "Personal leave", "2026-03-02 to 2026-03-04", "3",
        "Department head ✓ → Director pending", "Pending"]
    assert [cell(m, r, L_STATUS) for r in range(4)] == ["Pending", "Approved", "Rejected",
                                                         "Pending"]
    assert "孙部长" in cell(m, 0, L_CHAIN, Qt.ItemDataRole.ToolTipRole)
    assert not d.leave.approve_button.isEnabled() and not d.leave.reject_button.isEnabled()
    for rid, enabled in ((8, False), (9, False), (7, True)):
        assert d.leave.select_request(rid)
        assert d.leave.approve_button.isEnabled() is enabled and d.leave.reject_button.isEnabled() is enabled
    d.leave.note.setText("同意")
    d.leave.approve_button.click()
    [call] = b.of("decide_leave")
    assert call.args == (7, True, 2, "同意")
    assert not d.leave.approve_button.isEnabled()
    # the step needs the director: refused, shown inline
    with qtbot.waitSignal(d.leave.leave_answered):
        call.error("需由主任审批 / this step needs the director role")
    assert d.leave.status.text() == "需由主任审批 / this step needs the director role"
    assert RED in d.leave.status.styleSheet() and d.leave.approve_button.isEnabled()
    # rejecting, refused as stale: the conflict box, then a reload
    shown: list[str] = []
    d.leave.show_conflict = lambda parent, title, text: shown.append(text)
    d.leave.reject_button.click()
    rej = b.of("decide_leave")[1]
    assert rej.args == (7, False, 2, "同意") and rej.conflict is not None
    rej.conflict(StaleEdit("请假 #7", by="H2", at=T0, changes=[("status", None, "approved")]))
    assert len(shown) == 1 and "• Status: now “Approved” (you had “—”)" in shown[0]
    assert len(b.of("load_leave")) == 2
    # a decision done: the row updates and the list reloads
    d.leave.decide_selected(True)
    done = leave(7, "1001", "approved", REQUESTS[0].chain,
                 (step("department_head"), step("director", by="D1")), version=3)
    b.of("decide_leave")[2].done(done)
    assert d.leave.status.text() == "Approved #7: Department head ✓ → Director ✓."
    assert cell(m, 0, L_STATUS) == "Approved" and not d.leave.approve_button.isEnabled()
    assert len(b.of("load_leave")) == 3


def test_a_new_leave_request_sends_the_fields(qtbot: QtBot) -> None:
    d, b = make(qtbot, rows=four_rows())
    b.of("load_summary")[0].done(month_summary())
    b.of("load_leave")[0].done(([], NAMES))
    agents = [d.leave.agent.itemData(i) for i in range(d.leave.agent.count())]
    assert agents == ["1001", "1002", "1003", "1004"]  # agents only, never the leaders
    assert [d.leave.type.itemText(i) for i in range(d.leave.type.count())] == [
        "Sick leave", "Personal leave", "Maternity leave", "Marriage leave",
        "Bereavement leave", "Family-visit leave"]
    d.leave.agent.setCurrentIndex(agents.index("1003"))
    d.leave.type.setCurrentIndex(d.leave.type.findData("marriage"))
    d.leave.start.setDate(d.leave.start.date().addDays(3))
    assert d.leave.preview.text() == "The leave ends before it starts."
    assert not d.leave.submit() and b.of("request_leave") == []
    d.leave.end.setDate(d.leave.start.date().addDays(2))
    assert d.leave.preview.text() == "3 days · approved by Department head → Director"
    d.leave.reason.setText("结婚")
    d.leave.submit_button.click()
    [call] = b.of("request_leave")
    assert call.args == ("1003", AttType.MARRIAGE, date(2026, 3, 5), date(2026, 3, 7), "结婚")
    assert not d.leave.submit_button.isEnabled()
    with qtbot.waitSignal(d.leave.leave_answered):
        call.error("与第 3 号请假重叠 / overlaps leave request #3")
    assert d.leave.status.text() == "与第 3 号请假重叠 / overlaps leave request #3"
    assert d.leave.reason.text() == "结婚"  # nothing lost
    d.leave.submit()
    filed = leave(11, "1003", "pending", ("department_head", "director"),
                  type_=AttType.MARRIAGE, start=date(2026, 3, 5), end=date(2026, 3, 7))
    b.of("request_leave")[1].done(filed)
    assert d.leave.status.text() == ("Leave request #11 filed for 1003: Department head "
                                     "pending → Director.")
    assert d.leave.reason.text() == "" and len(b.of("load_leave")) == 2


# ---- Chinese -------------------------------------------------------------------------------


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    from console.ui import I18n

    i18n = I18n(qapp)
    i18n.install("zh_CN")
    try:
        yield
    finally:
        i18n.install("en")


def test_the_dialog_speaks_chinese(qtbot: QtBot, chinese: None) -> None:
    d, b = make(qtbot, rows=late_rows(3, 1))
    assert [d.tabs.tabText(i) for i in range(3)] == ["考勤登记", "月考勤汇总", "请假"]
    assert d.register.daily_check.text().startswith("迟到 3 人（上限 2）")
    assert cell(d.register.model, 0, R_SUGGESTED) == "迟到早退 迟到 5 分"
    assert cell(d.register.model, 0, R_RECORD) == "未确认"
    assert [d.register.type_combo.itemText(i) for i in range(d.register.type_combo.count())] == [
        "出勤", "病假", "事假", "产假", "婚假", "丧假", "探亲假", "迟到早退", "旷工"]
    assert d.register.confirm_button.text().startswith("确认")
    assert d.register.confirm_all_button.text() == "确认全部未确认项"
    assert d.summary.export_button.text() == "导出 Excel…"
    assert d.register.exceptions_only.text() == "只看异常"
    assert d.register.model.headerData(R_GROUP, Qt.Orientation.Horizontal) == "班组"
    b.of("load_register")[-1].done([
        row("1001", "张三", rec("1001"), settle=Settle.NOT_DUE),
        row("1002", "李四", rec("1002", AttType.ABSENT), settle=Settle.IN_SHIFT)])
    assert [cell(d.register.model, r, R_SUGGESTED) for r in range(2)] == [
        "未到班时间", "旷工（暂定）"]
    assert [cell(d.register.model, r, R_STATUS) for r in range(2)] == [
        "班次未开始", "班次进行中"]
    b.of("load_leave")[0].done((REQUESTS, NAMES))
    assert cell(d.leave.model, 0, L_CHAIN) == "部长 ✓ → 主任 待批"
    assert cell(d.leave.model, 0, L_STATUS) == "待审批"


# ---- the real backend ------------------------------------------------------------------------


@pytest.fixture
def eng(db_url: str) -> Iterator[sa.Engine]:
    """The floor on SQLite and PostgreSQL (conftest's db_url)."""
    e = dbengine.make_engine(db_url)
    before = T0 - timedelta(days=1)
    seed_operators(e, [("A1", "管理员", {"admin"}), ("L1", "张班长", {"shift_leader"})],
                   now=before)
    seed_floor(e, before, groups=[{"id": "G1", "name": "一班"}],
               queues=[{"id": "Q1", "name": "12333"}],
               agents=[{"id": "1001", "name": "张三", "group": "G1"},
                       {"id": "1002", "name": "李四", "group": "G1"}])
    shiftops.import_roster(e, [RosterEntry(DAY, "白班", "1001"), RosterEntry(DAY, "白班", "1002")],
                           by="L1", now=before)
    yield e
    e.dispose()


@pytest.fixture
def bg(eng: sa.Engine, qapp: QApplication) -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


def test_with_the_real_backend_a_leader_confirms_a_rostered_agent(
        qtbot: QtBot, eng: sa.Engine, bg: Ops) -> None:
    backend = ShiftOpsBackend(BackendContext(eng, bg, "L1", lambda: T0, "PC-1"), Policy,
                              lambda: None)
    d = AttendanceDialog(backend)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.register.model.rowCount() == 2, timeout=10_000)
    m = d.register.model
    assert [cell(m, r, 0, KEY_ROLE) for r in range(2)] == ["1001", "1002"]
    # 12:00, the day shift under way: proposed, not settled (issue #12)
    assert [cell(m, r, R_SUGGESTED) for r in range(2)] == ["Absent without leave so far"] * 2
    assert [cell(m, r, 0, STATE_ROLE) for r in range(2)] == ["unconfirmed"] * 2
    d.register.select_agent("1001")
    with qtbot.waitSignal(d.register.saved, timeout=10_000):
        d.register.confirm_button.click()
    assert d.register.message_text() == "Saved: 1001 Absent without leave.", d.register.message_text()
    assert cell(m, 0, 0, STATE_ROLE) == "confirmed"
    with eng.connect() as conn:
        assert attendance_db.records_between(conn, DAY, DAY) == [
            AttendanceRecord(DAY, "1001", AttType.ABSENT)]
        [entry] = query_audit(conn, action="attendance_confirm")
    assert entry.operator == "L1" and entry.agent == "1001" and entry.target == "2026-03-02"
    assert entry.detail["record"]["type"] == "absent" and entry.workstation == "PC-1"
    qtbot.waitUntil(lambda: bg.busy() == 0, timeout=10_000)


def test_with_the_real_backend_confirm_all_at_0148_confirms_no_day_shift_absence(
        qtbot: QtBot, eng: sa.Engine, bg: Ops) -> None:
    """Issue #12: the register opened at 01:48 with the day shift at 08:00 proposes no
    旷工 and "confirm all" has nothing to confirm."""
    night = local(1, 48)
    backend = ShiftOpsBackend(BackendContext(eng, bg, "L1", lambda: night, "PC-1"), Policy,
                              lambda: None)
    d = AttendanceDialog(backend)
    qtbot.addWidget(d)
    d.register.ask_confirm = lambda text: pytest.fail(f"unexpected question: {text}")
    # it opens on the register of the 夜班 under way (started yesterday, 20:00)
    assert d.day() == DAY - timedelta(days=1)
    with qtbot.waitSignal(d.register.register_loaded, timeout=10_000):
        d.set_day(DAY)
    qtbot.waitUntil(lambda: d.register.model.rowCount() == 2, timeout=10_000)
    m = d.register.model
    assert [cell(m, r, R_SUGGESTED) for r in range(2)] == ["Not due yet"] * 2
    assert [cell(m, r, R_GROUP) for r in range(2)] == ["一班"] * 2
    assert not d.register.confirm_all_button.isEnabled()
    assert not d.register.confirm_all()
    assert d.register.message_text() == (
        "Nothing to confirm: every row is confirmed or being edited. 2 rows of shifts not "
        "started or still under way are left until the shift is over.")
    with eng.connect() as conn:
        assert attendance_db.records_between(conn, DAY, DAY) == []
    qtbot.waitUntil(lambda: bg.busy() == 0, timeout=10_000)


def test_with_the_real_backend_confirm_all_is_one_request_and_one_transaction(
        qtbot: QtBot, eng: sa.Engine, bg: Ops) -> None:
    """Issue #15 step 3: at 21:00 the day shift is over and both agents are settled
    (旷工, no login): "confirm all" confirms them with ONE backend request in ONE
    transaction — the per-row saves of before made one of each per agent."""
    evening = local(21, 0)
    backend = ShiftOpsBackend(BackendContext(eng, bg, "L1", lambda: evening, "PC-1"), Policy,
                              lambda: None)
    d = AttendanceDialog(backend)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.register.model.rowCount() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: bg.busy() == 0, timeout=10_000)
    requests: list[str] = []
    real_request = backend.request

    def counted(owner: Any, work: Any, *a: Any) -> Any:
        requests.append(type(owner).__name__)
        return real_request(owner, work, *a)

    backend.request = counted  # type: ignore[method-assign]
    begun: list[int] = []
    sa.event.listen(eng, "begin", lambda conn: begun.append(1))
    d.register.ask_confirm = lambda text: True
    with qtbot.waitSignal(d.register.confirm_all_finished, timeout=10_000):
        assert d.register.confirm_all()
    assert d.register.message_text() == "Confirmed 2 of 2.", d.register.message_text()
    assert requests == ["RegisterPage"] and len(begun) == 1
    assert [cell(d.register.model, r, 0, STATE_ROLE) for r in range(2)] == ["confirmed"] * 2
    with eng.connect() as conn:
        assert attendance_db.records_between(conn, DAY, DAY) == [
            AttendanceRecord(DAY, a, AttType.ABSENT) for a in ("1001", "1002")]
        audit = query_audit(conn, action="attendance_confirm")
    assert sorted(e.agent or "" for e in audit) == ["1001", "1002"]
    assert {(e.operator, e.workstation) for e in audit} == {("L1", "PC-1")}
    qtbot.waitUntil(lambda: bg.busy() == 0, timeout=10_000)


def test_the_marked_rows_take_the_dark_theme_colours(qtbot: QtBot, qapp: QApplication) -> None:
    """No light-theme colour in the dark theme: an unconfirmed row, a flagged agent and a
    pending request are marked with the theme's own colours, text readable on them."""
    themes.apply(qapp, themes.DARK)
    try:
        d, b = make(qtbot, rows=four_rows())
        b.of("load_summary")[0].done(month_summary())
        b.of("load_leave")[0].done((REQUESTS, NAMES))
        bg_of = {
            "register": cell(d.register.model, 0, R_RECORD, Qt.ItemDataRole.BackgroundRole),
            "summary": cell(d.summary.model, 0, 3, Qt.ItemDataRole.BackgroundRole),
            "leave": cell(d.leave.model, 0, 0, Qt.ItemDataRole.BackgroundRole),
        }
        assert {k: v.color() for k, v in bg_of.items()} == {
            "register": themes.DARK.pending_bg, "summary": themes.DARK.flagged_bg,
            "leave": themes.DARK.pending_bg}
        text = cell(d.register.model, 0, 1, Qt.ItemDataRole.ForegroundRole).color()
        assert text == themes.DARK.mark_text
        assert text.lightness() - themes.DARK.pending_bg.lightness() > 120  # readable
        light = {c.name() for c in (themes.LIGHT.pending_bg, themes.LIGHT.flagged_bg,
                                    themes.LIGHT.mark_text)}
        assert not light & {*(v.color().name() for v in bg_of.values()), text.name()}
        d.register.select_agent("1001")
        d.register.set_panel(AttType.SICK)
        d.register.save_button.click()  # no reason: refused in the theme's red
        assert themes.DARK.red.name() in d.register.status.styleSheet()
        assert RED not in d.register.status.styleSheet()
    finally:
        themes.apply(qapp, themes.LIGHT)
