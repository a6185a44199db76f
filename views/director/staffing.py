"""The director's staffing page (人力配置, issue #17 "Staffing"; DOMAIN §7 schedule fit
排班契合度, R-REPORT-1 next month's per-slot staffing by the 25th).

For the window's filter (:class:`~models.domain.trends.TrendFilter`, handed in by
:meth:`StaffingPage.show_filter`):

* **the gap ahead** — per 15-minute slot, rostered − required (the people to roster:
  Erlang C or A for the SL target, ÷ (1 − shrinkage)) as bars, red under zero and green
  at or over it: the filter's days from today on, or the next 7 days when the range
  is all past;
* **the range behind** — per slot, the agents logged in (staffed), the roster and the
  need from the calls the slot actually had, with the schedule fit of the range;
* **the plan** — a month's per-slot staffing plan as .xlsx (next month by default).

The page renders what :class:`StaffingSource` answers; it never reads the database and
never decides who may see it (the backend's reads check the right to view trends).
Plots are made once and fed with ``setData`` / ``setOpts``; colours come from the
theme in force and follow a theme change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.domain.staffing_plan import (
    MODEL_ERLANG_A,
    Assumptions,
    SlotPlan,
    StaffingPlan,
    StaffingView,
    schedule_fit,
)
from models.domain.trends import TrendFilter
from views import theme as themes
from views.kit import dialogs
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine, Tone, paint

SLOT_H = 0.25  # a slot on the x axis: hours since the plot's first midnight


class StaffingSource(Protocol):
    """What the page needs from outside (console/staffing_backend.py). Each request
    answers later, on the GUI thread; a refusal comes as a text fit to show."""

    def staffing(self, owner: QObject, flt: TrendFilter) -> Pending:
        """Answers a :class:`StaffingView`."""
        ...

    def export_plan(self, owner: QObject, month: date, path: str, queue: str | None = None,
                    group: str | None = None) -> Pending:
        """Writes the month's plan to ``path``; answers (slots written, slots short)."""
        ...


def weekday_name(d: date) -> str:
    return (QCoreApplication.translate("Staffing", "Mon"), QCoreApplication.translate("Staffing", "Tue"), QCoreApplication.translate("Staffing", "Wed"), QCoreApplication.translate("Staffing", "Thu"), QCoreApplication.translate("Staffing", "Fri"), QCoreApplication.translate("Staffing", "Sat"),
            QCoreApplication.translate("Staffing", "Sun"))[d.weekday()]


def slot_label(t: datetime) -> str:
    """``12-08 Tue 09:15`` (周二 in Chinese)."""
    return f"{t:%m-%d} {weekday_name(t.date())} {t:%H:%M}"


def month_label(first: date) -> str:
    return QCoreApplication.translate("Staffing", "{year}-{month:02d}").format(year=first.year, month=first.month)


def pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def assumptions_text(a: Assumptions) -> str:
    model = "Erlang A" if a.model == MODEL_ERLANG_A else "Erlang C"
    text = QCoreApplication.translate("Staffing", "Required: {model}, {target}% of calls answered within {t} s").format(
        model=model, target=f"{100 * a.sl_target:g}", t=f"{a.t_s:g}")
    if a.patience_s is not None:
        text += QCoreApplication.translate("Staffing", " (callers' mean patience {p} s)").format(p=f"{a.patience_s:g}")
    text += QCoreApplication.translate("Staffing", "; shrinkage {s}% (people to roster = required ÷ (1 − shrinkage)); "
                "forecast: the mean of the same weekday's slot over the last {weeks} weeks, "
                "holidays from past holidays").format(s=f"{100 * a.shrinkage:g}",
                                                      weeks=a.weeks)
    scope = QCoreApplication.translate("Staffing", "Calls: {queue}; agents: {group}").format(
        queue=a.queue or QCoreApplication.translate("Staffing", "every queue"), group=a.group or QCoreApplication.translate("Staffing", "every group"))
    return f"{text}\n{scope}"


