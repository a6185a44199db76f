"""Small widgets of the main window: the state summary bar, the stale banner and
the agent's state timeline."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from models.domain.floor import FloorState
from models.domain.types import AgentState, AwayReason
from views import labels
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
                         f"&nbsp;{labels.state(st)} <b>{counts[st]}</b>&nbsp;</span>")
        self._states.setText(" ".join(chips))
        self._away.setText(QCoreApplication.translate("Summary", "Away: {list}").format(
            list="  ".join(f"{labels.reason(r)} {n}" for r, n in sorted(
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
        self.setStyleSheet(f"QLabel#staleBanner {{ background: {theme.banner_bg.name()}; "
                           f"color: {theme.banner_text.name()}; font-weight: bold; "
                           "padding: 6px; }")
        self.hide()

    def show_stale(self, since_local: str, reason: str) -> None:
        self.setText(QCoreApplication.translate(
            "MainWindow", "Data is not live since {since}: {reason}. Controls are disabled "
                          "until it recovers.").format(since=since_local, reason=tr_msg(reason)))
        self.show()


class Timeline(QWidget):
    """Today's state timeline of one agent as a coloured bar (painted, no plot library)."""

    def __init__(self, theme: Theme, parent: Any = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.segments: list[tuple[datetime, datetime, AgentState]] = []
        self.day_start: datetime | None = None
        self.day_end: datetime | None = None
        self.setMinimumHeight(28)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(300, 32)

    def set_segments(self, start: datetime, end: datetime,
                     segments: list[tuple[datetime, datetime, AgentState]]) -> None:
        self.day_start, self.day_end, self.segments = start, end, segments
        self.update()

    def paintEvent(self, _e: Any) -> None:
        p = QPainter(self)
        r = QRectF(self.rect()).adjusted(1, 1, -1, -1)
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
        p.end()
