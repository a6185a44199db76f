"""The director's staffing page (views/director/staffing.py, issue #17 "Staffing"): what
the director sees for an answer — red bars where the roster is short, green where it
covers the need, the worst slot named, the schedule fit stated with its definition —
and the page on the real backend over a simulated floor, on SQLite and PostgreSQL
(the right to view trends refused for a shift leader; next month's plan exported)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlalchemy as sa
from PySide6.QtCore import QObject, QPointF
from pytestqt.qtbot import QtBot

from console.ops import BackendContext, Ops
from console.staffing_backend import StaffingBackend
from models.db import staffing_db
from models.domain.staffing_plan import Assumptions, SlotPlan, StaffingPlan, StaffingView
from models.domain.trends import TrendFilter
from tests.test_staffing_plan import NOW, TODAY, floor  # noqa: F401 (a fixture)
from views import theme as themes
from views.director.staffing import SLOT_H, StaffingPage
from views.kit.status import Tone

A = Assumptions("erlang_c", 0.8, 20.0, None, 0.3, 4, None, None, "Asia/Shanghai")
DAY = date(2026, 12, 8)  # a Tuesday


def slot(hh: int, mm: int, need: int | None, rostered: int, staffed: float | None = None,
         day: date = DAY) -> SlotPlan:
    return SlotPlan(datetime.combine(day, time(hh, mm)), None if need is None else 10.0, 200.0,
                    None if need is None else max(0, need - 2), need, rostered, staffed,
                    "weekday" if staffed is None else "actual", 4)


def day_plan(day: date, special: dict[tuple[int, int], SlotPlan]) -> StaffingPlan:
    slots = [special.get((h, m), slot(h, m, 0, 0, day=day))
             for h in range(24) for m in (0, 15, 30, 45)]
    return StaffingPlan(day, day, tuple(slots), A)


class Answer:
    """A request answered at once (the page's handlers run as the backend's would)."""

    def __init__(self, answer: Any = None, refusal: str | None = None) -> None:
        self.answer, self.refusal = answer, refusal
        self._done: Callable[[Any], None] | None = None
        self._refused: Callable[[str], None] | None = None

    def done(self, fn: Callable[[Any], None]) -> Answer:
        self._done = fn
        return self

    def refused(self, fn: Callable[[str], None]) -> Answer:
        self._refused = fn
        return self

    def conflict(self, fn: Callable[[Any], None]) -> Answer:
        return self

    def run(self) -> None:
        if self.refusal is not None:
            assert self._refused is not None
            self._refused(self.refusal)
        else:
            assert self._done is not None
            self._done(self.answer)


class Source:
    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.asked: list[TrendFilter] = []
        self.exports: list[tuple[date, str, str | None, str | None]] = []

    def staffing(self, owner: QObject, flt: TrendFilter) -> Answer:
        self.asked.append(flt)
        return self.answers.pop(0)

    def export_plan(self, owner: QObject, month: date, path: str, queue: str | None = None,
                    group: str | None = None) -> Answer:
        self.exports.append((month, path, queue, group))
        return Answer((2976, 12))


def page_for(qtbot: QtBot, source: Any) -> StaffingPage:
    p = StaffingPage(source, today=DAY)
    qtbot.addWidget(p)
    p.resize(1366, 700)
    p.show()
    return p


def heights(bars: Any) -> list[float]:
    return [float(h) for h in bars.opts["height"]]


def test_short_slots_are_red_bars_below_zero_and_covered_ones_green(qtbot: QtBot) -> None:
    ahead = day_plan(DAY, {(9, 0): slot(9, 0, 8, 5), (9, 15): slot(9, 15, 6, 5),
                           (9, 30): slot(9, 30, 4, 6), (10, 0): slot(10, 0, None, 3)})
    p = page_for(qtbot, Source(Answer(StaffingView(DAY, ahead, None, None))))
    p.show_filter(TrendFilter(DAY, DAY))
    assert sorted(heights(p.short_bars)) == [-3.0, -1.0]
    assert 2.0 in heights(p.ok_bars) and 3.0 not in heights(p.ok_bars)  # no need known: no bar
    th = themes.current(p.palette())
    assert p.short_bars.opts["brush"].color() == th.red
    assert p.ok_bars.opts["brush"].color() == th.green
    text = p.gap_summary.text()
    assert text.startswith("2 slots short of agents; the largest gap is -3 at 12-08 Tue 09:00 "
                           "(required 8, rostered 5).")
    assert "1 slots have no history to forecast from." in text
    assert p.past_box.isHidden()  # the range has no past days
    assert "12-08 to 12-08" in p.gap_box.title()
    # pointing at the 09:00 bar reads its slot
    vb = p.gap_plot.item.vb
    p._gap_moved(vb.mapViewToScene(QPointF(9 * 1 + SLOT_H / 2, -1)))
    assert p.gap_hover.text().startswith("12-08 Tue 09:00: calls 10.0, AHT 200 s, required 6 "
                                         "on the phones, 8 to roster, rostered 5, gap -3")


def test_the_past_range_shows_its_schedule_fit_with_the_definition(qtbot: QtBot) -> None:
    past_day = DAY - timedelta(days=1)
    past = day_plan(past_day, {(9, 0): slot(9, 0, 8, 6, 5.5, past_day),
                               (9, 15): slot(9, 15, 4, 4, 4.0, past_day)})
    fit = staffing_db.schedule_fit(past.slots)
    assert fit == pytest.approx(1 - 2 / 12)
    view = StaffingView(DAY, day_plan(DAY, {}), past, fit)
    p = page_for(qtbot, Source(Answer(view)))
    p.show_filter(TrendFilter(past_day, DAY))
    assert not p.past_box.isHidden()
    assert p.fit_label.text() == "Schedule fit 83.3%"
    assert "1 − Σ|rostered − required| ÷ Σ required" in p.fit_hint.text()
    assert "DOMAIN §7" in p.fit_hint.text()
    x, y = p.staffed_curve.getData()
    assert y is not None and 5.5 in list(y) and 4.0 in list(y)
    _x, need = p.required_curve.getData()
    assert need is not None and 8.0 in list(need)
    assert p.gap_summary.text() == "The roster covers the need in every slot."
    assert "Erlang C, 80% of calls answered within 20 s" in p.assumptions_label.text()
    assert "shrinkage 30%" in p.assumptions_label.text()


def test_a_refusal_is_shown_and_an_older_answer_never_replaces_a_newer_one(
        qtbot: QtBot) -> None:
    late = Answer(StaffingView(DAY, day_plan(DAY, {(9, 0): slot(9, 0, 8, 1)}), None, None))
    newer = StaffingView(DAY, day_plan(DAY, {(9, 0): slot(9, 0, 8, 7)}), None, None)
    refusal = "No permission: operator L1 (roles: 值班长) may not view trends and staffing"
    src = Source(late, Answer(newer), Answer(refusal=refusal))
    p = page_for(qtbot, src)
    late.run = lambda: None  # type: ignore[method-assign]  # answers after the next one
    p.show_filter(TrendFilter(DAY, DAY))
    p.show_filter(TrendFilter(DAY, DAY + timedelta(days=1)))
    Answer.run(late)  # the first filter's answer arrives last: dropped
    assert heights(p.short_bars) == [-1.0]
    p.show_filter(TrendFilter(DAY, DAY))
    assert p.status.text() == refusal and p.status.tone is Tone.ERROR


def test_export_asks_where_and_writes_next_month_for_the_filter(qtbot: QtBot,
                                                                tmp_path: Path) -> None:
    src = Source(Answer(StaffingView(DAY, day_plan(DAY, {}), None, None)))
    p = page_for(qtbot, src)
    p.show_filter(TrendFilter(DAY, DAY, queue="Q1", group="G2"))
    assert p.month_combo.currentText() == "2027-01"  # next month is due by the 25th
    asked: list[str] = []

    def where(suggested: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "plan")

    p._save_dialog = where  # type: ignore[method-assign]
    p.export_button.click()
    assert asked == ["staffing plan 2027-01.xlsx"]
    assert src.exports == [(date(2027, 1, 1), str(tmp_path / "plan.xlsx"), "Q1", "G2")]
    assert p.status.tone is Tone.OK and "2976 slots, 12 short of agents" in p.status.text()
    assert p.export_button.isEnabled()


# ---- on the real backend ----------------------------------------------------------------


@pytest.fixture
def bg(qapp: object) -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


def real_page(qtbot: QtBot, eng: sa.Engine, ops: Ops, who: str) -> StaffingPage:
    backend = StaffingBackend(BackendContext(eng, ops, who, lambda: NOW, "PC-1"))
    p = StaffingPage(backend, today=TODAY)
    qtbot.addWidget(p)
    p.resize(1366, 700)
    return p


def test_the_page_on_the_real_backend_draws_the_database_s_gap_and_exports_the_plan(
        qtbot: QtBot, floor: sa.Engine, bg: Ops, tmp_path: Path) -> None:  # noqa: F811
    p = real_page(qtbot, floor, bg, "D1")
    with qtbot.waitSignal(p.loaded, timeout=30_000):
        p.show_filter(TrendFilter(date(2026, 11, 16), date(2026, 11, 16)))
    want = staffing_db.staffing_view(floor, "D1", TrendFilter(date(2026, 11, 16),
                                                              date(2026, 11, 16)), NOW)
    gaps = [float(s.gap) for s in want.ahead.slots if s.gap is not None]
    assert sorted(heights(p.short_bars) + heights(p.ok_bars)) == sorted(gaps)
    assert heights(p.short_bars) and all(h < 0 for h in heights(p.short_bars))
    assert p.fit_label.text() == f"Schedule fit {100 * (want.fit or 0):.1f}%"
    assert p.month_combo.currentText() == "2026-12"
    p._save_dialog = lambda suggested: str(tmp_path / "plan.xlsx")  # type: ignore[method-assign]
    with qtbot.waitSignal(p.exported, timeout=60_000):
        p.export_plan()
    assert p.status.tone is Tone.OK, p.status.text()
    wb = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert wb.sheetnames == ["2026年12月", "每日汇总"]
    assert wb["2026年12月"].max_row == 3 + 31 * 96


def test_a_shift_leader_sees_the_refusal_and_no_chart(qtbot: QtBot, floor: sa.Engine,  # noqa: F811
                                                      bg: Ops, tmp_path: Path) -> None:
    p = real_page(qtbot, floor, bg, "L1")
    with qtbot.waitSignal(p.loaded, timeout=30_000):
        p.show_filter(TrendFilter(date(2026, 11, 16), TODAY))
    assert p.status.tone is Tone.ERROR and "L1" in p.status.text()
    assert heights(p.short_bars) == [] and p.past_box.isHidden()
    p._save_dialog = lambda suggested: str(tmp_path / "plan.xlsx")  # type: ignore[method-assign]
    with qtbot.waitSignal(p.exported, timeout=30_000):
        p.export_plan()
    assert p.status.tone is Tone.ERROR and "L1" in p.status.text()
    assert not (tmp_path / "plan.xlsx").exists()


def test_the_page_answers_in_the_floor_s_day_not_the_pc_s(qtbot: QtBot) -> None:
    """The months offered follow the floor's today from the answer, not the day the
    page was made with (a PC whose clock is off does not change what is due)."""
    other = date(2027, 3, 30)
    p = page_for(qtbot, Source(Answer(StaffingView(other, day_plan(other, {}), None, None))))
    assert p.month_combo.currentText() == "2027-01"
    p.show_filter(TrendFilter(other, other))
    assert p.month_combo.currentText() == "2027-04"
    assert [p.month_combo.itemText(i) for i in range(3)] == ["2027-03", "2027-04", "2027-05"]


def test_a_long_past_range_is_drawn_per_week_in_agent_hours(qtbot: QtBot) -> None:
    """A quarter of slots is a solid band: past 31 days the page sums agent-hours per
    day, week or month (the filter's step), and a year of slots draws at all (pyqtgraph's
    downsampling once broke step lines of that length)."""
    first = date(2026, 9, 7)  # a Monday
    slots = tuple(SlotPlan(datetime.combine(first, time()) + timedelta(minutes=15 * i), 10.0,
                           200.0, 6, 8, 4 if (i // 96) % 7 < 5 else 0, 4.0, "actual")
                  for i in range(13 * 7 * 96))
    past = StaffingPlan(first, first + timedelta(days=13 * 7 - 1), slots, A)
    fit = staffing_db.schedule_fit(slots)
    year = StaffingPlan(date(2025, 12, 1), date(2026, 11, 30), tuple(
        SlotPlan(datetime.combine(date(2025, 12, 1), time()) + timedelta(minutes=15 * i),
                 10.0, 200.0, 6, 8, i % 11, float(i % 7), "actual") for i in range(365 * 96)), A)
    p = page_for(qtbot, Source(Answer(StaffingView(DAY, day_plan(DAY, {}), past, fit)),
                               Answer(StaffingView(DAY, day_plan(DAY, {}), year, None))))
    p.show_filter(TrendFilter(past.first, past.last, by="week"))
    assert len(p.buckets) == 13
    _x, rostered = p.rostered_curve.getData()
    assert rostered is not None
    # 5 days × 96 slots × 4 agents × ¼ h, each week drawn as one step (start and end)
    assert sorted(set(float(v) for v in rostered)) == [480.0]
    _x, need = p.required_curve.getData()
    assert need is not None and set(float(v) for v in need) == {7 * 96 * 8 * 0.25}
    assert p.past_plot.item.getAxis("left").labelText == "Agent-hours"
    x = p.past_plot.x_of(datetime(2026, 9, 16, 12, 0))
    p._past_moved(p.past_plot.item.vb.mapViewToScene(QPointF(x, 100)))
    # fit: 1 − (5 days × 96 × |4 − 8| + 2 days × 96 × 8) ÷ (7 × 96 × 8) = 35.7 %
    assert p.past_hover.text() == ("2026-09-14 to 2026-09-20: logged in 672 agent-hours, "
                                   "rostered 480, required 1344; schedule fit 35.7%")
    p.show_filter(TrendFilter(year.first, year.last, by="hour"))  # drawn per day
    assert len(p.buckets) == 365
    p.grab()  # paints a year without an exception


def test_an_unreachable_database_is_one_line_on_the_page(qtbot: QtBot, bg: Ops,
                                                        tmp_path: Path) -> None:
    from models.db import engine as dbengine

    e = dbengine.make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")
    try:
        p = real_page(qtbot, e, bg, "D1")
        with qtbot.waitSignal(p.loaded, timeout=30_000):
            p.show_filter(TrendFilter(TODAY, TODAY))
        assert p.status.tone is Tone.ERROR
        assert p.status.text().startswith("The floor database cannot be reached: ")
        assert "\n" not in p.status.text() and "Traceback" not in p.status.text()
        p._save_dialog = lambda suggested: str(tmp_path / "x.xlsx")  # type: ignore[method-assign]
        with qtbot.waitSignal(p.exported, timeout=30_000):
            p.export_plan()
        assert p.status.text().startswith("The floor database cannot be reached: ")
        assert not (tmp_path / "x.xlsx").exists()
    finally:
        bg.wait(10)
        e.dispose()


def test_days_nobody_is_rostered_on_are_named_as_a_roster_not_made_yet() -> None:
    """A week ahead whose roster stops after Tuesday: every later slot is short, and
    the summary says why instead of only counting the gap (R-REPORT-1)."""
    made = day_plan(DAY, {(9, 0): slot(9, 0, 4, 5)})
    bare = [s for d in range(1, 4) for s in day_plan(DAY + timedelta(days=d), {
        (9, 0): slot(9, 0, 4, 0, day=DAY + timedelta(days=d))}).slots]
    plan = StaffingPlan(DAY, DAY + timedelta(days=3), made.slots + tuple(bare), A)
    assert plan.unrostered_days() == [DAY + timedelta(days=d) for d in range(1, 4)]
    text = StaffingPage.gap_text(plan)
    assert "Nobody is rostered on 3 day(s) (12-09 to 12-11)" in text
    assert "Nobody is rostered" not in StaffingPage.gap_text(made)
    # a day that needs nobody (no calls forecast) is not a roster missing
    quiet = day_plan(DAY + timedelta(days=4), {})
    assert StaffingPlan(quiet.first, quiet.last, quiet.slots, A).unrostered_days() == []
