"""The telephony link in the floor log and its banners (issue #14, "Resync").

The floor host writes ``telephony_link`` up/down events; the reducer keeps since
when the link is down; the console, the alerts panel and every page of the wall
show "话务平台连接中断" as a banner of its own, distinct from the database-stale
one, and ``seatwatch screenshot`` renders it from the database's floor.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from models.db import engine as dbengine
from models.db import store
from models.domain import codec
from models.domain.floor import FloorState, IllegalEvent, apply, apply_all, initial_state
from models.domain.roles import Role
from models.domain.types import AgentState, FloorEvent
from views.main_window import MainWindow, Snapshot
from views.theme import DARK, LIGHT

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 Asia/Shanghai


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


def link(t: float, up: Any, **data: Any) -> FloorEvent:
    return ev(t, "telephony_link", up=up, source=data.pop("source", "ami"),
              host=data.pop("host", "127.0.0.1:5038"), note=data.pop("note", ""), **data)


def setup(t: float = 0, *, replace_: bool = False) -> FloorEvent:
    return ev(t, "floor_setup", groups=[{"id": "G1", "name": "一班"}],
              queues=[{"id": "Q1", "name": "咨询"}],
              agents=[{"id": "8001", "name": "张三", "group": "G1"},
                      {"id": "8002", "name": "李四", "group": "G1"}],
              replace=replace_)


def busy() -> FloorState:
    return apply_all(initial_state(), [
        setup(),
        ev(1, "agent_state", agent="8001", state="ready"),
        ev(2, "call_queued", call="C1", queue="Q1", caller="13800138000"),
        ev(3, "call_answered", call="C1", agent="8001"),
        ev(4, "call_queued", call="C2", queue="Q1")])


# ---- the reducer ------------------------------------------------------------------------


def test_down_sets_since_and_up_clears_it() -> None:
    s = busy()
    assert s.telephony_down_since is None and s.telephony_source == ""
    down = apply(s, link(10, False, note="connection refused"))
    assert down.telephony_down_since == T0 + timedelta(seconds=10)
    assert down.telephony_source == "ami"
    up = apply(down, link(30, True))
    assert up.telephony_down_since is None and up.telephony_source == "ami"


def test_a_second_down_keeps_the_first_since() -> None:
    """Reconnect attempts that fail again do not move the outage's start."""
    s = apply_all(busy(), [link(10, False), link(15, False, note="retry 1"),
                           link(25, False, note="retry 2")])
    assert s.telephony_down_since == T0 + timedelta(seconds=10)
    s = apply_all(s, [link(40, True), link(50, False)])
    assert s.telephony_down_since == T0 + timedelta(seconds=50)  # a new outage


@pytest.mark.parametrize("up", [None, "false", 0, 1, "true", [], {}])
def test_an_up_that_is_not_a_boolean_is_refused_naming_the_field(up: Any) -> None:
    s = busy()
    data: dict[str, Any] = {"source": "ami"}
    if up is not None:
        data["up"] = up
    with pytest.raises(IllegalEvent, match=r"telephony_link\.up"):
        apply(s, ev(10, "telephony_link", **data))


def test_text_fields_must_be_text() -> None:
    with pytest.raises(IllegalEvent, match=r"telephony_link\.host"):
        apply(busy(), ev(10, "telephony_link", up=False, source="ami", host=5038))


def test_the_link_changes_nothing_else_and_a_new_source_leaves_it_alone() -> None:
    """The outage is a fact about the link: agents, calls and counters are the
    resync's to correct (its own events); a floor_setup of a restarted source
    (replace) neither clears nor sets it."""
    s = busy()
    down = apply(s, link(10, False))
    assert replace(down, telephony_down_since=None, telephony_source="", at=s.at,
                   last_event_id=s.last_event_id) == s
    assert down.calls == s.calls and down.status == s.status and down.kpi == s.kpi
    again = apply(down, setup(20, replace_=True))
    assert again.telephony_down_since == T0 + timedelta(seconds=10)
    assert again.telephony_source == "ami"
    assert again.status["8001"].state is AgentState.TALKING


