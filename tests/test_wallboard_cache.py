"""The wall's speed-ups (issue #20) against what the wall draws.

The board renders each text once into a picture and copies it (``TextCache``),
computes only the page on screen each second, and sorts the agent grid once per
change of the floor's agents. A speed-up counts only if the wall still shows the
same thing: each page is rendered with the cache and, from the same floor, with
every text laid out and drawn by QPainter as before (``cache_text = False``), and
the two pictures and texts are compared; a changed value must reach its square.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QRectF
from PySide6.QtGui import QImage, QPaintEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.ui import I18n
from models.domain.floor import FloorState, apply, apply_all, initial_state
from models.domain.types import FloorEvent
from models.domain.wallboard_layout import Layout
from tests.helpers import Clock
from tests.test_wallboard import T0, busy_floor, ev, setup_event
from views.wallboard import TextCache, WallboardView

PAGES = [("overview", 0), ("agents", 0), ("queues", 0), ("alerts", 0)]


def big_floor(n: int = 120) -> FloorState:
    """``n`` agents in every state, waiting calls, alerts and an announcement."""
    evs = [setup_event(n_agents=n, groups=4, queues=3)]
    states = ["ready", "talking", "after_call", "away"]
    for i in range(1, n + 1):
        evs.append(ev(1 + i % 30, "agent_state", agent=f"{1000 + i}", state="ready"))
        s = states[i % 4]
        if s == "away":
            evs.append(ev(40 + i % 20, "agent_state", agent=f"{1000 + i}", state="away",
                          reason="short_break" if i % 8 == 3 else "meal"))
        elif s != "ready":  # a call: answered, and for after-call ended
            call = f"C{i}"
            evs += [ev(33, "call_queued", call=call, queue=f"Q{1 + i % 3}"),
                    ev(34, "call_offered", call=call, agent=f"{1000 + i}"),
                    ev(35, "call_answered", call=call, agent=f"{1000 + i}")]
            if s == "after_call":
                evs.append(ev(36 + i % 10, "call_ended", call=call))
    for k in range(6):
        evs.append(ev(50 + k, "call_queued", call=f"W{k}", queue=f"Q{1 + k % 3}"))
    evs += [ev(60, "alert_raised", alert="A1", rule="R-BREAK-1", subject="agent:1003",
               severity="critical", raised_at=(T0 + timedelta(seconds=60)).isoformat(),
               message="break", agent="1003", group="G1"),
            ev(63, "announcement_published", announcement="N1", text="今天 14:00 系统升级",
               by="L01", by_name="李班长", expires_at=(T0 + timedelta(hours=4)).isoformat())]
    return apply_all(initial_state(), evs)


def board(qtbot: QtBot, state: FloorState, size: tuple[int, int] = (1920, 1080),
          at: float = 200) -> tuple[WallboardView, Clock]:
    clock = Clock(T0 + timedelta(seconds=at))
    v = WallboardView(Layout(), clock, animate=False)
    qtbot.addWidget(v)
    v.resize(*size)
    v.show()
    v.apply_state(state, clock.t)
    return v, clock


def render(v: WallboardView, page: str, part: int, cached: bool) -> tuple[QImage, list[str]]:
    v.cache_text = cached
    drawn = v.render_page(page, part)
    return v.grab().toImage(), [f"{d.role}={d.text}@{d.px}{d.colour}" for d in drawn]


def far_apart(a: QImage, b: QImage, rect: QRectF | None = None) -> float:
    """The share of pixels (in ``rect``) whose colour differs by more than a quarter of
    the range in a channel: a text moved, missing or different, not a rounding."""
    r = (rect or QRectF(0, 0, a.width(), a.height())).toAlignedRect()
    n = bad = 0
    for y in range(max(0, r.top()), min(a.height(), r.bottom())):
        for x in range(max(0, r.left()), min(a.width(), r.right()), 2):
            n += 1
            ca, cb = a.pixel(x, y), b.pixel(x, y)
            if ca != cb:
                bad += max(abs(((ca >> s) & 255) - ((cb >> s) & 255)) for s in (0, 8, 16)) > 64
    return bad / max(1, n)


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_every_page_looks_the_same_drawn_from_the_cache(qtbot: QtBot,
                                                        size: tuple[int, int]) -> None:
    v, _clock = board(qtbot, big_floor(), size)
    for page, part in PAGES:
        ref, ref_texts = render(v, page, part, cached=False)
        render(v, page, part, cached=True)  # fills the cache
        got, texts = render(v, page, part, cached=True)  # drawn from it
        assert texts == ref_texts, page
        assert far_apart(ref, got) < 0.002, page
    assert v.text_cache.sprites, "nothing was drawn through the cache"


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])  # at 4K: from pictures
def test_a_changed_agent_shows_its_new_state_and_time_at_the_next_second(
        qtbot: QtBot, size: tuple[int, int]) -> None:
    state = big_floor(40)
    v, clock = board(qtbot, state, size)
    v.render_page("agents")
    before = v.grab().toImage()
    who = next(d for d in v.drawn if d.role == "cell.who" and d.text.startswith("1004 "))
    time_before = min((d for d in v.drawn if d.role == "cell.time"),
                      key=lambda d: abs(d.rect.center().x() - who.rect.center().x())
                      + abs(d.rect.top() - who.rect.bottom()))
    # 1004 (ready) goes to a meal; a second later the board shows it from 0:01
    clock.t += timedelta(seconds=1)
    v.apply_state(apply(state, FloorEvent("agent_state", clock.t - timedelta(seconds=1),
                                          {"agent": "1004", "state": "away",
                                           "reason": "meal"})), clock.t)
    v.tick()
    after = v.grab().toImage()
    now_time = [d for d in v.drawn if d.role == "cell.time"
                and d.rect.intersects(time_before.rect)]
    assert [d.text for d in now_time] == ["0:01"], time_before.text
    square = QRectF(who.rect.left(), who.rect.top(), who.rect.width(),
                    time_before.rect.bottom() - who.rect.top())
    assert far_apart(before, after, square) > 0.05  # its colour and its time changed
    ref, _t = render(v, "agents", 0, cached=False)
    assert far_apart(ref, after) < 0.002


def test_a_new_agent_takes_its_place_in_the_grid(qtbot: QtBot) -> None:
    """The grid's order is kept between seconds; a floor setup that adds an agent
    puts the agent's square in its group, at once."""
    state = big_floor(12)
    v, clock = board(qtbot, state)
    v.render_page("agents")
    first = [d.text for d in v.drawn if d.role == "cell.who"]
    assert not any(t.startswith("1013 ") for t in first)
    grown = apply(state, setup_event(n_agents=13, groups=4, queues=3))
    grown = apply(grown, FloorEvent("agent_state", clock.t, {"agent": "1013", "state": "ready"}))
    clock.t += timedelta(seconds=1)
    v.apply_state(grown, clock.t)
    v.tick()
    v.paint_now()
    whos = [d.text for d in v.drawn if d.role == "cell.who"]
    assert len(whos) == 13
    # group G2 (1001, 1005, 1009, 1013): 1013 after 1009
    assert whos.index(next(t for t in whos if t.startswith("1013 "))) == \
        whos.index(next(t for t in whos if t.startswith("1009 "))) + 1


