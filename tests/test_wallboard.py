"""The wall screen (issue #5): what a person reading the wall would see.

The board records every text it draws (its box, size and colour), so these
tests read the screen as a person would: which page is up, what colour a
number is, whether the "数据中断" overlay is there, whether any text was cut,
overlaps another, or shows a caller's number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QRectF, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.feed import FloorFeed
from console.ui import I18n
from console.wallboard_app import WallboardApp, fresh_at
from models.db import engine as dbengine
from models.db import policies, store
from models.domain import wallboard as wb
from models.domain.floor import FLOOR, FloorState, apply_all, initial_state
from models.domain.kpi import KpiCounts
from models.domain.policy import Policy
from models.domain.records import FeedStatus
from models.domain.types import FloorEvent
from models.domain.wallboard_layout import PAGES, Layout, LayoutError, load, parse
from tests.helpers import Beater, Clock
from views.wallboard import DARK, LIGHT, Drawn, WallboardView

# 2026-11-23 08:00 Asia/Shanghai: the day shift (白班 08:00–20:00) starts
T0 = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
CALLER = "13800138000"
CALLER2 = "13912345678"
CALLER_NAME = "张三丰"


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


def setup_event(n_agents: int = 6, groups: int = 2, queues: int = 2) -> FloorEvent:
    return ev(0, "floor_setup",
              groups=[{"id": f"G{g}", "name": f"{'一二三四五六七八九十'[g % 10]}班"}
                      for g in range(1, groups + 1)],
              queues=[{"id": f"Q{q}", "name": f"12345热线{q}"} for q in range(1, queues + 1)],
              agents=[{"id": f"{1000 + i}", "name": f"王{'芳明丽强'[i % 4]}",
                       "group": f"G{1 + i % groups}"} for i in range(1, n_agents + 1)])


def busy_floor() -> FloorState:
    """Every state, waiting callers with numbers, answered and abandoned calls, a
    ticket whose title names the caller, an urgent ticket, alerts, an announcement."""
    evs = [setup_event()]
    evs += [ev(1, "agent_state", agent=f"{1000 + i}", state="ready") for i in range(1, 7)]
    evs += [ev(5, "call_queued", call="C1", queue="Q1", caller=CALLER),
            ev(6, "call_offered", call="C1", agent="1001"),
            ev(8, "call_answered", call="C1", agent="1001"),
            ev(20, "call_queued", call="C2", queue="Q1", caller=CALLER2),
            ev(40, "call_abandoned", call="C2"),
            ev(50, "agent_state", agent="1002", state="away", reason="short_break"),
            ev(52, "agent_state", agent="1003", state="away", reason="meal"),
            ev(55, "call_queued", call="C3", queue="Q2", caller=CALLER2),
            ev(56, "call_queued", call="C4", queue="Q1", caller="010-6512 3456"),
            ev(60, "ticket_created", ticket="T-77", category="complaint",
               title=f"{CALLER_NAME} {CALLER} 投诉噪音", agent="1001", call="C1",
               urgent=True),
            ev(61, "alert_raised", alert="A1", rule="R-URGENT-1", subject="ticket:T-77",
               severity="critical", raised_at=(T0 + timedelta(seconds=61)).isoformat(),
               message=f"急件:{CALLER_NAME} {CALLER}", ticket="T-77", auto_resolve=False),
            ev(62, "alert_raised", alert="A2", rule="R-BREAK-1", subject="agent:1002",
               severity="warning", raised_at=(T0 + timedelta(seconds=62)).isoformat(),
               message=f"小休超时 {CALLER2}", agent="1002", group="G1"),
            ev(63, "announcement_published", announcement="N1",
               text=f"请回电 {CALLER} 的市民;今天 14:00 系统升级", by="L01", by_name="李班长",
               expires_at=(T0 + timedelta(hours=4)).isoformat())]
    return apply_all(initial_state(), evs)


@pytest.fixture
def board(qtbot: QtBot) -> Iterator[tuple[WallboardView, Clock]]:
    clock = Clock(T0 + timedelta(seconds=90))
    v = WallboardView(Layout(), clock, animate=False)
    qtbot.addWidget(v)
    v.resize(1920, 1080)
    v.show()
    yield v, clock


def drawn(v: WallboardView, role: str) -> list[Drawn]:
    return [d for d in v.drawn if d.role == role]


def one(v: WallboardView, role: str) -> Drawn:
    ds = drawn(v, role)
    assert len(ds) == 1, f"{role}: {[d.text for d in v.drawn]}"
    return ds[0]


# ---- layout file -------------------------------------------------------------------------


def test_a_layout_file_sets_pages_rotation_pin_and_look(tmp_path: Path) -> None:
    f = tmp_path / "wall.toml"
    f.write_text('title = "12345 热线"\npages = ["alerts", "overview"]\nrotate_s = 20\n'
                 'theme = "light"\nlanguage = "en"\n[page.alerts]\nseconds = 8\n'
                 '[page.agents]\ngroups = ["G1"]\n[ticker]\nspeed = 2\n', encoding="utf-8")
    lay = load(f)
    assert lay.page_names == ("alerts", "overview")
    assert lay.seconds("alerts") == 8 and lay.seconds("overview") == 20
    assert (lay.theme, lay.language, lay.title, lay.groups) == ("light", "en", "12345 热线",
                                                                 ("G1",))
    assert lay.pin is None and lay.ticker_speed == 2


def test_the_shipped_layout_is_the_default() -> None:
    from importlib import resources

    shipped = Path(str(resources.files("resources").joinpath("wallboard.toml")))
    lay = load(shipped)
    assert (lay.pages, lay.pin, lay.theme, lay.language, lay.stale_after_s, lay.ticker) == (
        Layout().pages, None, "dark", "zh_CN", 5.0, True)


@pytest.mark.parametrize("text,key,words", [
    ('pages = ["overview", "wall"]', "pages[1]", "unknown page 'wall'"),
    ('pages = ["agents", "agents"]', "pages[1]", "listed twice"),
    ('pages = []', "pages", "non-empty"),
    ("rotate_s = 1", "rotate_s", "between 3 and 3600"),
    ('rotate_s = "15"', "rotate_s", "must be a number"),
    ('pin = "queue"', "pin", "page name"),
    ('theme = "blue"', "theme", "dark, light"),
    ("stale_after_s = 0", "stale_after_s", "between 2 and 120"),
    ("colour = 1", "colour", "unknown key"),
    ("[page.agents]\nsecond = 5", "page.agents.second", "unknown key"),
    ("[page.wall]\nseconds = 5", "page.wall", "unknown key"),
    ('[page.agents]\ngroups = "G1"', "page.agents.groups", "list of ids"),
    ("[ticker]\nenabled = 1", "ticker.enabled", "true or false"),
    ('timezone = "Asia/Beijing"', "timezone", "unknown time zone 'Asia/Beijing'"),
    ("timezone = 8", "timezone", "time zone name"),
])
def test_a_bad_layout_is_refused_naming_the_key(tmp_path: Path, text: str, key: str,
                                                words: str) -> None:
    f = tmp_path / "wall.toml"
    f.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(LayoutError) as e:
        load(f)
    assert e.value.key == key and words in str(e.value) and str(f) in str(e.value)


def test_a_layout_syntax_error_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "wall.toml"
    f.write_text('title = "x"\npages = ["overview",, "alerts"]\nrotate_s = 5\n',
                 encoding="utf-8")
    with pytest.raises(LayoutError, match="line 2"):
        load(f)
    f.write_bytes('title = "大屏"\n'.encode("gbk"))  # read as UTF-8 is (issue #15)
    assert load(f).title == "大屏"
    f.write_bytes('title = "大屏"\n'.encode("utf-16"))
    with pytest.raises(LayoutError, match="neither UTF-8 nor GBK"):
        load(f)
    with pytest.raises(LayoutError, match="cannot read"):
        load(tmp_path / "missing.toml")


def test_wallboard_check_reports_a_bad_layout_and_exits_non_zero(tmp_path: Path,
                                                                 capsys: Any) -> None:
    from console.cli import main

    f = tmp_path / "wall.toml"
    f.write_text('pages = ["overview", "wal"]\n', encoding="utf-8")
    assert main(["wallboard", "--check", "--layout", str(f)]) != 0
    err = capsys.readouterr().err
    assert "pages[1]" in err and "wal" in err
    f.write_text('pages = ["overview", "alerts"]\npin = "alerts"\n', encoding="utf-8")
    assert main(["wallboard", "--check", "--layout", str(f)]) == 0
    assert "pinned: alerts" in capsys.readouterr().out


def test_wallboard_check_names_the_file_and_key_of_a_bad_time_zone(tmp_path: Path,
                                                                   capsys: Any) -> None:
    from console.cli import main

    f = tmp_path / "wall.toml"
    f.write_text('timezone = "Asia/Beijing"\n', encoding="utf-8")
    assert main(["wallboard", "--check", "--layout", str(f)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert str(f) in err and "timezone" in err and "Asia/Beijing" in err
    f.write_text('timezone = "Asia/Urumqi"\n', encoding="utf-8")
    assert main(["wallboard", "--check", "--layout", str(f)]) == 0
    assert "Asia/Urumqi" in capsys.readouterr().out


# ---- the clock before the floor answers (issue #12 item 19) --------------------------------


def zone_unlike_this_pc(at: datetime) -> str:
    """A zone whose offset at ``at`` differs from this PC's, whatever TZ the tests run in."""
    here = at.astimezone().utcoffset()
    return next(z for z in ("Asia/Shanghai", "America/New_York", "Pacific/Kiritimati")
                if at.astimezone(ZoneInfo(z)).utcoffset() != here)


