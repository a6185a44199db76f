"""The GUI composition root: builds the services in order and wires them to the window.

``QApplication`` → translations and theme → floor feed (worker thread, bridged
to the GUI thread by a signal) → background ops (database work never runs on the
GUI thread) → main window. One ``shutting_down`` signal stops them all.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QObject,
    QRunnable,
    QSettings,
    QThreadPool,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine, select

from console.feed import FloorFeed, FloorSnapshot
from console.host import submit_command
from models.db import store
from models.db.schema import AgentCurrentRow, AgentIntervalRow, CallRecordRow, TicketRow, utc
from models.domain.commands import SupervisorCommand
from models.domain.types import AgentState
from views import theme as themes
from views.main_window import AgentDay, MainWindow, Snapshot

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")


def translations_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("resources").joinpath("translations")))


class I18n:
    """Installs the app's and Qt's own translators; Chinese is the default (brief)."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self._installed: list[QTranslator] = []
        self.language = "zh_CN"

    def install(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r} (zh_CN or en)")
        for t in self._installed:
            self.app.removeTranslator(t)
        self._installed = []
        self.language = lang
        if lang == "en":  # the source strings are English
            return
        ours = QTranslator(self.app)
        path = translations_dir() / f"seatwatch_{lang}.qm"
        if not ours.load(str(path)):
            log.error("translation file %s missing: texts stay English", path)
        else:
            self.app.installTranslator(ours)
            self._installed.append(ours)
        qt = QTranslator(self.app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self.app.installTranslator(qt)
            self._installed.append(qt)


class Ops(QObject):
    """Background operations: run off the GUI thread, answer on it.

    The op never touches a widget; its result goes to ``on_done`` on the GUI
    thread. A failure is logged and handed to ``on_error`` if given.
    """

    _finished = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._finished.connect(self._deliver)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None] | None = None) -> None:
        def work() -> None:
            try:
                result = fn()
            except Exception as e:  # known faults become banners; bugs are logged
                log.exception("background operation failed")
                self._finished.emit(on_error, e)
                return
            self._finished.emit(on_done, result)

        self.pool.start(QRunnable.create(work))

    def _deliver(self, fn: Callable[[Any], None] | None, value: Any) -> None:
        if fn is not None:
            fn(value)

    def shutdown(self) -> None:
        self.pool.waitForDone(5000)


