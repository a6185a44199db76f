"""Signing in to the console, the first administrator, and what each role is
offered (issue #3): real dialogs on the offscreen platform against a real
database on both engines, with the sign-in's scrypt check running as a
background op exactly as in production."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import shiboken6
import sqlalchemy as sa
from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from console.app import ConsoleApp, SignInService, sign_in
from console.ops import BackendContext, Ops
from models.db import audit as auditlog
from models.db import engine as dbengine
from models.db import operators
from models.domain.commands import Action
from models.domain.roles import Operator, Role
from views.main_window import MainWindow
from views.signin import FirstAdminDialog, SignInDialog
from views.theme import LIGHT


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)


def _make(eng: sa.Engine, oid: str, role: str, by: str = "A00") -> None:
    with eng.begin() as c:
        if not operators.admins(c):
            operators.create_operator(c, "A00", "管理员", "pw-A00-secret", {"admin"}, by="test",
                                      now=datetime.now(UTC))
        if oid != "A00":
            operators.create_operator(c, oid, f"操作员{oid}", f"pw-{oid}-secret", {role}, by=by,
                                      now=datetime.now(UTC))


def test_first_run_creates_the_administrator_who_then_signs_in(
        qtbot: QtBot, eng: sa.Engine, ops: Ops, tmp_path: Path) -> None:
    svc = SignInService(eng, ops)
    assert svc.needs_first_admin()
    first = FirstAdminDialog(svc.create_first_admin, 6)
    qtbot.addWidget(first)
    first.user.setText("IT01")
    first.name.setText("信息科 王工")
    first.password.setText("short")
    first.again.setText("short")
    first.submit()
    assert "at least 6" in first.message.text() and first.result() == 0
    first.password.setText("s3cret-IT01")
    first.again.setText("s3cret-IT0l")
    first.submit()
    assert "differ" in first.message.text() and first.result() == 0
    first.again.setText("s3cret-IT01")
    first.submit()
    qtbot.waitUntil(lambda: first.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert first.operator_id == "IT01" and not svc.needs_first_admin()
    with eng.connect() as c:
        op = operators.get_operator(c, "IT01")
        (created,) = auditlog.query_audit(c, action="operator_created")
    assert op is not None and op.roles == frozenset({Role.ADMIN})
    assert (created.operator, created.target) == ("IT01", "IT01")

    settings = _settings(tmp_path)
    dlg = SignInDialog(svc.attempt, settings, operator_id="IT01")
    qtbot.addWidget(dlg)
    assert dlg.user.text() == "IT01"
    dlg.password.setText("s3cret-IT01")
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert svc.signed_in is not None and svc.signed_in.id == "IT01"


def test_a_second_first_admin_is_refused(qtbot: QtBot, eng: sa.Engine, ops: Ops) -> None:
    """Two PCs at first start: the one that comes second must sign in instead."""
    svc = SignInService(eng, ops)
    first = FirstAdminDialog(svc.create_first_admin, 6)
    qtbot.addWidget(first)
    _make(eng, "A00", "admin")  # the other PC was faster
    first.user.setText("IT02")
    first.name.setText("李工")
    first.password.setText("another-secret")
    first.again.setText("another-secret")
    first.submit()
    qtbot.waitUntil(lambda: "administrator exists already" in first.message.text(),
                    timeout=10000)
    assert first.result() == 0
    with eng.connect() as c:
        assert operators.get_operator(c, "IT02") is None


def test_wrong_password_is_refused_then_slowed_down_and_only_the_id_remembered(
        qtbot: QtBot, eng: sa.Engine, ops: Ops, tmp_path: Path) -> None:
    _make(eng, "L01", "shift_leader")
    settings = _settings(tmp_path)
    svc = SignInService(eng, ops)
    dlg = SignInDialog(svc.attempt, settings)
    qtbot.addWidget(dlg)
    assert dlg.user.text() == ""  # nobody signed in here yet
    dlg.user.setText("L01")
    dlg.password.setText("wrong")
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.buttons.isEnabled(), timeout=10000)
    assert dlg.message.text() == operators.BAD_CREDENTIALS
    assert dlg.password.text() == "" and dlg.result() == 0
    dlg.password.setText("pw-L01-secret")  # right, but at once after a failure
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.buttons.isEnabled(), timeout=10000)
    assert "wait" in dlg.message.text() and svc.signed_in is None
    with eng.connect() as c:
        results = [a.result for a in auditlog.query_audit(c, action="sign_in",
                                                          newest_first=False)]
    assert results == ["refused: wrong_password", "refused: throttled"]

    # after the delay the right password gets in; the 工号 is remembered, nothing else
    qtbot.wait(1100)
    dlg.password.setText("pw-L01-secret")
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert svc.signed_in is not None and svc.signed_in.roles == frozenset({Role.SHIFT_LEADER})
    settings.sync()
    assert settings.value("signin/last_id") == "L01"
    stored = Path(settings.fileName()).read_text(encoding="utf-8")
    assert "pw-L01-secret" not in stored
    again = SignInDialog(svc.attempt, settings)
    qtbot.addWidget(again)
    assert again.user.text() == "L01" and again.password.text() == ""


def _answer_modal(qtbot: QtBot, steps: list[Callable[[QDialog], bool]]) -> None:
    """Drive the modal dialogs sign_in() opens, one step per dialog."""
    def poll() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, QDialog) and w.isVisible() and steps and steps[0](w):
            steps.pop(0)
        if steps:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def test_sign_in_at_start_up_walks_a_new_floor_through_first_run(
        qtbot: QtBot, eng: sa.Engine, ops: Ops, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def first_run(d: QDialog) -> bool:
        if not isinstance(d, FirstAdminDialog):
            return False
        d.user.setText("IT01")
        d.name.setText("王工")
        d.password.setText("s3cret-IT01")
        d.again.setText("s3cret-IT01")
        d.submit()
        return True

    def sign(d: QDialog) -> bool:
        if not isinstance(d, SignInDialog) or not d.buttons.isEnabled():
            return False
        assert d.user.text() == "IT01"  # carried over from the first-run dialog
        d.password.setText("s3cret-IT01")
        d.submit()
        return True

    _answer_modal(qtbot, [first_run, sign])
    op = sign_in(app, eng, _settings(tmp_path), ops)
    assert op is not None and (op.id, op.roles) == ("IT01", frozenset({Role.ADMIN}))


class RoleBackend:
    def __init__(self, roles: set[Role]) -> None:
        self.operator_id = "X01"
        self.operator_name = "某人"
        self.operator_roles = frozenset(roles)

    def submit(self, cmd: Any, on_failed: Any = None, supersedes: Any = ()) -> None:
        raise AssertionError("nothing may be submitted")

    def load_agent_day(self, agent: str, on_done: Any) -> None:
        pass


ALL_SHIFT = {"meeting", "attendance", "roster", "handover", "training", "qa", "assessment",
             "reports"}


@pytest.mark.parametrize("roles,controls,admin,shift", [
    # the escalation contacts (issue #4, R-URGENT-2): leaders, directors and IT;
    # the shift's paperwork (issue #6): leaders and directors keep it, department
    # heads make rosters, read attendance and confirm the monthly assessment (issue
    # #18), IT and the wall get none of it; the stored reports (issue #18) go to
    # whoever reads attendance
    ({Role.SHIFT_LEADER}, True, {"contacts"}, ALL_SHIFT),
    ({Role.DIRECTOR}, True, {"audit", "contacts"}, ALL_SHIFT),
    ({Role.DEPARTMENT_HEAD}, False, {"audit"}, {"attendance", "roster", "qa",
                                                 "assessment", "reports"}),
    ({Role.WALLBOARD}, False, set(), set()),
    ({Role.ADMIN}, False, {"operators", "floor_setup", "audit", "contacts"}, set()),
    ({Role.ADMIN, Role.SHIFT_LEADER}, True, {"operators", "floor_setup", "audit",
                                             "contacts"}, ALL_SHIFT),
], ids=["leader", "director", "dept_head", "wallboard", "admin", "admin+leader"])
def test_each_role_is_offered_only_what_it_may_do(qtbot: QtBot, tmp_path: Path,
                                                  roles: set[Role], controls: bool,
                                                  admin: set[str], shift: set[str]) -> None:
    w = MainWindow(RoleBackend(roles), LIGHT, lambda: datetime.now(UTC), _settings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    assert w.toolbar.isVisible() is controls
    assert w.controls_menu.menuAction().isVisible() is controls
    shown = {n for n, qa in w.admin_actions.items() if qa.isVisible()}
    assert shown == admin
    assert w.admin_menu.menuAction().isVisible() is bool(admin)
    assert {n for n, qa in w.shift_actions.items() if qa.isVisible()} == shift
    assert w.shift_menu.menuAction().isVisible() is bool(shift)
    if not controls:  # and the intent itself is refused, whatever is selected
        assert w.trigger(Action.FORCE_LOGOUT) is None
    assert "X01" in w.status_operator.text()


def test_switching_operator_hands_the_console_over(qtbot: QtBot, sqlite_url: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    eng = dbengine.make_engine(sqlite_url)
    leader = Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER}))
    ca = ConsoleApp(app, eng, operator=leader, language="en")
    qtbot.addWidget(ca.window)
    w = ca.window
    try:
        assert "张班长 (L01)" in w.status_operator.text()
        assert "Shift leader" in w.status_operator.text()
        w.pending["c1"] = ["monitor", "1001", "done", ""]
        ca.ask_sign_in = lambda: None  # cancelled: nothing changes
        w.switch_action.trigger()
        assert ca.backend.operator_id == "L01" and w.pending
        head = Operator("H01", "李部长", frozenset({Role.DEPARTMENT_HEAD}))
        ca.ask_sign_in = lambda: head
        w.switch_action.trigger()
        assert ca.backend.operator_id == "H01"
        assert "李部长 (H01)" in w.status_operator.text()
        assert "Department head" in w.status_operator.text()
        assert w.pending == {} and w.commands_list.count() == 0  # the last one's list
        assert not w.control_actions[Action.MONITOR].isEnabled()
        assert w.admin_actions["audit"].isVisible()
    finally:
        ca.i18n.install("en")
        ca.shutting_down.emit()
        eng.dispose()


def test_console_command_needs_no_operator_argument() -> None:
    """``seatwatch console`` asks who signs in; ``--operator`` only fills the form."""
    r = subprocess.run([sys.executable, "-m", "console.cli", "console", "--help"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    assert "--operator" in r.stdout and "sign-in" in r.stdout
    # nor --db (issue #19): the Start-menu shortcut has none; a PC never set up gets
    # the first-run wizard (tests/test_first_run.py), one set up its default connection
    from console.cli import build_parser

    assert build_parser().parse_args(["console"]).db is None


def test_the_demo_console_acts_as_the_demo_leader(tmp_path: Path) -> None:
    """The demo signs its own shift leader in, and its controls are not refused."""
    db = tmp_path / "demo.db"
    r = subprocess.run([sys.executable, "-m", "console.cli", "demo", "--db", f"sqlite:///{db}",
                        "--agents", "10", "--seconds", "3", "--lang", "en"],
                       capture_output=True, text=True, timeout=120,
                       env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr[-600:]
    e = dbengine.make_engine(f"sqlite:///{db}")
    try:
        with e.connect() as c:
            op = operators.get_operator(c, operators.DEMO_LEADER_ID)
        assert op is not None and Role.SHIFT_LEADER in op.roles and not op.disabled
    finally:
        e.dispose()


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("QT_")}


def test_the_administration_menu_opens_each_dialog_once_and_a_switch_closes_them(
        qtbot: QtBot, sqlite_url: str) -> None:
    from views.audit_view import AuditDialog
    from views.floor_setup_view import FloorSetupDialog
    from views.operators_view import OperatorsDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    eng = dbengine.make_engine(sqlite_url)
    _make(eng, "A00", "admin")
    admin = Operator("A00", "管理员", frozenset({Role.ADMIN}))
    ca = ConsoleApp(app, eng, operator=admin, language="en")
    qtbot.addWidget(ca.window)
    w = ca.window
    try:
        w.admin_actions["operators"].trigger()
        w.admin_actions["floor_setup"].trigger()
        w.admin_actions["audit"].trigger()
        ops_dlg, floor_dlg = ca.dialogs["operators"], ca.dialogs["floor_setup"]
        audit_dlg = ca.dialogs["audit"]
        assert isinstance(ops_dlg, OperatorsDialog) and ops_dlg.isVisible()
        assert isinstance(floor_dlg, FloorSetupDialog) and floor_dlg.isVisible()
        assert isinstance(audit_dlg, AuditDialog) and audit_dlg.isVisible()
        # the audit viewer shows what A00 did: creating the floor's first operators
        qtbot.waitUntil(lambda: audit_dlg.model.rowCount() >= 1, timeout=10000)
        w.admin_actions["operators"].trigger()  # raised again, not a second one
        assert ca.dialogs["operators"] is ops_dlg
        # the operators dialog lists the floor's operators, read as A00
        qtbot.waitUntil(lambda: ops_dlg.model.rowCount() == 1, timeout=10000)
        ca.ask_sign_in = lambda: Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER}))
        w.switch_action.trigger()
        assert ca.dialogs == {}
        qtbot.waitUntil(lambda: not any(shiboken6.isValid(d)
                                        for d in (ops_dlg, floor_dlg, audit_dlg)))
        # a shift leader keeps only the escalation contacts (issue #4)
        assert {n for n, qa in w.admin_actions.items() if qa.isVisible()} == {"contacts"}
    finally:
        ca.i18n.install("en")
        ca.shutting_down.emit()
        eng.dispose()


def test_the_incoming_leader_is_offered_the_waiting_handover(qtbot: QtBot,
                                                             sqlite_url: str) -> None:
    """交接班 (issue #6): L01 writes the handover; after the switch to L02 the console
    opens it at its take-over part, where L02 may sign it."""
    from models.db import meetings_db
    from views.handover_view import HandoverDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    eng = dbengine.make_engine(sqlite_url)
    _make(eng, "L01", "shift_leader")
    _make(eng, "L02", "shift_leader")
    meetings_db.write_handover(eng, datetime.now(UTC).date(), "白班", "井盖急件待回复", [],
                               by="L01", now=datetime.now(UTC))
    ca = ConsoleApp(app, eng, operator=Operator("L01", "操作员L01",
                                                frozenset({Role.SHIFT_LEADER})), language="en")
    qtbot.addWidget(ca.window)
    try:
        ca.window.shift_actions["meeting"].trigger()
        assert "meeting" in ca.dialogs
        ca.ask_sign_in = lambda: Operator("L02", "操作员L02", frozenset({Role.SHIFT_LEADER}))
        ca.window.switch_action.trigger()
        qtbot.waitUntil(lambda: "handover" in ca.dialogs, timeout=10000)
        dlg = ca.dialogs["handover"]
        assert isinstance(dlg, HandoverDialog) and dlg.isVisible()
        assert dlg.tabs.currentIndex() == 1  # 接班
        qtbot.waitUntil(lambda: dlg.ack_button.isEnabled(), timeout=10000)
        assert "井盖急件待回复" in dlg.pending_text.toPlainText()
    finally:
        ca.i18n.install("en")
        ca.shutting_down.emit()
        eng.dispose()


def test_wrong_passwords_elsewhere_lock_signing_in_not_the_signed_in_leaders_controls(
        qtbot: QtBot, eng: sa.Engine, ops: Ops) -> None:
    """Issue #13 item 7: five wrong passwords for L01 typed at another PC locked the
    L01 already signed in at this console out of the controls for 15 minutes."""
    import uuid
    from datetime import timedelta

    from console.adapters import SimulatorAdapter
    from console.app import ConsoleBackend
    from console.host import FloorHost
    from models.domain.commands import SupervisorCommand
    from models.domain.types import AgentState

    _make(eng, "L01", "shift_leader")
    svc = SignInService(eng, ops)
    answers: list[str | None] = []
    svc.attempt("L01", "pw-L01-secret", answers.append)
    qtbot.waitUntil(lambda: answers == [None])
    leader = svc.signed_in
    assert leader is not None and leader.id == "L01"
    t = datetime.now(UTC)
    for _ in range(5):  # someone guesses L01's password at PC-17
        with pytest.raises(operators.SignInRefused) as err:
            operators.authenticate(eng, "L01", "guess", t, workstation="PC-17")
        t += timedelta(seconds=err.value.retry_after or 0)
    # the floor at 10:00 on the floor's clock, whatever the hour the suite runs at: at
    # 07:20 the simulated floor had nobody signed in but four agents on calls
    clock = [datetime.now(UTC).replace(hour=2, minute=0, second=0, microsecond=0)]
    host = FloorHost(eng, SimulatorAdapter(agents=20, seed=3), host_id="floor-host",
                     clock=lambda: clock[0])
    host.start()
    host.tick()

    def idle() -> list[str]:
        return [s.agent for s in host.writer.current().status.values()
                if s.state in (AgentState.READY, AgentState.AFTER_CALL, AgentState.AWAY)]

    for _ in range(120):
        if idle():
            break
        clock[0] += timedelta(seconds=5)
        host.tick()
    agent = idle()[0]
    backend = ConsoleBackend(BackendContext(eng, ops, leader.id, lambda: clock[0]), leader,
                             session=svc.session)
    cid = uuid.uuid4().hex
    not_sent: list[str] = []
    owner = QObject()  # the window, as far as the request is concerned
    backend.submit(owner, SupervisorCommand(cid, Action.FORCE_LOGOUT, agent, leader.id,
                                            reason="身体不适")).refused(not_sent.append).run()

    def row() -> Any:
        with eng.connect() as c:
            return c.execute(sa.text("SELECT status, message FROM supervisor_command "
                                     "WHERE id=:i"), {"i": cid}).first()

    qtbot.waitUntil(lambda: row() is not None)
    host.tick()
    assert tuple(row()) == ("done", f"Agent {agent} signed out") and not_sent == []
    assert host.writer.current().status[agent].state is AgentState.LOGGED_OUT
    # ... while signing in as L01 anew, even with the right password, waits for the lock
    svc.attempt("L01", "pw-L01-secret", answers.append)
    qtbot.waitUntil(lambda: len(answers) == 2)
    assert answers[1] is not None and "locked" in answers[1]
