"""One console per operator per PC (issue #19, "Desktop details"), with real
processes: a second ``seatwatch console`` of the same operator brings the running
window forward and exits 0 with one line on stderr; a socket left by a console that
crashed does not block the next start.

The check is about the PC, not the database: it runs on SQLite only (a PostgreSQL
floor takes the same path after the sign-in)."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from console.single import SingleConsole, claim, instance_name
from models.db import engine as dbengine
from tests.helpers import seed_operators

T0 = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent


class Console:
    """A console process started through tests/console_driver.py."""

    def __init__(self, env: dict[str, str], db: str, operator: str) -> None:
        self.p = subprocess.Popen(
            [sys.executable, "-m", "tests.console_driver", "console", "--db", db,
             "--operator", operator, "--lang", "en"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        assert self.p.stdout is not None
        threading.Thread(target=self._read, args=(self.p.stdout,), daemon=True).start()

    def _read(self, out: object) -> None:
        for line in out:  # type: ignore[attr-defined]
            self.lines.put(line.strip())

    def expect(self, prefix: str, timeout: float = 60.0) -> str:
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                err = self.p.stderr.read() if self.p.poll() is not None and self.p.stderr \
                    else ""
                raise AssertionError(f"no {prefix!r} from the console; {err[-800:]}") from None
            if line.startswith(prefix):
                return line

    def stop(self) -> None:
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGINT)
            try:
                self.p.wait(30)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait(10)
        for f in (self.p.stdout, self.p.stderr):
            if f is not None:
                f.close()


@pytest.fixture
def floor(sqlite_url: str, tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A floor with two shift leaders, and the environment of one OS user's session:
    its own home (settings, logs) and runtime folder (the sockets)."""
    e = dbengine.make_engine(sqlite_url)
    seed_operators(e, [("A01", "管理员", ["admin"]), ("L01", "张班长", ["shift_leader"]),
                       ("L02", "李班长", ["shift_leader"])], now=T0)
    e.dispose()
    # a short path: a socket's path may not pass 107 bytes, pytest's tmp_path can
    run = Path(tempfile.mkdtemp(prefix="swrun-"))
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(run), HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local"),
               SW_TEST_PASSWORD="secret-pw", PYTHONPATH=str(ROOT))
    yield sqlite_url, env
    shutil.rmtree(run, ignore_errors=True)


def test_a_second_console_of_the_same_operator_brings_the_first_forward(
        floor: tuple[str, dict[str, str]]) -> None:
    db, env = floor
    first = Console(env, db, "L01")
    try:
        first.expect("SHOWN")  # and minimized, as when the leader went elsewhere
        second = subprocess.run(
            [sys.executable, "-m", "tests.console_driver", "console", "--db", db,
             "--operator", "L01", "--lang", "en"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stderr[-800:]
        assert "SHOWN" not in second.stdout  # no second window
        said = [ln for ln in second.stderr.splitlines() if ln.startswith("seatwatch:")]
        assert said == ["seatwatch: the console of operator L01 is already open on this "
                        "PC: brought it to the front"], second.stderr[-800:]
        assert first.expect("FORWARD") == "FORWARD minimized=0 active=1"
        assert first.p.poll() is None  # the first one runs on
        # another leader on the same PC has a console of their own
        other = Console(env, db, "L02")
        try:
            other.expect("SHOWN")
        finally:
            other.stop()
    finally:
        first.stop()


def test_a_console_that_crashed_does_not_block_the_next_start(
        floor: tuple[str, dict[str, str]]) -> None:
    db, env = floor
    crashed = Console(env, db, "L01")
    try:
        crashed.expect("SHOWN")
    finally:
        crashed.p.kill()  # no clean-up: its socket stays behind
        crashed.stop()
    sockets = [p for p in Path(env["XDG_RUNTIME_DIR"]).iterdir()
               if p.name.startswith("seatwatch-console-")]
    assert len(sockets) == 1 and sockets[0].is_socket()  # the stale one
    again = Console(env, db, "L01")
    try:
        again.expect("SHOWN")  # a new window, not a silent exit
    finally:
        again.stop()


def test_a_stale_socket_is_replaced_and_the_new_console_listens(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """In process: a socket file nobody listens at (a crash) is removed; the new
    console listens in its place."""
    run = Path(tempfile.mkdtemp(prefix="swrun-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    name = instance_name("L01")
    assert Path(name).parent == run
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(name)
    stale.close()  # the file stays, nobody answers
    listener = SingleConsole()
    try:
        assert claim(name, listener)
        assert listener.server.isListening()
    finally:
        listener.close()
        listener.deleteLater()
        shutil.rmtree(run, ignore_errors=True)


def test_the_name_is_per_operator_and_per_os_user(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    a = instance_name("L01", user="alice")
    assert a == instance_name("L01", user="alice")
    assert a != instance_name("L02", user="alice") != instance_name("L01", user="bob")
    assert "L01" not in Path(a).name and "alice" not in a
