"""The roster editor (排班表) and the shift handover dialog (交接班): what a shift
leader sees and what each click asks of the backend — with fake backends that
record every request (the test answers it), and once with the real backend on
SQLite, two leaders taking turns at one console."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.domain.floorsetup import RowError
from models.domain.handover import Handover, Item, ShiftStats
from models.domain.policy import Policy
from models.domain.shiftrecords import ImportReport, RosterSlot, RosterView, StaleEdit
from tests.answers import Answerable
from views.handover_view import (
    ITEM_KIND,
    TAB_ACK,
    HandoverDialog,
    HistoryTableModel,
    ItemsTableModel,
)
from views.roster_view import PENDING_ROLE, RosterDialog, RosterGridModel

MON = date(2026, 3, 2)
TUE = MON + timedelta(days=1)
SUN = MON + timedelta(days=6)
#: 10:00 in Shanghai, Monday: the day shift
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
AGENTS = {"1001": "张三", "1002": "李四", "1003": "王五"}
PEOPLE = {**AGENTS, "L1": "张班长", "L2": "李班长", "L3": "王班长"}


def slot(day: date, shift: str, person: str, role: str = "agent", version: int = 1,
         by: str = "L1") -> RosterSlot:
    return RosterSlot(day, shift, person, role, version, by)


def week(first: date = MON, slots: list[RosterSlot] | None = None) -> RosterView:
    if slots is None:
        slots = [slot(MON, "白班", "1001"), slot(MON, "白班", "1002"),
                 slot(MON, "夜班", "1003"), slot(MON, "白班", "L1", "leader"),
                 slot(MON, "夜班", "L2", "leader"), slot(TUE, "夜班", "1001", version=3)]
    return RosterView(first, first + timedelta(days=6), slots, dict(AGENTS), dict(PEOPLE))


# ---- fakes --------------------------------------------------------------------------------


@dataclass
class FakeRoster:
    """Records each request; the test answers it through the callbacks kept."""

    operator_id: str = "L1"
    day: date = date(2026, 3, 4)
    loads: list[tuple[date, date, Callable[[Any], None], Callable[[str], None]]] = \
        field(default_factory=list)
    cells: list[tuple[Any, ...]] = field(default_factory=list)
    imports: list[tuple[str, bool, Callable[[Any], None], Callable[[str], None]]] = \
        field(default_factory=list)
    swaps: list[tuple[Any, ...]] = field(default_factory=list)

    def policy(self) -> Policy:
        return Policy()

    def today(self) -> date:
        return self.day

    def load_roster(self, owner: Any, first: date, last: date) -> Answerable:
        return Answerable(owner, lambda done, refused, _c: self.loads.append(
            (first, last, done, refused)))

    def set_roster_cell(self, owner: Any, day: date, person: str, shift: str | None,
                        expected: Sequence[tuple[str, int]], role: str,
                        undo: bool = False) -> Answerable:
        return Answerable(owner, lambda done, refused, conflict: self.cells.append(
            (day, person, shift, list(expected), role, done, refused, conflict, undo)))

    def import_roster(self, owner: Any, path: str, partial: bool) -> Answerable:
        return Answerable(owner, lambda done, refused, _c: self.imports.append(
            (path, partial, done, refused)))

    def swap(self, owner: Any, agent: str, day: date, other: str, other_day: date,
             reason: str) -> Answerable:
        return Answerable(owner, lambda done, refused, _c: self.swaps.append(
            (agent, day, other, other_day, reason, done, refused)))


def roster_dialog(qtbot: QtBot, view: RosterView | None = None
                  ) -> tuple[RosterDialog, FakeRoster]:
    backend = FakeRoster()
    d = RosterDialog(backend)
    qtbot.addWidget(d)
    d.show()
    if view is not None:
        backend.loads[-1][2](view)
        qtbot.waitUntil(lambda: d.model.loaded)
    return d, backend


def save(d: RosterDialog) -> list[str]:
    """"Save changes…", agreeing to the question; returns the questions asked."""
    asked: list[str] = []
    d.ask_confirm = lambda text: asked.append(text) or True
    assert d.save_changes()
    return asked


# ---- roster: the grid ----------------------------------------------------------------------


def test_the_grid_shows_shifts_leaders_and_totals_of_the_week(qtbot: QtBot) -> None:
    d, backend = roster_dialog(qtbot)
    assert d.objectName() == "rosterDialog"
    assert [(f, la) for f, la, *_ in backend.loads] == [(MON, SUN)]  # today is a Wednesday
    assert "2026-03-02 – 2026-03-08" in d.week_label.text() and "this week" in d.week_label.text()
    backend.loads[-1][2](week())
    qtbot.waitUntil(lambda: d.model.loaded)
    m = d.model
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == [
        "Agent", "Mon 03-02", "Tue 03-03", "Wed 03-04", "Thu 03-05", "Fri 03-06",
        "Sat 03-07", "Sun 03-08"]
    # leaders on top, one row per shift; the agents; the day's totals below
    assert [m.data(m.index(r, 0)) for r in range(m.rowCount())] == [
        "Leader · 白班", "Leader · 夜班", "1001 张三", "1002 李四", "1003 王五", "On duty"]
    assert d.cell_text("agent", "1001", MON) == "白班"
    assert d.cell_text("agent", "1003", MON) == "夜班"
    assert d.cell_text("agent", "1001", TUE) == "夜班"
    assert d.cell_text("agent", "1002", TUE) == "Off"
    assert d.cell_text("leader", "白班", MON) == "张班长 (L1)"
    assert d.cell_text("leader", "夜班", MON) == "李班长 (L2)"
    assert d.cell_text("leader", "白班", TUE) == "—"
    assert d.cell_text("total", "", MON) == "白班 2 · 夜班 1"
    assert d.cell_text("total", "", TUE) == "白班 0 · 夜班 1"
    assert d.status.text() == ""


def test_week_navigation_asks_for_monday_to_sunday_and_drops_stale_answers(
        qtbot: QtBot) -> None:
    d, backend = roster_dialog(qtbot, week())
    qtbot.mouseClick(d.next_button, Qt.MouseButton.LeftButton)
    assert backend.loads[-1][:2] == (MON + timedelta(days=7), SUN + timedelta(days=7))
    assert d.model.rowCount() == 0 and not d.model.loaded  # no old week under the new label
    assert "this week" not in d.week_label.text()
    qtbot.mouseClick(d.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(d.prev_button, Qt.MouseButton.LeftButton)
    assert backend.loads[-1][:2] == (MON - timedelta(days=7), MON - timedelta(days=1))
    qtbot.mouseClick(d.this_week_button, Qt.MouseButton.LeftButton)
    assert [f for f, *_ in backend.loads] == [MON, MON + timedelta(days=7), MON,
                                              MON - timedelta(days=7), MON]
    # the answer for next week comes late: not shown under this week
    nxt = MON + timedelta(days=7)
    backend.loads[1][2](week(nxt, [slot(nxt, "白班", "1001")]))
    assert not d.model.loaded
    backend.loads[-1][2](week())
    qtbot.waitUntil(lambda: d.model.loaded)
    assert d.first == MON and d.cell_text("agent", "1001", MON) == "白班"
    # a failed load says so inline
    qtbot.mouseClick(d.next_button, Qt.MouseButton.LeftButton)
    backend.loads[-1][3]("数据库不可用 / the database cannot be reached")
    assert "cannot be reached" in d.status.text() and not d.loading


def test_the_grid_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    m = RosterGridModel()
    m.set_view(week(), ["白班", "夜班"])
    qtmodeltester.check(m)
    m.set_pending("agent", "1002", TUE, "白班")
    m.apply_answer(TUE, "1002", [slot(TUE, "白班", "1002", version=2)])
    m.done_pending("agent", "1002", TUE)
    m.clear(MON + timedelta(days=7))
    m.set_view(week(MON + timedelta(days=7), []), ["白班", "夜班"])
    assert m.rowCount() == 2 + 3 + 1


# ---- roster: editing a cell -------------------------------------------------------------------


def test_editing_a_cell_sends_what_it_showed_and_takes_the_answer(qtbot: QtBot) -> None:
    d, backend = roster_dialog(qtbot, week())
    m = d.model
    # the editor offers Off and the policy's shifts, and starts on the cell's value
    row, col = m.row_of("agent", "1001"), m.column_of(TUE)
    assert row is not None and col is not None
    ix = m.index(row, col)
    assert m.flags(ix) & Qt.ItemFlag.ItemIsEditable
    editor = d.delegate.createEditor(d.table.viewport(), QStyleOptionViewItem(), ix)
    assert isinstance(editor, QComboBox) and editor.objectName() == "rosterCellEditor"
    assert [editor.itemText(i) for i in range(editor.count())] == ["Off", "白班", "夜班"]
    d.delegate.setEditorData(editor, ix)
    assert editor.currentText() == "夜班"
    editor.setCurrentIndex(editor.findData("白班"))
    d.delegate.setModelData(editor, m, ix)
    editor.deleteLater()
    # a draft until saved (issue #12): nothing sent, the cell and the count say so
    assert backend.cells == [] and d.cell_text("agent", "1001", TUE) == "白班 (unsaved)"
    assert d.cell_text("total", "", TUE) == "白班 1 · 夜班 0"
    assert save(d) == ["Save 1 shift changes for 1 people?"]

    day, person, shift, expected, role, on_done, _err, _conf, _undo = backend.cells[-1]
    assert (day, person, shift, expected, role) == (TUE, "1001", "白班", [("夜班", 3)], "agent")
    # saving: the cell says so and takes no second edit meanwhile
    assert d.cell_text("agent", "1001", TUE) == "白班 (saving…)"
    assert m.data(ix, PENDING_ROLE) is True
    assert not m.flags(ix) & Qt.ItemFlag.ItemIsEditable
    assert not d.set_cell("agent", "1001", TUE, "夜班") and len(backend.cells) == 1
    on_done([slot(TUE, "白班", "1001", version=4, by="L1")])
    qtbot.waitUntil(lambda: not m.data(ix, PENDING_ROLE))
    assert d.cell_text("agent", "1001", TUE) == "白班"
    assert d.cell_text("total", "", TUE) == "白班 1 · 夜班 0"
    assert d.status.text() == "Saved: 1 shift changes."
    # off that day: no shift, with the new version as what the cell showed
    assert d.set_cell("agent", "1001", TUE, "")
    save(d)
    assert backend.cells[-1][:5] == (TUE, "1001", None, [("白班", 4)], "agent")
    backend.cells[-1][5]([])
    assert d.cell_text("agent", "1001", TUE) == "Off"
    # the same value again is no request; a refusal shows inline and the cell stays
    assert not d.set_cell("agent", "1001", TUE, "")
    assert d.set_cell("agent", "1002", MON, "夜班")
    save(d)
    backend.cells[-1][6]("无权限 / not allowed to edit the roster")
    assert "not allowed to edit the roster" in d.status.text()
    assert d.cell_text("agent", "1002", MON) == "白班"


def test_the_head_counts_stay_under_the_grid_with_sixty_agents(qtbot: QtBot) -> None:
    """A 12345 leader asked for 早班 n / 晚班 m per day in sight: with sixty agents the
    totals row was the grid's last, scrolled out of view."""
    agents = {str(1001 + i): f"坐席{i}" for i in range(60)}
    slots = [slot(MON, "白班" if i < 40 else "夜班", a) for i, a in enumerate(agents)]
    d, backend = roster_dialog(qtbot)
    backend.loads[-1][2](RosterView(MON, SUN, slots, agents, {**agents, **PEOPLE}))
    qtbot.waitUntil(lambda: d.model.loaded)
    total = d.model.row_of("total")
    assert total is not None and d.table.isRowHidden(total)
    assert d.totals_visible()
    d.table.scrollToTop()
    assert d.totals_visible()
    assert d.totals_table.model().data(d.model.index(total, 1)) == "白班 40 · 夜班 20"
    assert d.totals_table.columnWidth(1) == d.table.columnWidth(1)


