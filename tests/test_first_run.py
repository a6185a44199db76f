"""The first-run wizard (issue #19): ``seatwatch console`` started from the Start menu
(no ``--db``) on a PC never set up asks which floor this PC uses — a SQLite file of
its own, or the floor's shared PostgreSQL database (tested, saved as a named profile
with its password in the keyring, and remembered as the PC's default connection) —
then the first administrator, then the sign-in, in one process. Each failure is one
Chinese line that says what to do, and nothing is left half saved.

Real windows on the offscreen platform; a real PostgreSQL (private databases on the
shared test server, and a private cluster that asks for a password)."""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import keyring.errors
import psycopg
import pytest
import sqlalchemy as sa
from keyring.backend import KeyringBackend
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWizard
from pytestqt.qtbot import QtBot

from console import app as console_app
from console.app import connect_floor, describe_failure, open_floor, run_console
from console.cli import build_parser, main
from console.first_run import FirstRun, make_wizard
from console.ops import Ops
from console.ui import I18n
from models.db import console_db
from models.db import engine as dbengine
from tests.conftest import PG_BASE, PrivatePg, pg_admin, sa_url
from views.first_run import PAGE_SHARED, FirstRunWizard
from views.signin import FirstAdminDialog, SignInDialog

PASSWORD = "Geheim-7f3!"


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


@pytest.fixture
def chinese(qtbot: QtBot) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n = I18n(app)
    i18n.install("zh_CN")
    yield
    i18n.install("en")


@pytest.fixture
def pg_floor() -> Iterator[str]:
    """A private, migrated floor database on the shared test server (its name)."""
    name = f"sw_wiz_{os.getpid()}_{time.monotonic_ns() % 10**6}"
    with pg_admin() as c:
        c.execute(f'CREATE DATABASE "{name}"')
    eng = dbengine.make_engine(sa_url(name))
    dbengine.upgrade(eng)
    eng.dispose()
    yield name
    with pg_admin() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_empty() -> Iterator[str]:
    """A database on the shared server with no Seatwatch schema in it."""
    name = f"sw_wiz_empty_{os.getpid()}_{time.monotonic_ns() % 10**6}"
    with pg_admin() as c:
        c.execute(f'CREATE DATABASE "{name}"')
    yield name
    with pg_admin() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server() -> tuple[str, int, str]:
    u = sa.make_url(PG_BASE)
    return u.host or "127.0.0.1", u.port or 5432, u.username or "postgres"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _nothing_saved(memory_keyring: Any) -> None:
    assert not dbengine.profiles_path().exists()
    assert not memory_keyring.store
    assert dbengine.default_profile() is None


# ---- the default connection in profiles.toml ----------------------------------------


URL = "postgresql://sw@db.floor:5432/seatwatch"


def test_a_profiles_file_from_before_has_no_default_and_still_works() -> None:
    path = dbengine.profiles_path()
    path.write_text('[profiles.floor]\nurl = "postgresql://sw@db.floor:5432/seatwatch"\n',
                    encoding="utf-8")
    assert dbengine.load_profiles() == {"floor": URL}
    assert dbengine.default_profile() is None
    assert dbengine.resolve(None).drivername == "sqlite"  # the user data folder's file


def test_the_default_connection_is_what_no_db_means_and_survives_other_profiles(
        memory_keyring: Any) -> None:
    dbengine.save_profile("floor", URL, password=PASSWORD, make_default=True)
    dbengine.save_profile("test", URL.replace("db.floor", "db.test"))  # not the default
    assert dbengine.default_profile() == "floor"
    u = dbengine.resolve(None)
    assert (u.host, u.database, u.password) == ("db.floor", "seatwatch", PASSWORD)
    text = dbengine.profiles_path().read_text(encoding="utf-8")
    assert text.count('default = "floor"') == 1 and PASSWORD not in text
    assert console_app.describe_target(None) == "floor"