class FeedBridge(QObject):
    """Hands feed snapshots (worker thread) to the GUI thread as a queued signal."""

    snapshot = Signal(object)

    def __init__(self, feed: FloorFeed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.feed = feed
        feed.subscribe(self.snapshot.emit)


def to_view(s: FloorSnapshot) -> Snapshot:
    return Snapshot(state=s.state, stale=s.status.stale, stale_since=s.status.stale_since,
                    reason=s.status.reason, events=s.events, changed_agents=s.changed_agents,
                    read_at=s.status.last_read)


class ConsoleBackend:
    """What the window may ask of the outside world; every call is asynchronous."""

    def __init__(self, engine: Engine, ops: Ops, operator_id: str, operator_name: str,
                 now: Callable[[], datetime]) -> None:
        self.engine = engine
        self.ops = ops
        self.operator_id = operator_id
        self.operator_name = operator_name
        self.now = now
        self.errors: list[str] = []

    def submit(self, cmd: SupervisorCommand) -> None:
        self.ops.run(lambda: submit_command(self.engine, cmd, self.now()), lambda _r: None,
                     lambda e: self.errors.append(str(e)))

    def load_agent_day(self, agent: str, on_done: Callable[[AgentDay], None]) -> None:
        self.ops.run(lambda: agent_day(self.engine, agent, self.now()), on_done)


def agent_day(engine: Engine, agent: str, now: datetime) -> AgentDay:
    """Today's intervals, calls and tickets of one agent (floor-local day)."""
    with engine.connect() as conn:
        state = store.start_state(conn)
        day = state.policy.day_period(now)
        rows = conn.execute(select(AgentIntervalRow.start, AgentIntervalRow.end,
                                   AgentIntervalRow.state)
                            .where(AgentIntervalRow.agent_id == agent,
                                   AgentIntervalRow.end > day.start)
                            .order_by(AgentIntervalRow.start)).all()
        calls = conn.execute(select(CallRecordRow).where(
            CallRecordRow.agent_id == agent, CallRecordRow.queued_at >= day.start)
            .order_by(CallRecordRow.queued_at)).all()
        tickets = conn.execute(select(TicketRow.id, TicketRow.category, TicketRow.title,
                                      TicketRow.urgent, TicketRow.created_at)
                               .where(TicketRow.agent_id == agent,
                                      TicketRow.created_at >= day.start)
                               .order_by(TicketRow.created_at)).all()
        cur = conn.execute(select(AgentCurrentRow.state, AgentCurrentRow.since)
                           .where(AgentCurrentRow.agent_id == agent)).first()
    segs = [(max(utc(a) or a, day.start), utc(b) or b, AgentState(s)) for a, b, s in rows]
    if cur is not None and cur.since is not None:
        segs.append((max(utc(cur.since) or cur.since, day.start), now, AgentState(cur.state)))
    # the bar spans from the first state of the day (e.g. the login) to now
    start = segs[0][0] if segs else day.start
    return AgentDay(agent=agent, start=start, end=min(day.end, now + timedelta(minutes=1)),
                    segments=segs, calls=[store.record_from_row(r) for r in calls],
                    tickets=[(t.id, t.category, t.title, t.urgent, utc(t.created_at) or now)
                             for t in tickets])


class ConsoleApp(QObject):
    """Owns the feed, the ops and the window of one console process."""

    shutting_down = Signal()

    def __init__(self, app: QApplication, engine: Engine, *, operator_id: str,
                 operator_name: str, settings: QSettings | None = None,
                 language: str | None = None, theme_name: str | None = None,
                 feed: FloorFeed | None = None) -> None:
        super().__init__()
        self.app = app
        self.engine = engine
        self.settings = settings or QSettings()
        self.i18n = I18n(app)
        lang = language or str(self.settings.value("ui/language", "zh_CN"))
        self.i18n.install(lang if lang in LANGUAGES else "zh_CN")
        tname = theme_name or str(self.settings.value("ui/theme", "light"))
        self.theme = themes.THEMES.get(tname, themes.LIGHT)
        themes.apply(app, self.theme)
        self.feed = feed or FloorFeed(engine.url)
        self.ops = Ops(self)
        self.backend = ConsoleBackend(engine, self.ops, operator_id, operator_name,
                                      self.feed.now)
        self.window = MainWindow(self.backend, self.theme, self.feed.now, self.settings)
        self.window.lang_actions[self.i18n.language].setChecked(True)
        self.window.theme_actions[self.theme.name].setChecked(True)
        self.window.language_requested.connect(self.set_language)
        self.window.theme_requested.connect(self.set_theme)
        self.bridge = FeedBridge(self.feed, self)
        self.bridge.snapshot.connect(lambda s: self.window.apply_snapshot(to_view(s)))
        self.shutting_down.connect(self._stop)
        app.aboutToQuit.connect(self.shutting_down.emit)

    def start(self) -> None:
        self.feed.start()
        self.window.show()

    def set_language(self, lang: str) -> None:
        self.i18n.install(lang)
        self.settings.setValue("ui/language", lang)

    def set_theme(self, name: str) -> None:
        self.settings.setValue("ui/theme", name)
        self.theme = themes.THEMES[name]
        themes.apply(self.app, self.theme)
        self.window.theme = self.theme
        self.window.agents.theme = self.theme
        self.window.queues.theme = self.theme
        if self.window.snapshot is not None:
            self.window.apply_snapshot(self.window.snapshot)

    def _stop(self) -> None:
        self.feed.stop()
        self.ops.shutdown()


def qt_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    app.setOrganizationName("Seatwatch")
    app.setApplicationName("Seatwatch")
    return app

