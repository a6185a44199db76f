"""The trends page (趋势, issue #17): the floor's history as charts.

Eight plots, created once and fed with ``setData``: offered / answered / abandoned
bars; service level and 接通率 (R-KPI-1) with the policy's target bands shaded;
occupancy; ASA; AHT; staffed vs required (the agents logged in, rostered and
required, each the average over the bucket's 15-minute slots) and the schedule fit
(排班契合度, DOMAIN §7) of each bucket beside it — the staffing page's per-slot
figures, read only for ranges of up to ``Trends.staffing_max_days`` days (a longer
range says so on those two plots). The x axis is the filter's buckets (0 … n-1) labelled with
their dates on the floor's clock; a compared period is drawn under them bucket by
bucket, dashed (lines) or outlined (bars). A crosshair snapped to the bucket under
the mouse shows every value there in one line; a legend entry's click hides or
shows its series; a click on a month's bucket shows that month by day, a day's
bucket that day by hour, a shift's bucket the day(s) it spans by hour (``drill``).
By shift the axis reads "12-03 夜班" (班外 between shifts).

The page never reads the database: it asks its source (the console's backend)
and draws the answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Protocol, cast

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsSimpleTextItem,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain import kpi
from models.domain.trend_data import FIGURES, PERCENT, STAFFING, Trends
from models.domain.trends import TrendFilter
from views import theme as themes
from views.director import texts
from views.kit.dates import month_end
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine

#: the plots, in the grid's order (row by row, two columns), and what each draws
PLOTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("volume", ("offered", "answered", "abandoned")),
    ("service_level", ("service_level",)),
    ("answer_rate", ("answer_rate",)),
    ("occupancy", ("occupancy",)),
    ("asa_s", ("asa_s",)),
    ("aht_s", ("aht_s",)),
    ("staffing", ("staffed", "rostered", "required")),
    ("fit", ("fit",)),
)
#: what a plot draws as a percentage (0 … 100, the y range fixed)
SHOWN_PERCENT = PERCENT | {"fit"}
#: the plots of the staffing figures (not read for a long range: they say so)
STAFFING_PLOTS = ("staffing", "fit")
#: the smallest height of a plot row (title, plot, axis): at 1366×768 the charts
#: scroll rather than squeeze four rows below readable
ROW_MIN_PX = 140
BAR_OFFSET = {"offered": -0.28, "answered": 0.0, "abandoned": 0.28}
BAR_WIDTH = 0.26
#: the figures that are counters, and kpi's formula of each other figure (the ones
#: ``Bucket.figures`` applies through ``kpi.as_dict``)
COUNTED = frozenset({"offered", "answered", "abandoned"})
FORMULAS: dict[str, Callable[[Any], float | None]] = {
    "service_level": kpi.service_level, "answer_rate": kpi.answer_rate,
    "asa_s": kpi.asa_s, "aht_s": kpi.aht_s, "occupancy": kpi.occupancy}
#: the value axes' width (room for "35000" and "100")
LEFT_AXIS_PX = 52
#: more buckets than this and the plots draw lean (see TrendsPage._feed): the volume
#: as step curves instead of bars, the lines without dots
DENSE = 200
#: how far past the plot's edge a bucket label may reach (the window's margin)
EDGE_PX = 12
#: the bucket steps an axis labels at, coarsest last (hours: whole days and weeks)
NICE_STEPS = (1, 2, 3, 4, 6, 7, 12, 24, 30, 48, 96, 168, 336, 720, 1008, 1344, 2016, 4368)


def peak_steps(ys: np.ndarray, lo: float, hi: float, width_px: float
               ) -> tuple[np.ndarray, np.ndarray]:
    """A step curve of ``ys`` (bucket i centred on x = i) over the buckets ``lo`` …
    ``hi`` in view, at most about one step per pixel: each step is the highest
    bucket of the ``k`` it covers (so every spike stays), the steps aligned on
    multiples of ``k`` (panning does not make them shimmer). Returns (edges,
    heights), len(edges) == len(heights) + 1; a step with no bucket built is NaN."""
    n = len(ys)
    if n == 0:
        return np.zeros(1), np.zeros(0)
    first = max(0, int(math.floor(lo)))
    last = min(n - 1, int(math.ceil(hi)))
    if last < first:
        first, last = 0, n - 1
    k = max(1, int(math.ceil((last - first + 1) / max(width_px, 1.0))))
    b0 = first // k * k
    b1 = min(n, (last // k + 1) * k)
    part = ys[b0:b1]
    m = -(-len(part) // k)
    padded = np.full(m * k, np.nan)
    padded[:len(part)] = part
    heights = np.fmax.reduce(padded.reshape(m, k), axis=1)  # all-NaN -> NaN, no warning
    edges = b0 - 0.5 + k * np.arange(m + 1, dtype=float)
    edges[-1] = min(edges[-1], n - 0.5)
    return edges, heights


class TrendsSource(Protocol):
    def trends(self, owner: QObject, flt: TrendFilter, compare: str = "none") -> Pending: ...

    def export_xlsx(self, owner: QObject, data: Any, path: str) -> Pending: ...



def drill_filter(flt: TrendFilter, start_day: Any,
                 last_day: Any = None) -> TrendFilter | None:
    """The filter a click on the bucket starting on ``start_day`` opens: a month by
    day, a week by day, a day by hour, a shift by hour over the days it spans
    (``start_day`` … ``last_day``: a night shift's evening and next morning); None for
    an hour (nothing finer)."""
    if flt.by == "shift":
        return TrendFilter(start_day, max(start_day, last_day or start_day), "hour",
                           flt.queue, flt.group)
    if flt.by == "month":
        first = start_day.replace(day=1)
        return TrendFilter(first, month_end(first), "day", flt.queue, flt.group)
    if flt.by == "week":
        return TrendFilter(start_day, start_day + timedelta(days=6), "day", flt.queue,
                           flt.group)
    if flt.by == "day":
        return TrendFilter(start_day, start_day, "hour", flt.queue, flt.group)
    return None


class BucketAxis(pg.AxisItem):
    """Bottom axis: each integer is a bucket, labelled with its date; as many labels
    as fit, on whole buckets. Labels are made for the ticks drawn only (a year by
    hour has 8,760 buckets and some ten labels)."""

    def __init__(self) -> None:
        super().__init__("bottom")
        # the first and last buckets' labels may pass the plot's edge by a little
        # (pyqtgraph hides any that do: "12-01 正常班" under the first of nine shifts)
        self.setStyle(hideOverlappingLabels=EDGE_PX)
        self.starts: list[Any] = []
        self.shifts: list[str | None] = []
        self.by = "day"
        self._widest = 0
        self._pair = 0.0

    def set_buckets(self, starts: list[Any], by: str,
                    shifts: list[str | None] | None = None) -> None:
        self.starts = starts
        self.shifts = shifts or [None] * len(starts)
        self.by = by
        # the widest label is a first one (with its day), at the year's end
        ends = [self.bucket_text(0), self.bucket_text(len(starts) - 1)] if starts else []
        if len(starts) > 1:
            ends.append(texts.bucket_label(starts[-1], by, with_day=True))
        if by == "shift":  # names differ in length: one label of each
            ends += [texts.bucket_label(starts[-1], by, shift=s) for s in set(self.shifts)]
        metrics = QFontMetrics(self.style["tickFont"] or self.font())
        self._widest = max((metrics.horizontalAdvance(s) for s in ends), default=0)
        # by shift, a label of every bucket names the day only at its first shift
        # ("12-03 白班", "夜班"): two neighbours need the mean of their widths
        self._pair = self._widest
        if by == "shift" and len(starts) > 1:
            w = [metrics.horizontalAdvance(self.bucket_text(i, short=True))
                 for i in range(len(starts))]
            self._pair = max((a + b) / 2 for a, b in zip(w, w[1:], strict=False))
        self.picture = None
        self.update()

    def bucket_text(self, i: int, *, short: bool = False) -> str:
        """Bucket ``i``'s label; with its day where the day changes (hours; shifts
        when ``short``, else always)."""
        t = self.starts[i]
        if self.by == "shift":
            if short and i > 0 and t.date() == self.starts[i - 1].date():
                return texts.shift_name(self.shifts[i])
            return texts.bucket_label(t, self.by, shift=self.shifts[i])
        with_day = i == 0 or t.date() != self.starts[i - 1].date()
        return texts.bucket_label(t, self.by, with_day=with_day)

    def tickValues(self, minVal: float, maxVal: float,  # noqa: N802, N803 - pyqtgraph's
                   size: float) -> list[tuple[float, list[float]]]:
        n = len(self.starts)
        if n == 0:
            return []
        lo, hi = max(0, math.ceil(minVal)), min(n - 1, math.floor(maxVal))
        if hi < lo:
            return []
        widest = self._widest + 24
        if (hi - lo + 1) * (self._pair + 24) <= size:  # every bucket, days named once
            return [(1.0, [float(i) for i in range(lo, hi + 1)])]
        fit = max(1, int(size // max(widest, 1)))
        step = max(1, math.ceil((hi - lo + 1) / fit))
        step = next((nice for nice in NICE_STEPS if nice >= step), step)
        first = -(-lo // step) * step
        return [(float(step), [float(i) for i in range(first, hi + 1, step)])]

    def tickStrings(self, values: list[float], scale: float,  # noqa: N802 - pyqtgraph's
                    spacing: float) -> list[str]:
        out = []
        every = self.by == "shift" and len(values) > 1 and abs(values[1] - values[0] - 1) < 0.5
        for k, v in enumerate(values):
            i = int(round(v))
            out.append(self.bucket_text(i, short=every and k > 0)
                       if 0 <= i < len(self.starts) else "")
        return out


class ValueAxis(pg.AxisItem):
    """Left axis whose grid lies under the data in solid colours mixed with the
    plot's ground: the same look as pyqtgraph's see-through grid over it, but
    see-through lines cost the raster engine ten times as much (3.5 ms an axis,
    each paint — the largest fixed cost of a draw)."""

    def __init__(self, ground: QColor) -> None:
        super().__init__("left")
        self.ground = QColor(ground)

    #: from this many calls on, ticks count in thousands (万 in Chinese): pyqtgraph
    #: writes "1e+06", and seven digits do not fit the axis
    BIG = 100_000

    def tickStrings(self, values: list[float], scale: float,  # noqa: N802 - pyqtgraph's
                    spacing: float) -> list[str]:
        if max((abs(v * scale) for v in values), default=0.0) < self.BIG:
            return [f"{v * scale:g}" if abs(v * scale) < 1e5 else f"{v * scale:.0f}"
                    for v in values]
        # the unit and how many it counts are one translation: "k" of 1000 in
        # English, "万" of 10000 in Chinese
        unit = QCoreApplication.translate("Director", "{n}k")
        per = 10_000 if "万" in unit else 1_000
        return [unit.format(n=f"{v * scale / per:g}") for v in values]

    def generateDrawSpecs(self, p: QPainter) -> Any:  # noqa: N802 - pyqtgraph's
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis, ticks, text = specs
        g = self.ground
        solid = []
        for pen, p1, p2 in ticks:
            c = pen.color()
            a = c.alphaF()
            if a < 1.0:
                pen = QPen(pen)
                pen.setColor(QColor.fromRgbF(g.redF() + (c.redF() - g.redF()) * a,
                                             g.greenF() + (c.greenF() - g.greenF()) * a,
                                             g.blueF() + (c.blueF() - g.blueF()) * a))
            solid.append((pen, p1, p2))
        return axis, solid, text


class TrendsPage(QWidget):
    """The 趋势 page of the director's window. ``show_filter`` asks the source for a
    filter's figures; ``drill`` asks the window to show a finer filter."""

    drill = Signal(object)

    def __init__(self, source: TrendsSource, theme: themes.Theme | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendsPage")
        self.source = source
        self.theme = theme or themes.current()
        self.data: Trends | None = None
        self.flt: TrendFilter | None = None
        self.compare = "none"
        self._seq = 0
        #: called with each answer drawn (tests and the screenshot wait on it)
        self.on_shown: Callable[[Trends], None] | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.readout = QLabel(self)
        self.readout.setObjectName("readout")
        self.readout.setWordWrap(True)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.readout)
        self.stack = QStackedWidget(self)
        lay.addWidget(self.stack, 1)
        self.glw = pg.GraphicsLayoutWidget(self)
        self.glw.setObjectName("trendCharts")
        self.glw.setMinimumHeight(ROW_MIN_PX * -(-len(PLOTS) // 2))
        # the charts fill the page; on a short screen they scroll instead of squeezing
        self.chart_area = QScrollArea(self)
        self.chart_area.setObjectName("trendChartsScroll")
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_area.setWidget(self.glw)
        self.stack.addWidget(self.chart_area)
        self.empty = QLabel(self)
        self.empty.setObjectName("trendsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.empty)
        self.status = StatusLine(self, "trendsStatus")
        lay.addWidget(self.status)
        self.plots: dict[str, pg.PlotItem] = {}
        self.axes: dict[str, BucketAxis] = {}
        self.series: dict[str, Any] = {}  # figure -> its item (bars or a line)
        self.compared: dict[str, Any] = {}  # figure -> the compared period's item
        self.legends: dict[str, pg.LegendItem] = {}
        self.crosshair: dict[str, pg.InfiniteLine] = {}
        self.bands: dict[str, tuple[pg.LinearRegionItem, pg.LinearRegionItem]] = {}
        #: dense ranges: each volume figure as one step curve (filled; the compared
        #: period's dashed), shown and hidden with its bars (the legend's entry)
        self.steps: dict[str, pg.PlotCurveItem] = {}
        self.compared_steps: dict[str, pg.PlotCurveItem] = {}
        self._volume: dict[Any, np.ndarray] = {}  # step item -> its heights, by bucket
        #: the staffing plots' line saying why they are empty (a range too long)
        self.notes: dict[str, QGraphicsSimpleTextItem] = {}
        self._index: int | None = None
        self._build()
        self.glw.scene().sigMouseMoved.connect(self._moved)
        self.glw.scene().sigMouseClicked.connect(self._clicked)
        self.retranslate()
        self.stack.setCurrentWidget(self.empty)

    # ---- building (once) ----------------------------------------------------------------

    def _colours(self) -> dict[str, QColor]:
        th = self.theme
        return {"offered": th.info, "answered": th.green, "abandoned": th.red,
                "service_level": th.info, "answer_rate": th.info, "occupancy": th.green,
                "asa_s": th.amber, "aht_s": th.info,
                "staffed": th.info, "rostered": th.green, "required": th.red, "fit": th.info}

    def _build(self) -> None:
        th = self.theme
        self.glw.setBackground(th.base)
        colours = self._colours()
        first: pg.PlotItem | None = None
        for k, (name, figures) in enumerate(PLOTS):
            axis = BucketAxis()
            p = self.glw.addPlot(row=k // 2, col=k % 2,
                                 axisItems={"bottom": axis, "left": ValueAxis(th.base)})
            p.getAxis("left").setZValue(-200)  # its grid under the data (the view: -100)
            # one width for every value axis: linked plots of a column line their x up
            # by pixels, so an axis wider than the one above shifted the range drawn
            p.getAxis("left").setWidth(LEFT_AXIS_PX)
            p.setMenuEnabled(False)
            p.hideButtons()
            p.setMouseEnabled(x=True, y=False)
            p.showGrid(x=False, y=True, alpha=0.25)
            for side in ("left", "bottom"):
                ax = p.getAxis(side)
                ax.setPen(pg.mkPen(th.stale_text))
                ax.setTextPen(pg.mkPen(th.text))
            p.titleLabel.item.setDefaultTextColor(th.text)
            # see-through, and where the plot's values seldom are: percentages run
            # high (the legend sits low), counts and seconds low at the edges
            veil = QColor(th.base)
            veil.setAlpha(170)
            low = name in ("service_level", "answer_rate")
            legend = p.addLegend(offset=(-4, -4) if low else (-4, 4),
                                 labelTextColor=th.text, brush=pg.mkBrush(veil),
                                 colCount=len(figures))
            self.legends[name] = legend
            if first is None:
                first = p
            else:
                p.setXLink(first)
            if name in ("service_level", "answer_rate"):
                green = QColor(th.green)
                green.setAlpha(45)
                amber = QColor(th.amber)
                amber.setAlpha(45)
                g = pg.LinearRegionItem((80, 100), orientation="horizontal", movable=False,
                                        brush=pg.mkBrush(green), pen=pg.mkPen(None))
                a = pg.LinearRegionItem((70, 80), orientation="horizontal", movable=False,
                                        brush=pg.mkBrush(amber), pen=pg.mkPen(None))
                for r in (g, a):
                    r.setZValue(-10)
                    p.addItem(r)
                self.bands[name] = (g, a)
            for f in figures:
                c = colours[f]
                if name == "volume":
                    item = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH,
                                           brush=pg.mkBrush(c), pen=pg.mkPen(c))
                    old = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, brush=None,
                                          pen=pg.mkPen(c, width=1.5,
                                                       style=Qt.PenStyle.DashLine))
                    step = pg.PlotCurveItem(np.zeros(1), np.zeros(0), stepMode="center",
                                            fillLevel=0,
                                            brush=pg.mkBrush(c), pen=pg.mkPen(None),
                                            skipFiniteCheck=True)
                    old_step = pg.PlotCurveItem(np.zeros(1), np.zeros(0), stepMode="center",
                                                connect="finite",
                                                pen=pg.mkPen(c, width=1,
                                                             style=Qt.PenStyle.DashLine))
                    old_step.setZValue(5)  # over the filled steps of this period
                    for bars, curve in ((item, step), (old, old_step)):
                        p.addItem(curve)
                        curve.setVisible(False)
                        self._follow(bars, curve)
                    self.steps[f] = step
                    self.compared_steps[f] = old_step
                else:
                    item = pg.PlotDataItem([], [], pen=pg.mkPen(c, width=2), symbol="o",
                                           symbolSize=5, symbolBrush=c, symbolPen=c,
                                           connect="finite")
                    old = pg.PlotDataItem([], [], pen=pg.mkPen(c, width=1.5,
                                                               style=Qt.PenStyle.DashLine),
                                          connect="finite")
                    for x in (item, old):
                        x.setDownsampling(auto=True, method="peak")
                        x.setClipToView(True)
                p.addItem(item)
                p.addItem(old)
                legend.addItem(item, "")
                self.series[f] = item
                self.compared[f] = old
            line = pg.InfiniteLine(angle=90, movable=False,
                                   pen=pg.mkPen(th.stale_text, style=Qt.PenStyle.DotLine))
            line.setVisible(False)
            line.setZValue(20)  # over the bars it points at
            p.addItem(line, ignoreBounds=True)
            self.crosshair[name] = line
            if name in STAFFING_PLOTS:  # why it is empty, in the view's own pixels
                note = QGraphicsSimpleTextItem(p.vb)  # plain Qt: no view transform
                note.setBrush(th.text)
                note.setPos(8, 8)
                note.setVisible(False)
                self.notes[name] = note
            self.plots[name] = p
            self.axes[name] = axis
        vb = self.plots["volume"].vb
        vb.sigXRangeChanged.connect(self._thin_volume)
        vb.sigResized.connect(self._thin_volume)

    def _follow(self, bars: pg.BarGraphItem, curve: pg.PlotCurveItem) -> None:
        """The step curve is seen exactly when its bars would be (a legend click,
        the compared period coming and going) and the range is dense."""
        def sync() -> None:
            curve.setVisible(bars.isVisible() and curve in self._volume)
        bars.visibleChanged.connect(sync)

    def retranslate(self) -> None:
        titles = {"volume": QCoreApplication.translate("Director", "Calls"),
                  "service_level": texts.figure_name("service_level"),
                  "answer_rate": texts.figure_name("answer_rate"),
                  "occupancy": texts.figure_name("occupancy"),
                  "asa_s": QCoreApplication.translate("Director", "ASA (s)"),
                  "aht_s": QCoreApplication.translate("Director", "AHT (s)"),
                  "staffing": QCoreApplication.translate(
                      "Director", "Staffed vs required (agents, average per 15-minute slot)"),
                  "fit": texts.figure_name("fit")}
        for name, p in self.plots.items():
            p.setTitle(titles[name], color=self.theme.text.name(), size="10pt")
        self._legend_labels()
        for axis in self.axes.values():  # labels are made as drawn: draw them anew
            axis.picture = None
            axis.update()
        if self.data is not None and self.data.series.empty:
            self._say_empty()
        self._say_staffing()

    def _say_staffing(self) -> None:
        """The staffing plots of a range too long for them say so, not nothing."""
        limit = self.data.staffing_max_days if self.data is not None else None
        for note in self.notes.values():
            note.setVisible(limit is not None)
            if limit is not None:
                note.setText(QCoreApplication.translate(
                    "Director", "Staffing is shown for ranges of up to {days} days").format(
                    days=limit))

    def _legend_labels(self) -> None:
        period = self.data.compare_kind if self.data is not None and \
            self.data.compare is not None else self.compare
        for legend in self.legends.values():
            for sample, label in legend.items:
                f = next((k for k, v in self.series.items() if v is sample.item), None)
                if f is None:
                    f = next((k for k, v in self.compared.items() if v is sample.item), "")
                    label.setText(QCoreApplication.translate(
                        "Director", "{figure}, {period}").format(
                        figure=texts.figure_name(f),
                        period=texts.compare_name(period)))
                else:
                    label.setText(texts.figure_name(f))

    # ---- the filter -------------------------------------------------------------------

    def set_compare(self, compare: str) -> None:
        self.compare = compare

    def show_filter(self, flt: TrendFilter) -> None:
        """Ask for ``flt``'s figures (and the compared period's); an answer to an
        earlier request that comes late is dropped."""
        self.flt = flt
        self._seq += 1
        self.status.say(QCoreApplication.translate("Director", "Reading…"))
        self.source.trends(self, flt, self.compare).done(
            tagged(self._shown, self._seq)).refused(tagged(self._refused, self._seq)).run()

    def _refused(self, seq: int, text: str) -> None:
        if seq == self._seq:
            self.status.fail(text)

    def show_failure(self, text: str) -> None:
        self.status.fail(text)

    def _shown(self, seq: int, data: Trends) -> None:
        if seq != self._seq:
            return
        self.show_data(data)

    def show_data(self, data: Trends) -> None:
        """Draw ``data`` (the plots stay; only their data changes)."""
        self.data = data
        self.flt = data.series.flt
        self.status.clear()
        self._sync_legends()
        if data.series.empty:
            self._say_empty()
            self.stack.setCurrentWidget(self.empty)
            self.readout.setText("")
        else:
            self.stack.setCurrentWidget(self.chart_area)
            self._draw(data)
            self._say_staffing()
            self._show_readout(None)
        if self.on_shown is not None:
            self.on_shown(data)

    def _say_empty(self) -> None:
        flt = self.flt
        if flt is None:
            return
        self.empty.setText(QCoreApplication.translate(
            "Director", "No figures for {first} to {last}: the floor has no history "
                              "there, or its rollups have not been built yet (seatwatch "
                              "rollup rebuild).").format(first=flt.first, last=flt.last))

    def _sync_legends(self) -> None:
        """The compared period's entries only while there is one."""
        has = self.data is not None and self.data.compare is not None
        for name, figures in PLOTS:
            legend = self.legends[name]
            for f in figures:
                old = self.compared[f]
                listed = any(s.item is old for s, _l in legend.items)
                if has and not listed:
                    legend.addItem(old, "")
                elif not has and listed:
                    legend.removeItem(old)
                old.setVisible(has)
        self._legend_labels()

    def _set_axis_labels(self) -> None:
        if self.data is None:
            return
        starts = [b.start for b in self.data.series.buckets]
        shifts = [b.shift for b in self.data.series.buckets]
        for axis in self.axes.values():
            axis.set_buckets(starts, self.data.series.flt.by, shifts)

    @staticmethod
    def _columns(buckets: Any, t: float | None) -> dict[str, np.ndarray]:
        """Each figure over the buckets as an array (NaN where none). The counters and
        the very formulas ``Bucket.figures`` applies (kpi), called one figure at a
        time: building each bucket's dict of twelve took a third of a year by hour's
        draw; a figure with no formula here is read through ``figures``."""
        counts = [b.counts for b in buckets]
        out = {}
        for f in FIGURES:
            if f in COUNTED:
                vals = [math.nan if c is None else getattr(c, f) for c in counts]
            elif f in FORMULAS:
                fn = FORMULAS[f]
                vals = [math.nan if c is None or (v := fn(c)) is None else v
                        for c in counts]
            else:
                vals = [math.nan if (v := b.figures(t)[f]) is None else v for b in buckets]
            out[f] = np.array(vals, dtype=float)
        for f in STAFFING:
            out[f] = np.array([math.nan if b.staffing is None or (v := b.staffing.get(f)) is None
                               else v for b in buckets], dtype=float)
        return out

    def _draw(self, data: Trends) -> None:
        self._set_axis_labels()
        t = data.sl_threshold_s
        n = len(data.series.buckets)
        xs = np.arange(n, dtype=float)
        now = self._columns(data.series.buckets, t)
        dense = n > DENSE
        self._volume.clear()
        for f, item in self.series.items():
            self._feed(item, f, xs, now[f], dense)
        old: dict[str, np.ndarray] = {}
        if data.compare is not None:
            m = min(n, len(data.compare.buckets))
            old = self._columns(data.compare.buckets[:m], t)
            for f, item in self.compared.items():
                self._feed(item, f, xs[:m], old[f], dense)
        for name, (g, a) in self.bands.items():
            band = data.bands[name]
            g.setRegion((100 * band.green, 100))
            a.setRegion((100 * band.amber, 100 * band.green))
        for name, p in self.plots.items():
            p.setXRange(-0.6, n - 0.4, padding=0)
            if name in ("service_level", "answer_rate", "occupancy", "fit"):
                p.setYRange(0, 104, padding=0)
            else:  # head room above the values for the legend (top right)
                cols = [c[f] for f in dict(PLOTS)[name] for c in (now, old) if f in c]
                finite = [c[np.isfinite(c)] for c in cols]
                ys = np.concatenate(finite) if finite else np.zeros(0)
                counted = name in ("volume", "staffing")  # counts: from zero
                lo = 0.0 if counted or not len(ys) else float(ys.min())
                hi = float(ys.max()) if len(ys) else 1.0
                span = max(hi - lo, 0.1 * abs(hi), 1e-6)  # a flat line: sane ticks
                head = 0.8 if name == "volume" else 0.6
                if name == "staffing" and old:  # six legend entries in two rows
                    head = 1.4
                p.setYRange(lo - (0 if counted else 0.05 * span), hi + head * span,
                            padding=0)
        self._thin_volume()

    def _feed(self, item: Any, f: str, xs: np.ndarray, ys: np.ndarray,
              dense: bool) -> None:
        """Feed one series. Dense (hundreds of buckets): thin pens, no dots, the
        volume as a step curve instead of bars (see :meth:`_thin_volume`), and lines
        thinned to the pixels they cover (peak downsampling keeps every spike) — a
        year by hour drawn with 2-px dashed pens took half a minute."""
        scale = 100.0 if f in SHOWN_PERCENT else 1.0
        c = self._colours()[f]
        old = item in self.compared.values()
        if isinstance(item, pg.BarGraphItem):
            curve = (self.compared_steps if old else self.steps)[f]
            if dense:  # the bars stay (empty) as the legend's entry
                item.setOpts(x=[], height=[], width=BAR_WIDTH)
                self._volume[curve] = ys
                curve.setVisible(item.isVisible())
                return
            curve.setVisible(False)
            curve.setData(np.zeros(1), np.zeros(0))
            off = BAR_OFFSET[f]  # a bucket never rolled up has no bar (not a zero one)
            kept = np.isfinite(ys)
            pen = pg.mkPen(c, width=1, style=Qt.PenStyle.DashLine) if old else pg.mkPen(c)
            item.setOpts(x=xs[kept] + off, height=ys[kept], width=BAR_WIDTH, pen=pen)
        else:
            width = 1 if dense else (1.5 if old else 2)
            style = Qt.PenStyle.DashLine if old else Qt.PenStyle.SolidLine
            item.setPen(pg.mkPen(c, width=width, style=style))
            if not old:
                item.setSymbol(None if dense else "o")
            if not np.isfinite(ys).any():  # nothing (staffing not read): no all-NaN dots
                xs, ys = xs[:0], ys[:0]
            item.setData(xs, ys * scale)

    def _thin_volume(self, *_a: Any) -> None:
        """Dense volume: each step curve anew for the buckets in view, at most one
        step per pixel (the highest bucket of those it covers), so zooming in shows
        the hours again and a year costs a few thousand vertices, not 52,000 bars."""
        if not self._volume:
            return
        vb = self.plots["volume"].vb
        (lo, hi), _y = vb.viewRange()
        width = vb.width()
        for curve, ys in self._volume.items():
            edges, heights = peak_steps(ys, lo, hi, width)
            if curve in self.steps.values():  # filled: no bucket built draws nothing
                heights = np.nan_to_num(heights, nan=0.0)
            curve.setData(edges, heights)

    # ---- the crosshair and the clicks ---------------------------------------------------

    def _bucket_at(self, scene_pos: QPointF) -> int | None:
        if self.data is None or self.data.series.empty:
            return None
        for p in self.plots.values():
            if p.sceneBoundingRect().contains(scene_pos):
                x = p.vb.mapSceneToView(scene_pos).x()
                i = int(round(x))
                if 0 <= i < len(self.data.series.buckets):
                    return i
                return None
        return None

    def _moved(self, pos: QPointF) -> None:
        i = self._bucket_at(pos)
        if i is None:
            return
        self.point_at(i)

    def point_at(self, i: int) -> None:
        """Put the crosshair on bucket ``i`` and show its values."""
        for line in self.crosshair.values():
            line.setPos(i)
            line.setVisible(True)
        self._show_readout(i)

    def _show_readout(self, i: int | None) -> None:
        self._index = i
        d = self.data
        if d is None or d.series.empty:
            self.readout.setText("")
            return
        if i is None:
            vals = d.totals()
            staffing = d.series.staffing
            head = QCoreApplication.translate("Director", "Whole range")
        else:
            bucket = d.series.buckets[i]
            vals = bucket.figures(d.sl_threshold_s)
            staffing = bucket.staffing
            head = texts.bucket_title(bucket.start, bucket.end, d.series.flt.by, bucket.shift)
        parts = [f"{texts.figure_name(f)} {texts.value_text(f, vals[f])}" for f in vals]
        parts += self._staffing_parts(staffing)
        text = QCoreApplication.translate("Director", "{bucket}: {figures}").format(
            bucket=head, figures=" · ".join(parts))
        if d.compare is not None and i is not None and i < len(d.compare.buckets):
            ob = d.compare.buckets[i]
            ov = ob.figures(d.sl_threshold_s)
            text += "\n" + QCoreApplication.translate("Director", "{period} ({when}): ").format(
                period=texts.compare_name(d.compare_kind),
                when=texts.bucket_title(ob.start, ob.end, d.series.flt.by, ob.shift)) + \
                " · ".join([f"{texts.figure_name(f)} {texts.value_text(f, ov[f])}" for f in ov]
                           + self._staffing_parts(ob.staffing))
        elif i is None and d.series.flt.by == "shift":
            text += "   " + QCoreApplication.translate(
                "Director", "(point at a shift for its figures; click it to see its hours)")
        elif i is None:
            text += "   " + QCoreApplication.translate(
                "Director", "(point at a bucket for its figures; click a month or a day "
                               "to open it)")
        self.readout.setText(text)

    @staticmethod
    def _staffing_parts(staffing: Any) -> list[str]:
        """Staffed, rostered, required (averages of the slots) and the fit, or nothing
        when they were not read."""
        if staffing is None:
            return []
        return [QCoreApplication.translate("Director", "agents per slot on average: {staffed} "
                                           "logged in, {rostered} rostered, {required} "
                                           "required").format(
                    staffed=texts.value_text("staffed", staffing.staffed),
                    rostered=texts.value_text("rostered", staffing.rostered),
                    required=texts.value_text("required", staffing.required)),
                f"{texts.figure_name('fit')} {texts.value_text('fit', staffing.fit)}"]

    def _clicked(self, ev: Any) -> None:
        if ev.isAccepted() or ev.button() != Qt.MouseButton.LeftButton or ev.double():
            return
        i = self._bucket_at(ev.scenePos())
        if i is not None:
            self.open_bucket(i)

    def open_bucket(self, i: int) -> None:
        """Drill into bucket ``i`` (a month by day, a day by hour)."""
        if self.data is None:
            return
        flt = self.data.series.flt
        b = self.data.series.buckets[i]
        finer = drill_filter(flt, b.start.date(), (b.end - timedelta(microseconds=1)).date())
        if finer is not None:
            self.drill.emit(finer)

    # ---- export -------------------------------------------------------------------------

    def chart_widget(self) -> QWidget:
        if self.stack.currentWidget() is self.chart_area:
            return cast(QWidget, self.glw)
        return self

    def save_xlsx(self, path: str, done: Callable[[str], None],
                  failed: Callable[[str], None]) -> bool:
        """The numbers of the page to ``path``; False when there is nothing to save."""
        if self.data is None or self.data.series.empty:
            return False
        self.source.export_xlsx(self, self.data, path).done(done).refused(failed).run()
        return True
