"""Issue #15: a supervisor control whose write fails (the floor database gone at that
moment) shows as not sent, with the reason, and can be sent again once the database
is back — as a new control, never executed twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from console.adapters import SimulatorAdapter
from console.app import ConsoleBackend
from console.host import FloorHost
from console.ops import BackendContext, Ops
from models.db import engine as dbengine
from models.db import operators
from models.db.host_db import submit_command
from models.domain.commands import Action, SupervisorCommand
from models.domain.types import AgentState, AwayReason
from tests.helpers import Clock
from tests.test_console import LEADER, T0, _events_since, _find, _operator, _push, answer
from views.main_window import MainWindow
from views.theme import LIGHT


@pytest.fixture
def console(qtbot: QtBot, sqlite_url: str, tmp_path: Path
            ) -> Iterator[tuple[MainWindow, FloorHost, Clock, Ops, Path]]:
    """A host on a SQLite floor file, and the console's real backend on its own
    engine that opens the file read-write but never creates it: with the file moved
    away, the console's next write fails as it would on a vanished database."""
    path = dbengine.sqlite_file(sqlite_url)
    assert path is not None
    host_eng = dbengine.make_engine(sqlite_url)
    clock = Clock(T0 + timedelta(minutes=30))
    h = FloorHost(host_eng, SimulatorAdapter(agents=20, seed=5, warmup_s=0), clock=clock)
    h.start()
    _operator(host_eng, "L01", "张班长", "shift_leader")
    token = operators.new_token()
    with host_eng.begin() as c:
        operators.open_session(c, "L01", token, clock())
    console_eng = dbengine.make_engine(sqlite_url, create=False)
    ops = Ops()
    backend = ConsoleBackend(BackendContext(console_eng, ops, LEADER.id, clock), LEADER,
                             session=token)
    w = MainWindow(backend, LIGHT, clock, QSettings(str(tmp_path / "w.ini"),
                                                    QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    yield w, h, clock, ops, path
    ops.shutdown()
    console_eng.dispose()
    host_eng.dispose()


def _rows(h: FloorHost) -> list[tuple[str, str]]:
    with h.engine.connect() as c:
        return [(r.id, r.status) for r in c.execute(sa.text(
            "SELECT id, status FROM supervisor_command"))]


def test_a_control_whose_write_fails_shows_not_sent_and_is_sent_again(
        qtbot: QtBot, console: Any) -> None:
    w, h, clock, ops, path = console
    agent = _find(h, clock, lambda s: s.state is AgentState.READY)
    _push(w, h)
    w.select_agent(agent)
    w.ask_force = lambda d: answer(d, "培训", AwayReason.MEETING)

    # the database goes away at the moment the leader acts (the window is still live)
    away = path.with_name("floor.db.away")
    w.backend.engine.dispose()
    path.rename(away)
    first = w.trigger(Action.FORCE_AWAY)
    assert first is not None
    qtbot.waitUntil(lambda: "not sent" in w.commands_list.item(0).text(), timeout=5000)
    item = w.commands_list.item(0)
    assert item.text().startswith(
        f"Force away {agent} · Meeting (培训): not sent — The floor database cannot be "
        "reached or refused the request: unable to open database file"), item.text()
    assert item.foreground().color() == w.theme.red
    assert w.retry_button.isVisible()

    # back: the same control goes again, as a new command, and the host carries it out
    away.rename(path)
    w.commands_list.setCurrentRow(0)
    assert w.retry_button.isEnabled()
    last = h.writer.current().last_event_id
    qtbot.mouseClick(w.retry_button, Qt.MouseButton.LeftButton)
    assert "pending" in w.commands_list.item(0).text()
    assert not w.retry_button.isVisible()
    assert ops.wait(5.0)
    qtbot.waitUntil(lambda: len(_rows(h)) == 1, timeout=5000)
    [(cid, status)] = _rows(h)
    assert cid != first.id and status == "pending"
    h.tick()
    _push(w, h, _events_since(h, last))
    st = h.writer.current().status[agent]
    assert (st.state, st.reason) == (AgentState.AWAY, AwayReason.MEETING)
    assert w.commands_list.count() == 1
    assert w.commands_list.item(0).text() == f"Force away {agent} · Meeting (培训): done"
    assert len(_rows(h)) == 1  # executed once


def test_a_retry_whose_earlier_attempt_did_commit_writes_nothing(console: Any) -> None:
    """A commit whose answer was lost: the earlier attempt is in the outbox after
    all, so the retry writes nothing and the host runs that one only."""
    _w, h, clock, _ops, _path = console
    earlier = SupervisorCommand(id="a1", action=Action.FORCE_READY, agent="1001",
                                supervisor="L01")
    assert submit_command(h.engine, earlier, clock()) is True
    again = SupervisorCommand(id="a2", action=Action.FORCE_READY, agent="1001",
                              supervisor="L01")
    assert submit_command(h.engine, again, clock(), supersedes=("a0", "a1")) is False
    assert [cid for cid, _s in _rows(h)] == ["a1"]
    assert submit_command(h.engine, again, clock(), supersedes=("a0",)) is True
    assert sorted(cid for cid, _s in _rows(h)) == ["a1", "a2"]