def test_the_page_that_comes_up_shows_its_figures_at_once(qtbot: QtBot) -> None:
    """Only the page on screen is computed each second: the next page's values are
    computed when it comes up, not a second later."""
    v, clock = board(qtbot, busy_floor(), at=90)
    v.render_page("overview")
    assert not [d for d in v.drawn if d.role.startswith("cell.")]
    for page, role in (("agents", "cell.time"), ("queues", "queues.waiting"),
                       ("alerts", "alerts.rule"), ("overview", "waiting.value")):
        v.show_page(page)  # as the rotation turns it: no tick in between
        drawn = v.paint_now()
        assert [d for d in drawn if d.role == role], (page, [d.text for d in drawn])


def test_a_language_change_redraws_every_text_in_the_new_language(
        qtbot: QtBot, qapp: QApplication) -> None:
    i18n = I18n(qapp)
    i18n.install("zh_CN")
    try:
        v, _clock = board(qtbot, busy_floor(), at=90)
        v.render_page("overview")
        zh = QCoreApplication.translate("Wallboard", "Waiting now")
        assert zh != "Waiting now" and zh in v.texts()
        assert any(k[0] == zh for k in v.text_cache.lines)
        i18n.install("en")
        qapp.processEvents()
        assert not any(k[0] == zh for k in v.text_cache.lines)  # the old language goes
        v.render_page("overview")
        assert "Waiting now" in v.texts() and zh not in v.texts()
        ref, _t = render(v, "overview", 0, cached=False)
        got, _t = render(v, "overview", 0, cached=True)
        assert far_apart(ref, got) < 0.002
    finally:
        i18n.install("en")  # the suite's language: no translator left behind