def clock_before_data(url: str, lay: Layout, settings: QSettings, at: datetime,
                      qtbot: QtBot) -> str:
    """The header clock of a wall just started on ``url``, before any floor data."""
    eng = dbengine.make_engine(url)
    board = WallboardApp(QApplication.instance(), eng, lay,  # type: ignore[arg-type]
                         windowed=True, feed=FloorFeed(url), settings=settings)
    qtbot.addWidget(board.view)
    try:
        v = board.view
        v.now = lambda: at
        v.resize(1920, 1080)
        v.tick()
        v.paint_now()
        assert v.state is None and any(d.role == "stale.since" for d in v.drawn)
        return one(v, "clock").text
    finally:
        board.stop()
        eng.dispose()


def test_before_the_floor_answers_the_clock_shows_the_layouts_zone(
        qtbot: QtBot, tmp_path: Path, sqlite_url: str) -> None:
    at = datetime(2026, 1, 15, 17, 48, 5, tzinfo=UTC)
    zone = zone_unlike_this_pc(at)
    settings = QSettings(str(tmp_path / "wall.ini"), QSettings.Format.IniFormat)
    lay = parse({"language": "en", "timezone": zone})
    shown = clock_before_data(sqlite_url, lay, settings, at, qtbot)
    assert shown == at.astimezone(ZoneInfo(zone)).strftime("%H:%M:%S")
    assert shown != at.astimezone().strftime("%H:%M:%S")  # not the PC's zone
    # nothing known at all: the PC's own zone
    shown = clock_before_data(sqlite_url, parse({"language": "en"}), settings, at, qtbot)
    assert shown == at.astimezone().strftime("%H:%M:%S")


