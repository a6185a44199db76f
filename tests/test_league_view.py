"""Issue #17: the director's league page — sorted by value, percentages and times as
a person reads them, the alerts by rule on pointing, the queue hint, the export
equal to the table, and a shift leader's refusal shown as one line (both engines)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.league_backend import LeagueBackend
from console.ops import BackendContext, Ops
from models.domain.trends import TrendFilter
from models.reports import league_xlsx
from tests.helpers import Clock
from tests.test_league import DAY, at, scripted  # noqa: F401 (the fixture)
from views.director.league import (
    COL_ADHERENCE,
    COL_ALERTS,
    COL_CALLS,
    COL_ID,
    COL_OVER,
    LeaguePage,
)


@pytest.fixture
def bg(eng: sa.Engine, qapp: object) -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


def page(qtbot: QtBot, eng: sa.Engine, bg: Ops, who: str = "D1",
         flt: TrendFilter | None = None) -> LeaguePage:
    p = LeaguePage(LeagueBackend(BackendContext(eng, bg, who, Clock(at(22)), "PC-1")))
    qtbot.addWidget(p)
    p.show_filter(flt or TrendFilter(DAY, DAY))
    return p


def shown(p: LeaguePage, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
    return [p.proxy.index(i, col).data(role) for i in range(p.proxy.rowCount())]


def test_the_table_shows_and_sorts_the_figures(qtbot: QtBot, scripted: sa.Engine,  # noqa: F811
                                               bg: Ops, qtmodeltester: ModelTester) -> None:
    p = page(qtbot, scripted, bg)
    qtbot.waitUntil(lambda: p.league is not None, timeout=20_000)
    qtmodeltester.check(p.model)
    assert p.proxy.rowCount() == 3
    assert not p.hint.isVisible()  # no queue chosen: nothing to explain
    p.table.sortByColumn(COL_ADHERENCE, Qt.SortOrder.DescendingOrder)
    # by value, not by text; an agent without a roster ("—") last
    assert shown(p, COL_ID) == ["1001", "1002", "1003"]
    assert shown(p, COL_ADHERENCE) == ["95.8%", "86.8%", "—"]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert shown(p, COL_CALLS, Qt.ItemDataRole.TextAlignmentRole) == [right] * 3
    assert shown(p, COL_OVER) == ["0", "1", "0"]
    tip = shown(p, COL_ALERTS, Qt.ItemDataRole.ToolTipRole)[1]
    assert isinstance(tip, str) and "R-BREAK-1" in tip and tip.endswith("1")
    assert "12.0" in str(shown(p, COL_ADHERENCE, Qt.ItemDataRole.ToolTipRole)[0])
    assert p.export_button.isEnabled()


def test_export_writes_the_rows_as_sorted_with_chinese_headers(
        qtbot: QtBot, scripted: sa.Engine, bg: Ops, tmp_path: Path) -> None:  # noqa: F811
    p = page(qtbot, scripted, bg)
    qtbot.waitUntil(lambda: p.league is not None, timeout=20_000)
    p.table.sortByColumn(COL_ADHERENCE, Qt.SortOrder.AscendingOrder)
    target = tmp_path / "排名"
    p.ask_path = lambda: str(target)
    p.export_xlsx()
    qtbot.waitUntil(lambda: p.export_button.isEnabled(), timeout=20_000)
    assert str(target) + ".xlsx" in p.status.text()
    ws = load_workbook(str(target) + ".xlsx").active
    assert ws is not None
    header = [c.value for c in ws[league_xlsx.HEADER_ROW]]
    assert header[0] == "工号" and header[-1].startswith("R-BREAK-1")
    ids = [r[0].value for r in ws.iter_rows(min_row=league_xlsx.HEADER_ROW + 1)]
    assert ids == shown(p, COL_ID) == ["1003", "1002", "1001"]


def test_export_to_a_folder_that_cannot_be_written_says_so(
        qtbot: QtBot, scripted: sa.Engine, bg: Ops, tmp_path: Path) -> None:  # noqa: F811
    p = page(qtbot, scripted, bg)
    qtbot.waitUntil(lambda: p.league is not None, timeout=20_000)
    p.ask_path = lambda: str(tmp_path / "no-such-folder" / "x.xlsx")
    p.export_xlsx()
    qtbot.waitUntil(lambda: p.export_button.isEnabled(), timeout=20_000)
    text = p.status.text()
    assert "no-such-folder" in text and "Traceback" not in text and "\n" not in text


def test_a_shift_leader_sees_the_refusal_and_no_figures(qtbot: QtBot,
                                                       scripted: sa.Engine,  # noqa: F811
                                                       bg: Ops) -> None:
    p = page(qtbot, scripted, bg, who="L1", flt=TrendFilter(DAY, DAY, queue="Q1"))
    qtbot.waitUntil(lambda: p.status.text() != "" and p._seq == 1
                    and "…" not in p.status.text(), timeout=20_000)
    assert p.proxy.rowCount() == 0 and not p.export_button.isEnabled()
    assert "L1" in p.status.text() and "\n" not in p.status.text()
    assert p.hint.isVisibleTo(p)  # a queue was chosen: the page says it does not apply


def test_a_range_without_history_says_so(qtbot: QtBot, scripted: sa.Engine,  # noqa: F811
                                         bg: Ops) -> None:
    p = page(qtbot, scripted, bg, flt=TrendFilter(date(2026, 1, 5), date(2026, 1, 11)))
    qtbot.waitUntil(lambda: p.league is not None, timeout=20_000)
    assert p.proxy.rowCount() == 0 and not p.export_button.isEnabled()
    assert p.status.text() == "No agent was logged in or rostered in this range."
