"""The administrators' operators dialog (issue #3): create operators, change roles,
unlock, reset passwords, disable — through the real backend on SQLite and on
PostgreSQL, with every refusal shown in the dialog and every change audited."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.operators_backend import OperatorsBackend
from console.ops import BackendContext, Ops
from models.db import audit as auditlog
from models.db import operators as ops
from models.domain.roles import Operator, Role
from tests.answers import Answerable
from tests.helpers import Clock
from views.operators_view import (
    COL_ID,
    COL_LAST,
    COL_ROLES,
    COL_STATUS,
    NewOperator,
    NewOperatorDialog,
    OperatorsDialog,
    OperatorTableModel,
    PasswordDialog,
    RolesDialog,
)

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 Asia/Shanghai
SHANGHAI = ZoneInfo("Asia/Shanghai")
ADMIN_PW = "pw-secret-1"
LEADER_PW = "值班长口令-Leader-1"
NEW_PW = "重置后的口令-New-2"


@pytest.fixture
def pool() -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


@pytest.fixture
def admin(eng: sa.Engine) -> Operator:
    """A01, made while the floor had no administrator (so no ``by`` is checked)."""
    with eng.begin() as c:
        return ops.create_operator(c, "A01", "管理员", ADMIN_PW, {"admin"}, by="test", now=T0)


def open_dialog(qtbot: QtBot, eng: sa.Engine, pool: Ops, who: str,
                clock: Callable[[], datetime]) -> OperatorsDialog:
    backend = OperatorsBackend(BackendContext(eng, pool, who, clock, "IT-PC"))
    d = OperatorsDialog(backend, tz=SHANGHAI)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: not d.busy)
    return d


def act(qtbot: QtBot, d: OperatorsDialog, button: Any) -> None:
    """Click, then wait for the change and the reload that follows it."""
    assert button.isEnabled(), button.objectName()
    with qtbot.waitSignal(d.loaded, timeout=10000):
        button.click()
    assert not d.busy


def cell(d: OperatorsDialog, oid: str, col: int) -> str:
    row = d.model.row_of(oid)
    assert row is not None, oid
    return str(d.model.data(d.model.index(row, col)))


def refused(e: sa.Engine, oid: str, pw: str, at: datetime) -> ops.SignInRefused:
    with pytest.raises(ops.SignInRefused) as err:
        ops.authenticate(e, oid, pw, at)
    return err.value


# ---- the whole round through the real backend ----------------------------------------------


def test_an_administrator_manages_operators_and_every_change_is_audited(
        qtbot: QtBot, qtmodeltester: ModelTester, eng: sa.Engine, pool: Ops, admin: Operator,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    clock = Clock(T0 + timedelta(hours=1))
    d = open_dialog(qtbot, eng, pool, "A01", clock)
    assert d.allowed and d.model.rowCount() == 1 and d.message_text() == ""
    assert cell(d, "A01", COL_ROLES) == "Administrator"
    assert cell(d, "A01", COL_STATUS) == "Active" and cell(d, "A01", COL_LAST) == "—"
    assert d.new_button.isEnabled() and not d.roles_button.isEnabled()  # nothing selected

    # a new shift leader
    d.ask_new_operator = lambda: NewOperator("L01", "张三", LEADER_PW,
                                             frozenset({Role.SHIFT_LEADER}))
    act(qtbot, d, d.new_button)
    assert d.message_text() == "Operator L01 张三 created."
    assert [o.id for o in d.model.operators()] == ["A01", "L01"]
    assert cell(d, "L01", COL_ROLES) == "Shift leader"
    assert d.selected() is not None and d.selected().id == "L01"  # type: ignore[union-attr]
    qtmodeltester.check(d.model)
    signed = ops.authenticate(eng, "L01", LEADER_PW, clock.t)
    assert signed.roles == {Role.SHIFT_LEADER}

    # roles: shift leader and director
    seen: list[frozenset[Role]] = []

    def ask_roles(op: Operator) -> frozenset[Role]:
        seen.append(op.roles)
        return frozenset({Role.SHIFT_LEADER, Role.DIRECTOR})

    d.ask_roles = ask_roles
    act(qtbot, d, d.roles_button)
    assert seen == [{Role.SHIFT_LEADER}]
    assert cell(d, "L01", COL_ROLES) == "Shift leader, Director"
    with eng.connect() as c:
        got = ops.get_operator(c, "L01")
    assert got is not None and got.roles == {Role.SHIFT_LEADER, Role.DIRECTOR}
    # the last sign-in shows in Shanghai time (10:00 = 02:00 UTC)
    d.reload()
    qtbot.waitUntil(lambda: not d.busy)
    assert cell(d, "L01", COL_LAST) == "2026-03-02 10:00"

    # five wrong passwords lock L01; Unlock applies to L01 only
    t = clock.t + timedelta(minutes=1)
    for _ in range(5):
        r = refused(eng, "L01", "wrong-guess", t)
        t += timedelta(seconds=r.retry_after or 0)
    assert r.code == "locked_now"
    clock.t = t - timedelta(minutes=10)  # inside the 15-minute lock
    d.reload()
    qtbot.waitUntil(lambda: not d.busy)
    with eng.connect() as c:
        locked = ops.get_operator(c, "L01")
    assert locked is not None and locked.locked_until is not None
    until = locked.locked_until.astimezone(SHANGHAI).strftime("%H:%M")
    assert cell(d, "L01", COL_STATUS) == f"Locked until {until}"
    assert d.unlock_button.isEnabled()
    d.select("A01")
    assert not d.unlock_button.isEnabled()
    d.select("L01")
    act(qtbot, d, d.unlock_button)
    assert d.message_text() == "L01 张三 unlocked."
    assert cell(d, "L01", COL_STATUS) == "Active" and not d.unlock_button.isEnabled()
    assert ops.authenticate(eng, "L01", LEADER_PW, clock.t).id == "L01"

    # a new password: the old one no longer works
    asked: list[str] = []
    d.ask_password = lambda op: asked.append(op.id) or NEW_PW  # type: ignore[func-returns-value]
    act(qtbot, d, d.password_button)
    assert asked == ["L01"] and "Password of L01 张三 reset" in d.message_text()
    assert ops.authenticate(eng, "L01", NEW_PW, clock.t).id == "L01"
    assert refused(eng, "L01", LEADER_PW, clock.t).code == "wrong_password"

    # disabled: shown, the button turns into Enable, sign-in refused
    confirms: list[str] = []
    d.ask_confirm = lambda text: confirms.append(text) or True  # type: ignore[func-returns-value]
    assert d.disable_button.text() == "Disable"
    act(qtbot, d, d.disable_button)
    assert confirms == ["Disable L01 张三? They can no longer sign in."]
    assert cell(d, "L01", COL_STATUS) == "Disabled" and d.disable_button.text() == "Enable"
    clock.t += timedelta(seconds=5)  # past the wait after the wrong password above
    assert refused(eng, "L01", NEW_PW, clock.t).code == "disabled"
    act(qtbot, d, d.disable_button)  # and back, without a question
    assert len(confirms) == 1 and cell(d, "L01", COL_STATUS) == "Active"

    # the last administrator: the refusal is in the message line, nothing raised
    d.select("A01")
    assert not d.disable_button.isEnabled()  # nobody disables themself
    d.ask_roles = lambda op: frozenset({Role.DIRECTOR})
    act(qtbot, d, d.roles_button)
    assert "The floor must keep at least one enabled administrator" in d.message_text()
    assert "The floor must keep at least one enabled administrator" in d.message_text()
    assert cell(d, "A01", COL_ROLES) == "Administrator" and d.allowed
    assert d.new_button.isEnabled()  # the dialog carries on

    with eng.connect() as c:
        rows = auditlog.query_audit(c, newest_first=False)
    changes = [(r.action, r.operator, r.target, r.workstation) for r in rows
               if r.action != "sign_in"]
    assert changes == [
        ("operator_created", "test", "A01", ""),
        ("operator_created", "A01", "L01", "IT-PC"),
        ("roles_changed", "A01", "L01", "IT-PC"),
        ("operator_unlocked", "A01", "L01", "IT-PC"),
        ("password_reset", "A01", "L01", "IT-PC"),
        ("operator_disabled", "A01", "L01", "IT-PC"),
        ("operator_enabled", "A01", "L01", "IT-PC"),
    ]
    assert {r.roles for r in rows if r.operator == "A01"} == {"admin"}
    for pw in (LEADER_PW, NEW_PW, ADMIN_PW):
        assert pw not in caplog.text
    assert "scrypt$" not in caplog.text


def test_refusals_from_the_backend_are_shown_not_raised(
        qtbot: QtBot, eng: sa.Engine, pool: Ops, admin: Operator) -> None:
    d = open_dialog(qtbot, eng, pool, "A01", Clock(T0))
    d.ask_new_operator = lambda: NewOperator("A01", "重复", "long-enough", frozenset({Role.ADMIN}))
    act(qtbot, d, d.new_button)
    assert d.message_text() == "Operator A01 already exists"
    d.ask_new_operator = lambda: NewOperator("L02", "李四", "short", frozenset({Role.DIRECTOR}))
    act(qtbot, d, d.new_button)
    assert "The password needs at least 6 characters" in d.message_text()
    assert [o.id for o in d.model.operators()] == ["A01"] and d.allowed
    with eng.connect() as c:
        assert auditlog.query_audit(c, action="operator_created", operator="A01") == []


def test_a_non_administrator_is_refused(qtbot: QtBot, eng: sa.Engine, pool: Ops,
                                       admin: Operator) -> None:
    with eng.begin() as c:
        ops.create_operator(c, "L01", "张三", LEADER_PW, {"shift_leader", "director"},
                            by="A01", now=T0)
    d = open_dialog(qtbot, eng, pool, "L01", Clock(T0))
    assert not d.allowed and d.model.rowCount() == 0
    assert "No permission" in d.message_text()
    assert "L01 (roles: Shift leader, Director) may not administer operators" in \
        d.message_text()
    for b in (d.new_button, d.roles_button, d.password_button, d.unlock_button,
              d.disable_button):
        assert not b.isEnabled(), b.objectName()
    # the backend refuses a change as well, whatever the dialog offers
    got: list[str] = []
    backend = OperatorsBackend(BackendContext(eng, pool, "L01", Clock(T0)))
    backend.create_operator(d, "X01", "某人", "long-enough", frozenset({Role.ADMIN})).done(
        lambda _o: got.append("done")).refused(got.append).run()
    qtbot.waitUntil(lambda: bool(got))
    assert "may not administer operators" in got[0]
    with eng.connect() as c:
        assert ops.get_operator(c, "X01") is None


def test_a_database_fault_is_one_line_in_the_dialog(qtbot: QtBot, pool: Ops,
                                                   tmp_path: Any) -> None:
    broken = sa.create_engine(f"sqlite:///{tmp_path}/no/such/dir/floor.db")
    try:
        d = open_dialog(qtbot, broken, pool, "A01", Clock(T0))
        assert not d.allowed and not d.new_button.isEnabled() and d.reload_button.isEnabled()
        assert d.message_text().startswith("The floor database cannot be reached")
        assert "\n" not in d.message_text() and "SQL" not in d.message_text()
    finally:
        broken.dispose()


# ---- the sub-dialogs: checked before anything is sent ----------------------------------------


def test_new_operator_form_shows_what_is_wrong_before_submitting(qtbot: QtBot) -> None:
    f = NewOperatorDialog(["A01"])
    qtbot.addWidget(f)
    rejected: list[int] = []
    f.finished.connect(rejected.append)

    def ok_says(text: str) -> None:
        f.buttons.button(f.buttons.StandardButton.Ok).click()
        assert f.error.text() == text
        assert rejected == []

    ok_says("Enter the operator ID (工号).")
    f.operator_id.setText("with space")
    ok_says("An operator ID is 1–40 characters without spaces.")
    f.operator_id.setText("A01")
    ok_says("Operator ID A01 already exists.")
    f.operator_id.setText(" L07 ")
    ok_says("Enter the name (at most 100 characters).")
    f.name.setText("王五")
    f.password.setText("12345")
    ok_says("The password needs at least 6 characters.")
    f.password.setText("123456")
    f.again.setText("123457")
    assert f.error.text() == "The two passwords differ."  # follows the edits now
    f.again.setText("123456")
    assert f.error.text().startswith("Choose at least one role")
    f.roles[Role.WALLBOARD].setChecked(True)
    assert f.error.text() == ""
    hint = f.findChild(QLabel, "passwordHint")
    assert hint is not None and hint.text() == "At least 6 characters."
    f.buttons.button(f.buttons.StandardButton.Ok).click()
    assert rejected == [1]
    v = f.value()
    assert (v.id, v.name, v.password, v.roles) == ("L07", "王五", "123456",
                                                   {Role.WALLBOARD})
    assert "123456" not in repr(v)


def test_roles_and_password_forms(qtbot: QtBot) -> None:
    op = Operator("L01", "张三", frozenset({Role.SHIFT_LEADER}))
    r = RolesDialog(op)
    qtbot.addWidget(r)
    assert [b.isChecked() for b in r.roles.values()] == [True, False, False, False, False]
    r.roles[Role.SHIFT_LEADER].setChecked(False)
    r.submit()
    assert r.error.text().startswith("Choose at least one role") and r.result() == 0
    r.roles[Role.DEPARTMENT_HEAD].setChecked(True)
    r.submit()
    assert r.error.text() == "" and r.value() == {Role.DEPARTMENT_HEAD}
    p = PasswordDialog(op)
    qtbot.addWidget(p)
    assert "L01 张三" in p.windowTitle()
    p.password.setText("abcdef")
    p.again.setText("abcdeg")
    p.submit()
    assert p.error.text() == "The two passwords differ."
    p.again.setText("abcdef")
    p.submit()
    assert p.error.text() == "" and p.value() == "abcdef"


class FakeAdmin:
    """The dialog's whole contract with the outside world, answering at once."""

    operator_id = "A01"

    def __init__(self, *operators: Operator) -> None:
        self.ops = {o.id: o for o in operators}
        self.calls: list[tuple[Any, ...]] = []

    def now(self) -> datetime:
        return T0

    def list_operators(self, owner: Any) -> Answerable:
        return Answerable(owner, lambda done, _r, _c: done(list(self.ops.values())))

    def create_operator(self, owner: Any, operator_id: str, name: str, password: str,
                        roles: frozenset[Role]) -> Answerable:
        def answer(done: Callable[[Any], None], _r: Any, _c: Any) -> None:
            self.calls.append(("create", operator_id, name, password, roles))
            self.ops[operator_id] = Operator(operator_id, name, roles)
            done(self.ops[operator_id])
        return Answerable(owner, answer)

    def set_roles(self, owner: Any, operator_id: str, roles: frozenset[Role]) -> Answerable:
        def answer(_d: Any, refused: Callable[[str], None], _c: Any) -> None:
            self.calls.append(("roles", operator_id, roles))
            refused("refused")
        return Answerable(owner, answer)

    def reset_password(self, owner: Any, operator_id: str, password: str) -> Answerable:
        def answer(done: Callable[[Any], None], _r: Any, _c: Any) -> None:
            self.calls.append(("password", operator_id, password))
            done(self.ops[operator_id])
        return Answerable(owner, answer)

    def unlock(self, owner: Any, operator_id: str) -> Answerable:
        return Answerable(owner, lambda _d, _r, _c: self.calls.append(("unlock", operator_id)))

    def set_disabled(self, owner: Any, operator_id: str, disabled: bool) -> Answerable:
        return Answerable(owner, lambda _d, _r, _c: self.calls.append(
            ("disabled", operator_id, disabled)))