def test_the_wall_remembers_the_floors_zone_for_its_next_start(
        qtbot: QtBot, tmp_path: Path, db_url: str) -> None:
    at = datetime(2026, 1, 15, 17, 48, 5, tzinfo=UTC)
    zone = zone_unlike_this_pc(at)
    eng = dbengine.make_engine(db_url)
    w = store.FloorWriter(eng, "test")
    w.append([FloorEvent("floor_setup", datetime.now(UTC), setup_event().data)])
    policies.apply_policy(w, f'[floor]\ntimezone = "{zone}"\n', "test", "floor.toml")
    settings = QSettings(str(tmp_path / "wall.ini"), QSettings.Format.IniFormat)
    lay = parse({"language": "en"})
    board = WallboardApp(QApplication.instance(), eng, lay,  # type: ignore[arg-type]
                         windowed=True, feed=FloorFeed(db_url, poll_s=0.05), settings=settings)
    qtbot.addWidget(board.view)
    try:
        board.start()  # the floor answers once: its policy's zone is kept on this PC
        qtbot.waitUntil(lambda: board.view.state is not None, timeout=10000)
    finally:
        board.stop()
        eng.dispose()
    # the next start, the database not answering yet: the floor's zone, not the PC's
    reopened = QSettings(str(tmp_path / "wall.ini"), QSettings.Format.IniFormat)
    shown = clock_before_data(db_url, lay, reopened, at, qtbot)
    assert shown == at.astimezone(ZoneInfo(zone)).strftime("%H:%M:%S")
    # a zone in the layout file wins over the remembered one
    other = "Asia/Shanghai" if zone != "Asia/Shanghai" else "America/New_York"
    shown = clock_before_data(db_url, parse({"language": "en", "timezone": other}), reopened,
                              at, qtbot)
    assert shown == at.astimezone(ZoneInfo(other)).strftime("%H:%M:%S")


# ---- rotation and pinning ------------------------------------------------------------------


def test_pages_rotate_in_the_layout_order_each_for_its_own_time(qtbot: QtBot) -> None:
    lay = parse({"pages": ["queues", "overview", "alerts"], "rotate_s": 12,
                 "page": {"alerts": {"seconds": 5}}})
    v = WallboardView(lay, Clock(T0 + timedelta(seconds=90)))
    qtbot.addWidget(v)
    v.resize(1280, 720)
    v.apply_state(busy_floor(), T0 + timedelta(seconds=90))
    seen = [v.current_page]
    intervals = [v.rotate_timer.interval()]
    for _ in range(3):
        with qtbot.waitSignal(v.page_changed, timeout=1000):
            v.rotate_timer.timeout.emit()
        seen.append(v.current_page)
        intervals.append(v.rotate_timer.interval())
    assert seen == ["queues", "overview", "alerts", "queues"]
    assert intervals == [12000, 12000, 5000, 12000]
    assert v.rotate_timer.isActive()
    v.tick_timer.stop()
    v.rotate_timer.stop()


