"""Issue #15: sound is optional. On a Linux PC without libpulse Qt Multimedia cannot
be imported; the console, the wall and ``seatwatch screenshot`` still work, the
console is silent and the log says so once."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from models.db import engine as dbengine
from models.db import store
from models.domain.types import FloorEvent
from tests.helpers import logged_text

ROOT = Path(__file__).resolve().parent.parent

#: run in a fresh interpreter, where Qt Multimedia "cannot be loaded" before anything
#: imports it (None in sys.modules makes every import of it raise ImportError)
SCRIPT = r'''
import sys
sys.modules["PySide6.QtMultimedia"] = None  # as on a PC without libpulse

from pathlib import Path

from console.cli import main

url, out = sys.argv[1], Path(sys.argv[2])
for view in ("console", "wallboard"):
    assert main(["screenshot", view, "--db", url, "--out", str(out / f"{view}.png"),
                 "--size", "1280x720"]) == 0, view

from PySide6.QtWidgets import QApplication

from console.app import ConsoleApp
from console.feed import FloorFeed
from models.db import engine as dbengine
from models.domain.alerts import Severity
from models.domain.roles import Operator, Role
from console.wallboard_app import WallboardApp
from models.domain.wallboard_layout import Layout

app = QApplication.instance()
eng = dbengine.make_engine(url)
leader = Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER}))
for _ in range(2):  # two console windows in one process: still one log line
    ca = ConsoleApp(app, eng, operator=leader, language="en",
                    feed=FloorFeed(url, poll_s=0.1))
    ca.start()
    app.processEvents()
    w = ca.window
    assert w.isVisible()
    assert not w.announcer.enabled and not w.announcer.available
    assert not w.sounds_action.isEnabled() and not w.sounds_action.isChecked()
    assert w.sounds_action.toolTip() == "This computer cannot play sounds"
    w.sounds_action.setChecked(True)  # asking for sound changes nothing
    assert not w.sounds_action.isChecked()
    w.announcer.play(Severity.CRITICAL)  # silent, no error
    ca.shutting_down.emit()
    w.close()
wall = WallboardApp(app, eng, Layout(), windowed=True, feed=FloorFeed(url, poll_s=0.1))
wall.start()
app.processEvents()
assert wall.view.isVisible()
wall.stop()
eng.dispose()
print("console and wall ran without Qt Multimedia")
'''


def test_without_qt_multimedia_the_console_the_wall_and_screenshots_run_silent(
        sqlite_url: str, tmp_path: Path) -> None:
    eng = dbengine.make_engine(sqlite_url)
    store.FloorWriter(eng, "test").append([FloorEvent("floor_setup", datetime.now(UTC), {
        "groups": [{"id": "G1", "name": "一班"}], "queues": [{"id": "Q1", "name": "12345热线"}],
        "agents": [{"id": "1001", "name": "张三", "group": "G1"}]})])
    eng.dispose()
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", SCRIPT, sqlite_url, str(tmp_path)],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=180)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "console and wall ran without Qt Multimedia" in r.stdout
    for view in ("console", "wallboard"):
        assert (tmp_path / f"{view}.png").stat().st_size > 5_000
    logged = logged_text()
    off = [line for line in logged.splitlines() if "alert sounds are off" in line]
    assert len(off) == 1, logged[-3000:]
    assert "Qt Multimedia cannot be loaded" in off[0]