class PaintRects(QObject):
    """The rectangles the board is asked to repaint (each paint's region, rectangle by
    rectangle)."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if isinstance(e, QPaintEvent):
            self.rects.extend(e.region())
        return False


def long_notice_floor() -> FloorState:
    """A busy floor with an announcement too long for the ticker's strip: it scrolls."""
    return apply(busy_floor(), ev(64, "announcement_published", announcement="N2",
                                  text="请各班组提前保存未提交的工单," * 8, by="L01",
                                  by_name="李班长",
                                  expires_at=(T0 + timedelta(hours=4)).isoformat()))


def test_the_ticker_scrolls_by_repainting_its_strip_only(qtbot: QtBot, qapp: QApplication
                                                         ) -> None:
    state = long_notice_floor()
    v, _clock = board(qtbot, state, at=90)
    v.render_page("overview")
    assert v._ticker_overflows()
    before = v.grab().toImage()
    qapp.processEvents()
    spy = PaintRects()
    v.installEventFilter(spy)
    for _ in range(10):
        v._scroll()
        qapp.processEvents()
    v.removeEventFilter(spy)
    strip = v.ticker_rect().toAlignedRect()
    assert spy.rects and all(strip.contains(r) for r in spy.rects), spy.rects
    # issue #20: Qt moves the strip's pixels; only the columns coming in are painted,
    # and the window then holds what a whole paint draws
    assert area(spy.rects) < 0.2 * 10 * strip.width() * strip.height(), spy.rects
    assert on_screen(v) == painted_fresh(v)
    after = v.grab().toImage()
    assert far_apart(before, after, QRectF(strip)) > 0.01  # the text moved
    assert far_apart(before, after, QRectF(0, 0, v.width(), strip.top())) == 0.0


def test_the_forecast_is_computed_while_the_queues_page_is_up_or_next(qtbot: QtBot) -> None:
    """The live SL forecast is drawn on the queues page only: the wall no longer has
    its worker compute it every second on every page, but it is fresh (computed
    while the page before it was up) when the queues page comes up."""
    v, clock = board(qtbot, busy_floor(), at=90)
    assert [s.page for s in v.slots()] == ["overview", "agents", "queues", "alerts"]

    def seconds(n: int) -> None:
        for _ in range(n):
            clock.t += timedelta(seconds=2)
            v.tick()
            v.live.settle(10)

    v.show_page("overview")
    seconds(1)
    before = v.live.computed
    seconds(5)
    assert v.live.computed == before  # the overview is up, the agents page next
    v.show_page("agents")
    seconds(3)
    assert v.live.computed >= before + 2  # the queues page is next
    v.show_page("queues")
    drawn = v.paint_now()
    assert [d for d in drawn if d.role == "queues.fc"]


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_squares_with_an_hour_long_time_beside_short_ones_look_the_same(
        qtbot: QtBot, size: tuple[int, int]) -> None:
    """A square whose time runs over an hour ("1:01:40") is fitted on its own, in a
    smaller font: the squares after it keep theirs, cached as drawn directly (issue #20:
    a faster grid that set the font only when it changed got this wrong; it gained
    nothing measurable and was taken out, this test stays)."""
    state = big_floor(60)
    late = [FloorEvent("agent_state", T0 + timedelta(seconds=3690),
                       {"agent": f"{1000 + i}", "state": "away", "reason": "meal"})
            for i in range(4, 61, 8)]  # ready ones
    v, _clock = board(qtbot, apply_all(state, late), size, at=3700)
    ref, ref_texts = render(v, "agents", 0, cached=False)
    got, texts = render(v, "agents", 0, cached=True)
    assert any(":" in t.split("=")[1][:-1] and t.count(":") >= 2 for t in texts
               if t.startswith("cell.time")), texts  # some squares show h:mm:ss
    assert any(t.startswith("cell.time=0:") for t in texts)  # and some a short time
    assert texts == ref_texts
    assert far_apart(ref, got) < 0.002