def test_a_pinned_page_stays_and_a_long_page_turns_its_own_parts(qtbot: QtBot) -> None:
    state = apply_all(initial_state(), [setup_event(n_agents=900, groups=10)] + [
        ev(1, "agent_state", agent=f"{1000 + i}", state="ready") for i in range(1, 901)])
    clock = Clock(T0 + timedelta(seconds=30))
    v = WallboardView(Layout().with_pin("agents"), clock, animate=False)
    qtbot.addWidget(v)
    v.resize(1920, 1080)
    v.show()
    v.apply_state(state, clock.t)
    parts = [(s.page, s.part) for s in v.slots()]
    assert [p for p, _ in parts] == ["agents"] * len(parts) and len(parts) >= 2
    shown: list[str] = []
    for _ in range(len(parts) + 1):
        v.paint_now()
        shown.append(one(v, "page").text)
        v.advance()
    # every agent appears on exactly one part; the header says which part it is
    assert shown[0] != shown[1] and shown[0] == shown[len(parts)]
    assert shown[0].endswith(f"1/{len(parts)}")


def test_pinning_from_the_command_line_overrides_the_rotation() -> None:
    lay = parse({"pages": ["overview", "queues"]}).with_pin("alerts")
    assert lay.pin == "alerts" and "alerts" in lay.page_names
    with pytest.raises(LayoutError, match="unknown page"):
        Layout().with_pin("wall")


# ---- the agent grid --------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_three_hundred_agents_fit_one_page(qtbot: QtBot, size: tuple[int, int]) -> None:
    state = apply_all(initial_state(), [setup_event(n_agents=300, groups=15)] + [
        ev(1, "agent_state", agent=f"{1000 + i}", state="ready") for i in range(1, 301)])
    v = WallboardView(Layout(), Clock(T0 + timedelta(seconds=30)), animate=False)
    qtbot.addWidget(v)
    v.resize(*size)
    v.apply_state(state, T0 + timedelta(seconds=30))
    v.render_page("agents")
    assert [s.page for s in v.slots()].count("agents") == 1
    cells = drawn(v, "cell.who")
    assert len(cells) == 300 and not v.overflow
    assert {d.text for d in cells} == {f"{1000 + i} 王" for i in range(1, 301)}


def test_a_break_counts_down_and_turns_amber_then_red(board: tuple[WallboardView, Clock]
                                                      ) -> None:
    v, clock = board
    state = busy_floor()  # 1002 starts a short break at t=50 (limit 10 min, warning at 8)
    v.apply_state(state, clock.t)

    def cell_time(t: float) -> Drawn:
        clock.t = T0 + timedelta(seconds=t)
        v.set_fresh(clock.t)
        v.render_page("agents")
        i = [d.text for d in drawn(v, "cell.who")].index("1002 王")
        return drawn(v, "cell.time")[i]

    assert cell_time(50 + 60).text == "↓9:00"
    assert [c.level.value for c in wb.agent_cells(state, clock.t) if c.agent == "1002"] == ["ok"]
    assert cell_time(50 + 8 * 60).text == "↓2:00"
    assert [c.level.value for c in wb.agent_cells(state, clock.t) if c.agent == "1002"] == ["warn"]
    over = cell_time(50 + 10 * 60 + 42)
    assert over.text == "+0:42" and over.colour != v.theme.on_colour.name()


# ---- overview: colours, targets, sizes ---------------------------------------------------------


def _floor_with_sl(answered_in_sl: int, late: int) -> FloorState:
    evs = [setup_event(n_agents=2)]
    evs += [ev(1, "agent_state", agent="1001", state="ready")]
    t = 10.0
    for i in range(answered_in_sl + late):
        wait = 5 if i < answered_in_sl else 40
        evs += [ev(t, "call_queued", call=f"C{i}", queue="Q1"),
                ev(t + wait, "call_offered", call=f"C{i}", agent="1001"),
                ev(t + wait, "call_answered", call=f"C{i}", agent="1001"),
                ev(t + wait + 1, "call_ended", call=f"C{i}"),
                ev(t + wait + 1, "agent_state", agent="1001", state="ready")]
        t += wait + 2
    return apply_all(initial_state(), evs)