def test_roster_edits_are_drafts_until_the_leader_confirms_the_summary(qtbot: QtBot) -> None:
    """Issue #12: no edit is saved before the leader has read what it comes to."""
    d, backend = roster_dialog(qtbot, week())
    assert not d.save_button.isEnabled() and not d.undo_button.isEnabled()
    assert d.set_cell("agent", "1001", MON, "夜班")
    assert d.set_cell("agent", "1002", TUE, "白班")
    assert d.set_cell("leader", "白班", MON, "L3")  # L1 off, L3 on: two people
    assert d.changes_label.text() == "Unsaved: 3 shift changes for 4 people."
    assert d.cell_text("total", "", MON) == "白班 1 · 夜班 2"
    assert d.save_button.isEnabled() and d.discard_button.isEnabled()
    asked: list[str] = []
    d.ask_confirm = lambda text: asked.append(text) or False
    assert not d.save_changes()
    assert asked == ["Save 3 shift changes for 4 people?"] and backend.cells == []
    # choosing the saved value again drops that draft
    assert d.set_cell("agent", "1002", TUE, "")
    assert d.changes_label.text() == "Unsaved: 2 shift changes for 3 people."
    # another week: asked first; "no" keeps the drafts and the week
    assert not d.show_week(MON + timedelta(days=7)) and len(backend.loads) == 1
    assert d.discard_changes()
    assert d.cell_text("agent", "1001", MON) == "白班" and d.changes_label.text() == ""
    assert d.cell_text("total", "", MON) == "白班 2 · 夜班 1"
    assert backend.cells == [] and not d.save_button.isEnabled()
    # "Close" with drafts asks; the console closing its dialogs does not stop on it
    assert d.set_cell("agent", "1001", MON, "夜班")
    asked.clear()
    assert not d.close_asking() and d.isVisible()
    assert asked == ["Discard the unsaved changes (1 shift changes for 1 people)?"]
    d.ask_confirm = lambda text: pytest.fail(f"unexpected question: {text}")
    d.close()
    assert not d.isVisible()