def on_screen(v: WallboardView) -> QImage:
    """What the board's window holds now (its backing store), not a new paint."""
    img = v.screen().grabWindow(v.winId()).toImage()
    return img.convertToFormat(QImage.Format.Format_RGB32)


def painted_fresh(v: WallboardView) -> QImage:
    """The whole board painted now from the same values."""
    return v.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def area(rects: list[QRect]) -> int:
    return sum(r.width() * r.height() for r in rects)


class Seconds:
    """A board on ``page`` and its floor, a second at a time: each call folds the
    events, moves the clock a second, lets the board repaint what it asks for, checks
    that the window then holds what a whole paint draws, and returns the rectangles
    repainted."""

    def __init__(self, v: WallboardView, qapp: QApplication, clock: Clock, page: str
                 ) -> None:
        self.v, self.qapp, self.clock = v, qapp, clock
        assert v.state is not None
        self.state: FloorState = v.state
        v.show_page(page)
        qapp.processEvents()
        assert on_screen(v) == painted_fresh(v)

    def __call__(self, *events: FloorEvent) -> list[QRect]:
        for e in events:
            self.state = apply(self.state, e)
        self.clock.t += timedelta(seconds=1)
        self.v.apply_state(self.state, self.clock.t)
        spy = PaintRects()
        self.v.installEventFilter(spy)
        self.v.tick()
        self.qapp.processEvents()
        self.v.removeEventFilter(spy)
        assert on_screen(self.v) == painted_fresh(self.v), self.clock.t
        return spy.rects


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_agents_page_repaints_what_changed_and_shows_what_a_full_paint_shows(
        qtbot: QtBot, qapp: QApplication, size: tuple[int, int]) -> None:
    """Issue #20: each second the agents page repaints the squares that changed (a
    time alone: the time's half), the clock and the ticker, not the whole board; a
    stale floor or a change of the grid repaints it all. After every second the
    window holds exactly what a full paint of the same floor draws."""
    v, clock = board(qtbot, big_floor(60), size, at=300)
    second = Seconds(v, qapp, clock, "agents")
    full = v.width() * v.height()

    def square_of(agent: str) -> QRectF:
        who = next(d for d in v.drawn if d.role == "cell.who" and d.text.startswith(agent))
        return who.rect

    # a second passes: every time moves on, no name is drawn again
    rects = second()
    assert rects and area(rects) < 0.45 * full, rects
    names = [d.rect.toAlignedRect() for d in v.drawn if d.role == "cell.who"]
    region_names = [n for n in names if any(r.intersects(n.adjusted(1, 1, -1, -1))
                                            for r in rects)]
    assert region_names == []
    # agents change state: their whole squares are repainted, names and all
    at = clock.t
    moved = square_of("1004 ").toAlignedRect()
    rects = second(FloorEvent("agent_state", at, {"agent": "1004", "state": "away",
                                                   "reason": "meal"}),
                   FloorEvent("agent_state", at, {"agent": "1010", "state": "away",
                                                  "reason": "short_break"}))
    assert any(r.contains(moved.center()) for r in rects)
    assert area(rects) < 0.45 * full
    # a break runs over its limit: red border, the time counting up
    for _ in range(3):
        clock.t += timedelta(minutes=7)
        rects = second()
    assert any(d.text.startswith("+") for d in v.drawn if d.role == "cell.time")
    # an agent logs out: the grid changes, the whole board is repainted
    rects = second(FloorEvent("agent_state", clock.t, {"agent": "1008",
                                                       "state": "logged_out"}))
    assert area(rects) == full
    # the floor goes quiet past the stale limit: grey squares, the scrim, everywhere
    clock.t += timedelta(seconds=v.board_layout.stale_after_s)
    v.tick()
    qapp.processEvents()
    assert v.stale and on_screen(v) == painted_fresh(v)
    # and stays stale: the times move on under the scrim, which covers them too
    clock.t += timedelta(seconds=1)
    v.tick()
    qapp.processEvents()
    assert v.stale and on_screen(v) == painted_fresh(v)
    # and back: the floor answers again, every square shows its colour again
    rects = second()
    assert not v.stale and area(rects) == full
    # the phone system's link goes down: its band under the header, second after second
    second(FloorEvent("telephony_link", clock.t, {"up": False, "source": "ami"}))
    second()
    assert v.link_down_since is not None and [d for d in v.drawn if d.role == "link.title"]


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
@pytest.mark.parametrize("page", ["overview", "queues", "alerts"])
def test_the_other_pages_repaint_what_changed_and_show_what_a_full_paint_shows(
        qtbot: QtBot, qapp: QApplication, size: tuple[int, int], page: str) -> None:
    """Issue #20: each second the overview, queues and alerts pages repaint the figures
    that changed, the clock and the ticker, not the whole board; a floor going stale
    or coming back repaints it all. After every second the window holds exactly what
    a full paint of the same floor draws."""
    state = apply(big_floor(60), ev(61, "alert_raised", alert="A2", rule="R-ABANDON-1",
                                    subject="queue:Q2", severity="warning",
                                    raised_at=(T0 + timedelta(seconds=61)).isoformat(),
                                    message="abandon", queue="Q2"))
    v, clock = board(qtbot, state, size, at=300)
    second = Seconds(v, qapp, clock, page)
    full = v.width() * v.height()

    def on(role: str) -> list[QRect]:
        return [d.rect.toAlignedRect() for d in v.drawn if d.role == role]

    def repainted(rects: list[QRect], role: str) -> bool:
        return any(r.intersects(t.adjusted(1, 1, -1, -1)) for r in rects for t in on(role))

    # a second passes: the clock and the waits move on, nothing else
    rects = second()
    assert rects and area(rects) < 0.25 * full, rects
    assert repainted(rects, "clock")
    assert not repainted(rects, "title")
    unchanged = {"overview": "ivr_only.value", "queues": "queues.name",
                 "alerts": "alerts.subject"}[page]
    assert on(unchanged) and not repainted(rects, unchanged)
    # the floor moves: a call waits, one is answered, an alert is acknowledged
    at = clock.t
    rects = second(FloorEvent("call_queued", at, {"call": "N1", "queue": "Q1"}),
                   FloorEvent("call_queued", at, {"call": "N2", "queue": "Q1"}),
                   FloorEvent("call_answered", at, {"call": "W0", "agent": "1004"}),
                   FloorEvent("alert_acknowledged", at, {"alert": "A1", "by": "L01",
                                                         "by_name": "李班长"}))
    assert area(rects) < 0.4 * full
    changed = {"overview": "waiting.value", "queues": "queues.waiting",
               "alerts": "alerts.ack"}[page]
    assert repainted(rects, changed)
    # the floor goes quiet past the stale limit, and stays so: the scrim everywhere
    for _ in range(2):
        clock.t += timedelta(seconds=v.board_layout.stale_after_s / 2 + 1)
        v.tick()
        qapp.processEvents()
        assert on_screen(v) == painted_fresh(v)
    assert v.stale
    # and back: the whole board shows its figures again
    rects = second()
    assert not v.stale and area(rects) == full
    rects = second()
    assert area(rects) < 0.25 * full
    # the phone system's link goes down: its band under the header, second after second
    second(FloorEvent("telephony_link", clock.t, {"up": False, "source": "ami"}))
    second()
    assert v.link_down_since is not None and [d for d in v.drawn if d.role == "link.title"]
    # and comes back: the page moves up under the header again
    assert area(second(FloorEvent("telephony_link", clock.t, {"up": True,
                                                              "source": "ami"}))) == full
    assert area(second()) < 0.25 * full


