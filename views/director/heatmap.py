"""The director's service-level heat map (服务水平热力图, issue #17): SL by weekday
(rows, Monday first) × hour of the floor's clock (columns 0–23) over the window's
days, for its queue (every queue without one).

Each cell's SL comes from the summed 15-minute rows of that weekday and hour
(``models.db.league_db.heatmap``), never from an average of SLs. Its colour is the
policy's band (DOMAIN §7, ``bands.service_level``): green at or over the target,
amber from the amber mark, red under it; grey where no call reached the queue. The
value is written in each cell; pointing at a cell shows its counts. One plot, one
image and 168 labels, created once and fed on every answer (pyqtgraph: no clear()).
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from models.domain.league import HOURS, WEEKDAYS, HeatCell, HeatMap
from models.domain.trends import TrendFilter
from views import theme as themes
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine


class HeatmapSource(Protocol):
    """What the page needs (console/league_backend.py); answers on the GUI thread."""

    def heatmap(self, owner: QObject, flt: TrendFilter) -> Pending: ...


def weekday_names() -> list[str]:
    return [QCoreApplication.translate("Heatmap", "Mon"),
            QCoreApplication.translate("Heatmap", "Tue"),
            QCoreApplication.translate("Heatmap", "Wed"),
            QCoreApplication.translate("Heatmap", "Thu"),
            QCoreApplication.translate("Heatmap", "Fri"),
            QCoreApplication.translate("Heatmap", "Sat"),
            QCoreApplication.translate("Heatmap", "Sun")]


def band_of(sl: float | None, hm: HeatMap) -> str:
    """green / amber / red by the policy's bands; none without calls."""
    if sl is None:
        return "none"
    if sl >= hm.target:
        return "green"
    return "amber" if sl >= hm.amber else "red"


def _ink(bg: QColor) -> QColor:
    """Text readable on ``bg``."""
    lum = 0.299 * bg.redF() + 0.587 * bg.greenF() + 0.114 * bg.blueF()
    return QColor("#111111") if lum > 0.55 else QColor("#ffffff")