def test_undo_puts_the_last_save_back_as_a_new_version(qtbot: QtBot) -> None:
    d, backend = roster_dialog(qtbot, week())
    assert d.set_cell("agent", "1001", MON, "夜班")
    assert d.set_cell("agent", "1003", MON, "")
    save(d)
    assert not d.undo_button.isEnabled()  # nothing answered yet
    backend.cells[0][5]([slot(MON, "夜班", "1001", version=2)])
    backend.cells[1][5]([])
    assert d.status.text() == "Saved: 2 shift changes."
    assert d.undo_button.isEnabled()
    asked: list[str] = []
    d.ask_confirm = lambda text: asked.append(text) or True
    assert d.undo_last_save()
    assert asked == ["Undo the last save (2 shift changes for 2 people)?"]
    undo = backend.cells[2:]
    assert [c[:5] + (c[8],) for c in undo] == [
        (MON, "1001", "白班", [("夜班", 2)], "agent", True),
        (MON, "1003", "夜班", [], "agent", True)]
    undo[0][5]([slot(MON, "白班", "1001", version=3)])
    undo[1][5]([slot(MON, "夜班", "1003", version=1)])
    assert d.cell_text("agent", "1001", MON) == "白班"
    assert d.cell_text("agent", "1003", MON) == "夜班"
    assert d.status.text() == "Undone: 2 shift changes put back."
    assert not d.undo_button.isEnabled() and not d.undo_last_save()


def test_a_leader_cell_offers_the_non_agents_and_replaces_the_leader(qtbot: QtBot) -> None:
    d, backend = roster_dialog(qtbot, week())
    m = d.model
    row, col = m.row_of("leader", "白班"), m.column_of(MON)
    assert row is not None and col is not None
    assert m.choices(m.index(row, col)) == [
        ("— no leader —", ""), ("张班长 (L1)", "L1"), ("李班长 (L2)", "L2"),
        ("王班长 (L3)", "L3")]
    assert d.set_cell("leader", "白班", MON, "L3")
    assert save(d) == ["Save 1 shift changes for 2 people?"]
    # the old leader comes off, the new one goes on, each naming what the grid showed
    assert [c[:5] for c in backend.cells] == [
        (MON, "L1", None, [("白班", 1)], "leader"),
        (MON, "L3", "白班", [], "leader")]
    assert d.cell_text("leader", "白班", MON) == "王班长 (L3) (saving…)"
    backend.cells[0][5]([])
    assert m.pending("leader", "白班", MON)  # one answer still to come
    backend.cells[1][5]([slot(MON, "白班", "L3", "leader", 1, by="L1")])
    assert not m.pending("leader", "白班", MON)
    assert d.cell_text("leader", "白班", MON) == "王班长 (L3)"
    # the night's leader leads the day instead: one person, one shift a day
    assert d.set_cell("leader", "白班", MON, "L2")
    save(d)
    assert backend.cells[-1][:5] == (MON, "L2", "白班", [("夜班", 1)], "leader")


