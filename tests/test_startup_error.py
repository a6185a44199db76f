"""Start-up errors reach the person who started the console from a shortcut (issue #12,
item 10): the start-up error window names the database (never its password) and the
reason in one line, 重试 connects once the server or the file is there, 选择其他数据库…
opens another one, and no SQLite floor file is ever created except on request.

Real windows on the offscreen platform, real databases on both engines: an
unreachable PostgreSQL is a closed local port that a TCP relay to the test server
later opens; a missing SQLite file is a path that the migrated test floor is later
copied to."""

from __future__ import annotations

import contextlib
import logging
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.app import FloorConnector, describe_target
from console.ops import Ops
from console.ui import I18n
from models.db import engine as dbengine
from views.startup_error import StartupErrorDialog


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


@pytest.fixture
def chinese(qtbot: QtBot) -> Iterator[None]:
    """The console's default language: the window is read in Chinese."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n = I18n(app)
    i18n.install("zh_CN")
    yield
    i18n.install("en")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Relay:
    """A TCP relay from a local port to the test's PostgreSQL: the server 'appears'
    on that port when the relay starts."""

    def __init__(self, port: int, target: tuple[str, int]) -> None:
        self.target = target
        self.srv = socket.socket()
        self.srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.srv.bind(("127.0.0.1", port))
        self.srv.listen()
        self.srv.settimeout(0.2)
        self.stop = threading.Event()
        self.socks: list[socket.socket] = []
        self.threads = [threading.Thread(target=self._serve, daemon=True)]
        self.threads[0].start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                client, _a = self.srv.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.socks += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                t = threading.Thread(target=self._pump, args=(a, b), daemon=True)
                self.threads.append(t)
                t.start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := src.recv(65536):
                dst.sendall(data)
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.stop.set()
        self.srv.close()
        for s in self.socks:
            with contextlib.suppress(OSError):
                s.close()
        for t in self.threads:
            t.join(5)


def _window(qtbot: QtBot, c: FloorConnector) -> StartupErrorDialog:
    qtbot.waitUntil(lambda: c.dialog is not None and c.dialog.isVisible()
                    and c.dialog.retry_button.isEnabled(), timeout=15000)
    assert c.dialog is not None
    qtbot.addWidget(c.dialog)
    return c.dialog


def _texts(d: StartupErrorDialog) -> str:
    return "\n".join([d.windowTitle(), d.headline.text(), d.target.text(), d.reason.text(),
                      d.details.toPlainText()])


def test_an_unreachable_postgresql_shows_the_window_and_retry_connects_once_it_is_up(
        qtbot: QtBot, ops: Ops, pg_url: str, chinese: None) -> None:
    real = sa.make_url(pg_url)
    port = _free_port()
    # as typed on a shortcut, with a password that must never reach the screen
    typed = real.set(port=port, password="s3cret-pw").render_as_string(hide_password=False)
    c = FloorConnector(ops, typed)
    with qtbot.waitSignal(c.finished, timeout=30000, raising=False) as gave_up:
        c.start()
        d = _window(qtbot, c)
        # one window, in Chinese, naming the database and why, with the three ways on
        assert "无法打开楼层数据库" in d.windowTitle()
        assert f"127.0.0.1:{port}" in d.target.text() and "数据库" in d.target.text()
        assert "拒绝连接" in d.reason.text(), d.reason.text()
        assert "\n" not in d.reason.text()
        assert "s3cret-pw" not in _texts(d)
        assert (d.retry_button.text(), d.other_button.text(), d.quit_button.text()) == (
            "重试", "选择其他数据库…", "退出")
        assert not d.details.isVisible()
        d.details_button.click()  # the driver's own words, for IT
        assert d.details.isVisible() and "refused" in d.details.toPlainText().lower()
        assert c.engine is None
        relay = Relay(port, (real.host or "127.0.0.1", real.port or 5432))
        try:
            d.retry_button.click()
            qtbot.waitUntil(lambda: c.engine is not None, timeout=30000)
        finally:
            eng = c.engine
            if eng is not None:
                with eng.connect() as conn:  # the floor behind the relay, schema at head
                    assert dbengine.current_revision(eng) == dbengine.head_revision()
                    assert conn.execute(sa.text("SELECT 1")).scalar_one() == 1
                eng.dispose()
            relay.close()
    assert gave_up.signal_triggered and gave_up.args == [c.engine]
    assert not d.isVisible()  # the console goes on


def test_a_missing_sqlite_file_is_refused_never_created_and_retry_opens_it_when_it_is_there(
        qtbot: QtBot, ops: Ops, sqlite_url: str, tmp_path: Path, chinese: None) -> None:
    typo = tmp_path / "floro.db"
    c = FloorConnector(ops, f"sqlite:///{typo}")
    c.start()
    d = _window(qtbot, c)
    assert "文件不存在" in d.reason.text() and str(typo) in d.reason.text()
    assert str(typo) in d.target.text()
    assert not typo.exists()  # not quietly a new, empty floor
    d.retry_button.click()
    qtbot.waitUntil(lambda: d.retry_button.isEnabled(), timeout=15000)
    assert "文件不存在" in d.reason.text() and not typo.exists() and c.engine is None
    # the file appears (copied back from a backup, a share mounted late): Retry opens it
    shutil.copy(sa.make_url(sqlite_url).database or "", typo)
    with qtbot.waitSignal(c.finished, timeout=15000) as done:
        d.retry_button.click()
    assert done.args is not None and done.args[0] is c.engine is not None
    assert c.engine.url.database == str(typo)
    assert not d.isVisible()
    c.engine.dispose()


def test_quitting_the_window_ends_the_start_up_without_a_database(
        qtbot: QtBot, ops: Ops, tmp_path: Path) -> None:
    c = FloorConnector(ops, f"sqlite:///{tmp_path / 'nope.db'}")
    c.start()
    d = _window(qtbot, c)
    with qtbot.waitSignal(c.finished, timeout=5000) as done:
        d.quit_button.click()
    assert done.args == [None] and c.engine is None
    assert not (tmp_path / "nope.db").exists()


def test_choose_another_database_a_file_or_a_new_floor_only_when_asked(
        qtbot: QtBot, ops: Ops, sqlite_url: str, tmp_path: Path) -> None:
    c = FloorConnector(ops, f"sqlite:///{tmp_path / 'typo.db'}")
    c.start()
    d = _window(qtbot, c)
    assert {a.text() for a in d.other_menu.actions() if a.text()} >= {
        "SQLite floor file…", "Type a database URL…", "New floor database…"}
    # another existing file, as picked in the file dialog
    existing = sa.make_url(sqlite_url).database or ""
    d.pick_existing_file = lambda: str(tmp_path / "not-there-either.db")  # type: ignore[method-assign]
    d.file_action.trigger()
    qtbot.waitUntil(lambda: "not-there-either.db" in d.reason.text(), timeout=15000)
    assert not (tmp_path / "not-there-either.db").exists()
    d.pick_existing_file = lambda: existing  # type: ignore[method-assign]
    with qtbot.waitSignal(c.finished, timeout=15000):
        d.file_action.trigger()
    assert c.engine is not None and c.engine.url.database == existing
    c.engine.dispose()

    # the first-run path that says so: 新建楼层数据库… makes the file, migrated
    c2 = FloorConnector(ops, f"sqlite:///{tmp_path / 'typo.db'}")
    c2.start()
    d2 = _window(qtbot, c2)
    new = tmp_path / "new" / "楼层.db"
    d2.pick_new_file = lambda: str(new)  # type: ignore[method-assign]
    with qtbot.waitSignal(c2.finished, timeout=30000):
        d2.new_action.trigger()
    assert c2.engine is not None and new.is_file()
    assert dbengine.current_revision(c2.engine) == dbengine.head_revision()
    c2.engine.dispose()
    assert not (tmp_path / "typo.db").exists()


def test_a_saved_connection_can_be_chosen_and_an_unknown_one_is_named(
        qtbot: QtBot, ops: Ops, db_url: str) -> None:
    dbengine.save_profile("floor", db_url)
    c = FloorConnector(ops, "flor")
    c.start()
    d = _window(qtbot, c)
    assert d.target.text().endswith("flor")
    assert "floor" in d.reason.text()  # the saved ones are named
    with qtbot.waitSignal(c.finished, timeout=30000):
        d.profile_actions["floor"].trigger()
    assert c.engine is not None
    c.engine.dispose()


def test_an_unexpected_error_is_one_line_with_the_traceback_in_the_details_and_the_log(
        qtbot: QtBot, ops: Ops, caplog: pytest.LogCaptureFixture) -> None:
    def broken(db: str | None, create: bool) -> sa.Engine:
        raise ZeroDivisionError("division by zero in the start-up")

    c = FloorConnector(ops, "sqlite:///x.db", open_fn=broken)
    with caplog.at_level(logging.ERROR):
        c.start()
        d = _window(qtbot, c)
    assert d.reason.text() == "Reason: Unexpected error: ZeroDivisionError: division by zero " \
                              "in the start-up"
    assert "Traceback" in d.details.toPlainText() and "broken" in d.details.toPlainText()
    assert not d.details.isVisible()
    assert any("division by zero" in r.getMessage() or r.exc_info for r in caplog.records)


def test_the_target_never_shows_a_password() -> None:
    assert describe_target("postgresql://sw:hunter2@db:5432/floor") == \
        "postgresql://sw:***@db:5432/floor"
    assert "hunter2" not in describe_target("postgresql://sw:hunter2@db:notaport/floor")
    assert describe_target("floor") == "floor"


def _cli(*args: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "XDG_DATA_HOME": str(env_home / "d"),
           "XDG_CONFIG_HOME": str(env_home / "c")}
    return subprocess.run([sys.executable, "-m", "console.cli", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_commands_refuse_a_missing_sqlite_file_and_create_one_only_with_create(
        tmp_path: Path) -> None:
    typo = tmp_path / "flor.db"
    for args in (["snapshot", "--db", f"sqlite:///{typo}"],
                 ["simulate", "--db", f"sqlite:///{typo}", "--agents", "3", "--hours", "0.1"],
                 ["db", "version", "--db", f"sqlite:///{typo}"]):
        r = _cli(*args, env_home=tmp_path)
        assert r.returncode == 1, (args, r.stderr)
        assert r.stderr.count("\n") == 1 and "不存在" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
        assert not typo.exists(), args
    r = _cli("simulate", "--db", f"sqlite:///{typo}", "--create", "--agents", "3",
             "--hours", "0.1", env_home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "已新建楼层数据库" in r.stderr and typo.is_file()


def test_a_malformed_url_is_named_as_such(qtbot: QtBot, ops: Ops, chinese: None) -> None:
    c = FloorConnector(ops, "postgresql://sw:hunter2@db:notaport/floor")
    c.start()
    d = _window(qtbot, c)
    assert d.reason.text() == "原因：不是有效的数据库地址"
    assert "hunter2" not in _texts(d)


def test_a_bug_after_the_database_opened_is_one_window_with_details_and_logged(
        qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """``seatwatch console``'s own start-up (run_console): the database opens, then
    something unforeseen breaks — the person sees one window, not a traceback on a
    terminal they do not have; exit code 1."""
    from PySide6.QtCore import QTimer

    import console.app as capp

    def broken_sign_in(*_a: object, **_k: object) -> None:
        raise KeyError("operator_table")

    monkeypatch.setattr(capp, "sign_in", broken_sign_in)
    seen: dict[str, str] = {}

    def answer() -> None:
        w = QApplication.activeModalWidget()
        if not isinstance(w, StartupErrorDialog):
            QTimer.singleShot(20, answer)
            return
        seen.update(title=w.windowTitle(), target=w.target.text(), reason=w.reason.text(),
                    details=w.details.toPlainText(),
                    retry=str(w.retry_button.isVisible()))
        w.quit_button.click()

    QTimer.singleShot(0, answer)
    with caplog.at_level(logging.ERROR):
        rc = capp.run_console(sqlite_url, language="en")
    assert rc == 1
    assert seen["title"] == "Could not start"
    assert seen["reason"] == "Reason: Unexpected error: KeyError: 'operator_table'"
    assert "floor.db" in seen["target"] and seen["retry"] == "False"
    assert "Traceback" in seen["details"] and "broken_sign_in" in seen["details"]
    assert any(r.exc_info for r in caplog.records if "could not start" in r.getMessage())


def test_a_viewer_waits_for_a_missing_sqlite_file_and_never_creates_it(
        sqlite_url: str, tmp_path: Path) -> None:
    """The wall and every feed open SQLite with create=False: a missing file is a
    connection that fails (the board's 数据中断, retried), never a new empty floor."""
    from console.feed import FloorFeed

    missing = tmp_path / "wall" / "floor.db"
    feed = FloorFeed(sa.make_url(f"sqlite:///{missing}"))
    try:
        with pytest.raises(sa.exc.OperationalError, match="unable to open"):
            feed.engine.connect().close()
        assert not missing.exists() and not missing.parent.exists()
        missing.parent.mkdir()
        shutil.copy(sa.make_url(sqlite_url).database or "", missing)
        with feed.engine.connect() as c:  # the same engine, once the file is there
            assert dbengine.current_revision(feed.engine) == dbengine.head_revision()
            assert c.execute(sa.text("SELECT 1")).scalar_one() == 1
    finally:
        feed.engine.dispose()


def test_quitting_while_an_attempt_is_on_its_way_ends_there(
        qtbot: QtBot, ops: Ops, sqlite_url: str, tmp_path: Path) -> None:
    gate = threading.Event()
    opened: list[sa.Engine] = []

    def slow(db: str | None, create: bool) -> sa.Engine:
        if db and "typo" in db:
            raise dbengine.DbMissing(tmp_path / "typo.db")
        gate.wait(10)
        eng = dbengine.make_engine(sqlite_url)
        opened.append(eng)
        return eng

    c = FloorConnector(ops, f"sqlite:///{tmp_path / 'typo.db'}", open_fn=slow)
    c.start()
    d = _window(qtbot, c)
    d.pick_existing_file = lambda: sa.make_url(sqlite_url).database or ""  # type: ignore[method-assign]
    d.file_action.trigger()
    assert d.reason.text() == "Connecting…" and not d.retry_button.isEnabled()
    with qtbot.waitSignal(c.finished, timeout=5000) as done:
        d.quit_button.click()
    assert done.args == [None]
    gate.set()
    assert ops.wait(10)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=5000)
    QApplication.processEvents()  # the late answer arrives: it is dropped, not shown
    assert c.engine is None and not d.isVisible()


def test_a_corrupt_profiles_file_is_said_in_the_window_not_an_empty_menu(
        qtbot: QtBot, ops: Ops, tmp_path: Path) -> None:
    """Issue #15: a profile name with a quote once corrupted profiles.toml; the window
    listed no saved connection and did not say why."""
    dbengine.save_profile("floor", f"sqlite:///{tmp_path / 'floor.db'}")
    path = dbengine.profiles_path()
    path.write_text(path.read_text(encoding="utf-8") + '\n[profiles."二"楼"]\n',
                    encoding="utf-8")
    c = FloorConnector(ops, f"sqlite:///{tmp_path / 'typo.db'}")
    c.start()
    d = _window(qtbot, c)
    act = d.profiles_problem_action
    assert act is not None and not act.isEnabled() and d.profile_actions == {}
    assert act.text().startswith(f"Saved connections cannot be read: {path} line ")
    assert "\n" not in act.text()
    d.reject()
