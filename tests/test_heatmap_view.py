"""Issue #17: the SL heat map page — each cell's number and colour from the SL
recount of its weekday × hour against the policy's bands (DOMAIN §7), grey where no
call came, the counts on pointing, and a shift leader refused (both engines)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from console.league_backend import LeagueBackend
from console.ops import BackendContext, Ops
from models.domain.trends import TrendFilter
from tests.helpers import Clock
from tests.test_league import SH, floor, sl_recount  # noqa: F401 (the fixture)
from views import theme as themes
from views.director.heatmap import HeatmapPage

FLT = TrendFilter(date(2026, 3, 1), date(2026, 3, 2), queue="Q2")


@pytest.fixture
def bg(eng: sa.Engine, qapp: object) -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


def page(qtbot: QtBot, eng: sa.Engine, bg: Ops, who: str = "D1") -> HeatmapPage:
    p = HeatmapPage(LeagueBackend(BackendContext(
        eng, bg, who, Clock(datetime(2026, 3, 3, tzinfo=SH)), "PC-1")))
    qtbot.addWidget(p)
    p.resize(1366, 700)
    p.show_filter(FLT)
    return p


def test_each_cell_shows_its_sl_in_its_band_colour(qtbot: QtBot, floor: sa.Engine,  # noqa: F811
                                                  bg: Ops, eng: sa.Engine) -> None:
    p = page(qtbot, floor, bg)
    qtbot.waitUntil(lambda: p.heat is not None, timeout=20_000)
    colours = p.colours()
    image = p.image.image
    assert image is not None
    seen = set()
    with floor.connect() as c:
        # Monday 2026-03-02, 00:00–10:00 floor time
        for hour in range(10):
            lo = datetime(2026, 3, 2, hour, tzinfo=SH)
            _offered, sl = sl_recount(c, lo, lo + timedelta(hours=1), "Q2")
            assert sl is not None
            assert p.labels[hour][0].textItem.toPlainText() == f"{sl * 100:.0f}"
            band = "green" if sl >= 0.80 else "amber" if sl >= 0.70 else "red"
            seen.add(band)
            px = QColor(*[int(x) for x in image[hour, 0][:3]])
            assert px == QColor(colours[band].rgb()), (hour, sl)
    # a Wednesday noon had no calls: no number, the grey of "no data"
    assert p.labels[12][2].textItem.toPlainText() == ""
    px = QColor(*[int(x) for x in image[12, 2][:3]])
    assert px == QColor(colours["none"].rgb())
    text = p.hover_cell(0, 9)
    with floor.connect() as c:
        lo = datetime(2026, 3, 2, 9, tzinfo=SH)
        offered, sl = sl_recount(c, lo, lo + timedelta(hours=1), "Q2")
    assert f"{sl * 100:.1f}%" in text and str(offered) in text  # type: ignore[operator]
    assert p.hover_cell(2, 12).endswith("no calls")
    assert themes.current(p.palette()) is themes.LIGHT


def test_a_shift_leader_is_refused(qtbot: QtBot, floor: sa.Engine,  # noqa: F811
                                   bg: Ops, eng: sa.Engine) -> None:
    p = page(qtbot, floor, bg, who="L1")
    qtbot.waitUntil(lambda: "L1" in p.status.text(), timeout=20_000)
    assert p.heat is None
    assert all(lab.textItem.toPlainText() == "" for col in p.labels for lab in col)