@pytest.mark.parametrize("in_sl,late,colour", [(80, 20, "green"), (79, 21, "amber"),
                                               (70, 30, "amber"), (69, 31, "red")])
def test_service_level_colour_at_its_thresholds(qtbot: QtBot, in_sl: int, late: int,
                                                colour: str) -> None:
    state = _floor_with_sl(in_sl, late)
    now = state.at or T0
    v = WallboardView(Layout(), Clock(now), animate=False)
    qtbot.addWidget(v)
    v.resize(1920, 1080)
    v.apply_state(state, now)
    v.render_page("overview")
    value = one(v, "service_level.value")
    assert value.text == str(in_sl)
    assert value.colour == DARK.band(colour).name()
    assert one(v, "service_level.target").text == "Target ≥ 80%"


def test_thresholds_come_from_the_floors_policy(qtbot: QtBot) -> None:
    policy = Policy.from_dict({"bands": {"service_level": {"green": 0.9, "amber": 0.75}}})
    state = _floor_with_sl(80, 20)
    state = replace(state, policy=policy)
    v = WallboardView(Layout(), Clock(state.at or T0), animate=False)
    qtbot.addWidget(v)
    v.resize(1920, 1080)
    v.apply_state(state, state.at)
    v.render_page("overview")
    assert one(v, "service_level.value").colour == DARK.amber.name()
    assert one(v, "service_level.target").text == "Target ≥ 90%"
    v.render_page("queues")
    assert "Target ≥ 90%" in [d.text for d in drawn(v, "queues.target")]


def test_overview_counts_agents_by_state_and_breaks_per_group(
        board: tuple[WallboardView, Clock]) -> None:
    v, clock = board
    v.apply_state(busy_floor(), clock.t)
    v.render_page("overview")
    counts = {k: one(v, f"state.{k}.value").text for k in wb.STATE_GROUPS}
    assert counts == {"ready": "3", "talking": "1", "after_call": "0", "short_break": "1",
                      "away": "1"}
    assert "二班 short break 1/2" in [d.text for d in drawn(v, "breaks")]
    assert one(v, "waiting.value").text == "2"  # C3 and C4 wait; C2 gave up
    assert one(v, "answered.value").text == "1" and one(v, "abandoned.value").text == "1"