def test_the_link_state_round_trips_through_a_checkpoint_and_an_old_one_loads() -> None:
    s = apply(busy(), link(10, False))
    back = codec.state_from_dict(codec.state_to_dict(s))
    assert back == s and back.telephony_down_since == s.telephony_down_since
    old = codec.state_to_dict(busy())
    del old["telephony"]  # a checkpoint written before issue #14
    loaded = codec.state_from_dict(old)
    assert loaded.telephony_down_since is None and loaded.telephony_source == ""


def test_the_link_state_survives_a_database_checkpoint(db_url: str) -> None:
    eng = dbengine.make_engine(db_url)
    try:
        w = store.FloorWriter(eng, "test")
        w.append([setup(), link(10, False, note="connection refused")],
                 force_checkpoint=True)
        with eng.connect() as c:
            cp = store.latest_checkpoint(c)
            assert cp is not None
            assert cp[0].telephony_down_since == T0 + timedelta(seconds=10)
            assert cp[0].telephony_source == "ami"
        w.append([link(30, True)])
        with eng.connect() as c:
            assert store.current_state(c).telephony_down_since is None
    finally:
        eng.dispose()


def write_floor(url: str) -> None:
    """A floor in the database: agents, a waiting call, the link never reported."""
    eng = dbengine.make_engine(url)
    try:
        now = datetime.now(UTC) - timedelta(seconds=60)
        store.FloorWriter(eng, "test").append(
            [FloorEvent(e.type, now, e.data) for e in (
                setup(), ev(1, "agent_state", agent="8001", state="ready"),
                ev(2, "call_queued", call="C1", queue="Q1"))])
    finally:
        eng.dispose()


def live_host(url: str) -> None:
    """A floor host beating now: the pictures are of a live floor (no stale overlay)."""
    eng = dbengine.make_engine(url)
    try:
        store.beat(eng, "test-host", "pc", 1, datetime.now(UTC) - timedelta(minutes=5))
    finally:
        eng.dispose()


def link_goes_down(url: str) -> None:
    eng = dbengine.make_engine(url)
    try:
        store.FloorWriter(eng, "test").append([FloorEvent(
            "telephony_link", datetime.now(UTC) - timedelta(seconds=30),
            {"up": False, "source": "ami", "host": "pbx1:5038", "note": "connection refused"})])
    finally:
        eng.dispose()


# ---- the console ------------------------------------------------------------------------


class _Viewer:
    """A shift leader's window fed by hand: nothing is submitted or loaded."""

    operator_id = "L01"
    operator_name = "张班长"
    operator_roles = frozenset({Role.SHIFT_LEADER})

    def submit(self, cmd: Any, on_failed: Any = None, supersedes: Any = ()) -> None:
        raise AssertionError("nothing is submitted here")

    def load_agent_day(self, agent: str, on_done: Any) -> None:
        pass


def view_snap(state: FloorState, *, stale: bool = False) -> Snapshot:
    return Snapshot(state=state, stale=stale, stale_since=state.at if stale else None,
                    reason="database unreachable" if stale else "", events=(),
                    changed_agents=None, read_at=state.at)


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    w = MainWindow(_Viewer(), LIGHT, lambda: T0 + timedelta(minutes=1),
                   QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat), sounds=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


LINK_TEXT = ("Telephony link down since 09:00:10. Alerts that depend on live telephony "
             "state may be incomplete.")


def test_the_console_shows_the_link_banner_while_the_link_is_down(console: MainWindow) -> None:
    w = console
    w.apply_snapshot(view_snap(busy()))
    assert not w.link_banner.isVisible() and not w.alerts_panel.link_note.isVisible()
    down = apply(busy(), link(10, False))
    w.apply_snapshot(view_snap(down))
    # the floor's time (Asia/Shanghai), not UTC: 01:00:10Z is 09:00:10 on the floor
    assert w.link_banner.isVisible() and w.link_banner.text() == LINK_TEXT
    assert not w.banner.isVisible()  # the database is live: that banner stays away
    assert w.alerts_panel.link_note.isVisible()
    assert "may be incomplete" in w.alerts_panel.link_note.text()
    # a second "down" (a failed reconnect) keeps the outage's start
    w.apply_snapshot(view_snap(apply(down, link(20, False))))
    assert w.link_banner.text() == LINK_TEXT
    w.apply_snapshot(view_snap(apply(down, link(40, True))))
    assert not w.link_banner.isVisible() and not w.alerts_panel.link_note.isVisible()


