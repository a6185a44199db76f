"""The trends page (趋势, issue #17): the floor's history as charts.

Six plots, created once and fed with ``setData``: offered / answered / abandoned
bars; service level and 接通率 (R-KPI-1) with the policy's target bands shaded;
occupancy; ASA; AHT. The x axis is the filter's buckets (0 … n-1) labelled with
their dates on the floor's clock; a compared period is drawn under them bucket by
bucket, dashed (lines) or outlined (bars). A crosshair snapped to the bucket under
the mouse shows every value there in one line; a legend entry's click hides or
shows its series; a click on a month's bucket shows that month by day, a day's
bucket that day by hour (``drill``).

The page never reads the database: it asks its source (the console's backend)
and draws the answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Protocol, cast

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from models.domain.trend_data import PERCENT, Trends
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
)
BAR_OFFSET = {"offered": -0.28, "answered": 0.0, "abandoned": 0.28}
BAR_WIDTH = 0.26
#: more buckets than this and the plots draw lean (see TrendsPage._feed)
DENSE = 200


class TrendsSource(Protocol):
    def trends(self, owner: QObject, flt: TrendFilter, compare: str = "none") -> Pending: ...

    def export_xlsx(self, owner: QObject, data: Any, path: str) -> Pending: ...



def drill_filter(flt: TrendFilter, start_day: Any) -> TrendFilter | None:
    """The filter a click on the bucket starting on ``start_day`` opens: a month by
    day, a week by day, a day by hour; None for an hour (nothing finer)."""
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
    as fit, on whole buckets."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.labels: list[str] = []

    def set_labels(self, labels: list[str]) -> None:
        self.labels = labels
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float,  # noqa: N802, N803 - pyqtgraph's
                   size: float) -> list[tuple[float, list[float]]]:
        n = len(self.labels)
        if n == 0:
            return []
        lo, hi = max(0, math.ceil(minVal)), min(n - 1, math.floor(maxVal))
        if hi < lo:
            return []
        widest = max(len(s) for s in self.labels) * 7 + 14
        fit = max(1, int(size // max(widest, 1)))
        step = max(1, math.ceil((hi - lo + 1) / fit))
        for nice in (1, 2, 3, 4, 6, 7, 12, 24, 30, 48, 96, 168, 336, 720):
            if nice >= step:
                step = nice
                break
        return [(float(step), [float(i) for i in range(lo, hi + 1) if i % step == 0])]

    def tickStrings(self, values: list[float], scale: float,  # noqa: N802 - pyqtgraph's
                    spacing: float) -> list[str]:
        out = []
        for v in values:
            i = int(round(v))
            out.append(self.labels[i] if 0 <= i < len(self.labels) else "")
        return out


def _nan(v: float | None, scale: float = 1.0) -> float:
    return math.nan if v is None else v * scale


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
        self.stack.addWidget(self.glw)
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
        self._labels: list[str] = []
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
                "asa_s": th.amber, "aht_s": th.info}

    def _build(self) -> None:
        th = self.theme
        self.glw.setBackground(th.base)
        colours = self._colours()
        first: pg.PlotItem | None = None
        for k, (name, figures) in enumerate(PLOTS):
            axis = BucketAxis()
            p = self.glw.addPlot(row=k // 2, col=k % 2, axisItems={"bottom": axis})
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
                                 colCount=3 if name == "volume" else 1)
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
            self.plots[name] = p
            self.axes[name] = axis

    def retranslate(self) -> None:
        titles = {"volume": QCoreApplication.translate("Director", "Calls"),
                  "service_level": texts.figure_name("service_level"),
                  "answer_rate": texts.figure_name("answer_rate"),
                  "occupancy": texts.figure_name("occupancy"),
                  "asa_s": QCoreApplication.translate("Director", "ASA (s)"),
                  "aht_s": QCoreApplication.translate("Director", "AHT (s)")}
        for name, p in self.plots.items():
            p.setTitle(titles[name], color=self.theme.text.name(), size="10pt")
        for legend in self.legends.values():
            for sample, label in legend.items:
                f = next((k for k, v in self.series.items() if v is sample.item), None)
                if f is None:
                    f = next((k for k, v in self.compared.items() if v is sample.item), "")
                    label.setText(QCoreApplication.translate(
                        "Director", "{figure}, {period}").format(
                        figure=texts.figure_name(f),
                        period=texts.compare_name(self.compare)))
                else:
                    label.setText(texts.figure_name(f))
        if self.flt is not None:
            self._set_axis_labels()
        if self.data is not None and self.data.series.empty:
            self._say_empty()

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
            self.stack.setCurrentWidget(self.glw)
            self._draw(data)
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
        self.retranslate()

    def _set_axis_labels(self) -> None:
        if self.data is None:
            return
        by = self.data.series.flt.by
        labels = []
        prev_day = None
        for b in self.data.series.buckets:
            day = b.start.date()
            labels.append(texts.bucket_label(b.start, by, with_day=day != prev_day))
            prev_day = day
        self._labels = labels
        for axis in self.axes.values():
            axis.set_labels(labels)

    def _draw(self, data: Trends) -> None:
        self._set_axis_labels()
        t = data.sl_threshold_s
        n = len(data.series.buckets)
        xs = list(range(n))
        # each bucket's figures once (a year by hour is 8,760 buckets)
        now = [b.figures(t) for b in data.series.buckets]
        dense = n > DENSE
        for f, item in self.series.items():
            self._feed(item, f, xs, [x[f] for x in now], dense)
        old: list[dict[str, Any]] = []
        if data.compare is not None:
            m = min(n, len(data.compare.buckets))
            old = [b.figures(t) for b in data.compare.buckets[:m]]
            for f, item in self.compared.items():
                self._feed(item, f, xs[:m], [x[f] for x in old], dense)
        for name, (g, a) in self.bands.items():
            band = data.bands[name]
            g.setRegion((100 * band.green, 100))
            a.setRegion((100 * band.amber, 100 * band.green))
        for name, p in self.plots.items():
            p.setXRange(-0.6, n - 0.4, padding=0)
            if name in ("service_level", "answer_rate", "occupancy"):
                p.setYRange(0, 104, padding=0)
            else:  # head room above the values for the legend (top right)
                ys = [v for f in dict(PLOTS)[name]
                      for rows in (now, old)
                      for x in rows if (v := x[f]) is not None]
                lo = 0.0 if name == "volume" else min(ys, default=0.0)
                hi = max(ys, default=1.0)
                span = max(hi - lo, 1e-6)
                p.setYRange(lo - (0 if name == "volume" else 0.05 * span),
                            hi + (0.8 if name == "volume" else 0.6) * span, padding=0)

    def _feed(self, item: Any, f: str, xs: list[int], ys: list[float | None],
              dense: bool) -> None:
        """Feed one series. Dense (hundreds of buckets): thin pens, no dots, no bar
        outlines, and lines thinned to the pixels they cover (peak downsampling keeps
        every spike) — a year by hour drawn with 2-px dashed pens took half a minute."""
        scale = 100.0 if f in PERCENT else 1.0
        c = self._colours()[f]
        old = item in self.compared.values()
        if isinstance(item, pg.BarGraphItem):
            off = BAR_OFFSET[f]  # a bucket never rolled up has no bar (not a zero one)
            kept = [(x + off, v) for x, v in zip(xs, ys, strict=True) if v is not None]
            pen = pg.mkPen(c, width=1, style=Qt.PenStyle.DashLine) if old else \
                (pg.mkPen(None) if dense else pg.mkPen(c))
            item.setOpts(x=[x for x, _v in kept], height=[v for _x, v in kept],
                         width=BAR_WIDTH, pen=pen)
        else:
            width = 1 if dense else (1.5 if old else 2)
            style = Qt.PenStyle.DashLine if old else Qt.PenStyle.SolidLine
            item.setPen(pg.mkPen(c, width=width, style=style))
            if not old:
                item.setSymbol(None if dense else "o")
            item.setData(xs, [_nan(v, scale) for v in ys])

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
            bucket = None
            vals = d.totals()
            head = QCoreApplication.translate("Director", "Whole range")
        else:
            bucket = d.series.buckets[i]
            vals = bucket.figures(d.sl_threshold_s)
            head = texts.bucket_label(bucket.start, d.series.flt.by, with_day=True)
        parts = [f"{texts.figure_name(f)} {texts.value_text(f, vals[f])}" for f in vals]
        text = QCoreApplication.translate("Director", "{bucket}: {figures}").format(
            bucket=head, figures=" · ".join(parts))
        if d.compare is not None and i is not None and i < len(d.compare.buckets):
            ob = d.compare.buckets[i]
            ov = ob.figures(d.sl_threshold_s)
            text += "\n" + QCoreApplication.translate("Director", "{period} ({when}): ").format(
                period=texts.compare_name(d.compare_kind),
                when=texts.bucket_label(ob.start, d.series.flt.by, with_day=True)) + \
                " · ".join(f"{texts.figure_name(f)} {texts.value_text(f, ov[f])}" for f in ov)
        elif i is None:
            text += "   " + QCoreApplication.translate(
                "Director", "(point at a bucket for its figures; click a month or a day "
                               "to open it)")
        self.readout.setText(text)

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
        finer = drill_filter(flt, self.data.series.buckets[i].start.date())
        if finer is not None:
            self.drill.emit(finer)

    # ---- export -------------------------------------------------------------------------

    def chart_widget(self) -> QWidget:
        if self.stack.currentWidget() is self.glw:
            return cast(QWidget, self.glw)
        return self

    def save_xlsx(self, path: str, done: Callable[[str], None],
                  failed: Callable[[str], None]) -> bool:
        """The numbers of the page to ``path``; False when there is nothing to save."""
        if self.data is None or self.data.series.empty:
            return False
        self.source.export_xlsx(self, self.data, path).done(done).refused(failed).run()
        return True
