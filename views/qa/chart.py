"""The QA control chart (质量监控, issue #18; DOMAIN §7, seed 003 篇十: watch the series,
not one score), drawn in pyqtgraph from the engine's :class:`~models.domain.qa_chart.Chart`.

One plot, its items created once and fed with ``setData`` (pyqtgraph #2348: no
``clear()`` + ``plot()``): the periods' means as a line of dots, the centre line X̄,
the ±3σ control limits, the ±1σ and ±2σ zones lightly shaded, and the points that
break a run rule marked in red. A point's limits depend on how many scores its mean
holds (X̄ ± kσ/√n), so each limit is a step over the points, not one straight line.
The x axis is the points in order (a period with no score is no point), labelled with
their dates; a crosshair follows the mouse and the readout names the point under it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from views import theme as themes
from views.qa import texts

#: the zones shaded, as σ multiples (1σ–2σ lighter, 2σ–3σ darker)
ZONES = (1, 2, 3)


def steps(values: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Point ``i``'s value held over ``i - 0.5`` … ``i + 0.5``: a step line."""
    n = len(values)
    xs = np.arange(n, dtype=float)
    return (np.column_stack([xs - 0.5, xs + 0.5]).ravel(),
            np.repeat(np.asarray(values, dtype=float), 2))


class PeriodAxis(pg.AxisItem):
    """Bottom axis: each integer is a point, labelled with its period's first day."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.starts: list[date] = []
        self._widest = 40

    def set_starts(self, starts: list[date]) -> None:
        self.starts = starts
        metrics = QFontMetrics(self.style["tickFont"] or self.font())
        self._widest = metrics.horizontalAdvance("2026-12-31") if starts and \
            starts[0].year != starts[-1].year else metrics.horizontalAdvance("12-31")
        self.picture = None
        self.update()

    def label_of(self, i: int) -> str:
        """12-07; with the year where it changes, when the points span two years."""
        d = self.starts[i]
        multi = self.starts[0].year != self.starts[-1].year
        if multi and (i == 0 or d.year != self.starts[i - 1].year):
            return d.isoformat()
        return d.strftime("%m-%d")

    def tickValues(self, minVal: float, maxVal: float,  # noqa: N802, N803 - pyqtgraph's
                   size: float) -> list[tuple[float, list[float]]]:
        n = len(self.starts)
        if n == 0:
            return []
        lo, hi = max(0, math.ceil(minVal)), min(n - 1, math.floor(maxVal))
        if hi < lo:
            return []
        fit = max(1, int(size // (self._widest + 16)))
        step = max(1, math.ceil((hi - lo + 1) / fit))
        return [(float(step), [float(i) for i in range(lo - lo % step, hi + 1, step)
                               if i >= lo])]

    def tickStrings(self, values: list[float], scale: float,  # noqa: N802 - pyqtgraph's
                    spacing: float) -> list[str]:
        out = []
        for v in values:
            i = int(round(v))
            out.append(self.label_of(i) if 0 <= i < len(self.starts) else "")
        return out


class ControlChart(QWidget):
    """``show_chart(data)`` draws a :class:`models.db.qa_db.QaChartData` (duck-typed:
    views never import the database layer); ``clear_chart()`` empties it."""

    def __init__(self, theme: themes.Theme | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaControlChart")
        self.theme = theme or themes.current()
        self.data: Any = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.readout = QLabel(self)
        self.readout.setObjectName("qaReadout")
        self.readout.setWordWrap(True)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.readout)
        self.axis = PeriodAxis()
        self.plot_widget = pg.PlotWidget(self, axisItems={"bottom": self.axis})
        self.plot_widget.setObjectName("qaPlot")
        self.plot_widget.setMinimumHeight(220)
        lay.addWidget(self.plot_widget, 1)
        self._build()
        self.plot_widget.scene().sigMouseMoved.connect(self._moved)
        self.retranslate()

    # ---- building (once) ----------------------------------------------------------------

    def _build(self) -> None:
        th = self.theme
        pw = self.plot_widget
        pw.setBackground(th.base)
        p = self.plot = pw.getPlotItem()
        p.setMenuEnabled(False)
        p.hideButtons()
        p.setMouseEnabled(x=False, y=False)
        p.showGrid(x=False, y=True, alpha=0.2)
        for side in ("left", "bottom"):
            ax = p.getAxis(side)
            ax.setPen(pg.mkPen(th.stale_text))
            ax.setTextPen(pg.mkPen(th.text))
        p.getAxis("left").setWidth(44)
        p.titleLabel.item.setDefaultTextColor(th.text)
        none = pg.mkPen(None)
        limit_pen = pg.mkPen(th.red, width=1.5, style=Qt.PenStyle.DashLine)
        #: the ±kσ step lines, k in ZONES: only the 3σ ones are drawn as lines
        self.above: dict[int, pg.PlotCurveItem] = {}
        self.below: dict[int, pg.PlotCurveItem] = {}
        for k in ZONES:
            pen = limit_pen if k == 3 else none
            self.above[k] = pg.PlotCurveItem([], [], pen=pen)
            self.below[k] = pg.PlotCurveItem([], [], pen=pen)
        # the zones between 1σ and 2σ (lighter) and 2σ and 3σ, either side
        self.zones: list[pg.FillBetweenItem] = []
        for inner, outer, alpha in ((1, 2, 22), (2, 3, 45)):
            c = QColor(th.amber)
            c.setAlpha(alpha)
            for band in (self.above, self.below):
                z = pg.FillBetweenItem(band[inner], band[outer], brush=pg.mkBrush(c))
                z.setZValue(-20)
                p.addItem(z)
                self.zones.append(z)
        for k in ZONES:
            for c in (self.above[k], self.below[k]):
                c.setZValue(-10)
                p.addItem(c)
        self.centre = pg.PlotCurveItem([], [], pen=pg.mkPen(th.green, width=2))
        p.addItem(self.centre)
        self.means = pg.PlotDataItem([], [], pen=pg.mkPen(th.info, width=2), symbol="o",
                                     symbolSize=7, symbolBrush=th.info, symbolPen=th.info)
        self.means.setZValue(10)
        p.addItem(self.means)
        self.flagged = pg.ScatterPlotItem([], [], size=13, brush=pg.mkBrush(th.red),
                                          pen=pg.mkPen(th.text, width=1), symbol="o")
        self.flagged.setZValue(15)
        p.addItem(self.flagged)
        self.crosshair = pg.InfiniteLine(angle=90, movable=False,
                                         pen=pg.mkPen(th.stale_text, style=Qt.PenStyle.DotLine))
        self.crosshair.setVisible(False)
        self.crosshair.setZValue(20)
        p.addItem(self.crosshair, ignoreBounds=True)
        veil = QColor(th.base)
        veil.setAlpha(190)
        self.legend = p.addLegend(offset=(6, 4), labelTextColor=th.text, brush=pg.mkBrush(veil),
                                  colCount=4)
        for item in (self.means, self.centre, self.above[3], self.flagged):
            self.legend.addItem(item, "")

    def retranslate(self) -> None:
        names = {id(self.means): QCoreApplication.translate("Qa", "Mean of the period"),
                 id(self.centre): QCoreApplication.translate("Qa", "Centre line X̄"),
                 id(self.above[3]): QCoreApplication.translate("Qa", "Control limits ±3σ"),
                 id(self.flagged): QCoreApplication.translate("Qa", "Breaks a run rule")}
        for sample, label in self.legend.items:
            label.setText(names.get(id(sample.item), ""))
        self.plot.setLabel("left", QCoreApplication.translate("Qa", "Score"),
                           color=self.theme.text.name())
        self.plot.getAxis("left").enableAutoSIPrefix(False)  # scores, never "x0.001"
        self._readout(None)

    # ---- feeding ------------------------------------------------------------------------

    def clear_chart(self) -> None:
        self.data = None
        for c in (*self.above.values(), *self.below.values(), self.centre):
            c.setData([], [])
        self.means.setData([], [])
        self.flagged.setData([], [])
        self.axis.set_starts([])
        self.crosshair.setVisible(False)
        self.readout.setText("")
        # nothing to draw: the score's own scale, not pyqtgraph's empty -0.5…0.5 read
        # as "Score (x0.001)" from -400 to 400
        self.plot.setYRange(0, 100, padding=0.05)

    def show_chart(self, data: Any) -> None:
        """Draw ``data`` (the items stay; only their data changes)."""
        self.data = data
        c = data.chart
        pts = c.points
        n = len(pts)
        self.axis.set_starts([pt.start for pt in pts])
        base = c.base
        for k in ZONES:
            lims = [base.limits(pt.n, float(k)) for pt in pts]
            self.above[k].setData(*steps([hi for _lo, hi in lims]))
            self.below[k].setData(*steps([lo for lo, _hi in lims]))
        if n:
            self.centre.setData([-0.5, n - 0.5], [base.mean, base.mean])
        else:
            self.centre.setData([], [])
        xs = np.arange(n, dtype=float)
        ys = np.array([pt.mean for pt in pts], dtype=float)
        self.means.setData(xs, ys)
        marked = sorted({s.index for s in c.signals})
        self.flagged.setData(xs[marked] if marked else [], ys[marked] if marked else [])
        self.crosshair.setVisible(False)
        p = self.plot
        p.setXRange(-0.6, max(n, 1) - 0.4, padding=0)
        lo3 = [base.limits(pt.n)[0] for pt in pts]
        hi3 = [base.limits(pt.n)[1] for pt in pts]
        vals = [*ys.tolist(), *lo3, *hi3, base.mean]
        lo, hi = min(vals), max(vals)
        span = max(hi - lo, 1.0)
        # head room above for the legend
        p.setYRange(lo - 0.08 * span, hi + 0.30 * span, padding=0)
        self._readout(None)

    # ---- the crosshair ------------------------------------------------------------------

    def _moved(self, pos: QPointF) -> None:
        if self.data is None or not self.data.chart.points:
            return
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        i = int(round(self.plot.vb.mapSceneToView(pos).x()))
        if 0 <= i < len(self.data.chart.points):
            self.point_at(i)

    def point_at(self, i: int) -> None:
        """The crosshair on point ``i`` and its figures in the readout."""
        self.crosshair.setPos(i)
        self.crosshair.setVisible(True)
        self._readout(i)

    def _readout(self, i: int | None) -> None:
        d = self.data
        if d is None or not d.chart.points:
            self.readout.setText("")
            return
        c = d.chart
        if i is None:
            self.readout.setText(QCoreApplication.translate(
                "Qa", "{n} point(s), {flagged} of them in red (a run rule broken); point at "
                      "a point for its figures").format(
                n=len(c.points), flagged=len({sig.index for sig in c.signals})))
            return
        pt = c.points[i]
        lo, hi = c.limits(i)
        text = QCoreApplication.translate(
            "Qa", "{period}: mean {mean} of {n} score(s), limits {lcl} to {ucl}").format(
            period=texts.period_text(pt.start, d.per), mean=texts.score(pt.mean), n=pt.n,
            lcl=texts.score(lo), ucl=texts.score(hi))
        rules = [texts.rule_text(s.rule) for s in c.signals if s.index == i]
        if rules:
            text += " · " + "; ".join(rules)
        self.readout.setText(text)
