"""A real ``seatwatch console`` process whose sign-in dialog a test answers
(issue #19, one console per operator per PC)::

    SW_TEST_PASSWORD=… python -m tests.console_driver console --db URL --operator L01

Everything else is the program as people start it. The driver prints on stdout
``SHOWN`` once the console's window is up (and minimizes it, as a leader who went to
another program would have), and ``FORWARD minimized=<0|1> active=<0|1>`` after
the window was brought forward.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import console.app as console_app
from console.cli import main
from console.ui import qt_app
from views.main_window import MainWindow
from views.signin import SignInDialog


def _say(text: str) -> None:
    print(text, flush=True)


def run(argv: list[str]) -> int:
    password = os.environ["SW_TEST_PASSWORD"]
    app = qt_app()
    seen: set[object] = set()

    def tick() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, SignInDialog) and w.isVisible() and id(w) not in seen:
                seen.add(id(w))
                w.password.setText(password)
                w.submit()
            elif isinstance(w, MainWindow) and w.isVisible() and "main" not in seen \
                    and not w.isMinimized():
                seen.add("main")
                w.showMinimized()
                _say("SHOWN")

    timer = QTimer(app)
    timer.timeout.connect(tick)
    timer.start(50)

    original = console_app.ConsoleApp.bring_forward

    def bring_forward(self: console_app.ConsoleApp) -> None:
        original(self)
        w = self.window
        QTimer.singleShot(200, lambda: _say(
            f"FORWARD minimized={int(w.isMinimized())} active={int(w.isActiveWindow())}"))

    console_app.ConsoleApp.bring_forward = bring_forward  # type: ignore[method-assign]
    return main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
