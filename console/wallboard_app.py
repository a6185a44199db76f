"""``seatwatch wallboard``: the composition root of the wall screen (issue #5).

A read-only process: floor feed (worker thread) → the board. Nobody signs in —
the wall shows what every agent on the floor may see, and nothing of a caller
(R-PRIV-1, enforced in :mod:`models.domain.wallboard`). It runs unattended for
days: full screen and frameless on the chosen monitor, no cursor, no input but
the exit shortcut (Ctrl+Shift+Q); it moves back to its monitor when a monitor
is unplugged and plugged in again or the screen geometry changes, keeps the
display awake on Windows, and restarts its feed if the feed thread ever dies.

Freshness: the board knows the floor up to the last floor-host heartbeat the
feed saw. Five seconds (the layout's ``stale_after_s``) without a newer one —
database gone, host gone, network down, the PC just woke up — and the board
shows "数据中断" with the time the data stopped, greying every number; the
next fresh read clears it.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from console.feed import FloorFeed
from console.ui import I18n
from models.domain.records import FeedStatus, FloorSnapshot
from models.domain.wallboard_layout import Layout
from views.wallboard import THEMES, WallboardView

log = logging.getLogger(__name__)

EXIT_SHORTCUT = "Ctrl+Shift+Q"
#: the floor's time zone as last seen from the floor, kept on the wall PC
ZONE_KEY = "wallboard/floor_timezone"


def first_zone(layout: Layout, settings: QSettings) -> ZoneInfo | None:
    """The clock's zone before the database answers (issue #12 item 19): the layout
    file's ``timezone``, else the floor's zone this PC last saw, else None (the PC's)."""
    for name in (layout.timezone, settings.value(ZONE_KEY)):
        if isinstance(name, str) and name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                log.warning("ignoring the unknown time zone %r", name)
    return None


def fresh_at(status: FeedStatus) -> datetime | None:
    """Up to when the floor is known: the last host heartbeat the feed has seen."""
    if not status.connected or status.last_read is None or status.heartbeat_age_s is None:
        return None
    return status.last_read - timedelta(seconds=status.heartbeat_age_s)


class _Bridge(QObject):
    snapshot = Signal(object)


class WallboardApp(QObject):
    def __init__(self, app: QApplication, engine: Engine, layout: Layout, *,
                 screen: int = 0, windowed: bool = False, feed: FloorFeed | None = None,
                 i18n: I18n | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.app = app
        self.layout = layout
        self.screen_index = screen
        self.windowed = windowed
        self.i18n = i18n or I18n(app)
        if not self.i18n.installed or self.i18n.language != layout.language:
            self.i18n.install(layout.language)
        self.feed = feed or FloorFeed(engine.url, stale_after_s=layout.stale_after_s)
        self.view = WallboardView(layout, self.feed.now, theme=THEMES[layout.theme],
                                  zone=first_zone(layout, self.settings))
        self.view.setWindowTitle(QCoreApplication.translate("Wallboard", "Wallboard"))
        self.bridge = _Bridge(self)
        self.feed.subscribe(self.bridge.snapshot.emit)
        self.bridge.snapshot.connect(self._snapshot)
        # the feed publishes on change only; freshness is read every half second
        self.fresh_timer = QTimer(self)
        self.fresh_timer.setObjectName("wallboardFreshness")
        self.fresh_timer.timeout.connect(self._check_feed)
        self.quit_shortcut = QShortcut(QKeySequence(EXIT_SHORTCUT), self.view)
        self.quit_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_shortcut.activated.connect(app.quit)
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)
        app.primaryScreenChanged.connect(self._screens_changed)
        app.aboutToQuit.connect(self.stop)
        self._watched: QScreen | None = None

    def start(self) -> None:
        self.feed.start()
        self.fresh_timer.start(500)
        if self.windowed:
            self.view.resize(1280, 720)
            self.view.show()
        else:
            self.view.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.view.setCursor(Qt.CursorShape.BlankCursor)
            self.place()
        keep_display_awake(True)

    def target_screen(self) -> QScreen:
        screens = QGuiApplication.screens()
        if 0 <= self.screen_index < len(screens):
            return screens[self.screen_index]
        log.warning("screen %d is not connected (%d screens): showing on the primary screen "
                    "until it is back", self.screen_index, len(screens))
        return QGuiApplication.primaryScreen()

    def place(self) -> None:
        """Full screen on the chosen monitor (again, after a monitor change)."""
        screen = self.target_screen()
        if self._watched is not screen:
            if self._watched is not None:
                with contextlib.suppress(RuntimeError, TypeError):
                    self._watched.geometryChanged.disconnect(self._screens_changed)
            screen.geometryChanged.connect(self._screens_changed)
            self._watched = screen
        self.view.showNormal()
        handle = self.view.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        self.view.setGeometry(screen.geometry())
        self.view.showFullScreen()
        log.info("wallboard on screen %s (%s)", screen.name(), screen.geometry())

    def _screens_changed(self, *_args: object) -> None:
        if not self.windowed:
            # let the platform settle the new arrangement first
            QTimer.singleShot(800, self.place)

    def _snapshot(self, s: FloorSnapshot) -> None:
        self.view.apply_state(s.state, fresh_at(s.status))
        zone = s.state.policy.timezone
        if self.settings.value(ZONE_KEY) != zone:  # for the next start, before the floor
            self.settings.setValue(ZONE_KEY, zone)  # answers
            self.settings.sync()

    def _check_feed(self) -> None:
        self.view.set_fresh(fresh_at(self.feed.status))
        t = self.feed._thread
        if t is not None and not t.is_alive() and not self.feed._stop.is_set():
            log.error("the floor feed thread stopped: restarting it")
            self.feed.start()

    def stop(self) -> None:
        self.fresh_timer.stop()
        self.view.tick_timer.stop()
        self.view.rotate_timer.stop()
        self.view.ticker_timer.stop()
        self.feed.stop()
        keep_display_awake(False)


def start_wallboard(engine: Engine, layout: Layout, *, screen: int = 0, windowed: bool = False,
                    feed: FloorFeed | None = None) -> WallboardApp:
    """The wall's start-up as ``seatwatch wallboard`` runs it: the application (its
    settings, icon, crash dialog), the layout's language and theme, the feed, the
    window on its monitor. The benchmark starts the wall through this too (issue #20),
    so a setting made only here cannot be missing from the figures."""
    from console.ui import qt_app

    # no QT_MAX_CACHED_GLYPH_SIZE here (issue #12 item 1): with it raised, Qt draws no
    # glyph over 64 px at all, and the wall lost every big number (test_wallboard_live)
    app = qt_app()  # the GIL's switch interval is set there (issue #20)
    board = WallboardApp(app, engine, layout, screen=screen, windowed=windowed, feed=feed)
    board.start()
    return board


def keep_display_awake(on: bool) -> None:
    """Windows: no screen saver or display sleep while the board runs."""
    if sys.platform != "win32":
        return
    import ctypes

    es_continuous, es_system, es_display = 0x80000000, 0x00000001, 0x00000002
    flags = es_continuous | (es_system | es_display if on else 0)
    try:
        ctypes.windll.kernel32.SetThreadExecutionState(flags)
    except OSError:
        log.warning("cannot keep the display awake", exc_info=True)