def test_a_conflict_shows_who_changed_the_cell_and_reads_the_week_again(qtbot: QtBot) -> None:
    d, backend = roster_dialog(qtbot, week())
    shown: list[tuple[str, str]] = []
    d.show_conflict = lambda parent, title, text: shown.append((title, text))
    assert d.set_cell("agent", "1002", MON, "夜班")
    save(d)
    on_conflict = backend.cells[-1][7]
    theirs = [slot(MON, "白班", "1002", version=2, by="L2")]
    on_conflict(StaleEdit("排班 2026-03-02 1002", by="L2",
                          at=datetime(2026, 3, 2, 1, 5, tzinfo=UTC),
                          changes=[("shift", "白班", "白班")], current=theirs))
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Saved by someone else"
    assert "李班长 (L2)" in text and "2026-03-02 09:05:00" in text
    assert "shift: now “白班”" in text
    assert "someone else changed this cell" in d.status.text()
    assert not d.model.pending("agent", "1002", MON)
    # the week is read again
    assert [f for f, *_ in backend.loads] == [MON, MON]
    backend.loads[-1][2](week(MON, [slot(MON, "白班", "1002", version=2, by="L2")]))
    qtbot.waitUntil(lambda: d.model.loaded)
    assert d.model.expected(MON, "1002") == [("白班", 2)]


def test_a_conflict_waits_for_the_other_answers_before_reloading(qtbot: QtBot) -> None:
    d, backend = roster_dialog(qtbot, week())
    d.show_conflict = lambda parent, title, text: None
    assert d.set_cell("leader", "白班", MON, "L3")  # two requests
    save(d)
    backend.cells[0][7](StaleEdit("排班", by="L2", at=T0))
    assert len(backend.loads) == 1  # L3's answer is still on its way
    backend.cells[1][5]([slot(MON, "白班", "L3", "leader")])
    assert len(backend.loads) == 2


# ---- roster: import and swap ----------------------------------------------------------------


def test_an_import_with_bad_rows_lists_them_and_imports_only_when_asked(qtbot: QtBot) -> None:
    d, backend = roster_dialog(qtbot, week())
    hint = d.import_hint.text()
    assert "date,shift,agent,role" in hint and "日期,班次,工号,角色" in hint and "GBK" in hint
    asked: list[str] = []

    def open_path(title: str, filter_: str) -> str | None:
        asked.append(filter_)
        return "/data/排班3月.csv"
    d.ask_open_path = open_path
    qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    assert "*.csv" in asked[0]
    path, partial, on_done, _err = backend.imports[-1]
    assert (path, partial) == ("/data/排班3月.csv", False)
    on_done(ImportReport(path, 5, [RowError("line 3", "unknown agent '9999'"),
                                   RowError("line 8", "bad date '3/32' (use YYYY-MM-DD)")],
                         None))
    assert d.error_lines() == ["line 3: unknown agent '9999'",
                               "line 8: bad date '3/32' (use YYYY-MM-DD)"]
    assert d.import_box.isVisible() and d.import_good_button.isVisible()
    assert "Nothing has been imported" in d.import_summary.text()
    assert "nothing was imported" in d.status.text()
    assert d.import_good_button.text() == "Import the 5 good rows only"
    assert len(backend.loads) == 1 and len(backend.imports) == 1  # nothing was imported
    qtbot.mouseClick(d.import_good_button, Qt.MouseButton.LeftButton)
    path, partial, on_done, _err = backend.imports[-1]
    assert (path, partial) == ("/data/排班3月.csv", True)
    on_done(ImportReport(path, 5, [RowError("line 3", "x"), RowError("line 8", "y")],
                         {"rows": 5, "days": 3, "replaced": 0}))
    assert not d.import_box.isVisible()
    assert "imported 5 rows for 3 days" in d.status.text()
    assert "2 bad rows were left out" in d.status.text()
    assert len(backend.loads) == 2  # the week is read again


def test_a_clean_import_goes_in_at_once_and_a_cancelled_one_sends_nothing(
        qtbot: QtBot) -> None:
    d, backend = roster_dialog(qtbot, week())
    d.ask_open_path = lambda title, filter_: None
    assert not d.import_csv() and backend.imports == []
    d.ask_open_path = lambda title, filter_: "/data/ok.csv"
    assert d.import_csv()
    backend.imports[-1][2](ImportReport("/data/ok.csv", 2, [], {"rows": 2, "days": 1,
                                                                 "replaced": 4}))
    assert "ok.csv: imported 2 rows for 1 days." in d.status.text()
    assert len(backend.imports) == 1 and len(backend.loads) == 2
    # every row bad: nothing to offer
    assert d.import_csv()
    backend.imports[-1][2](ImportReport("/data/ok.csv", 0, [RowError("line 2", "bad")], None))
    assert d.import_box.isVisible() and not d.import_good_button.isVisible()
    assert not d.import_good_rows()
    d.drop_import()
    assert not d.import_box.isVisible() and d.status.text() == "Nothing was imported."
    # the file cannot be read at all
    assert d.import_csv()
    backend.imports[-1][3]("/data/ok.csv: the file is empty")
    assert d.status.text() == "Not imported: /data/ok.csv: the file is empty"


