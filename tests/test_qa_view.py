"""The quality-inspection screens (质量监控, issue #18; DOMAIN §7 and §8): a sheet is
checked (dry run) and then imported through the widget; a bad sheet lists each bad
row and imports nothing; the control chart draws exactly the engine's centre line,
limits and signals; the register shows who has fewer than 3 scored this week; the
menu item is offered only to operators with the right to keep QA scores. Real
backend and database, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.ops import BackendContext, Ops
from console.qa_backend import QaBackend
from models.db import qa_db
from models.db.schema import AuditLogRow, QaScoreRow
from models.domain.qa_chart import RULES
from models.domain.roles import Role
from tests.helpers import Clock, floor_engine, seed_floor, seed_operators
from tests.test_qa_chart import D0, scored  # noqa: F401 (the fixture)
from tests.test_signin_console import RoleBackend, _settings
from views.kit.status import Tone
from views.main_window import MainWindow
from views.msg import tr_msg
from views.qa.chart import steps
from views.qa.panel import QaPanel
from views.theme import LIGHT

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


@pytest.fixture
def bg(qapp: object) -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


@pytest.fixture
def floor(db_url: str) -> Iterator[sa.Engine]:
    """A shift leader L1, a wall screen W1; agents 1001, 1002 (group G1), queue Q1."""
    with floor_engine(db_url) as e:
        seed_operators(e, [("A1", "管理员", ["admin"]), ("L1", "张班长", ["shift_leader"]),
                           ("W1", "大屏", ["wallboard"])], now=NOW)
        seed_floor(e, NOW, groups=[{"id": "G1", "name": "一班"}],
                   queues=[{"id": "Q1", "name": "12345热线"}],
                   agents=[{"id": "1001", "name": "赵一", "group": "G1"},
                           {"id": "1002", "name": "钱二", "group": "G1"}])
        yield e


def panel(qtbot: QtBot, eng: sa.Engine, bg: Ops, who: str = "L1") -> QaPanel:
    p = QaPanel(QaBackend(BackendContext(eng, bg, who, Clock(NOW), "PC-1")))
    qtbot.addWidget(p)
    return p


def loaded(qtbot: QtBot, p: QaPanel) -> None:
    qtbot.waitUntil(lambda: p.choices is not None, timeout=20_000)


def n_scores(eng: sa.Engine) -> int:
    with eng.connect() as c:
        return int(c.execute(sa.select(sa.func.count()).select_from(QaScoreRow)).scalar_one())


# ---- import -------------------------------------------------------------------------------


def test_a_sheet_is_checked_first_then_imported_through_the_widget(
        qtbot: QtBot, floor: sa.Engine, bg: Ops, tmp_path: Path,
        qtmodeltester: ModelTester) -> None:
    f = tmp_path / "质检12月.csv"
    f.write_text("日期,工号,通话编号,质检员,总分,开场白\n2026-12-01,1001,C1,王质检,92,5\n"
                 "2026-12-02,1002,C2,王质检,85.5,4\n2026-12-02,1001,OLD-7,李质检,78,3\n",
                 encoding="utf-8")
    p = panel(qtbot, floor, bg)
    loaded(qtbot, p)
    page = p.import_page
    assert not page.import_button.isEnabled()  # nothing checked yet
    page.ask_path = lambda: str(f)
    page.choose_button.click()
    qtbot.waitUntil(lambda: page.answer is not None, timeout=20_000)
    qtmodeltester.check(page.model)
    # the dry run: counted, the unknown call named, nothing kept
    assert page.status.text() == ("质检12月.csv: checked 3 score(s), nothing imported (dry "
                                  "run): 3 would be new, 0 would replace earlier ones, 0 "
                                  "unchanged; 0 linked to a call")
    assert page.model.rows() == [("warning", "质检12月.csv", "line 2",
                                  "call C1 is not in the call records: kept, not linked to a "
                                  "call"),
                                 ("warning", "质检12月.csv", "line 3",
                                  "call C2 is not in the call records: kept, not linked to a "
                                  "call"),
                                 ("warning", "质检12月.csv", "line 4",
                                  "call OLD-7 is not in the call records: kept, not linked "
                                  "to a call")]
    assert n_scores(floor) == 0
    assert page.import_button.isEnabled()
    page.import_button.click()
    qtbot.waitUntil(lambda: page.status.tone is Tone.OK, timeout=20_000)
    assert page.status.text().startswith("质检12月.csv: imported 3 score(s): 3 new")
    assert n_scores(floor) == 3
    assert not page.import_button.isEnabled()  # imported: not twice by a second click
    with floor.connect() as c:
        assert c.execute(sa.select(AuditLogRow.action, AuditLogRow.operator)
                         .where(AuditLogRow.action == "qa_import")).all() == [("qa_import", "L1")]


def test_a_bad_sheet_lists_every_bad_row_and_imports_nothing(
        qtbot: QtBot, floor: sa.Engine, bg: Ops, tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("日期,工号,通话编号,质检员,总分\n2026-12-01,1001,C1,王质检,92\n"
                 "2026-12-01,1099,C2,王质检,90\n2026-13-01,1002,C3,王质检,88\n"
                 "2026-12-01,1002,C4,,101\n", encoding="utf-8")
    p = panel(qtbot, floor, bg)
    loaded(qtbot, p)
    page = p.import_page
    page.check(str(f))
    qtbot.waitUntil(lambda: page.answer is not None, timeout=20_000)
    assert page.model.rows() == [
        ("error", "bad.csv", "line 3", "agent 1099 is not in the floor setup"),
        ("error", "bad.csv", "line 4", "the date 2026-13-01 is not a date (use YYYY-MM-DD)"),
        ("error", "bad.csv", "line 5", "the inspector (质检员) is empty; the total 101 is not "
                                       "between 0 and 100")]
    assert page.status.tone is Tone.ERROR
    assert page.status.text() == "bad.csv: 3 bad row(s), nothing imported"
    assert not page.import_button.isEnabled()
    page.do_import()  # even asked straight: the good first row is not kept either
    qtbot.waitUntil(lambda: page.status.text() != "Importing…", timeout=20_000)
    assert len(page.model.rows()) == 3 and n_scores(floor) == 0


def test_a_file_that_cannot_be_read_is_one_line(qtbot: QtBot, floor: sa.Engine, bg: Ops,
                                                tmp_path: Path) -> None:
    p = panel(qtbot, floor, bg)
    loaded(qtbot, p)
    p.import_page.check(str(tmp_path / "missing.csv"))
    qtbot.waitUntil(lambda: p.import_page.status.tone is Tone.ERROR, timeout=20_000)
    text = p.import_page.status.text()
    assert "missing.csv" in text and "\n" not in text and "Traceback" not in text
    assert p.import_page.model.rows() == [] and not p.import_page.import_button.isEnabled()


# ---- the control chart --------------------------------------------------------------------


def test_the_chart_draws_the_engines_limits_and_marks_its_signals(
        qtbot: QtBot, scored: str, bg: Ops) -> None:  # noqa: F811
    with floor_engine(scored) as eng:
        p = panel(qtbot, eng, bg)
        loaded(qtbot, p)
        page = p.chart_page
        last = date(2026, 11, 29)
        # by default the baseline is the 8 weeks before the chart: G1 has no score there
        page.set_range(D0, last)
        page.select("agent", "1001")
        qtbot.waitUntil(lambda: page.status.tone is Tone.ERROR, timeout=20_000)
        assert page.baseline_range() == (date(2026, 9, 7), date(2026, 11, 1))
        assert "No baseline" in page.status.text() and "\n" not in page.status.text()
        assert page.chart.means.getData()[0] is None or len(page.chart.means.getData()[0]) == 0
        # an empty chart keeps the scores' scale (it read "Score (x0.001)", -400…400)
        lo, hi = page.chart.plot.viewRange()[1]
        assert lo <= 0 and 100 <= hi < 120
        assert not page.chart.plot.getAxis("left").autoSIPrefix
        # the chart's own range as the baseline (0 weeks)
        with qtbot.waitSignal(page.drawn, timeout=20_000):
            page.base_spin.setValue(0)
        want = qa_db.control_chart(eng, "L1", agent="1001", first=D0, last=last, per="week",
                                   base_first=D0, base_last=last).chart
        ch = page.chart
        xs, ys = ch.means.getData()
        assert list(ys) == [pt.mean for pt in want.points] == [80.0, 80.0, 61.0]
        assert list(ch.centre.getData()[1]) == [want.base.mean, want.base.mean]
        for k in (1, 2, 3):
            up = steps([want.base.limits(pt.n, float(k))[1] for pt in want.points])
            lo = steps([want.base.limits(pt.n, float(k))[0] for pt in want.points])
            assert np.allclose(ch.above[k].getData()[1], up[1])
            assert np.allclose(ch.below[k].getData()[1], lo[1])
        assert np.allclose(ch.above[3].getData()[1][::2],
                           [want.limits(i)[1] for i in range(len(want.points))])
        # the points in red are exactly the engine's signals, and listed beside the chart
        marked = sorted({s.index for s in want.signals})
        assert marked == [2]
        fx, fy = ch.flagged.getData()
        assert list(fx) == marked and list(fy) == [61.0]
        assert [r[:3] for r in page.signals_model.rows()] == [(2, "week of 2026-11-23", "61.00")]
        assert page.signals_model.rows()[0][3] == "\n".join(
            f"rule {s.rule}: {tr_msg(RULES[s.rule])} (below)" for s in want.signals)
        assert page.status.tone is Tone.WARN
        ch.point_at(2)
        assert ch.readout.text().startswith("week of 2026-11-23: mean 61.00 of 2 score(s)")


def test_a_groups_chart_by_day_is_the_engines(qtbot: QtBot, scored: str,  # noqa: F811
                                              bg: Ops) -> None:
    with floor_engine(scored) as eng:
        p = panel(qtbot, eng, bg)
        loaded(qtbot, p)
        page = p.chart_page
        page.base_spin.setValue(0)
        page.set_per("day")
        with qtbot.waitSignal(page.drawn, timeout=20_000):
            page.set_range(D0, date(2026, 11, 29), group="G1")
        want = qa_db.control_chart(eng, "L1", group="G1", first=D0, last=date(2026, 11, 29),
                                   per="day", base_first=D0, base_last=date(2026, 11, 29)).chart
        assert len(want.points) == 12
        assert list(page.chart.means.getData()[1]) == [pt.mean for pt in want.points]
        assert list(page.chart.flagged.getData()[0]) == sorted({s.index for s in want.signals})
        assert page.baseline_text.text().startswith("baseline: 12 scores of group 一班 from "
                                                    "2026-11-02 to 2026-11-29")


# ---- the week's register --------------------------------------------------------------------


def test_the_register_shows_who_has_fewer_than_three_scored_this_week(
        qtbot: QtBot, scored: str, bg: Ops, qtmodeltester: ModelTester) -> None:  # noqa: F811
    with floor_engine(scored) as eng:
        p = panel(qtbot, eng, bg)
        loaded(qtbot, p)
        page = p.week_page
        page.set_week(date(2026, 11, 25))  # a Wednesday: its week from Monday 11-23
        qtbot.waitUntil(lambda: page.week is not None
                        and page.week.monday == date(2026, 11, 23), timeout=20_000)
        qtmodeltester.check(page.register_model)
        assert page.register_model.rows() == [("1001", "赵一", "一班", 2, 1, 0),
                                              ("1002", "钱二", "一班", 0, 3, 0),
                                              ("1003", "孙三", "二班", 0, 3, 0)]
        assert page.status.text().startswith(
            "3 of 3 agent(s) have fewer than 3 calls scored this week")
        # who answered too few calls to sample is in the tooltip, not a line each: on a
        # floor of 30 the lines made the director's window 929 px tall on a 768 screen
        assert page.status.text().count("\n") == 1
        assert "3 of them answered too few unscored calls" in page.status.text()
        assert [line.split(":")[0] for line in page.status.toolTip().splitlines()] == [
            "1001 赵一", "1002 钱二", "1003 孙三"]
        assert "2026-W48" in page.week_label.text()
        page.set_week(D0)
        qtbot.waitUntil(lambda: page.week is not None and page.week.monday == D0,
                        timeout=20_000)
        # 1001 four scores, 1002 three: only 1003 is below three
        assert page.register_model.rows() == [("1003", "孙三", "二班", 0, 3, 0)]


# ---- who is offered the screen --------------------------------------------------------------


@pytest.mark.parametrize(("roles", "offered"), [
    ({Role.SHIFT_LEADER}, True), ({Role.DIRECTOR}, True), ({Role.DEPARTMENT_HEAD}, True),
    ({Role.WALLBOARD}, False), ({Role.ADMIN}, False)])
def test_the_menu_item_is_offered_only_with_the_right_to_keep_qa(
        qtbot: QtBot, tmp_path: Path, roles: set[Role], offered: bool) -> None:
    w = MainWindow(RoleBackend(roles), LIGHT, lambda: NOW, _settings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    assert w.shift_actions["qa"].isVisible() is offered
    assert w.shift_actions["qa"].isEnabled() is offered


def test_an_operator_without_the_right_is_told_in_one_line(qtbot: QtBot, floor: sa.Engine,
                                                           bg: Ops) -> None:
    p = panel(qtbot, floor, bg, who="W1")
    qtbot.waitUntil(lambda: p.status.tone is Tone.ERROR, timeout=20_000)
    assert p.status.text() and "\n" not in p.status.text() and p.choices is None


# ---- the director's 质检 page -----------------------------------------------------------------


def test_the_directors_quality_page_charts_the_windows_range_when_shown(
        qtbot: QtBot, scored: str, bg: Ops) -> None:  # noqa: F811
    from console.director_app import build_window
    from models.domain.trends import TrendFilter
    from views.qa.panel import QaPage

    with floor_engine(scored) as eng:
        win = build_window(BackendContext(eng, bg, "L1", Clock(NOW), "PC-1"))
        qtbot.addWidget(win)
        win.show()
        page = next(win.tabs.widget(i) for i in range(win.tabs.count())
                    if isinstance(win.tabs.widget(i), QaPage))
        assert isinstance(page, QaPage)
        page.chart_page.base_spin.setValue(0)
        win.filter_bar.set_filter(TrendFilter(D0, date(2026, 11, 29), "week", None, "G1"))
        assert page.choices is None  # not shown yet: not read
        win.tabs.setCurrentWidget(page)
        qtbot.waitUntil(lambda: page.chart_page.data is not None, timeout=20_000)
        d = page.chart_page.data
        assert (d.group, d.agent, d.per, d.first, d.last) == ("G1", None, "week", D0,
                                                               date(2026, 11, 29))
        assert [pt.start for pt in d.chart.points] == [D0, date(2026, 11, 9),
                                                       date(2026, 11, 23)]
        # the page has its own range: the window's filter bar (queue, compare, which it
        # would contradict) is hidden here, and coming back keeps what the page shows
        assert not win.filter_bar.isVisible()
        page.chart_page.set_range(D0, date(2026, 11, 22), "G1")
        qtbot.waitUntil(lambda: page.chart_page.data is not None
                        and page.chart_page.data.last == date(2026, 11, 22), timeout=20_000)
        # shown again (the window hands it its filter each time): the page's range stands
        page.show_filter(TrendFilter(D0, date(2026, 11, 29), "week", None, "G1"))
        assert page.chart_page.to_edit.date().toPython() == date(2026, 11, 22)


def test_the_proposed_calls_can_be_copied_and_saved_for_the_inspectors(
        qtbot: QtBot, floor: sa.Engine, bg: Ops, tmp_path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from models.db import store
    from models.db.schema import CallRecordRow

    t0 = datetime(2026, 12, 7, 0, 30, tzinfo=UTC)  # 08:30 floor time, Monday of 2026-W50
    with store.writing(floor).begin() as c:
        for i in range(4):
            t = t0.replace(minute=30 + i)
            c.execute(sa.insert(CallRecordRow).values(
                call_id=f"K{i}", queue_id="Q1", agent_id="1001", outcome="answered",
                queued_at=t, answered_at=t, ended_at=t, wait_s=3.0, talk_s=60.0))
    p = panel(qtbot, floor, bg)
    loaded(qtbot, p)
    page = p.week_page
    qtbot.waitUntil(lambda: page.week is not None, timeout=20_000)
    rows = page.sample_model.rows()
    want = qa_db.week(floor, "L1", date(2026, 12, 7))
    one = next(x for x in want.lines if x.agent == "1001")
    assert [r[2] for r in rows] == [c.call for c in one.proposed] and len(rows) == 3
    assert all(r[0] == "1001" and r[3].startswith("12-07 08:3") for r in rows)
    assert page.copy_button.isEnabled()
    page.copy_button.click()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "Agent\tName\tCall\tAnswered at\tShift"
    assert lines[1:] == ["\t".join(r) for r in rows]
    out = tmp_path / "sample"
    page.ask_path = lambda: str(out)
    page.export_button.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("Saved"), timeout=20_000)
    raw = (tmp_path / "sample.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the Chinese names with the BOM
    assert raw.decode("utf-8-sig").splitlines() == [",".join(x) for x in (
        ["Agent", "Name", "Call", "Answered at", "Shift"], *rows)]
