"""Issue #17 "The director's window": the trends page on real databases (SQLite and
PostgreSQL) built from a simulated floor and ``seatwatch rollup rebuild``.

Every number the page holds for a range is checked against ``seatwatch kpi --json``
for the same range and against a recount straight from ``call_record`` (the SQL of
tests/test_rollup.py, not the code under test); the right is refused where the data
is read; drill-down, compare, export, the legend and the empty range are checked as
a director would notice them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from console.cli import main
from console.director_app import refusal
from console.director_backend import DirectorBackend
from console.ops import BackendContext, Ops
from models.db import engine as dbengine
from models.db import trends_db
from models.db.operators import NotAllowed
from models.domain.trend_data import FIGURES, compare_filter
from models.domain.trends import TrendFilter
from tests.helpers import seed_operators
from tests.test_rollup import close, recount
from views.director import texts
from views.director.charts import BAR_OFFSET, TrendsPage, drill_filter
from views.director.filterbar import FilterBar, quick_range
from views.director.window import DirectorWindow

SH = ZoneInfo("Asia/Shanghai")
#: a night shift into a whole day and the next night: 2026-03-01 20:00 → 03-03 02:00
SIM_START = datetime(2026, 3, 1, 20, 0, tzinfo=SH)
SIM_HOURS = 30
NOW = datetime(2026, 3, 3, 12, 0, tzinfo=SH)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def floor(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One simulated floor per engine for the whole module (the simulation is the
    slow part), rolled up, with a director, a department head and a shift leader."""
    if request.param == "sqlite":
        tmpl: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path_factory.mktemp("director") / "floor.db"
        shutil.copy(tmpl, path)
        url = f"sqlite:///{path}"
        drop = None
    else:
        from tests.conftest import pg_admin, sa_url

        tmpl_name: str = request.getfixturevalue("pg_template")
        name = f"sw_dir_{os.getpid()}"
        with pg_admin() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            c.execute(f'CREATE DATABASE "{name}" TEMPLATE "{tmpl_name}"')
        url, drop = sa_url(name), name
    assert main(["simulate", "--db", url, "--agents", "24", "--hours", str(SIM_HOURS),
                 "--seed", "17", "--start", SIM_START.isoformat(), "--json"]) == 0
    assert main(["rollup", "rebuild", "--db", url]) == 0
    e = dbengine.make_engine(url)
    seed_operators(e, [("admin", "管理员", ["admin"]), ("D1", "王主任", ["director"]),
                       ("H1", "赵部长", ["department_head"]),
                       ("L1", "李班长", ["shift_leader"])], now=NOW)
    e.dispose()
    yield url
    if drop is not None:
        from tests.conftest import pg_admin

        with pg_admin() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{drop}" WITH (FORCE)')


@pytest.fixture
def engine(floor: str) -> Iterator[sa.Engine]:
    e = dbengine.make_engine(floor)
    yield e
    e.dispose()


@pytest.fixture
def ops() -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


def window(qtbot: QtBot, engine: sa.Engine, ops: Ops, who: str = "D1") -> DirectorWindow:
    ctx = BackendContext(engine, ops, who, lambda: NOW, "test")
    win = DirectorWindow(DirectorBackend(ctx), lambda: NOW)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def shown(qtbot: QtBot, win: DirectorWindow, flt: TrendFilter, compare: str = "none") -> Any:
    """Set the bar to ``flt`` and wait for the page to draw the answer."""
    seen: list[Any] = []
    win.trends.on_shown = seen.append
    win.filter_bar.set_filter(flt, compare)
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    return seen[-1]


def kpi_json(url: str, first: date, last: date, by: str,
             capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["kpi", "--db", url, "--from", first.isoformat(), "--to", last.isoformat(),
                 "--by", by, "--json"]) == 0
    return dict(json.loads(capsys.readouterr().out))


# ---- the numbers ----------------------------------------------------------------------


@pytest.mark.parametrize("by,first,last", [("hour", date(2026, 3, 2), date(2026, 3, 2)),
                                           ("day", date(2026, 3, 1), date(2026, 3, 3))])
def test_every_number_on_the_page_equals_kpi_json_and_a_recount(
        qtbot: QtBot, floor: str, engine: sa.Engine, ops: Ops,
        capsys: pytest.CaptureFixture[str], by: str, first: date, last: date) -> None:
    win = window(qtbot, engine, ops)
    data = shown(qtbot, win, TrendFilter(first, last, by))
    doc = kpi_json(floor, first, last, by, capsys)
    rows = {datetime.fromisoformat(r["start"]): r for r in doc["rows"]}
    built = [b for b in data.series.buckets if b.counts is not None]
    assert len(built) == len(rows) > 1
    page = win.trends
    with engine.connect() as conn:
        for i, b in enumerate(data.series.buckets):
            if b.counts is None:
                continue
            row = rows[b.start]
            fig = b.figures(data.sl_threshold_s)
            direct = recount(conn, b.start, b.end)
            for name in FIGURES:
                assert close(fig[name], row[name]), (b.start, name, fig[name], row[name])
                if name in direct:
                    assert close(fig[name], direct[name]), (b.start, name)
            # and the charts draw those very numbers at bucket i
            _x, ys = page.series["service_level"].getData()
            assert close(ys[i] / 100, fig["service_level"])
            _x, ys = page.series["asa_s"].getData()
            assert close(float(ys[i]), fig["asa_s"])
            bars = page.series["offered"].opts
            assert fig["offered"] in list(bars["height"])
    tot = data.totals()
    for name in FIGURES:
        assert close(tot[name], doc["total"][name]), name
    # the crosshair follows the mouse, snapped to the bucket, and the readout names
    # that bucket's figures
    i = next(i for i, b in enumerate(data.series.buckets) if b.counts is not None)
    hover(qtbot, page, i)
    assert all(line.value() == i for line in page.crosshair.values())
    offered = data.series.buckets[i].figures(None)["offered"]
    assert str(offered) in page.readout.text()