class HeatmapPage(QWidget):
    """A page of the director's window: ``show_filter(flt)`` reads and draws."""

    def __init__(self, backend: HeatmapSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmapPage")
        self.backend = backend
        self._seq = 0
        self.heat: HeatMap | None = None
        self._build()
        self.retranslate()

    # ---- layout ----------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        self.caption = QLabel(self)
        self.caption.setObjectName("heatmapCaption")
        self.caption.setWordWrap(True)
        lay.addWidget(self.caption)
        self.plot = pg.PlotWidget(self)
        self.plot.setObjectName("heatmapPlot")
        pi = self.plot.getPlotItem()
        pi.setMouseEnabled(False, False)
        pi.setMenuEnabled(False)
        pi.hideButtons()
        vb = pi.getViewBox()
        vb.invertY(True)  # Monday on top
        vb.setRange(xRange=(0, HOURS), yRange=(0, WEEKDAYS), padding=0.0)
        self.image = pg.ImageItem(axisOrder="col-major")
        self.image.setRect(0, 0, HOURS, WEEKDAYS)
        pi.addItem(self.image)
        pi.getAxis("bottom").setTicks([[(h + 0.5, str(h)) for h in range(HOURS)]])
        self.labels: list[list[pg.TextItem]] = []
        for h in range(HOURS):
            col = []
            for d in range(WEEKDAYS):
                t = pg.TextItem("", anchor=(0.5, 0.5))
                t.setPos(h + 0.5, d + 0.5)
                pi.addItem(t)
                col.append(t)
            self.labels.append(col)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        lay.addWidget(self.plot, 1)

        legend = QHBoxLayout()
        self.legend_title = QLabel(self)
        legend.addWidget(self.legend_title)
        self.swatches: dict[str, tuple[QLabel, QLabel]] = {}
        for band in ("green", "amber", "red", "none"):
            sw, text = QLabel(self), QLabel(self)
            sw.setFixedSize(18, 14)
            sw.setObjectName(f"heatmapSwatch_{band}")
            text.setObjectName(f"heatmapLegend_{band}")
            legend.addWidget(sw)
            legend.addWidget(text)
            legend.addSpacing(12)
            self.swatches[band] = (sw, text)
        legend.addStretch(1)
        lay.addLayout(legend)
        self.detail = QLabel(self)
        self.detail.setObjectName("heatmapDetail")
        lay.addWidget(self.detail)
        self.status = StatusLine(self, "heatmapStatus")
        lay.addWidget(self.status)

    def retranslate(self) -> None:
        pi = self.plot.getPlotItem()
        pi.getAxis("left").setTicks([[(d + 0.5, n) for d, n in enumerate(weekday_names())]])
        pi.setLabel("bottom", QCoreApplication.translate("Heatmap", "Hour of day"))
        # no title on the weekday axis: its names say it, and CJK turned on its side
        # reads badly
        self.legend_title.setText(QCoreApplication.translate("Heatmap", "Service level:"))
        self._render()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.retranslate()
        super().changeEvent(e)

    # ---- reading ---------------------------------------------------------------

    def show_filter(self, flt: TrendFilter) -> None:
        self._seq += 1
        self.status.say(QCoreApplication.translate("Heatmap", "Reading…"))
        self.backend.heatmap(self, flt).done(tagged(self._arrived, self._seq)).refused(
            tagged(self._failed, self._seq)).run()

    def _arrived(self, seq: int, heat: HeatMap) -> None:
        if seq != self._seq:
            return
        self.heat = heat
        if heat.cells:
            self.status.clear()
        else:
            self.status.say(QCoreApplication.translate(
                "Heatmap", "No calls reached the queue in this range."))
        self._render()

    def _failed(self, seq: int, why: str) -> None:
        if seq != self._seq:
            return
        self.heat = None
        self._render()
        self.status.fail(why)

    def show_failure(self, text: str) -> None:
        self.status.fail(text)

    # ---- drawing ---------------------------------------------------------------

    def colours(self) -> dict[str, QColor]:
        th = themes.current(self.palette())
        return {"green": th.green, "amber": th.amber, "red": th.red, "none": th.stale_text}

    def _render(self) -> None:
        th = themes.current(self.palette())
        colours = self.colours()
        self.plot.setBackground(th.base)
        for ax in ("left", "bottom"):
            axis = self.plot.getPlotItem().getAxis(ax)
            axis.setTextPen(th.text)
            axis.setPen(th.stale_text)
        hm = self.heat
        rgba = np.zeros((HOURS, WEEKDAYS, 4), dtype=np.ubyte)
        font = QFont()
        font.setPointSizeF(8.5)
        for h in range(HOURS):
            for d in range(WEEKDAYS):
                cell = hm.cell(d, h) if hm is not None else None
                sl = cell.service_level if cell is not None else None
                band = band_of(sl, hm) if hm is not None else "none"
                c = QColor(colours[band])  # the legend's swatch, exactly
                rgba[h, d] = (c.red(), c.green(), c.blue(), c.alpha())
                label = self.labels[h][d]
                label.setFont(font)
                if sl is None:
                    label.setText("")
                else:
                    label.setText(f"{sl * 100:.0f}")
                    label.setColor(_ink(c))
        self.image.setImage(rgba, autoLevels=False, levels=(0, 255))
        self.image.setRect(0, 0, HOURS, WEEKDAYS)
        if hm is not None:
            target, amber = f"{hm.target * 100:.0f}%", f"{hm.amber * 100:.0f}%"
            self.caption.setText(QCoreApplication.translate(
                "Heatmap", "Share of calls answered within {t} s, per weekday and hour "
                "(floor time), {first} to {last}; the numbers are percentages. Target "
                "{target}.").format(t=f"{hm.sl_threshold_s:g}", first=hm.flt.first.isoformat(),
                                    last=hm.flt.last.isoformat(), target=target))
        else:
            target, amber = "—", "—"
            self.caption.setText(QCoreApplication.translate(
                "Heatmap", "Share of calls answered within the threshold, per weekday and "
                "hour."))
        texts = {
            "green": QCoreApplication.translate(
                "Heatmap", "at or over the target {target}").format(target=target),
            "amber": QCoreApplication.translate(
                "Heatmap", "{amber} to under {target}").format(amber=amber, target=target),
            "red": QCoreApplication.translate("Heatmap", "under {amber}").format(amber=amber),
            "none": QCoreApplication.translate("Heatmap", "no calls (no data)")}
        for band, (sw, text) in self.swatches.items():
            c = colours[band]
            sw.setStyleSheet(f"background: {c.name()}; border: 1px solid {th.stale_text.name()};")
            text.setText(texts[band])

    def cell_text(self, cell: HeatCell | None, weekday: int, hour: int) -> str:
        """What pointing at a cell says."""
        where = QCoreApplication.translate("Heatmap", "{day} {start}:00–{end}:00").format(
            day=weekday_names()[weekday], start=f"{hour:02d}", end=f"{hour + 1:02d}")
        if cell is None or cell.service_level is None:
            return QCoreApplication.translate("Heatmap", "{where}: no calls").format(where=where)
        c = cell.counts
        return QCoreApplication.translate(
            "Heatmap", "{where}: service level {sl}; offered {offered}, answered "
            "{answered} ({in_sl} within the threshold), abandoned {abandoned}").format(
            where=where, sl=f"{cell.service_level * 100:.1f}%", offered=c.offered,
            answered=c.answered, in_sl=c.answered_in_sl, abandoned=c.abandoned)

    def _hover(self, pos: Any) -> None:
        vb = self.plot.getPlotItem().getViewBox()
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        p: QPointF = vb.mapSceneToView(pos)
        h, d = int(p.x()), int(p.y())
        if not (0 <= p.x() < HOURS and 0 <= p.y() < WEEKDAYS):
            self.detail.setText("")
            self.plot.setToolTip("")
            return
        text = self.cell_text(self.heat.cell(d, h) if self.heat else None, d, h)
        self.detail.setText(text)
        self.plot.setToolTip(text)

    def hover_cell(self, weekday: int, hour: int) -> str:
        """Point at a cell as the mouse would (tests, screenshots); returns its text."""
        vb = self.plot.getPlotItem().getViewBox()
        self._hover(vb.mapViewToScene(QPointF(hour + 0.5, weekday + 0.5)))
        return self.detail.text()


__all__ = ["HeatmapPage", "HeatmapSource", "band_of"]
