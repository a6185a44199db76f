"""The morning-meeting dialog (早会记录, DOMAIN §5 R-MEET-1 … 4): what the shift
leader sees, types and saves — against a fake backend the test answers, and once
against the real backend on SQLite."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from models.domain.meeting import (
    AGENDA,
    AGENDA_KEYS,
    Attendee,
    MeetingPresence,
    Minutes,
    Notice,
    QuizEntry,
)
from models.domain.policy import Policy
from models.domain.shiftrecords import StaleEdit
from tests.answers import Answerable
from views.meeting_view import MeetingDialog, default_shift

#: 07:45 in Shanghai on 2026-11-23: the day shift's meeting is about to be held
T0 = datetime(2026, 11, 22, 23, 45, tzinfo=UTC)
DAY = date(2026, 11, 23)
ROSTER = (Attendee("1001", "张三"), Attendee("1002", "李四"), Attendee("1003", "王五"))


@dataclass
class Call:
    args: tuple[Any, ...]
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None]
    on_conflict: Callable[[Exception], None] | None = None


@dataclass
class FakeBackend:
    """Records each request; the test answers it."""

    clock: datetime = T0
    pol: Policy = field(default_factory=Policy)
    loads: list[Call] = field(default_factory=list)
    saves: list[Call] = field(default_factory=list)
    lists: list[Call] = field(default_factory=list)

    def now(self) -> datetime:
        return self.clock

    def policy(self) -> Policy:
        return self.pol

    def today(self) -> date:
        return self.clock.astimezone(self.pol.tz).date()

    def load_minutes(self, owner: Any, day: date, shift: str) -> Answerable:
        return Answerable(owner, lambda done, refused, _c: self.loads.append(
            Call((day, shift), done, refused)))

    def save_minutes(self, owner: Any, minutes: Minutes) -> Answerable:
        return Answerable(owner, lambda done, refused, conflict: self.saves.append(
            Call((minutes,), done, refused, conflict)))

    def list_meetings(self, owner: Any, first: date, last: date) -> Answerable:
        return Answerable(owner, lambda done, refused, _c: self.lists.append(
            Call((first, last), done, refused)))


def new_form(day: date = DAY, shift: str = "白班") -> Minutes:
    return Minutes(day=day, shift=shift, chair="L01", chair_name="王班长",
                   sections={k: "" for k in AGENDA_KEYS}, attendees=ROSTER)


def saved(m: Minutes, version: int, minute: int = 2, by: str = "L01") -> Minutes:
    return replace(m, version=version, saved_by=by,
                   saved_at=datetime(2026, 11, 23, 0, minute, tzinfo=UTC))


def open_dialog(qtbot: QtBot, first: Minutes | None = None,
                backend: FakeBackend | None = None) -> tuple[MeetingDialog, FakeBackend]:
    b = backend or FakeBackend()
    d = MeetingDialog(b)
    qtbot.addWidget(d)
    d.ask_confirm = lambda text: pytest.fail(f"asked: {text}")
    d.show_conflict = lambda parent, title, text: pytest.fail(f"conflict box: {text}")
    assert len(b.loads) == 1 and len(b.lists) == 1
    b.lists[0].on_done([])
    b.loads[0].on_done(first or new_form())
    qtbot.waitUntil(lambda: d.loaded is not None and not d.loading)
    return d, b


def presence(d: MeetingDialog, row: int) -> QComboBox:
    w = d.attendance.cellWidget(row, 2)
    assert isinstance(w, QComboBox)
    return w


def late_spin(d: MeetingDialog, row: int) -> QSpinBox:
    w = d.attendance.cellWidget(row, 3)
    assert isinstance(w, QSpinBox)
    return w


def set_presence(d: MeetingDialog, row: int, p: MeetingPresence, minutes: int = 0) -> None:
    combo = presence(d, row)
    combo.setCurrentIndex(combo.findData(p.value))
    if minutes:
        late_spin(d, row).setValue(minutes)


def quiz_combo(d: MeetingDialog, row: int, col: int) -> QComboBox:
    w = d.quiz.cellWidget(row, col)
    assert isinstance(w, QComboBox)
    return w


_W = TypeVar("_W", bound=QObject)


def child(d: MeetingDialog, cls: type[_W], name: str) -> _W:
    w = d.findChild(cls, name)
    assert w is not None, name
    return w


def cell(table: QTableWidget, row: int, col: int) -> QTableWidgetItem:
    item = table.item(row, col)
    assert item is not None, (row, col)
    return item


def no_to(asked: list[str], text: str) -> bool:
    """A leader who answers "no" (and the question is kept)."""
    asked.append(text)
    return False


def answer(asked: list[str], suggested: str, path: str) -> str:
    asked.append(suggested)
    return path


def section(d: MeetingDialog, key: str) -> str:
    return d.section_edits[key].toPlainText()


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    from console.ui import I18n

    i18n = I18n(qapp)
    i18n.install("zh_CN")
    try:
        yield
    finally:
        i18n.install("en")


# ---- what opens ---------------------------------------------------------------------------


def test_it_opens_on_the_meeting_about_to_be_held() -> None:
    p = Policy()
    shanghai = p.tz
    at = lambda h, m, d=23: datetime(2026, 11, d, h, m, tzinfo=shanghai)  # noqa: E731
    assert default_shift(p, at(7, 50)) == (DAY, "白班")  # its meeting: 10 min before
    assert default_shift(p, at(13, 0)) == (DAY, "白班")  # running now
    assert default_shift(p, at(19, 30)) == (DAY, "夜班")  # the night meeting is next
    assert default_shift(p, at(3, 0, 24)) == (DAY, "夜班")  # the night began the day before


def test_the_five_agenda_parts_in_order_with_english_titles(qtbot: QtBot) -> None:
    d, b = open_dialog(qtbot)
    assert d.objectName() == "meetingDialog"
    assert b.loads[0].args == (DAY, "白班")
    assert child(d, QDateEdit, "meetingDate").date().toString("yyyy-MM-dd") == "2026-11-23"
    assert child(d, QComboBox, "meetingShift").currentText() == "白班"
    boxes = [child(d, QGroupBox, f"meetingSection_{k}") for k in AGENDA_KEYS]
    inner = boxes[0].parentWidget()
    assert inner is not None
    layout = inner.layout()
    assert layout is not None
    assert [layout.indexOf(box) for box in boxes] == [0, 1, 2, 3, 4]
    assert [box.title() for box in boxes] == [f"{i + 1}. {en}"
                                              for i, (_k, _z, en) in enumerate(AGENDA)]
    assert boxes[0].title() == "1. Company arrangements, documents, notices"


def test_the_agenda_and_the_form_in_chinese(qtbot: QtBot, chinese: None) -> None:
    d, _b = open_dialog(qtbot)
    titles = [child(d, QGroupBox, f"meetingSection_{k}").title() for k in AGENDA_KEYS]
    assert titles == ["一、传达公司安排、文件、通知", "二、新业务知识、昨日热点难点问题",
                      "三、今日工作任务、鼓舞士气", "四、检查着装与精神状态",
                      "五、昨日工作讲评：表扬先进、指出问题"]
    assert d.windowTitle() == "早会"
    assert d.counts.text() == "出席 3 · 迟到 0 · 缺席 0"
    assert [presence(d, 0).itemText(i) for i in range(3)] == ["出席", "迟到", "缺席"]
    assert d.tabs.tabText(3) == "签到"


def test_switching_language_retitles_the_open_dialog(qtbot: QtBot, qapp: QApplication) -> None:
    from console.ui import I18n

    d, _b = open_dialog(qtbot)
    i18n = I18n(qapp)
    try:
        i18n.install("zh_CN")
        qtbot.waitUntil(lambda: d.section_boxes["tasks"].title() == "三、今日工作任务、鼓舞士气")
        assert presence(d, 1).currentText() == "出席"
    finally:
        i18n.install("en")
    qtbot.waitUntil(lambda: d.section_boxes["tasks"].title() == "3. Today's tasks, morale")


# ---- attendance ---------------------------------------------------------------------------


def test_a_new_form_has_the_rostered_agents_all_present(qtbot: QtBot) -> None:
    d, _b = open_dialog(qtbot)
    assert d.attendance.rowCount() == 3
    assert [cell(d.attendance, r, 0).text() for r in range(3)] == ["1001", "1002", "1003"]
    assert [cell(d.attendance, r, 1).text() for r in range(3)] == ["张三", "李四", "王五"]
    assert all(presence(d, r).currentData() == "present" for r in range(3))
    assert not any(late_spin(d, r).isEnabled() for r in range(3))
    assert child(d, QLabel, "meetingAttendanceCounts").text() == \
        "Present 3 · Late 0 · Absent 0"
    assert "roster (3 people)" in d.info.text()
    # nothing typed yet: nothing to save
    assert not d.save_button.isEnabled() and not d.dirty
    # the rostered rows cannot be removed, only marked absent
    d.attendance.selectRow(0)
    assert not d.remove_person_button.isEnabled()


def test_marking_one_late_enables_the_minutes_and_counts_them(qtbot: QtBot) -> None:
    d, _b = open_dialog(qtbot)
    set_presence(d, 2, MeetingPresence.LATE)
    assert late_spin(d, 2).isEnabled() and not late_spin(d, 1).isEnabled()
    assert d.counts.text() == "Present 2 · Late 1 · Absent 0"
    set_presence(d, 0, MeetingPresence.ABSENT)
    assert d.counts.text() == "Present 1 · Late 1 · Absent 1"
    assert d.save_button.isEnabled()
    set_presence(d, 2, MeetingPresence.PRESENT)
    set_presence(d, 0, MeetingPresence.PRESENT)
    assert not late_spin(d, 2).isEnabled()
    assert not d.save_button.isEnabled()  # back as loaded


def test_someone_not_rostered_can_be_added_and_removed(qtbot: QtBot) -> None:
    d, _b = open_dialog(qtbot)
    child(d, QAbstractButton, "meetingAddPerson").click()
    assert d.attendance.rowCount() == 4
    assert d.counts.text() == "Present 3 · Late 0 · Absent 0"  # an empty row counts nobody
    cell(d.attendance, 3, 0).setText("2001")
    cell(d.attendance, 3, 1).setText("赵六")
    assert d.counts.text() == "Present 4 · Late 0 · Absent 0"
    assert d.form_minutes().attendees[-1] == Attendee("2001", "赵六")
    # the new person can be picked for the spot quiz
    d.add_quiz()
    assert "2001 赵六" in [quiz_combo(d, 0, 0).itemText(i)
                          for i in range(quiz_combo(d, 0, 0).count())]
    d.attendance.selectRow(3)
    assert d.remove_person_button.isEnabled()
    d.remove_person_button.click()
    assert d.attendance.rowCount() == 3


# ---- saving -------------------------------------------------------------------------------


def test_saving_sends_what_was_typed_and_reloads_the_answer(qtbot: QtBot) -> None:
    d, b = open_dialog(qtbot)
    d.show()
    qtbot.waitExposed(d)
    edit = d.section_edits["tasks"]
    edit.setFocus()
    qtbot.keyClicks(edit, "Target: 95% answered")
    d.section_edits["arrangements"].setPlainText("传达人社局关于养老金调整的通知")
    d.section_edits["review"].setPlainText("表扬1002\n批评迟到")
    # notices: one for the wall, one not
    child(d, QAbstractButton, "meetingAddNotice").click()
    cell(d.notices, 0, 0).setText("11月25日晚系统升级")
    cell(d.notices, 0, 1).setCheckState(Qt.CheckState.Checked)
    d.add_notice("社保卡换发口径更新")
    d.add_notice("")  # added and left empty: dropped
    d.add_problem("首问负责制执行不到位")
    d.add_problem("  ")
    # the spot quiz: 1002 answered wrong
    child(d, QAbstractButton, "meetingAddQuiz").click()
    agent = quiz_combo(d, 0, 0)
    agent.setCurrentIndex(agent.findData("1002"))
    cell(d.quiz, 0, 1).setText("退休金调整从几月起算？")
    quiz_combo(d, 0, 2).setCurrentIndex(1)
    assert child(d, QLabel, "meetingQuizWrong").text() == "Wrong answers: 1"
    set_presence(d, 2, MeetingPresence.LATE, 7)
    assert d.save_button.isEnabled()
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)

    assert len(b.saves) == 1
    sent: Minutes = b.saves[0].args[0]
    assert sent == Minutes(
        day=DAY, shift="白班", chair="L01", chair_name="王班长",
        sections={"arrangements": "传达人社局关于养老金调整的通知", "knowledge": "",
                  "tasks": "Target: 95% answered", "appearance": "",
                  "review": "表扬1002\n批评迟到"},
        notices=(Notice("11月25日晚系统升级", True), Notice("社保卡换发口径更新", False)),
        problems=("首问负责制执行不到位",),
        quiz=(QuizEntry("1002", "退休金调整从几月起算？", False),),
        attendees=(Attendee("1001", "张三"), Attendee("1002", "李四"),
                   Attendee("1003", "王五", MeetingPresence.LATE, 7)),
        version=0)
    # while saving: no second save, no editing
    assert not d.save_button.isEnabled() and not d.tabs.isEnabled()
    assert not d.save()
    assert d.message_text() == "Saving…"

    back = saved(replace(sent, notices=(Notice("11月25日晚系统升级", True, "ann-1"),
                                        sent.notices[1])), version=1)
    b.saves[0].on_done(back)
    qtbot.waitUntil(lambda: not d.saving)
    assert d.message_text() == ("Saved at 08:02 (version 1). 1 notice(s) now on the wall "
                                "display's ticker.")
    assert d.loaded == back and not d.dirty and not d.save_button.isEnabled()
    assert "version 1" in d.info.text()
    # the published notice is on the wall: it cannot be unticked, edited or removed here
    wall = cell(d.notices, 0, 1)
    assert "on the wall" in wall.text()
    assert not wall.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not cell(d.notices, 0, 0).flags() & Qt.ItemFlag.ItemIsEditable
    d.notices.selectRow(0)
    assert not d.remove_notice_button.isEnabled()
    d.notices.selectRow(1)
    assert d.remove_notice_button.isEnabled()
    assert d.form_minutes().notices[0] == Notice("11月25日晚系统升级", True, "ann-1")
    # the list of minutes is asked again (the new one gets its ✓)
    assert len(b.lists) == 2
    # saving again sends version 1
    d.section_edits["appearance"].setPlainText("着装整齐")
    d.save_shortcut.activated.emit()  # Ctrl+S
    assert len(b.saves) == 2 and b.saves[1].args[0].version == 1
    b.saves[1].on_done(saved(b.saves[1].args[0], version=2, minute=3))
    qtbot.waitUntil(lambda: not d.saving)
    assert d.message_text() == "Saved at 08:03 (version 2)."


def test_late_without_minutes_is_not_saved_and_the_row_is_named(qtbot: QtBot) -> None:
    d, b = open_dialog(qtbot)
    set_presence(d, 2, MeetingPresence.LATE)  # minutes left at 0
    assert not d.save()
    assert b.saves == []
    msg = d.message_text()
    assert "Attendance row 3 (1003 王五)" in msg and "1–600" in msg
    assert d.status.styleSheet() == "color: #c62828;"
    assert d.tabs.currentIndex() == 3
    assert d.attendance.selectionModel().selectedRows()[0].row() == 2
    assert late_spin(d, 2).maximum() == 600  # more than 600 cannot even be typed
    late_spin(d, 2).setValue(12)
    assert d.save() and len(b.saves) == 1
    assert b.saves[0].args[0].attendees[2].late_min == 12


def test_an_incomplete_quiz_row_is_not_saved_and_the_row_is_named(qtbot: QtBot) -> None:
    d, b = open_dialog(qtbot)
    d.add_quiz("1001", "办理流程？")
    d.add_quiz("1002", "")  # no question
    assert not d.save()
    assert d.message_text() == "Spot quiz row 2: write the question."
    assert d.tabs.currentIndex() == 2
    cell(d.quiz, 1, 1).setText("政策依据？")
    d.add_quiz("", "谁来回答？")  # no agent
    assert not d.save()
    assert d.message_text() == "Spot quiz row 3: choose the agent who was asked."
    d.quiz.selectRow(2)
    d.remove_quiz_button.click()
    assert d.save()
    assert [q.agent for q in b.saves[0].args[0].quiz] == ["1001", "1002"]


def test_a_refusal_shows_inline_and_keeps_the_edits(qtbot: QtBot) -> None:
    d, b = open_dialog(qtbot)
    d.section_edits["knowledge"].setPlainText("昨日热点：医保异地备案")
    assert d.save()
    b.saves[0].on_error("无此权限 / you may not keep shift records")
    qtbot.waitUntil(lambda: not d.saving)
    assert d.message_text() == "无此权限 / you may not keep shift records"
    assert "#c62828" in d.status.styleSheet()
    assert section(d, "knowledge") == "昨日热点：医保异地备案"
    assert d.dirty and d.save_button.isEnabled() and d.tabs.isEnabled()
    assert d.loaded is not None and d.loaded.version == 0


def test_a_conflict_names_who_when_and_what_and_keeps_the_leaders_text(
        qtbot: QtBot, qapp: QApplication) -> None:
    mine0 = saved(replace(new_form(), sections={**new_form().sections,
                                                "knowledge": "医保备案"}), version=1)
    d, b = open_dialog(qtbot, mine0)
    d.section_edits["knowledge"].setPlainText("医保备案：异地就医新规")
    d.section_edits["tasks"].setPlainText("接通率95%以上")
    assert d.save()
    sent = b.saves[0].args[0]
    assert sent.version == 1
    theirs = replace(mine0, chair="L02", chair_name="李班长", saved_by="L02", version=2,
                     saved_at=datetime(2026, 11, 23, 0, 5, tzinfo=UTC),
                     sections={**mine0.sections, "knowledge": "医保备案（李班长补充）"})
    boxes: list[tuple[str, str]] = []
    d.show_conflict = lambda parent, title, text: boxes.append((title, text))
    on_conflict = b.saves[0].on_conflict
    assert on_conflict is not None
    on_conflict(StaleEdit(
        "早会记录 2026-11-23 白班", by="L02", at=theirs.saved_at,
        changes=[("knowledge", "医保备案：异地就医新规", "医保备案（李班长补充）"),
                 ("attendees", 3, 4)], current=theirs))
    qtbot.waitUntil(lambda: bool(boxes))
    title, text = boxes[0]
    assert title == "Saved by someone else"
    assert "李班长 (L02)" in text and "2026-11-23 08:05:00" in text
    assert ("2. New business knowledge, yesterday's hot and hard questions: now "
            "“医保备案（李班长补充）”") in text
    assert "Attendance: now “4”" in text
    # the form shows their minutes, at their version
    assert section(d, "knowledge") == "医保备案（李班长补充）"
    assert section(d, "tasks") == ""
    assert d.loaded == theirs and not d.dirty and not d.saving
    assert "李班长 (L02)" in d.info.text() and "version 2" in d.info.text()
    # … and the leader's own text is not lost: it is in the unsaved-text panel
    panel = child(d, QWidget, "meetingUnsavedPanel")
    kept = child(d, QPlainTextEdit, "meetingUnsavedText")
    assert not panel.isHidden() and not kept.isHidden()
    assert "医保备案：异地就医新规" in kept.toPlainText()
    assert "接通率95%以上" in kept.toPlainText()
    assert "2. New business knowledge" in kept.toPlainText()
    assert "Your unsaved text" in d.message_text()
    child(d, QAbstractButton, "meetingUnsavedCopy").click()
    assert "接通率95%以上" in qapp.clipboard().text()
    # redone on top of theirs, the next save goes from their version
    d.section_edits["tasks"].setPlainText("接通率95%以上")
    assert d.save() and b.saves[1].args[0].version == 2
    assert b.saves[1].args[0].sections["knowledge"] == "医保备案（李班长补充）"
    child(d, QAbstractButton, "meetingUnsavedToggle").click()
    assert kept.isHidden() and not panel.isHidden()
    child(d, QAbstractButton, "meetingUnsavedDismiss").click()
    assert panel.isHidden() and d.unsaved is None


# ---- browsing -----------------------------------------------------------------------------


def test_the_list_shows_thirty_days_newest_first_and_loads_what_is_clicked(
        qtbot: QtBot) -> None:
    b = FakeBackend()
    d = MeetingDialog(b)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    first, last = b.lists[0].args
    assert (first, last) == (DAY - timedelta(days=29), DAY + timedelta(days=1))
    older = saved(replace(new_form(date(2026, 11, 21), "夜班"),
                          sections={**new_form().sections, "review": "夜班讲评"}), version=3)
    yesterday = saved(new_form(date(2026, 11, 22)), version=1)
    b.lists[0].on_done([yesterday, older])  # as the database gives them: newest first
    b.loads[0].on_done(new_form())
    qtbot.waitUntil(lambda: d.loaded is not None)
    texts = [d.history_list.item(i).text() for i in range(d.history_list.count())]
    assert texts[:6] == ["2026-11-23 白班", "2026-11-23 夜班", "2026-11-22 白班 ✓",
                         "2026-11-22 夜班", "2026-11-21 白班", "2026-11-21 夜班 ✓"]
    assert len(texts) == 60 and texts[-1] == "2026-10-25 夜班"
    current = d.history_list.currentItem()
    assert current is not None and current.text() == "2026-11-23 白班"

    item = d.history_item(date(2026, 11, 21), "夜班")
    assert item is not None
    d.history_list.scrollToItem(item)
    rect = d.history_list.visualItemRect(item)
    qtbot.mouseClick(d.history_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert b.loads[-1].args == (date(2026, 11, 21), "夜班")
    assert d.date_edit.date().toString("yyyy-MM-dd") == "2026-11-21"
    assert d.shift_box.currentText() == "夜班"
    b.loads[-1].on_done(older)
    qtbot.waitUntil(lambda: d.loaded == older)
    assert section(d, "review") == "夜班讲评"
    assert "version 3" in d.info.text()

    # a day and shift picked above load too; unsaved edits are not dropped unasked
    d.section_edits["review"].setPlainText("改了")
    asked: list[str] = []
    d.ask_confirm = lambda text: no_to(asked, text)
    d.shift_box.setCurrentIndex(d.shift_box.findData("白班"))
    assert asked and "unsaved" in asked[0]
    assert d.shift_box.currentText() == "夜班" and b.loads[-1].args[1] == "夜班"
    assert section(d, "review") == "改了"
    d.ask_confirm = lambda text: True
    n = len(b.loads)
    d.date_edit.setDate(d.date_edit.date().addDays(1))
    assert len(b.loads) == n + 1 and b.loads[-1].args == (date(2026, 11, 22), "夜班")
    # a late answer to an earlier request is ignored
    b.loads[-2].on_done(older)
    b.loads[-1].on_done(new_form(date(2026, 11, 22), "夜班"))
    qtbot.waitUntil(lambda: d.loaded is not None and d.loaded.day == date(2026, 11, 22))
    assert d.loaded is not None and d.loaded.shift == "夜班"


def test_a_load_that_fails_says_so_and_nothing_can_be_saved(qtbot: QtBot) -> None:
    b = FakeBackend()
    d = MeetingDialog(b)
    qtbot.addWidget(d)
    b.loads[0].on_error("The floor database cannot be reached")
    qtbot.waitUntil(lambda: not d.loading)
    assert "Could not load the minutes: The floor database cannot be reached" in \
        d.message_text()
    assert not d.tabs.isEnabled() and not d.save_button.isEnabled()
    assert not d.save() and not d.export_pdf()


# ---- closing and exporting ----------------------------------------------------------------


def test_closing_with_unsaved_edits_asks(qtbot: QtBot) -> None:
    d, _b = open_dialog(qtbot)
    d.show()
    d.add_problem("话术不规范")
    asked: list[str] = []
    d.ask_confirm = lambda text: no_to(asked, text)
    child(d, QAbstractButton, "meetingClose").click()
    assert asked == ["Close without saving your changes to the minutes?"] and d.isVisible()
    d.ask_confirm = lambda text: True
    d.reject()
    assert not d.isVisible()


def test_export_writes_the_forms_current_minutes(qtbot: QtBot, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import views.minutes_pdf

    written: list[tuple[Minutes, str]] = []

    def fake(minutes: Minutes, path: str, **kw: Any) -> int:
        written.append((minutes, str(path)))
        return 2
    monkeypatch.setattr(views.minutes_pdf, "write_minutes_pdf", fake)
    d, _b = open_dialog(qtbot)
    d.section_edits["tasks"].setPlainText("今日任务：接通率95%")  # not saved yet: exported too
    set_presence(d, 0, MeetingPresence.ABSENT)
    asked: list[str] = []
    d.ask_save_path = lambda suggested: answer(asked, suggested, str(tmp_path / "早会"))
    child(d, QAbstractButton, "meetingExport").click()
    assert asked and asked[0].endswith("Morning meeting 2026-11-23 白班.pdf")
    assert written == [(d.form_minutes(), str(tmp_path / "早会.pdf"))]
    assert written[0][0].sections["tasks"] == "今日任务：接通率95%"
    assert written[0][0].attendees[0].presence is MeetingPresence.ABSENT
    assert d.message_text() == f"Exported to {tmp_path / '早会.pdf'} (2 page(s))."
    # cancelled: nothing written
    d.ask_save_path = lambda suggested: None
    assert not d.export_pdf() and len(written) == 1

    def broken(minutes: Minutes, path: str, **kw: Any) -> int:
        raise OSError("disk full")
    monkeypatch.setattr(views.minutes_pdf, "write_minutes_pdf", broken)
    d.ask_save_path = lambda suggested: str(tmp_path / "x.pdf")
    assert not d.export_pdf()
    assert d.message_text() == "Could not write the PDF: disk full"
    assert section(d, "tasks") == "今日任务：接通率95%"


def test_export_writes_a_real_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    minutes_pdf = pytest.importorskip("views.minutes_pdf")
    if not hasattr(minutes_pdf, "write_minutes_pdf"):
        pytest.skip("views.minutes_pdf has no write_minutes_pdf yet")
    d, _b = open_dialog(qtbot)
    d.section_edits["arrangements"].setPlainText("传达通知 <b>&</b>")
    d.add_notice("系统升级", publish=True)
    d.add_quiz("1001", "办理流程？", correct=False)
    set_presence(d, 1, MeetingPresence.LATE, 5)
    d.ask_save_path = lambda suggested: str(tmp_path / "minutes.pdf")
    assert d.export_pdf()
    out = tmp_path / "minutes.pdf"
    assert out.exists() and out.stat().st_size > 0
    assert out.read_bytes().startswith(b"%PDF")


# ---- with the real backend ----------------------------------------------------------------


def test_the_real_backend_prefills_saves_and_marks_the_late(qtbot: QtBot,
                                                            sqlite_url: str) -> None:
    from console.ops import BackendContext, Ops
    from console.shiftops_backend import ShiftOpsBackend
    from models.db import attendance_db, meetings_db, store
    from models.db import engine as dbengine
    from models.db import operators as opsdb
    from models.db.shiftops import import_roster
    from models.domain.shiftimport import RosterEntry
    from models.domain.types import FloorEvent

    eng = dbengine.make_engine(sqlite_url)
    ops = Ops()
    policy = Policy()
    try:
        before = T0 - timedelta(days=1)
        with store.writing(eng).begin() as conn:
            opsdb.create_operator(conn, "A1", "管理员", "secret-pw", {"admin"}, by="test",
                                  now=before)
            opsdb.create_operator(conn, "L1", "张班长", "secret-pw", {"shift_leader"},
                                  by="A1", now=before)
        store.FloorWriter(eng, "test").append([FloorEvent("floor_setup", before, {
            "groups": [{"id": "G1", "name": "一班"}], "queues": [{"id": "Q1", "name": "12345"}],
            "agents": [{"id": "1001", "name": "张三", "group": "G1"},
                       {"id": "1002", "name": "李四", "group": "G1"},
                       {"id": "1003", "name": "王五", "group": "G1"}]})])
        import_roster(eng, [RosterEntry(DAY, "白班", "1001"), RosterEntry(DAY, "白班", "1002"),
                            RosterEntry(DAY, "夜班", "1003"),
                            RosterEntry(DAY, "白班", "L1", "leader")], by="L1", now=before)
        backend = ShiftOpsBackend(BackendContext(eng, ops, "L1", lambda: T0, "PC-1"),
                                  lambda: policy, lambda: None)
        d = MeetingDialog(backend)
        qtbot.addWidget(d)
        qtbot.waitUntil(lambda: d.loaded is not None and not d.loading)
        assert d.loaded is not None and d.loaded.version == 0 and d.loaded.chair == "L1"
        assert [cell(d.attendance, r, 0).text() for r in range(d.attendance.rowCount())] == \
            ["1001", "1002"]
        assert d.counts.text() == "Present 2 · Late 0 · Absent 0"

        d.section_edits["arrangements"].setPlainText("传达养老金调整通知")
        d.add_notice("今晚系统升级", publish=True)
        set_presence(d, 1, MeetingPresence.LATE, 8)
        assert d.save()
        qtbot.waitUntil(lambda: not d.saving, timeout=10000)
        assert d.message_text().startswith("Saved at 07:45 (version 1).")
        assert "1 notice(s) now on the wall" in d.message_text()
        with eng.connect() as conn:
            stored = meetings_db.load_minutes(conn, DAY, "白班")
            records = attendance_db.records_between(conn, DAY, DAY)
        assert stored is not None and stored.version == 1 and stored == d.loaded
        assert stored.sections["arrangements"] == "传达养老金调整通知"
        assert stored.notices[0].text == "今晚系统升级" and stored.notices[0].announcement_id
        assert [(a.agent, a.presence, a.late_min) for a in stored.attendees] == [
            ("1001", MeetingPresence.PRESENT, 0), ("1002", MeetingPresence.LATE, 8)]
        late = [r for r in records if r.agent == "1002"]
        assert len(late) == 1 and late[0].late_min == 8  # R-MEET-3: late for the day
        assert not [r for r in records if r.agent == "1001"]
        # the list gets its ✓
        qtbot.waitUntil(lambda: (item := d.history_item(DAY, "白班")) is not None
                        and item.text().endswith("✓"), timeout=10000)
        d.close()
    finally:
        ops.shutdown()
        eng.dispose()