def test_a_keyring_that_refuses_leaves_no_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_keyring(RefusingKeyring())
    with pytest.raises(dbengine.KeyringUnavailable):
        dbengine.save_profile("floor", URL, password=PASSWORD, make_default=True)
    assert not dbengine.profiles_path().exists()


def test_a_file_that_cannot_be_written_takes_the_password_back_out(
        memory_keyring: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*_a: Any, **_k: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dbengine.os, "replace", full_disk)
    with pytest.raises(OSError):
        dbengine.save_profile("floor", URL, password=PASSWORD, make_default=True)
    assert not memory_keyring.store and not dbengine.profiles_path().exists()


def test_a_first_run_is_a_pc_with_no_default_no_profile_and_no_floor_file() -> None:
    assert dbengine.needs_first_run()
    dbengine.save_profile("test", URL)
    assert not dbengine.needs_first_run()  # someone saved a connection: no wizard
    dbengine.profiles_path().unlink()
    assert dbengine.needs_first_run()
    (dbengine.data_dir() / "seatwatch.db").write_bytes(b"")
    assert not dbengine.needs_first_run()  # the floor file is there: it opens
    (dbengine.data_dir() / "seatwatch.db").unlink()
    dbengine.profiles_path().write_text("[profiles\n", encoding="utf-8")
    assert not dbengine.needs_first_run()  # the start-up window says what is wrong


class RefusingKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("Access denied by the credential store")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("nothing there")


# ---- when the wizard appears ---------------------------------------------------------


def test_the_wizard_opens_only_on_a_pc_never_set_up(
        qtbot: QtBot, ops: Ops, monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    asked: list[Ops] = []

    def wizard(o: Ops, *_start: Any) -> None:
        asked.append(o)

    monkeypatch.setattr("console.first_run.run_first_run", wizard)
    assert connect_floor(ops, None) is None and asked == [ops]  # nothing set up: the wizard
    eng = connect_floor(ops, sqlite_url)  # --db given: that database, no wizard
    assert eng is not None and len(asked) == 1
    eng.dispose()
    # a floor file in the user data folder (this PC was set up): it opens, no wizard
    made = open_floor(None, create=True)
    made.dispose()
    eng = connect_floor(ops, None)
    assert eng is not None and len(asked) == 1
    eng.dispose()


# ---- driving the wizard ---------------------------------------------------------------


def _when_modal(steps: list[Callable[[QDialog], bool]]) -> None:
    """Answer the modal dialogs start-up opens, one step per dialog."""
    def poll() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, QDialog) and w.isVisible() and steps and steps[0](w):
            steps.pop(0)
        if steps:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def _fill(w: FirstRunWizard, *, host: str, port: int, database: str, user: str,
          password: str = PASSWORD, name: str = "floor") -> None:
    w.choice.shared.setChecked(True)
    w.next()
    assert w.currentId() == PAGE_SHARED
    p = w.shared
    p.host.setText(host)
    p.port.setValue(port)
    p.database.setText(database)
    p.user.setText(user)
    p.password.setText(password)
    p.name.setText(name)


def _shared_wizard(qtbot: QtBot, ops: Ops) -> tuple[FirstRun, FirstRunWizard]:
    flow = FirstRun(ops, open_floor, describe_failure)
    w = make_wizard(flow)
    qtbot.addWidget(w)
    w.show()
    return flow, w


def _finish(qtbot: QtBot, w: FirstRunWizard) -> str:
    w.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: not w.busy, timeout=20000)
    return w.shared.status.text()