def test_both_banners_show_at_once_each_in_its_own_colour(console: MainWindow) -> None:
    w = console
    w.apply_snapshot(view_snap(apply(busy(), link(10, False)), stale=True))
    assert w.banner.isVisible() and w.link_banner.isVisible()
    assert "database unreachable" in w.banner.text()
    assert w.link_banner.text() == LINK_TEXT
    assert w.banner.geometry().bottom() < w.link_banner.geometry().top()  # one below the other
    assert LIGHT.link_bg.name() in w.link_banner.styleSheet()
    assert LIGHT.link_bg != LIGHT.banner_bg and DARK.link_bg != DARK.banner_bg
    w.set_theme(DARK)
    assert DARK.link_bg.name() in w.link_banner.styleSheet()
    assert DARK.link_bg.name() in w.alerts_panel.link_note.styleSheet()


def test_the_link_banner_fits_a_1366_screen(console: MainWindow, qtbot: QtBot) -> None:
    """At 1366×768 the banner wraps rather than being cut or widening the window."""
    w = console
    w.apply_snapshot(view_snap(apply(busy(), link(10, False)), stale=True))
    qtbot.waitUntil(lambda: w.link_banner.height() > 0)
    b = w.link_banner
    assert w.width() <= 1366
    fm = b.fontMetrics()
    lines = max(1, -(-fm.horizontalAdvance(b.text()) // max(1, b.contentsRect().width() - 12)))
    assert b.contentsRect().height() >= lines * fm.height()


# ---- the wall ---------------------------------------------------------------------------


def wall_floor(*, down: bool) -> FloorState:
    """The wall tests' busy floor (every page has something), the link up or down."""
    from tests.test_wallboard import T0 as WALL_T0
    from tests.test_wallboard import busy_floor

    s = busy_floor()
    if down:
        s = apply(s, FloorEvent("telephony_link", WALL_T0 + timedelta(seconds=70),
                                {"up": False, "source": "ami", "host": "pbx1", "note": ""}))
    return s


def _overlaps(drawn: list[Any]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            inter = a.rect.intersected(b.rect)
            if inter.width() > 1 and inter.height() > 1:
                out.append((a.text, b.text))
    return out


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160), (1366, 768)])
def test_every_wall_page_carries_the_link_band_readable_and_uncut(
        qtbot: QtBot, lang: str, size: tuple[int, int]) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QApplication

    from console.ui import I18n
    from models.domain.wallboard_layout import PAGES, Layout
    from tests.helpers import Clock
    from tests.test_wallboard import T0 as WALL_T0
    from views.wallboard import WallboardView

    app = QApplication.instance()
    assert app is not None
    i18n = I18n(app)  # type: ignore[arg-type]
    i18n.install(lang)
    try:
        now = WALL_T0 + timedelta(seconds=90)
        v = WallboardView(Layout(), Clock(now), animate=False)
        qtbot.addWidget(v)
        v.resize(*size)
        v.apply_state(wall_floor(down=True), now)
        for page in PAGES:
            v.render_page(page)
            titles = [d for d in v.drawn if d.role == "link.title"]
            assert len(titles) == 1, page
            assert titles[0].text.endswith("08:01:10") or "08:01:10" in titles[0].text
            assert [d for d in v.drawn if d.role == "link.note"], page
            assert not v.overflow, f"{page}: cut off: {v.overflow}"
            assert not _overlaps(v.drawn), f"{page}: {_overlaps(v.drawn)}"
            inside = QRectF(0, 0, *size).adjusted(-1, -1, 1, 1)
            assert all(inside.contains(d.rect) for d in v.drawn), page
            # read from 8 m: the title as large as the header's own title, or larger
            head = [d for d in v.drawn if d.role == "title"][0]
            assert titles[0].px >= head.px, (page, titles[0].px, head.px)
            assert titles[0].px >= int(0.05 * size[1])
        v.apply_state(wall_floor(down=False), now)  # the link is back: no band
        for page in PAGES:
            v.render_page(page)
            assert not [d for d in v.drawn if d.role.startswith("link.")], page
    finally:
        i18n.install("en")