def test_a_stale_board_keeps_its_scrim_over_the_scrolling_ticker(
        qtbot: QtBot, qapp: QApplication) -> None:
    """While the floor is stale the ticker still scrolls, dimmed like the rest of the
    board: its strip's repaints lay the scrim over it again and keep its label's text
    (they did neither: between the second's whole repaints the strip showed bright,
    its label blank, its top row blended twice)."""
    state = long_notice_floor()
    v, clock = board(qtbot, state, at=90)
    v.show_page("overview")
    clock.t += timedelta(seconds=v.board_layout.stale_after_s + 1)
    v.tick()
    qapp.processEvents()
    assert v.stale
    for _ in range(5):
        v._scroll()
        qapp.processEvents()
    assert on_screen(v) == painted_fresh(v)


@pytest.mark.parametrize("page", ["overview", "agents", "queues", "alerts"])
def test_a_page_comes_up_with_its_texts_made_in_the_seconds_before(
        qtbot: QtBot, qapp: QApplication, page: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #20: a page turn is one whole frame, and at 4K it rendered most of its big
    texts anew (0.2–0.6 ms each) and shaped its small ones, far over a frame. In the
    last seconds of the slot before it, the board makes the next page's pictures and
    shapes its texts (an agents page: its squares' names and times), a few at a time
    between two seconds; the turn then renders and shapes none, and the page shows
    what a board that made nothing ahead shows."""
    v, clock = board(qtbot, big_floor(), (3840, 2160), at=300)
    slots = v.slots()
    nxt = next(i for i, s in enumerate(slots) if s.page == page)
    before = slots[nxt - 1]
    v.show_page(before.page, before.part)
    made: list[str] = []
    sprite = TextCache._sprite

    def counted(*a: Any) -> Any:
        made.append(a[6])
        return sprite(*a)

    monkeypatch.setattr(TextCache, "_sprite", staticmethod(counted))
    cache = v.text_cache

    def shaped() -> set[tuple[str, int, bool]]:
        return set(cache.statics) | set(cache._old_statics)

    ahead: list[str] = []
    shaped_before = shaped()
    for _s in range(round(v.board_layout.seconds(before.page))):
        clock.t += timedelta(seconds=1)
        v.apply_state(v.state, clock.t)  # type: ignore[arg-type]
        v.tick()
        qapp.processEvents()
        made.clear()
        qtbot.waitUntil(lambda: not v.warm_timer.isActive())
        ahead += made
    assert ahead or shaped() - shaped_before, "nothing was made ahead of the turn"
    made.clear()
    shaped_before = shaped()
    v.advance()
    qapp.processEvents()
    assert v.slot.page == page and not v.stale
    assert made == [], f"the turn rendered {len(made)} texts anew: {made[:8]}"
    new = shaped() - shaped_before
    assert not new, f"the turn shaped {len(new)} texts: {sorted(new)[:8]}"
    # a board that made nothing ahead: the same page (Qt renders a text a level or two
    # apart from one time to the next, so not pixel for pixel)
    fresh, _c = board(qtbot, v.state, (3840, 2160), at=300)  # type: ignore[arg-type]
    fresh.now = v.now
    fresh.apply_state(v.state, clock.t)  # type: ignore[arg-type]
    fresh.tick()
    fresh.show_page(page)
    assert far_apart(on_screen(v), painted_fresh(fresh)) < 0.002
