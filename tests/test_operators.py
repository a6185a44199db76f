"""Operators and roles (issue #3): scrypt hashes, throttled and locked sign-in,
administrators, the rights matrix (R-CTRL-1), and ``seatwatch admin``; on SQLite
and on PostgreSQL."""

from __future__ import annotations

import base64
import io
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from console import cli
from models.db import audit as auditlog
from models.db import engine as dbengine
from models.db import operators as ops
from models.db.schema import Base
from models.domain import signin
from models.domain.roles import (
    Operator,
    Right,
    Role,
    command_refusal,
    may,
    parse_roles,
    rights,
)
from tests.zh import raises_zh, zh

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
PW = "正确的密码-Correct#1"


def make(e: sa.Engine, oid: str, *roles: str, by: str = "A01", pw: str = PW) -> Operator:
    with e.begin() as c:
        return ops.create_operator(c, oid, f"姓名{oid}", pw, set(roles), by=by, now=T0)


@pytest.fixture
def floor(eng: sa.Engine) -> sa.Engine:
    """An administrator A01 (made while the floor had none) and a shift leader L01."""
    make(eng, "A01", "admin", by="cli:root")
    make(eng, "L01", "shift_leader")
    return eng


def refused(e: sa.Engine, oid: str, pw: str, at: datetime) -> ops.SignInRefused:
    with pytest.raises(ops.SignInRefused) as err:
        ops.authenticate(e, oid, pw, at, workstation="PC-07")
    return err.value


# ---- password hashes -------------------------------------------------------------------------


def test_hash_is_scrypt_with_its_parameters_and_a_random_salt(real_scrypt_cost: None) -> None:
    h = ops.hash_password(PW)
    algo, n, r, p, salt, key = h.split("$")
    # issue #13: N = 2^17 (128 MiB), eight times the cost of the first release's 2^14
    assert (algo, n, r, p) == ("scrypt", "131072", "8", "1")
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(key)) == 32
    assert ops.hash_password(PW) != h  # a new salt every time
    assert ops.verify_password(PW, h)
    assert not ops.verify_password(PW + " ", h)
    assert not ops.verify_password(PW, "md5$abc")  # malformed: simply no
    assert not ops.verify_password(PW, "scrypt$16384$8$1$!!$??")
    assert not ops.needs_rehash(h)