def next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def day_ticks(first: date, days: int) -> list[list[tuple[float, str]]]:
    """Ticks of a range of ``days`` days from ``first`` (x in hours): up to 10 days a
    line at each midnight with the day named under its middle (and the hours for up to
    3 days), then every Monday up to 70 days, then every month's first."""
    if days <= 3:  # the hours labelled, each day named at its noon
        return [[(24.0 * i, "") for i in range(days + 1)],
                [(24.0 * i + 12, f"{first + timedelta(days=i):%m-%d} "
                                 f"{weekday_name(first + timedelta(days=i))} 12:00")
                 for i in range(days)],
                [(24.0 * i + h, f"{h:02d}:00") for i in range(days)
                 for h in (3, 6, 9, 15, 18, 21)]]
    if days <= 10:  # a line at each midnight, the day named under its middle
        return [[(24.0 * i, "") for i in range(days + 1)],
                [(24.0 * i + 12, f"{first + timedelta(days=i):%m-%d} "
                                 f"{weekday_name(first + timedelta(days=i))}")
                 for i in range(days)]]
    step = 7 if days <= 70 else 0
    major: list[tuple[float, str]] = []
    for i in range(days + 1):
        d = first + timedelta(days=i)
        if step and d.weekday() == 0 or not step and d.day == 1:
            text = f"{d:%m-%d} {weekday_name(d)}" if step else f"{d:%Y-%m}"
            major.append((24.0 * i, text))
    return [major, []]


def steps(xs: Sequence[float], ys: Sequence[float],
          widths: Sequence[float]) -> tuple[list[float], list[float]]:
    """A value per slot (or bucket) as a step line: its start and end at its value."""
    x2: list[float] = []
    y2: list[float] = []
    for x, y, w in zip(xs, ys, widths, strict=True):
        x2 += (x, x + w)
        y2 += (y, y)
    return x2, y2


#: a past range longer than this is drawn per day, week or month (agent-hours), not
#: per slot: a quarter of slots is a solid band at any window's width
SLOTS_UP_TO_DAYS = 31


@dataclass(frozen=True, slots=True)
class Bucket:
    """A day, week or month of a past range: agent-hours staffed, rostered and needed
    (Σ per slot × ¼ h) and the schedule fit of its slots."""

    start: datetime
    end: datetime
    staffed_h: float | None  # None: no slot of it rolled up
    rostered_h: float
    need_h: float | None
    fit: float | None

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


def bucket_start(t: datetime, by: str) -> datetime:
    day = datetime.combine(t.date(), datetime.min.time())
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def buckets(plan: StaffingPlan, by: str) -> list[Bucket]:
    """The plan's slots summed per ``by`` (day, week, month) of the floor's clock; the
    first and last bucket cut to the range."""
    groups: dict[datetime, list[SlotPlan]] = {}
    for s in plan.slots:
        groups.setdefault(bucket_start(s.start, by), []).append(s)
    out = []
    for _start, slots in sorted(groups.items()):
        known = [s.to_roster for s in slots if s.to_roster is not None]
        on = [s.staffed for s in slots if s.staffed is not None]
        out.append(Bucket(slots[0].start, slots[-1].start + timedelta(minutes=15),
                          sum(on) * SLOT_H if on else None,
                          sum(s.rostered for s in slots) * SLOT_H,
                          sum(known) * SLOT_H if known else None, schedule_fit(slots)))
    return out


