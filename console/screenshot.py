"""``seatwatch screenshot VIEW``: render a view from the database as it is.

For documentation and for checking a floor PC remotely. Works offscreen
(``QT_QPA_PLATFORM=offscreen``) and in a real window (under Xvfb on a server).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from console.alerts_backend import AlertsBackend
from console.app import ConsoleBackend, I18n, Ops
from models.db import store
from models.domain.floor import FloorState
from models.domain.roles import Operator, Role
from models.domain.wallboard_layout import Layout
from views import theme as themes
from views.main_window import MainWindow, Snapshot

#: console: the floor; alerts: the same window with the alerts panel raised and its
#: most urgent alert selected (issue #4)
VIEWS = ("console", "alerts", "wallboard")


def render(view: str, engine: Engine, out: Path, *, size: tuple[int, int], lang: str,
           theme: str | None, select: str | None = None, settings_path: Path | None = None,
           page: str = "overview", part: int = 0, layout: Layout | None = None) -> Path:
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r} (available: {', '.join(VIEWS)})")
    app = QApplication.instance() or QApplication(["seatwatch-screenshot"])
    assert isinstance(app, QApplication)
    i18n = I18n(app)
    i18n.install(lang)
    try:
        return _render(view, app, engine, out, size=size, theme=theme, select=select,
                       settings_path=settings_path, page=page, part=part, layout=layout)
    finally:
        i18n.install("en")  # the translator goes with the screenshot (tests share the app)


def _render(view: str, app: QApplication, engine: Engine, out: Path, *,
            size: tuple[int, int], theme: str | None, select: str | None,
            settings_path: Path | None, page: str, part: int, layout: Layout | None) -> Path:
    with engine.connect() as conn:
        virtual = store.get_meta(conn, "virtual_now")
        state = store.current_state(conn)
        age, server_now = store.heartbeat_age(conn)
    now = datetime.fromisoformat(virtual) if virtual else server_now
    if view == "wallboard":
        beat = None if age is None else server_now - timedelta(seconds=age)
        return _render_wallboard(app, state, now, virtual is not None or beat, out, size=size,
                                 theme=theme, page=page, part=part, layout=layout)
    th = themes.THEMES[theme or "light"]
    themes.apply(app, th)
    stale = virtual is None and (age is None or age > 3.0)
    reason = "" if not stale else ("没有值守主机 / no floor host has started" if age is None
                                   else f"值守主机心跳中断 / floor host silent for {age:.0f} s")
    settings = QSettings(str(settings_path or out.with_suffix(".ini")),
                         QSettings.Format.IniFormat)
    ops = Ops()
    # rendered as a shift leader sees it (toolbar and controls); it submits nothing
    viewer = Operator("SCREEN", "截图", frozenset({Role.SHIFT_LEADER}))
    backend = ConsoleBackend(engine, ops, viewer, lambda: now)
    alerts = AlertsBackend(engine, ops, lambda: viewer.id, lambda: now, workstation="screenshot")
    win = MainWindow(backend, th, lambda: now, settings, alerts=alerts, sounds=False)
    win.tick_timer.stop()
    win.resize(*size)
    if view == "alerts":
        win.alerts_dock.show()
        win.resizeDocks([win.alerts_dock], [max(260, size[1] // 3)], Qt.Orientation.Vertical)
    win.apply_snapshot(Snapshot(state=state, stale=stale,
                                stale_since=now if stale else None, reason=reason,
                                events=(), changed_agents=None, read_at=now))
    win.show()
    if select:
        win.select_agent(select)
    if view == "alerts":
        first = win.alerts_panel.active.alert_at(0)
        if first is not None:
            win.alerts_panel.select_alert(first.id)
    # let the agent's day (a background op) arrive and the layout settle
    deadline = datetime.now(UTC).timestamp() + 5
    while ops.busy() and datetime.now(UTC).timestamp() < deadline:
        app.processEvents()
    for _ in range(5):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not win.grab().save(str(out)):
        raise OSError(f"cannot write {out}")
    win.close()
    ops.shutdown()
    settings_file = Path(settings.fileName())
    if settings_path is None and settings_file.exists():
        settings_file.unlink()
    return out


def _render_wallboard(app: QApplication, state: FloorState, now: datetime,
                      fresh: datetime | bool | None, out: Path, *, size: tuple[int, int],
                      theme: str | None, page: str, part: int, layout: Layout | None) -> Path:
    """One page of the wall screen as the floor is now (a replay's virtual time counts
    as live; otherwise the board is stale when the floor host's heartbeat is old)."""
    from views.wallboard import THEMES, WallboardView

    lay = layout or Layout()
    view = WallboardView(lay.with_pin(page), lambda: now,
                         theme=THEMES[theme or lay.theme], animate=False)
    view.resize(*size)
    view.apply_state(state, now if fresh is True else (fresh or None))
    view.show()
    for _ in range(3):
        app.processEvents()
    view.render_page(page, part)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not view.grab().save(str(out)):
        raise OSError(f"cannot write {out}")
    view.close()
    return out