def test_a_swap_is_sent_and_its_refusal_shows_the_rule_inline(qtbot: QtBot) -> None:
    d, backend = roster_dialog(qtbot, week())
    assert not d.swap_box.isVisible()
    qtbot.mouseClick(d.swap_button, Qt.MouseButton.LeftButton)
    assert d.swap_box.isVisible()
    d.set_swap("1001", MON, "1003", MON, "家里有事")
    assert "1001 works 1003's 夜班 on 2026-03-02" in d.swap_preview.text()
    qtbot.mouseClick(d.swap_submit, Qt.MouseButton.LeftButton)
    assert backend.swaps[-1][:5] == ("1001", MON, "1003", MON, "家里有事")
    assert not d.swap_submit.isEnabled()
    rule = "1001 本月调班将超过 2 次 / 1001 would swap more than 2 times this month"
    backend.swaps[-1][6](rule)
    assert d.swap_status.text() == f"Not swapped: {rule}"
    assert "color: #c62828" in d.swap_status.styleSheet()
    assert d.swap_box.isVisible() and d.swap_submit.isEnabled()
    assert d.swap_reason.text() == "家里有事"  # the form stays as it was
    assert len(backend.loads) == 1
    # the same agent twice is not a swap
    d.set_swap("1001", MON, "1001", TUE)
    assert not d.swap_submit.isEnabled() and not d.submit_swap()
    # done: said inline, the week read again
    d.set_swap("1001", MON, "1002", TUE, "同意")
    assert d.submit_swap()
    backend.swaps[-1][5](None)
    assert d.swap_status.text() == "Swapped." and len(backend.loads) == 2


# ---- handover ---------------------------------------------------------------------------------


ITEMS = [Item("urgent", "T-2031", "T-2031 养老金到账查询", T0 - timedelta(hours=2)),
         Item("review", "T-2040", "T-2040 投诉：窗口态度", T0 - timedelta(hours=1)),
         Item("alert", "A-77", "R-BREAK-1 1003 小休超时", T0 - timedelta(minutes=5))]


@dataclass
class FakeHandover:
    operator: str = "L1"
    items: list[Item] = field(default_factory=lambda: list(ITEMS))
    shift: tuple[date, str] = (MON, "白班")
    stats: ShiftStats | None = None
    loads: list[tuple[Callable[[Any], None], Callable[[str], None]]] = \
        field(default_factory=list)
    writes: list[tuple[Any, ...]] = field(default_factory=list)
    acks: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def operator_id(self) -> str:
        return self.operator

    def policy(self) -> Policy:
        return Policy()

    def now(self) -> datetime:
        return T0

    def open_items(self) -> list[Item]:
        return list(self.items)

    def shift_stats(self) -> ShiftStats | None:
        return self.stats

    def current_shift(self) -> tuple[date, str]:
        return self.shift

    def load_handovers(self, owner: Any) -> Answerable:
        return Answerable(owner, lambda done, refused, _c: self.loads.append((done, refused)))

    def write_handover(self, owner: Any, day: date, shift: str, text: str,
                       items: Sequence[Item], expected_version: int) -> Answerable:
        return Answerable(owner, lambda done, refused, conflict: self.writes.append(
            (day, shift, text, list(items), expected_version, done, refused, conflict)))

    def acknowledge_handover(self, owner: Any, handover_id: int, expected_version: int,
                             note: str) -> Answerable:
        return Answerable(owner, lambda done, refused, conflict: self.acks.append(
            (handover_id, expected_version, note, done, refused, conflict)))


def handover(hid: int = 7, by: str = "L1", day: date = MON, shift: str = "白班",
             text: str = "12345 队列 19 点后排队较多；1003 身体不适提前离岗", *,
             to: str | None = None, acked: datetime | None = None, note: str = "",
             version: int = 1) -> Handover:
    return Handover(hid, day, shift, by, text, tuple(ITEMS[:2]),
                    T0 + timedelta(hours=9, minutes=50), to, acked, note, version)


def handover_dialog(qtbot: QtBot, rows: list[Handover] | None = None, operator: str = "L1"
                    ) -> tuple[HandoverDialog, FakeHandover]:
    backend = FakeHandover(operator=operator)
    d = HandoverDialog(backend)
    qtbot.addWidget(d)
    d.show()
    if rows is not None:
        backend.loads[-1][0]((rows, dict(PEOPLE)))
        qtbot.waitUntil(lambda: d.handovers is not None)
    return d, backend


def item_kinds(m: ItemsTableModel) -> list[str]:
    return [m.data(m.index(r, ITEM_KIND)) for r in range(m.rowCount())]


