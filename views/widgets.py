"""Small widgets of the main window: the state summary bar, the stale banner, the
telephony-link banner and the agent's state timeline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from models.domain.floor import FloorState
from models.domain.types import AgentState, AwayReason
from views.kit.texts import away_name, state_name
from views.msg import tr_msg
from views.theme import Theme


class SummaryBar(QFrame):
    """Counts of agents by state (离席 by reason) and 小休 n / limit per group (R-BREAK-2)."""

    def __init__(self, theme: Theme, parent: Any = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setObjectName("summaryBar")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 2, 6, 2)
        outer.setSpacing(2)
        self._layout = QHBoxLayout()
        self._layout.setSpacing(14)
        self._states = QLabel()
        self._away = QLabel()
        self._breaks = QLabel()
        for w in (self._states, self._away, self._breaks):
            w.setTextFormat(Qt.TextFormat.RichText)
            # long lists must never force the window wider than the screen
            w.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._states.setMinimumWidth(200)
        self._layout.addWidget(self._states, 3)
        self._layout.addWidget(self._away, 2)
        outer.addLayout(self._layout)
        outer.addWidget(self._breaks)
        self.texts: list[str] = []

    def set_theme(self, theme: Theme) -> None:
        """The chips are painted with the theme's colours: the next snapshot (or the
        window's re-render) draws them anew."""
        self.theme = theme

    def set_snapshot(self, s: FloorState) -> None:
        counts = {st: 0 for st in AgentState}
        away: dict[AwayReason, int] = {}
        on_break: dict[str, int] = {}
        for x in s.status.values():
            counts[x.state] += 1
            if x.state is AgentState.AWAY and x.reason is not None:
                away[x.reason] = away.get(x.reason, 0) + 1
                if x.reason is AwayReason.SHORT_BREAK:
                    g = s.agents[x.agent].group if x.agent in s.agents else ""
                    on_break[g] = on_break.get(g, 0) + 1
        order = [AgentState.READY, AgentState.RINGING, AgentState.TALKING, AgentState.HOLD,
                 AgentState.AFTER_CALL, AgentState.AWAY, AgentState.LOGGED_OUT]
        chips = []
        for st in order:
            c = self.theme.state_colour(st).name()
            chips.append(f"<span style='background:{c};color:{self.theme.text.name()}'>"
                         f"&nbsp;{state_name(st)} <b>{counts[st]}</b>&nbsp;</span>")
        self._states.setText(" ".join(chips))
        self._away.setText(QCoreApplication.translate("Summary", "Away: {list}").format(
            list="  ".join(f"{away_name(r)} {n}" for r, n in sorted(
                away.items(), key=lambda kv: list(AwayReason).index(kv[0]))) or "—"))
        limit = s.policy.max_on_break_per_group
        parts = []
        for gid in sorted(s.groups):
            n = on_break.get(gid, 0)
            txt = QCoreApplication.translate("Summary", "{group} short break {n} / {limit}").format(
                group=s.groups[gid].name, n=n, limit=limit)
            if n > limit:
                txt = f"<b style='color:{self.theme.red.name()}'>{txt}</b>"
            elif n == limit:
                txt = f"<span style='color:{self.theme.amber.name()}'>{txt}</span>"
            parts.append(txt)
        self._breaks.setText("  ".join(parts))
        self.texts = [self._states.text(), self._away.text(), self._breaks.text()]