def test_the_right_is_refused_where_the_data_is_read(qtbot: QtBot, engine: sa.Engine,
                                                     ops: Ops) -> None:
    flt = TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "hour")
    with pytest.raises(NotAllowed):
        trends_db.read(engine, "L1", flt)
    with pytest.raises(NotAllowed):
        trends_db.choices(engine, "L1")
    assert trends_db.read(engine, "H1", flt).series.buckets  # the department head may
    assert refusal(engine, "D1") is None
    why = refusal(engine, "L1")
    assert why is not None and "L1" in why and "\n" not in why
    # a stale console whose operator lost the right: the page says so, draws nothing
    win = window(qtbot, engine, ops, who="L1")
    win.filter_bar.set_filter(flt)
    qtbot.waitUntil(lambda: win.trends.status.tone.value == "error", timeout=20000)
    assert "L1" in win.trends.status.text()
    assert win.trends.data is None


def test_an_empty_range_says_so_instead_of_an_empty_chart(qtbot: QtBot, engine: sa.Engine,
                                                          ops: Ops) -> None:
    win = window(qtbot, engine, ops)
    data = shown(qtbot, win, TrendFilter(date(2025, 6, 1), date(2025, 6, 30), "day"))
    assert data.series.empty and len(data.series.buckets) == 30
    assert win.trends.stack.currentWidget() is win.trends.empty
    assert "2025-06-01" in win.trends.empty.text()


# ---- drill-down, compare --------------------------------------------------------------


def _bucket_point(page: TrendsPage, i: int, dx: float = 0.0) -> Any:
    p = page.plots["service_level"]
    scene = p.vb.mapViewToScene(QPointF(i + dx, 50))
    return page.glw.mapFromScene(scene)


def hover(qtbot: QtBot, page: TrendsPage, i: int) -> None:
    """Move the mouse onto bucket ``i`` until the crosshair shows. Offscreen, Qt now
    and then drops a synthetic move (to the spot it last saw, or before the window
    has taken the pointer), so the move is made again, a little to the side each
    time, and the point is mapped again (the plots may still be laying out)."""
    tries = iter(range(1000))

    def pointed() -> bool:
        dx = (0.1, 0.3, 0.2)[next(tries) % 3]
        qtbot.mouseMove(page.glw.viewport(), _bucket_point(page, i, dx))
        return bool(page.crosshair["volume"].isVisible())

    qtbot.waitUntil(pointed, timeout=5000)


def test_a_click_drills_month_to_days_to_hours_and_back_returns(
        qtbot: QtBot, engine: sa.Engine, ops: Ops) -> None:
    win = window(qtbot, engine, ops)
    shown(qtbot, win, TrendFilter(date(2026, 1, 1), date(2026, 3, 31), "month"))
    page = win.trends
    seen: list[Any] = []
    page.on_shown = seen.append
    qtbot.mouseClick(page.glw.viewport(), Qt.MouseButton.LeftButton,
                     pos=_bucket_point(page, 2))  # March
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    flt = win.filter_bar.current()
    assert flt == TrendFilter(date(2026, 3, 1), date(2026, 3, 31), "day")
    assert win.filter_bar.by_combo.currentData() == "day"
    seen.clear()
    page.open_bucket(1)  # 2 March
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert win.filter_bar.current() == TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "hour")
    assert len(seen[-1].series.buckets) == 24
    assert win.back_action.shortcut().toString() == "Alt+Left"
    seen.clear()
    win.back_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert win.filter_bar.current() == TrendFilter(date(2026, 3, 1), date(2026, 3, 31), "day")
    win.back_action.trigger()
    assert win.filter_bar.current() == TrendFilter(date(2026, 1, 1), date(2026, 3, 31), "month")
    assert not win.back_action.isEnabled()


def test_compare_lays_the_previous_period_under_this_one_bucket_by_bucket(
        qtbot: QtBot, floor: str, engine: sa.Engine, ops: Ops,
        capsys: pytest.CaptureFixture[str]) -> None:
    win = window(qtbot, engine, ops)
    data = shown(qtbot, win, TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "hour"),
                 "previous")
    assert data.compare is not None and data.compare_kind == "previous"
    cur, old = data.series.buckets, data.compare.buckets
    assert len(cur) == len(old) == 24
    for a, b in zip(cur, old, strict=True):
        assert b.start == a.start - timedelta(days=1)
    doc = kpi_json(floor, date(2026, 3, 1), date(2026, 3, 1), "hour", capsys)
    eight_pm = next(r for r in doc["rows"]
                    if datetime.fromisoformat(r["start"]).hour == 20)
    x, ys = win.trends.compared["service_level"].getData()
    assert list(x) == list(range(24))  # under this day's hours, not after them
    assert close(ys[20] / 100, eight_pm["service_level"])
    assert win.trends.compared["service_level"].isVisible()
    win.trends.point_at(20)
    assert "\n" in win.trends.readout.text()  # the compared hour's figures, a line below


