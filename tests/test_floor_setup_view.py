"""The administrators' floor-setup editor (views.floor_setup_view) with its real
backend (console.floor_admin_backend) on SQLite and PostgreSQL, and its item
models under the Qt model tester."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.floor_admin_backend import FloorAdminBackend
from console.ops import BackendContext, Ops
from models.db import audit as auditlog
from models.db import engine as dbengine
from models.db import floor_admin, store
from models.db import operators as ops
from models.db.schema import FloorEventRow
from models.domain.floorsetup import FloorSetup
from models.domain.types import Agent, AgentState, FloorEvent, Group, Queue
from tests.answers import Answerable
from views.floor_setup_view import (
    AGENT,
    COL_GROUP,
    COL_ID,
    COL_NAME,
    GROUP,
    PROBLEM_ROLE,
    QUEUE,
    EditRow,
    FloorSetupDialog,
    SetupTableModel,
)

T0 = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)

SEED = {"groups": [{"id": "G1", "name": "一班"}, {"id": "G2", "name": "二班"}],
        "queues": [{"id": "Q1", "name": "12345热线"}],
        "agents": [{"id": "1001", "name": "张三", "group": "G1"},
                   {"id": "1002", "name": "李四", "group": "G1"},
                   {"id": "1003", "name": "王五", "group": "G2"}]}
SEED_SETUP = FloorSetup(groups=[Group("G1", "一班"), Group("G2", "二班")],
                        queues=[Queue("Q1", "12345热线")],
                        agents=[Agent("1001", "张三", "G1"), Agent("1002", "李四", "G1"),
                                Agent("1003", "王五", "G2")])


@pytest.fixture
def eng(db_url: str) -> Iterator[sa.Engine]:
    """A floor of three agents (1001 logged in), an administrator A01 and a shift leader L01."""
    e = dbengine.make_engine(db_url)
    store.FloorWriter(e, "test").append([
        FloorEvent("floor_setup", T0, SEED),
        FloorEvent("agent_state", T0 + timedelta(seconds=5), {"agent": "1001",
                                                               "state": "ready"})])
    with e.begin() as c:
        ops.create_operator(c, "A01", "管理员", "pw-secret-1", {"admin"}, by="test", now=T0)
        ops.create_operator(c, "L01", "值班长", "pw-secret-2", {"shift_leader"}, by="A01",
                            now=T0)
    yield e
    e.dispose()


@pytest.fixture
def bg(qapp: QApplication) -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


class Answers:
    """Stands in for the confirm dialog: records each question, answers ``reply``."""

    def __init__(self, reply: bool = True) -> None:
        self.reply = reply
        self.asked: list[str] = []

    def __call__(self, text: str) -> bool:
        self.asked.append(text)
        return self.reply


def open_dialog(qtbot: QtBot, eng: sa.Engine, bg: Ops, who: str) -> tuple[FloorSetupDialog,
                                                                           Answers]:
    backend = FloorAdminBackend(BackendContext(eng, bg, who, lambda: T0 + timedelta(minutes=10),
                                                "IT-PC"))
    d = FloorSetupDialog(backend)
    qtbot.addWidget(d)
    answers = Answers()
    d.ask_confirm = answers
    d.show()
    qtbot.waitUntil(lambda: d.baseline is not None and d.busy is None, timeout=10000)
    return d, answers


def idle(d: FloorSetupDialog) -> Callable[[], bool]:
    return lambda: d.busy is None


def floor_now(eng: sa.Engine) -> Any:
    return store.FloorWriter(eng, "check").current()


def event_count(eng: sa.Engine) -> int:
    with eng.connect() as c:
        return int(c.execute(sa.select(sa.func.count()).select_from(FloorEventRow)).scalar_one())


def cell(m: SetupTableModel, ident: str, col: int) -> Any:
    row = m.find(ident)
    assert row is not None, ident
    return m.index(row, col)


def choose_group(d: FloorSetupDialog, row: int, gid: str) -> None:
    """As the person does it: the combo the delegate opens on the group column."""
    m = d.models[AGENT]
    idx = m.index(row, COL_GROUP)
    editor = d.group_delegate.createEditor(d.views[AGENT].viewport(), QStyleOptionViewItem(), idx)
    assert isinstance(editor, QComboBox)
    d.group_delegate.setEditorData(editor, idx)
    editor.setCurrentIndex(editor.findData(gid))
    d.group_delegate.setModelData(editor, m, idx)
    editor.deleteLater()


# ---- the whole path: dialog -> backend -> floor log -> state and audit -------------------------


def test_admin_adds_renames_removes_and_saves(qtbot: QtBot, eng: sa.Engine, bg: Ops) -> None:
    d, answers = open_dialog(qtbot, eng, bg, "A01")
    assert d.models[AGENT].rowCount() == 3 and not d.save_button.isEnabled()  # unchanged
    agents, groups = d.models[AGENT], d.models[GROUP]

    # add an agent: a new row is invalid (no 工号) until filled in
    d.tabs.setCurrentIndex(2)
    qtbot.mouseClick(d.add_button, Qt.MouseButton.LeftButton)
    row = agents.rowCount() - 1
    assert agents.index(row, COL_ID).data(PROBLEM_ROLE) == "Empty agent ID"
    assert not d.save_button.isEnabled()
    assert agents.setData(agents.index(row, COL_ID), "1004")
    assert agents.setData(agents.index(row, COL_NAME), " 赵六 ")
    choose_group(d, row, "G2")
    # rename a group: the agents' group column follows
    assert groups.setData(cell(groups, "G2", COL_NAME), "二班(夜)")
    assert cell(agents, "1003", COL_GROUP).data() == "G2 二班(夜)"
    # remove a logged-out agent
    d.views[AGENT].selectRow(agents.find("1002") or 0)
    qtbot.mouseClick(d.remove_button, Qt.MouseButton.LeftButton)
    assert agents.find("1002") is None
    assert d.valid and d.save_button.isEnabled()

    n = event_count(eng)
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    summary = answers.asked[-1]
    assert "Groups: 0 added, 1 renamed, 0 removed" in summary
    assert "Queues: 0 added, 0 renamed, 0 removed" in summary
    assert "Agents: 1 added, 0 renamed, 0 moved to another group, 1 removed" in summary
    assert "Agents removed: 1002 李四" in summary
    qtbot.waitUntil(idle(d), timeout=10000)
    assert d.message.text().startswith("Saved."), d.message.text()
    assert not d.save_button.isEnabled()  # saved: nothing left to save

    state = floor_now(eng)
    assert event_count(eng) == n + 1  # ONE floor_setup event
    assert dict(state.groups) == {"G1": Group("G1", "一班"), "G2": Group("G2", "二班(夜)")}
    assert dict(state.queues) == {"Q1": Queue("Q1", "12345热线")}
    assert dict(state.agents) == {"1001": Agent("1001", "张三", "G1"),
                                  "1003": Agent("1003", "王五", "G2"),
                                  "1004": Agent("1004", "赵六", "G2")}
    assert state.status["1001"].state is AgentState.READY
    with eng.connect() as c:
        assert store.current_state(c).agents == state.agents
        rows = auditlog.query_audit(c, action="floor_setup")
    assert (rows[0].operator, rows[0].workstation, rows[0].detail["agents"]) == (
        "A01", "IT-PC", 3)

    # removing a logged-in agent is refused, with his 工号; nothing changes
    d.views[AGENT].selectRow(agents.find("1001") or 0)
    qtbot.mouseClick(d.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(idle(d), timeout=10000)
    assert d.message.text().startswith("Not saved:") and "1001" in d.message.text()
    assert "Agent(s) 1001 张三 still signed in" in d.message.text()
    assert agents.find("1001") is None and d.save_button.isEnabled()  # the edit stays
    assert event_count(eng) == n + 1 and floor_now(eng).agents == state.agents


def test_a_shift_leader_is_refused_by_the_database(qtbot: QtBot, eng: sa.Engine,
                                                    bg: Ops) -> None:
    d, _ = open_dialog(qtbot, eng, bg, "L01")
    assert d.models[QUEUE].setData(cell(d.models[QUEUE], "Q1", COL_NAME), "12345")
    n = event_count(eng)
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(idle(d), timeout=10000)
    text = d.message.text()
    assert text.endswith("No permission: operator L01 (roles: Shift leader) may not edit the floor setup")
    assert event_count(eng) == n and floor_admin.load_setup(eng) == SEED_SETUP
    with eng.connect() as c:
        assert [r.operator for r in auditlog.query_audit(c, action="floor_setup")] == ["test"]


BROKEN_CSV = """kind,id,name,group
group,G3,三班,
agent,1005,钱七,G3
agent,1006,,G1
agent,1002,李四(改),G1
queue,Q2,企业,
"""


def test_import_shows_the_bad_row_and_merges_only_the_good_ones(
        qtbot: QtBot, eng: sa.Engine, bg: Ops, tmp_path: Path) -> None:
    path = tmp_path / "floor.csv"
    path.write_bytes(BROKEN_CSV.encode("gbk"))  # as Excel saves it
    d, answers = open_dialog(qtbot, eng, bg, "A01")
    d.ask_path = lambda: str(path)
    n = event_count(eng)
    answers.reply = False  # first: decline the merge
    qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(idle(d), timeout=10000)
    assert "line 4: agent 1006 has no name" in answers.asked[-1]
    assert "Merge the 4 good rows" in answers.asked[-1]
    assert d.current_setup() == SEED_SETUP and not d.save_button.isEnabled()

    answers.reply = True
    qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(idle(d), timeout=10000)
    assert [d.import_errors.item(i).text() for i in range(d.import_errors.count())] == [
        "line 4: agent 1006 has no name"]
    got = d.current_setup()
    assert [g.id for g in got.groups] == ["G1", "G2", "G3"]
    assert [q.id for q in got.queues] == ["Q1", "Q2"]
    assert {a.id: (a.name, a.group) for a in got.agents} == {
        "1001": ("张三", "G1"), "1002": ("李四(改)", "G1"), "1003": ("王五", "G2"),
        "1005": ("钱七", "G3")}
    assert "3 added, 1 updated, 1 bad rows" in d.message.text()
    assert d.valid and d.save_button.isEnabled()
    # nothing reached the database
    assert event_count(eng) == n and floor_admin.load_setup(eng) == SEED_SETUP

    # a file that cannot be read at all is reported, not raised
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\nx,y\n", encoding="utf-8")
    d.ask_path = lambda: str(bad)
    qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(idle(d), timeout=10000)
    assert d.message.text().startswith("The file was not imported: line 1: header needs")


# ---- inline checks and the item models (no database) ----------------------------------------


class InstantBackend:
    """Answers at once; for what does not need a database."""

    operator_id = "A01"

    def __init__(self, setup: FloorSetup) -> None:
        self.setup = setup
        self.saved: list[FloorSetup] = []

    def load_setup(self, owner: Any) -> Answerable:
        return Answerable(owner, lambda done, _r, _c: done(self.setup))

    def save_setup(self, owner: Any, setup: FloorSetup) -> Answerable:
        def answer(done: Callable[[Any], None], _r: Any, _c: Any) -> None:
            self.saved.append(setup)
            done(setup)
        return Answerable(owner, answer)

    def parse_file(self, owner: Any, path: str,
                   known_groups: Iterable[str] = ()) -> Answerable:
        return Answerable(owner, lambda _d, refused, _c: refused("not used"))


def test_duplicate_id_empty_name_and_unknown_group_are_highlighted(qtbot: QtBot) -> None:
    d = FloorSetupDialog(InstantBackend(SEED_SETUP))
    qtbot.addWidget(d)
    answers = Answers()
    d.ask_confirm = answers
    agents, groups = d.models[AGENT], d.models[GROUP]
    d.tabs.setCurrentIndex(2)
    d.add_row()
    row = agents.rowCount() - 1
    agents.setData(agents.index(row, COL_ID), "1001")
    agents.setData(agents.index(row, COL_NAME), "重名")
    probs = agents.problems()
    assert probs == {0: "Duplicate agent ID 1001", row: "Duplicate agent ID 1001"}
    assert agents.index(row, COL_NAME).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert agents.index(1, COL_NAME).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "Agents, row 4: Duplicate agent ID 1001" in d.problems_label.text()
    assert not d.save_button.isEnabled()
    agents.setData(agents.index(row, COL_ID), "1009")
    agents.setData(agents.index(row, COL_NAME), "")
    assert agents.problems() == {row: "Empty agent name"}
    agents.setData(agents.index(row, COL_NAME), "新人")
    assert d.valid and d.save_button.isEnabled()
    # removing a group an agent is still in makes that agent's row the problem
    d.tabs.setCurrentIndex(0)
    d.views[GROUP].selectRow(groups.find("G2") or 0)
    d.remove_selected()
    assert agents.problems() == {agents.find("1003"): "Unknown group G2"}
    assert not d.save_button.isEnabled()
    d.tabs.setCurrentIndex(2)
    choose_group(d, agents.find("1003") or 0, "G1")
    assert d.valid and d.save_button.isEnabled()
    # a saved id is the key history knows it by: only new rows may change it
    assert not agents.flags(agents.index(0, COL_ID)) & Qt.ItemFlag.ItemIsEditable
    assert agents.flags(agents.index(row, COL_ID)) & Qt.ItemFlag.ItemIsEditable
    # declining the summary saves nothing; closing asks before dropping the edits
    answers.reply = False
    d.save()
    assert d.backend.saved == []  # type: ignore[attr-defined]
    d.reject()
    assert "Discard the changes" in answers.asked[-1] and d.result() == 0
    answers.reply = True
    d.save()
    assert d.backend.saved[-1].agents[-1] == Agent("1009", "新人", "G1")  # type: ignore[attr-defined]
    assert not d.dirty and not d.save_button.isEnabled()


def test_the_editor_models_pass_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    for kind, rows in ((GROUP, [EditRow("G1", "一班"), EditRow("", "", new=True)]),
                       (QUEUE, [EditRow("Q1", "12345热线")]),
                       (AGENT, [EditRow("1001", "张三", "G1"), EditRow("1001", "重复", "G9")])):
        m = SetupTableModel(kind)
        m.set_rows(rows)
        m.set_problems({1: "problem"})
        qtmodeltester.check(m)
        m.add_row("G1")
        m.merge([("X1", "新", "G1"), (rows[0].id, "改名", "G1")])
        m.remove_rows([0, 2])
        qtmodeltester.check(m)