def test_the_real_forms_open_from_the_dialog(qtbot: QtBot) -> None:
    fake = FakeAdmin(Operator("A01", "管理员", frozenset({Role.ADMIN})))
    d = OperatorsDialog(fake, tz=SHANGHAI)
    qtbot.addWidget(d)
    d.show()
    assert d.allowed and d.model.rowCount() == 1

    def fill_new() -> None:
        f = d.findChild(NewOperatorDialog)
        assert f is not None and f.isVisible()
        f.operator_id.setText("W01")
        f.name.setText("大屏一")
        f.password.setText("screen-pw-1")
        f.again.setText("screen-pw-1")
        f.roles[Role.WALLBOARD].setChecked(True)
        f.buttons.button(f.buttons.StandardButton.Ok).click()

    QTimer.singleShot(0, fill_new)
    d.new_button.click()
    assert fake.calls == [("create", "W01", "大屏一", "screen-pw-1",
                           frozenset({Role.WALLBOARD}))]
    assert d.selected() == fake.ops["W01"] and d.message_text() == "Operator W01 大屏一 created."

    def fill_password() -> None:
        f = d.findChild(PasswordDialog)
        assert f is not None and f.isVisible()
        f.password.setText("short")
        f.again.setText("short")
        f.buttons.button(f.buttons.StandardButton.Ok).click()
        assert f.isVisible() and "at least 6" in f.error.text()  # not sent
        f.buttons.button(f.buttons.StandardButton.Cancel).click()

    QTimer.singleShot(0, fill_password)
    d.password_button.click()
    assert len(fake.calls) == 1  # cancelled: nothing asked of the backend

    d.ask_roles = lambda op: frozenset({Role.DIRECTOR})
    d.roles_button.click()
    assert d.message_text() == "refused" and not d.busy and d.new_button.isEnabled()
    d.ask_roles = lambda op: op.roles
    d.roles_button.click()
    assert d.message_text() == "Nothing changed." and len(fake.calls) == 2