def _texts_overlap(ds: list[Drawn]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(ds):
        for b in ds[i + 1:]:
            inter = a.rect.intersected(b.rect)
            if inter.width() > 1 and inter.height() > 1:
                out.append((a.text, b.text))
    return out


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_every_page_fits_without_cut_or_overlap(qtbot: QtBot, lang: str,
                                                size: tuple[int, int]) -> None:
    app = QApplication.instance()
    assert app is not None
    i18n = I18n(app)
    i18n.install(lang)
    try:
        # a busy shift's figures: four-digit counts, a queue a few minutes long
        state = busy_floor()
        state = replace(state, kpi=state.kpi.set((FLOOR, "shift"), KpiCounts(
            offered=6549, ivr_only=995, answered=5198, answered_in_sl=4790, abandoned=356,
            wait_answered_s=5198 * 9.0, answered_waited=3000)))
        now = T0 + timedelta(minutes=3, seconds=56)
        v = WallboardView(Layout(), Clock(now), animate=False)
        qtbot.addWidget(v)
        v.resize(*size)
        v.apply_state(state, now)
        for page in PAGES:
            v.render_page(page)
            assert not v.overflow, f"{page}: cut off: {v.overflow}"
            assert not _texts_overlap(v.drawn), f"{page}: {_texts_overlap(v.drawn)}"
            inside = QRectF(0, 0, *size).adjusted(-1, -1, 1, 1)
            assert all(inside.contains(d.rect) for d in v.drawn), page
        v.render_page("overview")
        assert one(v, "answered.value").text == "5198"
        assert one(v, "longest_wait.value").text == "3:01"  # C3 has waited since t=55
        # KPI numerals: the digits at least 12 % of the screen's height
        for kpi in ("waiting", "longest_wait", "service_level", "answer_rate", "answered",
                    "abandoned", "ivr_only"):
            d = one(v, f"{kpi}.value")
            assert d.rect.height() >= 0.12 * size[1], (kpi, d.rect.height())
    finally:
        i18n.install("en")


def test_the_board_speaks_chinese_by_default(board: tuple[WallboardView, Clock]) -> None:
    v, clock = board
    app = QApplication.instance()
    i18n = I18n(app)  # type: ignore[arg-type]
    i18n.install("zh_CN")
    try:
        v.apply_state(busy_floor(), clock.t)
        v.render_page("overview")
        assert one(v, "answer_rate.label").text == "接通率"
        assert one(v, "state.short_break.label").text == "小休"
        assert "二班 小休 1/2" in [d.text for d in drawn(v, "breaks")]
        assert one(v, "service_level.target").text == "目标 ≥ 80%"
    finally:
        i18n.install("en")


# ---- shifts ------------------------------------------------------------------------------------


def test_counters_reset_at_the_shift_boundary_without_an_event(
        board: tuple[WallboardView, Clock]) -> None:
    v, clock = board
    state = busy_floor()
    v.apply_state(state, clock.t)
    v.render_page("overview")
    assert one(v, "answered.value").text == "1"
    assert one(v, "shift").text == "白班 since 08:00"
    # 20:00:01 local: the night shift has begun; no event has arrived since
    clock.t = T0 + timedelta(hours=12, seconds=1)
    v.set_fresh(clock.t)
    v.render_page("overview")
    assert one(v, "answered.value").text == "0" and one(v, "abandoned.value").text == "0"
    assert one(v, "shift").text == "夜班 since 20:00"
    # the first event of the night shift: the reducer's counters agree
    later = apply_all(state, [ev(12 * 3600 + 5, "call_queued", call="N1", queue="Q1",
                                 ivr_only=True)])
    period, counts = wb.shift_counts(later, clock.t + timedelta(seconds=10))
    assert period.name == "夜班" and counts.ivr_only == 1 and counts.answered == 0


def test_overlapping_shifts_count_the_one_that_started_last() -> None:
    policy = Policy.from_dict({"shifts": [
        {"name": "早班", "start": "08:00", "end": "17:00"},
        {"name": "中班", "start": "16:00", "end": "00:00"}]})
    state = FloorState(policy=policy)
    p, c = wb.shift_counts(state, T0 + timedelta(hours=8, minutes=30))  # 16:30 local
    assert p.name == "中班" and c.offered == 0


# ---- freshness ---------------------------------------------------------------------------------


def test_a_stalled_feed_greys_the_board_and_it_recovers_by_itself(
        board: tuple[WallboardView, Clock]) -> None:
    v, clock = board
    last = clock.t
    v.apply_state(busy_floor(), last)
    v.render_page("overview")
    assert not drawn(v, "stale.title")
    assert one(v, "waiting.value").colour != DARK.stale.name()
    clock.t = last + timedelta(seconds=4.9)
    v.render_page("overview")
    assert not drawn(v, "stale.title")
    clock.t = last + timedelta(seconds=5)
    v.render_page("overview")
    assert one(v, "stale.title").text == "Data interrupted"
    assert one(v, "stale.since").text == "since 08:01:30"
    assert one(v, "waiting.value").colour == DARK.stale.name()
    for page in PAGES:  # the overlay covers every page
        v.render_page(page)
        assert drawn(v, "stale.title"), page
    clock.t += timedelta(seconds=20)
    v.set_fresh(clock.t)  # the feed reads again
    v.render_page("overview")
    assert not drawn(v, "stale.title")
    assert one(v, "waiting.value").colour == DARK.green.name()


def test_a_board_that_never_received_data_says_so(qtbot: QtBot) -> None:
    v = WallboardView(Layout(), Clock(T0), animate=False)
    qtbot.addWidget(v)
    v.resize(1280, 720)
    v.tick()
    v.paint_now()
    assert one(v, "stale.since").text == "no data received yet"


def test_a_wall_on_a_pc_never_set_up_says_what_to_do(qtbot: QtBot) -> None:
    """Started from the 大屏 shortcut (no --db) on a PC with no connection and no floor
    file, the wall would wait for ever under 尚未收到数据: it says the PC is not set up
    and how to set it up (issue #19)."""
    v = WallboardView(Layout(), Clock(T0), animate=False)
    qtbot.addWidget(v)
    v.resize(1280, 720)
    v.not_set_up = True
    v.tick()
    v.paint_now()
    assert one(v, "stale.since").text == "This PC has no floor database yet"
    assert "shift leader console" in one(v, "stale.hint").text


def test_the_wallboard_command_knows_a_pc_never_set_up(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``seatwatch wallboard`` without --db on an empty user profile marks its board;
    with a --db it never does."""
    from console import cli, wallboard_app

    boards: list[WallboardApp] = []
    real = wallboard_app.start_wallboard

    def start(*args: Any, **kw: Any) -> WallboardApp:
        b = real(*args, windowed=True, **{k: v for k, v in kw.items() if k != "windowed"})
        boards.append(b)
        monkeypatch.setattr(b.app, "exec", lambda: 0)
        return b

    monkeypatch.setattr(wallboard_app, "start_wallboard", start)
    monkeypatch.setattr(cli.dbengine, "data_dir", lambda: tmp_path / "data")
    monkeypatch.setattr(cli.dbengine, "config_dir", lambda: tmp_path / "config")
    (tmp_path / "data").mkdir()
    (tmp_path / "config").mkdir()
    try:
        assert cli.main(["wallboard", "--windowed", "--lang", "en"]) == 0
        assert boards[-1].view.not_set_up is True
        assert cli.main(["wallboard", "--windowed", "--lang", "en", "--db",
                         f"sqlite:///{tmp_path / 'other.db'}"]) == 0
        assert boards[-1].view.not_set_up is False
    finally:
        for b in boards:
            b.stop()


def test_freshness_is_the_last_heartbeat_the_feed_saw() -> None:
    t = T0 + timedelta(seconds=10)
    assert fresh_at(FeedStatus(connected=True, stale=False, last_read=t,
                               heartbeat_age_s=1.5)) == t - timedelta(seconds=1.5)
    assert fresh_at(FeedStatus(connected=False, last_read=t, heartbeat_age_s=0.2)) is None
    assert fresh_at(FeedStatus(connected=True, last_read=t, heartbeat_age_s=None)) is None


# ---- privacy (R-PRIV-1) ----------------------------------------------------------------------


def test_redact_masks_every_phone_number_like_run() -> None:
    assert wb.redact(f"请回电 {CALLER}") == "请回电 138****8000"
    assert wb.redact("座机 010-6512 3456 或 138 0013 8000") == "座机 010****3456 或 138****8000"
    assert wb.redact("拨打 12345 热线,工号 1023") == "拨打 12345 热线,工号 1023"
    assert wb.redact("+86 138-0013-8000") == "861****8000"
    # dates and times are not numbers to hide
    assert wb.redact("2026-11-23 14:00 系统升级") == "2026-11-23 14:00 系统升级"


@pytest.mark.parametrize(("text", "shown"), [
    # issue #13: however the number is split, the wall shows it masked (R-PRIV-1)
    ("请回电 138 001 38000", "请回电 138****8000"),
    ("请回电 1380 0138 000", "请回电 138****8000"),
    ("请回电 138.0013.8000", "请回电 138****8000"),
    ("请回电 138_0013_8000", "请回电 138****8000"),
    ("客户 +86.138.0013.8000 来电", "客户 861****8000 来电"),
    ("座机010.6512.3456转总台", "座机010****3456转总台"),
    ("电话13800138000", "电话138****8000"),
])
def test_redact_masks_numbers_split_by_spaces_dots_or_underscores(text: str, shown: str
                                                                   ) -> None:
    assert wb.redact(text) == shown


@pytest.mark.parametrize("text", [
    # what is not a caller's number stays as written
    "2026.11.23 系统升级", "2026_11_23 09:00-18:00", "2026-11-23 14:00",
    "工单 GD0000123 已处理", "话务 C0000001 转接", "工号 1023-1030 开会",
    "版本 v1.2.3", "金额 1,234,567 元", "拨打 12345 热线", "队列 12 345 678",
])
def test_redact_leaves_dates_ids_and_amounts_alone(text: str) -> None:
    assert wb.redact(text) == text


@pytest.mark.parametrize("theme", [DARK, LIGHT])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_caller_number_or_name_on_any_page(qtbot: QtBot, lang: str, theme: Any) -> None:
    app = QApplication.instance()
    i18n = I18n(app)  # type: ignore[arg-type]
    i18n.install(lang)
    try:
        clock = Clock(T0 + timedelta(seconds=90))
        lay = parse({"title": f"热线 {CALLER2}"})
        v = WallboardView(lay, clock, theme=theme, animate=False)
        qtbot.addWidget(v)
        v.resize(1920, 1080)
        state = busy_floor()
        v.apply_state(state, clock.t)
        seen: list[str] = []
        for stale in (False, True):
            if stale:
                clock.t += timedelta(seconds=30)
            for page in PAGES:
                v.render_page(page)
                seen += v.texts()
        wall = "\n".join(seen)
        digits = "".join(ch for ch in wall if ch.isdigit() or ch == "\n")
        for number in (CALLER, CALLER2, "01065123456", "65123456"):
            assert number not in wall and number not in digits.replace("\n", " ")
        assert CALLER_NAME not in wall and "投诉噪音" not in wall
        # what the wall does show instead: the masked number, the ticket, the rule
        assert "138****8000" in wall and "T-77" in wall
        assert any("1002" in t for t in seen)
    finally:
        i18n.install("en")


# ---- the wallboard process on a real database -----------------------------------------------


def test_the_wallboard_follows_the_floor_and_shows_a_dead_host(qtbot: QtBot,
                                                                db_url: str) -> None:
    eng = dbengine.make_engine(db_url)
    now = datetime.now(UTC).replace(microsecond=0)
    w = store.FloorWriter(eng, "test")
    w.append([FloorEvent("floor_setup", now, setup_event().data),
              FloorEvent("agent_state", now, {"agent": "1001", "state": "ready"})])
    host = Beater(eng, every=0.25)
    host.t.start()
    app = QApplication.instance()
    lay = parse({"stale_after_s": 2, "language": "en"})
    feed = FloorFeed(db_url, poll_s=0.05, heartbeat_every_s=0.2)
    board = WallboardApp(app, eng, lay, windowed=True, feed=feed)  # type: ignore[arg-type]
    qtbot.addWidget(board.view)
    try:
        board.start()
        v = board.view

        def shows(role: str, text: str) -> bool:
            v.paint_now()
            return any(d.role == role and d.text == text for d in v.drawn)

        def ticked() -> WallboardView:
            v.tick()  # the board's once-a-second refresh, without waiting for it
            return v

        qtbot.waitUntil(lambda: v.state is not None and not v.stale, timeout=10000)
        w.append([FloorEvent("agent_state", datetime.now(UTC),
                             {"agent": "1002", "state": "ready"})])
        qtbot.waitUntil(lambda: ticked() is v and shows("state.ready.value", "2"), timeout=10000)
        host.paused.set()  # the floor host dies
        qtbot.waitUntil(lambda: ticked().stale, timeout=10000)
        assert shows("stale.title", "Data interrupted")
        host.paused.clear()
        qtbot.waitUntil(lambda: not ticked().stale, timeout=10000)
        assert not shows("stale.title", "Data interrupted")
    finally:
        host.stop.set()
        board.stop()
        eng.dispose()


def test_a_missing_monitor_falls_back_to_the_primary_screen(qtbot: QtBot,
                                                            sqlite_url: str) -> None:
    eng = dbengine.make_engine(sqlite_url)
    app = QApplication.instance()
    feed = FloorFeed(sqlite_url)
    # English: a Chinese translator left installed would leak into later tests
    board = WallboardApp(app, eng, parse({"language": "en"}), screen=5,
                         feed=feed)  # type: ignore[arg-type]
    qtbot.addWidget(board.view)
    try:
        assert board.target_screen() is app.primaryScreen()  # type: ignore[union-attr]
        board.place()
        assert board.view.isFullScreen()
        assert board.quit_shortcut.key().toString() == "Ctrl+Shift+Q"
    finally:
        board.stop()
        eng.dispose()


def test_screenshot_renders_each_wallboard_page(tmp_path: Path, sqlite_url: str) -> None:
    from console.cli import main

    eng = dbengine.make_engine(sqlite_url)
    store.FloorWriter(eng, "test").append(
        [FloorEvent("floor_setup", datetime.now(UTC), setup_event().data)])
    eng.dispose()
    for page in PAGES:
        out = tmp_path / f"{page}.png"
        assert main(["screenshot", "wallboard", "--db", sqlite_url, "--page", page,
                     "--out", str(out), "--size", "1280x720"]) == 0
        assert out.stat().st_size > 5000


@pytest.mark.parametrize(("scenario", "subject", "name"), [
    # issue #16: one rule, several findings; the wall names each as the console does
    ("idle_unstaffed_over", "12319热线", "24-hour line unstaffed"),
    ("idle_unattended_three_misses", "1001 张三", "Phone left ringing unanswered"),
    ("peak_break_flagged", None, "Short break during the peak plan"),
    ("peak_callbacks_over", "", "Too many on callbacks in a peak"),
])
def test_the_wall_names_each_finding_of_a_rule_and_its_queue(
        scenario: str, subject: str | None, name: str) -> None:
    from models.domain import rules
    from models.sim import scenario as sc
    from views.wallboard import rule_title

    scen = sc.load(Path(__file__).parent / "scenarios" / "rules" / f"{scenario}.json")
    state = initial_state(scen.policy)
    seen: list[tuple[str, str | None, str]] = []
    rows: list[wb.AlertRow] = []
    for e in rules.with_rules(initial_state(scen.policy), scen.events, scen.until):
        state = apply_all(state, [e])
        if e.type == "alert_raised":  # the wall just after the alert came
            now = e.at
            seen += [(r.rule, r.variant, r.subject) for r in wb.alert_rows(state, now)]
            rows = [r for r in wb.alert_rows(state, now)
                    if rule_title(r.rule, r.stage, r.variant) == name]
            if rows:
                break
    assert rows, seen
    if subject is not None:
        assert rows[0].subject == subject