def test_compare_periods() -> None:
    mar = TrendFilter(date(2026, 3, 1), date(2026, 3, 31), "day")
    assert compare_filter(mar, "last_month") == TrendFilter(date(2026, 2, 1),
                                                            date(2026, 2, 28), "day")
    assert compare_filter(mar, "last_year") == TrendFilter(date(2025, 3, 1),
                                                           date(2025, 3, 31), "day")
    week = TrendFilter(date(2026, 3, 2), date(2026, 3, 8), "day", "Q1")
    assert compare_filter(week, "previous") == TrendFilter(date(2026, 2, 23),
                                                           date(2026, 3, 1), "day", "Q1")
    assert compare_filter(week, "last_week") == compare_filter(week, "previous")
    assert compare_filter(week, "none") is None
    # a week's bucket opens by day, an hour's opens nothing finer
    assert drill_filter(TrendFilter(
        date(2026, 3, 2), date(2026, 3, 29), "week", "Q1"), date(2026, 3, 9)) == \
        TrendFilter(date(2026, 3, 9), date(2026, 3, 15), "day", "Q1")
    assert drill_filter(TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "hour"),
                        date(2026, 3, 2)) is None
    assert quick_range("last_month", date(2026, 3, 15)) == (date(2026, 2, 1),
                                                            date(2026, 2, 28))
    assert quick_range("this_week", date(2026, 3, 4)) == (date(2026, 3, 2), date(2026, 3, 8))
    assert quick_range("last_12_months", date(2026, 3, 4)) == (date(2025, 4, 1),
                                                               date(2026, 3, 31))


# ---- the legend, export, screenshot, bad input ---------------------------------------------