class StaleBanner(QLabel):
    """Shown while the feed is stale: says so and since when; hides by itself."""

    def __init__(self, theme: Theme, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("staleBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_theme(theme)
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setStyleSheet(f"QLabel#staleBanner {{ background: {theme.banner_bg.name()}; "
                           f"color: {theme.banner_text.name()}; font-weight: bold; "
                           "padding: 6px; }")

    def show_stale(self, since_local: str, reason: str) -> None:
        self.setText(QCoreApplication.translate(
            "MainWindow", "Data is not live since {since}: {reason}. Controls are disabled "
                          "until it recovers.").format(since=since_local, reason=tr_msg(reason)))
        self.show()


def link_down_title(since_local: str) -> str:
    """"话务平台连接中断（自 hh:mm:ss）": the console's, the alerts panel's and the wall's
    one wording (issue #14)."""
    return QCoreApplication.translate("TelephonyLink", "Telephony link down since {time}"
                                      ).format(time=since_local)


def link_down_note() -> str:
    return QCoreApplication.translate(
        "TelephonyLink", "Alerts that depend on live telephony state may be incomplete.")


class TelephonyBanner(QLabel):
    """Shown while the floor host's link to the phone system is down (issue #14):
    since when, in the floor's time, and that alerts resting on live telephony state
    (who rings, talks, holds) may be incomplete. Distinct from :class:`StaleBanner`
    — the database may be live while the switch is not followed — so both can show
    at once, each in its own colour."""

    def __init__(self, theme: Theme, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("telephonyBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        # a long English line wraps; it never widens the window past a 1366 screen
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.since_local = ""
        self.set_theme(theme)
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setStyleSheet(f"QLabel#telephonyBanner {{ background: {theme.link_bg.name()}; "
                           f"color: {theme.link_text.name()}; font-weight: bold; "
                           "padding: 6px; }")

    def show_down(self, since_local: str) -> None:
        self.since_local = since_local
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        if self.since_local:
            self.setText(QCoreApplication.translate("TelephonyLink", "{title}. {note}").format(
                title=link_down_title(self.since_local), note=link_down_note()))

    def hide_up(self) -> None:
        self.since_local = ""
        self.hide()


#: the day bar's states, in the legend's order
TIMELINE_STATES = (AgentState.READY, AgentState.RINGING, AgentState.TALKING, AgentState.HOLD,
                   AgentState.AFTER_CALL, AgentState.AWAY, AgentState.LOGGED_OUT)


class Timeline(QWidget):
    """Today's state timeline of one agent as a coloured bar over an hour axis
    (painted, no plot library; issue #12, item 7: the hours are marked)."""

    BAR_H = 24

    def __init__(self, theme: Theme, parent: Any = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.segments: list[tuple[datetime, datetime, AgentState]] = []
        self.day_start: datetime | None = None
        self.day_end: datetime | None = None
        self.tz: tzinfo | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self._height())

    def _height(self) -> int:
        return self.BAR_H + self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:
        return QSize(300, self._height())

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_segments(self, start: datetime, end: datetime,
                     segments: list[tuple[datetime, datetime, AgentState]],
                     tz: tzinfo | None = None) -> None:
        self.day_start, self.day_end, self.segments = start, end, segments
        self.tz = tz
        self.update()

    def hour_marks(self) -> list[tuple[float, str]]:
        """(fraction of the bar, "HH:MM") on the round times inside the bar, in the
        floor's zone: full hours over a long day (every second or third hour past
        eight), quarter or half hours when the bar spans only a little while."""
        if self.day_start is None or self.day_end is None or self.day_end <= self.day_start:
            return []
        span = (self.day_end - self.day_start).total_seconds()
        step_min = next((m for m in (5, 10, 15, 30, 60, 120, 180) if span / 60 / m <= 9), 180)
        tz = self.tz or UTC
        start = self.day_start.astimezone(tz)
        midnight = start.replace(hour=0, minute=0, second=0, microsecond=0)
        n = -(-int((start - midnight).total_seconds()) // (step_min * 60))  # ceil
        t = midnight + timedelta(minutes=n * step_min)
        marks = []
        while t <= self.day_end:
            marks.append(((t - self.day_start).total_seconds() / span, f"{t:%H:%M}"))
            t += timedelta(minutes=step_min)
        return marks

    def paintEvent(self, _e: Any) -> None:
        p = QPainter(self)
        r = QRectF(1, 1, self.width() - 2, self.BAR_H - 2)
        p.fillRect(r, self.theme.state_colour(AgentState.LOGGED_OUT))
        if self.day_start and self.day_end and self.segments:
            span = (self.day_end - self.day_start).total_seconds()
            for a, b, st in self.segments:
                x0 = r.left() + r.width() * max(0.0, (a - self.day_start).total_seconds() / span)
                x1 = r.left() + r.width() * min(1.0, (b - self.day_start).total_seconds() / span)
                if x1 > x0:
                    p.fillRect(QRectF(x0, r.top(), max(1.0, x1 - x0), r.height()),
                               self.theme.state_colour(st))
        p.setPen(QPen(QColor(self.theme.stale_text)))
        p.drawRect(r)
        fm = self.fontMetrics()
        p.setPen(QPen(self.palette().color(self.foregroundRole())))
        last_right = -1.0
        for frac, label in self.hour_marks():
            x = r.left() + r.width() * frac
            p.drawLine(QPointF(x, r.bottom()), QPointF(x, r.bottom() + 4))
            w = fm.horizontalAdvance(label)
            left = min(max(0.0, x - w / 2), self.width() - w)
            if left > last_right + 4:  # labels never overlap
                p.drawText(QPointF(left, r.bottom() + 4 + fm.ascent()), label)
                last_right = left + w
        p.end()


class TimelineLegend(QWidget):
    """The day bar's colours and what they mean (issue #12, item 7): one chip per
    state, wrapped onto as many lines as the panel's width needs. It sets its own
    height from its width rather than reporting a height-for-width, which would make
    the detail panel's scroll area ask for its preferred height and scroll."""

    PAD = 4
    GAP = 4

    def __init__(self, theme: Theme, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineLegend")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.items: list[tuple[str, QColor]] = []
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.retranslate()

    def retranslate(self) -> None:
        self.items = [(state_name(st), self.theme.state_colour(st)) for st in TIMELINE_STATES]
        self._fit_height()
        self.update()

    def text(self) -> str:
        """What the legend says, with each colour (for tests and accessibility)."""
        return "  ".join(f"{label} {colour.name()}" for label, colour in self.items)

    def _rects(self, width: int) -> list[QRectF]:
        fm = self.fontMetrics()
        h = fm.height() + 2
        x = y = 0.0
        out = []
        for label, _c in self.items:
            w = fm.horizontalAdvance(label) + 2 * self.PAD
            if x > 0 and x + w > width:
                x, y = 0.0, y + h + self.GAP
            out.append(QRectF(x, y, w, h))
            x += w + self.GAP
        return out

    def _fit_height(self) -> None:
        rects = self._rects(max(1, self.width()))
        self.setFixedHeight(int(rects[-1].bottom()) + 1 if rects else 0)

    def resizeEvent(self, e: Any) -> None:
        super().resizeEvent(e)
        self._fit_height()

    def sizeHint(self) -> QSize:
        rects = self._rects(10_000)
        return QSize(int(rects[-1].right()) + 1 if rects else 0, self.height())

    def paintEvent(self, _e: Any) -> None:
        p = QPainter(self)
        for (label, colour), r in zip(self.items, self._rects(self.width()), strict=True):
            p.fillRect(r, colour)
            p.setPen(QPen(self.theme.text))
            p.drawText(r, int(Qt.AlignmentFlag.AlignCenter), label)
        p.end()