def _old_hash(pw: str) -> str:
    """A hash as the first release made it: scrypt N = 2^14, r = 8, p = 1."""
    import hashlib

    salt = b"0123456789abcdef"
    key = hashlib.scrypt(pw.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return "scrypt$16384$8$1$" + base64.b64encode(salt).decode() + "$" + \
        base64.b64encode(key).decode()


def test_an_old_cheaper_hash_still_signs_in_and_is_rehashed_then(
        floor: sa.Engine, real_scrypt_cost: None) -> None:
    """Issue #13: raising the cost locks nobody out; the next successful sign-in
    stores a hash at today's cost, and says so in the audit log."""
    with floor.begin() as c:
        c.execute(sa.text("UPDATE operator SET password_hash = :h WHERE id = 'L01'"),
                  {"h": _old_hash(PW)})
    refused(floor, "L01", PW + "x", T0)  # a wrong password changes nothing
    with floor.connect() as c:
        assert c.execute(sa.text("SELECT password_hash FROM operator WHERE id='L01'")
                         ).scalar_one().startswith("scrypt$16384$")
    assert ops.authenticate(floor, "L01", PW, T0 + timedelta(seconds=5)).id == "L01"
    with floor.connect() as c:
        stored = c.execute(sa.text("SELECT password_hash FROM operator WHERE id='L01'")
                           ).scalar_one()
        last = auditlog.query_audit(c, operator="L01", action="sign_in")[0]
    assert stored.startswith("scrypt$131072$8$1$") and ops.verify_password(PW, stored)
    assert last.result == "ok" and last.detail.get("rehashed") is True
    # and the next sign-in has nothing left to do
    ops.authenticate(floor, "L01", PW, T0 + timedelta(seconds=6))
    with floor.connect() as c:
        assert c.execute(sa.text("SELECT password_hash FROM operator WHERE id='L01'")
                         ).scalar_one() == stored


def test_the_password_is_never_stored_nor_logged(floor: sa.Engine,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "机密口令-Never-Seen-42"
    with floor.begin() as c:
        ops.create_operator(c, "L02", "王五", secret, {"shift_leader"}, by="A01", now=T0)
    ops.authenticate(floor, "L02", secret, T0, workstation="PC-07")
    refused(floor, "L02", secret + "x", T0 + timedelta(seconds=1))
    with floor.begin() as c:
        ops.reset_password(c, "L02", secret + "-new", by="A01", now=T0)
    assert secret not in caplog.text
    dumped = []
    with floor.connect() as c:
        for table in Base.metadata.sorted_tables:
            dumped.extend(str(tuple(r)) for r in c.execute(sa.select(table)))
        stored = c.execute(sa.text("SELECT password_hash FROM operator WHERE id='L02'")
                           ).scalar_one()
    assert dumped and not any(secret in d for d in dumped)
    assert stored.startswith("scrypt$16384$8$1$")
    if floor.dialect.name == "sqlite":  # not even in the file's free pages or the WAL
        db = Path(str(floor.url.database))
        for f in (db, Path(f"{db}-wal")):
            if f.exists():
                assert secret.encode() not in f.read_bytes()
    # and an Operator never carries the hash
    op = ops.authenticate(floor, "L02", secret + "-new", T0 + timedelta(minutes=1))
    assert "hash" not in " ".join(Operator.__slots__) and not any(
        isinstance(v, str) and v.startswith("scrypt$") for v in
        (getattr(op, s) for s in Operator.__slots__))


# ---- sign-in: throttling and lockout ------------------------------------------------------


def test_sign_in_succeeds_with_the_roles_and_is_audited(floor: sa.Engine) -> None:
    op = ops.authenticate(floor, "L01", PW, T0, workstation="PC-07")
    assert (op.id, op.roles, op.failed_count) == ("L01", frozenset({Role.SHIFT_LEADER}), 0)
    assert op.last_sign_in_at == T0
    with floor.connect() as c:
        (row,) = auditlog.query_audit(c, action="sign_in")
    assert (row.operator, row.roles, row.result, row.workstation) == (
        "L01", "shift_leader", "ok", "PC-07")


def test_wrong_passwords_slow_down_then_lock_for_15_minutes(floor: sa.Engine) -> None:
    t = T0
    waits = []
    for _ in range(4):
        r = refused(floor, "L01", "wrong-one", t)
        assert r.code == "wrong_password" and r.reason == ops.BAD_CREDENTIALS
        waits.append(r.retry_after)
        # too soon: refused without even looking at the (right) password
        early = refused(floor, "L01", PW, t + timedelta(seconds=0.5))
        assert early.code == "throttled" and "秒" in zh(early.reason)
        assert early.retry_after == pytest.approx(r.retry_after - 0.5)
        t += timedelta(seconds=r.retry_after or 0)
    assert waits == [1.0, 2.0, 4.0, 8.0]
    fifth = refused(floor, "L01", "wrong-one", t)
    assert fifth.code == "locked_now" and fifth.retry_after == 900.0
    assert "15 分钟" in zh(fifth.reason)
    for later in (timedelta(seconds=10), timedelta(minutes=14, seconds=59)):
        r = refused(floor, "L01", PW, t + later)  # the right password does not help
        assert r.code == "locked" and r.retry_after == pytest.approx(900 - later.total_seconds())
    with floor.connect() as c:
        op = ops.get_operator(c, "L01")
        assert op is not None and op.locked(t) and op.failed_count == 5
        results = [e.result for e in auditlog.query_audit(c, operator="L01", action="sign_in",
                                                          newest_first=False)]
    assert results == ["refused: wrong_password", "refused: throttled"] * 4 + [
        "refused: locked_now", "refused: locked", "refused: locked"]
    # the lock lapses; a right password signs in and resets the count
    op = ops.authenticate(floor, "L01", PW, t + timedelta(minutes=15))
    assert op.failed_count == 0 and op.locked_until is None


def test_after_a_lock_lapses_one_more_wrong_password_locks_again(floor: sa.Engine) -> None:
    t = T0
    for _ in range(5):
        r = refused(floor, "L01", "nope", t)
        t += timedelta(seconds=r.retry_after or 0)
    again = refused(floor, "L01", "nope", t)  # t is the end of the lock
    assert again.code == "locked_now" and again.retry_after == 900.0


def test_unknown_id_and_wrong_password_read_the_same(floor: sa.Engine) -> None:
    unknown = refused(floor, "X99", PW, T0)
    wrong = refused(floor, "L01", "bad", T0)
    assert unknown.reason == wrong.reason == ops.BAD_CREDENTIALS
    with floor.connect() as c:
        rows = auditlog.query_audit(c, action="sign_in", newest_first=False)
    assert [(r.operator, r.result) for r in rows] == [
        ("X99", "refused: unknown_operator"), ("L01", "refused: wrong_password")]


@pytest.mark.parametrize("typed", ["Pa$$ w0rd!", "正确的密码-Correct#1", "x" * 41])
def test_a_password_typed_into_the_id_field_is_never_kept(
        floor: sa.Engine, caplog: pytest.LogCaptureFixture, typed: str) -> None:
    """Issue #13: someone types the password into the 工号 field and presses Enter.
    What cannot be an operator ID is recorded as a placeholder, in the audit log
    (kept for ever) and in the log file alike."""
    caplog.set_level(logging.DEBUG)
    refused(floor, typed, "whatever", T0)
    with floor.connect() as c:
        rows = [r for r in auditlog.query_audit(c, action="sign_in")]
        dumped = " ".join(str(tuple(r)) for r in c.execute(sa.text("SELECT * FROM audit_log")))
    assert [r.operator for r in rows] == [signin.NOT_AN_ID]
    assert rows[0].result == "refused: unknown_operator"
    assert typed not in dumped and typed[:12] not in dumped
    assert typed not in caplog.text and typed[:12] not in caplog.text


def test_an_unknown_id_that_can_be_one_is_recorded_as_typed(floor: sa.Engine) -> None:
    """A mistyped or guessed 工号 is what an administrator needs to see."""
    refused(floor, "L0l", PW, T0)
    with floor.connect() as c:
        assert auditlog.query_audit(c, action="sign_in")[0].operator == "L0l"


def test_disabled_or_roleless_operators_cannot_sign_in(floor: sa.Engine) -> None:
    make(floor, "N01")  # no role
    assert refused(floor, "N01", PW, T0).code == "no_role"
    with floor.begin() as c:
        ops.set_disabled(c, "L01", True, by="A01", now=T0)
    r = refused(floor, "L01", PW, T0)
    assert r.code == "disabled" and "停用" in zh(r.reason)
    assert refused(floor, "L01", "wrong", T0 + timedelta(seconds=5)).code == "wrong_password"


def test_authenticate_needs_the_engine_so_a_refusal_is_committed(floor: sa.Engine) -> None:
    with floor.connect() as c, pytest.raises(TypeError, match="Engine"):
        ops.authenticate(c, "L01", PW, T0)  # type: ignore[arg-type]


# ---- administrators ------------------------------------------------------------------------


def test_admin_unlocks_and_it_is_audited_with_who(floor: sa.Engine) -> None:
    t = T0
    for _ in range(5):
        r = refused(floor, "L01", "nope", t)
        t += timedelta(seconds=r.retry_after or 0)
    t -= timedelta(minutes=10)  # well inside the lock
    with floor.begin() as c, pytest.raises(ops.NotAllowed, match="L01"):
        ops.unlock(c, "L01", by="L01", now=t)
    with floor.begin() as c:
        op = ops.unlock(c, "L01", by="A01", now=t, workstation="IT-PC")
    assert op.failed_count == 0 and op.locked_until is None
    assert ops.authenticate(floor, "L01", PW, t).id == "L01"
    with floor.connect() as c:
        (row,) = auditlog.query_audit(c, action="operator_unlocked")
    assert (row.operator, row.roles, row.target, row.workstation) == ("A01", "admin", "L01",
                                                                      "IT-PC")
    assert row.detail["failed_count_before"] == 5 and row.detail["locked_until_before"]


def test_reset_password_replaces_it_and_clears_the_lock(floor: sa.Engine) -> None:
    t = T0
    for _ in range(5):
        r = refused(floor, "L01", "nope", t)
        t += timedelta(seconds=r.retry_after or 0)
    with floor.begin() as c:
        ops.reset_password(c, "L01", "新密码-new-123", by="A01", now=t)
    assert refused(floor, "L01", PW, t).code == "wrong_password"
    assert ops.authenticate(floor, "L01", "新密码-new-123", t + timedelta(seconds=1)).id == "L01"
    with floor.begin() as c, raises_zh(ops.OperatorError, "至少 6"):
        ops.reset_password(c, "L01", "short", by="A01", now=t)


def test_roles_change_only_by_an_admin_and_each_change_is_audited(floor: sa.Engine) -> None:
    with floor.begin() as c:
        op = ops.set_roles(c, "L01", {"shift_leader", "director"}, by="A01", now=T0)
    assert op.roles == {Role.SHIFT_LEADER, Role.DIRECTOR}
    with floor.begin() as c, pytest.raises(ops.NotAllowed):
        ops.set_roles(c, "L01", {"admin"}, by="L01", now=T0)
    with floor.begin() as c, raises_zh(ops.OperatorError, "未知角色 janitor"):
        ops.set_roles(c, "L01", {"janitor"}, by="A01", now=T0)
    with floor.begin() as c, pytest.raises(ops.NotAllowed):
        ops.create_operator(c, "L09", "赵六", PW, {"shift_leader"}, by="L01", now=T0)
    with floor.begin() as c, raises_zh(ops.OperatorError, "已存在"):
        ops.create_operator(c, "L01", "重复", PW, {"shift_leader"}, by="A01", now=T0)
    with floor.connect() as c:
        rows = auditlog.query_audit(c, newest_first=False)
        listed = {o.id: o.roles for o in ops.list_operators(c)}
    assert [(r.action, r.operator, r.target) for r in rows] == [
        ("operator_created", "cli:root", "A01"), ("operator_created", "A01", "L01"),
        ("roles_changed", "A01", "L01")]
    assert rows[2].detail == {"before": ["shift_leader"], "after": ["director", "shift_leader"]}
    assert listed == {"A01": {Role.ADMIN}, "L01": {Role.SHIFT_LEADER, Role.DIRECTOR}}


def test_the_last_administrator_cannot_be_removed(floor: sa.Engine) -> None:
    with floor.begin() as c, raises_zh(ops.OperatorError, "至少保留一名管理员"):
        ops.set_roles(c, "A01", {"director"}, by="A01", now=T0)
    with floor.begin() as c, raises_zh(ops.OperatorError, "至少保留一名管理员"):
        ops.set_disabled(c, "A01", True, by="A01", now=T0)
    make(floor, "A02", "admin")
    with floor.begin() as c:
        assert ops.set_roles(c, "A01", {"director"}, by="A02", now=T0).roles == {Role.DIRECTOR}


def test_operator_ids_and_passwords_are_checked(eng: sa.Engine) -> None:
    for bad_id in ("", "with space", "x" * 41):
        with eng.begin() as c, raises_zh(ops.OperatorError, "工号"):
            ops.create_operator(c, bad_id, "名", PW, {"admin"}, by="t", now=T0)
    with eng.begin() as c, raises_zh(ops.OperatorError, "至少 6"):
        ops.create_operator(c, "A01", "名", "12345", {"admin"}, by="t", now=T0)


def test_demo_leader_is_a_shift_leader_nobody_can_sign_in_as(eng: sa.Engine) -> None:
    op = ops.ensure_demo_leader(eng, T0)
    assert (op.id, op.name, op.roles) == ("DEMO", "演示值班长", frozenset({Role.SHIFT_LEADER}))
    assert ops.ensure_demo_leader(eng, T0) == op  # idempotent
    t = T0 + timedelta(hours=1)
    for guess in ("", "DEMO", "demo", "演示值班长", "123456"):
        r = refused(eng, "DEMO", guess, t)
        assert r.code in ("wrong_password", "locked_now")
        t += timedelta(seconds=r.retry_after or 0)
    with eng.connect() as c:
        locked = ops.get_operator(c, "DEMO")
    assert locked is not None and locked.locked(t - timedelta(minutes=1))
    fixed = ops.ensure_demo_leader(eng, t - timedelta(minutes=1))  # the demo must still work
    assert not fixed.locked(t - timedelta(minutes=1)) and fixed.roles == op.roles


# ---- the rights matrix (pure) ---------------------------------------------------------------


MATRIX = {
    #                       view  controls admin  setup  audit  policy
    Role.SHIFT_LEADER: (True, True, False, False, False, False),
    Role.DIRECTOR: (True, True, False, False, True, True),
    Role.DEPARTMENT_HEAD: (True, False, False, False, True, False),
    Role.WALLBOARD: (True, False, False, False, False, False),
    Role.ADMIN: (True, False, True, True, True, True),
}
ORDER = (Right.VIEW_FLOOR, Right.SUPERVISOR_CONTROLS, Right.ADMINISTER_OPERATORS,
         Right.EDIT_FLOOR_SETUP, Right.VIEW_AUDIT, Right.APPLY_POLICY)


@pytest.mark.parametrize("role", list(Role))
def test_rights_matrix(role: Role) -> None:
    assert tuple(may({role}, r) for r in ORDER) == MATRIX[role]


def test_rights_of_several_roles_are_the_union_and_no_role_is_nothing() -> None:
    assert rights({"wallboard", "department_head"}) == {
        Right.VIEW_FLOOR, Right.VIEW_AUDIT, Right.EDIT_ROSTER, Right.VIEW_ATTENDANCE,
        Right.VIEW_TRENDS, Right.CONFIRM_ASSESSMENT, Right.VIEW_ASSESSMENT, Right.KEEP_QA}
    # issue #18: the shift leader drafts the month's assessment, the department head
    # confirms it (the director may do both); a wall reads none of it
    assert {r for r in Role if may({r}, Right.RECORD_ASSESSMENT)} == {Role.SHIFT_LEADER,
                                                                       Role.DIRECTOR}
    assert {r for r in Role if may({r}, Right.CONFIRM_ASSESSMENT)} == {Role.DEPARTMENT_HEAD,
                                                                        Role.DIRECTOR}
    # issue #17: the trends are the director's and the department head's, nobody else's
    assert {r for r in Role if may({r}, Right.VIEW_TRENDS)} == {Role.DIRECTOR,
                                                                 Role.DEPARTMENT_HEAD}
    assert rights(set()) == frozenset() and rights({"janitor"}) == frozenset()
    assert may({Role.WALLBOARD, Role.SHIFT_LEADER}, Right.SUPERVISOR_CONTROLS)
    with pytest.raises(ValueError, match="janitor"):
        parse_roles(["shift_leader", "janitor"])


def test_command_refusal_names_who_and_why() -> None:
    def op(*roles: Role, **kw: Any) -> Operator:
        return Operator("X1", "某人", frozenset(roles), **kw)

    assert command_refusal(op(Role.SHIFT_LEADER), "X1", "monitor", T0) is None
    assert command_refusal(op(Role.DIRECTOR), "X1", "barge", T0) is None
    msg = command_refusal(op(Role.WALLBOARD), "X1", "monitor", T0)
    assert zh(msg) == "无权限：账号 X1（角色：大屏）不能使用“监听”"
    assert "角色：—" in zh(command_refusal(op(), "X1", "force_ready", T0) or "")
    assert "Z9 不存在" in zh(command_refusal(None, "Z9", "monitor", T0) or "")
    # issue #13 item 7: a sign-in lock (anyone can set it off with wrong passwords)
    # does not take the controls from a leader whose session is open
    locked = op(Role.SHIFT_LEADER, locked_until=T0 + timedelta(minutes=3))
    assert command_refusal(locked, "X1", "monitor", T0) is None
    assert "停用" in zh(command_refusal(op(Role.SHIFT_LEADER, disabled=True), "X1",
                                      "intercept", T0) or "")
    # leaving a listening session only ever reduces access
    assert command_refusal(locked, "X1", "stop", T0) is None
    assert command_refusal(None, "Z9", "stop", T0) is not None


def test_sign_in_policy_values_live_in_one_place() -> None:
    p = signin.SIGN_IN
    assert (p.delays_s, p.lock_after, p.lock_for) == ((1, 2, 4, 8), 5, timedelta(minutes=15))
    assert [signin.delay_after(n) for n in range(0, 7)] == [0, 1, 2, 4, 8, 8, 8]
    assert signin.gate(0, None, None, T0) is None


# ---- seatwatch admin ---------------------------------------------------------------------------


def run_cli(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = ""
            ) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(argv)


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("seatwatch: error: ") and err.count("\n") == 1, err
    return err


def test_admin_create_then_list_unlock_and_reset(db_url: str, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["admin", "create", "--db", db_url, "--id", "A01", "--name", "系统管理员"],
                   monkeypatch, "admin-pw-1\nadmin-pw-1\n") == 0
    assert "administrator A01 (系统管理员) created" in capsys.readouterr().out
    eng = dbengine.make_engine(db_url)
    try:
        make(eng, "L01", "shift_leader", "director")
        assert ops.authenticate(eng, "A01", "admin-pw-1", T0).roles == {Role.ADMIN}
        t = datetime.now(UTC)
        for _ in range(5):
            r = refused(eng, "L01", "nope", t)
            t += timedelta(seconds=r.retry_after or 0)

        assert run_cli(["admin", "list", "--db", db_url], monkeypatch) == 0
        out = capsys.readouterr().out
        assert "A01" in out and "admin" in out
        line = next(x for x in out.splitlines() if x.startswith("L01"))
        assert "director,shift_leader" in line and "locked until" in line
        assert "admin-pw-1" not in out and "scrypt" not in out

        assert run_cli(["admin", "unlock", "L01", "--db", db_url, "--by", "A01"],
                       monkeypatch) == 0
        assert "L01 (姓名L01) unlocked by A01" in capsys.readouterr().out
        assert run_cli(["admin", "reset-password", "L01", "--db", db_url, "--by", "A01"],
                       monkeypatch, "brand-new-pw\n") == 0
        assert "reset by A01" in capsys.readouterr().out
        assert ops.authenticate(eng, "L01", "brand-new-pw", t).id == "L01"
        with eng.connect() as c:
            acts = [(e.action, e.operator, e.target) for e in
                    auditlog.query_audit(c, newest_first=False) if e.action != "sign_in"]
        assert acts[0][0] == "operator_created" and acts[0][1].startswith("cli:")
        assert acts[2:] == [("operator_unlocked", "A01", "L01"),
                            ("password_reset", "A01", "L01")]
    finally:
        eng.dispose()


def test_admin_cli_errors_are_one_clear_line(db_url: str, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    create = ["admin", "create", "--db", db_url, "--id", "A01", "--name", "管理员"]
    assert run_cli(create, monkeypatch, "one-password\nanother-one\n") == 1
    assert "两次输入的密码不一致" in one_line_error(capsys)
    assert run_cli(create, monkeypatch, "short\n") == 1
    assert "至少 6" in one_line_error(capsys)
    assert run_cli(create, monkeypatch, "\n") == 1
    assert "密码为空" in one_line_error(capsys)
    assert run_cli(create, monkeypatch, "good-password\n") == 0
    capsys.readouterr()
    again = ["admin", "create", "--db", db_url, "--id", "A02", "--name", "二号"]
    assert run_cli(again, monkeypatch, "good-password\n") == 1
    assert "已有管理员（A01 管理员）" in one_line_error(capsys)
    eng = dbengine.make_engine(db_url)
    make(eng, "L01", "shift_leader")
    eng.dispose()
    assert run_cli(["admin", "unlock", "L01", "--db", db_url, "--by", "L01"], monkeypatch) == 1
    assert "不能管理账号" in one_line_error(capsys)
    assert run_cli(["admin", "unlock", "Z99", "--db", db_url, "--by", "A01"], monkeypatch) == 1
    assert "工号 Z99 不存在" in one_line_error(capsys)
    assert run_cli(["admin", "unlock", "L01", "--db", db_url, "--by", "nobody"],
                   monkeypatch) == 1
    assert "“nobody”不是已登记的账号" in one_line_error(capsys)
    assert run_cli(["admin", "reset-password", "Z99", "--db", db_url, "--by", "A01"],
                   monkeypatch, "whatever-pw\n") == 1
    assert "工号 Z99 不存在" in one_line_error(capsys)


def test_every_right_has_words_for_its_refusal() -> None:
    """A refusal names what was refused in words (Chinese once translated), never a
    right's code and never a KeyError: a right added without its text fails here."""
    from models.db.operators import _RIGHT_TEXT

    assert set(_RIGHT_TEXT) == set(Right)