class _Plot:
    """One pyqtgraph plot of the page: made once, themed, fed with data."""

    def __init__(self, parent: QWidget, name: str) -> None:
        self.widget = pg.PlotWidget(parent)
        self.widget.setObjectName(name)
        self.widget.setMinimumHeight(150)
        self.widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.item = self.widget.getPlotItem()
        self.item.setMouseEnabled(x=False, y=False)
        self.item.hideButtons()
        self.item.setMenuEnabled(False)
        self.item.showGrid(x=True, y=True, alpha=0.25)
        self.first = date.today()
        self.slots: Sequence[SlotPlan] = ()
        #: the slot the mouse points at (hidden until it does)
        self.marker = pg.InfiniteLine(angle=90, movable=False)
        self.marker.hide()
        self.item.addItem(self.marker, ignoreBounds=True)

    def mark(self, s: SlotPlan) -> None:
        self.marker.setPos(self.x_of(s.start) + SLOT_H / 2)
        self.marker.show()

    def theme(self, th: themes.Theme) -> None:
        self.widget.setBackground(th.base)
        self.marker.setPen(pg.mkPen(th.text, width=1, style=Qt.PenStyle.DotLine))
        for side in ("left", "bottom"):
            ax = self.item.getAxis(side)
            ax.setPen(pg.mkPen(th.stale_text))
            ax.setTextPen(pg.mkPen(th.text))

    def x_of(self, t: datetime) -> float:
        return (t - datetime.combine(self.first, datetime.min.time())).total_seconds() / 3600

    def set_range(self, first: date, days: int) -> None:
        self.first = first
        self.marker.hide()
        self.item.getAxis("bottom").setTicks(day_ticks(first, days))
        self.item.setXRange(0, 24.0 * days, padding=0.01)

    def slot_at(self, scene_pos: QPointF) -> SlotPlan | None:
        if not self.slots or not self.item.sceneBoundingRect().contains(scene_pos):
            return None
        x = self.item.vb.mapSceneToView(scene_pos).x()
        base = self.x_of(self.slots[0].start)
        i = int((x - base) // SLOT_H)
        return self.slots[i] if 0 <= i < len(self.slots) else None


class StaffingPage(QWidget):
    """The staffing page of the director's window."""

    #: emitted when an answer (or a refusal) has been shown
    loaded = Signal()
    exported = Signal()

    def __init__(self, backend: StaffingSource, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffingPage")
        self.backend = backend
        self.flt: TrendFilter | None = None
        self.view: StaffingView | None = None
        self.buckets: list[Bucket] = []
        self._seq = 0
        self._today = today or date.today()
        self._build()
        self._fill_months(self._today)
        self.retranslate()
        self._apply_theme()

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        self.assumptions_label = QLabel(self)
        self.assumptions_label.setObjectName("staffingAssumptions")
        self.assumptions_label.setWordWrap(True)
        lay.addWidget(self.assumptions_label)

        self.gap_box = QGroupBox(self)
        gl = QVBoxLayout(self.gap_box)
        self.gap_plot = _Plot(self.gap_box, "staffingGapPlot")
        self.short_bars = pg.BarGraphItem(x0=[], height=[], width=SLOT_H)
        self.ok_bars = pg.BarGraphItem(x0=[], height=[], width=SLOT_H)
        self.gap_plot.item.addItem(self.ok_bars)
        self.gap_plot.item.addItem(self.short_bars)
        self.zero_line = pg.InfiniteLine(pos=0, angle=0, movable=False)
        self.gap_plot.item.addItem(self.zero_line)
        gl.addWidget(self.gap_plot.widget, 1)
        self.gap_summary = QLabel(self.gap_box)
        self.gap_summary.setObjectName("staffingGapSummary")
        self.gap_summary.setWordWrap(True)
        gl.addWidget(self.gap_summary)
        self.gap_hover = QLabel(self.gap_box)
        self.gap_hover.setObjectName("staffingGapHover")
        # a long slot line never widens the page (the window may be a floor PC's 1366)
        self.gap_hover.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        gl.addWidget(self.gap_hover)
        lay.addWidget(self.gap_box, 3)

        self.past_box = QGroupBox(self)
        pl = QVBoxLayout(self.past_box)
        fit_row = QHBoxLayout()
        self.fit_label = QLabel(self.past_box)
        self.fit_label.setObjectName("staffingFit")
        f = self.fit_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        self.fit_label.setFont(f)
        fit_row.addWidget(self.fit_label)
        self.fit_hint = QLabel(self.past_box)
        self.fit_hint.setObjectName("staffingFitHint")
        self.fit_hint.setWordWrap(True)
        fit_row.addWidget(self.fit_hint, 1)
        pl.addLayout(fit_row)
        self.past_plot = _Plot(self.past_box, "staffingPastPlot")
        self.legend = self.past_plot.item.addLegend(offset=(10, 2), colCount=3)
        # the roster under the agents logged in (they mostly match: both stay visible)
        self.rostered_curve = self.past_plot.item.plot([], [], name="rostered")
        self.required_curve = self.past_plot.item.plot([], [], name="required")
        self.staffed_curve = self.past_plot.item.plot([], [], name="staffed")
        for c in (self.staffed_curve, self.rostered_curve, self.required_curve):
            c.setDownsampling(auto=True, method="peak")
            c.setClipToView(True)
        pl.addWidget(self.past_plot.widget, 1)
        self.past_hover = QLabel(self.past_box)
        self.past_hover.setObjectName("staffingPastHover")
        self.past_hover.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        pl.addWidget(self.past_hover)
        lay.addWidget(self.past_box, 3)
        self.past_box.hide()

        row = QHBoxLayout()
        self.export_label = QLabel(self)
        row.addWidget(self.export_label)
        self.month_combo = QComboBox(self)
        self.month_combo.setObjectName("staffingMonth")
        row.addWidget(self.month_combo)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("staffingExport")
        self.export_button.clicked.connect(self.export_plan)
        row.addWidget(self.export_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.status = StatusLine(self, "staffingStatus")
        lay.addWidget(self.status)

        self.gap_plot.widget.scene().sigMouseMoved.connect(self._gap_moved)
        self.past_plot.widget.scene().sigMouseMoved.connect(self._past_moved)

    def _fill_months(self, today: date) -> None:
        """This month, next month (R-REPORT-1: due by the 25th; the default) and the
        one after."""
        this = today.replace(day=1)
        months = [this, next_month(this), next_month(next_month(this))]
        keep = self.month_combo.currentData()
        self.month_combo.clear()
        for m in months:
            self.month_combo.addItem(month_label(m), m)
        # findData cannot compare a Python date: look for it by hand
        want = keep if keep in months else months[1]
        self.month_combo.setCurrentIndex(months.index(want))

    def retranslate(self) -> None:
        self.gap_box.setTitle(self._gap_title())
        self.past_box.setTitle(self._past_title())
        self.export_label.setText(QCoreApplication.translate("Staffing", "Per-slot staffing plan for"))
        self.export_button.setText(QCoreApplication.translate("Staffing", "Export .xlsx…"))
        self.export_button.setToolTip(QCoreApplication.translate("Staffing", "Every 15-minute slot of the month: forecast calls, "
                                          "AHT, agents required, rostered and the gap; due by "
                                          "the 25th for next month (R-REPORT-1)"))
        self.fit_hint.setText(QCoreApplication.translate("Staffing", "Schedule fit = 1 − Σ|rostered − required| ÷ Σ required "
                                  "over the range's 15-minute slots (DOMAIN §7): 100% when "
                                  "the roster matches the need in every slot; short and "
                                  "surplus agents both count against it."))
        items = {"staffed": QCoreApplication.translate("Staffing", "Logged in"), "rostered": QCoreApplication.translate("Staffing", "Rostered"),
                 "required": QCoreApplication.translate("Staffing", "Required (with shrinkage)")}
        for _sample, label in self.legend.items:
            key = getattr(label, "_staffing_key", None) or label.text
            label._staffing_key = key
            label.setText(items.get(key, key))
        left = QCoreApplication.translate("Staffing", "Agents")
        self.gap_plot.item.setLabel("left", QCoreApplication.translate("Staffing", "Rostered − required"))
        self.past_plot.item.setLabel("left", left)
        for i in range(self.month_combo.count()):
            self.month_combo.setItemText(i, month_label(self.month_combo.itemData(i)))
        if self.view is not None:
            self._render(self.view)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif e.type() == QEvent.Type.PaletteChange:
            self._apply_theme()
        super().changeEvent(e)

    def _apply_theme(self) -> None:
        th = themes.current(self.palette())
        self._theme = th
        for p in (self.gap_plot, self.past_plot):
            p.theme(th)
        self.short_bars.setOpts(brush=pg.mkBrush(th.red), pen=pg.mkPen(None))
        self.ok_bars.setOpts(brush=pg.mkBrush(th.green), pen=pg.mkPen(None))
        self.zero_line.setPen(pg.mkPen(th.text, width=1))
        self.staffed_curve.setPen(pg.mkPen(th.info, width=1))
        # thin solid pens: a dashed or wide pen over a year of slots costs seconds a paint
        self.rostered_curve.setPen(pg.mkPen(th.green, width=2))
        self.required_curve.setPen(pg.mkPen(th.red, width=1))
        for _sample, label in self.legend.items:
            label.setAttr("color", th.text)
            label.setText(label.text)
        self.legend.setBrush(pg.mkBrush(QColor(th.base.red(), th.base.green(), th.base.blue(),
                                               200)))

    # ---- the filter and the answers ----------------------------------------------------

    def show_filter(self, flt: TrendFilter) -> None:
        """The window's filter changed (or this page became visible): read it."""
        self.flt = flt
        self._seq += 1
        self.status.say(QCoreApplication.translate("Staffing", "Computing the staffing need…"))
        self.backend.staffing(self, flt).done(tagged(self._arrived, self._seq)).refused(
            tagged(self._refused, self._seq)).run()

    def _arrived(self, seq: int, view: StaffingView) -> None:
        if seq != self._seq:
            return  # an older filter's answer
        self.view = view
        self._today = view.today
        self._fill_months(view.today)
        self._render(view)
        self.status.clear()
        self.loaded.emit()

    def _refused(self, seq: int, why: str) -> None:
        if seq != self._seq:
            return
        self.status.fail(why)
        self.loaded.emit()

    def show_failure(self, text: str) -> None:
        self.status.fail(text)

    def _gap_title(self) -> str:
        v = self.view
        if v is None:
            return QCoreApplication.translate("Staffing", "Rostered − required per 15 minutes")
        a = v.ahead
        if a.first == v.today and (a.last - a.first).days + 1 == 7:
            span = QCoreApplication.translate("Staffing", "the next 7 days")
        else:
            span = QCoreApplication.translate("Staffing", "{first} to {last}").format(first=f"{a.first:%m-%d}",
                                                   last=f"{a.last:%m-%d}")
        return QCoreApplication.translate("Staffing", "Rostered − required per 15 minutes, {span}").format(span=span)

    def _past_title(self) -> str:
        p = self.view.past if self.view is not None else None
        if p is None:
            return QCoreApplication.translate("Staffing", "Staffed vs required")
        return QCoreApplication.translate("Staffing", "Staffed vs required, {first} to {last}").format(
            first=f"{p.first:%Y-%m-%d}", last=f"{p.last:%Y-%m-%d}")

    def _render(self, v: StaffingView) -> None:
        self.assumptions_label.setText(assumptions_text(v.ahead.assumptions))
        self.gap_box.setTitle(self._gap_title())
        self._render_gap(v.ahead)
        self.past_box.setVisible(v.past is not None)
        if v.past is not None:
            self.past_box.setTitle(self._past_title())
            self._render_past(v.past, v.fit)

    def _render_gap(self, plan: StaffingPlan) -> None:
        p = self.gap_plot
        p.slots = plan.slots
        p.set_range(plan.first, (plan.last - plan.first).days + 1)
        short_x: list[float] = []
        short_h: list[float] = []
        ok_x: list[float] = []
        ok_h: list[float] = []
        for s in plan.slots:
            if s.gap is None:
                continue
            x = p.x_of(s.start)
            if s.gap < 0:
                short_x.append(x)
                short_h.append(float(s.gap))
            else:
                ok_x.append(x)
                ok_h.append(float(s.gap))
        self.short_bars.setOpts(x0=short_x, height=short_h, width=SLOT_H)
        self.ok_bars.setOpts(x0=ok_x, height=ok_h, width=SLOT_H)
        lo = min([0.0, *short_h])
        hi = max([1.0, *ok_h])
        p.item.setYRange(lo, hi, padding=0.05)
        self.gap_summary.setText(self.gap_text(plan))
        paint(self.gap_summary, Tone.ERROR if short_x else Tone.OK)
        self.gap_hover.setText(QCoreApplication.translate("Staffing", "Point at a bar to read its slot."))

    @staticmethod
    def gap_text(plan: StaffingPlan) -> str:
        short = plan.short_slots()
        unknown = sum(1 for s in plan.slots if s.to_roster is None)
        if short:
            worst = plan.worst()
            assert worst is not None and worst.gap is not None
            text = QCoreApplication.translate("Staffing", "{n} slots short of agents; the largest gap is {gap} at {slot} "
                       "(required {need}, rostered {rostered}).").format(
                n=len(short), gap=worst.gap, slot=slot_label(worst.start),
                need=worst.to_roster, rostered=worst.rostered)
        else:
            text = QCoreApplication.translate("Staffing", "The roster covers the need in every slot.")
        bare = plan.unrostered_days()
        if bare:
            text += " " + QCoreApplication.translate(
                "Staffing", "Nobody is rostered on {n} day(s) ({first} to {last}): the roster "
                "is not made yet there.").format(n=len(bare), first=f"{bare[0]:%m-%d}",
                                                  last=f"{bare[-1]:%m-%d}")
        if unknown:
            text += " " + QCoreApplication.translate("Staffing", "{n} slots have no history to forecast from.").format(n=unknown)
        if plan.unknown_shifts:
            text += " " + QCoreApplication.translate("Staffing", "The roster uses shifts the policy does not define, not "
                              "counted: {shifts}.").format(shifts="、".join(plan.unknown_shifts))
        return text

    def _render_past(self, plan: StaffingPlan, fit: float | None) -> None:
        p = self.past_plot
        p.slots = plan.slots
        days = (plan.last - plan.first).days + 1
        p.set_range(plan.first, days)
        by = self.flt.by if self.flt is not None else "day"
        # a long range's bars are per day where the filter asks for hours or shifts
        # (the plan is per 15-minute slot and per day; shift bars are the trends')
        self.buckets = buckets(plan, "day" if by in ("hour", "shift") else by) \
            if days > SLOTS_UP_TO_DAYS \
            else []
        nan = float("nan")
        if self.buckets:  # a long range: agent-hours per day, week or month
            xs = [p.x_of(b.start) for b in self.buckets]
            widths = [b.hours for b in self.buckets]
            staffed = [nan if b.staffed_h is None else b.staffed_h for b in self.buckets]
            need = [nan if b.need_h is None else b.need_h for b in self.buckets]
            rostered = [b.rostered_h for b in self.buckets]
            left = QCoreApplication.translate("Staffing", "Agent-hours")
        else:  # a slot at a time: agents
            xs = [p.x_of(s.start) for s in plan.slots]
            widths = [SLOT_H] * len(xs)
            staffed = [nan if s.staffed is None else s.staffed for s in plan.slots]
            need = [nan if s.to_roster is None else float(s.to_roster) for s in plan.slots]
            rostered = [float(s.rostered) for s in plan.slots]
            left = QCoreApplication.translate("Staffing", "Agents")
        p.item.setLabel("left", left)
        # steps drawn as points (each slot its start and end), not stepMode: pyqtgraph's
        # downsampling of a long range breaks stepMode's len(x) = len(y) + 1
        self.staffed_curve.setData(*steps(xs, staffed, widths), connect="finite")
        self.rostered_curve.setData(*steps(xs, rostered, widths), connect="finite")
        self.required_curve.setData(*steps(xs, need, widths), connect="finite")
        top = max([1.0, *(v for v in (*staffed, *need, *rostered) if v == v)])
        p.item.setYRange(0, top * 1.2, padding=0.02)  # room for the legend above the lines
        self.fit_label.setText(QCoreApplication.translate("Staffing", "Schedule fit {fit}").format(fit=pct(fit)))
        paint(self.fit_label, Tone.PLAIN, bold=True)
        self.past_hover.setText(QCoreApplication.translate("Staffing", "Point at the chart to read a slot."))

    # ---- hovering ----------------------------------------------------------------------

    def _gap_moved(self, pos: QPointF) -> None:
        s = self.gap_plot.slot_at(pos)
        if s is None:
            return
        self.gap_plot.mark(s)
        if s.to_roster is None:
            self.gap_hover.setText(QCoreApplication.translate("Staffing", "{slot}: no history to forecast from").format(
                slot=slot_label(s.start)))
            return
        self.gap_hover.setText(self.slot_text(s))

    def _past_moved(self, pos: QPointF) -> None:
        s = self.past_plot.slot_at(pos)
        if s is not None and self.buckets:
            b = next((b for b in self.buckets if b.start <= s.start < b.end), None)
            if b is not None:
                self.past_plot.marker.setPos(self.past_plot.x_of(b.start) + b.hours / 2)
                self.past_plot.marker.show()
                self.past_hover.setText(self.bucket_text(b))
        elif s is not None:
            self.past_plot.mark(s)
            self.past_hover.setText(self.slot_text(s))

    @staticmethod
    def bucket_text(b: Bucket) -> str:
        last = b.end - timedelta(minutes=15)
        span = f"{b.start:%Y-%m-%d}" if last.date() == b.start.date() else \
            QCoreApplication.translate("Staffing", "{first} to {last}").format(
                first=f"{b.start:%Y-%m-%d}", last=f"{last:%Y-%m-%d}")
        return QCoreApplication.translate(
            "Staffing", "{span}: logged in {staffed} agent-hours, rostered {rostered}, "
                        "required {need}; schedule fit {fit}").format(
            span=span, staffed="—" if b.staffed_h is None else f"{b.staffed_h:.0f}", rostered=f"{b.rostered_h:.0f}",
            need="—" if b.need_h is None else f"{b.need_h:.0f}", fit=pct(b.fit))

    @staticmethod
    def slot_text(s: SlotPlan) -> str:
        if s.to_roster is None:
            return QCoreApplication.translate("Staffing", "{slot}: not rolled up yet").format(slot=slot_label(s.start))
        text = QCoreApplication.translate("Staffing", "{slot}: calls {calls}, AHT {aht} s, required {need} on the phones, "
                   "{roster} to roster, rostered {rostered}, gap {gap}").format(
            slot=slot_label(s.start), calls=f"{s.calls or 0:.1f}",
            aht="—" if s.aht_s is None else f"{s.aht_s:.0f}", need=s.required,
            roster=s.to_roster, rostered=s.rostered, gap=s.gap)
        if s.staffed is not None:
            text += QCoreApplication.translate("Staffing", ", logged in {staffed}").format(staffed=f"{s.staffed:.1f}")
        return text

    # ---- the plan ----------------------------------------------------------------------

    def selected_month(self) -> date:
        m = self.month_combo.currentData()
        return m if isinstance(m, date) else next_month(self._today)

    def _save_dialog(self, suggested: str) -> str | None:
        return dialogs.save_path(self, QCoreApplication.translate("Staffing", "Export the staffing plan"), suggested,
                                 QCoreApplication.translate("Staffing", "Excel workbook (*.xlsx)"))

    def export_plan(self) -> None:
        month = self.selected_month()
        path = self._save_dialog(QCoreApplication.translate("Staffing", "staffing plan {month}.xlsx").format(
            month=f"{month:%Y-%m}"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        flt = self.flt
        self.status.say(QCoreApplication.translate("Staffing", "Writing the staffing plan of {month}…").format(
            month=month_label(month)))
        self.export_button.setEnabled(False)
        self.backend.export_plan(self, month, path, flt.queue if flt else None,
                                 flt.group if flt else None).done(
            tagged(self._exported, month, path)).refused(self._export_refused).run()

    def _exported(self, month: date, path: str, answer: Any) -> None:
        n, short = answer
        self.export_button.setEnabled(True)
        self.status.ok(QCoreApplication.translate("Staffing", "Saved the staffing plan of {month} ({n} slots, {short} short of "
                           "agents) to {path}").format(month=month_label(month), n=n,
                                                       short=short, path=path))
        self.exported.emit()

    def _export_refused(self, why: str) -> None:
        self.export_button.setEnabled(True)
        self.status.fail(why)
        self.exported.emit()


__all__ = ["StaffingPage", "StaffingSource"]
