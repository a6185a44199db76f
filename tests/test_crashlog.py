"""Desktop details of issue #19: ``--version``, the crash handler and its one dialog,
faulthandler's native-crash file, and a log file per process, pruned."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from console import cli, crashlog
from models.db import engine as dbengine
from views.kit.crash import CrashDialog

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's hooks and faulthandler as pytest had them, after each test."""
    import faulthandler

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    h = crashlog.installed()
    if h is not None:
        h.close()
    root = logging.getLogger()
    for fh in list(root.handlers):
        if getattr(fh, "_seatwatch", False):
            root.removeHandler(fh)
            fh.close()
    faulthandler.enable()  # back to stderr, as pytest's own faulthandler has it


def _env(tmp: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp / "data"),
                XDG_CONFIG_HOME=str(tmp / "config"), QT_QPA_PLATFORM="offscreen")


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_prints_the_package_version_without_a_database(flag: str, tmp_path: Path
                                                               ) -> None:
    from importlib.metadata import version

    r = subprocess.run([sys.executable, "-m", "console.cli", flag], capture_output=True,
                       text=True, env=_env(tmp_path), cwd=tmp_path, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"seatwatch {version('seatwatch')}"
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.sqlite*"))


def test_an_uncaught_exception_is_logged_and_shows_one_dialog(
        qtbot: QtBot, hooks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    path = cli.setup_logging(False, "console")
    h = crashlog.install("console", path, path.parent)
    crashlog.attach_gui(QApplication.instance())
    shown: list[CrashDialog] = []

    def exec_(dlg: CrashDialog) -> int:
        shown.append(dlg)
        # a second bug while the dialog is open (a timer's slot failing again)
        try:
            raise ValueError("second")
        except ValueError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
        return 0

    monkeypatch.setattr(CrashDialog, "exec", exec_)
    try:
        raise KeyError("first bug")
    except KeyError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown) == 1
    dlg = shown[0]
    assert "KeyError" not in dlg.text() and "Traceback" not in dlg.text()  # no raw code
    assert "KeyError" in dlg.detailedText()
    assert str(path) in dlg.informativeText()
    assert "Traceback" in dlg.detailedText() and "first bug" in dlg.detailedText()
    text = path.read_text(encoding="utf-8")
    assert "Traceback" in text and "first bug" in text and "second" in text
    assert h.reporter is not None
    # the dialog closed: the next bug gets its own
    try:
        raise RuntimeError("third")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown) == 2


def test_a_worker_thread_exception_is_logged_and_reaches_the_gui_thread(
        qtbot: QtBot, hooks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    path = cli.setup_logging(False, "wallboard")
    crashlog.install("wallboard", path, path.parent)
    crashlog.attach_gui(QApplication.instance())
    shown: list[tuple[str, bool]] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda d: shown.append(
        (d.detailedText(), threading.current_thread() is threading.main_thread())) or 0)

    def work() -> None:
        raise ZeroDivisionError("in the feed")

    t = threading.Thread(target=work, name="floor-feed")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "ZeroDivisionError" in shown[0][0] and shown[0][1]  # shown on the GUI thread
    text = path.read_text(encoding="utf-8")
    assert "floor-feed" in text and "in the feed" in text and "Traceback" in text


def test_a_headless_worker_crash_is_logged_and_one_line(
        hooks: None, capsys: pytest.CaptureFixture[str]) -> None:
    path = cli.setup_logging(False, "service")
    crashlog.install("service", path, path.parent)
    t = threading.Thread(target=lambda: 1 / 0, name="floor-lease")
    t.start()
    t.join()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "ZeroDivisionError" in err[0] and str(path) in err[0]
    assert "Traceback" in path.read_text(encoding="utf-8")


NATIVE = r'''
import faulthandler, sys
from console import cli
rc = cli.main(["policy", "validate", sys.argv[1]])
print("validated", rc, flush=True)
faulthandler._sigsegv()
'''


def test_a_native_crash_is_written_to_the_logs_folder(tmp_path: Path) -> None:
    policy = tmp_path / "p.toml"
    policy.write_text("[limits]\nhold_s = 30\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", NATIVE, str(policy)], capture_output=True,
                       text=True, env=_env(tmp_path), cwd=tmp_path, timeout=120)
    assert "validated" in r.stdout and r.returncode != 0, (r.stdout, r.stderr)
    logs = tmp_path / "data" / "Seatwatch" / "logs"
    native = list(logs.glob("cli-*-native.txt"))
    assert len(native) == 1, list(logs.iterdir())
    text = native[0].read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text and "most recent call first" in text


def test_two_processes_write_two_log_files(tmp_path: Path) -> None:
    code = "from console import cli; import sys; sys.exit(cli.main(['policy', 'show']))"
    for _ in range(2):
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=_env(tmp_path), cwd=tmp_path, timeout=120)
    logs = sorted((tmp_path / "data" / "Seatwatch" / "logs").glob("cli-*.log"))
    assert len(logs) == 2 and logs[0].name != logs[1].name


def test_old_log_files_are_pruned(hooks: None) -> None:
    logs = dbengine.data_dir() / "logs"
    logs.mkdir(parents=True)
    old = []
    for i in range(crashlog.KEEP_FILES + 10):
        p = logs / f"console-{5_000_000 + i}.log"  # no such pids: not running
        p.write_text("x\n", encoding="utf-8")
        t = time.time() - 86400 * 10 + i * 60
        os.utime(p, (t, t))
        old.append(p)
    keep_me = logs / "notes.txt"  # not a log: left alone
    keep_me.write_text("mine", encoding="utf-8")
    path = cli.setup_logging(False, "console")
    left = [p for p in logs.iterdir() if crashlog._ours(p)]
    assert len(left) <= crashlog.KEEP_FILES and path in left
    assert not old[0].exists() and old[-1].exists()  # the oldest go, the newest stay
    assert keep_me.exists()


def test_a_running_processs_log_is_not_pruned(hooks: None) -> None:
    """A quiet wall's log may be among the oldest; on Linux deleting it would lose what
    the wall logs from then on."""
    logs = dbengine.data_dir() / "logs"
    logs.mkdir(parents=True)
    wall = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                            stdin=subprocess.PIPE)
    try:
        running = logs / f"wallboard-{wall.pid}.log"
        running.write_text("quiet\n", encoding="utf-8")
        os.utime(running, (1, 1))  # the oldest of all
        for i in range(crashlog.KEEP_FILES + 5):
            (logs / f"cli-{5_000_000 + i}.log").write_text("x\n", encoding="utf-8")
        cli.setup_logging(False, "console")
        assert running.exists()
        assert len([p for p in logs.iterdir() if crashlog._ours(p)]) <= crashlog.KEEP_FILES + 1
    finally:
        assert wall.stdin is not None
        wall.stdin.close()
        wall.wait(30)


def test_the_native_crash_file_is_open_while_the_program_runs(hooks: None) -> None:
    path = cli.setup_logging(False, "director")
    h = crashlog.install("director", path, path.parent)
    native = path.parent / crashlog.native_name("director")
    assert native.exists() and h.native is not None
    h.close()  # a normal exit: the empty file goes, no clutter
    assert not native.exists()