def test_this_pc_creates_the_floor_then_the_first_administrator_then_sign_in(
        qtbot: QtBot, memory_keyring: Any) -> None:
    """``seatwatch console`` with no --db, as the Start-menu shortcut runs it (in
    English here: the console's translators stay installed on the tests' app)."""
    seen: list[str] = []
    path = dbengine.data_dir() / "seatwatch.db"

    def wizard(d: QDialog) -> bool:
        if not isinstance(d, FirstRunWizard):
            return False
        seen.append("wizard")
        assert str(path) in d.choice.local_note.text()
        assert d.choice.local.isChecked()  # this PC only is the first choice
        d.next()
        d.button(QWizard.WizardButton.FinishButton).click()
        return True

    def first_admin(d: QDialog) -> bool:
        if not isinstance(d, FirstAdminDialog):
            return False
        seen.append("first admin")
        assert path.is_file()  # the wizard made the floor before this dialog opened
        d.user.setText("IT01")
        d.name.setText("王工")
        d.password.setText("s3cret-IT01")
        d.again.setText("s3cret-IT01")
        d.submit()
        return True

    def sign(d: QDialog) -> bool:
        if not isinstance(d, SignInDialog):
            return False
        seen.append("sign in")
        assert d.user.text() == "IT01"
        d.reject()  # cancelled at the sign-in: the console exits 0
        return True

    _when_modal([wizard, first_admin, sign])
    previous = signal.getsignal(signal.SIGINT)
    try:
        assert run_console(None, language="en") == 0
    finally:
        signal.signal(signal.SIGINT, previous)
    assert seen == ["wizard", "first admin", "sign in"]
    eng = dbengine.make_engine(f"sqlite:///{path}", create=False)
    try:
        assert not console_db.needs_first_admin(eng)  # IT01 was made on that file
    finally:
        eng.dispose()
    assert not dbengine.profiles_path().exists() and not memory_keyring.store
    assert not dbengine.needs_first_run()  # the next start opens that file


def test_cancel_writes_nothing(qtbot: QtBot, ops: Ops, memory_keyring: Any) -> None:
    def cancel(d: QDialog) -> bool:
        if not isinstance(d, FirstRunWizard):
            return False
        d.choice.shared.setChecked(True)
        d.next()
        d.shared.host.setText("dbhost")
        d.shared.password.setText(PASSWORD)
        d.reject()
        return True

    _when_modal([cancel])
    assert connect_floor(ops, None) is None
    _nothing_saved(memory_keyring)
    assert not (dbengine.data_dir() / "seatwatch.db").exists()
    assert dbengine.needs_first_run()  # the wizard comes back at the next start


def test_the_shared_floor_is_tested_saved_with_its_password_and_becomes_the_default(
        qtbot: QtBot, ops: Ops, pg_floor: str, memory_keyring: Any,
        caplog: pytest.LogCaptureFixture, chinese: None) -> None:
    caplog.set_level(logging.DEBUG)
    host, port, user = _server()
    flow, w = _shared_wizard(qtbot, ops)
    _fill(w, host=host, port=port, database=pg_floor, user=user)
    w.shared.test_button.click()
    qtbot.waitUntil(lambda: w.shared.test_button.isEnabled(), timeout=20000)
    assert w.shared.status.text().startswith("连接成功"), w.shared.status.text()
    _nothing_saved(memory_keyring)  # a test saves nothing
    assert _finish(qtbot, w) and w.result() == QDialog.DialogCode.Accepted
    assert flow.engine is not None
    flow.engine.dispose()
    # the profile without the password, the password in the keyring, the default
    assert dbengine.load_profiles() == {
        "floor": f"postgresql+psycopg://{user}@{host}:{port}/{pg_floor}"}
    assert memory_keyring.store == {("seatwatch", "db:floor"): PASSWORD}
    assert dbengine.default_profile() == "floor"
    assert PASSWORD not in dbengine.profiles_path().read_text(encoding="utf-8")
    assert PASSWORD not in caplog.text
    assert PASSWORD not in w.shared.status.text()
    # the next start (console, wallboard, director, the CLI) without --db goes there
    assert not dbengine.needs_first_run()
    u = dbengine.resolve(None)
    assert (u.database, u.password) == (pg_floor, PASSWORD)
    eng = open_floor(None)
    try:
        assert dbengine.current_revision(eng) == dbengine.head_revision()
        assert console_db.needs_first_admin(eng)  # an empty floor: the first-admin dialog
    finally:
        eng.dispose()
    caplog.clear()
    assert main(["audit", "verify"]) == 0  # the CLI without --db: that floor, not a file
    assert f"using database postgresql+psycopg://{user}:***@{host}:{port}/{pg_floor}" \
        in caplog.text
    parser = build_parser()
    for program in ("console", "wallboard", "director"):  # their shortcuts carry no --db
        assert parser.parse_args([program]).db is None