def test_the_open_items_show_their_three_kinds_and_refresh(qtbot: QtBot) -> None:
    d, backend = handover_dialog(qtbot, [])
    assert d.objectName() == "handoverDialog"
    assert d.shift_label.text() == "Handing over: 2026-03-02 白班"
    assert item_kinds(d.items_model) == ["Urgent ticket not closed",
                                         "Complaint/help ticket not reviewed",
                                         "Alert not acknowledged"]
    m = d.items_model
    assert m.data(m.index(0, 1)) == "T-2031 养老金到账查询"
    assert m.data(m.index(0, 2)) == "2026-03-02 08:00"  # floor time
    assert d.items_view.isVisible() and not d.items_empty.isVisible()
    backend.items = [ITEMS[2]]
    qtbot.mouseClick(d.refresh_items_button, Qt.MouseButton.LeftButton)
    assert item_kinds(d.items_model) == ["Alert not acknowledged"]
    backend.items = []
    d.refresh_items()
    assert not d.items_view.isVisible() and d.items_empty.isVisible()


STATS = ShiftStats("白班", T0, T0 + timedelta(hours=12), T0 + timedelta(hours=9, minutes=45),
                   offered=812, answered=745, abandoned=61, service_level=0.8125,
                   answer_rate=0.9175, asa_s=14.4, sl_threshold_s=20.0, peak_waiting=17,
                   peak_at=T0 + timedelta(hours=1, minutes=32))


def test_the_handover_shows_the_shifts_statistics_and_the_callers_request(
        qtbot: QtBot) -> None:
    """Issue #12: the leader hands over the shift's figures and, for each ticket, what
    the caller asked for (the console is a trusted screen; the wall never shows it)."""
    backend = FakeHandover(stats=STATS, items=[
        Item("review", "T-2040", "T-2040 投诉：窗口态度", T0, "要求窗口人员道歉并回复")])
    d = HandoverDialog(backend)
    qtbot.addWidget(d)
    d.show()
    assert d.stats_label.isVisible()
    assert d.stats_label.text() == (
        "白班 until 19:45: 812 calls offered, 745 answered, 61 abandoned; service level "
        "81.2% (within 20 s), answer rate 91.8%, average wait 14 s; most callers waiting: "
        "17 at 11:32.")
    m = d.items_model
    assert m.data(m.index(0, 1)) == "T-2040 投诉：窗口态度 — request: 要求窗口人员道歉并回复"
    # the incoming leader reads the same figures with the handover
    h = replace(handover(by="L2"), stats=STATS, items=tuple(backend.items))
    backend.loads[-1][0](([h], dict(PEOPLE)))
    qtbot.waitUntil(lambda: d.handovers is not None)
    d.tabs.setCurrentWidget(d.ack_page)
    assert d.pending_stats.isVisible() and d.pending_stats.text() == d.stats_label.text()


def test_submitting_sends_the_text_and_the_items(qtbot: QtBot) -> None:
    d, backend = handover_dialog(qtbot)
    assert not d.submit_button.isEnabled()  # the handovers are not read yet
    backend.loads[-1][0](([], dict(PEOPLE)))
    qtbot.waitUntil(lambda: d.handovers is not None)
    assert not d.submit_button.isEnabled()  # nothing written
    d.text_edit.insertPlainText("  系统 15 点升级，已发公告  ")
    assert d.submit_button.isEnabled()
    qtbot.mouseClick(d.submit_button, Qt.MouseButton.LeftButton)
    day, shift, text, items, expected, on_done, _err, _conf = backend.writes[-1]
    assert (day, shift, text, items, expected) == (MON, "白班", "系统 15 点升级，已发公告",
                                                   ITEMS, 0)
    assert not d.submit_button.isEnabled() and d.text_edit.isReadOnly()
    on_done(handover(text=text))
    assert "Handed over at 2026-03-02 19:50" in d.write_status.text()
    assert len(backend.loads) == 2  # read again
    backend.loads[-1][0](([handover(text=text)], dict(PEOPLE)))
    # written already: submitting again rewrites that version
    assert "张班长 (L1) handed this shift over at" in d.existing_label.text()
    assert d.expected_version() == 1
    d.text_edit.setPlainText("改：系统 16 点升级")
    assert d.submit()
    assert backend.writes[-1][2:5] == ("改：系统 16 点升级", ITEMS, 1)
    backend.writes[-1][6]("交接内容超过 20000 字 / too long")
    assert d.write_status.text() == "Not handed over: 交接内容超过 20000 字 / too long"
    assert d.text() == "改：系统 16 点升级"


def test_an_earlier_handover_of_this_shift_comes_back_into_the_editor(qtbot: QtBot) -> None:
    d, _backend = handover_dialog(qtbot, [handover(version=3)])
    assert d.text() == handover().text and d.expected_version() == 3
    # signed already: history, not to be changed
    d2, _b2 = handover_dialog(qtbot, [handover(to="L2", acked=T0 + timedelta(hours=10),
                                               version=2)])
    assert "signed by 李班长 (L2) at 2026-03-02 20:00" in d2.existing_label.text()
    d2.text_edit.setPlainText("再补充")
    assert not d2.submit_button.isEnabled()


def test_a_conflict_on_submit_shows_who_wrote_first_and_keeps_the_text(qtbot: QtBot) -> None:
    d, backend = handover_dialog(qtbot, [])
    shown: list[str] = []
    d.show_conflict = lambda parent, title, text: shown.append(text)
    d.text_edit.setPlainText("我的交接")
    assert d.submit()
    backend.writes[-1][7](StaleEdit("交接班 2026-03-02 白班", by="L3",
                                    at=T0 + timedelta(minutes=1),
                                    changes=[("text", "", "他的交接")]))
    assert "王班长 (L3)" in shown[0] and "他的交接" in shown[0]
    assert d.text() == "我的交接" and len(backend.loads) == 2


