"""Every window keeps Python's full collections short (console/ui.py, issue #20).

A full collection walked the whole floor in memory: 80–120 ms on the console's GUI
thread at 2,000 agents, once a minute or so (bench_console's stall figure). qt_app()
freezes what has lived through each FREEZE_EVERY_MS, so a full collection walks only
what is younger."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_windows_application_freezes_what_has_lived_long() -> None:
    # a process of its own: qt_app() makes the one QApplication of a process, and the
    # test session's already exists
    code = textwrap.dedent("""
        import gc, sys
        from PySide6.QtCore import QTimer
        import console.ui as ui
        ui.FREEZE_EVERY_MS = 100
        app = ui.qt_app(["test"])
        floor = [{"agent": i, "calls": [i, i + 1]} for i in range(100_000)]  # long-lived
        QTimer.singleShot(400, app.quit)
        app.exec()
        frozen = gc.get_freeze_count()
        # what dies later is still freed: a young cycle by the collector
        class Node: pass
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        found = gc.collect()
        print(frozen, found, len(floor))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                              "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    frozen, found, n = map(int, out.stdout.split())
    assert frozen >= 200_000 > 0  # the floor's dicts and lists among them
    assert found >= 2 and n == 100_000