def _expect_refused(qtbot: QtBot, w: FirstRunWizard, memory_keyring: Any,
                    *parts: str) -> str:
    line = _finish(qtbot, w)
    assert w.isVisible() and w.result() != QDialog.DialogCode.Accepted
    for part in parts:
        assert part in line, line
    assert "\n" not in line and PASSWORD not in line
    _nothing_saved(memory_keyring)
    return line


def test_a_closed_port_says_the_server_refuses_and_what_to_check(
        qtbot: QtBot, ops: Ops, memory_keyring: Any, chinese: None) -> None:
    _flow, w = _shared_wizard(qtbot, ops)
    _fill(w, host="127.0.0.1", port=_free_port(), database="seatwatch", user="postgres")
    _expect_refused(qtbot, w, memory_keyring, "拒绝连接", "请检查服务器和端口")


def test_an_unknown_host_says_so(qtbot: QtBot, ops: Ops, memory_keyring: Any,
                                 chinese: None) -> None:
    _flow, w = _shared_wizard(qtbot, ops)
    _fill(w, host="no-such-floor-db.invalid", port=5432, database="seatwatch",
          user="postgres")
    _expect_refused(qtbot, w, memory_keyring, "服务器名称无法识别", "IP 地址")


def test_a_missing_database_says_check_its_name(
        qtbot: QtBot, ops: Ops, memory_keyring: Any, chinese: None) -> None:
    host, port, user = _server()
    _flow, w = _shared_wizard(qtbot, ops)
    _fill(w, host=host, port=port, database=f"sw_wiz_none_{os.getpid()}", user=user)
    _expect_refused(qtbot, w, memory_keyring, "没有这个数据库", "请检查数据库名称")


def test_a_database_without_a_floor_says_ask_it_to_run_db_upgrade(
        qtbot: QtBot, ops: Ops, pg_empty: str, memory_keyring: Any, chinese: None) -> None:
    host, port, user = _server()
    _flow, w = _shared_wizard(qtbot, ops)
    _fill(w, host=host, port=port, database=pg_empty, user=user)
    _expect_refused(qtbot, w, memory_keyring, "还没有值班数据", "seatwatch db upgrade")
    with psycopg.connect(PG_BASE.rsplit("/", 1)[0] + "/" + pg_empty) as c:
        assert c.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                         ).fetchone() == (0,)  # the wizard never migrates PostgreSQL


def test_a_keyring_that_refuses_is_said_and_nothing_is_saved(
        qtbot: QtBot, ops: Ops, pg_floor: str, chinese: None) -> None:
    refusing = RefusingKeyring()
    keyring.set_keyring(refusing)  # the conftest fixture puts the memory keyring back
    host, port, user = _server()
    _flow, w = _shared_wizard(qtbot, ops)
    _fill(w, host=host, port=port, database=pg_floor, user=user)
    line = _finish(qtbot, w)
    assert "凭据管理器" in line and "未保存任何内容" in line, line
    assert w.result() != QDialog.DialogCode.Accepted
    assert not dbengine.profiles_path().exists() and dbengine.default_profile() is None