def test_the_writer_cannot_sign_their_own_handover(qtbot: QtBot) -> None:
    d, backend = handover_dialog(qtbot, [handover(by="L1")], operator="L1")
    d.focus_acknowledge()
    assert d.tabs.currentIndex() == TAB_ACK
    backend.loads[-1][0](([handover(by="L1")], dict(PEOPLE)))
    assert d.pending_header.text().startswith("2026-03-02 白班 · handed over by 张班长 (L1)")
    assert d.pending_text.toPlainText() == handover().text
    assert item_kinds(d.pending_items_model) == ["Urgent ticket not closed",
                                                 "Complaint/help ticket not reviewed"]
    assert not d.ack_button.isEnabled()
    assert "cannot sign their own handover" in d.ack_explain.text()
    assert "File › Switch operator" in d.ack_explain.text()
    assert not d.acknowledge() and backend.acks == []


def test_another_operator_signs_with_id_version_and_note(qtbot: QtBot) -> None:
    d, backend = handover_dialog(qtbot, [handover(by="L1", version=2)], operator="L1")
    assert not d.ack_button.isEnabled()
    backend.operator = "L2"  # File › Switch operator
    d.focus_acknowledge()
    backend.loads[-1][0](([handover(by="L1", version=2)], dict(PEOPLE)))
    assert d.ack_button.isEnabled() and d.ack_explain.text() == ""
    d.ack_note.setText("急件 2031 我来跟")
    qtbot.mouseClick(d.ack_button, Qt.MouseButton.LeftButton)
    hid, version, note, on_done, _err, _conf = backend.acks[-1]
    assert (hid, version, note) == (7, 2, "急件 2031 我来跟")
    assert not d.ack_button.isEnabled()
    on_done(handover(to="L2", acked=T0 + timedelta(hours=10), note=note, version=3))
    assert d.ack_status.text() == "Signed at 2026-03-02 20:00: the shift is yours."
    assert d.ack_note.text() == "" and len(backend.loads) == 3
    backend.loads[-1][0](([handover(to="L2", acked=T0 + timedelta(hours=10), note=note,
                                    version=3)], dict(PEOPLE)))
    assert d.none_label.isVisible() and not d.ack_button.isVisible()


def test_a_conflict_on_signing_shows_who_signed_first(qtbot: QtBot) -> None:
    d, backend = handover_dialog(qtbot, [handover(by="L1")], operator="L2")
    shown: list[str] = []
    d.show_conflict = lambda parent, title, text: shown.append(text)
    assert d.acknowledge()
    backend.acks[-1][5](StaleEdit("交接班 2026-03-02 白班", by="L3",
                                  at=T0 + timedelta(hours=10, minutes=1),
                                  changes=[("acknowledged_by", None, "L3")]))
    assert len(shown) == 1
    assert "王班长 (L3) saved this record at 2026-03-02 20:01:00" in shown[0]
    assert "signed by: now “L3”" in shown[0]
    assert "Not signed" in d.ack_status.text() and len(backend.loads) == 2
    # a refusal is shown as the backend words it
    assert d.acknowledge()
    backend.acks[-1][4]("交班人不能自己签收 / the outgoing leader cannot acknowledge")
    assert "the outgoing leader cannot acknowledge" in d.ack_status.text()


def test_history_lists_every_handover_and_shows_the_selected_one_read_only(
        qtbot: QtBot) -> None:
    rows = [handover(8, by="L2", day=MON, shift="夜班", text="夜里平稳"),
            handover(7, by="L1", to="L2", acked=T0 + timedelta(hours=10, minutes=5),
                     note="已接", version=2)]
    d, _backend = handover_dialog(qtbot, rows, operator="L3")
    m = d.history_model
    assert [[m.data(m.index(r, c)) for c in range(5)] for r in range(2)] == [
        ["2026-03-02", "夜班", "李班长 (L2) → …", "2026-03-02 19:50", "not signed yet"],
        ["2026-03-02", "白班", "张班长 (L1) → 李班长 (L2)", "2026-03-02 19:50",
         "2026-03-02 20:05"]]
    waiting = d.pending()
    assert waiting is not None and waiting.id == 8  # the unsigned one waits
    assert d.select_history(7)
    text = d.history_text.toPlainText()
    assert d.history_text.isReadOnly()
    assert "Signed by 李班长 (L2) at 2026-03-02 20:05" in text and "Note: 已接" in text
    assert handover().text in text and "Urgent ticket not closed: T-2031" in text


def test_the_handover_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    items = ItemsTableModel()
    items.set_items(ITEMS, Policy().tz)
    qtmodeltester.check(items)
    hist = HistoryTableModel()
    hist.set_handovers([handover(8), handover(7, to="L2", acked=T0)], PEOPLE, Policy().tz)
    qtmodeltester.check(hist)
    hist.set_handovers([], {}, Policy().tz)


# ---- Chinese ------------------------------------------------------------------------------------


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    from console.ui import I18n

    i18n = I18n(qapp)
    i18n.install("zh_CN")
    try:
        yield
    finally:
        i18n.install("en")