# ---- the table model ---------------------------------------------------------------------------


def test_model_updates_rows_in_place_and_passes_the_tester(qtmodeltester: ModelTester) -> None:
    clock = Clock(T0)
    m = OperatorTableModel(clock, SHANGHAI)
    a = Operator("A01", "管理员", frozenset({Role.ADMIN}), last_sign_in_at=T0)
    b = Operator("L01", "张三", frozenset({Role.DIRECTOR, Role.SHIFT_LEADER}),
                 locked_until=T0 + timedelta(minutes=15), failed_count=5, disabled=True)
    m.set_operators([b, a])
    qtmodeltester.check(m)
    assert [m.data(m.index(i, COL_ID)) for i in range(2)] == ["A01", "L01"]
    assert m.data(m.index(1, COL_ROLES)) == "Shift leader, Director"
    assert m.data(m.index(1, COL_STATUS)) == "Disabled; Locked until 09:15"
    assert m.data(m.index(1, COL_STATUS), Qt.ItemDataRole.ToolTipRole) == \
        "5 failed sign-in attempts in a row"
    assert m.data(m.index(0, COL_LAST)) == "2026-03-02 09:00"
    clock.t = T0 + timedelta(minutes=15)  # the lock lapses
    assert m.data(m.index(1, COL_STATUS)) == "Disabled"

    inserted: list[int] = []
    removed: list[int] = []
    changed: list[tuple[int, int]] = []
    m.rowsInserted.connect(lambda _p, first, _l: inserted.append(first))
    m.rowsRemoved.connect(lambda _p, first, _l: removed.append(first))
    m.dataChanged.connect(lambda x, y, *_: changed.append((x.row(), y.row())))
    c = Operator("B02", "赵六", frozenset({Role.WALLBOARD}))
    m.set_operators([a, c, Operator("L01", "张三", frozenset({Role.DIRECTOR}))])
    assert (inserted, removed, changed) == ([1], [], [(2, 2)])
    m.set_operators([c])
    assert removed == [2, 0] and m.rowCount() == 1
    assert m.rowCount(m.index(0, 0)) == 0 and m.data(QModelIndex()) is None
    qtmodeltester.check(m)