def test_the_wall_band_is_distinct_from_the_stale_overlay(qtbot: QtBot) -> None:
    from models.domain.wallboard_layout import Layout
    from tests.helpers import Clock
    from tests.test_wallboard import T0 as WALL_T0
    from views.wallboard import DARK as WALL_DARK
    from views.wallboard import WallboardView

    now = WALL_T0 + timedelta(seconds=90)
    clock = Clock(now)
    v = WallboardView(Layout(language="en"), clock, animate=False)
    qtbot.addWidget(v)
    v.resize(1920, 1080)
    v.apply_state(wall_floor(down=True), now)
    v.render_page("overview")
    t = [d for d in v.drawn if d.role == "link.title"][0]
    assert t.text == "Telephony link down since 08:01:10"
    assert [d.text for d in v.drawn if d.role == "link.note"] == [
        "Alerts that depend on live telephony state may be incomplete."]
    assert not [d for d in v.drawn if d.role == "stale.title"]  # the database is live
    assert WALL_DARK.link_bg != WALL_DARK.red
    clock.t = now + timedelta(seconds=30)  # and now the feed stalls too: both say so
    v.render_page("overview")
    assert [d for d in v.drawn if d.role == "stale.title"]
    assert [d for d in v.drawn if d.role == "link.title"]


# ---- screenshots from the database ------------------------------------------------------


def _pixels(path: Path) -> bytes:
    from PySide6.QtGui import QImage

    img = QImage(str(path))
    assert not img.isNull()
    return bytes(img.convertToFormat(QImage.Format.Format_RGB32).constBits())


@pytest.mark.parametrize("view", ["console", "wallboard"])
def test_screenshots_show_the_link_banner_when_the_floor_has_it_down(
        db_url: str, tmp_path: Path, view: str) -> None:
    """``seatwatch screenshot`` renders the database's floor: the band is there when
    the log says the link is down, and only then."""
    from PySide6.QtGui import QImage

    from console.cli import main
    from views.wallboard import LIGHT as WALL_LIGHT

    write_floor(db_url)
    shots = {}
    for down in (False, True):
        if down:
            link_goes_down(db_url)
        live_host(db_url)
        out = tmp_path / f"{view}-{'down' if down else 'up'}.png"
        args = ["screenshot", view, "--db", db_url, "--out", str(out), "--lang", "en",
                "--size", "1366x768", "--theme", "light"]
        if view == "wallboard":
            args += ["--page", "overview"]
        assert main(args) == 0
        shots[down] = out
    assert _pixels(shots[False]) != _pixels(shots[True])
    # the band's own colour is in the picture with the link down, not without it
    colour = (LIGHT.link_bg if view == "console" else WALL_LIGHT.link_bg).rgb()

    def has(path: Path) -> bool:
        img = QImage(str(path))
        return any(img.pixel(x, y) == colour for y in range(0, 240, 2)
                   for x in range(0, img.width(), 8))

    assert has(shots[True]) and not has(shots[False])


def test_snapshot_reports_the_link(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A headless check (``seatwatch snapshot``) sees what the banners show."""
    import json

    from console.cli import main

    write_floor(db_url)
    assert main(["snapshot", "--db", db_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["telephony_link"] == {
        "up": True, "down_since": None, "source": ""}
    link_goes_down(db_url)
    assert main(["snapshot", "--db", db_url, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["telephony_link"]
    assert doc["up"] is False and doc["source"] == "ami"
    assert doc["down_since"].endswith("+08:00")  # the floor's time
    assert main(["snapshot", "--db", db_url]) == 0
    assert "telephony link (ami) down since" in capsys.readouterr().out


def test_a_floor_leaving_the_ami_source_drops_its_link_down_banner() -> None:
    """Issue #14: the link-down banner belongs to the AMI source; a floor host started
    with --source sim or none afterwards clears it instead of showing it for ever."""
    from console.adapters import NoSourceAdapter, SimulatorAdapter

    t0 = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    down = apply(initial_state(), FloorEvent("telephony_link", t0, {
        "up": False, "source": "ami", "host": "10.1.2.10", "note": "connection refused"}))
    assert down.telephony_down_since == t0
    for adapter in (NoSourceAdapter(), SimulatorAdapter(agents=4, warmup_s=0)):
        events = adapter.start(down, t0 + timedelta(minutes=5))
        after = apply_all(down, [e for e in events if e.type == "telephony_link"])
        assert after.telephony_down_since is None, adapter.name
    assert not [e for e in NoSourceAdapter().start(initial_state(), t0)
                if e.type == "telephony_link"]