def test_both_dialogs_speak_chinese(qtbot: QtBot, chinese: None) -> None:
    h, _hb = handover_dialog(qtbot, [handover(by="L1")], operator="L1")
    assert item_kinds(h.items_model) == ["急件未办结", "投诉求助未复核", "告警未确认"]
    assert h.tabs.tabText(0) == "交班" and h.tabs.tabText(1) == "接班"
    assert h.submit_button.text() == "提交交班" and h.ack_button.text() == "签收"
    assert h.ack_explain.text().startswith("交班人不能自己签收")
    r, _rb = roster_dialog(qtbot, week())
    assert r.import_button.text() == "导入排班 CSV…" and r.swap_button.text() == "调班…"
    assert r.cell_text("agent", "1002", TUE) == "休"
    assert r.cell_text("leader", "白班", MON) == "张班长 (L1)"
    assert r.model.data(r.model.index(0, 0)) == "值班长 · 白班"
    assert r.model.headerData(1, Qt.Orientation.Horizontal) == "周一 03-02"
    assert (r.save_button.text(), r.discard_button.text(), r.undo_button.text()) == (
        "保存修改…", "放弃修改", "撤销上次保存")
    assert r.set_cell("agent", "1002", TUE, "白班")
    assert r.cell_text("agent", "1002", TUE) == "白班（未保存）"
    assert r.changes_label.text() == "未保存：1 人的 1 处排班修改。"
    assert r.discard_changes()


# ---- the real backend on SQLite ------------------------------------------------------------------


def test_two_leaders_edit_the_roster_hand_over_and_sign_with_the_real_backend(
        qtbot: QtBot, sqlite_url: str) -> None:
    from dataclasses import replace

    from console.ops import BackendContext, Ops
    from console.shiftops_backend import ShiftOpsBackend
    from models.db import engine as dbengine
    from models.db import meetings_db, shiftops, store
    from models.db import operators as opsdb
    from models.domain.types import FloorEvent

    eng = dbengine.make_engine(sqlite_url)
    before = T0 - timedelta(days=1)
    with store.writing(eng).begin() as conn:
        opsdb.create_operator(conn, "A1", "管理员", "secret-pw", {"admin"}, by="test", now=before)
        for oid, name in (("L1", "张班长"), ("L2", "李班长")):
            opsdb.create_operator(conn, oid, name, "secret-pw", {"shift_leader"}, by="A1",
                                  now=before)
    store.FloorWriter(eng, "test").append([FloorEvent("floor_setup", before, {
        "groups": [{"id": "G1", "name": "一班"}], "queues": [{"id": "Q1", "name": "12345"}],
        "agents": [{"id": "1001", "name": "张三", "group": "G1"},
                   {"id": "1002", "name": "李四", "group": "G1"}]})])
    ops = Ops()
    ctx = BackendContext(eng, ops, "L1", lambda: T0, "test-pc")
    backend = ShiftOpsBackend(ctx, Policy, lambda: None)
    try:
        # L1 puts 张三 on Monday's day shift and leads it
        r = RosterDialog(backend)
        qtbot.addWidget(r)
        qtbot.waitUntil(lambda: r.model.loaded, timeout=10000)
        assert r.first == MON and r.cell_text("agent", "1001", MON) == "Off"
        assert r.set_cell("agent", "1001", MON, "白班")
        save(r)
        qtbot.waitUntil(lambda: not r.model.pending("agent", "1001", MON), timeout=10000)
        assert r.cell_text("agent", "1001", MON) == "白班", r.status.text()
        assert r.set_cell("leader", "白班", MON, "L1")
        save(r)
        qtbot.waitUntil(lambda: not r.model.pending("leader", "白班", MON), timeout=10000)
        assert r.cell_text("leader", "白班", MON) == "张班长 (L1)", r.status.text()
        assert r.cell_text("total", "", MON) == "白班 1 · 夜班 0"
        with eng.connect() as conn:
            assert [(s.day, s.shift, s.person, s.role, s.version, s.updated_by)
                    for s in shiftops.roster_between(conn, MON, SUN)] == [
                (MON, "白班", "L1", "leader", 1, "L1"), (MON, "白班", "1001", "agent", 1, "L1")]

        # L1 hands the shift over
        h = HandoverDialog(backend)
        qtbot.addWidget(h)
        qtbot.waitUntil(lambda: h.handovers is not None, timeout=10000)
        assert h.shift == (MON, "白班")
        h.text_edit.setPlainText("1001 今天调到白班；12345 队列下午较忙")
        assert h.submit()
        qtbot.waitUntil(lambda: not h.writing and not h.loading and bool(h.handovers),
                        timeout=10000)
        assert "Handed over" in h.write_status.text(), h.write_status.text()
        assert not h.ack_button.isEnabled() and "cannot sign" in h.ack_explain.text()

        # L2 signs in at the same console and signs for it
        backend.rebind(replace(ctx, operator_id="L2"))
        h.focus_acknowledge()
        qtbot.waitUntil(lambda: not h.loading and h.ack_button.isEnabled(), timeout=10000)
        h.ack_note.setText("收到")
        assert h.acknowledge()
        qtbot.waitUntil(lambda: not h.acking and not h.loading and h.pending() is None,
                        timeout=10000)
        assert "Signed at" in h.ack_status.text(), h.ack_status.text()
        with eng.connect() as conn:
            rows = meetings_db.handovers(conn)
        assert [(x.day, x.shift, x.by, x.to, x.text, x.ack_note, x.version) for x in rows] == [
            (MON, "白班", "L1", "L2", "1001 今天调到白班；12345 队列下午较忙", "收到", 2)]
        assert rows[0].acknowledged_at is not None
        assert h.select_history(rows[0].id)
        assert "Signed by 李班长 (L2)" in h.history_text.toPlainText()
    finally:
        ops.shutdown()
        eng.dispose()