def test_a_click_on_a_legend_entry_hides_its_series_and_another_shows_it(
        qtbot: QtBot, engine: sa.Engine, ops: Ops) -> None:
    win = window(qtbot, engine, ops)
    shown(qtbot, win, TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "hour"))
    page = win.trends
    item = page.series["abandoned"]
    sample = next(s for s, _label in page.legends["volume"].items if s.item is item)
    pos = page.glw.mapFromScene(sample.sceneBoundingRect().center())
    assert item.isVisible()
    qtbot.mouseClick(page.glw.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert not item.isVisible()
    assert page.series["offered"].isVisible()
    assert win.filter_bar.current() == TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "hour")
    qtbot.mouseClick(page.glw.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert item.isVisible()


def test_the_numbers_save_as_xlsx_with_chinese_headers_and_a_total_from_sums(
        qtbot: QtBot, floor: str, engine: sa.Engine, ops: Ops, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    win = window(qtbot, engine, ops)
    data = shown(qtbot, win, TrendFilter(date(2026, 3, 1), date(2026, 3, 3), "day"))
    out = tmp_path / "趋势.xlsx"
    win.ask_path = lambda *_a: str(out)
    win.export_xlsx()
    qtbot.waitUntil(lambda: out.exists() and win.status.tone.value == "ok", timeout=20000)
    ws = load_workbook(out).active
    header = [c.value for c in ws[2]]
    assert header == ["时段", "呼入量", "接听量", "放弃量", "服务水平", "接通率",
                      "平均应答时间(秒)", "平均处理时长(秒)", "占用率",
                      "在席人数(时段平均)", "排班人数(时段平均)", "需要人数(时段平均)",
                      "排班契合度"]
    body = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    # the staffing of each day and of the range: the page's own numbers
    for r, b in zip(body, [*data.series.buckets, data.series], strict=True):
        st = b.staffing
        assert st is not None and st.staffed is not None and st.required is not None
        assert r[9:] == [pytest.approx(st.staffed), st.rostered, pytest.approx(st.required),
                         None if st.fit is None else pytest.approx(st.fit)]
    assert body[1][9] > 5  # 2 March: the simulation's agents logged in all day
    assert ws.cell(3, 13).number_format == "0.0%" and ws.cell(3, 10).number_format == "0.0"
    assert [r[0] for r in body] == ["2026-03-01", "2026-03-02", "2026-03-03", "合计"]
    doc = kpi_json(floor, date(2026, 3, 1), date(2026, 3, 3), "day", capsys)
    for r, k in zip(body[:3], doc["rows"], strict=True):
        assert r[1] == k["offered"] and close(r[4], k["service_level"])
    total = body[-1]
    assert total[1] == sum(r[1] for r in body[:3]) == doc["total"]["offered"]
    assert close(total[4], doc["total"]["service_level"])  # from sums, not a mean of rows
    mean_of_rows = sum(r[4] for r in body[:3]) / 3
    assert not close(total[4], mean_of_rows)
    assert ws.cell(3, 5).number_format == "0.0%"
    assert data.series.flt.first == date(2026, 3, 1)
    png = tmp_path / "chart.png"
    win.ask_path = lambda *_a: str(png)
    win.export_png()
    assert QImage(str(png)).width() > 600


def test_screenshot_director_writes_the_window_from_the_database(floor: str,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "director.png"
    assert main(["screenshot", "director", "--db", floor, "--out", str(out), "--by", "day",
                 "--from", "2026-03-01", "--to", "2026-03-03", "--size", "1366x768"]) == 0
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1366, 768)
    colours = {img.pixel(x, y) for x in range(0, 1366, 17) for y in range(120, 760, 13)}
    assert len(colours) > 8  # bars, lines and bands drawn, not a blank window


def test_a_range_that_ends_before_it_starts_is_named_and_not_read(qtbot: QtBot) -> None:
    bar = FilterBar(date(2026, 3, 4))
    qtbot.addWidget(bar)
    got: list[Any] = []
    bar.changed.connect(lambda f, c: got.append(f))
    bar.last_edit.setDate(bar.last_edit.date().addYears(-1))
    assert got == [] and bar.current() is None
    assert "2025-03-31" in bar.problem.text()
    bar.set_filter(TrendFilter(date(2026, 3, 2), date(2026, 3, 8), "week"))
    assert got[-1] == TrendFilter(date(2026, 3, 2), date(2026, 3, 8), "week")
    assert bar.problem.text() == ""



def test_the_consoles_trends_entry_is_for_those_with_the_right_and_opens_the_window(
        qtbot: QtBot, floor: str) -> None:
    from PySide6.QtWidgets import QApplication

    from console.app import ConsoleApp
    from models.domain.roles import Operator, Role

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    eng = dbengine.make_engine(floor)
    leader = ConsoleApp(app, eng, operator=Operator("L1", "李班长",
                                                   frozenset({Role.SHIFT_LEADER})),
                        language="en")
    qtbot.addWidget(leader.window)
    director = ConsoleApp(app, eng, operator=Operator("D1", "王主任",
                                                     frozenset({Role.DIRECTOR})),
                          language="en")
    qtbot.addWidget(director.window)
    try:
        assert not leader.window.trends_action.isVisible()
        qa = director.window.trends_action
        assert qa.isVisible() and qa.shortcut().toString() == "Ctrl+Shift+T"
        qa.trigger()
        win = director.director_window
        assert isinstance(win, DirectorWindow) and win.isVisible()
        qtbot.waitUntil(lambda: win.trends.data is not None, timeout=20000)
        qa.trigger()  # raised again, not a second window
        assert director.director_window is win
        # a shift change: the director's window leaves with the director
        director.ask_sign_in = lambda: Operator("L1", "李班长", frozenset({Role.SHIFT_LEADER}))
        director.window.switch_action.trigger()
        assert director.director_window is None and not win.isVisible()
        assert not qa.isVisible()
    finally:
        leader.shutting_down.emit()
        director.shutting_down.emit()
        eng.dispose()


def test_a_queue_and_a_group_from_the_floor_setup_filter_the_figures(
        qtbot: QtBot, floor: str, engine: sa.Engine, ops: Ops,
        capsys: pytest.CaptureFixture[str]) -> None:
    win = window(qtbot, engine, ops)
    bar = win.filter_bar
    qtbot.waitUntil(lambda: bar.queue_combo.count() > 2, timeout=20000)
    queue = bar.queue_combo.itemData(1)
    group = bar.group_combo.itemData(1)
    assert queue and group and bar.group_combo.count() > 2
    day = date(2026, 3, 2)
    every = shown(qtbot, win, TrendFilter(day, day, "hour"))
    one = shown(qtbot, win, TrendFilter(day, day, "hour", queue, group))
    assert bar.queue_combo.currentData() == queue and bar.group_combo.currentData() == group
    capsys.readouterr()
    assert main(["kpi", "--db", floor, "--from", "2026-03-02", "--to", "2026-03-02",
                 "--by", "hour", "--queue", queue, "--group", group, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    tot = one.totals()
    assert tot["offered"] == doc["total"]["offered"] < every.totals()["offered"]
    assert close(tot["occupancy"], doc["total"]["occupancy"])
    assert not close(tot["occupancy"], every.totals()["occupancy"])
    with engine.connect() as conn:
        lo, hi = TrendFilter(day, day).bounds(SH)
        assert tot["offered"] == recount(conn, lo, hi, queue)["offered"]


def _made_up(first: date, last: date, by: str, compare: bool) -> Any:
    """A range made up bucket by bucket, bucket 5000 a spike, buckets 960-983 (10
    February, by hour) never rolled up — no database: this is about what the page
    draws. Compared: the same a year before, its spike 777."""
    from models.domain.kpi import KpiCounts
    from models.domain.policy import DEFAULT_BANDS
    from models.domain.rollup import next_bucket
    from models.domain.trend_data import Bucket, Trends, TrendSeries, bucket_starts

    def series(flt: TrendFilter, spike: int) -> TrendSeries:
        out = []
        for i, s in enumerate(bucket_starts(flt, SH)):
            if 960 <= i < 984:
                out.append(Bucket(s, next_bucket(s, by)))
                continue
            offered = spike if i == 5000 else 100 + i % 37
            answered = offered * 4 // 5
            c = KpiCounts(offered=offered, answered=answered, answered_in_sl=answered // 2,
                          abandoned=offered - answered, wait_answered_s=answered * 12.0,
                          handled=answered, talk_s=answered * 200.0, busy_s=3000.0,
                          ready_s=600.0)
            out.append(Bucket(s, next_bucket(s, by), c))
        return TrendSeries(flt, tuple(out))

    flt = TrendFilter(first, last, by)
    old = TrendFilter(first.replace(year=first.year - 1), last.replace(year=last.year - 1), by)
    return Trends(series(flt, 4321), series(old, 777) if compare else None,
                  "last_year" if compare else "none", 20.0, SH,
                  {k: DEFAULT_BANDS[k] for k in ("service_level", "answer_rate")})


def _year_by_hour(compare: bool) -> Any:
    return _made_up(date(2026, 1, 1), date(2026, 12, 31), "hour", compare)


class _NoSource:
    def trends(self, *_a: Any) -> Any:
        raise AssertionError("the page was handed its data")

    def export_xlsx(self, *_a: Any) -> Any:
        raise AssertionError("not asked")


def test_a_year_by_hour_draws_volume_as_steps_with_every_value_in_the_readout_and_legend(
        qtbot: QtBot) -> None:
    page = TrendsPage(_NoSource())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    data = _year_by_hour(compare=True)
    page.show_data(data)
    qtbot.waitExposed(page)
    # the year is drawn as one curve a series, thinned to the pixels, not 52,000 bars
    for f in ("offered", "answered", "abandoned"):
        assert len(page.series[f].opts["height"]) == 0
        step, old = page.steps[f], page.compared_steps[f]
        assert step.isVisible() and old.isVisible()
        edges, heights = step.getData()
        assert 100 < len(heights) < 8760 and len(edges) == len(heights) + 1
        assert edges[0] == -0.5 and edges[-1] == 8759.5  # the whole year, no more
    # the one hour's spike is not thinned away; the day never rolled up draws nothing
    _e, heights = page.steps["offered"].getData()
    assert heights.max() == 4321
    _e, old_heights = page.compared_steps["offered"].getData()
    assert np.nanmax(old_heights) == 777
    # the readout names every series at the bucket under the mouse, and last year's
    i = 5000
    hover(qtbot, page, i)
    j = int(page.crosshair["volume"].value())
    assert abs(j - i) <= 100  # near it: a pixel spans some ten hours here
    now = data.series.buckets[j].figures(20.0)
    before = data.compare.buckets[j].figures(20.0)
    text = page.readout.text()
    line, last_year = text.split("\n")
    for f in ("offered", "answered", "abandoned"):
        assert f"{texts_figure(f)} {now[f]}" in line
        assert f"{texts_figure(f)} {before[f]}" in last_year
    assert f"{100 * now['service_level']:.1f}%" in line
    # a click on a legend entry hides that series' curve (and its last year's stays)
    sample = next(s for s, _l in page.legends["volume"].items
                  if s.item is page.series["abandoned"])
    pos = page.glw.mapFromScene(sample.sceneBoundingRect().center())
    qtbot.mouseClick(page.glw.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert not page.steps["abandoned"].isVisible()
    assert page.steps["offered"].isVisible() and page.compared_steps["abandoned"].isVisible()
    qtbot.mouseClick(page.glw.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert page.steps["abandoned"].isVisible()
    # zoomed in, the curve shows the hours again: the spike's, the day never rolled
    # up draws no area (this year) and no line (last year)
    page.plots["volume"].setXRange(4990, 5013, padding=0)
    edges, heights = page.steps["offered"].getData()
    assert list(edges[:3]) == [4989.5, 4990.5, 4991.5] and heights[10] == 4321
    page.plots["volume"].setXRange(950, 999, padding=0)
    edges, heights = page.steps["offered"].getData()
    gap = (edges[:-1] >= 959.5) & (edges[:-1] < 983.5)
    assert gap.sum() == 24 and not heights[gap].any() and heights[~gap].all()
    _e, old_heights = page.compared_steps["offered"].getData()
    assert np.isnan(old_heights[gap]).all() and not np.isnan(old_heights[~gap]).any()
    # without a compared year its curves go; a month by day is bars again
    page.show_data(_year_by_hour(compare=False))
    assert not any(c.isVisible() for c in page.compared_steps.values())
    assert page.steps["offered"].isVisible()
    month = _made_up(date(2026, 3, 1), date(2026, 3, 31), "day", compare=True)
    page.show_data(month)
    assert not any(c.isVisible() for c in (*page.steps.values(),
                                           *page.compared_steps.values()))
    bars = page.series["offered"].opts
    assert sorted(bars["height"]) == sorted(b.counts.offered for b in month.series.buckets)
    assert len(page.compared["offered"].opts["height"]) == 31


def texts_figure(f: str) -> str:
    from views.director import texts

    return texts.figure_name(f)


def test_the_plots_draw_each_buckets_own_figures_not_bars_moved_or_zeros(
        qtbot: QtBot) -> None:
    """What each plot draws at bucket i is that bucket's figures (readout and export
    read the same), a bucket never built or with nothing to divide draws no point."""
    from models.domain.kpi import KpiCounts
    from models.domain.trend_data import Bucket, Trends, TrendSeries

    month = _made_up(date(2026, 3, 1), date(2026, 3, 31), "day", compare=False)
    b = month.series.buckets
    idle = Bucket(b[3].start, b[3].end, KpiCounts(busy_s=0.0, ready_s=0.0))
    never = Bucket(b[4].start, b[4].end)
    data = Trends(TrendSeries(month.series.flt, (*b[:3], idle, never, *b[5:])), None,
                  "none", 20.0, SH, month.bands)
    page = TrendsPage(_NoSource())
    qtbot.addWidget(page)
    page.show_data(data)
    for i, bucket in enumerate(data.series.buckets):
        fig = bucket.figures(20.0)
        for f in ("service_level", "answer_rate", "occupancy", "asa_s", "aht_s"):
            _x, ys = page.series[f].getData()
            want = fig[f] * (100 if f in ("service_level", "answer_rate", "occupancy")
                             else 1) if fig[f] is not None else None
            assert (np.isnan(ys[i]) if want is None else close(float(ys[i]), want)), (i, f)
    bars = page.series["offered"].opts
    assert list(bars["x"][:4]) == [x + BAR_OFFSET["offered"] for x in (0, 1, 2, 3)]
    assert 4 + BAR_OFFSET["offered"] not in list(bars["x"])  # no bar, not a zero one


def test_a_years_call_counts_read_as_thousands_not_1e06_on_the_axis() -> None:
    """By month a centre takes hundreds of thousands of calls: the axis says 50万 /
    500k, never pyqtgraph's "1e+06" nor seven digits cut by the axis."""
    from PySide6.QtCore import QCoreApplication

    from console.ui import I18n
    from views.director.charts import ValueAxis

    axis = ValueAxis(QColor("white"))
    assert axis.tickStrings([0.0, 2500.0, 25000.0], 1.0, 2500.0) == ["0", "2500", "25000"]
    assert axis.tickStrings([0.0, 500000.0, 1000000.0], 1.0, 500000.0) == [
        "0k", "500k", "1000k"]
    i18n = I18n(QCoreApplication.instance())
    try:
        i18n.install("zh_CN")
        assert axis.tickStrings([0.0, 500000.0, 1000000.0], 1.0, 500000.0) == [
            "0万", "50万", "100万"]
    finally:
        i18n.install("en")


# ---- by shift (issue #17: "a shift view groups by the shift periods the floor knows") ---


def test_by_shift_the_bar_offers_it_and_the_chart_draws_each_shift_labelled_as_kpi_prints(
        qtbot: QtBot, floor: str, engine: sa.Engine, ops: Ops,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The floor's policy has 白班 08:00–20:00 and 夜班 20:00–08:00: the 1st and 2nd
    by shift are four buckets, the night of the 1st one bar across midnight."""
    win = window(qtbot, engine, ops)
    bar = win.filter_bar
    assert bar.by_combo.findData("shift") >= 0
    bar.by_combo.setCurrentIndex(bar.by_combo.findData("shift"))
    cur = bar.current()
    assert cur is not None and cur.by == "shift"
    data = shown(qtbot, win, TrendFilter(date(2026, 3, 1), date(2026, 3, 2), "shift"))
    page = win.trends
    b = data.series.buckets
    assert [(x.start.strftime("%m-%d %H:%M"), x.end.strftime("%m-%d %H:%M"), x.shift)
            for x in b] == [("03-01 08:00", "03-01 20:00", "白班"),
                            ("03-01 20:00", "03-02 08:00", "夜班"),
                            ("03-02 08:00", "03-02 20:00", "白班"),
                            ("03-02 20:00", "03-03 08:00", "夜班")]
    assert b[0].counts is None  # the simulation starts at 20:00 on the 1st
    axis = page.axes["volume"]
    assert [axis.bucket_text(i) for i in range(4)] == [
        "03-01 白班", "03-01 夜班", "03-02 白班", "03-02 夜班"]
    # on the axis every shift has its label, the day named at its first shift
    assert axis.tickValues(-0.6, 3.6, 1300) == [(1.0, [0.0, 1.0, 2.0, 3.0])]
    assert axis.tickStrings([0.0, 1.0, 2.0, 3.0], 1.0, 1.0) == [
        "03-01 白班", "夜班", "03-02 白班", "夜班"]
    assert axis.tickStrings([1.0, 2.0], 1.0, 1.0) == ["03-01 夜班", "03-02 白班"]
    x, _ys = page.series["service_level"].getData()
    assert len(x) == 4
    doc = kpi_json(floor, date(2026, 3, 1), date(2026, 3, 2), "shift", capsys)
    assert [(r["start"], r["shift"]) for r in doc["rows"]] == [
        (x.start.isoformat(), x.shift) for x in b[1:]]
    with engine.connect() as conn:
        for i, (bk, row) in enumerate(zip(b[1:], doc["rows"], strict=True), start=1):
            fig = bk.figures(data.sl_threshold_s)
            direct = recount(conn, bk.start, bk.end)
            for name in FIGURES:
                assert close(fig[name], row[name]), (bk.start, name)
                if name in direct:
                    assert close(fig[name], direct[name]), (bk.start, name)
            _x, ys = page.series["service_level"].getData()
            assert close(ys[i] / 100, fig["service_level"])
    assert doc["total"]["offered"] == data.series.total().offered
    page.point_at(1)
    assert "03-01 夜班 20:00–08:00" in page.readout.text()
    # a weekend between office hours reads as one off-shift bucket, its end's day named
    fri, mon = datetime(2026, 12, 4, 17, 0, tzinfo=SH), datetime(2026, 12, 7, 8, 0, tzinfo=SH)
    assert texts.bucket_title(fri, mon, "shift", "") == "12-04 Off shift 17:00–12-07 08:00"
    assert str(b[1].figures(None)["offered"]) in page.readout.text()


def test_a_click_on_a_shift_opens_its_hours_and_compare_lays_shift_under_shift(
        qtbot: QtBot, engine: sa.Engine, ops: Ops) -> None:
    win = window(qtbot, engine, ops)
    shown(qtbot, win, TrendFilter(date(2026, 3, 1), date(2026, 3, 1), "shift"))
    page = win.trends
    seen: list[Any] = []
    page.on_shown = seen.append
    qtbot.mouseClick(page.glw.viewport(), Qt.MouseButton.LeftButton,
                     pos=_bucket_point(page, 1))  # the night of the 1st
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    # the night's hours: the evening of the 1st and the morning of the 2nd
    assert win.filter_bar.current() == TrendFilter(date(2026, 3, 1), date(2026, 3, 2), "hour")
    hours = seen[-1].series.buckets
    assert len(hours) == 48 and hours[20].counts is not None and hours[31].counts is not None
    assert drill_filter(TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "shift"),
                        date(2026, 3, 2), date(2026, 3, 2)) == \
        TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "hour")
    win.back_action.trigger()
    data = shown(qtbot, win, TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "shift"),
                 "previous")
    assert data.compare is not None
    assert [(o.start, o.shift) for o in data.compare.buckets] == [
        (a.start - timedelta(days=1), a.shift) for a in data.series.buckets]
    x, ys = page.compared["offered"].opts["x"], page.compared["offered"].opts["height"]
    night_before = data.compare.buckets[1].counts
    assert night_before is not None and night_before.offered in list(ys)
    assert len(x) == 1  # only the night of the 1st was on the floor
    page.point_at(1)
    assert "03-01 夜班" in page.readout.text().split("\n")[1]


def test_by_shift_the_xlsx_has_a_shift_column(qtbot: QtBot, floor: str, engine: sa.Engine,
                                              ops: Ops, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    win = window(qtbot, engine, ops)
    shown(qtbot, win, TrendFilter(date(2026, 3, 1), date(2026, 3, 2), "shift"))
    out = tmp_path / "班次.xlsx"
    win.ask_path = lambda *_a: str(out)
    win.export_xlsx()
    qtbot.waitUntil(lambda: out.exists() and win.status.tone.value == "ok", timeout=20000)
    ws = load_workbook(out).active
    assert "按班次" in str(ws.cell(1, 1).value)
    assert [c.value for c in ws[2]][:3] == ["时段", "班次", "呼入量"]
    body = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert [r[:2] for r in body] == [["2026-03-01 08:00", "白班"], ["2026-03-01 20:00", "夜班"],
                                     ["2026-03-02 08:00", "白班"], ["2026-03-02 20:00", "夜班"],
                                     ["合计", None]]
    doc = kpi_json(floor, date(2026, 3, 1), date(2026, 3, 2), "shift", capsys)
    assert [r[2] for r in body[1:4]] == [r["offered"] for r in doc["rows"]]
    assert body[-1][2] == doc["total"]["offered"]
    assert ws.cell(3, 6).number_format == "0.0%"  # 服务水平, one column further


# ---- staffed vs required, and the schedule fit (DOMAIN §7 排班契合度) ------------------


@pytest.fixture
def rostered(engine: sa.Engine) -> Iterator[sa.Engine]:
    """12 agents on the day shift (08:00–20:00) and 8 on the night shift (20:00–08:00)
    every day of 1–3 March, a leader too (not counted); removed afterwards (the floor
    is shared by the module)."""
    from models.db import shiftops
    from models.domain.shiftimport import RosterEntry

    days = [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)]
    entries = [RosterEntry(d, "白班", f"A{i:03d}") for d in days for i in range(12)]
    entries += [RosterEntry(d, "夜班", f"A{100 + i:03d}") for d in days for i in range(8)]
    entries += [RosterEntry(d, "白班", "L1", "leader") for d in days]
    shiftops.import_roster(engine, entries, by="D1", now=NOW)
    yield engine
    with engine.begin() as c:
        c.execute(sa.text("DELETE FROM roster_entry"))


def _mean(xs: list[Any]) -> float | None:
    known = [x for x in xs if x is not None]
    return sum(known) / len(known) if known else None


def test_staffed_rostered_and_required_are_the_staffing_pages_slots_averaged_per_bucket(
        qtbot: QtBot, rostered: sa.Engine, ops: Ops) -> None:
    """Issue #17 "staffed vs required": each bucket's agents logged in, rostered and
    required are the mean of the staffing page's per-slot figures over its 15-minute
    slots, and a day's fit is schedule_fit over that day's slots."""
    from models.db import staffing_db, store
    from models.domain.staffing_plan import BASIS_NOT_BUILT, schedule_fit

    first, last = date(2026, 3, 1), date(2026, 3, 3)
    win = window(qtbot, rostered, ops)
    data = shown(qtbot, win, TrendFilter(first, last, "day"))
    with rostered.connect() as c:
        plan = staffing_db.past_plan(c, store.current_state(c).policy, first, last)
    for b in data.series.buckets:
        day = [s for s in plan.slots if s.start.date() == b.start.date()]
        assert len(day) == 96
        st = b.staffing
        assert st is not None
        assert st.staffed == pytest.approx(_mean([s.staffed for s in day]))
        # the roster of the slots that were lived (rolled up), like the other two
        assert st.rostered == pytest.approx(_mean([s.rostered for s in day
                                                   if s.basis != BASIS_NOT_BUILT]))
        assert st.required == pytest.approx(_mean([s.to_roster for s in day]))
        assert st.fit == pytest.approx(schedule_fit(day))
    # 2 March counted by hand: 12 agents 08–20 (48 slots), 8 from the night before
    # until 08:00 (32 slots) and 8 from 20:00 (16 slots): 960 agent-slots ÷ 96
    mar2 = data.series.buckets[1].staffing
    assert mar2 is not None and mar2.rostered == pytest.approx(10.0)
    assert mar2.staffed is not None and mar2.staffed > 5  # the simulation's 24 agents
    assert mar2.required is not None and mar2.required > 0
    assert mar2.fit is not None and 0 <= mar2.fit < 1
    # 3 March was lived (rolled up) only until 02:00, when the simulation ends: its
    # roster is the night shift's 8 of those hours, not the day's 10 with the
    # day shift that had not come yet (a range running into days not yet lived)
    mar3 = data.series.buckets[2].staffing
    assert mar3 is not None and mar3.rostered == pytest.approx(8.0)
    # the whole range: the slots of all three days
    assert data.series.staffing.fit == pytest.approx(schedule_fit(plan.slots))
    # the page draws the same numbers, and the readout says them
    page = win.trends
    for f in ("staffed", "rostered", "required"):
        _x, ys = page.series[f].getData()
        assert ys[1] == pytest.approx(getattr(mar2, f)), f
    _x, fits = page.series["fit"].getData()
    assert fits[1] == pytest.approx(100 * mar2.fit)
    page.point_at(1)
    text = page.readout.text()
    assert "10.0 rostered" in text and f"{mar2.staffed:.1f} logged in" in text
    assert f"Schedule fit {100 * mar2.fit:.1f}%" in text
    assert not any(n.isVisible() for n in page.notes.values())
    # by hour: 09:00 on 2 March is its four slots averaged
    hours = shown(qtbot, win, TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "hour"))
    nine = [s for s in plan.slots if s.start.date() == date(2026, 3, 2)
            and s.start.hour == 9]
    st = hours.series.buckets[9].staffing
    assert st is not None and st.rostered == 12
    assert st.staffed == pytest.approx(_mean([s.staffed for s in nine]))
    assert st.required == pytest.approx(_mean([s.to_roster for s in nine]))
    assert st.fit == pytest.approx(schedule_fit(nine))
    # by shift: the day shift of 2 March is its 08:00–20:00 slots; its night shift runs
    # to 08:00 on the 3rd and holds all 48 of its slots (8 rostered in each)
    shifts = shown(qtbot, win, TrendFilter(date(2026, 3, 2), date(2026, 3, 2), "shift"))
    by_name = {b.shift: b for b in shifts.series.buckets}
    day_slots = [s for s in plan.slots if s.start.date() == date(2026, 3, 2)
                 and 8 <= s.start.hour < 20]
    st = by_name["白班"].staffing
    assert st is not None and st.rostered == 12
    assert st.required == pytest.approx(_mean([s.to_roster for s in day_slots]))
    assert st.fit == pytest.approx(schedule_fit(day_slots))
    night = by_name["夜班"]
    night_slots = [s for s in plan.slots
                   if (s.start.date() == date(2026, 3, 2) and s.start.hour >= 20)
                   or (s.start.date() == date(2026, 3, 3) and s.start.hour < 8)]
    assert len(night_slots) == 48
    assert night.staffing is not None and night.staffing.rostered == 8
    assert night.staffing.fit == pytest.approx(schedule_fit(night_slots))


def test_a_range_too_long_for_the_staffing_says_so_on_its_plots(
        qtbot: QtBot, engine: sa.Engine, ops: Ops) -> None:
    limit = trends_db.STAFFING_MAX_DAYS
    win = window(qtbot, engine, ops)
    first = date(2026, 1, 1)
    data = shown(qtbot, win, TrendFilter(first, first + timedelta(days=limit), "day"))
    assert data.staffing_max_days == limit and data.series.staffing is None
    assert all(b.staffing is None for b in data.series.buckets)
    page = win.trends
    for name in ("staffing", "fit"):
        note = page.notes[name]
        assert note.isVisible()
        assert note.text() == f"Staffing is shown for ranges of up to {limit} days"
    _x, ys = page.series["rostered"].getData()
    assert ys is None or not np.isfinite(ys).any()  # no line, no dots
    # the limit itself is read
    data = shown(qtbot, win, TrendFilter(first, first + timedelta(days=limit - 1), "day"))
    assert data.staffing_max_days is None and data.series.staffing is not None
    assert not any(n.isVisible() for n in page.notes.values())


def test_the_compared_periods_staffing_is_dashed_and_a_legend_click_hides_a_line(
        qtbot: QtBot, rostered: sa.Engine, ops: Ops) -> None:
    win = window(qtbot, rostered, ops)
    data = shown(qtbot, win, TrendFilter(date(2026, 3, 2), date(2026, 3, 3), "day"),
                 "previous")
    page = win.trends
    assert data.compare is not None and data.compare.staffing is not None
    old = page.compared["rostered"]
    assert old.isVisible() and old.opts["pen"].style() == Qt.PenStyle.DashLine
    _x, ys = old.getData()
    # the previous period: 28 Feb was not lived (nothing rolled up: no point) and of
    # 1 March only 20:00–24:00 was, the night shift's 8
    assert np.isnan(ys[0]) and ys[1] == pytest.approx(8.0)
    item = page.series["rostered"]
    sample = next(s for s, _l in page.legends["staffing"].items if s.item is item)
    pos = page.glw.mapFromScene(sample.sceneBoundingRect().center())
    qtbot.mouseClick(page.glw.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert not item.isVisible() and page.series["staffed"].isVisible()
    qtbot.mouseClick(page.glw.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert item.isVisible()