def test_a_bad_connection_name_is_refused_before_anything_connects(
        qtbot: QtBot, ops: Ops, memory_keyring: Any) -> None:
    _flow, w = _shared_wizard(qtbot, ops)
    _fill(w, host="127.0.0.1", port=_free_port(), database="seatwatch", user="postgres",
          name="-floor")
    line = _expect_refused(qtbot, w, memory_keyring, "'-floor'")
    assert "must not begin with -" in line


def test_a_wrong_password_says_check_the_user_and_password(
        qtbot: QtBot, ops: Ops, private_pg: PrivatePg, memory_keyring: Any,
        chinese: None) -> None:
    """A private cluster that asks for a password over TCP (the shared test server
    trusts every local connection)."""
    private_pg.create_floor("floor")
    with psycopg.connect(private_pg.dsn("postgres"), autocommit=True) as c:
        c.execute("ALTER USER postgres PASSWORD 'the-right-one'")
    (private_pg.data / "pg_hba.conf").write_text(
        "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n", encoding="utf-8")
    assert private_pg.proc is not None
    private_pg.proc.send_signal(signal.SIGHUP)  # reload pg_hba.conf

    def asks() -> bool:
        try:
            psycopg.connect(private_pg.dsn("postgres"), connect_timeout=2).close()
        except psycopg.OperationalError:
            return True
        return False

    qtbot.waitUntil(asks, timeout=10000)
    _flow, w = _shared_wizard(qtbot, ops)
    _fill(w, host="127.0.0.1", port=private_pg.port, database="floor", user="postgres",
          password="not-the-right-one")
    _expect_refused(qtbot, w, memory_keyring, "拒绝了用户名或密码", "请检查用户名和密码")
    w.shared.password.setText("the-right-one")  # then the right one: saved
    _finish(qtbot, w)
    assert w.result() == QDialog.DialogCode.Accepted
    assert memory_keyring.store == {("seatwatch", "db:floor"): "the-right-one"}
    assert _flow.engine is not None
    _flow.engine.dispose()


def _older_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(dbengine._alembic_config())
    down = script.get_revision(dbengine.head_revision()).down_revision
    assert isinstance(down, str)
    return down


@pytest.mark.parametrize(("stamp", "parts"), [
    ("ffffffffffff", ("更新版本", "请安装与全场其他电脑相同的版本")),
    (None, ("结构版本较旧", "seatwatch db upgrade")),
], ids=["newer", "older"])
def test_a_schema_of_another_version_says_what_to_install_or_run(
        qtbot: QtBot, ops: Ops, pg_floor: str, memory_keyring: Any, chinese: None,
        stamp: str | None, parts: tuple[str, ...]) -> None:
    version = stamp or _older_revision()
    with psycopg.connect(PG_BASE.rsplit("/", 1)[0] + "/" + pg_floor, autocommit=True) as c:
        c.execute("UPDATE alembic_version SET version_num = %s", (version,))
    host, port, user = _server()
    _flow, w = _shared_wizard(qtbot, ops)
    _fill(w, host=host, port=port, database=pg_floor, user=user)
    line = _expect_refused(qtbot, w, memory_keyring, *parts)
    assert version in line  # both versions named, for IT


def test_a_floor_file_whose_creation_failed_is_not_left_behind(
        qtbot: QtBot, ops: Ops, chinese: None) -> None:
    path = dbengine.data_dir() / "seatwatch.db"

    def half_made(db: str | None, create: bool) -> sa.Engine:
        assert create and db == f"sqlite:///{path}"
        path.write_bytes(b"")  # the file exists, then the migration fails (disk full)
        raise dbengine.DbError("disk full while creating the floor")

    w = make_wizard(FirstRun(ops, half_made, describe_failure))
    qtbot.addWidget(w)
    w.show()
    w.next()  # this PC only
    w.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: not w.busy, timeout=10000)
    assert w.local.status.text() == "disk full while creating the floor"
    assert w.result() != QDialog.DialogCode.Accepted
    assert not path.exists() and dbengine.needs_first_run()
